/* The client's address (issue 13): the TCP peer's, unless the peer is a
 * trusted proxy (`serve --trusted-proxy`), when it is the right-most
 * address of X-Forwarded-For that is not itself a trusted proxy. Every
 * per-address limit and the audit use it. */
#ifndef GK_WEB_CLIENT_ADDR_H
#define GK_WEB_CLIENT_ADDR_H

#include "lib/arena.h"
#include "lib/cidr.h"

struct MHD_Connection;

/* The client behind PEER given the X-Forwarded-For value XFF (its lines
 * joined with commas; NULL if absent) and the TRUSTED proxies (NULL or
 * empty: none): PEER itself unless PEER is trusted. Walking XFF from the
 * right, trusted hops are skipped; the first other valid address is the
 * client. If every hop is trusted, the left-most; if one is not an
 * address, the last trusted hop seen (the proxy vouches for no more). The
 * result is PEER or a copy in ARENA. */
const char *gk_client_addr(const struct gk_cidr_list *trusted, const char *peer, const char *xff,
			   struct gk_arena *arena);
/* The same for a libmicrohttpd connection: every X-Forwarded-For line of C,
 * in order. */
const char *gk_client_addr_of(struct MHD_Connection *c, const struct gk_cidr_list *trusted,
			      const char *peer, struct gk_arena *arena);

#endif
