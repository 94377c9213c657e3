/* Growing delays after failed attempts: see backoff.h. */
#include "core/backoff.h"

int64_t gk_backoff_delay(const struct gk_backoff *b, int64_t failures)
{
	if (failures < b->free_tries || b->first_wait <= 0)
		return 0;
	int64_t wait = b->first_wait;
	for (int64_t i = b->free_tries; i < failures && wait < b->max_wait; i++)
		wait *= 2;
	return wait < b->max_wait ? wait : b->max_wait;
}

int64_t gk_backoff_remaining(const struct gk_backoff *b, int64_t failures, int64_t last,
			     int64_t now)
{
	int64_t until = last + gk_backoff_delay(b, failures);
	return until > now ? until - now : 0;
}
