/* Decoding (UTF-8, GB18030, UTF-16) and normalising report input into lines, mapped back. */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/report/text.h"
#include "lib/buf.h"
#include "lib/utf8.h"

enum { SEP_NONE, SEP_SPACE, SEP_NL };

struct emitter {
	struct gk_buf out;
	struct gk_report_span *spans;
	size_t nspans, cap;
	int pending;     /* SEP_* waiting to be written before the next content */
	size_t pend_src; /* where the pending separator came from */
	bool oom;
};

static void add_span(struct emitter *e, size_t text_len, size_t src_off, size_t src_len)
{
	size_t text_off = e->out.len - text_len;
	if (e->nspans) {
		struct gk_report_span *last = &e->spans[e->nspans - 1];
		/* merge one-for-one copies that continue each other */
		if (last->text_len == last->src_len && text_len == src_len &&
		    last->text_off + last->text_len == text_off &&
		    last->src_off + last->src_len == src_off) {
			last->text_len += text_len;
			last->src_len += src_len;
			return;
		}
	}
	if (e->nspans == e->cap) {
		size_t ncap = e->cap ? e->cap * 2 : 256;
		struct gk_report_span *n = realloc(e->spans, ncap * sizeof *n);
		if (!n) {
			e->oom = true;
			return;
		}
		e->spans = n;
		e->cap = ncap;
	}
	e->spans[e->nspans++] = (struct gk_report_span){text_off, text_len, src_off, src_len};
}

static char last_char(const struct emitter *e)
{
	return e->out.len ? e->out.data[e->out.len - 1] : '\n';
}

static void raw(struct emitter *e, const char *p, size_t n, size_t src_off, size_t src_len)
{
	if (gk_buf_add(&e->out, p, n) != GK_OK) {
		e->oom = true;
		return;
	}
	add_span(e, n, src_off, src_len);
}

static void flush_pending(struct emitter *e)
{
	if (e->pending == SEP_NL)
		raw(e, "\n", 1, e->pend_src, 0);
	else if (e->pending == SEP_SPACE && last_char(e) != '\n' && last_char(e) != '\t')
		raw(e, " ", 1, e->pend_src, 0);
	e->pending = SEP_NONE;
}

/* Content bytes P[0..N) that came from SRC_OFF..SRC_OFF+SRC_LEN. */
static void emit(struct emitter *e, const char *p, size_t n, size_t src_off, size_t src_len)
{
	flush_pending(e);
	raw(e, p, n, src_off, src_len);
}

static void emit_space(struct emitter *e, size_t src_off)
{
	if (e->pending == SEP_NONE && last_char(e) != '\n' && last_char(e) != '\t') {
		e->pending = SEP_SPACE;
		e->pend_src = src_off;
	}
}

static void emit_newline(struct emitter *e, size_t src_off)
{
	if (e->pending == SEP_NL)
		return;
	if (last_char(e) == '\n' && e->pending == SEP_NONE)
		return;
	e->pending = SEP_NL;
	e->pend_src = src_off;
}

/* A cell separator: never collapsed, so empty cells survive. */
static void emit_tab(struct emitter *e, size_t src_off)
{
	if (e->pending == SEP_SPACE)
		e->pending = SEP_NONE;
	flush_pending(e);
	if (last_char(e) == '\n')
		return; /* no empty cell at the start of a line */
	raw(e, "\t", 1, src_off, 0);
}

/* Emits one code point of ordinary text at S (N bytes), folding the
 * characters that only disguise digits and spaces. */
static void emit_char(struct emitter *e, const char *s, size_t n, size_t src_off)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n == 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99) {
		char d = (char)('0' + (u[2] - 0x90)); /* full-width digit */
		emit(e, &d, 1, src_off, 3);
		return;
	}
	if (n == 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] == 0x8E) {
		emit(e, ".", 1, src_off, 3); /* full-width full stop inside numbers */
		return;
	}
	if ((n == 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80) || /* ideographic space */
	    (n == 2 && u[0] == 0xC2 && u[1] == 0xA0) ||                 /* no-break space */
	    (n == 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x80 && u[2] <= 0x8B)) {
		emit_space(e, src_off);
		return;
	}
	if (n == 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		return; /* byte order mark, zero-width no-break space */
	if (n == 1 && (u[0] < 0x20 || u[0] == 0x7F)) {
		emit_space(e, src_off);
		return;
	}
	emit(e, s, n, src_off, n);
}

