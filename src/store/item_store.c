/* Catalogue items: listings with bound filters, the item with its files,
 * revisions, what the catalogue index reads (scan, docs, heads) and
 * 索引号 serials. What is valid, which number an item gets and what a
 * revision keeps are the service's (service/items.c). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/db.h"
#include "store/item_sql.h"

static void read_item(struct gk_stmt *st, struct gk_item *it)
{
	memset(it, 0, sizeof *it);
	it->id = gk_col_int(st, 0);
	it->agency_id = gk_col_int(st, 1);
	gk_item_status_parse(gk_col_text(st, 2), &it->status);
	it->revision = (int)gk_col_int(st, 3);
	gk_col_copy(st, 4, it->index_no, sizeof it->index_no);
	gk_col_copy(st, 5, it->title, sizeof it->title);
	gk_col_copy(st, 6, it->topic, sizeof it->topic);
	gk_col_copy(st, 7, it->genre, sizeof it->genre);
	gk_col_copy(st, 8, it->column, sizeof it->column);
	gk_col_copy(st, 9, it->doc_no, sizeof it->doc_no);
	gk_col_copy(st, 10, it->written, sizeof it->written);
	gk_col_copy(st, 11, it->published, sizeof it->published);
	gk_validity_parse(gk_col_text(st, 12), &it->validity);
	gk_col_copy(st, 13, it->effective, sizeof it->effective);
	gk_col_copy(st, 14, it->ended, sizeof it->ended);
	gk_col_copy(st, 15, it->repealed_by, sizeof it->repealed_by);
	gk_normative_parse(gk_col_text(st, 16), &it->normative);
	/* stored codes are ours: an unknown one is dropped rather than refused */
	unsigned outlets = 0;
	if (gk_outlets_parse(gk_col_text(st, 17), &outlets, NULL) == GK_OK)
		it->outlets = outlets;
	gk_col_copy(st, 18, it->keywords, sizeof it->keywords);
	gk_col_copy(st, 19, it->summary, sizeof it->summary);
	gk_col_copy(st, 20, it->interp_kind, sizeof it->interp_kind);
	it->interprets_id = gk_col_int(st, 21);
	it->updated_at = gk_col_int(st, 22);
	gk_col_copy(st, 23, it->agency_code, sizeof it->agency_code);
	gk_col_copy(st, 24, it->agency_name, sizeof it->agency_name);
	gk_col_copy(st, 25, it->interprets_title, sizeof it->interprets_title);
	gk_col_copy(st, 26, it->interprets_index, sizeof it->interprets_index);
}

/* --- listings ------------------------------------------------------------- */

static const char list_public[] =
	"SELECT " GK_ITEM_COLS
	" FROM items i" GK_ITEM_JOIN GK_ITEM_PUBLIC GK_ITEM_FILTER GK_ITEM_NEWEST;
static const char count_public[] = "SELECT count(*) FROM items i" GK_ITEM_PUBLIC GK_ITEM_FILTER;
static const char list_staff[] =
	"SELECT " GK_ITEM_COLS
	" FROM items i" GK_ITEM_JOIN GK_ITEM_STAFF GK_ITEM_FILTER GK_ITEM_RECENT;
static const char count_staff[] = "SELECT count(*) FROM items i" GK_ITEM_STAFF GK_ITEM_FILTER;

/* The filter's values ?1–?8, ?9 limit, ?10 offset. */
#define FILTER_ARGS(f)                                                                          \
	(f)->agency_id && !(f)->agency_subtree ? GK_INT((f)->agency_id) : GK_NULL,              \
		(f)->agency_id && (f)->agency_subtree ? GK_INT((f)->agency_id) : GK_NULL,       \
		GK_OPT((f)->topic), GK_OPT((f)->genre), GK_OPT((f)->column),                    \
		(f)->year ? GK_INT((f)->year) : GK_NULL,                                        \
		(f)->validity >= 0 ? GK_TEXT(gk_validity_code((enum gk_validity)(f)->validity)) \
				   : GK_NULL,                                                   \
		(f)->staff && (f)->scope ? GK_INT((f)->scope) : GK_NULL, GK_INT((f)->limit),    \
		GK_INT((f)->offset > 0 ? (f)->offset : 0)

static enum gk_err each_item(struct gk_stmt *st, int (*fn)(const struct gk_item *it, void *ctx),
			     void *ctx, const char *what, struct gk_error *err)
{
	struct gk_item it;
	while (st && gk_stmt_row(st)) {
		read_item(st, &it);
		if (fn(&it, ctx))
			break;
	}
	return gk_stmt_end(st, what, err);
}

