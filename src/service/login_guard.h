/* Failed logins slow the guesser, never lock the owner out (issue 13).
 *
 * Two counts, each with growing delays (core/backoff.h), neither a lock:
 * - per account and address pair: after GK_LOGIN_PAIR_FREE failures in a
 *   day, each next try from that address for that account waits 2 s, then
 *   twice as long per failure, up to 15 minutes. The same account from any
 *   other address is not slowed at all.
 * - per address: after GK_LOGIN_ADDR_FREE failures in an hour over any
 *   accounts, that address waits 1 s, doubling, up to a minute per try.
 * A try refused for its wait checks no password and counts nothing.
 *
 * A failure the database cannot record (locked, full) is counted in memory
 * instead, with a warning in the log, and the memory counts add to the
 * stored ones until the process ends; if the counts cannot even be read
 * the login is refused (fails closed) with a Chinese message. */
#ifndef GK_SERVICE_LOGIN_GUARD_H
#define GK_SERVICE_LOGIN_GUARD_H

#include "service/service.h"

#define GK_LOGIN_PAIR_FREE     3
#define GK_LOGIN_PAIR_WINDOW   86400
#define GK_LOGIN_PAIR_MAX_WAIT 900
#define GK_LOGIN_ADDR_FREE     20
#define GK_LOGIN_ADDR_WINDOW   3600
#define GK_LOGIN_ADDR_MAX_WAIT 60

/* GK_OK if LOGIN may try now from svc->origin; else GK_ETHROTTLED with the
 * seconds to wait in *WAIT and in the message. */
enum gk_err gk_login_guard_check(struct gk_svc *svc, const char *login, int64_t *wait,
				 struct gk_error *err);
/* Counts a failed try of LOGIN from svc->origin in its own transaction (in
 * memory if the store cannot take it). */
void gk_login_guard_failed(struct gk_svc *svc, const char *login);
/* Forgets the failures of the pair after a successful login (inside the
 * caller's transaction). */
enum gk_err gk_login_guard_passed(struct gk_svc *svc, const char *login, struct gk_error *err);

#endif
