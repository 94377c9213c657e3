/* GET/POST /staff/users — an administrator's accounts: those of the agencies
 * in their scope, and a form to add one there. */
#include <string.h>

#include "lib/html.h"
#include "service/accounts.h"
#include "store/store.h"
#include "web/layout.h"
#include "web/pages.h"

struct listing {
	struct gk_buf *b;
};

static int user_row(const struct gk_user *u, void *ctx)
{
	struct listing *l = ctx;
	char roles[64];
	gk_html_raw(l->b, "<tr><td>");
	gk_html_text(l->b, u->login);
	gk_html_raw(l->b, "</td><td>");
	gk_html_text(l->b, u->display_name);
	gk_html_raw(l->b, "</td><td>");
	gk_html_text(l->b, u->agency_name);
	gk_html_raw(l->b, "</td><td>");
	gk_html_text(l->b, gk_role_format(u->roles, roles, sizeof roles));
	gk_html_raw(l->b, "</td><td>");
	gk_html_raw(l->b, u->disabled ? "停用" : "启用");
	gk_html_raw(l->b, "</td></tr>\n");
	return 0;
}

static void users_page(struct gk_request *r, int status, const char *kind, const char *message)
{
	struct gk_buf *b = &r->out;
	struct gk_agency_list agencies = {0};
	gk_buf_reset(b);
	gk_page_begin(r, status, "账号管理");
	if (message)
		gk_page_notice(r, kind, message);
	gk_html_raw(b, "<table class=\"list\" id=\"users\">\n<thead><tr><th>账号</th><th>姓名</th>"
		       "<th>机构</th><th>角色</th><th>状态</th></tr></thead>\n<tbody>\n");
	struct listing l = {b};
	struct gk_error err = {0};
	if (gk_req_failed(r,
			  gk_store_user_each(r->store, r->user.city_wide ? 0 : r->user.agency_id,
					     user_row, &l, &err),
			  &err))
		return;
	gk_html_raw(
		b,
		"</tbody>\n</table>\n<h2>新增账号</h2>\n"
		"<form method=\"post\" action=\"/staff/users\" class=\"stacked\" id=\"user-add\">\n");
	gk_page_csrf_field(r);
	gk_html_raw(
		b,
		"<label for=\"u-login\">账号（小写字母、数字、. _ -）</label>"
		"<input id=\"u-login\" name=\"login\" required maxlength=\"32\">\n"
		"<label for=\"u-name\">姓名</label><input id=\"u-name\" name=\"display_name\" required maxlength=\"60\">\n"
		"<label for=\"u-agency\">机构</label><select id=\"u-agency\" name=\"agency\">\n");
	if (!gk_req_failed(r, gk_store_agency_list(r->store, &agencies, &err), &err)) {
		for (size_t i = 0; i < agencies.count; i++) {
			const struct gk_agency *a = &agencies.items[i];
			if (!gk_svc_in_scope(&r->svc, a->id))
				continue;
			gk_html_raw(b, "<option value=\"");
			gk_html_attr(b, a->code);
			gk_html_raw(b, "\">");
			gk_html_text(b, a->name);
			gk_html_raw(b, "</option>\n");
		}
		gk_agency_list_release(&agencies);
	}
	gk_html_raw(
		b,
		"</select>\n<label for=\"u-role\">角色</label><select id=\"u-role\" name=\"role\">\n"
		"<option value=\"editor\">信息发布</option><option value=\"handler\">申请办理</option>"
		"<option value=\"reviewer\">审核</option><option value=\"admin\">管理员</option></select>\n"
		"<label for=\"u-password\">初始密码（至少10个字符）</label>"
		"<input id=\"u-password\" name=\"password\" type=\"password\" required autocomplete=\"new-password\">\n"
		"<button type=\"submit\">新增</button>\n</form>\n");
	gk_page_end(r);
}

void gk_page_users(struct gk_request *r)
{
	users_page(r, 200, NULL, NULL);
}

void gk_page_users_add(struct gk_request *r)
{
	struct gk_error err = {0};
	struct gk_account_input in = {gk_req_param(r, "login"), gk_req_param(r, "display_name"),
				      gk_req_param(r, "role"), gk_req_param(r, "agency"),
				      gk_req_param(r, "password")};
	enum gk_err rc = gk_svc_user_add(&r->svc, &in, NULL, &err);
	if (rc)
		users_page(r, gk_err_http_status(rc), "error", gk_req_error(r, &err));
	else
		users_page(r, 201, "ok", "账号已新增。");
}
