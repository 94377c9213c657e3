/* The report checker: the relations that must hold between the figures of
 * an annual report (and between two consecutive reports of one agency), and
 * the findings where they do not. The API takes bytes and gives findings
 * with line numbers and byte offsets, so a web page can highlight them. */
#ifndef GK_CORE_REPORT_CHECK_H
#define GK_CORE_REPORT_CHECK_H

#include <jansson.h>
#include <stddef.h>

#include "core/report_extract.h"
#include "lib/arena.h"
#include "lib/buf.h"
#include "lib/error.h"

enum gk_report_severity {
	GK_SEV_WARNING, /* probably wrong */
	GK_SEV_ERROR,   /* cannot all be true */
};

/* A figure a finding rests on, with its place in the decoded input. */
struct gk_report_finding_figure {
	const char *label;
	double value;
	int decimals;
	const char *unit;
	int line;
	size_t start, end;
};

struct gk_report_finding {
	enum gk_report_severity severity;
	const char *relation;    /* stable id: "parts-total", "table2-row-total", … */
	const char *message;     /* one line for people, in Chinese */
	int line;                /* 1-based input line where the quote starts */
	size_t start, end;       /* the quote's byte offsets in the decoded input */
	const char *quote;       /* the sentence or table row, cleaned */
	const char *left_label;  /* one side of the relation … */
	double left;
	const char *right_label; /* … and the other */
	double right;
	int decimals;            /* for printing left and right */
	struct gk_report_finding_figure *figures;
	int nfigures;
	const char *file;        /* NULL for the checked report, else the --previous one */
};

struct gk_report_result {
	struct gk_arena arena;   /* owns everything below */
	int year;                /* the year reported on, 0 if unknown */
	int table1_format;       /* 2019 or 2021 when Table 1 was read, else 0 */
	const char *encoding;    /* of the input: "UTF-8", "GB18030", "UTF-16" */
	const char *format;      /* "text", "markdown", "html" */
	int nfigures;            /* figures read */
	int ntables;             /* official tables read (Tables 1, 2 and 3) */
	char *text;              /* the decoded input; offsets refer to it */
	size_t text_len;
	struct gk_report_finding *findings; /* in order of position */
	int nfindings;
	int nerrors, nwarnings;
};

/* Checks the report DATA[0..LEN); PREV[0..PREV_LEN) is the same agency's
 * report for the year before, or NULL. On success *OUT is a new result the
 * caller frees with gk_report_result_free (no findings is a success). Fails
 * with GK_EINVAL / GK_ETOOBIG / GK_ENOMEM when either input cannot be read;
 * ERR says which and why. */
enum gk_err gk_report_check(const char *data, size_t len, const char *prev, size_t prev_len,
			    struct gk_report_result **out, struct gk_error *err);
/* The same over parsed reports (PREV may be NULL); R and PREV stay the caller's. */
enum gk_err gk_report_check_parsed(struct gk_report *r, struct gk_report *prev,
				   struct gk_report_result **out, struct gk_error *err);
void gk_report_result_free(struct gk_report_result *res);

/* The severity as a stable machine word ("error", "warning"), used in JSON. */
const char *gk_report_severity_name(enum gk_report_severity s);
/* The severity for people: "错误" (cannot all be true) or "疑问" (probably wrong). */
const char *gk_report_severity_label(enum gk_report_severity s);

/* Appends the findings for people to OUT, naming the report NAME:
 * "NAME:LINE: 错误: … [relation]" with the figures and the quote. */
enum gk_err gk_report_result_text(const struct gk_report_result *res, const char *name, struct gk_buf *out);
/* The result as a new JSON object (the caller owns the reference); NULL when
 * out of memory. NAME may be NULL. */
json_t *gk_report_result_json(const struct gk_report_result *res, const char *name);

#endif
