/* Which figures of the yearly report a record adds to (RULES §7). */
#include "core/report/annual_count.h"

#include "core/calendar.h"
#include "lib/date.h"

static bool in_year(const struct gk_annual *a, long day)
{
	return day != GK_NO_DAY && day >= a->first_day && day <= a->last_day;
}

/* --- applications ------------------------------------------------------------------- */

enum gk_t2_col gk_annual_applicant_col(enum gk_applicant_type type)
{
	switch (type) {
	case GK_APPLICANT_NATURAL_PERSON:
		return GK_T2_NATURAL_PERSON;
	case GK_APPLICANT_BUSINESS:
		return GK_T2_BUSINESS;
	case GK_APPLICANT_RESEARCH:
		return GK_T2_RESEARCH;
	case GK_APPLICANT_PUBLIC_INTEREST:
		return GK_T2_PUBLIC_INTEREST;
	case GK_APPLICANT_LEGAL_SERVICES:
		return GK_T2_LEGAL_SERVICES;
	case GK_APPLICANT_OTHER:
	case GK_APPLICANT_COUNT:
		break;
	}
	return GK_T2_OTHER_ORG;
}

enum gk_t2_row gk_annual_outcome_row(int outcome)
{
	const struct gk_outcome_info *oi = gk_outcome_info((enum gk_outcome)outcome);
	return oi ? oi->row2021 : GK_T2_OTHER_OTHER;
}

void gk_annual_count_application(struct gk_annual *a, const struct gk_annual_app *app)
{
	long rec = app->received;
	if (rec == GK_NO_DAY || rec > a->last_day)
		return; /* not yet received in this year */
	/* a conclusion recorded before the receipt is read as on the day of
	 * receipt: the application is still counted once */
	long end = app->concluded;
	if (end != GK_NO_DAY && end < rec)
		end = rec;
	bool open_at_start = end == GK_NO_DAY || end >= a->first_day;
	bool open_at_end = end == GK_NO_DAY || end > a->last_day;
	enum gk_t2_col col = gk_annual_applicant_col(app->type);
	bool counted = false;

	if (rec >= a->first_day) { /* 一、本年新收 */
		a->t2[GK_T2_NEW][col]++;
		a->received++;
		a->received_by_channel[(unsigned)app->channel < GK_CHANNEL_COUNT
					       ? app->channel
					       : GK_CHANNEL_IN_PERSON]++;
		counted = true;
	} else if (open_at_start) { /* 二、上年结转: open on 31 December of the year before */
		a->t2[GK_T2_CARRY_IN][col]++;
		counted = true;
	}
	if (open_at_start && open_at_end) { /* 四、结转下年度继续办理 */
		a->t2[GK_T2_CARRY_OUT][col]++;
		a->carried_out++;
	} else if (open_at_start) { /* concluded in the year: 三、本年度办理结果 */
		a->t2[gk_annual_outcome_row(app->outcome)][col]++;
		a->concluded++;
		if (app->on_time && !app->after_extension)
			a->on_time++;
		else /* after the extension, or late: not 按时 */
			a->extended++;
		const struct gk_outcome_info *oi = gk_outcome_info((enum gk_outcome)app->outcome);
		enum gk_pre2019 cat = oi ? oi->pre2019 : GK_PRE2019_OTHER;
		a->by_category[cat]++;
		if (cat == GK_PRE2019_REFUSED)
			a->refused_by_reason[oi->refusal]++;
	}
	if (in_year(a, app->fee_day) && app->fee_fen > 0) {
		a->fees_collected_fen += app->fee_fen;
		a->fee_applications++;
		counted = true;
	}
	if (counted)
		a->records++;
}

/* --- Table 3, complaints, responses -------------------------------------------------- */

void gk_annual_count_dispute(struct gk_annual *a, const struct gk_dispute *d)
{
	if (!in_year(a, d->filed) || (unsigned)d->kind >= GK_T3_NGROUPS)
		return;
	enum gk_t3_col col = GK_T3_PENDING;
	if (d->result != GK_RESULT_PENDING && d->decided != GK_NO_DAY &&
	    d->decided <= a->last_day) {
		switch (d->result) {
		case GK_RESULT_UPHELD:
			col = GK_T3_UPHELD;
			break;
		case GK_RESULT_CORRECTED:
			col = GK_T3_CORRECTED;
			break;
		case GK_RESULT_OTHER:
			col = GK_T3_OTHER_RESULT;
			break;
		default:
			break;
		}
	}
	/* enum gk_dispute_kind is in the order of Table 3's groups */
	a->t3[(enum gk_t3_group)d->kind][col]++;
	a->records++;
}

