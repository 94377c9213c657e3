/* SMS through the HTTP gateway a settings file describes
 * (core/sms_gateway.h), with the per-number rate limit. */
#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/phone.h"
#include "core/send_limit.h"
#include "core/sms_gateway.h"
#include "lib/utf8.h"
#include "transport/channels.h"

#define FILE_MAX     ((size_t)64 << 10)
#define ANSWER_MAX   ((size_t)64 << 10)
#define REQUEST_MAX  ((size_t)256 << 10)
#define TEXT_MAX     2000 /* bytes: a long SMS is a few hundred characters */
#define CHINA_OFFSET (8 * 3600)

struct gk_sms_channel {
	struct gk_sms_gateway g;
	struct gk_send_limit *limit; /* NULL: no limit */
};

static enum gk_err read_file(const char *path, struct gk_buf *out, struct gk_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return gk_fail(err, GK_EINVAL, "无法读取短信网关配置文件“%s”：%s", path,
			       strerror(errno));
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (gk_buf_add(out, chunk, n) != GK_OK)
			break;
	bool bad = ferror(f);
	fclose(f);
	if (out->failed)
		return gk_fail(err, GK_EINVAL, "短信网关配置文件“%s”过大（最多 64 KB）", path);
	if (bad)
		return gk_fail(err, GK_EINVAL, "读取短信网关配置文件“%s”出错", path);
	if (memchr(out->data, '\0', out->len))
		return gk_fail(err, GK_EINVAL, "短信网关配置文件“%s”不是文本文件", path);
	return GK_OK;
}

enum gk_err gk_sms_channel_open(const char *path, struct gk_sms_channel **out, struct gk_error *err)
{
	*out = NULL;
	struct gk_sms_channel *s = calloc(1, sizeof *s);
	if (!s)
		return gk_fail(err, GK_ENOMEM, "内存不足");
	struct gk_buf text;
	gk_buf_init(&text, FILE_MAX);
	struct gk_error why = {0};
	enum gk_err e = read_file(path, &text, err);
	if (e == GK_OK && (e = gk_sms_gateway_parse(text.data, &s->g, &why)) != GK_OK)
		gk_fail(err, e, "%s（%s）", why.detail, path);
	gk_buf_release(&text);
	if (e == GK_OK && s->g.rate_limit > 0 &&
	    !(s->limit = gk_send_limit_new(s->g.rate_limit, s->g.rate_window)))
		e = gk_fail(err, GK_ENOMEM, "内存不足");
	if (e != GK_OK) {
		gk_sms_channel_free(s);
		return e;
	}
	*out = s;
	return GK_OK;
}

void gk_sms_channel_free(struct gk_sms_channel *s)
{
	if (!s)
		return;
	gk_send_limit_free(s->limit);
	free(s);
}

static size_t keep_answer(char *data, size_t size, size_t nmemb, void *arg)
{
	struct gk_buf *b = arg;
	size_t n = size * nmemb;
	if (!b->failed)
		gk_buf_add(b, data, n); /* a longer answer is cut: only its start matters */
	return n;
}

static bool has_header(const struct gk_sms_gateway *g, const char *name)
{
	size_t n = strlen(name);
	for (int i = 0; i < g->n_headers; i++)
		if (strncasecmp(g->headers[i], name, n) == 0 && g->headers[i][n] == ':')
			return true;
	return false;
}

static const char *window_name(int64_t window)
{
	return window == 60 ? "每分钟" : window == 86400 ? "每天" : "每小时";
}

/* Renders TMPL for PART into a fresh string (NULL with WHY on failure). */
static char *render(const struct gk_sms_gateway *g, const char *tmpl, enum gk_sms_part part,
		    const struct gk_sms_values *v, char *why, size_t why_len)
{
	struct gk_buf b;
	gk_buf_init(&b, REQUEST_MAX);
	struct gk_error err = {0};
	if (gk_sms_render(&b, tmpl, part, g->encoding, v, &err) != GK_OK) {
		gk_buf_release(&b);
		gk_transport_copy(why, why_len, gk_error_text(&err));
		return NULL;
	}
	return gk_buf_detach(&b, NULL);
}

