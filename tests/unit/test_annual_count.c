/* Counting the yearly report from the records (core/report/annual_count.c,
 * store/report_store.c, service/annual_report.c): thousands of random
 * application histories across year ends prove every identity of the 2021
 * and 2019 tables in every column, for every agency and the roll-up, the
 * carry-over from year to year, the roll-up as the sum of its parts, and
 * each application counted once; a small history computed by hand; the
 * catalogue's aggregate SQL against the pure rule; the demo's 2017
 * figures through the service. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/calendar.h"
#include "core/report/annual_count.h"
#include "lib/date.h"
#include "service/annual_report.h"
#include "service/demo.h"
#include "store/db.h"
#include "tempdb.h"

static long ymd(int y, int m, int d)
{
	return gk_date_to_days((struct gk_date){y, m, d});
}

static uint64_t rng = 88172645463325252ull;
static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* --- random histories --------------------------------------------------------------- */

#define NAGENCIES 5
#define NAPPS     4000
#define YEAR_LO   2014
#define YEAR_HI   2027

struct history {
	int agency;
	struct gk_annual_app app;
};

/* One application along one of the workflow's paths, received 2015–2024,
 * concluded up to ~14 months later (so across one or two year ends). */
static void random_history(struct history *h)
{
	static const enum gk_outcome replies[] = {
		GK_OUTCOME_ALREADY_PUBLIC,
		GK_OUTCOME_DISCLOSED,
		GK_OUTCOME_PARTLY_DISCLOSED,
		GK_OUTCOME_WITHHELD_STATE_SECRET,
		GK_OUTCOME_WITHHELD_LAW_PROHIBITED,
		GK_OUTCOME_WITHHELD_SECURITY,
		GK_OUTCOME_WITHHELD_THIRD_PARTY,
		GK_OUTCOME_WITHHELD_INTERNAL,
		GK_OUTCOME_WITHHELD_PROCESS,
		GK_OUTCOME_WITHHELD_ENFORCEMENT_FILE,
		GK_OUTCOME_WITHHELD_QUERY_MATTER,
		GK_OUTCOME_NOT_THIS_AGENCY,
		GK_OUTCOME_NOT_EXIST,
		GK_OUTCOME_NEEDS_CREATION,
		GK_OUTCOME_UNCLEAR_AFTER_SUPPLEMENT,
		GK_OUTCOME_PETITION,
		GK_OUTCOME_REPEAT,
		GK_OUTCOME_PUBLICATION,
		GK_OUTCOME_EXCESSIVE,
		GK_OUTCOME_CONFIRM_OR_REISSUE,
	};
	memset(h, 0, sizeof *h);
	h->agency = (int)rnd(NAGENCIES);
	struct gk_annual_app *a = &h->app;
	a->received = ymd(2015, 1, 1) + (long)rnd(10 * 365);
	a->type = (enum gk_applicant_type)rnd(GK_APPLICANT_COUNT);
	a->channel = (enum gk_channel)rnd(GK_CHANNEL_COUNT);
	a->concluded = GK_NO_DAY;
	a->outcome = -1;
	a->fee_day = GK_NO_DAY;
	long took = 1 + (long)rnd(rnd(8) == 0 ? 420 : 40);
	switch (rnd(9)) {
	case 0: /* still open */
		return;
	case 1: /* replied after an extension */
		a->outcome = (int)replies[rnd(sizeof replies / sizeof replies[0])];
		a->on_time = a->after_extension = true;
		break;
	case 2: /* 补正 requested, never received: abandoned */
		a->outcome = GK_OUTCOME_LAPSED_NO_SUPPLEMENT;
		a->on_time = true;
		break;
	case 3: /* withdrawn */
		a->outcome = GK_OUTCOME_OTHER;
		a->on_time = true;
		break;
	case 4: /* fee notice not paid: closed */
		a->outcome = GK_OUTCOME_LAPSED_NO_FEE;
		a->on_time = true;
		break;
	case 5: /* fee paid, then replied; some still open after paying */
		a->fee_day = a->received + took / 2;
		a->fee_fen = 100 * (1 + (int64_t)rnd(500));
		if (rnd(4) == 0)
			return;
		a->outcome = (int)replies[rnd(sizeof replies / sizeof replies[0])];
		a->on_time = rnd(5) != 0;
		break;
	case 6: /* replied late */
		a->outcome = (int)replies[rnd(sizeof replies / sizeof replies[0])];
		break;
	default: /* replied on time */
		a->outcome = (int)replies[rnd(sizeof replies / sizeof replies[0])];
		a->on_time = true;
		break;
	}
	a->concluded = a->received + took;
}

static void count_year(struct gk_annual *a, int year, const struct history *h, size_t n, int agency)
{
	gk_annual_init(a, year);
	for (size_t i = 0; i < n; i++)
		if (agency < 0 || h[i].agency == agency)
			gk_annual_count_application(a, &h[i].app);
}

