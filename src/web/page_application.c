/* GET /staff/requests/{code} — one application: its facts, the applicant
 * (only for staff of the handling agency or city-wide staff), the due date
 * with the explanation of how it was counted, the timeline, fee notices, the
 * reply letter, and a form for every step the transition table allows the
 * user now, each taking an optional file. POST /staff/requests/{code}/act
 * performs one step; GET /staff/requests/{code}/files/{id} sends one
 * attachment to staff who may see the applicant's personal data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/reply_letter.h"
#include "core/user.h"
#include "lib/html.h"
#include "lib/log.h"
#include "store/store.h"
#include "web/applications.h"
#include "web/attachments.h"
#include "web/layout.h"
#include "web/notices.h"
#include "web/page_records.h"
#include "web/pages.h"
#include "web/server.h"

static const char *action_label(const char *code)
{
	enum gk_app_action a;
	if (strcmp(code, "create") == 0)
		return "收到申请";
	return gk_app_action_parse(code, &a) ? gk_app_action_label(a) : code;
}

struct timeline {
	struct gk_request *r;
	const struct gk_application *app;
	bool files_visible;          /* the user may open the attachments */
	struct gk_attachment *files; /* in the request's arena */
	size_t nfiles, cap;
};

static int collect_file(const struct gk_attachment *a, void *ctx)
{
	struct timeline *t = ctx;
	if (t->nfiles == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 8;
		struct gk_attachment *grown = gk_arena_alloc(&t->r->arena, cap * sizeof *grown);
		if (!grown)
			return 1;
		if (t->nfiles)
			memcpy(grown, t->files, t->nfiles * sizeof *grown);
		t->files = grown;
		t->cap = cap;
	}
	t->files[t->nfiles++] = *a;
	return 0;
}

/* The files that came with event EVENT_ID, as a list in its row. */
static void event_files(struct timeline *t, int64_t event_id)
{
	struct gk_buf *b = &t->r->out;
	size_t n = 0;
	for (size_t i = 0; i < t->nfiles; i++)
		n += t->files[i].event_id == event_id;
	if (!n)
		return;
	if (!t->files_visible) {
		gk_html_raw(b, "<p class=\"file-meta\">附件 ");
		gk_html_int(b, (long long)n);
		gk_html_raw(b, " 个（仅办理机构的工作人员可查看）</p>");
		return;
	}
	gk_html_raw(b, "<ul class=\"attachments\">\n");
	for (size_t i = 0; i < t->nfiles; i++) {
		if (t->files[i].event_id != event_id)
			continue;
		char href[128];
		snprintf(href, sizeof href, "/staff/requests/%s/files/%lld", t->app->tracking_code,
			 (long long)t->files[i].id);
		gk_web_attachment_item(b, href, &t->files[i]);
	}
	gk_html_raw(b, "</ul>");
}

static int event_row(const struct gk_app_event *ev, void *ctx)
{
	struct timeline *t = ctx;
	struct gk_buf *b = &t->r->out;
	enum gk_app_state st;
	gk_html_raw(b, "<tr><td>");
	gk_html_text(b, gk_app_day(t->r, ev->day));
	gk_html_raw(b, "</td><td>");
	gk_html_text(b, action_label(ev->action));
	gk_html_raw(b, "</td><td>");
	gk_html_text(b, ev->user_id ? ev->user_name : "申请人（网上提交）");
	gk_html_raw(b, "</td><td>");
	if (gk_app_state_parse(ev->to, &st))
		gk_html_text(b, gk_app_state_label(st));
	gk_html_raw(b, "</td><td>");
	gk_html_text(b, gk_app_shown(t->r, t->app, ev->note));
	event_files(t, ev->id);
	gk_html_raw(b, "</td></tr>\n");
	return 0;
}

