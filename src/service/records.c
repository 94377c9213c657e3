/* The use cases of the records the yearly report counts (service/records.h):
 * one field table per kind drives filling from text, the text back, JSON,
 * and the checks a save makes. */
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/application.h"
#include "lib/date.h"
#include "service/records.h"

GK_ENUM_DEFINE(gk_record_kind, GK_RECORD_KIND_LIST)

/* --- the field tables ----------------------------------------------------------- */

static const char *dispute_kind_label(const char *code)
{
	enum gk_dispute_kind v;
	return gk_dispute_kind_parse(code, &v) ? gk_dispute_kind_label(v) : code;
}
static const char *dispute_result_label(const char *code)
{
	enum gk_dispute_result v;
	return gk_dispute_result_parse(code, &v) ? gk_dispute_result_label(v) : code;
}
static const char *complaint_status_label(const char *code)
{
	enum gk_complaint_status v;
	return gk_complaint_status_parse(code, &v) ? gk_complaint_status_label(v) : code;
}
static const char *response_kind_label(const char *code)
{
	enum gk_response_kind v;
	return gk_response_kind_parse(code, &v) ? gk_response_kind_label(v) : code;
}
static const char *response_channel_label(const char *code)
{
	enum gk_response_channel v;
	return gk_response_channel_parse(code, &v) ? gk_response_channel_label(v) : code;
}

#define STR(type, f)  sizeof(((struct type *)0)->f) - 1, false, offsetof(struct type, f)
#define AT(type, f)   0, false, offsetof(struct type, f)
#define NEED(type, f) 0, true, offsetof(struct type, f)

// clang-format off
static const struct gk_record_field dispute_fields[] = {
	{"agency", "被申请机关", GK_FT_AGENCY, NULL, NULL, NEED(gk_dispute, agency_id)},
	{"kind", "案件类型", GK_FT_ENUM, gk_dispute_kind_codes, dispute_kind_label, NEED(gk_dispute, kind)},
	{"case_no", "案号", GK_FT_LINE, NULL, NULL, STR(gk_dispute, case_no)},
	{"authority", "复议机关或法院", GK_FT_LINE, NULL, NULL, STR(gk_dispute, authority)},
	{"application", "关联申请（查询码）", GK_FT_APPLICATION, NULL, NULL, AT(gk_dispute, application_id)},
	{"review", "原复议案件案号（复议后起诉）", GK_FT_CASE, NULL, NULL, AT(gk_dispute, review_id)},
	{"subject", "争议事项", GK_FT_TEXT, NULL, NULL, STR(gk_dispute, subject)},
	{"filed", "立案日期", GK_FT_DATE, NULL, NULL, NEED(gk_dispute, filed)},
	{"result", "审理结果", GK_FT_ENUM, gk_dispute_result_codes, dispute_result_label, NEED(gk_dispute, result)},
	{"decided", "审结日期", GK_FT_DATE, NULL, NULL, AT(gk_dispute, decided)},
	{"note", "备注", GK_FT_TEXT, NULL, NULL, STR(gk_dispute, note)},
};

static const struct gk_record_field complaint_fields[] = {
	{"agency", "被投诉机关", GK_FT_AGENCY, NULL, NULL, NEED(gk_complaint, agency_id)},
	{"received", "收到日期", GK_FT_DATE, NULL, NULL, NEED(gk_complaint, received)},
	{"source", "来源", GK_FT_LINE, NULL, NULL, STR(gk_complaint, source)},
	{"application", "关联申请（查询码）", GK_FT_APPLICATION, NULL, NULL, AT(gk_complaint, application_id)},
	{"subject", "投诉举报事项", GK_FT_TEXT, NULL, NULL, sizeof(((struct gk_complaint *)0)->subject) - 1, true, offsetof(struct gk_complaint, subject)},
	{"status", "办理状态", GK_FT_ENUM, gk_complaint_status_codes, complaint_status_label, NEED(gk_complaint, status)},
	{"closed", "办结日期", GK_FT_DATE, NULL, NULL, AT(gk_complaint, closed)},
	{"result", "办理结果", GK_FT_TEXT, NULL, NULL, STR(gk_complaint, result)},
};

static const struct gk_record_field response_fields[] = {
	{"agency", "机关", GK_FT_AGENCY, NULL, NULL, NEED(gk_response, agency_id)},
	{"kind", "回应类型", GK_FT_ENUM, gk_response_kind_codes, response_kind_label, NEED(gk_response, kind)},
	{"held", "日期", GK_FT_DATE, NULL, NULL, NEED(gk_response, held)},
	{"title", "主题", GK_FT_LINE, NULL, NULL, sizeof(((struct gk_response *)0)->title) - 1, true, offsetof(struct gk_response, title)},
	{"channels", "回应渠道", GK_FT_SET, gk_response_channel_codes, response_channel_label, AT(gk_response, channels)},
	{"leader", "主要负责同志参加", GK_FT_BOOL, NULL, NULL, AT(gk_response, leader)},
	{"note", "备注", GK_FT_TEXT, NULL, NULL, STR(gk_response, note)},
};

