/* The SQLite backend: one database file per deployment, in WAL mode with
 * synchronous=FULL (NORMAL between a bulk load's batches), foreign keys
 * on. The only code that calls libsqlite3 (with sqlite/schema.c). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/backup_file.h"
#include "store/db.h"

/* Anything that is not another backend's address is a file path. */
static bool claims(const char *address)
{
	return strstr(address, "://") == NULL || strncmp(address, "file://", 7) == 0;
}

static enum gk_err check_path(const char *path, enum gk_store_mode mode, struct gk_error *err)
{
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
	struct stat st;
	if (stat(path, &st) == 0) {
		if (!S_ISREG(st.st_mode))
			return gk_fail(err, GK_EIO, "database '%s' is not a regular file", path);
		if (access(path, R_OK | W_OK) != 0)
			return gk_fail(err, GK_EIO, "database '%s' is not writable: %s", path,
				       strerror(errno));
		if (access(dir, W_OK) != 0)
			return gk_fail(
				err, GK_EIO,
				"database '%s': folder '%s' is not writable (%s), and SQLite "
				"keeps the database's -wal and -shm files there",
				path, dir, strerror(errno));
		return GK_OK;
	}
	if (mode == GK_STORE_OPEN)
		return gk_fail(
			err, GK_EIO,
			"database '%s' does not exist (create it with 'gongkai init --db %s')",
			path, path);
	if (access(dir, W_OK) != 0)
		return gk_fail(err, GK_EIO,
			       "cannot create database '%s': folder '%s' is not writable (%s)",
			       path, dir, strerror(errno));
	return GK_OK;
}

/* A locked database and a full disk are told apart from other failures:
 * the server answers them 503 and 507 (docs/serving.md). */
static enum gk_err failure_code(void *conn)
{
	int code = sqlite3_extended_errcode(conn);
	if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
		return GK_EBUSY;
	if ((code & 0xff) == SQLITE_FULL ||
	    ((code & 0xff) == SQLITE_IOERR && sqlite3_system_errno(conn) == ENOSPC))
		return GK_ENOSPACE;
	return GK_EDB;
}

static enum gk_err sq_script(void *conn, const char *sql, struct gk_error *err)
{
	char *msg = NULL;
	if (sqlite3_exec(conn, sql, NULL, NULL, &msg) != SQLITE_OK) {
		enum gk_err rc =
			gk_fail(err, failure_code(conn), "%s", msg ? msg : "database error");
		sqlite3_free(msg);
		return rc;
	}
	return GK_OK;
}

/* SQLite counts every allocation under one global mutex unless told not
 * to; with an import's writer and its index thread both in SQLite, that
 * mutex was 6% of the import's samples. Nothing reads the counts. */
static void configure_library(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sqlite3_initialize();
}

static enum gk_err sq_open(const char *address, enum gk_store_mode mode, void **conn,
			   struct gk_error *err)
{
	const char *path = strncmp(address, "file://", 7) == 0 ? address + 7 : address;
	sqlite3 *db = NULL;
	*conn = NULL;
	enum gk_err rc = check_path(path, mode, err);
	if (rc)
		return rc;
	static pthread_once_t configured = PTHREAD_ONCE_INIT;
	pthread_once(&configured, configure_library);
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
		    (mode == GK_STORE_CREATE ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
		rc = gk_fail(err, GK_EIO, "cannot open database '%s': %s", path,
			     db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return rc;
	}
	sqlite3_busy_timeout(db, 5000);
	sqlite3_extended_result_codes(db, 1);
	/* WAL survives a kill at any moment; synchronous=FULL makes each commit
	 * durable, which a record of legal deadlines needs more than speed */
	static const char pragmas[] = "PRAGMA journal_mode=WAL;"
				      "PRAGMA synchronous=FULL;"
				      "PRAGMA foreign_keys=ON;"
				      /* reads come from the OS page cache without a copy */
				      "PRAGMA mmap_size=1073741824;"
				      "PRAGMA cache_size=-16384;"
				      "PRAGMA trusted_schema=OFF;";
	struct gk_error e = {0};
	if (sq_script(db, pragmas, &e)) {
		rc = gk_fail(err, GK_EIO, "database '%s': %s", path, e.detail);
		sqlite3_close(db);
		return rc;
	}
	*conn = db;
	return GK_OK;
}

static void sq_close(void *conn)
{
	if (!conn)
		return;
	/* keeps the planner's statistics fresh after bulk changes (cheap when not) */
	sqlite3_exec(conn, "PRAGMA optimize", NULL, NULL, NULL);
	sqlite3_close(conn);
}

static void *sq_prepare(void *conn, const char *sql, struct gk_error *err)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		gk_fail(err, GK_EDB, "prepare: %s", sqlite3_errmsg(conn));
		return NULL;
	}
	return st;
}

