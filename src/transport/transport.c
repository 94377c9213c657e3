/* The transport: the channels a deployment configured, one send at a time. */
#include <curl/curl.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/utf8.h"
#include "transport/channels.h"

struct gk_transport {
	pthread_mutex_t lock;
	struct gk_mail_channel *mail; /* NULL: no e-mail */
	struct gk_sms_channel *sms;   /* NULL: no SMS */
	int64_t retry_after;
};

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_ready = CURLE_FAILED_INIT;

static void curl_start(void)
{
	curl_ready = curl_global_init(CURL_GLOBAL_DEFAULT);
}

void gk_transport_copy(char *out, size_t len, const char *s)
{
	if (!len)
		return;
	size_t n = gk_utf8_prefix(s ? s : "", len - 1);
	memcpy(out, s ? s : "", n);
	out[n] = '\0';
}

void gk_transport_curl_why(int code, long os_errno, const char *what, const char *detail, char *why,
			   size_t why_len)
{
	switch ((CURLcode)code) {
	case CURLE_COULDNT_RESOLVE_HOST:
		snprintf(why, why_len, "%s地址无法解析（域名不存在或DNS不可用）", what);
		break;
	case CURLE_COULDNT_CONNECT:
		if (os_errno == ECONNREFUSED)
			snprintf(why, why_len, "%s不可达（连接被拒绝）", what);
		else if (os_errno == ENETUNREACH || os_errno == EHOSTUNREACH)
			snprintf(why, why_len, "%s不可达（网络不通）", what);
		else
			snprintf(why, why_len, "%s不可达（无法建立连接）", what);
		break;
	case CURLE_OPERATION_TIMEDOUT:
		snprintf(why, why_len, "%s无响应（连接超时）", what);
		break;
	case CURLE_USE_SSL_FAILED:
		snprintf(why, why_len, "%s不支持加密连接（STARTTLS），按设置不以明文发送", what);
		break;
	case CURLE_PEER_FAILED_VERIFICATION:
		snprintf(why, why_len, "%s的证书未通过验证", what);
		break;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
		snprintf(why, why_len, "与%s建立加密连接失败", what);
		break;
	case CURLE_LOGIN_DENIED:
		snprintf(why, why_len, "%s拒绝登录（用户名或密码错误）", what);
		break;
	case CURLE_GOT_NOTHING:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
		snprintf(why, why_len, "与%s的连接中断", what);
		break;
	default:
		snprintf(why, why_len, "与%s通信失败（%s）", what,
			 detail && *detail ? detail : curl_easy_strerror((CURLcode)code));
	}
}

enum gk_err gk_transport_open(const struct gk_transport_config *cfg, struct gk_transport **out,
			      struct gk_error *err)
{
	*out = NULL;
	pthread_once(&curl_once, curl_start);
	if (curl_ready != CURLE_OK)
		return gk_fail(err, GK_EINTERNAL, "libcurl could not start: %s",
			       curl_easy_strerror(curl_ready));
	struct gk_transport *t = calloc(1, sizeof *t);
	if (!t)
		return gk_fail(err, GK_ENOMEM, "内存不足");
	pthread_mutex_init(&t->lock, NULL);
	enum gk_err e = GK_OK;
	if (cfg->smtp_url && *cfg->smtp_url)
		e = gk_mail_channel_open(cfg, &t->mail, err);
	else if (cfg->mail_from && *cfg->mail_from)
		e = gk_fail(err, GK_EINVAL,
			    "设置了发件人地址（--mail-from）但没有邮件服务器（--smtp）");
	if (e == GK_OK && cfg->sms_gateway_path && *cfg->sms_gateway_path)
		e = gk_sms_channel_open(cfg->sms_gateway_path, &t->sms, err);
	if (e != GK_OK) {
		gk_transport_free(t);
		return e;
	}
	*out = t;
	return GK_OK;
}

bool gk_transport_has(const struct gk_transport *t, const char *channel)
{
	if (!t || !channel)
		return false;
	if (strcmp(channel, "email") == 0)
		return t->mail != NULL;
	if (strcmp(channel, "sms") == 0)
		return t->sms != NULL;
	return false;
}

enum gk_send_status gk_transport_send(struct gk_transport *t, const char *channel, const char *to,
				      const char *subject, const char *body, const char *key,
				      char *receipt, size_t receipt_len, char *why, size_t why_len)
{
	if (receipt_len)
		receipt[0] = '\0';
	if (why_len)
		why[0] = '\0';
	if (!key || !*key) {
		snprintf(why, why_len, "通知缺少幂等键");
		return GK_SEND_FAILED;
	}
	pthread_mutex_lock(&t->lock);
	enum gk_send_status st;
	t->retry_after = 0;
	if (channel && strcmp(channel, "email") == 0) {
		if (t->mail) {
			st = gk_mail_channel_send(t->mail, to, subject, body, key, receipt,
						  receipt_len, why, why_len);
		} else {
			/* pending until an administrator configures mail */
			snprintf(why, why_len, "未配置邮件服务器（serve --smtp），通知暂不发送");
			st = GK_SEND_RETRY;
		}
	} else if (channel && strcmp(channel, "sms") == 0) {
		if (t->sms) {
			st = gk_sms_channel_send(t->sms, to, body, key, receipt, receipt_len, why,
						 why_len, &t->retry_after);
		} else {
			snprintf(why, why_len,
				 "未配置短信网关（serve --sms-gateway），通知暂不发送");
			st = GK_SEND_RETRY;
		}
	} else {
		snprintf(why, why_len, "未知的通知方式“%s”", channel ? channel : "");
		st = GK_SEND_FAILED;
	}
	pthread_mutex_unlock(&t->lock);
	return st;
}

int64_t gk_transport_retry_after(struct gk_transport *t)
{
	pthread_mutex_lock(&t->lock);
	int64_t at = t->retry_after;
	pthread_mutex_unlock(&t->lock);
	return at;
}

void gk_transport_free(struct gk_transport *t)
{
	if (!t)
		return;
	gk_mail_channel_free(t->mail);
	gk_sms_channel_free(t->sms);
	pthread_mutex_destroy(&t->lock);
	free(t);
}

enum gk_err gk_transport_read_secret(const char *path, char *out, size_t len, struct gk_error *err)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return gk_fail(err, GK_EIO, "无法读取密码文件“%s”：%s", path, strerror(errno));
	if (!fgets(out, (int)len, f))
		out[0] = '\0';
	fclose(f);
	out[strcspn(out, "\r\n")] = '\0';
	if (!out[0])
		return gk_fail(err, GK_EINVAL, "密码文件“%s”是空的", path);
	return GK_OK;
}

void gk_transport_describe(const struct gk_transport *t, char *out, size_t len)
{
	char mail[768] = "no e-mail", sms[1200] = "no SMS";
	if (t->mail)
		gk_mail_channel_describe(t->mail, mail, sizeof mail);
	if (t->sms)
		gk_sms_channel_describe(t->sms, sms, sizeof sms);
	snprintf(out, len, "%s; %s", mail, sms);
}
