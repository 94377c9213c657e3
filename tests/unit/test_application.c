/* Tests of applications as records (core/application.c) and their reply
 * letters (core/reply_letter.c): a fresh record, who may see the
 * applicant, tracking codes, a letter for every outcome. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/application.h"
#include "core/reply_letter.h"
#include "lib/date.h"

static long day_of(int y, int m, int d)
{
	return gk_date_to_days((struct gk_date){y, m, d});
}

/* --- the record ----------------------------------------------------------------- */

static void test_init_and_personal_data(void **state)
{
	struct gk_application app;
	gk_application_init(&app);
	assert_true(app.received == GK_NO_DAY && app.submitted == GK_NO_DAY);
	assert_true(app.due == GK_NO_DAY && app.replied == GK_NO_DAY);
	assert_int_equal(app.outcome, -1);
	assert_int_equal(app.state, GK_STATE_RECEIVED);
	app.agency_id = 7;
	struct gk_user same = {.agency_id = 7}, other = {.agency_id = 8}, city = {.agency_id = 1};
	city.city_wide = true;
	assert_true(gk_application_personal_visible(&same, &app));
	assert_false(gk_application_personal_visible(&other, &app));
	assert_true(gk_application_personal_visible(&city, &app));
	for (int s = 0; s < GK_FEE_STATUS_COUNT; s++) {
		enum gk_fee_status back;
		assert_true(gk_fee_status_parse(gk_fee_status_code((enum gk_fee_status)s), &back));
		assert_int_equal(back, s);
	}
}

/* The applicant's fields become placeholders, the longest first and e-mail
 * in any case, and come back from them; a field left empty keeps its
 * placeholder. */
static void test_applicant_redact_and_restore(void **state)
{
	(void)state;
	struct gk_applicant a = {.name = "张三",
				 .id_number = "14020219900101123X",
				 .phone = "13503520001",
				 .email = "zs@example.cn",
				 .address = "张三路1号"};
	const char *text =
		"张三：请到张三路1号，电话13503520001，ZS@Example.CN，证件14020219900101123X。";
	struct gk_buf b, back;
	gk_buf_init(&b, 4096);
	gk_applicant_redact(&a, text, &b);
	assert_string_equal(b.data, "〔申请人姓名或名称〕：请到〔申请人地址〕，电话〔申请人电话〕，"
				    "〔申请人电子邮箱〕，证件〔申请人证件号码〕。");
	gk_buf_init(&back, 4096);
	gk_applicant_restore(&a, b.data, &back);
	assert_string_equal(
		back.data,
		"张三：请到张三路1号，电话13503520001，zs@example.cn，证件14020219900101123X。");
	gk_buf_release(&back);
	gk_buf_release(&b);

	struct gk_applicant none;
	memset(&none, 0, sizeof none);
	gk_buf_init(&b, 4096);
	gk_applicant_redact(&none, "无人可隐", &b);
	assert_string_equal(b.data, "无人可隐");
	gk_buf_reset(&b);
	gk_applicant_restore(&none, "〔申请人电话〕", &b);
	assert_string_equal(b.data, "〔申请人电话〕");
	gk_buf_reset(&b);
	snprintf(none.phone, sizeof none.phone, " ");
	gk_applicant_redact(&none, "a b", &b);
	assert_string_equal(b.data, "a b");
	gk_buf_reset(&b);
	gk_applicant_redact(&a, NULL, &b);
	assert_string_equal(b.data, "");
	gk_buf_release(&b);
}

/* --- tracking codes --------------------------------------------------------------- */

