/* Rules on the official tables: Tables 2 and 3, Table 1 values, chains across years. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/report/rules.h"

/* --- reading cells ------------------------------------------------------------------ */

/* True if Table 2 has the cell (ROW, COL): the row was read whole, or only
 * its 总计 and COL is 总计. */
static bool t2_cell(const struct gk_report_table2 *t, int row, int col)
{
	if (t->have[row])
		return true;
	return col == GK_T2_ALL && t->total_only[row];
}

static double cellv(const struct gk_report *r, const struct gk_report_table2 *t, int row, int col)
{
	return r->figures[t->cell[row][col]].value;
}

/* The Table 2 of this year's report and of last year's, for identities. */
struct t2_pair {
	const struct gk_report *r, *prev;
	const struct gk_report_table2 *t, *tprev;
};

/* gk_report_cell_fn over rows (ALONG a column) of Table 2. */
static bool t2_row_cell(void *ctx, int row, int col, int year, double *value)
{
	const struct t2_pair *p = ctx;
	const struct gk_report *r = year ? p->prev : p->r;
	const struct gk_report_table2 *t = year ? p->tprev : p->t;
	if (!r || !t2_cell(t, row, col))
		return false;
	*value = cellv(r, t, row, col);
	return true;
}

/* gk_report_cell_fn over columns (ALONG a row) of Table 2. */
static bool t2_col_cell(void *ctx, int col, int row, int year, double *value)
{
	return t2_row_cell(ctx, row, col, year, value);
}

/* A Table 3 of one report, for identities. */
struct t3_view {
	const struct gk_report *r;
	const struct gk_report_table3 *t;
};

/* gk_report_cell_fn over Table 3 columns (ALONG a group). */
static bool t3_col_cell(void *ctx, int col, int group, int year, double *value)
{
	const struct t3_view *v = ctx;
	if (year || v->t->cell[group][col] < 0)
		return false;
	*value = v->r->figures[v->t->cell[group][col]].value;
	return true;
}

static const char *t2_row_name(int row)
{
	return gk_report_t2_row_info(row)->name;
}

static const char *t2_col_name(int col)
{
	return gk_report_t2_col_info(col)->label;
}

/* The figure indexes of the TERMS' cells of Table 2 along ALONG. */
static int t2_term_cells(const struct gk_report_table2 *t, const struct gk_report_term *terms,
			 int n, bool rows, int along, int *out)
{
	for (int i = 0; i < n; i++)
		out[i] = rows ? t->cell[terms[i].index][along] : t->cell[along][terms[i].index];
	return n;
}

/* --- Table 2 --------------------------------------------------------------------------- */

/* Marks in BLANK the rows whose 总计 cell was left blank although the row
 * has figures; returns how many there are, their rows in ROWS. */
static int t2_blank_totals(const struct gk_report *r, const struct gk_report_table2 *t,
			   bool blank[GK_T2_NROWS], int rows[GK_T2_NROWS])
{
	int n = 0;
	for (int row = 0; row < GK_T2_NROWS; row++) {
		blank[row] = false;
		if (!t->have[row] || !r->figures[t->cell[row][GK_T2_ALL]].blank)
			continue;
		double sum = 0;
		for (int col = 0; col < GK_T2_ALL; col++)
			sum += cellv(r, t, row, col);
		if (sum > 0) {
			blank[row] = true;
			rows[n++] = row;
		}
	}
	return n;
}

