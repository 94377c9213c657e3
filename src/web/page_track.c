/* GET /track, /track/{code}, /track/{code}/qr.svg — the public tracking
 * page of an application: state, day of receipt, due date, outcome and day
 * of reply. Never the applicant, the application's text or the letter. */
#include <stdio.h>
#include <string.h>

#include "lib/html.h"
#include "lib/qr.h"
#include "store/store.h"
#include "web/applications.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/server.h"

static void lookup_form(struct gk_request *r, int status, const char *message)
{
	struct gk_buf *b = &r->out;
	gk_buf_reset(b);
	gk_page_begin(r, status, "申请办理进度查询");
	if (message)
		gk_page_notice(r, "error", message);
	gk_html_raw(
		b,
		"<form method=\"get\" action=\"/track\" class=\"stacked\" id=\"track-form\">\n"
		"<label for=\"t-code\">查询码（10位，提交申请时获得）</label>"
		"<input id=\"t-code\" name=\"code\" required maxlength=\"20\" autocomplete=\"off\">\n"
		"<button type=\"submit\">查询</button>\n</form>\n"
		"<p><a href=\"/apply\">网上申请政府信息公开</a></p>\n");
	gk_page_end(r);
}

void gk_page_track_form(struct gk_request *r)
{
	const char *code = gk_req_param(r, "code");
	char norm[GK_TRACKING_CODE_LEN + 1];
	if (!code || !*code) {
		lookup_form(r, 200, NULL);
		return;
	}
	if (!gk_tracking_code_normalize(code, norm)) {
		lookup_form(r, 404, "查询码格式不正确，请检查后重新输入。");
		return;
	}
	char loc[64];
	snprintf(loc, sizeof loc, "/track/%s", norm);
	gk_respond_redirect(r, gk_arena_strdup(&r->arena, loc));
}

/* The application named in the path, or a 404 answer. */
static bool load(struct gk_request *r, struct gk_application *app)
{
	char code[GK_TRACKING_CODE_LEN + 1];
	struct gk_error err = {0};
	enum gk_err rc = gk_tracking_code_normalize(gk_req_path_arg(r, 0), code)
				 ? gk_store_application_by_code(r->store, code, false, app, &err)
				 : GK_ENOTFOUND;
	if (gk_req_failed(r, rc, &err))
		return false;
	if (rc) {
		if (gk_req_is_api(r) || strstr(r->path, "/qr.svg"))
			gk_respond_error(r, GK_ENOTFOUND,
					 "there is no application with this tracking code");
		else
			lookup_form(r, 404, "没有找到这个查询码对应的申请，请检查后重新输入。");
		return false;
	}
	return true;
}

void gk_page_track(struct gk_request *r)
{
	struct gk_application *app = gk_arena_alloc(&r->arena, sizeof *app);
	if (!app) {
		gk_respond_error(r, GK_ENOMEM, NULL);
		return;
	}
	if (!load(r, app))
		return;
	struct gk_buf *b = &r->out;
	char shown[GK_TRACKING_CODE_LEN + 2];
	gk_page_begin(r, 200, "申请办理进度");
	gk_html_raw(b, "<dl class=\"meta\" id=\"status\">\n");
	gk_page_meta_field(b, "tracking-code", "查询码",
			   gk_tracking_code_display(app->tracking_code, shown));
	gk_page_meta_field(b, "agency", "受理机关", app->agency_name);
	gk_page_meta_field(b, "state", "办理状态", gk_app_state_label(app->state));
	char received[64];
	snprintf(received, sizeof received, "%s%s", gk_app_day(r, app->received),
		 app->received_final ? "" : "（网上提交，待确认收到）");
	gk_page_meta_field(b, "received", "收到申请日期", received);
	char due[96] = "";
	if (gk_app_state_open(app->state)) {
		if (app->clock_state == GK_CLOCK_PAUSED)
			snprintf(due, sizeof due, "计时暂停（征求意见或待缴费期间不计入答复期限）");
		else if (app->clock_state == GK_CLOCK_AWAITING_SUPPLEMENT)
			snprintf(due, sizeof due, "待申请人补正（收到补正后重新计算）");
		else
			snprintf(due, sizeof due, "%s%s", gk_app_day(r, app->due),
				 app->provisional ? "（暂定：节假日安排尚未公布）" : "");
	} else {
		snprintf(due, sizeof due, "%s", gk_app_day(r, app->due));
	}
	gk_page_meta_field(b, "due", "答复期限", due);
	int outcome = gk_app_public_outcome(app);
	gk_page_meta_field(b, "outcome", "办理结果",
			   outcome >= 0 ? gk_outcome_label((enum gk_outcome)outcome) : "");
	gk_page_meta_field(b, "replied", "答复日期", gk_app_day(r, app->replied));
	gk_html_raw(b, "</dl>\n<p>答复期限依《中华人民共和国政府信息公开条例》按工作日计算："
		       "收到申请之日不计入，征求第三方或其他机关意见、收费通知至缴费的期间不计入；"
		       "补正的，自收到补正之日起重新计算。</p>\n"
		       "<p><a href=\"/track\">查询其他申请</a></p>\n");
	gk_page_end(r);
}

void gk_page_track_qr(struct gk_request *r)
{
	struct gk_application *app = gk_arena_alloc(&r->arena, sizeof *app);
	struct gk_error err = {0};
	if (!app) {
		gk_respond_error(r, GK_ENOMEM, NULL);
		return;
	}
	if (!load(r, app))
		return;
	char url[512];
	snprintf(url, sizeof url, "%s/track/%s", r->server->base_url, app->tracking_code);
	gk_buf_reset(&r->out);
	if (gk_qr_svg(url, 4, &r->out, &err)) {
		gk_respond_error(r, err.code, gk_error_text(&err));
		return;
	}
	r->status = 200;
	r->response_type = "image/svg+xml";
}
