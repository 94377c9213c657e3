/* Tests for the report checker: the seed's contradictions, consistent
 * reports in every layout (no finding), broken variants, bad input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/report_check.h"

#define SEED "../shared/seed/datong-2017-annual-report.txt"
#define DATA "tests/data/reports/"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static struct gk_report_result *check_file(const char *path, const char *prev_path)
{
	size_t len, plen = 0;
	char *data = slurp(path, &len);
	if (!data)
		fail_msg("cannot read %s (tests run from the repository root)", path);
	char *prev = prev_path ? slurp(prev_path, &plen) : NULL;
	struct gk_report_result *res = NULL;
	struct gk_error err = {0};
	enum gk_err rc = gk_report_check(data, len, prev, plen, &res, &err);
	if (rc != GK_OK)
		fail_msg("%s: %s", path, gk_error_text(&err));
	free(data);
	free(prev);
	return res;
}

static struct gk_report_result *check_text(const char *text, const char *prev)
{
	struct gk_report_result *res = NULL;
	struct gk_error err = {0};
	enum gk_err rc = gk_report_check(text, strlen(text), prev, prev ? strlen(prev) : 0, &res, &err);
	if (rc != GK_OK)
		fail_msg("%s", gk_error_text(&err));
	return res;
}

struct expect {
	int line;
	const char *relation;
	enum gk_report_severity severity;
};

static void print_findings(const struct gk_report_result *res)
{
	struct gk_buf b;
	gk_buf_init(&b, 0);
	gk_report_result_text(res, "report", &b);
	print_message("%s", b.data);
	gk_buf_release(&b);
}

/* The findings must be exactly EXP (in order of position). */
static void expect_findings(const struct gk_report_result *res, const struct expect *exp, int n)
{
	if (res->nfindings != n)
		print_findings(res);
	assert_int_equal(res->nfindings, n);
	for (int i = 0; i < n; i++) {
		const struct gk_report_finding *f = &res->findings[i];
		if (f->line != exp[i].line || strcmp(f->relation, exp[i].relation) != 0 || f->severity != exp[i].severity)
			print_findings(res);
		assert_int_equal(f->line, exp[i].line);
		assert_string_equal(f->relation, exp[i].relation);
		assert_int_equal(f->severity, exp[i].severity);
		/* the quote's offsets point into the decoded input */
		assert_true(f->start <= f->end && f->end <= res->text_len);
	}
}

static void test_seed(void **state)
{
	(void)state;
	FILE *f = fopen(SEED, "rb");
	if (!f) {
		skip();
		return;
	}
	fclose(f);
	struct gk_report_result *res = check_file(SEED, NULL);
	static const struct expect exp[] = {
		{14, "section-count", GK_SEV_WARNING},  /* "六部分组成", but sections 一 to 七 */
		{64, "channels-total", GK_SEV_WARNING}, /* 90+58717+1789+3430+301 < 72521 */
		{68, "parts-total", GK_SEV_ERROR},      /* 18+0+6+38 = 62 ≠ 52 */
		{68, "shares-100", GK_SEV_ERROR},       /* 34.61+0.00+11.53+73.07 = 119.21% */
		{70, "parts-total", GK_SEV_ERROR},      /* 42+32+0+0+20+6+5+8 = 113 ≠ 52 办结 */
		{78, "year-mismatch", GK_SEV_WARNING},  /* 2016年 行政复议 in the 2017 report */
	};
	expect_findings(res, exp, 6);
	assert_int_equal(res->year, 2017);
	assert_int_equal(res->nerrors, 3);
	/* the channel finding carries both sides and every figure */
	const struct gk_report_finding *ch = &res->findings[2];
	assert_true(ch->left == 62 && ch->right == 52);
	assert_int_equal(ch->nfigures, 5);
	/* the quote's offsets are byte offsets of the input */
	assert_memory_equal(res->text + ch->start, "2017年", strlen("2017年"));
	assert_memory_equal(res->text + ch->figures[0].start, "52件", strlen("52件"));
	/* percentages that are truncations (18/52 = 34.615… → 34.61) are accepted */
	for (int i = 0; i < res->nfindings; i++)
		assert_string_not_equal(res->findings[i].relation, "percent-count");
	gk_report_result_free(res);
}