void gk_check_t2_blank_total(struct gk_check *c, const struct gk_report_rule *rule)
{
	struct gk_report *r = c->r;
	for (int ti = 0; ti < r->ntable2 && !c->oom; ti++) {
		const struct gk_report_table2 *t = &r->table2[ti];
		bool blank[GK_T2_NROWS];
		int rows[GK_T2_NROWS];
		int nblank = t2_blank_totals(r, t, blank, rows);
		if (!nblank)
			continue;
		struct gk_report_finding *f =
			gk_check_add(c, r, rule->severity, rule->id, t->row_tstart[rows[0]],
				     t->row_tend[rows[nblank - 1]]);
		if (!f)
			return;
		char names[512];
		size_t k = 0;
		names[0] = '\0';
		for (int i = 0; i < nblank && k < sizeof names - 80; i++) {
			int w = snprintf(names + k, sizeof names - k, "%s%s", i ? ", " : "",
					 t2_row_name(rows[i]));
			if (w > 0)
				k += (size_t)w;
		}
		double sum = 0;
		for (int i = 0; i < nblank; i++)
			for (int col = 0; col < GK_T2_ALL; col++)
				sum += cellv(r, t, rows[i], col);
		f->message =
			gk_check_printf(c, "%d行的“总计”栏为空，而这些行各类申请人之和为%.0f：%s",
					nblank, sum, names);
		gk_check_sides(c, f, "这些行各类申请人之和", sum, "这些行的“总计”栏（空白）", 0, 0);
		for (int i = 0; i < nblank; i++)
			for (int col = 0; col < GK_T2_COLS; col++)
				if (col == GK_T2_ALL || cellv(r, t, rows[i], col) != 0)
					gk_check_figure(c, f, r, t->cell[rows[i]][col]);
	}
}

void gk_check_t2_row_total(struct gk_check *c, const struct gk_report_rule *rule)
{
	struct gk_report *r = c->r;
	const struct gk_report_identity *id = gk_report_identity(GK_ID_T2_ROW_TOTAL);
	for (int ti = 0; ti < r->ntable2 && !c->oom; ti++) {
		const struct gk_report_table2 *t = &r->table2[ti];
		struct t2_pair pair = {r, NULL, t, NULL};
		bool blank[GK_T2_NROWS];
		int rows[GK_T2_NROWS];
		t2_blank_totals(r, t, blank, rows);
		for (int row = 0; row < GK_T2_NROWS; row++) {
			double tot, sum;
			if (!t->have[row] || blank[row] ||
			    !gk_report_identity_eval(id, row, t2_col_cell, &pair, &tot, &sum))
				continue;
			if (fabs(sum - tot) <= GK_CHECK_EPS)
				continue;
			struct gk_report_finding *f =
				gk_check_add(c, r, rule->severity, rule->id, t->row_tstart[row],
					     t->row_tend[row]);
			if (!f)
				return;
			int parts[GK_IDENTITY_MAX_TERMS];
			int np = t2_term_cells(t, id->right, id->nright, false, row, parts);
			f->message = gk_check_printf(
				c, "“%s”行：各类申请人之和为%s=%.0f，而总计为%.0f",
				t2_row_name(row), gk_check_join_values(c, r, parts, np), sum, tot);
			gk_check_sides(
				c, f,
				gk_check_printf(c, "%s：自然人＋法人或其他组织", t2_row_name(row)),
				sum, gk_check_printf(c, "%s：总计", t2_row_name(row)), tot, 0);
			for (int col = 0; col < GK_T2_COLS; col++)
				gk_check_figure(c, f, r, t->cell[row][col]);
		}
	}
}

/* The identities of the rows some reports add: a section's own row equals its items. */
static const enum gk_report_identity_id t2_subtotals[] = {
	GK_ID_T2_REFUSED,
	GK_ID_T2_UNABLE,
	GK_ID_T2_IGNORED,
	GK_ID_T2_OTHER,
};

void gk_check_t2_subtotal(struct gk_check *c, const struct gk_report_rule *rule)
{
	struct gk_report *r = c->r;
	for (int ti = 0; ti < r->ntable2 && !c->oom; ti++) {
		const struct gk_report_table2 *t = &r->table2[ti];
		struct t2_pair pair = {r, NULL, t, NULL};
		for (size_t s = 0; s < sizeof t2_subtotals / sizeof t2_subtotals[0]; s++) {
			const struct gk_report_identity *id = gk_report_identity(t2_subtotals[s]);
			int sub = id->left[0].index;
			for (int col = 0; col < GK_T2_COLS; col++) {
				double tot, sum;
				if (!gk_report_identity_eval(id, col, t2_row_cell, &pair, &tot,
							     &sum) ||
				    fabs(sum - tot) <= GK_CHECK_EPS)
					continue;
				struct gk_report_finding *f =
					gk_check_add(c, r, rule->severity, rule->id,
						     t->row_tstart[sub], t->row_tend[sub]);
				if (!f)
					return;
				f->message = gk_check_printf(
					c, "“%s”栏：%s各小项之和为%.0f，而该项为%.0f",
					t2_col_name(col), t2_row_name(sub), sum, tot);
				gk_check_sides(c, f,
					       gk_check_printf(c, "%s各小项之和（%s）",
							       t2_row_name(sub), t2_col_name(col)),
					       sum,
					       gk_check_printf(c, "%s（%s）", t2_row_name(sub),
							       t2_col_name(col)),
					       tot, 0);
				gk_check_figure(c, f, r, t->cell[sub][col]);
				for (int k = 0; k < id->nright; k++)
					gk_check_figure(c, f, r, t->cell[id->right[k].index][col]);
			}
		}
	}
}

