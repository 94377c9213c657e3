/* Mobile numbers of mainland China, as an SMS gateway takes them. */
#ifndef GK_CORE_PHONE_H
#define GK_CORE_PHONE_H

#include <stdbool.h>

#define GK_PHONE_SIZE 12 /* eleven digits and the NUL */

/* Reads a mainland mobile number, 1[3-9] and nine digits, optionally after
 * +86, 0086 or 86, with spaces or hyphens between the digits allowed; writes
 * the eleven digits to OUT. False (OUT empty) for anything else. */
bool gk_phone_mobile_normalize(const char *s, char out[GK_PHONE_SIZE]);

#endif
