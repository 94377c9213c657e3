/* The route table: every address the server answers, what it needs, and
 * the parameters it accepts. The dispatcher (router.c) enforces all of it. */
#include "core/attachment.h"
#include "web/pages.h"

/* A form that carries files: each at most GK_ATTACHMENT_MAX_BYTES, the
 * whole body at most UPLOAD_BODY_MAX (held in memory while it is read). */
#define UPLOAD_BODY_MAX ((size_t)64 << 20)
/* A form or JSON body with one file. */
#define ONE_FILE_BODY_MAX (GK_ATTACHMENT_MAX_BYTES + ((size_t)4 << 20))
#define ONE_FILE(name) {name, GK_PARAM_FILE, 0, 0, 0, GK_ATTACHMENT_MAX_BYTES, NULL}

static const struct gk_param_spec login_form_params[] = {
	{"next", GK_PARAM_LINE, 0, 0, 0, 500, NULL},
	GK_PARAMS_END,
};

static const struct gk_param_spec login_params[] = {
	{"login", GK_PARAM_LINE, 1, 0, 0, 64, NULL},
	{"password", GK_PARAM_LINE, 1, 0, 0, 256, NULL},
	{"next", GK_PARAM_LINE, 0, 0, 0, 500, NULL},
	GK_PARAMS_END,
};

static const struct gk_param_spec no_params[] = {GK_PARAMS_END};

static const struct gk_param_spec agency_edit_params[] = {
	{"name", GK_PARAM_LINE, 1, 0, 0, 80, NULL},
	{"address", GK_PARAM_LINE, 0, 0, 0, 120, NULL},
	{"postcode", GK_PARAM_LINE, 0, 0, 0, 6, NULL},
	{"phone", GK_PARAM_LINE, 0, 0, 0, 60, NULL},
	{"fax", GK_PARAM_LINE, 0, 0, 0, 60, NULL},
	{"email", GK_PARAM_LINE, 0, 0, 0, 120, NULL},
	{"office_hours", GK_PARAM_LINE, 0, 0, 0, 60, NULL},
	{"website", GK_PARAM_LINE, 0, 0, 0, 250, NULL},
	GK_PARAMS_END,
};

static const struct gk_param_spec check_params[] = {
	{"text", GK_PARAM_TEXT, 0, 0, 0, 8 << 20, NULL},
	{"file", GK_PARAM_FILE, 0, 0, 0, 16 << 20, NULL},
	{"previous", GK_PARAM_FILE, 0, 0, 0, 16 << 20, NULL},
	GK_PARAMS_END,
};

static const char *const role_choices[] = {"admin", "editor", "handler", "reviewer", NULL};

static const struct gk_param_spec user_add_params[] = {
	{"login", GK_PARAM_TOKEN, 1, 0, 0, 32, NULL},
	{"display_name", GK_PARAM_LINE, 1, 0, 0, 60, NULL},
	{"agency", GK_PARAM_TOKEN, 1, 0, 0, 18, NULL},
	{"role", GK_PARAM_ENUM, 1, 0, 0, 0, role_choices},
	{"password", GK_PARAM_LINE, 1, 0, 0, 256, NULL},
	GK_PARAMS_END,
};

/* --- the catalogue (issue 3) --- */
static const char *const validity_choices[] = {"valid", "expired", "repealed", NULL};
static const char *const one_choice[] = {"1", NULL};
static const char *const normative_choices[] = {"rule", "normative", NULL};
static const char *const interp_choices[] = {"dept", "expert", "graphic", "video", "interview", NULL};
static const char *const item_action_choices[] = {"save", "publish", NULL};

#define CATALOGUE_FILTERS                                   \
	{"agency", GK_PARAM_TOKEN, 0, 0, 0, 40, NULL},      \
	{"topic", GK_PARAM_TOKEN, 0, 0, 0, 8, NULL},        \
	{"genre", GK_PARAM_TOKEN, 0, 0, 0, 32, NULL},       \
	{"column", GK_PARAM_TOKEN, 0, 0, 0, 32, NULL},      \
	{"year", GK_PARAM_INT, 0, 1949, 2100, 0, NULL},     \
	{"validity", GK_PARAM_ENUM, 0, 0, 0, 0, validity_choices}, \
	{"q", GK_PARAM_LINE, 0, 0, 0, 100, NULL},           \
	{"page", GK_PARAM_INT, 0, 1, 1000000, 0, NULL}

