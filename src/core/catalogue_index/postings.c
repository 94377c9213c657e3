/* Text postings: for every document, each distinct codepoint (unigram) and
 * each distinct pair of adjacent codepoints (bigram) of its normalised
 * text, never across a space, a newline or the A|B boundary; text A's
 * (the tier 0 lists) and text B's apart. Text A's lists also have the
 * triples (trigrams, hashed): a 文号 fragment like "20号" has frequent
 * bigrams in every title but a rare trigram.
 *
 * A list is its count (varint), then, when it has more than one block, a
 * skip table (per block: first doc, byte offset of the block, 4 bytes
 * each), then blocks of up to 128 docs: the first doc (4 bytes), a bit
 * width W, then (gap - 1) for the other docs in W bits each, packed. */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalogue_index/internal.h"

static inline uint32_t decode_cp(const unsigned char *s, size_t *n)
{
	unsigned c = s[0];
	if (c < 0x80) {
		*n = 1;
		return c;
	}
	if (c < 0xE0) {
		*n = 2;
		return (c & 0x1F) << 6 | (s[1] & 0x3F);
	}
	if (c < 0xF0) {
		*n = 3;
		return (c & 0x0F) << 12 | (s[1] & 0x3F) << 6 | (s[2] & 0x3F);
	}
	*n = 4;
	return (c & 0x07) << 18 | (s[1] & 0x3F) << 12 | (s[2] & 0x3F) << 6 | (s[3] & 0x3F);
}

static inline uint64_t trigram(uint32_t a, uint32_t b, uint32_t c)
{
	/* hashed into 42 bits: a collision only adds candidates, and words
	 * found through trigrams are always verified */
	uint64_t x = ((uint64_t)a << 42 | (uint64_t)b << 21 | c) * 0x9E3779B97F4A7C15ULL;
	return CI_TRIGRAM | (x >> 22);
}

size_t ci_grams(const char *word, size_t len, uint64_t *out, size_t max, bool trigrams)
{
	const unsigned char *s = (const unsigned char *)word;
	size_t k = 0, i = 0;
	uint32_t run[GK_CATALOGUE_QUERY_MAX + 1];
	size_t nrun = 0;
	for (;;) {
		uint32_t cp = ' ';
		size_t n = 0;
		if (i < len)
			cp = decode_cp(s + i, &n);
		i += n;
		if (cp != ' ' && cp != '\n' && nrun <= GK_CATALOGUE_QUERY_MAX) {
			run[nrun++] = cp;
			continue;
		}
		/* the end of a run */
		if (nrun == 1 && k < max)
			out[k++] = run[0];
		else if (trigrams && nrun >= 3)
			for (size_t j = 2; j < nrun && k < max; j++)
				out[k++] = trigram(run[j - 2], run[j - 1], run[j]);
		else
			for (size_t j = 1; j < nrun && k < max; j++)
				out[k++] = CI_BIGRAM | (uint64_t)run[j - 1] << 21 | run[j];
		nrun = 0;
		if (i >= len)
			return k;
	}
}

/* --- building ----------------------------------------------------------- */

/* Grams seen so far: code -> gram id, by open addressing (code and id in
 * one slot, so a probe touches one cache line). */
struct slot {
	uint64_t code;
	uint32_t gid; /* UINT32_MAX: empty */
};

struct gram {
	uint32_t last, count; /* last doc counted, docs counted */
};

struct gram_table {
	struct slot *slots;
	size_t nslots, n, cap;
	uint64_t *gcode;
	struct gram *g;
	uint32_t direct[2][0x10000]; /* BMP unigrams, per tier: gram id + 1 */
};

static inline uint64_t hash64(uint64_t x)
{
	x *= 0x9E3779B97F4A7C15ULL;
	return x ^ (x >> 29);
}

