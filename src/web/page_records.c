/* /staff/disputes, /staff/complaints, /staff/responses — the records the
 * yearly report counts beyond items and applications (service/records.h):
 * a list by year and agency, a form to add one, a form to correct one (or
 * delete one entered by mistake), and /staff/records, the 年报数据 page
 * leading to them and to the year figures (page_records_figures.c).
 *
 * The form's fields come from the kind's field table; a refused save shows
 * the form again with what was typed and the reason, naming the field. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/application.h"
#include "lib/date.h"
#include "lib/html.h"
#include "service/records.h"
#include "store/store.h"
#include "web/layout.h"
#include "web/page_records.h"
#include "web/pages.h"

#define PER_PAGE 50

/* --- helpers shared with page_records_figures.c ------------------------------------ */

void gk_page_records_time(struct gk_buf *b, int64_t at)
{
	char text[32] = "";
	time_t t = (time_t)at;
	struct tm tm;
	if (at > 0 && localtime_r(&t, &tm))
		strftime(text, sizeof text, "%Y-%m-%d %H:%M", &tm);
	gk_html_text(b, text);
}

void gk_page_records_agency_options(struct gk_request *r, const char *selected, bool any)
{
	struct gk_buf *b = &r->out;
	struct gk_agency_list list = {0};
	struct gk_error err = {0};
	if (any)
		gk_html_raw(b, "<option value=\"\">全部机构</option>\n");
	if (gk_req_failed(r, gk_store_agency_list(r->store, &list, &err), &err))
		return;
	for (size_t i = 0; i < list.count; i++) {
		const struct gk_agency *a = &list.items[i];
		if (!r->user.city_wide && !gk_svc_in_scope(&r->svc, a->id))
			continue;
		gk_html_raw(b, "<option value=\"");
		gk_html_attr(b, a->code);
		gk_html_raw(b, selected && strcmp(selected, a->code) == 0 ? "\" selected>" : "\">");
		gk_html_text(b, a->name);
		gk_html_raw(b, "</option>\n");
	}
	gk_agency_list_release(&list);
}

/* --- values of a form ----------------------------------------------------------- */

/* The form's fields as the user sent them: a set comes as one checkbox per
 * code (ch_CODE), a flag as a checkbox (absent: no). */
struct posted {
	struct gk_request *r;
	enum gk_record_kind kind;
	char set[512];
};

static const char *posted_get(void *ctx, const char *name)
{
	struct posted *p = ctx;
	const struct gk_record_field *f = gk_record_field(p->kind, name);
	if (f && f->type == GK_FT_SET) {
		size_t used = 0;
		p->set[0] = '\0';
		for (int i = 0; f->codes[i]; i++) {
			char param[80];
			snprintf(param, sizeof param, "ch_%s", f->codes[i]);
			if (!gk_req_param(p->r, param))
				continue;
			int w = snprintf(p->set + used, sizeof p->set - used, "%s%s",
					 used ? "," : "", f->codes[i]);
			if (w > 0 && (size_t)w < sizeof p->set - used)
				used += (size_t)w;
		}
		return p->set;
	}
	if (f && f->type == GK_FT_BOOL)
		return gk_req_param(p->r, name) ? "1" : "0";
	return gk_req_param(p->r, name);
}

/* The values a form shows: the record's, or what was posted. */
struct values {
	const struct gk_record *rec; /* NULL: posted */
	struct posted *posted;
	char text[2100];
};

static const char *value_of(struct values *v, const char *name)
{
	if (v->rec) {
		gk_record_field_text(v->rec, name, v->text, sizeof v->text);
		return v->text;
	}
	const char *s = posted_get(v->posted, name);
	return s ? s : "";
}

static bool in_set(const char *set, const char *code)
{
	size_t n = strlen(code);
	for (const char *p = set; (p = strstr(p, code)); p += n)
		if ((p == set || p[-1] == ',') && (p[n] == '\0' || p[n] == ','))
			return true;
	return false;
}

/* --- pages ---------------------------------------------------------------------- */