static void assert_same(const struct gk_annual *x, const struct gk_annual *y)
{
	for (int r = 0; r < GK_T2_NROWS; r++)
		for (int c = 0; c < GK_T2_COLS; c++)
			assert_int_equal(x->t2[r][c], y->t2[r][c]);
	for (int g = 0; g <= GK_T3_NGROUPS; g++)
		for (int c = 0; c < GK_T3_NCOLS; c++)
			assert_int_equal(x->t3[g][c], y->t3[g][c]);
	for (int r = 0; r < GK_T1_NROWS; r++)
		for (int c = 0; c < GK_T1_NCOLUMNS; c++)
			assert_true(x->t1[r][c] == y->t1[r][c]);
	assert_int_equal(x->received, y->received);
	assert_int_equal(x->concluded, y->concluded);
	assert_int_equal(x->on_time, y->on_time);
	assert_int_equal(x->extended, y->extended);
	assert_int_equal(x->carried_out, y->carried_out);
	assert_int_equal(x->fees_collected_fen, y->fees_collected_fen);
	assert_int_equal(x->fee_applications, y->fee_applications);
	assert_int_equal(x->complaints, y->complaints);
	assert_int_equal(x->complaints_closed, y->complaints_closed);
	assert_int_equal(x->records, y->records);
	assert_memory_equal(x->received_by_channel, y->received_by_channel,
			    sizeof x->received_by_channel);
	assert_memory_equal(x->by_category, y->by_category, sizeof x->by_category);
	assert_memory_equal(x->refused_by_reason, y->refused_by_reason,
			    sizeof x->refused_by_reason);
}

static void verify_ok(const struct gk_annual *a)
{
	struct gk_error e = {0};
	enum gk_err rc = gk_annual_verify(a, &e);
	if (rc)
		fail_msg("%d: %s", a->year, e.detail);
}

static void random_histories_balance_in_every_year_and_agency(void **state)
{
	(void)state;
	struct history *h = calloc(NAPPS, sizeof *h);
	assert_non_null(h);
	for (size_t i = 0; i < NAPPS; i++)
		random_history(&h[i]);
	static struct gk_annual prev[NAGENCIES + 1], cur[NAGENCIES + 1], sum;
	int64_t results_all_years = 0, open_now = 0;
	for (size_t i = 0; i < NAPPS; i++)
		open_now += h[i].app.concluded == GK_NO_DAY ||
			    h[i].app.concluded > ymd(YEAR_HI, 12, 31);
	for (int year = YEAR_LO; year <= YEAR_HI; year++) {
		/* each agency, then the roll-up two ways: summed and counted at once */
		gk_annual_init(&sum, year);
		for (int ag = 0; ag < NAGENCIES; ag++) {
			count_year(&cur[ag], year, h, NAPPS, ag);
			gk_annual_totals(&cur[ag]);
			verify_ok(&cur[ag]);
			gk_annual_add(&sum, &cur[ag]);
		}
		gk_annual_totals(&sum);
		verify_ok(&sum);
		count_year(&cur[NAGENCIES], year, h, NAPPS, -1);
		gk_annual_totals(&cur[NAGENCIES]);
		verify_ok(&cur[NAGENCIES]);
		assert_same(&sum, &cur[NAGENCIES]);
		/* 上年结转 of this year is 结转下年度 of the last, per column */
		for (int k = 0; k <= NAGENCIES; k++) {
			for (int c = 0; c < GK_T2_COLS; c++) {
				int64_t before =
					year == YEAR_LO ? 0 : prev[k].t2[GK_T2_CARRY_OUT][c];
				if (year == YEAR_LO)
					continue;
				assert_int_equal(cur[k].t2[GK_T2_CARRY_IN][c], before);
			}
			/* the 2019 format's single （六） row is the sum of the three */
			assert_int_equal(cur[k].t2[GK_T2_OTHER][GK_T2_ALL],
					 cur[k].t2[GK_T2_OTHER_NO_SUPPLEMENT][GK_T2_ALL] +
						 cur[k].t2[GK_T2_OTHER_NO_FEE][GK_T2_ALL] +
						 cur[k].t2[GK_T2_OTHER_OTHER][GK_T2_ALL]);
			prev[k] = cur[k];
		}
		results_all_years += cur[NAGENCIES].t2[GK_T2_TOTAL][GK_T2_ALL];
	}
	/* every application concluded by the last year is in exactly one
	 * result row of one year; the rest are still carried forward */
	assert_int_equal(results_all_years + open_now, NAPPS);
	assert_int_equal(prev[NAGENCIES].t2[GK_T2_CARRY_OUT][GK_T2_ALL], open_now);
	free(h);
}

/* Each application alone: over all years it has exactly one result row,
 * the one of its outcome, in the year of its conclusion. */
static void each_application_is_counted_once(void **state)
{
	(void)state;
	for (int i = 0; i < 3000; i++) {
		struct history h;
		random_history(&h);
		int results = 0, news = 0;
		for (int year = YEAR_LO; year <= YEAR_HI; year++) {
			struct gk_annual a;
			count_year(&a, year, &h, 1, -1);
			gk_annual_totals(&a);
			verify_ok(&a);
			if (a.t2[GK_T2_TOTAL][GK_T2_ALL]) {
				results++;
				assert_int_equal(gk_date_from_days(h.app.concluded).year, year);
				assert_int_equal(a.t2[gk_annual_outcome_row(h.app.outcome)]
						     [gk_annual_applicant_col(h.app.type)],
						 1);
			}
			news += (int)a.t2[GK_T2_NEW][GK_T2_ALL];
		}
		assert_int_equal(news, 1);
		assert_int_equal(results, h.app.concluded == GK_NO_DAY ? 0 : 1);
	}
}

/* --- disputes, complaints, responses -------------------------------------------------- */

