/* Applications for disclosure: the tables (channels, applicant types,
 * outcomes and report rows, workflow transitions) and the checks on them. */
#include <stdio.h>
#include <string.h>

#include "core/application.h"
#include "core/user.h"

#define COUNTOF(a) (sizeof(a) / sizeof((a)[0]))

/* --- channels ---------------------------------------------------------------- */

static const struct gk_channel_info channels[GK_CHANNEL_COUNT] = {
    {GK_CHANNEL_IN_PERSON, "in_person", "当面", GK_CHANNEL_IN_PERSON},
    {GK_CHANNEL_FAX, "fax", "传真", GK_CHANNEL_FAX},
    {GK_CHANNEL_ONLINE, "online", "网络", GK_CHANNEL_ONLINE},
    {GK_CHANNEL_LETTER, "letter", "信函", GK_CHANNEL_LETTER},
    {GK_CHANNEL_EMAIL, "email", "电子邮件", GK_CHANNEL_ONLINE},
};

const struct gk_channel_info *gk_channel_info(enum gk_channel channel)
{
	return (unsigned)channel < GK_CHANNEL_COUNT ? &channels[channel] : NULL;
}

bool gk_channel_parse(const char *code, enum gk_channel *out)
{
	for (size_t i = 0; code && i < COUNTOF(channels); i++)
		if (strcmp(code, channels[i].code) == 0) {
			*out = channels[i].channel;
			return true;
		}
	return false;
}

enum gk_receipt_basis gk_channel_receipt_basis(enum gk_channel channel, bool registered_post)
{
	switch (channel) {
	case GK_CHANNEL_IN_PERSON:
		return GK_RECEIPT_SUBMITTED;
	case GK_CHANNEL_LETTER:
		return registered_post ? GK_RECEIPT_SIGNED : GK_RECEIPT_CONFIRMED;
	case GK_CHANNEL_FAX:
	case GK_CHANNEL_ONLINE:
	case GK_CHANNEL_EMAIL:
	case GK_CHANNEL_COUNT:
		break;
	}
	return GK_RECEIPT_CONFIRMED;
}

enum gk_err gk_receipt_day(const struct gk_receipt_facts *facts, long *day, const char **rule,
			   struct gk_error *err)
{
	const struct gk_channel_info *ci = gk_channel_info(facts->channel);
	if (!ci)
		return gk_fail(err, GK_EINVAL, "channel: unknown channel");
	const char *text;
	long d;
	switch (gk_channel_receipt_basis(facts->channel, facts->registered_post)) {
	case GK_RECEIPT_SUBMITTED:
		d = facts->submitted;
		text = "当面提交之日 (条例第三十一条第一项)";
		if (d == GK_NO_DAY)
			return gk_fail(err, GK_EINVAL,
				       "submitted: the day the application was handed "
				       "in is required");
		break;
	case GK_RECEIPT_SIGNED:
		d = facts->signed_for;
		text = "邮寄签收之日 (条例第三十一条第二项)";
		if (d == GK_NO_DAY)
			return gk_fail(err, GK_EINVAL,
				       "signed_for: the day the letter was signed for "
				       "is required");
		break;
	default:
		d = facts->confirmed;
		text = facts->channel == GK_CHANNEL_LETTER
			   ? "平常信函: 与申请人确认之日 (条例第三十一条第二项)"
			   : "双方确认之日 (条例第三十一条第三项)";
		if (d == GK_NO_DAY)
			return gk_fail(err, GK_EINVAL,
				       "confirmed: the day receipt was confirmed with "
				       "the applicant is required for %s",
				       ci->label);
		break;
	}
	if (facts->submitted != GK_NO_DAY && d < facts->submitted)
		return gk_fail(err, GK_EINVAL,
			       "received: the day of receipt cannot precede the day "
			       "the application was sent");
	*day = d;
	if (rule)
		*rule = text;
	return GK_OK;
}

/* --- applicants and delivery ------------------------------------------------- */

