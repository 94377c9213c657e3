/* Rules on groups: parts against their total, shares against counts and 100%, outlets. */
#include <math.h>
#include <string.h>

#include "core/report/rules.h"
#include "core/report/words.h"

/* What the parts of each kind are, as the subject of a Chinese message:
 * "申请渠道分项之和与总数不符", "各渠道占比之和为…". */
static const char *const kind_names[GK_KIND_COUNT] = {
	"各",           "申请渠道",       "按时与延期办结", "答复结果",
	"不予公开理由", "复议或诉讼结果", "专职与兼职人员", "申请人类型",
	"公开渠道",
};
static const char *const kind_nouns[GK_KIND_COUNT] = {
	"分项", "渠道",     "办结方式",   "答复结果", "理由",
	"结果", "人员类别", "申请人类型", "公开渠道",
};

/* A group whose figures are all exact, with the sum of its parts and the
 * stretch of text to quote [QA, QB). False if the group cannot be checked. */
struct group_view {
	const struct gk_report_figure *total;
	double sum;
	size_t qa, qb;
};

static bool group_view(const struct gk_report *r, const struct gk_report_group *g,
		       struct group_view *v)
{
	const struct gk_report_figure *F = r->figures;
	v->total = &F[g->total];
	if (v->total->approx || v->total->percent)
		return false;
	v->sum = 0;
	for (int i = 0; i < g->nparts; i++) {
		if (F[g->parts[i]].approx)
			return false;
		v->sum += F[g->parts[i]].value;
	}
	const struct gk_report_sentence *ts = gk_check_sentence_of(r, g->total);
	const struct gk_report_sentence *ps = gk_check_sentence_of(r, g->parts[0]);
	const struct gk_report_sentence *pe = gk_check_sentence_of(r, g->parts[g->nparts - 1]);
	if (!ts || !ps || !pe)
		return false;
	v->qa = ts->tstart < ps->tstart ? ts->tstart : ps->tstart;
	v->qb = pe->tend > ts->tend ? pe->tend : ts->tend;
	return true;
}

/* True if PCT (printed with DEC decimals) is PART/WHOLE as a percentage,
 * rounded or truncated at the printed precision. */
static bool pct_matches(double pct, int dec, double part, double whole)
{
	if (whole <= 0)
		return part <= 0 && pct <= GK_CHECK_EPS;
	double x = part / whole * 100.0;
	double scale = pow(10.0, dec);
	double tol = 1e-7;
	double rounded = floor(x * scale + 0.5 + 1e-9) / scale;
	double truncated = floor(x * scale + 1e-9) / scale;
	return fabs(pct - rounded) < tol + 1e-9 * scale ||
	       fabs(pct - truncated) < tol + 1e-9 * scale;
}

/* True if another count before the parts in their sentence equals SUM:
 * "新收120件，上年结转5件，其中自然人100件、法人20件" breaks down the 120. */
static bool other_total(const struct gk_report *r, const struct gk_report_group *g, double sum)
{
	const struct gk_report_figure *F = r->figures;
	const struct gk_report_sentence *s = gk_check_sentence_of(r, g->parts[0]);
	if (!s)
		return false;
	const char *t = r->text.text;
	size_t at = F[g->parts[0]].tstart;
	for (int i = s->first; i < s->first + s->count && i < g->parts[0]; i++) {
		if (i == g->total || F[i].percent || F[i].approx ||
		    fabs(F[i].value - sum) >= GK_CHECK_EPS ||
		    strcmp(F[i].unit, F[g->parts[0]].unit) != 0)
			continue;
		/* not across a "；": "复议6件，其中…；诉讼5件，其中…" are two wholes */
		const char *between = t + F[i].tend;
		size_t n = at > F[i].tend ? at - F[i].tend : 0;
		if (!gk_report_has(between, n, "；") && !gk_report_has(between, n, ";"))
			return true;
	}
	return false;
}

/* The total and parts of G as the finding's sides and figures. */
static void group_figures(struct gk_check *c, struct gk_report_finding *f, struct gk_report *r,
			  const struct gk_report_group *g, const struct group_view *v)
{
	if (!f)
		return;
	gk_check_sides(c, f, gk_check_join_labels(c, r, g->parts, g->nparts), v->sum,
		       v->total->label, v->total->value, 0);
	gk_check_figure(c, f, r, g->total);
	for (int i = 0; i < g->nparts; i++)
		gk_check_figure(c, f, r, g->parts[i]);
}

