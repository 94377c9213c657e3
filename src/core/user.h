/* Staff accounts: roles, scope and passwords (argon2id via libsodium). */
#ifndef GK_CORE_USER_H
#define GK_CORE_USER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/password_policy.h"
#include "lib/error.h"

/* The roles an account may hold, as a set: each value of enum gk_role is
 * one bit, its position in the list. The database stores the set as its
 * bits (users.roles), so a new role goes at the end and none is reordered.
 * Codes are what forms, the API and the command line use (joined by
 * commas); labels are what people read. */
/* X(NAME, bit, code, label). A user's roles are a set, stored as the sum of
 * 1 << bit (users.roles): a role's bit is fixed for good, whatever its
 * place in the list. */
#define GK_ROLE_LIST(X)                                                                  \
	X(GK_ROLE_ADMIN, 0, "admin", "管理员")       /* manages agencies and accounts */ \
	X(GK_ROLE_EDITOR, 1, "editor", "信息发布")   /* publishes information */         \
	X(GK_ROLE_HANDLER, 2, "handler", "申请办理") /* handles applications */          \
	X(GK_ROLE_REVIEWER, 3, "reviewer", "审核")   /* approves replies */

#define GK_ROLE_FLAG_(name, bit, code, label) name = 1 << (bit),
enum gk_role { GK_ROLE_LIST(GK_ROLE_FLAG_) };
#undef GK_ROLE_FLAG_
#define GK_ROLE_ONE_(name, bit, code, label) +1
enum { GK_ROLE_COUNT = 0 GK_ROLE_LIST(GK_ROLE_ONE_) };
#undef GK_ROLE_ONE_
#define GK_ROLE_ANY_(name, bit, code, label) | name
#define GK_ROLE_ALL                          (0 GK_ROLE_LIST(GK_ROLE_ANY_))

/* The roles' codes in list order, NULL-ended. */
extern const char *const gk_role_codes[];

#define GK_PASSWORD_HASH_SIZE 128 /* crypto_pwhash_STRBYTES */

struct gk_user {
	int64_t id;
	int64_t agency_id;
	char login[64];
	char display_name[128];
	unsigned roles; /* a set of enum gk_role */
	bool disabled;
	bool must_reset;       /* must set a new password before anything else */
	bool city_wide;        /* filled on load: the agency supervises the city */
	char agency_name[160]; /* filled on load */
	char password_hash[GK_PASSWORD_HASH_SIZE];
};

/* Parses role codes joined by commas ("editor,handler") into a role set.
 * GK_EINVAL names a bad role, or says that none was given. */
enum gk_err gk_role_parse(const char *s, unsigned *roles, struct gk_error *err);
/* Writes the codes of the roles in ROLES joined by commas into OUT (SIZE
 * bytes; cut short if too small). Returns OUT. */
char *gk_role_format(unsigned roles, char *out, size_t size);
/* The code ("handler") and label (管理员, 信息发布, 申请办理, 审核) of one
 * role; "?" for anything but a single role. */
const char *gk_role_code(enum gk_role role);
const char *gk_role_label(enum gk_role role);

/* Checks login (3–32 of a-z 0-9 . _ -), display name, roles. */
enum gk_err gk_user_validate(const struct gk_user *u, struct gk_error *err);
/* The password policy (core/password_policy.h) for an account whose login
 * is not known here; use gk_password_policy_check when it is. */
enum gk_err gk_password_check(const char *password, struct gk_error *err);

/* Hashes PASSWORD with argon2id (interactive limits) into OUT. */
enum gk_err gk_password_hash(const char *password, char out[GK_PASSWORD_HASH_SIZE],
			     struct gk_error *err);
/* True if PASSWORD matches HASH. Takes the same time whether or not the
 * account exists when called with a dummy hash (see gk_password_dummy). */
bool gk_password_verify(const char *hash, const char *password);
/* A valid hash of nothing anyone knows, to verify against for unknown logins. */
const char *gk_password_dummy(void);
/* A random password of LEN readable characters (for demo accounts). */
void gk_password_random(char *out, size_t len);

/* True if U may see and change records of agency AGENCY_ID, given
 * WITHIN(agency, ancestor), the store's subtree test. */
bool gk_user_can_act_in(const struct gk_user *u, int64_t agency_id,
			bool (*within)(void *ctx, int64_t agency, int64_t ancestor), void *ctx);

/* Initialises libsodium; call once at startup. */
enum gk_err gk_crypto_init(struct gk_error *err);

#endif
