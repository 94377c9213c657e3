/* Tests for reading a document's text (service/document_text.c): a PDF's text
 * layer through pdftotext gives the same findings as the text it was set
 * from; encrypted, scanned and broken PDFs are refused with one clear line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "testfile.h"

#include "core/report/check.h"
#include "service/document_text.h"

#define DATA "tests/data/reports/"

static struct gk_report_result *check(const char *data, size_t len)
{
	struct gk_report_result *res = NULL;
	struct gk_error err = {0};
	if (gk_report_check(data, len, NULL, 0, &res, &err) != GK_OK)
		fail_msg("check: %s", gk_error_text(&err));
	return res;
}

static void test_pdf_text(void **state)
{
	(void)state;
	size_t len, pdf_len, text_len;
	char *plain = testfile_read(DATA "narrative-2017-contradictions.txt", &len);
	char *pdf = testfile_read(DATA "narrative-2017-contradictions.pdf", &pdf_len);
	assert_true(gk_document_is_pdf(pdf, pdf_len));
	assert_false(gk_document_is_pdf(plain, len));
	char *text = NULL;
	struct gk_error err = {0};
	enum gk_err rc = gk_document_text(pdf, pdf_len, &text, &text_len, &err);
	if (rc == GK_EIO && strstr(err.detail, "pdftotext")) {
		free(plain);
		free(pdf);
		skip(); /* poppler-utils missing: scripts/install-deps.sh installs it */
	}
	assert_int_equal(rc, GK_OK);
	assert_int_equal(strlen(text), text_len);
	assert_non_null(strstr(text, "某某市人民政府2017年"));
	assert_non_null(strchr(text, '\f')); /* pages and their footers are still there... */
	struct gk_report_result *want = check(plain, len);
	struct gk_report_result *got = check(text, text_len);
	/* ...and the checker reads the wrapped PDF text as the original */
	assert_true(want->nfindings > 0);
	assert_int_equal(got->nfindings, want->nfindings);
	assert_int_equal(got->nfigures, want->nfigures);
	for (size_t i = 0; i < (size_t)want->nfindings; i++) {
		assert_string_equal(got->findings[i].relation, want->findings[i].relation);
		assert_int_equal(got->findings[i].severity, want->findings[i].severity);
		/* lines are pdftotext's: later than the original's, never earlier */
		assert_true(got->findings[i].line >= want->findings[i].line);
	}
	gk_report_result_free(want);
	gk_report_result_free(got);
	free(text);
	free(pdf);
	free(plain);
}

static void expect_refused(const char *file, const char *words)
{
	size_t len;
	char *pdf = testfile_read(file, &len);
	char *text = (char *)"untouched";
	size_t text_len = 1;
	struct gk_error err = {0};
	enum gk_err rc = gk_document_text(pdf, len, &text, &text_len, &err);
	if (rc == GK_EIO && strstr(err.detail, "pdftotext")) {
		free(pdf);
		skip();
	}
	assert_int_equal(rc, GK_EINVAL);
	assert_null(text);
	if (!strstr(err.detail, words))
		fail_msg("%s: message '%s' lacks '%s'", file, err.detail, words);
	assert_null(strchr(err.detail, '\n')); /* one line */
	free(pdf);
}

static void test_pdf_refused(void **state)
{
	(void)state;
	expect_refused(DATA "pdf-encrypted.pdf", "已加密");
	expect_refused(DATA "pdf-scanned.pdf", "没有文字层");
	expect_refused(DATA "pdf-broken.pdf", "已损坏");
}

static void test_other_documents_pass_through(void **state)
{
	(void)state;
	static const char html[] = "<p>2017年收到申请12件</p>";
	char *text = NULL;
	size_t text_len = 0;
	struct gk_error err = {0};
	assert_int_equal(gk_document_text(html, sizeof html - 1, &text, &text_len, &err), GK_OK);
	assert_int_equal(text_len, sizeof html - 1);
	assert_memory_equal(text, html, text_len);
	free(text);
}

/* FILE, read by gk_document_text, has the findings of the text REF it was
 * made from (same relations, same severities, same number of figures). */
