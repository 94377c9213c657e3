/* Tests for rendering the yearly report (core/report/render*.c): many random
 * but consistent reports, rendered in every style and format, read back by our
 * own checker with no finding and the same figures; the JSON's tables; the
 * HTML's charts and escaping; the narrative golden file of the demo 2017. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <cmocka.h>

#include "core/report/annual.h"
#include "core/report/check.h"
#include "core/report/output.h"
#include "core/report/render_internal.h"

#define GOLDEN "tests/data/annual/golden-2017-narrative.txt"

/* --- a small deterministic generator ------------------------------------------------------ */

static uint64_t rng_state = 88172645463325252ull;

static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* A number in [0, n). */
static int64_t below(int64_t n)
{
	return n > 0 ? (int64_t)(rnd() % (uint64_t)n) : 0;
}

/* Splits TOTAL over N parts at random. */
static void split(int64_t total, int64_t *parts, int n)
{
	for (int i = 0; i < n; i++)
		parts[i] = 0;
	for (int64_t k = 0; k < total; k++)
		parts[below(n)]++;
}

/* The pre-2019 category and refusal reason an application concluded in
 * Table 2 row ROW is counted in (RULES §7.2). */
static void category_of(enum gk_t2_row row, enum gk_pre2019 *cat, enum gk_refusal *why)
{
	*why = GK_REFUSAL_NONE;
	switch (row) {
	case GK_T2_GRANTED:
		*cat = below(2) ? GK_PRE2019_GRANTED : GK_PRE2019_ALREADY_PUBLIC;
		return;
	case GK_T2_PARTIAL:
		*cat = GK_PRE2019_PARTIAL;
		return;
	case GK_T2_REFUSED_SECRET:
		*why = GK_REFUSAL_STATE_SECRET;
		break;
	case GK_T2_REFUSED_LAW:
	case GK_T2_REFUSED_ENFORCEMENT:
		*why = GK_REFUSAL_LAW_OTHER;
		break;
	case GK_T2_REFUSED_SECURITY:
		*why = GK_REFUSAL_SECURITY;
		break;
	case GK_T2_REFUSED_THIRD_PARTY:
		*why = GK_REFUSAL_THIRD_PARTY;
		break;
	case GK_T2_REFUSED_INTERNAL:
	case GK_T2_REFUSED_PROCESS:
		*why = GK_REFUSAL_NOT_GOV_INFO;
		break;
	case GK_T2_REFUSED_QUERY:
	case GK_T2_IGNORED_PETITION:
	case GK_T2_IGNORED_PUBLICATION:
		*cat = GK_PRE2019_OTHER_CHANNEL;
		return;
	case GK_T2_UNABLE_NOT_HELD:
		*cat = below(2) ? GK_PRE2019_NOT_THIS_AGENCY : GK_PRE2019_NOT_EXIST;
		return;
	case GK_T2_UNABLE_NEEDS_CREATION:
		*cat = GK_PRE2019_NOT_EXIST;
		return;
	case GK_T2_UNABLE_UNCLEAR:
	case GK_T2_OTHER_NO_SUPPLEMENT:
		*cat = GK_PRE2019_AMEND;
		return;
	case GK_T2_OTHER_NO_FEE:
		*cat = GK_PRE2019_NONE;
		return;
	default:
		*cat = GK_PRE2019_OTHER;
		return;
	}
	*cat = GK_PRE2019_REFUSED;
}

/* The result rows an application can be concluded in (2021 data rows). */
static int result_rows(enum gk_t2_row *rows)
{
	int n = 0;
	for (int r = 0; r < GK_T2_NROWS; r++) {
		const struct gk_t2_row_info *ri = gk_report_t2_row_info((enum gk_t2_row)r);
		if ((ri->formats & GK_FORMAT_2021) && ri->section >= 1 && ri->section <= 6)
			rows[n++] = (enum gk_t2_row)r;
	}
	return n;
}

static const char *const problem_texts[] = {
	"一是主动公开的深度和广度还需拓展。二是依申请公开答复的规范性有待提高。\n下一步，我们将加强培训，完善制度。",
	"　　个别单位对政府信息公开工作重视不够，信息更新不及时。",
	"部分栏目内容更新不够及时 <b>&</b> 解读形式较为单一。",
};

/* A random consistent report on YEAR following PREV (the report on the year
 * before, or NULL): its carry-over and Table 1's chains continue PREV's.
 * EMPTY: nothing recorded at all. */