static size_t cp_len(const char *s, size_t left)
{
	size_t n;
	if (gk_utf8_decode((const unsigned char *)s, left, &n) < 0)
		return 1;
	return n;
}

/* --- plain text and Markdown ------------------------------------------- */

/* --- text printed from a PDF: page footers and wrapped lines ------------ */

/* One input line as the clean-up sees it. */
struct src_line {
	size_t start, eol; /* the line, without its line break */
	size_t b, e;       /* its content, blanks and form feeds trimmed */
	size_t width;      /* display columns of the content (CJK counts 2) */
	bool prose;        /* text, not a table row: no run of blanks inside */
	bool drop;         /* a page footer, or a blank inside a joined page break */
	bool join;         /* the line break after it is a wrap: leave it out */
};

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

/* Skips one dash of a page footer ("-", "–", "—", "―", "－"). */
static size_t footer_dash(const char *s, size_t i, size_t e)
{
	if (i < e && s[i] == '-')
		return i + 1;
	if (i + 3 <= e && memcmp(s + i, "\xE2\x80", 2) == 0 &&
	    ((unsigned char)s[i + 2] >= 0x93 && (unsigned char)s[i + 2] <= 0x95))
		return i + 3;
	if (i + 3 <= e && memcmp(s + i, "\xEF\xBC\x8D", 3) == 0)
		return i + 3;
	return i;
}

static size_t skip_spaces(const char *s, size_t i, size_t e)
{
	while (i < e && blank(s[i]))
		i++;
	return i;
}

static size_t skip_digits(const char *s, size_t i, size_t e)
{
	while (i < e && s[i] >= '0' && s[i] <= '9')
		i++;
	return i;
}

/* A line that is only a page number: "-1-", "— 2 —", "- 4 -", "第 3 页",
 * "第3页 共9页", "第 3 页，共 9 页". */
static bool page_footer(const char *s, size_t b, size_t e)
{
	size_t i = b, d;
	if (i + 3 <= e && memcmp(s + i, "第", 3) == 0) {
		i = skip_spaces(s, i + 3, e);
		d = skip_digits(s, i, e);
		if (d == i)
			return false;
		i = skip_spaces(s, d, e);
		if (i + 3 > e || memcmp(s + i, "页", 3) != 0)
			return false;
		i = skip_spaces(s, i + 3, e);
		if (i + 3 <= e && (memcmp(s + i, "，", 3) == 0 || memcmp(s + i, "、", 3) == 0))
			i = skip_spaces(s, i + 3, e);
		if (i + 3 <= e && memcmp(s + i, "共", 3) == 0) {
			i = skip_spaces(s, i + 3, e);
			d = skip_digits(s, i, e);
			if (d == i)
				return false;
			i = skip_spaces(s, d, e);
			if (i + 3 > e || memcmp(s + i, "页", 3) != 0)
				return false;
			i += 3;
		}
		return i == e;
	}
	size_t n = footer_dash(s, i, e);
	if (n == i)
		return false;
	i = skip_spaces(s, n, e);
	d = skip_digits(s, i, e);
	if (d == i || d - i > 4)
		return false;
	i = skip_spaces(s, d, e);
	n = footer_dash(s, i, e);
	return n != i && n == e;
}

static bool starts_with_any(const char *s, size_t b, size_t e, const char *const *list)
{
	for (; *list; list++) {
		size_t n = strlen(*list);
		if (b + n <= e && memcmp(s + b, *list, n) == 0)
			return true;
	}
	return false;
}

/* The line ends a sentence (or introduces a list): never joined to the next. */
static bool ends_sentence(const char *s, const struct src_line *l)
{
	static const char *const ends[] = {"。", "！", "？", "；", "：", NULL};
	char c = s[l->e - 1];
	if (c == '.' || c == '!' || c == '?' || c == ';' || c == ':')
		return true;
	for (const char *const *p = ends; *p; p++)
		if (l->e - l->b >= 3 && memcmp(s + l->e - 3, *p, 3) == 0)
			return true;
	return false;
}

/* The line starts a heading or a list item: "二、", "（三）", "(1)", "4.", "5、", "第". */
static bool starts_heading(const char *s, const struct src_line *l)
{
	static const char *const marks[] = {"（", "(",  "第", "附", "一", "二", "三", "四",
					    "五", "六", "七", "八", "九", "十", NULL};
	if (starts_with_any(s, l->b, l->e, marks))
		return true;
	size_t d = skip_digits(s, l->b, l->e);
	return d > l->b && d < l->e &&
	       (s[d] == '.' || s[d] == ')' ||
		starts_with_any(s, d, l->e, (const char *const[]){"、", "．", "）", NULL}));
}

