/* Fuzz target: search queries (the catalogue's q, parsed by ci_words_parse
 * in core/catalogue_index) against a small index holding one document
 * made of the input. The input is QUERY NUL TITLE NUL BODY. Properties:
 * normalising is idempotent and gives valid UTF-8; the parsed words are
 * non-empty, without quotes or edge spaces; the index finds exactly the
 * documents a naive substring search over the normalised texts finds, in
 * the same tiers and order, from the delta and after compaction; the snippet's
 * HTML holds no tag but <mark>. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"

#include "core/catalogue_index.h"
#include "core/catalogue_index/internal.h"
#include "lib/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SEARCH_NDOCS 3

/* The next NUL-ended part of the input at *P (the rest if none). */
static char *search_part(const char **p, const char *end)
{
	const char *nul = memchr(*p, '\0', (size_t)(end - *p));
	size_t n = nul ? (size_t)(nul - *p) : (size_t)(end - *p);
	char *s = malloc(n + 1);
	FUZZ_CHECK(s != NULL, "memory");
	memcpy(s, *p, n);
	s[n] = '\0';
	*p += nul ? n + 1 : n;
	return s;
}

static void search_normalize(struct gk_buf *out, const char *text)
{
	gk_buf_init(out, (size_t)16 << 20);
	gk_catalogue_normalize(out, text, strlen(text));
	FUZZ_CHECK(!out->failed, "normalising");
	FUZZ_CHECK(gk_utf8_valid(out->data, out->len), "normalised text is valid UTF-8");
	struct gk_buf again;
	gk_buf_init(&again, (size_t)16 << 20);
	gk_catalogue_normalize(&again, out->data, out->len);
	FUZZ_CHECK(again.len == out->len && !memcmp(again.data, out->data, out->len),
		   "normalising twice changes nothing");
	gk_buf_release(&again);
}

static bool search_has(const struct gk_buf *text, const char *w, size_t n)
{
	return memmem(text->data, text->len, w, n) != NULL;
}