#define N(a) (sizeof a / sizeof a[0])
static const struct gk_record_kind_info kinds[] = {
	{GK_REC_DISPUTE, "disputes", "行政复议和行政诉讼", GK_ROLE_HANDLER | GK_ROLE_ADMIN, "filed", dispute_fields, N(dispute_fields)},
	{GK_REC_COMPLAINT, "complaints", "投诉举报", GK_ROLE_HANDLER | GK_ROLE_ADMIN, "received", complaint_fields, N(complaint_fields)},
	{GK_REC_RESPONSE, "responses", "解读回应", GK_ROLE_EDITOR | GK_ROLE_ADMIN, "held", response_fields, N(response_fields)},
};
// clang-format on

const struct gk_record_kind_info *gk_record_kind_info(enum gk_record_kind kind)
{
	return (unsigned)kind < N(kinds) ? &kinds[kind] : NULL;
}

const struct gk_record_field *gk_record_field(enum gk_record_kind kind, const char *name)
{
	const struct gk_record_kind_info *k = gk_record_kind_info(kind);
	for (size_t i = 0; k && i < k->nfields; i++)
		if (strcmp(k->fields[i].name, name) == 0)
			return &k->fields[i];
	return NULL;
}

static void *base(struct gk_record *rec)
{
	return &rec->u;
}

static const void *cbase(const struct gk_record *rec)
{
	return &rec->u;
}

int64_t gk_record_id(const struct gk_record *rec)
{
	return *(const int64_t *)cbase(rec); /* id is every record struct's first member */
}

int64_t gk_record_agency(const struct gk_record *rec)
{
	const struct gk_record_field *f = gk_record_field(rec->kind, "agency");
	return *(const int64_t *)((const char *)cbase(rec) + f->offset);
}

static int *revision_of(struct gk_record *rec)
{
	switch (rec->kind) {
	case GK_REC_COUNT: /* never a record's kind */
	case GK_REC_DISPUTE:
		return &rec->u.dispute.revision;
	case GK_REC_COMPLAINT:
		return &rec->u.complaint.revision;
	case GK_REC_RESPONSE:
		return &rec->u.response.revision;
	}
	return &rec->u.dispute.revision;
}

/* Who and when, whatever the kind. */
struct meta {
	int revision;
	int64_t created_at, updated_at;
};

static struct meta meta_of(const struct gk_record *rec)
{
	switch (rec->kind) {
	case GK_REC_COMPLAINT:
		return (struct meta){rec->u.complaint.revision, rec->u.complaint.created_at,
				     rec->u.complaint.updated_at};
	case GK_REC_RESPONSE:
		return (struct meta){rec->u.response.revision, rec->u.response.created_at,
				     rec->u.response.updated_at};
	case GK_REC_COUNT: /* never a record's kind */
	case GK_REC_DISPUTE:
		break;
	}
	return (struct meta){rec->u.dispute.revision, rec->u.dispute.created_at,
			     rec->u.dispute.updated_at};
}

void gk_record_init(struct gk_record *rec, enum gk_record_kind kind, long today)
{
	memset(rec, 0, sizeof *rec);
	rec->kind = kind;
	switch (kind) {
	case GK_REC_COUNT: /* never a record's kind */
	case GK_REC_DISPUTE:
		rec->u.dispute.filed = today;
		rec->u.dispute.decided = GK_NO_DAY;
		rec->u.dispute.result = GK_RESULT_PENDING;
		break;
	case GK_REC_COMPLAINT:
		rec->u.complaint.received = today;
		rec->u.complaint.closed = GK_NO_DAY;
		rec->u.complaint.status = GK_COMPLAINT_OPEN;
		break;
	case GK_REC_RESPONSE:
		rec->u.response.held = today;
		rec->u.response.kind = GK_RESPONSE_OPINION;
		break;
	}
}

/* --- text in ---------------------------------------------------------------------- */

static int code_index(const char *const *codes, const char *(*label_of)(const char *),
		      const char *s)
{
	for (int i = 0; codes[i]; i++)
		if (strcmp(codes[i], s) == 0 || strcmp(label_of(codes[i]), s) == 0)
			return i;
	return -1;
}

static bool parse_flag(const char *s, bool *out)
{
	static const char *const yes[] = {"1", "true", "on", "yes", "是", NULL};
	static const char *const no[] = {"", "0", "false", "off", "no", "否", NULL};
	for (int i = 0; yes[i]; i++)
		if (strcmp(s, yes[i]) == 0)
			return *out = true;
	for (int i = 0; no[i]; i++)
		if (strcmp(s, no[i]) == 0) {
			*out = false;
			return true;
		}
	return false;
}

