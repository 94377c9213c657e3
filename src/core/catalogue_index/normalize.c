/* Text normalisation shared by indexing, queries and snippets, and the
 * splitting of a query into words. */
#include <stdlib.h>
#include <string.h>

#include "core/catalogue_index/internal.h"
#include "lib/utf8.h"

int ci_vec_reserve(struct ci_vec *v, size_t more)
{
	if (v->cap - v->len >= more)
		return 0;
	size_t cap = v->cap ? v->cap : 256;
	while (cap - v->len < more)
		cap *= 2;
	unsigned char *p = realloc(v->p, cap);
	if (!p)
		return -1;
	v->p = p;
	v->cap = cap;
	return 0;
}

int ci_vec_add(struct ci_vec *v, const void *p, size_t n)
{
	if (ci_vec_reserve(v, n))
		return -1;
	if (n)
		memcpy(v->p + v->len, p, n);
	v->len += n;
	return 0;
}

void ci_vec_release(struct ci_vec *v)
{
	free(v->p);
	v->p = NULL;
	v->len = v->cap = 0;
}

static size_t put_utf8(unsigned char *o, unsigned long cp)
{
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | cp >> 6);
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | cp >> 12);
		o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | cp >> 18);
	o[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
	o[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

static bool is_space(long cp)
{
	return cp == ' ' || cp == '\t' || cp == 0x3000 || (cp >= 0 && cp < 0x20 && cp != '\n') ||
	       (cp >= 0x7F && cp <= 0x9F);
}

int ci_normalize(struct ci_vec *out, const char *text, size_t n, struct ci_vec *map)
{
	const unsigned char *s = (const unsigned char *)text;
	/* every input byte gives at most 3 output bytes (an invalid byte is
	 * U+FFFD), so one reservation suffices */
	if (ci_vec_reserve(out, n * 3 + 1))
		return -1;
	if (map && ci_vec_reserve(map, (n * 3 + 1) * sizeof(size_t)))
		return -1;
	unsigned char *o = out->p + out->len;
	size_t *mp = map ? (size_t *)(void *)(map->p + map->len) : NULL;
	size_t i = 0;
	bool in_space = false;
	while (i < n) {
		unsigned char c = s[i];
		long cp;
		size_t len;
		/* three bytes (all of CJK) inline; overlongs, surrogates and
		 * everything else through the checking decoder */
		long fast = -1;
		if ((c & 0xF0) == 0xE0 && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 &&
		    (s[i + 2] & 0xC0) == 0x80) {
			fast = (long)((c & 0x0F) << 12 | (s[i + 1] & 0x3F) << 6 |
				      (s[i + 2] & 0x3F));
			if (fast < 0x800 || (fast >= 0xD800 && fast <= 0xDFFF))
				fast = -1;
		}
		if (c < 0x80) {
			cp = c;
			len = 1;
		} else if (fast >= 0) {
			cp = fast;
			len = 3;
		} else {
			cp = gk_utf8_decode(s + i, n - i, &len);
			if (cp < 0)
				cp = 0xFFFD;
		}
		if (is_space(cp)) {
			if (!in_space) {
				if (mp)
					*mp++ = i;
				*o++ = ' ';
				in_space = true;
			}
			i += len;
			continue;
		}
		in_space = false;
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		else if (cp >= 0xFF01 && cp <= 0xFF5E) {
			cp -= 0xFEE0;
			if (cp >= 'A' && cp <= 'Z')
				cp += 'a' - 'A';
		}
		size_t k = put_utf8(o, (unsigned long)cp);
		if (mp)
			for (size_t j = 0; j < k; j++)
				*mp++ = i;
		o += k;
		i += len;
	}
	out->len = (size_t)(o - out->p);
	out->p[out->len] = '\0';
	if (mp) {
		*mp++ = n;
		map->len = (size_t)((unsigned char *)mp - map->p);
	}
	return 0;
}

void gk_catalogue_normalize(struct gk_buf *out, const char *text, size_t n)
{
	struct ci_vec v = {0};
	if (ci_normalize(&v, text, n, NULL) == 0)
		gk_buf_add(out, v.p, v.len);
	else
		out->failed = GK_ENOMEM;
	ci_vec_release(&v);
}

/* Words are separated by spaces and newlines; a double quote starts or
 * ends a phrase, which may hold spaces; a quote left open runs to the end.
 * Quotes are never part of a word. Everything else (FTS operators, '*',
 * '-', ':') is text to find. */
enum gk_catalogue_query_error ci_words_parse(struct ci_words *q, const char *text)
{
	memset(q, 0, sizeof *q);
	if (!text)
		return GK_CQ_EMPTY;
	size_t n = strlen(text);
	if (gk_utf8_count(text, n) > GK_CATALOGUE_QUERY_MAX)
		return GK_CQ_TOO_LONG;
	struct ci_vec v = {0};
	if (ci_normalize(&v, text, n, NULL))
		return GK_CQ_NO_MEMORY;
	q->buf = (char *)v.p;
	char *p = q->buf;
	size_t len = v.len;
	bool quoted = false;
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		char c = i < len ? p[i] : '\0';
		bool end = c == '\0' || c == '"' || c == '\n' || (c == ' ' && !quoted);
		if (!end)
			continue;
		size_t a = start, b = i;
		while (a < b && p[a] == ' ')
			a++;
		while (b > a && p[b - 1] == ' ')
			b--;
		if (b > a) {
			if (q->n == GK_CATALOGUE_QUERY_WORDS) {
				ci_words_release(q);
				return GK_CQ_TOO_MANY;
			}
			q->w[q->n] = p + a;
			q->len[q->n] = b - a;
			q->n++;
		}
		if (c == '"')
			quoted = !quoted;
		start = i + 1;
	}
	if (!q->n) {
		ci_words_release(q);
		return GK_CQ_EMPTY;
	}
	return GK_CQ_OK;
}

void ci_words_release(struct ci_words *q)
{
	free(q->buf);
	memset(q, 0, sizeof *q);
}