static const struct gk_applicant_type_info applicant_types[GK_APPLICANT_COUNT] = {
    {GK_APPLICANT_NATURAL_PERSON, "natural_person", "自然人", "自然人", 0},
    {GK_APPLICANT_BUSINESS, "business", "商业企业", "法人或其他组织", 1},
    {GK_APPLICANT_RESEARCH, "research", "科研机构", "法人或其他组织", 2},
    {GK_APPLICANT_PUBLIC_INTEREST, "public_interest", "社会公益组织", "法人或其他组织", 3},
    {GK_APPLICANT_LEGAL_SERVICES, "legal_services", "法律服务机构", "法人或其他组织", 4},
    {GK_APPLICANT_OTHER, "other", "其他", "法人或其他组织", 5},
};

const struct gk_applicant_type_info *gk_applicant_type_info(enum gk_applicant_type type)
{
	return (unsigned)type < GK_APPLICANT_COUNT ? &applicant_types[type] : NULL;
}

bool gk_applicant_type_parse(const char *code, enum gk_applicant_type *out)
{
	for (size_t i = 0; code && i < COUNTOF(applicant_types); i++)
		if (strcmp(code, applicant_types[i].code) == 0) {
			*out = applicant_types[i].type;
			return true;
		}
	return false;
}

static const struct {
	const char *code, *label;
} deliveries[GK_DELIVERY_COUNT] = {
    {"email", "电子邮件"},
    {"post", "邮寄"},
    {"pickup", "当面领取"},
    {"online", "网上获取"},
};

const char *gk_delivery_code(enum gk_delivery d)
{
	return (unsigned)d < GK_DELIVERY_COUNT ? deliveries[d].code : NULL;
}

const char *gk_delivery_label(enum gk_delivery d)
{
	return (unsigned)d < GK_DELIVERY_COUNT ? deliveries[d].label : NULL;
}

bool gk_delivery_parse(const char *code, enum gk_delivery *out)
{
	for (size_t i = 0; code && i < COUNTOF(deliveries); i++)
		if (strcmp(code, deliveries[i].code) == 0) {
			*out = (enum gk_delivery)i;
			return true;
		}
	return false;
}

/* --- outcomes: one table, RULES §7.2 ------------------------------------------ */

#define OUT(o, code, label, basis, r21, r19, pre, why, reply)                                      \
	[o] = {o, code, label, basis, r21, r19, pre, why, reply}

