/* The yearly report (政府信息公开工作年度报告) as figures: every cell of
 * Tables 1–3 and every figure the narrative (pre-2019) style states, for one
 * agency or summed over an agency's subtree (issue 10).
 *
 * Filled from the records by service/annual_report.c (counting rules: RULES
 * §7; core/report/annual_count.c holds the pure rules: which year and row
 * an application counts in), summed for a roll-up with gk_annual_add, its
 * derived cells set by gk_annual_totals, and rendered by
 * core/report/render_*.c (text, Markdown, JSON, HTML with SVG charts) and
 * output/ (XLSX, PDF). Every total is computed from its parts, so every
 * identity of core/report/tables.h holds by construction;
 * gk_annual_verify proves it. */
#ifndef GK_CORE_REPORT_ANNUAL_H
#define GK_CORE_REPORT_ANNUAL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/intake.h"
#include "core/item.h"
#include "core/records.h"
#include "core/report/tables.h"
#include "lib/buf.h"
#include "lib/error.h"

/* The three layouts: the 2021 format (reports on 2021 on), the 2019 format
 * (2019 and 2020), and the narrative style of the 2008 条例 (to 2018). */
enum gk_annual_style {
	GK_STYLE_NARRATIVE = 0,
	GK_STYLE_2019 = 2019,
	GK_STYLE_2021 = 2021,
};
/* The style a report on YEAR uses by default. */
enum gk_annual_style gk_annual_default_style(int year);
/* "2021", "2019", "narrative" and back; parse accepts those codes only. */
const char *gk_annual_style_code(enum gk_annual_style style);
bool gk_annual_style_parse(const char *s, enum gk_annual_style *out);

/* The sections staff write. */
#define GK_REPORT_SECTION_LIST(X)                                      \
	X(GK_SECTION_OVERVIEW, "overview", "总体情况")                 \
	X(GK_SECTION_PROBLEMS, "problems", "存在的主要问题及改进情况") \
	X(GK_SECTION_OTHER, "other", "其他需要报告的事项")
GK_ENUM_DECLARE(gk_report_section, GK_SECTION, GK_REPORT_SECTION_LIST);

struct gk_annual {
	int year;
	enum gk_annual_style style;
	char agency_code[40];
	char agency_name[160];    /* the agency (or the government of the subtree) */
	bool rollup;              /* summed over the agency's subtree */
	int nagencies;            /* agencies summed (1 for one agency) */
	long first_day, last_day; /* the period: 1 January and 31 December of year */

	/* --- Table 1: cells of both formats, by row and column (a cell a
	 * format has no place for is left 0). Counts are whole numbers;
	 * amounts are in 万元 (FEES_COLLECTED, PURCHASE_AMOUNT). */
	double t1[GK_T1_NROWS][GK_T1_NCOLUMNS];

	/* --- Table 2: every row of both formats by applicant column. The
	 * data rows are counted; the subtotal rows (REFUSED, UNABLE, IGNORED,
	 * the 2019 OTHER, TOTAL) and the 总计 column are set by
	 * gk_annual_totals. */
	int64_t t2[GK_T2_NROWS][GK_T2_COLS];

	/* --- Table 3, the 行政诉讼 sum (GK_T3_SUIT) included; 总计 columns
	 * and GK_T3_SUIT set by gk_annual_totals. */
	int64_t t3[GK_T3_NGROUPS + 1][GK_T3_NCOLS];

	/* --- proactive disclosure (narrative and 统计表) --- */
	int64_t items_published;            /* items first published in the year */
	int64_t items_normative;            /* of which 规范性文件 (and 规章) */
	int64_t by_outlet[GK_OUTLET_COUNT]; /* catalogue items by outlet, plus the
					      figures entered for outlets outside it */
	int64_t interpretations;            /* policy interpretations published */
	int64_t press_conferences, press_conferences_leader;
	int64_t interviews, interviews_leader;
	int64_t opinion_responses; /* one per concern, whatever its channels */
	int64_t responses_by_channel[GK_RCHANNEL_COUNT];
	/* responses (events) by the 统计表's two ways: through 微博 or 微信 (one
	 * event however many of the two it used), through the media or others */
	int64_t responses_weibo_wechat, responses_other_ways;

	/* --- applications (the narrative counts the same events as Table 2) --- */
	int64_t received; /* = t2[NEW][ALL] */
	int64_t received_by_channel[GK_CHANNEL_COUNT];
	int64_t concluded;         /* = t2[TOTAL][ALL] */
	int64_t on_time, extended; /* of the concluded: on_time + extended = concluded */
	int64_t by_category[GK_PRE2019_COUNT];       /* of the concluded, by pre-2019 category */
	int64_t refused_by_reason[GK_REFUSAL_COUNT]; /* of by_category[REFUSED] */
	int64_t carried_out;                         /* = t2[CARRY_OUT][ALL] */