static enum gk_err fill_one(struct gk_svc *svc, struct gk_record *rec,
			    const struct gk_record_field *f, const char *v, struct gk_error *err)
{
	char *at = (char *)base(rec) + f->offset;
	size_t len = strlen(v);
	switch (f->type) {
	case GK_FT_LINE:
	case GK_FT_TEXT:
		if (len > f->max)
			return gk_fail(err, GK_EINVAL, "“%s”过长（最多%zu个字节）", f->label,
				       f->max);
		if (f->type == GK_FT_LINE && strpbrk(v, "\r\n"))
			return gk_fail(err, GK_EINVAL, "“%s”只能填写一行", f->label);
		memcpy(at, v, len + 1);
		return GK_OK;
	case GK_FT_DATE: {
		struct gk_date d;
		if (!*v) {
			*(long *)at = GK_NO_DAY;
			return GK_OK;
		}
		if (!gk_date_parse(v, &d))
			return gk_fail(err, GK_EINVAL, "“%s”不是有效日期（格式为 2021-03-15）",
				       f->label);
		*(long *)at = gk_date_to_days(d);
		return GK_OK;
	}
	case GK_FT_ENUM: {
		int i = code_index(f->codes, f->label_of, v);
		if (i < 0)
			return gk_fail(err, GK_EINVAL, "“%s”不在可选范围内：%.60s", f->label, v);
		*(int *)at = i;
		return GK_OK;
	}
	case GK_FT_SET: {
		unsigned set = 0;
		char code[128];
		while (*v) {
			/* codes end at ',' or '，' (not at any byte of '，': a
			 * character sharing one would stop the scan for good) */
			const char *comma = strchr(v, ','), *wide = strstr(v, "，");
			const char *end = v + strlen(v);
			if (wide && wide < end)
				end = wide;
			if (comma && comma < end)
				end = comma;
			size_t n = (size_t)(end - v);
			if (n >= sizeof code)
				return gk_fail(err, GK_EINVAL, "“%s”不在可选范围内", f->label);
			memcpy(code, v, n);
			code[n] = '\0';
			int i = code[0] ? code_index(f->codes, f->label_of, code) : -2;
			if (i == -1)
				return gk_fail(err, GK_EINVAL, "“%s”不在可选范围内：%.60s",
					       f->label, code);
			if (i >= 0)
				set |= 1u << i;
			v = end;
			if (*v == ',')
				v++;
			else if (*v)
				v += strlen("，");
		}
		*(unsigned *)at = set;
		return GK_OK;
	}
	case GK_FT_BOOL:
		if (!parse_flag(v, (bool *)at))
			return gk_fail(err, GK_EINVAL, "“%s”应为“是”或“否”", f->label);
		return GK_OK;
	case GK_FT_AGENCY: {
		struct gk_agency a;
		if (!*v)
			return gk_fail(err, GK_EINVAL, "“%s”不能为空", f->label);
		enum gk_err rc = gk_store_agency_by_code(svc->store, v, &a, err);
		if (rc == GK_ENOTFOUND)
			return gk_fail(err, GK_EINVAL, "“%s”：没有代码为 %.40s 的机构", f->label,
				       v);
		if (rc)
			return rc;
		*(int64_t *)at = a.id;
		snprintf(rec->names.agency_code, sizeof rec->names.agency_code, "%s", a.code);
		snprintf(rec->names.agency_name, sizeof rec->names.agency_name, "%s", a.name);
		return GK_OK;
	}
	case GK_FT_APPLICATION: {
		char code[GK_TRACKING_CODE_LEN + 1];
		struct gk_application app;
		rec->names.application_code[0] = '\0';
		*(int64_t *)at = 0;
		if (!*v)
			return GK_OK;
		enum gk_err rc =
			gk_tracking_code_normalize(v, code)
				? gk_store_application_by_code(svc->store, code, false, &app, err)
				: GK_ENOTFOUND;
		if (rc == GK_ENOTFOUND)
			return gk_fail(err, GK_EINVAL, "“%s”：没有查询码为 %.40s 的申请", f->label,
				       v);
		if (rc)
			return rc;
		*(int64_t *)at = app.id;
		snprintf(rec->names.application_code, sizeof rec->names.application_code, "%s",
			 app.tracking_code);
		return GK_OK;
	}
	case GK_FT_CASE:
		/* resolved once the agency is known (resolve_case) */
		if (len >= sizeof rec->names.review_case_no)
			return gk_fail(err, GK_EINVAL, "“%s”过长", f->label);
		memcpy(rec->names.review_case_no, v, len + 1);
		*(int64_t *)at = *v ? -1 : 0;
		return GK_OK;
	}
	return GK_OK;
}

/* A review named by its 案号: a review case of the same agency. */
static enum gk_err resolve_case(struct gk_svc *svc, struct gk_record *rec, struct gk_error *err)
{
	if (rec->kind != GK_REC_DISPUTE || rec->u.dispute.review_id != -1)
		return GK_OK;
	const struct gk_record_field *f = gk_record_field(GK_REC_DISPUTE, "review");
	int64_t id = 0;
	enum gk_err rc = gk_store_dispute_by_case(svc->store, rec->u.dispute.agency_id,
						  rec->names.review_case_no, &id, err);
	if (rc == GK_ENOTFOUND)
		return gk_fail(err, GK_EINVAL, "“%s”：本机关没有案号为 %.60s 的复议案件", f->label,
			       rec->names.review_case_no);
	if (rc)
		return rc;
	rec->u.dispute.review_id = id;
	return GK_OK;
}

enum gk_err gk_svc_record_fill(struct gk_svc *svc, struct gk_record *rec, gk_field_get *get,
			       void *ctx, struct gk_error *err)
{
	const struct gk_record_kind_info *k = gk_record_kind_info(rec->kind);
	enum gk_err rc;
	for (size_t i = 0; i < k->nfields; i++) {
		const char *v = get(ctx, k->fields[i].name);
		if (v && (rc = fill_one(svc, rec, &k->fields[i], v, err)))
			return rc;
	}
	const char *rev = get(ctx, "revision");
	if (rev && *rev) {
		char *end;
		long n = strtol(rev, &end, 10);
		if (*end || n < 0 || n > 1000000000)
			return gk_fail(err, GK_EINVAL, "“版本号”（revision）应为记录的版本号");
		*revision_of(rec) = (int)n;
	}
	if (rec->kind == GK_REC_DISPUTE && rec->u.dispute.review_id > 0 && get(ctx, "agency") &&
	    !get(ctx, "review"))
		rec->u.dispute.review_id = -1; /* the agency moved: find its review again */
	return resolve_case(svc, rec, err);
}

