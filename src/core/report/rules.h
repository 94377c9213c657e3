/* The rule functions the table in relations.c names, one per relation id, implemented in rules_*.c.
 *
 * Private to core/report/. Each adds the findings of its rule to C, with
 * RULE's id and severity; see docs/report-checker.md for what each checks. */
#ifndef GK_CORE_REPORT_RULES_H
#define GK_CORE_REPORT_RULES_H

#include "core/report/relations.h"

/* rules_groups.c: a total and its parts */
void gk_check_parts_total(struct gk_check *c, const struct gk_report_rule *rule);
void gk_check_percent_count(struct gk_check *c, const struct gk_report_rule *rule);
void gk_check_share_of_base(struct gk_check *c, const struct gk_report_rule *rule);
void gk_check_share_of_whole(struct gk_check *c, const struct gk_report_rule *rule);
void gk_check_base_parts(struct gk_check *c, const struct gk_report_rule *rule);
void gk_check_announced_year(struct gk_check *c, const struct gk_report_rule *rule);
void gk_check_all_upheld(struct gk_check *c, const struct gk_report_rule *rule);
void gk_check_text_stat(struct gk_check *c, const struct gk_report_rule *rule);
void gk_check_same_outlet(struct gk_check *c, const struct gk_report_rule *rule);
void gk_check_rate_count(struct gk_check *c, const struct gk_report_rule *rule);
void gk_check_shares_100(struct gk_check *c, const struct gk_report_rule *rule);
void gk_check_outlets_total(struct gk_check *c, const struct gk_report_rule *rule);

/* rules_tables.c: the official tables, within one report and across two */
void gk_check_t2_blank_total(struct gk_check *c, const struct gk_report_rule *rule);
void gk_check_t2_row_total(struct gk_check *c, const struct gk_report_rule *rule);
void gk_check_t2_subtotal(struct gk_check *c, const struct gk_report_rule *rule);
void gk_check_t2_results_total(struct gk_check *c, const struct gk_report_rule *rule);
void gk_check_t2_balance(struct gk_check *c, const struct gk_report_rule *rule);
void gk_check_t3_total(struct gk_check *c, const struct gk_report_rule *rule);
void gk_check_t1_value(struct gk_check *c, const struct gk_report_rule *rule);
void gk_check_t1_in_force(struct gk_check *c, const struct gk_report_rule *rule);
void gk_check_t1_items(struct gk_check *c, const struct gk_report_rule *rule);
void gk_check_carry_over(struct gk_check *c, const struct gk_report_rule *rule);

/* rules_text.c: the narrative against the tables */
void gk_check_text_table(struct gk_check *c, const struct gk_report_rule *rule);

/* rules_dates.c: years, dates and the report's structure */
void gk_check_year_mismatch(struct gk_check *c, const struct gk_report_rule *rule);
void gk_check_date_after_publication(struct gk_check *c, const struct gk_report_rule *rule);
void gk_check_published_before_year_end(struct gk_check *c, const struct gk_report_rule *rule);
void gk_check_section_count(struct gk_check *c, const struct gk_report_rule *rule);
void gk_check_previous_year(struct gk_check *c, const struct gk_report_rule *rule);

#endif