	/* --- fees, complaints, work --- */
	int64_t fees_collected_fen;              /* information-processing fees paid in the year */
	int64_t fee_applications;                /* applications those fees were paid for */
	int64_t complaints;                      /* received in the year */
	int64_t complaints_closed;               /* of those, closed by 31 December */
	int64_t figures[GK_YEAR_FIGURE_COUNT];   /* entered per year (core/records.h) */
	bool figure_known[GK_YEAR_FIGURE_COUNT]; /* entered (else 0 shown as not entered) */

	/* --- the texts staff wrote (owned, may be NULL) --- */
	char *sections[GK_SECTION_COUNT];
	int64_t records; /* records counted: 0 means nothing was recorded */
};

/* Empties A for YEAR (style from the year). */
void gk_annual_init(struct gk_annual *a, int year);
/* Frees what A owns (the sections); A can be initialised again. */
void gk_annual_release(struct gk_annual *a);
/* Adds every counted figure of PART to SUM (a roll-up; sections are not
 * summed). Both of one year. */
void gk_annual_add(struct gk_annual *sum, const struct gk_annual *part);
/* Sets the derived cells from the counted ones: Table 2's 总计 column and
 * subtotal rows, Table 3's 总计 and 行政诉讼. (Table 1 is filled by the
 * counting itself: some of its cells need the year before.) Call after
 * counting or adding, before rendering. */
void gk_annual_totals(struct gk_annual *a);
/* Checks every identity of core/report/tables.h that the style's tables
 * have, and the narrative's own sums (channels, timing, categories,
 * reasons); GK_OK, or GK_EINTERNAL naming the first that fails (a bug:
 * the counting is wrong). */
enum gk_err gk_annual_verify(const struct gk_annual *a, struct gk_error *err);

/* --- rendering (core/report/render_*.c; XLSX and PDF in output/) ---------------------- */

enum gk_annual_format {
	GK_OUT_TEXT,     /* plain text, tables with box rules */
	GK_OUT_MARKDOWN, /* Markdown, pipe tables */
	GK_OUT_JSON,     /* each table as rows of {"label", "cells"} */
	GK_OUT_HTML,     /* an HTML fragment with SVG charts (escaped through lib/html) */
};

/* Optional context for the charts of the HTML format: the same figures
 * for the years before (oldest first), for five-year trends. */
struct gk_annual_history {
	const struct gk_annual *years;
	int nyears;
};

/* Appends A rendered in FORMAT and A's style to OUT. GK_OK or GK_ENOMEM. */
enum gk_err gk_annual_render(const struct gk_annual *a, enum gk_annual_format format,
			     const struct gk_annual_history *history, struct gk_buf *out,
			     struct gk_error *err);

/* --- the pre-2019 统计表 (core/report/stat_table.c) ---------------------------------- */

enum gk_stat_kind {
	GK_STAT_HEADING, /* a row that only heads the rows below it: no unit, no figure */
	GK_STAT_COUNT,   /* a whole number */
	GK_STAT_AMOUNT,  /* 万元 */
	GK_STAT_BLANK,   /* a figure nobody entered: left empty, not 0 */
};

struct gk_stat_row {
	int level;         /* 0 "一、", 1 "（一）", 2 "1．", 3 "其中" */
	const char *label; /* valid during the call */
	const char *unit;  /* NULL for a heading row */
	enum gk_stat_kind kind;
	double value;
};

/* Calls FN with each row of A's 统计表 (RULES §3.E), in order: the rows the
 * system has figures for. The PDF and XLSX draw it; the JSON gives it. */
void gk_annual_stat_rows(const struct gk_annual *a,
			 void (*fn)(const struct gk_stat_row *row, void *ctx), void *ctx);

/* The headings and paragraphs every format prints for A, in order, for a
 * document laid out elsewhere (the PDF, output/annual_body.c), so it says
 * the same in the same words: FN(HEADING, TEXT, CTX) for each (the title,
 * the tables and the charts' place are left out); a non-zero return stops.
 * GK_OK or GK_ENOMEM. */
enum gk_err gk_annual_prose(const struct gk_annual *a,
			    int (*fn)(bool heading, const char *text, void *ctx), void *ctx,
			    struct gk_error *err);

#endif
