/* Unit tests for the bulk import of catalogue items (service/import.c):
 * the revision snapshot written directly equals jansson's, a re-import of
 * the same rows changes nothing, and an import that stops mid-way — a
 * failing write, or the process gone with a batch open — leaves a
 * consistent database that a re-run completes. The database is checked
 * through its own connection, as an outside observer. */
#include <setjmp.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "service/import.h"
#include "service/items.h"
#include "tempdb.h"

struct fixture {
	struct tempdb db;
	struct gk_store *s;
	struct gk_svc svc;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (tempdb_open(&f->db, &f->s))
		return -1;
	struct gk_agency city = {.kind = GK_AGENCY_GOVERNMENT};
	snprintf(city.code, sizeof city.code, "035200001");
	snprintf(city.name, sizeof city.name, "大同市人民政府");
	if (gk_store_agency_add(f->s, &city, NULL))
		return -1;
	struct gk_agency dept = {.kind = GK_AGENCY_DEPARTMENT, .parent_id = city.id};
	snprintf(dept.code, sizeof dept.code, "035205000");
	snprintf(dept.name, sizeof dept.name, "大同市环境保护局");
	if (gk_store_agency_add(f->s, &dept, NULL))
		return -1;
	gk_svc_init(&f->svc, f->s, NULL, NULL, "test");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	tempdb_remove(&f->db, f->s);
	free(f);
	return 0;
}

/* --- the snapshot ------------------------------------------------------------ */

static char *jansson_snapshot(const struct gk_item *it)
{
	json_t *o = gk_item_to_json(it, true);
	json_object_del(o, "id");
	json_object_del(o, "revision");
	char *text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	return text;
}

static void check_snapshot(const struct gk_item *it)
{
	char *fast = gk_item_snapshot(it), *slow = jansson_snapshot(it);
	assert_non_null(fast);
	assert_non_null(slow);
	assert_string_equal(fast, slow);
	free(fast);
	free(slow);
}

static void snapshot_is_janssons_byte_for_byte(void **state)
{
	(void)state;
	struct gk_item it = {.id = 42, .revision = 3, .agency_id = 1};
	snprintf(it.agency_code, sizeof it.agency_code, "035205000");
	snprintf(it.agency_name, sizeof it.agency_name, "环保\"局\\");
	snprintf(it.title, sizeof it.title, "关于</script>的通知\t\x01\x1f\x7f/");
	snprintf(it.topic, sizeof it.topic, "10.3");
	snprintf(it.genre, sizeof it.genre, "notice");
	snprintf(it.published, sizeof it.published, "2018-02-13 12:30");
	snprintf(it.summary, sizeof it.summary, "第一行\r\n第二行\b\f");
	it.outlets = 1u << GK_OUTLET_WEBSITE | 1u << GK_OUTLET_WECHAT;
	check_snapshot(&it); /* no body, no column, no attachments */
	it.body = strdup("<p>正文 \"引号\" \\ 反斜杠 \u2028 行分隔</p>\n");
	it.attachments =
		strdup("附件一|https://example.org/a.pdf\n无竖线的一行\n二|/files/b.doc\n");
	snprintf(it.column, sizeof it.column, "environment");
	it.validity = GK_REPEALED;
	it.normative = GK_NORM_DOCUMENT;
	snprintf(it.ended, sizeof it.ended, "2019-01-01");
	snprintf(it.repealed_by, sizeof it.repealed_by, "同环发〔2019〕1号");
	struct gk_attachment files[2] = {{.id = 7, .size = 1234}, {.id = 8, .size = 0}};
	snprintf(files[0].name, sizeof files[0].name, "报告.pdf");
	snprintf(files[0].media_type, sizeof files[0].media_type, "application/pdf");
	snprintf(files[0].sha256, sizeof files[0].sha256, "%064d", 1);
	snprintf(files[1].name, sizeof files[1].name, "a\"b.txt");
	snprintf(files[1].media_type, sizeof files[1].media_type, "text/plain");
	snprintf(files[1].sha256, sizeof files[1].sha256, "%064d", 2);
	it.files = files;
	it.nfiles = 2;
	check_snapshot(&it);
	/* an interpretation: without its policy yet, then linked */
	snprintf(it.genre, sizeof it.genre, "interpretation");
	snprintf(it.interp_kind, sizeof it.interp_kind, "expert");
	check_snapshot(&it);
	it.interprets_id = 9;
	snprintf(it.interprets_index, sizeof it.interprets_index, "035205000/2018-00033");
	snprintf(it.interprets_title, sizeof it.interprets_title, "大同市扬尘污染防治办法");
	check_snapshot(&it);
	/* a field that is not UTF-8: jansson drops it, and so does the snapshot */
	snprintf(it.keywords, sizeof it.keywords, "bad \xff byte");
	check_snapshot(&it);
	it.keywords[0] = '\0';
	it.body[1] = '\xff';
	check_snapshot(&it);
	it.files = NULL;
	it.nfiles = 0;
	gk_item_release(&it);
}

