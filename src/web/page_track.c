/* GET /track, /track/{code}, /track/{code}/qr.svg — the public tracking
 * page of an application: state, day of receipt, due date, outcome and day
 * of reply. Never the applicant, the application's text or the letter.
 * POST /track/{code} with the second secret (the last four characters of
 * the phone or identity number given) shows the applicant his own view:
 * what to supplement and by when, the steps in plain words, his request,
 * and the reply with its files when it is to be obtained online; POST
 * /track/{code}/files/{id} sends one of those files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/html.h"
#include "lib/qr.h"
#include "store/store.h"
#include "web/applications.h"
#include "web/attachments.h"
#include "web/auth.h"
#include "web/layout.h"
#include "web/notices.h"
#include "web/pages.h"
#include "web/server.h"
#include "web/throttle.h"

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
		"<p>查询后，输入您申请时填写的手机号码或证件号码的后四位，"
		"可查看补正要求、办理过程、申请内容和网上获取的答复。</p>\n"
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
	/* issue 13: lookups per address, so codes cannot be tried in bulk */
	if (gk_throttle_lookup(r, &err)) {
		if (strstr(r->path, "/qr.svg"))
			gk_respond_error(r, GK_ETHROTTLED, gk_error_text(&err));
		else
			lookup_form(r, gk_err_http_status(GK_ETHROTTLED), gk_error_text(&err));
		return false;
	}
	enum gk_err rc = gk_tracking_code_normalize(gk_req_path_arg(r, 0), code)
				 ? gk_store_application_by_code(r->store, code, false, app, &err)
				 : GK_ENOTFOUND;
	if (gk_req_failed(r, rc, &err))
		return false;
	if (rc)
		gk_throttle_lookup_missed(r);
	if (rc) {
		if (gk_req_is_api(r) || strstr(r->path, "/qr.svg"))
			gk_respond_error(r, GK_ENOTFOUND, "没有这个查询码对应的申请");
		else
			lookup_form(r, 404, "没有找到这个查询码对应的申请，请检查后重新输入。");
		return false;
	}
	return true;
}

/* The public facts of APP as a <dl>, and what the deadline means. */
static void status_rows(struct gk_request *r, const struct gk_application *app)
{
	struct gk_buf *b = &r->out;
	char shown[GK_TRACKING_CODE_LEN + 2];
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
		       "补正的，自收到补正之日起重新计算。</p>\n");
}

