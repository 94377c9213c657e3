/* The index's life: puts and removals go to a small delta beside the
 * compact main part (whose documents are marked dead when replaced);
 * compaction folds the delta into a new main part. */
#include <stdlib.h>
#include <string.h>

#include "core/catalogue_index/internal.h"

static uint64_t hash_id(int64_t id)
{
	uint64_t x = (uint64_t)id;
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

int64_t *ci_map_find(const struct gk_catalogue_index *ix, int64_t id)
{
	if (!ix->nslots)
		return NULL;
	size_t mask = ix->nslots - 1;
	for (size_t i = hash_id(id) & mask;; i = (i + 1) & mask) {
		if (ix->slots[i].id == id)
			return &ix->slots[i].loc;
		if (ix->slots[i].id == CI_EMPTY_ID)
			return NULL;
	}
}

static int map_grow(struct gk_catalogue_index *ix)
{
	size_t n = ix->nslots ? ix->nslots * 2 : 1024;
	struct ci_slot *s = malloc(n * sizeof *s);
	if (!s)
		return -1;
	for (size_t i = 0; i < n; i++)
		s[i].id = CI_EMPTY_ID;
	struct ci_slot *old = ix->slots;
	size_t oldn = ix->nslots;
	ix->slots = s;
	ix->nslots = n;
	for (size_t i = 0; i < oldn; i++) {
		if (old[i].id == CI_EMPTY_ID)
			continue;
		size_t j = hash_id(old[i].id) & (n - 1);
		while (s[j].id != CI_EMPTY_ID)
			j = (j + 1) & (n - 1);
		s[j] = old[i];
	}
	free(old);
	return 0;
}

int ci_map_put(struct gk_catalogue_index *ix, int64_t id, int64_t loc)
{
	int64_t *p = ci_map_find(ix, id);
	if (p) {
		*p = loc;
		return 0;
	}
	if ((ix->nused + 1) * 4 > ix->nslots * 3 && map_grow(ix))
		return -1;
	size_t mask = ix->nslots - 1;
	size_t i = hash_id(id) & mask;
	while (ix->slots[i].id != CI_EMPTY_ID)
		i = (i + 1) & mask;
	ix->slots[i].id = id;
	ix->slots[i].loc = loc;
	ix->nused++;
	return 0;
}

/* Linear probing: deletion shifts the following entries back. */
void ci_map_del(struct gk_catalogue_index *ix, int64_t id)
{
	if (!ix->nslots)
		return;
	size_t mask = ix->nslots - 1;
	size_t i = hash_id(id) & mask;
	while (ix->slots[i].id != id) {
		if (ix->slots[i].id == CI_EMPTY_ID)
			return;
		i = (i + 1) & mask;
	}
	size_t j = i;
	for (;;) {
		j = (j + 1) & mask;
		if (ix->slots[j].id == CI_EMPTY_ID)
			break;
		size_t home = hash_id(ix->slots[j].id) & mask;
		/* move J to I if its home is not in (I, J] cyclically */
		bool between = i <= j ? (home > i && home <= j) : (home > i || home <= j);
		if (!between) {
			ix->slots[i] = ix->slots[j];
			i = j;
		}
	}
	ix->slots[i].id = CI_EMPTY_ID;
	ix->nused--;
}

int ci_order(const char *ska, int64_t ida, const char *skb, int64_t idb)
{
	int c = strcmp(ska, skb);
	if (c)
		return c > 0 ? -1 : 1;
	return ida > idb ? -1 : ida < idb ? 1 : 0;
}

/* A delta doc is two blocks: the text, and the rest (the struct, its key
 * pointers, the keys and the sort key) in one, so that a compaction after
 * a bulk load frees two blocks a doc, not a dozen. */
static void ddoc_free(struct ci_ddoc *d)
{
	if (!d)
		return;
	free(d->text);
	free(d);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static struct ci_ddoc *ddoc_new(const struct gk_catalogue_doc *doc)
{
	const char *sk = doc->sort_key ? doc->sort_key : "";
	size_t bytes = sizeof(struct ci_ddoc) + (doc->nkeys + 1) * sizeof(char *) + strlen(sk) + 1;
	for (size_t i = 0; i < doc->nkeys; i++)
		bytes += strlen(doc->keys[i] ? doc->keys[i] : "") + 1;
	struct ci_ddoc *d = calloc(1, bytes);
	if (!d)
		return NULL;
	d->id = doc->id;
	d->keys = (char **)(void *)(d + 1);
	char *at = (char *)(d->keys + doc->nkeys + 1);
	for (size_t i = 0; i < doc->nkeys; i++) {
		const char *k = doc->keys[i] ? doc->keys[i] : "";
		size_t n = strlen(k) + 1;
		d->keys[d->nkeys++] = memcpy(at, k, n);
		at += n;
	}
	d->sort_key = memcpy(at, sk, strlen(sk) + 1);
	qsort(d->keys, d->nkeys, sizeof *d->keys, cmp_str);
	size_t u = 0;
	for (size_t i = 0; i < d->nkeys; i++)
		if (!u || strcmp(d->keys[u - 1], d->keys[i]) != 0)
			d->keys[u++] = d->keys[i];
	d->nkeys = u;
	struct ci_vec t = {0};
	const char *a = doc->text_a ? doc->text_a : "";
	const char *b = doc->text_b ? doc->text_b : "";
	if (ci_normalize(&t, a, strlen(a), NULL))
		goto fail;
	size_t alen = t.len;
	if (ci_normalize(&t, b, strlen(b), NULL) || t.len > UINT32_MAX) {
		ci_vec_release(&t);
		goto fail;
	}
	d->text = (char *)t.p;
	d->alen = (uint32_t)alen;
	d->blen = (uint32_t)(t.len - alen);
	return d;
fail:
	ddoc_free(d);
	return NULL;
}

struct gk_catalogue_index *gk_catalogue_index_new(void)
{
	struct gk_catalogue_index *ix = calloc(1, sizeof *ix);
	if (!ix)
		return NULL;
	void *image;
	size_t len;
	if (ci_main_build(ix, &image, &len)) {
		free(ix);
		return NULL;
	}
	ix->image = image;
	ix->image_len = len;
	ix->dsorted_ok = true;
	if (ci_main_bind(&ix->m, image, len)) {
		free(image);
		free(ix);
		return NULL;
	}
	return ix;
}

static void delta_clear(struct gk_catalogue_index *ix)
{
	for (size_t i = 0; i < ix->ndelta; i++)
		ddoc_free(ix->delta[i]);
	free(ix->delta);
	ix->delta = NULL;
	ix->ndelta = ix->delta_cap = ix->delta_live = 0;
	ix->ndsorted = 0;
	ix->dsorted_ok = true;
}

uint32_t ci_main_bound(const struct ci_main *m, const char *sk, int64_t id)
{
	uint32_t lo = 0, hi = m->n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (ci_order(m->sk + m->sk_off[mid], m->ids[mid], sk, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Where D is, or would be, in the sorted view. */
static size_t dsorted_pos(const struct gk_catalogue_index *ix, const struct ci_ddoc *d)
{
	size_t lo = 0, hi = ix->ndsorted;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct ci_ddoc *x = ix->dsorted[mid];
		if (ci_order(x->sort_key, x->id, d->sort_key, d->id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void dsorted_remove(struct gk_catalogue_index *ix, const struct ci_ddoc *d)
{
	if (!ix->dsorted_ok)
		return;
	size_t i = dsorted_pos(ix, d);
	if (i < ix->ndsorted && ix->dsorted[i] == d) {
		memmove(ix->dsorted + i, ix->dsorted + i + 1,
			(ix->ndsorted - i - 1) * sizeof *ix->dsorted);
		ix->ndsorted--;
	}
}

/* Keeps the view for a few thousand puts; a bulk load gives it up. */
static void dsorted_insert(struct gk_catalogue_index *ix, struct ci_ddoc *d)
{
	if (!ix->dsorted_ok)
		return;
	if (ix->ndsorted + 1 > CI_DELTA_SORTED_MAX) {
		ix->dsorted_ok = false;
		return;
	}
	if (ix->ndsorted == ix->dsorted_cap) {
		size_t cap = ix->dsorted_cap ? ix->dsorted_cap * 2 : 64;
		struct ci_ddoc **p = realloc(ix->dsorted, cap * sizeof *p);
		if (!p) {
			ix->dsorted_ok = false;
			return;
		}
		ix->dsorted = p;
		ix->dsorted_cap = cap;
	}
	size_t i = dsorted_pos(ix, d);
	memmove(ix->dsorted + i + 1, ix->dsorted + i, (ix->ndsorted - i) * sizeof *ix->dsorted);
	ix->dsorted[i] = d;
	ix->ndsorted++;
}

void gk_catalogue_index_free(struct gk_catalogue_index *ix)
{
	if (!ix)
		return;
	delta_clear(ix);
	free(ix->dsorted);
	free(ix->dead);
	free(ix->slots);
	free(ix->image);
	free(ix);
}

static int mark_dead(struct gk_catalogue_index *ix, uint32_t d)
{
	if (!ix->dead) {
		ix->dead = calloc((ix->m.n + 63) / 64 + 1, sizeof *ix->dead);
		if (!ix->dead)
			return -1;
	}
	ix->dead[d >> 6] |= (uint64_t)1 << (d & 63);
	ix->ndead++;
	return 0;
}

/* Forgets the current version of ID, wherever it is. */
static int drop(struct gk_catalogue_index *ix, int64_t id)
{
	int64_t *loc = ci_map_find(ix, id);
	if (!loc)
		return 0;
	if (*loc >= 0) {
		if (mark_dead(ix, (uint32_t)*loc))
			return -1;
	} else {
		ix->delta[~*loc]->dead = true;
		ix->delta_live--;
		dsorted_remove(ix, ix->delta[~*loc]);
	}
	ci_map_del(ix, id);
	return 0;
}

int gk_catalogue_index_put(struct gk_catalogue_index *ix, const struct gk_catalogue_doc *doc)
{
	struct ci_ddoc *d = ddoc_new(doc);
	if (!d)
		return -1;
	if (ix->ndelta == ix->delta_cap) {
		size_t cap = ix->delta_cap ? ix->delta_cap * 2 : 64;
		struct ci_ddoc **p = realloc(ix->delta, cap * sizeof *p);
		if (!p)
			goto fail;
		ix->delta = p;
		ix->delta_cap = cap;
	}
	/* reserve the map entry first, so nothing fails after the drop */
	if (!ci_map_find(ix, d->id) && (ix->nused + 1) * 4 > ix->nslots * 3 && map_grow(ix))
		goto fail;
	if (drop(ix, d->id))
		goto fail;
	if (ci_map_put(ix, d->id, ~(int64_t)ix->ndelta))
		goto fail;
	d->bound = ci_main_bound(&ix->m, d->sort_key, d->id);
	ix->delta[ix->ndelta++] = d;
	ix->delta_live++;
	dsorted_insert(ix, d);
	return 0;
fail:
	ddoc_free(d);
	return -1;
}

void gk_catalogue_index_remove(struct gk_catalogue_index *ix, int64_t id)
{
	/* marking a main document dead may need its bitmap: on failure the
	 * document stays, as if the removal came later */
	drop(ix, id);
}

int gk_catalogue_index_compact(struct gk_catalogue_index *ix)
{
	if (!ix->ndelta && !ix->ndead)
		return 0;
	void *image;
	size_t len;
	if (ci_main_build(ix, &image, &len))
		return -1;
	struct ci_main m;
	if (ci_main_bind(&m, image, len)) {
		free(image);
		return -1;
	}
	/* the new map: every live document is in the main part now */
	struct gk_catalogue_index tmp = {0};
	for (uint32_t d = 0; d < m.n; d++)
		if (ci_map_put(&tmp, m.ids[d], d)) {
			free(tmp.slots);
			free(image);
			return -1;
		}
	free(ix->slots);
	ix->slots = tmp.slots;
	ix->nslots = tmp.nslots;
	ix->nused = tmp.nused;
	delta_clear(ix);
	free(ix->dead);
	ix->dead = NULL;
	ix->ndead = 0;
	free(ix->image);
	ix->image = image;
	ix->image_len = len;
	ix->mapped = NULL;
	ix->m = m;
	return 0;
}

size_t gk_catalogue_index_size(const struct gk_catalogue_index *ix)
{
	return ix->m.n - ix->ndead + ix->delta_live;
}

int64_t gk_catalogue_index_seq(const struct gk_catalogue_index *ix)
{
	return ix->seq;
}

void gk_catalogue_index_set_seq(struct gk_catalogue_index *ix, int64_t seq)
{
	ix->seq = seq;
}

static int cmp_ddoc(const void *a, const void *b)
{
	const struct ci_ddoc *x = *(struct ci_ddoc *const *)a, *y = *(struct ci_ddoc *const *)b;
	return ci_order(x->sort_key, x->id, y->sort_key, y->id);
}

struct ci_ddoc **ci_delta_sorted(const struct gk_catalogue_index *ix, size_t *n)
{
	struct ci_ddoc **v = malloc((ix->delta_live + 1) * sizeof *v);
	if (!v)
		return NULL;
	if (ix->dsorted_ok) {
		memcpy(v, ix->dsorted, ix->ndsorted * sizeof *v);
		*n = ix->ndsorted;
		return v;
	}
	size_t k = 0;
	for (size_t i = 0; i < ix->ndelta; i++)
		if (!ix->delta[i]->dead)
			v[k++] = ix->delta[i];
	qsort(v, k, sizeof *v, cmp_ddoc);
	*n = k;
	return v;
}

bool ci_ddoc_has_key(const struct ci_ddoc *d, const char *key)
{
	size_t lo = 0, hi = d->nkeys;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(d->keys[mid], key);
		if (!c)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}
