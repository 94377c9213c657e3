/* The pure parts of reading a Word document (.docx): the look at its ZIP
 * directory before anything is unpacked, and its body (word/document.xml)
 * as the checker's text. Unpacking itself is a child process
 * (service/document_text.c); these run in-process and are fuzzed. */
#ifndef GK_CORE_REPORT_DOCX_H
#define GK_CORE_REPORT_DOCX_H

#include <stdbool.h>
#include <stddef.h>

#include "core/report/text.h"
#include "lib/buf.h"
#include "lib/error.h"

/* The body's XML may be this large unpacked (XML is several times its text). */
#define GK_DOCX_MAX_XML (GK_REPORT_MAX_INPUT * 4)
/* Unpacked/packed above this (for a body over GK_DOCX_BOMB_MIN bytes) is a
 * zip bomb: Word's XML with Chinese text packs 5 to 20 times. */
#define GK_DOCX_BOMB_RATIO 100
#define GK_DOCX_BOMB_MIN   ((size_t)4 << 20)

/* True when DATA starts as a ZIP archive. */
bool gk_docx_is_zip(const char *data, size_t len);
/* True when DATA is an OLE compound file: an encrypted .docx (Word wraps
 * those in one) or an old binary .doc. */
bool gk_docx_is_ole(const char *data, size_t len);

/* Checks DATA, a ZIP archive, before word/document.xml is unpacked from it:
 * a readable central directory naming that entry, not encrypted, stored or
 * deflated, and not unpacking to more than GK_DOCX_MAX_XML or at a zip
 * bomb's ratio. GK_EINVAL with one Chinese line otherwise (GK_ETOOBIG for
 * the sizes). */
enum gk_err gk_docx_check_package(const char *data, size_t len, struct gk_error *err);

/* Appends word/document.xml (XML[0..LEN)) to OUT as plain text: a paragraph
 * a line; a table row a line with TABs between its cells, a merged cell
 * once, as HTML writes it: a cell spanning columns (<w:gridSpan>) is one
 * cell, a cell continuing a vertical merge (<w:vMerge/> without "restart")
 * is left out of its row. Paragraphs inside a cell are joined by a space.
 * Only <w:t> text counts (not deleted text, field codes, or the fallback
 * copy of a text box). Never fails; OUT's `failed` tells of its limit. */
void gk_docx_xml_text(const char *xml, size_t len, struct gk_buf *out);

#endif
