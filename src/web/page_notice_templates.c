/* /staff/notice-templates (issue 15): the city office's administrators
 * edit the text of each kind of notice — the list of kinds with their
 * default and current text, the edit form with the kind's placeholders and
 * a preview rendered here with sample values, saving (checked: an unknown
 * placeholder is refused by name and nothing is saved) and going back to
 * the default. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/html.h"
#include "service/notices.h"
#include "web/layout.h"
#include "web/pages.h"

static const char *when(struct gk_request *r, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char out[32];
	localtime_r(&tt, &tm);
	strftime(out, sizeof out, "%Y-%m-%d %H:%M", &tm);
	return gk_arena_strdup(&r->arena, out);
}

/* The kind the path names; false (404 answered) for none. */
static bool kind_of(struct gk_request *r, enum gk_notice_kind *kind)
{
	const char *code = gk_req_path_arg(r, 0);
	if (code && gk_notice_kind_parse(code, kind))
		return true;
	gk_respond_error(r, GK_ENOTFOUND, "没有这类通知");
	return false;
}

/* Answers a failure of a use case; true if there was one. */
static bool refused(struct gk_request *r, enum gk_err rc, const struct gk_error *err)
{
	if (!rc)
		return false;
	if (!gk_req_failed(r, rc, err))
		gk_respond_error(r, rc, gk_req_error(r, err));
	return true;
}

static void text_block(struct gk_buf *b, const char *cls, const char *subject, const char *body)
{
	gk_html_raw(b, "<div class=\"");
	gk_html_raw(b, cls);
	gk_html_raw(b, "\"><p><strong>");
	gk_html_text(b, subject);
	gk_html_raw(b, "</strong></p><pre class=\"request-text\">");
	gk_html_text(b, body);
	gk_html_raw(b, "</pre></div>");
}

void gk_page_notice_templates(struct gk_request *r)
{
	struct gk_notice_template *t = malloc(sizeof *t);
	if (!t) {
		struct gk_error e = {0};
		gk_req_failed(r, gk_fail(&e, GK_ENOMEM, "out of memory"), &e);
		return;
	}
	struct gk_buf *b = &r->out;
	gk_page_begin(r, 200, "通知模板");
	gk_html_raw(b, "<p>各类通知的标题和正文由模板生成，花括号中的占位符（如{code}）"
		       "在发送时替换为每件申请的内容。修改后的模板用于此后生成的通知；"
		       "可随时恢复默认模板。</p>\n"
		       "<table class=\"list\" id=\"notice-templates\">\n<thead><tr>"
		       "<th>通知</th><th>对象</th><th>模板</th><th>当前文本</th><th>默认文本</th>"
		       "<th></th></tr></thead>\n<tbody>\n");
	for (int k = 0; k < GK_NOTICE_COUNT; k++) {
		enum gk_notice_kind kind = (enum gk_notice_kind)k;
		bool edited = false;
		struct gk_error err = {0};
		if (refused(r, gk_svc_notice_template_get(&r->svc, kind, t, &edited, &err), &err)) {
			free(t);
			return;
		}
		gk_html_raw(b, "<tr class=\"notice-template\" data-kind=\"");
		gk_html_attr(b, gk_notice_kind_code(kind));
		gk_html_raw(b, edited ? "\" data-edited=\"1\"><th scope=\"row\">"
				      : "\" data-edited=\"0\"><th scope=\"row\">");
		gk_html_text(b, gk_notice_kind_label(kind));
		gk_html_raw(b, "</th><td>");
		gk_html_text(b, gk_notice_kind_staff(kind) ? "工作人员" : "申请人");
		gk_html_raw(b, "</td><td>");
		if (edited) {
			gk_html_text(b, "已修改（");
			gk_html_text(b, when(r, t->updated_at));
			gk_html_text(b, "）");
		} else {
			gk_html_text(b, "默认");
		}
		gk_html_raw(b, "</td><td>");
		text_block(b, "template-current", t->subject, t->body);
		gk_html_raw(b, "</td><td>");
		if (edited)
			text_block(b, "template-default", gk_notice_subject_template(kind),
				   gk_notice_body_template(kind));
		else
			gk_html_text(b, "（同当前文本）");
		gk_html_raw(b, "</td><td><a href=\"/staff/notice-templates/");
		gk_html_url_arg(b, gk_notice_kind_code(kind));
		gk_html_raw(b, "\">修改</a></td></tr>\n");
	}
	gk_html_raw(b, "</tbody>\n</table>\n");
	free(t);
	gk_page_end(r);
}

