/* Figures: numbers with their units and labels, from sentences and from the rows of a 统计表. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report/figures.h"
#include "core/report/words.h"

static const char *const units[] = {
	/* longest first; each is a unit of a count or amount */
	"件次", "人次", "万元", "场次", "个", "件", "条", "次", "篇", "人", "期",
	"场",   "项",   "份",   "页",   "起", "家", "元", "批", "类", "户", NULL,
};

/* Words after a number that make it something other than a count. */
static const char *const not_units[] = {"个百分点", "个工作日", "个月",   "个小时", "个县",
					"个乡",     "个部门",   "个单位", "个政务", "个栏目",
					"个专栏",   "个网站",   "个点",   "个公开", NULL};

static const char *const approx_before[] = {"约",   "近",   "逾",   "超过", "超",   "达到", "不足",
					    "不到", "以上", "至少", "最多", "上千", "上百", NULL};

static const char *const label_lead[] = {
	"其中：", "其中:", "其中，", "其中", "其余", "另有",   "另外", "此外", "同时", "以及",
	"合计",   "总计",  "累计",   "共计", "共",   "全年共", "全年", "并",   "及",   "和",
	"与",     "为",    "有",     "是",   "的",   "计",     " ",    NULL,
};

static const char *const label_trail[] = {
	"共计", "合计", "总计", "累计", "共",     "计",   "达到", "达",   "约为",
	"约",   "近",   "超过", "逾",   "分别为", "均为", "数为", "量为", "共为",
	"有",   "是",   "的",   "了",   "数量",   " ",    NULL,
};

const char *gk_report_clean_label(struct gk_arena *a, const char *s, size_t n)
{
	bool changed = true;
	while (changed && n) {
		changed = false;
		for (const char *const *p = label_lead; *p; p++) {
			size_t k = strlen(*p);
			if (k < n && memcmp(s, *p, k) == 0) {
				s += k;
				n -= k;
				changed = true;
			}
		}
		for (const char *const *p = label_trail; *p; p++) {
			size_t k = strlen(*p);
			if (k < n && memcmp(s + n - k, *p, k) == 0) {
				n -= k;
				changed = true;
			}
		}
	}
	const char *out = gk_report_copy_clean(a, s, n);
	return out ? out : "";
}

struct gk_report_figure *gk_report_new_figure(struct gk_report_parser *p, size_t ts, size_t te)
{
	struct gk_report_figure *f = gk_report_vec_push(&p->figs);
	if (!f) {
		p->oom = true;
		return NULL;
	}
	f->tstart = ts;
	f->tend = te;
	f->start = gk_report_text_src_start(&p->r->text, ts);
	f->end = gk_report_text_src_end(&p->r->text, te);
	f->line = gk_report_text_src_lineno(&p->r->text, f->start);
	f->sentence = (int)p->sents.n - 1;
	f->section = (int)p->heads.n - 1;
	f->unit = "";
	f->label = "";
	return f;
}

/* Parses a plain decimal number at S[i..hi) (with "," thousands). Returns the
 * end, or I if there is none. */
size_t gk_report_parse_number(const char *s, size_t i, size_t hi, double *value, int *decimals)
{
	size_t k = i;
	double v = 0;
	*decimals = 0;
	while (k < hi && gk_report_is_digit(s[k])) {
		v = v * 10 + (s[k] - '0');
		k++;
		if (k + 3 < hi && s[k] == ',' && gk_report_is_digit(s[k + 1]) &&
		    gk_report_is_digit(s[k + 2]) && gk_report_is_digit(s[k + 3]) &&
		    (k + 4 >= hi || !gk_report_is_digit(s[k + 4])))
			k++;
		if (k - i > 15)
			return i;
	}
	if (k == i)
		return i;
	if (k + 1 < hi && s[k] == '.' && gk_report_is_digit(s[k + 1])) {
		k++;
		double scale = 0.1;
		while (k < hi && gk_report_is_digit(s[k])) {
			v += (s[k] - '0') * scale;
			scale /= 10;
			(*decimals)++;
			k++;
			if (*decimals > 8)
				return i;
		}
	}
	*value = v;
	return k;
}

/* A number in Chinese numerals at S[0..N) (三, 十二, 一百零五, 两, 一千二百三十四,
 * 一万零五), storing its byte length in *USED. Returns -1 when there is none or
 * it is not one plain number ("二三十" is a range, "十几" vague). */
