/* Tables 1, 2 and 3: their rows and cells, read as streams of label and number tokens.
 *
 * A stream copes with HTML rows with rowspans, one cell per line, Markdown
 * and the wrapped labels of `pdftotext -layout` alike. Rows are recognised by
 * the keywords and columns by the headers of the model (tables.h). */
#include <stdio.h>
#include <string.h>

#include "core/report/figures.h"
#include "core/report/locate.h"
#include "core/report/words.h"

/* Table 3 is one row of 15 cells: three groups of five. */
#define T3_CELLS (GK_T3_NGROUPS * GK_T3_NCOLS)

/* --- Tables 2 and 3 ------------------------------------------------------------ */

/* Copies LABEL without long parenthetical notes ("（区分处理的，…）"). */
static size_t strip_notes(const char *s, size_t n, char *out, size_t cap)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k + 4 < cap;) {
		size_t open = gk_report_starts(s + i, n - i, "（") ? 3 : s[i] == '(' ? 1 : 0;
		if (open) {
			size_t j = i + open;
			while (j < n && !gk_report_starts(s + j, n - j, "）") && s[j] != ')')
				j++;
			if (j < n && j - i - open > 9) {
				i = j + (s[j] == ')' ? 1 : 3);
				continue;
			}
		}
		out[k++] = s[i++];
	}
	out[k] = '\0';
	return k;
}

/* The Table 2 row a label names: the row whose keyword (tables.h) occurs
 * last in it, the longer keyword at the same place; "其他" alone after the
 * rows before it is （六）3.其他. -1 if none. */
static int t2_recognise(const char *label, size_t n, int last_row)
{
	char buf[1024];
	n = strip_notes(label, n, buf, sizeof buf);
	int best = -1;
	size_t best_pos = 0, best_len = 0;
	for (int row = 0; row < GK_T2_NROWS; row++) {
		const char *kws = gk_report_t2_row_info(row)->keywords;
		while (*kws) {
			char kw[64];
			size_t len = strcspn(kws, "|");
			snprintf(kw, sizeof kw, "%.*s", (int)len, kws);
			kws += len + (kws[len] == '|');
			const char *at = NULL;
			/* the last occurrence */
			for (const char *m = gk_report_find(buf, n, kw); m;
			     m = gk_report_find(m + 1, n - (size_t)(m + 1 - buf), kw))
				at = m;
			if (!at)
				continue;
			size_t pos = (size_t)(at - buf);
			if (row == GK_T2_GRANTED && pos >= 3 && memcmp(at - 3, "不", 3) == 0)
				continue; /* 不予公开 */
			if (best < 0 || pos > best_pos || (pos == best_pos && len > best_len)) {
				best = row;
				best_pos = pos;
				best_len = len;
			}
		}
	}
	if (best < 0 && (gk_report_has(buf, n, "其他") || gk_report_has(buf, n, "其它")) &&
	    (last_row == GK_T2_IGNORED_CONFIRM || last_row == GK_T2_OTHER_NO_SUPPLEMENT ||
	     last_row == GK_T2_OTHER_NO_FEE || last_row == GK_T2_OTHER))
		best = GK_T2_OTHER_OTHER;
	return best;
}

static int tok_figure(struct gk_report_parser *p, const struct gk_report_token *t,
		      enum gk_report_source src, const char *label)
{
	struct gk_report_figure *f = gk_report_new_figure(p, t->a, t->b);
	if (!f)
		return -1;
	f->value = t->blank ? 0 : t->value;
	f->blank = t->blank;
	f->decimals = t->decimals;
	f->source = src;
	f->label = label;
	return (int)p->figs.n - 1;
}

/* Drops the optional empty cells at the front of st->nums while there are
 * more cells than WIDTH. */
static void drop_optional(struct gk_report_table_scan *st, int width)
{
	int drop = st->nnums - width;
	if (drop > st->noptional)
		drop = st->noptional;
	if (drop > 0) {
		memmove(st->nums, st->nums + drop, (size_t)(st->nnums - drop) * sizeof *st->nums);
		st->nnums -= drop;
	}
	st->noptional = 0;
}

