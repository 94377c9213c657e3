/* Tests of the working-day calendar: our shipped data against facts kept
 * here (the Spring Festival and National Day of 2019–2026, well-known days
 * off and make-up working days of other years), loading years at run time,
 * provisional answers and concurrent readers. When ../shared is present,
 * also every day of 2008–2026 against the published holiday-cn data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>
#include <pthread.h>
#include <cmocka.h>

#include "core/calendar.h"
#include "lib/date.h"

#define FIRST_YEAR 2008
#define LAST_YEAR  2026
#define HOLIDAY_CN "../shared/data/holiday-cn"

static long day_of(const char *s)
{
	struct gk_date d;
	assert_true(gk_date_parse(s, &d));
	return gk_date_to_days(d);
}

static const char *fmt(long day, char out[11])
{
	return gk_date_format(gk_date_from_days(day), out);
}

static int setup(void **state)
{
	struct gk_error err = {GK_OK, ""};
	struct gk_calendar *cal = gk_calendar_new_builtin(&err);
	if (!cal)
		fprintf(stderr, "calendar: %s\n", gk_error_text(&err));
	*state = cal;
	return cal ? 0 : -1;
}

static int teardown(void **state)
{
	gk_calendar_free(*state);
	return 0;
}

/* The published data lives outside the repository (../shared, beside the
 * clone); without it the comparison is reported as skipped. */
static bool have_holiday_cn(void)
{
	struct stat st;
	if (stat(HOLIDAY_CN, &st) == 0 && S_ISDIR(st.st_mode))
		return true;
	print_message("# skipped (no ../shared)\n");
	return false;
}

/* Every day of 2008–2026 against every holiday-cn file (a notice may list
 * days of the neighbouring year, so all files are read). */
static void test_every_day_matches_holiday_cn(void **state)
{
	const struct gk_calendar *cal = *state;
	if (!have_holiday_cn()) {
		skip();
		return;
	}
	long first = day_of("2008-01-01"), last = day_of("2026-12-31");
	size_t n = (size_t)(last - first + 1);
	signed char *listed = calloc(n, 1); /* 0 unlisted, 1 off, 2 work */
	assert_non_null(listed);
	int files = 0;
	for (int y = FIRST_YEAR - 1; y <= LAST_YEAR + 1; y++) {
		char path[128];
		snprintf(path, sizeof path, HOLIDAY_CN "/%d.json", y);
		json_error_t jerr;
		json_t *root = json_load_file(path, 0, &jerr);
		if (!root)
			fail_msg("cannot read %s: %s", path, jerr.text);
		files++;
		json_t *days = json_object_get(root, "days");
		assert_true(json_is_array(days));
		size_t i;
		json_t *e;
		json_array_foreach(days, i, e) {
			const char *date = json_string_value(json_object_get(e, "date"));
			json_t *off = json_object_get(e, "isOffDay");
			assert_non_null(date);
			assert_true(json_is_boolean(off));
			long d = day_of(date);
			if (d < first || d > last)
				continue;
			signed char v = json_is_true(off) ? 1 : 2;
			if (listed[d - first] && listed[d - first] != v)
				fail_msg("%s listed both as off and as work", date);
			listed[d - first] = v;
		}
		json_decref(root);
	}
	assert_int_equal(files, LAST_YEAR - FIRST_YEAR + 3);

	int workdays = 0, mismatches = 0;
	for (long d = first; d <= last; d++) {
		bool want = listed[d - first] == 2 ||
			    (listed[d - first] == 0 && gk_date_weekday(d) <= 5);
		bool got = gk_calendar_is_workday(cal, d);
		if (want != got) {
			char ds[11];
			print_error("%s: expected %s, got %s\n", fmt(d, ds), want ? "work" : "off",
				    got ? "work" : "off");
			mismatches++;
		}
		enum gk_day_kind kind = gk_calendar_day_kind(cal, d, NULL, 0);
		assert_int_equal(kind, listed[d - first] == 0   ? GK_DAY_NORMAL
				       : listed[d - first] == 1 ? GK_DAY_OFF
								: GK_DAY_WORK);
		workdays += got;
	}
	free(listed);
	assert_int_equal(mismatches, 0);
	assert_true(workdays > 240 * (LAST_YEAR - FIRST_YEAR + 1));
	for (int y = FIRST_YEAR; y <= LAST_YEAR; y++)
		assert_true(gk_calendar_year_known(cal, y));
	assert_false(gk_calendar_year_known(cal, 2027));
	assert_false(gk_calendar_year_known(cal, 2007));
}

