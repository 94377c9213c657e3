/* Holiday calendar years uploaded by administrators, kept as the file text
 * they sent (the service loads them over the shipped years). */
#include <time.h>

#include "store/db.h"

enum gk_err gk_store_holiday_put(struct gk_store *s, int year, const char *text, int64_t user_id,
				 struct gk_error *err)
{
	static const char sql[] = "INSERT INTO holiday_years(year, text, uploaded_by, uploaded_at) "
				  "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(year) DO UPDATE SET "
				  "text = excluded.text, uploaded_by = excluded.uploaded_by, "
				  "uploaded_at = excluded.uploaded_at";
	/* the site version moves with it: every server on the database reloads
	   its calendar when it sees the version move (web/router.c) */
	static const char bump[] = "UPDATE site_changes SET seq = seq + 1 WHERE id = 1";
	enum gk_err rc = gk_db_exec(
		s, sql, GK_ARGS(GK_INT(year), GK_TEXT(text), GK_ID(user_id), GK_INT(time(NULL))),
		NULL, "store holiday year", err);
	return rc ? rc : gk_db_exec(s, bump, GK_NOARGS, NULL, "note the holiday change", err);
}

enum gk_err gk_store_holiday_each(struct gk_store *s,
				  int (*fn)(const struct gk_holiday_year *y, void *ctx), void *ctx,
				  struct gk_error *err)
{
	static const char sql[] =
		"SELECT h.year, h.uploaded_at, COALESCE(u.display_name, ''), h.text "
		"FROM holiday_years h LEFT JOIN users u ON u.id = h.uploaded_by ORDER BY h.year";
	struct gk_stmt *st = gk_db_query(s, sql, GK_NOARGS, err);
	while (st && gk_stmt_row(st)) {
		struct gk_holiday_year y = {0};
		y.year = (int)gk_col_int(st, 0);
		y.uploaded_at = gk_col_int(st, 1);
		gk_col_copy(st, 2, y.uploaded_by, sizeof y.uploaded_by);
		y.text = gk_col_text(st, 3);
		if (fn(&y, ctx))
			break;
	}
	return gk_stmt_end(st, "list holiday years", err);
}
