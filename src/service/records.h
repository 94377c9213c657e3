/* The records the yearly report counts beyond items and applications
 * (issue 10): disputes (行政复议、行政诉讼), complaints (投诉举报), responses
 * (新闻发布会、在线访谈、舆情回应) and the per-year figures staff enter.
 *
 * One set of use cases for the three record kinds: a struct gk_record
 * holds one of them, filled from named text fields (a form, a JSON object,
 * an import line) by gk_svc_record_fill, saved by gk_svc_record_save.
 * Who may: disputes and complaints the handler (申请办理) or an
 * administrator; responses and figures the editor (信息发布) or an
 * administrator; each within their agency's subtree (the city office: all).
 * Every change writes an audit row; see docs/records.md. */
#ifndef GK_SERVICE_RECORDS_H
#define GK_SERVICE_RECORDS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/records.h"
#include "service/service.h"

#define GK_RECORD_KIND_LIST(X)                             \
	X(GK_REC_DISPUTE, "dispute", "行政复议和行政诉讼") \
	X(GK_REC_COMPLAINT, "complaint", "投诉举报")       \
	X(GK_REC_RESPONSE, "response", "解读回应")
GK_ENUM_DECLARE(gk_record_kind, GK_REC, GK_RECORD_KIND_LIST);

struct gk_record {
	enum gk_record_kind kind;
	union {
		struct gk_dispute dispute;
		struct gk_complaint complaint;
		struct gk_response response;
	} u;
	struct gk_record_names names; /* filled on load and by fill */
};

/* How a field is entered and exchanged (all as text: days 'YYYY-MM-DD',
 * enumerations and sets by code, sets joined by commas, flags "1"/"0"). */
enum gk_field_type {
	GK_FT_LINE,        /* one line */
	GK_FT_TEXT,        /* several lines */
	GK_FT_DATE,        /* a day, '' for none */
	GK_FT_ENUM,        /* one code of CODES */
	GK_FT_SET,         /* codes of CODES joined by commas */
	GK_FT_BOOL,        /* "1" / "0" (also true/false, on) */
	GK_FT_AGENCY,      /* an agency code */
	GK_FT_APPLICATION, /* a tracking code, '' for none */
	GK_FT_CASE,        /* the 案号 of a review case of the same agency, '' for none */
};

struct gk_record_field {
	const char *name;  /* "filed" */
	const char *label; /* "立案日期" */
	enum gk_field_type type;
	const char *const *codes;                  /* ENUM, SET */
	const char *(*label_of)(const char *code); /* ENUM, SET: a code's label */
	size_t max;                                /* LINE, TEXT: bytes */
	bool required;
	size_t offset; /* where the value lives in the kind's struct (not for the names) */
};

/* What a kind is: its code ("dispute"), the plural in addresses
 * ("disputes"), its title, the roles that may change it, the name of the
 * field that dates it (its year), and its fields in form order. */
struct gk_record_kind_info {
	enum gk_record_kind kind;
	const char *plural;
	const char *title;
	unsigned roles;
	const char *day_field;
	const struct gk_record_field *fields;
	size_t nfields;
};
const struct gk_record_kind_info *gk_record_kind_info(enum gk_record_kind kind);
/* The field NAME of KIND, or NULL. */
const struct gk_record_field *gk_record_field(enum gk_record_kind kind, const char *name);

/* Reads field NAME as text; NULL when absent. */
typedef const char *gk_field_get(void *ctx, const char *name);

/* A blank record of KIND (today's date where one is needed, pending). */
void gk_record_init(struct gk_record *rec, enum gk_record_kind kind, long today);
/* Applies the fields GET gives (absent ones keep REC's values, empty ones
 * clear) to REC: codes are resolved (agency, application, review case),
 * text checked; GK_EINVAL names the field in Chinese. "revision" is read
 * too. Nothing is stored. */
enum gk_err gk_svc_record_fill(struct gk_svc *svc, struct gk_record *rec, gk_field_get *get,
			       void *ctx, struct gk_error *err);
/* The text of field NAME of REC (as fill reads it) into OUT (size N). */
void gk_record_field_text(const struct gk_record *rec, const char *name, char *out, size_t n);
/* REC as JSON: every field as text, and id, revision, who and when. */
json_t *gk_record_to_json(const struct gk_record *rec);
/* The record's id, revision and agency. */
int64_t gk_record_id(const struct gk_record *rec);
int64_t gk_record_agency(const struct gk_record *rec);

