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
	    (rc = gk_password_policy_check(in->password, u.login, err)) ||
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
	    (rc = gk_password_policy_check(password, u.login, err)) ||
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

/* --- an account's state: its own password, disabled, reset ----------------- */

/* The account LOGIN, if the actor may manage it (the command line may). */
static enum gk_err managed_account(struct gk_svc *svc, const char *login, struct gk_user *u,
				   struct gk_error *err)
{
	enum gk_err rc = gk_store_user_by_login(svc->store, login ? login : "", u, err);
	if (rc)
		return rc;
	if (svc->actor && !gk_svc_in_scope(svc, u->agency_id))
		return gk_fail(err, GK_EFORBIDDEN, "您只能管理本机关及所属单位的账号");
	return GK_OK;
}

enum gk_err gk_svc_password_change(struct gk_svc *svc, const char *current, const char *password,
				   const char *keep_digest, struct gk_error *err)
{
	struct gk_user u;
	char hash[GK_PASSWORD_HASH_SIZE];
	bool own;
	enum gk_err rc;
	if (!svc->actor)
		return gk_fail(err, GK_EUNAUTH, "请先登录");
	if ((rc = gk_store_user_get(svc->store, svc->actor->id, &u, err)))
		return rc;
	if (!current || !gk_password_verify(u.password_hash, current))
		return gk_fail(err, GK_EUNAUTH, "“当前密码”不正确");
	if (password && strcmp(password, current) == 0)
		return gk_fail(err, GK_EINVAL, "“新密码”不能与当前密码相同");
	if ((rc = gk_password_policy_check(password, u.login, err)) ||
	    (rc = gk_password_hash(password, hash, err)) || (rc = gk_svc_begin(svc, &own, err)))
		return rc;
	/* the session that changed it stays; every other one ends */
	rc = gk_store_user_set_password(svc->store, u.id, hash, err);
	if (!rc && u.must_reset)
		rc = gk_store_user_set_must_reset(svc->store, u.id, false, err);
	if (!rc)
		rc = keep_digest
			     ? gk_store_session_delete_others(svc->store, u.id, keep_digest, err)
			     : gk_store_session_delete_user(svc->store, u.id, err);
	if (!rc)
		rc = gk_store_audit(svc->store, u.id, u.agency_id, "passwd_own", "user", u.id, NULL,
				    err);
	return gk_svc_end(svc, own, rc, err);
}

enum gk_err gk_svc_user_set_disabled(struct gk_svc *svc, const char *login, bool disabled,
				     struct gk_error *err)
{
	struct gk_user u;
	bool own;
	enum gk_err rc = managed_account(svc, login, &u, err);
	if (rc)
		return rc;
	if (disabled && svc->actor && svc->actor->id == u.id)
		return gk_fail(err, GK_EINVAL, "不能停用自己的账号");
	if ((rc = gk_svc_begin(svc, &own, err)))
		return rc;
	rc = gk_store_user_set_disabled(svc->store, u.id, disabled, err);
	/* a disabled account's sessions end at once */
	if (!rc && disabled)
		rc = gk_store_session_delete_user(svc->store, u.id, err);
	if (!rc)
		rc = gk_store_audit(svc->store, gk_svc_actor_id(svc), u.agency_id,
				    disabled ? "disable" : "enable", "user", u.id, u.login, err);
	return gk_svc_end(svc, own, rc, err);
}

enum gk_err gk_svc_user_force_reset(struct gk_svc *svc, const char *login, const char *temporary,
				    struct gk_error *err)
{
	struct gk_user u;
	char hash[GK_PASSWORD_HASH_SIZE];
	bool own, set = temporary && *temporary;
	enum gk_err rc = managed_account(svc, login, &u, err);
	if (rc)
		return rc;
	if (svc->actor && svc->actor->id == u.id)
		return gk_fail(err, GK_EINVAL, "自己的密码请在“修改密码”中修改");
	if (set && ((rc = gk_password_policy_check(temporary, u.login, err)) ||
		    (rc = gk_password_hash(temporary, hash, err))))
		return rc;
	if ((rc = gk_svc_begin(svc, &own, err)))
		return rc;
	rc = gk_store_user_set_must_reset(svc->store, u.id, true, err);
	if (!rc && set)
		rc = gk_store_user_set_password(svc->store, u.id, hash, err);
	if (!rc)
		rc = gk_store_session_delete_user(svc->store, u.id, err);
	if (!rc)
		rc = gk_store_audit(svc->store, gk_svc_actor_id(svc), u.agency_id, "force_reset",
				    "user", u.id, set ? "临时密码已设置" : NULL, err);
	return gk_svc_end(svc, own, rc, err);
}

/* --- session limits ------------------------------------------------------------ */

static struct gk_session_limits session_limits = {GK_SESSION_IDLE_SECONDS, GK_SESSION_SECONDS};

void gk_svc_session_limits_set(const struct gk_session_limits *limits)
{
	struct gk_session_limits l = {GK_SESSION_IDLE_SECONDS, GK_SESSION_SECONDS};
	if (limits && limits->idle > 0)
		l.idle = limits->idle;
	if (limits && limits->absolute > 0)
		l.absolute = limits->absolute;
	session_limits = l;
}

struct gk_session_limits gk_svc_session_limits(void)
{
	return session_limits;
}

/* Notes the session's use for the idle timeout: at most once a minute (or
 * a tenth of the timeout), so that reading pages seldom writes. A failure
 * is logged and the request goes on: the session is valid either way. */
static void touch_session(struct gk_svc *svc, const char *digest, int64_t seen_at)
{
	int64_t every = session_limits.idle / 10 < 60 ? session_limits.idle / 10 : 60;
	if (svc->now - seen_at < every || svc->now < seen_at)
		return;
	struct gk_error err = {0};
	if (gk_store_session_touch(svc->store, digest, svc->now, &err))
		gk_warn("session use not noted: %s", gk_error_text(&err));
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
					  svc->now + session_limits.absolute, svc->now, err);
	if (!rc)
		rc = gk_store_audit(svc->store, u.id, u.agency_id, "login", "user", u.id,
				    svc->origin, err);
	return gk_svc_end(svc, own, rc, err);
}

enum gk_err gk_svc_session_find(struct gk_svc *svc, const char *token, struct gk_session *out,
				struct gk_error *err)
{
	int64_t user_id = 0, seen_at = 0;
	memset(out, 0, sizeof *out);
	if (!gk_token_shape_ok(token))
		return gk_fail(err, GK_ENOTFOUND, "登录已失效");
	gk_token_digest(token, out->digest);
	enum gk_err rc = gk_store_session_get(svc->store, out->digest, svc->now,
					      svc->now - session_limits.idle, &user_id, out->csrf,
					      sizeof out->csrf, &seen_at, err);
	if (!rc)
		rc = gk_store_user_get(svc->store, user_id, &out->user, err);
	if (!rc && out->user.disabled)
		rc = gk_fail(err, GK_ENOTFOUND, "登录已失效");
	if (!rc)
		touch_session(svc, out->digest, seen_at);
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