/* Known facts, kept here so the shipped data is checked without ../shared:
 * each year's Spring Festival and National Day block (every day from FIRST
 * to LAST off, the adjoining days worked) and its make-up working days. */
struct holiday_block {
	const char *name; /* part of the name of each day off */
	const char *first, *last;
	const char *work[3]; /* 调休 make-up working days */
};

static const struct holiday_block known_blocks[] = {
	{"春节", "2019-02-04", "2019-02-10", {"2019-02-02", "2019-02-03"}},
	{"国庆节", "2019-10-01", "2019-10-07", {"2019-09-29", "2019-10-12"}},
	/* extended to 2020-02-02 (COVID-19): the make-up Saturday became a day
	 * off and the notice names the Monday after as working */
	{"春节", "2020-01-24", "2020-02-02", {"2020-01-19", "2020-02-03"}},
	{"国庆节", "2020-10-01", "2020-10-08", {"2020-09-27", "2020-10-10"}},
	{"春节", "2021-02-11", "2021-02-17", {"2021-02-07", "2021-02-20"}},
	{"国庆节", "2021-10-01", "2021-10-07", {"2021-09-26", "2021-10-09"}},
	{"春节", "2022-01-31", "2022-02-06", {"2022-01-29", "2022-01-30"}},
	{"国庆节", "2022-10-01", "2022-10-07", {"2022-10-08", "2022-10-09"}},
	{"春节", "2023-01-21", "2023-01-27", {"2023-01-28", "2023-01-29"}},
	{"国庆节", "2023-09-29", "2023-10-06", {"2023-10-07", "2023-10-08"}},
	/* 除夕 2024-02-09 was a working day */
	{"春节", "2024-02-10", "2024-02-17", {"2024-02-04", "2024-02-18"}},
	{"国庆节", "2024-10-01", "2024-10-07", {"2024-09-29", "2024-10-12"}},
	{"春节", "2025-01-28", "2025-02-04", {"2025-01-26", "2025-02-08"}},
	{"国庆节", "2025-10-01", "2025-10-08", {"2025-09-28", "2025-10-11"}},
	{"春节", "2026-02-15", "2026-02-23", {"2026-02-14", "2026-02-28"}},
	{"国庆节", "2026-10-01", "2026-10-07", {"2026-09-20", "2026-10-10"}},
};

static void test_spring_festival_and_national_day_2019_2026(void **state)
{
	const struct gk_calendar *cal = *state;
	char ds[11], name[64];
	for (size_t i = 0; i < sizeof known_blocks / sizeof known_blocks[0]; i++) {
		const struct holiday_block *b = &known_blocks[i];
		long first = day_of(b->first), last = day_of(b->last);
		for (long d = first; d <= last; d++) {
			if (gk_calendar_day_kind(cal, d, name, sizeof name) != GK_DAY_OFF ||
			    gk_calendar_is_workday(cal, d))
				fail_msg("%s: expected a day off (%s)", fmt(d, ds), b->name);
			if (!strstr(name, b->name))
				fail_msg("%s: named '%s', expected '%s'", fmt(d, ds), name,
					 b->name);
		}
		/* the block is exactly FIRST..LAST: the days around it are worked */
		if (!gk_calendar_is_workday(cal, first - 1) ||
		    !gk_calendar_is_workday(cal, last + 1))
			fail_msg("%s block %s..%s: an adjoining day is not a working day", b->name,
				 b->first, b->last);
		for (int k = 0; k < 3 && b->work[k]; k++) {
			long w = day_of(b->work[k]);
			if (gk_calendar_day_kind(cal, w, name, sizeof name) != GK_DAY_WORK ||
			    !gk_calendar_is_workday(cal, w))
				fail_msg("%s: expected a make-up working day (%s)", b->work[k],
					 b->name);
		}
	}
}

/* Well-known days of other years: one-off holidays, make-up days set by the
 * next year's notice, weekend days inside a block. */
