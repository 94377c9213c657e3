/* The checker on contradictions planted one at a time in consistent reports.
 *
 * The bases are our own consistent reports (tests/data/reports/: made-up,
 * abridged real ones, the demo city's generated ones in text and Markdown)
 * plus two made from them here (the tables with TAB-separated cells, and a
 * body flattened to one line as in an archived web page). Each kind of
 * contradiction comes as a sentence that holds and one that does not, in
 * several writings (half- and full-width digits, blanks around figures, a
 * line wrapped between a figure and its unit or before the last part, 件条个);
 * the sentence is put into the first section of each base. The one that
 * holds must add no 错误 and no finding of the kind's relation; the one that
 * does not must add a finding of that relation with the kind's severity.
 * Table kinds change a cell of the base's own tables. Prints the detection
 * rate per kind. Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testfile.h"

#include "core/report/check.h"
#include "core/report/output.h"
#include "core/report/report.h"

#define DIR  "tests/data/reports/"
#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The planted sentences are templates chosen at run time. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

/* --- text helpers ----------------------------------------------------------- */

/* A growing string. */
struct sb {
	char *s;
	size_t n, cap;
};

static void sb_add(struct sb *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		assert_non_null(b->s);
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void sb_str(struct sb *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* --- the bases -------------------------------------------------------------- */

enum layout { PLAIN, MARKDOWN, HTML, ONE_LINE };

struct base {
	const char *name;
	char *text;
	enum layout layout;
	bool tabs;                    /* table cells separated by TABs */
	int year;                     /* the report's year, as read */
	bool t3;                      /* has Table 3 */
	int t3v[3][5];                /* its cells */
	bool t2;                      /* has Table 2 */
	int t2_received;              /* 本年新收, 总计 */
	struct gk_report_result *res; /* its check, before anything is planted */
};

/* The tables with TAB-separated cells: runs of 2+ blanks in lines that have
 * no sentence mark become one TAB. */
static char *with_tabs(const char *s)
{
	struct sb b = {0};
	while (*s) {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s + 1) : strlen(s);
		bool prose = false;
		for (size_t i = 0; i + 3 <= n; i++)
			if (memcmp(s + i, "。", 3) == 0 || memcmp(s + i, "，", 3) == 0)
				prose = true;
		for (size_t i = 0; i < n;) {
			if (!prose && s[i] == ' ' && i + 1 < n && s[i + 1] == ' ') {
				while (i < n && s[i] == ' ')
					i++;
				sb_add(&b, "\t", 1);
			} else {
				sb_add(&b, s + i++, 1);
			}
		}
		s += n;
	}
	return b.s;
}

/* The body flattened to one line, paragraphs joined by JOINT (a blank, or
 * nothing as when markup is stripped). */
static char *one_line(const char *s, const char *joint)
{
	struct sb b = {0};
	bool first = true;
	while (*s) {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n > 0) {
			if (!first)
				sb_str(&b, joint);
			sb_add(&b, s, n);
			first = false;
		}
		s += n + (e ? 1 : 0);
	}
	sb_add(&b, "\n", 1);
	return b.s;
}

static struct base bases[24];
static size_t nbases;

static void add_base(const char *name, char *text, enum layout layout, bool tabs)
{
	struct base *B = &bases[nbases++];
	B->name = name;
	B->text = text;
	B->layout = layout;
	B->tabs = tabs;
	struct gk_error err = {0};
	struct gk_report *r = gk_report_parse(text, strlen(text), &err);
	assert_non_null(r);
	B->year = r->year;
	if (r->ntable3 > 0) {
		B->t3 = true;
		for (int g = 0; g < 3; g++)
			for (int c = 0; c < 5; c++) {
				int fi = r->table3[0].cell[g][c];
				B->t3v[g][c] = fi >= 0 ? (int)r->figures[fi].value : 0;
			}
	}
	if (r->ntable2 > 0 && r->table2[0].cell[GK_T2_NEW][GK_T2_ALL] >= 0) {
		B->t2 = true;
		B->t2_received = (int)r->figures[r->table2[0].cell[GK_T2_NEW][GK_T2_ALL]].value;
	}
	gk_report_free(r);
	struct gk_error e2 = {0};
	assert_int_equal(gk_report_check(text, strlen(text), NULL, 0, &B->res, &e2), GK_OK);
}

