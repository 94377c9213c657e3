/* Notices through the service (service/notices.c, issue 15): written with
 * the step that causes them, by the channel the applicant chose; the
 * sender's pass retrying with backoff until sent exactly once, recording
 * every attempt, failing for good with its reason, taking again a notice a
 * crash left mid-send; the daily scan once per case and day; staff
 * preferences; and the fee limit moved by a late delivery. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "tempdb.h"

#include "service/agencies.h"
#include "service/applications.h"
#include "service/notices.h"
#include "store/db.h"

struct fixture {
	struct tempdb db;
	struct gk_store *s;
	struct gk_calendar *cal;
	int64_t agency_id;
	struct gk_user handler, reviewer, office;
};

static void add_user(struct fixture *f, struct gk_user *u, const char *login, unsigned roles)
{
	memset(u, 0, sizeof *u);
	u->agency_id = f->agency_id;
	u->roles = roles;
	snprintf(u->login, sizeof u->login, "%s", login);
	snprintf(u->display_name, sizeof u->display_name, "%s", login);
	snprintf(u->password_hash, sizeof u->password_hash, "%s", gk_password_dummy());
	assert_int_equal(gk_store_user_add(f->s, u, NULL), GK_OK);
}

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
	snprintf(root.address, sizeof root.address, "某市某路1号");
	if (!f->cal || gk_svc_agency_add(&cli, &root, NULL, NULL) ||
	    gk_store_agency_by_code(f->s, "ROOT01", &root, NULL))
		return -1;
	f->agency_id = root.id;
	add_user(f, &f->handler, "handler", GK_ROLE_HANDLER);
	add_user(f, &f->reviewer, "reviewer", GK_ROLE_REVIEWER | GK_ROLE_HANDLER);
	add_user(f, &f->office, "office", GK_ROLE_ADMIN);
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

/* An application registered by staff today, received RECEIVED days ago. */
static struct gk_application *registered(struct fixture *f, enum gk_delivery delivery,
					 const char *phone, const char *email, long received)
{
	static struct gk_application app;
	struct gk_intake in;
	memset(&in, 0, sizeof in);
	in.agency_id = f->agency_id;
	in.kind = GK_INTAKE_STAFF;
	in.facts.channel = GK_CHANNEL_IN_PERSON;
	struct gk_svc *svc = svc_at(f->s, f->cal, &f->reviewer, -1);
	in.facts.submitted = svc->today - received;
	in.facts.signed_for = in.facts.confirmed = GK_NO_DAY;
	in.applicant_type = GK_APPLICANT_NATURAL_PERSON;
	snprintf(in.applicant.name, sizeof in.applicant.name, "张三");
	snprintf(in.applicant.phone, sizeof in.applicant.phone, "%s", phone);
	snprintf(in.applicant.email, sizeof in.applicant.email, "%s", email);
	snprintf(in.applicant.address, sizeof in.applicant.address, "某市某路2号");
	in.description = "某文件";
	in.delivery = delivery;
	struct gk_error err = {0};
	enum gk_err rc = gk_svc_application_create(svc, &in, &app, &err);
	if (rc)
		fprintf(stderr, "create: %s\n", err.detail);
	assert_int_equal(rc, GK_OK);
	return &app;
}

static struct gk_step_input step(enum gk_app_action a)
{
	struct gk_step_input st;
	memset(&st, 0, sizeof st);
	st.action = a;
	st.day = GK_NO_DAY;
	st.outcome = -1;
	st.until = st.notice_received = GK_NO_DAY;
	st.reply_way = GK_DELIVERY_ONLINE;
	return st;
}

static void act(struct fixture *f, const struct gk_user *who, int64_t id, struct gk_step_input *st)
{
	struct gk_error err = {0};
	enum gk_err rc = gk_svc_application_act(svc_at(f->s, f->cal, who, -1), id, st, NULL, &err);
	if (rc)
		fprintf(stderr, "step: %s\n", err.detail);
	assert_int_equal(rc, GK_OK);
}

