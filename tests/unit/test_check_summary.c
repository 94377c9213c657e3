/* The batch checker's summary: the XLSX cell by cell (unzip prints the
 * sheet's XML), the HTML table escaped and linked, and the agency read
 * from a report's title line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/report/title.h"
#include "output/check_summary.h"

static const struct gk_check_summary_row rows[] = {
	{"reports/a.txt", "某某县人民政府", 2016, "narrative", 0, 0, NULL},
	{"reports/b&c.html", "XX市XX区人民政府", 2021, "2021", 3, 2, NULL},
	{"reports/<scan>.pdf", "", 0, "", 0, 0, "the PDF has no text layer"},
};
#define NROWS (sizeof rows / sizeof rows[0])

static bool have_unzip(void)
{
	if (system("command -v unzip >/dev/null 2>&1") == 0)
		return true;
	print_message("# skipped: unzip is not installed (apt-get install unzip)\n");
	return false;
}

static char *run(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	struct gk_buf b;
	gk_buf_init(&b, 0);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		gk_buf_add(&b, chunk, n);
	assert_int_equal(pclose(p), 0);
	gk_buf_putc(&b, '\0');
	return gk_buf_detach(&b, NULL);
}

/* The text of cell REF: its shared string, or its number as written; "" if blank. */
static void cell(const char *sheet, const char *sst, const char *ref, char *out, size_t cap)
{
	char key[32];
	snprintf(key, sizeof key, "<c r=\"%s\"", ref);
	const char *c = strstr(sheet, key);
	assert_non_null(c);
	const char *end = strchr(c, '>');
	const char *v = strstr(c, "<v>");
	out[0] = 0;
	if (end[-1] == '/' || !v || v > strstr(c, "</c>"))
		return;
	long n = strtol(v + 3, NULL, 10);
	const char *t = strstr(c, " t=\"s\"");
	if (!t || t > end) {
		snprintf(out, cap, "%ld", n);
		return;
	}
	const char *si = sst;
	for (long i = 0; i <= n; i++) {
		si = strstr(si, "<si>");
		assert_non_null(si);
		si += 4;
	}
	const char *open = strchr(strstr(si, "<t"), '>') + 1;
	const char *close = strstr(open, "</t>");
	snprintf(out, cap, "%.*s", (int)(close - open), open);
}

static void test_xlsx(void **state)
{
	(void)state;
	if (!have_unzip())
		skip();
	struct gk_buf b;
	gk_buf_init(&b, 0);
	struct gk_error err = {0};
	assert_int_equal(gk_check_summary_xlsx(rows, NROWS, &b, &err), GK_OK);
	assert_true(b.len > 100 && memcmp(b.data, "PK", 2) == 0);
	char path[] = "/tmp/test-check-summary-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, b.data, b.len), (ssize_t)b.len);
	close(fd);
	gk_buf_release(&b);
	char cmd[256];
	snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/sharedStrings.xml", path);
	char *sst = run(cmd);
	snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/worksheets/sheet1.xml", path);
	char *sheet = run(cmd);
	unlink(path);
	static const char *const want[][2] = {
		{"A1", "文件"},
		{"B1", "发布机关"},
		{"C1", "年度"},
		{"D1", "格式"},
		{"E1", "错误"},
		{"F1", "疑问"},
		{"A2", "reports/a.txt"},
		{"B2", "某某县人民政府"},
		{"C2", "2016"},
		{"D2", "叙述式"},
		{"E2", "0"},
		{"F2", "0"},
		{"A3", "reports/b&amp;c.html"},
		{"B3", "XX市XX区人民政府"},
		{"C3", "2021"},
		{"D3", "2021年格式"},
		{"E3", "3"},
		{"F3", "2"},
		{"A4", "reports/&lt;scan&gt;.pdf"},
		{"C4", ""},
		{"E4", ""},
		{"G4", "the PDF has no text layer"},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		char got[256];
		cell(sheet, sst, want[i][0], got, sizeof got);
		if (strcmp(got, want[i][1]))
			fail_msg("%s: got '%s', want '%s'", want[i][0], got, want[i][1]);
	}
	assert_null(strstr(sheet, "r=\"A5\""));
	free(sst);
	free(sheet);
}

static void test_html(void **state)
{
	(void)state;
	struct gk_buf b;
	gk_buf_init(&b, 0);
	gk_check_summary_table(rows, NROWS, true, &b);
	gk_buf_putc(&b, '\0');
	assert_non_null(strstr(b.data, "<a href=\"#file-1\">reports/a.txt</a>"));
	assert_non_null(strstr(b.data, "<a href=\"#file-2\">reports/b&amp;c.html</a>"));
	assert_non_null(strstr(b.data, "&lt;scan&gt;"));
	assert_null(strstr(b.data, "<scan>"));
	assert_non_null(strstr(b.data, "<td class=\"errors\">3</td><td class=\"doubts\">2</td>"));
	assert_non_null(strstr(b.data, "<tr class=\"unread\">"));
	assert_non_null(strstr(b.data, "the PDF has no text layer"));
	gk_buf_release(&b);

	gk_buf_init(&b, 0);
	gk_check_summary_html(rows, NROWS, &b);
	gk_buf_putc(&b, '\0');
	assert_true(strncmp(b.data, "<!DOCTYPE html>", 15) == 0);
	assert_null(strstr(b.data, "href=\"#file-"));
	assert_non_null(strstr(b.data, "<td class=\"format\">2021年格式</td>"));
	gk_buf_release(&b);
}

static void agency_is(const char *text, const char *want)
{
	char out[256];
	size_t n = gk_report_title_agency(text, strlen(text), out, sizeof out);
	assert_string_equal(out, want);
	assert_int_equal(n, strlen(want));
}

static void test_title_agency(void **state)
{
	(void)state;
	agency_is("某某县人民政府2016年政府信息公开工作年度报告\n\n正文", "某某县人民政府");
	agency_is("\n  武进区湖塘镇人民政府2018年度政府信息公开年度报告\n", "武进区湖塘镇人民政府");
	agency_is(
		"<p style=\"x\">2019年上海市人民政府办公厅政府信息公开工作年度报告</p><p>正文</p>",
		"上海市人民政府办公厅");
	agency_is("# XX县交通运输局2022年政府信息公开工作年度报告\n", "XX县交通运输局");
	/* a sentence that cites the format is not a title */
	agency_is("本报告根据《中华人民共和国政府信息公开工作年度报告格式》编制。\n", "");
	agency_is("2021年政府信息公开工作年度报告\n", "");
	agency_is("没有标题的文字\n", "");
	agency_is("", "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xlsx),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_title_agency),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
