/* The audit log: an append-only record of who changed what, when and from
 * which address (triggers refuse updates and deletes, migration 16). */
#include <stdio.h>
#include <string.h>

#include "store/db.h"

void gk_store_set_origin(struct gk_store *s, const char *origin)
{
	snprintf(s->origin, sizeof s->origin, "%s", origin ? origin : "");
	s->audit_rows = 0;
}

int gk_store_audit_rows(const struct gk_store *s)
{
	return s->audit_rows;
}

enum gk_err gk_store_audit(struct gk_store *s, int64_t user_id, int64_t agency_id,
			   const char *action, const char *object_type, int64_t object_id,
			   const char *detail, struct gk_error *err)
{
	static const char sql[] = "INSERT INTO audit_log(user_id, agency_id, action, object_type, "
				  "object_id, detail, address) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	enum gk_err rc = gk_db_exec(s, sql,
				    GK_ARGS(GK_ID(user_id), GK_ID(agency_id), GK_TEXT(action),
					    GK_TEXT(object_type), GK_ID(object_id),
					    detail ? GK_TEXT(detail) : GK_NULL, GK_TEXT(s->origin)),
				    NULL, "write audit log", err);
	if (!rc)
		s->audit_rows++;
	return rc;
}

enum gk_err gk_store_audit_each(struct gk_store *s, int64_t before, int limit,
				int (*fn)(const struct gk_audit_entry *e, void *ctx), void *ctx,
				struct gk_error *err)
{
	static const char sql[] =
		"SELECT l.id, l.at, coalesce(u.login, ''), coalesce(a.name, ''), l.action, "
		"l.object_type, coalesce(l.object_id, 0), coalesce(l.detail, ''), l.address "
		"FROM audit_log l LEFT JOIN users u ON u.id = l.user_id "
		"LEFT JOIN agencies a ON a.id = l.agency_id "
		"WHERE ?1 = 0 OR l.id < ?1 ORDER BY l.id DESC LIMIT ?2";
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(before), GK_INT(limit)), err);
	struct gk_audit_entry e;
	while (st && gk_stmt_row(st)) {
		memset(&e, 0, sizeof e);
		e.id = gk_col_int(st, 0);
		e.at = gk_col_int(st, 1);
		gk_col_copy(st, 2, e.login, sizeof e.login);
		gk_col_copy(st, 3, e.agency, sizeof e.agency);
		gk_col_copy(st, 4, e.action, sizeof e.action);
		gk_col_copy(st, 5, e.object_type, sizeof e.object_type);
		e.object_id = gk_col_int(st, 6);
		gk_col_copy(st, 7, e.detail, sizeof e.detail);
		gk_col_copy(st, 8, e.address, sizeof e.address);
		if (fn(&e, ctx))
			break;
	}
	return gk_stmt_end(st, "read audit log", err);
}