enum gk_err gk_store_item_list(struct gk_store *s, const struct gk_item_filter *f,
			       int (*fn)(const struct gk_item *it, void *ctx), void *ctx,
			       int64_t *total, struct gk_error *err)
{
	enum gk_err rc = GK_OK;
	if (total)
		*total = 0;
	if (f->query && *f->query)
		return gk_fail(err, GK_EINTERNAL,
			       "a search goes through the catalogue index, not the store");
	if (total) {
		rc = gk_db_int(s, f->staff ? count_staff : count_public, GK_ARGS(FILTER_ARGS(f)),
			       total, "count items", err);
		if (rc == GK_ENOTFOUND)
			rc = GK_OK;
	}
	if (!rc && fn && f->limit > 0)
		rc = each_item(gk_db_query(s, f->staff ? list_staff : list_public,
					   GK_ARGS(FILTER_ARGS(f)), err),
			       fn, ctx, "list items", err);
	return rc;
}

static enum gk_err get_by(struct gk_store *s, struct gk_stmt *st, struct gk_item *out,
			  const char *what, struct gk_error *err)
{
	bool found = st && gk_stmt_row(st);
	memset(out, 0, sizeof *out);
	if (found) {
		read_item(st, out);
		out->body = gk_col_dup(st, GK_ITEM_NCOLS);
		out->attachments = gk_col_dup(st, GK_ITEM_NCOLS + 1);
	}
	enum gk_err rc = gk_stmt_end(st, "read item", err);
	if (!rc && !found)
		rc = gk_fail(err, GK_ENOTFOUND, "信息%s不存在", what);
	if (!rc)
		rc = gk_store_item_files(s, out, err);
	if (rc)
		gk_item_release(out);
	return rc;
}

enum gk_err gk_store_item_get(struct gk_store *s, int64_t id, struct gk_item *out,
			      struct gk_error *err)
{
	static const char sql[] =
		"SELECT " GK_ITEM_COLS ", i.body, i.attachments FROM items i" GK_ITEM_JOIN
		" WHERE i.id = ?1";
	char what[48];
	snprintf(what, sizeof what, "（编号%lld）", (long long)id);
	return get_by(s, gk_db_query(s, sql, GK_ARGS(GK_INT(id)), err), out, what, err);
}

enum gk_err gk_store_item_head(struct gk_store *s, int64_t id, struct gk_item *out,
			       struct gk_error *err)
{
	static const char sql[] =
		"SELECT " GK_ITEM_COLS " FROM items i" GK_ITEM_JOIN " WHERE i.id = ?1";
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(id)), err);
	bool found = st && gk_stmt_row(st);
	memset(out, 0, sizeof *out);
	if (found)
		read_item(st, out);
	enum gk_err rc = gk_stmt_end(st, "read item", err);
	if (!rc && !found)
		rc = gk_fail(err, GK_ENOTFOUND, "信息（编号%lld）不存在", (long long)id);
	return rc;
}

enum gk_err gk_store_item_by_index(struct gk_store *s, const char *index_no, struct gk_item *out,
				   struct gk_error *err)
{
	static const char sql[] =
		"SELECT " GK_ITEM_COLS ", i.body, i.attachments FROM items i" GK_ITEM_JOIN
		" WHERE i.index_no = ?1";
	char what[96];
	snprintf(what, sizeof what, "“%.60s”", index_no);
	return get_by(s, gk_db_query(s, sql, GK_ARGS(GK_TEXT(index_no)), err), out, what, err);
}

enum gk_err gk_store_item_id_by_index(struct gk_store *s, const char *index_no, int64_t *id,
				      struct gk_error *err)
{
	static const char sql[] = "SELECT id FROM items WHERE index_no = ?1";
	*id = 0;
	return gk_db_int(s, sql, GK_ARGS(GK_TEXT(index_no)), id, "find item", err);
}

enum gk_err gk_store_item_find(struct gk_store *s, int64_t agency_id, const char *title,
			       const char *published, int64_t *id, struct gk_error *err)
{
	static const char sql[] = "SELECT id FROM items WHERE agency_id = ?1 AND title = ?2 "
				  "AND published = ?3 AND index_no IS NOT NULL LIMIT 1";
	*id = 0;
	return gk_db_int(s, sql, GK_ARGS(GK_INT(agency_id), GK_TEXT(title), GK_TEXT(published)), id,
			 "find item", err);
}

enum gk_err gk_store_item_interpretations(struct gk_store *s, int64_t id,
					  int (*fn)(const struct gk_item *it, void *ctx), void *ctx,
					  struct gk_error *err)
{
	static const char sql[] = "SELECT " GK_ITEM_COLS " FROM items i" GK_ITEM_JOIN
				  " WHERE i.interprets_id = ?1 AND i.status = 'published'"
				  " ORDER BY i.published, i.id LIMIT 50";
	return each_item(gk_db_query(s, sql, GK_ARGS(GK_INT(id)), err), fn, ctx,
			 "list interpretations", err);
}