static void random_cases_fill_table3_by_filing_year(void **state)
{
	(void)state;
	for (int year = 2016; year <= 2024; year++) {
		struct gk_annual a;
		gk_annual_init(&a, year);
		int64_t filed = 0, pending = 0, complaints = 0, closed = 0;
		for (int i = 0; i < 2000; i++) {
			struct gk_dispute d;
			memset(&d, 0, sizeof d);
			d.kind = (enum gk_dispute_kind)rnd(GK_DISPUTE_COUNT);
			d.filed = ymd(2015, 1, 1) + (long)rnd(10 * 365);
			d.result = (enum gk_dispute_result)rnd(GK_RESULT_COUNT);
			d.decided = d.result == GK_RESULT_PENDING ? GK_NO_DAY
								  : d.filed + (long)rnd(400);
			gk_annual_count_dispute(&a, &d);
			if (gk_date_from_days(d.filed).year == year) {
				filed++;
				pending += d.result == GK_RESULT_PENDING ||
					   gk_date_from_days(d.decided).year > year;
			}
			struct gk_complaint c;
			memset(&c, 0, sizeof c);
			c.received = ymd(2015, 1, 1) + (long)rnd(10 * 365);
			c.status = (enum gk_complaint_status)rnd(GK_COMPLAINT_COUNT);
			c.closed = c.status == GK_COMPLAINT_OPEN ? GK_NO_DAY
								 : c.received + (long)rnd(100);
			gk_annual_count_complaint(&a, &c);
			if (gk_date_from_days(c.received).year == year) {
				complaints++;
				closed += c.status != GK_COMPLAINT_OPEN &&
					  gk_date_from_days(c.closed).year == year;
			}
		}
		gk_annual_totals(&a);
		verify_ok(&a);
		int64_t all = 0, pend = 0;
		for (int g = 0; g < GK_T3_NGROUPS; g++) {
			all += a.t3[g][GK_T3_ALL];
			pend += a.t3[g][GK_T3_PENDING];
		}
		assert_int_equal(all, filed);
		assert_int_equal(pend, pending);
		assert_int_equal(a.complaints, complaints);
		assert_int_equal(a.complaints_closed, closed);
	}
}

/* --- a small history by hand ------------------------------------------------------------- */

static struct gk_annual_app app_of(long received, enum gk_applicant_type type, long concluded,
				   int outcome, bool on_time, bool extended)
{
	struct gk_annual_app a = {received, type,     GK_CHANNEL_LETTER, concluded, outcome,
				  on_time,  extended, GK_NO_DAY,         0};
	return a;
}

