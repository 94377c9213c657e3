/* One HTTP request as handlers see it: validated inputs in, a response out.
 * Everything allocated for the request lives in its arena and is freed
 * when libmicrohttpd reports the request complete. */
#ifndef GK_WEB_REQUEST_H
#define GK_WEB_REQUEST_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/user.h"
#include "lib/arena.h"
#include "lib/buf.h"
#include "lib/error.h"
#include "service/service.h"

struct gk_store;
struct gk_server;
struct gk_route;
struct gk_cached_page;
struct gk_request;

enum gk_method { GK_GET = 1, GK_POST = 2, GK_PUT = 4, GK_DELETE = 8, GK_HEAD = 16 };

/* Makes the next part of a streamed body (gk_respond_stream): appends it to
 * R->out, which is emptied before each call, with a pooled connection in
 * R->store taken for this call only (so a slow reader holds none between
 * parts). Returns 1 while more follows, 0 after the last part, -1 on a
 * failure, recorded with gk_req_failed: the headers are gone, so the
 * connection is cut (the client sees an incomplete body) and it is logged. */
typedef int gk_stream_fn(struct gk_request *r, void *ctx);

struct gk_param {
	const char *name;
	const char *value; /* valid UTF-8, NUL-free */
};

/* An uploaded file (multipart/form-data). DATA is raw bytes, not checked. */
struct gk_file {
	const char *name;     /* the form field */
	const char *filename; /* as the browser sent it (valid UTF-8) */
	const char *content_type;
	const char *data;
	size_t len;
};

#define GK_MAX_PARAMS    64
#define GK_MAX_FILES     12
#define GK_MAX_PATH_ARGS 4
#define GK_MAX_HEADERS   8

struct gk_request {
	struct gk_arena arena;
	struct gk_server *server;
	struct gk_store *store; /* a pooled connection for this request */
	const struct gk_route *route;

	enum gk_method method;
	const char *path; /* decoded, valid UTF-8 */
	const char *remote_addr;
	const char *path_args[GK_MAX_PATH_ARGS]; /* the {…} segments, in order */
	struct gk_param params[GK_MAX_PARAMS];   /* query string, then form body */
	int nparams;
	struct gk_file files[GK_MAX_FILES];
	int nfiles;
	const char *content_type;
	struct gk_buf body; /* the raw request body */
	json_t *json;       /* the parsed body, for JSON routes */

	/* who is asking */
	struct gk_user user; /* valid when logged_in */
	bool logged_in;
	bool session_checked; /* the session cookie was resolved (maybe before the body) */
	/* resolving the session cookie failed (the database): the request is
	 * answered with this error, neither as the user nor as a visitor */
	enum gk_err session_failed;
	struct gk_svc svc; /* the use cases' context: the store, the calendar,
			      the user (when logged in), the address, now */
	char session_digest[65];
	char csrf[65];            /* the token forms must send back */
	const char *csrf_header;  /* X-CSRF-Token, for JSON clients; NULL if absent */
	const char *hook_secret;  /* the SMS gateway's report_secret_header; NULL if absent */
	char new_anon_cookie[64]; /* set when an anonymous token was minted */
	char cookie_session[64];  /* raw cookies, well-formed or empty */
	char cookie_anon[64];

	/* the response */
	int status;
	const char *response_type;
	struct gk_buf out;
	const char *header_names[GK_MAX_HEADERS];
	const char *header_values[GK_MAX_HEADERS];
	int nheaders;
	bool page_open;       /* gk_page_begin written, gk_page_end pending */
	gk_stream_fn *stream; /* a streamed body (else out is the body) */
	void *stream_ctx;
	struct gk_error failure; /* the first failure of the server met (gk_req_failed) */

	/* the rendered-page cache (page_cache.h) */
	const char *if_none_match;            /* the request's If-None-Match, or NULL */
	bool kept_checked;                    /* gk_dispatch_kept ran */
	const char *cache_key;                /* set when the response may be kept */
	struct gk_site_version cache_version; /* read before the page is drawn */
	bool personal;                        /* the page holds something of this visitor's
						 (a CSRF token): never kept for others */
	struct gk_cached_page *cached;        /* the response is this kept page (a reference) */
	bool not_modified;                    /* answer 304: the client holds cached's bytes */
};

/* The value of parameter NAME (query or form), or NULL if absent. */
const char *gk_req_param(const struct gk_request *r, const char *name);
/* An integer parameter already range-checked by the route; DEF if absent. */
long long gk_req_param_int(const struct gk_request *r, const char *name, long long def);
/* The uploaded file of field NAME, or NULL. Empty parts (a file input left
 * empty) are skipped. */
const struct gk_file *gk_req_file(const struct gk_request *r, const char *name);
/* The Nth (from 0) non-empty file of field NAME (which takes several), or NULL. */
const struct gk_file *gk_req_file_at(const struct gk_request *r, const char *name, int n);
/* The Nth {…} segment of the path. */
const char *gk_req_path_arg(const struct gk_request *r, int n);

/* Adds a response header; NAME and VALUE must outlive the request (arena or static). */
void gk_req_header(struct gk_request *r, const char *name, const char *value);
/* Plain responses. */
void gk_respond_json(struct gk_request *r, int status, json_t *body); /* steals BODY */
void gk_respond_redirect(struct gk_request *r, const char *location);
/* A 200 of media TYPE whose body NEXT makes part by part after the handler
 * returns (CTX in the arena, or owned by the caller until the request ends).
 * What the handler wrote to R->out goes first. An error response given
 * later (gk_respond_error, a failure met) replaces the stream. */
void gk_respond_stream(struct gk_request *r, const char *type, gk_stream_fn *next, void *ctx);
/* An error page (HTML) or object (JSON, for /api/) for CODE with DETAIL
 * (a failure of the server is logged and shown by its public message). */
void gk_respond_error(struct gk_request *r, enum gk_err code, const char *detail);
/* The text a visitor reads for CODE with DETAIL: DETAIL itself for what the
 * request got wrong (4xx; the table's public message if DETAIL is empty),
 * else — logged once with the method, path and DETAIL — the table's public
 * message. */
const char *gk_req_error_text(struct gk_request *r, enum gk_err code, const char *detail);
/* The same for ERR's code and detail. */
const char *gk_req_error(struct gk_request *r, const struct gk_error *err);
/* True if RC is a failure of the server (5xx): it is kept on R, and when
 * the handler returns the response becomes the error page (logged once;
 * whatever was written is dropped), so the caller may stop or carry on.
 * False for GK_OK and for what the caller handles (not found …). */
bool gk_req_failed(struct gk_request *r, enum gk_err rc, const struct gk_error *err);
/* True for paths under /api/. */
bool gk_req_is_api(const struct gk_request *r);

#endif