enum gk_err gk_store_item_related(struct gk_store *s, const struct gk_item *it, int limit,
				  int (*fn)(const struct gk_item *it, void *ctx), void *ctx,
				  struct gk_error *err)
{
	static const char sql[] = "SELECT " GK_ITEM_COLS " FROM items i" GK_ITEM_JOIN
				  " WHERE i.topic = ?1 AND i.status = 'published' AND i.id <> ?2"
				  " ORDER BY i.published DESC, i.id DESC LIMIT ?3";
	return each_item(gk_db_query(s, sql,
				     GK_ARGS(GK_TEXT(it->topic), GK_INT(it->id), GK_INT(limit)),
				     err),
			 fn, ctx, "list related items", err);
}

/* The snapshot GK_ITEM_SNAPSHOT_ROW stands for: item ID as its row is now,
 * its policy named as the service names it when it saves (resolve_names:
 * whatever the policy's status). */
static enum gk_err row_snapshot(struct gk_store *s, int64_t id, char **out, struct gk_error *err)
{
	struct gk_item it, policy;
	*out = NULL;
	enum gk_err rc = gk_store_item_get(s, id, &it, err);
	if (rc)
		return rc;
	if (it.interprets_id && !(rc = gk_store_item_head(s, it.interprets_id, &policy, err))) {
		memcpy(it.interprets_title, policy.title, sizeof it.interprets_title);
		memcpy(it.interprets_index, policy.index_no, sizeof it.interprets_index);
	}
	if (!rc && !(*out = gk_item_snapshot(&it)))
		rc = gk_fail(err, GK_ENOMEM, "out of memory reading item %lld", (long long)id);
	gk_item_release(&it);
	return rc;
}

static bool is_row_snapshot(const char *snapshot)
{
	return snapshot && strcmp(snapshot, GK_ITEM_SNAPSHOT_ROW) == 0;
}

/* Only the current revision can stand for the row: its snapshot built into
 * FULL (its id in REV_ID), or FULL NULL when it is kept as it is. */
static enum gk_err current_row_snapshot(struct gk_store *s, int64_t id, int64_t *rev_id,
					char **full, struct gk_error *err)
{
	static const char sql[] =
		"SELECT r.id FROM items i "
		"JOIN item_revisions r ON r.item_id = i.id AND r.revision = i.revision "
		"WHERE i.id = ?1 AND r.snapshot = ?2";
	*full = NULL;
	enum gk_err rc = gk_db_int(s, sql, GK_ARGS(GK_INT(id), GK_TEXT(GK_ITEM_SNAPSHOT_ROW)),
				   rev_id, "read revision", err);
	if (rc == GK_ENOTFOUND)
		return GK_OK;
	return rc ? rc : row_snapshot(s, id, full, err);
}

enum gk_err gk_store_item_revisions(struct gk_store *s, int64_t id,
				    int (*fn)(const struct gk_item_revision *rev, void *ctx),
				    void *ctx, struct gk_error *err)
{
	static const char sql[] =
		"SELECT r.revision, r.at, COALESCE(u.display_name, ''), r.action, r.snapshot "
		"FROM item_revisions r LEFT JOIN users u ON u.id = r.user_id "
		"WHERE r.item_id = ?1 ORDER BY r.revision DESC";
	/* built before the listing: no query runs inside another */
	int64_t rev_id = 0;
	char *row = NULL;
	enum gk_err rc = current_row_snapshot(s, id, &rev_id, &row, err);
	if (rc)
		return rc;
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(id)), err);
	while (st && gk_stmt_row(st)) {
		struct gk_item_revision rev = {0};
		rev.revision = (int)gk_col_int(st, 0);
		rev.at = gk_col_int(st, 1);
		gk_col_copy(st, 2, rev.user, sizeof rev.user);
		gk_col_copy(st, 3, rev.action, sizeof rev.action);
		rev.snapshot = gk_col_text(st, 4);
		if (is_row_snapshot(rev.snapshot) && row)
			rev.snapshot = row;
		if (fn(&rev, ctx))
			break;
	}
	rc = gk_stmt_end(st, "list revisions", err);
	free(row);
	return rc;
}

enum gk_err gk_store_catalogue_version(struct gk_store *s, int64_t *version, struct gk_error *err)
{
	*version = 0;
	/* the rowid's maximum: one step down the table's b-tree */
	return gk_db_int(s, "SELECT COALESCE(max(seq), 0) FROM item_changes", GK_NOARGS, version,
			 "read the catalogue version", err);
}