/* The line starts with the unit of a figure the line before ended with. */
static bool starts_unit(const char *s, const struct src_line *l)
{
	static const char *const units[] = {"件", "条", "次", "个", "项", "篇", "人", "万", "元",
					    "%",  "％", "份", "期", "场", "批", "家", "位", NULL};
	return starts_with_any(s, l->b, l->e, units);
}

static void measure(const char *s, struct src_line *l)
{
	l->width = 0;
	l->prose = true;
	for (size_t j = l->b; j < l->e;) {
		size_t n = cp_len(s + j, l->e - j);
		if (s[j] == '\t' || (s[j] == ' ' && j + 1 < l->e && s[j + 1] == ' '))
			l->prose = false;
		l->width += n >= 3 ? 2 : 1;
		j += n;
	}
	if (l->b < l->e && s[l->b] == '|')
		l->prose = false;
}

/* Marks the page footers to drop and the wrapped line breaks to leave out.
 * A break is a wrap when the figure before it continues after it
 * ("行政复议 351" / "件，其中"), or when the text is set in lines of one
 * width (as pdftotext prints it) and a full-width line stops mid-sentence;
 * a page break (blank lines, a footer) between the halves is dropped too. */
static void mark_wraps(const char *s, struct src_line *lines, size_t n)
{
	size_t max = 0, prose = 0, wide = 0;
	for (size_t k = 0; k < n; k++) {
		struct src_line *l = &lines[k];
		if (l->b < l->e && page_footer(s, l->b, l->e))
			l->drop = true;
		else if (l->b < l->e && l->prose) {
			prose++;
			if (l->width > max)
				max = l->width;
		}
	}
	for (size_t k = 0; k < n; k++)
		if (!lines[k].drop && lines[k].b < lines[k].e && lines[k].prose &&
		    lines[k].width * 4 >= max * 3)
			wide++;
	bool wrapped = max >= 20 && wide >= 3 && wide * 10 >= prose * 3;
	for (size_t k = 0; k < n; k++) {
		struct src_line *a = &lines[k];
		if (a->drop || a->b == a->e || !a->prose)
			continue;
		size_t m = k + 1;
		bool footer = false;
		while (m < n && (lines[m].drop || lines[m].b == lines[m].e)) {
			footer |= lines[m].drop;
			m++;
		}
		if (m == n || (m > k + 1 && !footer))
			continue; /* a blank line without a page break ends a paragraph */
		struct src_line *b = &lines[m];
		if (!b->prose || ends_sentence(s, a))
			continue;
		bool figure = s[a->e - 1] >= '0' && s[a->e - 1] <= '9' && starts_unit(s, b);
		bool full = wrapped && a->width * 4 >= max * 3 && !starts_heading(s, b);
		if (!figure && !full)
			continue;
		a->join = true;
		for (size_t q = k + 1; q < m; q++)
			lines[q].drop = true;
	}
}

static struct src_line *scan_lines(const char *src, size_t len, size_t *count)
{
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		while (i < len && src[i] != '\n' && src[i] != '\r')
			i++;
		n++;
		if (i < len && src[i] == '\r')
			i++;
		if (i < len && src[i] == '\n')
			i++;
	}
	struct src_line *lines = calloc(n ? n : 1, sizeof *lines);
	if (!lines)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < len && k < n; k++) {
		struct src_line *l = &lines[k];
		l->start = i;
		while (i < len && src[i] != '\n' && src[i] != '\r')
			i++;
		l->eol = i;
		l->b = skip_spaces(src, l->start, l->eol);
		l->e = l->eol;
		while (l->e > l->b && blank(src[l->e - 1]))
			l->e--;
		measure(src, l);
		if (i < len && src[i] == '\r')
			i++;
		if (i < len && src[i] == '\n')
			i++;
	}
	*count = k;
	mark_wraps(src, lines, k);
	return lines;
}

static bool only_chars(const char *s, size_t n, const char *set)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr(set, s[i]))
			return false;
	return true;
}

