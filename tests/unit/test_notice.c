/* Notices' pure parts (core/notice.c): templates rendered with their
 * placeholders, an unknown or unclosed placeholder refused by name, every
 * kind's templates complete for the values the service gives, and the
 * retry schedule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/notice.h"

static void a_template_is_filled_in(void **state)
{
	(void)state;
	struct gk_notice_param p[] = {{"code", "ABCDE-FGHJK"}, {"due", "2026-12-31"}};
	struct gk_buf b;
	gk_buf_init(&b, 4096);
	struct gk_error err = {0};
	assert_int_equal(gk_notice_render("查询码{code}，期限{due}。{code}", p, 2, &b, &err),
			 GK_OK);
	assert_string_equal(b.data, "查询码ABCDE-FGHJK，期限2026-12-31。ABCDE-FGHJK");
	gk_buf_reset(&b);
	/* braces that open no placeholder are text */
	assert_int_equal(gk_notice_render("{ 不是 } {} {", p, 2, &b, &err), GK_OK);
	assert_string_equal(b.data, "{ 不是 } {} {");
	gk_buf_release(&b);
}

static void an_unknown_placeholder_is_refused_by_name(void **state)
{
	(void)state;
	struct gk_notice_param p[] = {{"code", "X"}};
	struct gk_buf b;
	gk_buf_init(&b, 4096);
	gk_buf_puts(&b, "前文");
	struct gk_error err = {0};
	assert_int_equal(gk_notice_render("查询码{code}，金额{amount}元", p, 1, &b, &err),
			 GK_EINVAL);
	assert_non_null(strstr(err.detail, "占位符“{amount}”未知"));
	assert_string_equal(b.data, "前文"); /* nothing half-written */
	err = (struct gk_error){0};
	assert_int_equal(gk_notice_render("查询码{code", p, 1, &b, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "“{code”缺少右花括号"));
	assert_string_equal(b.data, "前文");
	gk_buf_release(&b);
}

/* The names the service gives each kind (service/notices.c). */
static const char *const given[GK_NOTICE_COUNT][10] = {
	[GK_NOTICE_RECEIPT] = {"agency", "code", "submitted", "due"},
	[GK_NOTICE_SUPPLEMENT_REQUEST] = {"agency", "code", "what", "until", "day"},
	[GK_NOTICE_EXTENSION] = {"agency", "code", "days", "due", "reason"},
	[GK_NOTICE_FEE] = {"agency", "code", "basis", "method", "explain", "amount", "how_to_pay",
			   "day", "pay_by"},
	[GK_NOTICE_REPLY_READY] = {"agency", "code", "day", "outcome", "way", "how"},
	[GK_NOTICE_ASSIGNED] = {"agency", "code", "received", "due"},
	[GK_NOTICE_DUE_SOON] = {"agency", "code", "due", "left", "state"},
	[GK_NOTICE_OVERDUE] = {"agency", "code", "due", "left", "state"},
	[GK_NOTICE_REVIEW_WAITING] = {"agency", "code", "outcome", "drafter"},
	[GK_NOTICE_DAILY_DIGEST] = {"day", "count", "lines"},
};

static void every_template_renders_with_what_the_service_gives(void **state)
{
	(void)state;
	for (int k = 0; k < GK_NOTICE_COUNT; k++) {
		struct gk_notice_param p[10];
		size_t n = 0;
		for (; n < 10 && given[k][n]; n++)
			p[n] = (struct gk_notice_param){given[k][n], "值"};
		struct gk_buf b;
		gk_buf_init(&b, GK_NOTICE_BODY_MAX);
		struct gk_error err = {0};
		assert_int_equal(
			gk_notice_render(gk_notice_subject_template((enum gk_notice_kind)k), p, n,
					 &b, &err),
			GK_OK);
		assert_int_equal(gk_notice_render(gk_notice_body_template((enum gk_notice_kind)k),
						  p, n, &b, &err),
				 GK_OK);
		assert_null(strchr(b.data, '{'));
		gk_buf_release(&b);
	}
	assert_false(gk_notice_kind_staff(GK_NOTICE_FEE));
	assert_true(gk_notice_kind_staff(GK_NOTICE_DAILY_DIGEST));
	enum gk_notice_kind k;
	assert_true(gk_notice_kind_parse("supplement_request", &k));
	assert_int_equal(k, GK_NOTICE_SUPPLEMENT_REQUEST);
	assert_string_equal(gk_notice_kind_label(GK_NOTICE_SUPPLEMENT_REQUEST), "补正告知");
}

/* The placeholders a page lists are those the service gives, each with
 * a meaning and a sample; every default template passes the check. */
