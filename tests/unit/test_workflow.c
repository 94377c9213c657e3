/* Tests of the workflow (core/workflow.c): every legal and illegal
 * transition, roles and the drafter, outcomes chosen or implied by steps,
 * the clock events of actions, whole paths, state and action codes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/deadline.h"
#include "core/user.h"
#include "core/workflow.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* --- the workflow ------------------------------------------------------------------- */

#define HANDLER  101
#define REVIEWER 202

/* The designed transitions, written out independently of the table. */
static const struct {
	enum gk_app_state from;
	enum gk_app_action action;
	enum gk_app_state to;
	unsigned role;
} designed[] = {
	{GK_STATE_RECEIVED, GK_ACTION_REGISTER, GK_STATE_REGISTERED, GK_ROLE_HANDLER},
	{GK_STATE_REGISTERED, GK_ACTION_ASSIGN, GK_STATE_ASSIGNED, GK_ROLE_REVIEWER},
	{GK_STATE_ASSIGNED, GK_ACTION_ASSIGN, GK_STATE_ASSIGNED, GK_ROLE_REVIEWER},
	{GK_STATE_ASSIGNED, GK_ACTION_REQUEST_SUPPLEMENT, GK_STATE_AWAITING_SUPPLEMENT,
	 GK_ROLE_HANDLER},
	{GK_STATE_ASSIGNED, GK_ACTION_START_CONSULTATION, GK_STATE_CONSULTING, GK_ROLE_HANDLER},
	{GK_STATE_ASSIGNED, GK_ACTION_EXTEND, GK_STATE_ASSIGNED, GK_ROLE_REVIEWER},
	{GK_STATE_ASSIGNED, GK_ACTION_DELAY, GK_STATE_ASSIGNED, GK_ROLE_REVIEWER},
	{GK_STATE_ASSIGNED, GK_ACTION_SEND_FEE_NOTICE, GK_STATE_AWAITING_PAYMENT, GK_ROLE_HANDLER},
	{GK_STATE_ASSIGNED, GK_ACTION_DRAFT_REPLY, GK_STATE_DRAFTED, GK_ROLE_HANDLER},
	{GK_STATE_AWAITING_SUPPLEMENT, GK_ACTION_RECEIVE_SUPPLEMENT, GK_STATE_ASSIGNED,
	 GK_ROLE_HANDLER},
	{GK_STATE_AWAITING_SUPPLEMENT, GK_ACTION_ABANDON_SUPPLEMENT, GK_STATE_ABANDONED,
	 GK_ROLE_HANDLER},
	{GK_STATE_CONSULTING, GK_ACTION_END_CONSULTATION, GK_STATE_ASSIGNED, GK_ROLE_HANDLER},
	{GK_STATE_CONSULTING, GK_ACTION_ASSIGN, GK_STATE_CONSULTING, GK_ROLE_REVIEWER},
	{GK_STATE_CONSULTING, GK_ACTION_EXTEND, GK_STATE_CONSULTING, GK_ROLE_REVIEWER},
	{GK_STATE_AWAITING_PAYMENT, GK_ACTION_RECORD_PAYMENT, GK_STATE_ASSIGNED, GK_ROLE_HANDLER},
	{GK_STATE_AWAITING_PAYMENT, GK_ACTION_WAIVE_FEE, GK_STATE_ASSIGNED, GK_ROLE_REVIEWER},
	{GK_STATE_AWAITING_PAYMENT, GK_ACTION_ABANDON_FEE, GK_STATE_ABANDONED, GK_ROLE_HANDLER},
	{GK_STATE_DRAFTED, GK_ACTION_DRAFT_REPLY, GK_STATE_DRAFTED, GK_ROLE_HANDLER},
	{GK_STATE_DRAFTED, GK_ACTION_RETURN_DRAFT, GK_STATE_ASSIGNED, GK_ROLE_REVIEWER},
	{GK_STATE_DRAFTED, GK_ACTION_APPROVE_REPLY, GK_STATE_APPROVED, GK_ROLE_REVIEWER},
	{GK_STATE_DRAFTED, GK_ACTION_EXTEND, GK_STATE_DRAFTED, GK_ROLE_REVIEWER},
	{GK_STATE_APPROVED, GK_ACTION_SEND_REPLY, GK_STATE_REPLIED, GK_ROLE_HANDLER},
	{GK_STATE_APPROVED, GK_ACTION_RETURN_DRAFT, GK_STATE_ASSIGNED, GK_ROLE_REVIEWER},
	{GK_STATE_REPLIED, GK_ACTION_ARCHIVE, GK_STATE_ARCHIVED, GK_ROLE_HANDLER},
	{GK_STATE_WITHDRAWN, GK_ACTION_ARCHIVE, GK_STATE_ARCHIVED, GK_ROLE_HANDLER},
	{GK_STATE_ABANDONED, GK_ACTION_ARCHIVE, GK_STATE_ARCHIVED, GK_ROLE_HANDLER},
};

