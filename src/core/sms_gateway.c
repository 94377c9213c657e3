/* The SMS gateway's settings file, its request templates and its answers. */
#include <jansson.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sms_gateway.h"
#include "lib/date.h"
#include "lib/utf8.h"

static const char *const placeholders[] = {"to", "to_e164", "text", "key"};

static const char *value_of(const struct gk_sms_values *v, const char *name, size_t n)
{
	const char *values[] = {v->to, v->to_e164, v->text, v->key};
	for (size_t i = 0; i < sizeof placeholders / sizeof *placeholders; i++)
		if (strlen(placeholders[i]) == n && memcmp(placeholders[i], name, n) == 0)
			return values[i] ? values[i] : "";
	return NULL;
}

/* The length of a placeholder name at S ("{name}": letters, digits and _
 * after the brace, then the closing brace), 0 if S does not start one. A
 * JSON object's brace is followed by a quote or a space, so it never is. */
static size_t placeholder_at(const char *s)
{
	if (s[0] != '{')
		return 0;
	size_t n = 1;
	while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
	       (s[n] >= '0' && s[n] <= '9') || s[n] == '_')
		n++;
	return n > 1 && s[n] == '}' ? n - 1 : 0;
}

static void put_percent(struct gk_buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p)) {
			gk_buf_putc(out, (char)*p);
		} else {
			gk_buf_putc(out, '%');
			gk_buf_putc(out, hex[*p >> 4]);
			gk_buf_putc(out, hex[*p & 15]);
		}
	}
}

static void put_json(struct gk_buf *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			gk_buf_puts(out, "\\\"");
			break;
		case '\\':
			gk_buf_puts(out, "\\\\");
			break;
		case '\n':
			gk_buf_puts(out, "\\n");
			break;
		case '\r':
			gk_buf_puts(out, "\\r");
			break;
		case '\t':
			gk_buf_puts(out, "\\t");
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				gk_buf_printf(out, "\\u%04x", *p);
			else
				gk_buf_putc(out, (char)*p);
		}
	}
}

enum gk_err gk_sms_render(struct gk_buf *out, const char *tmpl, enum gk_sms_part part,
			  enum gk_sms_encoding encoding, const struct gk_sms_values *v,
			  struct gk_error *err)
{
	for (const char *p = tmpl; *p;) {
		size_t n = placeholder_at(p);
		if (n == 0) {
			gk_buf_putc(out, *p++);
			continue;
		}
		const char *value = value_of(v, p + 1, n);
		if (!value)
			return gk_fail(err, GK_EINVAL,
				       "未知的占位符“{%.*s}”（可用：{to} {to_e164} {text} {key}）",
				       (int)n, p + 1);
		if (part == GK_SMS_PART_URL ||
		    (part == GK_SMS_PART_BODY && encoding == GK_SMS_FORM)) {
			put_percent(out, value);
		} else if (part == GK_SMS_PART_BODY) {
			put_json(out, value);
		} else {
			for (const char *c = value; *c; c++)
				if ((unsigned char)*c < 0x20 || *c == 0x7f)
					return gk_fail(
						err, GK_EINVAL,
						"占位符“{%.*s}”的值含控制字符，不能放进请求头",
						(int)n, p + 1);
			gk_buf_puts(out, value);
		}
		p += n + 2;
	}
	if (out->failed)
		return gk_fail(err, (enum gk_err)out->failed, "短信请求过大");
	return GK_OK;
}

/* Checks TMPL's placeholders by rendering it with sample values. */
static enum gk_err check_template(const char *tmpl, enum gk_sms_part part, struct gk_error *err)
{
	static const struct gk_sms_values sample = {"13800000000", "+8613800000000", "测试",
						    "key-1"};
	struct gk_buf b;
	gk_buf_init(&b, 1 << 20);
	enum gk_err e = gk_sms_render(&b, tmpl, part, GK_SMS_JSON, &sample, err);
	gk_buf_release(&b);
	return e;
}

