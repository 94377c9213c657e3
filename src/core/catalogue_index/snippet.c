/* Snippets: the original text around the first match, with every match
 * marked; matching goes through normalisation, the output shows the
 * original characters. */
#include <stdlib.h>
#include <string.h>

#include "core/catalogue_index/internal.h"
#include "lib/html.h"
#include "lib/utf8.h"

/* A match, in byte offsets of the original text. */
struct span {
	size_t a, b;
};

/* The matches of the words in NORM (leftmost, then longest; never
 * overlapping), mapped back through MAP. */
static size_t find_spans(const struct ci_words *w, const char *norm, size_t nlen, const size_t *map,
			 struct span **out)
{
	size_t n = 0, cap = 0;
	struct span *v = NULL;
	const char *next[GK_CATALOGUE_QUERY_WORDS];
	for (size_t i = 0; i < w->n; i++)
		next[i] = memmem(norm, nlen, w->w[i], w->len[i]);
	size_t pos = 0;
	for (;;) {
		size_t best = SIZE_MAX, blen = 0;
		for (size_t i = 0; i < w->n; i++) {
			while (next[i] && (size_t)(next[i] - norm) < pos)
				next[i] = memmem(norm + pos, nlen - pos, w->w[i], w->len[i]);
			if (!next[i])
				continue;
			size_t at = (size_t)(next[i] - norm);
			if (at < best || (at == best && w->len[i] > blen)) {
				best = at;
				blen = w->len[i];
			}
		}
		if (best == SIZE_MAX)
			break;
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			struct span *p = realloc(v, cap * sizeof *v);
			if (!p)
				break;
			v = p;
		}
		v[n++] = (struct span){map[best], map[best + blen]};
		pos = best + blen;
	}
	*out = v;
	return n;
}

static size_t char_len(const char *s, size_t left)
{
	size_t n;
	if (gk_utf8_decode((const unsigned char *)s, left, &n) < 0)
		n = 1;
	return n;
}

/* Writes TEXT[a, b) escaped, one character at a time so that a malformed
 * sequence is shown as U+FFFD and never cut. */
static void put_text(struct gk_buf *out, const char *text, size_t a, size_t b, size_t len)
{
	size_t i = a;
	while (i < b) {
		size_t n;
		if (gk_utf8_decode((const unsigned char *)text + i, len - i, &n) < 0) {
			gk_html_textn(out, text + a, i - a);
			gk_buf_puts(out, "\xEF\xBF\xBD");
			a = i + 1;
			i = a;
			continue;
		}
		i += n;
	}
	gk_html_textn(out, text + a, b - a);
}

void gk_catalogue_snippet(struct gk_buf *out, const char *text, const char *query, size_t width)
{
	if (!text || !width)
		return;
	size_t len = strlen(text);
	struct ci_words w = {0};
	struct ci_vec norm = {0}, map = {0};
	struct span *sp = NULL;
	size_t nsp = 0;
	if (query && ci_words_parse(&w, query) == GK_CQ_OK &&
	    ci_normalize(&norm, text, len, &map) == 0)
		nsp = find_spans(&w, (const char *)norm.p, norm.len, (const size_t *)(void *)map.p,
				 &sp);
	/* the window: a little context before the first match */
	size_t start = 0;
	if (nsp) {
		size_t before = width / 4, k = 0;
		size_t i = 0, *marks = malloc((before + 1) * sizeof *marks);
		if (marks) {
			/* the last BEFORE character starts before the match */
			while (i < sp[0].a) {
				marks[k++ % (before + 1)] = i;
				i += char_len(text + i, len - i);
			}
			if (k > before)
				start = marks[(k - before) % (before + 1)];
			free(marks);
		}
	}
	/* count the characters from START: does the rest fit? */
	size_t avail = width - (start > 0);
	size_t end = start, chars = 0;
	while (end < len && chars < avail) {
		end += char_len(text + end, len - end);
		chars++;
	}
	if (end < len && avail > 1) {
		/* room for the closing "…" */
		size_t e = start;
		for (size_t c = 0; c + 1 < avail; c++)
			e += char_len(text + e, len - e);
		end = e;
	}
	if (start > 0)
		gk_buf_puts(out, "…");
	size_t at = start;
	for (size_t i = 0; i < nsp && at < end; i++) {
		size_t a = sp[i].a < at ? at : sp[i].a;
		size_t b = sp[i].b > end ? end : sp[i].b;
		if (b <= a)
			continue;
		put_text(out, text, at, a, len);
		gk_html_raw(out, "<mark>");
		put_text(out, text, a, b, len);
		gk_html_raw(out, "</mark>");
		at = b;
	}
	if (at < end)
		put_text(out, text, at, end, len);
	if (end < len)
		gk_buf_puts(out, "…");
	free(sp);
	ci_vec_release(&norm);
	ci_vec_release(&map);
	ci_words_release(&w);
}
