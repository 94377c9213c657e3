/* The urlencoded form decoder: '+' is a space, %XX a byte, and the result
 * must be valid UTF-8 — checked here, at the door. */
#include <string.h>

#include "lib/messages.h"
#include "lib/utf8.h"
#include "web/form.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *gk_form_decode(struct gk_arena *a, const char *s, size_t n)
{
	char *out = gk_arena_alloc(a, n + 1);
	if (!out)
		return NULL;
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			out[j++] = ' ';
		} else if (s[i] == '%') {
			int hi = i + 1 < n ? hexval(s[i + 1]) : -1;
			int lo = i + 2 < n ? hexval(s[i + 2]) : -1;
			if (hi < 0 || lo < 0)
				return NULL;
			out[j++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[j++] = s[i];
		}
	}
	out[j] = '\0';
	if (!gk_utf8_valid(out, j))
		return NULL;
	return out;
}

enum gk_err gk_form_parse(struct gk_request *r, const char *body, size_t len, struct gk_error *err)
{
	size_t i = 0;
	while (i < len) {
		size_t end = i;
		while (end < len && body[end] != '&')
			end++;
		if (end > i) {
			const char *eq = memchr(body + i, '=', end - i);
			size_t klen = eq ? (size_t)(eq - (body + i)) : end - i;
			const char *v = eq ? eq + 1 : body + end;
			size_t vlen = eq ? (size_t)(body + end - v) : 0;
			if (r->nparams == GK_MAX_PARAMS)
				return gk_fail(err, GK_EINVAL, GK_MSG_TOO_MANY_FIELDS);
			char *name = gk_form_decode(&r->arena, body + i, klen);
			char *value = gk_form_decode(&r->arena, v, vlen);
			if (!name || !value)
				return gk_fail(err, GK_EINVAL, GK_MSG_FORM_MALFORMED);
			r->params[r->nparams].name = name;
			r->params[r->nparams].value = value;
			r->nparams++;
		}
		i = end + 1;
	}
	return GK_OK;
}
