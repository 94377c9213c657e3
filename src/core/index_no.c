/* 索引号 formats: render, check and match. The serial allocation itself is
 * in the store (gk_store_item_publish), inside the publishing transaction. */
#include <stdio.h>
#include <string.h>

#include "core/index_no.h"

enum ph { PH_NONE, PH_CODE, PH_YEAR, PH_TOPIC, PH_SERIAL, PH_BAD };

/* Reads the placeholder starting at F ('{'); sets *len and *width. */
static enum ph placeholder(const char *f, size_t *len, int *width)
{
	const char *close = strchr(f, '}');
	*width = 0;
	if (!close)
		return PH_BAD;
	*len = (size_t)(close - f) + 1;
	if (*len == 6 && strncmp(f, "{code}", 6) == 0)
		return PH_CODE;
	if (*len == 6 && strncmp(f, "{year}", 6) == 0)
		return PH_YEAR;
	if (*len == 7 && strncmp(f, "{topic}", 7) == 0)
		return PH_TOPIC;
	if (*len == 8 && strncmp(f, "{serial}", 8) == 0)
		return PH_SERIAL;
	if (*len == 10 && strncmp(f, "{serial:", 8) == 0 && f[8] >= '1' && f[8] <= '9') {
		*width = f[8] - '0';
		return PH_SERIAL;
	}
	return PH_BAD;
}

enum gk_err gk_index_format_check(const char *format, struct gk_error *err)
{
	int has_year = 0, has_serial = 0;
	if (!format || !*format || strlen(format) > 40)
		return gk_fail(err, GK_EINVAL, "索引号格式须为1至40个字符");
	for (const char *f = format; *f;) {
		if (*f != '{') {
			if ((unsigned char)*f <= ' ' || (unsigned char)*f >= 0x7f || *f == '}')
				return gk_fail(err, GK_EINVAL,
					       "索引号格式只能含可打印ASCII字符和占位符");
			f++;
			continue;
		}
		size_t len;
		int width;
		switch (placeholder(f, &len, &width)) {
		case PH_YEAR:
			has_year++;
			break;
		case PH_SERIAL:
			has_serial++;
			break;
		case PH_BAD:
			return gk_fail(err, GK_EINVAL, "索引号格式在“%.12s”处有不认识的占位符", f);
		default:
			break;
		}
		f += len;
	}
	if (has_year != 1 || has_serial != 1)
		return gk_fail(err, GK_EINVAL, "索引号格式须各含一次{year}和{serial}");
	return GK_OK;
}

enum gk_err gk_index_render(const char *format, const char *code, const char *topic, int year,
			    long serial, char out[GK_INDEX_MAX], struct gk_error *err)
{
	size_t o = 0;
	char tmp[GK_INDEX_MAX];
	enum gk_err rc = gk_index_format_check(format, err);
	if (rc)
		return rc;
	for (const char *f = format; *f;) {
		const char *piece = tmp;
		size_t n;
		if (*f != '{') {
			tmp[0] = *f++;
			tmp[1] = '\0';
		} else {
			size_t len;
			int width;
			switch (placeholder(f, &len, &width)) {
			case PH_CODE:
				piece = code ? code : "";
				break;
			case PH_YEAR:
				snprintf(tmp, sizeof tmp, "%04d", year);
				break;
			case PH_TOPIC: {
				/* the top-level code: "10" of "10.3" */
				size_t t = topic ? strcspn(topic, ".") : 0;
				snprintf(tmp, sizeof tmp, "%.*s", (int)t, topic ? topic : "");
				break;
			}
			case PH_SERIAL:
				if (serial < 1)
					memcpy(tmp, "#", 2);
				else
					snprintf(tmp, sizeof tmp, "%0*ld", width, serial);
				break;
			default:
				return gk_fail(err, GK_EINTERNAL, "bad index format");
			}
			f += len;
		}
		n = strlen(piece);
		if (o + n >= GK_INDEX_MAX)
			return gk_fail(err, GK_EINVAL, "索引号将超过%d个字符", GK_INDEX_MAX - 1);
		memcpy(out + o, piece, n);
		o += n;
	}
	out[o] = '\0';
	return GK_OK;
}

bool gk_index_match(const char *format, const char *code, const char *index, int *year,
		    long *serial, char series[GK_INDEX_MAX])
{
	const char *s = index;
	size_t o = 0;
	*year = 0;
	*serial = 0;
	if (gk_index_format_check(format, NULL) || !gk_index_plausible(index))
		return false;
	for (const char *f = format; *f;) {
		const char *keep = s; /* what of S goes into the series key */
		size_t keep_len;
		if (*f != '{') {
			if (*s != *f)
				return false;
			s++;
			f++;
			keep_len = 1;
		} else {
			size_t len, n;
			int width;
			switch (placeholder(f, &len, &width)) {
			case PH_CODE:
				n = strlen(code);
				if (strncmp(s, code, n) != 0)
					return false;
				s += n;
				keep_len = n;
				break;
			case PH_YEAR:
				if (strspn(s, "0123456789") < 4)
					return false;
				*year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 +
					(s[2] - '0') * 10 + (s[3] - '0');
				s += 4;
				keep_len = 4;
				break;
			case PH_TOPIC:
				n = strspn(s, "0123456789");
				if (!n)
					return false;
				s += n;
				keep_len = n;
				break;
			case PH_SERIAL:
				n = strspn(s, "0123456789");
				if (n == 0 || n > 9 || (width && n < (size_t)width))
					return false;
				for (size_t i = 0; i < n; i++)
					*serial = *serial * 10 + (s[i] - '0');
				s += n;
				keep = "#";
				keep_len = 1;
				break;
			default:
				return false;
			}
			f += len;
		}
		if (o + keep_len >= GK_INDEX_MAX)
			return false;
		memcpy(series + o, keep, keep_len);
		o += keep_len;
	}
	series[o] = '\0';
	return *s == '\0' && *serial > 0 && *year >= 1949 && *year <= 2100;
}

bool gk_index_plausible(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n >= GK_INDEX_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] <= ' ' || (unsigned char)s[i] >= 0x7f)
			return false;
	return true;
}
