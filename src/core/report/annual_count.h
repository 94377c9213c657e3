/* Which figures of the yearly report a record adds to (RULES §7; decisions
 * in docs/annual-report.md). Pure: each function adds one record (or one
 * agency's aggregate counts) to a struct gk_annual for its year; the
 * service reads the records (store/report_store.c) and calls these per
 * agency, then sums the agencies with gk_annual_add and sets the derived
 * cells with gk_annual_totals. Every function is additive, so the report
 * of a subtree is the sum of its agencies' reports by construction. */
#ifndef GK_CORE_REPORT_ANNUAL_COUNT_H
#define GK_CORE_REPORT_ANNUAL_COUNT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/intake.h"
#include "core/item.h"
#include "core/outcome.h"
#include "core/records.h"
#include "core/report/annual.h"

/* --- applications ------------------------------------------------------------------- */

/* One application as the store gives it. Days are day numbers (lib/date.h). */
struct gk_annual_app {
	long received; /* the day of receipt (本年新收 of its year) */
	enum gk_applicant_type type;
	enum gk_channel channel;
	long concluded;       /* the day it was replied, abandoned, withdrawn or not processed;
				 GK_NO_DAY while open */
	int outcome;          /* enum gk_outcome once concluded; -1 while open */
	bool on_time;         /* concluded within its period (extension included) */
	bool after_extension; /* … after the original period, within the extension */
	long fee_day;         /* the day its fees were paid (the last payment), or GK_NO_DAY */
	int64_t fee_fen;      /* what was paid, in 分 */
};

/* Adds APP to A (of A->year): 本年新收 if received in the year, 上年结转 if
 * received before it and open on 31 December of the year before, its
 * result row (and the narrative's timing and category) if concluded in
 * the year, 结转下年度 if open on 31 December; fees paid in the year. An
 * application counts once, in one result row, over all years. */
void gk_annual_count_application(struct gk_annual *a, const struct gk_annual_app *app);

/* The Table 2 column of applicant TYPE. */
enum gk_t2_col gk_annual_applicant_col(enum gk_applicant_type type);
/* The Table 2 result row (2021 format) OUTCOME counts in; a concluded
 * application without a valid outcome counts in （六）3.其他. */
enum gk_t2_row gk_annual_outcome_row(int outcome);

/* --- Table 3, complaints, responses -------------------------------------------------- */

/* Adds a case filed in A's year to its Table 3 group, in the column of its
 * result as of 31 December (decided later, or pending: 尚未审结). Cases
 * filed in other years are not counted. */
void gk_annual_count_dispute(struct gk_annual *a, const struct gk_dispute *d);
/* Adds a complaint received in A's year (and whether it was closed by 31 December). */
void gk_annual_count_complaint(struct gk_annual *a, const struct gk_complaint *c);
/* Adds a response held in A's year: press conferences and online interviews
 * (and those a leader attended), responses to public concerns (one each
 * whatever its channels), and each channel used. */
void gk_annual_count_response(struct gk_annual *a, const struct gk_response *r);

/* --- per-year figures and Table 1 ------------------------------------------------------ */

/* The figures one agency entered for one year. */
struct gk_annual_figures {
	int64_t value[GK_YEAR_FIGURE_COUNT]; /* counts, or 分 for amounts */
	bool known[GK_YEAR_FIGURE_COUNT];
};

/* Adds one agency's figures of A's year (YEAR) and of the year before
 * (BEFORE, for the 2019 format's 上一年项目数量 and 本年增/减): the narrative's
 * figures, outlets outside the catalogue, and Table 1's decisions, fees
 * (万元) and procurement. BEFORE may be NULL. */
void gk_annual_count_figures(struct gk_annual *a, const struct gk_annual_figures *year,
			     const struct gk_annual_figures *before);

/* One catalogue document as Table 1 sees it. Days are day numbers,
 * GK_NO_DAY when the field is empty. */
struct gk_annual_doc {
	bool published; /* status published (drafts and withdrawn items are not public) */
	enum gk_normative normative;
	long written, published_day, effective, ended;
	enum gk_validity validity;
	unsigned outlets;    /* bits of enum gk_outlet */
	bool interpretation; /* interp_kind set */
};

/* One agency's catalogue counts for a year: what the aggregate SQL of
 * store/report_store.c returns, or gk_annual_doc_count summed. Index
 * [0] is 规章, [1] 行政规范性文件. */
struct gk_annual_items {
	int64_t published; /* published in the year */
	int64_t normative; /* of which 规章 or 规范性文件 */
	int64_t by_outlet[GK_OUTLET_COUNT];
	int64_t interpretations; /* published in the year with an interpretation kind */
	int64_t issued[2];       /* 2021 本年制发: published in the year */
	int64_t repealed[2];     /* 2021 本年废止: repealed, ended in the year */
	int64_t in_force[2];     /* 2021 现行有效: in force on 31 December */
	int64_t made[2];         /* 2019 本年新制作: written in the year (else published) */
	int64_t public_total[2]; /* 2019 对外公开总数量: published by 31 December */
};

/* Adds document D to C for YEAR, by the rules the SQL of
 * store/report_store.c also implements (docs/annual-report.md). */
void gk_annual_doc_count(struct gk_annual_items *c, const struct gk_annual_doc *d, int year);
/* Adds one agency's catalogue counts to A (items, outlets, interpretations,
 * Table 1's 规章 and 行政规范性文件 rows). */
void gk_annual_count_items(struct gk_annual *a, const struct gk_annual_items *c);

#endif
