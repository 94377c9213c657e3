/* The staff's side of online consultation (网上咨询, issue 15):
 *   GET  /staff/consultations        the queue by state, newest first
 *   GET  /staff/consultations/{id}   a question, the asker (where he may be
 *                                    read), and the forms to answer, publish,
 *                                    reject or turn it into an application
 *   POST /staff/consultations/{id}   one of those actions
 * Handlers and administrators of the agency's subtree; the city office
 * sees all (service/consultations.c checks it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/html.h"
#include "service/consultations.h"
#include "store/store.h"
#include "web/applications.h"
#include "web/consultations.h"
#include "web/layout.h"
#include "web/pages.h"

#define QUEUE_PAGE 30

static const struct {
	const char *code, *label;
	int state;
} views[] = {
	{"open", "待答复", GK_QUESTION_OPEN},
	{"answered", "已答复", GK_QUESTION_ANSWERED},
	{"rejected", "不予答复", GK_QUESTION_REJECTED},
	{"converted", "已转为申请", GK_QUESTION_CONVERTED},
	{"all", "全部", -1},
};
#define NVIEWS (sizeof views / sizeof views[0])

struct queue {
	struct gk_request *r;
	int n;
	int64_t last;
};

static int queue_row(const struct gk_consultation *c, void *ctx)
{
	struct queue *q = ctx;
	struct gk_buf *b = &q->r->out;
	q->n++;
	q->last = c->id;
	gk_html_raw(b, "<tr><td>");
	gk_html_text(b, gk_app_day(q->r, c->received));
	gk_html_raw(b, "</td><td><a href=\"/staff/consultations/");
	gk_html_int(b, c->id);
	gk_html_raw(b, "\">");
	gk_html_text(b, c->subject);
	gk_html_raw(b, "</a></td><td>");
	gk_html_text(b, c->agency_name);
	gk_html_raw(b, "</td><td>");
	gk_html_text(b, gk_question_state_label(c->state));
	if (c->published)
		gk_html_raw(b, "（已公开）");
	gk_html_raw(b, "</td><td>");
	gk_html_raw(b, c->consent ? "同意" : "不同意");
	gk_html_raw(b, "</td></tr>\n");
	return 0;
}

void gk_page_consult_queue(struct gk_request *r)
{
	struct gk_buf *b = &r->out;
	struct gk_error err = {0};
	const char *view = gk_req_param(r, "view");
	size_t vi = 0;
	for (size_t i = 0; view && i < NVIEWS; i++)
		if (strcmp(view, views[i].code) == 0)
			vi = i;
	struct gk_question_filter f = {0};
	f.scope = r->user.city_wide ? 0 : r->user.agency_id;
	f.state = views[vi].state;
	f.before = gk_req_param_int(r, "before", 0);
	f.limit = QUEUE_PAGE;
	gk_page_begin(r, 200, "网上咨询");
	gk_html_raw(b, "<nav class=\"tabs\" id=\"consult-views\">\n");
	for (size_t i = 0; i < NVIEWS; i++) {
		gk_html_raw(b, i == vi ? "<a class=\"current\" href=\"/staff/consultations?view="
				       : "<a href=\"/staff/consultations?view=");
		gk_html_raw(b, views[i].code);
		gk_html_raw(b, "\">");
		gk_html_raw(b, views[i].label);
		gk_html_raw(b, "</a>\n");
	}
	gk_html_raw(b, "</nav>\n<table class=\"list\" id=\"consult-queue\">\n<thead><tr>"
		       "<th>提交日期</th><th>主题</th><th>咨询机关</th><th>状态</th>"
		       "<th>同意公开</th></tr></thead>\n<tbody>\n");
	struct queue q = {r, 0, 0};
	enum gk_err rc = gk_store_consultation_list(r->store, &f, queue_row, &q, &err);
	if (gk_req_failed(r, rc, &err))
		return;
	gk_html_raw(b, "</tbody>\n</table>\n");
	if (!q.n)
		gk_html_raw(b, "<p id=\"queue-empty\">没有咨询。</p>\n");
	if (q.n == f.limit) {
		gk_html_raw(b, "<p><a id=\"next-page\" href=\"/staff/consultations?view=");
		gk_html_raw(b, views[vi].code);
		gk_html_raw(b, "&amp;before=");
		gk_html_int(b, q.last);
		gk_html_raw(b, "\">下一页</a></p>\n");
	}
	gk_page_end(r);
}

/* --- one question ------------------------------------------------------------------------- */