/* Only <mark> and </mark> in the snippet's markup. */
static void search_check_snippet(const char *html, size_t len, bool text_valid)
{
	for (const char *p = html; p < html + len; p++) {
		if (*p == '>' || *p == '"')
			FUZZ_CHECK(false, "a bare '>' or '\"' in the snippet");
		if (*p != '<')
			continue;
		if (!strncmp(p, "<mark>", 6))
			p += 5;
		else if (!strncmp(p, "</mark>", 7))
			p += 6;
		else
			FUZZ_CHECK(false, "a tag other than <mark> in the snippet");
	}
	if (text_valid)
		FUZZ_CHECK(gk_utf8_valid(html, len), "a snippet of valid text is valid UTF-8");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	char *query = search_part(&p, end);
	char *title = search_part(&p, end);
	char *body = search_part(&p, end);

	const char *const keys_pub[] = {"a:1", "s:published"};
	const char *const keys_other[] = {"a:2"};
	/* newest first: (sort key, id) descending, so 3, 1, 2 */
	const struct gk_catalogue_doc docs[SEARCH_NDOCS] = {
		{1, "2024-05-01", keys_pub, 2,
		 "关于印发《大同市政府信息公开工作要点》的通知\n同政发〔2024〕12号",
		 "各县区人民政府 COVID-19 防控 ＡＢＣ Full-Width \"quoted\""},
		{2, "2023-01-01", keys_other, 1, "Annual Report 2023 年度报告",
		 "a b  c\tAND OR NOT *"},
		{3, "2024-05-01", keys_pub, 2, title, body},
	};
	static const int order[SEARCH_NDOCS] = {2, 0, 1};

	struct gk_buf norm_a[SEARCH_NDOCS], norm_b[SEARCH_NDOCS];
	for (int i = 0; i < SEARCH_NDOCS; i++) {
		search_normalize(&norm_a[i], docs[i].text_a);
		search_normalize(&norm_b[i], docs[i].text_b);
	}

	struct ci_words w;
	enum gk_catalogue_query_error perr = ci_words_parse(&w, query);
	if (perr == GK_CQ_OK) {
		FUZZ_CHECK(w.n >= 1 && w.n <= GK_CATALOGUE_QUERY_WORDS, "a word count");
		for (size_t i = 0; i < w.n; i++) {
			FUZZ_CHECK(w.len[i] > 0, "no empty word");
			FUZZ_CHECK(!memchr(w.w[i], '"', w.len[i]) &&
					   !memchr(w.w[i], '\n', w.len[i]),
				   "no quote or newline in a word");
			FUZZ_CHECK(w.w[i][0] != ' ' && w.w[i][w.len[i] - 1] != ' ',
				   "no space at a word's edge");
		}
	} else {
		FUZZ_CHECK(perr == GK_CQ_EMPTY || perr == GK_CQ_TOO_LONG || perr == GK_CQ_TOO_MANY,
			   "a query error");
	}

	/* what the index must find: each word in A or B, tier 0 when all in A */
	int want[SEARCH_NDOCS], nwant = 0, want_tier[SEARCH_NDOCS];
	for (int tier = 0; perr == GK_CQ_OK && tier < 2; tier++)
		for (int k = 0; k < SEARCH_NDOCS; k++) {
			int d = order[k];
			bool all_a = true, all = true;
			for (size_t i = 0; i < w.n; i++) {
				bool in_a = search_has(&norm_a[d], w.w[i], w.len[i]);
				all_a = all_a && in_a;
				all = all && (in_a || search_has(&norm_b[d], w.w[i], w.len[i]));
			}
			if (all && (all_a ? 0 : 1) == tier) {
				want_tier[nwant] = tier;
				want[nwant++] = d;
			}
		}

	/* documents 1 and 2 stay in a compacted index (rebuilt now and then:
	 * removals leave dead entries behind); the input's document goes into
	 * its delta and out again. An index costs milliseconds to make, so the
	 * input's document is compacted only for one input in 16. */
	static struct gk_catalogue_index *base;
	static unsigned uses;
	if (!base || ++uses % 1024 == 0) {
		gk_catalogue_index_free(base);
		base = gk_catalogue_index_new();
		FUZZ_CHECK(base != NULL, "memory");
		FUZZ_CHECK(gk_catalogue_index_put(base, &docs[0]) == 0 &&
				   gk_catalogue_index_put(base, &docs[1]) == 0 &&
				   gk_catalogue_index_compact(base) == 0,
			   "the base index");
	}
	unsigned hash = 2166136261u;
	for (size_t i = 0; i < size; i++)
		hash = (hash ^ data[i]) * 16777619u;
	struct gk_catalogue_index *own = NULL;
	if (hash % 16 == 0) {
		own = gk_catalogue_index_new();
		FUZZ_CHECK(own != NULL, "memory");
		for (int i = 0; i < SEARCH_NDOCS; i++)
			FUZZ_CHECK(gk_catalogue_index_put(own, &docs[i]) == 0, "a put");
		FUZZ_CHECK(gk_catalogue_index_compact(own) == 0, "compaction");
	} else {
		FUZZ_CHECK(gk_catalogue_index_put(base, &docs[2]) == 0, "a put");
	}
	const struct gk_catalogue_index *ix = own ? own : base;
	{
		struct gk_catalogue_query q = {.text = query, .offset = 0, .limit = 10};
		struct gk_catalogue_result res;
		enum gk_catalogue_query_error qerr = gk_catalogue_index_query(ix, &q, &res);
		if (!query[0]) {
			FUZZ_CHECK(qerr == GK_CQ_OK && res.nhits == SEARCH_NDOCS,
				   "an empty query lists everything");
		} else {
			FUZZ_CHECK(qerr == perr, "the index parses the query as ci_words_parse");
			if (qerr == GK_CQ_OK) {
				FUZZ_CHECK(res.total == nwant && res.nhits == (size_t)nwant,
					   "the index finds what a substring search finds");
				for (int i = 0; i < nwant; i++)
					FUZZ_CHECK(res.hits[i].id == docs[want[i]].id &&
							   res.hits[i].tier == want_tier[i],
						   "the same documents, tiers and order");
			}
		}
		if (qerr == GK_CQ_OK)
			gk_catalogue_result_release(&res);
		/* with a key: document 2 lacks it */
		const char *const key[] = {"s:published"};
		q.keys = key;
		q.nkeys = 1;
		qerr = gk_catalogue_index_query(ix, &q, &res);
		if (qerr == GK_CQ_OK) {
			for (size_t i = 0; i < res.nhits; i++)
				FUZZ_CHECK(res.hits[i].id != 2, "the key is required");
			gk_catalogue_result_release(&res);
		}
	}
	if (own)
		gk_catalogue_index_free(own);
	else
		gk_catalogue_index_remove(base, docs[2].id);
	if (perr == GK_CQ_OK)
		ci_words_release(&w);

	struct gk_buf snip;
	gk_buf_init(&snip, (size_t)16 << 20);
	gk_catalogue_snippet(&snip, body, query, 60);
	search_check_snippet(snip.data, snip.len, gk_utf8_valid(body, strlen(body)));
	gk_buf_reset(&snip);
	gk_catalogue_snippet(&snip, docs[0].text_b, query, 20);
	search_check_snippet(snip.data, snip.len, true);
	gk_buf_release(&snip);

	for (int i = 0; i < SEARCH_NDOCS; i++) {
		gk_buf_release(&norm_a[i]);
		gk_buf_release(&norm_b[i]);
	}
	free(query);
	free(title);
	free(body);
	return 0;
}
