/* Unit tests for the store: schema, agency tree, accounts, sessions,
 * throttling records, and that a failed transaction leaves nothing behind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "tempdb.h"

#include "core/demo.h"
#include "store/store.h"

struct fixture {
	struct tempdb db;
	struct gk_store *s;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (tempdb_open(&f->db, &f->s))
		return -1;
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

static struct gk_agency agency(const char *code, const char *name, int64_t parent)
{
	struct gk_agency a = {.parent_id = parent, .kind = GK_AGENCY_DEPARTMENT};
	snprintf(a.code, sizeof a.code, "%s", code);
	snprintf(a.name, sizeof a.name, "%s", name);
	return a;
}

static void open_needs_existing_file_or_writable_folder(void **state)
{
	struct gk_store *s;
	struct gk_error err = {0};
	assert_int_equal(gk_store_open("/nonexistent-dir/x.db", GK_STORE_CREATE, &s, &err), GK_EIO);
	assert_null(s);
	assert_non_null(strstr(err.detail, "/nonexistent-dir"));
	assert_int_equal(gk_store_open("/tmp/gk-no-such.db", GK_STORE_OPEN, &s, &err), GK_EIO);
	assert_non_null(strstr(err.detail, "does not exist"));
}

static void reopening_keeps_schema(void **state)
{
	struct fixture *f = *state;
	struct gk_store *again;
	assert_int_equal(gk_store_open(f->db.path, GK_STORE_OPEN, &again, NULL), GK_OK);
	gk_store_free(again);
	assert_true(gk_store_schema_version() >= 1);
}

static void agency_tree_and_subtrees(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	struct gk_agency root = agency("ROOT01", "某市人民政府", 0);
	root.kind = GK_AGENCY_GOVERNMENT;
	assert_int_equal(gk_store_agency_add(f->s, &root, &err), GK_OK);
	struct gk_agency dept = agency("DEPT01", "某市环境保护局", root.id);
	struct gk_agency county = agency("CNTY01", "某县人民政府", root.id);
	assert_int_equal(gk_store_agency_add(f->s, &dept, &err), GK_OK);
	assert_int_equal(gk_store_agency_add(f->s, &county, &err), GK_OK);
	struct gk_agency sub = agency("CNTY02", "某县环境保护局", county.id);
	assert_int_equal(gk_store_agency_add(f->s, &sub, &err), GK_OK);

	assert_true(gk_store_agency_within(f->s, sub.id, county.id));
	assert_true(gk_store_agency_within(f->s, sub.id, root.id));
	assert_true(gk_store_agency_within(f->s, county.id, county.id));
	assert_false(gk_store_agency_within(f->s, dept.id, county.id));
	assert_false(gk_store_agency_within(f->s, root.id, sub.id));

	struct gk_agency dup = agency("DEPT01", "重复", root.id);
	assert_int_equal(gk_store_agency_add(f->s, &dup, &err), GK_ECONFLICT);
	struct gk_agency orphan = agency("ORPH01", "无上级", 9999);
	assert_int_equal(gk_store_agency_add(f->s, &orphan, &err), GK_EINVAL);
	struct gk_agency bad = agency("x", "坏代码", root.id);
	assert_int_equal(gk_store_agency_add(f->s, &bad, &err), GK_EINVAL);

	struct gk_agency_list l;
	assert_int_equal(gk_store_agency_list(f->s, &l, &err), GK_OK);
	assert_int_equal(l.count, 4);
	assert_string_equal(l.items[0].code, "ROOT01");
	assert_int_equal(l.items[0].depth, 0);
	/* each parent comes before its children */
	for (size_t i = 1; i < l.count; i++) {
		int seen = 0;
		for (size_t j = 0; j < i; j++)
			seen |= l.items[j].id == l.items[i].parent_id;
		assert_true(seen);
	}
	gk_agency_list_release(&l);

	struct gk_agency got;
	assert_int_equal(gk_store_agency_by_code(f->s, "CNTY02", &got, &err), GK_OK);
	assert_string_equal(got.name, "某县环境保护局");
	assert_int_equal(got.depth, 2);
	strcpy(got.phone, "0352-1234567");
	assert_int_equal(gk_store_agency_update(f->s, &got, &err), GK_OK);
	assert_int_equal(gk_store_agency_get(f->s, got.id, &got, &err), GK_OK);
	assert_string_equal(got.phone, "0352-1234567");
	assert_int_equal(gk_store_agency_by_code(f->s, "NOPE99", &got, &err), GK_ENOTFOUND);
}