static const struct gk_outcome_info outcomes[GK_OUTCOME_COUNT] = {
    OUT(GK_OUTCOME_ALREADY_PUBLIC, "already_public", "予以公开：已主动公开，告知获取方式",
	"条例第三十六条第一项", GK_T2_GRANTED, GK_T2_GRANTED, GK_PRE2019_ALREADY_PUBLIC,
	GK_REFUSAL_NONE, true),
    OUT(GK_OUTCOME_DISCLOSED, "disclosed", "予以公开", "条例第三十六条第二项", GK_T2_GRANTED,
	GK_T2_GRANTED, GK_PRE2019_GRANTED, GK_REFUSAL_NONE, true),
    OUT(GK_OUTCOME_PARTLY_DISCLOSED, "partly_disclosed", "部分公开（区分处理）", "条例第三十七条",
	GK_T2_PARTIAL, GK_T2_PARTIAL, GK_PRE2019_PARTIAL, GK_REFUSAL_NONE, true),
    OUT(GK_OUTCOME_WITHHELD_STATE_SECRET, "withheld_state_secret", "不予公开：属于国家秘密",
	"条例第十四条", GK_T2_REFUSED_SECRET, GK_T2_REFUSED_SECRET, GK_PRE2019_REFUSED,
	GK_REFUSAL_STATE_SECRET, true),
    OUT(GK_OUTCOME_WITHHELD_LAW_PROHIBITED, "withheld_law_prohibited",
	"不予公开：其他法律行政法规禁止公开", "条例第十四条", GK_T2_REFUSED_LAW,
	GK_T2_REFUSED_LAW, GK_PRE2019_REFUSED, GK_REFUSAL_LAW_OTHER, true),
    OUT(GK_OUTCOME_WITHHELD_SECURITY, "withheld_security", "不予公开：危及“三安全一稳定”",
	"条例第十四条", GK_T2_REFUSED_SECURITY, GK_T2_REFUSED_SECURITY, GK_PRE2019_REFUSED,
	GK_REFUSAL_SECURITY, true),
    OUT(GK_OUTCOME_WITHHELD_THIRD_PARTY, "withheld_third_party", "不予公开：保护第三方合法权益",
	"条例第十五条、第三十二条", GK_T2_REFUSED_THIRD_PARTY, GK_T2_REFUSED_THIRD_PARTY,
	GK_PRE2019_REFUSED, GK_REFUSAL_THIRD_PARTY, true),
    OUT(GK_OUTCOME_WITHHELD_INTERNAL, "withheld_internal", "不予公开：属于三类内部事务信息",
	"条例第十六条第一款", GK_T2_REFUSED_INTERNAL, GK_T2_REFUSED_INTERNAL, GK_PRE2019_REFUSED,
	GK_REFUSAL_NOT_GOV_INFO, true),
    OUT(GK_OUTCOME_WITHHELD_PROCESS, "withheld_process", "不予公开：属于四类过程性信息",
	"条例第十六条第二款", GK_T2_REFUSED_PROCESS, GK_T2_REFUSED_PROCESS, GK_PRE2019_REFUSED,
	GK_REFUSAL_NOT_GOV_INFO, true),
    OUT(GK_OUTCOME_WITHHELD_ENFORCEMENT_FILE, "withheld_enforcement_file",
	"不予公开：属于行政执法案卷", "条例第十六条第二款", GK_T2_REFUSED_ENFORCEMENT,
	GK_T2_REFUSED_ENFORCEMENT, GK_PRE2019_REFUSED, GK_REFUSAL_LAW_OTHER, true),
    OUT(GK_OUTCOME_WITHHELD_QUERY_MATTER, "withheld_query_matter", "不予公开：属于行政查询事项",
	"条例第三十六条第七项", GK_T2_REFUSED_QUERY, GK_T2_REFUSED_QUERY,
	GK_PRE2019_OTHER_CHANNEL, GK_REFUSAL_NONE, true),
    OUT(GK_OUTCOME_NOT_THIS_AGENCY, "not_this_agency", "无法提供：不属于本机关负责公开",
	"条例第三十六条第五项", GK_T2_UNABLE_NOT_HELD, GK_T2_UNABLE_NOT_HELD,
	GK_PRE2019_NOT_THIS_AGENCY, GK_REFUSAL_NONE, true),
    OUT(GK_OUTCOME_NOT_EXIST, "not_exist", "无法提供：经检索没有，政府信息不存在",
	"条例第三十六条第四项", GK_T2_UNABLE_NOT_HELD, GK_T2_UNABLE_NOT_HELD,
	GK_PRE2019_NOT_EXIST, GK_REFUSAL_NONE, true),
    OUT(GK_OUTCOME_NEEDS_CREATION, "needs_creation", "无法提供：没有现成信息需要另行制作",
	"条例第三十八条", GK_T2_UNABLE_NEEDS_CREATION, GK_T2_UNABLE_NEEDS_CREATION,
	GK_PRE2019_NOT_EXIST, GK_REFUSAL_NONE, true),
    OUT(GK_OUTCOME_UNCLEAR_AFTER_SUPPLEMENT, "unclear_after_supplement",
	"无法提供：补正后申请内容仍不明确", "条例第三十条", GK_T2_UNABLE_UNCLEAR,
	GK_T2_UNABLE_UNCLEAR, GK_PRE2019_AMEND, GK_REFUSAL_NONE, true),
    OUT(GK_OUTCOME_PETITION, "petition", "不予处理：信访举报投诉类申请", "条例第三十九条第一款",
	GK_T2_IGNORED_PETITION, GK_T2_IGNORED_PETITION, GK_PRE2019_OTHER_CHANNEL, GK_REFUSAL_NONE,
	true),
    OUT(GK_OUTCOME_REPEAT, "repeat", "不予处理：重复申请", "条例第三十六条第六项",
	GK_T2_IGNORED_REPEAT, GK_T2_IGNORED_REPEAT, GK_PRE2019_OTHER, GK_REFUSAL_NONE, true),
    OUT(GK_OUTCOME_PUBLICATION, "publication", "不予处理：要求提供公开出版物",
	"条例第三十九条第二款", GK_T2_IGNORED_PUBLICATION, GK_T2_IGNORED_PUBLICATION,
	GK_PRE2019_OTHER_CHANNEL, GK_REFUSAL_NONE, true),
    OUT(GK_OUTCOME_EXCESSIVE, "excessive", "不予处理：无正当理由大量反复申请", "条例第三十五条",
	GK_T2_IGNORED_EXCESSIVE, GK_T2_IGNORED_EXCESSIVE, GK_PRE2019_OTHER, GK_REFUSAL_NONE,
	true),
    OUT(GK_OUTCOME_CONFIRM_OR_REISSUE, "confirm_or_reissue",
	"不予处理：要求行政机关确认或重新出具已获取信息", "", GK_T2_IGNORED_CONFIRM,
	GK_T2_IGNORED_CONFIRM, GK_PRE2019_OTHER, GK_REFUSAL_NONE, true),
    OUT(GK_OUTCOME_LAPSED_NO_SUPPLEMENT, "lapsed_no_supplement",
	"其他处理：申请人无正当理由逾期不补正，不再处理", "条例第三十条",
	GK_T2_OTHER_NO_SUPPLEMENT, GK_T2_OTHER, GK_PRE2019_AMEND, GK_REFUSAL_NONE, false),
    OUT(GK_OUTCOME_LAPSED_NO_FEE, "lapsed_no_fee", "其他处理：申请人逾期未缴纳信息处理费，不再处理",
	"国办函〔2020〕109号", GK_T2_OTHER_NO_FEE, GK_T2_OTHER, GK_PRE2019_NONE, GK_REFUSAL_NONE,
	false),
    OUT(GK_OUTCOME_OTHER, "other", "其他处理：其他（如申请人撤回申请）", "", GK_T2_OTHER_OTHER,
	GK_T2_OTHER, GK_PRE2019_OTHER, GK_REFUSAL_NONE, true),
};