static void normalise_plain(struct emitter *e, const char *src, size_t len, bool *markdown)
{
	size_t nlines = 0;
	struct src_line *lines = scan_lines(src, len, &nlines);
	if (!lines) {
		e->oom = true;
		return;
	}
	bool continued = false; /* the line before was wrapped into this one */
	for (size_t ln = 0; ln < nlines; ln++) {
		const struct src_line *l = &lines[ln];
		size_t i = l->start;
		size_t eol = l->join ? l->e : l->eol;
		if (l->drop)
			continue; /* a page footer, or a page break inside a wrapped line */
		size_t b = i;
		while (b < eol && (src[b] == ' ' || src[b] == '\t'))
			b++;
		if (continued)
			b = l->b; /* the rest of a wrapped line: no indentation, no space */
		continued = l->join;
		bool pipes = b < eol && src[b] == '|';
		if (pipes && only_chars(src + b, eol - b, "|-: \t")) {
			*markdown = true; /* a Markdown table rule */
		} else {
			if (pipes)
				*markdown = true;
			size_t j = b;
			if (j + 1 < eol && src[j] == '#') { /* Markdown heading marks */
				size_t k = j;
				while (k < eol && src[k] == '#')
					k++;
				if (k < eol && src[k] == ' ') {
					j = k + 1;
					*markdown = true;
				}
			}
			if (pipes)
				j++;
			while (j < eol) {
				char c = src[j];
				if (c == ' ' || c == '\t') {
					size_t k = j;
					bool spaces = false;
					while (k < eol && (src[k] == ' ' || src[k] == '\t'))
						spaces |= src[k++] == ' ';
					if (!spaces && !pipes) {
						/* TAB-separated cells: each TAB separates, so
						 * an empty cell (a blank 总计) stays a cell */
						for (size_t t = j; t < k; t++)
							emit_tab(e, t);
					} else if (k == eol) {
						/* blanks at the end of a line are no cell */
					} else if (k - j >= 2 || c == '\t') {
						emit_tab(e, j);
					} else {
						emit_space(e, j);
					}
					j = k;
				} else if (pipes && c == '|') {
					size_t k = j + 1;
					while (k < eol && (src[k] == ' ' || src[k] == '\t'))
						k++;
					if (k < eol)
						emit_tab(e, j);
					j = k;
				} else if (c == '*' && j + 1 < eol && src[j + 1] == '*') {
					j += 2; /* Markdown bold */
				} else {
					size_t n = cp_len(src + j, eol - j);
					emit_char(e, src + j, n, j);
					j += n;
				}
			}
		}
		if (l->join) {
			/* two words of Latin script keep a space between them */
			char c = src[l->e - 1];
			size_t m = ln + 1;
			while (lines[m].drop)
				m++;
			const struct src_line *n = &lines[m];
			char d = src[n->b];
			if (((c | 0x20) >= 'a' && (c | 0x20) <= 'z') &&
			    ((d | 0x20) >= 'a' && (d | 0x20) <= 'z'))
				emit_space(e, l->e);
			continue;
		}
		emit_newline(e, l->eol);
	}
	free(lines);
}

/* --- HTML ------------------------------------------------------------- */

static const struct {
	const char *name;
	const char *utf8;
} entities[] = {
	{"nbsp", " "},
	{"ensp", " "},
	{"emsp", " "},
	{"thinsp", " "},
	{"amp", "&"},
	{"lt", "<"},
	{"gt", ">"},
	{"quot", "\""},
	{"apos", "'"},
	{"ldquo", "\xE2\x80\x9C"},
	{"rdquo", "\xE2\x80\x9D"},
	{"lsquo", "\xE2\x80\x98"},
	{"rsquo", "\xE2\x80\x99"},
	{"mdash", "\xE2\x80\x94"},
	{"ndash", "\xE2\x80\x93"},
	{"hellip", "\xE2\x80\xA6"},
	{"middot", "\xC2\xB7"},
	{"times", "\xC3\x97"},
	{"yen", "\xC2\xA5"},
	{"copy", "\xC2\xA9"},
	{"permil", "\xE2\x80\xB0"},
};

