/* Bigram segmentation for the catalogue's full-text index. */
#include <string.h>

#include "core/search.h"
#include "lib/utf8.h"

enum cls { C_SEP, C_HAN, C_WORD };

static enum cls classify(long cp)
{
	if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF))
		return C_HAN;
	if ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	    (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7))
		return C_WORD;
	return C_SEP;
}

/* Full-width ASCII letters and digits count as their ASCII selves, lower case. */
static long fold(long cp)
{
	if (cp >= 0xFF10 && cp <= 0xFF19)
		return '0' + (cp - 0xFF10);
	if (cp >= 0xFF21 && cp <= 0xFF3A)
		return 'a' + (cp - 0xFF21);
	if (cp >= 0xFF41 && cp <= 0xFF5A)
		return 'a' + (cp - 0xFF41);
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	return cp;
}

static void put_cp(struct gk_buf *b, long cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	gk_buf_add(b, u, n);
}

struct tok {
	struct gk_buf *out;
	long prev; /* previous Han character of the run, or 0 */
	int in_word;
	int ntokens;
	int last_single; /* the last token written is a lone Han character */
};

static void sep(struct tok *t)
{
	if (t->out->len > 0 && t->out->data[t->out->len - 1] != ' ')
		gk_buf_putc(t->out, ' ');
}

/* Ends a Han run: its last character alone, so phrases can cross into
 * what follows and single characters can be found. */
static void end_han(struct tok *t)
{
	if (!t->prev)
		return;
	sep(t);
	put_cp(t->out, t->prev);
	t->ntokens++;
	t->last_single = 1;
	t->prev = 0;
}

static void feed(struct tok *t, long cp)
{
	enum cls c = classify(cp);
	if (c != C_WORD && t->in_word)
		t->in_word = 0;
	if (c != C_HAN)
		end_han(t);
	if (c == C_HAN) {
		if (t->prev) {
			sep(t);
			put_cp(t->out, t->prev);
			put_cp(t->out, cp);
			t->ntokens++;
			t->last_single = 0;
		}
		t->prev = cp;
	} else if (c == C_WORD) {
		if (!t->in_word) {
			sep(t);
			t->ntokens++;
			t->in_word = 1;
		}
		put_cp(t->out, cp);
		t->last_single = 0;
	}
}

static void tokenize(struct tok *t, const char *text, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t len;
		long cp = gk_utf8_decode((const unsigned char *)text + i, n - i, &len);
		i += len;
		feed(t, cp < 0 ? ' ' : fold(cp));
	}
	end_han(t);
	t->in_word = 0;
}

void gk_search_tokens(struct gk_buf *out, const char *text, size_t n)
{
	struct tok t = {.out = out};
	tokenize(&t, text, n);
}

int gk_search_terms(const char *q, void (*fn)(const struct gk_search_term *term, void *ctx),
		    void *ctx)
{
	struct gk_buf tokens;
	int nterms = 0;
	gk_buf_init(&tokens, 4096);
	for (const char *p = q; p && *p;) {
		/* terms are split at ASCII and ideographic spaces */
		size_t skip = strspn(p, " \t\r\n");
		if (strncmp(p + skip, "\xE3\x80\x80", 3) == 0)
			skip += 3;
		if (skip) {
			p += skip;
			continue;
		}
		size_t len = 0;
		while (p[len] && !strchr(" \t\r\n", p[len]) &&
		       strncmp(p + len, "\xE3\x80\x80", 3) != 0)
			len++;
		gk_buf_reset(&tokens);
		struct tok t = {.out = &tokens};
		tokenize(&t, p, len);
		p += len;
		if (t.ntokens == 0 || tokens.failed)
			continue;
		while (tokens.len > 0 && tokens.data[tokens.len - 1] == ' ')
			tokens.data[--tokens.len] = '\0';
		/* a lone character at the end may continue in the text */
		struct gk_search_term term = {tokens.data, tokens.len, t.last_single != 0};
		fn(&term, ctx);
		nterms++;
	}
	gk_buf_release(&tokens);
	return nterms;
}
