/* Unit tests for core/user: roles, validation, argon2id passwords, scope. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "core/user.h"

static void roles_parse_and_format(void **state)
{
	unsigned roles;
	char out[64];
	struct gk_error err = {0};
	assert_int_equal(gk_role_parse("editor,reviewer", &roles, &err), GK_OK);
	assert_int_equal(roles, GK_ROLE_EDITOR | GK_ROLE_REVIEWER);
	assert_string_equal(gk_role_format(roles, out, sizeof out), "editor,reviewer");
	assert_int_equal(gk_role_parse("editor,boss", &roles, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "boss"));
	assert_int_equal(gk_role_parse("", &roles, &err), GK_EINVAL);
	assert_string_equal(gk_role_label(GK_ROLE_HANDLER), "申请办理");
	/* the stored bits and codes, from the one list */
	assert_int_equal(GK_ROLE_ADMIN, 1);
	assert_int_equal(GK_ROLE_REVIEWER, 8);
	assert_int_equal(GK_ROLE_ALL, 15);
	assert_string_equal(gk_role_code(GK_ROLE_REVIEWER), "reviewer");
	assert_string_equal(gk_role_code((enum gk_role)(GK_ROLE_ADMIN | GK_ROLE_EDITOR)), "?");
	assert_string_equal(gk_role_codes[0], "admin");
	assert_null(gk_role_codes[GK_ROLE_COUNT]);
	assert_string_equal(gk_role_format(GK_ROLE_ALL, out, sizeof out),
			    "admin,editor,handler,reviewer");
	assert_int_equal(gk_role_parse("admin,x", &roles, &err), GK_EINVAL);
	assert_string_equal(err.detail,
			    "没有角色“x”（可选角色：admin, editor, handler, reviewer）");
}

static void validates_accounts(void **state)
{
	struct gk_user u = {.agency_id = 1, .roles = GK_ROLE_EDITOR};
	strcpy(u.login, "zhang.san");
	strcpy(u.display_name, "张三");
	assert_int_equal(gk_user_validate(&u, NULL), GK_OK);
	strcpy(u.login, "Zhang");
	assert_int_equal(gk_user_validate(&u, NULL), GK_EINVAL);
	strcpy(u.login, "ab");
	assert_int_equal(gk_user_validate(&u, NULL), GK_EINVAL);
	strcpy(u.login, "zhang");
	u.roles = 0;
	assert_int_equal(gk_user_validate(&u, NULL), GK_EINVAL);
	u.roles = 64;
	assert_int_equal(gk_user_validate(&u, NULL), GK_EINVAL);
}

static void passwords_hash_and_verify(void **state)
{
	char hash[GK_PASSWORD_HASH_SIZE];
	assert_int_equal(gk_crypto_init(NULL), GK_OK);
	assert_int_equal(gk_password_check("short", NULL), GK_EINVAL);
	assert_int_equal(gk_password_check("long enough 密码", NULL), GK_OK);
	assert_int_equal(gk_password_hash("long enough 密码", hash, NULL), GK_OK);
	assert_true(strncmp(hash, "$argon2id$", 10) == 0);
	assert_true(gk_password_verify(hash, "long enough 密码"));
	assert_false(gk_password_verify(hash, "long enough 密"));
	assert_false(gk_password_verify(gk_password_dummy(), ""));
	char pw[13];
	gk_password_random(pw, 12);
	assert_int_equal(strlen(pw), 12);
	assert_null(strpbrk(pw, "0O1lI"));
}

static bool tree_within(void *ctx, int64_t agency, int64_t ancestor)
{
	/* a two-level tree: 1 is the root; 2 and 3 its children; 4 under 3 */
	static const int64_t parent[] = {0, 0, 1, 1, 3};
	(void)ctx;
	for (int64_t a = agency; a; a = parent[a])
		if (a == ancestor)
			return true;
	return false;
}

static void scope_follows_the_tree(void **state)
{
	struct gk_user u = {.agency_id = 3, .roles = GK_ROLE_HANDLER};
	assert_true(gk_user_can_act_in(&u, 3, tree_within, NULL));
	assert_true(gk_user_can_act_in(&u, 4, tree_within, NULL));
	assert_false(gk_user_can_act_in(&u, 2, tree_within, NULL));
	assert_false(gk_user_can_act_in(&u, 1, tree_within, NULL));
	u.city_wide = true;
	assert_true(gk_user_can_act_in(&u, 2, tree_within, NULL));
	u.disabled = true;
	assert_false(gk_user_can_act_in(&u, 2, tree_within, NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(roles_parse_and_format),
		cmocka_unit_test(validates_accounts),
		cmocka_unit_test(passwords_hash_and_verify),
		cmocka_unit_test(scope_follows_the_tree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
