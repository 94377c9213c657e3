/* Online consultation (issue 15): a question names its bad field in
 * Chinese; staff see and handle only their agency's subtree (the city
 * office all), the asker's data only in the agency asked and the city
 * office; an answer is published only with the asker's consent, and the
 * public list (a substring search) never carries the asker; a question
 * turned into an application keeps the day it was asked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "tempdb.h"

#include "core/consultation.h"
#include "lib/date.h"
#include "service/accounts.h"
#include "service/agencies.h"
#include "service/consultations.h"

static long day(const char *s)
{
	struct gk_date d;
	assert_true(gk_date_parse(s, &d));
	return gk_date_to_days(d);
}

struct fixture {
	struct tempdb db;
	struct gk_store *s;
	struct gk_calendar *cal;
	struct gk_svc cli;
	struct tempdb_city city;
	int64_t child; /* CHLD01, under DEPT01 */
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (!f || tempdb_open(&f->db, &f->s))
		return -1;
	f->cal = gk_calendar_new_builtin(NULL);
	gk_svc_init(&f->cli, f->s, f->cal, NULL, "cli");
	struct gk_agency a;
	if (tempdb_add_city(&f->cli, &f->city) ||
	    tempdb_add_agency(&f->cli, "CHLD01", "某市环境监测站", "DEPT01", false) ||
	    gk_store_agency_by_code(f->s, "CHLD01", &a, NULL))
		return -1;
	f->child = a.id;
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

/* A context acting as U (NULL: the public) on TODAY, without the limit
 * of online submissions; one at a time (static). */
static struct gk_svc *as(struct fixture *f, const struct gk_user *u, long today)
{
	struct gk_svc *svc = svc_at(f->s, f->cal, u, today);
	svc->intake_limit = 0;
	return svc;
}

static int64_t ask(struct fixture *f, int64_t agency, const char *subject, bool consent, long when)
{
	struct gk_question_input in = {0};
	in.agency_id = agency;
	in.subject = subject;
	in.question = "请问环评批复文件在哪里可以查到？";
	snprintf(in.asker.name, sizeof in.asker.name, "甄隐私");
	snprintf(in.asker.phone, sizeof in.asker.phone, "13912345678");
	snprintf(in.asker.email, sizeof in.asker.email, "zhen@example.cn");
	in.consent = consent;
	struct gk_consultation c;
	struct gk_error err = {0};
	assert_int_equal(gk_svc_consultation_ask(as(f, NULL, when), &in, NULL, &c, &err), GK_OK);
	assert_int_equal(strlen(c.code), GK_TRACKING_CODE_LEN);
	int64_t id = c.id;
	gk_consultation_release(&c);
	return id;
}

static void bad_input_names_the_field(void **state)
{
	struct fixture *f = *state;
	struct gk_question_input in = {0};
	struct gk_question_problems p;
	assert_int_equal(gk_question_check(&in, &p), 5);
	assert_non_null(strstr(p.message[GK_QFIELD_AGENCY], "咨询机关"));
	assert_non_null(strstr(p.message[GK_QFIELD_SUBJECT], "咨询主题"));
	assert_non_null(strstr(p.message[GK_QFIELD_QUESTION], "咨询内容"));
	assert_non_null(strstr(p.message[GK_QFIELD_NAME], "姓名"));
	in.agency_id = f->city.dept;
	in.subject = "主题";
	in.question = "内容";
	snprintf(in.asker.name, sizeof in.asker.name, "某人");
	assert_int_equal(gk_question_check(&in, &p), 1);
	assert_non_null(strstr(p.message[GK_QFIELD_PHONE], "联系电话"));
	snprintf(in.asker.phone, sizeof in.asker.phone, "12345");
	snprintf(in.asker.email, sizeof in.asker.email, "not-an-address");
	assert_int_equal(gk_question_check(&in, &p), 2);
	assert_non_null(strstr(p.message[GK_QFIELD_EMAIL], "电子邮箱"));
	char long_subject[400];
	memset(long_subject, 'x', 101);
	long_subject[101] = '\0';
	in.subject = long_subject;
	snprintf(in.asker.phone, sizeof in.asker.phone, "0352-5189096");
	in.asker.email[0] = '\0';
	struct gk_error err = {0};
	assert_int_equal(gk_svc_consultation_ask(as(f, NULL, day("2021-03-10")), &in, NULL,
						 &(struct gk_consultation){0}, &err),
			 GK_EINVAL);
	assert_non_null(strstr(err.detail, "“咨询主题”最多100个字"));
}

