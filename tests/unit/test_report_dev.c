/* The checker measured on the real reports of ../shared/reports-dev/ against
 * its answer key (KEY.md, prose: its FINDING lines are encoded below as data).
 * Prints "found X / expected Y, false errors Z / consistent files W";
 * asserts no 错误 on a consistent report and that found does not go down. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testfile.h"

#include "core/report/check.h"

#define DEV "../shared/reports-dev/"

/* The least "found" reached so far: raise it as relations are added. */
#define FOUND_AT_LEAST 8

/* One FINDING of KEY.md: a finding matches when its two sides are one of
 * the pairs (either order). */
struct key_finding {
	const char *file;
	const char *what;
	double pairs[3][2];
};

static const struct key_finding key[] = {
	{"yangling-shifanqu-shenjiju-2022.txt", "审计信息栏目 20 vs 专栏 16", {{20, 16}}},
	{"pingtan-shiyanqu-2020.txt", "表三 results 27 vs （七）总计 21", {{27, 21}, {26, 20}}},
	{"pingtan-shiyanqu-2020.txt", "主动公开 parts 2603 vs 2602", {{2603, 2602}}},
	{"pingtan-shiyanqu-2012.txt", "1397+534 = 1931 vs 1913", {{1931, 1913}}},
	{"pingtan-shiyanqu-2012.txt", "145条 占8.05% vs 7.58%", {{8.05, 7.58}, {145, 154}}},
	{"pingtan-shiyanqu-2012.txt", "统计表 主动公开 739 vs text 1913", {{739, 1913}}},
	{"pingtan-shiyanqu-2012.txt", "五个部分 vs 6 parts", {{5, 6}}},
	{"pingtan-dishuiju-2013.txt", "办结 171 > 受理 117", {{171, 117}}},
};

/* The files KEY.md calls consistent ("none"). */
static const char *const consistent[] = {
	"huaian-hongze-qu-2024.txt",
	"pingtan-shiyanqu-2022.txt",
	"suqian-shuyang-fagaiju-2023-html.txt",
	"pingtan-shiyanqu-2017.txt",
};

