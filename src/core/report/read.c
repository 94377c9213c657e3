/* Reading a report: paragraphs and sentences, headings, the stated parts, the year and the dates.
 *
 * gk_report_parse decodes the input (text.c), finds the headings, year and
 * dates, then walks the lines once: each line goes to the table locator
 * (locate_tables.c); a 统计表 row is its own sentence; other lines are
 * joined into paragraphs and split into sentences, each scanned for figures
 * (figures.c) and groups (locate_groups.c). */
#include <stdlib.h>
#include <string.h>

#include "core/report/figures.h"
#include "core/report/locate.h"
#include "core/report/words.h"
#include "lib/utf8.h"

/* --- report memory ------------------------------------------------------ */

void *gk_report_vec_push(struct gk_report_vec *v)
{
	if (v->n == v->cap) {
		size_t ncap = v->cap ? v->cap * 2 : 64;
		void *d = realloc(v->data, ncap * v->size);
		if (!d)
			return NULL;
		v->data = d;
		v->cap = ncap;
	}
	void *p = (char *)v->data + v->n * v->size;
	memset(p, 0, v->size);
	v->n++;
	return p;
}

char *gk_report_excerpt(struct gk_report *r, size_t a, size_t b)
{
	if (b > r->text.text_len)
		b = r->text.text_len;
	if (a > b)
		a = b;
	return gk_report_copy_clean(&r->arena, r->text.text + a, b - a);
}

/* --- structure: paragraphs, sentences, headings, dates ----------------- */

static size_t cp_count(const char *s, size_t n)
{
	return gk_utf8_count(s, n);
}

static bool ends_sentence(const char *s, size_t n)
{
	return gk_report_ends(s, n, "。") || gk_report_ends(s, n, "！") ||
	       gk_report_ends(s, n, "？") || gk_report_ends(s, n, "；") ||
	       gk_report_ends(s, n, "：") || gk_report_ends(s, n, ":") ||
	       gk_report_ends(s, n, ";") || gk_report_ends(s, n, "!") || gk_report_ends(s, n, "?");
}

static bool table_ish(const char *s, size_t n)
{
	int tabs = 0;
	for (size_t i = 0; i < n; i++)
		tabs += s[i] == '\t';
	return tabs >= 2;
}

static void new_sentence(struct gk_report_parser *p, size_t a, size_t b, int paragraph)
{
	while (a < b && (p->s[a] == ' ' || p->s[a] == '\t' || p->s[a] == '\n'))
		a++;
	if (a >= b)
		return;
	struct gk_report_sentence *s = gk_report_vec_push(&p->sents);
	if (!s) {
		p->oom = true;
		return;
	}
	s->tstart = a;
	s->tend = b;
	s->paragraph = paragraph;
	s->first = (int)p->figs.n;
	gk_report_scan_figures(p, a, b);
	s = (struct gk_report_sentence *)p->sents.data + p->sents.n - 1;
	s->count = (int)p->figs.n - s->first;
	gk_report_name_respectively(p, a, b, s->first, s->count);
	gk_report_locate_groups(p, (int)p->sents.n - 1);
}

static void split_sentences(struct gk_report_parser *p, size_t a, size_t b, int paragraph)
{
	const char *s = p->s;
	size_t start = a, i = a;
	while (i < b) {
		size_t l = gk_report_next_len(s, i, b);
		if (gk_report_is_stop_mark(s + i, l)) {
			new_sentence(p, start, i + l, paragraph);
			start = i + l;
		}
		i += l ? l : 1;
	}
	if (start < b)
		new_sentence(p, start, b, paragraph);
}

static bool is_heading_line(const char *s, size_t n, int *number)
{
	size_t skip;
	int level = gk_report_enum_level(s, n, number, &skip);
	if (level != 1 || *number <= 0)
		return false;
	if (cp_count(s, n) > 50 || gk_report_ends(s, n, "。"))
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\t')
			return false;
	return true;
}

/* Text flattened to one line (the body of an archived web page) joins its
 * paragraphs with a blank, so an enumerator (一、 （一） 1、) right after a
 * blank starts a paragraph, as it would at the start of a line. Returns the
 * enumerator's level (1–3) at S[I], 0 when I does not start one. */