static int64_t path_id(struct gk_request *r)
{
	char *end;
	long long id = strtoll(gk_req_path_arg(r, 0), &end, 10);
	return *end || id <= 0 ? 0 : id;
}

static const char *done_text(const char *done)
{
	static const struct {
		const char *code, *text;
	} t[] = {
		{"answer", "已保存答复。"},
		{"publish", "已公开这条咨询和答复。"},
		{"unpublish", "已取消公开。"},
		{"reject", "已作不予答复处理。"},
	};
	for (size_t i = 0; done && i < sizeof t / sizeof t[0]; i++)
		if (strcmp(done, t[i].code) == 0)
			return t[i].text;
	return NULL;
}

static void action_form(struct gk_request *r, const struct gk_consultation *c, const char *action)
{
	struct gk_buf *b = &r->out;
	gk_html_raw(b, "<form method=\"post\" action=\"/staff/consultations/");
	gk_html_int(b, c->id);
	gk_html_raw(b, "\" class=\"stacked\" id=\"form-");
	gk_html_raw(b, action);
	gk_html_raw(b, "\">\n");
	gk_page_csrf_field(r);
	gk_html_raw(b, "<input type=\"hidden\" name=\"action\" value=\"");
	gk_html_raw(b, action);
	gk_html_raw(b, "\">\n");
}