static void field_input(struct gk_request *r, enum gk_record_kind kind,
			const struct gk_record_field *f, struct values *v)
{
	struct gk_buf *b = &r->out;
	const char *value = value_of(v, f->name);
	char id[80];
	snprintf(id, sizeof id, "f-%s", f->name);
	if (f->type == GK_FT_SET || f->type == GK_FT_BOOL) {
		gk_html_raw(b, "<fieldset id=\"");
		gk_html_raw(b, id);
		gk_html_raw(b, "\"><legend>");
		gk_html_text(b, f->label);
		gk_html_raw(b, "</legend>\n");
		if (f->type == GK_FT_BOOL) {
			gk_html_raw(b, "<label><input type=\"checkbox\" name=\"");
			gk_html_raw(b, f->name);
			gk_html_raw(b, "\" value=\"1\"");
			gk_html_raw(b, value[0] == '1' ? " checked" : "");
			gk_html_raw(b, "> 是</label>\n");
		}
		for (int i = 0; f->type == GK_FT_SET && f->codes[i]; i++) {
			gk_html_raw(b, "<label><input type=\"checkbox\" name=\"ch_");
			gk_html_raw(b, f->codes[i]);
			gk_html_raw(b, "\" value=\"1\"");
			gk_html_raw(b, in_set(value, f->codes[i]) ? " checked" : "");
			gk_html_raw(b, "> ");
			gk_html_text(b, f->label_of(f->codes[i]));
			gk_html_raw(b, "</label>\n");
		}
		gk_html_raw(b, "</fieldset>\n");
		return;
	}
	gk_html_raw(b, "<label for=\"");
	gk_html_raw(b, id);
	gk_html_raw(b, "\">");
	gk_html_text(b, f->label);
	gk_html_raw(b, f->required ? "（必填）" : "");
	gk_html_raw(b, "</label>");
	switch (f->type) {
	case GK_FT_TEXT:
		gk_html_raw(b, "<textarea rows=\"3\" id=\"");
		gk_html_raw(b, id);
		gk_html_raw(b, "\" name=\"");
		gk_html_raw(b, f->name);
		gk_html_raw(b, "\">");
		gk_html_text(b, value);
		gk_html_raw(b, "</textarea>\n");
		return;
	case GK_FT_ENUM:
		gk_html_raw(b, "<select id=\"");
		gk_html_raw(b, id);
		gk_html_raw(b, "\" name=\"");
		gk_html_raw(b, f->name);
		gk_html_raw(b, "\">\n");
		for (int i = 0; f->codes[i]; i++) {
			gk_html_raw(b, "<option value=\"");
			gk_html_raw(b, f->codes[i]);
			gk_html_raw(b, strcmp(value, f->codes[i]) == 0 ? "\" selected>" : "\">");
			gk_html_text(b, f->label_of(f->codes[i]));
			gk_html_raw(b, "</option>\n");
		}
		gk_html_raw(b, "</select>\n");
		return;
	case GK_FT_AGENCY:
		gk_html_raw(b, "<select id=\"");
		gk_html_raw(b, id);
		gk_html_raw(b, "\" name=\"");
		gk_html_raw(b, f->name);
		gk_html_raw(b, "\">\n");
		gk_page_records_agency_options(r, value[0] ? value : NULL, false);
		gk_html_raw(b, "</select>\n");
		return;
	default:
		break;
	}
	(void)kind;
	gk_html_raw(b, "<input id=\"");
	gk_html_raw(b, id);
	gk_html_raw(b, "\" name=\"");
	gk_html_raw(b, f->name);
	gk_html_raw(b, f->type == GK_FT_DATE ? "\" type=\"date\" value=\"" : "\" value=\"");
	gk_html_attr(b, value);
	gk_html_raw(b, "\">\n");
}

