/* Reply deadlines: replays an application's clock events over the working-day
 * calendar and explains each step. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/deadline.h"
#include "lib/date.h"

/* The information-processing fee (国办函〔2020〕109号) exists from this day. */
static const struct gk_date fee_start = {2021, 1, 1};

/* A period excluded from counting: days START..END inclusive; END is
 * GK_NO_DAY while it is still open. */
struct span {
	long start, end;
	const char *why;
};

struct run {
	const struct gk_calendar *cal;
	struct gk_deadline *out;
	struct span spans[GK_DEADLINE_MAX_EVENTS];
	size_t nspans;
};

long gk_rules_2008_start(void)
{
	return gk_date_to_days((struct gk_date){2008, 5, 1});
}

long gk_rules_2019_start(void)
{
	return gk_date_to_days((struct gk_date){2019, 5, 15});
}

enum gk_rules gk_rules_for_receipt(long received)
{
	return received < gk_rules_2019_start() ? GK_RULES_2008 : GK_RULES_2019;
}

int gk_rules_period(enum gk_rules rules)
{
	return rules == GK_RULES_2008 ? 15 : rules == GK_RULES_2019 ? 20 : 0;
}

int gk_rules_max_extension(enum gk_rules rules)
{
	return gk_rules_period(rules);
}

GK_ENUM_DEFINE(gk_consult_party, GK_CONSULT_PARTY_LIST)
GK_ENUM_DEFINE(gk_clock_kind, GK_CLOCK_KIND_LIST)
GK_ENUM_DEFINE(gk_clock_state, GK_CLOCK_STATE_LIST)

/* --- formatting helpers --------------------------------------------------- */

static const char *weekday_zh(long day)
{
	static const char *const names[] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};
	return names[gk_date_weekday(day) - 1];
}

/* "2024-10-08 (周二)" into OUT. */
static const char *fmt_day(long day, char out[32])
{
	char ds[11];
	if (day == GK_NO_DAY) {
		snprintf(out, 32, "(none)");
		return out;
	}
	snprintf(out, 32, "%s (%s)", gk_date_format(gk_date_from_days(day), ds), weekday_zh(day));
	return out;
}

