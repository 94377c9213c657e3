/* The store's whole-catalogue reads (issue 9): the export read in parts
 * by keyset, the feeds' newest items per agency subtree and topic, the
 * guide's per-agency counts and the sitemap's id ranges — each checked
 * against the plain listing (gk_store_item_list) on a catalogue made by
 * random inserts and edits, with many items sharing a publication time so
 * that parts end in the middle of ties. */
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

#define NITEMS 400
#define MAXIDS 1024

struct fixture {
	struct tempdb db;
	struct gk_store *s;
	int64_t agencies[4]; /* root, dept (under root), county (under root), sub (under county) */
};

static unsigned rnd_state = 12345;

static unsigned rnd(unsigned n)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 8) % n;
}

static int64_t add_agency(struct gk_store *s, const char *code, int64_t parent)
{
	struct gk_agency a = {.parent_id = parent, .kind = GK_AGENCY_DEPARTMENT};
	snprintf(a.code, sizeof a.code, "%s", code);
	snprintf(a.name, sizeof a.name, "机构%s", code);
	assert_int_equal(gk_store_agency_add(s, &a, NULL), GK_OK);
	return a.id;
}

static const char *const topics[] = {"10", "10.1", "10.3", "1", "1.1", "100", "2"};
static const char *const times[] = {"2018-05-02 09:30", "2018-05-02 09:30", "2018-05-02",
				    "2017-01-01 08:00", "2016-12-31 23:59", "2018-05-03 10:00"};
static const enum gk_item_status statuses[] = {GK_ITEM_PUBLISHED, GK_ITEM_PUBLISHED,
					       GK_ITEM_PUBLISHED, GK_ITEM_DRAFT, GK_ITEM_WITHDRAWN};

static void randomise(struct fixture *f, struct gk_item *it)
{
	it->agency_id = f->agencies[rnd(4)];
	it->status = statuses[rnd(sizeof statuses / sizeof statuses[0])];
	snprintf(it->topic, sizeof it->topic, "%s", topics[rnd(sizeof topics / sizeof topics[0])]);
	snprintf(it->published, sizeof it->published, "%s",
		 times[rnd(sizeof times / sizeof times[0])]);
	it->validity = rnd(3) ? GK_VALID : GK_EXPIRED;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (!f || tempdb_open(&f->db, &f->s))
		return -1;
	f->agencies[0] = add_agency(f->s, "ROOT01", 0);
	f->agencies[1] = add_agency(f->s, "DEPT01", f->agencies[0]);
	f->agencies[2] = add_agency(f->s, "CNTY01", f->agencies[0]);
	f->agencies[3] = add_agency(f->s, "CNTY02", f->agencies[2]);
	struct gk_error err = {0};
	int64_t ids[NITEMS];
	assert_int_equal(gk_store_begin(f->s, &err), GK_OK);
	for (int i = 0; i < NITEMS; i++) {
		struct gk_item it = {.outlets = 1u << GK_OUTLET_WEBSITE};
		snprintf(it.title, sizeof it.title, "信息%d", i);
		snprintf(it.genre, sizeof it.genre, "notice");
		it.body = "<p>正文</p>";
		randomise(f, &it);
		assert_int_equal(gk_store_item_insert(f->s, &it, 0, &err), GK_OK);
		ids[i] = it.id;
	}
	/* edits move items between agencies, states and times */
	for (int i = 0; i < NITEMS / 2; i++) {
		struct gk_item it;
		assert_int_equal(gk_store_item_get(f->s, ids[rnd(NITEMS)], &it, &err), GK_OK);
		randomise(f, &it);
		assert_int_equal(gk_store_item_update(f->s, &it, &err), GK_OK);
		gk_item_release(&it);
	}
	assert_int_equal(gk_store_commit(f->s, &err), GK_OK);
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

struct ids {
	int64_t v[MAXIDS];
	int n;
	struct gk_item_key last;
};

static int collect(const struct gk_item *it, void *ctx)
{
	struct ids *l = ctx;
	assert_true(l->n < MAXIDS);
	l->v[l->n++] = it->id;
	return 0;
}

static int collect_export(struct gk_item *it, void *ctx)
{
	struct ids *l = ctx;
	assert_non_null(it->body); /* the export reads the body with the row */
	snprintf(l->last.published, sizeof l->last.published, "%s", it->published);
	l->last.id = it->id;
	return collect(it, ctx);
}

/* The plain listing of F (published items, newest first), every one. */
static void listing(struct gk_store *s, struct gk_item_filter f, struct ids *out)
{
	out->n = 0;
	f.limit = MAXIDS;
	f.offset = 0;
	assert_int_equal(gk_store_item_list(s, &f, collect, out, NULL, NULL), GK_OK);
}

static void export_equals_listing(void **state)
{
	struct fixture *f = *state;
	const struct gk_item_filter filters[] = {
		{.validity = -1},
		{.validity = -1, .agency_id = f->agencies[2], .agency_subtree = true},
		{.validity = -1, .agency_id = f->agencies[1]},
		{.validity = -1, .topic = "10"},
		{.validity = -1, .year = 2018},
		{.validity = GK_EXPIRED, .agency_id = f->agencies[0], .agency_subtree = true},
	};
	const int parts[] = {1, 7, 64, 1000};
	for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++) {
		struct ids want, got;
		listing(f->s, filters[i], &want);
		assert_true(want.n > 0);
		for (size_t p = 0; p < sizeof parts / sizeof parts[0]; p++) {
			struct gk_item_filter fl = filters[i];
			struct gk_item_key after = {"", 0};
			got.n = 0;
			for (int round = 0;; round++) {
				int before = got.n;
				fl.limit = parts[p];
				assert_int_equal(gk_store_item_export(f->s, &fl, &after,
								      collect_export, &got, NULL),
						 GK_OK);
				if (got.n - before < parts[p])
					break;
				after = got.last;
				assert_true(round < MAXIDS);
			}
			assert_int_equal(got.n, want.n);
			assert_memory_equal(got.v, want.v, (size_t)want.n * sizeof want.v[0]);
		}
		/* an offset skips that many before the first part */
		struct gk_item_filter fl = filters[i];
		struct gk_item_key top = {"", 0};
		fl.offset = want.n / 2;
		fl.limit = MAXIDS;
		got.n = 0;
		assert_int_equal(gk_store_item_export(f->s, &fl, &top, collect_export, &got, NULL),
				 GK_OK);
		assert_int_equal(got.n, want.n - want.n / 2);
		assert_memory_equal(got.v, want.v + want.n / 2, (size_t)got.n * sizeof want.v[0]);
	}
}

