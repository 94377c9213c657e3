/* The official tables as grids: where every label and number sits, and what is merged. */
#include "output/annual_grid.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/intake.h"

/* Words of the official tables that tables.h does not list (RULES §3). */
#define T1_CONTENT_HEADER     "信息内容"
#define T2_APPLICANT_HEADER   "申请人情况"
#define STAT_HEADER_INDICATOR "统计指标"
#define STAT_HEADER_UNIT      "单位"
#define STAT_HEADER_VALUE     "统计数"

/* The report's section headings over the tables (RULES §3.A). */
#define T1_HEADING   "二、主动公开政府信息情况"
#define T2_HEADING   "三、收到和处理政府信息公开申请情况"
#define T3_HEADING   "四、政府信息公开行政复议、行政诉讼情况"
#define STAT_HEADING "附表：政府信息公开情况统计表"

static void grid_start(struct gk_grid *g, const char *sheet, const char *heading, int ncols)
{
	memset(g, 0, offsetof(struct gk_grid, text));
	g->text[0] = '\0';
	g->sheet = sheet;
	g->heading = heading;
	g->ncols = ncols;
}

static struct gk_grid_cell *put(struct gk_grid *g, int row, int col, int nrows, int ncols,
				enum gk_cell_role role)
{
	static struct gk_grid_cell overflow; /* never reached: the tables are fixed */
	if (g->ncells >= GK_GRID_MAX_CELLS)
		return &overflow;
	struct gk_grid_cell *c = &g->cells[g->ncells++];
	*c = (struct gk_grid_cell){.row = row,
				   .col = col,
				   .nrows = nrows,
				   .ncols = ncols,
				   .role = role,
				   .kind = GK_CELL_TEXT,
				   .text = ""};
	if (row + nrows > g->nrows)
		g->nrows = row + nrows;
	return c;
}

static void put_text(struct gk_grid *g, int row, int col, int nrows, int ncols,
		     enum gk_cell_role role, const char *text)
{
	put(g, row, col, nrows, ncols, role)->text = text;
}

static void put_value(struct gk_grid *g, int row, int col, int ncols, enum gk_cell_kind kind,
		      double value)
{
	struct gk_grid_cell *c = put(g, row, col, 1, ncols, GK_ROLE_VALUE);
	c->kind = kind;
	c->value = value;
}

