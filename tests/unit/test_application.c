/* Tests of the application model: receipt rules, applicant types, the
 * outcome → report-row mapping (as RULES §7.2 states it), every legal and
 * illegal workflow transition, and tracking codes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/application.h"
#include "core/user.h"
#include "lib/date.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static long day_of(int y, int m, int d)
{
	return gk_date_to_days((struct gk_date){y, m, d});
}

/* --- channels and receipt ------------------------------------------------------ */

static void test_channels(void **state)
{
	static const struct {
		const char *code, *label, *stat;
	} want[] = {
	    {"in_person", "当面", "当面"}, {"fax", "传真", "传真"},
	    {"online", "网络", "网络"},	   {"letter", "信函", "信函"},
	    {"email", "电子邮件", "网络"},
	};
	assert_int_equal(N(want), GK_CHANNEL_COUNT);
	for (size_t i = 0; i < N(want); i++) {
		enum gk_channel c;
		assert_true(gk_channel_parse(want[i].code, &c));
		const struct gk_channel_info *ci = gk_channel_info(c);
		assert_string_equal(ci->label, want[i].label);
		assert_string_equal(gk_channel_info(ci->stat_channel)->label, want[i].stat);
	}
	enum gk_channel c;
	assert_false(gk_channel_parse("phone", &c));
	assert_null(gk_channel_info(GK_CHANNEL_COUNT));
}

static void test_receipt_day(void **state)
{
	struct gk_error err = {GK_OK, ""};
	long d1 = day_of(2024, 3, 1), d2 = day_of(2024, 3, 4), d3 = day_of(2024, 3, 5);
	long day;
	const char *rule;
	struct gk_receipt_facts f = {GK_CHANNEL_IN_PERSON, false, d1, d2, d3};
	assert_int_equal(gk_receipt_day(&f, &day, &rule, &err), GK_OK);
	assert_int_equal(day, d1);
	assert_non_null(strstr(rule, "当面提交之日"));

	f.channel = GK_CHANNEL_LETTER;
	f.registered_post = true;
	assert_int_equal(gk_receipt_day(&f, &day, &rule, &err), GK_OK);
	assert_int_equal(day, d2);
	assert_non_null(strstr(rule, "签收"));
	f.registered_post = false; /* an ordinary letter: confirmed with the applicant */
	assert_int_equal(gk_receipt_day(&f, &day, &rule, &err), GK_OK);
	assert_int_equal(day, d3);

	enum gk_channel confirmed[] = {GK_CHANNEL_FAX, GK_CHANNEL_ONLINE, GK_CHANNEL_EMAIL};
	for (size_t i = 0; i < N(confirmed); i++) {
		f.channel = confirmed[i];
		assert_int_equal(gk_channel_receipt_basis(f.channel, true), GK_RECEIPT_CONFIRMED);
		assert_int_equal(gk_receipt_day(&f, &day, &rule, &err), GK_OK);
		assert_int_equal(day, d3);
		assert_non_null(strstr(rule, "双方确认之日"));
	}
	/* a missing day is named */
	f.confirmed = GK_NO_DAY;
	assert_int_equal(gk_receipt_day(&f, &day, NULL, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "confirmed"));
	f = (struct gk_receipt_facts){GK_CHANNEL_LETTER, true, d1, GK_NO_DAY, GK_NO_DAY};
	assert_int_equal(gk_receipt_day(&f, &day, NULL, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "signed_for"));
	f = (struct gk_receipt_facts){GK_CHANNEL_IN_PERSON, false, GK_NO_DAY, GK_NO_DAY, GK_NO_DAY};
	assert_int_equal(gk_receipt_day(&f, &day, NULL, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "submitted"));
	/* received before it was sent */
	f = (struct gk_receipt_facts){GK_CHANNEL_ONLINE, false, d2, GK_NO_DAY, d1};
	assert_int_equal(gk_receipt_day(&f, &day, NULL, &err), GK_EINVAL);
	f.channel = (enum gk_channel)42;
	assert_int_equal(gk_receipt_day(&f, &day, NULL, &err), GK_EINVAL);
}

