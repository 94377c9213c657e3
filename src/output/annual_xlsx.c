/* The yearly report as an XLSX workbook: the grids of annual_grid.c, one sheet each, then 说明. */
#include "output/annual_xlsx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "output/annual_grid.h"
#include "output/workbook.h"

#define FONT       "宋体" /* what official spreadsheets use; any CJK font stands in */
#define FONT_SIZE  10.5
#define LINE_PT    15.0 /* height of one line of FONT_SIZE text, in points */
#define CJK_WIDTH  2.0  /* a CJK character, in Excel's column units */
#define WIDEN      1.5  /* a sheet is not bound to a page's width: fewer wrapped labels */
#define MAX_INDENT 3

struct formats {
	lxw_format *title, *header, *unit, *value, *amount, *delta, *blank;
	lxw_format *label[MAX_INDENT + 1];
	lxw_format *key, *text;
};

static lxw_format *boxed(lxw_workbook *wb)
{
	lxw_format *f = workbook_add_format(wb);
	format_set_font_name(f, FONT);
	format_set_font_size(f, FONT_SIZE);
	format_set_border(f, LXW_BORDER_THIN);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	format_set_text_wrap(f);
	return f;
}

static void make_formats(lxw_workbook *wb, struct formats *f)
{
	f->title = workbook_add_format(wb);
	format_set_font_name(f->title, FONT);
	format_set_font_size(f->title, 14);
	format_set_bold(f->title);
	format_set_align(f->title, LXW_ALIGN_CENTER);
	format_set_align(f->title, LXW_ALIGN_VERTICAL_CENTER);
	f->header = boxed(wb);
	format_set_bold(f->header);
	format_set_align(f->header, LXW_ALIGN_CENTER);
	f->unit = boxed(wb);
	format_set_align(f->unit, LXW_ALIGN_CENTER);
	f->value = boxed(wb);
	format_set_align(f->value, LXW_ALIGN_RIGHT);
	format_set_num_format(f->value, "0");
	f->amount = boxed(wb);
	format_set_align(f->amount, LXW_ALIGN_RIGHT);
	format_set_num_format(f->amount, GK_GRID_AMOUNT_FORMAT);
	f->delta = boxed(wb);
	format_set_align(f->delta, LXW_ALIGN_RIGHT);
	format_set_num_format(f->delta, GK_GRID_DELTA_FORMAT);
	f->blank = boxed(wb);
	for (int i = 0; i <= MAX_INDENT; i++) {
		f->label[i] = boxed(wb);
		format_set_align(f->label[i], LXW_ALIGN_LEFT);
		if (i)
			format_set_indent(f->label[i], (uint8_t)i);
	}
	f->key = workbook_add_format(wb);
	format_set_font_name(f->key, FONT);
	format_set_font_size(f->key, FONT_SIZE);
	format_set_bold(f->key);
	format_set_align(f->key, LXW_ALIGN_VERTICAL_TOP);
	f->text = workbook_add_format(wb);
	format_set_font_name(f->text, FONT);
	format_set_font_size(f->text, FONT_SIZE);
	format_set_text_wrap(f->text);
	format_set_align(f->text, LXW_ALIGN_VERTICAL_TOP);
}

/* The width of S in Excel's column units: a CJK character counts double. */
static double text_width(const char *s)
{
	double w = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x80)
			w += 1;
		else if ((*p & 0xC0) != 0x80)
			w += CJK_WIDTH;
	return w;
}

static lxw_format *cell_format(const struct formats *f, const struct gk_grid_cell *c)
{
	switch (c->kind) {
	case GK_CELL_COUNT:
		return f->value;
	case GK_CELL_AMOUNT:
		return f->amount;
	case GK_CELL_DELTA:
		return f->delta;
	case GK_CELL_BLANK:
		return f->blank;
	case GK_CELL_TEXT:
		break;
	}
	if (c->role == GK_ROLE_HEADER)
		return f->header;
	if (c->role == GK_ROLE_UNIT)
		return f->unit;
	return f->label[c->indent > MAX_INDENT ? MAX_INDENT : c->indent];
}