void gk_check_parts_total(struct gk_check *c, const struct gk_report_rule *rule)
{
	struct gk_report *r = c->r;
	for (int gi = 0; gi < r->ngroups && !c->oom; gi++) {
		const struct gk_report_group *g = &r->groups[gi];
		struct group_view v;
		if (g->kind == GK_KIND_PUBLISH || !group_view(r, g, &v))
			continue;
		bool above = v.sum > v.total->value + GK_CHECK_EPS;
		bool below = v.sum < v.total->value - GK_CHECK_EPS && g->complete;
		if ((!above && !below) || other_total(r, g, v.sum))
			continue;
		/* the checker cannot tell a partition from overlapping parts of an unknown kind */
		enum gk_report_severity sev =
			g->kind != GK_KIND_GENERIC ? rule->severity : GK_SEV_WARNING;
		struct gk_report_finding *f = gk_check_add(c, r, sev, rule->id, v.qa, v.qb);
		if (f)
			f->message =
				gk_check_printf(c, "%s分项之和与总数不符：%s=%.0f，而总数为%.0f",
						kind_names[g->kind],
						gk_check_join_values(c, r, g->parts, g->nparts),
						v.sum, v.total->value);
		group_figures(c, f, r, g, &v);
	}
}

void gk_check_percent_count(struct gk_check *c, const struct gk_report_rule *rule)
{
	struct gk_report *r = c->r;
	const struct gk_report_figure *F = r->figures;
	for (int gi = 0; gi < r->ngroups && !c->oom; gi++) {
		const struct gk_report_group *g = &r->groups[gi];
		struct group_view v;
		if (!group_view(r, g, &v))
			continue;
		const struct gk_report_figure *T = v.total;
		for (int i = 0; i < g->nparts; i++) {
			int si = g->shares[i];
			if (si < 0 || F[si].approx)
				continue;
			const struct gk_report_figure *P = &F[si];
			const struct gk_report_figure *part = &F[g->parts[i]];
			/* a share of the parts' sum is left to parts-total */
			if (pct_matches(P->value, P->decimals, part->value, T->value) ||
			    pct_matches(P->value, P->decimals, part->value, v.sum))
				continue;
			const struct gk_report_sentence *s = gk_check_sentence_of(r, si);
			struct gk_report_finding *pf =
				gk_check_add(c, r, rule->severity, rule->id,
					     s ? s->tstart : P->tstart, s ? s->tend : P->tend);
			if (!pf)
				continue;
			double exact = T->value > 0 ? part->value / T->value * 100 : 0;
			pf->message = gk_check_printf(
				c, "百分比与件数不符：%.0f÷%.0f=%.*f%%，而报告写作%.*f%%",
				part->value, T->value, P->decimals + 2, exact, P->decimals,
				P->value);
			gk_check_sides(c, pf, gk_check_printf(c, "%s所占百分比", part->label),
				       P->value,
				       gk_check_printf(c, "%s÷%s×100", part->label, T->label),
				       exact, P->decimals + 2);
			gk_check_figure(c, pf, r, si);
			gk_check_figure(c, pf, r, g->parts[i]);
			gk_check_figure(c, pf, r, g->total);
		}
	}
}

void gk_check_shares_100(struct gk_check *c, const struct gk_report_rule *rule)
{
	struct gk_report *r = c->r;
	for (int gi = 0; gi < r->ngroups && !c->oom; gi++) {
		const struct gk_report_group *g = &r->groups[gi];
		struct group_view v;
		if (!group_view(r, g, &v))
			continue;
		int nshares = 0, maxdec = 0;
		double pctsum = 0;
		int sidx[GK_REPORT_GROUP_MAX];
		for (int i = 0; i < g->nparts; i++) {
			int si = g->shares[i];
			if (si < 0)
				continue;
			sidx[nshares++] = si;
			pctsum += r->figures[si].value;
			if (r->figures[si].decimals > maxdec)
				maxdec = r->figures[si].decimals;
		}
		if (nshares < 2)
			continue;
		/* each printed share may be off by one unit of its last digit */
		double tol = nshares * pow(10.0, -maxdec) + GK_CHECK_EPS;
		bool all = nshares == g->nparts && g->complete;
		if (!(all && fabs(pctsum - 100) > tol) && !(pctsum > 100 + tol))
			continue;
		struct gk_report_finding *sf =
			gk_check_add(c, r, rule->severity, rule->id, v.qa, v.qb);
		if (!sf)
			continue;
		sf->message = gk_check_printf(c,
					      all ? "各%s占比之和为%.*f%%，应为100%%：%s"
						  : "各%s占比之和为%.*f%%，超过100%%：%s",
					      kind_nouns[g->kind], maxdec, pctsum,
					      gk_check_join_values(c, r, sidx, nshares));
		gk_check_sides(c, sf, "各项占比之和", pctsum, "整体", 100, maxdec);
		for (int i = 0; i < nshares; i++)
			gk_check_figure(c, sf, r, sidx[i]);
	}
}

/* --- outlets (发布渠道) ----------------------------------------------------------------- */