static void test_applicant_types(void **state)
{
	static const struct {
		const char *code, *label, *group;
	} want[] = {
	    {"natural_person", "自然人", "自然人"},
	    {"business", "商业企业", "法人或其他组织"},
	    {"research", "科研机构", "法人或其他组织"},
	    {"public_interest", "社会公益组织", "法人或其他组织"},
	    {"legal_services", "法律服务机构", "法人或其他组织"},
	    {"other", "其他", "法人或其他组织"},
	};
	assert_int_equal(N(want), GK_APPLICANT_COUNT);
	for (size_t i = 0; i < N(want); i++) {
		enum gk_applicant_type t;
		assert_true(gk_applicant_type_parse(want[i].code, &t));
		const struct gk_applicant_type_info *ti = gk_applicant_type_info(t);
		assert_string_equal(ti->label, want[i].label);
		assert_string_equal(ti->group, want[i].group);
		assert_int_equal(ti->column, (int)i);
	}
	enum gk_applicant_type t;
	assert_false(gk_applicant_type_parse("company", &t));
	enum gk_delivery d;
	const char *deliveries[] = {"email", "post", "pickup", "online"};
	for (size_t i = 0; i < N(deliveries); i++) {
		assert_true(gk_delivery_parse(deliveries[i], &d));
		assert_string_equal(gk_delivery_code(d), deliveries[i]);
		assert_non_null(gk_delivery_label(d));
	}
	assert_false(gk_delivery_parse("fax", &d));
}

/* --- outcomes, exactly as RULES §7.2 maps them ------------------------------------ */

