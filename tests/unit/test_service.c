/* The use cases' rules that are not the store's: what an agency, an
 * account or a holiday year must be before it is kept, who may do what,
 * sessions and throttled logins, the online limit on applications, and
 * that each use case leaves its audit row. */
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
#include "service/applications.h"
#include "service/holidays.h"
#include "service/items.h"
#include "service/login_guard.h"

struct fixture {
	struct tempdb db;
	struct gk_store *s;
	struct gk_calendar *cal;
	struct gk_svc cli;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (!f || tempdb_open(&f->db, &f->s))
		return -1;
	f->cal = gk_svc_calendar_load(f->s, NULL);
	gk_svc_init(&f->cli, f->s, f->cal, NULL, "cli");
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

static struct gk_agency agency(const char *code, const char *name)
{
	struct gk_agency a = {.kind = GK_AGENCY_DEPARTMENT};
	snprintf(a.code, sizeof a.code, "%s", code);
	snprintf(a.name, sizeof a.name, "%s", name);
	return a;
}

/* A city with an office that supervises it and a department. */
static void city(struct fixture *f)
{
	struct gk_agency root = agency("ROOT01", "某市人民政府");
	root.kind = GK_AGENCY_GOVERNMENT;
	assert_int_equal(gk_svc_agency_add(&f->cli, &root, NULL, NULL), GK_OK);
	struct gk_agency office = agency("OFFC01", "某市人民政府办公室");
	office.supervises = true;
	assert_int_equal(gk_svc_agency_add(&f->cli, &office, "ROOT01", NULL), GK_OK);
	struct gk_agency dept = agency("DEPT01", "某市环境保护局");
	assert_int_equal(gk_svc_agency_add(&f->cli, &dept, "ROOT01", NULL), GK_OK);
}

static void add_user(struct fixture *f, const char *login, const char *agency_code,
		     const char *roles)
{
	struct gk_account_input in = {login, "某某", roles, agency_code, "a-good-password"};
	struct gk_error err = {0};
	assert_int_equal(gk_svc_user_add(&f->cli, &in, NULL, &err), GK_OK);
}

static void agencies_are_checked_before_they_are_kept(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	city(f);
	struct gk_agency second_root = agency("ROOT02", "另一个市");
	assert_int_equal(gk_svc_agency_add(&f->cli, &second_root, NULL, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "root agency"));
	struct gk_agency orphan = agency("ORPH01", "无上级");
	assert_int_equal(gk_svc_agency_add(&f->cli, &orphan, "NOPE99", &err), GK_ENOTFOUND);
	struct gk_agency bad = agency("x", "坏代码");
	assert_int_equal(gk_svc_agency_add(&f->cli, &bad, "ROOT01", &err), GK_EINVAL);
	struct gk_agency dup = agency("DEPT01", "重复");
	assert_int_equal(gk_svc_agency_add(&f->cli, &dup, "ROOT01", &err), GK_ECONFLICT);
}

static void accounts_are_checked_and_scoped(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	city(f);
	add_user(f, "dept.admin", "DEPT01", "admin");
	struct gk_account_input weak = {"weak", "某某", "editor", "DEPT01", "short"};
	assert_int_equal(gk_svc_user_add(&f->cli, &weak, NULL, &err), GK_EINVAL);
	struct gk_account_input role = {"role", "某某", "king", "DEPT01", "a-good-password"};
	assert_int_equal(gk_svc_user_add(&f->cli, &role, NULL, &err), GK_EINVAL);
	struct gk_account_input login = {"A B", "某某", "editor", "DEPT01", "a-good-password"};
	assert_int_equal(gk_svc_user_add(&f->cli, &login, NULL, &err), GK_EINVAL);

	/* a department's admin adds accounts in his department only */
	struct gk_user admin;
	assert_int_equal(gk_store_user_by_login(f->s, "dept.admin", &admin, &err), GK_OK);
	struct gk_svc as_admin;
	gk_svc_init(&as_admin, f->s, f->cal, &admin, "127.0.0.1");
	struct gk_account_input outside = {"other", "某某", "editor", "OFFC01", "a-good-password"};
	assert_int_equal(gk_svc_user_add(&as_admin, &outside, NULL, &err), GK_EFORBIDDEN);
	struct gk_account_input inside = {"mine", "某某", "editor", "DEPT01", "a-good-password"};
	struct gk_user made;
	assert_int_equal(gk_svc_user_add(&as_admin, &inside, &made, &err), GK_OK);
	assert_false(made.city_wide);
	assert_true(gk_svc_in_scope(&as_admin, made.agency_id));
	struct gk_agency office;
	assert_int_equal(gk_store_agency_by_code(f->s, "OFFC01", &office, &err), GK_OK);
	assert_false(gk_svc_in_scope(&as_admin, office.id));
	assert_false(gk_svc_in_scope(&f->cli, office.id)); /* no account: no scope */
}

static void logins_are_throttled_and_sessions_found(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	struct gk_session sess, found;
	city(f);
	add_user(f, "clerk", "DEPT01", "handler");
	struct gk_svc web;
	gk_svc_init(&web, f->s, f->cal, NULL, "192.0.2.1");
	assert_int_equal(gk_svc_login(&web, "clerk", "a-good-password", &sess, &err), GK_OK);
	assert_int_equal(gk_svc_session_find(&web, sess.token, &found, &err), GK_OK);
	assert_string_equal(found.user.login, "clerk");
	assert_string_equal(found.csrf, sess.csrf);
	assert_int_equal(gk_svc_session_find(&web, "not-a-token", &found, &err), GK_ENOTFOUND);
	/* a new password ends every session */
	assert_int_equal(gk_svc_user_set_password(&f->cli, "clerk", "another-password", &err),
			 GK_OK);
	assert_int_equal(gk_svc_session_find(&web, sess.token, &found, &err), GK_ENOTFOUND);

	/* wrong passwords from one address: that pair waits, even with the right
	   one; the owner from another address does not (issue 13) */
	for (int i = 0; i < GK_LOGIN_PAIR_FREE; i++)
		assert_int_equal(gk_svc_login(&web, "clerk", "wrong-password", &sess, &err),
				 GK_EUNAUTH);
	assert_int_equal(gk_svc_login(&web, "clerk", "another-password", &sess, &err),
			 GK_ETHROTTLED);
	assert_true(sess.retry_after > 0);
	struct gk_svc home;
	gk_svc_init(&home, f->s, f->cal, NULL, "192.0.2.77");
	assert_int_equal(gk_svc_login(&home, "clerk", "another-password", &sess, &err), GK_OK);
	/* unknown logins fail the same way */
	assert_int_equal(gk_svc_login(&web, "nobody", "a-good-password", &sess, &err), GK_EUNAUTH);
}

static struct gk_intake intake(int64_t agency_id, long today)
{
	struct gk_intake in;
	memset(&in, 0, sizeof in);
	in.agency_id = agency_id;
	in.kind = GK_INTAKE_ONLINE;
	in.facts.channel = GK_CHANNEL_ONLINE;
	in.facts.submitted = today;
	in.facts.signed_for = in.facts.confirmed = GK_NO_DAY;
	in.applicant_type = GK_APPLICANT_BUSINESS;
	snprintf(in.applicant.name, sizeof in.applicant.name, "某公司");
	snprintf(in.applicant.phone, sizeof in.applicant.phone, "0352-1234567");
	in.description = "某文件";
	in.delivery = GK_DELIVERY_ONLINE;
	return in;
}

static void online_applications_are_limited_per_address(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	static struct gk_application app;
	city(f);
	struct gk_agency dept;
	assert_int_equal(gk_store_agency_by_code(f->s, "DEPT01", &dept, &err), GK_OK);
	struct gk_svc web;
	gk_svc_init(&web, f->s, f->cal, NULL, "198.51.100.7");
	struct gk_intake in = intake(dept.id, web.today);
	/* a few a minute (issue 13: --intake-limit) */
	for (int i = 0; i < GK_INTAKE_LIMIT_DEFAULT; i++)
		assert_int_equal(gk_svc_application_submit(&web, &in, &app, &err), GK_OK);
	assert_int_equal(gk_svc_application_submit(&web, &in, &app, &err), GK_ETHROTTLED);
	assert_non_null(strstr(err.detail, "每分钟"));
	/* and the hour's allowance */
	for (int i = GK_INTAKE_LIMIT_DEFAULT; i < GK_APPLY_MAX_PER_HOUR; i++) {
		if (i % GK_INTAKE_LIMIT_DEFAULT == 0)
			web.now += 61;
		assert_int_equal(gk_svc_application_submit(&web, &in, &app, &err), GK_OK);
	}
	web.now += 61;
	assert_int_equal(gk_svc_application_submit(&web, &in, &app, &err), GK_ETHROTTLED);
	assert_non_null(strstr(err.detail, "每小时"));
	/* 0: no limit */
	web.intake_limit = 0;
	assert_int_equal(gk_svc_application_submit(&web, &in, &app, &err), GK_OK);
	web.intake_limit = GK_INTAKE_LIMIT_DEFAULT;
	/* a challenge serves one application only */
	web.origin = "198.51.100.9";
	assert_int_equal(gk_svc_application_submit_once(&web, &in, "abc", &app, &err), GK_OK);
	assert_int_equal(gk_svc_application_submit_once(&web, &in, "abc", &app, &err),
			 GK_ECONFLICT);
	assert_int_equal(gk_svc_application_submit_once(&web, &in, "abd", &app, &err), GK_OK);
	/* another address may still apply */
	web.origin = "198.51.100.8";
	assert_int_equal(gk_svc_application_submit(&web, &in, &app, &err), GK_OK);
	assert_int_equal(app.state, GK_STATE_RECEIVED);
	/* a bad intake is refused before it counts */
	in.description = "";
	assert_int_equal(gk_svc_application_submit(&web, &in, &app, &err), GK_EINVAL);
}

static void holiday_years_need_the_city_office(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	int year = 0, recounted = 0;
	city(f);
	add_user(f, "dept.admin", "DEPT01", "admin");
	add_user(f, "city.admin", "OFFC01", "admin");
	struct gk_user dept_admin, city_admin;
	assert_int_equal(gk_store_user_by_login(f->s, "dept.admin", &dept_admin, &err), GK_OK);
	assert_int_equal(gk_store_user_by_login(f->s, "city.admin", &city_admin, &err), GK_OK);
	const char text[] = "year 2041\n2041-01-01 off 元旦\n";
	struct gk_svc as;
	gk_svc_init(&as, f->s, f->cal, &dept_admin, "127.0.0.1");
	assert_int_equal(
		gk_svc_holiday_load(&as, f->cal, text, sizeof text - 1, &year, &recounted, &err),
		GK_EFORBIDDEN);
	assert_false(gk_calendar_year_known(f->cal, 2041));
	gk_svc_init(&as, f->s, f->cal, &city_admin, "127.0.0.1");
	const char bad[] = "year 2041\n2041-13-01 off 坏日期\n";
	assert_int_equal(
		gk_svc_holiday_load(&as, f->cal, bad, sizeof bad - 1, &year, &recounted, &err),
		GK_EINVAL);
	assert_int_equal(
		gk_svc_holiday_load(&as, f->cal, text, sizeof text - 1, &year, &recounted, &err),
		GK_OK);
	assert_int_equal(year, 2041);
	assert_true(gk_calendar_year_known(f->cal, 2041));
	/* kept: a calendar loaded afresh has it too */
	struct gk_calendar *again = gk_svc_calendar_load(f->s, &err);
	assert_non_null(again);
	assert_true(gk_calendar_year_known(again, 2041));
	gk_calendar_free(again);
}

static void use_cases_keep_to_the_actors_agencies(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	static struct gk_application app;
	city(f);
	add_user(f, "dept.clerk", "DEPT01", "editor,handler");
	add_user(f, "city.clerk", "OFFC01", "editor,handler,reviewer");
	struct gk_user dept_clerk, city_clerk;
	assert_int_equal(gk_store_user_by_login(f->s, "dept.clerk", &dept_clerk, &err), GK_OK);
	assert_int_equal(gk_store_user_by_login(f->s, "city.clerk", &city_clerk, &err), GK_OK);
	struct gk_agency office, dept;
	assert_int_equal(gk_store_agency_by_code(f->s, "OFFC01", &office, &err), GK_OK);
	assert_int_equal(gk_store_agency_by_code(f->s, "DEPT01", &dept, &err), GK_OK);
	struct gk_svc as_dept, as_city;
	gk_svc_init(&as_dept, f->s, f->cal, &dept_clerk, "127.0.0.1");
	gk_svc_init(&as_city, f->s, f->cal, &city_clerk, "127.0.0.1");

	/* an item of another agency is not the department's to publish */
	struct gk_item it = {.agency_id = office.id, .outlets = 1u << GK_OUTLET_WEBSITE};
	snprintf(it.title, sizeof it.title, "市政府办公室的通知");
	snprintf(it.topic, sizeof it.topic, "2.1");
	snprintf(it.genre, sizeof it.genre, "notice");
	assert_int_equal(gk_svc_item_publish(&as_dept, &it, &err), GK_EFORBIDDEN);
	assert_int_equal(it.id, 0);
	it.agency_id = dept.id;
	assert_int_equal(gk_svc_item_publish(&as_dept, &it, &err), GK_OK);
	gk_item_release(&it);

	/* nor may it register, or act on, another agency's applications */
	struct gk_intake in = intake(office.id, as_dept.today);
	in.kind = GK_INTAKE_STAFF;
	in.facts.channel = GK_CHANNEL_IN_PERSON;
	assert_int_equal(gk_svc_application_create(&as_dept, &in, &app, &err), GK_EFORBIDDEN);
	assert_int_equal(gk_svc_application_create(&as_city, &in, &app, &err), GK_OK);
	struct gk_step_input step = {.action = GK_ACTION_ASSIGN,
				     .day = GK_NO_DAY,
				     .outcome = -1,
				     .until = GK_NO_DAY,
				     .notice_received = GK_NO_DAY,
				     .handler_id = city_clerk.id};
	assert_int_equal(gk_svc_application_act(&as_dept, app.id, &step, NULL, &err), GK_ENOTFOUND);
	assert_int_equal(gk_svc_application_act(&as_city, app.id, &step, &app, &err), GK_OK);
	assert_int_equal(app.state, GK_STATE_ASSIGNED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(agencies_are_checked_before_they_are_kept, setup,
						teardown),
		cmocka_unit_test_setup_teardown(accounts_are_checked_and_scoped, setup, teardown),
		cmocka_unit_test_setup_teardown(logins_are_throttled_and_sessions_found, setup,
						teardown),
		cmocka_unit_test_setup_teardown(online_applications_are_limited_per_address, setup,
						teardown),
		cmocka_unit_test_setup_teardown(holiday_years_need_the_city_office, setup,
						teardown),
		cmocka_unit_test_setup_teardown(use_cases_keep_to_the_actors_agencies, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
