/* The yearly report's staff-written sections (versions, the stale-revision
 * conflict, who may write) and the supervision's figures and weights, on a
 * real database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "tempdb.h"

#include "service/accounts.h"
#include "service/agencies.h"
#include "service/report_texts.h"
#include "service/supervision.h"
#include "store/db.h"

struct fixture {
	struct tempdb db;
	struct gk_store *s;
	struct gk_svc cli;
	struct gk_agency root, office, dept, district, district_dept;
};

static struct gk_agency agency(const char *code, const char *name, enum gk_agency_kind kind)
{
	struct gk_agency a = {.kind = kind};
	snprintf(a.code, sizeof a.code, "%s", code);
	snprintf(a.name, sizeof a.name, "%s", name);
	return a;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (!f || tempdb_open(&f->db, &f->s))
		return -1;
	gk_svc_init(&f->cli, f->s, NULL, NULL, "cli");
	f->root = agency("ROOT01", "某市人民政府", GK_AGENCY_GOVERNMENT);
	f->office = agency("OFFC01", "某市人民政府办公室", GK_AGENCY_OFFICE);
	f->office.supervises = true;
	f->dept = agency("DEPT01", "某市环境保护局", GK_AGENCY_DEPARTMENT);
	f->district = agency("DIST01", "某区人民政府", GK_AGENCY_GOVERNMENT);
	f->district_dept = agency("DIST02", "某区教育局", GK_AGENCY_DEPARTMENT);
	if (gk_svc_agency_add(&f->cli, &f->root, NULL, NULL) ||
	    gk_svc_agency_add(&f->cli, &f->office, "ROOT01", NULL) ||
	    gk_svc_agency_add(&f->cli, &f->dept, "ROOT01", NULL) ||
	    gk_svc_agency_add(&f->cli, &f->district, "ROOT01", NULL) ||
	    gk_svc_agency_add(&f->cli, &f->district_dept, "DIST01", NULL))
		return -1;
	static const struct {
		const char *login, *roles, *agency;
	} users[] = {
		{"city.editor", "editor", "OFFC01"},  {"city.handler", "handler", "OFFC01"},
		{"dept.editor", "editor", "DEPT01"},  {"dist.admin", "admin", "DIST01"},
		{"dist2.editor", "editor", "DIST02"},
	};
	for (size_t i = 0; i < sizeof users / sizeof users[0]; i++) {
		struct gk_account_input in = {users[i].login, "某某", users[i].roles,
					      users[i].agency, "a-good-password"};
		if (gk_svc_user_add(&f->cli, &in, NULL, NULL))
			return -1;
	}
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

/* A context acting as LOGIN on TODAY. */
static struct gk_svc as(struct fixture *f, const char *login, struct gk_user *u, long today)
{
	assert_int_equal(gk_store_user_by_login(f->s, login, u, NULL), GK_OK);
	struct gk_svc svc;
	gk_svc_init(&svc, f->s, NULL, u, "test");
	if (today)
		svc.today = today;
	return svc;
}

static struct gk_report_text_input one(enum gk_report_section s, int expected, const char *body)
{
	return (struct gk_report_text_input){s, expected, body, 0, false};
}

struct versions {
	int n;
	int revision[8];
	char body[8][64];
};

static int collect(const struct gk_report_version *t, void *ctx)
{
	struct versions *v = ctx;
	if (v->n < 8) {
		v->revision[v->n] = t->revision;
		snprintf(v->body[v->n], sizeof v->body[v->n], "%s", t->body);
		v->n++;
	}
	return 0;
}

