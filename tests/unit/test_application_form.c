/* Unit tests for the application form to download (issue 15): the ZIP
 * writer and its CRC-32 (lib/zip.h), the form's rows, the Word document
 * read back by our own reader (core/report/docx.h) and the PDF's fonts
 * and text by poppler's tools (output/application_form.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/report/docx.h"
#include "lib/zip.h"
#include "output/application_form.h"

/* --- the ZIP writer -------------------------------------------------------------------- */

static uint32_t rd16(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	return (uint32_t)u[0] | (uint32_t)u[1] << 8;
}

static uint32_t rd32(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	return (uint32_t)u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16 | (uint32_t)u[3] << 24;
}

static void crc32_known_values(void **state)
{
	assert_int_equal(gk_crc32(0, "", 0), 0);
	assert_int_equal(gk_crc32(0, "123456789", 9), 0xCBF43926u);
	const char *fox = "The quick brown fox jumps over the lazy dog";
	assert_int_equal(gk_crc32(0, fox, strlen(fox)), 0x414FA339u);
	/* in pieces as at once */
	assert_int_equal(gk_crc32(gk_crc32(0, "1234", 4), "56789", 5), 0xCBF43926u);
}

/* The entry NAME of the stored archive Z (LEN bytes) through its central
 * directory: its bytes in *DATA, *SIZE; checks the headers agree. */
static void entry(const char *z, size_t len, const char *name, const char **data, size_t *size)
{
	assert_true(len >= 22);
	const char *eocd = z + len - 22;
	assert_int_equal(rd32(eocd), 0x06054b50u);
	size_t n = rd16(eocd + 10), cd_size = rd32(eocd + 12), cd = rd32(eocd + 16);
	assert_int_equal(rd16(eocd + 8), n);
	assert_true(cd + cd_size == (size_t)(eocd - z));
	const char *c = z + cd;
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(rd32(c), 0x02014b50u);
		size_t name_len = rd16(c + 28), extra = rd16(c + 30), comment = rd16(c + 32);
		if (name_len == strlen(name) && memcmp(c + 46, name, name_len) == 0) {
			assert_int_equal(rd16(c + 10), 0); /* stored */
			uint32_t crc = rd32(c + 16), csize = rd32(c + 20), usize = rd32(c + 24);
			assert_int_equal(csize, usize);
			const char *local = z + rd32(c + 42);
			assert_int_equal(rd32(local), 0x04034b50u);
			assert_int_equal(rd32(local + 14), crc);
			assert_int_equal(rd32(local + 18), csize);
			assert_int_equal(rd16(local + 26), name_len);
			assert_memory_equal(local + 30, name, name_len);
			*data = local + 30 + name_len + rd16(local + 28);
			*size = usize;
			assert_int_equal(gk_crc32(0, *data, *size), crc);
			return;
		}
		c += 46 + name_len + extra + comment;
	}
	fail_msg("no entry %s", name);
}

static void zip_structure(void **state)
{
	struct gk_buf out;
	gk_buf_init(&out, 1 << 20);
	struct gk_zip z;
	gk_zip_init(&z, &out);
	assert_int_equal(gk_zip_add(&z, "a.txt", "hello", 5), GK_OK);
	assert_int_equal(gk_zip_add(&z, "dir/empty", "", 0), GK_OK);
	assert_int_equal(gk_zip_finish(&z), GK_OK);
	const char *data;
	size_t size;
	entry(out.data, out.len, "a.txt", &data, &size);
	assert_int_equal(size, 5);
	assert_memory_equal(data, "hello", 5);
	entry(out.data, out.len, "dir/empty", &data, &size);
	assert_int_equal(size, 0);
	/* the same bytes each time: a fixed date */
	struct gk_buf again;
	gk_buf_init(&again, 1 << 20);
	gk_zip_init(&z, &again);
	gk_zip_add(&z, "a.txt", "hello", 5);
	gk_zip_add(&z, "dir/empty", "", 0);
	assert_int_equal(gk_zip_finish(&z), GK_OK);
	assert_int_equal(again.len, out.len);
	assert_memory_equal(again.data, out.data, out.len);
	gk_buf_release(&again);
	gk_buf_release(&out);
}

