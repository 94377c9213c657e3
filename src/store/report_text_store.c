/* The yearly report's sections written by staff (report_texts, migration
 * 13): every version kept, the current text the highest revision; and what
 * the staff's list of reports shows per agency and year. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/report/annual.h"
#include "store/db.h"

enum gk_err gk_store_report_text_save(struct gk_store *s, int64_t agency_id, int year,
				      const char *section, int expected, const char *body,
				      int64_t user_id, int *revision, struct gk_error *err)
{
	/* the check and the write are one statement: of two writers from the
	 * same version, the second inserts nothing */
	static const char sql[] =
		"INSERT INTO report_texts(agency_id, year, section, revision, body, user_id, at) "
		"SELECT ?1, ?2, ?3, cur + 1, ?5, CAST(?6 AS BIGINT), CAST(?7 AS BIGINT) FROM (SELECT coalesce(max(revision), 0) AS cur "
		"FROM report_texts WHERE agency_id = ?1 AND year = ?2 AND section = ?3) AS c "
		"WHERE cur = ?4";
	static const char current[] = "SELECT coalesce(max(revision), 0) FROM report_texts "
				      "WHERE agency_id = ?1 AND year = ?2 AND section = ?3";
	int64_t changed = 0;
	enum gk_err rc = gk_db_exec(s, sql,
				    GK_ARGS(GK_INT(agency_id), GK_INT(year), GK_TEXT(section),
					    GK_INT(expected), GK_TEXT(body), GK_ID(user_id),
					    GK_INT(time(NULL))),
				    &changed, "save report text", err);
	if (rc == GK_ECONFLICT && gk_db_unique_violation(s))
		changed = 0;
	else if (rc)
		return rc;
	if (changed == 1) {
		*revision = expected + 1;
		return GK_OK;
	}
	int64_t now = 0;
	rc = gk_db_int(s, current, GK_ARGS(GK_INT(agency_id), GK_INT(year), GK_TEXT(section)), &now,
		       "read report text", err);
	if (rc && rc != GK_ENOTFOUND)
		return rc;
	enum gk_report_section sec = GK_SECTION_OVERVIEW;
	const char *label =
		gk_report_section_parse(section, &sec) ? gk_report_section_label(sec) : section;
	return gk_fail(err, GK_ECONFLICT,
		       "“%s”已被他人修改（您编辑的是第%d版，现为第%lld版），"
		       "请对照最新内容后重新保存",
		       label, expected, (long long)now);
}

static void read_text(struct gk_stmt *st, struct gk_report_version *t)
{
	memset(t, 0, sizeof *t);
	t->agency_id = gk_col_int(st, 0);
	t->year = (int)gk_col_int(st, 1);
	gk_col_copy(st, 2, t->section, sizeof t->section);
	t->revision = (int)gk_col_int(st, 3);
	t->body = gk_col_text(st, 4);
	t->user_id = gk_col_int(st, 5);
	gk_col_copy(st, 6, t->user, sizeof t->user);
	t->at = gk_col_int(st, 7);
}

#define TEXT_COLUMNS                                                                   \
	"SELECT t.agency_id, t.year, t.section, t.revision, t.body, t.user_id, "       \
	"coalesce(u.display_name, ''), t.at FROM report_texts t LEFT JOIN users u ON " \
	"u.id = t.user_id "
/* sections in the report's order, not by their codes' spelling */
#define SECTION_ORDER "CASE t.section WHEN 'overview' THEN 0 WHEN 'problems' THEN 1 ELSE 2 END"

enum gk_err gk_store_report_text_current(struct gk_store *s, int64_t agency_id, int year,
					 int (*fn)(const struct gk_report_version *t, void *ctx),
					 void *ctx, struct gk_error *err)
{
	static const char sql[] =
		TEXT_COLUMNS "WHERE t.agency_id = ?1 AND t.year = ?2 AND t.revision = "
			     "(SELECT max(revision) FROM report_texts m WHERE m.agency_id = ?1 "
			     "AND m.year = ?2 AND m.section = t.section) ORDER BY " SECTION_ORDER;
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(agency_id), GK_INT(year)), err);
	while (st && gk_stmt_row(st)) {
		struct gk_report_version t;
		read_text(st, &t);
		if (fn(&t, ctx))
			break;
	}
	return gk_stmt_end(st, "read report texts", err);
}

enum gk_err gk_store_report_text_history(struct gk_store *s, int64_t agency_id, int year,
					 const char *section,
					 int (*fn)(const struct gk_report_version *t, void *ctx),
					 void *ctx, struct gk_error *err)
{
	static const char sql[] = TEXT_COLUMNS
		"WHERE t.agency_id = ?1 AND t.year = ?2 AND (?3 = '' OR t.section = ?3) "
		"ORDER BY " SECTION_ORDER ", t.revision DESC";
	struct gk_stmt *st = gk_db_query(
		s, sql, GK_ARGS(GK_INT(agency_id), GK_INT(year), GK_TEXT(section ? section : "")),
		err);
	while (st && gk_stmt_row(st)) {
		struct gk_report_version t;
		read_text(st, &t);
		if (fn(&t, ctx))
			break;
	}
	return gk_stmt_end(st, "read report text history", err);
}

enum gk_err gk_store_report_status(struct gk_store *s, int from, int to,
				   int (*fn)(const struct gk_report_status *st, void *ctx),
				   void *ctx, struct gk_error *err)
{
	/* both sources per (agency, year), texts counted on their current
	 * version; the publication day is the item's, else the row's */
	static const char sql[] =
		"SELECT agency_id, year, sum(texts), min(published) FROM ("
		" SELECT t.agency_id, t.year, 1 AS texts, NULL AS published FROM report_texts t"
		" WHERE t.year BETWEEN ?1 AND ?2 AND t.body <> '' AND t.revision ="
		"  (SELECT max(revision) FROM report_texts m WHERE m.agency_id = t.agency_id"
		"   AND m.year = t.year AND m.section = t.section)"
		" UNION ALL"
		" SELECT r.agency_id, r.year, 0, CASE WHEN i.published <> ''"
		"  THEN substr(i.published, 1, 10)"
		"  ELSE date(r.published_at, 'unixepoch', 'localtime') END"
		" FROM annual_reports r LEFT JOIN items i ON i.id = r.item_id"
		" WHERE r.year BETWEEN ?1 AND ?2"
		") AS s GROUP BY agency_id, year ORDER BY agency_id, year";
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(from), GK_INT(to)), err);
	while (st && gk_stmt_row(st)) {
		struct gk_report_status rs = {0};
		rs.agency_id = gk_col_int(st, 0);
		rs.year = (int)gk_col_int(st, 1);
		rs.texts = (int)gk_col_int(st, 2);
		rs.published = gk_col_day(st, 3);
		if (fn(&rs, ctx))
			break;
	}
	return gk_stmt_end(st, "read report status", err);
}
