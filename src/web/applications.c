/* Shared by the application pages and API: scope, parameters, rate limit,
 * JSON views. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lib/date.h"
#include "lib/html.h"
#include "lib/messages.h"
#include "service/applications.h"
#include "web/applications.h"
#include "web/attachments.h"
#include "web/human_check.h"
#include "web/server.h"

const char *gk_app_day(struct gk_request *r, long day)
{
	char text[11];
	if (day == GK_NO_DAY)
		return "";
	return gk_arena_strdup(&r->arena, gk_date_format(gk_date_from_days(day), text));
}

long gk_app_param_day(const struct gk_request *r, const char *name)
{
	const char *v = gk_req_param(r, name);
	struct gk_date d;
	return v && *v && gk_date_parse(v, &d) ? gk_date_to_days(d) : GK_NO_DAY;
}

enum gk_err gk_app_queue_filter(struct gk_request *r, enum gk_app_view view, int64_t per_page,
				struct gk_app_filter *f, struct gk_error *err)
{
	memset(f, 0, sizeof *f);
	f->view = view;
	f->scope = r->user.city_wide ? 0 : r->user.agency_id;
	f->user_id = r->user.id;
	f->roles = r->user.roles;
	f->today = r->svc.today;
	f->due_by = gk_calendar_add_workdays(r->server->calendar, f->today, 3, NULL);
	f->year = (int)gk_req_param_int(r, "year", 0);
	f->limit = per_page;
	f->offset = (gk_req_param_int(r, "page", 1) - 1) * per_page;
	const char *agency = gk_req_param(r, "agency");
	if (!agency || !*agency)
		return GK_OK;
	struct gk_agency a;
	enum gk_err rc = gk_store_agency_by_code(r->store, agency, &a, err);
	if (!rc)
		f->agency_id = a.id;
	return rc;
}

bool gk_app_in_scope(struct gk_request *r, int64_t agency_id)
{
	return gk_svc_in_scope(&r->svc, agency_id);
}

struct gk_application *gk_app_load_staff(struct gk_request *r)
{
	char code[GK_TRACKING_CODE_LEN + 1];
	struct gk_error err = {0};
	struct gk_application *app = gk_arena_alloc(&r->arena, sizeof *app);
	if (!app) {
		gk_respond_error(r, GK_ENOMEM, NULL);
		return NULL;
	}
	const char *arg = gk_req_path_arg(r, 0);
	if (!gk_tracking_code_normalize(arg, code)) {
		gk_respond_error(r, GK_ENOTFOUND, "没有这个查询码的申请");
		return NULL;
	}
	enum gk_err rc = gk_store_application_by_code(r->store, code, true, app, &err);
	if (rc == GK_OK && !gk_svc_in_scope(&r->svc, app->agency_id))
		rc = GK_ENOTFOUND;
	if (rc == GK_ENOTFOUND) {
		gk_respond_error(r, GK_ENOTFOUND, "没有这个查询码的申请");
		return NULL;
	}
	if (rc) {
		gk_respond_error(r, rc, gk_error_text(&err));
		return NULL;
	}
	return app;
}

/* Notes in WHAT (a struct gk_workflow_now) whether 补正 was asked for
 * already, and until when. */
static int supplement_event(const struct gk_app_event *ev, void *what)
{
	struct gk_workflow_now *now = what;
	if (ev->clock == GK_CLOCK_SUPPLEMENT_REQUESTED) {
		now->supplement_asked = true;
		now->supplement_until = ev->until;
	}
	return 0;
}

bool gk_app_actions_now(struct gk_request *r, const struct gk_application *app,
			const struct gk_deadline *dl, enum gk_app_action *out, size_t cap,
			size_t *count)
{
	struct gk_error err = {0};
	struct gk_workflow_now now = {
		.state = app->state,
		.roles = r->user.roles,
		.actor_id = r->user.id,
		.drafter_id = app->drafter_id,
		.today = r->svc.today,
		.rules_2019 = dl->rules == GK_RULES_2019,
		.due = app->clock_state == GK_CLOCK_RUNNING ? app->due : GK_NO_DAY,
		.extension = dl->extension,
		.max_extension = dl->max_extension,
		.supplement_by = dl->supplement_by,
		.supplement_until = GK_NO_DAY,
		.payment_due = dl->payment_due,
	};
	*count = 0;
	if (gk_req_failed(r, gk_store_app_events(r->store, app->id, supplement_event, &now, &err),
			  &err))
		return false;
	size_t n = gk_actions_now(&now, out, cap);
	*count = n < cap ? n : cap;
	return true;
}