static int setup(void **state)
{
	(void)state;
	static const char *const plain[] = {
		"table2021-consistent.txt",
		"table2021-pdftotext.txt",
		"narrative-2016-consistent.txt",
		"demo-2017.txt",
		"demo-2020.txt",
		"demo-2023.txt",
		"real-zhenjiang-gxq-2021.txt",
		"real-jingmen-research-2021.txt",
	};
	for (size_t i = 0; i < N(plain); i++) {
		char path[256];
		snprintf(path, sizeof path, DIR "%s", plain[i]);
		add_base(plain[i], testfile_read(path, NULL), PLAIN, false);
	}
	add_base("table2021-consistent.md", testfile_read(DIR "table2021-consistent.md", NULL),
		 MARKDOWN, false);
	add_base("demo-2023.md", testfile_read(DIR "demo-2023.md", NULL), MARKDOWN, false);
	char *t = testfile_read(DIR "table2021-consistent.txt", NULL);
	add_base("table2021-consistent.txt (TAB)", with_tabs(t), PLAIN, true);
	free(t);
	t = testfile_read(DIR "demo-2020.txt", NULL);
	add_base("demo-2020.txt (TAB)", with_tabs(t), PLAIN, true);
	free(t);
	t = testfile_read(DIR "narrative-2016-consistent.txt", NULL);
	add_base("narrative-2016-consistent.txt (one line)", one_line(t, " "), ONE_LINE, false);
	add_base("narrative-2016-consistent.txt (one line, no blanks)", one_line(t, ""), ONE_LINE,
		 false);
	free(t);
	t = testfile_read(DIR "demo-2017.txt", NULL);
	add_base("demo-2017.txt (one line)", one_line(t, " "), ONE_LINE, false);
	free(t);
	add_base("table2021-consistent.html", testfile_read(DIR "table2021-consistent.html", NULL),
		 HTML, false);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < nbases; i++) {
		free(bases[i].text);
		gk_report_result_free(bases[i].res);
	}
	nbases = 0;
	return 0;
}

/* --- writings of a planted sentence ----------------------------------------- */

enum writing { HALF, FULL, BLANKS, WRAP_UNIT, WRAP_LIST, PUNCT, WIDTH, STOP_BLANK, NWRITINGS };
static const char *const writing_names[] = {
	"half-width",         "full-width",      "blanks",
	"wrapped figure",     "wrapped list",    "ASCII punctuation",
	"set in lines of 26", "a blank after 。"};

static bool starts_unit(const char *s)
{
	return strncmp(s, "件", 3) == 0 || strncmp(s, "条", 3) == 0 || strncmp(s, "个", 3) == 0;
}

/* S written the W way; NULL when the writing does not apply. */
static char *write_as(const char *s, enum writing w)
{
	struct sb b = {0};
	sb_str(&b, "");
	switch (w) {
	case HALF:
		sb_str(&b, s);
		break;
	case FULL:
		for (; *s; s++) {
			if (is_digit(*s)) {
				char fw[4] = {(char)0xEF, (char)0xBC, (char)(0x90 + (*s - '0')), 0};
				sb_str(&b, fw);
			} else if (*s == '%') {
				sb_str(&b, "％");
			} else {
				sb_add(&b, s, 1);
			}
		}
		break;
	case BLANKS: /* "收到申请 52 件" as pdftotext and some editors print it */
		for (const char *p = s; *p;) {
			if (is_digit(*p)) {
				const char *e = p;
				while (is_digit(*e) || (*e == '.' && is_digit(e[1])))
					e++;
				sb_str(&b, " ");
				sb_add(&b, p, (size_t)(e - p));
				if (*e != '%')
					sb_str(&b, " ");
				p = e;
			} else {
				sb_add(&b, p++, 1);
			}
		}
		break;
	case WRAP_UNIT: { /* the line breaks between the second figure and its unit */
		int seen = 0;
		const char *p = s;
		for (; *p; p++)
			if (is_digit(*p) && !is_digit(p[1]) && starts_unit(p + 1) && ++seen == 2)
				break;
		if (!*p) {
			free(b.s);
			return NULL;
		}
		sb_add(&b, s, (size_t)(p - s + 1));
		sb_str(&b, "\n");
		sb_str(&b, p + 1);
		break;
	}
	case WRAP_LIST: { /* the last part on the next line, after a long first line */
		const char *cut = NULL;
		for (const char *p = s; (p = strstr(p, "，")) != NULL; p += 3)
			cut = p + 3;
		if (!cut || (size_t)(cut - s) < 25 * 3) {
			free(b.s);
			return NULL;
		}
		sb_add(&b, s, (size_t)(cut - s));
		sb_str(&b, "\n");
		sb_str(&b, cut);
		break;
	}
	case PUNCT: /* "申请52件,其中当面申请18件;" */
		for (const char *p = s; *p;) {
			if (strncmp(p, "，", 3) == 0) {
				sb_str(&b, ",");
				p += 3;
			} else if (strncmp(p, "；", 3) == 0) {
				sb_str(&b, ";");
				p += 3;
			} else {
				sb_add(&b, p++, 1);
			}
		}
		break;
	case WIDTH: { /* broken every 26 characters, never inside a number */
		int col = 0;
		for (const char *p = s; *p;) {
			size_t l = ((unsigned char)*p >= 0xE0)   ? 3
				   : ((unsigned char)*p >= 0xC0) ? 2
								 : 1;
			if (col >= 26 && !(is_digit(*p) && p > s && is_digit(p[-1]))) {
				sb_str(&b, "\n");
				col = 0;
			}
			sb_add(&b, p, l);
			p += l;
			col++;
		}
		break;
	}
	case STOP_BLANK: /* "…500条。 政策解读类…", typed with a blank after 。 */
		for (const char *p = s; *p;) {
			sb_add(&b, p, 1);
			if (strncmp(p, "。", 3) == 0 && p[3]) {
				sb_add(&b, p + 1, 2);
				sb_str(&b, " ");
				p += 3;
			} else {
				p++;
			}
		}
		break;
	default:
		break;
	}
	return b.s;
}