static int table_grow(struct gram_table *t)
{
	size_t ns = t->nslots ? t->nslots * 2 : 1 << 16;
	struct slot *sl = malloc(ns * sizeof *sl);
	if (!sl)
		return -1;
	for (size_t i = 0; i < ns; i++)
		sl[i].gid = UINT32_MAX;
	for (size_t i = 0; i < t->nslots; i++) {
		if (t->slots[i].gid == UINT32_MAX)
			continue;
		size_t j = hash64(t->slots[i].code) & (ns - 1);
		while (sl[j].gid != UINT32_MAX)
			j = (j + 1) & (ns - 1);
		sl[j] = t->slots[i];
	}
	free(t->slots);
	t->slots = sl;
	t->nslots = ns;
	return 0;
}

static int64_t new_gid(struct gram_table *t, uint64_t code)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 1 << 16;
		uint64_t *gc = realloc(t->gcode, cap * sizeof *gc);
		if (!gc)
			return -1;
		t->gcode = gc;
		struct gram *g = realloc(t->g, cap * sizeof *g);
		if (!g)
			return -1;
		t->g = g;
		t->cap = cap;
	}
	t->gcode[t->n] = code;
	t->g[t->n] = (struct gram){UINT32_MAX, 0};
	return (int64_t)t->n++;
}

/* The gram id of CODE, made if new. */
static inline int64_t lookup(struct gram_table *t, uint64_t code)
{
	if ((code & ~CI_TIER0) < 0x10000) {
		uint32_t *d = &t->direct[code >> 63][code & 0xFFFF];
		if (!*d) {
			int64_t g = new_gid(t, code);
			if (g < 0)
				return -1;
			*d = (uint32_t)g + 1;
		}
		return *d - 1;
	}
	if ((t->n + 1) * 2 > t->nslots && table_grow(t))
		return -1;
	size_t mask = t->nslots - 1;
	for (size_t i = hash64(code) & mask;; i = (i + 1) & mask) {
		struct slot *sl = &t->slots[i];
		if (sl->gid == UINT32_MAX) {
			int64_t g = new_gid(t, code);
			if (g < 0)
				return -1;
			sl->code = code;
			sl->gid = (uint32_t)g;
			return g;
		}
		if (sl->code == code)
			return sl->gid;
	}
}

/* Counts gram G for doc D (once) and appends it to O. */
static inline uint32_t *count(struct gram_table *t, uint32_t *o, int64_t g, uint32_t d)
{
	struct gram *x = &t->g[g];
	if (x->last != d) {
		x->last = d;
		x->count++;
		*o++ = (uint32_t)g;
	}
	return o;
}

/* Appends to CODES the gram codes of S[0, LEN), with TIER (CI_TIER0 for
 * text A, 0 for text B); at most three per byte. */
static size_t doc_codes(uint64_t *codes, const unsigned char *s, size_t len, uint64_t tier)
{
	size_t i = 0, k = 0;
	uint32_t prev = 0, prev2 = 0;
	bool have_prev = false, have_prev2 = false;
	while (i < len) {
		size_t n;
		uint32_t cp = decode_cp(s + i, &n);
		i += n;
		if (cp == ' ' || cp == '\n') {
			have_prev = have_prev2 = false;
			continue;
		}
		codes[k++] = tier | cp;
		if (have_prev) {
			codes[k++] = tier | CI_BIGRAM | (uint64_t)prev << 21 | cp;
			/* text A (short, where 文号 live) has trigrams too */
			if (have_prev2 && tier)
				codes[k++] = tier | trigram(prev2, prev, cp);
		}
		have_prev2 = have_prev;
		prev2 = prev;
		prev = cp;
		have_prev = true;
	}
	return k;
}

/* Appends to DG the ids of the grams of doc D (text A is S[0, ALEN), text
 * B the rest) not yet counted for D. The lookups miss the cache; done in
 * passes (codes, prefetch the slots, look up, prefetch the counters,
 * count) so that the misses overlap. */
