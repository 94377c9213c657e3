/* Item bodies: safe formatted text. Editors (and imports) may send plain
 * text — one paragraph per line — or HTML; the sanitiser keeps paragraphs,
 * headings, lists, tables, line breaks and emphasis, drops harmless wrappers
 * (span, font, div, a …) keeping their text, and escapes everything else, so
 * <script> arrives as visible text. No attribute survives except colspan and
 * rowspan with a small number. The output is well nested and sanitising it
 * again changes nothing. See docs/catalogue.md for the rules. */
#ifndef GK_CORE_RICHTEXT_H
#define GK_CORE_RICHTEXT_H

#include <stddef.h>

#include "lib/buf.h"

/* Appends the safe HTML for IN[0..N) to OUT. Invalid UTF-8 bytes become
 * U+FFFD. Never fails except by OUT's own limit (OUT->failed). */
void gk_richtext_sanitise(struct gk_buf *out, const char *in, size_t n);

/* Appends the plain text of sanitised HTML IN (tags removed, blocks
 * separated by newlines, entities decoded), for search and summaries. */
void gk_richtext_text(struct gk_buf *out, const char *in, size_t n);

#endif
