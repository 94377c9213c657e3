/* libmicrohttpd glue: reads a request (bounded), hands it to the dispatcher,
 * sends the response with our security headers, and logs it once done. */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <sodium.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "lib/log.h"
#include "lib/utf8.h"
#include "service/service.h"
#include "web/auth.h"
#include "web/server.h"

#define DEFAULT_MAX_BODY ((size_t)1 << 20)
#define MAX_URL          4096

struct connection {
	struct gk_request req;
	struct timespec start;
	int rejected; /* a response was queued before the body was read */
	int too_big;  /* the body passed its limit: the rest is read and dropped */
	/* a streamed body: bytes of req.out already sent, the total, the end */
	size_t sent, streamed;
	int stream_done;
};
/* the request is the connection's first member: stream_read finds one from the other */
_Static_assert(offsetof(struct connection, req) == 0, "req first");

static double elapsed_ms(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) * 1e3 +
	       (double)(now.tv_nsec - start->tv_nsec) / 1e6;
}

static enum gk_method parse_method(const char *m)
{
	static const struct {
		const char *name;
		enum gk_method m;
	} methods[] = {{"GET", GK_GET},
		       {"HEAD", GK_HEAD},
		       {"POST", GK_POST},
		       {"PUT", GK_PUT},
		       {"DELETE", GK_DELETE}};
	for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
		if (strcmp(m, methods[i].name) == 0)
			return methods[i].m;
	return 0;
}

static void remote_address(struct MHD_Connection *c, struct gk_request *r)
{
	const union MHD_ConnectionInfo *info =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char text[INET6_ADDRSTRLEN] = "?";
	if (info && info->client_addr) {
		const struct sockaddr *sa = info->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET,
				  &((const struct sockaddr_in *)(const void *)sa)->sin_addr, text,
				  sizeof text);
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6,
				  &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, text,
				  sizeof text);
	}
	r->remote_addr = gk_arena_strdup(&r->arena, text);
}

struct arg_walk {
	struct gk_request *r;
	int bad; /* a query argument was not valid UTF-8 or too many */
};

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
				   const char *value)
{
	struct arg_walk *w = cls;
	(void)kind;
	if (!value)
		value = "";
	if (!gk_utf8_valid(key, strlen(key)) || !gk_utf8_valid(value, strlen(value))) {
		w->bad = 1;
		return MHD_NO;
	}
	if (w->r->nparams == GK_MAX_PARAMS) {
		w->bad = 2;
		return MHD_NO;
	}
	struct gk_param *p = &w->r->params[w->r->nparams++];
	p->name = gk_arena_strdup(&w->r->arena, key);
	p->value = gk_arena_strdup(&w->r->arena, value);
	return MHD_YES;
}

static const char *cookie(struct MHD_Connection *c, const char *name)
{
	return MHD_lookup_connection_value(c, MHD_COOKIE_KIND, name);
}

/* libmicrohttpd asks for the next bytes of a streamed body (in the thread
 * serving the connection): what is left of the part in req.out, else the
 * next part, made with a connection taken from the pool for that part. */
static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct connection *conn = cls;
	struct gk_request *r = &conn->req;
	(void)pos;
	while (conn->sent == r->out.len) {
		if (conn->stream_done)
			return MHD_CONTENT_READER_END_OF_STREAM;
		gk_buf_reset(&r->out);
		conn->sent = 0;
		r->store = gk_store_pool_take(r->server->pool);
		r->svc.store = r->store;
		int more = r->stream(r, r->stream_ctx);
		gk_store_pool_give(r->server->pool, r->store);
		r->store = NULL;
		r->svc.store = NULL;
		if (more < 0 || r->out.failed) {
			/* the status is sent: all that is left is to cut the body short */
			if (!r->failure.code)
				snprintf(r->failure.detail, sizeof r->failure.detail, "%s",
					 r->out.failed ? "a part of the body is too large"
						       : "the body could not be made");
			gk_req_error_text(r, r->failure.code ? r->failure.code : GK_EINTERNAL,
					  r->failure.detail);
			gk_buf_reset(&r->out);
			return MHD_CONTENT_READER_END_WITH_ERROR;
		}
		conn->stream_done = more == 0;
	}
	size_t n = r->out.len - conn->sent;
	if (n > max)
		n = max;
	memcpy(buf, r->out.data + conn->sent, n);
	conn->sent += n;
	conn->streamed += n;
	return (ssize_t)n;
}

