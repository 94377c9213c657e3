/* Accounts (issue 13) as use cases: sessions that end idle and at their
 * lifetime, one's own password change, disabling and forcing a reset, and
 * an audit log the database keeps append-only. The clock is svc->now. */
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
#include "store/db.h"

#define T0 1800000000

struct fixture {
	struct tempdb db;
	struct gk_store *s;
	struct gk_svc cli;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (!f || tempdb_open(&f->db, &f->s))
		return -1;
	gk_svc_init(&f->cli, f->s, NULL, NULL, "cli");
	struct gk_agency root = {
		.kind = GK_AGENCY_GOVERNMENT, .code = "ROOT01", .name = "某市人民政府"};
	struct gk_agency office = {.kind = GK_AGENCY_OFFICE,
				   .code = "OFFC01",
				   .name = "某市政府办公室",
				   .supervises = true};
	struct gk_agency dept = {
		.kind = GK_AGENCY_DEPARTMENT, .code = "DEPT01", .name = "某市环保局"};
	if (gk_svc_agency_add(&f->cli, &root, NULL, NULL) ||
	    gk_svc_agency_add(&f->cli, &office, "ROOT01", NULL) ||
	    gk_svc_agency_add(&f->cli, &dept, "ROOT01", NULL))
		return -1;
	struct gk_account_input clerk = {"clerk", "某某", "editor", "DEPT01", "river-stone-lamp"};
	struct gk_account_input boss = {"boss", "某某", "admin", "OFFC01", "cloud-paper-bridge"};
	if (gk_svc_user_add(&f->cli, &clerk, NULL, NULL) ||
	    gk_svc_user_add(&f->cli, &boss, NULL, NULL))
		return -1;
	gk_svc_session_limits_set(&(struct gk_session_limits){100, 1000});
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	gk_svc_session_limits_set(NULL);
	tempdb_remove(&f->db, f->s);
	free(f);
	return 0;
}

/* A request from ADDR at time NOW by ACTOR (may be NULL). */
static struct gk_svc at(struct fixture *f, int64_t now, const struct gk_user *actor)
{
	struct gk_svc svc;
	gk_svc_init(&svc, f->s, NULL, actor, "192.0.2.7");
	svc.now = now;
	return svc;
}

static bool alive(struct fixture *f, int64_t now, const struct gk_session *sess)
{
	struct gk_session found;
	struct gk_svc svc = at(f, now, NULL);
	return gk_svc_session_find(&svc, sess->token, &found, NULL) == GK_OK;
}

static void login_at(struct fixture *f, int64_t now, const char *login, const char *password,
		     struct gk_session *out)
{
	struct gk_error err = {0};
	struct gk_svc svc = at(f, now, NULL);
	assert_int_equal(gk_svc_login(&svc, login, password, out, &err), GK_OK);
}

static void sessions_end_idle_and_at_their_lifetime(void **state)
{
	struct fixture *f = *state;
	struct gk_session s;
	login_at(f, T0, "clerk", "river-stone-lamp", &s);
	assert_true(alive(f, T0 + 50, &s));
	assert_true(alive(f, T0 + 140, &s));  /* used at +50: 90 s idle */
	assert_false(alive(f, T0 + 260, &s)); /* 120 s idle */

	struct gk_session busy;
	login_at(f, T0, "clerk", "river-stone-lamp", &busy);
	for (int64_t t = T0 + 90; t < T0 + 1000; t += 90)
		assert_true(alive(f, t, &busy));
	assert_false(alive(f, T0 + 1001, &busy)); /* in use, but past its lifetime */
}

static void own_password_change_ends_the_other_sessions(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	struct gk_session here, there;
	login_at(f, T0, "clerk", "river-stone-lamp", &here);
	login_at(f, T0, "clerk", "river-stone-lamp", &there);
	struct gk_svc svc = at(f, T0 + 1, &here.user);
	assert_int_equal(gk_svc_password_change(&svc, "wrong-one-here", "field-moon-harbor",
						here.digest, &err),
			 GK_EUNAUTH);
	assert_int_equal(gk_svc_password_change(&svc, "river-stone-lamp", "clerk-2024-xx",
						here.digest, &err),
			 GK_EINVAL);
	assert_non_null(strstr(err.detail, "账号名"));
	assert_int_equal(gk_svc_password_change(&svc, "river-stone-lamp", "river-stone-lamp",
						here.digest, &err),
			 GK_EINVAL);
	assert_true(alive(f, T0 + 2, &there));
	assert_int_equal(gk_svc_password_change(&svc, "river-stone-lamp", "field-moon-harbor",
						here.digest, &err),
			 GK_OK);
	assert_true(alive(f, T0 + 2, &here));
	assert_false(alive(f, T0 + 2, &there));
	struct gk_session again;
	struct gk_svc anon = at(f, T0 + 3, NULL);
	assert_int_equal(gk_svc_login(&anon, "clerk", "river-stone-lamp", &again, &err),
			 GK_EUNAUTH);
	login_at(f, T0 + 3, "clerk", "field-moon-harbor", &again);
}