/* One table on its own sheet: a title row, then the grid from row 1.
 * Excel sizes neither merged nor wrapped rows by itself: each row gets the
 * height its tallest single-row cell needs. */
static lxw_error write_grid(lxw_workbook *wb, const struct formats *f, const struct gk_grid *g,
			    const char *title)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, g->sheet);
	if (!ws)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	worksheet_set_paper(ws, 9); /* A4 */
	if (g->ncols > 8)
		worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_center_horizontally(ws);
	if (g->nheader > 0)
		worksheet_repeat_rows(ws, 1, (lxw_row_t)g->nheader);
	double widths[GK_GRID_MAX_COLS];
	for (int c = 0; c < g->ncols; c++) {
		widths[c] = g->widths[c] * CJK_WIDTH * WIDEN;
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
	}
	lxw_error rc =
		worksheet_merge_range(ws, 0, 0, 0, (lxw_col_t)(g->ncols - 1), title, f->title);
	worksheet_set_row(ws, 0, 30, NULL);

	double lines[GK_GRID_MAX_CELLS] = {0}; /* per grid row */
	for (int i = 0; i < g->ncells && !rc; i++) {
		const struct gk_grid_cell *c = &g->cells[i];
		lxw_format *fmt = cell_format(f, c);
		lxw_row_t r = (lxw_row_t)(c->row + 1);
		lxw_col_t col = (lxw_col_t)c->col;
		if (c->nrows > 1 || c->ncols > 1)
			rc = worksheet_merge_range(ws, r, col, r + (lxw_row_t)c->nrows - 1,
						   col + (lxw_col_t)c->ncols - 1,
						   c->kind == GK_CELL_TEXT ? c->text : "", fmt);
		if (rc)
			break;
		switch (c->kind) {
		case GK_CELL_TEXT:
			if (c->nrows == 1 && c->ncols == 1)
				rc = worksheet_write_string(ws, r, col, c->text, fmt);
			break;
		case GK_CELL_BLANK:
			if (c->nrows == 1 && c->ncols == 1)
				rc = worksheet_write_blank(ws, r, col, fmt);
			break;
		case GK_CELL_COUNT:
		case GK_CELL_AMOUNT:
		case GK_CELL_DELTA:
			/* a merged number: the first cell of the range holds it */
			rc = worksheet_write_number(ws, r, col, c->value, fmt);
			break;
		}
		if (c->kind == GK_CELL_TEXT && c->nrows == 1 && c->row < GK_GRID_MAX_CELLS) {
			double room = 0;
			for (int k = 0; k < c->ncols; k++)
				room += widths[c->col + k];
			room -= 1 + 2 * c->indent;
			double need = room > 0 ? text_width(c->text) / room : 1;
			int n = (int)need + (need > (int)need);
			if (n > lines[c->row])
				lines[c->row] = n;
		}
	}
	for (int r = 0; r < g->nrows && r < GK_GRID_MAX_CELLS && !rc; r++)
		rc = worksheet_set_row(ws, (lxw_row_t)(r + 1),
				       LINE_PT * (lines[r] > 1 ? lines[r] : 1) + 4, NULL);
	return rc;
}

static const char *style_description(enum gk_annual_style style)
{
	switch (style) {
	case GK_STYLE_2021:
		return "国办公开办函〔2021〕30号格式（2021年度起）";
	case GK_STYLE_2019:
		return "国办公开办函〔2019〕60号格式（2019、2020年度）";
	case GK_STYLE_NARRATIVE:
		break;
	}
	return "2008年《条例》时期的年度报告，附政府信息公开情况统计表（国办发〔2014〕32号）";
}

