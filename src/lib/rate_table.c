/* In-memory counts by key: see rate_table.h. Open addressing over a short
 * probe; each slot keeps the counts of the current and the previous fixed
 * window of its key. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "lib/rate_table.h"

#define KEY_MAX 96
#define PROBE   16

struct slot {
	uint64_t hash;     /* 0: empty */
	int64_t start;     /* the current window's start */
	int64_t window;    /* its length; for a used key, when it may be forgotten */
	int64_t cur, prev; /* events in the current and the previous window */
	int64_t last;      /* the last event */
	char key[KEY_MAX];
};

struct gk_rate_table {
	pthread_mutex_t lock;
	unsigned mask;
	struct slot *slots;
};

struct gk_rate_table *gk_rate_table_new(unsigned slots)
{
	unsigned n = 64;
	while (n < slots && n < (1u << 24))
		n <<= 1;
	struct gk_rate_table *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->slots = calloc(n, sizeof *t->slots);
	if (!t->slots) {
		free(t);
		return NULL;
	}
	t->mask = n - 1;
	pthread_mutex_init(&t->lock, NULL);
	return t;
}

void gk_rate_table_free(struct gk_rate_table *t)
{
	if (!t)
		return;
	pthread_mutex_destroy(&t->lock);
	free(t->slots);
	free(t);
}

/* FNV-1a, never 0 (0 marks an empty slot). */
static uint64_t hash_key(const char *key)
{
	uint64_t h = 1469598103934665603ull;
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 1099511628211ull;
	return h ? h : 1;
}

/* Whether S holds nothing that still matters at NOW. */
static bool stale(const struct slot *s, int64_t now)
{
	return !s->hash || now - s->start >= 2 * s->window;
}

/* The slot of KEY, or a free one for it (CREATE), else NULL. EVICT: a
 * full neighbourhood gives up its oldest key. Called with the lock held. */
static struct slot *find(struct gk_rate_table *t, const char *key, int64_t now, bool create,
			 bool evict)
{
	uint64_t h = hash_key(key);
	struct slot *free_slot = NULL, *oldest = NULL;
	for (unsigned i = 0; i < PROBE; i++) {
		struct slot *s = &t->slots[(h + i) & t->mask];
		if (s->hash == h && strncmp(s->key, key, KEY_MAX - 1) == 0)
			return s;
		if (!free_slot && stale(s, now))
			free_slot = s;
		if (!oldest || s->last < oldest->last)
			oldest = s;
	}
	if (!create)
		return NULL;
	struct slot *s = free_slot ? free_slot : evict ? oldest : NULL;
	if (s) {
		memset(s, 0, sizeof *s);
		s->hash = h;
		strncpy(s->key, key, KEY_MAX - 1);
	}
	return s;
}

/* Moves S's windows forward to NOW. */
static void advance(struct slot *s, int64_t now, int64_t window)
{
	if (s->window != window || !s->start) {
		s->window = window;
		if (!s->start)
			s->start = now;
	}
	int64_t gone = (now - s->start) / window;
	if (gone >= 1) {
		s->prev = gone == 1 ? s->cur : 0;
		s->cur = 0;
		s->start += gone * window;
	}
}

static int64_t estimate(const struct slot *s, int64_t now)
{
	int64_t into = now - s->start; /* 0 <= into < window after advance */
	return s->cur + s->prev * (s->window - into) / s->window;
}

int64_t gk_rate_count(struct gk_rate_table *t, const char *key, int64_t now, int64_t window)
{
	if (window <= 0)
		return 0;
	pthread_mutex_lock(&t->lock);
	struct slot *s = find(t, key, now, false, false);
	int64_t n = 0;
	if (s) {
		advance(s, now, window);
		n = estimate(s, now);
	}
	pthread_mutex_unlock(&t->lock);
	return n;
}

void gk_rate_add(struct gk_rate_table *t, const char *key, int64_t now, int64_t window)
{
	(void)gk_rate_take(t, key, now, window, 0);
}

bool gk_rate_take(struct gk_rate_table *t, const char *key, int64_t now, int64_t window,
		  int64_t limit)
{
	if (window <= 0)
		return true;
	pthread_mutex_lock(&t->lock);
	struct slot *s = find(t, key, now, true, true);
	bool ok = true;
	if (s) {
		advance(s, now, window);
		ok = limit <= 0 || estimate(s, now) < limit;
		if (ok) {
			s->cur++;
			s->last = now;
		}
	}
	pthread_mutex_unlock(&t->lock);
	return ok;
}

int gk_rate_once(struct gk_rate_table *t, const char *key, int64_t now, int64_t ttl)
{
	pthread_mutex_lock(&t->lock);
	struct slot *s = find(t, key, now, false, false);
	int rc = 0;
	if (!s || stale(s, now)) {
		s = s ? s : find(t, key, now, true, false);
		if (!s) {
			rc = -1;
		} else {
			/* stale once 2 * window has passed: so window = ttl / 2, rounded up */
			s->start = now;
			s->window = ttl / 2 + 1;
			s->cur = 1;
			s->prev = 0;
			s->last = now;
			rc = 1;
		}
	}
	pthread_mutex_unlock(&t->lock);
	return rc;
}

int64_t gk_rate_last(struct gk_rate_table *t, const char *key)
{
	pthread_mutex_lock(&t->lock);
	struct slot *s = find(t, key, 0, false, false);
	int64_t last = s ? s->last : 0;
	pthread_mutex_unlock(&t->lock);
	return last;
}

void gk_rate_forget(struct gk_rate_table *t, const char *key)
{
	pthread_mutex_lock(&t->lock);
	struct slot *s = find(t, key, 0, false, false);
	if (s)
		memset(s, 0, sizeof *s);
	pthread_mutex_unlock(&t->lock);
}
