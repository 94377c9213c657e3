/* The route table: every address the server answers, what it needs, and
 * the parameters it accepts. The dispatcher (router.c) enforces all of it.
 *
 * An enumerated parameter whose values are exactly an enum's codes takes
 * its choices from the enum's table (lib/enumtab.h: gk_…_codes), so a code
 * added to the enum is accepted everywhere at once; a hand-written list
 * says why it differs. */
#include "core/application.h"
#include "core/attachment.h"
#include "core/consultation.h"
#include "core/item.h"
#include "core/records.h"
#include "core/report/annual.h"
#include "core/scoring.h"
#include "core/user.h"
#include "web/hooks.h"
#include "web/pages.h"

/* A form that carries files: each at most GK_ATTACHMENT_MAX_BYTES, the
 * whole body at most UPLOAD_BODY_MAX (held in memory while it is read). */
#define UPLOAD_BODY_MAX ((size_t)64 << 20)
/* A form or JSON body with one file. */
#define ONE_FILE_BODY_MAX (GK_ATTACHMENT_MAX_BYTES + ((size_t)4 << 20))
// clang-format off
#define ONE_FILE(name) {name, GK_PARAM_FILE, 0, 0, 0, GK_ATTACHMENT_MAX_BYTES, NULL}
// clang-format on

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
	{"file", GK_PARAM_FILE, 0, 0, GK_CHECK_MAX_FILES, 16 << 20, NULL},
	{"previous", GK_PARAM_FILE, 0, 0, 0, 16 << 20, NULL},
	GK_PARAMS_END,
};

static const struct gk_param_spec user_add_params[] = {
	{"login", GK_PARAM_TOKEN, 1, 0, 0, 32, NULL},
	{"display_name", GK_PARAM_LINE, 1, 0, 0, 60, NULL},
	{"agency", GK_PARAM_TOKEN, 1, 0, 0, 18, NULL},
	{"role", GK_PARAM_ENUM, 1, 0, 0, 0, gk_role_codes},
	{"password", GK_PARAM_LINE, 1, 0, 0, 256, NULL},
	GK_PARAMS_END,
};

/* --- accounts (issue 13) --- */
static const char *const user_actions[] = {"disable", "enable", "reset", NULL};
static const struct gk_param_spec user_action_params[] = {
	{"action", GK_PARAM_ENUM, 1, 0, 0, 0, user_actions},
	{"do", GK_PARAM_ENUM, 0, 0, 0, 0, user_actions},
	{"password", GK_PARAM_LINE, 0, 0, 0, 256, NULL},
	GK_PARAMS_END,
};
static const struct gk_param_spec password_params[] = {
	{"current", GK_PARAM_LINE, 1, 0, 0, 256, NULL},
	{"password", GK_PARAM_LINE, 1, 0, 0, 256, NULL},
	{"again", GK_PARAM_LINE, 1, 0, 0, 256, NULL},
	GK_PARAMS_END,
};
static const struct gk_param_spec audit_params[] = {
	{"before", GK_PARAM_INT, 0, 0, 1000000000000LL, 0, NULL},
	GK_PARAMS_END,
};

/* --- the catalogue (issue 3) --- */
static const char *const one_choice[] = {"1", NULL};
static const char *const item_action_choices[] = {"save", "publish", NULL};

/* Searches longer than the index takes (GK_CATALOGUE_QUERY_MAX) reach it,
 * which says why in Chinese; this bound only keeps the parameter sane. */
#define SEARCH_MAX 10000
// clang-format off
#define CATALOGUE_FILTERS                                   \
	{"agency", GK_PARAM_TOKEN, 0, 0, 0, 40, NULL},      \
	{"topic", GK_PARAM_TOKEN, 0, 0, 0, 8, NULL},        \
	{"genre", GK_PARAM_TOKEN, 0, 0, 0, 32, NULL},       \
	{"column", GK_PARAM_TOKEN, 0, 0, 0, 32, NULL},      \
	{"year", GK_PARAM_INT, 0, 1949, 2100, 0, NULL},     \
	{"validity", GK_PARAM_ENUM, 0, 0, 0, 0, gk_validity_codes}, \
	{"q", GK_PARAM_LINE, 0, 0, 0, SEARCH_MAX, NULL},    \
	{"page", GK_PARAM_INT, 0, 1, 1000000, 0, NULL}
// clang-format on

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
	{"q", GK_PARAM_LINE, 0, 0, 0, SEARCH_MAX, NULL},
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
	/* gk_normative_codes begins with "" (not normative): an empty optional
	   field counts as absent, so the form's "" passes as before */
	{"normative", GK_PARAM_ENUM, 0, 0, 0, 0, gk_normative_codes},
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
	{"interp_kind", GK_PARAM_ENUM, 0, 0, 0, 0, gk_interp_kind_codes},
	{"interprets", GK_PARAM_LINE, 0, 0, 0, 63, NULL},
	{"files", GK_PARAM_FILE, 0, 0, 8, GK_ATTACHMENT_MAX_BYTES, NULL},
	GK_PARAMS_END,
};

static const struct gk_param_spec item_edit_params[] = {
	{"saved", GK_PARAM_ENUM, 0, 0, 0, 0, one_choice},
	{"same", GK_PARAM_INT, 0, 0, 1000, 0, NULL}, /* uploads not added again: same bytes */
	GK_PARAMS_END,
};

static const struct gk_param_spec item_repeal_params[] = {
	{"revision", GK_PARAM_INT, 1, 0, 1000000000, 0, NULL},
	{"validity", GK_PARAM_ENUM, 1, 0, 0, 0, gk_validity_codes},
	{"ended", GK_PARAM_DATE, 0, 0, 0, 0, NULL},
	{"repealed_by", GK_PARAM_LINE, 0, 0, 0, 40, NULL},
	GK_PARAMS_END,
};