#undef OUT

const struct gk_outcome_info *gk_outcome_info(enum gk_outcome outcome)
{
	return (unsigned)outcome < GK_OUTCOME_COUNT ? &outcomes[outcome] : NULL;
}

bool gk_outcome_parse(const char *code, enum gk_outcome *out)
{
	for (size_t i = 0; code && i < COUNTOF(outcomes); i++)
		if (strcmp(code, outcomes[i].code) == 0) {
			*out = outcomes[i].outcome;
			return true;
		}
	return false;
}

/* --- states and actions -------------------------------------------------------- */

static const struct {
	const char *code, *label;
	bool open;
} states[GK_STATE_COUNT] = {
    [GK_STATE_RECEIVED] = {"received", "待登记", true},
    [GK_STATE_REGISTERED] = {"registered", "已登记", true},
    [GK_STATE_ASSIGNED] = {"assigned", "办理中", true},
    [GK_STATE_AWAITING_SUPPLEMENT] = {"awaiting_supplement", "待补正", true},
    [GK_STATE_CONSULTING] = {"consulting", "征求意见中", true},
    [GK_STATE_AWAITING_PAYMENT] = {"awaiting_payment", "待缴费", true},
    [GK_STATE_DRAFTED] = {"drafted", "待审核", true},
    [GK_STATE_APPROVED] = {"approved", "待答复", true},
    [GK_STATE_REPLIED] = {"replied", "已答复", false},
    [GK_STATE_WITHDRAWN] = {"withdrawn", "已撤回", false},
    [GK_STATE_ABANDONED] = {"abandoned", "视为放弃", false},
    [GK_STATE_ARCHIVED] = {"archived", "已归档", false},
};

