/* Tests of the reports' deadlines (条例 art. 49, and the 2008 条例 before
 * it), their timing, and the scoring sheet's arithmetic. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/calendar.h"
#include "core/scoring.h"
#include "lib/date.h"

static long day_of(int y, int m, int d)
{
	return gk_date_to_days((struct gk_date){y, m, d});
}

static void test_deadline_by_kind_and_regulation(void **state)
{
	(void)state;
	/* 2019 条例: departments by 31 January, governments by 31 March */
	assert_int_equal(gk_report_deadline(2019, GK_AGENCY_DEPARTMENT), day_of(2020, 1, 31));
	assert_int_equal(gk_report_deadline(2023, GK_AGENCY_DEPARTMENT), day_of(2024, 1, 31));
	assert_int_equal(gk_report_deadline(2023, GK_AGENCY_OFFICE), day_of(2024, 1, 31));
	assert_int_equal(gk_report_deadline(2023, GK_AGENCY_OTHER), day_of(2024, 1, 31));
	assert_int_equal(gk_report_deadline(2023, GK_AGENCY_GOVERNMENT), day_of(2024, 3, 31));
	/* 2008 条例: everyone by 31 March, the report on 2018 included */
	assert_int_equal(gk_report_deadline(2017, GK_AGENCY_DEPARTMENT), day_of(2018, 3, 31));
	assert_int_equal(gk_report_deadline(2018, GK_AGENCY_DEPARTMENT), day_of(2019, 3, 31));
	assert_int_equal(gk_report_deadline(2018, GK_AGENCY_GOVERNMENT), day_of(2019, 3, 31));
}

static void test_timing(void **state)
{
	(void)state;
	long due = day_of(2024, 1, 31);
	assert_int_equal(gk_report_timing_of(due, due, due + 30), GK_TIMING_ON_TIME);
	assert_int_equal(gk_report_timing_of(due, due - 10, due - 5), GK_TIMING_ON_TIME);
	assert_int_equal(gk_report_timing_of(due, due + 1, due + 30), GK_TIMING_LATE);
	assert_int_equal(gk_report_timing_of(due, GK_NO_DAY, due), GK_TIMING_NOT_DUE);
	assert_int_equal(gk_report_timing_of(due, GK_NO_DAY, due + 1), GK_TIMING_OVERDUE);
	assert_string_equal(gk_report_timing_label(GK_TIMING_LATE), "逾期公布");
}

static const int equal[GK_CRIT_COUNT] = {1, 1, 1, 1, 1};

static void test_sub_scores(void **state)
{
	(void)state;
	struct gk_assessment a = {.concluded_on_time = 9,
				  .concluded_late = 1,
				  .open_at_end = 10,
				  .open_overdue = 5,
				  .corrected_review = 1,
				  .corrected_suit = 1,
				  .items_published = 25,
				  .report = GK_TIMING_LATE};
	struct gk_score s;
	gk_score_compute(&a, 100, equal, &s);
	assert_true(s.scored);
	assert_float_equal(s.sub[GK_CRIT_ON_TIME_RATE], 90.0, 1e-9);
	/* 5 overdue of 10 concluded + 10 open */
	assert_float_equal(s.sub[GK_CRIT_OVERDUE], 75.0, 1e-9);
	assert_float_equal(s.sub[GK_CRIT_CORRECTED], 100.0 - 2 * GK_CORRECTED_PENALTY, 1e-9);
	assert_float_equal(s.sub[GK_CRIT_ITEMS_PUBLISHED], 25.0, 1e-9);
	assert_float_equal(s.sub[GK_CRIT_REPORT_ON_TIME], 50.0, 1e-9);
	assert_float_equal(s.total, (90.0 + 75 + 60 + 25 + 50) / 5, 1e-9);

	/* the penalty stops at 0; more items than the best is capped at 100 */
	a.corrected_review = 7;
	gk_score_compute(&a, 10, equal, &s);
	assert_float_equal(s.sub[GK_CRIT_CORRECTED], 0.0, 1e-9);
	assert_float_equal(s.sub[GK_CRIT_ITEMS_PUBLISHED], 100.0, 1e-9);
	a.report = GK_TIMING_ON_TIME;
	gk_score_compute(&a, 10, equal, &s);
	assert_float_equal(s.sub[GK_CRIT_REPORT_ON_TIME], 100.0, 1e-9);
	a.report = GK_TIMING_OVERDUE;
	gk_score_compute(&a, 10, equal, &s);
	assert_float_equal(s.sub[GK_CRIT_REPORT_ON_TIME], 0.0, 1e-9);
}