static void random_after(struct gk_annual *a, int year, const struct gk_annual *prev, bool empty)
{
	gk_annual_init(a, year);
	snprintf(a->agency_code, sizeof a->agency_code, "A%04d", (int)below(10000));
	static const char *const names[] = {"某某市人民政府", "某某市教育局", "某某区人民政府",
					    "某某县卫生健康委员会"};
	snprintf(a->agency_name, sizeof a->agency_name, "%s", names[below(4)]);
	a->rollup = below(2);
	a->nagencies = a->rollup ? 1 + (int)below(30) : 1;
	if (empty) {
		gk_annual_totals(a);
		return;
	}
	int scale = below(4) == 0 ? 3 : below(3) == 0 ? 300 : 40;
	/* Table 2, application by application */
	enum gk_t2_row rows[32];
	int nrows = result_rows(rows);
	int64_t ch[GK_CHANNEL_COUNT] = {0};
	for (int c = 0; c < GK_T2_ALL; c++) {
		int64_t fresh = below(c == 0 ? scale : scale / 4 + 1);
		int64_t old =
			prev ? prev->t2[GK_T2_CARRY_OUT][c] : below(c == 0 ? scale / 5 + 1 : 2);
		a->t2[GK_T2_NEW][c] = fresh;
		a->t2[GK_T2_CARRY_IN][c] = old;
		for (int64_t k = 0; k < fresh + old; k++) {
			if (below(8) == 0) {
				a->t2[GK_T2_CARRY_OUT][c]++;
				continue;
			}
			/* results cluster in the common rows */
			enum gk_t2_row row = below(3) ? rows[below(4)] : rows[below(nrows)];
			a->t2[row][c]++;
			enum gk_pre2019 cat;
			enum gk_refusal why;
			category_of(row, &cat, &why);
			a->by_category[cat]++;
			if (cat == GK_PRE2019_REFUSED)
				a->refused_by_reason[why]++;
			if (below(6) == 0)
				a->extended++;
			else
				a->on_time++;
		}
	}
	gk_annual_totals(a);
	a->received = a->t2[GK_T2_NEW][GK_T2_ALL];
	a->concluded = a->t2[GK_T2_TOTAL][GK_T2_ALL];
	a->carried_out = a->t2[GK_T2_CARRY_OUT][GK_T2_ALL];
	split(a->received, ch, GK_CHANNEL_COUNT);
	memcpy(a->received_by_channel, ch, sizeof ch);
	/* Table 3 */
	for (int g = 0; g < GK_T3_NGROUPS; g++)
		for (int c = 0; c < GK_T3_ALL; c++)
			a->t3[g][c] = below(scale / 8 + 2);
	gk_annual_totals(a);
	/* Table 1, both formats' cells */
	for (int r = 0; r < GK_T1_NROWS; r++)
		for (int c = 0; c < GK_T1_NCOLUMNS; c++) {
			enum gk_t1_kind k = gk_report_t1_col_info((enum gk_t1_col)c)->kind;
			if (k == GK_T1_AMOUNT)
				a->t1[r][c] = (double)below(1000000) / 100.0;
			else if (k == GK_T1_COUNT)
				a->t1[r][c] = (double)below(scale * 10);
		}
	for (int r = 0; r < GK_T1_NROWS; r++) {
		double delta = (double)(below(21) - 10);
		if (delta < -a->t1[r][GK_T1_ITEMS_LAST_YEAR])
			delta = -a->t1[r][GK_T1_ITEMS_LAST_YEAR];
		a->t1[r][GK_T1_ITEMS_CHANGE] = delta;
		if (!prev)
			continue;
		/* the chains a checker given last year's report follows */
		double before = prev->t1[r][GK_T1_IN_FORCE] + a->t1[r][GK_T1_ISSUED];
		if (a->t1[r][GK_T1_REPEALED] > before)
			a->t1[r][GK_T1_REPEALED] = before;
		a->t1[r][GK_T1_IN_FORCE] = before - a->t1[r][GK_T1_REPEALED];
		a->t1[r][GK_T1_ITEMS_LAST_YEAR] =
			prev->t1[r][GK_T1_ITEMS_LAST_YEAR] + prev->t1[r][GK_T1_ITEMS_CHANGE];
		if (a->t1[r][GK_T1_ITEMS_CHANGE] < -a->t1[r][GK_T1_ITEMS_LAST_YEAR])
			a->t1[r][GK_T1_ITEMS_CHANGE] = -a->t1[r][GK_T1_ITEMS_LAST_YEAR];
	}
	/* proactive disclosure */
	a->items_published = below(scale * 500) + 1;
	a->items_normative = below(a->items_published / 10 + 1);
	if (below(2)) { /* outlets partition the items */
		split(a->items_published, a->by_outlet, GK_OUTLET_COUNT);
	} else { /* every item on the website, some also elsewhere */
		a->by_outlet[GK_OUTLET_WEBSITE] = a->items_published;
		for (int o = 1; o < GK_OUTLET_COUNT; o++)
			a->by_outlet[o] = below(a->items_published / 3 + 1);
	}
	a->interpretations = below(scale * 3);
	a->press_conferences = below(scale / 4 + 2);
	a->press_conferences_leader = below(a->press_conferences + 1);
	a->interviews = below(scale / 3 + 2);
	a->interviews_leader = below(a->interviews + 1);
	a->opinion_responses = below(scale * 20);
	for (int c = 0; c < GK_RCHANNEL_COUNT; c++)
		a->responses_by_channel[c] = below(a->opinion_responses / 2 + 1);
	a->fee_applications = below(3);
	a->fees_collected_fen = a->fee_applications ? below(100000) + 1 : 0;
	a->complaints = below(scale / 4 + 1);
	a->complaints_closed = a->complaints - below(2 > a->complaints ? 1 : 2);
	if (a->complaints_closed < 0)
		a->complaints_closed = 0;
	for (int f = 0; f < GK_YEAR_FIGURE_COUNT; f++) {
		a->figure_known[f] = below(4) != 0;
		a->figures[f] = a->figure_known[f] ? below(scale * 30) : 0;
	}
	if (below(2))
		a->sections[GK_SECTION_PROBLEMS] = strdup(problem_texts[below(3)]);
	if (below(3) == 0)
		a->sections[GK_SECTION_OTHER] = strdup("本年度办理人大代表建议和政协委员提案的"
						       "答复全文已在门户网站公开。");
	if (below(3) == 0)
		a->sections[GK_SECTION_OVERVIEW] =
			strdup("本年度，我们坚持以公开为常态、不公开为例外，推进决策、执行、管理、"
			       "服务、结果公开。\n\n持续加强政府信息公开平台建设。");
	a->records = 1 + below(1000);
}

