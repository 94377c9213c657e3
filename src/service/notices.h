/* Notices to applicants and staff (issue 15): written to the outbox in
 * the transaction of the step that causes them, the daily scan (due soon,
 * overdue, the city office's digest), the sender's pass over the outbox
 * with retries and a record of each attempt, the preferences of staff,
 * and what the tracking and case pages show. See docs/notices.md. */
#ifndef GK_SERVICE_NOTICES_H
#define GK_SERVICE_NOTICES_H

#include "core/application.h"
#include "core/notice.h"
#include "core/sms_gateway.h"
#include "service/service.h"

/* What sends: e-mail and SMS (the transports, bound by the server). */
struct gk_notice_sender {
	void *ctx;
	/* Sends one notice to TO by CHANNEL (GK_NOTICE_EMAIL or GK_NOTICE_SMS);
	 * KEY is the notice's idempotency key, for a gateway that removes
	 * duplicates. Returns 0 sent (the gateway's id into RECEIPT), 1 a
	 * temporary failure (tried again later), 2 a permanent one (the
	 * notice fails); the reason into WHY, in Chinese for staff. */
	int (*send)(void *ctx, enum gk_notice_channel channel, const char *to, const char *subject,
		    const char *body, const char *key, char *receipt, size_t receipt_len, char *why,
		    size_t why_len);
	/* After a temporary failure: the earliest unix time worth trying
	 * again, when the transport knows one (a rate limit), else 0. May be
	 * NULL. */
	int64_t (*retry_after)(void *ctx);
	/* The retry schedule's first wait and its cap, seconds (0: those of
	 * gk_notice_backoff, 1 min and 6 h). */
	int64_t retry_first, retry_max;
};

/* The notices of a new application (the receipt), in the caller's
 * transaction. APP with its applicant. */
enum gk_err gk_svc_notices_on_create(struct gk_svc *svc, const struct gk_application *app,
				     struct gk_error *err);
/* The notices of workflow step STEP just recorded as event EV on APP (as
 * stored after the step, with its applicant); FEE: the fee notice the step
 * sent, if any. In the caller's transaction. */
enum gk_err gk_svc_notices_on_step(struct gk_svc *svc, const struct gk_application *app,
				   const struct gk_step_input *step, const struct gk_app_event *ev,
				   const struct gk_app_fee *fee, struct gk_error *err);

/* The staff notices of TODAY: due within 3 working days and overdue (to
 * the handler) and the city office's digest of overdue cases by agency.
 * Once per case (or person) and day: a second scan adds nothing. *ADDED
 * (may be NULL) gets how many notices were added. */
enum gk_err gk_svc_notices_scan(struct gk_svc *svc, long today, int *added, struct gk_error *err);

/* Sends up to MAX due notices by SENDER at NOW (a NULL sender: nothing,
 * they stay pending). Each is claimed first in its own transaction, so
 * one that a crash left in "sending" is taken again after
 * GK_NOTICE_CLAIM_SECONDS; each call is recorded as an attempt; a
 * temporary failure is retried after gk_notice_retry_delay, until
 * GK_NOTICE_MAX_ATTEMPTS, then the notice is failed with its reason.
 * *SENT (may be NULL) gets how many were sent. */
enum gk_err gk_svc_notices_deliver(struct gk_svc *svc, const struct gk_notice_sender *sender,
				   int64_t now, int max, int *sent, struct gk_error *err);

/* Sends failed notice NOTICE_ID of application APP_ID (of agency
 * AGENCY_ID) again: back in the queue with its attempts counted afresh,
 * its record kept, with an audit row. GK_ENOTFOUND outside the actor's
 * agencies or for a notice of another application; GK_ECONFLICT unless it
 * is a failed e-mail or SMS notice. */
enum gk_err gk_svc_notice_retry(struct gk_svc *svc, int64_t app_id, int64_t agency_id,
				int64_t notice_id, struct gk_error *err);

/* The gateway reported notice ID delivered at AT (now if AT is later or
 * 0; never before it was sent): a sent notice becomes delivered, its
 * delivered_at the day gk_svc_notice_delivery_day uses. Once: a repeated
 * report, or one for a notice not sent, changes nothing. */
enum gk_err gk_svc_notice_delivered(struct gk_svc *svc, int64_t id, int64_t at,
				    struct gk_error *err);
/* The gateway reported notice ID not delivered, for REASON (its words): a
 * sent notice becomes failed with that reason (staff may send it again);
 * a delivered one stays delivered; a repeat changes nothing. */
