/* Unit tests for the catalogue: 索引号 formats and assignment, item
 * validation, and the item store (revisions, conflicts, normative-document
 * counts); listings and searches through the live catalogue index, checked
 * against a recount after random changes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "service/applications.h"
#include "service/catalogue.h"
#include "service/items.h"
#include "tempdb.h"

#include "core/index_no.h"
#include "core/item.h"
#include "store/store.h"

struct fixture {
	struct tempdb db;
	struct gk_store *s;
	int64_t city, office, dept;
	struct gk_catalogue *catalogue; /* opened by live() */
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (tempdb_open(&f->db, &f->s))
		return -1;
	struct gk_agency a = {.kind = GK_AGENCY_GOVERNMENT};
	snprintf(a.code, sizeof a.code, "035200001");
	snprintf(a.name, sizeof a.name, "大同市人民政府");
	if (gk_store_agency_add(f->s, &a, NULL))
		return -1;
	f->city = a.id;
	struct gk_agency b = {.kind = GK_AGENCY_OFFICE, .parent_id = f->city};
	snprintf(b.code, sizeof b.code, "035200000");
	snprintf(b.name, sizeof b.name, "大同市人民政府办公厅");
	if (gk_store_agency_add(f->s, &b, NULL))
		return -1;
	f->office = b.id;
	struct gk_agency c = {.kind = GK_AGENCY_DEPARTMENT, .parent_id = f->city};
	snprintf(c.code, sizeof c.code, "035205000");
	snprintf(c.name, sizeof c.name, "大同市环境保护局");
	if (gk_store_agency_add(f->s, &c, NULL))
		return -1;
	f->dept = c.id;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	gk_catalogue_free(f->catalogue);
	tempdb_remove(&f->db, f->s);
	free(f);
	return 0;
}

static struct gk_item item(int64_t agency, const char *title, const char *published)
{
	struct gk_item it = {.agency_id = agency, .outlets = 1u << GK_OUTLET_WEBSITE};
	snprintf(it.title, sizeof it.title, "%s", title);
	snprintf(it.topic, sizeof it.topic, "10.3");
	snprintf(it.genre, sizeof it.genre, "notice");
	snprintf(it.published, sizeof it.published, "%s", published);
	return it;
}

/* --- pure logic --------------------------------------------------------------- */

static void index_format_renders_and_matches(void **state)
{
	char out[GK_INDEX_MAX], series[GK_INDEX_MAX];
	int year;
	long serial;
	assert_int_equal(
		gk_index_render(GK_INDEX_FORMAT_DEFAULT, "035200000", "10.3", 2018, 32, out, NULL),
		GK_OK);
	assert_string_equal(out, "035200000/2018-00032");
	assert_int_equal(
		gk_index_render(GK_INDEX_FORMAT_DEFAULT, "035200000", "10.3", 2018, 0, out, NULL),
		GK_OK);
	assert_string_equal(out, "035200000/2018-#");
	assert_int_equal(gk_index_render("{code}-{topic}-{year}-{serial:4}", "11A", "10.3", 2021, 7,
					 out, NULL),
			 GK_OK);
	assert_string_equal(out, "11A-10-2021-0007");
	assert_true(gk_index_match(GK_INDEX_FORMAT_DEFAULT, "035200000", "035200000/2018-00032",
				   &year, &serial, series));
	assert_int_equal(year, 2018);
	assert_int_equal(serial, 32);
	assert_string_equal(series, "035200000/2018-#");
	assert_false(gk_index_match(GK_INDEX_FORMAT_DEFAULT, "035200000", "035200001/2018-00032",
				    &year, &serial, series));
	assert_false(gk_index_match(GK_INDEX_FORMAT_DEFAULT, "035200000", "035200000/2018-32",
				    &year, &serial, series));
	assert_int_equal(gk_index_format_check("{code}/{serial}", NULL), GK_EINVAL);
	assert_int_equal(gk_index_format_check("{code}/{year}-{serial}{x}", NULL), GK_EINVAL);
	assert_int_equal(gk_index_format_check("{code} {year}-{serial}", NULL), GK_EINVAL);
}

static void validation_names_the_field(void **state)
{
	struct gk_error err = {0};
	struct gk_item it = item(1, "标题", "2018-02-13 12:30");
	assert_int_equal(gk_item_validate(&it, &err), GK_OK);
	it.title[0] = '\0';
	assert_int_equal(gk_item_validate(&it, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "标题"));
	it = item(1, "标题", "2018-02-30");
	assert_int_equal(gk_item_validate(&it, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "发布日期"));
	it = item(1, "标题", "2018-02-13");
	snprintf(it.topic, sizeof it.topic, "99");
	assert_int_equal(gk_item_validate(&it, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "主题分类"));
	it = item(1, "标题", "2018-02-13");
	it.validity = GK_REPEALED;
	assert_int_equal(gk_item_validate(&it, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "废止/失效日期"));
	snprintf(it.ended, sizeof it.ended, "2018-03-01");
	assert_int_equal(gk_item_validate(&it, &err), GK_OK);
	it = item(1, "标题", "2018-02-13");
	snprintf(it.interp_kind, sizeof it.interp_kind, "expert");
	assert_int_equal(gk_item_validate(&it, &err), GK_EINVAL);
	snprintf(it.genre, sizeof it.genre, "interpretation");
	assert_int_equal(gk_item_validate(&it, &err), GK_OK);
	it = item(1, "标题\x01", "2018-02-13");
	assert_int_equal(gk_item_validate(&it, &err), GK_EINVAL);
}