static void random_annual(struct gk_annual *a, int year, bool empty)
{
	random_after(a, year, NULL, empty);
}

/* --- rendering and reading back ------------------------------------------------------------ */

static char *render(const struct gk_annual *a, enum gk_annual_format f,
		    const struct gk_annual_history *h, size_t *len)
{
	struct gk_buf b;
	gk_buf_init(&b, 0);
	struct gk_error err = {0};
	assert_int_equal(gk_annual_render(a, f, h, &b, &err), GK_OK);
	return gk_buf_detach(&b, len);
}

static double figure(const struct gk_report *r, int idx)
{
	assert_true(idx >= 0 && idx < r->nfigures);
	return r->figures[idx].value;
}

/* The checker finds nothing in DATA, and reads A's tables back as they are. */
static void check_back(const struct gk_annual *a, const char *data, size_t len, const char *what)
{
	struct gk_report_result *res = NULL;
	struct gk_error err = {0};
	assert_int_equal(gk_report_check(data, len, NULL, 0, &res, &err), GK_OK);
	if (res->nfindings) {
		struct gk_buf out;
		gk_buf_init(&out, 0);
		gk_report_result_text(res, what, &out);
		fprintf(stderr, "%s\n---\n%.*s\n", out.data, (int)len, data);
		gk_buf_release(&out);
	}
	assert_int_equal(res->nfindings, 0);
	assert_true(res->nfigures > 0);
	assert_int_equal(res->year, a->year);
	gk_report_result_free(res);

	struct gk_report *r = gk_report_parse(data, len, &err);
	assert_non_null(r);
	assert_int_equal(r->year, a->year);
	if (a->style == GK_STYLE_NARRATIVE) {
		assert_int_equal(r->ntable2, 0);
		gk_report_free(r);
		return;
	}
	int format = a->style == GK_STYLE_2021 ? 2021 : 2019;
	/* Table 2: every row of the format, every column */
	assert_int_equal(r->ntable2, 1);
	for (int row = 0; row < GK_T2_NROWS; row++) {
		if (!gk_report_t2_in_format((enum gk_t2_row)row, format))
			continue;
		assert_true(r->table2[0].have[row]);
		for (int c = 0; c < GK_T2_COLS; c++)
			assert_int_equal((int64_t)figure(r, r->table2[0].cell[row][c]),
					 a->t2[row][c]);
	}
	/* Table 3 */
	assert_int_equal(r->ntable3, 1);
	for (int g = 0; g < GK_T3_NGROUPS; g++)
		for (int c = 0; c < GK_T3_NCOLS; c++)
			assert_int_equal((int64_t)figure(r, r->table3[0].cell[g][c]), a->t3[g][c]);
	/* Table 1 */
	assert_int_equal(r->table1.format, format);
	for (int row = 0; row < GK_T1_NROWS; row++) {
		int k = gk_report_t1_cols(format, row);
		if (!k)
			continue;
		assert_true(r->table1.have[row]);
		for (int p = 0; p < k; p++) {
			double want = a->t1[row][gk_report_t1_col(format, row, p)];
			double got = figure(r, r->table1.cell[row][p]);
			if (got - want > 1e-6 || want - got > 1e-6)
				fail_msg("%s: Table 1 %s cell %d: read %f, have %f", what,
					 gk_report_t1_row_name(format, row), p, got, want);
		}
	}
	gk_report_free(r);
}

