/* Published yearly reports (migration 13, annual_reports): which catalogue
 * item carries the report of an agency, a year and a scope. */
#include "store/db.h"
#include "store/store.h"

enum gk_err gk_store_annual_report_item(struct gk_store *s, int64_t agency_id, int year,
					bool rollup, int64_t *item_id, struct gk_error *err)
{
	*item_id = 0;
	enum gk_err rc = gk_db_int(s,
				   "SELECT item_id FROM annual_reports"
				   " WHERE agency_id = ?1 AND year = ?2 AND rollup = ?3",
				   GK_ARGS(GK_INT(agency_id), GK_INT(year), GK_INT(rollup)),
				   item_id, "read the published report", err);
	return rc == GK_ENOTFOUND ? GK_OK : rc;
}

enum gk_err gk_store_annual_report_put(struct gk_store *s, int64_t agency_id, int year, bool rollup,
				       const char *style, int64_t item_id, int64_t user_id,
				       struct gk_error *err)
{
	static const char sql[] =
		"INSERT INTO annual_reports(agency_id, year, rollup, style, item_id, published_by,"
		" published_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, unixepoch())"
		" ON CONFLICT (agency_id, year, rollup) DO UPDATE SET style = excluded.style,"
		" item_id = excluded.item_id, published_by = excluded.published_by,"
		" published_at = excluded.published_at";
	return gk_db_exec(s, sql,
			  GK_ARGS(GK_INT(agency_id), GK_INT(year), GK_INT(rollup), GK_TEXT(style),
				  GK_INT(item_id), GK_ID(user_id)),
			  NULL, "record the published report", err);
}

enum gk_err gk_store_annual_reports(struct gk_store *s, int64_t agency_id,
				    int (*fn)(const struct gk_annual_report_row *row, void *ctx),
				    void *ctx, struct gk_error *err)
{
	/* published items only: a report whose item was withdrawn is not listed */
	static const char sql[] =
		"SELECT r.agency_id, a.code, a.name, r.year, r.rollup, r.style, r.item_id,"
		" i.index_no, i.title, i.published"
		" FROM annual_reports r JOIN agencies a ON a.id = r.agency_id"
		" JOIN items i ON i.id = r.item_id AND i.status = 'published'"
		" WHERE ?1 = 0 OR r.agency_id = ?1"
		" ORDER BY r.year DESC, a.sort_order, a.id, r.rollup DESC";
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(agency_id)), err);
	while (st && gk_stmt_row(st)) {
		struct gk_annual_report_row row = {0};
		row.agency_id = gk_col_int(st, 0);
		gk_col_copy(st, 1, row.agency_code, sizeof row.agency_code);
		gk_col_copy(st, 2, row.agency_name, sizeof row.agency_name);
		row.year = (int)gk_col_int(st, 3);
		row.rollup = gk_col_int(st, 4) != 0;
		gk_col_copy(st, 5, row.style, sizeof row.style);
		row.item_id = gk_col_int(st, 6);
		gk_col_copy(st, 7, row.index_no, sizeof row.index_no);
		gk_col_copy(st, 8, row.title, sizeof row.title);
		gk_col_copy(st, 9, row.published, sizeof row.published);
		if (fn(&row, ctx))
			break;
	}
	return gk_stmt_end(st, "list published reports", err);
}
