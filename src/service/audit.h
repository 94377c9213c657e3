/* The audit log's use cases beyond the rows each use case writes itself. */
#ifndef GK_SERVICE_AUDIT_H
#define GK_SERVICE_AUDIT_H

#include "service/service.h"

/* Records that the actor's request METHOD PATH changed something (it
 * succeeded with STATUS) when the use cases it ran wrote no audit row of
 * their own, so that every change by staff is in the log. Nothing for no
 * actor. */
enum gk_err gk_svc_audit_request(struct gk_svc *svc, const char *method, const char *path,
				 int status, struct gk_error *err);

#endif