static void texts_are_versions_and_a_stale_save_is_refused(void **state)
{
	struct fixture *f = *state;
	struct gk_user u;
	struct gk_svc svc = as(f, "dept.editor", &u, 0);
	struct gk_error err = {0};

	struct gk_report_text_input in[2] = {one(GK_SECTION_OVERVIEW, 0, "第一稿\r\n第二行"),
					     one(GK_SECTION_PROBLEMS, 0, "问题")};
	assert_int_equal(gk_svc_report_texts_save(&svc, f->dept.id, 2023, in, 2, &err), GK_OK);
	assert_true(in[0].saved);
	assert_int_equal(in[0].revision, 1);
	assert_int_equal(in[1].revision, 1);

	/* the next version from the current one */
	in[0] = one(GK_SECTION_OVERVIEW, 1, "第二稿");
	assert_int_equal(gk_svc_report_texts_save(&svc, f->dept.id, 2023, in, 1, &err), GK_OK);
	assert_int_equal(in[0].revision, 2);

	/* another editor still on version 1: refused, in Chinese, naming the
	 * section, and nothing of the save is stored */
	struct gk_user u2;
	struct gk_svc city = as(f, "city.editor", &u2, 0);
	in[0] = one(GK_SECTION_PROBLEMS, 1, "改过的问题");
	in[1] = one(GK_SECTION_OVERVIEW, 1, "旧稿上改的");
	assert_int_equal(gk_svc_report_texts_save(&city, f->dept.id, 2023, in, 2, &err),
			 GK_ECONFLICT);
	assert_non_null(strstr(err.detail, "总体情况"));
	assert_non_null(strstr(err.detail, "第2版"));
	assert_false(in[0].saved);

	struct versions v = {0};
	assert_int_equal(gk_store_report_text_current(f->s, f->dept.id, 2023, collect, &v, NULL),
			 GK_OK);
	assert_int_equal(v.n, 2);
	assert_string_equal(v.body[0], "第二稿");
	assert_string_equal(v.body[1], "问题"); /* the refused save left it alone */

	/* a section sent back unchanged is not a new version, even if it is
	 * behind: only what the editor changed can conflict */
	in[0] = one(GK_SECTION_OVERVIEW, 1, "第一稿\n第二行");
	in[1] = one(GK_SECTION_OTHER, 0, "其他事项");
	assert_int_equal(gk_svc_report_texts_save(&city, f->dept.id, 2023, in, 2, &err), GK_OK);
	assert_false(in[0].saved);
	assert_true(in[1].saved);

	memset(&v, 0, sizeof v);
	assert_int_equal(
		gk_store_report_text_history(f->s, f->dept.id, 2023, "overview", collect, &v, NULL),
		GK_OK);
	assert_int_equal(v.n, 2);
	assert_int_equal(v.revision[0], 2);               /* newest first */
	assert_string_equal(v.body[1], "第一稿\n第二行"); /* "\r\n" kept as "\n" */

	/* the store alone: of two writers from one version, the second loses */
	int rev = 0;
	assert_int_equal(
		gk_store_report_text_save(f->s, f->dept.id, 2024, "other", 0, "甲", 0, &rev, &err),
		GK_OK);
	assert_int_equal(rev, 1);
	assert_int_equal(
		gk_store_report_text_save(f->s, f->dept.id, 2024, "other", 0, "乙", 0, &rev, &err),
		GK_ECONFLICT);
	assert_non_null(strstr(err.detail, "其他需要报告的事项"));

	/* the list's status: three sections written for 2023, none published */
	int64_t audits = 0;
	assert_int_equal(
		gk_db_int(f->s, "SELECT count(*) FROM audit_log WHERE object_type = 'report_text'",
			  GK_NOARGS, &audits, "count", NULL),
		GK_OK);
	assert_int_equal(audits, 4); /* one per version stored through the service */
}