/* The JSON holds A's tables row by row with the official labels. */
static void check_json(const struct gk_annual *a, const char *data, size_t len)
{
	json_error_t jerr;
	json_t *o = json_loadb(data, len, 0, &jerr);
	assert_non_null(o);
	assert_string_equal(json_string_value(json_object_get(o, "agency")), a->agency_name);
	assert_int_equal(json_integer_value(json_object_get(o, "year")), a->year);
	assert_string_equal(json_string_value(json_object_get(o, "style")),
			    gk_annual_style_code(a->style));
	assert_int_equal(json_is_true(json_object_get(o, "rollup")), a->rollup);
	json_t *fig = json_object_get(o, "figures");
	assert_int_equal(json_integer_value(json_object_get(fig, "received")), a->received);
	assert_int_equal(json_integer_value(json_object_get(fig, "fees_collected_fen")),
			 a->fees_collected_fen);
	json_t *tables = json_object_get(o, "tables");
	if (a->style == GK_STYLE_NARRATIVE) {
		/* the 统计表 alone, row by row, as the PDF and XLSX print it */
		assert_int_equal(json_object_size(tables), 1);
		json_t *st = json_object_get(tables, "statistics");
		assert_true(json_array_size(st) > 40);
		int seen = 0;
		for (size_t i = 0; i < json_array_size(st); i++) {
			json_t *row = json_array_get(st, i);
			const char *label = json_string_value(json_object_get(row, "label"));
			json_t *cells = json_object_get(row, "cells");
			assert_non_null(label);
			assert_true(json_is_array(cells));
			if (!strcmp(label, "（一）收到申请数"))
				seen++, assert_int_equal(
						json_integer_value(json_array_get(cells, 0)),
						a->received);
			if (!strcmp(label, "（二）申请办结数"))
				seen++, assert_int_equal(
						json_integer_value(json_array_get(cells, 0)),
						a->concluded);
			if (!strcmp(label, "四、行政复议数量"))
				seen++, assert_int_equal(
						json_integer_value(json_array_get(cells, 0)),
						a->t3[GK_T3_REVIEW][GK_T3_ALL]);
			if (!strcmp(label, "一、主动公开情况")) /* a heading row */
				seen++, assert_int_equal(json_array_size(cells), 0);
		}
		assert_int_equal(seen, 4);
		json_decref(o);
		return;
	}
	int format = a->style == GK_STYLE_2021 ? 2021 : 2019;
	json_t *t2 = json_object_get(tables, "table2");
	assert_int_equal(json_array_size(t2), format == 2021 ? 25 : 23);
	size_t i = 0;
	for (int row = 0; row < GK_T2_NROWS; row++) {
		if (!gk_report_t2_in_format((enum gk_t2_row)row, format))
			continue;
		json_t *jr = json_array_get(t2, i++);
		assert_string_equal(json_string_value(json_object_get(jr, "label")),
				    gk_report_t2_row_info((enum gk_t2_row)row)->label);
		json_t *cells = json_object_get(jr, "cells");
		assert_int_equal(json_array_size(cells), GK_T2_COLS);
		for (int c = 0; c < GK_T2_COLS; c++)
			assert_int_equal(json_integer_value(json_array_get(cells, (size_t)c)),
					 a->t2[row][c]);
	}
	json_t *t1 = json_object_get(tables, "table1");
	assert_int_equal(json_array_size(t1), format == 2021 ? 6 : 8);
	i = 0;
	for (int row = 0; row < GK_T1_NROWS; row++) {
		int k = gk_report_t1_cols(format, row);
		if (!k)
			continue;
		json_t *jr = json_array_get(t1, i++);
		assert_string_equal(json_string_value(json_object_get(jr, "label")),
				    gk_report_t1_row_name(format, row));
		json_t *cells = json_object_get(jr, "cells");
		assert_int_equal(json_array_size(cells), k);
		for (int p = 0; p < k; p++) {
			double want = a->t1[row][gk_report_t1_col(format, row, p)];
			double got = json_number_value(json_array_get(cells, (size_t)p));
			assert_true(got - want < 1e-9 && want - got < 1e-9);
		}
	}
	/* amounts print as they were entered, not as binary fractions */
	char *text = strndup(data, len);
	assert_non_null(text);
	for (char *d = strchr(text, '.'); d; d = strchr(d + 1, '.'))
		assert_false(d[1] >= '0' && d[1] <= '9' && strspn(d + 1, "0123456789") > 4);
	free(text);
	json_t *t3 = json_object_get(tables, "table3");
	assert_int_equal(json_array_size(t3), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(t3, 1), "label")),
			    "未经复议直接起诉");
	json_decref(o);
}

/* With GK_DUMP_DIR set, writes each rendering there for a person to read. */
static void dump(const struct gk_annual *a, const char *ext, const char *data, size_t len)
{
	const char *dir = getenv("GK_DUMP_DIR");
	if (!dir)
		return;
	char path[512];
	snprintf(path, sizeof path, "%s/%s-%d-%s.%s", dir, a->agency_code, a->year,
		 gk_annual_style_code(a->style), ext);
	FILE *f = fopen(path, "wb");
	if (f) {
		fwrite(data, 1, len, f);
		fclose(f);
	}
}

static void render_all_styles(struct gk_annual *a, const struct gk_annual_history *h,
			      const char *what)
{
	static const enum gk_annual_style styles[] = {GK_STYLE_2021, GK_STYLE_2019,
						      GK_STYLE_NARRATIVE};
	static const enum gk_annual_format formats[] = {GK_OUT_TEXT, GK_OUT_MARKDOWN, GK_OUT_HTML};
	static const char *const fnames[] = {"text", "markdown", "html"};
	enum gk_annual_style keep = a->style;
	for (size_t s = 0; s < 3; s++) {
		a->style = styles[s];
		char name[160];
		for (size_t f = 0; f < 3; f++) {
			size_t len;
			char *out = render(a, formats[f], h, &len);
			snprintf(name, sizeof name, "%s %d %s %s", what, a->year,
				 gk_annual_style_code(a->style), fnames[f]);
			dump(a, fnames[f], out, len);
			check_back(a, out, len, name);
			free(out);
		}
		size_t len;
		char *out = render(a, GK_OUT_JSON, h, &len);
		dump(a, "json", out, len);
		check_json(a, out, len);
		free(out);
	}
	a->style = keep;
}

static void test_random_reports(void **state)
{
	(void)state;
	for (int i = 0; i < 150; i++) {
		struct gk_annual a;
		random_annual(&a, 2012 + (int)below(14), false);
		struct gk_error err = {0};
		assert_int_equal(gk_annual_verify(&a, &err), GK_OK);
		render_all_styles(&a, NULL, "random");
		gk_annual_release(&a);
	}
}

