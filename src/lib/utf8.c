/* UTF-8 per RFC 3629: the decoder rejects everything the RFC forbids. */
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

bool gk_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		size_t n;
		long cp = gk_utf8_decode(p + i, len - i, &n);
		if (cp <= 0)
			return false; /* malformed, or a NUL byte */
		i += n;
	}
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