static void zip_refuses_bad_names(void **state)
{
	struct gk_buf out;
	gk_buf_init(&out, 1 << 20);
	struct gk_zip z;
	gk_zip_init(&z, &out);
	assert_int_equal(gk_zip_add(&z, "/abs", "x", 1), GK_EINVAL);
	/* once failed, the archive stays failed */
	assert_int_equal(gk_zip_add(&z, "ok", "x", 1), GK_EINVAL);
	assert_int_equal(gk_zip_finish(&z), GK_EINVAL);
	gk_zip_init(&z, &out);
	assert_int_equal(gk_zip_add(&z, "", "x", 1), GK_EINVAL);
	gk_zip_release(&z);
	gk_zip_init(&z, &out);
	assert_int_equal(gk_zip_add(&z, "名字", "x", 1), GK_EINVAL);
	gk_zip_release(&z);
	/* past the buffer's limit */
	struct gk_buf small;
	gk_buf_init(&small, 64);
	gk_zip_init(&z, &small);
	char big[200] = {0};
	assert_int_not_equal(gk_zip_add(&z, "big", big, sizeof big), GK_OK);
	gk_zip_release(&z);
	gk_buf_release(&small);
	gk_buf_release(&out);
}

/* --- the form ------------------------------------------------------------------------------ */

static struct gk_agency agency(void)
{
	struct gk_agency a = {.id = 1};
	snprintf(a.code, sizeof a.code, "035200000");
	snprintf(a.name, sizeof a.name, "大同市人民政府");
	snprintf(a.address, sizeof a.address, "大同市兴云街2799号");
	snprintf(a.postcode, sizeof a.postcode, "037000");
	snprintf(a.phone, sizeof a.phone, "0352-5189000");
	return a;
}

static struct gk_intake intake(enum gk_applicant_type type, const char *description)
{
	struct gk_intake in = {.agency_id = 1, .kind = GK_INTAKE_ONLINE};
	in.applicant_type = type;
	snprintf(in.applicant.name, sizeof in.applicant.name, "张<三>&\"丰'");
	snprintf(in.applicant.id_number, sizeof in.applicant.id_number,
		 type == GK_APPLICANT_NATURAL_PERSON ? "11010519491231002X" : "91140200MA0K0J2X3X");
	in.id_type = type == GK_APPLICANT_NATURAL_PERSON ? GK_ID_RESIDENT : GK_ID_CREDIT_CODE;
	snprintf(in.applicant.phone, sizeof in.applicant.phone, "13503527788");
	snprintf(in.applicant.address, sizeof in.applicant.address, "大同市平城区公众路12号");
	in.description = description;
	in.doc_no = "同政办发〔2017〕109号";
	in.delivery = GK_DELIVERY_POST;
	in.medium = "paper";
	return in;
}

static const struct gk_appform_row *find_row(const struct gk_appform_doc *d, const char *label)
{
	for (int i = 0; i < d->nrows; i++)
		if (strcmp(d->rows[i].label, label) == 0)
			return &d->rows[i];
	return NULL;
}