static void copy(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

/* The file sent in field "file" as an upload in the request's arena, or
 * NULL (none sent, or out of memory: *OOM). */
static const struct gk_upload *upload_param(struct gk_request *r, bool *oom)
{
	const struct gk_file *f = gk_req_file(r, "file");
	if (!f)
		return NULL;
	struct gk_upload *up = gk_arena_alloc(&r->arena, sizeof *up);
	if (!up || !gk_web_upload(r, f, up)) {
		*oom = true;
		return NULL;
	}
	return up;
}

const char *gk_app_plain_lines(struct gk_request *r, const char *v)
{
	char *out = v ? gk_arena_strdup(&r->arena, v) : NULL;
	if (!out)
		return v;
	char *w = out;
	for (const char *p = out; *p; p++)
		if (!(p[0] == '\r' && p[1] == '\n'))
			*w++ = *p;
	*w = '\0';
	return out;
}

/* Fills IN from the intake parameters (agency, applicant_type, name, …).
 * GK_EINVAL names the field. */
static enum gk_err intake_from_params(struct gk_request *r, struct gk_intake *in,
				      struct gk_error *err)
{
	memset(in, 0, sizeof *in);
	in->facts.submitted = in->facts.signed_for = in->facts.confirmed = GK_NO_DAY;
	struct gk_agency a;
	const char *code = gk_req_param(r, "agency");
	if (!code || !*code)
		return gk_fail(err, GK_EINVAL, GK_MSG_REQUIRED, "受理机关");
	enum gk_err found = gk_store_agency_by_code(r->store, code, &a, err);
	if (found == GK_ENOTFOUND)
		return gk_fail(err, GK_EINVAL, "“受理机关”：没有代码为“%.40s”的机关", code);
	if (found)
		return found;
	in->agency_id = a.id;
	if (!gk_applicant_type_parse(gk_req_param(r, "applicant_type"), &in->applicant_type))
		return gk_fail(err, GK_EINVAL, "请选择“申请人类型”");
	if (!gk_delivery_parse(gk_req_param(r, "delivery"), &in->delivery))
		return gk_fail(err, GK_EINVAL, "请选择“获取信息的方式”");
	copy(in->applicant.name, sizeof in->applicant.name, gk_req_param(r, "name"));
	copy(in->applicant.id_number, sizeof in->applicant.id_number, gk_req_param(r, "id_number"));
	copy(in->applicant.phone, sizeof in->applicant.phone, gk_req_param(r, "phone"));
	copy(in->applicant.email, sizeof in->applicant.email, gk_req_param(r, "email"));
	copy(in->applicant.address, sizeof in->applicant.address, gk_req_param(r, "address"));
	/* stored with line breaks as LF, as the online form stores them */
	in->description = gk_app_plain_lines(r, gk_req_param(r, "description"));
	in->doc_no = gk_req_param(r, "doc_no");
	in->medium = gk_req_param(r, "medium");
	in->note = gk_app_plain_lines(r, gk_req_param(r, "note"));
	/* issue 12: a document type said is checked by its format (core/intake.c) */
	const char *id_type = gk_req_param(r, "id_type");
	if (id_type && *id_type && !gk_id_type_parse(id_type, &in->id_type))
		in->id_type = GK_ID_COUNT;
	bool oom = false;
	in->upload = upload_param(r, &oom);
	if (oom)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	if (in->applicant_type == GK_APPLICANT_NATURAL_PERSON && !in->applicant.id_number[0])
		return gk_fail(err, GK_EINVAL, "自然人申请的，请填写“证件号码”");
	return GK_OK;
}

/* Fills STEP from the step parameters (action, day, note, outcome, …). */
static enum gk_err step_from_params(struct gk_request *r, struct gk_step_input *step,
				    struct gk_error *err)
{
	memset(step, 0, sizeof *step);
	if (!gk_app_action_parse(gk_req_param(r, "action"), &step->action))
		return gk_fail(err, GK_EINVAL, "请选择“操作”");
	step->day = gk_app_param_day(r, "day");
	step->note = gk_req_param(r, "note");
	bool oom = false;
	step->upload = upload_param(r, &oom);
	if (oom)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	step->outcome = -1;
	enum gk_outcome o;
	const char *oc = gk_req_param(r, "outcome");
	if (oc && *oc) {
		if (!gk_outcome_parse(oc, &o))
			return gk_fail(err, GK_EINVAL, GK_MSG_NOT_ALLOWED, "答复类型");
		step->outcome = (int)o;
	}
	step->letter = gk_req_param(r, "letter");
	step->days = (int)gk_req_param_int(r, "days", 0);
	step->until = gk_app_param_day(r, "until");
	const char *party = gk_req_param(r, "party");
	step->party =
		party && strcmp(party, "agency") == 0 ? GK_CONSULT_AGENCY : GK_CONSULT_THIRD_PARTY;
	const char *method = gk_req_param(r, "fee_method");
	step->fee.method = GK_FEE_NONE;
	if (method && *method && !gk_fee_method_parse(method, &step->fee.method))
		return gk_fail(err, GK_EINVAL, GK_MSG_NOT_ALLOWED, "收费方式");
	step->fee.first = (int)gk_req_param_int(r, "fee_first", 0);
	step->fee.count = (int)gk_req_param_int(r, "fee_count", 0);
	step->fee.pages = (int)gk_req_param_int(r, "fee_pages", 0);
	step->notice_received = gk_app_param_day(r, "notice_received");
	step->reply_way = GK_DELIVERY_COUNT;
	const char *way = gk_req_param(r, "reply_way");
	if (way && *way && !gk_delivery_parse(way, &step->reply_way))
		return gk_fail(err, GK_EINVAL, GK_MSG_NOT_ALLOWED, "答复送达方式");
	const char *handler = gk_req_param(r, "handler");
	if (handler && *handler) {
		struct gk_user h;
		enum gk_err rc = gk_store_user_by_login(r->store, handler, &h, err);
		if (rc == GK_ENOTFOUND)
			/* the same words as for someone else's account (service):
			   the form is no way to learn which logins exist */
			return gk_fail(err, GK_EINVAL, "“承办人”：“%.40s”不属于办理机关", handler);
		if (rc)
			return rc;
		step->handler_id = h.id;
	}
	return GK_OK;
}

/* Creates *APP in the request's arena from IN, registered by the
 * logged-in user. */
static enum gk_err create(struct gk_request *r, struct gk_intake *in, struct gk_application **app,
			  struct gk_error *err)
{
	*app = gk_arena_alloc(&r->arena, sizeof **app);
	if (!*app)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	return gk_svc_application_create(&r->svc, in, *app, err);
}

enum gk_err gk_app_submit_online(struct gk_request *r, struct gk_application **app,
				 struct gk_error *err)
{
	struct gk_intake in;
	enum gk_err rc = intake_from_params(r, &in, err);
	if (rc)
		return rc;
	in.kind = GK_INTAKE_ONLINE;
	in.upload = NULL; /* the public does not upload (the route takes no file) */
	in.facts.channel = GK_CHANNEL_ONLINE;
	in.facts.submitted = r->svc.today;
	/* issue 13: the flood brake per agency, as for the form */
	if ((rc = gk_human_agency_allowed(r, gk_req_param(r, "agency"), err)))
		return rc;
	/* the public acts as nobody, even from a browser with a staff session */
	struct gk_svc svc = r->svc;
	svc.actor = NULL;
	*app = gk_arena_alloc(&r->arena, sizeof **app);
	if (!*app)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	return gk_svc_application_submit(&svc, &in, *app, err);
}

enum gk_err gk_app_register(struct gk_request *r, struct gk_application **app, struct gk_error *err)
{
	struct gk_intake in;
	enum gk_err rc = intake_from_params(r, &in, err);
	if (rc)
		return rc;
	/* the route allows only the channels staff register */
	if (!gk_channel_parse(gk_req_param(r, "channel"), &in.facts.channel) ||
	    in.facts.channel == GK_CHANNEL_ONLINE)
		return gk_fail(err, GK_EINVAL, "“申请渠道”须为当面、传真、信函或电子邮件");
	/* the use case refuses an agency outside the user's */
	in.kind = GK_INTAKE_STAFF;
	const char *reg = gk_req_param(r, "registered_post");
	in.facts.registered_post = reg && *reg && strcmp(reg, "0") != 0;
	in.facts.submitted = gk_app_param_day(r, "submitted");
	in.facts.signed_for = gk_app_param_day(r, "signed_for");
	in.facts.confirmed = gk_app_param_day(r, "confirmed");
	/* in person: the day handed in defaults to today */
	if (in.facts.channel == GK_CHANNEL_IN_PERSON && in.facts.submitted == GK_NO_DAY)
		in.facts.submitted = r->svc.today;
	return create(r, &in, app, err);
}

int gk_app_intake_problems(struct gk_request *r, struct gk_intake_problems *p)
{
	struct gk_intake in;
	memset(&in, 0, sizeof in);
	in.kind = GK_INTAKE_STAFF;
	in.facts.submitted = in.facts.signed_for = in.facts.confirmed = GK_NO_DAY;
	struct gk_agency a;
	struct gk_error err = {0};
	const char *code = gk_req_param(r, "agency");
	if (code && *code && gk_store_agency_by_code(r->store, code, &a, &err) == GK_OK)
		in.agency_id = a.id;
	if (!gk_applicant_type_parse(gk_req_param(r, "applicant_type"), &in.applicant_type))
		in.applicant_type = GK_APPLICANT_COUNT;
	if (!gk_delivery_parse(gk_req_param(r, "delivery"), &in.delivery))
		in.delivery = GK_DELIVERY_COUNT;
	const char *id_type = gk_req_param(r, "id_type");
	if (id_type && *id_type && !gk_id_type_parse(id_type, &in.id_type))
		in.id_type = GK_ID_COUNT;
	copy(in.applicant.name, sizeof in.applicant.name, gk_req_param(r, "name"));
	copy(in.applicant.id_number, sizeof in.applicant.id_number, gk_req_param(r, "id_number"));
	copy(in.applicant.phone, sizeof in.applicant.phone, gk_req_param(r, "phone"));
	copy(in.applicant.email, sizeof in.applicant.email, gk_req_param(r, "email"));
	copy(in.applicant.address, sizeof in.applicant.address, gk_req_param(r, "address"));
	in.description = gk_app_plain_lines(r, gk_req_param(r, "description"));
	in.doc_no = gk_req_param(r, "doc_no");
	in.medium = gk_req_param(r, "medium");
	in.note = gk_app_plain_lines(r, gk_req_param(r, "note"));
	gk_intake_check(&in, p);
	/* staff too are asked for a person's number (intake_from_params) */
	if (in.applicant_type == GK_APPLICANT_NATURAL_PERSON &&
	    gk_text_blank(in.applicant.id_number))
		gk_intake_problem(p, GK_FIELD_ID_NUMBER, "自然人申请的，请填写“证件号码”");
	return p->count;
}

enum gk_err gk_app_act(struct gk_request *r, struct gk_application *app, struct gk_step_input *step,
		       struct gk_error *err)
{
	enum gk_err rc = step_from_params(r, step, err);
	if (rc)
		return rc;
	return gk_svc_application_act(&r->svc, app->id, step, app, err);
}

bool gk_app_overdue(const struct gk_application *app, long today)
{
	return gk_app_state_open(app->state) && app->clock_state == GK_CLOCK_RUNNING &&
	       app->due != GK_NO_DAY && app->due < today;
}

int gk_app_public_outcome(const struct gk_application *app)
{
	return gk_app_state_open(app->state) ? -1 : app->outcome;
}

const char *gk_app_staff_path(struct gk_request *r, const struct gk_application *app)
{
	char path[64];
	snprintf(path, sizeof path, "/staff/requests/%s", app->tracking_code);
	return gk_arena_strdup(&r->arena, path);
}

static json_t *day_or_null(long day)
{
	char text[11];
	return day == GK_NO_DAY ? json_null()
				: json_string(gk_date_format(gk_date_from_days(day), text));
}

/* OUTCOME's code or label (as NAME gives it) as a JSON string; null for
 * none (-1) or a value out of range. */
static json_t *outcome_or_null(int outcome, const char *(*name)(enum gk_outcome))
{
	return (unsigned)outcome < GK_OUTCOME_COUNT ? json_string(name((enum gk_outcome)outcome))
						    : json_null();
}

json_t *gk_app_public_json(const struct gk_application *app)
{
	int outcome = gk_app_public_outcome(app);
	return json_pack(
		"{s:s, s:s, s:s, s:s, s:o, s:b, s:o, s:b, s:s, s:o, s:o, s:o}", "tracking_code",
		app->tracking_code, "agency", app->agency_name, "state",
		gk_app_state_code(app->state), "state_label", gk_app_state_label(app->state),
		"received", day_or_null(app->received), "received_confirmed", app->received_final,
		"due", day_or_null(app->due), "due_provisional", app->provisional, "clock",
		gk_app_state_open(app->state)
			? (app->clock_state == GK_CLOCK_RUNNING  ? "running"
			   : app->clock_state == GK_CLOCK_PAUSED ? "paused"
								 : "awaiting_supplement")
			: "stopped",
		"outcome", outcome_or_null(outcome, gk_outcome_code), "outcome_label",
		outcome_or_null(outcome, gk_outcome_label), "replied", day_or_null(app->replied));
}

/* TEXT, or with APP's applicant hidden unless PERSONAL, as a JSON string. */
static json_t *shown_json(const struct gk_application *app, bool personal, const char *text)
{
	if (personal)
		return json_string(text);
	struct gk_buf b;
	gk_buf_init(&b, GK_BUF_DEFAULT_MAX);
	gk_applicant_redact(&app->applicant, text, &b);
	json_t *s = b.failed ? json_string("") : json_string(b.data);
	gk_buf_release(&b);
	return s;
}

const char *gk_app_shown(struct gk_request *r, const struct gk_application *app, const char *text)
{
	if (gk_application_personal_visible(&r->user, app))
		return text;
	struct gk_buf b;
	gk_buf_init(&b, GK_BUF_DEFAULT_MAX);
	gk_applicant_redact(&app->applicant, text, &b);
	const char *shown = b.failed ? NULL : gk_arena_strdup(&r->arena, b.data);
	gk_buf_release(&b);
	return shown ? shown : "";
}

json_t *gk_app_staff_json(const struct gk_application *app, bool personal)
{
	json_t *o = gk_app_public_json(app);
	json_object_set_new(o, "agency_code", json_string(app->agency_code));
	json_object_set_new(o, "channel", json_string(gk_channel_code(app->channel)));
	json_object_set_new(o, "receipt_rule", json_string(app->receipt_rule));
	json_object_set_new(o, "applicant_type",
			    json_string(gk_applicant_type_code(app->applicant_type)));
	json_object_set_new(o, "description", shown_json(app, personal, app->description));
	json_object_set_new(o, "doc_no", json_string(app->doc_no));
	json_object_set_new(o, "delivery", json_string(gk_delivery_code(app->delivery)));
	json_object_set_new(o, "medium", json_string(app->medium));
	json_object_set_new(o, "outcome", outcome_or_null(app->outcome, gk_outcome_code));
	json_object_set_new(o, "outcome_label", outcome_or_null(app->outcome, gk_outcome_label));
	json_object_set_new(o, "handler", json_string(app->handler_name));
	json_object_set_new(o, "drafter", json_string(app->drafter_name));
	json_object_set_new(o, "approver", json_string(app->approver_name));
	json_object_set_new(o, "base_due", day_or_null(app->base_due));
	json_object_set_new(o, "letter", shown_json(app, personal, app->letter));
	json_object_set_new(o, "reply_way",
			    app->replied != GK_NO_DAY
				    ? json_string(gk_delivery_code(app->reply_way))
				    : json_null());
	if (personal)
		json_object_set_new(o, "applicant",
				    json_pack("{s:s, s:s, s:s, s:s, s:s}", "name",
					      app->applicant.name, "id_number",
					      app->applicant.id_number, "phone",
					      app->applicant.phone, "email", app->applicant.email,
					      "address", app->applicant.address));
	return o;
}

/* --- form fields ---------------------------------------------------------- */

void gk_app_option(struct gk_buf *b, const char *value, const char *label, const char *selected)
{
	gk_html_raw(b, "<option value=\"");
	gk_html_attr(b, value);
	gk_html_raw(b, selected && strcmp(selected, value) == 0 ? "\" selected>" : "\">");
	gk_html_text(b, label);
	gk_html_raw(b, "</option>\n");
}

void gk_app_input(struct gk_request *r, const char *name, const char *label, const char *type,
		  int maxlength, bool required)
{
	struct gk_buf *b = &r->out;
	const char *v = gk_req_param(r, name);
	gk_html_raw(b, "<label for=\"a-");
	gk_html_raw(b, name);
	gk_html_raw(b, "\">");
	gk_html_raw(b, label);
	gk_html_raw(b, "</label><input id=\"a-");
	gk_html_raw(b, name);
	gk_html_raw(b, "\" name=\"");
	gk_html_raw(b, name);
	gk_html_raw(b, "\" type=\"");
	gk_html_raw(b, type);
	if (maxlength) {
		gk_html_raw(b, "\" maxlength=\"");
		gk_html_int(b, maxlength);
	}
	gk_html_raw(b, required ? "\" required value=\"" : "\" value=\"");
	gk_html_attr(b, v ? v : "");
	gk_html_raw(b, "\">\n");
}

/* The problem of FIELD in P, or NULL (P NULL: a fresh form). */
static const char *problem_of(const struct gk_intake_problems *p, enum gk_intake_field field)
{
	return p && p->message[field][0] ? p->message[field] : NULL;
}

void gk_app_field_error(struct gk_buf *b, const char *name, const char *message)
{
	if (!message || !message[0])
		return;
	gk_html_raw(b, "<p class=\"field-error\" id=\"a-");
	gk_html_raw(b, name);
	gk_html_raw(b, "-error\"><span class=\"visually-hidden\">错误：</span>");
	gk_html_text(b, message);
	gk_html_raw(b, "</p>\n");
}

void gk_app_field_attrs(struct gk_buf *b, const char *name, bool required, bool bad, bool hint)
{
	gk_html_raw(b, " id=\"a-");
	gk_html_raw(b, name);
	gk_html_raw(b, "\" name=\"");
	gk_html_raw(b, name);
	gk_html_raw(b, "\"");
	if (required)
		gk_html_raw(b, " required");
	if (bad)
		gk_html_raw(b, " aria-invalid=\"true\"");
	if (bad || hint) {
		gk_html_raw(b, " aria-describedby=\"");
		if (bad) {
			gk_html_raw(b, "a-");
			gk_html_raw(b, name);
			gk_html_raw(b, hint ? "-error " : "-error");
		}
		if (hint) {
			gk_html_raw(b, "a-");
			gk_html_raw(b, name);
			gk_html_raw(b, "-hint");
		}
		gk_html_raw(b, "\"");
	}
}

/* The label of FIELD (LABEL, our markup), then its problem if it has one. */
static void field_label(struct gk_buf *b, enum gk_intake_field field, const char *label,
			const struct gk_intake_problems *p)
{
	const char *name = gk_intake_field_code(field);
	gk_html_raw(b, "<label for=\"a-");
	gk_html_raw(b, name);
	gk_html_raw(b, "\">");
	gk_html_raw(b, label);
	gk_html_raw(b, "</label>");
	gk_app_field_error(b, name, problem_of(p, field));
}

/* id, name and, when FIELD has a problem, the attributes that say so. */
static void field_attrs(struct gk_buf *b, enum gk_intake_field field,
			const struct gk_intake_problems *p)
{
	gk_app_field_attrs(b, gk_intake_field_code(field), false, problem_of(p, field) != NULL,
			   false);
}

/* A one-line input for intake field F, its maxlength from core/intake.c's
 * table (the limit the server checks), keeping the submitted value. */
static void intake_input(struct gk_request *r, enum gk_intake_field f, const char *label,
			 const char *type, bool required, const struct gk_intake_problems *p)
{
	struct gk_buf *b = &r->out;
	const char *v = gk_req_param(r, gk_intake_field_code(f));
	field_label(b, f, label, p);
	gk_html_raw(b, "<input");
	field_attrs(b, f, p);
	gk_html_raw(b, " type=\"");
	gk_html_raw(b, type);
	gk_html_raw(b, "\" maxlength=\"");
	gk_html_int(b, (long long)gk_intake_field_max(f));
	gk_html_raw(b, required ? "\" required value=\"" : "\" value=\"");
	gk_html_attr(b, v ? v : "");
	gk_html_raw(b, "\">\n");
}

/* The opening of a <select> for F. */
static void intake_select(struct gk_buf *b, enum gk_intake_field f, const char *label,
			  const struct gk_intake_problems *p)
{
	field_label(b, f, label, p);
	gk_html_raw(b, "<select");
	field_attrs(b, f, p);
	gk_html_raw(b, ">\n");
}

void gk_app_intake_fields(struct gk_request *r, const struct gk_intake_problems *p)
{
	struct gk_buf *b = &r->out;
	intake_select(b, GK_FIELD_APPLICANT_TYPE, "申请人类型 *", p);
	for (int t = 0; t < GK_APPLICANT_COUNT; t++) {
		enum gk_applicant_type type = (enum gk_applicant_type)t;
		char label[96];
		snprintf(label, sizeof label, "%s（%s）", gk_applicant_type_label(type),
			 gk_applicant_type_info(type)->group);
		gk_app_option(b, gk_applicant_type_code(type), t == 0 ? "自然人（公民）" : label,
			      gk_req_param(r, "applicant_type"));
	}
	gk_html_raw(b, "</select>\n");
	intake_input(r, GK_FIELD_NAME, "姓名或名称 *", "text", true, p);
	/* as on /apply; "not said" checks the number for plausibility only, as
	   a paper application may not say which document it is */
	intake_select(b, GK_FIELD_ID_TYPE, "证件类型", p);
	gk_app_option(b, "", "未指明（只检查号码是否大致可信）", gk_req_param(r, "id_type"));
	for (int t = GK_ID_ANY + 1; t < GK_ID_COUNT; t++)
		gk_app_option(b, gk_id_type_code((enum gk_id_type)t),
			      gk_id_type_label((enum gk_id_type)t), gk_req_param(r, "id_type"));
	gk_html_raw(b, "</select>\n");
	intake_input(r, GK_FIELD_ID_NUMBER, "证件号码（自然人必填）", "text", false, p);
	intake_input(r, GK_FIELD_PHONE, "联系电话", "tel", false, p);
	intake_input(r, GK_FIELD_EMAIL, "电子邮箱", "email", false, p);
	intake_input(r, GK_FIELD_ADDRESS, "通信地址", "text", false, p);
	const char *desc = gk_req_param(r, "description");
	field_label(b, GK_FIELD_DESCRIPTION, "所需政府信息的名称或内容描述 *", p);
	gk_html_raw(b, "<textarea");
	field_attrs(b, GK_FIELD_DESCRIPTION, p);
	gk_html_raw(b, " rows=\"5\" maxlength=\"");
	gk_html_int(b, (long long)gk_intake_field_max(GK_FIELD_DESCRIPTION));
	/* the newline after the tag is dropped by the parser, so a description
	   that begins with a line break keeps it */
	gk_html_raw(b, "\" required>\n");
	gk_html_text(b, desc ? desc : "");
	gk_html_raw(b, "</textarea>\n");
	intake_input(r, GK_FIELD_DOC_NO, "文号（如知道）", "text", false, p);
	intake_select(b, GK_FIELD_DELIVERY, "获取信息的方式 *", p);
	for (int d = 0; d < GK_DELIVERY_COUNT; d++)
		gk_app_option(b, gk_delivery_code((enum gk_delivery)d),
			      gk_delivery_label((enum gk_delivery)d), gk_req_param(r, "delivery"));
	gk_html_raw(b, "</select>\n");
	intake_select(b, GK_FIELD_MEDIUM, "信息的载体形式", p);
	gk_app_option(b, "", "不限", gk_req_param(r, "medium"));
	gk_app_option(b, "paper", "纸质", gk_req_param(r, "medium"));
	gk_app_option(b, "electronic", "电子", gk_req_param(r, "medium"));
	gk_html_raw(b, "</select>\n");
}
