/* GET/POST /apply — the public online application form (网上申请), with
 * per-address and per-agency limits and a human check (web/public_form.h):
 * a proof of work the page's script solves, else an arithmetic question of
 * our own tied to the visitor's anonymous CSRF token. A refused form comes back filled in with
 * every problem beside its field and a summary linking to them; on success
 * a confirmation page with the tracking code and a QR code to the tracking
 * page. The checks are core/intake.c's; the limits the browser is given
 * come from the same place. */
#include <stdio.h>
#include <string.h>

#include "lib/html.h"
#include "store/store.h"
#include "web/applications.h"
#include "web/auth.h"
#include "web/forms.h"
#include "web/human_check.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/public_form.h"
#include "web/server.h"

/* The browser's check of a phone number: never stricter than
 * gk_phone_plausible (the server decides). Browsers compile it with the
 * "v" flag: "-" is escaped inside brackets only. */
#define PHONE_PATTERN                                                          \
	"(\\+86[ \\-]?)?1[3-9][0-9]{9}|(0[0-9]{2,3}[ \\-]?|\\(0[0-9]{2,3}\\)|" \
	"（0[0-9]{2,3}）)[0-9]{7,9}((-|转)[0-9]{1,6})?"

/* Whether a field must be filled in: the identity document of persons only. */
enum need { NEED_NO, NEED_YES, NEED_PERSON };

/* What the form shows: the problems found (none on a fresh form) and
 * the one of the human check. */
struct form {
	struct gk_request *r;
	const struct gk_intake_problems *p;
	const char *answer_problem; /* NULL if none */
	bool keep_answer;
	bool person; /* the applicant type chosen is a natural person */
};

/* Intake field FIELD as the form shows it: LABEL is our markup. */
static struct gk_pubform_field field(struct form *f, enum gk_intake_field field, const char *label,
				     enum need need, const char *hint)
{
	static const char *const marks[] = {NULL, "必填", "自然人必填"};
	return (struct gk_pubform_field){
		.name = gk_intake_field_code(field),
		.label = label,
		.mark = marks[need],
		.required = need == NEED_YES || (need == NEED_PERSON && f->person),
		.hint = hint,
		.problem = f->p->message[field],
	};
}

/* A one-line input for FIELD, keeping what was typed. EXTRA is our markup
 * (type, autocomplete, pattern). */
static void input(struct form *f, enum gk_intake_field fd, const char *label, enum need need,
		  const char *extra, const char *hint)
{
	struct gk_pubform_field pf = field(f, fd, label, need, hint);
	gk_pubform_input(&f->r->out, &pf, extra, gk_intake_field_max(fd),
			 gk_pubform_param(f->r, pf.name));
}

/* A <select> for FIELD: PLACEHOLDER first (value ""), then the options. */
static void select_open(struct form *f, enum gk_intake_field fd, const char *label, enum need need,
			const char *placeholder, const char *hint)
{
	struct gk_pubform_field pf = field(f, fd, label, need, hint);
	gk_pubform_select_open(&f->r->out, &pf, placeholder, gk_pubform_param(f->r, pf.name));
}

static const char *field_code(int field)
{
	return gk_intake_field_code((enum gk_intake_field)field);
}