static void sq_finalize(void *stmt)
{
	sqlite3_finalize(stmt);
}

static void sq_bind(void *stmt, int i, const struct gk_val *v)
{
	switch (v->kind) {
	case GK_VAL_INT:
		sqlite3_bind_int64(stmt, i, v->i);
		break;
	case GK_VAL_TEXT:
		if (v->i) /* GK_TEXTN: the length is given */
			sqlite3_bind_text64(stmt, i, v->p ? v->p : "", v->p ? v->n : 0,
					    SQLITE_TRANSIENT, SQLITE_UTF8);
		else
			sqlite3_bind_text(stmt, i, v->p ? v->p : "", -1, SQLITE_TRANSIENT);
		break;
	case GK_VAL_BLOB:
		/* the caller's bytes live until the step: no copy of a large file */
		sqlite3_bind_blob64(stmt, i, v->p, v->n, SQLITE_STATIC);
		break;
	default:
		sqlite3_bind_null(stmt, i);
		break;
	}
}

static int sq_step(void *stmt)
{
	int rc = sqlite3_step(stmt);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

static void sq_reset(void *stmt)
{
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
}

static int64_t sq_col_int(void *stmt, int i)
{
	return sqlite3_column_int64(stmt, i);
}

static const char *sq_col_text(void *stmt, int i, size_t *len)
{
	const char *p = (const char *)sqlite3_column_text(stmt, i);
	*len = (size_t)sqlite3_column_bytes(stmt, i);
	return p;
}

static const void *sq_col_blob(void *stmt, int i, size_t *len)
{
	const void *p = sqlite3_column_blob(stmt, i);
	*len = (size_t)sqlite3_column_bytes(stmt, i);
	return p;
}

static int64_t sq_changes(void *conn)
{
	return sqlite3_changes64(conn);
}

static int64_t sq_last_id(void *conn)
{
	return sqlite3_last_insert_rowid(conn);
}

static enum gk_err sq_fail(void *conn, bool *unique, char *msg, size_t n)
{
	int code = sqlite3_extended_errcode(conn);
	*unique = code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY;
	if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
		snprintf(msg, n, "the database is locked by another writer");
	else
		snprintf(msg, n, "%s", sqlite3_errmsg(conn));
	return *unique ? GK_ECONFLICT : failure_code(conn);
}

static enum gk_err sq_begin(void *conn, struct gk_error *err)
{
	return sq_script(conn, "BEGIN IMMEDIATE", err);
}

static enum gk_err sq_commit(void *conn, struct gk_error *err)
{
	return sq_script(conn, "COMMIT", err);
}

static void sq_rollback(void *conn)
{
	if (!sqlite3_get_autocommit(conn))
		sqlite3_exec(conn, "ROLLBACK", NULL, NULL, NULL);
}

static int sq_schema_version(void *conn)
{
	sqlite3_stmt *st;
	int v = -1;
	if (sqlite3_prepare_v2(conn, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	return v;
}

static enum gk_err sq_set_schema_version(void *conn, int version, struct gk_error *err)
{
	/* a PRAGMA takes no bound value; the number is ours, not input */
	char sql[48];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", version);
	return sq_script(conn, sql, err);
}

static enum gk_err sq_analyze(void *conn, struct gk_error *err)
{
	return sq_script(conn, "ANALYZE", err);
}

static void sq_bulk(void *conn, bool on)
{
	if (!on) {
		/* outside a transaction (SQLite refuses it inside): the next
		 * commit syncs the WAL, and with it every batch before it */
		sqlite3_exec(conn, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
		sqlite3_exec(conn, "PRAGMA wal_autocheckpoint = 1000", NULL, NULL, NULL);
		return;
	}
	/* a bulk load touches every index: keep them in memory (256 MB at
	 * most) instead of re-reading pages */
	sqlite3_exec(conn, "PRAGMA cache_size = -262144", NULL, NULL, NULL);
	/* the statement journal every insert into items opens (its triggers and
	 * foreign keys may abort it) in memory, not a temporary file per row */
	sqlite3_exec(conn, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
	/* a batch's commit appends to the WAL without waiting for the disk: a
	 * kill of the process still keeps every committed batch (the WAL is in
	 * the OS's cache), a power loss may lose the last ones until the next
	 * checkpoint syncs them, or gk_store_bulk_end's last commit */
	sqlite3_exec(conn, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
	/* checkpoints every 64 MB, not 4 MB: a page that many batches change
	 * (an index's, the change log's) is copied into the database fewer times */
	sqlite3_exec(conn, "PRAGMA wal_autocheckpoint = 16384", NULL, NULL, NULL);
}

static void sq_defer_checkpoints(void *conn)
{
	/* until sq_bulk(conn, false) sets it again */
	sqlite3_exec(conn, "PRAGMA wal_autocheckpoint = 0", NULL, NULL, NULL);
}

static enum gk_err sq_checkpoint(void *conn, bool whole, struct gk_error *err)
{
	if (whole)
		sqlite3_exec(conn, "PRAGMA optimize", NULL, NULL, NULL);
	int rc = sqlite3_wal_checkpoint_v2(
		conn, NULL, whole ? SQLITE_CHECKPOINT_TRUNCATE : SQLITE_CHECKPOINT_PASSIVE, NULL,
		NULL);
	if (rc != SQLITE_OK && rc != SQLITE_BUSY)
		return gk_fail(err, GK_EDB, "checkpoint: %s", sqlite3_errmsg(conn));
	return GK_OK;
}

/* --- backups ------------------------------------------------------------------ */

/* "PATH.SUFFIX" into OUT (size N); false if it does not fit. */
static bool path_plus(char *out, size_t n, const char *path, const char *suffix)
{
	int w = snprintf(out, n, "%s%s", path, suffix);
	return w > 0 && (size_t)w < n;
}

/* Runs PRAGMA integrity_check on DB: GK_OK if it answers "ok", else
 * GK_EDB naming the first problems (or why it could not be read). */
static enum gk_err check_integrity(sqlite3 *db, const char *path, struct gk_error *err)
{
	sqlite3_stmt *st = NULL;
	char problems[300] = "";
	size_t used = 0;
	int rows = 0, rc = sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *row = (const char *)sqlite3_column_text(st, 0);
		rc = SQLITE_OK;
		if (rows++ == 0 && row && strcmp(row, "ok") == 0)
			continue;
		if (used < sizeof problems - 1) {
			int w = snprintf(problems + used, sizeof problems - used, "%s%s",
					 used ? "; " : "", row ? row : "?");
			used += w > 0 ? (size_t)w : 0;
		}
	}
	enum gk_err out = GK_OK;
	if (rc != SQLITE_DONE)
		out = gk_fail(err, GK_EDB, "'%s' cannot be read as a database: %s", path,
			      sqlite3_errmsg(db));
	else if (problems[0] || rows == 0)
		out = gk_fail(err, GK_EDB, "'%s' failed the integrity check: %s", path,
			      problems[0] ? problems : "no answer");
	sqlite3_finalize(st);
	return out;
}

/* One integer a query answers into *OUT; false when it fails. */
static bool query_int(sqlite3 *db, const char *sql, int64_t *out)
{
	sqlite3_stmt *st = NULL;
	bool ok = sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
		  sqlite3_step(st) == SQLITE_ROW;
	if (ok)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return ok;
}

static void remove_copy(const char *tmp)
{
	char journal[4200];
	unlink(tmp);
	if (path_plus(journal, sizeof journal, tmp, "-journal"))
		unlink(journal);
}

/* The online backup API copies every page under one read transaction:
 * writers in other connections and processes go on (WAL), and the copy is
 * the database as of its start. The copy is made a single file (rollback
 * journal mode), checked, synced and renamed into place. */
static enum gk_err sq_backup(void *conn, const char *path, int64_t *bytes, struct gk_error *err)
{
	char tmp[4200];
	if (!path_plus(tmp, sizeof tmp, path, ".partial"))
		return gk_fail(err, GK_EUSAGE, "backup path is too long");
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return gk_fail(err, GK_EIO, "'%s' is not a regular file", path);
	remove_copy(tmp); /* a copy a killed backup left */
	/* the copy holds applicants' personal data: for its owner alone
	 * (SQLite gives its journal the same mode) */
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return gk_fail(err, GK_EIO, "cannot create '%s': %s", tmp, strerror(errno));
	close(fd);
	sqlite3 *dst = NULL;
	enum gk_err rc = GK_OK;
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		rc = gk_fail(err, GK_EIO, "cannot create '%s': %s", tmp,
			     dst ? sqlite3_errmsg(dst) : "out of memory");
		sqlite3_close(dst);
		remove_copy(tmp);
		return rc;
	}
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", conn, "main");
	int step = b ? SQLITE_BUSY : SQLITE_ERROR;
	/* the source is busy only while a writer checkpoints or recovers it */
	for (int tries = 0; b && tries < 100; tries++) {
		step = sqlite3_backup_step(b, -1);
		if (step != SQLITE_BUSY && step != SQLITE_LOCKED)
			break;
		sqlite3_sleep(50);
	}
	if (b)
		sqlite3_backup_finish(b);
	if (step != SQLITE_DONE)
		rc = gk_fail(err, step == SQLITE_FULL ? GK_EIO : GK_EDB, "backup to '%s': %s", tmp,
			     step == SQLITE_BUSY ? "the database stayed busy"
						 : sqlite3_errmsg(b ? dst : conn));
	/* the pages copied say WAL; a backup is one self-contained file */
	struct gk_error e = {0};
	if (!rc && sq_script(dst, "PRAGMA journal_mode=DELETE", &e))
		rc = gk_fail(err, GK_EDB, "backup copy '%s': %s", tmp, e.detail);
	if (sqlite3_close(dst) != SQLITE_OK && !rc)
		rc = gk_fail(err, GK_EDB, "closing '%s' failed", tmp);
	dst = NULL;
	/* read back from the file, not from the writer's cache */
	if (!rc && sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		rc = gk_fail(err, GK_EIO, "cannot reopen '%s': %s", tmp,
			     dst ? sqlite3_errmsg(dst) : "out of memory");
	if (!rc)
		rc = check_integrity(dst, tmp, err);
	sqlite3_close(dst);
	if (!rc)
		rc = gk_backup_file_put(tmp, path, bytes, err);
	if (rc)
		remove_copy(tmp);
	return rc;
}

static enum gk_err sq_verify(const char *path, int *version, struct gk_error *err)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return gk_fail(err, GK_EIO, "cannot read '%s': %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return gk_fail(err, GK_EIO, "'%s' is not a regular file", path);
	sqlite3 *db = NULL;
	enum gk_err rc = GK_OK;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		rc = gk_fail(err, GK_EIO, "cannot open '%s': %s", path,
			     db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return rc;
	}
	rc = check_integrity(db, path, err);
	int64_t v = 0, tables = 0;
	if (!rc && (!query_int(db, "PRAGMA user_version", &v) ||
		    !query_int(db,
			       "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
			       "AND name IN ('agencies', 'items', 'settings')",
			       &tables)))
		rc = gk_fail(err, GK_EDB, "'%s': %s", path, sqlite3_errmsg(db));
	if (!rc && (v < 1 || tables != 3))
		rc = gk_fail(err, GK_EINVAL, "'%s' is an SQLite database but not gongkai's", path);
	sqlite3_close(db);
	if (!rc)
		*version = (int)v;
	return rc;
}

/* True if a process (not this one) has the database at PATH open: every
 * SQLite connection in WAL mode holds a shared lock on the lock bytes at
 * 1 GiB (PENDING_BYTE, RESERVED_BYTE, the 510 SHARED bytes). */
static bool held_open(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	struct flock lk = {
		.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0x40000000, .l_len = 512};
	bool held = fcntl(fd, F_GETLK, &lk) == 0 && lk.l_type != F_UNLCK;
	close(fd);
	return held;
}

/* The copy is written by the backup API into the database itself, in one
 * transaction of the rollback journal: a kill leaves the old database or
 * the new one, and SQLite's own locks keep out anyone opening it meanwhile. */
static enum gk_err sq_restore(const char *from, const char *address, struct gk_error *err)
{
	const char *path = strncmp(address, "file://", 7) == 0 ? address + 7 : address;
	struct stat st;
	bool exists = stat(path, &st) == 0;
	enum gk_err rc = check_path(path, exists ? GK_STORE_OPEN : GK_STORE_CREATE, err);
	if (rc)
		return rc;
	if (exists && held_open(path))
		return gk_fail(err, GK_ECONFLICT,
			       "database '%s' is open in another process (a running 'gongkai "
			       "serve'?): stop it first",
			       path);
	sqlite3 *src = NULL, *dst = NULL;
	if (sqlite3_open_v2(from, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		rc = gk_fail(err, GK_EIO, "cannot open '%s': %s", from,
			     src ? sqlite3_errmsg(src) : "out of memory");
	if (!rc && sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
			   SQLITE_OK)
		rc = gk_fail(err, GK_EIO, "cannot open '%s': %s", path,
			     dst ? sqlite3_errmsg(dst) : "out of memory");
	if (!rc) {
		sqlite3_busy_timeout(dst, 5000);
		/* out of WAL for the copy: a WAL database cannot change its page
		 * size, and the journal makes the copy one transaction */
		struct gk_error e = {0};
		if (sq_script(dst, "PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL", &e))
			rc = gk_fail(err, GK_EDB, "database '%s': %s", path, e.detail);
	}
	if (!rc) {
		sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
		int step = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
		if (b)
			sqlite3_backup_finish(b);
		if (step != SQLITE_DONE)
			rc = gk_fail(err, step == SQLITE_FULL ? GK_EIO : GK_EDB,
				     "restore into '%s': %s", path,
				     step == SQLITE_BUSY ? "the database is in use"
							 : sqlite3_errmsg(b ? dst : src));
	}
	if (!rc) {
		struct gk_error e = {0};
		if (sq_script(dst, "PRAGMA journal_mode=WAL", &e))
			rc = gk_fail(err, GK_EDB, "database '%s': %s", path, e.detail);
	}
	sqlite3_close(src);
	sqlite3_close(dst);
	return rc;
}

const struct gk_db_driver gk_sqlite_driver = {
	.name = "sqlite",
	.dialect = GK_DIALECT_SQLITE,
	.claims = claims,
	.open = sq_open,
	.close = sq_close,
	.prepare = sq_prepare,
	.finalize = sq_finalize,
	.bind = sq_bind,
	.step = sq_step,
	.reset = sq_reset,
	.col_int = sq_col_int,
	.col_text = sq_col_text,
	.col_blob = sq_col_blob,
	.changes = sq_changes,
	.last_id = sq_last_id,
	.fail = sq_fail,
	.script = sq_script,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.schema_version = sq_schema_version,
	.set_schema_version = sq_set_schema_version,
	.analyze = sq_analyze,
	.bulk = sq_bulk,
	.defer_checkpoints = sq_defer_checkpoints,
	.checkpoint = sq_checkpoint,
	.backup = sq_backup,
	.backup_magic = "SQLite format 3",
	.verify = sq_verify,
	.restore = sq_restore,
};