static int inline_marker(const char *s, size_t i, size_t lo, size_t hi, int *number)
{
	bool blank =
		i > lo && (s[i - 1] == ' ' || (i >= lo + 3 && memcmp(s + i - 3, "　", 3) == 0));
	if (!blank)
		return 0;
	size_t skip;
	int level = gk_report_enum_level(s + i, hi - i, number, &skip);
	if (level < 1 || level > 3 || *number <= 0)
		return 0;
	if (i + skip < hi && gk_report_is_digit(s[i + skip]))
		return 0; /* "1.5", "2、3件" */
	return level;
}

/* A blank after a sentence's end, before S[I]: where a body flattened to one
 * line joined two paragraphs (a wrapped line is joined without a blank). */
static bool paragraph_joint(const char *s, size_t i, size_t lo)
{
	if (i <= lo || s[i] == ' ')
		return false;
	size_t k = i;
	while (k > lo) {
		if (s[k - 1] == ' ')
			k--;
		else if (k >= lo + 3 && memcmp(s + k - 3, "　", 3) == 0)
			k -= 3;
		else
			break;
	}
	if (k == i || k == lo)
		return false;
	size_t l = gk_report_prev_len(s, k, lo);
	return gk_report_is_stop_mark(s + k - l, l);
}

/* The end of an inline heading's title at S[I..HI) (after its enumerator):
 * a short run without clause marks ended by a blank; 0 when there is none. */
static size_t inline_title_end(const char *s, size_t i, size_t hi)
{
	while (i < hi && s[i] == ' ')
		i++;
	size_t start = i;
	int cps = 0;
	while (i < hi && s[i] != ' ' && cps <= 40) {
		size_t l = gk_report_next_len(s, i, hi);
		if (gk_report_is_stop_mark(s + i, l) ||
		    gk_report_is_one_of(s + i, l,
					(const char *const[]){"，", "；", ",", ";", NULL}))
			return 0;
		i += l ? l : 1;
		cps++;
	}
	return i > start && cps <= 40 && (i == hi || s[i] == ' ') ? i : 0;
}

static bool push_heading(struct gk_report_parser *p, int number, size_t a, size_t b)
{
	struct gk_report_heading *h = gk_report_vec_push(&p->heads);
	if (!h) {
		p->oom = true;
		return false;
	}
	h->number = number;
	h->tstart = a;
	h->tend = b;
	return true;
}

static void find_headings(struct gk_report_parser *p)
{
	struct gk_report_text *t = &p->r->text;
	int expect = 1;
	for (size_t li = 0; li < t->nlines; li++) {
		size_t a = t->lines[li].start, n = t->lines[li].len;
		const char *s = t->text + a;
		int number;
		if (is_heading_line(s, n, &number)) {
			if (number == expect) {
				if (!push_heading(p, number, a, a + n))
					return;
				expect++;
			}
			continue;
		}
		if (memchr(s, '\t', n))
			continue;
		/* headings inside a line that holds several paragraphs */
		for (size_t i = 1; i < n; i++) {
			size_t skip;
			if (inline_marker(s, i, 0, n, &number) != 1 || number != expect)
				continue;
			gk_report_enum_level(s + i, n - i, &number, &skip);
			size_t end = inline_title_end(s, i + skip, n);
			if (!end)
				continue;
			if (!push_heading(p, number, a + i, a + end))
				return;
			expect++;
		}
	}
}

static void stated_parts(struct gk_report_parser *p)
{
	const char *s = p->s;
	size_t lim = p->len < 6000 ? p->len : 6000;
	const char *m = gk_report_find(s, lim, "部分组成");
	if (!m)
		m = gk_report_find(s, lim, "个部分");
	if (!m)
		return;
	size_t at = (size_t)(m - s);
	/* the numeral just before, allowing "个" */
	size_t k = at;
	if (k >= 3 && memcmp(s + k - 3, "个", 3) == 0)
		k -= 3;
	size_t end = k;
	while (k >= 3) {
		size_t digit;
		gk_report_cn_number(s + k - 3, 3, &digit); /* one of 一 … 十 */
		if (digit != 3)
			break;
		k -= 3;
	}
	size_t used;
	int v = gk_report_cn_number(s + k, end - k, &used);
	if (v < 2 || used != end - k)
		return;
	/* the statement's sentence start */
	size_t a = k;
	while (a > 0 && s[a - 1] != '\n') {
		size_t pl = gk_report_prev_len(s, a, 0);
		if (gk_report_is_stop_mark(s + a - pl, pl))
			break;
		a -= pl;
	}
	p->r->stated_parts = v;
	p->r->stated_tstart = a;
	p->r->stated_tend = at + strlen("部分组成");
}

