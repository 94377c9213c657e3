/* The application form to download (表格下载, page_forms.c), shared with
 * the online form (page_apply.c), which answers it filled in. */
#ifndef GK_WEB_FORMS_H
#define GK_WEB_FORMS_H

#include "output/application_form.h"
#include "web/request.h"

/* Documents made per address in GK_FORMS_WINDOW seconds (each costs the
 * drawing of a PDF): past them 429. */
#define GK_FORMS_PER_ADDR 60
#define GK_FORMS_WINDOW   600

/* Counts a document for R's address: GK_ETHROTTLED (the Chinese reason,
 * a Retry-After header) past the limit. */
enum gk_err gk_forms_allowed(struct gk_request *r, struct gk_error *err);

/* Answers R with form F in FORMAT: 200, the document's type and a
 * Content-Disposition naming it in Chinese (RFC 6266 filename*). A failure
 * of the server is recorded on R (gk_req_failed). FILLED: the document
 * holds what an applicant typed, so no cache keeps it. */
void gk_forms_send(struct gk_request *r, const struct gk_application_form *f,
		   enum gk_appform_format format, bool filled);

#endif
