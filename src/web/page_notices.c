/* Notices on the pages (issue 15): the applicant's own notices on his
 * tracking view, each notice of a case with its delivery record on the
 * staff case page, and GET/POST /staff/notices where each person chooses
 * e-mail, SMS or none per kind of staff notice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/html.h"
#include "service/notices.h"
#include "web/applications.h"
#include "web/layout.h"
#include "web/notices.h"
#include "web/pages.h"

/* Unix time T as "YYYY-MM-DD HH:MM" (local), "" for 0. */
static const char *when(struct gk_request *r, int64_t t)
{
	if (!t)
		return "";
	time_t tt = (time_t)t;
	struct tm tm;
	char out[32];
	localtime_r(&tt, &tm);
	strftime(out, sizeof out, "%Y-%m-%d %H:%M", &tm);
	return gk_arena_strdup(&r->arena, out);
}

/* The delivery state in words, with its time. */
static void state_cell(struct gk_request *r, const struct gk_notice *n)
{
	struct gk_buf *b = &r->out;
	gk_html_raw(b, "<span class=\"notice-state ");
	gk_html_raw(b, gk_notice_state_code(n->state));
	gk_html_raw(b, "\">");
	gk_html_text(b, gk_notice_state_label(n->state));
	gk_html_raw(b, "</span>");
	int64_t t = n->delivered_at ? n->delivered_at : n->sent_at;
	if (t) {
		gk_html_raw(b, " ");
		gk_html_text(b, when(r, t));
	}
}

/* A list of notices to one person, each with its text: ID and CLASS name
 * the list and its items ("own-notices", "own-notice"); MINE (staff) titles
 * each by its subject and gives the reason it was not sent. */
static void notice_list(struct gk_request *r, struct gk_notice_records *nr, const char *id,
			const char *cls, bool mine)
{
	struct gk_buf *b = &r->out;
	if (!nr->count) {
		gk_html_raw(b, "<p id=\"");
		gk_html_raw(b, id);
		gk_html_raw(b, "-none\">暂无通知。</p>\n");
		return;
	}
	gk_html_raw(b, "<ol class=\"history\" id=\"");
	gk_html_raw(b, id);
	gk_html_raw(b, "\">\n");
	for (size_t i = 0; i < nr->count; i++) {
		const struct gk_notice *n = &nr->items[i].notice;
		gk_html_raw(b, "<li class=\"");
		gk_html_raw(b, cls);
		gk_html_raw(b, "\" data-kind=\"");
		gk_html_attr(b, gk_notice_kind_code(n->kind));
		gk_html_raw(b, "\"><span class=\"date\">");
		gk_html_text(b, gk_app_day(r, n->day));
		gk_html_raw(b, "</span><strong>");
		gk_html_text(b, mine ? n->subject : gk_notice_kind_label(n->kind));
		gk_html_raw(b, "</strong>（");
		gk_html_text(b, gk_notice_channel_label(n->channel));
		gk_html_raw(b, "，");
		state_cell(r, n);
		if (mine && n->last_error[0]) {
			gk_html_raw(b, "：");
			gk_html_text(b, n->last_error);
		}
		gk_html_raw(b, "）<pre class=\"request-text\">");
		gk_html_text(b, n->body);
		gk_html_raw(b, "</pre></li>\n");
	}
	gk_html_raw(b, "</ol>\n");
}

void gk_page_notices_own(struct gk_request *r, int64_t app_id)
{
	struct gk_notice_records nr;
	struct gk_error err = {0};
	if (gk_req_failed(r, gk_svc_notices_of_applicant(&r->svc, app_id, &nr, &err), &err))
		return;
	gk_html_raw(&r->out, "<h2>给我的通知</h2>\n");
	notice_list(r, &nr, "own-notices", "own-notice", false);
	gk_notice_records_release(&nr);
}