static void a_known_history_gives_known_tables(void **state)
{
	(void)state;
	struct gk_annual_app apps[5] = {
		/* A: received 2020, open over the year end, disclosed in Feb 2021 */
		app_of(ymd(2020, 12, 20), GK_APPLICANT_NATURAL_PERSON, ymd(2021, 2, 3),
		       GK_OUTCOME_DISCLOSED, true, false),
		/* B: 2021, withheld (third party) after an extension */
		app_of(ymd(2021, 3, 1), GK_APPLICANT_BUSINESS, ymd(2021, 4, 20),
		       GK_OUTCOME_WITHHELD_THIRD_PARTY, true, true),
		/* C: 2021, 补正 never received */
		app_of(ymd(2021, 6, 1), GK_APPLICANT_NATURAL_PERSON, ymd(2021, 6, 20),
		       GK_OUTCOME_LAPSED_NO_SUPPLEMENT, true, false),
		/* D: 2021, open at the year end, withdrawn in 2022 */
		app_of(ymd(2021, 12, 28), GK_APPLICANT_LEGAL_SERVICES, ymd(2022, 1, 5),
		       GK_OUTCOME_OTHER, true, false),
		/* E: 2021, fee not paid */
		app_of(ymd(2021, 9, 1), GK_APPLICANT_NATURAL_PERSON, ymd(2021, 10, 15),
		       GK_OUTCOME_LAPSED_NO_FEE, true, false),
	};
	apps[4].fee_day = GK_NO_DAY;
	apps[1].fee_day = ymd(2021, 4, 1), apps[1].fee_fen = 3800;
	struct gk_annual a;
	gk_annual_init(&a, 2021);
	for (int i = 0; i < 5; i++)
		gk_annual_count_application(&a, &apps[i]);
	gk_annual_totals(&a);
	verify_ok(&a);
	assert_int_equal(a.t2[GK_T2_NEW][GK_T2_ALL], 4);
	assert_int_equal(a.t2[GK_T2_NEW][GK_T2_NATURAL_PERSON], 2);
	assert_int_equal(a.t2[GK_T2_NEW][GK_T2_BUSINESS], 1);
	assert_int_equal(a.t2[GK_T2_NEW][GK_T2_LEGAL_SERVICES], 1);
	assert_int_equal(a.t2[GK_T2_CARRY_IN][GK_T2_NATURAL_PERSON], 1);
	assert_int_equal(a.t2[GK_T2_CARRY_IN][GK_T2_ALL], 1);
	assert_int_equal(a.t2[GK_T2_GRANTED][GK_T2_NATURAL_PERSON], 1);
	assert_int_equal(a.t2[GK_T2_REFUSED_THIRD_PARTY][GK_T2_BUSINESS], 1);
	assert_int_equal(a.t2[GK_T2_REFUSED][GK_T2_ALL], 1);
	assert_int_equal(a.t2[GK_T2_OTHER_NO_SUPPLEMENT][GK_T2_NATURAL_PERSON], 1);
	assert_int_equal(a.t2[GK_T2_OTHER_NO_FEE][GK_T2_NATURAL_PERSON], 1);
	assert_int_equal(a.t2[GK_T2_OTHER][GK_T2_ALL], 2);
	assert_int_equal(a.t2[GK_T2_TOTAL][GK_T2_ALL], 4);
	assert_int_equal(a.t2[GK_T2_TOTAL][GK_T2_NATURAL_PERSON], 3);
	assert_int_equal(a.t2[GK_T2_CARRY_OUT][GK_T2_LEGAL_SERVICES], 1);
	assert_int_equal(a.t2[GK_T2_CARRY_OUT][GK_T2_ALL], 1);
	assert_int_equal(a.received, 4);
	assert_int_equal(a.received_by_channel[GK_CHANNEL_LETTER], 4);
	assert_int_equal(a.concluded, 4);
	assert_int_equal(a.on_time, 3);
	assert_int_equal(a.extended, 1);
	assert_int_equal(a.by_category[GK_PRE2019_GRANTED], 1);
	assert_int_equal(a.by_category[GK_PRE2019_REFUSED], 1);
	assert_int_equal(a.refused_by_reason[GK_REFUSAL_THIRD_PARTY], 1);
	assert_int_equal(a.by_category[GK_PRE2019_AMEND], 1);
	assert_int_equal(a.by_category[GK_PRE2019_NONE], 1);
	assert_int_equal(a.fees_collected_fen, 3800);
	assert_int_equal(a.fee_applications, 1);
	assert_int_equal(a.records, 5);

	/* 2022: D carried in and withdrawn; nothing new */
	gk_annual_init(&a, 2022);
	for (int i = 0; i < 5; i++)
		gk_annual_count_application(&a, &apps[i]);
	gk_annual_totals(&a);
	verify_ok(&a);
	assert_int_equal(a.t2[GK_T2_NEW][GK_T2_ALL], 0);
	assert_int_equal(a.t2[GK_T2_CARRY_IN][GK_T2_LEGAL_SERVICES], 1);
	assert_int_equal(a.t2[GK_T2_OTHER_OTHER][GK_T2_LEGAL_SERVICES], 1);
	assert_int_equal(a.t2[GK_T2_CARRY_OUT][GK_T2_ALL], 0);
	assert_int_equal(a.records, 1);

	/* a case filed in 2021 and decided in 2022 is 尚未审结 in 2021 */
	struct gk_dispute d = {0};
	d.kind = GK_DISPUTE_DIRECT_SUIT;
	d.filed = ymd(2021, 11, 1);
	d.decided = ymd(2022, 2, 1);
	d.result = GK_RESULT_CORRECTED;
	gk_annual_init(&a, 2021);
	gk_annual_count_dispute(&a, &d);
	d.kind = GK_DISPUTE_REVIEW;
	d.decided = ymd(2021, 12, 31);
	gk_annual_count_dispute(&a, &d);
	gk_annual_totals(&a);
	verify_ok(&a);
	assert_int_equal(a.t3[GK_T3_DIRECT_SUIT][GK_T3_PENDING], 1);
	assert_int_equal(a.t3[GK_T3_SUIT][GK_T3_ALL], 1);
	assert_int_equal(a.t3[GK_T3_REVIEW][GK_T3_CORRECTED], 1);
	gk_annual_init(&a, 2022);
	gk_annual_count_dispute(&a, &d); /* counted in the year filed only */
	assert_int_equal(a.records, 0);
}

static void figures_fill_table1(void **state)
{
	(void)state;
	struct gk_annual_figures y, before;
	memset(&y, 0, sizeof y);
	memset(&before, 0, sizeof before);
	y.value[GK_YF_LICENSE_DECISIONS] = 120, y.known[GK_YF_LICENSE_DECISIONS] = true;
	y.value[GK_YF_ADMIN_FEES] = 123456789, y.known[GK_YF_ADMIN_FEES] = true;
	y.value[GK_YF_LICENSE_ITEMS] = 40, y.known[GK_YF_LICENSE_ITEMS] = true;
	before.value[GK_YF_LICENSE_ITEMS] = 44, before.known[GK_YF_LICENSE_ITEMS] = true;
	before.value[GK_YF_PENALTY_ITEMS] = 9, before.known[GK_YF_PENALTY_ITEMS] = true;
	y.value[GK_YF_OUTLET_WEIBO_EXTRA] = 17, y.known[GK_YF_OUTLET_WEIBO_EXTRA] = true;
	struct gk_annual a;
	gk_annual_init(&a, 2021);
	gk_annual_count_figures(&a, &y, &before);
	assert_true(a.t1[GK_T1_LICENSE][GK_T1_DECIDED] == 120);
	assert_true(a.t1[GK_T1_LICENSE][GK_T1_DECIDED_2019] == 120);
	assert_true(a.t1[GK_T1_FEES][GK_T1_FEES_COLLECTED] == 123.456789);
	assert_true(a.t1[GK_T1_LICENSE][GK_T1_ITEMS_LAST_YEAR] == 44);
	assert_true(a.t1[GK_T1_LICENSE][GK_T1_ITEMS_CHANGE] == -4);
	/* entered last year only: the count stands, no change is stated */
	assert_true(a.t1[GK_T1_PENALTY][GK_T1_ITEMS_LAST_YEAR] == 9);
	assert_true(a.t1[GK_T1_PENALTY][GK_T1_ITEMS_CHANGE] == 0);
	assert_int_equal(a.by_outlet[GK_OUTLET_WEIBO], 17);
	assert_true(a.figure_known[GK_YF_LICENSE_DECISIONS]);
	assert_false(a.figure_known[GK_YF_TRAINING_SESSIONS]);
	assert_int_equal(a.records, 1);
}