static void newest_equals_listing_head(void **state)
{
	struct fixture *f = *state;
	for (int limit = 1; limit <= 60; limit += 59) {
		for (int a = 0; a < 4; a++) {
			struct ids want, got = {.n = 0};
			listing(f->s,
				(struct gk_item_filter){.validity = -1,
							.agency_id = f->agencies[a],
							.agency_subtree = true},
				&want);
			assert_int_equal(gk_store_item_newest_of_agency(f->s, f->agencies[a], limit,
									collect, &got, NULL),
					 GK_OK);
			int n = want.n < limit ? want.n : limit;
			assert_int_equal(got.n, n);
			assert_memory_equal(got.v, want.v, (size_t)n * sizeof want.v[0]);
		}
		for (size_t t = 0; t < sizeof topics / sizeof topics[0]; t++) {
			struct ids want, got = {.n = 0};
			listing(f->s, (struct gk_item_filter){.validity = -1, .topic = topics[t]},
				&want);
			assert_int_equal(gk_store_item_newest_of_topic(f->s, topics[t], limit,
								       collect, &got, NULL),
					 GK_OK);
			int n = want.n < limit ? want.n : limit;
			assert_int_equal(got.n, n);
			assert_memory_equal(got.v, want.v, (size_t)n * sizeof want.v[0]);
		}
	}
}

static int note_change(int64_t item_id, int64_t seq, void *ctx)
{
	(void)seq;
	unsigned char *seen = ctx;
	assert_true(item_id > 0 && item_id < MAXIDS);
	seen[item_id] = 1;
	return 0;
}

/* Every item in the change log (new items are logged by the store, in a
 * bulk load once per batch: migration 15). */
static void assert_every_item_logged(struct fixture *f)
{
	unsigned char seen[MAXIDS] = {0};
	struct gk_error err = {0};
	int64_t max = 0;
	assert_int_equal(gk_store_item_changes(f->s, 0, note_change, seen, &err), GK_OK);
	for (int64_t id = 1;; id++) {
		struct gk_item it;
		enum gk_err rc = gk_store_item_get(f->s, id, &it, &err);
		if (rc == GK_ENOTFOUND)
			break;
		assert_int_equal(rc, GK_OK);
		gk_item_release(&it);
		assert_true(seen[id]);
		max = id;
	}
	assert_true(max >= NITEMS);
}