static int doc_grams(struct gram_table *t, struct ci_vec *dg, struct ci_vec *scratch,
		     const unsigned char *s, size_t alen, size_t len, uint32_t d)
{
	if (ci_vec_reserve(scratch, (len * 3 + 1) * (sizeof(uint64_t) + sizeof(uint32_t))))
		return -1;
	uint64_t *codes = (uint64_t *)(void *)scratch->p;
	size_t k = doc_codes(codes, s, alen, CI_TIER0);
	k += doc_codes(codes + k, s + alen, len - alen, 0);
	if (k == 0)
		return 0; /* no text: no grams (and dg may have no buffer yet) */
	uint32_t *gids = (uint32_t *)(void *)(codes + k);
	/* no growth during the doc, so the slots prefetched stay put */
	while ((t->n + k + 1) * 2 > t->nslots)
		if (table_grow(t))
			return -1;
	size_t mask = t->nslots - 1;
	for (size_t j = 0; j < k; j++)
		if ((codes[j] & ~CI_TIER0) >= 0x10000)
			__builtin_prefetch(&t->slots[hash64(codes[j]) & mask]);
	for (size_t j = 0; j < k; j++) {
		int64_t g = lookup(t, codes[j]);
		if (g < 0)
			return -1;
		gids[j] = (uint32_t)g;
		__builtin_prefetch(&t->g[g]);
	}
	if (ci_vec_reserve(dg, k * sizeof(uint32_t)))
		return -1;
	uint32_t *o = (uint32_t *)(void *)(dg->p + dg->len);
	for (size_t j = 0; j < k; j++)
		o = count(t, o, gids[j], d);
	dg->len = (size_t)((unsigned char *)o - dg->p);
	return 0;
}

static int put_varint(struct ci_vec *v, uint64_t x)
{
	unsigned char b[10];
	size_t n = 0;
	while (x >= 0x80) {
		b[n++] = (unsigned char)(x | 0x80);
		x >>= 7;
	}
	b[n++] = (unsigned char)x;
	return ci_vec_add(v, b, n);
}

static unsigned bits_for(uint32_t x)
{
	unsigned w = 0;
	while (w < 32 && (x >> w))
		w++;
	return w;
}

static int encode_list(struct ci_vec *v, const uint32_t *docs, uint32_t n)
{
	if (put_varint(v, n))
		return -1;
	uint32_t nb = (n + CI_BLOCK - 1) / CI_BLOCK;
	size_t skip_at = v->len;
	if (nb > 1 && ci_vec_reserve(v, (size_t)nb * 8))
		return -1;
	if (nb > 1)
		v->len += (size_t)nb * 8;
	size_t blocks_at = v->len;
	for (uint32_t b = 0; b < nb; b++) {
		const uint32_t *p = docs + (size_t)b * CI_BLOCK;
		uint32_t cnt = n - b * CI_BLOCK < CI_BLOCK ? n - b * CI_BLOCK : CI_BLOCK;
		uint32_t maxgap = 0;
		for (uint32_t i = 1; i < cnt; i++)
			if (p[i] - p[i - 1] - 1 > maxgap)
				maxgap = p[i] - p[i - 1] - 1;
		unsigned w = bits_for(maxgap);
		if (nb > 1) {
			uint32_t off = (uint32_t)(v->len - blocks_at);
			memcpy(v->p + skip_at + (size_t)b * 8, &p[0], 4);
			memcpy(v->p + skip_at + (size_t)b * 8 + 4, &off, 4);
		}
		size_t bytes = ((size_t)(cnt - 1) * w + 7) / 8;
		if (ci_vec_reserve(v, 5 + bytes + 8))
			return -1;
		memcpy(v->p + v->len, &p[0], 4);
		v->p[v->len + 4] = (unsigned char)w;
		unsigned char *o = v->p + v->len + 5;
		memset(o, 0, bytes + 8);
		uint64_t bit = 0;
		for (uint32_t i = 1; i < cnt; i++, bit += w) {
			uint64_t x = (uint64_t)(p[i] - p[i - 1] - 1) << (bit & 7);
			unsigned char *q = o + (bit >> 3);
			for (unsigned k = 0; x; k++, x >>= 8)
				q[k] |= (unsigned char)x;
		}
		v->len += 5 + bytes;
	}
	return 0;
}