/* "200-299, 302": ranges separated by commas. */
static bool parse_ranges(const char *s, struct gk_sms_range *r, int *n)
{
	*n = 0;
	while (*s) {
		char *end;
		while (*s == ' ' || *s == ',')
			s++;
		if (!*s)
			break;
		long lo = strtol(s, &end, 10);
		if (end == s || lo < 100 || lo > 599)
			return false;
		long hi = lo;
		s = end;
		while (*s == ' ')
			s++;
		if (*s == '-') {
			s++;
			hi = strtol(s, &end, 10);
			if (end == s || hi < lo || hi > 599)
				return false;
			s = end;
		}
		while (*s == ' ')
			s++;
		if (*s && *s != ',')
			return false;
		if (*n == GK_SMS_MAX_RANGES)
			return false;
		r[*n].lo = (int)lo;
		r[*n].hi = (int)hi;
		(*n)++;
	}
	return *n > 0;
}

/* "5/hour", "20/day", "1/minute", "0" or "none". */
static bool parse_rate(const char *s, int *limit, int64_t *window)
{
	if (strcmp(s, "0") == 0 || strcmp(s, "none") == 0) {
		*limit = 0;
		*window = 3600;
		return true;
	}
	char *end;
	long n = strtol(s, &end, 10);
	if (end == s || n < 1 || n > 1000 || *end != '/')
		return false;
	end++;
	while (*end == ' ')
		end++;
	if (strcmp(end, "minute") == 0)
		*window = 60;
	else if (strcmp(end, "hour") == 0)
		*window = 3600;
	else if (strcmp(end, "day") == 0)
		*window = 86400;
	else
		return false;
	*limit = (int)n;
	return true;
}

static bool set_text(char *dst, size_t cap, const char *value)
{
	size_t n = strlen(value);
	if (n >= cap)
		return false;
	memcpy(dst, value, n + 1);
	return true;
}

static bool field_path_ok(const char *s)
{
	if (!*s || s[0] == '.' || s[strlen(s) - 1] == '.' || strstr(s, ".."))
		return false;
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.") ==
	       strlen(s);
}

#define HEADER_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

/* The delivery report keys (report_…). */
static enum gk_err parse_report_line(struct gk_sms_gateway *g, const char *key, const char *value,
				     int line_no, struct gk_error *err)
{
	static const struct {
		const char *key;
		size_t offset;
		size_t size;
		char kind; /* f: a field path, h: a header name, p: a parameter name, t: text */
	} keys[] = {
#define K(name, kind)                                                                            \
	{#name, offsetof(struct gk_sms_gateway, name), sizeof((struct gk_sms_gateway *)0)->name, \
	 kind}
		K(report_secret, 't'),           K(report_secret_header, 'h'),
		K(report_secret_param, 'p'),     K(report_id_field, 'f'),
		K(report_status_field, 'f'),     K(report_time_field, 'f'),
		K(report_reason_field, 'f'),     K(report_list_field, 'f'),
		K(report_delivered_values, 't'), K(report_failed_values, 't'),
#undef K
	};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (strcmp(key, keys[i].key) != 0)
			continue;
		bool ok = *value != '\0';
		if (keys[i].kind == 'f')
			ok = field_path_ok(value);
		else if (keys[i].kind == 'h')
			ok = ok && strspn(value, HEADER_CHARS) == strlen(value);
		else if (keys[i].kind == 'p')
			ok = ok && strspn(value, HEADER_CHARS ".") == strlen(value);
		if (!ok)
			return gk_fail(err, GK_EINVAL,
				       "短信网关配置第 %d 行：%s 的值不合要求（%s）", line_no, key,
				       keys[i].kind == 'f' ? "应为字段路径，如“data.id”"
				       : keys[i].kind == 'h' ? "应为请求头名称"
				       : keys[i].kind == 'p' ? "应为参数名称"
							     : "不能为空");
		if (strcmp(key, "report_secret") == 0 && strlen(value) < 16)
			return gk_fail(err, GK_EINVAL,
				       "短信网关配置第 %d 行：report_secret 至少 16 个字符",
				       line_no);
		if (!set_text((char *)g + keys[i].offset, keys[i].size, value))
			return gk_fail(err, GK_EINVAL, "短信网关配置第 %d 行：“%s”的值过长",
				       line_no, key);
		return GK_OK;
	}
	return gk_fail(err, GK_EINVAL, "短信网关配置第 %d 行：未知的设置“%s”", line_no, key);
}

