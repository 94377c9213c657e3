/* Connections: choosing the backend by the address, transactions, the pool
 * the server's threads share, and the deployment's settings. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"

static const struct gk_db_driver *const drivers[] = {&gk_sqlite_driver, &gk_postgres_driver};

static const struct gk_db_driver *driver_for(const char *address)
{
	for (size_t i = 0; i < sizeof drivers / sizeof drivers[0]; i++)
		if (drivers[i]->claims(address))
			return drivers[i];
	return NULL;
}

/* The backend whose backup files begin as the file at PATH does; the
 * first backend (SQLite) when none does, so its check names the problem. */
static const struct gk_db_driver *driver_for_backup(const char *path)
{
	char head[32] = "";
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(head, 1, sizeof head, f) : 0;
	if (f)
		fclose(f);
	for (size_t i = 0; i < sizeof drivers / sizeof drivers[0]; i++) {
		const char *magic = drivers[i]->backup_magic;
		if (magic && n >= strlen(magic) && memcmp(head, magic, strlen(magic)) == 0)
			return drivers[i];
	}
	return drivers[0];
}

enum gk_err gk_store_open(const char *address, enum gk_store_mode mode, struct gk_store **out,
			  struct gk_error *err)
{
	*out = NULL;
	const struct gk_db_driver *drv = driver_for(address);
	if (!drv)
		return gk_fail(err, GK_EUSAGE, "no database backend for '%.200s'", address);
	struct gk_store *s = calloc(1, sizeof *s);
	if (!s)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	s->drv = drv;
	enum gk_err rc = drv->open(address, mode, &s->conn, err);
	if (!rc)
		rc = gk_db_migrate(s, err);
	if (rc) {
		gk_store_free(s);
		return rc;
	}
	*out = s;
	return GK_OK;
}

void gk_store_free(struct gk_store *s)
{
	if (!s)
		return;
	for (int i = 0; i < GK_STMT_CACHE; i++)
		if (s->cache[i].handle)
			s->drv->finalize(s->cache[i].handle);
	s->drv->close(s->conn);
	free(s);
}

/* --- transactions ----------------------------------------------------------- */

enum gk_err gk_store_begin(struct gk_store *s, struct gk_error *err)
{
	if (s->in_tx)
		return gk_fail(err, GK_EINTERNAL, "a transaction is already open");
	enum gk_err rc = s->drv->begin(s->conn, err);
	if (!rc)
		s->in_tx = true;
	return rc;
}

enum gk_err gk_store_commit(struct gk_store *s, struct gk_error *err)
{
	enum gk_err rc = s->inserted_from ? gk_store_item_log_inserted(s, err) : GK_OK;
	if (!rc)
		rc = s->drv->commit(s->conn, err);
	if (rc)
		s->drv->rollback(s->conn);
	s->inserted_from = 0;
	s->in_tx = false;
	return rc;
}

void gk_store_rollback(struct gk_store *s)
{
	s->inserted_from = 0;
	s->drv->rollback(s->conn);
	s->in_tx = false;
}

bool gk_store_in_tx(const struct gk_store *s)
{
	return s->in_tx;
}

enum gk_err gk_store_analyze(struct gk_store *s, struct gk_error *err)
{
	return s->drv->analyze(s->conn, err);
}

void gk_store_bulk(struct gk_store *s)
{
	s->bulk = true;
	s->drv->bulk(s->conn, true);
}

void gk_store_bulk_end(struct gk_store *s)
{
	s->bulk = false;
	s->drv->bulk(s->conn, false);
}

void gk_store_bulk_defer_checkpoints(struct gk_store *s)
{
	s->drv->defer_checkpoints(s->conn);
}

enum gk_err gk_store_checkpoint(struct gk_store *s, struct gk_error *err)
{
	return s->drv->checkpoint(s->conn, false, err);
}

enum gk_err gk_store_settle(struct gk_store *s, struct gk_error *err)
{
	return s->drv->checkpoint(s->conn, true, err);
}