static size_t utf8_encode(unsigned long cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Decodes the entity at SRC[i] ('&'); returns its length, or 0 if it is not one. */
static size_t html_entity(struct emitter *e, const char *src, size_t len, size_t i)
{
	size_t semi = i + 1;
	while (semi < len && semi - i <= 10 && src[semi] != ';')
		semi++;
	if (semi >= len || src[semi] != ';' || semi == i + 1)
		return 0;
	const char *name = src + i + 1;
	size_t nlen = semi - i - 1;
	size_t total = semi - i + 1;
	if (name[0] == '#') {
		unsigned long cp = 0;
		size_t k = 1;
		bool hex = nlen > 1 && (name[1] == 'x' || name[1] == 'X');
		if (hex)
			k = 2;
		if (k >= nlen)
			return 0;
		for (; k < nlen; k++) {
			char c = name[k];
			int d;
			if (c >= '0' && c <= '9')
				d = c - '0';
			else if (hex && c >= 'a' && c <= 'f')
				d = c - 'a' + 10;
			else if (hex && c >= 'A' && c <= 'F')
				d = c - 'A' + 10;
			else
				return 0;
			cp = cp * (hex ? 16 : 10) + (unsigned long)d;
			if (cp > 0x10FFFF)
				return 0;
		}
		if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		char buf[4];
		size_t n = utf8_encode(cp, buf);
		if (cp == 0xA0 || cp == 0x3000 || cp == ' ' || cp == '\t' || cp == '\n' ||
		    cp == '\r')
			emit_space(e, i);
		else if (cp < 0x20)
			emit_space(e, i);
		else if (n == 3 && (unsigned char)buf[0] == 0xEF && (unsigned char)buf[1] == 0xBC &&
			 (unsigned char)buf[2] >= 0x90 && (unsigned char)buf[2] <= 0x99) {
			char d = (char)('0' + ((unsigned char)buf[2] - 0x90));
			emit(e, &d, 1, i, total);
		} else
			emit(e, buf, n, i, total);
		return total;
	}
	for (size_t k = 0; k < sizeof entities / sizeof entities[0]; k++) {
		if (strlen(entities[k].name) == nlen && memcmp(entities[k].name, name, nlen) == 0) {
			if (entities[k].utf8[0] == ' ' && !entities[k].utf8[1])
				emit_space(e, i);
			else
				emit(e, entities[k].utf8, strlen(entities[k].utf8), i, total);
			return total;
		}
	}
	return 0;
}

static bool tag_is(const char *name, size_t n, const char *const *list)
{
	for (; *list; list++)
		if (strlen(*list) == n && strncasecmp(*list, name, n) == 0)
			return true;
	return false;
}

static const char *const block_tags[] = {
	"p",       "div",     "br",     "li",     "ul",     "ol",         "h1",      "h2",
	"h3",      "h4",      "h5",     "h6",     "table",  "tbody",      "thead",   "tfoot",
	"section", "article", "title",  "hr",     "dd",     "dt",         "dl",      "blockquote",
	"pre",     "center",  "header", "footer", "form",   "caption",    "body",    "html",
	"head",    "nav",     "main",   "aside",  "figure", "figcaption", "address", NULL,
};

/* Finds "</NAME" case-insensitively from I; returns its offset or LEN. */
static size_t find_close(const char *src, size_t len, size_t i, const char *name)
{
	size_t n = strlen(name);
	for (; i + 2 + n <= len; i++)
		if (src[i] == '<' && src[i + 1] == '/' && strncasecmp(src + i + 2, name, n) == 0)
			return i;
	return len;
}

static void normalise_html(struct emitter *e, const char *src, size_t len)
{
	size_t i = 0;
	int cells = 0;        /* cells opened in the current table row */
	bool in_cell = false; /* inside <td> or <th> */
	while (i < len) {
		char c = src[i];
		if (c == '<') {
			if (len - i >= 4 && memcmp(src + i, "<!--", 4) == 0) {
				const char *end = NULL;
				for (size_t k = i + 4; k + 3 <= len; k++)
					if (memcmp(src + k, "-->", 3) == 0) {
						end = src + k;
						break;
					}
				i = end ? (size_t)(end - src) + 3 : len;
				continue;
			}
			size_t k = i + 1;
			bool closing = k < len && src[k] == '/';
			if (closing)
				k++;
			size_t name_start = k;
			while (k < len && ((src[k] >= 'a' && src[k] <= 'z') ||
					   (src[k] >= 'A' && src[k] <= 'Z') ||
					   (src[k] >= '0' && src[k] <= '9')))
				k++;
			size_t name_len = k - name_start;
			bool is_tag = name_len > 0 || (k < len && (src[k] == '!' || src[k] == '?'));
			if (!is_tag) {
				emit_char(e, src + i, 1, i); /* a lone '<' is text */
				i++;
				continue;
			}
			/* find the end of the tag, honouring quoted attribute values */
			char quote = 0;
			while (k < len) {
				if (quote) {
					if (src[k] == quote)
						quote = 0;
				} else if (src[k] == '"' || src[k] == '\'') {
					quote = src[k];
				} else if (src[k] == '>') {
					break;
				}
				k++;
			}
			size_t tag_end = k < len ? k + 1 : len;
			const char *name = src + name_start;
			if (!closing &&
			    (tag_is(name, name_len,
				    (const char *const[]){"script", "style", "noscript", "template",
							  "textarea", NULL}))) {
				char lname[16];
				size_t m =
					name_len < sizeof lname - 1 ? name_len : sizeof lname - 1;
				for (size_t q = 0; q < m; q++)
					lname[q] = (char)(name[q] | 0x20);
				lname[m] = '\0';
				size_t close = find_close(src, len, tag_end, lname);
				i = close;
				if (i < len) {
					while (i < len && src[i] != '>')
						i++;
					if (i < len)
						i++;
				}
				continue;
			}
			if (tag_is(name, name_len, (const char *const[]){"tr", NULL})) {
				emit_newline(e, i);
				cells = 0;
				in_cell = false;
			} else if (tag_is(name, name_len,
					  (const char *const[]){"td", "th", NULL})) {
				if (!closing) {
					if (cells > 0)
						emit_tab(e, i);
					cells++;
				}
				in_cell = !closing;
			} else if (tag_is(name, name_len, (const char *const[]){"table", NULL})) {
				emit_newline(e, i);
				cells = 0;
				in_cell = false;
			} else if (tag_is(name, name_len, block_tags)) {
				/* paragraphs and breaks inside a cell stay in the cell */
				if (in_cell)
					emit_space(e, i);
				else
					emit_newline(e, i);
			}
			i = tag_end;
			continue;
		}
		if (c == '&') {
			size_t n = html_entity(e, src, len, i);
			if (n) {
				i += n;
				continue;
			}
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
			size_t k = i;
			bool wrap = false;
			while (k < len && (src[k] == ' ' || src[k] == '\t' || src[k] == '\n' ||
					   src[k] == '\r' || src[k] == '\f'))
				wrap |= src[k++] == '\n';
			/* a line of the source wrapped between two Chinese characters
			 * ("其\n他结果") is no word break */
			if (!(wrap && e->pending == SEP_NONE &&
			      ((unsigned char)last_char(e) & 0x80) && k < len &&
			      ((unsigned char)src[k] & 0x80)))
				emit_space(e, i);
			i = k;
			continue;
		}
		size_t n = cp_len(src + i, len - i);
		emit_char(e, src + i, n, i);
		i += n;
	}
}

static bool looks_like_html(const char *s, size_t len)
{
	static const char *const marks[] = {"<html",     "<body", "<table", "<p>", "<p ",
					    "<div",      "<br",   "<td",    "<tr", "<span",
					    "<!doctype", "<h1",   "<h2",    NULL};
	size_t scan = len < ((size_t)1 << 20) ? len : ((size_t)1 << 20);
	int hits = 0;
	for (size_t i = 0; i < scan; i++) {
		if (s[i] != '<')
			continue;
		for (const char *const *m = marks; *m; m++) {
			size_t n = strlen(*m);
			if (i + n <= len && strncasecmp(s + i, *m, n) == 0) {
				if (++hits >= 2 || n >= 5)
					return true;
				break;
			}
		}
	}
	return false;
}

/* --- decoding --------------------------------------------------------- */

static enum gk_err convert(const char *from, const char *data, size_t len, char **out,
			   size_t *out_len)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return GK_EINTERNAL;
	size_t cap = len * 2 + 16;
	if (cap > GK_REPORT_MAX_INPUT * 3)
		cap = GK_REPORT_MAX_INPUT * 3;
	char *buf = malloc(cap + 1);
	if (!buf) {
		iconv_close(cd);
		return GK_ENOMEM;
	}
	char *in = (char *)data;
	size_t in_left = len;
	char *o = buf;
	size_t o_left = cap;
	size_t r = iconv(cd, &in, &in_left, &o, &o_left);
	enum gk_err rc = GK_OK;
	if (r == (size_t)-1)
		rc = errno == E2BIG ? GK_ETOOBIG : GK_EINVAL;
	else if (iconv(cd, NULL, NULL, &o, &o_left) == (size_t)-1)
		rc = GK_EINVAL;
	iconv_close(cd);
	if (rc != GK_OK) {
		free(buf);
		return rc;
	}
	*out_len = (size_t)(o - buf);
	buf[*out_len] = '\0';
	*out = buf;
	return GK_OK;
}

