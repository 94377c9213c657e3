/* Error codes: one X-macro table gives each its message, HTTP status and
 * process exit code. Functions return a code; the detail (which field, which
 * file) travels in a struct gk_error filled once by the layer that knows. */
#ifndef GK_LIB_ERROR_H
#define GK_LIB_ERROR_H

#define GK_ERRORS(X)                                                     \
	X(GK_OK,         "ok",                        200, 0)          \
	X(GK_EINVAL,     "invalid input",             400, 1)          \
	X(GK_EUSAGE,     "usage",                     400, 2)          \
	X(GK_EUNAUTH,    "login required",            401, 1)          \
	X(GK_EFORBIDDEN, "forbidden",                 403, 1)          \
	X(GK_ENOTFOUND,  "not found",                 404, 1)          \
	X(GK_EMETHOD,    "method not allowed",        405, 1)          \
	X(GK_ECONFLICT,  "conflict",                  409, 1)          \
	X(GK_ETOOBIG,    "too large",                 413, 1)          \
	X(GK_ETHROTTLED, "too many attempts",         429, 1)          \
	X(GK_EIO,        "input/output error",        500, 1)          \
	X(GK_EDB,        "database error",            500, 1)          \
	X(GK_ENOMEM,     "out of memory",             500, 1)          \
	X(GK_EINTERNAL,  "internal error",            500, 1)

enum gk_err {
#define GK_ERR_ENUM(code, msg, http, exit) code,
	GK_ERRORS(GK_ERR_ENUM)
#undef GK_ERR_ENUM
};

struct gk_error {
	enum gk_err code;
	char detail[512]; /* one line, lower case, for people; may be empty */
};

/* Generic message for CODE ("not found"). Never NULL. */
const char *gk_err_message(enum gk_err code);
/* HTTP status for CODE (404 for GK_ENOTFOUND). */
int gk_err_http_status(enum gk_err code);
/* Process exit code for CODE: 0 ok, 1 failure the user can fix, 2 usage. */
int gk_err_exit_code(enum gk_err code);

/* Records CODE with a printf-style detail in ERR (which may be NULL) and
 * returns CODE, so callers can write: return gk_fail(err, GK_EINVAL, ...). */
enum gk_err gk_fail(struct gk_error *err, enum gk_err code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The detail if set, else the generic message. */
const char *gk_error_text(const struct gk_error *err);

#endif