/* --- text out --------------------------------------------------------------------- */

void gk_record_field_text(const struct gk_record *rec, const char *name, char *out, size_t n)
{
	const struct gk_record_field *f = gk_record_field(rec->kind, name);
	out[0] = '\0';
	if (!f || !n)
		return;
	const char *at = (const char *)cbase(rec) + f->offset;
	switch (f->type) {
	case GK_FT_LINE:
	case GK_FT_TEXT:
		snprintf(out, n, "%s", at);
		return;
	case GK_FT_DATE: {
		long day = *(const long *)at;
		char d[11];
		if (day != GK_NO_DAY)
			snprintf(out, n, "%s", gk_date_format(gk_date_from_days(day), d));
		return;
	}
	case GK_FT_ENUM: {
		int i = *(const int *)at;
		for (int j = 0; f->codes[j]; j++)
			if (j == i)
				snprintf(out, n, "%s", f->codes[j]);
		return;
	}
	case GK_FT_SET: {
		unsigned set = *(const unsigned *)at;
		size_t used = 0;
		for (int j = 0; f->codes[j]; j++) {
			if (!(set & (1u << j)))
				continue;
			int w = snprintf(out + used, n - used, "%s%s", used ? "," : "",
					 f->codes[j]);
			if (w < 0 || (size_t)w >= n - used)
				return;
			used += (size_t)w;
		}
		return;
	}
	case GK_FT_BOOL:
		snprintf(out, n, "%s", *(const bool *)at ? "1" : "0");
		return;
	case GK_FT_AGENCY:
		snprintf(out, n, "%s", rec->names.agency_code);
		return;
	case GK_FT_APPLICATION:
		snprintf(out, n, "%s", rec->names.application_code);
		return;
	case GK_FT_CASE:
		snprintf(out, n, "%s", rec->names.review_case_no);
		return;
	}
}

json_t *gk_record_to_json(const struct gk_record *rec)
{
	const struct gk_record_kind_info *k = gk_record_kind_info(rec->kind);
	json_t *o = json_object();
	char text[2100];
	json_object_set_new(o, "id", json_integer(gk_record_id(rec)));
	json_object_set_new(o, "type", json_string(gk_record_kind_code(rec->kind)));
	for (size_t i = 0; i < k->nfields; i++) {
		const struct gk_record_field *f = &k->fields[i];
		gk_record_field_text(rec, f->name, text, sizeof text);
		if (f->type == GK_FT_BOOL) {
			json_object_set_new(o, f->name, json_boolean(text[0] == '1'));
		} else if (f->type == GK_FT_SET) {
			json_t *list = json_array();
			for (char *p = text; *p;) {
				size_t len = strcspn(p, ",");
				json_array_append_new(list, json_stringn(p, len));
				p += len + (p[len] == ',');
			}
			json_object_set_new(o, f->name, list);
		} else {
			json_object_set_new(o, f->name, json_string(text));
		}
	}
	json_object_set_new(o, "agency_name", json_string(rec->names.agency_name));
	struct meta m = meta_of(rec);
	json_object_set_new(o, "revision", json_integer(m.revision));
	json_object_set_new(o, "created_at", json_integer(m.created_at));
	json_object_set_new(o, "updated_at", json_integer(m.updated_at));
	json_object_set_new(o, "created_by", json_string(rec->names.created_by));
	json_object_set_new(o, "updated_by", json_string(rec->names.updated_by));
	return o;
}

/* --- JSON in ---------------------------------------------------------------------- */

const char *gk_json_field_get(void *ctx, const char *name)
{
	struct gk_json_fields *j = ctx;
	json_t *v = json_object_get(j->obj, name);
	char *buf = j->buf[j->next++ % 4];
	size_t n = sizeof j->buf[0];
	if (!v || json_is_null(v))
		return NULL;
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(buf, n, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return buf;
	}
	if (json_is_boolean(v))
		return json_is_true(v) ? "1" : "0";
	if (json_is_array(v)) {
		size_t i, used = 0;
		json_t *e;
		buf[0] = '\0';
		json_array_foreach(v, i, e) {
			int w = snprintf(buf + used, n - used, "%s%s", i ? "," : "",
					 json_is_string(e) ? json_string_value(e) : "?");
			if (w < 0 || (size_t)w >= n - used)
				break;
			used += (size_t)w;
		}
		return buf;
	}
	return "?"; /* a value of another type: refused by the field as not valid */
}

enum gk_err gk_record_json_check(enum gk_record_kind kind, json_t *obj, const char *const *extra,
				 struct gk_error *err)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
		bool known = gk_record_field(kind, key) || !strcmp(key, "revision");
		for (int i = 0; !known && extra && extra[i]; i++)
			known = !strcmp(key, extra[i]);
		if (!known)
			return gk_fail(err, GK_EINVAL, "未知字段“%.60s”", key);
		if (json_is_object(v) || json_is_real(v))
			return gk_fail(err, GK_EINVAL, "字段“%.60s”的值类型不正确", key);
	}
	return GK_OK;
}

