/* Unit tests for web/form: urlencoded decoding checked at the door. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "web/form.h"

static void decodes_fields(void **state)
{
	struct gk_request r;
	memset(&r, 0, sizeof r);
	const char *body = "login=admin&password=a+b%26c&name=%E5%85%AC%E5%BC%80&empty=&flag";
	assert_int_equal(gk_form_parse(&r, body, strlen(body), NULL), GK_OK);
	assert_int_equal(r.nparams, 5);
	assert_string_equal(gk_req_param(&r, "password"), "a b&c");
	assert_string_equal(gk_req_param(&r, "name"), "公开");
	assert_string_equal(gk_req_param(&r, "empty"), "");
	assert_string_equal(gk_req_param(&r, "flag"), "");
	assert_null(gk_req_param(&r, "absent"));
	gk_arena_release(&r.arena);
}

static void rejects_bad_escapes_and_utf8(void **state)
{
	const char *bad[] = {"a=%", "a=%4", "a=%zz", "a=%C0%AF", "a=%00", "%FF=1"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct gk_request r;
		struct gk_error err = {0};
		memset(&r, 0, sizeof r);
		assert_int_equal(gk_form_parse(&r, bad[i], strlen(bad[i]), &err), GK_EINVAL);
		gk_arena_release(&r.arena);
	}
}

static void limits_the_number_of_fields(void **state)
{
	struct gk_request r;
	struct gk_buf b;
	memset(&r, 0, sizeof r);
	gk_buf_init(&b, 0);
	for (int i = 0; i <= GK_MAX_PARAMS; i++)
		gk_buf_printf(&b, "f%d=1&", i);
	assert_int_equal(gk_form_parse(&r, b.data, b.len, NULL), GK_EINVAL);
	gk_buf_release(&b);
	gk_arena_release(&r.arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decodes_fields),
		cmocka_unit_test(rejects_bad_escapes_and_utf8),
		cmocka_unit_test(limits_the_number_of_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
