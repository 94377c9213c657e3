/* Tests for reading a report's text (core/report/text.c): UTF-16 input, and
 * the clean-up of text printed from a PDF (page footers, wrapped lines) with
 * the line numbers of the input kept. */
#include <iconv.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testfile.h"

#include "core/report/text.h"

#define DATA "tests/data/reports/"

static void load(struct gk_report_text *t, const char *data, size_t len)
{
	struct gk_error err = {0};
	if (gk_report_text_load(t, data, len, &err) != GK_OK)
		fail_msg("load: %s", gk_error_text(&err));
}

/* Line K (0-based) of the normalised text as a string (static buffer). */
static const char *line(const struct gk_report_text *t, size_t k)
{
	static char buf[4096];
	assert_true(k < t->nlines);
	size_t n = t->lines[k].len < sizeof buf - 1 ? t->lines[k].len : sizeof buf - 1;
	memcpy(buf, t->text + t->lines[k].start, n);
	buf[n] = '\0';
	return buf;
}

/* The input line of the first occurrence of WHAT in the normalised text. */
static int src_line_of(const struct gk_report_text *t, const char *what)
{
	const char *p = strstr(t->text, what);
	if (!p)
		fail_msg("'%s' not in the normalised text", what);
	return gk_report_text_src_lineno(t, gk_report_text_src_start(t, (size_t)(p - t->text)));
}

static void test_pdftotext_cleanup(void **state)
{
	(void)state;
	size_t len;
	char *data = testfile_read(DATA "pdftotext-wrapped.txt", &len);
	struct gk_report_text t;
	load(&t, data, len);
	/* footers ("-1-", "— 2 —", "第 3 页", "第 4 页，共 4 页") are gone, wrapped
	 * lines are one line again, table rows stay rows */
	assert_int_equal(t.nlines, 10);
	assert_string_equal(line(&t, 0), "某某县交通运输局2022年政府信息公开工作年度报告");
	assert_string_equal(line(&t, 1), "一、总体情况");
	assert_string_equal(line(&t, 2),
			    "2022年，本局认真落实政务公开各项要求，全年主动公开政府信息共计"
			    "86条，其中通过门户网站公开政府信息70条，通过政务新媒体公开"
			    "政府信息16条。全年收到政府信息公开申请12件，已全部按期答复，"
			    "无逾期答复情况。因政府信息公开工作被申请行政复议 3"
			    "件，其中维持2件，纠正1件。");
	assert_string_equal(line(&t, 3), "二、主动公开政府信息情况");
	/* joined across a page break */
	assert_string_equal(line(&t, 4),
			    "本局进一步规范公开目录，按照政务公开标准目录梳理事项清单，全面"
			    "提升公开质量，全年更新公开目录事项25项。");
	assert_true(t.lines[5].cells && t.lines[6].cells && t.lines[7].cells);
	assert_string_equal(line(&t, 8), "三、存在的主要问题及改进情况");
	assert_string_equal(line(&t, 9),
			    "一是公开内容还不够全面；二是解读形式较为单一。下一步，本局将"
			    "进一步加强培训。");
	assert_null(strstr(t.text, "页"));
	assert_null(strstr(t.text, "-1-"));
	/* each logical line begins where its input line did, and a figure's
	 * parts keep their own input lines */
	static const int linenos[] = {1, 3, 5, 12, 14, 19, 20, 21, 24, 26};
	for (size_t k = 0; k < 10; k++)
		assert_int_equal(t.lines[k].lineno, linenos[k]);
	assert_int_equal(src_line_of(&t, "86条"), 6);
	assert_int_equal(src_line_of(&t, "3件"), 8);
	assert_int_equal(src_line_of(&t, "件，其中维持"), 9);
	assert_int_equal(src_line_of(&t, "提升公开质量"), 17);
	assert_int_equal(src_line_of(&t, "进一步加强培训"), 27);
	gk_report_text_release(&t);
	free(data);
}

static void test_no_join_without_wrap(void **state)
{
	(void)state;
	/* hand-written lines of any length: a line without a full stop is not
	 * joined to the next, but a figure cut from its unit is */
	static const char text[] = "一、概述\n"
				   "本年度共收到申请\n"
				   "二、办理情况\n"
				   "被申请行政复议 351\n"
				   "件，其中维持300件。\n"
				   "- 2 -\n"
				   "第 2 页 共 9 页\n"
				   "-12\n"
				   "第二节\n";
	struct gk_report_text t;
	load(&t, text, sizeof text - 1);
	assert_int_equal(t.nlines, 6);
	assert_string_equal(line(&t, 1), "本年度共收到申请");
	assert_string_equal(line(&t, 3), "被申请行政复议 351件，其中维持300件。");
	assert_int_equal(t.lines[3].lineno, 4);
	assert_string_equal(line(&t, 4), "-12"); /* a negative number, not a footer */
	assert_int_equal(t.lines[4].lineno, 8);
	gk_report_text_release(&t);
}

/* DATA in ENCODING (with its byte order mark written first). */
static char *encode(const char *data, size_t len, const char *encoding, const char *bom,
		    size_t *out_len)
{
	iconv_t cd = iconv_open(encoding, "UTF-8");
	assert_true(cd != (iconv_t)-1);
	size_t cap = len * 4 + 4;
	char *buf = malloc(cap);
	assert_non_null(buf);
	memcpy(buf, bom, 2);
	char *in = (char *)data, *o = buf + 2;
	size_t in_left = len, o_left = cap - 2;
	assert_true(iconv(cd, &in, &in_left, &o, &o_left) != (size_t)-1);
	iconv_close(cd);
	*out_len = (size_t)(o - buf);
	return buf;
}

static void test_utf16(void **state)
{
	(void)state;
	size_t len;
	char *data = testfile_read(DATA "pdftotext-wrapped.txt", &len);
	struct gk_report_text want;
	load(&want, data, len);
	static const struct {
		const char *encoding, *bom;
	} forms[] = {{"UTF-16LE", "\xFF\xFE"}, {"UTF-16BE", "\xFE\xFF"}};
	for (size_t i = 0; i < 2; i++) {
		size_t n;
		char *u16 = encode(data, len, forms[i].encoding, forms[i].bom, &n);
		struct gk_report_text t;
		load(&t, u16, n);
		assert_string_equal(t.encoding, "UTF-16");
		assert_string_equal(t.text, want.text);
		assert_int_equal(t.nlines, want.nlines);
		for (size_t k = 0; k < t.nlines; k++)
			assert_int_equal(t.lines[k].lineno, want.lines[k].lineno);
		assert_int_equal(src_line_of(&t, "3件"), 8);
		gk_report_text_release(&t);
		free(u16);
	}
	/* an odd byte count is not UTF-16 */
	struct gk_error err = {0};
	struct gk_report_text t;
	assert_int_equal(gk_report_text_load(&t, "\xFF\xFE\x41\x00\x42", 5, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "UTF-16"));
	gk_report_text_release(&want);
	free(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdftotext_cleanup),
		cmocka_unit_test(test_no_join_without_wrap),
		cmocka_unit_test(test_utf16),
	};
	return cmocka_run_group_tests_name("report_text", tests, NULL, NULL);
}