static const struct gk_param_spec catalogue_params[] = {
	CATALOGUE_FILTERS,
	{"per_page", GK_PARAM_INT, 0, 1, 100, 0, NULL},
	GK_PARAMS_END,
};

static const struct gk_param_spec export_params[] = {
	CATALOGUE_FILTERS,
	{"per_page", GK_PARAM_INT, 0, 1, 10000, 0, NULL},
	GK_PARAMS_END,
};

static const struct gk_param_spec staff_items_params[] = {
	{"q", GK_PARAM_LINE, 0, 0, 0, 100, NULL},
	{"page", GK_PARAM_INT, 0, 1, 1000000, 0, NULL},
	GK_PARAMS_END,
};

static const struct gk_param_spec item_form_params[] = {
	{"revision", GK_PARAM_INT, 0, 0, 1000000000, 0, NULL},
	{"action", GK_PARAM_ENUM, 0, 0, 0, 0, item_action_choices},
	{"agency", GK_PARAM_TOKEN, 1, 0, 0, 40, NULL},
	{"title", GK_PARAM_LINE, 1, 0, 0, 300, NULL},
	{"topic", GK_PARAM_TOKEN, 1, 0, 0, 8, NULL},
	{"genre", GK_PARAM_TOKEN, 1, 0, 0, 32, NULL},
	{"column", GK_PARAM_TOKEN, 0, 0, 0, 32, NULL},
	{"doc_no", GK_PARAM_LINE, 0, 0, 0, 40, NULL},
	{"written", GK_PARAM_DATE, 0, 0, 0, 0, NULL},
	{"published", GK_PARAM_LINE, 0, 0, 0, 16, NULL},
	{"normative", GK_PARAM_ENUM, 0, 0, 0, 0, normative_choices},
	{"effective", GK_PARAM_DATE, 0, 0, 0, 0, NULL},
	{"keywords", GK_PARAM_LINE, 0, 0, 0, 80, NULL},
	{"summary", GK_PARAM_TEXT, 0, 0, 0, 600, NULL},
	{"body", GK_PARAM_TEXT, 0, 0, 0, 500000, NULL},
	{"attachments", GK_PARAM_TEXT, 0, 0, 0, 20000, NULL},
	{"ch_website", GK_PARAM_ENUM, 0, 0, 0, 0, one_choice},
	{"ch_gazette", GK_PARAM_ENUM, 0, 0, 0, 0, one_choice},
	{"ch_weibo", GK_PARAM_ENUM, 0, 0, 0, 0, one_choice},
	{"ch_wechat", GK_PARAM_ENUM, 0, 0, 0, 0, one_choice},
	{"ch_other", GK_PARAM_ENUM, 0, 0, 0, 0, one_choice},
	{"interp_kind", GK_PARAM_ENUM, 0, 0, 0, 0, interp_choices},
	{"interprets", GK_PARAM_LINE, 0, 0, 0, 63, NULL},
	{"files", GK_PARAM_FILE, 0, 0, 8, GK_ATTACHMENT_MAX_BYTES, NULL},
	GK_PARAMS_END,
};

static const struct gk_param_spec item_edit_params[] = {
	{"saved", GK_PARAM_ENUM, 0, 0, 0, 0, one_choice},
	GK_PARAMS_END,
};

static const struct gk_param_spec item_repeal_params[] = {
	{"revision", GK_PARAM_INT, 1, 0, 1000000000, 0, NULL},
	{"validity", GK_PARAM_ENUM, 1, 0, 0, 0, validity_choices},
	{"ended", GK_PARAM_DATE, 0, 0, 0, 0, NULL},
	{"repealed_by", GK_PARAM_LINE, 0, 0, 0, 40, NULL},
	GK_PARAMS_END,
};

