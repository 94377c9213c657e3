/* Full-text search text for Chinese: our own segmentation into the tokens
 * the store's full-text index keeps and matches (store/fulltext.h).
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

/* One term of a query as typed: its tokens (as gk_search_tokens writes
 * them, valid during the callback) and whether the last one is a lone
 * character that may continue in the text (matched as a prefix). */
struct gk_search_term {
	const char *tokens;
	size_t len;
	bool prefix;
};

/* Calls FN for each searchable term of Q (split at ASCII and ideographic
 * spaces), in order; terms of nothing searchable (punctuation) are left out.
 * Returns how many terms FN saw: 0 if Q holds nothing to search for. */
int gk_search_terms(const char *q, void (*fn)(const struct gk_search_term *term, void *ctx),
		    void *ctx);

#endif