static double cn_count(const char *s, size_t n, size_t *used)
{
	static const char *const digits[] = {"零", "一", "二", "三", "四", "五",
					     "六", "七", "八", "九", NULL};
	double total = 0, section = 0;
	int digit = -1, last_mult = 100000;
	size_t i = 0;
	bool any = false;
	while (i + 3 <= n) {
		int d = -1;
		for (int k = 0; digits[k]; k++)
			if (memcmp(s + i, digits[k], 3) == 0)
				d = k;
		if (d < 0 && (memcmp(s + i, "两", 3) == 0 || memcmp(s + i, "〇", 3) == 0))
			d = memcmp(s + i, "两", 3) == 0 ? 2 : 0;
		int mult = memcmp(s + i, "十", 3) == 0   ? 10
			   : memcmp(s + i, "百", 3) == 0 ? 100
			   : memcmp(s + i, "千", 3) == 0 ? 1000
			   : memcmp(s + i, "万", 3) == 0 ? 10000
							 : 0;
		if (d < 0 && !mult)
			break;
		if (d == 0) {
			if (digit > 0)
				return -1; /* "二〇一七": a year, not a count */
			digit = -1;
		} else if (d > 0) {
			if (digit > 0)
				return -1; /* "二三十件": a range */
			digit = d;
		} else if (mult == 10000) {
			if (!any)
				return -1;
			total = (section + (digit > 0 ? digit : 0)) * 10000;
			section = 0;
			digit = -1;
			last_mult = 100000;
		} else {
			if (mult >= last_mult)
				return -1;
			section += (digit > 0 ? digit
					      : (mult == 10 && !any ? 1
						 : digit == 0       ? 0
								    : -1000000)) *
				   mult;
			if (section < 0)
				return -1;
			digit = -1;
			last_mult = mult;
		}
		any = true;
		i += 3;
		if (i > 45)
			return -1;
	}
	*used = i;
	if (!any)
		return -1;
	return total + section + (digit > 0 ? digit : 0);
}

/* Characters before a Chinese numeral that make it an ordinal, a set phrase
 * or vague (第三次, 每一件, 统一, 进一步, 某一项, 前两次). */
static const char *const cn_not_before[] = {
	"第", "每", "统", "唯", "同", "逐", "初", "周", "期", "其", "之", "任", "单",
	"专", "进", "某", "几", "数", "这", "那", "哪", "各", "另", "再", "又", "头",
	"前", "后", "上", "下", "次", "星", "零", "〇", "一", "二", "两", "三", "四",
	"五", "六", "七", "八", "九", "十", "百", "千", "万", NULL,
};

/* Units a Chinese numeral may count; others ("一个", "三类", "一起") are too
 * often words. */
static const char *const cn_units[] = {"件次", "人次", "场次", "件", "条", "次",
				       "篇",   "场",   "期",   "项", "份", NULL};

static bool is_cn_lead(const char *s, size_t i, size_t b)
{
	static const char *const lead[] = {"一", "二", "两", "三", "四", "五",
					   "六", "七", "八", "九", "十", NULL};
	if (i + 3 > b || ((unsigned char)s[i] & 0xC0) == 0x80)
		return false;
	for (int k = 0; lead[k]; k++)
		if (memcmp(s + i, lead[k], 3) == 0)
			return true;
	return false;
}