static const struct gk_param_spec item_withdraw_params[] = {
	{"revision", GK_PARAM_INT, 1, 0, 1000000000, 0, NULL},
	GK_PARAMS_END,
};

#define ITEM_FORM (GK_ROUTE_LOGIN | GK_ROUTE_FORM | GK_ROUTE_CSRF)
#define ITEM_UPLOAD_FORM (ITEM_FORM | GK_ROUTE_MULTIPART)

/* --- applications for disclosure (issue 4) --- */
static const char *const applicant_type_choices[] = {
	"natural_person", "business", "research", "public_interest", "legal_services", "other", NULL};
static const char *const delivery_choices[] = {"email", "post", "pickup", "online", NULL};
static const char *const medium_choices[] = {"paper", "electronic", NULL};
static const char *const staff_channel_choices[] = {"in_person", "fax", "letter", "email", NULL};
static const char *const flag_choices[] = {"1", "0", "on", NULL};
static const char *const queue_choices[] = {"mine", "intake", "review", "due", "overdue", "open", "all", "agencies", NULL};
static const char *const action_choices[] = {
	"register", "assign", "request_supplement", "receive_supplement", "abandon_supplement",
	"start_consultation", "end_consultation", "extend", "delay", "send_fee_notice",
	"record_payment", "waive_fee", "abandon_fee", "draft_reply", "return_draft", "approve_reply",
	"send_reply", "withdraw", "archive", NULL};
static const char *const outcome_choices[] = {
	"already_public", "disclosed", "partly_disclosed", "withheld_state_secret",
	"withheld_law_prohibited", "withheld_security", "withheld_third_party", "withheld_internal",
	"withheld_process", "withheld_enforcement_file", "withheld_query_matter", "not_this_agency",
	"not_exist", "needs_creation", "unclear_after_supplement", "petition", "repeat",
	"publication", "excessive", "confirm_or_reissue", "lapsed_no_supplement", "lapsed_no_fee",
	"other", NULL};
static const char *const party_choices[] = {"third_party", "agency", NULL};
static const char *const fee_method_choices[] = {"by_count", "by_pages", NULL};

#define INTAKE_PARAMS                                                          \
	{"agency", GK_PARAM_TOKEN, 1, 0, 0, 40, NULL},                         \
	{"applicant_type", GK_PARAM_ENUM, 1, 0, 0, 0, applicant_type_choices}, \
	{"name", GK_PARAM_LINE, 1, 0, 0, 60, NULL},                            \
	{"id_number", GK_PARAM_LINE, 0, 0, 0, 30, NULL},                       \
	{"phone", GK_PARAM_LINE, 0, 0, 0, 30, NULL},                           \
	{"email", GK_PARAM_LINE, 0, 0, 0, 120, NULL},                          \
	{"address", GK_PARAM_LINE, 0, 0, 0, 120, NULL},                        \
	{"description", GK_PARAM_TEXT, 1, 0, 0, 2000, NULL},                   \
	{"doc_no", GK_PARAM_LINE, 0, 0, 0, 60, NULL},                          \
	{"delivery", GK_PARAM_ENUM, 1, 0, 0, 0, delivery_choices},             \
	{"medium", GK_PARAM_ENUM, 0, 0, 0, 0, medium_choices}

static const struct gk_param_spec apply_params[] = {
	INTAKE_PARAMS,
	{"answer", GK_PARAM_LINE, 0, 0, 0, 6, NULL},
	GK_PARAMS_END,
};

static const struct gk_param_spec api_apply_params[] = {
	INTAKE_PARAMS,
	GK_PARAMS_END,
};

static const struct gk_param_spec register_params[] = {
	INTAKE_PARAMS,
	{"channel", GK_PARAM_ENUM, 1, 0, 0, 0, staff_channel_choices},
	{"registered_post", GK_PARAM_ENUM, 0, 0, 0, 0, flag_choices},
	{"submitted", GK_PARAM_DATE, 0, 0, 0, 0, NULL},
	{"signed_for", GK_PARAM_DATE, 0, 0, 0, 0, NULL},
	{"confirmed", GK_PARAM_DATE, 0, 0, 0, 0, NULL},
	{"note", GK_PARAM_TEXT, 0, 0, 0, 1000, NULL},
	ONE_FILE("file"),
	GK_PARAMS_END,
};

