/* The workflow of an application for disclosure (依申请公开): its states,
 * the actions staff take, the transition table that says which action is
 * allowed in which state, by whom, with what effect on the clock and the
 * outcome, and the check of one step against it. Pure: the service
 * (service/applications.h) records the steps. */
#ifndef GK_CORE_WORKFLOW_H
#define GK_CORE_WORKFLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/outcome.h"
#include "lib/enumtab.h"
#include "lib/error.h"

/* The states; codes are stored (applications.state, events' from and to). */
#define GK_APP_STATE_LIST(X)                                                                       \
	X(GK_STATE_RECEIVED, "received", "待登记") /* arrived online, receipt not yet confirmed */ \
	X(GK_STATE_REGISTERED, "registered", "已登记")                                             \
	X(GK_STATE_ASSIGNED, "assigned", "办理中") /* with a handler */                            \
	X(GK_STATE_AWAITING_SUPPLEMENT, "awaiting_supplement", "待补正")                           \
	X(GK_STATE_CONSULTING, "consulting", "征求意见中")                                         \
	X(GK_STATE_AWAITING_PAYMENT, "awaiting_payment", "待缴费")                                 \
	X(GK_STATE_DRAFTED, "drafted", "待审核")   /* reply drafted */                             \
	X(GK_STATE_APPROVED, "approved", "待答复") /* reply approved, not yet sent */              \
	X(GK_STATE_REPLIED, "replied", "已答复")                                                   \
	X(GK_STATE_WITHDRAWN, "withdrawn", "已撤回")                                               \
	X(GK_STATE_ABANDONED, "abandoned", "视为放弃") /* 逾期不补正 or 逾期未缴费 */    \
	X(GK_STATE_ARCHIVED, "archived", "已归档")
GK_ENUM_DECLARE(gk_app_state, GK_STATE, GK_APP_STATE_LIST);

/* True while the application is being handled (counts as 结转 at year end). */
bool gk_app_state_open(enum gk_app_state s);

/* The actions; codes are stored (events' action) and are the API's. */
#define GK_APP_ACTION_LIST(X)                                                                        \
	X(GK_ACTION_REGISTER, "register", "确认收到并登记") /* confirm receipt, register */          \
	X(GK_ACTION_ASSIGN, "assign", "分办")               /* to a handler (or another) */          \
	X(GK_ACTION_REQUEST_SUPPLEMENT, "request_supplement", "告知补正") /* the 补正 notice */    \
	X(GK_ACTION_RECEIVE_SUPPLEMENT, "receive_supplement", "收到补正")                            \
	X(GK_ACTION_ABANDON_SUPPLEMENT, "abandon_supplement", "逾期不补正，视为放弃")                \
	X(GK_ACTION_START_CONSULTATION, "start_consultation", "征求意见") /* send 征求意见书 */ \
	X(GK_ACTION_END_CONSULTATION, "end_consultation",                                            \
	  "征求意见结束")                               /* opinions in, or limit passed */           \
	X(GK_ACTION_EXTEND, "extend", "延长答复期限")   /* approved by the office head */            \
	X(GK_ACTION_DELAY, "delay", "确定延迟答复期限") /* Art. 35 delayed reply period */           \
	X(GK_ACTION_SEND_FEE_NOTICE, "send_fee_notice", "发出收费通知")                              \
	X(GK_ACTION_RECORD_PAYMENT, "record_payment", "已缴费")                                      \
	X(GK_ACTION_WAIVE_FEE, "waive_fee", "不再收费") /* not charging after all */                 \
	X(GK_ACTION_ABANDON_FEE, "abandon_fee", "逾期未缴费，不再处理")                              \
	X(GK_ACTION_DRAFT_REPLY, "draft_reply", "拟写答复")     /* (re)write it: the outcome */      \
	X(GK_ACTION_RETURN_DRAFT, "return_draft", "退回修改")   /* the reviewer sends it back */     \
	X(GK_ACTION_APPROVE_REPLY, "approve_reply", "审核通过") /* a reviewer, not the drafter */    \
	X(GK_ACTION_SEND_REPLY, "send_reply", "送达答复")       /* the reply is delivered */         \
	X(GK_ACTION_WITHDRAW, "withdraw", "申请人撤回")         /* before the reply */               \
	X(GK_ACTION_ARCHIVE, "archive", "归档")
GK_ENUM_DECLARE(gk_app_action, GK_ACTION, GK_APP_ACTION_LIST);

