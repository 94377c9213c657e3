/* Catalogue items in SQLite: listings with bound filters, the full-text
 * index (our bigram tokens in FTS5), revisions, and 索引号 series. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/richtext.h"
#include "core/search.h"
#include "lib/buf.h"
#include "store/db.h"

#define ITEM_COLS                                                                          \
	"i.id, i.agency_id, i.status, i.revision, COALESCE(i.index_no, ''), i.title, i.topic, " \
	"i.genre, i.column_code, i.doc_no, i.written, i.published, i.validity, i.effective, "  \
	"i.ended, i.repealed_by, i.normative, i.channels, i.keywords, i.summary, "             \
	"i.interp_kind, COALESCE(i.interprets_id, 0), i.updated_at, a.code, a.name, "         \
	"COALESCE(p.title, ''), COALESCE(p.index_no, '')"
#define ITEM_NCOLS 27
#define ITEM_JOIN                                     \
	" JOIN agencies a ON a.id = i.agency_id"     \
	" LEFT JOIN items p ON p.id = i.interprets_id"

static void read_row(sqlite3_stmt *st, struct gk_item *it)
{
	char v[32];
	memset(it, 0, sizeof *it);
	it->id = sqlite3_column_int64(st, 0);
	it->agency_id = sqlite3_column_int64(st, 1);
	gk_db_column_copy(st, 2, v, sizeof v);
	gk_status_parse(v, &it->status);
	it->revision = sqlite3_column_int(st, 3);
	gk_db_column_copy(st, 4, it->index_no, sizeof it->index_no);
	gk_db_column_copy(st, 5, it->title, sizeof it->title);
	gk_db_column_copy(st, 6, it->topic, sizeof it->topic);
	gk_db_column_copy(st, 7, it->genre, sizeof it->genre);
	gk_db_column_copy(st, 8, it->column, sizeof it->column);
	gk_db_column_copy(st, 9, it->doc_no, sizeof it->doc_no);
	gk_db_column_copy(st, 10, it->written, sizeof it->written);
	gk_db_column_copy(st, 11, it->published, sizeof it->published);
	gk_db_column_copy(st, 12, v, sizeof v);
	gk_validity_parse(v, &it->validity);
	gk_db_column_copy(st, 13, it->effective, sizeof it->effective);
	gk_db_column_copy(st, 14, it->ended, sizeof it->ended);
	gk_db_column_copy(st, 15, it->repealed_by, sizeof it->repealed_by);
	gk_db_column_copy(st, 16, v, sizeof v);
	gk_normative_parse(v, &it->normative);
	it->channels = (unsigned)sqlite3_column_int(st, 17);
	gk_db_column_copy(st, 18, it->keywords, sizeof it->keywords);
	gk_db_column_copy(st, 19, it->summary, sizeof it->summary);
	gk_db_column_copy(st, 20, it->interp_kind, sizeof it->interp_kind);
	it->interprets_id = sqlite3_column_int64(st, 21);
	it->updated_at = sqlite3_column_int64(st, 22);
	gk_db_column_copy(st, 23, it->agency_code, sizeof it->agency_code);
	gk_db_column_copy(st, 24, it->agency_name, sizeof it->agency_name);
	gk_db_column_copy(st, 25, it->interprets_title, sizeof it->interprets_title);
	gk_db_column_copy(st, 26, it->interprets_index, sizeof it->interprets_index);
}

static char *column_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t && *t ? strdup((const char *)t) : NULL;
}

/* --- listings ------------------------------------------------------------- */

/* One WHERE tail for every listing; each condition is off when its value is NULL. */
#define FILTER                                                                                  \
	" AND (?1 IS NULL OR i.agency_id = ?1)"                                                   \
	" AND (?2 IS NULL OR i.agency_id IN (SELECT d.id FROM agencies d, agencies r"            \
	"      WHERE r.id = ?2 AND substr(d.path, 1, length(r.path)) = r.path))"                   \
	" AND (?3 IS NULL OR i.topic = ?3 OR substr(i.topic, 1, length(?3) + 1) = ?3 || '.')"    \
	" AND (?4 IS NULL OR i.genre = ?4)"                                                       \
	" AND (?5 IS NULL OR i.column_code = ?5)"                                                 \
	" AND (?6 IS NULL OR i.year = ?6)"                                                        \
	" AND (?7 IS NULL OR i.validity = ?7)"                                                    \
	" AND (?8 IS NULL OR i.agency_id IN (SELECT d.id FROM agencies d, agencies r"            \
	"      WHERE r.id = ?8 AND substr(d.path, 1, length(r.path)) = r.path))"
