/* The yearly report as a PDF (cairo + pango): A4 pages with an official
 * document's margins, the title, the sections with their texts, ruled
 * tables like the official ones (merged headers, labels wrapping in their
 * column, split across pages with the header repeated) and page numbers.
 * The Chinese font (Noto Serif/Sans CJK SC from fonts-noto-cjk, else any
 * installed CJK font) is embedded as a subset, so the file reads the same
 * on any machine. docs/annual-report-documents.md describes the layout. */
#ifndef GK_OUTPUT_ANNUAL_PDF_H
#define GK_OUTPUT_ANNUAL_PDF_H

#include "core/report/annual.h"
#include "lib/buf.h"
#include "lib/error.h"

/* Writes A (totals set) to PATH, replacing it. GK_OK; GK_EIO naming the
 * file, or when no installed font has Chinese characters; GK_ENOMEM. */
enum gk_err gk_annual_write_pdf(const struct gk_annual *a, const char *path, struct gk_error *err);

/* The same document appended to OUT. */
enum gk_err gk_annual_pdf(const struct gk_annual *a, struct gk_buf *out, struct gk_error *err);

#endif