void gk_page_notices_case(struct gk_request *r, const struct gk_application *app)
{
	struct gk_notice_records nr;
	struct gk_error err = {0};
	if (gk_req_failed(r, gk_svc_notices_of_case(&r->svc, app->id, app->agency_id, &nr, &err),
			  &err))
		return;
	bool personal = gk_application_personal_visible(&r->user, app);
	struct gk_buf *b = &r->out;
	gk_html_raw(b, "<h2>通知</h2>\n<table class=\"list\" id=\"notices\">\n<thead><tr>"
		       "<th>日期</th><th>通知</th><th>对象</th><th>渠道</th><th>状态</th>"
		       "<th>发送记录</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < nr.count; i++) {
		const struct gk_notice_record *rec = &nr.items[i];
		const struct gk_notice *n = &rec->notice;
		gk_html_raw(b, "<tr class=\"notice-row\" data-kind=\"");
		gk_html_attr(b, gk_notice_kind_code(n->kind));
		gk_html_raw(b, "\" data-state=\"");
		gk_html_attr(b, gk_notice_state_code(n->state));
		gk_html_raw(b, "\"><td>");
		gk_html_text(b, gk_app_day(r, n->day));
		gk_html_raw(b, "</td><td><details><summary>");
		gk_html_text(b, gk_notice_kind_label(n->kind));
		gk_html_raw(b, "</summary><p>");
		gk_html_text(b, gk_app_shown(r, app, n->subject));
		gk_html_raw(b, "</p><pre class=\"request-text\">");
		gk_html_text(b, gk_app_shown(r, app, n->body));
		gk_html_raw(b, "</pre></details></td><td>");
		if (n->user_id)
			gk_html_text(b, "工作人员");
		else
			gk_html_text(b, "申请人");
		if (n->recipient[0]) {
			gk_html_raw(b, " ");
			gk_html_text(b, personal || n->user_id ? n->recipient : "（不显示）");
		}
		gk_html_raw(b, "</td><td>");
		gk_html_text(b, gk_notice_channel_label(n->channel));
		gk_html_raw(b, "</td><td>");
		state_cell(r, n);
		if (n->last_error[0]) {
			gk_html_raw(b, "<br><span class=\"notice-why\">");
			gk_html_text(b, n->last_error);
			gk_html_raw(b, "</span>");
		}
		/* one failed before any attempt has no text to send (its template) */
		if (n->state == GK_NOTICE_FAILED && gk_notice_channel_electronic(n->channel) &&
		    !gk_notice_unrendered(n)) {
			gk_html_raw(
				b,
				"<form method=\"post\" class=\"inline\" action=\"/staff/requests/");
			gk_html_url_arg(b, app->tracking_code);
			gk_html_raw(b, "/notices/retry\">");
			gk_page_csrf_field(r);
			char id[24];
			snprintf(id, sizeof id, "%lld", (long long)n->id);
			gk_html_raw(b, "<input type=\"hidden\" name=\"notice\" value=\"");
			gk_html_raw(b, id);
			gk_html_raw(b, "\"><button type=\"submit\">重新发送</button></form>");
		}
		gk_html_raw(b, "</td><td>");
		if (!rec->nattempts)
			gk_html_text(b,
				     gk_notice_channel_electronic(n->channel) ? "尚未发送" : "—");
		else
			gk_html_raw(b, "<ol class=\"notice-attempts\">");
		for (size_t k = 0; k < rec->nattempts; k++) {
			const struct gk_notice_attempt *a = &rec->attempts[k];
			gk_html_raw(b, "<li>");
			gk_html_text(b, when(r, a->at));
			gk_html_raw(b, " ");
			gk_html_text(b, gk_notice_outcome_label(a->outcome));
			if (a->detail[0]) {
				gk_html_raw(b, "：");
				gk_html_text(b, a->detail);
			}
			gk_html_raw(b, "</li>");
		}
		if (rec->nattempts)
			gk_html_raw(b, "</ol>");
		gk_html_raw(b, "</td></tr>\n");
	}
	gk_html_raw(b, "</tbody>\n</table>\n");
	gk_notice_records_release(&nr);
}

/* --- /staff/notices ------------------------------------------------------------------ */

/* The newest notices to the person logged in: reminders and digests are
 * read here too, whatever the channel. */
static void mine(struct gk_request *r)
{
	struct gk_notice_records nr;
	struct gk_error err = {0};
	if (gk_req_failed(r, gk_svc_notices_mine(&r->svc, 30, &nr, &err), &err))
		return;
	gk_html_raw(&r->out, "<h2>发给我的通知（最近30条）</h2>\n");
	notice_list(r, &nr, "my-notices", "my-notice", true);
	gk_notice_records_release(&nr);
}

