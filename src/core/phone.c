/* Mainland mobile numbers: 1[3-9]xxxxxxxxx with an optional country code. */
#include <string.h>

#include "core/phone.h"

bool gk_phone_mobile_normalize(const char *s, char out[GK_PHONE_SIZE])
{
	char digits[24];
	size_t n = 0;
	out[0] = '\0';
	if (!s)
		return false;
	bool plus = false;
	while (*s == ' ')
		s++;
	if (*s == '+') {
		plus = true;
		s++;
	}
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (n + 1 >= sizeof digits)
				return false;
			digits[n++] = *s;
		} else if (!((*s == ' ' || *s == '-') && n > 0)) {
			return false;
		}
	}
	digits[n] = '\0';
	const char *d = digits;
	if (n == 15 && strncmp(d, "0086", 4) == 0 && !plus)
		d += 4;
	else if (n == 13 && strncmp(d, "86", 2) == 0)
		d += 2;
	else if (n != 11 || plus)
		return false;
	if (d[0] != '1' || d[1] < '3' || d[1] > '9')
		return false;
	memcpy(out, d, GK_PHONE_SIZE);
	return true;
}