static const struct {
	const char *date;
	enum gk_day_kind kind;
	const char *name;
} known_days[] = {
	{"2008-05-01", GK_DAY_OFF, "劳动节"},  /* 五一 with its 调休: three days */
	{"2008-05-04", GK_DAY_WORK, "劳动节"}, /* a Sunday */
	{"2009-10-08", GK_DAY_OFF, "国庆节"},  /* with 中秋节, eight days */
	{"2010-02-20", GK_DAY_WORK, "春节"},   /* a Saturday after the holiday */
	{"2010-02-21", GK_DAY_WORK, "春节"},   /* and the Sunday */
	{"2011-12-31", GK_DAY_WORK, "元旦"},   /* set by the 2012 notice */
	{"2012-09-30", GK_DAY_OFF, "中秋节"},  /* 中秋节、国庆节 together */
	{"2014-10-11", GK_DAY_WORK, "国庆节"}, /* a Saturday */
	{"2015-09-03", GK_DAY_OFF, "70周年"},  /* the one-off anniversary holiday */
	{"2015-09-06", GK_DAY_WORK, "70周年"}, /* its make-up Sunday */
	{"2016-06-09", GK_DAY_OFF, "端午节"},  /* a Thursday */
	{"2016-06-12", GK_DAY_WORK, "端午节"}, /* a Sunday */
	{"2017-01-22", GK_DAY_WORK, "春节"},   /* a Sunday */
	{"2017-02-04", GK_DAY_WORK, "春节"},   /* a Saturday */
	{"2018-12-29", GK_DAY_WORK, "元旦"},   /* set by the 2019 notice */
	{"2018-12-31", GK_DAY_OFF, "元旦"},    /* a Monday */
	{"2022-12-31", GK_DAY_OFF, "元旦"},    /* set by the 2023 notice */
	{"2023-04-23", GK_DAY_WORK, "劳动节"}, /* a Sunday */
	{"2023-05-06", GK_DAY_WORK, "劳动节"}, /* a Saturday */
	{"2024-05-03", GK_DAY_OFF, "劳动节"},  /* a Friday */
	{"2024-05-11", GK_DAY_WORK, "劳动节"}, /* a Saturday */
};

static void test_well_known_days(void **state)
{
	const struct gk_calendar *cal = *state;
	char name[96];
	for (size_t i = 0; i < sizeof known_days / sizeof known_days[0]; i++) {
		long d = day_of(known_days[i].date);
		enum gk_day_kind kind = gk_calendar_day_kind(cal, d, name, sizeof name);
		if (kind != known_days[i].kind || !strstr(name, known_days[i].name))
			fail_msg("%s: got kind %d '%s', expected kind %d '%s'", known_days[i].date,
				 (int)kind, name, (int)known_days[i].kind, known_days[i].name);
		assert_int_equal(gk_calendar_is_workday(cal, d), kind == GK_DAY_WORK);
	}
	/* 11 statutory days off (13 from 2025) and the weekends leave about 250
	 * working days in each year; every shipped year is known, no other */
	for (int y = FIRST_YEAR; y <= LAST_YEAR; y++) {
		long jan1 = gk_date_to_days((struct gk_date){y, 1, 1});
		long dec31 = gk_date_to_days((struct gk_date){y, 12, 31});
		int n = 0;
		for (long d = jan1; d <= dec31; d++)
			n += gk_calendar_is_workday(cal, d);
		if (n < 247 || n > 252)
			fail_msg("%d has %d working days", y, n);
		assert_true(gk_calendar_year_known(cal, y));
	}
	assert_false(gk_calendar_year_known(cal, FIRST_YEAR - 1));
	assert_false(gk_calendar_year_known(cal, LAST_YEAR + 1));
}

