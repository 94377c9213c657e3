/* The SQLite connection: open, pragmas, statement cache, transactions, pool. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/db.h"

static enum gk_err check_path(const char *path, enum gk_store_mode mode, struct gk_error *err)
{
	struct stat st;
	if (stat(path, &st) == 0) {
		if (!S_ISREG(st.st_mode))
			return gk_fail(err, GK_EIO, "database '%s' is not a regular file", path);
		if (access(path, R_OK | W_OK) != 0)
			return gk_fail(err, GK_EIO, "database '%s' is not writable: %s", path,
				       strerror(errno));
		return GK_OK;
	}
	if (mode == GK_STORE_OPEN)
		return gk_fail(err, GK_EIO, "database '%s' does not exist (create it with 'gongkai init --db %s')",
			       path, path);
	/* the folder must exist and be writable for the file and its WAL */
	char dir[4096];
	const char *slash = strrchr(path, '/');
	if (!slash) {
		memcpy(dir, ".", 2);
	} else {
		size_t n = (size_t)(slash - path);
		if (n >= sizeof dir)
			return gk_fail(err, GK_EIO, "database path is too long");
		memcpy(dir, path, n ? n : 1);
		dir[n ? n : 1] = '\0';
	}
	if (access(dir, W_OK) != 0)
		return gk_fail(err, GK_EIO, "cannot create database '%s': folder '%s' is not writable (%s)",
			       path, dir, strerror(errno));
	return GK_OK;
}

enum gk_err gk_store_open(const char *path, enum gk_store_mode mode, struct gk_store **out,
			  struct gk_error *err)
{
	*out = NULL;
	enum gk_err rc = check_path(path, mode, err);
	if (rc)
		return rc;
	struct gk_store *s = calloc(1, sizeof *s);
	if (!s)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
		    (mode == GK_STORE_CREATE ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
		rc = gk_fail(err, GK_EIO, "cannot open database '%s': %s", path,
			     s->db ? sqlite3_errmsg(s->db) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(s->db, 5000);
	sqlite3_extended_result_codes(s->db, 1);
	/* WAL survives a kill at any moment; synchronous=FULL makes each commit
	 * durable, which a record of legal deadlines needs more than speed */
	static const char pragmas[] = "PRAGMA journal_mode=WAL;"
				      "PRAGMA synchronous=FULL;"
				      "PRAGMA foreign_keys=ON;"
				      /* reads come from the OS page cache without a copy */
				      "PRAGMA mmap_size=1073741824;"
				      "PRAGMA cache_size=-16384;"
				      "PRAGMA trusted_schema=OFF;";
	char *msg = NULL;
	if (sqlite3_exec(s->db, pragmas, NULL, NULL, &msg) != SQLITE_OK) {
		rc = gk_fail(err, GK_EIO, "database '%s': %s", path, msg ? msg : "cannot set pragmas");
		sqlite3_free(msg);
		goto fail;
	}
	rc = gk_db_migrate(s, err);
	if (rc)
		goto fail;
	*out = s;
	return GK_OK;
fail:
	gk_store_free(s);
	return rc;
}

void gk_store_free(struct gk_store *s)
{
	if (!s)
		return;
	for (int i = 0; i < GK_STMT_CACHE; i++)
		sqlite3_finalize(s->cache[i].stmt);
	/* keeps the planner's statistics fresh after bulk changes (cheap when not) */
	sqlite3_exec(s->db, "PRAGMA optimize", NULL, NULL, NULL);
	sqlite3_close(s->db);
	free(s);
}

sqlite3_stmt *gk_db_prepare(struct gk_store *s, const char *sql, struct gk_error *err)
{
	int free_slot = -1;
	for (int i = 0; i < GK_STMT_CACHE; i++) {
		if (s->cache[i].sql == sql) {
			sqlite3_reset(s->cache[i].stmt);
			sqlite3_clear_bindings(s->cache[i].stmt);
			return s->cache[i].stmt;
		}
		if (!s->cache[i].sql && free_slot < 0)
			free_slot = i;
	}
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		gk_db_fail(s, err, "prepare");
		return NULL;
	}
	if (free_slot < 0) {
		/* cache full: evict a slot; statements are cheap to prepare again */
		free_slot = (int)((uintptr_t)sql % GK_STMT_CACHE);
		sqlite3_finalize(s->cache[free_slot].stmt);
	}
	s->cache[free_slot].sql = sql;
	s->cache[free_slot].stmt = st;
	return st;
}

enum gk_err gk_db_fail(struct gk_store *s, struct gk_error *err, const char *what)
{
	int code = sqlite3_extended_errcode(s->db);
	if ((code & 0xff) == SQLITE_CONSTRAINT)
		return gk_fail(err, GK_ECONFLICT, "%s: %s", what, sqlite3_errmsg(s->db));
	if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
		return gk_fail(err, GK_EDB, "%s: the database is busy, try again", what);
	return gk_fail(err, GK_EDB, "%s: %s", what, sqlite3_errmsg(s->db));
}

enum gk_err gk_db_exec(struct gk_store *s, const char *sql, struct gk_error *err)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		enum gk_err rc = gk_fail(err, GK_EDB, "%s", msg ? msg : "database error");
		sqlite3_free(msg);
		return rc;
	}
	return GK_OK;
}

