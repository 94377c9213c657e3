/* The version of what public pages show: the catalogue's change log and
 * the counter of agency and setting changes (see store.h). */
#include "store/db.h"
#include "store/store.h"

enum gk_err gk_store_site_version(struct gk_store *s, struct gk_site_version *v,
				  struct gk_error *err)
{
	/* two rowid look-ups: the last row of item_changes, the one row of
	 * site_changes; read on every cacheable request, so kept one statement */
	static const char sql[] = "SELECT (SELECT COALESCE(max(seq), 0) FROM item_changes),"
				  " (SELECT seq FROM site_changes WHERE id = 1)";
	v->catalogue = v->site = 0;
	struct gk_stmt *st = gk_db_query(s, sql, GK_NOARGS, err);
	if (st && gk_stmt_row(st)) {
		v->catalogue = gk_col_int(st, 0);
		v->site = gk_col_int(st, 1);
	}
	return gk_stmt_end(st, "read the site version", err);
}
