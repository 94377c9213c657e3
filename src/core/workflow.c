/* The workflow of applications: state and action tables, the transition
 * table and the check of one step against it. */
#include <stdio.h>

#include "core/deadline.h"
#include "core/user.h"
#include "core/workflow.h"

#define COUNTOF(a) (sizeof(a) / sizeof((a)[0]))

/* --- states and actions -------------------------------------------------------- */

GK_ENUM_DEFINE(gk_app_state, GK_APP_STATE_LIST)
GK_ENUM_DEFINE(gk_app_action, GK_APP_ACTION_LIST)

/* Which states are still being handled; the others are closed. */
// clang-format off
static const bool state_open[GK_STATE_COUNT] = {
    [GK_STATE_RECEIVED] = true,
    [GK_STATE_REGISTERED] = true,
    [GK_STATE_ASSIGNED] = true,
    [GK_STATE_AWAITING_SUPPLEMENT] = true,
    [GK_STATE_CONSULTING] = true,
    [GK_STATE_AWAITING_PAYMENT] = true,
    [GK_STATE_DRAFTED] = true,
    [GK_STATE_APPROVED] = true,
    [GK_STATE_REPLIED] = false,
    [GK_STATE_WITHDRAWN] = false,
    [GK_STATE_ABANDONED] = false,
    [GK_STATE_ARCHIVED] = false,
};
// clang-format on

bool gk_app_state_open(enum gk_app_state s)
{
	return (unsigned)s < GK_STATE_COUNT && state_open[s];
}

/* --- the transition table ------------------------------------------------------ */

#define H       GK_ROLE_HANDLER
#define R       GK_ROLE_REVIEWER
#define NOCLOCK (-1)
#define NOOUT   (-1)
// clang-format off
#define T(from, action, to, role, clock, outcome, flags)                                           \
	{                                                                                          \
		GK_STATE_##from, GK_ACTION_##action, GK_STATE_##to, role, clock, outcome, flags    \
	}
/* Withdrawal is allowed in every state before the reply is sent. */
#define WITHDRAW(from) T(from, WITHDRAW, WITHDRAWN, H, GK_CLOCK_CLOSED, GK_OUTCOME_OTHER, 0)

static const struct gk_transition transitions[] = {
    T(RECEIVED, REGISTER, REGISTERED, H, NOCLOCK, NOOUT, 0),
    WITHDRAW(RECEIVED),

    T(REGISTERED, ASSIGN, ASSIGNED, R, NOCLOCK, NOOUT, 0),
    WITHDRAW(REGISTERED),

    T(ASSIGNED, ASSIGN, ASSIGNED, R, NOCLOCK, NOOUT, 0),
    T(ASSIGNED, REQUEST_SUPPLEMENT, AWAITING_SUPPLEMENT, H, GK_CLOCK_SUPPLEMENT_REQUESTED, NOOUT,
      0),
    T(ASSIGNED, START_CONSULTATION, CONSULTING, H, GK_CLOCK_CONSULT_START, NOOUT, 0),
    T(ASSIGNED, EXTEND, ASSIGNED, R, GK_CLOCK_EXTENDED, NOOUT, GK_TR_NEEDS_DAYS),
    T(ASSIGNED, DELAY, ASSIGNED, R, GK_CLOCK_DELAYED, NOOUT, GK_TR_NEEDS_UNTIL),
    T(ASSIGNED, SEND_FEE_NOTICE, AWAITING_PAYMENT, H, GK_CLOCK_FEE_NOTICE, NOOUT, 0),
    T(ASSIGNED, DRAFT_REPLY, DRAFTED, H, NOCLOCK, NOOUT, GK_TR_NEEDS_OUTCOME | GK_TR_SETS_DRAFTER),
    WITHDRAW(ASSIGNED),

    T(AWAITING_SUPPLEMENT, RECEIVE_SUPPLEMENT, ASSIGNED, H, GK_CLOCK_SUPPLEMENTED, NOOUT, 0),
    T(AWAITING_SUPPLEMENT, ABANDON_SUPPLEMENT, ABANDONED, H, GK_CLOCK_CLOSED,
      GK_OUTCOME_LAPSED_NO_SUPPLEMENT, 0),
    WITHDRAW(AWAITING_SUPPLEMENT),

    T(CONSULTING, END_CONSULTATION, ASSIGNED, H, GK_CLOCK_CONSULT_END, NOOUT, 0),
    T(CONSULTING, ASSIGN, CONSULTING, R, NOCLOCK, NOOUT, 0),
    T(CONSULTING, EXTEND, CONSULTING, R, GK_CLOCK_EXTENDED, NOOUT, GK_TR_NEEDS_DAYS),
    WITHDRAW(CONSULTING),

    T(AWAITING_PAYMENT, RECORD_PAYMENT, ASSIGNED, H, GK_CLOCK_FEE_PAID, NOOUT, 0),
    T(AWAITING_PAYMENT, WAIVE_FEE, ASSIGNED, R, GK_CLOCK_FEE_WAIVED, NOOUT, 0),
    T(AWAITING_PAYMENT, ABANDON_FEE, ABANDONED, H, GK_CLOCK_CLOSED, GK_OUTCOME_LAPSED_NO_FEE, 0),
    WITHDRAW(AWAITING_PAYMENT),

    T(DRAFTED, DRAFT_REPLY, DRAFTED, H, NOCLOCK, NOOUT, GK_TR_NEEDS_OUTCOME | GK_TR_SETS_DRAFTER),
    T(DRAFTED, RETURN_DRAFT, ASSIGNED, R, NOCLOCK, NOOUT, 0),
    T(DRAFTED, APPROVE_REPLY, APPROVED, R, NOCLOCK, NOOUT, GK_TR_NOT_DRAFTER),
    T(DRAFTED, EXTEND, DRAFTED, R, GK_CLOCK_EXTENDED, NOOUT, GK_TR_NEEDS_DAYS),
    WITHDRAW(DRAFTED),

    T(APPROVED, SEND_REPLY, REPLIED, H, GK_CLOCK_CLOSED, NOOUT, 0),
    T(APPROVED, RETURN_DRAFT, ASSIGNED, R, NOCLOCK, NOOUT, 0),
    WITHDRAW(APPROVED),

    T(REPLIED, ARCHIVE, ARCHIVED, H, NOCLOCK, NOOUT, 0),
    T(WITHDRAWN, ARCHIVE, ARCHIVED, H, NOCLOCK, NOOUT, 0),
    T(ABANDONED, ARCHIVE, ARCHIVED, H, NOCLOCK, NOOUT, 0),
};
// clang-format on

