/* The base layout every HTML page shares. */
#include <string.h>

#include "core/agency.h"
#include "core/user.h"
#include "lib/html.h"
#include "lib/log.h"
#include "store/store.h"
#include "web/auth.h"
#include "web/layout.h"

/* The staff's links, once logged in: each only to the roles (a set of enum
 * gk_role, 0 = any) its route lets in (routes.c), so no link answers 403.
 * The public's links are the portal's columns (public_columns). */
static const struct {
	const char *href, *label;
	unsigned roles;
} staff_nav[] = {
	{"/staff", "工作台", 0},
	{"/staff/requests", "申请办理", GK_ROLE_HANDLER | GK_ROLE_REVIEWER},
	{"/staff/items", "信息发布", GK_ROLE_EDITOR},
	{"/staff/records", "年报数据", 0},
	{"/staff/consultations", "网上咨询", GK_ROLE_HANDLER | GK_ROLE_ADMIN},
};

/* --- the public portal's frame (issue 12): columns, breadcrumbs, feeds --- */

/* The columns of the 政府信息公开专栏, in the order portals show them; the
 * guide is the city's (the root agency's) until an agency is chosen. */
static const struct {
	const char *href, *label;
} columns[] = {
	{"/", "首页"},
	{"/guide", "信息公开指南"},
	{"/rules", "信息公开制度"},
	{"/statutory", "法定主动公开内容"},
	{"/items", "主动公开目录"},
	{"/reports", "政府信息公开年报"},
	{"/apply", "依申请公开"},
	{"/track", "申请查询"},
	{"/forms", "表格下载"},
	{"/consult", "网上咨询"},
	{"/agencies", "公开机构"},
};

/* Whether the request's path is in the column at HREF. */
static bool in_column(const struct gk_request *r, const char *href)
{
	if (!r->path)
		return false;
	if (strcmp(href, "/") == 0)
		return strcmp(r->path, "/") == 0;
	/* an agency's own guide is in the guide's column, not the agencies' */
	size_t len = strlen(r->path);
	bool guide = strncmp(r->path, "/agencies/", 10) == 0 && len > 16 &&
		     strcmp(r->path + len - 6, "/guide") == 0;
	if (guide)
		return strcmp(href, "/guide") == 0;
	size_t n = strlen(href);
	return strncmp(r->path, href, n) == 0 && (r->path[n] == 0 || r->path[n] == '/');
}

static void public_columns(struct gk_request *r)
{
	struct gk_buf *b = &r->out;
	gk_html_raw(b, "<nav class=\"columns\" aria-label=\"政府信息公开栏目\">\n");
	for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++) {
		gk_html_raw(b, "<a href=\"");
		gk_html_raw(b, columns[i].href);
		gk_html_raw(b, in_column(r, columns[i].href) ? "\" aria-current=\"page\">" : "\">");
		gk_html_raw(b, columns[i].label);
		gk_html_raw(b, "</a>\n");
	}
	gk_html_raw(b, "</nav>\n");
}

/* 首页 › the page's trail › TITLE, on every page but the home page and the
 * staff's own. */
static void breadcrumbs(struct gk_request *r, const char *title, const struct gk_page_public *p)
{
	struct gk_buf *b = &r->out;
	if (!r->path || strcmp(r->path, "/") == 0 || strncmp(r->path, "/staff", 6) == 0)
		return;
	gk_html_raw(b, "<nav class=\"breadcrumb\" aria-label=\"当前位置\">\n<ol>\n"
		       "<li><a href=\"/\">首页</a></li>\n");
	for (size_t i = 0; p && i < p->ntrail; i++) {
		gk_html_raw(b, "<li><a href=\"");
		gk_html_attr(b, p->trail[i].href);
		gk_html_raw(b, "\">");
		gk_html_text(b, p->trail[i].label);
		gk_html_raw(b, "</a></li>\n");
	}
	gk_html_raw(b, "<li aria-current=\"page\">");
	gk_html_text(b, title);
	gk_html_raw(b, "</li>\n</ol>\n</nav>\n");
}