enum gk_send_status gk_sms_channel_send(struct gk_sms_channel *s, const char *to, const char *text,
					const char *key, char *receipt, size_t receipt_len,
					char *why, size_t why_len, int64_t *retry_after)
{
	const struct gk_sms_gateway *g = &s->g;
	char number[GK_PHONE_SIZE], e164[GK_PHONE_SIZE + 3];
	if (!gk_phone_mobile_normalize(to, number)) {
		snprintf(why, why_len, "手机号码格式不正确");
		return GK_SEND_FAILED;
	}
	snprintf(e164, sizeof e164, "+86%s", number);
	if (!text || !*text) {
		snprintf(why, why_len, "短信内容为空");
		return GK_SEND_FAILED;
	}
	if (!gk_utf8_valid(text, strlen(text)) || strlen(text) > TEXT_MAX) {
		snprintf(why, why_len, "短信内容不是有效的 UTF-8 文本或过长");
		return GK_SEND_FAILED;
	}
	int64_t now = (int64_t)time(NULL);
	int64_t later = s->limit ? gk_send_limit_check(s->limit, number, now) : 0;
	if (later) {
		time_t local = (time_t)(later + CHINA_OFFSET);
		struct tm tm;
		gmtime_r(&local, &tm);
		snprintf(why, why_len, "发往该号码的短信过于频繁（%s最多 %d 条），%02d:%02d 后重试",
			 window_name(g->rate_window), g->rate_limit, tm.tm_hour, tm.tm_min);
		*retry_after = later;
		return GK_SEND_RETRY;
	}

	struct gk_sms_values v = {number, e164, text, key};
	enum gk_send_status st = GK_SEND_RETRY;
	struct curl_slist *headers = NULL;
	char *url = NULL, *body = NULL;
	struct gk_buf answer;
	gk_buf_init(&answer, ANSWER_MAX);
	CURL *c = NULL;
	if (!(url = render(g, g->url, GK_SMS_PART_URL, &v, why, why_len)) ||
	    (g->post && !(body = render(g, g->body, GK_SMS_PART_BODY, &v, why, why_len)))) {
		st = GK_SEND_FAILED;
		goto done;
	}
	bool ok = true;
	for (int i = 0; i < g->n_headers && ok; i++) {
		char *h = render(g, g->headers[i], GK_SMS_PART_HEADER, &v, why, why_len);
		struct curl_slist *more = h ? curl_slist_append(headers, h) : NULL;
		ok = more != NULL;
		if (more)
			headers = more;
		free(h);
	}
	if (ok && g->idempotency_header[0]) {
		char h[sizeof g->idempotency_header + 512];
		if (strpbrk(key, "\r\n") || strlen(key) > 500) {
			snprintf(why, why_len, "幂等键不能放进请求头");
			st = GK_SEND_FAILED;
			goto done;
		}
		snprintf(h, sizeof h, "%s: %s", g->idempotency_header, key);
		struct curl_slist *more = curl_slist_append(headers, h);
		ok = more != NULL;
		if (more)
			headers = more;
	}
	if (ok && g->post && !has_header(g, "Content-Type")) {
		const char *type = g->encoding == GK_SMS_FORM
					   ? "Content-Type: application/x-www-form-urlencoded"
					   : "Content-Type: application/json; charset=utf-8";
		struct curl_slist *more = curl_slist_append(headers, type);
		ok = more != NULL;
		if (more)
			headers = more;
	}
	if (!ok) {
		if (!why[0])
			snprintf(why, why_len, "服务器内存不足，稍后重试");
		else
			st = GK_SEND_FAILED;
		goto done;
	}
	if (!(c = curl_easy_init())) {
		snprintf(why, why_len, "服务器内存不足，稍后重试");
		goto done;
	}
	char detail[CURL_ERROR_SIZE] = "";
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	if (g->post) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
	}
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep_answer);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, g->timeout < 10 ? g->timeout : 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, g->timeout);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, detail);
	CURLcode code = curl_easy_perform(c);
	if (code != CURLE_OK) {
		long os_errno = 0;
		curl_easy_getinfo(c, CURLINFO_OS_ERRNO, &os_errno);
		gk_transport_curl_why(code, os_errno, "短信网关", detail, why, why_len);
		goto done;
	}
	long status = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	char said[128], got[256];
	switch (gk_sms_judge(g, status, answer.data, answer.len, got, sizeof got, said,
			     sizeof said)) {
	case GK_SMS_DELIVERED:
		st = GK_SEND_SENT;
		gk_transport_copy(receipt, receipt_len, got);
		if (s->limit)
			gk_send_limit_count(s->limit, number, now);
		break;
	case GK_SMS_TEMPORARY:
		if (said[0])
			snprintf(why, why_len, "短信网关暂时不能发送（%s），稍后重试", said);
		else
			snprintf(why, why_len, "短信网关暂时不能发送（HTTP %ld），稍后重试",
				 status);
		break;
	case GK_SMS_PERMANENT:
		st = GK_SEND_FAILED;
		if (said[0])
			snprintf(why, why_len, "短信网关拒绝发送（%s）", said);
		else
			snprintf(why, why_len, "短信网关拒绝发送（HTTP %ld）", status);
		break;
	}
done:
	curl_easy_cleanup(c);
	curl_slist_free_all(headers);
	gk_buf_release(&answer);
	free(url);
	free(body);
	return st;
}

void gk_sms_channel_describe(const struct gk_sms_channel *s, char *out, size_t len)
{
	const struct gk_sms_gateway *g = &s->g;
	/* the URL up to its query, which may hold a key */
	int n = (int)strcspn(g->url, "?#");
	if (g->rate_limit)
		snprintf(out, len, "SMS %s %.*s (at most %d per %s)", g->post ? "POST" : "GET", n,
			 g->url, g->rate_limit,
			 g->rate_window == 60      ? "minute"
			 : g->rate_window == 86400 ? "day"
						   : "hour");
	else
		snprintf(out, len, "SMS %s %.*s", g->post ? "POST" : "GET", n, g->url);
}