#define PUBLIC " WHERE i.status = 'published'"
#define STAFF " WHERE 1"
/* CROSS JOIN: the full-text match drives, never a scan of items probing it */
#define SEARCH_FROM " FROM item_fts f CROSS JOIN items i ON i.id = f.rowid"
#define SEARCH_WHERE " AND item_fts MATCH ?11"
#define NEWEST " ORDER BY i.published DESC, i.id DESC LIMIT ?9 OFFSET ?10"
#define RECENT " ORDER BY i.updated_at DESC, i.id DESC LIMIT ?9 OFFSET ?10"

static const char list_public[] = "SELECT " ITEM_COLS " FROM items i" ITEM_JOIN PUBLIC FILTER NEWEST;
static const char count_public[] = "SELECT count(*) FROM items i" PUBLIC FILTER;
static const char search_public[] =
	"SELECT " ITEM_COLS SEARCH_FROM ITEM_JOIN PUBLIC SEARCH_WHERE FILTER NEWEST;
static const char count_search_public[] = "SELECT count(*)" SEARCH_FROM PUBLIC SEARCH_WHERE FILTER;
static const char list_staff[] = "SELECT " ITEM_COLS " FROM items i" ITEM_JOIN STAFF FILTER RECENT;
static const char count_staff[] = "SELECT count(*) FROM items i" STAFF FILTER;
static const char search_staff[] =
	"SELECT " ITEM_COLS SEARCH_FROM ITEM_JOIN STAFF SEARCH_WHERE FILTER RECENT;
static const char count_search_staff[] = "SELECT count(*)" SEARCH_FROM STAFF SEARCH_WHERE FILTER;

static void bind_opt_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v && *v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

static void bind_filter(sqlite3_stmt *st, const struct gk_item_filter *f, const char *match)
{
	if (f->agency_id)
		sqlite3_bind_int64(st, f->agency_subtree ? 2 : 1, f->agency_id);
	bind_opt_text(st, 3, f->topic);
	bind_opt_text(st, 4, f->genre);
	bind_opt_text(st, 5, f->column);
	if (f->year)
		sqlite3_bind_int(st, 6, f->year);
	if (f->validity >= 0)
		sqlite3_bind_text(st, 7, gk_validity_name((enum gk_validity)f->validity), -1, SQLITE_STATIC);
	if (f->staff && f->scope)
		sqlite3_bind_int64(st, 8, f->scope);
	if (match)
		sqlite3_bind_text(st, 11, match, -1, SQLITE_TRANSIENT);
}

static enum gk_err each_row(struct gk_store *s, sqlite3_stmt *st,
			    int (*fn)(const struct gk_item *it, void *ctx), void *ctx,
			    struct gk_error *err, const char *what)
{
	int step;
	struct gk_item it;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		read_row(st, &it);
		if (fn(&it, ctx))
			break;
	}
	bool ok = step == SQLITE_ROW || step == SQLITE_DONE;
	sqlite3_reset(st);
	return ok ? GK_OK : gk_db_fail(s, err, what);
}

enum gk_err gk_store_item_list(struct gk_store *s, const struct gk_item_filter *f,
			       int (*fn)(const struct gk_item *it, void *ctx), void *ctx,
			       int64_t *total, struct gk_error *err)
{
	struct gk_buf match;
	enum gk_err rc = GK_OK;
	gk_buf_init(&match, 16384);
	bool searching = f->query && *f->query;
	if (total)
		*total = 0;
	if (searching && !gk_search_query(&match, f->query)) {
		gk_buf_release(&match);
		return GK_OK; /* nothing searchable typed: nothing found */
	}
	if (match.failed) {
		gk_buf_release(&match);
		return gk_fail(err, GK_EINVAL, "the search is too long");
	}
	const char *m = searching ? match.data : NULL;
	if (total) {
		const char *sql = searching ? (f->staff ? count_search_staff : count_search_public)
					    : (f->staff ? count_staff : count_public);
		sqlite3_stmt *st = gk_db_prepare(s, sql, err);
		if (!st) {
			rc = GK_EDB;
			goto out;
		}
		bind_filter(st, f, m);
		int step = sqlite3_step(st);
		if (step == SQLITE_ROW)
			*total = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (step != SQLITE_ROW) {
			rc = gk_db_fail(s, err, "count items");
			goto out;
		}
	}
	if (fn && f->limit > 0) {
		const char *sql = searching ? (f->staff ? search_staff : search_public)
					    : (f->staff ? list_staff : list_public);
		sqlite3_stmt *st = gk_db_prepare(s, sql, err);
		if (!st) {
			rc = GK_EDB;
			goto out;
		}
		bind_filter(st, f, m);
		sqlite3_bind_int64(st, 9, f->limit);
		sqlite3_bind_int64(st, 10, f->offset > 0 ? f->offset : 0);
		rc = each_row(s, st, fn, ctx, err, "list items");
	}
out:
	gk_buf_release(&match);
	return rc;
}