/* --- the kinds ---------------------------------------------------------------- */

enum sev { ERR = GK_SEV_ERROR, WARN = GK_SEV_WARNING };

/* A planted pair: GOOD holds, BAD does not; SEV is the severity of the
 * finding BAD must give. false when the kind does not apply to the base. */
typedef bool (*plant_fn)(const struct base *b, const char *unit, char *good, char *bad, size_t n,
			 enum sev *sev);

#define UNITS_JIAN ((const char *const[]){"件", NULL})
#define UNITS_ALL  ((const char *const[]){"件", "条", "个", NULL})

/* A part changed so a sum fails. */
static bool plant_sum(const struct base *b, const char *u, char *good, char *bad, size_t n,
		      enum sev *sev)
{
	(void)b;
	if (strcmp(u, "件") == 0) { /* application channels: a known whole */
		const char *f = "全年共收到政府信息公开申请%d件，其中当面申请%d件，网络申请%d件，"
				"信函申请%d件，其他方式申请%d件。";
		snprintf(good, n, f, 52, 18, 20, 6, 8);
		snprintf(bad, n, f, 52, 18, 26, 6, 8);
		*sev = ERR;
	} else { /* categories of an unknown kind: they may overlap, a doubt */
		const char *f = strcmp(u, "条") == 0
					? "全年通过政务新媒体发布信息%d条，其中政策解读类信息%d条，"
					  "便民服务类信息%d条，工作动态类信息%d条。"
					: "全区设立政府信息公开查阅场所%d个，其中区级查阅场所%d个，"
					  "街道查阅场所%d个，社区查阅场所%d个。";
		snprintf(good, n, f, 340, 120, 95, 125);
		snprintf(bad, n, f, 340, 120, 105, 125);
		*sev = WARN;
	}
	return true;
}

/* A share that does not match its base. */
static bool plant_share(const struct base *b, const char *u, char *good, char *bad, size_t n,
			enum sev *sev)
{
	(void)b;
	const char *f = strcmp(u, "件") == 0
				? "全年共收到政府信息公开申请%d件，其中网络申请%d件，占%s%%；"
				  "当面申请%d件，占%s%%。"
				: "全年通过政务新媒体发布信息%d条，其中政策解读类信息%d条，占%s%%；"
				  "工作动态类信息%d条，占%s%%。";
	snprintf(good, n, f, 80, 52, "65", 28, "35");
	snprintf(bad, n, f, 80, 52, "62", 28, "38");
	*sev = ERR;
	return strcmp(u, "个") != 0;
}

/* Outcomes after 在已经答复的N件申请中 adding to more than N. */
static bool plant_base_parts(const struct base *b, const char *u, char *good, char *bad, size_t n,
			     enum sev *sev)
{
	(void)b;
	(void)u;
	const char *f = "在已经答复的%d件申请中，予以公开%d件，部分公开%d件，不予公开%d件，"
			"无法提供%d件。";
	snprintf(good, n, f, 45, 20, 9, 4, 12);
	snprintf(bad, n, f, 45, 20, 9, 14, 12);
	*sev = ERR;
	return true;
}

/* Outcome shares adding to more than 100%. */
static bool plant_shares_100(const struct base *b, const char *u, char *good, char *bad, size_t n,
			     enum sev *sev)
{
	(void)b;
	(void)u;
	const char *f = "在已经答复的%d件申请中，予以公开%d件，占%s%%；部分公开%d件，占%s%%；"
			"无法提供%d件，占%s%%。";
	snprintf(good, n, f, 40, 22, "55", 10, "25", 8, "20");
	snprintf(bad, n, f, 40, 22, "55", 10, "35", 8, "20");
	*sev = ERR;
	return true;
}

/* The narrative's litigation total against the two groups of Table 3. */
static bool plant_suit_total(const struct base *b, const char *u, char *good, char *bad, size_t n,
			     enum sev *sev)
{
	(void)u;
	if (!b->t3)
		return false;
	int suit = b->t3v[1][4] + b->t3v[2][4];
	const char *f = "因政府信息公开被申请行政复议%d件，被提起行政诉讼%d件。";
	snprintf(good, n, f, b->t3v[0][4], suit);
	snprintf(bad, n, f, b->t3v[0][4], suit + 2);
	*sev = WARN; /* the narrative may count another scope */
	return true;
}