static void notices_of(struct fixture *f, int64_t app_id, struct gk_notice_records *out)
{
	struct gk_error err = {0};
	assert_int_equal(gk_svc_notices_of_case(svc_at(f->s, f->cal, &f->office, -1), app_id,
						f->agency_id, out, &err),
			 GK_OK);
}

static void the_receipt_goes_by_the_channel_the_applicant_chose(void **state)
{
	struct fixture *f = *state;
	struct gk_notice_records r;
	struct gk_application *app = registered(f, GK_DELIVERY_ONLINE, "13912345678", "", 0);
	notices_of(f, app->id, &r);
	assert_int_equal(r.count, 1);
	struct gk_notice *n = &r.items[0].notice;
	assert_int_equal(n->kind, GK_NOTICE_RECEIPT);
	assert_int_equal(n->channel, GK_NOTICE_SMS);
	assert_string_equal(n->recipient, "13912345678");
	assert_int_equal(n->state, GK_NOTICE_PENDING);
	char code[GK_TRACKING_CODE_LEN + 2];
	assert_non_null(strstr(n->body, gk_tracking_code_display(app->tracking_code, code)));
	gk_notice_records_release(&r);

	app = registered(f, GK_DELIVERY_EMAIL, "13912345678", "a@example.cn", 0);
	notices_of(f, app->id, &r);
	assert_int_equal(r.items[0].notice.channel, GK_NOTICE_EMAIL);
	assert_string_equal(r.items[0].notice.recipient, "a@example.cn");
	gk_notice_records_release(&r);

	/* post, or no address: kept on the record, never sent */
	app = registered(f, GK_DELIVERY_POST, "13912345678", "a@example.cn", 0);
	notices_of(f, app->id, &r);
	assert_int_equal(r.items[0].notice.channel, GK_NOTICE_POST);
	assert_int_equal(r.items[0].notice.state, GK_NOTICE_KEPT);
	gk_notice_records_release(&r);
	app = registered(f, GK_DELIVERY_PICKUP, "0352-5189096", "", 0);
	notices_of(f, app->id, &r);
	assert_int_equal(r.items[0].notice.channel, GK_NOTICE_NONE);
	assert_non_null(strstr(r.items[0].notice.last_error, "未留"));
	gk_notice_records_release(&r);
}

static void a_supplement_request_says_what_and_by_when(void **state)
{
	struct fixture *f = *state;
	struct gk_application *app = registered(f, GK_DELIVERY_ONLINE, "13912345678", "", 0);
	int64_t id = app->id;
	struct gk_step_input st = step(GK_ACTION_ASSIGN);
	st.handler_id = f->handler.id;
	act(f, &f->reviewer, id, &st);
	st = step(GK_ACTION_REQUEST_SUPPLEMENT);
	st.note = "请写明文件的文号或发文日期";
	st.until = svc_at(f->s, f->cal, NULL, -1)->today + 15;
	act(f, &f->handler, id, &st);
	struct gk_notice_records r;
	notices_of(f, id, &r);
	assert_int_equal(r.count, 3); /* receipt, assigned (to the handler), 补正 */
	assert_int_equal(r.items[1].notice.kind, GK_NOTICE_ASSIGNED);
	assert_int_equal(r.items[1].notice.user_id, f->handler.id);
	/* the handler gave no e-mail address: kept, with why */
	assert_int_equal(r.items[1].notice.state, GK_NOTICE_KEPT);
	struct gk_notice *n = &r.items[2].notice;
	assert_int_equal(n->kind, GK_NOTICE_SUPPLEMENT_REQUEST);
	assert_non_null(strstr(n->body, "请写明文件的文号或发文日期"));
	char until[11];
	gk_date_format(gk_date_from_days(st.until), until);
	assert_non_null(strstr(n->body, until));
	gk_notice_records_release(&r);

	/* the applicant sees his own notices, not the staff's */
	assert_int_equal(gk_svc_notices_of_applicant(svc_at(f->s, f->cal, NULL, -1), id, &r, NULL),
			 GK_OK);
	assert_int_equal(r.count, 2);
	gk_notice_records_release(&r);
}

