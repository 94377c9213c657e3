/* The audit log: an append-only record of who changed what. */
#include "store/db.h"

enum gk_err gk_store_audit(struct gk_store *s, int64_t user_id, int64_t agency_id,
			   const char *action, const char *object_type, int64_t object_id,
			   const char *detail, struct gk_error *err)
{
	static const char sql[] = "INSERT INTO audit_log(user_id, agency_id, action, object_type, "
				  "object_id, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	return gk_db_exec(s, sql,
			  GK_ARGS(GK_ID(user_id), GK_ID(agency_id), GK_TEXT(action),
				  GK_TEXT(object_type), GK_ID(object_id),
				  detail ? GK_TEXT(detail) : GK_NULL),
			  NULL, "write audit log", err);
}
