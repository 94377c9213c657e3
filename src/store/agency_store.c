/* Agencies: the tree kept with a materialised path ('/1/5/12/') for
 * subtree tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"

#define AGENCY_COLUMNS                                                                    \
	"id, COALESCE(parent_id, 0), code, name, kind, supervises, sort_order, address, " \
	"postcode, phone, fax, email, office_hours, website, "                            \
	"length(path) - length(replace(path, '/', '')) - 2"

static void read_agency(struct gk_stmt *st, struct gk_agency *a)
{
	memset(a, 0, sizeof *a);
	a->id = gk_col_int(st, 0);
	a->parent_id = gk_col_int(st, 1);
	gk_col_copy(st, 2, a->code, sizeof a->code);
	gk_col_copy(st, 3, a->name, sizeof a->name);
	if (!gk_agency_kind_parse(gk_col_text(st, 4), &a->kind))
		a->kind = GK_AGENCY_OTHER;
	a->supervises = gk_col_bool(st, 5);
	a->sort_order = (int)gk_col_int(st, 6);
	gk_col_copy(st, 7, a->address, sizeof a->address);
	gk_col_copy(st, 8, a->postcode, sizeof a->postcode);
	gk_col_copy(st, 9, a->phone, sizeof a->phone);
	gk_col_copy(st, 10, a->fax, sizeof a->fax);
	gk_col_copy(st, 11, a->email, sizeof a->email);
	gk_col_copy(st, 12, a->office_hours, sizeof a->office_hours);
	gk_col_copy(st, 13, a->website, sizeof a->website);
	a->depth = (int)gk_col_int(st, 14);
}

/* ?1 … ?12, the fields both add and update write */
#define AGENCY_FIELDS(a)                                                                  \
	GK_TEXT((a)->code), GK_TEXT((a)->name), GK_TEXT(gk_agency_kind_code((a)->kind)),  \
		GK_BOOL((a)->supervises), GK_INT((a)->sort_order), GK_TEXT((a)->address), \
		GK_TEXT((a)->postcode), GK_TEXT((a)->phone), GK_TEXT((a)->fax),           \
		GK_TEXT((a)->email), GK_TEXT((a)->office_hours), GK_TEXT((a)->website)

enum gk_err gk_store_agency_add(struct gk_store *s, struct gk_agency *a, struct gk_error *err)
{
	static const char insert[] =
		"INSERT INTO agencies(code, name, kind, supervises, sort_order, address, postcode, "
		"phone, fax, email, office_hours, website, parent_id, path) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, '')";
	static const char set_path[] =
		"UPDATE agencies SET path = COALESCE((SELECT p.path FROM agencies p "
		"WHERE p.id = agencies.parent_id), '/') || id || '/' WHERE id = ?1";
	enum gk_err rc = gk_db_insert(s, insert, GK_ARGS(AGENCY_FIELDS(a), GK_ID(a->parent_id)),
				      &a->id, "add agency", err);
	if (rc == GK_ECONFLICT && gk_db_unique_violation(s))
		return gk_fail(err, GK_ECONFLICT, "机关代码“%s”已被使用", a->code);
	if (rc)
		return rc;
	return gk_db_exec(s, set_path, GK_ARGS(GK_INT(a->id)), NULL, "add agency", err);
}

enum gk_err gk_store_agency_update(struct gk_store *s, const struct gk_agency *a,
				   struct gk_error *err)
{
	static const char sql[] =
		"UPDATE agencies SET code = ?1, name = ?2, kind = ?3, supervises = ?4, "
		"sort_order = ?5, address = ?6, postcode = ?7, phone = ?8, fax = ?9, email = ?10, "
		"office_hours = ?11, website = ?12 WHERE id = ?13";
	int64_t changed;
	enum gk_err rc = gk_db_exec(s, sql, GK_ARGS(AGENCY_FIELDS(a), GK_INT(a->id)), &changed,
				    "update agency", err);
	if (rc == GK_ECONFLICT && gk_db_unique_violation(s))
		return gk_fail(err, GK_ECONFLICT, "机关代码“%s”已被使用", a->code);
	if (!rc && changed == 0)
		rc = gk_fail(err, GK_ENOTFOUND, "机关（编号%lld）不存在", (long long)a->id);
	return rc;
}

static enum gk_err get_one(struct gk_stmt *st, struct gk_agency *out, const char *what,
			   struct gk_error *err)
{
	if (!st)
		return GK_EDB;
	bool found = gk_stmt_row(st);
	if (found)
		read_agency(st, out);
	enum gk_err rc = gk_stmt_end(st, "read agency", err);
	if (!rc && !found)
		rc = gk_fail(err, GK_ENOTFOUND, "机关%s不存在", what);
	return rc;
}