static void json_roundtrip_normalises(void **state)
{
	struct gk_item it = {0};
	char interprets[GK_INDEX_MAX];
	struct gk_error err = {0};
	json_t *o = json_pack(
		"{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:[s,s], s:s, s:s}", "agency", "035200000",
		"title", "关于<b>x</b>的通知", "topic", "城乡建设、环境保护 / 其他", "genre",
		"通知", "doc_no", "同政发[2017]09号", "published", "2017-05-01", "validity", "有效",
		"channels", "website", "微信", "body", "<p>正文</p><script>x</script>",
		"interprets", "035200000/2017-00001");
	assert_int_equal(gk_item_from_json(o, &it, interprets, &err), GK_OK);
	assert_string_equal(it.topic, "10.6");
	assert_string_equal(it.genre, "notice");
	assert_string_equal(it.doc_no, "同政发〔2017〕9号");
	assert_int_equal(it.outlets, 1u << GK_OUTLET_WEBSITE | 1u << GK_OUTLET_WECHAT);
	assert_string_equal(it.body, "<p>正文</p>&lt;script&gt;x&lt;/script&gt;");
	assert_string_equal(interprets, "035200000/2017-00001");
	json_decref(o);
	gk_item_release(&it);
	memset(&it, 0, sizeof it);
	o = json_pack("{s:s, s:s, s:s, s:s}", "agency", "x", "title", "t", "topic", "nope", "genre",
		      "notice");
	assert_int_equal(gk_item_from_json(o, &it, interprets, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "主题分类"));
	json_decref(o);
	gk_item_release(&it);
}

/* --- the store ------------------------------------------------------------------ */

static void publishing_assigns_serials_per_agency_and_year(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	struct gk_item a = item(f->office, "一", "2018-01-02"),
		       b = item(f->office, "二", "2018-03-04"),
		       c = item(f->office, "三", "2019-01-01"),
		       d = item(f->dept, "四", "2018-05-06"), draft = item(f->office, "草稿", "");
	assert_int_equal(gk_svc_item_save(svc_on(f->s, 0), &draft, NULL, &err), GK_OK);
	assert_string_equal(draft.index_no, "");
	assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &a, &err), GK_OK);
	assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &b, &err), GK_OK);
	assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &c, &err), GK_OK);
	assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &d, &err), GK_OK);
	assert_string_equal(a.index_no, "035200000/2018-00001");
	assert_string_equal(b.index_no, "035200000/2018-00002");
	assert_string_equal(c.index_no, "035200000/2019-00001");
	assert_string_equal(d.index_no, "035205000/2018-00001");
	/* withdrawing keeps the number; the next item gets a new one */
	b.status = GK_ITEM_WITHDRAWN;
	assert_int_equal(gk_svc_item_save(svc_on(f->s, 0), &b, "withdraw", &err), GK_OK);
	assert_string_equal(b.index_no, "035200000/2018-00002");
	struct gk_item e = item(f->office, "五", "2018-06-01");
	assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &e, &err), GK_OK);
	assert_string_equal(e.index_no, "035200000/2018-00003");
	/* publishing the draft now: it gets the date and a number */
	assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &draft, &err), GK_OK);
	assert_true(draft.published[0] != '\0');
	assert_true(draft.index_no[0] != '\0');
	gk_item_release(&a);
}

static void imported_numbers_advance_the_series(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	struct gk_item a = item(f->office, "导入", "2018-02-13 12:30");
	int outcome;
	snprintf(a.index_no, sizeof a.index_no, "035200000/2018-00032");
	a.status = GK_ITEM_PUBLISHED;
	assert_int_equal(gk_store_begin(f->s, &err), GK_OK);
	assert_int_equal(gk_svc_item_import(svc_on(f->s, 0), &a, NULL, NULL, NULL, &outcome, &err),
			 GK_OK);
	assert_int_equal(outcome, 1);
	/* the same again: nothing changes */
	struct gk_item again = item(f->office, "导入", "2018-02-13 12:30");
	snprintf(again.index_no, sizeof again.index_no, "035200000/2018-00032");
	again.status = GK_ITEM_PUBLISHED;
	assert_int_equal(
		gk_svc_item_import(svc_on(f->s, 0), &again, NULL, NULL, NULL, &outcome, &err),
		GK_OK);
	assert_int_equal(outcome, 0);
	snprintf(again.summary, sizeof again.summary, "改了");
	assert_int_equal(
		gk_svc_item_import(svc_on(f->s, 0), &again, NULL, NULL, NULL, &outcome, &err),
		GK_OK);
	assert_int_equal(outcome, 2);
	assert_int_equal(gk_store_commit(f->s, &err), GK_OK);
	struct gk_item next = item(f->office, "下一个", "2018-03-01");
	assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &next, &err), GK_OK);
	assert_string_equal(next.index_no, "035200000/2018-00033");
}

static void format_is_a_setting(void **state)
{
	struct fixture *f = *state;
	struct gk_item a = item(f->dept, "分类", "2021-01-02");
	assert_int_equal(gk_store_setting_set(f->s, GK_INDEX_FORMAT_SETTING,
					      "{code}-{topic}-{year}-{serial:4}", NULL),
			 GK_OK);
	assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &a, NULL), GK_OK);
	assert_string_equal(a.index_no, "035205000-10-2021-0001");
}

static void stale_revision_conflicts(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	struct gk_item a = item(f->office, "原标题", "2018-01-02");
	assert_int_equal(gk_svc_item_publish(svc_on(f->s, 7), &a, &err), GK_EDB); /* no user 7 */
	assert_int_equal(a.id, 0);
	assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &a, &err), GK_OK);
	struct gk_item b = a;
	snprintf(a.title, sizeof a.title, "甲改");
	assert_int_equal(gk_svc_item_save(svc_on(f->s, 0), &a, NULL, &err), GK_OK);
	assert_int_equal(a.revision, 2);
	snprintf(b.title, sizeof b.title, "乙改");
	assert_int_equal(gk_svc_item_save(svc_on(f->s, 0), &b, NULL, &err), GK_ECONFLICT);
	int n = 0;
	struct gk_item got;
	assert_int_equal(gk_store_item_get(f->s, a.id, &got, &err), GK_OK);
	assert_string_equal(got.title, "甲改");
	assert_string_equal(got.agency_code, "035200000");
	gk_item_release(&got);
	(void)n;
}

