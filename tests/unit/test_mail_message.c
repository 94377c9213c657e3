/* Unit tests for core/mail_message: addresses, RFC 2047 headers that
 * decode back whole, lines of at most 76 characters, no header injection. */
#include <setjmp.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/mail_message.h"
#include "lib/utf8.h"

static void addresses(void **state)
{
	(void)state;
	assert_true(gk_mail_address_valid("zhangsan@example.com"));
	assert_true(gk_mail_address_valid("a.b+tag@mail.dt.gov.cn"));
	assert_true(gk_mail_address_valid("x_y-z@a-b.cn"));
	assert_false(gk_mail_address_valid(""));
	assert_false(gk_mail_address_valid("zhangsan"));
	assert_false(gk_mail_address_valid("zhangsan@localhost"));
	assert_false(gk_mail_address_valid("@example.com"));
	assert_false(gk_mail_address_valid("a@@example.com"));
	assert_false(gk_mail_address_valid(".a@example.com"));
	assert_false(gk_mail_address_valid("a..b@example.com"));
	assert_false(gk_mail_address_valid("a@-example.com"));
	assert_false(gk_mail_address_valid("a@example..com"));
	assert_false(gk_mail_address_valid("a b@example.com"));
	assert_false(gk_mail_address_valid("a@example.com\r\nBcc: x@y.com"));
	assert_false(gk_mail_address_valid("张三@example.com"));
	assert_false(gk_mail_address_valid("a@example.com>"));
	char local[80];
	memset(local, 'a', 65);
	memcpy(local + 65, "@b.cn", 6); /* a local part of 65 characters */
	assert_false(gk_mail_address_valid(local));
}

static void mailboxes(void **state)
{
	(void)state;
	char addr[GK_MAIL_ADDR_MAX + 1], name[128];
	assert_true(
		gk_mail_mailbox_parse("noreply@dt.gov.cn", addr, sizeof addr, name, sizeof name));
	assert_string_equal(addr, "noreply@dt.gov.cn");
	assert_string_equal(name, "");
	assert_true(gk_mail_mailbox_parse("大同市政务公开 <noreply@dt.gov.cn>", addr, sizeof addr,
					  name, sizeof name));
	assert_string_equal(addr, "noreply@dt.gov.cn");
	assert_string_equal(name, "大同市政务公开");
	assert_true(gk_mail_mailbox_parse("\"Office\" <o@dt.gov.cn>", addr, sizeof addr, name,
					  sizeof name));
	assert_string_equal(name, "Office");
	assert_false(gk_mail_mailbox_parse("noreply", addr, sizeof addr, name, sizeof name));
	assert_false(gk_mail_mailbox_parse("名 <noreply>", addr, sizeof addr, name, sizeof name));
	assert_false(gk_mail_mailbox_parse("名 <a@b.cn", addr, sizeof addr, name, sizeof name));
	assert_false(gk_mail_mailbox_parse("a\nb <a@b.cn>", addr, sizeof addr, name, sizeof name));
}

/* Decodes one header value back: encoded-words joined (the whitespace
 * between two of them dropped, RFC 2047 §6.2), folds unfolded. */
static char *decode_header(const char *v)
{
	char *out = calloc(1, strlen(v) + 1);
	size_t n = 0;
	bool after_word = false;
	while (*v) {
		if (strncmp(v, "=?UTF-8?B?", 10) == 0) {
			const char *end = strstr(v + 10, "?=");
			assert_non_null(end);
			size_t bin_len = 0;
			assert_int_equal(sodium_base642bin((unsigned char *)out + n, strlen(v),
							   v + 10, (size_t)(end - v - 10), NULL,
							   &bin_len, NULL,
							   sodium_base64_VARIANT_ORIGINAL),
					 0);
			n += bin_len;
			v = end + 2;
			after_word = true;
			continue;
		}
		if (*v == '\r' && v[1] == '\n') {
			v += 2;
			continue;
		}
		if (*v == ' ' && after_word) {
			const char *p = v;
			while (*p == ' ' || *p == '\r' || *p == '\n')
				p++;
			if (strncmp(p, "=?", 2) == 0) {
				v = p;
				continue;
			}
		}
		after_word = false;
		out[n++] = *v++;
	}
	out[n] = '\0';
	return out;
}

static void assert_lines_short(const char *text)
{
	for (const char *line = text; *line;) {
		const char *end = strstr(line, "\r\n");
		assert_non_null(end); /* every line ends in CRLF */
		if ((size_t)(end - line) > GK_MAIL_LINE_MAX)
			fail_msg("a line of %zu characters: %.*s", (size_t)(end - line),
				 (int)(end - line), line);
		assert_null(memchr(line, '\n', (size_t)(end - line))); /* no bare LF */
		line = end + 2;
	}
}

