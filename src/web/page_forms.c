/* GET /forms — the forms to download (表格下载): the application form for
 * disclosure (政府信息公开申请表), for natural persons and for
 * organisations, per agency; GET /forms/application-KIND.FORMAT?agency=CODE
 * (four routes) — one of them, blank, the agency named in its title (output/application_form.h).
 * The online form answers the same document filled in (page_apply.c). */
#include <stdio.h>
#include <string.h>

#include "lib/html.h"
#include "store/store.h"
#include "web/attachments.h"
#include "web/forms.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/throttle.h"

enum gk_err gk_forms_allowed(struct gk_request *r, struct gk_error *err)
{
	return gk_throttle_take(r, "forms", true, GK_FORMS_WINDOW, GK_FORMS_PER_ADDR,
				"下载表格过于频繁，请十分钟后再试", err);
}

void gk_forms_send(struct gk_request *r, const struct gk_application_form *f,
		   enum gk_appform_format format, bool filled)
{
	struct gk_error err = {0};
	gk_buf_reset(&r->out);
	enum gk_err rc = format == GK_APPFORM_PDF ? gk_appform_pdf(f, &r->out, &err)
						  : gk_appform_docx(f, &r->out, &err);
	if (gk_req_failed(r, rc, &err))
		return;
	char name[512];
	snprintf(name, sizeof name, "%s政府信息公开申请表（%s）%s.%s",
		 f->agency ? f->agency->name : "", gk_appform_kind_label(f->kind),
		 filled ? "（已填写）" : "", gk_appform_format_code(format));
	r->status = 200;
	r->response_type =
		format == GK_APPFORM_PDF
			? "application/pdf"
			: "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
	gk_req_header(r, "Content-Disposition", gk_web_disposition(r, "attachment", name));
	/* an applicant's own data is kept by no cache on the way (staff's
	   answers are no-store already: server.c) */
	if (!r->logged_in)
		gk_req_header(r, "Cache-Control", filled ? "no-store" : "public, max-age=300");
}

/* "application-person.pdf" into *KIND and *FORMAT; false if it is none of them. */
static bool parse_name(const char *name, enum gk_appform_kind *kind, enum gk_appform_format *format)
{
	static const char prefix[] = "application-";
	if (!name || strncmp(name, prefix, sizeof prefix - 1) != 0)
		return false;
	name += sizeof prefix - 1;
	const char *dot = strchr(name, '.');
	char code[32];
	if (!dot || (size_t)(dot - name) >= sizeof code)
		return false;
	memcpy(code, name, (size_t)(dot - name));
	code[dot - name] = '\0';
	/* codes only: a label ("公民", "PDF") is no file name */
	for (int k = 0; k < GK_APPFORM_COUNT; k++)
		for (int f = 0; f < GK_APPFORM_FORMAT_COUNT; f++)
			if (!strcmp(code, gk_appform_kind_codes[k]) &&
			    !strcmp(dot + 1, gk_appform_format_codes[f])) {
				*kind = (enum gk_appform_kind)k;
				*format = (enum gk_appform_format)f;
				return true;
			}
	return false;
}

void gk_page_form_file(struct gk_request *r)
{
	enum gk_appform_kind kind;
	enum gk_appform_format format;
	/* the route table names the four files; the name says which */
	const char *slash = r->path ? strrchr(r->path, '/') : NULL;
	if (!slash || !parse_name(slash + 1, &kind, &format)) {
		gk_respond_error(r, GK_ENOTFOUND,
				 "没有这个表格。可下载的表格见“表格下载”页面（/forms）");
		return;
	}
	struct gk_error err = {0};
	struct gk_agency a;
	const char *code = gk_req_param(r, "agency");
	if (code && *code) {
		enum gk_err rc = gk_store_agency_by_code(r->store, code, &a, &err);
		if (rc == GK_ENOTFOUND) {
			char msg[160];
			snprintf(msg, sizeof msg,
				 "没有代码为“%s”的机关，请在“表格下载”页面选择机关", code);
			gk_respond_error(r, GK_ENOTFOUND, msg);
			return;
		}
		if (rc) {
			if (!gk_req_failed(r, rc, &err))
				gk_respond_error(r, rc, gk_error_text(&err));
			return;
		}
	}
	if (gk_forms_allowed(r, &err)) {
		gk_respond_error(r, err.code, gk_error_text(&err));
		return;
	}
	struct gk_application_form f = {kind, code && *code ? &a : NULL, NULL};
	gk_forms_send(r, &f, format, false);
}

