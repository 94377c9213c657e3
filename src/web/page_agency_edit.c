/* GET/POST /staff/agencies/{code} — an administrator edits the disclosure
 * office contact of an agency within their scope. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "lib/html.h"
#include "service/agencies.h"
#include "store/store.h"
#include "web/layout.h"
#include "web/messages.h"
#include "web/pages.h"

static const struct {
	const char *param, *label;
	size_t offset, size;
} fields[] = {
// clang-format off
#define FIELD(name, label) {#name, label, offsetof(struct gk_agency, name), sizeof(((struct gk_agency *)0)->name)}
	// clang-format on
	FIELD(name, "机构名称"),
	FIELD(address, "地址"),
	FIELD(postcode, "邮编"),
	FIELD(phone, "电话"),
	FIELD(fax, "传真"),
	FIELD(email, "电子邮箱"),
	FIELD(office_hours, "办公时间"),
	FIELD(website, "网站"),
#undef FIELD
};

static void form_page(struct gk_request *r, const struct gk_agency *a, int status, const char *kind,
		      const char *message)
{
	struct gk_buf *b = &r->out;
	gk_buf_reset(b);
	gk_page_begin(r, status, "编辑机构联系方式");
	if (message)
		gk_page_notice(r, kind, message);
	gk_html_raw(
		b,
		"<form method=\"post\" class=\"stacked\" id=\"agency-edit\" action=\"/staff/agencies/");
	gk_html_url_arg(b, a->code);
	gk_html_raw(b, "\">\n");
	gk_page_csrf_field(r);
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		gk_html_raw(b, "<label for=\"f-");
		gk_html_raw(b, fields[i].param);
		gk_html_raw(b, "\">");
		gk_html_raw(b, fields[i].label);
		gk_html_raw(b, "</label><input id=\"f-");
		gk_html_raw(b, fields[i].param);
		gk_html_raw(b, "\" name=\"");
		gk_html_raw(b, fields[i].param);
		gk_html_raw(b, "\" value=\"");
		gk_html_attr(b, (const char *)a + fields[i].offset);
		gk_html_raw(b, "\">\n");
	}
	gk_html_raw(b, "<button type=\"submit\">保存</button>\n</form>\n");
	gk_page_end(r);
}

/* Loads the agency named in the path if the user may act in it. */
static bool load(struct gk_request *r, struct gk_agency *a)
{
	struct gk_error err = {0};
	if (gk_store_agency_by_code(r->store, gk_req_path_arg(r, 0), a, &err)) {
		gk_respond_error(r, err.code, gk_error_text(&err));
		return false;
	}
	if (!gk_svc_in_scope(&r->svc, a->id)) {
		gk_respond_error(r, GK_EFORBIDDEN, "这个机关不在您的管辖范围内");
		return false;
	}
	return true;
}

void gk_page_agency_edit(struct gk_request *r)
{
	struct gk_agency a;
	if (load(r, &a))
		form_page(r, &a, 200, NULL, NULL);
}

void gk_page_agency_save(struct gk_request *r)
{
	struct gk_agency a, before;
	struct gk_error err = {0};
	enum gk_err rc = GK_OK;
	if (!load(r, &a))
		return;
	before = a;
	for (size_t i = 0; i < sizeof fields / sizeof fields[0] && !rc; i++) {
		const char *v = gk_req_param(r, fields[i].param);
		rc = gk_field_set((char *)&a + fields[i].offset, fields[i].size, v ? v : "",
				  gk_field_label(fields[i].param), &err);
	}
	/* the audit log names the fields that changed */
	char changed[256] = "";
	size_t used = 0;
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		if (strcmp((const char *)&a + fields[i].offset,
			   (const char *)&before + fields[i].offset) == 0)
			continue;
		int n = snprintf(changed + used, sizeof changed - used, "%s%s", used ? "," : "",
				 fields[i].param);
		if (n > 0 && (size_t)n < sizeof changed - used)
			used += (size_t)n;
	}
	if (!rc)
		rc = gk_svc_agency_update(&r->svc, &a, changed, &err);
	if (rc) {
		form_page(r, &a, gk_err_http_status(rc), "error", gk_req_error(r, &err));
		return;
	}
	form_page(r, &a, 200, "ok", "已保存。");
}