static int fee_row(const struct gk_app_fee *f, void *ctx)
{
	struct timeline *t = ctx;
	struct gk_buf *b = &t->r->out;
	char yuan[32];
	gk_html_raw(b, "<tr><td>");
	gk_html_text(b, gk_app_day(t->r, f->notice_day));
	gk_html_raw(b, "</td><td>");
	gk_html_text(b, gk_fee_method_label(f->method));
	gk_html_raw(b, "</td><td>");
	gk_html_text(b, gk_fee_format_yuan(f->amount, yuan));
	gk_html_raw(b, " 元</td><td>");
	gk_html_text(b, gk_app_day(t->r, f->payment_due));
	gk_html_raw(b, "</td><td>");
	gk_html_text(b, gk_fee_status_label(f->status));
	if (f->settled_day != GK_NO_DAY) {
		gk_html_raw(b, " ");
		gk_html_text(b, gk_app_day(t->r, f->settled_day));
	}
	gk_html_raw(b, "</td><td>");
	gk_html_text(b, f->explain);
	gk_html_raw(b, "</td></tr>\n");
	return 0;
}

static int has_fee(const struct gk_app_fee *f, void *ctx)
{
	(void)f;
	*(int *)ctx = 1;
	return 1;
}

/* --- the action forms ------------------------------------------------------------ */

struct handlers {
	struct gk_request *r;
	int64_t agency_id;
	int64_t current;
	int count;
};

/* The handlers a case may go to: of its agency (those who may see the
 * applicant, as the service requires), in use. The list is drawn from the
 * case's agency alone: no login, role or agency of anyone else is shown. */
static int handler_option(const struct gk_user *u, void *ctx)
{
	struct handlers *h = ctx;
	if (!(u->roles & GK_ROLE_HANDLER) || u->disabled || u->agency_id != h->agency_id)
		return 0;
	gk_app_option(&h->r->out, u->login, u->display_name, u->id == h->current ? u->login : NULL);
	h->count++;
	return 0;
}

static void field_id(struct gk_buf *b, const char *action, const char *name)
{
	gk_html_raw(b, "f-");
	gk_html_raw(b, action);
	gk_html_raw(b, "-");
	gk_html_raw(b, name);
}

static void label(struct gk_buf *b, const char *action, const char *name, const char *text)
{
	gk_html_raw(b, "<label for=\"");
	field_id(b, action, name);
	gk_html_raw(b, "\">");
	gk_html_raw(b, text);
	gk_html_raw(b, "</label>");
}

static void date_field(struct gk_request *r, const char *action, const char *name, const char *text,
		       long value)
{
	struct gk_buf *b = &r->out;
	label(b, action, name, text);
	gk_html_raw(b, "<input type=\"date\" id=\"");
	field_id(b, action, name);
	gk_html_raw(b, "\" name=\"");
	gk_html_raw(b, name);
	gk_html_raw(b, "\" value=\"");
	gk_html_attr(b, gk_app_day(r, value));
	gk_html_raw(b, "\">\n");
}

static void select_open(struct gk_buf *b, const char *action, const char *name, const char *text)
{
	label(b, action, name, text);
	gk_html_raw(b, "<select id=\"");
	field_id(b, action, name);
	gk_html_raw(b, "\" name=\"");
	gk_html_raw(b, name);
	gk_html_raw(b, "\">\n");
}

/* A numeric input; VALUE < 0 leaves it empty, MAXLENGTH 0 unbounded. */
static void number_field(struct gk_buf *b, const char *action, const char *name, const char *text,
			 int value, int maxlength)
{
	label(b, action, name, text);
	gk_html_raw(b, "<input id=\"");
	field_id(b, action, name);
	gk_html_raw(b, "\" name=\"");
	gk_html_raw(b, name);
	gk_html_raw(b, "\" inputmode=\"numeric\"");
	if (maxlength) {
		gk_html_raw(b, " maxlength=\"");
		gk_html_int(b, maxlength);
		gk_html_raw(b, "\"");
	}
	gk_html_raw(b, " value=\"");
	if (value >= 0)
		gk_html_int(b, value);
	gk_html_raw(b, "\">\n");
}