/* --- the use cases ---------------------------------------------------------------- */

bool gk_svc_record_may_change(const struct gk_svc *svc, enum gk_record_kind kind)
{
	const struct gk_record_kind_info *k = gk_record_kind_info(kind);
	return !svc->actor || (k && (svc->actor->roles & k->roles));
}

int64_t gk_svc_record_scope(const struct gk_svc *svc)
{
	return svc->actor && !svc->actor->city_wide ? svc->actor->agency_id : 0;
}

static enum gk_err role_refused(enum gk_record_kind kind, struct gk_error *err)
{
	return gk_fail(err, GK_EFORBIDDEN, "你的账号没有修改“%s”记录的角色（需要%s或管理员）",
		       gk_record_kind_label(kind),
		       gk_record_kind_info(kind)->roles & GK_ROLE_EDITOR ? "信息发布" : "申请办理");
}

static enum gk_err validate(const struct gk_record *rec, struct gk_error *err)
{
	switch (rec->kind) {
	case GK_REC_COUNT: /* never a record's kind */
	case GK_REC_DISPUTE:
		return gk_dispute_validate(&rec->u.dispute, err);
	case GK_REC_COMPLAINT:
		return gk_complaint_validate(&rec->u.complaint, err);
	case GK_REC_RESPONSE:
		return gk_response_validate(&rec->u.response, err);
	}
	return gk_fail(err, GK_EINVAL, "未知的记录类型");
}

/* A year the working-day calendar does not hold (when the service has one):
 * nothing can be counted in it yet (its deadlines are unknown). LABEL
 * names the field. */
static enum gk_err year_has_calendar(const struct gk_svc *svc, int year, const char *label,
				     struct gk_error *err)
{
	if (!svc->calendar || gk_calendar_year_known(svc->calendar, year))
		return GK_OK;
	return gk_fail(err, GK_EINVAL,
		       "“%s”是%d年，该年的节假日安排（工作日历）尚未载入，不能登记该年的数据",
		       label, year);
}

/* No day of a record may lie after today, nor in a year with no calendar. */
static enum gk_err not_future(struct gk_svc *svc, const struct gk_record *rec, struct gk_error *err)
{
	const struct gk_record_kind_info *k = gk_record_kind_info(rec->kind);
	for (size_t i = 0; i < k->nfields; i++) {
		const struct gk_record_field *f = &k->fields[i];
		if (f->type != GK_FT_DATE)
			continue;
		long day = *(const long *)((const char *)cbase(rec) + f->offset);
		if (day != GK_NO_DAY && day > svc->today)
			return gk_fail(err, GK_EINVAL, "“%s”不能晚于今天", f->label);
		enum gk_err rc;
		if (day != GK_NO_DAY &&
		    (rc = year_has_calendar(svc, gk_date_from_days(day).year, f->label, err)))
			return rc;
	}
	return GK_OK;
}

/* A linked application: of the record's agency, received on or before START. */
static enum gk_err check_application(struct gk_svc *svc, int64_t app_id, int64_t agency_id,
				     long start, const char *start_label, struct gk_error *err)
{
	struct gk_application app;
	if (!app_id)
		return GK_OK;
	enum gk_err rc = gk_store_application_get(svc->store, app_id, false, &app, err);
	if (rc == GK_ENOTFOUND)
		return gk_fail(err, GK_EINVAL, "“关联申请”不存在");
	if (rc)
		return rc;
	if (app.agency_id != agency_id)
		return gk_fail(err, GK_EINVAL, "“关联申请”是向%s提出的，不是本机关的申请",
			       app.agency_name);
	long received = app.received != GK_NO_DAY ? app.received : app.submitted;
	char d[11];
	if (received != GK_NO_DAY && start < received)
		return gk_fail(err, GK_EINVAL, "“%s”不能早于关联申请的收到日期（%s）", start_label,
			       gk_date_format(gk_date_from_days(received), d));
	return GK_OK;
}

static enum gk_err check_dispute(struct gk_svc *svc, struct gk_dispute *d, struct gk_error *err)
{
	enum gk_err rc =
		check_application(svc, d->application_id, d->agency_id, d->filed, "立案日期", err);
	if (rc)
		return rc;
	if (d->review_id) {
		struct gk_dispute review;
		if (d->review_id == d->id)
			return gk_fail(err, GK_EINVAL, "“原复议案件”不能是本案");
		if ((rc = gk_store_dispute_get(svc->store, d->review_id, &review, NULL, err)))
			return rc == GK_ENOTFOUND ? gk_fail(err, GK_EINVAL, "“原复议案件”不存在")
						  : rc;
		if (review.kind != GK_DISPUTE_REVIEW || review.agency_id != d->agency_id)
			return gk_fail(err, GK_EINVAL, "“原复议案件”应为本机关的行政复议案件");
		long after = review.decided != GK_NO_DAY ? review.decided : review.filed;
		if (d->filed < after)
			return gk_fail(err, GK_EINVAL, "“立案日期”不能早于原复议案件的%s",
				       review.decided != GK_NO_DAY ? "审结日期" : "立案日期");
	}
	if (d->case_no[0]) {
		int64_t other = 0;
		rc = gk_store_dispute_by_case(svc->store, d->agency_id, d->case_no, &other, err);
		if (rc == GK_OK && other != d->id)
			return gk_fail(err, GK_ECONFLICT, "“案号”%s 已登记在本机关的另一案件中",
				       d->case_no);
		if (rc && rc != GK_ENOTFOUND)
			return rc;
	}
	return GK_OK;
}

