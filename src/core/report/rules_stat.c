/* The narrative against the pre-2019 统计表: the year's 主动公开 total. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/report/rules.h"

/* The 统计表 row 主动公开信息数 (the year's column), or -1. */
static int stat_published(const struct gk_report *r)
{
	for (int i = 0; i < r->nfigures; i++) {
		const struct gk_report_figure *f = &r->figures[i];
		if (f->source == GK_FIG_STAT && strcmp(f->unit, "条") == 0 && !f->approx &&
		    strncmp(f->label, "主动公开", strlen("主动公开")) == 0 &&
		    strstr(f->label, "数") && !strstr(f->label, "其中"))
			return i;
	}
	return -1;
}

/* A sentence's total of the year's 主动公开: "2012年主动公开政府信息1913条",
 * "全年共主动公开政府信息…条"; not an outlet, a part or a running total. */
static bool text_published(const struct gk_report *r, const struct gk_report_figure *f)
{
	if (f->source != GK_FIG_TEXT || f->approx || f->percent || strcmp(f->unit, "条") != 0 ||
	    !strstr(f->label, "主动公开") || !strstr(f->label, "政府信息"))
		return false;
	static const char *const not_total[] = {"网站", "通过", "累计", "新增", "其中", "以来",
						"同比", "上年", "栏目", "公报", NULL};
	for (int k = 0; not_total[k]; k++)
		if (strstr(f->label, not_total[k]))
			return false;
	char year[16];
	snprintf(year, sizeof year, "%d年", r->year);
	return (r->year && strncmp(f->label, year, strlen(year)) == 0) ||
	       strncmp(f->label, "全年", strlen("全年")) == 0;
}

/* The 统计表 may count one outlet only (the portal): 疑问. */
void gk_check_text_stat(struct gk_check *c, const struct gk_report_rule *rule)
{
	struct gk_report *r = c->r;
	int si = stat_published(r);
	if (si < 0)
		return;
	const struct gk_report_figure *F = r->figures;
	int first = -1;
	for (int i = 0; i < r->nfigures; i++) {
		if (!text_published(r, &F[i]))
			continue;
		if (fabs(F[i].value - F[si].value) < GK_CHECK_EPS)
			return;
		if (first < 0)
			first = i;
	}
	if (first < 0)
		return;
	const struct gk_report_sentence *s = gk_check_sentence_of(r, first);
	struct gk_report_finding *f =
		gk_check_add(c, r, rule->severity, rule->id, s ? s->tstart : F[first].tstart,
			     s ? s->tend : F[first].tend);
	if (!f)
		return;
	f->message = gk_check_printf(c, "正文称主动公开政府信息%.0f条，而统计表“%s”为%.0f",
				     F[first].value, F[si].label, F[si].value);
	gk_check_sides(c, f, F[first].label, F[first].value, F[si].label, F[si].value, 0);
	gk_check_figure(c, f, r, first);
	gk_check_figure(c, f, r, si);
}