enum gk_err gk_store_item_changes(struct gk_store *s, int64_t since,
				  int (*fn)(int64_t item_id, int64_t seq, void *ctx), void *ctx,
				  struct gk_error *err)
{
	static const char sql[] = "SELECT item_id, max(seq) AS last FROM item_changes"
				  " WHERE seq > ?1 GROUP BY item_id ORDER BY last";
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(since)), err);
	while (st && gk_stmt_row(st))
		if (fn(gk_col_int(st, 0), gk_col_int(st, 1), ctx))
			break;
	return gk_stmt_end(st, "list catalogue changes", err);
}

/* --- what the catalogue index reads ------------------------------------------ */

/* One row per item: its keys and texts; the stored files' names by the
 * item_files index (one probe per item). */
#define DOC_SQL                                                                                 \
	"SELECT i.id, i.status, i.agency_id, a.path, a.name, i.topic, i.genre, i.column_code, " \
	"i.year, i.validity, i.published, i.title, i.doc_no, COALESCE(i.index_no, ''), "        \
	"i.keywords, i.summary, COALESCE((SELECT group_concat(f.name, '\n') FROM "              \
	"item_files f WHERE f.item_id = i.id), ''), i.body FROM items i JOIN agencies a ON "    \
	"a.id = i.agency_id"

static int each_doc(struct gk_stmt *st, int (*fn)(const struct gk_item_doc *d, void *ctx),
		    void *ctx)
{
	struct gk_item_doc d = {0};
	d.id = gk_col_int(st, 0);
	gk_item_status_parse(gk_col_text(st, 1), &d.status);
	d.agency_id = gk_col_int(st, 2);
	d.agency_path = gk_col_text(st, 3);
	d.agency_name = gk_col_text(st, 4);
	d.topic = gk_col_text(st, 5);
	d.genre = gk_col_text(st, 6);
	d.column = gk_col_text(st, 7);
	d.year = (int)gk_col_int(st, 8);
	gk_validity_parse(gk_col_text(st, 9), &d.validity);
	d.published = gk_col_text(st, 10);
	d.title = gk_col_text(st, 11);
	d.doc_no = gk_col_text(st, 12);
	d.index_no = gk_col_text(st, 13);
	d.keywords = gk_col_text(st, 14);
	d.summary = gk_col_text(st, 15);
	d.files = gk_col_text(st, 16);
	d.body = gk_col_text(st, 17);
	return fn(&d, ctx);
}

enum gk_err gk_store_item_scan(struct gk_store *s,
			       int (*fn)(const struct gk_item_doc *d, void *ctx), void *ctx,
			       struct gk_error *err)
{
	static const char sql[] = DOC_SQL " ORDER BY i.id";
	struct gk_stmt *st = gk_db_query(s, sql, GK_NOARGS, err);
	while (st && gk_stmt_row(st))
		if (each_doc(st, fn, ctx))
			break;
	return gk_stmt_end(st, "read the catalogue", err);
}

enum gk_err gk_store_item_doc(struct gk_store *s, int64_t id,
			      int (*fn)(const struct gk_item_doc *d, void *ctx), void *ctx,
			      struct gk_error *err)
{
	static const char sql[] = DOC_SQL " WHERE i.id = ?1";
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(id)), err);
	bool found = st && gk_stmt_row(st);
	if (found)
		each_doc(st, fn, ctx);
	enum gk_err rc = gk_stmt_end(st, "read item", err);
	if (!rc && !found)
		rc = gk_fail(err, GK_ENOTFOUND, "信息（编号%lld）不存在", (long long)id);
	return rc;
}

enum gk_err gk_store_item_count(struct gk_store *s, int64_t *count, struct gk_error *err)
{
	*count = 0;
	return gk_db_int(s, "SELECT count(*) FROM items", GK_NOARGS, count, "count items", err);
}

enum gk_err gk_store_item_heads(struct gk_store *s, const int64_t *ids, size_t n, bool with_body,
				int (*fn)(const struct gk_item *it, void *ctx), void *ctx,
				struct gk_error *err)
{
	/* a prepared statement stepped once per id: a page is at most a few
	 * hundred rows, each one b-tree probe */
	static const char head[] =
		"SELECT " GK_ITEM_COLS " FROM items i" GK_ITEM_JOIN " WHERE i.id = ?1";
	static const char full[] =
		"SELECT " GK_ITEM_COLS ", i.body FROM items i" GK_ITEM_JOIN " WHERE i.id = ?1";
	enum gk_err rc = GK_OK;
	bool stop = false;
	for (size_t k = 0; !rc && !stop && k < n; k++) {
		struct gk_stmt *st =
			gk_db_query(s, with_body ? full : head, GK_ARGS(GK_INT(ids[k])), err);
		if (st && gk_stmt_row(st)) {
			struct gk_item it;
			read_item(st, &it);
			if (with_body)
				it.body = gk_col_dup(st, GK_ITEM_NCOLS);
			stop = fn(&it, ctx) != 0;
			free(it.body);
		}
		rc = gk_stmt_end(st, "read items", err);
	}
	return rc;
}

