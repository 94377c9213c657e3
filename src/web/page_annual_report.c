/* The yearly report on the web: staff preview it (with its charts and every
 * format to download) and publish it; the public lists every published
 * report by agency and year.
 *
 *   GET  /staff/reports/{code}/{year}/preview   ?scope=own|rollup&style=…
 *   GET  /staff/reports/{code}/{year}/download  ?format=…&scope=…&style=…
 *   POST /staff/reports/{code}/{year}/publish   scope, style (CSRF)
 *   GET  /reports                               the published reports
 *                                               (?agency=CODE: of one agency) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report/annual.h"
#include "lib/html.h"
#include "output/annual_pdf.h"
#include "output/annual_xlsx.h"
#include "service/annual_publish.h"
#include "service/annual_report.h"
#include "web/layout.h"
#include "web/pages.h"

/* Years of history the preview's trend charts show. */
#define TREND_YEARS 5

struct report_ask {
	struct gk_agency agency;
	int year;
	bool rollup;
	bool style_set;
	enum gk_annual_style style;
};

/* Reads {code}, {year}, scope and style; answers the error itself. */
static bool ask_of(struct gk_request *r, struct report_ask *q)
{
	struct gk_error err = {0};
	enum gk_err rc = gk_store_agency_by_code(r->store, gk_req_path_arg(r, 0), &q->agency, &err);
	if (rc) {
		gk_respond_error(r, rc, rc == GK_ENOTFOUND ? "没有这个机关" : gk_error_text(&err));
		return false;
	}
	char *end;
	long year = strtol(gk_req_path_arg(r, 1), &end, 10);
	if (*end || year < GK_RECORD_YEAR_MIN || year > GK_RECORD_YEAR_MAX) {
		gk_respond_error(r, GK_EINVAL, "年份应为2008至2100之间的整数");
		return false;
	}
	q->year = (int)year;
	const char *scope = gk_req_param(r, "scope");
	q->rollup = scope ? !strcmp(scope, "rollup") : q->agency.kind == GK_AGENCY_GOVERNMENT;
	const char *style = gk_req_param(r, "style");
	q->style_set = style && *style && gk_annual_style_parse(style, &q->style);
	if (!gk_svc_in_scope(&r->svc, q->agency.id)) {
		gk_respond_error(r, GK_EFORBIDDEN, "只能查看本机关及所属单位的年度报告");
		return false;
	}
	return true;
}

/* Reads what the request asks for into Q and builds that report into A;
 * false once the response is the error page (A then holds nothing). */
static bool build(struct gk_request *r, struct report_ask *q, struct gk_annual *a)
{
	if (!ask_of(r, q))
		return false;
	gk_annual_init(a, q->year);
	struct gk_error err = {0};
	enum gk_err rc = gk_svc_annual_build(&r->svc, q->agency.id, q->year, q->rollup, a, &err);
	if (rc) {
		gk_annual_release(a);
		if (!gk_req_failed(r, rc, &err))
			gk_respond_error(r, rc, gk_error_text(&err));
		return false;
	}
	if (q->style_set)
		a->style = q->style;
	return true;
}

static void scope_args(struct gk_buf *b, const struct report_ask *q, const struct gk_annual *a)
{
	gk_html_raw(b, q->rollup ? "scope=rollup" : "scope=own");
	gk_html_raw(b, "&amp;style=");
	gk_html_raw(b, gk_annual_style_code(a->style));
}

