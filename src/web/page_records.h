/* What the records' pages share (page_records.c, page_records_figures.c). */
#ifndef GK_WEB_PAGE_RECORDS_H
#define GK_WEB_PAGE_RECORDS_H

#include <stdbool.h>
#include <stdint.h>

#include "web/request.h"

/* AT (unix seconds) as "2021-03-05 14:20", escaped; nothing for 0. */
void gk_page_records_time(struct gk_buf *b, int64_t at);
/* <option>s of the agencies the user sees, SELECTED (a code) chosen; ANY
 * adds "全部机构" first. */
void gk_page_records_agency_options(struct gk_request *r, const char *selected, bool any);

struct gk_application;
/* The section of application APP's staff page listing the disputes that
 * arose from it, with a link to add one (for handlers and administrators). */
void gk_page_records_application_disputes(struct gk_request *r, const struct gk_application *app);

#endif