void gk_annual_count_complaint(struct gk_annual *a, const struct gk_complaint *c)
{
	if (!in_year(a, c->received))
		return;
	a->complaints++;
	if (c->status != GK_COMPLAINT_OPEN && c->closed != GK_NO_DAY && c->closed <= a->last_day)
		a->complaints_closed++;
	a->records++;
}

void gk_annual_count_response(struct gk_annual *a, const struct gk_response *r)
{
	if (!in_year(a, r->held))
		return;
	switch (r->kind) {
	case GK_RESPONSE_PRESS_CONFERENCE:
		a->press_conferences++;
		a->press_conferences_leader += r->leader;
		break;
	case GK_RESPONSE_INTERVIEW:
		a->interviews++;
		a->interviews_leader += r->leader;
		break;
	case GK_RESPONSE_OPINION:
		a->opinion_responses++;
		break;
	default:
		return;
	}
	for (int c = 0; c < GK_RCHANNEL_COUNT; c++)
		if (r->channels & (1u << c))
			a->responses_by_channel[c]++;
	a->responses_weibo_wechat +=
		(r->channels & (1u << GK_RCHANNEL_WEIBO | 1u << GK_RCHANNEL_WECHAT)) != 0;
	a->responses_other_ways +=
		(r->channels & (1u << GK_RCHANNEL_MEDIA | 1u << GK_RCHANNEL_OTHER)) != 0;
	a->records++;
}

/* --- per-year figures and Table 1 ------------------------------------------------------ */

/* 分 to 万元 (1 万元 = 10,000 元 = 1,000,000 分). */
static double wan_yuan(int64_t fen)
{
	return (double)fen / 1000000.0;
}

/* 2019 format: 上一年项目数量 from the year before, 本年增/减 when both years
 * were entered (else 0: a change from an unknown count is not stated). */
static void item_counts(struct gk_annual *a, enum gk_t1_row row, enum gk_year_figure f,
			const struct gk_annual_figures *year,
			const struct gk_annual_figures *before)
{
	bool had = before && before->known[f];
	if (had)
		a->t1[row][GK_T1_ITEMS_LAST_YEAR] += (double)before->value[f];
	if (had && year->known[f])
		a->t1[row][GK_T1_ITEMS_CHANGE] += (double)(year->value[f] - before->value[f]);
}

void gk_annual_count_figures(struct gk_annual *a, const struct gk_annual_figures *year,
			     const struct gk_annual_figures *before)
{
	static const struct {
		enum gk_year_figure figure;
		enum gk_outlet outlet;
	} extra[] = {
		{GK_YF_OUTLET_WEBSITE_EXTRA, GK_OUTLET_WEBSITE},
		{GK_YF_OUTLET_GAZETTE_EXTRA, GK_OUTLET_GAZETTE},
		{GK_YF_OUTLET_WEIBO_EXTRA, GK_OUTLET_WEIBO},
		{GK_YF_OUTLET_WECHAT_EXTRA, GK_OUTLET_WECHAT},
		{GK_YF_OUTLET_OTHER_EXTRA, GK_OUTLET_OTHER},
	};
	bool any = false;
	for (int f = 0; f < GK_YEAR_FIGURE_COUNT; f++) {
		if (!year->known[f])
			continue;
		a->figures[f] += year->value[f];
		a->figure_known[f] = true;
		any = true;
	}
	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
		a->by_outlet[extra[i].outlet] += year->value[extra[i].figure];

	const int64_t *v = year->value;
	a->t1[GK_T1_LICENSE][GK_T1_DECIDED] += (double)v[GK_YF_LICENSE_DECISIONS];
	a->t1[GK_T1_PENALTY][GK_T1_DECIDED] += (double)v[GK_YF_PENALTY_DECISIONS];
	a->t1[GK_T1_COERCION][GK_T1_DECIDED] += (double)v[GK_YF_COERCION_DECISIONS];
	a->t1[GK_T1_FEES][GK_T1_FEES_COLLECTED] += wan_yuan(v[GK_YF_ADMIN_FEES]);
	a->t1[GK_T1_LICENSE][GK_T1_DECIDED_2019] += (double)v[GK_YF_LICENSE_DECISIONS];
	a->t1[GK_T1_OTHER_SERVICE][GK_T1_DECIDED_2019] += (double)v[GK_YF_OTHER_SERVICE_DECISIONS];
	a->t1[GK_T1_PENALTY][GK_T1_DECIDED_2019] += (double)v[GK_YF_PENALTY_DECISIONS];
	a->t1[GK_T1_COERCION][GK_T1_DECIDED_2019] += (double)v[GK_YF_COERCION_DECISIONS];
	a->t1[GK_T1_PROCUREMENT][GK_T1_PURCHASES] += (double)v[GK_YF_PURCHASES];
	a->t1[GK_T1_PROCUREMENT][GK_T1_PURCHASE_AMOUNT] += wan_yuan(v[GK_YF_PURCHASE_AMOUNT]);
	item_counts(a, GK_T1_LICENSE, GK_YF_LICENSE_ITEMS, year, before);
	item_counts(a, GK_T1_OTHER_SERVICE, GK_YF_OTHER_SERVICE_ITEMS, year, before);
	item_counts(a, GK_T1_PENALTY, GK_YF_PENALTY_ITEMS, year, before);
	item_counts(a, GK_T1_COERCION, GK_YF_COERCION_ITEMS, year, before);
	item_counts(a, GK_T1_FEES, GK_YF_FEE_ITEMS, year, before);
	if (any)
		a->records++;
}

