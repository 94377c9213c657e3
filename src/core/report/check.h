/* The report checker's entry point for `gongkai check` and /staff/check: bytes in, findings out.
 *
 * A check reads the report (core/report/read.c), runs the rule table
 * (core/report/relations.c) and gives findings with line numbers and byte
 * offsets, so a web page can highlight them; core/report/output.h prints
 * them. See docs/report-checker.md. */
#ifndef GK_CORE_REPORT_CHECK_H
#define GK_CORE_REPORT_CHECK_H

#include <stddef.h>

#include "core/report/findings.h"
#include "core/report/report.h"
#include "core/report/text.h"
#include "lib/error.h"

/* Checks the report DATA[0..LEN); PREV[0..PREV_LEN) is the same agency's
 * report for the year before, or NULL. On success *OUT is a new result the
 * caller frees with gk_report_result_free (no findings is a success). Fails
 * with GK_EINVAL / GK_ETOOBIG / GK_ENOMEM when either input cannot be read;
 * ERR says which and why, and *OUT is NULL. Keeps no global state: callers
 * may check from several threads. */
enum gk_err gk_report_check(const char *data, size_t len, const char *prev, size_t prev_len,
			    struct gk_report_result **out, struct gk_error *err);
/* The same over parsed reports (PREV may be NULL); R and PREV stay the
 * caller's. Fails only with GK_ENOMEM. */
enum gk_err gk_report_check_parsed(struct gk_report *r, struct gk_report *prev,
				   struct gk_report_result **out, struct gk_error *err);

#endif
