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
		snprintf(out, 32, "（无）");
		return out;
	}
	snprintf(out, 32, "%s（%s）", gk_date_format(gk_date_from_days(day), ds), weekday_zh(day));
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
	gk_buf_puts(&r->out->explain, "警告：");
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
			    kind == GK_DAY_OFF ? "放假" : "调休上班");
		else
			say(r, "  %s至%s %s %s", fmt_day(d, a), fmt_day(end, b), name,
			    kind == GK_DAY_OFF ? "放假" : "调休上班");
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
			    "暂定：%d年的节假日安排尚未录入，暂只按周末计算，录入国务院办公厅通知后重新计算",
			    y);
			continue;
		}
		long window = gk_date_to_days((struct gk_date){y, 12, GK_CALENDAR_DECEMBER_WINDOW});
		if (!gk_calendar_year_known(r->cal, y + 1) && to >= window && from < window + 7)
			say(r, "暂定：%d年的节假日安排尚未录入，可能调整%d年12月底的工作日", y + 1,
			    y);
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

static const char *const WHY_CONSULT = "征求意见期间";
static const char *const WHY_FEE = "收费通知至缴费期间";

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
		return gk_fail(err, GK_ENOMEM, "内存不足，无法计算答复期限");
	r->cal = cal;
	r->out = out;

	long first = gk_date_to_days((struct gk_date){GK_CALENDAR_MIN_YEAR, 1, 1});
	long last = gk_date_to_days((struct gk_date){GK_CALENDAR_MAX_YEAR - 1, 12, 31});
	if (in->received == GK_NO_DAY || in->received < first || in->received > last) {
		rc = gk_fail(err, GK_EINVAL, "“收到申请之日”缺失或超出支持的年份范围");
		goto done;
	}
	if (in->n_events > GK_DEADLINE_MAX_EVENTS || (in->n_events && !in->events)) {
		rc = gk_fail(err, GK_EINVAL, "办理环节过多：计时事件不能超过%d个",
			     GK_DEADLINE_MAX_EVENTS);
		goto done;
	}
	out->rules = in->rules;
	if (out->rules == GK_RULES_AUTO) {
		if (in->received < gk_rules_2008_start()) {
			rc = gk_fail(err, GK_EINVAL,
				     "“收到申请之日”%s早于条例施行之日（2008年5月1日）",
				     gk_date_format(gk_date_from_days(in->received), a));
			goto done;
		}
		out->rules = gk_rules_for_receipt(in->received);
	} else if (out->rules != GK_RULES_2008 && out->rules != GK_RULES_2019) {
		rc = gk_fail(err, GK_EINVAL, "“适用规则”只能是2008年或2019年的条例");
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
		    "规则：《政府信息公开条例》（2019年修订）第三十三条：自收到申请之日起%d个工作日内答复，最多延长%d个工作日%s",
		    out->period, out->max_extension,
		    in->rules == GK_RULES_AUTO ? "（2019年5月15日及以后收到的申请）"
					       : "（按指定规则）");
	else
		say(r,
		    "规则：《政府信息公开条例》（2008年）第二十四条：自收到申请之日起%d个工作日内答复，最多延长%d个工作日%s",
		    out->period, out->max_extension,
		    in->rules == GK_RULES_AUTO ? "（2019年5月15日前收到的申请）"
					       : "（按指定规则）");
	say(r, "收到申请：%s，当日不计入", fmt_day(in->received, a));
	if (is2019) {
		bool prov;
		out->supplement_by = gk_calendar_add_workdays(cal, in->received, 7, &prov);
		say(r,
		    "补正：如需补正，应于%s前一次性告知申请人（收到申请之日起7个工作日内，第三十条）",
		    fmt_day(out->supplement_by, a));
	}

	/* Replay the events in day order; same-day events keep the given order. */
	ev = calloc(in->n_events ? in->n_events : 1, sizeof *ev);
	if (!ev) {
		rc = gk_fail(err, GK_ENOMEM, "内存不足，无法计算答复期限");
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
				     "第%zu个办理环节（%s）的日期早于收到申请之日或超出范围", idx,
				     label);
			goto done;
		}
		if (out->closed != GK_NO_DAY) {
			rc = gk_fail(err, GK_EINVAL, "第%zu个办理环节（%s）在申请办结之后", idx,
				     label);
			goto done;
		}
		long due = due_now(r, awaiting, delayed_until);
		bool expired = due != GK_NO_DAY && e->day > due;
		fmt_day(e->day, a);

		switch (e->kind) {
		case GK_CLOCK_SUPPLEMENT_REQUESTED:
			if (supplement_asked) {
				warn(r, "%s：再次告知补正；补正应一次性告知，再次告知不中止计时",
				     a);
				break;
			}
			supplement_asked = true;
			if (is2019 && e->day > out->supplement_by) {
				supplement_ignored = true;
				warn(r,
				     "%s：告知补正晚于%s（收到申请后第7个工作日），答复期限不重新计算",
				     a, fmt_day(out->supplement_by, b));
				break;
			}
			awaiting = true;
			if (e->until != GK_NO_DAY)
				say(r, "%s 告知补正，补正期限至%s；收到补正后答复期限重新计算", a,
				    fmt_day(e->until, b));
			else
				say(r, "%s 告知补正；收到补正后答复期限重新计算", a);
			break;
		case GK_CLOCK_SUPPLEMENTED:
			if (!supplement_asked) {
				rc = gk_fail(err, GK_EINVAL,
					     "第%zu个办理环节（%s）之前没有告知补正", idx, label);
				goto done;
			}
			if (!awaiting) {
				if (supplement_ignored)
					say(r, "%s 收到补正；因告知补正逾期，答复期限不重新计算",
					    a);
				else
					say(r, "%s 再次收到补正；答复期限不重新计算", a);
				break;
			}
			awaiting = false;
			/* Pauses that ended before the new start no longer matter; an
			 * open one still stops the new count. */
			out->start = e->day;
			say(r, "%s 收到补正：%d个工作日的答复期限自次日起重新计算（%s）", a,
			    out->period,
			    is2019 ? "第三十条：答复期限自收到补正的申请之日起计算"
				   : "2008年条例：按惯例以收到补正后的申请为准");
			break;
		case GK_CLOCK_CONSULT_START: {
			bool excluded = is2019 || e->party == GK_CONSULT_THIRD_PARTY;
			const char *whom = e->party == GK_CONSULT_AGENCY ? "其他机关" : "第三方";
			if (!excluded) {
				consults_counted++;
				say(r,
				    "%s 征求%s意见：2008年条例只扣除征求第三方意见的时间，此期间计入答复期限",
				    a, whom);
				break;
			}
			if (expired) {
				consults_counted++;
				warn(r, "%s：征求%s意见时已超过答复期限%s，所需时间不予扣除", a,
				     whom, fmt_day(due, b));
				break;
			}
			if (consults++ == 0) {
				consult_from = e->day;
				open_span(r, e->day, WHY_CONSULT);
				say(r, "%s 征求%s意见：自当日起暂停计时，至征求意见结束（%s）", a,
				    whom, is2019 ? "第三十三条第三款" : "2008年条例第二十四条");
			} else {
				say(r, "%s 同时征求%s意见（已暂停计时）", a, whom);
			}
			break;
		}
		case GK_CLOCK_CONSULT_END:
			if (consults == 0 && consults_counted == 0) {
				rc = gk_fail(err, GK_EINVAL,
					     "第%zu个办理环节（%s）之前没有进行中的征求意见", idx,
					     label);
				goto done;
			}
			if (consults == 0) {
				consults_counted--;
				say(r, "%s 征求意见结束（该期间已计入答复期限）", a);
				break;
			}
			if (--consults > 0) {
				say(r, "%s 一项征求意见结束；仍有%d项进行中", a, consults);
				break;
			}
			close_span(r, WHY_CONSULT, e->day);
			say(r, "%s 征求意见结束：%s至%s不计入，次日起恢复计时", a,
			    fmt_day(consult_from, b), fmt_day(e->day, c));
			if (is2019) {
				int wd = gk_calendar_workdays_between(cal, consult_from, e->day,
								      NULL);
				if (wd > 15)
					say(r,
					    "注意：征求意见用时%d个工作日；被征求意见方应自收到征求意见书之日起15个工作日内提出意见（第三十二条、第三十四条），请核对所记录的结束日期",
					    wd);
			}
			break;
		case GK_CLOCK_FEE_NOTICE: {
			if (e->day < gk_date_to_days(fee_start)) {
				rc = gk_fail(
					err, GK_EINVAL,
					"第%zu个办理环节（%s）早于2021年1月1日（自该日起收取信息处理费）",
					idx, label);
				goto done;
			}
			if (fee_open) {
				rc = gk_fail(err, GK_EINVAL,
					     "第%zu个办理环节（%s）：此前的收费通知尚未缴费", idx,
					     label);
				goto done;
			}
			fee_open = true;
			long base = e->until != GK_NO_DAY && e->until > e->day ? e->until : e->day;
			out->payment_due = gk_calendar_add_workdays(cal, base, 20, &payment_prov);
			if (expired) {
				warn(r,
				     "%s：发出收费通知时已超过答复期限%s（应在答复期限内发出），不暂停计时",
				     a, fmt_day(due, b));
				break;
			}
			fee_paused = true;
			fee_pause_from = e->day;
			open_span(r, e->day, WHY_FEE);
			say(r,
			    "%s 发出收费通知：自当日起暂停计时至缴费；申请人应于%s前缴费（自收到通知次日起20个工作日%s，国办函〔2020〕109号）",
			    a, fmt_day(out->payment_due, b),
			    base != e->day ? "，自申请人收到通知之日起算" : "");
			break;
		}
		case GK_CLOCK_FEE_PAID:
		case GK_CLOCK_FEE_WAIVED: {
			if (!fee_open) {
				rc = gk_fail(err, GK_EINVAL,
					     "第%zu个办理环节（%s）之前没有收费通知", idx, label);
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
				     "%s：缴费晚于缴费期限%s；本应按逾期未缴费办结，只扣除至缴费期限的时间",
				     a, fmt_day(pay_by, b));
			}
			close_span(r, WHY_FEE, end);
			say(r, "%s %s：%s至%s不计入，次日起恢复计时", a, label,
			    fmt_day(fee_pause_from, b), fmt_day(end, c));
			break;
		}
		case GK_CLOCK_EXTENDED: {
			if (e->days <= 0) {
				rc = gk_fail(err, GK_EINVAL,
					     "第%zu个办理环节（%s）应至少延长1个工作日", idx,
					     label);
				goto done;
			}
			if (expired) {
				warn(r, "%s：延长答复期限在答复期限%s届满后才批准，不予适用", a,
				     fmt_day(due, b));
				break;
			}
			int room = out->max_extension - out->extension;
			int grant = e->days < room ? e->days : room;
			if (grant < e->days)
				warn(r,
				     "%s：延长%d个工作日超过最多可延长的%d个工作日，按%d个工作日计算",
				     a, e->days, out->max_extension, grant);
			out->extension += grant;
			if (grant > 0)
				say(r,
				    "%s 经政府信息公开工作机构负责人同意，延长答复期限%d个工作日（%s）",
				    a, grant, is2019 ? "第三十三条第二款" : "2008年条例第二十四条");
			break;
		}
		case GK_CLOCK_DELAYED:
			if (!is2019) {
				rc = gk_fail(err, GK_EINVAL,
					     "第%zu个办理环节（%s）仅适用于2019年修订的条例", idx,
					     label);
				goto done;
			}
			if (e->until == GK_NO_DAY || e->until <= e->day) {
				rc = gk_fail(err, GK_EINVAL,
					     "第%zu个办理环节（%s）的截止日期应晚于办理日期", idx,
					     label);
				goto done;
			}
			if (expired) {
				warn(r, "%s：确定延迟答复期限时已超过答复期限%s，不予适用", a,
				     fmt_day(due, b));
				break;
			}
			if (delayed_until == GK_NO_DAY || e->until > delayed_until)
				delayed_until = e->until;
			say(r, "%s 确定合理的延迟答复期限至%s，并告知申请人（第三十五条）", a,
			    fmt_day(e->until, b));
			break;
		case GK_CLOCK_CLOSED:
			out->closed = e->day;
			for (size_t s = 0; s < r->nspans; s++)
				if (r->spans[s].end == GK_NO_DAY)
					r->spans[s].end = e->day;
			break;
		default:
			rc = gk_fail(err, GK_EINVAL, "第%zu个办理环节的类型无法识别", idx);
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
		say(r, "计算：自%s次日起算，期间的节假日和调休上班日：", fmt_day(out->start, a));
		size_t before = out->explain.len;
		explain_calendar(r, out->start, out->due);
		if (out->explain.len == before)
			say(r, "  （无）");
		for (size_t s = 0; s < r->nspans; s++)
			if (r->spans[s].start <= out->due &&
			    (r->spans[s].end == GK_NO_DAY || r->spans[s].end > out->start))
				say(r, "  %s至%s %s：不计入", fmt_day(r->spans[s].start, a),
				    fmt_day(r->spans[s].end, b), r->spans[s].why);
		if (out->extension > 0 || delayed_until != GK_NO_DAY)
			say(r, "原期限：不计延长和延迟，答复期限为%s", fmt_day(out->base_due, a));
		if (delayed_until != GK_NO_DAY && out->due == delayed_until)
			say(r, "答复期限：%s（延迟答复期限，第三十五条）", fmt_day(out->due, a));
		else
			say(r, "答复期限：%s，为第%d个工作日（共%d个工作日，自%s次日起算%s）",
			    fmt_day(out->due, a), out->period + out->extension,
			    out->period + out->extension, fmt_day(out->start, b),
			    r->nspans ? "，不计上述期间" : "");
	}
	switch (out->state) {
	case GK_CLOCK_AWAITING_SUPPLEMENT:
		say(r, "状态：等待申请人补正，收到补正后确定答复期限");
		break;
	case GK_CLOCK_PAUSED:
		say(r, "状态：暂停计时，已用%d个工作日（共%d个）；恢复计时后确定答复期限",
		    out->used, out->period + out->extension);
		if (out->payment_due != GK_NO_DAY)
			say(r, "缴费期限：%s；逾期未缴费的，不再处理该申请",
			    fmt_day(out->payment_due, a));
		break;
	case GK_CLOCK_STOPPED:
		if (out->due == GK_NO_DAY)
			say(r, "办结：%s，办结时处于暂停计时", fmt_day(out->closed, a));
		else if (!out->on_time)
			say(r, "办结：%s，逾期办结，超过答复期限%d个工作日",
			    fmt_day(out->closed, a),
			    gk_calendar_workdays_between(cal, out->due, out->closed, NULL));
		else
			say(r, "办结：%s，%s", fmt_day(out->closed, a),
			    out->after_extension ? "延期办结" : "按时办结");
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
		rc = gk_fail(err, (enum gk_err)out->explain.failed, "无法写出答复期限的计算过程");
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
		return gk_fail(err, GK_EINVAL, "办理环节过多：计时事件不能超过%d个",
			       GK_DEADLINE_MAX_EVENTS);
	struct gk_clock_event *all = calloc(in->n_events + 1, sizeof *all);
	if (!all)
		return gk_fail(err, GK_ENOMEM, "内存不足，无法检查办理环节");
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
		for (const char *p = after.explain.data; (p = strstr(p, "警告：")); p++)
			w = p + strlen("警告：");
		size_t n = w ? strcspn(w, "\n") : 0;
		rc = gk_fail(err, GK_ECONFLICT, "%s：%.*s", gk_clock_kind_label(next->kind), (int)n,
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