static int count_cb(const struct gk_item *it, void *ctx)
{
	(*(int *)ctx)++;
	return 0;
}

/* The service with the live catalogue of F's database (opened once). */
static struct gk_svc *live(struct fixture *f)
{
	struct gk_svc *svc = svc_on(f->s, 0);
	if (!f->catalogue)
		assert_int_equal(
			gk_catalogue_open(f->s, f->db.path, 0, NULL, NULL, &f->catalogue, NULL),
			GK_OK);
	svc->catalogue = f->catalogue;
	return svc;
}

static int64_t listed(struct fixture *f, const struct gk_item_filter *flt, int *rows)
{
	struct gk_item_listing l;
	struct gk_error err = {0};
	int n = 0;
	if (gk_svc_item_list(live(f), flt, 0, count_cb, &n, &l, &err) != GK_OK)
		fail_msg("listing refused: %s", gk_error_text(&err));
	gk_item_listing_release(&l);
	if (rows)
		*rows = n;
	return l.total;
}

static void search_finds_two_character_words(void **state)
{
	struct fixture *f = *state;
	struct gk_item a = item(f->dept, "关于加强环保督查工作的通知", "2018-01-02"),
		       b = item(f->office, "关于印发政务公开要点的通知", "2018-01-03"),
		       c = item(f->office, "草稿中的环保文件", "");
	snprintf(b.doc_no, sizeof b.doc_no, "同政办发〔2017〕109号");
	assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &a, NULL), GK_OK);
	assert_int_equal(gk_svc_item_publish(live(f), &b, NULL), GK_OK);
	assert_int_equal(gk_svc_item_save(svc_on(f->s, 0), &c, NULL, NULL), GK_OK);
	struct gk_item_filter flt = {.validity = -1, .limit = 10};
	int n = 0;
	const char *queries[] = {"环保",  "督查",   "环",         "通知",
				 "109号", "政办发", "环境保护局", "同政办发〔2017〕109号",
				 "不存在"};
	int64_t want[] = {1, 1, 1, 2, 1, 1, 1, 1, 0};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		flt.query = queries[i];
		int64_t total = listed(f, &flt, &n);
		if (total != want[i] || n != want[i])
			fail_msg("'%s': %lld found, %lld wanted", queries[i], (long long)total,
				 (long long)want[i]);
	}
	/* staff searches see drafts, within their scope */
	flt.query = "环保";
	flt.staff = true;
	assert_int_equal(listed(f, &flt, NULL), 2);
	flt.scope = f->dept;
	assert_int_equal(listed(f, &flt, NULL), 1);
	/* what cannot be searched is refused with a reason, never a failure */
	struct gk_item_listing l;
	struct gk_error err = {0};
	flt = (struct gk_item_filter){.validity = -1, .limit = 10, .query = "\"\" "};
	assert_int_equal(gk_svc_item_list(live(f), &flt, 0, NULL, NULL, &l, &err), GK_EINVAL);
	flt.query = "一 二 三 四 五 六 七 八 九 十 十一";
	assert_int_equal(gk_svc_item_list(live(f), &flt, 0, NULL, NULL, &l, &err), GK_EINVAL);
	flt = (struct gk_item_filter){
		.validity = -1, .limit = 10, .agency_id = f->city, .agency_subtree = true};
	assert_int_equal(listed(f, &flt, NULL), 2);
	flt = (struct gk_item_filter){.validity = -1, .limit = 10, .topic = "10"};
	assert_int_equal(listed(f, &flt, NULL), 2);
	flt.topic = "1";
	assert_int_equal(listed(f, &flt, NULL), 0);
	/* facets: each dimension counted as if its own filter were not set */
	flt = (struct gk_item_filter){
		.validity = -1, .limit = 10, .agency_id = f->dept, .agency_subtree = true};
	assert_int_equal(gk_svc_item_list(live(f), &flt, GK_LIST_FACETS, NULL, NULL, &l, &err),
			 GK_OK);
	char key[32];
	snprintf(key, sizeof key, "a:%lld", (long long)f->office);
	assert_int_equal(gk_item_listing_count(&l, key), 1);
	assert_int_equal(gk_item_listing_count(&l, "t:10"), 1);
	assert_int_equal(gk_item_listing_count(&l, "y:2018"), 1);
	gk_item_listing_release(&l);
}

/* The live catalogue's counts equal the store's recount for every filter
 * the public site offers, and their combinations (STEP: for the message). */
static void check_counts(struct fixture *f, int step)
{
	struct gk_error err = {0};
	/* every filter of the public site, and their combinations */
	struct gk_item_filter filters[] = {
		{.validity = -1},
		{.validity = GK_REPEALED},
		{.validity = GK_VALID, .topic = "10"},
		{.validity = -1, .topic = "5.1"},
		{.validity = -1, .genre = "opinion", .year = 2017},
		{.validity = -1, .agency_id = f->city, .agency_subtree = true},
		{.validity = -1, .agency_id = f->dept, .agency_subtree = true, .topic = "10"},
		{.validity = -1, .year = 2019},
		{.validity = -1, .staff = true},
		{.validity = -1, .staff = true, .scope = f->office},
	};
	for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++) {
		struct gk_item_filter flt = filters[i];
		int64_t want = 0;
		flt.limit = 100;
		assert_int_equal(gk_store_item_list(f->s, &flt, NULL, NULL, &want, &err), GK_OK);
		/* the staff's plain listing is SQL anyway: ask the index by a search
		 * every item matches (each title holds 的) */
		if (flt.staff)
			flt.query = "的";
		int rows = 0;
		int64_t got = listed(f, &flt, &rows);
		if (got != want || rows != (want < 100 ? want : 100))
			fail_msg("step %d, filter %zu: index %lld (%d rows), recount %lld", step, i,
				 (long long)got, rows, (long long)want);
	}
}