static void only_editors_of_the_subtree_write_and_input_is_checked(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	struct gk_user u;
	struct gk_report_text_input in = one(GK_SECTION_OVERVIEW, 0, "文字");

	struct gk_svc dept = as(f, "dept.editor", &u, 0);
	assert_int_equal(gk_svc_report_texts_save(&dept, f->root.id, 2023, &in, 1, &err),
			 GK_EFORBIDDEN);
	struct gk_user h;
	struct gk_svc handler = as(f, "city.handler", &h, 0);
	assert_int_equal(gk_svc_report_texts_save(&handler, f->dept.id, 2023, &in, 1, &err),
			 GK_EFORBIDDEN);
	struct gk_user d;
	struct gk_svc dist = as(f, "dist.admin", &d, 0);
	assert_int_equal(gk_svc_report_texts_save(&dist, f->district_dept.id, 2023, &in, 1, &err),
			 GK_OK);
	assert_int_equal(gk_svc_report_texts_save(&dist, f->dept.id, 2023, &in, 1, &err),
			 GK_EFORBIDDEN);

	assert_int_equal(gk_svc_report_texts_save(&dept, f->dept.id, 2007, &in, 1, &err),
			 GK_EINVAL);
	assert_non_null(strstr(err.detail, "年度"));
	size_t n = GK_REPORT_TEXT_MAX + 1;
	char *big = malloc(n * 3 + 1);
	for (size_t i = 0; i < n; i++)
		memcpy(big + i * 3, "字", 3);
	big[n * 3] = '\0';
	in = one(GK_SECTION_PROBLEMS, 0, big);
	assert_int_equal(gk_svc_report_texts_save(&dept, f->dept.id, 2023, &in, 1, &err),
			 GK_EINVAL);
	assert_non_null(strstr(err.detail, "存在的主要问题及改进情况"));
	big[(n - 1) * 3] = '\0'; /* exactly the limit */
	assert_int_equal(gk_svc_report_texts_save(&dept, f->dept.id, 2023, &in, 1, &err), GK_OK);
	free(big);
	in = one((enum gk_report_section)7, 0, "x");
	assert_int_equal(gk_svc_report_texts_save(&dept, f->dept.id, 2023, &in, 1, &err),
			 GK_EINVAL);
}

static void exec(struct fixture *f, const char *sql, const struct gk_val *args)
{
	struct gk_error err = {0};
	assert_int_equal(gk_db_exec(f->s, sql, args, NULL, "test data", &err), GK_OK);
}

/* An application of AGENCY received on RECEIVED, due DUE; closed on CLOSED
 * (NULL: open) with ON_TIME. */
static void application(struct fixture *f, const char *code, int64_t agency, const char *received,
			const char *due, const char *replied, int on_time)
{
	exec(f,
	     "INSERT INTO applications(tracking_code, agency_id, channel, received, applicant_type,"
	     " description, delivery, state, due, replied, on_time, is_open, clock_state)"
	     " VALUES (?1, ?2, 'online', ?3, 'citizen', 'x', 'email', ?4, ?5, ?6, ?7, ?8, ?9)",
	     GK_ARGS(GK_TEXT(code), GK_INT(agency), GK_TEXT(received),
		     GK_TEXT(replied ? "replied" : "assigned"), GK_TEXT(due),
		     GK_TEXT(replied ? replied : ""), GK_INT(on_time), GK_INT(replied ? 0 : 1),
		     GK_TEXT(replied ? "stopped" : "running")));
}

static void item(struct fixture *f, int64_t agency, const char *status, const char *published)
{
	exec(f,
	     "INSERT INTO items(agency_id, status, title, topic, genre, published) "
	     "VALUES (?1, ?2, 't', '01', 'notice', ?3)",
	     GK_ARGS(GK_INT(agency), GK_TEXT(status), GK_TEXT(published)));
}

static const struct gk_supervision_row *row(const struct gk_supervision *sv, int64_t id)
{
	for (size_t i = 0; i < sv->count; i++)
		if (sv->rows[i].agency.id == id)
			return &sv->rows[i];
	return NULL;
}

static long day_of(int y, int m, int d)
{
	return gk_date_to_days((struct gk_date){y, m, d});
}