static enum gk_err get_by(struct gk_store *s, sqlite3_stmt *st, struct gk_item *out,
			  struct gk_error *err, const char *what)
{
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		read_row(st, out);
		out->body = column_dup(st, ITEM_NCOLS);
		out->attachments = column_dup(st, ITEM_NCOLS + 1);
		sqlite3_reset(st);
		enum gk_err rc = gk_db_item_files_load(s, out, err);
		if (rc)
			gk_item_release(out);
		return rc;
	}
	memset(out, 0, sizeof *out);
	sqlite3_reset(st);
	if (step == SQLITE_DONE)
		return gk_fail(err, GK_ENOTFOUND, "item %s does not exist", what);
	return gk_db_fail(s, err, "read item");
}

enum gk_err gk_store_item_get(struct gk_store *s, int64_t id, struct gk_item *out,
			      struct gk_error *err)
{
	static const char sql[] =
		"SELECT " ITEM_COLS ", i.body, i.attachments FROM items i" ITEM_JOIN " WHERE i.id = ?1";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, id);
	char what[32];
	snprintf(what, sizeof what, "%lld", (long long)id);
	return get_by(s, st, out, err, what);
}

enum gk_err gk_store_item_by_index(struct gk_store *s, const char *index_no, struct gk_item *out,
				   struct gk_error *err)
{
	static const char sql[] = "SELECT " ITEM_COLS ", i.body, i.attachments FROM items i" ITEM_JOIN
				  " WHERE i.index_no = ?1";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	gk_db_bind_text(st, 1, index_no);
	char what[96];
	snprintf(what, sizeof what, "'%.60s'", index_no);
	return get_by(s, st, out, err, what);
}


enum gk_err gk_store_item_interpretations(struct gk_store *s, int64_t id,
					  int (*fn)(const struct gk_item *it, void *ctx), void *ctx,
					  struct gk_error *err)
{
	static const char sql[] = "SELECT " ITEM_COLS " FROM items i" ITEM_JOIN
				  " WHERE i.interprets_id = ?1 AND i.status = 'published'"
				  " ORDER BY i.published, i.id LIMIT 50";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, id);
	return each_row(s, st, fn, ctx, err, "list interpretations");
}

enum gk_err gk_store_item_related(struct gk_store *s, const struct gk_item *it, int limit,
				  int (*fn)(const struct gk_item *it, void *ctx), void *ctx,
				  struct gk_error *err)
{
	static const char sql[] = "SELECT " ITEM_COLS " FROM items i" ITEM_JOIN
				  " WHERE i.topic = ?1 AND i.status = 'published' AND i.id <> ?2"
				  " ORDER BY i.published DESC, i.id DESC LIMIT ?3";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	gk_db_bind_text(st, 1, it->topic);
	sqlite3_bind_int64(st, 2, it->id);
	sqlite3_bind_int(st, 3, limit);
	return each_row(s, st, fn, ctx, err, "list related items");
}

enum gk_err gk_store_item_revisions(struct gk_store *s, int64_t id,
				    int (*fn)(const struct gk_item_revision *rev, void *ctx),
				    void *ctx, struct gk_error *err)
{
	static const char sql[] =
		"SELECT r.revision, r.at, COALESCE(u.display_name, ''), r.action, r.snapshot "
		"FROM item_revisions r LEFT JOIN users u ON u.id = r.user_id "
		"WHERE r.item_id = ?1 ORDER BY r.revision DESC";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, id);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct gk_item_revision rev = {0};
		rev.revision = sqlite3_column_int(st, 0);
		rev.at = sqlite3_column_int64(st, 1);
		gk_db_column_copy(st, 2, rev.user, sizeof rev.user);
		gk_db_column_copy(st, 3, rev.action, sizeof rev.action);
		rev.snapshot = (const char *)sqlite3_column_text(st, 4);
		if (fn(&rev, ctx))
			break;
	}
	bool ok = step == SQLITE_ROW || step == SQLITE_DONE;
	sqlite3_reset(st);
	return ok ? GK_OK : gk_db_fail(s, err, "list revisions");
}

