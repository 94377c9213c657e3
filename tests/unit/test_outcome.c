/* Tests of the outcomes (core/outcome.c): each maps to the rows of the
 * annual report exactly as RULES §7.2 states it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/outcome.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

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
	{"withheld_query_matter", "（三）不予公开", "8.属于行政查询事项", "告知通过其他途径办理",
	 NULL},
	{"not_this_agency", "（四）无法提供", "1.本机关不掌握相关政府信息", "不属于本行政机关公开",
	 NULL},
	{"not_exist", "（四）无法提供", "1.本机关不掌握相关政府信息", "申请信息不存在", NULL},
	{"needs_creation", "（四）无法提供", "2.没有现成信息需要另行制作", "申请信息不存在", NULL},
	{"unclear_after_supplement", "（四）无法提供", "3.补正后申请内容仍不明确",
	 "告知作出更改补充", NULL},
	{"petition", "（五）不予处理", "1.信访举报投诉类申请", "告知通过其他途径办理", NULL},
	{"repeat", "（五）不予处理", "2.重复申请", "其他", NULL},
	{"publication", "（五）不予处理", "3.要求提供公开出版物", "告知通过其他途径办理", NULL},
	{"excessive", "（五）不予处理", "4.无正当理由大量反复申请", "其他", NULL},
	{"confirm_or_reissue", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息", "其他",
	 NULL},
	{"lapsed_no_supplement", "（六）其他处理",
	 "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "告知作出更改补充",
	 NULL},
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
		assert_non_null(oi);
		assert_int_equal(o, (enum gk_outcome)i);
		assert_string_equal(gk_outcome_code(o), rules72[i].code);
		assert_true(gk_outcome_label(o)[0] != '\0');
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
			assert_string_equal(gk_report_refusal_info(oi->refusal)->label,
					    rules72[i].refusal);
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
	assert_string_equal(gk_outcome_code(GK_OUTCOME_COUNT), "");
	enum gk_outcome o;
	assert_false(gk_outcome_parse("granted", &o));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_outcome_mapping_matches_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
