/* Sessions, CSRF tokens and login throttling (see auth.h for the design). */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lib/log.h"
#include "store/store.h"
#include "web/auth.h"
#include "web/server.h"

static void to_hex(const unsigned char *in, size_t n, char *out)
{
	sodium_bin2hex(out, n * 2 + 1, in, n);
}

static void random_token(char out[64])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, 64, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

static void digest(const char *token, char out[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	to_hex(h, sizeof h, out);
}

static bool token_shape_ok(const char *t)
{
	size_t n = strlen(t);
	return n == 43 &&
	       strspn(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == n;
}

enum gk_err gk_auth_server_init(struct gk_server *srv, struct gk_error *err)
{
	struct gk_store *s = gk_store_pool_acquire(srv->pool);
	char hex[65];
	enum gk_err rc = gk_store_setting_get(s, "secret", hex, sizeof hex, NULL);
	if (rc == GK_OK && sodium_hex2bin(srv->secret, sizeof srv->secret, hex, strlen(hex), NULL,
					  NULL, NULL) == 0) {
		gk_store_pool_release(srv->pool, s);
		return GK_OK;
	}
	randombytes_buf(srv->secret, sizeof srv->secret);
	to_hex(srv->secret, sizeof srv->secret, hex);
	rc = gk_store_setting_set(s, "secret", hex, err);
	gk_store_pool_release(srv->pool, s);
	return rc;
}

void gk_auth_read_cookies(struct gk_request *r, const char *session, const char *anon)
{
	if (session && token_shape_ok(session))
		memcpy(r->cookie_session, session, strlen(session) + 1);
	if (anon && token_shape_ok(anon))
		memcpy(r->cookie_anon, anon, strlen(anon) + 1);
}

static void set_cookie(struct gk_request *r, const char *name, const char *value, long max_age)
{
	char line[256];
	snprintf(line, sizeof line, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%ld", name,
		 value, max_age);
	gk_req_header(r, "Set-Cookie", gk_arena_strdup(&r->arena, line));
}

static void anon_csrf(struct gk_request *r, const char *anon)
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256(mac, (const unsigned char *)anon, strlen(anon), r->server->secret);
	to_hex(mac, sizeof mac, r->csrf);
}

void gk_auth_load(struct gk_request *r)
{
	if (r->cookie_session[0]) {
		char d[65];
		int64_t user_id;
		digest(r->cookie_session, d);
		if (gk_store_session_get(r->store, d, (int64_t)time(NULL), &user_id, r->csrf,
					 sizeof r->csrf, NULL) == GK_OK &&
		    gk_store_user_get(r->store, user_id, &r->user, NULL) == GK_OK && !r->user.disabled) {
			r->logged_in = true;
			memcpy(r->session_digest, d, sizeof d);
			return;
		}
		r->csrf[0] = '\0';
	}
	/* anonymous: a token tied to a random cookie; minted only when a page
	 * shows a form (gk_auth_anon_token), so API clients get no cookie */
	if (r->cookie_anon[0])
		anon_csrf(r, r->cookie_anon);
}

const char *gk_auth_anon_token(struct gk_request *r)
{
	if (!r->csrf[0]) {
		random_token(r->new_anon_cookie);
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
	int64_t now = (int64_t)time(NULL);
	char user_key[96], addr_key[96];
	snprintf(user_key, sizeof user_key, "login:%.60s", login);
	snprintf(addr_key, sizeof addr_key, "addr:%.60s", r->remote_addr);
	if (gk_store_rate_count(r->store, user_key, now - GK_LOGIN_WINDOW) >= GK_LOGIN_MAX_PER_USER ||
	    gk_store_rate_count(r->store, addr_key, now - GK_LOGIN_WINDOW) >= GK_LOGIN_MAX_PER_ADDR)
		return gk_fail(err, GK_ETHROTTLED,
			       "too many failed logins: wait %d minutes and try again",
			       GK_LOGIN_WINDOW / 60);

	struct gk_user u;
	bool found = gk_store_user_by_login(r->store, login, &u, NULL) == GK_OK;
	/* verify against a dummy hash for unknown logins so timing tells nothing */
	bool ok = gk_password_verify(found ? u.password_hash : gk_password_dummy(), password);
	if (!found || !ok || u.disabled) {
		gk_store_rate_hit(r->store, user_key, now, NULL);
		gk_store_rate_hit(r->store, addr_key, now, NULL);
		gk_warn("failed login for '%s' from %s", login, r->remote_addr);
		return gk_fail(err, GK_EUNAUTH, "wrong login or password");
	}
	char token[64], d[65], csrf[64];
	random_token(token);
	random_token(csrf);
	digest(token, d);
	enum gk_err rc = gk_store_begin(r->store, err);
	if (!rc)
		rc = gk_store_rate_clear(r->store, user_key, err);
	if (!rc)
		rc = gk_store_session_add(r->store, d, u.id, csrf, now + GK_SESSION_SECONDS, err);
	if (!rc)
		rc = gk_store_audit(r->store, u.id, u.agency_id, "login", "user", u.id, r->remote_addr, err);
	if (!rc)
		rc = gk_store_commit(r->store, err);
	else
		gk_store_rollback(r->store);
	if (rc)
		return rc;
	set_cookie(r, GK_SESSION_COOKIE, token, GK_SESSION_SECONDS);
	r->user = u;
	r->logged_in = true;
	memcpy(r->session_digest, d, sizeof d);
	memcpy(r->csrf, csrf, strlen(csrf) + 1);
	return GK_OK;
}

void gk_auth_logout(struct gk_request *r)
{
	if (r->logged_in) {
		gk_store_session_delete(r->store, r->session_digest, NULL);
		gk_store_audit(r->store, r->user.id, r->user.agency_id, "logout", "user", r->user.id,
			       NULL, NULL);
	}
	r->logged_in = false;
	set_cookie(r, GK_SESSION_COOKIE, "", 0);
}