/* Random publications, edits, repeals and withdrawals through the service:
 * after each, the live catalogue's counts equal the store's recount, for
 * every filter the public site offers, and a search equals a substring
 * truth. The index catches up from the change log alone. */
static void listing_counts_follow_random_changes(void **state)
{
	struct fixture *f = *state;
	enum { N = 40, STEPS = 300 };
	static const char *const words[] = {"环保", "督查", "通知", "规划", "财政", "预算"};
	static const char *const topics[] = {"10.3", "10", "5", "5.1"};
	static const char *const genres[] = {"notice", "opinion", "interpretation"};
	int64_t agencies[] = {f->city, f->office, f->dept};
	struct gk_item items[N];
	int nitems = 0;
	unsigned seed = 20261130;
	struct gk_error err = {0};
	live(f);
	for (int step = 0; step < STEPS; step++) {
		int what = rand_r(&seed) % 5;
		if (nitems < N && (what == 0 || nitems < 5)) {
			char title[128], date[32];
			snprintf(title, sizeof title, "关于%s和%s的第%d号文件",
				 words[rand_r(&seed) % 6], words[rand_r(&seed) % 6], step);
			snprintf(date, sizeof date, "%d-0%d-1%d %02d:00", 2016 + rand_r(&seed) % 4,
				 1 + rand_r(&seed) % 9, rand_r(&seed) % 10, rand_r(&seed) % 24);
			struct gk_item *it = &items[nitems++];
			*it = item(agencies[rand_r(&seed) % 3], title, date);
			snprintf(it->topic, sizeof it->topic, "%s", topics[rand_r(&seed) % 4]);
			snprintf(it->genre, sizeof it->genre, "%s", genres[rand_r(&seed) % 3]);
			enum gk_err rc =
				rand_r(&seed) % 3
					? gk_svc_item_publish(svc_on(f->s, 0), it, &err)
					: gk_svc_item_save(svc_on(f->s, 0), it, NULL, &err);
			if (rc)
				fail_msg("step %d: %s", step, gk_error_text(&err));
			continue;
		}
		struct gk_item *it = &items[rand_r(&seed) % nitems];
		const char *action = NULL;
		switch (what) {
		case 1: /* edit: title, topic, agency */
			snprintf(it->title, sizeof it->title, "修订：%s的%d号",
				 words[rand_r(&seed) % 6], step);
			snprintf(it->topic, sizeof it->topic, "%s", topics[rand_r(&seed) % 4]);
			it->agency_id = agencies[rand_r(&seed) % 3];
			break;
		case 2:
			it->validity = GK_REPEALED;
			snprintf(it->ended, sizeof it->ended, "2020-01-01");
			action = "repeal";
			break;
		case 3:
			it->status = GK_ITEM_WITHDRAWN;
			action = "withdraw";
			break;
		default:
			if (it->status != GK_ITEM_PUBLISHED &&
			    gk_svc_item_publish(svc_on(f->s, 0), it, &err))
				fail_msg("step %d: %s", step, gk_error_text(&err));
			continue;
		}
		if (gk_svc_item_save(svc_on(f->s, 0), it, action, &err))
			fail_msg("step %d: %s", step, gk_error_text(&err));
		if (step % 25 == 0)
			check_counts(f, step);
	}
	check_counts(f, STEPS);
	/* searches against a substring scan of the published titles */
	for (size_t w = 0; w < 6; w++) {
		int64_t want = 0;
		for (int i = 0; i < nitems; i++) {
			struct gk_item cur;
			assert_int_equal(gk_store_item_head(f->s, items[i].id, &cur, &err), GK_OK);
			want += cur.status == GK_ITEM_PUBLISHED && strstr(cur.title, words[w]);
		}
		struct gk_item_filter flt = {.validity = -1, .limit = 100, .query = words[w]};
		assert_int_equal(listed(f, &flt, NULL), want);
	}
	/* a catalogue loaded from the saved file, then caught up, answers the same */
	int64_t before = listed(f, &(struct gk_item_filter){.validity = -1, .limit = 1}, NULL);
	assert_int_equal(gk_catalogue_save(f->catalogue, &err), GK_OK);
	gk_catalogue_free(f->catalogue);
	f->catalogue = NULL;
	struct gk_item late = item(f->dept, "保存之后发布的通知", "2021-05-05");
	assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &late, &err), GK_OK);
	struct gk_catalogue_info ci;
	live(f);
	gk_catalogue_info(f->catalogue, &ci);
	assert_true(ci.loaded);
	assert_int_equal(listed(f, &(struct gk_item_filter){.validity = -1, .limit = 1}, NULL),
			 before + 1);
}

/* A server's index rebuilt in the background once changes pile up, while
 * more come in: after the swap it answers as a recount does. */