/* A 复议/诉讼 sentence with its own total, after the application total. */
static bool plant_review_own_total(const struct base *b, const char *u, char *good, char *bad,
				   size_t n, enum sev *sev)
{
	(void)u;
	int v[3][5] = {{3, 1, 1, 1, 6}, {2, 0, 1, 0, 3}, {0, 1, 0, 1, 2}};
	if (b->t3)
		memcpy(v, b->t3v, sizeof v);
	int ls[4], lt = v[1][4] + v[2][4];
	for (int c = 0; c < 4; c++)
		ls[c] = v[1][c] + v[2][c];
	const char *f =
		"全年共收到政府信息公开申请%d件。行政复议%d件，其中结果维持%d件，结果纠正%d件，"
		"其他结果%d件，尚未审结%d件；行政诉讼%d件，其中结果维持%d件，结果纠正%d件，"
		"其他结果%d件，尚未审结%d件。";
	int received = b->t2 ? b->t2_received : 60;
	snprintf(good, n, f, received, v[0][4], v[0][0], v[0][1], v[0][2], v[0][3], lt, ls[0],
		 ls[1], ls[2], ls[3]);
	snprintf(bad, n, f, received, v[0][4], v[0][0], v[0][1], v[0][2], v[0][3], lt, ls[0], ls[1],
		 ls[2] + 1, ls[3]);
	*sev = ERR;
	return lt > 0;
}

/* A wrong announced year. */
static bool plant_announced_year(const struct base *b, const char *u, char *good, char *bad,
				 size_t n, enum sev *sev)
{
	(void)u;
	if (!b->year)
		return false;
	const char *f = "现将有关情况报告如下，特向社会公布%d年度政府信息公开工作年度报告。";
	snprintf(good, n, f, b->year);
	snprintf(bad, n, f, b->year - 1);
	*sev = WARN;
	return true;
}

/* '均获维持' while Table 3 has 纠正 (an error) or 尚未审结 (a doubt). */
static bool plant_all_upheld(const struct base *b, const char *u, char *good, char *bad, size_t n,
			     enum sev *sev)
{
	(void)u;
	if (!b->t3 || b->t3v[0][4] == 0 || (b->t3v[0][1] == 0 && b->t3v[0][3] == 0))
		return false;
	snprintf(good, n, "因政府信息公开被申请行政复议的案件均已依法办理。");
	snprintf(bad, n, "因政府信息公开被申请行政复议的案件均获维持。");
	*sev = b->t3v[0][1] > 0 ? ERR : WARN;
	return true;
}

/* A figure wrapped across lines by pdftotext -layout, the parts exceeding the
 * total: a kind of its own so that it is counted even when the other
 * writings are. */
static bool plant_wrapped(const struct base *b, const char *u, char *good, char *bad, size_t n,
			  enum sev *sev)
{
	(void)u;
	if (b->layout == ONE_LINE)
		return false;
	const char *f = "因政府信息公开被申请行政复议 %d\n件，其中结果维持%d件，结果纠正%d件，"
			"其他结果%d件，尚未审结\n%d件。";
	snprintf(good, n, f, 351, 300, 20, 21, 10);
	snprintf(bad, n, f, 351, 300, 20, 41, 10);
	*sev = ERR;
	return true;
}

/* A share in "在…的N条信息中，A a条，占x%；…" that is not a ÷ N. */
static bool plant_share_of_base(const struct base *b, const char *u, char *good, char *bad,
				size_t n, enum sev *sev)
{
	(void)b;
	(void)u;
	const char *f = "在政府网站主动公开的%d条政府信息中，政策文件类信息%d条，占%s%%；"
			"工作动态类信息%d条，占%s%%。";
	snprintf(good, n, f, 400, 120, "30", 60, "15");
	snprintf(bad, n, f, 400, 120, "32", 60, "15");
	*sev = ERR;
	return true;
}

/* "a条，占总体的x%" against the paragraph's larger count: which count is the
 * whole is a reading, so a doubt. */
static bool plant_share_of_whole(const struct base *b, const char *u, char *good, char *bad,
				 size_t n, enum sev *sev)
{
	(void)b;
	(void)u;
	const char *f = "全年通过政务新媒体发布信息%d条。政策解读类信息%d条，占总体的%s%%。";
	snprintf(good, n, f, 500, 60, "12");
	snprintf(bad, n, f, 500, 60, "15");
	*sev = WARN;
	return true;
}

/* "受理N件，办结M件，办结率x%" with x ≠ M ÷ N. */
static bool plant_rate(const struct base *b, const char *u, char *good, char *bad, size_t n,
		       enum sev *sev)
{
	(void)b;
	(void)u;
	const char *f = "全年共受理审批事项%d件，办结%d件，办结率%s%%。";
	snprintf(good, n, f, 117, 117, "100");
	snprintf(bad, n, f, 117, 171, "100");
	*sev = WARN; /* a carry-over not mentioned may be in M */
	return true;
}

struct kind {
	const char *name;
	const char *relation;
	plant_fn plant;
	const char *const *units;
	bool writings; /* try every writing, or only as given */
};

