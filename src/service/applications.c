/* The workflow of applications: intake (online, or registered by staff),
 * one step at a time — checked against the transition table and the
 * deadline rules, then the event, the new state and the recomputed
 * deadline stored in one transaction — and recomputing every open deadline
 * after a calendar change. The rules live in core/application.c and
 * core/deadline.c; this file applies them and records what they decide. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/reply_letter.h"
#include "lib/date.h"
#include "service/applications.h"
#include "service/notices.h"

/* --- the deadline from the stored events ----------------------------------------------- */

struct collect {
	struct gk_clock_event events[GK_DEADLINE_MAX_EVENTS];
	size_t n;
	long last_day;
	bool overflow;
};

static int collect_event(const struct gk_app_event *ev, void *ctx)
{
	struct collect *c = ctx;
	if (ev->day != GK_NO_DAY && (c->last_day == GK_NO_DAY || ev->day > c->last_day))
		c->last_day = ev->day;
	if (ev->clock < 0)
		return 0;
	if (c->n == GK_DEADLINE_MAX_EVENTS) {
		c->overflow = true;
		return 1;
	}
	struct gk_clock_event *e = &c->events[c->n++];
	e->kind = (enum gk_clock_kind)ev->clock;
	e->day = ev->day;
	e->days = ev->days;
	e->until = ev->until;
	e->party = ev->party;
	return 0;
}

static enum gk_err load_clock(struct gk_store *s, int64_t id, struct collect *c,
			      struct gk_error *err)
{
	c->n = 0;
	c->last_day = GK_NO_DAY;
	c->overflow = false;
	enum gk_err rc = gk_store_app_events(s, id, collect_event, c, err);
	if (!rc && c->overflow)
		rc = gk_fail(err, GK_ECONFLICT, "这件申请的期限事件过多");
	return rc;
}

static void store_deadline(struct gk_application *app, const struct gk_deadline *dl)
{
	app->due = dl->due;
	app->base_due = dl->base_due;
	app->clock_state = dl->state;
	app->provisional = dl->provisional;
	app->on_time = dl->on_time;
	app->after_extension = dl->after_extension;
}

static enum gk_err compute(const struct gk_calendar *cal, const struct gk_application *app,
			   const struct collect *c, struct gk_deadline *dl, struct gk_error *err)
{
	struct gk_deadline_input in = {app->received, GK_RULES_AUTO, c->events, c->n};
	return gk_deadline_compute(cal, &in, dl, err);
}

enum gk_err gk_svc_application_deadline(struct gk_svc *svc, const struct gk_application *app,
					struct gk_deadline *dl, struct gk_error *err)
{
	struct gk_store *s = svc->store;
	const struct gk_calendar *cal = svc->calendar;
	struct collect *c = malloc(sizeof *c);
	if (!c)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	enum gk_err rc = load_clock(s, app->id, c, err);
	if (!rc)
		rc = compute(cal, app, c, dl, err);
	free(c);
	return rc;
}

/* Recomputes APP's deadline from its events and stores APP. */
static enum gk_err recompute_and_store(struct gk_svc *svc, struct gk_application *app,
				       struct gk_error *err)
{
	struct gk_deadline dl;
	gk_deadline_init(&dl);
	enum gk_err rc = gk_svc_application_deadline(svc, app, &dl, err);
	if (!rc) {
		store_deadline(app, &dl);
		rc = gk_store_application_update(svc->store, app, err);
	}
	gk_deadline_release(&dl);
	return rc;
}

enum gk_err gk_svc_application_recompute_all(struct gk_svc *svc, int *count, struct gk_error *err)
{
	struct gk_store *s = svc->store;
	int64_t *ids;
	size_t n;
	*count = 0;
	enum gk_err rc = gk_store_application_open_ids(s, &ids, &n, err);
	if (rc)
		return rc;
	struct gk_application *app = malloc(sizeof *app);
	if (!app) {
		free(ids);
		return gk_fail(err, GK_ENOMEM, "out of memory");
	}
	bool own = false;
	if (n > 0)
		rc = gk_svc_begin(svc, &own, err);
	for (size_t i = 0; i < n && !rc; i++) {
		rc = gk_store_application_get(s, ids[i], false, app, err);
		if (!rc)
			rc = recompute_and_store(svc, app, err);
		if (!rc)
			(*count)++;
	}
	rc = gk_svc_end(svc, own, rc, err);
	free(app);
	free(ids);
	return rc;
}

/* --- creating ----------------------------------------------------------------------- */

