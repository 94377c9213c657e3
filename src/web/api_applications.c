/* /api/v1/requests — applications as JSON.
 *
 *   POST /api/v1/requests                          public intake (rate-limited)
 *   GET  /api/v1/requests/{code}                   public status, no personal data
 *   GET  /api/v1/staff/whoami                      the account and its CSRF token
 *   GET  /api/v1/staff/requests                    a queue (view, agency, year, page)
 *   POST /api/v1/staff/requests                    staff registration of a non-online channel
 *   GET  /api/v1/staff/requests/{code}             everything, applicant if visible
 *   POST /api/v1/staff/requests/{code}/actions     one workflow step
 *
 * Staff POSTs need the session and the CSRF token (X-CSRF-Token header or
 * a "csrf" field); the checks are the same as the pages'. The two staff
 * POSTs also take multipart/form-data — the same fields and one file in
 * "file", kept with the step (see docs/applications.md). */
#include <stdio.h>
#include <string.h>

#include "lib/date.h"
#include "service/notices.h"
#include "store/store.h"
#include "web/applications.h"
#include "web/pages.h"
#include "web/server.h"
#include "web/throttle.h"

void gk_api_application_create(struct gk_request *r)
{
	struct gk_error err = {0};
	struct gk_application *app;
	enum gk_err rc = gk_app_submit_online(r, &app, &err);
	if (rc) {
		gk_respond_error(r, rc, gk_error_text(&err));
		return;
	}
	json_t *o = gk_app_public_json(app);
	char url[512];
	snprintf(url, sizeof url, "%s/track/%s", r->server->base_url, app->tracking_code);
	json_object_set_new(o, "tracking_url", json_string(url));
	char loc[64];
	snprintf(loc, sizeof loc, "/api/v1/requests/%s", app->tracking_code);
	gk_req_header(r, "Location", gk_arena_strdup(&r->arena, loc));
	gk_respond_json(r, 201, o);
}

void gk_api_application_status(struct gk_request *r)
{
	char code[GK_TRACKING_CODE_LEN + 1];
	struct gk_application *app = gk_arena_alloc(&r->arena, sizeof *app);
	if (!app) {
		gk_respond_error(r, GK_ENOMEM, NULL);
		return;
	}
	struct gk_error err = {0};
	if (gk_throttle_lookup(r, &err)) { /* issue 13 */
		gk_respond_error(r, GK_ETHROTTLED, gk_error_text(&err));
		return;
	}
	enum gk_err rc = gk_tracking_code_normalize(gk_req_path_arg(r, 0), code)
				 ? gk_store_application_by_code(r->store, code, false, app, &err)
				 : GK_ENOTFOUND;
	if (gk_req_failed(r, rc, &err))
		return;
	if (rc) {
		gk_throttle_lookup_missed(r);
		gk_respond_error(r, GK_ENOTFOUND, "没有这个查询码的申请");
		return;
	}
	gk_respond_json(r, 200, gk_app_public_json(app));
}

void gk_api_staff_whoami(struct gk_request *r)
{
	char roles[64];
	gk_respond_json(r, 200,
			json_pack("{s:s, s:s, s:s, s:s, s:b, s:s}", "login", r->user.login,
				  "display_name", r->user.display_name, "agency",
				  r->user.agency_name, "roles",
				  gk_role_format(r->user.roles, roles, sizeof roles), "city_wide",
				  r->user.city_wide, "csrf", r->csrf));
}

struct rows {
	json_t *list;
	long today;
};

static int add_row(const struct gk_application *app, void *ctx)
{
	struct rows *rows = ctx;
	json_t *o = gk_app_staff_json(app, false);
	json_object_del(o, "letter");
	json_object_set_new(o, "overdue", json_boolean(gk_app_overdue(app, rows->today)));
	json_array_append_new(rows->list, o);
	return 0;
}

static int add_counts(const struct gk_app_agency_counts *c, void *ctx)
{
	json_array_append_new(ctx, json_pack("{s:s, s:s, s:I, s:I, s:I}", "code", c->code, "name",
					     c->name, "received_this_year", (json_int_t)c->received,
					     "open", (json_int_t)c->open, "overdue",
					     (json_int_t)c->overdue));
	return 0;
}