/* The delivery report settings go together. */
static enum gk_err check_reports(const struct gk_sms_gateway *g, struct gk_error *err)
{
	bool any = g->report_secret_header[0] || g->report_secret_param[0] ||
		   g->report_id_field[0] || g->report_status_field[0] || g->report_time_field[0] ||
		   g->report_reason_field[0] || g->report_list_field[0] ||
		   g->report_delivered_values[0] || g->report_failed_values[0];
	if (!g->report_secret[0])
		return any ? gk_fail(err, GK_EINVAL,
				     "短信网关配置：状态报告的设置须与 report_secret 同用")
			   : GK_OK;
	if ((g->report_secret_header[0] != '\0') == (g->report_secret_param[0] != '\0'))
		return gk_fail(err, GK_EINVAL,
			       "短信网关配置：report_secret_header 与 report_secret_param "
			       "须设置其中一个");
	if (!g->report_id_field[0] || !g->report_status_field[0])
		return gk_fail(
			err, GK_EINVAL,
			"短信网关配置：状态报告须设置 report_id_field 和 report_status_field");
	if (!g->report_delivered_values[0])
		return gk_fail(err, GK_EINVAL,
			       "短信网关配置：状态报告须设置 report_delivered_values");
	return GK_OK;
}

bool gk_sms_gateway_reports(const struct gk_sms_gateway *g)
{
	return g && g->report_secret[0] != '\0';
}

