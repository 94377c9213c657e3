/* The assessment's figures per agency for a year (政务公开考核), one
 * grouped statement per kind of figure whatever the number of agencies, and
 * the scoring sheet's weights (score_weights, migration 13). */
#include <time.h>

#include "lib/date.h"
#include "store/db.h"

/* 'YYYY-01-01' and 'YYYY-12-31' of YEAR as day numbers. */
static long first_day(int year)
{
	return gk_date_to_days((struct gk_date){year, 1, 1});
}

static long last_day(int year)
{
	return gk_date_to_days((struct gk_date){year, 12, 31});
}

static enum gk_err each(struct gk_stmt *st, int nvalues, gk_agency_figures_fn *fn, void *ctx,
			const char *what, struct gk_error *err)
{
	int64_t v[8] = {0};
	while (st && gk_stmt_row(st)) {
		for (int i = 0; i < nvalues && i < 8; i++)
			v[i] = gk_col_int(st, i + 1);
		if (fn(gk_col_int(st, 0), v, ctx))
			break;
	}
	return gk_stmt_end(st, what, err);
}

enum gk_err gk_store_supervision_applications(struct gk_store *s, int year, long cutoff,
					      gk_agency_figures_fn *fn, void *ctx,
					      struct gk_error *err)
{
	/* the day an application was concluded: its reply's, else its closing
	 * event's (withdrawn, abandoned) */
	static const char sql[] =
		"SELECT agency_id,"
		" sum(CASE WHEN closed BETWEEN ?1 AND ?2 AND on_time = 1 THEN 1 ELSE 0 END),"
		" sum(CASE WHEN closed BETWEEN ?1 AND ?2 AND on_time = 0 THEN 1 ELSE 0 END),"
		" sum(CASE WHEN closed = '' OR closed > ?3 THEN 1 ELSE 0 END),"
		" sum(CASE WHEN (closed = '' OR closed > ?3) AND due <> '' AND due < ?3 THEN 1 ELSE 0 END) FROM ("
		" SELECT a.agency_id, a.on_time, a.due, CASE WHEN a.is_open = 1 THEN ''"
		"  WHEN a.replied <> '' THEN a.replied"
		"  ELSE coalesce((SELECT max(e.day) FROM application_events e"
		"   WHERE e.application_id = a.id AND e.clock = 'closed'), '') END AS closed"
		" FROM applications a WHERE a.received <= ?3"
		") AS c GROUP BY agency_id";
	struct gk_stmt *st = gk_db_query(
		s, sql, GK_ARGS(GK_DAY(first_day(year)), GK_DAY(last_day(year)), GK_DAY(cutoff)),
		err);
	return each(st, 4, fn, ctx, "count applications for the assessment", err);
}

enum gk_err gk_store_supervision_disputes(struct gk_store *s, int year, gk_agency_figures_fn *fn,
					  void *ctx, struct gk_error *err)
{
	static const char sql[] =
		"SELECT agency_id,"
		" sum(CASE WHEN kind = 'review' AND result = 'corrected' AND decided <= ?2 THEN 1 ELSE 0 END),"
		" sum(CASE WHEN kind <> 'review' AND result = 'corrected' AND decided <= ?2 THEN 1 ELSE 0 END)"
		" FROM disputes WHERE filed BETWEEN ?1 AND ?2 GROUP BY agency_id";
	struct gk_stmt *st =
		gk_db_query(s, sql, GK_ARGS(GK_DAY(first_day(year)), GK_DAY(last_day(year))), err);
	return each(st, 2, fn, ctx, "count disputes for the assessment", err);
}

enum gk_err gk_store_supervision_items(struct gk_store *s, int year, gk_agency_figures_fn *fn,
				       void *ctx, struct gk_error *err)
{
	/* published is 'YYYY-MM-DD HH:MM': the year is a range of the
	 * (status, published) index */
	static const char sql[] =
		"SELECT agency_id, count(*) FROM items WHERE status IN ('published', 'withdrawn')"
		" AND published >= ?1 AND published < ?2 GROUP BY agency_id";
	struct gk_stmt *st = gk_db_query(
		s, sql, GK_ARGS(GK_DAY(first_day(year)), GK_DAY(first_day(year + 1))), err);
	return each(st, 1, fn, ctx, "count items for the assessment", err);
}

enum gk_err gk_store_score_weights(struct gk_store *s, int year,
				   int (*fn)(const char *code, int weight, void *ctx), void *ctx,
				   struct gk_error *err)
{
	static const char sql[] = "SELECT code, weight FROM score_weights WHERE year = ?1";
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(year)), err);
	while (st && gk_stmt_row(st))
		if (fn(gk_col_text(st, 0), (int)gk_col_int(st, 1), ctx))
			break;
	return gk_stmt_end(st, "read score weights", err);
}

enum gk_err gk_store_score_weight_set(struct gk_store *s, int year, const char *code, int weight,
				      int64_t user_id, struct gk_error *err)
{
	static const char sql[] =
		"INSERT INTO score_weights(year, code, weight, updated_by, updated_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(year, code) DO UPDATE SET "
		"weight = excluded.weight, updated_by = excluded.updated_by, "
		"updated_at = excluded.updated_at";
	return gk_db_exec(s, sql,
			  GK_ARGS(GK_INT(year), GK_TEXT(code), GK_INT(weight), GK_ID(user_id),
				  GK_INT(time(NULL))),
			  NULL, "store score weight", err);
}
