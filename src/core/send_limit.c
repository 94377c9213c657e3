/* Per-recipient send limit: a ring of the last LIMIT send times each. */
#include <stdlib.h>
#include <string.h>

#include "core/send_limit.h"

struct recipient {
	char *who;
	int64_t *times; /* ring of limit slots, 0 unused */
	int next;
};

struct gk_send_limit {
	int limit;
	int64_t window;
	struct recipient *r;
	size_t n, cap;
};

struct gk_send_limit *gk_send_limit_new(int limit, int64_t window)
{
	if (limit < 1 || limit > 1000 || window < 1)
		return NULL;
	struct gk_send_limit *l = calloc(1, sizeof *l);
	if (l) {
		l->limit = limit;
		l->window = window;
	}
	return l;
}

static void drop(struct recipient *r)
{
	free(r->who);
	free(r->times);
}

void gk_send_limit_free(struct gk_send_limit *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		drop(&l->r[i]);
	free(l->r);
	free(l);
}

/* Forgets recipients with no send in the window (keeps the table small). */
static void sweep(struct gk_send_limit *l, int64_t now)
{
	size_t kept = 0;
	for (size_t i = 0; i < l->n; i++) {
		struct recipient *r = &l->r[i];
		int last = (r->next + l->limit - 1) % l->limit;
		if (r->times[last] > now - l->window)
			l->r[kept++] = *r;
		else
			drop(r);
	}
	l->n = kept;
}

static struct recipient *find(struct gk_send_limit *l, const char *who)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->r[i].who, who) == 0)
			return &l->r[i];
	return NULL;
}

int64_t gk_send_limit_check(struct gk_send_limit *l, const char *who, int64_t now)
{
	struct recipient *r = find(l, who);
	if (!r)
		return 0;
	/* the oldest of the last LIMIT sends: the slot written next */
	int64_t oldest = r->times[r->next];
	if (oldest == 0 || oldest <= now - l->window)
		return 0;
	return oldest + l->window;
}

void gk_send_limit_count(struct gk_send_limit *l, const char *who, int64_t now)
{
	struct recipient *r = find(l, who);
	if (!r) {
		if (l->n == l->cap) {
			sweep(l, now);
			if (l->n == l->cap) {
				size_t cap = l->cap ? l->cap * 2 : 16;
				struct recipient *bigger = realloc(l->r, cap * sizeof *bigger);
				if (!bigger)
					return; /* without memory the limit is not counted */
				l->r = bigger;
				l->cap = cap;
			}
		}
		struct recipient fresh = {strdup(who), calloc((size_t)l->limit, sizeof(int64_t)),
					  0};
		if (!fresh.who || !fresh.times) {
			drop(&fresh);
			return;
		}
		l->r[l->n++] = fresh;
		r = &l->r[l->n - 1];
	}
	r->times[r->next] = now;
	r->next = (r->next + 1) % l->limit;
}
