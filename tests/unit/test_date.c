/* Unit tests for lib/date: day numbers, weekdays, parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "lib/date.h"

static void epoch_and_known_days(void **state)
{
	assert_int_equal(gk_date_to_days((struct gk_date){1970, 1, 1}), 0);
	assert_int_equal(gk_date_weekday(0), 4); /* Thursday */
	long d = gk_date_to_days((struct gk_date){2019, 5, 15});
	assert_int_equal(gk_date_weekday(d), 3); /* a Wednesday */
	assert_int_equal(gk_date_weekday(gk_date_to_days((struct gk_date){2026, 11, 26})), 4);
	assert_int_equal(gk_date_weekday(gk_date_to_days((struct gk_date){1969, 12, 31})), 3);
}

static void round_trips_every_day_1900_2100(void **state)
{
	long first = gk_date_to_days((struct gk_date){1900, 1, 1});
	long last = gk_date_to_days((struct gk_date){2100, 12, 31});
	struct gk_date prev = gk_date_from_days(first - 1);
	for (long d = first; d <= last; d++) {
		struct gk_date x = gk_date_from_days(d);
		assert_true(gk_date_valid(x));
		assert_int_equal(gk_date_to_days(x), d);
		assert_int_equal(gk_date_weekday(d), gk_date_weekday(d - 7));
		assert_true(x.year > prev.year || x.month > prev.month || x.day > prev.day);
		prev = x;
	}
}

static void parses_strictly(void **state)
{
	struct gk_date d;
	assert_true(gk_date_parse("2024-02-29", &d));
	assert_int_equal(d.year, 2024);
	assert_int_equal(d.month, 2);
	assert_int_equal(d.day, 29);
	assert_false(gk_date_parse("2023-02-29", &d));
	assert_false(gk_date_parse("2023-13-01", &d));
	assert_false(gk_date_parse("2023-1-01", &d));
	assert_false(gk_date_parse("2023-01-01x", &d));
	assert_false(gk_date_parse("20230101", &d));
	assert_false(gk_date_parse("", &d));
	assert_false(gk_date_parse(NULL, &d));
	assert_false(gk_date_parse("1800-01-01", &d));
	char out[11];
	assert_string_equal(gk_date_format((struct gk_date){2017, 1, 5}, out), "2017-01-05");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(epoch_and_known_days),
		cmocka_unit_test(round_trips_every_day_1900_2100),
		cmocka_unit_test(parses_strictly),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
