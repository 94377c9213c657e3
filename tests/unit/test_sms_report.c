/* The SMS gateway's delivery report settings (core/sms_gateway.c: the
 * report_… keys) and the reports read from a callback's body: one JSON
 * object, an array, a list inside an object, a form; statuses sorted into
 * delivered, failed and other; the time in its usual shapes; the refusals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/sms_gateway.h"

#define BASE                                                                  \
	"url = https://sms.example.com/send\n"                                \
	"body = {\"to\":\"{to}\",\"text\":\"{text}\",\"out_id\":\"{key}\"}\n" \
	"receipt_field = data.message_id\n"

#define REPORTS                                     \
	"report_secret = 0123456789abcdef-secret\n" \
	"report_secret_header = X-Report-Secret\n"  \
	"report_id_field = msg_id\n"                \
	"report_status_field = status\n"            \
	"report_time_field = done_time\n"           \
	"report_reason_field = err.message\n"       \
	"report_list_field = reports\n"             \
	"report_delivered_values = DELIVRD, 0\n"    \
	"report_failed_values = UNDELIV, EXPIRED, REJECTD\n"

static struct gk_sms_gateway g;

static enum gk_err parse(const char *text, struct gk_error *err)
{
	memset(err, 0, sizeof *err);
	return gk_sms_gateway_parse(text, &g, err);
}

static void refused(const char *text, const char *says)
{
	struct gk_error err;
	assert_int_equal(parse(text, &err), GK_EINVAL);
	if (!strstr(err.detail, says))
		fail_msg("“%s” does not say “%s”", err.detail, says);
}

static void the_report_keys_are_read(void **state)
{
	(void)state;
	struct gk_error err;
	/* the existing keys alone: no reports */
	assert_int_equal(parse(BASE, &err), GK_OK);
	assert_false(gk_sms_gateway_reports(&g));
	assert_int_equal(parse(BASE REPORTS, &err), GK_OK);
	assert_true(gk_sms_gateway_reports(&g));
	assert_string_equal(g.report_secret, "0123456789abcdef-secret");
	assert_string_equal(g.report_secret_header, "X-Report-Secret");
	assert_string_equal(g.report_secret_param, "");
	assert_string_equal(g.report_id_field, "msg_id");
	assert_string_equal(g.report_reason_field, "err.message");
	assert_string_equal(g.report_list_field, "reports");
	assert_string_equal(g.report_failed_values, "UNDELIV, EXPIRED, REJECTD");
	assert_string_equal(g.receipt_field, "data.message_id"); /* the others kept */
	/* the secret in a query parameter instead */
	assert_int_equal(parse(BASE "report_secret = 0123456789abcdef\n"
				    "report_secret_param = token\n"
				    "report_id_field = id\nreport_status_field = stat\n"
				    "report_delivered_values = ok\n",
			       &err),
			 GK_OK);
	assert_string_equal(g.report_secret_param, "token");
}

static void report_settings_are_checked(void **state)
{
	(void)state;
	refused(BASE "report_id_field = id\n", "report_secret");
	refused(BASE "report_secret = short\n", "至少 16");
	refused(BASE "report_secret = 0123456789abcdef\nreport_id_field = id\n"
		     "report_status_field = s\nreport_delivered_values = ok\n",
		"report_secret_header 与 report_secret_param");
	refused(BASE "report_secret = 0123456789abcdef\nreport_secret_header = X-S\n"
		     "report_secret_param = s\nreport_id_field = id\n"
		     "report_status_field = s\nreport_delivered_values = ok\n",
		"须设置其中一个");
	refused(BASE "report_secret = 0123456789abcdef\nreport_secret_header = X-S\n"
		     "report_status_field = s\nreport_delivered_values = ok\n",
		"report_id_field");
	refused(BASE "report_secret = 0123456789abcdef\nreport_secret_header = X-S\n"
		     "report_id_field = id\nreport_status_field = s\n",
		"report_delivered_values");
	refused(BASE "report_secret_header = X S\n", "请求头名称");
	refused(BASE "report_id_field = a..b\n", "字段路径");
	refused(BASE "report_colour = red\n", "未知的设置“report_colour”");
}

static struct gk_sms_report out[8];

static size_t reports(const char *body, bool form, struct gk_error *err)
{
	size_t n = 99;
	memset(err, 0, sizeof *err);
	enum gk_err rc = gk_sms_reports_parse(&g, body, strlen(body), form, 1000, out, 8, &n, err);
	if (rc)
		return (size_t)-1;
	return n;
}

