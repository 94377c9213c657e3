/* Unit tests for core/catalogue_index: every answer against a brute-force
 * truth (normalise, then substring search per text) over a generated
 * catalogue, through puts, replacements, removals, compactions, save and
 * load; listings, counts and facets against a recount; snippets; hostile
 * queries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/catalogue_index.h"
#include "core/catalogue_index/internal.h"
#include "lib/buf.h"

/* --- a reproducible generator ------------------------------------------- */

static uint64_t rng_state;

static uint32_t rnd(uint32_t n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(rng_state >> 33) % n;
}

/* few characters, so substrings repeat across documents */
static const char *const pieces[] = {
	"政", "府", "信", "息", "公",   "开",  "办",  "发",  "号", "条",   "例",   "规",
	"定", "法", "〔", "〕", "2017", "109", "Foo", "xml", "ID", "ＡＢ", "１２", " ",
	"　", "a",  "b",  "7",  "的",   "《",  "》",  "&",   "<",  "\"",
};
#define NPIECES (sizeof pieces / sizeof pieces[0])

/* TINY: from four characters only, so that every bigram of a word is
 * often present without the word (the case verification exists for) */
static void gen_text(struct gk_buf *b, size_t min, size_t max, bool newlines, bool tiny)
{
	size_t n = min + rnd((uint32_t)(max - min + 1));
	for (size_t i = 0; i < n; i++) {
		if (newlines && rnd(12) == 0)
			gk_buf_putc(b, '\n');
		gk_buf_puts(b, pieces[rnd(tiny ? 4 : NPIECES)]);
	}
}

/* the "c:" keys are rare: no bitmap, so listings walk their lists */
static const char *const all_keys[] = {"s:pub", "a:1",    "a:2",    "a:3", "t:01", "t:01.02",
				       "t:02",  "y:2020", "y:2021", "g:x", "c:r1", "c:r2"};
#define NALLKEYS (sizeof all_keys / sizeof all_keys[0])

/* The model: what the index should hold. */
struct mdoc {
	int64_t id;
	char sk[32];
	const char *keys[NALLKEYS];
	size_t nkeys;
	char *a, *b;   /* as given */
	char *na, *nb; /* normalised */
	bool alive;
};

#define MAXDOCS 10000
static struct mdoc model[MAXDOCS];
static size_t nmodel;

static char *norm(const char *s)
{
	struct gk_buf b;
	gk_buf_init(&b, GK_BUF_DEFAULT_MAX);
	gk_catalogue_normalize(&b, s, strlen(s));
	size_t n;
	char *r = gk_buf_detach(&b, &n);
	assert_non_null(r);
	return r;
}

static void mdoc_fill(struct mdoc *d, int64_t id)
{
	free(d->a);
	free(d->b);
	free(d->na);
	free(d->nb);
	d->id = id;
	snprintf(d->sk, sizeof d->sk, "20%02u-0%u-1%u", 10 + rnd(12), 1 + rnd(9), rnd(10));
	if (rnd(4) == 0)
		snprintf(d->sk + 10, sizeof d->sk - 10, " 09:%02u:00", rnd(60));
	d->nkeys = 0;
	for (size_t k = 0; k < NALLKEYS; k++)
		if (rnd(all_keys[k][0] == 'c' ? 150 : 3) == 0)
			d->keys[d->nkeys++] = all_keys[k];
	struct gk_buf b;
	gk_buf_init(&b, GK_BUF_DEFAULT_MAX);
	bool tiny = rnd(3) == 0;
	gen_text(&b, 2, tiny ? 16 : 10, true, tiny);
	size_t n;
	d->a = gk_buf_detach(&b, &n);
	gen_text(&b, 0, 40, true, tiny);
	d->b = gk_buf_detach(&b, &n);
	d->na = norm(d->a);
	d->nb = norm(d->b);
	d->alive = true;
}

static void put(struct gk_catalogue_index *ix, const struct mdoc *d)
{
	struct gk_catalogue_doc doc = {d->id, d->sk, d->keys, d->nkeys, d->a, d->b};
	assert_int_equal(gk_catalogue_index_put(ix, &doc), 0);
}

static void model_free(void)
{
	for (size_t i = 0; i < nmodel; i++) {
		free(model[i].a);
		free(model[i].b);
		free(model[i].na);
		free(model[i].nb);
	}
	memset(model, 0, sizeof model);
	nmodel = 0;
}