static void form_page(struct form *f, int status, const char *message)
{
	struct gk_request *r = f->r;
	struct gk_buf *b = &r->out;
	gk_auth_anon_token(r); /* the question depends on the token */
	gk_buf_reset(b);
	gk_page_begin(r, status, "网上申请政府信息公开");
	if (message)
		gk_page_notice(r, "error", message);
	gk_pubform_error_summary(b, f->p->count, GK_FIELD_COUNT, f->p->message, field_code,
				 f->answer_problem);
	gk_html_raw(
		b,
		"<p>依据《中华人民共和国政府信息公开条例》第二十九条，请如实填写下列内容。"
		"提交后您将获得一个查询码，凭查询码可随时查询办理进度；凭查询码和您填写的手机号码"
		"或证件号码的后四位，可查看补正要求、办理过程和网上获取的答复。"
		"标有“必填”的项目必须填写。</p>\n"
		"<form method=\"post\" action=\"/apply\" class=\"stacked apply\" id=\"apply-form\">\n");
	gk_page_csrf_field(r);

	gk_html_raw(b, "<fieldset>\n<legend>受理机关</legend>\n");
	select_open(f, GK_FIELD_AGENCY, "向哪个机关申请", NEED_YES, "请选择受理机关", NULL);
	if (!gk_pubform_agency_options(r, gk_pubform_param(r, "agency")))
		return;
	gk_pubform_select_close(b);
	gk_html_raw(b, "</fieldset>\n<fieldset>\n<legend>申请人信息</legend>\n");

	const char *type = gk_req_param(r, "applicant_type");
	if (!type) /* a fresh form: most applicants are persons */
		type = gk_applicant_type_code(GK_APPLICANT_NATURAL_PERSON);
	/* always has a value: no placeholder, so not "required" (HTML) */
	select_open(f, GK_FIELD_APPLICANT_TYPE, "申请人类型 <span class=\"req\">（必填）</span>",
		    NEED_NO, NULL, NULL);
	for (int t = 0; t < GK_APPLICANT_COUNT; t++) {
		enum gk_applicant_type at = (enum gk_applicant_type)t;
		char label[96];
		snprintf(label, sizeof label, "%s（%s）", gk_applicant_type_label(at),
			 gk_applicant_type_info(at)->group);
		gk_app_option(b, gk_applicant_type_code(at),
			      at == GK_APPLICANT_NATURAL_PERSON ? "自然人（公民）" : label, type);
	}
	gk_pubform_select_close(b);
	/* the document is required of a person; apply.js follows the choice */
	f->person = strcmp(type, gk_applicant_type_code(GK_APPLICANT_NATURAL_PERSON)) == 0;
	input(f, GK_FIELD_NAME, "姓名或名称", NEED_YES, "type=\"text\" autocomplete=\"name\"",
	      NULL);
	select_open(f, GK_FIELD_ID_TYPE, "证件类型", NEED_PERSON, "请选择证件类型", NULL);
	for (int t = GK_ID_ANY + 1; t < GK_ID_COUNT; t++)
		gk_app_option(b, gk_id_type_code((enum gk_id_type)t),
			      gk_id_type_label((enum gk_id_type)t), gk_pubform_param(r, "id_type"));
	gk_pubform_select_close(b);
	input(f, GK_FIELD_ID_NUMBER, "证件号码", NEED_PERSON,
	      "type=\"text\" autocomplete=\"off\" spellcheck=\"false\"",
	      "居民身份证为18位，最后一位可以是X；法人或其他组织可填写统一社会信用代码。");
	input(f, GK_FIELD_PHONE, "联系电话", NEED_NO,
	      "type=\"tel\" autocomplete=\"tel\" pattern=\"" PHONE_PATTERN "\"",
	      "11位手机号码，或带区号的固定电话，如 0352-5189096。联系电话、电子邮箱、"
	      "通信地址至少填写一项。");
	input(f, GK_FIELD_EMAIL, "电子邮箱", NEED_NO, "type=\"email\" autocomplete=\"email\"",
	      "选择“电子邮件”方式获取信息的必填。");
	input(f, GK_FIELD_ADDRESS, "通信地址", NEED_NO,
	      "type=\"text\" autocomplete=\"street-address\"", "选择“邮寄”方式获取信息的必填。");
	gk_html_raw(b, "</fieldset>\n<fieldset>\n<legend>所需信息</legend>\n");

	struct gk_pubform_field description =
		field(f, GK_FIELD_DESCRIPTION, "所需政府信息的名称或内容描述", NEED_YES,
		      "请尽量写明文件名称、文号或便于查找的其他特征，最多2000字，可以分段。");
	gk_pubform_textarea(b, &description, gk_intake_field_max(GK_FIELD_DESCRIPTION),
			    gk_pubform_param(r, "description"));
	input(f, GK_FIELD_DOC_NO, "文号（如知道）", NEED_NO, "type=\"text\"", NULL);
	select_open(f, GK_FIELD_DELIVERY, "获取信息的方式", NEED_YES, "请选择获取方式", NULL);
	for (int d = 0; d < GK_DELIVERY_COUNT; d++)
		gk_app_option(b, gk_delivery_code((enum gk_delivery)d),
			      gk_delivery_label((enum gk_delivery)d),
			      gk_pubform_param(r, "delivery"));
	gk_pubform_select_close(b);
	select_open(f, GK_FIELD_MEDIUM, "信息的载体形式", NEED_NO, NULL, NULL);
	gk_app_option(b, "", "不限", gk_pubform_param(r, "medium"));
	gk_app_option(b, "paper", "纸质", gk_pubform_param(r, "medium"));
	gk_app_option(b, "electronic", "电子", gk_pubform_param(r, "medium"));
	gk_pubform_select_close(b);
	gk_html_raw(b, "</fieldset>\n");

	/* the human check (web/public_form.h): apply.js solves the proof of
	   work and hides the question; without script the question is asked */
	gk_pubform_human_check(r, "apply", f->answer_problem, f->keep_answer);
	gk_html_raw(b, "<button type=\"submit\">提交申请</button>\n");
	/* issue 15: what was typed as the application form to print and post
	   (page_forms.c); nothing is submitted or kept */
	gk_html_raw(b, "<div class=\"field\" id=\"apply-paper\">\n<p class=\"hint\">需要当面提交、"
		       "邮寄或传真纸质申请的，可以把上面填写的内容下载为已填好的"
		       "《政府信息公开申请表》，打印后签名提交（下载不会提交申请）。"
		       "也可以下载<a href=\"/forms\">空白申请表</a>。</p>\n");
	for (int k = 0; k < GK_APPFORM_FORMAT_COUNT; k++) {
		enum gk_appform_format fmt = (enum gk_appform_format)k;
		gk_html_raw(
			b, "<button type=\"submit\" class=\"secondary\" formaction=\"/apply/form\" "
			   "formnovalidate name=\"format\" value=\"");
		gk_html_raw(b, gk_appform_format_code(fmt));
		gk_html_raw(b, "\">下载已填写的申请表（");
		gk_html_raw(b, gk_appform_format_label(fmt));
		gk_html_raw(b, "）</button>\n");
	}
	gk_html_raw(b, "</div>\n</form>\n<script src=\"/static/apply.js\" defer></script>\n");
	gk_page_end(r);
}

