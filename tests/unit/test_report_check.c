/* Tests for the report checker: the model of the official tables, the seed's
 * contradictions (and the same kinds in a report of our own), consistent
 * reports in every layout (no finding), broken variants, bad input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testfile.h"

#include "core/application.h"
#include "core/report/check.h"
#include "core/report/output.h"
#include "core/report/relations.h"
#include "core/report/tables.h"

#define SEED "../shared/seed/datong-2017-annual-report.txt"
#define DATA "tests/data/reports/"

static struct gk_report_result *check_file(const char *path, const char *prev_path)
{
	size_t len, plen = 0;
	char *data = testfile_read_if_any(path, &len);
	if (!data)
		fail_msg("cannot read %s (tests run from the repository root)", path);
	char *prev = prev_path ? testfile_read_if_any(prev_path, &plen) : NULL;
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
	enum gk_err rc =
		gk_report_check(text, strlen(text), prev, prev ? strlen(prev) : 0, &res, &err);
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
		if (f->line != exp[i].line || strcmp(f->relation, exp[i].relation) != 0 ||
		    f->severity != exp[i].severity)
			print_findings(res);
		assert_int_equal(f->line, exp[i].line);
		assert_string_equal(f->relation, exp[i].relation);
		assert_int_equal(f->severity, exp[i].severity);
		/* the quote's offsets point into the decoded input */
		assert_true(f->start <= f->end && f->end <= res->text_len);
	}
}

/* The seed lives outside the repository (../shared): a clone alone has no
 * copy, and test_own_contradictions covers the same relations. */
static void test_seed(void **state)
{
	(void)state;
	FILE *f = fopen(SEED, "rb");
	if (!f) {
		print_message("# skipped (no ../shared)\n");
		skip();
		return;
	}
	fclose(f);
	struct gk_report_result *res = check_file(SEED, NULL);
	static const struct expect exp[] = {
		{14, "section-count", GK_SEV_WARNING}, /* "六部分组成", but sections 一 to 七 */
		{64, "channels-total", GK_SEV_WARNING}, /* 90+58717+1789+3430+301 < 72521 */
		{68, "parts-total", GK_SEV_ERROR},      /* 18+0+6+38 = 62 ≠ 52 */
		{68, "shares-100", GK_SEV_ERROR},       /* 34.61+0.00+11.53+73.07 = 119.21% */
		{70, "parts-total", GK_SEV_ERROR},      /* 42+32+0+0+20+6+5+8 = 113 ≠ 52 办结 */
		{78, "year-mismatch", GK_SEV_WARNING}, /* 2016年 行政复议 in the 2017 report */
	};
	expect_findings(res, exp, 6);
	assert_int_equal(res->year, 2017);
	assert_int_equal(res->nerrors, 3);
	/* the channel finding carries both sides and every figure */
	const struct gk_report_finding *ch = &res->findings[2];
	assert_true(ch->left == 62 && ch->right == 52);
	/* the messages are for Chinese civil servants */
	assert_string_equal(ch->message, "申请渠道分项之和与总数不符：18+0+6+38=62，而总数为52");
	assert_non_null(strstr(res->findings[3].message, "各渠道占比之和为119.21%，应为100%"));
	assert_string_equal(res->findings[5].message, "2017年度报告中出现2016年的数字");
	assert_string_equal(res->findings[0].message,
			    "报告称由6部分组成，而正文有7个一级标题（一至七）");
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
		DATA "table2021-consistent.txt", DATA "table2021-consistent.html",
		DATA "table2021-consistent.md",  DATA "table2021-cells.txt",
		DATA "table2021-gb18030.txt",    DATA "narrative-2016-consistent.txt",
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
		{5, "text-table", GK_SEV_WARNING}, /* 全年办结38件, but （七）总计 39 */
		{37, "table2-results-total", GK_SEV_ERROR},
		{37, "table2-results-total", GK_SEV_ERROR},
		{38, "table2-balance", GK_SEV_ERROR},
		{38, "table2-balance", GK_SEV_ERROR},
	};
	expect_findings(res, total, 5);
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
		{7, "parts-total", GK_SEV_ERROR},   /* 258+35+265+158+0 = 716 ≠ 805 答复 */
		{7, "percent-count", GK_SEV_ERROR}, /* 258 of 805 is 32.0%, not 33.9% */
		{7, "text-table", GK_SEV_WARNING}, /* 予以公开及部分公开 258, the table 272 + 3 */
		{7, "text-table", GK_SEV_WARNING}, /* 无法提供 265 (only 不掌握), the table 337 */
		{7, "all-upheld", GK_SEV_WARNING}, /* 均获维持, Table 3 has 3 other or pending */
		{22, "table2-blank-total",
		 GK_SEV_ERROR}, /* 总计 column left blank in the result rows */
	};
	expect_findings(res, exp, 6);
	/* a blank 总计 cell is read as the sum of its row: 不予公开 35 and 不予处理 158 agree */
	assert_true(res->findings[2].right == 275 && res->findings[3].right == 337);
	assert_int_equal(res->table1_format, 2019);
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
		snprintf(
			text, sizeof text,
			"2017年政府信息公开工作年度报告\n全年共收到申请52件，其中当面申请18件，占%s%%。\n",
			ok[k]);
		struct gk_report_result *res = check_text(text, NULL);
		expect_findings(res, NULL, 0);
		gk_report_result_free(res);
		snprintf(
			text, sizeof text,
			"2017年政府信息公开工作年度报告\n全年共收到申请52件，其中当面申请18件，占%s%%。\n",
			bad[k]);
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

/* A 统计表 row that only heads the rows below it (no unit, no number) ends
 * the nesting of the row above: its rows are not that row's parts. A wrong
 * sum under a heading row is still found. */
