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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
#include "web/public_form.h"
#include "web/server.h"
#include "web/throttle.h"

#define ANSWERS_PER_PAGE 20
/* Searches longer than this are refused in Chinese (a LIKE of the
 * published questions: docs/consultation.md). */
#define QUERY_MAX 100

static const struct gk_crumb consult_trail[] = {{"/consult", "网上咨询"}};

/* --- the form --------------------------------------------------------------------------- */

struct form {
	struct gk_request *r;
	const struct gk_question_problems *p;
	const char *answer_problem;
	bool keep_answer;
};

static struct gk_pubform_field field(struct form *f, enum gk_question_field field, bool required,
				     const char *hint)
{
	return (struct gk_pubform_field){
		.name = gk_question_field_code(field),
		.label = gk_question_field_label(field),
		.mark = required ? "必填" : NULL,
		.required = required,
		.hint = hint,
		.problem = f->p->message[field],
	};
}

static void input(struct form *f, enum gk_question_field fd, bool required, const char *extra,
		  int max, const char *hint)
{
	struct gk_pubform_field pf = field(f, fd, required, hint);
	gk_pubform_input(&f->r->out, &pf, extra, (size_t)max, gk_pubform_param(f->r, pf.name));
}

static const char *field_code(int field)
{
	return gk_question_field_code((enum gk_question_field)field);
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
	gk_pubform_error_summary(b, f->p->count, GK_QFIELD_COUNT, f->p->message, field_code,
				 f->answer_problem);
	gk_html_raw(b, "<p>您可以就政府信息公开工作向各机关提出咨询。工作人员答复后，凭提交后"
		       "获得的咨询查询码查看答复。您同意公开的，答复可能在“咨询答复”栏目中公开，"
		       "公开时不显示您的姓名和联系方式。如需获取政府信息，请"
		       "<a href=\"/apply\">提出政府信息公开申请</a>。</p>\n"
		       "<form method=\"post\" action=\"/consult/new\" class=\"stacked apply\" "
		       "id=\"apply-form\">\n");
	gk_page_csrf_field(r);
	gk_html_raw(b, "<fieldset>\n<legend>咨询内容</legend>\n");
	struct gk_pubform_field agency = field(f, GK_QFIELD_AGENCY, true, NULL);
	gk_pubform_select_open(b, &agency, "请选择咨询机关", gk_pubform_param(r, "agency"));
	if (!gk_pubform_agency_options(r, gk_pubform_param(r, "agency")))
		return;
	gk_pubform_select_close(b);
	input(f, GK_QFIELD_SUBJECT, true, "type=\"text\"", GK_QUESTION_SUBJECT_MAX, NULL);
	struct gk_pubform_field question =
		field(f, GK_QFIELD_QUESTION, true, "最多2000字，可以分段。");
	gk_pubform_textarea(b, &question, GK_QUESTION_TEXT_MAX, gk_pubform_param(r, "question"));
	gk_html_raw(b, "</fieldset>\n<fieldset>\n<legend>联系方式（不公开）"
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
	if (*gk_pubform_param(r, "consent"))
		gk_html_raw(b, " checked");
	gk_html_raw(b, "> 同意公开答复（公开咨询内容和答复，不公开您的姓名和联系方式）</label>\n"
		       "</div>\n");

	/* the human check, as on /apply (web/public_form.h; apply.js solves it) */
	gk_pubform_human_check(r, "consult", f->answer_problem, f->keep_answer);
	gk_html_raw(b, "<button type=\"submit\">提交咨询</button>\n</form>\n"
		       "<script src=\"/static/apply.js\" defer></script>\n");
	gk_page_end(r);
}

void gk_page_consult_form(struct gk_request *r)
{
	struct gk_question_problems none = {0};
	struct form f = {r, &none, NULL, false};
	form_page(&f, 200, NULL);
}

/* Sets the problem of FIELD to MESSAGE, replacing any. */
static void replace_problem(struct gk_question_problems *p, enum gk_question_field field,
			    const char *message)
{
	gk_pubform_replace_problem(&p->count, p->message[field], sizeof p->message[field], message);
}

/* Fills IN from the form and checks it into P; false on a failure of the
 * server (answered). */
static bool read_form(struct gk_request *r, struct gk_question_input *in,
		      struct gk_question_problems *p)
{
	memset(in, 0, sizeof *in);
	bool unknown;
	if (!gk_pubform_agency(r, gk_pubform_param(r, "agency"), &in->agency_id, &unknown))
		return false;
	size_t n;
	const char *subject = gk_text_trimmed(gk_pubform_param(r, "subject"), &n);
	in->subject = gk_arena_strndup(&r->arena, subject, n);
	in->question = gk_app_plain_lines(r, gk_pubform_param(r, "question"));
	size_t nn, np, ne;
	const char *name = gk_text_trimmed(gk_pubform_param(r, "name"), &nn);
	const char *phone = gk_text_trimmed(gk_pubform_param(r, "phone"), &np);
	const char *email = gk_text_trimmed(gk_pubform_param(r, "email"), &ne);
	name = gk_arena_strndup(&r->arena, name, nn);
	phone = gk_arena_strndup(&r->arena, phone, np);
	email = gk_arena_strndup(&r->arena, email, ne);
	gk_pubform_copy_trimmed(in->asker.name, sizeof in->asker.name, gk_pubform_param(r, "name"));
	gk_pubform_copy_trimmed(in->asker.phone, sizeof in->asker.phone,
				gk_pubform_param(r, "phone"));
	gk_pubform_copy_trimmed(in->asker.email, sizeof in->asker.email,
				gk_pubform_param(r, "email"));
	in->consent = *gk_pubform_param(r, "consent") != '\0';
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
						   gk_question_field_label(full[i].f), &err))
			replace_problem(p, full[i].f, gk_error_text(&err));
	}
	/* spaces only: say so, rather than that nothing was typed */
	static const enum gk_question_field trimmed[] = {GK_QFIELD_SUBJECT, GK_QFIELD_NAME};
	for (size_t i = 0; i < sizeof trimmed / sizeof trimmed[0]; i++) {
		const char *raw = gk_pubform_param(r, gk_question_field_code(trimmed[i]));
		if (*raw && gk_text_blank(raw)) {
			char m[GK_PUBFORM_MESSAGE_SIZE];
			snprintf(m, sizeof m, "“%s”不能只填空格，请填写内容",
				 gk_question_field_label(trimmed[i]));
			replace_problem(p, trimmed[i], m);
		}
	}
	if (unknown)
		replace_problem(p, GK_QFIELD_AGENCY, "所选的“咨询机关”不存在，请重新选择");
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
	struct gk_pubform_human human;
	if (!gk_pubform_human_verify(r, "consult", &human))
		return;
	struct form f = {r, &problems, human.problem, human.by_question};
	if (problems.count || human.problem) {
		form_page(&f, 400, NULL);
		return;
	}
	/* the limits of /apply's human check, counted apart */
	const char *agency = gk_pubform_param(r, "agency");
	char key[128];
	if (human.by_question &&
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
	enum gk_err rc = gk_svc_consultation_ask(&svc, &in, human.once, &c, &err);
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
	gk_app_option(b, "", "全部机关", gk_pubform_param(r, "agency"));
	if (!gk_pubform_agency_options(r, gk_pubform_param(r, "agency")))
		return;
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
		if (*gk_pubform_param(r, "agency")) {
			gk_html_raw(b, "&amp;agency=");
			gk_html_url_arg(b, gk_pubform_param(r, "agency"));
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