static void background_rebuild_swaps_in_the_changes(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	struct gk_item items[40];
	char title[64];
	for (int i = 0; i < 40; i++) {
		snprintf(title, sizeof title, "第%d份关于环保的通知", i);
		items[i] = item(i % 2 ? f->dept : f->office, title,
				i < 10 ? "2018-01-02" : "2019-03-04");
	}
	for (int i = 0; i < 10; i++)
		assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &items[i], &err), GK_OK);
	assert_int_equal(gk_catalogue_open(f->s, f->db.path, GK_CATALOGUE_LIVE, NULL, NULL,
					   &f->catalogue, &err),
			 GK_OK);
	gk_catalogue_rebuild_at(f->catalogue, 5);
	for (int i = 10; i < 30; i++)
		assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &items[i], &err), GK_OK);
	struct gk_item_filter all = {.validity = -1, .limit = 100};
	assert_int_equal(listed(f, &all, NULL), 30); /* caught up; a rebuild begins */
	/* changes while it runs: caught up by the old index, then by the new */
	for (int i = 30; i < 40; i++)
		assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &items[i], &err), GK_OK);
	for (int i = 0; i < 5; i++) {
		items[i].status = GK_ITEM_WITHDRAWN;
		assert_int_equal(gk_svc_item_save(svc_on(f->s, 0), &items[i], "withdraw", &err),
				 GK_OK);
	}
	assert_int_equal(listed(f, &all, NULL), 35);
	struct gk_catalogue_info ci;
	for (int tries = 0; tries < 2000; tries++) {
		gk_catalogue_info(f->catalogue, &ci);
		if (!ci.rebuilding && ci.rebuilds > 0)
			break;
		usleep(10000);
	}
	assert_false(ci.rebuilding);
	assert_true(ci.rebuilds > 0); /* the rebuilt index is in use */
	assert_true(ci.delta < 20);
	assert_int_equal(listed(f, &all, NULL), 35);
	check_counts(f, -1);
	struct gk_item_filter flt = {.validity = -1, .limit = 100, .query = "环保", .year = 2019};
	assert_int_equal(listed(f, &flt, NULL), 30);
}

static int64_t version(struct fixture *f)
{
	int64_t v = 0;
	assert_int_equal(gk_store_catalogue_version(f->s, &v, NULL), GK_OK);
	return v;
}

/* Waits (bounded) until the background catch-ups number at least N. */
static void await_catchups(struct fixture *f, int64_t n, struct gk_catalogue_info *ci)
{
	for (int tries = 0; tries < 3000; tries++) {
		gk_catalogue_info(f->catalogue, ci);
		if (!ci->behind && ci->catchups >= n)
			return;
		usleep(10000);
	}
	fail_msg("the background catch-up did not finish");
}

/* A gap larger than a request waits for is caught up in the background:
 * meanwhile every answer is the catalogue as of the seq it reports (never
 * a mix, never newer than reported), and afterwards the recount. */
static void large_gap_is_caught_up_in_the_background(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	enum { FIRST = 10, N = 60 };
	struct gk_item items[N];
	int64_t at[N]; /* the change seq after each publication */
	char title[64];
	for (int i = 0; i < N; i++) {
		snprintf(title, sizeof title, "第%d份关于规划的通知", i);
		items[i] = item(i % 2 ? f->dept : f->office, title, "2019-03-04");
	}
	for (int i = 0; i < FIRST; i++) {
		assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &items[i], &err), GK_OK);
		at[i] = version(f);
	}
	assert_int_equal(gk_catalogue_open(f->s, f->db.path, GK_CATALOGUE_LIVE, NULL, NULL,
					   &f->catalogue, &err),
			 GK_OK);
	gk_catalogue_sync_max(f->catalogue, 3);
	gk_catalogue_rebuild_at(f->catalogue, 100000);
	/* a small gap is caught up before the answer */
	assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &items[FIRST], &err), GK_OK);
	at[FIRST] = version(f);
	struct gk_item_filter all = {.validity = -1, .limit = 100};
	assert_int_equal(listed(f, &all, NULL), FIRST + 1);
	assert_int_equal(gk_catalogue_seq(f->catalogue), version(f));
	for (int i = FIRST + 1; i < N; i++) {
		assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &items[i], &err), GK_OK);
		at[i] = version(f);
	}
	/* each answer agrees with the seq it reports, whether the background
	 * has caught up yet or not */
	for (int round = 0; round < 20; round++) {
		struct gk_item_listing l;
		struct gk_svc *svc = live(f);
		assert_int_equal(gk_svc_item_list(svc, &all, 0, NULL, NULL, &l, &err), GK_OK);
		gk_item_listing_release(&l);
		assert_true(svc->catalogue_seq >= at[FIRST]);
		int64_t want = 0;
		for (int i = 0; i < N; i++)
			want += at[i] <= svc->catalogue_seq;
		assert_int_equal(l.total, want);
	}
	struct gk_catalogue_info ci;
	await_catchups(f, 1, &ci);
	assert_false(ci.loaded); /* no newer file: the changes were applied */
	assert_int_equal(ci.seq, version(f));
	assert_int_equal(listed(f, &all, NULL), N);
	check_counts(f, -1);
}

/* What `gongkai import` does after many changes: the saved index brought
 * up to the database's version; a server behind it then loads that file in
 * the background and applies only what came after. */
static void import_update_is_loaded_by_a_server(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	enum { N = 40 };
	struct gk_item items[N + 1];
	char title[64];
	for (int i = 0; i <= N; i++) {
		snprintf(title, sizeof title, "第%d份关于财政预算的通知", i);
		items[i] = item(i % 3 ? f->dept : f->office, title,
				i % 2 ? "2017-05-06" : "2019-03-04");
	}
	for (int i = 0; i < 5; i++)
		assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &items[i], &err), GK_OK);
	assert_int_equal(gk_catalogue_open(f->s, f->db.path, GK_CATALOGUE_LIVE, NULL, NULL,
					   &f->catalogue, &err),
			 GK_OK);
	gk_catalogue_sync_max(f->catalogue, 3);
	gk_catalogue_rebuild_at(f->catalogue, 100000);
	struct gk_item_filter all = {.validity = -1, .limit = 100};
	assert_int_equal(listed(f, &all, NULL), 5);
	for (int i = 5; i < N; i++)
		assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &items[i], &err), GK_OK);
	items[0].status = GK_ITEM_WITHDRAWN;
	assert_int_equal(gk_svc_item_save(svc_on(f->s, 0), &items[0], "withdraw", &err), GK_OK);
	/* the import's last step: the file holds the database's version */
	struct gk_catalogue_info ci;
	assert_int_equal(gk_catalogue_update(f->s, f->db.path, NULL, NULL, &ci, &err), GK_OK);
	assert_int_equal(ci.seq, version(f));
	assert_int_equal(ci.items, N);
	assert_int_equal(ci.delta, 0);
	struct gk_catalogue *saved = NULL;
	assert_int_equal(
		gk_catalogue_open(f->s, f->db.path, GK_CATALOGUE_NO_SAVE, NULL, NULL, &saved, &err),
		GK_OK);
	gk_catalogue_info(saved, &ci);
	assert_true(ci.loaded);
	assert_int_equal(ci.seq, version(f));
	assert_int_equal(ci.delta, 0);
	gk_catalogue_free(saved);
	/* one more change after the file: applied after the file is loaded */
	assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &items[N], &err), GK_OK);
	listed(f, &all, NULL); /* starts the background catch-up */
	await_catchups(f, 1, &ci);
	assert_true(ci.loaded); /* swapped in from the file */
	assert_int_equal(ci.seq, version(f));
	assert_int_equal(ci.delta, 1);
	assert_int_equal(listed(f, &all, NULL), N);
	struct gk_item_filter q = {.validity = -1, .limit = 100, .query = "财政预算", .year = 2017};
	assert_int_equal(listed(f, &q, NULL), (N + 1) / 2);
	check_counts(f, -1);
}