/* The sheet 说明: whose report, which year and format, where the figures come from. */
static lxw_error write_notes(lxw_workbook *wb, const struct formats *f, const struct gk_annual *a,
			     const char *title)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "说明");
	if (!ws)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	worksheet_set_column(ws, 0, 0, 14, NULL);
	worksheet_set_column(ws, 1, 1, 80, NULL);
	char agency[256], year[32], period[96], scope[160], source[512];
	if (a->agency_code[0])
		snprintf(agency, sizeof agency, "%s（%s）", a->agency_name, a->agency_code);
	else
		snprintf(agency, sizeof agency, "%s", a->agency_name);
	snprintf(year, sizeof year, "%d年", a->year);
	snprintf(period, sizeof period, "%d年1月1日至%d年12月31日", a->year, a->year);
	if (a->rollup && a->nagencies > 1)
		snprintf(scope, sizeof scope, "汇总本机关及其所属共%d个机关", a->nagencies);
	else
		snprintf(scope, sizeof scope, "本机关");
	if (a->records > 0)
		snprintf(source, sizeof source,
			 "各项数字由政府信息公开工作的办理记录（共%lld条）按统计规则生成，"
			 "合计项由明细相加得出，非手工填写。",
			 (long long)a->records);
	else
		snprintf(source, sizeof source, "%d年没有政府信息公开工作的记录，各表数字均为零。",
			 a->year);
	const char *rows[][2] = {
		{"报告", title},      {"机关", agency},
		{"年度", year},       {"格式", style_description(a->style)},
		{"范围", scope},      {"统计期限", period},
		{"数据来源", source}, {"金额单位", "万元"},
	};
	lxw_error rc = LXW_NO_ERROR;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0] && !rc; i++) {
		rc = worksheet_write_string(ws, (lxw_row_t)i, 0, rows[i][0], f->key);
		if (!rc)
			rc = worksheet_write_string(ws, (lxw_row_t)i, 1, rows[i][1], f->text);
		double h = text_width(rows[i][1]) / 78;
		if (!rc && h > 1)
			rc = worksheet_set_row(ws, (lxw_row_t)i, LINE_PT * ((int)h + 1), NULL);
	}
	return rc;
}

enum gk_err gk_annual_write_xlsx(const struct gk_annual *a, const char *path, struct gk_error *err)
{
	struct gk_grid *grids = calloc(3, sizeof *grids);
	if (!grids)
		return gk_fail(err, GK_ENOMEM, "annual report xlsx: out of memory");
	int n = gk_annual_grids(a, grids, 3);
	char title[512];
	gk_annual_title(a, false, title, sizeof title);

	lxw_workbook *wb = workbook_new(path);
	if (!wb) {
		free(grids);
		return gk_fail(err, GK_EIO, "annual report xlsx: cannot create '%s'", path);
	}
	char author[sizeof a->agency_name], subject[] = "政府信息公开工作年度报告",
					    comments[] = "由gongkai根据政府信息公开工作记录生成";
	snprintf(author, sizeof author, "%s", a->agency_name);
	lxw_doc_properties props = {
		.title = title, .subject = subject, .author = author, .comments = comments};
	workbook_set_properties(wb, &props);
	struct formats f;
	make_formats(wb, &f);
	lxw_error rc = LXW_NO_ERROR;
	for (int i = 0; i < n && !rc; i++)
		rc = write_grid(wb, &f, &grids[i], title);
	if (!rc)
		rc = write_notes(wb, &f, a, title);
	free(grids);
	lxw_error closed = workbook_close(wb); /* frees the workbook in any case */
	if (!rc)
		rc = closed;
	if (rc) {
		unlink(path);
		return gk_fail(err, GK_EIO, "annual report xlsx: cannot write '%s': %s", path,
			       lxw_strerror(rc));
	}
	return GK_OK;
}

static enum gk_err write_annual(const char *path, void *ctx, struct gk_error *err)
{
	return gk_annual_write_xlsx(ctx, path, err);
}

enum gk_err gk_annual_xlsx(const struct gk_annual *a, struct gk_buf *out, struct gk_error *err)
{
	return gk_workbook_in_memory(write_annual, (void *)a, out, err);
}
