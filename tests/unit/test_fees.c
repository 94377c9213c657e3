/* Tests of the information-processing fee (国办函〔2020〕109号): every tier
 * boundary of both methods, the worked examples, limits and the payment day. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/calendar.h"
#include "core/fees.h"
#include "lib/date.h"

#define YUAN(x) ((int64_t)(x)*100)

static long day_of(int y, int m, int d)
{
	return gk_date_to_days((struct gk_date){y, m, d});
}

/* 按件: the N-th application's own fee at each boundary. */
static void test_by_count_nth(void **state)
{
	static const struct {
		int nth;
		int yuan;
	} cases[] = {
		{1, 0},    {10, 0},   {11, 100}, {30, 100}, {31, 200},  {40, 200},  {41, 300},
		{50, 300}, {51, 400}, {60, 400}, {61, 500}, {100, 800}, {101, 900},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t got = gk_fee_by_count_nth(cases[i].nth);
		if (got != YUAN(cases[i].yuan))
			fail_msg("application %d: %lld 分, expected %d 元", cases[i].nth,
				 (long long)got, cases[i].yuan);
	}
	assert_int_equal(gk_fee_by_count_nth(0), -1);
	assert_int_equal(gk_fee_by_count_nth(-5), -1);
	assert_int_equal(gk_fee_by_count_nth(GK_FEE_MAX_COUNT + 1), -1);
	assert_true(gk_fee_by_count_nth(GK_FEE_MAX_COUNT) > 0);
}

/* 按件: the month's total for COUNT applications (only the excess over each tier). */
static void test_by_count_totals(void **state)
{
	static const struct {
		int count;
		int yuan;
	} cases[] = {
		{1, 0},     {10, 0},    {11, 100},  {30, 2000}, {31, 2200},
		{35, 3000}, /* the worked example: 20×100 + 5×200 */
		{40, 4000}, {41, 4300}, {50, 7000}, {51, 7400}, {60, 11000},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t got = gk_fee_by_count_range(1, cases[i].count);
		if (got != YUAN(cases[i].yuan))
			fail_msg("%d applications: %lld 分, expected %d 元", cases[i].count,
				 (long long)got, cases[i].yuan);
	}
	/* a range is the sum of its members */
	for (int first = 1; first < 80; first += 7)
		for (int count = 1; count < 25; count += 4) {
			int64_t sum = 0;
			for (int n = first; n < first + count; n++)
				sum += gk_fee_by_count_nth(n);
			assert_int_equal(gk_fee_by_count_range(first, count), sum);
		}
	assert_int_equal(gk_fee_by_count_range(0, 1), -1);
	assert_int_equal(gk_fee_by_count_range(1, 0), -1);
	assert_int_equal(gk_fee_by_count_range(GK_FEE_MAX_COUNT, 2), -1);
	assert_true(gk_fee_by_count_range(1, GK_FEE_MAX_COUNT) > 0);
}

/* 按量: pages of one application. */
static void test_by_pages(void **state)
{
	static const struct {
		int pages;
		int yuan;
	} cases[] = {
		{0, 0},      {1, 0},      {30, 0},     {31, 10},
		{32, 20},    {100, 700},  {101, 720},  {150, 1700},   /* the worked example */
		{200, 2700}, {201, 2740}, {202, 2780}, {2219, 83460}, /* the reported notice */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t got = gk_fee_by_pages(cases[i].pages);
		if (got != YUAN(cases[i].yuan))
			fail_msg("%d pages: %lld 分, expected %d 元", cases[i].pages,
				 (long long)got, cases[i].yuan);
	}
	/* each page's marginal price */
	for (int p = 1; p <= 400; p++) {
		int64_t marginal = gk_fee_by_pages(p) - gk_fee_by_pages(p - 1);
		int64_t want = p <= 30 ? 0 : p <= 100 ? YUAN(10) : p <= 200 ? YUAN(20) : YUAN(40);
		assert_int_equal(marginal, want);
	}
	assert_int_equal(gk_fee_by_pages(-1), -1);
	assert_int_equal(gk_fee_by_pages(GK_FEE_MAX_PAGES + 1), -1);
	assert_int_equal(gk_fee_by_pages(GK_FEE_MAX_PAGES),
			 YUAN(2700) + YUAN((int64_t)(GK_FEE_MAX_PAGES - 200) * 40));
}

