/* What the pages and the API of online consultation share (page_consult.c,
 * api_consultations.c). */
#ifndef GK_WEB_CONSULTATIONS_H
#define GK_WEB_CONSULTATIONS_H

#include "store/store.h"
#include "web/request.h"

/* The public list's filter from R: agency (a code), q (a substring, at
 * most 100 characters), before (the key of the next page), per_page.
 * GK_ENOTFOUND (no such agency) or GK_EINVAL with the Chinese reason. */
enum gk_err gk_consult_public_filter(struct gk_request *r, struct gk_question_filter *f,
				     struct gk_error *err);
/* The published question the path's first segment names into C (release
 * it); false if it was answered with an error (no such published one). */
bool gk_consult_published(struct gk_request *r, struct gk_consultation *c);
/* The year's questions within the viewer's scope, by state, as a section
 * of the supervision page: no format of the yearly report counts them
 * (docs/consultation.md). */
void gk_consult_year_counts(struct gk_request *r, int year);

#endif