static void test_consistent_reports(void **state)
{
	(void)state;
	static const char *const files[] = {
		DATA "table2021-consistent.txt", DATA "table2021-consistent.html", DATA "table2021-consistent.md",
		DATA "table2021-cells.txt",      DATA "table2021-gb18030.txt",     DATA "narrative-2016-consistent.txt",
		DATA "table2021-pdftotext.txt",
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		struct gk_report_result *res = check_file(files[i], NULL);
		if (res->nfindings)
			print_message("%s:\n", files[i]);
		expect_findings(res, NULL, 0);
		assert_int_equal(res->year, i == 5 ? 2016 : i == 6 ? 2022 : 2021);
		assert_true(res->nfigures > 0);
		gk_report_result_free(res);
	}
}

static void test_gb18030_decoded(void **state)
{
	(void)state;
	struct gk_report_result *res = check_file(DATA "table2021-gb18030.txt", NULL);
	assert_string_equal(res->encoding, "GB18030");
	assert_non_null(strstr(res->text, "本年新收政府信息公开申请数量"));
	gk_report_result_free(res);
}

static void test_broken_tables(void **state)
{
	(void)state;
	struct gk_report_result *res = check_file(DATA "table2021-broken-row.txt", NULL);
	static const struct expect row[] = {
		{30, "table2-row-total", GK_SEV_ERROR},
		{49, "table2-results-total", GK_SEV_ERROR},
	};
	expect_findings(res, row, 2);
	gk_report_result_free(res);

	res = check_file(DATA "table2021-broken-total.html", NULL);
	static const struct expect total[] = {
		{37, "table2-results-total", GK_SEV_ERROR},
		{37, "table2-results-total", GK_SEV_ERROR},
		{38, "table2-balance", GK_SEV_ERROR},
		{38, "table2-balance", GK_SEV_ERROR},
	};
	expect_findings(res, total, 4);
	gk_report_result_free(res);

	res = check_file(DATA "table2021-broken-t3.txt", NULL);
	static const struct expect t3[] = {
		{7, "text-table", GK_SEV_WARNING},
		{247, "table3-total", GK_SEV_ERROR},
	};
	expect_findings(res, t3, 2);
	gk_report_result_free(res);

	/* pdftotext -layout with wrapped labels: （七）总计 自然人 9 changed to 8 */
	res = check_file(DATA "table2021-pdftotext-broken.txt", NULL);
	static const struct expect pdf[] = {
		{70, "table2-results-total", GK_SEV_ERROR},
		{70, "table2-row-total", GK_SEV_ERROR},
		{71, "table2-balance", GK_SEV_ERROR},
	};
	expect_findings(res, pdf, 3);
	gk_report_result_free(res);
}

static void test_broken_narrative(void **state)
{
	(void)state;
	struct gk_report_result *res = check_file(DATA "narrative-2016-broken.txt", NULL);
	static const struct expect exp[] = {
		{17, "parts-total", GK_SEV_ERROR},   /* channels 8+1+27+6 ≠ 40 */
		{17, "percent-count", GK_SEV_ERROR}, /* 1 of 40 is not 3.5% */
		{17, "shares-100", GK_SEV_ERROR},    /* 106% */
		{17, "parts-total", GK_SEV_ERROR},   /* 按时 37 + 延期 2 ≠ 40 */
		{27, "parts-total", GK_SEV_ERROR},   /* 复议 3+1+0 ≠ 3 */
		{27, "year-mismatch", GK_SEV_WARNING},
		{34, "date-after-publication", GK_SEV_WARNING},
	};
	expect_findings(res, exp, 7);
	gk_report_result_free(res);
}