static const struct gk_param_spec track_params[] = {
	{"code", GK_PARAM_LINE, 0, 0, 0, 40, NULL},
	GK_PARAMS_END,
};

static const struct gk_param_spec queue_params[] = {
	{"view", GK_PARAM_ENUM, 0, 0, 0, 0, queue_choices},
	{"agency", GK_PARAM_TOKEN, 0, 0, 0, 40, NULL},
	{"year", GK_PARAM_INT, 0, 2000, 2999, 0, NULL},
	{"page", GK_PARAM_INT, 0, 1, 1000000, 0, NULL},
	GK_PARAMS_END,
};

static const struct gk_param_spec request_page_params[] = {
	{"done", GK_PARAM_TOKEN, 0, 0, 0, 32, NULL},
	{"outcome", GK_PARAM_ENUM, 0, 0, 0, 0, outcome_choices},
	GK_PARAMS_END,
};

static const struct gk_param_spec act_params[] = {
	{"action", GK_PARAM_ENUM, 1, 0, 0, 0, action_choices},
	{"day", GK_PARAM_DATE, 0, 0, 0, 0, NULL},
	{"note", GK_PARAM_TEXT, 0, 0, 0, 1000, NULL},
	{"handler", GK_PARAM_TOKEN, 0, 0, 0, 32, NULL},
	{"outcome", GK_PARAM_ENUM, 0, 0, 0, 0, outcome_choices},
	{"letter", GK_PARAM_TEXT, 0, 0, 0, 6000, NULL},
	{"days", GK_PARAM_INT, 0, 1, 20, 0, NULL},
	{"until", GK_PARAM_DATE, 0, 0, 0, 0, NULL},
	{"party", GK_PARAM_ENUM, 0, 0, 0, 0, party_choices},
	{"fee_method", GK_PARAM_ENUM, 0, 0, 0, 0, fee_method_choices},
	{"fee_first", GK_PARAM_INT, 0, 1, 100000, 0, NULL},
	{"fee_count", GK_PARAM_INT, 0, 1, 1000, 0, NULL},
	{"fee_pages", GK_PARAM_INT, 0, 0, 10000000, 0, NULL},
	{"notice_received", GK_PARAM_DATE, 0, 0, 0, 0, NULL},
	{"reply_way", GK_PARAM_ENUM, 0, 0, 0, 0, delivery_choices},
	ONE_FILE("file"),
	GK_PARAMS_END,
};

static const struct gk_param_spec holiday_params[] = {
	{"text", GK_PARAM_TEXT, 0, 0, 0, 262144, NULL},
	{"file", GK_PARAM_FILE, 0, 0, 0, 262144, NULL},
	GK_PARAMS_END,
};

#define REQUEST_ROLES (GK_ROLE_HANDLER | GK_ROLE_REVIEWER)
#define STAFF_FORM (GK_ROUTE_LOGIN | GK_ROUTE_FORM | GK_ROUTE_CSRF)
#define STAFF_JSON (GK_ROUTE_LOGIN | GK_ROUTE_JSON | GK_ROUTE_JSON_PARAMS | GK_ROUTE_CSRF)
/* the same, or multipart/form-data with the same fields and a file */
#define STAFF_UPLOAD_FORM (STAFF_FORM | GK_ROUTE_MULTIPART)
#define STAFF_UPLOAD_JSON (STAFF_JSON | GK_ROUTE_MULTIPART)