static void test_stat_heading_rows(void **state)
{
	(void)state;
	const char *text = "2017年政府信息公开工作年度报告\n"
			   "附表：政府信息公开情况统计表\n"
			   "统计指标\t单位\t统计数\n"
			   "二、回应解读情况\n"
			   "（一）回应公众关注热点或重大舆情数\t次\t3661\n"
			   "（二）通过不同渠道和方式回应解读的情况\n"
			   "1．参加或举办新闻发布会总次数\t次\t6\n"
			   "2．政府网站在线访谈次数\t次\t25\n"
			   "三、依申请公开情况\n"
			   "（一）收到申请数\t件\t52\n"
			   "1．当面申请数\t件\t18\n"
			   "2．传真申请数\t件\t0\n"
			   "3．网络申请数\t件\t6\n"
			   "4．信函申请数\t件\t28\n"
			   "七、依申请公开信息收取的费用\t万元\t0\n"
			   "八、机构建设和保障经费情况\n"
			   "（三）从事政府信息公开工作人员数\t人\t350\n"
			   "1．专职人员数\t人\t201\n"
			   "2．兼职人员数\t人\t149\n";
	struct gk_report_result *res = check_text(text, NULL);
	expect_findings(res, NULL, 0);
	gk_report_result_free(res);
	/* the same with 信函 28 → 27: the channels no longer add up */
	char *bad = strdup(text);
	assert_non_null(bad);
	char *p = strstr(bad, "4．信函申请数\t件\t28");
	assert_non_null(p);
	p[strlen("4．信函申请数\t件\t2")] = '7';
	res = check_text(bad, NULL);
	static const struct expect want[] = {{10, "parts-total", GK_SEV_ERROR}};
	expect_findings(res, want, 1);
	gk_report_result_free(res);
	free(bad);
}

static void test_previous_carry_over(void **state)
{
	(void)state;
	size_t len;
	char *now = testfile_read_if_any(DATA "table2021-consistent.txt", &len);
	assert_non_null(now);
	/* last year's report carried 3 over in the 总计 column, 2 for 自然人 … but says 5 */
	const char *prev = "XX区人民政府2020年政府信息公开工作年度报告\n"
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
	assert_int_equal(
		json_integer_value(json_object_get(json_object_get(first, "left"), "value")), 42);
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
	expect_error("", 0, GK_EINVAL, "为空");
	expect_error("ab\0cd", 5, GK_EINVAL, "空字节");
	expect_error("%PDF-1.4 stuff", 14, GK_EINVAL, "pdftotext");
	expect_error("PK\x03\x04zzzz", 8, GK_EINVAL, "ZIP");
	expect_error("\xff\xff\xff\x80\x80", 5, GK_EINVAL, "既不是UTF-8文本，也不是GB18030文本");
	expect_error(" \n\t \n", 5, GK_EINVAL, "没有文字");
	size_t big = GK_REPORT_MAX_INPUT + 1;
	char *huge = malloc(big);
	assert_non_null(huge);
	memset(huge, 'a', big);
	expect_error(huge, big, GK_ETOOBIG, "报告过大");
	free(huge);
	/* a previous year's report that cannot be read says so, in Chinese */
	struct gk_report_result *pres = NULL;
	struct gk_error perr = {0};
	assert_int_equal(gk_report_check("收到申请3件。", strlen("收到申请3件。"), "ab\0cd", 5,
					 &pres, &perr),
			 GK_EINVAL);
	assert_null(pres);
	if (strncmp(perr.detail, "上年报告：", strlen("上年报告：")) != 0 ||
	    !strstr(perr.detail, "空字节"))
		fail_msg("message '%s'", perr.detail);
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
	const char *html =
		"<html><body><p>2018年年度报告</p><p>共收到申请&nbsp;10件，其中当面申请4件，信函申请7件。</p></body></html>";
	struct gk_report_result *res = check_text(html, NULL);
	assert_int_equal(res->nfindings, 1);
	const struct gk_report_finding *f = &res->findings[0];
	assert_string_equal(f->relation, "parts-total");
	/* offsets are into the HTML as given */
	assert_memory_equal(html + f->figures[0].start, "10件", strlen("10件"));
	assert_memory_equal(html + f->start, "共收到", strlen("共收到"));
	gk_report_result_free(res);
}

static void test_text_output(void **state)
{
	(void)state;
	struct gk_report_result *res = check_file(DATA "narrative-2016-broken.txt", NULL);
	struct gk_buf b;
	gk_buf_init(&b, 0);
	assert_int_equal(gk_report_result_text(res, "x.txt", &b), GK_OK);
	assert_non_null(strstr(b.data, "x.txt:17: 错误: 申请渠道分项之和与总数不符："));
	assert_non_null(strstr(b.data, " [parts-total]\n"));
	assert_non_null(strstr(b.data, ": 疑问: "));
	assert_non_null(strstr(b.data, "x.txt: 发现7处问题（错误5处，疑问2处）\n"));
	gk_buf_release(&b);
	gk_report_result_free(res);
	res = check_file(DATA "table2021-consistent.txt", NULL);
	gk_buf_init(&b, 0);
	gk_report_result_text(res, "ok.txt", &b);
	assert_non_null(strstr(b.data, "ok.txt: 未发现问题（读取数字"));
	assert_non_null(strstr(b.data, "，含统计表）"));
	gk_buf_release(&b);
	gk_report_result_free(res);
}

#define T1_HEAD                                                                                                                             \
	"XX区人民政府2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n" \
	"信息内容    本年制发件数    本年废止件数    现行有效件数\n"
#define T1_REST                                                                                                                     \
	"第二十条第（五）项\n信息内容    本年处理决定数量\n行政许可    120\n第二十条第（六）项\n" \
	"信息内容    本年处理决定数量\n行政处罚    35\n行政强制    0\n第二十条第（八）项\n"            \
	"信息内容    本年收费金额（单位：万元）\n行政事业性收费    12.35\n三、收到和处理政府信息公开申请情况\n"

static int count_relation(const struct gk_report_result *res, const char *relation)
{
	int n = 0;
	for (int i = 0; i < res->nfindings; i++)
		n += strcmp(res->findings[i].relation, relation) == 0;
	return n;
}

