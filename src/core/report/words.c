/* Words in report text: keyword search, UTF-8 steps, Chinese numerals and enumerators. */
#include <stdlib.h>
#include <string.h>

#include "core/report/words.h"
#include "lib/utf8.h"

bool gk_report_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

const char *gk_report_find(const char *s, size_t n, const char *kw)
{
	size_t k = strlen(kw);
	if (k == 0 || k > n)
		return NULL;
	for (size_t i = 0; i + k <= n; i++)
		if (s[i] == kw[0] && memcmp(s + i, kw, k) == 0)
			return s + i;
	return NULL;
}

bool gk_report_has(const char *s, size_t n, const char *kw)
{
	return gk_report_find(s, n, kw) != NULL;
}

bool gk_report_has_any(const char *s, size_t n, const char *const *kws)
{
	for (; *kws; kws++)
		if (gk_report_has(s, n, *kws))
			return true;
	return false;
}

bool gk_report_starts(const char *s, size_t n, const char *kw)
{
	size_t k = strlen(kw);
	return k <= n && memcmp(s, kw, k) == 0;
}

bool gk_report_ends(const char *s, size_t n, const char *kw)
{
	size_t k = strlen(kw);
	return k <= n && memcmp(s + n - k, kw, k) == 0;
}

bool gk_report_is_one_of(const char *s, size_t n, const char *const *set)
{
	for (; *set; set++)
		if (strlen(*set) == n && memcmp(s, *set, n) == 0)
			return true;
	return false;
}

size_t gk_report_prev_len(const char *s, size_t i, size_t lo)
{
	if (i <= lo)
		return 0;
	size_t k = i - 1;
	while (k > lo && ((unsigned char)s[k] & 0xC0) == 0x80 && i - k < 4)
		k--;
	return i - k;
}

size_t gk_report_next_len(const char *s, size_t i, size_t hi)
{
	size_t n;
	if (i >= hi)
		return 0;
	if (gk_utf8_decode((const unsigned char *)s + i, hi - i, &n) < 0)
		return 1;
	return n;
}

static const char *const clause_marks[] = {
	"，", ",",  "；", ";", "：", ":", "、", "。", "！", "？", "!",  "?",
	"\t", "\n", "（", "(", "）", ")", "“",  "”",  "《", "》", NULL,
};

bool gk_report_is_clause_mark(const char *s, size_t n)
{
	return gk_report_is_one_of(s, n, clause_marks);
}

bool gk_report_is_stop_mark(const char *s, size_t n)
{
	static const char *const stop_marks[] = {"。", "！", "？", "!", "?", NULL};
	return gk_report_is_one_of(s, n, stop_marks);
}

int gk_report_cn_number(const char *s, size_t n, size_t *used)
{
	static const char *const cn_digits[] = {"一", "二", "三", "四", "五", "六",
						"七", "八", "九", "十", NULL};
	int value = 0;
	size_t i = 0;
	bool any = false;
	while (i + 3 <= n) {
		int d = -1;
		for (int k = 0; cn_digits[k]; k++)
			if (memcmp(s + i, cn_digits[k], 3) == 0)
				d = k + 1;
		if (d < 0)
			break;
		if (d == 10)
			value = (value ? value : 1) * 10;
		else
			value += d;
		any = true;
		i += 3;
		if (i > 9)
			break;
	}
	*used = i;
	return any ? value : 0;
}

int gk_report_enum_level(const char *s, size_t n, int *number, size_t *skip)
{
	size_t used;
	*skip = 0;
	*number = 0;
	int v = gk_report_cn_number(s, n, &used);
	if (v && used < n &&
	    (gk_report_starts(s + used, n - used, "、") ||
	     gk_report_starts(s + used, n - used, "．") || s[used] == '.')) {
		*number = v;
		*skip = used + (s[used] == '.' ? 1 : 3);
		return 1;
	}
	size_t open = gk_report_starts(s, n, "（") ? 3 : s[0] == '(' ? 1 : 0;
	if (open && n > open) {
		v = gk_report_cn_number(s + open, n - open, &used);
		size_t at = open + used;
		if (v && at < n && (gk_report_starts(s + at, n - at, "）") || s[at] == ')')) {
			*number = v;
			*skip = at + (s[at] == ')' ? 1 : 3);
			return 2;
		}
		size_t k = open;
		while (k < n && gk_report_is_digit(s[k]))
			k++;
		if (k > open && k < n && (gk_report_starts(s + k, n - k, "）") || s[k] == ')')) {
			*number = atoi(s + open);
			*skip = k + (s[k] == ')' ? 1 : 3);
			return 3;
		}
	}
	size_t k = 0;
	while (k < n && gk_report_is_digit(s[k]))
		k++;
	if (k > 0 && k < 3 && k < n &&
	    (gk_report_starts(s + k, n - k, "．") || gk_report_starts(s + k, n - k, "、") ||
	     s[k] == '.')) {
		if (s[k] == '.' && k + 1 < n && gk_report_is_digit(s[k + 1]))
			return 0; /* a decimal number */
		*number = atoi(s);
		*skip = k + (s[k] == '.' ? 1 : 3);
		return 3;
	}
	if (gk_report_starts(s, n, "其中")) {
		*skip = 6;
		if (gk_report_starts(s + 6, n - 6, "：") || gk_report_starts(s + 6, n - 6, "，"))
			*skip = 9;
		else if (n > 6 && s[6] == ':')
			*skip = 7;
		return 4;
	}
	return 0;
}

char *gk_report_copy_clean(struct gk_arena *a, const char *s, size_t n)
{
	char *out = gk_arena_alloc(a, n + 1);
	if (!out)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\n')
			continue;
		if (c == '\t')
			c = ' ';
		if (c == ' ' && (k == 0 || out[k - 1] == ' '))
			continue;
		out[k++] = c;
	}
	while (k && out[k - 1] == ' ')
		k--;
	out[k] = '\0';
	return out;
}