/* --- backups ------------------------------------------------------------------- */

enum gk_err gk_store_backup(struct gk_store *s, const char *path, int64_t *bytes,
			    struct gk_error *err)
{
	if (s->in_tx)
		return gk_fail(err, GK_EINTERNAL, "a backup cannot run inside a transaction");
	int64_t n = 0;
	enum gk_err rc = s->drv->backup(s->conn, path, &n, err);
	if (!rc && bytes)
		*bytes = n;
	return rc;
}

enum gk_err gk_store_verify_file(const char *address, const char *path, int *version,
				 struct gk_error *err)
{
	const struct gk_db_driver *drv = address ? driver_for(address) : driver_for_backup(path);
	if (!drv)
		return gk_fail(err, GK_EUSAGE, "no database backend for '%.200s'", address);
	int v = 0;
	enum gk_err rc = drv->verify(path, &v, err);
	if (!rc && v > gk_store_schema_version())
		rc = gk_fail(err, GK_EINVAL,
			     "'%s' has schema %d, newer than this gongkai (%d): upgrade gongkai",
			     path, v, gk_store_schema_version());
	if (!rc && version)
		*version = v;
	return rc;
}

enum gk_err gk_store_restore(const char *address, const char *from, int *version,
			     struct gk_error *err)
{
	enum gk_err rc = gk_store_verify_file(address, from, version, err);
	return rc ? rc : driver_for(address)->restore(from, address, err);
}

/* --- settings ------------------------------------------------------------------ */

enum gk_err gk_store_setting_get(struct gk_store *s, const char *key, char *out, size_t n,
				 struct gk_error *err)
{
	static const char sql[] = "SELECT value FROM settings WHERE key = ?1";
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_TEXT(key)), err);
	if (!st)
		return GK_EDB;
	bool found = gk_stmt_row(st);
	if (found)
		gk_col_copy(st, 0, out, n);
	enum gk_err rc = gk_stmt_end(st, "read setting", err);
	if (!rc && !found)
		rc = gk_fail(err, GK_ENOTFOUND, "设置项“%s”尚未设置", key);
	return rc;
}

enum gk_err gk_store_setting_set(struct gk_store *s, const char *key, const char *value,
				 struct gk_error *err)
{
	static const char sql[] = "INSERT INTO settings(key, value) VALUES (?1, ?2) "
				  "ON CONFLICT(key) DO UPDATE SET value = excluded.value";
	return gk_db_exec(s, sql, GK_ARGS(GK_TEXT(key), GK_TEXT(value)), NULL, "write setting",
			  err);
}

enum gk_err gk_store_setting_init(struct gk_store *s, const char *key, const char *value,
				  struct gk_error *err)
{
	static const char sql[] = "INSERT INTO settings(key, value) VALUES (?1, ?2) "
				  "ON CONFLICT(key) DO NOTHING";
	return gk_db_exec(s, sql, GK_ARGS(GK_TEXT(key), GK_TEXT(value)), NULL, "write setting",
			  err);
}

/* --- the pool -------------------------------------------------------------------- */

struct gk_store_pool {
	pthread_mutex_t lock;
	pthread_cond_t freed;
	int size, nfree;
	struct gk_store **all, **free;
};

enum gk_err gk_store_pool_open(const char *address, int size, struct gk_store_pool **out,
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
		enum gk_err rc = gk_store_open(address, GK_STORE_OPEN, &p->all[i], err);
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

struct gk_store *gk_store_pool_take(struct gk_store_pool *p)
{
	pthread_mutex_lock(&p->lock);
	while (p->nfree == 0)
		pthread_cond_wait(&p->freed, &p->lock);
	struct gk_store *s = p->free[--p->nfree];
	pthread_mutex_unlock(&p->lock);
	return s;
}

void gk_store_pool_give(struct gk_store_pool *p, struct gk_store *s)
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
