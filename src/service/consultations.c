/* Online consultation: asking, answering, publishing, rejecting and
 * turning a question into an application (service/consultations.h). */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/intake.h"
#include "lib/date.h"
#include "service/applications.h"
#include "service/consultations.h"

static void copy(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

static char *dup(const char *s)
{
	size_t n = strlen(s ? s : "");
	char *p = malloc(n + 1);
	if (p)
		memcpy(p, s ? s : "", n + 1);
	return p;
}

/* GK_ETHROTTLED if KEY (this address) asked too often (fails closed). */
static enum gk_err ask_allowed(struct gk_svc *svc, const char *key, struct gk_error *err)
{
	enum gk_intake_rate passed;
	int per;
	enum gk_err rc = gk_svc_intake_rate(svc, key, &passed, &per, err);
	if (rc || passed == GK_RATE_WITHIN)
		return rc;
	if (passed == GK_RATE_MINUTE)
		return gk_fail(err, GK_ETHROTTLED,
			       "从您的网络地址提交的咨询过于频繁：每分钟最多%d条，请稍后再试", per);
	return gk_fail(err, GK_ETHROTTLED,
		       "从您的网络地址提交的咨询过多：每小时最多%d条，请稍后再试", per);
}

enum gk_err gk_svc_consultation_ask(struct gk_svc *svc, const struct gk_question_input *in,
				    const char *once, struct gk_consultation *out,
				    struct gk_error *err)
{
	struct gk_store *s = svc->store;
	gk_consultation_init(out);
	enum gk_err rc = gk_question_validate(in, err);
	if (rc)
		return rc;
	struct gk_agency agency;
	rc = gk_store_agency_get(s, in->agency_id, &agency, err);
	if (rc == GK_ENOTFOUND)
		return gk_fail(err, GK_EINVAL, "所选的“咨询机关”不存在，请重新选择");
	if (rc)
		return rc;
	char key[96], once_key[128];
	snprintf(key, sizeof key, "consult:%.60s", svc->origin ? svc->origin : "?");
	if (once)
		snprintf(once_key, sizeof once_key, "once:%.100s", once);
	bool own;
	if ((rc = gk_svc_begin(svc, &own, err)))
		return rc;
	rc = ask_allowed(svc, key, err);
	if (!rc && once) {
		int64_t used = 0;
		rc = gk_store_rate_count(s, once_key, 0, &used, err);
		if (!rc && used)
			rc = gk_fail(err, GK_ECONFLICT,
				     "这次咨询的安全验证已经用过，请刷新页面后重新提交");
	}
	if (rc)
		goto done;
	out->agency_id = in->agency_id;
	copy(out->subject, sizeof out->subject, in->subject);
	out->question = dup(in->question);
	out->answer = dup("");
	if (!out->question || !out->answer) {
		rc = gk_fail(err, GK_ENOMEM, "out of memory");
		goto done;
	}
	out->received = svc->today;
	out->consent = in->consent;
	out->state = GK_QUESTION_OPEN;
	out->asker = in->asker;
	for (int attempt = 0;; attempt++) {
		unsigned char random[GK_TRACKING_RANDOM_BYTES];
		randombytes_buf(random, sizeof random);
		gk_tracking_code_make(random, out->code);
		rc = gk_store_consultation_add(s, out, err);
		if (rc != GK_ECONFLICT || attempt == 8)
			break;
	}
	if (!rc)
		rc = gk_store_rate_hit(s, key, svc->now, err);
	if (!rc && once)
		rc = gk_store_rate_hit(s, once_key, svc->now, err);
	if (!rc)
		rc = gk_store_audit(s, 0, out->agency_id, "ask", "consultation", out->id, NULL,
				    err);
	if (!rc) {
		copy(out->agency_code, sizeof out->agency_code, agency.code);
		copy(out->agency_name, sizeof out->agency_name, agency.name);
	}
done:
	return gk_svc_end(svc, own, rc, err);
}

/* Loads ID for the actor (scope and role checked), with the asker if he
 * may read it. */
static enum gk_err load(struct gk_svc *svc, int64_t id, struct gk_consultation *c, bool *personal,
			struct gk_error *err)
{
	const struct gk_user *actor = svc->actor;
	gk_consultation_init(c);
	if (!actor)
		return gk_fail(err, GK_EFORBIDDEN, "请先登录");
	if (!(actor->roles & GK_CONSULT_ROLES))
		return gk_fail(err, GK_EFORBIDDEN, "办理网上咨询需要申请办理或系统管理角色");
	enum gk_err rc = gk_store_consultation_get(svc->store, id, false, c, err);
	if (rc)
		return rc;
	if (!gk_svc_in_scope(svc, c->agency_id)) {
		gk_consultation_release(c);
		return gk_fail(err, GK_ENOTFOUND, "没有这条咨询");
	}
	bool see = gk_question_personal_visible(actor, c->agency_id);
	if (personal)
		*personal = see;
	if (see) {
		struct gk_consultation full;
		rc = gk_store_consultation_get(svc->store, id, true, &full, err);
		if (rc) {
			gk_consultation_release(c);
			return rc;
		}
		c->asker = full.asker;
		gk_consultation_release(&full);
	}
	return GK_OK;
}

enum gk_err gk_svc_consultation_get(struct gk_svc *svc, int64_t id, struct gk_consultation *out,
				    bool *personal, struct gk_error *err)
{
	if (personal)
		*personal = false;
	return load(svc, id, out, personal, err);
}

/* Stores C with the audit row ACTION, in one transaction. */
static enum gk_err save(struct gk_svc *svc, const struct gk_consultation *c, const char *action,
			const char *detail, struct gk_error *err)
{
	bool own;
	enum gk_err rc = gk_svc_begin(svc, &own, err);
	if (rc)
		return rc;
	rc = gk_store_consultation_update(svc->store, c, err);
	if (!rc)
		rc = gk_store_audit(svc->store, gk_svc_actor_id(svc), c->agency_id, action,
				    "consultation", c->id, detail, err);
	return gk_svc_end(svc, own, rc, err);
}

static enum gk_err may_publish(const struct gk_consultation *c, struct gk_error *err)
{
	if (!c->consent)
		return gk_fail(err, GK_ECONFLICT, "提问人未同意公开答复，不能公开这条咨询");
	if (c->state != GK_QUESTION_ANSWERED)
		return gk_fail(err, GK_ECONFLICT, "这条咨询尚未答复，答复后才能公开");
	return GK_OK;
}

enum gk_err gk_svc_consultation_answer(struct gk_svc *svc, int64_t id, const char *answer,
				       bool publish, struct gk_error *err)
{
	struct gk_consultation c;
	enum gk_err rc =
		gk_app_check_text(answer, GK_QUESTION_ANSWER_MAX, true, true, "答复内容", err);
	if (rc)
		return rc;
	if ((rc = load(svc, id, &c, NULL, err)))
		return rc;
	if (c.state != GK_QUESTION_OPEN && c.state != GK_QUESTION_ANSWERED) {
		rc = gk_fail(err, GK_ECONFLICT, "这条咨询%s，不能再答复",
			     gk_question_state_label(c.state));
		goto out;
	}
	if (publish && !c.consent) {
		rc = gk_fail(err, GK_ECONFLICT, "提问人未同意公开答复，不能公开这条咨询");
		goto out;
	}
	char *text = dup(answer);
	if (!text) {
		rc = gk_fail(err, GK_ENOMEM, "out of memory");
		goto out;
	}
	free(c.answer);
	c.answer = text;
	c.state = GK_QUESTION_ANSWERED;
	c.answered = svc->today;
	c.answered_by = gk_svc_actor_id(svc);
	if (publish)
		c.published = true;
	rc = save(svc, &c, "answer", publish ? "published" : NULL, err);
out:
	gk_consultation_release(&c);
	return rc;
}

enum gk_err gk_svc_consultation_publish(struct gk_svc *svc, int64_t id, bool publish,
					struct gk_error *err)
{
	struct gk_consultation c;
	enum gk_err rc = load(svc, id, &c, NULL, err);
	if (rc)
		return rc;
	if (publish)
		rc = may_publish(&c, err);
	if (!rc) {
		c.published = publish;
		rc = save(svc, &c, publish ? "publish" : "unpublish", NULL, err);
	}
	gk_consultation_release(&c);
	return rc;
}

enum gk_err gk_svc_consultation_reject(struct gk_svc *svc, int64_t id, const char *reason,
				       struct gk_error *err)
{
	struct gk_consultation c;
	enum gk_err rc = gk_app_check_text(reason, GK_QUESTION_REASON_MAX, true, true,
					   "不予答复的理由", err);
	if (rc)
		return rc;
	if ((rc = load(svc, id, &c, NULL, err)))
		return rc;
	if (c.state != GK_QUESTION_OPEN)
		rc = gk_fail(err, GK_ECONFLICT, "这条咨询%s，不能再作不予答复处理",
			     gk_question_state_label(c.state));
	if (!rc) {
		copy(c.reason, sizeof c.reason, reason);
		c.state = GK_QUESTION_REJECTED;
		c.published = false;
		c.answered = svc->today;
		c.answered_by = gk_svc_actor_id(svc);
		rc = save(svc, &c, "reject", NULL, err);
	}
	gk_consultation_release(&c);
	return rc;
}

enum gk_err gk_svc_consultation_convert(struct gk_svc *svc, int64_t id, struct gk_application *out,
					struct gk_error *err)
{
	struct gk_consultation c;
	bool personal = false;
	enum gk_err rc = load(svc, id, &c, &personal, err);
	if (rc)
		return rc;
	struct gk_application *app = out ? out : malloc(sizeof *app);
	if (!app) {
		gk_consultation_release(&c);
		return gk_fail(err, GK_ENOMEM, "out of memory");
	}
	if (c.state != GK_QUESTION_OPEN)
		rc = gk_fail(err, GK_ECONFLICT, "这条咨询%s，不能再转为公开申请",
			     gk_question_state_label(c.state));
	else if (!personal)
		/* the application carries the asker: only those who may read him */
		rc = gk_fail(err, GK_EFORBIDDEN,
			     "只有咨询机关和市政府信息公开主管部门可以转为申请");
	if (rc)
		goto out;
	/* the asker's data again, now that he may be read */
	struct gk_consultation full;
	if ((rc = gk_store_consultation_get(svc->store, id, true, &full, err)))
		goto out;
	c.asker = full.asker;
	gk_consultation_release(&full);

	char note[600];
	snprintf(note, sizeof note, "由网上咨询转为申请（咨询查询码 %s，主题：%s）", c.code,
		 c.subject);
	struct gk_intake in = {0};
	in.agency_id = c.agency_id;
	in.kind = GK_INTAKE_STAFF;
	/* received the day it was asked online (条例第三十一条: the day the
	   staff confirm it, here the question's own receipt) */
	in.facts = (struct gk_receipt_facts){GK_CHANNEL_ONLINE, false, c.received, GK_NO_DAY,
					     c.received};
	in.applicant_type = GK_APPLICANT_NATURAL_PERSON;
	copy(in.applicant.name, sizeof in.applicant.name, c.asker.name);
	copy(in.applicant.phone, sizeof in.applicant.phone, c.asker.phone);
	copy(in.applicant.email, sizeof in.applicant.email, c.asker.email);
	in.description = c.question;
	in.doc_no = "";
	in.medium = "";
	in.note = note;
	in.delivery = c.asker.email[0] ? GK_DELIVERY_EMAIL : GK_DELIVERY_ONLINE;
	in.id_type = GK_ID_ANY;

	bool own;
	if ((rc = gk_svc_begin(svc, &own, err)))
		goto out;
	rc = gk_svc_application_create(svc, &in, app, err);
	if (!rc) {
		c.state = GK_QUESTION_CONVERTED;
		c.published = false;
		c.application_id = app->id;
		c.answered = svc->today;
		c.answered_by = gk_svc_actor_id(svc);
		rc = gk_store_consultation_update(svc->store, &c, err);
	}
	if (!rc)
		rc = gk_store_audit(svc->store, gk_svc_actor_id(svc), c.agency_id, "convert",
				    "consultation", c.id, app->tracking_code, err);
	rc = gk_svc_end(svc, own, rc, err);
out:
	if (!out)
		free(app);
	gk_consultation_release(&c);
	return rc;
}
