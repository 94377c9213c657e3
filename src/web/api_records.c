/* /api/v1/disputes, /api/v1/complaints, /api/v1/responses, /api/v1/figures —
 * the records the yearly report counts, as JSON, for staff.
 *
 *   GET    /api/v1/disputes?year=&agency=&subtree=1&page=&per_page=   a page of the list
 *   POST   /api/v1/disputes                                  a new record (201)
 *   GET    /api/v1/disputes/{id}                             one record
 *   PUT    /api/v1/disputes/{id} (or POST)                   an update: fields given
 *                                                            change, "revision" required
 *   DELETE /api/v1/disputes/{id}?revision=N                  delete one entered by mistake
 *   GET    /api/v1/figures?agency=&year=                     an agency's year figures
 *   PUT    /api/v1/figures                                   {"agency","year","figures":
 *                                                            {code: value or null}}
 *
 * (the same for complaints and responses). Fields are the forms' (docs/records.md):
 * days 'YYYY-MM-DD', enumerations by code, channels an array of codes,
 * leader a boolean, agency an agency code, application a tracking code.
 * The session and, for changes, the CSRF token (X-CSRF-Token) as for the
 * other staff APIs; scope and role are the use cases'. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/date.h"
#include "service/records.h"
#include "store/store.h"
#include "web/pages.h"

static void fail(struct gk_request *r, enum gk_err rc, const struct gk_error *err)
{
	gk_respond_error(r, rc, gk_error_text(err));
}

struct list {
	json_t *items;
};

static int add_item(const struct gk_record *rec, void *ctx)
{
	json_array_append_new(((struct list *)ctx)->items, gk_record_to_json(rec));
	return 0;
}

static void list(struct gk_request *r, enum gk_record_kind kind)
{
	struct gk_error err = {0};
	struct gk_record_filter f = {0};
	const char *agency = gk_req_param(r, "agency");
	if (agency && *agency) {
		struct gk_agency a;
		enum gk_err rc = gk_store_agency_by_code(r->store, agency, &a, &err);
		if (rc == GK_ENOTFOUND) {
			gk_respond_error(r, GK_EINVAL, "“机构”（agency）：没有这个代码的机构");
			return;
		}
		if (rc) {
			fail(r, rc, &err);
			return;
		}
		/* the agency alone, or with those below it */
		if (gk_req_param(r, "subtree"))
			f.scope = a.id;
		else
			f.agency_id = a.id;
	}
	f.year = (int)gk_req_param_int(r, "year", 0);
	int64_t page = gk_req_param_int(r, "page", 1);
	f.limit = gk_req_param_int(r, "per_page", 100);
	f.offset = (page - 1) * f.limit;
	struct list l = {json_array()};
	int64_t total = 0;
	enum gk_err rc = gk_svc_record_list(&r->svc, kind, &f, add_item, &l, &total, &err);
	if (rc) {
		json_decref(l.items);
		fail(r, rc, &err);
		return;
	}
	gk_respond_json(r, 200,
			json_pack("{s:I, s:I, s:I, s:o}", "total", (json_int_t)total, "page",
				  (json_int_t)page, "per_page", (json_int_t)f.limit,
				  gk_record_kind_info(kind)->plural, l.items));
}

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

static struct gk_record *alloc(struct gk_request *r)
{
	struct gk_record *rec = gk_arena_alloc(&r->arena, sizeof *rec);
	if (!rec)
		gk_respond_error(r, GK_ENOMEM, NULL);
	return rec;
}

/* Fills REC from the body and saves it; responds with it (STATUS) or the refusal. */
static void fill_and_save(struct gk_request *r, struct gk_record *rec, int status)
{
	struct gk_error err = {0};
	/* what a record's JSON carries besides its fields: read-only, ignored */
	static const char *const none[] = {"csrf",        "id",         "type",
					   "agency_name", "created_by", "updated_by",
					   "created_at",  "updated_at", NULL};
	struct gk_json_fields *j = gk_arena_alloc(&r->arena, sizeof *j);
	if (!j) {
		gk_respond_error(r, GK_ENOMEM, NULL);
		return;
	}
	j->obj = r->json;
	j->next = 0;
	enum gk_err rc = gk_record_json_check(rec->kind, r->json, none, &err);
	if (!rc)
		rc = gk_svc_record_fill(&r->svc, rec, gk_json_field_get, j, &err);
	if (!rc)
		rc = gk_svc_record_save(&r->svc, rec, &err);
	if (rc) {
		fail(r, rc, &err);
		return;
	}
	if (status == 201) {
		char loc[80];
		snprintf(loc, sizeof loc, "/api/v1/%s/%lld", gk_record_kind_info(rec->kind)->plural,
			 (long long)gk_record_id(rec));
		gk_req_header(r, "Location", gk_arena_strdup(&r->arena, loc));
	}
	gk_respond_json(r, status, gk_record_to_json(rec));
}