static void supervision_counts_per_agency_in_scope(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	/* the department: two concluded in 2023 (one late), one received in
	 * 2023 and closed in 2024 after its deadline (open and overdue at the
	 * end of 2023), one open still and not yet due then */
	application(f, "A1", f->dept.id, "2023-03-01", "2023-03-22", "2023-03-20", 1);
	application(f, "A2", f->dept.id, "2023-05-01", "2023-05-22", "2023-06-01", 0);
	application(f, "A3", f->dept.id, "2023-11-01", "2023-11-22", "2024-01-10", 0);
	application(f, "A4", f->dept.id, "2023-12-20", "2024-01-15", NULL, 0);
	application(f, "A5", f->dept.id, "2022-12-01", "2022-12-22", "2022-12-20", 1);
	/* withdrawn in 2023, without a reply: concluded on its closing event's day */
	application(f, "A6", f->dept.id, "2023-07-01", "2023-07-22", "", 1);
	exec(f,
	     "UPDATE applications SET is_open = 0, state = 'withdrawn' WHERE tracking_code = 'A6'",
	     GK_NOARGS);
	exec(f,
	     "INSERT INTO application_events(application_id, day, action, state_to, clock) "
	     "SELECT id, '2023-07-05', 'withdraw', 'withdrawn', 'closed' FROM applications "
	     "WHERE tracking_code = 'A6'",
	     GK_NOARGS);
	/* disputes: a corrected review, a corrected suit decided in 2024 (not
	 * counted: pending on 31 December), an upheld one */
	exec(f,
	     "INSERT INTO disputes(agency_id, kind, filed, decided, result) VALUES"
	     " (?1, 'review', '2023-04-01', '2023-06-01', 'corrected'),"
	     " (?1, 'direct_suit', '2023-04-01', '2024-02-01', 'corrected'),"
	     " (?1, 'direct_suit', '2023-04-01', '2023-09-01', 'corrected'),"
	     " (?1, 'review', '2023-04-01', '2023-06-01', 'upheld')",
	     GK_ARGS(GK_INT(f->dept.id)));
	item(f, f->dept.id, "published", "2023-02-01 09:00");
	item(f, f->dept.id, "withdrawn", "2023-07-01 09:00");
	item(f, f->dept.id, "published", "2024-01-01 00:00");
	item(f, f->dept.id, "draft", "");
	item(f, f->office.id, "published", "2023-12-31 23:59");
	/* the department published on 2024-02-05 (late), the district on time */
	item(f, f->dept.id, "published", "2024-02-05 10:00");
	exec(f,
	     "INSERT INTO annual_reports(agency_id, year, rollup, style, item_id) "
	     "VALUES (?1, 2023, 0, '2021', (SELECT max(id) FROM items))",
	     GK_ARGS(GK_INT(f->dept.id)));
	item(f, f->district.id, "published", "2024-03-31 10:00");
	exec(f,
	     "INSERT INTO annual_reports(agency_id, year, rollup, style, item_id) "
	     "VALUES (?1, 2023, 1, '2021', (SELECT max(id) FROM items))",
	     GK_ARGS(GK_INT(f->district.id)));

	struct gk_user u;
	struct gk_svc city = as(f, "city.editor", &u, day_of(2024, 2, 10));
	struct gk_supervision sv;
	assert_int_equal(gk_svc_supervision(&city, 2023, &sv, &err), GK_OK);
	assert_int_equal(sv.count, 5);
	assert_int_equal(sv.cutoff, day_of(2023, 12, 31));
	const struct gk_supervision_row *d = row(&sv, f->dept.id);
	assert_non_null(d);
	assert_int_equal(d->fig.concluded_on_time, 2);
	assert_int_equal(d->fig.concluded_late, 1);
	assert_int_equal(d->fig.open_at_end, 2);
	assert_int_equal(d->fig.open_overdue, 1);
	assert_int_equal(d->fig.corrected_review, 1);
	assert_int_equal(d->fig.corrected_suit, 1);
	assert_int_equal(d->fig.items_published, 2);
	assert_int_equal(d->deadline, day_of(2024, 1, 31));
	assert_int_equal(d->published, day_of(2024, 2, 5));
	assert_int_equal(d->fig.report, GK_TIMING_LATE);
	/* the sub-scores with the default weights: on time 2 of 3, overdue
	 * 100 × (1 − 1/5), corrected 60, items: the only department with
	 * items, 100; report late 50 */
	assert_float_equal(d->score.sub[GK_CRIT_OVERDUE], 80.0, 1e-9);
	assert_float_equal(d->score.total,
			   (30 * 200.0 / 3 + 20 * 80 + 20 * 60 + 15 * 100 + 15 * 50) / 100, 1e-9);
	const struct gk_supervision_row *g = row(&sv, f->district.id);
	assert_int_equal(g->deadline, day_of(2024, 3, 31));
	assert_int_equal(g->fig.report, GK_TIMING_ON_TIME);
	assert_int_equal(row(&sv, f->root.id)->fig.report, GK_TIMING_NOT_DUE);
	assert_int_equal(row(&sv, f->district_dept.id)->fig.report, GK_TIMING_OVERDUE);
	assert_int_equal(row(&sv, f->office.id)->fig.items_published, 1);
	gk_supervision_release(&sv);

	/* the district sees its subtree only */
	struct gk_user du;
	struct gk_svc dist = as(f, "dist.admin", &du, day_of(2024, 2, 10));
	assert_int_equal(gk_svc_supervision(&dist, 2023, &sv, &err), GK_OK);
	assert_int_equal(sv.count, 2);
	assert_non_null(row(&sv, f->district.id));
	assert_non_null(row(&sv, f->district_dept.id));
	gk_supervision_release(&sv);
	assert_int_equal(gk_svc_supervision(&dist, 1999, &sv, &err), GK_EINVAL);
	gk_supervision_release(&sv);
}

