/* The dispatcher: finds the route, then checks everything the route table
 * declares — login, roles, CSRF, body kind, parameters — before the handler
 * runs, so no handler repeats those checks. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/date.h"
#include "lib/html.h"
#include "lib/log.h"
#include "lib/utf8.h"
#include "service/audit.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/messages.h"
#include "web/multipart.h"
#include "web/page_cache.h"
#include "web/pages.h"
#include "web/route.h"
#include "web/server.h"

/* Matches PATH against PATTERN, capturing {…} segments into R. */
static bool match(const struct gk_route *route, const char *path, struct gk_request *r)
{
	const char *p = route->pattern, *s = path;
	int nargs = 0;
	while (*p && *s) {
		if (*p == '*' && (route->flags & GK_ROUTE_PREFIX)) {
			r->path_args[nargs] = s;
			return true;
		}
		if (*p == '{') {
			const char *close = strchr(p, '}');
			size_t n = strcspn(s, "/");
			if (!close || n == 0 || nargs == GK_MAX_PATH_ARGS)
				return false;
			r->path_args[nargs++] = gk_arena_strndup(&r->arena, s, n);
			p = close + 1;
			s += n;
			continue;
		}
		if (*p != *s)
			return false;
		p++;
		s++;
	}
	return *p == '\0' && *s == '\0';
}

static const struct gk_route *find_route(struct gk_request *r, unsigned *allowed)
{
	*allowed = 0;
	enum gk_method m = r->method == GK_HEAD ? GK_GET : r->method;
	for (const struct gk_route *route = gk_routes; route->pattern; route++) {
		if (!match(route, r->path, r))
			continue;
		if (route->methods & m)
			return route;
		*allowed |= route->methods;
	}
	return NULL;
}

static const char *allow_header(unsigned methods)
{
	if ((methods & GK_GET) && (methods & GK_POST))
		return "GET, HEAD, POST";
	if (methods & GK_POST)
		return "POST";
	return "GET, HEAD";
}

static const struct gk_param_spec *find_spec(const struct gk_route *route, const char *name)
{
	for (const struct gk_param_spec *p = route->params; p && p->name; p++)
		if (strcmp(p->name, name) == 0)
			return p;
	return NULL;
}

static bool has_control(const char *s, bool allow_newlines)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\t' || (allow_newlines && (c == '\n' || c == '\r')))
			continue;
		if (c < 0x20 || c == 0x7f)
			return true;
	}
	return false;
}

/* Checks one value against its spec; on error writes the message to ERR. */
static enum gk_err check_value(const struct gk_param_spec *p, const char *v, struct gk_error *err)
{
	size_t max_len = p->max_len ? p->max_len : 200;
	switch (p->kind) {
	case GK_PARAM_TEXT:
	case GK_PARAM_LINE:
		if (gk_utf8_count(v, strlen(v)) > max_len)
			return gk_fail(err, GK_EINVAL, GK_MSG_TOO_LONG, gk_field_label(p->name),
				       max_len);
		if (has_control(v, p->kind == GK_PARAM_TEXT))
			return gk_fail(err, GK_EINVAL, GK_MSG_CONTROL_CHARS,
				       gk_field_label(p->name));
		return GK_OK;
	case GK_PARAM_TOKEN: {
		size_t n = strlen(v);
		if (n > max_len ||
		    strspn(v,
			   "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-") !=
			    n)
			return gk_fail(err, GK_EINVAL, GK_MSG_NOT_TOKEN, gk_field_label(p->name));
		return GK_OK;
	}
	case GK_PARAM_INT: {
		char *end;
		errno = 0;
		long long n = strtoll(v, &end, 10);
		if (!*v || *end || errno || n < p->min || n > p->max)
			return gk_fail(err, GK_EINVAL, GK_MSG_INT_RANGE, gk_field_label(p->name),
				       p->min, p->max);
		return GK_OK;
	}
	case GK_PARAM_DATE: {
		struct gk_date d;
		if (!gk_date_parse(v, &d))
			return gk_fail(err, GK_EINVAL, GK_MSG_DATE, gk_field_label(p->name));
		return GK_OK;
	}
	case GK_PARAM_FILE:
		return gk_fail(err, GK_EINVAL, GK_MSG_FILE_EXPECTED, gk_field_label(p->name));
	case GK_PARAM_ENUM:
		for (const char *const *c = p->choices; c && *c; c++)
			if (strcmp(*c, v) == 0)
				return GK_OK;
		return gk_fail(err, GK_EINVAL, GK_MSG_NOT_ALLOWED, gk_field_label(p->name));
	}
	return gk_fail(err, GK_EINTERNAL, "bad parameter spec");
}

