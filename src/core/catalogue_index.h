/* The catalogue in memory: every item's listing keys and searchable text,
 * ordered newest first, so that a listing, a deep page, a count or a
 * search costs the same with 1,000 items as with 1,000,000 (issue 9).
 *
 * Pure data structure: it knows nothing of the database or of HTTP. The
 * service layer fills it from the store, keeps it current from the store's
 * change log and guards it with a lock; the web asks it for a page of item
 * ids, then reads those rows. Not thread-safe by itself.
 *
 * Order. Documents are ordered by (sort key descending, id descending);
 * the sort key is the publication date and time as text ("2024-05-01",
 * "2024-05-01 09:30:00"), so newest first.
 *
 * Keys. A document carries a set of keys (short strings the caller
 * chooses, e.g. "s:published", "a:12" for its agency and each agency above
 * it, "t:05" and "t:05.02", "g:notice", "c:covid", "y:2024", "v:valid").
 * A listing is the documents that have every key asked for, in order.
 *
 * Text. A document has two texts: A (title and 文号, ranked first) and B
 * (other metadata and the body's plain text). Both are normalised the same
 * way as queries (gk_catalogue_normalize). A query is one or more words
 * separated by spaces (ASCII or U+3000), or "quoted phrases" that may hold
 * spaces; a document matches when each word occurs in A or B as a
 * substring of the normalised text (never across the boundary between A
 * and B, nor across a newline the caller put between fields). Matches
 * where every word occurs in A come first (tier 0), then the others (tier
 * 1); within a tier, the document order (newest first).
 *
 * Query syntax, all of it: words split at spaces and newlines; a double
 * quote (ASCII or full-width) opens or closes a phrase, and one left open
 * runs to the end; quotes are never searched for. Nothing else is an
 * operator: AND, OR, NOT, '*', '-', ':' and brackets are text to find.
 */
#ifndef GK_CORE_CATALOGUE_INDEX_H
#define GK_CORE_CATALOGUE_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/buf.h"

struct gk_catalogue_index;

/* Normalises N bytes of TEXT for matching, appended to OUT: full-width
 * ASCII (U+FF01..U+FF5E) to ASCII, ASCII letters to lower case, every run
 * of spaces, tabs, U+3000 and control characters other than newline to one
 * space, invalid UTF-8 to U+FFFD; newlines kept (they separate fields). */
void gk_catalogue_normalize(struct gk_buf *out, const char *text, size_t n);

/* One document as the caller gives it. Texts need not be normalised;
 * strings are copied. */
struct gk_catalogue_doc {
	int64_t id;
	const char *sort_key;    /* publication date (and time): newest first */
	const char *const *keys; /* NKEYS listing keys */
	size_t nkeys;
	const char *text_a; /* title, 文号 (newline between fields) */
	const char *text_b; /* other metadata, body text */
};

struct gk_catalogue_index *gk_catalogue_index_new(void);
void gk_catalogue_index_free(struct gk_catalogue_index *ix);

/* Adds DOC, or replaces the document with the same id. Cheap enough to
 * call per publication on a catalogue of millions (a later compaction
 * folds such changes into the main part). 0, or -1 if out of memory. */
int gk_catalogue_index_put(struct gk_catalogue_index *ix, const struct gk_catalogue_doc *doc);
/* Removes document ID (nothing if there is none). */
void gk_catalogue_index_remove(struct gk_catalogue_index *ix, int64_t id);
/* Folds every put and removal into the main, compact part. Bulk loading
 * is many puts then one compaction. 0, or -1 if out of memory. */
int gk_catalogue_index_compact(struct gk_catalogue_index *ix);
/* The number of documents, and the store's change seq the index reflects
 * (kept for the caller: the index never reads or sets it by itself). */
size_t gk_catalogue_index_size(const struct gk_catalogue_index *ix);
int64_t gk_catalogue_index_seq(const struct gk_catalogue_index *ix);
void gk_catalogue_index_set_seq(struct gk_catalogue_index *ix, int64_t seq);