/* --- the truth ---------------------------------------------------------- */

static int order(const void *x, const void *y)
{
	const struct mdoc *a = *(struct mdoc *const *)x, *b = *(struct mdoc *const *)y;
	int c = strcmp(a->sk, b->sk);
	if (c)
		return -c;
	return a->id > b->id ? -1 : a->id < b->id;
}

static bool has_key(const struct mdoc *d, const char *key)
{
	for (size_t i = 0; i < d->nkeys; i++)
		if (strcmp(d->keys[i], key) == 0)
			return true;
	return false;
}

struct truth {
	int64_t ids[MAXDOCS];
	int tiers[MAXDOCS];
	size_t n;
};

/* Every live doc with the keys, and (with WORDS) every word, ranked. */
static void truth(struct truth *t, const char *const *keys, size_t nkeys, char **words,
		  size_t nwords)
{
	static struct mdoc *v[MAXDOCS];
	size_t n = 0;
	for (size_t i = 0; i < nmodel; i++)
		if (model[i].alive)
			v[n++] = &model[i];
	qsort(v, n, sizeof *v, order);
	t->n = 0;
	for (int tier = 0; tier < (nwords ? 2 : 1); tier++)
		for (size_t i = 0; i < n; i++) {
			bool ok = true;
			for (size_t k = 0; k < nkeys; k++)
				ok = ok && has_key(v[i], keys[k]);
			int dt = 0;
			for (size_t w = 0; ok && w < nwords; w++) {
				if (strstr(v[i]->na, words[w]))
					continue;
				if (strstr(v[i]->nb, words[w]))
					dt = 1;
				else
					ok = false;
			}
			if (ok && dt == tier) {
				t->ids[t->n] = v[i]->id;
				t->tiers[t->n++] = tier;
			}
		}
}

static const struct mdoc *find(int64_t id)
{
	for (size_t i = 0; i < nmodel; i++)
		if (model[i].alive && model[i].id == id)
			return &model[i];
	return NULL;
}

/* How many checked searches had matches, and how many none: a generator
 * that stopped producing either would make the comparison hollow. */
static size_t searches_with_hits, searches_without;

/* Runs a query and compares everything with the truth. */
static void check_query(struct gk_catalogue_index *ix, const char *text, char **words,
			size_t nwords, const char *const *keys, size_t nkeys, int64_t offset,
			int64_t limit, int64_t cap)
{
	static struct truth t;
	truth(&t, keys, nkeys, words, nwords);
	static const char *const prefixes[] = {"t:", "y:"};
	struct gk_catalogue_query q = {text, keys, nkeys, offset, limit, cap, prefixes, 2};
	struct gk_catalogue_result res;
	enum gk_catalogue_query_error err = gk_catalogue_index_query(ix, &q, &res);
	bool search = nwords > 0;
	if (search && cap && offset >= cap) {
		assert_int_equal(err, GK_CQ_TOO_DEEP);
		return;
	}
	if (err != GK_CQ_OK)
		fail_msg("query '%s' failed: %d", text ? text : "(null)", err);
	if (search)
		(t.n ? searches_with_hits++ : searches_without++);
	size_t counted = t.n;
	if (search && cap && (int64_t)t.n > cap)
		counted = (size_t)cap;
	if ((int64_t)counted != res.total || res.capped != (counted < t.n))
		fail_msg("query '%s' keys %zu: total %lld capped %d, want %zu of %zu",
			 text ? text : "", nkeys, (long long)res.total, res.capped, counted, t.n);
	size_t want = 0;
	for (size_t i = (size_t)offset; i < counted && want < (size_t)limit; i++, want++) {
		if (want >= res.nhits)
			fail_msg("query '%s': %zu hits, want more", text ? text : "", res.nhits);
		if (res.hits[want].id != t.ids[i] || res.hits[want].tier != t.tiers[i])
			fail_msg("query '%s' keys %zu offset %lld: hit %zu is %lld/%d, want "
				 "%lld/%d",
				 text ? text : "", nkeys, (long long)offset, want,
				 (long long)res.hits[want].id, res.hits[want].tier,
				 (long long)t.ids[i], t.tiers[i]);
	}
	assert_int_equal(res.nhits, want);
	if (search) {
		/* facets count the counted matches */
		size_t nf = 0;
		for (size_t k = 0; k < NALLKEYS; k++) {
			const char *key = all_keys[k];
			if (strncmp(key, "t:", 2) && strncmp(key, "y:", 2))
				continue;
			int64_t c = 0;
			for (size_t i = 0; i < counted; i++)
				c += has_key(find(t.ids[i]), key);
			if (!c)
				continue;
			bool found = false;
			for (size_t f = 0; f < res.nfacets; f++)
				if (strcmp(res.facets[f].key, key) == 0) {
					assert_int_equal(res.facets[f].count, c);
					found = true;
				}
			assert_true(found);
			nf++;
		}
		assert_int_equal(res.nfacets, nf);
		for (size_t f = 1; f < res.nfacets; f++)
			assert_true(strcmp(res.facets[f - 1].key, res.facets[f].key) < 0);
	} else {
		assert_int_equal(res.nfacets, 0);
	}
	gk_catalogue_result_release(&res);
}

