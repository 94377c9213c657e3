/* Unit tests for lib/utf8: RFC 3629 validity. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "lib/utf8.h"

static bool valid(const char *s)
{
	return gk_utf8_valid(s, strlen(s));
}

static void accepts_well_formed(void **state)
{
	assert_true(valid(""));
	assert_true(valid("ascii"));
	assert_true(valid("政府信息公开〔2017〕"));
	assert_true(valid("\xF0\x9F\x98\x80")); /* U+1F600 */
	assert_true(valid("\xF4\x8F\xBF\xBF")); /* U+10FFFF */
}

static void rejects_malformed(void **state)
{
	assert_false(valid("\xC0\xAF"));         /* overlong '/' */
	assert_false(valid("\xE0\x80\xAF"));     /* overlong */
	assert_false(valid("\xED\xA0\x80"));     /* surrogate */
	assert_false(valid("\xF4\x90\x80\x80")); /* above U+10FFFF */
	assert_false(valid("\xE6\x94"));         /* truncated */
	assert_false(valid("\x80"));             /* lone continuation */
	assert_false(valid("\xFF"));
	assert_false(gk_utf8_valid("a\0b", 3)); /* NUL */
}

/* The decoder's verdict, code point by code point: the definition the
 * fast validator must agree with. */
static bool valid_by_decoding(const unsigned char *p, size_t len)
{
	for (size_t i = 0, n; i < len; i += n)
		if (gk_utf8_decode(p + i, len - i, &n) <= 0)
			return false;
	return true;
}

static void validator_agrees_with_the_decoder(void **state)
{
	(void)state;
	unsigned char b[24];
	/* every sequence of one to three bytes, alone and after ASCII (so the
	 * eight-byte path hands over in the middle) */
	for (unsigned long v = 0; v < (1ul << 24); v++) {
		b[0] = (unsigned char)(v >> 16);
		b[1] = (unsigned char)(v >> 8);
		b[2] = (unsigned char)v;
		for (size_t len = 1; len <= 3; len++) {
			const unsigned char *q = b + 3 - len;
			if (len < 3 && (v >> (8 * len)) != 0)
				continue;
			if (gk_utf8_valid((const char *)q, len) != valid_by_decoding(q, len))
				fail_msg("%zu bytes %06lx", len, v);
			/* one character at the start: its length, or 0 */
			size_t n;
			long cp = gk_utf8_decode(q, len, &n);
			if (gk_utf8_sequence((const char *)q, len) != (cp > 0 ? n : 0))
				fail_msg("sequence of %zu bytes %06lx", len, v);
		}
	}
	/* random strings of mostly valid pieces, some bytes spoiled */
	static const char *const pieces[] = {
		"a",        "公",       "开",           "\xF0\x9F\x98\x80",
		"\xC3\xA9", "abcdefgh", "\xED\x9F\xBF", "\xF4\x8F\xBF\xBF"};
	unsigned seed = 7;
	for (int round = 0; round < 200000; round++) {
		size_t len = 0;
		while (len < sizeof b - 4) {
			seed = seed * 1103515245u + 12345u;
			const char *piece = pieces[(seed >> 8) % 8];
			size_t n = strlen(piece);
			if (len + n > sizeof b)
				break;
			memcpy(b + len, piece, n);
			len += n;
		}
		seed = seed * 1103515245u + 12345u;
		if ((seed >> 4) % 2)
			b[(seed >> 8) % len] = (unsigned char)(seed >> 16);
		if (gk_utf8_valid((const char *)b, len) != valid_by_decoding(b, len))
			fail_msg("round %d", round);
	}
}

/* gk_utf8_scan against its definition: the validator, the count and a
 * byte loop for controls, on random strings of valid pieces, ASCII runs
 * (the eight-byte path), controls and DEL, some bytes spoiled. */
static void scan_agrees_with_its_definition(void **state)
{
	(void)state;
	static const char *const pieces[] = {
		"a",    "公",   "\xF0\x9F\x98\x80", "abcdefgh", "\n", "\t", "\r", "\x01", " ",
		"\x7F", "\x1F", "abcdefghijklmnop"};
	unsigned char b[40];
	unsigned seed = 11;
	for (int round = 0; round < 300000; round++) {
		size_t len = 0;
		while (len < sizeof b - 16) {
			seed = seed * 1103515245u + 12345u;
			const char *piece = pieces[(seed >> 8) % 12];
			size_t n = strlen(piece);
			memcpy(b + len, piece, n);
			len += n;
		}
		seed = seed * 1103515245u + 12345u;
		if ((seed >> 4) % 3 == 0)
			b[(seed >> 8) % len] = (unsigned char)(seed >> 16);
		for (int breaks = 0; breaks < 2; breaks++) {
			size_t chars = 0;
			bool controls = false;
			bool ok = gk_utf8_scan((const char *)b, len, breaks, &chars, &controls);
			bool want = gk_utf8_valid((const char *)b, len);
			if (ok != want)
				fail_msg("round %d: valid %d, scan %d", round, want, ok);
			if (!ok)
				continue;
			bool ctl = false;
			for (size_t i = 0; i < len; i++)
				if ((b[i] < 0x20 || b[i] == 0x7F) &&
				    !(breaks && (b[i] == '\n' || b[i] == '\r' || b[i] == '\t')))
					ctl = true;
			if (chars != gk_utf8_count((const char *)b, len) || controls != ctl)
				fail_msg("round %d: %zu chars, controls %d", round, chars,
					 controls);
		}
	}
	size_t chars;
	bool controls;
	assert_false(gk_utf8_scan("abcdefgh\0ijk", 12, true, &chars, &controls));
	assert_true(gk_utf8_scan("政府信息公开 abcdefgh\n", 28, true, &chars, &controls));
	assert_int_equal(chars, 16);
	assert_false(controls);
	assert_true(gk_utf8_scan("政府信息公开 abcdefgh\n", 28, false, &chars, &controls));
	assert_true(controls);
}

static void counts_code_points(void **state)
{
	const char *s = "公开a";
	assert_int_equal(gk_utf8_count(s, strlen(s)), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accepts_well_formed),
		cmocka_unit_test(rejects_malformed),
		cmocka_unit_test(counts_code_points),
		cmocka_unit_test(validator_agrees_with_the_decoder),
		cmocka_unit_test(scan_agrees_with_its_definition),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