static void rows_use_the_online_labels(void **state)
{
	struct gk_agency a = agency();
	struct gk_appform_doc *d = malloc(sizeof *d);
	assert_non_null(d);
	struct gk_application_form f = {GK_APPFORM_PERSON, &a, NULL};
	gk_appform_build(&f, d);
	assert_string_equal(d->title, "大同市人民政府政府信息公开申请表");
	assert_string_equal(d->subtitle, "（公民）");
	static const enum gk_intake_field asked[] = {
		GK_FIELD_ID_TYPE, GK_FIELD_ID_NUMBER, GK_FIELD_PHONE,
		GK_FIELD_EMAIL,   GK_FIELD_ADDRESS,   GK_FIELD_DESCRIPTION,
		GK_FIELD_DOC_NO,  GK_FIELD_DELIVERY,  GK_FIELD_MEDIUM,
	};
	for (size_t i = 0; i < sizeof asked / sizeof asked[0]; i++)
		if (!find_row(d, gk_intake_field_label(asked[i])))
			fail_msg("no row %s", gk_intake_field_label(asked[i]));
	assert_non_null(find_row(d, "姓名"));
	assert_non_null(find_row(d, "申请人签名或盖章"));
	assert_non_null(find_row(d, "申请时间"));
	/* every way of delivery the online form offers, none ticked */
	const struct gk_appform_row *r = find_row(d, gk_intake_field_label(GK_FIELD_DELIVERY));
	assert_int_equal(r->nchoices, GK_DELIVERY_COUNT);
	for (int i = 0; i < r->nchoices; i++)
		assert_false(r->choices[i].checked);
	/* the office's contact in the notes */
	assert_non_null(strstr(d->notes[d->nnotes - 1], "大同市兴云街2799号"));

	f.kind = GK_APPFORM_ORGANISATION;
	f.agency = NULL;
	gk_appform_build(&f, d);
	assert_string_equal(d->title, "政府信息公开申请表");
	assert_string_equal(d->subtitle, "（法人或者其他组织）");
	assert_non_null(find_row(d, "名称"));
	assert_non_null(find_row(d, "统一社会信用代码"));
	assert_non_null(find_row(d, "法定代表人"));
	assert_non_null(find_row(d, "联系人姓名"));
	assert_null(find_row(d, "姓名"));
	assert_int_equal(gk_appform_kind_of(GK_APPLICANT_NATURAL_PERSON), GK_APPFORM_PERSON);
	assert_int_equal(gk_appform_kind_of(GK_APPLICANT_LEGAL_SERVICES), GK_APPFORM_ORGANISATION);
	free(d);
}

static void filled_rows(void **state)
{
	struct gk_agency a = agency();
	struct gk_intake in = intake(GK_APPLICANT_RESEARCH, "一份文件");
	struct gk_appform_doc *d = malloc(sizeof *d);
	assert_non_null(d);
	struct gk_application_form f = {GK_APPFORM_ORGANISATION, &a, &in};
	gk_appform_build(&f, d);
	assert_string_equal(find_row(d, "名称")->value, in.applicant.name);
	assert_string_equal(find_row(d, "统一社会信用代码")->value, "91140200MA0K0J2X3X");
	const struct gk_appform_row *r = find_row(d, "申请人类型");
	for (int i = 0; i < r->nchoices; i++)
		assert_int_equal(r->choices[i].checked,
				 strcmp(r->choices[i].label, "科研机构") == 0);
	r = find_row(d, gk_intake_field_label(GK_FIELD_MEDIUM));
	assert_true(r->choices[0].checked);
	assert_false(r->choices[1].checked);
	/* another document than a credit code is named beside its number */
	in.id_type = GK_ID_OTHER;
	snprintf(in.applicant.id_number, sizeof in.applicant.id_number, "晋民证字第0123号");
	gk_appform_build(&f, d);
	assert_string_equal(find_row(d, "统一社会信用代码")->value, "晋民证字第0123号（其他证件）");
	free(d);
}

static void xml_text_escapes(void **state)
{
	struct gk_buf b;
	gk_buf_init(&b, 1024);
	gk_appform_xml_text(&b, "<w:t>&amp;\"'\x01\x7f\xff中\tx\n");
	assert_string_equal(b.data, "&lt;w:t&gt;&amp;amp;&quot;&apos;\x7f中\tx\n");
	gk_buf_release(&b);
}

