/* Notices drawn into other pages (page_notices.c, issue 15). */
#ifndef GK_WEB_NOTICES_H
#define GK_WEB_NOTICES_H

#include <stdint.h>

#include "core/application.h"
#include "web/request.h"

/* The applicant's notices of APP_ID (his own view, the secret checked). */
void gk_page_notices_own(struct gk_request *r, int64_t app_id);
/* Every notice of APP with its delivery record (the staff case page). */
void gk_page_notices_case(struct gk_request *r, const struct gk_application *app);

#endif
