/* The human check of the online form (issue 13): a proof of work. The
 * server issues a challenge it signed (when it expires, how hard it is, a
 * random part); the browser finds a nonce such that SHA-256 of
 * "CHALLENGE:NONCE" begins with BITS zero bits (about 2^BITS tries: a
 * fraction of a second in a page, but a cost on every junk application a
 * script files), and the server checks it without keeping any state. That
 * each challenge serves one application is the service's business. */
#ifndef GK_CORE_PROOF_OF_WORK_H
#define GK_CORE_PROOF_OF_WORK_H

#include <stddef.h>
#include <stdint.h>

#define GK_POW_CHALLENGE_MAX 96
#define GK_POW_NONCE_MAX     20 /* decimal digits */
#define GK_POW_RANDOM_BYTES  12

enum gk_pow_check {
	GK_POW_OK,
	GK_POW_FORGED,   /* not a challenge of ours (shape or signature) */
	GK_POW_EXPIRED,  /* ours, but past its time */
	GK_POW_UNSOLVED, /* ours, but the nonce does not solve it */
};

/* Writes the challenge signed with KEY that expires at EXPIRES (unix
 * seconds), asks for BITS zero bits and carries RANDOM into OUT:
 * "1.EXPIRES.BITS.RANDOMHEX.MACHEX". */
void gk_pow_issue(const unsigned char key[32], int64_t expires, int bits,
		  const unsigned char random[GK_POW_RANDOM_BYTES], char out[GK_POW_CHALLENGE_MAX]);
/* Checks that CHALLENGE was signed with KEY, asks for at least MIN_BITS,
 * has not expired at NOW, and that NONCE solves it. */
enum gk_pow_check gk_pow_check(const unsigned char key[32], const char *challenge,
			       const char *nonce, int64_t now, int min_bits);
/* Whether NONCE solves CHALLENGE with BITS zero bits (no signature check):
 * for tests and tools. */
int gk_pow_solves(const char *challenge, const char *nonce, int bits);

#endif
