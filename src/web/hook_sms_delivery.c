/* POST /hooks/sms-delivery: the SMS gateway reports what became of the
 * messages it took. No session and no CSRF token: the gateway proves
 * itself with the shared secret of its settings file, compared in
 * constant time. Unknown message ids are answered 200 (a gateway retries
 * on errors, and they would never become known) and logged. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sms_gateway.h"
#include "lib/log.h"
#include "lib/messages.h"
#include "service/notices.h"
#include "web/hooks.h"

/* The largest settings file read. */
#define GATEWAY_FILE_MAX (1 << 20)

enum gk_err gk_hooks_server_init(struct gk_server *srv, struct gk_error *err)
{
	const char *path = srv->config->sms_gateway_path;
	if (!path)
		return GK_OK;
	FILE *f = fopen(path, "rb");
	if (!f)
		return gk_fail(err, GK_EIO, "短信网关配置 %s 无法读取", path);
	char *text = malloc(GATEWAY_FILE_MAX + 1);
	size_t n = text ? fread(text, 1, GATEWAY_FILE_MAX + 1, f) : 0;
	bool broken = ferror(f) != 0;
	fclose(f);
	if (!text)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	if (broken || n > GATEWAY_FILE_MAX || memchr(text, '\0', n)) {
		free(text);
		return gk_fail(err, GK_EINVAL, "短信网关配置 %s 无法读取或过大", path);
	}
	text[n] = '\0';
	struct gk_sms_gateway *g = malloc(sizeof *g);
	struct gk_error why = {0};
	enum gk_err rc = g ? gk_sms_gateway_parse(text, g, &why) : GK_ENOMEM;
	free(text);
	if (rc) {
		free(g);
		return gk_fail(err, rc, "%s: %s", path, g ? why.detail : "out of memory");
	}
	srv->sms_gateway = g;
	if (gk_sms_gateway_reports(g))
		gk_info("SMS delivery reports: POST /hooks/sms-delivery (secret in the %s %s)",
			g->report_secret_header[0] ? "header" : "query parameter",
			g->report_secret_header[0] ? g->report_secret_header
						   : g->report_secret_param);
	return GK_OK;
}

void gk_hooks_server_free(struct gk_server *srv)
{
	free(srv->sms_gateway);
	srv->sms_gateway = NULL;
}

const char *gk_hook_secret_header(const struct gk_server *srv)
{
	const struct gk_sms_gateway *g = srv->sms_gateway;
	return gk_sms_gateway_reports(g) && g->report_secret_header[0] ? g->report_secret_header
								       : NULL;
}

/* GIVEN equals SECRET, in time independent of where they differ and of
 * their lengths (both hashed first). */
static bool secret_ok(const char *secret, const char *given)
{
	unsigned char a[32], b[32];
	if (!given)
		given = "";
	crypto_generichash(a, sizeof a, (const unsigned char *)secret, strlen(secret), NULL, 0);
	crypto_generichash(b, sizeof b, (const unsigned char *)given, strlen(given), NULL, 0);
	return sodium_memcmp(a, b, sizeof a) == 0 && given[0] != '\0';
}

/* An error a gateway's operator reads in its log: a stable CODE of the
 * hook's own, the Chinese DETAIL, the status. */
static void refuse(struct gk_request *r, int status, const char *code, const char *detail)
{
	gk_respond_json(
		r, status,
		json_pack("{s:s, s:s, s:i}", "error", detail, "code", code, "status", status));
}

void gk_hook_sms_delivery(struct gk_request *r)
{
	const struct gk_sms_gateway *g = r->server->sms_gateway;
	if (!gk_sms_gateway_reports(g)) {
		gk_respond_error(r, GK_ENOTFOUND, GK_MSG_NO_PAGE);
		return;
	}
	const char *given = g->report_secret_header[0] ? r->hook_secret
						       : gk_req_param(r, g->report_secret_param);
	if (!secret_ok(g->report_secret, given)) {
		gk_warn("SMS delivery report from %s refused: %s secret",
			r->remote_addr ? r->remote_addr : "?", given ? "a wrong" : "no");
		refuse(r, 401, "wrong_secret", "状态报告的密钥不正确");
		return;
	}
	const char *type = r->content_type ? r->content_type : "";
	bool form = strncmp(type, "application/x-www-form-urlencoded", 33) == 0;
	if (!form && strncmp(type, "application/json", 16) != 0) {
		refuse(r, 400, "malformed_report",
		       "状态报告的 Content-Type 应为 application/json 或 "
		       "application/x-www-form-urlencoded");
		return;
	}
	struct gk_sms_report *reports = malloc(GK_SMS_MAX_REPORTS * sizeof *reports);
	if (!reports) {
		gk_respond_error(r, GK_ENOMEM, "out of memory");
		return;
	}
	size_t n = 0;
	struct gk_error err = {0};
	enum gk_err rc = gk_sms_reports_parse(g, r->body.data, r->body.len, form, r->svc.now,
					      reports, GK_SMS_MAX_REPORTS, &n, &err);
	if (rc) {
		free(reports);
		if (rc == GK_EINVAL)
			refuse(r, 400, "malformed_report", err.detail);
		else
			gk_respond_error(r, rc, err.detail);
		return;
	}
	struct gk_notice_report_counts c;
	rc = gk_svc_notice_reports(&r->svc, reports, n, &c, &err);
	free(reports);
	if (gk_req_failed(r, rc, &err))
		return;
	gk_respond_json(r, 200,
			json_pack("{s:s, s:I, s:i, s:i, s:i, s:i, s:i}", "code", "ok", "received",
				  (json_int_t)n, "delivered", c.delivered, "failed", c.failed,
				  "unchanged", c.unchanged, "unknown", c.unknown, "ignored",
				  c.ignored));
}
