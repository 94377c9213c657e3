/* GET/POST /staff/check — paste or upload an annual report and see it with
 * the checker's findings highlighted in place. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report/check.h"
#include "core/report/output.h"
#include "core/report/title.h"
#include "lib/html.h"
#include "output/check_summary.h"
#include "service/document_text.h"
#include "web/layout.h"
#include "web/pages.h"

static void form(struct gk_request *r)
{
	struct gk_buf *b = &r->out;
	gk_html_raw(b,
		    "<form method=\"post\" action=\"/staff/check\" enctype=\"multipart/form-data\" "
		    "class=\"stacked\" id=\"check-form\">\n");
	gk_page_csrf_field(r);
	gk_html_raw(
		b,
		"<label for=\"c-text\">粘贴年度报告全文（文本、HTML 或 Markdown）</label>\n"
		"<textarea id=\"c-text\" name=\"text\" rows=\"10\"></textarea>\n"
		"<label for=\"c-file\">或上传文件（文本、HTML、Markdown、Word（.docx）或有文字层的 PDF；"
		"UTF-8、GB18030 或 UTF-16，每个最大 16 MB；可一次选择多个文件，得到汇总表）</label>\n"
		"<input id=\"c-file\" name=\"file\" type=\"file\" multiple "
		"accept=\".txt,.html,.htm,.md,.pdf,.docx,text/*,application/pdf\">\n"
		"<label for=\"c-prev\">上一年度同一机关的报告（可选，用于核对上年结转）</label>\n"
		"<input id=\"c-prev\" name=\"previous\" type=\"file\" accept=\".txt,.html,.htm,.md,.pdf,.docx,text/*,application/pdf\">\n"
		"<button type=\"submit\">检查</button>\n</form>\n");
}

void gk_page_check_form(struct gk_request *r)
{
	gk_page_begin(r, 200, "年度报告检查");
	gk_html_raw(&r->out,
		    "<p>检查政府信息公开工作年度报告中相互矛盾的数字：分项与合计、百分比与件数、"
		    "统计表的行列勾稽关系、年份与日期，以及与上年度报告的结转。</p>\n");
	form(r);
	gk_page_end(r);
}

struct span {
	size_t start, end;
};

static int by_start(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* LINKS: the line numbers link into the annotated text (one report per page). */
static void findings_list(struct gk_buf *b, const struct gk_report_result *res, bool links)
{
	gk_html_raw(b, "<ol class=\"findings\" id=\"findings\">\n");
	for (int i = 0; i < res->nfindings; i++) {
		const struct gk_report_finding *f = &res->findings[i];
		gk_html_raw(b, "<li class=\"finding ");
		gk_html_raw(b, gk_report_severity_name(f->severity));
		gk_html_raw(b, "\"><span class=\"severity\">");
		gk_html_raw(b, gk_report_severity_label(f->severity));
		gk_html_raw(b, "</span> ");
		if (f->file || !links) {
			gk_html_raw(b, f->file ? "上年报告 第" : "第");
			gk_html_int(b, f->line);
			gk_html_raw(b, "行");
		} else {
			gk_html_raw(b, "<a href=\"#L");
			gk_html_int(b, f->line);
			gk_html_raw(b, "\">第");
			gk_html_int(b, f->line);
			gk_html_raw(b, "行</a>");
		}
		gk_html_raw(b, "：");
		gk_html_text(b, f->message);
		gk_html_raw(b, " <code>");
		gk_html_text(b, f->relation);
		gk_html_raw(b, "</code>");
		if (f->quote && *f->quote) {
			gk_html_raw(b, "<blockquote>");
			gk_html_text(b, f->quote);
			gk_html_raw(b, "</blockquote>");
		}
		gk_html_raw(b, "</li>\n");
	}
	gk_html_raw(b, "</ol>\n");
}

/* The checked text, line by line, with lines that carry a finding marked and
 * the figures findings rest on highlighted. */