static void test_compute_and_explain(void **state)
{
	struct gk_error err = {GK_OK, ""};
	struct gk_buf ex;
	gk_buf_init(&ex, 0);
	int64_t amount = -1;
	struct gk_fee_input in = {GK_FEE_BY_PAGES, day_of(2021, 1, 1), 0, 0, 150};
	assert_int_equal(gk_fee_compute(&in, &amount, &ex, &err), GK_OK);
	assert_int_equal(amount, YUAN(1700));
	assert_non_null(strstr(ex.data, "第31–100页 70页 × 10元 = 700元"));
	assert_non_null(strstr(ex.data, "第101–150页 50页 × 20元 = 1000元"));
	assert_non_null(strstr(ex.data, "合计 total: 1700元"));

	gk_buf_reset(&ex);
	in = (struct gk_fee_input){GK_FEE_BY_COUNT, day_of(2023, 5, 4), 29, 4, 0};
	assert_int_equal(gk_fee_compute(&in, &amount, &ex, &err), GK_OK);
	assert_int_equal(amount, YUAN(100 + 100 + 200 + 200));
	assert_non_null(strstr(ex.data, "第29–30件 2件 × 100元 = 200元"));
	assert_non_null(strstr(ex.data, "第31–32件 2件 × 200元 = 400元"));

	gk_buf_reset(&ex);
	in = (struct gk_fee_input){GK_FEE_BY_COUNT, day_of(2023, 5, 4), 5, 1, 0};
	assert_int_equal(gk_fee_compute(&in, &amount, &ex, &err), GK_OK);
	assert_int_equal(amount, 0);
	assert_non_null(strstr(ex.data, "免费"));

	/* never before 2021 */
	in.notice_day = day_of(2020, 12, 31);
	assert_int_equal(gk_fee_compute(&in, &amount, NULL, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "收费通知日期"));
	/* bad numbers name the field */
	in = (struct gk_fee_input){GK_FEE_BY_PAGES, day_of(2022, 1, 4), 0, 0, -3};
	assert_int_equal(gk_fee_compute(&in, &amount, NULL, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "页数"));
	in = (struct gk_fee_input){GK_FEE_BY_COUNT, day_of(2022, 1, 4), 0, 1, 0};
	assert_int_equal(gk_fee_compute(&in, &amount, NULL, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "本月申请序号"));
	in.method = (enum gk_fee_method)9;
	assert_int_equal(gk_fee_compute(&in, &amount, NULL, &err), GK_EINVAL);
	/* no fee decided */
	in = (struct gk_fee_input){GK_FEE_NONE, GK_NO_DAY, 0, 0, 0};
	amount = 7;
	assert_int_equal(gk_fee_compute(&in, &amount, NULL, &err), GK_OK);
	assert_int_equal(amount, 0);
	gk_buf_release(&ex);
}

static void test_labels_and_format(void **state)
{
	enum gk_fee_method m;
	assert_true(gk_fee_method_parse("by_pages", &m));
	assert_int_equal(m, GK_FEE_BY_PAGES);
	assert_true(gk_fee_method_parse("by_count", &m));
	assert_string_equal(gk_fee_method_label(m), "按件计收");
	assert_string_equal(gk_fee_method_label(GK_FEE_BY_PAGES), "按量计收");
	assert_false(gk_fee_method_parse("both", &m));
	assert_false(gk_fee_method_parse(NULL, &m));
	char s[32];
	assert_string_equal(gk_fee_format_yuan(YUAN(1700), s), "1700");
	assert_string_equal(gk_fee_format_yuan(170050, s), "1700.50");
	assert_string_equal(gk_fee_format_yuan(5, s), "0.05");
	assert_string_equal(gk_fee_format_yuan(0, s), "0");
	assert_string_equal(gk_fee_format_yuan(-250, s), "-2.50");
}

static void test_payment_due(void **state)
{
	struct gk_error err = {GK_OK, ""};
	struct gk_calendar *cal = gk_calendar_new_builtin(&err);
	assert_non_null(cal);
	bool prov = true;
	/* received Wednesday 2021-03-10: the 20th working day after is 2021-04-08 */
	assert_int_equal(gk_fee_payment_due(cal, day_of(2021, 3, 10), &prov), day_of(2021, 4, 8));
	assert_false(prov);
	/* over National Day 2023 (9-29 … 10-6 off, 10-7 and 10-8 worked) */
	assert_int_equal(gk_fee_payment_due(cal, day_of(2023, 9, 27), &prov), day_of(2023, 10, 31));
	gk_calendar_free(cal);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_by_count_nth),
		cmocka_unit_test(test_by_count_totals),
		cmocka_unit_test(test_by_pages),
		cmocka_unit_test(test_compute_and_explain),
		cmocka_unit_test(test_labels_and_format),
		cmocka_unit_test(test_payment_due),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
