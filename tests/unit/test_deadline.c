/* Tests of reply deadlines: holidays and 调休, the 2019-05-15 switch, 补正
 * restarts, excluded periods, extension caps, closing, errors. Expected days
 * were counted independently from the holiday-cn data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/calendar.h"
#include "core/deadline.h"
#include "lib/date.h"

static long day_of(const char *s)
{
	struct gk_date d;
	if (!gk_date_parse(s, &d))
		fail_msg("bad test date '%s'", s);
	return gk_date_to_days(d);
}

static const char *fmt(long day, char out[11])
{
	if (day == GK_NO_DAY)
		return "none";
	return gk_date_format(gk_date_from_days(day), out);
}

static int setup(void **state)
{
	struct gk_error err = {GK_OK, ""};
	*state = gk_calendar_new_builtin(&err);
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	gk_calendar_free(*state);
	return 0;
}

/* Event builders. */
static struct gk_clock_event ev(enum gk_clock_kind kind, const char *day)
{
	return (struct gk_clock_event){kind, day_of(day), 0, GK_NO_DAY, GK_CONSULT_THIRD_PARTY};
}

static struct gk_clock_event ext(const char *day, int days)
{
	struct gk_clock_event e = ev(GK_CLOCK_EXTENDED, day);
	e.days = days;
	return e;
}

static struct gk_clock_event consult(const char *day, enum gk_consult_party party)
{
	struct gk_clock_event e = ev(GK_CLOCK_CONSULT_START, day);
	e.party = party;
	return e;
}

/* Computes and checks the due day; returns the result for more checks (the
 * caller releases it). */
static struct gk_deadline run(void **state, const char *received, enum gk_rules rules,
			      const struct gk_clock_event *events, size_t n, const char *want_due)
{
	struct gk_deadline_input in = {day_of(received), rules, events, n};
	struct gk_deadline dl;
	struct gk_error err = {GK_OK, ""};
	gk_deadline_init(&dl);
	enum gk_err rc = gk_deadline_compute(*state, &in, &dl, &err);
	if (rc != GK_OK)
		fail_msg("compute failed: %s", gk_error_text(&err));
	char ds[11];
	if (strcmp(fmt(dl.due, ds), want_due) != 0)
		fail_msg("received %s: due %s, expected %s\n%s", received, ds, want_due,
			 dl.explain.data);
	return dl;
}

