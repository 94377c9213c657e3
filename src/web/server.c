/* libmicrohttpd glue: reads a request (bounded), hands it to the dispatcher,
 * sends the response with our security headers, and logs it once done. */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "lib/log.h"
#include "lib/messages.h"
#include "lib/utf8.h"
#include "service/catalogue.h"
#include "service/service.h"
#include "web/auth.h"
#include "web/client_addr.h"
#include "web/hooks.h"
#include "web/notice_worker.h"
#include "web/page_cache.h"
#include "web/server.h"
#include "web/throttle.h"
#include "web/waiting_room.h"

#define DEFAULT_MAX_BODY ((size_t)1 << 20)
#define MAX_URL          4096
/* A declared body at most this much over its limit is read and dropped
 * before the 413: closing on unread bytes makes the kernel send a reset that
 * can reach the client before the answer does. Beyond it, refused at once. */
#define DRAIN_SLACK      ((unsigned long long)1 << 20)
#define DEFAULT_CACHE_MB 64
/* Bounds on what clients hold (issue 13; docs/serving.md, "Slow and large
 * clients"). Connections from one address: enough for a busy office behind
 * one NAT or a proxy's upstream connections, so that a few addresses cannot
 * take every connection. */
#define DEFAULT_PER_ADDRESS      256
#define DEFAULT_MAX_CONNECTIONS  10000
#define DEFAULT_HEADER_TIMEOUT   10
#define DEFAULT_BODY_TIMEOUT     60
#define DEFAULT_SHUTDOWN_TIMEOUT 20
/* the bodies of anonymous requests held at once, all connections together */
#define DEFAULT_BODY_MEMORY_MB 256
/* no byte either way for this long closes a connection (libmicrohttpd's own
 * timeout): a staff upload's stall, a client that stops reading an answer */
#define IDLE_TIMEOUT 30
/* A request that waited longer than this in the kernel before a thread
 * could read it, and whose page is not kept, is answered 503 with
 * Retry-After (default; --max-wait-ms): below common client timeouts, so an
 * overloaded server says "come back" instead of leaving clients to give up. */
#define DEFAULT_MAX_WAIT_MS 1000

