/* The application form as a Word document: a minimal Office Open XML
 * package (content types, the package's relationship, word/document.xml)
 * in a stored ZIP (lib/zip.h). The table is the model's rows; Word and
 * LibreOffice wrap what is long. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/utf8.h"
#include "lib/zip.h"
#include "output/application_form.h"

/* Widths in twentieths of a point: A4 (11906 × 16838) with 2 cm margins
 * leaves 9638 for the table. */
#define PAGE_W_TW    11906
#define PAGE_H_TW    16838
#define MARGIN_TW    1134
#define GROUP_TW     567
#define LABEL_TW     2268
#define VALUE_TW     (PAGE_W_TW - 2 * MARGIN_TW - GROUP_TW - LABEL_TW)
#define LINE_TW      400 /* a line of handwriting */
#define ROW_MIN_TW   454 /* 8 mm */
#define BODY_HALFPT  21  /* 五号, 10.5 pt */
#define NOTE_HALFPT  18
#define TITLE_HALFPT 36
#define SUB_HALFPT   28

void gk_appform_xml_text(struct gk_buf *out, const char *text)
{
	size_t len = strlen(text);
	for (size_t i = 0; i < len;) {
		size_t n;
		long c = gk_utf8_decode((const unsigned char *)text + i, len - i, &n);
		const char *at = text + i;
		i += n;
		if (c < 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xfffe ||
		    c == 0xffff)
			continue;
		switch (c) {
		case '&':
			gk_buf_puts(out, "&amp;");
			break;
		case '<':
			gk_buf_puts(out, "&lt;");
			break;
		case '>':
			gk_buf_puts(out, "&gt;");
			break;
		case '"':
			gk_buf_puts(out, "&quot;");
			break;
		case '\'':
			gk_buf_puts(out, "&apos;");
			break;
		default:
			gk_buf_add(out, at, n);
		}
	}
}

/* A run of TEXT (one line) at SIZE half-points, bold if BOLD. */
static void run(struct gk_buf *b, const char *text, int size, bool bold)
{
	gk_buf_puts(b, "<w:r><w:rPr><w:rFonts w:ascii=\"SimSun\" w:hAnsi=\"SimSun\" "
		       "w:eastAsia=\"宋体\"/>");
	if (bold)
		gk_buf_puts(b, "<w:b/>");
	gk_buf_printf(b, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/></w:rPr>", size, size);
	gk_buf_puts(b, "<w:t xml:space=\"preserve\">");
	gk_appform_xml_text(b, text);
	gk_buf_puts(b, "</w:t></w:r>");
}

/* Paragraphs of TEXT, one per line ("\r\n" or "\n"); JC is the alignment. */
static void paragraphs(struct gk_buf *b, const char *text, int size, bool bold, const char *jc)
{
	const char *line = text;
	do {
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);
		if (n && line[n - 1] == '\r')
			n--;
		char one[2048];
		gk_buf_puts(b, "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/>");
		if (jc)
			gk_buf_printf(b, "<w:jc w:val=\"%s\"/>", jc);
		gk_buf_puts(b, "</w:pPr>");
		/* a line longer than the buffer goes in several runs, none cut */
		while (n) {
			size_t k = gk_utf8_prefix(line, n < sizeof one - 1 ? n : sizeof one - 1);
			if (!k)
				k = 1;
			memcpy(one, line, k);
			one[k] = '\0';
			run(b, one, size, bold);
			line += k;
			n -= k;
		}
		gk_buf_puts(b, "</w:p>");
		line = end ? end + 1 : NULL;
	} while (line);
}

static void cell_open(struct gk_buf *b, int width, int span, const char *merge)
{
	gk_buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>", width);
	if (span > 1)
		gk_buf_printf(b, "<w:gridSpan w:val=\"%d\"/>", span);
	if (merge)
		gk_buf_puts(b, merge);
	gk_buf_puts(b, "<w:vAlign w:val=\"center\"/></w:tcPr>");
}

static void choices(struct gk_buf *b, const struct gk_appform_row *r)
{
	struct gk_buf line;
	gk_buf_init(&line, 4096);
	for (int i = 0; i < r->nchoices; i++) {
		if (i)
			gk_buf_puts(&line, "　");
		gk_buf_puts(&line, r->choices[i].checked ? "☑" : "□");
		gk_buf_puts(&line, r->choices[i].label);
	}
	paragraphs(b, line.data, BODY_HALFPT, false, NULL);
	gk_buf_release(&line);
}