/* Withdrawal: every state before the reply. */
static bool may_withdraw(enum gk_app_state s)
{
	return s <= GK_STATE_APPROVED;
}

static int designed_index(enum gk_app_state from, enum gk_app_action action)
{
	for (size_t i = 0; i < N(designed); i++)
		if (designed[i].from == from && designed[i].action == action)
			return (int)i;
	return -1;
}

static struct gk_workflow_step step_for(enum gk_app_state s, enum gk_app_action a, unsigned role)
{
	struct gk_workflow_step st = {
		s, a, role, role == GK_ROLE_REVIEWER ? REVIEWER : HANDLER, HANDLER, -1};
	if (a == GK_ACTION_DRAFT_REPLY)
		st.outcome = GK_OUTCOME_DISCLOSED;
	return st;
}

static void test_every_legal_transition(void **state)
{
	size_t count;
	const struct gk_transition *table = gk_transitions(&count);
	size_t withdrawals = 0;
	for (int s = 0; s < GK_STATE_COUNT; s++)
		withdrawals += may_withdraw((enum gk_app_state)s);
	assert_int_equal(count, N(designed) + withdrawals);

	for (size_t i = 0; i < N(designed); i++) {
		struct gk_workflow_step st =
			step_for(designed[i].from, designed[i].action, designed[i].role);
		struct gk_workflow_result res;
		struct gk_error err = {GK_OK, ""};
		if (gk_workflow_apply(&st, &res, &err) != GK_OK)
			fail_msg("%s in %s: %s", gk_app_action_code(st.action),
				 gk_app_state_code(st.state), err.detail);
		assert_int_equal(res.state, designed[i].to);
		const struct gk_transition *t = gk_transition_find(st.state, st.action);
		assert_non_null(t);
		assert_int_equal(t->role, designed[i].role);
	}
	for (int s = 0; s < GK_STATE_COUNT; s++) {
		struct gk_workflow_step st =
			step_for((enum gk_app_state)s, GK_ACTION_WITHDRAW, GK_ROLE_HANDLER);
		struct gk_workflow_result res;
		struct gk_error err = {GK_OK, ""};
		enum gk_err rc = gk_workflow_apply(&st, &res, &err);
		if (may_withdraw((enum gk_app_state)s)) {
			assert_int_equal(rc, GK_OK);
			assert_int_equal(res.state, GK_STATE_WITHDRAWN);
			assert_int_equal(res.outcome, GK_OUTCOME_OTHER);
			assert_int_equal(res.clock, GK_CLOCK_CLOSED);
		} else {
			assert_int_equal(rc, GK_ECONFLICT);
		}
	}
	/* every row of the table is in the design (no surprise transitions) */
	for (size_t i = 0; i < count; i++)
		assert_true(table[i].action == GK_ACTION_WITHDRAW ||
			    designed_index(table[i].from, table[i].action) >= 0);
}