/* The four links of AGENCY_CODE's forms ("" for the forms naming none):
 * nofollow, since each is drawn on request and is no page for a crawler. */
static void links(struct gk_buf *b, const char *agency_code, const char *agency_name)
{
	for (int k = 0; k < GK_APPFORM_COUNT; k++) {
		gk_html_raw(b, "<td>");
		for (int f = 0; f < GK_APPFORM_FORMAT_COUNT; f++) {
			if (f)
				gk_html_raw(b, " · ");
			gk_html_raw(b, "<a href=\"/forms/application-");
			gk_html_raw(b, gk_appform_kind_codes[k]);
			gk_html_raw(b, ".");
			gk_html_raw(b, gk_appform_format_codes[f]);
			if (*agency_code) {
				gk_html_raw(b, "?agency=");
				gk_html_url_arg(b, agency_code);
			}
			/* "PDF" alone, said many times, names nothing: the row
			   and column are told to screen readers */
			gk_html_raw(
				b, "\" rel=\"nofollow\" download><span class=\"visually-hidden\">");
			gk_html_text(b, agency_name);
			gk_html_raw(b, "申请表（");
			gk_html_raw(b, gk_appform_kind_label((enum gk_appform_kind)k));
			gk_html_raw(b, "）</span>");
			gk_html_raw(b, gk_appform_format_label((enum gk_appform_format)f));
			gk_html_raw(b, "</a>");
		}
		gk_html_raw(b, "</td>");
	}
}

void gk_page_forms(struct gk_request *r)
{
	struct gk_buf *b = &r->out;
	struct gk_agency_list list;
	struct gk_error err = {0};
	if (gk_req_failed(r, gk_store_agency_list(r->store, &list, &err), &err))
		return;
	gk_page_begin(r, 200, "表格下载");
	gk_html_raw(
		b,
		"<p>依据《中华人民共和国政府信息公开条例》第二十九条，申请获取政府信息的，应当向行政机关的"
		"政府信息公开工作机构提出，采用包括信件、数据电文在内的书面形式；书面形式确有困难的，"
		"可以口头提出，由受理机构代为填写申请。</p>\n"
		"<p>可以<a href=\"/apply\">在线申请</a>；需要当面提交、邮寄或传真的，请下载填写下列"
		"《政府信息公开申请表》。公民（自然人）使用公民版，法人或者其他组织使用法人或者其他组织版。"
		"在线申请页面填写的内容也可以直接下载为已填好的申请表，打印签名后邮寄。</p>\n"
		"<p>PDF 文件内嵌中文字体，可直接打印；Word 文件可在电脑上填写。</p>\n"
		"<table class=\"list\" id=\"forms\">\n<thead><tr><th>受理机关</th>");
	for (int k = 0; k < GK_APPFORM_COUNT; k++) {
		gk_html_raw(b, "<th>申请表（");
		gk_html_raw(b, gk_appform_kind_label((enum gk_appform_kind)k));
		gk_html_raw(b, "）</th>");
	}
	gk_html_raw(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < list.count; i++) {
		const struct gk_agency *a = &list.items[i];
		gk_html_raw(b, "<tr><td class=\"tree-");
		gk_html_int(b, a->depth > 3 ? 3 : a->depth);
		gk_html_raw(b, "\"><a href=\"/agencies/");
		gk_html_url_arg(b, a->code);
		gk_html_raw(b, "/guide\">");
		gk_html_text(b, a->name);
		gk_html_raw(b, "</a></td>");
		links(b, a->code, a->name);
		gk_html_raw(b, "</tr>\n");
	}
	gk_html_raw(b, "<tr><td>通用（不注明受理机关）</td>");
	links(b, "", "通用");
	gk_html_raw(b, "</tr>\n</tbody>\n</table>\n");
	gk_agency_list_release(&list);
	gk_page_end(r);
}