static void test_tracking_codes(void **state)
{
	char code[GK_TRACKING_CODE_LEN + 1], norm[GK_TRACKING_CODE_LEN + 1];
	char shown[GK_TRACKING_CODE_LEN + 2];
	unsigned char zero[GK_TRACKING_RANDOM_BYTES] = {0};
	unsigned char ones[GK_TRACKING_RANDOM_BYTES];
	memset(ones, 0xff, sizeof ones);
	gk_tracking_code_make(zero, code);
	assert_string_equal(code, "2222222222");
	gk_tracking_code_make(ones, code);
	assert_string_equal(code, "ZZZZZZZZZZ");
	assert_int_equal(strlen(GK_TRACKING_ALPHABET), 32);
	assert_null(strpbrk(GK_TRACKING_ALPHABET, "01OI"));

	/* a simple generator: every character used, all codes well formed */
	int seen[256] = {0};
	uint64_t x = 88172645463325252ull;
	for (int i = 0; i < 5000; i++) {
		unsigned char r[GK_TRACKING_RANDOM_BYTES];
		for (size_t j = 0; j < sizeof r; j++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			r[j] = (unsigned char)x;
		}
		gk_tracking_code_make(r, code);
		assert_int_equal(strlen(code), GK_TRACKING_CODE_LEN);
		assert_true(gk_tracking_code_normalize(code, norm));
		assert_string_equal(norm, code);
		for (int k = 0; k < GK_TRACKING_CODE_LEN; k++)
			seen[(unsigned char)code[k]]++;
	}
	for (const char *p = GK_TRACKING_ALPHABET; *p; p++)
		assert_true(seen[(unsigned char)*p] > 0);

	/* as typed */
	assert_true(gk_tracking_code_normalize("abcde-fghjk", norm));
	assert_string_equal(norm, "ABCDEFGHJK");
	assert_true(gk_tracking_code_normalize(" ABCDE FGHJK ", norm));
	assert_string_equal(gk_tracking_code_display(norm, shown), "ABCDE-FGHJK");
	assert_false(gk_tracking_code_normalize("ABCDE-FGHJ", norm));  /* short */
	assert_false(gk_tracking_code_normalize("ABCDEFGHJKL", norm)); /* long */
	assert_false(gk_tracking_code_normalize("ABCDE-FGH0K", norm)); /* 0 */
	assert_false(gk_tracking_code_normalize("ABCDE-FGHOK", norm)); /* O */
	assert_false(gk_tracking_code_normalize("ABCDE-FGHIK", norm)); /* I */
	assert_false(gk_tracking_code_normalize("ABCDE/FGHJK", norm));
	assert_false(gk_tracking_code_normalize("", norm));
	assert_false(gk_tracking_code_normalize(NULL, norm));
	assert_false(gk_tracking_code_normalize(
		"A B C D E F G H J K - - - - - - - - - - - - - - - - - - -", norm));
	assert_string_equal(gk_tracking_code_display("ABC", shown), "ABC");
}

/* --- reply letters ---------------------------------------------------------------- */

static void test_reply_letters_exist_for_every_outcome(void **state)
{
	struct gk_application app;
	gk_application_init(&app);
	app.received = day_of(2025, 3, 3);
	snprintf(app.tracking_code, sizeof app.tracking_code, "ABCDEFGHJK");
	snprintf(app.applicant.name, sizeof app.applicant.name, "甲");
	snprintf(app.description, sizeof app.description, "乙");
	snprintf(app.agency_name, sizeof app.agency_name, "丙局");
	for (int o = 0; o < GK_OUTCOME_COUNT; o++) {
		struct gk_buf b;
		gk_buf_init(&b, 1 << 16);
		gk_reply_letter(&app, (enum gk_outcome)o, day_of(2025, 3, 20), &b);
		assert_non_null(strstr(b.data, "甲：\n本机关于2025年3月3日收到"));
		assert_non_null(strstr(b.data, "ABCDE-FGHJK"));
		assert_non_null(strstr(b.data, "丙局\n2025年3月20日\n"));
		gk_buf_release(&b);
	}
}

/* Every outcome, every way of obtaining: correct Chinese, no doubled
 * punctuation, no alternative left to choose; the placeholders that are
 * left are found, and a letter with one is refused. */
