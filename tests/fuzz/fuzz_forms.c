/* Fuzz target: the request-body parsers (urlencoded forms and
 * multipart/form-data). The first input line is the multipart boundary;
 * the rest is the body, given to both parsers. Each must accept or refuse
 * cleanly, and whatever it accepts must be valid UTF-8 text fields. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/utf8.h"
#include "web/form.h"
#include "web/multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_fields(const struct gk_request *r)
{
	for (int i = 0; i < r->nparams; i++)
		if (!gk_utf8_valid(r->params[i].name, strlen(r->params[i].name)) ||
		    !gk_utf8_valid(r->params[i].value, strlen(r->params[i].value)))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *nl = memchr(text, '\n', size);
	size_t blen = nl ? (size_t)(nl - text) : 0;
	const char *body = nl ? nl + 1 : text;
	size_t len = size - (size_t)(body - text);
	/* a private copy so the parsers cannot read past the end unnoticed */
	char *copy = malloc(len ? len : 1);
	if (!copy)
		return 0;
	memcpy(copy, body, len);

	struct gk_request *r = calloc(1, sizeof *r);
	if (!r)
		abort();
	if (gk_form_parse(r, copy, len, NULL) == GK_OK)
		check_fields(r);
	gk_arena_release(&r->arena);
	memset(r, 0, sizeof *r);

	char type[128];
	snprintf(type, sizeof type, "multipart/form-data; boundary=%.*s",
		 (int)(blen > 90 ? 90 : blen), text);
	if (gk_multipart_parse(r, type, copy, len, NULL) == GK_OK) {
		check_fields(r);
		for (int i = 0; i < r->nfiles; i++)
			if (r->files[i].data < copy ||
			    r->files[i].data + r->files[i].len > copy + len)
				abort();
	}
	gk_arena_release(&r->arena);
	free(r);
	free(copy);
	return 0;
}
