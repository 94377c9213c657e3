/* The yearly report's reads: for one year and an agency (or its subtree),
 * the records core/report/annual_count.c counts, each kind in one query
 * (no query per record), and the catalogue by aggregate SQL per agency
 * (never item by item). The rules the catalogue's SQL implements are
 * gk_annual_doc_count's; a test compares both. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/date.h"
#include "store/db.h"

/* ?1 the agency, ?2 1 for its subtree (0: the agency alone); the other
 * parameters follow. Agencies are hundreds: the path test is cheap. */
#define IN_SCOPE(col)                                                                       \
	col " IN (SELECT g.id FROM agencies g, agencies r WHERE r.id = ?1 AND (g.id = r.id" \
	    " OR (?2 <> 0 AND substr(g.path, 1, length(r.path)) = r.path)))"

/* The scope and the year's first and last day: ?1 … ?4. */
#define SCOPE_ARGS(sc)                                                          \
	GK_INT((sc)->agency_id), GK_BOOL((sc)->subtree), GK_DAY(first_day(sc)), \
		GK_DAY(first_day(sc) + days_in(sc) - 1)

static long first_day(const struct gk_report_scope *sc)
{
	return gk_date_to_days((struct gk_date){sc->year, 1, 1});
}

static long days_in(const struct gk_report_scope *sc)
{
	return gk_date_to_days((struct gk_date){sc->year + 1, 1, 1}) - first_day(sc);
}

/* --- applications ------------------------------------------------------------------- */

/* The day an application was concluded: '' while open, its reply's day,
 * else the day of the step that closed it (the 'closed' clock event). */
#define CONCLUDED                                                                             \
	"CASE WHEN a.is_open <> 0 THEN '' WHEN a.replied <> '' THEN a.replied"                \
	" ELSE COALESCE((SELECT e.day FROM application_events e"                              \
	"  WHERE e.application_id = a.id AND e.clock = 'closed' ORDER BY e.id DESC LIMIT 1)," \
	" a.received) END"

enum gk_err gk_store_report_applications(struct gk_store *s, const struct gk_report_scope *sc,
					 int (*fn)(int64_t agency_id,
						   const struct gk_annual_app *app, void *ctx),
					 void *ctx, struct gk_error *err)
{
	/* Received by 31 December and not concluded before 1 January. The day
	 * an application was concluded is its reply's day, else the day of
	 * the step that closed it (withdrawn, abandoned: the 'closed' clock
	 * event, migrations 3 and 7); fees paid in the year are summed. */
	static const char sql[] =
		"SELECT a.agency_id, a.received, a.applicant_type, a.channel, a.outcome, a.on_time,"
		" a.after_extension, " CONCLUDED ", f.fen, f.day FROM applications a"
		" LEFT JOIN (SELECT application_id, sum(amount) AS fen, max(settled_day) AS day"
		"  FROM application_fees WHERE status = 'paid' AND settled_day BETWEEN ?3 AND ?4"
		"  GROUP BY application_id) f ON f.application_id = a.id"
		" WHERE " IN_SCOPE(
			"a.agency_id") " AND a.received <= ?4"
				       " AND (a.is_open <> 0 OR a.replied >= ?3 OR (a.replied = '' AND " CONCLUDED
				       " >= ?3))";
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(SCOPE_ARGS(sc)), err);
	while (st && gk_stmt_row(st)) {
		struct gk_annual_app app;
		memset(&app, 0, sizeof app);
		app.received = gk_col_day(st, 1);
		if (!gk_applicant_type_parse(gk_col_text(st, 2), &app.type))
			app.type = GK_APPLICANT_OTHER;
		if (!gk_channel_parse(gk_col_text(st, 3), &app.channel))
			app.channel = GK_CHANNEL_IN_PERSON;
		enum gk_outcome o;
		app.outcome = gk_outcome_parse(gk_col_text(st, 4), &o) ? (int)o : -1;
		app.on_time = gk_col_bool(st, 5);
		app.after_extension = gk_col_bool(st, 6);
		app.concluded = gk_col_day(st, 7);
		app.fee_fen = gk_col_int(st, 8);
		app.fee_day = gk_col_day(st, 9);
		if (fn(gk_col_int(st, 0), &app, ctx))
			break;
	}
	return gk_stmt_end(st, "read the year's applications", err);
}