/* The page of C; STATUS and MESSAGE (an error, NULL: none) above it. */
static void detail_page(struct gk_request *r, const struct gk_consultation *c, bool personal,
			int status, const char *message)
{
	struct gk_buf *b = &r->out;
	char shown[GK_TRACKING_CODE_LEN + 2];
	gk_buf_reset(b);
	gk_page_begin(r, status, c->subject);
	if (message)
		gk_page_notice(r, "error", message);
	else if (done_text(gk_req_param(r, "done")))
		gk_page_notice(r, "ok", done_text(gk_req_param(r, "done")));
	gk_html_raw(b, "<dl class=\"meta\">\n");
	gk_page_meta_row(b, "咨询机关", c->agency_name);
	gk_page_meta_field(b, "received", "提交日期", gk_app_day(r, c->received));
	gk_page_meta_field(b, "state", "状态", gk_question_state_label(c->state));
	gk_page_meta_field(b, "consent", "同意公开答复", c->consent ? "是" : "否");
	gk_page_meta_field(b, "published", "已公开", c->published ? "是" : "否");
	gk_page_meta_row(b, "咨询查询码", gk_tracking_code_display(c->code, shown));
	gk_page_meta_row(b, "答复日期", gk_app_day(r, c->answered));
	gk_page_meta_row(b, "办理人", c->answerer);
	gk_html_raw(b, "</dl>\n<h2>提问人</h2>\n");
	if (personal) {
		gk_html_raw(b, "<dl class=\"meta\" id=\"asker\">\n");
		gk_page_meta_field(b, "asker-name", "姓名", c->asker.name);
		gk_page_meta_row(b, "联系电话", c->asker.phone);
		gk_page_meta_row(b, "电子邮箱", c->asker.email);
		gk_html_raw(b, "</dl>\n");
	} else {
		gk_html_raw(b, "<p id=\"asker-hidden\">提问人的姓名和联系方式仅咨询机关和市政府"
			       "信息公开主管部门可见。</p>\n");
	}
	gk_html_raw(b, "<h2>咨询内容</h2>\n<p class=\"multiline\" id=\"question\">");
	gk_html_text(b, c->question);
	gk_html_raw(b, "</p>\n");
	if (c->state == GK_QUESTION_REJECTED) {
		gk_html_raw(b, "<h2>不予答复的理由</h2>\n<p class=\"multiline\" id=\"reason\">");
		gk_html_text(b, c->reason);
		gk_html_raw(b, "</p>\n");
	}
	if (c->state == GK_QUESTION_CONVERTED) {
		gk_html_raw(
			b,
			"<p id=\"converted\">已转为政府信息公开申请：<a href=\"/staff/requests/");
		gk_html_url_arg(b, c->application_code);
		gk_html_raw(b, "\">");
		gk_html_text(b, gk_tracking_code_display(c->application_code, shown));
		gk_html_raw(b, "</a></p>\n");
	}
	if (c->state == GK_QUESTION_OPEN || c->state == GK_QUESTION_ANSWERED) {
		gk_html_raw(b, "<h2>答复</h2>\n");
		action_form(r, c, "answer");
		const char *typed = gk_req_param(r, "reply");
		gk_html_raw(b, "<div class=\"field\">\n<label for=\"f-reply\">答复内容</label>\n"
			       "<textarea id=\"f-reply\" name=\"reply\" rows=\"8\" maxlength=\"");
		gk_html_int(b, GK_QUESTION_ANSWER_MAX);
		gk_html_raw(b, "\" required>\n");
		gk_html_text(b, typed ? typed : c->answer);
		gk_html_raw(b, "</textarea>\n</div>\n");
		if (c->consent)
			gk_html_raw(
				b, "<div class=\"field\"><label class=\"check\" for=\"f-publish\">"
				   "<input type=\"checkbox\" id=\"f-publish\" name=\"publish\" "
				   "value=\"1\"> 答复后公开（提问人已同意公开，公开时不显示其姓名和"
				   "联系方式）</label></div>\n");
		else
			gk_html_raw(b, "<p class=\"hint\" id=\"no-consent\">提问人未同意公开答复，"
				       "这条咨询不能公开。</p>\n");
		gk_html_raw(b, "<button type=\"submit\">保存答复</button>\n</form>\n");
	}
	if (c->state == GK_QUESTION_ANSWERED && c->consent) {
		action_form(r, c, c->published ? "unpublish" : "publish");
		gk_html_raw(b, c->published
				       ? "<button type=\"submit\">取消公开</button>\n</form>\n"
				       : "<button type=\"submit\">公开这条咨询和答复</button>\n"
					 "</form>\n");
	}
	if (c->state == GK_QUESTION_OPEN) {
		gk_html_raw(b, "<h2>不予答复</h2>\n");
		action_form(r, c, "reject");
		gk_html_raw(b, "<div class=\"field\">\n<label for=\"f-reason\">理由（提问人可见）"
			       "</label>\n<textarea id=\"f-reason\" name=\"reason\" rows=\"3\" "
			       "maxlength=\"");
		gk_html_int(b, GK_QUESTION_REASON_MAX);
		gk_html_raw(b, "\" required></textarea>\n</div>\n"
			       "<button type=\"submit\">不予答复</button>\n</form>\n");
		if (personal) {
			gk_html_raw(b,
				    "<h2>转为政府信息公开申请</h2>\n<p class=\"hint\">咨询的实为"
				    "获取政府信息的，可转为申请办理：以提交咨询之日为收到申请之日，"
				    "提问人为申请人，咨询内容为所需信息的描述。</p>\n");
			action_form(r, c, "convert");
			gk_html_raw(b, "<button type=\"submit\" id=\"convert\">转为申请</button>\n"
				       "</form>\n");
		}
	}
	gk_page_end(r);
}

