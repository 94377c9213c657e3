/* Sessions, CSRF tokens and logins as the web sees them (see auth.h); the
 * accounts and sessions themselves are service/accounts.c's. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "lib/log.h"
#include "service/accounts.h"
#include "web/auth.h"
#include "web/server.h"

enum gk_err gk_auth_server_init(struct gk_server *srv, struct gk_error *err)
{
	struct gk_store *s = gk_store_pool_take(srv->pool);
	enum gk_err rc = gk_svc_secret(s, srv->secret, err);
	gk_store_pool_give(srv->pool, s);
	return rc;
}

void gk_auth_read_cookies(struct gk_request *r, const char *session, const char *anon)
{
	if (session && gk_token_shape_ok(session))
		memcpy(r->cookie_session, session, strlen(session) + 1);
	if (anon && gk_token_shape_ok(anon))
		memcpy(r->cookie_anon, anon, strlen(anon) + 1);
}

bool gk_auth_https(const struct gk_request *r)
{
	return r->server && strncmp(r->server->base_url, "https://", 8) == 0;
}

static void set_cookie(struct gk_request *r, const char *name, const char *value, long max_age)
{
	char line[256];
	/* Secure when the site is served over https: never sent in clear */
	snprintf(line, sizeof line, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%ld%s", name,
		 value, max_age, gk_auth_https(r) ? "; Secure" : "");
	gk_req_header(r, "Set-Cookie", gk_arena_strdup(&r->arena, line));
}

static void anon_csrf(struct gk_request *r, const char *anon)
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256(mac, (const unsigned char *)anon, strlen(anon), r->server->secret);
	sodium_bin2hex(r->csrf, sizeof r->csrf, mac, sizeof mac);
}

/* Resolves the session cookie on connection S: a database failure leaves
 * the visitor not logged in (and is logged), and is kept in
 * r->session_failed: the router answers it (503 while the database is
 * unreachable) rather than sending a signed-in user to the login page. */
static void resolve_session(struct gk_request *r, struct gk_store *s)
{
	r->session_checked = true;
	if (!r->cookie_session[0])
		return;
	struct gk_svc svc;
	struct gk_session sess;
	struct gk_error err = {0};
	gk_svc_init(&svc, s, NULL, NULL, r->remote_addr);
	enum gk_err rc = gk_svc_session_find(&svc, r->cookie_session, &sess, &err);
	if (rc == GK_OK) {
		r->user = sess.user;
		r->logged_in = true;
		memcpy(r->session_digest, sess.digest, sizeof r->session_digest);
		memcpy(r->csrf, sess.csrf, sizeof sess.csrf);
	} else if (rc != GK_ENOTFOUND) {
		gk_error("session not resolved (%s)", gk_error_text(&err));
		r->session_failed = rc;
	}
}

bool gk_auth_session_valid(struct gk_request *r)
{
	if (!r->session_checked) {
		struct gk_store *s = gk_store_pool_take(r->server->pool);
		resolve_session(r, s);
		gk_store_pool_give(r->server->pool, s);
	}
	return r->logged_in;
}

void gk_auth_load(struct gk_request *r)
{
	if (!r->session_checked)
		resolve_session(r, r->store);
	/* anonymous: a token tied to a random cookie; minted only when a page
	 * shows a form (gk_auth_anon_token), so API clients get no cookie */
	if (!r->logged_in && r->cookie_anon[0])
		anon_csrf(r, r->cookie_anon);
}

const char *gk_auth_anon_token(struct gk_request *r)
{
	r->personal = true; /* a page with this visitor's token is for them alone */
	if (!r->csrf[0]) {
		gk_token_new(r->new_anon_cookie);
		anon_csrf(r, r->new_anon_cookie);
		set_cookie(r, GK_ANON_COOKIE, r->new_anon_cookie, 30L * 86400);
	}
	return r->csrf;
}

bool gk_auth_csrf_ok(const struct gk_request *r, const char *token)
{
	size_t n = strlen(r->csrf);
	return n > 0 && token && strlen(token) == n && sodium_memcmp(token, r->csrf, n) == 0;
}

enum gk_err gk_auth_login(struct gk_request *r, const char *login, const char *password,
			  struct gk_error *err)
{
	struct gk_session sess;
	char previous[sizeof r->session_digest];
	memcpy(previous, r->session_digest, sizeof previous);
	bool had_session = r->logged_in;
	enum gk_err rc = gk_svc_login(&r->svc, login, password, &sess, err);
	if (rc == GK_ETHROTTLED && sess.retry_after > 0) {
		char *wait = gk_arena_alloc(&r->arena, 24);
		if (wait) {
			snprintf(wait, 24, "%lld", (long long)sess.retry_after);
			gk_req_header(r, "Retry-After", wait);
		}
	}
	if (rc)
		return rc;
	/* a login always gets a new token (the cookie a visitor came with is
	 * never adopted); a session it replaces ends */
	if (had_session && strcmp(previous, sess.digest) != 0) {
		struct gk_error e = {0};
		if (gk_svc_logout(&r->svc, previous, &e))
			gk_warn("replaced session not ended: %s", gk_error_text(&e));
	}
	set_cookie(r, GK_SESSION_COOKIE, sess.token, (long)gk_svc_session_limits().absolute);
	r->user = sess.user;
	r->logged_in = true;
	r->svc.actor = &r->user;
	memcpy(r->session_digest, sess.digest, sizeof r->session_digest);
	memcpy(r->csrf, sess.csrf, sizeof sess.csrf);
	return GK_OK;
}

void gk_auth_logout(struct gk_request *r)
{
	if (r->logged_in) {
		struct gk_error err = {0};
		if (gk_svc_logout(&r->svc, r->session_digest, &err))
			gk_error("logout of '%s' not recorded: %s", r->user.login,
				 gk_error_text(&err));
	}
	r->logged_in = false;
	r->svc.actor = NULL;
	set_cookie(r, GK_SESSION_COOKIE, "", 0);
}
