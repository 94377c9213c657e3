/* The yearly report's figures: totals by construction, and the proof. */
#include "core/report/annual.h"

#include <stdlib.h>
#include <string.h>

#include "lib/date.h"

GK_ENUM_DEFINE(gk_report_section, GK_REPORT_SECTION_LIST)

enum gk_annual_style gk_annual_default_style(int year)
{
	if (year >= 2021)
		return GK_STYLE_2021;
	if (year >= 2019)
		return GK_STYLE_2019;
	return GK_STYLE_NARRATIVE;
}

const char *gk_annual_style_code(enum gk_annual_style style)
{
	switch (style) {
	case GK_STYLE_2021:
		return "2021";
	case GK_STYLE_2019:
		return "2019";
	case GK_STYLE_NARRATIVE:
		return "narrative";
	}
	return "";
}

bool gk_annual_style_parse(const char *s, enum gk_annual_style *out)
{
	static const enum gk_annual_style all[] = {GK_STYLE_2021, GK_STYLE_2019,
						   GK_STYLE_NARRATIVE};
	for (size_t i = 0; s && i < sizeof all / sizeof all[0]; i++)
		if (!strcmp(s, gk_annual_style_code(all[i]))) {
			*out = all[i];
			return true;
		}
	return false;
}

void gk_annual_init(struct gk_annual *a, int year)
{
	memset(a, 0, sizeof *a);
	a->year = year;
	a->style = gk_annual_default_style(year);
	a->nagencies = 1;
	a->first_day = gk_date_to_days((struct gk_date){year, 1, 1});
	a->last_day = gk_date_to_days((struct gk_date){year, 12, 31});
}

void gk_annual_release(struct gk_annual *a)
{
	for (int i = 0; i < GK_SECTION_COUNT; i++) {
		free(a->sections[i]);
		a->sections[i] = NULL;
	}
}

#define ADD_ARRAY(dst, src)                                                    \
	do {                                                                   \
		for (size_t i_ = 0; i_ < sizeof(dst) / sizeof((dst)[0]); i_++) \
			(dst)[i_] += (src)[i_];                                \
	} while (0)

void gk_annual_add(struct gk_annual *sum, const struct gk_annual *part)
{
	for (int r = 0; r < GK_T1_NROWS; r++)
		ADD_ARRAY(sum->t1[r], part->t1[r]);
	for (int r = 0; r < GK_T2_NROWS; r++)
		ADD_ARRAY(sum->t2[r], part->t2[r]);
	for (int g = 0; g <= GK_T3_NGROUPS; g++)
		ADD_ARRAY(sum->t3[g], part->t3[g]);
	sum->items_published += part->items_published;
	sum->items_normative += part->items_normative;
	ADD_ARRAY(sum->by_outlet, part->by_outlet);
	sum->interpretations += part->interpretations;
	sum->press_conferences += part->press_conferences;
	sum->press_conferences_leader += part->press_conferences_leader;
	sum->interviews += part->interviews;
	sum->interviews_leader += part->interviews_leader;
	sum->opinion_responses += part->opinion_responses;
	ADD_ARRAY(sum->responses_by_channel, part->responses_by_channel);
	sum->responses_weibo_wechat += part->responses_weibo_wechat;
	sum->responses_other_ways += part->responses_other_ways;
	sum->received += part->received;
	ADD_ARRAY(sum->received_by_channel, part->received_by_channel);
	sum->concluded += part->concluded;
	sum->on_time += part->on_time;
	sum->extended += part->extended;
	ADD_ARRAY(sum->by_category, part->by_category);
	ADD_ARRAY(sum->refused_by_reason, part->refused_by_reason);
	sum->carried_out += part->carried_out;
	sum->fees_collected_fen += part->fees_collected_fen;
	sum->fee_applications += part->fee_applications;
	sum->complaints += part->complaints;
	sum->complaints_closed += part->complaints_closed;
	for (int f = 0; f < GK_YEAR_FIGURE_COUNT; f++) {
		sum->figures[f] += part->figures[f];
		sum->figure_known[f] = sum->figure_known[f] || part->figure_known[f];
	}
	sum->records += part->records;
}

/* The subtotal row (item 0) of result section SECTION, or -1. */
static int section_row(int section)
{
	for (int r = 0; r < GK_T2_NROWS; r++) {
		const struct gk_t2_row_info *ri = gk_report_t2_row_info((enum gk_t2_row)r);
		if (ri->section == section && ri->item == 0 && section >= 3 && section <= 6)
			return r;
	}
	return -1;
}

/* A row counted per application: a result in the 2021 format (（一）,
 * （二）, the items of （三）–（六）), 一 or 二 or 四. */
static bool counted_row(const struct gk_t2_row_info *ri)
{
	if (!(ri->formats & GK_FORMAT_2021))
		return false;
	return ri->section != 7;
}