static void test_every_illegal_transition(void **state)
{
	int refused = 0;
	for (int s = 0; s < GK_STATE_COUNT; s++)
		for (int a = 0; a < GK_ACTION_COUNT; a++) {
			bool legal =
				designed_index((enum gk_app_state)s, (enum gk_app_action)a) >= 0 ||
				(a == GK_ACTION_WITHDRAW && may_withdraw((enum gk_app_state)s));
			if (legal)
				continue;
			struct gk_workflow_step st =
				step_for((enum gk_app_state)s, (enum gk_app_action)a,
					 GK_ROLE_HANDLER | GK_ROLE_REVIEWER);
			struct gk_workflow_result res;
			struct gk_error err = {GK_OK, ""};
			assert_int_equal(gk_workflow_apply(&st, &res, &err), GK_ECONFLICT);
			assert_null(
				gk_transition_find((enum gk_app_state)s, (enum gk_app_action)a));
			/* the message names the action and the state */
			assert_non_null(
				strstr(err.detail, gk_app_action_code((enum gk_app_action)a)));
			assert_non_null(
				strstr(err.detail, gk_app_state_code((enum gk_app_state)s)));
			refused++;
		}
	assert_true(refused > 150);
	struct gk_workflow_step st =
		step_for(GK_STATE_ARCHIVED, GK_ACTION_SEND_REPLY, GK_ROLE_HANDLER);
	struct gk_workflow_result res;
	struct gk_error err = {GK_OK, ""};
	gk_workflow_apply(&st, &res, &err);
	assert_non_null(strstr(err.detail, "当前可办理：无"));
	st.state = GK_STATE_AWAITING_SUPPLEMENT;
	gk_workflow_apply(&st, &res, &err);
	assert_string_equal(
		err.detail,
		"申请处于“待补正”（awaiting_supplement）状态，不能办理“送达答复”"
		"（send_reply）；当前可办理：收到补正、逾期不补正，视为放弃、申请人撤回");
	st.state = (enum gk_app_state)99;
	assert_int_equal(gk_workflow_apply(&st, &res, &err), GK_EINVAL);
	st = step_for(GK_STATE_ASSIGNED, (enum gk_app_action)99, GK_ROLE_HANDLER);
	assert_int_equal(gk_workflow_apply(&st, &res, &err), GK_EINVAL);
}

static void test_roles_and_drafter(void **state)
{
	struct gk_workflow_result res;
	struct gk_error err = {GK_OK, ""};
	/* a handler cannot approve, nor a reviewer-only user register */
	struct gk_workflow_step st = {
		GK_STATE_DRAFTED, GK_ACTION_APPROVE_REPLY, GK_ROLE_HANDLER, REVIEWER, HANDLER, -1};
	assert_int_equal(gk_workflow_apply(&st, &res, &err), GK_EFORBIDDEN);
	assert_non_null(strstr(err.detail, "审核"));
	st = (struct gk_workflow_step){
		GK_STATE_RECEIVED, GK_ACTION_REGISTER, GK_ROLE_REVIEWER, 5, 0, -1};
	assert_int_equal(gk_workflow_apply(&st, &res, &err), GK_EFORBIDDEN);
	assert_non_null(strstr(err.detail, "申请办理"));
	/* the reviewer must not be the drafter, even holding both roles */
	st = (struct gk_workflow_step){GK_STATE_DRAFTED,
				       GK_ACTION_APPROVE_REPLY,
				       GK_ROLE_HANDLER | GK_ROLE_REVIEWER,
				       HANDLER,
				       HANDLER,
				       -1};
	assert_int_equal(gk_workflow_apply(&st, &res, &err), GK_EFORBIDDEN);
	assert_non_null(strstr(err.detail, "拟稿人以外"));
	st.drafter_id = 0;
	assert_int_equal(gk_workflow_apply(&st, &res, &err), GK_ECONFLICT);
	st.drafter_id = REVIEWER + 1;
	assert_int_equal(gk_workflow_apply(&st, &res, &err), GK_OK);
	assert_int_equal(res.state, GK_STATE_APPROVED);
	/* roles without handler or reviewer can do nothing */
	enum gk_app_action acts[GK_ACTION_COUNT];
	assert_int_equal(gk_actions_allowed(GK_STATE_ASSIGNED, GK_ROLE_ADMIN | GK_ROLE_EDITOR, acts,
					    GK_ACTION_COUNT),
			 0);
	size_t n = gk_actions_allowed(GK_STATE_ASSIGNED, GK_ROLE_HANDLER, acts, GK_ACTION_COUNT);
	assert_int_equal(n, 5); /* supplement, consult, fee notice, draft, withdraw */
	assert_int_equal(acts[0], GK_ACTION_REQUEST_SUPPLEMENT);
	assert_int_equal(gk_actions_allowed(GK_STATE_ASSIGNED, GK_ROLE_REVIEWER, acts, 1), 3);
}

