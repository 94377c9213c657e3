/* The error table's lookups and the one way to record an error's detail. */
#include <stdarg.h>
#include <stdio.h>

#include "lib/error.h"

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

enum gk_err gk_fail(struct gk_error *err, enum gk_err code, const char *fmt, ...)
{
	if (!err)
		return code;
	err->code = code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->detail, sizeof err->detail, fmt, ap);
	va_end(ap);
	return code;
}

const char *gk_error_text(const struct gk_error *err)
{
	if (err && err->detail[0])
		return err->detail;
	return gk_err_message(err ? err->code : GK_EINTERNAL);
}
