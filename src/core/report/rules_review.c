/* "均获维持" in the text against the results of Table 3. */
#include <stdlib.h>
#include <string.h>

#include "core/report/rules.h"
#include "core/report/words.h"

static const char *const all_upheld[] = {"均获维持", "均被维持", "全部维持",
					 "均予维持", "均维持原", NULL};
/* a sentence that itself reports a correction says 均获维持 of something else */
static const char *const corrected_words[] = {"纠正", "纠错", "撤销", "确认违法", NULL};

/* True if the sentence [A, B) names a year other than YEAR ("2022年"). */
static bool names_other_year(const char *t, size_t a, size_t b, int year)
{
	for (size_t i = a; i + 7 <= b; i++) {
		if (memcmp(t + i + 4, "年", 3) != 0)
			continue;
		int y = 0;
		for (int k = 0; k < 4 && y >= 0; k++)
			y = t[i + k] >= '0' && t[i + k] <= '9' ? y * 10 + (t[i + k] - '0') : -1;
		if (y >= 1990 && y != year && (i == a || t[i - 1] < '0' || t[i - 1] > '9'))
			return true;
	}
	return false;
}

/* Cases of Table 3 groups [G0, G1] in column COL, and their figures. */
static double t3_cells(const struct gk_report *r, const struct gk_report_table3 *t3, int g0, int g1,
		       int col, int *figs, int *n)
{
	double sum = 0;
	for (int g = g0; g <= g1; g++) {
		int fi = t3->cell[g][col];
		if (fi >= 0 && r->figures[fi].value > 0) {
			sum += r->figures[fi].value;
			figs[(*n)++] = fi;
		}
	}
	return sum;
}

/* A sentence saying the reviews or suits were all upheld while Table 3 has
 * some 纠正 (cannot both be true: 错误) or some 尚未审结 / 其他结果 (the sentence
 * may mean the concluded ones: 疑问). */
void gk_check_all_upheld(struct gk_check *c, const struct gk_report_rule *rule)
{
	struct gk_report *r = c->r;
	if (r->ntable3 != 1)
		return;
	const struct gk_report_table3 *t3 = &r->table3[0];
	const char *t = r->text.text;
	for (int si = 0; si < r->nsentences && !c->oom; si++) {
		const struct gk_report_sentence *s = &r->sentences[si];
		const char *st = t + s->tstart;
		size_t sn = s->tend - s->tstart;
		if (s->tstart >= t3->tstart && s->tstart < t3->tend)
			continue;
		if (!gk_report_has_any(st, sn, all_upheld) ||
		    gk_report_has_any(st, sn, corrected_words) ||
		    (r->year && names_other_year(t, s->tstart, s->tend, r->year)))
			continue;
		bool review = gk_report_has(st, sn, "复议"), suit = gk_report_has(st, sn, "诉讼");
		if (!review && !suit)
			continue;
		int g0 = review ? GK_T3_REVIEW : GK_T3_DIRECT_SUIT;
		int g1 = suit ? GK_T3_SUIT_AFTER_REVIEW : GK_T3_REVIEW;
		int figs[3 * 3], n = 0;
		double corrected = t3_cells(r, t3, g0, g1, GK_T3_CORRECTED, figs, &n);
		double other = t3_cells(r, t3, g0, g1, GK_T3_PENDING, figs, &n) +
			       t3_cells(r, t3, g0, g1, GK_T3_OTHER_RESULT, figs, &n);
		if (corrected <= 0 && other <= 0)
			continue;
		struct gk_report_finding *f =
			gk_check_add(c, r, corrected > 0 ? GK_SEV_ERROR : GK_SEV_WARNING, rule->id,
				     s->tstart, s->tend);
		if (!f)
			return;
		f->message = gk_check_printf(
			c, "正文称“均获维持”，而统计表中结果纠正%.0f件，尚未审结或其他结果%.0f件",
			corrected, other);
		gk_check_sides(c, f, "纠正、尚未审结或其他结果", corrected + other, "应为", 0, 0);
		for (int k = 0; k < n; k++)
			gk_check_figure(c, f, r, figs[k]);
	}
}
