/* Loading a holiday year: stored and counted with in one transaction, then
 * applied to the running calendar once it is committed. */
#include "service/holidays.h"
#include "service/applications.h"

enum gk_err gk_svc_holiday_load(struct gk_svc *svc, struct gk_calendar *live, const char *text,
				size_t len, int *year, int *recounted, struct gk_error *err)
{
	*recounted = 0;
	if (svc->actor && !svc->actor->city_wide)
		return gk_fail(err, GK_EFORBIDDEN,
			       "只有市政府信息公开工作机构的管理员才能载入节假日安排");
	enum gk_err rc = gk_calendar_check_year(text, len, year, err);
	bool own;
	if (rc || (rc = gk_svc_begin(svc, &own, err)))
		return rc;
	rc = gk_store_holiday_put(svc->store, *year, text, gk_svc_actor_id(svc), err);
	if (!rc)
		rc = gk_store_audit(svc->store, gk_svc_actor_id(svc),
				    svc->actor ? svc->actor->agency_id : 0, "upload",
				    "holiday_year", *year,
				    svc->actor ? NULL : "gongkai holidays load", err);
	/* every open deadline counted again on a calendar with the new year,
	 * before anything changes outside the transaction */
	struct gk_calendar *next = rc ? NULL : gk_svc_calendar_load(svc->store, err);
	if (!rc && !next)
		rc = err && err->code ? err->code : GK_ENOMEM;
	if (!rc) {
		struct gk_svc counted = *svc;
		counted.calendar = next;
		rc = gk_svc_application_recompute_all(&counted, recounted, err);
	}
	gk_calendar_free(next);
	if ((rc = gk_svc_end(svc, own, rc, err)))
		return rc;
	return live ? gk_calendar_load_year(live, text, len, year, err) : GK_OK;
}