static enum gk_err check_params(struct gk_request *r, struct gk_error *err)
{
	const struct gk_route *route = r->route;
	for (int i = 0; i < r->nparams; i++) {
		const char *name = r->params[i].name;
		if ((route->flags & GK_ROUTE_CSRF) && strcmp(name, "csrf") == 0)
			continue;
		const struct gk_param_spec *p = find_spec(route, name);
		if (!p && (route->flags & GK_ROUTE_ANY_QUERY))
			continue; /* the handler reads what it needs */
		if (!p)
			return gk_fail(err, GK_EINVAL, GK_MSG_UNKNOWN_PARAM, name);
		for (int j = 0; j < i; j++)
			if (strcmp(r->params[j].name, name) == 0)
				return gk_fail(err, GK_EINVAL, GK_MSG_PARAM_TWICE,
					       gk_field_label(p->name));
		/* an empty optional field is the same as an absent one */
		if (!r->params[i].value[0] && !p->required)
			continue;
		enum gk_err rc = check_value(p, r->params[i].value, err);
		if (rc)
			return rc;
	}
	for (int i = 0; i < r->nfiles; i++) {
		const struct gk_param_spec *p = find_spec(route, r->files[i].name);
		if (!p || p->kind != GK_PARAM_FILE)
			return gk_fail(err, GK_EINVAL, GK_MSG_FILE_UNEXPECTED,
				       gk_field_label(r->files[i].name));
		long long same = 1;
		for (int j = 0; j < i; j++)
			if (strcmp(r->files[j].name, r->files[i].name) == 0)
				same++;
		if (same > (p->max > 1 ? p->max : 1))
			return gk_fail(err, GK_EINVAL, GK_MSG_FILE_TOO_MANY,
				       gk_field_label(p->name), p->max > 1 ? p->max : 1);
		if (p->max_len && r->files[i].len > p->max_len)
			return gk_fail(err, GK_ETOOBIG, GK_MSG_FILE_TOO_BIG,
				       gk_field_label(p->name), p->max_len);
	}
	for (const struct gk_param_spec *p = route->params; p && p->name; p++) {
		if (p->kind == GK_PARAM_FILE) {
			if (p->required && !gk_req_file(r, p->name))
				return gk_fail(err, GK_EINVAL, GK_MSG_FILE_REQUIRED,
					       gk_field_label(p->name));
			continue;
		}
		const char *v = gk_req_param(r, p->name);
		if (p->required && (!v || !*v))
			return gk_fail(err, GK_EINVAL, GK_MSG_REQUIRED, gk_field_label(p->name));
	}
	return GK_OK;
}

/* The fields of a JSON object body as parameters: strings as they are,
 * integers in decimal, null as absent; anything else is refused by name. */
static enum gk_err json_params(struct gk_request *r, struct gk_error *err)
{
	const char *key;
	json_t *value;
	json_object_foreach(r->json, key, value) {
		const char *text;
		char num[32];
		if (json_is_null(value))
			continue;
		if (json_is_string(value)) {
			text = json_string_value(value);
			if (strlen(text) != json_string_length(value))
				return gk_fail(err, GK_EINVAL, GK_MSG_NUL_CHAR,
					       gk_field_label(key));
		} else if (json_is_integer(value)) {
			snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT,
				 json_integer_value(value));
			text = num;
		} else {
			return gk_fail(err, GK_EINVAL, GK_MSG_NOT_STRING, gk_field_label(key));
		}
		if (r->nparams == GK_MAX_PARAMS)
			return gk_fail(err, GK_EINVAL, GK_MSG_TOO_MANY_FIELDS);
		struct gk_param *p = &r->params[r->nparams++];
		p->name = gk_arena_strdup(&r->arena, key);
		p->value = gk_arena_strdup(&r->arena, text);
		if (!p->name || !p->value)
			return gk_fail(err, GK_ENOMEM, "out of memory");
	}
	return GK_OK;
}