enum gk_err gk_store_catalogue_change(struct gk_store *s, int64_t seq, int64_t *item_id,
				      struct gk_error *err)
{
	*item_id = 0;
	return gk_db_int(s, "SELECT item_id FROM item_changes WHERE seq = ?1", GK_ARGS(GK_INT(seq)),
			 item_id, "read the catalogue's change log", err);
}

enum gk_err gk_store_item_years(struct gk_store *s, int (*fn)(int year, int64_t count, void *ctx),
				void *ctx, struct gk_error *err)
{
	static const char sql[] = "SELECT year, count(*) FROM items WHERE status = 'published' "
				  "AND year > 0 GROUP BY year ORDER BY year DESC";
	struct gk_stmt *st = gk_db_query(s, sql, GK_NOARGS, err);
	while (st && gk_stmt_row(st))
		if (fn((int)gk_col_int(st, 0), gk_col_int(st, 1), ctx))
			break;
	return gk_stmt_end(st, "list years", err);
}

/* --- whole-catalogue outputs ------------------------------------------------ */

enum gk_err gk_store_item_export(struct gk_store *s, const struct gk_item_filter *f,
				 const struct gk_item_key *after,
				 int (*fn)(struct gk_item *it, void *ctx), void *ctx,
				 struct gk_error *err)
{
	/* the row value walks items_public from AFTER down to ?13 (no sort,
	 * no scan from the top) */
	static const char sql[] =
		"SELECT " GK_ITEM_COLS
		", i.body, i.attachments FROM items i" GK_ITEM_JOIN GK_ITEM_PUBLIC GK_ITEM_FILTER
		" AND (i.published, i.id) < (?11, ?12) AND i.published >= ?13" GK_ITEM_NEWEST;
	struct gk_item_filter pub = *f;
	pub.staff = false;
	/* "~" sorts after every date: the place before the newest item. A
	 * year's dates lie in ["YYYY", "YYYY+1"): its export reads only them. */
	char from[16] = "", to[16] = "~";
	if (f->year > 0 && f->year < 9999) {
		snprintf(from, sizeof from, "%04d", f->year);
		snprintf(to, sizeof to, "%04d", f->year + 1);
	}
	bool top = after->id == 0;
	struct gk_stmt *st =
		gk_db_query(s, sql,
			    GK_ARGS(FILTER_ARGS(&pub), GK_TEXT(top ? to : after->published),
				    GK_INT(top ? INT64_MAX : after->id), GK_TEXT(from)),
			    err);
	struct gk_item it;
	while (st && gk_stmt_row(st)) {
		read_item(st, &it);
		it.body = gk_col_dup(st, GK_ITEM_NCOLS);
		it.attachments = gk_col_dup(st, GK_ITEM_NCOLS + 1);
		int stop = fn(&it, ctx);
		gk_item_release(&it);
		if (stop)
			break;
	}
	return gk_stmt_end(st, "export items", err);
}

enum gk_err gk_store_item_newest_of_agency(struct gk_store *s, int64_t agency_id, int limit,
					   int (*fn)(const struct gk_item *it, void *ctx),
					   void *ctx, struct gk_error *err)
{
	/* the newest LIMIT of each agency of the subtree (items_agency, its
	 * order by date), then the newest LIMIT of those */
	static const char sql[] =
		"SELECT " GK_ITEM_COLS " FROM agencies r, agencies d, items i" GK_ITEM_JOIN
		" WHERE r.id = ?1 AND substr(d.path, 1, length(r.path)) = r.path"
		" AND i.id IN (SELECT y.id FROM items y WHERE y.agency_id = d.id"
		"   AND y.status = 'published' ORDER BY y.published DESC, y.id DESC LIMIT ?2)"
		" ORDER BY i.published DESC, i.id DESC LIMIT ?2";
	return each_item(gk_db_query(s, sql, GK_ARGS(GK_INT(agency_id), GK_INT(limit)), err), fn,
			 ctx, "list an agency's newest items", err);
}