/* What the audit row says of REC. */
static void summary(const struct gk_record *rec, char *out, size_t n)
{
	char day[11];
	switch (rec->kind) {
	case GK_REC_COUNT: /* never a record's kind */
	case GK_REC_DISPUTE: {
		const struct gk_dispute *d = &rec->u.dispute;
		snprintf(out, n, "%s %s 立案%s %s", gk_dispute_kind_label(d->kind),
			 d->case_no[0] ? d->case_no : "（无案号）",
			 gk_date_format(gk_date_from_days(d->filed), day),
			 gk_dispute_result_label(d->result));
		return;
	}
	case GK_REC_COMPLAINT: {
		const struct gk_complaint *c = &rec->u.complaint;
		snprintf(out, n, "投诉举报 收到%s %s：%.120s",
			 gk_date_format(gk_date_from_days(c->received), day),
			 gk_complaint_status_label(c->status), c->subject);
		return;
	}
	case GK_REC_RESPONSE: {
		const struct gk_response *r = &rec->u.response;
		snprintf(out, n, "%s %s：%.120s", gk_response_kind_label(r->kind),
			 gk_date_format(gk_date_from_days(r->held), day), r->title);
		return;
	}
	}
	out[0] = '\0';
}

static enum gk_err load(struct gk_store *s, enum gk_record_kind kind, int64_t id,
			struct gk_record *out, struct gk_error *err)
{
	memset(out, 0, sizeof *out);
	out->kind = kind;
	switch (kind) {
	case GK_REC_COUNT: /* never a record's kind */
	case GK_REC_DISPUTE:
		return gk_store_dispute_get(s, id, &out->u.dispute, &out->names, err);
	case GK_REC_COMPLAINT:
		return gk_store_complaint_get(s, id, &out->u.complaint, &out->names, err);
	case GK_REC_RESPONSE:
		return gk_store_response_get(s, id, &out->u.response, &out->names, err);
	}
	return gk_fail(err, GK_ENOTFOUND, "未知的记录类型");
}

static enum gk_err write(struct gk_svc *svc, struct gk_record *rec, bool fresh,
			 struct gk_error *err)
{
	struct gk_store *s = svc->store;
	int64_t user = gk_svc_actor_id(svc);
	switch (rec->kind) {
	case GK_REC_COUNT: /* never a record's kind */
	case GK_REC_DISPUTE:
		return fresh ? gk_store_dispute_insert(s, &rec->u.dispute, user, err)
			     : gk_store_dispute_update(s, &rec->u.dispute, user, err);
	case GK_REC_COMPLAINT:
		return fresh ? gk_store_complaint_insert(s, &rec->u.complaint, user, err)
			     : gk_store_complaint_update(s, &rec->u.complaint, user, err);
	case GK_REC_RESPONSE:
		return fresh ? gk_store_response_insert(s, &rec->u.response, user, err)
			     : gk_store_response_update(s, &rec->u.response, user, err);
	}
	return gk_fail(err, GK_EINVAL, "未知的记录类型");
}

enum gk_err gk_svc_record_save(struct gk_svc *svc, struct gk_record *rec, struct gk_error *err)
{
	if (!gk_svc_record_may_change(svc, rec->kind))
		return role_refused(rec->kind, err);
	enum gk_err rc;
	if ((rc = validate(rec, err)) || (rc = not_future(svc, rec, err)))
		return rc;
	int64_t agency = gk_record_agency(rec), id = gk_record_id(rec);
	if (svc->actor && !gk_svc_in_scope(svc, agency))
		return gk_fail(err, GK_EFORBIDDEN, "只能登记本机关及下属机关的记录");
	bool own;
	if ((rc = gk_svc_begin(svc, &own, err)))
		return rc;
	if (id) {
		struct gk_record *was = malloc(sizeof *was);
		rc = was ? load(svc->store, rec->kind, id, was, err)
			 : gk_fail(err, GK_ENOMEM, "out of memory");
		if (!rc && svc->actor && !gk_svc_in_scope(svc, gk_record_agency(was)))
			rc = gk_fail(err, GK_ENOTFOUND, "记录 %lld 不存在", (long long)id);
		free(was);
	}
	if (!rc && rec->kind == GK_REC_DISPUTE)
		rc = check_dispute(svc, &rec->u.dispute, err);
	if (!rc && rec->kind == GK_REC_COMPLAINT)
		rc = check_application(svc, rec->u.complaint.application_id, agency,
				       rec->u.complaint.received, "收到日期", err);
	struct gk_record saved = *rec;
	if (!rc)
		rc = write(svc, rec, id == 0, err);
	char detail[400];
	summary(rec, detail, sizeof detail);
	if (!rc)
		rc = gk_store_audit(svc->store, gk_svc_actor_id(svc), agency,
				    id ? "edit" : "create", gk_record_kind_code(rec->kind),
				    gk_record_id(rec), detail, err);
	rc = gk_svc_end(svc, own, rc, err);
	if (rc) {
		struct gk_record_names names = rec->names;
		*rec = saved;
		rec->names = names;
		if (!id) /* the insert was rolled back */
			*(int64_t *)base(rec) = 0;
	} else {
		/* the names of who saved it, as a load would give them */
		struct gk_record again;
		if (load(svc->store, rec->kind, gk_record_id(rec), &again, NULL) == GK_OK)
			*rec = again;
	}
	return rc;
}