size_t gk_report_parse_date(const char *s, size_t n, struct gk_date *d)
{
	if (n < 8)
		return 0;
	for (int k = 0; k < 4; k++)
		if (!gk_report_is_digit(s[k]))
			return 0;
	if (n > 4 && gk_report_is_digit(s[4]))
		return 0;
	int y = atoi(s);
	size_t i = 4;
	bool cn = gk_report_starts(s + i, n - i, "年");
	char sep = s[i];
	if (cn)
		i += 3;
	else if (sep == '-' || sep == '/' || sep == '.')
		i++;
	else
		return 0;
	size_t ms = i;
	while (i < n && gk_report_is_digit(s[i]) && i - ms < 2)
		i++;
	if (i == ms)
		return 0;
	int m = atoi(s + ms);
	if (cn) {
		if (!gk_report_starts(s + i, n - i, "月"))
			return 0;
		i += 3;
	} else {
		if (i >= n || s[i] != sep)
			return 0;
		i++;
	}
	size_t ds = i;
	while (i < n && gk_report_is_digit(s[i]) && i - ds < 2)
		i++;
	if (i == ds)
		return 0;
	int day = atoi(s + ds);
	if (cn) {
		if (gk_report_starts(s + i, n - i, "日"))
			i += 3;
		else if (gk_report_starts(s + i, n - i, "号"))
			i += 3;
		else
			return 0;
	} else if (i < n && gk_report_is_digit(s[i])) {
		return 0;
	}
	struct gk_date dt = {y, m, day};
	if (y < 1990 || y > 2100 || !gk_date_valid(dt))
		return 0;
	*d = dt;
	return i;
}

static void find_year_and_dates(struct gk_report_parser *p)
{
	struct gk_report *r = p->r;
	const char *s = p->s;
	/* the year: "2017年政府信息公开工作年度报告", "2021年度…年度报告"; the
	 * title words' first occurrence with a year wins (the title, not a
	 * sentence that names another year's report) */
	static const char *const titles[] = {"年度报告", "工作报告", "年报", NULL};
	size_t best = p->len;
	for (const char *const *t = titles; *t; t++) {
		const char *m = gk_report_find(s, p->len, *t);
		int found = 0;
		while (m && !found && (size_t)(m - s) < best) {
			size_t at = (size_t)(m - s);
			size_t ls = at;
			while (ls > 0 && s[ls - 1] != '\n' && at - ls < 200)
				ls--;
			for (size_t i = ls; i + 7 <= at; i++)
				if (gk_report_is_digit(s[i]) &&
				    (i == 0 || !gk_report_is_digit(s[i - 1])) &&
				    gk_report_is_digit(s[i + 1]) && gk_report_is_digit(s[i + 2]) &&
				    gk_report_is_digit(s[i + 3]) &&
				    (gk_report_starts(s + i + 4, at - i - 4, "年") ||
				     gk_report_starts(s + i + 4, at - i - 4, " 年"))) {
					int y = atoi(s + i);
					size_t nian = i + 4 + (s[i + 4] == ' ') + 3; /* after 年 */
					if (y >= 2000 && y <= 2100 &&
					    !gk_report_starts(s + nian, at - nian, "1月1日") &&
					    !gk_report_starts(s + nian, at - nian, " 1 月 1 日") &&
					    !(at - i > 150)) {
						found = y; /* the last year before the title word
							      wins */
					}
				}
			if (found) {
				r->year = found;
				best = at;
			}
			size_t from = at + strlen(*t);
			m = from < p->len ? gk_report_find(s + from, p->len - from, *t) : NULL;
		}
	}
	if (!r->year) {
		const char *m = gk_report_find(s, p->len, "年1月1日至");
		if (m && m - s >= 4 && gk_report_is_digit(m[-4]))
			r->year = atoi(m - 4);
	}
	/* the publication date: a labelled one, or the date under the signature */
	static const char *const labels[] = {"发布日期", "发布时间", "公开日期", "成文日期",
					     "发文日期", "印发日期", "生成日期", NULL};
	struct gk_report_text *t = &r->text;
	for (size_t li = 0; li < t->nlines; li++) {
		const char *ls = t->text + t->lines[li].start;
		size_t n = t->lines[li].len;
		for (const char *const *lab = labels; *lab; lab++) {
			const char *m = gk_report_find(ls, n, *lab);
			if (!m)
				continue;
			size_t k = (size_t)(m - ls) + strlen(*lab);
			for (size_t j = k; j < n && j < k + 16; j++) {
				struct gk_date d;
				if (gk_report_parse_date(ls + j, n - j, &d)) {
					if (!r->have_published ||
					    gk_date_to_days(d) < gk_date_to_days(r->published)) {
						r->published = d;
						r->have_published = true;
						r->published_tstart = t->lines[li].start + j;
					}
					break;
				}
			}
		}
	}
	for (size_t li = t->nlines; li-- > 0;) {
		const char *ls = t->text + t->lines[li].start;
		size_t n = t->lines[li].len;
		struct gk_date d;
		size_t used = gk_report_parse_date(ls, n, &d);
		if (used && used == n && li * 2 >= t->nlines) {
			r->have_signed = true;
			r->signed_on = d;
			r->signed_tstart = t->lines[li].start;
			r->signed_tend = t->lines[li].start + n;
			break;
		}
	}
}

