/* Helpers the application pages and API share (page_apply.c, page_track.c,
 * page_applications.c, page_application.c, page_application_new.c, api_applications.c):
 * loading an application within the user's scope, creating one from the
 * intake parameters (within the public rate limit), performing a step,
 * JSON views, form fields. */
#ifndef GK_WEB_APPLICATIONS_H
#define GK_WEB_APPLICATIONS_H

#include <jansson.h>
#include <stdbool.h>

#include "service/applications.h"
#include "web/request.h"

/* DAY as "YYYY-MM-DD" in the request's arena; "" for GK_NO_DAY. */
const char *gk_app_day(struct gk_request *r, long day);
/* The date parameter NAME (already checked by the route) or GK_NO_DAY. */
long gk_app_param_day(const struct gk_request *r, const char *name);

/* Loads the application whose tracking code is path segment 0 for a staff
 * user, with the applicant, into the request's arena. Responds 404 (and
 * returns NULL) if there is none or it lies outside the user's agencies:
 * staff of one agency do not learn that another's applications exist. */
struct gk_application *gk_app_load_staff(struct gk_request *r);

/* Fills F for queue VIEW of the logged-in user: his agencies (all for the
 * city office), today, due within 3 working days, and the parameters year,
 * page (PER_PAGE a page) and agency (its code). GK_ENOTFOUND if 'agency'
 * names no agency (the caller says so its own way; scope is not checked
 * here); a failure of the server as it is. */
enum gk_err gk_app_queue_filter(struct gk_request *r, enum gk_app_view view, int64_t per_page,
				struct gk_app_filter *f, struct gk_error *err);

/* True if the logged-in user may see and act on applications of AGENCY_ID. */
bool gk_app_in_scope(struct gk_request *r, int64_t agency_id);

/* Creates *APP (in the request's arena) from an application submitted
 * online, by the form or the API: GK_ETHROTTLED past the per-address
 * limit; GK_EINVAL naming the field for bad intake parameters; else as
 * gk_svc_application_create. */
enum gk_err gk_app_submit_online(struct gk_request *r, struct gk_application **app,
				 struct gk_error *err);
/* Creates *APP (in the request's arena) from an application a handler
 * registers, by the page or the API: the intake parameters, the channel
 * and the facts that fix the day of receipt. GK_EFORBIDDEN for an agency
 * outside the user's. */
enum gk_err gk_app_register(struct gk_request *r, struct gk_application **app,
			    struct gk_error *err);
/* Performs on APP the workflow step the step parameters describe (read
 * into STEP), by the logged-in user, today. On success APP is the
 * application after the step; on error it is unchanged. */
enum gk_err gk_app_act(struct gk_request *r, struct gk_application *app, struct gk_step_input *step,
		       struct gk_error *err);

/* The steps the logged-in user can take on APP now without being refused
 * (gk_actions_now: role, state, his own draft, the clock DL computed, a
 * 补正 asked already): into OUT, *COUNT of them (at most CAP). False after
 * a failure of the server, already answered. The case page offers these;
 * the API lists them as "actions". */
bool gk_app_actions_now(struct gk_request *r, const struct gk_application *app,
			const struct gk_deadline *dl, enum gk_app_action *out, size_t cap,
			size_t *count);

/* Public status (no personal data): tracking_code, state, received, due,
 * outcome, replied and labels. */
json_t *gk_app_public_json(const struct gk_application *app);
/* The staff view: the public fields and the handling details; the
 * applicant only if PERSONAL, else the letter and the request's text with
 * the applicant's fields (APP's, loaded) replaced by placeholders. */
json_t *gk_app_staff_json(const struct gk_application *app, bool personal);

/* TEXT about APP as the logged-in user may read it: as it is for staff who
 * may see the applicant (gk_application_personal_visible), else with the
 * applicant's fields replaced by placeholders (gk_applicant_redact); in
 * the request's arena (TEXT itself when unchanged). */
const char *gk_app_shown(struct gk_request *r, const struct gk_application *app, const char *text);

/* True if APP is open, its clock running and its due day before TODAY. */
bool gk_app_overdue(const struct gk_application *app, long today);
/* The public outcome: set only once the application is closed. */
int gk_app_public_outcome(const struct gk_application *app);

/* The path of APP's staff page, "/staff/requests/CODE", in the arena. */
const char *gk_app_staff_path(struct gk_request *r, const struct gk_application *app);

/* Form helpers: an <option> (selected if SELECTED equals VALUE); a labelled
 * input "a-NAME" keeping the submitted value (MAXLENGTH 0: unbounded); the
 * intake fields (applicant type, name, identity, contact, description,
 * 文号, delivery, medium), each with its problem in P if any (P NULL: a
 * fresh form). */
void gk_app_option(struct gk_buf *b, const char *value, const char *label, const char *selected);
void gk_app_input(struct gk_request *r, const char *name, const char *label, const char *type,
		  int maxlength, bool required);
void gk_app_intake_fields(struct gk_request *r, const struct gk_intake_problems *p);
/* An intake form's field NAME (our markup): its problem MESSAGE, if any, in
 * a paragraph with id "a-NAME-error"; and the control's attributes — id
 * and name "a-NAME"/NAME, required, and aria-invalid and aria-describedby
 * naming that paragraph (BAD) and the hint "a-NAME-hint" (HINT). The
 * public form and the staff's registration form write them alike. */
/* V with CR LF line breaks as LF (a line break is one character, in the
 * browser's count and ours), in the request's arena; NULL stays NULL, and
 * out of memory V as it is. */
const char *gk_app_plain_lines(struct gk_request *r, const char *v);
void gk_app_field_error(struct gk_buf *b, const char *name, const char *message);
void gk_app_field_attrs(struct gk_buf *b, const char *name, bool required, bool bad, bool hint);
/* What is wrong with the intake parameters of a registration by staff,
 * field by field, as core/intake.c finds it (P for gk_app_intake_fields,
 * which shows each problem beside its field); returns P->count. */
int gk_app_intake_problems(struct gk_request *r, struct gk_intake_problems *p);

#endif