void gk_db_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	sqlite3_bind_text(st, i, v ? v : "", -1, SQLITE_TRANSIENT);
}

void gk_db_column_copy(sqlite3_stmt *st, int i, char *out, size_t n)
{
	const unsigned char *v = sqlite3_column_text(st, i);
	size_t len = v ? (size_t)sqlite3_column_bytes(st, i) : 0;
	if (!n)
		return;
	if (len >= n)
		len = n - 1;
	if (len)
		memcpy(out, v, len);
	out[len] = '\0';
}

enum gk_err gk_store_begin(struct gk_store *s, struct gk_error *err)
{
	enum gk_err rc = gk_db_exec(s, "BEGIN IMMEDIATE", err);
	if (!rc)
		s->in_tx = 1;
	return rc;
}

enum gk_err gk_store_commit(struct gk_store *s, struct gk_error *err)
{
	enum gk_err rc = gk_db_exec(s, "COMMIT", err);
	if (rc)
		gk_store_rollback(s);
	s->in_tx = 0;
	return rc;
}

bool gk_store_in_tx(const struct gk_store *s)
{
	return s->in_tx != 0;
}

void gk_store_rollback(struct gk_store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->in_tx = 0;
}

enum gk_err gk_store_analyze(struct gk_store *s, struct gk_error *err)
{
	return gk_db_exec(s, "ANALYZE", err);
}

/* --- settings ------------------------------------------------------------ */

enum gk_err gk_store_setting_get(struct gk_store *s, const char *key, char *out, size_t n,
				 struct gk_error *err)
{
	static const char sql[] = "SELECT value FROM settings WHERE key = ?1";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	gk_db_bind_text(st, 1, key);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		gk_db_column_copy(st, 0, out, n);
		sqlite3_reset(st);
		return GK_OK;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return gk_fail(err, GK_ENOTFOUND, "setting '%s' is not set", key);
	return gk_db_fail(s, err, "read setting");
}

enum gk_err gk_store_setting_set(struct gk_store *s, const char *key, const char *value,
				 struct gk_error *err)
{
	static const char sql[] = "INSERT INTO settings(key, value) VALUES (?1, ?2) "
				  "ON CONFLICT(key) DO UPDATE SET value = excluded.value";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	gk_db_bind_text(st, 1, key);
	gk_db_bind_text(st, 2, value);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? GK_OK : gk_db_fail(s, err, "write setting");
}

/* --- the pool -------------------------------------------------------------- */

struct gk_store_pool {
	pthread_mutex_t lock;
	pthread_cond_t freed;
	int size, nfree;
	struct gk_store **all, **free;
};

enum gk_err gk_store_pool_open(const char *path, int size, struct gk_store_pool **out,
			       struct gk_error *err)
{
	*out = NULL;
	struct gk_store_pool *p = calloc(1, sizeof *p);
	if (!p)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	p->all = calloc((size_t)size, sizeof *p->all);
	p->free = calloc((size_t)size, sizeof *p->free);
	if (!p->all || !p->free) {
		gk_store_pool_free(p);
		return gk_fail(err, GK_ENOMEM, "out of memory");
	}
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->freed, NULL);
	for (int i = 0; i < size; i++) {
		enum gk_err rc = gk_store_open(path, GK_STORE_OPEN, &p->all[i], err);
		if (rc) {
			gk_store_pool_free(p);
			return rc;
		}
		p->free[p->nfree++] = p->all[i];
		p->size++;
	}
	*out = p;
	return GK_OK;
}

struct gk_store *gk_store_pool_acquire(struct gk_store_pool *p)
{
	pthread_mutex_lock(&p->lock);
	while (p->nfree == 0)
		pthread_cond_wait(&p->freed, &p->lock);
	struct gk_store *s = p->free[--p->nfree];
	pthread_mutex_unlock(&p->lock);
	return s;
}

void gk_store_pool_release(struct gk_store_pool *p, struct gk_store *s)
{
	if (!s)
		return;
	gk_store_rollback(s); /* a handler that failed mid-way leaves nothing open */
	pthread_mutex_lock(&p->lock);
	p->free[p->nfree++] = s;
	pthread_cond_signal(&p->freed);
	pthread_mutex_unlock(&p->lock);
}

void gk_store_pool_free(struct gk_store_pool *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->size; i++)
		gk_store_free(p->all[i]);
	if (p->all) {
		pthread_mutex_destroy(&p->lock);
		pthread_cond_destroy(&p->freed);
	}
	free(p->all);
	free(p->free);
	free(p);
}
