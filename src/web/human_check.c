/* The human check of the online application: see human_check.h. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/proof_of_work.h"
#include "web/human_check.h"
#include "web/server.h"
#include "web/throttle.h"

const char *gk_human_challenge(struct gk_request *r)
{
	unsigned char random[GK_POW_RANDOM_BYTES];
	char *out = gk_arena_alloc(&r->arena, GK_POW_CHALLENGE_MAX);
	if (!out)
		return "";
	randombytes_buf(random, sizeof random);
	gk_pow_issue(r->server->secret, r->svc.now + GK_HUMAN_TTL, GK_HUMAN_BITS, random, out);
	return out;
}

enum gk_err gk_human_verify(struct gk_request *r, const char *pow, const char *nonce,
			    const char **once, struct gk_error *err)
{
	*once = NULL;
	if (!nonce || !*nonce)
		return GK_ENOTFOUND;
	switch (gk_pow_check(r->server->secret, pow ? pow : "", nonce, r->svc.now, GK_HUMAN_BITS)) {
	case GK_POW_OK:
		break;
	case GK_POW_EXPIRED:
		return gk_fail(err, GK_EINVAL,
			       "页面打开时间过长，安全验证已过期，请重新提交（已为您重新验证）");
	default:
		return gk_fail(err, GK_EINVAL, "安全验证未通过，请重新提交");
	}
	/* the random part names the challenge */
	const char *a = strchr(pow + 2, '.');
	a = a ? strchr(a + 1, '.') : NULL;
	const char *b = a ? strchr(a + 1, '.') : NULL;
	*once = b ? gk_arena_strndup(&r->arena, a + 1, (size_t)(b - a - 1)) : NULL;
	if (!*once)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	return GK_OK;
}

enum gk_err gk_human_question_allowed(struct gk_request *r, const char *agency_code,
				      struct gk_error *err)
{
	char key[128];
	enum gk_err rc = gk_throttle_take(
		r, "question", true, 3600, GK_NOSCRIPT_PER_ADDR,
		"不使用浏览器脚本时，每个网络地址每小时最多提交3件申请。请启用浏览器脚本（JavaScript）"
		"后提交，或者当面、以信函或传真方式申请",
		err);
	if (rc)
		return rc;
	snprintf(key, sizeof key, "question:%.100s", agency_code ? agency_code : "");
	return gk_throttle_take(
		r, key, false, 3600, GK_NOSCRIPT_PER_AGENCY,
		"不使用浏览器脚本提交的申请本小时已达上限。请启用浏览器脚本（JavaScript）后提交，"
		"或者当面、以信函或传真方式申请",
		err);
}

enum gk_err gk_human_agency_allowed(struct gk_request *r, const char *agency_code,
				    struct gk_error *err)
{
	char key[128];
	if (r->svc.intake_limit <= 0)
		return GK_OK;
	snprintf(key, sizeof key, "agency:%.100s", agency_code ? agency_code : "");
	return gk_throttle_take(r, key, false, 60,
				(int64_t)r->svc.intake_limit * GK_AGENCY_PER_LIMIT,
				"向该机关提交的网上申请过多，请一分钟后再提交", err);
}
