/* The issuing agency from a report's title line (see title.h). */
#include <stdbool.h>
#include <string.h>

#include "core/report/title.h"

/* How many lines from the top the title may sit on (HTML heads, blank lines). */
#define TITLE_LINES 12
/* A longer "agency" is a sentence, not a name. */
#define AGENCY_MAX 120

static const char *const marks[] = {"政府信息公开工作年度报告", "政府信息公开年度报告"};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Whether S[0..N) reads as part of a sentence rather than a name. */
static bool sentence(const char *s, size_t n)
{
	static const char *const puncts[] = {"《", "，", "。", "：", "、", "（"};
	for (size_t i = 0; i < sizeof puncts / sizeof puncts[0]; i++) {
		size_t pl = strlen(puncts[i]);
		for (size_t k = 0; k + pl <= n; k++)
			if (memcmp(s + k, puncts[i], pl) == 0)
				return true;
	}
	return false;
}

/* Drops a leading or trailing 「20XX年」 / 「20XX年度」 from S[0..*N). */
static const char *strip_year(const char *s, size_t *n)
{
	static const char nian[] = "年", du[] = "度";
	size_t yl = sizeof nian - 1, dl = sizeof du - 1;
	if (*n >= 4 + yl && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && is_digit(s[3]) &&
	    memcmp(s + 4, nian, yl) == 0) {
		size_t k = 4 + yl;
		if (*n >= k + dl && memcmp(s + k, du, dl) == 0)
			k += dl;
		s += k;
		*n -= k;
	}
	size_t e = *n;
	if (e >= dl && memcmp(s + e - dl, du, dl) == 0)
		e -= dl;
	if (e >= 4 + yl && memcmp(s + e - yl, nian, yl) == 0 && is_digit(s[e - yl - 1]) &&
	    is_digit(s[e - yl - 2]) && is_digit(s[e - yl - 3]) && is_digit(s[e - yl - 4]))
		*n = e - yl - 4;
	return s;
}

/* Copies LINE[0..N) without markup (tags, '#', '*', spaces) into OUT. */
static size_t plain(const char *line, size_t n, char *out, size_t cap)
{
	size_t k = 0;
	bool tag = false;
	for (size_t i = 0; i < n && k + 1 < cap; i++) {
		char c = line[i];
		if (c == '<')
			tag = true;
		if (tag) {
			tag = c != '>';
			continue;
		}
		if (c == '#' || c == '*' || c == ' ' || c == '\t' || c == '\r')
			continue;
		/* the ideographic space U+3000 */
		if (i + 2 < n && memcmp(line + i, "\xe3\x80\x80", 3) == 0) {
			i += 2;
			continue;
		}
		out[k++] = c;
	}
	out[k] = 0;
	return k;
}

size_t gk_report_title_agency(const char *text, size_t len, char *out, size_t cap)
{
	if (!cap)
		return 0;
	out[0] = 0;
	char line[1024];
	size_t pos = 0;
	for (int nline = 0; pos < len && nline < TITLE_LINES; nline++) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t n = plain(text + pos, end - pos, line, sizeof line);
		pos = end + 1;
		if (n == 0) {
			nline--; /* blank lines do not count */
			continue;
		}
		for (size_t m = 0; m < sizeof marks / sizeof marks[0]; m++) {
			const char *at = strstr(line, marks[m]);
			if (!at)
				continue;
			size_t an = (size_t)(at - line);
			const char *a = strip_year(line, &an);
			if (an == 0 || an > AGENCY_MAX || an + 1 > cap || sentence(a, an))
				continue; /* 「…依据《…年度报告格式》」 is not a title */
			memcpy(out, a, an);
			out[an] = 0;
			return an;
		}
	}
	return 0;
}
