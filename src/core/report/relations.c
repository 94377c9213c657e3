/* The rule table: each relation the checker knows, with its id, severity and identities. */
#include <string.h>

#include "core/report/relations.h"
#include "core/report/rules.h"

#define ID(x) (1u << GK_ID_##x)
#define ERR   GK_SEV_ERROR
#define WARN  GK_SEV_WARNING

/* In the order they run; findings are sorted by position afterwards. */
static const struct gk_report_rule rules[] = {
	/* id, severity, compares, identities, needs last year's report, function */
	{"parts-total", ERR, "the parts of a total (其中 lists, 统计表 rows) against it", 0, false,
	 gk_check_parts_total},
	{"percent-count", ERR, "a share 占P% against part ÷ total", 0, false,
	 gk_check_percent_count},
	{"share-of-base", ERR, "a share against the count an enumeration states (在…N条…中)", 0,
	 false, gk_check_share_of_base},
	{"share-of-whole", WARN, "a share of 总体/总数 against a larger count in the paragraph", 0,
	 false, gk_check_share_of_whole},
	{"base-parts", ERR, "the parts after 在…N件…中 against N, their shares against 100%", 0,
	 false, gk_check_base_parts},
	{"rate-count", WARN, "办结率 against 办结 ÷ 受理 in the same sentence", 0, false,
	 gk_check_rate_count},
	{"shares-100", ERR, "the shares of one whole against 100%", 0, false, gk_check_shares_100},
	{"channels-total", WARN, "publication channels against the 主动公开 total (at least it)", 0,
	 false, gk_check_outlets_total},
	{"table2-blank-total", ERR, "Table 2 rows with figures and a blank 总计", 0, false,
	 gk_check_t2_blank_total},
	{"table2-row-total", ERR, "Table 2: 总计 against the six applicant columns, per row",
	 ID(T2_ROW_TOTAL), false, gk_check_t2_row_total},
	{"table2-subtotal", ERR, "Table 2: a section's own row against its items, per column",
	 ID(T2_REFUSED) | ID(T2_UNABLE) | ID(T2_IGNORED) | ID(T2_OTHER), false,
	 gk_check_t2_subtotal},
	{"table2-results-total", ERR, "Table 2: （七）总计 against the result rows, per column",
	 ID(T2_RESULTS_2021) | ID(T2_RESULTS_2019), false, gk_check_t2_results_total},
	{"table2-balance", ERR, "Table 2: 一＋二 against 三（七）＋四, per column", ID(T2_BALANCE),
	 false, gk_check_t2_balance},
	{"table3-total", ERR, "Table 3: 总计 against its four results, per group", ID(T3_TOTAL),
	 false, gk_check_t3_total},
	{"table1-value", ERR, "Table 1: counts non-negative integers, items not negative", 0, false,
	 gk_check_t1_value},
	{"text-table", WARN, "a count in a sentence against the same quantity in Tables 2 and 3",
	 ID(T3_SUIT), false, gk_check_text_table},
	{"announced-year", WARN, "the year a report announces itself for (公布20XX年度…报告)", 0,
	 false, gk_check_announced_year},
	{"all-upheld", ERR, "均获维持 against Table 3 纠正 (错误) or 尚未审结/其他 (疑问)", 0,
	 false, gk_check_all_upheld},
	{"text-stat-published", WARN, "the year's 主动公开 total in the text against the 统计表", 0,
	 false, gk_check_text_stat},
	{"same-outlet", WARN, "two counts published in one named column (栏目/专栏)", 0, false,
	 gk_check_same_outlet},
	{"year-mismatch", WARN, "a sentence opening with another year than the report's", 0, false,
	 gk_check_year_mismatch},
	{"date-after-publication", WARN,
	 "dates in the text and the signature against the publication date", 0, false,
	 gk_check_date_after_publication},
	{"published-before-year-end", WARN,
	 "the publication date against the end of the year reported on", 0, false,
	 gk_check_published_before_year_end},
	{"section-count", WARN, "the stated number of parts against the numbered sections", 0,
	 false, gk_check_section_count},
	{"previous-year", WARN, "last year's report is on the year before", 0, true,
	 gk_check_previous_year},
	{"table1-in-force", WARN, "Table 1 2021: 现行有效 against last year's ＋ 制发 − 废止",
	 ID(T1_IN_FORCE), true, gk_check_t1_in_force},
	{"table1-items", WARN, "Table 1 2019: 上一年项目数量 against last year's ＋ 增/减",
	 ID(T1_ITEMS), true, gk_check_t1_items},
	{"carry-over", ERR, "二、上年结转 against last year's 四、结转下年度继续办理",
	 ID(T2_CARRY_OVER), true, gk_check_carry_over},
};

#undef WARN
#undef ERR
#undef ID

const struct gk_report_rule *gk_report_rules(size_t *count)
{
	*count = sizeof rules / sizeof rules[0];
	return rules;
}

const struct gk_report_rule *gk_report_rule_find(const char *id)
{
	for (size_t i = 0; id && i < sizeof rules / sizeof rules[0]; i++)
		if (strcmp(rules[i].id, id) == 0)
			return &rules[i];
	return NULL;
}

void gk_report_relations_run(struct gk_check *c)
{
	for (size_t i = 0; i < sizeof rules / sizeof rules[0] && !c->oom; i++)
		if (!rules[i].previous || c->prev)
			rules[i].run(c, &rules[i]);
}