static void form_page(struct gk_request *r, enum gk_record_kind kind, const struct gk_record *rec,
		      struct posted *posted, int status, const char *notice_kind,
		      const char *message)
{
	const struct gk_record_kind_info *k = gk_record_kind_info(kind);
	struct gk_buf *b = &r->out;
	int64_t id = gk_record_id(rec);
	char title[128];
	snprintf(title, sizeof title, "%s%s", id ? "修改" : "登记", k->title);
	gk_buf_reset(b);
	gk_page_begin(r, status, title);
	gk_html_raw(b, "<p><a href=\"/staff/");
	gk_html_raw(b, k->plural);
	gk_html_raw(b, "\">返回列表</a></p>\n");
	if (message)
		gk_page_notice(r, notice_kind, message);
	gk_html_raw(b, "<form method=\"post\" class=\"stacked item-form\" id=\"record-form\" "
		       "action=\"/staff/");
	gk_html_raw(b, k->plural);
	if (id) {
		gk_html_raw(b, "/");
		gk_html_int(b, id);
	}
	gk_html_raw(b, "\">\n");
	gk_page_csrf_field(r);
	struct values v = {posted ? NULL : rec, posted, ""};
	if (id) {
		const char *rev = posted ? gk_req_param(r, "revision") : NULL;
		gk_html_raw(b, "<input type=\"hidden\" name=\"revision\" value=\"");
		if (rev)
			gk_html_attr(b, rev);
		else
			gk_html_int(b, rec->kind == GK_REC_DISPUTE     ? rec->u.dispute.revision
				       : rec->kind == GK_REC_COMPLAINT ? rec->u.complaint.revision
								       : rec->u.response.revision);
		gk_html_raw(b, "\">\n");
	}
	for (size_t i = 0; i < k->nfields; i++)
		field_input(r, kind, &k->fields[i], &v);
	gk_html_raw(b, "<button type=\"submit\">保存</button>\n</form>\n");
	if (id) {
		int64_t created_at = 0, updated_at = 0;
		switch (rec->kind) {
		case GK_REC_DISPUTE:
			created_at = rec->u.dispute.created_at,
			updated_at = rec->u.dispute.updated_at;
			break;
		case GK_REC_COMPLAINT:
			created_at = rec->u.complaint.created_at,
			updated_at = rec->u.complaint.updated_at;
			break;
		default:
			created_at = rec->u.response.created_at,
			updated_at = rec->u.response.updated_at;
			break;
		}
		gk_html_raw(b, "<dl class=\"meta\" id=\"record-meta\">\n<dt>录入</dt><dd>");
		gk_html_text(b, rec->names.created_by[0] ? rec->names.created_by : "命令行导入");
		gk_html_raw(b, " ");
		gk_page_records_time(b, created_at);
		gk_html_raw(b, "</dd>\n<dt>最后修改</dt><dd>");
		gk_html_text(b, rec->names.updated_by[0] ? rec->names.updated_by : "命令行导入");
		gk_html_raw(b, " ");
		gk_page_records_time(b, updated_at);
		gk_html_raw(b, "</dd>\n</dl>\n<form method=\"post\" class=\"action\" "
			       "id=\"record-delete\" action=\"/staff/");
		gk_html_raw(b, k->plural);
		gk_html_raw(b, "/");
		gk_html_int(b, id);
		gk_html_raw(b, "/delete\">\n");
		gk_page_csrf_field(r);
		gk_html_raw(b, "<input type=\"hidden\" name=\"revision\" value=\"");
		gk_html_int(b, rec->kind == GK_REC_DISPUTE     ? rec->u.dispute.revision
			       : rec->kind == GK_REC_COMPLAINT ? rec->u.complaint.revision
							       : rec->u.response.revision);
		gk_html_raw(b, "\">\n<h3>删除</h3><p>仅用于删除误录的记录；删除会记入操作日志。</p>"
			       "<button type=\"submit\">删除此记录</button>\n</form>\n");
	}
	gk_page_end(r);
}

/* --- the list ----------------------------------------------------------------- */

struct rows {
	struct gk_request *r;
	const struct gk_record_kind_info *k;
};

static bool column(const struct gk_record_field *f)
{
	return f->type != GK_FT_TEXT && f->type != GK_FT_CASE && f->type != GK_FT_BOOL;
}

