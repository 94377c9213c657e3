/* 文号 parsing: lenient on input (the seed alone shows [2017], (2017) and
 * （2017）), strict on output. */
#include <stdio.h>
#include <string.h>

#include "core/docno.h"

/* Copies IN into OUT without spaces, with full-width digits made ASCII.
 * Returns false if OUT is too small. */
static bool simplify(const char *in, char *out, size_t n)
{
	size_t o = 0;
	const unsigned char *p = (const unsigned char *)in;
	while (*p) {
		if (*p == ' ' || *p == '\t') {
			p++;
			continue;
		}
		/* U+3000 ideographic space: E3 80 80 */
		if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
			p += 3;
			continue;
		}
		/* U+FF10..U+FF19 full-width digits: EF BC 90..99 */
		if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) {
			if (o + 1 >= n)
				return false;
			out[o++] = (char)('0' + (p[2] - 0x90));
			p += 3;
			continue;
		}
		if (o + 1 >= n)
			return false;
		out[o++] = (char)*p++;
	}
	out[o] = '\0';
	return true;
}

static const char *const opens[] = {"〔", "[", "(", "（", "【", "［", "﹝", NULL};
static const char *const closes[] = {"〕", "]", ")", "）", "】", "］", "﹞", NULL};

/* Length of the bracket in SET that starts S, or 0. */
static size_t bracket_at(const char *s, const char *const *set)
{
	for (int i = 0; set[i]; i++) {
		size_t n = strlen(set[i]);
		if (strncmp(s, set[i], n) == 0)
			return n;
	}
	return 0;
}

/* Reads the serial at S: optional 第, digits, optional 号, then the end. */
static enum gk_err read_serial(const char *s, long *serial, struct gk_error *err)
{
	if (strncmp(s, "第", 3) == 0)
		s += 3;
	if (*s < '0' || *s > '9')
		return gk_fail(err, GK_EINVAL, "文号在年份之后缺少序号");
	long v = 0;
	while (*s >= '0' && *s <= '9') {
		v = v * 10 + (*s++ - '0');
		if (v > 99999999)
			return gk_fail(err, GK_EINVAL, "文号的序号过大");
	}
	if (strncmp(s, "号", 3) == 0)
		s += 3;
	if (*s)
		return gk_fail(err, GK_EINVAL, "文号的序号之后还有多余的文字：“%.40s”", s);
	if (v == 0)
		return gk_fail(err, GK_EINVAL, "文号的序号不能为0");
	*serial = v;
	return GK_OK;
}

enum gk_err gk_docno_parse(const char *in, struct gk_docno *out, struct gk_error *err)
{
	char s[256];
	memset(out, 0, sizeof *out);
	if (!in || !simplify(in, s, sizeof s))
		return gk_fail(err, GK_EINVAL, "文号过长");
	if (!s[0])
		return gk_fail(err, GK_EINVAL, "文号为空");
	/* the year: the first bracket holding exactly four digits */
	for (size_t i = 0; s[i]; i++) {
		size_t ob = bracket_at(s + i, opens);
		if (!ob)
			continue;
		const char *y = s + i + ob;
		if (strspn(y, "0123456789") != 4)
			continue;
		size_t cb = bracket_at(y + 4, closes);
		if (!cb)
			continue;
		if (i == 0)
			return gk_fail(err, GK_EINVAL, "文号在年份之前缺少发文机关代字");
		if (i >= sizeof out->prefix)
			return gk_fail(err, GK_EINVAL, "文号的发文机关代字过长");
		memcpy(out->prefix, s, i);
		out->prefix[i] = '\0';
		out->year =
			(y[0] - '0') * 1000 + (y[1] - '0') * 100 + (y[2] - '0') * 10 + (y[3] - '0');
		if (out->year < 1949 || out->year > 2100)
			return gk_fail(err, GK_EINVAL, "文号中的年份%d不合理", out->year);
		return read_serial(y + 4 + cb, &out->serial, err);
	}
	/* a decree: 国务院令第711号, 省政府令第237号 */
	const char *ling = strstr(s, "令第");
	if (ling && ling > s) {
		size_t n = (size_t)(ling - s) + 3; /* keep 令 */
		if (n >= sizeof out->prefix)
			return gk_fail(err, GK_EINVAL, "文号的发文机关代字过长");
		memcpy(out->prefix, s, n);
		out->prefix[n] = '\0';
		out->decree = true;
		return read_serial(ling + 3, &out->serial, err);
	}
	return gk_fail(err, GK_EINVAL,
		       "“%.60s”不是文号，文号形如国办函〔2020〕109号或国务院令第711号", in);
}

bool gk_docno_format(const struct gk_docno *d, char *out, size_t n)
{
	int w = d->decree ? snprintf(out, n, "%s第%ld号", d->prefix, d->serial)
			  : snprintf(out, n, "%s〔%04d〕%ld号", d->prefix, d->year, d->serial);
	return w >= 0 && (size_t)w < n;
}

enum gk_err gk_docno_normalise(const char *in, char *out, size_t n, struct gk_error *err)
{
	struct gk_docno d;
	if (n)
		out[0] = '\0';
	if (!in || !in[strspn(in, " \t")])
		return GK_OK;
	enum gk_err rc = gk_docno_parse(in, &d, err);
	if (rc)
		return rc;
	if (!gk_docno_format(&d, out, n))
		return gk_fail(err, GK_EINVAL, "文号过长");
	return GK_OK;
}
