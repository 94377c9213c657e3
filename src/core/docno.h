/* 发文字号 (document numbers): parsing and the normal form of GB/T 9704-2012
 * §7.2.4 — 机关代字〔年份〕序号号, with the year in 六角括号 and the serial
 * without 第 or leading zeros. Decrees keep their own form: 国务院令第711号. */
#ifndef GK_CORE_DOCNO_H
#define GK_CORE_DOCNO_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/error.h"

struct gk_docno {
	char prefix[128]; /* 机关代字, e.g. 国办函; for a decree 国务院令 */
	int year;         /* 0 for a decree */
	long serial;
	bool decree; /* the 第N号 form */
};

/* Parses IN, accepting 〔〕 [] () （） 【】 around the year, full-width digits,
 * spaces, "第" before the serial and a missing final 号. GK_EINVAL with a
 * reason in ERR if IN is not a document number. */
enum gk_err gk_docno_parse(const char *in, struct gk_docno *out, struct gk_error *err);
/* Writes the normal form of D into OUT (size N); false if it does not fit. */
bool gk_docno_format(const struct gk_docno *d, char *out, size_t n);
/* Parse then format. An empty or all-space IN gives "" (no number). */
enum gk_err gk_docno_normalise(const char *in, char *out, size_t n, struct gk_error *err);

#endif
