/* Bump allocation in chunks; large requests get a chunk of their own. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/arena.h"

struct gk_arena_chunk {
	struct gk_arena_chunk *next;
	size_t used, size;
	max_align_t data[];
};

#define CHUNK_SIZE 8192

void *gk_arena_alloc(struct gk_arena *a, size_t size)
{
	size_t align = sizeof(max_align_t);
	size = (size + align - 1) / align * align;
	if (!size)
		size = align;
	struct gk_arena_chunk *c = a->head;
	if (!c || c->size - c->used < size) {
		size_t cap = size > CHUNK_SIZE ? size : CHUNK_SIZE;
		c = malloc(sizeof *c + cap);
		if (!c)
			return NULL;
		c->used = 0;
		c->size = cap;
		/* a big one-off chunk goes behind the current one so the current
		 * chunk's free space is not wasted */
		if (a->head && size > CHUNK_SIZE) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	void *p = (char *)c->data + c->used;
	c->used += size;
	memset(p, 0, size);
	return p;
}

char *gk_arena_strndup(struct gk_arena *a, const char *s, size_t n)
{
	char *p = gk_arena_alloc(a, n + 1);
	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

char *gk_arena_strdup(struct gk_arena *a, const char *s)
{
	return s ? gk_arena_strndup(a, s, strlen(s)) : NULL;
}

void gk_arena_release(struct gk_arena *a)
{
	struct gk_arena_chunk *c = a->head;
	while (c) {
		struct gk_arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	a->head = NULL;
}