static void staff_see_their_subtree_and_the_asker_where_allowed(void **state)
{
	struct fixture *f = *state;
	int64_t id = ask(f, f->child, "监测数据", true, day("2021-03-10"));
	struct gk_consultation c;
	struct gk_error err = {0};
	bool personal = true;
	/* the parent agency's handler: the question, not the asker */
	assert_int_equal(gk_svc_consultation_get(as(f, &f->city.handler, day("2021-03-11")), id, &c,
						 &personal, &err),
			 GK_OK);
	assert_false(personal);
	assert_string_equal(c.asker.name, "");
	gk_consultation_release(&c);
	/* another department: as if it did not exist */
	assert_int_equal(gk_svc_consultation_get(as(f, &f->city.stranger, day("2021-03-11")), id,
						 &c, NULL, &err),
			 GK_ENOTFOUND);
	assert_int_equal(gk_svc_consultation_answer(as(f, &f->city.stranger, day("2021-03-11")), id,
						    "答复", false, &err),
			 GK_ENOTFOUND);
	/* an editor of the agency: not his task */
	assert_int_equal(gk_svc_consultation_get(as(f, &f->city.editor, day("2021-03-11")), id, &c,
						 NULL, &err),
			 GK_EFORBIDDEN);
	/* the city office: everything, the asker too */
	assert_int_equal(gk_svc_consultation_get(as(f, &f->city.office, day("2021-03-11")), id, &c,
						 &personal, &err),
			 GK_OK);
	assert_true(personal);
	assert_string_equal(c.asker.name, "甄隐私");
	gk_consultation_release(&c);
	/* the parent's handler may answer, not convert (the asker would pass to him) */
	assert_int_equal(gk_svc_consultation_convert(as(f, &f->city.handler, day("2021-03-11")), id,
						     NULL, &err),
			 GK_EFORBIDDEN);
	assert_int_equal(gk_svc_consultation_answer(as(f, &f->city.handler, day("2021-03-11")), id,
						    "见本局网站。", true, &err),
			 GK_OK);
}

struct seen {
	int n;
	bool asker;
};

static int count_row(const struct gk_consultation *c, void *ctx)
{
	struct seen *s = ctx;
	s->n++;
	s->asker |= c->asker.name[0] || c->asker.phone[0];
	return 0;
}

static int published(struct fixture *f, const char *query)
{
	struct gk_question_filter q = {.published = true, .state = -1, .query = query, .limit = 50};
	struct seen s = {0};
	assert_int_equal(gk_store_consultation_list(f->s, &q, count_row, &s, NULL), GK_OK);
	assert_false(s.asker);
	return s.n;
}

