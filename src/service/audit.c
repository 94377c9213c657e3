/* The audit row of a staff request no use case audited (see audit.h). */
#include <stdio.h>

#include "service/audit.h"

enum gk_err gk_svc_audit_request(struct gk_svc *svc, const char *method, const char *path,
				 int status, struct gk_error *err)
{
	if (!svc->actor || gk_store_audit_rows(svc->store) > 0)
		return GK_OK;
	char detail[400];
	snprintf(detail, sizeof detail, "%.360s（%d）", path ? path : "", status);
	bool own;
	enum gk_err rc = gk_svc_begin(svc, &own, err);
	if (!rc)
		rc = gk_store_audit(svc->store, svc->actor->id, svc->actor->agency_id, method,
				    "request", 0, detail, err);
	return gk_svc_end(svc, own, rc, err);
}