static void weights_are_the_city_offices(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	int w[GK_CRIT_COUNT] = {100, 0, 0, 0, 0};
	struct gk_user u;
	struct gk_svc dist = as(f, "dist.admin", &u, 0);
	assert_int_equal(gk_svc_score_weights_set(&dist, 2023, w, &err), GK_EFORBIDDEN);
	struct gk_user h;
	struct gk_svc handler = as(f, "city.handler", &h, 0);
	assert_int_equal(gk_svc_score_weights_set(&handler, 2023, w, &err), GK_EFORBIDDEN);

	struct gk_user e;
	struct gk_svc city = as(f, "city.editor", &e, 0);
	int got[GK_CRIT_COUNT];
	bool stored = true;
	assert_int_equal(gk_svc_score_weights(&city, 2023, got, &stored, &err), GK_OK);
	assert_false(stored);
	assert_int_equal(got[GK_CRIT_ON_TIME_RATE], 30);
	w[GK_CRIT_OVERDUE] = 1001;
	assert_int_equal(gk_svc_score_weights_set(&city, 2023, w, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "超期未办结申请"));
	w[GK_CRIT_OVERDUE] = 1000;
	assert_int_equal(gk_svc_score_weights_set(&city, 2023, w, &err), GK_OK);
	assert_int_equal(gk_svc_score_weights(&city, 2023, got, &stored, &err), GK_OK);
	assert_true(stored);
	assert_int_equal(got[GK_CRIT_ON_TIME_RATE], 100);
	assert_int_equal(got[GK_CRIT_OVERDUE], 1000);
	assert_int_equal(got[GK_CRIT_CORRECTED], 0);
	/* another year keeps its defaults */
	assert_int_equal(gk_svc_score_weights(&city, 2022, got, &stored, &err), GK_OK);
	assert_false(stored);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(texts_are_versions_and_a_stale_save_is_refused,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			only_editors_of_the_subtree_write_and_input_is_checked, setup, teardown),
		cmocka_unit_test_setup_teardown(supervision_counts_per_agency_in_scope, setup,
						teardown),
		cmocka_unit_test_setup_teardown(weights_are_the_city_offices, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
