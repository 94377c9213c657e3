/* Applications for disclosure (依申请公开), the pure part: channels and the
 * day of receipt, applicant types, the workflow's transition table, the fine
 * outcome list mapped to the annual-report rows, and tracking codes.
 * No storage and no HTTP here; see docs/deadlines.md for the clock. */
#ifndef GK_CORE_APPLICATION_H
#define GK_CORE_APPLICATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/deadline.h"
#include "core/report/tables.h"
#include "lib/error.h"

/* --- channels and the day of receipt (条例 第三十一条) ---------------------- */

enum gk_channel {
	GK_CHANNEL_IN_PERSON, /* 当面 */
	GK_CHANNEL_FAX,	      /* 传真 */
	GK_CHANNEL_ONLINE,    /* 网络 (the online form) */
	GK_CHANNEL_LETTER,    /* 信函 */
	GK_CHANNEL_EMAIL,     /* 电子邮件 */
	GK_CHANNEL_COUNT
};

/* What fixes the day of receipt. */
enum gk_receipt_basis {
	GK_RECEIPT_SUBMITTED, /* 提交之日: handed in */
	GK_RECEIPT_SIGNED,    /* 签收之日: registered post signed for */
	GK_RECEIPT_CONFIRMED, /* 确认之日: confirmed with the applicant */
};

struct gk_channel_info {
	enum gk_channel channel;
	const char *code;	      /* "in_person", "fax", "online", "letter", "email" */
	const char *label;	      /* 当面, 传真, 网络, 信函, 电子邮件 */
	enum gk_channel stat_channel; /* row of the pre-2019 统计表 (当面/传真/网络/信函): e-mail
					 counts as 网络 */
};

/* The channel's description; NULL for a value out of range. */
const struct gk_channel_info *gk_channel_info(enum gk_channel channel);
/* Looks a channel up by code; false if unknown. */
bool gk_channel_parse(const char *code, enum gk_channel *out);

/* The facts known about how an application arrived; days are GK_NO_DAY
 * when not known (yet). */
struct gk_receipt_facts {
	enum gk_channel channel;
	bool registered_post; /* GK_CHANNEL_LETTER: needs a signature (挂号信、快递) */
	long submitted;	      /* day handed in or sent */
	long signed_for;      /* day the office signed for it */
	long confirmed;	      /* day receipt was confirmed with the applicant */
};

/* The basis of the day of receipt for CHANNEL: in person, submitted;
 * registered post, signed for; an ordinary letter, fax, online form or
 * e-mail, confirmed with the applicant. */
enum gk_receipt_basis gk_channel_receipt_basis(enum gk_channel channel, bool registered_post);
/* Fixes the day of receipt from FACTS into *DAY and, if RULE is not NULL,
 * points it at the rule applied (static text, e.g. "邮寄签收之日 (第三十一条
 * 第二项)"). GK_EINVAL names the missing day (e.g. "confirmed: ..."). */
enum gk_err gk_receipt_day(const struct gk_receipt_facts *facts, long *day, const char **rule,
			   struct gk_error *err);

/* --- applicants -------------------------------------------------------------- */

enum gk_applicant_type {
	GK_APPLICANT_NATURAL_PERSON,  /* 自然人 */
	GK_APPLICANT_BUSINESS,	      /* 商业企业 */
	GK_APPLICANT_RESEARCH,	      /* 科研机构 */
	GK_APPLICANT_PUBLIC_INTEREST, /* 社会公益组织 */
	GK_APPLICANT_LEGAL_SERVICES,  /* 法律服务机构 */
	GK_APPLICANT_OTHER,	      /* 其他 */
	GK_APPLICANT_COUNT
};

struct gk_applicant_type_info {
	enum gk_applicant_type type;
	const char *code; /* natural_person, business, research, … (the API's applicant_type) */
	const char *label; /* 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他 */
	const char *group; /* 自然人 or 法人或其他组织 (the report's column group) */
	int column;	   /* 0–5: the report table's column (总计 is 6) */
};

const struct gk_applicant_type_info *gk_applicant_type_info(enum gk_applicant_type type);
bool gk_applicant_type_parse(const char *code, enum gk_applicant_type *out);

/* How the applicant wants to receive the information (获取信息的方式、途径). */
enum gk_delivery {
	GK_DELIVERY_EMAIL,  /* 电子邮件 */
	GK_DELIVERY_POST,   /* 邮寄 */
	GK_DELIVERY_PICKUP, /* 当面领取 */
	GK_DELIVERY_ONLINE, /* 网上获取 */
	GK_DELIVERY_COUNT
};

/* Code ("email", "post", "pickup", "online") and label; NULL out of range. */
const char *gk_delivery_code(enum gk_delivery d);
const char *gk_delivery_label(enum gk_delivery d);
bool gk_delivery_parse(const char *code, enum gk_delivery *out);

/* --- outcomes and the annual-report rows (RULES §3.C, §7.2) ----------------- */