/* --- the store: the catalogue's SQL against the pure rule ------------------------------ */

static char *day_text(long d, char buf[11])
{
	if (d == GK_NO_DAY) {
		buf[0] = '\0';
		return buf;
	}
	return gk_date_format(gk_date_from_days(d), buf);
}

static int add_items(int64_t agency_id, const struct gk_annual_items *c, void *ctx)
{
	gk_annual_count_items(ctx, c);
	return 0;
}

static void assert_same_items(const struct gk_annual *x, const struct gk_annual *y)
{
	assert_int_equal(x->items_published, y->items_published);
	assert_int_equal(x->items_normative, y->items_normative);
	assert_int_equal(x->interpretations, y->interpretations);
	assert_memory_equal(x->by_outlet, y->by_outlet, sizeof x->by_outlet);
	static const int rows[] = {GK_T1_RULES, GK_T1_NORMATIVE};
	for (int r = 0; r < 2; r++)
		for (int c = 0; c < GK_T1_NCOLUMNS; c++)
			if (x->t1[rows[r]][c] != y->t1[rows[r]][c])
				fail_msg("%d: %s %s: rule %.0f, SQL %.0f", x->year,
					 gk_report_t1_row_info(rows[r])->code,
					 gk_report_t1_col_info(c)->name, x->t1[rows[r]][c],
					 y->t1[rows[r]][c]);
}

static void catalogue_sql_matches_the_rule(void **state)
{
	(void)state;
	struct tempdb t;
	struct gk_store *s;
	assert_int_equal(tempdb_open(&t, &s), 0);
	struct gk_error e = {0};
	struct gk_agency ag[3];
	memset(ag, 0, sizeof ag);
	for (int i = 0; i < 3; i++) {
		snprintf(ag[i].code, sizeof ag[i].code, "00000000%d", i);
		snprintf(ag[i].name, sizeof ag[i].name, "机构%d", i);
		ag[i].kind = GK_AGENCY_DEPARTMENT;
		ag[i].parent_id = i ? ag[0].id : 0;
		assert_int_equal(gk_store_agency_add(s, &ag[i], &e), GK_OK);
	}
	enum { NDOCS = 1500 };
	static struct gk_annual_doc docs[NDOCS];
	static int owner[NDOCS];
	static const char *const status[] = {"published", "draft", "withdrawn"};
	assert_int_equal(gk_store_begin(s, &e), GK_OK);
	for (int i = 0; i < NDOCS; i++) {
		struct gk_annual_doc *d = &docs[i];
		int st = rnd(6) == 0 ? 1 + (int)rnd(2) : 0;
		d->published = st == 0;
		d->normative = (enum gk_normative)(rnd(3) ? rnd(3) : 0);
		d->published_day = ymd(2016, 1, 1) + (long)rnd(8 * 365);
		d->written = rnd(4) ? d->published_day - (long)rnd(60) : GK_NO_DAY;
		d->effective = rnd(2) ? d->published_day + (long)rnd(60) : GK_NO_DAY;
		d->validity = (enum gk_validity)rnd(GK_VALIDITY_COUNT);
		d->ended = rnd(3) ? d->published_day + (long)rnd(1500) : GK_NO_DAY;
		d->outlets = 1u + rnd(GK_OUTLETS_ALL);
		d->interpretation = rnd(5) == 0;
		owner[i] = (int)rnd(3);
		char pub[20], w[11], ef[11], en[11], outlets[64];
		day_text(d->published_day, pub);
		size_t len = strlen(pub);
		snprintf(pub + len, sizeof pub - len, " %02u:%02u", rnd(24), rnd(60));
		gk_outlets_format(d->outlets, outlets, sizeof outlets);
		static const char sql[] =
			"INSERT INTO items(agency_id, status, title, topic, genre, written, published,"
			" validity, effective, ended, normative, outlets, interp_kind)"
			" VALUES (?1, ?2, 'doc', '10', 'notice', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
		assert_int_equal(gk_db_exec(s, sql,
					    GK_ARGS(GK_INT(ag[owner[i]].id), GK_TEXT(status[st]),
						    GK_TEXT(day_text(d->written, w)), GK_TEXT(pub),
						    GK_TEXT(gk_validity_code(d->validity)),
						    GK_TEXT(day_text(d->effective, ef)),
						    GK_TEXT(day_text(d->ended, en)),
						    GK_TEXT(gk_normative_code(d->normative)),
						    GK_TEXT(outlets),
						    GK_TEXT(d->interpretation ? "dept" : "")),
					    NULL, "insert", &e),
				 GK_OK);
	}
	assert_int_equal(gk_store_commit(s, &e), GK_OK);
	for (int year = 2016; year <= 2024; year++) {
		/* the subtree (every agency), then agency 1 alone */
		for (int one = -1; one <= 1; one += 2) {
			struct gk_annual by_rule, by_sql;
			gk_annual_init(&by_rule, year);
			gk_annual_init(&by_sql, year);
			struct gk_annual_items c;
			memset(&c, 0, sizeof c);
			for (int i = 0; i < NDOCS; i++)
				if (one < 0 || owner[i] == one)
					gk_annual_doc_count(&c, &docs[i], year);
			gk_annual_count_items(&by_rule, &c);
			struct gk_report_scope sc = {one < 0 ? ag[0].id : ag[one].id, one < 0,
						     year};
			assert_int_equal(gk_store_report_items(s, &sc, add_items, &by_sql, &e),
					 GK_OK);
			assert_same_items(&by_rule, &by_sql);
		}
	}
	tempdb_remove(&t, s);
}