static enum MHD_Result send_response(struct MHD_Connection *c, struct gk_request *r)
{
	if (!r->status) {
		gk_respond_error(r, GK_EINTERNAL, "the page produced no response");
	}
	if (r->out.failed) {
		gk_buf_reset(&r->out);
		r->status = 500;
		r->response_type = "text/plain; charset=utf-8";
		gk_buf_puts(&r->out, "internal error: response too large\n");
	}
	struct MHD_Response *resp;
	if (r->stream && r->status == 200) {
		/* the connection (our cls) outlives every call: it is freed in
		 * on_completed, after the last one; no free callback */
		struct connection *conn = (struct connection *)(void *)r;
		resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 64 * 1024, stream_read,
							 conn, NULL);
	} else {
		r->stream = NULL;
		resp = MHD_create_response_from_buffer(r->out.len, r->out.data,
						       MHD_RESPMEM_MUST_COPY);
	}
	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type",
				r->response_type ? r->response_type : "text/html; charset=utf-8");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'self'; img-src 'self' data:; style-src 'self'; "
				"script-src 'self'; form-action 'self'; frame-ancestors 'none'");
	if (r->logged_in)
		MHD_add_response_header(resp, "Cache-Control", "no-store");
	for (int i = 0; i < r->nheaders; i++)
		MHD_add_response_header(resp, r->header_names[i], r->header_values[i]);
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static struct connection *connection_new(struct gk_server *srv)
{
	struct connection *conn = calloc(1, sizeof *conn);
	if (!conn)
		return NULL;
	clock_gettime(CLOCK_MONOTONIC, &conn->start);
	conn->req.server = srv;
	gk_buf_init(&conn->req.body,
		    srv->config->max_body ? srv->config->max_body : DEFAULT_MAX_BODY);
	gk_buf_init(&conn->req.out, (size_t)64 << 20);
	return conn;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	struct gk_server *srv = cls;
	struct connection *conn = *con_cls;
	(void)version;

	if (!conn) {
		conn = connection_new(srv);
		if (!conn)
			return MHD_NO;
		*con_cls = conn;
		struct gk_request *r = &conn->req;
		r->method = parse_method(method);
		r->path = gk_arena_strdup(&r->arena, url);
		remote_address(c, r);
		r->content_type = gk_arena_strdup(
			&r->arena, MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type"));
		const char *csrf = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token");
		if (csrf)
			r->csrf_header = gk_arena_strdup(&r->arena, csrf);
		gk_auth_read_cookies(r, cookie(c, GK_SESSION_COOKIE), cookie(c, GK_ANON_COOKIE));
		if (r->method && r->path) {
			/* more than the anonymous limit only for a session that is valid,
			 * checked before a byte of the body is read */
			bool login_only;
			size_t limit = gk_route_body_limit(r, &login_only);
			if (limit > r->body.max && login_only && !gk_auth_session_valid(r))
				limit = 0;
			if (limit)
				r->body.max = limit;
		}
		const char *length =
			MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		if (length && strtoull(length, NULL, 10) > r->body.max) {
			conn->rejected = 1;
			gk_respond_error(r, GK_ETOOBIG, "the request body is larger than allowed");
			gk_req_header(r, "Connection", "close");
			return send_response(c, r);
		}
		return MHD_YES;
	}
	struct gk_request *r = &conn->req;
	if (*upload_data_size) {
		/* libmicrohttpd refuses a response queued mid-upload, so an oversized
		 * body is read to its end and dropped, and the 413 sent after */
		if (!conn->rejected && !conn->too_big &&
		    gk_buf_add(&r->body, upload_data, *upload_data_size))
			conn->too_big = 1;
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (conn->rejected)
		return MHD_YES;
	if (conn->too_big) {
		gk_buf_release(&r->body);
		gk_respond_error(r, GK_ETOOBIG, "the request body is larger than allowed");
		gk_req_header(r, "Connection", "close");
		return send_response(c, r);
	}

	if (!r->method) {
		gk_respond_error(r, GK_EMETHOD, "this method is not supported");
		gk_req_header(r, "Allow", "GET, HEAD, POST");
		return send_response(c, r);
	}
	if (strlen(r->path) > MAX_URL || !gk_utf8_valid(r->path, strlen(r->path))) {
		gk_respond_error(r, GK_EINVAL, "the address is too long or not valid UTF-8");
		return send_response(c, r);
	}
	struct arg_walk walk = {r, 0};
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_arg, &walk);
	if (walk.bad) {
		gk_respond_error(r, GK_EINVAL,
				 walk.bad == 1 ? "a query parameter is not valid UTF-8"
					       : "too many query parameters");
		return send_response(c, r);
	}
	gk_dispatch(r);
	return send_response(c, r);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct gk_server *srv = cls;
	struct connection *conn = *con_cls;
	(void)c;
	if (!conn)
		return;
	struct gk_request *r = &conn->req;
	if (!srv->config->quiet)
		gk_info("%s %s %s %d %zu %.1fms%s", r->remote_addr ? r->remote_addr : "?",
			r->method == GK_POST   ? "POST"
			: r->method == GK_HEAD ? "HEAD"
					       : "GET",
			r->path ? r->path : "?", r->status, r->stream ? conn->streamed : r->out.len,
			elapsed_ms(&conn->start),
			toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (aborted)");
	if (r->json)
		json_decref(r->json);
	gk_buf_release(&r->body);
	gk_buf_release(&r->out);
	gk_arena_release(&r->arena);
	free(conn);
	*con_cls = NULL;
}

static int parse_listen(const char *listen, struct sockaddr_in *addr, struct gk_error *err)
{
	char host[64];
	const char *colon = strrchr(listen, ':');
	if (!colon || (size_t)(colon - listen) >= sizeof host)
		return gk_fail(err, GK_EUSAGE, "listen address '%s' must be ADDR:PORT", listen);
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (*end || port < 0 || port > 65535)
		return gk_fail(err, GK_EUSAGE, "port in '%s' must be 0 to 65535", listen);
	memset(addr, 0, sizeof *addr);
	addr->sin_family = AF_INET;
	addr->sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, host[0] ? host : "127.0.0.1", &addr->sin_addr) != 1)
		return gk_fail(err, GK_EUSAGE, "'%s' is not an IPv4 address", host);
	return GK_OK;
}

