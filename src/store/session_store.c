/* Login sessions and the rate limits (failed logins, applications per
 * address), in SQLite. */
#include "store/db.h"

enum gk_err gk_store_session_add(struct gk_store *s, const char *token_digest, int64_t user_id,
				 const char *csrf, int64_t expires, struct gk_error *err)
{
	static const char sql[] = "INSERT INTO sessions(token_digest, user_id, csrf, expires_at) "
				  "VALUES (?1, ?2, ?3, ?4)";
	static const char purge[] = "DELETE FROM sessions WHERE expires_at < unixepoch()";
	sqlite3_stmt *st = gk_db_prepare(s, purge, err);
	if (!st)
		return GK_EDB;
	sqlite3_step(st);
	sqlite3_reset(st);
	st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	gk_db_bind_text(st, 1, token_digest);
	sqlite3_bind_int64(st, 2, user_id);
	gk_db_bind_text(st, 3, csrf);
	sqlite3_bind_int64(st, 4, expires);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	return step == SQLITE_DONE ? GK_OK : gk_db_fail(s, err, "add session");
}

enum gk_err gk_store_session_get(struct gk_store *s, const char *token_digest, int64_t now,
				 int64_t *user_id, char *csrf, size_t csrf_size,
				 struct gk_error *err)
{
	static const char sql[] = "SELECT user_id, csrf FROM sessions "
				  "WHERE token_digest = ?1 AND expires_at > ?2";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	gk_db_bind_text(st, 1, token_digest);
	sqlite3_bind_int64(st, 2, now);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*user_id = sqlite3_column_int64(st, 0);
		gk_db_column_copy(st, 1, csrf, csrf_size);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return GK_OK;
	if (rc == SQLITE_DONE)
		return gk_fail(err, GK_ENOTFOUND, "no such session");
	return gk_db_fail(s, err, "read session");
}

enum gk_err gk_store_session_delete(struct gk_store *s, const char *token_digest,
				    struct gk_error *err)
{
	static const char sql[] = "DELETE FROM sessions WHERE token_digest = ?1";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	gk_db_bind_text(st, 1, token_digest);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	return step == SQLITE_DONE ? GK_OK : gk_db_fail(s, err, "delete session");
}

enum gk_err gk_store_session_delete_user(struct gk_store *s, int64_t user_id,
					 struct gk_error *err)
{
	static const char sql[] = "DELETE FROM sessions WHERE user_id = ?1";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, user_id);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	return step == SQLITE_DONE ? GK_OK : gk_db_fail(s, err, "end sessions");
}

int gk_store_rate_count(struct gk_store *s, const char *key, int64_t since)
{
	static const char sql[] = "SELECT count(*) FROM rate_hits WHERE key = ?1 AND at >= ?2";
	sqlite3_stmt *st = gk_db_prepare(s, sql, NULL);
	if (!st)
		return 0;
	gk_db_bind_text(st, 1, key);
	sqlite3_bind_int64(st, 2, since);
	int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	return n;
}

enum gk_err gk_store_rate_hit(struct gk_store *s, const char *key, int64_t at,
			      struct gk_error *err)
{
	static const char sql[] = "INSERT INTO rate_hits(key, at) VALUES (?1, ?2)";
	/* keep the table small: hits older than a day matter to no limit we keep */
	static const char purge[] = "DELETE FROM rate_hits WHERE at < ?1";
	sqlite3_stmt *st = gk_db_prepare(s, purge, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, at - 86400);
	sqlite3_step(st);
	sqlite3_reset(st);
	st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	gk_db_bind_text(st, 1, key);
	sqlite3_bind_int64(st, 2, at);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	return step == SQLITE_DONE ? GK_OK : gk_db_fail(s, err, "record rate hit");
}

enum gk_err gk_store_rate_clear(struct gk_store *s, const char *key, struct gk_error *err)
{
	static const char sql[] = "DELETE FROM rate_hits WHERE key = ?1";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	gk_db_bind_text(st, 1, key);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	return step == SQLITE_DONE ? GK_OK : gk_db_fail(s, err, "clear rate hits");
}