struct connection {
	struct gk_request req;
	struct timespec start;
	int rejected;    /* a response was queued before the body was read */
	int too_big;     /* the body passed its limit: the rest is read and dropped */
	int anonymous;   /* a body with no valid session: it counts against the budget */
	int over_budget; /* the budget ran out: the rest is read and dropped, then 503 */
	size_t held;     /* bytes of the budget this request holds */
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

static int64_t now_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* ---------------------------------------------------------------- deadlines
 * libmicrohttpd 0.9.75 has only an inactivity timeout, which a client that
 * sends a byte every few seconds never meets (slowloris). So each connection
 * has a deadline: its request head whole within header_timeout of the
 * accept or of the last answer (which also closes idle keep-alive
 * connections), an anonymous body within body_timeout of the head. A thread
 * shuts down the socket of a connection past its deadline; libmicrohttpd
 * then reads end-of-file and closes the connection. The socket stays open
 * while it is listed: libmicrohttpd reports a connection closed (and we
 * unlist it, under the lock) before it closes the descriptor. */

struct watch {
	struct watch *prev, *next;
	int fd;
	_Atomic int64_t deadline;  /* now_ms() at which it is closed; 0 = none */
	_Atomic int64_t body_seen; /* reading a body: now_ms() of its last bytes; 0 = not */
	bool nul_in_path;          /* the request line's path held a %00 */
};

struct gk_guard {
	pthread_mutex_t lock; /* the list */
	pthread_cond_t wake;  /* stop */
	struct watch *head;
	bool stop;
	pthread_t thread;
	int64_t header_ms, body_ms;
	atomic_int in_flight; /* requests begun and not yet completed */
	atomic_bool draining; /* SIGTERM: every answer closes its connection */
	unsigned long slow;   /* connections closed at their deadline, not yet logged */
	atomic_ulong gone;    /* connections their clients closed mid-request, not yet logged */
	atomic_ulong busy;    /* 503s for overload, not yet logged */
	atomic_ulong spent;   /* 503s for the anonymous bodies' budget, not yet logged */
	_Atomic int64_t busy_logged;
	_Atomic size_t bodies; /* bytes of anonymous bodies held */
	size_t body_budget;
};

/* Takes what a body needs past what it holds (NEED bytes in all) from the
 * anonymous bodies' budget; false if that is not left. */
static bool budget_take(struct gk_guard *g, size_t *held, size_t need)
{
	if (need <= *held)
		return true;
	size_t more = need - *held;
	if (atomic_fetch_add(&g->bodies, more) + more > g->body_budget) {
		atomic_fetch_sub(&g->bodies, more);
		return false;
	}
	*held = need;
	return true;
}

static void watch_set(struct watch *w, int64_t ms_from_now)
{
	if (w)
		atomic_store(&w->deadline, ms_from_now ? now_ms() + ms_from_now : 0);
}

static struct watch *watch_of(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *info =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return info ? info->socket_context : NULL;
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
			  enum MHD_ConnectionNotificationCode code)
{
	struct gk_guard *g = ((struct gk_server *)cls)->guard;
	struct watch *w = *socket_context;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *info =
			MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		w = info ? calloc(1, sizeof *w) : NULL;
		if (!w)
			return; /* unwatched: the inactivity timeout still holds */
		w->fd = info->connect_fd;
		watch_set(w, g->header_ms);
		pthread_mutex_lock(&g->lock);
		w->next = g->head;
		if (g->head)
			g->head->prev = w;
		g->head = w;
		pthread_mutex_unlock(&g->lock);
		*socket_context = w;
		return;
	}
	if (!w)
		return;
	pthread_mutex_lock(&g->lock);
	if (w->prev)
		w->prev->next = w->next;
	else
		g->head = w->next;
	if (w->next)
		w->next->prev = w->prev;
	pthread_mutex_unlock(&g->lock);
	free(w);
	*socket_context = NULL;
}

/* A body that stopped a second ago from a client that has closed its side
 * can never be whole: libmicrohttpd 0.9.75 sometimes misses that end of
 * file when it came with the last bytes (it would wait for its 30 s
 * timeout, and a stop on SIGTERM with it). While stopping, a body that
 * stopped for 2 s is not waited for either. A shutdown ends both. */
static bool body_stalled(const struct gk_guard *g, struct watch *w, int64_t now)
{
	int64_t seen = atomic_load(&w->body_seen);
	if (!seen || now - seen < 1000)
		return false;
	if (atomic_load(&g->draining) && now - seen >= 2000)
		return true;
	char byte;
	return recv(w->fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
}

/* Once in a while, not once a connection: an attack would fill the log. */
static void log_closed(struct gk_guard *g)
{
	unsigned long gone = atomic_exchange(&g->gone, 0);
	if (g->slow)
		gk_warn("closed %lu connections that sent their request too slowly "
			"(--header-timeout, --body-timeout)",
			g->slow);
	if (gone)
		gk_info("%lu connections closed mid-request (by their clients, or at a "
			"deadline)",
			gone);
	g->slow = 0;
}

static void log_busy(struct gk_guard *g)
{
	unsigned long busy = atomic_exchange(&g->busy, 0), spent = atomic_exchange(&g->spent, 0);
	if (busy)
		gk_warn("503 (busy) to %lu requests that waited longer than --max-wait-ms for a "
			"thread",
			busy);
	if (spent)
		gk_warn("503 (busy) to %lu anonymous requests: their bodies' memory "
			"(--body-memory-mb) was spent",
			spent);
}

static void *guard_run(void *arg)
{
	struct gk_guard *g = arg;
	int64_t logged = now_ms();
	pthread_mutex_lock(&g->lock);
	while (!g->stop) {
		int64_t now = now_ms();
		for (struct watch *w = g->head; w; w = w->next) {
			int64_t d = atomic_load(&w->deadline);
			if (d && d <= now) {
				atomic_store(&w->deadline, 0);
				shutdown(w->fd, SHUT_RDWR);
				g->slow++;
			} else if (body_stalled(g, w, now)) {
				atomic_store(&w->body_seen, 0);
				shutdown(w->fd, SHUT_RDWR);
			}
		}
		if ((atomic_load(&g->busy) || atomic_load(&g->spent)) &&
		    now - atomic_load(&g->busy_logged) >= 1000) {
			log_busy(g);
			atomic_store(&g->busy_logged, now);
		}
		if ((g->slow || atomic_load(&g->gone)) && now - logged >= 10000) {
			log_closed(g);
			logged = now;
		}
		struct timespec until;
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_nsec += 250 * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&g->wake, &g->lock, &until);
	}
	pthread_mutex_unlock(&g->lock);
	return NULL;
}

