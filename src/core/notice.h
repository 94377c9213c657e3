/* Notices (issue 15): what gongkai tells applicants and staff — the kinds,
 * the channels, the delivery states, a Chinese template per kind with
 * {placeholders}, and the retry schedule of the sender. Pure: the outbox
 * is the store's (notices), the use cases are service/notices.h. See
 * docs/notices.md. */
#ifndef GK_CORE_NOTICE_H
#define GK_CORE_NOTICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/backoff.h"
#include "lib/buf.h"
#include "lib/enumtab.h"
#include "lib/error.h"

/* The kinds: five to applicants (legal acts among them), five to staff. */
#define GK_NOTICE_KIND_LIST(X)                                            \
	X(GK_NOTICE_RECEIPT, "receipt", "收到申请")                       \
	X(GK_NOTICE_SUPPLEMENT_REQUEST, "supplement_request", "补正告知") \
	X(GK_NOTICE_EXTENSION, "extension", "延期告知")                   \
	X(GK_NOTICE_FEE, "fee_notice", "收费通知")                        \
	X(GK_NOTICE_REPLY_READY, "reply_ready", "答复已作出")             \
	X(GK_NOTICE_ASSIGNED, "assigned", "分办给我的申请")               \
	X(GK_NOTICE_DUE_SOON, "due_soon", "3个工作日内到期")              \
	X(GK_NOTICE_OVERDUE, "overdue", "已逾期")                         \
	X(GK_NOTICE_REVIEW_WAITING, "review_waiting", "待我审核的答复")   \
	X(GK_NOTICE_DAILY_DIGEST, "daily_digest", "逾期申请日报（市政务公开办）")
GK_ENUM_DECLARE(gk_notice_kind, GK_NOTICE, GK_NOTICE_KIND_LIST);

/* True for the kinds sent to staff (a person chooses their channel). */
bool gk_notice_kind_staff(enum gk_notice_kind k);

/* How a notice goes out: e-mail, SMS, by post with the letters (kept on the
 * record, not sent by gongkai), or not at all (no contact, or the person
 * chose none: kept on the record). */
#define GK_NOTICE_CHANNEL_LIST(X)                 \
	X(GK_NOTICE_EMAIL, "email", "电子邮件")   \
	X(GK_NOTICE_SMS, "sms", "短信")           \
	X(GK_NOTICE_POST, "post", "邮寄（纸质）") \
	X(GK_NOTICE_NONE, "none", "不发送")
GK_ENUM_DECLARE(gk_notice_channel, GK_NOTICE_CHANNEL, GK_NOTICE_CHANNEL_LIST);

/* True for the channels the sender delivers (e-mail and SMS). */
bool gk_notice_channel_electronic(enum gk_notice_channel c);

/* Where a notice stands. kept: on the record only (post or none). */
#define GK_NOTICE_STATE_LIST(X)                       \
	X(GK_NOTICE_PENDING, "pending", "待发送")     \
	X(GK_NOTICE_SENDING, "sending", "发送中")     \
	X(GK_NOTICE_SENT, "sent", "已发送")           \
	X(GK_NOTICE_DELIVERED, "delivered", "已送达") \
	X(GK_NOTICE_FAILED, "failed", "发送失败")     \
	X(GK_NOTICE_KEPT, "kept", "已留存（不经电子渠道发送）")
GK_ENUM_DECLARE(gk_notice_state, GK_NOTICE_STATE, GK_NOTICE_STATE_LIST);

/* What one call of a sender came to (notice_attempts.outcome). */
#define GK_NOTICE_OUTCOME_LIST(X)                           \
	X(GK_NOTICE_OUT_SENT, "sent", "已发送")             \
	X(GK_NOTICE_OUT_TEMPORARY, "temporary", "暂时失败") \
	X(GK_NOTICE_OUT_PERMANENT, "permanent", "永久失败")
GK_ENUM_DECLARE(gk_notice_outcome, GK_NOTICE_OUT, GK_NOTICE_OUTCOME_LIST);

#define GK_NOTICE_SUBJECT_MAX 256
#define GK_NOTICE_BODY_MAX    8192