enum gk_err gk_store_item_years(struct gk_store *s, int (*fn)(int year, int64_t count, void *ctx),
				void *ctx, struct gk_error *err)
{
	static const char sql[] = "SELECT year, count(*) FROM items WHERE status = 'published' "
				  "AND year > 0 GROUP BY year ORDER BY year DESC";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		if (fn(sqlite3_column_int(st, 0), sqlite3_column_int64(st, 1), ctx))
			break;
	bool ok = step == SQLITE_ROW || step == SQLITE_DONE;
	sqlite3_reset(st);
	return ok ? GK_OK : gk_db_fail(s, err, "list years");
}

enum gk_err gk_store_item_normative_counts(struct gk_store *s, int64_t scope, int year,
					   enum gk_normative kind,
					   struct gk_normative_counts *out, struct gk_error *err)
{
	/* ?3/?4 bound the year as text: 'YYYY-01-01' <= date <= 'YYYY-12-31' */
	static const char sql[] =
		"SELECT"
		" count(*) FILTER (WHERE substr(i.published, 1, 10) BETWEEN ?3 AND ?4),"
		" count(*) FILTER (WHERE i.validity <> 'valid' AND i.ended BETWEEN ?3 AND ?4),"
		" count(*) FILTER (WHERE substr(i.published, 1, 10) <= ?4"
		"                  AND (i.validity = 'valid' OR i.ended > ?4))"
		" FROM items i WHERE i.status = 'published' AND i.normative = ?1"
		" AND (?2 IS NULL OR i.agency_id IN (SELECT d.id FROM agencies d, agencies r"
		"      WHERE r.id = ?2 AND substr(d.path, 1, length(r.path)) = r.path))";
	char from[16], to[16];
	memset(out, 0, sizeof *out);
	if (kind == GK_NORM_NONE)
		return gk_fail(err, GK_EINVAL, "count normative documents of which kind?");
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	snprintf(from, sizeof from, "%04d-01-01", year);
	snprintf(to, sizeof to, "%04d-12-31", year);
	gk_db_bind_text(st, 1, gk_normative_name(kind));
	if (scope)
		sqlite3_bind_int64(st, 2, scope);
	gk_db_bind_text(st, 3, from);
	gk_db_bind_text(st, 4, to);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		out->issued = sqlite3_column_int64(st, 0);
		out->repealed = sqlite3_column_int64(st, 1);
		out->in_force = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	return step == SQLITE_ROW ? GK_OK : gk_db_fail(s, err, "count normative documents");
}

/* --- 索引号 -------------------------------------------------------------- */

void gk_store_index_format(struct gk_store *s, char *out, size_t n)
{
	if (gk_store_setting_get(s, GK_INDEX_FORMAT_SETTING, out, n, NULL) != GK_OK ||
	    gk_index_format_check(out, NULL) != GK_OK)
		snprintf(out, n, "%s", GK_INDEX_FORMAT_DEFAULT);
}

static bool index_taken(struct gk_store *s, const char *index_no)
{
	static const char sql[] = "SELECT 1 FROM items WHERE index_no = ?1";
	sqlite3_stmt *st = gk_db_prepare(s, sql, NULL);
	if (!st)
		return true;
	gk_db_bind_text(st, 1, index_no);
	bool taken = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return taken;
}

/* Takes the next serial of SERIES. Counters only go up, so a number once
 * given (even to an item later withdrawn) is never given again. */
static enum gk_err next_serial(struct gk_store *s, const char *series, long *serial,
			       struct gk_error *err)
{
	static const char sql[] = "INSERT INTO index_serials(series, last) VALUES (?1, 1) "
				  "ON CONFLICT(series) DO UPDATE SET last = last + 1 RETURNING last";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	gk_db_bind_text(st, 1, series);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*serial = (long)sqlite3_column_int64(st, 0);
	/* step to the end so the write completes before the reset */
	while (step == SQLITE_ROW)
		step = sqlite3_step(st);
	sqlite3_reset(st);
	return step == SQLITE_DONE ? GK_OK : gk_db_fail(s, err, "allocate index number");
}

/* An imported number moves its series past it. */
static enum gk_err advance_serial(struct gk_store *s, const char *series, long serial,
				  struct gk_error *err)
{
	static const char sql[] = "INSERT INTO index_serials(series, last) VALUES (?1, ?2) "
				  "ON CONFLICT(series) DO UPDATE SET last = max(last, excluded.last)";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	gk_db_bind_text(st, 1, series);
	sqlite3_bind_int64(st, 2, serial);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	return step == SQLITE_DONE ? GK_OK : gk_db_fail(s, err, "record index number");
}