static void disabled_accounts_are_out_at_once(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	struct gk_session boss, clerk, other;
	login_at(f, T0, "boss", "cloud-paper-bridge", &boss);
	login_at(f, T0, "clerk", "river-stone-lamp", &clerk);
	struct gk_svc admin = at(f, T0 + 1, &boss.user);
	assert_int_equal(gk_svc_user_set_disabled(&admin, "boss", true, &err), GK_EINVAL);
	/* a clerk's actor is not in the office's scope */
	struct gk_svc by_clerk = at(f, T0 + 1, &clerk.user);
	assert_int_equal(gk_svc_user_set_disabled(&by_clerk, "boss", true, &err), GK_EFORBIDDEN);
	assert_int_equal(gk_svc_user_set_disabled(&admin, "clerk", true, &err), GK_OK);
	assert_false(alive(f, T0 + 2, &clerk));
	struct gk_svc anon = at(f, T0 + 2, NULL);
	assert_int_equal(gk_svc_login(&anon, "clerk", "river-stone-lamp", &other, &err),
			 GK_EUNAUTH);
	assert_int_equal(gk_svc_user_set_disabled(&admin, "clerk", false, &err), GK_OK);
	login_at(f, T0 + 3, "clerk", "river-stone-lamp", &other);
}

static void a_forced_reset_holds_until_a_new_password(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	struct gk_session boss, clerk;
	login_at(f, T0, "boss", "cloud-paper-bridge", &boss);
	login_at(f, T0, "clerk", "river-stone-lamp", &clerk);
	struct gk_svc admin = at(f, T0 + 1, &boss.user);
	assert_int_equal(gk_svc_user_force_reset(&admin, "clerk", "1234567890", &err), GK_EINVAL);
	assert_int_equal(gk_svc_user_force_reset(&admin, "clerk", "paper-kite-orchard", &err),
			 GK_OK);
	assert_false(alive(f, T0 + 2, &clerk));
	login_at(f, T0 + 2, "clerk", "paper-kite-orchard", &clerk);
	assert_true(clerk.user.must_reset);
	struct gk_svc svc = at(f, T0 + 3, &clerk.user);
	assert_int_equal(gk_svc_password_change(&svc, "paper-kite-orchard", "silent-maple-drum",
						clerk.digest, &err),
			 GK_OK);
	struct gk_user u;
	assert_int_equal(gk_store_user_by_login(f->s, "clerk", &u, &err), GK_OK);
	assert_false(u.must_reset);
}

static int count_action(const struct gk_audit_entry *e, void *ctx)
{
	if (strcmp(e->action, "disable") == 0 && strcmp(e->address, "192.0.2.7") == 0 &&
	    strcmp(e->login, "boss") == 0)
		++*(int *)ctx;
	return 0;
}

static void the_audit_log_is_append_only(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	struct gk_session boss;
	login_at(f, T0, "boss", "cloud-paper-bridge", &boss);
	struct gk_svc admin = at(f, T0 + 1, &boss.user);
	assert_int_equal(gk_svc_user_set_disabled(&admin, "clerk", true, &err), GK_OK);
	int n = 0;
	assert_int_equal(gk_store_audit_each(f->s, 0, 100, count_action, &n, &err), GK_OK);
	assert_int_equal(n, 1);
	assert_int_not_equal(gk_db_exec(f->s, "UPDATE audit_log SET detail = 'x'", GK_NOARGS, NULL,
					"edit", &err),
			     GK_OK);
	assert_int_not_equal(
		gk_db_exec(f->s, "DELETE FROM audit_log", GK_NOARGS, NULL, "delete", &err), GK_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(sessions_end_idle_and_at_their_lifetime, setup,
						teardown),
		cmocka_unit_test_setup_teardown(own_password_change_ends_the_other_sessions, setup,
						teardown),
		cmocka_unit_test_setup_teardown(disabled_accounts_are_out_at_once, setup, teardown),
		cmocka_unit_test_setup_teardown(a_forced_reset_holds_until_a_new_password, setup,
						teardown),
		cmocka_unit_test_setup_teardown(the_audit_log_is_append_only, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
