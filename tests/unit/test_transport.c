/* Unit tests for transport/transport: settings refused at open, channels
 * that are not configured, and the SMS rate limit through a real HTTP
 * exchange with a tiny gateway on a loopback port (a thread here). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "transport/transport.h"

/* --- a gateway answering every request 200 with a message id ------------ */

struct gateway {
	int fd;
	int port;
	int requests;
	char last[4096];
	pthread_t thread;
};

static void *serve(void *arg)
{
	struct gateway *g = arg;
	for (;;) {
		int c = accept(g->fd, NULL, NULL);
		if (c < 0)
			return NULL;
		char req[4096];
		size_t n = 0;
		/* the headers, then as many body bytes as Content-Length says */
		for (;;) {
			ssize_t r = read(c, req + n, sizeof req - 1 - n);
			if (r <= 0)
				break;
			n += (size_t)r;
			req[n] = '\0';
			char *end = strstr(req, "\r\n\r\n");
			const char *cl = strstr(req, "Content-Length: ");
			if (end && (!cl || n >= (size_t)(end + 4 - req) + (size_t)atoi(cl + 16)))
				break;
		}
		req[n] = '\0';
		g->requests++;
		memcpy(g->last, req, n + 1);
		char answer[256];
		int len = snprintf(answer, sizeof answer, "{\"id\":\"gw-%d\"}", g->requests);
		char head[256];
		int hl = snprintf(head, sizeof head,
				  "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
				  "Content-Length: %d\r\nConnection: close\r\n\r\n",
				  len);
		if (write(c, head, (size_t)hl) < 0 || write(c, answer, (size_t)len) < 0)
			fprintf(stderr, "gateway: write failed\n");
		close(c);
	}
}

