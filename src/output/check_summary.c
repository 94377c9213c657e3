/* The batch checker's summary as XLSX (libxlsxwriter) or HTML (see check_summary.h).
 * libxlsxwriter 1.1.4 writes to a file only: the workbook goes to a
 * temporary file that is read back and removed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "lib/html.h"
#include "output/check_summary.h"
#include "output/workbook.h"

static const char *const heads[] = {"文件", "发布机关", "年度", "格式", "错误", "疑问", "说明"};
#define NHEADS ((lxw_col_t)(sizeof heads / sizeof heads[0]))

const char *gk_check_summary_format_label(const char *format)
{
	if (!format || !*format)
		return "";
	if (strcmp(format, "2021") == 0)
		return "2021年格式";
	if (strcmp(format, "2019") == 0)
		return "2019年格式";
	if (strcmp(format, "narrative") == 0)
		return "叙述式";
	return format;
}

static lxw_format *ruled(lxw_workbook *wb)
{
	lxw_format *f = workbook_add_format(wb);
	format_set_border(f, LXW_BORDER_THIN);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	return f;
}

static void summary_sheet(lxw_workbook *wb, const struct gk_check_summary_row *rows, size_t n)
{
	lxw_format *head = ruled(wb), *text = ruled(wb), *number = ruled(wb);
	format_set_bold(head);
	format_set_align(head, LXW_ALIGN_CENTER);
	format_set_bg_color(head, 0xEEEEEE);
	format_set_text_wrap(text);
	format_set_num_format(number, "0");
	lxw_worksheet *ws = workbook_add_worksheet(wb, "检查汇总");
	for (lxw_col_t c = 0; c < NHEADS; c++)
		worksheet_write_string(ws, 0, c, heads[c], head);
	worksheet_set_column(ws, 0, 0, 36, NULL);
	worksheet_set_column(ws, 1, 1, 32, NULL);
	worksheet_set_column(ws, 2, 5, 10, NULL);
	worksheet_set_column(ws, 6, 6, 40, NULL);
	worksheet_freeze_panes(ws, 1, 1);
	for (size_t i = 0; i < n; i++) {
		const struct gk_check_summary_row *row = &rows[i];
		lxw_row_t r = (lxw_row_t)(1 + i);
		worksheet_write_string(ws, r, 0, row->file ? row->file : "", text);
		worksheet_write_string(ws, r, 1, row->agency ? row->agency : "", text);
		if (row->problem) {
			for (lxw_col_t c = 2; c < 6; c++)
				worksheet_write_blank(ws, r, c, text);
			worksheet_write_string(ws, r, 6, row->problem, text);
			continue;
		}
		if (row->year)
			worksheet_write_number(ws, r, 2, row->year, number);
		else
			worksheet_write_blank(ws, r, 2, number);
		worksheet_write_string(ws, r, 3, gk_check_summary_format_label(row->format), text);
		worksheet_write_number(ws, r, 4, row->errors, number);
		worksheet_write_number(ws, r, 5, row->doubts, number);
		worksheet_write_blank(ws, r, 6, text);
	}
	if (n)
		worksheet_autofilter(ws, 0, 0, (lxw_row_t)n, NHEADS - 1);
}

struct summary {
	const struct gk_check_summary_row *rows;
	size_t n;
};

static enum gk_err write_summary(const char *path, void *ctx, struct gk_error *err)
{
	const struct summary *sm = ctx;
	lxw_workbook *wb = workbook_new(path);
	if (!wb)
		return gk_fail(err, GK_EIO, "无法生成汇总表");
	summary_sheet(wb, sm->rows, sm->n);
	lxw_error e = workbook_close(wb);
	if (e != LXW_NO_ERROR)
		return gk_fail(err, GK_EIO, "无法写入汇总表：%s", lxw_strerror(e));
	return GK_OK;
}

enum gk_err gk_check_summary_xlsx(const struct gk_check_summary_row *rows, size_t n,
				  struct gk_buf *out, struct gk_error *err)
{
	struct summary sm = {rows, n};
	return gk_workbook_in_memory(write_summary, &sm, out, err);
}

void gk_check_summary_table(const struct gk_check_summary_row *rows, size_t n, bool links,
			    struct gk_buf *out)
{
	gk_html_raw(out, "<table class=\"check-summary\" id=\"check-summary\">\n<thead><tr>");
	for (lxw_col_t c = 0; c < NHEADS; c++) {
		gk_html_raw(out, "<th>");
		gk_html_raw(out, heads[c]);
		gk_html_raw(out, "</th>");
	}
	gk_html_raw(out, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		const struct gk_check_summary_row *row = &rows[i];
		gk_html_raw(out, row->problem  ? "<tr class=\"unread\">"
				 : row->errors ? "<tr class=\"error\">"
				 : row->doubts ? "<tr class=\"warning\">"
					       : "<tr class=\"ok\">");
		gk_html_raw(out, "<td class=\"file\">");
		if (links) {
			gk_html_raw(out, "<a href=\"#file-");
			gk_html_int(out, (long long)i + 1);
			gk_html_raw(out, "\">");
		}
		gk_html_text(out, row->file ? row->file : "");
		if (links)
			gk_html_raw(out, "</a>");
		gk_html_raw(out, "</td><td class=\"agency\">");
		gk_html_text(out, row->agency ? row->agency : "");
		gk_html_raw(out, "</td>");
		if (row->problem) {
			gk_html_raw(out,
				    "<td></td><td></td><td></td><td></td><td class=\"problem\">");
			gk_html_text(out, row->problem);
			gk_html_raw(out, "</td></tr>\n");
			continue;
		}
		gk_html_raw(out, "<td class=\"year\">");
		if (row->year)
			gk_html_int(out, row->year);
		gk_html_raw(out, "</td><td class=\"format\">");
		gk_html_text(out, gk_check_summary_format_label(row->format));
		gk_html_raw(out, "</td><td class=\"errors\">");
		gk_html_int(out, row->errors);
		gk_html_raw(out, "</td><td class=\"doubts\">");
		gk_html_int(out, row->doubts);
		gk_html_raw(out, "</td><td></td></tr>\n");
	}
	gk_html_raw(out, "</tbody>\n</table>\n");
}

void gk_check_summary_html(const struct gk_check_summary_row *rows, size_t n, struct gk_buf *out)
{
	gk_html_raw(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
			 "<title>年度报告检查汇总</title>\n<style>table{border-collapse:collapse}"
			 "th,td{border:1px solid #999;padding:2px 6px}tr.error td{background:#fdd}"
			 "tr.warning td{background:#ffd}tr.unread td{color:#777}</style>"
			 "</head>\n<body>\n<main>\n<h1>年度报告检查汇总</h1>\n");
	gk_check_summary_table(rows, n, false, out);
	gk_html_raw(out, "</main>\n</body></html>\n");
}
