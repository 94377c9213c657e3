/* The yearly report's documents (src/output/): the XLSX opened and read
 * cell by cell (unzip prints the sheets' XML: every Table 2 value is at the
 * row of its label and the column of its header, the official merges
 * exist), the PDF's text (pdftotext -layout) holds the tables' labels and
 * numbers, pdffonts shows every font embedded, every page is A4 and the
 * tables are ruled (pdfinfo, pdftocairo -svg). A report of each style:
 * 2021, 2019 and the pre-2019 narrative. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/report/annual.h"
#include "lib/buf.h"
#include "output/annual_grid.h"
#include "output/annual_pdf.h"
#include "output/annual_xlsx.h"

#define AGENCY "大同市人民政府"

static char tmpdir[64];

/* --- a consistent report ---------------------------------------------------------------- */

static bool counted_t2_row(int r)
{
	const struct gk_t2_row_info *ri = gk_report_t2_row_info((enum gk_t2_row)r);
	return (ri->formats & GK_FORMAT_2021) && ri->section != 0 && ri->section != 7;
}

/* Every counted cell a different number; totals by gk_annual_totals; the
 * balance 一 + 二 = 三（七）+ 四 and the narrative's sums made to hold. */
static void fill(struct gk_annual *a, int year)
{
	gk_annual_init(a, year);
	snprintf(a->agency_name, sizeof a->agency_name, "%s", AGENCY);
	snprintf(a->agency_code, sizeof a->agency_code, "%s", "datong");
	a->records = 1234;
	int k = 1;
	for (int r = 0; r < GK_T2_NROWS; r++)
		if (counted_t2_row(r))
			for (int c = 0; c < GK_T2_ALL; c++)
				a->t2[r][c] = k++;
	gk_annual_totals(a);
	for (int c = 0; c < GK_T2_ALL; c++) {
		a->t2[GK_T2_CARRY_IN][c] = 300 + c;
		a->t2[GK_T2_NEW][c] = a->t2[GK_T2_TOTAL][c] + 500 + 11 * c;
		a->t2[GK_T2_CARRY_OUT][c] =
			a->t2[GK_T2_NEW][c] + a->t2[GK_T2_CARRY_IN][c] - a->t2[GK_T2_TOTAL][c];
	}
	for (int g = 0; g < GK_T3_NGROUPS; g++)
		for (int c = 0; c < GK_T3_ALL; c++)
			a->t3[g][c] = 40 + 10 * g + c;
	gk_annual_totals(a);

	for (int r = 0; r < GK_T1_NROWS; r++)
		for (int c = 0; c < GK_T1_NCOLUMNS; c++)
			a->t1[r][c] = 1000 + 20 * r + c;
	a->t1[GK_T1_FEES][GK_T1_FEES_COLLECTED] = 12.5;
	a->t1[GK_T1_PROCUREMENT][GK_T1_PURCHASE_AMOUNT] = 345.6789;
	a->t1[GK_T1_LICENSE][GK_T1_ITEMS_CHANGE] = -3;

	a->received = a->t2[GK_T2_NEW][GK_T2_ALL];
	a->received_by_channel[GK_CHANNEL_IN_PERSON] = 100;
	a->received_by_channel[GK_CHANNEL_EMAIL] = 20;
	a->received_by_channel[GK_CHANNEL_ONLINE] = a->received - 120;
	a->concluded = a->t2[GK_T2_TOTAL][GK_T2_ALL];
	a->on_time = a->concluded - 4;
	a->extended = 4;
	a->by_category[GK_PRE2019_GRANTED] = a->concluded - 10;
	a->by_category[GK_PRE2019_REFUSED] = 7;
	a->by_category[GK_PRE2019_NOT_EXIST] = 3;
	a->refused_by_reason[GK_REFUSAL_STATE_SECRET] = 5;
	a->refused_by_reason[GK_REFUSAL_SECURITY] = 2;
	a->carried_out = a->t2[GK_T2_CARRY_OUT][GK_T2_ALL];
	a->items_published = 72521;
	a->items_normative = 88;
	a->by_outlet[GK_OUTLET_WEBSITE] = 58717;
	a->by_outlet[GK_OUTLET_GAZETTE] = 321;
	a->opinion_responses = 3661;
	/* 20 events through both 微博 and 微信: 40 by channel, 20 events */
	a->responses_by_channel[GK_RCHANNEL_WEIBO] = 20;
	a->responses_by_channel[GK_RCHANNEL_WECHAT] = 20;
	a->responses_weibo_wechat = 20;
	a->responses_by_channel[GK_RCHANNEL_MEDIA] = 2170;
	a->responses_other_ways = 2170;
	a->press_conferences = 6;
	a->interviews = 25;
	a->interpretations = 334;
	a->complaints = 10;
	a->complaints_closed = 9;
	a->fees_collected_fen = 40050;
	a->fee_applications = 2;
	a->figures[GK_YF_TRAINING_SESSIONS] = 10;
	a->figures[GK_YF_TRAINING_ATTENDANCE] = 1150;
	a->figures[GK_YF_STAFF_FULL_TIME] = 201;
	a->figures[GK_YF_STAFF_PART_TIME] = 149;
	a->figure_known[GK_YF_TRAINING_SESSIONS] = a->figure_known[GK_YF_TRAINING_ATTENDANCE] =
		true;
	a->figure_known[GK_YF_STAFF_FULL_TIME] = a->figure_known[GK_YF_STAFF_PART_TIME] = true;
	a->sections[GK_SECTION_OVERVIEW] = strdup("本机关认真贯彻《条例》。\n\n全面推进政务公开。");
	a->sections[GK_SECTION_OTHER] = strdup("落实年度政务公开工作要点。");

	struct gk_error err = {0};
	assert_int_equal(gk_annual_verify(a, &err), GK_OK);
}