enum gk_err gk_store_item_newest_of_topic(struct gk_store *s, const char *topic, int limit,
					  int (*fn)(const struct gk_item *it, void *ctx), void *ctx,
					  struct gk_error *err)
{
	/* the topic codes in use under ?1 ("10", "10.1" … but not "100": '/'
	 * follows '.' and precedes the digits), one index step each; then the
	 * newest LIMIT of each (items_topic_public), and of those */
	static const char sql[] =
		"WITH RECURSIVE t(code) AS ("
		"  SELECT min(topic) FROM items WHERE topic >= ?1 AND topic < ?1 || '/'"
		"  UNION ALL SELECT (SELECT min(topic) FROM items"
		"    WHERE topic > t.code AND topic < ?1 || '/') FROM t WHERE t.code IS NOT NULL)"
		" SELECT " GK_ITEM_COLS " FROM t, items i" GK_ITEM_JOIN " WHERE t.code IS NOT NULL"
		" AND i.id IN (SELECT y.id FROM items y WHERE y.topic = t.code"
		"   AND y.status = 'published' ORDER BY y.published DESC, y.id DESC LIMIT ?2)"
		" ORDER BY i.published DESC, i.id DESC LIMIT ?2";
	return each_item(gk_db_query(s, sql, GK_ARGS(GK_TEXT(topic), GK_INT(limit)), err), fn, ctx,
			 "list a topic's newest items", err);
}

enum gk_err gk_store_agency_published(struct gk_store *s, int64_t agency_id, int64_t *count,
				      struct gk_error *err)
{
	static const char sql[] = "SELECT COALESCE(sum(c.published), 0) FROM agencies r, agencies d"
				  " JOIN agency_items c ON c.agency_id = d.id"
				  " WHERE r.id = ?1 AND substr(d.path, 1, length(r.path)) = r.path";
	*count = 0;
	return gk_db_int(s, sql, GK_ARGS(GK_INT(agency_id)), count, "count an agency's items", err);
}

enum gk_err gk_store_item_published_from(struct gk_store *s, int64_t from, int64_t *id,
					 struct gk_error *err)
{
	/* items_sitemap (migration 12): published ids in order, one step */
	static const char sql[] = "SELECT id FROM items WHERE status = 'published' AND id >= ?1"
				  " ORDER BY id LIMIT 1";
	*id = 0;
	enum gk_err rc = gk_db_int(s, sql, GK_ARGS(GK_INT(from)), id, "read the sitemap", err);
	return rc == GK_ENOTFOUND ? GK_OK : rc;
}

enum gk_err gk_store_item_published_max(struct gk_store *s, int64_t *id, struct gk_error *err)
{
	static const char sql[] =
		"SELECT id FROM items WHERE status = 'published' ORDER BY id DESC LIMIT 1";
	*id = 0;
	enum gk_err rc = gk_db_int(s, sql, GK_NOARGS, id, "read the sitemap", err);
	return rc == GK_ENOTFOUND ? GK_OK : rc;
}

enum gk_err gk_store_item_published_ids(struct gk_store *s, int64_t from, int64_t to,
					int (*fn)(int64_t id, int64_t updated_at, void *ctx),
					void *ctx, struct gk_error *err)
{
	static const char sql[] = "SELECT id, updated_at FROM items WHERE status = 'published'"
				  " AND id >= ?1 AND id <= ?2 ORDER BY id";
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(from), GK_INT(to)), err);
	while (st && gk_stmt_row(st))
		if (fn(gk_col_int(st, 0), gk_col_int(st, 1), ctx))
			break;
	return gk_stmt_end(st, "read the sitemap", err);
}

/* --- writes ----------------------------------------------------------------- */

/* ?1 … ?24: the fields insert and update write */
#define ITEM_FIELDS(it, outlets)                                                             \
	GK_INT((it)->agency_id), GK_TEXT(gk_item_status_code((it)->status)),                 \
		GK_INT((it)->revision), GK_OPT((it)->index_no), GK_TEXT((it)->title),        \
		GK_TEXT((it)->topic), GK_TEXT((it)->genre), GK_TEXT((it)->column),           \
		GK_TEXT((it)->doc_no), GK_TEXT((it)->written), GK_TEXT((it)->published),     \
		GK_INT(gk_item_year(it)), GK_TEXT(gk_validity_code((it)->validity)),         \
		GK_TEXT((it)->effective), GK_TEXT((it)->ended), GK_TEXT((it)->repealed_by),  \
		GK_TEXT(gk_normative_code((it)->normative)), GK_TEXT(outlets),               \
		GK_TEXT((it)->keywords), GK_TEXT((it)->summary), GK_TEXT((it)->interp_kind), \
		GK_ID((it)->interprets_id), GK_TEXT((it)->body), GK_TEXT((it)->attachments)

static enum gk_err index_taken(const struct gk_item *it, struct gk_error *err)
{
	return gk_fail(err, GK_ECONFLICT, "“索引号”：“%s”已被另一条信息使用", it->index_no);
}