bool gk_page_agency_switcher(struct gk_request *r, const char *action, const char *current)
{
	struct gk_buf *b = &r->out;
	struct gk_agency_list list;
	struct gk_error err = {0};
	if (gk_req_failed(r, gk_store_agency_list(r->store, &list, &err), &err))
		return false;
	gk_html_raw(b, "<form method=\"get\" class=\"agency-switcher\" action=\"");
	gk_html_attr(b, action);
	gk_html_raw(
		b,
		"\"><label for=\"switch-agency\">切换机构</label> "
		"<select id=\"switch-agency\" name=\"agency\"><option value=\"\">全市</option>\n");
	for (size_t i = 0; i < list.count; i++) {
		const struct gk_agency *a = &list.items[i];
		gk_html_raw(b, "<option value=\"");
		gk_html_attr(b, a->code);
		gk_html_raw(b, current && strcmp(current, a->code) == 0 ? "\" selected>" : "\">");
		/* the tree shows as indentation: a select holds no markup */
		for (int d = 0; d < a->depth && d < 3; d++)
			gk_html_raw(b, "　");
		gk_html_text(b, a->name);
		gk_html_raw(b, "</option>\n");
	}
	gk_agency_list_release(&list);
	gk_html_raw(b, "</select> <button type=\"submit\">查看</button></form>\n");
	return true;
}

void gk_page_begin(struct gk_request *r, int status, const char *title)
{
	gk_page_begin_public(r, status, title, NULL);
}

