/* Statutory reply deadlines for disclosure on application (依申请公开):
 * the 2008 Regulation (15 + at most 15 working days) or the 2019 one
 * (20 + at most 20), with 补正 restarts, excluded periods (consultation,
 * fee notice to payment), extensions and Art. 35 delays.
 *
 * The computation is a pure function of the receipt day and the list of
 * dated clock events recorded so far, so the workflow simply recomputes it
 * after every change. Decisions where the rules are silent are explained in
 * docs/deadlines.md. */
#ifndef GK_CORE_DEADLINE_H
#define GK_CORE_DEADLINE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/calendar.h"
#include "lib/buf.h"
#include "lib/enumtab.h"
#include "lib/error.h"

enum gk_rules {
	GK_RULES_AUTO, /* by the day of receipt: 2008 before 2019-05-15, else 2019 */
	GK_RULES_2008, /* 国务院令第492号, Art. 24 */
	GK_RULES_2019, /* 国务院令第711号, Art. 33 */
};

/* Days the two Regulations took effect (as day numbers, see lib/date.h). */
long gk_rules_2008_start(void); /* 2008-05-01 */
long gk_rules_2019_start(void); /* 2019-05-15 */
/* The rules that govern an application received on RECEIVED. */
enum gk_rules gk_rules_for_receipt(long received);
/* Reply period and largest extension in working days (15/15 or 20/20).
 * GK_RULES_AUTO is not accepted (returns 0). */
int gk_rules_period(enum gk_rules rules);
int gk_rules_max_extension(enum gk_rules rules);

/* Whom a consultation asks: only third-party consultation is excluded from
 * the period under the 2008 rules; both are under 2019 (Art. 33(3)). */
#define GK_CONSULT_PARTY_LIST(X)                                         \
	X(GK_CONSULT_THIRD_PARTY, "third_party", "第三方") /* Art. 32 */ \
	X(GK_CONSULT_AGENCY, "agency", "其他机关")         /* Art. 34 */
GK_ENUM_DECLARE(gk_consult_party, GK_CONSULT_PARTY, GK_CONSULT_PARTY_LIST);

/* What happened to the clock. SUPPLEMENT_REQUESTED: 补正 notice sent,
 * UNTIL = the limit given to the applicant (optional); SUPPLEMENTED: the
 * period restarts; CONSULT_START: 征求意见书 sent (PARTY), the clock stops
 * that day; CONSULT_END: opinion received or its limit passed, resumes the
 * next day; FEE_NOTICE: 收费通知 issued, UNTIL = the day the applicant
 * received it (optional); FEE_PAID, FEE_WAIVED: resumes the next day;
 * EXTENDED: approved by the office head, DAYS working days; DELAYED: Art. 35
 * (2019), the reasonable delayed reply period ends on UNTIL; CLOSED: replied,
 * withdrawn or closed, the clock stops for good. The labels appear in
 * messages about events. */
#define GK_CLOCK_KIND_LIST(X)                                                \
	X(GK_CLOCK_SUPPLEMENT_REQUESTED, "supplement_requested", "告知补正") \
	X(GK_CLOCK_SUPPLEMENTED, "supplemented", "收到补正")                 \
	X(GK_CLOCK_CONSULT_START, "consult_start", "征求意见")               \
	X(GK_CLOCK_CONSULT_END, "consult_end", "征求意见结束")               \
	X(GK_CLOCK_FEE_NOTICE, "fee_notice", "收费通知")                     \
	X(GK_CLOCK_FEE_PAID, "fee_paid", "缴费")                             \
	X(GK_CLOCK_FEE_WAIVED, "fee_waived", "不再收费")                     \
	X(GK_CLOCK_EXTENDED, "extended", "延长答复期限")                     \
	X(GK_CLOCK_DELAYED, "delayed", "延迟答复")                           \
	X(GK_CLOCK_CLOSED, "closed", "办结")
GK_ENUM_DECLARE(gk_clock_kind, GK_CLOCK_KIND, GK_CLOCK_KIND_LIST);

struct gk_clock_event {
	enum gk_clock_kind kind;
	long day;                    /* when it happened */
	int days;                    /* GK_CLOCK_EXTENDED only */
	long until;                  /* see the kind; GK_NO_DAY when not given */
	enum gk_consult_party party; /* GK_CLOCK_CONSULT_START only */
};

struct gk_deadline_input {
	long received;                       /* 收到申请之日, fixed by the channel rule */
	enum gk_rules rules;                 /* usually GK_RULES_AUTO */
	const struct gk_clock_event *events; /* in any order; same-day events keep their order */
	size_t n_events;
};