/* One "key = value" line; LINE_NO for messages. */
static enum gk_err parse_line(struct gk_sms_gateway *g, const char *key, const char *value,
			      int line_no, struct gk_error *err)
{
#define TOO_LONG() gk_fail(err, GK_EINVAL, "短信网关配置第 %d 行：“%s”的值过长", line_no, key)
	if (strcmp(key, "url") == 0) {
		if (strncmp(value, "http://", 7) != 0 && strncmp(value, "https://", 8) != 0)
			return gk_fail(err, GK_EINVAL,
				       "短信网关配置第 %d 行：url 须以 http:// 或 https:// 开头",
				       line_no);
		if (strspn(value, " \t") != 0 || strpbrk(value, " \t"))
			return gk_fail(err, GK_EINVAL, "短信网关配置第 %d 行：url 不能含空格",
				       line_no);
		if (!set_text(g->url, sizeof g->url, value))
			return TOO_LONG();
	} else if (strcmp(key, "method") == 0) {
		if (strcmp(value, "POST") == 0 || strcmp(value, "post") == 0)
			g->post = true;
		else if (strcmp(value, "GET") == 0 || strcmp(value, "get") == 0)
			g->post = false;
		else
			return gk_fail(err, GK_EINVAL,
				       "短信网关配置第 %d 行：method 只能是 POST 或 GET", line_no);
	} else if (strcmp(key, "header") == 0) {
		const char *colon = strchr(value, ':');
		if (!colon || colon == value ||
		    strspn(value,
			   "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") !=
			    (size_t)(colon - value))
			return gk_fail(err, GK_EINVAL,
				       "短信网关配置第 %d 行：header 应写成“名称: 值”", line_no);
		if (g->n_headers == GK_SMS_MAX_HEADERS)
			return gk_fail(err, GK_EINVAL, "短信网关配置第 %d 行：header 最多 %d 个",
				       line_no, GK_SMS_MAX_HEADERS);
		if (!set_text(g->headers[g->n_headers], sizeof g->headers[0], value))
			return TOO_LONG();
		g->n_headers++;
	} else if (strcmp(key, "body") == 0) {
		if (!set_text(g->body, sizeof g->body, value))
			return TOO_LONG();
	} else if (strcmp(key, "encoding") == 0) {
		if (strcmp(value, "json") == 0)
			g->encoding = GK_SMS_JSON;
		else if (strcmp(value, "form") == 0)
			g->encoding = GK_SMS_FORM;
		else
			return gk_fail(err, GK_EINVAL,
				       "短信网关配置第 %d 行：encoding 只能是 json 或 form",
				       line_no);
	} else if (strcmp(key, "success_status") == 0 || strcmp(key, "permanent_status") == 0) {
		bool success = key[0] == 's';
		if (!parse_ranges(value, success ? g->success : g->permanent,
				  success ? &g->n_success : &g->n_permanent))
			return gk_fail(
				err, GK_EINVAL,
				"短信网关配置第 %d 行：%s 应为 HTTP 状态码或范围的列表，如“200-299, "
				"302”",
				line_no, key);
	} else if (strcmp(key, "receipt_field") == 0 || strcmp(key, "ok_field") == 0) {
		char *dst = key[0] == 'r' ? g->receipt_field : g->ok_field;
		if (!field_path_ok(value))
			return gk_fail(err, GK_EINVAL,
				       "短信网关配置第 %d 行：%s 应为 JSON 字段路径，如“data.id”",
				       line_no, key);
		if (!set_text(dst, sizeof g->receipt_field, value))
			return TOO_LONG();
	} else if (strcmp(key, "temporary_values") == 0) {
		if (!set_text(g->temporary_values, sizeof g->temporary_values, value))
			return TOO_LONG();
	} else if (strcmp(key, "ok_value") == 0) {
		if (!set_text(g->ok_value, sizeof g->ok_value, value))
			return TOO_LONG();
	} else if (strcmp(key, "idempotency_header") == 0) {
		if (!*value ||
		    strspn(value,
			   "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") !=
			    strlen(value))
			return gk_fail(err, GK_EINVAL,
				       "短信网关配置第 %d 行：idempotency_header 应为请求头名称",
				       line_no);
		if (!set_text(g->idempotency_header, sizeof g->idempotency_header, value))
			return TOO_LONG();
	} else if (strcmp(key, "rate_limit") == 0) {
		if (!parse_rate(value, &g->rate_limit, &g->rate_window))
			return gk_fail(
				err, GK_EINVAL,
				"短信网关配置第 %d 行：rate_limit 应写成“条数/minute|hour|day”，如"
				"“5/hour”",
				line_no);
	} else if (strcmp(key, "timeout") == 0) {
		char *end;
		long t = strtol(value, &end, 10);
		if (end == value || *end || t < 1 || t > 300)
			return gk_fail(err, GK_EINVAL,
				       "短信网关配置第 %d 行：timeout 应为 1 到 300 之间的秒数",
				       line_no);
		g->timeout = t;
	} else if (strncmp(key, "report_", 7) == 0) {
		return parse_report_line(g, key, value, line_no, err);
	} else {
		return gk_fail(err, GK_EINVAL, "短信网关配置第 %d 行：未知的设置“%s”", line_no,
			       key);
	}
	return GK_OK;
#undef TOO_LONG
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

enum gk_err gk_sms_gateway_parse(const char *text, struct gk_sms_gateway *g, struct gk_error *err)
{
	memset(g, 0, sizeof *g);
	g->post = true;
	g->encoding = GK_SMS_JSON;
	g->timeout = 15;
	g->rate_window = 3600;
	if (!gk_utf8_valid(text, strlen(text)))
		return gk_fail(err, GK_EINVAL, "短信网关配置不是有效的 UTF-8 文本");
	char *copy = strdup(text);
	if (!copy)
		return gk_fail(err, GK_ENOMEM, "内存不足");
	enum gk_err e = GK_OK;
	int line_no = 0;
	for (char *line = copy, *next; line && e == GK_OK; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		line_no++;
		char *s = trim(line);
		if (!*s || *s == '#')
			continue;
		char *eq = strchr(s, '=');
		if (!eq) {
			e = gk_fail(err, GK_EINVAL, "短信网关配置第 %d 行：应写成“名称 = 值”",
				    line_no);
			break;
		}
		*eq = '\0';
		/* a stray CR (or any control character) would split a header */
		for (const char *c = eq + 1; *c && e == GK_OK; c++)
			if (((unsigned char)*c < 0x20 && *c != '\t') || *c == 0x7f)
				e = gk_fail(err, GK_EINVAL, "短信网关配置第 %d 行含控制字符",
					    line_no);
		if (e == GK_OK)
			e = parse_line(g, trim(s), trim(eq + 1), line_no, err);
	}
	free(copy);
	if (e != GK_OK)
		return e;
	if (!g->url[0])
		return gk_fail(err, GK_EINVAL, "短信网关配置缺少 url");
	if (!g->post && g->body[0])
		return gk_fail(err, GK_EINVAL, "短信网关配置：GET 请求不能有 body");
	if (g->post && !g->body[0])
		return gk_fail(err, GK_EINVAL, "短信网关配置：POST 请求须有 body");
	if ((g->ok_field[0] != '\0') != (g->ok_value[0] != '\0'))
		return gk_fail(err, GK_EINVAL, "短信网关配置：ok_field 与 ok_value 须同时设置");
	if (g->temporary_values[0] && !g->ok_field[0])
		return gk_fail(err, GK_EINVAL, "短信网关配置：temporary_values 须与 ok_field 同用");
	if ((e = check_reports(g, err)) != GK_OK)
		return e;
	if (!g->n_success) {
		g->success[0] = (struct gk_sms_range){200, 299};
		g->n_success = 1;
	}
	if (!g->n_permanent) {
		g->permanent[0] = (struct gk_sms_range){400, 499};
		g->n_permanent = 1;
	}
	/* every template checked now, not at the first message */
	struct gk_error why = {0};
	if (check_template(g->url, GK_SMS_PART_URL, &why) != GK_OK)
		return gk_fail(err, GK_EINVAL, "短信网关配置 url：%s", why.detail);
	if (check_template(g->body, GK_SMS_PART_BODY, &why) != GK_OK)
		return gk_fail(err, GK_EINVAL, "短信网关配置 body：%s", why.detail);
	for (int i = 0; i < g->n_headers; i++)
		if (check_template(g->headers[i], GK_SMS_PART_HEADER, &why) != GK_OK)
			return gk_fail(err, GK_EINVAL, "短信网关配置 header：%s", why.detail);
	return GK_OK;
}

static bool in_ranges(const struct gk_sms_range *r, int n, long status)
{
	for (int i = 0; i < n; i++)
		if (status >= r[i].lo && status <= r[i].hi)
			return true;
	return false;
}

/* True if V is one of LIST's comma-separated values (spaces around them
 * ignored). */
static bool in_list(const char *list, const char *v)
{
	size_t n = strlen(v);
	for (const char *p = list; *p;) {
		while (*p == ' ' || *p == ',')
			p++;
		size_t len = strcspn(p, ",");
		size_t trimmed = len;
		while (trimmed && p[trimmed - 1] == ' ')
			trimmed--;
		if (trimmed && trimmed == n && memcmp(p, v, n) == 0)
			return true;
		p += len;
	}
	return false;
}

/* The value at dotted PATH in ROOT as text (a string as is, a number
 * written out); false if absent or not a scalar. */
static bool json_path_text(json_t *root, const char *path, char *out, size_t out_len)
{
	json_t *v = root;
	const char *p = path;
	while (v && *p) {
		const char *dot = strchr(p, '.');
		size_t n = dot ? (size_t)(dot - p) : strlen(p);
		char name[128];
		if (n >= sizeof name)
			return false;
		memcpy(name, p, n);
		name[n] = '\0';
		v = json_is_object(v) ? json_object_get(v, name) : NULL;
		p += n + (dot != NULL);
	}
	if (json_is_string(v) && out_len) {
		/* cut on a whole character (a string may hold a NUL: it ends there) */
		const char *text = json_string_value(v);
		size_t n = gk_utf8_prefix(text, out_len - 1);
		memcpy(out, text, n);
		out[n] = '\0';
	} else if (json_is_integer(v))
		snprintf(out, out_len, "%lld", (long long)json_integer_value(v));
	else if (json_is_true(v) || json_is_false(v))
		snprintf(out, out_len, "%s", json_is_true(v) ? "true" : "false");
	else
		return false;
	return true;
}

enum gk_sms_verdict gk_sms_judge(const struct gk_sms_gateway *g, long status, const char *answer,
				 size_t len, char *receipt, size_t receipt_len, char *why,
				 size_t why_len)
{
	if (receipt_len)
		receipt[0] = '\0';
	if (why_len)
		why[0] = '\0';
	json_t *root = NULL;
	if (answer && len && (g->receipt_field[0] || g->ok_field[0]))
		root = json_loadb(answer, len, 0, NULL);
	enum gk_sms_verdict verdict;
	if (status == 408 || status == 429) {
		verdict = GK_SMS_TEMPORARY;
	} else if (in_ranges(g->success, g->n_success, status)) {
		verdict = GK_SMS_DELIVERED;
		char got[128];
		if (g->ok_field[0] &&
		    (!root || !json_path_text(root, g->ok_field, got, sizeof got) ||
		     strcmp(got, g->ok_value) != 0)) {
			verdict = GK_SMS_PERMANENT;
			if (!root || !json_path_text(root, g->ok_field, got, sizeof got))
				snprintf(got, sizeof got, "%s", "（无此字段）");
			else if (in_list(g->temporary_values, got))
				verdict = GK_SMS_TEMPORARY;
			/* the gateway's code, cut short on a character for the record */
			got[gk_utf8_prefix(got, 60)] = '\0';
			snprintf(why, why_len, "%s = %s", g->ok_field, got);
		}
		if (verdict == GK_SMS_DELIVERED && g->receipt_field[0] && root)
			json_path_text(root, g->receipt_field, receipt, receipt_len);
	} else if (in_ranges(g->permanent, g->n_permanent, status)) {
		verdict = GK_SMS_PERMANENT;
	} else {
		verdict = GK_SMS_TEMPORARY;
	}
	json_decref(root);
	return verdict;
}

/* --- delivery reports ----------------------------------------------------- */

/* The value at dotted PATH in ROOT, or NULL. */
static json_t *json_path_get(json_t *root, const char *path)
{
	json_t *v = root;
	for (const char *p = path; v && *p;) {
		const char *dot = strchr(p, '.');
		size_t n = dot ? (size_t)(dot - p) : strlen(p);
		char name[128];
		if (n >= sizeof name)
			return NULL;
		memcpy(name, p, n);
		name[n] = '\0';
		v = json_is_object(v) ? json_object_get(v, name) : NULL;
		p += n + (dot != NULL);
	}
	return v;
}

/* Reads N digits at S as a number; false unless all are digits. */
static bool digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* Unix time of a civil date and time at OFFSET seconds east of UTC. */
static bool civil_time(int y, int mo, int d, int h, int mi, int sec, long offset, int64_t *out)
{
	struct gk_date date = {y, mo, d};
	if (y < 1970 || y > 2999 || !gk_date_valid(date) || h > 23 || mi > 59 || sec > 60)
		return false;
	*out = (int64_t)gk_date_to_days(date) * 86400 + h * 3600 + mi * 60 + sec - offset;
	return true;
}

bool gk_sms_report_time(const char *s, int64_t *out)
{
	size_t len = strlen(s);
	int y, mo, d, h, mi, sec;
	if (len && strspn(s, "0123456789") == len) {
		if (len == 14) /* YYYYMMDDHHMMSS, China's time */
			return digits(s, 4, &y) && digits(s + 4, 2, &mo) && digits(s + 6, 2, &d) &&
			       digits(s + 8, 2, &h) && digits(s + 10, 2, &mi) &&
			       digits(s + 12, 2, &sec) &&
			       civil_time(y, mo, d, h, mi, sec, 8 * 3600, out);
		if (len > 13)
			return false;
		long long v = strtoll(s, NULL, 10);
		if (len == 13)
			v /= 1000; /* milliseconds */
		else if (len > 10)
			return false;
		if (v <= 0)
			return false;
		*out = (int64_t)v;
		return true;
	}
	/* YYYY-MM-DD[ T]HH:MM[:SS][.fff][Z|±HH[:]MM] */
	if (len < 16 || !digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &mo) || s[7] != '-' ||
	    !digits(s + 8, 2, &d) || (s[10] != ' ' && s[10] != 'T') || !digits(s + 11, 2, &h) ||
	    s[13] != ':' || !digits(s + 14, 2, &mi))
		return false;
	const char *p = s + 16;
	sec = 0;
	if (*p == ':') {
		if (!digits(p + 1, 2, &sec))
			return false;
		p += 3;
		if (*p == '.' || *p == ',') {
			p++;
			if (*p < '0' || *p > '9')
				return false;
			while (*p >= '0' && *p <= '9')
				p++;
		}
	}
	long offset = 8 * 3600;
	if (*p == 'Z') {
		offset = 0;
		p++;
	} else if (*p == '+' || *p == '-') {
		int oh, om;
		int sign = *p == '-' ? -1 : 1;
		p++;
		if (!digits(p, 2, &oh))
			return false;
		p += 2;
		if (*p == ':')
			p++;
		if (!digits(p, 2, &om) || oh > 14 || om > 59)
			return false;
		p += 2;
		offset = sign * (oh * 3600L + om * 60L);
	}
	return *p == '\0' && civil_time(y, mo, d, h, mi, sec, offset, out);
}