static int add_row(const struct gk_record *rec, void *ctx)
{
	struct rows *rows = ctx;
	struct gk_buf *b = &rows->r->out;
	char text[2100];
	gk_html_raw(b, "<tr>");
	bool first = true;
	for (size_t i = 0; i < rows->k->nfields; i++) {
		const struct gk_record_field *f = &rows->k->fields[i];
		if (!column(f))
			continue;
		gk_record_field_text(rec, f->name, text, sizeof text);
		gk_html_raw(b, "<td>");
		if (first) {
			gk_html_raw(b, "<a href=\"/staff/");
			gk_html_raw(b, rows->k->plural);
			gk_html_raw(b, "/");
			gk_html_int(b, gk_record_id(rec));
			gk_html_raw(b, "\">");
		}
		if (f->type == GK_FT_AGENCY) {
			gk_html_text(b, rec->names.agency_name);
		} else if (f->type == GK_FT_ENUM) {
			gk_html_text(b, f->label_of(text));
		} else if (f->type == GK_FT_SET) {
			bool any = false;
			for (int j = 0; f->codes[j]; j++)
				if (in_set(text, f->codes[j])) {
					gk_html_raw(b, any ? "、" : "");
					gk_html_text(b, f->label_of(f->codes[j]));
					any = true;
				}
		} else if (f->type == GK_FT_APPLICATION && text[0]) {
			gk_html_raw(b, "<a href=\"/staff/requests/");
			gk_html_url_arg(b, text);
			gk_html_raw(b, "\">");
			gk_html_text(b, text);
			gk_html_raw(b, "</a>");
		} else {
			gk_html_text(b, text[0] || !first ? text : "（未填）");
		}
		if (first)
			gk_html_raw(b, "</a>");
		first = false;
		gk_html_raw(b, "</td>");
	}
	gk_html_raw(b, "<td>");
	gk_html_text(b, rec->names.updated_by[0] ? rec->names.updated_by : "命令行导入");
	gk_html_raw(b, "</td></tr>\n");
	return 0;
}

