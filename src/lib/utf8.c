/* UTF-8 per RFC 3629: the decoder rejects everything the RFC forbids. */
#include <stdint.h>
#include <string.h>

#include "lib/utf8.h"

long gk_utf8_decode(const unsigned char *s, size_t len, size_t *n)
{
	*n = 1;
	if (len == 0)
		return -1;
	unsigned c = s[0];
	if (c < 0x80)
		return c;
	size_t need;
	unsigned long cp, min;
	if ((c & 0xE0) == 0xC0) {
		need = 2;
		cp = c & 0x1F;
		min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		need = 3;
		cp = c & 0x0F;
		min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		need = 4;
		cp = c & 0x07;
		min = 0x10000;
	} else {
		return -1;
	}
	if (len < need)
		return -1;
	for (size_t i = 1; i < need; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	*n = need;
	return (long)cp;
}

/* The length of the well-formed sequence (Unicode's table 3-7) that
 * starts with the non-ASCII byte at P (LEFT bytes left), checked byte by
 * byte without building the code point; 0 if malformed. */
static inline size_t sequence(const unsigned char *p, size_t left)
{
	unsigned c = *p;
	if (c >= 0xC2 && c <= 0xDF)
		return left >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		/* E0: A0–BF (no overlong); ED: 80–9F (no surrogates) */
		unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
		return left >= 3 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 ? 3 : 0;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		/* F0: 90–BF (no overlong); F4: 80–8F (not past U+10FFFF) */
		unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
		return left >= 4 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 &&
				       (p[3] & 0xC0) == 0x80
			       ? 4
			       : 0;
	}
	return 0;
}

/* The length of the character at P (LEFT > 0 bytes): 0 if malformed or NUL. */
static inline size_t character(const unsigned char *p, size_t left)
{
	return *p < 0x80 ? *p != 0 : sequence(p, left);
}

#define ONES  0x0101010101010101u
#define HIGHS 0x8080808080808080u

/* Whether the eight bytes at P are all ASCII, none below LOW (1: no NUL;
 * 0x20: no control character) and, if NO_DEL, none DEL. (x - n) & ~x &
 * 0x80 is set in a byte below n when no byte has its high bit. */
static inline bool ascii_word(const unsigned char *p, unsigned low, bool no_del)
{
	uint64_t w, del;
	memcpy(&w, p, 8);
	del = w ^ (0x7Fu * ONES);
	return !(w & HIGHS) && !((w - low * ONES) & ~w & HIGHS) &&
	       !(no_del && ((del - ONES) & ~del & HIGHS));
}

/* ASCII eight bytes at a time: bodies of a bulk import pass through here
 * twice (0.3 s per 100,000 items with the decoder). NUL is refused like a
 * malformed byte. */
bool gk_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end) {
		if (end - p >= 8 && ascii_word(p, 1, false)) {
			p += 8;
			continue;
		}
		size_t n = character(p, (size_t)(end - p));
		if (!n)
			return false;
		p += n;
	}
	return true;
}

size_t gk_utf8_sequence(const char *s, size_t left)
{
	const unsigned char *p = (const unsigned char *)s;
	return left ? character(p, left) : 0;
}

bool gk_utf8_scan(const char *s, size_t len, bool breaks, size_t *chars, bool *controls)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	size_t count = 0;
	bool ctl = false;
	while (p < end) {
		if (end - p >= 8 && ascii_word(p, 0x20, true)) {
			p += 8;
			count += 8;
			continue;
		}
		unsigned c = *p;
		size_t n = character(p, (size_t)(end - p));
		if (!n)
			return false;
		count++;
		if ((c < 0x20 || c == 0x7F) && !(breaks && (c == '\n' || c == '\r' || c == '\t')))
			ctl = true;
		p += n;
	}
	*chars = count;
	*controls = ctl;
	return true;
}

size_t gk_utf8_count(const char *s, size_t len)
{
	size_t count = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			count++;
	return count;
}

size_t gk_utf8_prefix(const char *s, size_t max)
{
	size_t n = 0;
	while (s[n] && n < max) {
		size_t step = 1;
		unsigned char c = (unsigned char)s[n];
		if (c >= 0xF0)
			step = 4;
		else if (c >= 0xE0)
			step = 3;
		else if (c >= 0xC0)
			step = 2;
		if (n + step > max)
			break;
		size_t k = 1;
		while (k < step && s[n + k])
			k++;
		n += k;
	}
	return n;
}
