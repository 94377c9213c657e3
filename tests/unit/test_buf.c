/* Unit tests for lib/buf: growth, the hard maximum, detach. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lib/buf.h"

static void starts_empty_and_terminated(void **state)
{
	struct gk_buf b;
	gk_buf_init(&b, 0);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	gk_buf_reset(&b);
	assert_string_equal(b.data, "");
	gk_buf_release(&b);
}

static void appends_and_grows(void **state)
{
	struct gk_buf b;
	gk_buf_init(&b, 0);
	for (int i = 0; i < 1000; i++)
		assert_int_equal(gk_buf_puts(&b, "政务"), GK_OK);
	assert_int_equal(b.len, 6000);
	assert_int_equal(b.data[b.len], '\0');
	assert_int_equal(gk_buf_printf(&b, "%d-%s", 42, "x"), GK_OK);
	assert_string_equal(b.data + 6000, "42-x");
	gk_buf_release(&b);
}

static void refuses_past_max_and_stays_failed(void **state)
{
	struct gk_buf b;
	gk_buf_init(&b, 10);
	assert_int_equal(gk_buf_puts(&b, "0123456789"), GK_OK);
	assert_int_equal(gk_buf_putc(&b, 'x'), GK_ETOOBIG);
	assert_int_equal(b.len, 10);
	assert_string_equal(b.data, "0123456789");
	assert_int_equal(b.failed, GK_ETOOBIG);
	/* sticky: later small appends fail too, so one check at the end suffices */
	gk_buf_reset(&b);
	assert_int_equal(b.failed, 0);
	assert_int_equal(gk_buf_printf(&b, "%s", "01234567890"), GK_ETOOBIG);
	assert_int_equal(b.len, 0);
	gk_buf_release(&b);
}

/* a request body at its limit holds the limit, not the next power of two */
static void never_holds_more_than_its_maximum(void **state)
{
	struct gk_buf b;
	size_t max = ((size_t)1 << 20) + 5;
	gk_buf_init(&b, max);
	char block[4096];
	memset(block, 'a', sizeof block);
	while (b.len + sizeof block <= max)
		assert_int_equal(gk_buf_add(&b, block, sizeof block), GK_OK);
	assert_int_equal(gk_buf_add(&b, block, max - b.len), GK_OK);
	assert_int_equal(b.len, max);
	assert_true(b.cap <= max + 1);
	assert_int_equal(b.data[max], '\0');
	assert_int_equal(gk_buf_putc(&b, 'x'), GK_ETOOBIG);
	gk_buf_release(&b);
}

static void detach_hands_over_ownership(void **state)
{
	struct gk_buf b;
	size_t len;
	gk_buf_init(&b, 0);
	char *empty = gk_buf_detach(&b, &len);
	assert_string_equal(empty, "");
	assert_int_equal(len, 0);
	free(empty);
	gk_buf_puts(&b, "abc");
	char *s = gk_buf_detach(&b, &len);
	assert_string_equal(s, "abc");
	assert_int_equal(len, 3);
	assert_string_equal(b.data, "");
	free(s);
	gk_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(starts_empty_and_terminated),
		cmocka_unit_test(appends_and_grows),
		cmocka_unit_test(refuses_past_max_and_stays_failed),
		cmocka_unit_test(detach_hands_over_ownership),
		cmocka_unit_test(never_holds_more_than_its_maximum),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
