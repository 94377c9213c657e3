/* Tokens from libsodium's random bytes and BLAKE2b. */
#include <sodium.h>
#include <string.h>

#include "core/token.h"

void gk_token_new(char out[GK_TOKEN_SIZE])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, GK_TOKEN_SIZE, raw, sizeof raw,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void gk_token_digest(const char *token, char out[GK_DIGEST_SIZE])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, GK_DIGEST_SIZE, h, sizeof h);
}

bool gk_token_shape_ok(const char *t)
{
	size_t n = strlen(t);
	return n == GK_TOKEN_LEN &&
	       strspn(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == n;
}