/* The replies an application can end with (the rows of the annual report). */
static void outcome_options(struct gk_buf *b, int chosen)
{
	for (int o = 0; o < GK_OUTCOME_COUNT; o++) {
		const char *code = gk_outcome_code((enum gk_outcome)o);
		if (gk_outcome_info((enum gk_outcome)o)->is_reply)
			gk_app_option(b, code, gk_outcome_label((enum gk_outcome)o),
				      o == chosen ? code : NULL);
	}
}

/* What the actor confirms before an irreversible step. */
static const char *confirm_text(enum gk_app_action act)
{
	return act == GK_ACTION_WITHDRAW ? "我已确认申请人撤回申请：撤回后本申请终止办理，不能恢复"
					 : "我已确认答复书已按所选方式送达申请人：送达后不能撤销";
}

static void action_form(struct gk_request *r, const struct gk_application *app,
			enum gk_app_action act, int template_outcome)
{
	struct gk_buf *b = &r->out;
	const char *code = gk_app_action_code(act);
	long today = r->svc.today;
	gk_html_raw(b, "<form method=\"post\" class=\"stacked action\" id=\"act-");
	gk_html_raw(b, code);
	gk_html_raw(b, "\" action=\"");
	gk_html_attr(b, gk_app_staff_path(r, app));
	gk_html_raw(b, "/act\" enctype=\"multipart/form-data\">\n<h3>");
	gk_html_raw(b, gk_app_action_label(act));
	gk_html_raw(b, "</h3>\n");
	gk_page_csrf_field(r);
	gk_html_raw(b, "<input type=\"hidden\" name=\"action\" value=\"");
	gk_html_raw(b, code);
	gk_html_raw(b, "\">\n");
	switch (act) {
	case GK_ACTION_ASSIGN: {
		select_open(b, code, "handler", "办理人");
		struct handlers h = {r, app->agency_id, app->handler_id, 0};
		struct gk_error err = {0};
		gk_req_failed(
			r, gk_store_user_each(r->store, app->agency_id, handler_option, &h, &err),
			&err);
		gk_html_raw(b, "</select>\n");
		break;
	}
	case GK_ACTION_REQUEST_SUPPLEMENT:
		date_field(r, code, "until", "补正期限（申请人应在此日前补正）", GK_NO_DAY);
		break;
	case GK_ACTION_START_CONSULTATION:
		select_open(b, code, "party", "征求谁的意见");
		gk_html_raw(
			b,
			"<option value=\"third_party\">第三方（条例第三十二条）</option>\n"
			"<option value=\"agency\">其他机关（条例第三十四条）</option>\n</select>\n");
		break;
	case GK_ACTION_EXTEND:
		number_field(b, code, "days", "延长的工作日数（经政府信息公开工作机构负责人同意）",
			     gk_rules_max_extension(gk_rules_for_receipt(app->received)), 2);
		break;
	case GK_ACTION_DELAY:
		date_field(r, code, "until", "延迟答复期限至", GK_NO_DAY);
		break;
	case GK_ACTION_SEND_FEE_NOTICE:
		select_open(b, code, "fee_method", "计收方式");
		gk_html_raw(b, "<option value=\"by_count\">按件计收</option>\n"
			       "<option value=\"by_pages\">按量计收</option>\n</select>\n");
		int ordinal = 1;
		struct gk_error err = {0};
		if (gk_svc_application_month_ordinal(&r->svc, app, &ordinal, &err))
			gk_error("fee form of %s: %s", app->tracking_code, gk_error_text(&err));
		number_field(b, code, "fee_first",
			     "按件：本申请是该申请人本月第几件（留空自动计算）", ordinal, 0);
		number_field(b, code, "fee_count", "按件：计为几件（一事一申请）", 1, 0);
		number_field(b, code, "fee_pages", "按量：页数", -1, 0);
		date_field(r, code, "notice_received", "申请人收到收费通知之日（留空为发出当日）",
			   GK_NO_DAY);
		break;
	case GK_ACTION_DRAFT_REPLY: {
		select_open(b, code, "outcome", "答复类型（对应年度报告表格的行）");
		outcome_options(b, template_outcome >= 0 ? template_outcome : app->outcome);
		gk_html_raw(b, "</select>\n");
		label(b, code, "letter",
		      "答复书（留空则按所选答复类型的模板生成；可先生成模板再修改）");
		gk_html_raw(b, "<textarea id=\"");
		field_id(b, code, "letter");
		gk_html_raw(b, "\" name=\"letter\" rows=\"14\" maxlength=\"");
		gk_html_int(b, GK_APP_LETTER_MAX);
		gk_html_raw(b, "\">\n");
		if (template_outcome >= 0) {
			struct gk_buf letter;
			gk_buf_init(&letter, GK_APP_LETTER_MAX * 4);
			gk_reply_letter(app, (enum gk_outcome)template_outcome, today, &letter);
			gk_html_text(b, gk_app_shown(r, app, letter.data));
			gk_buf_release(&letter);
		} else if (r->method == GK_POST && gk_req_param(r, "letter")) {
			/* a refused draft comes back as it was typed */
			gk_html_text(b, gk_app_shown(r, app, gk_req_param(r, "letter")));
		} else {
			/* placeholders for staff outside the handling agency, which
			   the service puts back (gk_applicant_restore) */
			gk_html_text(b, gk_app_shown(r, app, app->letter));
		}
		gk_html_raw(b, "</textarea>\n");
		break;
	}
	case GK_ACTION_SEND_REPLY:
		select_open(b, code, "reply_way", "送达方式");
		for (int d = 0; d < GK_DELIVERY_COUNT; d++)
			gk_app_option(b, gk_delivery_code((enum gk_delivery)d),
				      gk_delivery_label((enum gk_delivery)d),
				      gk_delivery_code(app->delivery));
		gk_html_raw(b, "</select>\n");
		break;
	default:
		break;
	}
	if (act != GK_ACTION_RETURN_DRAFT && act != GK_ACTION_APPROVE_REPLY &&
	    act != GK_ACTION_ASSIGN && act != GK_ACTION_DRAFT_REPLY && act != GK_ACTION_ARCHIVE)
		date_field(r, code, "day", act == GK_ACTION_REGISTER ? "确认收到之日" : "办理日期",
			   today);
	label(b, code, "note", "说明");
	gk_html_raw(b, "<textarea id=\"");
	field_id(b, code, "note");
	gk_html_raw(b, "\" name=\"note\" rows=\"2\" maxlength=\"");
	gk_html_int(b, GK_APP_NOTE_MAX);
	gk_html_raw(b, "\">\n");
	if (r->method == GK_POST && gk_req_param(r, "note"))
		gk_html_text(b, gk_req_param(r, "note")); /* kept when the step is refused */
	gk_html_raw(b, "</textarea>\n");
	label(b, code, "file", "附件（可选，如扫描件、送达回证；不超过 20 MB）");
	gk_html_raw(b, "<input type=\"file\" id=\"");
	field_id(b, code, "file");
	gk_html_raw(b, "\" name=\"file\">\n");
	if (gk_action_irreversible(act)) {
		/* checked by the server too: gk_page_application_act */
		gk_html_raw(b, "<p class=\"confirm\"><input type=\"checkbox\" id=\"");
		field_id(b, code, "confirm");
		gk_html_raw(b, "\" name=\"confirm\" value=\"1\" required> ");
		label(b, code, "confirm", confirm_text(act));
		gk_html_raw(b, "</p>\n");
	}
	gk_html_raw(b, "<button type=\"submit\">");
	gk_html_raw(b, gk_app_action_label(act));
	gk_html_raw(b, "</button>\n</form>\n");
}