static void test_table1(void **state)
{
	(void)state;
	/* consistent, as text rows and as HTML with the empty cells of spanned columns */
	struct gk_report_result *res = check_text(
		T1_HEAD "规章    0    0    0\n行政规范性文件    2    1    9\n" T1_REST, NULL);
	expect_findings(res, NULL, 0);
	assert_int_equal(res->table1_format, 2021);
	gk_report_result_free(res);
	res = check_text(
		"<p>XX局2021年政府信息公开工作年度报告</p><table><tr><td colspan=4>第二十条第（一）项</td></tr>"
		"<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
		"<tr><td>规章</td><td>/</td><td>/</td><td>/</td></tr>"
		"<tr><td>行政规范性文件</td><td>1</td><td></td><td>4</td></tr>"
		"<tr><td colspan=4>第二十条第（五）项</td></tr><tr><td>信息内容</td><td colspan=3>本年处理决定数量</td></tr>"
		"<tr><td>行政许可</td><td>7</td><td></td><td></td></tr></table>",
		NULL);
	expect_findings(res, NULL, 0);
	assert_int_equal(res->table1_format, 2021);
	gk_report_result_free(res);
	/* a count that is negative or a fraction cannot be */
	res = check_text(T1_HEAD "规章    0    0    0\n行政规范性文件    2.5    1    9\n" T1_REST,
			 NULL);
	static const struct expect frac[] = {{6, "table1-value", GK_SEV_ERROR}};
	expect_findings(res, frac, 1);
	assert_non_null(strstr(res->findings[0].message,
			       "“行政规范性文件”行“本年制发件数”为2.5，件数应为非负整数"));
	gk_report_result_free(res);
	res = check_text(T1_HEAD "规章    0    0    -1\n行政规范性文件    2    1    9\n" T1_REST,
			 NULL);
	static const struct expect neg[] = {{5, "table1-value", GK_SEV_ERROR}};
	expect_findings(res, neg, 1);
	gk_report_result_free(res);

	/* with last year's report: 9 in force + 2 issued − 1 repealed = 10 */
	const char *prev =
		"XX区人民政府2021年政府信息公开工作年度报告\n第二十条第（一）项\n"
		"信息内容    本年制发件数    本年废止件数    现行有效件数\n规章    0    0    0\n"
		"行政规范性文件    3    0    9\n";
	res = check_text(T1_HEAD "规章    0    0    0\n行政规范性文件    2    1    10\n" T1_REST,
			 prev);
	expect_findings(res, NULL, 0);
	gk_report_result_free(res);
	res = check_text(T1_HEAD "规章    0    0    0\n行政规范性文件    2    1    12\n" T1_REST,
			 prev);
	static const struct expect chain[] = {{6, "table1-in-force", GK_SEV_WARNING}};
	expect_findings(res, chain, 1);
	assert_true(res->findings[0].left == 10 && res->findings[0].right == 12);
	gk_report_result_free(res);

	/* 2019 format: 上一年项目数量 + 本年增/减 carries over to next year's 上一年项目数量 */
	const char *y2019 =
		"XX区2019年政府信息公开工作年度报告\n第二十条第（一）项\n"
		"信息内容    本年新制作数量    本年新公开数量    对外公开总数量\n规章    0    0    0\n"
		"规范性文件    3    3    40\n第二十条第（五）项\n信息内容    上一年项目数量    本年增/减    处理决定数量\n"
		"行政许可    120    -5    3000\n其他对外管理服务事项    10    0    20\n";
	const char *y2020 =
		"XX区2020年政府信息公开工作年度报告\n第二十条第（一）项\n"
		"信息内容    本年新制作数量    本年新公开数量    对外公开总数量\n规章    0    0    0\n"
		"规范性文件    2    2    42\n第二十条第（五）项\n信息内容    上一年项目数量    本年增/减    处理决定数量\n"
		"行政许可    115    0    2800\n其他对外管理服务事项    12    -13    20\n";
	res = check_text(y2020, y2019);
	static const struct expect items[] = {
		{9, "table1-value", GK_SEV_ERROR},   /* 12 − 13 items */
		{9, "table1-items", GK_SEV_WARNING}, /* 10 + 0 last year, 12 this year */
	};
	expect_findings(res, items, 2);
	assert_int_equal(res->table1_format, 2019);
	gk_report_result_free(res);
}

static void test_chinese_numerals(void **state)
{
	(void)state;
	struct gk_report_result *res = check_text(
		"2020年政府信息公开工作年度报告\n"
		"全年共收到申请十二件，其中当面申请三件，网上申请五件，信函申请两件，其他一件。\n",
		NULL);
	static const struct expect exp[] = {{2, "parts-total", GK_SEV_ERROR}};
	expect_findings(res, exp, 1);
	assert_true(res->findings[0].left == 11 && res->findings[0].right == 12);
	assert_string_equal(res->findings[0].message,
			    "申请渠道分项之和与总数不符：3+5+2+1=11，而总数为12");
	gk_report_result_free(res);
	res = check_text(
		"2020年政府信息公开工作年度报告\n"
		"全年共收到申请一百零五件，其中当面申请两件，网上申请一百零三件。办结十二件，其中按时办结十件、延期办结两件。\n"
		"进一步落实“一件事一次办”，实行一次性告知，第三次会议审议，开展二三十次检查、十余次培训，统一标准。\n",
		NULL);
	expect_findings(res, NULL, 0);
	gk_report_result_free(res);
}

static char *replace(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	assert_non_null(at);
	size_t n = strlen(text) - strlen(from) + strlen(to);
	char *out = malloc(n + 1);
	assert_non_null(out);
	size_t k = (size_t)(at - text);
	memcpy(out, text, k);
	memcpy(out + k, to, strlen(to));
	memcpy(out + k + strlen(to), at + strlen(from), strlen(at + strlen(from)) + 1);
	return out;
}

static void test_text_against_tables(void **state)
{
	(void)state;
	size_t len;
	char *base = testfile_read_if_any(DATA "table2021-consistent.txt", &len);
	assert_non_null(base);
	/* agreeing figures (予以公开 13, 不予公开 4, 无法提供 12, 复议 维持 1) and
	 * figures whose words are ambiguous give no finding */
	char *ok = replace(base, "全年办结38件，",
			   "全年办结38件，予以公开13件，不予公开4件，无法提供12件，"
			   "同意公开（含部分公开）17件，结转下年度4件，");
	char *ok2 = replace(ok, "被申请行政复议2件，",
			    "被申请行政复议2件，其中结果维持1件、结果纠正1件，");
	struct gk_report_result *res = check_text(ok2, NULL);
	expect_findings(res, NULL, 0);
	gk_report_result_free(res);
	/* 部分公开 5 (table 4), 不予处理 2 (table 3), 复议 维持 2 and 纠正 0 (table 1 and 1),
	 * 诉讼 纠正 2 (table 1 + 0); 诉讼 尚未审结 1 may be the 直接起诉 column alone */
	char *bad = replace(base, "全年办结38件，",
			    "全年办结38件，其中予以公开13件，部分公开5件，不予处理2件，");
	char *bad2 = replace(
		bad, "被申请行政复议2件，被提起行政诉讼3件。",
		"被申请行政复议2件，其中结果维持2件、结果纠正0件。被提起行政诉讼3件，其中结果纠正2件、尚未审结1件。");
	res = check_text(bad2, NULL);
	int n = count_relation(res, "text-table");
	if (n != 5)
		print_findings(res);
	assert_int_equal(n, 5);
	assert_int_equal(res->nfindings, 5);
	assert_non_null(strstr(res->findings[0].message,
			       "正文称“部分公开”5件，而统计表中“（二）部分公开”为4"));
	gk_report_result_free(res);
	free(ok);
	free(ok2);
	free(bad);
	free(bad2);
	free(base);
}