static void table(struct gk_buf *b, const struct gk_appform_doc *d)
{
	gk_buf_printf(b,
		      "<w:tbl><w:tblPr><w:tblW w:w=\"%d\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
		      "<w:tblBorders>",
		      GROUP_TW + LABEL_TW + VALUE_TW);
	static const char *const sides[] = {"top", "left", "bottom", "right", "insideH", "insideV"};
	for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++)
		gk_buf_printf(
			b, "<w:%s w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"000000\"/>",
			sides[i]);
	gk_buf_printf(b,
		      "</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
		      "<w:tblCellMar><w:left w:w=\"85\" w:type=\"dxa\"/>"
		      "<w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
		      "<w:tblGrid><w:gridCol w:w=\"%d\"/><w:gridCol w:w=\"%d\"/>"
		      "<w:gridCol w:w=\"%d\"/></w:tblGrid>",
		      GROUP_TW, LABEL_TW, VALUE_TW);
	for (int i = 0; i < d->nrows; i++) {
		const struct gk_appform_row *r = &d->rows[i];
		int height = ROW_MIN_TW;
		if (!r->nchoices && !*r->value && r->lines > 1)
			height = r->lines * LINE_TW;
		gk_buf_printf(b,
			      "<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val=\"%d\" "
			      "w:hRule=\"atLeast\"/></w:trPr>",
			      height);
		if (r->group) {
			bool first = i == 0 || !d->rows[i - 1].group ||
				     strcmp(d->rows[i - 1].group, r->group) != 0;
			cell_open(b, GROUP_TW, 1,
				  first ? "<w:vMerge w:val=\"restart\"/>" : "<w:vMerge/>");
			if (first)
				paragraphs(b, r->group, BODY_HALFPT, true, "center");
			else
				gk_buf_puts(b, "<w:p/>");
			gk_buf_puts(b, "</w:tc>");
			cell_open(b, LABEL_TW, 1, NULL);
		} else {
			cell_open(b, GROUP_TW + LABEL_TW, 2, NULL);
		}
		paragraphs(b, r->label, BODY_HALFPT, false, "center");
		gk_buf_puts(b, "</w:tc>");
		cell_open(b, VALUE_TW, 1, NULL);
		if (r->nchoices)
			choices(b, r);
		else
			paragraphs(b, r->value, BODY_HALFPT, false, NULL);
		gk_buf_puts(b, "</w:tc></w:tr>");
	}
	gk_buf_puts(b, "</w:tbl>");
}

static void document(struct gk_buf *b, const struct gk_appform_doc *d)
{
	gk_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		       "<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
		       "wordprocessingml/2006/main\"><w:body>");
	paragraphs(b, d->title, TITLE_HALFPT, true, "center");
	paragraphs(b, d->subtitle, SUB_HALFPT, false, "center");
	paragraphs(b, "", BODY_HALFPT, false, NULL);
	table(b, d);
	paragraphs(b, "", NOTE_HALFPT, false, NULL);
	paragraphs(b, d->notes_title, NOTE_HALFPT, true, NULL);
	for (int i = 0; i < d->nnotes; i++) {
		char number[16];
		snprintf(number, sizeof number, "%d. ", i + 1);
		gk_buf_puts(b, "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr>");
		run(b, number, NOTE_HALFPT, false);
		run(b, d->notes[i], NOTE_HALFPT, false);
		gk_buf_puts(b, "</w:p>");
	}
	gk_buf_printf(b,
		      "<w:sectPr><w:pgSz w:w=\"%d\" w:h=\"%d\"/>"
		      "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" w:left=\"%d\" "
		      "w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr>"
		      "</w:body></w:document>\n",
		      PAGE_W_TW, PAGE_H_TW, MARGIN_TW, MARGIN_TW, MARGIN_TW, MARGIN_TW);
}

static const char content_types[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" "
	"ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" ContentType=\"application/"
	"vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
	"</Types>\n";

static const char package_rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"relationships/officeDocument\" Target=\"word/document.xml\"/>"
	"</Relationships>\n";

enum gk_err gk_appform_docx(const struct gk_application_form *f, struct gk_buf *out,
			    struct gk_error *err)
{
	struct gk_appform_doc *d = malloc(sizeof *d);
	if (!d)
		return gk_fail(err, GK_ENOMEM, "application form docx: out of memory");
	gk_appform_build(f, d);
	struct gk_buf xml;
	gk_buf_init(&xml, (size_t)16 << 20);
	document(&xml, d);
	free(d);
	enum gk_err rc = xml.failed;
	if (!rc) {
		struct gk_zip z;
		gk_zip_init(&z, out);
		/* [Content_Types].xml first, as Office writes it */
		gk_zip_add(&z, "[Content_Types].xml", content_types, sizeof content_types - 1);
		gk_zip_add(&z, "_rels/.rels", package_rels, sizeof package_rels - 1);
		gk_zip_add(&z, "word/document.xml", xml.data, xml.len);
		rc = gk_zip_finish(&z);
	}
	gk_buf_release(&xml);
	if (rc)
		return gk_fail(err, rc, "application form docx: %s",
			       rc == GK_ENOMEM ? "out of memory" : "document too large");
	return GK_OK;
}
