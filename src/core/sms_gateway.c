/* The SMS gateway's settings file, its request templates and its answers. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sms_gateway.h"
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