static const struct gk_param_spec item_withdraw_params[] = {
	{"revision", GK_PARAM_INT, 1, 0, 1000000000, 0, NULL},
	GK_PARAMS_END,
};

#define ITEM_FORM        (GK_ROUTE_LOGIN | GK_ROUTE_FORM | GK_ROUTE_CSRF)
#define ITEM_UPLOAD_FORM (ITEM_FORM | GK_ROUTE_MULTIPART)

/* --- applications for disclosure (issue 4) --- */
static const char *const medium_choices[] = {"paper", "electronic", NULL};
/* staff register what came on paper or by e-mail: not online (the public
 * form and API are the online channel) */
static const char *const staff_channel_choices[] = {"in_person", "fax", "letter", "email", NULL};
static const char *const flag_choices[] = {"1", "0", "on", NULL};
/* the queues (gk_app_view) and the page of counts by agency, which is no queue */
static const char *const queue_choices[] = {"mine", "intake", "review",   "due",    "overdue",
					    "open", "all",    "agencies", "action", NULL};
/* a fee notice charges by count or by pages; "none" (no fee) is not one */
static const char *const fee_method_choices[] = {"by_count", "by_pages", NULL};

// clang-format off
/* The limits are core/intake.h's, which the forms' maxlength also use; the
 * texts that may hold line breaks get twice theirs here, since a line break
 * sent as CR LF is two characters to the router but one to core/intake.c
 * (and to the browser), which checks them. */
#define INTAKE_PARAMS                                                                    \
	{"agency", GK_PARAM_TOKEN, 1, 0, 0, 40, NULL},                                   \
	{"applicant_type", GK_PARAM_ENUM, 1, 0, 0, 0, gk_applicant_type_codes},           \
	{"name", GK_PARAM_LINE, 1, 0, 0, GK_INTAKE_NAME_MAX, NULL},                      \
	{"id_number", GK_PARAM_LINE, 0, 0, 0, GK_INTAKE_ID_MAX, NULL},                   \
	{"phone", GK_PARAM_LINE, 0, 0, 0, GK_INTAKE_PHONE_MAX, NULL},                    \
	{"email", GK_PARAM_LINE, 0, 0, 0, GK_INTAKE_EMAIL_MAX, NULL},                    \
	{"address", GK_PARAM_LINE, 0, 0, 0, GK_INTAKE_ADDRESS_MAX, NULL},                \
	{"description", GK_PARAM_TEXT, 1, 0, 0, 2 * GK_APP_DESCRIPTION_MAX, NULL},       \
	{"doc_no", GK_PARAM_LINE, 0, 0, 0, GK_INTAKE_DOC_NO_MAX, NULL},                  \
	{"delivery", GK_PARAM_ENUM, 1, 0, 0, 0, gk_delivery_codes},                       \
	{"medium", GK_PARAM_ENUM, 0, 0, 0, 0, medium_choices},                           \
	{"id_type", GK_PARAM_ENUM, 0, 0, 0, 0, gk_id_type_codes} /* issue 12 */
// clang-format on

/* The public form (issue 12): every field optional and generous here, so
 * that page_apply.c checks them (core/intake.c) and a refused form comes
 * back filled in with each problem beside its field; the CSRF token too. */
// clang-format off
#define APPLY_FIELDS \
	{"agency", GK_PARAM_LINE, 0, 0, 0, 100, NULL}, \
	{"applicant_type", GK_PARAM_LINE, 0, 0, 0, 40, NULL}, \
	{"name", GK_PARAM_LINE, 0, 0, 0, 1000, NULL}, \
	{"id_type", GK_PARAM_LINE, 0, 0, 0, 40, NULL}, \
	{"id_number", GK_PARAM_LINE, 0, 0, 0, 1000, NULL}, \
	{"phone", GK_PARAM_LINE, 0, 0, 0, 1000, NULL}, \
	{"email", GK_PARAM_LINE, 0, 0, 0, 1000, NULL}, \
	{"address", GK_PARAM_LINE, 0, 0, 0, 1000, NULL}, \
	{"description", GK_PARAM_TEXT, 0, 0, 0, 20000, NULL}, \
	{"doc_no", GK_PARAM_LINE, 0, 0, 0, 1000, NULL}, \
	{"delivery", GK_PARAM_LINE, 0, 0, 0, 40, NULL}, \
	{"medium", GK_PARAM_LINE, 0, 0, 0, 40, NULL}, \
	{"answer", GK_PARAM_LINE, 0, 0, 0, 20, NULL}, \
	{"pow", GK_PARAM_LINE, 0, 0, 0, 120, NULL}, /* issue 13: web/human_check.h */ \
	{"pow_nonce", GK_PARAM_LINE, 0, 0, 0, 40, NULL}, \
	/* checked by the page, which keeps the form when the token fails */ \
	{"csrf", GK_PARAM_LINE, 0, 0, 0, 200, NULL},
static const struct gk_param_spec apply_params[] = {
	APPLY_FIELDS
	GK_PARAMS_END,
};
/* the same form answered as the application form to print (issue 15) */
static const struct gk_param_spec apply_document_params[] = {
	APPLY_FIELDS
	{"format", GK_PARAM_LINE, 0, 0, 0, 40, NULL},
	GK_PARAMS_END,
};
// clang-format on