/* --- importing ------------------------------------------------------------------ */

/* Rows as a file would carry them; the interpretation names a policy that
 * comes later; one has no 索引号; "TITLE" is replaced by each row's title. */
static const char *const rows[] = {
	"{\"index_no\":\"035205000/2018-00032\",\"agency\":\"035205000\",\"title\":\"关于加强扬尘污染防治的通知\","
	"\"topic\":\"10.3\",\"genre\":\"notice\",\"doc_no\":\"同环发(2018)12号\",\"published\":\"2018-02-13 12:30\","
	"\"channels\":[\"website\",\"wechat\"],\"body\":\"第一段\\n第二段\","
	"\"attachments\":[{\"name\":\"方案\",\"url\":\"https://example.org/a.pdf\"}]}",
	"{\"index_no\":\"035205000/2018-00034\",\"agency\":\"035205000\",\"title\":\"《扬尘污染防治办法》解读\","
	"\"topic\":\"10.3\",\"genre\":\"interpretation\",\"interp_kind\":\"expert\","
	"\"interprets\":\"035205000/2018-00033\",\"published\":\"2018-03-02\"}",
	"{\"index_no\":\"035205000/2018-00033\",\"agency\":\"035205000\",\"title\":\"大同市扬尘污染防治办法\","
	"\"topic\":\"10.3\",\"genre\":\"measures\",\"normative\":\"normative\",\"published\":\"2018-03-01\","
	"\"body\":\"<p>第一条</p><script>alert(1)</script>\"}",
	"{\"agency\":\"035200001\",\"title\":\"无索引号的信息\",\"topic\":\"2.1\",\"genre\":\"news\","
	"\"published\":\"2018-04-01\"}",
	"{\"index_no\":\"035200001/2018-00007\",\"agency\":\"035200001\",\"title\":\"第五条\",\"topic\":\"2.1\","
	"\"genre\":\"notice\",\"published\":\"2018-05-01\"}",
	"{\"index_no\":\"035200001/2018-00008\",\"agency\":\"035200001\",\"title\":\"第六条\",\"topic\":\"2.1\","
	"\"genre\":\"notice\",\"published\":\"2018-05-02\"}",
};
#define NROWS ((long)(sizeof rows / sizeof rows[0]))

static void no_report(long line, const char *reason, void *ctx)
{
	(void)line;
	(void)reason;
	(void)ctx;
	fail_msg("unexpected bad row");
}

/* Imports ROWS[0..n) in batches of BATCH into IM (begun by the caller);
 * returns the first fatal error, with bad rows counted in *BAD. */
static enum gk_err feed(struct gk_item_import *im, long n, long *bad)
{
	for (long i = 0; i < n; i++) {
		struct gk_error err = {0};
		json_t *obj = json_loads(rows[i], 0, NULL);
		assert_non_null(obj);
		enum gk_err rc = gk_svc_import_row(im, obj, i + 1, &err);
		json_decref(obj);
		if (gk_svc_import_fatal(rc))
			return rc;
		*bad += rc != GK_OK;
		if ((rc = gk_svc_import_next(im, &err)))
			return rc;
	}
	return GK_OK;
}