static enum gk_err guard_start(struct gk_guard *g, const struct gk_server_config *cfg,
			       struct gk_error *err)
{
	pthread_condattr_t attr;
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_mutex_init(&g->lock, NULL);
	pthread_cond_init(&g->wake, &attr);
	pthread_condattr_destroy(&attr);
	g->header_ms = 1000 * (int64_t)(cfg->header_timeout ? cfg->header_timeout
							    : DEFAULT_HEADER_TIMEOUT);
	g->body_ms = 1000 * (int64_t)(cfg->body_timeout ? cfg->body_timeout : DEFAULT_BODY_TIMEOUT);
	g->body_budget =
		(size_t)(cfg->body_memory_mb ? cfg->body_memory_mb : DEFAULT_BODY_MEMORY_MB) << 20;
	if (pthread_create(&g->thread, NULL, guard_run, g) != 0) {
		pthread_cond_destroy(&g->wake);
		pthread_mutex_destroy(&g->lock);
		return gk_fail(err, GK_ENOMEM, "cannot start the connection guard thread");
	}
	return GK_OK;
}

static void guard_stop(struct gk_guard *g)
{
	pthread_mutex_lock(&g->lock);
	log_closed(g);
	log_busy(g);
	g->stop = true;
	pthread_cond_signal(&g->wake);
	pthread_mutex_unlock(&g->lock);
	pthread_join(g->thread, NULL);
	pthread_cond_destroy(&g->wake);
	pthread_mutex_destroy(&g->lock);
}

