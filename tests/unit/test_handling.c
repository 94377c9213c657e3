/* Handling applications (办理) against a demo database, through the service
 * (service/applications.c) and the store (store/application_store.c): one
 * step at a time with the event recorded and the deadline recomputed, the
 * demo's 2017 totals; and what handling leans on: holiday years stored and
 * loaded (store/holiday_store.c), QR codes of tracking pages (lib/qr.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "service/applications.h"
#include "service/items.h"
#include "tempdb.h"

#include "core/application.h"
#include "lib/date.h"
#include "lib/qr.h"
#include "service/demo.h"
#include "store/store.h"

struct fixture {
	struct tempdb db;
	struct gk_store *s;
	struct gk_calendar *cal;
	struct gk_demo_result demo;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (tempdb_open(&f->db, &f->s) ||
	    gk_svc_demo_create(f->s, "unit-test-password", &f->demo, NULL))
		return -1;
	f->cal = gk_calendar_new_builtin(NULL);
	*state = f;
	return f->cal ? 0 : -1;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	gk_calendar_free(f->cal);
	tempdb_remove(&f->db, f->s);
	free(f);
	return 0;
}

static long day(const char *s)
{
	struct gk_date d;
	assert_true(gk_date_parse(s, &d));
	return gk_date_to_days(d);
}

static struct gk_intake intake(struct fixture *f, const char *received)
{
	struct gk_intake in;
	struct gk_agency a;
	memset(&in, 0, sizeof in);
	assert_int_equal(gk_store_agency_by_code(f->s, "035200000", &a, NULL), GK_OK);
	in.agency_id = a.id;
	in.kind = GK_INTAKE_STAFF;
	in.facts.channel = GK_CHANNEL_IN_PERSON;
	in.facts.submitted = day(received);
	in.facts.signed_for = in.facts.confirmed = GK_NO_DAY;
	in.applicant_type = GK_APPLICANT_NATURAL_PERSON;
	snprintf(in.applicant.name, sizeof in.applicant.name, "单元测试");
	snprintf(in.applicant.phone, sizeof in.applicant.phone, "123");
	in.description = "某文件";
	in.delivery = GK_DELIVERY_PICKUP;
	return in;
}

static struct gk_step_input step(enum gk_app_action a, const char *on)
{
	struct gk_step_input st;
	memset(&st, 0, sizeof st);
	st.action = a;
	st.day = on ? day(on) : GK_NO_DAY;
	st.outcome = -1;
	st.until = st.notice_received = GK_NO_DAY;
	st.reply_way = GK_DELIVERY_PICKUP;
	return st;
}

static void a_step_records_an_event_and_recomputes_the_deadline(void **state)
{
	struct fixture *f = *state;
	struct gk_user handler, reviewer;
	struct gk_error err = {0};
	static struct gk_application app;
	assert_int_equal(gk_store_user_by_login(f->s, "handler", &handler, NULL), GK_OK);
	assert_int_equal(gk_store_user_by_login(f->s, "reviewer", &reviewer, NULL), GK_OK);
	struct gk_intake in = intake(f, "2024-09-27");
	assert_int_equal(
		gk_svc_application_create(svc_at(f->s, f->cal, &handler, -1), &in, &app, &err),
		GK_OK);
	assert_int_equal(app.state, GK_STATE_REGISTERED);
	/* 2024-09-27 + 20 working days over National Day (10-01..07 off, 09-29 and 10-12 worked) */
	char text[11];
	assert_string_equal(gk_date_format(gk_date_from_days(app.due), text), "2024-10-30");
	long today = day("2024-12-31");

	struct gk_step_input st = step(GK_ACTION_ASSIGN, "2024-09-27");
	st.handler_id = handler.id;
	assert_int_equal(gk_svc_application_act(svc_at(f->s, f->cal, &reviewer, today), app.id, &st,
						&app, &err),
			 GK_OK);
	st = step(GK_ACTION_START_CONSULTATION, "2024-10-08");
	assert_int_equal(gk_svc_application_act(svc_at(f->s, f->cal, &handler, today), app.id, &st,
						&app, &err),
			 GK_OK);
	assert_int_equal(app.clock_state, GK_CLOCK_PAUSED);
	assert_true(app.due == GK_NO_DAY);
	st = step(GK_ACTION_END_CONSULTATION, "2024-10-10");
	assert_int_equal(gk_svc_application_act(svc_at(f->s, f->cal, &handler, today), app.id, &st,
						&app, &err),
			 GK_OK);
	/* 3 working days (10-08, 09, 10) were not counted */
	assert_string_equal(gk_date_format(gk_date_from_days(app.due), text), "2024-11-04");
	/* an illegal step leaves nothing behind */
	st = step(GK_ACTION_ARCHIVE, "2024-10-11");
	assert_int_equal(gk_svc_application_act(svc_at(f->s, f->cal, &handler, today), app.id, &st,
						&app, &err),
			 GK_ECONFLICT);
	assert_non_null(strstr(err.detail, "不能办理“归档”（archive）"));
	st = step(GK_ACTION_DRAFT_REPLY, "2024-10-11");
	st.outcome = GK_OUTCOME_NOT_EXIST;
	assert_int_equal(gk_svc_application_act(svc_at(f->s, f->cal, &handler, today), app.id, &st,
						&app, &err),
			 GK_OK);
	assert_non_null(strstr(app.letter, "该政府信息不存在"));
	st = step(GK_ACTION_APPROVE_REPLY, "2024-12-30");
	assert_int_equal(gk_svc_application_act(svc_at(f->s, f->cal, &handler, today), app.id, &st,
						&app, &err),
			 GK_EFORBIDDEN);
	assert_int_equal(gk_svc_application_act(svc_at(f->s, f->cal, &reviewer, today), app.id, &st,
						&app, &err),
			 GK_OK);
	st = step(GK_ACTION_SEND_REPLY, "2024-12-30");
	assert_int_equal(gk_svc_application_act(svc_at(f->s, f->cal, &handler, today), app.id, &st,
						&app, &err),
			 GK_OK);
	assert_int_equal(app.state, GK_STATE_REPLIED);
	assert_false(app.on_time);
	assert_int_equal(app.outcome, GK_OUTCOME_NOT_EXIST);
}

