/* A strict multipart/form-data reader: parts separated by CRLF--boundary,
 * each with a Content-Disposition naming it. Anything else is refused. */
#include <string.h>
#include <strings.h>

#include "lib/utf8.h"
#include "web/messages.h"
#include "web/multipart.h"

/* Copies the value of ATTR (name="…" or name=token) from a header line. */
static char *header_attr(struct gk_arena *a, const char *line, size_t len, const char *attr)
{
	size_t alen = strlen(attr);
	for (size_t i = 0; i + alen + 1 < len; i++) {
		/* the attribute starts the line or follows "; " */
		if ((i && line[i - 1] != ' ' && line[i - 1] != ';') ||
		    strncasecmp(line + i, attr, alen) != 0 || line[i + alen] != '=')
			continue;
		const char *v = line + i + alen + 1;
		const char *end = line + len;
		if (v < end && *v == '"') {
			const char *close = memchr(v + 1, '"', (size_t)(end - v - 1));
			if (!close)
				return NULL;
			return gk_arena_strndup(a, v + 1, (size_t)(close - v - 1));
		}
		size_t n = 0;
		while (v + n < end && v[n] != ';' && v[n] != ' ')
			n++;
		return gk_arena_strndup(a, v, n);
	}
	return NULL;
}

static const char *find(const char *hay, size_t hay_len, const char *needle, size_t n)
{
	return memmem(hay, hay_len, needle, n);
}

enum gk_err gk_multipart_parse(struct gk_request *r, const char *content_type, const char *body,
			       size_t len, struct gk_error *err)
{
	const char *b = content_type ? strcasestr(content_type, "boundary=") : NULL;
	if (!b)
		return gk_fail(err, GK_EINVAL, GK_MSG_MULTIPART, "缺少分隔符");
	char *boundary = header_attr(&r->arena, b, strlen(b), "boundary");
	size_t blen = boundary ? strlen(boundary) : 0;
	if (!blen || blen > 70)
		return gk_fail(err, GK_EINVAL, GK_MSG_MULTIPART, "分隔符为空或超过70个字符");
	/* the delimiter is CRLF "--" boundary; the first one may lack the CRLF */
	char delim[80];
	size_t dlen = (size_t)snprintf(delim, sizeof delim, "\r\n--%s", boundary);
	const char *p = body, *end = body + len;
	if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0) {
		p = body + dlen - 2;
	} else {
		const char *first = find(body, len, delim, dlen);
		if (!first)
			return gk_fail(err, GK_EINVAL, GK_MSG_MULTIPART, "没有任何字段");
		p = first + dlen;
	}
	for (;;) {
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return GK_OK; /* the closing delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return gk_fail(err, GK_EINVAL, GK_MSG_MULTIPART, "分隔符有误");
		p += 2;
		const char *headers_end = find(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (!headers_end)
			return gk_fail(err, GK_EINVAL, GK_MSG_MULTIPART, "字段头之后缺少空行");
		char *name = NULL, *filename = NULL, *type = NULL;
		int has_filename = 0;
		for (const char *line = p; line < headers_end + 2;) {
			const char *eol = find(line, (size_t)(headers_end + 2 - line), "\r\n", 2);
			size_t n = (size_t)(eol - line);
			if (n > 20 && strncasecmp(line, "Content-Disposition:", 20) == 0) {
				name = header_attr(&r->arena, line + 20, n - 20, "name");
				filename = header_attr(&r->arena, line + 20, n - 20, "filename");
				has_filename = filename != NULL;
			} else if (n > 13 && strncasecmp(line, "Content-Type:", 13) == 0) {
				const char *v = line + 13;
				while (v < eol && *v == ' ')
					v++;
				type = gk_arena_strndup(&r->arena, v, (size_t)(eol - v));
			}
			line = eol + 2;
		}
		const char *data = headers_end + 4;
		const char *next = find(data, (size_t)(end - data), delim, dlen);
		if (!next)
			return gk_fail(err, GK_EINVAL, GK_MSG_MULTIPART, "字段未以分隔符结束");
		size_t dl = (size_t)(next - data);
		if (!name || !*name || !gk_utf8_valid(name, strlen(name)))
			return gk_fail(err, GK_EINVAL, GK_MSG_MULTIPART, "字段缺少有效的名称");
		if (has_filename) {
			if (!gk_utf8_valid(filename, strlen(filename)))
				return gk_fail(err, GK_EINVAL, GK_MSG_FILENAME_UTF8);
			if (r->nfiles == GK_MAX_FILES)
				return gk_fail(err, GK_EINVAL, GK_MSG_TOO_MANY_FILES);
			struct gk_file *f = &r->files[r->nfiles++];
			f->name = name;
			f->filename = filename;
			f->content_type = type ? type : "application/octet-stream";
			f->data = data;
			f->len = dl;
		} else {
			if (r->nparams == GK_MAX_PARAMS)
				return gk_fail(err, GK_EINVAL, GK_MSG_TOO_MANY_FIELDS);
			char *value = gk_arena_strndup(&r->arena, data, dl);
			if (!value || !gk_utf8_valid(value, dl))
				return gk_fail(err, GK_EINVAL, GK_MSG_NOT_UTF8,
					       gk_field_label(name));
			r->params[r->nparams].name = name;
			r->params[r->nparams].value = value;
			r->nparams++;
		}
		p = next + dlen;
	}
}