static void test_outcomes_in_steps(void **state)
{
	struct gk_workflow_result res;
	struct gk_error err = {GK_OK, ""};
	struct gk_workflow_step st = {
		GK_STATE_ASSIGNED, GK_ACTION_DRAFT_REPLY, GK_ROLE_HANDLER, HANDLER, 0, -1};
	assert_int_equal(gk_workflow_apply(&st, &res, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "答复类型"));
	st.outcome = GK_OUTCOME_LAPSED_NO_FEE;
	assert_int_equal(gk_workflow_apply(&st, &res, &err), GK_EINVAL);
	st.outcome = GK_OUTCOME_COUNT;
	assert_int_equal(gk_workflow_apply(&st, &res, &err), GK_EINVAL);
	for (int o = 0; o < GK_OUTCOME_COUNT; o++) {
		st.outcome = o;
		enum gk_err rc = gk_workflow_apply(&st, &res, &err);
		assert_int_equal(rc, gk_outcome_info(o)->is_reply ? GK_OK : GK_EINVAL);
		if (rc == GK_OK) {
			assert_int_equal(res.outcome, o);
			assert_int_equal(res.drafter_id, HANDLER);
		}
	}
	/* closing actions imply their outcome */
	st = (struct gk_workflow_step){GK_STATE_AWAITING_SUPPLEMENT,
				       GK_ACTION_ABANDON_SUPPLEMENT,
				       GK_ROLE_HANDLER,
				       HANDLER,
				       0,
				       -1};
	assert_int_equal(gk_workflow_apply(&st, &res, &err), GK_OK);
	assert_int_equal(res.outcome, GK_OUTCOME_LAPSED_NO_SUPPLEMENT);
	assert_int_equal(res.clock, GK_CLOCK_CLOSED);
	st = (struct gk_workflow_step){
		GK_STATE_AWAITING_PAYMENT, GK_ACTION_ABANDON_FEE, GK_ROLE_HANDLER, HANDLER, 0, -1};
	assert_int_equal(gk_workflow_apply(&st, &res, &err), GK_OK);
	assert_int_equal(res.outcome, GK_OUTCOME_LAPSED_NO_FEE);
}

static void test_clock_events_of_actions(void **state)
{
	static const struct {
		enum gk_app_state from;
		enum gk_app_action action;
		int clock;
	} want[] = {
		{GK_STATE_ASSIGNED, GK_ACTION_REQUEST_SUPPLEMENT, GK_CLOCK_SUPPLEMENT_REQUESTED},
		{GK_STATE_AWAITING_SUPPLEMENT, GK_ACTION_RECEIVE_SUPPLEMENT, GK_CLOCK_SUPPLEMENTED},
		{GK_STATE_ASSIGNED, GK_ACTION_START_CONSULTATION, GK_CLOCK_CONSULT_START},
		{GK_STATE_CONSULTING, GK_ACTION_END_CONSULTATION, GK_CLOCK_CONSULT_END},
		{GK_STATE_ASSIGNED, GK_ACTION_EXTEND, GK_CLOCK_EXTENDED},
		{GK_STATE_ASSIGNED, GK_ACTION_DELAY, GK_CLOCK_DELAYED},
		{GK_STATE_ASSIGNED, GK_ACTION_SEND_FEE_NOTICE, GK_CLOCK_FEE_NOTICE},
		{GK_STATE_AWAITING_PAYMENT, GK_ACTION_RECORD_PAYMENT, GK_CLOCK_FEE_PAID},
		{GK_STATE_AWAITING_PAYMENT, GK_ACTION_WAIVE_FEE, GK_CLOCK_FEE_WAIVED},
		{GK_STATE_APPROVED, GK_ACTION_SEND_REPLY, GK_CLOCK_CLOSED},
		{GK_STATE_ASSIGNED, GK_ACTION_DRAFT_REPLY, -1},
		{GK_STATE_DRAFTED, GK_ACTION_APPROVE_REPLY, -1},
	};
	for (size_t i = 0; i < N(want); i++) {
		const struct gk_transition *t = gk_transition_find(want[i].from, want[i].action);
		assert_non_null(t);
		assert_int_equal(t->clock, want[i].clock);
	}
	assert_true(gk_transition_find(GK_STATE_ASSIGNED, GK_ACTION_EXTEND)->flags &
		    GK_TR_NEEDS_DAYS);
	assert_true(gk_transition_find(GK_STATE_ASSIGNED, GK_ACTION_DELAY)->flags &
		    GK_TR_NEEDS_UNTIL);
}

