/* The body sanitiser: an allow-list tokenizer, not a parser of all HTML.
 * It writes only tags it builds itself and escaped text, so whatever the
 * input, nothing but those tags can reach the page. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/richtext.h"
#include "lib/html.h"
#include "lib/utf8.h"

enum tag_class { T_NONE, T_KEEP, T_DROP };

struct tag_rule {
	const char *name;
	const char *emit;    /* the name we write (h1 becomes h2) */
	const char *parents; /* space-separated allowed parents, NULL = anywhere */
	unsigned block : 1;  /* closes an open <p> first */
	unsigned empty : 1;  /* a void element */
	unsigned cells : 1;  /* may carry colspan/rowspan */
};

static const struct tag_rule keep[] = {
	{"p", "p", NULL, 1, 0, 0},
	{"h1", "h2", NULL, 1, 0, 0},
	{"h2", "h2", NULL, 1, 0, 0},
	{"h3", "h3", NULL, 1, 0, 0},
	{"h4", "h4", NULL, 1, 0, 0},
	{"h5", "h5", NULL, 1, 0, 0},
	{"h6", "h6", NULL, 1, 0, 0},
	{"ul", "ul", NULL, 1, 0, 0},
	{"ol", "ol", NULL, 1, 0, 0},
	{"li", "li", "ul ol", 1, 0, 0},
	{"blockquote", "blockquote", NULL, 1, 0, 0},
	{"table", "table", NULL, 1, 0, 0},
	{"caption", "caption", "table", 1, 0, 0},
	{"thead", "thead", "table", 1, 0, 0},
	{"tbody", "tbody", "table", 1, 0, 0},
	{"tfoot", "tfoot", "table", 1, 0, 0},
	{"tr", "tr", "table thead tbody tfoot", 1, 0, 0},
	{"td", "td", "tr", 1, 0, 1},
	{"th", "th", "tr", 1, 0, 1},
	{"br", "br", NULL, 0, 1, 0},
	{"hr", "hr", NULL, 1, 1, 0},
	{"strong", "strong", NULL, 0, 0, 0},
	{"b", "strong", NULL, 0, 0, 0},
	{"em", "em", NULL, 0, 0, 0},
	{"i", "em", NULL, 0, 0, 0},
	{"sub", "sub", NULL, 0, 0, 0},
	{"sup", "sup", NULL, 0, 0, 0},
};

/* Wrappers that carry only presentation: the tag goes, the text stays. */
static const char *const drop[] = {"span",   "font",  "div", "section", "article", "a",    "u",
				   "center", "small", "big", "label",   "o:p",     "nobr", NULL};

#define MAX_DEPTH 48

struct state {
	struct gk_buf *out;
	const struct tag_rule *open[MAX_DEPTH];
	int depth;
};

static enum tag_class classify(const char *name, size_t n, const struct tag_rule **rule)
{
	char low[16];
	if (n == 0 || n >= sizeof low)
		return T_NONE;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)name[i]);
	low[n] = '\0';
	for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
		if (strcmp(keep[i].name, low) == 0) {
			*rule = &keep[i];
			return T_KEEP;
		}
	for (int i = 0; drop[i]; i++)
		if (strcmp(drop[i], low) == 0)
			return T_DROP;
	return T_NONE;
}

/* A tag at S (which starts with '<'): its name, whether it closes, and its
 * length up to and including '>'. Returns 0 if S does not start a tag. */
static size_t scan_tag(const char *s, size_t n, const char **name, size_t *name_len, int *closing,
		       const char **attrs, size_t *attrs_len)
{
	size_t i = 1;
	*closing = 0;
	if (i < n && s[i] == '/') {
		*closing = 1;
		i++;
	}
	size_t start = i;
	while (i < n && (isalnum((unsigned char)s[i]) || s[i] == ':'))
		i++;
	if (i == start || !isalpha((unsigned char)s[start]))
		return 0;
	if (i < n && !(s[i] == '>' || s[i] == '/' || isspace((unsigned char)s[i])))
		return 0;
	*name = s + start;
	*name_len = i - start;
	*attrs = s + i;
	char quote = 0;
	for (; i < n; i++) {
		if (quote) {
			if (s[i] == quote)
				quote = 0;
		} else if (s[i] == '"' || s[i] == '\'') {
			quote = s[i];
		} else if (s[i] == '>') {
			*attrs_len = (size_t)(s + i - *attrs);
			return i + 1;
		}
	}
	return 0; /* never closed: not a tag */
}

