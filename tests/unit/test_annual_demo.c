/* The yearly report of the demo city, end to end below the web: for every
 * demo year and every agency (its own records, and rolled up where it has
 * agencies under it), the report built from the records verifies (every
 * identity holds), and the checker (`gongkai check`) finds nothing in it as
 * plain text, Markdown, HTML and JSON (and as PDF for every roll-up), in the
 * style of the year and, city-wide, in the others. (XLSX is no format the
 * checker reads.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/report/annual.h"
#include "core/report/check.h"
#include "lib/date.h"
#include "output/annual_pdf.h"
#include "service/annual_report.h"
#include "service/demo.h"
#include "service/document_text.h"
#include "tempdb.h"

static struct tempdb db;
static struct gk_store *store;

static int setup(void **state)
{
	(void)state;
	struct gk_error err = {0};
	struct gk_demo_result demo;
	int n = 0;
	if (tempdb_open(&db, &store) || gk_svc_demo_create(store, "demo-password-1", &demo, &err) ||
	    gk_svc_demo_catalogue(store, 3, &n, &err) ||
	    gk_svc_demo_applications(store, &n, &err)) {
		fprintf(stderr, "demo: %s\n", gk_error_text(&err));
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tempdb_remove(&db, store);
	return 0;
}

/* Checks the report file DATA (LEN bytes) named NAME as `gongkai check`
 * reads it (a PDF through pdftotext); fails the test on any finding. */
static void check_file(const char *name, const char *data, size_t len, const char *what)
{
	struct gk_buf out = {0};
	struct gk_error err = {0};
	char *text = NULL;
	size_t text_len = 0;
	if (gk_document_report_text(name, data, len, &text, &text_len, &err))
		fail_msg("%s: %s", what, gk_error_text(&err));
	if (text) {
		data = text;
		len = text_len;
	}
	gk_buf_init(&out, len + 1);
	gk_buf_add(&out, data, len);
	gk_buf_putc(&out, '\0');
	struct gk_report_result *res = NULL;
	if (gk_report_check(out.data, len, NULL, 0, &res, &err))
		fail_msg("%s: the checker cannot read our report: %s", what, gk_error_text(&err));
	if (res->nfindings) {
		const struct gk_report_finding *f = &res->findings[0];
		fail_msg("%s (%s): %d finding(s), first (%s) at line %d: %s\n--- report ---\n%s",
			 what, name, res->nfindings,
			 f->severity == GK_SEV_ERROR ? "error" : "warning", f->line, f->message,
			 out.data);
	}
	gk_report_result_free(res);
	gk_buf_release(&out);
	free(text);
}

/* The PDF of A, checked like the other formats. */
static void check_pdf(const struct gk_annual *a, const char *what)
{
	struct gk_buf pdf;
	struct gk_error err = {0};
	gk_buf_init(&pdf, (size_t)64 << 20);
	assert_int_equal(gk_annual_pdf(a, &pdf, &err), GK_OK);
	check_file("report.pdf", pdf.data, pdf.len, what);
	gk_buf_release(&pdf);
}

/* Renders A in FORMAT and checks it; fails the test on any finding. */
static void check_rendered(const struct gk_annual *a, enum gk_annual_format format,
			   const char *what)
{
	struct gk_buf out;
	struct gk_error err = {0};
	gk_buf_init(&out, (size_t)16 << 20);
	assert_int_equal(gk_annual_render(a, format, NULL, &out, &err), GK_OK);
	struct gk_report_result *res = NULL;
	if (gk_report_check(out.data, out.len, NULL, 0, &res, &err))
		fail_msg("%s: the checker cannot read our report: %s", what, gk_error_text(&err));
	if (res->nfindings) {
		const struct gk_report_finding *f = &res->findings[0];
		fail_msg("%s: %d finding(s), first (%s) at line %d: %s\n--- report ---\n%s", what,
			 res->nfindings, f->severity == GK_SEV_ERROR ? "error" : "warning", f->line,
			 f->message, out.data);
	}
	gk_report_result_free(res);
	gk_buf_release(&out);
}