static const char *binary_kind(const unsigned char *d, size_t len)
{
	if (len >= 4 && memcmp(d, "%PDF", 4) == 0)
		return "PDF文件（请先用“pdftotext -layout”转为文本）";
	if (len >= 4 && memcmp(d, "PK\x03\x04", 4) == 0)
		return "ZIP压缩文件（.docx、.xlsx或.zip文件，请先另存为文本或HTML）";
	if (len >= 4 && memcmp(d, "\xD0\xCF\x11\xE0", 4) == 0)
		return "旧版Office文档（.doc或.xls，请先另存为文本或HTML）";
	if (len >= 4 && (memcmp(d, "\x89PNG", 4) == 0 || memcmp(d, "\xFF\xD8\xFF", 3) == 0 ||
			 memcmp(d, "GIF8", 4) == 0))
		return "图片";
	if (len >= 2 && memcmp(d, "\x1F\x8B", 2) == 0)
		return "gzip压缩文件";
	return NULL;
}

static enum gk_err decode(struct gk_report_text *t, const char *data, size_t len,
			  struct gk_error *err)
{
	const unsigned char *u = (const unsigned char *)data;
	const char *kind = binary_kind(u, len);
	if (kind)
		return gk_fail(err, GK_EINVAL, "不是文本格式的报告：该文件是%s", kind);
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
		enum gk_err rc = convert(u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE", data + 2, len - 2,
					 &t->src, &t->src_len);
		if (rc == GK_ENOMEM)
			return gk_fail(err, rc, "读取报告时内存不足");
		if (rc != GK_OK || memchr(t->src, '\0', t->src_len))
			return gk_fail(err, GK_EINVAL, "无法按UTF-16文本读取报告");
		t->encoding = "UTF-16";
		return GK_OK;
	}
	if (memchr(data, '\0', len))
		return gk_fail(err, GK_EINVAL,
			       "不是文本格式的报告：文件含有空字节（可能是二进制文件）");
	size_t bom = len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF ? 3 : 0;
	if (gk_utf8_valid(data + bom, len - bom)) {
		t->src = malloc(len + 1);
		if (!t->src)
			return gk_fail(err, GK_ENOMEM, "读取报告时内存不足");
		memcpy(t->src, data, len);
		t->src[len] = '\0';
		t->src_len = len;
		t->encoding = "UTF-8";
		return GK_OK;
	}
	enum gk_err rc = convert("GB18030", data, len, &t->src, &t->src_len);
	if (rc == GK_ENOMEM)
		return gk_fail(err, rc, "读取报告时内存不足");
	if (rc != GK_OK)
		return gk_fail(err, GK_EINVAL, "无法读取报告：既不是UTF-8文本，也不是GB18030文本");
	t->encoding = "GB18030";
	return GK_OK;
}