static void prefs_page(struct gk_request *r, int status, const char *kind, const char *message,
		       const struct gk_notice_prefs *p)
{
	struct gk_buf *b = &r->out;
	gk_buf_reset(b);
	gk_page_begin(r, status, "通知设置");
	if (message)
		gk_page_notice(r, kind, message);
	if ((r->user.roles & GK_ROLE_ADMIN) && r->user.city_wide)
		gk_html_raw(b,
			    "<p id=\"notice-templates-link\"><a href=\"/staff/notice-templates\">"
			    "修改各类通知的模板</a></p>\n");
	gk_html_raw(b,
		    "<p>选择您希望以何种方式接收各类办理提醒。申请人的通知按其选择的获取方式发送，"
		    "不在此设置。</p>\n<form method=\"post\" action=\"/staff/notices\" "
		    "class=\"stacked\" id=\"notice-prefs\">\n");
	gk_page_csrf_field(r);
	gk_html_raw(b,
		    "<label for=\"n-email\">电子邮箱</label><input id=\"n-email\" name=\"email\" "
		    "type=\"email\" maxlength=\"120\" autocomplete=\"email\" value=\"");
	gk_html_attr(b, p->email);
	gk_html_raw(b, "\">\n<label for=\"n-phone\">手机号码（接收短信）</label>"
		       "<input id=\"n-phone\" name=\"phone\" maxlength=\"30\" "
		       "autocomplete=\"tel\" value=\"");
	gk_html_attr(b, p->phone);
	gk_html_raw(b, "\">\n<table class=\"list\" id=\"notice-kinds\">\n<thead><tr><th>提醒</th>"
		       "<th>电子邮件</th><th>短信</th><th>不接收</th></tr></thead>\n<tbody>\n");
	static const enum gk_notice_channel choices[] = {GK_NOTICE_EMAIL, GK_NOTICE_SMS,
							 GK_NOTICE_NONE};
	for (int k = 0; k < GK_NOTICE_COUNT; k++) {
		if (!gk_notice_kind_staff((enum gk_notice_kind)k))
			continue;
		const char *code = gk_notice_kind_code((enum gk_notice_kind)k);
		gk_html_raw(b, "<tr><th scope=\"row\">");
		gk_html_text(b, gk_notice_kind_label((enum gk_notice_kind)k));
		gk_html_raw(b, "</th>");
		for (size_t c = 0; c < 3; c++) {
			const char *ch = gk_notice_channel_code(choices[c]);
			gk_html_raw(b, "<td><input type=\"radio\" name=\"ch_");
			gk_html_raw(b, code);
			gk_html_raw(b, "\" id=\"ch-");
			gk_html_raw(b, code);
			gk_html_raw(b, "-");
			gk_html_raw(b, ch);
			gk_html_raw(b, "\" value=\"");
			gk_html_raw(b, ch);
			gk_html_raw(b, "\" aria-label=\"");
			gk_html_text(b, gk_notice_kind_label((enum gk_notice_kind)k));
			gk_html_raw(b, "：");
			gk_html_text(b, gk_notice_channel_label(choices[c]));
			gk_html_raw(b,
				    p->channel[k] == choices[c] ? "\" checked></td>" : "\"></td>");
		}
		gk_html_raw(b, "</tr>\n");
	}
	gk_html_raw(b, "</tbody>\n</table>\n<button type=\"submit\">保存通知设置</button>\n"
		       "</form>\n");
	mine(r);
	gk_page_end(r);
}

void gk_page_notice_prefs(struct gk_request *r)
{
	struct gk_notice_prefs p;
	struct gk_error err = {0};
	if (gk_req_failed(r, gk_svc_notice_prefs_get(&r->svc, &p, &err), &err))
		return;
	prefs_page(r, 200, NULL, NULL, &p);
}

void gk_page_notice_prefs_save(struct gk_request *r)
{
	struct gk_notice_prefs p;
	struct gk_error err = {0};
	if (gk_req_failed(r, gk_svc_notice_prefs_get(&r->svc, &p, &err), &err))
		return;
	const char *email = gk_req_param(r, "email");
	const char *phone = gk_req_param(r, "phone");
	size_t len;
	const char *v = gk_text_trimmed(email ? email : "", &len);
	snprintf(p.email, sizeof p.email, "%.*s", (int)len, v);
	v = gk_text_trimmed(phone ? phone : "", &len);
	snprintf(p.phone, sizeof p.phone, "%.*s", (int)len, v);
	for (int k = 0; k < GK_NOTICE_COUNT; k++) {
		if (!gk_notice_kind_staff((enum gk_notice_kind)k))
			continue;
		char name[48];
		snprintf(name, sizeof name, "ch_%s", gk_notice_kind_code((enum gk_notice_kind)k));
		const char *c = gk_req_param(r, name);
		enum gk_notice_channel ch;
		if (c && gk_notice_channel_parse(c, &ch))
			p.channel[k] = ch;
	}
	enum gk_err rc = gk_svc_notice_prefs_set(&r->svc, &p, &err);
	if (rc && gk_err_http_status(rc) >= 500) {
		gk_req_failed(r, rc, &err);
		return;
	}
	if (rc)
		prefs_page(r, gk_err_http_status(rc), "error", gk_req_error(r, &err), &p);
	else
		prefs_page(r, 200, "ok", "通知设置已保存。", &p);
}

/* POST /staff/requests/{code}/notices/retry: a failed notice sent again. */
void gk_page_notice_retry(struct gk_request *r)
{
	struct gk_application *app = gk_app_load_staff(r);
	if (!app)
		return;
	const char *id = gk_req_param(r, "notice");
	struct gk_error err = {0};
	enum gk_err rc =
		gk_svc_notice_retry(&r->svc, app->id, app->agency_id, id ? atoll(id) : 0, &err);
	if (rc) {
		gk_respond_error(r, rc, gk_req_error(r, &err));
		return;
	}
	char loc[96];
	snprintf(loc, sizeof loc, "/staff/requests/%s#notices", app->tracking_code);
	gk_respond_redirect(r, gk_arena_strdup(&r->arena, loc));
}
