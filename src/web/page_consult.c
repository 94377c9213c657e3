/* The public side of online consultation (网上咨询, issue 15):
 *   GET  /consult               what it is, the ways in, a code look-up
 *   GET  /consult/new           the form (?agency=CODE chooses the agency)
 *   POST /consult/new           asks: the human check and limits of /apply
 *   GET  /consult/track         ?code= → the asker's page
 *   GET  /consult/track/{code}  the asker's page: his question, its answer
 *   GET  /consult/answers       published questions and answers, by agency,
 *                               searched by substring, a page at a time
 *   GET  /consult/answers/{id}  one of them
 * The asker's name and contact appear on none of these pages. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/html.h"
#include "lib/utf8.h"
#include "service/consultations.h"
#include "store/store.h"
#include "web/applications.h"
#include "web/auth.h"
#include "web/consultations.h"
#include "web/human_check.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/server.h"
#include "web/throttle.h"

#define ANSWERS_PER_PAGE 20
/* Searches longer than this are refused in Chinese (a LIKE of the
 * published questions: docs/consultation.md). */
#define QUERY_MAX 100

static const struct gk_crumb consult_trail[] = {{"/consult", "网上咨询"}};

static const char *param(struct gk_request *r, const char *name)
{
	const char *v = gk_req_param(r, name);
	return v ? v : "";
}

/* --- the no-script question (as /apply's, keyed apart) --------------------------- */

