/* What the files of the catalogue index share: the main part (one image,
 * the same bytes in memory and on disk), the delta of puts and removals
 * since the last compaction, and small helpers. Not for other modules. */
#ifndef GK_CORE_CATALOGUE_INDEX_INTERNAL_H
#define GK_CORE_CATALOGUE_INDEX_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/catalogue_index.h"

/* A growable array of bytes; the index's texts pass 64 MB, so not gk_buf. */
struct ci_vec {
	unsigned char *p;
	size_t len, cap;
};
int ci_vec_reserve(struct ci_vec *v, size_t more);
int ci_vec_add(struct ci_vec *v, const void *p, size_t n);
void ci_vec_release(struct ci_vec *v);

/* Normalises like gk_catalogue_normalize; with MAP, also appends to it (as
 * size_t) the offset in TEXT of the character each output byte came from,
 * one per output byte, plus N at the end. 0, or -1 if out of memory. */
int ci_normalize(struct ci_vec *out, const char *text, size_t n, struct ci_vec *map);

/* A query split into normalised words (pointing into one buffer). */
struct ci_words {
	char *buf;
	const char *w[GK_CATALOGUE_QUERY_WORDS];
	size_t len[GK_CATALOGUE_QUERY_WORDS];
	size_t n;
};
enum gk_catalogue_query_error ci_words_parse(struct ci_words *q, const char *text);
void ci_words_release(struct ci_words *q);

/* A document put since the last compaction. */
struct ci_ddoc {
	int64_t id;
	char *sort_key;
	char **keys; /* sorted, unique */
	size_t nkeys;
	char *text; /* normalised A, then normalised B */
	uint32_t alen, blen;
	bool dead;      /* replaced or removed since */
	uint32_t bound; /* the first main doc ordered after this one */
};

/* Up to this many live delta documents, puts keep them in order; past it
 * (a bulk load before its compaction), queries sort them. */
#define CI_DELTA_SORTED_MAX 8192

/* Sections of the image, in file order. */
enum ci_section {
	CI_IDS,       /* int64 per doc, in document order */
	CI_SK_OFF,    /* uint32 per doc + 1: sort keys in CI_SK */
	CI_SK,        /* NUL-terminated sort keys */
	CI_TEXT_OFF,  /* uint64 per doc + 1: normalised A then B in CI_TEXT */
	CI_ALEN,      /* uint32 per doc: length of A */
	CI_TEXT,      /* the normalised texts */
	CI_KEY_OFF,   /* uint32 per key + 1: key strings in CI_KEY_STR */
	CI_KEY_STR,   /* NUL-terminated keys, in strcmp order */
	CI_KPOST_OFF, /* uint64 per key + 1: doc numbers in CI_KPOST */
	CI_KPOST,     /* uint32 doc numbers, ascending, per key */
	CI_DKEY_OFF,  /* uint64 per doc + 1: key numbers in CI_DKEY */
	CI_DKEY,      /* uint32 key numbers, ascending, per doc */
	CI_GRAM_KEYS, /* uint64 per gram, ascending: (tier << 63) | gram code */
	CI_GRAM_OFF,  /* uint64 per gram + 1: encoded lists in CI_GRAM_DATA */
	CI_GRAM_DATA, /* encoded doc lists (see postings.c) */
	CI_KBIT_IDX,  /* uint32 per key: its bitmap in CI_KBITS, or UINT32_MAX */
	CI_KBITS,     /* bitmaps of the dense keys, (n + 63) / 64 words each */
	CI_NSECTIONS
};

/* The main part: pointers into one image (owned, or the caller's). */
struct ci_main {
	uint32_t n, nkeys;
	uint64_t ngrams;
	const int64_t *ids;
	const uint32_t *sk_off;
	const char *sk;
	const uint64_t *text_off;
	const uint32_t *alen;
	const char *text;
	const uint32_t *key_off;
	const char *key_str;
	const uint64_t *kpost_off;
	const uint32_t *kpost;
	const uint64_t *dkey_off;
	const uint32_t *dkey;
	const uint64_t *gram_keys;
	const uint64_t *gram_off;
	const unsigned char *gram_data;
	const uint32_t *kbit_idx;
	const uint64_t *kbits;
	int64_t seq;
};

/* A key gets a bitmap when at least 1/CI_DENSE of the documents have it:
 * then a listing on several dense keys is a popcount of their AND. */
#define CI_DENSE 128

/* Text postings (postings.c). A gram code: a codepoint, or CI_BIGRAM with
 * two codepoints; with CI_TIER0 for text A's lists, without for text B's. */