static void on_panic(void *cls, const char *file, unsigned line, const char *reason)
{
	(void)cls;
	gk_error("libmicrohttpd: %s:%u %s", file, line, reason ? reason : "");
	abort();
}

/* The public address links are made from: the option, the setting, or
 * where we listen. */
static void set_base_url(struct gk_server *srv, const char *host, unsigned port)
{
	char url[256] = "";
	if (srv->config->base_url) {
		snprintf(url, sizeof url, "%s", srv->config->base_url);
	} else {
		struct gk_store *s = gk_store_pool_take(srv->pool);
		struct gk_error err = {0};
		enum gk_err rc = gk_store_setting_get(s, "site.base_url", url, sizeof url, &err);
		if (rc && rc != GK_ENOTFOUND)
			gk_warn("site.base_url not read (%s): links use the listening address",
				gk_error_text(&err));
		if (rc)
			url[0] = '\0';
		gk_store_pool_give(srv->pool, s);
	}
	if (!url[0])
		snprintf(url, sizeof url, "http://%s:%u", host, port);
	size_t n = strlen(url);
	while (n > 0 && url[n - 1] == '/')
		url[--n] = '\0';
	memcpy(srv->base_url, url, n + 1);
}

enum gk_err gk_server_run(const struct gk_server_config *cfg, struct gk_error *err)
{
	struct gk_server srv = {.config = cfg};
	struct sockaddr_in addr;
	enum gk_err rc = parse_listen(cfg->listen, &addr, err);
	if (rc)
		return rc;
	rc = gk_crypto_init(err);
	if (rc)
		return rc;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int threads = cfg->threads > 0 ? cfg->threads : (int)(cores > 0 ? cores * 2 : 4);
	rc = gk_store_pool_open(cfg->db_path, threads + 1, &srv.pool, err);
	if (rc)
		return rc;
	rc = gk_auth_server_init(&srv, err);
	if (rc)
		goto out;
	/* the working-day calendar: shipped years, then administrators' uploads */
	{
		struct gk_store *s = gk_store_pool_take(srv.pool);
		srv.calendar = gk_svc_calendar_load(s, err);
		gk_store_pool_give(srv.pool, s);
		if (!srv.calendar) {
			rc = err->code ? err->code : GK_ENOMEM;
			goto out;
		}
	}

	sigset_t signals;
	sigemptyset(&signals);
	sigaddset(&signals, SIGINT);
	sigaddset(&signals, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &signals, NULL); /* MHD's threads inherit the mask */
	signal(SIGPIPE, SIG_IGN);

	MHD_set_panic_func(on_panic, NULL);
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG, 0, NULL, NULL,
		on_request, &srv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads, MHD_OPTION_NOTIFY_COMPLETED,
		on_completed, &srv, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)512, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
		(unsigned)64, MHD_OPTION_END);
	if (!d) {
		rc = gk_fail(err, GK_EIO, "cannot listen on %s: %s", cfg->listen,
			     errno ? strerror(errno) : "address in use or not available");
		goto out;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	char host[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, &addr.sin_addr, host, sizeof host);
	set_base_url(&srv, host, info ? info->port : ntohs(addr.sin_port));
	printf("listening on http://%s:%u/\n", host, info ? info->port : ntohs(addr.sin_port));
	fflush(stdout);

	int sig;
	sigwait(&signals, &sig);
	gk_info("signal %d: stopping", sig);
	MHD_stop_daemon(d);
out:
	gk_calendar_free(srv.calendar);
	gk_store_pool_free(srv.pool);
	return rc;
}
