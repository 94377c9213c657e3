/* The relations a report's figures must satisfy: the table of rules and the dispatcher that runs
 * it.
 *
 * Each rule compares one kind of figures (parts against a total, shares,
 * the identities of the official tables in core/report/tables.h, the
 * narrative against the tables, dates) and adds a finding, named by the
 * rule's id, wherever they disagree. docs/report-checker.md describes every
 * rule. */
#ifndef GK_CORE_REPORT_RELATIONS_H
#define GK_CORE_REPORT_RELATIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/report/findings.h"

struct gk_report_rule;

/* Adds the rule's findings on c->r (and c->prev) to C. */
typedef void (*gk_check_rule_fn)(struct gk_check *c, const struct gk_report_rule *rule);

struct gk_report_rule {
	const char *id;                   /* stable: "table2-balance", the findings' relation */
	enum gk_report_severity severity; /* of its findings (parts-total: a warning when the
					     kind of the parts is unknown) */
	const char *compares;             /* what it compares, for people */
	unsigned identities;              /* the model identities it checks: bits 1u << enum
					     gk_report_identity_id */
	bool previous;                    /* runs only with last year's report */
	gk_check_rule_fn run;
};

/* The rules in the order they run, and their number in *COUNT. */
const struct gk_report_rule *gk_report_rules(size_t *count);
/* The rule with ID; NULL if there is none. */
const struct gk_report_rule *gk_report_rule_find(const char *id);

/* Runs every rule on c->r (the rules marked previous only when c->prev is
 * set), in table order, until an allocation fails (c->oom). The findings are
 * left in c->f in the order they were found. */
void gk_report_relations_run(struct gk_check *c);

#endif