/* A gram by its code, for the lists' order (no shared state: folds may
 * run on several threads). */
struct coded {
	uint64_t code;
	uint32_t gid;
};

static int cmp_coded(const void *a, const void *b)
{
	uint64_t x = ((const struct coded *)a)->code, y = ((const struct coded *)b)->code;
	return x < y ? -1 : x > y;
}

/* The documents are indexed in parts, on threads of their own: part P
 * takes docs [from, to), with its own gram table, and sorts its grams by
 * code. The lists of a gram are then its lists in the parts one after the
 * other (the parts' docs ascend), encoded in two halves of the grams on two
 * threads: the result is byte for byte the one of a single part. */
#define PARTS    2
#define PART_MIN 16384 /* docs: fewer are indexed in one part */

struct part {
	const uint64_t *text_off;
	const uint32_t *alen;
	const char *text;
	uint32_t from, to;
	struct gram_table *t;
	uint64_t *lstart; /* per gram id: its docs in LISTS */
	uint32_t *lists;
	struct coded *order; /* gram ids by code */
	int rc;
};

static void part_release(struct part *p)
{
	if (p->t) {
		free(p->t->slots);
		free(p->t->gcode);
		free(p->t->g);
	}
	free(p->t);
	free(p->lstart);
	free(p->lists);
	free(p->order);
}

static void *part_index(void *arg)
{
	struct part *p = arg;
	struct ci_vec dg = {0}, scratch = {0};
	uint32_t nd = p->to - p->from;
	uint64_t *dstart = malloc(((size_t)nd + 1) * sizeof *dstart);
	p->rc = -1;
	if (!dstart || !(p->t = calloc(1, sizeof *p->t)) || table_grow(p->t))
		goto out;
	struct gram_table *t = p->t;
	for (uint32_t d = p->from; d < p->to; d++) {
		const unsigned char *s = (const unsigned char *)p->text + p->text_off[d];
		size_t len = p->text_off[d + 1] - p->text_off[d];
		dstart[d - p->from] = dg.len / 4;
		if (doc_grams(t, &dg, &scratch, s, p->alen[d], len, d))
			goto out;
	}
	dstart[nd] = dg.len / 4;
	/* counting sort of (gram, doc) by gram: docs stay ascending */
	p->lstart = malloc((t->n + 1) * sizeof *p->lstart);
	p->lists = malloc((dg.len / 4 + 1) * sizeof *p->lists);
	p->order = malloc((t->n + 1) * sizeof *p->order);
	if (!p->lstart || !p->lists || !p->order)
		goto out;
	uint64_t at = 0;
	for (size_t g = 0; g < t->n; g++) {
		p->lstart[g] = at;
		at += t->g[g].count;
	}
	const uint32_t *gids = (const uint32_t *)(void *)dg.p;
	for (uint32_t i = 0; i < nd; i++)
		for (uint64_t j = dstart[i]; j < dstart[i + 1]; j++)
			p->lists[p->lstart[gids[j]]++] = p->from + i;
	for (size_t g = 0; g < t->n; g++) {
		p->lstart[g] -= t->g[g].count;
		p->order[g] = (struct coded){t->gcode[g], (uint32_t)g};
	}
	ci_vec_release(&dg);
	qsort(p->order, t->n, sizeof *p->order, cmp_coded);
	p->rc = 0;
out:
	ci_vec_release(&dg);
	ci_vec_release(&scratch);
	free(dstart);
	return NULL;
}

/* A gram of the whole: its code and its gram id in each part (or
 * UINT32_MAX where a part lacks it). */
struct merged {
	uint64_t code;
	uint32_t gid[PARTS];
};

/* Encodes grams [FROM, TO) of M: their codes to KEYS, the end of each
 * list (from the start of DATA) to ENDS, the lists to DATA. */
