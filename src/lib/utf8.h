/* UTF-8 validation and counting, for input checked at the door. */
#ifndef GK_LIB_UTF8_H
#define GK_LIB_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* True if S[0..LEN) is well-formed UTF-8 (no overlongs, no surrogates,
 * nothing above U+10FFFF) and contains no NUL byte. */
bool gk_utf8_valid(const char *s, size_t len);
/* One pass for text checked at the door: gk_utf8_valid's answer, and if
 * valid, the number of code points in *CHARS and in *CONTROLS whether a
 * control character (below U+0020, or DEL) occurs other than, when BREAKS,
 * a line feed, carriage return or tab. */
bool gk_utf8_scan(const char *s, size_t len, bool breaks, size_t *chars, bool *controls);
/* The length of the well-formed character at S (LEFT bytes left): 1 to 4,
 * or 0 if it is malformed or NUL (for runs copied without decoding). */
size_t gk_utf8_sequence(const char *s, size_t left);
/* Number of code points in a valid UTF-8 string. */
size_t gk_utf8_count(const char *s, size_t len);
/* Decodes one code point at S (LEN bytes left); stores its length in *n.
 * Returns -1 (and *n = 1) on a malformed sequence. */
long gk_utf8_decode(const unsigned char *s, size_t len, size_t *n);

/* The length of the longest prefix of S (a NUL-terminated string) of at
 * most MAX bytes that does not cut a character (for cutting text short). */
size_t gk_utf8_prefix(const char *s, size_t max);

#endif
