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
};

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

#endif