/* --- disputes, complaints, responses ------------------------------------------------- */

enum gk_err gk_store_report_disputes(struct gk_store *s, const struct gk_report_scope *sc,
				     int (*fn)(const struct gk_dispute *d, void *ctx), void *ctx,
				     struct gk_error *err)
{
	static const char sql[] = "SELECT id, agency_id, kind, filed, decided, result FROM disputes"
				  " WHERE " IN_SCOPE("agency_id") " AND filed BETWEEN ?3 AND ?4";
	struct gk_dispute *d = malloc(sizeof *d);
	if (!d)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(SCOPE_ARGS(sc)), err);
	while (st && gk_stmt_row(st)) {
		memset(d, 0, sizeof *d);
		d->id = gk_col_int(st, 0);
		d->agency_id = gk_col_int(st, 1);
		if (!gk_dispute_kind_parse(gk_col_text(st, 2), &d->kind))
			continue; /* the table's CHECK keeps the codes */
		d->filed = gk_col_day(st, 3);
		d->decided = gk_col_day(st, 4);
		if (!gk_dispute_result_parse(gk_col_text(st, 5), &d->result))
			d->result = GK_RESULT_PENDING;
		if (fn(d, ctx))
			break;
	}
	free(d);
	return gk_stmt_end(st, "read the year's disputes", err);
}

enum gk_err gk_store_report_complaints(struct gk_store *s, const struct gk_report_scope *sc,
				       int (*fn)(const struct gk_complaint *c, void *ctx),
				       void *ctx, struct gk_error *err)
{
	static const char sql[] = "SELECT id, agency_id, received, status, closed FROM complaints"
				  " WHERE " IN_SCOPE("agency_id") " AND received BETWEEN ?3 AND ?4";
	struct gk_complaint *c = malloc(sizeof *c);
	if (!c)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(SCOPE_ARGS(sc)), err);
	while (st && gk_stmt_row(st)) {
		memset(c, 0, sizeof *c);
		c->id = gk_col_int(st, 0);
		c->agency_id = gk_col_int(st, 1);
		c->received = gk_col_day(st, 2);
		if (!gk_complaint_status_parse(gk_col_text(st, 3), &c->status))
			c->status = GK_COMPLAINT_OPEN;
		c->closed = gk_col_day(st, 4);
		if (fn(c, ctx))
			break;
	}
	free(c);
	return gk_stmt_end(st, "read the year's complaints", err);
}

/* A set of response channel codes separated by commas; unknown codes are skipped. */
static unsigned response_channels(const char *s)
{
	unsigned set = 0;
	while (*s) {
		size_t n = strcspn(s, ",");
		char one[32];
		enum gk_response_channel c;
		if (n < sizeof one) {
			memcpy(one, s, n);
			one[n] = '\0';
			if (gk_response_channel_parse(one, &c))
				set |= 1u << c;
		}
		s += n;
		s += *s == ',';
	}
	return set;
}

enum gk_err gk_store_report_responses(struct gk_store *s, const struct gk_report_scope *sc,
				      int (*fn)(const struct gk_response *r, void *ctx), void *ctx,
				      struct gk_error *err)
{
	static const char sql[] =
		"SELECT id, agency_id, kind, held, channels, leader FROM responses"
		" WHERE " IN_SCOPE("agency_id") " AND held BETWEEN ?3 AND ?4";
	struct gk_response *r = malloc(sizeof *r);
	if (!r)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(SCOPE_ARGS(sc)), err);
	while (st && gk_stmt_row(st)) {
		memset(r, 0, sizeof *r);
		r->id = gk_col_int(st, 0);
		r->agency_id = gk_col_int(st, 1);
		if (!gk_response_kind_parse(gk_col_text(st, 2), &r->kind))
			continue;
		r->held = gk_col_day(st, 3);
		r->channels = response_channels(gk_col_text(st, 4));
		r->leader = gk_col_bool(st, 5);
		if (fn(r, ctx))
			break;
	}
	free(r);
	return gk_stmt_end(st, "read the year's responses", err);
}