/* A real report (abridged): 2019年上海市人民政府办公厅 年报. */
static void test_real_shanghai_2019(void **state)
{
	(void)state;
	struct gk_report_result *res = check_file(DATA "shanghai-2019-office.html", NULL);
	static const struct expect exp[] = {
		{7, "parts-total", GK_SEV_ERROR},      /* 258+35+265+158+0 = 716 ≠ 805 答复 */
		{7, "percent-count", GK_SEV_ERROR},    /* 258 of 805 is 32.0%, not 33.9% */
		{22, "table2-blank-total", GK_SEV_ERROR}, /* 总计 column left blank in the result rows */
	};
	expect_findings(res, exp, 3);
	assert_int_equal(res->year, 2019);
	gk_report_result_free(res);
}

static void test_percent_rounding(void **state)
{
	(void)state;
	static const char *const ok[] = {"34.61", "34.62", "34.6", "35"};
	static const char *const bad[] = {"34.60", "34.63", "34.5", "33"};
	char text[512];
	for (int k = 0; k < 4; k++) {
		snprintf(text, sizeof text, "2017年政府信息公开工作年度报告\n全年共收到申请52件，其中当面申请18件，占%s%%。\n", ok[k]);
		struct gk_report_result *res = check_text(text, NULL);
		expect_findings(res, NULL, 0);
		gk_report_result_free(res);
		snprintf(text, sizeof text, "2017年政府信息公开工作年度报告\n全年共收到申请52件，其中当面申请18件，占%s%%。\n", bad[k]);
		res = check_text(text, NULL);
		static const struct expect exp[] = {{2, "percent-count", GK_SEV_ERROR}};
		expect_findings(res, exp, 1);
		gk_report_result_free(res);
	}
}

static void test_partial_lists_are_not_errors(void **state)
{
	(void)state;
	/* a list of some channels only, an overlapping breakdown, a rate, a change */
	const char *text =
		"2020年政府信息公开工作年度报告\n"
		"全年共收到申请100件，其中网上申请60件，同比增长12.5%。\n"
		"主动公开政府信息1000条，其中通过政府网站发布900条，政务微博发布300条，政务微信发布200条。\n"
		"全年办结申请98件，按时办结率100%。\n"
		"全市主动公开政府信息2000条，其中主动公开规范性文件30条，制发规范性文件45件。\n"
		"全年新收申请120件，上年结转5件，其中自然人申请100件、法人或其他组织申请20件。\n"
		"2020年1月，全区共有在编人员30人，其中专职5人。\n";
	struct gk_report_result *res = check_text(text, NULL);
	expect_findings(res, NULL, 0);
	gk_report_result_free(res);
}

static void test_previous_carry_over(void **state)
{
	(void)state;
	size_t len;
	char *now = slurp(DATA "table2021-consistent.txt", &len);
	assert_non_null(now);
	/* last year's report carried 3 over in the 总计 column, 2 for 自然人 … but says 5 */
	const char *prev =
		"XX区人民政府2020年政府信息公开工作年度报告\n"
		"一、本年新收政府信息公开申请数量 10 0 0 0 0 0 10\n"
		"二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n"
		"（七）总计 5 0 0 0 0 0 5\n"
		"四、结转下年度继续办理 5 0 0 0 0 0 5\n";
	struct gk_report_result *res = check_text(now, prev);
	int carry = 0;
	for (int i = 0; i < res->nfindings; i++)
		if (strcmp(res->findings[i].relation, "carry-over") == 0)
			carry++;
	/* 自然人 2 vs 5, 商业企业 1 vs 0, 总计 3 vs 5 */
	assert_int_equal(carry, 3);
	gk_report_result_free(res);
	free(now);
}

