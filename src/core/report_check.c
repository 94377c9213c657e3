/* The relations checked in an annual report, and the findings' output as
 * text and JSON. See docs/report-checker.md for what each relation means. */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report_check.h"
#include "lib/utf8.h"

#define EPS 1e-6
#define MAX_FIGS 48

struct checker {
	struct gk_report *r;
	struct gk_report *prev;
	struct gk_report_result *res;
	struct gk_report_finding *f;
	size_t n, cap;
	bool oom;
};

/* What the parts of each kind are, as the subject of a Chinese message:
 * "申请渠道分项之和与总数不符", "各渠道占比之和为…". */
static const char *const kind_names[GK_KIND_COUNT] = {
	"各", "申请渠道", "按时与延期办结", "答复结果", "不予公开理由", "复议或诉讼结果", "专职与兼职人员",
	"申请人类型", "公开渠道",
};
static const char *const kind_nouns[GK_KIND_COUNT] = {
	"分项", "渠道", "办结方式", "答复结果", "理由", "结果", "人员类别", "申请人类型", "公开渠道",
};

const char *gk_report_severity_name(enum gk_report_severity s)
{
	return s == GK_SEV_ERROR ? "error" : "warning";
}

const char *gk_report_severity_label(enum gk_report_severity s)
{
	return s == GK_SEV_ERROR ? "错误" : "疑问";
}

