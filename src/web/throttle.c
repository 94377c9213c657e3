/* Limits of the web front end: see throttle.h. Counted in the database
 * (rate_hits) so that several servers on one database share them; the
 * table in memory only stands in while the database cannot count. */
#include <stdio.h>
#include <time.h>

#include "lib/log.h"
#include "lib/rate_table.h"
#include "service/service.h"
#include "web/server.h"
#include "web/throttle.h"

#define TABLE_SLOTS 16384

enum gk_err gk_throttle_server_init(struct gk_server *srv, struct gk_error *err)
{
	srv->limits = gk_rate_table_new(TABLE_SLOTS);
	return srv->limits ? GK_OK : gk_fail(err, GK_ENOMEM, "out of memory for the rate limits");
}

void gk_throttle_server_free(struct gk_server *srv)
{
	gk_rate_table_free(srv->limits);
	srv->limits = NULL;
}

static void retry_after(struct gk_request *r, int64_t seconds)
{
	char *v = gk_arena_alloc(&r->arena, 24);
	if (v) {
		snprintf(v, 24, "%lld", (long long)seconds);
		gk_req_header(r, "Retry-After", v);
	}
}

/* gk_svc_rate_take on R's connection, or the table in memory (with a
 * warning) while the database cannot count: a limit never fails a request
 * by itself. */
static bool take(struct gk_request *r, const char *key, int64_t window, int64_t limit, bool record)
{
	int64_t now = (int64_t)time(NULL);
	struct gk_error err = {0};
	bool ok = true;
	struct gk_svc svc = r->svc;
	svc.now = now;
	if (svc.store && gk_svc_rate_take(&svc, key, window, limit, record, &ok, &err) == GK_OK)
		return ok;
	gk_warn("rate limit %s counted in memory: %s", key, gk_error_text(&err));
	struct gk_rate_table *t = r->server ? r->server->limits : NULL;
	if (!t)
		return true;
	return record ? gk_rate_take(t, key, now, window, limit)
		      : gk_rate_count(t, key, now, window) < limit;
}

enum gk_err gk_throttle_take(struct gk_request *r, const char *key, bool per_addr, int64_t window,
			     int64_t limit, const char *message, struct gk_error *err)
{
	if (limit <= 0)
		return GK_OK;
	char full[160];
	snprintf(full, sizeof full, "web:%s%s%.60s", key, per_addr ? "@" : "",
		 per_addr && r->remote_addr ? r->remote_addr : "");
	if (take(r, full, window, limit, true))
		return GK_OK;
	retry_after(r, window);
	return gk_fail(err, GK_ETHROTTLED, "%s", message);
}

enum gk_err gk_throttle_lookup(struct gk_request *r, struct gk_error *err)
{
	char key[96];
	snprintf(key, sizeof key, "web:miss@%.60s", r->remote_addr ? r->remote_addr : "");
	if (!take(r, key, 3600, GK_LOOKUP_MISSES_PER_HOUR, false)) {
		retry_after(r, 3600);
		return gk_fail(err, GK_ETHROTTLED,
			       "从您的网络地址查询不存在的查询码次数过多，请一小时后再试，"
			       "或者联系受理机关");
	}
	return gk_throttle_take(r, "lookup", true, 60, GK_LOOKUPS_PER_MINUTE,
				"查询过于频繁，请一分钟后再试", err);
}

void gk_throttle_lookup_missed(struct gk_request *r)
{
	char key[96];
	snprintf(key, sizeof key, "web:miss@%.60s", r->remote_addr ? r->remote_addr : "");
	int64_t now = (int64_t)time(NULL);
	struct gk_error err = {0};
	struct gk_svc svc = r->svc;
	svc.now = now;
	if (svc.store && gk_svc_rate_note(&svc, key, &err) == GK_OK)
		return;
	gk_warn("rate limit %s counted in memory: %s", key, gk_error_text(&err));
	if (r->server && r->server->limits)
		gk_rate_add(r->server->limits, key, now, 3600);
}