/* The text of word/document.xml of the .docx in OUT, as the checker reads it. */
static char *docx_text(const struct gk_buf *out)
{
	struct gk_error err = {0};
	assert_int_equal(gk_docx_check_package(out->data, out->len, &err), GK_OK);
	const char *xml;
	size_t len;
	entry(out->data, out->len, "word/document.xml", &xml, &len);
	const char *types;
	size_t types_len;
	entry(out->data, out->len, "[Content_Types].xml", &types, &types_len);
	entry(out->data, out->len, "_rels/.rels", &types, &types_len);
	struct gk_buf text;
	gk_buf_init(&text, GK_BUF_DEFAULT_MAX);
	gk_docx_xml_text(xml, len, &text);
	gk_buf_putc(&text, '\0');
	return gk_buf_detach(&text, NULL);
}

static void docx_reads_back(void **state)
{
	struct gk_agency a = agency();
	struct gk_intake in = intake(GK_APPLICANT_NATURAL_PERSON, "第一段<b>\n第二段 & 完");
	struct gk_application_form f = {GK_APPFORM_PERSON, &a, &in};
	struct gk_buf out;
	gk_buf_init(&out, (size_t)8 << 20);
	struct gk_error err = {0};
	assert_int_equal(gk_appform_docx(&f, &out, &err), GK_OK);
	char *text = docx_text(&out);
	static const char *const want[] = {
		"大同市人民政府政府信息公开申请表",
		"（公民）",
		"姓名",
		"张<三>&\"丰'",
		"证件号码",
		"11010519491231002X",
		"所需政府信息的名称或内容描述",
		"第一段<b>",
		"第二段 & 完",
		"☑居民身份证",
		"☑邮寄",
		"□电子邮件",
		"申请人签名或盖章",
		"第二十九条",
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (!strstr(text, want[i]))
			fail_msg("'%s' not in the document's text:\n%s", want[i], text);
	free(text);
	gk_buf_release(&out);

	/* blank, no agency */
	f = (struct gk_application_form){GK_APPFORM_ORGANISATION, NULL, NULL};
	gk_buf_init(&out, (size_t)8 << 20);
	assert_int_equal(gk_appform_docx(&f, &out, &err), GK_OK);
	text = docx_text(&out);
	assert_non_null(strstr(text, "政府信息公开申请表"));
	assert_non_null(strstr(text, "统一社会信用代码"));
	assert_null(strstr(text, "☑"));
	free(text);
	gk_buf_release(&out);
}

/* --- the PDF, through poppler's tools -------------------------------------------------------- */

static bool have(const char *tool)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", tool);
	if (system(cmd) == 0)
		return true;
	print_message("# skipped: %s is not installed (apt-get install poppler-utils)\n", tool);
	return false;
}

static char *run(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	struct gk_buf b;
	gk_buf_init(&b, GK_BUF_DEFAULT_MAX);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		gk_buf_add(&b, chunk, n);
	int status = pclose(p);
	if (status != 0)
		fail_msg("'%s' failed (status %d)", cmd, status);
	gk_buf_putc(&b, '\0');
	return gk_buf_detach(&b, NULL);
}

/* Writes form F as a PDF to a temporary file named into PATH. */
static void write_pdf(const struct gk_application_form *f, char *path, size_t size)
{
	struct gk_buf out;
	gk_buf_init(&out, (size_t)32 << 20);
	struct gk_error err = {0};
	enum gk_err rc = gk_appform_pdf(f, &out, &err);
	if (rc)
		fail_msg("pdf: %s", err.detail);
	assert_memory_equal(out.data, "%PDF-", 5);
	snprintf(path, size, "/tmp/gk-appform-%ld.pdf", (long)getpid());
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(out.data, 1, out.len, fp), out.len);
	fclose(fp);
	gk_buf_release(&out);
}

