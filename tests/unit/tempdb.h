/* A fresh database in a temporary folder, for unit tests of the store and of
 * the domain code that writes through it. Header-only: each suite is one
 * translation unit. */
#ifndef GK_TESTS_TEMPDB_H
#define GK_TESTS_TEMPDB_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <string.h>

#include "core/user.h"
#include "lib/date.h"
#include "service/service.h"
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
	static const char *const suffix[] = {"", "-wal", "-shm", ".catalogue", ".catalogue.tmp"};
	char p[128];
	gk_store_free(s);
	for (int i = 0; i < 5; i++) {
		snprintf(p, sizeof p, "%s%s", t->path, suffix[i]);
		unlink(p);
	}
	rmdir(t->dir);
}

/* A use-case context on S acting as account USER_ID with every role in
 * every agency (0: the command line, no account). One at a time: it is
 * static, and tests run on one thread. */
static inline struct gk_svc *svc_on(struct gk_store *s, int64_t user_id)
{
	static struct gk_user u;
	static struct gk_svc svc;
	memset(&u, 0, sizeof u);
	u.id = user_id;
	u.roles = GK_ROLE_ALL;
	u.city_wide = true;
	gk_svc_init(&svc, s, NULL, user_id ? &u : NULL, "test");
	return &svc;
}

/* A context on S with calendar CAL where ACTOR acts on day TODAY (-1: the
 * real today). */
static inline struct gk_svc *svc_at(struct gk_store *s, const struct gk_calendar *cal,
				    const struct gk_user *actor, long today)
{
	static struct gk_svc svc;
	gk_svc_init(&svc, s, cal, actor, "test");
	if (today != -1)
		svc.today = today;
	return &svc;
}

/* The catalogue's Table 1 counts for YEAR of AGENCY_ID (SUBTREE: with the
 * agencies under it), as the yearly report reads them, summed over the
 * agencies. */
static inline int tempdb_add_items_(int64_t agency_id, const struct gk_annual_items *c, void *ctx)
{
	struct gk_annual_items *sum = ctx;
	(void)agency_id;
	for (int k = 0; k < 2; k++) {
		sum->issued[k] += c->issued[k];
		sum->repealed[k] += c->repealed[k];
		sum->in_force[k] += c->in_force[k];
	}
	return 0;
}
static inline enum gk_err report_items(struct gk_store *s, int64_t agency_id, bool subtree,
				       int year, struct gk_annual_items *out)
{
	struct gk_report_scope sc = {agency_id, subtree, year};
	memset(out, 0, sizeof *out);
	return gk_store_report_items(s, &sc, tempdb_add_items_, out, NULL);
}

#endif
