/* Tests for the pure parts of reading a .docx (core/report/docx.c): the body
 * as text, Word's merged cells (gridSpan, vMerge) written once as HTML
 * writes them, and the look at the ZIP directory that refuses bombs,
 * encrypted and foreign archives before unzip runs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/report/check.h"
#include "core/report/docx.h"

#define DOC_BEGIN    "<?xml version=\"1.0\"?><w:document xmlns:w=\"x\"><w:body>"
#define DOC_END      "<w:sectPr/></w:body></w:document>"
#define P(t)         "<w:p><w:r><w:t xml:space=\"preserve\">" t "</w:t></w:r></w:p>"
#define TC(pr, t)    "<w:tc><w:tcPr>" pr "</w:tcPr>" P(t) "</w:tc>"
#define TC_EMPTY(pr) "<w:tc><w:tcPr>" pr "</w:tcPr><w:p/></w:tc>"
#define SPAN(n)      "<w:gridSpan w:val=\"" #n "\"/>"
#define RESTART      "<w:vMerge w:val=\"restart\"/>"
#define CONTINUE     "<w:vMerge/>"

static char *text_of(const char *xml)
{
	struct gk_buf b;
	gk_buf_init(&b, 0);
	gk_docx_xml_text(xml, strlen(xml), &b);
	assert_int_equal(b.failed, 0);
	size_t n;
	char *s = gk_buf_detach(&b, &n);
	assert_non_null(s);
	return s;
}

static void expect_text(const char *xml, const char *want)
{
	char *got = text_of(xml);
	if (strcmp(got, want) != 0)
		fail_msg("got\n[%s]\nwant\n[%s]", got, want);
	free(got);
}

static void test_paragraphs(void **state)
{
	(void)state;
	expect_text(DOC_BEGIN P("甲 &amp; 乙&#x4E00;&#20108;&bogus;") "<w:p/>" DOC_END,
		    "甲 & 乙一二&bogus;\n\n");
	/* runs split by editing join; tab and break; deleted text, field codes
	 * and a text box's fallback copy do not count */
	expect_text(DOC_BEGIN "<w:p><w:r><w:t>收到申请</w:t></w:r><w:r><w:t>12件</w:t><w:tab/>"
			      "<w:t>a</w:t><w:br/><w:t>b</w:t></w:r></w:p>"
			      "<w:p><w:r><w:delText>删去9件</w:delText><w:instrText>PAGE"
			      "</w:instrText></w:r><mc:AlternateContent><mc:Choice><w:r><w:t>"
			      "框</w:t></w:r></mc:Choice><mc:Fallback><w:t>框</w:t></mc:Fallback>"
			      "</mc:AlternateContent></w:p>" DOC_END,
		    "收到申请12件\ta\nb\n框\n");
	/* cut short: the text read so far stays */
	expect_text(DOC_BEGIN P("一") "<w:p><w:r><w:t>二", "一\n二");
}

static void test_cells(void **state)
{
	(void)state;
	/* a row a line as a pipe row; an empty cell stays (a blank, read as 0);
	 * paragraphs in a cell joined by a space; spaces collapse; '|' in text
	 * cannot split the cell */
	expect_text(DOC_BEGIN "<w:tbl><w:tr>" TC("", "规章") TC_EMPTY("") "<w:tc>" P("5")
			    P("件") "</w:tc>" TC("", "a|b   c") "</w:tr></w:tbl>" DOC_END,
		    "| 规章 |  | 5 件 | a｜b c |\n");
	/* a table inside a cell is that cell's text */
	expect_text(DOC_BEGIN "<w:tbl><w:tr>" TC("", "外") "<w:tc><w:tbl><w:tr>" TC("", "内")
			    TC("", "层") "</w:tr></w:tbl></w:tc></w:tr></w:tbl>" DOC_END,
		    "| 外 | 内 层 |\n");
}

/* Table 3's heads as Word writes them: 行政复议 and 行政诉讼 span columns,
 * the five 行政复议 heads span two rows (restart, then continued cells). */
#define HEADS5(pr) \
	TC(pr, "结果维持") TC(pr, "结果纠正") TC(pr, "其他结果") TC(pr, "尚未审结") TC(pr, "总计")
static const char table3[] =
	DOC_BEGIN
		P("四、政府信息公开行政复议、行政诉讼情况") "<w:tbl>"
							    "<w:tr>" TC(SPAN(5), "行政复议")
								    TC(SPAN(10), "行政诉讼") "</w:tr>"
											     "<w:tr>" HEADS5(RESTART) TC(SPAN(5), "未经复议直接起诉") TC(SPAN(5), "复议后起诉") "</w:tr>"
																						"<w:tr>" TC_EMPTY(
																							CONTINUE) TC_EMPTY(CONTINUE) TC_EMPTY(CONTINUE) TC_EMPTY(CONTINUE) "<w:tc><w:tcPr><w:vMerge w:val=\"continue\"/></w:tcPr><w:p/></w:tc>" HEADS5("") HEADS5("") "</w:tr>"
																																										      "<w:tr>" TC(
																																											      "",
																																											      "1")
																																											      TC(
																																												      "", "1") TC("", "0")
																																												      TC("",
																																													 "0") TC("",
																																														 "TOTAL") TC("",
																																															     "0") TC("", "1") TC("",
																																																		 "0")
																																													      TC(
																																														      "",
																																														      "1") TC("",
																																															      "2")
																																														      TC("", "0") TC("",
																																																     "0") TC("",
																																																	     "0") TC("", "1") TC("",
																																																				 "1") "</w:tr></w:tbl>" DOC_END;