static void list_page(struct gk_request *r, enum gk_record_kind kind)
{
	const struct gk_record_kind_info *k = gk_record_kind_info(kind);
	struct gk_buf *b = &r->out;
	struct gk_error err = {0};
	struct gk_record_filter f = {0};
	const char *agency = gk_req_param(r, "agency");
	int this_year = gk_date_from_days(r->svc.today).year;
	f.year = (int)gk_req_param_int(r, "year", 0);
	int64_t page = gk_req_param_int(r, "page", 1);
	f.limit = PER_PAGE;
	f.offset = (page - 1) * PER_PAGE;
	if (agency && *agency) {
		struct gk_agency a;
		enum gk_err rc = gk_store_agency_by_code(r->store, agency, &a, &err);
		if (rc == GK_ENOTFOUND) {
			gk_respond_error(r, GK_EINVAL, "“机构”：没有这个代码的机构");
			return;
		}
		if (gk_req_failed(r, rc, &err))
			return;
		/* the agency alone, or with those below it */
		if (gk_req_param(r, "subtree"))
			f.scope = a.id;
		else
			f.agency_id = a.id;
	}
	gk_page_begin(r, 200, k->title);
	gk_html_raw(b, "<p><a href=\"/staff/records\">年报数据</a> · <a href=\"/staff/");
	gk_html_raw(b, k->plural);
	gk_html_raw(b, "/new\" id=\"record-new\">登记新记录</a></p>\n"
		       "<form method=\"get\" class=\"filters\" action=\"/staff/");
	gk_html_raw(b, k->plural);
	gk_html_raw(b, "\">\n<label for=\"q-year\">年度</label><select id=\"q-year\" name=\"year\">"
		       "<option value=\"\">全部年度</option>\n");
	for (int y = this_year; y >= GK_RECORD_YEAR_MIN; y--) {
		gk_html_raw(b, "<option");
		gk_html_raw(b, y == f.year ? " selected>" : ">");
		gk_html_int(b, y);
		gk_html_raw(b, "</option>");
	}
	gk_html_raw(b, "</select>\n<label for=\"q-agency\">机构</label><select id=\"q-agency\" "
		       "name=\"agency\">\n");
	gk_page_records_agency_options(r, agency, true);
	gk_html_raw(b, "</select>\n<label><input type=\"checkbox\" name=\"subtree\" value=\"1\"");
	gk_html_raw(b, gk_req_param(r, "subtree") ? " checked" : "");
	gk_html_raw(b, "> 含下属机构</label>\n<button type=\"submit\">筛选</button>\n</form>\n");
	gk_html_raw(b, "<table class=\"list\" id=\"records\">\n<thead><tr>");
	for (size_t i = 0; i < k->nfields; i++)
		if (column(&k->fields[i])) {
			gk_html_raw(b, "<th>");
			gk_html_text(b, k->fields[i].label);
			gk_html_raw(b, "</th>");
		}
	gk_html_raw(b, "<th>最后修改人</th></tr></thead>\n<tbody>\n");
	struct rows rows = {r, k};
	int64_t total = 0;
	enum gk_err rc = gk_svc_record_list(&r->svc, kind, &f, add_row, &rows, &total, &err);
	if (rc == GK_EFORBIDDEN) {
		gk_respond_error(r, rc, gk_error_text(&err));
		return;
	}
	if (gk_req_failed(r, rc, &err))
		return;
	gk_html_raw(b, "</tbody>\n</table>\n<p id=\"records-total\">共 ");
	gk_html_int(b, total);
	gk_html_raw(b, " 条");
	if (total > PER_PAGE) {
		gk_html_raw(b, "，第 ");
		gk_html_int(b, page);
		gk_html_raw(b, " 页");
		for (int next = -1; next <= 1; next += 2) {
			int64_t p = page + next;
			if (p < 1 || (p - 1) * PER_PAGE >= total)
				continue;
			gk_html_raw(b, " <a href=\"/staff/");
			gk_html_raw(b, k->plural);
			gk_html_raw(b, "?page=");
			gk_html_int(b, p);
			if (f.year) {
				gk_html_raw(b, "&amp;year=");
				gk_html_int(b, f.year);
			}
			if (agency && *agency) {
				gk_html_raw(b, "&amp;agency=");
				gk_html_url_arg(b, agency);
			}
			if (gk_req_param(r, "subtree"))
				gk_html_raw(b, "&amp;subtree=1");
			gk_html_raw(b, next < 0 ? "\">上一页</a>" : "\">下一页</a>");
		}
	}
	gk_html_raw(b, "</p>\n");
	gk_page_end(r);
}

/* --- handlers ------------------------------------------------------------------- */

static bool path_id(struct gk_request *r, int64_t *id)
{
	char *end;
	const char *s = gk_req_path_arg(r, 0);
	long long n = s ? strtoll(s, &end, 10) : 0;
	if (!s || !*s || *end || n <= 0) {
		gk_respond_error(r, GK_ENOTFOUND, "没有这条记录");
		return false;
	}
	*id = n;
	return true;
}

static void new_page(struct gk_request *r, enum gk_record_kind kind)
{
	struct gk_record *rec = gk_arena_alloc(&r->arena, sizeof *rec);
	if (!rec) {
		gk_respond_error(r, GK_ENOMEM, NULL);
		return;
	}
	gk_record_init(rec, kind, r->svc.today);
	/* prefilled from the application page (?application=CODE&agency=CODE) */
	struct posted p = {r, kind, ""};
	struct gk_error err = {0};
	struct gk_agency a;
	if (gk_store_agency_get(r->store, r->user.agency_id, &a, &err) == GK_OK) {
		*(int64_t *)((char *)&rec->u + gk_record_field(kind, "agency")->offset) = a.id;
		snprintf(rec->names.agency_code, sizeof rec->names.agency_code, "%s", a.code);
		snprintf(rec->names.agency_name, sizeof rec->names.agency_name, "%s", a.name);
	}
	enum gk_err rc = gk_svc_record_fill(&r->svc, rec, posted_get, &p, &err);
	if (gk_req_failed(r, rc, &err))
		return;
	form_page(r, kind, rec, NULL, 200, "error", rc ? gk_req_error(r, &err) : NULL);
}

