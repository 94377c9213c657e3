/* Every kept seed of the document readers' fuzz targets (tests/fuzz/corpus/)
 * through the in-process parts under the sanitizers, so `make test` runs
 * them: the .docx package check, the body's text, the checker on the result
 * and on the raw bytes. The seeds tests/fuzz/make-corpus.py writes are held
 * to their verdicts; any other file (a crash kept as a regression) must
 * merely pass without a sanitizer report.
 *
 * The targets of the parsers of outside input (issue 13: the rich-text
 * sanitiser, CSV and JSON Lines imports, search queries, JSON bodies as
 * the use cases and as the router reads them) are
 * compiled in here whole, each input function renamed, and every file of
 * their kept corpora goes through them: their properties abort on a
 * failure, which fails this suite. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testfile.h"

#include "core/report/check.h"
#include "core/report/docx.h"

/* each target's LLVMFuzzerTestOneInput under a name of its own */
#define LLVMFuzzerTestOneInput fuzz_richtext_one
#include "../fuzz/fuzz_richtext.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_csv_one
#include "../fuzz/fuzz_csv.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_jsonl_one
#include "../fuzz/fuzz_jsonl.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_search_one
#include "../fuzz/fuzz_search.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_json_body_one
#include "../fuzz/fuzz_json_body.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_router_body_one
#include "../fuzz/fuzz_router_body.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_notices_one
#include "../fuzz/fuzz_notices.c"
#undef LLVMFuzzerTestOneInput

#define CORPUS "tests/fuzz/corpus/"

/* The checker on DATA; the findings with RELATION, or -1 if it refused. */
static int check(const char *data, size_t len, const char *relation)
{
	struct gk_report_result *res = NULL;
	struct gk_error err = {0};
	if (gk_report_check(data, len, NULL, 0, &res, &err) != GK_OK) {
		assert_true(err.detail[0] != '\0');
		return -1;
	}
	int n = 0;
	for (int i = 0; i < res->nfindings; i++)
		n += relation && strcmp(res->findings[i].relation, relation) == 0;
	gk_report_result_free(res);
	return n;
}

/* The body's text of XML, and the checker on it. */
static int body(const char *xml, size_t len, const char *relation)
{
	struct gk_buf text;
	gk_buf_init(&text, GK_REPORT_MAX_INPUT);
	gk_docx_xml_text(xml, len, &text);
	assert_true(strlen(text.data) <= text.len);
	int n = text.len ? check(text.data, text.len, relation) : -1;
	gk_buf_release(&text);
	return n;
}

/* Calls FN on each file of CORPUS/SUB; returns how many. */
static int each_file(const char *sub, void (*fn)(const char *name, const char *data, size_t len))
{
	char dir[256];
	snprintf(dir, sizeof dir, CORPUS "%s", sub);
	DIR *d = opendir(dir);
	if (!d)
		fail_msg("no corpus %s (tests run from the repository root)", dir);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char path[512];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		size_t len;
		char *data = testfile_read(path, &len);
		fn(e->d_name, data, len);
		free(data);
		n++;
	}
	closedir(d);
	return n;
}

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void one_package(const char *name, const char *data, size_t len)
{
	struct gk_error err = {0};
	enum gk_err rc = gk_docx_check_package(data, len, &err);
	if (rc != GK_OK)
		assert_null(strchr(err.detail, '\n'));
	enum gk_err want =
		starts(name, "minimal") || starts(name, "stored") || starts(name, "merged") ? GK_OK
		: starts(name, "bomb") ? GK_ETOOBIG
		: starts(name, "encrypted") || starts(name, "not-a-zip") ||
				starts(name, "foreign") || starts(name, "truncated")
			? GK_EINVAL
			: rc;
	if (rc != want)
		fail_msg("%s: %d (%s), want %d", name, rc, err.detail, want);
	if (starts(name, "encrypted") && !strstr(err.detail, "已加密"))
		fail_msg("%s: '%s' does not say it is encrypted", name, err.detail);
	/* the other in-process parts take any bytes */
	body(data, len, NULL);
	check(data, len, NULL);
}

static void one_body(const char *name, const char *data, size_t len)
{
	int found = body(data, len, "table3-total");
	/* the seed with merged Table 3 cells and a planted 总计 */
	if (strcmp(name, "merged-table3.xml") == 0 && found != 1)
		fail_msg("%s: %d table3-total findings, want 1", name, found);
	if (strcmp(name, "narrative.xml") == 0 && found != 0)
		fail_msg("%s: read as %d", name, found);
	check(data, len, NULL);
}

static void one_raw(const char *name, const char *data, size_t len)
{
	(void)name;
	body(data, len, NULL);
	check(data, len, NULL);
}

static void test_docx_packages(void **state)
{
	(void)state;
	assert_true(each_file("docx", one_package) >= 10);
}

static void test_docx_bodies(void **state)
{
	(void)state;
	assert_true(each_file("docx-xml", one_body) >= 3);
}

static void test_pdfs_and_reports(void **state)
{
	(void)state;
	/* the PDFs' own reading is a child process (test_document_text); here
	 * the bytes meet the in-process parts as a mislabelled file would */
	assert_true(each_file("pdf", one_raw) >= 4);
	assert_true(each_file("report", one_raw) >= 1);
}

/* Replays one kept corpus through its target. */
#define REPLAY(fn)                                                              \
	static void replay_##fn(const char *name, const char *data, size_t len) \
	{                                                                       \
		(void)name;                                                     \
		fn((const uint8_t *)data, len);                                 \
	}
REPLAY(fuzz_richtext_one)
REPLAY(fuzz_csv_one)
REPLAY(fuzz_jsonl_one)
REPLAY(fuzz_search_one)
REPLAY(fuzz_json_body_one)
REPLAY(fuzz_router_body_one)
REPLAY(fuzz_notices_one)

static void test_richtext(void **state)
{
	(void)state;
	assert_true(each_file("richtext", replay_fuzz_richtext_one) >= 10);
}

static void test_csv(void **state)
{
	(void)state;
	assert_true(each_file("csv", replay_fuzz_csv_one) >= 5);
}

static void test_jsonl(void **state)
{
	(void)state;
	assert_true(each_file("jsonl", replay_fuzz_jsonl_one) >= 5);
}

static void test_search(void **state)
{
	(void)state;
	assert_true(each_file("search", replay_fuzz_search_one) >= 8);
}

static void test_json_body(void **state)
{
	(void)state;
	assert_true(each_file("json-body", replay_fuzz_json_body_one) >= 6);
}

static void test_router_body(void **state)
{
	(void)state;
	assert_true(each_file("router-body", replay_fuzz_router_body_one) >= 6);
}

/* SMS gateway files and answers, mail subjects (issue 15) */
static void test_notices(void **state)
{
	(void)state;
	assert_true(each_file("notices", replay_fuzz_notices_one) >= 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_docx_packages),
		cmocka_unit_test(test_docx_bodies),
		cmocka_unit_test(test_pdfs_and_reports),
		cmocka_unit_test(test_richtext),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_jsonl),
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_json_body),
		cmocka_unit_test(test_router_body),
		cmocka_unit_test(test_notices),
	};
	return cmocka_run_group_tests_name("fuzz_corpus", tests, NULL, NULL);
}