/* --- the page ------------------------------------------------------------------ */

/* The state, the due date with the days left, and the next step: at the top. */
static void status_box(struct gk_request *r, const struct gk_application *app,
		       const struct gk_deadline *dl)
{
	struct gk_buf *b = &r->out;
	long today = r->svc.today;
	gk_html_raw(b, "<dl class=\"meta case-status\" id=\"status\">\n");
	gk_page_meta_field(b, "state", "状态", gk_app_state_label(app->state));
	gk_html_raw(b, "<dt>答复期限</dt><dd id=\"deadline\"");
	bool running = app->due != GK_NO_DAY && gk_app_state_open(app->state) &&
		       app->clock_state == GK_CLOCK_RUNNING;
	struct gk_days_left left = {0, false, false};
	if (running)
		left = gk_deadline_days_left(r->server->calendar, today, app->due);
	gk_html_raw(b, left.overdue ? " class=\"overdue\">"
		       : left.soon  ? " class=\"due-soon\">"
				    : ">");
	if (app->due != GK_NO_DAY) {
		gk_html_raw(b, "<strong id=\"due\">");
		gk_html_text(b, gk_app_day(r, app->due));
		gk_html_raw(b, "</strong>");
		if (app->base_due != GK_NO_DAY && app->base_due != app->due) {
			gk_html_raw(b, "（原期限 ");
			gk_html_text(b, gk_app_day(r, app->base_due));
			gk_html_raw(b, "）");
		}
		if (running) {
			char text[64];
			gk_html_raw(b,
				    left.overdue ? " <span class=\"days overdue\" id=\"days-left\">"
				    : left.soon ? " <span class=\"days due-soon\" id=\"days-left\">"
						: " <span class=\"days\" id=\"days-left\">");
			gk_html_text(b, gk_deadline_days_text(left, text, sizeof text));
			gk_html_raw(b, "</span>");
		}
	} else if (app->clock_state == GK_CLOCK_AWAITING_SUPPLEMENT) {
		gk_html_raw(b, "待申请人补正：收到补正之日起重新计算");
	} else if (app->clock_state == GK_CLOCK_PAUSED) {
		gk_html_raw(b, "计时暂停（征求意见或收费通知至缴费期间不计入）");
	} else {
		gk_html_raw(b, "—");
	}
	if (!gk_app_state_open(app->state))
		gk_html_raw(b, app->on_time ? (app->after_extension ? " · 延期办结" : " · 按时办结")
					    : " · 逾期办结");
	if (app->provisional)
		gk_html_raw(
			b,
			" <span class=\"provisional\" id=\"provisional\">暂定：所经日期的节假日安排尚未公布，公布后自动重新计算</span>");
	if (!app->received_final)
		gk_html_raw(
			b,
			" <span class=\"provisional\">暂按网上提交之日计算，确认收到后重新计算</span>");
	if (dl && dl->supplement_by != GK_NO_DAY && gk_app_state_open(app->state) &&
	    app->state != GK_STATE_AWAITING_SUPPLEMENT && dl->supplement_by >= today) {
		gk_html_raw(b, "<br>如需补正，应于 ");
		gk_html_text(b, gk_app_day(r, dl->supplement_by));
		gk_html_raw(b, " 前一次性告知申请人");
	}
	gk_html_raw(b, "</dd>\n<dt>下一步</dt><dd id=\"next-step\">");
	const char *next = gk_workflow_next_step(app->state);
	gk_html_text(b, *next ? next : "已办结，无需办理");
	if (*next)
		gk_html_raw(b, " · <a href=\"#actions\">去办理</a>");
	gk_html_raw(b, "</dd>\n</dl>\n");
}