#define CI_BIGRAM  ((uint64_t)1 << 42)
#define CI_TRIGRAM ((uint64_t)1 << 61)
#define CI_TIER0   ((uint64_t)1 << 63)
#define CI_BLOCK   128

/* The grams that must all be present for WORD to occur: the bigrams of its
 * runs of non-space codepoints (with TRIGRAMS, the trigrams of runs of
 * three or more), the codepoint of a run of one. Returns the number (at
 * most MAX stored), in order. */
size_t ci_grams(const char *word, size_t len, uint64_t *out, size_t max, bool trigrams);
/* The postings of docs [0, N) (text A of doc d is TEXT[text_off[d],
 * +alen[d]), text B the rest up to text_off[d + 1]): gram codes ascending
 * to KEYS, list ends to OFF, the lists to DATA. Large sets are indexed in
 * parts on threads of their own; _in chooses the number of parts (at most
 * 2), with the same bytes as a result. */
int ci_postings_build(struct ci_vec *keys, struct ci_vec *off, struct ci_vec *data,
		      const uint64_t *text_off, const uint32_t *alen, const char *text, uint32_t n);
int ci_postings_build_in(size_t nparts, struct ci_vec *keys, struct ci_vec *off,
			 struct ci_vec *data, const uint64_t *text_off, const uint32_t *alen,
			 const char *text, uint32_t n);

struct ci_list {
	uint32_t count, nblocks;
	uint32_t ndocs; /* doc numbers are below this */
	const unsigned char *skip, *blocks, *end;
};
bool ci_gram_find(const struct ci_main *m, uint64_t code, struct ci_list *l);

/* A cursor over a list: ci_cur_geq gives the first doc >= TARGET (targets
 * never decrease), or UINT32_MAX. */
struct ci_cur {
	struct ci_list l;
	uint32_t block, nbuf, pos;
	uint32_t buf[CI_BLOCK];
};
void ci_cur_init(struct ci_cur *c, const struct ci_list *l);
uint32_t ci_cur_geq(struct ci_cur *c, uint32_t target);

struct gk_catalogue_index {
	struct ci_main m;
	void *image; /* owned image of the main part, or NULL */
	size_t image_len;
	const void *mapped; /* the caller's image (load), or NULL */
	uint64_t *dead;     /* bit per main doc: replaced or removed */
	size_t ndead;
	struct ci_ddoc **delta; /* puts since compaction, in put order */
	size_t ndelta, delta_cap, delta_live;
	struct ci_ddoc **dsorted; /* the live ones in document order, if dsorted_ok */
	size_t ndsorted, dsorted_cap;
	bool dsorted_ok;
	/* id -> location: main doc number, or ~delta index */
	struct ci_slot {
		int64_t id;
		int64_t loc;
	} * slots;
	size_t nslots, nused;
	int64_t seq;
};

#define CI_EMPTY_ID INT64_MIN

int64_t *ci_map_find(const struct gk_catalogue_index *ix, int64_t id);
int ci_map_put(struct gk_catalogue_index *ix, int64_t id, int64_t loc);
void ci_map_del(struct gk_catalogue_index *ix, int64_t id);

static inline bool ci_is_dead(const struct gk_catalogue_index *ix, uint32_t d)
{
	return ix->dead && (ix->dead[d >> 6] >> (d & 63) & 1);
}

/* Binds M to an image of LEN bytes; -1 if it is not a valid image. */
int ci_main_bind(struct ci_main *m, const void *image, size_t len);
/* Builds the image of the live documents of IX (main and delta). */
int ci_main_build(const struct gk_catalogue_index *ix, void **image, size_t *len);
/* Key number of KEY in the main part, or -1. */
int64_t ci_key_find(const struct ci_main *m, const char *key);
static inline const char *ci_key(const struct ci_main *m, uint32_t k)
{
	return m->key_str + m->key_off[k];
}
/* True if main doc D has key number K. */
bool ci_doc_has_key(const struct ci_main *m, uint32_t d, uint32_t k);
/* Order: negative if (SKA, IDA) comes before (SKB, IDB): newest first. */
int ci_order(const char *ska, int64_t ida, const char *skb, int64_t idb);
/* The first main doc ordered after (SK, ID). */
uint32_t ci_main_bound(const struct ci_main *m, const char *sk, int64_t id);
/* The live delta documents in document order (caller frees the array). */
struct ci_ddoc **ci_delta_sorted(const struct gk_catalogue_index *ix, size_t *n);
bool ci_ddoc_has_key(const struct ci_ddoc *d, const char *key);

#endif