static void t2_flush(struct gk_report_parser *p, struct gk_report_table_scan *st)
{
	drop_optional(st, GK_T2_COLS);
	if (!st->t2)
		return;
	int row = st->label_len ? t2_recognise(st->label, st->label_len, st->last_row) : -1;
	/* a wrapped label can leave the previous row's words in front: a row
	 * already read means the next one in the official order */
	if (row >= 0 && (st->t2->have[row] || st->t2->total_only[row]) && st->nnums == GK_T2_COLS)
		row = -1;
	if (row < 0 && st->nnums == GK_T2_COLS && st->last_row >= 0) {
		int next = gk_report_t2_next_2021(st->last_row);
		if (next >= 0 && !st->t2->have[next])
			row = next;
	}
	if (row >= 0 && st->nnums > 0) {
		struct gk_report_table2 *t = st->t2;
		if (!t->have[row] && !t->total_only[row]) {
			t->row_tstart[row] = st->label_len ? st->label_start : st->nums[0].a;
			t->row_tend[row] = st->nums[st->nnums - 1].b;
			if (st->nnums == GK_T2_COLS) {
				for (int c = 0; c < GK_T2_COLS; c++)
					t->cell[row][c] =
						tok_figure(p, &st->nums[c], GK_FIG_TABLE2,
							   gk_report_t2_col_info(c)->label);
				t->have[row] = true;
			} else if (st->nnums == 1) {
				t->cell[row][GK_T2_ALL] =
					tok_figure(p, &st->nums[0], GK_FIG_TABLE2,
						   gk_report_t2_col_info(GK_T2_ALL)->label);
				t->total_only[row] = true;
			} else {
				t->broken[row] = true;
			}
		}
		st->last_row = row;
	} else if (row >= 0 && st->nnums == 0) {
		/* a label with no numbers yet: keep it pending */
		return;
	}
	st->label_len = 0;
	st->nnums = 0;
	st->noptional = 0;
	if (row == GK_T2_CARRY_OUT)
		st->mode = 0;
}

/* The header's column order, when it names each column once; else the
 * official order (a header whose words pdftotext split over lines, "结果" /
 * "维持", names some columns twice and others not at all). */
static void t3_check_order(struct gk_report_table_scan *st)
{
	bool seen[GK_T3_NCOLS] = {false};
	bool ok = true;
	for (int c = 0; c < GK_T3_NCOLS && ok; c++) {
		ok = !seen[st->t3_order[c]];
		seen[st->t3_order[c]] = true;
	}
	if (!ok)
		for (int c = 0; c < GK_T3_NCOLS; c++)
			st->t3_order[c] = c;
}

static void t3_flush(struct gk_report_parser *p, struct gk_report_table_scan *st)
{
	drop_optional(st, T3_CELLS);
	if (st->nnums == T3_CELLS && st->t3) {
		t3_check_order(st);
		for (int g = 0; g < GK_T3_NGROUPS; g++)
			for (int c = 0; c < GK_T3_NCOLS; c++) {
				char label[96];
				snprintf(label, sizeof label, "%s·%s",
					 gk_report_t3_group_info(g)->label,
					 gk_report_t3_col_info(st->t3_order[c])->label);
				char *l = gk_arena_strdup(&p->r->arena, label);
				st->t3->cell[g][st->t3_order[c]] =
					tok_figure(p, &st->nums[g * GK_T3_NCOLS + c], GK_FIG_TABLE3,
						   l ? l : "");
			}
		st->t3->tstart = st->nums[0].a;
		st->t3->tend = st->nums[T3_CELLS - 1].b;
		p->r->ntable3++;
	}
	st->mode = 0;
	st->nnums = 0;
	st->noptional = 0;
	st->label_len = 0;
}

