/* Unit tests for the SMS side of notices: core/sms_gateway (the settings
 * file, templates, answers), core/phone and core/send_limit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/phone.h"
#include "core/send_limit.h"
#include "core/sms_gateway.h"

static const char *const SAMPLE =
	"# a generic JSON gateway\n"
	"url = https://sms.example.com/v1/send\n"
	"method = POST\n"
	"header = Authorization: Bearer abc\n"
	"  header = X-Trace: {key}  \r\n"
	"encoding = json\n"
	"body = {\"to\":\"{to}\",\"text\":\"{text}\",\"out_id\":\"{key}\"}\n"
	"success_status = 200-202, 204\n"
	"permanent_status = 400-499\n"
	"receipt_field = data.message_id\n"
	"idempotency_header = Idempotency-Key\n"
	"rate_limit = 5/hour\n"
	"timeout = 7\n";

static void parses_a_sample(void **state)
{
	(void)state;
	struct gk_sms_gateway g;
	struct gk_error err = {0};
	assert_int_equal(gk_sms_gateway_parse(SAMPLE, &g, &err), GK_OK);
	assert_string_equal(g.url, "https://sms.example.com/v1/send");
	assert_true(g.post);
	assert_int_equal(g.n_headers, 2);
	assert_string_equal(g.headers[1], "X-Trace: {key}");
	assert_int_equal(g.n_success, 2);
	assert_int_equal(g.success[1].lo, 204);
	assert_string_equal(g.receipt_field, "data.message_id");
	assert_string_equal(g.idempotency_header, "Idempotency-Key");
	assert_int_equal(g.rate_limit, 5);
	assert_int_equal(g.rate_window, 3600);
	assert_int_equal(g.timeout, 7);
	/* the defaults */
	assert_int_equal(gk_sms_gateway_parse("url = http://127.0.0.1:9/sms?to={to}&t={text}\n"
					      "method = GET\n",
					      &g, &err),
			 GK_OK);
	assert_false(g.post);
	assert_int_equal(g.success[0].lo, 200);
	assert_int_equal(g.success[0].hi, 299);
	assert_int_equal(g.permanent[0].lo, 400);
	assert_int_equal(g.rate_limit, 0);
}

