/* The main part as one image: a header and sections of plain arrays
 * (offsets, never pointers), the same bytes in memory, in the saved file
 * and in a mapping of it, so loading is checking, not parsing. */
#include <stdlib.h>
#include <string.h>

#include "core/catalogue_index/internal.h"

#define CI_VERSION 5
static const char ci_magic[8] = "GKCATIX";

struct ci_header {
	char magic[8];
	uint32_t version, header_len;
	uint64_t n, nkeys, ngrams;
	int64_t seq;
	uint64_t off[CI_NSECTIONS], len[CI_NSECTIONS];
	uint64_t total_len;
	uint64_t body_sum;   /* of every section but the texts and the gram lists */
	uint64_t header_sum; /* of the header with this field zero */
};

/* Four independent lanes so it runs near memory speed; not cryptographic,
 * it catches truncation and damage. */
static uint64_t checksum(const unsigned char *p, size_t n)
{
	const uint64_t k = 0x9E3779B97F4A7C15ULL;
	uint64_t h[4] = {1, 2, 3, 4};
	size_t i = 0;
	for (; i + 32 <= n; i += 32)
		for (int l = 0; l < 4; l++) {
			uint64_t w;
			memcpy(&w, p + i + 8 * l, 8);
			h[l] = (h[l] ^ w) * k;
			h[l] ^= h[l] >> 29;
		}
	uint64_t r = n;
	for (; i < n; i++)
		r = (r ^ p[i]) * k;
	for (int l = 0; l < 4; l++)
		r = (r ^ h[l]) * k ^ (r >> 31);
	return r;
}

/* The texts and the gram lists (nine tenths of the image) are left out,
 * so that loading a mapping reads only what it checks; reading them is
 * bounds-checked instead (offsets here, list structure in postings.c), so
 * damage there gives wrong answers, never a read out of place. */
static uint64_t body_checksum(const unsigned char *img, const struct ci_header *h)
{
	uint64_t r = 0;
	for (int s = 0; s < CI_NSECTIONS; s++)
		if (s != CI_TEXT && s != CI_GRAM_DATA)
			r = (r ^ checksum(img + h->off[s], h->len[s])) * 0x9E3779B97F4A7C15ULL +
			    (uint64_t)s;
	return r;
}

static uint64_t header_checksum(const struct ci_header *h)
{
	struct ci_header c = *h;
	c.header_sum = 0;
	return checksum((const unsigned char *)&c, sizeof c);
}

