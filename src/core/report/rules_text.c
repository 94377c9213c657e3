/* The rule text-table: a count in a sentence against the same quantity in Tables 2 and 3. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/report/rules.h"
#include "core/report/words.h"

static bool label_has(const struct gk_report_figure *f, const char *kw)
{
	return strstr(f->label, kw) != NULL;
}

static bool label_has_any(const struct gk_report_figure *f, const char *const *kws)
{
	for (; *kws; kws++)
		if (strstr(f->label, *kws))
			return true;
	return false;
}

/* True if the sentence [A, B) names a year other than the report's
 * ("2020年共收到申请30件"): its figures are not this year's table. */
static bool other_year(const struct gk_report *r, size_t a, size_t b)
{
	const char *t = r->text.text;
	for (size_t i = a; i + 7 <= b; i++)
		if (t[i] == '2' && t[i + 1] == '0' && isdigit((unsigned char)t[i + 2]) &&
		    isdigit((unsigned char)t[i + 3]) &&
		    (i == a || !isdigit((unsigned char)t[i - 1])) &&
		    memcmp(t + i + 4, "年", 3) == 0 && atoi(t + i) != r->year)
			return true;
	return false;
}

/* What a narrative figure may be compared with: the table's value and up to
 * two other readings of the same words that are also right ("办结" may mean
 * （七）总计 or every application received; "予以公开" sometimes includes
 * 部分公开). */
struct table_value {
	const char *what;
	double want, alt[2];
	int nalt;
	int cells[8];
	int ncells;
};

static void tv_cell(struct table_value *v, int fig)
{
	if (fig >= 0 && v->ncells < 8)
		v->cells[v->ncells++] = fig;
}

/* --- Table 2 --------------------------------------------------------------------------- */

static bool t2_cell(const struct gk_report_table2 *t, int row)
{
	return t->have[row] || t->total_only[row];
}

/* The 总计 of a Table 2 row; when the report left that cell blank although
 * the row has figures, the sum of its applicant columns. */
static double t2_total(const struct gk_report *r, const struct gk_report_table2 *t, int row)
{
	if (t->have[row] && r->figures[t->cell[row][GK_T2_ALL]].blank) {
		double sum = 0;
		for (int k = 0; k < GK_T2_ALL; k++)
			sum += r->figures[t->cell[row][k]].value;
		return sum;
	}
	return r->figures[t->cell[row][GK_T2_ALL]].value;
}

/* The 总计 of the row NAME as the value wanted. False if it was not read. */
static bool t2_row(const struct gk_report *r, const struct gk_report_table2 *t, int row,
		   const char *what, struct table_value *v)
{
	if (!t2_cell(t, row))
		return false;
	v->what = what;
	v->want = t2_total(r, t, row);
	tv_cell(v, t->cell[row][GK_T2_ALL]);
	return true;
}

/* A section by identity ID (its row = its items): the sum of the items in
 * the 总计 column, or the section's own row when the items were not all read
 * and WITH_ROW. False if neither was read. */
static bool t2_section(const struct gk_report *r, const struct gk_report_table2 *t,
		       enum gk_report_identity_id id_, bool with_row, struct table_value *v)
{
	const struct gk_report_identity *id = gk_report_identity(id_);
	int row = id->left[0].index;
	v->what = gk_report_t2_row_info(row)->name;
	bool all = true;
	for (int k = 0; k < id->nright; k++)
		all &= t2_cell(t, id->right[k].index);
	if (all) {
		v->want = 0;
		for (int k = 0; k < id->nright; k++) {
			int item = id->right[k].index;
			v->want += t2_total(r, t, item);
			if (t2_total(r, t, item) != 0)
				tv_cell(v, t->cell[item][GK_T2_ALL]);
		}
		return true;
	}
	if (!with_row || !t2_cell(t, row))
		return false;
	v->want = t2_total(r, t, row);
	tv_cell(v, t->cell[row][GK_T2_ALL]);
	return true;
}

/* Words that make a label name something else than one row of the tables. */
static const char *const not_one_row[] = {"率",   "复议", "诉讼", "投诉", "咨询", "含",
					  "包括", "以外", "除",   "占",   NULL};

