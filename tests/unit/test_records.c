/* The records the yearly report counts (issue 10): the validators refuse
 * impossible values naming the field, the store keeps and returns them
 * with their revisions (a stale save is a conflict), and the use cases
 * check role, scope and links (a reconsideration dated before its
 * application is refused) and write their audit rows. */
#include <setjmp.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "tempdb.h"

#include "core/records.h"
#include "lib/date.h"
#include "service/accounts.h"
#include "service/agencies.h"
#include "service/annual_report.h"
#include "service/records.h"

static long day(const char *s)
{
	struct gk_date d;
	assert_true(gk_date_parse(s, &d));
	return gk_date_to_days(d);
}

static struct gk_dispute review(void)
{
	struct gk_dispute d = {.agency_id = 1, .kind = GK_DISPUTE_REVIEW};
	d.filed = day("2021-03-01");
	d.decided = day("2021-05-10");
	d.result = GK_RESULT_UPHELD;
	snprintf(d.case_no, sizeof d.case_no, "同复〔2021〕1号");
	return d;
}

/* ERR's detail holds each of the NULL-ended strings. */
static void says(const struct gk_error *err, const char *what)
{
	if (!strstr(err->detail, what))
		fail_msg("'%s' does not say '%s'", err->detail, what);
}

static void validators_refuse_impossible_values(void **state)
{
	(void)state;
	struct gk_error err = {0};
	struct gk_dispute d = review();
	assert_int_equal(gk_dispute_validate(&d, &err), GK_OK);

	d.decided = day("2021-02-01");
	assert_int_equal(gk_dispute_validate(&d, &err), GK_EINVAL);
	says(&err, "“审结日期”不能早于“立案日期”");

	d = review();
	d.result = GK_RESULT_PENDING;
	assert_int_equal(gk_dispute_validate(&d, &err), GK_EINVAL);
	says(&err, "审结日期");
	d.decided = GK_NO_DAY;
	assert_int_equal(gk_dispute_validate(&d, &err), GK_OK);

	d = review();
	d.decided = GK_NO_DAY; /* decided, but no day */
	assert_int_equal(gk_dispute_validate(&d, &err), GK_EINVAL);
	says(&err, "审结日期");

	d = review();
	d.result = (enum gk_dispute_result)9;
	assert_int_equal(gk_dispute_validate(&d, &err), GK_EINVAL);
	says(&err, "审理结果");
	d = review();
	d.kind = (enum gk_dispute_kind) - 1;
	assert_int_equal(gk_dispute_validate(&d, &err), GK_EINVAL);
	says(&err, "案件类型");

	d = review();
	d.filed = day("2007-12-31");
	assert_int_equal(gk_dispute_validate(&d, &err), GK_EINVAL);
	says(&err, "立案日期");
	d.filed = GK_NO_DAY;
	assert_int_equal(gk_dispute_validate(&d, &err), GK_EINVAL);
	says(&err, "立案日期");

	d = review();
	d.review_id = 5; /* only a suit after review names one */
	assert_int_equal(gk_dispute_validate(&d, &err), GK_EINVAL);
	says(&err, "原复议案件");

	d = review();
	memset(d.note, 'x', sizeof d.note); /* not terminated: over-long */
	assert_int_equal(gk_dispute_validate(&d, &err), GK_EINVAL);
	says(&err, "“备注”过长");

	struct gk_complaint c = {.agency_id = 1, .status = GK_COMPLAINT_OPEN};
	c.received = day("2020-06-01");
	c.closed = GK_NO_DAY;
	assert_int_equal(gk_complaint_validate(&c, &err), GK_EINVAL);
	says(&err, "“投诉举报事项”不能为空");
	snprintf(c.subject, sizeof c.subject, "未按时答复");
	assert_int_equal(gk_complaint_validate(&c, &err), GK_OK);
	c.closed = day("2020-06-10"); /* closed while open */
	assert_int_equal(gk_complaint_validate(&c, &err), GK_EINVAL);
	says(&err, "办结日期");
	c.status = GK_COMPLAINT_UNFOUNDED;
	assert_int_equal(gk_complaint_validate(&c, &err), GK_OK);
	c.status = (enum gk_complaint_status)42;
	assert_int_equal(gk_complaint_validate(&c, &err), GK_EINVAL);
	says(&err, "办理状态");

	struct gk_response r = {.agency_id = 1, .kind = GK_RESPONSE_OPINION};
	r.held = day("2022-01-05");
	snprintf(r.title, sizeof r.title, "供暖问题");
	r.channels = 1u << GK_RCHANNEL_WEIBO;
	assert_int_equal(gk_response_validate(&r, &err), GK_OK);
	r.leader = true;
	assert_int_equal(gk_response_validate(&r, &err), GK_EINVAL);
	says(&err, "主要负责同志参加");
	r.kind = GK_RESPONSE_PRESS_CONFERENCE;
	assert_int_equal(gk_response_validate(&r, &err), GK_OK);
	r.channels = 1u << 20;
	assert_int_equal(gk_response_validate(&r, &err), GK_EINVAL);
	says(&err, "回应渠道");

	assert_int_equal(gk_year_figure_validate(GK_YF_TRAINING_SESSIONS, 2021, 10, &err), GK_OK);
	assert_int_equal(gk_year_figure_validate(GK_YF_TRAINING_SESSIONS, 2021, -1, &err),
			 GK_EINVAL);
	says(&err, "“举办培训班”不能为负数");
	assert_int_equal(gk_year_figure_validate(GK_YF_STAFF_FULL_TIME, 2101, 1, &err), GK_EINVAL);
	says(&err, "年度");
	assert_int_equal(gk_year_figure_validate(GK_YEAR_FIGURE_COUNT, 2021, 1, &err), GK_EINVAL);
}

