/* Fuzz target: attachment names (core/attachment.c). The input is a file
 * name as a client might send it; if it is valid UTF-8, the display name
 * made from it must be valid UTF-8, not empty, at most
 * GK_ATTACHMENT_NAME_MAX characters, without path separators, control
 * characters or quotes, and its type never one a browser would render as a
 * page. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/attachment.h"
#include "lib/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = malloc(size + 1);
	char out[GK_ATTACHMENT_NAME_MAX * 4 + 1];
	if (!in)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';
	if (gk_utf8_valid(in, size)) {
		gk_attachment_name(in, out, sizeof out);
		size_t n = strlen(out);
		if (!n || !gk_utf8_valid(out, n) || gk_utf8_count(out, n) > GK_ATTACHMENT_NAME_MAX)
			abort();
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)out[i] < 0x20 || strchr("/\\\"<>|", out[i]))
				abort();
		const char *type = gk_attachment_media_type(out);
		if (strstr(type, "html") || strstr(type, "svg") || strcmp(type, "text/xml") == 0 ||
		    strcmp(type, "application/xml") == 0 ||
		    strncmp(type, "text/javascript", 15) == 0)
			abort();
	}
	/* small buffers truncate without overrunning */
	char small[5];
	gk_attachment_name(gk_utf8_valid(in, size) ? in : "x", small, sizeof small);
	free(in);
	return 0;
}
