/* The waiting room: a bare libmicrohttpd daemon that needs no database and
 * says so, until the database answers and the real server takes over its
 * listening socket. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lib/log.h"
#include "web/waiting_room.h"

#define RETRY_SECONDS 2
#define LOG_EVERY     30 /* attempts between two log lines while it waits */

static const char page[] =
	"<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
	"<title>服务暂时不可用</title>\n</head>\n<body>\n<main>\n<h1>服务暂时不可用</h1>\n"
	"<p>数据库暂时无法访问，请稍后再试。</p>\n</main>\n</body>\n</html>\n";

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url,
			      const char *method, const char *version, const char *upload,
			      size_t *upload_len, void **state)
{
	(void)cls, (void)method, (void)version, (void)upload;
	if (!*state) { /* the headers: answer at the next call */
		*state = (void *)1;
		return MHD_YES;
	}
	*upload_len = 0; /* a body is not read: the answer is the same */
	char json[256];
	bool api = strncmp(url, "/api/", 5) == 0;
	if (api)
		snprintf(json, sizeof json,
			 "{\"error\": \"%s\", \"code\": \"%s\", \"status\": 503}\n",
			 gk_err_public(GK_EDBDOWN), gk_err_name(GK_EDBDOWN));
	const char *body = api ? json : page;
	struct MHD_Response *r =
		MHD_create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type",
				api ? "application/json; charset=utf-8"
				    : "text/html; charset=utf-8");
	MHD_add_response_header(r, "Retry-After", "5");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "Connection", "close");
	enum MHD_Result ok = MHD_queue_response(c, 503, r);
	MHD_destroy_response(r);
	return ok;
}

enum gk_err gk_waiting_room(const struct sockaddr_in *addr, const char *listen,
			    const sigset_t *signals, gk_waiting_try try, void *ctx,
			    MHD_socket *listening, unsigned *port, bool *stopped,
			    struct gk_error *err)
{
	*stopped = false;
	*listening = MHD_INVALID_SOCKET;
	struct MHD_Daemon *d =
		MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ITC, 0,
				 NULL, NULL, answer, NULL, MHD_OPTION_SOCK_ADDR,
				 (const struct sockaddr *)addr, MHD_OPTION_CONNECTION_TIMEOUT, 10u,
				 MHD_OPTION_LISTEN_BACKLOG_SIZE, 4096u, MHD_OPTION_END);
	if (!d)
		return gk_fail(err, GK_EIO, "cannot listen on %s: %s", listen,
			       errno ? strerror(errno) : "address in use or not available");
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	*port = info ? info->port : ntohs(addr->sin_port);
	char host[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, &addr->sin_addr, host, sizeof host);
	printf("listening on http://%s:%u/\n", host, *port);
	fflush(stdout);
	gk_warn("the database cannot be reached: every request is answered 503 until it "
		"can (tried again every %d s)",
		RETRY_SECONDS);
	enum gk_err rc;
	for (int attempt = 1;; attempt++) {
		struct timespec wait = {RETRY_SECONDS, 0};
		if (sigtimedwait(signals, NULL, &wait) > 0) {
			*stopped = true;
			rc = GK_OK;
			break;
		}
		struct gk_error e = {0};
		rc = try(ctx, &e);
		if (rc == GK_OK) {
			gk_info("the database answers: serving");
			break;
		}
		if (rc != GK_EDBDOWN) {
			if (err)
				*err = e;
			break;
		}
		if (attempt % LOG_EVERY == 0)
			gk_warn("the database still cannot be reached: %s", gk_error_text(&e));
	}
	if (rc == GK_OK && !*stopped)
		*listening = MHD_quiesce_daemon(d);
	MHD_stop_daemon(d);
	return rc;
}