enum gk_err gk_svc_record_get(struct gk_svc *svc, enum gk_record_kind kind, int64_t id,
			      struct gk_record *out, struct gk_error *err)
{
	enum gk_err rc = load(svc->store, kind, id, out, err);
	if (!rc && svc->actor && !gk_svc_in_scope(svc, gk_record_agency(out)))
		return gk_fail(err, GK_ENOTFOUND, "记录 %lld 不存在", (long long)id);
	return rc;
}

enum gk_err gk_svc_record_delete(struct gk_svc *svc, enum gk_record_kind kind, int64_t id,
				 int revision, struct gk_error *err)
{
	if (!gk_svc_record_may_change(svc, kind))
		return role_refused(kind, err);
	struct gk_record *rec = malloc(sizeof *rec);
	if (!rec)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	bool own;
	enum gk_err rc = gk_svc_begin(svc, &own, err);
	if (!rc)
		rc = gk_svc_record_get(svc, kind, id, rec, err);
	if (!rc && meta_of(rec).revision != revision)
		rc = gk_fail(err, GK_ECONFLICT, "该记录已被他人修改：请重新打开后再删除");
	if (!rc) {
		switch (kind) {
		case GK_REC_COUNT: /* never a record's kind */
		case GK_REC_DISPUTE:
			rc = gk_store_dispute_delete(svc->store, id, err);
			break;
		case GK_REC_COMPLAINT:
			rc = gk_store_complaint_delete(svc->store, id, err);
			break;
		case GK_REC_RESPONSE:
			rc = gk_store_response_delete(svc->store, id, err);
			break;
		}
	}
	if (!rc) {
		char detail[400];
		summary(rec, detail, sizeof detail);
		rc = gk_store_audit(svc->store, gk_svc_actor_id(svc), gk_record_agency(rec),
				    "delete", gk_record_kind_code(kind), id, detail, err);
	}
	free(rec);
	return gk_svc_end(svc, own, rc, err);
}

struct list_ctx {
	enum gk_record_kind kind;
	int (*fn)(const struct gk_record *rec, void *ctx);
	void *ctx;
	struct gk_record rec;
};

static int each_dispute(const struct gk_dispute *d, const struct gk_record_names *n, void *ctx)
{
	struct list_ctx *l = ctx;
	l->rec.u.dispute = *d;
	l->rec.names = *n;
	return l->fn(&l->rec, l->ctx);
}

static int each_complaint(const struct gk_complaint *c, const struct gk_record_names *n, void *ctx)
{
	struct list_ctx *l = ctx;
	l->rec.u.complaint = *c;
	l->rec.names = *n;
	return l->fn(&l->rec, l->ctx);
}

static int each_response(const struct gk_response *r, const struct gk_record_names *n, void *ctx)
{
	struct list_ctx *l = ctx;
	l->rec.u.response = *r;
	l->rec.names = *n;
	return l->fn(&l->rec, l->ctx);
}

enum gk_err gk_svc_record_list(struct gk_svc *svc, enum gk_record_kind kind,
			       const struct gk_record_filter *f,
			       int (*fn)(const struct gk_record *rec, void *ctx), void *ctx,
			       int64_t *total, struct gk_error *err)
{
	struct gk_record_filter g = *f;
	if (svc->actor) {
		if ((g.agency_id && !gk_svc_in_scope(svc, g.agency_id)) ||
		    (g.scope && !gk_svc_in_scope(svc, g.scope)))
			return gk_fail(err, GK_EFORBIDDEN, "该机构不在你的数据范围内");
		if (!g.agency_id && !g.scope)
			g.scope = gk_svc_record_scope(svc);
	}
	struct list_ctx *l = calloc(1, sizeof *l);
	if (!l)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	l->kind = l->rec.kind = kind;
	l->fn = fn;
	l->ctx = ctx;
	enum gk_err rc = GK_EINVAL;
	switch (kind) {
	case GK_REC_COUNT: /* never a record's kind */
	case GK_REC_DISPUTE:
		rc = gk_store_dispute_list(svc->store, &g, each_dispute, l, total, err);
		break;
	case GK_REC_COMPLAINT:
		rc = gk_store_complaint_list(svc->store, &g, each_complaint, l, total, err);
		break;
	case GK_REC_RESPONSE:
		rc = gk_store_response_list(svc->store, &g, each_response, l, total, err);
		break;
	}
	free(l);
	return rc;
}

/* --- per-year figures ----------------------------------------------------------- */