static void one_object_an_array_and_a_list(void **state)
{
	(void)state;
	struct gk_error err;
	assert_int_equal(parse(BASE REPORTS, &err), GK_OK);
	assert_int_equal(reports("{\"msg_id\":\"gw-1\",\"status\":\"DELIVRD\","
				 "\"done_time\":\"2026-03-02 09:30:00\"}",
				 false, &err),
			 1);
	assert_string_equal(out[0].id, "gw-1");
	assert_int_equal(out[0].outcome, GK_SMS_REPORT_DELIVERED);
	assert_int_equal(out[0].at, 1772415000); /* 01:30 UTC */
	assert_string_equal(out[0].reason, "DELIVRD");

	assert_int_equal(reports("[{\"msg_id\":\"gw-1\",\"status\":\"DELIVRD\"},"
				 "{\"msg_id\":12345,\"status\":\"UNDELIV\","
				 "\"err\":{\"message\":\"空号\"}},"
				 "{\"msg_id\":\"gw-3\",\"status\":\"ACCEPTD\"}]",
				 false, &err),
			 3);
	assert_int_equal(out[0].at, 1000); /* no time: now */
	assert_string_equal(out[1].id, "12345");
	assert_int_equal(out[1].outcome, GK_SMS_REPORT_FAILED);
	assert_string_equal(out[1].reason, "空号");
	assert_int_equal(out[2].outcome, GK_SMS_REPORT_OTHER);

	assert_int_equal(reports("{\"reports\":[{\"msg_id\":\"a\",\"status\":0}]}", false, &err),
			 1);
	assert_string_equal(out[0].id, "a");
	assert_int_equal(out[0].outcome, GK_SMS_REPORT_DELIVERED);
	assert_int_equal(reports("[]", false, &err), 0);
}

static void a_form_report(void **state)
{
	(void)state;
	struct gk_error err;
	assert_int_equal(parse(BASE REPORTS, &err), GK_OK);
	assert_int_equal(reports("status=EXPIRED&msg_id=gw%2D9&done_time=20260302093000"
				 "&err.message=%E8%B6%85%E6%97%B6+%E6%9C%AA%E8%BE%BE",
				 true, &err),
			 1);
	assert_string_equal(out[0].id, "gw-9");
	assert_int_equal(out[0].outcome, GK_SMS_REPORT_FAILED);
	assert_int_equal(out[0].at, 1772415000);
	assert_string_equal(out[0].reason, "超时 未达");
	assert_int_equal(reports("msg_id=x&status=%ZZ", true, &err), (size_t)-1);
	assert_non_null(strstr(err.detail, "编码有误"));
	assert_int_equal(reports("msg_id=x&status=a%00b", true, &err), (size_t)-1);
}

static void malformed_bodies_are_refused(void **state)
{
	(void)state;
	struct gk_error err;
	assert_int_equal(parse(BASE REPORTS, &err), GK_OK);
	assert_int_equal(reports("{\"msg_id\":", false, &err), (size_t)-1);
	assert_non_null(strstr(err.detail, "不是有效的 JSON"));
	assert_int_equal(reports("\"DELIVRD\"", false, &err), (size_t)-1);
	assert_non_null(strstr(err.detail, "JSON"));
	assert_int_equal(reports("[{\"msg_id\":\"a\",\"status\":\"DELIVRD\"}, 3]", false, &err),
			 (size_t)-1);
	assert_non_null(strstr(err.detail, "第 2 条"));
	assert_int_equal(reports("{\"status\":\"DELIVRD\"}", false, &err), (size_t)-1);
	assert_non_null(strstr(err.detail, "缺少“msg_id”"));
	assert_int_equal(reports("{\"msg_id\":\"\",\"status\":\"DELIVRD\"}", false, &err),
			 (size_t)-1);
	assert_int_equal(reports("{\"msg_id\":\"a\"}", false, &err), (size_t)-1);
	assert_non_null(strstr(err.detail, "缺少“status”"));
	assert_int_equal(reports("{\"msg_id\":\"a\",\"msg_id\":\"b\",\"status\":0}", false, &err),
			 (size_t)-1);
	assert_int_equal(reports("", false, &err), (size_t)-1);
	assert_int_equal(reports("\xff\xfe", false, &err), (size_t)-1);
	/* more than the caller's room */
	assert_int_equal(reports("[{\"msg_id\":\"1\",\"status\":0},{\"msg_id\":\"2\",\"status\":0},"
				 "{\"msg_id\":\"3\",\"status\":0},{\"msg_id\":\"4\",\"status\":0},"
				 "{\"msg_id\":\"5\",\"status\":0},{\"msg_id\":\"6\",\"status\":0},"
				 "{\"msg_id\":\"7\",\"status\":0},{\"msg_id\":\"8\",\"status\":0},"
				 "{\"msg_id\":\"9\",\"status\":0}]",
				 false, &err),
			 (size_t)-1);
	assert_non_null(strstr(err.detail, "一次最多 8 条"));
}

