/* GET/POST /staff/users — an administrator's accounts: those of the agencies
 * in their scope, and a form to add one there; POST /staff/users/{login}
 * disables, enables or sends an account to set a new password. */
#include <string.h>

#include "lib/html.h"
#include "service/accounts.h"
#include "store/store.h"
#include "web/layout.h"
#include "web/pages.h"

struct listing {
	struct gk_request *r;
	struct gk_buf *b;
};

/* One small form per action on account U, each with its CSRF token. */
static void action_form(struct listing *l, const struct gk_user *u, const char *action,
			const char *label, bool temporary)
{
	gk_html_raw(l->b, "<form method=\"post\" class=\"inline\" action=\"/staff/users/");
	gk_html_url_arg(l->b, u->login);
	gk_html_raw(l->b, "\">");
	gk_page_csrf_field(l->r);
	gk_html_raw(l->b, "<input type=\"hidden\" name=\"action\" value=\"");
	gk_html_raw(l->b, action);
	gk_html_raw(l->b, "\">");
	if (temporary) {
		gk_html_raw(l->b, "<label class=\"visually-hidden\" for=\"t-");
		gk_html_attr(l->b, u->login);
		gk_html_raw(l->b, "\">临时密码（可不填）</label><input type=\"password\" id=\"t-");
		gk_html_attr(l->b, u->login);
		gk_html_raw(l->b, "\" name=\"password\" placeholder=\"临时密码（可不填）\" "
				  "autocomplete=\"new-password\" maxlength=\"256\">");
	}
	gk_html_raw(l->b, "<button type=\"submit\" name=\"do\" value=\"");
	gk_html_raw(l->b, action);
	gk_html_raw(l->b, "\">");
	gk_html_raw(l->b, label);
	gk_html_raw(l->b, "</button></form>");
}

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
	if (u->must_reset)
		gk_html_raw(l->b, "，待设置新密码");
	gk_html_raw(l->b, "</td><td>");
	if (u->id != l->r->user.id) {
		action_form(l, u, u->disabled ? "enable" : "disable", u->disabled ? "启用" : "停用",
			    false);
		action_form(l, u, "reset", "要求重设密码", true);
	}
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
	gk_html_raw(b,
		    "<table class=\"list\" id=\"users\">\n<thead><tr><th>账号</th><th>姓名</th>"
		    "<th>机构</th><th>角色</th><th>状态</th><th>操作</th></tr></thead>\n<tbody>\n");
	struct listing l = {r, b};
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
		"<label for=\"u-password\">初始密码（至少10个字符，不能是常见或有规律的密码）</label>"
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

void gk_page_user_action(struct gk_request *r)
{
	static const char *const done[] = {
		"账号已停用，其登录已全部退出。", "账号已启用。",
		"已要求该账号在下次登录时设置新密码，其登录已全部退出。"};
	struct gk_error err = {0};
	const char *login = gk_req_path_arg(r, 0);
	const char *action = gk_req_param(r, "action");
	enum gk_err rc;
	int which;
	if (strcmp(action, "disable") == 0) {
		which = 0;
		rc = gk_svc_user_set_disabled(&r->svc, login, true, &err);
	} else if (strcmp(action, "enable") == 0) {
		which = 1;
		rc = gk_svc_user_set_disabled(&r->svc, login, false, &err);
	} else {
		which = 2;
		rc = gk_svc_user_force_reset(&r->svc, login, gk_req_param(r, "password"), &err);
	}
	if (rc)
		users_page(r, gk_err_http_status(rc), "error", gk_req_error(r, &err));
	else
		users_page(r, 200, "ok", done[which]);
}
