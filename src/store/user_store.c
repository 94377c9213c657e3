/* Staff accounts. */
#include <stdio.h>
#include <string.h>

#include "store/db.h"

#define USER_COLUMNS                                                                         \
	"u.id, u.agency_id, u.login, u.display_name, u.roles, u.disabled, u.password_hash, " \
	"a.supervises, a.name, u.must_reset"
#define USER_FROM " FROM users u JOIN agencies a ON a.id = u.agency_id"

static void read_user(struct gk_stmt *st, struct gk_user *u)
{
	memset(u, 0, sizeof *u);
	u->id = gk_col_int(st, 0);
	u->agency_id = gk_col_int(st, 1);
	gk_col_copy(st, 2, u->login, sizeof u->login);
	gk_col_copy(st, 3, u->display_name, sizeof u->display_name);
	u->roles = (unsigned)gk_col_int(st, 4);
	u->disabled = gk_col_bool(st, 5);
	gk_col_copy(st, 6, u->password_hash, sizeof u->password_hash);
	u->city_wide = gk_col_bool(st, 7);
	gk_col_copy(st, 8, u->agency_name, sizeof u->agency_name);
	u->must_reset = gk_col_bool(st, 9);
}

static enum gk_err get_one(struct gk_stmt *st, struct gk_user *out, const char *who,
			   struct gk_error *err)
{
	bool found = st && gk_stmt_row(st);
	if (found)
		read_user(st, out);
	enum gk_err rc = gk_stmt_end(st, "read account", err);
	if (!rc && !found)
		rc = gk_fail(err, GK_ENOTFOUND, "没有账号%s", who);
	return rc;
}

enum gk_err gk_store_user_add(struct gk_store *s, struct gk_user *u, struct gk_error *err)
{
	static const char sql[] =
		"INSERT INTO users(agency_id, login, display_name, roles, disabled, password_hash) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	enum gk_err rc = gk_db_insert(s, sql,
				      GK_ARGS(GK_INT(u->agency_id), GK_TEXT(u->login),
					      GK_TEXT(u->display_name), GK_INT(u->roles),
					      GK_BOOL(u->disabled), GK_TEXT(u->password_hash)),
				      &u->id, "add account", err);
	if (rc == GK_ECONFLICT && gk_db_unique_violation(s))
		return gk_fail(err, GK_ECONFLICT, "账号“%s”已被使用", u->login);
	if (rc)
		return rc;
	/* what loading the account fills */
	struct gk_user stored;
	if ((rc = gk_store_user_get(s, u->id, &stored, err)))
		return rc;
	u->city_wide = stored.city_wide;
	memcpy(u->agency_name, stored.agency_name, sizeof u->agency_name);
	return GK_OK;
}

enum gk_err gk_store_user_by_login(struct gk_store *s, const char *login, struct gk_user *out,
				   struct gk_error *err)
{
	static const char sql[] = "SELECT " USER_COLUMNS USER_FROM " WHERE u.login = ?1";
	char who[96];
	snprintf(who, sizeof who, "“%.64s”", login);
	return get_one(gk_db_query(s, sql, GK_ARGS(GK_TEXT(login)), err), out, who, err);
}

enum gk_err gk_store_user_get(struct gk_store *s, int64_t id, struct gk_user *out,
			      struct gk_error *err)
{
	static const char sql[] = "SELECT " USER_COLUMNS USER_FROM " WHERE u.id = ?1";
	char who[48];
	snprintf(who, sizeof who, "（编号%lld）", (long long)id);
	return get_one(gk_db_query(s, sql, GK_ARGS(GK_INT(id)), err), out, who, err);
}

enum gk_err gk_store_user_set_password(struct gk_store *s, int64_t id, const char *hash,
				       struct gk_error *err)
{
	static const char sql[] = "UPDATE users SET password_hash = ?1 WHERE id = ?2";
	int64_t changed;
	enum gk_err rc = gk_db_exec(s, sql, GK_ARGS(GK_TEXT(hash), GK_INT(id)), &changed,
				    "set password", err);
	if (!rc && changed == 0)
		rc = gk_fail(err, GK_ENOTFOUND, "没有这个账号");
	return rc;
}

/* Sets one flag column of account ID (a constant SQL text per column). */
static enum gk_err set_flag(struct gk_store *s, const char *sql, int64_t id, bool value,
			    struct gk_error *err)
{
	int64_t changed;
	enum gk_err rc = gk_db_exec(s, sql, GK_ARGS(GK_BOOL(value), GK_INT(id)), &changed,
				    "set account", err);
	if (!rc && changed == 0)
		rc = gk_fail(err, GK_ENOTFOUND, "没有这个账号");
	return rc;
}

enum gk_err gk_store_user_set_disabled(struct gk_store *s, int64_t id, bool disabled,
				       struct gk_error *err)
{
	static const char sql[] = "UPDATE users SET disabled = ?1 WHERE id = ?2";
	return set_flag(s, sql, id, disabled, err);
}

enum gk_err gk_store_user_set_must_reset(struct gk_store *s, int64_t id, bool must_reset,
					 struct gk_error *err)
{
	static const char sql[] = "UPDATE users SET must_reset = ?1 WHERE id = ?2";
	return set_flag(s, sql, id, must_reset, err);
}

enum gk_err gk_store_user_each(struct gk_store *s, int64_t scope,
			       int (*fn)(const struct gk_user *u, void *ctx), void *ctx,
			       struct gk_error *err)
{
	static const char sql[] =
		"SELECT " USER_COLUMNS USER_FROM
		" WHERE ?1 = 0 OR substr(a.path, 1, length((SELECT path FROM agencies WHERE id = ?1))) "
		"= (SELECT path FROM agencies WHERE id = ?1) ORDER BY u.login";
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(scope)), err);
	struct gk_user u;
	while (st && gk_stmt_row(st)) {
		read_user(st, &u);
		if (fn(&u, ctx))
			break;
	}
	return gk_stmt_end(st, "list accounts", err);
}
