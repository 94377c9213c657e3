/* A fresh database in a temporary folder, for unit tests of the store and of
 * the domain code that writes through it. Header-only: each suite is one
 * translation unit. */
#ifndef GK_TESTS_TEMPDB_H
#define GK_TESTS_TEMPDB_H

#include <dirent.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string.h>

#include "core/user.h"
#include "lib/date.h"
#include "service/accounts.h"
#include "service/agencies.h"
#include "service/service.h"
#include "store/store.h"

/* PATH: the database's address: a file in DIR, or in PostgreSQL mode (the
 * environment variable GONGKAI_TEST_PG holds the libpq address of a
 * maintenance database, see tests/run-all.sh) a fresh database PGDB on that
 * server, with DIR its catalogue index folder (GONGKAI_INDEX_DIR). */
struct tempdb {
	char dir[64];
	char path[512];
	char pgdb[64];
};

/* Runs ARGV (the program looked up on PATH) to completion; 0 if it exited 0.
 * A fixed argument vector, no shell. */
static inline int tempdb_run_(char *const argv[])
{
	pid_t pid;
	int status;
	if (posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ))
		return -1;
	while (waitpid(pid, &status, 0) < 0)
		;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* The address MAINT (postgresql://[host]/DB?params) with its database
 * replaced by NAME, into OUT. */
static inline int tempdb_pg_address_(const char *maint, const char *name, char *out, size_t size)
{
	const char *auth = strstr(maint, "://");
	const char *slash = auth ? strchr(auth + 3, '/') : NULL;
	if (!slash)
		return -1;
	const char *rest = slash + 1 + strcspn(slash + 1, "?");
	int n = snprintf(out, size, "%.*s%s%s", (int)(slash + 1 - maint), maint, name, rest);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* Makes the folder and opens a new database in it into *S. 0 on success. */
static inline int tempdb_open(struct tempdb *t, struct gk_store **s)
{
	const char *pg = getenv("GONGKAI_TEST_PG");
	snprintf(t->dir, sizeof t->dir, "/tmp/gk-unit-XXXXXX");
	t->pgdb[0] = '\0';
	if (!mkdtemp(t->dir))
		return -1;
	if (pg && *pg) {
		static unsigned counter;
		char maint[512];
		snprintf(t->pgdb, sizeof t->pgdb, "gkunit_%ld_%u", (long)getpid(), ++counter);
		snprintf(maint, sizeof maint, "--maintenance-db=%s", pg);
		char *argv[] = {
			"createdb", maint, "--locale=C", "--encoding=UTF8", "--template=template0",
			t->pgdb,    NULL};
		if (tempdb_pg_address_(pg, t->pgdb, t->path, sizeof t->path) || tempdb_run_(argv) ||
		    setenv("GONGKAI_INDEX_DIR", t->dir, 1))
			return -1;
	} else {
		snprintf(t->path, sizeof t->path, "%s/t.db", t->dir);
	}
	return gk_crypto_init(NULL) || gk_store_open(t->path, GK_STORE_CREATE, s, NULL) ? -1 : 0;
}

/* Closes S (may be NULL) and removes the database, its WAL and the folder. */
static inline void tempdb_remove(struct tempdb *t, struct gk_store *s)
{
	static const char *const suffix[] = {"", "-wal", "-shm", ".catalogue", ".catalogue.tmp"};
	char p[600];
	gk_store_free(s);
	if (t->pgdb[0]) {
		/* --force: a connection the test left open must not keep it */
		const char *pg = getenv("GONGKAI_TEST_PG");
		char maint[512];
		snprintf(maint, sizeof maint, "--maintenance-db=%s", pg ? pg : "");
		char *argv[] = {"dropdb", maint, "--force", "--if-exists", t->pgdb, NULL};
		if (tempdb_run_(argv))
			fprintf(stderr, "tempdb: could not drop the database %s\n", t->pgdb);
		/* the index files, whatever their names */
		DIR *d = opendir(t->dir);
		struct dirent *e;
		while (d && (e = readdir(d)))
			if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
				snprintf(p, sizeof p, "%s/%s", t->dir, e->d_name);
				unlink(p);
			}
		if (d)
			closedir(d);
	} else {
		for (int i = 0; i < 5; i++) {
			snprintf(p, sizeof p, "%s%s", t->path, suffix[i]);
			unlink(p);
		}
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

/* Adds the department CODE named NAME under the agency PARENT (a code;
 * NULL: at the top) as CLI. */
static inline enum gk_err tempdb_add_agency(struct gk_svc *cli, const char *code, const char *name,
					    const char *parent, bool supervises)
{
	struct gk_agency a = {.kind = GK_AGENCY_DEPARTMENT, .supervises = supervises};
	snprintf(a.code, sizeof a.code, "%s", code);
	snprintf(a.name, sizeof a.name, "%s", name);
	return gk_svc_agency_add(cli, &a, parent, NULL);
}

/* Adds the account LOGIN of AGENCY (a code) with ROLES ("handler,editor")
 * as CLI, and reads it back into OUT. */
static inline enum gk_err tempdb_add_user(struct gk_svc *cli, const char *login, const char *agency,
					  const char *roles, struct gk_user *out)
{
	struct gk_account_input in = {login, "某某", roles, agency, "a-good-password"};
	enum gk_err rc = gk_svc_user_add(cli, &in, NULL, NULL);
	return rc ? rc : gk_store_user_by_login(cli->store, login, out, NULL);
}

/* A small city for the use cases of staff: ROOT01 某市人民政府, its office
 * OFFC01 (the city office: it supervises), the departments DEPT01 and
 * DEPT02, and their staff. */
struct tempdb_city {
	int64_t dept, other;            /* DEPT01, DEPT02 */
	struct gk_user handler, editor; /* of DEPT01 */
	struct gk_user stranger;        /* the handler of DEPT02 */
	struct gk_user office;          /* the administrator of OFFC01 */
};

/* Adds the city of C as CLI (its store). */
static inline enum gk_err tempdb_add_city(struct gk_svc *cli, struct tempdb_city *c)
{
	struct gk_agency a;
	enum gk_err rc;
	if ((rc = tempdb_add_agency(cli, "ROOT01", "某市人民政府", NULL, false)) ||
	    (rc = tempdb_add_agency(cli, "OFFC01", "某市人民政府办公室", "ROOT01", true)) ||
	    (rc = tempdb_add_agency(cli, "DEPT01", "某市环境保护局", "ROOT01", false)) ||
	    (rc = tempdb_add_agency(cli, "DEPT02", "某市教育局", "ROOT01", false)))
		return rc;
	if ((rc = gk_store_agency_by_code(cli->store, "DEPT01", &a, NULL)))
		return rc;
	c->dept = a.id;
	if ((rc = gk_store_agency_by_code(cli->store, "DEPT02", &a, NULL)))
		return rc;
	c->other = a.id;
	if ((rc = tempdb_add_user(cli, "dept.handler", "DEPT01", "handler", &c->handler)) ||
	    (rc = tempdb_add_user(cli, "dept.editor", "DEPT01", "editor", &c->editor)) ||
	    (rc = tempdb_add_user(cli, "other.handler", "DEPT02", "handler", &c->stranger)))
		return rc;
	return tempdb_add_user(cli, "office.admin", "OFFC01", "admin", &c->office);
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