/* One panel: the steps this user can take now as choices, the form of the
 * chosen one (by default the first that moves the case on). */
static void action_panel(struct gk_request *r, const struct gk_application *app,
			 const struct gk_deadline *dl)
{
	struct gk_buf *b = &r->out;
	enum gk_app_action acts[GK_ACTION_COUNT];
	size_t n;
	if (!gk_app_actions_now(r, app, dl, acts, GK_ACTION_COUNT, &n))
		return;
	gk_html_raw(b, "<section class=\"action-panel\" id=\"actions\">\n<h2>办理</h2>\n");
	if (!n) {
		unsigned who = gk_workflow_next_role(app->state);
		gk_html_raw(b, "<p id=\"no-actions\">您在当前状态下没有可办理的环节");
		if (who && gk_app_state_open(app->state)) {
			gk_html_raw(b, "，下一步须由");
			gk_html_raw(b, gk_role_label((enum gk_role)who));
			gk_html_raw(b, "角色的工作人员办理");
		}
		gk_html_raw(b, "。</p>\n</section>\n");
		return;
	}
	/* the chosen step: ?act= (a template asked for: the draft), else the
	 * next step, else the first that is not a withdrawal */
	enum gk_app_action chosen = acts[0];
	for (size_t i = n; i-- > 0;)
		if (acts[i] != GK_ACTION_WITHDRAW)
			chosen = acts[i];
	for (size_t i = 0; i < n; i++)
		if ((int)acts[i] == gk_workflow_next_action(app->state))
			chosen = acts[i];
	enum gk_app_action want;
	const char *act = gk_req_param(r, "act");
	if (!act && gk_req_param(r, "outcome"))
		act = "draft_reply";
	const char *posted = gk_req_param(r, "action");
	if (!act && r->method == GK_POST)
		act = posted;
	if (act && gk_app_action_parse(act, &want))
		for (size_t i = 0; i < n; i++)
			if (acts[i] == want)
				chosen = want;
	if (n > 1) {
		gk_html_raw(
			b,
			"<nav class=\"tabs\" id=\"action-choices\" aria-label=\"可办理的环节\">\n");
		for (size_t i = 0; i < n; i++) {
			gk_html_raw(b,
				    acts[i] == chosen
					    ? "<a class=\"current\" aria-current=\"true\" href=\""
					    : "<a href=\"");
			gk_html_attr(b, gk_app_staff_path(r, app));
			gk_html_raw(b, "?act=");
			gk_html_raw(b, gk_app_action_code(acts[i]));
			gk_html_raw(b, "#actions\">");
			gk_html_raw(b, gk_app_action_label(acts[i]));
			gk_html_raw(b, "</a>\n");
		}
		gk_html_raw(b, "</nav>\n");
	}
	int template_outcome = -1;
	enum gk_outcome o;
	const char *wanted = gk_req_param(r, "outcome");
	if (r->method != GK_POST && wanted && gk_outcome_parse(wanted, &o))
		template_outcome = (int)o;
	if (chosen == GK_ACTION_DRAFT_REPLY) {
		/* a GET form that fills the letter from the chosen template */
		gk_html_raw(
			b, "<form method=\"get\" class=\"filters\" id=\"template-form\" action=\"");
		gk_html_attr(b, gk_app_staff_path(r, app));
		gk_html_raw(
			b,
			"#actions\"><input type=\"hidden\" name=\"act\" value=\"draft_reply\">"
			"<label for=\"t-outcome\">按答复类型生成答复书模板</label><select id=\"t-outcome\" name=\"outcome\">\n");
		outcome_options(b, template_outcome);
		gk_html_raw(b, "</select>\n<button type=\"submit\">生成模板</button></form>\n");
	}
	action_form(r, app, chosen, template_outcome);
	gk_html_raw(b, "</section>\n");
}