int ci_main_bind(struct ci_main *m, const void *image, size_t len)
{
	const unsigned char *base = image;
	struct ci_header h;
	if (len < sizeof h || ((uintptr_t)image & 7))
		return -1;
	memcpy(&h, image, sizeof h);
	if (memcmp(h.magic, ci_magic, 8) || h.version != CI_VERSION || h.header_len != sizeof h ||
	    h.total_len != len || h.header_sum != header_checksum(&h))
		return -1;
	if (h.n > UINT32_MAX - 1 || h.nkeys > UINT32_MAX - 1)
		return -1;
	for (int s = 0; s < CI_NSECTIONS; s++)
		if (h.off[s] < sizeof h || h.off[s] > len || h.len[s] > len - h.off[s] ||
		    (h.off[s] & 7))
			return -1;
	if (h.body_sum != body_checksum(base, &h))
		return -1;
	uint64_t n = h.n, nk = h.nkeys, ng = h.ngrams;
	if (h.len[CI_IDS] != n * 8 || h.len[CI_SK_OFF] != (n + 1) * 4 ||
	    h.len[CI_TEXT_OFF] != (n + 1) * 8 || h.len[CI_ALEN] != n * 4 ||
	    h.len[CI_KEY_OFF] != (nk + 1) * 4 || h.len[CI_KPOST_OFF] != (nk + 1) * 8 ||
	    h.len[CI_DKEY_OFF] != (n + 1) * 8 || h.len[CI_GRAM_KEYS] != ng * 8 ||
	    h.len[CI_GRAM_OFF] != (ng + 1) * 8)
		return -1;
	memset(m, 0, sizeof *m);
	m->n = (uint32_t)n;
	m->nkeys = (uint32_t)nk;
	m->ngrams = ng;
	m->seq = h.seq;
#define SEC(s) ((const void *)(base + h.off[s]))
	m->ids = SEC(CI_IDS);
	m->sk_off = SEC(CI_SK_OFF);
	m->sk = SEC(CI_SK);
	m->text_off = SEC(CI_TEXT_OFF);
	m->alen = SEC(CI_ALEN);
	m->text = SEC(CI_TEXT);
	m->key_off = SEC(CI_KEY_OFF);
	m->key_str = SEC(CI_KEY_STR);
	m->kpost_off = SEC(CI_KPOST_OFF);
	m->kpost = SEC(CI_KPOST);
	m->dkey_off = SEC(CI_DKEY_OFF);
	m->dkey = SEC(CI_DKEY);
	m->gram_keys = SEC(CI_GRAM_KEYS);
	m->gram_off = SEC(CI_GRAM_OFF);
	m->gram_data = SEC(CI_GRAM_DATA);
	m->kbit_idx = SEC(CI_KBIT_IDX);
	m->kbits = SEC(CI_KBITS);
#undef SEC
	/* offsets must be in range and in order, and strings terminated, so
	 * that a well-summed but foreign image cannot lead reads astray */
	for (uint64_t i = 0; i < n; i++)
		if (m->sk_off[i] > m->sk_off[i + 1] || m->text_off[i] > m->text_off[i + 1] ||
		    m->alen[i] > m->text_off[i + 1] - m->text_off[i] ||
		    m->dkey_off[i] > m->dkey_off[i + 1])
			return -1;
	if (m->sk_off[0] || m->sk_off[n] != h.len[CI_SK] || m->text_off[0] ||
	    m->text_off[n] + 1 != h.len[CI_TEXT] || m->dkey_off[0] ||
	    m->dkey_off[n] * 4 != h.len[CI_DKEY])
		return -1;
	if (n && m->sk[h.len[CI_SK] - 1] != '\0')
		return -1;
	for (uint64_t k = 0; k < nk; k++)
		if (m->key_off[k] >= m->key_off[k + 1] || m->kpost_off[k] > m->kpost_off[k + 1])
			return -1;
	if (m->key_off[0] || m->key_off[nk] != h.len[CI_KEY_STR] || m->kpost_off[0] ||
	    m->kpost_off[nk] * 4 != h.len[CI_KPOST])
		return -1;
	if (nk && m->key_str[h.len[CI_KEY_STR] - 1] != '\0')
		return -1;
	for (uint64_t g = 0; g < ng; g++)
		if (m->gram_off[g] > m->gram_off[g + 1])
			return -1;
	if (m->gram_off[0] || m->gram_off[ng] + 8 != h.len[CI_GRAM_DATA])
		return -1;
	if (h.len[CI_KBIT_IDX] != nk * 4)
		return -1;
	uint64_t nbits = 0, words = (n + 63) / 64;
	for (uint64_t k = 0; k < nk; k++)
		if (m->kbit_idx[k] != UINT32_MAX && m->kbit_idx[k] != nbits++)
			return -1;
	if (h.len[CI_KBITS] != nbits * words * 8)
		return -1;
	return 0;
}

/* One document of the new main part: from the old main part or the delta. */
struct src {
	const struct ci_ddoc *dd; /* or NULL: main doc d */
	uint32_t d;
};

static int cmp_key_ptr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static size_t str_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)(h ^ (h >> 32));
}

