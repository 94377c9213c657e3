/* Holiday calendar years uploaded by administrators: kept as the file text
 * they sent, loaded over the shipped years at startup and after an upload. */
#include <string.h>

#include "lib/log.h"
#include "store/db.h"

enum gk_err gk_store_holiday_put(struct gk_store *s, int year, const char *text, int64_t user_id,
				 struct gk_error *err)
{
	static const char sql[] =
		"INSERT INTO holiday_years(year, text, uploaded_by, uploaded_at) "
		"VALUES (?1, ?2, ?3, unixepoch()) ON CONFLICT(year) DO UPDATE SET "
		"text = excluded.text, uploaded_by = excluded.uploaded_by, "
		"uploaded_at = excluded.uploaded_at";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int(st, 1, year);
	gk_db_bind_text(st, 2, text);
	if (user_id)
		sqlite3_bind_int64(st, 3, user_id);
	else
		sqlite3_bind_null(st, 3);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	if (step != SQLITE_DONE)
		return gk_db_fail(s, err, "store holiday year");
	return GK_OK;
}

enum gk_err gk_store_holiday_each(struct gk_store *s,
				  int (*fn)(const struct gk_holiday_year *y, void *ctx), void *ctx,
				  struct gk_error *err)
{
	static const char sql[] =
		"SELECT h.year, h.uploaded_at, COALESCE(u.display_name, ''), h.text "
		"FROM holiday_years h LEFT JOIN users u ON u.id = h.uploaded_by ORDER BY h.year";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct gk_holiday_year y = {0};
		y.year = sqlite3_column_int(st, 0);
		y.uploaded_at = sqlite3_column_int64(st, 1);
		gk_db_column_copy(st, 2, y.uploaded_by, sizeof y.uploaded_by);
		y.text = (const char *)sqlite3_column_text(st, 3);
		if (!y.text)
			y.text = "";
		if (fn(&y, ctx))
			break;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return gk_db_fail(s, err, "list holiday years");
	return GK_OK;
}

static int load_one(const struct gk_holiday_year *y, void *ctx)
{
	struct gk_error err = {0};
	if (gk_calendar_load_year(ctx, y->text, strlen(y->text), NULL, &err) != GK_OK)
		gk_warn("stored holiday year %d is not loaded: %s", y->year, gk_error_text(&err));
	return 0;
}

enum gk_err gk_store_holiday_load(struct gk_store *s, struct gk_calendar *cal,
				  struct gk_error *err)
{
	return gk_store_holiday_each(s, load_one, cal, err);
}