enum gk_outcome {
	GK_OUTCOME_ALREADY_PUBLIC,
	GK_OUTCOME_DISCLOSED,
	GK_OUTCOME_PARTLY_DISCLOSED,
	GK_OUTCOME_WITHHELD_STATE_SECRET,
	GK_OUTCOME_WITHHELD_LAW_PROHIBITED,
	GK_OUTCOME_WITHHELD_SECURITY,
	GK_OUTCOME_WITHHELD_THIRD_PARTY,
	GK_OUTCOME_WITHHELD_INTERNAL,
	GK_OUTCOME_WITHHELD_PROCESS,
	GK_OUTCOME_WITHHELD_ENFORCEMENT_FILE,
	GK_OUTCOME_WITHHELD_QUERY_MATTER,
	GK_OUTCOME_NOT_THIS_AGENCY,
	GK_OUTCOME_NOT_EXIST,
	GK_OUTCOME_NEEDS_CREATION,
	GK_OUTCOME_UNCLEAR_AFTER_SUPPLEMENT,
	GK_OUTCOME_PETITION,
	GK_OUTCOME_REPEAT,
	GK_OUTCOME_PUBLICATION,
	GK_OUTCOME_EXCESSIVE,
	GK_OUTCOME_CONFIRM_OR_REISSUE,
	GK_OUTCOME_LAPSED_NO_SUPPLEMENT,
	GK_OUTCOME_LAPSED_NO_FEE,
	GK_OUTCOME_OTHER,
	GK_OUTCOME_COUNT
};

/* The rows of Table 2 (enum gk_t2_row), the pre-2019 categories (enum
 * gk_pre2019) and reasons (enum gk_refusal) are those of the report model,
 * core/report/tables.h. */

struct gk_outcome_info {
	enum gk_outcome outcome;
	const char *code;  /* "withheld_state_secret" */
	const char *label; /* for staff: "不予公开：属于国家秘密" */
	const char *basis; /* the provision relied on ("条例第十四条"), "" if none */
	enum gk_t2_row row2021;	 /* its result row of Table 2 in the 2021 format */
	enum gk_t2_row row2019;	 /* … and in the 2019 format (（六）其他处理 is one row) */
	enum gk_pre2019 pre2019;
	enum gk_refusal refusal; /* GK_REFUSAL_NONE unless pre2019 is GK_PRE2019_REFUSED */
	bool is_reply;		 /* chosen in a drafted reply (false: set by closing actions) */
};

/* The outcome's description; NULL out of range. */
const struct gk_outcome_info *gk_outcome_info(enum gk_outcome outcome);
bool gk_outcome_parse(const char *code, enum gk_outcome *out);

/* --- the workflow ------------------------------------------------------------ */

enum gk_app_state {
	GK_STATE_RECEIVED,	      /* 待登记: arrived online, receipt not yet confirmed */
	GK_STATE_REGISTERED,	      /* 已登记 */
	GK_STATE_ASSIGNED,	      /* 办理中: with a handler */
	GK_STATE_AWAITING_SUPPLEMENT, /* 待补正 */
	GK_STATE_CONSULTING,	      /* 征求意见中 */
	GK_STATE_AWAITING_PAYMENT,    /* 待缴费 */
	GK_STATE_DRAFTED,	      /* 待审核: reply drafted */
	GK_STATE_APPROVED,	      /* 待答复: reply approved, not yet sent */
	GK_STATE_REPLIED,	      /* 已答复 */
	GK_STATE_WITHDRAWN,	      /* 已撤回 */
	GK_STATE_ABANDONED,	      /* 视为放弃: 逾期不补正 or 逾期未缴费 */
	GK_STATE_ARCHIVED,	      /* 已归档 */
	GK_STATE_COUNT
};

enum gk_app_action {
	GK_ACTION_REGISTER,	      /* confirm receipt and register */
	GK_ACTION_ASSIGN,	      /* give to a handler (or another one) */
	GK_ACTION_REQUEST_SUPPLEMENT, /* send the 补正 notice */
	GK_ACTION_RECEIVE_SUPPLEMENT, /* the supplement arrived */
	GK_ACTION_ABANDON_SUPPLEMENT, /* no supplement in time: 视为放弃 */
	GK_ACTION_START_CONSULTATION, /* send 征求意见书 */
	GK_ACTION_END_CONSULTATION,   /* opinions in, or their limit passed */
	GK_ACTION_EXTEND,	      /* extension approved by the office head */
	GK_ACTION_DELAY,	      /* Art. 35 delayed reply period set */
	GK_ACTION_SEND_FEE_NOTICE,    /* 收费通知 */
	GK_ACTION_RECORD_PAYMENT,     /* fee paid */
	GK_ACTION_WAIVE_FEE,	      /* decide not to charge after all */
	GK_ACTION_ABANDON_FEE,	      /* not paid in time: 逾期未缴费 */
	GK_ACTION_DRAFT_REPLY,	      /* write (or rewrite) the reply, choosing the outcome */
	GK_ACTION_RETURN_DRAFT,	      /* reviewer sends the draft back */
	GK_ACTION_APPROVE_REPLY,      /* reviewer (not the drafter) approves */
	GK_ACTION_SEND_REPLY,	      /* the reply is delivered */
	GK_ACTION_WITHDRAW,	      /* the applicant withdrew (before the reply) */
	GK_ACTION_ARCHIVE,	      /* 归档 */
	GK_ACTION_COUNT
};

