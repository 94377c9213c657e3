/* E-mail over SMTP with libcurl: STARTTLS when offered (or required),
 * authentication, timeouts; the message itself is core/mail_message's. */
#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/mail_message.h"
#include "transport/channels.h"

#define CONNECT_TIMEOUT 15 /* seconds */
#define DEFAULT_TIMEOUT 60
#define MESSAGE_MAX     ((size_t)4 << 20)

struct gk_mail_channel {
	char *url;
	char *user, *password; /* NULL: from the URL, or none */
	char *from;            /* the From setting as given */
	char *ca_file;         /* NULL: the system's CA certificates */
	char from_addr[GK_MAIL_ADDR_MAX + 1];
	bool require_tls;
	long timeout;
};

static char *dup_or_null(const char *s)
{
	return s && *s ? strdup(s) : NULL;
}

static bool is_loopback(const char *host)
{
	return strcmp(host, "127.0.0.1") == 0 || strcmp(host, "localhost") == 0 ||
	       strcmp(host, "::1") == 0 || strcmp(host, "[::1]") == 0;
}

/* URL with any user:password replaced by "***", for a message. */
static void redact(const char *url, char *out, size_t len)
{
	const char *start = strstr(url, "://");
	start = start ? start + 3 : url;
	const char *end = start + strcspn(start, "/?#");
	const char *at = NULL;
	for (const char *p = start; p < end; p++)
		if (*p == '@')
			at = p;
	if (at)
		snprintf(out, len, "%.*s***%s", (int)(start - url), url, at);
	else
		snprintf(out, len, "%s", url);
}

/* Checks URL: smtp or smtps, a host; tells whether it names a password
 * and whether the host is this machine. */
static enum gk_err check_url(const char *url, bool *has_password, bool *implicit_tls,
			     bool *loopback, struct gk_error *err)
{
	CURLU *u = curl_url();
	if (!u)
		return gk_fail(err, GK_ENOMEM, "内存不足");
	char *scheme = NULL, *host = NULL, *password = NULL;
	enum gk_err e = GK_OK;
	char shown[512];
	redact(url, shown, sizeof shown);
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || !host[0]) {
		e = gk_fail(err, GK_EINVAL,
			    "邮件服务器地址（--smtp）“%s”格式不正确，应写成 smtp://主机:端口 或 "
			    "smtps://主机:端口",
			    shown);
		goto done;
	}
	if (strcmp(scheme, "smtp") != 0 && strcmp(scheme, "smtps") != 0) {
		e = gk_fail(err, GK_EINVAL,
			    "邮件服务器地址（--smtp）须以 smtp:// 或 smtps:// 开头，而不是“%s://”",
			    scheme);
		goto done;
	}
	*implicit_tls = strcmp(scheme, "smtps") == 0;
	*loopback = is_loopback(host);
	*has_password = curl_url_get(u, CURLUPART_PASSWORD, &password, 0) == CURLUE_OK;
done:
	curl_free(scheme);
	curl_free(host);
	curl_free(password);
	curl_url_cleanup(u);
	return e;
}

enum gk_err gk_mail_channel_open(const struct gk_transport_config *cfg,
				 struct gk_mail_channel **out, struct gk_error *err)
{
	*out = NULL;
	bool url_password = false, implicit_tls = false, loopback = false;
	enum gk_err e = check_url(cfg->smtp_url, &url_password, &implicit_tls, &loopback, err);
	if (e != GK_OK)
		return e;
	char name[256];
	struct gk_mail_channel *m = calloc(1, sizeof *m);
	if (!m)
		return gk_fail(err, GK_ENOMEM, "内存不足");
	if (!cfg->mail_from || !*cfg->mail_from) {
		e = gk_fail(err, GK_EINVAL, "发送邮件须设置发件人地址（--mail-from）");
		goto fail;
	}
	if (!gk_mail_mailbox_parse(cfg->mail_from, m->from_addr, sizeof m->from_addr, name,
				   sizeof name)) {
		e = gk_fail(err, GK_EINVAL,
			    "发件人地址（--mail-from）“%s”不是有效的邮箱地址（应写成 "
			    "name@example.gov.cn 或 “名称 <name@example.gov.cn>”）",
			    cfg->mail_from);
		goto fail;
	}
	if (cfg->smtp_password && *cfg->smtp_password && !(cfg->smtp_user && *cfg->smtp_user)) {
		e = gk_fail(err, GK_EINVAL, "设置了 SMTP 密码但没有用户名（--smtp-user）");
		goto fail;
	}
	if (cfg->smtp_ca_file && *cfg->smtp_ca_file && access(cfg->smtp_ca_file, R_OK) != 0) {
		e = gk_fail(err, GK_EINVAL,
			    "无法读取邮件服务器的 CA 证书文件（--smtp-ca-file）“%s”：%s",
			    cfg->smtp_ca_file, strerror(errno));
		goto fail;
	}
	m->ca_file = dup_or_null(cfg->smtp_ca_file);
	m->url = strdup(cfg->smtp_url);
	m->user = dup_or_null(cfg->smtp_user);
	m->password = dup_or_null(cfg->smtp_password);
	m->from = strdup(cfg->mail_from);
	if (!m->url || !m->from || (cfg->smtp_user && *cfg->smtp_user && !m->user) ||
	    (cfg->smtp_ca_file && *cfg->smtp_ca_file && !m->ca_file) ||
	    (cfg->smtp_password && *cfg->smtp_password && !m->password)) {
		e = gk_fail(err, GK_ENOMEM, "内存不足");
		goto fail;
	}
	/* a password never crosses the network in clear: with credentials,
	 * STARTTLS is required unless the server is this machine */
	m->require_tls = cfg->smtp_require_tls ||
			 ((m->password || url_password) && !implicit_tls && !loopback);
	m->timeout = cfg->smtp_timeout > 0 ? cfg->smtp_timeout : DEFAULT_TIMEOUT;
	*out = m;
	return GK_OK;
fail:
	gk_mail_channel_free(m);
	return e;
}