void gk_page_annual_preview(struct gk_request *r)
{
	struct report_ask q;
	struct gk_annual a;
	if (!build(r, &q, &a))
		return;
	/* the years before, for the trends (each built the same way) */
	struct gk_annual past[TREND_YEARS - 1];
	int npast = 0;
	struct gk_buf body;
	struct gk_error err = {0};
	gk_buf_init(&body, (size_t)32 << 20);
	enum gk_err rc = gk_svc_annual_build_history(&r->svc, q.agency.id, q.year, q.rollup, past,
						     TREND_YEARS - 1, &npast, &err);
	struct gk_annual_history history = {past, npast};
	if (!rc)
		rc = gk_annual_render(&a, GK_OUT_HTML, &history, &body, &err);
	if (!gk_req_failed(r, rc, &err)) {
		struct gk_buf *b = &r->out;
		char title[256];
		snprintf(title, sizeof title, "%s%d年政府信息公开工作年度报告（预览）",
			 q.agency.name, q.year);
		gk_page_begin(r, 200, title);
		gk_html_raw(b, "<nav class=\"report-tools\" id=\"report-tools\"><p>范围：");
		gk_html_raw(b, q.rollup ? "本机关及所属单位汇总" : "本机关");
		gk_html_raw(b, " · 格式：");
		gk_html_text(b, a.style == GK_STYLE_NARRATIVE ? "2019年以前的文字报告"
				: a.style == GK_STYLE_2019 ? "国办公开办函〔2019〕60号格式"
							   : "国办公开办函〔2021〕30号格式");
		gk_html_raw(b, "</p><p>下载：");
		static const char *const formats[][2] = {{"pdf", "PDF"},     {"xlsx", "Excel"},
							 {"md", "Markdown"}, {"txt", "纯文本"},
							 {"json", "JSON"},   {"html", "HTML"}};
		for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
			gk_html_raw(b, " <a href=\"/staff/reports/");
			gk_html_url_arg(b, q.agency.code);
			gk_html_raw(b, "/");
			gk_html_int(b, q.year);
			gk_html_raw(b, "/download?format=");
			gk_html_raw(b, formats[i][0]);
			gk_html_raw(b, "&amp;");
			scope_args(b, &q, &a);
			gk_html_raw(b, "\" id=\"download-");
			gk_html_raw(b, formats[i][0]);
			gk_html_raw(b, "\">");
			gk_html_raw(b, formats[i][1]);
			gk_html_raw(b, "</a>");
		}
		gk_html_raw(b, "</p>");
		if (r->user.roles & (GK_ROLE_EDITOR | GK_ROLE_ADMIN)) {
			gk_html_raw(
				b,
				"<form method=\"post\" id=\"publish-form\" action=\"/staff/reports/");
			gk_html_url_arg(b, q.agency.code);
			gk_html_raw(b, "/");
			gk_html_int(b, q.year);
			gk_html_raw(b, "/publish\">");
			gk_page_csrf_field(r);
			gk_html_raw(b, "<input type=\"hidden\" name=\"scope\" value=\"");
			gk_html_raw(b, q.rollup ? "rollup" : "own");
			gk_html_raw(b, "\"><input type=\"hidden\" name=\"style\" value=\"");
			gk_html_raw(b, gk_annual_style_code(a.style));
			gk_html_raw(
				b,
				"\"><button type=\"submit\" id=\"publish\">发布年度报告</button>"
				" 发布后报告作为“年度报告”列入政府信息公开目录，附PDF和Excel文件；"
				"再次发布将更新同一条目。</form>");
		}
		gk_html_raw(b, "</nav>\n<article class=\"annual-report\" id=\"annual-report\">\n");
		gk_buf_add(b, body.data, body.len);
		gk_html_raw(b, "</article>\n");
		gk_page_end(r);
	}
	gk_buf_release(&body);
	for (int i = 0; i < npast; i++)
		gk_annual_release(&past[i]);
	gk_annual_release(&a);
}

void gk_page_annual_download(struct gk_request *r)
{
	struct report_ask q;
	const char *format = gk_req_param(r, "format");
	struct gk_annual a;
	if (!build(r, &q, &a))
		return;
	struct gk_error err = {0};
	enum gk_err rc;
	const char *type, *ext = format;
	if (!strcmp(format, "pdf") || !strcmp(format, "xlsx")) {
		bool pdf = !strcmp(format, "pdf");
		rc = pdf ? gk_annual_pdf(&a, &r->out, &err) : gk_annual_xlsx(&a, &r->out, &err);
		type = pdf ? "application/pdf"
			   : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	} else {
		enum gk_annual_format f = !strcmp(format, "md")     ? GK_OUT_MARKDOWN
					  : !strcmp(format, "json") ? GK_OUT_JSON
					  : !strcmp(format, "html") ? GK_OUT_HTML
								    : GK_OUT_TEXT;
		/* the HTML with its five-year trends, as the preview shows it */
		struct gk_annual past[TREND_YEARS - 1];
		int npast = 0;
		rc = f == GK_OUT_HTML
			     ? gk_svc_annual_build_history(&r->svc, q.agency.id, q.year, q.rollup,
							   past, TREND_YEARS - 1, &npast, &err)
			     : GK_OK;
		struct gk_annual_history history = {past, npast};
		if (!rc)
			rc = gk_annual_render(&a, f, &history, &r->out, &err);
		for (int i = 0; i < npast; i++)
			gk_annual_release(&past[i]);
		type = f == GK_OUT_MARKDOWN ? "text/markdown; charset=utf-8"
		       : f == GK_OUT_JSON   ? "application/json; charset=utf-8"
		       : f == GK_OUT_HTML   ? "text/html; charset=utf-8"
					    : "text/plain; charset=utf-8";
	}
	if (!gk_req_failed(r, rc, &err)) {
		r->status = 200;
		r->response_type = type;
		char disp[256];
		snprintf(disp, sizeof disp, "attachment; filename=\"report-%s-%d%s.%s\"",
			 q.agency.code, q.year, q.rollup ? "-rollup" : "", ext);
		gk_req_header(r, "Content-Disposition", gk_arena_strdup(&r->arena, disp));
	}
	gk_annual_release(&a);
}