static void table_label(struct gk_report_table_scan *st, const char *s,
			const struct gk_report_token *t)
{
	if (st->label_len == 0)
		st->label_start = t->a;
	size_t n = t->b - t->a;
	if (st->label_len + n + 1 < sizeof st->label) {
		memcpy(st->label + st->label_len, s + t->a, n);
		st->label_len += n;
		st->label[st->label_len] = '\0';
	}
}

static void start_t2(struct gk_report_parser *p, struct gk_report_table_scan *st)
{
	struct gk_report *r = p->r;
	if (r->ntable2 >= GK_REPORT_MAX_TABLES) {
		st->t2 = NULL;
		return;
	}
	st->t2 = &r->table2[r->ntable2++];
	for (int i = 0; i < GK_T2_NROWS; i++)
		for (int c = 0; c < GK_T2_COLS; c++)
			st->t2->cell[i][c] = -1;
	st->mode = 2;
	st->last_row = -1;
	st->nnums = 0;
	st->noptional = 0;
	st->label_len = 0;
}

static void start_t3(struct gk_report_parser *p, struct gk_report_table_scan *st)
{
	struct gk_report *r = p->r;
	st->mode = 0;
	if (r->ntable3 >= GK_REPORT_MAX_TABLES)
		return;
	st->t3 = &r->table3[r->ntable3];
	for (int g = 0; g < GK_T3_NGROUPS; g++)
		for (int c = 0; c < GK_T3_NCOLS; c++)
			st->t3->cell[g][c] = -1;
	for (int c = 0; c < GK_T3_NCOLS; c++)
		st->t3_order[c] = c;
	st->t3_seen = 0;
	st->mode = 3;
	st->nnums = 0;
	st->noptional = 0;
	st->label_len = 0;
	st->idle_lines = 0;
}

static bool tok_is_number(const char *s, struct gk_report_token *t)
{
	size_t n = t->b - t->a;
	const char *x = s + t->a;
	if (gk_report_is_one_of(
		    x, n, (const char *const[]){"-", "—", "－", "/", "／", "--", "——", NULL})) {
		t->blank = true;
		t->number = true;
		return true;
	}
	double v;
	int dec;
	if (gk_report_parse_number(s, t->a, t->b, &v, &dec) == t->b) {
		t->number = true;
		t->value = v;
		t->decimals = dec;
		return true;
	}
	return false;
}

static void t3_header(struct gk_report_table_scan *st, const char *x, size_t n)
{
	if (st->t3_seen >= GK_T3_NCOLS)
		return;
	for (int c = 0; c < GK_T3_NCOLS; c++)
		if (gk_report_has(x, n, gk_report_t3_col_info(c)->keyword)) {
			/* header position st->t3_seen holds result c */
			st->t3_order[st->t3_seen] = c;
			st->t3_seen++;
			return;
		}
}

/* --- Table 1 (主动公开政府信息情况) ------------------------------------ */

/* A column header or block header of Table 1, not a row label. */
static bool t1_is_header(const char *x, size_t n)
{
	static const char *const words[] = {"第二十条", "信息内容", "本年",     "件数",
					    "数量",     "金额",     "增/减",    "增减",
					    "单位",     "项目",     "现行有效", NULL};
	return gk_report_has_any(x, n, words);
}

/* Notes the format a header names. */
static void t1_header(struct gk_report_table_scan *st, const char *x, size_t n)
{
	int format = gk_report_t1_header_format(x, n);
	if (format)
		st->t1_format = format;
}

static bool t1_starts(const char *x, size_t n)
{
	if (n > 60)
		return false;
	return gk_report_has(x, n, "第二十条第") || gk_report_has(x, n, "本年制发") ||
	       gk_report_has(x, n, "本年新制作") || gk_report_has(x, n, "新制作数量") ||
	       (n == strlen("信息内容") && gk_report_starts(x, n, "信息内容"));
}