/* A gap that would make the delta large (no newer file) renews the index
 * in the background: the server's own saved file, the changes, a fold and
 * a save, then a swap; the shared index never holds the gap in its delta. */
static void large_gap_renews_the_index(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	enum { N = 30 };
	struct gk_item items[N];
	char title[64];
	for (int i = 0; i < N; i++) {
		snprintf(title, sizeof title, "第%d份关于水利建设的意见", i);
		items[i] = item(i % 2 ? f->dept : f->office, title, "2020-07-08");
	}
	for (int i = 0; i < 4; i++)
		assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &items[i], &err), GK_OK);
	assert_int_equal(gk_catalogue_open(f->s, f->db.path, GK_CATALOGUE_LIVE, NULL, NULL,
					   &f->catalogue, &err),
			 GK_OK);
	gk_catalogue_sync_max(f->catalogue, 3);
	gk_catalogue_rebuild_at(f->catalogue, 10);
	for (int i = 4; i < N; i++)
		assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &items[i], &err), GK_OK);
	struct gk_item_filter all = {.validity = -1, .limit = 100};
	int64_t first = listed(f, &all, NULL);
	assert_true(first == 4 || first == N);
	struct gk_catalogue_info ci;
	await_catchups(f, 1, &ci);
	assert_int_equal(ci.seq, version(f));
	assert_true(ci.delta < 10); /* folded, not applied to the shared delta */
	assert_int_equal(listed(f, &all, NULL), N);
	check_counts(f, -1);
	struct gk_catalogue *saved = NULL;
	assert_int_equal(
		gk_catalogue_open(f->s, f->db.path, GK_CATALOGUE_NO_SAVE, NULL, NULL, &saved, &err),
		GK_OK);
	gk_catalogue_info(saved, &ci);
	assert_true(ci.loaded);
	assert_int_equal(ci.seq, version(f)); /* the renewal saved it */
	gk_catalogue_free(saved);
}

static int ids_cb(const struct gk_item *it, void *ctx)
{
	char id[24];
	snprintf(id, sizeof id, " %lld", (long long)it->id);
	gk_buf_puts(ctx, id);
	return 0;
}

/* Every answer of catalogue C to a set of listings and searches, with
 * their order, totals and facet counts, as text. */
static void answers(struct fixture *f, struct gk_catalogue *c, struct gk_buf *out)
{
	struct gk_item_filter filters[] = {
		{.validity = -1},
		{.validity = -1, .query = "通知"},
		{.validity = -1, .query = "财政 预算"},
		{.validity = -1, .query = "修订"},
		{.validity = -1, .year = 2017},
		{.validity = -1, .agency_id = f->dept, .agency_subtree = true},
		{.validity = -1, .staff = true, .query = "的"},
	};
	for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++) {
		struct gk_item_filter flt = filters[i];
		flt.limit = 100;
		struct gk_svc *svc = svc_on(f->s, 0);
		svc->catalogue = c;
		struct gk_item_listing l;
		struct gk_error err = {0};
		assert_int_equal(gk_svc_item_list(svc, &flt, GK_LIST_FACETS, ids_cb, out, &l, &err),
				 GK_OK);
		char line[64];
		snprintf(line, sizeof line, "| %lld %d:", (long long)l.total, (int)l.capped);
		gk_buf_puts(out, line);
		for (size_t k = 0; k < l.nfacets; k++) {
			snprintf(line, sizeof line, " %s=%lld", l.facets[k].key,
				 (long long)l.facets[k].count);
			gk_buf_puts(out, line);
		}
		gk_buf_puts(out, "\n");
		gk_item_listing_release(&l);
	}
}

/* The saved file, loaded, answers as a rebuild from the database does. */
static void saved_answers_as_a_rebuild(struct fixture *f)
{
	struct gk_error err = {0};
	struct gk_catalogue *saved = NULL, *rebuilt = NULL;
	assert_int_equal(
		gk_catalogue_open(f->s, f->db.path, GK_CATALOGUE_NO_SAVE, NULL, NULL, &saved, &err),
		GK_OK);
	struct gk_catalogue_info ci;
	gk_catalogue_info(saved, &ci);
	assert_true(ci.loaded);
	assert_int_equal(ci.seq, version(f));
	assert_int_equal(ci.delta, 0);
	assert_int_equal(gk_catalogue_open(f->s, f->db.path,
					   GK_CATALOGUE_REBUILD | GK_CATALOGUE_NO_SAVE, NULL, NULL,
					   &rebuilt, &err),
			 GK_OK);
	struct gk_buf a, b;
	gk_buf_init(&a, 1 << 20);
	gk_buf_init(&b, 1 << 20);
	answers(f, saved, &a);
	answers(f, rebuilt, &b);
	assert_false(a.failed || b.failed);
	assert_true(a.len > 100);
	assert_string_equal(a.data, b.data);
	gk_buf_release(&a);
	gk_buf_release(&b);
	gk_catalogue_free(saved);
	gk_catalogue_free(rebuilt);
}