/* The subtotal identity whose items include ROW, or NULL. */
static const struct gk_report_identity *t2_subtotal_of(int row)
{
	for (size_t s = 0; s < sizeof t2_subtotals / sizeof t2_subtotals[0]; s++) {
		const struct gk_report_identity *id = gk_report_identity(t2_subtotals[s]);
		for (int k = 0; k < id->nright; k++)
			if (id->right[k].index == row)
				return id;
	}
	return NULL;
}

/* The rows that make up （七）总计 in column COL of this table, into ROWS: the
 * result rows of the 2021 format, each section with items by its items
 * when all were read, else by its own row (the 2019 （六）, or a subtotal
 * row the report adds). 0 if some are missing. */
static int t2_result_rows(const struct gk_report_table2 *t, int col, int *rows)
{
	const struct gk_report_identity *id = gk_report_identity(GK_ID_T2_RESULTS_2021);
	const struct gk_report_identity *done[GK_IDENTITY_MAX_TERMS];
	int n = 0, ndone = 0;
	for (int i = 0; i < id->nright; i++) {
		int row = id->right[i].index;
		const struct gk_report_identity *sub = t2_subtotal_of(row);
		if (!sub) {
			rows[n++] = row;
			continue;
		}
		bool seen = false;
		for (int k = 0; k < ndone; k++)
			seen |= done[k] == sub;
		if (seen)
			continue;
		done[ndone++] = sub;
		bool all = true;
		for (int k = 0; k < sub->nright; k++)
			all &= t2_cell(t, sub->right[k].index, col);
		if (all) {
			for (int k = 0; k < sub->nright; k++)
				rows[n++] = sub->right[k].index;
		} else if (t2_cell(t, sub->left[0].index, col)) {
			rows[n++] = sub->left[0].index;
		} else {
			return 0;
		}
	}
	for (int i = 0; i < n; i++)
		if (!t2_cell(t, rows[i], col))
			return 0;
	return n;
}

void gk_check_t2_results_total(struct gk_check *c, const struct gk_report_rule *rule)
{
	struct gk_report *r = c->r;
	for (int ti = 0; ti < r->ntable2 && !c->oom; ti++) {
		const struct gk_report_table2 *t = &r->table2[ti];
		bool blank[GK_T2_NROWS];
		int blank_rows[GK_T2_NROWS];
		t2_blank_totals(r, t, blank, blank_rows);
		for (int col = 0; col < GK_T2_COLS; col++) {
			if (!t2_cell(t, GK_T2_TOTAL, col))
				continue;
			int rows[GK_IDENTITY_MAX_TERMS];
			int n = t2_result_rows(t, col, rows);
			if (!n)
				continue;
			bool blanks = false;
			for (int i = 0; i < n; i++)
				blanks |= blank[rows[i]] && col == GK_T2_ALL;
			if (blanks)
				continue; /* already reported as blank totals */
			double sum = 0;
			for (int i = 0; i < n; i++)
				sum += cellv(r, t, rows[i], col);
			double tot = cellv(r, t, GK_T2_TOTAL, col);
			if (fabs(sum - tot) <= GK_CHECK_EPS)
				continue;
			struct gk_report_finding *f =
				gk_check_add(c, r, rule->severity, rule->id,
					     t->row_tstart[GK_T2_TOTAL], t->row_tend[GK_T2_TOTAL]);
			if (!f)
				return;
			f->message = gk_check_printf(
				c, "“%s”栏：办理结果（一）至（六）之和为%.0f，而（七）总计为%.0f",
				t2_col_name(col), sum, tot);
			gk_check_sides(
				c, f,
				gk_check_printf(c, "（一）至（六）之和（%s）", t2_col_name(col)),
				sum, gk_check_printf(c, "（七）总计（%s）", t2_col_name(col)), tot,
				0);
			gk_check_figure(c, f, r, t->cell[GK_T2_TOTAL][col]);
			for (int i = 0; i < n; i++)
				if (cellv(r, t, rows[i], col) != 0)
					gk_check_figure(c, f, r, t->cell[rows[i]][col]);
		}
	}
}

