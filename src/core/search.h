/* Full-text search text for Chinese: our own segmentation into the tokens
 * SQLite FTS5 indexes (with its plain unicode61 tokenizer).
 *
 * Runs of Han characters become overlapping bigrams plus their last
 * character alone ("环保局" → 环保 保局 局); runs of letters and digits
 * become lower-case words. A query term becomes a phrase of the same tokens,
 * so any substring of two or more characters matches exactly where it
 * occurs, and a single character matches by prefix. Why not FTS5's trigram
 * tokenizer: it cannot match two-character words such as 环保, the most
 * common length of a Chinese word. See docs/catalogue.md. */
#ifndef GK_CORE_SEARCH_H
#define GK_CORE_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/buf.h"

/* Appends the index tokens of TEXT[0..N), separated by spaces. */
void gk_search_tokens(struct gk_buf *out, const char *text, size_t n);

/* Appends an FTS5 query for what a person typed in Q: each space-separated
 * term a quoted phrase, all terms required. Returns false (and appends
 * nothing) if Q holds nothing searchable. The result is safe to bind as the
 * MATCH argument: it never contains FTS5 syntax from Q. */
bool gk_search_query(struct gk_buf *out, const char *q);

#endif
