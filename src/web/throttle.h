/* Limits of the web front end (issue 13): tracking-code lookups per
 * address, the no-script human check per address and per agency, blank
 * forms per address. Counted in the database (rate_hits, keys "web:…"), so
 * servers on one database share them (docs/serving.md); a table in memory
 * stands in, with a warning, while the database cannot count. The limits of
 * the service (failed logins, applications per address) are its own. */
#ifndef GK_WEB_THROTTLE_H
#define GK_WEB_THROTTLE_H

#include "web/request.h"

/* Lookups of a tracking code (page, QR code, own view, API) per address:
 * every lookup, found or not, in a minute; and the misses in an hour. */
#define GK_LOOKUPS_PER_MINUTE     30
#define GK_LOOKUP_MISSES_PER_HOUR 30

/* Makes the server's stand-in table (srv->limits). */
enum gk_err gk_throttle_server_init(struct gk_server *srv, struct gk_error *err);
void gk_throttle_server_free(struct gk_server *srv);

/* Counts a tracking-code lookup from R's address: GK_ETHROTTLED (with the
 * Chinese reason and a Retry-After header on R) past the limits. */
enum gk_err gk_throttle_lookup(struct gk_request *r, struct gk_error *err);
/* Counts a lookup that found nothing. */
void gk_throttle_lookup_missed(struct gk_request *r);
/* Counts an event of KEY (prefixed with R's address when PER_ADDR) in
 * WINDOW seconds: GK_ETHROTTLED with MESSAGE past LIMIT (0: none). */
enum gk_err gk_throttle_take(struct gk_request *r, const char *key, bool per_addr, int64_t window,
			     int64_t limit, const char *message, struct gk_error *err);

#endif
