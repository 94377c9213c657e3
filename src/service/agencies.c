/* The agency tree's use cases. */
#include "service/agencies.h"

enum gk_err gk_svc_agency_add(struct gk_svc *svc, struct gk_agency *a, const char *parent_code,
			      struct gk_error *err)
{
	struct gk_agency p;
	enum gk_err rc = gk_agency_validate(a, err);
	if (rc)
		return rc;
	a->parent_id = 0;
	if (parent_code && *parent_code) {
		if ((rc = gk_store_agency_by_code(svc->store, parent_code, &p, err)))
			return rc;
		a->parent_id = p.id;
	} else {
		rc = gk_store_agency_root(svc->store, &p, err);
		if (rc == GK_OK)
			return gk_fail(err, GK_EINVAL,
				       "the database has a root agency (%s): give --parent",
				       p.code);
		if (rc != GK_ENOTFOUND)
			return rc;
	}
	bool own;
	if ((rc = gk_svc_begin(svc, &own, err)))
		return rc;
	rc = gk_store_agency_add(svc->store, a, err);
	if (!rc)
		rc = gk_store_audit(svc->store, gk_svc_actor_id(svc), a->id, "create", "agency",
				    a->id, a->code, err);
	return gk_svc_end(svc, own, rc, err);
}

enum gk_err gk_svc_agency_update(struct gk_svc *svc, const struct gk_agency *a, const char *changed,
				 struct gk_error *err)
{
	enum gk_err rc = gk_agency_validate(a, err);
	if (rc)
		return rc;
	if (svc->actor && !gk_svc_in_scope(svc, a->id))
		return gk_fail(err, GK_EFORBIDDEN, "这个机关不在您的管辖范围内");
	bool own;
	if ((rc = gk_svc_begin(svc, &own, err)))
		return rc;
	rc = gk_store_agency_update(svc->store, a, err);
	if (!rc)
		rc = gk_store_audit(svc->store, gk_svc_actor_id(svc), a->id, "update", "agency",
				    a->id, changed, err);
	return gk_svc_end(svc, own, rc, err);
}
