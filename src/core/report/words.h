/* Words in report text: keyword search, UTF-8 steps, Chinese numerals and enumerators.
 *
 * Private to core/report/. Every function takes a byte string S[0..N) of
 * normalised text (UTF-8, not necessarily NUL-terminated) and allocates
 * nothing, except gk_report_copy_clean. */
#ifndef GK_CORE_REPORT_WORDS_H
#define GK_CORE_REPORT_WORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/arena.h"

/* True for an ASCII digit. */
bool gk_report_is_digit(char c);
/* The first occurrence of KW in S[0..N); NULL if none or KW is empty. */
const char *gk_report_find(const char *s, size_t n, const char *kw);
/* True if S[0..N) contains KW, or (has_any) one of the NULL-terminated KWS. */
bool gk_report_has(const char *s, size_t n, const char *kw);
bool gk_report_has_any(const char *s, size_t n, const char *const *kws);
/* True if S[0..N) starts or ends with KW. */
bool gk_report_starts(const char *s, size_t n, const char *kw);
bool gk_report_ends(const char *s, size_t n, const char *kw);
/* True if S[0..N) is exactly one of the NULL-terminated SET. */
bool gk_report_is_one_of(const char *s, size_t n, const char *const *set);

/* Length of the code point before S[I] (not before LO); 0 at LO. */
size_t gk_report_prev_len(const char *s, size_t i, size_t lo);
/* Length of the code point at S[I] (1 for a bad byte); 0 at HI. */
size_t gk_report_next_len(const char *s, size_t i, size_t hi);

/* True if the code point S[0..N) ends a clause (，；、。（ … and tab or
 * newline), or (stop mark) a sentence (。！？). */
bool gk_report_is_clause_mark(const char *s, size_t n);
bool gk_report_is_stop_mark(const char *s, size_t n);

/* Value of the Chinese numeral 一 … 十九 at S, storing its byte length in
 * *USED (0 and a value of 0 when there is none). */
int gk_report_cn_number(const char *s, size_t n, size_t *used);

/* Enumerator level of a label: 1 "一、", 2 "（一）", 3 "1．" or "（1）",
 * 4 "其中", 0 none. Stores the enumerator's number (0 for 其中) in *NUMBER
 * and its byte length in *SKIP. */
int gk_report_enum_level(const char *s, size_t n, int *number, size_t *skip);

/* Copies S[0..N) into A without line breaks, with tabs as spaces and runs of
 * spaces collapsed, trimmed. NULL when out of memory. */
char *gk_report_copy_clean(struct gk_arena *a, const char *s, size_t n);

#endif