enum gk_err gk_store_item_insert(struct gk_store *s, struct gk_item *it, int64_t user_id,
				 struct gk_error *err)
{
	static const char sql[] =
		"INSERT INTO items(agency_id, status, revision, index_no, title, topic, genre, "
		"column_code, doc_no, written, published, year, validity, effective, ended, "
		"repealed_by, normative, outlets, keywords, summary, interp_kind, interprets_id, "
		"body, attachments, created_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, "
		"?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, "
		"?23, ?24, ?25, ?26, ?26)";
	char outlets[128];
	gk_outlets_format(it->outlets, outlets, sizeof outlets);
	it->revision = 1;
	int64_t now = (int64_t)time(NULL);
	enum gk_err rc =
		gk_db_insert(s, sql, GK_ARGS(ITEM_FIELDS(it, outlets), GK_ID(user_id), GK_INT(now)),
			     &it->id, "save item", err);
	if (rc == GK_ECONFLICT && gk_db_unique_violation(s))
		return index_taken(it, err);
	if (rc)
		return rc;
	it->updated_at = now;
	if (s->bulk) {
		if (!s->inserted_from)
			s->inserted_from = it->id;
		return GK_OK;
	}
	/* what the triggers of updates and deletes do for them (migration 15) */
	rc = gk_db_exec(s, "INSERT INTO item_changes(item_id) VALUES (?1)", GK_ARGS(GK_INT(it->id)),
			NULL, "log the change", err);
	if (!rc && it->status == GK_ITEM_PUBLISHED)
		rc = gk_db_exec(s,
				"UPDATE agency_items SET published = published + 1"
				" WHERE agency_id = ?1",
				GK_ARGS(GK_INT(it->agency_id)), NULL, "count the item", err);
	return rc;
}

enum gk_err gk_store_item_log_inserted(struct gk_store *s, struct gk_error *err)
{
	/* ids only grow within a transaction that holds the write lock, so the
	 * rows from inserted_from up are this transaction's new items */
	static const char log[] = "INSERT INTO item_changes(item_id)"
				  " SELECT id FROM items WHERE id >= ?1 ORDER BY id";
	static const char count[] =
		"UPDATE agency_items SET published = published + c.n"
		" FROM (SELECT agency_id, count(*) AS n FROM items"
		"  WHERE id >= ?1 AND status = 'published' GROUP BY agency_id) AS c"
		" WHERE agency_items.agency_id = c.agency_id";
	int64_t from = s->inserted_from;
	s->inserted_from = 0;
	enum gk_err rc = gk_db_exec(s, log, GK_ARGS(GK_INT(from)), NULL, "log the changes", err);
	return rc ? rc : gk_db_exec(s, count, GK_ARGS(GK_INT(from)), NULL, "count the items", err);
}

/* A row snapshot of item ID's current revision is kept for good before the
 * row changes: it stood for the row as it was. */
static enum gk_err keep_row_snapshot(struct gk_store *s, int64_t id, struct gk_error *err)
{
	int64_t rev_id = 0;
	char *full = NULL;
	enum gk_err rc = current_row_snapshot(s, id, &rev_id, &full, err);
	if (!rc && full)
		rc = gk_db_exec(s, "UPDATE item_revisions SET snapshot = ?2 WHERE id = ?1",
				GK_ARGS(GK_INT(rev_id), GK_TEXT(full)), NULL, "record revision",
				err);
	free(full);
	return rc;
}

enum gk_err gk_store_item_update(struct gk_store *s, struct gk_item *it, struct gk_error *err)
{
	static const char sql[] =
		"UPDATE items SET agency_id = ?1, status = ?2, revision = revision + 1, "
		"index_no = ?4, title = ?5, topic = ?6, genre = ?7, column_code = ?8, doc_no = ?9, "
		"written = ?10, published = ?11, year = ?12, validity = ?13, effective = ?14, "
		"ended = ?15, repealed_by = ?16, normative = ?17, outlets = ?18, keywords = ?19, "
		"summary = ?20, interp_kind = ?21, interprets_id = ?22, body = ?23, "
		"attachments = ?24, updated_at = ?26 WHERE id = ?25 AND revision = ?3";
	char outlets[128];
	gk_outlets_format(it->outlets, outlets, sizeof outlets);
	int64_t changed, now = (int64_t)time(NULL);
	/* the update's triggers count from the row as inserted, counted first */
	enum gk_err rc = s->inserted_from ? gk_store_item_log_inserted(s, err) : GK_OK;
	if (!rc)
		rc = keep_row_snapshot(s, it->id, err);
	if (!rc)
		rc = gk_db_exec(s, sql,
				GK_ARGS(ITEM_FIELDS(it, outlets), GK_INT(it->id), GK_INT(now)),
				&changed, "save item", err);
	if (rc == GK_ECONFLICT && gk_db_unique_violation(s))
		return index_taken(it, err);
	if (rc)
		return rc;
	if (changed == 0) {
		int64_t exists;
		static const char probe[] = "SELECT 1 FROM items WHERE id = ?1";
		rc = gk_db_int(s, probe, GK_ARGS(GK_INT(it->id)), &exists, "read item", err);
		if (rc == GK_ENOTFOUND)
			return gk_fail(err, GK_ENOTFOUND, "信息（编号%lld）不存在",
				       (long long)it->id);
		if (rc)
			return rc;
		return gk_fail(err, GK_ECONFLICT,
			       "信息（编号%lld）已被他人修改，请重新载入后再修改",
			       (long long)it->id);
	}
	it->revision++;
	it->updated_at = now;
	return GK_OK;
}