static const struct kind kinds[] = {
	{"a part changed so a sum fails", "parts-total", plant_sum, UNITS_ALL, true},
	{"a share that does not match its base", "percent-count", plant_share, UNITS_ALL, true},
	{"outcomes after 在已经答复的N件申请中 above N", "base-parts", plant_base_parts, UNITS_JIAN,
	 true},
	{"outcome shares above 100%", "base-parts", plant_shares_100, UNITS_JIAN, true},
	{"litigation total vs the two groups of Table 3", "text-table", plant_suit_total,
	 UNITS_JIAN, true},
	{"复议/诉讼 sentence with its own total", "parts-total", plant_review_own_total, UNITS_JIAN,
	 true},
	{"announced year 特向社会公布20XX年度", "announced-year", plant_announced_year, UNITS_JIAN,
	 true},
	{"均获维持 while the table has 纠正/尚未审结", "all-upheld", plant_all_upheld, UNITS_JIAN,
	 false},
	{"a figure wrapped across lines (pdftotext)", "parts-total", plant_wrapped, UNITS_JIAN,
	 false},
	{"a share in 在…的N条信息中 not of N", "share-of-base", plant_share_of_base, UNITS_JIAN,
	 true},
	{"a share 占总体的x% not of the paragraph's total", "share-of-whole", plant_share_of_whole,
	 UNITS_JIAN, true},
	{"办结率 against 受理 and 办结", "rate-count", plant_rate, UNITS_JIAN, true},
};

/* --- planting and checking ----------------------------------------------------- */

/* Where a sentence is planted: before the second section (after the
 * overview), or before the fifth (after the tables of a 2021 report). */
static const char *const sections[] = {"二、", "五、"};

/* BASE with SENTENCE as a paragraph of its own before SECTION's heading;
 * NULL when the base has no such heading. */
static char *plant_in(const struct base *b, const char *sentence, const char *section)
{
	const char *t = b->text;
	const char *at = NULL;
	size_t sn = strlen(section);
	if (b->layout == ONE_LINE) {
		at = strstr(t, section);
	} else if (b->layout == HTML) {
		char h[16];
		snprintf(h, sizeof h, "<p>%s", section);
		at = strstr(t, h);
	} else {
		for (const char *p = t; *p && !at;) {
			const char *q = p;
			while (*q == ' ')
				q++;
			if (strncmp(q, "## ", 3) == 0)
				q += 3;
			if (strncmp(q, section, sn) == 0)
				at = p;
			const char *nl = strchr(p, '\n');
			if (!nl)
				break;
			p = nl + 1;
		}
	}
	if (!at)
		return NULL;
	struct sb s = {0};
	sb_add(&s, t, (size_t)(at - t));
	if (b->layout == ONE_LINE) {
		sb_str(&s, sentence);
		sb_str(&s, at > t && at[-1] == ' ' ? " " : "");
	} else if (b->layout == HTML) {
		sb_str(&s, "<p>");
		sb_str(&s, sentence);
		sb_str(&s, "</p>\n");
	} else {
		/* indented like the heading it goes before (pdftotext -layout) */
		size_t indent = 0;
		while (at[indent] == ' ')
			indent++;
		sb_add(&s, at, indent);
		for (const char *p = sentence; *p; p++) {
			sb_add(&s, p, 1);
			if (*p == '\n')
				sb_add(&s, at, indent);
		}
		sb_str(&s, "\n\n");
	}
	sb_str(&s, at);
	return s.s;
}

static struct gk_report_result *check(const char *text)
{
	struct gk_report_result *res = NULL;
	struct gk_error err = {0};
	if (gk_report_check(text, strlen(text), NULL, 0, &res, &err) != GK_OK)
		fail_msg("%s", gk_error_text(&err));
	return res;
}

static int count(const struct gk_report_result *res, const char *relation, int severity)
{
	int k = 0;
	for (int i = 0; i < res->nfindings; i++)
		if ((!relation || strcmp(res->findings[i].relation, relation) == 0) &&
		    (severity < 0 || (int)res->findings[i].severity == severity))
			k++;
	return k;
}

struct tally {
	int planted, found, false_errors, goods;
};

/* Checks one planted pair at each place; prints what went wrong. */
static void try_pair(const struct base *b, const struct kind *k, const char *good, const char *bad,
		     enum sev sev, const char *how, struct tally *t)
{
	int base_rel = count(b->res, k->relation, -1);
	for (size_t si = 0; si < N(sections); si++) {
		char *g = plant_in(b, good, sections[si]);
		char *x = plant_in(b, bad, sections[si]);
		if (!g || !x) {
			assert_true(si > 0); /* every base has a second section */
			free(g);
			free(x);
			continue;
		}
		struct gk_report_result *rg = check(g);
		t->goods++;
		if (count(rg, NULL, GK_SEV_ERROR) > 0 || count(rg, k->relation, -1) > base_rel) {
			t->false_errors++;
			for (int i = 0; i < rg->nfindings; i++)
				print_message(
					"#   false alarm: %s, %s, %s, before %s: %s [%s] %s\n",
					k->name, b->name, how, sections[si],
					gk_report_severity_label(rg->findings[i].severity),
					rg->findings[i].relation, rg->findings[i].message);
		}
		gk_report_result_free(rg);
		struct gk_report_result *rb = check(x);
		t->planted++;
		if (count(rb, k->relation, (int)sev) > base_rel)
			t->found++;
		else if (t->planted - t->found <= 3) /* the first few misses of a kind */
			print_message("#   missed: %s, %s, %s, before %s: %s\n", k->name, b->name,
				      how, sections[si], bad);
		gk_report_result_free(rb);
		free(g);
		free(x);
	}
}