/* The Table 2 quantity a narrative figure names, if it names one unambiguously. */
static bool t2_quantity(const struct gk_report *r, const struct gk_report_table2 *t,
			const struct gk_report_figure *f, bool carry_sentence,
			struct table_value *v)
{
	unsigned kinds = gk_report_label_kinds(f->label);
	if (label_has_any(f, not_one_row))
		return false;
	bool pub = (label_has(f, "予以公开") && !label_has(f, "不予以公开")) ||
		   (label_has(f, "同意公开") && !label_has(f, "不同意公开"));
	bool part = label_has(f, "部分公开");
	bool refuse = (label_has(f, "不予公开") || label_has(f, "不予以公开") ||
		       label_has(f, "不同意公开")) &&
		      !part;
	bool cannot = label_has(f, "无法提供");
	bool ignore = label_has(f, "不予处理");
	bool other = label_has(f, "其他处理");
	int categories = pub + (part && !pub) + refuse + cannot + ignore + other;
	if (categories > 1)
		return false;
	if (label_has(f, "上年结转") || label_has(f, "上年度结转") || label_has(f, "结转上年")) {
		if (label_has(f, "下年"))
			return false;
		return t2_row(r, t, GK_T2_CARRY_IN, gk_report_t2_row_info(GK_T2_CARRY_IN)->label,
			      v);
	}
	if (label_has(f, "结转") &&
	    (label_has(f, "下年") || label_has(f, "下一年") || label_has(f, "次年")))
		return t2_row(r, t, GK_T2_CARRY_OUT, gk_report_t2_row_info(GK_T2_CARRY_OUT)->label,
			      v);
	if (pub) {
		if (!t2_cell(t, GK_T2_GRANTED) || !t2_cell(t, GK_T2_PARTIAL) ||
		    label_has(f, "主动公开"))
			return false;
		double a = t2_total(r, t, GK_T2_GRANTED), b = t2_total(r, t, GK_T2_PARTIAL);
		v->what = part ? "（一）予以公开＋（二）部分公开"
			       : gk_report_t2_row_info(GK_T2_GRANTED)->name;
		v->want = part ? a + b : a;
		v->alt[v->nalt++] = a + b; /* "同意公开" read as both */
		tv_cell(v, t->cell[GK_T2_GRANTED][GK_T2_ALL]);
		tv_cell(v, t->cell[GK_T2_PARTIAL][GK_T2_ALL]);
		return true;
	}
	if (part)
		return t2_row(r, t, GK_T2_PARTIAL, gk_report_t2_row_info(GK_T2_PARTIAL)->name, v);
	if (refuse)
		return t2_section(r, t, GK_ID_T2_REFUSED, true, v);
	if (cannot)
		return t2_section(r, t, GK_ID_T2_UNABLE, true, v);
	if (ignore)
		return t2_section(r, t, GK_ID_T2_IGNORED, true, v);
	if (other) /* the three rows of 2021, or the one row of 2019 */
		return t2_section(r, t, GK_ID_T2_OTHER, false, v) ||
		       t2_row(r, t, GK_T2_OTHER, gk_report_t2_row_info(GK_T2_OTHER)->name, v);
	if (kinds)
		return false;
	if (!carry_sentence &&
	    (label_has(f, "收到") || label_has(f, "新收") || label_has(f, "受理")) &&
	    label_has(f, "申请") &&
	    t2_row(r, t, GK_T2_NEW, gk_report_t2_row_info(GK_T2_NEW)->label, v)) {
		if (t2_cell(t, GK_T2_CARRY_IN)) {
			v->alt[v->nalt++] = v->want + t2_total(r, t, GK_T2_CARRY_IN);
			tv_cell(v, t->cell[GK_T2_CARRY_IN][GK_T2_ALL]);
		}
		return true;
	}
	if ((label_has(f, "办结") || label_has(f, "答复")) && !label_has(f, "办理中") &&
	    t2_row(r, t, GK_T2_TOTAL, GK_T2_RESULTS_LABEL "（七）总计", v)) {
		if (t2_cell(t, GK_T2_NEW)) {
			double n = t2_total(r, t, GK_T2_NEW);
			v->alt[v->nalt++] = n;
			if (t2_cell(t, GK_T2_CARRY_IN))
				v->alt[v->nalt++] = n + t2_total(r, t, GK_T2_CARRY_IN);
		}
		return true;
	}
	return false;
}

/* --- Table 3 --------------------------------------------------------------------------- */

/* The cells of the 行政诉讼 groups (identity t3-suit) in column COL, and their
 * sum; false if one is missing. */
static bool t3_suit(const struct gk_report *r, const struct gk_report_table3 *t3, int col,
		    double *sum, double *direct, struct table_value *v)
{
	const struct gk_report_identity *id = gk_report_identity(GK_ID_T3_SUIT);
	for (int k = 0; k < id->nright; k++)
		if (t3->cell[id->right[k].index][col] < 0)
			return false;
	*sum = 0;
	for (int k = 0; k < id->nright; k++) {
		int fig = t3->cell[id->right[k].index][col];
		*sum += r->figures[fig].value;
		tv_cell(v, fig);
	}
	*direct = r->figures[t3->cell[GK_T3_DIRECT_SUIT][col]].value;
	return true;
}

/* Table 3 quantities: the 行政复议 and 行政诉讼 totals, and the 维持 / 纠正 /
 * 尚未审结 parts of a narrative group whose total is one of them. */