static void save(struct gk_request *r, enum gk_record_kind kind, int64_t id)
{
	struct gk_record *rec = gk_arena_alloc(&r->arena, sizeof *rec);
	struct gk_error err = {0};
	if (!rec) {
		gk_respond_error(r, GK_ENOMEM, NULL);
		return;
	}
	enum gk_err rc = GK_OK;
	if (id) {
		rc = gk_svc_record_get(&r->svc, kind, id, rec, &err);
		if (rc == GK_ENOTFOUND) {
			gk_respond_error(r, rc, gk_error_text(&err));
			return;
		}
		if (gk_req_failed(r, rc, &err))
			return;
	} else {
		gk_record_init(rec, kind, r->svc.today);
	}
	struct posted p = {r, kind, ""};
	rc = gk_svc_record_fill(&r->svc, rec, posted_get, &p, &err);
	if (!rc)
		rc = gk_svc_record_save(&r->svc, rec, &err);
	if (rc) {
		if (gk_err_is_server(rc)) {
			gk_req_failed(r, rc, &err);
			return;
		}
		form_page(r, kind, rec, &p, gk_err_http_status(rc), "error", gk_req_error(r, &err));
		return;
	}
	char to[96];
	snprintf(to, sizeof to, "/staff/%s/%lld?saved=1", gk_record_kind_info(kind)->plural,
		 (long long)gk_record_id(rec));
	gk_respond_redirect(r, gk_arena_strdup(&r->arena, to));
}

static void edit_page(struct gk_request *r, enum gk_record_kind kind)
{
	int64_t id;
	struct gk_record *rec = gk_arena_alloc(&r->arena, sizeof *rec);
	struct gk_error err = {0};
	if (!rec) {
		gk_respond_error(r, GK_ENOMEM, NULL);
		return;
	}
	if (!path_id(r, &id))
		return;
	enum gk_err rc = gk_svc_record_get(&r->svc, kind, id, rec, &err);
	if (rc == GK_ENOTFOUND) {
		gk_respond_error(r, rc, gk_error_text(&err));
		return;
	}
	if (gk_req_failed(r, rc, &err))
		return;
	form_page(r, kind, rec, NULL, 200, "ok", gk_req_param(r, "saved") ? "已保存。" : NULL);
}

static void update(struct gk_request *r, enum gk_record_kind kind)
{
	int64_t id;
	if (path_id(r, &id))
		save(r, kind, id);
}

static void delete (struct gk_request *r, enum gk_record_kind kind)
{
	int64_t id;
	struct gk_error err = {0};
	if (!path_id(r, &id))
		return;
	enum gk_err rc = gk_svc_record_delete(&r->svc, kind, id,
					      (int)gk_req_param_int(r, "revision", 0), &err);
	if (rc) {
		gk_respond_error(r, rc, gk_error_text(&err));
		return;
	}
	char to[64];
	snprintf(to, sizeof to, "/staff/%s", gk_record_kind_info(kind)->plural);
	gk_respond_redirect(r, gk_arena_strdup(&r->arena, to));
}

#define KIND_HANDLERS(name, KIND)                          \
	void gk_page_##name##_list(struct gk_request *r)   \
	{                                                  \
		list_page(r, KIND);                        \
	}                                                  \
	void gk_page_##name##_new(struct gk_request *r)    \
	{                                                  \
		new_page(r, KIND);                         \
	}                                                  \
	void gk_page_##name##_create(struct gk_request *r) \
	{                                                  \
		save(r, KIND, 0);                          \
	}                                                  \
	void gk_page_##name##_edit(struct gk_request *r)   \
	{                                                  \
		edit_page(r, KIND);                        \
	}                                                  \
	void gk_page_##name##_update(struct gk_request *r) \
	{                                                  \
		update(r, KIND);                           \
	}                                                  \
	void gk_page_##name##_delete(struct gk_request *r) \
	{                                                  \
		delete (r, KIND);                          \
	}