static const struct gk_param_spec form_file_params[] = {
	{"agency", GK_PARAM_LINE, 0, 0, 0, 100, NULL}, /* an unknown code: the page says so */
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
	{"note", GK_PARAM_TEXT, 0, 0, 0, 2 * GK_APP_NOTE_MAX, NULL},
	ONE_FILE("file"),
	GK_PARAMS_END,
};

static const struct gk_param_spec track_params[] = {
	{"code", GK_PARAM_LINE, 0, 0, 0, 40, NULL},
	GK_PARAMS_END,
};

/* the second secret of the applicant's own view (issue 12) */
static const struct gk_param_spec track_own_params[] = {
	{"secret", GK_PARAM_LINE, 0, 0, 0, 16, NULL},
	GK_PARAMS_END,
};

static const struct gk_param_spec queue_params[] = {
	{"view", GK_PARAM_ENUM, 0, 0, 0, 0, queue_choices},
	{"agency", GK_PARAM_TOKEN, 0, 0, 0, 40, NULL},
	{"year", GK_PARAM_INT, 0, 2000, 2999, 0, NULL},
	{"page", GK_PARAM_INT, 0, 1, 1000000, 0, NULL},
	GK_PARAMS_END,
};

static const struct gk_param_spec application_page_params[] = {
	{"done", GK_PARAM_TOKEN, 0, 0, 0, 32, NULL},
	{"outcome", GK_PARAM_ENUM, 0, 0, 0, 0, gk_outcome_codes},
	{"act", GK_PARAM_ENUM, 0, 0, 0, 0, gk_app_action_codes}, /* the step the panel shows */
	GK_PARAMS_END,
};

static const struct gk_param_spec act_params[] = {
	{"action", GK_PARAM_ENUM, 1, 0, 0, 0, gk_app_action_codes},
	{"day", GK_PARAM_DATE, 0, 0, 0, 0, NULL},
	/* twice the limits service/applications.c checks: see INTAKE_PARAMS */
	{"note", GK_PARAM_TEXT, 0, 0, 0, 2 * GK_APP_NOTE_MAX, NULL},
	{"handler", GK_PARAM_TOKEN, 0, 0, 0, 32, NULL},
	{"outcome", GK_PARAM_ENUM, 0, 0, 0, 0, gk_outcome_codes},
	{"letter", GK_PARAM_TEXT, 0, 0, 0, 2 * GK_APP_LETTER_MAX, NULL},
	{"days", GK_PARAM_INT, 0, 1, 20, 0, NULL},
	{"until", GK_PARAM_DATE, 0, 0, 0, 0, NULL},
	{"party", GK_PARAM_ENUM, 0, 0, 0, 0, gk_consult_party_codes},
	{"fee_method", GK_PARAM_ENUM, 0, 0, 0, 0, fee_method_choices},
	{"fee_first", GK_PARAM_INT, 0, 1, 100000, 0, NULL},
	{"fee_count", GK_PARAM_INT, 0, 1, 1000, 0, NULL},
	{"fee_pages", GK_PARAM_INT, 0, 0, 10000000, 0, NULL},
	{"notice_received", GK_PARAM_DATE, 0, 0, 0, 0, NULL},
	{"reply_way", GK_PARAM_ENUM, 0, 0, 0, 0, gk_delivery_codes},
	{"confirm", GK_PARAM_ENUM, 0, 0, 0, 0, flag_choices}, /* irreversible steps on the page */
	ONE_FILE("file"),
	GK_PARAMS_END,
};

static const struct gk_param_spec holiday_params[] = {
	{"text", GK_PARAM_TEXT, 0, 0, 0, 262144, NULL},
	{"file", GK_PARAM_FILE, 0, 0, 0, 262144, NULL},
	GK_PARAMS_END,
};

#define APPLICATION_ROLES (GK_ROLE_HANDLER | GK_ROLE_REVIEWER)
#define STAFF_FORM        (GK_ROUTE_LOGIN | GK_ROUTE_FORM | GK_ROUTE_CSRF)
#define STAFF_JSON        (GK_ROUTE_LOGIN | GK_ROUTE_JSON | GK_ROUTE_JSON_PARAMS | GK_ROUTE_CSRF)
/* the same, or multipart/form-data with the same fields and a file */
#define STAFF_UPLOAD_FORM (STAFF_FORM | GK_ROUTE_MULTIPART)
#define STAFF_UPLOAD_JSON (STAFF_JSON | GK_ROUTE_MULTIPART)

/* --- the yearly report's texts and supervision (issue 10) --- */
static const char *const score_sort_choices[] = {"score", NULL};
// clang-format off
/* the texts' limit (GK_REPORT_TEXT_MAX) is the service's, which says so in
 * Chinese; this bound only keeps the parameter sane ("\r\n" counts twice) */
#define REPORT_TEXT_FIELDS                                                  \
	{"overview", GK_PARAM_TEXT, 0, 0, 0, 100000, NULL},                 \
	{"problems", GK_PARAM_TEXT, 0, 0, 0, 100000, NULL},                 \
	{"other", GK_PARAM_TEXT, 0, 0, 0, 100000, NULL},                    \
	{"rev_overview", GK_PARAM_INT, 0, 0, 1000000000, 0, NULL},          \
	{"rev_problems", GK_PARAM_INT, 0, 0, 1000000000, 0, NULL},          \
	{"rev_other", GK_PARAM_INT, 0, 0, 1000000000, 0, NULL},             \
	{"only", GK_PARAM_ENUM, 0, 0, 0, 0, gk_report_section_codes}
/* a weight per criterion, w_<code>: the range is the service's
 * (gk_weight_check, in Chinese) */