/* Scans sentence [A, B) for numbers followed by a unit. */
void gk_report_scan_figures(struct gk_report_parser *p, size_t a, size_t b)
{
	const char *s = p->s;
	size_t i = a;
	size_t last_end = a;
	while (i < b) {
		double v;
		int dec = 0;
		size_t k;
		if (!gk_report_is_digit(s[i])) {
			if (!is_cn_lead(s, i, b)) {
				i++;
				continue;
			}
			size_t used = 0;
			size_t pl = gk_report_prev_len(s, i, a);
			if (pl && gk_report_is_one_of(s + i - pl, pl, cn_not_before)) {
				i += 3;
				continue;
			}
			v = cn_count(s + i, b - i, &used);
			if (v < 0 || !used) {
				i += used ? used : 3;
				continue;
			}
			k = i + used;
			bool unit_ok = false, approx_next = gk_report_starts(s + k, b - k, "余") ||
							    gk_report_starts(s + k, b - k, "多");
			size_t u = k + (approx_next ? 3 : 0);
			for (const char *const *x = cn_units; *x && !unit_ok; x++)
				if (gk_report_starts(s + u, b - u, *x)) {
					unit_ok = true;
					u += strlen(*x);
				}
			/* a count stands alone: "办理申请三件。", not "一件事", "一次性" */
			size_t nl = gk_report_next_len(s, u, b);
			if (!unit_ok || (u < b && !gk_report_is_clause_mark(s + u, nl))) {
				i = k;
				continue;
			}
		} else {
			char before = i > a ? s[i - 1] : ' ';
			if ((before >= 'A' && before <= 'Z') || (before >= 'a' && before <= 'z') ||
			    before == '.' || before == '-' || before == '/' || before == '_' ||
			    before == '#' || before == '=') {
				while (i < b && (gk_report_is_digit(s[i]) || s[i] == '.'))
					i++;
				continue;
			}
			k = gk_report_parse_number(s, i, b, &v, &dec);
			if (k == i) {
				while (i < b && gk_report_is_digit(s[i]))
					i++;
				continue;
			}
		}
		size_t num_end = k;
		bool approx = false, percent = false;
		const char *unit = NULL;
		/* qualifiers and unit */
		for (int round = 0; round < 4 && k < b; round++) {
			if (s[k] == ' ') {
				k++;
				continue;
			}
			if (gk_report_starts(s + k, b - k, "余") ||
			    gk_report_starts(s + k, b - k, "多")) {
				approx = true;
				k += 3;
				continue;
			}
			if (gk_report_starts(s + k, b - k, "万") &&
			    !gk_report_starts(s + k, b - k, "万元")) {
				v *= 10000;
				approx = true;
				k += 3;
				continue;
			}
			if (gk_report_starts(s + k, b - k, "亿")) {
				v *= 100000000;
				approx = true;
				k += 3;
				continue;
			}
			break;
		}
		if (k < b && (s[k] == '%' || gk_report_starts(s + k, b - k, "％"))) {
			percent = true;
			unit = "%";
			k += s[k] == '%' ? 1 : 3;
		} else {
			bool excluded = false;
			for (const char *const *u = not_units; *u; u++)
				if (gk_report_starts(s + k, b - k, *u))
					excluded = true;
			if (!excluded)
				for (const char *const *u = units; *u; u++)
					if (gk_report_starts(s + k, b - k, *u)) {
						unit = *u;
						k += strlen(*u);
						break;
					}
		}
		if (!unit || k == num_end) {
			i = num_end;
			continue;
		}
		/* the label: back to the previous clause mark or figure */
		size_t ls = i;
		while (ls > last_end && ls > a) {
			size_t pl = gk_report_prev_len(s, ls, a);
			if (pl == 1 && s[ls - 1] == '\n') { /* a wrapped line inside a paragraph */
				ls--;
				continue;
			}
			if (!pl || gk_report_is_clause_mark(s + ls - pl, pl))
				break;
			ls -= pl;
		}
		for (const char *const *q = approx_before; *q; q++)
			if (gk_report_ends(s + ls, i - ls, *q))
				approx = true;
		struct gk_report_figure *f = gk_report_new_figure(p, i, k);
		if (!f)
			return;
		f->value = v;
		f->decimals = dec;
		f->approx = approx;
		f->percent = percent;
		f->unit = unit;
		f->label = gk_report_clean_label(&p->r->arena, s + ls, i - ls);
		f->source = GK_FIG_TEXT;
		last_end = k;
		i = k;
	}
}

/* --- 统计表 rows (统计指标 | 单位 | 统计数) -------------------------------- */

static const char *const stat_units[] = {"件", "条",   "次", "篇", "人", "人次", "个", "万元",
					 "元", "件次", "项", "期", "场", "场次", NULL};