enum gk_err gk_store_item_revision_add(struct gk_store *s, int64_t id, int revision,
				       int64_t user_id, const char *action, const char *snapshot,
				       struct gk_error *err)
{
	static const char sql[] =
		"INSERT INTO item_revisions(item_id, revision, user_id, action, snapshot, at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	return gk_db_exec(s, sql,
			  GK_ARGS(GK_INT(id), GK_INT(revision), GK_ID(user_id), GK_TEXT(action),
				  GK_TEXT(snapshot), GK_INT(time(NULL))),
			  NULL, "record revision", err);
}

enum gk_err gk_store_item_snapshot(struct gk_store *s, int64_t id, int *revision, char **snapshot,
				   struct gk_error *err)
{
	static const char sql[] =
		"SELECT i.revision, r.snapshot FROM items i "
		"LEFT JOIN item_revisions r ON r.item_id = i.id AND r.revision = i.revision "
		"WHERE i.id = ?1";
	*snapshot = NULL;
	struct gk_stmt *st = gk_db_query(s, sql, GK_ARGS(GK_INT(id)), err);
	bool found = st && gk_stmt_row(st), row = false;
	if (found) {
		*revision = (int)gk_col_int(st, 0);
		row = is_row_snapshot(gk_col_text(st, 1));
		if (!row)
			*snapshot = gk_col_dup(st, 1);
	}
	enum gk_err rc = gk_stmt_end(st, "read item", err);
	if (!rc && row)
		rc = row_snapshot(s, id, snapshot, err);
	if (!rc && !found)
		rc = gk_fail(err, GK_ENOTFOUND, "信息（编号%lld）不存在", (long long)id);
	if (rc) {
		free(*snapshot);
		*snapshot = NULL;
	}
	return rc;
}

/* --- 索引号 serials ------------------------------------------------------------ */

enum gk_err gk_store_serial_next(struct gk_store *s, const char *series, long *serial,
				 struct gk_error *err)
{
	/* the increment is one statement, so two writers in one series (each
	 * in its transaction, the row locked by the first) never get one number */
	static const char bump[] = "UPDATE index_serials SET last = last + 1 WHERE series = ?1";
	static const char first[] = "INSERT INTO index_serials(series, last) VALUES (?1, 1)";
	static const char read[] = "SELECT last FROM index_serials WHERE series = ?1";
	int64_t changed = 0, last = 0;
	enum gk_err rc = gk_db_exec(s, bump, GK_ARGS(GK_TEXT(series)), &changed,
				    "allocate index number", err);
	if (!rc && changed == 0) {
		rc = gk_db_exec(s, first, GK_ARGS(GK_TEXT(series)), NULL, "allocate index number",
				err);
		/* another writer began the series meanwhile: take the next one */
		if (rc == GK_ECONFLICT && gk_db_unique_violation(s))
			rc = gk_db_exec(s, bump, GK_ARGS(GK_TEXT(series)), NULL,
					"allocate index number", err);
	}
	if (!rc)
		rc = gk_db_int(s, read, GK_ARGS(GK_TEXT(series)), &last, "allocate index number",
			       err);
	*serial = (long)last;
	return rc;
}

enum gk_err gk_store_serial_at_least(struct gk_store *s, const char *series, long serial,
				     struct gk_error *err)
{
	/* two plain statements, not an upsert: see serial_next */
	static const char raise[] =
		"UPDATE index_serials SET last = ?2 WHERE series = ?1 AND last < ?2";
	static const char known[] = "SELECT 1 FROM index_serials WHERE series = ?1";
	static const char first[] = "INSERT INTO index_serials(series, last) VALUES (?1, ?2)";
	int64_t changed = 0, one = 0;
	enum gk_err rc = gk_db_exec(s, raise, GK_ARGS(GK_TEXT(series), GK_INT(serial)), &changed,
				    "record index number", err);
	if (rc || changed)
		return rc;
	rc = gk_db_int(s, known, GK_ARGS(GK_TEXT(series)), &one, "record index number", err);
	if (rc != GK_ENOTFOUND)
		return rc;
	return gk_db_exec(s, first, GK_ARGS(GK_TEXT(series), GK_INT(serial)), NULL,
			  "record index number", err);
}