static void published_only_with_consent(void **state)
{
	struct fixture *f = *state;
	long d = day("2021-04-01");
	int64_t no = ask(f, f->city.dept, "不同意公开的咨询", false, d);
	int64_t yes = ask(f, f->city.dept, "同意公开的咨询", true, d);
	struct gk_error err = {0};
	struct gk_svc *svc = as(f, &f->city.handler, d + 1);
	/* not answered yet: nothing to publish */
	assert_int_equal(gk_svc_consultation_publish(svc, yes, true, &err), GK_ECONFLICT);
	assert_int_equal(gk_svc_consultation_answer(svc, no, "答复甲", true, &err), GK_ECONFLICT);
	assert_non_null(strstr(err.detail, "未同意公开"));
	assert_int_equal(gk_svc_consultation_answer(svc, no, "答复甲", false, &err), GK_OK);
	assert_int_equal(gk_svc_consultation_publish(svc, no, true, &err), GK_ECONFLICT);
	assert_int_equal(gk_svc_consultation_answer(svc, yes, "答复乙：环评批复在主动公开目录中",
						    false, &err),
			 GK_OK);
	assert_int_equal(published(f, NULL), 0);
	assert_int_equal(gk_svc_consultation_publish(svc, yes, true, &err), GK_OK);
	assert_int_equal(published(f, NULL), 1);
	/* a substring of the answer, of the subject; LIKE's own characters are text */
	assert_int_equal(published(f, "主动公开目"), 1);
	assert_int_equal(published(f, "同意公开的"), 1);
	assert_int_equal(published(f, "%"), 0);
	assert_int_equal(published(f, "_"), 0);
	assert_int_equal(published(f, "' OR 1=1 --"), 0);
	assert_int_equal(gk_svc_consultation_publish(svc, yes, false, &err), GK_OK);
	assert_int_equal(published(f, NULL), 0);
	/* a rejection needs its reason */
	int64_t spam = ask(f, f->city.dept, "广告", true, d);
	svc = as(f, &f->city.handler, d + 1); /* ask() used the one context */
	assert_int_equal(gk_svc_consultation_reject(svc, spam, "", &err), GK_EINVAL);
	assert_non_null(strstr(err.detail, "不予答复的理由"));
	assert_int_equal(gk_svc_consultation_reject(svc, spam, "广告内容", &err), GK_OK);
	assert_int_equal(gk_svc_consultation_answer(svc, spam, "答复", false, &err), GK_ECONFLICT);
	struct gk_question_counts n;
	assert_int_equal(gk_store_consultation_counts(f->s, f->city.dept, 2021, &n, &err), GK_OK);
	assert_int_equal(n.total, 3);
	assert_int_equal(n.by_state[GK_QUESTION_ANSWERED], 2);
	assert_int_equal(n.by_state[GK_QUESTION_REJECTED], 1);
	assert_int_equal(gk_store_consultation_counts(f->s, f->city.other, 2021, &n, &err), GK_OK);
	assert_int_equal(n.total, 0);
}

static void conversion_keeps_the_day_asked(void **state)
{
	struct fixture *f = *state;
	long asked = day("2021-03-10");
	int64_t id = ask(f, f->city.dept, "想要一份文件", true, asked);
	struct gk_application app;
	struct gk_error err = {0};
	assert_int_equal(gk_svc_consultation_convert(as(f, &f->city.handler, day("2021-03-15")), id,
						     &app, &err),
			 GK_OK);
	assert_int_equal(app.received, asked);
	assert_int_equal(app.channel, GK_CHANNEL_ONLINE);
	assert_int_equal(app.agency_id, f->city.dept);
	assert_string_equal(app.applicant.name, "甄隐私");
	assert_string_equal(app.applicant.phone, "13912345678");
	assert_string_equal(app.description, "请问环评批复文件在哪里可以查到？");
	struct gk_consultation c;
	assert_int_equal(gk_store_consultation_get(f->s, id, false, &c, &err), GK_OK);
	assert_int_equal(c.state, GK_QUESTION_CONVERTED);
	assert_int_equal(c.application_id, app.id);
	assert_string_equal(c.application_code, app.tracking_code);
	gk_consultation_release(&c);
	/* once only */
	assert_int_equal(gk_svc_consultation_convert(as(f, &f->city.handler, day("2021-03-15")), id,
						     NULL, &err),
			 GK_ECONFLICT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(bad_input_names_the_field, setup, teardown),
		cmocka_unit_test_setup_teardown(staff_see_their_subtree_and_the_asker_where_allowed,
						setup, teardown),
		cmocka_unit_test_setup_teardown(published_only_with_consent, setup, teardown),
		cmocka_unit_test_setup_teardown(conversion_keeps_the_day_asked, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