static enum gk_err read_body(struct gk_request *r, struct gk_error *err)
{
	const struct gk_route *route = r->route;
	if (r->method != GK_POST && r->method != GK_PUT)
		return GK_OK;
	const char *type = r->content_type ? r->content_type : "";
	/* a route that takes files may take them beside JSON (the API) or a form */
	if ((route->flags & GK_ROUTE_MULTIPART) && strncmp(type, "multipart/form-data", 19) == 0)
		return gk_multipart_parse(r, type, r->body.data, r->body.len, err);
	if (route->flags & GK_ROUTE_JSON) {
		if (strncmp(type, "application/json", 16) != 0)
			return gk_fail(err, GK_EINVAL, GK_MSG_JSON_TYPE);
		if (!gk_utf8_valid(r->body.data, r->body.len))
			return gk_fail(err, GK_EINVAL, GK_MSG_JSON_UTF8);
		json_error_t jerr;
		r->json = json_loadb(r->body.data, r->body.len, JSON_REJECT_DUPLICATES, &jerr);
		if (!r->json)
			return gk_fail(err, GK_EINVAL, GK_MSG_JSON_SYNTAX, jerr.line);
		if (!json_is_object(r->json))
			return gk_fail(err, GK_EINVAL, GK_MSG_JSON_OBJECT);
		if (route->flags & GK_ROUTE_JSON_PARAMS)
			return json_params(r, err);
		return GK_OK;
	}
	if (route->flags & GK_ROUTE_FORM) {
		if (strncmp(type, "application/x-www-form-urlencoded", 33) != 0)
			return gk_fail(err, GK_EINVAL, GK_MSG_FORM_TYPE);
		return gk_form_parse(r, r->body.data, r->body.len, err);
	}
	return GK_OK;
}

/* --- the rendered-page cache ---------------------------------------------- */

/* Kept pages are for anonymous GET and HEAD: a session cookie (even a stale
 * one) bypasses the cache both ways, so staff never see a public copy and
 * no staff page is ever kept. */
static bool cacheable(const struct gk_request *r)
{
	return (r->route->flags & GK_ROUTE_CACHE) &&
	       (r->method == GK_GET || r->method == GK_HEAD) && !r->cookie_session[0] &&
	       r->server->cache;
}

static int param_order(const struct gk_param *a, const struct gk_param *b)
{
	int c = strcmp(a->name, b->name);
	return c ? c : strcmp(a->value, b->value);
}

/* The path and the query's parameters sorted by name, each with its
 * length, so that no two different requests share a key; NULL if out of
 * memory. */
static const char *cache_key(struct gk_request *r)
{
	const struct gk_param *sorted[GK_MAX_PARAMS];
	int n = r->nparams;
	for (int i = 0; i < n; i++) {
		int j = i;
		while (j > 0 && param_order(sorted[j - 1], &r->params[i]) > 0) {
			sorted[j] = sorted[j - 1];
			j--;
		}
		sorted[j] = &r->params[i];
	}
	struct gk_buf key;
	gk_buf_init(&key, 16384);
	gk_buf_puts(&key, r->path);
	for (int i = 0; i < n; i++) {
		gk_buf_printf(&key, "\n%zu:", strlen(sorted[i]->name));
		gk_buf_puts(&key, sorted[i]->name);
		gk_buf_printf(&key, "=%zu:", strlen(sorted[i]->value));
		gk_buf_puts(&key, sorted[i]->value);
	}
	const char *out = key.failed ? NULL : gk_arena_strdup(&r->arena, key.data);
	gk_buf_release(&key);
	return out;
}