/* A 主动公开 total: "主动公开政府信息N条", not an outlet nor 规范性文件. */
static bool is_pub_total(const struct gk_report_figure *f)
{
	if (strcmp(f->unit, "条") != 0 || f->approx || f->percent)
		return false;
	if (!strstr(f->label, "主动公开") || !strstr(f->label, "政府信息"))
		return false;
	unsigned k = gk_report_label_kinds(f->label);
	return !(k & (1u << GK_KIND_PUBLISH)) && !strstr(f->label, "通过") &&
	       !strstr(f->label, "规范性文件");
}

/* The outlet a figure counts: 0 公报, 1 网站, 2 微博, 3 微信,
 * 4 其他方式, 6 新媒体, 7 客户端; -1 if none. */
static int pub_outlet(const struct gk_report_figure *f)
{
	static const char *const words[] = {"公报",     "网站",   "微博",   "微信", "其他方式",
					    "其他渠道", "新媒体", "客户端", NULL};
	if (strcmp(f->unit, "条") != 0 || f->percent || f->source != GK_FIG_TEXT)
		if (f->source != GK_FIG_STAT || strcmp(f->unit, "条") != 0)
			return -1;
	if (!strstr(f->label, "公开") && !strstr(f->label, "发布"))
		return -1;
	for (int i = 0; words[i]; i++)
		if (strstr(f->label, words[i]))
			return i >= 4 && i <= 5 ? 4 : i;
	return -1;
}

/* Outlets given in separate sentences of one section, against the
 * 主动公开 total of that section. */
static void separate_outlets(struct gk_check *c, const struct gk_report_rule *rule)
{
	struct gk_report *r = c->r;
	const struct gk_report_figure *F = r->figures;
	for (int t = 0; t < r->nfigures; t++) {
		if (!is_pub_total(&F[t]))
			continue;
		/* the outlet figures after it in its section, one per outlet */
		int parts[8], np = 0;
		unsigned seen = 0;
		bool bad = false;
		for (int i = t + 1; i < r->nfigures && F[i].section == F[t].section; i++) {
			if (is_pub_total(&F[i]))
				break;
			int o = pub_outlet(&F[i]);
			if (o < 0 || (seen & (1u << o)))
				continue;
			if (F[i].approx)
				bad = true;
			seen |= 1u << o;
			if (np < 8)
				parts[np++] = i;
		}
		if (bad || np < 3 || !(seen & (1u << 4)))
			continue;
		/* skip what a 其中 group already covers */
		bool grouped = false;
		for (int g = 0; g < r->ngroups; g++)
			if (r->groups[g].total == t && r->groups[g].kind == GK_KIND_PUBLISH)
				grouped = true;
		if (grouped)
			continue;
		double sum = 0;
		for (int i = 0; i < np; i++)
			sum += F[parts[i]].value;
		if (sum < F[t].value - GK_CHECK_EPS) {
			const struct gk_report_sentence *a = gk_check_sentence_of(r, t),
							*b = gk_check_sentence_of(r, parts[np - 1]);
			if (!a || !b)
				continue;
			struct gk_report_finding *f =
				gk_check_add(c, r, rule->severity, rule->id, a->tstart, b->tend);
			if (!f)
				return;
			f->message = gk_check_printf(
				c,
				"各公开渠道之和少于主动公开政府信息总数：%s=%.0f，而总数为%.0f"
				"（同一信息可经多个渠道发布，各渠道之和应不少于总数）",
				gk_check_join_values(c, r, parts, np), sum, F[t].value);
			gk_check_sides(c, f, gk_check_join_labels(c, r, parts, np), sum, F[t].label,
				       F[t].value, 0);
			gk_check_figure(c, f, r, t);
			for (int i = 0; i < np; i++)
				gk_check_figure(c, f, r, parts[i]);
		}
		return; /* one total per report is enough */
	}
}

void gk_check_outlets_total(struct gk_check *c, const struct gk_report_rule *rule)
{
	struct gk_report *r = c->r;
	/* one item may be published through several outlets: the outlets of a
	 * complete list add up to at least the total */
	for (int gi = 0; gi < r->ngroups && !c->oom; gi++) {
		const struct gk_report_group *g = &r->groups[gi];
		struct group_view v;
		if (g->kind != GK_KIND_PUBLISH || !group_view(r, g, &v))
			continue;
		if (!g->complete || v.sum >= v.total->value - GK_CHECK_EPS)
			continue;
		struct gk_report_finding *f =
			gk_check_add(c, r, rule->severity, rule->id, v.qa, v.qb);
		if (f)
			f->message = gk_check_printf(
				c,
				"各公开渠道之和少于其总数：%s=%.0f，而总数为%.0f"
				"（同一信息可经多个渠道发布，各渠道之和应不少于总数）",
				gk_check_join_values(c, r, g->parts, g->nparts), v.sum,
				v.total->value);
		group_figures(c, f, r, g, &v);
	}
	if (!c->oom)
		separate_outlets(c, rule);
}