/* Where the clock stands. RUNNING: due is set; PAUSED: consultation or fee
 * payment open, due unknown (see used); AWAITING_SUPPLEMENT: 补正 requested,
 * the period restarts when it arrives; STOPPED: closed (see closed and
 * on_time). */
#define GK_CLOCK_STATE_LIST(X)                                           \
	X(GK_CLOCK_RUNNING, "running", "计时中")                         \
	X(GK_CLOCK_PAUSED, "paused", "暂停计时")                         \
	X(GK_CLOCK_AWAITING_SUPPLEMENT, "awaiting_supplement", "待补正") \
	X(GK_CLOCK_STOPPED, "stopped", "已停止")
GK_ENUM_DECLARE(gk_clock_state, GK_CLOCK_STATE, GK_CLOCK_STATE_LIST);

/* Largest number of events accepted. */
#define GK_DEADLINE_MAX_EVENTS 256

struct gk_deadline {
	enum gk_rules rules; /* resolved: 2008 or 2019 */
	int period;          /* 15 or 20 */
	int max_extension;   /* 15 or 20 */
	int extension;       /* working days of extension granted and honoured */
	long received;       /* the day of receipt */
	long start;          /* the period counts from the day after this (receipt or supplement) */
	long supplement_by;  /* last day to request 补正 (2019: 7 working days), else GK_NO_DAY */
	long base_due; /* end of the period without extension or delay, GK_NO_DAY if unknown */
	long due; /* the reply deadline; GK_NO_DAY unless RUNNING or STOPPED after it was known */
	long payment_due; /* an open fee notice's last day to pay, else GK_NO_DAY */
	long closed;      /* the closing day, else GK_NO_DAY */
	int used;         /* working days of the period used (to the open pause, or to closing) */
	enum gk_clock_state state;
	bool on_time; /* STOPPED and not after due (true if closed while the clock stood still) */
	bool after_extension; /* STOPPED after base_due but on time: 延期办结 */
	bool provisional;     /* some day counted through lacks settled holiday data */
	int warnings; /* recorded events that the rules do not allow, ignored for the clock */
	struct gk_buf explain; /* the steps, one per line (UTF-8); owned, see gk_deadline_release */
};

/* Prepares DL for gk_deadline_compute. */
void gk_deadline_init(struct gk_deadline *dl);
/* Frees DL's explanation. DL may be computed again after gk_deadline_init. */
void gk_deadline_release(struct gk_deadline *dl);

/* Computes IN's deadline into OUT (initialised with gk_deadline_init; its
 * previous contents are replaced). Events that break the rules but can have
 * happened (a late or second 补正, an extension after the deadline or beyond
 * the maximum, a fee notice after the deadline, a payment after its limit)
 * are honoured only as far as the rules allow: they count in OUT->warnings
 * and are explained, so the result is the earliest deadline the agency can
 * be held to. The workflow can refuse an action whose event would add a
 * warning. Returns GK_EINVAL naming the event for input that cannot describe
 * a real history (an event before receipt or after closing, a payment
 * without a notice, an end without a start, a fee before 2021, an Art. 35
 * delay under the 2008 rules, a receipt day outside the supported years);
 * OUT is then unspecified but still safe to release. GK_ENOMEM/GK_ETOOBIG
 * if the explanation cannot be written. */
enum gk_err gk_deadline_compute(const struct gk_calendar *cal, const struct gk_deadline_input *in,
				struct gk_deadline *out, struct gk_error *err);

/* Whether recording NEXT after IN's events would be honoured by the rules:
 * GK_OK if so; GK_ECONFLICT with the reason (the new warning) if it would
 * not be (a late 补正, an extension past the deadline or the maximum, …);
 * or the GK_EINVAL of gk_deadline_compute if it cannot be recorded at all.
 * For the workflow, to refuse an action before it is stored. */
enum gk_err gk_deadline_check_event(const struct gk_calendar *cal,
				    const struct gk_deadline_input *in,
				    const struct gk_clock_event *next, struct gk_error *err);

/* Where a running deadline DUE stands on TODAY, in working days on the
 * calendar: DAYS left (working days after TODAY through DUE; 0 = due
 * today), or, when OVERDUE, working days past DUE through TODAY (0 on a
 * day off right after it). SOON: not overdue and at most
 * GK_DEADLINE_SOON_DAYS left (the "due soon" queue). */
#define GK_DEADLINE_SOON_DAYS 3
struct gk_days_left {
	int days;
	bool overdue;
	bool soon;
};
struct gk_days_left gk_deadline_days_left(const struct gk_calendar *cal, long today, long due);
/* "剩余3个工作日", "今日到期", "已超期2个工作日" (or "已超期") into OUT. */
const char *gk_deadline_days_text(struct gk_days_left d, char *out, size_t cap);

#endif