void gk_page_apply_form(struct gk_request *r)
{
	struct gk_intake_problems none = {0};
	struct form f = {r, &none, NULL, false, true};
	form_page(&f, 200, NULL);
}

/* Sets the problem of FIELD to MESSAGE, replacing any. */
static void replace_problem(struct gk_intake_problems *p, enum gk_intake_field field,
			    const char *message)
{
	gk_pubform_replace_problem(&p->count, p->message[field], sizeof p->message[field], message);
}

/* Fills IN from the form and checks it into P. Returns false on a failure
 * of the server (already answered). */
static bool read_form(struct gk_request *r, struct gk_intake *in, struct gk_intake_problems *p)
{
	memset(in, 0, sizeof *in);
	in->kind = GK_INTAKE_ONLINE;
	in->facts.channel = GK_CHANNEL_ONLINE;
	in->facts.submitted = r->svc.today;
	in->facts.signed_for = in->facts.confirmed = GK_NO_DAY;
	in->id_type_required = true;
	bool unknown_agency;
	if (!gk_pubform_agency(r, gk_pubform_param(r, "agency"), &in->agency_id, &unknown_agency))
		return false;
	if (!gk_applicant_type_parse(gk_pubform_param(r, "applicant_type"), &in->applicant_type))
		in->applicant_type = GK_APPLICANT_COUNT;
	if (!gk_delivery_parse(gk_pubform_param(r, "delivery"), &in->delivery))
		in->delivery = GK_DELIVERY_COUNT;
	const char *id_type = gk_pubform_param(r, "id_type");
	if (!*id_type)
		in->id_type = GK_ID_ANY;
	else if (!gk_id_type_parse(id_type, &in->id_type) || in->id_type == GK_ID_ANY)
		in->id_type = GK_ID_COUNT;
	struct gk_applicant *a = &in->applicant;
	gk_pubform_copy_trimmed(a->name, sizeof a->name, gk_pubform_param(r, "name"));
	gk_pubform_copy_trimmed(a->id_number, sizeof a->id_number,
				gk_pubform_param(r, "id_number"));
	gk_pubform_copy_trimmed(a->phone, sizeof a->phone, gk_pubform_param(r, "phone"));
	gk_pubform_copy_trimmed(a->email, sizeof a->email, gk_pubform_param(r, "email"));
	gk_pubform_copy_trimmed(a->address, sizeof a->address, gk_pubform_param(r, "address"));
	in->description = gk_app_plain_lines(r, gk_pubform_param(r, "description"));
	size_t n;
	const char *doc_no = gk_text_trimmed(gk_pubform_param(r, "doc_no"), &n);
	in->doc_no = gk_arena_strndup(&r->arena, doc_no, n);
	in->medium = gk_pubform_param(r, "medium");
	gk_intake_check(in, p);
	/* a value longer than the record holds was cut by the copy: its
	   length is told from what was typed */
	static const enum gk_intake_field copied[] = {GK_FIELD_NAME, GK_FIELD_ID_NUMBER,
						      GK_FIELD_PHONE, GK_FIELD_EMAIL,
						      GK_FIELD_ADDRESS};
	for (size_t i = 0; i < sizeof copied / sizeof copied[0]; i++) {
		struct gk_error err = {0};
		const char *name = gk_intake_field_code(copied[i]);
		const char *typed = gk_text_trimmed(gk_pubform_param(r, name), &n);
		typed = gk_arena_strndup(&r->arena, typed, n);
		if (typed && gk_app_check_text(typed, gk_intake_field_max(copied[i]), false, false,
					       name, &err))
			replace_problem(p, copied[i], gk_error_text(&err));
	}
	/* spaces only: say so, rather than that nothing was typed */
	const char *name = gk_pubform_param(r, "name");
	if (*name && gk_text_blank(name)) {
		struct gk_error err = {0};
		if (gk_app_check_text(name, GK_INTAKE_NAME_MAX, true, false, "name", &err))
			replace_problem(p, GK_FIELD_NAME, gk_error_text(&err));
	}
	if (unknown_agency)
		replace_problem(p, GK_FIELD_AGENCY, "所选的受理机关不存在，请重新选择");
	return true;
}

