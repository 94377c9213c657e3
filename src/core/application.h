/* Applications for disclosure (依申请公开) as records: the application with
 * its applicant, the timeline of events, fee notices, tracking codes, what
 * a workflow step is given as, and who may see the applicant. Includes what
 * a user of applications needs: intake (core/intake.h), outcomes
 * (core/outcome.h), the workflow (core/workflow.h), deadlines and fees.
 * The use cases that change applications are service/applications.h; see
 * docs/applications.md. */
#ifndef GK_CORE_APPLICATION_H
#define GK_CORE_APPLICATION_H

#include <stdbool.h>
#include <stdint.h>

#include "core/attachment.h"
#include "core/calendar.h"
#include "core/deadline.h"
#include "core/fees.h"
#include "core/intake.h"
#include "core/outcome.h"
#include "core/user.h"
#include "core/workflow.h"
#include "lib/buf.h"
#include "lib/enumtab.h"
#include "lib/error.h"

/* --- tracking codes ---------------------------------------------------------- */

/* Ten characters from a 32-letter alphabet without 0, O, 1 and I (50 bits):
 * short enough to read over the phone, too many to guess behind a rate limit. */
#define GK_TRACKING_CODE_LEN     10
#define GK_TRACKING_RANDOM_BYTES 7 /* at least 50 random bits */
#define GK_TRACKING_ALPHABET     "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"

/* Makes a code from RANDOM (e.g. libsodium's randombytes_buf) into OUT,
 * NUL-terminated. Each character takes 5 bits, so there is no bias. */
void gk_tracking_code_make(const unsigned char random[GK_TRACKING_RANDOM_BYTES],
			   char out[GK_TRACKING_CODE_LEN + 1]);
/* Normalises a code as typed (any case, spaces or hyphens between groups)
 * into OUT. False if IN is not a well-formed code. */
bool gk_tracking_code_normalize(const char *in, char out[GK_TRACKING_CODE_LEN + 1]);
/* Writes CODE (a normalised code) grouped for reading aloud, "ABCDE-FGHJK",
 * into OUT; a shorter string is copied as it is. Returns OUT. */
char *gk_tracking_code_display(const char *code, char out[GK_TRACKING_CODE_LEN + 2]);

/* --- the records ------------------------------------------------------------- */

/* What the applicant asks for and how it arrived. */
struct gk_application {
	int64_t id;
	char tracking_code[GK_TRACKING_CODE_LEN + 1];
	int64_t agency_id;
	char agency_code[40]; /* filled on load */
	char agency_name[160];
	enum gk_channel channel;
	bool registered_post;  /* letters: signed for (挂号信、快递) */
	long submitted;        /* the day handed in or sent; GK_NO_DAY if unknown */
	long signed_for;       /* registered post: the day signed for */
	long confirmed;        /* the day receipt was confirmed with the applicant */
	long received;         /* the day of receipt (for online before registration: tentative) */
	bool received_final;   /* false until receipt is confirmed (online, before register) */
	char receipt_rule[96]; /* the rule that fixed the day of receipt */
	enum gk_applicant_type applicant_type;
	struct gk_applicant applicant; /* loaded only when asked for */
	char description[GK_APP_DESCRIPTION_MAX * 4 + 1];
	char doc_no[256];
	enum gk_delivery delivery;
	char medium[16]; /* the form asked for: "paper", "electronic" or "" */
	enum gk_app_state state;
	int outcome; /* enum gk_outcome, or -1 */
	int64_t handler_id, drafter_id, approver_id;
	char handler_name[128], drafter_name[128], approver_name[128]; /* filled on load */
	char letter[GK_APP_LETTER_MAX * 4 + 1]; /* the reply letter as drafted/sent */
	long replied;               /* the day the reply was delivered, else GK_NO_DAY */
	enum gk_delivery reply_way; /* how it was delivered */
	/* the deadline as last computed (kept for the queues) */
	long due;      /* GK_NO_DAY while paused or awaiting a supplement */
	long base_due; /* without extension or delay */
	enum gk_clock_state clock_state;
	bool provisional;
	bool on_time, after_extension; /* once closed */
	int64_t created_at, updated_at;
};

/* One step on the timeline: who did what, when, and why. */
struct gk_app_event {
	int64_t id;
	int64_t at;      /* unix seconds it was recorded */
	long day;        /* the day it happened (may be earlier than at) */
	char action[32]; /* an action code, or "create" */
	int64_t user_id; /* 0 for the applicant (online form, API) */
	char user_name[128];
	char from[24], to[24]; /* state codes; "" for create's from */
	char note[GK_APP_NOTE_MAX * 4 + 1];
	int clock;                   /* enum gk_clock_kind, or -1 */
	int days;                    /* extension */
	long until;                  /* supplement limit, fee notice receipt, delay end */
	enum gk_consult_party party; /* consultation */
	int outcome;                 /* the outcome this step recorded, or -1 */
};

#define GK_FEE_STATUS_LIST(X)                  \
	X(GK_FEE_OPEN, "open", "待缴费")       \
	X(GK_FEE_PAID, "paid", "已缴费")       \
	X(GK_FEE_WAIVED, "waived", "不再收费") \
	X(GK_FEE_LAPSED, "lapsed", "逾期未缴费")
GK_ENUM_DECLARE(gk_fee_status, GK_FEE_STATUS, GK_FEE_STATUS_LIST);

/* A fee notice (收费通知) and what became of it. */
struct gk_app_fee {
	int64_t id;
	enum gk_fee_method method;
	int first, count, pages;
	int64_t amount; /* 分 */
	long notice_day, notice_received, payment_due, settled_day;
	enum gk_fee_status status;
	char explain[512];
};

/* --- a step's inputs --------------------------------------------------------- */

/* The inputs of one workflow step; which are needed depends on the action. */
struct gk_step_input {
	enum gk_app_action action;
	long day;                       /* when it happened; GK_NO_DAY = today */
	const char *note;               /* may be NULL */
	int64_t handler_id;             /* assign */
	int outcome;                    /* draft_reply: enum gk_outcome, else -1 */
	const char *letter;             /* draft_reply: NULL or "" = from the template */
	int days;                       /* extend */
	long until;                     /* request_supplement (limit), delay (end) */
	enum gk_consult_party party;    /* start_consultation */
	struct gk_fee_input fee;        /* send_fee_notice (notice_day is set from day) */
	long notice_received;           /* send_fee_notice; GK_NO_DAY = the notice day */
	enum gk_delivery reply_way;     /* send_reply */
	const struct gk_upload *upload; /* a file kept with this step; NULL = none */
};

/* True if USER may see APP's applicant's personal data: staff of the handling
 * agency itself, or city-wide staff. */
bool gk_application_personal_visible(const struct gk_user *user, const struct gk_application *app);

/* Free text about an application (the reply letter, notes, the request)
 * shown to staff who may not see the applicant: each of A's fields found in
 * TEXT is replaced by its placeholder (〔申请人姓名或名称〕, 〔申请人证件号码〕,
 * 〔申请人电话〕, 〔申请人电子邮箱〕, 〔申请人地址〕), the longest value first,
 * ASCII letters matched in any case. Writes the result into OUT. */
void gk_applicant_redact(const struct gk_applicant *a, const char *text, struct gk_buf *out);
/* The inverse, for a letter drafted from a redacted one: each placeholder
 * becomes A's value (a field A leaves empty keeps its placeholder). */
void gk_applicant_restore(const struct gk_applicant *a, const char *text, struct gk_buf *out);

/* Sets the day fields of APP to GK_NO_DAY and the enums to their first values. */
void gk_application_init(struct gk_application *app);

#endif