static void test_known_spot_days(void **state)
{
	const struct gk_calendar *cal = *state;
	char name[64];
	/* 2017 Spring Festival, with its make-up Sunday */
	assert_false(gk_calendar_is_workday(cal, day_of("2017-01-27")));
	assert_int_equal(gk_calendar_day_kind(cal, day_of("2017-01-27"), name, sizeof name),
			 GK_DAY_OFF);
	assert_string_equal(name, "春节");
	assert_true(gk_calendar_is_workday(cal, day_of("2017-01-22")));
	/* the 2019 notice's make-up day in December 2018 */
	assert_true(gk_calendar_is_workday(cal, day_of("2018-12-29")));
	assert_false(gk_calendar_is_workday(cal, day_of("2018-12-31")));
	/* 2020: the COVID-19 extension; 2020-02-01 was a make-up day before it */
	assert_false(gk_calendar_is_workday(cal, day_of("2020-01-31")));
	assert_false(gk_calendar_is_workday(cal, day_of("2020-02-01")));
	assert_true(gk_calendar_is_workday(cal, day_of("2020-02-03")));
	/* 2015-09-03, the one-off anniversary holiday */
	assert_false(gk_calendar_is_workday(cal, day_of("2015-09-03")));
	assert_int_equal(gk_calendar_day_kind(cal, day_of("2015-09-03"), name, 8), GK_DAY_OFF);
	assert_true(strlen(name) <= 7); /* truncated at a character boundary */
	/* an ordinary weekend and weekday */
	assert_false(gk_calendar_is_workday(cal, day_of("2023-06-10")));
	assert_true(gk_calendar_is_workday(cal, day_of("2023-06-12")));
}

static void test_add_and_between(void **state)
{
	const struct gk_calendar *cal = *state;
	bool prov = true;
	char ds[11];
	/* the day of receipt is not counted; N = 0 gives the day itself */
	assert_int_equal(gk_calendar_add_workdays(cal, day_of("2023-06-12"), 0, &prov),
			 day_of("2023-06-12"));
	assert_false(prov);
	assert_string_equal(fmt(gk_calendar_add_workdays(cal, day_of("2023-06-12"), 1, &prov), ds),
			    "2023-06-13");
	assert_string_equal(fmt(gk_calendar_add_workdays(cal, day_of("2017-01-20"), 15, &prov), ds),
			    "2017-02-15");
	assert_false(prov);
	assert_string_equal(fmt(gk_calendar_add_workdays(cal, day_of("2019-09-27"), 20, &prov), ds),
			    "2019-10-30");
	assert_int_equal(gk_calendar_add_workdays(cal, day_of("2019-09-27"), -1, &prov), GK_NO_DAY);
	assert_int_equal(gk_calendar_workdays_between(cal, day_of("2017-01-20"),
						      day_of("2017-02-15"), &prov),
			 15);
	assert_int_equal(gk_calendar_workdays_between(cal, day_of("2017-02-15"),
						      day_of("2017-01-20"), &prov),
			 0);
	/* between and add agree over a long stretch */
	long from = day_of("2008-01-01");
	for (int n = 1; n < 4000; n += 37) {
		long to = gk_calendar_add_workdays(cal, from, n, NULL);
		assert_int_equal(gk_calendar_workdays_between(cal, from, to, NULL), n);
		assert_true(gk_calendar_is_workday(cal, to));
	}
}

static void test_provisional(void **state)
{
	const struct gk_calendar *cal = *state;
	bool prov = false;
	char ds[11];
	/* into 2027, which has no data: weekends only, flagged */
	long due = gk_calendar_add_workdays(cal, day_of("2026-12-15"), 20, &prov);
	assert_true(prov);
	assert_string_equal(fmt(due, ds), "2027-01-12");
	/* the last week of December waits for the next year's notice */
	assert_true(gk_calendar_day_settled(cal, day_of("2026-12-24")));
	assert_false(gk_calendar_day_settled(cal, day_of("2026-12-25")));
	assert_true(gk_calendar_day_settled(cal, day_of("2025-12-31")));
	gk_calendar_add_workdays(cal, day_of("2026-12-01"), 20, &prov);
	assert_true(prov); /* ends 2026-12-29 */
	gk_calendar_add_workdays(cal, day_of("2026-11-02"), 20, &prov);
	assert_false(prov); /* ends 2026-11-30 */
	gk_calendar_workdays_between(cal, day_of("2026-12-20"), day_of("2027-01-05"), &prov);
	assert_true(prov);
	/* an unknown year far away: weekends only */
	assert_false(gk_calendar_year_known(cal, 2500));
	assert_true(gk_calendar_is_workday(cal, day_of("2500-01-01"))); /* a Friday */
	assert_false(gk_calendar_is_workday(cal, day_of("2500-01-02")));
	assert_int_equal(gk_calendar_add_workdays(cal, day_of("2999-12-30"), 5, &prov), GK_NO_DAY);
	/* no day at all: answered without arithmetic on it */
	assert_false(gk_calendar_day_settled(cal, GK_NO_DAY));
	assert_int_equal(gk_calendar_day_kind(cal, GK_NO_DAY, NULL, 0), GK_DAY_NORMAL);
	(void)gk_calendar_is_workday(cal, GK_NO_DAY);
	assert_int_equal(gk_calendar_add_workdays(cal, GK_NO_DAY, 1, &prov), GK_NO_DAY);
	assert_int_equal(gk_calendar_workdays_between(cal, GK_NO_DAY, day_of("2020-01-01"), &prov),
			 0);
}