static void expect_error(void **state, const char *received, enum gk_rules rules,
			 const struct gk_clock_event *events, size_t n, const char *needle)
{
	struct gk_deadline_input in = {day_of(received), rules, events, n};
	struct gk_deadline dl;
	struct gk_error err = {GK_OK, ""};
	gk_deadline_init(&dl);
	assert_int_equal(gk_deadline_compute(*state, &in, &dl, &err), GK_EINVAL);
	if (!strstr(err.detail, needle))
		fail_msg("error '%s' does not mention '%s'", err.detail, needle);
	gk_deadline_release(&dl);
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void test_spring_festival_2008_rules(void **state)
{
	struct gk_deadline dl = run(state, "2017-01-20", GK_RULES_AUTO, NULL, 0, "2017-02-15");
	assert_int_equal(dl.rules, GK_RULES_2008);
	assert_int_equal(dl.period, 15);
	assert_int_equal(dl.max_extension, 15);
	assert_int_equal(dl.state, GK_CLOCK_RUNNING);
	assert_false(dl.provisional);
	assert_int_equal(dl.warnings, 0);
	assert_int_equal(dl.supplement_by, GK_NO_DAY); /* no 7-day limit in 2008 */
	assert_non_null(strstr(dl.explain.data, "2017-01-22（周日） 春节 调休上班"));
	assert_non_null(
		strstr(dl.explain.data, "2017-01-27（周五）至2017-02-02（周四） 春节 放假"));
	gk_deadline_release(&dl);

	struct gk_clock_event e[] = {ext("2017-02-10", 15)};
	dl = run(state, "2017-01-20", GK_RULES_AUTO, e, N(e), "2017-03-08");
	assert_int_equal(dl.base_due, day_of("2017-02-15"));
	assert_int_equal(dl.extension, 15);
	gk_deadline_release(&dl);
}

static void test_national_day_2019_rules(void **state)
{
	struct gk_deadline dl = run(state, "2019-09-27", GK_RULES_AUTO, NULL, 0, "2019-10-30");
	assert_int_equal(dl.rules, GK_RULES_2019);
	assert_int_equal(dl.period, 20);
	assert_int_equal(dl.supplement_by,
			 day_of("2019-10-12")); /* 29 Sep (Sun) and 12 Oct (Sat) worked */
	gk_deadline_release(&dl);
	struct gk_clock_event e[] = {ext("2019-10-30", 20)}; /* on the last day: still in time */
	dl = run(state, "2019-09-27", GK_RULES_AUTO, e, N(e), "2019-11-27");
	assert_int_equal(dl.warnings, 0);
	gk_deadline_release(&dl);
	/* received on a holiday: counting starts on the first working day after */
	dl = run(state, "2019-10-01", GK_RULES_AUTO, NULL, 0, "2019-11-01");
	gk_deadline_release(&dl);
}

static void test_make_up_weekends(void **state)
{
	/* 2024-09-29 (Sun) and 2024-10-12 (Sat) were working days */
	struct gk_deadline dl = run(state, "2024-09-27", GK_RULES_AUTO, NULL, 0, "2024-10-30");
	assert_non_null(strstr(dl.explain.data, "2024-09-29（周日） 国庆节 调休上班"));
	assert_non_null(strstr(dl.explain.data, "2024-10-12（周六） 国庆节 调休上班"));
	gk_deadline_release(&dl);
	/* the 2019 notice's make-up Saturday 2018-12-29 counts */
	dl = run(state, "2018-12-20", GK_RULES_AUTO, NULL, 0, "2019-01-11");
	gk_deadline_release(&dl);
	/* 2020: the Spring Festival extended for COVID-19 */
	dl = run(state, "2020-01-20", GK_RULES_AUTO, NULL, 0, "2020-02-25");
	gk_deadline_release(&dl);
	/* over New Year: 2022-12-31 off set by the 2023 notice; 2023-01-29 (Sun) worked */
	dl = run(state, "2022-12-26", GK_RULES_AUTO, NULL, 0, "2023-01-29");
	gk_deadline_release(&dl);
	dl = run(state, "2011-12-26", GK_RULES_AUTO, NULL, 0, "2012-01-17");
	gk_deadline_release(&dl);
}

static void test_rules_switch(void **state)
{
	struct gk_deadline dl = run(state, "2019-05-14", GK_RULES_AUTO, NULL, 0, "2019-06-04");
	assert_int_equal(dl.rules, GK_RULES_2008);
	gk_deadline_release(&dl);
	dl = run(state, "2019-05-15", GK_RULES_AUTO, NULL, 0, "2019-06-13");
	assert_int_equal(dl.rules, GK_RULES_2019);
	gk_deadline_release(&dl);
	/* rules given explicitly win over the day of receipt */
	dl = run(state, "2019-05-14", GK_RULES_2019, NULL, 0, "2019-06-12");
	assert_int_equal(dl.rules, GK_RULES_2019);
	gk_deadline_release(&dl);
	dl = run(state, "2008-05-01", GK_RULES_AUTO, NULL, 0, "2008-05-22");
	gk_deadline_release(&dl);
	assert_int_equal(gk_rules_for_receipt(day_of("2019-05-14")), GK_RULES_2008);
	assert_int_equal(gk_rules_for_receipt(day_of("2019-05-15")), GK_RULES_2019);
	assert_int_equal(gk_rules_period(GK_RULES_AUTO), 0);
	expect_error(state, "2008-04-30", GK_RULES_AUTO, NULL, 0,
		     "早于条例施行之日（2008年5月1日）");
}

static void test_supplement_restart(void **state)
{
	/* received Mon 2021-03-01; 补正 by 03-10; supplement in on 03-15 */
	struct gk_clock_event e[] = {
		ev(GK_CLOCK_SUPPLEMENT_REQUESTED, "2021-03-05"),
		ev(GK_CLOCK_SUPPLEMENTED, "2021-03-15"),
	};
	struct gk_deadline dl = run(state, "2021-03-01", GK_RULES_AUTO, e, N(e), "2021-04-13");
	assert_int_equal(dl.supplement_by, day_of("2021-03-10"));
	assert_int_equal(dl.start, day_of("2021-03-15"));
	assert_int_equal(dl.received, day_of("2021-03-01"));
	assert_int_equal(dl.warnings, 0);
	gk_deadline_release(&dl);

	/* while waiting there is no deadline */
	dl = run(state, "2021-03-01", GK_RULES_AUTO, e, 1, "none");
	assert_int_equal(dl.state, GK_CLOCK_AWAITING_SUPPLEMENT);
	gk_deadline_release(&dl);

	/* on the 7th working day: allowed */
	struct gk_clock_event last_day[] = {
		ev(GK_CLOCK_SUPPLEMENT_REQUESTED, "2021-03-10"),
		ev(GK_CLOCK_SUPPLEMENTED, "2021-03-15"),
	};
	dl = run(state, "2021-03-01", GK_RULES_AUTO, last_day, N(last_day), "2021-04-13");
	assert_int_equal(dl.warnings, 0);
	gk_deadline_release(&dl);

	/* on the 8th: too late, the original period stands */
	struct gk_clock_event late[] = {
		ev(GK_CLOCK_SUPPLEMENT_REQUESTED, "2021-03-11"),
		ev(GK_CLOCK_SUPPLEMENTED, "2021-03-15"),
	};
	dl = run(state, "2021-03-01", GK_RULES_AUTO, late, N(late), "2021-03-29");
	assert_int_equal(dl.warnings, 1);
	assert_non_null(strstr(dl.explain.data, "答复期限不重新计算"));
	gk_deadline_release(&dl);

	/* the 2008 rules set no 7-day limit */
	struct gk_clock_event old[] = {
		ev(GK_CLOCK_SUPPLEMENT_REQUESTED, "2018-03-20"),
		ev(GK_CLOCK_SUPPLEMENTED, "2018-03-01"), /* sorted by day: comes first, error */
	};
	expect_error(state, "2018-03-01", GK_RULES_AUTO, old, N(old), "之前没有告知补正");
	old[1] = ev(GK_CLOCK_SUPPLEMENTED, "2018-04-02");
	dl = run(state, "2018-03-01", GK_RULES_AUTO, old, N(old), "2018-04-24");
	assert_int_equal(dl.warnings, 0);
	gk_deadline_release(&dl);

	/* a consultation open across the restart keeps stopping the new count */
	struct gk_clock_event across[] = {
		ev(GK_CLOCK_SUPPLEMENT_REQUESTED, "2021-03-05"),
		consult("2021-03-08", GK_CONSULT_THIRD_PARTY),
		ev(GK_CLOCK_SUPPLEMENTED, "2021-03-15"),
		ev(GK_CLOCK_CONSULT_END, "2021-03-19"),
	};
	dl = run(state, "2021-03-01", GK_RULES_AUTO, across, N(across), "2021-04-19");
	gk_deadline_release(&dl);

	/* a second request: told once only */
	struct gk_clock_event twice[] = {
		ev(GK_CLOCK_SUPPLEMENT_REQUESTED, "2021-03-05"),
		ev(GK_CLOCK_SUPPLEMENTED, "2021-03-15"),
		ev(GK_CLOCK_SUPPLEMENT_REQUESTED, "2021-03-16"),
	};
	dl = run(state, "2021-03-01", GK_RULES_AUTO, twice, N(twice), "2021-04-13");
	assert_int_equal(dl.warnings, 1);
	assert_int_equal(dl.state, GK_CLOCK_RUNNING);
	gk_deadline_release(&dl);
}

static void test_pauses(void **state)
{
	/* consultation 03-08 .. 03-19 is not counted */
	struct gk_clock_event c[] = {
		consult("2021-03-08", GK_CONSULT_THIRD_PARTY),
		ev(GK_CLOCK_CONSULT_END, "2021-03-19"),
	};
	struct gk_deadline dl = run(state, "2021-03-01", GK_RULES_AUTO, c, N(c), "2021-04-13");
	gk_deadline_release(&dl);
	/* still open: paused, 4 days used (03-02 .. 03-05) */
	dl = run(state, "2021-03-01", GK_RULES_AUTO, c, 1, "none");
	assert_int_equal(dl.state, GK_CLOCK_PAUSED);
	assert_int_equal(dl.used, 4);
	gk_deadline_release(&dl);

	/* two consultations overlapping: the clock runs again only when both end */
	struct gk_clock_event two[] = {
		consult("2021-03-08", GK_CONSULT_THIRD_PARTY),
		consult("2021-03-10", GK_CONSULT_AGENCY),
		ev(GK_CLOCK_CONSULT_END, "2021-03-12"),
		ev(GK_CLOCK_CONSULT_END, "2021-03-19"),
	};
	dl = run(state, "2021-03-01", GK_RULES_AUTO, two, N(two), "2021-04-13");
	gk_deadline_release(&dl);

	/* fee notice 03-10, paid Saturday 03-20: resumes Monday */
	struct gk_clock_event f[] = {
		ev(GK_CLOCK_FEE_NOTICE, "2021-03-10"),
		ev(GK_CLOCK_FEE_PAID, "2021-03-20"),
	};
	dl = run(state, "2021-03-01", GK_RULES_AUTO, f, N(f), "2021-04-09");
	gk_deadline_release(&dl);
	/* open fee notice: paused, with the payment deadline */
	dl = run(state, "2021-03-01", GK_RULES_AUTO, f, 1, "none");
	assert_int_equal(dl.state, GK_CLOCK_PAUSED);
	assert_int_equal(dl.payment_due, day_of("2021-04-08"));
	assert_int_equal(dl.used, 6);
	gk_deadline_release(&dl);
	/* the applicant received the notice two days later */
	struct gk_clock_event f2 = f[0];
	f2.until = day_of("2021-03-12");
	dl = run(state, "2021-03-01", GK_RULES_AUTO, &f2, 1, "none");
	assert_int_equal(dl.payment_due, day_of("2021-04-12"));
	gk_deadline_release(&dl);
	/* waived: same as paid for the clock */
	f[1].kind = GK_CLOCK_FEE_WAIVED;
	dl = run(state, "2021-03-01", GK_RULES_AUTO, f, N(f), "2021-04-09");
	gk_deadline_release(&dl);
	/* paid after the limit: only the time up to the limit is excluded */
	struct gk_clock_event latepay[] = {
		ev(GK_CLOCK_FEE_NOTICE, "2021-03-10"),
		ev(GK_CLOCK_FEE_PAID, "2021-04-20"),
	};
	dl = run(state, "2021-03-01", GK_RULES_AUTO, latepay, N(latepay), "2021-04-27");
	assert_int_equal(dl.warnings, 1);
	gk_deadline_release(&dl);

	/* consultation and fee overlapping */
	struct gk_clock_event both[] = {
		consult("2021-03-08", GK_CONSULT_THIRD_PARTY),
		ev(GK_CLOCK_FEE_NOTICE, "2021-03-15"),
		ev(GK_CLOCK_CONSULT_END, "2021-03-19"),
		ev(GK_CLOCK_FEE_PAID, "2021-03-25"),
	};
	dl = run(state, "2021-03-01", GK_RULES_AUTO, both, N(both), "2021-04-19");
	gk_deadline_release(&dl);

	/* 2008: only third-party consultation is excluded */
	struct gk_clock_event tp[] = {
		consult("2018-03-05", GK_CONSULT_THIRD_PARTY),
		ev(GK_CLOCK_CONSULT_END, "2018-03-09"),
	};
	dl = run(state, "2018-03-01", GK_RULES_AUTO, tp, N(tp), "2018-03-29");
	gk_deadline_release(&dl);
	tp[0].party = GK_CONSULT_AGENCY;
	dl = run(state, "2018-03-01", GK_RULES_AUTO, tp, N(tp), "2018-03-22");
	assert_non_null(strstr(dl.explain.data, "此期间计入答复期限"));
	gk_deadline_release(&dl);

	/* a consultation begun after the deadline does not stop it */
	struct gk_clock_event after[] = {consult("2021-03-30", GK_CONSULT_THIRD_PARTY)};
	dl = run(state, "2021-03-01", GK_RULES_AUTO, after, N(after), "2021-03-29");
	assert_int_equal(dl.warnings, 1);
	assert_int_equal(dl.state, GK_CLOCK_RUNNING);
	gk_deadline_release(&dl);
}

static void test_extension_caps(void **state)
{
	struct gk_clock_event e[] = {ext("2021-03-10", 20)};
	struct gk_deadline dl = run(state, "2021-03-01", GK_RULES_AUTO, e, N(e), "2021-04-26");
	assert_int_equal(dl.extension, 20);
	gk_deadline_release(&dl);

	struct gk_clock_event two[] = {ext("2021-03-10", 10), ext("2021-03-20", 10)};
	dl = run(state, "2021-03-01", GK_RULES_AUTO, two, N(two), "2021-04-26");
	assert_int_equal(dl.warnings, 0);
	gk_deadline_release(&dl);

	struct gk_clock_event over[] = {ext("2021-03-10", 10), ext("2021-03-20", 15)};
	dl = run(state, "2021-03-01", GK_RULES_AUTO, over, N(over), "2021-04-26");
	assert_int_equal(dl.extension, 20);
	assert_int_equal(dl.warnings, 1);
	gk_deadline_release(&dl);

	struct gk_clock_event big[] = {ext("2021-03-10", 25)};
	dl = run(state, "2021-03-01", GK_RULES_AUTO, big, N(big), "2021-04-26");
	assert_int_equal(dl.warnings, 1);
	gk_deadline_release(&dl);

	/* 2008: at most 15 */
	struct gk_clock_event old[] = {ext("2018-03-05", 20)};
	dl = run(state, "2018-03-01", GK_RULES_AUTO, old, N(old), "2018-04-13");
	assert_int_equal(dl.extension, 15);
	assert_int_equal(dl.base_due, day_of("2018-03-22"));
	gk_deadline_release(&dl);

	/* decided after the period ran out: not applied */
	struct gk_clock_event late[] = {ext("2021-03-30", 10)};
	dl = run(state, "2021-03-01", GK_RULES_AUTO, late, N(late), "2021-03-29");
	assert_int_equal(dl.extension, 0);
	assert_int_equal(dl.warnings, 1);
	gk_deadline_release(&dl);

	struct gk_clock_event zero[] = {ext("2021-03-10", 0)};
	expect_error(state, "2021-03-01", GK_RULES_AUTO, zero, N(zero), "应至少延长1个工作日");
}

static void test_delay_art35(void **state)
{
	struct gk_clock_event d = ev(GK_CLOCK_DELAYED, "2021-03-15");
	d.until = day_of("2021-06-30");
	struct gk_deadline dl = run(state, "2021-03-01", GK_RULES_AUTO, &d, 1, "2021-06-30");
	assert_int_equal(dl.base_due, day_of("2021-03-29"));
	gk_deadline_release(&dl);
	expect_error(state, "2018-03-01", GK_RULES_AUTO,
		     &(struct gk_clock_event){GK_CLOCK_DELAYED, day_of("2018-03-05"), 0,
					      day_of("2018-06-01"), 0},
		     1, "仅适用于2019年修订的条例");
	d.until = d.day;
	expect_error(state, "2021-03-01", GK_RULES_AUTO, &d, 1, "截止日期应晚于办理日期");
}

static void test_closing(void **state)
{
	struct gk_clock_event on_time[] = {ev(GK_CLOCK_CLOSED, "2021-03-29")};
	struct gk_deadline dl = run(state, "2021-03-01", GK_RULES_AUTO, on_time, 1, "2021-03-29");
	assert_int_equal(dl.state, GK_CLOCK_STOPPED);
	assert_true(dl.on_time);
	assert_false(dl.after_extension);
	assert_int_equal(dl.used, 20);
	gk_deadline_release(&dl);

	struct gk_clock_event late[] = {ev(GK_CLOCK_CLOSED, "2021-03-31")};
	dl = run(state, "2021-03-01", GK_RULES_AUTO, late, 1, "2021-03-29");
	assert_false(dl.on_time);
	assert_int_equal(dl.used, 22);
	assert_non_null(strstr(dl.explain.data, "逾期办结，超过答复期限2个工作日"));
	gk_deadline_release(&dl);

	struct gk_clock_event extended[] = {ext("2021-03-10", 10),
					    ev(GK_CLOCK_CLOSED, "2021-04-01")};
	dl = run(state, "2021-03-01", GK_RULES_AUTO, extended, 2, "2021-04-13");
	assert_true(dl.on_time);
	assert_true(dl.after_extension);
	gk_deadline_release(&dl);

	/* withdrawn during a consultation: the clock never resumed */
	struct gk_clock_event paused[] = {consult("2021-03-08", GK_CONSULT_AGENCY),
					  ev(GK_CLOCK_CLOSED, "2021-05-20")};
	dl = run(state, "2021-03-01", GK_RULES_AUTO, paused, 2, "2021-06-11");
	assert_true(dl.on_time);
	assert_int_equal(dl.used, 4);
	gk_deadline_release(&dl);

	/* closed while awaiting a supplement */
	struct gk_clock_event abandoned[] = {ev(GK_CLOCK_SUPPLEMENT_REQUESTED, "2021-03-05"),
					     ev(GK_CLOCK_CLOSED, "2021-04-30")};
	dl = run(state, "2021-03-01", GK_RULES_AUTO, abandoned, 2, "none");
	assert_int_equal(dl.state, GK_CLOCK_STOPPED);
	assert_true(dl.on_time);
	gk_deadline_release(&dl);

	struct gk_clock_event after[] = {ev(GK_CLOCK_CLOSED, "2021-03-29"), ext("2021-03-29", 5)};
	expect_error(state, "2021-03-01", GK_RULES_AUTO, after, 2, "在申请办结之后");
}

static void test_bad_histories(void **state)
{
	struct gk_clock_event before[] = {ev(GK_CLOCK_CLOSED, "2021-02-27")};
	expect_error(state, "2021-03-01", GK_RULES_AUTO, before, 1, "早于收到申请之日");
	struct gk_clock_event paid[] = {ev(GK_CLOCK_FEE_PAID, "2021-03-05")};
	expect_error(state, "2021-03-01", GK_RULES_AUTO, paid, 1, "之前没有收费通知");
	struct gk_clock_event end[] = {ev(GK_CLOCK_CONSULT_END, "2021-03-05")};
	expect_error(state, "2021-03-01", GK_RULES_AUTO, end, 1, "之前没有进行中的征求意见");
	struct gk_clock_event fee2020[] = {ev(GK_CLOCK_FEE_NOTICE, "2020-12-31")};
	expect_error(state, "2020-12-01", GK_RULES_AUTO, fee2020, 1, "早于2021年1月1日");
	struct gk_clock_event fee_twice[] = {ev(GK_CLOCK_FEE_NOTICE, "2021-03-02"),
					     ev(GK_CLOCK_FEE_NOTICE, "2021-03-03")};
	expect_error(state, "2021-03-01", GK_RULES_AUTO, fee_twice, 2, "此前的收费通知尚未缴费");
	struct gk_deadline_input in = {GK_NO_DAY, GK_RULES_AUTO, NULL, 0};
	struct gk_deadline dl;
	struct gk_error err = {GK_OK, ""};
	gk_deadline_init(&dl);
	assert_int_equal(gk_deadline_compute(*state, &in, &dl, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "收到申请之日"));
	in.received = day_of("2021-03-01");
	in.rules = (enum gk_rules)7;
	assert_int_equal(gk_deadline_compute(*state, &in, &dl, &err), GK_EINVAL);
	gk_deadline_release(&dl);
}

static void test_same_day_order_and_sorting(void **state)
{
	/* given out of order; sorted by day */
	struct gk_clock_event e[] = {
		ev(GK_CLOCK_CONSULT_END, "2021-03-19"),
		consult("2021-03-08", GK_CONSULT_THIRD_PARTY),
	};
	struct gk_deadline dl = run(state, "2021-03-01", GK_RULES_AUTO, e, N(e), "2021-04-13");
	gk_deadline_release(&dl);
	/* notice and payment on the same day: that one day is not counted */
	struct gk_clock_event same[] = {ev(GK_CLOCK_FEE_NOTICE, "2021-03-10"),
					ev(GK_CLOCK_FEE_PAID, "2021-03-10")};
	dl = run(state, "2021-03-01", GK_RULES_AUTO, same, N(same), "2021-03-30");
	gk_deadline_release(&dl);
}

static void test_provisional(void **state)
{
	struct gk_deadline dl = run(state, "2026-12-15", GK_RULES_AUTO, NULL, 0, "2027-01-12");
	assert_true(dl.provisional);
	assert_non_null(strstr(dl.explain.data, "2027年的节假日安排尚未录入，暂只按周末计算"));
	gk_deadline_release(&dl);
	dl = run(state, "2026-12-01", GK_RULES_AUTO, NULL, 0, "2026-12-29");
	assert_true(dl.provisional);
	assert_non_null(
		strstr(dl.explain.data, "2027年的节假日安排尚未录入，可能调整2026年12月底"));
	gk_deadline_release(&dl);
	dl = run(state, "2026-11-02", GK_RULES_AUTO, NULL, 0, "2026-11-30");
	assert_false(dl.provisional);
	gk_deadline_release(&dl);

	/* after an administrator loads 2027, the same question is settled */
	struct gk_calendar *cal = *state;
	static const char y2027[] = "year 2027\n2027-01-01 off 元旦\n";
	struct gk_error err = {GK_OK, ""};
	assert_int_equal(gk_calendar_load_year(cal, y2027, strlen(y2027), NULL, &err), GK_OK);
	dl = run(state, "2026-12-15", GK_RULES_AUTO, NULL, 0, "2027-01-13");
	assert_false(dl.provisional);
	gk_deadline_release(&dl);
}

static void test_check_event(void **state)
{
	struct gk_clock_event e[] = {ev(GK_CLOCK_SUPPLEMENT_REQUESTED, "2021-03-05")};
	struct gk_deadline_input in = {day_of("2021-03-01"), GK_RULES_AUTO, NULL, 0};
	struct gk_error err = {GK_OK, ""};
	assert_int_equal(gk_deadline_check_event(*state, &in, &e[0], &err), GK_OK);
	struct gk_clock_event late = ev(GK_CLOCK_SUPPLEMENT_REQUESTED, "2021-03-11");
	assert_int_equal(gk_deadline_check_event(*state, &in, &late, &err), GK_ECONFLICT);
	assert_non_null(strstr(err.detail, "收到申请后第7个工作日"));
	struct gk_clock_event big = ext("2021-03-05", 21);
	assert_int_equal(gk_deadline_check_event(*state, &in, &big, &err), GK_ECONFLICT);
	assert_non_null(strstr(err.detail, "超过最多可延长的20个工作日"));
	struct gk_clock_event paid = ev(GK_CLOCK_FEE_PAID, "2021-03-05");
	assert_int_equal(gk_deadline_check_event(*state, &in, &paid, &err), GK_EINVAL);
}

/* The explanation a clerk reads is Chinese: no run of English words. */
static void test_explanation_is_chinese(void **state)
{
	struct gk_clock_event e[] = {
		{GK_CLOCK_SUPPLEMENT_REQUESTED, day_of("2021-03-03"), 0, day_of("2021-03-10"), 0},
		{GK_CLOCK_SUPPLEMENTED, day_of("2021-03-05"), 0, GK_NO_DAY, 0},
		{GK_CLOCK_CONSULT_START, day_of("2021-03-08"), 0, GK_NO_DAY,
		 GK_CONSULT_THIRD_PARTY},
		{GK_CLOCK_CONSULT_END, day_of("2021-03-12"), 0, GK_NO_DAY, 0},
		{GK_CLOCK_FEE_NOTICE, day_of("2021-03-15"), 0, GK_NO_DAY, 0},
		{GK_CLOCK_FEE_PAID, day_of("2021-03-17"), 0, GK_NO_DAY, 0},
		{GK_CLOCK_EXTENDED, day_of("2021-03-18"), 20, GK_NO_DAY, 0},
		{GK_CLOCK_EXTENDED, day_of("2021-03-19"), 5, GK_NO_DAY, 0},
		{GK_CLOCK_CLOSED, day_of("2021-06-30"), 0, GK_NO_DAY, 0},
	};
	struct gk_deadline_input in = {day_of("2021-03-01"), GK_RULES_AUTO, e, N(e)};
	struct gk_deadline dl;
	struct gk_error err = {GK_OK, ""};
	gk_deadline_init(&dl);
	assert_int_equal(gk_deadline_compute(*state, &in, &dl, &err), GK_OK);
	const char *t = dl.explain.data;
	assert_non_null(strstr(t, "规则：《政府信息公开条例》（2019年修订）第三十三条"));
	assert_non_null(strstr(t, "警告："));
	/* no three ASCII words in a row */
	int words = 0;
	for (const char *p = t; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) {
			while (p[1] &&
			       ((p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z')))
				p++;
			words++;
			if (words >= 3)
				fail_msg("English in the explanation: %s", t);
		} else if (*p != ' ') {
			words = 0;
		}
	}
	gk_deadline_release(&dl);
	char text[64];
	struct gk_days_left d = {3, false, true};
	assert_string_equal(gk_deadline_days_text(d, text, sizeof text), "剩余3个工作日");
	d = (struct gk_days_left){2, true, false};
	assert_string_equal(gk_deadline_days_text(d, text, sizeof text), "已超期2个工作日");
	d = (struct gk_days_left){0, false, true};
	assert_string_equal(gk_deadline_days_text(d, text, sizeof text), "今日到期");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spring_festival_2008_rules),
		cmocka_unit_test(test_national_day_2019_rules),
		cmocka_unit_test(test_make_up_weekends),
		cmocka_unit_test(test_rules_switch),
		cmocka_unit_test(test_supplement_restart),
		cmocka_unit_test(test_pauses),
		cmocka_unit_test(test_extension_caps),
		cmocka_unit_test(test_delay_art35),
		cmocka_unit_test(test_closing),
		cmocka_unit_test(test_bad_histories),
		cmocka_unit_test(test_same_day_order_and_sorting),
		cmocka_unit_test(test_check_event),
		cmocka_unit_test(test_explanation_is_chinese),
		cmocka_unit_test(test_provisional), /* last: it loads 2027 */
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
