/* HTML escaping by context. See html.h for which function to call. */
#include <string.h>

#include "lib/html.h"

void gk_html_raw(struct gk_buf *b, const char *markup)
{
	gk_buf_puts(b, markup);
}

void gk_html_textn(struct gk_buf *b, const char *text, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (text[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		case '\0':
			rep = "";
			break;
		default:
			continue;
		}
		gk_buf_add(b, text + start, i - start);
		gk_buf_puts(b, rep);
		start = i + 1;
	}
	gk_buf_add(b, text + start, n - start);
}

void gk_html_text(struct gk_buf *b, const char *text)
{
	if (text)
		gk_html_textn(b, text, strlen(text));
}

void gk_html_attr(struct gk_buf *b, const char *value)
{
	gk_html_text(b, value);
}

void gk_html_url_arg(struct gk_buf *b, const char *value)
{
	static const char hex[] = "0123456789ABCDEF";
	if (!value)
		return;
	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		unsigned c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~') {
			gk_buf_putc(b, (char)c);
		} else {
			char esc[3] = {'%', hex[c >> 4], hex[c & 15]};
			gk_buf_add(b, esc, 3);
		}
	}
}

void gk_html_int(struct gk_buf *b, long long n)
{
	gk_buf_printf(b, "%lld", n);
}