/* --- the store: applications read as the rule counts them ------------------------------ */

static void exec_sql(struct gk_store *s, const char *sql, const struct gk_val *args)
{
	struct gk_error e = {0};
	if (gk_db_exec(s, sql, args, NULL, "test", &e))
		fail_msg("%s", e.detail);
}

/* Random histories stored as the workflow leaves them (a reply's day in
 * applications.replied; a withdrawal's or abandonment's in its 'closed'
 * event; fees paid, and lapsed ones that must not count), then every
 * year's roll-up through the service equals the rule applied to the
 * histories themselves. */
static void stored_histories_count_as_the_rule(void **state)
{
	(void)state;
	struct tempdb t;
	struct gk_store *s;
	struct gk_error e = {0};
	assert_int_equal(tempdb_open(&t, &s), 0);
	struct gk_agency ag[NAGENCIES];
	memset(ag, 0, sizeof ag);
	for (int i = 0; i < NAGENCIES; i++) {
		snprintf(ag[i].code, sizeof ag[i].code, "10000000%d", i);
		snprintf(ag[i].name, sizeof ag[i].name, "机构%d", i);
		ag[i].kind = GK_AGENCY_DEPARTMENT;
		ag[i].parent_id = i == 0 ? 0 : ag[i < 3 ? 0 : 1].id; /* two levels below the root */
		assert_int_equal(gk_store_agency_add(s, &ag[i], &e), GK_OK);
	}
	enum { NSTORED = 1500 };
	struct history *h = calloc(NSTORED, sizeof *h);
	assert_non_null(h);
	assert_int_equal(gk_store_begin(s, &e), GK_OK);
	for (int i = 0; i < NSTORED; i++) {
		random_history(&h[i]);
		const struct gk_annual_app *a = &h[i].app;
		const struct gk_outcome_info *oi =
			a->outcome >= 0 ? gk_outcome_info((enum gk_outcome)a->outcome) : NULL;
		bool open = a->concluded == GK_NO_DAY, replied = oi && oi->is_reply;
		const char *st = open                             ? "assigned"
				 : replied                        ? (i % 2 ? "archived" : "replied")
				 : a->outcome == GK_OUTCOME_OTHER ? "withdrawn"
								  : "abandoned";
		char code[16], rec[11], end[11];
		snprintf(code, sizeof code, "C%09d", i);
		exec_sql(
			s,
			"INSERT INTO applications(id, tracking_code, agency_id, channel, received,"
			" applicant_type, description, delivery, state, outcome, replied, on_time,"
			" after_extension, is_open) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'x', 'post', ?7,"
			" ?8, ?9, ?10, ?11, ?12)",
			GK_ARGS(GK_INT(i + 1), GK_TEXT(code), GK_INT(ag[h[i].agency].id),
				GK_TEXT(gk_channel_code(a->channel)), GK_DAY(a->received),
				GK_TEXT(gk_applicant_type_code(a->type)), GK_TEXT(st),
				GK_TEXT(open ? "" : gk_outcome_code((enum gk_outcome)a->outcome)),
				GK_DAY(replied ? a->concluded : GK_NO_DAY), GK_BOOL(a->on_time),
				GK_BOOL(a->after_extension), GK_BOOL(open)));
		exec_sql(
			s,
			"INSERT INTO application_events(application_id, day, action, state_to, clock)"
			" VALUES (?1, ?2, 'create', 'registered', ''), (?1, ?2, 'extend', 'assigned',"
			" 'extended')",
			GK_ARGS(GK_INT(i + 1), GK_TEXT(day_text(a->received, rec))));
		if (!open)
			exec_sql(
				s,
				"INSERT INTO application_events(application_id, day, action, state_to,"
				" clock) VALUES (?1, ?2, 'close', ?3, 'closed')",
				GK_ARGS(GK_INT(i + 1), GK_TEXT(day_text(a->concluded, end)),
					GK_TEXT(st)));
		if (a->fee_day != GK_NO_DAY)
			exec_sql(
				s,
				"INSERT INTO application_fees(application_id, method, amount, notice_day,"
				" notice_received, payment_due, status, settled_day) VALUES (?1,"
				" 'by_pages', ?2, ?3, ?3, ?3, 'paid', ?3)",
				GK_ARGS(GK_INT(i + 1), GK_INT(a->fee_fen), GK_DAY(a->fee_day)));
		else if (a->outcome == GK_OUTCOME_LAPSED_NO_FEE)
			exec_sql(
				s,
				"INSERT INTO application_fees(application_id, method, amount, notice_day,"
				" notice_received, payment_due, status, settled_day) VALUES (?1,"
				" 'by_pages', 5000, ?2, ?2, ?2, 'lapsed', ?2)",
				GK_ARGS(GK_INT(i + 1), GK_DAY(a->concluded)));
	}
	assert_int_equal(gk_store_commit(s, &e), GK_OK);
	struct gk_svc *svc = svc_on(s, 0);
	/* the histories run to YEAR_HI: count them as seen after it */
	svc->today = ymd(YEAR_HI + 1, 1, 1);
	for (int year = YEAR_LO; year <= YEAR_HI; year++) {
		struct gk_annual by_rule, built;
		count_year(&by_rule, year, h, NSTORED, -1);
		gk_annual_totals(&by_rule);
		assert_int_equal(gk_svc_annual_build(svc, ag[0].id, year, true, &built, &e), GK_OK);
		by_rule.rollup = true;
		by_rule.nagencies = NAGENCIES;
		assert_same(&by_rule, &built);
		gk_annual_release(&built);
		/* agency 1 with its subtree (agencies 1, 3 and 4) */
		struct gk_annual sub;
		gk_annual_init(&sub, year);
		for (int k = 1; k < NAGENCIES; k += k == 1 ? 2 : 1) {
			struct gk_annual one;
			count_year(&one, year, h, NSTORED, k);
			gk_annual_add(&sub, &one);
		}
		gk_annual_totals(&sub);
		assert_int_equal(gk_svc_annual_build(svc, ag[1].id, year, true, &built, &e), GK_OK);
		assert_same(&sub, &built);
		gk_annual_release(&built);
	}
	free(h);
	tempdb_remove(&t, s);
}

