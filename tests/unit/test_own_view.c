/* The applicant's own view of his application (service/applications.h,
 * issue 12): opened by the last four of the phone (with or without an
 * extension) or of the identity number, refused alike for a wrong code and
 * a wrong secret, and throttled after repeated failures per address and per
 * code, the right secret included. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "tempdb.h"

#include "service/agencies.h"
#include "service/applications.h"

struct fixture {
	struct tempdb db;
	struct gk_store *s;
	struct gk_calendar *cal;
	struct gk_svc cli;
	int64_t agency_id;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (!f || tempdb_open(&f->db, &f->s))
		return -1;
	f->cal = gk_svc_calendar_load(f->s, NULL);
	gk_svc_init(&f->cli, f->s, f->cal, NULL, "cli");
	struct gk_agency root = {.kind = GK_AGENCY_GOVERNMENT};
	snprintf(root.code, sizeof root.code, "ROOT01");
	snprintf(root.name, sizeof root.name, "某市人民政府");
	struct gk_error err = {0};
	if (!f->cal || gk_svc_agency_add(&f->cli, &root, NULL, &err) ||
	    gk_store_agency_by_code(f->s, "ROOT01", &root, &err))
		return -1;
	f->agency_id = root.id;
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

/* Submits an application from PHONE and ID (may be "") into *CODE. */
static void submit(struct fixture *f, const char *phone, const char *id, char *code)
{
	static struct gk_application app;
	struct gk_intake in;
	memset(&in, 0, sizeof in);
	in.agency_id = f->agency_id;
	in.kind = GK_INTAKE_ONLINE;
	in.facts.channel = GK_CHANNEL_ONLINE;
	in.facts.submitted = f->cli.today;
	in.facts.signed_for = in.facts.confirmed = GK_NO_DAY;
	in.applicant_type = id[0] ? GK_APPLICANT_NATURAL_PERSON : GK_APPLICANT_BUSINESS;
	in.id_type = id[0] ? GK_ID_RESIDENT : GK_ID_ANY;
	snprintf(in.applicant.name, sizeof in.applicant.name, "申请人");
	snprintf(in.applicant.phone, sizeof in.applicant.phone, "%s", phone);
	snprintf(in.applicant.id_number, sizeof in.applicant.id_number, "%s", id);
	in.description = "某文件\n第二行";
	in.delivery = GK_DELIVERY_ONLINE;
	struct gk_svc web;
	gk_svc_init(&web, f->s, f->cal, NULL, "203.0.113.1");
	struct gk_error err = {0};
	assert_int_equal(gk_svc_application_submit(&web, &in, &app, &err), GK_OK);
	memcpy(code, app.tracking_code, GK_TRACKING_CODE_LEN + 1);
}

static enum gk_err look(struct fixture *f, const char *origin, const char *code, const char *secret)
{
	static struct gk_app_own_view v;
	struct gk_svc web;
	gk_svc_init(&web, f->s, f->cal, NULL, origin);
	struct gk_error err = {0};
	enum gk_err rc = gk_svc_application_own_view(&web, code, secret, &v, &err);
	if (!rc) {
		assert_string_equal(v.app.description, "某文件\n第二行");
		assert_true(v.nevents >= 1);
		assert_string_equal(v.events[0].action, "create");
		assert_null(v.supplement);
		assert_false(v.reply_online);
	}
	gk_app_own_view_release(&v);
	return rc;
}

static void opened_by_the_last_four_of_phone_or_id(void **state)
{
	struct fixture *f = *state;
	char a[GK_TRACKING_CODE_LEN + 1], b[GK_TRACKING_CODE_LEN + 1];
	submit(f, "0352-5189096-123", "11010519491231002X", a);
	assert_int_equal(look(f, "192.0.2.1", a, "9096"), GK_OK); /* the main number */
	assert_int_equal(look(f, "192.0.2.1", a, "6123"), GK_OK); /* as written, extension too */
	assert_int_equal(look(f, "192.0.2.1", a, "002X"), GK_OK);
	assert_int_equal(look(f, "192.0.2.1", a, "002x"), GK_OK);
	assert_int_equal(look(f, "192.0.2.1", a, " 002X "), GK_OK);
	assert_int_equal(look(f, "192.0.2.1", a, "5189"), GK_ENOTFOUND);
	assert_int_equal(look(f, "192.0.2.1", a, ""), GK_ENOTFOUND);
	assert_int_equal(look(f, "192.0.2.1", a, "96"), GK_ENOTFOUND);
	submit(f, "13503520001", "", b);
	assert_int_equal(look(f, "192.0.2.1", b, "0001"), GK_OK);
	assert_int_equal(look(f, "192.0.2.1", b, "0000"), GK_ENOTFOUND);
	/* a code that does not exist is refused the same way */
	assert_int_equal(look(f, "192.0.2.1", "ZZZZZZZZZZ", "0001"), GK_ENOTFOUND);
}

static void failures_are_throttled(void **state)
{
	struct fixture *f = *state;
	char a[GK_TRACKING_CODE_LEN + 1];
	submit(f, "13503520002", "", a);
	for (int i = 0; i < GK_TRACK_MAX_PER_ADDR; i++)
		assert_int_equal(look(f, "192.0.2.2", a, "1111"), GK_ENOTFOUND);
	/* the right secret waits too: the limit is on the address */
	assert_int_equal(look(f, "192.0.2.2", a, "0002"), GK_ETHROTTLED);
	assert_int_equal(look(f, "192.0.2.3", a, "0002"), GK_OK);
	/* spread over addresses, the code's own limit holds */
	for (int i = GK_TRACK_MAX_PER_ADDR; i < GK_TRACK_MAX_PER_CODE; i++) {
		char origin[32];
		snprintf(origin, sizeof origin, "198.51.100.%d", i);
		assert_int_equal(look(f, origin, a, "1111"), GK_ENOTFOUND);
	}
	assert_int_equal(look(f, "192.0.2.4", a, "0002"), GK_ETHROTTLED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(opened_by_the_last_four_of_phone_or_id, setup,
						teardown),
		cmocka_unit_test_setup_teardown(failures_are_throttled, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