static void detail_page(struct gk_request *r, struct gk_application *app, int status,
			const char *kind, const char *message)
{
	struct gk_buf *b = &r->out;
	char shown[GK_TRACKING_CODE_LEN + 2], title[64];
	snprintf(title, sizeof title, "申请 %s",
		 gk_tracking_code_display(app->tracking_code, shown));
	gk_buf_reset(b);
	gk_page_begin(r, status, title);
	if (message)
		gk_page_notice(r, kind, message);
	gk_html_raw(b, "<p><a href=\"/staff/requests\">返回申请列表</a> · <a href=\"/track/");
	gk_html_url_arg(b, app->tracking_code);
	gk_html_raw(b, "\">公开查询页面</a></p>\n");

	struct gk_deadline dl;
	gk_deadline_init(&dl);
	struct gk_error err = {0};
	enum gk_err rc = gk_svc_application_deadline(&r->svc, app, &dl, &err);
	if (gk_req_failed(r, rc, &err)) {
		gk_deadline_release(&dl);
		return;
	}
	status_box(r, app, &dl);

	gk_html_raw(b, "<h2>申请信息</h2>\n<dl class=\"meta\" id=\"facts\">\n");
	gk_page_meta_field(b, "agency", "办理机构", app->agency_name);
	gk_page_meta_field(b, "channel", "申请渠道", gk_channel_label(app->channel));
	char received[160];
	snprintf(received, sizeof received, "%s（%s）", gk_app_day(r, app->received),
		 app->receipt_rule);
	gk_page_meta_field(b, "received", "收到申请之日", received);
	gk_page_meta_field(b, "applicant-type", "申请人类型",
			   gk_applicant_type_label(app->applicant_type));
	gk_page_meta_field(b, "description", "所需信息", gk_app_shown(r, app, app->description));
	gk_page_meta_field(b, "doc-no", "文号", app->doc_no);
	gk_page_meta_field(b, "delivery", "获取方式", gk_delivery_label(app->delivery));
	gk_page_meta_field(b, "medium", "载体形式",
			   strcmp(app->medium, "paper") == 0        ? "纸质"
			   : strcmp(app->medium, "electronic") == 0 ? "电子"
								    : "不限");
	gk_page_meta_field(b, "handler", "办理人", app->handler_name);
	gk_page_meta_field(b, "drafter", "拟稿人", app->drafter_name);
	gk_page_meta_field(b, "approver", "审核人", app->approver_name);
	gk_page_meta_field(b, "outcome", "答复类型",
			   app->outcome >= 0 ? gk_outcome_label((enum gk_outcome)app->outcome)
					     : "");
	if (app->replied != GK_NO_DAY) {
		char replied[64];
		snprintf(replied, sizeof replied, "%s（%s）", gk_app_day(r, app->replied),
			 gk_delivery_label(app->reply_way));
		gk_page_meta_field(b, "replied", "答复日期", replied);
	}
	gk_html_raw(b, "</dl>\n");
	gk_html_raw(b, "<details id=\"deadline-explain\"><summary>计算过程</summary>\n<pre>");
	gk_html_text(b, dl.explain.data);
	gk_html_raw(b, "</pre>\n</details>\n");
	gk_html_raw(b, "<h2>申请人</h2>\n");
	if (gk_application_personal_visible(&r->user, app)) {
		gk_html_raw(b, "<dl class=\"meta\" id=\"applicant\">\n");
		gk_page_meta_field(b, "applicant-name", "姓名或名称", app->applicant.name);
		gk_page_meta_field(b, "applicant-id", "身份证件号码", app->applicant.id_number);
		gk_page_meta_field(b, "applicant-phone", "联系电话", app->applicant.phone);
		gk_page_meta_field(b, "applicant-email", "电子邮箱", app->applicant.email);
		gk_page_meta_field(b, "applicant-address", "通信地址", app->applicant.address);
		gk_html_raw(b, "</dl>\n");
	} else {
		gk_html_raw(
			b,
			"<p class=\"notice info\" id=\"applicant-hidden\">申请人个人信息仅向办理机构的工作人员显示。</p>\n");
	}
	if (app->letter[0]) {
		gk_html_raw(b, "<h2>答复书</h2>\n<pre class=\"letter\" id=\"letter\">");
		gk_html_text(b, gk_app_shown(r, app, app->letter));
		gk_html_raw(b, "</pre>\n");
	}
	action_panel(r, app, &dl);
	gk_deadline_release(&dl);
	if (r->failure.code)
		return;

	int fees = 0;
	struct timeline t = {r, app, gk_application_personal_visible(&r->user, app), NULL, 0, 0};
	if (gk_req_failed(r, gk_store_app_attachments(r->store, app->id, collect_file, &t, &err),
			  &err))
		return;
	gk_html_raw(
		b,
		"<h2>办理过程</h2>\n<table class=\"list\" id=\"timeline\">\n<thead><tr><th>日期</th>"
		"<th>环节</th><th>经办人</th><th>办理后状态</th><th>说明</th></tr></thead>\n<tbody>\n");
	if (gk_req_failed(r, gk_store_app_events(r->store, app->id, event_row, &t, &err), &err) ||
	    gk_req_failed(r, gk_store_app_fees(r->store, app->id, has_fee, &fees, &err), &err))
		return;
	gk_html_raw(b, "</tbody>\n</table>\n");
	if (fees) {
		gk_html_raw(
			b,
			"<h2>信息处理费</h2>\n<table class=\"list\" id=\"fees\">\n<thead><tr><th>通知日期</th>"
			"<th>方式</th><th>金额</th><th>缴费期限</th><th>状态</th><th>计算</th></tr></thead>\n<tbody>\n");
		if (gk_req_failed(r, gk_store_app_fees(r->store, app->id, fee_row, &t, &err), &err))
			return;
		gk_html_raw(b, "</tbody>\n</table>\n");
	}
	gk_page_notices_case(r, app); /* page_notices.c, issue 15 */
	if (r->failure.code)
		return;
	gk_page_records_application_disputes(r, app); /* page_records.c */
	gk_page_end(r);
}