static void check_subject(const char *subject, const char *expect)
{
	struct gk_buf b;
	gk_buf_init(&b, 0);
	assert_int_equal(gk_mail_header(&b, "Subject", subject), GK_OK);
	assert_lines_short(b.data);
	/* encoded-words of at most 75 characters, each holding whole characters */
	for (const char *w = strstr(b.data, "=?"); w; w = strstr(w + 2, "=?")) {
		const char *end = strstr(w + 10, "?=");
		assert_true(end - w + 2 <= 75);
		unsigned char bin[64];
		size_t bin_len;
		assert_int_equal(sodium_base642bin(bin, sizeof bin, w + 10, (size_t)(end - w - 10),
						   NULL, &bin_len, NULL,
						   sodium_base64_VARIANT_ORIGINAL),
				 0);
		assert_true(gk_utf8_valid((const char *)bin, bin_len));
		w = end;
	}
	assert_true(strncmp(b.data, "Subject: ", 9) == 0);
	char *value = decode_header(b.data + 9);
	value[strlen(value)] = '\0';
	assert_string_equal(value, expect);
	free(value);
	gk_buf_release(&b);
}

static void subjects_decode_back(void **state)
{
	(void)state;
	check_subject("Receipt", "Receipt");
	check_subject("政府信息公开申请受理通知", "政府信息公开申请受理通知");
	/* long and mixed: many words, cut only between characters */
	const char *long_s =
		"关于您的政府信息公开申请（受理编号 DT-2026-000123）的补正告知书："
		"请于十五个工作日内补充所需信息的名称、文号或者便于查询的其他特征性描述😀";
	check_subject(long_s, long_s);
	/* a long ASCII subject is encoded too, rather than left over 76 */
	const char *ascii =
		"A very long subject line in plain ASCII that would not fit on one line "
		"of seventy-six characters at all";
	check_subject(ascii, ascii);
	/* something that looks like an encoded-word is encoded, not trusted */
	check_subject("=?UTF-8?B?5Lit?=", "=?UTF-8?B?5Lit?=");
}

static void no_header_injection(void **state)
{
	(void)state;
	check_subject("通知\r\nBcc: victim@example.com", "通知  Bcc: victim@example.com");
	check_subject("a\nb\rc\td", "a b c d");
	struct gk_buf b;
	gk_buf_init(&b, 0);
	struct gk_error err = {0};
	struct gk_mail_message m = {"noreply@dt.gov.cn", "a@b.cn\r\nBcc: x@y.cn", "s", "t", "k", 0};
	assert_int_equal(gk_mail_message_build(&b, &m, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "收件人"));
	m.to = "a@b.cn";
	m.from = "x <noreply@dt.gov.cn>\r\nBcc: y@z.cn";
	assert_int_equal(gk_mail_message_build(&b, &m, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "发件人"));
	m.from = "noreply@dt.gov.cn";
	m.subject = "\xE6\x94"; /* cut UTF-8 */
	assert_int_equal(gk_mail_message_build(&b, &m, &err), GK_EINVAL);
	m.subject = "s";
	m.key = "";
	assert_int_equal(gk_mail_message_build(&b, &m, &err), GK_EINVAL);
	gk_buf_release(&b);
}

static void body_in_base64_lines(void **state)
{
	(void)state;
	struct gk_buf text, b;
	gk_buf_init(&text, 0);
	for (int i = 0; i < 40; i++)
		gk_buf_puts(&text, "第一行：您的申请已受理。\n");
	gk_buf_puts(&text, "最后一行\r\n没有换行");
	gk_buf_init(&b, 0);
	assert_int_equal(gk_mail_body_base64(&b, text.data), GK_OK);
	assert_lines_short(b.data);
	/* every line but the last exactly 76 characters, and it decodes with CRLF ends */
	struct gk_buf joined;
	gk_buf_init(&joined, 0);
	for (const char *line = b.data; *line;) {
		const char *end = strstr(line, "\r\n");
		if (end[2])
			assert_int_equal(end - line, 76);
		gk_buf_add(&joined, line, (size_t)(end - line));
		line = end + 2;
	}
	unsigned char *bin = malloc(joined.len);
	size_t bin_len;
	assert_int_equal(sodium_base642bin(bin, joined.len, joined.data, joined.len, NULL, &bin_len,
					   NULL, sodium_base64_VARIANT_ORIGINAL),
			 0);
	assert_true(bin_len > 0);
	char *decoded = calloc(1, bin_len + 1);
	memcpy(decoded, bin, bin_len);
	assert_non_null(strstr(decoded, "第一行：您的申请已受理。\r\n第一行"));
	assert_non_null(strstr(decoded, "最后一行\r\n没有换行"));
	assert_null(strstr(decoded, "\r\r"));
	free(decoded);
	free(bin);
	gk_buf_release(&joined);
	gk_buf_release(&text);
	gk_buf_release(&b);
}