static enum gk_err assign_index(struct gk_store *s, struct gk_item *it, struct gk_error *err)
{
	char format[64], series[GK_INDEX_MAX];
	enum gk_err rc;
	gk_store_index_format(s, format, sizeof format);
	int year = gk_item_year(it);
	if ((rc = gk_index_render(format, it->agency_code, it->topic, year, 0, series, err)))
		return rc;
	/* numbers taken outside the series (imports in another style) are skipped */
	for (int tries = 0; tries < 10000; tries++) {
		long serial = 0;
		if ((rc = next_serial(s, series, &serial, err)) ||
		    (rc = gk_index_render(format, it->agency_code, it->topic, year, serial, it->index_no, err)))
			return rc;
		if (!index_taken(s, it->index_no))
			return GK_OK;
	}
	return gk_fail(err, GK_ECONFLICT, "no free index number in series '%s'", series);
}

/* --- writes ----------------------------------------------------------------- */

static void bind_item(sqlite3_stmt *st, const struct gk_item *it)
{
	sqlite3_bind_int64(st, 1, it->agency_id);
	gk_db_bind_text(st, 2, gk_status_name(it->status));
	sqlite3_bind_int(st, 3, it->revision);
	if (it->index_no[0])
		gk_db_bind_text(st, 4, it->index_no);
	else
		sqlite3_bind_null(st, 4);
	gk_db_bind_text(st, 5, it->title);
	gk_db_bind_text(st, 6, it->topic);
	gk_db_bind_text(st, 7, it->genre);
	gk_db_bind_text(st, 8, it->column);
	gk_db_bind_text(st, 9, it->doc_no);
	gk_db_bind_text(st, 10, it->written);
	gk_db_bind_text(st, 11, it->published);
	sqlite3_bind_int(st, 12, gk_item_year(it));
	gk_db_bind_text(st, 13, gk_validity_name(it->validity));
	gk_db_bind_text(st, 14, it->effective);
	gk_db_bind_text(st, 15, it->ended);
	gk_db_bind_text(st, 16, it->repealed_by);
	gk_db_bind_text(st, 17, gk_normative_name(it->normative));
	sqlite3_bind_int(st, 18, (int)it->channels);
	gk_db_bind_text(st, 19, it->keywords);
	gk_db_bind_text(st, 20, it->summary);
	gk_db_bind_text(st, 21, it->interp_kind);
	if (it->interprets_id)
		sqlite3_bind_int64(st, 22, it->interprets_id);
	else
		sqlite3_bind_null(st, 22);
	gk_db_bind_text(st, 23, it->body);
	gk_db_bind_text(st, 24, it->attachments);
}

static enum gk_err reindex(struct gk_store *s, const struct gk_item *it, bool fresh,
			   struct gk_error *err)
{
	static const char del[] = "DELETE FROM item_fts WHERE rowid = ?1";
	static const char ins[] = "INSERT INTO item_fts(rowid, title, meta, body) VALUES (?1, ?2, ?3, ?4)";
	struct gk_buf title, meta, body, text;
	enum gk_err rc = GK_OK;
	sqlite3_stmt *st;
	if (!fresh) {
		if (!(st = gk_db_prepare(s, del, err)))
			return GK_EDB;
		sqlite3_bind_int64(st, 1, it->id);
		int step = sqlite3_step(st);
		sqlite3_reset(st);
		if (step != SQLITE_DONE)
			return gk_db_fail(s, err, "update search index");
	}
	gk_buf_init(&title, 0);
	gk_buf_init(&meta, 0);
	gk_buf_init(&body, 0);
	gk_buf_init(&text, 0);
	gk_search_tokens(&title, it->title, strlen(it->title));
	/* what people type besides words of the title: numbers, the agency, keywords */
	gk_buf_puts(&text, it->index_no);
	gk_buf_putc(&text, ' ');
	gk_buf_puts(&text, it->doc_no);
	gk_buf_putc(&text, ' ');
	gk_buf_puts(&text, it->agency_name);
	gk_buf_putc(&text, ' ');
	gk_buf_puts(&text, it->keywords);
	for (size_t i = 0; i < it->nfiles; i++) {
		gk_buf_putc(&text, ' ');
		gk_buf_puts(&text, it->files[i].name);
	}
	gk_buf_putc(&text, '\n');
	gk_buf_puts(&text, it->summary);
	gk_search_tokens(&meta, text.data, text.len);
	gk_buf_reset(&text);
	if (it->body)
		gk_richtext_text(&text, it->body, strlen(it->body));
	gk_search_tokens(&body, text.data, text.len);
	if (title.failed || meta.failed || body.failed || text.failed) {
		rc = gk_fail(err, GK_ENOMEM, "out of memory indexing item");
		goto out;
	}
	if (!(st = gk_db_prepare(s, ins, err))) {
		rc = GK_EDB;
		goto out;
	}
	sqlite3_bind_int64(st, 1, it->id);
	sqlite3_bind_text(st, 2, title.data, (int)title.len, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, meta.data, (int)meta.len, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, body.data, (int)body.len, SQLITE_STATIC);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (step != SQLITE_DONE)
		rc = gk_db_fail(s, err, "update search index");
out:
	gk_buf_release(&title);
	gk_buf_release(&meta);
	gk_buf_release(&body);
	gk_buf_release(&text);
	return rc;
}

