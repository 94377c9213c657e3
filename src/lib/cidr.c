/* Address ranges: see cidr.h. */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cidr.h"

/* ADDR (text) into BYTES: 4 or 6, 0 if not an address. "::ffff:a.b.c.d" is IPv4. */
static int address(const char *text, unsigned char bytes[16])
{
	static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	if (inet_pton(AF_INET, text, bytes) == 1)
		return 4;
	if (inet_pton(AF_INET6, text, bytes) != 1)
		return 0;
	if (memcmp(bytes, mapped, sizeof mapped) == 0) {
		memmove(bytes, bytes + 12, 4);
		return 4;
	}
	return 6;
}

bool gk_cidr_parse(const char *text, struct gk_cidr *out)
{
	char host[64];
	const char *slash = strchr(text, '/');
	size_t n = slash ? (size_t)(slash - text) : strlen(text);
	if (n == 0 || n >= sizeof host)
		return false;
	memcpy(host, text, n);
	host[n] = '\0';
	memset(out, 0, sizeof *out);
	out->family = address(host, out->addr);
	if (!out->family)
		return false;
	int max = out->family == 4 ? 32 : 128;
	out->bits = max;
	if (slash) {
		char *end;
		long bits = strtol(slash + 1, &end, 10);
		if (!slash[1] || *end || bits < 0 || bits > max || slash[1] == '-' ||
		    slash[1] == '+')
			return false;
		out->bits = (int)bits;
	}
	for (int i = out->bits; i < max; i++)
		out->addr[i / 8] &= (unsigned char)~(0x80u >> (i % 8));
	return true;
}

bool gk_cidr_list_add(struct gk_cidr_list *list, const char *text)
{
	while (*text) {
		const char *comma = strchr(text, ',');
		size_t n = comma ? (size_t)(comma - text) : strlen(text);
		char one[80];
		while (n && (*text == ' ')) {
			text++;
			n--;
		}
		while (n && text[n - 1] == ' ')
			n--;
		if (n == 0 || n >= sizeof one || list->count == GK_CIDR_MAX)
			return false;
		memcpy(one, text, n);
		one[n] = '\0';
		if (!gk_cidr_parse(one, &list->items[list->count]))
			return false;
		list->count++;
		if (!comma)
			break;
		text = comma + 1;
		if (!*text)
			return false;
	}
	return true;
}

bool gk_cidr_contains(const struct gk_cidr *c, const char *addr)
{
	unsigned char bytes[16];
	if (!addr || address(addr, bytes) != c->family)
		return false;
	int full = c->bits / 8, rest = c->bits % 8;
	if (memcmp(bytes, c->addr, (size_t)full) != 0)
		return false;
	if (!rest)
		return true;
	unsigned char mask = (unsigned char)(0xff00u >> rest);
	return (bytes[full] & mask) == c->addr[full];
}

bool gk_cidr_list_contains(const struct gk_cidr_list *list, const char *addr)
{
	for (size_t i = 0; list && i < list->count; i++)
		if (gk_cidr_contains(&list->items[i], addr))
			return true;
	return false;
}