/* Saving and loading, so a server starts without rebuilding: the index
 * (compacted first) is written through WRITE, which returns 0 or -1 (then
 * save returns -1). load reads what save wrote (DATA may be a mapping of
 * the file, which must outlive the index); NULL if it is not such data,
 * of another format version, or damaged. */
int gk_catalogue_index_save(struct gk_catalogue_index *ix,
			    int (*write)(const void *p, size_t n, void *ctx), void *ctx);
struct gk_catalogue_index *gk_catalogue_index_load(const void *data, size_t n);

/* What a query can get wrong. */
enum gk_catalogue_query_error {
	GK_CQ_OK = 0,
	GK_CQ_EMPTY,     /* nothing searchable in the text (only spaces, quotes) */
	GK_CQ_TOO_LONG,  /* more than GK_CATALOGUE_QUERY_MAX characters */
	GK_CQ_TOO_MANY,  /* more than GK_CATALOGUE_QUERY_WORDS words */
	GK_CQ_TOO_DEEP,  /* offset beyond the count cap */
	GK_CQ_NO_MEMORY, /* out of memory */
};
#define GK_CATALOGUE_QUERY_MAX   100
#define GK_CATALOGUE_QUERY_WORDS 10

struct gk_catalogue_query {
	const char *text;        /* NULL or "": a plain listing in document order */
	const char *const *keys; /* every one required */
	size_t nkeys;
	int64_t offset, limit;
	/* searches only: count matches up to this many (0: exact); past it the
	 * total is reported as capped, hits stop at the cap, and an offset at
	 * or past it is refused (GK_CQ_TOO_DEEP) */
	int64_t count_cap;
	/* searches only: count the matches (as far as counted) per key for
	 * keys starting with one of these prefixes, e.g. {"t:", "y:"}; only
	 * keys counted at least once, in key order (listings: use
	 * gk_catalogue_index_facet) */
	const char *const *facet_prefixes;
	size_t nfacet_prefixes;
};

struct gk_catalogue_hit {
	int64_t id;
	int tier; /* searches: 0 every word in text A, 1 otherwise; listings 0 */
};

struct gk_catalogue_facet {
	const char *key; /* owned by the result */
	int64_t count;
};

struct gk_catalogue_result {
	struct gk_catalogue_hit *hits; /* at most limit, in order */
	size_t nhits;
	int64_t total; /* documents matching (searches: up to the cap) */
	bool capped;   /* total stopped at count_cap: there are more */
	struct gk_catalogue_facet *facets;
	size_t nfacets;
};

/* Runs Q. A listing (no text) costs O(limit + log n) with one key or none,
 * whatever the offset; with several keys, the intersection up to the page.
 * Returns GK_CQ_OK and fills OUT (release it), or an error and OUT empty. */
enum gk_catalogue_query_error gk_catalogue_index_query(const struct gk_catalogue_index *ix,
						       const struct gk_catalogue_query *q,
						       struct gk_catalogue_result *out);
void gk_catalogue_result_release(struct gk_catalogue_result *res);

/* How many documents have every one of KEYS (none: all). Exact. */
int64_t gk_catalogue_index_count(const struct gk_catalogue_index *ix, const char *const *keys,
				 size_t nkeys);
/* Calls FN for every key starting with PREFIX, with the number of
 * documents that have it and every one of KEYS (when not 0); in key order. */
void gk_catalogue_index_facet(const struct gk_catalogue_index *ix, const char *prefix,
			      const char *const *keys, size_t nkeys,
			      void (*fn)(const char *key, int64_t count, void *ctx), void *ctx);

/* A snippet of TEXT (plain, as stored) around the first occurrence of a
 * word of QUERY, at most WIDTH characters, as HTML: escaped, each
 * occurrence of a word in <mark>…</mark>, "…" where text was cut. Matching
 * is as the index matches (normalised), but the original text is shown.
 * When no word occurs, the beginning of TEXT. */
void gk_catalogue_snippet(struct gk_buf *out, const char *text, const char *query, size_t width);

#endif
