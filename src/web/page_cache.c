/* The rendered-page cache (see page_cache.h): shards of a chained hash
 * table, each with its own lock, byte budget and LRU list. An entry is one
 * allocation: bookkeeping, key, bytes. */
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "web/page_cache.h"

#define NSHARDS 16

struct entry {
	struct gk_cached_page page; /* first: a page pointer is its entry's */
	atomic_int refs;            /* the table's, while it is in, and each holder's */
	uint64_t hash;
	struct entry *chain;         /* the next in the bucket */
	struct entry *newer, *older; /* the shard's LRU list */
	size_t charge;               /* what it counts against the budget */
	unsigned char digest[16];    /* of the bytes */
	char *key;
};

struct shard {
	pthread_mutex_t lock;
	struct entry **buckets;
	size_t nbuckets, count;
	struct entry *newest, *oldest;
	size_t bytes, max_bytes;
};

struct gk_page_cache {
	struct shard shards[NSHARDS];
	size_t max_bytes;
	atomic_uint_fast64_t hits, misses;
};

static uint64_t hash_key(const char *key)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
		h ^= *p;
		h *= 1099511628211ULL;
	}
	return h;
}

struct gk_page_cache *gk_page_cache_new(size_t max_bytes)
{
	struct gk_page_cache *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->max_bytes = max_bytes;
	for (int i = 0; i < NSHARDS; i++) {
		struct shard *s = &c->shards[i];
		pthread_mutex_init(&s->lock, NULL);
		s->max_bytes = max_bytes / NSHARDS;
		s->nbuckets = 64;
		s->buckets = calloc(s->nbuckets, sizeof *s->buckets);
		if (!s->buckets) {
			gk_page_cache_free(c);
			return NULL;
		}
	}
	return c;
}

static void entry_unref(struct entry *e)
{
	if (atomic_fetch_sub(&e->refs, 1) == 1)
		free(e);
}

void gk_cached_page_ref(struct gk_cached_page *p)
{
	atomic_fetch_add(&((struct entry *)(void *)p)->refs, 1);
}

void gk_cached_page_release(struct gk_cached_page *p)
{
	if (p)
		entry_unref((struct entry *)(void *)p);
}

void gk_page_cache_free(struct gk_page_cache *c)
{
	if (!c)
		return;
	for (int i = 0; i < NSHARDS; i++) {
		struct shard *s = &c->shards[i];
		for (struct entry *e = s->newest, *next; e; e = next) {
			next = e->older;
			entry_unref(e);
		}
		free(s->buckets);
		pthread_mutex_destroy(&s->lock);
	}
	free(c);
}

static struct shard *shard_of(struct gk_page_cache *c, uint64_t hash)
{
	return &c->shards[(hash >> 56) % NSHARDS];
}

static struct entry **slot_of(struct shard *s, uint64_t hash, const char *key)
{
	struct entry **p = &s->buckets[hash & (s->nbuckets - 1)];
	while (*p && ((*p)->hash != hash || strcmp((*p)->key, key) != 0))
		p = &(*p)->chain;
	return p;
}

static void lru_unlink(struct shard *s, struct entry *e)
{
	if (e->newer)
		e->newer->older = e->older;
	else
		s->newest = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		s->oldest = e->newer;
	e->newer = e->older = NULL;
}

static void lru_push(struct shard *s, struct entry *e)
{
	e->older = s->newest;
	e->newer = NULL;
	if (s->newest)
		s->newest->newer = e;
	s->newest = e;
	if (!s->oldest)
		s->oldest = e;
}

/* Takes E out of the table (its slot is *SLOT) and drops the table's reference. */
static void remove_at(struct shard *s, struct entry **slot)
{
	struct entry *e = *slot;
	*slot = e->chain;
	lru_unlink(s, e);
	s->count--;
	s->bytes -= e->charge;
	entry_unref(e);
}

/* Doubles the bucket array when the chains grow long; stays as it is if
 * memory runs out (longer chains, still correct). */
static void maybe_grow(struct shard *s)
{
	if (s->count < s->nbuckets)
		return;
	size_t n = s->nbuckets * 2;
	struct entry **b = calloc(n, sizeof *b);
	if (!b)
		return;
	for (size_t i = 0; i < s->nbuckets; i++)
		for (struct entry *e = s->buckets[i], *next; e; e = next) {
			next = e->chain;
			e->chain = b[e->hash & (n - 1)];
			b[e->hash & (n - 1)] = e;
		}
	free(s->buckets);
	s->buckets = b;
	s->nbuckets = n;
}

