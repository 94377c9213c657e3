/* Use cases of applications for disclosure: intake online and by staff,
 * one workflow step, the deadline as it stands, recomputing deadlines. */
#ifndef GK_SERVICE_APPLICATIONS_H
#define GK_SERVICE_APPLICATIONS_H

#include "core/application.h"
#include "service/service.h"

/* Applications accepted from one address per hour (online form and API
 * together), at least: see gk_svc.intake_limit. */
#define GK_APPLY_MAX_PER_HOUR 10

/* Which allowance of online submissions from one address KEY has used up
 * (the application's and the consultation's, counted apart): the minute's
 * (svc->intake_limit) or the hour's (GK_APPLY_MAX_PER_HOUR, or the
 * minute's if more); none when the limit is off. *PER is that allowance. */
enum gk_intake_rate { GK_RATE_WITHIN, GK_RATE_MINUTE, GK_RATE_HOUR };
enum gk_err gk_svc_intake_rate(struct gk_svc *svc, const char *key, enum gk_intake_rate *passed,
			       int *per, struct gk_error *err);

/* Creates the application IN describes (tracking code, applicant, the
 * "create" event and, for staff, the "register" event by the actor) and
 * computes its deadline, in one transaction (or inside the caller's). OUT
 * gets the stored application. GK_EINVAL names a bad field; GK_EFORBIDDEN
 * if the actor registers it for an agency outside his. */
enum gk_err gk_svc_application_create(struct gk_svc *svc, const struct gk_intake *in,
				      struct gk_application *out, struct gk_error *err);
/* An application submitted online (the public form or API) from
 * svc->origin: GK_ETHROTTLED past svc->intake_limit in a minute or its
 * hourly allowance from one address (and when the count cannot be read:
 * the limit fails closed), else as gk_svc_application_create, the attempt
 * counted in the same transaction. */
enum gk_err gk_svc_application_submit(struct gk_svc *svc, const struct gk_intake *in,
				      struct gk_application *out, struct gk_error *err);
/* The same, once only for ONCE (the human check's challenge, or NULL for
 * none): GK_ECONFLICT if an application already used it (it is kept a day). */
enum gk_err gk_svc_application_submit_once(struct gk_svc *svc, const struct gk_intake *in,
					   const char *once, struct gk_application *out,
					   struct gk_error *err);

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

/* --- the applicant's own view (issue 12) -------------------------------------- */

/* Failed look-ups of the applicant's view allowed from one address in
 * GK_TRACK_WINDOW seconds, and for one tracking code in a day: four digits
 * are guessed slowly. */
#define GK_TRACK_WINDOW       (15 * 60)
#define GK_TRACK_MAX_PER_ADDR 10
#define GK_TRACK_MAX_PER_CODE 20

/* What the applicant sees of his own application: his request, the steps
 * (internal drafting and review left out by the page), the 补正 notice, and
 * the reply with the files released with it when it is to be obtained
 * online. Arrays are malloc'ed: gk_app_own_view_release frees them. */
struct gk_app_own_view {
	struct gk_application app; /* with the applicant */
	struct gk_app_event *events;
	size_t nevents;
	const struct gk_app_event *supplement; /* the last 补正 notice, or NULL */
	bool reply_online;           /* replied, to be obtained online: letter and files shown */
	struct gk_attachment *files; /* the files that came with the reply (if reply_online) */
	size_t nfiles;
	bool fee_open;         /* a fee notice waits for payment: */
	struct gk_app_fee fee; /* the last one (amount, day due) */
};

/* Loads into OUT the application with tracking CODE (normalised) if SECRET
 * is the last four characters of the phone number (its digits) or of the
 * identity number the applicant gave. GK_ENOTFOUND alike for no such code
 * and a wrong secret (the failure is counted); GK_ETHROTTLED past
 * GK_TRACK_MAX_PER_ADDR or GK_TRACK_MAX_PER_CODE failures (the limit fails
 * closed). */
enum gk_err gk_svc_application_own_view(struct gk_svc *svc, const char *code, const char *secret,
					struct gk_app_own_view *out, struct gk_error *err);
/* One file released with the reply (as gk_svc_application_own_view lists
 * them) of the application CODE behind SECRET: metadata into OUT, bytes
 * appended to DATA. GK_ENOTFOUND as there, and for a file not released. */
enum gk_err gk_svc_application_own_file(struct gk_svc *svc, const char *code, const char *secret,
					int64_t file_id, struct gk_attachment *out,
					struct gk_buf *data, struct gk_error *err);
/* Frees what gk_svc_application_own_view allocated; V may be NULL. */
void gk_app_own_view_release(struct gk_app_own_view *v);

#endif