void gk_page_begin_public(struct gk_request *r, int status, const char *title,
			  const struct gk_page_public *p)
{
	struct gk_buf *b = &r->out;
	struct gk_agency root = {0};
	struct gk_error err = {0};
	/* the header names the government; without it (an empty or broken
	 * database) the page still shows, and a failure is logged */
	enum gk_err rc = r->store ? gk_store_agency_root(r->store, &root, &err) : GK_ENOTFOUND;
	if (gk_err_is_server(rc))
		gk_error("page header: %s", gk_error_text(&err));
	if (rc)
		memcpy(root.name, "gongkai", 8);
	r->status = status;
	r->response_type = "text/html; charset=utf-8";
	r->page_open = true;
	gk_html_raw(
		b,
		"<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	gk_html_text(b, title);
	gk_html_raw(b, " - ");
	gk_html_text(b, root.name);
	gk_html_raw(
		b,
		" 政府信息公开</title>\n<link rel=\"stylesheet\" href=\"/static/gongkai.css\">\n<link rel=\"icon\" href=\"data:,\">\n");
	if (p && p->feed) {
		gk_html_raw(b, "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"");
		gk_html_attr(b, p->feed_title ? p->feed_title : title);
		gk_html_raw(b, "\" href=\"");
		gk_html_attr(b, p->feed);
		gk_html_raw(b, "\">\n");
	}
	gk_html_raw(b, "</head>\n<body>\n<a class=\"skip\" href=\"#main\">跳到正文</a>\n"
		       "<header class=\"site\">\n<div class=\"brand\"><a href=\"/\">");
	gk_html_text(b, root.name);
	gk_html_raw(b, "</a><span>政府信息公开</span></div>\n");
	public_columns(r);
	if (r->logged_in)
		gk_html_raw(b, "<nav class=\"staff-nav\" aria-label=\"工作人员\">\n");
	for (size_t i = 0; r->logged_in && i < sizeof staff_nav / sizeof staff_nav[0]; i++) {
		if (staff_nav[i].roles && !(r->user.roles & staff_nav[i].roles))
			continue;
		gk_html_raw(b, "<a href=\"");
		gk_html_raw(b, staff_nav[i].href);
		gk_html_raw(b, "\">");
		gk_html_raw(b, staff_nav[i].label);
		gk_html_raw(b, "</a>\n");
	}
	if (r->logged_in)
		gk_html_raw(b, "</nav>\n");
	/* a search box on every public page; the home page and the catalogue
	 * have their own, larger one */
	if (!r->logged_in && r->path && strcmp(r->path, "/") != 0 && strcmp(r->path, "/items") != 0)
		gk_html_raw(b,
			    "<form method=\"get\" action=\"/items\" class=\"site-search\" "
			    "role=\"search\"><input name=\"q\" type=\"search\" maxlength=\"100\" "
			    "aria-label=\"搜索公开信息\" placeholder=\"搜索公开信息\"> "
			    "<button type=\"submit\">搜索</button></form>\n");
	gk_html_raw(b, "<div class=\"account\">");
	if (r->logged_in) {
		gk_html_raw(b, "<span class=\"who\">");
		gk_html_text(b, r->user.display_name);
		gk_html_raw(b, " · ");
		gk_html_text(b, r->user.agency_name);
		gk_html_raw(b,
			    "</span> <form method=\"post\" action=\"/logout\" class=\"inline\">");
		gk_page_csrf_field(r);
		gk_html_raw(b, "<button type=\"submit\" id=\"logout\">退出登录</button></form>");
	} else {
		gk_html_raw(b, "<a href=\"/login\" id=\"login-link\">工作人员登录</a>");
	}
	gk_html_raw(b, "</div>\n</header>\n");
	breadcrumbs(r, title, p);
	gk_html_raw(b, "<main id=\"main\" tabindex=\"-1\">\n");
	if (p && p->feed) {
		gk_html_raw(b, "<div class=\"title-row\"><h1>");
		gk_html_text(b, title);
		gk_html_raw(b, "</h1><a class=\"feed\" href=\"");
		gk_html_attr(b, p->feed);
		gk_html_raw(b, "\">订阅本栏目（Atom）</a></div>\n");
	} else {
		gk_html_raw(b, "<h1>");
		gk_html_text(b, title);
		gk_html_raw(b, "</h1>\n");
	}
}

void gk_page_end(struct gk_request *r)
{
	struct gk_buf *b = &r->out;
	struct gk_agency office;
	struct gk_error err = {0};
	gk_html_raw(b, "</main>\n<footer class=\"site\">\n");
	enum gk_err rc =
		r->store ? gk_store_agency_city_office(r->store, &office, &err) : GK_ENOTFOUND;
	if (gk_err_is_server(rc))
		gk_error("page footer: %s", gk_error_text(&err));
	if (rc == GK_OK) {
		gk_html_raw(b, "<p>政府信息公开工作机构：");
		gk_html_text(b, office.name);
		if (office.address[0]) {
			gk_html_raw(b, " · 地址：");
			gk_html_text(b, office.address);
		}
		if (office.postcode[0]) {
			gk_html_raw(b, " · 邮编：");
			gk_html_text(b, office.postcode);
		}
		gk_html_raw(b, "</p>\n<p>");
		if (office.phone[0]) {
			gk_html_raw(b, "电话：");
			gk_html_text(b, office.phone);
		}
		if (office.fax[0]) {
			gk_html_raw(b, " · 传真：");
			gk_html_text(b, office.fax);
		}
		if (office.email[0]) {
			gk_html_raw(b, " · 电子邮箱：");
			gk_html_text(b, office.email);
		}
		if (office.office_hours[0]) {
			gk_html_raw(b, " · 办公时间：");
			gk_html_text(b, office.office_hours);
		}
		gk_html_raw(b, "</p>\n");
	}
	gk_html_raw(b, "</footer>\n</body>\n</html>\n");
	r->page_open = false;
}

void gk_page_csrf_field(struct gk_request *r)
{
	gk_html_raw(&r->out, "<input type=\"hidden\" name=\"csrf\" value=\"");
	gk_html_attr(&r->out, gk_auth_anon_token(r));
	gk_html_raw(&r->out, "\">");
}

void gk_page_notice(struct gk_request *r, const char *kind, const char *message)
{
	gk_html_raw(&r->out, "<p class=\"notice ");
	gk_html_attr(&r->out, kind);
	gk_html_raw(&r->out, "\" role=\"status\">");
	gk_html_text(&r->out, message);
	gk_html_raw(&r->out, "</p>\n");
}

void gk_page_meta_row(struct gk_buf *b, const char *label, const char *value)
{
	if (!value[0])
		return;
	gk_html_raw(b, "<dt>");
	gk_html_raw(b, label);
	gk_html_raw(b, "</dt><dd>");
	gk_html_text(b, value);
	gk_html_raw(b, "</dd>\n");
}

void gk_page_meta_field(struct gk_buf *b, const char *id, const char *label, const char *value)
{
	gk_html_raw(b, "<dt>");
	gk_html_raw(b, label);
	gk_html_raw(b, "</dt><dd id=\"");
	gk_html_raw(b, id);
	gk_html_raw(b, "\">");
	gk_html_text(b, value && *value ? value : "—");
	gk_html_raw(b, "</dd>\n");
}

void gk_page_contact_rows(struct gk_buf *b, const struct gk_agency *a)
{
	gk_page_meta_row(b, "地址", a->address);
	gk_page_meta_row(b, "邮编", a->postcode);
	gk_page_meta_row(b, "电话", a->phone);
	gk_page_meta_row(b, "传真", a->fax);
	gk_page_meta_row(b, "电子邮箱", a->email);
	gk_page_meta_row(b, "办公时间", a->office_hours);
}
