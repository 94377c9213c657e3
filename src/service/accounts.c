/* Staff accounts and their sessions: argon2id passwords (core/user.c),
 * sessions kept by digest, failed logins slowed (service/login_guard.h). */
#include <stdio.h>
#include <string.h>

#include "lib/log.h"
#include "service/accounts.h"
#include "service/login_guard.h"

enum gk_err gk_svc_user_add(struct gk_svc *svc, const struct gk_account_input *in,
			    struct gk_user *out, struct gk_error *err)
{
	struct gk_user u = {0};
	struct gk_agency a;
	enum gk_err rc = gk_store_agency_by_code(svc->store, in->agency_code ? in->agency_code : "",
						 &a, err);
	if (rc)
		return rc;
	if (svc->actor && !gk_svc_in_scope(svc, a.id))
		return gk_fail(err, GK_EFORBIDDEN, "您只能在本机关及所属单位内添加账号");
	u.agency_id = a.id;
	if ((rc = gk_field_set(u.login, sizeof u.login, in->login, "账号", err)) ||
	    (rc = gk_field_set(u.display_name, sizeof u.display_name, in->display_name, "姓名",
			       err)) ||
	    (rc = gk_role_parse(in->roles, &u.roles, err)) || (rc = gk_user_validate(&u, err)) ||
	    (rc = gk_password_check(in->password, err)) ||
	    (rc = gk_password_hash(in->password, u.password_hash, err)))
		return rc;
	bool own;
	if ((rc = gk_svc_begin(svc, &own, err)))
		return rc;
	rc = gk_store_user_add(svc->store, &u, err);
	if (!rc)
		rc = gk_store_audit(svc->store, gk_svc_actor_id(svc), a.id, "create", "user", u.id,
				    svc->actor ? u.login : "gongkai user add", err);
	if ((rc = gk_svc_end(svc, own, rc, err)))
		return rc;
	if (out)
		*out = u;
	return GK_OK;
}

enum gk_err gk_svc_user_set_password(struct gk_svc *svc, const char *login, const char *password,
				     struct gk_error *err)
{
	struct gk_user u;
	char hash[GK_PASSWORD_HASH_SIZE];
	bool own;
	enum gk_err rc;
	if ((rc = gk_store_user_by_login(svc->store, login, &u, err)) ||
	    (rc = gk_password_check(password, err)) ||
	    (rc = gk_password_hash(password, hash, err)) || (rc = gk_svc_begin(svc, &own, err)))
		return rc;
	/* a new password ends every session of the account */
	rc = gk_store_user_set_password(svc->store, u.id, hash, err);
	if (!rc)
		rc = gk_store_session_delete_user(svc->store, u.id, err);
	if (!rc)
		rc = gk_store_audit(svc->store, gk_svc_actor_id(svc), u.agency_id, "passwd", "user",
				    u.id, svc->actor ? NULL : "gongkai user passwd", err);
	return gk_svc_end(svc, own, rc, err);
}

/* --- sessions ----------------------------------------------------------------- */

enum gk_err gk_svc_login(struct gk_svc *svc, const char *login, const char *password,
			 struct gk_session *out, struct gk_error *err)
{
	/* growing delays per account and address, never a lock (login_guard.h) */
	out->retry_after = 0;
	enum gk_err rc = gk_login_guard_check(svc, login, &out->retry_after, err);
	if (rc)
		return rc;

	struct gk_user u;
	rc = gk_store_user_by_login(svc->store, login, &u, err);
	if (rc && rc != GK_ENOTFOUND)
		return rc;
	bool found = rc == GK_OK;
	/* verify against a dummy hash for unknown logins so timing tells nothing */
	bool ok = gk_password_verify(found ? u.password_hash : gk_password_dummy(), password);
	if (!found || !ok || u.disabled) {
		gk_login_guard_failed(svc, login);
		gk_warn("failed login for '%s' from %s", login, svc->origin);
		return gk_fail(err, GK_EUNAUTH, "账号或密码错误");
	}
	bool own;
	if ((rc = gk_svc_begin(svc, &own, err)))
		return rc;
	memset(out, 0, sizeof *out);
	gk_token_new(out->token);
	gk_token_new(out->csrf);
	gk_token_digest(out->token, out->digest);
	out->user = u;
	rc = gk_login_guard_passed(svc, login, err);
	if (!rc)
		rc = gk_store_session_add(svc->store, out->digest, u.id, out->csrf,
					  svc->now + GK_SESSION_SECONDS, svc->now, err);
	if (!rc)
		rc = gk_store_audit(svc->store, u.id, u.agency_id, "login", "user", u.id,
				    svc->origin, err);
	return gk_svc_end(svc, own, rc, err);
}

enum gk_err gk_svc_session_find(struct gk_svc *svc, const char *token, struct gk_session *out,
				struct gk_error *err)
{
	int64_t user_id = 0;
	memset(out, 0, sizeof *out);
	if (!gk_token_shape_ok(token))
		return gk_fail(err, GK_ENOTFOUND, "登录已失效");
	gk_token_digest(token, out->digest);
	enum gk_err rc = gk_store_session_get(svc->store, out->digest, svc->now, &user_id,
					      out->csrf, sizeof out->csrf, err);
	if (!rc)
		rc = gk_store_user_get(svc->store, user_id, &out->user, err);
	if (!rc && out->user.disabled)
		rc = gk_fail(err, GK_ENOTFOUND, "登录已失效");
	return rc;
}

enum gk_err gk_svc_logout(struct gk_svc *svc, const char *digest, struct gk_error *err)
{
	bool own;
	enum gk_err rc = gk_svc_begin(svc, &own, err);
	if (rc)
		return rc;
	rc = gk_store_session_delete(svc->store, digest, err);
	if (!rc && svc->actor)
		rc = gk_store_audit(svc->store, svc->actor->id, svc->actor->agency_id, "logout",
				    "user", svc->actor->id, NULL, err);
	return gk_svc_end(svc, own, rc, err);
}
