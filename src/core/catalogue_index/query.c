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

/* -1: not every word occurs; 0: every word in A; 1: otherwise. */
static int tier_of(const struct ci_words *w, const char *t, size_t alen, size_t blen)
{
	int tier = 0;
	for (size_t i = 0; i < w->n; i++) {
		if (memmem(t, alen, w->w[i], w->len[i]))
			continue;
		if (!memmem(t + alen, blen, w->w[i], w->len[i]))
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

/* The state of one query. */
struct run {
	const struct gk_catalogue_index *ix;
	const struct gk_catalogue_query *q;
	struct ci_words words;
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

/* One pass over every document in order, taking those of tier TIER (or
 * all, for a listing). */
static void scan(struct run *r, int tier)
{
	const struct ci_main *m = &r->ix->m;
	uint32_t d = 0;
	size_t j = 0;
	while (!r->done) {
		while (r->main_ok && d < m->n && (ci_is_dead(r->ix, d) || !main_keys_ok(r, d)))
			d++;
		while (j < r->ndd && !delta_keys_ok(r, r->dd[j]))
			j++;
		bool hm = r->main_ok && d < m->n, hd = j < r->ndd;
		if (!hm && !hd)
			break;
		if (hm && (!hd || ci_order(m->sk + m->sk_off[d], m->ids[d], r->dd[j]->sort_key,
					   r->dd[j]->id) < 0)) {
			int t = 0;
			if (r->search)
				t = tier_of(&r->words, m->text + m->text_off[d], m->alen[d],
					    m->text_off[d + 1] - m->text_off[d] - m->alen[d]);
			if (t == tier)
				emit(r, m->ids[d], t, d, NULL);
			d++;
		} else {
			const struct ci_ddoc *dd = r->dd[j];
			int t = 0;
			if (r->search)
				t = tier_of(&r->words, dd->text, dd->alen, dd->blen);
			if (t == tier)
				emit(r, dd->id, t, 0, dd);
			j++;
		}
	}
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
	scan(&r, 0);
	if (r.search)
		scan(&r, 1);
	if (r.failed || r.f.failed)
		goto out;
	out->total = r.emitted;
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