static char *table3_with(const char *total)
{
	const char *at = strstr(table3, "TOTAL");
	size_t n = strlen(table3) + strlen(total);
	char *s = malloc(n);
	assert_non_null(s);
	snprintf(s, n, "%.*s%s%s", (int)(at - table3), table3, total, at + 5);
	return s;
}

static void test_merged_cells(void **state)
{
	(void)state;
	char *xml = table3_with("2");
	char *text = text_of(xml);
	/* a merged cell once, the continued ones left out: as an HTML table
	 * with colspan and rowspan reads */
	assert_string_equal(
		text, "四、政府信息公开行政复议、行政诉讼情况\n"
		      "| 行政复议 | 行政诉讼 |\n"
		      "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | "
		      "复议后起诉 |\n"
		      "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | "
		      "结果纠正 | 其他结果 | 尚未审结 | 总计 |\n"
		      "| 1 | 1 | 0 | 0 | 2 | 0 | 1 | 0 | 1 | 2 | 0 | 0 | 0 | 1 | 1 |\n");
	free(text);
	free(xml);
}

/* The checker on the body's text: findings with RELATION (or none). */
static int findings_for(const char *total, const char *relation)
{
	char *xml = table3_with(total);
	char *text = text_of(xml);
	struct gk_report_result *res = NULL;
	struct gk_error err = {0};
	if (gk_report_check(text, strlen(text), NULL, 0, &res, &err) != GK_OK)
		fail_msg("check: %s", gk_error_text(&err));
	int n = 0;
	for (int i = 0; i < res->nfindings; i++)
		n += strcmp(res->findings[i].relation, relation) == 0;
	assert_true(res->nfigures >= 15); /* the row was read as Table 3 */
	gk_report_result_free(res);
	free(text);
	free(xml);
	return n;
}

static void test_merged_table3_checked(void **state)
{
	(void)state;
	/* 1+1+0+0 = 2: quiet; 3: the planted contradiction is found */
	assert_int_equal(findings_for("2", "table3-total"), 0);
	assert_int_equal(findings_for("3", "table3-total"), 1);
}

/* --- the ZIP directory ----------------------------------------------------- */

struct entry {
	const char *name;
	const char *data;
	uint16_t flags, method;
	uint32_t packed, unpacked; /* 0: the data's length */
};

static void put16(struct gk_buf *b, uint32_t v)
{
	char c[2] = {(char)(v & 0xFF), (char)(v >> 8)};
	gk_buf_add(b, c, 2);
}

static void put32(struct gk_buf *b, uint32_t v)
{
	put16(b, v & 0xFFFF);
	put16(b, v >> 16);
}

/* A ZIP archive of stored entries (CRCs left 0: the check does not read them). */
static char *zip(const struct entry *e, size_t n, size_t *len)
{
	struct gk_buf b, cd;
	gk_buf_init(&b, 0);
	gk_buf_init(&cd, 0);
	for (size_t i = 0; i < n; i++) {
		uint32_t size = (uint32_t)strlen(e[i].data);
		uint32_t packed = e[i].packed ? e[i].packed : size;
		uint32_t unpacked = e[i].unpacked ? e[i].unpacked : size;
		uint32_t off = (uint32_t)b.len, nlen = (uint32_t)strlen(e[i].name);
		gk_buf_add(&b, "PK\x03\x04", 4);
		put16(&b, 20), put16(&b, e[i].flags), put16(&b, e[i].method), put32(&b, 0);
		put32(&b, 0), put32(&b, packed), put32(&b, unpacked), put16(&b, nlen), put16(&b, 0);
		gk_buf_add(&b, e[i].name, nlen);
		gk_buf_add(&b, e[i].data, size);
		gk_buf_add(&cd, "PK\x01\x02", 4);
		put16(&cd, 20), put16(&cd, 20), put16(&cd, e[i].flags), put16(&cd, e[i].method);
		put32(&cd, 0), put32(&cd, 0), put32(&cd, packed), put32(&cd, unpacked);
		put16(&cd, nlen), put16(&cd, 0), put16(&cd, 0), put16(&cd, 0), put16(&cd, 0);
		put32(&cd, 0), put32(&cd, off);
		gk_buf_add(&cd, e[i].name, nlen);
	}
	uint32_t cd_off = (uint32_t)b.len;
	gk_buf_add(&b, cd.data, cd.len);
	gk_buf_add(&b, "PK\x05\x06", 4);
	put16(&b, 0), put16(&b, 0), put16(&b, (uint32_t)n), put16(&b, (uint32_t)n);
	put32(&b, (uint32_t)cd.len), put32(&b, cd_off), put16(&b, 0);
	gk_buf_release(&cd);
	assert_int_equal(b.failed, 0);
	return gk_buf_detach(&b, len);
}