static const struct {
	const char *code, *label;
} actions[GK_ACTION_COUNT] = {
    [GK_ACTION_REGISTER] = {"register", "确认收到并登记"},
    [GK_ACTION_ASSIGN] = {"assign", "分办"},
    [GK_ACTION_REQUEST_SUPPLEMENT] = {"request_supplement", "告知补正"},
    [GK_ACTION_RECEIVE_SUPPLEMENT] = {"receive_supplement", "收到补正"},
    [GK_ACTION_ABANDON_SUPPLEMENT] = {"abandon_supplement", "逾期不补正，视为放弃"},
    [GK_ACTION_START_CONSULTATION] = {"start_consultation", "征求意见"},
    [GK_ACTION_END_CONSULTATION] = {"end_consultation", "征求意见结束"},
    [GK_ACTION_EXTEND] = {"extend", "延长答复期限"},
    [GK_ACTION_DELAY] = {"delay", "确定延迟答复期限"},
    [GK_ACTION_SEND_FEE_NOTICE] = {"send_fee_notice", "发出收费通知"},
    [GK_ACTION_RECORD_PAYMENT] = {"record_payment", "已缴费"},
    [GK_ACTION_WAIVE_FEE] = {"waive_fee", "不再收费"},
    [GK_ACTION_ABANDON_FEE] = {"abandon_fee", "逾期未缴费，不再处理"},
    [GK_ACTION_DRAFT_REPLY] = {"draft_reply", "拟写答复"},
    [GK_ACTION_RETURN_DRAFT] = {"return_draft", "退回修改"},
    [GK_ACTION_APPROVE_REPLY] = {"approve_reply", "审核通过"},
    [GK_ACTION_SEND_REPLY] = {"send_reply", "送达答复"},
    [GK_ACTION_WITHDRAW] = {"withdraw", "申请人撤回"},
    [GK_ACTION_ARCHIVE] = {"archive", "归档"},
};

const char *gk_app_state_code(enum gk_app_state s)
{
	return (unsigned)s < GK_STATE_COUNT ? states[s].code : NULL;
}

const char *gk_app_state_label(enum gk_app_state s)
{
	return (unsigned)s < GK_STATE_COUNT ? states[s].label : NULL;
}

bool gk_app_state_parse(const char *code, enum gk_app_state *out)
{
	for (int i = 0; code && i < GK_STATE_COUNT; i++)
		if (strcmp(code, states[i].code) == 0) {
			*out = (enum gk_app_state)i;
			return true;
		}
	return false;
}

bool gk_app_state_open(enum gk_app_state s)
{
	return (unsigned)s < GK_STATE_COUNT && states[s].open;
}

const char *gk_app_action_code(enum gk_app_action a)
{
	return (unsigned)a < GK_ACTION_COUNT ? actions[a].code : NULL;
}

const char *gk_app_action_label(enum gk_app_action a)
{
	return (unsigned)a < GK_ACTION_COUNT ? actions[a].label : NULL;
}

bool gk_app_action_parse(const char *code, enum gk_app_action *out)
{
	for (int i = 0; code && i < GK_ACTION_COUNT; i++)
		if (strcmp(code, actions[i].code) == 0) {
			*out = (enum gk_app_action)i;
			return true;
		}
	return false;
}

/* --- the transition table ------------------------------------------------------ */

#define H GK_ROLE_HANDLER
#define R GK_ROLE_REVIEWER
#define NOCLOCK (-1)
#define NOOUT (-1)
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

enum gk_err gk_workflow_apply(const struct gk_workflow_step *step, struct gk_workflow_result *out,
			      struct gk_error *err)
{
	const char *scode = gk_app_state_code(step->state);
	const char *acode = gk_app_action_code(step->action);
	if (!scode)
		return gk_fail(err, GK_EINVAL, "state: unknown application state");
	if (!acode)
		return gk_fail(err, GK_EINVAL, "action: unknown action");

