/* An SMS gateway described by a small settings file (docs/notices-transport.md):
 * where to send, how, what a request carries and what an answer means.
 * Providers differ, so the request is a template with placeholders:
 *
 *   {to}       the number, eleven digits     {to_e164}  the same as +86…
 *   {text}     the message                   {key}      the idempotency key
 *
 * Parsing and rendering are pure: the transport does the HTTP. */
#ifndef GK_CORE_SMS_GATEWAY_H
#define GK_CORE_SMS_GATEWAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/buf.h"
#include "lib/error.h"

#define GK_SMS_MAX_HEADERS 16
#define GK_SMS_MAX_RANGES  8

/* How placeholder values are escaped in the body (the URL's are always
 * percent-encoded, the headers' taken as they are). */
enum gk_sms_encoding {
	GK_SMS_JSON, /* inside a JSON string: the template holds the quotes */
	GK_SMS_FORM, /* application/x-www-form-urlencoded */
};

struct gk_sms_range {
	int lo, hi; /* HTTP statuses, both included */
};

struct gk_sms_gateway {
	char url[1024];
	bool post; /* POST (default) or GET */
	char headers[GK_SMS_MAX_HEADERS][512];
	int n_headers;
	char body[4096];
	enum gk_sms_encoding encoding;
	struct gk_sms_range success[GK_SMS_MAX_RANGES]; /* default 200-299 */
	int n_success;
	struct gk_sms_range permanent[GK_SMS_MAX_RANGES]; /* default 400-499 */
	int n_permanent;
	char receipt_field[128];      /* dotted path in the JSON answer; "" none */
	char ok_field[128];           /* a JSON field that must equal ok_value … */
	char ok_value[128];           /* … for a success status to be a success */
	char temporary_values[512];   /* ok_field values meaning "try later": "A, B" */
	char idempotency_header[128]; /* a header carrying {key}; "" none */
	int rate_limit;               /* messages per recipient per rate_window; 0: none */
	int64_t rate_window;          /* seconds */
	long timeout;                 /* seconds for the whole request */
	/* delivery reports the gateway calls back with (POST /hooks/sms-delivery);
	 * all empty: none accepted */
	char report_secret[256];        /* what the callback must present */
	char report_secret_header[128]; /* … in this header, or */
	char report_secret_param[128];  /* … in this query parameter */
	char report_id_field[128];      /* dotted path (JSON) or field (form) of the message id */
	char report_status_field[128];  /* … of the status */
	char report_time_field[128];    /* … of the time; "" none (the time received) */
	char report_reason_field[128];  /* … of the gateway's words on a failure; "" none */
	char report_list_field[128];    /* a batch inside an object ({"reports": […]}); "" none */
	char report_delivered_values[512]; /* statuses meaning delivered: "DELIVRD, 0" */
	char report_failed_values[512];    /* statuses meaning failed for good */
};

/* True if G accepts delivery reports (report_secret set). */
bool gk_sms_gateway_reports(const struct gk_sms_gateway *g);

/* Reads the settings file's TEXT ("key = value" lines, # comments). Every
 * problem is refused here, with the line and what is wrong in Chinese in
 * ERR: an unknown key, a URL that is not http(s), a method other than POST
 * or GET, an unknown placeholder, a malformed status list or rate limit. */
enum gk_err gk_sms_gateway_parse(const char *text, struct gk_sms_gateway *g, struct gk_error *err);

struct gk_sms_values {
	const char *to;      /* eleven digits */
	const char *to_e164; /* +86 and the eleven digits */
	const char *text;
	const char *key;
};

enum gk_sms_part {
	GK_SMS_PART_URL,    /* values percent-encoded */
	GK_SMS_PART_HEADER, /* values as they are; a control character refused */
	GK_SMS_PART_BODY,   /* values escaped per the gateway's encoding */
};

/* Appends TEMPLATE with its placeholders replaced by V, escaped for PART.
 * GK_EINVAL (detail in ERR) for an unknown placeholder or a header value
 * holding a control character. */
enum gk_err gk_sms_render(struct gk_buf *out, const char *tmpl, enum gk_sms_part part,
			  enum gk_sms_encoding encoding, const struct gk_sms_values *v,
			  struct gk_error *err);

/* What an HTTP answer means. */
enum gk_sms_verdict {
	GK_SMS_DELIVERED, /* the gateway took the message */
	GK_SMS_TEMPORARY, /* try again later */
	GK_SMS_PERMANENT, /* the gateway refused it for good */
};

/* The verdict on an answer with STATUS and body ANSWER (LEN bytes): a
 * success status (and the ok field, when configured) is delivered; 408 and
 * 429 are temporary whatever the file says; a permanent status is
 * permanent; anything else temporary. An ok field of another value is
 * permanent, unless temporary_values lists it. Fills RECEIPT with the receipt field
 * when the answer has it, and WHY (may be empty) with the gateway's own
 * words when a configured ok field differs. */
enum gk_sms_verdict gk_sms_judge(const struct gk_sms_gateway *g, long status, const char *answer,
				 size_t len, char *receipt, size_t receipt_len, char *why,
				 size_t why_len);

/* One delivery report, as gk_sms_reports_parse reads it. */
enum gk_sms_report_status {
	GK_SMS_REPORT_DELIVERED,
	GK_SMS_REPORT_FAILED,
	GK_SMS_REPORT_OTHER, /* a status in neither list (an intermediate one): ignored */
};

struct gk_sms_report {
	char id[256];     /* the gateway's message id (the notice's receipt) */
	char status[128]; /* the gateway's status as it wrote it */
	enum gk_sms_report_status outcome;
	int64_t at;       /* unix time of delivery or failure (the time field, else NOW) */
	char reason[256]; /* for a failure: the gateway's words (reason field, else the status) */
};

/* The most reports one callback may carry. */
#define GK_SMS_MAX_REPORTS 500

/* Reads the delivery reports in BODY (LEN bytes): a JSON object, a JSON
 * array of objects, an object whose report_list_field holds that array,
 * or (FORM) one application/x-www-form-urlencoded report. The time field
 * may be unix seconds or milliseconds, "YYYY-MM-DD HH:MM:SS",
 * "YYYYMMDDHHMMSS" or ISO 8601 with a zone (China's time without one);
 * absent or unreadable, NOW. Fills up to CAP reports into OUT, the count in
 * *N. GK_EINVAL (a Chinese reason in ERR) for a malformed body, a report
 * without the id or status field, or more than CAP reports. Pure. */
enum gk_err gk_sms_reports_parse(const struct gk_sms_gateway *g, const char *body, size_t len,
				 bool form, int64_t now, struct gk_sms_report *out, size_t cap,
				 size_t *n, struct gk_error *err);

/* Unix time of a report's time text S (the formats above); false if none
 * of them. Pure. */
bool gk_sms_report_time(const char *s, int64_t *out);

#endif