static const char year2027[] = "# a test year\n"
			       "\n"
			       "year 2027\n"
			       "2027-01-01 off 元旦\n"
			       "2027-02-06 work 春节\r\n"
			       "   # indented comment\n"
			       "2027-02-08\toff  春节  \n"
			       "2027-02-09 off\n";

static void test_load_year_at_run_time(void **state)
{
	struct gk_calendar *cal = gk_calendar_new();
	assert_non_null(cal);
	struct gk_error err = {GK_OK, ""};
	int year = 0;
	bool prov = false;
	assert_false(gk_calendar_year_known(cal, 2027));
	assert_true(gk_calendar_is_workday(cal, day_of("2027-02-08"))); /* a Monday */
	assert_int_equal(gk_calendar_load_year(cal, year2027, strlen(year2027), &year, &err),
			 GK_OK);
	assert_int_equal(year, 2027);
	assert_true(gk_calendar_year_known(cal, 2027));
	assert_false(gk_calendar_is_workday(cal, day_of("2027-02-08")));
	assert_false(gk_calendar_is_workday(cal, day_of("2027-02-09")));
	assert_true(gk_calendar_is_workday(cal, day_of("2027-02-06"))); /* a Saturday */
	char name[32];
	assert_int_equal(gk_calendar_day_kind(cal, day_of("2027-02-08"), name, sizeof name),
			 GK_DAY_OFF);
	assert_string_equal(name, "春节");
	assert_int_equal(gk_calendar_day_kind(cal, day_of("2027-02-09"), name, sizeof name),
			 GK_DAY_OFF);
	assert_string_equal(name, "");
	gk_calendar_add_workdays(cal, day_of("2027-03-01"), 10, &prov);
	assert_false(prov);

	/* replacing the year: the old days are gone */
	static const char replaced[] = "year 2027\n2027-02-10 off 春节\n";
	assert_int_equal(gk_calendar_load_year(cal, replaced, strlen(replaced), NULL, &err), GK_OK);
	assert_true(gk_calendar_is_workday(cal, day_of("2027-02-08")));
	assert_false(gk_calendar_is_workday(cal, day_of("2027-02-10")));

	int years[4];
	assert_int_equal(gk_calendar_known_years(cal, years, 4), 1);
	assert_int_equal(years[0], 2027);

	/* a failed load changes nothing */
	static const char bad[] = "year 2027\n2027-02-30 off x\n";
	assert_int_equal(gk_calendar_load_year(cal, bad, strlen(bad), NULL, &err), GK_EINVAL);
	assert_false(gk_calendar_is_workday(cal, day_of("2027-02-10")));
	gk_calendar_free(cal);
}

static void test_format_round_trip(void **state)
{
	const struct gk_calendar *cal = *state;
	struct gk_error err = {GK_OK, ""};
	struct gk_calendar *copy = gk_calendar_new();
	assert_non_null(copy);
	for (int y = FIRST_YEAR; y <= LAST_YEAR; y++) {
		struct gk_buf b;
		gk_buf_init(&b, 0);
		assert_int_equal(gk_calendar_format_year(cal, y, &b, &err), GK_OK);
		assert_int_equal(gk_calendar_load_year(copy, b.data, b.len, NULL, &err), GK_OK);
		gk_buf_release(&b);
	}
	for (long d = day_of("2008-01-01"); d <= day_of("2026-12-31"); d++) {
		char a[64], b[64];
		assert_int_equal(gk_calendar_day_kind(cal, d, a, sizeof a),
				 gk_calendar_day_kind(copy, d, b, sizeof b));
		assert_string_equal(a, b);
	}
	struct gk_buf b;
	gk_buf_init(&b, 0);
	assert_int_equal(gk_calendar_format_year(cal, 2027, &b, &err), GK_ENOTFOUND);
	gk_buf_release(&b);
	gk_calendar_free(copy);
}