void gk_page_annual_publish(struct gk_request *r)
{
	struct report_ask q;
	struct gk_annual a;
	if (!build(r, &q, &a))
		return;
	struct gk_buf html, pdf, xlsx;
	struct gk_error err = {0};
	gk_buf_init(&html, (size_t)8 << 20);
	gk_buf_init(&pdf, (size_t)64 << 20);
	gk_buf_init(&xlsx, (size_t)64 << 20);
	enum gk_err rc = gk_annual_render(&a, GK_OUT_HTML, NULL, &html, &err);
	if (!rc)
		rc = gk_annual_pdf(&a, &pdf, &err);
	if (!rc)
		rc = gk_annual_xlsx(&a, &xlsx, &err);
	int64_t item_id = 0;
	if (!rc) {
		char pdf_name[128], xlsx_name[128];
		snprintf(pdf_name, sizeof pdf_name, "%d年政府信息公开工作年度报告.pdf", a.year);
		snprintf(xlsx_name, sizeof xlsx_name, "%d年政府信息公开工作年度报告（统计表）.xlsx",
			 a.year);
		struct gk_upload docs[2] = {
			{pdf_name, "application/pdf", pdf.data, pdf.len},
			{xlsx_name,
			 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
			 xlsx.data, xlsx.len},
		};
		rc = gk_svc_annual_publish(&r->svc, q.agency.id, &a, html.data, docs, 2, &item_id,
					   &err);
	}
	if (!gk_req_failed(r, rc, &err)) {
		if (rc)
			gk_respond_error(r, rc, gk_error_text(&err));
		else {
			char to[64];
			snprintf(to, sizeof to, "/items/%lld", (long long)item_id);
			gk_respond_redirect(r, gk_arena_strdup(&r->arena, to));
		}
	}
	gk_buf_release(&html);
	gk_buf_release(&pdf);
	gk_buf_release(&xlsx);
	gk_annual_release(&a);
}

/* --- the public list ---------------------------------------------------------------- */

struct listing {
	struct gk_buf *b;
	int year; /* of the heading written last */
	int n;
};

static int report_row(const struct gk_annual_report_row *row, void *ctx)
{
	struct listing *l = ctx;
	struct gk_buf *b = l->b;
	if (row->year != l->year) {
		if (l->n)
			gk_html_raw(b, "</ul>\n");
		gk_html_raw(b, "<h2>");
		gk_html_int(b, row->year);
		gk_html_raw(b, "年度</h2>\n<ul class=\"reports\">\n");
		l->year = row->year;
	}
	gk_html_raw(b, "<li><a href=\"/items/");
	gk_html_int(b, row->item_id);
	gk_html_raw(b, "\">");
	gk_html_text(b, row->title);
	gk_html_raw(b, "</a> <span class=\"meta\">");
	gk_html_text(b, row->index_no);
	gk_html_raw(b, " · ");
	gk_html_textn(b, row->published, 10);
	gk_html_raw(b, "</span></li>\n");
	l->n++;
	return 0;
}

void gk_page_annual_reports(struct gk_request *r)
{
	struct gk_buf *b = &r->out;
	struct listing l = {b, 0, 0};
	struct gk_error err = {0};
	struct gk_agency a = {0};
	const char *code = gk_req_param(r, "agency");
	if (code && *code) {
		enum gk_err rc = gk_store_agency_by_code(r->store, code, &a, &err);
		if (rc) {
			if (!gk_req_failed(r, rc, &err))
				gk_respond_error(r, rc, "没有这个机关");
			return;
		}
	}
	char title[256];
	snprintf(title, sizeof title, "%s政府信息公开工作年度报告", a.name);
	/* the column's feed: the reports are published as items of 体裁 年度报告 */
	struct gk_buf feed;
	gk_buf_init(&feed, 256);
	gk_buf_puts(&feed, "/feeds/items?genre=annual_report");
	if (a.id) {
		gk_buf_puts(&feed, "&agency=");
		gk_html_url_arg(&feed, a.code);
	}
	struct gk_page_public pub = {
		NULL, 0,
		gk_arena_strdup(&r->arena,
				feed.failed ? "/feeds/items?genre=annual_report" : feed.data),
		title};
	gk_buf_release(&feed);
	gk_page_begin_public(r, 200, title, &pub);
	gk_html_raw(
		b,
		"<p>各机关依照《中华人民共和国政府信息公开条例》第四十九条、第五十条发布的年度报告，"
		"按年度排列；每份报告附PDF文本和统计表。");
	if (a.id)
		gk_html_raw(b, " <a href=\"/reports\" id=\"all-reports\">全部机关的年度报告</a>");
	gk_html_raw(b, "</p>\n");
	if (!gk_page_agency_switcher(r, "/reports", a.id ? a.code : NULL))
		return;
	gk_html_raw(b, "<div id=\"report-list\">\n");
	if (gk_req_failed(r, gk_store_annual_reports(r->store, a.id, report_row, &l, &err), &err))
		return;
	if (l.n)
		gk_html_raw(b, "</ul>\n");
	else
		gk_html_raw(b, "<p class=\"empty\">尚未发布年度报告。</p>\n");
	gk_html_raw(b, "</div>\n");
	gk_page_end(r);
}