/* One field of a report: a JSON value at a path, or a form field. */
struct report_source {
	json_t *obj;          /* JSON */
	const char *form;     /* the form body, NUL-ended */
	char value_buf[1024]; /* a decoded form value */
};

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decodes S's first N bytes into OUT (+ is a space); false if an
 * escape is broken, a NUL decoded, or it does not fit. */
static bool form_decode(const char *s, size_t n, char *out, size_t out_len)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			if (i + 2 >= n)
				return false;
			int hi = hex_value(s[i + 1]);
			int lo = hex_value(s[i + 2]);
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
				return false;
			c = (char)(hi * 16 + lo);
			i += 2;
		}
		if (o + 1 >= out_len)
			return false;
		out[o++] = c;
	}
	out[o] = '\0';
	return true;
}

/* The text of field NAME in SRC into OUT; 0 absent, 1 found, -1 malformed. */
static int report_field(struct report_source *src, const char *name, char *out, size_t out_len)
{
	if (src->obj)
		return json_path_text(src->obj, name, out, out_len) ? 1 : 0;
	size_t name_len = strlen(name);
	for (const char *p = src->form; *p;) {
		size_t pair = strcspn(p, "&");
		const char *eq = memchr(p, '=', pair);
		size_t key_len = eq ? (size_t)(eq - p) : pair;
		char key[256];
		if (!form_decode(p, key_len, key, sizeof key))
			return -1;
		if (strlen(key) == name_len && memcmp(key, name, name_len) == 0) {
			if (!eq)
				return form_decode("", 0, out, out_len) ? 1 : -1;
			if (!form_decode(eq + 1, pair - key_len - 1, src->value_buf,
					 sizeof src->value_buf) ||
			    !gk_utf8_valid(src->value_buf, strlen(src->value_buf)))
				return -1;
			size_t n = gk_utf8_prefix(src->value_buf, out_len - 1);
			memcpy(out, src->value_buf, n);
			out[n] = '\0';
			return 1;
		}
		p += pair;
		if (*p == '&')
			p++;
	}
	return 0;
}