static void test_empty_year(void **state)
{
	(void)state;
	struct gk_annual a;
	random_annual(&a, 2022, true);
	for (int s = 0; s < 3; s++) {
		a.style = s == 0 ? GK_STYLE_2021 : s == 1 ? GK_STYLE_2019 : GK_STYLE_NARRATIVE;
		size_t len;
		char *out = render(&a, GK_OUT_TEXT, NULL, &len);
		assert_non_null(strstr(out, "本年度未登记任何政府信息公开工作记录"));
		free(out);
	}
	a.style = GK_STYLE_2021;
	render_all_styles(&a, NULL, "empty");
	/* with something recorded the statement is gone */
	a.records = 1;
	size_t len;
	char *out = render(&a, GK_OUT_TEXT, NULL, &len);
	assert_null(strstr(out, "本年度未登记"));
	free(out);
	gk_annual_release(&a);
}

/* The checker reads what we print: a figure put wrong after the totals is
 * found in every format the checker reads (so the tests above can fail). */
static void test_broken_is_found(void **state)
{
	(void)state;
	static const enum gk_annual_format formats[] = {GK_OUT_TEXT, GK_OUT_MARKDOWN, GK_OUT_HTML};
	for (int s = 0; s < 3; s++) {
		struct gk_annual a;
		random_annual(&a, 2020, false);
		a.style = s == 0 ? GK_STYLE_2021 : s == 1 ? GK_STYLE_2019 : GK_STYLE_NARRATIVE;
		if (a.style == GK_STYLE_NARRATIVE) {
			a.received += a.received ? 0 : 5; /* a total to break */
			a.received_by_channel[GK_CHANNEL_LETTER] += 3;
		} else {
			a.t2[GK_T2_GRANTED][GK_T2_NATURAL_PERSON] += 1;
			a.t3[GK_T3_REVIEW][GK_T3_UPHELD] += 2;
		}
		for (size_t f = 0; f < 3; f++) {
			size_t len;
			char *out = render(&a, formats[f], NULL, &len);
			struct gk_report_result *res = NULL;
			struct gk_error err = {0};
			assert_int_equal(gk_report_check(out, len, NULL, 0, &res, &err), GK_OK);
			if (res->nerrors == 0)
				fail_msg("style %s format %zu: the broken figure was not found",
					 gk_annual_style_code(a.style), f);
			gk_report_result_free(res);
			free(out);
		}
		gk_annual_release(&a);
	}
}

/* Two consecutive years checked together (--previous): the carry-over and
 * Table 1's chains hold, in every style and format. */
static void test_consecutive_years(void **state)
{
	(void)state;
	static const int years[] = {2016, 2019, 2021, 2024};
	static const enum gk_annual_format formats[] = {GK_OUT_TEXT, GK_OUT_MARKDOWN, GK_OUT_HTML};
	for (int round = 0; round < 20; round++)
		for (size_t y = 0; y < sizeof years / sizeof years[0]; y++) {
			struct gk_annual prev, a;
			random_after(&prev, years[y], NULL, false);
			random_after(&a, years[y] + 1, &prev, false);
			a.style = prev.style; /* 2020 follows 2019 in its format */
			struct gk_error err = {0};
			assert_int_equal(gk_annual_verify(&a, &err), GK_OK);
			for (size_t f = 0; f < 3; f++) {
				size_t plen, len;
				char *p = render(&prev, formats[f], NULL, &plen);
				char *out = render(&a, formats[f], NULL, &len);
				struct gk_report_result *res = NULL;
				assert_int_equal(gk_report_check(out, len, p, plen, &res, &err),
						 GK_OK);
				if (res->nfindings) {
					struct gk_buf o;
					gk_buf_init(&o, 0);
					gk_report_result_text(res, "consecutive", &o);
					fprintf(stderr, "%s\n", o.data);
					gk_buf_release(&o);
				}
				assert_int_equal(res->nfindings, 0);
				gk_report_result_free(res);
				free(p);
				free(out);
			}
			/* last year's carry-over put wrong: found */
			prev.t2[GK_T2_CARRY_OUT][GK_T2_NATURAL_PERSON] += 1;
			prev.t2[GK_T2_CARRY_OUT][GK_T2_ALL] += 1;
			prev.carried_out += 1;
			size_t plen, len;
			char *p = render(&prev, GK_OUT_TEXT, NULL, &plen);
			char *out = render(&a, GK_OUT_TEXT, NULL, &len);
			struct gk_report_result *res = NULL;
			assert_int_equal(gk_report_check(out, len, p, plen, &res, &err), GK_OK);
			bool found = false;
			for (int i = 0; i < res->nfindings; i++)
				found = found || !strcmp(res->findings[i].relation, "carry-over");
			assert_true(found);
			gk_report_result_free(res);
			free(p);
			free(out);
			gk_annual_release(&prev);
			gk_annual_release(&a);
		}
}

/* --- the 2021 format's layout --------------------------------------------------------------- */

/* TEXT with the aligned tables' runs of spaces made four and the spaces
 * opening a line dropped, so a test can name a row's cells. */