/* Saves REC (a new one if its id is 0, else an update of the revision it
 * carries: GK_ECONFLICT if stale) after every check: role, scope (of the
 * record as it was and as it will be), validation, links (a dispute's
 * application and review case of the same agency, filed not before the
 * application's receipt), no day after today, a case number once per
 * agency. One transaction with its audit row. */
enum gk_err gk_svc_record_save(struct gk_svc *svc, struct gk_record *rec, struct gk_error *err);
/* Loads record ID of KIND if the actor may see it (GK_ENOTFOUND otherwise). */
enum gk_err gk_svc_record_get(struct gk_svc *svc, enum gk_record_kind kind, int64_t id,
			      struct gk_record *out, struct gk_error *err);
/* Deletes record ID of KIND (a record entered by mistake) if it is still
 * REVISION; the audit row keeps what it held. */
enum gk_err gk_svc_record_delete(struct gk_svc *svc, enum gk_record_kind kind, int64_t id,
				 int revision, struct gk_error *err);
/* True if the actor holds a role that may change records of KIND (the
 * command line may). */
bool gk_svc_record_may_change(const struct gk_svc *svc, enum gk_record_kind kind);
/* The agency subtree the actor sees (0: all). */
int64_t gk_svc_record_scope(const struct gk_svc *svc);
/* Records of KIND F selects: F->agency_id one agency, F->scope an agency
 * and those below it, neither: all the actor sees (GK_EFORBIDDEN for an
 * agency outside the actor's scope). */
enum gk_err gk_svc_record_list(struct gk_svc *svc, enum gk_record_kind kind,
			       const struct gk_record_filter *f,
			       int (*fn)(const struct gk_record *rec, void *ctx), void *ctx,
			       int64_t *total, struct gk_error *err);

/* A JSON object's fields as text for gk_field_get: strings as they are,
 * integers in decimal, booleans "1"/"0", arrays of strings joined by
 * commas; null is absent. */
struct gk_json_fields {
	json_t *obj;
	char buf[4][2048];
	int next;
};
const char *gk_json_field_get(void *ctx, const char *name);
/* GK_EINVAL naming the first key of OBJ that is not a field of KIND (nor
 * one of the names in EXTRA, NULL-ended). */
enum gk_err gk_record_json_check(enum gk_record_kind kind, json_t *obj, const char *const *extra,
				 struct gk_error *err);

/* --- per-year figures ----------------------------------------------------------- */

/* Parses TEXT as FIGURE's value: a count, or 元 with up to 2 decimals into
 * 分. "" is absent (*VALUE = -1). GK_EINVAL names the figure. */
enum gk_err gk_figure_parse(enum gk_year_figure figure, const char *text, int64_t *value,
			    struct gk_error *err);
/* VALUE as the form shows it ("1150", "12345.60"); "" for -1. */
void gk_figure_format(enum gk_year_figure figure, int64_t value, char *out, size_t n);

struct gk_figure_change {
	enum gk_year_figure figure;
	int64_t value; /* -1: clear (absent again) */
};
/* Sets the N figures of CHANGES for agency AGENCY_ID's YEAR in one
 * transaction (editor or admin, in scope), with an audit row naming each
 * figure changed; a value equal to the stored one is left alone (its
 * "entered by" stays). *CHANGED (may be NULL) gets how many changed. */
enum gk_err gk_svc_year_figures_set(struct gk_svc *svc, int64_t agency_id, int year,
				    const struct gk_figure_change *changes, size_t n, int *changed,
				    struct gk_error *err);
/* AGENCY_ID's figures for YEAR, if the actor may see the agency. */
enum gk_err gk_svc_year_figures_get(struct gk_svc *svc, int64_t agency_id, int year,
				    struct gk_year_figure_value out[GK_YEAR_FIGURE_COUNT],
				    struct gk_error *err);

/* Adds the demo's records (service/demo_records.c): 2017 with the seed
 * report's city-wide totals, and every agency for 2019 to last year. Joins
 * the caller's transaction. *COUNT (may be NULL) gets the records added. */
enum gk_err gk_svc_demo_records(struct gk_store *s, int *count, struct gk_error *err);

#endif