/* Copies a composed label into the grid's store; "" when full. */
static const char *keep(struct gk_grid *g, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static const char *keep(struct gk_grid *g, const char *fmt, ...)
{
	size_t room = sizeof g->text - g->textlen;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(g->text + g->textlen, room, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= room) {
		g->text[g->textlen] = '\0';
		return "";
	}
	const char *s = g->text + g->textlen;
	g->textlen += (size_t)n + 1;
	return s;
}

/* --- Table 1 ------------------------------------------------------------------------ */

static enum gk_cell_kind t1_kind(enum gk_t1_col col)
{
	switch (gk_report_t1_col_info(col)->kind) {
	case GK_T1_AMOUNT:
		return GK_CELL_AMOUNT;
	case GK_T1_DELTA:
		return GK_CELL_DELTA;
	case GK_T1_COUNT:
		break;
	}
	return GK_CELL_COUNT;
}

/* Blocks headed by their 第二十条 item, each with a 信息内容 header row; a
 * row with fewer cells than three lets its last cell span the rest, as the
 * official tables do. */
static void build_t1(const struct gk_annual *a, int format, struct gk_grid *g)
{
	grid_start(g, "表一 主动公开政府信息情况", T1_HEADING, 1 + GK_T1_COLS);
	g->widths[0] = 12;
	for (int c = 1; c <= GK_T1_COLS; c++)
		g->widths[c] = 10;
	int row = 0;
	const char *block = NULL;
	for (int r = 0; r < GK_T1_NROWS; r++) {
		int n = gk_report_t1_cols(format, r);
		if (n == 0)
			continue;
		const struct gk_t1_row_info *ri = gk_report_t1_row_info((enum gk_t1_row)r);
		if (!block || strcmp(block, ri->block) != 0) {
			block = ri->block;
			put_text(g, row++, 0, 1, 1 + GK_T1_COLS, GK_ROLE_HEADER, block);
			put_text(g, row, 0, 1, 1, GK_ROLE_HEADER, T1_CONTENT_HEADER);
			for (int p = 0; p < n; p++) {
				enum gk_t1_col col = gk_report_t1_col(format, r, p);
				int span = p == n - 1 ? GK_T1_COLS - p : 1;
				put_text(g, row, 1 + p, 1, span, GK_ROLE_HEADER,
					 gk_report_t1_col_info(col)->label);
			}
			row++;
		}
		put_text(g, row, 0, 1, 1, GK_ROLE_LABEL, gk_report_t1_row_name(format, r));
		for (int p = 0; p < n; p++) {
			enum gk_t1_col col = gk_report_t1_col(format, r, p);
			int span = p == n - 1 ? GK_T1_COLS - p : 1;
			put_value(g, row, 1 + p, span, t1_kind(col), a->t1[r][col]);
		}
		row++;
	}
}

/* --- Table 2 ------------------------------------------------------------------------ */

/* Three label columns (一/二/三/四; the result sections; their items), then
 * the seven applicant columns under 申请人情况. */
static void build_t2(const struct gk_annual *a, int format, struct gk_grid *g)
{
	enum { LABELS = 3, HEAD = 3 };
	grid_start(g, "表二 收到和处理政府信息公开申请情况", T2_HEADING, LABELS + GK_T2_COLS);
	g->nheader = HEAD;
	/* four characters to a line under the applicant headers ("社会公益/组织")
	 * and in the sections' labels ("（三）不予/公开"), two in 三、本年度办理结果 */
	g->widths[0] = 2.7;
	g->widths[1] = 4.7;
	g->widths[2] = 11.5;
	for (int c = 0; c < GK_T2_COLS; c++)
		g->widths[LABELS + c] = 4.8;
	put_text(g, 0, 0, HEAD, LABELS, GK_ROLE_HEADER, keep(g, "（%s）", GK_T2_BALANCE_NOTE));
	put_text(g, 0, LABELS, 1, GK_T2_COLS, GK_ROLE_HEADER, T2_APPLICANT_HEADER);
	for (int c = 0; c < GK_T2_COLS;) {
		const struct gk_t2_col_info *ci = gk_report_t2_col_info((enum gk_t2_col)c);
		int n = 1;
		while (c + n < GK_T2_COLS &&
		       !strcmp(gk_report_t2_col_info((enum gk_t2_col)(c + n))->group, ci->group))
			n++;
		if (n == 1) {
			put_text(g, 1, LABELS + c, 2, 1, GK_ROLE_HEADER, ci->label);
		} else {
			put_text(g, 1, LABELS + c, 1, n, GK_ROLE_HEADER, ci->group);
			for (int k = 0; k < n; k++)
				put_text(g, 2, LABELS + c + k, 1, 1, GK_ROLE_HEADER,
					 gk_report_t2_col_info((enum gk_t2_col)(c + k))->label);
		}
		c += n;
	}

	int row = HEAD, results_first = -1, results_rows = 0;
	int section_first = -1, section_rows = 0, section = 0, prev = -1;
	for (int r = 0; r < GK_T2_NROWS; r++) {
		if (!gk_report_t2_in_format((enum gk_t2_row)r, format))
			continue;
		const struct gk_t2_row_info *ri = gk_report_t2_row_info((enum gk_t2_row)r);
		if (ri->section != section && section_rows > 0) {
			put_text(g, section_first, 1, section_rows, 1, GK_ROLE_LABEL,
				 gk_report_t2_heading((enum gk_t2_row)prev));
			section_rows = 0;
		}
		section = ri->section;
		if (ri->section == 0) {
			put_text(g, row, 0, 1, LABELS, GK_ROLE_LABEL, ri->label);
		} else {
			if (results_first < 0)
				results_first = row;
			results_rows++;
			if (ri->item == 0) {
				put_text(g, row, 1, 1, 2, GK_ROLE_LABEL, ri->label);
			} else {
				if (section_rows++ == 0)
					section_first = row;
				put_text(g, row, 2, 1, 1, GK_ROLE_LABEL, ri->label);
			}
		}
		for (int c = 0; c < GK_T2_COLS; c++)
			put_value(g, row, LABELS + c, 1, GK_CELL_COUNT, (double)a->t2[r][c]);
		row++;
		prev = r;
	}
	if (results_first >= 0)
		put_text(g, results_first, 0, results_rows, 1, GK_ROLE_LABEL, GK_T2_RESULTS_LABEL);
}

/* --- Table 3 ------------------------------------------------------------------------ */

static void build_t3(const struct gk_annual *a, struct gk_grid *g)
{
	grid_start(g, "表三 政府信息公开行政复议、行政诉讼情况", T3_HEADING,
		   GK_T3_NGROUPS * GK_T3_NCOLS);
	g->nheader = 3;
	for (int c = 0; c < g->ncols; c++)
		g->widths[c] = 3.3;
	put_text(g, 0, 0, 2, GK_T3_NCOLS, GK_ROLE_HEADER,
		 gk_report_t3_group_info(GK_T3_REVIEW)->label);
	put_text(g, 0, GK_T3_NCOLS, 1, 2 * GK_T3_NCOLS, GK_ROLE_HEADER,
		 gk_report_t3_group_info(GK_T3_SUIT)->label);
	for (int grp = GK_T3_DIRECT_SUIT; grp < GK_T3_NGROUPS; grp++)
		put_text(g, 1, grp * GK_T3_NCOLS, 1, GK_T3_NCOLS, GK_ROLE_HEADER,
			 gk_report_t3_group_info((enum gk_t3_group)grp)->label);
	for (int grp = 0; grp < GK_T3_NGROUPS; grp++)
		for (int c = 0; c < GK_T3_NCOLS; c++) {
			int col = grp * GK_T3_NCOLS + c;
			put_text(g, 2, col, 1, 1, GK_ROLE_HEADER,
				 gk_report_t3_col_info((enum gk_t3_col)c)->label);
			put_value(g, 3, col, 1, GK_CELL_COUNT, (double)a->t3[grp][c]);
		}
}

/* --- the pre-2019 统计表 (RULES §3.E) ---------------------------------------------------- */

struct stat_ctx {
	struct gk_grid *g;
	int row;
};

/* One row of the core's 统计表 (gk_annual_stat_rows) as grid cells. */
static void stat_row(const struct gk_stat_row *r, void *ctx)
{
	struct stat_ctx *s = ctx;
	struct gk_grid_cell *c = put(s->g, s->row, 0, 1, 1, GK_ROLE_LABEL);
	c->text = keep(s->g, "%s", r->label);
	c->indent = r->level;
	put_text(s->g, s->row, 1, 1, 1, GK_ROLE_UNIT, r->unit ? r->unit : "");
	if (r->kind == GK_STAT_HEADING)
		put_text(s->g, s->row, 2, 1, 1, GK_ROLE_LABEL, "");
	else
		put_value(s->g, s->row, 2, 1,
			  r->kind == GK_STAT_AMOUNT  ? GK_CELL_AMOUNT
			  : r->kind == GK_STAT_BLANK ? GK_CELL_BLANK
						     : GK_CELL_COUNT,
			  r->value);
	s->row++;
}

static void build_stat(const struct gk_annual *a, struct gk_grid *g)
{
	grid_start(g, "政府信息公开情况统计表", STAT_HEADING, 3);
	g->nheader = 1;
	g->widths[0] = 34;
	g->widths[1] = 5;
	g->widths[2] = 9;
	put_text(g, 0, 0, 1, 1, GK_ROLE_HEADER, STAT_HEADER_INDICATOR);
	put_text(g, 0, 1, 1, 1, GK_ROLE_HEADER, STAT_HEADER_UNIT);
	put_text(g, 0, 2, 1, 1, GK_ROLE_HEADER, STAT_HEADER_VALUE);
	struct stat_ctx s = {g, 1};
	gk_annual_stat_rows(a, stat_row, &s);
}

/* --- the whole ---------------------------------------------------------------------- */

int gk_annual_grids(const struct gk_annual *a, struct gk_grid *grids, int max)
{
	int n = 0;
	if (a->style == GK_STYLE_NARRATIVE) {
		if (n < max)
			build_stat(a, &grids[n++]);
		return n;
	}
	int format = a->style == GK_STYLE_2019 ? 2019 : 2021;
	if (n < max)
		build_t1(a, format, &grids[n++]);
	if (n < max)
		build_t2(a, format, &grids[n++]);
	if (n < max)
		build_t3(a, &grids[n++]);
	return n;
}

const struct gk_grid_cell *gk_grid_cell_at(const struct gk_grid *g, int row, int col)
{
	for (int i = 0; i < g->ncells; i++)
		if (g->cells[i].row == row && g->cells[i].col == col)
			return &g->cells[i];
	return NULL;
}

void gk_grid_amount_text(double amount, char *out, size_t size)
{
	if (size == 0)
		return;
	snprintf(out, size, "%.4f", amount);
	size_t len = strlen(out);
	char *dot = strchr(out, '.');
	while (dot && len > (size_t)(dot - out) + 3 && out[len - 1] == '0')
		out[--len] = '\0';
}

void gk_annual_title(const struct gk_annual *a, bool brk, char *out, size_t size)
{
	snprintf(out, size, "%s%s%d年政府信息公开工作年度报告", a->agency_name, brk ? "\n" : "",
		 a->year);
}