void gk_check_t2_balance(struct gk_check *c, const struct gk_report_rule *rule)
{
	struct gk_report *r = c->r;
	const struct gk_report_identity *id = gk_report_identity(GK_ID_T2_BALANCE);
	for (int ti = 0; ti < r->ntable2 && !c->oom; ti++) {
		const struct gk_report_table2 *t = &r->table2[ti];
		struct t2_pair pair = {r, NULL, t, NULL};
		bool blank[GK_T2_NROWS];
		int blank_rows[GK_T2_NROWS];
		t2_blank_totals(r, t, blank, blank_rows);
		/* a blank 总计 in 一, 二, 三（七） or 四 is reported as such */
		bool blanks = blank[GK_T2_NEW] || blank[GK_T2_CARRY_IN] || blank[GK_T2_TOTAL] ||
			      blank[GK_T2_CARRY_OUT];
		for (int col = 0; col < GK_T2_COLS; col++) {
			double in, out;
			if ((blanks && col == GK_T2_ALL) ||
			    !gk_report_identity_eval(id, col, t2_row_cell, &pair, &in, &out) ||
			    fabs(in - out) <= GK_CHECK_EPS)
				continue;
			struct gk_report_finding *f = gk_check_add(c, r, rule->severity, rule->id,
								   t->row_tstart[GK_T2_CARRY_OUT],
								   t->row_tend[GK_T2_CARRY_OUT]);
			if (!f)
				return;
			/* 一, 二 on the left, 三（七）, 四 on the right */
			int cells[4];
			t2_term_cells(t, id->left, id->nleft, true, col, cells);
			t2_term_cells(t, id->right, id->nright, true, col, cells + id->nleft);
			f->message = gk_check_printf(
				c,
				"“%s”栏：第一项加第二项为%.0f+%.0f=%.0f，而第三项（七）总计加第四项为%.0f+%.0f=%.0f"
				"（" GK_T2_BALANCE_NOTE "）",
				t2_col_name(col), r->figures[cells[0]].value,
				r->figures[cells[1]].value, in, r->figures[cells[2]].value,
				r->figures[cells[3]].value, out);
			gk_check_sides(
				c, f, gk_check_printf(c, "一＋二（%s）", t2_col_name(col)), in,
				gk_check_printf(c, "三（七）＋四（%s）", t2_col_name(col)), out, 0);
			for (int k = 0; k < 4; k++)
				gk_check_figure(c, f, r, cells[k]);
		}
	}
}

/* --- Table 3 --------------------------------------------------------------------------- */

