/* Use cases of applications for disclosure: intake online and by staff,
 * one workflow step, the deadline as it stands, recomputing deadlines. */
#ifndef GK_SERVICE_APPLICATIONS_H
#define GK_SERVICE_APPLICATIONS_H

#include "core/application.h"
#include "service/service.h"

/* Applications accepted from one address per hour (online form and API together). */
#define GK_APPLY_MAX_PER_HOUR 10

/* Creates the application IN describes (tracking code, applicant, the
 * "create" event and, for staff, the "register" event by the actor) and
 * computes its deadline, in one transaction (or inside the caller's). OUT
 * gets the stored application. GK_EINVAL names a bad field; GK_EFORBIDDEN
 * if the actor registers it for an agency outside his. */
enum gk_err gk_svc_application_create(struct gk_svc *svc, const struct gk_intake *in,
				      struct gk_application *out, struct gk_error *err);
/* An application submitted online (the public form or API) from
 * svc->origin: GK_ETHROTTLED past GK_APPLY_MAX_PER_HOUR from one address
 * (and when the count cannot be read: the limit fails closed), else as
 * gk_svc_application_create, the attempt counted in the same transaction. */
enum gk_err gk_svc_application_submit(struct gk_svc *svc, const struct gk_intake *in,
				      struct gk_application *out, struct gk_error *err);

/* Applies STEP to application ID by the actor (GK_ENOTFOUND if it lies
 * outside his agencies, as if it did not exist) today: the
 * transition table decides (GK_ECONFLICT names the state and what is
 * allowed; GK_EFORBIDDEN for a missing role or the drafter approving), the
 * deadline rules are checked (GK_ECONFLICT with the reason, e.g. a late
 * 补正), then the event, the new state and the recomputed deadline are
 * stored in one transaction. OUT (may be NULL) gets the application after. */
enum gk_err gk_svc_application_act(struct gk_svc *svc, int64_t id, const struct gk_step_input *step,
				   struct gk_application *out, struct gk_error *err);

/* Computes the deadline of APP from its stored events into DL
 * (gk_deadline_init'ed by the caller; release it after). */
enum gk_err gk_svc_application_deadline(struct gk_svc *svc, const struct gk_application *app,
					struct gk_deadline *dl, struct gk_error *err);

/* Recomputes and stores the deadline of every open application (after a
 * holiday year was loaded); how many in *COUNT. */
enum gk_err gk_svc_application_recompute_all(struct gk_svc *svc, int *count, struct gk_error *err);

/* The applicant's ordinal among his applications to the same agency
 * received in the calendar month of APP's receipt (1 for the first): the
 * 按件 fee's "first". */
enum gk_err gk_svc_application_month_ordinal(struct gk_svc *svc, const struct gk_application *app,
					     int *ordinal, struct gk_error *err);

#endif
