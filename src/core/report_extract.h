/* Figures extracted from an annual report: every number with its unit, label
 * and place, the groups they form (a total and its parts), and the official
 * tables (2019/2021 Table 2 and Table 3, the pre-2019 统计表 rows). */
#ifndef GK_CORE_REPORT_EXTRACT_H
#define GK_CORE_REPORT_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/report_text.h"
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
	int decimals;        /* digits printed after the decimal point */
	bool approx;         /* "余", "多", "约", "万" …: not an exact count */
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
	GK_KIND_PUBLISH,   /* proactive disclosure by channel: one item may count in several */
	GK_KIND_COUNT
};

#define GK_REPORT_GROUP_MAX 16

struct gk_report_group {
	enum gk_report_kind kind;
	int total;                        /* figure index, -1 if none */
	bool total_nearby;                /* total in the same sentence or table block */
	int nparts;
	int parts[GK_REPORT_GROUP_MAX];   /* figure indexes */
	int shares[GK_REPORT_GROUP_MAX];  /* percentage figure given for each part, or -1 */
	bool complete;                    /* the parts look like the whole list */
};

/* Rows of Table 2 (收到和处理政府信息公开申请情况), both formats. */
enum gk_t2_row {
	GK_T2_NEW, GK_T2_CARRY_IN,
	GK_T2_PUBLIC, GK_T2_PARTIAL,
	GK_T2_W1, GK_T2_W2, GK_T2_W3, GK_T2_W4, GK_T2_W5, GK_T2_W6, GK_T2_W7, GK_T2_W8,
	GK_T2_U1, GK_T2_U2, GK_T2_U3,
	GK_T2_N1, GK_T2_N2, GK_T2_N3, GK_T2_N4, GK_T2_N5,
	GK_T2_O1, GK_T2_O2, GK_T2_O3,
	GK_T2_OTHER,                          /* （六）其他处理: the 2019 row, or a subtotal */
	GK_T2_SUB_W, GK_T2_SUB_U, GK_T2_SUB_N, /* subtotal rows some reports add */
	GK_T2_TOTAL, GK_T2_CARRY_OUT,
	GK_T2_NROWS
};
#define GK_T2_COLS 7 /* 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计 */

struct gk_report_table2 {
	int cell[GK_T2_NROWS][GK_T2_COLS]; /* figure index, -1 if absent */
	bool have[GK_T2_NROWS];            /* row found with all 7 cells */
	bool total_only[GK_T2_NROWS];      /* row found with only its 总计 */
	bool broken[GK_T2_NROWS];          /* row label found, cells unreadable */
	size_t row_tstart[GK_T2_NROWS], row_tend[GK_T2_NROWS];
};

/* Table 3: 行政复议 | 未经复议直接起诉 | 复议后起诉, each 维持 纠正 其他 尚未审结 总计. */
struct gk_report_table3 {
	int cell[3][5]; /* [group][0 维持, 1 纠正, 2 其他, 3 尚未审结, 4 总计], figure index */
	size_t tstart, tend;
};

/* Rows of Table 1 (主动公开政府信息情况): the 2021 format has 规章,
 * 行政规范性文件, 行政许可, 行政处罚, 行政强制, 行政事业性收费; the 2019 format
 * also 其他对外管理服务事项 and 政府集中采购. */
enum gk_t1_row {
	GK_T1_RULES, GK_T1_NORMATIVE, GK_T1_LICENSE, GK_T1_OTHER_SERVICE, GK_T1_PENALTY, GK_T1_COERCION,
	GK_T1_FEES, GK_T1_PROCUREMENT,
	GK_T1_NROWS
};
#define GK_T1_COLS 3

/* Table 1. Columns by format — 2021: 规章/规范性文件 本年制发 本年废止 现行有效;
 * 许可/处罚/强制 本年处理决定数量; 收费 本年收费金额（万元）. 2019: 规章/规范性文件
 * 本年新制作 本年新公开 对外公开总数量; 许可/其他/处罚/强制 上一年项目数量 本年增/减
 * 处理决定数量; 收费 上一年项目数量 本年增/减; 采购 采购项目数量 采购总金额. */
struct gk_report_table1 {
	int format;                        /* 2019 or 2021; 0 if no table was read */
	int cell[GK_T1_NROWS][GK_T1_COLS]; /* figure index, -1 if absent */
	bool have[GK_T1_NROWS];            /* row read with all its cells */
	size_t row_tstart[GK_T1_NROWS], row_tend[GK_T1_NROWS];
};

/* Number of cells of ROW in Table 1 of FORMAT (2019 or 2021); 0 if the
 * format has no such row. */
int gk_report_t1_cols(int format, int row);
/* The official names of a Table 1 row and column in FORMAT (static strings). */
const char *gk_report_t1_row_name(int format, int row);
const char *gk_report_t1_col_name(int format, int row, int col);

#define GK_REPORT_MAX_TABLES 8

struct gk_report_heading {
	int number;         /* 1 for 一、 */
	size_t tstart, tend;
};

/* A parsed report. Everything it points to lives in its arena. */
struct gk_report {
	struct gk_report_text text;
	struct gk_arena arena;
	int year;                      /* the year reported on, 0 if unknown */
	bool have_published;           /* a labelled 发布日期 */
	struct gk_date published;
	size_t published_tstart;
	bool have_signed;              /* the date under the signature */
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
	struct gk_report_table1 table1; /* the first Table 1; format 0 if none */
	struct gk_report_heading *headings; /* top-level 一、二、… in order */
	int nheadings;
	int stated_parts;              /* "由…六部分组成": 6; 0 if not stated */
	size_t stated_tstart, stated_tend;
};

/* Parses DATA[0..LEN) into a new report (see gk_report_text_load for the
 * input rules). Returns NULL and fills ERR when the input cannot be read.
 * The caller frees the result with gk_report_free. */
struct gk_report *gk_report_parse(const char *data, size_t len, struct gk_error *err);
void gk_report_free(struct gk_report *r);

/* Copies normalised text [A, B) into the report's arena, with table cell
 * separators and line breaks shown as spaces; never NULL unless out of memory. */
char *gk_report_excerpt(struct gk_report *r, size_t a, size_t b);

/* Parses a date at the start of S[0..N): "2018年2月8日", "2018-02-13",
 * "2018/2/13" or "2018.02.13". Returns its length in bytes, 0 if none. */
size_t gk_report_parse_date(const char *s, size_t n, struct gk_date *d);

/* Which kind of parts LABEL names: a bit mask of 1 << enum gk_report_kind. */
unsigned gk_report_label_kinds(const char *label);

#endif