/* The whole happy path, and a path through every pause. */
static void test_paths(void **state)
{
	struct {
		enum gk_app_action action;
		unsigned role;
		int64_t actor;
		enum gk_app_state want;
	} path[] = {
		{GK_ACTION_REGISTER, GK_ROLE_HANDLER, HANDLER, GK_STATE_REGISTERED},
		{GK_ACTION_ASSIGN, GK_ROLE_REVIEWER, REVIEWER, GK_STATE_ASSIGNED},
		{GK_ACTION_REQUEST_SUPPLEMENT, GK_ROLE_HANDLER, HANDLER,
		 GK_STATE_AWAITING_SUPPLEMENT},
		{GK_ACTION_RECEIVE_SUPPLEMENT, GK_ROLE_HANDLER, HANDLER, GK_STATE_ASSIGNED},
		{GK_ACTION_START_CONSULTATION, GK_ROLE_HANDLER, HANDLER, GK_STATE_CONSULTING},
		{GK_ACTION_EXTEND, GK_ROLE_REVIEWER, REVIEWER, GK_STATE_CONSULTING},
		{GK_ACTION_END_CONSULTATION, GK_ROLE_HANDLER, HANDLER, GK_STATE_ASSIGNED},
		{GK_ACTION_SEND_FEE_NOTICE, GK_ROLE_HANDLER, HANDLER, GK_STATE_AWAITING_PAYMENT},
		{GK_ACTION_RECORD_PAYMENT, GK_ROLE_HANDLER, HANDLER, GK_STATE_ASSIGNED},
		{GK_ACTION_DRAFT_REPLY, GK_ROLE_HANDLER, HANDLER, GK_STATE_DRAFTED},
		{GK_ACTION_RETURN_DRAFT, GK_ROLE_REVIEWER, REVIEWER, GK_STATE_ASSIGNED},
		{GK_ACTION_DRAFT_REPLY, GK_ROLE_HANDLER, HANDLER, GK_STATE_DRAFTED},
		{GK_ACTION_APPROVE_REPLY, GK_ROLE_REVIEWER, REVIEWER, GK_STATE_APPROVED},
		{GK_ACTION_SEND_REPLY, GK_ROLE_HANDLER, HANDLER, GK_STATE_REPLIED},
		{GK_ACTION_ARCHIVE, GK_ROLE_HANDLER, HANDLER, GK_STATE_ARCHIVED},
	};
	enum gk_app_state s = GK_STATE_RECEIVED;
	int64_t drafter = 0;
	for (size_t i = 0; i < N(path); i++) {
		struct gk_workflow_step st = {
			s,
			path[i].action,
			path[i].role,
			path[i].actor,
			drafter,
			path[i].action == GK_ACTION_DRAFT_REPLY ? GK_OUTCOME_PARTLY_DISCLOSED : -1};
		struct gk_workflow_result res;
		struct gk_error err = {GK_OK, ""};
		if (gk_workflow_apply(&st, &res, &err) != GK_OK)
			fail_msg("step %zu: %s", i, err.detail);
		assert_int_equal(res.state, path[i].want);
		s = res.state;
		drafter = res.drafter_id;
		if (path[i].action == GK_ACTION_RETURN_DRAFT)
			assert_int_equal(drafter, 0);
	}
	assert_false(gk_app_state_open(s));
	assert_true(gk_app_state_open(GK_STATE_RECEIVED));
	assert_true(gk_app_state_open(GK_STATE_APPROVED));
	assert_false(gk_app_state_open(GK_STATE_REPLIED));
	assert_false(gk_app_state_open(GK_STATE_COUNT));
}