/* Flags of a transition. */
#define GK_TR_NEEDS_OUTCOME 1u  /* the step must carry a reply outcome */
#define GK_TR_SETS_DRAFTER  2u  /* the actor becomes the reply's drafter */
#define GK_TR_NOT_DRAFTER   4u  /* the actor must not be the drafter */
#define GK_TR_NEEDS_DAYS    8u  /* the clock event needs a day count (extension) */
#define GK_TR_NEEDS_UNTIL   16u /* the clock event needs an end day (delay) */

struct gk_transition {
	enum gk_app_state from;
	enum gk_app_action action;
	enum gk_app_state to;
	unsigned role;  /* the enum gk_role (core/user.h) the actor must hold */
	int clock;      /* the enum gk_clock_kind to record, or -1 */
	int outcome;    /* the enum gk_outcome the step implies, or -1 */
	unsigned flags; /* GK_TR_* */
};

/* The whole table, and its length in *COUNT. */
const struct gk_transition *gk_transitions(size_t *count);
/* The transition for ACTION in state FROM, or NULL if it is not allowed. */
const struct gk_transition *gk_transition_find(enum gk_app_state from, enum gk_app_action action);
/* Stores into OUT (up to CAP) the actions an actor with ROLES may take in
 * state FROM, in table order; returns how many there are in all. */
size_t gk_actions_allowed(enum gk_app_state from, unsigned roles, enum gk_app_action *out,
			  size_t cap);

/* The next step in state S in words, naming who takes it
 * ("由审核人分办"); "" once nothing is left to do. */
const char *gk_workflow_next_step(enum gk_app_state s);
/* The role (enum gk_role) that takes the next step in state S; 0 if none. */
unsigned gk_workflow_next_role(enum gk_app_state s);
/* The enum gk_app_action of that step (the one offered first); -1 if none. */
int gk_workflow_next_action(enum gk_app_state s);

/* What decides whether an allowed action can be taken now, beyond role and
 * state: the drafter, and the clock as core/deadline.h computed it. */
struct gk_workflow_now {
	enum gk_app_state state;
	unsigned roles;     /* the actor's set of enum gk_role */
	int64_t actor_id;   /* the actor */
	int64_t drafter_id; /* who drafted the current reply; 0 if none */
	long today;
	bool rules_2019;       /* the 2019 Regulation governs (Art. 35 delays) */
	long due;              /* the running deadline, or GK_NO_DAY */
	int extension;         /* working days of extension granted */
	int max_extension;     /* the most the rules allow */
	long supplement_by;    /* last day to request 补正, or GK_NO_DAY */
	bool supplement_asked; /* a 补正 was requested already (only once) */
	long supplement_until; /* the limit the applicant was given, or GK_NO_DAY */
	long payment_due;      /* an open fee notice's last day to pay, or GK_NO_DAY */
};

/* Stores into OUT (up to CAP) the actions the actor can take now without
 * being refused: those gk_actions_allowed gives, less approving his own
 * draft, an extension past the deadline or the maximum, a delay under the
 * 2008 rules or past the deadline, a second or late 补正, a consultation or
 * fee notice past the deadline, and closing as abandoned before the
 * applicant's limit. In table order; returns how many in all. */
size_t gk_actions_now(const struct gk_workflow_now *now, enum gk_app_action *out, size_t cap);

/* True for steps that cannot be undone and are confirmed before they are
 * taken on the page (撤回, 送达答复). */
bool gk_action_irreversible(enum gk_app_action a);

struct gk_workflow_step {
	enum gk_app_state state; /* the application's state now */
	enum gk_app_action action;
	unsigned actor_roles; /* a set of enum gk_role */
	int64_t actor_id;
	int64_t drafter_id; /* who drafted the current reply; 0 if none */
	int outcome;        /* GK_ACTION_DRAFT_REPLY: the chosen enum gk_outcome; else -1 */
};

struct gk_workflow_result {
	enum gk_app_state state; /* the new state */
	int outcome;             /* the outcome now recorded, or -1 if unchanged */
	int64_t drafter_id;      /* the drafter after the step (0 once a draft is returned) */
	int clock;               /* the enum gk_clock_kind to record for the deadline, or -1 */
	unsigned flags;          /* the transition's GK_TR_* flags */
};

/* Checks STEP against the transition table and computes its result. Returns
 * GK_ECONFLICT if the action is not allowed in the state (the detail names
 * both and lists what is allowed), GK_EFORBIDDEN if the actor lacks the role
 * or would approve a reply he drafted (GK_ECONFLICT if no drafter is
 * recorded), GK_EINVAL if a reply outcome is
 * missing or not one a reply may choose. OUT is set only on success. */
enum gk_err gk_workflow_apply(const struct gk_workflow_step *step, struct gk_workflow_result *out,
			      struct gk_error *err);

#endif
