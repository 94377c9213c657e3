/* A check's findings for people and programs: severity words, the text of `gongkai check`, JSON. */
#ifndef GK_CORE_REPORT_OUTPUT_H
#define GK_CORE_REPORT_OUTPUT_H

#include <jansson.h>

#include "core/report/findings.h"
#include "lib/buf.h"
#include "lib/error.h"

/* The severity as a stable machine word ("error", "warning"), used in JSON
 * and as the web page's CSS class. Static strings. */
const char *gk_report_severity_name(enum gk_report_severity s);
/* The severity for people: "错误" (cannot all be true) or "疑问" (probably
 * wrong), the same words on the web page. Static strings. */
const char *gk_report_severity_label(enum gk_report_severity s);

/* Appends the findings for people to OUT, naming the report NAME ("report"
 * if NULL): "NAME:LINE: 错误: … [relation]" with both sides and the quote,
 * then a summary line. Returns OUT's error (GK_ENOMEM, GK_ETOOBIG) if it
 * could not grow, GK_OK otherwise. */
enum gk_err gk_report_result_text(const struct gk_report_result *res, const char *name,
				  struct gk_buf *out);
/* The result as a new JSON object (the caller owns the reference); NULL when
 * out of memory. NAME, the "file" member, may be NULL. */
json_t *gk_report_result_json(const struct gk_report_result *res, const char *name);

#endif
