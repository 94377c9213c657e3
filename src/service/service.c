/* The context every use case runs in, transactions that join the caller's,
 * the scope check, and the deployment-wide facts loaded at start. */
#include <sodium.h>
#include <string.h>
#include <time.h>

#include "lib/date.h"
#include "lib/log.h"
#include "service/service.h"

void gk_svc_init(struct gk_svc *svc, struct gk_store *s, const struct gk_calendar *cal,
		 const struct gk_user *actor, const char *origin)
{
	svc->store = s;
	svc->calendar = cal;
	svc->actor = actor;
	svc->origin = origin ? origin : "cli";
	if (s)
		gk_store_set_origin(s, svc->origin); /* the address audit rows record */
	svc->today = gk_date_to_days(gk_date_today());
	svc->now = (int64_t)time(NULL);
	svc->catalogue = NULL;
	svc->catalogue_seq = -1;
	svc->catalogue_version = -1;
	svc->intake_limit = GK_INTAKE_LIMIT_DEFAULT;
}

int64_t gk_svc_actor_id(const struct gk_svc *svc)
{
	return svc->actor ? svc->actor->id : 0;
}

enum gk_err gk_svc_begin(struct gk_svc *svc, bool *own, struct gk_error *err)
{
	*own = !gk_store_in_tx(svc->store);
	return *own ? gk_store_begin(svc->store, err) : GK_OK;
}

enum gk_err gk_svc_end(struct gk_svc *svc, bool own, enum gk_err rc, struct gk_error *err)
{
	if (!own)
		return rc;
	if (rc) {
		gk_store_rollback(svc->store);
		return rc;
	}
	return gk_store_commit(svc->store, err);
}

static bool within(void *ctx, int64_t agency, int64_t ancestor)
{
	struct gk_error err = {0};
	bool yes = false;
	if (gk_store_agency_within(ctx, agency, ancestor, &yes, &err) != GK_OK) {
		gk_error("scope check refused: %s", gk_error_text(&err));
		return false;
	}
	return yes;
}

bool gk_svc_user_in_scope(struct gk_svc *svc, const struct gk_user *u, int64_t agency_id)
{
	return u && gk_user_can_act_in(u, agency_id, within, svc->store);
}

bool gk_svc_in_scope(struct gk_svc *svc, int64_t agency_id)
{
	return gk_svc_user_in_scope(svc, svc->actor, agency_id);
}

static int load_year(const struct gk_holiday_year *y, void *ctx)
{
	struct gk_error err = {0};
	if (gk_calendar_load_year(ctx, y->text, strlen(y->text), NULL, &err) != GK_OK)
		gk_warn("stored holiday year %d is not loaded: %s", y->year, gk_error_text(&err));
	return 0;
}

struct gk_calendar *gk_svc_calendar_load(struct gk_store *s, struct gk_error *err)
{
	struct gk_calendar *cal = gk_calendar_new_builtin(err);
	if (!cal)
		return NULL;
	if (gk_store_holiday_each(s, load_year, cal, err) != GK_OK) {
		gk_calendar_free(cal);
		return NULL;
	}
	return cal;
}

enum gk_err gk_svc_rate_take(struct gk_svc *svc, const char *key, int64_t window, int64_t limit,
			     bool record, bool *ok, struct gk_error *err)
{
	int64_t count = 0;
	bool own = false;
	enum gk_err rc = record ? gk_svc_begin(svc, &own, err) : GK_OK;
	if (rc)
		return rc;
	rc = gk_store_rate_count(svc->store, key, svc->now - window + 1, &count, err);
	*ok = count < limit;
	if (!rc && record && *ok)
		rc = gk_store_rate_hit(svc->store, key, svc->now, err);
	return record ? gk_svc_end(svc, own, rc, err) : rc;
}

enum gk_err gk_svc_rate_note(struct gk_svc *svc, const char *key, struct gk_error *err)
{
	bool own;
	enum gk_err rc = gk_svc_begin(svc, &own, err);
	if (rc)
		return rc;
	rc = gk_store_rate_hit(svc->store, key, svc->now, err);
	return gk_svc_end(svc, own, rc, err);
}

enum gk_err gk_svc_calendar_reload(struct gk_store *s, struct gk_calendar *live,
				   struct gk_error *err)
{
	return gk_store_holiday_each(s, load_year, live, err);
}

enum gk_err gk_svc_secret(struct gk_store *s, unsigned char out[32], struct gk_error *err)
{
	char hex[65];
	/* created once per database, not per process: every server behind one
	   proxy must sign and check anonymous CSRF tokens and proof-of-work
	   challenges with the same key (docs/serving.md) */
	for (int tries = 0; tries < 2; tries++) {
		enum gk_err rc = gk_store_setting_get(s, "secret", hex, sizeof hex, err);
		if (rc == GK_OK && sodium_hex2bin(out, 32, hex, strlen(hex), NULL, NULL, NULL) == 0)
			return GK_OK;
		if (rc && rc != GK_ENOTFOUND)
			return rc;
		if (rc == GK_OK) /* unreadable: replace it, as before */
			break;
		randombytes_buf(out, 32);
		sodium_bin2hex(hex, sizeof hex, out, 32);
		if ((rc = gk_store_setting_init(s, "secret", hex, err)))
			return rc;
	}
	randombytes_buf(out, 32);
	sodium_bin2hex(hex, sizeof hex, out, 32);
	return gk_store_setting_set(s, "secret", hex, err);
}