/* --- per-year figures ------------------------------------------------------------------ */

enum gk_err gk_store_report_figures(struct gk_store *s, const struct gk_report_scope *sc,
				    int (*fn)(int64_t agency_id, int year,
					      enum gk_year_figure figure, int64_t value, void *ctx),
				    void *ctx, struct gk_error *err)
{
	static const char sql[] = "SELECT agency_id, year, code, value FROM year_figures"
				  " WHERE " IN_SCOPE("agency_id") " AND year BETWEEN ?3 - 1 AND ?3";
	struct gk_stmt *st = gk_db_query(
		s, sql, GK_ARGS(GK_INT(sc->agency_id), GK_BOOL(sc->subtree), GK_INT(sc->year)),
		err);
	while (st && gk_stmt_row(st)) {
		enum gk_year_figure f;
		if (!gk_year_figure_parse(gk_col_text(st, 2), &f))
			continue; /* a figure this version does not know */
		if (fn(gk_col_int(st, 0), (int)gk_col_int(st, 1), f, gk_col_int(st, 3), ctx))
			break;
	}
	return gk_stmt_end(st, "read the year's figures", err);
}

/* --- the catalogue, by aggregate SQL per agency ----------------------------------------- */

/* items.outlets holds codes joined by commas; no code is part of another,
 * so a substring test finds each (cheaper than matching with delimiters). */
_Static_assert(GK_OUTLET_COUNT == 5, "the outlets counted in SQL below");