void gk_page_apply_submit(struct gk_request *r)
{
	struct gk_error err = {0};
	struct gk_intake in;
	struct gk_intake_problems problems;
	/* the route leaves the token to us: a form that fails it comes back
	   filled in with a fresh token and question, nothing created */
	if (!gk_auth_csrf_ok(r, gk_req_param(r, "csrf"))) {
		struct gk_intake_problems none = {0};
		struct form f = {r, &none, NULL, false, true};
		form_page(&f, 403,
			  "页面已过期或不是从本网站提交的，申请未提交。您填写的内容已保留，"
			  "请重新提交（未启用浏览器脚本时，请先回答下方新的验证问题）。");
		return;
	}
	if (!read_form(r, &in, &problems))
		return;
	/* the proof of work (script), else the question (no script) */
	struct gk_pubform_human human;
	if (!gk_pubform_human_verify(r, "apply", &human))
		return;
	struct form f = {r, &problems, human.problem, human.by_question, true};
	if (problems.count || human.problem) {
		form_page(&f, 400, NULL);
		return;
	}
	/* limits per address and per agency (web/human_check.h) */
	const char *agency = gk_pubform_param(r, "agency");
	if ((human.by_question && gk_human_question_allowed(r, agency, &err)) ||
	    gk_human_agency_allowed(r, agency, &err)) {
		form_page(&f, gk_err_http_status(GK_ETHROTTLED), gk_error_text(&err));
		return;
	}
	/* the public acts as nobody, even from a browser with a staff session */
	struct gk_svc svc = r->svc;
	svc.actor = NULL;
	struct gk_application *app = gk_arena_alloc(&r->arena, sizeof *app);
	if (!app) {
		gk_respond_error(r, GK_ENOMEM, NULL);
		return;
	}
	enum gk_err rc = gk_svc_application_submit_once(&svc, &in, human.once, app, &err);
	if (rc == GK_ETHROTTLED || rc == GK_ECONFLICT) {
		char message[512];
		snprintf(message, sizeof message, "%s。您填写的内容已保留。", gk_error_text(&err));
		form_page(&f, gk_err_http_status(rc), message);
		return;
	}
	if (rc) {
		if (!gk_req_failed(r, rc, &err))
			form_page(&f, gk_err_http_status(rc), gk_error_text(&err));
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
		"答复期限自该日起计算，确认后以查询页面显示的日期为准。</p>\n"
		"<p id=\"secret-hint\">查看补正要求、办理过程和网上获取的答复时，除查询码外，"
		"还需输入您填写的手机号码（联系电话）或证件号码的后四位。</p>\n"
		"<p><a id=\"track-link\" href=\"/track/");
	gk_html_url_arg(b, app->tracking_code);
	gk_html_raw(b, "\">查看办理进度</a></p>\n");
	gk_page_end(r);
}