/* --- the parse ------------------------------------------------------------ */

static void parse_body(struct gk_report_parser *p)
{
	struct gk_report_text *t = &p->r->text;
	struct gk_report_vec stat_rows = {.size = sizeof(struct gk_report_stat_row)};
	struct gk_report_table_scan st;
	gk_report_table_scan_init(&st);
	int paragraph = 0;
	size_t para_start = 0;
	bool in_para = false;
	size_t hi = 0; /* next heading */
	struct gk_report_heading *H = p->heads.data;
	size_t nheads = p->heads.n;
	p->heads.n = 0; /* re-counted as the text goes by, for figure sections */
	for (size_t li = 0; li < t->nlines && !p->oom; li++) {
		size_t a = t->lines[li].start, b = a + t->lines[li].len;
		const char *s = p->s + a;
		size_t n = b - a;
		while (hi < nheads && H[hi].tstart < a) /* inside a line not read as prose */
			p->heads.n = ++hi;
		if (hi < nheads && H[hi].tstart == a) {
			if (in_para) {
				split_sentences(p, para_start, a, paragraph++);
				in_para = false;
			}
			p->heads.n = ++hi;
		}
		gk_report_locate_tables_line(p, &st, a, b);
		size_t rows_before = stat_rows.n;
		if (table_ish(s, n) ||
		    (n < 200 && !gk_report_has(s, n, "，") && !gk_report_has(s, n, "。"))) {
			if (gk_report_scan_stat_row(p, a, b, &stat_rows)) {
				if (in_para) {
					split_sentences(p, para_start, a, paragraph++);
					in_para = false;
				}
				/* the row is its own sentence */
				struct gk_report_figure *F = p->figs.data;
				int fi = ((struct gk_report_stat_row *)
						  stat_rows.data)[stat_rows.n - 1]
						 .fig;
				struct gk_report_sentence *snt = gk_report_vec_push(&p->sents);
				if (!snt) {
					p->oom = true;
					break;
				}
				snt->tstart = a;
				snt->tend = b;
				snt->first = fi;
				snt->count = 1;
				snt->paragraph = paragraph++;
				F[fi].sentence = (int)p->sents.n - 1;
				continue;
			}
			/* a 统计表 row that only heads the rows below it ("（二）通过不同
			 * 渠道和方式回应解读的情况", "八、机构建设和保障经费情况"): it ends
			 * the nesting of the rows above, whose parts these are not */
			int hnum;
			size_t hskip;
			int hlevel = gk_report_enum_level(s, n, &hnum, &hskip);
			if (stat_rows.n && hlevel > 0 && !gk_report_has(s, n, "，") &&
			    !gk_report_has(s, n, "。")) {
				struct gk_report_stat_row *row = gk_report_vec_push(&stat_rows);
				if (!row) {
					p->oom = true;
					break;
				}
				row->fig = -1;
				row->level = hlevel;
			}
		}
		(void)rows_before;
		if (table_ish(s, n)) {
			if (in_para) {
				split_sentences(p, para_start, a, paragraph++);
				in_para = false;
			}
			split_sentences(p, a, b, paragraph++);
			continue;
		}
		if (!in_para) {
			para_start = a;
			in_para = true;
		}
		/* paragraphs and headings that start inside the line; a blank
		 * after a sentence's end is a paragraph break only in a line that
		 * also holds an enumerator after a blank (a flattened body, not a
		 * paragraph typed with "。 ") */
		bool flattened = false;
		for (size_t i = a + 1; i < b && !flattened; i++) {
			int num;
			flattened = inline_marker(p->s, i, a, b, &num) != 0;
		}
		for (size_t i = a + 1; i < b && flattened; i++) {
			int num;
			bool head = hi < nheads && H[hi].tstart == i;
			if (!head && !inline_marker(p->s, i, a, b, &num) &&
			    !paragraph_joint(p->s, i, a))
				continue;
			if (i > para_start)
				split_sentences(p, para_start, i, paragraph++);
			para_start = i;
			if (head)
				p->heads.n = ++hi;
		}
		/* does the paragraph go on into the next line? */
		bool joins = false;
		int lnum;
		size_t lskip;
		bool heading = gk_report_enum_level(s, n, &lnum, &lskip) > 0 &&
			       gk_report_enum_level(s, n, &lnum, &lskip) < 4 &&
			       !gk_report_has(s, n, "，") && !gk_report_has(s, n, "。") &&
			       !gk_report_has(s, n, ",");
		if (li + 1 < t->nlines && !heading && !ends_sentence(s, n) &&
		    cp_count(s, n) >= 25) {
			size_t na = t->lines[li + 1].start;
			const char *ns = p->s + na;
			size_t nn = t->lines[li + 1].len;
			int num;
			size_t skip;
			joins = !table_ish(ns, nn) &&
				gk_report_enum_level(ns, nn, &num, &skip) == 0 &&
				!(hi < nheads && H[hi].tstart == na);
		}
		if (!joins) {
			split_sentences(p, para_start, b, paragraph++);
			in_para = false;
		}
	}
	if (in_para && !p->oom)
		split_sentences(p, para_start, t->text_len, paragraph++);
	gk_report_locate_tables_end(p, &st);
	p->heads.n = nheads;
	if (!p->oom)
		gk_report_locate_stat_groups(p, stat_rows.data, stat_rows.n);
	free(stat_rows.data);
}