/* Flags of a transition. */
#define GK_TR_NEEDS_OUTCOME 1u /* the step must carry a reply outcome */
#define GK_TR_SETS_DRAFTER 2u  /* the actor becomes the reply's drafter */
#define GK_TR_NOT_DRAFTER 4u   /* the actor must not be the drafter */
#define GK_TR_NEEDS_DAYS 8u    /* the clock event needs a day count (extension) */
#define GK_TR_NEEDS_UNTIL 16u  /* the clock event needs an end day (delay) */

struct gk_transition {
	enum gk_app_state from;
	enum gk_app_action action;
	enum gk_app_state to;
	unsigned role;	/* the enum gk_role (core/user.h) the actor must hold */
	int clock;	/* the enum gk_clock_kind to record, or -1 */
	int outcome;	/* the enum gk_outcome the step implies, or -1 */
	unsigned flags; /* GK_TR_* */
};

/* Codes ("awaiting_supplement") and labels ("待补正"); NULL out of range. */
const char *gk_app_state_code(enum gk_app_state s);
const char *gk_app_state_label(enum gk_app_state s);
bool gk_app_state_parse(const char *code, enum gk_app_state *out);
/* True while the application is being handled (counts as 结转 at year end). */
bool gk_app_state_open(enum gk_app_state s);
const char *gk_app_action_code(enum gk_app_action a);
const char *gk_app_action_label(enum gk_app_action a);
bool gk_app_action_parse(const char *code, enum gk_app_action *out);

/* The whole table, and its length in *COUNT. */
const struct gk_transition *gk_transitions(size_t *count);
/* The transition for ACTION in state FROM, or NULL if it is not allowed. */
const struct gk_transition *gk_transition_find(enum gk_app_state from, enum gk_app_action action);
/* Stores into OUT (up to CAP) the actions an actor with ROLES may take in
 * state FROM, in table order; returns how many there are in all. */
size_t gk_actions_allowed(enum gk_app_state from, unsigned roles, enum gk_app_action *out,
			  size_t cap);

struct gk_workflow_step {
	enum gk_app_state state; /* the application's state now */
	enum gk_app_action action;
	unsigned actor_roles; /* a set of enum gk_role */
	int64_t actor_id;
	int64_t drafter_id; /* who drafted the current reply; 0 if none */
	int outcome;	    /* GK_ACTION_DRAFT_REPLY: the chosen enum gk_outcome; else -1 */
};

struct gk_workflow_result {
	enum gk_app_state state; /* the new state */
	int outcome;		 /* the outcome now recorded, or -1 if unchanged */
	int64_t drafter_id;	 /* the drafter after the step (0 once a draft is returned) */
	int clock;		 /* the enum gk_clock_kind to record for the deadline, or -1 */
	unsigned flags;		 /* the transition's GK_TR_* flags */
};

/* Checks STEP against the transition table and computes its result. Returns
 * GK_ECONFLICT if the action is not allowed in the state (the detail names
 * both and lists what is allowed), GK_EFORBIDDEN if the actor lacks the role
 * or would approve a reply he drafted (GK_ECONFLICT if no drafter is
 * recorded), GK_EINVAL if a reply outcome is
 * missing or not one a reply may choose. OUT is set only on success. */
enum gk_err gk_workflow_apply(const struct gk_workflow_step *step, struct gk_workflow_result *out,
			      struct gk_error *err);

/* --- tracking codes ----------------------------------------------------------- */

/* Ten characters from a 32-letter alphabet without 0, O, 1 and I (50 bits):
 * short enough to read over the phone, too many to guess behind a rate limit. */
#define GK_TRACKING_CODE_LEN 10
#define GK_TRACKING_RANDOM_BYTES 7 /* at least 50 random bits */
#define GK_TRACKING_ALPHABET "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"

/* Makes a code from RANDOM (e.g. libsodium's randombytes_buf) into OUT,
 * NUL-terminated. Each character takes 5 bits, so there is no bias. */
void gk_tracking_code_make(const unsigned char random[GK_TRACKING_RANDOM_BYTES],
			   char out[GK_TRACKING_CODE_LEN + 1]);
/* Normalises a code as typed (any case, spaces or hyphens between groups)
 * into OUT. False if IN is not a well-formed code. */
bool gk_tracking_code_normalize(const char *in, char out[GK_TRACKING_CODE_LEN + 1]);
/* Writes CODE (a normalised code) grouped for reading aloud, "ABCDE-FGHJK",
 * into OUT; a shorter string is copied as it is. Returns OUT. */
char *gk_tracking_code_display(const char *code, char out[GK_TRACKING_CODE_LEN + 2]);

#endif