KIND_HANDLERS(disputes, GK_REC_DISPUTE)
KIND_HANDLERS(complaints, GK_REC_COMPLAINT)
KIND_HANDLERS(responses, GK_REC_RESPONSE)

/* GET /staff/records — the 年报数据 page. */
void gk_page_records_home(struct gk_request *r)
{
	struct gk_buf *b = &r->out;
	unsigned roles = r->user.roles;
	gk_page_begin(r, 200, "年报数据");
	gk_html_raw(b,
		    "<p>政府信息公开工作年度报告所需、无法从目录和申请中统计的数据。"
		    "复议诉讼与投诉举报由申请办理人员登记，解读回应与年度数据由信息发布人员填报；"
		    "管理员均可登记。</p>\n<ul id=\"records-links\">\n");
	for (int i = 0; i < GK_REC_COUNT; i++) {
		const struct gk_record_kind_info *k = gk_record_kind_info((enum gk_record_kind)i);
		if (!(roles & k->roles))
			continue;
		gk_html_raw(b, "<li><a href=\"/staff/");
		gk_html_raw(b, k->plural);
		gk_html_raw(b, "\">");
		gk_html_text(b, k->title);
		gk_html_raw(b, "</a></li>\n");
	}
	if (roles & (GK_ROLE_EDITOR | GK_ROLE_ADMIN))
		gk_html_raw(b,
			    "<li><a href=\"/staff/figures\">年度数据（培训、人员、行政管理事项等）"
			    "</a></li>\n");
	gk_html_raw(b, "</ul>\n");
	if (!(roles & (GK_ROLE_EDITOR | GK_ROLE_HANDLER | GK_ROLE_ADMIN)))
		gk_html_raw(b, "<p>你的账号没有登记年报数据的角色。</p>\n");
	gk_page_end(r);
}

/* --- the disputes on an application's page ----------------------------------------- */

static int dispute_row(const struct gk_dispute *d, const struct gk_record_names *n, void *ctx)
{
	struct gk_buf *b = ctx;
	char day[11];
	(void)n;
	gk_html_raw(b, "<tr><td><a href=\"/staff/disputes/");
	gk_html_int(b, d->id);
	gk_html_raw(b, "\">");
	gk_html_text(b, gk_dispute_kind_label(d->kind));
	gk_html_raw(b, "</a></td><td>");
	gk_html_text(b, d->case_no);
	gk_html_raw(b, "</td><td>");
	gk_html_text(b, gk_date_format(gk_date_from_days(d->filed), day));
	gk_html_raw(b, "</td><td>");
	gk_html_text(b, gk_dispute_result_label(d->result));
	gk_html_raw(b, "</td><td>");
	if (d->decided != GK_NO_DAY)
		gk_html_text(b, gk_date_format(gk_date_from_days(d->decided), day));
	gk_html_raw(b, "</td></tr>\n");
	return 0;
}

void gk_page_records_application_disputes(struct gk_request *r, const struct gk_application *app)
{
	struct gk_buf *b = &r->out;
	struct gk_error err = {0};
	gk_html_raw(b, "<h2>行政复议和行政诉讼</h2>\n<table class=\"list\" id=\"disputes\">\n"
		       "<thead><tr><th>类型</th><th>案号</th><th>立案日期</th><th>审理结果</th>"
		       "<th>审结日期</th></tr></thead>\n<tbody>\n");
	if (gk_req_failed(r, gk_store_application_disputes(r->store, app->id, dispute_row, b, &err),
			  &err))
		return;
	gk_html_raw(b, "</tbody>\n</table>\n");
	if (r->user.roles & (GK_ROLE_HANDLER | GK_ROLE_ADMIN)) {
		gk_html_raw(b, "<p><a id=\"dispute-add\" href=\"/staff/disputes/new?application=");
		gk_html_url_arg(b, app->tracking_code);
		gk_html_raw(b, "&amp;agency=");
		gk_html_url_arg(b, app->agency_code);
		gk_html_raw(b, "\">登记因本申请引起的行政复议或诉讼</a></p>\n");
	}
}