/* Reads the report of SRC, the INDEX-th (from 1) of the body, into R. */
static enum gk_err read_report(const struct gk_sms_gateway *g, struct report_source *src,
			       size_t index, int64_t now, struct gk_sms_report *r,
			       struct gk_error *err)
{
	memset(r, 0, sizeof *r);
	const char *missing = NULL;
	int got = report_field(src, g->report_id_field, r->id, sizeof r->id);
	if (got == 1 && !r->id[0])
		got = 0;
	if (got == 0)
		missing = g->report_id_field;
	int got_status =
		got < 0 ? -1
			: report_field(src, g->report_status_field, r->status, sizeof r->status);
	if (got_status == 0 && !missing)
		missing = g->report_status_field;
	if (got < 0 || got_status < 0)
		return gk_fail(err, GK_EINVAL, "第 %zu 条状态报告的字段编码有误", index);
	if (missing)
		return gk_fail(err, GK_EINVAL, "第 %zu 条状态报告缺少“%s”字段", index, missing);
	if (in_list(g->report_delivered_values, r->status))
		r->outcome = GK_SMS_REPORT_DELIVERED;
	else if (in_list(g->report_failed_values, r->status))
		r->outcome = GK_SMS_REPORT_FAILED;
	else
		r->outcome = GK_SMS_REPORT_OTHER;
	char when[64];
	r->at = now;
	if (g->report_time_field[0] &&
	    report_field(src, g->report_time_field, when, sizeof when) == 1) {
		int64_t t;
		if (gk_sms_report_time(when, &t))
			r->at = t;
	}
	if (!g->report_reason_field[0] ||
	    report_field(src, g->report_reason_field, r->reason, sizeof r->reason) != 1 ||
	    !r->reason[0])
		snprintf(r->reason, sizeof r->reason, "%s", r->status);
	return GK_OK;
}

