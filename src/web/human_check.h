/* The human check of the online application (issue 13). With script, the
 * page solves a proof of work (core/proof_of_work.h) that the server
 * signed: nothing on the page tells a script the answer, and each answer
 * costs work and serves one application. Without script, a question the
 * server asks (the arithmetic of web/public_form.c), limited to a few
 * applications per address and per agency an hour, since a script can
 * read it. Every online application, either way, is also limited per
 * address (the service: serve --intake-limit) and per agency per minute. */
#ifndef GK_WEB_HUMAN_CHECK_H
#define GK_WEB_HUMAN_CHECK_H

#include "web/request.h"

#define GK_HUMAN_BITS          16         /* zero bits asked: ~65,000 hashes */
#define GK_HUMAN_TTL           (4 * 3600) /* time to fill in the form */
#define GK_NOSCRIPT_PER_ADDR   3          /* applications an hour by the question */
#define GK_NOSCRIPT_PER_AGENCY 20
#define GK_AGENCY_PER_LIMIT    10 /* per agency a minute: this many times the intake limit */

/* A new challenge for R (in R's arena). */
const char *gk_human_challenge(struct gk_request *r);
/* Checks the proof of work POW (the challenge) and NONCE from the form or
 * the body: GK_OK with *ONCE the key that spends it (for
 * gk_svc_application_submit_once); GK_ENOTFOUND if no nonce was sent;
 * GK_EINVAL with the Chinese reason if it is wrong, forged or expired. */
enum gk_err gk_human_verify(struct gk_request *r, const char *pow, const char *nonce,
			    const char **once, struct gk_error *err);
/* The no-script question's limits for an application to AGENCY_CODE from
 * R's address: GK_ETHROTTLED with the Chinese reason past them. */
enum gk_err gk_human_question_allowed(struct gk_request *r, const char *agency_code,
				      struct gk_error *err);
/* The flood brake of every online application to AGENCY_CODE:
 * GK_ETHROTTLED past GK_AGENCY_PER_LIMIT times the intake limit a minute
 * (none when the intake limit is off). */
enum gk_err gk_human_agency_allowed(struct gk_request *r, const char *agency_code,
				    struct gk_error *err);

#endif