/* The value of a small integer attribute NAME (colspan/rowspan) in ATTRS, or 0. */
static int int_attr(const char *attrs, size_t n, const char *name)
{
	size_t nl = strlen(name);
	for (size_t i = 0; i + nl < n; i++) {
		if (strncasecmp(attrs + i, name, nl) != 0 ||
		    (i > 0 && !isspace((unsigned char)attrs[i - 1])))
			continue;
		size_t j = i + nl;
		while (j < n && isspace((unsigned char)attrs[j]))
			j++;
		if (j >= n || attrs[j] != '=')
			continue;
		j++;
		while (j < n &&
		       (isspace((unsigned char)attrs[j]) || attrs[j] == '"' || attrs[j] == '\''))
			j++;
		int v = 0, digits = 0;
		while (j < n && isdigit((unsigned char)attrs[j]) && digits < 3) {
			v = v * 10 + (attrs[j++] - '0');
			digits++;
		}
		return v >= 2 && v <= 100 ? v : 0;
	}
	return 0;
}

static void close_top(struct state *st)
{
	const struct tag_rule *r = st->open[--st->depth];
	gk_buf_puts(st->out, "</");
	gk_buf_puts(st->out, r->emit);
	gk_buf_putc(st->out, '>');
}

static int find_open(const struct state *st, const char *emit)
{
	for (int i = st->depth - 1; i >= 0; i--)
		if (strcmp(st->open[i]->emit, emit) == 0)
			return i;
	return -1;
}

static bool parent_ok(const struct state *st, const struct tag_rule *r)
{
	if (!r->parents)
		return true;
	if (st->depth == 0)
		return false;
	const char *top = st->open[st->depth - 1]->emit;
	size_t n = strlen(top);
	for (const char *p = r->parents; *p;) {
		size_t w = strcspn(p, " ");
		if (w == n && strncmp(p, top, n) == 0)
			return true;
		p += w;
		p += strspn(p, " ");
	}
	return false;
}

static void open_tag(struct state *st, const struct tag_rule *r, const char *attrs, size_t alen)
{
	/* a block ends an open paragraph or heading, as in HTML */
	if (r->block && st->depth > 0) {
		const char *top = st->open[st->depth - 1]->emit;
		if (strcmp(top, "p") == 0 || (top[0] == 'h' && top[1] >= '2' && top[1] <= '6'))
			close_top(st);
	}
	/* a new cell, row or item closes the previous one */
	if (!strcmp(r->emit, "li") || !strcmp(r->emit, "td") || !strcmp(r->emit, "th") ||
	    !strcmp(r->emit, "tr")) {
		while (st->depth > 0 && !parent_ok(st, r)) {
			const char *top = st->open[st->depth - 1]->emit;
			if (strcmp(top, "li") && strcmp(top, "td") && strcmp(top, "th") &&
			    strcmp(top, "tr"))
				break;
			close_top(st);
		}
	}
	if (!parent_ok(st, r))
		return; /* a misplaced item or cell: keep its text, drop the tag */
	/* too deep: keep the text, drop the tag (closing it at once would nest
	 * one deeper than the limit, and sanitising again would differ) */
	if (!r->empty && st->depth == MAX_DEPTH)
		return;
	gk_buf_putc(st->out, '<');
	gk_buf_puts(st->out, r->emit);
	if (r->cells) {
		int c = int_attr(attrs, alen, "colspan"), w = int_attr(attrs, alen, "rowspan");
		if (c) {
			gk_buf_puts(st->out, " colspan=\"");
			gk_html_int(st->out, c);
			gk_buf_putc(st->out, '"');
		}
		if (w) {
			gk_buf_puts(st->out, " rowspan=\"");
			gk_html_int(st->out, w);
			gk_buf_putc(st->out, '"');
		}
	}
	gk_buf_putc(st->out, '>');
	if (r->empty)
		return;
	st->open[st->depth++] = r;
}

static void close_tag(struct state *st, const struct tag_rule *r)
{
	if (r->empty)
		return;
	int at = find_open(st, r->emit);
	if (at < 0)
		return;
	while (st->depth > at)
		close_top(st);
}

/* Text: escaped, with well-formed character references kept. Named
 * references other than the markup five become their characters, so the
 * page needs no entity table beyond HTML's basic one. */