enum gk_err gk_figure_parse(enum gk_year_figure figure, const char *text, int64_t *value,
			    struct gk_error *err)
{
	const struct gk_year_figure_info *info = gk_year_figure_info(figure);
	*value = -1;
	if (!info)
		return gk_fail(err, GK_EINVAL, "未知的年报数据项");
	while (*text == ' ')
		text++;
	if (!*text)
		return GK_OK;
	if (*text == '-')
		return gk_fail(err, GK_EINVAL, "“%s”不能为负数", info->label);
	int64_t whole = 0, cents = 0;
	int digits = 0, decimals = -1;
	for (const char *p = text; *p && *p != ' '; p++) {
		if (*p == '.' && info->kind == GK_UNIT_AMOUNT && decimals < 0) {
			decimals = 0;
			continue;
		}
		if (!isdigit((unsigned char)*p) || digits >= 15 || decimals >= 2)
			return gk_fail(err, GK_EINVAL,
				       info->kind == GK_UNIT_AMOUNT
					       ? "“%s”应为金额（元，最多两位小数）"
					       : "“%s”应为不小于0的整数",
				       info->label);
		if (decimals >= 0) {
			cents = cents * 10 + (*p - '0');
			decimals++;
		} else {
			whole = whole * 10 + (*p - '0');
			digits++;
		}
	}
	if (info->kind == GK_UNIT_AMOUNT) {
		if (decimals == 1)
			cents *= 10;
		whole = whole * 100 + cents;
	}
	*value = whole;
	return GK_OK;
}

void gk_figure_format(enum gk_year_figure figure, int64_t value, char *out, size_t n)
{
	const struct gk_year_figure_info *info = gk_year_figure_info(figure);
	if (value < 0 || !info)
		snprintf(out, n, "%s", "");
	else if (info->kind == GK_UNIT_AMOUNT)
		snprintf(out, n, "%lld.%02lld", (long long)(value / 100), (long long)(value % 100));
	else
		snprintf(out, n, "%lld", (long long)value);
}

enum gk_err gk_svc_year_figures_get(struct gk_svc *svc, int64_t agency_id, int year,
				    struct gk_year_figure_value out[GK_YEAR_FIGURE_COUNT],
				    struct gk_error *err)
{
	if (svc->actor && !gk_svc_in_scope(svc, agency_id))
		return gk_fail(err, GK_EFORBIDDEN, "该机构不在你的数据范围内");
	if (year < GK_RECORD_YEAR_MIN || year > GK_RECORD_YEAR_MAX)
		return gk_fail(err, GK_EINVAL, "“年度”应在%d年至%d年之间", GK_RECORD_YEAR_MIN,
			       GK_RECORD_YEAR_MAX);
	return gk_store_year_figures_get(svc->store, agency_id, year, out, err);
}

enum gk_err gk_svc_year_figures_set(struct gk_svc *svc, int64_t agency_id, int year,
				    const struct gk_figure_change *changes, size_t n, int *changed,
				    struct gk_error *err)
{
	if (changed)
		*changed = 0;
	if (svc->actor && !(svc->actor->roles & (GK_ROLE_EDITOR | GK_ROLE_ADMIN)))
		return gk_fail(err, GK_EFORBIDDEN,
			       "你的账号没有填报年报数据的角色（需要信息发布或管理员）");
	if (svc->actor && !gk_svc_in_scope(svc, agency_id))
		return gk_fail(err, GK_EFORBIDDEN, "只能填报本机关及下属机关的数据");
	enum gk_err rc;
	for (size_t i = 0; i < n; i++)
		if (changes[i].value >= 0 &&
		    (rc = gk_year_figure_validate(changes[i].figure, year, changes[i].value, err)))
			return rc;
	if (year < GK_RECORD_YEAR_MIN || year > GK_RECORD_YEAR_MAX)
		return gk_fail(err, GK_EINVAL, "“年度”应在%d年至%d年之间", GK_RECORD_YEAR_MIN,
			       GK_RECORD_YEAR_MAX);
	/* figures of a year not begun (whose holiday calendar is not even
	 * published yet) cannot have happened */
	if (year > gk_date_from_days(svc->today).year)
		return gk_fail(err, GK_EINVAL, "“年度”%d年尚未开始，不能填报该年的数据", year);
	if ((rc = year_has_calendar(svc, year, "年度", err)))
		return rc;
	struct gk_year_figure_value *now = calloc(GK_YEAR_FIGURE_COUNT, sizeof *now);
	if (!now)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	bool own;
	struct gk_buf detail;
	gk_buf_init(&detail, 4096);
	gk_buf_printf(&detail, "%d年:", year);
	int count = 0;
	rc = gk_svc_begin(svc, &own, err);
	if (!rc)
		rc = gk_store_year_figures_get(svc->store, agency_id, year, now, err);
	for (size_t i = 0; !rc && i < n; i++) {
		const struct gk_figure_change *c = &changes[i];
		const struct gk_year_figure_info *info = gk_year_figure_info(c->figure);
		if (!info) {
			rc = gk_fail(err, GK_EINVAL, "未知的年报数据项");
			break;
		}
		struct gk_year_figure_value *was = &now[c->figure];
		if (c->value < 0 ? !was->set : (was->set && was->value == c->value))
			continue;
		rc = gk_store_year_figure_set(svc->store, agency_id, year, c->figure, c->value,
					      gk_svc_actor_id(svc), err);
		char v[32];
		gk_figure_format(c->figure, c->value, v, sizeof v);
		gk_buf_printf(&detail, " %s=%s", info->code, c->value < 0 ? "（清空）" : v);
		was->set = c->value >= 0;
		was->value = c->value;
		count++;
	}
	if (!rc && count)
		rc = gk_store_audit(svc->store, gk_svc_actor_id(svc), agency_id, "edit",
				    "year_figures", agency_id, detail.failed ? NULL : detail.data,
				    err);
	rc = gk_svc_end(svc, own, rc, err);
	gk_buf_release(&detail);
	free(now);
	if (!rc && changed)
		*changed = count;
	return rc;
}