struct gk_report *gk_report_parse(const char *data, size_t len, struct gk_error *err)
{
	struct gk_report *r = calloc(1, sizeof *r);
	if (!r) {
		gk_fail(err, GK_ENOMEM, "读取报告时内存不足");
		return NULL;
	}
	if (gk_report_text_load(&r->text, data, len, err) != GK_OK) {
		free(r);
		return NULL;
	}
	struct gk_report_parser p = {.r = r, .s = r->text.text, .len = r->text.text_len};
	p.figs.size = sizeof(struct gk_report_figure);
	p.sents.size = sizeof(struct gk_report_sentence);
	p.groups.size = sizeof(struct gk_report_group);
	p.heads.size = sizeof(struct gk_report_heading);
	for (int i = 0; i < GK_T1_NROWS; i++)
		for (int c = 0; c < GK_T1_COLS; c++)
			r->table1.cell[i][c] = -1;
	find_headings(&p);
	stated_parts(&p);
	find_year_and_dates(&p);
	if (!p.oom)
		parse_body(&p);
	r->figures = p.figs.data;
	r->nfigures = (int)p.figs.n;
	r->sentences = p.sents.data;
	r->nsentences = (int)p.sents.n;
	r->groups = p.groups.data;
	r->ngroups = (int)p.groups.n;
	r->headings = p.heads.data;
	r->nheadings = (int)p.heads.n;
	if (p.oom) {
		gk_report_free(r);
		gk_fail(err, GK_ENOMEM, "读取报告时内存不足");
		return NULL;
	}
	return r;
}

void gk_report_free(struct gk_report *r)
{
	if (!r)
		return;
	gk_report_text_release(&r->text);
	gk_arena_release(&r->arena);
	free(r->figures);
	free(r->sentences);
	free(r->groups);
	free(r->headings);
	free(r);
}
