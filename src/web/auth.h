/* Who is asking: session cookies, CSRF tokens, login and logout, throttling.
 *
 * A session cookie holds 32 random bytes; the database keeps only their
 * BLAKE2b digest, so a copy of the database opens no session. Logged-in
 * forms carry the session's random CSRF token; anonymous forms (login,
 * public applications) carry an HMAC of a random anonymous cookie. Both
 * cookies are HttpOnly and SameSite=Strict. */
#ifndef GK_WEB_AUTH_H
#define GK_WEB_AUTH_H

#include "service/accounts.h"
#include "web/request.h"

#define GK_SESSION_COOKIE "gk_session"
#define GK_ANON_COOKIE    "gk_anon"

struct gk_server;

/* True if the site's base URL is https: cookies get Secure, responses
 * Strict-Transport-Security. */
bool gk_auth_https(const struct gk_request *r);
/* Loads or creates the server's secret (kept in the settings table). */
enum gk_err gk_auth_server_init(struct gk_server *srv, struct gk_error *err);
/* Remembers the raw cookie values; resolved later by gk_auth_load. */
void gk_auth_read_cookies(struct gk_request *r, const char *session, const char *anon);
/* Resolves the session (needs r->store) unless that was done already:
 * fills r->user, r->logged_in and r->csrf. */
void gk_auth_load(struct gk_request *r);
/* Resolves the session now, on a connection of its own (before the body is
 * read, to decide how large a body to accept): true if it is valid. */
bool gk_auth_session_valid(struct gk_request *r);
/* The CSRF token for a form on this page; mints the anonymous cookie if
 * the visitor has none yet. */
const char *gk_auth_anon_token(struct gk_request *r);
/* Constant-time check of a submitted CSRF token against r->csrf. */
bool gk_auth_csrf_ok(const struct gk_request *r, const char *token);

/* Checks LOGIN/PASSWORD with throttling; on success starts a session
 * (sets the cookie) and returns GK_OK. GK_ETHROTTLED when too many failures. */
enum gk_err gk_auth_login(struct gk_request *r, const char *login, const char *password,
			  struct gk_error *err);
/* Ends the current session and clears the cookie. */
void gk_auth_logout(struct gk_request *r);

#endif
