/* Enumerations with a stable code and a label for each value, all from one
 * X-macro list, so the enum, the codes the database, the API and the forms
 * use, the labels people read and the parser never disagree:
 *
 *	#define GK_VALIDITY_LIST(X)              \
 *		X(GK_VALID, "valid", "有效")     \
 *		X(GK_EXPIRED, "expired", "失效")
 *	GK_ENUM_DECLARE(gk_validity, GK_VALIDITY, GK_VALIDITY_LIST)  // a header
 *	GK_ENUM_DEFINE(gk_validity, GK_VALIDITY_LIST)                // one .c file
 *
 * declares enum gk_validity {GK_VALID, GK_EXPIRED, GK_VALIDITY_COUNT} and
 *
 *	const char *gk_validity_code(enum gk_validity v);    "expired"; "" out of range
 *	const char *gk_validity_label(enum gk_validity v);   "失效"; "" out of range
 *	bool gk_validity_parse(const char *s, enum gk_validity *out);  by code or label
 *	extern const char *const gk_validity_codes[];        the codes, NULL-ended
 *
 * Codes are what is stored and exchanged: never an enum's number, so the
 * list may be reordered or extended without touching stored data. */
#ifndef GK_LIB_ENUMTAB_H
#define GK_LIB_ENUMTAB_H

#include <stdbool.h>
#include <stddef.h>

#define GK_ENUM_VALUE_(name, code, label) name,
#define GK_ENUM_CODE_(name, code, label)  code,
#define GK_ENUM_LABEL_(name, code, label) label,

#define GK_ENUM_DECLARE(type, PREFIX, LIST)                \
	enum type { LIST(GK_ENUM_VALUE_) PREFIX##_COUNT }; \
	extern const char *const type##_codes[];           \
	const char *type##_code(enum type v);              \
	const char *type##_label(enum type v);             \
	bool type##_parse(const char *s, enum type *out)

/* Looks S up among N codes, then N labels; the index or -1. */
int gk_enum_find(const char *const *codes, const char *const *labels, size_t n, const char *s);

#define GK_ENUM_DEFINE(type, LIST)                                                 \
	const char *const type##_codes[] = {LIST(GK_ENUM_CODE_) NULL};             \
	static const char *const type##_labels_[] = {LIST(GK_ENUM_LABEL_) NULL};   \
	enum { type##_n_ = sizeof type##_labels_ / sizeof type##_labels_[0] - 1 }; \
	const char *type##_code(enum type v)                                       \
	{                                                                          \
		return (unsigned)v < type##_n_ ? type##_codes[v] : "";             \
	}                                                                          \
	const char *type##_label(enum type v)                                      \
	{                                                                          \
		return (unsigned)v < type##_n_ ? type##_labels_[v] : "";           \
	}                                                                          \
	bool type##_parse(const char *s, enum type *out)                           \
	{                                                                          \
		int i = gk_enum_find(type##_codes, type##_labels_, type##_n_, s);  \
		if (i < 0)                                                         \
			return false;                                              \
		*out = (enum type)i;                                               \
		return true;                                                       \
	}

#endif