static void expect_bad(const char *text, const char *needle)
{
	struct gk_error err = {GK_OK, ""};
	enum gk_err rc = gk_calendar_check_year(text, strlen(text), NULL, &err);
	assert_int_not_equal(rc, GK_OK);
	if (!strstr(err.detail, needle))
		fail_msg("error '%s' does not mention '%s'", err.detail, needle);
}

static void test_bad_files(void **state)
{
	expect_bad("", "缺少“year YYYY”行");
	expect_bad("# only a comment\n", "缺少“year YYYY”行");
	expect_bad("2027-01-01 off 元旦\n", "第1行：第一行须为“year YYYY”");
	expect_bad("year 27\n", "第1行：第一行须为“year YYYY”");
	expect_bad("year 2027 extra\n", "第1行");
	expect_bad("year 2027\n", "没有列出任何日期");
	expect_bad("year 2027\n2027-13-01 off x\n", "第2行：日期“2027-13-01”无效");
	expect_bad("year 2027\n2027-1-1 off x\n", "第2行：日期");
	expect_bad("year 2027\n2026-12-31 off x\n", "第2行：日期“2026-12-31”不在2027年");
	expect_bad("year 2027\n2027-01-01 holiday x\n", "第2行：日期之后须为“off”");
	expect_bad("year 2027\n2027-01-01\n", "第2行：日期之后须为“off”");
	expect_bad("year 2027\n2027-01-01 off a\n2027-01-01 work b\n",
		   "第3行：日期“2027-01-01”重复列出");
	expect_bad("year 2027\n2027-01-01 off \xff\n", "不是有效的UTF-8");
	char big[300];
	memset(big, 'x', sizeof big);
	big[sizeof big - 1] = '\0';
	char text[400];
	snprintf(text, sizeof text, "year 2027\n2027-01-01 off %s\n", big);
	expect_bad(text, "名称超过");
	struct gk_error err = {GK_OK, ""};
	assert_int_equal(gk_calendar_check_year("x", GK_CALENDAR_MAX_TEXT + 1, NULL, &err),
			 GK_ETOOBIG);
	int year = 0;
	assert_int_equal(gk_calendar_check_year(year2027, strlen(year2027), &year, &err), GK_OK);
	assert_int_equal(year, 2027);
}

/* Readers keep answering while a writer keeps replacing a year. */
struct reader_arg {
	const struct gk_calendar *cal;
	int errors;
};

static void *reader(void *p)
{
	struct reader_arg *a = p;
	long off = day_of("2027-02-08");
	for (int i = 0; i < 20000; i++) {
		/* either version of 2027 makes 2027-02-08 a day off; never a crash */
		if (gk_calendar_is_workday(a->cal, off))
			a->errors++;
		if (!gk_calendar_is_workday(a->cal, day_of("2017-02-15")))
			a->errors++;
		char name[16];
		gk_calendar_day_kind(a->cal, off, name, sizeof name);
	}
	return NULL;
}

static void test_concurrent_readers(void **state)
{
	struct gk_calendar *cal = *state;
	struct gk_error err = {GK_OK, ""};
	static const char v1[] = "year 2027\n2027-02-08 off 春节\n";
	static const char v2[] = "year 2027\n2027-02-08 off 春节\n2027-02-09 off 春节\n";
	assert_int_equal(gk_calendar_load_year(cal, v1, strlen(v1), NULL, &err), GK_OK);
	pthread_t t[4];
	struct reader_arg args[4];
	for (int i = 0; i < 4; i++) {
		args[i] = (struct reader_arg){cal, 0};
		assert_int_equal(pthread_create(&t[i], NULL, reader, &args[i]), 0);
	}
	for (int i = 0; i < 200; i++) {
		const char *v = i % 2 ? v1 : v2;
		assert_int_equal(gk_calendar_load_year(cal, v, strlen(v), NULL, &err), GK_OK);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(args[i].errors, 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_day_matches_holiday_cn),
		cmocka_unit_test(test_spring_festival_and_national_day_2019_2026),
		cmocka_unit_test(test_well_known_days),
		cmocka_unit_test(test_known_spot_days),
		cmocka_unit_test(test_add_and_between),
		cmocka_unit_test(test_provisional),
		cmocka_unit_test(test_load_year_at_run_time),
		cmocka_unit_test(test_format_round_trip),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_concurrent_readers),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