#undef WITHDRAW
#undef T
#undef NOOUT
#undef NOCLOCK
#undef R
#undef H

const struct gk_transition *gk_transitions(size_t *count)
{
	*count = COUNTOF(transitions);
	return transitions;
}

const struct gk_transition *gk_transition_find(enum gk_app_state from, enum gk_app_action action)
{
	for (size_t i = 0; i < COUNTOF(transitions); i++)
		if (transitions[i].from == from && transitions[i].action == action)
			return &transitions[i];
	return NULL;
}

size_t gk_actions_allowed(enum gk_app_state from, unsigned roles, enum gk_app_action *out,
			  size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < COUNTOF(transitions); i++) {
		if (transitions[i].from != from || !(transitions[i].role & roles))
			continue;
		if (n < cap)
			out[n] = transitions[i].action;
		n++;
	}
	return n;
}

/* --- the next step ---------------------------------------------------------------- */

struct next_step {
	unsigned role;
	int action; /* the enum gk_app_action that moves the case on, or -1 */
	const char *text;
};

// clang-format off
static const struct next_step next_steps[GK_STATE_COUNT] = {
    [GK_STATE_RECEIVED] = {GK_ROLE_HANDLER, GK_ACTION_REGISTER, "由办理人确认收到并登记"},
    [GK_STATE_REGISTERED] = {GK_ROLE_REVIEWER, GK_ACTION_ASSIGN, "由审核人分办"},
    [GK_STATE_ASSIGNED] = {GK_ROLE_HANDLER, GK_ACTION_DRAFT_REPLY, "由办理人拟写答复（或告知补正、征求意见、发出收费通知）"},
    [GK_STATE_AWAITING_SUPPLEMENT] = {GK_ROLE_HANDLER, GK_ACTION_RECEIVE_SUPPLEMENT, "等待申请人补正；收到补正后由办理人登记"},
    [GK_STATE_CONSULTING] = {GK_ROLE_HANDLER, GK_ACTION_END_CONSULTATION, "等待被征求意见方回复；意见收到或期限届满后由办理人登记征求意见结束"},
    [GK_STATE_AWAITING_PAYMENT] = {GK_ROLE_HANDLER, GK_ACTION_RECORD_PAYMENT, "等待申请人缴费；缴费后由办理人登记"},
    [GK_STATE_DRAFTED] = {GK_ROLE_REVIEWER, GK_ACTION_APPROVE_REPLY, "由审核人（拟稿人以外）审核答复书"},
    [GK_STATE_APPROVED] = {GK_ROLE_HANDLER, GK_ACTION_SEND_REPLY, "由办理人送达答复"},
    [GK_STATE_REPLIED] = {GK_ROLE_HANDLER, GK_ACTION_ARCHIVE, "由办理人归档"},
    [GK_STATE_WITHDRAWN] = {GK_ROLE_HANDLER, GK_ACTION_ARCHIVE, "由办理人归档"},
    [GK_STATE_ABANDONED] = {GK_ROLE_HANDLER, GK_ACTION_ARCHIVE, "由办理人归档"},
    [GK_STATE_ARCHIVED] = {0, -1, ""},
};
// clang-format on

const char *gk_workflow_next_step(enum gk_app_state s)
{
	return (unsigned)s < GK_STATE_COUNT ? next_steps[s].text : "";
}

int gk_workflow_next_action(enum gk_app_state s)
{
	return (unsigned)s < GK_STATE_COUNT ? next_steps[s].action : -1;
}