void gk_api_staff_applications(struct gk_request *r)
{
	if (gk_req_param(r, "view") && strcmp(gk_req_param(r, "view"), "agencies") == 0) {
		struct gk_error err = {0};
		json_t *list = json_array();
		if (gk_store_application_agency_counts(
			    r->store, r->user.city_wide ? 0 : r->user.agency_id, r->svc.today,
			    gk_date_from_days(r->svc.today).year, add_counts, list, &err)) {
			json_decref(list);
			gk_respond_error(r, err.code, gk_error_text(&err));
			return;
		}
		gk_respond_json(r, 200,
				json_pack("{s:s, s:o}", "view", "agencies", "agencies", list));
		return;
	}
	struct gk_app_filter f;
	struct gk_error err = {0};
	const char *view = gk_req_param(r, "view");
	enum gk_app_view v = GK_VIEW_OPEN;
	if (view)
		gk_app_view_parse(view, &v);
	enum gk_err rc = gk_app_queue_filter(r, v, 100, &f, &err);
	if (rc == GK_ENOTFOUND) {
		gk_respond_error(r, GK_EINVAL, "“机关”：没有这个机关");
		return;
	}
	if (rc) {
		gk_respond_error(r, rc, gk_error_text(&err));
		return;
	}
	int64_t page = gk_req_param_int(r, "page", 1);
	json_t *list = json_array();
	struct rows rows = {list, f.today};
	int64_t total = 0;
	if (gk_store_application_list(r->store, &f, add_row, &rows, &total, &err)) {
		json_decref(list);
		gk_respond_error(r, err.code, gk_error_text(&err));
		return;
	}
	gk_respond_json(r, 200,
			json_pack("{s:s, s:I, s:I, s:o}", "view", gk_app_view_code(f.view), "total",
				  (json_int_t)total, "page", (json_int_t)page, "requests", list));
}

void gk_api_staff_application_create(struct gk_request *r)
{
	struct gk_error err = {0};
	struct gk_application *app;
	enum gk_err rc = gk_app_register(r, &app, &err);
	if (rc) {
		gk_respond_error(r, rc, gk_error_text(&err));
		return;
	}
	gk_respond_json(r, 201,
			gk_app_staff_json(app, gk_application_personal_visible(&r->user, app)));
}

struct events {
	struct gk_request *r;
	const struct gk_application *app;
	json_t *list;
};

static int add_event(const struct gk_app_event *ev, void *ctx)
{
	struct events *e = ctx;
	char day[11];
	const char *label = strcmp(ev->action, "create") == 0 ? "收到申请" : NULL;
	enum gk_app_action a;
	if (!label && gk_app_action_parse(ev->action, &a))
		label = gk_app_action_label(a);
	json_array_append_new(
		e->list,
		json_pack(
			"{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)ev->id, "day",
			ev->day == GK_NO_DAY ? "" : gk_date_format(gk_date_from_days(ev->day), day),
			"action", ev->action, "label", label ? label : ev->action, "by",
			ev->user_id ? ev->user_name : "申请人", "from", ev->from, "to", ev->to,
			"note", gk_app_shown(e->r, e->app, ev->note)));
	return 0;
}

struct files {
	struct gk_request *r;
	const struct gk_application *app;
	json_t *list;
};

static int add_file(const struct gk_attachment *a, void *ctx)
{
	struct files *f = ctx;
	char path[384];
	snprintf(path, sizeof path, "%s/staff/requests/%s/files/%lld", f->r->server->base_url,
		 f->app->tracking_code, (long long)a->id);
	json_array_append_new(f->list,
			      json_pack("{s:I, s:I, s:s, s:I, s:s, s:s, s:s}", "id",
					(json_int_t)a->id, "event_id", (json_int_t)a->event_id,
					"name", a->name, "size", (json_int_t)a->size, "type",
					a->media_type, "sha256", a->sha256, "url", path));
	return 0;
}

/* APP's notices with their delivery record (issue 15); NULL on a failure
 * (answered). */