static void figures_parse_counts_and_amounts(void **state)
{
	(void)state;
	struct gk_error err = {0};
	int64_t v;
	char text[32];
	assert_int_equal(gk_figure_parse(GK_YF_TRAINING_ATTENDANCE, "1150", &v, &err), GK_OK);
	assert_int_equal(v, 1150);
	assert_int_equal(gk_figure_parse(GK_YF_TRAINING_ATTENDANCE, "", &v, &err), GK_OK);
	assert_int_equal(v, -1); /* absent, not 0 */
	assert_int_equal(gk_figure_parse(GK_YF_TRAINING_ATTENDANCE, "-3", &v, &err), GK_EINVAL);
	says(&err, "“接受培训人员”不能为负数");
	assert_int_equal(gk_figure_parse(GK_YF_TRAINING_ATTENDANCE, "1.5", &v, &err), GK_EINVAL);
	says(&err, "接受培训人员");
	assert_int_equal(gk_figure_parse(GK_YF_ADMIN_FEES, "12345.6", &v, &err), GK_OK);
	assert_int_equal(v, 1234560);
	gk_figure_format(GK_YF_ADMIN_FEES, v, text, sizeof text);
	assert_string_equal(text, "12345.60");
	assert_int_equal(gk_figure_parse(GK_YF_ADMIN_FEES, "1.234", &v, &err), GK_EINVAL);
	says(&err, "行政事业性收费金额");
}

/* --- the store and the use cases ------------------------------------------------ */

struct fixture {
	struct tempdb db;
	struct gk_store *s;
	struct gk_svc cli;
	struct tempdb_city city;
	int64_t app;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (!f || tempdb_open(&f->db, &f->s))
		return -1;
	gk_svc_init(&f->cli, f->s, NULL, NULL, "cli");
	if (tempdb_add_city(&f->cli, &f->city))
		return -1;
	/* an application received by DEPT01 on 2021-03-10 */
	struct gk_application app;
	gk_application_init(&app);
	snprintf(app.tracking_code, sizeof app.tracking_code, "ABCDEFGHJK");
	app.agency_id = f->city.dept;
	app.received = app.submitted = day("2021-03-10");
	snprintf(app.applicant.name, sizeof app.applicant.name, "张三");
	snprintf(app.description, sizeof app.description, "某文件");
	if (gk_store_application_add(f->s, &app, NULL))
		return -1;
	f->app = app.id;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	tempdb_remove(&f->db, f->s);
	free(f);
	return 0;
}

