/* The store's contract: what every backend behind store/store.h must do,
 * checked through that header alone — the schema, the agency tree,
 * accounts, sessions, attempts, settings, transactions,
 * 索引号 serials, items with revisions, files and what the catalogue index reads, applications with
 * their queues, events and fees stored by their codes.
 *
 * The fixture (tempdb.h) opens a fresh database of the backend under test:
 * SQLite in a temporary folder; another backend runs the same suite by
 * giving tempdb_open its address. Rules (validation, scope, numbering) are
 * the service's and are tested in test_service.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "tempdb.h"

#include "store/store.h"

struct fixture {
	struct tempdb db;
	struct gk_store *s;
	int64_t root, dept, county, sub; /* an agency tree */
	int64_t user;                    /* an account in dept */
};

static struct gk_agency agency(const char *code, const char *name, int64_t parent)
{
	struct gk_agency a = {.parent_id = parent, .kind = GK_AGENCY_DEPARTMENT};
	snprintf(a.code, sizeof a.code, "%s", code);
	snprintf(a.name, sizeof a.name, "%s", name);
	return a;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (!f || tempdb_open(&f->db, &f->s))
		return -1;
	struct gk_agency root = agency("ROOT01", "某市人民政府", 0);
	root.kind = GK_AGENCY_GOVERNMENT;
	root.supervises = true;
	if (gk_store_agency_add(f->s, &root, NULL))
		return -1;
	struct gk_agency dept = agency("DEPT01", "某市环境保护局", root.id);
	struct gk_agency county = agency("CNTY01", "某县人民政府", root.id);
	if (gk_store_agency_add(f->s, &dept, NULL) || gk_store_agency_add(f->s, &county, NULL))
		return -1;
	struct gk_agency sub = agency("CNTY02", "某县环境保护局", county.id);
	if (gk_store_agency_add(f->s, &sub, NULL))
		return -1;
	struct gk_user u = {.agency_id = dept.id, .roles = GK_ROLE_EDITOR | GK_ROLE_HANDLER};
	snprintf(u.login, sizeof u.login, "clerk");
	snprintf(u.display_name, sizeof u.display_name, "办事员");
	snprintf(u.password_hash, sizeof u.password_hash, "$argon2id$not-a-real-hash");
	if (gk_store_user_add(f->s, &u, NULL))
		return -1;
	f->root = root.id;
	f->dept = dept.id;
	f->county = county.id;
	f->sub = sub.id;
	f->user = u.id;
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

static bool within(struct gk_store *s, int64_t a, int64_t b)
{
	bool yes = false;
	assert_int_equal(gk_store_agency_within(s, a, b, &yes, NULL), GK_OK);
	return yes;
}

/* --- the database ----------------------------------------------------------- */

static void open_needs_existing_file_or_writable_folder(void **state)
{
	struct gk_store *s;
	struct gk_error err = {0};
	(void)state;
	assert_int_equal(gk_store_open("/nonexistent-dir/x.db", GK_STORE_CREATE, &s, &err), GK_EIO);
	assert_null(s);
	assert_non_null(strstr(err.detail, "/nonexistent-dir"));
	assert_int_equal(gk_store_open("/tmp/gk-no-such.db", GK_STORE_OPEN, &s, &err), GK_EIO);
	assert_non_null(strstr(err.detail, "does not exist"));
	assert_int_equal(gk_store_open("nosuch://backend", GK_STORE_OPEN, &s, &err), GK_EUSAGE);
}

static void reopening_keeps_schema(void **state)
{
	struct fixture *f = *state;
	struct gk_store *again;
	assert_int_equal(gk_store_open(f->db.path, GK_STORE_OPEN, &again, NULL), GK_OK);
	struct gk_agency a;
	assert_int_equal(gk_store_agency_get(again, f->sub, &a, NULL), GK_OK);
	gk_store_free(again);
	assert_true(gk_store_schema_version() >= 7);
}

/* --- agencies --------------------------------------------------------------- */

static void agency_tree_and_subtrees(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	assert_true(within(f->s, f->sub, f->county));
	assert_true(within(f->s, f->sub, f->root));
	assert_true(within(f->s, f->county, f->county));
	assert_false(within(f->s, f->dept, f->county));
	assert_false(within(f->s, f->root, f->sub));
	assert_false(within(f->s, 9999, f->root));

	struct gk_agency dup = agency("DEPT01", "重复", f->root);
	assert_int_equal(gk_store_agency_add(f->s, &dup, &err), GK_ECONFLICT);
	assert_non_null(strstr(err.detail, "DEPT01"));

	struct gk_agency_list l;
	assert_int_equal(gk_store_agency_list(f->s, &l, &err), GK_OK);
	assert_int_equal(l.count, 4);
	assert_string_equal(l.items[0].code, "ROOT01");
	assert_int_equal(l.items[0].depth, 0);
	/* each parent comes before its children */
	for (size_t i = 1; i < l.count; i++) {
		int seen = 0;
		for (size_t j = 0; j < i; j++)
			seen |= l.items[j].id == l.items[i].parent_id;
		assert_true(seen);
	}
	gk_agency_list_release(&l);

	struct gk_agency got;
	assert_int_equal(gk_store_agency_by_code(f->s, "CNTY02", &got, &err), GK_OK);
	assert_string_equal(got.name, "某县环境保护局");
	assert_int_equal(got.depth, 2);
	snprintf(got.phone, sizeof got.phone, "0352-1234567");
	assert_int_equal(gk_store_agency_update(f->s, &got, &err), GK_OK);
	assert_int_equal(gk_store_agency_get(f->s, got.id, &got, &err), GK_OK);
	assert_string_equal(got.phone, "0352-1234567");
	assert_int_equal(gk_store_agency_by_code(f->s, "NOPE99", &got, &err), GK_ENOTFOUND);
	got.id = 9999;
	assert_int_equal(gk_store_agency_update(f->s, &got, &err), GK_ENOTFOUND);
	assert_int_equal(gk_store_agency_city_office(f->s, &got, &err), GK_OK);
	assert_string_equal(got.code, "ROOT01");
	assert_int_equal(gk_store_agency_root(f->s, &got, &err), GK_OK);
	assert_string_equal(got.code, "ROOT01");
}

/* --- accounts, sessions, attempts ------------------------------------------------- */

static int count_user(const struct gk_user *u, void *ctx)
{
	(void)u;
	(*(int *)ctx)++;
	return 0;
}

static void users_and_sessions(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	struct gk_user u;
	assert_int_equal(gk_store_user_by_login(f->s, "clerk", &u, &err), GK_OK);
	assert_int_equal(u.agency_id, f->dept);
	assert_string_equal(u.agency_name, "某市环境保护局");
	assert_false(u.city_wide);
	assert_int_equal(gk_store_user_by_login(f->s, "nobody", &u, &err), GK_ENOTFOUND);

	struct gk_user dup = u;
	dup.id = 0;
	snprintf(dup.login, sizeof dup.login, "clerk");
	assert_int_equal(gk_store_user_add(f->s, &dup, &err), GK_ECONFLICT);
	assert_int_equal(gk_store_user_set_password(f->s, f->user, "$argon2id$other", &err), GK_OK);
	assert_int_equal(gk_store_user_get(f->s, f->user, &u, &err), GK_OK);
	assert_string_equal(u.password_hash, "$argon2id$other");
	assert_int_equal(gk_store_user_set_password(f->s, 9999, "x", &err), GK_ENOTFOUND);
	int n = 0;
	assert_int_equal(gk_store_user_each(f->s, f->county, count_user, &n, &err), GK_OK);
	assert_int_equal(n, 0);
	assert_int_equal(gk_store_user_each(f->s, 0, count_user, &n, &err), GK_OK);
	assert_int_equal(n, 1);

	int64_t uid;
	char csrf[65];
	assert_int_equal(gk_store_session_add(f->s, "d1", f->user, "tok", 2000000000, 1, &err),
			 GK_OK);
	assert_int_equal(gk_store_session_get(f->s, "d1", 1900000000, 0, &uid, csrf, sizeof csrf,
					      NULL, &err),
			 GK_OK);
	assert_int_equal(uid, f->user);
	assert_string_equal(csrf, "tok");
	assert_int_equal(gk_store_session_get(f->s, "d1", 2000000001, 0, &uid, csrf, sizeof csrf,
					      NULL, &err),
			 GK_ENOTFOUND);
	/* adding a session forgets the expired ones */
	assert_int_equal(gk_store_session_add(f->s, "d2", f->user, "t2", 3000, 2500000000, &err),
			 GK_OK);
	assert_int_equal(
		gk_store_session_get(f->s, "d1", 0, 0, &uid, csrf, sizeof csrf, NULL, &err),
		GK_ENOTFOUND);
	assert_int_equal(gk_store_session_delete_user(f->s, f->user, &err), GK_OK);
	assert_int_equal(
		gk_store_session_get(f->s, "d2", 0, 0, &uid, csrf, sizeof csrf, NULL, &err),
		GK_ENOTFOUND);
}

static int64_t count_hits(struct gk_store *s, const char *key, int64_t since)
{
	int64_t n = -1;
	assert_int_equal(gk_store_rate_count(s, key, since, &n, NULL), GK_OK);
	return n;
}

static void rate_hits_count_in_window(void **state)
{
	struct fixture *f = *state;
	for (int i = 0; i < 3; i++)
		assert_int_equal(gk_store_rate_hit(f->s, "login:x", 100000 + i, NULL), GK_OK);
	assert_int_equal(gk_store_rate_hit(f->s, "apply:x", 100000, NULL), GK_OK);
	assert_int_equal(count_hits(f->s, "login:x", 100000), 3);
	assert_int_equal(count_hits(f->s, "login:x", 100002), 1);
	assert_int_equal(count_hits(f->s, "login:y", 0), 0);
	assert_int_equal(gk_store_rate_clear(f->s, "login:x", NULL), GK_OK);
	assert_int_equal(count_hits(f->s, "login:x", 0), 0);
	assert_int_equal(count_hits(f->s, "apply:x", 0), 1);
	/* a hit a day later forgets the old ones */
	assert_int_equal(gk_store_rate_hit(f->s, "apply:y", 100000 + 86401, NULL), GK_OK);
	assert_int_equal(count_hits(f->s, "apply:x", 0), 0);
}

/* --- transactions --------------------------------------------------------------- */

static void rollback_and_settings(void **state)
{
	struct fixture *f = *state;
	struct gk_agency a = agency("TX0001", "回滚", f->root), got;
	assert_int_equal(gk_store_begin(f->s, NULL), GK_OK);
	assert_true(gk_store_in_tx(f->s));
	assert_int_equal(gk_store_begin(f->s, NULL), GK_EINTERNAL); /* not nested */
	assert_int_equal(gk_store_agency_add(f->s, &a, NULL), GK_OK);
	gk_store_rollback(f->s);
	assert_false(gk_store_in_tx(f->s));
	assert_int_equal(gk_store_agency_by_code(f->s, "TX0001", &got, NULL), GK_ENOTFOUND);

	char v[16];
	assert_int_equal(gk_store_setting_get(f->s, "k", v, sizeof v, NULL), GK_ENOTFOUND);
	assert_int_equal(gk_store_setting_set(f->s, "k", "v1", NULL), GK_OK);
	assert_int_equal(gk_store_setting_set(f->s, "k", "v2", NULL), GK_OK);
	assert_int_equal(gk_store_setting_get(f->s, "k", v, sizeof v, NULL), GK_OK);
	assert_string_equal(v, "v2");
	/* init sets only what is unset: the first of racing processes wins */
	assert_int_equal(gk_store_setting_init(f->s, "k", "v3", NULL), GK_OK);
	assert_int_equal(gk_store_setting_get(f->s, "k", v, sizeof v, NULL), GK_OK);
	assert_string_equal(v, "v2");
	assert_int_equal(gk_store_setting_init(f->s, "k2", "w1", NULL), GK_OK);
	assert_int_equal(gk_store_setting_init(f->s, "k2", "w2", NULL), GK_OK);
	assert_int_equal(gk_store_setting_get(f->s, "k2", v, sizeof v, NULL), GK_OK);
	assert_string_equal(v, "w1");
}

static void serials_only_go_up(void **state)
{
	struct fixture *f = *state;
	long serial = 0;
	assert_int_equal(gk_store_serial_next(f->s, "A/2018-#", &serial, NULL), GK_OK);
	assert_int_equal(serial, 1);
	assert_int_equal(gk_store_serial_next(f->s, "A/2018-#", &serial, NULL), GK_OK);
	assert_int_equal(serial, 2);
	assert_int_equal(gk_store_serial_at_least(f->s, "A/2018-#", 40, NULL), GK_OK);
	assert_int_equal(gk_store_serial_at_least(f->s, "A/2018-#", 7, NULL), GK_OK);
	assert_int_equal(gk_store_serial_next(f->s, "A/2018-#", &serial, NULL), GK_OK);
	assert_int_equal(serial, 41);
	assert_int_equal(gk_store_serial_next(f->s, "B/2018-#", &serial, NULL), GK_OK);
	assert_int_equal(serial, 1);
}

/* --- items -------------------------------------------------------------------- */

static struct gk_item item(int64_t agency_id, const char *title)
{
	struct gk_item it = {.agency_id = agency_id, .status = GK_ITEM_PUBLISHED};
	it.outlets = 1u << GK_OUTLET_WEBSITE | 1u << GK_OUTLET_WEIBO;
	snprintf(it.title, sizeof it.title, "%s", title);
	snprintf(it.topic, sizeof it.topic, "10.3");
	snprintf(it.genre, sizeof it.genre, "notice");
	snprintf(it.published, sizeof it.published, "2018-05-02 09:30");
	it.validity = GK_REPEALED;
	it.normative = GK_NORM_DOCUMENT;
	return it;
}

/* What the catalogue index reads of an item: its doc and its head by id. */
struct doc_seen {
	int n;
	char path[64], title[128], files[64];
	int year;
};

static int see_doc(const struct gk_item_doc *d, void *ctx)
{
	struct doc_seen *seen = ctx;
	seen->n++;
	snprintf(seen->path, sizeof seen->path, "%s", d->agency_path);
	snprintf(seen->title, sizeof seen->title, "%s", d->title);
	snprintf(seen->files, sizeof seen->files, "%s", d->files);
	seen->year = d->year;
	return 0;
}

static int head_id(const struct gk_item *it, void *ctx)
{
	int64_t *out = ctx;
	while (*out)
		out++;
	*out = it->id;
	return 0;
}

static int count_item(const struct gk_item *it, void *ctx)
{
	(void)it;
	(*(int *)ctx)++;
	return 0;
}

struct change_log {
	int64_t ids[8], seqs[8];
	int n;
};

static int collect_change(int64_t item_id, int64_t seq, void *ctx)
{
	struct change_log *l = ctx;
	if (l->n < 8) {
		l->ids[l->n] = item_id;
		l->seqs[l->n] = seq;
	}
	l->n++;
	return 0;
}

/* Every write to an item is in the change log, in its own transaction:
 * readers catch up from their last seq, and the version only goes up. */
static void item_changes_are_logged(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	int64_t v0 = -1, v1 = -1, v2 = -1;
	assert_int_equal(gk_store_catalogue_version(f->s, &v0, &err), GK_OK);
	struct gk_item a = item(f->sub, "甲");
	struct gk_item b = item(f->sub, "乙");
	assert_int_equal(gk_store_item_insert(f->s, &a, f->user, &err), GK_OK);
	assert_int_equal(gk_store_item_insert(f->s, &b, f->user, &err), GK_OK);
	assert_int_equal(gk_store_catalogue_version(f->s, &v1, &err), GK_OK);
	assert_true(v1 >= v0 + 2);

	/* an edit of A moves it after B; a rolled-back edit leaves no trace */
	snprintf(a.title, sizeof a.title, "甲（修订）");
	assert_int_equal(gk_store_item_update(f->s, &a, &err), GK_OK);
	assert_int_equal(gk_store_begin(f->s, &err), GK_OK);
	snprintf(b.title, sizeof b.title, "乙（未保存）");
	assert_int_equal(gk_store_item_update(f->s, &b, &err), GK_OK);
	gk_store_rollback(f->s);
	assert_int_equal(gk_store_catalogue_version(f->s, &v2, &err), GK_OK);
	assert_int_equal(v2, v1 + 1);

	struct change_log l = {.n = 0};
	assert_int_equal(gk_store_item_changes(f->s, v0, collect_change, &l, &err), GK_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.ids[0], b.id);
	assert_int_equal(l.ids[1], a.id);
	assert_int_equal(l.seqs[1], v2);
	l.n = 0;
	assert_int_equal(gk_store_item_changes(f->s, v2, collect_change, &l, &err), GK_OK);
	assert_int_equal(l.n, 0);
}

static void items_round_trip_with_revisions(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	struct gk_item it = item(f->sub, "关于环境保护的通知");
	snprintf(it.index_no, sizeof it.index_no, "CNTY02/2018-00001");
	assert_int_equal(gk_store_item_insert(f->s, &it, f->user, &err), GK_OK);
	assert_true(it.id > 0);
	assert_int_equal(it.revision, 1);
	assert_int_equal(
		gk_store_item_revision_add(f->s, it.id, 1, f->user, "create", "{\"v\":1}", &err),
		GK_OK);
	struct doc_seen seen = {0};
	assert_int_equal(gk_store_item_doc(f->s, it.id, see_doc, &seen, &err), GK_OK);
	assert_int_equal(seen.n, 1);
	assert_string_equal(seen.title, it.title);
	assert_int_equal(seen.year, 2018);
	assert_true(strlen(seen.path) > 2 && seen.path[0] == '/');
	assert_string_equal(seen.files, "");
	assert_int_equal(gk_store_item_doc(f->s, 9999, see_doc, &seen, &err), GK_ENOTFOUND);
	seen.n = 0;
	assert_int_equal(gk_store_item_scan(f->s, see_doc, &seen, &err), GK_OK);
	assert_int_equal(seen.n, 1);
	int64_t heads[4] = {0}, ids[3] = {9999, it.id, it.id};
	assert_int_equal(gk_store_item_heads(f->s, ids, 3, true, head_id, heads, &err), GK_OK);
	assert_int_equal(heads[0], it.id); /* the missing id skipped, the order kept */
	assert_int_equal(heads[1], it.id);
	assert_int_equal(heads[2], 0);

	struct gk_item got;
	assert_int_equal(gk_store_item_get(f->s, it.id, &got, &err), GK_OK);
	assert_string_equal(got.title, it.title);
	assert_string_equal(got.agency_code, "CNTY02");
	/* enumerations and sets come back as they went in */
	assert_int_equal(got.validity, GK_REPEALED);
	assert_int_equal(got.normative, GK_NORM_DOCUMENT);
	assert_int_equal(got.status, GK_ITEM_PUBLISHED);
	assert_int_equal(got.outlets, 1u << GK_OUTLET_WEBSITE | 1u << GK_OUTLET_WEIBO);
	gk_item_release(&got);

	int64_t id = 0;
	assert_int_equal(gk_store_item_id_by_index(f->s, "CNTY02/2018-00001", &id, &err), GK_OK);
	assert_int_equal(id, it.id);
	assert_int_equal(gk_store_item_find(f->s, f->sub, it.title, it.published, &id, &err),
			 GK_OK);
	assert_int_equal(gk_store_item_id_by_index(f->s, "NONE", &id, &err), GK_ENOTFOUND);

	/* optimistic saves: the second writer of revision 1 loses */
	struct gk_item a = it, b = it;
	snprintf(a.title, sizeof a.title, "关于环境保护的通知（修订）");
	assert_int_equal(gk_store_item_update(f->s, &a, &err), GK_OK);
	assert_int_equal(a.revision, 2);
	assert_int_equal(gk_store_item_update(f->s, &b, &err), GK_ECONFLICT);
	b.id = 9999;
	assert_int_equal(gk_store_item_update(f->s, &b, &err), GK_ENOTFOUND);

	/* the 索引号 is unique */
	struct gk_item twin = item(f->dept, "同号");
	snprintf(twin.index_no, sizeof twin.index_no, "CNTY02/2018-00001");
	assert_int_equal(gk_store_item_insert(f->s, &twin, 0, &err), GK_ECONFLICT);

	int rev = 0;
	char *snap = NULL;
	assert_int_equal(gk_store_item_snapshot(f->s, it.id, &rev, &snap, &err), GK_OK);
	assert_int_equal(rev, 2);
	assert_null(snap); /* revision 2 kept no snapshot here */
	assert_int_equal(gk_store_item_snapshot(f->s, 9999, &rev, &snap, &err), GK_ENOTFOUND);

	/* listings: by the agency's subtree, and by what the index holds */
	int n = 0;
	struct gk_item_filter fl = {
		.agency_id = f->county, .agency_subtree = true, .validity = -1, .limit = 10};
	int64_t total = 0;
	assert_int_equal(gk_store_item_list(f->s, &fl, count_item, &n, &total, &err), GK_OK);
	assert_int_equal(n, 1);
	assert_int_equal(total, 1);
	fl.agency_subtree = false;
	assert_int_equal(gk_store_item_list(f->s, &fl, NULL, NULL, &total, &err), GK_OK);
	assert_int_equal(total, 0);
	/* searches are the catalogue index's (service/catalogue.c), never the store's */
	struct gk_item_filter q = {.validity = -1, .query = "环境保护", .limit = 10};
	assert_int_equal(gk_store_item_list(f->s, &q, NULL, NULL, &total, &err), GK_EINTERNAL);

	struct gk_annual_items c;
	assert_int_equal(report_items(f->s, f->county, true, 2018, &c), GK_OK);
	assert_int_equal(c.issued[1], 1);
}

static void files_are_kept_once(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	struct gk_item a = item(f->dept, "甲"), b = item(f->dept, "乙");
	assert_int_equal(gk_store_item_insert(f->s, &a, 0, &err), GK_OK);
	assert_int_equal(gk_store_item_insert(f->s, &b, 0, &err), GK_OK);
	static const char bytes[] = "%PDF-1.4 the same bytes";
	struct gk_upload up = {"方案.pdf", "application/pdf", bytes, sizeof bytes - 1};
	char sha[65];
	gk_attachment_sha256(bytes, sizeof bytes - 1, sha);
	assert_int_equal(gk_store_item_file_add(f->s, a.id, &up, sha, f->user, &err), GK_OK);
	assert_int_equal(gk_store_item_file_add(f->s, b.id, &up, sha, 0, &err), GK_OK);
	assert_int_equal(gk_store_item_files(f->s, &a, &err), GK_OK);
	assert_int_equal(gk_store_item_files(f->s, &b, &err), GK_OK);
	assert_int_equal(a.nfiles, 1);
	assert_string_equal(a.files[0].sha256, sha);

	struct gk_attachment meta;
	struct gk_buf data;
	gk_buf_init(&data, 1 << 20);
	assert_int_equal(gk_store_item_file_get(f->s, b.id, b.files[0].id, &meta, &data, &err),
			 GK_OK);
	assert_int_equal(data.len, sizeof bytes - 1);
	assert_memory_equal(data.data, bytes, data.len);
	/* removing it from one item keeps the bytes for the other */
	assert_int_equal(gk_store_item_file_delete(f->s, a.id, a.files[0].id, &err), GK_OK);
	assert_int_equal(gk_store_item_file_delete(f->s, a.id, a.files[0].id, &err), GK_ENOTFOUND);
	gk_buf_reset(&data);
	assert_int_equal(gk_store_item_file_get(f->s, b.id, b.files[0].id, &meta, &data, &err),
			 GK_OK);
	assert_int_equal(gk_store_item_file_get(f->s, a.id, a.files[0].id, &meta, NULL, &err),
			 GK_ENOTFOUND);
	gk_buf_release(&data);
	gk_item_release(&a);
	gk_item_release(&b);
}

/* --- applications ------------------------------------------------------------------ */

static long day(const char *s)
{
	struct gk_date d;
	assert_true(gk_date_parse(s, &d));
	return gk_date_to_days(d);
}

static int keep_event(const struct gk_app_event *ev, void *ctx)
{
	*(struct gk_app_event *)ctx = *ev;
	return 0;
}

static int keep_fee(const struct gk_app_fee *fee, void *ctx)
{
	*(struct gk_app_fee *)ctx = *fee;
	return 0;
}

/* Online consultation (issue 15): the asker only when asked for, the
 * database's own refusal to publish without consent, keyset pages of the
 * published, a subtree's counts by state. */
static int collect_ids(const struct gk_consultation *c, void *ctx)
{
	int64_t *ids = ctx;
	for (int i = 0; i < 8; i++)
		if (!ids[i]) {
			ids[i] = c->id;
			break;
		}
	return 0;
}

static void consultations_round_trip(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	struct gk_consultation c, got;
	int64_t id[3];
	for (int i = 0; i < 3; i++) {
		gk_consultation_init(&c);
		snprintf(c.code, sizeof c.code, "CNSLT0000%c", (char)('0' + i));
		c.agency_id = i == 2 ? f->dept : f->sub;
		snprintf(c.subject, sizeof c.subject, "主题%d", i);
		c.question = "咨询的内容";
		c.answer = "";
		c.received = day("2024-05-01");
		c.consent = i != 1;
		snprintf(c.asker.name, sizeof c.asker.name, "提问人%d", i);
		snprintf(c.asker.phone, sizeof c.asker.phone, "1391234000%d", i);
		assert_int_equal(gk_store_consultation_add(f->s, &c, &err), GK_OK);
		id[i] = c.id;
	}
	assert_int_equal(gk_store_consultation_add(f->s, &c, &err), GK_ECONFLICT);
	assert_int_equal(gk_store_consultation_by_code(f->s, "CNSLT00000", false, &got, &err),
			 GK_OK);
	assert_string_equal(got.asker.name, "");
	assert_string_equal(got.agency_code, "CNTY02");
	gk_consultation_release(&got);
	assert_int_equal(gk_store_consultation_get(f->s, id[0], true, &got, &err), GK_OK);
	assert_string_equal(got.asker.name, "提问人0");
	assert_string_equal(got.asker.phone, "13912340000");
	gk_consultation_release(&got);
	/* answered and published; the one without consent the database refuses */
	for (int i = 0; i < 3; i++) {
		assert_int_equal(gk_store_consultation_get(f->s, id[i], false, &got, &err), GK_OK);
		got.state = GK_QUESTION_ANSWERED;
		got.answered = day("2024-05-03");
		got.answered_by = f->user;
		got.published = true;
		enum gk_err rc = gk_store_consultation_update(f->s, &got, &err);
		gk_consultation_release(&got);
		if (i == 1) /* a CHECK: the store's failure, never a stored row */
			assert_int_not_equal(rc, GK_OK);
		else
			assert_int_equal(rc, GK_OK);
	}
	assert_int_equal(gk_store_consultation_get(f->s, id[2], false, &got, &err), GK_OK);
	assert_string_equal(got.answerer, "办事员");
	gk_consultation_release(&got);
	int64_t ids[8] = {0};
	struct gk_question_filter q = {.published = true, .state = -1, .limit = 1};
	assert_int_equal(gk_store_consultation_list(f->s, &q, collect_ids, ids, &err), GK_OK);
	assert_int_equal(ids[0], id[2]);
	q.before = ids[0];
	q.limit = 10;
	assert_int_equal(gk_store_consultation_list(f->s, &q, collect_ids, ids, &err), GK_OK);
	assert_int_equal(ids[1], id[0]);
	assert_int_equal(ids[2], 0);
	struct gk_question_counts n;
	assert_int_equal(gk_store_consultation_counts(f->s, f->county, 2024, &n, &err), GK_OK);
	assert_int_equal(n.total, 2);
	assert_int_equal(n.by_state[GK_QUESTION_ANSWERED], 1);
	assert_int_equal(n.by_state[GK_QUESTION_OPEN], 1);
	assert_int_equal(n.published, 1);
	assert_int_equal(gk_store_consultation_counts(f->s, 0, 2023, &n, &err), GK_OK);
	assert_int_equal(n.total, 0);
	struct gk_consultation none = {.id = 999999, .reason = ""};
	assert_int_equal(gk_store_consultation_update(f->s, &none, &err), GK_ENOTFOUND);
}

static void applications_round_trip(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	static struct gk_application app, got;
	gk_application_init(&app);
	snprintf(app.tracking_code, sizeof app.tracking_code, "ABCDEFGHJK");
	app.agency_id = f->sub;
	app.channel = GK_CHANNEL_LETTER;
	app.received = day("2024-03-01");
	app.state = GK_STATE_ASSIGNED;
	app.applicant_type = GK_APPLICANT_BUSINESS;
	app.delivery = GK_DELIVERY_POST;
	snprintf(app.description, sizeof app.description, "某文件");
	snprintf(app.applicant.name, sizeof app.applicant.name, "申请人甲");
	snprintf(app.applicant.id_number, sizeof app.applicant.id_number, "91140200MA0X");
	assert_int_equal(gk_store_application_add(f->s, &app, &err), GK_OK);
	assert_int_equal(gk_store_application_add(f->s, &app, &err), GK_ECONFLICT);

	app.handler_id = f->user;
	app.due = day("2024-03-22");
	app.clock_state = GK_CLOCK_RUNNING;
	app.outcome = GK_OUTCOME_NOT_EXIST;
	assert_int_equal(gk_store_application_update(f->s, &app, &err), GK_OK);
	assert_int_equal(gk_store_application_by_code(f->s, "ABCDEFGHJK", true, &got, &err), GK_OK);
	assert_int_equal(got.channel, GK_CHANNEL_LETTER);
	assert_int_equal(got.applicant_type, GK_APPLICANT_BUSINESS);
	assert_int_equal(got.delivery, GK_DELIVERY_POST);
	assert_int_equal(got.state, GK_STATE_ASSIGNED);
	assert_int_equal(got.clock_state, GK_CLOCK_RUNNING);
	assert_int_equal(got.outcome, GK_OUTCOME_NOT_EXIST);
	assert_int_equal(got.due, day("2024-03-22"));
	assert_string_equal(got.handler_name, "办事员");
	assert_string_equal(got.applicant.name, "申请人甲");
	assert_int_equal(gk_store_application_get(f->s, app.id, false, &got, &err), GK_OK);
	assert_string_equal(got.applicant.name, ""); /* personal data only when asked for */

	/* the queues pick by the view's code */
	struct gk_app_filter q = {.view = GK_VIEW_OVERDUE, .today = day("2024-04-01"), .limit = 10};
	int64_t total = 0;
	assert_int_equal(gk_store_application_list(f->s, &q, NULL, NULL, &total, &err), GK_OK);
	assert_int_equal(total, 1);
	q.view = GK_VIEW_MINE;
	q.user_id = f->user;
	assert_int_equal(gk_store_application_list(f->s, &q, NULL, NULL, &total, &err), GK_OK);
	assert_int_equal(total, 1);
	q.view = GK_VIEW_REVIEW;
	assert_int_equal(gk_store_application_list(f->s, &q, NULL, NULL, &total, &err), GK_OK);
	assert_int_equal(total, 0);
	q.view = GK_VIEW_ALL;
	q.scope = f->dept;
	assert_int_equal(gk_store_application_list(f->s, &q, NULL, NULL, &total, &err), GK_OK);
	assert_int_equal(total, 0);
	q.scope = f->county;
	q.year = 2024;
	assert_int_equal(gk_store_application_list(f->s, &q, NULL, NULL, &total, &err), GK_OK);
	assert_int_equal(total, 1);

	/* events and fees keep their codes */
	struct gk_app_event ev = {.day = day("2024-03-04"),
				  .clock = GK_CLOCK_CONSULT_START,
				  .party = GK_CONSULT_AGENCY,
				  .until = GK_NO_DAY,
				  .outcome = -1};
	snprintf(ev.action, sizeof ev.action, "start_consultation");
	snprintf(ev.to, sizeof ev.to, "consulting");
	assert_int_equal(gk_store_app_event_add(f->s, app.id, &ev, &err), GK_OK);
	struct gk_app_event back = {0};
	assert_int_equal(gk_store_app_events(f->s, app.id, keep_event, &back, &err), GK_OK);
	assert_int_equal(back.clock, GK_CLOCK_CONSULT_START);
	assert_int_equal(back.party, GK_CONSULT_AGENCY);
	assert_int_equal(back.outcome, -1);
	struct gk_app_fee fee = {.method = GK_FEE_BY_PAGES,
				 .pages = 300,
				 .amount = 3000,
				 .notice_day = day("2024-03-05"),
				 .notice_received = day("2024-03-05"),
				 .payment_due = day("2024-04-02")};
	assert_int_equal(gk_store_app_fee_add(f->s, app.id, &fee, &err), GK_OK);
	assert_int_equal(
		gk_store_app_fee_settle(f->s, app.id, GK_FEE_PAID, day("2024-03-06"), &err), GK_OK);
	assert_int_equal(
		gk_store_app_fee_settle(f->s, app.id, GK_FEE_PAID, day("2024-03-06"), &err),
		GK_ENOTFOUND);
	struct gk_app_fee fb = {0};
	assert_int_equal(gk_store_app_fees(f->s, app.id, keep_fee, &fb, &err), GK_OK);
	assert_int_equal(fb.status, GK_FEE_PAID);
	assert_int_equal(fb.method, GK_FEE_BY_PAGES);
	int ordinal = 0;
	assert_int_equal(gk_store_application_month_count(f->s, &app, &ordinal, &err), GK_OK);
	assert_int_equal(ordinal, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(open_needs_existing_file_or_writable_folder),
		cmocka_unit_test_setup_teardown(reopening_keeps_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(agency_tree_and_subtrees, setup, teardown),
		cmocka_unit_test_setup_teardown(users_and_sessions, setup, teardown),
		cmocka_unit_test_setup_teardown(rate_hits_count_in_window, setup, teardown),
		cmocka_unit_test_setup_teardown(rollback_and_settings, setup, teardown),
		cmocka_unit_test_setup_teardown(serials_only_go_up, setup, teardown),
		cmocka_unit_test_setup_teardown(items_round_trip_with_revisions, setup, teardown),
		cmocka_unit_test_setup_teardown(item_changes_are_logged, setup, teardown),
		cmocka_unit_test_setup_teardown(files_are_kept_once, setup, teardown),
		cmocka_unit_test_setup_teardown(applications_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(consultations_round_trip, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