/* A word taken from a random live document, or made up. */
static char *random_word(void)
{
	for (int tries = 0; nmodel && tries < 100; tries++) {
		const struct mdoc *d = &model[rnd((uint32_t)nmodel)];
		if (!d->alive)
			continue;
		const char *src = rnd(2) ? d->a : d->b;
		size_t len = strlen(src);
		if (!len)
			continue;
		size_t at = rnd((uint32_t)len);
		while (at > 0 && ((unsigned char)src[at] & 0xC0) == 0x80)
			at--;
		size_t chars = 1 + rnd(8), e = at;
		while (e < len && chars) {
			e++;
			while (e < len && ((unsigned char)src[e] & 0xC0) == 0x80)
				e++;
			chars--;
		}
		char *w = strndup(src + at, e - at);
		/* sometimes in upper case, or full width: found all the same */
		if (rnd(4) == 0)
			for (char *p = w; *p; p++)
				if (*p >= 'a' && *p <= 'z')
					*p -= 32;
		return w;
	}
	return strdup("政府");
}

static void random_queries(struct gk_catalogue_index *ix, int n)
{
	for (int i = 0; i < n; i++) {
		char *raw[4];
		char *words[4];
		size_t nw = 1 + rnd(3) * (rnd(3) == 0);
		struct gk_buf text;
		gk_buf_init(&text, GK_BUF_DEFAULT_MAX);
		size_t kept = 0;
		for (size_t w = 0; w < nw; w++) {
			raw[w] = rnd(8) == 0 ? strdup("法法法法") : random_word();
			if (rnd(10) == 0) {
				free(raw[w]);
				raw[w] = strdup("ｘｍｌ");
			}
			/* the truth: the word normalised, without edge spaces */
			char *nw1 = norm(raw[w]);
			char *s = nw1, *e = nw1 + strlen(nw1);
			while (*s == ' ' || *s == '\n')
				s++;
			while (e > s && (e[-1] == ' ' || e[-1] == '\n'))
				e--;
			bool inner_space = memchr(s, ' ', (size_t)(e - s)) != NULL;
			bool has_quote = memchr(s, '"', (size_t)(e - s)) != NULL;
			bool has_nl = memchr(s, '\n', (size_t)(e - s)) != NULL;
			if (e == s || has_quote || has_nl) {
				free(nw1);
				free(raw[w]);
				continue;
			}
			if (kept)
				gk_buf_puts(&text, rnd(2) ? " " : "　");
			if (inner_space) {
				gk_buf_putc(&text, '"');
				gk_buf_puts(&text, raw[w]);
				gk_buf_putc(&text, '"');
				words[kept] = strndup(s, (size_t)(e - s));
			} else {
				gk_buf_puts(&text, raw[w]);
				words[kept] = strndup(s, (size_t)(e - s));
			}
			free(nw1);
			free(raw[w]);
			kept++;
		}
		if (!kept) {
			gk_buf_release(&text);
			continue;
		}
		const char *keys[3];
		size_t nkeys = rnd(3) == 0 ? 1 + rnd(2) : 0;
		for (size_t k = 0; k < nkeys; k++)
			keys[k] = all_keys[rnd(NALLKEYS)];
		int64_t offset = rnd(3) == 0 ? rnd(40) : 0;
		int64_t cap = rnd(3) == 0 ? 1 + rnd(30) : 0;
		check_query(ix, text.data, words, kept, keys, nkeys, offset, 1 + rnd(12), cap);
		for (size_t w = 0; w < kept; w++)
			free(words[w]);
		gk_buf_release(&text);
	}
}