/* The snapshot kept per revision: the API's JSON without id and revision,
 * so two saves of the same content give the same text. */
static char *snapshot(const struct gk_item *it)
{
	json_t *o = gk_item_to_json(it, true);
	if (!o)
		return NULL;
	json_object_del(o, "id");
	json_object_del(o, "revision");
	char *text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	return text;
}

static enum gk_err add_revision(struct gk_store *s, const struct gk_item *it, int64_t user_id,
				const char *action, const char *snap, struct gk_error *err)
{
	static const char sql[] = "INSERT INTO item_revisions(item_id, revision, user_id, action, snapshot) "
				  "VALUES (?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, it->id);
	sqlite3_bind_int(st, 2, it->revision);
	if (user_id)
		sqlite3_bind_int64(st, 3, user_id);
	gk_db_bind_text(st, 4, action);
	sqlite3_bind_text(st, 5, snap, -1, SQLITE_STATIC);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return step == SQLITE_DONE ? GK_OK : gk_db_fail(s, err, "record revision");
}

/* Fills the names the snapshot and the index show, and checks the link. */
static enum gk_err resolve_names(struct gk_store *s, struct gk_item *it, struct gk_error *err)
{
	static const char agency_sql[] = "SELECT code, name FROM agencies WHERE id = ?1";
	static const char target_sql[] = "SELECT title, COALESCE(index_no, ''), genre FROM items WHERE id = ?1";
	sqlite3_stmt *st = gk_db_prepare(s, agency_sql, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, it->agency_id);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		gk_db_column_copy(st, 0, it->agency_code, sizeof it->agency_code);
		gk_db_column_copy(st, 1, it->agency_name, sizeof it->agency_name);
	}
	sqlite3_reset(st);
	if (step != SQLITE_ROW)
		return gk_fail(err, GK_EINVAL, "agency: %lld does not exist", (long long)it->agency_id);
	if (!it->interprets_id)
		return GK_OK;
	if (!(st = gk_db_prepare(s, target_sql, err)))
		return GK_EDB;
	sqlite3_bind_int64(st, 1, it->interprets_id);
	step = sqlite3_step(st);
	char genre[32] = "";
	if (step == SQLITE_ROW) {
		gk_db_column_copy(st, 0, it->interprets_title, sizeof it->interprets_title);
		gk_db_column_copy(st, 1, it->interprets_index, sizeof it->interprets_index);
		gk_db_column_copy(st, 2, genre, sizeof genre);
	}
	sqlite3_reset(st);
	if (step != SQLITE_ROW)
		return gk_fail(err, GK_EINVAL, "interprets: item %lld does not exist",
			       (long long)it->interprets_id);
	if (strcmp(genre, "interpretation") == 0)
		return gk_fail(err, GK_EINVAL, "interprets: must be a policy, not another interpretation");
	return GK_OK;
}

