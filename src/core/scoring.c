/* Report deadlines and the assessment's scoring sheet (see scoring.h). */
#include <string.h>

#include "core/calendar.h"
#include "core/scoring.h"
#include "lib/date.h"

GK_ENUM_DEFINE(gk_report_timing, GK_REPORT_TIMING_LIST)

long gk_report_deadline(int year, enum gk_agency_kind kind)
{
	/* the 2019 条例 took effect on 15 May 2019: reports on 2018 were still
	 * due by 31 March 2019 under the 2008 条例 */
	bool march = year < 2019 || kind == GK_AGENCY_GOVERNMENT;
	struct gk_date d = {year + 1, march ? 3 : 1, 31};
	return gk_date_to_days(d);
}

enum gk_report_timing gk_report_timing_of(long deadline, long published, long today)
{
	if (published != GK_NO_DAY)
		return published <= deadline ? GK_TIMING_ON_TIME : GK_TIMING_LATE;
	return today <= deadline ? GK_TIMING_NOT_DUE : GK_TIMING_OVERDUE;
}

#define GK_CRIT_CODE_(name, code, label, weight) code,
const char *const gk_criterion_codes[] = {GK_CRITERION_LIST(GK_CRIT_CODE_) NULL};
#undef GK_CRIT_CODE_
#define GK_CRIT_LABEL_(name, code, label, weight) label,
static const char *const labels[] = {GK_CRITERION_LIST(GK_CRIT_LABEL_) NULL};
#undef GK_CRIT_LABEL_
#define GK_CRIT_WEIGHT_(name, code, label, weight) weight,
static const int default_weights[] = {GK_CRITERION_LIST(GK_CRIT_WEIGHT_)};
#undef GK_CRIT_WEIGHT_

static const char *const rules[GK_CRIT_COUNT] = {
	[GK_CRIT_ON_TIME_RATE] = "本年办结的申请中按期办结的比例×100；本年无办结申请的不计。",
	[GK_CRIT_OVERDUE] = "100×（1－年末超期未办结件数÷（本年办结件数＋年末在办件数））；"
			    "无申请的不计。",
	[GK_CRIT_CORRECTED] = "100分起，本年立案的行政复议、行政诉讼每被纠错一件扣20分，扣完为止。",
	[GK_CRIT_ITEMS_PUBLISHED] = "本年主动公开信息条数÷同类机构中最多的条数×100；"
				    "同类机构均未公开的不计。",
	[GK_CRIT_REPORT_ON_TIME] = "按时公布100分，逾期公布50分，逾期未公布0分；未到期限的不计。",
};

const char *gk_criterion_code(enum gk_criterion c)
{
	return (unsigned)c < GK_CRIT_COUNT ? gk_criterion_codes[c] : "";
}

const char *gk_criterion_label(enum gk_criterion c)
{
	return (unsigned)c < GK_CRIT_COUNT ? labels[c] : "";
}

const char *gk_criterion_rule(enum gk_criterion c)
{
	return (unsigned)c < GK_CRIT_COUNT ? rules[c] : "";
}

bool gk_criterion_parse(const char *code, enum gk_criterion *out)
{
	for (int i = 0; code && i < GK_CRIT_COUNT; i++)
		if (strcmp(code, gk_criterion_codes[i]) == 0) {
			*out = (enum gk_criterion)i;
			return true;
		}
	return false;
}

int gk_criterion_default_weight(enum gk_criterion c)
{
	return (unsigned)c < GK_CRIT_COUNT ? default_weights[c] : 0;
}

static void set(struct gk_score *s, enum gk_criterion c, double v)
{
	s->applies[c] = true;
	s->sub[c] = v < 0 ? 0 : v > 100 ? 100 : v;
}

void gk_score_compute(const struct gk_assessment *a, int64_t best_items,
		      const int weights[GK_CRIT_COUNT], struct gk_score *out)
{
	memset(out, 0, sizeof *out);
	int64_t concluded = a->concluded_on_time + a->concluded_late;
	if (concluded > 0)
		set(out, GK_CRIT_ON_TIME_RATE,
		    100.0 * (double)a->concluded_on_time / (double)concluded);
	int64_t handled = concluded + a->open_at_end;
	if (handled > 0)
		set(out, GK_CRIT_OVERDUE,
		    100.0 * (1.0 - (double)a->open_overdue / (double)handled));
	set(out, GK_CRIT_CORRECTED,
	    100.0 - (double)GK_CORRECTED_PENALTY *
			    (double)(a->corrected_review + a->corrected_suit));
	if (best_items > 0)
		set(out, GK_CRIT_ITEMS_PUBLISHED,
		    100.0 * (double)a->items_published / (double)best_items);
	switch (a->report) {
	case GK_TIMING_ON_TIME:
		set(out, GK_CRIT_REPORT_ON_TIME, 100);
		break;
	case GK_TIMING_LATE:
		set(out, GK_CRIT_REPORT_ON_TIME, 50);
		break;
	case GK_TIMING_OVERDUE:
		set(out, GK_CRIT_REPORT_ON_TIME, 0);
		break;
	default:
		break;
	}
	double sum = 0, weight = 0;
	for (int c = 0; c < GK_CRIT_COUNT; c++) {
		if (!out->applies[c] || weights[c] <= 0)
			continue;
		sum += weights[c] * out->sub[c];
		weight += weights[c];
	}
	out->scored = weight > 0;
	out->total = weight > 0 ? sum / weight : 0;
}

enum gk_err gk_weight_check(enum gk_criterion c, long long weight, struct gk_error *err)
{
	if (weight < 0 || weight > GK_WEIGHT_MAX)
		return gk_fail(err, GK_EINVAL, "“%s”的权重须为0至%d之间的整数",
			       gk_criterion_label(c), GK_WEIGHT_MAX);
	return GK_OK;
}
