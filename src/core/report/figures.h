/* Figures: numbers with their units and labels, from sentences and from the rows of a 统计表.
 *
 * Private to core/report/. Each scanner appends to the parser's figures; a
 * failed allocation sets p->oom. */
#ifndef GK_CORE_REPORT_FIGURES_H
#define GK_CORE_REPORT_FIGURES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/report/parser.h"

/* Appends a figure for normalised text [TS, TE), with its place in the
 * input, line, sentence and section filled in; NULL when out of memory. */
struct gk_report_figure *gk_report_new_figure(struct gk_report_parser *p, size_t ts, size_t te);

/* Parses a plain decimal number at S[I..HI) ("1,234", "34.61"). Returns the
 * end, or I if there is none (or it has too many digits). */
size_t gk_report_parse_number(const char *s, size_t i, size_t hi, double *value, int *decimals);

/* Copies label S[0..N) into A without leading connectives ("其中", "共" …)
 * and trailing ones ("共计", "为" …); never NULL ("" when out of memory). */
const char *gk_report_clean_label(struct gk_arena *a, const char *s, size_t n);

/* Scans sentence [A, B) for numbers followed by a unit ("18件", "34.61%",
 * "十二次"), labelled by the clause before each. */
void gk_report_scan_figures(struct gk_report_parser *p, size_t a, size_t b);

/* Reads line [A, B) as a 统计表 row "label … unit number"; on success appends
 * the figure and a struct gk_report_stat_row to ROWS and returns true. */
bool gk_report_scan_stat_row(struct gk_report_parser *p, size_t a, size_t b,
			     struct gk_report_vec *rows);

/* "A、B分别为x件、y件" in sentence [A, B), whose figures are
 * figures[FIRST .. FIRST+COUNT): gives x the label A and y the label B. */
void gk_report_name_respectively(struct gk_report_parser *p, size_t a, size_t b, int first,
				 int count);

#endif
