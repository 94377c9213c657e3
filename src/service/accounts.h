/* Use cases of staff accounts: adding one, changing a password, logging in
 * and out, finding the session behind a cookie. */
#ifndef GK_SERVICE_ACCOUNTS_H
#define GK_SERVICE_ACCOUNTS_H

#include "core/token.h"
#include "service/service.h"

#define GK_SESSION_SECONDS      (8 * 3600) /* a session's longest life from login */
#define GK_SESSION_IDLE_SECONDS 3600       /* ends after this long unused */

/* A new account as a form or the command line gives it. */
struct gk_account_input {
	const char *login, *display_name;
	const char *roles; /* "editor,handler" */
	const char *agency_code;
	const char *password;
};

/* Adds the account IN describes: checks its fields and password (GK_EINVAL
 * naming the field), hashes the password, stores it with its audit row.
 * GK_EFORBIDDEN if an actor adds it outside his agencies; GK_ECONFLICT if
 * the login is taken. OUT gets the stored account. */
enum gk_err gk_svc_user_add(struct gk_svc *svc, const struct gk_account_input *in,
			    struct gk_user *out, struct gk_error *err);
/* Sets the password of account LOGIN (checked, hashed) and ends all its
 * sessions, with an audit row. */
enum gk_err gk_svc_user_set_password(struct gk_svc *svc, const char *login, const char *password,
				     struct gk_error *err);

/* The actor changes his own password: CURRENT must match, PASSWORD meets
 * the policy (GK_EINVAL naming the rule) and differs from it. Clears a
 * forced reset and ends every other session of the account (KEEP_DIGEST
 * is the one that stays; NULL: none stays), with an audit row.
 * GK_EUNAUTH if CURRENT is wrong. */
enum gk_err gk_svc_password_change(struct gk_svc *svc, const char *current, const char *password,
				   const char *keep_digest, struct gk_error *err);
/* Disables (ending its sessions at once) or enables account LOGIN, with an
 * audit row. GK_EFORBIDDEN outside the actor's agencies; an actor cannot
 * disable himself. */
enum gk_err gk_svc_user_set_disabled(struct gk_svc *svc, const char *login, bool disabled,
				     struct gk_error *err);
/* Makes account LOGIN set a new password at its next login and ends its
 * sessions; TEMPORARY (NULL or "": keep the password) becomes its password
 * until then, for someone who forgot it. With an audit row. */
enum gk_err gk_svc_user_force_reset(struct gk_svc *svc, const char *login, const char *temporary,
				    struct gk_error *err);

/* How long sessions live, in seconds: IDLE unused, ABSOLUTE in all. */
struct gk_session_limits {
	int64_t idle, absolute;
};
/* Sets the limits for the process (before serving; 0 keeps a default:
 * GK_SESSION_IDLE_SECONDS and GK_SESSION_SECONDS). */
void gk_svc_session_limits_set(const struct gk_session_limits *limits);
struct gk_session_limits gk_svc_session_limits(void);

/* A session as the login starts it: the cookie's token (given to the
 * browser, never stored), its digest, the session's CSRF token. */
struct gk_session {
	char token[GK_TOKEN_SIZE];
	char digest[GK_DIGEST_SIZE];
	char csrf[GK_TOKEN_SIZE];
	struct gk_user user;
	int64_t retry_after; /* after GK_ETHROTTLED: seconds to wait */
};

/* Logs LOGIN in from svc->origin: GK_ETHROTTLED while the pair of login
 * and address, or the address, owes a wait after failures
 * (service/login_guard.h; the wait in OUT->retry_after; also when the
 * counts cannot be read: the limit fails closed), GK_EUNAUTH for a wrong login or password (the
 * same time either way), else a new session in OUT with its audit row. */
enum gk_err gk_svc_login(struct gk_svc *svc, const char *login, const char *password,
			 struct gk_session *out, struct gk_error *err);
/* The live session whose cookie token is TOKEN (of a token's shape): its
 * digest, CSRF token and enabled account into OUT (token left empty), and
 * notes its use. GK_ENOTFOUND if there is none (past its absolute
 * lifetime, idle too long, unknown, account disabled). */
enum gk_err gk_svc_session_find(struct gk_svc *svc, const char *token, struct gk_session *out,
				struct gk_error *err);
/* Ends the session with DIGEST of the actor, with an audit row. */
enum gk_err gk_svc_logout(struct gk_svc *svc, const char *digest, struct gk_error *err);

#endif
