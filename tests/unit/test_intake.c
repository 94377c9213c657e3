/* Tests of intake (core/intake.c): channels and the day of receipt by the
 * rule of each (条例 第三十一条), applicant types with their report columns,
 * and delivery. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/intake.h"
#include "lib/date.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static long day_of(int y, int m, int d)
{
	return gk_date_to_days((struct gk_date){y, m, d});
}

/* --- channels and receipt ------------------------------------------------------ */

static void test_channels(void **state)
{
	static const struct {
		const char *code, *label, *stat;
	} want[] = {
		{"in_person", "当面", "当面"}, {"fax", "传真", "传真"},
		{"online", "网络", "网络"},    {"letter", "信函", "信函"},
		{"email", "电子邮件", "网络"},
	};
	assert_int_equal(N(want), GK_CHANNEL_COUNT);
	for (size_t i = 0; i < N(want); i++) {
		enum gk_channel c;
		assert_true(gk_channel_parse(want[i].code, &c));
		assert_int_equal(c, (enum gk_channel)i);
		assert_string_equal(gk_channel_code(c), want[i].code);
		assert_string_equal(gk_channel_label(c), want[i].label);
		assert_string_equal(gk_channel_label(gk_channel_stat(c)), want[i].stat);
		assert_string_equal(gk_channel_codes[i], want[i].code);
	}
	assert_null(gk_channel_codes[GK_CHANNEL_COUNT]);
	enum gk_channel c;
	assert_false(gk_channel_parse("phone", &c));
	assert_false(gk_channel_parse(NULL, &c));
	assert_true(gk_channel_parse("电子邮件", &c)); /* a label is understood too */
	assert_int_equal(c, GK_CHANNEL_EMAIL);
	assert_string_equal(gk_channel_code(GK_CHANNEL_COUNT), "");
}

static void test_receipt_day(void **state)
{
	struct gk_error err = {GK_OK, ""};
	long d1 = day_of(2024, 3, 1), d2 = day_of(2024, 3, 4), d3 = day_of(2024, 3, 5);
	long day;
	const char *rule;
	struct gk_receipt_facts f = {GK_CHANNEL_IN_PERSON, false, d1, d2, d3};
	assert_int_equal(gk_receipt_day(&f, &day, &rule, &err), GK_OK);
	assert_int_equal(day, d1);
	assert_non_null(strstr(rule, "当面提交之日"));

	f.channel = GK_CHANNEL_LETTER;
	f.registered_post = true;
	assert_int_equal(gk_receipt_day(&f, &day, &rule, &err), GK_OK);
	assert_int_equal(day, d2);
	assert_non_null(strstr(rule, "签收"));
	f.registered_post = false; /* an ordinary letter: confirmed with the applicant */
	assert_int_equal(gk_receipt_day(&f, &day, &rule, &err), GK_OK);
	assert_int_equal(day, d3);

	enum gk_channel confirmed[] = {GK_CHANNEL_FAX, GK_CHANNEL_ONLINE, GK_CHANNEL_EMAIL};
	for (size_t i = 0; i < N(confirmed); i++) {
		f.channel = confirmed[i];
		assert_int_equal(gk_channel_receipt_basis(f.channel, true), GK_RECEIPT_CONFIRMED);
		assert_int_equal(gk_receipt_day(&f, &day, &rule, &err), GK_OK);
		assert_int_equal(day, d3);
		assert_non_null(strstr(rule, "双方确认之日"));
	}
	/* a missing day is named */
	f.confirmed = GK_NO_DAY;
	assert_int_equal(gk_receipt_day(&f, &day, NULL, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "confirmed"));
	f = (struct gk_receipt_facts){GK_CHANNEL_LETTER, true, d1, GK_NO_DAY, GK_NO_DAY};
	assert_int_equal(gk_receipt_day(&f, &day, NULL, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "signed_for"));
	f = (struct gk_receipt_facts){GK_CHANNEL_IN_PERSON, false, GK_NO_DAY, GK_NO_DAY, GK_NO_DAY};
	assert_int_equal(gk_receipt_day(&f, &day, NULL, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "submitted"));
	/* received before it was sent */
	f = (struct gk_receipt_facts){GK_CHANNEL_ONLINE, false, d2, GK_NO_DAY, d1};
	assert_int_equal(gk_receipt_day(&f, &day, NULL, &err), GK_EINVAL);
	f.channel = (enum gk_channel)42;
	assert_int_equal(gk_receipt_day(&f, &day, NULL, &err), GK_EINVAL);
}

static void test_applicant_types(void **state)
{
	static const struct {
		const char *code, *label, *group;
	} want[] = {
		{"natural_person", "自然人", "自然人"},
		{"business", "商业企业", "法人或其他组织"},
		{"research", "科研机构", "法人或其他组织"},
		{"public_interest", "社会公益组织", "法人或其他组织"},
		{"legal_services", "法律服务机构", "法人或其他组织"},
		{"other", "其他", "法人或其他组织"},
	};
	assert_int_equal(N(want), GK_APPLICANT_COUNT);
	for (size_t i = 0; i < N(want); i++) {
		enum gk_applicant_type t;
		assert_true(gk_applicant_type_parse(want[i].code, &t));
		assert_string_equal(gk_applicant_type_code(t), want[i].code);
		assert_string_equal(gk_applicant_type_label(t), want[i].label);
		const struct gk_applicant_type_info *ti = gk_applicant_type_info(t);
		assert_string_equal(ti->group, want[i].group);
		assert_int_equal(ti->column, (int)i);
	}
	enum gk_applicant_type t;
	assert_false(gk_applicant_type_parse("company", &t));
	assert_null(gk_applicant_type_info(GK_APPLICANT_COUNT));
	enum gk_delivery d;
	const char *deliveries[] = {"email", "post", "pickup", "online"};
	for (size_t i = 0; i < N(deliveries); i++) {
		assert_true(gk_delivery_parse(deliveries[i], &d));
		assert_string_equal(gk_delivery_code(d), deliveries[i]);
		assert_true(gk_delivery_label(d)[0] != '\0');
	}
	assert_false(gk_delivery_parse("fax", &d));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_channels),
		cmocka_unit_test(test_receipt_day),
		cmocka_unit_test(test_applicant_types),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
