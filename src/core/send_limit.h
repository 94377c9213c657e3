/* At most N messages to one recipient in a sliding window (an SMS gateway's
 * per-number limit, so a burst of notices never floods one phone). Exact:
 * the times of the last N sends are kept per recipient. In memory, for one
 * process; not thread-safe (the transport holds its lock). Pure: the caller
 * passes the time. */
#ifndef GK_CORE_SEND_LIMIT_H
#define GK_CORE_SEND_LIMIT_H

#include <stdint.h>

struct gk_send_limit;

/* LIMIT sends per WINDOW seconds (LIMIT 1..1000); NULL without memory. */
struct gk_send_limit *gk_send_limit_new(int limit, int64_t window);
void gk_send_limit_free(struct gk_send_limit *l);

/* 0 if a send to WHO at NOW is within the limit, else the earliest time
 * (seconds) at which it will be. */
int64_t gk_send_limit_check(struct gk_send_limit *l, const char *who, int64_t now);
/* Counts a send to WHO at NOW. */
void gk_send_limit_count(struct gk_send_limit *l, const char *who, int64_t now);

#endif