static const char *const files[] = {
	"huaian-hongze-qu-2024.txt",
	"pingtan-dishuiju-2013.txt",
	"pingtan-shiyanqu-2012.txt",
	"pingtan-shiyanqu-2017.txt",
	"pingtan-shiyanqu-2020.txt",
	"pingtan-shiyanqu-2022.txt",
	"suqian-shuyang-fagaiju-2023-html.txt",
	"yangling-shifanqu-shenjiju-2022.txt",
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static bool same(double a, double b)
{
	return fabs(a - b) < 0.005;
}

static bool matches(const struct gk_report_finding *f, const struct key_finding *k)
{
	for (size_t i = 0; i < N(k->pairs) && (k->pairs[i][0] != 0 || k->pairs[i][1] != 0); i++) {
		double a = k->pairs[i][0], b = k->pairs[i][1];
		if ((same(f->left, a) && same(f->right, b)) ||
		    (same(f->left, b) && same(f->right, a)))
			return true;
	}
	return false;
}

static bool is_consistent(const char *file)
{
	for (size_t i = 0; i < N(consistent); i++)
		if (strcmp(consistent[i], file) == 0)
			return true;
	return false;
}

static void test_reports_dev(void **state)
{
	(void)state;
	FILE *probe = fopen(DEV "KEY.md", "rb");
	if (!probe) {
		print_message("# skipped (no ../shared)\n");
		skip();
	}
	fclose(probe);
	bool hit[N(key)] = {false};
	int false_errors = 0, unmatched_errors = 0;
	for (size_t i = 0; i < N(files); i++) {
		char path[256];
		snprintf(path, sizeof path, DEV "%s", files[i]);
		size_t len;
		char *data = testfile_read_if_any(path, &len);
		if (!data)
			fail_msg("cannot read %s", path);
		struct gk_report_result *res = NULL;
		struct gk_error err = {0};
		enum gk_err rc = gk_report_check(data, len, NULL, 0, &res, &err);
		free(data);
		if (rc != GK_OK)
			fail_msg("%s: %s", files[i], gk_error_text(&err));
		for (int j = 0; j < res->nfindings; j++) {
			const struct gk_report_finding *f = &res->findings[j];
			bool known = false;
			for (size_t k = 0; k < N(key); k++)
				if (strcmp(key[k].file, files[i]) == 0 && matches(f, &key[k]))
					hit[k] = known = true;
			if (f->severity == GK_SEV_ERROR && is_consistent(files[i])) {
				false_errors++;
				print_message("# false error: %s:%d [%s] %s\n", files[i], f->line,
					      f->relation, f->message);
			} else if (f->severity == GK_SEV_ERROR && !known) {
				unmatched_errors++;
				print_message("# error not in the key: %s:%d [%s] %s\n", files[i],
					      f->line, f->relation, f->message);
			}
		}
		gk_report_result_free(res);
	}
	int found = 0;
	for (size_t k = 0; k < N(key); k++) {
		found += hit[k];
		if (!hit[k])
			print_message("# missed: %s: %s\n", key[k].file, key[k].what);
	}
	print_message("# reports-dev: found %d / expected %zu, false errors %d / consistent files "
		      "%zu (errors not in the key on other files: %d)\n",
		      found, N(key), false_errors, N(consistent), unmatched_errors);
	assert_int_equal(false_errors, 0);
	assert_true(found >= FOUND_AT_LEAST);
}

static struct gk_report_result *check_text(const char *text)
{
	struct gk_report_result *res = NULL;
	struct gk_error err = {0};
	if (gk_report_check(text, strlen(text), NULL, 0, &res, &err) != GK_OK)
		fail_msg("%s", gk_error_text(&err));
	return res;
}

/* The findings of RELATION in TEXT with that severity; -1 if one has another severity. */
static int count_of(const char *text, const char *relation, enum gk_report_severity sev)
{
	struct gk_report_result *res = check_text(text);
	int n = 0;
	for (int i = 0; i < res->nfindings; i++)
		if (strcmp(res->findings[i].relation, relation) == 0)
			n = res->findings[i].severity == sev && n >= 0 ? n + 1 : -1;
	gk_report_result_free(res);
	return n;
}

#define TITLE "某县2023年政府信息公开工作年度报告\n"

static void test_share_of_base(void **state)
{
	(void)state;
	const char *wrong = TITLE "在县政府网站公开的500条政府信息中，政策文件类信息60条，占12%；"
				  "财政类信息40条，占9.5%；人事类信息25条，占5%。\n";
	assert_int_equal(count_of(wrong, "share-of-base", GK_SEV_ERROR), 1);
	const char *right = TITLE "在县政府网站公开的500条政府信息中，政策文件类信息60条，占12%；"
				  "财政类信息40条，占8%；人事类信息25条，占5%。\n";
	assert_int_equal(count_of(right, "share-of-base", GK_SEV_ERROR), 0);
	/* truncated rather than rounded is not wrong: 33÷120 = 27.5% */
	const char *trunc = TITLE "在受理的120件申请中，当面申请33件，占27%。\n";
	assert_int_equal(count_of(trunc, "share-of-base", GK_SEV_ERROR), 0);
	/* after a nested 其中 the share may be of the part */
	const char *nested = TITLE "在受理的120件申请中，当面申请40件，其中预约申请10件，占25%。\n";
	assert_int_equal(count_of(nested, "share-of-base", GK_SEV_ERROR), 0);
	/* the enumeration ends at "。": a later share is not of this base */
	const char *later = TITLE "在公开的500条信息中，政策文件类信息60条，占12%。"
				  "另有图解类信息30条，占图解总数的60%。\n";
	assert_int_equal(count_of(later, "share-of-base", GK_SEV_ERROR), 0);
}

static void test_share_of_whole(void **state)
{
	(void)state;
	const char *wrong =
		TITLE "全年共发布信息800条，其中通过政务微博发布信息200条，占总体的30%。\n";
	assert_int_equal(count_of(wrong, "share-of-whole", GK_SEV_WARNING) +
				 count_of(wrong, "percent-count", GK_SEV_ERROR),
			 1);
	const char *right = TITLE "全年共发布信息800条。通过政务微博发布信息200条，占总体的25%。\n";
	assert_int_equal(count_of(right, "share-of-whole", GK_SEV_WARNING), 0);
	assert_int_equal(count_of(right, "percent-count", GK_SEV_ERROR), 0);
	const char *wrong2 =
		TITLE "全年共发布信息800条。通过政务微博发布信息200条，占总体的30%。\n";
	assert_int_equal(count_of(wrong2, "share-of-whole", GK_SEV_WARNING), 1);
}

static void test_rate_count(void **state)
{
	(void)state;
	const char *wrong = TITLE "全年共受理审批事项80件，办结98件，办结率100%。\n";
	assert_int_equal(count_of(wrong, "rate-count", GK_SEV_WARNING), 1);
	const char *right = TITLE "全年共受理审批事项80件，办结80件，办结率100%。\n";
	assert_int_equal(count_of(right, "rate-count", GK_SEV_WARNING), 0);
	const char *part = TITLE "全年共受理审批事项80件，办结60件，办结率75%。\n";
	assert_int_equal(count_of(part, "rate-count", GK_SEV_WARNING), 0);
}

static void test_base_parts(void **state)
{
	(void)state;
	const char *over =
		TITLE "在已经答复的50件申请中，同意公开30件，部分公开15件，不予公开10件。\n";
	assert_int_equal(count_of(over, "base-parts", GK_SEV_ERROR), 1);
	const char *fits =
		TITLE "在已经答复的50件申请中，同意公开30件，部分公开15件，不予公开5件。\n";
	assert_int_equal(count_of(fits, "base-parts", GK_SEV_ERROR), 0);
	/* a partial list is not wrong */
	const char *partial = TITLE "在已经答复的50件申请中，同意公开30件，部分公开15件。\n";
	assert_int_equal(count_of(partial, "base-parts", GK_SEV_ERROR), 0);
	const char *shares = TITLE "在已经答复的50件申请中，同意公开25件，占60%；部分公开15件，"
				   "占30%；不予公开10件，占20%。\n";
	assert_int_equal(count_of(shares, "base-parts", GK_SEV_ERROR), 1);
	/* the parts in sentences of their own after "N条。其中，" */
	const char *across =
		TITLE "全年主动公开政府信息1000条。其中，县直各单位主动公开政府信息700条，"
		      "占70%。各乡镇主动公开政府信息310条，占31%。\n";
	assert_int_equal(count_of(across, "base-parts", GK_SEV_ERROR), 1);
	const char *across_ok = TITLE "全年主动公开政府信息1000条。其中，县直各单位主动公开政府信息"
				      "700条，占70%。各乡镇主动公开政府信息300条，占30%。\n";
	assert_int_equal(count_of(across_ok, "base-parts", GK_SEV_ERROR), 0);
	/* a nested 其中 list counts some applications twice */
	const char *nested = TITLE "在已经答复的50件申请中，同意公开30件，其中当面申请20件；"
				   "部分公开15件。\n";
	assert_int_equal(count_of(nested, "base-parts", GK_SEV_ERROR), 0);
}

static void test_announced_year(void **state)
{
	(void)state;
	const char *other = TITLE "根据条例，特向社会公布2022年度政府信息公开工作年度报告。"
				  "全年主动公开信息120条。\n";
	assert_int_equal(count_of(other, "announced-year", GK_SEV_WARNING), 1);
	const char *same_year = TITLE "根据条例，特向社会公布2023年度政府信息公开工作年度报告。"
				      "全年主动公开信息120条。\n";
	assert_int_equal(count_of(same_year, "announced-year", GK_SEV_WARNING), 0);
}

/* TEXT with the first FROM replaced by TO (malloc'd). */
static char *replace(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	assert_non_null(at);
	size_t a = (size_t)(at - text), fl = strlen(from), tl = strlen(to), n = strlen(text);
	char *out = malloc(n - fl + tl + 1);
	assert_non_null(out);
	memcpy(out, text, a);
	memcpy(out + a, to, tl);
	memcpy(out + a + tl, at + fl, n - a - fl + 1);
	return out;
}

#define T3_ROW      "1    1    0    0    2    0    1    0    1    2    0    0    0    1    1"
#define SAID        "被提起行政诉讼3件。"
#define SAID_UPHELD "被提起行政诉讼3件，均获维持。"

static void test_all_upheld(void **state)
{
	(void)state;
	size_t len;
	char *base = testfile_read_if_any("tests/data/reports/table2021-consistent.txt", &len);
	assert_non_null(base);
	assert_int_equal(count_of(base, "all-upheld", GK_SEV_ERROR), 0);
	/* Table 3 of that report has 纠正 cases: "均获维持" cannot be true */
	char *corrected = replace(base, SAID, SAID_UPHELD);
	assert_int_equal(count_of(corrected, "all-upheld", GK_SEV_ERROR), 1);
	/* the sentence reports the correction itself: 均获维持 is of the rest */
	char *own = replace(base, SAID, "被提起行政诉讼3件，其中1件被撤销，其余均获维持。");
	assert_int_equal(count_of(own, "all-upheld", GK_SEV_ERROR), 0);
	free(own);
	/* only pending ones: the sentence may mean the concluded cases */
	char *t =
		replace(corrected, T3_ROW,
			"2    0    0    0    2    1    0    0    1    2    0    0    0    1    1");
	assert_int_equal(count_of(t, "all-upheld", GK_SEV_WARNING), 1);
	char *all =
		replace(corrected, T3_ROW,
			"2    0    0    0    2    2    0    0    0    2    1    0    0    0    1");
	assert_int_equal(count_of(all, "all-upheld", GK_SEV_ERROR), 0);
	assert_int_equal(count_of(all, "all-upheld", GK_SEV_WARNING), 0);
	free(all);
	free(t);
	free(corrected);
	free(base);
}

/* Review and suit sentences are summed against their own totals, not the
 * application total before them. */
static void test_review_sentences(void **state)
{
	(void)state;
	const char *ok =
		TITLE "全年共收到政府信息公开申请120件，均已按时答复。因政府信息公开引发"
		      "行政复议8件，其中结果维持5件，结果纠正1件，其他结果1件，尚未审结1件；"
		      "行政诉讼6件，其中结果维持4件，结果纠正0件，其他结果1件，尚未审结1件。\n";
	assert_int_equal(count_of(ok, "parts-total", GK_SEV_ERROR), 0);
	char *suit = replace(ok, "其他结果1件，尚未审结1件。", "其他结果2件，尚未审结1件。");
	struct gk_report_result *res = check_text(suit);
	int n = 0;
	for (int i = 0; i < res->nfindings; i++)
		if (strcmp(res->findings[i].relation, "parts-total") == 0) {
			assert_true(res->findings[i].left == 7 && res->findings[i].right == 6);
			n++;
		}
	assert_int_equal(n, 1);
	gk_report_result_free(res);
	free(suit);
}

/* A 统计表 with a 历年累计 column after the year's: the year's count is compared. */
static void test_text_stat(void **state)
{
	(void)state;
	const char *stat = "指标名称\t计量单位\t2023年度\t历年累计\n"
			   "主动公开信息数\t条\t600\t4100\n"
			   "其中：1、网站公开\t条\t600\t4100\n";
	char wrong[1024], right[1024];
	snprintf(wrong, sizeof wrong, "%s2023年主动公开政府信息800条，均按时公开。\n%s", TITLE,
		 stat);
	snprintf(right, sizeof right, "%s2023年主动公开政府信息600条，均按时公开。\n%s", TITLE,
		 stat);
	assert_int_equal(count_of(wrong, "text-stat-published", GK_SEV_WARNING), 1);
	assert_int_equal(count_of(right, "text-stat-published", GK_SEV_WARNING), 0);
	/* the cumulative column is not the year's */
	char cumul[1024];
	snprintf(cumul, sizeof cumul, "%s2023年主动公开政府信息4100条，均按时公开。\n%s", TITLE,
		 stat);
	assert_int_equal(count_of(cumul, "text-stat-published", GK_SEV_WARNING), 1);
}

static void test_same_outlet(void **state)
{
	(void)state;
	const char *two = TITLE
		"一、主动公开政府信息情况\n我局通过县政府网站财政预算栏目公开信息30条。\n"
		"二、其他\n县政府网站设有财政预算专栏，全年通过财政预算专栏公开政府信息25条。\n";
	assert_int_equal(count_of(two, "same-outlet", GK_SEV_WARNING), 1);
	char *same = replace(two, "政府信息25条", "政府信息30条");
	assert_int_equal(count_of(same, "same-outlet", GK_SEV_WARNING), 0);
	/* a running total is another period */
	char *since = replace(two, "全年通过", "设立以来累计通过");
	assert_int_equal(count_of(since, "same-outlet", GK_SEV_WARNING), 0);
	char *other = replace(two, "通过财政预算专栏", "通过人事任免专栏");
	assert_int_equal(count_of(other, "same-outlet", GK_SEV_WARNING), 0);
	free(other);
	free(since);
	free(same);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reports_dev),    cmocka_unit_test(test_share_of_base),
		cmocka_unit_test(test_share_of_whole), cmocka_unit_test(test_rate_count),
		cmocka_unit_test(test_base_parts),     cmocka_unit_test(test_announced_year),
		cmocka_unit_test(test_all_upheld),     cmocka_unit_test(test_review_sentences),
		cmocka_unit_test(test_text_stat),      cmocka_unit_test(test_same_outlet),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