struct encoding {
	const struct part *parts;
	size_t nparts;
	const struct merged *m;
	size_t from, to;
	struct ci_vec *keys, *ends, *data;
	int rc;
};

static void *encode_grams(void *arg)
{
	struct encoding *e = arg;
	struct ci_vec docs = {0};
	e->rc = -1;
	for (size_t i = e->from; i < e->to; i++) {
		const struct merged *g = &e->m[i];
		docs.len = 0;
		for (size_t k = 0; k < e->nparts; k++) {
			if (g->gid[k] == UINT32_MAX)
				continue;
			const struct part *p = &e->parts[k];
			if (ci_vec_add(&docs, p->lists + p->lstart[g->gid[k]],
				       (size_t)p->t->g[g->gid[k]].count * 4))
				goto out;
		}
		if (ci_vec_add(e->keys, &g->code, 8) ||
		    encode_list(e->data, (const uint32_t *)(void *)docs.p,
				(uint32_t)(docs.len / 4)))
			goto out;
		uint64_t end = e->data->len;
		if (ci_vec_add(e->ends, &end, 8))
			goto out;
	}
	e->rc = 0;
out:
	ci_vec_release(&docs);
	return NULL;
}

/* Runs FN(ARG[i]) for each of N jobs, all but the first on threads of
 * their own (in the caller's thread if a thread cannot start). */
static void run_all(void *(*fn)(void *), void *args, size_t size, size_t n)
{
	pthread_t th[PARTS];
	bool started[PARTS] = {false};
	for (size_t i = 1; i < n; i++)
		started[i] = pthread_create(&th[i], NULL, fn, (char *)args + i * size) == 0;
	fn(args);
	for (size_t i = 1; i < n; i++) {
		if (started[i])
			pthread_join(th[i], NULL);
		else
			fn((char *)args + i * size);
	}
}

int ci_postings_build(struct ci_vec *keys, struct ci_vec *off, struct ci_vec *data,
		      const uint64_t *text_off, const uint32_t *alen, const char *text, uint32_t n)
{
	return ci_postings_build_in(n >= PART_MIN ? PARTS : 1, keys, off, data, text_off, alen,
				    text, n);
}