enum gk_err gk_svc_notice_failed_report(struct gk_svc *svc, int64_t id, const char *reason,
					struct gk_error *err);

/* What a callback's reports came to. */
struct gk_notice_report_counts {
	int delivered, failed; /* notices that changed */
	int unchanged;         /* known, but already so (a repeat) or not sent */
	int unknown;           /* no SMS notice has that receipt (logged) */
	int ignored;           /* a status neither delivered nor failed */
};
/* Applies the gateway's delivery REPORTS (N) in one transaction: each
 * finds its SMS notice by receipt and marks it delivered or failed. */
enum gk_err gk_svc_notice_reports(struct gk_svc *svc, const struct gk_sms_report *reports, size_t n,
				  struct gk_notice_report_counts *counts, struct gk_error *err);

/* The day the applicant's notice of KIND for application APP_ID, caused on
 * DAY or later, reached him as far as gongkai knows: its delivery day,
 * else the day it was sent. *DAY_OUT is GK_NO_DAY when there is no such
 * notice or it was not sent electronically (post: the day staff record);
 * *WAITING is true while an e-mail or SMS notice is not sent yet. */
enum gk_err gk_svc_notice_delivery_day(struct gk_svc *svc, int64_t app_id, enum gk_notice_kind kind,
				       long day, long *day_out, bool *waiting,
				       struct gk_error *err);

/* A notice with its attempts, for the pages. */
struct gk_notice_record {
	struct gk_notice notice;
	struct gk_notice_attempt *attempts; /* malloc'ed */
	size_t nattempts;
};
struct gk_notice_records {
	struct gk_notice_record *items; /* malloc'ed */
	size_t count;
};
void gk_notice_records_release(struct gk_notice_records *r);

/* The notices of application APP_ID with their attempts, for staff in
 * scope of AGENCY_ID (its agency; GK_ENOTFOUND otherwise). */
enum gk_err gk_svc_notices_of_case(struct gk_svc *svc, int64_t app_id, int64_t agency_id,
				   struct gk_notice_records *out, struct gk_error *err);
/* The applicant's notices of APP_ID (the caller opened the applicant's
 * view: gk_svc_application_own_view), without attempts. */
enum gk_err gk_svc_notices_of_applicant(struct gk_svc *svc, int64_t app_id,
					struct gk_notice_records *out, struct gk_error *err);

/* The newest LIMIT notices to the acting account (with their attempts). */
enum gk_err gk_svc_notices_mine(struct gk_svc *svc, int limit, struct gk_notice_records *out,
				struct gk_error *err);

/* The acting account's preferences: a channel per staff kind (e-mail
 * unless chosen otherwise) and the contact addresses. */
struct gk_notice_prefs {
	enum gk_notice_channel channel[GK_NOTICE_COUNT];
	char email[GK_INTAKE_EMAIL_MAX * 4 + 1];
	char phone[GK_INTAKE_PHONE_MAX * 4 + 1];
};
enum gk_err gk_svc_notice_prefs_get(struct gk_svc *svc, struct gk_notice_prefs *out,
				    struct gk_error *err);
/* Stores the acting account's preferences (GK_EINVAL names a malformed
 * address or a channel that cannot be chosen), with an audit row. */
enum gk_err gk_svc_notice_prefs_set(struct gk_svc *svc, const struct gk_notice_prefs *p,
				    struct gk_error *err);

/* Templates administrators edit (the city office's administrators: others
 * get GK_EFORBIDDEN). KIND's current templates into OUT: the edited ones
 * (*EDITED) or the default's text. */
enum gk_err gk_svc_notice_template_get(struct gk_svc *svc, enum gk_notice_kind kind,
				       struct gk_notice_template *out, bool *edited,
				       struct gk_error *err);
/* Stores SUBJECT and BODY as KIND's templates, used for every notice
 * written afterwards, with an audit row; refused (GK_EINVAL, naming the
 * field and the unknown placeholder) unless gk_notice_template_check
 * passes, and then nothing is saved. */
enum gk_err gk_svc_notice_template_save(struct gk_svc *svc, enum gk_notice_kind kind,
					const char *subject, const char *body,
					struct gk_error *err);
/* KIND back to its default templates, with an audit row (none if it was
 * not edited). */
enum gk_err gk_svc_notice_template_reset(struct gk_svc *svc, enum gk_notice_kind kind,
					 struct gk_error *err);

#endif
