/* A region allocator: many small allocations, one free. Each HTTP request
 * owns one, released when libmicrohttpd reports the request complete. */
#ifndef GK_LIB_ARENA_H
#define GK_LIB_ARENA_H

#include <stddef.h>

struct gk_arena_chunk;
struct gk_arena {
	struct gk_arena_chunk *head;
};

/* Zeroed memory that lives until gk_arena_release; NULL when out of memory. */
void *gk_arena_alloc(struct gk_arena *a, size_t size);
char *gk_arena_strdup(struct gk_arena *a, const char *s);
char *gk_arena_strndup(struct gk_arena *a, const char *s, size_t n);
/* Frees everything; the arena is empty and usable again. */
void gk_arena_release(struct gk_arena *a);

#endif
