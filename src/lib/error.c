/* The error table's lookups and the one way to record an error's detail. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lib/error.h"
#include "lib/utf8.h"

static const struct {
	const char *name, *message, *public;
	int http;
	int exit;
} table[] = {
#define GK_ERR_ROW(code, name, msg, public, http, exit) {name, msg, public, http, exit},
	GK_ERRORS(GK_ERR_ROW)
#undef GK_ERR_ROW
};

#define TABLE_SIZE (sizeof table / sizeof table[0])

const char *gk_err_name(enum gk_err code)
{
	return (unsigned)code < TABLE_SIZE ? table[code].name : table[GK_EINTERNAL].name;
}

const char *gk_err_message(enum gk_err code)
{
	return (unsigned)code < TABLE_SIZE ? table[code].message : "unknown error";
}

const char *gk_err_public(enum gk_err code)
{
	return (unsigned)code < TABLE_SIZE ? table[code].public : table[GK_EINTERNAL].public;
}

bool gk_err_is_server(enum gk_err code)
{
	return gk_err_http_status(code) >= 500;
}

int gk_err_http_status(enum gk_err code)
{
	return (unsigned)code < TABLE_SIZE ? table[code].http : 500;
}

int gk_err_exit_code(enum gk_err code)
{
	return (unsigned)code < TABLE_SIZE ? table[code].exit : 1;
}

/* A value cut short by a precision ("%.40s") or by the buffer may end
 * inside a character; the detail reaches pages and JSON, which need valid
 * UTF-8 (jansson refuses anything else): the broken pieces go. */
static void drop_broken_characters(char *s)
{
	size_t n = strlen(s), o = 0;
	for (size_t i = 0; i < n;) {
		size_t len;
		if (gk_utf8_decode((const unsigned char *)s + i, n - i, &len) < 0) {
			i++;
			continue;
		}
		memmove(s + o, s + i, len);
		o += len;
		i += len;
	}
	s[o] = '\0';
}

enum gk_err gk_fail(struct gk_error *err, enum gk_err code, const char *fmt, ...)
{
	if (!err)
		return code;
	err->code = code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->detail, sizeof err->detail, fmt, ap);
	va_end(ap);
	drop_broken_characters(err->detail);
	return code;
}

const char *gk_error_text(const struct gk_error *err)
{
	if (err && err->detail[0])
		return err->detail;
	return gk_err_message(err ? err->code : GK_EINTERNAL);
}