static bool t1_ends(const char *x, size_t n)
{
	static const char *const words[] = {"本年新收",   "新收政府信息", "收到和处理", "勾稽",
					    "申请人情况", "行政复议",     NULL};
	return gk_report_has_any(x, n, words);
}

/* Table 1 cells may carry a sign (本年增/减: "-3", "＋2"), a unit ("251000元",
 * "12.5万元") or "无" for nothing. */
static bool t1_number(const char *s, struct gk_report_token *t)
{
	if (tok_is_number(s, t))
		return true;
	size_t a = t->a, b = t->b;
	if (b - a == 3 && gk_report_starts(s + a, 3, "无")) {
		t->number = t->blank = true;
		return true;
	}
	int sign = 1;
	if (s[a] == '-' || s[a] == '+') {
		sign = s[a] == '-' ? -1 : 1;
		a++;
	} else if (b - a > 3 &&
		   (gk_report_starts(s + a, b - a, "－") || gk_report_starts(s + a, b - a, "＋") ||
		    gk_report_starts(s + a, b - a, "—"))) {
		sign = gk_report_starts(s + a, b - a, "＋") ? 1 : -1;
		a += 3;
	}
	double v;
	int dec;
	size_t e = gk_report_parse_number(s, a, b, &v, &dec);
	if (e == a)
		return false;
	static const char *const suffixes[] = {"万元", "元", "件", "个", "项", "条", NULL};
	if (e < b) {
		bool ok = false;
		for (const char *const *u = suffixes; *u && !ok; u++)
			ok = b - e == strlen(*u) && gk_report_starts(s + e, b - e, *u);
		if (!ok)
			return false;
	}
	t->number = true;
	t->value = sign * v;
	t->decimals = dec;
	return true;
}

static void t1_flush(struct gk_report_parser *p, struct gk_report_table_scan *st)
{
	struct gk_report_table1 *t = &p->r->table1;
	int row = -1;
	if (st->label_len && st->nnums) {
		/* the first row name outside notes: "其他对外管理服务事项（含行政确认、
		 * …行政处罚、行政强制…）" is not the 行政强制 row */
		char buf[1024];
		size_t n = strip_notes(st->label, st->label_len, buf, sizeof buf);
		size_t best = 0;
		for (int k = 0; k < GK_T1_NROWS; k++) {
			const char *m = gk_report_find(buf, n, gk_report_t1_row_info(k)->keyword);
			if (m && (row < 0 || (size_t)(m - buf) < best)) {
				row = k;
				best = (size_t)(m - buf);
			}
		}
	}
	if (row >= 0) {
		int format = st->t1_format;
		if (!format)
			format = t->format;
		if (!format && row >= GK_T1_LICENSE && row != GK_T1_FEES)
			format = st->nnums == 1 ? 2021 : st->nnums == 3 ? 2019 : 0;
		if (!format)
			format = p->r->year == 2019 || p->r->year == 2020 ? 2019 : 2021;
		int cols = gk_report_t1_cols(format, row);
		drop_optional(st, cols);
		int n = st->nnums;
		while (n > cols && st->nums[n - 1].blank)
			n--; /* empty cells of a spanned HTML cell */
		if (cols && n == cols && !t->have[row] && (!t->format || t->format == format)) {
			t->format = format;
			for (int c = 0; c < cols; c++) {
				char label[128];
				snprintf(label, sizeof label, "%s·%s",
					 gk_report_t1_row_name(format, row),
					 gk_report_t1_col_name(format, row, c));
				char *l = gk_arena_strdup(&p->r->arena, label);
				t->cell[row][c] =
					tok_figure(p, &st->nums[c], GK_FIG_TABLE1, l ? l : "");
			}
			t->have[row] = true;
			t->row_tstart[row] = st->label_start;
			t->row_tend[row] = st->nums[st->nnums - 1].b;
		}
	}
	st->label_len = 0;
	st->nnums = 0;
	st->noptional = 0;
}