static void whole_message(void **state)
{
	(void)state;
	struct gk_buf b;
	gk_buf_init(&b, 0);
	struct gk_error err = {0};
	struct gk_mail_message m = {
		"大同市人民政府办公室政务公开科（信息公开申请受理） <noreply@dt.gov.cn>",
		"zhangsan@example.com",
		"补正告知",
		"请补充。",
		"notice-42",
		1796119244}; /* 2026-12-01 10:00:44 UTC */
	assert_int_equal(gk_mail_message_build(&b, &m, &err), GK_OK);
	assert_lines_short(b.data);
	assert_non_null(strstr(b.data, "Date: Tue, 01 Dec 2026 18:00:44 +0800\r\n"));
	assert_non_null(strstr(b.data, "To: zhangsan@example.com\r\n"));
	assert_non_null(strstr(b.data, "<noreply@dt.gov.cn>\r\n"));
	assert_non_null(strstr(b.data, "MIME-Version: 1.0\r\n"));
	assert_non_null(strstr(b.data, "Content-Type: text/plain; charset=UTF-8\r\n"));
	assert_non_null(strstr(b.data, "Content-Transfer-Encoding: base64\r\n"));
	assert_non_null(strstr(b.data, "\r\n\r\n"));
	/* the From name decodes back */
	const char *from = strstr(b.data, "From: ");
	const char *lt = strstr(from, " <noreply");
	char *head = strndup(from + 6, (size_t)(lt - from - 6));
	char *name = decode_header(head);
	assert_string_equal(name, "大同市人民政府办公室政务公开科（信息公开申请受理）");
	free(name);
	free(head);
	/* the same key, the same Message-ID; another key, another */
	char id1[300], id2[300], id3[300];
	gk_mail_message_id("notice-42", "noreply@dt.gov.cn", id1, sizeof id1);
	gk_mail_message_id("notice-42", "noreply@dt.gov.cn", id2, sizeof id2);
	gk_mail_message_id("notice-43", "noreply@dt.gov.cn", id3, sizeof id3);
	assert_string_equal(id1, id2);
	assert_string_not_equal(id1, id3);
	assert_true(id1[0] == '<' && strstr(id1, "@dt.gov.cn>") != NULL);
	char line[320];
	snprintf(line, sizeof line, "Message-ID: %s\r\n", id1);
	assert_non_null(strstr(b.data, line));
	gk_buf_release(&b);
}

/* Random subjects of ASCII, Chinese, four-byte characters, control
 * characters and things that look like encoded-words: every one decodes
 * back to itself (control characters as spaces), in short lines. */
static void random_subjects_decode_back(void **state)
{
	(void)state;
	static const char *const pieces[] = {"a",  " ",  "公",   "开", "\xF0\x9F\x98\x80",
					     "=?", "?=", "\r\n", "\t", "ABCDEFGHIJ",
					     "（", "é"};
	unsigned seed = 15;
	for (int round = 0; round < 3000; round++) {
		char subject[400], expect[400];
		size_t n = 0;
		seed = seed * 1103515245u + 12345u;
		size_t want = (seed >> 8) % 300;
		while (n < want) {
			seed = seed * 1103515245u + 12345u;
			const char *piece = pieces[(seed >> 8) % (sizeof pieces / sizeof *pieces)];
			size_t len = strlen(piece);
			if (n + len >= sizeof subject)
				break;
			memcpy(subject + n, piece, len);
			n += len;
		}
		subject[n] = '\0';
		for (size_t i = 0; i <= n; i++)
			expect[i] = (subject[i] == '\r' || subject[i] == '\n' || subject[i] == '\t')
					    ? ' '
					    : subject[i];
		check_subject(subject, expect);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(addresses),
		cmocka_unit_test(mailboxes),
		cmocka_unit_test(subjects_decode_back),
		cmocka_unit_test(random_subjects_decode_back),
		cmocka_unit_test(no_header_injection),
		cmocka_unit_test(body_in_base64_lines),
		cmocka_unit_test(whole_message),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