/* The form that asks for the second secret, posting to CODE's page. */
static void secret_form(struct gk_request *r, const char *code)
{
	struct gk_buf *b = &r->out;
	gk_auth_anon_token(r);
	gk_html_raw(b, "<section class=\"applicant\">\n<h2>查看我的申请详情</h2>\n"
		       "<p>补正要求、办理过程、申请内容和网上获取的答复只向申请人本人显示。"
		       "请输入您申请时填写的手机号码（联系电话）或证件号码的后四位。</p>\n"
		       "<form method=\"post\" action=\"/track/");
	gk_html_url_arg(b, code);
	gk_html_raw(b, "\" class=\"stacked secret\" id=\"secret-form\">\n");
	gk_page_csrf_field(r);
	gk_html_raw(b, "<label for=\"t-secret\">手机号码或证件号码的后四位</label>"
		       "<input id=\"t-secret\" name=\"secret\" required minlength=\"4\" "
		       "maxlength=\"4\" autocomplete=\"off\" spellcheck=\"false\">\n"
		       "<button type=\"submit\">查看详情</button>\n</form>\n</section>\n");
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
	gk_page_begin(r, 200, "申请办理进度");
	status_rows(r, app);
	secret_form(r, app->tracking_code);
	gk_html_raw(b, "<p><a href=\"/track\">查询其他申请</a></p>\n");
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

/* --- the applicant's own view ------------------------------------------------ */

/* What a step means to the applicant, in plain words; NULL for the steps
 * of drafting and review inside the office, which are not his. */
static const char *step_words(const char *action)
{
	static const struct {
		enum gk_app_action action;
		const char *words;
	} words[] = {
		{GK_ACTION_REGISTER, "机关确认收到申请并登记"},
		{GK_ACTION_ASSIGN, "交由承办人员办理"},
		{GK_ACTION_REQUEST_SUPPLEMENT, "机关告知需要补正申请"},
		{GK_ACTION_RECEIVE_SUPPLEMENT, "机关收到补正，答复期限自收到补正之日起重新计算"},
		{GK_ACTION_ABANDON_SUPPLEMENT, "逾期未补正，视为放弃申请"},
		{GK_ACTION_START_CONSULTATION,
		 "征求第三方或其他机关的意见（征求意见期间不计入答复期限）"},
		{GK_ACTION_END_CONSULTATION, "征求意见结束，继续办理"},
		{GK_ACTION_EXTEND, "经批准延长答复期限"},
		{GK_ACTION_DELAY, "依法确定延迟答复的期限"},
		{GK_ACTION_SEND_FEE_NOTICE, "发出收费通知（缴费前不计入答复期限）"},
		{GK_ACTION_RECORD_PAYMENT, "收到缴费，继续办理"},
		{GK_ACTION_WAIVE_FEE, "决定不再收费，继续办理"},
		{GK_ACTION_ABANDON_FEE, "逾期未缴费，视为放弃申请"},
		{GK_ACTION_SEND_REPLY, "作出答复并送达"},
		{GK_ACTION_WITHDRAW, "申请人撤回申请"},
		{GK_ACTION_ARCHIVE, "办结归档"},
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(action, gk_app_action_code(words[i].action)) == 0)
			return words[i].words;
	return NULL;
}

/* Text with its line breaks kept, in a <pre> of CLASS with ID. */
static void text_block(struct gk_buf *b, const char *id, const char *cls, const char *text)
{
	gk_html_raw(b, "<pre class=\"");
	gk_html_raw(b, cls);
	gk_html_raw(b, "\" id=\"");
	gk_html_raw(b, id);
	gk_html_raw(b, "\">");
	gk_html_text(b, text);
	gk_html_raw(b, "</pre>\n");
}

static void history(struct gk_request *r, const struct gk_app_own_view *v)
{
	struct gk_buf *b = &r->out;
	gk_html_raw(b, "<h2>办理过程</h2>\n<ol class=\"history\" id=\"history\">\n");
	for (size_t i = 0; i < v->nevents; i++) {
		const struct gk_app_event *ev = &v->events[i];
		char words[160];
		if (strcmp(ev->action, "create") == 0) {
			if (v->app.channel == GK_CHANNEL_ONLINE)
				snprintf(words, sizeof words, "网上提交申请");
			else if (v->app.channel == GK_CHANNEL_IN_PERSON)
				snprintf(words, sizeof words, "当面提交申请");
			else
				snprintf(words, sizeof words, "以%s方式提交申请",
					 gk_channel_label(v->app.channel));
		} else {
			const char *w = step_words(ev->action);
			if (!w)
				continue;
			if (strcmp(ev->action, gk_app_action_code(GK_ACTION_EXTEND)) == 0 &&
			    ev->days > 0)
				snprintf(words, sizeof words, "经批准延长答复期限%d个工作日",
					 ev->days);
			else if (strcmp(ev->action, gk_app_action_code(GK_ACTION_SEND_REPLY)) ==
					 0 &&
				 v->app.replied != GK_NO_DAY)
				snprintf(words, sizeof words, "作出答复并送达（%s）",
					 gk_delivery_label(v->app.reply_way));
			else
				snprintf(words, sizeof words, "%s", w);
		}
		gk_html_raw(b, "<li><span class=\"date\">");
		gk_html_text(b, gk_app_day(r, ev->day));
		gk_html_raw(b, "</span>");
		gk_html_text(b, words);
		if (strcmp(ev->action, gk_app_action_code(GK_ACTION_REQUEST_SUPPLEMENT)) == 0 &&
		    ev->until != GK_NO_DAY) {
			gk_html_raw(b, "，补正期限至 ");
			gk_html_text(b, gk_app_day(r, ev->until));
		}
		gk_html_raw(b, "</li>\n");
	}
	gk_html_raw(b, "</ol>\n");
}

static void supplement_box(struct gk_request *r, const struct gk_app_own_view *v)
{
	const struct gk_app_event *ev = v->supplement;
	if (!ev || v->app.state != GK_STATE_AWAITING_SUPPLEMENT)
		return;
	struct gk_buf *b = &r->out;
	gk_html_raw(b, "<div class=\"supplement\" id=\"supplement\">\n<h2>需要您补正</h2>\n");
	if (ev->until != GK_NO_DAY) {
		gk_html_raw(b, "<p>请于 <strong id=\"supplement-until\">");
		gk_html_text(b, gk_app_day(r, ev->until));
		gk_html_raw(b, "</strong> 前向");
		gk_html_text(b, v->app.agency_name);
		gk_html_raw(b, "补正。逾期不补正的，视为放弃申请（条例第三十条）。</p>\n");
	}
	gk_html_raw(b, "<p>机关告知的补正内容：</p>\n");
	text_block(b, "supplement-note", "request-text",
		   ev->note[0] ? ev->note : "（未写明，请联系受理机关）");
	gk_html_raw(b, "</div>\n");
}

static void fee_box(struct gk_request *r, const struct gk_app_own_view *v)
{
	if (!v->fee_open)
		return;
	struct gk_buf *b = &r->out;
	char yuan[32];
	gk_html_raw(b, "<div class=\"supplement\" id=\"fee\">\n<h2>需要您缴费</h2>\n"
		       "<p>信息处理费 <strong id=\"fee-amount\">");
	gk_html_text(b, gk_fee_format_yuan(v->fee.amount, yuan));
	gk_html_raw(b, " 元</strong>");
	if (v->fee.payment_due != GK_NO_DAY) {
		gk_html_raw(b, "，请于 <strong id=\"fee-due\">");
		gk_html_text(b, gk_app_day(r, v->fee.payment_due));
		gk_html_raw(b, "</strong> 前缴纳");
	}
	gk_html_raw(b, "。逾期未缴纳的，视为放弃申请；缴费前的期间不计入答复期限。</p>\n");
	if (v->fee.explain[0])
		text_block(b, "fee-explain", "request-text", v->fee.explain);
	gk_html_raw(b, "</div>\n");
}

/* The reply letter and the files released with it, each fetched by a
 * small form carrying the secret (never in an address). */
static void reply_section(struct gk_request *r, const struct gk_app_own_view *v, const char *secret)
{
	struct gk_buf *b = &r->out;
	if (v->app.replied == GK_NO_DAY)
		return;
	gk_html_raw(b, "<h2>答复</h2>\n");
	if (!v->reply_online) {
		gk_html_raw(b, "<p id=\"reply-way\">答复已于 ");
		gk_html_text(b, gk_app_day(r, v->app.replied));
		gk_html_raw(b, " 以“");
		gk_html_text(b, gk_delivery_label(v->app.reply_way));
		gk_html_raw(b, "”方式送达，请查收。</p>\n");
		return;
	}
	text_block(b, "reply-letter", "letter", v->app.letter);
	if (!v->nfiles)
		return;
	gk_html_raw(b,
		    "<h3>随答复提供的文件</h3>\n<ul class=\"attachments\" id=\"reply-files\">\n");
	for (size_t i = 0; i < v->nfiles; i++) {
		const struct gk_attachment *a = &v->files[i];
		char action[96];
		snprintf(action, sizeof action, "/track/%s/files/%lld", v->app.tracking_code,
			 (long long)a->id);
		gk_html_raw(b,
			    "<li class=\"file\"><form method=\"post\" class=\"inline\" action=\"");
		gk_html_attr(b, action);
		gk_html_raw(b, "\">");
		gk_page_csrf_field(r);
		gk_html_raw(b, "<input type=\"hidden\" name=\"secret\" value=\"");
		gk_html_attr(b, secret);
		gk_html_raw(b, "\"><button type=\"submit\">下载 ");
		gk_html_text(b, a->name);
		gk_html_raw(b, "</button></form> <span class=\"file-meta\">");
		char size[32];
		snprintf(size, sizeof size, "%.1f KB", (double)a->size / 1024.0);
		gk_html_text(b, size);
		gk_html_raw(b, "</span></li>\n");
	}
	gk_html_raw(b, "</ul>\n");
}

/* The code of the path and the secret typed, or an answer already given:
 * 404 for a malformed code, with the message of a wrong secret. */
static const char not_found_or_wrong[] = "查询码或验证信息不正确，请核对后重新输入。";

static bool own_request(struct gk_request *r, char code[GK_TRACKING_CODE_LEN + 1],
			const char **secret)
{
	*secret = gk_req_param(r, "secret");
	if (!*secret)
		*secret = "";
	struct gk_error err = {0};
	if (gk_throttle_lookup(r, &err)) { /* issue 13 */
		lookup_form(r, gk_err_http_status(GK_ETHROTTLED), gk_error_text(&err));
		return false;
	}
	if (!gk_tracking_code_normalize(gk_req_path_arg(r, 0), code)) {
		lookup_form(r, 404, not_found_or_wrong);
		return false;
	}
	return true;
}

/* A refusal of the own view: the same answer for a wrong code and a wrong
 * secret; the limit's message when throttled. */
static void own_refused(struct gk_request *r, enum gk_err rc, const struct gk_error *err)
{
	if (gk_req_failed(r, rc, err))
		return;
	if (rc == GK_ETHROTTLED)
		lookup_form(r, gk_err_http_status(rc), gk_error_text(err));
	else
		lookup_form(r, 404, not_found_or_wrong);
}

void gk_page_track_own(struct gk_request *r)
{
	char code[GK_TRACKING_CODE_LEN + 1];
	const char *secret;
	if (!own_request(r, code, &secret))
		return;
	struct gk_app_own_view *v = gk_arena_alloc(&r->arena, sizeof *v);
	struct gk_error err = {0};
	if (!v) {
		gk_respond_error(r, GK_ENOMEM, NULL);
		return;
	}
	enum gk_err rc = gk_svc_application_own_view(&r->svc, code, secret, v, &err);
	if (rc) {
		own_refused(r, rc, &err);
		return;
	}
	struct gk_buf *b = &r->out;
	gk_page_begin(r, 200, "我的申请");
	supplement_box(r, v);
	fee_box(r, v);
	status_rows(r, &v->app);
	gk_page_notices_own(r, v->app.id); /* issue 15 */
	history(r, v);
	reply_section(r, v, secret);
	gk_html_raw(b, "<h2>我的申请内容</h2>\n<dl class=\"meta\" id=\"own-request\">\n");
	gk_page_meta_field(b, "own-name", "申请人", v->app.applicant.name);
	gk_page_meta_field(b, "own-doc-no", "文号", v->app.doc_no);
	gk_page_meta_field(b, "own-delivery", "获取信息的方式", gk_delivery_label(v->app.delivery));
	gk_html_raw(b, "</dl>\n<p>所需政府信息的名称或内容描述：</p>\n");
	text_block(b, "own-description", "request-text", v->app.description);
	gk_html_raw(b, "<p>如需补正或对办理有疑问，请联系受理机关。"
		       "<a href=\"/track\">查询其他申请</a></p>\n");
	gk_page_end(r);
	gk_app_own_view_release(v);
}

void gk_page_track_own_file(struct gk_request *r)
{
	char code[GK_TRACKING_CODE_LEN + 1];
	const char *secret;
	if (!own_request(r, code, &secret))
		return;
	char *end;
	long long id = strtoll(gk_req_path_arg(r, 1), &end, 10);
	if (*end || id <= 0) {
		lookup_form(r, 404, not_found_or_wrong);
		return;
	}
	struct gk_attachment a;
	struct gk_error err = {0};
	gk_buf_reset(&r->out);
	enum gk_err rc = gk_svc_application_own_file(&r->svc, code, secret, id, &a, &r->out, &err);
	if (rc) {
		own_refused(r, rc, &err);
		return;
	}
	gk_web_send_attachment(r, &a);
}
