/* Growing delays after failed attempts (issue 13): a few tries free, then a
 * wait that doubles with each further failure, up to a cap. Slows a guesser
 * without ever locking anyone out for good. */
#ifndef GK_CORE_BACKOFF_H
#define GK_CORE_BACKOFF_H

#include <stdint.h>

struct gk_backoff {
	int64_t free_tries; /* failures before any wait */
	int64_t first_wait; /* seconds after the first failure past them */
	int64_t max_wait;   /* the cap, seconds */
};

/* The wait (seconds) owed after FAILURES failures: 0 within the free
 * tries, then first_wait doubled per further failure, at most max_wait. */
int64_t gk_backoff_delay(const struct gk_backoff *b, int64_t failures);
/* Seconds still to wait at NOW after FAILURES failures, the last at LAST;
 * 0: may try now. */
int64_t gk_backoff_remaining(const struct gk_backoff *b, int64_t failures, int64_t last,
			     int64_t now);

#endif
