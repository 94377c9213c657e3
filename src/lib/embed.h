/* Files compiled into the binary: static web assets (src/web/static/) and the
 * reference data the product ships (data/). Paths are as in the source tree. */
#ifndef GK_LIB_EMBED_H
#define GK_LIB_EMBED_H

#include <stddef.h>

struct gk_embedded {
	const char *path;          /* e.g. "data/holidays/2017.json" */
	const unsigned char *data; /* NUL-terminated for convenience */
	size_t size;               /* without the terminating NUL */
};

/* The table generated at build time, ended by an entry with path NULL. */
extern const struct gk_embedded gk_embedded_files[];

/* Returns the embedded file at PATH, or NULL. */
const struct gk_embedded *gk_embed_find(const char *path);

#endif