/* Whether the saved index file is at the database's version (loaded with
 * nothing to catch up). */
static bool saved_is_current(struct fixture *f)
{
	struct gk_catalogue *saved = NULL;
	struct gk_catalogue_info ci;
	if (gk_catalogue_open(f->s, f->db.path, GK_CATALOGUE_NO_SAVE, NULL, NULL, &saved, NULL))
		return false;
	gk_catalogue_info(saved, &ci);
	gk_catalogue_free(saved);
	return ci.loaded && ci.delta == 0 && ci.seq == version(f);
}

/* Waits (bounded) until the follower has applied the database's version. */
static void await_follow(struct fixture *f, struct gk_catalogue_follow *fw)
{
	gk_catalogue_follow_poke(fw);
	for (int tries = 0; tries < 3000; tries++) {
		if (gk_catalogue_follow_seq(fw) == version(f))
			return;
		usleep(10000);
	}
	fail_msg("the follower did not catch up");
}

/* What `gongkai import` does with many changes: the index follows the
 * committed batches while more are written, and its saved file is what a
 * rebuild gives — from no file (built at the start), then from that file,
 * with items edited, withdrawn and moved after the follower took them;
 * saved early once the rows are done, then again for changes after that
 * (first round) or not (second round: the early file is the one). */
static void followed_index_equals_a_rebuild(void **state)
{
	struct fixture *f = *state;
	struct gk_error err = {0};
	enum { N = 60 };
	struct gk_item items[N];
	char title[64];
	for (int i = 0; i < N; i++) {
		snprintf(title, sizeof title, "第%d份关于财政预算的通知", i);
		items[i] = item(i % 3 ? f->dept : f->office, title,
				i % 2 ? "2017-05-06" : "2019-03-04");
	}
	for (int i = 0; i < 5; i++)
		assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &items[i], &err), GK_OK);
	for (int round = 0; round < 2; round++) {
		struct gk_catalogue_follow *fw = NULL;
		assert_int_equal(gk_catalogue_follow_start(f->db.path, &fw, &err), GK_OK);
		int from = round ? 35 : 5, to = round ? N : 35;
		for (int i = from; i < to; i++) {
			assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &items[i], &err),
					 GK_OK);
			if (i % 10 == 0)
				await_follow(f, fw); /* some batches taken mid-way */
		}
		if (round == 0)
			gk_catalogue_follow_rows_done(fw);
		/* changes to items the follower has already put */
		for (int i = round; i < to; i += 7) {
			snprintf(items[i].title, sizeof items[i].title, "第%d份财政预算修订稿%d", i,
				 round);
			items[i].agency_id = items[i].agency_id == f->dept ? f->office : f->dept;
			assert_int_equal(gk_svc_item_save(svc_on(f->s, 0), &items[i], "edit", &err),
					 GK_OK);
		}
		items[3 + round].status = GK_ITEM_WITHDRAWN;
		assert_int_equal(
			gk_svc_item_save(svc_on(f->s, 0), &items[3 + round], "withdraw", &err),
			GK_OK);
		if (round == 1) {
			gk_catalogue_follow_rows_done(fw);
			int tries = 0;
			while (!saved_is_current(f) && tries++ < 3000)
				usleep(10000);
			assert_true(saved_is_current(f)); /* saved before the end */
		}
		struct gk_catalogue_info ci;
		assert_int_equal(gk_catalogue_follow_end(fw, NULL, NULL, &ci, &err), GK_OK);
		assert_int_equal(ci.seq, version(f));
		assert_int_equal(ci.items, to);
		assert_int_equal(ci.loaded, round == 1);
		saved_answers_as_a_rebuild(f);
	}
	/* a follower stopped early saves nothing */
	struct gk_catalogue_follow *fw = NULL;
	assert_int_equal(gk_catalogue_follow_start(f->db.path, &fw, &err), GK_OK);
	items[0].status = GK_ITEM_WITHDRAWN;
	assert_int_equal(gk_svc_item_save(svc_on(f->s, 0), &items[0], "withdraw", &err), GK_OK);
	gk_catalogue_follow_free(fw);
	struct gk_catalogue *saved = NULL;
	assert_int_equal(
		gk_catalogue_open(f->s, f->db.path, GK_CATALOGUE_NO_SAVE, NULL, NULL, &saved, &err),
		GK_OK);
	struct gk_catalogue_info ci;
	gk_catalogue_info(saved, &ci);
	assert_true(ci.loaded);
	assert_int_equal(ci.delta, 1); /* the file is the one before */
	gk_catalogue_free(saved);
}

/* An import changing few items leaves the index to the server's catch-up;
 * many (or 1% of a large catalogue) bring the saved file up to date. */
static void update_wanted_from_five_thousand_or_one_percent(void **state)
{
	(void)state;
	assert_false(gk_catalogue_update_wanted(0, 0));
	assert_false(gk_catalogue_update_wanted(4999, 10000));
	assert_true(gk_catalogue_update_wanted(5000, 10000));
	assert_false(gk_catalogue_update_wanted(9999, 1000000));
	assert_true(gk_catalogue_update_wanted(10000, 1000000));
}