enum gk_err gk_store_report_items(struct gk_store *s, const struct gk_report_scope *sc,
				  int (*fn)(int64_t agency_id, const struct gk_annual_items *c,
					    void *ctx),
				  void *ctx, struct gk_error *err)
{
	/* Published in the year ('YYYY-MM-DD HH:MM' compares as text), through
	 * items_agency (agency_id, published). ?5: 1 January of the next year. */
	static const char year_sql[] =
		"SELECT i.agency_id, count(*), sum(CASE WHEN i.normative <> '' THEN 1 ELSE 0 END),"
		" sum(CASE WHEN instr(i.outlets, 'website') > 0 THEN 1 ELSE 0 END),"
		" sum(CASE WHEN instr(i.outlets, 'gazette') > 0 THEN 1 ELSE 0 END),"
		" sum(CASE WHEN instr(i.outlets, 'weibo') > 0 THEN 1 ELSE 0 END),"
		" sum(CASE WHEN instr(i.outlets, 'wechat') > 0 THEN 1 ELSE 0 END),"
		" sum(CASE WHEN instr(i.outlets, 'other') > 0 THEN 1 ELSE 0 END),"
		" sum(CASE WHEN i.interp_kind <> '' THEN 1 ELSE 0 END)"
		" FROM items i WHERE " IN_SCOPE(
			"i.agency_id") " AND i.published >= ?3"
				       " AND i.published < ?5 AND i.status = 'published' GROUP BY i.agency_id";
	/* 规章 and 规范性文件 of every year, through items_normative: issued
	 * and repealed in the year, in force on 31 December (published and in
	 * effect by then, not ended by then; an undated end counts while still
	 * valid), made in the year (written, else published), published by
	 * 31 December. */
	static const char normative_sql[] =
		"SELECT i.agency_id, i.normative,"
		" sum(CASE WHEN i.published >= ?3 AND i.published < ?5 THEN 1 ELSE 0 END),"
		" sum(CASE WHEN i.validity = 'repealed' AND i.ended BETWEEN ?3 AND ?4 THEN 1 ELSE 0 END),"
		" sum(CASE WHEN i.published < ?5 AND (i.effective = '' OR i.effective <= ?4)"
		"  AND CASE WHEN i.ended <> '' THEN i.ended > ?4 ELSE i.validity = 'valid' END"
		"  THEN 1 ELSE 0 END),"
		" sum(CASE WHEN CASE WHEN i.written <> '' THEN i.written ELSE substr(i.published, 1, 10) END"
		"  BETWEEN ?3 AND ?4 THEN 1 ELSE 0 END),"
		" sum(CASE WHEN i.published < ?5 THEN 1 ELSE 0 END)"
		" FROM items i WHERE i.normative <> '' AND " IN_SCOPE(
			"i.agency_id") " AND i.status = 'published' AND i.published <> ''"
				       " GROUP BY i.agency_id, i.normative";
	long next = first_day(sc) + days_in(sc);
	struct gk_annual_items c;
	struct gk_stmt *st = gk_db_query(s, year_sql, GK_ARGS(SCOPE_ARGS(sc), GK_DAY(next)), err);
	bool stop = false;
	while (st && gk_stmt_row(st)) {
		memset(&c, 0, sizeof c);
		c.published = gk_col_int(st, 1);
		c.normative = gk_col_int(st, 2);
		for (int o = 0; o < GK_OUTLET_COUNT; o++)
			c.by_outlet[o] = gk_col_int(st, 3 + o);
		c.interpretations = gk_col_int(st, 8);
		if ((stop = fn(gk_col_int(st, 0), &c, ctx) != 0))
			break;
	}
	enum gk_err rc = gk_stmt_end(st, "count the year's items", err);
	if (rc || stop)
		return rc;
	st = gk_db_query(s, normative_sql, GK_ARGS(SCOPE_ARGS(sc), GK_DAY(next)), err);
	while (st && gk_stmt_row(st)) {
		memset(&c, 0, sizeof c);
		int k = strcmp(gk_col_text(st, 1), "rule") == 0 ? 0 : 1;
		c.issued[k] = gk_col_int(st, 2);
		c.repealed[k] = gk_col_int(st, 3);
		c.in_force[k] = gk_col_int(st, 4);
		c.made[k] = gk_col_int(st, 5);
		c.public_total[k] = gk_col_int(st, 6);
		if (fn(gk_col_int(st, 0), &c, ctx))
			break;
	}
	return gk_stmt_end(st, "count normative documents", err);
}

/* --- the report's own texts ------------------------------------------------------------- */

enum gk_err gk_store_report_sections(struct gk_store *s, int64_t agency_id, int year,
				     char *out[GK_SECTION_COUNT], struct gk_error *err)
{
	static const char sql[] =
		"SELECT t.section, t.body FROM report_texts t WHERE t.agency_id = ?1 AND t.year = ?2"
		" AND t.revision = (SELECT max(u.revision) FROM report_texts u"
		"  WHERE u.agency_id = t.agency_id AND u.year = t.year AND u.section = t.section)";
	for (int i = 0; i < GK_SECTION_COUNT; i++)
		out[i] = NULL;
	enum gk_err rc = GK_OK;
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(agency_id), GK_INT(year)), err);
	while (st && gk_stmt_row(st)) {
		enum gk_report_section sec;
		if (!gk_report_section_parse(gk_col_text(st, 0), &sec) || out[sec])
			continue;
		if (!(out[sec] = gk_col_dup(st, 1)) && *gk_col_text(st, 1)) {
			rc = gk_fail(err, GK_ENOMEM, "out of memory");
			break;
		}
	}
	enum gk_err end = gk_stmt_end(st, "read the report's texts", err);
	if (!rc)
		rc = end;
	if (rc)
		for (int i = 0; i < GK_SECTION_COUNT; i++) {
			free(out[i]);
			out[i] = NULL;
		}
	return rc;
}