void gk_check_t3_total(struct gk_check *c, const struct gk_report_rule *rule)
{
	struct gk_report *r = c->r;
	const struct gk_report_identity *id = gk_report_identity(GK_ID_T3_TOTAL);
	for (int ti = 0; ti < r->ntable3 && !c->oom; ti++) {
		const struct gk_report_table3 *t = &r->table3[ti];
		struct t3_view view = {r, t};
		for (int g = 0; g < GK_T3_NGROUPS; g++) {
			bool whole = true;
			for (int k = 0; k < GK_T3_NCOLS; k++)
				whole &= t->cell[g][k] >= 0;
			double tot, sum;
			if (!whole ||
			    !gk_report_identity_eval(id, g, t3_col_cell, &view, &tot, &sum) ||
			    fabs(sum - tot) <= GK_CHECK_EPS)
				continue;
			struct gk_report_finding *f =
				gk_check_add(c, r, rule->severity, rule->id, t->tstart, t->tend);
			if (!f)
				return;
			const char *group = gk_report_t3_group_info(g)->name;
			int parts[GK_IDENTITY_MAX_TERMS];
			for (int k = 0; k < id->nright; k++)
				parts[k] = t->cell[g][id->right[k].index];
			f->message = gk_check_printf(
				c,
				"%s：结果维持、结果纠正、其他结果、尚未审结之和为%s=%.0f，而总计为%.0f",
				group, gk_check_join_values(c, r, parts, id->nright), sum, tot);
			gk_check_sides(c, f,
				       gk_check_printf(c,
						       "%s：结果维持＋结果纠正＋其他结果＋尚未审结",
						       group),
				       sum, gk_check_printf(c, "%s：总计", group), tot, 0);
			for (int k = 0; k < GK_T3_NCOLS; k++)
				gk_check_figure(c, f, r, t->cell[g][k]);
		}
	}
}

/* --- Table 1 --------------------------------------------------------------------------- */

static enum gk_t1_kind t1_kind(int format, int row, int pos)
{
	return gk_report_t1_col_info(gk_report_t1_col(format, row, pos))->kind;
}

static double t1_value(const struct gk_report *r, int row, enum gk_t1_col col)
{
	int pos = gk_report_t1_col_pos(r->table1.format, row, col);
	return r->figures[r->table1.cell[row][pos]].value;
}

void gk_check_t1_value(struct gk_check *c, const struct gk_report_rule *rule)
{
	struct gk_report *r = c->r;
	const struct gk_report_table1 *t = &r->table1;
	if (!t->format)
		return;
	for (int row = 0; row < GK_T1_NROWS; row++) {
		if (!t->have[row])
			continue;
		const char *rn = gk_report_t1_row_name(t->format, row);
		for (int pos = 0; pos < gk_report_t1_cols(t->format, row); pos++) {
			const struct gk_report_figure *F = &r->figures[t->cell[row][pos]];
			enum gk_t1_kind k = t1_kind(t->format, row, pos);
			bool fraction = k != GK_T1_AMOUNT && F->decimals > 0 &&
					fabs(F->value - round(F->value)) > GK_CHECK_EPS;
			bool negative = k != GK_T1_DELTA && F->value < -GK_CHECK_EPS;
			if (!fraction && !negative)
				continue;
			struct gk_report_finding *f =
				gk_check_add(c, r, rule->severity, rule->id, t->row_tstart[row],
					     t->row_tend[row]);
			if (!f)
				return;
			const char *cn = gk_report_t1_col_name(t->format, row, pos);
			f->message = gk_check_printf(
				c, "“%s”行“%s”为%.*f，%s", rn, cn, F->decimals, F->value,
				k == GK_T1_AMOUNT ? "金额不应为负数" : "件数应为非负整数");
			gk_check_sides(c, f, gk_check_printf(c, "%s·%s", rn, cn), F->value,
				       k == GK_T1_AMOUNT ? "金额下限" : "件数下限", 0, F->decimals);
			gk_check_figure(c, f, r, t->cell[row][pos]);
		}
		/* 2019: 上一年项目数量 + 本年增/减 is this year's number of items */
		int before = gk_report_t1_col_pos(t->format, row, GK_T1_ITEMS_LAST_YEAR);
		int delta = gk_report_t1_col_pos(t->format, row, GK_T1_ITEMS_CHANGE);
		if (before < 0 || delta < 0)
			continue;
		double b = r->figures[t->cell[row][before]].value,
		       d = r->figures[t->cell[row][delta]].value;
		if (b + d >= -GK_CHECK_EPS)
			continue;
		struct gk_report_finding *f = gk_check_add(c, r, rule->severity, rule->id,
							   t->row_tstart[row], t->row_tend[row]);
		if (!f)
			return;
		f->message = gk_check_printf(
			c, "“%s”行：上一年项目数量为%.0f，本年增/减为%.0f，本年项目数量将为负数",
			rn, b, d);
		gk_check_sides(c, f, "上一年项目数量＋本年增/减", b + d, "项目数量下限", 0, 0);
		gk_check_figure(c, f, r, t->cell[row][before]);
		gk_check_figure(c, f, r, t->cell[row][delta]);
	}
}