static void say(struct run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void say(struct run *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	gk_buf_vprintf(&r->out->explain, fmt, ap);
	va_end(ap);
	gk_buf_putc(&r->out->explain, '\n');
}

static void warn(struct run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void warn(struct run *r, const char *fmt, ...)
{
	r->out->warnings++;
	gk_buf_puts(&r->out->explain, "警告 warning: ");
	va_list ap;
	va_start(ap, fmt);
	gk_buf_vprintf(&r->out->explain, fmt, ap);
	va_end(ap);
	gk_buf_putc(&r->out->explain, '\n');
}

/* --- counting ------------------------------------------------------------- */

/* The excluded span containing DAY, or NULL. */
static const struct span *span_at(const struct run *r, long day)
{
	for (size_t i = 0; i < r->nspans; i++)
		if (day >= r->spans[i].start &&
		    (r->spans[i].end == GK_NO_DAY || day <= r->spans[i].end))
			return &r->spans[i];
	return NULL;
}

/* Counts working days after START that are not excluded, up to LIMIT, and
 * returns the day the count reaches N; else GK_NO_DAY with the count in
 * *USED and *BLOCKED set if an open span stopped the walk. */
static long walk(struct run *r, long start, int n, long limit, int *used, bool *blocked)
{
	long last = gk_date_to_days((struct gk_date){GK_CALENDAR_MAX_YEAR, 12, 31});
	if (limit == GK_NO_DAY || limit > last)
		limit = last;
	int count = 0;
	*blocked = false;
	for (long d = start + 1; d <= limit; d++) {
		const struct span *s = span_at(r, d);
		if (s) {
			if (s->end == GK_NO_DAY) {
				*blocked = true;
				break;
			}
			continue;
		}
		if (!gk_calendar_day_settled(r->cal, d))
			r->out->provisional = true;
		if (gk_calendar_is_workday(r->cal, d) && ++count == n) {
			*used = count;
			return d;
		}
	}
	*used = count;
	return GK_NO_DAY;
}

/* The deadline as the events so far make it: GK_NO_DAY while it cannot be
 * known (paused, or awaiting a supplement). */
static long due_now(struct run *r, bool awaiting_supplement, long delayed_until)
{
	if (awaiting_supplement)
		return GK_NO_DAY;
	int used;
	bool blocked;
	struct gk_deadline *o = r->out;
	long due = walk(r, o->start, o->period + o->extension, GK_NO_DAY, &used, &blocked);
	if (due != GK_NO_DAY && delayed_until != GK_NO_DAY && delayed_until > due)
		due = delayed_until;
	return due;
}

static void open_span(struct run *r, long day, const char *why)
{
	r->spans[r->nspans++] = (struct span){day, GK_NO_DAY, why};
}

static void close_span(struct run *r, const char *why, long day)
{
	for (size_t i = r->nspans; i-- > 0;)
		if (r->spans[i].end == GK_NO_DAY && r->spans[i].why == why) {
			r->spans[i].end = day;
			return;
		}
}

/* Lists the holidays and make-up days in (FROM, TO], grouped in runs. */
static void explain_calendar(struct run *r, long from, long to)
{
	long d = from + 1;
	while (d <= to) {
		char name[128];
		enum gk_day_kind kind = gk_calendar_day_kind(r->cal, d, name, sizeof name);
		if (kind == GK_DAY_NORMAL) {
			d++;
			continue;
		}
		long end = d;
		for (;;) {
			char next_name[128];
			if (end + 1 > to ||
			    gk_calendar_day_kind(r->cal, end + 1, next_name, sizeof next_name) !=
				    kind ||
			    strcmp(next_name, name) != 0)
				break;
			end++;
		}
		char a[32], b[32];
		if (end == d)
			say(r, "  %s %s %s", fmt_day(d, a), name,
			    kind == GK_DAY_OFF ? "放假 day off" : "调休上班 make-up working day");
		else
			say(r, "  %s – %s %s %s", fmt_day(d, a), fmt_day(end, b), name,
			    kind == GK_DAY_OFF ? "放假 days off" : "调休上班 make-up working days");
		d = end + 1;
	}
}

/* Names the years that made the result provisional. */
static void explain_provisional(struct run *r, long from, long to)
{
	int from_year = gk_date_from_days(from).year;
	int to_year = gk_date_from_days(to).year;
	for (int y = from_year; y <= to_year; y++) {
		if (!gk_calendar_year_known(r->cal, y)) {
			say(r,
			    "暂定 provisional: no holiday data for %d; its days are counted by "
			    "weekends "
			    "alone until the State Council notice is loaded",
			    y);
			continue;
		}
		long window = gk_date_to_days((struct gk_date){y, 12, GK_CALENDAR_DECEMBER_WINDOW});
		if (!gk_calendar_year_known(r->cal, y + 1) && to >= window && from < window + 7)
			say(r,
			    "暂定 provisional: the notice for %d is not loaded yet and may move "
			    "days "
			    "at the end of December %d",
			    y + 1, y);
	}
}

/* --- the replay ------------------------------------------------------------ */

void gk_deadline_init(struct gk_deadline *dl)
{
	memset(dl, 0, sizeof *dl);
	gk_buf_init(&dl->explain, 64 << 10);
}

void gk_deadline_release(struct gk_deadline *dl)
{
	if (dl)
		gk_buf_release(&dl->explain);
}

static int event_cmp(const void *a, const void *b)
{
	const struct gk_clock_event *const *x = a, *const *y = b;
	if ((*x)->day != (*y)->day)
		return (*x)->day < (*y)->day ? -1 : 1;
	return *x < *y ? -1 : *x > *y; /* same day: keep the caller's order */
}

static const char *const WHY_CONSULT = "征求意见 consultation";
static const char *const WHY_FEE = "收费通知至缴费 fee notice to payment";

enum gk_err gk_deadline_compute(const struct gk_calendar *cal, const struct gk_deadline_input *in,
				struct gk_deadline *out, struct gk_error *err)
{
	gk_buf_reset(&out->explain);
	struct gk_buf keep = out->explain;
	memset(out, 0, sizeof *out);
	out->explain = keep;

	struct run *r = calloc(1, sizeof *r);
	const struct gk_clock_event **ev = NULL;
	enum gk_err rc = GK_OK;
	char a[32], b[32], c[32];
	if (!r)
		return gk_fail(err, GK_ENOMEM, "out of memory computing a deadline");
	r->cal = cal;
	r->out = out;

	long first = gk_date_to_days((struct gk_date){GK_CALENDAR_MIN_YEAR, 1, 1});
	long last = gk_date_to_days((struct gk_date){GK_CALENDAR_MAX_YEAR - 1, 12, 31});
	if (in->received == GK_NO_DAY || in->received < first || in->received > last) {
		rc = gk_fail(err, GK_EINVAL, "received: day of receipt is missing or out of range");
		goto done;
	}
	if (in->n_events > GK_DEADLINE_MAX_EVENTS || (in->n_events && !in->events)) {
		rc = gk_fail(err, GK_EINVAL, "events: more than %d clock events",
			     GK_DEADLINE_MAX_EVENTS);
		goto done;
	}
	out->rules = in->rules;
	if (out->rules == GK_RULES_AUTO) {
		if (in->received < gk_rules_2008_start()) {
			rc = gk_fail(
				err, GK_EINVAL,
				"received: %s is before 2008-05-01, when the Regulation took effect",
				gk_date_format(gk_date_from_days(in->received), a));
			goto done;
		}
		out->rules = gk_rules_for_receipt(in->received);
	} else if (out->rules != GK_RULES_2008 && out->rules != GK_RULES_2019) {
		rc = gk_fail(err, GK_EINVAL, "rules: must be 2008 or 2019");
		goto done;
	}
	out->period = gk_rules_period(out->rules);
	out->max_extension = gk_rules_max_extension(out->rules);
	out->received = out->start = in->received;
	out->base_due = out->due = out->payment_due = out->closed = GK_NO_DAY;
	out->supplement_by = GK_NO_DAY;
	bool is2019 = out->rules == GK_RULES_2019;

	if (is2019)
		say(r,
		    "规则 rules: 《政府信息公开条例》(2019年修订) 第三十三条: reply within %d "
		    "working days "
		    "of receipt; extension at most %d%s",
		    out->period, out->max_extension,
		    in->rules == GK_RULES_AUTO ? " (received on or after 2019-05-15)"
					       : " (as requested)");
	else
		say(r,
		    "规则 rules: 《政府信息公开条例》(2008) 第二十四条: reply within %d working "
		    "days "
		    "of receipt; extension at most %d%s",
		    out->period, out->max_extension,
		    in->rules == GK_RULES_AUTO ? " (received before 2019-05-15)"
					       : " (as requested)");
	say(r, "收到申请 received: %s; the day of receipt is not counted",
	    fmt_day(in->received, a));
	if (is2019) {
		bool prov;
		out->supplement_by = gk_calendar_add_workdays(cal, in->received, 7, &prov);
		say(r, "补正期限 a 补正 request must be sent by %s (7 working days, 第三十条)",
		    fmt_day(out->supplement_by, a));
	}

	/* Replay the events in day order; same-day events keep the given order. */
	ev = calloc(in->n_events ? in->n_events : 1, sizeof *ev);
	if (!ev) {
		rc = gk_fail(err, GK_ENOMEM, "out of memory computing a deadline");
		goto done;
	}
	for (size_t i = 0; i < in->n_events; i++)
		ev[i] = &in->events[i];
	qsort(ev, in->n_events, sizeof *ev, event_cmp);

	bool supplement_asked = false, awaiting = false, fee_open = false;
	bool supplement_ignored = false;
	int consults = 0;         /* open consultations */
	int consults_counted = 0; /* open ones that do not stop the clock */
	long consult_from = GK_NO_DAY;
	long delayed_until = GK_NO_DAY;
	long fee_pause_from = GK_NO_DAY;
	bool fee_paused = false;
	bool payment_prov = false;

	for (size_t i = 0; i < in->n_events; i++) {
		const struct gk_clock_event *e = ev[i];
		const char *label = gk_clock_kind_label(e->kind);
		size_t idx = (size_t)(e - in->events) + 1;
		if (e->day == GK_NO_DAY || e->day < in->received || e->day > last) {
			rc = gk_fail(err, GK_EINVAL,
				     "events: event %zu (%s) is dated before receipt "
				     "or out of range",
				     idx, label);
			goto done;
		}
		if (out->closed != GK_NO_DAY) {
			rc = gk_fail(err, GK_EINVAL,
				     "events: event %zu (%s) comes after the "
				     "application was closed",
				     idx, label);
			goto done;
		}
		long due = due_now(r, awaiting, delayed_until);
		bool expired = due != GK_NO_DAY && e->day > due;
		fmt_day(e->day, a);

		switch (e->kind) {
		case GK_CLOCK_SUPPLEMENT_REQUESTED:
			if (supplement_asked) {
				warn(r,
				     "%s: a second 补正 request; the applicant is told once, "
				     "covering "
				     "everything (一次性告知), so it does not stop the clock",
				     a);
				break;
			}
			supplement_asked = true;
			if (is2019 && e->day > out->supplement_by) {
				supplement_ignored = true;
				warn(r,
				     "%s: 补正 requested after %s, the 7th working day after "
				     "receipt; "
				     "the period is not restarted",
				     a, fmt_day(out->supplement_by, b));
				break;
			}
			awaiting = true;
			if (e->until != GK_NO_DAY)
				say(r,
				    "%s 补正通知 supplement requested, to be supplied by %s; the "
				    "period "
				    "restarts when the supplement is received",
				    a, fmt_day(e->until, b));
			else
				say(r,
				    "%s 补正通知 supplement requested; the period restarts when "
				    "the "
				    "supplement is received",
				    a);
			break;
		case GK_CLOCK_SUPPLEMENTED:
			if (!supplement_asked) {
				rc = gk_fail(err, GK_EINVAL,
					     "events: event %zu (%s) has no 补正 request "
					     "before it",
					     idx, label);
				goto done;
			}
			if (!awaiting) {
				if (supplement_ignored)
					say(r,
					    "%s 收到补正 supplement received; no restart (the "
					    "request was "
					    "late)",
					    a);
				else
					say(r,
					    "%s 收到补正 a further supplement received; no restart",
					    a);
				break;
			}
			awaiting = false;
			/* Pauses that ended before the new start no longer matter; an
			 * open one still stops the new count. */
			out->start = e->day;
			say(r,
			    "%s 收到补正 supplement received: the period of %d working days counts "
			    "again from the next working day (%s)",
			    a, out->period,
			    is2019 ? "第三十条: 答复期限自收到补正的申请之日起计算"
				   : "2008: by practice, the supplemented application is the one "
				     "received");
			break;
		case GK_CLOCK_CONSULT_START: {
			bool excluded = is2019 || e->party == GK_CONSULT_THIRD_PARTY;
			const char *whom = e->party == GK_CONSULT_AGENCY ? "其他机关 another agency"
									 : "第三方 a third party";
			if (!excluded) {
				consults_counted++;
				say(r,
				    "%s 征求意见 consulting %s: the 2008 Regulation excludes only "
				    "third-party consultation, so this time counts",
				    a, whom);
				break;
			}
			if (expired) {
				consults_counted++;
				warn(r,
				     "%s: consultation of %s started after the deadline %s; its "
				     "time "
				     "is not excluded",
				     a, whom, fmt_day(due, b));
				break;
			}
			if (consults++ == 0) {
				consult_from = e->day;
				open_span(r, e->day, WHY_CONSULT);
				say(r,
				    "%s 征求意见 consulting %s: the clock stops from this day "
				    "until the "
				    "consultation ends (%s)",
				    a, whom, is2019 ? "第三十三条第三款" : "2008 第二十四条");
			} else {
				say(r,
				    "%s 征求意见 also consulting %s (the clock is already stopped)",
				    a, whom);
			}
			break;
		}
		case GK_CLOCK_CONSULT_END:
			if (consults == 0 && consults_counted == 0) {
				rc = gk_fail(err, GK_EINVAL,
					     "events: event %zu (%s) has no open "
					     "consultation",
					     idx, label);
				goto done;
			}
			if (consults == 0) {
				consults_counted--;
				say(r, "%s 征求意见结束 consultation ended (its time was counted)",
				    a);
				break;
			}
			if (--consults > 0) {
				say(r, "%s 征求意见结束 one consultation ended; %d still open", a,
				    consults);
				break;
			}
			close_span(r, WHY_CONSULT, e->day);
			say(r,
			    "%s 征求意见结束 consultation ended: %s – %s not counted; the clock "
			    "resumes "
			    "the next day",
			    a, fmt_day(consult_from, b), fmt_day(e->day, c));
			if (is2019) {
				int wd = gk_calendar_workdays_between(cal, consult_from, e->day,
								      NULL);
				if (wd > 15)
					say(r,
					    "注意 note: the consultation took %d working days; the "
					    "consulted "
					    "party has 15 working days from receiving the letter "
					    "(第三十二条、"
					    "第三十四条) — check the recorded end",
					    wd);
			}
			break;
		case GK_CLOCK_FEE_NOTICE: {
			if (e->day < gk_date_to_days(fee_start)) {
				rc = gk_fail(err, GK_EINVAL,
					     "events: event %zu (%s) is before 2021-01-01, "
					     "when the information-processing fee began",
					     idx, label);
				goto done;
			}
			if (fee_open) {
				rc = gk_fail(err, GK_EINVAL,
					     "events: event %zu (%s) while an earlier fee "
					     "notice is unpaid",
					     idx, label);
				goto done;
			}
			fee_open = true;
			long base = e->until != GK_NO_DAY && e->until > e->day ? e->until : e->day;
			out->payment_due = gk_calendar_add_workdays(cal, base, 20, &payment_prov);
			if (expired) {
				warn(r,
				     "%s: fee notice issued after the deadline %s (it must be sent "
				     "within "
				     "the handling period); the clock does not stop",
				     a, fmt_day(due, b));
				break;
			}
			fee_paused = true;
			fee_pause_from = e->day;
			open_span(r, e->day, WHY_FEE);
			say(r,
			    "%s 收费通知 fee notice: the clock stops from this day until payment; "
			    "the applicant must pay by %s (20 working days from the day after "
			    "receiving the notice%s, 国办函〔2020〕109号)",
			    a, fmt_day(out->payment_due, b),
			    base != e->day ? ", received then" : "");
			break;
		}
		case GK_CLOCK_FEE_PAID:
		case GK_CLOCK_FEE_WAIVED: {
			if (!fee_open) {
				rc = gk_fail(err, GK_EINVAL,
					     "events: event %zu (%s) has no fee notice "
					     "before it",
					     idx, label);
				goto done;
			}
			fee_open = false;
			long pay_by = out->payment_due;
			out->payment_due = GK_NO_DAY;
			if (!fee_paused) {
				say(r, "%s %s", a, label);
				break;
			}
			fee_paused = false;
			long end = e->day;
			if (e->kind == GK_CLOCK_FEE_PAID && pay_by != GK_NO_DAY &&
			    e->day > pay_by) {
				end = pay_by;
				warn(r,
				     "%s: paid after the limit %s; the application should have "
				     "been closed "
				     "as 逾期未缴费, and only the time up to the limit is excluded",
				     a, fmt_day(pay_by, b));
			}
			close_span(r, WHY_FEE, end);
			say(r, "%s %s: %s – %s not counted; the clock resumes the next day", a,
			    label, fmt_day(fee_pause_from, b), fmt_day(end, c));
			break;
		}
		case GK_CLOCK_EXTENDED: {
			if (e->days <= 0) {
				rc = gk_fail(err, GK_EINVAL,
					     "events: event %zu (%s) must grant at least one "
					     "working day",
					     idx, label);
				goto done;
			}
			if (expired) {
				warn(r, "%s: extension approved after the deadline %s; not applied",
				     a, fmt_day(due, b));
				break;
			}
			int room = out->max_extension - out->extension;
			int grant = e->days < room ? e->days : room;
			if (grant < e->days)
				warn(r,
				     "%s: extension of %d working days exceeds the %d allowed in "
				     "all; "
				     "%d applied",
				     a, e->days, out->max_extension, grant);
			out->extension += grant;
			if (grant > 0)
				say(r,
				    "%s 延长答复期限 extension of %d working days approved by the "
				    "head of "
				    "the disclosure office (%s)",
				    a, grant, is2019 ? "第三十三条第二款" : "2008 第二十四条");
			break;
		}
		case GK_CLOCK_DELAYED:
			if (!is2019) {
				rc = gk_fail(err, GK_EINVAL,
					     "events: event %zu (%s) exists only under the "
					     "2019 Regulation",
					     idx, label);
				goto done;
			}
			if (e->until == GK_NO_DAY || e->until <= e->day) {
				rc = gk_fail(err, GK_EINVAL,
					     "events: event %zu (%s) needs a later end day", idx,
					     label);
				goto done;
			}
			if (expired) {
				warn(r,
				     "%s: delayed reply decided after the deadline %s; not applied",
				     a, fmt_day(due, b));
				break;
			}
			if (delayed_until == GK_NO_DAY || e->until > delayed_until)
				delayed_until = e->until;
			say(r,
			    "%s 延迟答复 a reasonable delayed reply period ending %s was set and "
			    "the "
			    "applicant told (第三十五条)",
			    a, fmt_day(e->until, b));
			break;
		case GK_CLOCK_CLOSED:
			out->closed = e->day;
			for (size_t s = 0; s < r->nspans; s++)
				if (r->spans[s].end == GK_NO_DAY)
					r->spans[s].end = e->day;
			break;
		default:
			rc = gk_fail(err, GK_EINVAL, "events: event %zu has an unknown kind", idx);
			goto done;
		}
	}

	/* The result: only the final walks decide whether it is provisional. */
	out->provisional = out->payment_due != GK_NO_DAY && payment_prov;
	int used = 0;
	bool blocked = false;
	out->due = GK_NO_DAY;
	if (!awaiting) {
		out->base_due = walk(r, out->start, out->period, GK_NO_DAY, &used, &blocked);
		out->due = walk(r, out->start, out->period + out->extension, GK_NO_DAY, &used,
				&blocked);
		if (out->due != GK_NO_DAY && delayed_until != GK_NO_DAY && delayed_until > out->due)
			out->due = delayed_until;
	}
	if (out->closed != GK_NO_DAY) {
		out->state = GK_CLOCK_STOPPED;
		if (!awaiting)
			walk(r, out->start, 1 << 30, out->closed, &out->used, &blocked);
		out->on_time = out->due == GK_NO_DAY || out->closed <= out->due;
		out->after_extension =
			out->on_time && out->base_due != GK_NO_DAY && out->closed > out->base_due;
	} else if (awaiting) {
		out->state = GK_CLOCK_AWAITING_SUPPLEMENT;
	} else if (out->due == GK_NO_DAY) {
		out->state = GK_CLOCK_PAUSED;
		out->used = used;
	} else {
		out->state = GK_CLOCK_RUNNING;
	}

	if (out->due != GK_NO_DAY) {
		say(r, "计算 counting from %s: holidays and make-up days on the way:",
		    fmt_day(out->start, a));
		size_t before = out->explain.len;
		explain_calendar(r, out->start, out->due);
		if (out->explain.len == before)
			say(r, "  (none)");
		for (size_t s = 0; s < r->nspans; s++)
			if (r->spans[s].start <= out->due &&
			    (r->spans[s].end == GK_NO_DAY || r->spans[s].end > out->start))
				say(r, "  %s – %s %s: not counted", fmt_day(r->spans[s].start, a),
				    fmt_day(r->spans[s].end, b), r->spans[s].why);
		if (out->extension > 0 || delayed_until != GK_NO_DAY)
			say(r, "原期限 the period without extension or delay ends %s",
			    fmt_day(out->base_due, a));
		if (delayed_until != GK_NO_DAY && out->due == delayed_until)
			say(r, "答复期限 due: %s (the delayed reply period, 第三十五条)",
			    fmt_day(out->due, a));
		else
			say(r, "答复期限 due: %s — 第%d个工作日 (working day %d) after %s%s",
			    fmt_day(out->due, a), out->period + out->extension,
			    out->period + out->extension, fmt_day(out->start, b),
			    r->nspans ? ", not counting the periods above" : "");
	}
	switch (out->state) {
	case GK_CLOCK_AWAITING_SUPPLEMENT:
		say(r, "状态 awaiting the supplement: no deadline until it is received");
		break;
	case GK_CLOCK_PAUSED:
		say(r,
		    "状态 paused: %d of %d working days used; the deadline is fixed when the "
		    "clock resumes",
		    out->used, out->period + out->extension);
		if (out->payment_due != GK_NO_DAY)
			say(r,
			    "缴费期限 payment due by %s; unpaid by then, the application is closed "
			    "as "
			    "逾期未缴费",
			    fmt_day(out->payment_due, a));
		break;
	case GK_CLOCK_STOPPED:
		if (out->due == GK_NO_DAY)
			say(r, "办结 closed %s while the clock stood still",
			    fmt_day(out->closed, a));
		else if (!out->on_time)
			say(r, "办结 closed %s: LATE, %d working days after the deadline",
			    fmt_day(out->closed, a),
			    gk_calendar_workdays_between(cal, out->due, out->closed, NULL));
		else
			say(r, "办结 closed %s: on time%s", fmt_day(out->closed, a),
			    out->after_extension ? ", after the extension (延期办结)"
						 : " (按时办结)");
		break;
	case GK_CLOCK_RUNNING:
	case GK_CLOCK_STATE_COUNT:
		break;
	}
	if (out->provisional) {
		long upto = out->due != GK_NO_DAY ? out->due : out->start + 60;
		if (out->payment_due != GK_NO_DAY && out->payment_due > upto)
			upto = out->payment_due;
		explain_provisional(r, out->start, upto);
	}
	if (out->explain.failed)
		rc = gk_fail(err, (enum gk_err)out->explain.failed,
			     "cannot write the deadline "
			     "explanation");
done:
	free(ev);
	free(r);
	return rc;
}

enum gk_err gk_deadline_check_event(const struct gk_calendar *cal,
				    const struct gk_deadline_input *in,
				    const struct gk_clock_event *next, struct gk_error *err)
{
	if (in->n_events >= GK_DEADLINE_MAX_EVENTS)
		return gk_fail(err, GK_EINVAL, "events: more than %d clock events",
			       GK_DEADLINE_MAX_EVENTS);
	struct gk_clock_event *all = calloc(in->n_events + 1, sizeof *all);
	if (!all)
		return gk_fail(err, GK_ENOMEM, "out of memory checking a clock event");
	if (in->n_events)
		memcpy(all, in->events, in->n_events * sizeof *all);
	all[in->n_events] = *next;
	struct gk_deadline_input with = *in;
	with.events = all;
	with.n_events = in->n_events + 1;

	struct gk_deadline before, after;
	gk_deadline_init(&before);
	gk_deadline_init(&after);
	enum gk_err rc = gk_deadline_compute(cal, in, &before, err);
	if (rc == GK_OK)
		rc = gk_deadline_compute(cal, &with, &after, err);
	if (rc == GK_OK && after.warnings > before.warnings) {
		/* The reason is the last warning line of the explanation. */
		const char *w = NULL;
		for (const char *p = after.explain.data; (p = strstr(p, "警告 warning: ")); p++)
			w = p + strlen("警告 warning: ");
		size_t n = w ? strcspn(w, "\n") : 0;
		rc = gk_fail(err, GK_ECONFLICT, "%s: %.*s", gk_clock_kind_label(next->kind), (int)n,
			     w ? w : "");
	}
	gk_deadline_release(&before);
	gk_deadline_release(&after);
	free(all);
	return rc;
}

/* --- days left ------------------------------------------------------------------ */

struct gk_days_left gk_deadline_days_left(const struct gk_calendar *cal, long today, long due)
{
	struct gk_days_left d = {0, false, false};
	if (due < today) {
		d.overdue = true;
		d.days = gk_calendar_workdays_between(cal, due, today, NULL);
	} else {
		d.days = gk_calendar_workdays_between(cal, today, due, NULL);
		d.soon = d.days <= GK_DEADLINE_SOON_DAYS;
	}
	return d;
}

const char *gk_deadline_days_text(struct gk_days_left d, char *out, size_t cap)
{
	if (d.overdue && d.days > 0)
		snprintf(out, cap, "已超期%d个工作日", d.days);
	else if (d.overdue)
		snprintf(out, cap, "已超期");
	else if (d.days == 0)
		snprintf(out, cap, "今日到期");
	else
		snprintf(out, cap, "剩余%d个工作日", d.days);
	return out;
}