unsigned gk_workflow_next_role(enum gk_app_state s)
{
	return (unsigned)s < GK_STATE_COUNT ? next_steps[s].role : 0;
}

/* Whether the clock allows ACTION today (see gk_actions_now). */
static bool possible_now(const struct gk_workflow_now *now, enum gk_app_action action)
{
	bool in_time = now->due == GK_NO_DAY || now->today <= now->due;
	switch (action) {
	case GK_ACTION_APPROVE_REPLY:
		return now->drafter_id != 0 && now->drafter_id != now->actor_id;
	case GK_ACTION_EXTEND:
		return in_time && now->extension < now->max_extension;
	case GK_ACTION_DELAY:
		return in_time && now->rules_2019;
	case GK_ACTION_REQUEST_SUPPLEMENT:
		return !now->supplement_asked &&
		       (now->supplement_by == GK_NO_DAY || now->today <= now->supplement_by);
	case GK_ACTION_START_CONSULTATION:
	case GK_ACTION_SEND_FEE_NOTICE:
		return in_time;
	case GK_ACTION_ABANDON_SUPPLEMENT:
		return now->supplement_until == GK_NO_DAY || now->today > now->supplement_until;
	case GK_ACTION_ABANDON_FEE:
		return now->payment_due == GK_NO_DAY || now->today > now->payment_due;
	default:
		return true;
	}
}

size_t gk_actions_now(const struct gk_workflow_now *now, enum gk_app_action *out, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < COUNTOF(transitions); i++) {
		const struct gk_transition *t = &transitions[i];
		if (t->from != now->state || !(t->role & now->roles) ||
		    !possible_now(now, t->action))
			continue;
		if (n < cap)
			out[n] = t->action;
		n++;
	}
	return n;
}

bool gk_action_irreversible(enum gk_app_action a)
{
	return a == GK_ACTION_WITHDRAW || a == GK_ACTION_SEND_REPLY;
}

enum gk_err gk_workflow_apply(const struct gk_workflow_step *step, struct gk_workflow_result *out,
			      struct gk_error *err)
{
	if ((unsigned)step->state >= GK_STATE_COUNT)
		return gk_fail(err, GK_EINVAL, "“状态”无效：没有这种申请状态");
	if ((unsigned)step->action >= GK_ACTION_COUNT)
		return gk_fail(err, GK_EINVAL, "“办理环节”无效：没有这种环节");
	const char *scode = gk_app_state_code(step->state);
	const char *acode = gk_app_action_code(step->action);

	const struct gk_transition *t = gk_transition_find(step->state, step->action);
	if (!t) {
		char allowed[512] = "";
		size_t at = 0;
		for (size_t i = 0; i < COUNTOF(transitions); i++) {
			if (transitions[i].from != step->state)
				continue;
			int n = snprintf(allowed + at, sizeof allowed - at, "%s%s", at ? "、" : "",
					 gk_app_action_label(transitions[i].action));
			if (n < 0 || (size_t)n >= sizeof allowed - at)
				break;
			at += (size_t)n;
		}
		return gk_fail(err, GK_ECONFLICT,
			       "申请处于“%s”（%s）状态，不能办理“%s”（%s）；当前可办理：%s",
			       gk_app_state_label(step->state), scode,
			       gk_app_action_label(step->action), acode, at ? allowed : "无");
	}
	if (!(step->actor_roles & t->role))
		return gk_fail(err, GK_EFORBIDDEN, "“%s”（%s）须由具有“%s”角色的工作人员办理",
			       gk_app_action_label(step->action), acode,
			       gk_role_label((enum gk_role)t->role));
	if ((t->flags & GK_TR_NOT_DRAFTER) && step->drafter_id == 0)
		return gk_fail(err, GK_ECONFLICT, "答复书没有记录拟稿人，不能审核通过");
	if ((t->flags & GK_TR_NOT_DRAFTER) && step->actor_id == step->drafter_id)
		return gk_fail(err, GK_EFORBIDDEN, "答复书须由拟稿人以外的审核人审核通过");

	int outcome = t->outcome;
	if (t->flags & GK_TR_NEEDS_OUTCOME) {
		const struct gk_outcome_info *oi = gk_outcome_info((enum gk_outcome)step->outcome);
		if (!oi)
			return gk_fail(err, GK_EINVAL, "请选择“答复类型”");
		if (!oi->is_reply)
			return gk_fail(
				err, GK_EINVAL,
				"“答复类型”不能选“%s”：该情形在办结申请时记录，不在答复中选择",
				gk_outcome_label((enum gk_outcome)step->outcome));
		outcome = step->outcome;
	}

	out->state = t->to;
	out->outcome = outcome;
	out->clock = t->clock;
	out->flags = t->flags;
	out->drafter_id = step->drafter_id;
	if (t->flags & GK_TR_SETS_DRAFTER)
		out->drafter_id = step->actor_id;
	else if (t->action == GK_ACTION_RETURN_DRAFT)
		out->drafter_id = 0;
	return GK_OK;
}