struct fields {
	const char *const *kv; /* name, value, … NULL */
};

static const char *get(void *ctx, const char *name)
{
	const struct fields *f = ctx;
	for (int i = 0; f->kv[i]; i += 2)
		if (strcmp(f->kv[i], name) == 0)
			return f->kv[i + 1];
	return NULL;
}

static enum gk_err fill(struct gk_svc *svc, struct gk_record *rec, const char *const *kv,
			struct gk_error *err)
{
	struct fields f = {kv};
	return gk_svc_record_fill(svc, rec, get, &f, err);
}

/* One number from the database through a connection of its own. */
static long long count(struct fixture *f, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long n = -1;
	assert_int_equal(sqlite3_open_v2(f->db.path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static int count_dispute(const struct gk_dispute *d, const struct gk_record_names *n, void *ctx)
{
	(void)d;
	(void)n;
	(*(int *)ctx)++;
	return 0;
}

static void disputes_round_trip_with_revisions(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	struct gk_svc *svc = svc_at(f->s, NULL, &f->city.handler, day("2026-01-01"));
	struct gk_record rec;
	gk_record_init(&rec, GK_REC_DISPUTE, svc->today);
	static const char *const review_kv[] = {
		"agency",          "DEPT01",      "kind",       "review",     "case_no",
		"同复〔2021〕7号", "application", "ABCDEFGHJK", "filed",      "2021-04-01",
		"result",          "upheld",      "decided",    "2021-06-01", "authority",
		"某市人民政府",    NULL};
	assert_int_equal(fill(svc, &rec, review_kv, &err), GK_OK);
	assert_int_equal(gk_svc_record_save(svc, &rec, &err), GK_OK);
	int64_t id = gk_record_id(&rec);
	assert_true(id > 0);
	assert_int_equal(rec.u.dispute.revision, 1);
	assert_int_equal(rec.u.dispute.created_by, f->city.handler.id);
	assert_string_equal(rec.names.application_code, "ABCDEFGHJK");

	/* read back */
	struct gk_record got;
	assert_int_equal(gk_svc_record_get(svc, GK_REC_DISPUTE, id, &got, &err), GK_OK);
	assert_int_equal(got.u.dispute.application_id, f->app);
	assert_int_equal(got.u.dispute.decided, day("2021-06-01"));
	assert_string_equal(got.names.agency_code, "DEPT01");
	char text[64];
	gk_record_field_text(&got, "decided", text, sizeof text);
	assert_string_equal(text, "2021-06-01");

	/* an update of the revision read; a second from the same revision is stale */
	struct gk_record stale = got;
	static const char *const edit_kv[] = {"note", "复议维持", NULL};
	assert_int_equal(fill(svc, &got, edit_kv, &err), GK_OK);
	assert_int_equal(gk_svc_record_save(svc, &got, &err), GK_OK);
	assert_int_equal(got.u.dispute.revision, 2);
	assert_int_equal(fill(svc, &stale, edit_kv, &err), GK_OK);
	assert_int_equal(gk_svc_record_save(svc, &stale, &err), GK_ECONFLICT);
	assert_int_equal(stale.u.dispute.revision, 1);

	/* a suit after the review, linked by its case number */
	gk_record_init(&rec, GK_REC_DISPUTE, svc->today);
	static const char *const suit_kv[] = {
		"agency", "DEPT01",     "kind", "suit_after_review", "review", "同复〔2021〕7号",
		"filed",  "2021-05-01", NULL};
	assert_int_equal(fill(svc, &rec, suit_kv, &err), GK_OK);
	assert_int_equal(rec.u.dispute.review_id, id);
	assert_int_equal(gk_svc_record_save(svc, &rec, &err), GK_EINVAL);
	says(&err, "“立案日期”不能早于原复议案件的审结日期");
	static const char *const later_kv[] = {"filed", "2021-07-01", NULL};
	assert_int_equal(fill(svc, &rec, later_kv, &err), GK_OK);
	assert_int_equal(gk_svc_record_save(svc, &rec, &err), GK_OK);

	/* the same case number twice in one agency */
	gk_record_init(&rec, GK_REC_DISPUTE, svc->today);
	assert_int_equal(fill(svc, &rec, review_kv, &err), GK_OK);
	assert_int_equal(gk_svc_record_save(svc, &rec, &err), GK_ECONFLICT);
	says(&err, "案号");

	/* listings by agency and year, and by application */
	struct gk_record_filter flt = {.agency_id = f->city.dept, .year = 2021, .limit = 1};
	int64_t total = 0;
	int n = 0;
	assert_int_equal(gk_store_dispute_list(f->s, &flt, count_dispute, &n, &total, &err), GK_OK);
	assert_int_equal(total, 2);
	assert_int_equal(n, 1); /* paged */
	flt.agency_id = f->city.other;
	assert_int_equal(gk_store_dispute_list(f->s, &flt, count_dispute, &n, &total, &err), GK_OK);
	assert_int_equal(total, 0);
	n = 0;
	assert_int_equal(gk_store_application_disputes(f->s, f->app, count_dispute, &n, &err),
			 GK_OK);
	assert_int_equal(n, 1);
}

static int count_one(const struct gk_record *rec, void *ctx)
{
	(void)rec;
	(*(int *)ctx)++;
	return 0;
}

static void scope_role_and_links_are_checked(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	long today = day("2026-01-01");
	struct gk_record rec;
	static const char *const kv[] = {"agency", "DEPT01",      "kind",
					 "review", "application", "ABCDEFGHJK",
					 "filed",  "2021-03-09",  NULL};

	/* a reconsideration dated before its application */
	struct gk_svc *svc = svc_at(f->s, NULL, &f->city.handler, today);
	gk_record_init(&rec, GK_REC_DISPUTE, today);
	assert_int_equal(fill(svc, &rec, kv, &err), GK_OK);
	assert_int_equal(gk_svc_record_save(svc, &rec, &err), GK_EINVAL);
	says(&err, "“立案日期”不能早于关联申请的收到日期（2021-03-10）");
	assert_int_equal(gk_record_id(&rec), 0);

	/* a filed day in the future */
	static const char *const future[] = {"filed", "2026-02-01", NULL};
	assert_int_equal(fill(svc, &rec, future, &err), GK_OK);
	assert_int_equal(gk_svc_record_save(svc, &rec, &err), GK_EINVAL);
	says(&err, "“立案日期”不能晚于今天");

	/* another agency's staff: may not enter it, nor an application of DEPT01 */
	static const char *const ok_day[] = {"filed", "2021-03-12", NULL};
	assert_int_equal(fill(svc, &rec, ok_day, &err), GK_OK);
	svc = svc_at(f->s, NULL, &f->city.stranger, today);
	assert_int_equal(gk_svc_record_save(svc, &rec, &err), GK_EFORBIDDEN);
	static const char *const theirs[] = {"agency", "DEPT02", NULL};
	assert_int_equal(fill(svc, &rec, theirs, &err), GK_OK);
	assert_int_equal(gk_svc_record_save(svc, &rec, &err), GK_EINVAL);
	says(&err, "关联申请");

	/* the editor may not keep disputes; the handler may */
	svc = svc_at(f->s, NULL, &f->city.editor, today);
	static const char *const mine[] = {"agency", "DEPT01", NULL};
	assert_int_equal(fill(svc, &rec, mine, &err), GK_OK);
	assert_int_equal(gk_svc_record_save(svc, &rec, &err), GK_EFORBIDDEN);
	svc = svc_at(f->s, NULL, &f->city.handler, today);
	assert_int_equal(gk_svc_record_save(svc, &rec, &err), GK_OK);
	int64_t id = gk_record_id(&rec);

	/* the stranger neither sees nor lists it; the city office does */
	struct gk_record got;
	svc = svc_at(f->s, NULL, &f->city.stranger, today);
	assert_int_equal(gk_svc_record_get(svc, GK_REC_DISPUTE, id, &got, &err), GK_ENOTFOUND);
	int n = 0;
	struct gk_record_filter all = {0};
	assert_int_equal(gk_svc_record_list(svc, GK_REC_DISPUTE, &all, count_one, &n, NULL, &err),
			 GK_OK);
	assert_int_equal(n, 0);
	struct gk_record_filter theirs_f = {.agency_id = f->city.dept};
	assert_int_equal(
		gk_svc_record_list(svc, GK_REC_DISPUTE, &theirs_f, count_one, &n, NULL, &err),
		GK_EFORBIDDEN);
	assert_int_equal(gk_svc_record_delete(svc, GK_REC_DISPUTE, id, 1, &err), GK_ENOTFOUND);
	svc = svc_at(f->s, NULL, &f->city.office, today);
	assert_int_equal(gk_svc_record_get(svc, GK_REC_DISPUTE, id, &got, &err), GK_OK);
	struct gk_record_filter y2021 = {.year = 2021}, y2022 = {.year = 2022};
	int64_t total = 0;
	assert_int_equal(
		gk_svc_record_list(svc, GK_REC_DISPUTE, &y2021, count_one, &n, &total, &err),
		GK_OK);
	assert_int_equal(n, 1);
	assert_int_equal(total, 1);
	assert_int_equal(
		gk_svc_record_list(svc, GK_REC_DISPUTE, &y2022, count_one, &n, &total, &err),
		GK_OK);
	assert_int_equal(total, 0);

	/* the application lists it; a delete of a stale revision is refused, then done */
	assert_int_equal(gk_svc_record_delete(svc, GK_REC_DISPUTE, id, 7, &err), GK_ECONFLICT);
	assert_int_equal(gk_svc_record_delete(svc, GK_REC_DISPUTE, id, 1, &err), GK_OK);
	assert_int_equal(gk_svc_record_get(svc, GK_REC_DISPUTE, id, &got, &err), GK_ENOTFOUND);

	/* an audit row per change, naming who and which record; none for refusals */
	char sql[256];
	snprintf(
		sql, sizeof sql,
		"SELECT count(*) FROM audit_log WHERE object_type = 'dispute' AND object_id = %lld "
		"AND ((action = 'create' AND user_id = %lld) OR (action = 'delete' AND user_id = "
		"%lld))",
		(long long)id, (long long)f->city.handler.id, (long long)f->city.office.id);
	assert_int_equal(count(f, sql), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE object_type = 'dispute'"),
			 2);
}

static void complaints_and_responses_round_trip(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	long today = day("2026-01-01");
	struct gk_svc *svc = svc_at(f->s, NULL, &f->city.handler, today);
	struct gk_record rec, got;
	gk_record_init(&rec, GK_REC_COMPLAINT, today);
	static const char *const c_kv[] = {"agency", "DEPT01", "received", "2022-02-03",
					   "source", "来信",   "subject",  "未按期答复",
					   "status", "upheld", "closed",   "2022-02-20",
					   "result", "已整改", NULL};
	assert_int_equal(fill(svc, &rec, c_kv, &err), GK_OK);
	assert_int_equal(gk_svc_record_save(svc, &rec, &err), GK_OK);
	assert_int_equal(gk_svc_record_get(svc, GK_REC_COMPLAINT, gk_record_id(&rec), &got, &err),
			 GK_OK);
	assert_int_equal(got.u.complaint.status, GK_COMPLAINT_UPHELD);
	assert_string_equal(got.u.complaint.source, "来信");
	static const char *const bad_status[] = {"status", "lost", NULL};
	assert_int_equal(fill(svc, &got, bad_status, &err), GK_EINVAL);
	says(&err, "办理状态");

	/* responses are the editor's */
	gk_record_init(&rec, GK_REC_RESPONSE, today);
	static const char *const r_kv[] = {"agency",   "DEPT01",
					   "kind",     "press_conference",
					   "held",     "2023-05-06",
					   "title",    "空气质量发布会",
					   "channels", "press_conference,weibo",
					   "leader",   "1",
					   NULL};
	assert_int_equal(fill(svc, &rec, r_kv, &err), GK_OK);
	assert_int_equal(gk_svc_record_save(svc, &rec, &err), GK_EFORBIDDEN);
	svc = svc_at(f->s, NULL, &f->city.editor, today);
	assert_int_equal(gk_svc_record_save(svc, &rec, &err), GK_OK);
	assert_int_equal(gk_svc_record_get(svc, GK_REC_RESPONSE, gk_record_id(&rec), &got, &err),
			 GK_OK);
	assert_int_equal(got.u.response.channels,
			 1u << GK_RCHANNEL_PRESS | 1u << GK_RCHANNEL_WEIBO);
	assert_true(got.u.response.leader);
	json_t *o = gk_record_to_json(&got);
	assert_int_equal(json_array_size(json_object_get(o, "channels")), 2);
	assert_string_equal(json_string_value(json_object_get(o, "kind")), "press_conference");
	json_decref(o);
	static const char *const bad_channel[] = {"channels", "weibo,fax", NULL};
	assert_int_equal(fill(svc, &got, bad_channel, &err), GK_EINVAL);
	says(&err, "回应渠道");
}

static void year_figures_are_absent_until_entered(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	struct gk_svc *svc = svc_at(f->s, NULL, &f->city.editor, day("2026-01-01"));
	struct gk_year_figure_value v[GK_YEAR_FIGURE_COUNT];
	assert_int_equal(gk_svc_year_figures_get(svc, f->city.dept, 2021, v, &err), GK_OK);
	for (int i = 0; i < GK_YEAR_FIGURE_COUNT; i++)
		assert_false(v[i].set);
	struct gk_figure_change ch[] = {{GK_YF_TRAINING_SESSIONS, 3},
					{GK_YF_STAFF_FULL_TIME, 0},
					{GK_YF_ADMIN_FEES, 123456}};
	int changed = 0;
	assert_int_equal(gk_svc_year_figures_set(svc, f->city.dept, 2021, ch, 3, &changed, &err),
			 GK_OK);
	assert_int_equal(changed, 3);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE object_type = "
				  "'year_figures' AND detail LIKE '%training_sessions=3%'"),
			 1);
	assert_int_equal(gk_svc_year_figures_get(svc, f->city.dept, 2021, v, &err), GK_OK);
	assert_true(v[GK_YF_STAFF_FULL_TIME].set); /* 0 entered is 0, not absent */
	assert_int_equal(v[GK_YF_STAFF_FULL_TIME].value, 0);
	assert_int_equal(v[GK_YF_ADMIN_FEES].value, 123456);
	assert_int_equal(v[GK_YF_TRAINING_SESSIONS].updated_by, f->city.editor.id);
	assert_false(v[GK_YF_MEETINGS].set);

	/* the same values again change nothing; a clear makes it absent */
	assert_int_equal(gk_svc_year_figures_set(svc, f->city.dept, 2021, ch, 3, &changed, &err),
			 GK_OK);
	assert_int_equal(changed, 0);
	struct gk_figure_change clear = {GK_YF_TRAINING_SESSIONS, -1};
	assert_int_equal(
		gk_svc_year_figures_set(svc, f->city.dept, 2021, &clear, 1, &changed, &err), GK_OK);
	assert_int_equal(gk_svc_year_figures_get(svc, f->city.dept, 2021, v, &err), GK_OK);
	assert_false(v[GK_YF_TRAINING_SESSIONS].set);

	/* a negative value, a year out of range, another agency, a handler */
	struct gk_figure_change neg = {GK_YF_MEETINGS, -5};
	(void)neg; /* -1 and below clear: negatives come in as text, refused by the parser */
	assert_int_equal(gk_svc_year_figures_set(svc, f->city.dept, 2200, ch, 1, NULL, &err),
			 GK_EINVAL);
	says(&err, "年度");
	assert_int_equal(gk_svc_year_figures_set(svc, f->city.other, 2021, ch, 1, NULL, &err),
			 GK_EFORBIDDEN);
	svc = svc_at(f->s, NULL, &f->city.handler, day("2026-01-01"));
	assert_int_equal(gk_svc_year_figures_set(svc, f->city.dept, 2021, ch, 1, NULL, &err),
			 GK_EFORBIDDEN);

	/* sums over a subtree */
	svc = svc_at(f->s, NULL, &f->city.office, day("2026-01-01"));
	struct gk_figure_change other_ch = {GK_YF_STAFF_FULL_TIME, 4};
	assert_int_equal(
		gk_svc_year_figures_set(svc, f->city.other, 2021, &other_ch, 1, NULL, &err), GK_OK);
	assert_int_equal(gk_store_year_figures_sum(f->s, 0, 2021, v, &err), GK_OK);
	assert_int_equal(v[GK_YF_STAFF_FULL_TIME].value, 4);
	assert_false(v[GK_YF_MEETINGS].set);
}

/* A year the working-day calendar does not hold is refused, naming the
 * field: a figure of that year, a record dated in it, its yearly report. */
static void a_year_without_calendar_is_refused(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	struct gk_calendar *cal = gk_calendar_new_builtin(&err);
	assert_non_null(cal);
	/* the machine's year is 2027, whose holiday calendar is not out yet */
	assert_false(gk_calendar_year_known(cal, 2027));
	struct gk_svc *svc = svc_at(f->s, cal, &f->city.editor, day("2027-01-20"));
	struct gk_figure_change ch = {GK_YF_TRAINING_SESSIONS, 2};
	int changed = 0;
	assert_int_equal(gk_svc_year_figures_set(svc, f->city.dept, 2027, &ch, 1, &changed, &err),
			 GK_EINVAL);
	says(&err, "“年度”是2027年");
	says(&err, "工作日历");
	/* the year before, which it holds, is fine */
	assert_int_equal(gk_svc_year_figures_set(svc, f->city.dept, 2026, &ch, 1, &changed, &err),
			 GK_OK);
	svc = svc_at(f->s, cal, &f->city.handler, day("2027-01-20"));
	struct gk_record rec;
	gk_record_init(&rec, GK_REC_COMPLAINT, svc->today);
	static const char *const kv[] = {"agency", "DEPT01", "received", "2027-01-05",
					 "source", "来信",   "subject",  "未按期答复",
					 "status", "open",   NULL};
	assert_int_equal(fill(svc, &rec, kv, &err), GK_OK);
	assert_int_equal(gk_svc_record_save(svc, &rec, &err), GK_EINVAL);
	says(&err, "工作日历");
	says(&err, "收到日期");
	struct gk_annual a;
	svc = svc_at(f->s, cal, &f->city.office, day("2027-01-20"));
	assert_int_equal(gk_svc_annual_build(svc, f->city.dept, 2027, false, &a, &err), GK_EINVAL);
	says(&err, "“年度”2027年");
	gk_annual_release(&a);
	assert_int_equal(gk_svc_annual_build(svc, f->city.dept, 2026, false, &a, &err), GK_OK);
	gk_annual_release(&a);
	gk_calendar_free(cal);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(validators_refuse_impossible_values),
		cmocka_unit_test(figures_parse_counts_and_amounts),
		cmocka_unit_test_setup_teardown(disputes_round_trip_with_revisions, setup,
						teardown),
		cmocka_unit_test_setup_teardown(scope_role_and_links_are_checked, setup, teardown),
		cmocka_unit_test_setup_teardown(complaints_and_responses_round_trip, setup,
						teardown),
		cmocka_unit_test_setup_teardown(year_figures_are_absent_until_entered, setup,
						teardown),
		cmocka_unit_test_setup_teardown(a_year_without_calendar_is_refused, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