static void copy(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

enum gk_err gk_svc_application_create(struct gk_svc *svc, const struct gk_intake *in,
				      struct gk_application *out, struct gk_error *err)
{
	struct gk_store *s = svc->store;
	const struct gk_user *actor = svc->actor;
	if (actor && !gk_svc_in_scope(svc, in->agency_id))
		return gk_fail(err, GK_EFORBIDDEN, "您只能为本机关及所属单位登记申请");
	enum gk_err rc = gk_intake_validate(in, err);
	if (rc)
		return rc;
	struct gk_application *app = out;
	gk_application_init(app);
	app->agency_id = in->agency_id;
	app->channel = in->facts.channel;
	app->registered_post = in->facts.registered_post;
	app->submitted = in->facts.submitted;
	app->signed_for = in->facts.signed_for;
	app->confirmed = in->facts.confirmed;
	app->applicant_type = in->applicant_type;
	app->applicant = in->applicant;
	copy(app->description, sizeof app->description, in->description);
	copy(app->doc_no, sizeof app->doc_no, in->doc_no);
	copy(app->medium, sizeof app->medium, in->medium);
	app->delivery = in->delivery;
	long today = svc->today;

	if (in->kind == GK_INTAKE_ONLINE) {
		if (app->submitted == GK_NO_DAY)
			return gk_fail(err, GK_EINVAL, "请填写“提交日期”");
		/* tentative until a handler confirms receipt (Art. 31(3)) */
		app->received = app->submitted;
		app->received_final = false;
		app->confirmed = GK_NO_DAY;
		copy(app->receipt_rule, sizeof app->receipt_rule,
		     "网上提交之日（待工作人员确认收到）");
		app->state = GK_STATE_RECEIVED;
	} else {
		const char *rule;
		if ((rc = gk_receipt_day(&in->facts, &app->received, &rule, err)))
			return rc;
		copy(app->receipt_rule, sizeof app->receipt_rule, rule);
		app->state = GK_STATE_REGISTERED;
	}
	if (app->received > today)
		return gk_fail(err, GK_EINVAL, "“收到日期”不能晚于今天");
	if (app->received < gk_rules_2008_start())
		return gk_fail(err, GK_EINVAL,
			       "“收到日期”不能早于2008年5月1日（条例当时尚未施行）");

	bool own_tx;
	if ((rc = gk_svc_begin(svc, &own_tx, err)))
		return rc;
	for (int attempt = 0;; attempt++) {
		unsigned char random[GK_TRACKING_RANDOM_BYTES];
		randombytes_buf(random, sizeof random);
		gk_tracking_code_make(random, app->tracking_code);
		struct gk_application *other = malloc(sizeof *other);
		if (!other) {
			rc = gk_fail(err, GK_ENOMEM, "out of memory");
			goto fail;
		}
		rc = gk_store_application_by_code(s, app->tracking_code, false, other, err);
		free(other);
		if (rc == GK_ENOTFOUND)
			break;
		if (rc)
			goto fail;
		if (attempt == 8) {
			rc = gk_fail(err, GK_EINTERNAL, "cannot find a free tracking code");
			goto fail;
		}
	}
	if ((rc = gk_store_application_add(s, app, err)))
		goto fail;
	struct gk_app_event *ev = calloc(1, sizeof *ev);
	if (!ev) {
		rc = gk_fail(err, GK_ENOMEM, "out of memory");
		goto fail;
	}
	ev->day = in->kind == GK_INTAKE_ONLINE ? app->submitted : app->received;
	copy(ev->action, sizeof ev->action, "create");
	ev->user_id = actor ? actor->id : 0;
	copy(ev->to, sizeof ev->to, gk_app_state_code(app->state));
	snprintf(ev->note, sizeof ev->note, "%s申请；收到申请之日：%s%s%s",
		 gk_channel_label(app->channel), app->receipt_rule,
		 in->note && in->note[0] ? "。" : "", in->note ? in->note : "");
	ev->clock = -1;
	ev->until = GK_NO_DAY;
	ev->outcome = -1;
	rc = gk_store_app_event_add(s, app->id, ev, err);
	if (!rc && in->upload)
		rc = gk_store_app_attachment_add(s, app->id, ev->id, in->upload, NULL, err);
	free(ev);
	if (rc)
		goto fail;
	if ((rc = recompute_and_store(svc, app, err)))
		goto fail;
	/* the receipt notice, in the same transaction (issue 15) */
	if ((rc = gk_svc_notices_on_create(svc, app, err)))
		goto fail;
	rc = gk_store_application_get(s, app->id, true, out, err);
fail:
	return gk_svc_end(svc, own_tx, rc, err);
}

/* --- one step --------------------------------------------------------------------- */

enum gk_err gk_svc_application_month_ordinal(struct gk_svc *svc, const struct gk_application *app,
					     int *ordinal, struct gk_error *err)
{
	return gk_store_application_month_count(svc->store, app, ordinal, err);
}

/* Checks and fills what an action needs beyond the transition table. */
static enum gk_err prepare(struct gk_svc *svc, struct gk_application *app,
			   const struct gk_step_input *step, const struct gk_workflow_result *res,
			   long day, struct gk_clock_event *clk, struct gk_app_fee *fee,
			   struct gk_buf *note, struct gk_error *err)
{
	enum gk_err rc;
	char d1[11];
	switch (step->action) {
	case GK_ACTION_REGISTER: {
		struct gk_receipt_facts facts = {app->channel, app->registered_post, app->submitted,
						 app->signed_for, day};
		const char *rule;
		if ((rc = gk_receipt_day(&facts, &app->received, &rule, err)))
			return rc;
		app->confirmed = day;
		app->received_final = true;
		copy(app->receipt_rule, sizeof app->receipt_rule, rule);
		gk_buf_printf(note, "确认收到申请之日：%s。",
			      gk_date_format(gk_date_from_days(app->received), d1));
		break;
	}
	case GK_ACTION_ASSIGN: {
		struct gk_user h;
		rc = step->handler_id ? gk_store_user_get(svc->store, step->handler_id, &h, err)
				      : GK_ENOTFOUND;
		if (rc == GK_ENOTFOUND)
			return gk_fail(err, GK_EINVAL, "请选择要分办的“承办人”");
		if (rc)
			return rc;
		/* a handler who may see the applicant (docs/security.md), told
		   apart from no one else: the answer is no way to learn another
		   agency's accounts and roles */
		if (!(h.roles & GK_ROLE_HANDLER) || h.disabled ||
		    !gk_svc_user_in_scope(svc, &h, app->agency_id) ||
		    !gk_application_personal_visible(&h, app))
			return gk_fail(err, GK_EINVAL, "“承办人”：“%s”不属于办理机关", h.login);
		app->handler_id = h.id;
		gk_buf_printf(note, "分办给 %s。", h.display_name);
		break;
	}
	case GK_ACTION_REQUEST_SUPPLEMENT:
		if (step->until != GK_NO_DAY && step->until <= day)
			return gk_fail(err, GK_EINVAL, "“截止日期”：补正期限须晚于补正通知之日");
		clk->until = step->until;
		if (step->until != GK_NO_DAY)
			gk_buf_printf(note, "补正期限：%s。",
				      gk_date_format(gk_date_from_days(step->until), d1));
		break;
	case GK_ACTION_START_CONSULTATION:
		clk->party = step->party;
		gk_buf_puts(note, step->party == GK_CONSULT_AGENCY ? "征求其他机关意见。"
								   : "征求第三方意见。");
		break;
	case GK_ACTION_EXTEND:
		if (step->days < 1)
			return gk_fail(err, GK_EINVAL, "请填写“延长的工作日数”");
		clk->days = step->days;
		gk_buf_printf(
			note,
			"经政府信息公开工作机构负责人同意延长答复期限 %d 个工作日，并告知申请人。",
			step->days);
		break;
	case GK_ACTION_DELAY:
		if (step->until == GK_NO_DAY)
			return gk_fail(err, GK_EINVAL, "请填写延迟答复的“截止日期”");
		clk->until = step->until;
		gk_buf_printf(note, "确定延迟答复期限至 %s。",
			      gk_date_format(gk_date_from_days(step->until), d1));
		break;
	case GK_ACTION_SEND_FEE_NOTICE: {
		struct gk_fee_input fi = step->fee;
		fi.notice_day = day;
		if (fi.method == GK_FEE_NONE)
			return gk_fail(err, GK_EINVAL, "“收费方式”请选择按件计收或按量计收");
		if (fi.method == GK_FEE_BY_COUNT && fi.first <= 0 &&
		    (rc = gk_svc_application_month_ordinal(svc, app, &fi.first, err)))
			return rc;
		if (fi.method == GK_FEE_BY_COUNT && fi.count <= 0)
			fi.count = 1;
		struct gk_buf ex;
		gk_buf_init(&ex, sizeof fee->explain - 1);
		int64_t amount;
		rc = gk_fee_compute(&fi, &amount, &ex, err);
		if (!rc && amount <= 0)
			rc = gk_fail(err, GK_EINVAL,
				     "应收金额为0元（在免费额度内），无需发出收费通知");
		if (rc) {
			gk_buf_release(&ex);
			return rc;
		}
		fee->method = fi.method;
		fee->first = fi.method == GK_FEE_BY_COUNT ? fi.first : 0;
		fee->count = fi.method == GK_FEE_BY_COUNT ? fi.count : 0;
		fee->pages = fi.method == GK_FEE_BY_PAGES ? fi.pages : 0;
		fee->amount = amount;
		fee->notice_day = day;
		fee->notice_received =
			step->notice_received != GK_NO_DAY ? step->notice_received : day;
		if (fee->notice_received < day)
			return gk_fail(err, GK_EINVAL,
				       "“申请人收到通知的日期”不能早于通知发出之日");
		fee->payment_due = gk_fee_payment_due(svc->calendar, fee->notice_received, NULL);
		copy(fee->explain, sizeof fee->explain, ex.data);
		gk_buf_release(&ex);
		char yuan[32], d2[11];
		gk_buf_printf(note, "收费通知：%s，%s 元；缴费期限 %s。",
			      gk_fee_method_label(fi.method), gk_fee_format_yuan(amount, yuan),
			      gk_date_format(gk_date_from_days(fee->payment_due), d2));
		clk->until = fee->notice_received;
		break;
	}
	case GK_ACTION_DRAFT_REPLY:
		if (step->letter && step->letter[0]) {
			/* a drafter outside the handling agency read the letter with
			   placeholders for the applicant (gk_applicant_redact) */
			struct gk_buf lb;
			gk_buf_init(&lb, GK_BUF_DEFAULT_MAX);
			gk_applicant_restore(&app->applicant, step->letter, &lb);
			rc = lb.failed ? gk_fail(err, GK_ENOMEM, "out of memory")
				       : gk_app_check_text(lb.data, GK_APP_LETTER_MAX, true, true,
							   "答复书", err);
			if (!rc)
				copy(app->letter, sizeof app->letter, lb.data);
			gk_buf_release(&lb);
			if (rc)
				return rc;
		} else {
			struct gk_buf b;
			gk_buf_init(&b, sizeof app->letter - 1);
			gk_reply_letter(app, (enum gk_outcome)res->outcome, day, &b);
			copy(app->letter, sizeof app->letter, b.data);
			gk_buf_release(&b);
		}
		gk_buf_printf(note, "答复类型：%s。",
			      gk_outcome_label((enum gk_outcome)res->outcome));
		app->approver_id = 0;
		break;
	case GK_ACTION_RETURN_DRAFT:
		app->approver_id = 0;
		break;
	case GK_ACTION_APPROVE_REPLY:
		/* a placeholder the drafter left is never approved and sent */
		if ((rc = gk_reply_letter_check(app->letter, err)))
			return rc;
		app->approver_id = 0; /* set by the caller: the actor */
		break;
	case GK_ACTION_SEND_REPLY:
		if ((unsigned)step->reply_way >= GK_DELIVERY_COUNT)
			return gk_fail(err, GK_EINVAL, "请选择“答复送达方式”");
		app->replied = day;
		app->reply_way = step->reply_way;
		gk_buf_printf(note, "答复方式：%s。", gk_delivery_label(step->reply_way));
		break;
	default:
		break;
	}
	return GK_OK;
}

/* The open fee notice's last day to pay, or the 补正 limit, from the events,
 * and the day the notice counts as received. */
struct limits {
	long supplement_until;
	long payment_due;
	long notice_day;
};

static int fee_due(const struct gk_app_fee *f, void *ctx)
{
	struct limits *l = ctx;
	if (f->status == GK_FEE_OPEN) {
		l->payment_due = f->payment_due;
		l->notice_day = f->notice_received;
	}
	return 0;
}

static int supplement_until(const struct gk_app_event *ev, void *ctx)
{
	struct limits *l = ctx;
	if (ev->clock == GK_CLOCK_SUPPLEMENT_REQUESTED) {
		l->supplement_until = ev->until;
		l->notice_day = ev->day;
	}
	return 0;
}

/* The applicant's limit LIMIT as the delivery of the electronic notice
 * moves it (docs/notices.md): one sent or delivered after the day staff
 * recorded moves the 补正 limit by as many days, and the 20 working days
 * to pay start from the day after its delivery. Without one (post, or not
 * sent) the recorded day stands: the notice was served in writing. */
static enum gk_err limit_from_delivery(struct gk_svc *svc, int64_t id, enum gk_app_action action,
				       const struct limits *l, long *limit, struct gk_error *err)
{
	bool fee = action == GK_ACTION_ABANDON_FEE;
	long delivered;
	bool waiting; /* not sent yet: the recorded day stands */
	enum gk_err rc = gk_svc_notice_delivery_day(
		svc, id, fee ? GK_NOTICE_FEE : GK_NOTICE_SUPPLEMENT_REQUEST, l->notice_day,
		&delivered, &waiting, err);
	if (rc)
		return rc;
	if (delivered == GK_NO_DAY || l->notice_day == GK_NO_DAY || delivered <= l->notice_day ||
	    *limit == GK_NO_DAY)
		return GK_OK;
	long moved = fee ? gk_fee_payment_due(svc->calendar, delivered, NULL)
			 : *limit + (delivered - l->notice_day);
	if (moved > *limit)
		*limit = moved;
	return GK_OK;
}

enum gk_err gk_svc_application_act(struct gk_svc *svc, int64_t id, const struct gk_step_input *step,
				   struct gk_application *out, struct gk_error *err)
{
	struct gk_store *s = svc->store;
	const struct gk_calendar *cal = svc->calendar;
	const struct gk_user *actor = svc->actor;
	long today = svc->today;
	enum gk_err rc;
	struct gk_application *app = malloc(sizeof *app);
	struct collect *c = malloc(sizeof *c);
	struct gk_app_event *ev = calloc(1, sizeof *ev);
	struct gk_buf note;
	gk_buf_init(&note, GK_APP_NOTE_MAX * 4 + 400);
	bool own_tx = false;
	if (!app || !c || !ev) {
		rc = gk_fail(err, GK_ENOMEM, "out of memory");
		goto out;
	}
	if (!actor) {
		rc = gk_fail(err, GK_EUNAUTH, "只有工作人员才能办理申请");
		goto out;
	}
	if ((step->note &&
	     (rc = gk_app_check_text(step->note, GK_APP_NOTE_MAX, false, true, "备注", err))) ||
	    (step->upload && (rc = gk_upload_check(step->upload, err))))
		goto out;
	if ((rc = gk_svc_begin(svc, &own_tx, err))) {
		own_tx = false;
		goto out;
	}
	if ((rc = gk_store_application_get(s, id, true, app, err)))
		goto out;
	/* staff of another agency do not learn that it exists */
	if (!gk_svc_in_scope(svc, app->agency_id)) {
		rc = gk_fail(err, GK_ENOTFOUND, "没有这件申请");
		goto out;
	}
	if ((rc = load_clock(s, id, c, err)))
		goto out;

	struct gk_workflow_step ws = {app->state, step->action,    actor->roles,
				      actor->id,  app->drafter_id, step->outcome};
	struct gk_workflow_result res;
	if ((rc = gk_workflow_apply(&ws, &res, err)))
		goto out;

	long day = step->day != GK_NO_DAY ? step->day : today;
	char d1[11], d2[11];
	if (day > today) {
		rc = gk_fail(err, GK_EINVAL, "“日期”%s晚于今天",
			     gk_date_format(gk_date_from_days(day), d1));
		goto out;
	}
	long earliest = c->last_day != GK_NO_DAY ? c->last_day : app->received;
	if (app->received != GK_NO_DAY && app->received_final && app->received > earliest)
		earliest = app->received;
	if (day < earliest) {
		rc = gk_fail(err, GK_EINVAL, "“日期”%s早于上一个办理步骤（%s）",
			     gk_date_format(gk_date_from_days(day), d1),
			     gk_date_format(gk_date_from_days(earliest), d2));
		goto out;
	}

	/* closing for 逾期: only once the limit has passed */
	if (step->action == GK_ACTION_ABANDON_SUPPLEMENT || step->action == GK_ACTION_ABANDON_FEE) {
		struct limits l = {GK_NO_DAY, GK_NO_DAY, GK_NO_DAY};
		rc = step->action == GK_ACTION_ABANDON_FEE
			     ? gk_store_app_fees(s, id, fee_due, &l, err)
			     : gk_store_app_events(s, id, supplement_until, &l, err);
		if (rc)
			goto out;
		long limit =
			step->action == GK_ACTION_ABANDON_FEE ? l.payment_due : l.supplement_until;
		if ((rc = limit_from_delivery(svc, id, step->action, &l, &limit, err)))
			goto out;
		if (limit != GK_NO_DAY && day <= limit) {
			rc = gk_fail(err, GK_ECONFLICT,
				     "“%s”：申请人的期限至%s，此日之后才能按逾期未补正或未缴费办结",
				     gk_app_action_label(step->action),
				     gk_date_format(gk_date_from_days(limit), d1));
			goto out;
		}
	}

	struct gk_clock_event clk = {res.clock >= 0 ? (enum gk_clock_kind)res.clock
						    : GK_CLOCK_CLOSED,
				     day, 0, GK_NO_DAY, GK_CONSULT_THIRD_PARTY};
	struct gk_app_fee fee = {0};
	if ((rc = prepare(svc, app, step, &res, day, &clk, &fee, &note, err)))
		goto out;
	if (res.clock >= 0) {
		/* the receipt day may just have been fixed by register */
		struct gk_deadline_input in = {app->received, GK_RULES_AUTO, c->events, c->n};
		if ((rc = gk_deadline_check_event(cal, &in, &clk, err)))
			goto out;
	}

	/* the event */
	ev->day = day;
	copy(ev->action, sizeof ev->action, gk_app_action_code(step->action));
	ev->user_id = actor->id;
	copy(ev->from, sizeof ev->from, gk_app_state_code(app->state));
	copy(ev->to, sizeof ev->to, gk_app_state_code(res.state));
	if (step->note && step->note[0])
		gk_buf_puts(&note, step->note);
	copy(ev->note, sizeof ev->note, note.data);
	ev->clock = res.clock;
	ev->days = clk.days;
	ev->until = clk.until;
	ev->party = clk.party;
	ev->outcome = res.outcome != app->outcome ? res.outcome : -1;
	if ((rc = gk_store_app_event_add(s, id, ev, err)))
		goto out;
	if (step->upload &&
	    (rc = gk_store_app_attachment_add(s, id, ev->id, step->upload, NULL, err)))
		goto out;

	switch (step->action) {
	case GK_ACTION_SEND_FEE_NOTICE:
		rc = gk_store_app_fee_add(s, id, &fee, err);
		break;
	case GK_ACTION_RECORD_PAYMENT:
		rc = gk_store_app_fee_settle(s, id, GK_FEE_PAID, day, err);
		break;
	case GK_ACTION_WAIVE_FEE:
		rc = gk_store_app_fee_settle(s, id, GK_FEE_WAIVED, day, err);
		break;
	case GK_ACTION_ABANDON_FEE:
		rc = gk_store_app_fee_settle(s, id, GK_FEE_LAPSED, day, err);
		break;
	case GK_ACTION_APPROVE_REPLY:
		app->approver_id = actor->id;
		break;
	default:
		break;
	}
	if (rc)
		goto out;

	app->state = res.state;
	if (res.outcome >= 0)
		app->outcome = res.outcome;
	else if (step->action == GK_ACTION_RETURN_DRAFT)
		app->outcome = -1;
	app->drafter_id = res.drafter_id;
	if ((rc = recompute_and_store(svc, app, err)))
		goto out;
	/* the notices the step causes, in its transaction (issue 15) */
	if ((rc = gk_svc_notices_on_step(svc, app, step, ev, &fee, err)))
		goto out;
	rc = gk_svc_end(svc, own_tx, rc, err);
	own_tx = false;
	if (!rc && out)
		rc = gk_store_application_get(s, id, true, out, err);
out:
	if (own_tx)
		gk_store_rollback(s);
	gk_buf_release(&note);
	free(ev);
	free(c);
	free(app);
	return rc;
}

/* --- online submission -------------------------------------------------------------- */

enum gk_err gk_svc_application_submit(struct gk_svc *svc, const struct gk_intake *in,
				      struct gk_application *out, struct gk_error *err)
{
	return gk_svc_application_submit_once(svc, in, NULL, out, err);
}

enum gk_err gk_svc_intake_rate(struct gk_svc *svc, const char *key, enum gk_intake_rate *passed,
			       int *per, struct gk_error *err)
{
	int per_minute = svc->intake_limit;
	*passed = GK_RATE_WITHIN;
	*per = 0;
	if (per_minute <= 0)
		return GK_OK;
	int per_hour = per_minute > GK_APPLY_MAX_PER_HOUR ? per_minute : GK_APPLY_MAX_PER_HOUR;
	int64_t minute = 0, hour = 0;
	enum gk_err rc;
	if ((rc = gk_store_rate_count(svc->store, key, svc->now - 60, &minute, err)) ||
	    (rc = gk_store_rate_count(svc->store, key, svc->now - 3600, &hour, err)))
		return rc;
	if (minute >= per_minute) {
		*passed = GK_RATE_MINUTE;
		*per = per_minute;
	} else if (hour >= per_hour) {
		*passed = GK_RATE_HOUR;
		*per = per_hour;
	}
	return GK_OK;
}

/* GK_ETHROTTLED if KEY (this address) passed its allowance. */
static enum gk_err intake_allowed(struct gk_svc *svc, const char *key, struct gk_error *err)
{
	enum gk_intake_rate passed;
	int per;
	enum gk_err rc = gk_svc_intake_rate(svc, key, &passed, &per, err);
	if (rc || passed == GK_RATE_WITHIN)
		return rc;
	if (passed == GK_RATE_MINUTE)
		return gk_fail(err, GK_ETHROTTLED,
			       "从您的网络地址提交的申请过于频繁：每分钟最多%d件，请稍后再试", per);
	return gk_fail(
		err, GK_ETHROTTLED,
		"从您的网络地址提交的申请过多：每小时最多%d件，请稍后再试，或当面、以信函或传真方式申请",
		per);
}

enum gk_err gk_svc_application_submit_once(struct gk_svc *svc, const struct gk_intake *in,
					   const char *once, struct gk_application *out,
					   struct gk_error *err)
{
	char key[96], once_key[128];
	bool own;
	snprintf(key, sizeof key, "apply:%.60s", svc->origin ? svc->origin : "?");
	if (once)
		snprintf(once_key, sizeof once_key, "once:%.100s", once);
	enum gk_err rc = gk_svc_begin(svc, &own, err);
	if (rc)
		return rc;
	rc = intake_allowed(svc, key, err);
	if (!rc && once) {
		int64_t used = 0;
		rc = gk_store_rate_count(svc->store, once_key, 0, &used, err);
		if (!rc && used)
			rc = gk_fail(err, GK_ECONFLICT,
				     "这份申请的安全验证已经用过，请刷新页面后重新提交");
	}
	if (!rc)
		rc = gk_svc_application_create(svc, in, out, err);
	if (!rc)
		rc = gk_store_rate_hit(svc->store, key, svc->now, err);
	if (!rc && once)
		rc = gk_store_rate_hit(svc->store, once_key, svc->now, err);
	return gk_svc_end(svc, own, rc, err);
}

/* --- the applicant's own view (issue 12) ------------------------------------------- */

/* The last four characters of V after dropping what is not a digit or X
 * (DIGITS_ONLY: keep digits only) into OUT; false if fewer than four. */
static bool last_four(const char *v, bool digits_only, char out[5])
{
	char keep[128];
	size_t n = 0;
	for (; v && *v && n < sizeof keep; v++) {
		char c = *v == 'x' ? 'X' : *v;
		if ((c >= '0' && c <= '9') || (!digits_only && c == 'X'))
			keep[n++] = c;
	}
	if (n < 4)
		return false;
	memcpy(out, keep + n - 4, 4);
	out[4] = '\0';
	return true;
}

/* True if SECRET (as typed) is the last four of APPLICANT's phone or
 * identity number. The phone's main number counts with or without an
 * extension. */
static bool secret_matches(const struct gk_applicant *a, const char *secret)
{
	char want[5], have[5];
	if (!last_four(secret, false, want) || strlen(secret) > 16)
		return false;
	bool ok = false;
	if (last_four(a->id_number, false, have))
		ok |= sodium_memcmp(want, have, 4) == 0;
	if (last_four(a->phone, true, have))
		ok |= sodium_memcmp(want, have, 4) == 0;
	/* "0352-5189096-123" or "0352-5189096转123": the number before the extension */
	char main_number[96];
	snprintf(main_number, sizeof main_number, "%s", a->phone);
	char *ext = strstr(main_number, "转");
	if (!ext) {
		char *first = strchr(main_number, '-');
		ext = first ? strchr(first + 1, '-') : NULL;
	}
	if (ext) {
		*ext = '\0';
		if (last_four(main_number, true, have))
			ok |= sodium_memcmp(want, have, 4) == 0;
	}
	return ok;
}

struct own_collect {
	struct gk_app_own_view *v;
	size_t cap;
	bool failed;
};

static int own_event(const struct gk_app_event *ev, void *ctx)
{
	struct own_collect *c = ctx;
	if (c->v->nevents == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		struct gk_app_event *grown = realloc(c->v->events, cap * sizeof *grown);
		if (!grown) {
			c->failed = true;
			return 1;
		}
		c->v->events = grown;
		c->cap = cap;
	}
	c->v->events[c->v->nevents++] = *ev;
	return 0;
}

static int own_file(const struct gk_attachment *a, void *ctx)
{
	struct own_collect *c = ctx;
	struct gk_app_own_view *v = c->v;
	bool with_reply = false;
	for (size_t i = 0; i < v->nevents; i++)
		if (v->events[i].id == a->event_id &&
		    strcmp(v->events[i].action, gk_app_action_code(GK_ACTION_SEND_REPLY)) == 0)
			with_reply = true;
	if (!with_reply)
		return 0;
	if (v->nfiles == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 8;
		struct gk_attachment *grown = realloc(v->files, cap * sizeof *grown);
		if (!grown) {
			c->failed = true;
			return 1;
		}
		v->files = grown;
		c->cap = cap;
	}
	v->files[v->nfiles++] = *a;
	return 0;
}

void gk_app_own_view_release(struct gk_app_own_view *v)
{
	if (!v)
		return;
	free(v->events);
	free(v->files);
	v->events = NULL;
	v->files = NULL;
	v->nevents = v->nfiles = 0;
	v->supplement = NULL;
}

static int own_fee(const struct gk_app_fee *fee, void *ctx)
{
	struct gk_app_own_view *v = ctx;
	v->fee = *fee;
	v->fee_open = fee->status == GK_FEE_OPEN;
	return 0;
}

/* Loads the events, the 补正 notice, the fee to pay and the released
 * files of V->app. */
static enum gk_err own_details(struct gk_store *s, struct gk_app_own_view *v, struct gk_error *err)
{
	struct own_collect c = {v, 0, false};
	enum gk_err rc = gk_store_app_events(s, v->app.id, own_event, &c, err);
	if (!rc && c.failed)
		rc = gk_fail(err, GK_ENOMEM, "out of memory");
	if (rc)
		return rc;
	for (size_t i = 0; i < v->nevents; i++)
		if (strcmp(v->events[i].action, gk_app_action_code(GK_ACTION_REQUEST_SUPPLEMENT)) ==
		    0)
			v->supplement = &v->events[i];
	if ((rc = gk_store_app_fees(s, v->app.id, own_fee, v, err)))
		return rc;
	v->fee_open = v->fee_open && v->app.state == GK_STATE_AWAITING_PAYMENT;
	v->reply_online = v->app.replied != GK_NO_DAY && v->app.reply_way == GK_DELIVERY_ONLINE;
	if (!v->reply_online)
		return GK_OK;
	c.cap = 0;
	rc = gk_store_app_attachments(s, v->app.id, own_file, &c, err);
	if (!rc && c.failed)
		rc = gk_fail(err, GK_ENOMEM, "out of memory");
	return rc;
}

/* The applicant's limits as the delivery of their notices moved them
 * (limit_from_delivery): the 补正 limit and the last day to pay he reads. */
static enum gk_err own_limits(struct gk_svc *svc, struct gk_app_own_view *v, struct gk_error *err)
{
	enum gk_err rc = GK_OK;
	if (v->fee_open && svc->calendar) {
		struct limits l = {GK_NO_DAY, v->fee.payment_due, v->fee.notice_received};
		rc = limit_from_delivery(svc, v->app.id, GK_ACTION_ABANDON_FEE, &l,
					 &v->fee.payment_due, err);
	}
	for (size_t i = 0; i < v->nevents && !rc; i++) {
		struct gk_app_event *ev = &v->events[i];
		if (ev->clock != GK_CLOCK_SUPPLEMENT_REQUESTED || ev->until == GK_NO_DAY)
			continue;
		struct limits l = {ev->until, GK_NO_DAY, ev->day};
		rc = limit_from_delivery(svc, v->app.id, GK_ACTION_ABANDON_SUPPLEMENT, &l,
					 &ev->until, err);
	}
	return rc;
}

enum gk_err gk_svc_application_own_view(struct gk_svc *svc, const char *code, const char *secret,
					struct gk_app_own_view *out, struct gk_error *err)
{
	char addr_key[96], code_key[64];
	int64_t by_addr = 0, by_code = 0;
	snprintf(addr_key, sizeof addr_key, "track:%.60s", svc->origin ? svc->origin : "?");
	snprintf(code_key, sizeof code_key, "trackcode:%.20s", code);
	memset(out, 0, sizeof *out);
	enum gk_err rc;
	if ((rc = gk_store_rate_count(svc->store, addr_key, svc->now - GK_TRACK_WINDOW, &by_addr,
				      err)) ||
	    (rc = gk_store_rate_count(svc->store, code_key, svc->now - 86400, &by_code, err)))
		return rc;
	if (by_addr >= GK_TRACK_MAX_PER_ADDR || by_code >= GK_TRACK_MAX_PER_CODE)
		return gk_fail(err, GK_ETHROTTLED,
			       "查询失败次数过多，请%d分钟后再试，或者联系受理机关",
			       GK_TRACK_WINDOW / 60);
	rc = gk_store_application_by_code(svc->store, code, true, &out->app, err);
	if (rc && rc != GK_ENOTFOUND)
		return rc;
	if (rc || !secret_matches(&out->app.applicant, secret ? secret : "")) {
		bool own;
		memset(&out->app, 0, sizeof out->app);
		if ((rc = gk_svc_begin(svc, &own, err)))
			return rc;
		rc = gk_store_rate_hit(svc->store, addr_key, svc->now, err);
		if (!rc)
			rc = gk_store_rate_hit(svc->store, code_key, svc->now, err);
		if ((rc = gk_svc_end(svc, own, rc, err)))
			return rc;
		return gk_fail(err, GK_ENOTFOUND, "查询码或验证信息不正确");
	}
	if ((rc = own_details(svc->store, out, err)) || (rc = own_limits(svc, out, err)))
		gk_app_own_view_release(out);
	return rc;
}

enum gk_err gk_svc_application_own_file(struct gk_svc *svc, const char *code, const char *secret,
					int64_t file_id, struct gk_attachment *out,
					struct gk_buf *data, struct gk_error *err)
{
	struct gk_app_own_view *v = malloc(sizeof *v);
	if (!v)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	enum gk_err rc = gk_svc_application_own_view(svc, code, secret, v, err);
	if (!rc) {
		bool released = false;
		for (size_t i = 0; i < v->nfiles; i++)
			released |= v->files[i].id == file_id;
		rc = released ? gk_store_app_attachment_get(svc->store, v->app.id, file_id, out,
							    data, err)
			      : gk_fail(err, GK_ENOTFOUND, "没有这个文件");
		gk_app_own_view_release(v);
	}
	free(v);
	return rc;
}