static void create(struct gk_request *r, enum gk_record_kind kind)
{
	struct gk_record *rec = alloc(r);
	if (!rec)
		return;
	gk_record_init(rec, kind, r->svc.today);
	fill_and_save(r, rec, 201);
}

static bool load(struct gk_request *r, enum gk_record_kind kind, struct gk_record **out)
{
	int64_t id;
	struct gk_error err = {0};
	struct gk_record *rec = alloc(r);
	if (!rec || !path_id(r, &id))
		return false;
	enum gk_err rc = gk_svc_record_get(&r->svc, kind, id, rec, &err);
	if (rc) {
		fail(r, rc, &err);
		return false;
	}
	*out = rec;
	return true;
}

static void get_one(struct gk_request *r, enum gk_record_kind kind)
{
	struct gk_record *rec;
	if (load(r, kind, &rec))
		gk_respond_json(r, 200, gk_record_to_json(rec));
}

static void update(struct gk_request *r, enum gk_record_kind kind)
{
	struct gk_record *rec;
	if (!json_is_integer(json_object_get(r->json, "revision")) &&
	    !json_is_string(json_object_get(r->json, "revision"))) {
		gk_respond_error(r, GK_EINVAL, "请提供“版本号”（revision，读取记录时得到）");
		return;
	}
	if (load(r, kind, &rec))
		fill_and_save(r, rec, 200);
}

static void delete_one(struct gk_request *r, enum gk_record_kind kind)
{
	int64_t id;
	struct gk_error err = {0};
	if (!path_id(r, &id))
		return;
	if (!gk_req_param(r, "revision")) {
		gk_respond_error(r, GK_EINVAL, "请提供“版本号”（revision，读取记录时得到）");
		return;
	}
	enum gk_err rc = gk_svc_record_delete(&r->svc, kind, id,
					      (int)gk_req_param_int(r, "revision", 0), &err);
	if (rc) {
		fail(r, rc, &err);
		return;
	}
	gk_respond_json(r, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "deleted", 1));
}

#define KIND_API(plural, one, KIND)                         \
	void gk_api_##plural(struct gk_request *r)          \
	{                                                   \
		list(r, KIND);                              \
	}                                                   \
	void gk_api_##plural##_create(struct gk_request *r) \
	{                                                   \
		create(r, KIND);                            \
	}                                                   \
	void gk_api_##one(struct gk_request *r)             \
	{                                                   \
		get_one(r, KIND);                           \
	}                                                   \
	void gk_api_##one##_update(struct gk_request *r)    \
	{                                                   \
		update(r, KIND);                            \
	}                                                   \
	void gk_api_##one##_delete(struct gk_request *r)    \
	{                                                   \
		delete_one(r, KIND);                        \
	}

KIND_API(disputes, dispute, GK_REC_DISPUTE)
KIND_API(complaints, complaint, GK_REC_COMPLAINT)
KIND_API(responses, response, GK_REC_RESPONSE)

/* --- figures ----------------------------------------------------------------------- */

static bool figures_target(struct gk_request *r, const char *code, json_int_t year,
			   struct gk_agency *a)
{
	struct gk_error err = {0};
	enum gk_err rc = code && *code ? gk_store_agency_by_code(r->store, code, a, &err)
				       : gk_store_agency_get(r->store, r->user.agency_id, a, &err);
	if (rc == GK_ENOTFOUND) {
		gk_respond_error(r, GK_EINVAL, "“机构”（agency）：没有这个代码的机构");
		return false;
	}
	if (rc) {
		fail(r, rc, &err);
		return false;
	}
	if (year < GK_RECORD_YEAR_MIN || year > GK_RECORD_YEAR_MAX) {
		gk_respond_error(r, GK_EINVAL, "“年份”（year）应在2008年至2100年之间");
		return false;
	}
	return true;
}