static void test_planted_sentences(void **state)
{
	(void)state;
	int all_planted = 0, all_found = 0, all_false = 0;
	for (size_t ki = 0; ki < N(kinds); ki++) {
		const struct kind *k = &kinds[ki];
		struct tally t = {0};
		for (size_t bi = 0; bi < nbases; bi++) {
			const struct base *b = &bases[bi];
			for (const char *const *u = k->units; *u; u++) {
				char good[1024], bad[1024];
				enum sev sev;
				if (!k->plant(b, *u, good, bad, sizeof good, &sev))
					continue;
				for (int w = 0; w < (k->writings ? NWRITINGS : 1); w++) {
					/* in a body flattened to one line "。 " is where
					 * two paragraphs were joined: not a writing */
					if (w == STOP_BLANK && b->layout == ONE_LINE)
						continue;
					char *gw = write_as(good, (enum writing)w);
					char *bw = write_as(bad, (enum writing)w);
					if (gw && bw) {
						char how[64];
						snprintf(how, sizeof how, "%s, %s", *u,
							 writing_names[w]);
						try_pair(b, k, gw, bw, sev, how, &t);
					}
					free(gw);
					free(bw);
				}
			}
		}
		print_message("# %-45s [%s] found %d / planted %d, false alarms %d / %d\n", k->name,
			      k->relation, t.found, t.planted, t.false_errors, t.goods);
		all_planted += t.planted;
		all_found += t.found;
		all_false += t.false_errors;
		assert_true(t.planted > 0);
	}
	print_message("# planted sentences: found %d / %d, false alarms %d\n", all_found,
		      all_planted, all_false);
	assert_int_equal(all_false, 0);
	assert_int_equal(all_found, all_planted);
}

/* --- table kinds ---------------------------------------------------------------- */

/* The 总计 cell (last cell) of the first line starting with LABEL emptied. */
static char *blank_total(const struct base *b, const char *label)
{
	const char *t = b->text;
	const char *line = strstr(t, label);
	if (!line)
		return NULL;
	const char *end = strchr(line, '\n');
	if (!end)
		return NULL;
	const char *e = end;
	if (b->layout == MARKDOWN) {
		while (e > line && (e[-1] == ' ' || e[-1] == '|'))
			e--; /* "| 39 |" */
	}
	const char *c = e;
	while (c > line && is_digit(c[-1]))
		c--;
	if (c == e || !(c[-1] == '\t' || c[-1] == ' '))
		return NULL;
	struct sb s = {0};
	sb_add(&s, t, (size_t)(c - t));
	sb_str(&s, e);
	return s.s;
}

static void test_planted_blank_total(void **state)
{
	(void)state;
	struct tally t = {0};
	for (size_t bi = 0; bi < nbases; bi++) {
		const struct base *b = &bases[bi];
		if (!b->t2 || !(b->tabs || b->layout == MARKDOWN) || b->t2_received == 0)
			continue; /* a blank is a cell only where cells are marked */
		char *x = blank_total(b, "一、本年新收");
		assert_non_null(x);
		struct gk_report_result *rb = check(x);
		t.planted++;
		if (count(rb, "table2-blank-total", GK_SEV_ERROR) > 0)
			t.found++;
		else
			print_message("#   missed: blank 总计 in %s\n", b->name);
		gk_report_result_free(rb);
		free(x);
		struct gk_report_result *rg = check(b->text);
		t.goods++;
		t.false_errors += count(rg, NULL, GK_SEV_ERROR) > 0;
		gk_report_result_free(rg);
	}
	print_message("# %-45s [%s] found %d / planted %d, false alarms %d / %d\n",
		      "a 总计 left blank in a row with figures", "table2-blank-total", t.found,
		      t.planted, t.false_errors, t.goods);
	assert_true(t.planted >= 3);
	assert_int_equal(t.found, t.planted);
	assert_int_equal(t.false_errors, 0);
}

/* The first cell after LABEL (自然人) one more than it was. */
static char *bump_first_cell(const struct base *b, const char *label)
{
	const char *t = b->text;
	const char *at = strstr(t, label);
	if (!at)
		return NULL;
	const char *c = at + strlen(label);
	while (*c && !is_digit(*c))
		c++;
	const char *e = c;
	while (is_digit(*e))
		e++;
	if (c == e)
		return NULL;
	char v[16];
	snprintf(v, sizeof v, "%d", atoi(c) + 1);
	struct sb s = {0};
	sb_add(&s, t, (size_t)(c - t));
	sb_str(&s, v);
	sb_str(&s, e);
	return s.s;
}