static void annotated_text(struct gk_buf *b, const struct gk_report_result *res)
{
	size_t nspans = 0;
	for (int i = 0; i < res->nfindings; i++)
		if (!res->findings[i].file)
			nspans += (size_t)res->findings[i].nfigures;
	struct span *spans = calloc(nspans ? nspans : 1, sizeof *spans);
	if (!spans)
		return;
	size_t n = 0;
	for (int i = 0; i < res->nfindings; i++) {
		const struct gk_report_finding *f = &res->findings[i];
		for (int j = 0; !f->file && j < f->nfigures; j++)
			if (f->figures[j].end > f->figures[j].start &&
			    f->figures[j].end <= res->text_len)
				spans[n++] = (struct span){f->figures[j].start, f->figures[j].end};
	}
	qsort(spans, n, sizeof *spans, by_start);

	gk_html_raw(b, "<div class=\"report-text\" id=\"report-text\">\n");
	const char *t = res->text;
	size_t pos = 0, k = 0;
	int line = 1;
	while (pos < res->text_len) {
		const char *nl = memchr(t + pos, '\n', res->text_len - pos);
		size_t end = nl ? (size_t)(nl - t) : res->text_len;
		int sev = -1;
		for (int i = 0; i < res->nfindings; i++)
			if (!res->findings[i].file && res->findings[i].line == line &&
			    (int)res->findings[i].severity > sev)
				sev = (int)res->findings[i].severity;
		gk_html_raw(b, "<div class=\"line");
		if (sev >= 0)
			gk_html_raw(b, sev == GK_SEV_ERROR ? " flagged error" : " flagged warning");
		gk_html_raw(b, "\" id=\"L");
		gk_html_int(b, line);
		gk_html_raw(b, "\"><span class=\"ln\">");
		gk_html_int(b, line);
		gk_html_raw(b, "</span><span class=\"tx\">");
		size_t at = pos;
		while (k < n && spans[k].end <= at)
			k++;
		for (size_t s = k; s < n && spans[s].start < end; s++) {
			size_t from = spans[s].start > at ? spans[s].start : at;
			size_t to = spans[s].end < end ? spans[s].end : end;
			if (to <= from)
				continue;
			gk_html_textn(b, t + at, from - at);
			gk_html_raw(b, "<mark>");
			gk_html_textn(b, t + from, to - from);
			gk_html_raw(b, "</mark>");
			at = to;
		}
		gk_html_textn(b, t + at, end - at);
		gk_html_raw(b, "</span></div>\n");
		pos = end + 1;
		line++;
	}
	gk_html_raw(b, "</div>\n");
	free(spans);
}

/* Several files: the summary table, then each file's findings under #file-N. */
static void check_batch(struct gk_request *r, int nfiles)
{
	struct gk_buf *b = &r->out;
	struct gk_check_summary_row *rows = calloc((size_t)nfiles, sizeof *rows);
	struct gk_report_result **res = calloc((size_t)nfiles, sizeof *res);
	/* per file: [0] the agency, [1] why it was not checked */
	char(*words)[2][256] = calloc((size_t)nfiles, sizeof *words);
	if (!rows || !res || !words) {
		free(rows);
		free(res);
		free(words);
		gk_page_begin(r, 500, "年度报告检查");
		gk_page_notice(r, "error", "内存不足，请减少文件数量后重试。");
		form(r);
		gk_page_end(r);
		return;
	}
	int nerrors = 0, nread = 0;
	for (int i = 0; i < nfiles; i++) {
		const struct gk_file *file = gk_req_file_at(r, "file", i);
		struct gk_check_summary_row *row = &rows[i];
		*row = (struct gk_check_summary_row){
			.file = file->filename, .agency = "", .format = ""};
		struct gk_error err = {0};
		/* a PDF or a .docx is checked as its text; a refused file
		 * gets its line and the others are still checked */
		char *text = NULL;
		size_t text_len = 0;
		enum gk_err rc = gk_document_report_text(file->filename, file->data, file->len,
							 &text, &text_len, &err);
		if (rc == GK_OK)
			rc = gk_report_check(text ? text : file->data, text ? text_len : file->len,
					     NULL, 0, &res[i], &err);
		free(text);
		if (rc != GK_OK) {
			/* ERR's text lives in ERR: keep a copy */
			snprintf(words[i][1], sizeof words[i][1], "未检查：%s",
				 gk_req_error(r, &err));
			row->problem = words[i][1];
			continue;
		}
		if (gk_report_title_agency(res[i]->text, res[i]->text_len, words[i][0],
					   sizeof words[i][0]))
			row->agency = words[i][0];
		if (res[i]->nfigures == 0) {
			row->problem = "未读到任何数字，无法检查（是否为年度报告？）";
			continue;
		}
		nread++;
		row->year = res[i]->year;
		row->format = res[i]->table1_format == 2021   ? "2021"
			      : res[i]->table1_format == 2019 ? "2019"
							      : "narrative";
		row->errors = res[i]->nerrors;
		row->doubts = res[i]->nwarnings;
		nerrors += row->errors > 0;
	}
	gk_page_begin(r, 200, "年度报告检查汇总");
	gk_html_raw(b, "<p class=\"summary\" id=\"summary\">检查文件 ");
	gk_html_int(b, nfiles);
	gk_html_raw(b, " 个：已检查 ");
	gk_html_int(b, nread);
	gk_html_raw(b, " 个，其中有错误的 ");
	gk_html_int(b, nerrors);
	gk_html_raw(b, " 个；未能检查 ");
	gk_html_int(b, nfiles - nread);
	gk_html_raw(b, " 个。</p>\n");
	gk_check_summary_table(rows, (size_t)nfiles, true, b);
	for (int i = 0; i < nfiles; i++) {
		gk_html_raw(b, "<section class=\"check-file\" id=\"file-");
		gk_html_int(b, i + 1);
		gk_html_raw(b, "\">\n<h2>");
		gk_html_text(b, rows[i].file);
		gk_html_raw(b, "</h2>\n");
		if (rows[i].problem)
			gk_page_notice(r, "error", rows[i].problem);
		else if (res[i]->nfindings)
			findings_list(b, res[i], false);
		else
			gk_page_notice(r, "ok", "未发现相互矛盾的数字。");
		gk_html_raw(b, "<p><a href=\"#check-summary\">返回汇总表</a></p>\n</section>\n");
	}
	gk_html_raw(b, "<h2>再检查一批</h2>\n");
	form(r);
	gk_page_end(r);
	for (int i = 0; i < nfiles; i++)
		gk_report_result_free(res[i]);
	free(res);
	free(rows);
	free(words);
}