void gk_annual_doc_count(struct gk_annual_items *c, const struct gk_annual_doc *d, int year)
{
	if (!d->published || d->published_day == GK_NO_DAY)
		return;
	long first = gk_date_to_days((struct gk_date){year, 1, 1});
	long last = gk_date_to_days((struct gk_date){year, 12, 31});
	bool this_year = d->published_day >= first && d->published_day <= last;
	bool by_end = d->published_day <= last;
	if (this_year) {
		c->published++;
		for (int o = 0; o < GK_OUTLET_COUNT; o++)
			if (d->outlets & (1u << o))
				c->by_outlet[o]++;
		c->interpretations += d->interpretation;
	}
	int k = d->normative == GK_NORM_RULE ? 0 : d->normative == GK_NORM_DOCUMENT ? 1 : -1;
	if (k < 0)
		return;
	if (this_year) {
		c->normative++;
		c->issued[k]++;
	}
	long made = d->written != GK_NO_DAY ? d->written : d->published_day;
	if (made >= first && made <= last)
		c->made[k]++;
	if (by_end)
		c->public_total[k]++;
	if (d->validity == GK_REPEALED && d->ended != GK_NO_DAY && d->ended >= first &&
	    d->ended <= last)
		c->repealed[k]++;
	/* in force on 31 December: published and in effect by then, and not
	 * ended by then (an end not dated counts only while still valid) */
	bool started = d->effective == GK_NO_DAY || d->effective <= last;
	bool not_ended = d->ended != GK_NO_DAY ? d->ended > last : d->validity == GK_VALID;
	if (by_end && started && not_ended)
		c->in_force[k]++;
}

void gk_annual_count_items(struct gk_annual *a, const struct gk_annual_items *c)
{
	a->items_published += c->published;
	a->items_normative += c->normative;
	for (int o = 0; o < GK_OUTLET_COUNT; o++)
		a->by_outlet[o] += c->by_outlet[o];
	a->interpretations += c->interpretations;
	static const enum gk_t1_row rows[2] = {GK_T1_RULES, GK_T1_NORMATIVE};
	for (int k = 0; k < 2; k++) {
		double *r = a->t1[rows[k]];
		r[GK_T1_ISSUED] += (double)c->issued[k];
		r[GK_T1_REPEALED] += (double)c->repealed[k];
		r[GK_T1_IN_FORCE] += (double)c->in_force[k];
		r[GK_T1_MADE] += (double)c->made[k];
		r[GK_T1_PUBLISHED] += (double)c->issued[k];
		r[GK_T1_PUBLIC_TOTAL] += (double)c->public_total[k];
	}
	if (c->published || c->public_total[0] || c->public_total[1])
		a->records++;
}
