/* Unit tests for web/page_cache: a page is found only at its version, the
 * budget holds (least recently used out first), validators carry over when
 * the bytes did not change, a page handed out outlives its eviction, and
 * If-None-Match is parsed as RFC 9110 says. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "web/page_cache.h"

static const struct gk_site_version V1 = {10, 1}, V2 = {11, 1}, V3 = {11, 2};

static void found_only_at_its_version(void **state)
{
	(void)state;
	struct gk_page_cache *c = gk_page_cache_new(1 << 20);
	assert_non_null(c);
	assert_null(gk_page_cache_get(c, "/items", &V1));
	struct gk_cached_page *p =
		gk_page_cache_put(c, "/items", &V1, "text/html", NULL, "<p>a</p>", 8, 1000);
	assert_non_null(p);
	gk_cached_page_release(p);
	p = gk_page_cache_get(c, "/items", &V1);
	assert_non_null(p);
	assert_int_equal(p->len, 8);
	assert_memory_equal(p->data, "<p>a</p>", 8);
	assert_string_equal(p->content_type, "text/html");
	assert_string_equal(p->last_modified, "Thu, 01 Jan 1970 00:16:40 GMT");
	assert_int_equal(strlen(p->etag), 34);
	gk_cached_page_release(p);
	/* a catalogue change, then a change of agencies or settings alone */
	assert_null(gk_page_cache_get(c, "/items", &V2));
	assert_null(gk_page_cache_get(c, "/items", &V3));
	assert_null(gk_page_cache_get(c, "/items/1", &V1));
	struct gk_page_cache_stats st;
	gk_page_cache_stats(c, &st);
	assert_int_equal(st.hits, 1);
	assert_int_equal(st.entries, 1);
	gk_page_cache_free(c);
}

static void validators_follow_the_bytes(void **state)
{
	(void)state;
	struct gk_page_cache *c = gk_page_cache_new(1 << 20);
	struct gk_cached_page *a =
		gk_page_cache_put(c, "/", &V1, "text/html", NULL, "same", 4, 1000);
	char etag[40];
	snprintf(etag, sizeof etag, "%s", a->etag);
	gk_cached_page_release(a);
	/* drawn again at a new version with the same bytes: ETag and date stay */
	struct gk_cached_page *b =
		gk_page_cache_put(c, "/", &V2, "text/html", NULL, "same", 4, 2000);
	assert_string_equal(b->etag, etag);
	assert_int_equal(b->modified, 1000);
	gk_cached_page_release(b);
	/* other bytes: new ones */
	struct gk_cached_page *d =
		gk_page_cache_put(c, "/", &V3, "text/html", NULL, "diff", 4, 3000);
	assert_string_not_equal(d->etag, etag);
	assert_int_equal(d->modified, 3000);
	gk_cached_page_release(d);
	gk_page_cache_free(c);
}

static void the_budget_holds(void **state)
{
	(void)state;
	static char page[4096];
	memset(page, 'x', sizeof page);
	/* 16 shards of 16 KiB: a few pages each */
	struct gk_page_cache *c = gk_page_cache_new(256 * 1024);
	char key[32];
	for (int i = 0; i < 1000; i++) {
		snprintf(key, sizeof key, "/items/%d", i);
		gk_cached_page_release(
			gk_page_cache_put(c, key, &V1, "text/html", NULL, page, sizeof page, 1));
	}
	struct gk_page_cache_stats st;
	gk_page_cache_stats(c, &st);
	assert_true(st.bytes <= st.max_bytes);
	assert_true(st.entries >= 16 && st.entries < 64);
	/* the newest is kept, the oldest went */
	struct gk_cached_page *p = gk_page_cache_get(c, "/items/999", &V1);
	assert_non_null(p);
	gk_cached_page_release(p);
	assert_null(gk_page_cache_get(c, "/items/0", &V1));
	/* a page larger than a shard's budget is not kept */
	static char big[32 * 1024];
	assert_null(gk_page_cache_put(c, "/big", &V1, "text/html", NULL, big, sizeof big, 1));
	gk_page_cache_free(c);
	/* a cache of 0 bytes keeps nothing */
	c = gk_page_cache_new(0);
	assert_null(gk_page_cache_put(c, "/", &V1, "text/html", NULL, "a", 1, 1));
	gk_page_cache_free(c);
}

static void a_page_held_outlives_its_eviction(void **state)
{
	(void)state;
	struct gk_page_cache *c = gk_page_cache_new(1 << 20);
	struct gk_cached_page *held =
		gk_page_cache_put(c, "/a", &V1, "text/html", "public, max-age=60", "old", 3, 1);
	assert_string_equal(held->cache_control, "public, max-age=60");
	/* replaced while held (as while libmicrohttpd still sends it) */
	gk_cached_page_release(gk_page_cache_put(c, "/a", &V2, "text/html", NULL, "new", 3, 2));
	assert_memory_equal(held->data, "old", 3);
	gk_cached_page_release(held);
	gk_page_cache_free(c); /* and the cache freed with a page out: ASan checks both */
}

static void if_none_match_lists(void **state)
{
	(void)state;
	const char *e = "\"0123456789abcdef0123456789abcdef\"";
	assert_true(gk_etag_matches(e, e));
	assert_true(gk_etag_matches("*", e));
	assert_true(gk_etag_matches("W/\"0123456789abcdef0123456789abcdef\"", e));
	assert_true(gk_etag_matches("\"x\", \"0123456789abcdef0123456789abcdef\" ", e));
	assert_true(gk_etag_matches("\"x\",\"0123456789abcdef0123456789abcdef\"", e));
	assert_false(gk_etag_matches("\"x\"", e));
	assert_false(gk_etag_matches("", e));
	assert_false(gk_etag_matches("\"0123456789abcdef0123456789abcde\"", e));
	assert_false(gk_etag_matches("\"0123456789abcdef0123456789abcdef0\"", e));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(found_only_at_its_version),
		cmocka_unit_test(validators_follow_the_bytes),
		cmocka_unit_test(the_budget_holds),
		cmocka_unit_test(a_page_held_outlives_its_eviction),
		cmocka_unit_test(if_none_match_lists),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