void gk_page_check_submit(struct gk_request *r)
{
	struct gk_buf *b = &r->out;
	int nfiles = 0;
	while (nfiles < GK_CHECK_MAX_FILES && gk_req_file_at(r, "file", nfiles))
		nfiles++;
	if (nfiles > 1) {
		check_batch(r, nfiles);
		return;
	}
	const struct gk_file *file = gk_req_file_at(r, "file", 0);
	const struct gk_file *prev = gk_req_file(r, "previous");
	const char *text = gk_req_param(r, "text");
	const char *data = file ? file->data : text;
	size_t len = file ? file->len : (text ? strlen(text) : 0);
	if (!len) {
		gk_page_begin(r, 400, "年度报告检查");
		gk_page_notice(r, "error", "请粘贴报告全文或选择一个文件。");
		form(r);
		gk_page_end(r);
		return;
	}
	struct gk_report_result *res = NULL;
	struct gk_error err = {0};
	/* a PDF or a .docx is read as its text; other files go to the checker as they are */
	char *doc_text = NULL, *prev_text = NULL;
	size_t doc_len = 0, prev_len = prev ? prev->len : 0;
	const char *prev_data = prev ? prev->data : NULL;
	enum gk_err rc = gk_document_report_text(file ? file->filename : "", data, len, &doc_text,
						 &doc_len, &err);
	if (doc_text) {
		data = doc_text;
		len = doc_len;
	}
	if (rc == GK_OK && prev) {
		size_t n = 0;
		struct gk_error perr = {0};
		rc = gk_document_report_text(prev->filename, prev->data, prev->len, &prev_text, &n,
					     &perr);
		if (rc != GK_OK)
			gk_fail(&err, rc, "上年报告：%s", gk_error_text(&perr));
		if (prev_text) {
			prev_data = prev_text;
			prev_len = n;
		}
	}
	if (rc == GK_OK)
		rc = gk_report_check(data, len, prev_data, prev_len, &res, &err);
	free(doc_text);
	free(prev_text);
	if (rc) {
		gk_page_begin(r, gk_err_http_status(rc), "年度报告检查");
		gk_page_notice(r, "error", gk_req_error(r, &err));
		form(r);
		gk_page_end(r);
		return;
	}
	gk_page_begin(r, 200, "年度报告检查结果");
	gk_html_raw(b, "<p class=\"summary\" id=\"summary\">");
	if (file) {
		gk_html_raw(b, "文件 ");
		gk_html_text(b, file->filename);
		gk_html_raw(b, "：");
	}
	if (res->year) {
		gk_html_int(b, res->year);
		gk_html_raw(b, "年度报告，");
	}
	gk_html_raw(b, "读取数字 ");
	gk_html_int(b, res->nfigures);
	gk_html_raw(b, " 个，统计表 ");
	gk_html_int(b, res->ntables);
	gk_html_raw(b, " 张；发现问题 ");
	gk_html_int(b, res->nfindings);
	gk_html_raw(b, " 处（错误 ");
	gk_html_int(b, res->nerrors);
	gk_html_raw(b, "，疑问 ");
	gk_html_int(b, res->nwarnings);
	gk_html_raw(b, "）。</p>\n");
	if (res->nfindings)
		findings_list(b, res, true);
	else if (res->nfigures == 0)
		gk_page_notice(
			r, "error",
			"未读到任何数字，无法检查。请确认上传的是政府信息公开工作年度报告。");
	else
		gk_page_notice(r, "ok", "未发现相互矛盾的数字。");
	annotated_text(b, res);
	gk_html_raw(b, "<h2>再检查一份</h2>\n");
	form(r);
	gk_page_end(r);
	gk_report_result_free(res);
}
