/* The SMS gateway's delivery reports through the service
 * (gk_svc_notice_reports, gk_svc_notice_failed_report): a report finds its
 * notice by the receipt, marks it delivered (the day the workflow counts
 * from) or failed with the gateway's reason, once; unknown ids are
 * counted, not errors; the reported time is kept within sent and now. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "tempdb.h"

#include "lib/date.h"
#include "service/agencies.h"
#include "service/applications.h"
#include "service/notices.h"

struct fixture {
	struct tempdb db;
	struct gk_store *s;
	struct gk_calendar *cal;
	int64_t agency_id;
	struct gk_user clerk;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (!f || tempdb_open(&f->db, &f->s))
		return -1;
	f->cal = gk_svc_calendar_load(f->s, NULL);
	struct gk_svc cli;
	gk_svc_init(&cli, f->s, f->cal, NULL, "cli");
	struct gk_agency root = {.kind = GK_AGENCY_GOVERNMENT, .supervises = true};
	snprintf(root.code, sizeof root.code, "ROOT01");
	snprintf(root.name, sizeof root.name, "某市人民政府");
	if (!f->cal || gk_svc_agency_add(&cli, &root, NULL, NULL) ||
	    gk_store_agency_by_code(f->s, "ROOT01", &root, NULL))
		return -1;
	f->agency_id = root.id;
	struct gk_user *u = &f->clerk;
	u->agency_id = f->agency_id;
	u->roles = GK_ROLE_HANDLER | GK_ROLE_ADMIN;
	snprintf(u->login, sizeof u->login, "clerk");
	snprintf(u->display_name, sizeof u->display_name, "clerk");
	snprintf(u->password_hash, sizeof u->password_hash, "%s", gk_password_dummy());
	if (gk_store_user_add(f->s, u, NULL))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	gk_calendar_free(f->cal);
	tempdb_remove(&f->db, f->s);
	free(f);
	return 0;
}

/* Unix time at noon of DAY (local). */
static int64_t noon(long day)
{
	struct gk_date d = gk_date_from_days(day);
	struct tm tm = {0};
	tm.tm_year = d.year - 1900;
	tm.tm_mon = d.month - 1;
	tm.tm_mday = d.day;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* An application whose receipt went by SMS, sent at SENT_AT with the
 * gateway's id RECEIPT; returns the notice's id, the application's in *APP_ID. */
static int64_t sent_sms(struct fixture *f, const char *receipt, int64_t sent_at, int64_t *app_id)
{
	struct gk_application app;
	struct gk_intake in;
	memset(&in, 0, sizeof in);
	in.agency_id = f->agency_id;
	in.kind = GK_INTAKE_STAFF;
	in.facts.channel = GK_CHANNEL_IN_PERSON;
	struct gk_svc *svc = svc_at(f->s, f->cal, &f->clerk, -1);
	in.facts.submitted = svc->today - 5;
	in.facts.signed_for = in.facts.confirmed = GK_NO_DAY;
	in.applicant_type = GK_APPLICANT_NATURAL_PERSON;
	snprintf(in.applicant.name, sizeof in.applicant.name, "张三");
	snprintf(in.applicant.phone, sizeof in.applicant.phone, "13912345678");
	snprintf(in.applicant.address, sizeof in.applicant.address, "某市某路2号");
	in.description = "某文件";
	in.delivery = GK_DELIVERY_ONLINE;
	struct gk_error err = {0};
	assert_int_equal(gk_svc_application_create(svc, &in, &app, &err), GK_OK);
	struct gk_notice_records r;
	assert_int_equal(gk_svc_notices_of_case(svc_at(f->s, f->cal, &f->clerk, -1), app.id,
						f->agency_id, &r, &err),
			 GK_OK);
	assert_int_equal(r.count, 1);
	assert_int_equal(r.items[0].notice.channel, GK_NOTICE_SMS);
	int64_t id = r.items[0].notice.id;
	gk_notice_records_release(&r);
	assert_int_equal(
		gk_store_notice_finish(f->s, id, GK_NOTICE_SENT, 0, sent_at, "", receipt, NULL),
		GK_OK);
	*app_id = app.id;
	return id;
}

static struct gk_notice get(struct fixture *f, int64_t id)
{
	struct gk_notice n;
	assert_int_equal(gk_store_notice_get(f->s, id, &n, NULL), GK_OK);
	return n;
}

static struct gk_notice_report_counts apply(struct fixture *f, const char *id,
					    enum gk_sms_report_status outcome, int64_t at,
					    const char *reason)
{
	struct gk_sms_report r;
	memset(&r, 0, sizeof r);
	snprintf(r.id, sizeof r.id, "%s", id);
	r.outcome = outcome;
	r.at = at;
	snprintf(r.reason, sizeof r.reason, "%s", reason ? reason : "");
	struct gk_notice_report_counts c;
	struct gk_error err = {0};
	/* a callback: nobody logged in */
	assert_int_equal(gk_svc_notice_reports(svc_at(f->s, f->cal, NULL, -1), &r, 1, &c, &err),
			 GK_OK);
	return c;
}

static void a_delivery_report_sets_the_delivery_day(void **state)
{
	struct fixture *f = *state;
	long today = svc_at(f->s, f->cal, NULL, -1)->today;
	int64_t app_id;
	int64_t id = sent_sms(f, "gw-100", noon(today - 4), &app_id);
	long day;
	bool waiting;
	assert_int_equal(gk_svc_notice_delivery_day(svc_at(f->s, f->cal, NULL, -1), app_id,
						    GK_NOTICE_RECEIPT, 0, &day, &waiting, NULL),
			 GK_OK);
	assert_int_equal(day, today - 4); /* sent: the day it was sent */

	struct gk_notice_report_counts c =
		apply(f, "gw-100", GK_SMS_REPORT_DELIVERED, noon(today - 2), NULL);
	assert_int_equal(c.delivered, 1);
	struct gk_notice n = get(f, id);
	assert_int_equal(n.state, GK_NOTICE_DELIVERED);
	assert_int_equal(n.delivered_at, noon(today - 2));
	assert_int_equal(gk_svc_notice_delivery_day(svc_at(f->s, f->cal, NULL, -1), app_id,
						    GK_NOTICE_RECEIPT, 0, &day, &waiting, NULL),
			 GK_OK);
	assert_int_equal(day, today - 2);
	assert_false(waiting);

	/* the same report again, or one with another time: nothing changes */
	c = apply(f, "gw-100", GK_SMS_REPORT_DELIVERED, noon(today - 1), NULL);
	assert_int_equal(c.delivered, 0);
	assert_int_equal(c.unchanged, 1);
	assert_int_equal(get(f, id).delivered_at, noon(today - 2));
	/* a failure reported after the delivery does not undo it */
	c = apply(f, "gw-100", GK_SMS_REPORT_FAILED, 0, "UNDELIV");
	assert_int_equal(c.unchanged, 1);
	assert_int_equal(get(f, id).state, GK_NOTICE_DELIVERED);
}

static void a_failure_report_fails_the_notice_with_the_reason(void **state)
{
	struct fixture *f = *state;
	long today = svc_at(f->s, f->cal, NULL, -1)->today;
	int64_t app_id;
	int64_t id = sent_sms(f, "gw-200", noon(today - 1), &app_id);
	struct gk_notice_report_counts c = apply(f, "gw-200", GK_SMS_REPORT_FAILED, 0, "空号");
	assert_int_equal(c.failed, 1);
	struct gk_notice n = get(f, id);
	assert_int_equal(n.state, GK_NOTICE_FAILED);
	assert_non_null(strstr(n.last_error, "空号"));
	assert_int_equal(n.delivered_at, 0);
	c = apply(f, "gw-200", GK_SMS_REPORT_FAILED, 0, "空号");
	assert_int_equal(c.failed, 0);
	assert_int_equal(c.unchanged, 1);
	/* staff may send it again: failed e-mail or SMS notices are retried */
	struct gk_error err = {0};
	assert_int_equal(gk_svc_notice_retry(svc_at(f->s, f->cal, &f->clerk, -1), app_id,
					     f->agency_id, id, &err),
			 GK_OK);
	assert_int_equal(get(f, id).state, GK_NOTICE_PENDING);
	/* a late copy of the old report finds it pending: nothing changes */
	c = apply(f, "gw-200", GK_SMS_REPORT_FAILED, 0, "空号");
	assert_int_equal(c.unchanged, 1);
	assert_int_equal(get(f, id).state, GK_NOTICE_PENDING);
	/* the one-call form */
	int64_t other = sent_sms(f, "gw-201", noon(today), &app_id);
	assert_int_equal(
		gk_svc_notice_failed_report(svc_at(f->s, f->cal, NULL, -1), other, "停机", &err),
		GK_OK);
	assert_non_null(strstr(get(f, other).last_error, "停机"));
}

static void unknown_ids_and_other_statuses_are_counted(void **state)
{
	struct fixture *f = *state;
	long today = svc_at(f->s, f->cal, NULL, -1)->today;
	int64_t app_id;
	int64_t id = sent_sms(f, "gw-300", noon(today - 1), &app_id);
	struct gk_notice_report_counts c = apply(f, "gw-nope", GK_SMS_REPORT_DELIVERED, 0, NULL);
	assert_int_equal(c.unknown, 1);
	assert_int_equal(c.delivered, 0);
	c = apply(f, "", GK_SMS_REPORT_DELIVERED, 0, NULL); /* never matches an unsent notice */
	assert_int_equal(c.unknown, 1);
	c = apply(f, "gw-300", GK_SMS_REPORT_OTHER, 0, NULL);
	assert_int_equal(c.ignored, 1);
	assert_int_equal(get(f, id).state, GK_NOTICE_SENT);
}

static void the_reported_time_stays_between_sent_and_now(void **state)
{
	struct fixture *f = *state;
	struct gk_svc *svc = svc_at(f->s, f->cal, NULL, -1);
	long today = svc->today;
	int64_t app_id;
	int64_t a = sent_sms(f, "gw-400", noon(today - 3), &app_id);
	int64_t b = sent_sms(f, "gw-401", noon(today - 3), &app_id);
	/* before it was sent (the gateway's clock behind): the sending time */
	apply(f, "gw-400", GK_SMS_REPORT_DELIVERED, noon(today - 10), NULL);
	assert_int_equal(get(f, a).delivered_at, noon(today - 3));
	/* in the future: now */
	int64_t before = (int64_t)time(NULL);
	apply(f, "gw-401", GK_SMS_REPORT_DELIVERED, before + 86400 * 30, NULL);
	int64_t at = get(f, b).delivered_at;
	assert_true(at >= before && at <= (int64_t)time(NULL) + 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_delivery_report_sets_the_delivery_day),
		cmocka_unit_test(a_failure_report_fails_the_notice_with_the_reason),
		cmocka_unit_test(unknown_ids_and_other_statuses_are_counted),
		cmocka_unit_test(the_reported_time_stays_between_sent_and_now),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