enum gk_err gk_sms_reports_parse(const struct gk_sms_gateway *g, const char *body, size_t len,
				 bool form, int64_t now, struct gk_sms_report *out, size_t cap,
				 size_t *n, struct gk_error *err)
{
	*n = 0;
	if (!body || !len)
		return gk_fail(err, GK_EINVAL, "状态报告为空");
	if (memchr(body, '\0', len) || !gk_utf8_valid(body, len))
		return gk_fail(err, GK_EINVAL, "状态报告不是有效的 UTF-8 文本");
	struct report_source *src = calloc(1, sizeof *src);
	if (!src)
		return gk_fail(err, GK_ENOMEM, "内存不足");
	enum gk_err e = GK_OK;
	if (form) {
		char *text = strndup(body, len);
		if (!text) {
			free(src);
			return gk_fail(err, GK_ENOMEM, "内存不足");
		}
		src->form = text;
		if (cap < 1)
			e = gk_fail(err, GK_EINVAL, "状态报告过多");
		else if ((e = read_report(g, src, 1, now, &out[0], err)) == GK_OK)
			*n = 1;
		free(text);
		free(src);
		return e;
	}
	json_error_t jerr;
	json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		free(src);
		return gk_fail(err, GK_EINVAL, "状态报告不是有效的 JSON（第 %d 行：%s）", jerr.line,
			       jerr.text);
	}
	json_t *list = root;
	if (json_is_object(root) && g->report_list_field[0] &&
	    json_is_array(json_path_get(root, g->report_list_field)))
		list = json_path_get(root, g->report_list_field);
	if (json_is_object(list)) {
		src->obj = list;
		if (cap < 1)
			e = gk_fail(err, GK_EINVAL, "状态报告过多");
		else if ((e = read_report(g, src, 1, now, &out[0], err)) == GK_OK)
			*n = 1;
	} else if (json_is_array(list)) {
		size_t count = json_array_size(list);
		if (count > cap)
			e = gk_fail(err, GK_EINVAL, "一次最多 %zu 条状态报告，收到 %zu 条", cap,
				    count);
		for (size_t i = 0; i < count && e == GK_OK; i++) {
			src->obj = json_array_get(list, i);
			if (!json_is_object(src->obj))
				e = gk_fail(err, GK_EINVAL, "第 %zu 条状态报告不是 JSON 对象",
					    i + 1);
			else
				e = read_report(g, src, i + 1, now, &out[i], err);
		}
		if (e == GK_OK)
			*n = count;
	} else {
		e = gk_fail(err, GK_EINVAL, "状态报告应为 JSON 对象或对象的数组");
	}
	json_decref(root);
	free(src);
	return e;
}
