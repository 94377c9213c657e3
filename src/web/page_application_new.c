/* GET/POST /staff/requests/new, /staff/requests — a handler registers an
 * application that came in person, by fax, by letter or by e-mail. The day
 * of receipt follows the channel's rule (条例第三十一条): in person the day
 * handed in; registered post the day signed for; an ordinary letter, fax
 * or e-mail the day receipt was confirmed with the applicant. */
#include <stdio.h>

#include "lib/html.h"
#include "store/store.h"
#include "web/applications.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/server.h"

/* The form; MESSAGE (if any) on top, and P's problems (NULL: none) each
 * beside its field. */
static void form_page(struct gk_request *r, int status, const char *message,
		      const struct gk_intake_problems *p)
{
	struct gk_buf *b = &r->out;
	gk_buf_reset(b);
	gk_page_begin(r, status, "登记政府信息公开申请");
	if (message)
		gk_page_notice(r, "error", message);
	gk_html_raw(
		b,
		"<p>登记当面、传真、信函、电子邮件提出的申请（网上申请由申请人在线提交）。"
		"收到申请之日按条例第三十一条确定：当面提交的，为提交之日；以挂号信、快递等需签收方式邮寄的，"
		"为签收之日；平常信函、传真、电子邮件，为与申请人确认收到之日。</p>\n"
		"<form method=\"post\" action=\"/staff/requests\" class=\"stacked\" id=\"register-form\" "
		"enctype=\"multipart/form-data\">\n");
	gk_page_csrf_field(r);
	gk_html_raw(
		b,
		"<label for=\"a-agency\">办理机构</label><select id=\"a-agency\" name=\"agency\">\n");
	struct gk_agency_list agencies;
	struct gk_error err = {0};
	const char *sel = gk_req_param(r, "agency");
	if (!sel) {
		struct gk_agency own;
		if (gk_req_failed(r, gk_store_agency_get(r->store, r->user.agency_id, &own, &err),
				  &err))
			return;
		sel = gk_arena_strdup(&r->arena, own.code);
	}
	if (gk_req_failed(r, gk_store_agency_list(r->store, &agencies, &err), &err))
		return;
	for (size_t i = 0; i < agencies.count; i++)
		if (gk_app_in_scope(r, agencies.items[i].id))
			gk_app_option(b, agencies.items[i].code, agencies.items[i].name, sel);
	gk_agency_list_release(&agencies);
	gk_html_raw(
		b,
		"</select>\n<label for=\"a-channel\">申请渠道</label><select id=\"a-channel\" name=\"channel\">\n");
	static const enum gk_channel channels[] = {GK_CHANNEL_IN_PERSON, GK_CHANNEL_LETTER,
						   GK_CHANNEL_FAX, GK_CHANNEL_EMAIL};
	for (size_t i = 0; i < sizeof channels / sizeof channels[0]; i++)
		gk_app_option(b, gk_channel_code(channels[i]), gk_channel_label(channels[i]),
			      gk_req_param(r, "channel"));
	const char *reg = gk_req_param(r, "registered_post");
	gk_html_raw(
		b,
		"</select>\n<p class=\"check\"><input type=\"checkbox\" id=\"a-registered_post\" "
		"name=\"registered_post\" value=\"1\"");
	if (reg && *reg)
		gk_html_raw(b, " checked");
	gk_html_raw(
		b,
		"><label for=\"a-registered_post\">信函为挂号信、快递等需签收的邮件</label></p>\n");
	gk_app_input(r, "submitted", "提交（或寄出、发送）日期", "date", 0, false);
	gk_app_input(r, "signed_for", "签收日期（挂号信、快递）", "date", 0, false);
	gk_app_input(r, "confirmed", "与申请人确认收到的日期（平常信函、传真、电子邮件）", "date",
		     0, false);
	gk_app_intake_fields(r, p);
	const char *note = gk_req_param(r, "note");
	gk_html_raw(b, "<label for=\"a-note\">登记备注</label>"
		       "<textarea id=\"a-note\" name=\"note\" rows=\"2\" maxlength=\"");
	gk_html_int(b, (long long)gk_intake_field_max(GK_FIELD_NOTE));
	gk_html_raw(b, "\">\n");
	gk_html_text(b, note ? note : "");
	gk_html_raw(
		b,
		"</textarea>\n<label for=\"a-file\">附件（可选，如申请书扫描件；不超过 20 MB）</label>"
		"<input id=\"a-file\" name=\"file\" type=\"file\">\n"
		"<button type=\"submit\">登记</button>\n</form>\n");
	gk_page_end(r);
}

void gk_page_application_new(struct gk_request *r)
{
	form_page(r, 200, NULL, NULL);
}

void gk_page_application_register(struct gk_request *r)
{
	struct gk_error err = {0};
	struct gk_application *app;
	enum gk_err rc = gk_app_register(r, &app, &err);
	if (rc) {
		/* every problem beside its field, not only the first one refused */
		struct gk_intake_problems problems = {0};
		if (rc == GK_EINVAL)
			gk_app_intake_problems(r, &problems);
		form_page(r, gk_err_http_status(rc), gk_req_error(r, &err), &problems);
		return;
	}
	char loc[96];
	snprintf(loc, sizeof loc, "%s?done=create", gk_app_staff_path(r, app));
	gk_respond_redirect(r, gk_arena_strdup(&r->arena, loc));
}