/* One notice in the outbox. */
struct gk_notice {
	int64_t id;
	enum gk_notice_kind kind;
	enum gk_notice_channel channel;
	char recipient[256]; /* an e-mail address or a phone number; "" for post and none */
	char subject[GK_NOTICE_SUBJECT_MAX];
	char body[GK_NOTICE_BODY_MAX];
	int64_t application_id; /* 0: none (the daily digest) */
	int64_t user_id;        /* the staff member it is for; 0: the applicant */
	int64_t agency_id;      /* whose records it belongs to (scope) */
	long day;               /* the day of the step that caused it */
	char key[160];          /* idempotency key: one notice per key, ever */
	enum gk_notice_state state;
	int attempts;
	int64_t next_attempt_at, claim_until, created_at, sent_at, delivered_at; /* unix s; 0 */
	char last_error[512];
	char receipt[256]; /* the gateway's message id */
};

/* One call of the sender for a notice. */
struct gk_notice_attempt {
	int64_t id, notice_id, at;
	enum gk_notice_outcome outcome;
	char detail[512];
};

/* One value for a template: {name} becomes value. */
struct gk_notice_param {
	const char *name;
	const char *value;
};

/* The subject and body templates of KIND (static Chinese text). */
const char *gk_notice_subject_template(enum gk_notice_kind kind);
const char *gk_notice_body_template(enum gk_notice_kind kind);

/* Appends TEMPLATE to OUT with each {name} replaced by the value of the
 * parameter of that name among the N in PARAMS. A {name} none of them
 * gives is refused (GK_EINVAL, naming it: 模板中的占位符“{name}”未知); so
 * is a "{" left open. A "{" not followed by a name (a-z, 0-9, _) is kept
 * as it is. OUT is unchanged on failure. */
enum gk_err gk_notice_render(const char *tmpl, const struct gk_notice_param *params, size_t n,
			     struct gk_buf *out, struct gk_error *err);

/* --- templates administrators edit (the defaults above stay in code) --- */

/* One placeholder a kind's templates may use: its name, what it stands for
 * (Chinese, for the edit page) and a value for the preview. */
struct gk_notice_placeholder {
	const char *name, *label, *sample;
};

/* The placeholders the service gives KIND, *N of them (the list every
 * template of KIND is checked against). */
const struct gk_notice_placeholder *gk_notice_placeholders(enum gk_notice_kind kind, size_t *n);

/* Limits of an edited template, in characters. */
#define GK_NOTICE_TEMPLATE_SUBJECT_CHARS 60
#define GK_NOTICE_TEMPLATE_BODY_CHARS    2000
/* Characters of one SMS: a longer text goes as several. */
#define GK_NOTICE_SMS_CHARS 70

/* An administrator's templates for a kind (store: notice_templates). */
struct gk_notice_template {
	enum gk_notice_kind kind;
	char subject[GK_NOTICE_TEMPLATE_SUBJECT_CHARS * 4 + 1];
	char body[GK_NOTICE_TEMPLATE_BODY_CHARS * 4 + 1];
	int64_t updated_by; /* user id; 0: unknown */
	int64_t updated_at; /* unix s */
};

/* Checks SUBJECT and BODY as templates of KIND: both given and within the
 * limits, every {name} among the kind's placeholders, no "{" left open.
 * GK_EINVAL names the kind, the field and the placeholder (“收到申请”通知
 * 模板的“正文”有误：模板中的占位符“{x}”未知…). WARN (may be NULL) gets advice that
 * does not refuse: a body that, with the sample values, is longer than
 * one SMS. */
enum gk_err gk_notice_template_check(enum gk_notice_kind kind, const char *subject,
				     const char *body, struct gk_buf *warn, struct gk_error *err);

/* Renders SUBJECT and BODY with KIND's sample values into the two buffers
 * (the preview of the edit page). */
enum gk_err gk_notice_preview(enum gk_notice_kind kind, const char *subject, const char *body,
			      struct gk_buf *subject_out, struct gk_buf *body_out,
			      struct gk_error *err);

/* A notice failed before it was ever tried: its template did not render,
 * so it has no text to send (it is never sent again). */
bool gk_notice_unrendered(const struct gk_notice *n);

/* Attempts before a notice is failed for good. */
#define GK_NOTICE_MAX_ATTEMPTS 10
/* Seconds a claimed notice may stay "sending" before another pass takes
 * it again (the sender crashed mid-send: at-least-once). */
#define GK_NOTICE_CLAIM_SECONDS 300

/* The retry schedule: 1 min after the first failure, doubling, at most 6 h. */
extern const struct gk_backoff gk_notice_backoff;
/* Seconds to wait after the FAILURES-th failed attempt (FAILURES >= 1). */
int64_t gk_notice_retry_delay(int64_t failures);

#endif