static void random_listings(struct gk_catalogue_index *ix, int n)
{
	for (int i = 0; i < n; i++) {
		const char *keys[3];
		size_t nkeys = rnd(4);
		for (size_t k = 0; k < nkeys; k++)
			keys[k] = all_keys[rnd(NALLKEYS)];
		if (rnd(10) == 0 && nkeys)
			keys[0] = "x:missing";
		int64_t offset = rnd(2) ? rnd(20) : rnd((uint32_t)nmodel + 10);
		check_query(ix, rnd(2) ? NULL : "", NULL, 0, keys, nkeys, offset, 1 + rnd(20), 0);
		/* counts */
		static struct truth t;
		truth(&t, keys, nkeys, NULL, 0);
		assert_int_equal(gk_catalogue_index_count(ix, keys, nkeys), (int64_t)t.n);
	}
}

struct facet_seen {
	const char *keys[NALLKEYS];
	int64_t counts[NALLKEYS];
	size_t n;
};

static void on_facet(const char *key, int64_t count, void *ctx)
{
	struct facet_seen *s = ctx;
	assert_true(s->n < NALLKEYS);
	for (size_t k = 0; k < NALLKEYS; k++)
		if (strcmp(all_keys[k], key) == 0)
			s->keys[s->n] = all_keys[k];
	assert_non_null(s->keys[s->n]);
	s->counts[s->n++] = count;
}

static void check_facets(struct gk_catalogue_index *ix)
{
	static const char *const prefixes[] = {"t:", "a:", "y:", "", "zz"};
	for (size_t p = 0; p < 5; p++)
		for (int r = 0; r < 4; r++) {
			const char *keys[2];
			size_t nkeys = (size_t)r % 3;
			for (size_t k = 0; k < nkeys; k++)
				keys[k] = all_keys[rnd(NALLKEYS)];
			struct facet_seen s = {0};
			gk_catalogue_index_facet(ix, prefixes[p], keys, nkeys, on_facet, &s);
			size_t want = 0;
			for (size_t k = 0; k < NALLKEYS; k++) {
				if (strncmp(all_keys[k], prefixes[p], strlen(prefixes[p])))
					continue;
				const char *kk[3] = {all_keys[k]};
				for (size_t j = 0; j < nkeys; j++)
					kk[j + 1] = keys[j];
				static struct truth t;
				truth(&t, kk, nkeys + 1, NULL, 0);
				if (!t.n)
					continue;
				bool found = false;
				for (size_t i = 0; i < s.n; i++)
					if (s.keys[i] == all_keys[k]) {
						assert_int_equal(s.counts[i], (int64_t)t.n);
						found = true;
					}
				assert_true(found);
				want++;
			}
			assert_int_equal(s.n, want);
			for (size_t i = 1; i < s.n; i++)
				assert_true(strcmp(s.keys[i - 1], s.keys[i]) < 0);
		}
}

static void check_all(struct gk_catalogue_index *ix)
{
	size_t live = 0;
	for (size_t i = 0; i < nmodel; i++)
		live += model[i].alive;
	assert_int_equal(gk_catalogue_index_size(ix), live);
	random_queries(ix, 120);
	random_listings(ix, 60);
	check_facets(ix);
}

static void build(struct gk_catalogue_index *ix, size_t n)
{
	model_free();
	for (size_t i = 0; i < n; i++) {
		/* ids not in document order, some negative */
		mdoc_fill(&model[i], (int64_t)(i * 7919 % 100003) - 50);
		put(ix, &model[i]);
	}
	nmodel = n;
}

static void mutate(struct gk_catalogue_index *ix, int n)
{
	for (int i = 0; i < n; i++) {
		uint32_t what = rnd(4);
		if (what == 0 && nmodel < MAXDOCS) {
			/* a new document */
			struct mdoc *d = &model[nmodel++];
			mdoc_fill(d, 200000 + (int64_t)nmodel);
			put(ix, d);
		} else if (what == 1) {
			struct mdoc *d = &model[rnd((uint32_t)nmodel)];
			gk_catalogue_index_remove(ix, d->id);
			d->alive = false;
		} else {
			/* replace (or revive) a document with new content */
			struct mdoc *d = &model[rnd((uint32_t)nmodel)];
			mdoc_fill(d, d->id);
			put(ix, d);
		}
	}
	/* removing what is not there changes nothing */
	gk_catalogue_index_remove(ix, 987654321);
}

