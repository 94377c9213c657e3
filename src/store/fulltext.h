/* The full-text index of catalogue items, as a backend keeps it. The
 * tokens are ours (core/search.h): the index stores and matches them and
 * never segments text itself, so every backend finds the same items. */
#ifndef GK_STORE_FULLTEXT_H
#define GK_STORE_FULLTEXT_H

#include <stdbool.h>

#include "lib/buf.h"

struct gk_fulltext {
	/* Item listings restricted to the items matching ?11, with the columns,
	 * filters (?1–?8) and order (?9 limit, ?10 offset) of item_sql.h. */
	const char *list_public, *count_public, *list_staff, *count_staff;
	/* Indexes item ?1 with the tokens of its title ?2, metadata ?3, body ?4. */
	const char *put;
	/* Removes item ?1 from the index. */
	const char *remove;
	/* Appends the backend's expression (bound as ?11) for what a person
	 * typed in QUERY: every term must match. False, appending nothing, if
	 * QUERY holds nothing searchable. */
	bool (*match)(struct gk_buf *out, const char *query);
};

extern const struct gk_fulltext gk_sqlite_fulltext;

#endif