static void test_reply_letters_read_right(void **state)
{
	struct gk_application app;
	gk_application_init(&app);
	app.received = day_of(2025, 3, 3);
	snprintf(app.tracking_code, sizeof app.tracking_code, "ABCDEFGHJK");
	snprintf(app.applicant.name, sizeof app.applicant.name, "张三");
	/* the applicant's own full stop and line breaks */
	snprintf(app.description, sizeof app.description,
		 "2024年大气污染防治资金使用情况\n及其说明。\n");
	snprintf(app.agency_name, sizeof app.agency_name, "市环保局");
	for (int d = 0; d < GK_DELIVERY_COUNT; d++)
		for (int o = 0; o < GK_OUTCOME_COUNT; o++) {
			app.delivery = (enum gk_delivery)d;
			struct gk_buf b;
			gk_buf_init(&b, 1 << 16);
			gk_reply_letter(&app, (enum gk_outcome)o, day_of(2025, 3, 20), &b);
			const char *t = b.data;
			assert_null(strstr(t, "。。"));
			assert_null(strstr(t, "，。"));
			assert_null(strstr(t, "【或"));
			assert_null(strstr(t, "经审查，现答复如下：\n经审查"));
			assert_non_null(
				strstr(t, "您申请获取的政府信息为：2024年大气污染防治资金使用情况；"
					  "及其说明。\n现答复如下：\n"));
			size_t len;
			const char *ph = gk_reply_letter_placeholder(t, &len);
			struct gk_error err = {0};
			if (ph) {
				assert_int_equal(gk_reply_letter_check(t, &err), GK_EINVAL);
				char want[256];
				snprintf(want, sizeof want, "“%.*s”", (int)len, ph);
				assert_non_null(strstr(err.detail, want));
				assert_non_null(strstr(err.detail, "答复书"));
			} else {
				assert_int_equal(gk_reply_letter_check(t, &err), GK_OK);
			}
			gk_buf_release(&b);
		}
	/* which outcomes leave something to fill: the 予以公开 letter only
	 * when it is picked up */
	struct gk_buf b;
	gk_buf_init(&b, 1 << 16);
	size_t len;
	app.delivery = GK_DELIVERY_EMAIL;
	gk_reply_letter(&app, GK_OUTCOME_DISCLOSED, day_of(2025, 3, 20), &b);
	assert_null(gk_reply_letter_placeholder(b.data, &len));
	assert_non_null(strstr(b.data, "电子邮件"));
	gk_buf_reset(&b);
	app.delivery = GK_DELIVERY_PICKUP;
	gk_reply_letter(&app, GK_OUTCOME_DISCLOSED, day_of(2025, 3, 20), &b);
	const char *ph = gk_reply_letter_placeholder(b.data, &len);
	assert_non_null(ph);
	assert_int_equal(strncmp(ph, "【领取期限】", len), 0);
	gk_buf_reset(&b);
	gk_reply_letter(&app, GK_OUTCOME_NOT_EXIST, day_of(2025, 3, 20), &b);
	assert_null(gk_reply_letter_placeholder(b.data, &len));
	gk_buf_reset(&b);
	gk_reply_letter(&app, GK_OUTCOME_PARTLY_DISCLOSED, day_of(2025, 3, 20), &b);
	assert_non_null(gk_reply_letter_placeholder(b.data, &len));
	gk_buf_release(&b);
	/* an unclosed bracket runs to the end of its line */
	ph = gk_reply_letter_placeholder("答复\n【请填写\n下一行", &len);
	assert_non_null(ph);
	assert_int_equal(len, strlen("【请填写"));
	struct gk_error err = {0};
	assert_int_equal(gk_reply_letter_check("无待填内容。", &err), GK_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_and_personal_data),
		cmocka_unit_test(test_applicant_redact_and_restore),
		cmocka_unit_test(test_tracking_codes),
		cmocka_unit_test(test_reply_letters_exist_for_every_outcome),
		cmocka_unit_test(test_reply_letters_read_right),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