struct sink {
	char *p;
	size_t n;
	int fail_after; /* writes allowed, -1 unlimited */
};

static int sink_write(const void *p, size_t n, void *ctx)
{
	struct sink *s = ctx;
	if (s->fail_after == 0)
		return -1;
	if (s->fail_after > 0)
		s->fail_after--;
	char *q = realloc(s->p, s->n + n);
	if (!q)
		return -1;
	memcpy(q + s->n, p, n);
	s->p = q;
	s->n += n;
	return 0;
}

static struct gk_catalogue_index *save_load(struct gk_catalogue_index *ix, struct sink *s)
{
	gk_catalogue_index_set_seq(ix, 4242);
	memset(s, 0, sizeof *s);
	s->fail_after = -1;
	assert_int_equal(gk_catalogue_index_save(ix, sink_write, s), 0);
	struct gk_catalogue_index *ld = gk_catalogue_index_load(s->p, s->n);
	assert_non_null(ld);
	assert_int_equal(gk_catalogue_index_seq(ld), 4242);
	gk_catalogue_index_free(ix);
	return ld;
}

/* Past CI_DELTA_SORTED_MAX puts, queries sort the delta themselves. */
static void bulk_load_before_compaction(void **state)
{
	rng_state = 99;
	struct gk_catalogue_index *ix = gk_catalogue_index_new();
	build(ix, 8700);
	random_queries(ix, 30);
	random_listings(ix, 30);
	mutate(ix, 100);
	random_queries(ix, 30);
	random_listings(ix, 30);
	assert_int_equal(gk_catalogue_index_compact(ix), 0);
	random_queries(ix, 30);
	random_listings(ix, 30);
	gk_catalogue_index_free(ix);
	model_free();
}

static void matches_truth_through_changes(void **state)
{
	rng_state = 20261130;
	struct gk_catalogue_index *ix = gk_catalogue_index_new();
	assert_non_null(ix);
	check_all(ix); /* empty */
	build(ix, 1500);
	check_all(ix); /* everything in the delta */
	assert_int_equal(gk_catalogue_index_compact(ix), 0);
	check_all(ix);
	mutate(ix, 300);
	check_all(ix); /* main, dead marks and delta */
	assert_int_equal(gk_catalogue_index_compact(ix), 0);
	check_all(ix);
	mutate(ix, 200);
	struct sink s;
	ix = save_load(ix, &s); /* save compacts */
	check_all(ix);
	mutate(ix, 200); /* changes over a loaded image */
	check_all(ix);
	struct sink s2;
	ix = save_load(ix, &s2);
	check_all(ix);
	gk_catalogue_index_free(ix);
	free(s.p);
	free(s2.p);
	model_free();
	assert_true(searches_with_hits > 300);
	assert_true(searches_without > 30);
}