static void pdf_fonts_embedded_and_labels(void **state)
{
	if (!have("pdffonts") || !have("pdftotext")) {
		skip();
		return;
	}
	struct gk_agency a = agency();
	struct gk_application_form f = {GK_APPFORM_PERSON, &a, NULL};
	char path[128], cmd[256];
	write_pdf(&f, path, sizeof path);
	snprintf(cmd, sizeof cmd, "pdffonts %s", path);
	char *fonts = run(cmd);
	/* each font line (after the two header lines) says "yes" to embedded */
	int lines = 0;
	for (char *line = strtok(fonts, "\n"); line; line = strtok(NULL, "\n")) {
		if (++lines <= 2)
			continue;
		if (!strstr(line, " yes "))
			fail_msg("a font not embedded: %s", line);
		assert_non_null(strstr(line, "CJK"));
	}
	assert_true(lines > 2);
	free(fonts);
	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 %s -", path);
	char *text = run(cmd);
	static const char *const want[] = {
		"大同市人民政府政府信息公开申请表",
		"（公民）",
		"姓名",
		"证件号码",
		"联系电话",
		"电子邮箱",
		"通信地址",
		"邮政编码",
		"居民身份证",
		"获取信息的方式",
		"电子邮件",
		"申请人签名或盖章",
		"申请时间",
		"第二十九条",
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (!strstr(text, want[i]))
			fail_msg("'%s' not in the PDF's text:\n%s", want[i], text);
	free(text);
	snprintf(cmd, sizeof cmd, "pdfinfo %s", path);
	char *info = run(cmd);
	assert_non_null(strstr(info, "Pages:           1")); /* a blank form: one page */
	assert_non_null(strstr(info, "595.276 x 841.89 pts (A4)"));
	free(info);
	unlink(path);
}

/* A description longer than a page goes on over pages: every word of it
 * is in the PDF's text, none cut. */
static void pdf_long_description_is_wrapped_not_cut(void **state)
{
	if (!have("pdftotext") || !have("pdfinfo")) {
		skip();
		return;
	}
	struct gk_buf desc;
	gk_buf_init(&desc, 1 << 20);
	for (int i = 1; i <= 220; i++)
		gk_buf_printf(&desc, "第%03d项文件名称%s", i, i % 40 ? "，" : "。\n");
	struct gk_agency a = agency();
	struct gk_intake in = intake(GK_APPLICANT_NATURAL_PERSON, desc.data);
	struct gk_application_form f = {GK_APPFORM_PERSON, &a, &in};
	char path[128], cmd[256];
	write_pdf(&f, path, sizeof path);
	/* the value column alone (64 mm from the left edge, at 72 dpi), whose
	   lines may break between a number and what follows it */
	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 -r 72 -x 182 -y 0 -W 400 -H 842 %s -",
		 path);
	char *text = run(cmd);
	char *o = text;
	for (const char *c = text; *c; c++)
		if (*c != '\n')
			*o++ = *c;
	*o = '\0';
	for (int i = 1; i <= 220; i++) {
		char word[32];
		snprintf(word, sizeof word, "第%03d项", i);
		if (!strstr(text, word))
			fail_msg("'%s' cut from the PDF (%s)", word, path);
	}
	assert_non_null(strstr(text, "张<三>&\"丰'"));
	free(text);
	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 %s -", path);
	text = run(cmd);
	assert_non_null(strstr(text, "（续）")); /* the label again on the next page */
	free(text);
	snprintf(cmd, sizeof cmd, "pdfinfo %s", path);
	char *info = run(cmd);
	assert_null(strstr(info, "Pages:           1\n"));
	free(info);
	gk_buf_release(&desc);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(crc32_known_values),
		cmocka_unit_test(zip_structure),
		cmocka_unit_test(zip_refuses_bad_names),
		cmocka_unit_test(rows_use_the_online_labels),
		cmocka_unit_test(filled_rows),
		cmocka_unit_test(xml_text_escapes),
		cmocka_unit_test(docx_reads_back),
		cmocka_unit_test(pdf_fonts_embedded_and_labels),
		cmocka_unit_test(pdf_long_description_is_wrapped_not_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