static void expect_same_findings(const char *file, const char *ref)
{
	size_t len, doc_len, text_len;
	char *plain = testfile_read(ref, &len);
	char *doc = testfile_read(file, &doc_len);
	assert_true(gk_document_needs_reading(doc, doc_len));
	char *text = NULL;
	struct gk_error err = {0};
	if (gk_document_text(doc, doc_len, &text, &text_len, &err) != GK_OK)
		fail_msg("%s: %s", file, gk_error_text(&err));
	struct gk_report_result *want = check(plain, len);
	struct gk_report_result *got = check(text, text_len);
	assert_true(want->nfindings > 0);
	assert_int_equal(got->nfindings, want->nfindings);
	assert_int_equal(got->nfigures, want->nfigures);
	for (size_t i = 0; i < (size_t)want->nfindings; i++) {
		assert_string_equal(got->findings[i].relation, want->findings[i].relation);
		assert_int_equal(got->findings[i].severity, want->findings[i].severity);
	}
	gk_report_result_free(want);
	gk_report_result_free(got);
	free(text);
	free(doc);
	free(plain);
}

static void test_docx(void **state)
{
	(void)state;
	if (access("/usr/bin/unzip", X_OK) != 0 && access("/bin/unzip", X_OK) != 0)
		skip(); /* unzip missing: scripts/install-deps.sh installs it */
	/* paragraphs, and the 2021 tables as Word tables */
	expect_same_findings(DATA "narrative-2017-contradictions.docx",
			     DATA "narrative-2017-contradictions.txt");
	expect_same_findings(DATA "table2021-broken-row.docx", DATA "table2021-broken-row.txt");
	static const char broken[] = "PK\x03\x04 word/document.xml and nothing else";
	assert_true(gk_document_is_docx(broken, sizeof broken - 1));
	char *text = NULL;
	size_t len;
	struct gk_error err = {0};
	assert_int_equal(gk_document_text(broken, sizeof broken - 1, &text, &len, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "Word 文档"));
	assert_null(text);
}

/* FILE (a .docx with merged cells) read by gk_document_text has the findings
 * and figures of the HTML REF it was made from; returns how many are RELATION. */
static int merged_like_html(const char *file, const char *ref, const char *relation)
{
	size_t len, doc_len, text_len;
	char *html = testfile_read(ref, &len);
	char *doc = testfile_read(file, &doc_len);
	char *text = NULL;
	struct gk_error err = {0};
	if (gk_document_text(doc, doc_len, &text, &text_len, &err) != GK_OK)
		fail_msg("%s: %s", file, gk_error_text(&err));
	struct gk_report_result *want = check(html, len);
	struct gk_report_result *got = check(text, text_len);
	assert_int_equal(got->nfigures, want->nfigures); /* every cell, blanks too */
	assert_int_equal(got->table1_format, 2021);
	assert_int_equal(got->nfindings, want->nfindings);
	int n = 0;
	for (size_t i = 0; i < (size_t)want->nfindings; i++) {
		assert_string_equal(got->findings[i].relation, want->findings[i].relation);
		assert_int_equal(got->findings[i].severity, want->findings[i].severity);
		n += strcmp(got->findings[i].relation, relation) == 0;
	}
	gk_report_result_free(want);
	gk_report_result_free(got);
	free(text);
	free(doc);
	free(html);
	return n;
}

static void test_docx_merged_cells(void **state)
{
	(void)state;
	if (access("/usr/bin/unzip", X_OK) != 0 && access("/bin/unzip", X_OK) != 0)
		skip();
	/* the 2021 tables with Word's merges (gridSpan, vMerge restart/continue,
	 * made by make-docx-merged.py): quiet when consistent, the planted
	 * Table 3 total found */
	assert_int_equal(merged_like_html(DATA "table2021-merged.docx",
					  DATA "table2021-consistent.html", "table3-total"),
			 0);
	assert_int_equal(merged_like_html(DATA "table2021-merged-broken-t3.docx",
					  DATA "table2021-broken-t3.html", "table3-total"),
			 1);
}