static void damaged_images_are_refused(void **state)
{
	rng_state = 7;
	struct gk_catalogue_index *ix = gk_catalogue_index_new();
	build(ix, 200);
	struct sink s = {0};
	s.fail_after = -1;
	assert_int_equal(gk_catalogue_index_save(ix, sink_write, &s), 0);
	/* a failing writer fails the save */
	struct sink f = {0};
	f.fail_after = 1;
	assert_int_equal(gk_catalogue_index_save(ix, sink_write, &f), -1);
	free(f.p);
	/* truncated, flipped anywhere, or unaligned (then copied) */
	for (size_t cut = 0; cut < s.n; cut += 1 + s.n / 50)
		assert_null(gk_catalogue_index_load(s.p, cut));
	/* damage is refused, except in the texts and the gram lists (left out
	 * of the checksum so a load reads little): there it may give wrong
	 * answers but never a bad read (this suite runs under ASan) */
	size_t loaded = 0, refused = 0;
	for (size_t at = 0; at < s.n; at += 1 + s.n / 1000) {
		s.p[at] ^= 0x10;
		struct gk_catalogue_index *bad = gk_catalogue_index_load(s.p, s.n);
		if (bad) {
			loaded++;
			struct gk_catalogue_query q = {.limit = 10};
			static const char *const qs[] = {"政", "政府", "政府信息", "foo xml",
							 "2017"};
			for (size_t i = 0; i < 5; i++) {
				struct gk_catalogue_result r;
				q.text = qs[i];
				assert_int_equal(gk_catalogue_index_query(bad, &q, &r), GK_CQ_OK);
				gk_catalogue_result_release(&r);
			}
			gk_catalogue_index_free(bad);
		} else {
			refused++;
		}
		s.p[at] ^= 0x10;
	}
	assert_true(refused > 100);
	char *odd = malloc(s.n + 1);
	memcpy(odd + 1, s.p, s.n);
	struct gk_catalogue_index *ld = gk_catalogue_index_load(odd + 1, s.n);
	free(odd);
	assert_non_null(ld);
	check_all(ld);
	gk_catalogue_index_free(ld);
	assert_null(gk_catalogue_index_load("", 0));
	gk_catalogue_index_free(ix);
	free(s.p);
	model_free();
}