static void test_weights_and_what_does_not_apply(void **state)
{
	(void)state;
	/* nothing concluded or open, no items anywhere, report not yet due:
	 * only the corrected criterion applies */
	struct gk_assessment a = {.report = GK_TIMING_NOT_DUE, .corrected_suit = 1};
	struct gk_score s;
	int w[GK_CRIT_COUNT] = {30, 20, 20, 15, 15};
	gk_score_compute(&a, 0, w, &s);
	assert_false(s.applies[GK_CRIT_ON_TIME_RATE]);
	assert_false(s.applies[GK_CRIT_OVERDUE]);
	assert_false(s.applies[GK_CRIT_ITEMS_PUBLISHED]);
	assert_false(s.applies[GK_CRIT_REPORT_ON_TIME]);
	assert_true(s.scored);
	assert_float_equal(s.total, 80.0, 1e-9);
	/* its weight 0: nothing with a weight applies, no score */
	w[GK_CRIT_CORRECTED] = 0;
	gk_score_compute(&a, 0, w, &s);
	assert_false(s.scored);

	/* Σ weight × sub / Σ weight with unequal weights */
	struct gk_assessment b = {.concluded_on_time = 1,
				  .concluded_late = 1,
				  .items_published = 10,
				  .report = GK_TIMING_ON_TIME};
	int w2[GK_CRIT_COUNT] = {300, 100, 0, 100, 500};
	gk_score_compute(&b, 10, w2, &s);
	/* on time 50, overdue 100, (corrected weight 0), items 100, report 100 */
	assert_float_equal(s.total, (300 * 50.0 + 100 * 100 + 100 * 100 + 500 * 100) / 1000, 1e-9);
}

static void test_criteria_and_weight_checks(void **state)
{
	(void)state;
	struct gk_error err = {0};
	enum gk_criterion c;
	assert_true(gk_criterion_parse("items_published", &c));
	assert_int_equal(c, GK_CRIT_ITEMS_PUBLISHED);
	assert_false(gk_criterion_parse("frob", &c));
	assert_string_equal(gk_criterion_code(GK_CRIT_OVERDUE), "overdue");
	assert_null(gk_criterion_codes[GK_CRIT_COUNT]);
	int sum = 0;
	for (int i = 0; i < GK_CRIT_COUNT; i++) {
		assert_true(gk_criterion_label(i)[0]);
		assert_true(gk_criterion_rule(i)[0]);
		sum += gk_criterion_default_weight(i);
	}
	assert_int_equal(sum, 100);
	assert_int_equal(gk_weight_check(GK_CRIT_OVERDUE, 0, &err), GK_OK);
	assert_int_equal(gk_weight_check(GK_CRIT_OVERDUE, GK_WEIGHT_MAX, &err), GK_OK);
	assert_int_equal(gk_weight_check(GK_CRIT_OVERDUE, -1, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "超期未办结申请"));
	assert_int_equal(gk_weight_check(GK_CRIT_OVERDUE, GK_WEIGHT_MAX + 1, &err), GK_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deadline_by_kind_and_regulation),
		cmocka_unit_test(test_timing),
		cmocka_unit_test(test_sub_scores),
		cmocka_unit_test(test_weights_and_what_does_not_apply),
		cmocka_unit_test(test_criteria_and_weight_checks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