static char *arena_printf(struct checker *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static char *arena_printf(struct checker *c, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	char *s = gk_arena_strdup(&c->res->arena, buf);
	if (!s)
		c->oom = true;
	return s ? s : "";
}

/* Cuts S to at most MAX code points, adding "…". */
static const char *shorten(struct checker *c, const char *s, size_t max)
{
	size_t n = strlen(s), cps = 0, i = 0;
	while (i < n && cps < max) {
		size_t l;
		if (gk_utf8_decode((const unsigned char *)s + i, n - i, &l) < 0)
			l = 1;
		i += l;
		cps++;
	}
	if (i >= n)
		return s;
	return arena_printf(c, "%.*s…", (int)i, s);
}

static const char *keep(struct checker *c, const char *s)
{
	char *copy = gk_arena_strdup(&c->res->arena, s ? s : "");
	if (!copy)
		c->oom = true;
	return copy ? copy : "";
}

/* A new finding quoting R's normalised text [QA, QB). */
static struct gk_report_finding *add(struct checker *c, struct gk_report *r, enum gk_report_severity sev,
				     const char *relation, size_t qa, size_t qb)
{
	if (c->oom)
		return NULL;
	if (c->n == c->cap) {
		size_t ncap = c->cap ? c->cap * 2 : 16;
		struct gk_report_finding *nf = realloc(c->f, ncap * sizeof *nf);
		if (!nf) {
			c->oom = true;
			return NULL;
		}
		c->f = nf;
		c->cap = ncap;
	}
	struct gk_report_finding *f = &c->f[c->n++];
	memset(f, 0, sizeof *f);
	f->severity = sev;
	f->relation = relation;
	f->start = gk_report_text_src_start(&r->text, qa);
	f->end = gk_report_text_src_end(&r->text, qb);
	f->line = gk_report_text_src_lineno(&r->text, f->start);
	char *q = gk_report_excerpt(r, qa, qb);
	f->quote = q ? keep(c, shorten(c, q, 200)) : "";
	f->figures = gk_arena_alloc(&c->res->arena, MAX_FIGS * sizeof *f->figures);
	if (!f->figures || !q)
		c->oom = true;
	f->file = r == c->prev ? "previous" : NULL;
	f->message = "";
	f->left_label = f->right_label = "";
	return f;
}

static void add_fig(struct checker *c, struct gk_report_finding *f, struct gk_report *r, int fi)
{
	if (!f || !f->figures || fi < 0 || fi >= r->nfigures || f->nfigures >= MAX_FIGS)
		return;
	const struct gk_report_figure *g = &r->figures[fi];
	f->figures[f->nfigures++] = (struct gk_report_finding_figure){
		keep(c, g->label), g->value, g->decimals, g->unit, g->line, g->start, g->end,
	};
}

static void sides(struct checker *c, struct gk_report_finding *f, const char *ll, double l, const char *rl,
		  double rv, int dec)
{
	if (!f)
		return;
	ll = keep(c, ll);
	rl = keep(c, rl);
	f->left_label = ll;
	f->left = l;
	f->right_label = rl;
	f->right = rv;
	f->decimals = dec;
}

static const char *join_labels(struct checker *c, struct gk_report *r, const int *idx, int n)
{
	char buf[1024];
	size_t k = 0;
	buf[0] = '\0';
	for (int i = 0; i < n && k < sizeof buf - 64; i++) {
		const char *l = r->figures[idx[i]].label;
		if (!*l)
			l = "?";
		int w = snprintf(buf + k, sizeof buf - k, "%s%s", i ? " + " : "", l);
		if (w < 0 || (size_t)w >= sizeof buf - k)
			break;
		k += (size_t)w;
	}
	return shorten(c, arena_printf(c, "%s", buf), 120);
}

static const char *join_values(struct checker *c, struct gk_report *r, const int *idx, int n)
{
	char buf[1024];
	size_t k = 0;
	buf[0] = '\0';
	for (int i = 0; i < n && k < sizeof buf - 32; i++) {
		const struct gk_report_figure *g = &r->figures[idx[i]];
		int w = snprintf(buf + k, sizeof buf - k, "%s%.*f", i ? "+" : "", g->decimals, g->value);
		if (w < 0 || (size_t)w >= sizeof buf - k)
			break;
		k += (size_t)w;
	}
	return arena_printf(c, "%s", buf);
}

static const struct gk_report_sentence *sentence_of(struct gk_report *r, int fi)
{
	int s = r->figures[fi].sentence;
	if (s < 0 || s >= r->nsentences)
		return NULL;
	return &r->sentences[s];
}

/* --- percentages --------------------------------------------------------- */

/* True if PCT (printed with DEC decimals) is PART/WHOLE as a percentage,
 * rounded or truncated at the printed precision. */
static bool pct_matches(double pct, int dec, double part, double whole)
{
	if (whole <= 0)
		return part <= 0 && pct <= EPS;
	double x = part / whole * 100.0;
	double scale = pow(10.0, dec);
	double tol = 1e-7;
	double rounded = floor(x * scale + 0.5 + 1e-9) / scale;
	double truncated = floor(x * scale + 1e-9) / scale;
	return fabs(pct - rounded) < tol + 1e-9 * scale || fabs(pct - truncated) < tol + 1e-9 * scale;
}

/* --- groups: parts against their total, shares ------------------------- */

/* True if another count before the parts in their sentence equals SUM:
 * "新收120件，上年结转5件，其中自然人100件、法人20件" breaks down the 120. */
static bool other_total(struct gk_report *r, const struct gk_report_group *g, double sum)
{
	const struct gk_report_figure *F = r->figures;
	const struct gk_report_sentence *s = sentence_of(r, g->parts[0]);
	if (!s)
		return false;
	for (int i = s->first; i < s->first + s->count && i < g->parts[0]; i++)
		if (i != g->total && !F[i].percent && !F[i].approx && fabs(F[i].value - sum) < EPS &&
		    strcmp(F[i].unit, F[g->parts[0]].unit) == 0)
			return true;
	return false;
}

static void check_group(struct checker *c, struct gk_report *r, const struct gk_report_group *g)
{
	const struct gk_report_figure *F = r->figures;
	const struct gk_report_figure *T = &F[g->total];
	if (T->approx || T->percent)
		return;
	double sum = 0;
	for (int i = 0; i < g->nparts; i++) {
		if (F[g->parts[i]].approx)
			return;
		sum += F[g->parts[i]].value;
	}
	const struct gk_report_sentence *ts = sentence_of(r, g->total);
	const struct gk_report_sentence *ps = sentence_of(r, g->parts[0]);
	const struct gk_report_sentence *pe = sentence_of(r, g->parts[g->nparts - 1]);
	if (!ts || !ps || !pe)
		return;
	size_t qa = ts->tstart < ps->tstart ? ts->tstart : ps->tstart;
	size_t qb = pe->tend > ts->tend ? pe->tend : ts->tend;
	bool known = g->kind != GK_KIND_GENERIC;
	const char *what = kind_names[g->kind];
	struct gk_report_finding *f = NULL;
	if (g->kind == GK_KIND_PUBLISH) {
		if (g->complete && sum < T->value - EPS) {
			f = add(c, r, GK_SEV_WARNING, "channels-total", qa, qb);
			if (f)
				f->message = arena_printf(c,
					"各公开渠道之和少于其总数：%s=%.0f，而总数为%.0f"
					"（同一信息可经多个渠道发布，各渠道之和应不少于总数）",
					join_values(c, r, g->parts, g->nparts), sum, T->value);
		}
	} else if ((sum > T->value + EPS || (sum < T->value - EPS && g->complete)) && !other_total(r, g, sum)) {
		f = add(c, r, known ? GK_SEV_ERROR : GK_SEV_WARNING, "parts-total", qa, qb);
		if (f)
			f->message = arena_printf(c, "%s分项之和与总数不符：%s=%.0f，而总数为%.0f", what,
						  join_values(c, r, g->parts, g->nparts), sum, T->value);
	}
	if (f) {
		sides(c, f, join_labels(c, r, g->parts, g->nparts), sum, T->label, T->value, 0);
		add_fig(c, f, r, g->total);
		for (int i = 0; i < g->nparts; i++)
			add_fig(c, f, r, g->parts[i]);
	}
	/* shares */
	int nshares = 0, maxdec = 0;
	double pctsum = 0;
	int sidx[GK_REPORT_GROUP_MAX];
	for (int i = 0; i < g->nparts; i++) {
		int si = g->shares[i];
		if (si < 0)
			continue;
		const struct gk_report_figure *P = &F[si];
		const struct gk_report_figure *part = &F[g->parts[i]];
		sidx[nshares++] = si;
		pctsum += P->value;
		if (P->decimals > maxdec)
			maxdec = P->decimals;
		if (P->approx)
			continue;
		if (!pct_matches(P->value, P->decimals, part->value, T->value) &&
		    !pct_matches(P->value, P->decimals, part->value, sum)) {
			const struct gk_report_sentence *s = sentence_of(r, si);
			struct gk_report_finding *pf = add(c, r, GK_SEV_ERROR, "percent-count", s ? s->tstart : P->tstart,
							   s ? s->tend : P->tend);
			if (pf) {
				double exact = T->value > 0 ? part->value / T->value * 100 : 0;
				pf->message = arena_printf(c, "百分比与件数不符：%.0f÷%.0f=%.*f%%，而报告写作%.*f%%",
							   part->value, T->value, P->decimals + 2, exact, P->decimals,
							   P->value);
				sides(c, pf, arena_printf(c, "%s所占百分比", part->label), P->value,
				      arena_printf(c, "%s÷%s×100", part->label, T->label), exact, P->decimals + 2);
				add_fig(c, pf, r, si);
				add_fig(c, pf, r, g->parts[i]);
				add_fig(c, pf, r, g->total);
			}
		}
	}
	if (nshares >= 2) {
		double ulp = pow(10.0, -maxdec);
		double tol = nshares * ulp + EPS;
		bool all = nshares == g->nparts && g->complete;
		if ((all && fabs(pctsum - 100) > tol) || pctsum > 100 + tol) {
			struct gk_report_finding *sf = add(c, r, GK_SEV_ERROR, "shares-100", qa, qb);
			if (sf) {
				sf->message = arena_printf(c, all ? "各%s占比之和为%.*f%%，应为100%%：%s" : "各%s占比之和为%.*f%%，超过100%%：%s",
							   kind_nouns[g->kind], maxdec, pctsum, join_values(c, r, sidx, nshares));
				sides(c, sf, "各项占比之和", pctsum, "整体", 100, maxdec);
				for (int i = 0; i < nshares; i++)
					add_fig(c, sf, r, sidx[i]);
			}
		}
	}
}

/* Publication channels given in separate sentences of one section, against
 * the 主动公开 total of that section. */
static bool is_pub_total(const struct gk_report_figure *f)
{
	size_t n = strlen(f->label);
	if (strcmp(f->unit, "条") != 0 || f->approx || f->percent)
		return false;
	if (!strstr(f->label, "主动公开") || !strstr(f->label, "政府信息"))
		return false;
	unsigned k = gk_report_label_kinds(f->label);
	(void)n;
	return !(k & (1u << GK_KIND_PUBLISH)) && !strstr(f->label, "通过") && !strstr(f->label, "规范性文件");
}

static int pub_channel(const struct gk_report_figure *f)
{
	static const char *const ch[] = {"公报", "网站", "微博", "微信", "其他方式", "其他渠道", "新媒体", "客户端", NULL};
	if (strcmp(f->unit, "条") != 0 || f->percent || f->source != GK_FIG_TEXT)
		if (f->source != GK_FIG_STAT || strcmp(f->unit, "条") != 0)
			return -1;
	if (!strstr(f->label, "公开") && !strstr(f->label, "发布"))
		return -1;
	for (int i = 0; ch[i]; i++)
		if (strstr(f->label, ch[i]))
			return i >= 4 && i <= 5 ? 4 : i;
	return -1;
}

static void check_pub_channels(struct checker *c, struct gk_report *r)
{
	const struct gk_report_figure *F = r->figures;
	for (int t = 0; t < r->nfigures; t++) {
		if (!is_pub_total(&F[t]))
			continue;
		/* the channel figures after it in its section, one per channel */
		int parts[8], np = 0;
		unsigned seen = 0;
		bool bad = false;
		for (int i = t + 1; i < r->nfigures && F[i].section == F[t].section; i++) {
			if (is_pub_total(&F[i]))
				break;
			int ch = pub_channel(&F[i]);
			if (ch < 0 || (seen & (1u << ch)))
				continue;
			if (F[i].approx)
				bad = true;
			seen |= 1u << ch;
			if (np < 8)
				parts[np++] = i;
		}
		if (bad || np < 3 || !(seen & (1u << 4)))
			continue;
		/* skip what a 其中 group already covers */
		bool grouped = false;
		for (int g = 0; g < r->ngroups; g++)
			if (r->groups[g].total == t && r->groups[g].kind == GK_KIND_PUBLISH)
				grouped = true;
		if (grouped)
			continue;
		double sum = 0;
		for (int i = 0; i < np; i++)
			sum += F[parts[i]].value;
		if (sum < F[t].value - EPS) {
			const struct gk_report_sentence *a = sentence_of(r, t), *b = sentence_of(r, parts[np - 1]);
			if (!a || !b)
				continue;
			struct gk_report_finding *f = add(c, r, GK_SEV_WARNING, "channels-total", a->tstart, b->tend);
			if (!f)
				return;
			f->message = arena_printf(c,
				"各公开渠道之和少于主动公开政府信息总数：%s=%.0f，而总数为%.0f"
				"（同一信息可经多个渠道发布，各渠道之和应不少于总数）",
				join_values(c, r, parts, np), sum, F[t].value);
			sides(c, f, join_labels(c, r, parts, np), sum, F[t].label, F[t].value, 0);
			add_fig(c, f, r, t);
			for (int i = 0; i < np; i++)
				add_fig(c, f, r, parts[i]);
		}
		return; /* one total per report is enough */
	}
}

/* --- Table 2 ----------------------------------------------------------- */

static const char *const t2_row_names[GK_T2_NROWS] = {
	"一、本年新收", "二、上年结转", "（一）予以公开", "（二）部分公开",
	"（三）1.国家秘密", "（三）2.其他法律行政法规禁止公开", "（三）3.危及“三安全一稳定”", "（三）4.保护第三方合法权益",
	"（三）5.三类内部事务信息", "（三）6.四类过程性信息", "（三）7.行政执法案卷", "（三）8.行政查询事项",
	"（四）1.本机关不掌握", "（四）2.没有现成信息需要另行制作", "（四）3.补正后申请内容仍不明确",
	"（五）1.信访举报投诉类申请", "（五）2.重复申请", "（五）3.要求提供公开出版物", "（五）4.无正当理由大量反复申请",
	"（五）5.要求确认或重新出具已获取信息",
	"（六）1.逾期不补正", "（六）2.逾期未缴费", "（六）3.其他", "（六）其他处理",
	"（三）不予公开", "（四）无法提供", "（五）不予处理", "（七）总计", "四、结转下年度继续办理",
};

static const char *const t2_col_names[GK_T2_COLS] = {"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"};

static bool t2_cell(const struct gk_report_table2 *t, int row, int col)
{
	if (t->have[row])
		return true;
	return col == GK_T2_COLS - 1 && t->total_only[row];
}

/* The rows that make up （七）总计 in this table, or 0 if some are missing. */
static int t2_result_rows(const struct gk_report_table2 *t, int col, int *rows)
{
	int n = 0;
	rows[n++] = GK_T2_PUBLIC;
	rows[n++] = GK_T2_PARTIAL;
	static const struct {
		int first, last, sub;
	} blocks[] = {
		{GK_T2_W1, GK_T2_W8, GK_T2_SUB_W},
		{GK_T2_U1, GK_T2_U3, GK_T2_SUB_U},
		{GK_T2_N1, GK_T2_N5, GK_T2_SUB_N},
		{GK_T2_O1, GK_T2_O3, GK_T2_OTHER},
	};
	for (size_t b = 0; b < sizeof blocks / sizeof blocks[0]; b++) {
		bool all = true, any = false;
		for (int k = blocks[b].first; k <= blocks[b].last; k++) {
			all &= t2_cell(t, k, col);
			any |= t2_cell(t, k, col) || t->broken[k];
		}
		if (all) {
			for (int k = blocks[b].first; k <= blocks[b].last; k++)
				rows[n++] = k;
		} else if (t2_cell(t, blocks[b].sub, col) && !(any && blocks[b].sub != GK_T2_OTHER)) {
			rows[n++] = blocks[b].sub;
		} else if (t2_cell(t, blocks[b].sub, col)) {
			rows[n++] = blocks[b].sub;
		} else {
			return 0;
		}
	}
	for (int i = 0; i < n; i++)
		if (!t2_cell(t, rows[i], col))
			return 0;
	return n;
}

static double cellv(struct gk_report *r, const struct gk_report_table2 *t, int row, int col)
{
	return r->figures[t->cell[row][col]].value;
}

static void check_table2(struct checker *c, struct gk_report *r, const struct gk_report_table2 *t)
{
	/* rows whose 总计 cell was left blank although the row has figures */
	int blank_rows[GK_T2_NROWS], nblank = 0;
	bool blank_total[GK_T2_NROWS] = {false};
	for (int row = 0; row < GK_T2_NROWS; row++) {
		if (!t->have[row] || !r->figures[t->cell[row][GK_T2_COLS - 1]].blank)
			continue;
		double sum = 0;
		for (int col = 0; col < GK_T2_COLS - 1; col++)
			sum += cellv(r, t, row, col);
		if (sum > 0) {
			blank_total[row] = true;
			blank_rows[nblank++] = row;
		}
	}
	if (nblank) {
		struct gk_report_finding *f = add(c, r, GK_SEV_ERROR, "table2-blank-total",
						  t->row_tstart[blank_rows[0]], t->row_tend[blank_rows[nblank - 1]]);
		if (!f)
			return;
		char names[512];
		size_t k = 0;
		names[0] = '\0';
		for (int i = 0; i < nblank && k < sizeof names - 80; i++) {
			int w = snprintf(names + k, sizeof names - k, "%s%s", i ? ", " : "", t2_row_names[blank_rows[i]]);
			if (w > 0)
				k += (size_t)w;
		}
		double sum = 0;
		for (int i = 0; i < nblank; i++)
			for (int col = 0; col < GK_T2_COLS - 1; col++)
				sum += cellv(r, t, blank_rows[i], col);
		f->message = arena_printf(c, "%d行的“总计”栏为空，而这些行各类申请人之和为%.0f：%s", nblank, sum, names);
		sides(c, f, "这些行各类申请人之和", sum, "这些行的“总计”栏（空白）", 0, 0);
		for (int i = 0; i < nblank; i++)
			for (int col = 0; col < GK_T2_COLS; col++)
				if (col == GK_T2_COLS - 1 || cellv(r, t, blank_rows[i], col) != 0)
					add_fig(c, f, r, t->cell[blank_rows[i]][col]);
	}
	/* each row: 总计 = the six applicant columns */
	for (int row = 0; row < GK_T2_NROWS; row++) {
		if (!t->have[row] || blank_total[row])
			continue;
		double sum = 0;
		for (int col = 0; col < GK_T2_COLS - 1; col++)
			sum += cellv(r, t, row, col);
		double tot = cellv(r, t, row, GK_T2_COLS - 1);
		if (fabs(sum - tot) > EPS) {
			struct gk_report_finding *f = add(c, r, GK_SEV_ERROR, "table2-row-total", t->row_tstart[row], t->row_tend[row]);
			if (!f)
				return;
			f->message = arena_printf(c, "“%s”行：各类申请人之和为%s=%.0f，而总计为%.0f", t2_row_names[row],
						  join_values(c, r, t->cell[row], GK_T2_COLS - 1), sum, tot);
			sides(c, f, arena_printf(c, "%s：自然人＋法人或其他组织", t2_row_names[row]), sum,
			      arena_printf(c, "%s：总计", t2_row_names[row]), tot, 0);
			for (int col = 0; col < GK_T2_COLS; col++)
				add_fig(c, f, r, t->cell[row][col]);
		}
	}
	/* subtotal rows some reports add */
	static const struct {
		int sub, first, last;
	} subs[] = {
		{GK_T2_SUB_W, GK_T2_W1, GK_T2_W8}, {GK_T2_SUB_U, GK_T2_U1, GK_T2_U3},
		{GK_T2_SUB_N, GK_T2_N1, GK_T2_N5}, {GK_T2_OTHER, GK_T2_O1, GK_T2_O3},
	};
	for (size_t s = 0; s < sizeof subs / sizeof subs[0]; s++)
		for (int col = 0; col < GK_T2_COLS; col++) {
			bool all = t2_cell(t, subs[s].sub, col);
			for (int k = subs[s].first; k <= subs[s].last; k++)
				all &= t2_cell(t, k, col);
			if (!all)
				continue;
			double sum = 0;
			for (int k = subs[s].first; k <= subs[s].last; k++)
				sum += cellv(r, t, k, col);
			double tot = cellv(r, t, subs[s].sub, col);
			if (fabs(sum - tot) > EPS) {
				struct gk_report_finding *f = add(c, r, GK_SEV_ERROR, "table2-subtotal",
								  t->row_tstart[subs[s].sub], t->row_tend[subs[s].sub]);
				if (!f)
					return;
				f->message = arena_printf(c, "“%s”栏：%s各小项之和为%.0f，而该项为%.0f", t2_col_names[col],
							  t2_row_names[subs[s].sub], sum, tot);
				sides(c, f, arena_printf(c, "%s各小项之和（%s）", t2_row_names[subs[s].sub], t2_col_names[col]), sum,
				      arena_printf(c, "%s（%s）", t2_row_names[subs[s].sub], t2_col_names[col]), tot, 0);
				add_fig(c, f, r, t->cell[subs[s].sub][col]);
				for (int k = subs[s].first; k <= subs[s].last; k++)
					add_fig(c, f, r, t->cell[k][col]);
			}
		}
	/* （七）总计 = the result rows, per column */
	for (int col = 0; col < GK_T2_COLS; col++) {
		if (!t2_cell(t, GK_T2_TOTAL, col))
			continue;
		int rows[32];
		int n = t2_result_rows(t, col, rows);
		if (!n)
			continue;
		bool blanks = false;
		for (int i = 0; i < n; i++)
			blanks |= blank_total[rows[i]] && col == GK_T2_COLS - 1;
		if (blanks)
			continue; /* already reported as blank totals */
		double sum = 0;
		for (int i = 0; i < n; i++)
			sum += cellv(r, t, rows[i], col);
		double tot = cellv(r, t, GK_T2_TOTAL, col);
		if (fabs(sum - tot) > EPS) {
			struct gk_report_finding *f = add(c, r, GK_SEV_ERROR, "table2-results-total",
							  t->row_tstart[GK_T2_TOTAL], t->row_tend[GK_T2_TOTAL]);
			if (!f)
				return;
			f->message = arena_printf(c, "“%s”栏：办理结果（一）至（六）之和为%.0f，而（七）总计为%.0f",
						  t2_col_names[col], sum, tot);
			sides(c, f, arena_printf(c, "（一）至（六）之和（%s）", t2_col_names[col]), sum,
			      arena_printf(c, "（七）总计（%s）", t2_col_names[col]), tot, 0);
			add_fig(c, f, r, t->cell[GK_T2_TOTAL][col]);
			for (int i = 0; i < n; i++)
				if (cellv(r, t, rows[i], col) != 0)
					add_fig(c, f, r, t->cell[rows[i]][col]);
		}
	}
	/* 一 + 二 = 三（七） + 四, per column */
	for (int col = 0; col < GK_T2_COLS; col++) {
		if (!t2_cell(t, GK_T2_NEW, col) || !t2_cell(t, GK_T2_CARRY_IN, col) || !t2_cell(t, GK_T2_TOTAL, col) ||
		    !t2_cell(t, GK_T2_CARRY_OUT, col))
			continue;
		double in = cellv(r, t, GK_T2_NEW, col) + cellv(r, t, GK_T2_CARRY_IN, col);
		double out = cellv(r, t, GK_T2_TOTAL, col) + cellv(r, t, GK_T2_CARRY_OUT, col);
		if (fabs(in - out) > EPS) {
			struct gk_report_finding *f = add(c, r, GK_SEV_ERROR, "table2-balance",
							  t->row_tstart[GK_T2_CARRY_OUT], t->row_tend[GK_T2_CARRY_OUT]);
			if (!f)
				return;
			f->message = arena_printf(c,
				"“%s”栏：第一项加第二项为%.0f+%.0f=%.0f，而第三项（七）总计加第四项为%.0f+%.0f=%.0f"
				"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
				t2_col_names[col], cellv(r, t, GK_T2_NEW, col), cellv(r, t, GK_T2_CARRY_IN, col), in,
				cellv(r, t, GK_T2_TOTAL, col), cellv(r, t, GK_T2_CARRY_OUT, col), out);
			sides(c, f, arena_printf(c, "一＋二（%s）", t2_col_names[col]), in,
			      arena_printf(c, "三（七）＋四（%s）", t2_col_names[col]), out, 0);
			add_fig(c, f, r, t->cell[GK_T2_NEW][col]);
			add_fig(c, f, r, t->cell[GK_T2_CARRY_IN][col]);
			add_fig(c, f, r, t->cell[GK_T2_TOTAL][col]);
			add_fig(c, f, r, t->cell[GK_T2_CARRY_OUT][col]);
		}
	}
}

/* --- Table 1 ----------------------------------------------------------- */

enum t1_kind { T1_COUNT, T1_DELTA, T1_AMOUNT };

/* What a Table 1 cell holds: a count, a signed change (2019 本年增/减) or an
 * amount of money (收费金额, 采购总金额). */
static enum t1_kind t1_kind(int format, int row, int col)
{
	if (format == 2021)
		return row == GK_T1_FEES ? T1_AMOUNT : T1_COUNT;
	if (row == GK_T1_PROCUREMENT)
		return col == 1 ? T1_AMOUNT : T1_COUNT;
	if (row == GK_T1_RULES || row == GK_T1_NORMATIVE)
		return T1_COUNT;
	return col == 1 ? T1_DELTA : T1_COUNT;
}

static void check_table1(struct checker *c, struct gk_report *r)
{
	const struct gk_report_table1 *t = &r->table1;
	if (!t->format)
		return;
	for (int row = 0; row < GK_T1_NROWS; row++) {
		if (!t->have[row])
			continue;
		const char *rn = gk_report_t1_row_name(t->format, row);
		for (int col = 0; col < gk_report_t1_cols(t->format, row); col++) {
			const struct gk_report_figure *F = &r->figures[t->cell[row][col]];
			enum t1_kind k = t1_kind(t->format, row, col);
			bool fraction = k != T1_AMOUNT && F->decimals > 0 && fabs(F->value - round(F->value)) > EPS;
			bool negative = k != T1_DELTA && F->value < -EPS;
			if (!fraction && !negative)
				continue;
			struct gk_report_finding *f = add(c, r, GK_SEV_ERROR, "table1-value", t->row_tstart[row], t->row_tend[row]);
			if (!f)
				return;
			const char *cn = gk_report_t1_col_name(t->format, row, col);
			f->message = arena_printf(c, "“%s”行“%s”为%.*f，%s", rn, cn, F->decimals, F->value,
						  k == T1_AMOUNT ? "金额不应为负数" : "件数应为非负整数");
			sides(c, f, arena_printf(c, "%s·%s", rn, cn), F->value, k == T1_AMOUNT ? "金额下限" : "件数下限", 0,
			      F->decimals);
			add_fig(c, f, r, t->cell[row][col]);
		}
		/* 2019: 上一年项目数量 + 本年增/减 is this year's number of items */
		if (t->format == 2019 && t1_kind(2019, row, 1) == T1_DELTA) {
			double before = r->figures[t->cell[row][0]].value, delta = r->figures[t->cell[row][1]].value;
			if (before + delta < -EPS) {
				struct gk_report_finding *f = add(c, r, GK_SEV_ERROR, "table1-value", t->row_tstart[row],
								  t->row_tend[row]);
				if (!f)
					return;
				f->message = arena_printf(c, "“%s”行：上一年项目数量为%.0f，本年增/减为%.0f，本年项目数量将为负数",
							  rn, before, delta);
				sides(c, f, "上一年项目数量＋本年增/减", before + delta, "项目数量下限", 0, 0);
				add_fig(c, f, r, t->cell[row][0]);
				add_fig(c, f, r, t->cell[row][1]);
			}
		}
	}
}

/* With the previous year's report: the 现行有效 chain (2021 format) and the
 * item counts (2019 format). Warnings: amendments, documents expiring by
 * their own terms and re-counted items make small differences legitimate. */
static void check_table1_previous(struct checker *c, struct gk_report *r, struct gk_report *p)
{
	const struct gk_report_table1 *t = &r->table1, *q = &p->table1;
	if (!t->format || t->format != q->format)
		return;
	for (int row = 0; row < GK_T1_NROWS; row++) {
		if (!t->have[row] || !q->have[row])
			continue;
		const char *rn = gk_report_t1_row_name(t->format, row);
		if (t->format == 2021 && (row == GK_T1_RULES || row == GK_T1_NORMATIVE)) {
			double last = p->figures[q->cell[row][2]].value;
			double made = r->figures[t->cell[row][0]].value, gone = r->figures[t->cell[row][1]].value;
			double now = r->figures[t->cell[row][2]].value;
			if (fabs(last + made - gone - now) < EPS)
				continue;
			struct gk_report_finding *f = add(c, r, GK_SEV_WARNING, "table1-in-force", t->row_tstart[row],
							  t->row_tend[row]);
			if (!f)
				return;
			f->message = arena_printf(c,
				"“%s”行：上年现行有效%.0f件＋本年制发%.0f件－本年废止%.0f件＝%.0f件，而本年现行有效件数为%.0f件"
				"（修改、到期自动失效等情形也会造成差异，请核实）",
				rn, last, made, gone, last + made - gone, now);
			sides(c, f, "上年现行有效＋本年制发－本年废止", last + made - gone, arena_printf(c, "%s·现行有效件数", rn),
			      now, 0);
			add_fig(c, f, r, t->cell[row][0]);
			add_fig(c, f, r, t->cell[row][1]);
			add_fig(c, f, r, t->cell[row][2]);
		} else if (t->format == 2019 && t1_kind(2019, row, 1) == T1_DELTA) {
			double last = p->figures[q->cell[row][0]].value + p->figures[q->cell[row][1]].value;
			double now = r->figures[t->cell[row][0]].value;
			if (fabs(last - now) < EPS)
				continue;
			struct gk_report_finding *f = add(c, r, GK_SEV_WARNING, "table1-items", t->row_tstart[row],
							  t->row_tend[row]);
			if (!f)
				return;
			f->message = arena_printf(c,
				"“%s”行：本年“上一年项目数量”为%.0f，而上年报告中上一年项目数量%.0f加本年增/减%.0f为%.0f",
				rn, now, p->figures[q->cell[row][0]].value, p->figures[q->cell[row][1]].value, last);
			sides(c, f, arena_printf(c, "%s·上一年项目数量", rn), now, "上年报告：上一年项目数量＋本年增/减", last, 0);
			add_fig(c, f, r, t->cell[row][0]);
		}
	}
}

/* --- Table 3 ----------------------------------------------------------- */

static void check_table3(struct checker *c, struct gk_report *r, const struct gk_report_table3 *t)
{
	static const char *const groups[3] = {"行政复议", "行政诉讼·未经复议直接起诉", "行政诉讼·复议后起诉"};
	for (int g = 0; g < 3; g++) {
		bool ok = true;
		for (int k = 0; k < 5; k++)
			ok &= t->cell[g][k] >= 0;
		if (!ok)
			continue;
		double sum = 0;
		for (int k = 0; k < 4; k++)
			sum += r->figures[t->cell[g][k]].value;
		double tot = r->figures[t->cell[g][4]].value;
		if (fabs(sum - tot) > EPS) {
			struct gk_report_finding *f = add(c, r, GK_SEV_ERROR, "table3-total", t->tstart, t->tend);
			if (!f)
				return;
			f->message = arena_printf(c, "%s：结果维持、结果纠正、其他结果、尚未审结之和为%s=%.0f，而总计为%.0f",
						  groups[g], join_values(c, r, t->cell[g], 4), sum, tot);
			sides(c, f, arena_printf(c, "%s：结果维持＋结果纠正＋其他结果＋尚未审结", groups[g]), sum,
			      arena_printf(c, "%s：总计", groups[g]), tot, 0);
			for (int k = 0; k < 5; k++)
				add_fig(c, f, r, t->cell[g][k]);
		}
	}
}

/* --- narrative against the tables -------------------------------------- */

static bool sentence_has(const char *s, size_t n, const char *const *words)
{
	for (; *words; words++)
		if (memmem(s, n, *words, strlen(*words)))
			return true;
	return false;
}

static bool label_has(const struct gk_report_figure *f, const char *kw)
{
	return strstr(f->label, kw) != NULL;
}

static bool label_has_any(const struct gk_report_figure *f, const char *const *kws)
{
	for (; *kws; kws++)
		if (strstr(f->label, *kws))
			return true;
	return false;
}

/* True if the sentence [A, B) names a year other than the report's
 * ("2020年共收到申请30件"): its figures are not this year's table. */
static bool other_year(const struct gk_report *r, size_t a, size_t b)
{
	const char *t = r->text.text;
	for (size_t i = a; i + 7 <= b; i++)
		if (t[i] == '2' && t[i + 1] == '0' && isdigit((unsigned char)t[i + 2]) && isdigit((unsigned char)t[i + 3]) &&
		    (i == a || !isdigit((unsigned char)t[i - 1])) && memcmp(t + i + 4, "年", 3) == 0 &&
		    atoi(t + i) != r->year)
			return true;
	return false;
}

/* What a narrative figure may be compared with: the table's value and up to
 * two other readings of the same words that are also right ("办结" may mean
 * （七）总计 or every application received; "予以公开" sometimes includes
 * 部分公开). */
struct table_value {
	const char *what;
	double want, alt[2];
	int nalt;
	int cells[8];
	int ncells;
};

static void tv_cell(struct table_value *v, int fig)
{
	if (fig >= 0 && v->ncells < 8)
		v->cells[v->ncells++] = fig;
}

/* The 总计 of a Table 2 row; when the report left that cell blank although
 * the row has figures, the sum of its applicant columns. */
static double t2_total(struct gk_report *r, const struct gk_report_table2 *t, int row)
{
	int col = GK_T2_COLS - 1;
	if (t->have[row] && r->figures[t->cell[row][col]].blank) {
		double sum = 0;
		for (int k = 0; k < col; k++)
			sum += cellv(r, t, row, k);
		return sum;
	}
	return cellv(r, t, row, col);
}

/* Σ of Table 2 rows FIRST..LAST in the 总计 column, or the subtotal row SUB;
 * false if neither was read. */
static bool t2_block(struct gk_report *r, const struct gk_report_table2 *t, int first, int last, int sub, double *sum,
		     struct table_value *v)
{
	int col = GK_T2_COLS - 1;
	bool all = true;
	for (int k = first; k <= last; k++)
		all &= t2_cell(t, k, col);
	if (all) {
		*sum = 0;
		for (int k = first; k <= last; k++) {
			*sum += t2_total(r, t, k);
			if (t2_total(r, t, k) != 0)
				tv_cell(v, t->cell[k][col]);
		}
		return true;
	}
	if (sub >= 0 && t2_cell(t, sub, col)) {
		*sum = t2_total(r, t, sub);
		tv_cell(v, t->cell[sub][col]);
		return true;
	}
	return false;
}

/* Words that make a label name something else than one row of the tables. */
static const char *const not_one_row[] = {"率", "复议", "诉讼", "投诉", "咨询", "含", "包括", "以外", "除", "占", NULL};

/* The Table 2 quantity a narrative figure names, if it names one unambiguously. */
static bool t2_quantity(struct gk_report *r, const struct gk_report_table2 *t, const struct gk_report_figure *f,
			bool carry_sentence, struct table_value *v)
{
	int col = GK_T2_COLS - 1;
	unsigned kinds = gk_report_label_kinds(f->label);
	if (label_has_any(f, not_one_row))
		return false;
	bool pub = (label_has(f, "予以公开") && !label_has(f, "不予以公开")) ||
		   (label_has(f, "同意公开") && !label_has(f, "不同意公开"));
	bool part = label_has(f, "部分公开");
	bool refuse = (label_has(f, "不予公开") || label_has(f, "不予以公开") || label_has(f, "不同意公开")) && !part;
	bool cannot = label_has(f, "无法提供");
	bool ignore = label_has(f, "不予处理");
	bool other = label_has(f, "其他处理");
	int categories = pub + (part && !pub) + refuse + cannot + ignore + other;
	if (categories > 1)
		return false;
	if (label_has(f, "上年结转") || label_has(f, "上年度结转") || label_has(f, "结转上年")) {
		if (label_has(f, "下年") || !t2_cell(t, GK_T2_CARRY_IN, col))
			return false;
		v->what = "二、上年结转政府信息公开申请数量";
		v->want = t2_total(r, t, GK_T2_CARRY_IN);
		tv_cell(v, t->cell[GK_T2_CARRY_IN][col]);
		return true;
	}
	if (label_has(f, "结转") && (label_has(f, "下年") || label_has(f, "下一年") || label_has(f, "次年"))) {
		if (!t2_cell(t, GK_T2_CARRY_OUT, col))
			return false;
		v->what = "四、结转下年度继续办理";
		v->want = t2_total(r, t, GK_T2_CARRY_OUT);
		tv_cell(v, t->cell[GK_T2_CARRY_OUT][col]);
		return true;
	}
	if (pub) {
		if (!t2_cell(t, GK_T2_PUBLIC, col) || !t2_cell(t, GK_T2_PARTIAL, col) || label_has(f, "主动公开"))
			return false;
		double a = t2_total(r, t, GK_T2_PUBLIC), b = t2_total(r, t, GK_T2_PARTIAL);
		v->what = part ? "（一）予以公开＋（二）部分公开" : "（一）予以公开";
		v->want = part ? a + b : a;
		v->alt[v->nalt++] = a + b; /* "同意公开" read as both */
		tv_cell(v, t->cell[GK_T2_PUBLIC][col]);
		tv_cell(v, t->cell[GK_T2_PARTIAL][col]);
		return true;
	}
	if (part) {
		if (!t2_cell(t, GK_T2_PARTIAL, col))
			return false;
		v->what = "（二）部分公开";
		v->want = t2_total(r, t, GK_T2_PARTIAL);
		tv_cell(v, t->cell[GK_T2_PARTIAL][col]);
		return true;
	}
	if (refuse) {
		v->what = "（三）不予公开";
		return t2_block(r, t, GK_T2_W1, GK_T2_W8, GK_T2_SUB_W, &v->want, v);
	}
	if (cannot) {
		v->what = "（四）无法提供";
		return t2_block(r, t, GK_T2_U1, GK_T2_U3, GK_T2_SUB_U, &v->want, v);
	}
	if (ignore) {
		v->what = "（五）不予处理";
		return t2_block(r, t, GK_T2_N1, GK_T2_N5, GK_T2_SUB_N, &v->want, v);
	}
	if (other) {
		v->what = "（六）其他处理";
		if (t2_block(r, t, GK_T2_O1, GK_T2_O3, -1, &v->want, v))
			return true;
		if (!t2_cell(t, GK_T2_OTHER, col))
			return false;
		v->want = t2_total(r, t, GK_T2_OTHER);
		tv_cell(v, t->cell[GK_T2_OTHER][col]);
		return true;
	}
	if (kinds)
		return false;
	if (!carry_sentence && (label_has(f, "收到") || label_has(f, "新收") || label_has(f, "受理")) &&
	    label_has(f, "申请") && t2_cell(t, GK_T2_NEW, col)) {
		v->what = "一、本年新收政府信息公开申请数量";
		v->want = t2_total(r, t, GK_T2_NEW);
		tv_cell(v, t->cell[GK_T2_NEW][col]);
		if (t2_cell(t, GK_T2_CARRY_IN, col)) {
			v->alt[v->nalt++] = v->want + t2_total(r, t, GK_T2_CARRY_IN);
			tv_cell(v, t->cell[GK_T2_CARRY_IN][col]);
		}
		return true;
	}
	if ((label_has(f, "办结") || label_has(f, "答复")) && !label_has(f, "办理中") && t2_cell(t, GK_T2_TOTAL, col)) {
		v->what = "三、本年度办理结果（七）总计";
		v->want = t2_total(r, t, GK_T2_TOTAL);
		tv_cell(v, t->cell[GK_T2_TOTAL][col]);
		if (t2_cell(t, GK_T2_NEW, col)) {
			double n = t2_total(r, t, GK_T2_NEW);
			v->alt[v->nalt++] = n;
			if (t2_cell(t, GK_T2_CARRY_IN, col))
				v->alt[v->nalt++] = n + t2_total(r, t, GK_T2_CARRY_IN);
		}
		return true;
	}
	return false;
}

/* Table 3 quantities: the 行政复议 and 行政诉讼 totals, and the 维持 / 纠正 /
 * 尚未审结 parts of a narrative group whose total is one of them. */
static bool t3_quantity(struct gk_report *r, const struct gk_report_table3 *t3, int fi, struct table_value *v)
{
	const struct gk_report_figure *F = r->figures, *f = &F[fi];
	unsigned kinds = gk_report_label_kinds(f->label);
	if (label_has(f, "率") || label_has(f, "含") || label_has(f, "投诉"))
		return false;
	if (label_has(f, "行政复议") && !label_has(f, "诉讼") && !label_has(f, "复议后") && kinds == 0) {
		if (t3->cell[0][4] < 0)
			return false;
		v->what = "行政复议·总计";
		v->want = F[t3->cell[0][4]].value;
		tv_cell(v, t3->cell[0][4]);
		return true;
	}
	if (label_has(f, "行政诉讼") && !label_has(f, "复议") && kinds == 0) {
		if (t3->cell[1][4] < 0 || t3->cell[2][4] < 0)
			return false;
		double a = F[t3->cell[1][4]].value, b = F[t3->cell[2][4]].value;
		v->what = "行政诉讼·总计（未经复议直接起诉＋复议后起诉）";
		v->want = a + b;
		v->alt[v->nalt++] = a;
		tv_cell(v, t3->cell[1][4]);
		tv_cell(v, t3->cell[2][4]);
		return true;
	}
	/* a part of a review group: which group and which result */
	for (int g = 0; g < r->ngroups; g++) {
		const struct gk_report_group *G = &r->groups[g];
		if (G->kind != GK_KIND_REVIEW || !G->total_nearby)
			continue;
		bool part = false;
		for (int k = 0; k < G->nparts; k++)
			part |= G->parts[k] == fi;
		if (!part)
			continue;
		const char *tl = F[G->total].label;
		bool review = strstr(tl, "复议") && !strstr(tl, "诉讼");
		bool suit = strstr(tl, "诉讼") && !strstr(tl, "复议");
		int res = -1;
		if (label_has(f, "维持") || label_has(f, "驳回"))
			res = 0;
		else if (label_has(f, "纠错") || label_has(f, "纠正") || label_has(f, "撤销") || label_has(f, "确认违法"))
			res = 1;
		else if (label_has(f, "尚未审结") || label_has(f, "未审结") || label_has(f, "审理中"))
			res = 3;
		if (res < 0 || label_has(f, "其他") || (!review && !suit))
			return false;
		static const char *const names[2][4] = {
			{"行政复议·结果维持", "行政复议·结果纠正", "", "行政复议·尚未审结"},
			{"行政诉讼·结果维持（两类起诉之和）", "行政诉讼·结果纠正（两类起诉之和）", "", "行政诉讼·尚未审结（两类起诉之和）"},
		};
		if (review) {
			if (t3->cell[0][res] < 0)
				return false;
			v->want = F[t3->cell[0][res]].value;
			tv_cell(v, t3->cell[0][res]);
		} else {
			if (t3->cell[1][res] < 0 || t3->cell[2][res] < 0)
				return false;
			v->want = F[t3->cell[1][res]].value + F[t3->cell[2][res]].value;
			v->alt[v->nalt++] = F[t3->cell[1][res]].value;
			tv_cell(v, t3->cell[1][res]);
			tv_cell(v, t3->cell[2][res]);
		}
		v->what = names[suit][res];
		return true;
	}
	return false;
}

static void check_text_vs_tables(struct checker *c, struct gk_report *r)
{
	if (r->ntable2 != 1 && r->ntable3 != 1)
		return; /* several tables: which one a sentence means is unclear */
	const struct gk_report_table2 *t = r->ntable2 == 1 ? &r->table2[0] : NULL;
	const struct gk_report_table3 *t3 = r->ntable3 == 1 ? &r->table3[0] : NULL;
	static const char *const compare[] = {"同比", "去年", "较上年", "比上年", "上年同期", "上一年", "上年度同期",
					      "历年", "累计", "以来", NULL};
	for (int i = 0; i < r->nfigures; i++) {
		const struct gk_report_figure *f = &r->figures[i];
		if (f->source != GK_FIG_TEXT || f->approx || f->percent || strcmp(f->unit, "件") != 0)
			continue;
		const struct gk_report_sentence *s = sentence_of(r, i);
		if (!s)
			continue;
		const char *st = r->text.text + s->tstart;
		size_t sn = s->tend - s->tstart;
		if (sentence_has(st, sn, compare) || (r->year && other_year(r, s->tstart, s->tend)))
			continue;
		bool carry = memmem(st, sn, "结转", strlen("结转")) != NULL;
		struct table_value v = {0};
		bool found = (t && t2_quantity(r, t, f, carry, &v)) || (t3 && t3_quantity(r, t3, i, &v));
		if (!found || fabs(f->value - v.want) < EPS)
			continue;
		bool alt = false;
		for (int k = 0; k < v.nalt; k++)
			alt |= fabs(f->value - v.alt[k]) < EPS;
		if (alt)
			continue;
		struct gk_report_finding *fd = add(c, r, GK_SEV_WARNING, "text-table", s->tstart, s->tend);
		if (!fd)
			return;
		fd->message = arena_printf(c, "正文称“%s”%.0f件，而统计表中“%s”为%.0f", f->label, f->value, v.what, v.want);
		sides(c, fd, f->label, f->value, v.what, v.want, 0);
		add_fig(c, fd, r, i);
		for (int k = 0; k < v.ncells; k++)
			add_fig(c, fd, r, v.cells[k]);
	}
}

/* --- years and dates --------------------------------------------------- */

static const char *const future_words[] = {"将", "计划", "拟", "预计", "力争", "争取", "下一步", "明年", "届时", "部署", "安排", "要求", NULL};

static int count_figures(struct gk_report *r, const struct gk_report_sentence *s)
{
	int n = 0;
	for (int i = s->first; i < s->first + s->count; i++) {
		const struct gk_report_figure *f = &r->figures[i];
		if (f->source == GK_FIG_TEXT && !f->percent && !f->approx)
			n++;
	}
	return n;
}

static void check_years(struct checker *c, struct gk_report *r)
{
	if (!r->year)
		return;
	for (int si = 0; si < r->nsentences; si++) {
		const struct gk_report_sentence *s = &r->sentences[si];
		const char *t = r->text.text;
		size_t a = s->tstart, b = s->tend;
		/* skip an enumerator and "在" before the year */
		for (int pass = 0; pass < 3; pass++) {
			while (a < b && (t[a] == ' ' || t[a] == '\t' || t[a] == '\n'))
				a++;
			if (b - a >= 9 && memcmp(t + a, "（", 3) == 0) {
				const char *close = memmem(t + a, b - a < 30 ? b - a : 30, "）", 3);
				if (close && close - (t + a) <= 12)
					a = (size_t)(close - t) + 3;
			} else if (b - a >= 3 && memcmp(t + a, "在", 3) == 0) {
				a += 3;
			} else if (b - a >= 9 && memcmp(t + a + 3, "是", 3) == 0 && (unsigned char)t[a] >= 0xE4) {
				a += 6; /* 一是 */
			} else if (b - a >= 2 && t[a] >= '0' && t[a] <= '9' && (t[a + 1] == '.' || !memcmp(t + a + 1, "．", 3))) {
				a += t[a + 1] == '.' ? 2 : 4;
			}
		}
		if (b - a < 7)
			continue;
		bool digits = true;
		for (int k = 0; k < 4; k++)
			digits &= t[a + k] >= '0' && t[a + k] <= '9';
		if (!digits || memcmp(t + a + 4, "年", 3) != 0)
			continue;
		int y = atoi(t + a);
		if (y == r->year || y < r->year - 10 || y > r->year + 1)
			continue;
		size_t k = a + 7;
		if (b - k >= 3 && memcmp(t + k, "度", 3) == 0)
			k += 3;
		static const char *const not_subject[] = {"以来", "起", "至", "到", "底", "末", "初", "前", "后", "的", "同期",
							  "相比", "以前", "之前", "及", "和", "、", "-", "—", "第", "上半年",
							  "下半年", "年", NULL};
		bool bad = false;
		for (const char *const *w = not_subject; *w; w++)
			if (b - k >= strlen(*w) && memcmp(t + k, *w, strlen(*w)) == 0)
				bad = true;
		if (k < b && t[k] >= '0' && t[k] <= '9')
			bad = true; /* a date: 2016年3月 */
		if (bad || count_figures(r, s) == 0)
			continue;
		if (sentence_has(t + s->tstart, s->tend - s->tstart, future_words))
			continue;
		struct gk_report_finding *f = add(c, r, GK_SEV_WARNING, "year-mismatch", s->tstart, s->tend);
		if (!f)
			return;
		f->message = arena_printf(c, "%d年度报告中出现%d年的数字", r->year, y);
		sides(c, f, "所述年份", y, "报告年度", r->year, 0);
		for (int i = s->first; i < s->first + s->count; i++)
			add_fig(c, f, r, i);
	}
}

static long day_of(struct gk_date d)
{
	return gk_date_to_days(d);
}

static void check_dates(struct checker *c, struct gk_report *r)
{
	const char *t = r->text.text;
	size_t n = r->text.text_len;
	if (r->have_published && r->have_signed && day_of(r->signed_on) > day_of(r->published)) {
		struct gk_report_finding *f = add(c, r, GK_SEV_WARNING, "date-after-publication", r->signed_tstart, r->signed_tend);
		if (f) {
			char a[11], b[11];
			f->message = arena_printf(c, "报告落款日期%s晚于发布日期%s", gk_date_format(r->signed_on, a),
						  gk_date_format(r->published, b));
			sides(c, f, "落款日期", day_of(r->signed_on), "发布日期", day_of(r->published), 0);
		}
	}
	struct gk_date pub;
	size_t pub_at;
	if (r->have_published) {
		pub = r->published;
		pub_at = r->published_tstart;
	} else if (r->have_signed) {
		pub = r->signed_on;
		pub_at = r->signed_tstart;
	} else {
		return;
	}
	if (r->year && day_of(pub) <= day_of((struct gk_date){r->year, 12, 31})) {
		struct gk_report_finding *f = add(c, r, GK_SEV_WARNING, "published-before-year-end", pub_at, pub_at + 10 < n ? pub_at + 10 : n);
		if (f) {
			char a[11];
			f->message = arena_printf(c, "%d年度报告的日期为%s，早于该年度结束", r->year, gk_date_format(pub, a));
			sides(c, f, "发布日期", day_of(pub), "报告年度最后一天", day_of((struct gk_date){r->year, 12, 31}), 0);
		}
	}
	for (int si = 0; si < r->nsentences; si++) {
		const struct gk_report_sentence *s = &r->sentences[si];
		if (sentence_has(t + s->tstart, s->tend - s->tstart, future_words))
			continue;
		for (size_t i = s->tstart; i + 8 <= s->tend; i++) {
			if (t[i] < '0' || t[i] > '9' || (i > 0 && t[i - 1] >= '0' && t[i - 1] <= '9'))
				continue;
			if (i == pub_at || (r->have_signed && i == r->signed_tstart) ||
			    (r->have_published && i == r->published_tstart))
				continue;
			struct gk_date d;
			size_t used = gk_report_parse_date(t + i, s->tend - i, &d);
			if (!used)
				continue;
			/* inside 《…》: a title */
			const char *open = NULL;
			for (size_t k = s->tstart; k + 3 <= i; k++) {
				if (!memcmp(t + k, "《", 3))
					open = t + k;
				else if (!memcmp(t + k, "》", 3))
					open = NULL;
			}
			if (open || day_of(d) <= day_of(pub))
				continue;
			struct gk_report_finding *f = add(c, r, GK_SEV_WARNING, "date-after-publication", s->tstart, s->tend);
			if (!f)
				return;
			char a[11], b[11];
			f->message = arena_printf(c, "正文提及的日期%s晚于报告发布日期%s", gk_date_format(d, a),
						  gk_date_format(pub, b));
			sides(c, f, "正文中的日期", day_of(d), "发布日期", day_of(pub), 0);
			i += used - 1;
		}
	}
}

static void check_sections(struct checker *c, struct gk_report *r)
{
	if (!r->stated_parts || r->nheadings < 3 || r->nheadings == r->stated_parts)
		return;
	struct gk_report_finding *f = add(c, r, GK_SEV_WARNING, "section-count", r->stated_tstart, r->stated_tend);
	if (!f)
		return;
	f->message = arena_printf(c, "报告称由%d部分组成，而正文有%d个一级标题（一至%s）", r->stated_parts, r->nheadings,
				  r->nheadings <= 10 ? (const char *const[]){"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}[r->nheadings] : "…");
	sides(c, f, "所称部分数", r->stated_parts, "一级标题数", r->nheadings, 0);
}

/* --- across two reports ------------------------------------------------ */

static int find_text_figure(struct gk_report *r, const char *kw, const char *not)
{
	for (int i = 0; i < r->nfigures; i++) {
		const struct gk_report_figure *f = &r->figures[i];
		if ((f->source == GK_FIG_TEXT || f->source == GK_FIG_STAT) && !f->percent && !f->approx &&
		    strcmp(f->unit, "件") == 0 && strstr(f->label, kw) && !(not && strstr(f->label, not)))
			return i;
	}
	return -1;
}

static void check_previous(struct checker *c, struct gk_report *r, struct gk_report *p)
{
	if (r->year && p->year && p->year != r->year - 1) {
		struct gk_report_finding *f = add(c, r, GK_SEV_WARNING, "previous-year", 0, r->text.lines[0].len);
		if (f) {
			f->message = arena_printf(c, "所附上年报告为%d年度，应为%d年度", p->year, r->year - 1);
			sides(c, f, "上年报告的年度", p->year, "本报告的上一年度", r->year - 1, 0);
		}
	}
	check_table1_previous(c, r, p);
	if (c->oom)
		return;
	if (r->ntable2 >= 1 && p->ntable2 >= 1) {
		const struct gk_report_table2 *t = &r->table2[0], *q = &p->table2[0];
		for (int col = 0; col < GK_T2_COLS; col++) {
			if (!t2_cell(t, GK_T2_CARRY_IN, col) || !t2_cell(q, GK_T2_CARRY_OUT, col))
				continue;
			double now = cellv(r, t, GK_T2_CARRY_IN, col), then = cellv(p, q, GK_T2_CARRY_OUT, col);
			if (fabs(now - then) < EPS)
				continue;
			struct gk_report_finding *f = add(c, r, GK_SEV_ERROR, "carry-over", t->row_tstart[GK_T2_CARRY_IN],
							  t->row_tend[GK_T2_CARRY_IN]);
			if (!f)
				return;
			f->message = arena_printf(c, "“%s”栏：本年“二、上年结转”为%.0f，而上年报告“四、结转下年度继续办理”为%.0f",
						  t2_col_names[col], now, then);
			sides(c, f, arena_printf(c, "二、上年结转（%s）", t2_col_names[col]), now,
			      arena_printf(c, "上年报告：四、结转下年度继续办理（%s）", t2_col_names[col]), then, 0);
			add_fig(c, f, r, t->cell[GK_T2_CARRY_IN][col]);
			struct gk_report_finding_figure *pf = f->nfigures < MAX_FIGS ? &f->figures[f->nfigures] : NULL;
			add_fig(c, f, p, q->cell[GK_T2_CARRY_OUT][col]);
			if (pf)
				pf->label = "上年报告：结转下年度继续办理";
		}
		return;
	}
	/* narrative reports: "上年结转N件" against "结转下年度N件" */
	int now = find_text_figure(r, "上年结转", NULL);
	int then = find_text_figure(p, "结转下年", NULL);
	if (then < 0)
		then = find_text_figure(p, "结转至", NULL);
	if (now < 0 || then < 0)
		return;
	double a = r->figures[now].value, b = p->figures[then].value;
	if (fabs(a - b) < EPS)
		return;
	const struct gk_report_sentence *s = sentence_of(r, now);
	struct gk_report_finding *f = add(c, r, GK_SEV_ERROR, "carry-over", s ? s->tstart : r->figures[now].tstart,
					  s ? s->tend : r->figures[now].tend);
	if (!f)
		return;
	f->message = arena_printf(c, "本年上年结转%.0f件，而上年报告结转下年度%.0f件", a, b);
	sides(c, f, r->figures[now].label, a, "上年报告：结转下年度", b, 0);
	add_fig(c, f, r, now);
}

/* --- the run ----------------------------------------------------------- */

static int by_position(const void *x, const void *y)
{
	const struct gk_report_finding *a = x, *b = y;
	if ((a->file != NULL) != (b->file != NULL))
		return a->file ? 1 : -1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->severity != b->severity)
		return a->severity == GK_SEV_ERROR ? -1 : 1;
	return strcmp(a->relation, b->relation);
}

enum gk_err gk_report_check_parsed(struct gk_report *r, struct gk_report *prev,
				   struct gk_report_result **out, struct gk_error *err)
{
	*out = NULL;
	struct gk_report_result *res = calloc(1, sizeof *res);
	if (!res)
		return gk_fail(err, GK_ENOMEM, "out of memory checking the report");
	struct checker c = {.r = r, .prev = prev, .res = res};
	for (int g = 0; g < r->ngroups && !c.oom; g++)
		check_group(&c, r, &r->groups[g]);
	check_pub_channels(&c, r);
	check_table1(&c, r);
	for (int i = 0; i < r->ntable2 && !c.oom; i++)
		check_table2(&c, r, &r->table2[i]);
	for (int i = 0; i < r->ntable3 && !c.oom; i++)
		check_table3(&c, r, &r->table3[i]);
	if (!c.oom)
		check_text_vs_tables(&c, r);
	if (!c.oom)
		check_years(&c, r);
	if (!c.oom)
		check_dates(&c, r);
	if (!c.oom)
		check_sections(&c, r);
	if (prev && !c.oom)
		check_previous(&c, r, prev);
	res->text = malloc(r->text.src_len + 1);
	if (c.oom || !res->text) {
		free(c.f);
		gk_report_result_free(res);
		return gk_fail(err, GK_ENOMEM, "out of memory checking the report");
	}
	memcpy(res->text, r->text.src, r->text.src_len + 1);
	res->text_len = r->text.src_len;
	res->year = r->year;
	res->table1_format = r->table1.format;
	res->encoding = r->text.encoding;
	res->format = r->text.format;
	res->nfigures = r->nfigures;
	res->ntables = r->ntable2 + r->ntable3 + (r->table1.format != 0);
	if (c.n)
		qsort(c.f, c.n, sizeof *c.f, by_position);
	res->findings = c.f;
	res->nfindings = (int)c.n;
	for (size_t i = 0; i < c.n; i++) {
		if (c.f[i].severity == GK_SEV_ERROR)
			res->nerrors++;
		else
			res->nwarnings++;
	}
	*out = res;
	return GK_OK;
}

enum gk_err gk_report_check(const char *data, size_t len, const char *prev, size_t prev_len,
			    struct gk_report_result **out, struct gk_error *err)
{
	*out = NULL;
	struct gk_report *r = gk_report_parse(data, len, err);
	if (!r)
		return err ? err->code : GK_EINVAL;
	struct gk_report *p = NULL;
	if (prev) {
		struct gk_error perr = {0};
		p = gk_report_parse(prev, prev_len, &perr);
		if (!p) {
			gk_report_free(r);
			return gk_fail(err, perr.code, "previous report: %s", gk_error_text(&perr));
		}
	}
	enum gk_err rc = gk_report_check_parsed(r, p, out, err);
	gk_report_free(p);
	gk_report_free(r);
	return rc;
}

void gk_report_result_free(struct gk_report_result *res)
{
	if (!res)
		return;
	gk_arena_release(&res->arena);
	free(res->findings);
	free(res->text);
	free(res);
}

/* --- output -------------------------------------------------------------- */

enum gk_err gk_report_result_text(const struct gk_report_result *res, const char *name, struct gk_buf *out)
{
	if (!name)
		name = "report";
	for (int i = 0; i < res->nfindings; i++) {
		const struct gk_report_finding *f = &res->findings[i];
		gk_buf_printf(out, "%s%s:%d: %s: %s [%s]\n", name, f->file ? "（上年报告）" : "", f->line,
			      gk_report_severity_label(f->severity), f->message, f->relation);
		if (f->left_label[0] || f->right_label[0])
			gk_buf_printf(out, "    %s = %.*f\n    %s = %.*f\n", f->left_label, f->decimals, f->left,
				      f->right_label, f->decimals, f->right);
		gk_buf_printf(out, "    > %s\n", f->quote);
	}
	if (res->nfindings)
		gk_buf_printf(out, "%s: 发现%d处问题（错误%d处，疑问%d处）\n", name, res->nfindings, res->nerrors,
			      res->nwarnings);
	else if (res->nfigures == 0)
		gk_buf_printf(out, "%s: 未读到任何数字，未作检查\n", name);
	else
		gk_buf_printf(out, "%s: 未发现问题（读取数字%d个%s）\n", name, res->nfigures,
			      res->ntables ? "，含统计表" : "");
	return out->failed ? (enum gk_err)out->failed : GK_OK;
}

static json_t *jnum(double v)
{
	if (fabs(v - round(v)) < 1e-9 && fabs(v) < 9e15)
		return json_integer((json_int_t)llround(v));
	return json_real(v);
}

json_t *gk_report_result_json(const struct gk_report_result *res, const char *name)
{
	json_t *root = json_object();
	json_t *list = json_array();
	if (!root || !list) {
		json_decref(root);
		json_decref(list);
		return NULL;
	}
	int bad = 0;
	if (name)
		bad |= json_object_set_new(root, "file", json_string(name));
	bad |= json_object_set_new(root, "year", res->year ? json_integer(res->year) : json_null());
	bad |= json_object_set_new(root, "encoding", json_string(res->encoding));
	bad |= json_object_set_new(root, "format", json_string(res->format));
	bad |= json_object_set_new(root, "figures", json_integer(res->nfigures));
	bad |= json_object_set_new(root, "tables", json_integer(res->ntables));
	bad |= json_object_set_new(root, "errors", json_integer(res->nerrors));
	bad |= json_object_set_new(root, "warnings", json_integer(res->nwarnings));
	for (int i = 0; i < res->nfindings && !bad; i++) {
		const struct gk_report_finding *f = &res->findings[i];
		json_t *figs = json_array();
		for (int k = 0; figs && k < f->nfigures; k++) {
			const struct gk_report_finding_figure *g = &f->figures[k];
			bad |= json_array_append_new(figs, json_pack("{s:s, s:o, s:s, s:i, s:I, s:I}", "label", g->label,
								     "value", jnum(g->value), "unit", g->unit, "line",
								     g->line, "start", (json_int_t)g->start, "end",
								     (json_int_t)g->end));
		}
		json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:i, s:I, s:I, s:s, s:{s:s, s:o}, s:{s:s, s:o}, s:o}",
				      "severity", gk_report_severity_name(f->severity), "severity_label",
				      gk_report_severity_label(f->severity), "relation", f->relation,
				      "message", f->message, "line", f->line, "start", (json_int_t)f->start, "end",
				      (json_int_t)f->end, "quote", f->quote, "left", "label", f->left_label, "value",
				      jnum(f->left), "right", "label", f->right_label, "value", jnum(f->right),
				      "figures", figs ? figs : json_array());
		if (o && f->file)
			json_object_set_new(o, "report", json_string("previous"));
		bad |= !o || json_array_append_new(list, o);
	}
	bad |= json_object_set_new(root, "findings", list);
	if (bad) {
		json_decref(root);
		return NULL;
	}
	return root;
}
