/* A parsed annual report: figures, sentences, groups, the official tables, headings and dates.
 *
 * Reading it (core/report/read.c) runs the figure scanner (figures.c) over
 * each sentence and 统计表 row and the locators (locate_groups.c,
 * locate_tables.c) over sentences and table lines; the relations
 * (relations.c) then check what was read. Table rows and columns are those of
 * the model in core/report/tables.h. */
#ifndef GK_CORE_REPORT_REPORT_H
#define GK_CORE_REPORT_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/report/tables.h"
#include "core/report/text.h"
#include "lib/arena.h"
#include "lib/date.h"
#include "lib/error.h"

enum gk_report_source {
	GK_FIG_TEXT,   /* a sentence: "当面申请18件" */
	GK_FIG_STAT,   /* a pre-2019 统计表 row: 统计指标 | 单位 | 统计数 */
	GK_FIG_TABLE2, /* a cell of 收到和处理政府信息公开申请情况 */
	GK_FIG_TABLE3, /* a cell of 政府信息公开行政复议、行政诉讼情况 */
	GK_FIG_TABLE1, /* a cell of 主动公开政府信息情况 */
};

struct gk_report_figure {
	double value;
	int decimals; /* digits printed after the decimal point */
	bool approx;  /* "余", "多", "约", "万" …: not an exact count */
	bool percent;
	bool blank;          /* an empty table cell (or "-"), read as 0 */
	const char *unit;    /* static: "件", "条", "人次", "%", "" for table cells */
	const char *label;   /* what the number counts, cleaned ("当面申请") */
	size_t tstart, tend; /* the number and unit in the normalised text */
	size_t start, end;   /* the same in the decoded input (t->src) */
	int line;            /* 1-based input line */
	int sentence;        /* index into sentences */
	int section;         /* index of the top-level heading before it, -1 before any */
	enum gk_report_source source;
};

struct gk_report_sentence {
	size_t tstart, tend; /* in the normalised text */
	int first, count;    /* its figures: figures[first .. first+count) */
	int paragraph;
};

/* What the parts of a group count, which decides the relation that holds. */
enum gk_report_kind {
	GK_KIND_GENERIC,   /* unknown: parts of one whole, may be a partial list */
	GK_KIND_CHANNEL,   /* applications by channel: 当面/传真/网络/信函 */
	GK_KIND_TIMING,    /* 按时办结 / 延期办结 */
	GK_KIND_OUTCOME,   /* replies by outcome (pre-2019 categories) */
	GK_KIND_REFUSE,    /* reasons for not disclosing */
	GK_KIND_REVIEW,    /* reconsideration or litigation by result */
	GK_KIND_STAFF,     /* 专职 / 兼职 */
	GK_KIND_APPLICANT, /* 自然人 / 法人或其他组织 */
	GK_KIND_PUBLISH,   /* proactive disclosure by outlet: one item may count in several */
	GK_KIND_COUNT
};

#define GK_REPORT_GROUP_MAX 16

struct gk_report_group {
	enum gk_report_kind kind;
	int total;         /* figure index, -1 if none */
	bool total_nearby; /* total in the same sentence or table block */
	int nparts;
	int parts[GK_REPORT_GROUP_MAX];  /* figure indexes */
	int shares[GK_REPORT_GROUP_MAX]; /* percentage figure given for each part, or -1 */
	bool complete;                   /* the parts look like the whole list */
};

/* Table 2 as read: rows (enum gk_t2_row) by columns (enum gk_t2_col). */
struct gk_report_table2 {
	int cell[GK_T2_NROWS][GK_T2_COLS]; /* figure index, -1 if absent */
	bool have[GK_T2_NROWS];            /* row found with all 7 cells */
	bool total_only[GK_T2_NROWS];      /* row found with only its 总计 */
	bool broken[GK_T2_NROWS];          /* row label found, cells unreadable */
	size_t row_tstart[GK_T2_NROWS], row_tend[GK_T2_NROWS];
};

/* Table 3 as read: groups (enum gk_t3_group) by columns (enum gk_t3_col). */
struct gk_report_table3 {
	int cell[GK_T3_NGROUPS][GK_T3_NCOLS]; /* figure index, -1 if absent */
	size_t tstart, tend;
};

/* Table 1 as read: rows (enum gk_t1_row), each with the cells of its
 * format's columns in order (gk_report_t1_col). */
struct gk_report_table1 {
	int format;                        /* 2019 or 2021; 0 if no table was read */
	int cell[GK_T1_NROWS][GK_T1_COLS]; /* figure index, -1 if absent */
	bool have[GK_T1_NROWS];            /* row read with all its cells */
	size_t row_tstart[GK_T1_NROWS], row_tend[GK_T1_NROWS];
};

#define GK_REPORT_MAX_TABLES 8

struct gk_report_heading {
	int number; /* 1 for 一、 */
	size_t tstart, tend;
};

/* A parsed report. Everything it points to lives in its arena. */
struct gk_report {
	struct gk_report_text text;
	struct gk_arena arena;
	int year;            /* the year reported on, 0 if unknown */
	bool have_published; /* a labelled 发布日期 */
	struct gk_date published;
	size_t published_tstart;
	bool have_signed; /* the date under the signature */
	struct gk_date signed_on;
	size_t signed_tstart, signed_tend;
	struct gk_report_figure *figures;
	int nfigures;
	struct gk_report_sentence *sentences;
	int nsentences;
	struct gk_report_group *groups;
	int ngroups;
	struct gk_report_table2 table2[GK_REPORT_MAX_TABLES];
	int ntable2;
	struct gk_report_table3 table3[GK_REPORT_MAX_TABLES];
	int ntable3;
	struct gk_report_table1 table1;     /* the first Table 1; format 0 if none */
	struct gk_report_heading *headings; /* top-level 一、二、… in order */
	int nheadings;
	int stated_parts; /* "由…六部分组成": 6; 0 if not stated */
	size_t stated_tstart, stated_tend;
};

/* Parses DATA[0..LEN) into a new report (see gk_report_text_load for the
 * input rules). Returns NULL and fills ERR when the input cannot be read.
 * The caller frees the result with gk_report_free. */
struct gk_report *gk_report_parse(const char *data, size_t len, struct gk_error *err);
/* Frees R and everything it owns; accepts NULL. */
void gk_report_free(struct gk_report *r);

/* Copies normalised text [A, B) into the report's arena, with table cell
 * separators and line breaks shown as spaces; never NULL unless out of memory. */
char *gk_report_excerpt(struct gk_report *r, size_t a, size_t b);

/* Parses a date at the start of S[0..N): "2018年2月8日", "2018-02-13",
 * "2018/2/13" or "2018.02.13". Returns its length in bytes, 0 if none. */
size_t gk_report_parse_date(const char *s, size_t n, struct gk_date *d);

/* Which kind of parts LABEL names: a bit mask of 1 << enum gk_report_kind
 * (core/report/locate_groups.c). */
unsigned gk_report_label_kinds(const char *label);

#endif