/* Real reports, abridged to what the stored copies hold (the pages end
 * inside Table 1, so Tables 2/3 are missing): all consistent, each in a
 * layout of its own. Sources: zjgxq.zhenjiang.gov.cn (2021, one cell per
 * line with "|" borders), jingmen.gov.cn art_17800_862999 (2021, Table 1
 * cells run together: "规章 104"), jingmen.gov.cn art_17800_863011 (2021,
 * cells on separate lines), qzlc.gov.cn (2021, a ten-part 其中 list),
 * 沙市区 (2021, a partial 其中 list), wj.gov.cn 湖塘镇 (2018, pre-2019
 * narrative), huli.gov.cn (2018, pre-2019 narrative). */
static void test_real_reports(void **state)
{
	(void)state;
	static const struct {
		const char *file;
		int year, table1;
	} files[] = {
		{DATA "real-zhenjiang-gxq-2021.txt", 2021, 2021},
		{DATA "real-jingmen-office-2021.txt", 2021, 0},
		{DATA "real-jingmen-research-2021.txt", 2021, 2021},
		{DATA "real-licheng-2021.txt", 2021, 0},
		{DATA "real-shashi-2021.txt", 2021, 0},
		{DATA "real-hutang-2018.txt", 2018, 0},
		{DATA "real-huli-2018.txt", 2018, 0},
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		struct gk_report_result *res = check_file(files[i].file, NULL);
		if (res->nfindings)
			print_message("%s:\n", files[i].file);
		expect_findings(res, NULL, 0);
		assert_int_equal(res->year, files[i].year);
		assert_int_equal(res->table1_format, files[i].table1);
		gk_report_result_free(res);
	}
	/* the same reports with one figure changed */
	size_t len;
	char *text = testfile_read_if_any(DATA "real-licheng-2021.txt", &len);
	char *bad = replace(text, "其他类信息10条", "其他类信息12条");
	struct gk_report_result *res = check_text(bad, NULL);
	static const struct expect licheng[] = {{7, "parts-total", GK_SEV_WARNING}}; /* 126 ≠ 124 */
	expect_findings(res, licheng, 1);
	assert_true(res->findings[0].left == 126 && res->findings[0].right == 124);
	gk_report_result_free(res);
	free(bad);
	free(text);
	text = testfile_read_if_any(DATA "real-zhenjiang-gxq-2021.txt", &len);
	bad = replace(text, "行政处罚 |\n33 |", "行政处罚 |\n-33 |");
	res = check_text(bad, NULL);
	static const struct expect zj[] = {{38, "table1-value", GK_SEV_ERROR}};
	expect_findings(res, zj, 1);
	gk_report_result_free(res);
	free(bad);
	free(text);
}

/* 2019-format Table 1 as some agencies fill it: notes in the labels that
 * name other rows, a row the format does not have, "-" for nothing. */
static void test_table1_notes(void **state)
{
	(void)state;
	const char *html =
		"<p>XX市生态环境局2020年政府信息公开工作年度报告</p><table>"
		"<tr><td colspan=4>第二十条第（一）项</td></tr>"
		"<tr><td>信息内容</td><td>本年新制作数量</td><td>本年新公开数量</td><td>对外公开总数量</td></tr>"
		"<tr><td>规章（设区的市、自治州人民政府应提供相关数据）</td><td>0</td><td>0</td><td>0</td></tr>"
		"<tr><td>规范性文件（行政机关制定发布的决定、公告、通告、意见、通知，以及标题采用“规定”“办法”等字样的公文）</td>"
		"<td>2</td><td>2</td><td>19</td></tr>"
		"<tr><td>其他主动公开文件（含以本单位名义正式签发的、除规范性文件以外的主动公开文件）</td><td>186</td><td>86</td><td>255</td></tr>"
		"<tr><td colspan=4>第二十条第（五）项</td></tr>"
		"<tr><td>信息内容</td><td>上一年项目数量（指2019年事项数）</td><td>本年增/减（指2020年增加或减少的事项数，减用负值表示，如-8）</td>"
		"<td>处理决定数量（指2020年办件量）</td></tr>"
		"<tr><td>行政许可</td><td>8</td><td>5</td><td>93</td></tr>"
		"<tr><td>其他对外管理服务事项（指行政许可以外的政务服务事项，含行政确认、行政奖励、行政处罚、行政强制、行政检查）</td>"
		"<td>117</td><td>0</td><td>165</td></tr>"
		"<tr><td colspan=4>第二十条第（六）项</td></tr>"
		"<tr><td>信息内容</td><td>上一年项目数量</td><td>本年增/减</td><td>处理决定数量</td></tr>"
		"<tr><td>行政处罚</td><td>90</td><td>0</td><td>22</td></tr>"
		"<tr><td>行政强制</td><td>4</td><td>-4</td><td>-</td></tr></table>";
	struct gk_report_result *res = check_text(html, NULL);
	expect_findings(res, NULL, 0);
	assert_int_equal(res->table1_format, 2019);
	gk_report_result_free(res);
	/* next year's report: 行政许可 8 + 5 = 13 carried; 其他 117 + 0; 强制 4 − 4 = 0 */
	const char *y2020 =
		"XX市生态环境局2020年政府信息公开工作年度报告\n第二十条第（五）项\n"
		"信息内容    上一年项目数量    本年增/减    处理决定数量\n行政许可    13    0    90\n"
		"其他对外管理服务事项    117    0    160\n第二十条第（六）项\n信息内容    上一年项目数量    本年增/减    处理决定数量\n"
		"行政处罚    90    0    20\n行政强制    4    0    0\n";
	char *prev = replace(html, "2020年政府信息", "2019年政府信息");
	res = check_text(y2020, prev);
	static const struct expect exp[] = {
		{9, "table1-items", GK_SEV_WARNING}}; /* 强制 4 − 4 = 0, not 4 */
	expect_findings(res, exp, 1);
	gk_report_result_free(res);
	free(prev);
}