/* A gateway that fails FAILS times (temporarily), then sends. */
struct fake {
	int calls, fails, permanent;
	int64_t retry_at; /* what the transport says after a temporary failure */
};

static int64_t fake_retry_after(void *ctx)
{
	return ((struct fake *)ctx)->retry_at;
}

static int fake_send(void *ctx, enum gk_notice_channel channel, const char *to, const char *subject,
		     const char *body, const char *key, char *receipt, size_t receipt_len,
		     char *why, size_t why_len)
{
	struct fake *g = ctx;
	(void)channel, (void)to, (void)subject, (void)body;
	assert_non_null(key);
	g->calls++;
	if (g->permanent) {
		snprintf(why, why_len, "号码不存在");
		return 2;
	}
	if (g->calls <= g->fails) {
		snprintf(why, why_len, "网关暂时不可用（第%d次）", g->calls);
		return 1;
	}
	snprintf(receipt, receipt_len, "msg-%d", g->calls);
	return 0;
}

static int64_t only_pending(struct fixture *f, int64_t now)
{
	int64_t ids[8];
	size_t n = 0;
	assert_int_equal(gk_store_notices_due(f->s, now, ids, 8, &n, NULL), GK_OK);
	assert_int_equal(n, 1);
	return ids[0];
}

static void count_attempts_(const struct gk_notice_attempt *a, void *ctx)
{
	(void)a;
	(*(int *)ctx)++;
}

static int count_attempts(const struct gk_notice_attempt *a, void *ctx)
{
	count_attempts_(a, ctx);
	return 0;
}

/* Marks every pending notice but the newest as sent, so one is due. */
static void settle_all_but_new(struct fixture *f, int64_t now)
{
	int64_t ids[64];
	size_t n = 0;
	assert_int_equal(gk_store_notices_due(f->s, now + 86400 * 30, ids, 64, &n, NULL), GK_OK);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(
			gk_store_notice_finish(f->s, ids[i], GK_NOTICE_SENT, 0, now, "", "", NULL),
			GK_OK);
}

static void five_failures_then_one_send(void **state)
{
	struct fixture *f = *state;
	struct gk_svc *svc = svc_at(f->s, f->cal, NULL, -1);
	int64_t now = svc->now;
	settle_all_but_new(f, now);
	registered(f, GK_DELIVERY_ONLINE, "13912345678", "", 0);
	int64_t id = only_pending(f, now);
	struct fake g = {0, 5, 0, 0};
	struct gk_notice_sender sender = {
		.ctx = &g, .send = fake_send, .retry_after = fake_retry_after};
	struct gk_error err = {0};
	int sent = 0;
	/* no sender: the notice waits */
	assert_int_equal(gk_svc_notices_deliver(svc, NULL, now, 10, &sent, &err), GK_OK);
	assert_int_equal(sent, 0);
	int total = 0;
	for (int pass = 0; pass < 40; pass++) {
		assert_int_equal(gk_svc_notices_deliver(svc, &sender, now, 10, &sent, &err), GK_OK);
		total += sent;
		/* not due again before its backoff */
		int before = g.calls;
		assert_int_equal(gk_svc_notices_deliver(svc, &sender, now + 1, 10, &sent, &err),
				 GK_OK);
		if (g.calls <= 5)
			assert_int_equal(g.calls, before);
		now += 7 * 3600;
	}
	assert_int_equal(g.calls, 6); /* never again after it was sent */
	assert_int_equal(total, 1);
	struct gk_notice n;
	assert_int_equal(gk_store_notice_get(f->s, id, &n, NULL), GK_OK);
	assert_int_equal(n.state, GK_NOTICE_SENT);
	assert_int_equal(n.attempts, 6);
	assert_string_equal(n.receipt, "msg-6");
	assert_true(n.sent_at > 0);
	int attempts = 0;
	assert_int_equal(gk_store_notice_attempts(f->s, id, count_attempts, &attempts, NULL),
			 GK_OK);
	assert_int_equal(attempts, 6);
}