static void times_in_their_usual_shapes(void **state)
{
	(void)state;
	int64_t t;
	assert_true(gk_sms_report_time("1772415000", &t));
	assert_int_equal(t, 1772415000);
	assert_true(gk_sms_report_time("1772415000123", &t));
	assert_int_equal(t, 1772415000);
	assert_true(gk_sms_report_time("20260302093000", &t));
	assert_int_equal(t, 1772415000);
	assert_true(gk_sms_report_time("2026-03-02 09:30:00", &t));
	assert_int_equal(t, 1772415000);
	assert_true(gk_sms_report_time("2026-03-02T09:30", &t));
	assert_int_equal(t, 1772415000);
	assert_true(gk_sms_report_time("2026-03-02T01:30:00Z", &t));
	assert_int_equal(t, 1772415000);
	assert_true(gk_sms_report_time("2026-03-02T01:30:00.250+00:00", &t));
	assert_int_equal(t, 1772415000);
	assert_true(gk_sms_report_time("2026-03-01T20:30:00-0500", &t));
	assert_int_equal(t, 1772415000);
	assert_false(gk_sms_report_time("", &t));
	assert_false(gk_sms_report_time("0", &t));
	assert_false(gk_sms_report_time("yesterday", &t));
	assert_false(gk_sms_report_time("2026-02-30 09:30:00", &t));
	assert_false(gk_sms_report_time("2026-03-02 25:30:00", &t));
	assert_false(gk_sms_report_time("2026-03-02 09:30:00 extra", &t));
	assert_false(gk_sms_report_time("123456789012", &t));
}

/* Bodies mutated at random (a fixed seed): every one is read or refused
 * with a reason, never more reports than room, ids never empty, and the
 * sanitizers see nothing. */
static void mutated_bodies_are_read_or_refused(void **state)
{
	(void)state;
	struct gk_error err;
	assert_int_equal(parse(BASE REPORTS, &err), GK_OK);
	static const char *const seeds[] = {
		"{\"reports\":[{\"msg_id\":\"a\",\"status\":\"DELIVRD\",\"done_time\":"
		"\"2026-03-02T09:30:00+08:00\",\"err\":{\"message\":\"x\"}}]}",
		"[{\"msg_id\":1,\"status\":0},{\"msg_id\":\"b\",\"status\":\"UNDELIV\"}]",
		"msg_id=gw%2D9&status=EXPIRED&done_time=20260302093000&err.message=%E8%B6%85",
	};
	unsigned x = 12345;
	char buf[512];
	for (int i = 0; i < 20000; i++) {
		const char *seed = seeds[i % 3];
		size_t len = strlen(seed);
		memcpy(buf, seed, len);
		for (int k = 0; k < 1 + i % 4; k++) {
			x = x * 1103515245u + 12345u;
			size_t at = (x >> 8) % len;
			x = x * 1103515245u + 12345u;
			switch ((x >> 16) % 3) {
			case 0:
				buf[at] = (char)(x >> 24);
				break;
			case 1:
				len = at + 1; /* cut short */
				break;
			default:
				buf[at] = "{}[]\",:%&=+0aZ\\"[(x >> 24) % 16];
			}
		}
		size_t n = 99;
		memset(out, 0xAA, sizeof out);
		enum gk_err rc =
			gk_sms_reports_parse(&g, buf, len, i % 3 == 2, 1000, out, 8, &n, &err);
		if (rc == GK_OK) {
			assert_true(n <= 8);
			for (size_t j = 0; j < n; j++) {
				assert_true(out[j].id[0] != '\0');
				assert_non_null(memchr(out[j].reason, '\0', sizeof out[j].reason));
				assert_true(out[j].at > 0);
			}
		} else {
			assert_int_equal(rc, GK_EINVAL);
			assert_int_equal(n, 0);
			assert_true(err.detail[0] != '\0');
		}
		buf[len < sizeof buf ? len : sizeof buf - 1] = '\0';
		int64_t t;
		(void)gk_sms_report_time(buf, &t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_report_keys_are_read),
		cmocka_unit_test(report_settings_are_checked),
		cmocka_unit_test(one_object_an_array_and_a_list),
		cmocka_unit_test(a_form_report),
		cmocka_unit_test(malformed_bodies_are_refused),
		cmocka_unit_test(times_in_their_usual_shapes),
		cmocka_unit_test(mutated_bodies_are_read_or_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
