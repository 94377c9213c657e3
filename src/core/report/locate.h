/* Locating what figures form: groups of a total and its parts; the official tables and their cells.
 *
 * Private to core/report/ (gk_report_label_kinds is in report.h). The
 * locators run while read.c walks the text: the group locators after each
 * sentence and at the end over the 统计表 rows, the table locator over every
 * line. A failed allocation sets p->oom. */
#ifndef GK_CORE_REPORT_LOCATE_H
#define GK_CORE_REPORT_LOCATE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/report/parser.h"

/* --- groups (locate_groups.c) --------------------------------------------- */

/* The groups of sentence SI: "TOTAL N件，其中 A a件，B b件…", or a list of
 * parts with their shares that breaks down the sentence before. */
void gk_report_locate_groups(struct gk_report_parser *p, int si);
/* The groups the nesting of the 统计表 ROWS[0..N) gives (一、 > （一） > 1． > 其中). */
void gk_report_locate_stat_groups(struct gk_report_parser *p, struct gk_report_stat_row *rows,
				  size_t n);

/* --- tables (locate_tables.c) ---------------------------------------------- */

/* A token of a table line: a label word or a number ("-" and "/" are blank
 * numbers, read as 0). */
struct gk_report_token {
	size_t a, b; /* in the normalised text */
	bool number, blank;
	double value;
	int decimals;
};

#define GK_REPORT_SCAN_TOKENS 16

/* Where the table locator is between lines. */
struct gk_report_table_scan {
	int mode; /* 0 idle, 1 in Table 1, 2 in Table 2, 3 in Table 3 */
	struct gk_report_table2 *t2;
	struct gk_report_table3 *t3;
	char label[1024];
	size_t label_len;
	size_t label_start; /* text offset where the pending label began */
	struct gk_report_token nums[GK_REPORT_SCAN_TOKENS];
	int nnums;
	/* how many of nums[] lead with empty cells of TAB-separated text that
	 * are data cells only when the row needs them to be full */
	int noptional;
	int last_row; /* the Table 2 row read last, -1 if none */
	int idle_lines;
	int t3_order[GK_T3_NCOLS]; /* header position → enum gk_t3_col */
	int t3_seen;               /* header labels seen */
	bool review_seen;          /* "行政复议" seen recently */
	int review_age;
	int t1_format; /* Table 1 format from its headers: 2019, 2021, 0 not yet known */
	int t1_idle;   /* lines in Table 1 without a number */
	bool t1_done;  /* a Table 1 was read: later ones are ignored */
};

/* Prepares ST for the first line. */
void gk_report_table_scan_init(struct gk_report_table_scan *st);
/* Reads line [A, B) of the normalised text into the tables of p->r. */
void gk_report_locate_tables_line(struct gk_report_parser *p, struct gk_report_table_scan *st,
				  size_t a, size_t b);
/* Ends the text: finishes a Table 1 or Table 2 still open. */
void gk_report_locate_tables_end(struct gk_report_parser *p, struct gk_report_table_scan *st);

#endif