static void agency_counts_equal_a_recount(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	for (int round = 0; round < 6; round++) {
		for (int a = 0; a < 4; a++) {
			int64_t count = -1, total = -2;
			struct gk_item_filter fl = {.validity = -1,
						    .agency_id = f->agencies[a],
						    .agency_subtree = true};
			assert_int_equal(gk_store_item_list(f->s, &fl, NULL, NULL, &total, &err),
					 GK_OK);
			assert_int_equal(
				gk_store_agency_published(f->s, f->agencies[a], &count, &err),
				GK_OK);
			assert_int_equal(count, total);
		}
		assert_every_item_logged(f);
		/* more edits, two rounds rolled back: the counts follow the commits
		 * only; rounds 3–5 are bulk loads, whose new items are counted at
		 * the commit, some edited again before it */
		bool bulk = round >= 3;
		if (bulk)
			gk_store_bulk(f->s);
		assert_int_equal(gk_store_begin(f->s, &err), GK_OK);
		int64_t added[20];
		int nadded = 0;
		for (int i = 0; i < 40; i++) {
			struct gk_item it;
			if (bulk && i % 3 == 0 && nadded < 20) {
				struct gk_item fresh = {.outlets = 1u << GK_OUTLET_WEBSITE};
				snprintf(fresh.title, sizeof fresh.title, "新信息%d-%d", round, i);
				snprintf(fresh.genre, sizeof fresh.genre, "notice");
				fresh.body = "<p>正文</p>";
				randomise(f, &fresh);
				assert_int_equal(gk_store_item_insert(f->s, &fresh, 0, &err),
						 GK_OK);
				added[nadded++] = fresh.id;
				continue;
			}
			int64_t id = bulk && nadded && rnd(2) ? added[rnd((unsigned)nadded)]
							      : 1 + rnd(NITEMS);
			assert_int_equal(gk_store_item_get(f->s, id, &it, &err), GK_OK);
			randomise(f, &it);
			assert_int_equal(gk_store_item_update(f->s, &it, &err), GK_OK);
			gk_item_release(&it);
		}
		if (round == 1 || round == 4)
			gk_store_rollback(f->s);
		else
			assert_int_equal(gk_store_commit(f->s, &err), GK_OK);
		if (bulk)
			gk_store_bulk_end(f->s);
	}
	assert_every_item_logged(f);
	/* a new agency starts at zero */
	int64_t count = -1, fresh = add_agency(f->s, "NEW001", f->agencies[3]);
	assert_int_equal(gk_store_agency_published(f->s, fresh, &count, &err), GK_OK);
	assert_int_equal(count, 0);
}

static int collect_sitemap(int64_t id, int64_t updated_at, void *ctx)
{
	struct ids *l = ctx;
	assert_true(updated_at > 0);
	assert_true(l->n < MAXIDS);
	l->v[l->n++] = id;
	return 0;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static void sitemap_ranges_hold_every_published_item_once(void **state)
{
	struct fixture *f = *state;
	struct ids want, got = {.n = 0};
	listing(f->s, (struct gk_item_filter){.validity = -1}, &want);
	qsort(want.v, (size_t)want.n, sizeof want.v[0], cmp_id);
	int64_t max = 0;
	assert_int_equal(gk_store_item_published_max(f->s, &max, NULL), GK_OK);
	assert_int_equal(max, want.v[want.n - 1]);
	/* parts of 37 ids, skipping ranges without a published item as the index does */
	const int64_t per = 37;
	for (int64_t id = 1;;) {
		assert_int_equal(gk_store_item_published_from(f->s, id, &id, NULL), GK_OK);
		if (id == 0)
			break;
		int64_t part = (id - 1) / per + 1, before = got.n;
		assert_int_equal(gk_store_item_published_ids(f->s, (part - 1) * per + 1, part * per,
							     collect_sitemap, &got, NULL),
				 GK_OK);
		assert_true(got.n > before && got.n - before <= per);
		id = part * per + 1;
	}
	assert_int_equal(got.n, want.n);
	assert_memory_equal(got.v, want.v, (size_t)want.n * sizeof want.v[0]);
	int64_t none = -1;
	assert_int_equal(gk_store_item_published_from(f->s, max + 1, &none, NULL), GK_OK);
	assert_int_equal(none, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(export_equals_listing, setup, teardown),
		cmocka_unit_test_setup_teardown(newest_equals_listing_head, setup, teardown),
		cmocka_unit_test_setup_teardown(agency_counts_equal_a_recount, setup, teardown),
		cmocka_unit_test_setup_teardown(sitemap_ranges_hold_every_published_item_once,
						setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