static void gateway_start(struct gateway *g)
{
	memset(g, 0, sizeof *g);
	g->fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(g->fd >= 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t alen = sizeof a;
	assert_int_equal(bind(g->fd, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(listen(g->fd, 8), 0);
	assert_int_equal(getsockname(g->fd, (struct sockaddr *)&a, &alen), 0);
	g->port = ntohs(a.sin_port);
	assert_int_equal(pthread_create(&g->thread, NULL, serve, g), 0);
}

static void gateway_stop(struct gateway *g)
{
	shutdown(g->fd, SHUT_RDWR);
	close(g->fd);
	pthread_join(g->thread, NULL);
}

static char *write_file(const char *text)
{
	static char path[] = "/tmp/gk-transport-XXXXXX";
	char *p = strdup(path);
	int fd = mkstemp(p);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return p;
}

/* --- the tests ------------------------------------------------------------ */

static void refuses_bad_settings(void **state)
{
	(void)state;
	static const struct {
		struct gk_transport_config cfg;
		const char *says;
	} cases[] = {
		{{.smtp_url = "smtp://", .mail_from = "a@b.cn"}, "--smtp"},
		{{.smtp_url = "imap://mail.b.cn", .mail_from = "a@b.cn"}, "smtp://"},
		{{.smtp_url = "not a url", .mail_from = "a@b.cn"}, "--smtp"},
		{{.smtp_url = "smtp://mail.b.cn:587"}, "--mail-from"},
		{{.smtp_url = "smtp://mail.b.cn:587", .mail_from = "noreply"}, "noreply"},
		{{.smtp_url = "smtp://mail.b.cn:587", .mail_from = "x <a@b>"}, "--mail-from"},
		{{.smtp_url = "smtp://mail.b.cn:587", .mail_from = "a@b.cn", .smtp_password = "p"},
		 "--smtp-user"},
		{{.mail_from = "a@b.cn"}, "--smtp"},
		{{.sms_gateway_path = "/nonexistent/gateway.conf"}, "无法读取"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct gk_transport *t = (struct gk_transport *)1;
		struct gk_error err = {0};
		assert_int_equal(gk_transport_open(&cases[i].cfg, &t, &err), GK_EINVAL);
		assert_null(t);
		if (!strstr(err.detail, cases[i].says))
			fail_msg("case %zu: '%s' does not say '%s'", i, err.detail, cases[i].says);
	}
	char *bad = write_file("url = http://127.0.0.1:9/\nbody = {\"t\":\"{txt}\"}\n");
	struct gk_transport_config cfg = {.sms_gateway_path = bad};
	struct gk_transport *t = NULL;
	struct gk_error err = {0};
	assert_int_equal(gk_transport_open(&cfg, &t, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "{txt}"));
	assert_non_null(strstr(err.detail, bad));
	unlink(bad);
	free(bad);
}

static void unconfigured_channels_wait(void **state)
{
	(void)state;
	struct gk_transport_config cfg = {0};
	struct gk_transport *t = NULL;
	struct gk_error err = {0};
	assert_int_equal(gk_transport_open(&cfg, &t, &err), GK_OK);
	assert_false(gk_transport_has(t, "email"));
	char line[256];
	gk_transport_describe(t, line, sizeof line);
	assert_string_equal(line, "no e-mail; no SMS");
	assert_false(gk_transport_has(t, "sms"));
	char receipt[64], why[256];
	assert_int_equal(gk_transport_send(t, "email", "a@b.cn", "s", "b", "k1", receipt,
					   sizeof receipt, why, sizeof why),
			 GK_SEND_RETRY);
	assert_non_null(strstr(why, "未配置邮件服务器"));
	assert_int_equal(gk_transport_send(t, "sms", "13800138000", NULL, "b", "k1", receipt,
					   sizeof receipt, why, sizeof why),
			 GK_SEND_RETRY);
	assert_non_null(strstr(why, "未配置短信网关"));
	assert_int_equal(gk_transport_send(t, "fax", "1", NULL, "b", "k1", receipt, sizeof receipt,
					   why, sizeof why),
			 GK_SEND_FAILED);
	assert_int_equal(gk_transport_send(t, "email", "a@b.cn", "s", "b", "", receipt,
					   sizeof receipt, why, sizeof why),
			 GK_SEND_FAILED);
	gk_transport_free(t);
	gk_transport_free(NULL);
}

static void describes_without_secrets(void **state)
{
	(void)state;
	struct gk_transport_config cfg = {.smtp_url = "smtp://notices:hunter2@mail.dt.gov.cn:587",
					  .mail_from = "政务公开 <noreply@dt.gov.cn>"};
	struct gk_transport *t = NULL;
	struct gk_error err = {0};
	assert_int_equal(gk_transport_open(&cfg, &t, &err), GK_OK);
	char line[512];
	gk_transport_describe(t, line, sizeof line);
	/* a password in the URL makes TLS required (the server is not this machine) */
	assert_string_equal(line, "e-mail smtp://***@mail.dt.gov.cn:587 (STARTTLS required) from "
				  "noreply@dt.gov.cn; no SMS");
	gk_transport_free(t);
	cfg = (struct gk_transport_config){.smtp_url = "smtps://mail.dt.gov.cn",
					   .smtp_user = "u",
					   .smtp_password = "p",
					   .mail_from = "noreply@dt.gov.cn"};
	assert_int_equal(gk_transport_open(&cfg, &t, &err), GK_OK);
	gk_transport_describe(t, line, sizeof line);
	assert_string_equal(
		line, "e-mail smtps://mail.dt.gov.cn (TLS, login) from noreply@dt.gov.cn; no SMS");
	gk_transport_free(t);
}

static void sms_rate_limit_says_when(void **state)
{
	(void)state;
	struct gateway gw;
	gateway_start(&gw);
	char conf[512];
	snprintf(conf, sizeof conf,
		 "url = http://127.0.0.1:%d/send\n"
		 "body = {\"to\":\"{to}\",\"text\":\"{text}\",\"key\":\"{key}\"}\n"
		 "receipt_field = id\n"
		 "rate_limit = 2/hour\n",
		 gw.port);
	char *path = write_file(conf);
	struct gk_transport_config cfg = {.sms_gateway_path = path};
	struct gk_transport *t = NULL;
	struct gk_error err = {0};
	assert_int_equal(gk_transport_open(&cfg, &t, &err), GK_OK);
	assert_true(gk_transport_has(t, "sms"));
	char receipt[64], why[256];
	assert_int_equal(gk_transport_send(t, "sms", "13800138000", NULL, "您的申请已受理", "n-1",
					   receipt, sizeof receipt, why, sizeof why),
			 GK_SEND_SENT);
	assert_string_equal(receipt, "gw-1");
	assert_non_null(strstr(gw.last, "\"key\":\"n-1\""));
	assert_non_null(strstr(gw.last, "您的申请已受理"));
	assert_int_equal(gk_transport_send(t, "sms", "+8613800138000", NULL, "二", "n-2", receipt,
					   sizeof receipt, why, sizeof why),
			 GK_SEND_SENT);
	/* the third to the same number within the hour waits, saying until when */
	int64_t now = (int64_t)time(NULL);
	assert_int_equal(gk_transport_send(t, "sms", "138 0013 8000", NULL, "三", "n-3", receipt,
					   sizeof receipt, why, sizeof why),
			 GK_SEND_RETRY);
	assert_non_null(strstr(why, "过于频繁（每小时最多 2 条）"));
	assert_non_null(strstr(why, "后重试"));
	int64_t after = gk_transport_retry_after(t);
	assert_true(after >= now + 3590 && after <= now + 3600);
	assert_int_equal(gw.requests, 2);
	/* another number is not held up */
	assert_int_equal(gk_transport_send(t, "sms", "13900139000", NULL, "四", "n-4", receipt,
					   sizeof receipt, why, sizeof why),
			 GK_SEND_SENT);
	assert_int_equal(gk_transport_retry_after(t), 0);
	/* a malformed number never reaches the gateway */
	assert_int_equal(gk_transport_send(t, "sms", "110", NULL, "五", "n-5", receipt,
					   sizeof receipt, why, sizeof why),
			 GK_SEND_FAILED);
	assert_string_equal(why, "手机号码格式不正确");
	assert_int_equal(gw.requests, 3);
	char line[512];
	gk_transport_describe(t, line, sizeof line);
	char expect[256];
	snprintf(expect, sizeof expect,
		 "no e-mail; SMS POST http://127.0.0.1:%d/send (at most 2 per hour)", gw.port);
	assert_string_equal(line, expect);
	gk_transport_free(t);
	gateway_stop(&gw);
	unlink(path);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(refuses_bad_settings),
		cmocka_unit_test(unconfigured_channels_wait),
		cmocka_unit_test(describes_without_secrets),
		cmocka_unit_test(sms_rate_limit_says_when),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
