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
		cmocka_unit_test(retries_back_off_to_a_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
