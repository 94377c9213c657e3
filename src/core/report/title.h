/* Who issued a report, as its title line says: 「X2021年政府信息公开工作年度报告」 → X. */
#ifndef GK_CORE_REPORT_TITLE_H
#define GK_CORE_REPORT_TITLE_H

#include <stddef.h>

/* Writes to OUT (CAP bytes, NUL-terminated) the issuing agency named by the
 * first title line among the first lines of TEXT[0..LEN) — the words before
 * "政府信息公开（工作）年度报告", without a year or markup — and returns its
 * length; 0 (OUT empty) when no title line names one. */
size_t gk_report_title_agency(const char *text, size_t len, char *out, size_t cap);

#endif