/* The seed's kinds of contradiction in a report written for these tests
 * (so that a clone of the repository alone covers them): channels adding up
 * above the total, their shares above 100%, reply outcomes above the
 * applications concluded, the 复议 paragraph dated the year before, the
 * publication channels below the items disclosed, and 六部分 against seven
 * numbered sections. */
static void test_own_contradictions(void **state)
{
	(void)state;
	struct gk_report_result *res = check_file(DATA "narrative-2017-contradictions.txt", NULL);
	static const struct expect exp[] = {
		{5, "section-count", GK_SEV_WARNING}, /* "六部分组成", but sections 一 to 七 */
		{13, "channels-total", GK_SEV_WARNING}, /* 60+30800+2100+3200+410 < 41250 */
		{21, "parts-total", GK_SEV_ERROR},      /* 20+2+25+21 = 68 ≠ 60 */
		{21, "shares-100", GK_SEV_ERROR},       /* 33.33+3.33+41.66+35.00 = 113.32% */
		{23, "parts-total", GK_SEV_ERROR},      /* 30+18+2+1+9+4+3+2 = 69 ≠ 60 办结 */
		{31, "year-mismatch", GK_SEV_WARNING}, /* 2016年 行政复议 in the 2017 report */
	};
	expect_findings(res, exp, 6);
	assert_int_equal(res->year, 2017);
	assert_int_equal(res->nerrors, 3);
	assert_int_equal(res->nwarnings, 3);
	const struct gk_report_finding *ch = &res->findings[2];
	assert_true(ch->left == 68 && ch->right == 60);
	assert_string_equal(ch->message, "申请渠道分项之和与总数不符：20+2+25+21=68，而总数为60");
	assert_int_equal(ch->nfigures, 5);
	assert_memory_equal(res->text + ch->start, "2017年", strlen("2017年"));
	assert_memory_equal(res->text + ch->figures[0].start, "60件", strlen("60件"));
	assert_string_equal(res->findings[3].message,
			    "各渠道占比之和为113.32%，应为100%：33.33+3.33+41.66+35.00");
	assert_string_equal(res->findings[4].message,
			    "答复结果分项之和与总数不符：30+18+2+1+9+4+3+2=69，而总数为60");
	assert_true(res->findings[4].left == 69 && res->findings[4].right == 60);
	assert_non_null(
		strstr(res->findings[1].message, "60+30800+2100+3200+410=36570，而总数为41250"));
	assert_string_equal(res->findings[5].message, "2017年度报告中出现2016年的数字");
	assert_string_equal(res->findings[0].message,
			    "报告称由6部分组成，而正文有7个一级标题（一至七）");
	/* the shares are truncations of the counts (25 of 60 → 41.66%): no percent-count */
	assert_int_equal(count_relation(res, "percent-count"), 0);
	gk_report_result_free(res);

	/* the same report with every contradiction put right has no finding */
	size_t len;
	char *text = testfile_read_if_any(DATA "narrative-2017-contradictions.txt", &len);
	assert_non_null(text);
	static const char *const fixes[][2] = {
		{"六部分组成", "七部分组成"},
		{"通过其他方式主动公开政府信息410条", "通过其他方式主动公开政府信息5090条"},
		{"信函申请21件，占申请总数的35.00%", "信函申请13件，占申请总数的21.66%"},
		{"属于已主动公开范围的30件", "属于已主动公开范围的21件"},
		{"2016年，全市因", "2017年，全市因"},
	};
	for (size_t i = 0; i < sizeof fixes / sizeof fixes[0]; i++) {
		char *fixed = replace(text, fixes[i][0], fixes[i][1]);
		free(text);
		text = fixed;
	}
	res = check_text(text, NULL);
	expect_findings(res, NULL, 0);
	gk_report_result_free(res);
	free(text);
}

/* --- the model of the official tables (core/report/tables.h) ------------------- */