static const struct {
	const char *name, *out;
} named[] = {
	{"amp;", "&amp;"},  {"lt;", "&lt;"},     {"gt;", "&gt;"}, {"quot;", "&quot;"},
	{"apos;", "&#39;"}, {"nbsp;", "&nbsp;"}, {"ldquo;", "“"}, {"rdquo;", "”"},
	{"lsquo;", "‘"},    {"rsquo;", "’"},     {"mdash;", "—"}, {"ndash;", "–"},
	{"hellip;", "…"},   {"middot;", "·"},    {"times;", "×"}, {"copy;", "©"},
};

/* Length of the reference at S, or 0; *REP is what to write (NULL: S itself). */
static size_t entity_len(const char *s, size_t n, const char **rep)
{
	*rep = NULL;
	if (n > 2 && s[1] == '#') {
		size_t i = 2;
		int hex = i < n && (s[i] == 'x' || s[i] == 'X');
		if (hex)
			i++;
		size_t start = i;
		unsigned long v = 0;
		while (i < n && i - start < (hex ? 6u : 7u) &&
		       (hex ? isxdigit((unsigned char)s[i]) : isdigit((unsigned char)s[i]))) {
			int d = isdigit((unsigned char)s[i])
					? s[i] - '0'
					: (tolower((unsigned char)s[i]) - 'a' + 10);
			v = v * (hex ? 16 : 10) + (unsigned long)d;
			i++;
		}
		/* no controls, surrogates or beyond Unicode */
		if (i > start && i < n && s[i] == ';' && v >= 0x20 && v != 0x7f && v <= 0x10FFFF &&
		    !(v >= 0xD800 && v <= 0xDFFF) && !(v >= 0x80 && v < 0xA0))
			return i + 1;
		return 0;
	}
	for (size_t k = 0; k < sizeof named / sizeof named[0]; k++) {
		size_t l = strlen(named[k].name);
		if (n > l && strncmp(s + 1, named[k].name, l) == 0) {
			*rep = named[k].out;
			return l + 1;
		}
	}
	return 0;
}

static void text(struct state *st, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		/* the characters kept as they are, added as one run */
		size_t run = i;
		while (i < n) {
			unsigned char c = (unsigned char)s[i];
			size_t len = 1;
			if (c < 0x20 ? c != '\n' && c != '\t'
				     : c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' ||
					       (c >= 0x80 &&
						!(len = gk_utf8_sequence(s + i, n - i))))
				break;
			i += len;
		}
		gk_buf_add(st->out, s + run, i - run);
		if (i >= n)
			break;
		unsigned char c = (unsigned char)s[i];
		if (c == '&') {
			const char *rep;
			size_t e = entity_len(s + i, n - i, &rep);
			if (e) {
				if (rep)
					gk_buf_puts(st->out, rep);
				else
					gk_buf_add(st->out, s + i, e);
				i += e;
				continue;
			}
			gk_buf_puts(st->out, "&amp;");
		} else if (c >= 0x80) {
			gk_buf_puts(st->out, "\xEF\xBF\xBD"); /* not UTF-8: one byte replaced */
		} else if (c >= 0x20) {
			gk_html_textn(st->out, s + i, 1);
		} /* else a control character: dropped */
		i++;
	}
}

/* True if IN holds a tag we know (kept or dropped): then it is HTML. */
static bool looks_like_html(const char *in, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (in[i] != '<')
			continue;
		const char *name, *attrs;
		size_t nl, al;
		int closing;
		const struct tag_rule *r;
		if (scan_tag(in + i, n - i, &name, &nl, &closing, &attrs, &al) &&
		    classify(name, nl, &r) != T_NONE)
			return true;
	}
	return false;
}

static void plain(struct gk_buf *out, const char *in, size_t n)
{
	struct state st = {.out = out};
	size_t i = 0;
	while (i < n) {
		const char *nl = memchr(in + i, '\n', n - i);
		size_t end = nl ? (size_t)(nl - in) : n;
		size_t a = i, z = end;
		while (a < z && (in[a] == ' ' || in[a] == '\t' || in[a] == '\r'))
			a++;
		while (z > a && (in[z - 1] == ' ' || in[z - 1] == '\t' || in[z - 1] == '\r'))
			z--;
		if (z > a) {
			gk_buf_puts(out, "<p>");
			text(&st, in + a, z - a);
			gk_buf_puts(out, "</p>\n");
		}
		i = end + 1;
	}
}