static bool t3_quantity(const struct gk_report *r, const struct gk_report_table3 *t3, int fi,
			struct table_value *v)
{
	const struct gk_report_figure *F = r->figures, *f = &F[fi];
	unsigned kinds = gk_report_label_kinds(f->label);
	if (label_has(f, "率") || label_has(f, "含") || label_has(f, "投诉"))
		return false;
	if (label_has(f, "行政复议") && !label_has(f, "诉讼") && !label_has(f, "复议后") &&
	    kinds == 0) {
		int fig = t3->cell[GK_T3_REVIEW][GK_T3_ALL];
		if (fig < 0)
			return false;
		v->what = "行政复议·总计";
		v->want = F[fig].value;
		tv_cell(v, fig);
		return true;
	}
	if (label_has(f, "行政诉讼") && !label_has(f, "复议") && kinds == 0) {
		double direct;
		if (!t3_suit(r, t3, GK_T3_ALL, &v->want, &direct, v))
			return false;
		v->what = "行政诉讼·总计（未经复议直接起诉＋复议后起诉）";
		v->alt[v->nalt++] = direct; /* "行政诉讼" read as the direct suits only */
		return true;
	}
	/* a part of a review group: which group and which result */
	for (int g = 0; g < r->ngroups; g++) {
		const struct gk_report_group *G = &r->groups[g];
		if (G->kind != GK_KIND_REVIEW || !G->total_nearby)
			continue;
		bool part = false;
		for (int k = 0; k < G->nparts; k++)
			part |= G->parts[k] == fi;
		if (!part)
			continue;
		const char *tl = F[G->total].label;
		bool review = strstr(tl, "复议") && !strstr(tl, "诉讼");
		bool suit = strstr(tl, "诉讼") && !strstr(tl, "复议");
		int res = -1;
		if (label_has(f, "维持") || label_has(f, "驳回"))
			res = GK_T3_UPHELD;
		else if (label_has(f, "纠错") || label_has(f, "纠正") || label_has(f, "撤销") ||
			 label_has(f, "确认违法"))
			res = GK_T3_CORRECTED;
		else if (label_has(f, "尚未审结") || label_has(f, "未审结") ||
			 label_has(f, "审理中"))
			res = GK_T3_PENDING;
		if (res < 0 || label_has(f, "其他") || (!review && !suit))
			return false;
		static const char *const names[2][GK_T3_NCOLS] = {
			[0] = {[GK_T3_UPHELD] = "行政复议·结果维持",
			       [GK_T3_CORRECTED] = "行政复议·结果纠正",
			       [GK_T3_PENDING] = "行政复议·尚未审结"},
			[1] = {[GK_T3_UPHELD] = "行政诉讼·结果维持（两类起诉之和）",
			       [GK_T3_CORRECTED] = "行政诉讼·结果纠正（两类起诉之和）",
			       [GK_T3_PENDING] = "行政诉讼·尚未审结（两类起诉之和）"},
		};
		if (review) {
			int fig = t3->cell[GK_T3_REVIEW][res];
			if (fig < 0)
				return false;
			v->want = F[fig].value;
			tv_cell(v, fig);
		} else {
			double direct;
			if (!t3_suit(r, t3, res, &v->want, &direct, v))
				return false;
			v->alt[v->nalt++] = direct;
		}
		v->what = names[suit][res];
		return true;
	}
	return false;
}

void gk_check_text_table(struct gk_check *c, const struct gk_report_rule *rule)
{
	struct gk_report *r = c->r;
	if (r->ntable2 != 1 && r->ntable3 != 1)
		return; /* several tables: which one a sentence means is unclear */
	const struct gk_report_table2 *t = r->ntable2 == 1 ? &r->table2[0] : NULL;
	const struct gk_report_table3 *t3 = r->ntable3 == 1 ? &r->table3[0] : NULL;
	static const char *const compare[] = {"同比",     "去年",   "较上年",     "比上年",
					      "上年同期", "上一年", "上年度同期", "历年",
					      "累计",     "以来",   NULL};
	for (int i = 0; i < r->nfigures; i++) {
		const struct gk_report_figure *f = &r->figures[i];
		if (f->source != GK_FIG_TEXT || f->approx || f->percent ||
		    strcmp(f->unit, "件") != 0)
			continue;
		const struct gk_report_sentence *s = gk_check_sentence_of(r, i);
		if (!s)
			continue;
		const char *st = r->text.text + s->tstart;
		size_t sn = s->tend - s->tstart;
		if (gk_report_has_any(st, sn, compare) ||
		    (r->year && other_year(r, s->tstart, s->tend)))
			continue;
		bool carry = gk_report_has(st, sn, "结转");
		struct table_value v = {0};
		bool found =
			(t && t2_quantity(r, t, f, carry, &v)) || (t3 && t3_quantity(r, t3, i, &v));
		if (!found || fabs(f->value - v.want) < GK_CHECK_EPS)
			continue;
		bool alt = false;
		for (int k = 0; k < v.nalt; k++)
			alt |= fabs(f->value - v.alt[k]) < GK_CHECK_EPS;
		if (alt)
			continue;
		struct gk_report_finding *fd =
			gk_check_add(c, r, rule->severity, rule->id, s->tstart, s->tend);
		if (!fd)
			return;
		fd->message = gk_check_printf(c, "正文称“%s”%.0f件，而统计表中“%s”为%.0f", f->label,
					      f->value, v.what, v.want);
		gk_check_sides(c, fd, f->label, f->value, v.what, v.want, 0);
		gk_check_figure(c, fd, r, i);
		for (int k = 0; k < v.ncells; k++)
			gk_check_figure(c, fd, r, v.cells[k]);
	}
}
