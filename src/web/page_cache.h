/* The rendered-page cache: public pages kept ready between requests.
 *
 * An entry is the response a route gave an anonymous GET or HEAD: status
 * 200, its content type and bytes, a strong ETag (a digest of the bytes)
 * and Last-Modified (when those bytes were first rendered). It is keyed by
 * the path and the query's parameters sorted (method-independent) and
 * stamped with the site version it was rendered at; a lookup at another
 * version finds nothing, so a write seen by the database is seen by the
 * next request (docs/serving.md).
 *
 * Bounded: entries are charged their size and the least recently used are
 * dropped past the budget. Thread-safe: the table is split in shards, each
 * with its own lock; a page handed out is reference-counted, so it stays
 * valid while libmicrohttpd sends it even if it is dropped meanwhile. */
#ifndef GK_WEB_PAGE_CACHE_H
#define GK_WEB_PAGE_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct gk_page_cache;

/* An immutable rendered page; owned by the cache and by each holder of a
 * reference (gk_page_cache_get/_put), released by gk_cached_page_release. */
struct gk_cached_page {
	struct gk_site_version version;
	const char *content_type;
	char etag[40];          /* "\"<32 hex>\"", quotes included */
	char last_modified[32]; /* IMF-fixdate */
	int64_t modified;       /* unix seconds of last_modified */
	char cache_control[64]; /* the route's own Cache-Control, or "" */
	size_t len;
	const char *data;
};

/* A cache of at most MAX_BYTES (keys, bytes and bookkeeping); NULL if out
 * of memory. MAX_BYTES 0 makes a cache that keeps nothing. */
struct gk_page_cache *gk_page_cache_new(size_t max_bytes);
void gk_page_cache_free(struct gk_page_cache *c);

/* The page kept under KEY at version V, with a reference the caller
 * releases, or NULL (absent, or of another version: then it is dropped). */
struct gk_cached_page *gk_page_cache_get(struct gk_page_cache *c, const char *key,
					 const struct gk_site_version *v);
/* Keeps a copy of DATA (LEN bytes, of TYPE, a static string; CACHE_CONTROL
 * the route's own header or NULL) under KEY at version V, replacing what
 * was there; returns it with a reference, or
 * NULL if it does not fit or memory ran out (nothing kept). When the
 * replaced page had the same bytes, its ETag and Last-Modified carry over.
 * NOW is the time the bytes were rendered (unix seconds). */
struct gk_cached_page *gk_page_cache_put(struct gk_page_cache *c, const char *key,
					 const struct gk_site_version *v, const char *type,
					 const char *cache_control, const char *data, size_t len,
					 int64_t now);
/* Takes one more reference on P. */
void gk_cached_page_ref(struct gk_cached_page *p);
/* Gives back a reference; accepts NULL. */
void gk_cached_page_release(struct gk_cached_page *p);

/* True if the If-None-Match header value HEADER names ETAG (or is "*"). */
int gk_etag_matches(const char *header, const char *etag);

struct gk_page_cache_stats {
	uint64_t hits, misses, entries;
	size_t bytes, max_bytes;
};
void gk_page_cache_stats(struct gk_page_cache *c, struct gk_page_cache_stats *out);

#endif