static void the_placeholders_are_what_the_service_gives(void **state)
{
	(void)state;
	for (int k = 0; k < GK_NOTICE_COUNT; k++) {
		enum gk_notice_kind kind = (enum gk_notice_kind)k;
		size_t n, want = 0;
		const struct gk_notice_placeholder *ph = gk_notice_placeholders(kind, &n);
		while (want < 10 && given[k][want])
			want++;
		assert_int_equal(n, want);
		for (size_t i = 0; i < n; i++) {
			assert_string_equal(ph[i].name, given[k][i]);
			assert_true(ph[i].label[0] && ph[i].sample[0]);
		}
		struct gk_error err = {0};
		assert_int_equal(gk_notice_template_check(kind, gk_notice_subject_template(kind),
							  gk_notice_body_template(kind), NULL,
							  &err),
				 GK_OK);
	}
	size_t n;
	assert_null(gk_notice_placeholders(GK_NOTICE_COUNT, &n));
	assert_int_equal(n, 0);
}

static void a_template_is_checked_against_its_kind(void **state)
{
	(void)state;
	struct gk_error err = {0};
	/* {amount} is the fee notice's, not the receipt's */
	assert_int_equal(
		gk_notice_template_check(GK_NOTICE_FEE, "收费{code}", "金额{amount}元", NULL, &err),
		GK_OK);
	assert_int_equal(gk_notice_template_check(GK_NOTICE_RECEIPT, "收到{code}",
						  "查询码{code}，金额{amount}元", NULL, &err),
			 GK_EINVAL);
	assert_non_null(
		strstr(err.detail, "“收到申请”通知模板的“正文”有误：模板中的占位符“{amount}”未知"));
	err = (struct gk_error){0};
	assert_int_equal(
		gk_notice_template_check(GK_NOTICE_RECEIPT, "【{agency", "正文", NULL, &err),
		GK_EINVAL);
	assert_non_null(strstr(err.detail, "“标题”有误"));
	assert_non_null(strstr(err.detail, "“{agency”缺少右花括号"));
	err = (struct gk_error){0};
	assert_int_equal(gk_notice_template_check(GK_NOTICE_RECEIPT, "标题", "", NULL, &err),
			 GK_EINVAL);
	assert_non_null(strstr(err.detail, "“正文”不能为空"));
	/* limits in characters, not bytes: 60 Chinese characters pass, 61 do not */
	char subject[512] = "";
	for (int i = 0; i < 60; i++)
		strcat(subject, "题");
	assert_int_equal(gk_notice_template_check(GK_NOTICE_RECEIPT, subject, "正文", NULL, &err),
			 GK_OK);
	strcat(subject, "题");
	assert_int_equal(gk_notice_template_check(GK_NOTICE_RECEIPT, subject, "正文", NULL, &err),
			 GK_EINVAL);
	assert_non_null(strstr(err.detail, "不能超过60字（现为61字）"));
}

static void the_preview_uses_sample_values_and_warns_of_long_sms(void **state)
{
	(void)state;
	struct gk_buf s, b, warn;
	gk_buf_init(&s, 4096);
	gk_buf_init(&b, 4096);
	gk_buf_init(&warn, 1024);
	struct gk_error err = {0};
	assert_int_equal(gk_notice_preview(GK_NOTICE_RECEIPT, "【{agency}】",
					   "查询码{code}，期限{due}", &s, &b, &err),
			 GK_OK);
	assert_string_equal(s.data, "【某市某局】");
	assert_string_equal(b.data, "查询码ABCDE-FGHJK，期限2026-03-23");
	assert_int_equal(
		gk_notice_template_check(GK_NOTICE_RECEIPT, "标题", "查询码{code}", &warn, &err),
		GK_OK);
	assert_int_equal(warn.len, 0); /* one SMS */
	assert_int_equal(gk_notice_template_check(
				 GK_NOTICE_RECEIPT, gk_notice_subject_template(GK_NOTICE_RECEIPT),
				 gk_notice_body_template(GK_NOTICE_RECEIPT), &warn, &err),
			 GK_OK);
	assert_non_null(strstr(warn.data, "超过70字将分"));
	gk_buf_release(&s);
	gk_buf_release(&b);
	gk_buf_release(&warn);
}

static void retries_back_off_to_a_cap(void **state)
{
	(void)state;
	assert_int_equal(gk_notice_retry_delay(1), 60);
	assert_int_equal(gk_notice_retry_delay(2), 120);
	assert_int_equal(gk_notice_retry_delay(3), 240);
	assert_int_equal(gk_notice_retry_delay(9), 60 << 8);
	assert_int_equal(gk_notice_retry_delay(10), 6 * 3600);
	assert_int_equal(gk_notice_retry_delay(100), 6 * 3600);
	assert_int_equal(gk_notice_retry_delay(0), 60);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_template_is_filled_in),
		cmocka_unit_test(an_unknown_placeholder_is_refused_by_name),
		cmocka_unit_test(every_template_renders_with_what_the_service_gives),
		cmocka_unit_test(the_placeholders_are_what_the_service_gives),
		cmocka_unit_test(a_template_is_checked_against_its_kind),
		cmocka_unit_test(the_preview_uses_sample_values_and_warns_of_long_sms),
		cmocka_unit_test(retries_back_off_to_a_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
