/* A fresh database in a temporary folder, for unit tests of the store and of
 * the domain code that writes through it. Header-only: each suite is one
 * translation unit. */
#ifndef GK_TESTS_TEMPDB_H
#define GK_TESTS_TEMPDB_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/user.h"
#include "store/store.h"

struct tempdb {
	char dir[64];
	char path[96];
};

/* Makes the folder and opens a new database in it into *S. 0 on success. */
static inline int tempdb_open(struct tempdb *t, struct gk_store **s)
{
	snprintf(t->dir, sizeof t->dir, "/tmp/gk-unit-XXXXXX");
	if (!mkdtemp(t->dir))
		return -1;
	snprintf(t->path, sizeof t->path, "%s/t.db", t->dir);
	return gk_crypto_init(NULL) || gk_store_open(t->path, GK_STORE_CREATE, s, NULL) ? -1 : 0;
}

/* Closes S (may be NULL) and removes the database, its WAL and the folder. */
static inline void tempdb_remove(struct tempdb *t, struct gk_store *s)
{
	static const char *const suffix[] = {"", "-wal", "-shm"};
	char p[128];
	gk_store_free(s);
	for (int i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "%s%s", t->path, suffix[i]);
		unlink(p);
	}
	rmdir(t->dir);
}

#endif