const struct gk_route gk_routes[] = {
	/* applications for disclosure (依申请公开, issue 4) */
	{GK_GET, "/apply", gk_page_apply_form, 0, 0, no_params, 0},
	{GK_POST, "/apply", gk_page_apply_submit, GK_ROUTE_FORM | GK_ROUTE_CSRF, 0, apply_params, 0},
	{GK_GET, "/track", gk_page_track_form, 0, 0, track_params, 0},
	{GK_GET, "/track/{code}", gk_page_track, 0, 0, no_params, 0},
	{GK_GET, "/track/{code}/qr.svg", gk_page_track_qr, 0, 0, no_params, 0},
	{GK_GET, "/staff/requests", gk_page_requests, GK_ROUTE_LOGIN, REQUEST_ROLES, queue_params, 0},
	{GK_POST, "/staff/requests", gk_page_request_register, STAFF_UPLOAD_FORM, GK_ROLE_HANDLER, register_params, ONE_FILE_BODY_MAX},
	{GK_GET, "/staff/requests/new", gk_page_request_new, GK_ROUTE_LOGIN, GK_ROLE_HANDLER, no_params, 0},
	{GK_GET, "/staff/requests/{code}", gk_page_request, GK_ROUTE_LOGIN, REQUEST_ROLES, request_page_params, 0},
	{GK_POST, "/staff/requests/{code}/act", gk_page_request_act, STAFF_UPLOAD_FORM, REQUEST_ROLES, act_params, ONE_FILE_BODY_MAX},
	{GK_GET, "/staff/requests/{code}/files/{id}", gk_page_request_file, GK_ROUTE_LOGIN, REQUEST_ROLES, no_params, 0},
	{GK_GET, "/staff/holidays", gk_page_holidays, GK_ROUTE_LOGIN, GK_ROLE_ADMIN, no_params, 0},
	{GK_POST, "/staff/holidays", gk_page_holidays_upload, STAFF_FORM | GK_ROUTE_MULTIPART,
	 GK_ROLE_ADMIN, holiday_params, 2 << 20},
	{GK_POST, "/api/v1/requests", gk_api_request_create, GK_ROUTE_JSON | GK_ROUTE_JSON_PARAMS, 0, api_apply_params, 0},
	{GK_GET, "/api/v1/requests/{code}", gk_api_request_status, 0, 0, no_params, 0},
	{GK_GET, "/api/v1/staff/whoami", gk_api_staff_whoami, GK_ROUTE_LOGIN, 0, no_params, 0},
	{GK_GET, "/api/v1/staff/requests", gk_api_staff_requests, GK_ROUTE_LOGIN, REQUEST_ROLES, queue_params, 0},
	{GK_POST, "/api/v1/staff/requests", gk_api_staff_request_create, STAFF_UPLOAD_JSON, GK_ROLE_HANDLER, register_params, ONE_FILE_BODY_MAX},
	{GK_GET, "/api/v1/staff/requests/{code}", gk_api_staff_request, GK_ROUTE_LOGIN, REQUEST_ROLES, no_params, 0},
	{GK_POST, "/api/v1/staff/requests/{code}/actions", gk_api_staff_request_act, STAFF_UPLOAD_JSON, REQUEST_ROLES, act_params, ONE_FILE_BODY_MAX},

	/* the catalogue (主动公开目录) */
	{GK_GET, "/items", gk_page_items, 0, 0, catalogue_params, 0},
	{GK_GET, "/items/{id}", gk_page_item, 0, 0, no_params, 0},
	{GK_GET, "/items/{id}/print", gk_page_item_print, 0, 0, no_params, 0},
	{GK_GET, "/items/{id}/qr.svg", gk_page_item_qr, 0, 0, no_params, 0},
	{GK_GET, "/items/{id}/files/{file}", gk_page_item_file, 0, 0, no_params, 0},
	{GK_GET, "/agencies/{code}/guide", gk_page_guide, 0, 0, no_params, 0},
	{GK_GET, "/feeds/agency/{code}", gk_page_feed_agency, 0, 0, no_params, 0},
	{GK_GET, "/feeds/topic/{code}", gk_page_feed_topic, 0, 0, no_params, 0},
	{GK_GET, "/sitemap.xml", gk_page_sitemap, 0, 0, no_params, 0},
	{GK_GET, "/export/items.csv", gk_page_export_csv, 0, 0, export_params, 0},
	{GK_GET, "/export/items.jsonl", gk_page_export_jsonl, 0, 0, export_params, 0},
	{GK_GET, "/staff/items", gk_page_staff_items, GK_ROUTE_LOGIN, GK_ROLE_EDITOR, staff_items_params, 0},
	{GK_GET, "/staff/items/new", gk_page_staff_item_new, GK_ROUTE_LOGIN, GK_ROLE_EDITOR, no_params, 0},
	{GK_POST, "/staff/items", gk_page_staff_item_create, ITEM_UPLOAD_FORM, GK_ROLE_EDITOR, item_form_params, UPLOAD_BODY_MAX},
	{GK_GET, "/staff/items/{id}/edit", gk_page_staff_item_edit, GK_ROUTE_LOGIN, GK_ROLE_EDITOR, item_edit_params, 0},
	{GK_POST, "/staff/items/{id}", gk_page_staff_item_update, ITEM_UPLOAD_FORM, GK_ROLE_EDITOR, item_form_params, UPLOAD_BODY_MAX},
	{GK_POST, "/staff/items/{id}/files/{file}/remove", gk_page_staff_item_file_remove, ITEM_FORM, GK_ROLE_EDITOR, item_withdraw_params, 0},
	{GK_POST, "/staff/items/{id}/repeal", gk_page_staff_item_repeal, ITEM_FORM, GK_ROLE_EDITOR, item_repeal_params, 0},
	{GK_POST, "/staff/items/{id}/withdraw", gk_page_staff_item_withdraw, ITEM_FORM, GK_ROLE_EDITOR, item_withdraw_params, 0},
	{GK_GET, "/staff/items/{id}/history", gk_page_staff_item_history, GK_ROUTE_LOGIN, GK_ROLE_EDITOR, no_params, 0},
	{GK_GET, "/api/v1/items", gk_api_items, 0, 0, catalogue_params, 0},
	{GK_GET, "/api/v1/items/{id}", gk_api_item, 0, 0, no_params, 0},

	/* public pages */
	{GK_GET, "/", gk_page_home, 0, 0, no_params, 0},
	{GK_GET, "/agencies", gk_page_agencies, 0, 0, no_params, 0},
	{GK_GET, "/agencies/{code}", gk_page_agency, 0, 0, no_params, 0},
	{GK_GET, "/static/*", gk_static_file, GK_ROUTE_PREFIX, 0, no_params, 0},

	/* staff */
	{GK_GET, "/login", gk_page_login_form, 0, 0, login_form_params, 0},
	{GK_POST, "/login", gk_page_login_submit, GK_ROUTE_FORM | GK_ROUTE_CSRF, 0, login_params, 0},
	{GK_POST, "/logout", gk_page_logout, GK_ROUTE_FORM | GK_ROUTE_CSRF, 0, no_params, 0},
	{GK_GET, "/staff", gk_page_staff_home, GK_ROUTE_LOGIN, 0, no_params, 0},
	{GK_GET, "/staff/agencies/{code}", gk_page_agency_edit, GK_ROUTE_LOGIN, GK_ROLE_ADMIN, no_params, 0},
	{GK_POST, "/staff/agencies/{code}", gk_page_agency_save,
	 GK_ROUTE_LOGIN | GK_ROUTE_FORM | GK_ROUTE_CSRF, GK_ROLE_ADMIN, agency_edit_params, 0},
	{GK_GET, "/staff/check", gk_page_check_form, GK_ROUTE_LOGIN, 0, no_params, 0},
	{GK_POST, "/staff/check", gk_page_check_submit,
	 GK_ROUTE_LOGIN | GK_ROUTE_FORM | GK_ROUTE_MULTIPART | GK_ROUTE_CSRF, 0, check_params, 40 << 20},
	{GK_GET, "/staff/users", gk_page_users, GK_ROUTE_LOGIN, GK_ROLE_ADMIN, no_params, 0},
	{GK_POST, "/staff/users", gk_page_users_add,
	 GK_ROUTE_LOGIN | GK_ROUTE_FORM | GK_ROUTE_CSRF, GK_ROLE_ADMIN, user_add_params, 0},

	/* machine interface */
	{GK_GET, "/api/v1/health", gk_api_health, 0, 0, no_params, 0},
	{GK_GET, "/api/v1/agencies", gk_api_agencies, 0, 0, no_params, 0},

	{0, NULL, NULL, 0, 0, NULL, 0},
};