static void every_year_and_agency(void **state)
{
	(void)state;
	struct gk_agency_list list = {0};
	struct gk_error err = {0};
	struct gk_svc svc;
	gk_svc_init(&svc, store, NULL, NULL, "test");
	assert_int_equal(gk_store_agency_list(store, &list, &err), GK_OK);
	bool pdf_tools = system("command -v pdftotext >/dev/null 2>&1") == 0;
	if (!pdf_tools)
		print_message(
			"# PDFs not checked: pdftotext is missing (apt-get install poppler-utils)\n");
	int reports = 0;
	static const enum gk_annual_style styles[] = {GK_STYLE_2021, GK_STYLE_2019,
						      GK_STYLE_NARRATIVE};
	for (int year = 2017; year <= 2025; year++) {
		for (size_t i = 0; i < list.count; i++) {
			const struct gk_agency *ag = &list.items[i];
			bool parent = false;
			for (size_t j = 0; j < list.count; j++)
				parent = parent || list.items[j].parent_id == ag->id;
			for (int rollup = 0; rollup <= (parent ? 1 : 0); rollup++) {
				struct gk_annual a;
				gk_annual_init(&a, year);
				enum gk_err rc =
					gk_svc_annual_build(&svc, ag->id, year, rollup, &a, &err);
				if (rc)
					fail_msg("%s %d: %s", ag->name, year, gk_error_text(&err));
				assert_int_equal(gk_annual_verify(&a, &err), GK_OK);
				for (size_t s = 0; s < sizeof styles / sizeof styles[0]; s++) {
					/* the city-wide report in every style; the others in
					 * the style of their year */
					if (ag->parent_id &&
					    styles[s] != gk_annual_default_style(year))
						continue;
					a.style = styles[s];
					char what[256];
					snprintf(what, sizeof what, "%s %d %s %s", ag->name, year,
						 rollup ? "rollup" : "own",
						 gk_annual_style_code(styles[s]));
					check_rendered(&a, GK_OUT_TEXT, what);
					check_rendered(&a, GK_OUT_MARKDOWN, what);
					check_rendered(&a, GK_OUT_HTML, what);
					check_rendered(&a, GK_OUT_JSON, what);
					/* the PDF (pdftotext's layout) of every
					 * roll-up, in every style */
					if (rollup && pdf_tools)
						check_pdf(&a, what);
					reports++;
				}
				gk_annual_release(&a);
			}
		}
	}
	assert_true(reports > 100);
	gk_agency_list_release(&list);
}

/* The demo reads like the seed in 2017 (its 334 policy interpretations,
 * counted from the catalogue) and has data for the 2021 format in every
 * agency since 2019: applications of its own (received or carried over) and
 * the Table 1 figures staff enter. */
static void recent_years_have_data_in_every_agency(void **state)
{
	(void)state;
	struct gk_agency_list list = {0};
	struct gk_error err = {0};
	struct gk_svc svc;
	gk_svc_init(&svc, store, NULL, NULL, "test");
	struct gk_agency root;
	assert_int_equal(gk_store_agency_root(store, &root, &err), GK_OK);
	struct gk_annual a;
	gk_annual_init(&a, 2017);
	assert_int_equal(gk_svc_annual_build(&svc, root.id, 2017, true, &a, &err), GK_OK);
	assert_int_equal(a.interpretations, 334);
	/* the 统计表's events: 20 by 微博 and 微信 (one event each, though both
	 * channels), 2,170 by the media, as the seed says */
	assert_int_equal(a.responses_weibo_wechat, 20);
	assert_int_equal(a.responses_by_channel[GK_RCHANNEL_WEIBO] +
				 a.responses_by_channel[GK_RCHANNEL_WECHAT],
			 40);
	assert_int_equal(a.responses_other_ways, 2170);
	assert_int_equal(a.t2[GK_T2_NEW][GK_T2_ALL], 52);
	gk_annual_release(&a);
	assert_int_equal(gk_store_agency_list(store, &list, &err), GK_OK);
	int last_year = gk_date_from_days(svc.today).year - 1;
	for (int year = 2019; year <= last_year; year++) {
		for (size_t i = 0; i < list.count; i++) {
			const struct gk_agency *ag = &list.items[i];
			gk_annual_init(&a, year);
			assert_int_equal(gk_svc_annual_build(&svc, ag->id, year, false, &a, &err),
					 GK_OK);
			if (a.t2[GK_T2_NEW][GK_T2_ALL] + a.t2[GK_T2_CARRY_IN][GK_T2_ALL] == 0)
				fail_msg("%s %d: no application of its own", ag->name, year);
			if (!a.figure_known[GK_YF_LICENSE_DECISIONS] ||
			    !a.figure_known[GK_YF_STAFF_FULL_TIME])
				fail_msg("%s %d: Table 1's figures not entered", ag->name, year);
			gk_annual_release(&a);
		}
	}
	gk_agency_list_release(&list);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_year_and_agency),
		cmocka_unit_test(recent_years_have_data_in_every_agency),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