static void test_codes_and_labels(void **state)
{
	for (int s = 0; s < GK_STATE_COUNT; s++) {
		enum gk_app_state back;
		assert_true(gk_app_state_parse(gk_app_state_code(s), &back));
		assert_int_equal(back, s);
		assert_true(gk_app_state_label(s)[0] != '\0');
	}
	for (int a = 0; a < GK_ACTION_COUNT; a++) {
		enum gk_app_action back;
		assert_true(gk_app_action_parse(gk_app_action_code(a), &back));
		assert_int_equal(back, a);
		assert_true(gk_app_action_label(a)[0] != '\0');
	}
	assert_string_equal(gk_app_state_code(GK_STATE_COUNT), "");
	assert_string_equal(gk_app_action_code(GK_ACTION_COUNT), "");
	enum gk_app_state s;
	assert_false(gk_app_state_parse("done", &s));
}

/* The next step names who takes it; every open state has one. */
static void test_next_step(void **state)
{
	assert_string_equal(gk_workflow_next_step(GK_STATE_REGISTERED), "由审核人分办");
	assert_int_equal(gk_workflow_next_role(GK_STATE_REGISTERED), GK_ROLE_REVIEWER);
	assert_int_equal(gk_workflow_next_role(GK_STATE_APPROVED), GK_ROLE_HANDLER);
	assert_int_equal(gk_workflow_next_role(GK_STATE_ARCHIVED), 0);
	for (int s = 0; s < GK_STATE_COUNT; s++) {
		const char *t = gk_workflow_next_step((enum gk_app_state)s);
		if (s == GK_STATE_ARCHIVED)
			continue;
		assert_true(strstr(t, "办理人") || strstr(t, "审核人"));
		/* someone with that role can take a step in that state */
		enum gk_app_action acts[GK_ACTION_COUNT];
		assert_true(gk_actions_allowed((enum gk_app_state)s,
					       gk_workflow_next_role((enum gk_app_state)s), acts,
					       GK_ACTION_COUNT) > 0);
	}
	assert_string_equal(gk_workflow_next_step((enum gk_app_state)99), "");
	/* the step that moves the case on is one its role may take */
	for (int s = 0; s < GK_STATE_COUNT; s++) {
		int a = gk_workflow_next_action((enum gk_app_state)s);
		if (a < 0)
			continue;
		const struct gk_transition *t =
			gk_transition_find((enum gk_app_state)s, (enum gk_app_action)a);
		assert_non_null(t);
		assert_int_equal(t->role, gk_workflow_next_role((enum gk_app_state)s));
	}
	assert_int_equal(gk_workflow_next_action(GK_STATE_ASSIGNED), GK_ACTION_DRAFT_REPLY);
}

static bool has(const enum gk_app_action *acts, size_t n, enum gk_app_action a)
{
	for (size_t i = 0; i < n; i++)
		if (acts[i] == a)
			return true;
	return false;
}