static char *squeeze(const char *text)
{
	size_t n = strlen(text);
	char *out = malloc(n * 4 + 1), *o = out;
	assert_non_null(out);
	bool line_start = true;
	for (const char *p = text; *p;) {
		if (*p == ' ' && (p[1] == ' ' || line_start)) {
			while (*p == ' ')
				p++;
			if (!line_start && *p != '\n') {
				memcpy(o, "    ", 4);
				o += 4;
			}
			continue;
		}
		line_start = *p == '\n';
		*o++ = *p++;
	}
	*o = '\0';
	return out;
}

static void test_layout_2021(void **state)
{
	(void)state;
	struct gk_annual a;
	random_annual(&a, 2023, false);
	a.style = GK_STYLE_2021;
	a.fees_collected_fen = 38050;
	a.fee_applications = 1;
	free(a.sections[GK_SECTION_OTHER]);
	a.sections[GK_SECTION_OTHER] = NULL;
	size_t len;
	char *aligned = render(&a, GK_OUT_TEXT, NULL, &len);
	char *out = squeeze(aligned);
	free(aligned);
	char title[256];
	snprintf(title, sizeof title, "%s2023年政府信息公开工作年度报告\n", a.agency_name);
	assert_true(!strncmp(out, title, strlen(title)));
	static const char *const must[] = {
		"统计期限自2023年1月1日起至2023年12月31日止",
		"\n一、总体情况\n",
		"\n二、主动公开政府信息情况\n",
		"\n三、收到和处理政府信息公开申请情况\n",
		"\n四、政府信息公开行政复议、行政诉讼情况\n",
		"\n五、存在的主要问题及改进情况\n",
		"\n六、其他需要报告的事项\n",
		"第二十条第（一）项",
		"第二十条第（八）项",
		"本年收费金额（单位：万元）",
		"（" GK_T2_BALANCE_NOTE "）    申请人情况\n",
		"自然人    法人或其他组织    总计\n",
		"商业企业    科研机构    社会公益组织    法律服务机构    其他\n",
		"三、本年度办理结果    （一）予以公开    ",
		"（三）不予公开    1.属于国家秘密    ",
		"（六）其他处理    1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
		"\n3.其他    ",
		"\n（七）总计    ",
		"\n四、结转下年度继续办理    ",
		"行政复议    行政诉讼\n未经复议直接起诉    复议后起诉\n",
		"实际收取信息处理费共计380.50元",
		"除此之外，无其他需要报告的事项。",
	};
	for (size_t i = 0; i < sizeof must / sizeof must[0]; i++)
		if (!strstr(out, must[i]))
			fail_msg("missing: %s", must[i]);
	assert_null(strstr(out, "第二十条第（九）项"));
	free(out);
	/* the 2019 format: five blocks, one （六） row */
	a.style = GK_STYLE_2019;
	aligned = render(&a, GK_OUT_TEXT, NULL, &len);
	out = squeeze(aligned);
	free(aligned);
	assert_non_null(strstr(out, "第二十条第（九）项"));
	assert_non_null(strstr(out, "本年增/减"));
	assert_non_null(strstr(out, "\n（六）其他处理    "));
	assert_null(strstr(out, "逾期不补正"));
	assert_non_null(strstr(out, "国办公开办函〔2019〕60号"));
	free(out);
	gk_annual_release(&a);
}

static void test_shares(void **state)
{
	(void)state;
	char s[32];
	gk_render_share(s, 18, 52);
	assert_string_equal(s, "34.62%");
	gk_render_share(s, 6, 52);
	assert_string_equal(s, "11.54%");
	gk_render_share(s, 1, 8); /* 12.5 exactly: half away from zero */
	assert_string_equal(s, "12.50%");
	gk_render_share(s, 1, 800); /* 0.125 */
	assert_string_equal(s, "0.13%");
	gk_render_share(s, 0, 7);
	assert_string_equal(s, "0.00%");
	gk_render_share(s, 7, 7);
	assert_string_equal(s, "100.00%");
	char v[32];
	gk_render_t1_value(v, 35.6, GK_T1_AMOUNT);
	assert_string_equal(v, "35.6");
	gk_render_t1_value(v, 12, GK_T1_AMOUNT);
	assert_string_equal(v, "12");
	gk_render_t1_value(v, -5, GK_T1_DELTA);
	assert_string_equal(v, "-5");
	gk_render_t1_value(v, 3, GK_T1_DELTA);
	assert_string_equal(v, "+3");
	gk_render_t1_value(v, 0, GK_T1_DELTA);
	assert_string_equal(v, "0");
	gk_render_yuan(v, 40000);
	assert_string_equal(v, "400");
	gk_render_yuan(v, 38005);
	assert_string_equal(v, "380.05");
}

/* --- HTML ------------------------------------------------------------------------------------ */