static void a_retry_waits_as_long_as_the_transport_says(void **state)
{
	struct fixture *f = *state;
	struct gk_svc *svc = svc_at(f->s, f->cal, NULL, -1);
	int64_t now = svc->now;
	settle_all_but_new(f, now);
	registered(f, GK_DELIVERY_ONLINE, "13912345678", "", 0);
	int64_t id = only_pending(f, now);
	struct fake g = {0, 1, 0, now + 5000}; /* the rate limit: not before then */
	struct gk_notice_sender sender = {
		.ctx = &g, .send = fake_send, .retry_after = fake_retry_after};
	assert_int_equal(gk_svc_notices_deliver(svc, &sender, now, 10, NULL, NULL), GK_OK);
	struct gk_notice n;
	assert_int_equal(gk_store_notice_get(f->s, id, &n, NULL), GK_OK);
	assert_int_equal(n.state, GK_NOTICE_PENDING);
	assert_int_equal(n.next_attempt_at, now + 5000);
	assert_non_null(strstr(n.last_error, "网关暂时不可用"));
	assert_int_equal(gk_svc_notices_deliver(svc, &sender, now + 4999, 10, NULL, NULL), GK_OK);
	assert_int_equal(g.calls, 1);
	assert_int_equal(gk_svc_notices_deliver(svc, &sender, now + 5000, 10, NULL, NULL), GK_OK);
	assert_int_equal(g.calls, 2);
}

static void a_permanent_failure_is_kept_with_its_reason(void **state)
{
	struct fixture *f = *state;
	struct gk_svc *svc = svc_at(f->s, f->cal, NULL, -1);
	int64_t now = svc->now;
	settle_all_but_new(f, now);
	int64_t app_id = registered(f, GK_DELIVERY_ONLINE, "13912345678", "", 0)->id;
	int64_t id = only_pending(f, now);
	struct fake g = {0, 0, 1, 0};
	struct gk_notice_sender sender = {
		.ctx = &g, .send = fake_send, .retry_after = fake_retry_after};
	assert_int_equal(gk_svc_notices_deliver(svc, &sender, now, 10, NULL, NULL), GK_OK);
	assert_int_equal(gk_svc_notices_deliver(svc, &sender, now + 86400, 10, NULL, NULL), GK_OK);
	assert_int_equal(g.calls, 1);
	struct gk_notice n;
	assert_int_equal(gk_store_notice_get(f->s, id, &n, NULL), GK_OK);
	assert_int_equal(n.state, GK_NOTICE_FAILED);
	assert_string_equal(n.last_error, "号码不存在");
	/* staff send it again once the number is right: a fresh count of
	   attempts, the record of the first kept */
	struct gk_error err = {0};
	struct gk_svc *staff = svc_at(f->s, f->cal, &f->office, -1);
	assert_int_equal(gk_svc_notice_retry(staff, app_id + 1, f->agency_id, id, &err),
			 GK_ENOTFOUND);
	assert_int_equal(gk_svc_notice_retry(staff, app_id, f->agency_id, id, &err), GK_OK);
	g.permanent = 0;
	svc = svc_at(f->s, f->cal, NULL, -1);
	assert_int_equal(gk_svc_notices_deliver(svc, &sender, svc->now, 10, NULL, NULL), GK_OK);
	assert_int_equal(gk_store_notice_get(f->s, id, &n, NULL), GK_OK);
	assert_int_equal(n.state, GK_NOTICE_SENT);
	assert_int_equal(n.attempts, 1);
	int attempts = 0;
	assert_int_equal(gk_store_notice_attempts(f->s, id, count_attempts, &attempts, NULL),
			 GK_OK);
	assert_int_equal(attempts, 2);
	/* a notice sent is not sent again */
	staff = svc_at(f->s, f->cal, &f->office, -1); /* svc_at's context is one */
	assert_int_equal(gk_svc_notice_retry(staff, app_id, f->agency_id, id, &err), GK_ECONFLICT);
	assert_non_null(strstr(err.detail, "只有发送失败"));
}

