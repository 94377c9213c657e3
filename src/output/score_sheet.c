/* The scoring sheet as XLSX with libxlsxwriter (see score_sheet.h).
 * libxlsxwriter 1.1.4 (Debian 12) writes to a file only: the workbook goes
 * to a temporary file that is read back and removed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "core/calendar.h"
#include "lib/date.h"
#include "output/score_sheet.h"
#include "output/workbook.h"

#define MAX_INDENT 4

struct formats {
	lxw_format *title, *head, *text, *number, *score, *date;
	lxw_format *name[MAX_INDENT + 1];
};

static lxw_format *ruled(lxw_workbook *wb)
{
	lxw_format *f = workbook_add_format(wb);
	format_set_border(f, LXW_BORDER_THIN);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	return f;
}

static void make_formats(lxw_workbook *wb, struct formats *f)
{
	f->title = workbook_add_format(wb);
	format_set_bold(f->title);
	format_set_font_size(f->title, 16);
	format_set_align(f->title, LXW_ALIGN_CENTER);
	f->head = ruled(wb);
	format_set_bold(f->head);
	format_set_text_wrap(f->head);
	format_set_align(f->head, LXW_ALIGN_CENTER);
	format_set_bg_color(f->head, 0xEEEEEE);
	f->text = ruled(wb);
	format_set_text_wrap(f->text);
	f->number = ruled(wb);
	format_set_num_format(f->number, "0");
	f->score = ruled(wb);
	format_set_num_format(f->score, "0.0");
	f->date = ruled(wb);
	format_set_align(f->date, LXW_ALIGN_CENTER);
	for (int i = 0; i <= MAX_INDENT; i++) {
		f->name[i] = ruled(wb);
		format_set_indent(f->name[i], (uint8_t)i);
	}
}

static void write_day(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, long day, lxw_format *f)
{
	char text[11] = "—";
	if (day != GK_NO_DAY)
		gk_date_format(gk_date_from_days(day), text);
	worksheet_write_string(ws, r, c, text, f);
}

static const char *const figure_heads[] = {
	"机构代码",           "机构名称",       "机构类型",       "报告公布期限",
	"报告公布日期",       "报告公布情况",   "按期办结（件）", "逾期办结（件）",
	"年末在办（件）",     "其中超期（件）", "复议纠错（件）", "诉讼纠错（件）",
	"主动公开信息（条）",
};
#define NFIGURES ((lxw_col_t)(sizeof figure_heads / sizeof figure_heads[0]))

static void scores_sheet(lxw_workbook *wb, const struct gk_score_sheet *sh, const struct formats *f)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "考核评分");
	lxw_col_t ncols = NFIGURES + GK_CRIT_COUNT + 1;
	char title[96];
	snprintf(title, sizeof title, "%d年度政务公开考核评分表", sh->year);
	worksheet_merge_range(ws, 0, 0, 0, ncols - 1, title, f->title);
	worksheet_set_row(ws, 2, 48, NULL);
	for (lxw_col_t c = 0; c < NFIGURES; c++)
		worksheet_write_string(ws, 2, c, figure_heads[c], f->head);
	for (int k = 0; k < GK_CRIT_COUNT; k++) {
		char head[128];
		snprintf(head, sizeof head, "%s得分（权重%d）", gk_criterion_label(k),
			 sh->weights[k]);
		worksheet_write_string(ws, 2, NFIGURES + (lxw_col_t)k, head, f->head);
	}
	worksheet_write_string(ws, 2, ncols - 1, "综合得分", f->head);
	worksheet_set_column(ws, 0, 0, 14, NULL);
	worksheet_set_column(ws, 1, 1, 32, NULL);
	worksheet_set_column(ws, 2, 5, 12, NULL);
	worksheet_set_column(ws, 6, ncols - 1, 10, NULL);
	worksheet_freeze_panes(ws, 3, 2);

	for (size_t i = 0; i < sh->count; i++) {
		const struct gk_score_sheet_row *row = &sh->rows[i];
		lxw_row_t r = (lxw_row_t)(3 + i);
		int indent = row->depth < 0 ? 0 : row->depth > MAX_INDENT ? MAX_INDENT : row->depth;
		worksheet_write_string(ws, r, 0, row->code, f->text);
		worksheet_write_string(ws, r, 1, row->name, f->name[indent]);
		worksheet_write_string(ws, r, 2, gk_agency_kind_label(row->kind), f->text);
		write_day(ws, r, 3, row->deadline, f->date);
		write_day(ws, r, 4, row->published, f->date);
		worksheet_write_string(ws, r, 5, gk_report_timing_label(row->fig.report), f->text);
		const int64_t v[] = {row->fig.concluded_on_time, row->fig.concluded_late,
				     row->fig.open_at_end,       row->fig.open_overdue,
				     row->fig.corrected_review,  row->fig.corrected_suit,
				     row->fig.items_published};
		for (lxw_col_t c = 0; c < sizeof v / sizeof v[0]; c++)
			worksheet_write_number(ws, r, 6 + c, (double)v[c], f->number);
		for (int k = 0; k < GK_CRIT_COUNT; k++) {
			lxw_col_t c = NFIGURES + (lxw_col_t)k;
			if (row->score.applies[k])
				worksheet_write_number(ws, r, c, row->score.sub[k], f->score);
			else
				worksheet_write_string(ws, r, c, "不计", f->date);
		}
		if (row->score.scored)
			worksheet_write_number(ws, r, ncols - 1, row->score.total, f->score);
		else
			worksheet_write_string(ws, r, ncols - 1, "—", f->date);
	}
}

static void rules_sheet(lxw_workbook *wb, const struct gk_score_sheet *sh, const struct formats *f)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "评分规则");
	static const char *const heads[] = {"考核项目", "代码", "权重", "计分方法"};
	for (lxw_col_t c = 0; c < 4; c++)
		worksheet_write_string(ws, 0, c, heads[c], f->head);
	worksheet_set_column(ws, 0, 0, 24, NULL);
	worksheet_set_column(ws, 1, 2, 16, NULL);
	worksheet_set_column(ws, 3, 3, 80, NULL);
	for (int k = 0; k < GK_CRIT_COUNT; k++) {
		lxw_row_t r = (lxw_row_t)(1 + k);
		worksheet_write_string(ws, r, 0, gk_criterion_label(k), f->text);
		worksheet_write_string(ws, r, 1, gk_criterion_code(k), f->text);
		worksheet_write_number(ws, r, 2, sh->weights[k], f->number);
		worksheet_write_string(ws, r, 3, gk_criterion_rule(k), f->text);
	}
	worksheet_write_string(ws, (lxw_row_t)(2 + GK_CRIT_COUNT), 0,
			       "综合得分＝Σ（权重×得分）÷Σ权重，只计适用的项目；"
			       "年度报告期限：工作部门次年1月31日，人民政府次年3月31日"
			       "（2018年度及以前均为次年3月31日）。",
			       NULL);
}

static enum gk_err write_scores(const char *path, void *ctx, struct gk_error *err)
{
	const struct gk_score_sheet *sheet = ctx;
	lxw_workbook *wb = workbook_new(path);
	if (!wb)
		return gk_fail(err, GK_EIO, "cannot start the workbook");
	struct formats f;
	make_formats(wb, &f);
	scores_sheet(wb, sheet, &f);
	rules_sheet(wb, sheet, &f);
	lxw_error e = workbook_close(wb);
	if (e != LXW_NO_ERROR)
		return gk_fail(err, GK_EIO, "cannot write the workbook: %s", lxw_strerror(e));
	return GK_OK;
}

enum gk_err gk_score_sheet_xlsx(const struct gk_score_sheet *sheet, struct gk_buf *out,
				struct gk_error *err)
{
	return gk_workbook_in_memory(write_scores, (void *)sheet, out, err);
}