/* A zip bomb, an encrypted and a foreign archive are refused before unzip runs
 * (so without it too); a name that promises a kind the bytes are not. */
static void test_docx_refused(void **state)
{
	(void)state;
	static const struct {
		const char *file;
		enum gk_err rc;
		const char *words;
	} cases[] = {
		{"tests/fuzz/corpus/docx/bomb.docx", GK_ETOOBIG, "压缩比异常"},
		{"tests/fuzz/corpus/docx/bomb-size.docx", GK_ETOOBIG, "解压后过大"},
		{"tests/fuzz/corpus/docx/encrypted-ole.docx", GK_EINVAL, "已加密"},
		{"tests/fuzz/corpus/docx/encrypted-entry.docx", GK_EINVAL, "已加密"},
		{"tests/fuzz/corpus/docx/foreign-zip.docx", GK_EINVAL, "Excel 工作簿"},
		{"tests/fuzz/corpus/docx/truncated.docx", GK_EINVAL, "已损坏"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len, text_len = 0;
		char *data = testfile_read(cases[i].file, &len);
		assert_true(gk_document_needs_reading(data, len));
		char *text = NULL;
		struct gk_error err = {0};
		assert_int_equal(gk_document_text(data, len, &text, &text_len, &err), cases[i].rc);
		assert_null(text);
		if (!strstr(err.detail, cases[i].words))
			fail_msg("%s: '%s' lacks '%s'", cases[i].file, err.detail, cases[i].words);
		assert_null(strchr(err.detail, '\n'));
		free(data);
	}
	struct gk_error err = {0};
	static const char prose[] = "收到申请12件";
	assert_int_equal(gk_document_check_name("a.DOCX", prose, sizeof prose - 1, &err),
			 GK_EINVAL);
	assert_non_null(strstr(err.detail, "不是 zip"));
	assert_int_equal(gk_document_check_name("a.pdf", prose, sizeof prose - 1, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "PDF"));
	assert_int_equal(gk_document_check_name("a.txt", prose, sizeof prose - 1, &err), GK_OK);
	assert_int_equal(gk_document_check_name("a.docx", "PK\x03\x04", 4, &err), GK_OK);
}

/* With PATH set to DIR alone, reads a minimal PDF; the old PATH is restored. */
static enum gk_err read_with_path(const char *dir, struct gk_error *err)
{
	static const char pdf[] = "%PDF-1.4\n";
	char *old = strdup(getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
	assert_non_null(old);
	setenv("PATH", dir, 1);
	char *text = NULL;
	size_t len = 0;
	enum gk_err rc = gk_document_text(pdf, sizeof pdf - 1, &text, &len, err);
	setenv("PATH", old, 1);
	free(old);
	assert_null(text);
	return rc;
}

static void test_pdftotext_missing_or_endless(void **state)
{
	(void)state;
	struct gk_error err = {0};
	assert_int_equal(read_with_path("/nonexistent", &err), GK_EIO);
	assert_non_null(strstr(err.detail, "pdftotext"));
	/* a pdftotext that never stops talking is cut off at the size limit */
	char dir[] = "/tmp/gk-pdftotext-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof path, "%s/pdftotext", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("#!/bin/sh\nexec yes 二〇二二年共收到申请12件\n", f);
	fclose(f);
	chmod(path, 0755);
	char search[128];
	snprintf(search, sizeof search, "%s:/usr/bin:/bin", dir);
	err = (struct gk_error){0};
	assert_int_equal(read_with_path(search, &err), GK_ETOOBIG);
	assert_non_null(strstr(err.detail, "MiB"));
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdf_text),
		cmocka_unit_test(test_pdf_refused),
		cmocka_unit_test(test_other_documents_pass_through),
		cmocka_unit_test(test_docx),
		cmocka_unit_test(test_docx_merged_cells),
		cmocka_unit_test(test_docx_refused),
		cmocka_unit_test(test_pdftotext_missing_or_endless),
	};
	return cmocka_run_group_tests_name("document_text", tests, NULL, NULL);
}