	const struct gk_transition *t = gk_transition_find(step->state, step->action);
	if (!t) {
		char allowed[256] = "";
		size_t at = 0;
		for (size_t i = 0; i < COUNTOF(transitions); i++) {
			if (transitions[i].from != step->state)
				continue;
			int n = snprintf(allowed + at, sizeof allowed - at, "%s%s", at ? ", " : "",
					 gk_app_action_code(transitions[i].action));
			if (n < 0 || (size_t)n >= sizeof allowed - at)
				break;
			at += (size_t)n;
		}
		return gk_fail(err, GK_ECONFLICT,
			       "cannot '%s' (%s) an application that is '%s' (%s); allowed: %s",
			       acode, gk_app_action_label(step->action), scode,
			       gk_app_state_label(step->state), at ? allowed : "nothing");
	}
	if (!(step->actor_roles & t->role))
		return gk_fail(err, GK_EFORBIDDEN, "'%s' (%s) needs the %s role", acode,
			       gk_app_action_label(step->action),
			       gk_role_name((enum gk_role)t->role));
	if ((t->flags & GK_TR_NOT_DRAFTER) && step->drafter_id == 0)
		return gk_fail(err, GK_ECONFLICT, "the reply has no recorded drafter");
	if ((t->flags & GK_TR_NOT_DRAFTER) && step->actor_id == step->drafter_id)
		return gk_fail(err, GK_EFORBIDDEN,
			       "the reply must be approved by a reviewer other than its drafter");

	int outcome = t->outcome;
	if (t->flags & GK_TR_NEEDS_OUTCOME) {
		const struct gk_outcome_info *oi = gk_outcome_info((enum gk_outcome)step->outcome);
		if (!oi)
			return gk_fail(err, GK_EINVAL, "outcome: a reply needs an outcome");
		if (!oi->is_reply)
			return gk_fail(err, GK_EINVAL,
				       "outcome: '%s' is recorded by closing the "
				       "application, not chosen in a reply",
				       oi->code);
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

/* --- tracking codes ------------------------------------------------------------- */

void gk_tracking_code_make(const unsigned char random[GK_TRACKING_RANDOM_BYTES],
			   char out[GK_TRACKING_CODE_LEN + 1])
{
	static const char alphabet[] = GK_TRACKING_ALPHABET;
	uint64_t bits = 0;
	for (int i = 0; i < GK_TRACKING_RANDOM_BYTES; i++)
		bits = bits << 8 | random[i];
	for (int i = 0; i < GK_TRACKING_CODE_LEN; i++) {
		out[i] = alphabet[bits & 31];
		bits >>= 5;
	}
	out[GK_TRACKING_CODE_LEN] = '\0';
}

bool gk_tracking_code_normalize(const char *in, char out[GK_TRACKING_CODE_LEN + 1])
{
	static const char alphabet[] = GK_TRACKING_ALPHABET;
	size_t n = 0;
	if (!in)
		return false;
	for (size_t i = 0; in[i]; i++) {
		char c = in[i];
		if (i > 4 * GK_TRACKING_CODE_LEN)
			return false;
		if (c == ' ' || c == '-')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c == '\0' || !strchr(alphabet, c) || n == GK_TRACKING_CODE_LEN)
			return false;
		out[n++] = c;
	}
	if (n != GK_TRACKING_CODE_LEN)
		return false;
	out[n] = '\0';
	return true;
}

char *gk_tracking_code_display(const char *code, char out[GK_TRACKING_CODE_LEN + 2])
{
	if (strnlen(code, GK_TRACKING_CODE_LEN) < GK_TRACKING_CODE_LEN)
		snprintf(out, GK_TRACKING_CODE_LEN + 2, "%s", code);
	else
		snprintf(out, GK_TRACKING_CODE_LEN + 2, "%.5s-%.5s", code, code + 5);
	return out;
}
