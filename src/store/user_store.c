/* Staff accounts in SQLite. */
#include <stdio.h>
#include <string.h>

#include "store/db.h"

#define USER_COLUMNS                                                                  \
	"u.id, u.agency_id, u.login, u.display_name, u.roles, u.disabled, u.password_hash, " \
	"a.supervises, a.name"

static void read_row(sqlite3_stmt *st, struct gk_user *u)
{
	memset(u, 0, sizeof *u);
	u->id = sqlite3_column_int64(st, 0);
	u->agency_id = sqlite3_column_int64(st, 1);
	gk_db_column_copy(st, 2, u->login, sizeof u->login);
	gk_db_column_copy(st, 3, u->display_name, sizeof u->display_name);
	u->roles = (unsigned)sqlite3_column_int(st, 4);
	u->disabled = sqlite3_column_int(st, 5) != 0;
	gk_db_column_copy(st, 6, u->password_hash, sizeof u->password_hash);
	u->city_wide = sqlite3_column_int(st, 7) != 0;
	gk_db_column_copy(st, 8, u->agency_name, sizeof u->agency_name);
}

static enum gk_err get_one(struct gk_store *s, sqlite3_stmt *st, struct gk_user *out,
			   struct gk_error *err, const char *who)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_row(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return GK_OK;
	if (rc == SQLITE_DONE)
		return gk_fail(err, GK_ENOTFOUND, "no account %s", who);
	return gk_db_fail(s, err, "read account");
}

enum gk_err gk_store_user_add(struct gk_store *s, struct gk_user *u, struct gk_error *err)
{
	static const char sql[] =
		"INSERT INTO users(agency_id, login, display_name, roles, disabled, password_hash) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	enum gk_err rc = gk_user_validate(u, err);
	if (rc)
		return rc;
	if (!u->password_hash[0])
		return gk_fail(err, GK_EINVAL, "password is required");
	struct gk_agency agency;
	if (gk_store_agency_get(s, u->agency_id, &agency, err))
		return gk_fail(err, GK_EINVAL, "agency %lld does not exist", (long long)u->agency_id);
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, u->agency_id);
	gk_db_bind_text(st, 2, u->login);
	gk_db_bind_text(st, 3, u->display_name);
	sqlite3_bind_int(st, 4, (int)u->roles);
	sqlite3_bind_int(st, 5, u->disabled);
	gk_db_bind_text(st, 6, u->password_hash);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	if (step != SQLITE_DONE) {
		if (sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_UNIQUE)
			return gk_fail(err, GK_ECONFLICT, "login '%s' is already taken", u->login);
		return gk_db_fail(s, err, "add account");
	}
	u->id = sqlite3_last_insert_rowid(s->db);
	u->city_wide = agency.supervises;
	memcpy(u->agency_name, agency.name, sizeof u->agency_name);
	return GK_OK;
}

enum gk_err gk_store_user_by_login(struct gk_store *s, const char *login, struct gk_user *out,
				   struct gk_error *err)
{
	static const char sql[] = "SELECT " USER_COLUMNS " FROM users u JOIN agencies a "
				  "ON a.id = u.agency_id WHERE u.login = ?1";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	gk_db_bind_text(st, 1, login);
	char who[96];
	snprintf(who, sizeof who, "with login '%.64s'", login);
	return get_one(s, st, out, err, who);
}

enum gk_err gk_store_user_get(struct gk_store *s, int64_t id, struct gk_user *out,
			      struct gk_error *err)
{
	static const char sql[] = "SELECT " USER_COLUMNS " FROM users u JOIN agencies a "
				  "ON a.id = u.agency_id WHERE u.id = ?1";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, id);
	char who[48];
	snprintf(who, sizeof who, "with id %lld", (long long)id);
	return get_one(s, st, out, err, who);
}

enum gk_err gk_store_user_set_password(struct gk_store *s, int64_t id, const char *hash,
				       struct gk_error *err)
{
	static const char sql[] = "UPDATE users SET password_hash = ?1 WHERE id = ?2";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	gk_db_bind_text(st, 1, hash);
	sqlite3_bind_int64(st, 2, id);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	if (step != SQLITE_DONE)
		return gk_db_fail(s, err, "set password");
	if (sqlite3_changes(s->db) == 0)
		return gk_fail(err, GK_ENOTFOUND, "no such account");
	return GK_OK;
}

enum gk_err gk_store_user_each(struct gk_store *s, int64_t scope,
			       int (*fn)(const struct gk_user *u, void *ctx), void *ctx,
			       struct gk_error *err)
{
	static const char sql[] =
		"SELECT " USER_COLUMNS " FROM users u JOIN agencies a ON a.id = u.agency_id "
		"WHERE ?1 = 0 OR substr(a.path, 1, length((SELECT path FROM agencies WHERE id = ?1))) "
		"= (SELECT path FROM agencies WHERE id = ?1) ORDER BY u.login";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, scope);
	int rc;
	struct gk_user u;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_row(st, &u);
		if (fn(&u, ctx))
			break;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return gk_db_fail(s, err, "list accounts");
	return GK_OK;
}