static enum gk_err write_item(struct gk_store *s, struct gk_item *it, int64_t user_id,
			      const char *action, bool audit, const char *known_snapshot,
			      struct gk_error *err)
{
	static const char insert[] =
		"INSERT INTO items(agency_id, status, revision, index_no, title, topic, genre, "
		"column_code, doc_no, written, published, year, validity, effective, ended, "
		"repealed_by, normative, channels, keywords, summary, interp_kind, interprets_id, "
		"body, attachments, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
		"?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)";
	static const char update[] =
		"UPDATE items SET agency_id = ?1, status = ?2, revision = revision + 1, "
		"index_no = ?4, title = ?5, topic = ?6, genre = ?7, column_code = ?8, doc_no = ?9, "
		"written = ?10, published = ?11, year = ?12, validity = ?13, effective = ?14, "
		"ended = ?15, repealed_by = ?16, normative = ?17, channels = ?18, keywords = ?19, "
		"summary = ?20, interp_kind = ?21, interprets_id = ?22, body = ?23, "
		"attachments = ?24, updated_at = unixepoch() WHERE id = ?26 AND revision = ?3";
	enum gk_err rc;
	bool fresh = it->id == 0;
	char *snap = NULL;
	if ((rc = resolve_names(s, it, err)) || (rc = gk_item_validate(it, err)))
		return rc;
	if (it->status == GK_ITEM_PUBLISHED && !it->index_no[0] && (rc = assign_index(s, it, err)))
		return rc;
	sqlite3_stmt *st = gk_db_prepare(s, fresh ? insert : update, err);
	if (!st)
		return GK_EDB;
	if (fresh)
		it->revision = 1;
	bind_item(st, it);
	if (fresh && user_id)
		sqlite3_bind_int64(st, 25, user_id);
	if (!fresh)
		sqlite3_bind_int64(st, 26, it->id);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (step != SQLITE_DONE) {
		if (sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_UNIQUE)
			return gk_fail(err, GK_ECONFLICT, "index_no: '%s' is already used by another item",
				       it->index_no);
		return gk_db_fail(s, err, "save item");
	}
	if (fresh) {
		it->id = sqlite3_last_insert_rowid(s->db);
	} else {
		if (sqlite3_changes(s->db) == 0)
			return gk_fail(err, GK_ECONFLICT,
				       "item %lld was changed by someone else meanwhile: reload it and redo your change",
				       (long long)it->id);
		it->revision++;
	}
	/* the files as they are after this save: in the snapshot and the index */
	if ((rc = it->nuploads ? gk_db_item_files_add(s, it, user_id, err)
			       : gk_db_item_files_load(s, it, err)))
		return rc;
	if (!known_snapshot && !(snap = snapshot(it)))
		return gk_fail(err, GK_ENOMEM, "out of memory");
	rc = add_revision(s, it, user_id, action, known_snapshot ? known_snapshot : snap, err);
	free(snap);
	if (!rc)
		rc = reindex(s, it, fresh, err);
	if (!rc && audit)
		rc = gk_store_audit(s, user_id, it->agency_id, action, "item", it->id, it->title, err);
	return rc;
}

static enum gk_err in_tx(struct gk_store *s, struct gk_item *it, int64_t user_id,
			 const char *action, struct gk_error *err)
{
	bool own = !s->in_tx;
	struct gk_item saved = *it; /* restored if the transaction fails */
	enum gk_err rc;
	if (own && (rc = gk_store_begin(s, err)))
		return rc;
	rc = write_item(s, it, user_id, action, true, NULL, err);
	if (own) {
		if (rc)
			gk_store_rollback(s);
		else
			rc = gk_store_commit(s, err);
	}
	if (rc) {
		it->id = saved.id;
		it->revision = saved.revision;
		memcpy(it->index_no, saved.index_no, sizeof it->index_no);
		it->status = saved.status;
		/* the list the failed save loaded names rows that were rolled back */
		if (own)
			gk_db_item_files_load(s, it, NULL);
	}
	it->uploads = NULL;
	it->nuploads = 0;
	return rc;
}

enum gk_err gk_store_item_save(struct gk_store *s, struct gk_item *it, int64_t user_id,
			       const char *action, struct gk_error *err)
{
	return in_tx(s, it, user_id, action ? action : (it->id ? "edit" : "create"), err);
}

enum gk_err gk_store_item_publish(struct gk_store *s, struct gk_item *it, int64_t user_id,
				  struct gk_error *err)
{
	if (!it->published[0]) {
		time_t now = time(NULL);
		struct tm tm;
		localtime_r(&now, &tm);
		strftime(it->published, sizeof it->published, "%Y-%m-%d %H:%M", &tm);
	}
	enum gk_item_status was = it->status;
	it->status = GK_ITEM_PUBLISHED;
	enum gk_err rc = in_tx(s, it, user_id, "publish", err);
	if (rc)
		it->status = was;
	return rc;
}

/* --- import -------------------------------------------------------------------- */

void gk_store_item_bulk(struct gk_store *s)
{
	/* a bulk load touches every index and the FTS segments: keep them in
	 * memory (256 MB at most) instead of re-reading pages */
	gk_db_exec(s, "PRAGMA cache_size = -262144", NULL);
}

static int64_t find_natural(struct gk_store *s, const struct gk_item *it)
{
	static const char sql[] = "SELECT id FROM items WHERE agency_id = ?1 AND title = ?2 "
				  "AND published = ?3 AND index_no IS NOT NULL LIMIT 1";
	sqlite3_stmt *st = gk_db_prepare(s, sql, NULL);
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, it->agency_id);
	gk_db_bind_text(st, 2, it->title);
	gk_db_bind_text(st, 3, it->published);
	int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return id;
}