/* gk_report_cell_fn over Table 1 columns (ALONG a row), this year's and last year's. */
static bool t1_col_cell(void *ctx, int col, int row, int year, double *value)
{
	struct gk_check *c = ctx;
	const struct gk_report *r = year ? c->prev : c->r;
	const struct gk_report_table1 *t = &r->table1;
	int pos = gk_report_t1_col_pos(t->format, row, col);
	if (!t->have[row] || pos < 0)
		return false;
	*value = r->figures[t->cell[row][pos]].value;
	return true;
}

/* True if identity ID can chain the two reports' Table 1: both were read in
 * the same format, one the identity holds in. */
static bool t1_chained(const struct gk_check *c, const struct gk_report_identity *id)
{
	const struct gk_report_table1 *t = &c->r->table1, *q = &c->prev->table1;
	return t->format && t->format == q->format &&
	       (id->formats & gk_report_format_bit(t->format));
}

/* Warnings: amendments, documents expiring by their own terms and re-counted
 * items make small differences legitimate. */
void gk_check_t1_in_force(struct gk_check *c, const struct gk_report_rule *rule)
{
	struct gk_report *r = c->r, *p = c->prev;
	const struct gk_report_identity *id = gk_report_identity(GK_ID_T1_IN_FORCE);
	if (!t1_chained(c, id))
		return;
	const struct gk_report_table1 *t = &r->table1;
	for (int row = 0; row < GK_T1_NROWS; row++) {
		double now, chain;
		if (!gk_report_identity_eval(id, row, t1_col_cell, c, &now, &chain) ||
		    fabs(chain - now) < GK_CHECK_EPS)
			continue;
		struct gk_report_finding *f = gk_check_add(c, r, rule->severity, rule->id,
							   t->row_tstart[row], t->row_tend[row]);
		if (!f)
			return;
		const char *rn = gk_report_t1_row_name(t->format, row);
		int last = gk_report_t1_col_pos(p->table1.format, row, GK_T1_IN_FORCE);
		f->message = gk_check_printf(
			c,
			"“%s”行：上年现行有效%.0f件＋本年制发%.0f件－本年废止%.0f件＝%.0f件，而本年现行有效件数为%.0f件"
			"（修改、到期自动失效等情形也会造成差异，请核实）",
			rn, p->figures[p->table1.cell[row][last]].value,
			t1_value(r, row, GK_T1_ISSUED), t1_value(r, row, GK_T1_REPEALED), chain,
			now);
		gk_check_sides(c, f, "上年现行有效＋本年制发－本年废止", chain,
			       gk_check_printf(c, "%s·现行有效件数", rn), now, 0);
		for (int pos = 0; pos < gk_report_t1_cols(t->format, row); pos++)
			gk_check_figure(c, f, r, t->cell[row][pos]);
	}
}

void gk_check_t1_items(struct gk_check *c, const struct gk_report_rule *rule)
{
	struct gk_report *r = c->r, *p = c->prev;
	const struct gk_report_identity *id = gk_report_identity(GK_ID_T1_ITEMS);
	if (!t1_chained(c, id))
		return;
	const struct gk_report_table1 *t = &r->table1;
	for (int row = 0; row < GK_T1_NROWS; row++) {
		double now, last;
		if (!gk_report_identity_eval(id, row, t1_col_cell, c, &now, &last) ||
		    fabs(last - now) < GK_CHECK_EPS)
			continue;
		struct gk_report_finding *f = gk_check_add(c, r, rule->severity, rule->id,
							   t->row_tstart[row], t->row_tend[row]);
		if (!f)
			return;
		const char *rn = gk_report_t1_row_name(t->format, row);
		f->message = gk_check_printf(
			c,
			"“%s”行：本年“上一年项目数量”为%.0f，而上年报告中上一年项目数量%.0f加本年增/减%.0f为%.0f",
			rn, now, t1_value(p, row, GK_T1_ITEMS_LAST_YEAR),
			t1_value(p, row, GK_T1_ITEMS_CHANGE), last);
		gk_check_sides(c, f, gk_check_printf(c, "%s·上一年项目数量", rn), now,
			       "上年报告：上一年项目数量＋本年增/减", last, 0);
		gk_check_figure(
			c, f, r,
			t->cell[row][gk_report_t1_col_pos(t->format, row, GK_T1_ITEMS_LAST_YEAR)]);
	}
}