void gk_richtext_sanitise(struct gk_buf *out, const char *in, size_t n)
{
	if (!looks_like_html(in, n)) {
		plain(out, in, n);
		return;
	}
	struct state st = {.out = out};
	size_t i = 0, run = 0, start = out->len;
	while (i < n) {
		if (in[i] != '<') {
			i++;
			continue;
		}
		/* comments go entirely (conditional comments included) */
		if (n - i >= 4 && strncmp(in + i, "<!--", 4) == 0) {
			text(&st, in + run, i - run);
			const char *end = NULL;
			for (size_t j = i + 4; j + 3 <= n; j++)
				if (strncmp(in + j, "-->", 3) == 0) {
					end = in + j + 3;
					break;
				}
			i = end ? (size_t)(end - in) : n;
			run = i;
			continue;
		}
		const char *name, *attrs;
		size_t nl, al;
		int closing;
		const struct tag_rule *r = NULL;
		size_t len = scan_tag(in + i, n - i, &name, &nl, &closing, &attrs, &al);
		enum tag_class c = len ? classify(name, nl, &r) : T_NONE;
		if (c == T_NONE) {
			i++; /* not ours: the '<' is escaped with the text around it */
			continue;
		}
		text(&st, in + run, i - run);
		if (c == T_KEEP) {
			if (closing)
				close_tag(&st, r);
			else
				open_tag(&st, r, attrs, al);
		}
		i += len;
		run = i;
	}
	text(&st, in + run, n - run);
	while (st.depth > 0)
		close_top(&st);
	/* only wrappers (span, a …) went: what is left is text, read as plain
	 * text, or sanitising the result again would make paragraphs of it */
	if (!out->failed && out->len > start && !memchr(out->data + start, '<', out->len - start)) {
		size_t len = out->len - start;
		char *t = malloc(len + 1);
		if (!t) {
			out->failed = GK_ENOMEM;
			return;
		}
		memcpy(t, out->data + start, len);
		out->len = start;
		out->data[start] = '\0';
		plain(out, t, len);
		free(t);
	}
}

void gk_richtext_text(struct gk_buf *out, const char *in, size_t n)
{
	static const struct {
		const char *ent, *ch;
	} ents[] = {{"&amp;", "&"},    {"&lt;", "<"},    {"&gt;", ">"},    {"&quot;", "\""},
		    {"&#39;", "'"},    {"&apos;", "'"},  {"&nbsp;", " "},  {"&ldquo;", "“"},
		    {"&rdquo;", "”"},  {"&lsquo;", "‘"}, {"&rsquo;", "’"}, {"&mdash;", "—"},
		    {"&hellip;", "…"}, {"&middot;", "·"}};
	int pending_break = 0;
	for (size_t i = 0; i < n;) {
		if (in[i] == '<') {
			const char *e = memchr(in + i, '>', n - i);
			if (!e)
				break;
			/* a block boundary becomes one newline; inline tags nothing */
			const char *nm = in + i + 1;
			if (*nm == '/')
				nm++;
			if (strncmp(nm, "strong", 6) && strncmp(nm, "em>", 3) &&
			    strncmp(nm, "sub", 3) && strncmp(nm, "sup", 3))
				pending_break = 1;
			i = (size_t)(e - in) + 1;
			continue;
		}
		if (pending_break && out->len > 0 && out->data[out->len - 1] != '\n')
			gk_buf_putc(out, '\n');
		pending_break = 0;
		if (in[i] == '&') {
			size_t k;
			for (k = 0; k < sizeof ents / sizeof ents[0]; k++) {
				size_t l = strlen(ents[k].ent);
				if (n - i >= l && strncmp(in + i, ents[k].ent, l) == 0) {
					gk_buf_puts(out, ents[k].ch);
					i += l;
					break;
				}
			}
			if (k < sizeof ents / sizeof ents[0])
				continue;
		}
		if (in[i] == '\n') {
			if (!(out->len > 0 && out->data[out->len - 1] == '\n'))
				gk_buf_putc(out, '\n');
			i++;
			continue;
		}
		/* up to the next tag, entity or line break: added as one run */
		size_t end = i + 1;
		while (end < n && in[end] != '<' && in[end] != '&' && in[end] != '\n')
			end++;
		gk_buf_add(out, in + i, end - i);
		i = end;
	}
}
