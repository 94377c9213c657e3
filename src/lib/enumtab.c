/* The lookup the enum tables of lib/enumtab.h share. */
#include <string.h>

#include "lib/enumtab.h"

int gk_enum_find(const char *const *codes, const char *const *labels, size_t n, const char *s)
{
	if (!s)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, codes[i]) == 0)
			return (int)i;
	for (size_t i = 0; i < n; i++)
		if (labels[i][0] && strcmp(s, labels[i]) == 0)
			return (int)i;
	return -1;
}