static void a_send_cut_short_by_a_crash_is_taken_again(void **state)
{
	struct fixture *f = *state;
	struct gk_svc *svc = svc_at(f->s, f->cal, NULL, -1);
	int64_t now = svc->now;
	settle_all_but_new(f, now);
	registered(f, GK_DELIVERY_ONLINE, "13912345678", "", 0);
	int64_t id = only_pending(f, now);
	bool claimed = false;
	/* a pass claimed it and died before recording anything */
	assert_int_equal(
		gk_store_notice_claim(f->s, id, now, now + GK_NOTICE_CLAIM_SECONDS, &claimed, NULL),
		GK_OK);
	assert_true(claimed);
	struct fake g = {0, 0, 0, 0};
	struct gk_notice_sender sender = {
		.ctx = &g, .send = fake_send, .retry_after = fake_retry_after};
	assert_int_equal(gk_svc_notices_deliver(svc, &sender, now + 10, 10, NULL, NULL), GK_OK);
	assert_int_equal(g.calls, 0); /* still claimed */
	int sent = 0;
	assert_int_equal(gk_svc_notices_deliver(svc, &sender, now + GK_NOTICE_CLAIM_SECONDS + 1, 10,
						&sent, NULL),
			 GK_OK);
	assert_int_equal(g.calls, 1);
	assert_int_equal(sent, 1);
}

static void the_scan_adds_each_reminder_once_a_day(void **state)
{
	struct fixture *f = *state;
	struct gk_svc *svc = svc_at(f->s, f->cal, NULL, -1);
	/* one case received 40 days ago (overdue), one today (not due soon) */
	struct gk_application *app = registered(f, GK_DELIVERY_ONLINE, "13912345678", "", 40);
	int64_t late = app->id;
	struct gk_step_input st = step(GK_ACTION_ASSIGN);
	st.day = svc->today - 40;
	st.handler_id = f->handler.id;
	act(f, &f->reviewer, late, &st);
	struct gk_notice_prefs p;
	struct gk_error err = {0};
	assert_int_equal(gk_svc_notice_prefs_get(svc_at(f->s, f->cal, &f->office, -1), &p, &err),
			 GK_OK);
	assert_int_equal(p.channel[GK_NOTICE_DAILY_DIGEST], GK_NOTICE_EMAIL);
	snprintf(p.email, sizeof p.email, "office@example.cn");
	assert_int_equal(gk_svc_notice_prefs_set(svc_at(f->s, f->cal, &f->office, -1), &p, &err),
			 GK_OK);

	int added = 0;
	svc = svc_at(f->s, f->cal, NULL, -1);
	assert_int_equal(gk_svc_notices_scan(svc, svc->today, &added, &err), GK_OK);
	assert_true(added >= 1 + 3); /* the overdue case's handler; a digest to each office user */
	int again = -1;
	assert_int_equal(gk_svc_notices_scan(svc, svc->today, &again, &err), GK_OK);
	assert_int_equal(again, 0);
	struct gk_notice_records r;
	notices_of(f, late, &r);
	bool overdue = false;
	for (size_t i = 0; i < r.count; i++)
		overdue |= r.items[i].notice.kind == GK_NOTICE_OVERDUE &&
			   r.items[i].notice.user_id == f->handler.id;
	assert_true(overdue);
	gk_notice_records_release(&r);
	/* the next day: again */
	assert_int_equal(gk_svc_notices_scan(svc, svc->today + 1, &again, &err), GK_OK);
	assert_true(again > 0);
}

