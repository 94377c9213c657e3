/* The audit log: an append-only record of who changed what. */
#include "store/db.h"

enum gk_err gk_store_audit(struct gk_store *s, int64_t user_id, int64_t agency_id,
			   const char *action, const char *object_type, int64_t object_id,
			   const char *detail, struct gk_error *err)
{
	static const char sql[] = "INSERT INTO audit_log(user_id, agency_id, action, object_type, "
				  "object_id, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	if (user_id)
		sqlite3_bind_int64(st, 1, user_id);
	if (agency_id)
		sqlite3_bind_int64(st, 2, agency_id);
	gk_db_bind_text(st, 3, action);
	gk_db_bind_text(st, 4, object_type);
	if (object_id)
		sqlite3_bind_int64(st, 5, object_id);
	if (detail)
		gk_db_bind_text(st, 6, detail);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	return step == SQLITE_DONE ? GK_OK : gk_db_fail(s, err, "write audit log");
}