/* The request line as sent, before libmicrohttpd decodes it: a %00 in the
 * path would end the decoded path early, so it is noted here and refused. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	(void)cls;
	struct watch *w = watch_of(c);
	if (w && uri) {
		size_t n = strcspn(uri, "?");
		w->nul_in_path = memmem(uri, n, "%00", 3) != NULL;
	}
	return NULL;
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
	int bad; /* a query argument was not valid UTF-8 (or held a NUL), or too many */
};

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
				   size_t key_size, const char *value, size_t value_size)
{
	struct arg_walk *w = cls;
	(void)kind;
	if (!value)
		value = "";
	/* a %00 would silently cut the value short: refused like bad UTF-8 */
	if (strlen(key) != key_size || strlen(value) != value_size ||
	    !gk_utf8_valid(key, key_size) || !gk_utf8_valid(value, value_size)) {
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

static void release_page(void *page)
{
	gk_cached_page_release(page);
}

/* 503 without touching the database: what an overloaded server can
 * afford. SPENT: the anonymous bodies' budget ran out (else the request
 * waited too long for a thread); counted, and logged by the guard. */
static void respond_busy(struct gk_request *r, bool spent)
{
	gk_buf_reset(&r->out);
	r->nheaders = 0;
	r->status = 503;
	if (gk_req_is_api(r)) {
		r->response_type = "application/json";
		gk_buf_puts(&r->out, "{\"error\": \"服务器繁忙，请稍后再试\", \"status\": 503}\n");
	} else {
		r->response_type = "text/html; charset=utf-8";
		gk_buf_puts(
			&r->out,
			"<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
			"<meta charset=\"utf-8\">\n<title>服务器繁忙</title>\n</head>\n"
			"<body>\n<main>\n<h1>服务器繁忙</h1>\n<p>访问人数较多，请稍后再试。</p>\n</main>\n"
			"</body>\n</html>\n");
	}
	gk_req_header(r, "Retry-After", "1");
	atomic_fetch_add(spent ? &r->server->guard->spent : &r->server->guard->busy, 1);
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
		gk_respond_error(r, GK_EINTERNAL, "the response passed its 64 MiB limit");
	}
	struct MHD_Response *resp;
	const struct gk_cached_page *kept = r->cached;
	if (kept && r->not_modified) {
		r->status = 304;
		resp = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	} else if (kept) {
		/* the kept bytes themselves, held by a reference until sent */
		gk_cached_page_ref(r->cached);
		resp = MHD_create_response_from_buffer_with_free_callback_cls(
			kept->len, (void *)kept->data, release_page, r->cached);
		if (!resp)
			gk_cached_page_release(r->cached);
	} else if (r->stream && r->status == 200) {
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
	if (!(kept && r->not_modified))
		MHD_add_response_header(resp, "Content-Type",
					r->response_type ? r->response_type
							 : "text/html; charset=utf-8");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'self'; img-src 'self' data:; style-src 'self'; "
				"script-src 'self'; form-action 'self'; frame-ancestors 'none'");
	if (gk_auth_https(r)) /* browsers then never try the site in clear */
		MHD_add_response_header(resp, "Strict-Transport-Security",
					"max-age=31536000; includeSubDomains");
	if (r->logged_in)
		MHD_add_response_header(resp, "Cache-Control", "no-store");
	if (kept) {
		/* clients revalidate each time (a publication shows at once) and
		 * get a 304 while the bytes are unchanged; the page differs for
		 * staff, who carry a session cookie */
		MHD_add_response_header(resp, "ETag", kept->etag);
		MHD_add_response_header(resp, "Last-Modified", kept->last_modified);
		MHD_add_response_header(resp, "Cache-Control",
					kept->cache_control[0] ? kept->cache_control
							       : "public, no-cache");
		MHD_add_response_header(resp, "Vary", "Cookie");
	}
	for (int i = 0; i < r->nheaders; i++)
		if (!kept || strcmp(r->header_names[i], "Cache-Control") != 0)
			MHD_add_response_header(resp, r->header_names[i], r->header_values[i]);
	/* a 503 is a locked or unreachable database or an overload: all pass soon */
	if (r->status == 503 && !MHD_get_response_header(resp, "Retry-After"))
		MHD_add_response_header(resp, "Retry-After", "5");
	/* stopping: the client asks again elsewhere, not on this connection */
	if (atomic_load(&r->server->guard->draining))
		MHD_add_response_header(resp, "Connection", "close");
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

/* How long the request's last bytes waited in the kernel before this
 * thread got to them (TCP_INFO's last data received), in ms; 0 if unknown.
 * With every thread busy drawing pages, requests queue there. */
static unsigned waited_ms(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *info =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
	struct tcp_info ti;
	socklen_t len = sizeof ti;
	if (!info || getsockopt(info->connect_fd, IPPROTO_TCP, TCP_INFO, &ti, &len) != 0)
		return 0;
	return ti.tcpi_last_data_recv;
}

/* Overloaded: the request waited past the limit (0: any request that is
 * not a kept page, a setting for tests of this answer). */
static bool too_late(const struct gk_server *srv, struct MHD_Connection *c)
{
	long limit = srv->config->max_wait_ms >= 0 ? srv->config->max_wait_ms : DEFAULT_MAX_WAIT_MS;
	return limit == 0 || waited_ms(c) > (unsigned long)limit;
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
		atomic_fetch_add(&srv->guard->in_flight, 1);
		struct gk_request *r = &conn->req;
		r->method = parse_method(method);
		r->path = gk_arena_strdup(&r->arena, url);
		remote_address(c, r);
		/* issue 13: the client behind a trusted proxy */
		r->remote_addr = gk_client_addr_of(c, srv->config->trusted_proxies, r->remote_addr,
						   &r->arena);
		r->content_type = gk_arena_strdup(
			&r->arena, MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type"));
		const char *csrf = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token");
		if (csrf)
			r->csrf_header = gk_arena_strdup(&r->arena, csrf);
		const char *hook = gk_hook_secret_header(srv);
		if (hook && (hook = MHD_lookup_connection_value(c, MHD_HEADER_KIND, hook)))
			r->hook_secret = gk_arena_strdup(&r->arena, hook);
		const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
		if (inm)
			r->if_none_match = gk_arena_strdup(&r->arena, inm);
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
		unsigned long long declared = length ? strtoull(length, NULL, 10) : 0;
		/* the head is in: an anonymous body has its own deadline; a
		 * session's uploads (up to 64 MiB) only the inactivity timeout */
		bool has_body = declared > 0 || MHD_lookup_connection_value(c, MHD_HEADER_KIND,
									    "Transfer-Encoding");
		conn->anonymous = has_body && !(r->cookie_session[0] && gk_auth_session_valid(r));
		struct watch *w = watch_of(c);
		watch_set(w, conn->anonymous ? srv->guard->body_ms : 0);
		if (w && has_body)
			atomic_store(&w->body_seen, now_ms());
		if (declared > r->body.max && declared - r->body.max <= DRAIN_SLACK) {
			/* a body a little over its limit is read and dropped, so the
			 * client, still sending it, can read the 413 instead of a reset */
			conn->too_big = 1;
		} else if (declared > r->body.max) {
			conn->rejected = 1;
			gk_respond_error(r, GK_ETOOBIG, GK_MSG_BODY_TOO_BIG);
			gk_req_header(r, "Connection", "close");
			return send_response(c, r);
		} else if (conn->anonymous && !budget_take(srv->guard, &conn->held, declared)) {
			/* every anonymous body together is bounded, not only each */
			conn->rejected = 1;
			respond_busy(r, true);
			gk_req_header(r, "Connection", "close");
			return send_response(c, r);
		}
		return MHD_YES;
	}
	struct gk_request *r = &conn->req;
	struct watch *w = watch_of(c);
	if (*upload_data_size) {
		if (w)
			atomic_store(&w->body_seen, now_ms());
		/* libmicrohttpd refuses a response queued mid-upload, so an oversized
		 * body is read to its end and dropped, and the 413 sent after */
		if (conn->rejected || conn->too_big || conn->over_budget)
			; /* dropped */
		else if (conn->anonymous &&
			 !budget_take(srv->guard, &conn->held, r->body.len + *upload_data_size))
			conn->over_budget = 1;
		else if (gk_buf_add(&r->body, upload_data, *upload_data_size))
			conn->too_big = 1;
		*upload_data_size = 0;
		return MHD_YES;
	}
	watch_set(w, 0); /* the body is in: no deadline while the answer is made */
	if (w)
		atomic_store(&w->body_seen, 0);
	if (conn->rejected)
		return MHD_YES;
	if (conn->too_big) {
		gk_buf_release(&r->body);
		gk_respond_error(r, GK_ETOOBIG, GK_MSG_BODY_TOO_BIG);
		gk_req_header(r, "Connection", "close");
		return send_response(c, r);
	}
	if (conn->over_budget) {
		gk_buf_release(&r->body);
		respond_busy(r, true);
		gk_req_header(r, "Connection", "close");
		return send_response(c, r);
	}

	if (!r->method) {
		gk_respond_error(r, GK_EMETHOD, GK_MSG_METHOD_ANY);
		gk_req_header(r, "Allow", "GET, HEAD, POST");
		return send_response(c, r);
	}
	if (strlen(r->path) > MAX_URL || !gk_utf8_valid(r->path, strlen(r->path))) {
		gk_respond_error(r, GK_EINVAL, GK_MSG_BAD_ADDRESS);
		return send_response(c, r);
	}
	if (w && w->nul_in_path) {
		gk_respond_error(r, GK_EINVAL, GK_MSG_PATH_NUL);
		return send_response(c, r);
	}
	struct arg_walk walk = {r, 0};
	MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, collect_arg, &walk);
	if (walk.bad) {
		gk_respond_error(r, GK_EINVAL,
				 walk.bad == 1 ? GK_MSG_QUERY_BAD : GK_MSG_QUERY_TOO_MANY);
		return send_response(c, r);
	}
	/* a kept page costs less than a refusal; anything else is drawn only
	 * if the request has not waited too long already */
	if (!gk_dispatch_kept(r)) {
		if (too_late(srv, c))
			respond_busy(r, false);
		else
			gk_dispatch(r);
	}
	return send_response(c, r);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct gk_server *srv = cls;
	struct connection *conn = *con_cls;
	/* the next request on this connection, if any, has its head's time */
	watch_set(watch_of(c), srv->guard->header_ms);
	if (!conn)
		return;
	atomic_fetch_sub(&srv->guard->in_flight, 1);
	atomic_fetch_sub(&srv->guard->bodies, conn->held);
	struct gk_request *r = &conn->req;
	if (!srv->config->quiet)
		gk_info("%s %s %s %d %zu %.1fms%s", r->remote_addr ? r->remote_addr : "?",
			r->method == GK_POST   ? "POST"
			: r->method == GK_HEAD ? "HEAD"
					       : "GET",
			r->path ? r->path : "?", r->status,
			r->cached   ? (r->not_modified ? 0 : r->cached->len)
			: r->stream ? conn->streamed
				    : r->out.len,
			elapsed_ms(&conn->start),
			toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (aborted)");
	gk_cached_page_release(r->cached);
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

/* libmicrohttpd's messages, into our log; the one it writes for every
 * client that goes away mid-request is counted instead (see log_closed). */
static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	struct gk_guard *g = cls;
	char text[512];
	vsnprintf(text, sizeof text, fmt, ap);
	size_t n = strlen(text);
	while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == ' '))
		text[--n] = '\0';
	if (strstr(text, "closed by remote side with incomplete request") ||
	    strstr(text, "detected connection closure"))
		atomic_fetch_add(&g->gone, 1);
	else
		gk_warn("libmicrohttpd: %s", text);
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

/* Logs a long build's progress, every tenth. */
static void build_progress(int64_t done, int64_t total, void *ctx)
{
	(void)ctx;
	if (total > 0 && (done == total || done * 10 / total != (done - 4096) * 10 / total))
		gk_info("catalogue index: %lld of %lld items read", (long long)done,
			(long long)total);
}

/* As many descriptors as the hard limit allows: each connection is one. */
static unsigned raise_fd_limit(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return 1024;
	if (rl.rlim_cur < rl.rlim_max) {
		rlim_t want = rl.rlim_max == RLIM_INFINITY ? 65536 : rl.rlim_max;
		struct rlimit raised = {want, rl.rlim_max};
		if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
			rl.rlim_cur = want;
	}
	return rl.rlim_cur > 1000000 ? 1000000 : (unsigned)rl.rlim_cur;
}

/* SIGTERM: stop accepting (new connections are refused), let the requests
 * in flight finish — at most shutdown_timeout, or until a second signal —
 * with "Connection: close" on every answer meanwhile. */
static void drain(struct MHD_Daemon *d, struct gk_server *srv, const sigset_t *signals)
{
	struct gk_guard *g = srv->guard;
	unsigned secs = srv->config->shutdown_timeout ? srv->config->shutdown_timeout
						      : DEFAULT_SHUTDOWN_TIMEOUT;
	atomic_store(&g->draining, true);
	MHD_socket listening = MHD_quiesce_daemon(d);
	if (listening != MHD_INVALID_SOCKET)
		close(listening);
	int64_t until = now_ms() + 1000 * (int64_t)secs;
	int n = atomic_load(&g->in_flight);
	if (n > 0)
		gk_info("waiting for %d requests in flight (at most %u s)", n, secs);
	while ((n = atomic_load(&g->in_flight)) > 0) {
		if (now_ms() >= until) {
			gk_warn("%d requests still in flight after %u s: cut short", n, secs);
			return;
		}
		struct timespec tick = {0, 50 * 1000000L};
		if (sigtimedwait(signals, NULL, &tick) > 0) {
			gk_warn("a second signal: %d requests in flight cut short", n);
			return;
		}
	}
}

/* The connections a server needs, opened at once (the waiting room tries
 * again while the database cannot be reached). */
struct pool_request {
	const char *db;
	int size;
	struct gk_store_pool **pool;
};

static enum gk_err open_pool(void *ctx, struct gk_error *err)
{
	struct pool_request *want = ctx;
	return gk_store_pool_open(want->db, want->size, want->pool, err);
}

enum gk_err gk_server_run(const struct gk_server_config *cfg, struct gk_error *err)
{
	struct gk_server srv = {.config = cfg, .calendar_site = -1};
	struct gk_guard guard = {0};
	struct gk_notice_worker *notices = NULL;
	struct sockaddr_in addr;
	enum gk_err rc = parse_listen(cfg->listen, &addr, err);
	if (rc)
		return rc;
	rc = gk_crypto_init(err);
	if (rc)
		return rc;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	if (cores < 1)
		cores = 2;
	int threads = cfg->threads > 0 ? cfg->threads : (int)cores * 2;

	sigset_t signals;
	sigemptyset(&signals);
	sigaddset(&signals, SIGINT);
	sigaddset(&signals, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &signals, NULL); /* MHD's threads inherit the mask */
	signal(SIGPIPE, SIG_IGN);

	/* a database that cannot be reached (a server not up yet, a network
	 * cut): listen anyway, answer 503, and start once it answers */
	struct pool_request want_pool = {cfg->db_path, threads + 1, &srv.pool};
	MHD_socket handed = MHD_INVALID_SOCKET;
	unsigned handed_port = 0;
	rc = open_pool(&want_pool, err);
	if (rc == GK_EDBDOWN) {
		gk_warn("%s", gk_error_text(err));
		bool stopped = false;
		rc = gk_waiting_room(&addr, cfg->listen, &signals, open_pool, &want_pool, &handed,
				     &handed_port, &stopped, err);
		if (!rc && stopped)
			goto out;
	}
	if (rc)
		return rc;
	long cache_mb = cfg->cache_mb < 0 ? DEFAULT_CACHE_MB : cfg->cache_mb;
	if (cache_mb > 0) {
		srv.cache = gk_page_cache_new((size_t)cache_mb << 20);
		if (!srv.cache) {
			rc = gk_fail(err, GK_ENOMEM, "out of memory for the page cache");
			goto out;
		}
	}
	gk_svc_session_limits_set(&(struct gk_session_limits){cfg->session_idle, cfg->session_max});
	rc = gk_auth_server_init(&srv, err);
	if (!rc) /* issue 13 */
		rc = gk_throttle_server_init(&srv, err);
	if (!rc) /* issue 15: the gateway's delivery reports */
		rc = gk_hooks_server_init(&srv, err);
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
	/* the catalogue index: loaded from its file, or built (minutes at a
	 * million items), before the first request */
	{
		struct gk_store *s = gk_store_pool_take(srv.pool);
		struct gk_catalogue_info ci;
		rc = gk_catalogue_open(s, cfg->db_path, GK_CATALOGUE_LIVE, build_progress, NULL,
				       &srv.catalogue, err);
		gk_store_pool_give(srv.pool, s);
		if (rc)
			goto out;
		gk_catalogue_info(srv.catalogue, &ci);
		gk_info("catalogue index: %lld items at change %lld (%s %s)", (long long)ci.items,
			(long long)ci.seq, ci.loaded ? "loaded from" : "built, saved to", ci.path);
	}

	/* connections: as many as asked, at most what the descriptors allow
	 * less a margin for the database, files and the listening socket; past
	 * it libmicrohttpd stops accepting and new ones wait in the kernel's
	 * backlog until the deadlines free a place */
	unsigned fds = raise_fd_limit();
	unsigned limit = fds > 256 ? fds - 128 : fds / 2;
	unsigned want = cfg->max_connections ? cfg->max_connections : DEFAULT_MAX_CONNECTIONS;
	if (want > limit && cfg->max_connections)
		gk_warn("--max-connections %u: the descriptor limit allows %u", want, limit);
	if (want < limit)
		limit = want;
	if (limit < (unsigned)threads) /* libmicrohttpd wants a place per thread */
		limit = (unsigned)threads;
	rc = guard_start(&guard, cfg, err);
	if (rc)
		goto out;
	srv.guard = &guard;
	/* issue 15: the day's reminders and the outbox, on a thread of their own */
	rc = gk_notice_worker_start(cfg->db_path, srv.calendar, cfg->notice_sender,
				    cfg->notice_interval, &notices, err);
	if (rc)
		goto out;
	MHD_set_panic_func(on_panic, NULL);
	/* the address, or the socket the waiting room listened on */
	struct MHD_OptionItem where[] = {
		handed != MHD_INVALID_SOCKET
			? (struct MHD_OptionItem){MHD_OPTION_LISTEN_SOCKET, (intptr_t)handed, NULL}
			: (struct MHD_OptionItem){MHD_OPTION_SOCK_ADDR, 0, &addr},
		{MHD_OPTION_END, 0, NULL},
	};
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ITC | MHD_USE_ERROR_LOG, 0,
		NULL, NULL, on_request, &srv, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, &guard,
		MHD_OPTION_ARRAY, where, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, &srv, MHD_OPTION_NOTIFY_CONNECTION,
		on_connection, &srv, MHD_OPTION_URI_LOG_CALLBACK, on_uri, &srv,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_TIMEOUT,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(16 * 1024),
		MHD_OPTION_CONNECTION_LIMIT, limit, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
		cfg->per_address ? cfg->per_address : (unsigned)DEFAULT_PER_ADDRESS,
		MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)4096, MHD_OPTION_END);
	if (!d) {
		rc = gk_fail(err, GK_EIO, "cannot listen on %s: %s", cfg->listen,
			     errno ? strerror(errno) : "address in use or not available");
		goto out;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	char host[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, &addr.sin_addr, host, sizeof host);
	unsigned port = handed_port ? handed_port : info ? info->port : ntohs(addr.sin_port);
	set_base_url(&srv, host, port);
	if (handed == MHD_INVALID_SOCKET) { /* else the waiting room said it */
		printf("listening on http://%s:%u/\n", host, port);
		fflush(stdout);
	}

	int sig;
	sigwait(&signals, &sig);
	gk_info("signal %d: stopping", sig);
	drain(d, &srv, &signals);
	MHD_stop_daemon(d);
	if (srv.catalogue) {
		/* saved when that costs no fold of the catalogue: otherwise the
		 * file (saved by the last build) is caught up at the next start */
		struct gk_error serr = {0};
		struct gk_catalogue_info ci;
		gk_catalogue_info(srv.catalogue, &ci);
		if (ci.delta > 0)
			gk_info("catalogue index not saved: %lld changes since its last build are "
				"read from the change log at the next start",
				(long long)ci.delta);
		else if (gk_catalogue_save(srv.catalogue, &serr) != GK_OK)
			gk_warn("catalogue index not saved: %s", gk_error_text(&serr));
	}
out:
	gk_notice_worker_stop(notices);
	gk_throttle_server_free(&srv);
	gk_hooks_server_free(&srv);
	if (srv.guard)
		guard_stop(srv.guard);
	gk_catalogue_free(srv.catalogue);
	gk_page_cache_free(srv.cache);
	gk_calendar_free(srv.calendar);
	gk_store_pool_free(srv.pool);
	return rc;
}