/* --- running the tools ------------------------------------------------------------------ */

static bool have(const char *tool)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", tool);
	if (system(cmd) == 0)
		return true;
	print_message("# skipped: %s is not installed (apt-get install %s)\n", tool,
		      strcmp(tool, "unzip") ? "poppler-utils" : "unzip");
	return false;
}

/* The output of CMD (a malloc'd string), asserting it succeeded. */
static char *run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *run(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	struct gk_buf b;
	gk_buf_init(&b, GK_BUF_DEFAULT_MAX);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		gk_buf_add(&b, chunk, n);
	int status = pclose(p);
	if (status != 0)
		fail_msg("'%s' failed (status %d)", cmd, status);
	gk_buf_putc(&b, '\0');
	return gk_buf_detach(&b, NULL);
}

/* --- reading a sheet's XML -------------------------------------------------------------- */

#define MAX_STRINGS 512
#define MAX_CELLS   1024

struct cell {
	int row, col;   /* 1-based row, 0-based column (A = 0) */
	bool string;    /* t="s" */
	char text[512]; /* the shared string, or the number as written */
};

struct sheet {
	int ncells;
	struct cell cells[MAX_CELLS];
	char *xml;
};

static void unescape(char *s)
{
	static const char *const from[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"};
	static const char to[] = {'&', '<', '>', '"', '\''};
	char *w = s;
	for (const char *r = s; *r;) {
		size_t i;
		for (i = 0; i < 5; i++)
			if (!strncmp(r, from[i], strlen(from[i])))
				break;
		if (i < 5) {
			*w++ = to[i];
			r += strlen(from[i]);
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
}

/* The shared strings in order. */
static int read_strings(const char *xml, char strings[][512])
{
	int n = 0;
	for (const char *p = xml; (p = strstr(p, "<si>")) && n < MAX_STRINGS; n++) {
		const char *t = strstr(p, "<t");
		const char *open = t ? strchr(t, '>') : NULL;
		const char *close = open ? strstr(open, "</t>") : NULL;
		assert_non_null(close);
		size_t len = (size_t)(close - open - 1);
		assert_true(len < 512);
		memcpy(strings[n], open + 1, len);
		strings[n][len] = '\0';
		unescape(strings[n]);
		p = close;
	}
	return n;
}

static void parse_ref(const char *ref, int *row, int *col)
{
	*col = 0;
	while (*ref >= 'A' && *ref <= 'Z')
		*col = *col * 26 + (*ref++ - 'A' + 1);
	(*col)--;
	*row = atoi(ref);
}

static void read_sheet(const char *xlsx, int n, struct sheet *s)
{
	static char strings[MAX_STRINGS][512];
	char *sst = run("unzip -p '%s' xl/sharedStrings.xml", xlsx);
	int nstrings = read_strings(sst, strings);
	free(sst);
	s->xml = run("unzip -p '%s' xl/worksheets/sheet%d.xml", xlsx, n);
	s->ncells = 0;
	for (const char *p = s->xml; (p = strstr(p, "<c r=\"")); p++) {
		const char *end = strchr(p, '>');
		assert_non_null(end);
		if (end[-1] == '/')
			continue; /* an empty cell of a merged range */
		struct cell *c = &s->cells[s->ncells++];
		assert_true(s->ncells < MAX_CELLS);
		parse_ref(p + 6, &c->row, &c->col);
		const char *t = strstr(p, " t=\"");
		c->string = t && t < end && !strncmp(t + 4, "s\"", 2);
		const char *v = strstr(p, "<v>");
		assert_non_null(v);
		const char *ve = strstr(v, "</v>");
		size_t len = (size_t)(ve - v - 3);
		char val[64];
		assert_true(len < sizeof val);
		memcpy(val, v + 3, len);
		val[len] = '\0';
		if (c->string) {
			int i = atoi(val);
			assert_true(i >= 0 && i < nstrings);
			snprintf(c->text, sizeof c->text, "%s", strings[i]);
		} else {
			snprintf(c->text, sizeof c->text, "%s", val);
		}
	}
}

/* The one cell holding string TEXT. */
static const struct cell *find_text(const struct sheet *s, const char *text)
{
	const struct cell *found = NULL;
	for (int i = 0; i < s->ncells; i++)
		if (s->cells[i].string && !strcmp(s->cells[i].text, text)) {
			if (found)
				fail_msg("\"%s\" is in two cells", text);
			found = &s->cells[i];
		}
	if (!found)
		fail_msg("no cell holds \"%s\"", text);
	return found;
}

static const struct cell *cell_at(const struct sheet *s, int row, int col)
{
	for (int i = 0; i < s->ncells; i++)
		if (s->cells[i].row == row && s->cells[i].col == col)
			return &s->cells[i];
	fail_msg("no cell at row %d column %d", row, col);
	return NULL;
}

/* The cell at ROW, COL is the number VALUE (a number, not text). */
static void assert_number(const struct sheet *s, int row, int col, double value)
{
	const struct cell *c = cell_at(s, row, col);
	if (c->string)
		fail_msg("row %d column %d is text \"%s\", not the number %g", row, col, c->text,
			 value);
	double v = strtod(c->text, NULL);
	if (v != value)
		fail_msg("row %d column %d is %s, not %g", row, col, c->text, value);
}

static void assert_merge(const struct sheet *s, const char *ref)
{
	char want[64];
	snprintf(want, sizeof want, "<mergeCell ref=\"%s\"/>", ref);
	if (!strstr(s->xml, want))
		fail_msg("no merged range %s", ref);
}

/* Removes a document unless GK_TEST_KEEP is set (to look at it). */
static void discard(const char *path)
{
	if (!getenv("GK_TEST_KEEP"))
		unlink(path);
}

/* Excel repairs a sheet whose merged ranges overlap or hide a value: none do. */
static void assert_merges_sound(const struct sheet *s)
{
	int m[64][4], n = 0; /* first row, first col, last row, last col */
	for (const char *p = s->xml; (p = strstr(p, "<mergeCell ref=\"")) && n < 64; p++, n++) {
		p += strlen("<mergeCell ref=\"");
		parse_ref(p, &m[n][0], &m[n][1]);
		parse_ref(strchr(p, ':') + 1, &m[n][2], &m[n][3]);
		assert_true(m[n][0] <= m[n][2] && m[n][1] <= m[n][3]);
	}
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			if (!(m[i][2] < m[j][0] || m[j][2] < m[i][0] || m[i][3] < m[j][1] ||
			      m[j][3] < m[i][1]))
				fail_msg("merged ranges %d and %d overlap", i, j);
	for (int k = 0; k < s->ncells; k++)
		for (int i = 0; i < n; i++) {
			const struct cell *c = &s->cells[k];
			bool inside = c->row >= m[i][0] && c->row <= m[i][2] && c->col >= m[i][1] &&
				      c->col <= m[i][3];
			if (inside && (c->row != m[i][0] || c->col != m[i][1]))
				fail_msg("row %d column %d is hidden by a merged range", c->row,
					 c->col);
		}
}

/* --- writing ----------------------------------------------------------------------------- */

static void write_both(const struct gk_annual *a, const char *name, char *xlsx, char *pdf)
{
	snprintf(xlsx, 256, "%s/%s.xlsx", tmpdir, name);
	snprintf(pdf, 256, "%s/%s.pdf", tmpdir, name);
	struct gk_error err = {0};
	enum gk_err rc = gk_annual_write_xlsx(a, xlsx, &err);
	if (rc)
		fail_msg("xlsx: %s", gk_error_text(&err));
	rc = gk_annual_write_pdf(a, pdf, &err);
	if (rc)
		fail_msg("pdf: %s", gk_error_text(&err));
}

/* --- the XLSX ----------------------------------------------------------------------------- */

/* Table 2 on sheet 2: each value at its label's row and its header's column. */
static void check_t2_sheet(const struct gk_annual *a, const char *xlsx, int format)
{
	struct sheet *s = calloc(1, sizeof *s);
	assert_non_null(s);
	read_sheet(xlsx, 2, s);
	int cols[GK_T2_COLS];
	for (int c = 0; c < GK_T2_COLS; c++) {
		const struct cell *h =
			find_text(s, gk_report_t2_col_info((enum gk_t2_col)c)->label);
		assert_true(h->row >= 2 && h->row <= 4); /* in the header */
		cols[c] = h->col;
	}
	int rows = 0;
	for (int r = 0; r < GK_T2_NROWS; r++) {
		if (!gk_report_t2_in_format((enum gk_t2_row)r, format))
			continue;
		const struct cell *label =
			find_text(s, gk_report_t2_row_info((enum gk_t2_row)r)->label);
		for (int c = 0; c < GK_T2_COLS; c++)
			assert_number(s, label->row, cols[c], (double)a->t2[r][c]);
		rows++;
	}
	assert_int_equal(rows, format == 2021 ? 25 : 23);
	assert_merges_sound(s);

	/* the official layout: title row 1, header rows 2–4, 一 and 二 on 5 and
	 * 6, the results from 7, 四 last */
	assert_int_equal(cols[GK_T2_NATURAL_PERSON], 3);
	assert_int_equal(find_text(s, gk_report_t2_row_info(GK_T2_NEW)->label)->row, 5);
	int results = format == 2021 ? 22 : 20;
	char ref[32];
	snprintf(ref, sizeof ref, "A7:A%d", 6 + results);
	assert_merge(s, ref);
	const struct cell *rl = find_text(s, GK_T2_RESULTS_LABEL);
	assert_int_equal(rl->row, 7);
	assert_int_equal(rl->col, 0);
	assert_merge(s, "A2:C4");   /* the balance note */
	assert_merge(s, "D2:J2");   /* 申请人情况 */
	assert_merge(s, "D3:D4");   /* 自然人 */
	assert_merge(s, "E3:I3");   /* 法人或其他组织 */
	assert_merge(s, "J3:J4");   /* 总计 */
	assert_merge(s, "A5:C5");   /* 一、 */
	assert_merge(s, "B9:B16");  /* （三）不予公开 over its 8 items */
	assert_merge(s, "B17:B19"); /* （四）无法提供 */
	assert_merge(s, "B20:B24"); /* （五）不予处理 */
	assert_merge(s, format == 2021 ? "B25:B27" : "B25:C25"); /* （六）其他处理 */
	assert_string_equal(find_text(s, "申请人情况")->text, "申请人情况");
	assert_int_equal(find_text(s, "法人或其他组织")->col, 4);
	assert_int_equal(find_text(s, "（三）不予公开")->col, 1);
	free(s->xml);
	free(s);
}

static void check_t1_t3_sheets(const struct gk_annual *a, const char *xlsx, int format)
{
	struct sheet *s = calloc(1, sizeof *s);
	assert_non_null(s);
	read_sheet(xlsx, 1, s);
	for (int r = 0; r < GK_T1_NROWS; r++) {
		int n = gk_report_t1_cols(format, r);
		if (n == 0)
			continue;
		const struct cell *label = find_text(s, gk_report_t1_row_name(format, r));
		for (int p = 0; p < n; p++)
			assert_number(s, label->row, 1 + p,
				      a->t1[r][gk_report_t1_col(format, r, p)]);
	}
	assert_merge(s, "A2:D2"); /* 第二十条第（一）项 */
	assert_merges_sound(s);
	if (format == 2021) {
		/* 行政许可's one cell spans the three value columns */
		const struct cell *lic = find_text(s, "行政许可");
		char ref[32];
		snprintf(ref, sizeof ref, "B%d:D%d", lic->row, lic->row);
		assert_merge(s, ref);
		find_text(s, "本年收费金额（单位：万元）");
	} else {
		find_text(s, "政府集中采购");
	}
	free(s->xml);

	read_sheet(xlsx, 3, s);
	assert_merge(s, "A2:E3"); /* 行政复议 */
	assert_merges_sound(s);
	assert_merge(s, "F2:O2"); /* 行政诉讼 */
	assert_merge(s, "F3:J3"); /* 未经复议直接起诉 */
	assert_merge(s, "K3:O3"); /* 复议后起诉 */
	assert_int_equal(find_text(s, "复议后起诉")->col, 10);
	for (int g = 0; g < GK_T3_NGROUPS; g++)
		for (int c = 0; c < GK_T3_NCOLS; c++) {
			const struct cell *h = cell_at(s, 4, g * GK_T3_NCOLS + c);
			assert_string_equal(h->text,
					    gk_report_t3_col_info((enum gk_t3_col)c)->label);
			assert_number(s, 5, g * GK_T3_NCOLS + c, (double)a->t3[g][c]);
		}
	free(s->xml);
	free(s);

	char *book = run("unzip -p '%s' xl/workbook.xml", xlsx);
	assert_non_null(strstr(book, "表一 主动公开政府信息情况"));
	assert_non_null(strstr(book, "表二 收到和处理政府信息公开申请情况"));
	assert_non_null(strstr(book, "表三 政府信息公开行政复议、行政诉讼情况"));
	assert_non_null(strstr(book, "说明"));
	free(book);
	/* 说明: whose report, where the figures come from */
	s = calloc(1, sizeof *s);
	assert_non_null(s);
	read_sheet(xlsx, 4, s);
	assert_int_equal(find_text(s, "机关")->col, 0);
	assert_string_equal(cell_at(s, find_text(s, "机关")->row, 1)->text, AGENCY "（datong）");
	assert_non_null(strstr(cell_at(s, find_text(s, "数据来源")->row, 1)->text, "共1234条"));
	find_text(s, a->rollup ? "汇总本机关及其所属共5个机关" : "本机关");
	free(s->xml);
	free(s);
	char *styles = run("unzip -p '%s' xl/styles.xml", xlsx);
	assert_non_null(strstr(styles, "formatCode=\"0.00##\"")); /* amounts */
	free(styles);
}

/* --- the PDF ------------------------------------------------------------------------------ */

static void check_fonts_embedded(const char *pdf)
{
	char *out = run("pdffonts '%s'", pdf);
	int fonts = 0;
	char *save = NULL;
	int line = 0;
	for (char *l = strtok_r(out, "\n", &save); l; l = strtok_r(NULL, "\n", &save), line++) {
		if (line < 2)
			continue; /* the heading and its rule */
		/* ... emb sub uni object ID: emb is the fifth word from the end */
		char *words[32];
		int n = 0;
		char *ws = NULL;
		for (char *w = strtok_r(l, " ", &ws); w && n < 32; w = strtok_r(NULL, " ", &ws))
			words[n++] = w;
		assert_true(n >= 6);
		if (strcmp(words[n - 5], "yes") != 0)
			fail_msg("a font is not embedded: %s", words[0]);
		fonts++;
	}
	assert_true(fonts >= 1);
	free(out);
}

/* Every page of PDF is A4 (pdfinfo), and the tables are ruled: at least one
 * stroked rectangle per cell of A's grids (pdftocairo -svg draws each
 * cairo_stroke as a path with a stroke-width; the glyphs are fills). */
static void check_a4_and_ruled(const struct gk_annual *a, const char *pdf)
{
	char *info = run("pdfinfo -f 1 -l 1000 '%s'", pdf);
	int pages = 0;
	char *save = NULL;
	for (char *l = strtok_r(info, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		if (strncmp(l, "Page ", 5) || !strstr(l, " size:"))
			continue;
		pages++;
		if (!strstr(l, "595.276 x 841.89 pts (A4)"))
			fail_msg("a page is not A4: %s", l);
	}
	assert_true(pages >= 2);
	free(info);
	char *svg = run("pdftocairo -svg '%s' - 2>/dev/null", pdf);
	int rules = 0;
	for (const char *p = svg; (p = strstr(p, "stroke-width:")); p++)
		rules++;
	free(svg);
	static struct gk_grid grids[3];
	int n = gk_annual_grids(a, grids, 3), cells = 0;
	for (int i = 0; i < n; i++)
		cells += grids[i].ncells;
	assert_true(cells > 20);
	if (rules < cells)
		fail_msg("%d ruled cells drawn for %d cells of the tables", rules, cells);
}

/* TEXT without line breaks and spaces, for sentences the layout wrapped
 * (malloc'd). */
static char *squash(const char *text)
{
	char *out = strdup(text);
	assert_non_null(out);
	char *w = out;
	for (const char *r = text; *r; r++)
		if (*r != '\n' && *r != ' ' && *r != '\f')
			*w++ = *r;
	*w = '\0';
	return out;
}

/* The integers on LINE after position FROM. */
static int numbers_after(const char *from, long long *out, int max)
{
	int n = 0;
	for (const char *p = from; *p && *p != '\n' && n < max;) {
		if (*p >= '0' && *p <= '9') {
			char *end;
			out[n++] = strtoll(p, &end, 10);
			p = end;
		} else {
			p++;
		}
	}
	return n;
}

/* The line of TEXT where LABEL is followed by the numbers WANT[0..n). */
static bool row_in_text(const char *text, const char *label, const int64_t *want, int n)
{
	for (const char *p = text; (p = strstr(p, label)); p++) {
		long long got[32];
		int k = numbers_after(p + strlen(label), got, 32);
		if (k != n)
			continue;
		bool same = true;
		for (int i = 0; i < n; i++)
			same = same && got[i] == want[i];
		if (same)
			return true;
	}
	return false;
}

static void check_pdf_official(const struct gk_annual *a, const char *pdf, int format)
{
	char *text = run("pdftotext -layout '%s' -", pdf);
	char *prose = squash(text);
	assert_non_null(strstr(prose, AGENCY "2021年政府信息公开工作年度报告") ||
			strstr(prose, AGENCY "2019年政府信息公开工作年度报告"));
	assert_non_null(strstr(prose, "统计期限自"));
	assert_non_null(strstr(prose, "—2—")); /* page numbers */
	if (a->rollup)
		assert_non_null(strstr(prose, "本报告汇总" AGENCY "及其所属共5个机关的数据"));
	assert_non_null(strstr(prose, "一、总体情况"));
	assert_non_null(strstr(prose, "本机关认真贯彻《条例》。"));
	assert_non_null(strstr(prose, "二、主动公开政府信息情况"));
	assert_non_null(strstr(prose, "三、收到和处理政府信息公开申请情况"));
	assert_non_null(strstr(prose, "四、政府信息公开行政复议、行政诉讼情况"));
	assert_non_null(strstr(prose, "存在的主要问题及改进情况"));
	assert_non_null(strstr(prose, "六、其他需要报告的事项"));
	assert_non_null(strstr(prose, "400.50元")); /* the fees collected */
	static const char *const headers[] = {"申请人情况", "自然人",   "法人或其他组织",
					      "商业企业",   "科研机构", "第二十条第（一）项",
					      "行政复议",   "行政诉讼", "复议后起诉"};
	for (size_t i = 0; i < sizeof headers / sizeof headers[0]; i++)
		if (!strstr(text, headers[i]))
			fail_msg("the PDF's text lacks \"%s\"", headers[i]);
	/* every Table 2 row whose label fits on one line, with its seven
	 * numbers (a longer label wraps inside its column) */
	int rows = 0;
	for (int r = 0; r < GK_T2_NROWS; r++) {
		if (!gk_report_t2_in_format((enum gk_t2_row)r, format))
			continue;
		const struct gk_t2_row_info *ri = gk_report_t2_row_info((enum gk_t2_row)r);
		if (row_in_text(text, ri->label, a->t2[r], GK_T2_COLS))
			rows++;
		else if (strlen(ri->label) <= 3 * 9)
			fail_msg("the PDF's text lacks the row \"%s\" with its numbers", ri->label);
	}
	assert_true(rows >= 12);
	/* Table 2 has its header on every page it runs over: two in 2021 (the
	 * 2019 table, two rows shorter, fits on one) */
	int pages = 0;
	for (char *page = text; page; page = strchr(page, '\f') ? strchr(page, '\f') + 1 : NULL) {
		char *end = strchr(page, '\f');
		if (end)
			*end = '\0';
		if (strstr(page, "（七）总计") ||
		    strstr(page, "二、上年结转政府信息公开申请数量")) {
			pages++;
			if (!strstr(page, "申请人情况") || !strstr(page, "法律服务"))
				fail_msg("a page of Table 2 lacks its header");
		}
		if (end)
			*end = '\f';
	}
	assert_int_equal(pages, format == 2021 ? 2 : 1);
	/* Table 3's one row of fifteen numbers */
	int64_t t3[GK_T3_NGROUPS * GK_T3_NCOLS];
	for (int g = 0; g < GK_T3_NGROUPS; g++)
		memcpy(&t3[g * GK_T3_NCOLS], a->t3[g], sizeof a->t3[g]);
	assert_true(row_in_text(text, "\n", t3, GK_T3_NGROUPS * GK_T3_NCOLS));
	/* Table 1: 规章's three numbers */
	int64_t t1[3];
	for (int p = 0; p < 3; p++)
		t1[p] = (int64_t)a->t1[GK_T1_RULES][gk_report_t1_col(format, GK_T1_RULES, p)];
	assert_true(row_in_text(text, "规章", t1, 3));
	free(prose);
	free(text);
}

/* --- the tests ------------------------------------------------------------------------------ */

static void test_style(int year, int format)
{
	struct gk_annual a;
	fill(&a, year);
	assert_int_equal(a.style, format);
	if (year == 2019) { /* a roll-up says so */
		a.rollup = true;
		a.nagencies = 5;
	}
	char xlsx[256], pdf[256], name[32];
	snprintf(name, sizeof name, "report-%d", year);
	write_both(&a, name, xlsx, pdf);
	bool unzip = have("unzip"), poppler = have("pdftotext") && have("pdffonts");
	if (unzip) {
		check_t2_sheet(&a, xlsx, format);
		check_t1_t3_sheets(&a, xlsx, format);
	}
	if (poppler) {
		check_pdf_official(&a, pdf, format);
		check_fonts_embedded(pdf);
		check_a4_and_ruled(&a, pdf);
	}
	gk_annual_release(&a);
	discard(xlsx);
	discard(pdf);
	if (!unzip || !poppler)
		skip();
}

static void test_2021(void **state)
{
	test_style(2021, GK_STYLE_2021);
}

static void test_2019(void **state)
{
	test_style(2019, GK_STYLE_2019);
}

/* The narrative style: the 统计表 on sheet 1, 说明 on sheet 2; the PDF
 * has the 2008 parts, generated sentences and the 统计表. */
static void test_narrative(void **state)
{
	struct gk_annual a;
	fill(&a, 2017);
	assert_int_equal(a.style, GK_STYLE_NARRATIVE);
	char xlsx[256], pdf[256];
	write_both(&a, "report-2017", xlsx, pdf);
	if (!have("unzip") || !have("pdftotext") || !have("pdffonts")) {
		gk_annual_release(&a);
		skip();
		return;
	}
	struct sheet *s = calloc(1, sizeof *s);
	assert_non_null(s);
	read_sheet(xlsx, 1, s);
	const struct cell *h = find_text(s, "统计数");
	struct {
		const char *label;
		double value;
	} rows[] = {
		{"（一）收到申请数", (double)a.received},
		{"1．当面申请数", 100},
		{"3．网络申请数", (double)a.received - 100}, /* e-mail counts as 网络 */
		{"2．延期办结数", 4},
		{"2．同意公开答复数", (double)a.concluded - 10},
		{"其中：涉及国家秘密", 5},
		{"四、行政复议数量", (double)a.t3[GK_T3_REVIEW][GK_T3_ALL]},
		{"（三）其他情形数", (double)(a.t3[GK_T3_REVIEW][GK_T3_OTHER_RESULT] +
					      a.t3[GK_T3_REVIEW][GK_T3_PENDING])},
		{"4．微博微信回应事件数", 20},
		{"5．其他方式回应事件数", 2170},
		{"六、举报投诉数量", 10},
		{"七、依申请公开信息收取的费用", 0.04005},
		{"（二）举办各类培训班数", 10},
		{"（三）接受培训人员数", 1150},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const struct cell *l = NULL;
		for (int k = 0; k < s->ncells && !l; k++) /* the first, where labels repeat */
			if (s->cells[k].string && !strcmp(s->cells[k].text, rows[i].label))
				l = &s->cells[k];
		if (!l)
			fail_msg("no row \"%s\"", rows[i].label);
		assert_number(s, l->row, h->col, rows[i].value);
	}
	/* a figure nobody entered is left empty, not 0 */
	const struct cell *m = find_text(s, "（一）召开政府信息公开工作会议或专题会议数");
	for (int k = 0; k < s->ncells; k++)
		assert_false(s->cells[k].row == m->row && s->cells[k].col == h->col);
	free(s->xml);
	read_sheet(xlsx, 2, s);
	find_text(s, "数据来源");
	find_text(s, AGENCY "（datong）");
	free(s->xml);
	free(s);

	char *text = run("pdftotext -layout '%s' -", pdf);
	char *prose = squash(text);
	static const char *const parts[] = {"一、概述",
					    "二、主动公开政府信息情况",
					    "三、依申请公开政府信息情况",
					    "四、政府信息公开的收费及减免情况",
					    "七、政府信息公开培训和工作人员情况",
					    "九、其他需要报告的事项",
					    "附表：政府信息公开情况统计表",
					    "统计指标",
					    "专职人员201人",
					    "接受培训人员1150人次",
					    "主动公开政府信息72521条",
					    "400.50元"};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		if (!strstr(prose, parts[i]))
			fail_msg("the PDF's text lacks \"%s\"", parts[i]);
	/* the PDF says what the other formats say, in the same words: every
	 * line of the plain text is in it */
	struct gk_buf plain;
	struct gk_error err = {0};
	gk_buf_init(&plain, GK_BUF_DEFAULT_MAX);
	assert_int_equal(gk_annual_render(&a, GK_OUT_TEXT, NULL, &plain, &err), GK_OK);
	gk_buf_putc(&plain, '\0');
	int lines = 0;
	char *save = NULL;
	for (char *l = strtok_r(plain.data, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char *want = squash(l);
		if (*want && !strstr(prose, want))
			fail_msg("the PDF's text lacks the line \"%s\"", l);
		lines += *want != '\0';
		free(want);
	}
	assert_true(lines > 20);
	gk_buf_release(&plain);
	free(prose);
	int64_t received = a.received;
	assert_true(row_in_text(text, "（一）收到申请数", &received, 1));
	free(text);
	check_fonts_embedded(pdf);
	check_a4_and_ruled(&a, pdf);
	gk_annual_release(&a);
	discard(xlsx);
	discard(pdf);
}

/* The in-memory variants give the same kinds of file; a path that cannot
 * be written is refused with its name. An empty year says so. */
static void test_buffers_and_errors(void **state)
{
	struct gk_annual a;
	gk_annual_init(&a, 2022);
	snprintf(a.agency_name, sizeof a.agency_name, "%s", "某区人民政府");
	gk_annual_totals(&a);
	struct gk_error err = {0};
	struct gk_buf b;
	gk_buf_init(&b, GK_BUF_DEFAULT_MAX);
	assert_int_equal(gk_annual_xlsx(&a, &b, &err), GK_OK);
	assert_true(b.len > 1000 && !memcmp(b.data, "PK", 2));
	gk_buf_reset(&b);
	assert_int_equal(gk_annual_pdf(&a, &b, &err), GK_OK);
	assert_true(b.len > 1000 && !memcmp(b.data, "%PDF-", 5));
	gk_buf_release(&b);

	assert_int_equal(gk_annual_write_xlsx(&a, "/nonexistent/dir/r.xlsx", &err), GK_EIO);
	assert_non_null(strstr(err.detail, "/nonexistent/dir/r.xlsx"));
	assert_int_equal(gk_annual_write_pdf(&a, "/nonexistent/dir/r.pdf", &err), GK_EIO);
	assert_non_null(strstr(err.detail, "/nonexistent/dir/r.pdf"));

	char pdf[256];
	snprintf(pdf, sizeof pdf, "%s/empty.pdf", tmpdir);
	assert_int_equal(gk_annual_write_pdf(&a, pdf, &err), GK_OK);
	if (have("pdftotext")) {
		char *text = run("pdftotext '%s' -", pdf);
		char *prose = squash(text);
		assert_non_null(strstr(prose, "没有政府信息公开工作的记录"));
		assert_non_null(strstr(prose, "未收取"));
		free(prose);
		free(text);
	}
	discard(pdf);
	gk_annual_release(&a);
}

/* A long text runs over pages, every paragraph kept. */
static void test_long_text(void **state)
{
	struct gk_annual a;
	fill(&a, 2023);
	struct gk_buf text;
	gk_buf_init(&text, GK_BUF_DEFAULT_MAX);
	for (int i = 1; i <= 300; i++)
		gk_buf_printf(&text, "第%d段：全面推进政务公开，做好政府信息公开工作。\n", i);
	free(a.sections[GK_SECTION_PROBLEMS]);
	a.sections[GK_SECTION_PROBLEMS] = gk_buf_detach(&text, NULL);
	char pdf[256];
	snprintf(pdf, sizeof pdf, "%s/long.pdf", tmpdir);
	struct gk_error err = {0};
	assert_int_equal(gk_annual_write_pdf(&a, pdf, &err), GK_OK);
	if (have("pdftotext")) {
		char *out = run("pdftotext '%s' -", pdf);
		char *prose = squash(out);
		assert_non_null(strstr(prose, "第1段："));
		assert_non_null(strstr(prose, "第300段："));
		assert_non_null(strstr(prose, "—12—"));
		free(prose);
		free(out);
	}
	discard(pdf);
	gk_annual_release(&a);
	if (!have("pdftotext"))
		skip();
}

static int setup(void **state)
{
	snprintf(tmpdir, sizeof tmpdir, "%s", "/tmp/gk-annual-out-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128]; /* what a failed test left (GK_TEST_KEEP=1 keeps it to look at) */
	if (getenv("GK_TEST_KEEP"))
		return 0;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_2021),      cmocka_unit_test(test_2019),
		cmocka_unit_test(test_narrative), cmocka_unit_test(test_buffers_and_errors),
		cmocka_unit_test(test_long_text),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
