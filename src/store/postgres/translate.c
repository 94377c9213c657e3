/* ?N → $N and a few function names, outside literals, quoted names and
 * comments. Deliberately small: store SQL is meant to be valid in both
 * dialects; this covers only what cannot be. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store/postgres/translate.h"

/* SQLite spelling → PostgreSQL spelling, matched as whole words, case
 * insensitively */
static const struct {
	const char *from, *to;
} renames[] = {
	{"group_concat(", "string_agg("},
	{"char(", "chr("},
};

static bool word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '$' || (unsigned char)c >= 0x80;
}

char *gk_pg_translate(const char *sql, bool returning_id, int *nparams)
{
	size_t n = strlen(sql);
	/* "?N" → "$N" keeps the length; a rename is never longer than its
	 * source; RETURNING adds its words */
	char *out = malloc(n + sizeof " RETURNING id");
	if (!out)
		return NULL;
	size_t o = 0;
	int highest = 0;
	for (size_t i = 0; i < n;) {
		char c = sql[i];
		if (c == '\'' || c == '"') {
			/* a literal or a quoted name; a doubled quote stays inside */
			size_t j = i + 1;
			while (j < n && !(sql[j] == c && (j + 1 >= n || sql[j + 1] != c)))
				j += sql[j] == c ? 2 : 1;
			j = j < n ? j + 1 : n;
			memcpy(out + o, sql + i, j - i);
			o += j - i;
			i = j;
			continue;
		}
		if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
			size_t j = i;
			while (j < n && sql[j] != '\n')
				j++;
			memcpy(out + o, sql + i, j - i);
			o += j - i;
			i = j;
			continue;
		}
		if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
			const char *end = strstr(sql + i + 2, "*/");
			size_t j = end ? (size_t)(end - sql) + 2 : n;
			memcpy(out + o, sql + i, j - i);
			o += j - i;
			i = j;
			continue;
		}
		if (c == '?' && i + 1 < n && isdigit((unsigned char)sql[i + 1])) {
			out[o++] = '$';
			i++;
			int v = 0;
			while (i < n && isdigit((unsigned char)sql[i])) {
				if (v < 100000)
					v = v * 10 + (sql[i] - '0');
				out[o++] = sql[i++];
			}
			if (v > highest)
				highest = v;
			continue;
		}
		bool renamed = false;
		if (!(i > 0 && word_char(sql[i - 1]))) {
			for (size_t r = 0; r < sizeof renames / sizeof renames[0]; r++) {
				size_t len = strlen(renames[r].from);
				if (strncasecmp(sql + i, renames[r].from, len) == 0) {
					size_t to = strlen(renames[r].to);
					memcpy(out + o, renames[r].to, to);
					o += to;
					i += len;
					renamed = true;
					break;
				}
			}
		}
		if (!renamed)
			out[o++] = sql[i++];
	}
	if (returning_id) {
		/* RETURNING goes after the statement, before a closing ';' */
		while (o > 0 && (isspace((unsigned char)out[o - 1]) || out[o - 1] == ';'))
			o--;
		memcpy(out + o, " RETURNING id", sizeof " RETURNING id" - 1);
		o += sizeof " RETURNING id" - 1;
	}
	out[o] = '\0';
	if (nparams)
		*nparams = highest;
	return out;
}