/* Rejects text that is mostly control characters. */
static bool mostly_controls(const char *s, size_t len)
{
	size_t bad = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v') ||
		    c == 0x7F)
			bad++;
	}
	return bad * 20 > len; /* more than 5% */
}

static void index_src_lines(struct gk_report_text *t)
{
	size_t n = 1;
	for (size_t i = 0; i < t->src_len; i++)
		if (t->src[i] == '\n' ||
		    (t->src[i] == '\r' && (i + 1 >= t->src_len || t->src[i + 1] != '\n')))
			n++;
	t->src_lines = malloc(n * sizeof *t->src_lines);
	if (!t->src_lines)
		return;
	size_t k = 0;
	t->src_lines[k++] = 0;
	for (size_t i = 0; i < t->src_len; i++)
		if (t->src[i] == '\n' ||
		    (t->src[i] == '\r' && (i + 1 >= t->src_len || t->src[i + 1] != '\n')))
			t->src_lines[k++] = i + 1;
	t->nsrc_lines = k;
}

static enum gk_err index_lines(struct gk_report_text *t)
{
	size_t n = 0;
	for (size_t i = 0; i < t->text_len; i++)
		if (t->text[i] == '\n')
			n++;
	t->lines = calloc(n + 1, sizeof *t->lines);
	if (!t->lines)
		return GK_ENOMEM;
	size_t i = 0;
	while (i < t->text_len) {
		size_t e = i;
		while (e < t->text_len && t->text[e] != '\n')
			e++;
		size_t b = i, end = e;
		while (b < end && (t->text[b] == ' ' || t->text[b] == '\t'))
			b++;
		while (end > b && t->text[end - 1] == ' ')
			end--;
		if (end > b) {
			struct gk_report_line *l = &t->lines[t->nlines++];
			l->start = b;
			l->len = end - b;
			l->cells = memchr(t->text + b, '\t', end - b) != NULL;
			l->lineno = gk_report_text_src_lineno(t, gk_report_text_src_start(t, b));
		}
		i = e + 1;
	}
	return GK_OK;
}