static int64_t find_key(const char *const *keys, size_t n, const char *key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(keys[mid], key);
		if (!c)
			return (int64_t)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

int ci_main_build(const struct gk_catalogue_index *ix, void **image, size_t *len)
{
	const struct ci_main *m = &ix->m;
	struct ci_vec sec[CI_NSECTIONS] = {{0}};
	struct src *order = NULL;
	size_t ndd = 0;
	struct ci_ddoc **dd = NULL;
	const char **kstr = NULL;
	uint32_t *main_knew = NULL, *count = NULL;
	uint64_t *kfill = NULL;
	struct kslot {
		const char *key;
		uint32_t num;
	} *kset = NULL;
	size_t kset_n = 64;
	int rc = -1;

	dd = ix->ndelta ? ci_delta_sorted(ix, &ndd) : NULL;
	if (ix->ndelta && !dd)
		goto out;
	size_t total = m->n - ix->ndead + ndd;
	if (total > UINT32_MAX - 1)
		goto out;
	uint32_t n = (uint32_t)total;
	order = malloc((n + 1) * sizeof *order);
	if (!order)
		goto out;
	/* merge main (already in order) and delta */
	{
		uint32_t d = 0;
		size_t j = 0, k = 0;
		for (;;) {
			while (d < m->n && ci_is_dead(ix, d))
				d++;
			bool hm = d < m->n, hd = j < ndd;
			if (!hm && !hd)
				break;
			if (hm && (!hd || ci_order(m->sk + m->sk_off[d], m->ids[d], dd[j]->sort_key,
						   dd[j]->id) < 0))
				order[k++] = (struct src){NULL, d++};
			else
				order[k++] = (struct src){dd[j++], 0};
		}
	}
	/* the key dictionary: main keys still used, and delta keys */
	size_t nks = 0, kcap = m->nkeys + 16;
	for (size_t j = 0; j < ndd; j++)
		kcap += dd[j]->nkeys;
	kstr = malloc(kcap * sizeof *kstr);
	while (kset_n < kcap * 2)
		kset_n *= 2;
	kset = calloc(kset_n, sizeof *kset);
	if (!kset)
		goto out;
	main_knew = malloc((m->nkeys + 1) * sizeof *main_knew);
	if (!kstr || !main_knew)
		goto out;
	for (uint32_t k = 0; k < m->nkeys; k++) {
		bool used = !ix->ndead;
		for (uint64_t p = m->kpost_off[k]; !used && p < m->kpost_off[k + 1]; p++)
			used = !ci_is_dead(ix, m->kpost[p]);
		if (used)
			kstr[nks++] = ci_key(m, k);
	}
	/* the delta's distinct keys, through a hash set: a bulk load has
	 * millions of key strings but few distinct ones */
	for (size_t j = 0; j < ndd; j++)
		for (size_t i = 0; i < dd[j]->nkeys; i++) {
			const char *key = dd[j]->keys[i];
			size_t h = str_hash(key) & (kset_n - 1);
			while (kset[h].key && strcmp(kset[h].key, key))
				h = (h + 1) & (kset_n - 1);
			if (!kset[h].key) {
				kset[h].key = key;
				kstr[nks++] = key;
			}
		}
	qsort(kstr, nks, sizeof *kstr, cmp_key_ptr);
	size_t u = 0;
	for (size_t i = 0; i < nks; i++)
		if (!u || strcmp(kstr[u - 1], kstr[i]))
			kstr[u++] = kstr[i];
	nks = u;
	for (uint32_t k = 0; k < m->nkeys; k++) {
		int64_t f = find_key(kstr, nks, ci_key(m, k));
		main_knew[k] = f < 0 ? UINT32_MAX : (uint32_t)f;
	}
	for (size_t h = 0; h < kset_n; h++)
		if (kset[h].key)
			kset[h].num = (uint32_t)find_key(kstr, nks, kset[h].key);
	/* documents */
	uint64_t zero64 = 0;
	uint32_t zero32 = 0;
	if (ci_vec_add(&sec[CI_SK_OFF], &zero32, 4) || ci_vec_add(&sec[CI_TEXT_OFF], &zero64, 8) ||
	    ci_vec_add(&sec[CI_DKEY_OFF], &zero64, 8))
		goto out;
	count = calloc(nks + 1, sizeof *count);
	if (!count)
		goto out;
	/* sizes first: growing by doubling would copy the texts again */
	{
		size_t tb = 1, sb = 0, kb = 0;
		for (uint32_t i = 0; i < n; i++) {
			const struct src *s = &order[i];
			if (s->dd) {
				tb += (size_t)s->dd->alen + s->dd->blen;
				sb += strlen(s->dd->sort_key) + 1;
				kb += s->dd->nkeys;
			} else {
				tb += m->text_off[s->d + 1] - m->text_off[s->d];
				sb += m->sk_off[s->d + 1] - m->sk_off[s->d];
				kb += m->dkey_off[s->d + 1] - m->dkey_off[s->d];
			}
		}
		if (ci_vec_reserve(&sec[CI_TEXT], tb) || ci_vec_reserve(&sec[CI_SK], sb) ||
		    ci_vec_reserve(&sec[CI_DKEY], kb * 4) ||
		    ci_vec_reserve(&sec[CI_IDS], (size_t)n * 8) ||
		    ci_vec_reserve(&sec[CI_ALEN], (size_t)n * 4) ||
		    ci_vec_reserve(&sec[CI_SK_OFF], (size_t)n * 4 + 4) ||
		    ci_vec_reserve(&sec[CI_TEXT_OFF], (size_t)n * 8 + 8) ||
		    ci_vec_reserve(&sec[CI_DKEY_OFF], (size_t)n * 8 + 8))
			goto out;
	}
	for (uint32_t i = 0; i < n; i++) {
		const struct src *s = &order[i];
		int64_t id;
		const char *sk, *t;
		size_t tlen;
		uint32_t alen;
		size_t dk0 = sec[CI_DKEY].len;
		if (s->dd) {
			id = s->dd->id;
			sk = s->dd->sort_key;
			t = s->dd->text;
			tlen = (size_t)s->dd->alen + s->dd->blen;
			alen = s->dd->alen;
			for (size_t j = 0; j < s->dd->nkeys; j++) {
				const char *key = s->dd->keys[j];
				size_t hh = str_hash(key) & (kset_n - 1);
				while (strcmp(kset[hh].key, key))
					hh = (hh + 1) & (kset_n - 1);
				uint32_t k = kset[hh].num;
				if (ci_vec_add(&sec[CI_DKEY], &k, 4))
					goto out;
			}
		} else {
			uint32_t d = s->d;
			id = m->ids[d];
			sk = m->sk + m->sk_off[d];
			t = m->text + m->text_off[d];
			tlen = m->text_off[d + 1] - m->text_off[d];
			alen = m->alen[d];
			for (uint64_t p = m->dkey_off[d]; p < m->dkey_off[d + 1]; p++)
				if (ci_vec_add(&sec[CI_DKEY], &main_knew[m->dkey[p]], 4))
					goto out;
		}
		/* keys were sorted by string, and numbers follow string order */
		for (size_t p = dk0; p < sec[CI_DKEY].len; p += 4) {
			uint32_t k;
			memcpy(&k, sec[CI_DKEY].p + p, 4);
			count[k]++;
		}
		if (ci_vec_add(&sec[CI_IDS], &id, 8) ||
		    ci_vec_add(&sec[CI_SK], sk, strlen(sk) + 1) ||
		    ci_vec_add(&sec[CI_TEXT], t, tlen) || ci_vec_add(&sec[CI_ALEN], &alen, 4))
			goto out;
		if (sec[CI_SK].len > UINT32_MAX)
			goto out;
		uint32_t sko = (uint32_t)sec[CI_SK].len;
		uint64_t to = sec[CI_TEXT].len, dko = sec[CI_DKEY].len / 4;
		if (ci_vec_add(&sec[CI_SK_OFF], &sko, 4) || ci_vec_add(&sec[CI_TEXT_OFF], &to, 8) ||
		    ci_vec_add(&sec[CI_DKEY_OFF], &dko, 8))
			goto out;
	}
	/* a NUL after the last text, so a text can be read as a string */
	if (ci_vec_add(&sec[CI_TEXT], "", 1))
		goto out;
	/* keys and their postings */
	uint32_t ko = 0;
	uint64_t po = 0;
	if (ci_vec_add(&sec[CI_KEY_OFF], &ko, 4) || ci_vec_add(&sec[CI_KPOST_OFF], &po, 8))
		goto out;
	kfill = malloc((nks + 1) * sizeof *kfill);
	if (!kfill)
		goto out;
	for (size_t k = 0; k < nks; k++) {
		if (ci_vec_add(&sec[CI_KEY_STR], kstr[k], strlen(kstr[k]) + 1))
			goto out;
		ko = (uint32_t)sec[CI_KEY_STR].len;
		kfill[k] = po;
		po += count[k];
		if (ci_vec_add(&sec[CI_KEY_OFF], &ko, 4) || ci_vec_add(&sec[CI_KPOST_OFF], &po, 8))
			goto out;
	}
	if (ci_vec_reserve(&sec[CI_KPOST], po * 4 + 1))
		goto out;
	sec[CI_KPOST].len = po * 4;
	{
		const uint32_t *dk = (const uint32_t *)(void *)sec[CI_DKEY].p;
		const uint64_t *dko = (const uint64_t *)(void *)sec[CI_DKEY_OFF].p;
		uint32_t *kp = (uint32_t *)(void *)sec[CI_KPOST].p;
		for (uint32_t d = 0; d < n; d++)
			for (uint64_t p = dko[d]; p < dko[d + 1]; p++)
				kp[kfill[dk[p]]++] = d;
	}
	/* bitmaps of the dense keys */
	{
		const uint32_t *kp = (const uint32_t *)(void *)sec[CI_KPOST].p;
		size_t words = ((size_t)n + 63) / 64;
		uint32_t nbits = 0;
		for (size_t k = 0; k < nks; k++) {
			uint64_t c = count[k];
			uint32_t idx = UINT32_MAX;
			if (c && c * CI_DENSE >= n) {
				idx = nbits++;
				size_t at = sec[CI_KBITS].len;
				if (ci_vec_reserve(&sec[CI_KBITS], words * 8))
					goto out;
				memset(sec[CI_KBITS].p + at, 0, words * 8);
				sec[CI_KBITS].len += words * 8;
				uint64_t *w = (uint64_t *)(void *)(sec[CI_KBITS].p + at);
				for (uint64_t p = kfill[k] - c; p < kfill[k]; p++)
					w[kp[p] >> 6] |= (uint64_t)1 << (kp[p] & 63);
			}
			if (ci_vec_add(&sec[CI_KBIT_IDX], &idx, 4))
				goto out;
		}
	}
	/* text postings */
	{
		if (ci_postings_build(&sec[CI_GRAM_KEYS], &sec[CI_GRAM_OFF], &sec[CI_GRAM_DATA],
				      (const uint64_t *)(void *)sec[CI_TEXT_OFF].p,
				      (const uint32_t *)(void *)sec[CI_ALEN].p,
				      (const char *)sec[CI_TEXT].p, n))
			goto out;
	}
	/* assemble */
	struct ci_header h = {0};
	memcpy(h.magic, ci_magic, 8);
	h.version = CI_VERSION;
	h.header_len = sizeof h;
	h.n = n;
	h.nkeys = nks;
	h.ngrams = sec[CI_GRAM_KEYS].len / 8;
	h.seq = ix->seq;
	size_t at = sizeof h;
	for (int s = 0; s < CI_NSECTIONS; s++) {
		at = (at + 7) & ~(size_t)7;
		h.off[s] = at;
		h.len[s] = sec[s].len;
		at += sec[s].len;
	}
	h.total_len = (at + 7) & ~(size_t)7;
	unsigned char *img = aligned_alloc(64, (h.total_len + 63) & ~(size_t)63);
	if (!img)
		goto out;
	/* each byte written once: the sections, and zeros only in the gaps
	 * (the image is as large as the texts and lists together) */
	memset(img, 0, h.off[0]);
	for (int s = 0; s < CI_NSECTIONS; s++) {
		if (sec[s].len)
			memcpy(img + h.off[s], sec[s].p, sec[s].len);
		size_t end = h.off[s] + sec[s].len;
		size_t next = s + 1 < CI_NSECTIONS ? h.off[s + 1] : h.total_len;
		memset(img + end, 0, next - end);
	}
	h.body_sum = body_checksum(img, &h);
	h.header_sum = header_checksum(&h);
	memcpy(img, &h, sizeof h);
	*image = img;
	*len = h.total_len;
	rc = 0;
out:
	for (int s = 0; s < CI_NSECTIONS; s++)
		ci_vec_release(&sec[s]);
	free(order);
	free(dd);
	free(kstr);
	free(main_knew);
	free(count);
	free(kfill);
	free(kset);
	return rc;
}

int gk_catalogue_index_save(struct gk_catalogue_index *ix,
			    int (*write)(const void *p, size_t n, void *ctx), void *ctx)
{
	if (gk_catalogue_index_compact(ix))
		return -1;
	const unsigned char *img = ix->image ? ix->image : ix->mapped;
	struct ci_header h;
	memcpy(&h, img, sizeof h);
	h.seq = ix->seq;
	h.header_sum = header_checksum(&h);
	if (write(&h, sizeof h, ctx) || write(img + sizeof h, ix->image_len - sizeof h, ctx))
		return -1;
	return 0;
}

struct gk_catalogue_index *gk_catalogue_index_load(const void *data, size_t n)
{
	struct gk_catalogue_index *ix = calloc(1, sizeof *ix);
	if (!ix)
		return NULL;
	void *copy = NULL;
	if ((uintptr_t)data & 7) {
		/* not aligned for in-place use: work on a copy */
		copy = aligned_alloc(64, (n + 63) & ~(size_t)63);
		if (!copy)
			goto fail;
		memcpy(copy, data, n);
		data = copy;
	}
	if (!data || ci_main_bind(&ix->m, data, n))
		goto fail;
	for (uint32_t d = 0; d < ix->m.n; d++) {
		/* the same id twice would break replacement */
		if (ci_map_find(ix, ix->m.ids[d]) || ci_map_put(ix, ix->m.ids[d], d))
			goto fail;
	}
	ix->image = copy;
	ix->image_len = n;
	ix->mapped = copy ? NULL : data;
	ix->seq = ix->m.seq;
	ix->dsorted_ok = true;
	return ix;
fail:
	free(copy);
	free(ix->slots);
	free(ix);
	return NULL;
}