static void challenge(struct gk_request *r, long hour, int *a, int *b)
{
	char msg[128];
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	int n = snprintf(msg, sizeof msg, "consult:%s:%ld", r->csrf, hour);
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

/* --- the form --------------------------------------------------------------------------- */

struct form {
	struct gk_request *r;
	const struct gk_question_problems *p;
	const char *answer_problem;
	bool keep_answer;
};

static void field_head(struct form *f, enum gk_question_field field, bool required,
		       const char *hint)
{
	struct gk_buf *b = &f->r->out;
	const char *name = gk_question_field_code(field);
	bool bad = f->p->message[field][0] != '\0';
	gk_html_raw(b, bad ? "<div class=\"field has-error\">\n<label for=\"a-"
			   : "<div class=\"field\">\n<label for=\"a-");
	gk_html_raw(b, name);
	gk_html_raw(b, "\">");
	gk_html_text(b, gk_question_field_label(field));
	if (required)
		gk_html_raw(b, " <span class=\"req\">（必填）</span>");
	gk_html_raw(b, "</label>\n");
	if (hint) {
		gk_html_raw(b, "<p class=\"hint\" id=\"a-");
		gk_html_raw(b, name);
		gk_html_raw(b, "-hint\">");
		gk_html_raw(b, hint);
		gk_html_raw(b, "</p>\n");
	}
	if (bad)
		gk_app_field_error(b, name, f->p->message[field]);
}

static void input(struct form *f, enum gk_question_field field, bool required, const char *extra,
		  int max, const char *hint)
{
	struct gk_buf *b = &f->r->out;
	const char *name = gk_question_field_code(field);
	field_head(f, field, required, hint);
	gk_html_raw(b, "<input");
	gk_app_field_attrs(b, name, required, f->p->message[field][0] != '\0', hint != NULL);
	gk_html_raw(b, " ");
	gk_html_raw(b, extra);
	gk_html_raw(b, " maxlength=\"");
	gk_html_int(b, max);
	gk_html_raw(b, "\" value=\"");
	gk_html_attr(b, param(f->r, name));
	gk_html_raw(b, "\">\n</div>\n");
}

static void error_summary(struct form *f)
{
	struct gk_buf *b = &f->r->out;
	int n = f->p->count + (f->answer_problem != NULL);
	if (!n)
		return;
	gk_html_raw(b, "<div class=\"error-summary\" id=\"error-summary\" role=\"alert\" "
		       "tabindex=\"-1\" aria-labelledby=\"error-summary-title\">\n"
		       "<h2 id=\"error-summary-title\">提交的内容有 ");
	gk_html_int(b, n);
	gk_html_raw(b, " 处需要修改，您填写的内容已保留，请修改后重新提交：</h2>\n<ul>\n");
	for (int i = 0; i < GK_QFIELD_COUNT; i++) {
		if (!f->p->message[i][0])
			continue;
		gk_html_raw(b, "<li><a href=\"#a-");
		gk_html_raw(b, gk_question_field_code((enum gk_question_field)i));
		gk_html_raw(b, "\">");
		gk_html_text(b, f->p->message[i]);
		gk_html_raw(b, "</a></li>\n");
	}
	if (f->answer_problem) {
		gk_html_raw(b, "<li><a href=\"#a-answer\">");
		gk_html_text(b, f->answer_problem);
		gk_html_raw(b, "</a></li>\n");
	}
	gk_html_raw(b, "</ul>\n</div>\n");
}

static void form_page(struct form *f, int status, const char *message)
{
	struct gk_request *r = f->r;
	struct gk_buf *b = &r->out;
	gk_auth_anon_token(r); /* the question depends on the token */
	gk_buf_reset(b);
	struct gk_page_public pp = {consult_trail, 1, NULL, NULL};
	gk_page_begin_public(r, status, "我要咨询", &pp);
	if (message)
		gk_page_notice(r, "error", message);
	error_summary(f);
	gk_html_raw(b, "<p>您可以就政府信息公开工作向各机关提出咨询。工作人员答复后，凭提交后"
		       "获得的咨询查询码查看答复。您同意公开的，答复可能在“咨询答复”栏目中公开，"
		       "公开时不显示您的姓名和联系方式。如需获取政府信息，请"
		       "<a href=\"/apply\">提出政府信息公开申请</a>。</p>\n"
		       "<form method=\"post\" action=\"/consult/new\" class=\"stacked apply\" "
		       "id=\"apply-form\">\n");
	gk_page_csrf_field(r);
	gk_html_raw(b, "<fieldset>\n<legend>咨询内容</legend>\n");
	field_head(f, GK_QFIELD_AGENCY, true, NULL);
	gk_html_raw(b, "<select");
	gk_app_field_attrs(b, "agency", true, f->p->message[GK_QFIELD_AGENCY][0] != '\0', false);
	gk_html_raw(b, ">\n");
	gk_app_option(b, "", "请选择咨询机关", param(r, "agency"));
	struct gk_agency_list agencies;
	struct gk_error err = {0};
	if (gk_req_failed(r, gk_store_agency_list(r->store, &agencies, &err), &err))
		return;
	for (size_t i = 0; i < agencies.count; i++)
		gk_app_option(b, agencies.items[i].code, agencies.items[i].name,
			      param(r, "agency"));
	gk_agency_list_release(&agencies);
	gk_html_raw(b, "</select>\n</div>\n");
	input(f, GK_QFIELD_SUBJECT, true, "type=\"text\"", GK_QUESTION_SUBJECT_MAX, NULL);
	field_head(f, GK_QFIELD_QUESTION, true, "最多2000字，可以分段。");
	gk_html_raw(b, "<textarea rows=\"8\"");
	gk_app_field_attrs(b, "question", true, f->p->message[GK_QFIELD_QUESTION][0] != '\0', true);
	gk_html_raw(b, " maxlength=\"");
	gk_html_int(b, GK_QUESTION_TEXT_MAX);
	gk_html_raw(b, "\">\n");
	gk_html_text(b, param(r, "question"));
	gk_html_raw(b, "</textarea>\n</div>\n</fieldset>\n<fieldset>\n<legend>联系方式（不公开）"
		       "</legend>\n");
	input(f, GK_QFIELD_NAME, true, "type=\"text\" autocomplete=\"name\"", GK_QUESTION_NAME_MAX,
	      NULL);
	input(f, GK_QFIELD_PHONE, false, "type=\"tel\" autocomplete=\"tel\"", GK_QUESTION_PHONE_MAX,
	      "联系电话、电子邮箱至少填写一项。");
	input(f, GK_QFIELD_EMAIL, false, "type=\"email\" autocomplete=\"email\"",
	      GK_QUESTION_EMAIL_MAX, NULL);
	gk_html_raw(b,
		    "</fieldset>\n<div class=\"field\">\n<label class=\"check\" for=\"a-consent\">"
		    "<input type=\"checkbox\" id=\"a-consent\" name=\"consent\" value=\"1\"");
	if (*param(r, "consent"))
		gk_html_raw(b, " checked");
	gk_html_raw(b, "> 同意公开答复（公开咨询内容和答复，不公开您的姓名和联系方式）</label>\n"
		       "</div>\n");

	/* the human check, as on /apply (web/human_check.h; apply.js solves it) */
	int qa, qb;
	challenge(r, (long)(time(NULL) / 3600), &qa, &qb);
	gk_html_raw(b, f->answer_problem ? "<div class=\"field has-error\" id=\"human-check\">\n"
					 : "<div class=\"field\" id=\"human-check\">\n");
	gk_html_raw(b, "<input type=\"hidden\" name=\"pow\" id=\"a-pow\" value=\"");
	gk_html_attr(b, gk_human_challenge(r));
	gk_html_raw(b, "\">\n<input type=\"hidden\" name=\"pow_nonce\" id=\"a-pow_nonce\" "
		       "value=\"\">\n"
		       "<p class=\"hint\" id=\"pow-status\" role=\"status\" hidden></p>\n");
	if (f->answer_problem) {
		gk_html_raw(b, "<p class=\"field-error\" id=\"a-answer-error\">"
			       "<span class=\"visually-hidden\">错误：</span>");
		gk_html_text(b, f->answer_problem);
		gk_html_raw(b, "</p>\n");
	}
	gk_html_raw(b, "<div id=\"human-question\">\n"
		       "<label for=\"a-answer\">验证问题：<span id=\"challenge\">");
	gk_html_int(b, qa);
	gk_html_raw(b, " 加 ");
	gk_html_int(b, qb);
	gk_html_raw(b, " 等于多少？</span> <span class=\"req\">（必填）</span></label>\n"
		       "<input id=\"a-answer\" name=\"answer\" inputmode=\"numeric\" "
		       "maxlength=\"3\" required autocomplete=\"off\"");
	if (f->answer_problem)
		gk_html_raw(b, " aria-invalid=\"true\" aria-describedby=\"a-answer-error\"");
	gk_html_raw(b, " value=\"");
	if (f->keep_answer)
		gk_html_attr(b, param(r, "answer"));
	gk_html_raw(b, "\">\n</div>\n</div>\n<button type=\"submit\">提交咨询</button>\n</form>\n"
		       "<script src=\"/static/apply.js\" defer></script>\n");
	gk_page_end(r);
}

void gk_page_consult_form(struct gk_request *r)
{
	struct gk_question_problems none = {0};
	struct form f = {r, &none, NULL, false};
	form_page(&f, 200, NULL);
}

static void copy_trimmed(char *dst, size_t size, const char *value)
{
	size_t n;
	const char *v = gk_text_trimmed(value, &n);
	snprintf(dst, size, "%.*s", (int)(n < size ? n : size - 1), v);
}

/* Fills IN from the form and checks it into P; false on a failure of the
 * server (answered). */
static bool read_form(struct gk_request *r, struct gk_question_input *in,
		      struct gk_question_problems *p)
{
	memset(in, 0, sizeof *in);
	const char *agency = param(r, "agency");
	bool unknown = false;
	if (*agency) {
		struct gk_agency a;
		struct gk_error err = {0};
		enum gk_err rc = gk_store_agency_by_code(r->store, agency, &a, &err);
		if (rc == GK_ENOTFOUND)
			unknown = true;
		else if (gk_req_failed(r, rc, &err))
			return false;
		else if (rc == GK_OK)
			in->agency_id = a.id;
	}
	size_t n;
	const char *subject = gk_text_trimmed(param(r, "subject"), &n);
	in->subject = gk_arena_strndup(&r->arena, subject, n);
	in->question = gk_app_plain_lines(r, param(r, "question"));
	size_t nn, np, ne;
	const char *name = gk_text_trimmed(param(r, "name"), &nn);
	const char *phone = gk_text_trimmed(param(r, "phone"), &np);
	const char *email = gk_text_trimmed(param(r, "email"), &ne);
	name = gk_arena_strndup(&r->arena, name, nn);
	phone = gk_arena_strndup(&r->arena, phone, np);
	email = gk_arena_strndup(&r->arena, email, ne);
	copy_trimmed(in->asker.name, sizeof in->asker.name, param(r, "name"));
	copy_trimmed(in->asker.phone, sizeof in->asker.phone, param(r, "phone"));
	copy_trimmed(in->asker.email, sizeof in->asker.email, param(r, "email"));
	in->consent = *param(r, "consent") != '\0';
	gk_question_check(in, p);
	/* a value longer than the record holds was cut by the copy */
	struct {
		enum gk_question_field f;
		const char *v;
		size_t max;
	} full[] = {{GK_QFIELD_NAME, name, GK_QUESTION_NAME_MAX},
		    {GK_QFIELD_PHONE, phone, GK_QUESTION_PHONE_MAX},
		    {GK_QFIELD_EMAIL, email, GK_QUESTION_EMAIL_MAX}};
	for (size_t i = 0; i < sizeof full / sizeof full[0]; i++) {
		struct gk_error err = {0};
		if (full[i].v && gk_app_check_text(full[i].v, full[i].max, false, false,
						   gk_question_field_label(full[i].f), &err)) {
			char *m = p->message[full[i].f];
			if (!m[0])
				p->count++;
			snprintf(m, sizeof p->message[0], "%s", gk_error_text(&err));
		}
	}
	/* spaces only: say so, rather than that nothing was typed */
	static const enum gk_question_field trimmed[] = {GK_QFIELD_SUBJECT, GK_QFIELD_NAME};
	for (size_t i = 0; i < sizeof trimmed / sizeof trimmed[0]; i++) {
		const char *raw = param(r, gk_question_field_code(trimmed[i]));
		char *m = p->message[trimmed[i]];
		if (*raw && gk_text_blank(raw)) {
			if (!m[0])
				p->count++;
			snprintf(m, sizeof p->message[0], "“%s”不能只填空格，请填写内容",
				 gk_question_field_label(trimmed[i]));
		}
	}
	if (unknown) {
		char *m = p->message[GK_QFIELD_AGENCY];
		if (!m[0])
			p->count++;
		snprintf(m, sizeof p->message[0], "%s", "所选的“咨询机关”不存在，请重新选择");
	}
	return true;
}

void gk_page_consult_submit(struct gk_request *r)
{
	struct gk_error err = {0};
	struct gk_question_input in;
	struct gk_question_problems problems;
	if (!gk_auth_csrf_ok(r, gk_req_param(r, "csrf"))) {
		struct gk_question_problems none = {0};
		struct form f = {r, &none, NULL, false};
		form_page(&f, 403,
			  "页面已过期或不是从本网站提交的，咨询未提交。您填写的内容已保留，"
			  "请重新提交（未启用浏览器脚本时，请先回答下方新的验证问题）。");
		return;
	}
	if (!read_form(r, &in, &problems))
		return;
	const char *once = NULL;
	struct gk_error human = {0};
	enum gk_err hrc = gk_human_verify(r, gk_req_param(r, "pow"), gk_req_param(r, "pow_nonce"),
					  &once, &human);
	if (gk_req_failed(r, hrc, &human))
		return;
	bool by_question = hrc == GK_ENOTFOUND && answer_ok(r, gk_req_param(r, "answer"));
	bool answered = hrc == GK_OK || by_question;
	struct form f = {r, &problems, NULL, by_question};
	if (hrc == GK_EINVAL)
		f.answer_problem = gk_arena_strdup(&r->arena, gk_error_text(&human));
	else if (!answered)
		f.answer_problem = "验证问题的答案不正确，请重新计算后填写";
	if (problems.count || !answered) {
		form_page(&f, 400, NULL);
		return;
	}
	/* the limits of /apply's human check, counted apart */
	const char *agency = param(r, "agency");
	char key[128];
	if (by_question &&
	    gk_throttle_take(r, "consult-question", true, 3600, GK_NOSCRIPT_PER_ADDR,
			     "不使用浏览器脚本时，每个网络地址每小时最多提交3条咨询。请启用浏览器"
			     "脚本（JavaScript）后提交",
			     &err)) {
		form_page(&f, gk_err_http_status(GK_ETHROTTLED), gk_error_text(&err));
		return;
	}
	snprintf(key, sizeof key, "consult-agency:%.100s", agency);
	if (r->svc.intake_limit > 0 &&
	    gk_throttle_take(r, key, false, 60, (int64_t)r->svc.intake_limit * GK_AGENCY_PER_LIMIT,
			     "向该机关提交的咨询过多，请一分钟后再提交", &err)) {
		form_page(&f, gk_err_http_status(GK_ETHROTTLED), gk_error_text(&err));
		return;
	}
	struct gk_svc svc = r->svc;
	svc.actor = NULL; /* the public acts as nobody */
	struct gk_consultation c;
	enum gk_err rc = gk_svc_consultation_ask(&svc, &in, once, &c, &err);
	if (rc) {
		gk_consultation_release(&c);
		if (rc == GK_ETHROTTLED || rc == GK_ECONFLICT || rc == GK_EINVAL) {
			char message[600];
			snprintf(message, sizeof message, "%s。您填写的内容已保留。",
				 gk_error_text(&err));
			form_page(&f, gk_err_http_status(rc), message);
		} else if (!gk_req_failed(r, rc, &err)) {
			form_page(&f, gk_err_http_status(rc), gk_error_text(&err));
		}
		return;
	}
	struct gk_buf *b = &r->out;
	char shown[GK_TRACKING_CODE_LEN + 2];
	struct gk_page_public pp = {consult_trail, 1, NULL, NULL};
	gk_page_begin_public(r, 201, "咨询已提交", &pp);
	gk_page_notice(r, "ok", "您的咨询已提交。请记下咨询查询码，凭它查看答复。");
	gk_html_raw(b, "<div class=\"tracking\">\n<p>咨询查询码：<strong id=\"consult-code\">");
	gk_html_text(b, gk_tracking_code_display(c.code, shown));
	gk_html_raw(b, "</strong></p>\n</div>\n<dl class=\"meta\">\n");
	gk_page_meta_row(b, "咨询机关", c.agency_name);
	gk_page_meta_field(b, "received", "提交日期", gk_app_day(r, c.received));
	gk_page_meta_row(b, "同意公开答复", c.consent ? "是" : "否");
	gk_html_raw(b, "</dl>\n<p><a id=\"consult-track-link\" href=\"/consult/track/");
	gk_html_url_arg(b, c.code);
	gk_html_raw(b, "\">查看答复</a></p>\n");
	gk_consultation_release(&c);
	gk_page_end(r);
}

/* --- the landing page ---------------------------------------------------------------- */

void gk_page_consult_home(struct gk_request *r)
{
	struct gk_buf *b = &r->out;
	gk_page_begin(r, 200, "网上咨询");
	gk_html_raw(b, "<p>就政府信息公开工作向各机关提出咨询，工作人员将在网上答复。"
		       "需要获取政府信息的，请<a href=\"/apply\">提出政府信息公开申请</a>。</p>\n"
		       "<ul class=\"links\" id=\"consult-links\">\n"
		       "<li><a href=\"/consult/new\" id=\"consult-ask\">我要咨询</a></li>\n"
		       "<li><a href=\"/consult/answers\" id=\"consult-answers\">咨询答复</a>"
		       "（已公开的咨询和答复，可按机关浏览和搜索）</li>\n</ul>\n"
		       "<h2>查看我的咨询</h2>\n<form method=\"get\" action=\"/consult/track\" "
		       "class=\"inline\">\n<label for=\"c-code\">咨询查询码</label>\n"
		       "<input id=\"c-code\" name=\"code\" type=\"text\" maxlength=\"40\" "
		       "autocomplete=\"off\" spellcheck=\"false\" required>\n"
		       "<button type=\"submit\">查看</button>\n</form>\n");
	gk_page_end(r);
}

/* --- the asker's page ------------------------------------------------------------------- */

void gk_page_consult_track_form(struct gk_request *r)
{
	char code[GK_TRACKING_CODE_LEN + 1];
	const char *typed = gk_req_param(r, "code");
	if (typed && gk_tracking_code_normalize(typed, code)) {
		char *to = gk_arena_alloc(&r->arena, 64);
		if (!to) {
			gk_respond_error(r, GK_ENOMEM, NULL);
			return;
		}
		snprintf(to, 64, "/consult/track/%s", code);
		gk_respond_redirect(r, to);
		return;
	}
	if (typed && *typed) {
		gk_respond_error(r, GK_ENOTFOUND, "咨询查询码格式不正确，应为10位字母和数字");
		return;
	}
	gk_respond_redirect(r, "/consult");
}

void gk_page_consult_track(struct gk_request *r)
{
	struct gk_error err = {0};
	char code[GK_TRACKING_CODE_LEN + 1];
	if (gk_throttle_lookup(r, &err)) {
		gk_respond_error(r, err.code, gk_error_text(&err));
		return;
	}
	struct gk_consultation c;
	enum gk_err rc = GK_ENOTFOUND;
	if (gk_tracking_code_normalize(gk_req_path_arg(r, 0), code))
		rc = gk_store_consultation_by_code(r->store, code, false, &c, &err);
	if (rc == GK_ENOTFOUND) {
		gk_throttle_lookup_missed(r);
		gk_respond_error(r, GK_ENOTFOUND, "没有这个咨询查询码，请核对后重新输入");
		return;
	}
	if (gk_req_failed(r, rc, &err))
		return;
	struct gk_buf *b = &r->out;
	char shown[GK_TRACKING_CODE_LEN + 2];
	struct gk_page_public pp = {consult_trail, 1, NULL, NULL};
	gk_page_begin_public(r, 200, "我的咨询", &pp);
	gk_html_raw(b, "<dl class=\"meta\">\n");
	gk_page_meta_field(b, "consult-code", "咨询查询码",
			   gk_tracking_code_display(c.code, shown));
	gk_page_meta_row(b, "咨询机关", c.agency_name);
	gk_page_meta_field(b, "received", "提交日期", gk_app_day(r, c.received));
	gk_page_meta_field(b, "state", "状态", gk_question_state_label(c.state));
	gk_page_meta_row(b, "同意公开答复", c.consent ? "是" : "否");
	gk_page_meta_row(b, "答复日期", gk_app_day(r, c.answered));
	gk_html_raw(b, "</dl>\n<h2>咨询主题</h2>\n<p id=\"subject\">");
	gk_html_text(b, c.subject);
	gk_html_raw(b, "</p>\n<h2>咨询内容</h2>\n<p class=\"multiline\" id=\"question\">");
	gk_html_text(b, c.question);
	gk_html_raw(b, "</p>\n");
	if (c.state == GK_QUESTION_ANSWERED) {
		gk_html_raw(b, "<h2>答复</h2>\n<p class=\"multiline\" id=\"answer\">");
		gk_html_text(b, c.answer);
		gk_html_raw(b, "</p>\n");
		if (c.published) {
			gk_html_raw(
				b,
				"<p id=\"published\">这条咨询和答复已<a href=\"/consult/answers/");
			gk_html_int(b, c.id);
			gk_html_raw(b, "\">公开</a>（不含您的姓名和联系方式）。</p>\n");
		}
	} else if (c.state == GK_QUESTION_REJECTED) {
		gk_html_raw(b, "<h2>不予答复的理由</h2>\n<p class=\"multiline\" id=\"reason\">");
		gk_html_text(b, c.reason);
		gk_html_raw(b, "</p>\n");
	} else if (c.state == GK_QUESTION_CONVERTED) {
		gk_html_raw(b, "<p id=\"converted\">您的咨询属于政府信息公开申请，已按申请办理，"
			       "收到申请之日为您提交咨询之日。申请查询码：<a href=\"/track/");
		gk_html_url_arg(b, c.application_code);
		gk_html_raw(b, "\">");
		gk_html_text(b, gk_tracking_code_display(c.application_code, shown));
		gk_html_raw(b, "</a>。凭申请查询码可查询办理进度。</p>\n");
	} else {
		gk_html_raw(b, "<p id=\"waiting\">工作人员尚未答复，请稍后再来查看。</p>\n");
	}
	gk_consultation_release(&c);
	gk_page_end(r);
}

/* --- the published questions and answers -------------------------------------------- */

/* The public list's filter from the request: agency (a code), q, before.
 * GK_ENOTFOUND / GK_EINVAL with the Chinese reason. */
enum gk_err gk_consult_public_filter(struct gk_request *r, struct gk_question_filter *f,
				     struct gk_error *err)
{
	memset(f, 0, sizeof *f);
	f->published = true;
	f->state = -1;
	f->limit = ANSWERS_PER_PAGE;
	const char *agency = gk_req_param(r, "agency");
	if (agency && *agency) {
		struct gk_agency a;
		enum gk_err rc = gk_store_agency_by_code(r->store, agency, &a, err);
		if (rc == GK_ENOTFOUND)
			return gk_fail(err, GK_ENOTFOUND, "“机关”：没有代码为“%.40s”的机关",
				       agency);
		if (rc)
			return rc;
		f->agency_id = a.id;
	}
	size_t n;
	const char *q = gk_text_trimmed(gk_req_param(r, "q"), &n);
	if (q && n) {
		if (!gk_utf8_valid(q, n) || gk_utf8_count(q, n) > QUERY_MAX)
			return gk_fail(err, GK_EINVAL, "“搜索词”最多%d个字", QUERY_MAX);
		f->query = gk_arena_strndup(&r->arena, q, n);
	}
	f->before = gk_req_param_int(r, "before", 0);
	f->limit = (int)gk_req_param_int(r, "per_page", ANSWERS_PER_PAGE);
	return GK_OK;
}

struct answers {
	struct gk_request *r;
	int n;
	int64_t last;
};

static int answer_row(const struct gk_consultation *c, void *ctx)
{
	struct answers *a = ctx;
	struct gk_buf *b = &a->r->out;
	a->n++;
	a->last = c->id;
	gk_html_raw(b, "<li><a href=\"/consult/answers/");
	gk_html_int(b, c->id);
	gk_html_raw(b, "\">");
	gk_html_text(b, c->subject);
	gk_html_raw(b, "</a> <span class=\"meta\">");
	gk_html_text(b, c->agency_name);
	gk_html_raw(b, " · 答复于 ");
	gk_html_text(b, gk_app_day(a->r, c->answered));
	gk_html_raw(b, "</span></li>\n");
	return 0;
}

void gk_page_consult_answers(struct gk_request *r)
{
	struct gk_error err = {0};
	struct gk_question_filter f;
	enum gk_err rc = gk_consult_public_filter(r, &f, &err);
	if (rc) {
		gk_respond_error(r, rc, gk_error_text(&err));
		return;
	}
	struct gk_buf *b = &r->out;
	struct gk_page_public pp = {consult_trail, 1, NULL, NULL};
	gk_page_begin_public(r, 200, "咨询答复", &pp);
	gk_html_raw(b, "<form method=\"get\" action=\"/consult/answers\" class=\"inline\" "
		       "id=\"consult-search\">\n<label for=\"c-q\">搜索</label>\n"
		       "<input id=\"c-q\" name=\"q\" type=\"search\" maxlength=\"100\" value=\"");
	gk_html_attr(b, f.query ? f.query : "");
	gk_html_raw(b, "\">\n<label for=\"c-agency\">机关</label>\n<select id=\"c-agency\" "
		       "name=\"agency\">\n");
	gk_app_option(b, "", "全部机关", param(r, "agency"));
	struct gk_agency_list agencies;
	if (gk_req_failed(r, gk_store_agency_list(r->store, &agencies, &err), &err))
		return;
	for (size_t i = 0; i < agencies.count; i++)
		gk_app_option(b, agencies.items[i].code, agencies.items[i].name,
			      param(r, "agency"));
	gk_agency_list_release(&agencies);
	gk_html_raw(b, "</select>\n<button type=\"submit\">搜索</button>\n</form>\n"
		       "<ul class=\"results\" id=\"answers\">\n");
	struct answers a = {r, 0, 0};
	rc = gk_store_consultation_list(r->store, &f, answer_row, &a, &err);
	if (gk_req_failed(r, rc, &err))
		return;
	gk_html_raw(b, "</ul>\n");
	if (!a.n)
		gk_html_raw(b, "<p id=\"no-answers\">没有符合条件的咨询答复。</p>\n");
	if (a.n == f.limit) {
		gk_html_raw(b,
			    "<p><a id=\"next-page\" rel=\"next\" href=\"/consult/answers?before=");
		gk_html_int(b, a.last);
		if (f.query) {
			gk_html_raw(b, "&amp;q=");
			gk_html_url_arg(b, f.query);
		}
		if (*param(r, "agency")) {
			gk_html_raw(b, "&amp;agency=");
			gk_html_url_arg(b, param(r, "agency"));
		}
		gk_html_raw(b, "\">下一页</a></p>\n");
	}
	gk_page_end(r);
}

/* The published question {id} into C; false if answered (not found). */
bool gk_consult_published(struct gk_request *r, struct gk_consultation *c)
{
	struct gk_error err = {0};
	char *end;
	long long id = strtoll(gk_req_path_arg(r, 0), &end, 10);
	enum gk_err rc = GK_ENOTFOUND;
	if (!*end && id > 0)
		rc = gk_store_consultation_get(r->store, id, false, c, &err);
	if (rc == GK_OK && !c->published) {
		gk_consultation_release(c);
		rc = GK_ENOTFOUND;
	}
	if (rc == GK_ENOTFOUND) {
		gk_respond_error(r, GK_ENOTFOUND, "没有这条公开的咨询答复");
		return false;
	}
	if (rc) {
		gk_respond_error(r, rc, gk_error_text(&err));
		return false;
	}
	return true;
}

void gk_page_consult_answer(struct gk_request *r)
{
	struct gk_consultation c;
	if (!gk_consult_published(r, &c))
		return;
	struct gk_buf *b = &r->out;
	static const struct gk_crumb trail[] = {{"/consult", "网上咨询"},
						{"/consult/answers", "咨询答复"}};
	struct gk_page_public pp = {trail, 2, NULL, NULL};
	gk_page_begin_public(r, 200, c.subject, &pp);
	gk_html_raw(b, "<dl class=\"meta\">\n");
	gk_page_meta_row(b, "咨询机关", c.agency_name);
	gk_page_meta_field(b, "received", "咨询日期", gk_app_day(r, c.received));
	gk_page_meta_field(b, "answered", "答复日期", gk_app_day(r, c.answered));
	gk_html_raw(b, "</dl>\n<h2>咨询内容</h2>\n<p class=\"multiline\" id=\"question\">");
	gk_html_text(b, c.question);
	gk_html_raw(b, "</p>\n<h2>答复</h2>\n<p class=\"multiline\" id=\"answer\">");
	gk_html_text(b, c.answer);
	gk_html_raw(b, "</p>\n");
	gk_consultation_release(&c);
	gk_page_end(r);
}
