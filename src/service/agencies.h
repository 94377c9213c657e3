/* Use cases of the agency tree: adding an agency, changing one's contact. */
#ifndef GK_SERVICE_AGENCIES_H
#define GK_SERVICE_AGENCIES_H

#include "core/agency.h"
#include "service/service.h"

/* Adds A below the agency with code PARENT_CODE (NULL or "": A is the root,
 * refused if there is one already). Checks every field (GK_EINVAL naming
 * it); GK_ECONFLICT if the code is taken. a->id is set. */
enum gk_err gk_svc_agency_add(struct gk_svc *svc, struct gk_agency *a, const char *parent_code,
			      struct gk_error *err);
/* Stores A's changed fields (CHANGED names them for the audit log) by the
 * actor, who must have A in scope (GK_EFORBIDDEN otherwise). */
enum gk_err gk_svc_agency_update(struct gk_svc *svc, const struct gk_agency *a, const char *changed,
				 struct gk_error *err);

#endif