static void normative_counts_for_table_one(void **state)
{
	struct fixture *f = *state;
	struct gk_annual_items c;
	struct gk_item a = item(f->office, "规范性文件一", "2016-03-01"),
		       b = item(f->office, "规范性文件二", "2017-04-01"),
		       r = item(f->dept, "规章", "2017-05-01");
	a.normative = b.normative = GK_NORM_DOCUMENT;
	r.normative = GK_NORM_RULE;
	a.validity = GK_REPEALED;
	snprintf(a.ended, sizeof a.ended, "2017-06-30");
	assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &a, NULL), GK_OK);
	assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &b, NULL), GK_OK);
	assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &r, NULL), GK_OK);
	/* as the yearly report counts them (store/report_store.c); [1] 行政规范性文件, [0] 规章 */
	assert_int_equal(report_items(f->s, f->city, true, 2017, &c), GK_OK);
	assert_int_equal(c.issued[1], 1);
	assert_int_equal(c.repealed[1], 1);
	assert_int_equal(c.in_force[1], 1);
	assert_int_equal(report_items(f->s, f->city, true, 2016, &c), GK_OK);
	assert_int_equal(c.issued[1], 1);
	assert_int_equal(c.repealed[1], 0);
	assert_int_equal(c.in_force[1], 1);
	assert_int_equal(report_items(f->s, f->dept, false, 2017, &c), GK_OK);
	assert_int_equal(c.issued[1], 0);
	assert_int_equal(report_items(f->s, f->city, true, 2017, &c), GK_OK);
	assert_int_equal(c.in_force[0], 1);
}

static int rev_cb(const struct gk_item_revision *rev, void *ctx)
{
	(*(int *)ctx)++;
	return 0;
}

static void revisions_and_interpretations(void **state)
{
	struct fixture *f = *state;
	struct gk_item policy = item(f->office, "政策", "2018-01-02"),
		       interp = item(f->office, "政策解读", "2018-01-03");
	assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &policy, NULL), GK_OK);
	snprintf(interp.genre, sizeof interp.genre, "interpretation");
	snprintf(interp.interp_kind, sizeof interp.interp_kind, "expert");
	interp.interprets_id = policy.id;
	assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &interp, NULL), GK_OK);
	int n = 0;
	assert_int_equal(gk_store_item_interpretations(f->s, policy.id, count_cb, &n, NULL), GK_OK);
	assert_int_equal(n, 1);
	/* an interpretation of an interpretation is refused */
	struct gk_item bad = item(f->office, "解读的解读", "2018-01-04");
	snprintf(bad.genre, sizeof bad.genre, "interpretation");
	bad.interprets_id = interp.id;
	assert_int_equal(gk_svc_item_publish(svc_on(f->s, 0), &bad, NULL), GK_EINVAL);
	snprintf(policy.summary, sizeof policy.summary, "摘要");
	assert_int_equal(gk_svc_item_save(svc_on(f->s, 0), &policy, NULL, NULL), GK_OK);
	n = 0;
	assert_int_equal(gk_store_item_revisions(f->s, policy.id, rev_cb, &n, NULL), GK_OK);
	assert_int_equal(n, 2);
}

/* The index file of a database: beside a SQLite file, else in
 * GONGKAI_INDEX_DIR under a digest that ignores the password. */
static void index_path_for_each_address(void **state)
{
	(void)state;
	char *p = gk_catalogue_index_path("/srv/gk/site.db");
	assert_string_equal(p, "/srv/gk/site.db.catalogue");
	free(p);
	p = gk_catalogue_index_path("file:///srv/gk/site.db?mode=rwc");
	assert_string_equal(p, "/srv/gk/site.db.catalogue");
	free(p);
	setenv("GONGKAI_INDEX_DIR", "/idx", 1);
	char *a = gk_catalogue_index_path("postgresql://gk:secret@db1/gongkai?sslmode=require");
	char *b = gk_catalogue_index_path("postgresql://gk:other@db1/gongkai?sslmode=require");
	char *c = gk_catalogue_index_path("postgresql://gk@db1/gongkai?password=x&sslmode=require");
	char *d = gk_catalogue_index_path("postgresql://gk@db2/gongkai?sslmode=require");
	assert_non_null(a);
	assert_int_equal(strncmp(a, "/idx/", 5), 0);
	assert_int_equal(strlen(a), strlen("/idx/") + 32 + strlen(".catalogue"));
	assert_null(strstr(a, "secret"));
	assert_string_equal(a, b);
	assert_string_equal(a, c);
	assert_string_not_equal(a, d);
	free(a), free(b), free(c), free(d);
	unsetenv("GONGKAI_INDEX_DIR");
	p = gk_catalogue_index_path("postgresql:///gongkai?host=/tmp/s");
	assert_int_equal(strncmp(p, "/var/tmp/", 9), 0);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(index_format_renders_and_matches),
		cmocka_unit_test(index_path_for_each_address),
		cmocka_unit_test(validation_names_the_field),
		cmocka_unit_test(json_roundtrip_normalises),
		cmocka_unit_test_setup_teardown(publishing_assigns_serials_per_agency_and_year,
						setup, teardown),
		cmocka_unit_test_setup_teardown(imported_numbers_advance_the_series, setup,
						teardown),
		cmocka_unit_test_setup_teardown(format_is_a_setting, setup, teardown),
		cmocka_unit_test_setup_teardown(stale_revision_conflicts, setup, teardown),
		cmocka_unit_test_setup_teardown(search_finds_two_character_words, setup, teardown),
		cmocka_unit_test_setup_teardown(listing_counts_follow_random_changes, setup,
						teardown),
		cmocka_unit_test_setup_teardown(background_rebuild_swaps_in_the_changes, setup,
						teardown),
		cmocka_unit_test_setup_teardown(large_gap_is_caught_up_in_the_background, setup,
						teardown),
		cmocka_unit_test_setup_teardown(import_update_is_loaded_by_a_server, setup,
						teardown),
		cmocka_unit_test_setup_teardown(large_gap_renews_the_index, setup, teardown),
		cmocka_unit_test_setup_teardown(followed_index_equals_a_rebuild, setup, teardown),
		cmocka_unit_test(update_wanted_from_five_thousand_or_one_percent),
		cmocka_unit_test_setup_teardown(normative_counts_for_table_one, setup, teardown),
		cmocka_unit_test_setup_teardown(revisions_and_interpretations, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