static void test_model_table2(void **state)
{
	(void)state;
	/* the official labels (RULES §3.C), the row's own part of it */
	static const struct {
		enum gk_t2_row row;
		const char *label;
	} official[] = {
		{GK_T2_NEW, "一、本年新收政府信息公开申请数量"},
		{GK_T2_CARRY_IN, "二、上年结转政府信息公开申请数量"},
		{GK_T2_GRANTED, "（一）予以公开"},
		{GK_T2_PARTIAL, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"},
		{GK_T2_REFUSED, "（三）不予公开"},
		{GK_T2_REFUSED_SECRET, "1.属于国家秘密"},
		{GK_T2_REFUSED_LAW, "2.其他法律行政法规禁止公开"},
		{GK_T2_REFUSED_SECURITY, "3.危及“三安全一稳定”"},
		{GK_T2_REFUSED_THIRD_PARTY, "4.保护第三方合法权益"},
		{GK_T2_REFUSED_INTERNAL, "5.属于三类内部事务信息"},
		{GK_T2_REFUSED_PROCESS, "6.属于四类过程性信息"},
		{GK_T2_REFUSED_ENFORCEMENT, "7.属于行政执法案卷"},
		{GK_T2_REFUSED_QUERY, "8.属于行政查询事项"},
		{GK_T2_UNABLE, "（四）无法提供"},
		{GK_T2_UNABLE_NOT_HELD, "1.本机关不掌握相关政府信息"},
		{GK_T2_UNABLE_NEEDS_CREATION, "2.没有现成信息需要另行制作"},
		{GK_T2_UNABLE_UNCLEAR, "3.补正后申请内容仍不明确"},
		{GK_T2_IGNORED, "（五）不予处理"},
		{GK_T2_IGNORED_PETITION, "1.信访举报投诉类申请"},
		{GK_T2_IGNORED_REPEAT, "2.重复申请"},
		{GK_T2_IGNORED_PUBLICATION, "3.要求提供公开出版物"},
		{GK_T2_IGNORED_EXCESSIVE, "4.无正当理由大量反复申请"},
		{GK_T2_IGNORED_CONFIRM, "5.要求行政机关确认或重新出具已获取信息"},
		{GK_T2_OTHER, "（六）其他处理"},
		{GK_T2_OTHER_NO_SUPPLEMENT,
		 "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"},
		{GK_T2_OTHER_NO_FEE,
		 "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"},
		{GK_T2_OTHER_OTHER, "3.其他"},
		{GK_T2_TOTAL, "（七）总计"},
		{GK_T2_CARRY_OUT, "四、结转下年度继续办理"},
	};
	assert_int_equal(sizeof official / sizeof official[0], GK_T2_NROWS);
	for (size_t i = 0; i < sizeof official / sizeof official[0]; i++)
		assert_string_equal(gk_report_t2_row_info(official[i].row)->label,
				    official[i].label);
	static const char *const cols[] = {"自然人",       "商业企业", "科研机构", "社会公益组织",
					   "法律服务机构", "其他",     "总计"};
	assert_int_equal(GK_T2_COLS, 7);
	for (int c = 0; c < GK_T2_COLS; c++) {
		assert_string_equal(gk_report_t2_col_info(c)->label, cols[c]);
		enum gk_t2_col back;
		assert_true(gk_report_t2_col_parse(gk_report_t2_col_info(c)->code, &back));
		assert_int_equal(back, c);
	}
	assert_string_equal(gk_report_t2_col_info(GK_T2_RESEARCH)->group, "法人或其他组织");

	/* 25 data rows in 2021, 23 in 2019; every 2021 row maps to exactly one
	 * 2019 row, the same one but in （六）, and every 2019 row is reached */
	int n2021 = 0, n2019 = 0, reached[GK_T2_NROWS] = {0};
	for (int r = 0; r < GK_T2_NROWS; r++) {
		const struct gk_t2_row_info *row = gk_report_t2_row_info(r);
		assert_int_equal(row->row, r);
		enum gk_t2_row back;
		assert_true(gk_report_t2_row_parse(row->code, &back));
		assert_int_equal(back, r);
		n2019 += gk_report_t2_in_format(r, 2019);
		if (!gk_report_t2_in_format(r, 2021))
			continue;
		n2021++;
		int mapped = 0;
		for (int k = 0; k < GK_T2_NROWS; k++)
			mapped += gk_report_t2_in_format(k, 2019) &&
				  row->row2019 == (enum gk_t2_row)k;
		assert_int_equal(mapped, 1);
		assert_int_equal(row->row2019, row->section == 6 ? GK_T2_OTHER : (enum gk_t2_row)r);
		reached[row->row2019]++;
	}
	assert_int_equal(n2021, 25);
	assert_int_equal(n2019, 23);
	for (int r = 0; r < GK_T2_NROWS; r++)
		if (gk_report_t2_in_format(r, 2019))
			assert_true(reached[r] >= 1);
	assert_int_equal(reached[GK_T2_OTHER], 3);
	/* the official order of the 2021 format, as unlabelled rows are read */
	int order = 0;
	for (int r = GK_T2_NEW; r >= 0; r = gk_report_t2_next_2021(r))
		order++;
	assert_int_equal(order, 25);
	assert_int_equal(gk_report_t2_next_2021(GK_T2_OTHER_OTHER), GK_T2_TOTAL);
	assert_string_equal(gk_report_t2_heading(GK_T2_REFUSED_QUERY), "（三）不予公开");
	assert_string_equal(gk_report_t2_heading(GK_T2_OTHER_OTHER), "（六）其他处理");
	assert_null(gk_report_t2_row_info(GK_T2_NROWS));
	assert_false(gk_report_t2_row_parse("nope", &(enum gk_t2_row){0}));
}

static void test_model_tables_1_and_3(void **state)
{
	(void)state;
	/* Table 1: six rows and ten cells in 2021, eight rows and 22 cells in 2019 */
	int rows21 = 0, cells21 = 0, rows19 = 0, cells19 = 0;
	for (int r = 0; r < GK_T1_NROWS; r++) {
		rows21 += gk_report_t1_cols(2021, r) > 0;
		cells21 += gk_report_t1_cols(2021, r);
		rows19 += gk_report_t1_cols(2019, r) > 0;
		cells19 += gk_report_t1_cols(2019, r);
		for (int f = 2019; f <= 2021; f += 2)
			for (int pos = 0; pos < gk_report_t1_cols(f, r); pos++)
				assert_int_equal(
					gk_report_t1_col_info(gk_report_t1_col(f, r, pos))->format,
					f);
	}
	assert_int_equal(rows21, 6);
	assert_int_equal(cells21, 10);
	assert_int_equal(rows19, 8);
	assert_int_equal(cells19, 22);
	assert_string_equal(gk_report_t1_row_name(2021, GK_T1_NORMATIVE), "行政规范性文件");
	assert_string_equal(gk_report_t1_row_name(2019, GK_T1_NORMATIVE), "规范性文件");
	assert_string_equal(gk_report_t1_row_name(2021, GK_T1_PROCUREMENT), "");
	assert_string_equal(gk_report_t1_col_name(2021, GK_T1_RULES, 2), "现行有效件数");
	assert_string_equal(gk_report_t1_col_name(2019, GK_T1_LICENSE, 1), "本年增/减");
	assert_string_equal(gk_report_t1_col_info(GK_T1_FEES_COLLECTED)->label,
			    "本年收费金额（单位：万元）");
	assert_string_equal(gk_report_t1_row_info(GK_T1_PROCUREMENT)->block, "第二十条第（九）项");
	assert_int_equal(gk_report_t1_col_pos(2019, GK_T1_FEES, GK_T1_ITEMS_CHANGE), 1);
	assert_int_equal(gk_report_t1_col_pos(2021, GK_T1_FEES, GK_T1_ITEMS_CHANGE), -1);
	assert_int_equal(gk_report_t1_header_format("本年制发件数", strlen("本年制发件数")), 2021);
	assert_int_equal(gk_report_t1_header_format("上一年项目数量", strlen("上一年项目数量")),
			 2019);
	assert_int_equal(gk_report_t1_header_format("信息内容", strlen("信息内容")), 0);

	/* Table 3: three groups of 结果维持 结果纠正 其他结果 尚未审结 总计 */
	static const char *const groups[] = {"行政复议", "未经复议直接起诉", "复议后起诉"};
	static const char *const cols[] = {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"};
	assert_int_equal(GK_T3_NGROUPS, 3);
	assert_int_equal(GK_T3_NCOLS, 5);
	for (int g = 0; g < GK_T3_NGROUPS; g++)
		assert_string_equal(gk_report_t3_group_info(g)->label, groups[g]);
	for (int c = 0; c < GK_T3_NCOLS; c++)
		assert_string_equal(gk_report_t3_col_info(c)->label, cols[c]);
	assert_string_equal(gk_report_t3_group_info(GK_T3_SUIT)->label, "行政诉讼");

	/* the pre-2019 categories and reasons */
	assert_string_equal(gk_report_pre2019_info(GK_PRE2019_ALREADY_PUBLIC)->label,
			    "属于已主动公开范围");
	assert_int_equal(gk_report_pre2019_info(GK_PRE2019_OTHER_CHANNEL)->stat_item, 8);
	assert_string_equal(gk_report_refusal_info(GK_REFUSAL_NOT_GOV_INFO)->label,
			    "不是《条例》所指政府信息");
	assert_null(gk_report_pre2019_info(GK_PRE2019_COUNT));
	assert_null(gk_report_refusal_info(GK_REFUSAL_COUNT));
}

/* Each fine outcome (core/outcome.h) is counted in one result row of
 * each format, and its 2019 row is the one the model maps its 2021 row to. */
static void test_model_outcomes(void **state)
{
	(void)state;
	for (int o = 0; o < GK_OUTCOME_COUNT; o++) {
		const struct gk_outcome_info *oi = gk_outcome_info(o);
		const struct gk_t2_row_info *r21 = gk_report_t2_row_info(oi->row2021);
		const struct gk_t2_row_info *r19 = gk_report_t2_row_info(oi->row2019);
		assert_non_null(r21);
		assert_non_null(r19);
		assert_true(gk_report_t2_in_format(oi->row2021, 2021));
		assert_true(gk_report_t2_in_format(oi->row2019, 2019));
		assert_true(r21->section >= 1 && r21->section <= 6);
		assert_true(r19->section >= 1 && r19->section <= 6);
		assert_int_equal(r21->row2019, oi->row2019);
		if (oi->refusal != GK_REFUSAL_NONE)
			assert_int_equal(oi->pre2019, GK_PRE2019_REFUSED);
	}
}

/* Made-up tables of two consecutive years. */
struct made_up {
	double t2[2][GK_T2_NROWS][GK_T2_COLS];     /* [0] this year, [1] last year */
	double t3[GK_T3_NGROUPS + 1][GK_T3_NCOLS]; /* with the 行政诉讼 sums (GK_T3_SUIT) */
	double t1[2][GK_T1_NROWS][GK_T1_NCOLUMNS]; /* by column, not position */
	int t1_format;
};

struct eval {
	const struct made_up *m;
	const struct gk_report_identity *id;
};

/* gk_report_cell_fn over a made_up: INDEX is a row, column or group per the
 * identity's axis, ALONG the other. */
static bool cell_of(void *ctx, int index, int along, int year, double *value)
{
	const struct eval *e = ctx;
	int y = year ? 1 : 0;
	switch (e->id->table) {
	case GK_TABLE1:
		*value = e->m->t1[y][along][index];
		return gk_report_t1_col_pos(e->m->t1_format, along, index) >= 0;
	case GK_TABLE2:
		*value = e->id->axis == GK_AXIS_ROWS ? e->m->t2[y][index][along]
						     : e->m->t2[y][along][index];
		return true;
	case GK_TABLE3:
		*value = e->id->axis == GK_AXIS_GROUPS ? e->m->t3[index][along]
						       : e->m->t3[along][index];
		return true;
	}
	return false;
}

/* True if ID holds along every row, column or group of M (at least one). */
static bool holds(const struct made_up *m, const struct gk_report_identity *id)
{
	struct eval e = {m, id};
	int n = id->table == GK_TABLE1 ? GK_T1_NROWS
		: id->table == GK_TABLE3
			? (id->axis == GK_AXIS_GROUPS ? GK_T3_NCOLS : GK_T3_NGROUPS + 1)
		: id->axis == GK_AXIS_ROWS ? GK_T2_COLS
					   : GK_T2_NROWS;
	int evaluated = 0;
	for (int along = 0; along < n; along++) {
		double left, right;
		if (!gk_report_identity_eval(id, along, cell_of, &e, &left, &right))
			continue;
		evaluated++;
		if (left != right)
			return false;
	}
	assert_true(evaluated > 0);
	return true;
}

/* A consistent Table 2 from its free cells (the applicant columns of 新收,
 * 上年结转 and the result rows), the rest by the model's identities. CARRY,
 * if not NULL, is last year's 结转下年度 row, this year's 上年结转. */
static void fill_t2(double t[GK_T2_NROWS][GK_T2_COLS], unsigned seed, const double *carry)
{
	memset(t, 0, sizeof(double) * GK_T2_NROWS * GK_T2_COLS);
	for (int r = 0; r < GK_T2_NROWS; r++) {
		const struct gk_t2_row_info *row = gk_report_t2_row_info(r);
		bool result =
			gk_report_t2_in_format(r, 2021) && row->section >= 1 && row->section <= 6;
		if (r != GK_T2_NEW && r != GK_T2_CARRY_IN && !result)
			continue;
		for (int c = 0; c < GK_T2_ALL; c++)
			t[r][c] = (double)((seed * 7 + (unsigned)r * 5 + (unsigned)c * 3) % 4);
	}
	for (int c = 0; c < GK_T2_ALL; c++) {
		t[GK_T2_NEW][c] += 100; /* more received than concluded */
		if (carry)
			t[GK_T2_CARRY_IN][c] = carry[c];
	}
	static const enum gk_report_identity_id sums[] = {
		GK_ID_T2_REFUSED, GK_ID_T2_UNABLE,       GK_ID_T2_IGNORED,
		GK_ID_T2_OTHER,   GK_ID_T2_RESULTS_2021,
	};
	for (size_t i = 0; i < sizeof sums / sizeof sums[0]; i++) {
		const struct gk_report_identity *id = gk_report_identity(sums[i]);
		for (int c = 0; c < GK_T2_ALL; c++)
			for (int k = 0; k < id->nright; k++)
				t[id->left[0].index][c] +=
					id->right[k].sign * t[id->right[k].index][c];
	}
	for (int c = 0; c < GK_T2_ALL; c++)
		t[GK_T2_CARRY_OUT][c] = t[GK_T2_NEW][c] + t[GK_T2_CARRY_IN][c] - t[GK_T2_TOTAL][c];
	for (int r = 0; r < GK_T2_NROWS; r++)
		for (int c = 0; c < GK_T2_ALL; c++)
			t[r][GK_T2_ALL] += t[r][c];
}

/* The identities of the model hold on consistent made-up tables, and fail
 * where a cell is changed. */
static void test_model_identities(void **state)
{
	(void)state;
	struct made_up *m = calloc(1, sizeof *m);
	assert_non_null(m);
	fill_t2(m->t2[1], 1, NULL);
	fill_t2(m->t2[0], 2, m->t2[1][GK_T2_CARRY_OUT]);
	/* Table 3: 行政复议 3 = 1+1+0+1; 直接起诉 2 = 1+0+1+0; 复议后起诉 1 = 0+0+0+1 */
	static const double t3[GK_T3_NGROUPS][GK_T3_NCOLS] = {
		{1, 1, 0, 1, 3}, {1, 0, 1, 0, 2}, {0, 0, 0, 1, 1}};
	memcpy(m->t3, t3, sizeof t3);
	for (int c = 0; c < GK_T3_NCOLS; c++)
		m->t3[GK_T3_SUIT][c] = t3[GK_T3_DIRECT_SUIT][c] + t3[GK_T3_SUIT_AFTER_REVIEW][c];

	for (int i = 0; i < GK_NIDENTITIES; i++) {
		const struct gk_report_identity *id = gk_report_identity(i);
		assert_int_equal(id->id, i);
		assert_true(id->nleft >= 1 && id->nright >= 1);
		if (id->table != GK_TABLE1 && !holds(m, id))
			fail_msg("identity %s does not hold on a consistent table", id->code);
	}
	/* a changed cell breaks the identities it is in, and only those */
	m->t2[0][GK_T2_REFUSED_LAW][GK_T2_BUSINESS] += 1;
	assert_false(holds(m, gk_report_identity(GK_ID_T2_ROW_TOTAL)));
	assert_false(holds(m, gk_report_identity(GK_ID_T2_REFUSED)));
	assert_false(holds(m, gk_report_identity(GK_ID_T2_RESULTS_2021)));
	assert_false(holds(m, gk_report_identity(GK_ID_T2_RESULTS_2019)));
	assert_true(holds(m, gk_report_identity(GK_ID_T2_BALANCE)));
	assert_true(holds(m, gk_report_identity(GK_ID_T2_CARRY_OVER)));
	m->t2[1][GK_T2_CARRY_OUT][GK_T2_RESEARCH] += 1;
	assert_false(holds(m, gk_report_identity(GK_ID_T2_CARRY_OVER)));
	m->t3[GK_T3_DIRECT_SUIT][GK_T3_PENDING] = 5;
	assert_false(holds(m, gk_report_identity(GK_ID_T3_TOTAL)));
	assert_false(holds(m, gk_report_identity(GK_ID_T3_SUIT)));

	/* Table 1 across two years, 2021: 9 in force + 2 issued − 1 repealed = 10 */
	m->t1_format = 2021;
	m->t1[1][GK_T1_NORMATIVE][GK_T1_IN_FORCE] = 9;
	m->t1[0][GK_T1_NORMATIVE][GK_T1_ISSUED] = 2;
	m->t1[0][GK_T1_NORMATIVE][GK_T1_REPEALED] = 1;
	m->t1[0][GK_T1_NORMATIVE][GK_T1_IN_FORCE] = 10;
	assert_true(holds(m, gk_report_identity(GK_ID_T1_IN_FORCE)));
	m->t1[0][GK_T1_NORMATIVE][GK_T1_IN_FORCE] = 12;
	assert_false(holds(m, gk_report_identity(GK_ID_T1_IN_FORCE)));
	/* 2019: 120 items and −5 last year are this year's 115 */
	m->t1_format = 2019;
	m->t1[1][GK_T1_LICENSE][GK_T1_ITEMS_LAST_YEAR] = 120;
	m->t1[1][GK_T1_LICENSE][GK_T1_ITEMS_CHANGE] = -5;
	m->t1[0][GK_T1_LICENSE][GK_T1_ITEMS_LAST_YEAR] = 115;
	assert_true(holds(m, gk_report_identity(GK_ID_T1_ITEMS)));
	m->t1[0][GK_T1_LICENSE][GK_T1_ITEMS_LAST_YEAR] = 120;
	assert_false(holds(m, gk_report_identity(GK_ID_T1_ITEMS)));
	free(m);
}

/* The rule table: unique ids, every identity of the model checked by a rule. */
static void test_rule_table(void **state)
{
	(void)state;
	size_t n;
	const struct gk_report_rule *rules = gk_report_rules(&n);
	assert_true(n >= 20);
	unsigned checked = 0;
	for (size_t i = 0; i < n; i++) {
		assert_non_null(rules[i].run);
		assert_true(strlen(rules[i].compares) > 0);
		assert_ptr_equal(gk_report_rule_find(rules[i].id), &rules[i]);
		checked |= rules[i].identities;
	}
	for (int i = 0; i < GK_NIDENTITIES; i++)
		if (!(checked & (1u << i)))
			fail_msg("no rule checks identity %s", gk_report_identity(i)->code);
	assert_null(gk_report_rule_find("no-such-rule"));
	assert_true(gk_report_rule_find("carry-over")->previous);
	assert_int_equal(gk_report_rule_find("table2-balance")->severity, GK_SEV_ERROR);
	/* the findings of a report name rules of the table */
	struct gk_report_result *res = check_file(DATA "narrative-2016-broken.txt", NULL);
	for (int i = 0; i < res->nfindings; i++)
		assert_non_null(gk_report_rule_find(res->findings[i].relation));
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
		cmocka_unit_test(test_stat_heading_rows),
		cmocka_unit_test(test_previous_carry_over),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_offsets_in_html),
		cmocka_unit_test(test_text_output),
		cmocka_unit_test(test_table1),
		cmocka_unit_test(test_chinese_numerals),
		cmocka_unit_test(test_text_against_tables),
		cmocka_unit_test(test_real_reports),
		cmocka_unit_test(test_table1_notes),
		cmocka_unit_test(test_own_contradictions),
		cmocka_unit_test(test_model_table2),
		cmocka_unit_test(test_model_tables_1_and_3),
		cmocka_unit_test(test_model_outcomes),
		cmocka_unit_test(test_model_identities),
		cmocka_unit_test(test_rule_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