static void respond_figures(struct gk_request *r, const struct gk_agency *a, int year, int status,
			    int changed)
{
	struct gk_error err = {0};
	struct gk_year_figure_value v[GK_YEAR_FIGURE_COUNT];
	enum gk_err rc = gk_svc_year_figures_get(&r->svc, a->id, year, v, &err);
	if (rc) {
		fail(r, rc, &err);
		return;
	}
	json_t *figures = json_object();
	for (int i = 0; i < GK_YEAR_FIGURE_COUNT; i++) {
		const struct gk_year_figure_info *info =
			gk_year_figure_info((enum gk_year_figure)i);
		json_t *o = json_pack("{s:s, s:s, s:s}", "label", info->label, "unit", info->unit,
				      "kind", info->kind == GK_UNIT_AMOUNT ? "amount" : "count");
		if (v[i].set) {
			char text[40];
			gk_figure_format((enum gk_year_figure)i, v[i].value, text, sizeof text);
			json_object_set_new(o, "value",
					    info->kind == GK_UNIT_AMOUNT
						    ? json_string(text)
						    : json_integer(v[i].value));
			if (info->kind == GK_UNIT_AMOUNT)
				json_object_set_new(o, "fen", json_integer(v[i].value));
			json_object_set_new(o, "updated_by", json_string(v[i].updated_by_name));
			json_object_set_new(o, "updated_at", json_integer(v[i].updated_at));
		} else {
			json_object_set_new(o, "value", json_null());
		}
		json_object_set_new(figures, info->code, o);
	}
	json_t *body = json_pack("{s:s, s:s, s:i, s:o}", "agency", a->code, "agency_name", a->name,
				 "year", year, "figures", figures);
	if (changed >= 0)
		json_object_set_new(body, "changed", json_integer(changed));
	gk_respond_json(r, status, body);
}

void gk_api_figures(struct gk_request *r)
{
	struct gk_agency a;
	int year = (int)gk_req_param_int(r, "year", gk_date_from_days(r->svc.today).year - 1);
	if (figures_target(r, gk_req_param(r, "agency"), year, &a))
		respond_figures(r, &a, year, 200, -1);
}

void gk_api_figures_set(struct gk_request *r)
{
	struct gk_error err = {0};
	json_t *agency = json_object_get(r->json, "agency"),
	       *year = json_object_get(r->json, "year");
	json_t *figures = json_object_get(r->json, "figures");
	const char *key;
	json_t *value;
	json_object_foreach(r->json, key, value) {
		if (strcmp(key, "agency") && strcmp(key, "year") && strcmp(key, "figures")) {
			gk_respond_error(r, GK_EINVAL, "未知字段");
			return;
		}
	}
	if (!json_is_integer(year) || (agency && !json_is_string(agency)) ||
	    !json_is_object(figures)) {
		gk_respond_error(r, GK_EINVAL,
				 "应为 {\"agency\": 机构代码, \"year\": 年度, \"figures\": {…}}");
		return;
	}
	struct gk_agency a;
	if (!figures_target(r, json_string_value(agency), json_integer_value(year), &a))
		return;
	struct gk_figure_change changes[GK_YEAR_FIGURE_COUNT];
	size_t n = 0;
	json_object_foreach(figures, key, value) {
		enum gk_year_figure f;
		char text[64];
		if (!gk_year_figure_parse(key, &f)) {
			gk_respond_error(r, GK_EINVAL, "未知的年报数据项");
			return;
		}
		if (n == GK_YEAR_FIGURE_COUNT) {
			gk_respond_error(r, GK_EINVAL, "数据项重复");
			return;
		}
		if (json_is_null(value))
			text[0] = '\0';
		else if (json_is_integer(value))
			snprintf(text, sizeof text, "%" JSON_INTEGER_FORMAT,
				 json_integer_value(value));
		else if (json_is_string(value))
			snprintf(text, sizeof text, "%s", json_string_value(value));
		else
			snprintf(text, sizeof text, "?");
		changes[n].figure = f;
		enum gk_err rc = gk_figure_parse(f, text, &changes[n].value, &err);
		if (rc) {
			fail(r, rc, &err);
			return;
		}
		n++;
	}
	int changed = 0;
	enum gk_err rc = gk_svc_year_figures_set(&r->svc, a.id, (int)json_integer_value(year),
						 changes, n, &changed, &err);
	if (rc) {
		fail(r, rc, &err);
		return;
	}
	respond_figures(r, &a, (int)json_integer_value(year), 200, changed);
}