static void normalises(void **state)
{
	struct {
		const char *in, *want;
	} cases[] = {
		{"ＡＢＣ１２３ｘ", "abc123x"},
		{"a  \t　b", "a b"},
		{"A\nB", "a\nb"},
		{"\xff"
		 "x",
		 "\xEF\xBF\xBD"
		 "x"},
		{"\xe6\x94", "\xEF\xBF\xBD\xEF\xBF\xBD"},
		{"同政办发〔2017〕109号", "同政办发〔2017〕109号"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *n = norm(cases[i].in);
		assert_string_equal(n, cases[i].want);
		free(n);
	}
}

static struct gk_catalogue_index *small_index(void)
{
	struct gk_catalogue_index *ix = gk_catalogue_index_new();
	const char *k[] = {"s:pub"};
	struct gk_catalogue_doc docs[] = {
		{1, "2024-01-01", k, 1, "关于AND OR的通知", "正文 NOT * 内容 \"引号\""},
		{2, "2024-02-01", k, 1, "同政办发〔2017〕109号", "大同市人民政府办公厅"},
		{3, "2024-03-01", k, 1, "<script>alert(1)</script>", "x"},
	};
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(gk_catalogue_index_put(ix, &docs[i]), 0);
	return ix;
}

static int64_t first_hit(struct gk_catalogue_index *ix, const char *text,
			 enum gk_catalogue_query_error *err, int64_t *total)
{
	struct gk_catalogue_query q = {.text = text, .limit = 10};
	struct gk_catalogue_result r;
	*err = gk_catalogue_index_query(ix, &q, &r);
	int64_t id = r.nhits ? r.hits[0].id : 0;
	*total = r.total;
	gk_catalogue_result_release(&r);
	return id;
}

static void hostile_queries(void **state)
{
	struct gk_catalogue_index *ix = small_index();
	enum gk_catalogue_query_error err;
	int64_t total;
	/* operators are text */
	assert_int_equal(first_hit(ix, "AND OR", &err, &total), 1);
	assert_int_equal(total, 1);
	assert_int_equal(first_hit(ix, "NOT *", &err, &total), 1);
	assert_int_equal(first_hit(ix, "NEAR(a b)", &err, &total), 0);
	assert_int_equal(err, GK_CQ_OK);
	assert_int_equal(total, 0);
	/* a lone quote opens a phrase to the end */
	assert_int_equal(first_hit(ix, "\"and or", &err, &total), 1);
	assert_int_equal(first_hit(ix, "\"or and", &err, &total), 0);
	assert_int_equal(total, 0);
	/* quotes in the text cannot be searched for, the words inside can */
	assert_int_equal(first_hit(ix, "\"引号\"", &err, &total), 1);
	/* a phrase keeps its space; separate words need not be adjacent */
	assert_int_equal(first_hit(ix, "\"关于and or\"", &err, &total), 1);
	assert_int_equal(first_hit(ix, "\"and  的\"", &err, &total), 0);
	assert_int_equal(first_hit(ix, "通知 关于", &err, &total), 1);
	/* 文号 fragments, across the brackets */
	assert_int_equal(first_hit(ix, "〔2017〕109", &err, &total), 2);
	assert_int_equal(first_hit(ix, "[2017]", &err, &total), 0);
	/* empty, spaces, quotes only */
	first_hit(ix, "  　 \"\" ", &err, &total);
	assert_int_equal(err, GK_CQ_EMPTY);
	/* invalid UTF-8 matches only U+FFFD, which nothing here holds */
	assert_int_equal(first_hit(ix, "\xff\xfe", &err, &total), 0);
	assert_int_equal(err, GK_CQ_OK);
	/* too long, too many */
	char longq[10001];
	memset(longq, 'a', 10000);
	longq[10000] = '\0';
	first_hit(ix, longq, &err, &total);
	assert_int_equal(err, GK_CQ_TOO_LONG);
	first_hit(ix, "a b c d e f g h i j k", &err, &total);
	assert_int_equal(err, GK_CQ_TOO_MANY);
	/* the boundary between A and B is never crossed */
	assert_int_equal(first_hit(ix, "</script>x", &err, &total), 0);
	assert_int_equal(total, 0);
	/* deep offsets past the cap are refused */
	struct gk_catalogue_query q = {.text = "a", .offset = 5, .limit = 10, .count_cap = 5};
	struct gk_catalogue_result r;
	assert_int_equal(gk_catalogue_index_query(ix, &q, &r), GK_CQ_TOO_DEEP);
	assert_int_equal(r.nhits, 0);
	gk_catalogue_index_free(ix);
}

static char *snippet(const char *text, const char *query, size_t width)
{
	struct gk_buf b;
	gk_buf_init(&b, GK_BUF_DEFAULT_MAX);
	gk_catalogue_snippet(&b, text, query, width);
	size_t n;
	char *r = gk_buf_detach(&b, &n);
	assert_non_null(r);
	return r;
}

static void snippets(void **state)
{
	char *s = snippet("<script>alert(1)</script> 同政办发", "script", 100);
	assert_string_equal(s, "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt; "
			       "同政办发");
	free(s);
	/* matched through normalisation, shown as written */
	s = snippet("关于ＡＢＣ与abc的通知", "abc", 100);
	assert_string_equal(s, "关于<mark>ＡＢＣ</mark>与<mark>abc</mark>的通知");
	free(s);
	/* cut on both sides, marks kept, never more than WIDTH characters */
	s = snippet("一二三四五六七八九十一二三四五六七八九十政府一二三四五六七八九十", "政府", 10);
	assert_string_equal(s, "…九十<mark>政府</mark>一二三四…");
	free(s);
	/* no match: the beginning */
	s = snippet("一二三四五六七八九十", "无", 5);
	assert_string_equal(s, "一二三四…");
	free(s);
	/* the longest word wins where two start together */
	s = snippet("政府信息公开", "政府 政府信息", 20);
	assert_string_equal(s, "<mark>政府信息</mark>公开");
	free(s);
	/* a run of spaces matches a space in a phrase */
	s = snippet("a  \t b", "\"a b\"", 20);
	assert_string_equal(s, "<mark>a  \t b</mark>");
	free(s);
	/* invalid UTF-8 is shown as U+FFFD, never cut into */
	s = snippet("\xff政府\xe6\x94", "政府", 20);
	assert_string_equal(s, "\xEF\xBF\xBD<mark>政府</mark>\xEF\xBF\xBD\xEF\xBF\xBD");
	free(s);
	s = snippet("", "x", 10);
	assert_string_equal(s, "");
	free(s);
	/* never cut a character, whatever the width */
	const char *t = "政府信息公开目录关于ＡＢＣ的通知";
	for (size_t w = 1; w < 20; w++) {
		s = snippet(t, "abc", w);
		size_t n = strlen(s);
		for (size_t i = 0; i < n; i++)
			if (((unsigned char)s[i] & 0xC0) == 0x80)
				assert_true(i > 0);
		free(s);
	}
}

static void listing_order_and_replacement(void **state)
{
	struct gk_catalogue_index *ix = gk_catalogue_index_new();
	const char *k[] = {"s:pub"};
	struct gk_catalogue_doc d = {5, "2024-01-01", k, 1, "标题", "正文"};
	assert_int_equal(gk_catalogue_index_put(ix, &d), 0);
	d.id = 6;
	assert_int_equal(gk_catalogue_index_put(ix, &d), 0);
	d.id = 4;
	d.sort_key = "2024-01-02";
	assert_int_equal(gk_catalogue_index_put(ix, &d), 0);
	assert_int_equal(gk_catalogue_index_compact(ix), 0);
	/* replaced: the old text is gone, the new order holds */
	d.id = 6;
	d.sort_key = "2023-01-01";
	d.text_a = "新标题";
	assert_int_equal(gk_catalogue_index_put(ix, &d), 0);
	struct gk_catalogue_query q = {.limit = 10};
	struct gk_catalogue_result r;
	assert_int_equal(gk_catalogue_index_query(ix, &q, &r), GK_CQ_OK);
	assert_int_equal(r.nhits, 3);
	assert_int_equal(r.hits[0].id, 4);
	assert_int_equal(r.hits[1].id, 5);
	assert_int_equal(r.hits[2].id, 6);
	gk_catalogue_result_release(&r);
	q.text = "新";
	assert_int_equal(gk_catalogue_index_query(ix, &q, &r), GK_CQ_OK);
	assert_int_equal(r.total, 1);
	assert_int_equal(r.hits[0].id, 6);
	assert_int_equal(r.hits[0].tier, 0);
	gk_catalogue_result_release(&r);
	q.text = "正文";
	assert_int_equal(gk_catalogue_index_query(ix, &q, &r), GK_CQ_OK);
	assert_int_equal(r.total, 3);
	assert_int_equal(r.hits[0].tier, 1);
	gk_catalogue_result_release(&r);
	gk_catalogue_index_free(ix);
}

/* The postings built in two parts on two threads are byte for byte those
 * built in one, over texts with every kind of gram (unigrams, bigrams
 * across both texts, hashed trigrams of text A). */
static void postings_in_parts_equal_one_part(void **state)
{
	(void)state;
	rng_state = 20261201;
	const uint32_t n = 3000;
	struct gk_buf text;
	gk_buf_init(&text, GK_BUF_DEFAULT_MAX);
	uint64_t *off = malloc(((size_t)n + 1) * sizeof *off);
	uint32_t *alen = malloc((size_t)n * sizeof *alen);
	assert_non_null(off);
	assert_non_null(alen);
	for (uint32_t d = 0; d < n; d++) {
		off[d] = text.len;
		gen_text(&text, 1, 12, false, d % 7 == 0);
		alen[d] = (uint32_t)(text.len - off[d]);
		gen_text(&text, 0, 40, true, d % 5 == 0);
	}
	off[n] = text.len;
	gk_buf_putc(&text, '\0');
	assert_false(text.failed);
	struct ci_vec k1 = {0}, o1 = {0}, d1 = {0}, k2 = {0}, o2 = {0}, d2 = {0};
	assert_int_equal(ci_postings_build_in(1, &k1, &o1, &d1, off, alen, text.data, n), 0);
	assert_int_equal(ci_postings_build_in(2, &k2, &o2, &d2, off, alen, text.data, n), 0);
	assert_true(k1.len > 1000);
	assert_int_equal(k1.len, k2.len);
	assert_int_equal(o1.len, o2.len);
	assert_int_equal(d1.len, d2.len);
	assert_memory_equal(k1.p, k2.p, k1.len);
	assert_memory_equal(o1.p, o2.p, o1.len);
	assert_memory_equal(d1.p, d2.p, d1.len);
	/* one doc, asked in two parts, is one part */
	struct ci_vec k3 = {0}, o3 = {0}, d3 = {0};
	assert_int_equal(ci_postings_build_in(2, &k3, &o3, &d3, off, alen, text.data, 1), 0);
	assert_true(k3.len > 0);
	struct ci_vec *all[] = {&k1, &o1, &d1, &k2, &o2, &d2, &k3, &o3, &d3};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		ci_vec_release(all[i]);
	gk_buf_release(&text);
	free(off);
	free(alen);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(normalises),
		cmocka_unit_test(listing_order_and_replacement),
		cmocka_unit_test(hostile_queries),
		cmocka_unit_test(snippets),
		cmocka_unit_test(damaged_images_are_refused),
		cmocka_unit_test(matches_truth_through_changes),
		cmocka_unit_test(bulk_load_before_compaction),
		cmocka_unit_test(postings_in_parts_equal_one_part),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