void gk_mail_channel_free(struct gk_mail_channel *m)
{
	if (!m)
		return;
	free(m->url);
	free(m->user);
	if (m->password) {
		memset(m->password, 0, strlen(m->password));
		free(m->password);
	}
	free(m->from);
	free(m->ca_file);
	free(m);
}

struct upload {
	const char *data;
	size_t len, pos;
};

static size_t read_message(char *dst, size_t size, size_t nmemb, void *arg)
{
	struct upload *u = arg;
	size_t n = size * nmemb;
	if (n > u->len - u->pos)
		n = u->len - u->pos;
	memcpy(dst, u->data + u->pos, n);
	u->pos += n;
	return n;
}

/* The verdict on a transfer that failed with CODE, the server's last reply
 * being REPLY (0 if none). */
static enum gk_send_status judge(CURLcode code, long reply, long os_errno, const char *detail,
				 char *why, size_t why_len)
{
	/* 530/534/535/538: authentication, an administrator's fix, not the notice's */
	bool auth = reply == 530 || reply == 534 || reply == 535 || reply == 538;
	if (code == CURLE_LOGIN_DENIED || auth) {
		gk_transport_curl_why(CURLE_LOGIN_DENIED, 0, "邮件服务器", detail, why, why_len);
		return GK_SEND_RETRY;
	}
	if (reply >= 500 && reply <= 599 && code != CURLE_COULDNT_CONNECT) {
		snprintf(why, why_len, "邮件服务器拒绝了这封邮件（代码 %ld：收件人不存在或被拒收）",
			 reply);
		return GK_SEND_FAILED;
	}
	if (reply >= 400 && reply <= 499) {
		snprintf(why, why_len, "邮件服务器暂时不能接收（代码 %ld），稍后重试", reply);
		return GK_SEND_RETRY;
	}
	gk_transport_curl_why(code, os_errno, "邮件服务器", detail, why, why_len);
	return GK_SEND_RETRY;
}

enum gk_send_status gk_mail_channel_send(struct gk_mail_channel *m, const char *to,
					 const char *subject, const char *body, const char *key,
					 char *receipt, size_t receipt_len, char *why,
					 size_t why_len)
{
	if (!gk_mail_address_valid(to)) {
		snprintf(why, why_len, "邮箱地址格式不正确");
		return GK_SEND_FAILED;
	}
	struct gk_buf msg;
	gk_buf_init(&msg, MESSAGE_MAX);
	struct gk_error err = {0};
	struct gk_mail_message mm = {m->from, to, subject, body, key, (int64_t)time(NULL)};
	if (gk_mail_message_build(&msg, &mm, &err) != GK_OK) {
		gk_transport_copy(why, why_len, gk_error_text(&err));
		gk_buf_release(&msg);
		return GK_SEND_FAILED;
	}
	CURL *c = curl_easy_init();
	if (!c) {
		gk_buf_release(&msg);
		snprintf(why, why_len, "服务器内存不足，稍后重试");
		return GK_SEND_RETRY;
	}
	char from[GK_MAIL_ADDR_MAX + 3], rcpt[GK_MAIL_ADDR_MAX + 3];
	snprintf(from, sizeof from, "<%s>", m->from_addr);
	snprintf(rcpt, sizeof rcpt, "<%s>", to);
	struct curl_slist *rcpts = curl_slist_append(NULL, rcpt);
	char detail[CURL_ERROR_SIZE] = "";
	struct upload up = {msg.data, msg.len, 0};
	curl_easy_setopt(c, CURLOPT_URL, m->url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_USE_SSL, m->require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY);
	if (m->ca_file)
		curl_easy_setopt(c, CURLOPT_CAINFO, m->ca_file);
	if (m->user)
		curl_easy_setopt(c, CURLOPT_USERNAME, m->user);
	if (m->password)
		curl_easy_setopt(c, CURLOPT_PASSWORD, m->password);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpts);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_message);
	curl_easy_setopt(c, CURLOPT_READDATA, &up);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)msg.len);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)CONNECT_TIMEOUT);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, m->timeout);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, detail);
	CURLcode code = rcpts ? curl_easy_perform(c) : CURLE_OUT_OF_MEMORY;
	long reply = 0, os_errno = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
	curl_easy_getinfo(c, CURLINFO_OS_ERRNO, &os_errno);
	enum gk_send_status st = GK_SEND_SENT;
	if (code == CURLE_OK) {
		char id[GK_MAIL_ADDR_MAX + 48];
		gk_mail_message_id(key, m->from_addr, id, sizeof id);
		gk_transport_copy(receipt, receipt_len, id);
	} else {
		st = judge(code, reply, os_errno, detail, why, why_len);
	}
	curl_slist_free_all(rcpts);
	curl_easy_cleanup(c);
	gk_buf_release(&msg);
	return st;
}

void gk_mail_channel_describe(const struct gk_mail_channel *m, char *out, size_t len)
{
	char shown[512];
	redact(m->url, shown, sizeof shown);
	bool smtps = strncmp(m->url, "smtps:", 6) == 0;
	snprintf(out, len, "e-mail %s (%s%s) from %s", shown,
		 smtps            ? "TLS"
		 : m->require_tls ? "STARTTLS required"
				  : "STARTTLS when offered",
		 m->user ? ", login" : "", m->from_addr);
}
