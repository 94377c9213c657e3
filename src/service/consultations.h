/* Use cases of online consultation (网上咨询, issue 15): the public asks an
 * agency a question (within the limits of online applications); staff
 * (handlers and administrators of the agency's subtree, the city office
 * everywhere) answer it, publish the answer if the asker agreed, reject
 * it with a reason, or turn it into an application for disclosure that
 * keeps the day it was asked. docs/consultation.md. */
#ifndef GK_SERVICE_CONSULTATIONS_H
#define GK_SERVICE_CONSULTATIONS_H

#include "core/consultation.h"
#include "service/service.h"

/* The roles that handle questions. */
#define GK_CONSULT_ROLES (GK_ROLE_HANDLER | GK_ROLE_ADMIN)

/* Stores the question IN asked today from svc->origin by the public,
 * once for ONCE (the human check's challenge, or NULL): GK_EINVAL names a
 * bad field; GK_ETHROTTLED past svc->intake_limit a minute or
 * GK_APPLY_MAX_PER_HOUR an hour from one address (shared with nothing:
 * questions are counted apart from applications); GK_ECONFLICT if ONCE
 * was used. OUT gets the stored question with its code. */
enum gk_err gk_svc_consultation_ask(struct gk_svc *svc, const struct gk_question_input *in,
				    const char *once, struct gk_consultation *out,
				    struct gk_error *err);

/* Loads question ID for the acting staff member: GK_ENOTFOUND if it lies
 * outside his agencies (as if it did not exist), GK_EFORBIDDEN without a
 * handler's or administrator's role. The asker's data is filled only where
 * he may read it (gk_question_personal_visible); *PERSONAL (may be NULL)
 * says whether. */
enum gk_err gk_svc_consultation_get(struct gk_svc *svc, int64_t id, struct gk_consultation *out,
				    bool *personal, struct gk_error *err);

/* Answers question ID (open or answered: a new answer replaces the old)
 * with ANSWER, today; published at once if PUBLISH and the asker agreed
 * (GK_ECONFLICT if PUBLISH and he did not). */
enum gk_err gk_svc_consultation_answer(struct gk_svc *svc, int64_t id, const char *answer,
				       bool publish, struct gk_error *err);
/* Publishes question ID's answer (PUBLISH) or takes it back: GK_ECONFLICT
 * unless answered and the asker agreed. */
enum gk_err gk_svc_consultation_publish(struct gk_svc *svc, int64_t id, bool publish,
					struct gk_error *err);
/* Rejects an open question ID (spam, abuse …) with REASON, which the
 * asker reads. */
enum gk_err gk_svc_consultation_reject(struct gk_svc *svc, int64_t id, const char *reason,
				       struct gk_error *err);
/* Turns an open question ID into an application for disclosure to the same
 * agency (channel online, received the day the question was asked, the
 * asker as applicant, the question as its description) registered by the
 * actor; the question then names it. OUT (may be NULL) gets the
 * application. */
enum gk_err gk_svc_consultation_convert(struct gk_svc *svc, int64_t id, struct gk_application *out,
					struct gk_error *err);

/* The demo city's questions (service/demo_consultations.c), asked over the
 * last months and handled by HANDLER (a city office account) with CAL;
 * inside the caller's transaction. *COUNT (may be NULL) gets how many. */
enum gk_err gk_svc_demo_consultations(struct gk_store *s, const struct gk_calendar *cal,
				      const struct gk_user *handler, int *count,
				      struct gk_error *err);

#endif
