/* The HTTP server: libmicrohttpd with a thread pool, one pooled database
 * connection per request, and the route table dispatch. */
#ifndef GK_WEB_SERVER_H
#define GK_WEB_SERVER_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "lib/error.h"
#include "web/request.h"

struct gk_store_pool;
struct gk_catalogue;
struct gk_page_cache;
struct gk_cidr_list;
struct gk_rate_table;
struct gk_sms_gateway;

struct gk_server_config {
	/* bounds on what one client can hold (issue 13); 0 = the default */
	unsigned max_connections;  /* open connections in all (10,000, or what descriptors allow) */
	unsigned per_address;      /* open connections from one address (256) */
	unsigned header_timeout;   /* s for a whole request head (10) */
	unsigned body_timeout;     /* s an anonymous request's body may take (60) */
	unsigned shutdown_timeout; /* s requests in flight may take to finish after SIGTERM (20) */
	unsigned body_memory_mb;   /* MiB of anonymous requests' bodies held at once (256) */

	const char *db_path;
	const char *listen;   /* "127.0.0.1:8080" */
	int threads;          /* 0 = two per core */
	size_t max_body;      /* default request body limit (bytes) */
	int quiet;            /* no access log */
	const char *base_url; /* public address for QR codes, feeds, sitemap; NULL = the
			       * setting 'site.base_url', else the listen address */
	long cache_mb;        /* the page cache's budget in MiB: -1 = default (64), 0 = off */
	long max_wait_ms;     /* a request that waited longer, unless its page is
			       * kept, gets 503; -1 = default (1000), 0 = always */
	int sitemap_urls;     /* addresses per sitemap file; 0 = 50,000 (the most allowed) */
	long session_idle;    /* seconds a session lives unused; 0 = GK_SESSION_IDLE_SECONDS */
	long session_max;     /* seconds a session lives in all; 0 = GK_SESSION_SECONDS */
	/* issue 13: throttling */
	const struct gk_cidr_list
		*trusted_proxies; /* peers whose X-Forwarded-For counts; NULL: none */
	int intake_limit; /* online applications per address per minute: -1 = default, 0 = off */
	/* issue 15: what sends notices (NULL: they wait in the outbox), and
	 * the seconds between the notice worker's passes (0 = 5) */
	const struct gk_notice_sender *notice_sender;
	int notice_interval;
	/* issue 15: the SMS gateway's settings file (serve --sms-gateway), read
	 * at start for its delivery reports (POST /hooks/sms-delivery); NULL,
	 * or a file without report_secret: that route answers 404 */
	const char *sms_gateway_path;
};

struct gk_guard;

struct gk_server {
	const struct gk_server_config *config;
	struct gk_store_pool *pool;
	unsigned char secret[32];     /* keys anonymous CSRF tokens */
	char site_name[160];          /* the root agency's name */
	char base_url[256];           /* "https://gk.example.cn", no final slash */
	struct gk_calendar *calendar; /* working days: shipped years + years stored in the DB */
	_Atomic int_least64_t calendar_site; /* the site version it was last reloaded at */
	struct gk_catalogue *catalogue;      /* the live catalogue index (service/catalogue.h) */
	struct gk_page_cache *cache;         /* public pages kept ready; NULL = none */
	struct gk_rate_table *limits; /* limits while the database cannot count (web/throttle.h) */
	struct gk_guard *guard;       /* connections' deadlines, requests in flight */
	struct gk_sms_gateway *sms_gateway; /* sms_gateway_path read; NULL none (issue 15) */
};

/* Serves until SIGINT or SIGTERM, then stops accepting, lets the requests
 * in flight finish (at most shutdown_timeout) and returns. Prints
 * "listening on http://ADDR:PORT/" to stdout once ready (tests wait for it). */
enum gk_err gk_server_run(const struct gk_server_config *cfg, struct gk_error *err);

/* Internal to src/web: dispatch a request whose inputs are read. */
void gk_dispatch(struct gk_request *r);
/* The cheap first half of gk_dispatch: true if R was answered from the
 * page cache (a kept page or a 304), without touching anything else; else
 * remembers what gk_dispatch needs to keep the page it draws. */
bool gk_dispatch_kept(struct gk_request *r);
/* The body limit the route for R's method and path declares (0 = the
 * default); *LOGIN_ONLY: the route is for staff, so the server grants more
 * than the default only to a valid session. */
size_t gk_route_body_limit(struct gk_request *r, bool *login_only);

/* The route table as JSON text (malloc'd; NULL if out of memory): for each
 * route its methods, pattern, flags, roles (codes; none = any staff) and
 * parameters (name, kind, required, choices). `gongkai routes --json`
 * prints it; the authorization tests build their matrix from it. */
char *gk_routes_json(void);

#endif