/* Only what would not be refused is offered. */
static void test_actions_now(void **state)
{
	enum gk_app_action acts[GK_ACTION_COUNT];
	long today = 20000;
	struct gk_workflow_now now = {.state = GK_STATE_REGISTERED,
				      .roles = GK_ROLE_HANDLER,
				      .actor_id = HANDLER,
				      .today = today,
				      .rules_2019 = true,
				      .due = today + 5,
				      .max_extension = 20,
				      .supplement_by = GK_NO_DAY,
				      .supplement_until = GK_NO_DAY,
				      .payment_due = GK_NO_DAY};
	/* after 登记 a handler can only withdraw: the reviewer assigns */
	size_t n = gk_actions_now(&now, acts, GK_ACTION_COUNT);
	assert_int_equal(n, 1);
	assert_int_equal(acts[0], GK_ACTION_WITHDRAW);
	/* a reviewer: extension and delay while in time and within the maximum */
	now.state = GK_STATE_ASSIGNED;
	now.roles = GK_ROLE_REVIEWER;
	n = gk_actions_now(&now, acts, GK_ACTION_COUNT);
	assert_true(has(acts, n, GK_ACTION_EXTEND) && has(acts, n, GK_ACTION_DELAY));
	now.extension = 20;
	n = gk_actions_now(&now, acts, GK_ACTION_COUNT);
	assert_false(has(acts, n, GK_ACTION_EXTEND));
	assert_true(has(acts, n, GK_ACTION_DELAY));
	now.extension = 0;
	now.rules_2019 = false;
	n = gk_actions_now(&now, acts, GK_ACTION_COUNT);
	assert_false(has(acts, n, GK_ACTION_DELAY));
	now.today = now.due + 1;
	n = gk_actions_now(&now, acts, GK_ACTION_COUNT);
	assert_false(has(acts, n, GK_ACTION_EXTEND));
	/* past the deadline a handler cannot consult or charge, can still draft */
	now.roles = GK_ROLE_HANDLER;
	n = gk_actions_now(&now, acts, GK_ACTION_COUNT);
	assert_false(has(acts, n, GK_ACTION_START_CONSULTATION));
	assert_false(has(acts, n, GK_ACTION_SEND_FEE_NOTICE));
	assert_true(has(acts, n, GK_ACTION_DRAFT_REPLY));
	/* 补正 only once and within its limit */
	now.today = today;
	assert_true(has(acts, gk_actions_now(&now, acts, GK_ACTION_COUNT),
			GK_ACTION_REQUEST_SUPPLEMENT));
	now.supplement_by = today - 1;
	assert_false(has(acts, gk_actions_now(&now, acts, GK_ACTION_COUNT),
			 GK_ACTION_REQUEST_SUPPLEMENT));
	now.supplement_by = GK_NO_DAY;
	now.supplement_asked = true;
	assert_false(has(acts, gk_actions_now(&now, acts, GK_ACTION_COUNT),
			 GK_ACTION_REQUEST_SUPPLEMENT));
	/* closing as abandoned only after the applicant's limit */
	now.state = GK_STATE_AWAITING_SUPPLEMENT;
	now.supplement_until = today;
	assert_false(has(acts, gk_actions_now(&now, acts, GK_ACTION_COUNT),
			 GK_ACTION_ABANDON_SUPPLEMENT));
	now.supplement_until = today - 1;
	assert_true(has(acts, gk_actions_now(&now, acts, GK_ACTION_COUNT),
			GK_ACTION_ABANDON_SUPPLEMENT));
	now.state = GK_STATE_AWAITING_PAYMENT;
	now.payment_due = today;
	assert_false(has(acts, gk_actions_now(&now, acts, GK_ACTION_COUNT), GK_ACTION_ABANDON_FEE));
	/* the drafter is not offered the approval, another reviewer is */
	now.state = GK_STATE_DRAFTED;
	now.roles = GK_ROLE_HANDLER | GK_ROLE_REVIEWER;
	now.drafter_id = HANDLER;
	assert_false(
		has(acts, gk_actions_now(&now, acts, GK_ACTION_COUNT), GK_ACTION_APPROVE_REPLY));
	now.drafter_id = HANDLER + 1;
	assert_true(
		has(acts, gk_actions_now(&now, acts, GK_ACTION_COUNT), GK_ACTION_APPROVE_REPLY));
	assert_true(gk_action_irreversible(GK_ACTION_WITHDRAW));
	assert_true(gk_action_irreversible(GK_ACTION_SEND_REPLY));
	assert_false(gk_action_irreversible(GK_ACTION_DRAFT_REPLY));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_legal_transition),
		cmocka_unit_test(test_every_illegal_transition),
		cmocka_unit_test(test_roles_and_drafter),
		cmocka_unit_test(test_outcomes_in_steps),
		cmocka_unit_test(test_clock_events_of_actions),
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_codes_and_labels),
		cmocka_unit_test(test_next_step),
		cmocka_unit_test(test_actions_now),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
