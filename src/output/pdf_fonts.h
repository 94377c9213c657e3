/* What the PDF writers share (annual_pdf.c, application_form_pdf.c): a
 * pango context set for print, the check that a Chinese font is installed,
 * and the leak suppressions of cairo's font subsetting. */
#ifndef GK_OUTPUT_PDF_FONTS_H
#define GK_OUTPUT_PDF_FONTS_H

#include <pango/pangocairo.h>
#include <stdbool.h>

/* A context of FONTMAP (a font map of the document's own: no state shared
 * between threads) for print: sizes in points, no hinting, exact advances
 * (a column four characters wide holds four), Chinese (zh-cn) shaping.
 * The caller unrefs it. */
PangoContext *gk_pdf_context_new(PangoFontMap *fontmap);

/* True if FONT has Chinese characters in CONTEXT (else every one would be
 * drawn as a box). */
bool gk_pdf_has_chinese(PangoFontMap *fontmap, PangoContext *context,
			const PangoFontDescription *font);

#endif
