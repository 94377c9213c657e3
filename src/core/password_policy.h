/* What a staff password must be: long enough in characters (not bytes),
 * not all blank, and not easy to guess — no repeated characters or
 * pieces, no runs of letters, digits or neighbouring keys, no common
 * password with a little added, nothing built from the account's login.
 *
 * The strength test cuts the password into pieces: a common word (from a
 * small built-in list, compared after undoing look-alike digits such as
 * 0 for o), a run of three or more characters each next to the last (the
 * same character, the alphabet, digits, a keyboard row or column), a part
 * of the login (counts nothing), or any single other character. A
 * password of fewer than GK_PASSWORD_MIN_PIECES pieces is refused. */
#ifndef GK_CORE_PASSWORD_POLICY_H
#define GK_CORE_PASSWORD_POLICY_H

#include "lib/error.h"

#define GK_PASSWORD_MIN        10  /* characters */
#define GK_PASSWORD_MAX        256 /* bytes */
#define GK_PASSWORD_MIN_PIECES 6

/* Checks PASSWORD for the account LOGIN (NULL or "" if none is known yet):
 * GK_OK, or GK_EINVAL with a Chinese message naming the rule broken. */
enum gk_err gk_password_policy_check(const char *password, const char *login, struct gk_error *err);

/* The rules in one sentence, for the hint beside a password field. */
extern const char gk_password_policy_hint[];

#endif