int ci_postings_build_in(size_t nparts, struct ci_vec *keys, struct ci_vec *off,
			 struct ci_vec *data, const uint64_t *text_off, const uint32_t *alen,
			 const char *text, uint32_t n)
{
	int rc = -1;
	if (nparts < 1 || nparts > PARTS || n < nparts)
		nparts = 1;
	struct part parts[PARTS] = {{0}};
	struct merged *m = NULL;
	struct ci_vec keys2 = {0}, ends[2] = {{0}}, data2 = {0};
	for (size_t k = 0; k < nparts; k++)
		parts[k] = (struct part){
			.text_off = text_off,
			.alen = alen,
			.text = text,
			.from = (uint32_t)((uint64_t)n * k / nparts),
			.to = (uint32_t)((uint64_t)n * (k + 1) / nparts),
		};
	run_all(part_index, parts, sizeof parts[0], nparts);
	size_t total = 0;
	for (size_t k = 0; k < nparts; k++) {
		if (parts[k].rc)
			goto out;
		total += parts[k].t->n;
	}
	/* the parts' grams merged in code order */
	m = malloc((total + 1) * sizeof *m);
	if (!m)
		goto out;
	size_t nm = 0, at[PARTS] = {0};
	uint64_t postings = 0;
	for (;;) {
		uint64_t code = UINT64_MAX;
		bool any = false;
		for (size_t k = 0; k < nparts; k++)
			if (at[k] < parts[k].t->n && (!any || parts[k].order[at[k]].code < code)) {
				code = parts[k].order[at[k]].code;
				any = true;
			}
		if (!any)
			break;
		struct merged *g = &m[nm++];
		g->code = code;
		for (size_t k = 0; k < PARTS; k++) {
			g->gid[k] = UINT32_MAX;
			if (k < nparts && at[k] < parts[k].t->n &&
			    parts[k].order[at[k]].code == code) {
				g->gid[k] = parts[k].order[at[k]++].gid;
				postings += parts[k].t->g[g->gid[k]].count;
			}
		}
	}
	/* two halves of the postings, encoded at once */
	size_t half = nm;
	if (nparts > 1) {
		uint64_t sum = 0;
		for (half = 0; half < nm && sum * 2 < postings; half++)
			for (size_t k = 0; k < nparts; k++)
				if (m[half].gid[k] != UINT32_MAX)
					sum += parts[k].t->g[m[half].gid[k]].count;
	}
	uint64_t zero = 0;
	if (ci_vec_add(off, &zero, 8))
		goto out;
	struct encoding enc[2] = {
		{.parts = parts,
		 .nparts = nparts,
		 .m = m,
		 .from = 0,
		 .to = half,
		 .keys = keys,
		 .ends = &ends[0],
		 .data = data},
		{.parts = parts,
		 .nparts = nparts,
		 .m = m,
		 .from = half,
		 .to = nm,
		 .keys = &keys2,
		 .ends = &ends[1],
		 .data = &data2},
	};
	run_all(encode_grams, enc, sizeof enc[0], 2);
	if (enc[0].rc || enc[1].rc)
		goto out;
	/* the second half after the first, its ends moved by the first's data */
	uint64_t base = data->len;
	const uint64_t *e1 = (const uint64_t *)(void *)ends[1].p;
	if (ci_vec_add(keys, keys2.p, keys2.len) || ci_vec_add(off, ends[0].p, ends[0].len) ||
	    ci_vec_reserve(off, ends[1].len) || ci_vec_add(data, data2.p, data2.len))
		goto out;
	for (size_t i = 0; i < ends[1].len / 8; i++) {
		uint64_t end = e1[i] + base;
		memcpy(off->p + off->len, &end, 8);
		off->len += 8;
	}
	/* padding, so a block is always read 8 bytes at a time */
	if (ci_vec_reserve(data, 8))
		goto out;
	memset(data->p + data->len, 0, 8);
	data->len += 8;
	rc = 0;
out:
	for (size_t k = 0; k < nparts; k++)
		part_release(&parts[k]);
	free(m);
	ci_vec_release(&keys2);
	ci_vec_release(&ends[0]);
	ci_vec_release(&ends[1]);
	ci_vec_release(&data2);
	return rc;
}

/* --- reading ------------------------------------------------------------ */

static uint64_t get_varint(const unsigned char **p, const unsigned char *end)
{
	uint64_t x = 0;
	for (unsigned s = 0; *p < end && s < 64; s += 7) {
		unsigned char b = *(*p)++;
		x |= (uint64_t)(b & 0x7F) << s;
		if (!(b & 0x80))
			return x;
	}
	return 0;
}

/* Lists are read with every offset checked against the list's extent
 * (the image checksum leaves them out): a damaged list ends early. */
bool ci_gram_find(const struct ci_main *m, uint64_t code, struct ci_list *l)
{
	uint64_t lo = 0, hi = m->ngrams;
	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;
		if (m->gram_keys[mid] < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == m->ngrams || m->gram_keys[lo] != code)
		return false;
	const unsigned char *p = m->gram_data + m->gram_off[lo];
	l->end = m->gram_data + m->gram_off[lo + 1];
	l->count = (uint32_t)get_varint(&p, l->end);
	l->nblocks = (l->count + CI_BLOCK - 1) / CI_BLOCK;
	l->ndocs = m->n;
	if (l->nblocks > 1 && (uint64_t)(l->end - p) < (uint64_t)l->nblocks * 8)
		l->count = l->nblocks = 0;
	l->skip = p;
	l->blocks = l->nblocks > 1 ? p + (size_t)l->nblocks * 8 : p;
	return true;
}