static void the_demo_has_the_seed_totals(void **state)
{
	struct fixture *f = *state;
	int n = 0;
	assert_int_equal(gk_svc_demo_applications(f->s, &n, NULL), GK_OK);
	assert_true(n > 100);
	struct gk_app_filter flt = {.view = GK_VIEW_ALL, .year = 2017};
	int64_t total = 0;
	assert_int_equal(gk_store_application_list(f->s, &flt, NULL, NULL, &total, NULL), GK_OK);
	assert_int_equal(total, 52);
}

static void holiday_years_are_stored_and_loaded(void **state)
{
	struct fixture *f = *state;
	const char *text = "year 2040\n2040-01-02 off 元旦\n";
	assert_int_equal(gk_store_holiday_put(f->s, 2040, text, 0, NULL), GK_OK);
	struct gk_calendar *cal = gk_svc_calendar_load(f->s, NULL);
	assert_non_null(cal);
	assert_true(gk_calendar_year_known(cal, 2040));
	assert_false(gk_calendar_is_workday(cal, day("2040-01-02")));
	gk_calendar_free(cal);
}

static void qr_codes_are_svg(void **state)
{
	(void)state;
	struct gk_buf b;
	gk_buf_init(&b, 1 << 20);
	assert_int_equal(gk_qr_svg("https://gk.example.cn/track/ABCDEFGHJK", 4, &b, NULL), GK_OK);
	assert_non_null(strstr(b.data, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
	assert_non_null(strstr(b.data, "</svg>\n"));
	gk_buf_release(&b);
	gk_buf_init(&b, 1 << 20);
	assert_int_equal(gk_qr_svg("", 4, &b, NULL), GK_EINVAL);
	gk_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_step_records_an_event_and_recomputes_the_deadline,
						setup, teardown),
		cmocka_unit_test_setup_teardown(the_demo_has_the_seed_totals, setup, teardown),
		cmocka_unit_test_setup_teardown(holiday_years_are_stored_and_loaded, setup,
						teardown),
		cmocka_unit_test(qr_codes_are_svg),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
