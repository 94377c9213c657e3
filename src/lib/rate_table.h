/* Counts of recent events by key, in memory, safe from any thread: the
 * limits that need no database (tracking lookups, intake per minute, the
 * human check) and a fallback for those that do when it is locked. Bounded:
 * a full neighbourhood forgets its oldest key (or, for gk_rate_once,
 * refuses), so a flood of keys costs no memory. */
#ifndef GK_LIB_RATE_TABLE_H
#define GK_LIB_RATE_TABLE_H

#include <stdbool.h>
#include <stdint.h>

struct gk_rate_table;

/* A table of about SLOTS keys (rounded up to a power of two); NULL without memory. */
struct gk_rate_table *gk_rate_table_new(unsigned slots);
void gk_rate_table_free(struct gk_rate_table *t);

/* About how many events of KEY fell in the WINDOW seconds before NOW (a
 * sliding estimate over two fixed windows). */
int64_t gk_rate_count(struct gk_rate_table *t, const char *key, int64_t now, int64_t window);
/* Counts one event of KEY at NOW (windows of WINDOW seconds). */
void gk_rate_add(struct gk_rate_table *t, const char *key, int64_t now, int64_t window);
/* Counts one event of KEY at NOW unless LIMIT or more fell in the last
 * WINDOW seconds: true if it was counted (allowed). LIMIT 0: no limit. */
bool gk_rate_take(struct gk_rate_table *t, const char *key, int64_t now, int64_t window,
		  int64_t limit);
/* Marks KEY used until NOW + TTL: 1 the first time, 0 if it already was,
 * -1 if the table has no room (the caller refuses: a key is never
 * forgotten while it must stay used). */
int gk_rate_once(struct gk_rate_table *t, const char *key, int64_t now, int64_t ttl);
/* Forgets KEY. */
void gk_rate_forget(struct gk_rate_table *t, const char *key);
/* The time of the last event of KEY (0 if none known). */
int64_t gk_rate_last(struct gk_rate_table *t, const char *key);

#endif
