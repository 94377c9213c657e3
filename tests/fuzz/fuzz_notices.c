/* Fuzz target: what notices read from outside and write for it. The first
 * byte chooses: an SMS gateway settings file (core/sms_gateway: a file
 * that parses renders its URL, body and headers with any values), a
 * gateway's answer judged (the status from two bytes, the rest the body:
 * the verdict is one of three, the receipt and reason are whole UTF-8), or
 * a mail subject (core/mail_message: every line at most 76 printable ASCII
 * characters ending in CRLF, whatever the bytes). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"

#include "core/mail_message.h"
#include "core/sms_gateway.h"
#include "lib/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void gateway_file(const char *text)
{
	struct gk_sms_gateway g;
	struct gk_error err = {0};
	if (gk_sms_gateway_parse(text, &g, &err) != GK_OK) {
		FUZZ_CHECK(err.detail[0] != '\0', "a refused file says why");
		return;
	}
	/* values with every kind of character a template must escape */
	const struct gk_sms_values v = {"13800138000", "+8613800138000",
					"“引号” \"q\" \\ & = ? # % {to} \n 行", "key-{text}-1"};
	struct gk_buf b;
	gk_buf_init(&b, 0);
	FUZZ_CHECK(gk_sms_render(&b, g.url, GK_SMS_PART_URL, g.encoding, &v, &err) == GK_OK,
		   "a parsed URL renders");
	FUZZ_CHECK(strpbrk(b.data, " \r\n\"") == NULL || strpbrk(g.url, " \r\n\"") != NULL,
		   "values in a URL are percent-encoded");
	gk_buf_reset(&b);
	FUZZ_CHECK(gk_sms_render(&b, g.body, GK_SMS_PART_BODY, g.encoding, &v, &err) == GK_OK,
		   "a parsed body renders");
	for (int i = 0; i < g.n_headers; i++) {
		gk_buf_reset(&b);
		/* the text holds a line break: only a header without it renders */
		enum gk_err e =
			gk_sms_render(&b, g.headers[i], GK_SMS_PART_HEADER, g.encoding, &v, &err);
		FUZZ_CHECK(e == GK_OK || strstr(g.headers[i], "{text}"), "a parsed header renders");
		if (e == GK_OK)
			FUZZ_CHECK(strpbrk(b.data, "\r\n") == NULL, "no line break in a header");
	}
	gk_buf_release(&b);
}

static void gateway_answer(long status, const char *answer, size_t len)
{
	static const char *const conf = "url = http://127.0.0.1/\nbody = {text}\n"
					"receipt_field = data.message_id\nok_field = Code\n"
					"ok_value = OK\ntemporary_values = Busy, Throttling\n";
	struct gk_sms_gateway g;
	struct gk_error err = {0};
	FUZZ_CHECK(gk_sms_gateway_parse(conf, &g, &err) == GK_OK, "the fixed gateway parses");
	char receipt[24], why[40];
	enum gk_sms_verdict v =
		gk_sms_judge(&g, status, answer, len, receipt, sizeof receipt, why, sizeof why);
	FUZZ_CHECK(v == GK_SMS_DELIVERED || v == GK_SMS_TEMPORARY || v == GK_SMS_PERMANENT,
		   "a verdict");
	FUZZ_CHECK(memchr(receipt, '\0', sizeof receipt) && memchr(why, '\0', sizeof why),
		   "terminated");
	FUZZ_CHECK(gk_utf8_valid(receipt, strlen(receipt)), "a receipt of whole characters");
	FUZZ_CHECK(v == GK_SMS_DELIVERED || receipt[0] == '\0', "a receipt only when delivered");
}

static void mail_subject(const char *subject)
{
	struct gk_buf b;
	gk_buf_init(&b, 0);
	FUZZ_CHECK(gk_mail_header(&b, "Subject", subject) == GK_OK, "a subject is written");
	for (const char *line = b.data; *line;) {
		const char *end = strstr(line, "\r\n");
		FUZZ_CHECK(end != NULL, "every line ends in CRLF");
		FUZZ_CHECK(end - line <= GK_MAIL_LINE_MAX, "a line of at most 76");
		for (const char *p = line; p < end; p++)
			FUZZ_CHECK(*p >= 0x20 && *p < 0x7f, "printable ASCII");
		line = end + 2;
	}
	gk_buf_release(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 16384)
		return 0;
	char *text = malloc(size);
	if (!text)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	switch (data[0] % 3) {
	case 0:
		gateway_file(text);
		break;
	case 1:
		if (size >= 3)
			gateway_answer(100 + ((data[1] << 8) | data[2]) % 500, text + 2, size - 3);
		break;
	default:
		mail_subject(text);
	}
	free(text);
	return 0;
}