static void test_html(void **state)
{
	(void)state;
	struct gk_annual hist[6];
	for (int i = 0; i < 6; i++)
		random_annual(&hist[i], 2015 + i, false);
	struct gk_annual a;
	random_annual(&a, 2021, false);
	snprintf(a.agency_name, sizeof a.agency_name, "某某<script>局\"");
	free(a.sections[GK_SECTION_PROBLEMS]);
	a.sections[GK_SECTION_PROBLEMS] = strdup("<img src=x onerror=alert(1)>问题");
	struct gk_annual_history h = {hist, 6};
	size_t len;
	char *out = render(&a, GK_OUT_HTML, &h, &len);
	dump(&a, "trends.html", out, len);
	assert_null(strstr(out, "<script"));
	assert_null(strstr(out, "<img"));
	assert_null(strstr(out, "style="));
	assert_non_null(strstr(out, "某某&lt;script&gt;局&quot;"));
	assert_non_null(strstr(out, "rowspan=\"22\">三、本年度办理结果"));
	assert_non_null(strstr(out, "rowspan=\"8\">（三）不予公开"));
	assert_non_null(strstr(out, "colspan=\"10\">行政诉讼"));
	assert_non_null(strstr(out, "role=\"img\""));
	assert_non_null(strstr(out, "<title id=\"gk-annual-2021-channels-t\">"));
	assert_non_null(strstr(out, "gk-annual-2021-trend-disputes"));
	/* five years: the history's last four and this one */
	assert_null(strstr(out, ">2016</text>"));
	assert_non_null(strstr(out, ">2017</text>"));
	assert_non_null(strstr(out, ">2021</text>"));
	free(out);
	/* a staff text that is not UTF-8 still gives valid JSON */
	a.sections[GK_SECTION_PROBLEMS][0] = (char)0xff;
	char *js = render(&a, GK_OUT_JSON, NULL, &len);
	json_error_t jerr;
	json_t *o = json_loadb(js, len, 0, &jerr);
	assert_non_null(o);
	json_decref(o);
	free(js);
	/* without history: no trends */
	out = render(&a, GK_OUT_HTML, NULL, &len);
	assert_null(strstr(out, "trend"));
	assert_non_null(strstr(out, "gk-annual-2021-outcomes"));
	free(out);
	for (int i = 0; i < 6; i++)
		gk_annual_release(&hist[i]);
	gk_annual_release(&a);
}

/* --- the golden narrative report of the demo 2017 -------------------------------------------- */

/* The seed's 2017 figures, put right where they contradict each other. */
static void demo_2017(struct gk_annual *a)
{
	gk_annual_init(a, 2017);
	snprintf(a->agency_code, sizeof a->agency_code, "035200000");
	snprintf(a->agency_name, sizeof a->agency_name, "大同市人民政府");
	a->rollup = true;
	a->nagencies = 40;
	/* 52 applications from natural persons (46) and organisations (6) */
	a->t2[GK_T2_NEW][GK_T2_NATURAL_PERSON] = 46;
	a->t2[GK_T2_NEW][GK_T2_BUSINESS] = 4;
	a->t2[GK_T2_NEW][GK_T2_OTHER_ORG] = 2;
	a->t2[GK_T2_GRANTED][GK_T2_NATURAL_PERSON] = 26; /* 12 already public + 18 granted */
	a->t2[GK_T2_GRANTED][GK_T2_BUSINESS] = 4;
	a->t2[GK_T2_PARTIAL][GK_T2_NATURAL_PERSON] = 3;
	a->t2[GK_T2_REFUSED_THIRD_PARTY][GK_T2_NATURAL_PERSON] = 1;
	a->t2[GK_T2_REFUSED_PROCESS][GK_T2_NATURAL_PERSON] = 1;
	a->t2[GK_T2_UNABLE_NOT_HELD][GK_T2_NATURAL_PERSON] = 10; /* 8 not ours + 2 not exist */
	a->t2[GK_T2_UNABLE_NOT_HELD][GK_T2_OTHER_ORG] = 2;
	a->t2[GK_T2_UNABLE_UNCLEAR][GK_T2_NATURAL_PERSON] = 2;
	a->t2[GK_T2_IGNORED_PETITION][GK_T2_NATURAL_PERSON] = 3;
	a->received_by_channel[GK_CHANNEL_IN_PERSON] = 18;
	a->received_by_channel[GK_CHANNEL_FAX] = 0;
	a->received_by_channel[GK_CHANNEL_ONLINE] = 6;
	a->received_by_channel[GK_CHANNEL_LETTER] = 28;
	a->on_time = 48;
	a->extended = 4;
	a->by_category[GK_PRE2019_ALREADY_PUBLIC] = 12;
	a->by_category[GK_PRE2019_GRANTED] = 18;
	a->by_category[GK_PRE2019_PARTIAL] = 3;
	a->by_category[GK_PRE2019_REFUSED] = 2;
	a->by_category[GK_PRE2019_NOT_THIS_AGENCY] = 8;
	a->by_category[GK_PRE2019_NOT_EXIST] = 4;
	a->by_category[GK_PRE2019_AMEND] = 2;
	a->by_category[GK_PRE2019_OTHER_CHANNEL] = 3;
	a->refused_by_reason[GK_REFUSAL_THIRD_PARTY] = 1;
	a->refused_by_reason[GK_REFUSAL_NOT_GOV_INFO] = 1;
	/* reconsideration 11 = 7 + 1 + 3; litigation 35 = 29 + 0 + 6 */
	a->t3[GK_T3_REVIEW][GK_T3_UPHELD] = 7;
	a->t3[GK_T3_REVIEW][GK_T3_CORRECTED] = 1;
	a->t3[GK_T3_REVIEW][GK_T3_OTHER_RESULT] = 3;
	a->t3[GK_T3_DIRECT_SUIT][GK_T3_UPHELD] = 29;
	a->t3[GK_T3_DIRECT_SUIT][GK_T3_OTHER_RESULT] = 6;
	gk_annual_totals(a);
	a->received = 52;
	a->concluded = 52;
	a->carried_out = 0;
	/* 72,521 items: the website, 微博, 微信 and 政府公报 as the seed says; the rest
	 * through other outlets (the seed's 301 left 8,194 items unaccounted for) */
	a->items_published = 72521;
	a->items_normative = 198;
	a->by_outlet[GK_OUTLET_WEBSITE] = 58717;
	a->by_outlet[GK_OUTLET_WEIBO] = 1789;
	a->by_outlet[GK_OUTLET_WECHAT] = 3430;
	a->by_outlet[GK_OUTLET_GAZETTE] = 90;
	a->by_outlet[GK_OUTLET_OTHER] = 8495;
	a->interpretations = 334;
	a->press_conferences = 6;
	a->interviews = 25;
	a->opinion_responses = 3661;
	a->responses_by_channel[GK_RCHANNEL_WEIBO] = 12;
	a->responses_by_channel[GK_RCHANNEL_WECHAT] = 8;
	a->responses_by_channel[GK_RCHANNEL_MEDIA] = 2170;
	a->complaints = 10;
	a->complaints_closed = 10;
	a->figures[GK_YF_TRAINING_SESSIONS] = 10;
	a->figures[GK_YF_TRAINING_ATTENDANCE] = 1150;
	a->figures[GK_YF_STAFF_FULL_TIME] = 201;
	a->figures[GK_YF_STAFF_PART_TIME] = 149;
	a->figure_known[GK_YF_TRAINING_SESSIONS] = true;
	a->figure_known[GK_YF_TRAINING_ATTENDANCE] = true;
	a->figure_known[GK_YF_STAFF_FULL_TIME] = true;
	a->figure_known[GK_YF_STAFF_PART_TIME] = true;
	a->sections[GK_SECTION_PROBLEMS] = strdup(
		"2017年，我市政务公开工作虽然取得了一定成效，但仍存在一些问题，主要表现在：各县区、"
		"各部门领导体制和工作机制有待进一步理顺，重点领域信息公开有待进一步深化，依申请公开"
		"工作有待进一步规范。\n"
		"下一步，我们将进一步健全政务公开领导体制，全面落实“五公开”工作机制，不断完善解读"
		"回应机制，加强政务公开平台建设，强化业务培训和情况通报。");
	a->records = 4321;
}

