/* Growable string with a hard maximum: see buf.h for the invariants. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"

static char empty[1];

void gk_buf_init(struct gk_buf *b, size_t max)
{
	b->data = empty;
	b->len = b->cap = 0;
	b->max = max ? max : GK_BUF_DEFAULT_MAX;
	b->failed = 0;
}

void gk_buf_release(struct gk_buf *b)
{
	if (b->cap)
		free(b->data);
	b->data = empty;
	b->len = b->cap = 0;
}

void gk_buf_reset(struct gk_buf *b)
{
	b->len = 0;
	if (b->cap)
		b->data[0] = '\0';
	b->failed = 0;
}

char *gk_buf_detach(struct gk_buf *b, size_t *len)
{
	char *s = b->cap ? b->data : strdup("");
	if (len)
		*len = b->cap ? b->len : 0;
	b->data = empty;
	b->len = b->cap = 0;
	return s;
}

static enum gk_err grow(struct gk_buf *b, size_t extra)
{
	if (b->failed)
		return (enum gk_err)b->failed;
	if (extra > b->max - b->len) {
		b->failed = GK_ETOOBIG;
		return GK_ETOOBIG;
	}
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return GK_OK;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	/* never more than the largest allowed content: a request body at its
	 * limit holds the limit, not twice it */
	if (b->max < SIZE_MAX && cap > b->max + 1)
		cap = b->max + 1;
	char *p = realloc(b->cap ? b->data : NULL, cap);
	if (!p) {
		b->failed = GK_ENOMEM;
		return GK_ENOMEM;
	}
	if (!b->cap)
		p[0] = '\0';
	b->data = p;
	b->cap = cap;
	return GK_OK;
}

enum gk_err gk_buf_add(struct gk_buf *b, const void *p, size_t n)
{
	enum gk_err e = grow(b, n);
	if (e)
		return e;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return GK_OK;
}

enum gk_err gk_buf_puts(struct gk_buf *b, const char *s)
{
	return gk_buf_add(b, s, strlen(s));
}

enum gk_err gk_buf_putc(struct gk_buf *b, char c)
{
	return gk_buf_add(b, &c, 1);
}

enum gk_err gk_buf_vprintf(struct gk_buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return GK_EINTERNAL;
	enum gk_err e = grow(b, (size_t)n);
	if (e)
		return e;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return GK_OK;
}

enum gk_err gk_buf_printf(struct gk_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	enum gk_err e = gk_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return e;
}
