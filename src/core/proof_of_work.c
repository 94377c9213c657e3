/* The proof of work of the human check: see proof_of_work.h. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/proof_of_work.h"

/* The signature of the challenge's first four parts, as hex (32 chars). */
static void sign(const unsigned char key[32], const char *head, size_t n, char hex[33])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, key, 32);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)"gongkai-pow:", 12);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)head, n);
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_bin2hex(hex, 33, mac, 16);
}

void gk_pow_issue(const unsigned char key[32], int64_t expires, int bits,
		  const unsigned char random[GK_POW_RANDOM_BYTES], char out[GK_POW_CHALLENGE_MAX])
{
	char rhex[2 * GK_POW_RANDOM_BYTES + 1], mac[33];
	sodium_bin2hex(rhex, sizeof rhex, random, GK_POW_RANDOM_BYTES);
	int n = snprintf(out, GK_POW_CHALLENGE_MAX, "1.%lld.%d.%s", (long long)expires, bits, rhex);
	sign(key, out, (size_t)n, mac);
	snprintf(out + n, GK_POW_CHALLENGE_MAX - (size_t)n, ".%s", mac);
}

int gk_pow_solves(const char *challenge, const char *nonce, int bits)
{
	size_t c = strlen(challenge), n = strlen(nonce);
	if (n == 0 || n > GK_POW_NONCE_MAX || strspn(nonce, "0123456789") != n || bits < 0 ||
	    bits > 64)
		return 0;
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)challenge, c);
	crypto_hash_sha256_update(&st, (const unsigned char *)":", 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)nonce, n);
	crypto_hash_sha256_final(&st, h);
	for (int i = 0; i < bits; i++)
		if (h[i / 8] & (0x80u >> (i % 8)))
			return 0;
	return 1;
}

enum gk_pow_check gk_pow_check(const unsigned char key[32], const char *challenge,
			       const char *nonce, int64_t now, int min_bits)
{
	if (!challenge || !nonce)
		return GK_POW_FORGED;
	size_t len = strlen(challenge);
	const char *dot = strrchr(challenge, '.');
	if (len >= GK_POW_CHALLENGE_MAX || strncmp(challenge, "1.", 2) != 0 || !dot ||
	    strlen(dot + 1) != 32)
		return GK_POW_FORGED;
	char mac[33];
	sign(key, challenge, (size_t)(dot - challenge), mac);
	if (sodium_memcmp(mac, dot + 1, 32) != 0)
		return GK_POW_FORGED;
	/* ours: its fields are as we wrote them */
	char *end;
	long long expires = strtoll(challenge + 2, &end, 10);
	long bits = *end == '.' ? strtol(end + 1, &end, 10) : -1;
	if (*end != '.' || bits < min_bits || bits > 64)
		return GK_POW_FORGED;
	if (now > expires)
		return GK_POW_EXPIRED;
	return gk_pow_solves(challenge, nonce, (int)bits) ? GK_POW_OK : GK_POW_UNSOLVED;
}
