/* The client's address behind trusted proxies: see client_addr.h. */
#include <microhttpd.h>
#include <string.h>
#include <strings.h>

#include "lib/buf.h"
#include "web/client_addr.h"

#define XFF_MAX 2048 /* longer chains are cut at the left: the right end is what counts */

/* Whether TEXT is an IPv4 or IPv6 address. */
static bool is_address(const char *text)
{
	struct gk_cidr c;
	return !strchr(text, '/') && gk_cidr_parse(text, &c);
}

/* HOP without a port some proxies add: "[2001:db8::1]:443" and
 * "192.0.2.1:443" become the bare address (in place). */
static void drop_port(char *hop)
{
	char *colon = strchr(hop, ':');
	if (hop[0] == '[') {
		char *close = strchr(hop, ']');
		if (close && (close[1] == '\0' || close[1] == ':')) {
			size_t n = (size_t)(close - hop - 1);
			memmove(hop, hop + 1, n);
			hop[n] = '\0';
		}
	} else if (colon && strchr(hop, '.') && !strchr(colon + 1, ':')) {
		*colon = '\0';
	}
}

const char *gk_client_addr(const struct gk_cidr_list *trusted, const char *peer, const char *xff,
			   struct gk_arena *arena)
{
	if (!trusted || !trusted->count || !xff || !gk_cidr_list_contains(trusted, peer))
		return peer;
	const char *client = peer;
	size_t end = strlen(xff);
	while (end > 0) {
		size_t start = end;
		while (start > 0 && xff[start - 1] != ',')
			start--;
		size_t a = start, b = end;
		while (a < b && (xff[a] == ' ' || xff[a] == '\t'))
			a++;
		while (b > a && (xff[b - 1] == ' ' || xff[b - 1] == '\t'))
			b--;
		char hop[64];
		if (b - a == 0 || b - a >= sizeof hop)
			return client;
		memcpy(hop, xff + a, b - a);
		hop[b - a] = '\0';
		drop_port(hop);
		if (!is_address(hop))
			return client;
		const char *copy = gk_arena_strdup(arena, hop);
		if (!copy)
			return client;
		client = copy;
		if (!gk_cidr_list_contains(trusted, hop))
			return client;
		end = start > 0 ? start - 1 : 0;
	}
	return client;
}

static enum MHD_Result join_xff(void *cls, enum MHD_ValueKind kind, const char *key,
				const char *value)
{
	struct gk_buf *b = cls;
	(void)kind;
	if (key && value && strcasecmp(key, "X-Forwarded-For") == 0) {
		if (b->len)
			gk_buf_puts(b, ",");
		gk_buf_puts(b, value);
	}
	return MHD_YES;
}

const char *gk_client_addr_of(struct MHD_Connection *c, const struct gk_cidr_list *trusted,
			      const char *peer, struct gk_arena *arena)
{
	if (!trusted || !trusted->count || !gk_cidr_list_contains(trusted, peer))
		return peer;
	struct gk_buf xff;
	gk_buf_init(&xff, 65536);
	MHD_get_connection_values(c, MHD_HEADER_KIND, join_xff, &xff);
	const char *text = xff.len ? xff.data : NULL;
	if (text && xff.len > XFF_MAX)
		text += xff.len - XFF_MAX;
	const char *client = gk_client_addr(trusted, peer, text, arena);
	gk_buf_release(&xff);
	return client;
}