/* --- across two reports: 上年结转 ---------------------------------------------------------- */

/* The first narrative or 统计表 count in 件 whose label has KW. */
static int find_text_figure(const struct gk_report *r, const char *kw)
{
	for (int i = 0; i < r->nfigures; i++) {
		const struct gk_report_figure *f = &r->figures[i];
		if ((f->source == GK_FIG_TEXT || f->source == GK_FIG_STAT) && !f->percent &&
		    !f->approx && strcmp(f->unit, "件") == 0 && strstr(f->label, kw))
			return i;
	}
	return -1;
}

void gk_check_carry_over(struct gk_check *c, const struct gk_report_rule *rule)
{
	struct gk_report *r = c->r, *p = c->prev;
	if (r->ntable2 >= 1 && p->ntable2 >= 1) {
		const struct gk_report_identity *id = gk_report_identity(GK_ID_T2_CARRY_OVER);
		const struct gk_report_table2 *t = &r->table2[0], *q = &p->table2[0];
		struct t2_pair pair = {r, p, t, q};
		for (int col = 0; col < GK_T2_COLS; col++) {
			double now, then;
			if (!gk_report_identity_eval(id, col, t2_row_cell, &pair, &now, &then) ||
			    fabs(now - then) < GK_CHECK_EPS)
				continue;
			struct gk_report_finding *f = gk_check_add(c, r, rule->severity, rule->id,
								   t->row_tstart[GK_T2_CARRY_IN],
								   t->row_tend[GK_T2_CARRY_IN]);
			if (!f)
				return;
			f->message = gk_check_printf(
				c,
				"“%s”栏：本年“二、上年结转”为%.0f，而上年报告“四、结转下年度继续办理”为%.0f",
				t2_col_name(col), now, then);
			gk_check_sides(c, f,
				       gk_check_printf(c, "二、上年结转（%s）", t2_col_name(col)),
				       now,
				       gk_check_printf(c, "上年报告：四、结转下年度继续办理（%s）",
						       t2_col_name(col)),
				       then, 0);
			gk_check_figure(c, f, r, t->cell[GK_T2_CARRY_IN][col]);
			struct gk_report_finding_figure *pf =
				f->nfigures < GK_CHECK_MAX_FIGS ? &f->figures[f->nfigures] : NULL;
			gk_check_figure(c, f, p, q->cell[GK_T2_CARRY_OUT][col]);
			if (pf)
				pf->label = "上年报告：结转下年度继续办理";
		}
		return;
	}
	/* narrative reports: "上年结转N件" against "结转下年度N件" */
	int now = find_text_figure(r, "上年结转");
	int then = find_text_figure(p, "结转下年");
	if (then < 0)
		then = find_text_figure(p, "结转至");
	if (now < 0 || then < 0)
		return;
	double a = r->figures[now].value, b = p->figures[then].value;
	if (fabs(a - b) < GK_CHECK_EPS)
		return;
	const struct gk_report_sentence *s = gk_check_sentence_of(r, now);
	struct gk_report_finding *f =
		gk_check_add(c, r, rule->severity, rule->id, s ? s->tstart : r->figures[now].tstart,
			     s ? s->tend : r->figures[now].tend);
	if (!f)
		return;
	f->message = gk_check_printf(c, "本年上年结转%.0f件，而上年报告结转下年度%.0f件", a, b);
	gk_check_sides(c, f, r->figures[now].label, a, "上年报告：结转下年度", b, 0);
	gk_check_figure(c, f, r, now);
}