enum gk_err gk_store_agency_get(struct gk_store *s, int64_t id, struct gk_agency *out,
				struct gk_error *err)
{
	static const char sql[] = "SELECT " AGENCY_COLUMNS " FROM agencies WHERE id = ?1";
	char what[48];
	snprintf(what, sizeof what, "（编号%lld）", (long long)id);
	return get_one(gk_db_query(s, sql, GK_ARGS(GK_INT(id)), err), out, what, err);
}

enum gk_err gk_store_agency_by_code(struct gk_store *s, const char *code, struct gk_agency *out,
				    struct gk_error *err)
{
	static const char sql[] = "SELECT " AGENCY_COLUMNS " FROM agencies WHERE code = ?1";
	char what[64];
	snprintf(what, sizeof what, "“%.40s”", code);
	return get_one(gk_db_query(s, sql, GK_ARGS(GK_TEXT(code)), err), out, what, err);
}

enum gk_err gk_store_agency_city_office(struct gk_store *s, struct gk_agency *out,
					struct gk_error *err)
{
	static const char sql[] = "SELECT " AGENCY_COLUMNS " FROM agencies "
				  "ORDER BY supervises DESC, parent_id IS NOT NULL, id LIMIT 1";
	return get_one(gk_db_query(s, sql, GK_NOARGS, err), out, "(city office)", err);
}

enum gk_err gk_store_agency_root(struct gk_store *s, struct gk_agency *out, struct gk_error *err)
{
	static const char sql[] = "SELECT " AGENCY_COLUMNS " FROM agencies "
				  "WHERE parent_id IS NULL ORDER BY id LIMIT 1";
	return get_one(gk_db_query(s, sql, GK_NOARGS, err), out, "(root)", err);
}

/* Tree order: each agency, then its children in their order, depth first.
 * The rows arrive sorted by (sort_order, name); a stable walk keeps that
 * among siblings. Agencies are hundreds, not millions: done here, not in
 * dialect-specific recursive SQL. */
static bool walk(const struct gk_agency *in, size_t n, int64_t parent, struct gk_agency *out,
		 size_t *k, bool *used, int depth)
{
	if (depth > 64)
		return false; /* a cycle cannot be stored, but never loop on one */
	for (size_t i = 0; i < n; i++) {
		if (used[i] || in[i].parent_id != parent)
			continue;
		used[i] = true;
		out[(*k)++] = in[i];
		if (!walk(in, n, in[i].id, out, k, used, depth + 1))
			return false;
	}
	return true;
}

enum gk_err gk_store_agency_list(struct gk_store *s, struct gk_agency_list *out,
				 struct gk_error *err)
{
	static const char sql[] =
		"SELECT " AGENCY_COLUMNS " FROM agencies ORDER BY sort_order, name, id";
	out->items = NULL;
	out->count = 0;
	struct gk_agency *rows = NULL;
	size_t n = 0, cap = 0;
	enum gk_err rc = GK_OK;
	struct gk_stmt *st = gk_db_query(s, sql, GK_NOARGS, err);
	while (st && gk_stmt_row(st)) {
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			struct gk_agency *grown = realloc(rows, cap * sizeof *grown);
			if (!grown) {
				rc = gk_fail(err, GK_ENOMEM, "out of memory");
				break;
			}
			rows = grown;
		}
		read_agency(st, &rows[n++]);
	}
	enum gk_err end = gk_stmt_end(st, "list agencies", err);
	if (!rc)
		rc = end;
	if (!rc && n) {
		out->items = malloc(n * sizeof *out->items);
		bool *used = calloc(n, sizeof *used);
		if (!out->items || !used)
			rc = gk_fail(err, GK_ENOMEM, "out of memory");
		else if (!walk(rows, n, 0, out->items, &out->count, used, 0))
			rc = gk_fail(err, GK_EDB, "list agencies: the tree is too deep");
		free(used);
	}
	free(rows);
	if (rc)
		gk_agency_list_release(out);
	return rc;
}

enum gk_err gk_store_agency_within(struct gk_store *s, int64_t descendant, int64_t ancestor,
				   bool *within, struct gk_error *err)
{
	static const char sql[] =
		"SELECT 1 FROM agencies d, agencies a WHERE d.id = ?1 AND a.id = ?2 "
		"AND substr(d.path, 1, length(a.path)) = a.path";
	int64_t one = 0;
	enum gk_err rc = gk_db_int(s, sql, GK_ARGS(GK_INT(descendant), GK_INT(ancestor)), &one,
				   "check agency", err);
	*within = rc == GK_OK;
	return rc == GK_ENOTFOUND ? GK_OK : rc;
}
