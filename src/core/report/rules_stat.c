/* The narrative against the pre-2019 统计表: the year's 主动公开 total. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/report/rules.h"
#include "core/report/words.h"

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

/* The column a count was published in: the four characters before 栏目 / 专栏
 * ("审计信息栏目" → "审计信息"); false if the label names none. */
static bool outlet_key(const char *label, char key[13])
{
	const char *at = strstr(label, "栏目");
	if (!at)
		at = strstr(label, "专栏");
	if (!at || at - label < 12 || (!strstr(label, "公开") && !strstr(label, "发布")))
		return false;
	const char *k = at - 12;
	for (int i = 0; i < 4; i++)
		if ((unsigned char)k[3 * i] < 0xE4)
			return false; /* not four CJK characters */
	memcpy(key, k, 12);
	key[12] = '\0';
	return true;
}

/* "通过审计信息栏目公开信息20条" and later "通过审计信息专栏公开政府信息16条":
 * one column, two counts for the year. They may cover different periods: 疑问. */
void gk_check_same_outlet(struct gk_check *c, const struct gk_report_rule *rule)
{
	struct gk_report *r = c->r;
	const struct gk_report_figure *F = r->figures;
	static const char *const not_year[] = {"累计", "以来", "同比", "上年",
					       "去年", "其中", NULL};
	for (int i = 0; i < r->nfigures && !c->oom; i++) {
		char ka[13], kb[13];
		if (F[i].source != GK_FIG_TEXT || F[i].approx || F[i].percent ||
		    !outlet_key(F[i].label, ka))
			continue;
		for (int j = i + 1; j < r->nfigures; j++) {
			if (F[j].source != GK_FIG_TEXT || F[j].approx || F[j].percent ||
			    strcmp(F[i].unit, F[j].unit) != 0 || !outlet_key(F[j].label, kb) ||
			    strcmp(ka, kb) != 0 || F[j].sentence == F[i].sentence)
				continue;
			if (fabs(F[i].value - F[j].value) < GK_CHECK_EPS)
				break;
			const struct gk_report_sentence *sa = gk_check_sentence_of(r, i);
			const struct gk_report_sentence *sb = gk_check_sentence_of(r, j);
			if (!sa || !sb ||
			    gk_report_has_any(r->text.text + sa->tstart, sa->tend - sa->tstart,
					      not_year) ||
			    gk_report_has_any(r->text.text + sb->tstart, sb->tend - sb->tstart,
					      not_year))
				break;
			struct gk_report_finding *f =
				gk_check_add(c, r, rule->severity, rule->id, sb->tstart, sb->tend);
			if (!f)
				return;
			f->message = gk_check_printf(c, "同一栏目“%s”的公开数前后不一：%.0f与%.0f",
						     ka, F[i].value, F[j].value);
			gk_check_sides(c, f, F[i].label, F[i].value, F[j].label, F[j].value, 0);
			gk_check_figure(c, f, r, i);
			gk_check_figure(c, f, r, j);
			break;
		}
	}
}