void gk_annual_totals(struct gk_annual *a)
{
	for (int c = 0; c < GK_T2_ALL; c++) {
		for (int s = 3; s <= 6; s++) {
			int sr = section_row(s);
			if (sr >= 0)
				a->t2[sr][c] = 0;
		}
		a->t2[GK_T2_TOTAL][c] = 0;
		for (int r = 0; r < GK_T2_NROWS; r++) {
			const struct gk_t2_row_info *ri = gk_report_t2_row_info((enum gk_t2_row)r);
			if (!counted_row(ri) || ri->section == 0)
				continue;
			a->t2[GK_T2_TOTAL][c] += a->t2[r][c];
			int sr = ri->item > 0 ? section_row(ri->section) : -1;
			if (sr >= 0)
				a->t2[sr][c] += a->t2[r][c];
		}
	}
	for (int r = 0; r < GK_T2_NROWS; r++) {
		int64_t all = 0;
		for (int c = 0; c < GK_T2_ALL; c++)
			all += a->t2[r][c];
		a->t2[r][GK_T2_ALL] = all;
	}
	for (int g = 0; g < GK_T3_NGROUPS; g++) {
		int64_t all = 0;
		for (int c = 0; c < GK_T3_ALL; c++)
			all += a->t3[g][c];
		a->t3[g][GK_T3_ALL] = all;
	}
	for (int c = 0; c < GK_T3_NCOLS; c++)
		a->t3[GK_T3_SUIT][c] =
			a->t3[GK_T3_DIRECT_SUIT][c] + a->t3[GK_T3_SUIT_AFTER_REVIEW][c];
}

/* --- the proof -------------------------------------------------------------------------- */

struct lookup {
	const struct gk_annual *a;
	const struct gk_report_identity *id;
};

static bool lookup_cell(void *ctx, int index, int along, int year, double *value)
{
	const struct lookup *l = ctx;
	if (year != 0)
		return false; /* the year before is not part of one report */
	switch (l->id->table) {
	case GK_TABLE2:
		if (l->id->axis == GK_AXIS_ROWS) /* index a row, along a column */
			*value = (double)l->a->t2[index][along];
		else /* index a column, along a row */
			*value = (double)l->a->t2[along][index];
		return true;
	case GK_TABLE3:
		if (l->id->axis == GK_AXIS_GROUPS) /* index a group, along a column */
			*value = (double)l->a->t3[index][along];
		else /* index a column, along a group */
			*value = (double)l->a->t3[along][index];
		return true;
	case GK_TABLE1:
		break;
	}
	return false;
}

static enum gk_err sum_check(const char *what, int64_t total, const int64_t *parts, size_t n,
			     struct gk_error *err)
{
	int64_t s = 0;
	for (size_t i = 0; i < n; i++)
		s += parts[i];
	if (s != total)
		return gk_fail(err, GK_EINTERNAL,
			       "年度报告数据不一致（程序错误）：%s的分项合计%lld，总数%lld", what,
			       (long long)s, (long long)total);
	return GK_OK;
}

enum gk_err gk_annual_verify(const struct gk_annual *a, struct gk_error *err)
{
	for (int i = 0; i < GK_NIDENTITIES; i++) {
		const struct gk_report_identity *id =
			gk_report_identity((enum gk_report_identity_id)i);
		if (id->table == GK_TABLE1)
			continue;
		int nalong = 0;
		if (id->table == GK_TABLE2)
			nalong = id->axis == GK_AXIS_ROWS ? GK_T2_COLS : GK_T2_NROWS;
		else
			nalong = id->axis == GK_AXIS_GROUPS ? GK_T3_NCOLS : GK_T3_NGROUPS + 1;
		struct lookup l = {a, id};
		for (int along = 0; along < nalong; along++) {
			double left, right;
			if (!gk_report_identity_eval(id, along, lookup_cell, &l, &left, &right))
				continue;
			if (left != right)
				return gk_fail(
					err, GK_EINTERNAL,
					"年度报告数据不一致（程序错误）：关系 %s（%s）在第%d项不成立：%.0f ≠ %.0f",
					id->code, id->statement, along, left, right);
		}
	}
	enum gk_err rc;
	int64_t closed[2] = {a->on_time, a->extended};
	if ((rc = sum_check("各渠道收到的申请", a->received, a->received_by_channel,
			    GK_CHANNEL_COUNT, err)) ||
	    (rc = sum_check("按期与延期办结的申请", a->concluded, closed, 2, err)) ||
	    (rc = sum_check("各类办结结果", a->concluded, a->by_category, GK_PRE2019_COUNT, err)) ||
	    (rc = sum_check("各项不予公开理由", a->by_category[GK_PRE2019_REFUSED],
			    a->refused_by_reason, GK_REFUSAL_COUNT, err)))
		return rc;
	if (a->received != a->t2[GK_T2_NEW][GK_T2_ALL] ||
	    a->concluded != a->t2[GK_T2_TOTAL][GK_T2_ALL] ||
	    a->carried_out != a->t2[GK_T2_CARRY_OUT][GK_T2_ALL])
		return gk_fail(
			err, GK_EINTERNAL,
			"年度报告数据不一致（程序错误）：正文的收到、办结或结转申请数与表二不同");
	return GK_OK;
}