/* Serves R from the cache if its page is kept at version V: true if so. */
static bool serve_kept(struct gk_request *r, const char *key, const struct gk_site_version *v)
{
	r->cached = gk_page_cache_get(r->server->cache, key, v);
	if (!r->cached)
		return false;
	r->status = 200;
	r->response_type = r->cached->content_type;
	r->not_modified = r->if_none_match && gk_etag_matches(r->if_none_match, r->cached->etag);
	return true;
}

/* Keeps the response the handler wrote, if it is the same for everyone: a
 * 200 with no cookie, nothing of this visitor's and no header but maybe
 * its own Cache-Control. */
static void keep(struct gk_request *r, const char *key, const struct gk_site_version *v)
{
	const char *cache_control = NULL;
	if (r->status != 200 || r->failure.code || r->personal || r->logged_in || r->out.failed ||
	    r->page_open)
		return;
	/* drawn from a catalogue index still catching up with V (a bulk
	 * import): kept under V it would outlive the catch-up */
	if (r->svc.catalogue_seq >= 0 && r->svc.catalogue_seq < v->catalogue)
		return;
	for (int i = 0; i < r->nheaders; i++) {
		if (strcmp(r->header_names[i], "Cache-Control") != 0)
			return;
		cache_control = r->header_values[i];
	}
	r->cached = gk_page_cache_put(r->server->cache, key, v, r->response_type, cache_control,
				      r->out.data, r->out.len, (int64_t)time(NULL));
	if (r->cached)
		r->not_modified =
			r->if_none_match && gk_etag_matches(r->if_none_match, r->cached->etag);
}

/* An account an administrator sent to set a new password reaches only the
 * password page and logout until it has: pages lead there, the rest is
 * refused. True if R was answered so. */
static bool must_set_password_first(struct gk_request *r, const struct gk_route *route)
{
	if (!r->logged_in || !r->user.must_reset || !(route->flags & GK_ROUTE_LOGIN) ||
	    route->handler == gk_page_password_form || route->handler == gk_page_password_submit)
		return false;
	if (gk_req_is_api(r) || (r->method != GK_GET && r->method != GK_HEAD))
		gk_respond_error(r, GK_EFORBIDDEN, "请先设置新密码（管理员要求重设密码）");
	else
		gk_respond_redirect(r, "/staff/password");
	return true;
}

/* Every change staff make reaches the audit log: a successful staff
 * request that changed something but wrote no audit row of its own gets
 * one naming the request (service/audit.h). */
static void audit_staff_change(struct gk_request *r)
{
	if (!r->logged_in || r->method == GK_GET || r->method == GK_HEAD || r->status >= 400)
		return;
	const char *method = r->method == GK_POST ? "POST" : r->method == GK_PUT ? "PUT" : "DELETE";
	struct gk_error err = {0};
	if (gk_svc_audit_request(&r->svc, method, r->path, r->status, &err))
		gk_error("%s %s: audit row not written: %s", method, r->path ? r->path : "?",
			 gk_error_text(&err));
}

size_t gk_route_body_limit(struct gk_request *r, bool *login_only)
{
	unsigned allowed;
	const struct gk_route *route = find_route(r, &allowed);
	*login_only = route && (route->flags & GK_ROUTE_LOGIN);
	return route ? route->max_body : 0;
}

bool gk_dispatch_kept(struct gk_request *r)
{
	unsigned allowed;
	struct gk_error err = {0};
	r->kept_checked = true;
	r->route = find_route(r, &allowed);
	if (!r->route || !cacheable(r))
		return false;
	const char *key = cache_key(r);
	if (!key)
		return false;
	/* the version is read before the page is drawn: a write that lands
	 * meanwhile leaves the page kept under the older version, so the next
	 * request draws it again */
	struct gk_store *s = gk_store_pool_take(r->server->pool);
	enum gk_err rc = gk_store_site_version(s, &r->cache_version, &err);
	gk_store_pool_give(r->server->pool, s);
	if (rc) {
		gk_error("page cache bypassed: %s", gk_error_text(&err));
		return false;
	}
	r->cache_key = key;
	r->svc.catalogue_version =
		r->cache_version.catalogue; /* the listings need not read it again */
	return serve_kept(r, key, &r->cache_version);
}

