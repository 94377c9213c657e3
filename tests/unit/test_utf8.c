/* Unit tests for lib/utf8: RFC 3629 validity. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "lib/utf8.h"

static bool valid(const char *s)
{
	return gk_utf8_valid(s, strlen(s));
}

static void accepts_well_formed(void **state)
{
	assert_true(valid(""));
	assert_true(valid("ascii"));
	assert_true(valid("政府信息公开〔2017〕"));
	assert_true(valid("\xF0\x9F\x98\x80")); /* U+1F600 */
	assert_true(valid("\xF4\x8F\xBF\xBF")); /* U+10FFFF */
}

static void rejects_malformed(void **state)
{
	assert_false(valid("\xC0\xAF"));         /* overlong '/' */
	assert_false(valid("\xE0\x80\xAF"));     /* overlong */
	assert_false(valid("\xED\xA0\x80"));     /* surrogate */
	assert_false(valid("\xF4\x90\x80\x80")); /* above U+10FFFF */
	assert_false(valid("\xE6\x94"));         /* truncated */
	assert_false(valid("\x80"));             /* lone continuation */
	assert_false(valid("\xFF"));
	assert_false(gk_utf8_valid("a\0b", 3)); /* NUL */
}

static void counts_code_points(void **state)
{
	const char *s = "公开a";
	assert_int_equal(gk_utf8_count(s, strlen(s)), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accepts_well_formed),
		cmocka_unit_test(rejects_malformed),
		cmocka_unit_test(counts_code_points),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
