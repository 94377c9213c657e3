/* Helpers the application pages and API share (page_apply.c, page_track.c,
 * page_requests.c, page_request.c, page_request_new.c, api_requests.c):
 * loading an application within the user's scope, reading intake and step
 * parameters, the public rate limit and challenge, JSON views. */
#ifndef GK_WEB_APPLICATIONS_H
#define GK_WEB_APPLICATIONS_H

#include <jansson.h>
#include <stdbool.h>

#include "core/request.h"
#include "web/request.h"

/* Applications accepted from one address per hour (online form and API together). */
#define GK_APPLY_MAX_PER_HOUR 10

/* Today as a day number (local time). */
long gk_app_today(void);
/* DAY as "YYYY-MM-DD" in the request's arena; "" for GK_NO_DAY. */
const char *gk_app_day(struct gk_request *r, long day);
/* The date parameter NAME (already checked by the route) or GK_NO_DAY. */
long gk_app_param_day(const struct gk_request *r, const char *name);

/* Loads the application whose tracking code is path segment 0 for a staff
 * user, with the applicant. Responds 404 (and returns false) if there is
 * none or it lies outside the user's agencies: staff of one agency do not
 * learn that another's applications exist. */
bool gk_app_load_staff(struct gk_request *r, struct gk_application *app);

/* True if the logged-in user may see and act on applications of AGENCY_ID. */
bool gk_app_in_scope(struct gk_request *r, int64_t agency_id);

/* Fills IN from the intake parameters (agency, applicant_type, name, …).
 * GK_EINVAL names the field; GK_ENOTFOUND for an unknown agency. */
enum gk_err gk_app_intake_from_params(struct gk_request *r, struct gk_intake *in,
				      struct gk_error *err);
/* Fills STEP from the step parameters (action, day, note, outcome, …). */
enum gk_err gk_app_step_from_params(struct gk_request *r, struct gk_step_input *step,
				    struct gk_error *err);

/* The per-address limit on new applications: GK_ETHROTTLED if reached. */
enum gk_err gk_app_rate_check(struct gk_request *r, struct gk_error *err);
void gk_app_rate_hit(struct gk_request *r);

/* Public status (no personal data): tracking_code, state, received, due,
 * outcome, replied and labels. */
json_t *gk_app_public_json(const struct gk_application *app);
/* The staff view: the public fields and the handling details; the
 * applicant only if PERSONAL. */
json_t *gk_app_staff_json(const struct gk_application *app, bool personal);

/* True if APP is open, its clock running and its due day before TODAY. */
bool gk_app_overdue(const struct gk_application *app, long today);
/* The public outcome: set only once the application is closed. */
int gk_app_public_outcome(const struct gk_application *app);

/* The path of APP's staff page, "/staff/requests/CODE", in the arena. */
const char *gk_app_staff_path(struct gk_request *r, const struct gk_application *app);

/* Form helpers: an <option> (selected if SELECTED equals VALUE); a labelled
 * input "a-NAME" keeping the submitted value; the intake fields (applicant
 * type, name, identity, contact, description, 文号, delivery, medium). */
void gk_app_option(struct gk_buf *b, const char *value, const char *label, const char *selected);
void gk_app_input(struct gk_request *r, const char *name, const char *label, const char *type,
		  int maxlength, bool required);
void gk_app_intake_fields(struct gk_request *r);

#endif
