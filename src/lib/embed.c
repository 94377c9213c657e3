/* Lookup in the table of files compiled into the binary. */
#include <string.h>

#include "lib/embed.h"

const struct gk_embedded *gk_embed_find(const char *path)
{
	for (const struct gk_embedded *e = gk_embedded_files; e->path; e++)
		if (strcmp(e->path, path) == 0)
			return e;
	return NULL;
}
