/* GET /agencies and /agencies/{code} — the public directory of disclosure
 * offices: the agency tree and each office's contact. */
#include "lib/html.h"
#include "store/store.h"
#include "web/layout.h"
#include "web/pages.h"

void gk_page_agencies(struct gk_request *r)
{
	struct gk_buf *b = &r->out;
	struct gk_agency_list list;
	struct gk_error err = {0};
	if (gk_store_agency_list(r->store, &list, &err)) {
		gk_respond_error(r, err.code, gk_error_text(&err));
		return;
	}
	gk_page_begin(r, 200, "公开机构");
	gk_html_raw(b,
		    "<table class=\"list\" id=\"agencies\">\n<thead><tr><th>机构</th><th>类别</th>"
		    "<th>联系电话</th><th>电子邮箱</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < list.count; i++) {
		const struct gk_agency *a = &list.items[i];
		gk_html_raw(b, "<tr><td class=\"tree-");
		gk_html_int(b, a->depth > 3 ? 3 : a->depth);
		gk_html_raw(b, "\"><a href=\"/agencies/");
		gk_html_url_arg(b, a->code);
		gk_html_raw(b, "\">");
		gk_html_text(b, a->name);
		gk_html_raw(b, "</a></td><td>");
		gk_html_raw(b, gk_agency_kind_label(a->kind));
		gk_html_raw(b, "</td><td>");
		gk_html_text(b, a->phone);
		gk_html_raw(b, "</td><td>");
		gk_html_text(b, a->email);
		gk_html_raw(b, "</td></tr>\n");
	}
	gk_html_raw(b, "</tbody>\n</table>\n");
	gk_agency_list_release(&list);
	gk_page_end(r);
}

void gk_page_agency(struct gk_request *r)
{
	struct gk_buf *b = &r->out;
	struct gk_agency a, parent;
	struct gk_error err = {0};
	if (gk_store_agency_by_code(r->store, gk_req_path_arg(r, 0), &a, &err)) {
		gk_respond_error(r, err.code, gk_error_text(&err));
		return;
	}
	struct gk_crumb trail[] = {{"/agencies", "公开机构"}};
	struct gk_buf feed;
	gk_buf_init(&feed, 256);
	gk_buf_puts(&feed, "/feeds/agency/");
	gk_html_url_arg(&feed, a.code);
	struct gk_page_public pub = {
		trail, 1, gk_arena_strdup(&r->arena, feed.failed ? "/feeds/items" : feed.data),
		NULL};
	gk_buf_release(&feed);
	gk_page_begin_public(r, 200, a.name, &pub);
	gk_html_raw(b,
		    "<h2>政府信息公开工作机构联系方式</h2>\n<dl class=\"meta\" id=\"contact\">\n");
	gk_page_meta_row(b, "机构代码", a.code);
	gk_page_meta_row(b, "类别", gk_agency_kind_label(a.kind));
	enum gk_err rc = a.parent_id ? gk_store_agency_get(r->store, a.parent_id, &parent, &err)
				     : GK_ENOTFOUND;
	if (gk_req_failed(r, rc, &err))
		return;
	if (rc == GK_OK) {
		gk_html_raw(b, "<dt>上级机构</dt><dd><a href=\"/agencies/");
		gk_html_url_arg(b, parent.code);
		gk_html_raw(b, "\">");
		gk_html_text(b, parent.name);
		gk_html_raw(b, "</a></dd>\n");
	}
	gk_page_contact_rows(b, &a);
	gk_page_meta_row(b, "网站", a.website);
	gk_html_raw(
		b,
		"</dl>\n<ul class=\"agency-links\" id=\"agency-links\">\n<li><a href=\"/agencies/");
	gk_html_url_arg(b, a.code);
	gk_html_raw(
		b,
		"/guide\" id=\"agency-guide\">政府信息公开指南</a></li>\n<li><a href=\"/items?agency=");
	gk_html_url_arg(b, a.code);
	gk_html_raw(
		b,
		"\" id=\"agency-items\">政府信息公开目录</a></li>\n<li><a href=\"/reports?agency=");
	gk_html_url_arg(b, a.code);
	gk_html_raw(
		b,
		"\" id=\"agency-reports\">政府信息公开工作年度报告</a></li>\n<li><a href=\"/rules?agency=");
	gk_html_url_arg(b, a.code);
	gk_html_raw(
		b,
		"\" id=\"agency-rules\">政府信息公开制度</a></li>\n<li><a href=\"/statutory?agency=");
	gk_html_url_arg(b, a.code);
	gk_html_raw(b, "\" id=\"agency-statutory\">法定主动公开内容</a></li>\n"
		       "<li><a href=\"/consult/new?agency=");
	gk_html_url_arg(b, a.code);
	gk_html_raw(b, "\" id=\"agency-consult\">网上咨询</a>（<a href=\"/consult/answers?agency=");
	gk_html_url_arg(b, a.code);
	gk_html_raw(b, "\">咨询答复</a>）</li>\n</ul>\n");
	if (r->logged_in && (r->user.roles & GK_ROLE_ADMIN)) {
		gk_html_raw(b, "<p><a href=\"/staff/agencies/");
		gk_html_url_arg(b, a.code);
		gk_html_raw(b, "\">编辑联系方式</a></p>\n");
	}
	gk_page_end(r);
}
