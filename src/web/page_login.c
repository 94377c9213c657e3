/* GET/POST /login and POST /logout — staff sign-in with server-side sessions. */
#include <string.h>

#include "lib/html.h"
#include "web/auth.h"
#include "web/layout.h"
#include "web/pages.h"

/* Only same-site paths may be a place to return to after login. */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strpbrk(next, ":\\\t"))
		return "/staff";
	return next;
}

static void login_page(struct gk_request *r, int status, const char *message, const char *login)
{
	struct gk_buf *b = &r->out;
	gk_buf_reset(b);
	gk_page_begin(r, status, "工作人员登录");
	if (message)
		gk_page_notice(r, "error", message);
	gk_html_raw(
		b,
		"<form method=\"post\" action=\"/login\" class=\"stacked\" id=\"login-form\">\n");
	gk_page_csrf_field(r);
	gk_html_raw(b, "<input type=\"hidden\" name=\"next\" value=\"");
	gk_html_attr(b, safe_next(gk_req_param(r, "next")));
	gk_html_raw(
		b,
		"\">\n<label for=\"login\">账号</label>\n"
		"<input id=\"login\" name=\"login\" autocomplete=\"username\" required maxlength=\"64\" value=\"");
	gk_html_attr(b, login ? login : "");
	gk_html_raw(
		b,
		"\">\n<label for=\"password\">密码</label>\n"
		"<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required maxlength=\"256\">\n"
		"<button type=\"submit\">登录</button>\n</form>\n");
	gk_page_end(r);
}

/* Redirects to a same-site path, percent-encoding what a Location header
 * must not carry raw (non-ASCII, spaces, quotes). */
static void redirect_next(struct gk_request *r)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *next = safe_next(gk_req_param(r, "next"));
	struct gk_buf b;
	gk_buf_init(&b, 4096);
	for (const unsigned char *p = (const unsigned char *)next; *p; p++) {
		if (*p > 0x20 && *p < 0x7f && !strchr("\"<>`{}|^", *p)) {
			gk_buf_putc(&b, (char)*p);
		} else {
			char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			gk_buf_add(&b, esc, 3);
		}
	}
	gk_respond_redirect(r, b.failed ? "/staff" : gk_arena_strdup(&r->arena, b.data));
	gk_buf_release(&b);
}

void gk_page_login_form(struct gk_request *r)
{
	if (r->logged_in) {
		redirect_next(r);
		return;
	}
	login_page(r, 200, NULL, NULL);
}

void gk_page_login_submit(struct gk_request *r)
{
	const char *login = gk_req_param(r, "login");
	struct gk_error err = {0};
	enum gk_err rc = gk_auth_login(r, login, gk_req_param(r, "password"), &err);
	if (rc == GK_OK) {
		redirect_next(r);
		return;
	}
	login_page(r, gk_err_http_status(rc),
		   rc == GK_EUNAUTH      ? "账号或密码错误。"
		   : rc == GK_ETHROTTLED ? gk_error_text(&err)
					 : gk_req_error(r, &err),
		   login);
}

void gk_page_logout(struct gk_request *r)
{
	gk_auth_logout(r);
	gk_respond_redirect(r, "/");
}