static void demo_city_users_and_sessions(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	struct gk_demo_result demo;
	assert_int_equal(gk_demo_create(f->s, "a-test-password", &demo, &err), GK_OK);
	assert_true(demo.nagencies > 20);
	assert_int_equal(gk_demo_create(f->s, NULL, &demo, &err), GK_ECONFLICT);

	struct gk_user admin, hbj;
	assert_int_equal(gk_store_user_by_login(f->s, "admin", &admin, &err), GK_OK);
	assert_true(admin.city_wide);
	assert_true(gk_password_verify(admin.password_hash, "a-test-password"));
	assert_int_equal(gk_store_user_by_login(f->s, "hbj.editor", &hbj, &err), GK_OK);
	assert_false(hbj.city_wide);
	assert_int_equal(gk_store_user_by_login(f->s, "nobody", &hbj, &err), GK_ENOTFOUND);

	struct gk_user dup = admin;
	dup.id = 0;
	assert_int_equal(gk_store_user_add(f->s, &dup, &err), GK_ECONFLICT);

	int64_t uid;
	char csrf[65];
	assert_int_equal(gk_store_session_add(f->s, "d1", admin.id, "tok", 2000000000, &err), GK_OK);
	assert_int_equal(gk_store_session_get(f->s, "d1", 1900000000, &uid, csrf, sizeof csrf, &err), GK_OK);
	assert_int_equal(uid, admin.id);
	assert_string_equal(csrf, "tok");
	assert_int_equal(gk_store_session_get(f->s, "d1", 2000000001, &uid, csrf, sizeof csrf, &err),
			 GK_ENOTFOUND);
	assert_int_equal(gk_store_session_delete_user(f->s, admin.id, &err), GK_OK);
	assert_int_equal(gk_store_session_get(f->s, "d1", 1900000000, &uid, csrf, sizeof csrf, &err),
			 GK_ENOTFOUND);
}

static void rate_hits_count_in_window(void **state)
{
	struct fixture *f = *state;
	for (int i = 0; i < 3; i++)
		assert_int_equal(gk_store_rate_hit(f->s, "login:x", 1000 + i, NULL), GK_OK);
	assert_int_equal(gk_store_rate_hit(f->s, "apply:x", 1000, NULL), GK_OK);
	assert_int_equal(gk_store_rate_count(f->s, "login:x", 1000), 3);
	assert_int_equal(gk_store_rate_count(f->s, "login:x", 1002), 1);
	assert_int_equal(gk_store_rate_count(f->s, "login:y", 0), 0);
	assert_int_equal(gk_store_rate_clear(f->s, "login:x", NULL), GK_OK);
	assert_int_equal(gk_store_rate_count(f->s, "login:x", 0), 0);
	assert_int_equal(gk_store_rate_count(f->s, "apply:x", 0), 1);
}

static void rollback_leaves_nothing(void **state)
{
	struct fixture *f = *state;
	struct gk_agency root = agency("ROOT02", "根", 0);
	assert_int_equal(gk_store_begin(f->s, NULL), GK_OK);
	assert_int_equal(gk_store_agency_add(f->s, &root, NULL), GK_OK);
	gk_store_rollback(f->s);
	struct gk_agency got;
	assert_int_equal(gk_store_agency_by_code(f->s, "ROOT02", &got, NULL), GK_ENOTFOUND);
	char v[16];
	assert_int_equal(gk_store_setting_set(f->s, "k", "v1", NULL), GK_OK);
	assert_int_equal(gk_store_setting_set(f->s, "k", "v2", NULL), GK_OK);
	assert_int_equal(gk_store_setting_get(f->s, "k", v, sizeof v, NULL), GK_OK);
	assert_string_equal(v, "v2");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(open_needs_existing_file_or_writable_folder),
		cmocka_unit_test_setup_teardown(reopening_keeps_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(agency_tree_and_subtrees, setup, teardown),
		cmocka_unit_test_setup_teardown(demo_city_users_and_sessions, setup, teardown),
		cmocka_unit_test_setup_teardown(rate_hits_count_in_window, setup, teardown),
		cmocka_unit_test_setup_teardown(rollback_leaves_nothing, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