void gk_page_application(struct gk_request *r)
{
	struct gk_application *app = gk_app_load_staff(r);
	if (!app)
		return;
	const char *done = gk_req_param(r, "done");
	const char *message = NULL;
	if (done) {
		enum gk_app_action a;
		char text[128];
		snprintf(text, sizeof text, "已办理：%s。",
			 strcmp(done, "create") == 0     ? "登记申请"
			 : gk_app_action_parse(done, &a) ? gk_app_action_label(a)
							 : done);
		message = gk_arena_strdup(&r->arena, text);
	}
	detail_page(r, app, 200, "ok", message);
}

void gk_page_application_act(struct gk_request *r)
{
	struct gk_error err = {0};
	struct gk_step_input step;
	struct gk_application *app = gk_app_load_staff(r);
	if (!app)
		return;
	enum gk_app_action asked;
	const char *confirm = gk_req_param(r, "confirm");
	enum gk_err rc = GK_OK;
	if (gk_app_action_parse(gk_req_param(r, "action"), &asked) &&
	    gk_action_irreversible(asked) && !(confirm && strcmp(confirm, "0") != 0))
		rc = gk_fail(&err, GK_EINVAL, "“%s”不能撤销：请勾选“%s”后再提交",
			     gk_app_action_label(asked), confirm_text(asked));
	if (!rc)
		rc = gk_app_act(r, app, &step, &err);
	if (rc) {
		/* show the page as it is, with the reason */
		const char *why = gk_req_error(r, &err);
		struct gk_error again = {0};
		if (gk_req_failed(r, gk_store_application_get(r->store, app->id, true, app, &again),
				  &again))
			return;
		detail_page(r, app, gk_err_http_status(rc), "error", why);
		return;
	}
	char loc[96];
	snprintf(loc, sizeof loc, "%s?done=%s", gk_app_staff_path(r, app),
		 gk_app_action_code(step.action));
	gk_respond_redirect(r, gk_arena_strdup(&r->arena, loc));
}

/* GET /staff/requests/{code}/files/{id}: 404 outside the user's agencies
 * (as every address of the application); 403 for staff who may act on it
 * but not see the applicant's personal data, which a scanned letter holds. */
void gk_page_application_file(struct gk_request *r)
{
	struct gk_error err = {0};
	struct gk_attachment a;
	char *end;
	long long id = strtoll(gk_req_path_arg(r, 1), &end, 10);
	struct gk_application *app = gk_app_load_staff(r);
	if (!app)
		return;
	if (!gk_application_personal_visible(&r->user, app)) {
		gk_respond_error(r, GK_EFORBIDDEN, "申请的附件仅向办理机构的工作人员显示");
		return;
	}
	gk_buf_reset(&r->out);
	enum gk_err rc = *end || id <= 0 ? GK_ENOTFOUND
					 : gk_store_app_attachment_get(r->store, app->id, id, &a,
								       &r->out, &err);
	if (rc) {
		gk_respond_error(r, rc, rc == GK_ENOTFOUND ? "没有这个附件" : gk_error_text(&err));
		return;
	}
	gk_web_send_attachment(r, &a);
}