#define WEIGHT_FIELD(name, code, label, weight) {"w_" code, GK_PARAM_INT, 0, -1000000, 1000000, 0, NULL},
// clang-format on
static const struct gk_param_spec report_texts_params[] = {REPORT_TEXT_FIELDS, GK_PARAMS_END};
static const struct gk_param_spec report_edit_params[] = {
	{"saved", GK_PARAM_ENUM, 0, 0, 0, 0, one_choice},
	GK_PARAMS_END,
};
/* the yearly report: preview, documents, publication (page_annual_report.c) */
static const char *const report_scopes[] = {"own", "rollup", NULL};
static const char *const report_styles[] = {"2021", "2019", "narrative", NULL};
static const char *const report_formats[] = {"pdf", "xlsx", "md", "txt", "json", "html", NULL};
static const struct gk_param_spec report_params[] = {
	{"scope", GK_PARAM_ENUM, 0, 0, 0, 0, report_scopes},
	{"style", GK_PARAM_ENUM, 0, 0, 0, 0, report_styles},
	GK_PARAMS_END,
};
static const struct gk_param_spec reports_params[] = {
	{"agency", GK_PARAM_TOKEN, 0, 0, 0, 40, NULL},
	GK_PARAMS_END,
};
static const struct gk_param_spec report_download_params[] = {
	{"format", GK_PARAM_ENUM, 1, 0, 0, 0, report_formats},
	{"scope", GK_PARAM_ENUM, 0, 0, 0, 0, report_scopes},
	{"style", GK_PARAM_ENUM, 0, 0, 0, 0, report_styles},
	GK_PARAMS_END,
};
static const struct gk_param_spec supervision_params[] = {
	{"year", GK_PARAM_INT, 0, 1900, 2999, 0, NULL},
	{"sort", GK_PARAM_ENUM, 0, 0, 0, 0, score_sort_choices},
	GK_PARAMS_END,
};
// clang-format off
static const struct gk_param_spec weights_params[] = {
	{"year", GK_PARAM_INT, 1, 1900, 2999, 0, NULL},
	GK_CRITERION_LIST(WEIGHT_FIELD)
	GK_PARAMS_END,
};
// clang-format on
#define REPORT_ROLES (GK_ROLE_EDITOR | GK_ROLE_ADMIN)
/* --- records the yearly report counts (issue 10, page_records*.c, api_records.c).
 * Form fields are taken as text and checked by the use cases, which name the
 * field in Chinese and keep the form as typed. --- */
#define RECORD_FIELD(name)                               \
	{                                                \
		name, GK_PARAM_TEXT, 0, 0, 0, 2100, NULL \
	}
// clang-format off
#define RECORD_CHANNELS                                                               \
	{"ch_press_conference", GK_PARAM_ENUM, 0, 0, 0, 0, one_choice},               \
	{"ch_interview", GK_PARAM_ENUM, 0, 0, 0, 0, one_choice},                      \
	{"ch_website", GK_PARAM_ENUM, 0, 0, 0, 0, one_choice},                        \
	{"ch_weibo", GK_PARAM_ENUM, 0, 0, 0, 0, one_choice},                          \
	{"ch_wechat", GK_PARAM_ENUM, 0, 0, 0, 0, one_choice},                         \
	{"ch_media", GK_PARAM_ENUM, 0, 0, 0, 0, one_choice},                          \
	{"ch_other", GK_PARAM_ENUM, 0, 0, 0, 0, one_choice}