static void preferences_are_checked(void **state)
{
	struct fixture *f = *state;
	struct gk_svc *svc = svc_at(f->s, f->cal, &f->handler, -1);
	struct gk_notice_prefs p;
	struct gk_error err = {0};
	assert_int_equal(gk_svc_notice_prefs_get(svc, &p, &err), GK_OK);
	/* e-mail by default, but no address given */
	assert_int_equal(gk_svc_notice_prefs_set(svc, &p, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "请填写“电子邮箱”"));
	for (int k = 0; k < GK_NOTICE_COUNT; k++)
		if (p.channel[k] == GK_NOTICE_EMAIL)
			p.channel[k] = GK_NOTICE_NONE;
	p.channel[GK_NOTICE_DUE_SOON] = GK_NOTICE_SMS;
	assert_int_equal(gk_svc_notice_prefs_set(svc, &p, &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "请填写“手机号码”"));
	snprintf(p.phone, sizeof p.phone, "12345");
	assert_int_equal(gk_svc_notice_prefs_set(svc, &p, &err), GK_EINVAL);
	snprintf(p.phone, sizeof p.phone, "13800000000");
	assert_int_equal(gk_svc_notice_prefs_set(svc, &p, &err), GK_OK);
	struct gk_notice_prefs q;
	assert_int_equal(gk_svc_notice_prefs_get(svc, &q, &err), GK_OK);
	assert_int_equal(q.channel[GK_NOTICE_DUE_SOON], GK_NOTICE_SMS);
	assert_int_equal(q.channel[GK_NOTICE_ASSIGNED], GK_NOTICE_NONE);
	assert_string_equal(q.phone, "13800000000");
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

struct fee_notice {
	int64_t id;
};

static int find_fee_notice(const struct gk_notice *n, void *ctx)
{
	if (n->kind == GK_NOTICE_FEE)
		((struct fee_notice *)ctx)->id = n->id;
	return 0;
}

static void a_late_delivery_moves_the_days_to_pay(void **state)
{
	struct fixture *f = *state;
	long today = svc_at(f->s, f->cal, NULL, -1)->today;
	struct gk_application *app = registered(f, GK_DELIVERY_ONLINE, "13912345678", "", 45);
	int64_t id = app->id;
	char code[GK_TRACKING_CODE_LEN + 1];
	memcpy(code, app->tracking_code, sizeof code);
	struct gk_step_input st = step(GK_ACTION_ASSIGN);
	st.day = today - 44;
	st.handler_id = f->handler.id;
	act(f, &f->reviewer, id, &st);
	st = step(GK_ACTION_SEND_FEE_NOTICE);
	st.day = today - 40;
	st.fee.method = GK_FEE_BY_PAGES;
	st.fee.pages = 50;
	act(f, &f->handler, id, &st);
	struct fee_notice fn = {0};
	assert_int_equal(gk_store_notices_of_application(f->s, id, find_fee_notice, &fn, NULL),
			 GK_OK);
	assert_true(fn.id > 0);
	struct gk_notice n;
	assert_int_equal(gk_store_notice_get(f->s, fn.id, &n, NULL), GK_OK);
	assert_non_null(strstr(n.body, "应缴金额：200元"));
	assert_non_null(strstr(n.body, "按量计收，共50页"));
	assert_non_null(strstr(n.body, "某市某路1号"));
	assert_non_null(strstr(n.body, "国办函〔2020〕109号"));

	/* the SMS reached the applicant 30 days after the notice day: the 20
	   working days to pay run from then, so it cannot lapse yet */
	assert_int_equal(gk_store_notice_finish(f->s, fn.id, GK_NOTICE_SENT, 0, noon(today - 10),
						"", "", NULL),
			 GK_OK);
	st = step(GK_ACTION_ABANDON_FEE);
	struct gk_error err = {0};
	assert_int_equal(
		gk_svc_application_act(svc_at(f->s, f->cal, &f->handler, -1), id, &st, NULL, &err),
		GK_ECONFLICT);
	assert_non_null(strstr(err.detail, "此日之后才能按逾期"));
	/* and the applicant reads the day as moved */
	struct gk_app_own_view *v = malloc(sizeof *v);
	assert_int_equal(
		gk_svc_application_own_view(svc_at(f->s, f->cal, NULL, -1), code, "5678", v, &err),
		GK_OK);
	assert_true(v->fee_open);
	assert_int_equal(v->fee.payment_due, gk_fee_payment_due(f->cal, today - 10, NULL));
	gk_app_own_view_release(v);
	free(v);
	/* sent on the notice day: the recorded limit (long past) stands */
	assert_int_equal(gk_store_notice_finish(f->s, fn.id, GK_NOTICE_SENT, 0, noon(today - 40),
						"", "", NULL),
			 GK_OK);
	act(f, &f->handler, id, &st);
}

static void an_edited_template_is_used_for_new_notices(void **state)
{
	struct fixture *f = *state;
	struct gk_user admin = f->office; /* of the city office */
	struct gk_user local = f->office; /* an agency's administrator */
	local.city_wide = false;
	struct gk_error err = {0};
	/* only the city office's administrators */
	assert_int_equal(gk_svc_notice_template_save(svc_at(f->s, f->cal, &f->handler, -1),
						     GK_NOTICE_RECEIPT, "标题", "正文{code}", &err),
			 GK_EFORBIDDEN);
	assert_int_equal(gk_svc_notice_template_save(svc_at(f->s, f->cal, &local, -1),
						     GK_NOTICE_RECEIPT, "标题", "正文{code}", &err),
			 GK_EFORBIDDEN);
	assert_int_equal(gk_svc_notice_template_save(svc_at(f->s, f->cal, &admin, -1),
						     GK_NOTICE_RECEIPT, "【{agency}】收到",
						     "新模板：\r\n查询码{code}", &err),
			 GK_OK);
	/* an unknown placeholder: refused by name, nothing saved */
	err = (struct gk_error){0};
	assert_int_equal(gk_svc_notice_template_save(svc_at(f->s, f->cal, &admin, -1),
						     GK_NOTICE_RECEIPT, "标题", "金额{amount}",
						     &err),
			 GK_EINVAL);
	assert_non_null(strstr(err.detail, "占位符“{amount}”未知"));
	struct gk_notice_template t;
	bool edited = false;
	assert_int_equal(gk_svc_notice_template_get(svc_at(f->s, f->cal, &admin, -1),
						    GK_NOTICE_RECEIPT, &t, &edited, &err),
			 GK_OK);
	assert_true(edited);
	assert_string_equal(t.body, "新模板：\n查询码{code}"); /* a form's CRLF: LF */
	assert_int_equal(t.updated_by, admin.id);

	struct gk_application *app = registered(f, GK_DELIVERY_ONLINE, "13912345678", "", 0);
	struct gk_notice_records r;
	notices_of(f, app->id, &r);
	char code[GK_TRACKING_CODE_LEN + 2], body[64];
	snprintf(body, sizeof body, "新模板：\n查询码%s",
		 gk_tracking_code_display(app->tracking_code, code));
	assert_string_equal(r.items[0].notice.body, body);
	assert_string_equal(r.items[0].notice.subject, "【某市人民政府】收到");
	assert_int_equal(r.items[0].notice.state, GK_NOTICE_PENDING);
	gk_notice_records_release(&r);

	/* reset: the default again, for the next notice */
	assert_int_equal(gk_svc_notice_template_reset(svc_at(f->s, f->cal, &admin, -1),
						      GK_NOTICE_RECEIPT, &err),
			 GK_OK);
	assert_int_equal(gk_svc_notice_template_get(svc_at(f->s, f->cal, &admin, -1),
						    GK_NOTICE_RECEIPT, &t, &edited, &err),
			 GK_OK);
	assert_false(edited);
	assert_string_equal(t.body, gk_notice_body_template(GK_NOTICE_RECEIPT));
	app = registered(f, GK_DELIVERY_ONLINE, "13912345678", "", 0);
	notices_of(f, app->id, &r);
	assert_non_null(strstr(r.items[0].notice.body, "答复期限"));
	gk_notice_records_release(&r);
	/* each change has its audit row */
	int64_t rows = 0;
	assert_int_equal(
		gk_db_int(f->s,
			  "SELECT count(*) FROM audit_log WHERE object_type = 'notice_template'",
			  NULL, &rows, "count", &err),
		GK_OK);
	assert_int_equal(rows, 2);
}

/* An edited template naming a placeholder its kind no longer gives (stored
 * before an upgrade): the step goes through, its notice is written, failed,
 * with the reason naming the template and the placeholder. */
static void a_broken_template_fails_the_notice_not_the_step(void **state)
{
	struct fixture *f = *state;
	struct gk_notice_template t = {.kind = GK_NOTICE_SUPPLEMENT_REQUEST, .updated_at = 1};
	snprintf(t.subject, sizeof t.subject, "补正{code}");
	snprintf(t.body, sizeof t.body, "请补正{what}，经办人{clerk}");
	assert_int_equal(gk_store_notice_template_set(f->s, &t, NULL), GK_OK);

	struct gk_application *app = registered(f, GK_DELIVERY_ONLINE, "13912345678", "", 0);
	int64_t id = app->id;
	struct gk_step_input st = step(GK_ACTION_ASSIGN);
	st.handler_id = f->handler.id;
	act(f, &f->reviewer, id, &st);
	st = step(GK_ACTION_REQUEST_SUPPLEMENT);
	st.note = "请写明文号";
	st.until = svc_at(f->s, f->cal, NULL, -1)->today + 15;
	act(f, &f->handler, id, &st); /* not refused */
	struct gk_application got;
	assert_int_equal(gk_store_application_get(f->s, id, false, &got, NULL), GK_OK);
	assert_int_equal(got.state, GK_STATE_AWAITING_SUPPLEMENT);

	struct gk_notice_records r;
	notices_of(f, id, &r);
	assert_int_equal(r.count, 3);
	struct gk_notice *n = &r.items[2].notice;
	int64_t failed_id = n->id;
	assert_int_equal(n->kind, GK_NOTICE_SUPPLEMENT_REQUEST);
	assert_int_equal(n->state, GK_NOTICE_FAILED);
	assert_non_null(strstr(n->last_error, "“补正告知”通知模板（管理员修改后的）有误"));
	assert_non_null(strstr(n->last_error, "“{clerk}”未知"));
	assert_non_null(strstr(n->body, "{clerk}"));
	gk_notice_records_release(&r);
	/* its text is the error: not sent again by 重新发送 */
	struct gk_error err = {0};
	assert_int_equal(gk_svc_notice_retry(svc_at(f->s, f->cal, &f->handler, -1), id,
					     f->agency_id, failed_id, &err),
			 GK_ECONFLICT);
	assert_non_null(strstr(err.detail, "模板有误未能生成，不能重新发送"));
	/* never sent, never lost: not among the notices due */
	int64_t ids[8];
	size_t due = 0;
	assert_int_equal(gk_store_notices_due(f->s, INT64_MAX / 2, ids, 8, &due, NULL), GK_OK);
	for (size_t i = 0; i < due; i++)
		assert_int_not_equal(ids[i], failed_id);
	assert_int_equal(
		gk_store_notice_template_delete(f->s, GK_NOTICE_SUPPLEMENT_REQUEST, NULL, NULL),
		GK_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_receipt_goes_by_the_channel_the_applicant_chose),
		cmocka_unit_test(a_supplement_request_says_what_and_by_when),
		cmocka_unit_test(five_failures_then_one_send),
		cmocka_unit_test(a_retry_waits_as_long_as_the_transport_says),
		cmocka_unit_test(a_permanent_failure_is_kept_with_its_reason),
		cmocka_unit_test(a_send_cut_short_by_a_crash_is_taken_again),
		cmocka_unit_test(the_scan_adds_each_reminder_once_a_day),
		cmocka_unit_test(preferences_are_checked),
		cmocka_unit_test(a_late_delivery_moves_the_days_to_pay),
		cmocka_unit_test(an_edited_template_is_used_for_new_notices),
		cmocka_unit_test(a_broken_template_fails_the_notice_not_the_step),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