/* The edit page of KIND with SUBJECT and BODY in the form; MESSAGE (of
 * MSG_KIND) above it; PREVIEW: render them with the sample values. */
static void edit_page(struct gk_request *r, int status, enum gk_notice_kind kind, bool edited,
		      const char *subject, const char *body, const char *msg_kind,
		      const char *message, bool preview)
{
	struct gk_buf *b = &r->out;
	gk_buf_reset(b);
	char title[160];
	snprintf(title, sizeof title, "通知模板：%s", gk_notice_kind_label(kind));
	gk_page_begin(r, status, title);
	if (message)
		gk_page_notice(r, msg_kind, message);
	const char *code = gk_notice_kind_code(kind);
	gk_html_raw(b, "<p><a href=\"/staff/notice-templates\">全部通知模板</a>　当前使用：");
	gk_html_text(b, edited ? "修改后的模板" : "默认模板");
	gk_html_raw(b, "</p>\n");
	if (preview) {
		struct gk_buf ps, pb, warn;
		gk_buf_init(&ps, GK_NOTICE_SUBJECT_MAX * 4);
		gk_buf_init(&pb, GK_NOTICE_BODY_MAX * 4);
		gk_buf_init(&warn, 1024);
		struct gk_error err = {0};
		enum gk_err rc = gk_notice_template_check(kind, subject, body, &warn, &err);
		if (!rc)
			rc = gk_notice_preview(kind, subject, body, &ps, &pb, &err);
		gk_html_raw(b, "<section id=\"template-preview\"><h2>预览（示例值）</h2>\n");
		if (rc) {
			gk_page_notice(r, "error", gk_req_error(r, &err));
		} else {
			text_block(b, "preview", ps.data, pb.data);
			if (warn.len)
				gk_page_notice(r, "info", warn.data);
		}
		gk_html_raw(b, "<p>预览未保存，确认无误后请点击“保存”。</p></section>\n");
		gk_buf_release(&ps);
		gk_buf_release(&pb);
		gk_buf_release(&warn);
	}
	gk_html_raw(b, "<form method=\"post\" class=\"stacked\" id=\"template-form\" "
		       "action=\"/staff/notice-templates/");
	gk_html_url_arg(b, code);
	gk_html_raw(b, "\">\n");
	gk_page_csrf_field(r);
	gk_html_raw(b, "<label for=\"t-subject\">标题</label><input id=\"t-subject\" "
		       "name=\"subject\" maxlength=\"60\" value=\"");
	gk_html_attr(b, subject);
	gk_html_raw(b, "\">\n<label for=\"t-body\">正文</label><textarea id=\"t-body\" "
		       "name=\"body\" rows=\"10\" maxlength=\"2000\">");
	gk_html_text(b, body);
	gk_html_raw(b,
		    "</textarea>\n<p><button type=\"submit\" name=\"op\" value=\"preview\">"
		    "预览</button> <button type=\"submit\" name=\"op\" value=\"save\">保存</button>"
		    "</p>\n</form>\n");
	gk_html_raw(b, "<h2>可用的占位符</h2>\n<table class=\"list\" id=\"placeholders\">\n"
		       "<thead><tr><th>占位符</th><th>含义</th><th>示例值</th></tr></thead>\n"
		       "<tbody>\n");
	size_t n;
	const struct gk_notice_placeholder *ph = gk_notice_placeholders(kind, &n);
	for (size_t i = 0; i < n; i++) {
		gk_html_raw(b, "<tr><td><code>{");
		gk_html_text(b, ph[i].name);
		gk_html_raw(b, "}</code></td><td>");
		gk_html_text(b, ph[i].label);
		gk_html_raw(b, "</td><td>");
		gk_html_text(b, ph[i].sample);
		gk_html_raw(b, "</td></tr>\n");
	}
	gk_html_raw(b, "</tbody>\n</table>\n<h2>默认模板</h2>\n");
	text_block(b, "template-default", gk_notice_subject_template(kind),
		   gk_notice_body_template(kind));
	if (edited) {
		gk_html_raw(b, "<form method=\"post\" id=\"template-reset\" "
			       "action=\"/staff/notice-templates/");
		gk_html_url_arg(b, code);
		gk_html_raw(b, "/reset\">");
		gk_page_csrf_field(r);
		gk_html_raw(b, "<button type=\"submit\">恢复默认模板</button></form>\n");
	}
	gk_page_end(r);
}

