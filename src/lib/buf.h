/* A growable byte string.
 *
 * Invariants: data is always NUL-terminated (after gk_buf_init, data points
 * to a static "" until the first append); len never exceeds max. An append
 * that would pass max, or that fails to allocate, appends nothing, sets
 * `failed` and returns an error: callers may append freely and check once. */
#ifndef GK_LIB_BUF_H
#define GK_LIB_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "lib/error.h"

struct gk_buf {
	char *data;
	size_t len;
	size_t cap;
	size_t max; /* largest allowed len */
	int failed; /* GK_ETOOBIG or GK_ENOMEM once an append failed */
};

#define GK_BUF_DEFAULT_MAX ((size_t)64 << 20)

void gk_buf_init(struct gk_buf *b, size_t max);
/* Frees the contents; the buffer can be used again after gk_buf_init. */
void gk_buf_release(struct gk_buf *b);
/* Hands the string to the caller (to free()) and empties the buffer.
 * Never NULL unless allocation fails. */
char *gk_buf_detach(struct gk_buf *b, size_t *len);
void gk_buf_reset(struct gk_buf *b);

enum gk_err gk_buf_add(struct gk_buf *b, const void *p, size_t n);
enum gk_err gk_buf_puts(struct gk_buf *b, const char *s);
enum gk_err gk_buf_putc(struct gk_buf *b, char c);
enum gk_err gk_buf_printf(struct gk_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
enum gk_err gk_buf_vprintf(struct gk_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

#endif