/* --- the service on the demo ------------------------------------------------------------ */

struct many {
	struct gk_annual sum;
	int n;
};

static int add_part(const struct gk_agency *agency, const struct gk_annual *a, void *ctx)
{
	struct many *m = ctx;
	verify_ok(a);
	assert_string_equal(a->agency_code, agency->code);
	if (m->n++ == 0)
		gk_annual_init(&m->sum, a->year);
	gk_annual_add(&m->sum, a);
	return 0;
}

static void demo_reports_verify_and_roll_up(void **state)
{
	(void)state;
	struct tempdb t;
	struct gk_store *s;
	struct gk_error e = {0};
	struct gk_demo_result demo;
	int n = 0;
	assert_int_equal(tempdb_open(&t, &s), 0);
	assert_int_equal(gk_svc_demo_create(s, "unit-test-password", &demo, &e), GK_OK);
	assert_int_equal(gk_svc_demo_applications(s, &n, &e), GK_OK);
	assert_int_equal(gk_svc_demo_catalogue(s, 2, &n, &e), GK_OK);
	struct gk_agency root, hbj;
	assert_int_equal(gk_store_agency_root(s, &root, &e), GK_OK);
	assert_int_equal(gk_store_agency_by_code(s, "035205000", &hbj, &e), GK_OK);

	/* the demo's records are the seed's (service/demo_records.c); two
	 * more revisions of a section written here */
	exec_sql(s,
		 "INSERT INTO report_texts(agency_id, year, section, revision, body) VALUES"
		 " (?1, 2017, 'overview', 2, '初稿'), (?1, 2017, 'overview', 3, '定稿')",
		 GK_ARGS(GK_INT(root.id)));

	struct gk_svc *svc = svc_on(s, 0);
	struct gk_annual a;
	assert_int_equal(gk_svc_annual_build(svc, root.id, 2017, true, &a, &e), GK_OK);
	/* the seed's figures: 52 received, 48 on time and 4 after an extension */
	assert_int_equal(a.received, 52);
	assert_int_equal(a.t2[GK_T2_NEW][GK_T2_ALL], 52);
	assert_int_equal(a.concluded, 52);
	assert_int_equal(a.on_time, 48);
	assert_int_equal(a.extended, 4);
	assert_int_equal(a.t2[GK_T2_CARRY_OUT][GK_T2_ALL], 0);
	/* channels 当面 18, 网络 6, 信函 28; the outcomes of the demo's list */
	assert_int_equal(a.received_by_channel[GK_CHANNEL_IN_PERSON], 18);
	assert_int_equal(a.received_by_channel[GK_CHANNEL_ONLINE], 6);
	assert_int_equal(a.received_by_channel[GK_CHANNEL_LETTER], 28);
	assert_int_equal(a.by_category[GK_PRE2019_ALREADY_PUBLIC], 19);
	assert_int_equal(a.by_category[GK_PRE2019_GRANTED], 15);
	assert_int_equal(a.by_category[GK_PRE2019_NOT_THIS_AGENCY], 9);
	assert_int_equal(a.by_category[GK_PRE2019_NOT_EXIST], 3);
	assert_int_equal(a.by_category[GK_PRE2019_AMEND], 2);
	assert_int_equal(a.by_category[GK_PRE2019_OTHER_CHANNEL], 4);
	assert_int_equal(a.t2[GK_T2_GRANTED][GK_T2_ALL], 34);
	assert_true(a.rollup);
	assert_int_equal(a.nagencies, demo.nagencies);
	assert_string_equal(a.agency_code, root.code);
	/* the seed's records: reconsideration 11 = 7 + 1 + 3, litigation 35 =
	 * 29 + 0 + 6, 10 complaints, 6 press conferences, 25 interviews, 3,661
	 * responses, 10 training sessions of 1,150, 201 + 149 staff */
	assert_int_equal(a.t3[GK_T3_REVIEW][GK_T3_ALL], 11);
	assert_int_equal(a.t3[GK_T3_REVIEW][GK_T3_UPHELD], 7);
	assert_int_equal(a.t3[GK_T3_REVIEW][GK_T3_CORRECTED], 1);
	assert_int_equal(a.t3[GK_T3_REVIEW][GK_T3_OTHER_RESULT], 3);
	assert_int_equal(a.t3[GK_T3_SUIT][GK_T3_ALL], 35);
	assert_int_equal(a.t3[GK_T3_SUIT][GK_T3_UPHELD], 29);
	assert_int_equal(a.t3[GK_T3_SUIT][GK_T3_CORRECTED], 0);
	assert_int_equal(a.t3[GK_T3_SUIT][GK_T3_OTHER_RESULT], 6);
	assert_int_equal(a.complaints, 10);
	assert_int_equal(a.press_conferences, 6);
	assert_int_equal(a.interviews, 25);
	assert_int_equal(a.opinion_responses, 3661);
	assert_int_equal(a.figures[GK_YF_TRAINING_SESSIONS], 10);
	assert_int_equal(a.figures[GK_YF_TRAINING_ATTENDANCE], 1150);
	assert_int_equal(a.figures[GK_YF_STAFF_FULL_TIME], 201);
	assert_int_equal(a.figures[GK_YF_STAFF_PART_TIME], 149);
	assert_true(a.items_published > 0);
	assert_non_null(a.sections[GK_SECTION_OVERVIEW]);
	assert_string_equal(a.sections[GK_SECTION_OVERVIEW], "定稿");
	assert_non_null(a.sections[GK_SECTION_PROBLEMS]); /* the demo's (revision 1) */
	assert_null(a.sections[GK_SECTION_OTHER]);
	struct gk_annual city = a;
	memset(city.sections, 0, sizeof city.sections);
	gk_annual_release(&a);

	/* one agency's own report */
	assert_int_equal(gk_svc_annual_build(svc, hbj.id, 2017, false, &a, &e), GK_OK);
	assert_int_equal(a.nagencies, 1);
	assert_false(a.rollup);
	assert_true(a.figures[GK_YF_TRAINING_SESSIONS] < 10);
	assert_true(a.received > 0 && a.received < 52);
	gk_annual_release(&a);

	/* every agency of every demo year verifies, and the parts sum to the whole */
	int last = gk_date_from_days(gk_date_to_days(gk_date_today())).year;
	for (int year = 2015; year <= last; year++) {
		struct many m = {.n = 0};
		assert_int_equal(gk_svc_annual_build_many(svc, root.id, year, add_part, &m, &e),
				 GK_OK);
		assert_int_equal(m.n, demo.nagencies);
		gk_annual_totals(&m.sum);
		verify_ok(&m.sum);
		assert_int_equal(gk_svc_annual_build(svc, root.id, year, true, &a, &e), GK_OK);
		m.sum.rollup = true;
		m.sum.nagencies = a.nagencies;
		assert_same(&m.sum, &a);
		if (year == 2017)
			assert_same(&city, &a);
		if (year > 2015) {
			struct gk_annual before;
			assert_int_equal(
				gk_svc_annual_build(svc, root.id, year - 1, true, &before, &e),
				GK_OK);
			for (int c = 0; c < GK_T2_COLS; c++)
				assert_int_equal(a.t2[GK_T2_CARRY_IN][c],
						 before.t2[GK_T2_CARRY_OUT][c]);
			gk_annual_release(&before);
		}
		gk_annual_release(&a);
	}
	/* a year with nothing recorded says so (records 0) */
	assert_int_equal(gk_svc_annual_build(svc, hbj.id, 2009, false, &a, &e), GK_OK);
	assert_int_equal(a.records, 0);
	gk_annual_release(&a);

	/* bad input and scope */
	assert_int_equal(gk_svc_annual_build(svc, root.id, 1999, true, &a, &e), GK_EINVAL);
	assert_int_equal(gk_svc_annual_build(svc, 999999, 2017, true, &a, &e), GK_ENOTFOUND);
	struct gk_user staff;
	memset(&staff, 0, sizeof staff);
	staff.id = 4242;
	staff.agency_id = hbj.id;
	staff.roles = GK_ROLE_ALL;
	struct gk_svc as_staff;
	gk_svc_init(&as_staff, s, NULL, &staff, "test");
	assert_int_equal(gk_svc_annual_build(&as_staff, root.id, 2017, true, &a, &e),
			 GK_EFORBIDDEN);
	assert_int_equal(gk_svc_annual_build(&as_staff, hbj.id, 2017, true, &a, &e), GK_OK);
	gk_annual_release(&a);
	/* the public: only what was published */
	assert_int_equal(gk_svc_annual_build_published(&as_staff, root.id, 2017, true, &a, &e),
			 GK_ENOTFOUND);
	exec_sql(s,
		 "INSERT INTO annual_reports(agency_id, year, rollup, style, item_id)"
		 " VALUES (?1, 2017, 1, 'narrative', (SELECT min(id) FROM items))",
		 GK_ARGS(GK_INT(root.id)));
	assert_int_equal(gk_svc_annual_build_published(&as_staff, root.id, 2017, true, &a, &e),
			 GK_OK);
	assert_int_equal(a.received, 52);
	gk_annual_release(&a);
	tempdb_remove(&t, s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(random_histories_balance_in_every_year_and_agency),
		cmocka_unit_test(each_application_is_counted_once),
		cmocka_unit_test(random_cases_fill_table3_by_filing_year),
		cmocka_unit_test(a_known_history_gives_known_tables),
		cmocka_unit_test(figures_fill_table1),
		cmocka_unit_test(catalogue_sql_matches_the_rule),
		cmocka_unit_test(stored_histories_count_as_the_rule),
		cmocka_unit_test(demo_reports_verify_and_roll_up),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