/* Loads KIND's current templates; false when answered (refused). */
static bool current(struct gk_request *r, enum gk_notice_kind kind, struct gk_notice_template *t,
		    bool *edited)
{
	struct gk_error err = {0};
	return !refused(r, gk_svc_notice_template_get(&r->svc, kind, t, edited, &err), &err);
}

void gk_page_notice_template(struct gk_request *r)
{
	enum gk_notice_kind kind;
	if (!kind_of(r, &kind))
		return;
	struct gk_notice_template *t = malloc(sizeof *t);
	bool edited = false;
	if (!t) {
		struct gk_error e = {0};
		gk_req_failed(r, gk_fail(&e, GK_ENOMEM, "out of memory"), &e);
		return;
	}
	if (current(r, kind, t, &edited))
		edit_page(r, 200, kind, edited, t->subject, t->body, NULL, NULL, false);
	free(t);
}

void gk_page_notice_template_save(struct gk_request *r)
{
	enum gk_notice_kind kind;
	if (!kind_of(r, &kind))
		return;
	struct gk_notice_template *t = malloc(sizeof *t);
	bool edited = false;
	if (!t) {
		struct gk_error e = {0};
		gk_req_failed(r, gk_fail(&e, GK_ENOMEM, "out of memory"), &e);
		return;
	}
	if (!current(r, kind, t, &edited)) {
		free(t);
		return;
	}
	const char *subject = gk_req_param(r, "subject");
	const char *body = gk_req_param(r, "body");
	const char *op = gk_req_param(r, "op");
	subject = subject ? subject : "";
	body = body ? body : "";
	if (op && strcmp(op, "preview") == 0) {
		edit_page(r, 200, kind, edited, subject, body, NULL, NULL, true);
		free(t);
		return;
	}
	struct gk_error err = {0};
	enum gk_err rc = gk_svc_notice_template_save(&r->svc, kind, subject, body, &err);
	if (gk_req_failed(r, rc, &err)) {
		free(t);
		return;
	}
	if (rc == GK_EFORBIDDEN || rc == GK_EUNAUTH || rc == GK_ENOTFOUND)
		gk_respond_error(r, rc, gk_req_error(r, &err));
	else if (rc)
		edit_page(r, gk_err_http_status(rc), kind, edited, subject, body, "error",
			  gk_req_error(r, &err), false);
	else
		edit_page(r, 200, kind, true, subject, body, "ok",
			  "模板已保存，此后生成的通知将使用新模板。", true);
	free(t);
}

void gk_page_notice_template_reset(struct gk_request *r)
{
	enum gk_notice_kind kind;
	if (!kind_of(r, &kind))
		return;
	struct gk_error err = {0};
	if (refused(r, gk_svc_notice_template_reset(&r->svc, kind, &err), &err))
		return;
	edit_page(r, 200, kind, false, gk_notice_subject_template(kind),
		  gk_notice_body_template(kind), "ok", "已恢复默认模板。", false);
}