/* A Table 2 cell changed so its row's 总计 fails, in every layout. */
static void test_planted_row_total(void **state)
{
	(void)state;
	int planted = 0, found = 0;
	for (size_t bi = 0; bi < nbases; bi++) {
		const struct base *b = &bases[bi];
		if (!b->t2)
			continue;
		char *x = bump_first_cell(b, "一、本年新收政府信息公开申请数量");
		assert_non_null(x);
		struct gk_report_result *rb = check(x);
		planted++;
		if (count(rb, "table2-row-total", GK_SEV_ERROR) > 0)
			found++;
		else
			print_message("#   missed: a changed cell in %s\n", b->name);
		gk_report_result_free(rb);
		free(x);
	}
	print_message("# %-45s [%s] found %d / planted %d\n", "a Table 2 cell changed",
		      "table2-row-total", found, planted);
	assert_true(planted >= 8);
	assert_int_equal(found, planted);
}

/* TEXT with the first figure cell of the TAB-separated line at LINE (its
 * cells counted from the line's start, a leading TAB making an empty one)
 * replaced by WITH; when TOTAL_AT > 0 the cell that many cells further on is
 * lowered by the figure taken out. NULL when the line has no figure cell. */
static char *edit_first_figure(const char *text, const char *line, const char *with, int total_at)
{
	const char *end = strchr(line, '\n');
	if (!end)
		end = line + strlen(line);
	const char *c = line, *first = NULL;
	while (c < end) {
		const char *e = c;
		while (e < end && *e != '\t')
			e++;
		bool digits = e > c;
		for (const char *x = c; x < e; x++)
			digits &= is_digit(*x);
		if (digits) {
			first = c;
			break;
		}
		c = e < end ? e + 1 : end;
	}
	if (!first)
		return NULL;
	const char *first_end = first;
	while (is_digit(*first_end))
		first_end++;
	int value = atoi(first);
	struct sb s = {0};
	sb_add(&s, text, (size_t)(first - text));
	sb_str(&s, with);
	if (total_at <= 0) {
		sb_str(&s, first_end);
		return s.s;
	}
	const char *t = first_end;
	for (int k = 0; k < total_at && t < end; k++)
		t = strchr(t, '\t') + 1;
	const char *t_end = t;
	while (is_digit(*t_end))
		t_end++;
	assert_true(t < end && t_end > t);
	char v[16];
	snprintf(v, sizeof v, "%d", atoi(t) - value);
	sb_add(&s, first_end, (size_t)(t - first_end));
	sb_str(&s, v);
	sb_str(&s, t_end);
	return s.s;
}

/* The first line after FROM whose first figure cell is "0" and follows a label cell. */
static const char *row_led_by_zero(const char *from)
{
	for (const char *l = strchr(from, '\n'); l && l[1]; l = strchr(l + 1, '\n')) {
		const char *line = l + 1;
		if (line[0] == '\t' || is_digit(line[0]))
			continue;
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);
		for (const char *c = memchr(line, '\t', n); c && c < line + n;
		     c = memchr(c + 1, '\t', (size_t)(line + n - c - 1))) {
			const char *e = c + 1;
			while (is_digit(*e))
				e++;
			if (e > c + 1 && (*e == '\t' || *e == '\n' || *e == '\0')) {
				if (e == c + 2 && c[1] == '0')
					return line;
				break;
			}
		}
	}
	return NULL;
}

/* The parse of TEXT has a Table 2 row (Table 3 when T3) whose first cell was read blank. */
static bool first_cell_blank(const char *text, bool t3)
{
	struct gk_error err = {0};
	struct gk_report *r = gk_report_parse(text, strlen(text), &err);
	assert_non_null(r);
	bool blank = false;
	if (t3 && r->ntable3 > 0 && r->table3[0].cell[0][0] >= 0)
		blank = r->figures[r->table3[0].cell[0][0]].blank;
	for (int row = 0; !t3 && r->ntable2 > 0 && row < GK_T2_NROWS; row++)
		if (r->table2[0].have[row])
			blank |= r->figures[r->table2[0].cell[row][0]].blank;
	gk_report_free(r);
	return blank;
}

/* A blank FIRST data cell of a TAB-separated row (before the row's first
 * number, where an empty label cell of a merged column also is): read as 0.
 * Consistent: a 0 left blank in Table 2, Table 3's first cell left blank with
 * its 总计 lowered to match; broken: a figure left blank, the totals kept. */