static void t1_end(struct gk_report_parser *p, struct gk_report_table_scan *st)
{
	t1_flush(p, st);
	st->mode = 0;
	if (p->r->table1.format)
		st->t1_done = true;
}

/* An empty cell at AT of the table being read: a blank figure, read as 0. */
static void blank_cell(struct gk_report_parser *p, struct gk_report_table_scan *st, size_t at,
		       bool optional)
{
	struct gk_report_token t = {at, at, true, true, 0, 0};
	if (st->nnums >= GK_REPORT_SCAN_TOKENS)
		return;
	bool taken = false;
	if (st->mode == 1 && st->label_len > 0) {
		st->nums[st->nnums++] = t;
		taken = true;
	} else if (st->mode == 2 && (st->nnums > 0 || st->label_len > 0)) {
		st->nums[st->nnums++] = t;
		taken = true;
		if (!optional && st->nnums - st->noptional == GK_T2_COLS)
			t2_flush(p, st);
	} else if (st->mode == 3 && (st->nnums > 0 || optional)) {
		st->nums[st->nnums++] = t;
		taken = true;
		if (!optional && st->nnums - st->noptional == T3_CELLS)
			t3_flush(p, st);
	}
	if (taken && optional)
		st->noptional++;
}

void gk_report_locate_tables_line(struct gk_report_parser *p, struct gk_report_table_scan *st,
				  size_t a, size_t b)
{
	const char *s = p->s;
	bool html_cells = strcmp(p->r->text.format, "html") == 0 ||
			  strcmp(p->r->text.format, "markdown") == 0;
	/* plain text keeps an empty cell only between two TABs of the source */
	bool tab_cells = strcmp(p->r->text.format, "text") == 0;
	/* a long sentence ends any table */
	if (st->mode && gk_report_has(s + a, b - a, "。") && b - a > 90) {
		if (st->mode == 2)
			t2_flush(p, st);
		if (st->mode == 1)
			t1_end(p, st);
		st->mode = 0;
	}
	if (st->mode == 1 && ++st->t1_idle > 40)
		t1_end(p, st);
	if (gk_report_has(s + a, b - a, "行政复议")) {
		st->review_seen = true;
		st->review_age = 0;
	} else if (st->review_seen && ++st->review_age > 12) {
		st->review_seen = false;
	}
	/* TAB-separated text: the empty cells before a line's first number
	 * wait here: a number next makes them blank data cells (a row whose
	 * first cells were left blank), a label drops them (the empty cells of a
	 * label column whose value the row above gave once) */
	int pending = 0;
	size_t pending_at[GK_REPORT_SCAN_TOKENS];
	if (tab_cells && st->mode) {
		/* the line's leading empty cells, which normalising drops: the
		 * TABs (TABs only) that start its source line */
		const struct gk_report_text *t = &p->r->text;
		size_t src = gk_report_text_src_start(t, a);
		if (src > t->src_len)
			src = 0;
		size_t lead = 0;
		while (src > lead && t->src[src - lead - 1] == '\t')
			lead++;
		bool line_start = src == lead || t->src[src - lead - 1] == '\n' ||
				  t->src[src - lead - 1] == '\r';
		for (size_t q = 0; line_start && q < lead && pending < GK_REPORT_SCAN_TOKENS; q++)
			pending_at[pending++] = a;
	}
	size_t i = a;
	while (i <= b) {
		/* one cell: [i, ce) */
		size_t ce = i;
		while (ce < b && s[ce] != '\t')
			ce++;
		size_t k = i;
		bool any = false;
		while (k < ce) {
			while (k < ce && s[k] == ' ')
				k++;
			if (k >= ce)
				break;
			size_t e = k;
			while (e < ce && s[e] != ' ')
				e++;
			struct gk_report_token t = {k, e, false, false, 0, 0};
			bool pipes = true;
			for (size_t x = k; x < e; x++)
				pipes &= s[x] == '|';
			if (pipes) {
				/* "0 |", "|||": cell borders of a table copied as text */
				k = e;
				continue;
			}
			any = true;
			tok_is_number(s, &t);
			if (t.number || (st->mode == 1 && t1_number(s, &t)))
				for (int q = 0; q < pending; q++)
					blank_cell(p, st, pending_at[q], true);
			pending = 0;
			if (st->mode == 1 && !t.number && t1_ends(s + k, e - k))
				t1_end(p, st);
			if (st->mode == 0) {
				if (!t.number && !st->t1_done && t1_starts(s + k, e - k)) {
					st->mode = 1;
					st->t1_idle = 0;
					st->nnums = 0;
					st->noptional = 0;
					st->label_len = 0;
					st->t1_format = 0;
				} else if (!t.number &&
					   (gk_report_has(s + k, e - k, "本年新收") ||
					    gk_report_has(s + k, e - k, "新收政府信息公开申请"))) {
					start_t2(p, st);
				} else if (!t.number && st->review_seen &&
					   (gk_report_has(s + k, e - k, "结果维持") ||
					    gk_report_has(s + k, e - k, "维持")) &&
					   !gk_report_has(s + k, e - k, "件")) {
					start_t3(p, st);
				}
			}
			if (st->mode == 1) {
				if (t.number || t1_number(s, &t)) {
					if (st->nnums < GK_REPORT_SCAN_TOKENS)
						st->nums[st->nnums++] = t;
					st->t1_idle = 0;
				} else {
					if (st->nnums)
						t1_flush(p, st);
					if (t1_is_header(s + k, e - k)) {
						t1_header(st, s + k, e - k);
						st->label_len = 0;
					} else {
						table_label(st, s, &t);
					}
				}
			} else if (st->mode == 2) {
				if (t.number) {
					if (st->nnums < GK_REPORT_SCAN_TOKENS)
						st->nums[st->nnums++] = t;
					if (st->nnums - st->noptional == GK_T2_COLS)
						t2_flush(p, st);
				} else {
					if (st->nnums)
						t2_flush(p, st);
					if (st->mode == 2)
						table_label(st, s, &t);
				}
			} else if (st->mode == 3) {
				if (t.number) {
					if (st->nnums < GK_REPORT_SCAN_TOKENS)
						st->nums[st->nnums++] = t;
					if (st->nnums - st->noptional == T3_CELLS)
						t3_flush(p, st);
				} else if (st->nnums) {
					st->mode = 0; /* labels among the numbers: not Table 3 */
					st->nnums = 0;
					st->noptional = 0;
				} else {
					t3_header(st, s + k, e - k);
				}
			}
			k = e;
		}
		if (!any && st->mode && (i != a || ce < b)) {
			/* an empty cell of an HTML or Markdown table, or of
			 * TAB-separated text: blank, read as 0 */
			if (html_cells || (tab_cells && st->nnums > 0))
				blank_cell(p, st, i, false);
			else if (tab_cells && pending < GK_REPORT_SCAN_TOKENS)
				pending_at[pending++] = i;
		}
		if (ce >= b)
			break;
		i = ce + 1;
	}
	/* the line's end: a row its leading empty cells make full is read
	 * with them; otherwise they were data cells all along */
	int width = st->mode == 2 ? GK_T2_COLS : st->mode == 3 ? T3_CELLS : 0;
	if (width && st->noptional && st->nnums >= width) {
		if (st->mode == 2)
			t2_flush(p, st); /* the flushes drop the extra leading ones */
		else
			t3_flush(p, st);
	}
	if (st->mode != 1)
		st->noptional = 0;
	if (st->mode == 3 && ++st->idle_lines > 60)
		st->mode = 0;
}

void gk_report_table_scan_init(struct gk_report_table_scan *st)
{
	memset(st, 0, sizeof *st);
	st->last_row = -1;
}

void gk_report_locate_tables_end(struct gk_report_parser *p, struct gk_report_table_scan *st)
{
	if (st->mode == 2)
		t2_flush(p, st);
	if (st->mode == 1)
		t1_end(p, st);
}