/* Loads question {id} for the actor; false if answered (not found …). */
static bool load(struct gk_request *r, struct gk_consultation *c, bool *personal)
{
	struct gk_error err = {0};
	enum gk_err rc = gk_svc_consultation_get(&r->svc, path_id(r), c, personal, &err);
	if (rc) {
		if (!gk_req_failed(r, rc, &err))
			gk_respond_error(r, rc == GK_ENOTFOUND ? GK_ENOTFOUND : rc,
					 rc == GK_ENOTFOUND ? "没有这条咨询" : gk_error_text(&err));
		return false;
	}
	return true;
}

void gk_page_consult_staff(struct gk_request *r)
{
	struct gk_consultation c;
	bool personal;
	if (!load(r, &c, &personal))
		return;
	detail_page(r, &c, personal, 200, NULL);
	gk_consultation_release(&c);
}

void gk_page_consult_act(struct gk_request *r)
{
	struct gk_error err = {0};
	int64_t id = path_id(r);
	struct gk_consultation c;
	bool personal;
	if (!load(r, &c, &personal))
		return;
	const char *action = gk_req_param(r, "action");
	struct gk_application app;
	enum gk_err rc;
	if (strcmp(action, "answer") == 0)
		rc = gk_svc_consultation_answer(&r->svc, id,
						gk_app_plain_lines(r, gk_req_param(r, "reply")),
						gk_req_param(r, "publish") != NULL, &err);
	else if (strcmp(action, "publish") == 0 || strcmp(action, "unpublish") == 0)
		rc = gk_svc_consultation_publish(&r->svc, id, action[0] == 'p', &err);
	else if (strcmp(action, "reject") == 0)
		rc = gk_svc_consultation_reject(
			&r->svc, id, gk_app_plain_lines(r, gk_req_param(r, "reason")), &err);
	else
		rc = gk_svc_consultation_convert(&r->svc, id, &app, &err);
	if (rc) {
		if (!gk_req_failed(r, rc, &err))
			detail_page(r, &c, personal, gk_err_http_status(rc), gk_error_text(&err));
		gk_consultation_release(&c);
		return;
	}
	gk_consultation_release(&c);
	char to[96];
	if (strcmp(action, "convert") == 0)
		snprintf(to, sizeof to, "/staff/requests/%s", app.tracking_code);
	else
		snprintf(to, sizeof to, "/staff/consultations/%lld?done=%s", (long long)id, action);
	gk_respond_redirect(r, gk_arena_strdup(&r->arena, to));
}

void gk_consult_year_counts(struct gk_request *r, int year)
{
	struct gk_buf *b = &r->out;
	struct gk_error err = {0};
	struct gk_question_counts n;
	enum gk_err rc = gk_store_consultation_counts(
		r->store, r->user.city_wide ? 0 : r->user.agency_id, year, &n, &err);
	if (gk_req_failed(r, rc, &err))
		return;
	gk_html_raw(b, "<h2>网上咨询</h2>\n<table class=\"list\" id=\"consult-counts\">\n"
		       "<thead><tr><th>收到咨询</th>");
	for (int s = 0; s < GK_QUESTION_STATE_COUNT; s++) {
		gk_html_raw(b, "<th>");
		gk_html_raw(b, gk_question_state_label((enum gk_question_state)s));
		gk_html_raw(b, "</th>");
	}
	gk_html_raw(b, "<th>已公开答复</th></tr></thead>\n<tbody><tr><td class=\"num\">");
	gk_html_int(b, n.total);
	gk_html_raw(b, "</td>");
	for (int s = 0; s < GK_QUESTION_STATE_COUNT; s++) {
		gk_html_raw(b, "<td class=\"num\">");
		gk_html_int(b, n.by_state[s]);
		gk_html_raw(b, "</td>");
	}
	gk_html_raw(b, "<td class=\"num\">");
	gk_html_int(b, n.published);
	gk_html_raw(b, "</td></tr></tbody>\n</table>\n<p>按提交咨询的日期统计。年度报告的"
		       "各格式均无网上咨询的统计项，这些数字不计入年度报告。</p>\n");
}