static const struct {
	const char *code;
	const char *section; /* the 2021 row's section */
	const char *row;     /* its item label, or NULL for a section without items */
	const char *pre2019; /* the pre-2019 category */
	const char *refusal; /* 不同意公开 reason, or NULL */
} rules72[] = {
    {"already_public", "（一）予以公开", NULL, "属于已主动公开范围", NULL},
    {"disclosed", "（一）予以公开", NULL, "同意公开", NULL},
    {"partly_disclosed", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", NULL,
     "同意部分公开", NULL},
    {"withheld_state_secret", "（三）不予公开", "1.属于国家秘密", "不同意公开", "涉及国家秘密"},
    {"withheld_law_prohibited", "（三）不予公开", "2.其他法律行政法规禁止公开", "不同意公开",
     "法律法规规定的其他情形"},
    {"withheld_security", "（三）不予公开", "3.危及“三安全一稳定”", "不同意公开",
     "危及国家安全、公共安全、经济安全和社会稳定"},
    {"withheld_third_party", "（三）不予公开", "4.保护第三方合法权益", "不同意公开",
     "涉及商业秘密、个人隐私"},
    {"withheld_internal", "（三）不予公开", "5.属于三类内部事务信息", "不同意公开",
     "不是《条例》所指政府信息"},
    {"withheld_process", "（三）不予公开", "6.属于四类过程性信息", "不同意公开",
     "不是《条例》所指政府信息"},
    {"withheld_enforcement_file", "（三）不予公开", "7.属于行政执法案卷", "不同意公开",
     "法律法规规定的其他情形"},
    {"withheld_query_matter", "（三）不予公开", "8.属于行政查询事项", "告知通过其他途径办理", NULL},
    {"not_this_agency", "（四）无法提供", "1.本机关不掌握相关政府信息", "不属于本行政机关公开",
     NULL},
    {"not_exist", "（四）无法提供", "1.本机关不掌握相关政府信息", "申请信息不存在", NULL},
    {"needs_creation", "（四）无法提供", "2.没有现成信息需要另行制作", "申请信息不存在", NULL},
    {"unclear_after_supplement", "（四）无法提供", "3.补正后申请内容仍不明确", "告知作出更改补充",
     NULL},
    {"petition", "（五）不予处理", "1.信访举报投诉类申请", "告知通过其他途径办理", NULL},
    {"repeat", "（五）不予处理", "2.重复申请", "其他", NULL},
    {"publication", "（五）不予处理", "3.要求提供公开出版物", "告知通过其他途径办理", NULL},
    {"excessive", "（五）不予处理", "4.无正当理由大量反复申请", "其他", NULL},
    {"confirm_or_reissue", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息", "其他",
     NULL},
    {"lapsed_no_supplement", "（六）其他处理",
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "告知作出更改补充", NULL},
    {"lapsed_no_fee", "（六）其他处理",
     "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "(无)", NULL},
    {"other", "（六）其他处理", "3.其他", "其他", NULL},
};

static void test_outcome_mapping_matches_rules(void **state)
{
	assert_int_equal(N(rules72), GK_OUTCOME_COUNT);
	int reached21[GK_T2_NROWS] = {0};
	int reached19[GK_T2_NROWS] = {0};
	for (size_t i = 0; i < N(rules72); i++) {
		enum gk_outcome o;
		if (!gk_outcome_parse(rules72[i].code, &o))
			fail_msg("outcome '%s' is missing", rules72[i].code);
		const struct gk_outcome_info *oi = gk_outcome_info(o);
		assert_int_equal(oi->outcome, o);
		assert_string_equal(oi->code, rules72[i].code);
		assert_non_null(oi->label);
		assert_non_null(oi->basis);

		const struct gk_t2_row_info *r21 = gk_report_t2_row_info(oi->row2021);
		assert_non_null(r21);
		assert_true(gk_report_t2_in_format(oi->row2021, 2021));
		assert_string_equal(gk_report_t2_heading(oi->row2021), rules72[i].section);
		if (rules72[i].row)
			assert_string_equal(r21->label, rules72[i].row);
		else
			assert_int_equal(r21->item, 0);
		reached21[oi->row2021]++;

		/* 2019: the same row, except that （六） is a single row */
		const struct gk_t2_row_info *r19 = gk_report_t2_row_info(oi->row2019);
		assert_non_null(r19);
		assert_true(gk_report_t2_in_format(oi->row2019, 2019));
		assert_string_equal(gk_report_t2_heading(oi->row2019), rules72[i].section);
		if (r21->section == 6)
			assert_int_equal(oi->row2019, GK_T2_OTHER);
		else
			assert_int_equal((int)oi->row2019, (int)oi->row2021);
		reached19[oi->row2019]++;

		assert_string_equal(gk_report_pre2019_info(oi->pre2019)->label, rules72[i].pre2019);
		if (rules72[i].refusal) {
			assert_int_equal(oi->pre2019, GK_PRE2019_REFUSED);
			assert_string_equal(gk_report_refusal_info(oi->refusal)->label, rules72[i].refusal);
		} else {
			assert_int_equal(oi->refusal, GK_REFUSAL_NONE);
		}
		assert_int_equal(oi->is_reply, strncmp(rules72[i].code, "lapsed_", 7) != 0);
	}
	/* every result row of both formats is reached; only （一） and （四）1 by two outcomes */
	for (int r = 0; r < GK_T2_NROWS; r++) {
		int section = gk_report_t2_row_info(r)->section;
		bool result21 = gk_report_t2_in_format(r, 2021) && section >= 1 && section <= 6;
		int want = !result21 ? 0 : r == GK_T2_GRANTED || r == GK_T2_UNABLE_NOT_HELD ? 2 : 1;
		if (reached21[r] != want)
			fail_msg("2021 row %d reached %d times, expected %d", r, reached21[r],
				 want);
	}
	for (int r = 0; r < GK_T2_NROWS; r++) {
		int section = gk_report_t2_row_info(r)->section;
		if (gk_report_t2_in_format(r, 2019) && section >= 1 && section <= 6)
			assert_true(reached19[r] >= 1);
	}
	assert_int_equal(reached19[GK_T2_OTHER], 3);

	/* the row table itself: sections and items in table order */
	int last_section = 0, last_item = 0;
	for (int r = 0; r < GK_T2_NROWS; r++) {
		const struct gk_t2_row_info *row = gk_report_t2_row_info(r);
		if (!gk_report_t2_in_format(r, 2021) || row->section < 1 || row->section > 6)
			continue;
		if (row->section != last_section) {
			assert_int_equal(row->section, last_section + 1);
			assert_true(row->item <= 1);
		} else {
			assert_int_equal(row->item, last_item + 1);
		}
		last_section = row->section;
		last_item = row->item;
	}
	assert_int_equal(last_section, 6);
	assert_null(gk_report_t2_row_info(GK_T2_NROWS));
	assert_string_equal(gk_report_t2_row_info(GK_T2_OTHER)->label, "（六）其他处理");
	assert_null(gk_outcome_info(GK_OUTCOME_COUNT));
	enum gk_outcome o;
	assert_false(gk_outcome_parse("granted", &o));
}

/* --- the workflow ------------------------------------------------------------------- */

#define HANDLER 101
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
	assert_non_null(strstr(err.detail, "allowed: nothing"));
	st.state = GK_STATE_AWAITING_SUPPLEMENT;
	gk_workflow_apply(&st, &res, &err);
	assert_string_equal(err.detail,
			    "cannot 'send_reply' (送达答复) an application that is "
			    "'awaiting_supplement' (待补正); allowed: receive_supplement, "
			    "abandon_supplement, withdraw");
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
	assert_non_null(strstr(err.detail, "reviewer"));
	st = (struct gk_workflow_step){
	    GK_STATE_RECEIVED, GK_ACTION_REGISTER, GK_ROLE_REVIEWER, 5, 0, -1};
	assert_int_equal(gk_workflow_apply(&st, &res, &err), GK_EFORBIDDEN);
	assert_non_null(strstr(err.detail, "handler"));
	/* the reviewer must not be the drafter, even holding both roles */
	st = (struct gk_workflow_step){GK_STATE_DRAFTED,
				       GK_ACTION_APPROVE_REPLY,
				       GK_ROLE_HANDLER | GK_ROLE_REVIEWER,
				       HANDLER,
				       HANDLER,
				       -1};
	assert_int_equal(gk_workflow_apply(&st, &res, &err), GK_EFORBIDDEN);
	assert_non_null(strstr(err.detail, "other than its drafter"));
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
	assert_non_null(strstr(err.detail, "outcome"));
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
	    {GK_ACTION_REQUEST_SUPPLEMENT, GK_ROLE_HANDLER, HANDLER, GK_STATE_AWAITING_SUPPLEMENT},
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
		assert_non_null(gk_app_state_label(s));
	}
	for (int a = 0; a < GK_ACTION_COUNT; a++) {
		enum gk_app_action back;
		assert_true(gk_app_action_parse(gk_app_action_code(a), &back));
		assert_int_equal(back, a);
		assert_non_null(gk_app_action_label(a));
	}
	assert_null(gk_app_state_code(GK_STATE_COUNT));
	assert_null(gk_app_action_code(GK_ACTION_COUNT));
	enum gk_app_state s;
	assert_false(gk_app_state_parse("done", &s));
}

