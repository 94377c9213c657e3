/* Error codes: one X-macro table gives each its message, HTTP status and
 * process exit code. Functions return a code; the detail (which field, which
 * file) travels in a struct gk_error filled once by the layer that knows. */
#ifndef GK_LIB_ERROR_H
#define GK_LIB_ERROR_H

#include <stdbool.h>

/* code, name (the stable machine code the JSON API sends as "code"),
 * message (for logs and the command line), what the public reads when the
 * detail is not for them (every 5xx), HTTP status, exit code */
// clang-format off
#define GK_ERRORS(X)                                                                         \
	X(GK_OK,         "ok",                 "ok",                 "成功", 200, 0) \
	X(GK_EINVAL,     "invalid_input",      "invalid input",      "提交的内容有误", 400, 1) \
	X(GK_EUSAGE,     "usage",              "usage",              "用法有误", 400, 2) \
	X(GK_EUNAUTH,    "login_required",     "login required",     "请先登录", 401, 1) \
	X(GK_EFORBIDDEN, "forbidden",          "forbidden",          "无权进行此操作", 403, 1) \
	X(GK_ENOTFOUND,  "not_found",          "not found",          "未找到", 404, 1) \
	X(GK_EMETHOD,    "method_not_allowed", "method not allowed", "不支持的请求方法", 405, 1) \
	X(GK_ECONFLICT,  "conflict",           "conflict",           "数据已被修改或与现有记录冲突", 409, 1) \
	X(GK_ETOOBIG,    "too_large",          "too large",          "提交的内容过大", 413, 1) \
	X(GK_ETHROTTLED, "rate_limited",       "too many attempts",  "尝试次数过多，请稍后再试", 429, 1) \
	X(GK_EIO,        "io_error",           "input/output error", "服务器暂时无法处理请求，请稍后再试", 500, 1) \
	X(GK_EDB,        "database_error",     "database error",     "服务器暂时无法处理请求，请稍后再试", 500, 1) \
	X(GK_ENOMEM,     "out_of_memory",      "out of memory",      "服务器暂时无法处理请求，请稍后再试", 500, 1) \
	X(GK_EINTERNAL,  "internal_error",     "internal error",     "服务器内部错误", 500, 1) \
	X(GK_EBUSY,      "busy",               "database is busy",   "服务器繁忙，请稍后再试", 503, 1) \
	X(GK_EDBDOWN,    "database_unavailable", "database unavailable", "数据库暂时无法访问，请稍后再试", 503, 1) \
	X(GK_ENOSPACE,   "storage_full",       "disk full",          "服务器存储空间已满，本次提交未能保存，请稍后再试", 507, 1)
// clang-format on

enum gk_err {
#define GK_ERR_ENUM(code, name, msg, public, http, exit) code,
	GK_ERRORS(GK_ERR_ENUM)
#undef GK_ERR_ENUM
};

struct gk_error {
	enum gk_err code;
	char detail[512]; /* one line, lower case, for people; may be empty */
};

/* The stable machine name of CODE ("not_found"), as the JSON API sends it
 * beside the message (docs/api.md lists them). Never NULL. */
const char *gk_err_name(enum gk_err code);
/* Generic message for CODE ("not found"), for logs and the command line.
 * Never NULL. */
const char *gk_err_message(enum gk_err code);
/* What the public reads for CODE (Chinese): every failure of the server
 * (5xx) is shown with this alone, its detail going to the log. */
const char *gk_err_public(enum gk_err code);
/* True for a failure of the server rather than of the request (5xx). */
bool gk_err_is_server(enum gk_err code);
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