static inline uint32_t load32(const unsigned char *p)
{
	uint32_t x;
	memcpy(&x, p, 4);
	return x;
}

static inline uint32_t skip_first(const struct ci_list *l, uint32_t b)
{
	return load32(l->skip + (size_t)b * 8);
}

static void decode_block(struct ci_cur *c, uint32_t b)
{
	const struct ci_list *l = &c->l;
	c->block = b;
	c->nbuf = c->pos = 0;
	uint64_t off = l->nblocks > 1 ? load32(l->skip + (size_t)b * 8 + 4) : 0;
	if (off + 5 > (uint64_t)(l->end - l->blocks))
		return;
	const unsigned char *p = l->blocks + off;
	uint32_t cnt = l->count - b * CI_BLOCK < CI_BLOCK ? l->count - b * CI_BLOCK : CI_BLOCK;
	uint64_t doc = load32(p);
	unsigned w = p[4];
	const unsigned char *bits = p + 5;
	/* reads go up to 7 bytes past the last packed byte: the section has
	 * 8 bytes of padding after the last list */
	if (w > 32 || ((uint64_t)(cnt - 1) * w + 7) / 8 > (uint64_t)(l->end - bits) ||
	    doc >= l->ndocs)
		return;
	uint64_t mask = ((uint64_t)1 << w) - 1;
	c->buf[0] = (uint32_t)doc;
	uint64_t bit = 0;
	uint32_t i = 1;
	for (; i < cnt; i++, bit += w) {
		uint64_t x;
		memcpy(&x, bits + (bit >> 3), 8);
		doc += ((x >> (bit & 7)) & mask) + 1;
		if (doc >= l->ndocs)
			break;
		c->buf[i] = (uint32_t)doc;
	}
	c->nbuf = i;
}

void ci_cur_init(struct ci_cur *c, const struct ci_list *l)
{
	c->l = *l;
	c->nbuf = c->pos = 0;
	c->block = 0;
	if (l->count)
		decode_block(c, 0);
}

static uint32_t cur_geq(struct ci_cur *c, uint32_t target)
{
	if (!c->nbuf)
		return UINT32_MAX;
	if (c->buf[c->nbuf - 1] < target) {
		/* the last block whose first doc is <= target, after this one */
		const struct ci_list *l = &c->l;
		uint32_t lo = c->block + 1, hi = l->nblocks;
		if (lo >= hi) {
			c->pos = c->nbuf;
			return UINT32_MAX;
		}
		if (skip_first(l, lo) > target) {
			decode_block(c, lo);
			return c->nbuf ? c->buf[0] : UINT32_MAX;
		}
		/* gallop, then bisect: skip_first(lo) <= target */
		uint32_t step = 1;
		while (lo + step < hi && skip_first(l, lo + step) <= target) {
			lo += step;
			step *= 2;
		}
		hi = lo + step < hi ? lo + step : hi;
		while (hi - lo > 1) {
			uint32_t mid = lo + (hi - lo) / 2;
			if (skip_first(l, mid) <= target)
				lo = mid;
			else
				hi = mid;
		}
		decode_block(c, lo);
		if (!c->nbuf)
			return UINT32_MAX;
		if (c->buf[c->nbuf - 1] < target) {
			if (lo + 1 >= l->nblocks) {
				c->pos = c->nbuf;
				return UINT32_MAX;
			}
			decode_block(c, lo + 1);
			return c->nbuf ? c->buf[0] : UINT32_MAX;
		}
	}
	while (c->pos < c->nbuf && c->buf[c->pos] < target)
		c->pos++;
	if (c->pos == c->nbuf)
		return UINT32_MAX;
	return c->buf[c->pos];
}

uint32_t ci_cur_geq(struct ci_cur *c, uint32_t target)
{
	uint32_t d = cur_geq(c, target);
	if (d < target) {
		/* only a damaged list goes backwards: end it */
		c->nbuf = c->pos = 0;
		return UINT32_MAX;
	}
	return d;
}