/* POST /apply/form — what was typed on the form as the application form
 * to print (issue 15): checked as an application is (core/intake.c), in
 * the version of its applicant type, as PDF or Word. Nothing is stored or
 * logged; a form with problems comes back with them, as /apply does. */
void gk_page_apply_document(struct gk_request *r)
{
	struct gk_intake in;
	struct gk_intake_problems problems;
	if (!gk_auth_csrf_ok(r, gk_req_param(r, "csrf"))) {
		struct gk_intake_problems none = {0};
		struct form f = {r, &none, NULL, false, true};
		form_page(&f, 403,
			  "页面已过期或不是从本网站提交的，申请表未生成。您填写的内容已保留，"
			  "请重新点击下载。");
		return;
	}
	if (!read_form(r, &in, &problems))
		return;
	struct form f = {r, &problems, NULL, false, true};
	if (problems.count) {
		form_page(&f, 400, "申请表未生成：请先按下列提示修改，再点击下载。");
		return;
	}
	struct gk_error err = {0};
	if (gk_forms_allowed(r, &err)) {
		form_page(&f, gk_err_http_status(err.code), gk_error_text(&err));
		return;
	}
	/* the agency was found by read_form (else a problem): named in the title */
	struct gk_agency a;
	enum gk_err rc = gk_store_agency_by_code(r->store, gk_pubform_param(r, "agency"), &a, &err);
	if (rc) {
		if (!gk_req_failed(r, rc, &err))
			form_page(&f, gk_err_http_status(rc), gk_error_text(&err));
		return;
	}
	enum gk_appform_format format;
	if (!gk_appform_format_parse(gk_pubform_param(r, "format"), &format))
		format = GK_APPFORM_PDF;
	struct gk_application_form doc = {gk_appform_kind_of(in.applicant_type), &a, &in};
	gk_forms_send(r, &doc, format, true);
}
