/* Random tokens and their digests: session cookies, CSRF tokens. A token
 * is 32 random bytes in URL-safe base64 (43 characters); the database
 * keeps only its BLAKE2b digest, so a copy of the database opens nothing. */
#ifndef GK_CORE_TOKEN_H
#define GK_CORE_TOKEN_H

#include <stdbool.h>

#define GK_TOKEN_LEN   43
#define GK_TOKEN_SIZE  64 /* a buffer for a token and its NUL */
#define GK_DIGEST_SIZE 65 /* 64 hex digits and a NUL */

/* Writes a new random token into OUT. */
void gk_token_new(char out[GK_TOKEN_SIZE]);
/* Writes the hex digest of TOKEN into OUT. */
void gk_token_digest(const char *token, char out[GK_DIGEST_SIZE]);
/* True if T has a token's shape (so a cookie can be trusted as input). */
bool gk_token_shape_ok(const char *t);

#endif
