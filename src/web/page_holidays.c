/* GET/POST /staff/holidays — a city-wide administrator loads a year's
 * holiday arrangement (the data/holidays/YYYY.txt format) when the State
 * Council publishes it: validated, stored, applied at once without a
 * restart, and every open application's deadline recomputed. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lib/date.h"
#include "lib/html.h"
#include "service/holidays.h"
#include "store/store.h"
#include "web/applications.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/server.h"

static int uploaded_row(const struct gk_holiday_year *y, void *ctx)
{
	struct gk_request *r = ctx;
	struct gk_buf *b = &r->out;
	time_t at = (time_t)y->uploaded_at;
	struct tm tm;
	char when[32] = "";
	if (localtime_r(&at, &tm))
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	gk_html_raw(b, "<tr><td>");
	gk_html_int(b, y->year);
	gk_html_raw(b, "</td><td>");
	gk_html_text(b, when);
	gk_html_raw(b, "</td><td>");
	gk_html_text(b, y->uploaded_by);
	gk_html_raw(b, "</td></tr>\n");
	return 0;
}

static void holidays_page(struct gk_request *r, int status, const char *kind, const char *message)
{
	struct gk_buf *b = &r->out;
	gk_buf_reset(b);
	gk_page_begin(r, status, "节假日安排");
	if (message)
		gk_page_notice(r, kind, message);
	int years[256];
	size_t n = gk_calendar_known_years(r->server->calendar, years, 256);
	gk_html_raw(b,
		    "<p>答复期限按工作日计算。已载入节假日安排的年份：<span id=\"known-years\">");
	for (size_t i = 0; i < n && i < 256; i++) {
		if (i)
			gk_html_raw(b, " ");
		gk_html_int(b, years[i]);
	}
	gk_html_raw(
		b,
		"</span>。没有安排的年份只按周末计算，相关期限标为“暂定”。</p>\n"
		"<h2>管理员载入的年份</h2>\n<table class=\"list\" id=\"uploaded\">\n<thead><tr><th>年份</th>"
		"<th>载入时间</th><th>载入人</th></tr></thead>\n<tbody>\n");
	struct gk_error err = {0};
	if (gk_req_failed(r, gk_store_holiday_each(r->store, uploaded_row, r, &err), &err))
		return;
	gk_html_raw(
		b,
		"</tbody>\n</table>\n<h2>载入一个年份</h2>\n"
		"<p>格式与 data/holidays/YYYY.txt 相同：第一行 <code>year YYYY</code>，其后每行 "
		"<code>YYYY-MM-DD off|work 名称</code>（off 为放假，work 为调休上班）；# 开头为注释。</p>\n"
		"<form method=\"post\" action=\"/staff/holidays\" class=\"stacked\" id=\"holiday-form\" "
		"enctype=\"multipart/form-data\">\n");
	gk_page_csrf_field(r);
	const char *text = gk_req_param(r, "text");
	gk_html_raw(
		b,
		"<label for=\"h-file\">上传文件（YYYY.txt，UTF-8）</label>"
		"<input id=\"h-file\" name=\"file\" type=\"file\" accept=\".txt,text/plain\">\n"
		"<label for=\"h-text\">或粘贴文本</label><textarea id=\"h-text\" name=\"text\" rows=\"16\">");
	gk_html_text(b, text && status != 200 ? text : "");
	gk_html_raw(b, "</textarea>\n<button type=\"submit\">检查并载入</button>\n</form>\n");
	gk_page_end(r);
}

void gk_page_holidays(struct gk_request *r)
{
	holidays_page(r, 200, NULL, NULL);
}

void gk_page_holidays_upload(struct gk_request *r)
{
	struct gk_error err = {0};
	const struct gk_file *file = gk_req_file(r, "file");
	const char *text = gk_req_param(r, "text");
	size_t len = text ? strlen(text) : 0;
	int year = 0, count = 0;
	enum gk_err rc;
	if (file && file->len) {
		/* stored as text: a NUL would cut it short */
		if (memchr(file->data, 0, file->len)) {
			holidays_page(r, 400, "error", "节假日文件不是文本文件");
			return;
		}
		char *copy = gk_arena_strndup(&r->arena, file->data, file->len);
		if (!copy) {
			gk_respond_error(r, GK_ENOMEM, NULL);
			return;
		}
		text = copy;
		len = file->len;
	}
	if (!len) {
		holidays_page(r, 400, "error", "请上传节假日文件或粘贴其文本");
		return;
	}
	if ((rc = gk_svc_holiday_load(&r->svc, r->server->calendar, text, len, &year, &count,
				      &err)))
		goto fail;
	char message[160];
	snprintf(message, sizeof message,
		 "已载入 %d 年节假日安排，并重新计算了 %d 件在办申请的答复期限。", year, count);
	holidays_page(r, 200, "ok", message);
	return;
fail:
	holidays_page(r, gk_err_http_status(rc), "error", gk_req_error(r, &err));
}