struct gk_cached_page *gk_page_cache_get(struct gk_page_cache *c, const char *key,
					 const struct gk_site_version *v)
{
	uint64_t h = hash_key(key);
	struct shard *s = shard_of(c, h);
	struct entry *found = NULL;
	pthread_mutex_lock(&s->lock);
	struct entry *e = *slot_of(s, h, key);
	/* a page of another version stays until replaced or pushed out: its
	 * digest lets the next rendering keep its ETag if nothing changed */
	if (e && e->page.version.catalogue == v->catalogue && e->page.version.site == v->site) {
		lru_unlink(s, e);
		lru_push(s, e);
		atomic_fetch_add(&e->refs, 1);
		found = e;
	}
	pthread_mutex_unlock(&s->lock);
	atomic_fetch_add(found ? &c->hits : &c->misses, 1);
	return found ? &found->page : NULL;
}

static void http_date(int64_t t, char *out, size_t n)
{
	static const char days[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	snprintf(out, n, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday % 7], tm.tm_mday,
		 months[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

struct gk_cached_page *gk_page_cache_put(struct gk_page_cache *c, const char *key,
					 const struct gk_site_version *v, const char *type,
					 const char *cache_control, const char *data, size_t len,
					 int64_t now)
{
	size_t klen = strlen(key);
	size_t charge = sizeof(struct entry) + klen + 1 + len;
	uint64_t h = hash_key(key);
	struct shard *s = shard_of(c, h);
	if (charge > s->max_bytes)
		return NULL;
	struct entry *e = malloc(charge);
	if (!e)
		return NULL;
	memset(e, 0, sizeof *e);
	e->key = (char *)(e + 1);
	memcpy(e->key, key, klen + 1);
	char *bytes = e->key + klen + 1;
	if (len)
		memcpy(bytes, data, len);
	e->page.version = *v;
	e->page.content_type = type;
	if (cache_control)
		snprintf(e->page.cache_control, sizeof e->page.cache_control, "%s", cache_control);
	e->page.len = len;
	e->page.data = bytes;
	e->hash = h;
	e->charge = charge;
	atomic_init(&e->refs, 2); /* the table's and the caller's */
	crypto_generichash(e->digest, sizeof e->digest, (const unsigned char *)data, len, NULL, 0);
	char hex[sizeof e->digest * 2 + 1];
	sodium_bin2hex(hex, sizeof hex, e->digest, sizeof e->digest);
	snprintf(e->page.etag, sizeof e->page.etag, "\"%s\"", hex);
	e->page.modified = now;

	pthread_mutex_lock(&s->lock);
	struct entry **slot = slot_of(s, h, key);
	if (*slot) {
		/* the same bytes rendered again: the validators stay, so clients
		 * keep their 304s across changes that did not touch this page */
		if (memcmp((*slot)->digest, e->digest, sizeof e->digest) == 0)
			e->page.modified = (*slot)->page.modified;
		remove_at(s, slot);
	}
	http_date(e->page.modified, e->page.last_modified, sizeof e->page.last_modified);
	maybe_grow(s);
	slot = &s->buckets[h & (s->nbuckets - 1)];
	e->chain = *slot;
	*slot = e;
	lru_push(s, e);
	s->count++;
	s->bytes += charge;
	while (s->bytes > s->max_bytes && s->oldest != e)
		remove_at(s, slot_of(s, s->oldest->hash, s->oldest->key));
	pthread_mutex_unlock(&s->lock);
	return &e->page;
}

int gk_etag_matches(const char *header, const char *etag)
{
	size_t n = strlen(etag);
	const char *p = header;
	while (p && *p) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '*')
			return 1;
		/* If-None-Match compares weakly: W/"x" matches "x" */
		if (p[0] == 'W' && p[1] == '/')
			p += 2;
		size_t len = strcspn(p, ",");
		while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (len == n && memcmp(p, etag, n) == 0)
			return 1;
		p = strchr(p, ',');
	}
	return 0;
}

void gk_page_cache_stats(struct gk_page_cache *c, struct gk_page_cache_stats *out)
{
	memset(out, 0, sizeof *out);
	out->hits = atomic_load(&c->hits);
	out->misses = atomic_load(&c->misses);
	out->max_bytes = c->max_bytes;
	for (int i = 0; i < NSHARDS; i++) {
		struct shard *s = &c->shards[i];
		pthread_mutex_lock(&s->lock);
		out->entries += s->count;
		out->bytes += s->bytes;
		pthread_mutex_unlock(&s->lock);
	}
}
