/* Supervision of the yearly reports and the assessment (政务公开考核) the
 * city office builds on them: when each agency's report is due (条例 art.
 * 49), whether it came on time, and the scoring sheet — criteria, how each
 * becomes a 0–100 sub-score, and the weighted score. Pure: the figures come
 * from the store, today from the service. See docs/supervision.md. */
#ifndef GK_CORE_SCORING_H
#define GK_CORE_SCORING_H

#include <stdbool.h>
#include <stdint.h>

#include "core/agency.h"
#include "lib/enumtab.h"
#include "lib/error.h"

/* --- the report's deadline ------------------------------------------------------- */

/* The last day (lib/date.h day number) an agency of KIND may publish its
 * report on YEAR: 31 January of YEAR + 1 for departments and every other
 * kind that is not a people's government, 31 March for people's
 * governments (2019 条例 art. 49, reports on 2019 on); 31 March for all
 * under the 2008 条例 (art. 31, reports up to 2018). */
long gk_report_deadline(int year, enum gk_agency_kind kind);

/* Where a report stands against its deadline. */
#define GK_REPORT_TIMING_LIST(X)                    \
	X(GK_TIMING_ON_TIME, "on_time", "按时公布") \
	X(GK_TIMING_LATE, "late", "逾期公布")       \
	X(GK_TIMING_NOT_DUE, "not_due", "未到期限") \
	X(GK_TIMING_OVERDUE, "overdue", "逾期未公布")
GK_ENUM_DECLARE(gk_report_timing, GK_TIMING, GK_REPORT_TIMING_LIST);

/* The timing of a report due on DEADLINE, published on PUBLISHED
 * (GK_NO_DAY: not yet), seen on TODAY. Published on the deadline is on time. */
enum gk_report_timing gk_report_timing_of(long deadline, long published, long today);

/* --- the figures an assessment is built on ------------------------------------------ */

/* One agency's figures for a year (service/supervision.c counts them). */
struct gk_assessment {
	int64_t concluded_on_time; /* applications concluded in the year by their deadline */
	int64_t concluded_late;    /* concluded in the year after it */
	int64_t open_at_end;       /* received by the cut-off and still open then */
	int64_t open_overdue;      /* of those, past their deadline at the cut-off */
	int64_t corrected_review;  /* 行政复议 filed in the year, 结果纠正 by 31 December */
	int64_t corrected_suit;    /* 行政诉讼 (either kind), likewise */
	int64_t items_published;   /* catalogue items first published in the year */
	enum gk_report_timing report;
};

/* --- the scoring sheet ---------------------------------------------------------------- */

/* X(NAME, code, label, default weight). Codes are stored (score_weights.code). */
#define GK_CRITERION_LIST(X)                                                  \
	X(GK_CRIT_ON_TIME_RATE, "on_time_rate", "依申请公开按时办结率", 30)   \
	X(GK_CRIT_OVERDUE, "overdue", "超期未办结申请", 20)                   \
	X(GK_CRIT_CORRECTED, "corrected", "复议诉讼被纠错", 20)               \
	X(GK_CRIT_ITEMS_PUBLISHED, "items_published", "主动公开信息数量", 15) \
	X(GK_CRIT_REPORT_ON_TIME, "report_on_time", "年度报告按时公布", 15)

#define GK_CRIT_VALUE_(name, code, label, weight) name,
enum gk_criterion { GK_CRITERION_LIST(GK_CRIT_VALUE_) GK_CRIT_COUNT };
#undef GK_CRIT_VALUE_

#define GK_WEIGHT_MAX 1000

/* The criteria's codes in list order, NULL-ended. */
extern const char *const gk_criterion_codes[];
const char *gk_criterion_code(enum gk_criterion c);
const char *gk_criterion_label(enum gk_criterion c);
/* How the criterion becomes its sub-score, in one Chinese sentence. */
const char *gk_criterion_rule(enum gk_criterion c);
bool gk_criterion_parse(const char *code, enum gk_criterion *out);
/* The weight a year has until the city office sets one. */
int gk_criterion_default_weight(enum gk_criterion c);

/* The points a corrected case costs, from 100. */
#define GK_CORRECTED_PENALTY 20

/* One agency's scores. A criterion that does not apply (no application
 * concluded, nothing to compare, a report not yet due) has applies[c]
 * false and is left out of the score, weights and all. */
struct gk_score {
	double sub[GK_CRIT_COUNT]; /* 0–100 */
	bool applies[GK_CRIT_COUNT];
	double total; /* Σ weight × sub / Σ weight over what applies; 0–100 */
	bool scored;  /* some criterion with a weight applies */
};

/* Scores A with WEIGHTS (each 0..GK_WEIGHT_MAX). BEST_ITEMS is the most
 * items any agency of the same kind published that year (the items
 * criterion is A's share of it). */
void gk_score_compute(const struct gk_assessment *a, int64_t best_items,
		      const int weights[GK_CRIT_COUNT], struct gk_score *out);

/* Checks a weight as entered; GK_EINVAL names the criterion in Chinese. */
enum gk_err gk_weight_check(enum gk_criterion c, long long weight, struct gk_error *err);

#endif
