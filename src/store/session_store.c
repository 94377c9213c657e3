/* Login sessions and the rate limits (failed logins, applications per
 * address). */
#include "store/db.h"

enum gk_err gk_store_session_add(struct gk_store *s, const char *token_digest, int64_t user_id,
				 const char *csrf, int64_t expires, int64_t now,
				 struct gk_error *err)
{
	static const char sql[] =
		"INSERT INTO sessions(token_digest, user_id, csrf, created_at, seen_at, expires_at) "
		"VALUES (?1, ?2, ?3, ?5, ?5, ?4)";
	static const char purge[] = "DELETE FROM sessions WHERE expires_at < ?1";
	enum gk_err rc = gk_db_exec(s, purge, GK_ARGS(GK_INT(now)), NULL, "end old sessions", err);
	if (!rc)
		rc = gk_db_exec(s, sql,
				GK_ARGS(GK_TEXT(token_digest), GK_INT(user_id), GK_TEXT(csrf),
					GK_INT(expires), GK_INT(now)),
				NULL, "add session", err);
	return rc;
}

enum gk_err gk_store_session_get(struct gk_store *s, const char *token_digest, int64_t now,
				 int64_t seen_after, int64_t *user_id, char *csrf, size_t csrf_size,
				 int64_t *seen_at, struct gk_error *err)
{
	static const char sql[] = "SELECT user_id, csrf, seen_at FROM sessions "
				  "WHERE token_digest = ?1 AND expires_at > ?2 AND seen_at > ?3";
	struct gk_stmt *st = gk_db_query(
		s, sql, GK_ARGS(GK_TEXT(token_digest), GK_INT(now), GK_INT(seen_after)), err);
	bool found = st && gk_stmt_row(st);
	if (found) {
		*user_id = gk_col_int(st, 0);
		gk_col_copy(st, 1, csrf, csrf_size);
		if (seen_at)
			*seen_at = gk_col_int(st, 2);
	}
	enum gk_err rc = gk_stmt_end(st, "read session", err);
	if (!rc && !found)
		rc = gk_fail(err, GK_ENOTFOUND, "登录已失效");
	return rc;
}

enum gk_err gk_store_session_touch(struct gk_store *s, const char *token_digest, int64_t now,
				   struct gk_error *err)
{
	static const char sql[] = "UPDATE sessions SET seen_at = ?2 WHERE token_digest = ?1";
	return gk_db_exec(s, sql, GK_ARGS(GK_TEXT(token_digest), GK_INT(now)), NULL,
			  "note session use", err);
}

enum gk_err gk_store_session_delete(struct gk_store *s, const char *token_digest,
				    struct gk_error *err)
{
	static const char sql[] = "DELETE FROM sessions WHERE token_digest = ?1";
	return gk_db_exec(s, sql, GK_ARGS(GK_TEXT(token_digest)), NULL, "delete session", err);
}

enum gk_err gk_store_session_delete_user(struct gk_store *s, int64_t user_id, struct gk_error *err)
{
	static const char sql[] = "DELETE FROM sessions WHERE user_id = ?1";
	return gk_db_exec(s, sql, GK_ARGS(GK_INT(user_id)), NULL, "end sessions", err);
}

enum gk_err gk_store_session_delete_others(struct gk_store *s, int64_t user_id,
					   const char *keep_digest, struct gk_error *err)
{
	static const char sql[] = "DELETE FROM sessions WHERE user_id = ?1 AND token_digest <> ?2";
	return gk_db_exec(s, sql, GK_ARGS(GK_INT(user_id), GK_TEXT(keep_digest)), NULL,
			  "end other sessions", err);
}

enum gk_err gk_store_rate_count(struct gk_store *s, const char *key, int64_t since, int64_t *count,
				struct gk_error *err)
{
	static const char sql[] = "SELECT count(*) FROM rate_hits WHERE key = ?1 AND at >= ?2";
	*count = 0;
	enum gk_err rc = gk_db_int(s, sql, GK_ARGS(GK_TEXT(key), GK_INT(since)), count,
				   "count attempts", err);
	return rc == GK_ENOTFOUND ? GK_OK : rc;
}

enum gk_err gk_store_rate_hit(struct gk_store *s, const char *key, int64_t at, struct gk_error *err)
{
	static const char sql[] = "INSERT INTO rate_hits(key, at) VALUES (?1, ?2)";
	/* keep the table small: hits older than a day matter to no limit we keep */
	static const char purge[] = "DELETE FROM rate_hits WHERE at < ?1";
	enum gk_err rc =
		gk_db_exec(s, purge, GK_ARGS(GK_INT(at - 86400)), NULL, "forget old attempts", err);
	if (!rc)
		rc = gk_db_exec(s, sql, GK_ARGS(GK_TEXT(key), GK_INT(at)), NULL, "record attempt",
				err);
	return rc;
}

enum gk_err gk_store_rate_clear(struct gk_store *s, const char *key, struct gk_error *err)
{
	static const char sql[] = "DELETE FROM rate_hits WHERE key = ?1";
	return gk_db_exec(s, sql, GK_ARGS(GK_TEXT(key)), NULL, "clear attempts", err);
}

enum gk_err gk_store_rate_recent(struct gk_store *s, const char *key, int64_t since, int64_t *count,
				 int64_t *last, struct gk_error *err)
{
	static const char sql[] =
		"SELECT count(*), COALESCE(max(at), 0) FROM rate_hits WHERE key = ?1 AND at >= ?2";
	*count = *last = 0;
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_TEXT(key), GK_INT(since)), err);
	if (st && gk_stmt_row(st)) {
		*count = gk_col_int(st, 0);
		*last = gk_col_int(st, 1);
	}
	return gk_stmt_end(st, "count attempts", err);
}