static void test_json(void **state)
{
	(void)state;
	struct gk_report_result *res = check_file(DATA "narrative-2016-broken.txt", NULL);
	json_t *j = gk_report_result_json(res, "x.txt");
	assert_non_null(j);
	json_t *findings = json_object_get(j, "findings");
	assert_int_equal(json_array_size(findings), 7);
	json_t *first = json_array_get(findings, 0);
	assert_string_equal(json_string_value(json_object_get(first, "severity")), "error");
	assert_int_equal(json_integer_value(json_object_get(first, "line")), 17);
	assert_non_null(json_object_get(first, "start"));
	assert_int_equal(json_integer_value(json_object_get(json_object_get(first, "left"), "value")), 42);
	assert_true(json_array_size(json_object_get(first, "figures")) >= 5);
	json_decref(j);
	gk_report_result_free(res);
}

static void expect_error(const char *data, size_t len, enum gk_err code, const char *words)
{
	struct gk_report_result *res = NULL;
	struct gk_error err = {0};
	assert_int_equal(gk_report_check(data, len, NULL, 0, &res, &err), code);
	assert_null(res);
	if (!strstr(err.detail, words))
		fail_msg("message '%s' lacks '%s'", err.detail, words);
}

static void test_bad_input(void **state)
{
	(void)state;
	expect_error("", 0, GK_EINVAL, "empty");
	expect_error("ab\0cd", 5, GK_EINVAL, "NUL");
	expect_error("%PDF-1.4 stuff", 14, GK_EINVAL, "pdftotext");
	expect_error("PK\x03\x04zzzz", 8, GK_EINVAL, "ZIP");
	expect_error("\xff\xff\xff\x80\x80", 5, GK_EINVAL, "neither UTF-8 nor GB18030");
	expect_error(" \n\t \n", 5, GK_EINVAL, "no text");
	size_t big = GK_REPORT_MAX_INPUT + 1;
	char *huge = malloc(big);
	assert_non_null(huge);
	memset(huge, 'a', big);
	expect_error(huge, big, GK_ETOOBIG, "too large");
	free(huge);
	/* malformed HTML and text without figures: read, no finding */
	static const char *const fine[] = {
		"<table><tr><td>一、本年新收政府信息公开申请数量<td>1<td",
		"<p>2019年年度报告</p><!-- unterminated",
		"<div>&#xFFFFFFFF; &#0; &bogus; &amp &#x4e00;</div><",
		"没有任何数字的报告。",
		"1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16",
	};
	for (size_t i = 0; i < sizeof fine / sizeof fine[0]; i++) {
		struct gk_report_result *res = check_text(fine[i], NULL);
		expect_findings(res, NULL, 0);
		gk_report_result_free(res);
	}
}

static void test_offsets_in_html(void **state)
{
	(void)state;
	const char *html = "<html><body><p>2018年年度报告</p><p>共收到申请&nbsp;10件，其中当面申请4件，信函申请7件。</p></body></html>";
	struct gk_report_result *res = check_text(html, NULL);
	assert_int_equal(res->nfindings, 1);
	const struct gk_report_finding *f = &res->findings[0];
	assert_string_equal(f->relation, "parts-total");
	/* offsets are into the HTML as given */
	assert_memory_equal(html + f->figures[0].start, "10件", strlen("10件"));
	assert_memory_equal(html + f->start, "共收到", strlen("共收到"));
	gk_report_result_free(res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed),
		cmocka_unit_test(test_consistent_reports),
		cmocka_unit_test(test_gb18030_decoded),
		cmocka_unit_test(test_broken_tables),
		cmocka_unit_test(test_broken_narrative),
		cmocka_unit_test(test_real_shanghai_2019),
		cmocka_unit_test(test_percent_rounding),
		cmocka_unit_test(test_partial_lists_are_not_errors),
		cmocka_unit_test(test_previous_carry_over),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_offsets_in_html),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