/* Reloads the server's calendar when the site version moved since it last
 * did: a holiday year stored by another server or by `gongkai holidays
 * load` (it moves the version) is then used from this request on. */
static void follow_calendar(struct gk_request *r)
{
	struct gk_site_version v = r->cache_version;
	struct gk_error err = {0};
	/* not for the files of the site or a health probe: no deadline there */
	if (strncmp(r->path, "/static/", 8) == 0 || strcmp(r->path, "/api/v1/health") == 0)
		return;
	/* unread (the database failing): the request's own work meets it too */
	if (!r->cache_key && gk_store_site_version(r->store, &v, &err) != GK_OK)
		return;
	struct gk_server *srv = r->server;
	if (v.site == atomic_load(&srv->calendar_site))
		return;
	if (gk_svc_calendar_reload(r->store, srv->calendar, &err) != GK_OK) {
		gk_warn("calendar not reloaded: %s", gk_error_text(&err));
		return;
	}
	atomic_store(&srv->calendar_site, v.site);
}

void gk_dispatch(struct gk_request *r)
{
	unsigned allowed;
	if (!r->kept_checked && gk_dispatch_kept(r))
		return;
	r->route = find_route(r, &allowed);
	if (!r->route) {
		r->cache_key = NULL;
		if (allowed) {
			gk_req_header(r, "Allow", allow_header(allowed));
			gk_respond_error(r, GK_EMETHOD, GK_MSG_METHOD);
		} else {
			gk_respond_error(r, GK_ENOTFOUND, GK_MSG_NO_PAGE);
		}
		return;
	}
	struct gk_error err = {0};
	r->store = gk_store_pool_take(r->server->pool);
	gk_auth_load(r);
	if (r->session_failed) {
		r->cache_key = NULL;
		gk_respond_error(r, r->session_failed, NULL);
		goto done;
	}
	gk_svc_init(&r->svc, r->store, r->server->calendar, r->logged_in ? &r->user : NULL,
		    r->remote_addr);
	r->svc.catalogue = r->server->catalogue;
	follow_calendar(r);
	if (r->server->config->intake_limit >= 0) /* issue 13: serve --intake-limit */
		r->svc.intake_limit = r->server->config->intake_limit;
	if (r->cache_key) /* the page cache read the version: the listings need not again */
		r->svc.catalogue_version = r->cache_version.catalogue;
	const struct gk_route *route = r->route;
	if ((route->flags & GK_ROUTE_LOGIN) && !r->logged_in) {
		if (gk_req_is_api(r) || (r->method != GK_GET && r->method != GK_HEAD)) {
			gk_respond_error(r, GK_EUNAUTH, GK_MSG_LOGIN_FIRST);
		} else {
			struct gk_buf to;
			gk_buf_init(&to, 8192);
			gk_buf_puts(&to, "/login?next=");
			gk_html_url_arg(&to, r->path);
			gk_respond_redirect(
				r, gk_arena_strdup(&r->arena, to.failed ? "/login" : to.data));
			gk_buf_release(&to);
		}
		goto done;
	}
	if (must_set_password_first(r, route))
		goto done;
	if (route->roles && !(r->user.roles & route->roles)) {
		gk_respond_error(r, GK_EFORBIDDEN, GK_MSG_ROLE);
		goto done;
	}
	if (read_body(r, &err) || check_params(r, &err)) {
		gk_respond_error(r, err.code, gk_error_text(&err));
		goto done;
	}
	if ((route->flags & GK_ROUTE_CSRF) &&
	    !gk_auth_csrf_ok(r, r->csrf_header ? r->csrf_header : gk_req_param(r, "csrf"))) {
		gk_respond_error(r, GK_EFORBIDDEN, GK_MSG_CSRF);
		goto done;
	}
	route->handler(r);
	/* a failure met on the way replaces whatever the handler wrote */
	if (r->failure.code)
		gk_respond_error(r, r->failure.code, r->failure.detail);
	else if (r->cache_key)
		keep(r, r->cache_key, &r->cache_version);
	else
		audit_staff_change(r);
done:
	gk_store_pool_give(r->server->pool, r->store);
	r->store = NULL;
	r->svc.store = NULL;
}