static enum gk_err latest_snapshot(struct gk_store *s, int64_t id, char **out, int *revision,
				   struct gk_error *err)
{
	static const char sql[] = "SELECT i.revision, r.snapshot FROM items i "
				  "LEFT JOIN item_revisions r ON r.item_id = i.id AND r.revision = i.revision "
				  "WHERE i.id = ?1";
	*out = NULL;
	sqlite3_stmt *st = gk_db_prepare(s, sql, err);
	if (!st)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, id);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		*revision = sqlite3_column_int(st, 0);
		*out = column_dup(st, 1);
	}
	sqlite3_reset(st);
	return step == SQLITE_ROW ? GK_OK : gk_db_fail(s, err, "read item");
}

static int64_t id_by_index(struct gk_store *s, const char *index_no)
{
	static const char sql[] = "SELECT id FROM items WHERE index_no = ?1";
	sqlite3_stmt *st = gk_db_prepare(s, sql, NULL);
	if (!st)
		return 0;
	gk_db_bind_text(st, 1, index_no);
	int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return id;
}

enum gk_err gk_store_item_import(struct gk_store *s, struct gk_item *it, const char *interprets,
				 int *outcome, struct gk_error *err)
{
	enum gk_err rc;
	*outcome = 0;
	if (interprets && *interprets) {
		it->interprets_id = id_by_index(s, interprets);
		if (!it->interprets_id)
			return gk_fail(err, GK_ENOTFOUND, "interprets: no item has 索引号 '%.60s'", interprets);
	}
	int64_t id = it->index_no[0] ? id_by_index(s, it->index_no) : find_natural(s, it);
	if ((rc = resolve_names(s, it, err)))
		return rc;
	if (it->index_no[0]) {
		/* a number in this deployment's style moves its series on */
		char format[64], series[GK_INDEX_MAX];
		int year;
		long serial;
		gk_store_index_format(s, format, sizeof format);
		if (gk_index_match(format, it->agency_code, it->index_no, &year, &serial, series) &&
		    (rc = advance_serial(s, series, serial, err)))
			return rc;
	}
	if (!id) {
		it->id = 0;
		if ((rc = write_item(s, it, 0, "import", false, NULL, err)))
			return rc;
		*outcome = 1;
		return GK_OK;
	}
	/* known: change it only if the content differs */
	char *old = NULL;
	int revision = 0;
	if ((rc = latest_snapshot(s, id, &old, &revision, err)))
		return rc;
	it->id = id;
	it->revision = revision;
	/* stored files are not imported but stay, and are part of the snapshot */
	if ((rc = gk_db_item_files_load(s, it, err))) {
		free(old);
		return rc;
	}
	if (!it->index_no[0]) {
		struct gk_item cur;
		if ((rc = gk_store_item_get(s, id, &cur, err))) {
			free(old);
			return rc;
		}
		memcpy(it->index_no, cur.index_no, sizeof it->index_no);
		gk_item_release(&cur);
	}
	char *now = snapshot(it);
	if (!now) {
		free(old);
		return gk_fail(err, GK_ENOMEM, "out of memory");
	}
	if (old && strcmp(old, now) == 0) {
		free(old);
		free(now);
		return GK_OK;
	}
	free(old);
	rc = write_item(s, it, 0, "import", false, now, err);
	free(now);
	if (!rc)
		*outcome = 2;
	return rc;
}

enum gk_err gk_store_item_link(struct gk_store *s, int64_t item_id, const char *target,
			       struct gk_error *err)
{
	struct gk_item it;
	enum gk_err rc = gk_store_item_get(s, item_id, &it, err);
	if (rc)
		return rc;
	it.interprets_id = id_by_index(s, target);
	if (!it.interprets_id) {
		gk_item_release(&it);
		return gk_fail(err, GK_ENOTFOUND, "interprets: no item has 索引号 '%.60s'", target);
	}
	rc = write_item(s, &it, 0, "import", false, NULL, err);
	gk_item_release(&it);
	return rc;
}

enum gk_err gk_store_item_file_remove(struct gk_store *s, struct gk_item *it, int64_t file_id,
				      int64_t user_id, struct gk_error *err)
{
	bool own = !s->in_tx;
	int revision = it->revision;
	enum gk_err rc;
	if (own && (rc = gk_store_begin(s, err)))
		return rc;
	rc = gk_db_item_file_delete(s, it->id, file_id, err);
	if (!rc)
		rc = write_item(s, it, user_id, "remove_attachment", true, NULL, err);
	if (own) {
		if (rc)
			gk_store_rollback(s);
		else
			rc = gk_store_commit(s, err);
	}
	if (rc) {
		it->revision = revision;
		if (own)
			gk_db_item_files_load(s, it, NULL);
	}
	return rc;
}