// clang-format on
static const struct gk_param_spec record_form_params[] = {
	RECORD_FIELD("agency"),
	RECORD_FIELD("kind"),
	RECORD_FIELD("case_no"),
	RECORD_FIELD("authority"),
	RECORD_FIELD("application"),
	RECORD_FIELD("review"),
	RECORD_FIELD("subject"),
	RECORD_FIELD("filed"),
	RECORD_FIELD("result"),
	RECORD_FIELD("decided"),
	RECORD_FIELD("note"),
	RECORD_FIELD("received"),
	RECORD_FIELD("source"),
	RECORD_FIELD("status"),
	RECORD_FIELD("closed"),
	RECORD_FIELD("held"),
	RECORD_FIELD("title"),
	RECORD_FIELD("leader"),
	{"revision", GK_PARAM_INT, 0, 0, 1000000000, 0, NULL},
	RECORD_CHANNELS,
	GK_PARAMS_END,
};
static const struct gk_param_spec record_new_params[] = {
	{"agency", GK_PARAM_TOKEN, 0, 0, 0, 40, NULL},
	{"application", GK_PARAM_LINE, 0, 0, 0, 40, NULL},
	{"kind", GK_PARAM_TOKEN, 0, 0, 0, 40, NULL},
	GK_PARAMS_END,
};
static const struct gk_param_spec record_list_params[] = {
	{"year", GK_PARAM_INT, 0, 2008, 2100, 0, NULL},
	{"agency", GK_PARAM_TOKEN, 0, 0, 0, 40, NULL},
	{"subtree", GK_PARAM_ENUM, 0, 0, 0, 0, one_choice},
	{"page", GK_PARAM_INT, 0, 1, 1000000, 0, NULL},
	{"per_page", GK_PARAM_INT, 0, 1, 1000, 0, NULL},
	GK_PARAMS_END,
};
static const struct gk_param_spec record_edit_params[] = {
	{"saved", GK_PARAM_ENUM, 0, 0, 0, 0, one_choice},
	GK_PARAMS_END,
};
static const struct gk_param_spec record_delete_params[] = {
	{"revision", GK_PARAM_INT, 1, 0, 1000000000, 0, NULL},
	GK_PARAMS_END,
};
static const struct gk_param_spec figures_params[] = {
	{"year", GK_PARAM_INT, 0, 2008, 2100, 0, NULL},
	{"agency", GK_PARAM_TOKEN, 0, 0, 0, 40, NULL},
	GK_PARAMS_END,
};
#define FIGURE_PARAM_(name, code, label, unit, kind) {code, GK_PARAM_LINE, 0, 0, 0, 40, NULL},
static const struct gk_param_spec figures_form_params[] = {
	{"year", GK_PARAM_INT, 1, 2008, 2100, 0, NULL},
	{"agency", GK_PARAM_TOKEN, 1, 0, 0, 40, NULL},
	GK_YEAR_FIGURE_LIST(FIGURE_PARAM_) GK_PARAMS_END,
};
#undef FIGURE_PARAM_
#define CASE_ROLES  (GK_ROLE_HANDLER | GK_ROLE_ADMIN)
#define PRESS_ROLES (GK_ROLE_EDITOR | GK_ROLE_ADMIN)
#define RECORD_JSON (GK_ROUTE_LOGIN | GK_ROUTE_JSON | GK_ROUTE_CSRF)
// clang-format off
#define RECORD_ROUTES(plural, one, roles)                                                                              \
	{GK_GET, "/staff/" #plural, gk_page_##plural##_list, GK_ROUTE_LOGIN, roles, record_list_params, 0},                \
	{GK_GET, "/staff/" #plural "/new", gk_page_##plural##_new, GK_ROUTE_LOGIN, roles, record_new_params, 0},          \
	{GK_POST, "/staff/" #plural, gk_page_##plural##_create, STAFF_FORM, roles, record_form_params, 0},                \
	{GK_GET, "/staff/" #plural "/{id}", gk_page_##plural##_edit, GK_ROUTE_LOGIN, roles, record_edit_params, 0},       \
	{GK_POST, "/staff/" #plural "/{id}", gk_page_##plural##_update, STAFF_FORM, roles, record_form_params, 0},        \
	{GK_POST, "/staff/" #plural "/{id}/delete", gk_page_##plural##_delete, STAFF_FORM, roles, record_delete_params, 0}, \
	{GK_GET, "/api/v1/" #plural, gk_api_##plural, GK_ROUTE_LOGIN, roles, record_list_params, 0},                      \
	{GK_POST, "/api/v1/" #plural, gk_api_##plural##_create, RECORD_JSON, roles, no_params, 0},                        \
	{GK_GET, "/api/v1/" #plural "/{id}", gk_api_##one, GK_ROUTE_LOGIN, roles, no_params, 0},                          \
	{GK_PUT | GK_POST, "/api/v1/" #plural "/{id}", gk_api_##one##_update, RECORD_JSON, roles, no_params, 0},          \
	{GK_DELETE, "/api/v1/" #plural "/{id}", gk_api_##one##_delete, GK_ROUTE_LOGIN | GK_ROUTE_CSRF, roles, record_delete_params, 0}
// clang-format on

/* --- online consultation (网上咨询, issue 15): the public form takes
 * everything as text, checked by core/consultation.c so that a refused form
 * comes back filled in; the lists' search is bounded by the page (100). --- */
static const char *const consult_views[] = {"open",      "answered", "rejected",
					    "converted", "all",      NULL};
static const char *const consult_actions[] = {"answer", "publish", "unpublish",
					      "reject", "convert", NULL};
static const struct gk_param_spec consult_form_params[] = {
	{"agency", GK_PARAM_LINE, 0, 0, 0, 100, NULL},
	GK_PARAMS_END,
};
static const struct gk_param_spec consult_ask_params[] = {
	{"agency", GK_PARAM_LINE, 0, 0, 0, 100, NULL},
	{"subject", GK_PARAM_LINE, 0, 0, 0, 1000, NULL},
	{"question", GK_PARAM_TEXT, 0, 0, 0, 20000, NULL},
	{"name", GK_PARAM_LINE, 0, 0, 0, 1000, NULL},
	{"phone", GK_PARAM_LINE, 0, 0, 0, 1000, NULL},
	{"email", GK_PARAM_LINE, 0, 0, 0, 1000, NULL},
	{"consent", GK_PARAM_LINE, 0, 0, 0, 10, NULL},
	{"answer", GK_PARAM_LINE, 0, 0, 0, 20, NULL},
	{"pow", GK_PARAM_LINE, 0, 0, 0, 120, NULL},
	{"pow_nonce", GK_PARAM_LINE, 0, 0, 0, 40, NULL},
	{"csrf", GK_PARAM_LINE, 0, 0, 0, 200, NULL}, /* checked by the page */
	GK_PARAMS_END,
};
static const struct gk_param_spec consult_list_params[] = {
	{"agency", GK_PARAM_TOKEN, 0, 0, 0, 40, NULL},
	{"q", GK_PARAM_LINE, 0, 0, 0, SEARCH_MAX, NULL},
	{"before", GK_PARAM_INT, 0, 1, 1000000000000LL, 0, NULL},
	{"per_page", GK_PARAM_INT, 0, 1, 100, 0, NULL},
	GK_PARAMS_END,
};
static const struct gk_param_spec consult_queue_params[] = {
	{"view", GK_PARAM_ENUM, 0, 0, 0, 0, consult_views},
	{"before", GK_PARAM_INT, 0, 1, 1000000000000LL, 0, NULL},
	GK_PARAMS_END,
};
static const struct gk_param_spec consult_page_params[] = {
	{"done", GK_PARAM_ENUM, 0, 0, 0, 0, consult_actions},
	GK_PARAMS_END,
};
static const struct gk_param_spec consult_act_params[] = {
	{"action", GK_PARAM_ENUM, 1, 0, 0, 0, consult_actions},
	{"reply", GK_PARAM_TEXT, 0, 0, 0, 2 * GK_QUESTION_ANSWER_MAX, NULL},
	{"reason", GK_PARAM_TEXT, 0, 0, 0, 2 * GK_QUESTION_REASON_MAX, NULL},
	{"publish", GK_PARAM_ENUM, 0, 0, 0, 0, one_choice},
	GK_PARAMS_END,
};
#define CONSULT_ROLES (GK_ROLE_HANDLER | GK_ROLE_ADMIN)
/* --- notices (issue 15): each person's channel per kind of staff notice --- */
static const char *const notice_channel_choices[] = {"email", "sms", "none", NULL};
// clang-format off
static const struct gk_param_spec notice_prefs_params[] = {
	{"email", GK_PARAM_LINE, 0, 0, 0, 120, NULL},
	{"phone", GK_PARAM_LINE, 0, 0, 0, 30, NULL},
	{"ch_assigned", GK_PARAM_ENUM, 0, 0, 0, 0, notice_channel_choices},
	{"ch_due_soon", GK_PARAM_ENUM, 0, 0, 0, 0, notice_channel_choices},
	{"ch_overdue", GK_PARAM_ENUM, 0, 0, 0, 0, notice_channel_choices},
	{"ch_review_waiting", GK_PARAM_ENUM, 0, 0, 0, 0, notice_channel_choices},
	{"ch_daily_digest", GK_PARAM_ENUM, 0, 0, 0, 0, notice_channel_choices},
	GK_PARAMS_END,
};
static const struct gk_param_spec notice_retry_params[] = {
	{"notice", GK_PARAM_INT, 1, 1, 1LL << 53, 0, NULL},
	GK_PARAMS_END,
};
/* notice templates: the checks (placeholders, limits in characters) are the service's */
static const char *const template_ops[] = {"preview", "save", NULL};
static const struct gk_param_spec notice_template_params[] = {
	{"subject", GK_PARAM_TEXT, 0, 0, 0, GK_NOTICE_TEMPLATE_SUBJECT_CHARS * 4, NULL},
	{"body", GK_PARAM_TEXT, 0, 0, 0, GK_NOTICE_TEMPLATE_BODY_CHARS * 4, NULL},
	{"op", GK_PARAM_ENUM, 0, 0, 0, 0, template_ops},
	GK_PARAMS_END,
};
// clang-format on

// clang-format off
const struct gk_route gk_routes[] = {
	/* applications for disclosure (依申请公开, issue 4). The URLs
	 * (/staff/requests, /api/v1/requests …) keep the word "request" for an
	 * application, as do the JSON keys and form fields, for compatibility:
	 * they are public interfaces. In the code "request" is the HTTP request. */
	{GK_GET, "/apply", gk_page_apply_form, 0, 0, no_params, 0},
	{GK_POST, "/apply", gk_page_apply_submit, GK_ROUTE_FORM, 0, apply_params, 0}, /* CSRF: page_apply.c */
	/* the forms to download (issue 15): blank per agency, or filled from /apply */
	{GK_GET, "/forms", gk_page_forms, GK_ROUTE_CACHE, 0, no_params, 0},
	{GK_GET, "/forms/application-person.pdf", gk_page_form_file, 0, 0, form_file_params, 0},
	{GK_GET, "/forms/application-person.docx", gk_page_form_file, 0, 0, form_file_params, 0},
	{GK_GET, "/forms/application-organisation.pdf", gk_page_form_file, 0, 0, form_file_params, 0},
	{GK_GET, "/forms/application-organisation.docx", gk_page_form_file, 0, 0, form_file_params, 0},
	{GK_POST, "/apply/form", gk_page_apply_document, GK_ROUTE_FORM, 0, apply_document_params, 0}, /* CSRF: page_apply.c */
	{GK_GET, "/track", gk_page_track_form, 0, 0, track_params, 0},
	{GK_GET, "/track/{code}", gk_page_track, 0, 0, no_params, 0},
	{GK_GET, "/track/{code}/qr.svg", gk_page_track_qr, 0, 0, no_params, 0},
	/* the applicant's own view behind the second secret (issue 12) */
	{GK_POST, "/track/{code}", gk_page_track_own, GK_ROUTE_FORM | GK_ROUTE_CSRF, 0, track_own_params, 0},
	{GK_POST, "/track/{code}/files/{id}", gk_page_track_own_file, GK_ROUTE_FORM | GK_ROUTE_CSRF, 0, track_own_params, 0},
	{GK_GET, "/staff/requests", gk_page_applications, GK_ROUTE_LOGIN, APPLICATION_ROLES, queue_params, 0},
	{GK_POST, "/staff/requests", gk_page_application_register, STAFF_UPLOAD_FORM, GK_ROLE_HANDLER, register_params, ONE_FILE_BODY_MAX},
	{GK_GET, "/staff/requests/new", gk_page_application_new, GK_ROUTE_LOGIN, GK_ROLE_HANDLER, no_params, 0},
	{GK_GET, "/staff/requests/{code}", gk_page_application, GK_ROUTE_LOGIN, APPLICATION_ROLES, application_page_params, 0},
	{GK_POST, "/staff/requests/{code}/act", gk_page_application_act, STAFF_UPLOAD_FORM, APPLICATION_ROLES, act_params, ONE_FILE_BODY_MAX},
	{GK_GET, "/staff/requests/{code}/files/{id}", gk_page_application_file, GK_ROUTE_LOGIN, APPLICATION_ROLES, no_params, 0},
	{GK_GET, "/staff/holidays", gk_page_holidays, GK_ROUTE_LOGIN, GK_ROLE_ADMIN, no_params, 0},
	{GK_POST, "/staff/holidays", gk_page_holidays_upload, STAFF_FORM | GK_ROUTE_MULTIPART,
	 GK_ROLE_ADMIN, holiday_params, 2 << 20},
	{GK_POST, "/api/v1/requests", gk_api_application_create, GK_ROUTE_JSON | GK_ROUTE_JSON_PARAMS, 0, api_apply_params, 0},
	{GK_GET, "/api/v1/requests/{code}", gk_api_application_status, 0, 0, no_params, 0},
	{GK_GET, "/api/v1/staff/whoami", gk_api_staff_whoami, GK_ROUTE_LOGIN, 0, no_params, 0},
	{GK_GET, "/api/v1/staff/requests", gk_api_staff_applications, GK_ROUTE_LOGIN, APPLICATION_ROLES, queue_params, 0},
	{GK_POST, "/api/v1/staff/requests", gk_api_staff_application_create, STAFF_UPLOAD_JSON, GK_ROLE_HANDLER, register_params, ONE_FILE_BODY_MAX},
	{GK_GET, "/api/v1/staff/requests/{code}", gk_api_staff_application, GK_ROUTE_LOGIN, APPLICATION_ROLES, no_params, 0},
	{GK_POST, "/api/v1/staff/requests/{code}/actions", gk_api_staff_application_act, STAFF_UPLOAD_JSON, APPLICATION_ROLES, act_params, ONE_FILE_BODY_MAX},

	/* the catalogue (主动公开目录) */
	{GK_GET, "/items", gk_page_items, GK_ROUTE_CACHE, 0, catalogue_params, 0},
	{GK_GET, "/items/{id}", gk_page_item, GK_ROUTE_CACHE, 0, no_params, 0},
	{GK_GET, "/items/{id}/print", gk_page_item_print, GK_ROUTE_CACHE, 0, no_params, 0},
	{GK_GET, "/items/{id}/qr.svg", gk_page_item_qr, GK_ROUTE_CACHE, 0, no_params, 0},
	{GK_GET, "/items/{id}/files/{file}", gk_page_item_file, 0, 0, no_params, 0},
	{GK_GET, "/agencies/{code}/guide", gk_page_guide, GK_ROUTE_CACHE, 0, no_params, 0},
	{GK_GET, "/feeds/agency/{code}", gk_page_feed_agency, GK_ROUTE_CACHE, 0, no_params, 0},
	{GK_GET, "/feeds/topic/{code}", gk_page_feed_topic, GK_ROUTE_CACHE, 0, no_params, 0},
	{GK_GET, "/sitemap.xml", gk_page_sitemap, 0, 0, no_params, 0},
	{GK_GET, "/sitemap-{part}", gk_page_sitemap_part, 0, 0, no_params, 0},
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
	{GK_GET, "/api/v1/items", gk_api_items, GK_ROUTE_CACHE, 0, catalogue_params, 0},
	{GK_GET, "/api/v1/items/{id}", gk_api_item, GK_ROUTE_CACHE, 0, no_params, 0},

	/* public pages */
	{GK_GET, "/", gk_page_home, GK_ROUTE_CACHE, 0, no_params, 0},
	{GK_GET, "/agencies", gk_page_agencies, GK_ROUTE_CACHE, 0, no_params, 0},
	{GK_GET, "/agencies/{code}", gk_page_agency, GK_ROUTE_CACHE, 0, no_params, 0},
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
	/* accounts (issue 13) */
	{GK_POST, "/staff/users/{login}", gk_page_user_action,
	 GK_ROUTE_LOGIN | GK_ROUTE_FORM | GK_ROUTE_CSRF, GK_ROLE_ADMIN, user_action_params, 0},
	{GK_GET, "/staff/password", gk_page_password_form, GK_ROUTE_LOGIN, 0, no_params, 0},
	{GK_POST, "/staff/password", gk_page_password_submit,
	 GK_ROUTE_LOGIN | GK_ROUTE_FORM | GK_ROUTE_CSRF, 0, password_params, 0},
	{GK_GET, "/staff/audit", gk_page_audit, GK_ROUTE_LOGIN, GK_ROLE_ADMIN, audit_params, 0},

	/* machine interface */
	{GK_GET, "/api/v1/health", gk_api_health, 0, 0, no_params, 0},
	{GK_GET, "/api/v1/agencies", gk_api_agencies, GK_ROUTE_CACHE, 0, no_params, 0},


	/* the yearly report's texts and supervision (issue 10) */
	{GK_GET, "/staff/reports", gk_page_reports, GK_ROUTE_LOGIN, REPORT_ROLES, no_params, 0},
	{GK_GET, "/staff/reports/{code}/{year}", gk_page_report_texts, GK_ROUTE_LOGIN, REPORT_ROLES, report_edit_params, 0},
	{GK_POST, "/staff/reports/{code}/{year}", gk_page_report_texts_save, STAFF_FORM, REPORT_ROLES, report_texts_params, 1 << 20},
	{GK_GET, "/staff/reports/{code}/{year}/history", gk_page_report_texts_history, GK_ROUTE_LOGIN, REPORT_ROLES, no_params, 0},
	{GK_GET, "/staff/reports/{code}/{year}/preview", gk_page_annual_preview, GK_ROUTE_LOGIN, 0, report_params, 0},
	{GK_GET, "/staff/reports/{code}/{year}/download", gk_page_annual_download, GK_ROUTE_LOGIN, 0, report_download_params, 0},
	{GK_POST, "/staff/reports/{code}/{year}/publish", gk_page_annual_publish, STAFF_FORM, GK_ROLE_EDITOR | GK_ROLE_ADMIN, report_params, 0},
	{GK_GET, "/reports", gk_page_annual_reports, GK_ROUTE_CACHE, 0, reports_params, 0},
	/* the portal's columns (issue 12) */
	{GK_GET, "/guide", gk_page_guide_column, GK_ROUTE_CACHE, 0, reports_params, 0},
	{GK_GET, "/rules", gk_page_rules, GK_ROUTE_CACHE, 0, reports_params, 0},
	{GK_GET, "/statutory", gk_page_statutory, GK_ROUTE_CACHE, 0, reports_params, 0},
	{GK_GET, "/feeds/items", gk_page_feed_items, GK_ROUTE_CACHE, 0, catalogue_params, 0},
	{GK_GET, "/api/v1/reports/{code}/{year}/texts", gk_api_report_texts, GK_ROUTE_LOGIN, REPORT_ROLES, no_params, 0},
	{GK_PUT, "/api/v1/reports/{code}/{year}/texts", gk_api_report_texts_save, STAFF_JSON, REPORT_ROLES, report_texts_params, 1 << 20},
	{GK_GET, "/staff/supervision", gk_page_supervision, GK_ROUTE_LOGIN, 0, supervision_params, 0},
	{GK_POST, "/staff/supervision/weights", gk_page_supervision_weights, STAFF_FORM, 0, weights_params, 0},
	{GK_GET, "/staff/supervision.xlsx", gk_page_supervision_xlsx, GK_ROUTE_LOGIN, 0, supervision_params, 0},
	/* records the yearly report counts (issue 10) */
	{GK_GET, "/staff/records", gk_page_records_home, GK_ROUTE_LOGIN, 0, no_params, 0},
	RECORD_ROUTES(disputes, dispute, CASE_ROLES),
	RECORD_ROUTES(complaints, complaint, CASE_ROLES),
	RECORD_ROUTES(responses, response, PRESS_ROLES),
	{GK_GET, "/staff/figures", gk_page_figures, GK_ROUTE_LOGIN, PRESS_ROLES, figures_params, 0},
	{GK_POST, "/staff/figures", gk_page_figures_save, STAFF_FORM, PRESS_ROLES, figures_form_params, 0},
	{GK_GET, "/api/v1/figures", gk_api_figures, GK_ROUTE_LOGIN, PRESS_ROLES, figures_params, 0},
	{GK_PUT, "/api/v1/figures", gk_api_figures_set, RECORD_JSON, PRESS_ROLES, no_params, 0},
	/* notices (issue 15): each person's choice of channel */
	{GK_GET, "/staff/notices", gk_page_notice_prefs, GK_ROUTE_LOGIN, 0, no_params, 0},
	{GK_POST, "/staff/notices", gk_page_notice_prefs_save, STAFF_FORM, 0, notice_prefs_params, 0},
	{GK_POST, "/staff/requests/{code}/notices/retry", gk_page_notice_retry, STAFF_FORM, APPLICATION_ROLES, notice_retry_params, 0},
	/* the SMS gateway's delivery reports (issue 15): its secret, not a session */
	{GK_POST, "/hooks/sms-delivery", gk_hook_sms_delivery, GK_ROUTE_ANY_QUERY, 0, no_params, 256 << 10},
	/* notice templates (issue 15): the city office's administrators */
	{GK_GET, "/staff/notice-templates", gk_page_notice_templates, GK_ROUTE_LOGIN, GK_ROLE_ADMIN, no_params, 0},
	{GK_GET, "/staff/notice-templates/{kind}", gk_page_notice_template, GK_ROUTE_LOGIN, GK_ROLE_ADMIN, no_params, 0},
	{GK_POST, "/staff/notice-templates/{kind}", gk_page_notice_template_save, STAFF_FORM, GK_ROLE_ADMIN, notice_template_params, 0},
	{GK_POST, "/staff/notice-templates/{kind}/reset", gk_page_notice_template_reset, STAFF_FORM, GK_ROLE_ADMIN, no_params, 0},

	/* online consultation (网上咨询, issue 15) */
	{GK_GET, "/consult", gk_page_consult_home, 0, 0, no_params, 0},
	{GK_GET, "/consult/new", gk_page_consult_form, 0, 0, consult_form_params, 0},
	{GK_POST, "/consult/new", gk_page_consult_submit, GK_ROUTE_FORM, 0, consult_ask_params, 0}, /* CSRF: page_consult.c */
	{GK_GET, "/consult/track", gk_page_consult_track_form, 0, 0, track_params, 0},
	{GK_GET, "/consult/track/{code}", gk_page_consult_track, 0, 0, no_params, 0},
	{GK_GET, "/consult/answers", gk_page_consult_answers, 0, 0, consult_list_params, 0},
	{GK_GET, "/consult/answers/{id}", gk_page_consult_answer, 0, 0, no_params, 0},
	{GK_GET, "/api/v1/consultations", gk_api_consultations, 0, 0, consult_list_params, 0},
	{GK_GET, "/api/v1/consultations/{id}", gk_api_consultation, 0, 0, no_params, 0},
	{GK_GET, "/staff/consultations", gk_page_consult_queue, GK_ROUTE_LOGIN, CONSULT_ROLES, consult_queue_params, 0},
	{GK_GET, "/staff/consultations/{id}", gk_page_consult_staff, GK_ROUTE_LOGIN, CONSULT_ROLES, consult_page_params, 0},
	{GK_POST, "/staff/consultations/{id}", gk_page_consult_act, STAFF_FORM, CONSULT_ROLES, consult_act_params, 0},

	{0, NULL, NULL, 0, 0, NULL, 0},
};
// clang-format on
