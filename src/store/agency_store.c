/* Agencies in SQLite: the tree kept with a materialised path for subtree tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"

#define AGENCY_COLUMNS                                                                  \
	"id, COALESCE(parent_id, 0), code, name, kind, supervises, sort_order, address, " \
	"postcode, phone, fax, email, office_hours, website, "                           \
	"length(path) - length(replace(path, '/', '')) - 2"

static void read_row(sqlite3_stmt *st, struct gk_agency *a)
{
	memset(a, 0, sizeof *a);
	a->id = sqlite3_column_int64(st, 0);
	a->parent_id = sqlite3_column_int64(st, 1);
	gk_db_column_copy(st, 2, a->code, sizeof a->code);
	gk_db_column_copy(st, 3, a->name, sizeof a->name);
	char kind[16];
	gk_db_column_copy(st, 4, kind, sizeof kind);
	if (!gk_agency_kind_parse(kind, &a->kind))
		a->kind = GK_AGENCY_OTHER;
	a->supervises = sqlite3_column_int(st, 5) != 0;
	a->sort_order = sqlite3_column_int(st, 6);
	gk_db_column_copy(st, 7, a->address, sizeof a->address);
	gk_db_column_copy(st, 8, a->postcode, sizeof a->postcode);
	gk_db_column_copy(st, 9, a->phone, sizeof a->phone);
	gk_db_column_copy(st, 10, a->fax, sizeof a->fax);
	gk_db_column_copy(st, 11, a->email, sizeof a->email);
	gk_db_column_copy(st, 12, a->office_hours, sizeof a->office_hours);
	gk_db_column_copy(st, 13, a->website, sizeof a->website);
	a->depth = sqlite3_column_int(st, 14);
}

static void bind_fields(sqlite3_stmt *st, const struct gk_agency *a)
{
	gk_db_bind_text(st, 1, a->code);
	gk_db_bind_text(st, 2, a->name);
	gk_db_bind_text(st, 3, gk_agency_kind_name(a->kind));
	sqlite3_bind_int(st, 4, a->supervises);
	sqlite3_bind_int(st, 5, a->sort_order);
	gk_db_bind_text(st, 6, a->address);
	gk_db_bind_text(st, 7, a->postcode);
	gk_db_bind_text(st, 8, a->phone);
	gk_db_bind_text(st, 9, a->fax);
	gk_db_bind_text(st, 10, a->email);
	gk_db_bind_text(st, 11, a->office_hours);
	gk_db_bind_text(st, 12, a->website);
}

enum gk_err gk_store_agency_add(struct gk_store *s, struct gk_agency *a, struct gk_error *err)
{
	static const char insert[] =
		"INSERT INTO agencies(code, name, kind, supervises, sort_order, address, postcode, "
		"phone, fax, email, office_hours, website, parent_id, path) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, '')";
	static const char set_path[] =
		"UPDATE agencies SET path = COALESCE((SELECT p.path FROM agencies p "
		"WHERE p.id = agencies.parent_id), '/') || id || '/' WHERE id = ?1";
	enum gk_err rc = gk_agency_validate(a, err);
	if (rc)
		return rc;
	if (a->parent_id) {
		struct gk_agency parent;
		if (gk_store_agency_get(s, a->parent_id, &parent, err))
			return gk_fail(err, GK_EINVAL, "parent agency %lld does not exist",
				       (long long)a->parent_id);
	}
	int own_tx = !s->in_tx;
	if (own_tx && (rc = gk_store_begin(s, err)))
		return rc;
	sqlite3_stmt *st = gk_db_prepare(s, insert, err);
	if (!st) {
		rc = GK_EDB;
		goto out;
	}
	bind_fields(st, a);
	if (a->parent_id)
		sqlite3_bind_int64(st, 13, a->parent_id);
	else
		sqlite3_bind_null(st, 13);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = gk_fail(err, GK_ECONFLICT, "agency code '%s' is already taken", a->code);
		if (sqlite3_extended_errcode(s->db) != SQLITE_CONSTRAINT_UNIQUE)
			rc = gk_db_fail(s, err, "add agency");
		goto out;
	}
	a->id = sqlite3_last_insert_rowid(s->db);
	sqlite3_reset(st);
	st = gk_db_prepare(s, set_path, err);
	if (!st) {
		rc = GK_EDB;
		goto out;
	}
	sqlite3_bind_int64(st, 1, a->id);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = gk_db_fail(s, err, "add agency");
out:
	if (st)
		sqlite3_reset(st);
	if (own_tx) {
		if (rc)
			gk_store_rollback(s);
		else
			rc = gk_store_commit(s, err);
	}
	return rc;
}

enum gk_err gk_store_agency_update(struct gk_store *s, const struct gk_agency *a,
				   struct gk_error *err)
{
	static const char sql[] =
		"UPDATE agencies SET code = ?1, name = ?2, kind = ?3, supervises = ?4, "
		"sort_order = ?5, address = ?6, postcode = ?7, phone = ?8, fax = ?9, email = ?10, "
		"office_hours = ?11, website = ?12 WHERE id = ?13";
	enum gk_err rc = gk_agency_validate(a, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	bind_fields(st, a);
	sqlite3_bind_int64(st, 13, a->id);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	if (step != SQLITE_DONE)
		return gk_db_fail(s, err, "update agency");
	if (sqlite3_changes(s->db) == 0)
		return gk_fail(err, GK_ENOTFOUND, "agency %lld does not exist", (long long)a->id);
	return GK_OK;
}

static enum gk_err get_one(struct gk_store *s, sqlite3_stmt *st, struct gk_agency *out,
			   struct gk_error *err, const char *what)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_row(st, out);
		sqlite3_reset(st);
		return GK_OK;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return gk_fail(err, GK_ENOTFOUND, "agency %s does not exist", what);
	return gk_db_fail(s, err, "read agency");
}

enum gk_err gk_store_agency_get(struct gk_store *s, int64_t id, struct gk_agency *out,
				struct gk_error *err)
{
	static const char sql[] = "SELECT " AGENCY_COLUMNS " FROM agencies WHERE id = ?1";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, id);
	char what[32];
	snprintf(what, sizeof what, "%lld", (long long)id);
	return get_one(s, st, out, err, what);
}

enum gk_err gk_store_agency_by_code(struct gk_store *s, const char *code, struct gk_agency *out,
				    struct gk_error *err)
{
	static const char sql[] = "SELECT " AGENCY_COLUMNS " FROM agencies WHERE code = ?1";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	gk_db_bind_text(st, 1, code);
	char what[64];
	snprintf(what, sizeof what, "'%.40s'", code);
	return get_one(s, st, out, err, what);
}

enum gk_err gk_store_agency_city_office(struct gk_store *s, struct gk_agency *out,
					struct gk_error *err)
{
	static const char sql[] = "SELECT " AGENCY_COLUMNS " FROM agencies "
				  "ORDER BY supervises DESC, parent_id IS NOT NULL, id LIMIT 1";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	return get_one(s, st, out, err, "(city office)");
}

enum gk_err gk_store_agency_root(struct gk_store *s, struct gk_agency *out, struct gk_error *err)
{
	static const char sql[] = "SELECT " AGENCY_COLUMNS " FROM agencies "
				  "WHERE parent_id IS NULL ORDER BY id LIMIT 1";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	return get_one(s, st, out, err, "(root)");
}

enum gk_err gk_store_agency_list(struct gk_store *s, struct gk_agency_list *out,
				 struct gk_error *err)
{
	/* tree order: walk from the roots, children sorted under their parent */
	static const char sql[] =
		"WITH RECURSIVE tree(id, key) AS ("
		"  SELECT id, printf('%06d', sort_order) || name FROM agencies WHERE parent_id IS NULL"
		"  UNION ALL"
		"  SELECT a.id, tree.key || char(1) || printf('%06d', a.sort_order) || a.name"
		"  FROM agencies a JOIN tree ON a.parent_id = tree.id"
		") SELECT " AGENCY_COLUMNS " FROM agencies JOIN tree USING (id) ORDER BY tree.key";
	out->items = NULL;
	out->count = 0;
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->count == cap) {
			cap = cap ? cap * 2 : 32;
			struct gk_agency *items = realloc(out->items, cap * sizeof *items);
			if (!items) {
				sqlite3_reset(st);
				gk_agency_list_release(out);
				return gk_fail(err, GK_ENOMEM, "out of memory");
			}
			out->items = items;
		}
		read_row(st, &out->items[out->count++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		gk_agency_list_release(out);
		return gk_db_fail(s, err, "list agencies");
	}
	return GK_OK;
}

bool gk_store_agency_within(struct gk_store *s, int64_t descendant, int64_t ancestor)
{
	static const char sql[] =
		"SELECT 1 FROM agencies d, agencies a WHERE d.id = ?1 AND a.id = ?2 "
		"AND substr(d.path, 1, length(a.path)) = a.path";
	sqlite3_stmt *st = gk_db_prepare(s, sql, NULL);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, descendant);
	sqlite3_bind_int64(st, 2, ancestor);
	bool yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return yes;
}
