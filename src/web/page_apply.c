/* GET/POST /apply — the public online application form (网上申请), with a
 * per-address rate limit and an arithmetic question of our own tied to the
 * visitor's anonymous CSRF token; on success a confirmation page with the
 * tracking code and a QR code to the tracking page. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/html.h"
#include "store/store.h"
#include "web/applications.h"
#include "web/auth.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/server.h"

/* The question for this visitor in this hour: two numbers from an HMAC of
 * the CSRF token, so no state is kept and a new token gives a new question. */
static void challenge(struct gk_request *r, long hour, int *a, int *b)
{
	char msg[128];
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	int n = snprintf(msg, sizeof msg, "apply:%s:%ld", r->csrf, hour);
	crypto_auth_hmacsha256(mac, (const unsigned char *)msg, (unsigned long long)n,
			       r->server->secret);
	*a = 2 + mac[0] % 18;
	*b = 1 + mac[1] % 9;
}

static bool answer_ok(struct gk_request *r, const char *answer)
{
	long hour = (long)(time(NULL) / 3600);
	long given = answer && *answer ? strtol(answer, NULL, 10) : -1;
	for (long h = hour; h >= hour - 1; h--) {
		int a, b;
		challenge(r, h, &a, &b);
		if (given == a + b)
			return true;
	}
	return false;
}

static void form_page(struct gk_request *r, int status, const char *message)
{
	struct gk_buf *b = &r->out;
	gk_auth_anon_token(r); /* the question depends on the token */
	gk_buf_reset(b);
	gk_page_begin(r, status, "网上申请政府信息公开");
	if (message)
		gk_page_notice(r, "error", message);
	gk_html_raw(
		b,
		"<p>依据《中华人民共和国政府信息公开条例》第二十九条，请如实填写下列内容。"
		"提交后您将获得一个查询码，凭查询码可随时查询办理进度。带 * 的为必填项。</p>\n"
		"<form method=\"post\" action=\"/apply\" class=\"stacked\" id=\"apply-form\">\n");
	gk_page_csrf_field(r);
	gk_html_raw(
		b,
		"<label for=\"a-agency\">向哪个机关申请 *</label><select id=\"a-agency\" name=\"agency\" required>\n");
	struct gk_agency_list agencies;
	struct gk_error err = {0};
	if (gk_req_failed(r, gk_store_agency_list(r->store, &agencies, &err), &err))
		return;
	const char *sel = gk_req_param(r, "agency");
	for (size_t i = 0; i < agencies.count; i++)
		gk_app_option(b, agencies.items[i].code, agencies.items[i].name, sel);
	gk_agency_list_release(&agencies);
	gk_html_raw(b, "</select>\n");
	gk_app_intake_fields(r);
	int qa, qb;
	challenge(r, (long)(time(NULL) / 3600), &qa, &qb);
	gk_html_raw(b, "<label for=\"a-answer\">验证问题：<span id=\"challenge\">");
	gk_html_int(b, qa);
	gk_html_raw(b, " 加 ");
	gk_html_int(b, qb);
	gk_html_raw(
		b,
		" 等于多少？</span> *</label><input id=\"a-answer\" name=\"answer\" inputmode=\"numeric\" "
		"maxlength=\"3\" required autocomplete=\"off\">\n"
		"<button type=\"submit\">提交申请</button>\n</form>\n");
	gk_page_end(r);
}

void gk_page_apply_form(struct gk_request *r)
{
	form_page(r, 200, NULL);
}

void gk_page_apply_submit(struct gk_request *r)
{
	struct gk_error err = {0};
	enum gk_err rc;
	if (!answer_ok(r, gk_req_param(r, "answer"))) {
		form_page(
			r, 400,
			"验证问题的答案不正确，请重新计算后再提交。(the answer to the question is wrong)");
		return;
	}
	struct gk_application *app;
	if ((rc = gk_app_submit_online(r, &app, &err))) {
		form_page(r, gk_err_http_status(rc), gk_req_error(r, &err));
		return;
	}

	struct gk_buf *b = &r->out;
	char shown[GK_TRACKING_CODE_LEN + 2];
	gk_page_begin(r, 201, "申请已提交");
	gk_page_notice(r, "ok", "您的政府信息公开申请已提交。请记下查询码，凭它查询办理进度。");
	gk_html_raw(b, "<div class=\"tracking\">\n<p>查询码：<strong id=\"tracking-code\">");
	gk_html_text(b, gk_tracking_code_display(app->tracking_code, shown));
	gk_html_raw(b, "</strong></p>\n<figure class=\"qr\"><img id=\"qr\" src=\"/track/");
	gk_html_url_arg(b, app->tracking_code);
	gk_html_raw(b, "/qr.svg\" width=\"164\" height=\"164\" alt=\"扫码查询办理进度\">"
		       "<figcaption>手机扫码查询办理进度</figcaption></figure>\n</div>\n"
		       "<dl class=\"meta\">\n<dt>受理机关</dt><dd>");
	gk_html_text(b, app->agency_name);
	gk_html_raw(b, "</dd>\n<dt>提交日期</dt><dd id=\"received\">");
	gk_html_text(b, gk_app_day(r, app->received));
	gk_html_raw(b, "</dd>\n<dt>预计答复期限</dt><dd id=\"due\">");
	gk_html_text(b, gk_app_day(r, app->due));
	gk_html_raw(
		b,
		"</dd>\n</dl>\n<p>网上申请以工作人员与您确认收到之日为收到申请之日（条例第三十一条），"
		"答复期限自该日起计算，确认后以查询页面显示的日期为准。</p>\n<p><a id=\"track-link\" href=\"/track/");
	gk_html_url_arg(b, app->tracking_code);
	gk_html_raw(b, "\">查看办理进度</a></p>\n");
	gk_page_end(r);
}