static void test_planted_blank_first_cell(void **state)
{
	(void)state;
	struct tally t = {0};
	for (size_t bi = 0; bi < nbases; bi++) {
		const struct base *b = &bases[bi];
		if (!b->tabs)
			continue;
		const char *t2 = strstr(b->text, "一、本年新收");
		const char *hdr = strstr(b->text, "结果维持\t结果纠正");
		assert_non_null(t2);
		assert_non_null(hdr);
		const char *t3 = strchr(hdr, '\n') + 1;
		const char *zero = row_led_by_zero(t2);
		assert_non_null(zero);
		char *good[2] = {edit_first_figure(b->text, zero, "", 0),
				 edit_first_figure(b->text, t3, "", 4)};
		char *bad[2] = {edit_first_figure(b->text, t2, "", 0),
				edit_first_figure(b->text, t3, "", 0)};
		static const char *const relation[2] = {"table2-row-total", "table3-total"};
		for (int k = 0; k < 2; k++) {
			assert_non_null(good[k]);
			assert_non_null(bad[k]);
			struct gk_report_result *rg = check(good[k]);
			t.goods++;
			if (count(rg, NULL, GK_SEV_ERROR) > 0 ||
			    !first_cell_blank(good[k], k == 1)) {
				t.false_errors++;
				print_message(
					"#   consistent blank first cell misread in %s (%s)\n",
					b->name, k ? "Table 3" : "Table 2");
			}
			gk_report_result_free(rg);
			struct gk_report_result *rb = check(bad[k]);
			t.planted++;
			if (count(rb, relation[k], GK_SEV_ERROR) > 0)
				t.found++;
			else
				print_message("#   missed: blank first cell in %s (%s)\n", b->name,
					      k ? "Table 3" : "Table 2");
			gk_report_result_free(rb);
			free(good[k]);
			free(bad[k]);
		}
	}
	print_message("# %-45s [%s] found %d / planted %d, false alarms %d / %d\n",
		      "a blank first data cell (TAB)", "table2-row-total, table3-total", t.found,
		      t.planted, t.false_errors, t.goods);
	assert_true(t.planted >= 4);
	assert_int_equal(t.found, t.planted);
	assert_int_equal(t.false_errors, 0);
}

/* Every base as it is: no finding at all. */
static void test_bases_consistent(void **state)
{
	(void)state;
	for (size_t bi = 0; bi < nbases; bi++) {
		struct gk_report_result *r = check(bases[bi].text);
		for (int i = 0; i < r->nfindings; i++)
			print_message("# %s: [%s] %s\n", bases[bi].name, r->findings[i].relation,
				      r->findings[i].message);
		assert_int_equal(r->nfindings, 0);
		gk_report_result_free(r);
	}
}

/* A body on one line (an archived page): headings inside the line are
 * sections, and an unnumbered 统计表 the statement names is one more part. */
static void test_one_line_sections(void **state)
{
	(void)state;
	const char *f = "某区2012年政府信息公开工作年度报告 本报告由概述、主动公开情况、"
			"依申请公开情况、政府信息公开情况统计表共%s个部分组成。 一、 概述 "
			"全年主动公开政府信息120条。 二、主动公开情况 （一）公开数量 "
			"全年主动公开政府信息120条，其中规范性文件20条，其他信息100条。 "
			"三、依申请公开情况 全年未收到政府信息公开申请。 "
			"某区政府信息公开情况统计表\n指标名称\t计量单位\t2012年度\n"
			"主动公开信息数\t条\t120\n";
	char text[1024];
	snprintf(text, sizeof text, f, "四");
	struct gk_report_result *r = check(text);
	assert_int_equal(r->nfindings, 0);
	gk_report_result_free(r);
	snprintf(text, sizeof text, f, "三");
	r = check(text);
	assert_int_equal(count(r, "section-count", GK_SEV_WARNING), 1);
	assert_true(r->findings[0].left == 3 && r->findings[0].right == 4);
	gk_report_result_free(r);
}

/* Dates of the copy, not of the report: a capture time, an address. */
static void test_dates_of_copies(void **state)
{
	(void)state;
	const char *f =
		"某局2023年政府信息公开工作年度报告\n"
		"来源：http://www.example.gov.cn/gknb/2025-12-30/a.shtml 采集时间：2025-12-30\n"
		"发布日期：2024-01-17\n一、总体情况\n%s\n";
	char text[1024];
	snprintf(text, sizeof text, f, "2023年，我局主动公开政府信息26条。");
	struct gk_report_result *r = check(text);
	assert_int_equal(r->nfindings, 0);
	gk_report_result_free(r);
	snprintf(text, sizeof text, f, "2024年3月1日，我局主动公开政府信息26条。");
	r = check(text);
	assert_int_equal(count(r, "date-after-publication", -1), 1);
	gk_report_result_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bases_consistent),
		cmocka_unit_test(test_planted_sentences),
		cmocka_unit_test(test_planted_blank_total),
		cmocka_unit_test(test_planted_row_total),
		cmocka_unit_test(test_planted_blank_first_cell),
		cmocka_unit_test(test_one_line_sections),
		cmocka_unit_test(test_dates_of_copies),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
