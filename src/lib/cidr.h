/* IPv4 and IPv6 address ranges ("10.0.0.0/8", "::1", "fd00::/8") and
 * whether an address lies in one: the trusted proxies of `serve
 * --trusted-proxy` (issue 13). */
#ifndef GK_LIB_CIDR_H
#define GK_LIB_CIDR_H

#include <stdbool.h>
#include <stddef.h>

struct gk_cidr {
	int family;             /* 4 or 6 */
	unsigned char addr[16]; /* network order; 4 bytes used for IPv4 */
	int bits;               /* prefix length */
};

#define GK_CIDR_MAX 16

struct gk_cidr_list {
	struct gk_cidr items[GK_CIDR_MAX];
	size_t count;
};

/* Parses TEXT, an address with an optional "/BITS", into OUT (host bits
 * cleared). False if it is not one. */
bool gk_cidr_parse(const char *text, struct gk_cidr *out);
/* Adds the comma-separated ranges of TEXT to LIST; false (LIST unchanged
 * past the last good one) on a bad range or past GK_CIDR_MAX. */
bool gk_cidr_list_add(struct gk_cidr_list *list, const char *text);
/* Whether address ADDR (text; an IPv4-mapped IPv6 address counts as its
 * IPv4) is in C. False if ADDR is not an address. */
bool gk_cidr_contains(const struct gk_cidr *c, const char *addr);
/* Whether ADDR is in any range of LIST. */
bool gk_cidr_list_contains(const struct gk_cidr_list *list, const char *addr);

#endif
