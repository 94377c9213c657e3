/* The text of a document given to the report checker: a PDF's text layer
 * read by pdftotext, a Word document's (.docx) body unpacked by unzip,
 * anything else passed through as it is.
 *
 * Reading runs `pdftotext -layout` or `unzip -p` as a child process (no shell), with
 * a time limit, memory and CPU limits and an output size limit, so a broken or hostile PDF can
 * cost at most that child, never the server. It lives in the service layer
 * because core does no I/O and both front ends (cli, web) need it. */
#ifndef GK_SERVICE_DOCUMENT_TEXT_H
#define GK_SERVICE_DOCUMENT_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/error.h"

/* Seconds pdftotext may take on one document before it is killed. */
#define GK_DOCUMENT_TEXT_TIMEOUT 30
/* Address space pdftotext may use (bytes). */
#define GK_DOCUMENT_TEXT_MEMORY ((rlim_t)2 << 30)

/* True when DATA starts like a PDF file. */
bool gk_document_is_pdf(const char *data, size_t len);
/* True when DATA is a ZIP archive holding word/document.xml (a .docx). */
bool gk_document_is_docx(const char *data, size_t len);
/* True when gk_document_text must read DATA: a PDF, a ZIP archive (a .docx,
 * or refused as not one) or an OLE file (an encrypted .docx or an old .doc,
 * refused). */
bool gk_document_needs_reading(const char *data, size_t len);

/* Fails with GK_EINVAL and one Chinese line when the extension of NAME
 * promises a kind of document DATA is not: a .docx that is no ZIP archive
 * (nor an encrypted one), a .pdf without a PDF header. Other names pass. */
enum gk_err gk_document_check_name(const char *name, const char *data, size_t len,
				   struct gk_error *err);

/* The text of DATA (LEN bytes) in *TEXT (NUL-terminated, free() it) and
 * *TEXT_LEN. A PDF becomes the UTF-8 output of `pdftotext -layout`, a .docx
 * its paragraphs a line each and its table rows a line each with TABs between
 * the cells (core/report/docx.h); other data is copied unchanged (the checker
 * decodes it). Fails with GK_EINVAL and one Chinese line for an encrypted,
 * scanned (no text layer) or broken PDF or .docx, or a ZIP archive that is
 * no .docx; GK_ETOOBIG when its text exceeds the checker's input limit or a
 * .docx would unpack too large (a zip bomb, refused before unzip runs); GK_EIO
 * when pdftotext (unzip) is missing or too slow. */
enum gk_err gk_document_text(const char *data, size_t len, char **text, size_t *text_len,
			     struct gk_error *err);

/* A report file as the checker takes it, whoever hands it over (the command
 * line, the staff page): NAME's extension must match DATA
 * (gk_document_check_name), and a PDF or a .docx becomes its text in *TEXT
 * (free() it); *TEXT stays NULL when DATA goes to the checker as it is. */
enum gk_err gk_document_report_text(const char *name, const char *data, size_t len, char **text,
				    size_t *text_len, struct gk_error *err);

#endif