/* Reads "label … unit number" from line [A, B) into a figure; true if found. */
bool gk_report_scan_stat_row(struct gk_report_parser *p, size_t a, size_t b,
			     struct gk_report_vec *rows)
{
	const char *s = p->s;
	/* the last token must be a number, the one before a unit */
	size_t e = b;
	while (e > a && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	size_t ns = e;
	while (ns > a && (gk_report_is_digit(s[ns - 1]) || s[ns - 1] == '.' || s[ns - 1] == ','))
		ns--;
	if (ns == e || ns == a || (s[ns - 1] != ' ' && s[ns - 1] != '\t'))
		return false;
	double v;
	int dec;
	if (gk_report_parse_number(s, ns, e, &v, &dec) != e)
		return false;
	size_t ue = ns;
	while (ue > a && (s[ue - 1] == ' ' || s[ue - 1] == '\t'))
		ue--;
	/* "主动公开信息数 条 739 4359": a 历年累计 column after the year's; the year's is read */
	size_t ns2 = ue;
	while (ns2 > a && (gk_report_is_digit(s[ns2 - 1]) || s[ns2 - 1] == '.'))
		ns2--;
	double v2;
	int dec2;
	if (ns2 < ue && ns2 > a && (s[ns2 - 1] == ' ' || s[ns2 - 1] == '\t') &&
	    gk_report_parse_number(s, ns2, ue, &v2, &dec2) == ue && v2 <= v) {
		v = v2;
		dec = dec2;
		e = ue;
		ns = ns2;
		ue = ns2;
		while (ue > a && (s[ue - 1] == ' ' || s[ue - 1] == '\t'))
			ue--;
	}
	size_t us = ue;
	while (us > a && s[us - 1] != ' ' && s[us - 1] != '\t')
		us--;
	const char *unit = NULL;
	size_t label_end = us;
	for (const char *const *u = stat_units; *u; u++)
		if (strlen(*u) == ue - us && memcmp(s + us, *u, ue - us) == 0)
			unit = *u;
	if (!unit) {
		/* "收到申请数（件）  52" */
		for (const char *const *u = stat_units; *u && !unit; u++) {
			char paren[32];
			snprintf(paren, sizeof paren, "（%s）", *u);
			if (gk_report_ends(s + us, ue - us, paren)) {
				unit = *u;
				label_end = ue - strlen(paren);
			}
			snprintf(paren, sizeof paren, "(%s)", *u);
			if (!unit && gk_report_ends(s + us, ue - us, paren)) {
				unit = *u;
				label_end = ue - strlen(paren);
			}
		}
		if (!unit)
			return false;
	}
	size_t ls = a;
	while (ls < label_end && (s[ls] == ' ' || s[ls] == '\t'))
		ls++;
	if (label_end <= ls)
		return false;
	int number;
	size_t skip;
	int level = gk_report_enum_level(s + ls, label_end - ls, &number, &skip);
	struct gk_report_figure *f = gk_report_new_figure(p, ns, e);
	if (!f)
		return false;
	f->value = v;
	f->decimals = dec;
	f->unit = unit;
	f->label = gk_report_clean_label(&p->r->arena, s + ls + skip, label_end - ls - skip);
	f->source = GK_FIG_STAT;
	struct gk_report_stat_row *row = gk_report_vec_push(rows);
	if (!row) {
		p->oom = true;
		return false;
	}
	row->fig = (int)p->figs.n - 1;
	row->level = level ? level : 3;
	return true;
}

/* --- "分别" ------------------------------------------------------------------- */

/* "A、B分别为x件、y件": gives the figures after 分别 the names listed before. */
void gk_report_name_respectively(struct gk_report_parser *p, size_t a, size_t b, int first,
				 int count)
{
	struct gk_report_figure *F = p->figs.data;
	const char *s = p->s;
	const char *m = gk_report_find(s + a, b - a, "分别");
	while (m) {
		size_t at = (size_t)(m - s);
		int f0 = -1, nf = 0;
		for (int i = first; i < first + count; i++)
			if (F[i].tstart > at && !F[i].percent) {
				if (f0 < 0)
					f0 = i;
				if (i == f0 + nf)
					nf++;
			}
		if (f0 < 0 || nf < 2)
			return;
		/* the names: the clause before 分别, or the one before that */
		size_t ce = at;
		size_t cs = ce;
		for (int pass = 0; pass < 2; pass++) {
			cs = ce;
			while (cs > a) {
				size_t pl = gk_report_prev_len(s, cs, a);
				if (!pl)
					break;
				if (gk_report_is_one_of(s + cs - pl, pl,
							(const char *const[]){"，", ",", "；", ";",
									      "。", "：", ":",
									      NULL}))
					break;
				cs -= pl;
			}
			if (ce - cs > 6 || cs <= a)
				break;
			ce = cs - gk_report_prev_len(s, cs, a);
		}
		/* split [cs, ce) on 、 和 及 与 */
		size_t names[GK_REPORT_GROUP_MAX + 1][2];
		int nn = 0;
		size_t k = cs, start = cs;
		while (k <= ce && nn < GK_REPORT_GROUP_MAX) {
			size_t l = k < ce ? gk_report_next_len(s, k, ce) : 0;
			if (k == ce || gk_report_is_one_of(s + k, l,
							   (const char *const[]){"、", "和", "及",
										 "与", NULL})) {
				names[nn][0] = start;
				names[nn][1] = k;
				nn++;
				start = k + l;
				if (k == ce)
					break;
			}
			k += l ? l : 1;
		}
		if (nn == nf) {
			for (int i = 0; i < nf; i++)
				F[f0 + i].label = gk_report_clean_label(
					&p->r->arena, s + names[i][0], names[i][1] - names[i][0]);
		}
		size_t from = at + 6;
		m = from < b ? gk_report_find(s + from, b - from, "分别") : NULL;
	}
}