static enum gk_err package(const struct entry *e, size_t n, struct gk_error *err)
{
	size_t len;
	char *z = zip(e, n, &len);
	*err = (struct gk_error){0};
	enum gk_err rc = gk_docx_check_package(z, len, err);
	free(z);
	return rc;
}

static void expect_refused(enum gk_err got, enum gk_err want, const struct gk_error *err,
			   const char *words)
{
	assert_int_equal(got, want);
	if (!strstr(err->detail, words))
		fail_msg("message '%s' lacks '%s'", err->detail, words);
	assert_null(strchr(err->detail, '\n'));
}

static void test_package(void **state)
{
	(void)state;
	static const char body[] = "<w:document/>";
	struct gk_error err;
	struct entry ok[] = {{"[Content_Types].xml", "<Types/>", 0, 0, 0, 0},
			     {"word/document.xml", body, 0, 0, 0, 0}};
	assert_int_equal(package(ok, 2, &err), GK_OK);
	/* another archive (a workbook), an encrypted entry, an unknown method */
	struct entry xlsx[] = {{"xl/workbook.xml", body, 0, 0, 0, 0}};
	expect_refused(package(xlsx, 1, &err), GK_EINVAL, &err, "Excel 工作簿");
	struct entry pptx[] = {{"ppt/presentation.xml", body, 0, 0, 0, 0}};
	expect_refused(package(pptx, 1, &err), GK_EINVAL, &err, "PowerPoint");
	struct entry other[] = {{"content.xml", body, 0, 0, 0, 0}};
	expect_refused(package(other, 1, &err), GK_EINVAL, &err, "word/document.xml");
	struct entry locked[] = {{"word/document.xml", body, 1, 0, 0, 0}};
	expect_refused(package(locked, 1, &err), GK_EINVAL, &err, "已加密");
	struct entry bzip[] = {{"word/document.xml", body, 0, 12, 0, 0}};
	expect_refused(package(bzip, 1, &err), GK_EINVAL, &err, "压缩方式");
	/* bombs: a body over the limit, a ZIP64 size, a thousandfold ratio */
	struct entry big[] = {{"word/document.xml", body, 0, 8, 0, GK_DOCX_MAX_XML + 1}};
	expect_refused(package(big, 1, &err), GK_ETOOBIG, &err, "解压后过大");
	struct entry z64[] = {{"word/document.xml", body, 0, 8, 0, 0xFFFFFFFFu}};
	expect_refused(package(z64, 1, &err), GK_ETOOBIG, &err, "解压后过大");
	struct entry ratio[] = {{"word/document.xml", body, 0, 8, 0, 8 << 20}};
	expect_refused(package(ratio, 1, &err), GK_ETOOBIG, &err, "压缩比异常");
	/* a small body may pack well */
	struct entry fair[] = {{"word/document.xml", body, 0, 8, 0, 1300}};
	assert_int_equal(package(fair, 1, &err), GK_OK);
	/* stored data whose sizes disagree, and an offset past the directory */
	struct entry liar[] = {{"word/document.xml", body, 0, 0, 5, 0}};
	expect_refused(package(liar, 1, &err), GK_EINVAL, &err, "已损坏");
	/* not a ZIP at all; an OLE file (Word's encrypted .docx, or a .doc) */
	expect_refused(gk_docx_check_package("hello", 5, &err), GK_EINVAL, &err, "不是 zip");
	static const char ole[16] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
	assert_true(gk_docx_is_ole(ole, sizeof ole));
	expect_refused(gk_docx_check_package(ole, sizeof ole, &err), GK_EINVAL, &err, "已加密");
	/* cut short anywhere: refused, never read past the end */
	size_t len;
	char *z = zip(ok, 2, &len);
	for (size_t cut = 0; cut < len; cut++) {
		char *part = malloc(cut ? cut : 1);
		assert_non_null(part);
		memcpy(part, z, cut);
		err = (struct gk_error){0};
		assert_int_not_equal(gk_docx_check_package(part, cut, &err), GK_OK);
		free(part);
	}
	free(z);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paragraphs),   cmocka_unit_test(test_cells),
		cmocka_unit_test(test_merged_cells), cmocka_unit_test(test_merged_table3_checked),
		cmocka_unit_test(test_package),
	};
	return cmocka_run_group_tests_name("docx", tests, NULL, NULL);
}