static json_t *notices_json(struct gk_request *r, const struct gk_application *app, bool personal)
{
	struct gk_notice_records nr;
	struct gk_error err = {0};
	if (gk_req_failed(r, gk_svc_notices_of_case(&r->svc, app->id, app->agency_id, &nr, &err),
			  &err))
		return NULL;
	json_t *list = json_array();
	for (size_t i = 0; i < nr.count; i++) {
		const struct gk_notice *n = &nr.items[i].notice;
		char day[11];
		json_t *attempts = json_array();
		for (size_t k = 0; k < nr.items[i].nattempts; k++) {
			const struct gk_notice_attempt *a = &nr.items[i].attempts[k];
			json_array_append_new(
				attempts,
				json_pack("{s:I, s:s, s:s}", "at", (json_int_t)a->at, "outcome",
					  gk_notice_outcome_code(a->outcome), "detail", a->detail));
		}
		json_array_append_new(
			list,
			json_pack(
				"{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:s, s:I, s:I, "
				"s:o}",
				"id", (json_int_t)n->id, "kind", gk_notice_kind_code(n->kind),
				"label", gk_notice_kind_label(n->kind), "channel",
				gk_notice_channel_code(n->channel), "state",
				gk_notice_state_code(n->state), "day",
				n->day == GK_NO_DAY
					? ""
					: gk_date_format(gk_date_from_days(n->day), day),
				"subject", gk_app_shown(r, app, n->subject), "body",
				gk_app_shown(r, app, n->body), "recipient",
				personal || n->user_id ? n->recipient : "", "to_staff",
				n->user_id != 0, "last_error", n->last_error, "sent_at",
				(json_int_t)n->sent_at, "delivered_at", (json_int_t)n->delivered_at,
				"attempts", attempts));
	}
	gk_notice_records_release(&nr);
	return list;
}

/* The full staff view of APP: fields, applicant if visible, timeline,
 * attachments (with the applicant: they may hold personal data), allowed
 * actions and the deadline's explanation. */
static json_t *full_json(struct gk_request *r, const struct gk_application *app)
{
	bool personal = gk_application_personal_visible(&r->user, app);
	json_t *o = gk_app_staff_json(app, personal);
	struct events events = {r, app, json_array()};
	struct gk_error err = {0};
	enum gk_err rc = gk_store_app_events(r->store, app->id, add_event, &events, &err);
	json_object_set_new(o, "events", events.list);
	if (!rc && personal) {
		struct files f = {r, app, json_array()};
		rc = gk_store_app_attachments(r->store, app->id, add_file, &f, &err);
		json_object_set_new(o, "attachments", f.list);
	}
	if (gk_req_failed(r, rc, &err)) {
		json_decref(o);
		return NULL;
	}
	json_t *notices = notices_json(r, app, personal); /* issue 15 */
	if (!notices) {
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "notices", notices);
	json_object_set_new(o, "overdue", json_boolean(gk_app_overdue(app, r->svc.today)));
	struct gk_deadline dl;
	gk_deadline_init(&dl);
	rc = gk_svc_application_deadline(&r->svc, app, &dl, &err);
	if (gk_req_failed(r, rc, &err)) {
		gk_deadline_release(&dl);
		json_decref(o);
		return NULL;
	}
	if (rc == GK_OK)
		json_object_set_new(o, "deadline_explain", json_string(dl.explain.data));
	/* the steps the case page offers: those that would not be refused now */
	enum gk_app_action acts[GK_ACTION_COUNT];
	size_t n;
	bool ok = gk_app_actions_now(r, app, &dl, acts, GK_ACTION_COUNT, &n);
	gk_deadline_release(&dl);
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	json_t *allowed = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(allowed, json_string(gk_app_action_code(acts[i])));
	json_object_set_new(o, "actions", allowed);
	return o;
}

/* Responds with APP's full staff view (or the error page it ran into). */
static void respond_full(struct gk_request *r, const struct gk_application *app)
{
	json_t *o = full_json(r, app);
	if (o)
		gk_respond_json(r, 200, o);
}

void gk_api_staff_application(struct gk_request *r)
{
	struct gk_application *app = gk_app_load_staff(r);
	if (app)
		respond_full(r, app);
}

void gk_api_staff_application_act(struct gk_request *r)
{
	struct gk_error err = {0};
	struct gk_step_input step;
	struct gk_application *app = gk_app_load_staff(r);
	if (!app)
		return;
	enum gk_err rc = gk_app_act(r, app, &step, &err);
	if (rc) {
		gk_respond_error(r, rc, gk_error_text(&err));
		return;
	}
	respond_full(r, app);
}