/* --- tracking codes --------------------------------------------------------------- */

static void test_tracking_codes(void **state)
{
	char code[GK_TRACKING_CODE_LEN + 1], norm[GK_TRACKING_CODE_LEN + 1];
	char shown[GK_TRACKING_CODE_LEN + 2];
	unsigned char zero[GK_TRACKING_RANDOM_BYTES] = {0};
	unsigned char ones[GK_TRACKING_RANDOM_BYTES];
	memset(ones, 0xff, sizeof ones);
	gk_tracking_code_make(zero, code);
	assert_string_equal(code, "2222222222");
	gk_tracking_code_make(ones, code);
	assert_string_equal(code, "ZZZZZZZZZZ");
	assert_int_equal(strlen(GK_TRACKING_ALPHABET), 32);
	assert_null(strpbrk(GK_TRACKING_ALPHABET, "01OI"));

	/* a simple generator: every character used, all codes well formed */
	int seen[256] = {0};
	uint64_t x = 88172645463325252ull;
	for (int i = 0; i < 5000; i++) {
		unsigned char r[GK_TRACKING_RANDOM_BYTES];
		for (size_t j = 0; j < sizeof r; j++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			r[j] = (unsigned char)x;
		}
		gk_tracking_code_make(r, code);
		assert_int_equal(strlen(code), GK_TRACKING_CODE_LEN);
		assert_true(gk_tracking_code_normalize(code, norm));
		assert_string_equal(norm, code);
		for (int k = 0; k < GK_TRACKING_CODE_LEN; k++)
			seen[(unsigned char)code[k]]++;
	}
	for (const char *p = GK_TRACKING_ALPHABET; *p; p++)
		assert_true(seen[(unsigned char)*p] > 0);

	/* as typed */
	assert_true(gk_tracking_code_normalize("abcde-fghjk", norm));
	assert_string_equal(norm, "ABCDEFGHJK");
	assert_true(gk_tracking_code_normalize(" ABCDE FGHJK ", norm));
	assert_string_equal(gk_tracking_code_display(norm, shown), "ABCDE-FGHJK");
	assert_false(gk_tracking_code_normalize("ABCDE-FGHJ", norm));  /* short */
	assert_false(gk_tracking_code_normalize("ABCDEFGHJKL", norm)); /* long */
	assert_false(gk_tracking_code_normalize("ABCDE-FGH0K", norm)); /* 0 */
	assert_false(gk_tracking_code_normalize("ABCDE-FGHOK", norm)); /* O */
	assert_false(gk_tracking_code_normalize("ABCDE-FGHIK", norm)); /* I */
	assert_false(gk_tracking_code_normalize("ABCDE/FGHJK", norm));
	assert_false(gk_tracking_code_normalize("", norm));
	assert_false(gk_tracking_code_normalize(NULL, norm));
	assert_false(gk_tracking_code_normalize(
	    "A B C D E F G H J K - - - - - - - - - - - - - - - - - - -", norm));
	assert_string_equal(gk_tracking_code_display("ABC", shown), "ABC");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_channels),
	    cmocka_unit_test(test_receipt_day),
	    cmocka_unit_test(test_applicant_types),
	    cmocka_unit_test(test_outcome_mapping_matches_rules),
	    cmocka_unit_test(test_every_legal_transition),
	    cmocka_unit_test(test_every_illegal_transition),
	    cmocka_unit_test(test_roles_and_drafter),
	    cmocka_unit_test(test_outcomes_in_steps),
	    cmocka_unit_test(test_clock_events_of_actions),
	    cmocka_unit_test(test_paths),
	    cmocka_unit_test(test_codes_and_labels),
	    cmocka_unit_test(test_tracking_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