enum gk_err gk_report_text_load(struct gk_report_text *t, const char *data, size_t len,
				struct gk_error *err)
{
	memset(t, 0, sizeof *t);
	if (len > GK_REPORT_MAX_INPUT)
		return gk_fail(err, GK_ETOOBIG, "报告过大（%zu字节，上限为%zu MiB）", len,
			       GK_REPORT_MAX_INPUT >> 20);
	if (len == 0)
		return gk_fail(err, GK_EINVAL, "报告为空");
	enum gk_err rc = decode(t, data, len, err);
	if (rc != GK_OK) {
		gk_report_text_release(t);
		return rc;
	}
	if (mostly_controls(t->src, t->src_len)) {
		gk_report_text_release(t);
		return gk_fail(err, GK_EINVAL,
			       "不是文本格式的报告：控制字符过多（可能是二进制文件）");
	}
	index_src_lines(t);
	struct emitter e = {0};
	gk_buf_init(&e.out, GK_REPORT_MAX_INPUT * 4);
	bool markdown = false;
	if (looks_like_html(t->src, t->src_len)) {
		t->format = "html";
		normalise_html(&e, t->src, t->src_len);
	} else {
		normalise_plain(&e, t->src, t->src_len, &markdown);
		t->format = markdown ? "markdown" : "text";
	}
	e.pending = SEP_NONE;
	if (e.oom || !t->src_lines) {
		gk_buf_release(&e.out);
		free(e.spans);
		gk_report_text_release(t);
		return gk_fail(err, GK_ENOMEM, "读取报告时内存不足");
	}
	t->text = gk_buf_detach(&e.out, &t->text_len);
	t->spans = e.spans;
	t->nspans = e.nspans;
	if (!t->text || index_lines(t) != GK_OK) {
		gk_report_text_release(t);
		return gk_fail(err, GK_ENOMEM, "读取报告时内存不足");
	}
	if (t->nlines == 0) {
		gk_report_text_release(t);
		return gk_fail(err, GK_EINVAL, "报告中没有文字");
	}
	return GK_OK;
}

void gk_report_text_release(struct gk_report_text *t)
{
	free(t->src);
	free(t->text);
	free(t->lines);
	free(t->spans);
	free(t->src_lines);
	memset(t, 0, sizeof *t);
}

static const struct gk_report_span *span_at(const struct gk_report_text *t, size_t off)
{
	if (!t->nspans)
		return NULL;
	size_t lo = 0, hi = t->nspans;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (t->spans[mid].text_off <= off)
			lo = mid;
		else
			hi = mid;
	}
	return &t->spans[lo];
}

size_t gk_report_text_src_start(const struct gk_report_text *t, size_t off)
{
	const struct gk_report_span *s = span_at(t, off);
	if (!s)
		return 0;
	if (off >= s->text_off + s->text_len)
		return s->src_off + s->src_len;
	if (s->text_len == s->src_len)
		return s->src_off + (off - s->text_off);
	return s->src_off;
}

size_t gk_report_text_src_end(const struct gk_report_text *t, size_t end)
{
	if (end == 0)
		return gk_report_text_src_start(t, 0);
	const struct gk_report_span *s = span_at(t, end - 1);
	if (!s)
		return 0;
	if (s->text_len == s->src_len && end <= s->text_off + s->text_len)
		return s->src_off + (end - s->text_off);
	return s->src_off + s->src_len;
}

int gk_report_text_src_lineno(const struct gk_report_text *t, size_t src_off)
{
	if (!t->nsrc_lines)
		return 1;
	size_t lo = 0, hi = t->nsrc_lines;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (t->src_lines[mid] <= src_off)
			lo = mid;
		else
			hi = mid;
	}
	return (int)lo + 1;
}
