/* Queries: listings, searches with tiers, counts and facets, over the main
 * part merged in order with the delta. */
#include <stdlib.h>
#include <string.h>

#include "core/catalogue_index/internal.h"

int64_t ci_key_find(const struct ci_main *m, const char *key)
{
	uint32_t lo = 0, hi = m->nkeys;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = strcmp(ci_key(m, mid), key);
		if (!c)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* The first key number whose string is >= PREFIX. */
static uint32_t key_lower_bound(const struct ci_main *m, const char *prefix)
{
	uint32_t lo = 0, hi = m->nkeys;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (strcmp(ci_key(m, mid), prefix) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool ci_doc_has_key(const struct ci_main *m, uint32_t d, uint32_t k)
{
	/* a dense key's bitmap is one probe in a few hundred kilobytes that
	 * stay cached; the document's key list is a search in cold memory */
	if (m->kbit_idx[k] != UINT32_MAX) {
		const uint64_t *bits = m->kbits + (uint64_t)m->kbit_idx[k] * ((m->n + 63) / 64);
		return bits[d >> 6] >> (d & 63) & 1;
	}
	uint64_t lo = m->dkey_off[d], hi = m->dkey_off[d + 1];
	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;
		if (m->dkey[mid] == k)
			return true;
		if (m->dkey[mid] < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Whether W occurs in H: memchr for the word's last byte (for Chinese a
 * continuation byte, varied enough), then memcmp. glibc's memmem prepares
 * a table per call, which costs more than the search on ~500 bytes. */
static bool occurs(const char *h, size_t hl, const char *w, size_t wl)
{
	if (wl > hl)
		return false;
	size_t k = wl - 1;
	unsigned char c = (unsigned char)w[k];
	const char *p = h + k, *end = h + hl;
	while (p < end && (p = memchr(p, c, (size_t)(end - p)))) {
		if (memcmp(p - k, w, k) == 0)
			return true;
		p++;
	}
	return false;
}

/* -1: not every word occurs; 0: every word in A; 1: otherwise. */
static int tier_of(const struct ci_words *w, const char *t, size_t alen, size_t blen)
{
	int tier = 0;
	for (size_t i = 0; i < w->n; i++) {
		if (occurs(t, alen, w->w[i], w->len[i]))
			continue;
		if (!occurs(t + alen, blen, w->w[i], w->len[i]))
			return -1;
		tier = 1;
	}
	return tier;
}

/* Facet counting: one slot per key counted. */
struct facets {
	const char *const *prefixes;
	size_t nprefixes;
	int32_t *main_slot; /* per main key: slot + 1, 0 none yet, -1 not wanted */
	struct gk_catalogue_facet *v;
	size_t n, cap;
	bool failed;
};

static bool wanted(const struct facets *f, const char *key)
{
	for (size_t i = 0; i < f->nprefixes; i++)
		if (starts_with(key, f->prefixes[i]))
			return true;
	return false;
}

static int32_t new_slot(struct facets *f, const char *key)
{
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 16;
		struct gk_catalogue_facet *v = realloc(f->v, cap * sizeof *v);
		if (!v)
			return -1;
		f->v = v;
		f->cap = cap;
	}
	char *k = strdup(key);
	if (!k)
		return -1;
	f->v[f->n] = (struct gk_catalogue_facet){k, 0};
	return (int32_t)f->n++;
}

static void facet_main(struct facets *f, const struct ci_main *m, uint32_t d)
{
	for (uint64_t p = m->dkey_off[d]; p < m->dkey_off[d + 1]; p++) {
		uint32_t k = m->dkey[p];
		int32_t s = f->main_slot[k];
		if (s < 0)
			continue;
		if (s == 0) {
			if (!wanted(f, ci_key(m, k))) {
				f->main_slot[k] = -1;
				continue;
			}
			int32_t ns = new_slot(f, ci_key(m, k));
			if (ns < 0) {
				f->failed = true;
				return;
			}
			s = f->main_slot[k] = ns + 1;
		}
		f->v[s - 1].count++;
	}
}

static void facet_delta(struct facets *f, const struct ci_main *m, const struct ci_ddoc *dd)
{
	for (size_t i = 0; i < dd->nkeys; i++) {
		const char *key = dd->keys[i];
		if (!wanted(f, key))
			continue;
		int64_t k = ci_key_find(m, key);
		int32_t s = -1;
		if (k >= 0 && f->main_slot[k] > 0)
			s = f->main_slot[k] - 1;
		for (size_t j = 0; s < 0 && j < f->n; j++)
			if (strcmp(f->v[j].key, key) == 0)
				s = (int32_t)j;
		if (s < 0) {
			s = new_slot(f, key);
			if (s < 0) {
				f->failed = true;
				return;
			}
			if (k >= 0)
				f->main_slot[k] = s + 1;
		}
		f->v[s].count++;
	}
}

static int cmp_facet(const void *a, const void *b)
{
	return strcmp(((const struct gk_catalogue_facet *)a)->key,
		      ((const struct gk_catalogue_facet *)b)->key);
}

/* A cursor: over a gram list, over a key's plain list of doc numbers, or
 * over the union of two intersections (a word in text A or in text B). */
struct cursor {
	struct ci_cur c; /* a gram list, when arr is NULL and nside is 0 */
	const uint32_t *arr;
	uint32_t n, pos;
	struct cursor *side[2]; /* the union's two intersections */
	size_t nside[2];
	uint32_t at[2]; /* each side's current doc */
	bool started;
	uint64_t count; /* size, or an estimate for a union */
};

static uint32_t intersect_next(struct cursor *c, size_t n, uint32_t d);

static uint32_t cursor_geq(struct cursor *c, uint32_t target)
{
	if (c->nside[0] || c->nside[1]) {
		uint32_t best = UINT32_MAX;
		for (int s = 0; s < 2; s++) {
			if (!c->nside[s])
				continue;
			if (!c->started || (c->at[s] < target && c->at[s] != UINT32_MAX))
				c->at[s] = intersect_next(c->side[s], c->nside[s], target);
			if (c->at[s] < best)
				best = c->at[s];
		}
		c->started = true;
		return best;
	}
	if (!c->arr)
		return ci_cur_geq(&c->c, target);
	uint32_t lo = c->pos, step = 1;
	if (lo >= c->n)
		return UINT32_MAX;
	if (c->arr[lo] >= target)
		return c->arr[lo];
	/* gallop: arr[lo] < target */
	while (lo + step < c->n && c->arr[lo + step] < target) {
		lo += step;
		step *= 2;
	}
	uint32_t hi = lo + step < c->n ? lo + step : c->n;
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (c->arr[mid] < target)
			lo = mid;
		else
			hi = mid;
	}
	c->pos = hi;
	return hi < c->n ? c->arr[hi] : UINT32_MAX;
}

static int cmp_cursor(const void *a, const void *b)
{
	uint64_t x = ((const struct cursor *)a)->count, y = ((const struct cursor *)b)->count;
	return x < y ? -1 : x > y;
}

/* The next doc >= D in every cursor, or UINT32_MAX. */
static uint32_t intersect_next(struct cursor *c, size_t n, uint32_t d)
{
	for (;;) {
		d = cursor_geq(&c[0], d);
		if (d == UINT32_MAX)
			return d;
		size_t i = 1;
		for (; i < n; i++) {
			uint32_t x = cursor_geq(&c[i], d);
			if (x != d) {
				d = x;
				break;
			}
		}
		if (i == n)
			return d;
		if (d == UINT32_MAX)
			return d;
	}
}

#define MAX_GRAMS (GK_CATALOGUE_QUERY_MAX * 2)
/* candidates verified together */
#define CI_BATCH 16
/* Of a verified word's grams, the intersection takes the rarest of each
 * third: rare, and far apart, so their co-occurrence says more. */
#define CI_SEGMENTS 3
/* cursors a query may need: per word two sides of CI_SEGMENTS, a union,
 * plus the keys' lists */
#define MAX_CURSORS (GK_CATALOGUE_QUERY_WORDS * (2 * CI_SEGMENTS + 1) + 16)

/* The state of one query. */
struct run {
	const struct gk_catalogue_index *ix;
	const struct gk_catalogue_query *q;
	struct ci_words words;
	bool verify[GK_CATALOGUE_QUERY_WORDS]; /* the grams do not settle it */
	/* per word, in order: [0] for text B (bigrams), [1] for text A (with
	 * trigrams) */
	uint64_t grams[2][GK_CATALOGUE_QUERY_WORDS][MAX_GRAMS];
	size_t ngrams[2][GK_CATALOGUE_QUERY_WORDS];
	struct cursor *pool; /* MAX_CURSORS */
	size_t npool;
	bool search;
	int64_t *kid; /* main key numbers of the query's keys (-1: none) */
	bool main_ok; /* every key exists in the main part */
	struct ci_ddoc **dd;
	size_t ndd;
	int64_t offset, limit, cap, emitted;
	bool done;
	struct gk_catalogue_result *out;
	size_t hcap;
	struct facets f;
	bool failed;
	/* main docs of tier 0, to leave out of tier 1 */
	uint32_t *t0;
	size_t nt0, t0cap;
};

/* Takes the next match in ranking order; false once no more are needed. */
static bool emit(struct run *r, int64_t id, int tier, uint32_t main_d, const struct ci_ddoc *dd)
{
	if (r->cap && r->emitted == r->cap) {
		r->out->capped = true;
		r->done = true;
		return false;
	}
	if (r->emitted >= r->offset && (int64_t)r->out->nhits < r->limit) {
		if (r->out->nhits == r->hcap) {
			size_t cap = r->hcap ? r->hcap * 2 : 16;
			struct gk_catalogue_hit *h = realloc(r->out->hits, cap * sizeof *h);
			if (!h) {
				r->failed = r->done = true;
				return false;
			}
			r->out->hits = h;
			r->hcap = cap;
		}
		r->out->hits[r->out->nhits++] = (struct gk_catalogue_hit){id, tier};
	}
	if (r->f.nprefixes) {
		if (dd)
			facet_delta(&r->f, &r->ix->m, dd);
		else
			facet_main(&r->f, &r->ix->m, main_d);
	}
	r->emitted++;
	if (!dd && tier == 0) {
		if (r->nt0 == r->t0cap) {
			size_t cap = r->t0cap ? r->t0cap * 2 : 256;
			uint32_t *p = realloc(r->t0, cap * sizeof *p);
			if (!p) {
				r->failed = r->done = true;
				return false;
			}
			r->t0 = p;
			r->t0cap = cap;
		}
		r->t0[r->nt0++] = main_d;
	}
	return true;
}

static bool main_keys_ok(const struct run *r, uint32_t d)
{
	for (size_t i = 0; i < r->q->nkeys; i++)
		if (!ci_doc_has_key(&r->ix->m, d, (uint32_t)r->kid[i]))
			return false;
	return true;
}

static bool delta_keys_ok(const struct run *r, const struct ci_ddoc *dd)
{
	for (size_t i = 0; i < r->q->nkeys; i++)
		if (!ci_ddoc_has_key(dd, r->q->keys[i]))
			return false;
	return true;
}

/* Emits the delta docs of tier TIER ordered before main doc D (every one
 * left, for D == UINT32_MAX); *J walks r->dd. */
static void emit_delta_before(struct run *r, int tier, uint32_t d, size_t *j)
{
	while (!r->done && *j < r->ndd) {
		const struct ci_ddoc *dd = r->dd[*j];
		if (dd->bound > d)
			return;
		(*j)++;
		if (!delta_keys_ok(r, dd))
			continue;
		if (tier_of(&r->words, dd->text, dd->alen, dd->blen) == tier)
			emit(r, dd->id, tier, 0, dd);
	}
}

/* Does main doc D (a candidate from the lists of tier TIER) match, and is
 * it of that tier? */
static bool main_verify(const struct run *r, uint32_t d, int tier)
{
	const struct ci_main *m = &r->ix->m;
	const char *t = m->text + m->text_off[d];
	size_t alen = m->alen[d], blen = m->text_off[d + 1] - m->text_off[d] - alen;
	for (size_t i = 0; i < r->words.n; i++) {
		if (!r->verify[i])
			continue;
		const char *w = r->words.w[i];
		size_t wl = r->words.len[i];
		if (occurs(t, alen, w, wl))
			continue;
		if (tier == 0 || !occurs(t + alen, blen, w, wl))
			return false;
	}
	return true;
}

/* Adds to the pool the cursors for word I on side TIER0 (text A) or
 * not (text B): the lists of its selected grams. Returns how many, 0 if
 * the word cannot occur on that side. */
static size_t word_side(struct run *r, size_t i, bool tier0)
{
	const struct ci_main *m = &r->ix->m;
	size_t n = r->ngrams[tier0][i];
	struct ci_list l[MAX_GRAMS];
	for (size_t g = 0; g < n; g++)
		if (!ci_gram_find(m, r->grams[tier0][i][g] | (tier0 ? CI_TIER0 : 0), &l[g]) ||
		    !l[g].count)
			return 0;
	size_t k = 0;
	for (size_t s = 0; s < CI_SEGMENTS && s < n; s++) {
		/* the rarest gram of segment S (each gram its own segment when few) */
		size_t a = n <= CI_SEGMENTS ? s : s * n / CI_SEGMENTS;
		size_t b = n <= CI_SEGMENTS ? s + 1 : (s + 1) * n / CI_SEGMENTS;
		size_t best = a;
		for (size_t g = a + 1; g < b; g++)
			if (l[g].count < l[best].count)
				best = g;
		struct cursor *c = &r->pool[r->npool++];
		memset(c, 0, sizeof *c);
		ci_cur_init(&c->c, &l[best]);
		c->count = l[best].count;
		k++;
	}
	return k;
}

/* One tier of a search: tier 0 intersects each word's text A lists;
 * tier 1 each word's (A lists or B lists), leaving out tier 0's matches.
 * With the keys' lists; verified; merged in order with the delta. */
static void search_tier(struct run *r, int tier)
{
	const struct ci_main *m = &r->ix->m;
	struct cursor *top[GK_CATALOGUE_QUERY_WORDS * CI_SEGMENTS + 16];
	size_t nc = 0;
	bool main_ok = r->main_ok && m->n > 0;
	r->npool = 0;
	for (size_t i = 0; main_ok && i < r->words.n; i++) {
		if (tier == 0) {
			size_t at = r->npool, k = word_side(r, i, true);
			if (!k)
				main_ok = false;
			for (size_t j = 0; j < k; j++)
				top[nc++] = &r->pool[at + j];
			continue;
		}
		/* one word: tier 1 is "in B, not in A", so B's lists suffice */
		size_t at0 = r->npool, k0 = r->words.n == 1 ? 0 : word_side(r, i, true);
		size_t at1 = r->npool, k1 = word_side(r, i, false);
		if (!k0 && !k1) {
			main_ok = false;
			break;
		}
		struct cursor *u = &r->pool[r->npool++];
		memset(u, 0, sizeof *u);
		u->side[0] = &r->pool[at0];
		u->nside[0] = k0;
		u->side[1] = &r->pool[at1];
		u->nside[1] = k1;
		uint64_t c0 = UINT64_MAX, c1 = UINT64_MAX;
		for (size_t j = 0; j < k0; j++)
			c0 = u->side[0][j].count < c0 ? u->side[0][j].count : c0;
		for (size_t j = 0; j < k1; j++)
			c1 = u->side[1][j].count < c1 ? u->side[1][j].count : c1;
		u->count = (k0 ? c0 : 0) + (k1 ? c1 : 0);
		qsort(u->side[0], k0, sizeof *u, cmp_cursor);
		qsort(u->side[1], k1, sizeof *u, cmp_cursor);
		top[nc++] = u;
	}
	for (size_t k = 0; main_ok && k < r->q->nkeys && k < 16; k++) {
		uint64_t a = m->kpost_off[r->kid[k]], b = m->kpost_off[r->kid[k] + 1];
		struct cursor *c = &r->pool[r->npool++];
		memset(c, 0, sizeof *c);
		c->arr = m->kpost + a;
		c->n = (uint32_t)(b - a);
		c->count = c->n;
		top[nc++] = c;
	}
	size_t j = 0;
	if (main_ok) {
		/* rarest first; the cursors are moved into one array */
		struct cursor *cur = &r->pool[r->npool];
		for (size_t i = 0; i < nc; i++)
			cur[i] = *top[i];
		qsort(cur, nc, sizeof *cur, cmp_cursor);
		size_t t0 = 0;
		uint32_t d = 0;
		bool verify = false;
		for (size_t i = 0; i < r->words.n; i++)
			verify = verify || r->verify[i];
		/* candidates in batches: their texts are prefetched together, so
		 * that the cache misses of verification overlap */
		uint32_t batch[CI_BATCH];
		while (!r->done && d != UINT32_MAX) {
			size_t nb = 0;
			while (nb < (verify ? CI_BATCH : 1)) {
				d = intersect_next(cur, nc, d);
				if (d == UINT32_MAX)
					break;
				bool skip = ci_is_dead(r->ix, d) ||
					    (r->q->nkeys > 16 && !main_keys_ok(r, d));
				if (!skip && tier == 1) {
					while (t0 < r->nt0 && r->t0[t0] < d)
						t0++;
					skip = t0 < r->nt0 && r->t0[t0] == d;
				}
				if (!skip)
					batch[nb++] = d;
				d++;
			}
			if (verify) {
				for (size_t i = 0; i < nb; i++) {
					__builtin_prefetch(&m->text_off[batch[i]]);
					__builtin_prefetch(&m->alen[batch[i]]);
				}
				for (size_t i = 0; i < nb; i++) {
					const char *t = m->text + m->text_off[batch[i]];
					__builtin_prefetch(t);
					__builtin_prefetch(t + m->alen[batch[i]]);
					__builtin_prefetch(t + m->alen[batch[i]] + 64);
				}
			}
			for (size_t i = 0; i < nb && !r->done; i++) {
				if (!main_verify(r, batch[i], tier))
					continue;
				emit_delta_before(r, tier, batch[i], &j);
				if (r->done)
					break;
				emit(r, m->ids[batch[i]], tier, batch[i], NULL);
			}
		}
	}
	emit_delta_before(r, tier, UINT32_MAX, &j);
}

/* --- listings ----------------------------------------------------------- */

/* The main part's documents with every key, alive, as a sequence with
 * rank and select. */
struct seq {
	const struct gk_catalogue_index *ix;
	const int64_t *kid;
	size_t nk;
	const uint32_t *drv; /* the shortest key list, or NULL: every doc */
	uint64_t ndrv;
	const uint64_t *bits[16]; /* when every key has a bitmap (nbits > 0) */
	size_t nbits;
	uint64_t pos; /* in drv, or a doc number */
};

static bool seq_ok(const struct seq *s, uint32_t d)
{
	if (ci_is_dead(s->ix, d))
		return false;
	for (size_t i = 0; i < s->nk; i++)
		if (s->drv != s->ix->m.kpost + s->ix->m.kpost_off[s->kid[i]] &&
		    !ci_doc_has_key(&s->ix->m, d, (uint32_t)s->kid[i]))
			return false;
	return true;
}

static uint64_t seq_word(const struct seq *s, size_t w)
{
	uint64_t x = s->bits[0][w];
	for (size_t i = 1; i < s->nbits; i++)
		x &= s->bits[i][w];
	if (s->ix->dead)
		x &= ~s->ix->dead[w];
	return x;
}

static void seq_init(struct seq *s, const struct gk_catalogue_index *ix, const int64_t *kid,
		     size_t nk)
{
	const struct ci_main *m = &ix->m;
	memset(s, 0, sizeof *s);
	s->ix = ix;
	s->kid = kid;
	s->nk = nk;
	if (!nk)
		return;
	size_t best = 0;
	for (size_t i = 1; i < nk; i++)
		if (m->kpost_off[kid[i] + 1] - m->kpost_off[kid[i]] <
		    m->kpost_off[kid[best] + 1] - m->kpost_off[kid[best]])
			best = i;
	s->drv = m->kpost + m->kpost_off[kid[best]];
	s->ndrv = m->kpost_off[kid[best] + 1] - m->kpost_off[kid[best]];
	if (nk > 1 && nk <= 16) {
		size_t i = 0;
		for (; i < nk && m->kbit_idx[kid[i]] != UINT32_MAX; i++)
			s->bits[i] = m->kbits + (uint64_t)m->kbit_idx[kid[i]] * ((m->n + 63) / 64);
		s->nbits = i == nk ? nk : 0;
	}
}

/* How many of the sequence are below doc B. */
static uint64_t seq_rank(const struct seq *s, uint32_t b)
{
	const struct gk_catalogue_index *ix = s->ix;
	if (s->nbits) {
		uint64_t c = 0;
		size_t w = 0;
		if (s->nbits == 2 && !ix->dead) {
			/* the common case, in a loop the compiler can unroll */
			const uint64_t *x = s->bits[0], *y = s->bits[1];
			for (; w < b / 64; w++)
				c += (uint64_t)__builtin_popcountll(x[w] & y[w]);
		}
		for (; w < b / 64; w++)
			c += (uint64_t)__builtin_popcountll(seq_word(s, w));
		if (b & 63)
			c += (uint64_t)__builtin_popcountll(seq_word(s, b / 64) &
							    (((uint64_t)1 << (b & 63)) - 1));
		return c;
	}
	if (!s->drv) {
		uint64_t c = b;
		if (ix->ndead) {
			for (size_t w = 0; w < b / 64; w++)
				c -= (uint64_t)__builtin_popcountll(ix->dead[w]);
			if (b & 63)
				c -= (uint64_t)__builtin_popcountll(
					ix->dead[b / 64] & (((uint64_t)1 << (b & 63)) - 1));
		}
		return c;
	}
	uint64_t lo = 0, hi = s->ndrv;
	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;
		if (s->drv[mid] < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (s->nk == 1 && !ix->ndead)
		return lo;
	uint64_t c = 0;
	for (uint64_t i = 0; i < lo; i++)
		c += seq_ok(s, s->drv[i]);
	return c;
}

/* Positions the sequence at its R-th document. */
static void seq_select(struct seq *s, uint64_t r)
{
	const struct gk_catalogue_index *ix = s->ix;
	uint32_t n = ix->m.n;
	if (s->nbits || (!s->drv && ix->ndead)) {
		size_t words = ((size_t)n + 63) / 64, w = 0;
		for (; w < words; w++) {
			uint64_t x = s->nbits ? seq_word(s, w) : ~ix->dead[w];
			if (w == words - 1 && (n & 63))
				x &= ((uint64_t)1 << (n & 63)) - 1;
			uint64_t c = (uint64_t)__builtin_popcountll(x);
			if (c > r) {
				while (r--)
					x &= x - 1;
				s->pos = (uint64_t)w * 64 + (uint64_t)__builtin_ctzll(x);
				return;
			}
			r -= c;
		}
		s->pos = n;
		return;
	}
	if (!s->drv) {
		s->pos = r < n ? r : n;
		return;
	}
	if (s->nk == 1 && !ix->ndead) {
		s->pos = r < s->ndrv ? r : s->ndrv;
		return;
	}
	uint64_t i = 0;
	for (; i < s->ndrv; i++)
		if (seq_ok(s, s->drv[i]) && r-- == 0)
			break;
	s->pos = i;
}

/* The current document, then the next; UINT32_MAX at the end. */
static uint32_t seq_next(struct seq *s)
{
	const struct gk_catalogue_index *ix = s->ix;
	uint32_t n = ix->m.n;
	if (s->nbits) {
		while (s->pos < n) {
			uint64_t w = s->pos / 64;
			uint64_t x = seq_word(s, w) & (~0ULL << (s->pos & 63));
			if (x) {
				uint64_t d = w * 64 + (uint64_t)__builtin_ctzll(x);
				if (d >= n)
					break;
				s->pos = d + 1;
				return (uint32_t)d;
			}
			s->pos = (w + 1) * 64;
		}
		s->pos = n;
		return UINT32_MAX;
	}
	if (!s->drv) {
		while (s->pos < n && ci_is_dead(ix, (uint32_t)s->pos))
			s->pos++;
		return s->pos < n ? (uint32_t)s->pos++ : UINT32_MAX;
	}
	while (s->pos < s->ndrv && !seq_ok(s, s->drv[s->pos]))
		s->pos++;
	return s->pos < s->ndrv ? s->drv[s->pos++] : UINT32_MAX;
}

static uint64_t seq_count(const struct seq *s)
{
	return seq_rank(s, s->ix->m.n);
}

/* A listing: the main sequence and the delta's matches merged by rank. */
static int listing(struct run *r)
{
	const struct gk_catalogue_index *ix = r->ix;
	const struct ci_main *m = &ix->m;
	struct seq s;
	bool main_ok = r->main_ok && m->n;
	if (main_ok)
		seq_init(&s, ix, r->kid, r->q->nkeys);
	/* the delta's matches, with the main doc each comes before */
	size_t k = 0;
	uint32_t *bound = malloc((r->ndd + 1) * sizeof *bound);
	if (!bound)
		return -1;
	for (size_t j = 0; j < r->ndd; j++)
		if (delta_keys_ok(r, r->dd[j])) {
			r->dd[k] = r->dd[j];
			bound[k++] = r->dd[j]->bound;
		}
	uint64_t nmain = main_ok ? seq_count(&s) : 0;
	r->out->total = (int64_t)(nmain + k);
	/* JC: delta matches before the offset (merged index rank(bound) + j) */
	size_t lo = 0, hi = k;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint64_t at = (main_ok ? seq_rank(&s, bound[mid]) : 0) + mid;
		if ((int64_t)at < r->offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t j = lo;
	uint64_t mstart = (uint64_t)r->offset - j;
	uint32_t d = UINT32_MAX;
	if (main_ok && mstart < nmain) {
		seq_select(&s, mstart);
		d = seq_next(&s);
	}
	r->emitted = r->offset;
	while ((int64_t)r->out->nhits < r->limit && (d != UINT32_MAX || j < k)) {
		if (j < k && (d == UINT32_MAX || bound[j] <= d)) {
			emit(r, r->dd[j]->id, 0, 0, r->dd[j]);
			j++;
		} else {
			emit(r, m->ids[d], 0, d, NULL);
			d = seq_next(&s);
		}
		if (r->failed)
			break;
	}
	free(bound);
	return r->failed ? -1 : 0;
}

void gk_catalogue_result_release(struct gk_catalogue_result *res)
{
	if (!res)
		return;
	free(res->hits);
	for (size_t i = 0; i < res->nfacets; i++)
		free((char *)res->facets[i].key);
	free(res->facets);
	memset(res, 0, sizeof *res);
}

/* The grams of every word; which words need checking. */
static void plan(struct run *r)
{
	for (size_t i = 0; i < r->words.n; i++) {
		size_t n =
			ci_grams(r->words.w[i], r->words.len[i], r->grams[0][i], MAX_GRAMS, false);
		r->ngrams[0][i] = n < MAX_GRAMS ? n : MAX_GRAMS;
		size_t n3 =
			ci_grams(r->words.w[i], r->words.len[i], r->grams[1][i], MAX_GRAMS, true);
		r->ngrams[1][i] = n3 < MAX_GRAMS ? n3 : MAX_GRAMS;
		/* one gram covering the whole word: its lists are exact */
		bool one_run = !memchr(r->words.w[i], ' ', r->words.len[i]);
		r->verify[i] = !(n == 1 && one_run);
	}
}

enum gk_catalogue_query_error gk_catalogue_index_query(const struct gk_catalogue_index *ix,
						       const struct gk_catalogue_query *q,
						       struct gk_catalogue_result *out)
{
	memset(out, 0, sizeof *out);
	struct run r = {0};
	enum gk_catalogue_query_error err = GK_CQ_OK;
	r.ix = ix;
	r.q = q;
	r.out = out;
	r.offset = q->offset > 0 ? q->offset : 0;
	r.limit = q->limit > 0 ? q->limit : 0;
	r.search = q->text && q->text[0];
	if (r.search) {
		err = ci_words_parse(&r.words, q->text);
		if (err)
			return err;
		r.cap = q->count_cap > 0 ? q->count_cap : 0;
		if (r.cap && r.offset >= r.cap) {
			ci_words_release(&r.words);
			return GK_CQ_TOO_DEEP;
		}
		r.f.prefixes = q->facet_prefixes;
		r.f.nprefixes = q->facet_prefixes ? q->nfacet_prefixes : 0;
		plan(&r);
	}
	err = GK_CQ_NO_MEMORY;
	r.kid = malloc((q->nkeys + 1) * sizeof *r.kid);
	if (!r.kid)
		goto out;
	r.main_ok = true;
	for (size_t i = 0; i < q->nkeys; i++) {
		r.kid[i] = ci_key_find(&ix->m, q->keys[i]);
		if (r.kid[i] < 0)
			r.main_ok = false;
	}
	if (ix->delta_live) {
		r.dd = ci_delta_sorted(ix, &r.ndd);
		if (!r.dd)
			goto out;
	}
	if (r.f.nprefixes) {
		r.f.main_slot = calloc(ix->m.nkeys + 1, sizeof *r.f.main_slot);
		if (!r.f.main_slot)
			goto out;
	}
	if (r.search) {
		/* twice: the per-tier cursors, then their sorted copies */
		r.pool = malloc(2 * MAX_CURSORS * sizeof *r.pool);
		if (!r.pool)
			goto out;
		search_tier(&r, 0);
		search_tier(&r, 1);
		out->total = r.emitted;
	} else if (listing(&r)) {
		goto out;
	}
	if (r.failed || r.f.failed)
		goto out;
	if (r.f.n) {
		size_t k = 0;
		for (size_t i = 0; i < r.f.n; i++)
			if (r.f.v[i].count)
				r.f.v[k++] = r.f.v[i];
		qsort(r.f.v, k, sizeof *r.f.v, cmp_facet);
		out->facets = r.f.v;
		out->nfacets = k;
		r.f.v = NULL;
		r.f.n = 0;
	}
	err = GK_CQ_OK;
out:
	if (err)
		gk_catalogue_result_release(out);
	for (size_t i = 0; i < r.f.n; i++)
		free((char *)r.f.v[i].key);
	free(r.f.v);
	free(r.f.main_slot);
	free(r.dd);
	free(r.kid);
	free(r.t0);
	free(r.pool);
	ci_words_release(&r.words);
	return err;
}

/* Main documents alive with every key of KID (N of them, all existing). */
static int64_t count_main(const struct gk_catalogue_index *ix, const int64_t *kid, size_t n)
{
	const struct ci_main *m = &ix->m;
	if (!n)
		return m->n - ix->ndead;
	size_t best = 0;
	for (size_t i = 1; i < n; i++)
		if (m->kpost_off[kid[i] + 1] - m->kpost_off[kid[i]] <
		    m->kpost_off[kid[best] + 1] - m->kpost_off[kid[best]])
			best = i;
	int64_t c = 0;
	for (uint64_t p = m->kpost_off[kid[best]]; p < m->kpost_off[kid[best] + 1]; p++) {
		uint32_t d = m->kpost[p];
		if (ci_is_dead(ix, d))
			continue;
		size_t i = 0;
		while (i < n && (i == best || ci_doc_has_key(m, d, (uint32_t)kid[i])))
			i++;
		c += i == n;
	}
	return c;
}

static bool delta_has_all(const struct ci_ddoc *dd, const char *const *keys, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!ci_ddoc_has_key(dd, keys[i]))
			return false;
	return true;
}

/* The count for KEYS plus EXTRA (NULL: none). */
static int64_t count_keys(const struct gk_catalogue_index *ix, const char *const *keys,
			  size_t nkeys, const char *extra)
{
	int64_t stack[16], *kid = stack;
	size_t n = nkeys + (extra != NULL);
	if (n > 16 && !(kid = malloc(n * sizeof *kid)))
		return -1;
	bool main_ok = true;
	for (size_t i = 0; i < n; i++) {
		kid[i] = ci_key_find(&ix->m, i < nkeys ? keys[i] : extra);
		if (kid[i] < 0)
			main_ok = false;
	}
	int64_t c = main_ok ? count_main(ix, kid, n) : 0;
	for (size_t j = 0; j < ix->ndelta; j++) {
		const struct ci_ddoc *dd = ix->delta[j];
		if (!dd->dead && delta_has_all(dd, keys, nkeys) &&
		    (!extra || ci_ddoc_has_key(dd, extra)))
			c++;
	}
	if (kid != stack)
		free(kid);
	return c;
}

int64_t gk_catalogue_index_count(const struct gk_catalogue_index *ix, const char *const *keys,
				 size_t nkeys)
{
	if (!nkeys)
		return (int64_t)gk_catalogue_index_size(ix);
	return count_keys(ix, keys, nkeys, NULL);
}

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void gk_catalogue_index_facet(const struct gk_catalogue_index *ix, const char *prefix,
			      const char *const *keys, size_t nkeys,
			      void (*fn)(const char *key, int64_t count, void *ctx), void *ctx)
{
	const struct ci_main *m = &ix->m;
	/* candidate keys: the main part's with the prefix, then the delta's */
	size_t nc = 0, cap = 16;
	const char **c = malloc(cap * sizeof *c);
	if (!c)
		return;
	for (uint32_t k = key_lower_bound(m, prefix);
	     k < m->nkeys && starts_with(ci_key(m, k), prefix); k++) {
		if (nc == cap) {
			const char **p = realloc(c, (cap *= 2) * sizeof *c);
			if (!p)
				goto out;
			c = p;
		}
		c[nc++] = ci_key(m, k);
	}
	for (size_t j = 0; j < ix->ndelta; j++) {
		const struct ci_ddoc *dd = ix->delta[j];
		for (size_t i = 0; !dd->dead && i < dd->nkeys; i++) {
			if (!starts_with(dd->keys[i], prefix))
				continue;
			if (nc == cap) {
				const char **p = realloc(c, (cap *= 2) * sizeof *c);
				if (!p)
					goto out;
				c = p;
			}
			c[nc++] = dd->keys[i];
		}
	}
	qsort(c, nc, sizeof *c, cmp_cstr);
	for (size_t i = 0; i < nc; i++) {
		if (i && strcmp(c[i - 1], c[i]) == 0)
			continue;
		int64_t count = count_keys(ix, keys, nkeys, c[i]);
		if (count > 0)
			fn(c[i], count, ctx);
	}
out:
	free(c);
}
