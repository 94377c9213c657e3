/* Growing delays for failed logins: see login_guard.h. */
#include <pthread.h>
#include <stdio.h>

#include "core/backoff.h"
#include "lib/log.h"
#include "lib/rate_table.h"
#include "service/login_guard.h"

static const struct gk_backoff pair_policy = {GK_LOGIN_PAIR_FREE, 2, GK_LOGIN_PAIR_MAX_WAIT};
static const struct gk_backoff addr_policy = {GK_LOGIN_ADDR_FREE, 1, GK_LOGIN_ADDR_MAX_WAIT};

/* failures the store could not take: counted here for the life of the process */
static struct gk_rate_table *fallback;
static pthread_once_t fallback_once = PTHREAD_ONCE_INIT;

static void fallback_init(void)
{
	fallback = gk_rate_table_new(4096);
}

static struct gk_rate_table *memory(void)
{
	pthread_once(&fallback_once, fallback_init);
	return fallback;
}

static void keys(const struct gk_svc *svc, const char *login, char pair[160], char addr[96])
{
	const char *origin = svc->origin ? svc->origin : "?";
	snprintf(pair, 160, "pair:%.60s|%.60s", login ? login : "", origin);
	snprintf(addr, 96, "addr:%.60s", origin);
}

/* Seconds KEY still waits under POLICY: stored and in-memory failures together. */
static enum gk_err remaining(struct gk_svc *svc, const char *key, int64_t window,
			     const struct gk_backoff *policy, int64_t *wait, struct gk_error *err)
{
	int64_t count = 0, last = 0;
	enum gk_err rc =
		gk_store_rate_recent(svc->store, key, svc->now - window, &count, &last, err);
	if (rc)
		return rc;
	struct gk_rate_table *mem = memory();
	if (mem) {
		int64_t extra = gk_rate_count(mem, key, svc->now, window);
		int64_t mem_last = gk_rate_last(mem, key);
		count += extra;
		if (extra && mem_last > last)
			last = mem_last;
	}
	*wait = gk_backoff_remaining(policy, count, last, svc->now);
	return GK_OK;
}

enum gk_err gk_login_guard_check(struct gk_svc *svc, const char *login, int64_t *wait,
				 struct gk_error *err)
{
	char pair[160], addr[96];
	int64_t by_pair = 0, by_addr = 0;
	keys(svc, login, pair, addr);
	*wait = 0;
	enum gk_err rc;
	if ((rc = remaining(svc, pair, GK_LOGIN_PAIR_WINDOW, &pair_policy, &by_pair, err)) ||
	    (rc = remaining(svc, addr, GK_LOGIN_ADDR_WINDOW, &addr_policy, &by_addr, err))) {
		/* fail closed: a try we could not weigh is not made */
		gk_warn("login of '%s' from %s refused: attempts not readable (%s)", login,
			svc->origin, gk_error_text(err));
		*wait = 5;
		return gk_fail(err, GK_ETHROTTLED, "暂时无法核对登录记录，请稍后再试");
	}
	*wait = by_pair > by_addr ? by_pair : by_addr;
	if (*wait)
		return gk_fail(
			err, GK_ETHROTTLED,
			"登录失败次数较多，为保护账号，请%lld秒后再试（换用其他网络不受影响）",
			(long long)*wait);
	return GK_OK;
}

void gk_login_guard_failed(struct gk_svc *svc, const char *login)
{
	char pair[160], addr[96];
	struct gk_error err = {0};
	bool own;
	keys(svc, login, pair, addr);
	enum gk_err rc = gk_svc_begin(svc, &own, &err);
	if (!rc) {
		rc = gk_store_rate_hit(svc->store, pair, svc->now, &err);
		if (!rc)
			rc = gk_store_rate_hit(svc->store, addr, svc->now, &err);
		rc = gk_svc_end(svc, own, rc, &err);
	}
	if (!rc)
		return;
	/* never lost silently: counted in memory, and said in the log */
	struct gk_rate_table *mem = memory();
	if (mem) {
		gk_rate_add(mem, pair, svc->now, GK_LOGIN_PAIR_WINDOW);
		gk_rate_add(mem, addr, svc->now, GK_LOGIN_ADDR_WINDOW);
	}
	gk_warn("failed login for '%s' from %s not stored (%s): counted in memory%s", login,
		svc->origin, gk_error_text(&err), mem ? "" : " failed too");
}

enum gk_err gk_login_guard_passed(struct gk_svc *svc, const char *login, struct gk_error *err)
{
	char pair[160], addr[96];
	keys(svc, login, pair, addr);
	if (memory())
		gk_rate_forget(memory(), pair);
	return gk_store_rate_clear(svc->store, pair, err);
}
