/* GET/POST /staff/password — staff change their own password (and must,
 * once an administrator forced a reset: until then every other staff page
 * leads here, see router.c). */
#include <string.h>

#include "core/password_policy.h"
#include "lib/html.h"
#include "service/accounts.h"
#include "web/layout.h"
#include "web/pages.h"

static void password_page(struct gk_request *r, int status, const char *kind, const char *message)
{
	struct gk_buf *b = &r->out;
	gk_buf_reset(b);
	gk_page_begin(r, status, "修改密码");
	if (message)
		gk_page_notice(r, kind, message);
	else if (r->user.must_reset)
		gk_page_notice(r, "error", "管理员要求您设置新密码，设置后才能继续使用。");
	gk_html_raw(b, "<form method=\"post\" action=\"/staff/password\" class=\"stacked\" "
		       "id=\"password-form\">\n");
	gk_page_csrf_field(r);
	gk_html_raw(b,
		    "<label for=\"p-current\">当前密码</label>"
		    "<input id=\"p-current\" name=\"current\" type=\"password\" required "
		    "autocomplete=\"current-password\" maxlength=\"256\">\n"
		    "<label for=\"p-new\">新密码</label>"
		    "<input id=\"p-new\" name=\"password\" type=\"password\" required "
		    "autocomplete=\"new-password\" maxlength=\"256\" aria-describedby=\"p-hint\">\n"
		    "<p class=\"note\" id=\"p-hint\">");
	gk_html_text(b, gk_password_policy_hint);
	gk_html_raw(b, "。修改后，您在其他地方的登录会全部退出。</p>\n"
		       "<label for=\"p-again\">再次输入新密码</label>"
		       "<input id=\"p-again\" name=\"again\" type=\"password\" required "
		       "autocomplete=\"new-password\" maxlength=\"256\">\n"
		       "<button type=\"submit\">修改密码</button>\n</form>\n");
	gk_page_end(r);
}

void gk_page_password_form(struct gk_request *r)
{
	password_page(r, 200, NULL, NULL);
}

void gk_page_password_submit(struct gk_request *r)
{
	struct gk_error err = {0};
	const char *password = gk_req_param(r, "password");
	const char *again = gk_req_param(r, "again");
	if (!password || !again || strcmp(password, again) != 0) {
		password_page(r, 400, "error", "两次输入的“新密码”不一致");
		return;
	}
	enum gk_err rc = gk_svc_password_change(&r->svc, gk_req_param(r, "current"), password,
						r->session_digest, &err);
	if (rc) {
		/* a wrong current password is the form's error, not a logout */
		password_page(r, rc == GK_EUNAUTH ? 400 : gk_err_http_status(rc), "error",
			      gk_req_error(r, &err));
		return;
	}
	r->user.must_reset = false;
	password_page(r, 200, "ok", "密码已修改，您在其他地方的登录已全部退出。");
}
