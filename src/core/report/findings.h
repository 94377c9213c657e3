/* Findings: what a check reports about a report, and the helpers the rules use to add them.
 *
 * The first part is public (the CLI and the web page read results); the
 * second is for the rules in core/report/rules_*.c. */
#ifndef GK_CORE_REPORT_FINDINGS_H
#define GK_CORE_REPORT_FINDINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/report/report.h"
#include "lib/arena.h"

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
	const char *relation;   /* stable id of the rule: "parts-total", "table2-row-total", … */
	const char *message;    /* one line for people, in Chinese */
	int line;               /* 1-based input line where the quote starts */
	size_t start, end;      /* the quote's byte offsets in the decoded input */
	const char *quote;      /* the sentence or table row, cleaned */
	const char *left_label; /* one side of the relation … */
	double left;
	const char *right_label; /* … and the other */
	double right;
	int decimals; /* for printing left and right */
	struct gk_report_finding_figure *figures;
	int nfigures;
	const char *file; /* NULL for the checked report, else the --previous one */
};

struct gk_report_result {
	struct gk_arena arena; /* owns everything below but findings and text */
	int year;              /* the year reported on, 0 if unknown */
	int table1_format;     /* 2019 or 2021 when Table 1 was read, else 0 */
	const char *encoding;  /* of the input: "UTF-8", "GB18030", "UTF-16" */
	const char *format;    /* "text", "markdown", "html" */
	int nfigures;          /* figures read */
	int ntables;           /* official tables read (Tables 1, 2 and 3) */
	char *text;            /* the decoded input; offsets refer to it */
	size_t text_len;
	struct gk_report_finding *findings; /* in order of position */
	int nfindings;
	int nerrors, nwarnings;
};

/* Frees RES and everything it owns; accepts NULL. */
void gk_report_result_free(struct gk_report_result *res);

/* --- for the rules ----------------------------------------------------------------- */

/* Compares figures: counts are read from text, so equal means within EPS. */
#define GK_CHECK_EPS 1e-6
/* The most figures one finding carries. */
#define GK_CHECK_MAX_FIGS 48

/* One check under way: the reports and the findings so far. */
struct gk_check {
	struct gk_report *r;          /* the report checked */
	struct gk_report *prev;       /* the same agency's report on the year before, or NULL */
	struct gk_report_result *res; /* its arena holds the findings' strings */
	struct gk_report_finding *f;  /* the findings, c->n of them (malloc'd) */
	size_t n, cap;
	bool oom; /* an allocation failed: the check fails */
};

/* A new finding of RELATION quoting R's normalised text [QA, QB), with its
 * place in the input; message and sides empty. NULL when out of memory (then
 * c->oom is set and every later call returns NULL). The finding lives in
 * c->f: it moves when the next one is added. */
struct gk_report_finding *gk_check_add(struct gk_check *c, struct gk_report *r,
				       enum gk_report_severity sev, const char *relation, size_t qa,
				       size_t qb);
/* Appends figure FI of R to F's figures (up to GK_CHECK_MAX_FIGS); F may be NULL. */
void gk_check_figure(struct gk_check *c, struct gk_report_finding *f, struct gk_report *r, int fi);
/* Sets F's two sides (labels copied into the result); F may be NULL. */
void gk_check_sides(struct gk_check *c, struct gk_report_finding *f, const char *left_label,
		    double left, const char *right_label, double right, int decimals);
/* A string formatted into the result's arena (at most 2 KiB); "" when out of memory. */
char *gk_check_printf(struct gk_check *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* "A + B + C" of the labels, "1+2+3" of the values of figures IDX[0..N) of R,
 * in the result's arena; the labels cut at 120 characters. */
const char *gk_check_join_labels(struct gk_check *c, struct gk_report *r, const int *idx, int n);
const char *gk_check_join_values(struct gk_check *c, struct gk_report *r, const int *idx, int n);
/* The sentence figure FI of R is in, or NULL. */
const struct gk_report_sentence *gk_check_sentence_of(const struct gk_report *r, int fi);

#endif