static void test_golden_2017(void **state)
{
	(void)state;
	struct gk_annual a;
	demo_2017(&a);
	struct gk_error err = {0};
	assert_int_equal(gk_annual_verify(&a, &err), GK_OK);
	assert_int_equal(a.style, GK_STYLE_NARRATIVE);
	size_t len;
	char *out = render(&a, GK_OUT_TEXT, NULL, &len);
	check_back(&a, out, len, "golden");
	/* the figures the issue names, as the sentences state them */
	static const char *const must[] = {
		"共收到政府信息公开申请52件，其中当面申请18件，占申请总数的34.62%；",
		"其中按时办结48件，占办结总数的92.31%；延期办结4件，占办结总数的7.69%。",
		"被申请行政复议11件，其中维持具体行政行为7件，被依法纠错1件，其他情形3件。",
		"被提起行政诉讼35件，其中维持具体行政行为或者驳回原告诉讼请求29件，被依法纠错0件，"
		"其他情形6件。",
		"投诉举报10件",
		"培训班10次，接受培训人员1150人次",
		"从事政府信息公开工作人员350人，其中专职人员201人，兼职人员149人。",
		"举办新闻发布会6次",
		"在线访谈25次",
		"政策解读稿件334篇",
		"重大舆情3661次",
		"主动公开政府信息72521条，其中通过政府网站公开58717条，占主动公开政府信息总数的"
		"80.97%；",
		"通过政务微博公开1789条",
		"通过政务微信公开3430条",
		"通过政府公报公开90条",
		"全年主动公开规范性文件198条。",
	};
	for (size_t i = 0; i < sizeof must / sizeof must[0]; i++)
		if (!strstr(out, must[i]))
			fail_msg("missing: %s", must[i]);
	assert_null(strstr(out, "2016"));
	FILE *f = fopen(GOLDEN, "rb");
	if (!f || getenv("GK_UPDATE_GOLDEN")) {
		if (f)
			fclose(f);
		f = fopen(GOLDEN, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(out, 1, len, f), len);
		fclose(f);
		fail_msg("wrote %s: review it and run again", GOLDEN);
	}
	char *want = malloc(len + 65536);
	assert_non_null(want);
	size_t n = fread(want, 1, len + 65536, f);
	fclose(f);
	want[n] = '\0';
	assert_string_equal(out, want);
	free(want);
	free(out);
	/* the other formats of the same report also read clean */
	render_all_styles(&a, NULL, "golden");
	gk_annual_release(&a);
}

int main(void)
{
	/* one test a line */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shares),
		cmocka_unit_test(test_layout_2021),
		cmocka_unit_test(test_empty_year),
		cmocka_unit_test(test_broken_is_found),
		cmocka_unit_test(test_consecutive_years),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_golden_2017),
		cmocka_unit_test(test_random_reports),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