static void refuses_bad_files(void **state)
{
	(void)state;
	static const struct {
		const char *text, *says;
	} cases[] = {
		{"", "缺少 url"},
		{"url = ftp://x/\nbody = a\n", "第 1 行"},
		{"url = http://x/\nmethod = PUT\nbody = a\n", "method"},
		{"url = http://x/\nbody = {\"to\":\"{phone}\"}\n", "{phone}"},
		{"url = http://x/?k={secret}\nmethod = GET\n", "{secret}"},
		{"url = http://x/\nbody = a\nheader = X-A: {nope}\n", "{nope}"},
		{"url = http://x/\nbody = a\ncolour = blue\n", "第 3 行：未知的设置“colour”"},
		{"url = http://x/\nbody = a\nsuccess_status = ok\n", "success_status"},
		{"url = http://x/\nbody = a\nsuccess_status = 299-200\n", "success_status"},
		{"url = http://x/\nbody = a\nrate_limit = 5 per hour\n", "rate_limit"},
		{"url = http://x/\nbody = a\nrate_limit = 5/week\n", "rate_limit"},
		{"url = http://x/\nbody = a\nheader = no colon\n", "header"},
		{"url = http://x/\nbody = a\nreceipt_field = a..b\n", "receipt_field"},
		{"url = http://x/\nbody = a\nok_field = code\n", "ok_value"},
		{"url = http://x/\nbody = a\ntemporary_values = A\n", "temporary_values"},
		{"url = http://x/\nbody = a\nencoding = xml\n", "encoding"},
		{"url = http://x/\nbody = a\ntimeout = 0\n", "timeout"},
		{"url = http://x/\nmethod = GET\nbody = a\n", "GET"},
		{"url = http://x/\n", "POST"},
		{"just words\n", "第 1 行"},
		{"url = http://x/\nbody = \xE6\x94\n", "UTF-8"},
		{"url = http://x/\nbody = a\nheader = X-A: b\rEvil: c\n", "第 3 行含控制字符"},
		{"url = http://x/\nbody = a\x01b\n", "第 2 行含控制字符"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct gk_sms_gateway g;
		struct gk_error err = {0};
		if (gk_sms_gateway_parse(cases[i].text, &g, &err) != GK_EINVAL)
			fail_msg("accepted: %s", cases[i].text);
		if (!strstr(err.detail, cases[i].says))
			fail_msg("for %s: '%s' does not say '%s'", cases[i].text, err.detail,
				 cases[i].says);
	}
}

static void renders_templates(void **state)
{
	(void)state;
	struct gk_sms_values v = {"13800138000", "+8613800138000",
				  "您的申请“\"已受理\"\n请查收 & 确认", "notice-7"};
	struct gk_buf b;
	struct gk_error err = {0};
	gk_buf_init(&b, 0);
	assert_int_equal(gk_sms_render(&b, "{\"to\":\"{to}\",\"text\":\"{text}\",\"k\":\"{key}\"}",
				       GK_SMS_PART_BODY, GK_SMS_JSON, &v, &err),
			 GK_OK);
	assert_string_equal(
		b.data,
		"{\"to\":\"13800138000\",\"text\":\"您的申请“\\\"已受理\\\"\\n请查收 & 确认\",\"k\":\"notice-7\"}");
	gk_buf_reset(&b);
	assert_int_equal(gk_sms_render(&b, "mobile={to_e164}&msg={text}", GK_SMS_PART_BODY,
				       GK_SMS_FORM, &v, &err),
			 GK_OK);
	assert_non_null(strstr(b.data, "mobile=%2B8613800138000&msg=%E6%82%A8"));
	assert_null(strstr(b.data, " "));
	assert_null(strstr(b.data, "&%20"));
	gk_buf_reset(&b);
	assert_int_equal(gk_sms_render(&b, "http://gw/send?to={to}&t={text}", GK_SMS_PART_URL,
				       GK_SMS_JSON, &v, &err),
			 GK_OK);
	assert_null(strchr(b.data + 16, ' '));
	assert_non_null(strstr(b.data, "%26%20"));
	gk_buf_reset(&b);
	/* a header value never carries a line break */
	assert_int_equal(
		gk_sms_render(&b, "X-Text: {text}", GK_SMS_PART_HEADER, GK_SMS_JSON, &v, &err),
		GK_EINVAL);
	gk_buf_reset(&b);
	assert_int_equal(gk_sms_render(&b, "{unknown}", GK_SMS_PART_BODY, GK_SMS_JSON, &v, &err),
			 GK_EINVAL);
	assert_non_null(strstr(err.detail, "{unknown}"));
	gk_buf_release(&b);
}

static void judges_answers(void **state)
{
	(void)state;
	struct gk_sms_gateway g;
	struct gk_error err = {0};
	assert_int_equal(gk_sms_gateway_parse(SAMPLE, &g, &err), GK_OK);
	char receipt[64], why[128];
	const char *ok = "{\"data\":{\"message_id\":\"m-123\"}}";
	assert_int_equal(
		gk_sms_judge(&g, 200, ok, strlen(ok), receipt, sizeof receipt, why, sizeof why),
		GK_SMS_DELIVERED);
	assert_string_equal(receipt, "m-123");
	const char *num = "{\"data\":{\"message_id\":42}}";
	assert_int_equal(
		gk_sms_judge(&g, 204, num, strlen(num), receipt, sizeof receipt, why, sizeof why),
		GK_SMS_DELIVERED);
	assert_string_equal(receipt, "42");
	/* not JSON: delivered all the same, no receipt */
	assert_int_equal(gk_sms_judge(&g, 200, "OK", 2, receipt, sizeof receipt, why, sizeof why),
			 GK_SMS_DELIVERED);
	assert_string_equal(receipt, "");
	assert_int_equal(gk_sms_judge(&g, 203, "", 0, receipt, sizeof receipt, why, sizeof why),
			 GK_SMS_TEMPORARY); /* not in 200-202, 204 */
	assert_int_equal(gk_sms_judge(&g, 500, "", 0, receipt, sizeof receipt, why, sizeof why),
			 GK_SMS_TEMPORARY);
	assert_int_equal(gk_sms_judge(&g, 503, "", 0, receipt, sizeof receipt, why, sizeof why),
			 GK_SMS_TEMPORARY);
	assert_int_equal(gk_sms_judge(&g, 400, "", 0, receipt, sizeof receipt, why, sizeof why),
			 GK_SMS_PERMANENT);
	assert_int_equal(gk_sms_judge(&g, 429, "", 0, receipt, sizeof receipt, why, sizeof why),
			 GK_SMS_TEMPORARY);
	assert_int_equal(gk_sms_judge(&g, 408, "", 0, receipt, sizeof receipt, why, sizeof why),
			 GK_SMS_TEMPORARY);
	/* a gateway that answers 200 with its own code */
	assert_int_equal(gk_sms_gateway_parse("url = http://x/\nbody = {text}\nok_field = Code\n"
					      "ok_value = OK\nreceipt_field = BizId\n",
					      &g, &err),
			 GK_OK);
	const char *good = "{\"Code\":\"OK\",\"BizId\":\"b-9\"}";
	const char *bad = "{\"Code\":\"isv.MOBILE_NUMBER_ILLEGAL\",\"Message\":\"x\"}";
	assert_int_equal(
		gk_sms_judge(&g, 200, good, strlen(good), receipt, sizeof receipt, why, sizeof why),
		GK_SMS_DELIVERED);
	assert_string_equal(receipt, "b-9");
	assert_int_equal(
		gk_sms_judge(&g, 200, bad, strlen(bad), receipt, sizeof receipt, why, sizeof why),
		GK_SMS_PERMANENT);
	assert_string_equal(why, "Code = isv.MOBILE_NUMBER_ILLEGAL");
	assert_int_equal(gk_sms_judge(&g, 200, "x", 1, receipt, sizeof receipt, why, sizeof why),
			 GK_SMS_PERMANENT);
	/* a code the file calls temporary (the gateway's own throttle) waits */
	assert_int_equal(
		gk_sms_gateway_parse("url = http://x/\nbody = {text}\nok_field = Code\n"
				     "ok_value = OK\n"
				     "temporary_values = isv.BUSINESS_LIMIT_CONTROL, Throttling\n",
				     &g, &err),
		GK_OK);
	const char *busy = "{\"Code\":\"Throttling\"}";
	assert_int_equal(
		gk_sms_judge(&g, 200, busy, strlen(busy), receipt, sizeof receipt, why, sizeof why),
		GK_SMS_TEMPORARY);
	assert_string_equal(why, "Code = Throttling");
	const char *limit = "{\"Code\":\"isv.BUSINESS_LIMIT_CONTROL\"}";
	assert_int_equal(gk_sms_judge(&g, 200, limit, strlen(limit), receipt, sizeof receipt, why,
				      sizeof why),
			 GK_SMS_TEMPORARY);
	const char *thr = "{\"Code\":\"Throttl\"}"; /* a prefix is not a match */
	assert_int_equal(
		gk_sms_judge(&g, 200, thr, strlen(thr), receipt, sizeof receipt, why, sizeof why),
		GK_SMS_PERMANENT);
}

static void phone_numbers(void **state)
{
	(void)state;
	char out[GK_PHONE_SIZE];
	assert_true(gk_phone_mobile_normalize("13800138000", out));
	assert_string_equal(out, "13800138000");
	assert_true(gk_phone_mobile_normalize("+8619912345678", out));
	assert_string_equal(out, "19912345678");
	assert_true(gk_phone_mobile_normalize("+86 138-0013-8000", out));
	assert_string_equal(out, "13800138000");
	assert_true(gk_phone_mobile_normalize("008613800138000", out));
	assert_true(gk_phone_mobile_normalize("8613800138000", out));
	assert_false(gk_phone_mobile_normalize("12800138000", out)); /* 12x */
	assert_false(gk_phone_mobile_normalize("23800138000", out));
	assert_false(gk_phone_mobile_normalize("1380013800", out));   /* ten digits */
	assert_false(gk_phone_mobile_normalize("138001380001", out)); /* twelve */
	assert_false(gk_phone_mobile_normalize("+13800138000", out));
	assert_false(gk_phone_mobile_normalize("+1 415 555 0100", out));
	assert_false(gk_phone_mobile_normalize("0351-1234567", out));
	assert_false(gk_phone_mobile_normalize("1380013800a", out));
	assert_false(gk_phone_mobile_normalize("", out));
	assert_string_equal(out, "");
	assert_false(gk_phone_mobile_normalize(NULL, out));
}

static void send_limit(void **state)
{
	(void)state;
	struct gk_send_limit *l = gk_send_limit_new(3, 3600);
	assert_non_null(l);
	int64_t t = 1000000;
	for (int i = 0; i < 3; i++) {
		assert_int_equal(gk_send_limit_check(l, "13800138000", t + i * 60), 0);
		gk_send_limit_count(l, "13800138000", t + i * 60);
	}
	/* the fourth within the hour waits until the first leaves the window */
	assert_int_equal(gk_send_limit_check(l, "13800138000", t + 600), t + 3600);
	assert_int_equal(gk_send_limit_check(l, "13900139000", t + 600), 0);
	assert_int_equal(gk_send_limit_check(l, "13800138000", t + 3600), 0);
	gk_send_limit_count(l, "13800138000", t + 3600);
	assert_int_equal(gk_send_limit_check(l, "13800138000", t + 3601), t + 60 + 3600);
	/* many recipients: the old ones are swept, the limit still holds */
	char who[16];
	for (int i = 0; i < 500; i++) {
		snprintf(who, sizeof who, "139%08d", i);
		gk_send_limit_count(l, who, t + 100000 + i);
	}
	assert_int_equal(gk_send_limit_check(l, "13800138000", t + 100000), 0);
	gk_send_limit_free(l);
	assert_null(gk_send_limit_new(0, 3600));
	gk_send_limit_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_a_sample),   cmocka_unit_test(refuses_bad_files),
		cmocka_unit_test(renders_templates), cmocka_unit_test(judges_answers),
		cmocka_unit_test(phone_numbers),     cmocka_unit_test(send_limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