static void import_all(struct fixture *f, long *added, long *updated, long *unchanged)
{
	struct gk_item_import im;
	struct gk_error err = {0};
	long bad = 0;
	assert_int_equal(gk_svc_import_begin(&im, &f->svc, 2, &err), GK_OK);
	enum gk_err rc = feed(&im, NROWS, &bad);
	assert_int_equal(gk_svc_import_end(&im, rc, "rows", bad, no_report, NULL, &err), GK_OK);
	assert_int_equal(bad, 0);
	*added = im.added;
	*updated = im.updated;
	*unchanged = im.unchanged;
}

/* One number from the database through a connection of its own. */
static long long count(struct fixture *f, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long n = -1;
	assert_int_equal(sqlite3_open_v2(f->db.path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static void exec(struct fixture *f, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->db.path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/* Every item has its revisions up to its own, its change-log entry, and a
 * 索引号 whose series counter is at least its serial. */
static void assert_consistent(struct fixture *f, long long items)
{
	assert_int_equal(count(f, "SELECT count(*) FROM items"), items);
	assert_int_equal(
		count(f, "SELECT count(*) FROM items i WHERE NOT EXISTS (SELECT 1 FROM "
			 "item_revisions r WHERE r.item_id = i.id AND r.revision = i.revision)"),
		0);
	assert_int_equal(count(f, "SELECT count(*) FROM item_revisions r WHERE NOT EXISTS "
				  "(SELECT 1 FROM items i WHERE i.id = r.item_id)"),
			 0);
	assert_int_equal(count(f, "SELECT count(*) FROM items i WHERE NOT EXISTS "
				  "(SELECT 1 FROM item_changes c WHERE c.item_id = i.id)"),
			 0);
	/* per-agency counts, written once per batch by an import (migration 15) */
	assert_int_equal(count(f, "SELECT count(*) FROM agency_items a WHERE a.published <> "
				  "(SELECT count(*) FROM items i WHERE i.agency_id = a.agency_id "
				  "AND i.status = 'published')"),
			 0);
	assert_int_equal(count(f,
			       "SELECT count(*) FROM items i WHERE i.index_no IS NULL OR NOT "
			       "EXISTS (SELECT 1 FROM index_serials s WHERE s.series = "
			       "substr(i.index_no, 1, length(i.index_no) - 5) || '#' AND s.last >= "
			       "CAST(substr(i.index_no, -5) AS INTEGER))"),
			 0);
}

static void reimport_changes_nothing(void **state)
{
	struct fixture *f = *state;
	long added, updated, unchanged;
	import_all(f, &added, &updated, &unchanged);
	assert_int_equal(added, NROWS);
	assert_int_equal(updated + unchanged, 0);
	assert_consistent(f, NROWS);
	/* the interpretation was linked at the end: a second revision */
	assert_int_equal(count(f, "SELECT revision FROM items WHERE index_no = "
				  "'035205000/2018-00034' AND interprets_id IS NOT NULL"),
			 2);
	long long revisions = count(f, "SELECT count(*) FROM item_revisions");
	long long changes = count(f, "SELECT max(seq) FROM item_changes");
	long long audits = count(f, "SELECT count(*) FROM audit_log WHERE action = 'import'");
	assert_int_equal(audits, 1);

	import_all(f, &added, &updated, &unchanged);
	assert_int_equal(unchanged, NROWS);
	assert_int_equal(added + updated, 0);
	/* nothing written but the import's own audit row */
	assert_int_equal(count(f, "SELECT count(*) FROM item_revisions"), revisions);
	assert_int_equal(count(f, "SELECT max(seq) FROM item_changes"), changes);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'import'"),
			 audits + 1);
	assert_consistent(f, NROWS);
}

static int revision_cb(const struct gk_item_revision *rev, void *ctx)
{
	char **snaps = ctx;
	assert_true(rev->revision >= 1 && rev->revision <= 3);
	snaps[rev->revision - 1] = strdup(rev->snapshot);
	return 0;
}

/* The full snapshot of item ID as the store holds it now. */
static char *stored_item_snapshot(struct fixture *f, int64_t id)
{
	struct gk_item it;
	assert_int_equal(gk_store_item_get(f->s, id, &it, NULL), GK_OK);
	char *snap = gk_item_snapshot(&it);
	assert_non_null(snap);
	gk_item_release(&it);
	return snap;
}

/* A new item's snapshot does not copy the item (GK_ITEM_SNAPSHOT_ROW), yet
 * every reader sees the full snapshot, an edit keeps the old body in the
 * history, and a re-import still finds what changed and what did not. */
static void imported_items_keep_their_body_once(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	long added, updated, unchanged;
	import_all(f, &added, &updated, &unchanged);
	/* all but the interpretation, whose link made a second revision */
	assert_int_equal(count(f, "SELECT count(*) FROM item_revisions WHERE "
				  "snapshot = '" GK_ITEM_SNAPSHOT_ROW "'"),
			 NROWS - 1);
	assert_int_equal(count(f, "SELECT count(*) FROM item_revisions WHERE "
				  "instr(snapshot, '第一段') > 0"),
			 0);
	int64_t id = count(f, "SELECT id FROM items WHERE index_no = '035205000/2018-00032'");
	char *first = stored_item_snapshot(f, id), *snap = NULL;
	assert_non_null(strstr(first, "第二段"));
	int revision = 0;
	assert_int_equal(gk_store_item_snapshot(f->s, id, &revision, &snap, &err), GK_OK);
	assert_int_equal(revision, 1);
	assert_string_equal(snap, first);
	free(snap);
	/* the linked interpretation's first revision was filled in */
	int64_t interp = count(f, "SELECT id FROM items WHERE index_no = '035205000/2018-00034'");
	char *snaps[3] = {0};
	assert_int_equal(gk_store_item_revisions(f->s, interp, revision_cb, snaps, &err), GK_OK);
	assert_non_null(snaps[0]);
	assert_non_null(snaps[1]);
	assert_true(snaps[0][0] == '{' && snaps[1][0] == '{');
	assert_null(strstr(snaps[0], "\"interprets\":{"));
	assert_non_null(strstr(snaps[1], "\"interprets\":{"));
	free(snaps[0]);
	free(snaps[1]);

	/* an edit of the body: the history keeps the imported one */
	struct gk_item it;
	assert_int_equal(gk_store_item_get(f->s, id, &it, &err), GK_OK);
	free(it.body);
	it.body = strdup("<p>修改后的正文</p>");
	assert_int_equal(gk_svc_item_save(&f->svc, &it, "edit", &err), GK_OK);
	gk_item_release(&it);
	memset(snaps, 0, sizeof snaps);
	assert_int_equal(gk_store_item_revisions(f->s, id, revision_cb, snaps, &err), GK_OK);
	assert_string_equal(snaps[0], first);
	assert_non_null(strstr(snaps[1], "修改后的正文"));
	assert_null(snaps[2]);
	assert_int_equal(count(f, "SELECT count(*) FROM item_revisions WHERE "
				  "snapshot = '" GK_ITEM_SNAPSHOT_ROW "'"),
			 NROWS - 2);
	free(snaps[0]);
	free(snaps[1]);
	free(first);

	/* a re-import: the edited item goes back to the file's body */
	import_all(f, &added, &updated, &unchanged);
	assert_int_equal(added, 0);
	assert_int_equal(updated, 1);
	assert_int_equal(unchanged, NROWS - 1);
	memset(snaps, 0, sizeof snaps);
	assert_int_equal(gk_store_item_revisions(f->s, id, revision_cb, snaps, &err), GK_OK);
	assert_non_null(snaps[2]);
	assert_non_null(strstr(snaps[2], "第二段"));
	assert_non_null(strstr(snaps[1], "修改后的正文"));
	for (int i = 0; i < 3; i++)
		free(snaps[i]);
	assert_consistent(f, NROWS);
}

/* A lean snapshot (an imported item's snapshot with its body null, as
 * migrations 14 to 16 had them) reads the same after migration 17 turns
 * it into the marker. */
static void lean_snapshots_become_row_snapshots(void **state)
{
	struct fixture *f = *state;
	long added, updated, unchanged;
	import_all(f, &added, &updated, &unchanged);
	int64_t id = count(f, "SELECT id FROM items WHERE index_no = '035205000/2018-00032'");
	char *full = stored_item_snapshot(f, id);
	/* the old form, written as gongkai 16 wrote it */
	char *body = strstr(full, ",\"body\":\""), *channels = strstr(full, ",\"channels\":");
	assert_non_null(body);
	assert_non_null(channels);
	char lean[8192];
	snprintf(lean, sizeof lean, "%.*s,\"body\":null%s", (int)(body - full), full, channels);
	gk_store_free(f->s);
	f->s = NULL;
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(f->db.path, &db), SQLITE_OK);
	assert_int_equal(
		sqlite3_prepare_v2(db, "UPDATE item_revisions SET snapshot = ?1 WHERE item_id = ?2",
				   -1, &st, NULL),
		SQLITE_OK);
	sqlite3_bind_text(st, 1, lean, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	/* migration 17 replayed on it (the later ones ran already) */
	assert_non_null(gk_store_migration_sqlite(17));
	assert_int_equal(sqlite3_exec(db, gk_store_migration_sqlite(17), NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	struct gk_error err = {0};
	assert_int_equal(gk_store_open(f->db.path, GK_STORE_OPEN, &f->s, &err), GK_OK);
	f->svc.store = f->s;
	assert_int_equal(
		count(f,
		      "SELECT count(*) FROM item_revisions WHERE snapshot = '" GK_ITEM_SNAPSHOT_ROW
		      "'"),
		NROWS - 1);
	char *snap = NULL;
	int revision = 0;
	assert_int_equal(gk_store_item_snapshot(f->s, id, &revision, &snap, &err), GK_OK);
	assert_string_equal(snap, full);
	free(snap);
	free(full);
}

/* The items' CHECKs, rewritten in migration 15 without IN lists, still
 * refuse what they refused. */
static int refused(struct fixture *f, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->db.path, &db), SQLITE_OK);
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	int ext = sqlite3_extended_errcode(db);
	sqlite3_close(db);
	return rc == SQLITE_CONSTRAINT && ext == SQLITE_CONSTRAINT_CHECK;
}

static void item_checks_still_hold(void **state)
{
	struct fixture *f = *state;
	long added, updated, unchanged;
	import_all(f, &added, &updated, &unchanged);
	assert_true(refused(f, "UPDATE items SET status = 'gone' WHERE id = 1"));
	assert_true(refused(f, "UPDATE items SET validity = 'Valid' WHERE id = 1"));
	assert_true(refused(f, "UPDATE items SET normative = 'law' WHERE id = 1"));
	assert_true(refused(f, "INSERT INTO items(agency_id, title, topic, genre, status) "
			       "SELECT agency_id, 'x', topic, genre, 'draftx' FROM items "
			       "WHERE id = 1"));
	/* and accept every value the code writes */
	exec(f, "UPDATE items SET status = 'withdrawn', validity = 'repealed', normative = 'rule' "
		"WHERE id = 1");
	exec(f, "UPDATE items SET status = 'draft', validity = 'expired', normative = '' "
		"WHERE id = 1");
	exec(f, "UPDATE items SET status = 'published', validity = 'valid', "
		"normative = 'normative' WHERE id = 1");
	assert_int_equal(count(f, "SELECT count(*) FROM sqlite_schema WHERE name = 'items' AND "
				  "sql LIKE '%IN (%'"),
			 0);
}

static void failing_write_rolls_back_its_batch_only(void **state)
{
	struct fixture *f = *state;
	struct gk_item_import im;
	struct gk_error err = {0};
	long bad = 0;
	/* the fifth row's insert fails in the database, as a full disk would */
	exec(f, "CREATE TRIGGER fail_fifth BEFORE INSERT ON items WHEN new.title = '第五条' "
		"BEGIN SELECT RAISE(ABORT, 'injected failure'); END;");
	assert_int_equal(gk_svc_import_begin(&im, &f->svc, 2, &err), GK_OK);
	enum gk_err rc = feed(&im, NROWS, &bad);
	assert_int_equal(rc, GK_EDB);
	assert_int_equal(gk_svc_import_end(&im, rc, "rows", bad, no_report, NULL, &err), GK_EDB);
	/* batches 1 and 2 (rows 1–4) are kept, whole; the third is gone */
	assert_consistent(f, 4);
	assert_int_equal(count(f, "SELECT count(*) FROM items WHERE title = '第五条'"), 0);
	/* the policy came in batch 2 but the link waits for the end: not made */
	assert_int_equal(count(f, "SELECT count(*) FROM items WHERE interprets_id IS NOT NULL"), 0);

	exec(f, "DROP TRIGGER fail_fifth;");
	long added, updated, unchanged;
	import_all(f, &added, &updated, &unchanged);
	assert_int_equal(added, 2);
	/* the interpretation gets its link now, which is a change */
	assert_int_equal(updated, 1);
	assert_int_equal(unchanged, 3);
	assert_consistent(f, NROWS);
	assert_int_equal(count(f, "SELECT count(*) FROM items WHERE interprets_id IS NOT NULL"), 1);
}

/* The series an import moves on are written once per batch, yet a row
 * without a 索引号 after one with a number in its series, in the same
 * batch, gets the next number, as when the series moved on at each row. */
static void numbers_given_after_the_series_moved_on(void **state)
{
	struct fixture *f = *state;
	static const char *const mixed[] = {
		"{\"index_no\":\"035200001/2018-00007\",\"agency\":\"035200001\",\"title\":\"甲\","
		"\"topic\":\"2.1\",\"genre\":\"notice\",\"published\":\"2018-05-01\"}",
		"{\"agency\":\"035200001\",\"title\":\"乙\",\"topic\":\"2.1\",\"genre\":\"news\","
		"\"published\":\"2018-06-01\"}",
		"{\"index_no\":\"035200001/2018-00012\",\"agency\":\"035200001\",\"title\":\"丙\","
		"\"topic\":\"2.1\",\"genre\":\"notice\",\"published\":\"2018-07-01\"}",
	};
	struct gk_item_import im;
	struct gk_error err = {0};
	long bad = 0;
	assert_int_equal(gk_svc_import_begin(&im, &f->svc, 100, &err), GK_OK);
	for (long i = 0; i < 3; i++) {
		json_t *obj = json_loads(mixed[i], 0, NULL);
		assert_int_equal(gk_svc_import_row(&im, obj, i + 1, &err), GK_OK);
		json_decref(obj);
		assert_int_equal(gk_svc_import_next(&im, &err), GK_OK);
	}
	assert_int_equal(gk_svc_import_end(&im, GK_OK, "rows", bad, no_report, NULL, &err), GK_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM items WHERE title = '乙' AND "
				  "index_no = '035200001/2018-00008'"),
			 1);
	assert_int_equal(
		count(f, "SELECT last FROM index_serials WHERE series = '035200001/2018-#'"), 12);
	assert_consistent(f, 3);
}

static void killed_import_keeps_what_was_committed(void **state)
{
	struct fixture *f = *state;
	struct gk_item_import im;
	struct gk_error err = {0};
	long bad = 0;
	assert_int_equal(gk_svc_import_begin(&im, &f->svc, 2, &err), GK_OK);
	assert_int_equal(feed(&im, 5, &bad), GK_OK);
	/* the process dies with row 5 in an open batch: no end, no commit */
	gk_store_free(f->s);
	free(im.pending);
	free(im.agencies);
	gk_serial_marks_release(&im.serials);
	assert_int_equal(gk_store_open(f->db.path, GK_STORE_OPEN, &f->s, &err), GK_OK);
	gk_svc_init(&f->svc, f->s, NULL, NULL, "test");
	assert_consistent(f, 4);

	long added, updated, unchanged;
	import_all(f, &added, &updated, &unchanged);
	assert_int_equal(added, 2);
	assert_int_equal(updated, 1); /* the interpretation's link, lost with the batch */
	assert_int_equal(unchanged, 3);
	assert_consistent(f, NROWS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(snapshot_is_janssons_byte_for_byte),
		cmocka_unit_test_setup_teardown(reimport_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(imported_items_keep_their_body_once, setup,
						teardown),
		cmocka_unit_test_setup_teardown(lean_snapshots_become_row_snapshots, setup,
						teardown),
		cmocka_unit_test_setup_teardown(item_checks_still_hold, setup, teardown),
		cmocka_unit_test_setup_teardown(failing_write_rolls_back_its_batch_only, setup,
						teardown),
		cmocka_unit_test_setup_teardown(numbers_given_after_the_series_moved_on, setup,
						teardown),
		cmocka_unit_test_setup_teardown(killed_import_keeps_what_was_committed, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
