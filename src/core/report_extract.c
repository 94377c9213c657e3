/* Extraction of figures, groups and tables from a normalised annual report.
 * Narrative sentences give figures with a unit right after the number
 * ("当面申请18件"); "其中" lists and the nesting of 统计表 rows give groups
 * (a total and its parts); Table 2 and Table 3 are read as streams of label
 * and number tokens, which copes with HTML rows, one cell per line and the
 * wrapped labels of `pdftotext -layout` alike. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report_extract.h"
#include "lib/utf8.h"

/* --- small text helpers ------------------------------------------------ */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static const char *find_in(const char *s, size_t n, const char *kw)
{
	size_t k = strlen(kw);
	if (k == 0 || k > n)
		return NULL;
	for (size_t i = 0; i + k <= n; i++)
		if (s[i] == kw[0] && memcmp(s + i, kw, k) == 0)
			return s + i;
	return NULL;
}

static bool has(const char *s, size_t n, const char *kw)
{
	return find_in(s, n, kw) != NULL;
}

static bool has_any(const char *s, size_t n, const char *const *kws)
{
	for (; *kws; kws++)
		if (has(s, n, *kws))
			return true;
	return false;
}

static bool starts(const char *s, size_t n, const char *kw)
{
	size_t k = strlen(kw);
	return k <= n && memcmp(s, kw, k) == 0;
}

static bool ends(const char *s, size_t n, const char *kw)
{
	size_t k = strlen(kw);
	return k <= n && memcmp(s + n - k, kw, k) == 0;
}

/* Length of the code point before S[I], or 0 at the start. */
static size_t prev_len(const char *s, size_t i, size_t lo)
{
	if (i <= lo)
		return 0;
	size_t k = i - 1;
	while (k > lo && ((unsigned char)s[k] & 0xC0) == 0x80 && i - k < 4)
		k--;
	return i - k;
}

static size_t next_len(const char *s, size_t i, size_t hi)
{
	size_t n;
	if (i >= hi)
		return 0;
	if (gk_utf8_decode((const unsigned char *)s + i, hi - i, &n) < 0)
		return 1;
	return n;
}

static bool is_one_of(const char *s, size_t n, const char *const *set)
{
	for (; *set; set++)
		if (strlen(*set) == n && memcmp(s, *set, n) == 0)
			return true;
	return false;
}

static const char *const clause_marks[] = {
	"，", ",", "；", ";", "：", ":", "、", "。", "！", "？", "!", "?", "\t", "\n",
	"（", "(", "）", ")", "“", "”", "《", "》", NULL,
};

static bool is_clause_mark(const char *s, size_t n)
{
	return is_one_of(s, n, clause_marks);
}

static const char *const stop_marks[] = {"。", "！", "？", "!", "?", NULL};

static const char *const cn_digits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", NULL};

/* Value of the Chinese numeral (一 … 十九) at S, storing its byte length. */
static int cn_number(const char *s, size_t n, size_t *used)
{
	int value = 0;
	size_t i = 0;
	bool any = false;
	while (i + 3 <= n) {
		int d = -1;
		for (int k = 0; cn_digits[k]; k++)
			if (memcmp(s + i, cn_digits[k], 3) == 0)
				d = k + 1;
		if (d < 0)
			break;
		if (d == 10)
			value = (value ? value : 1) * 10;
		else
			value += d;
		any = true;
		i += 3;
		if (i > 9)
			break;
	}
	*used = i;
	return any ? value : 0;
}

/* Enumerator level of a label: 1 "一、", 2 "（一）", 3 "1．", 4 "其中", 0 none.
 * Stores the enumerator's byte length in *skip. */
static int enum_level(const char *s, size_t n, int *number, size_t *skip)
{
	size_t used;
	*skip = 0;
	*number = 0;
	int v = cn_number(s, n, &used);
	if (v && used < n && (starts(s + used, n - used, "、") || starts(s + used, n - used, "．") ||
			      s[used] == '.')) {
		*number = v;
		*skip = used + (s[used] == '.' ? 1 : 3);
		return 1;
	}
	size_t open = starts(s, n, "（") ? 3 : s[0] == '(' ? 1 : 0;
	if (open && n > open) {
		v = cn_number(s + open, n - open, &used);
		size_t at = open + used;
		if (v && at < n && (starts(s + at, n - at, "）") || s[at] == ')')) {
			*number = v;
			*skip = at + (s[at] == ')' ? 1 : 3);
			return 2;
		}
		size_t k = open;
		while (k < n && is_digit(s[k]))
			k++;
		if (k > open && k < n && (starts(s + k, n - k, "）") || s[k] == ')')) {
			*number = atoi(s + open);
			*skip = k + (s[k] == ')' ? 1 : 3);
			return 3;
		}
	}
	size_t k = 0;
	while (k < n && is_digit(s[k]))
		k++;
	if (k > 0 && k < 3 && k < n && (starts(s + k, n - k, "．") || starts(s + k, n - k, "、") || s[k] == '.')) {
		if (s[k] == '.' && k + 1 < n && is_digit(s[k + 1]))
			return 0; /* a decimal number */
		*number = atoi(s);
		*skip = k + (s[k] == '.' ? 1 : 3);
		return 3;
	}
	if (starts(s, n, "其中")) {
		*skip = 6;
		if (starts(s + 6, n - 6, "：") || starts(s + 6, n - 6, "，"))
			*skip = 9;
		else if (n > 6 && s[6] == ':')
			*skip = 7;
		return 4;
	}
	return 0;
}

/* --- report memory ------------------------------------------------------ */

struct vec {
	void *data;
	size_t n, cap, size;
};

static void *vec_push(struct vec *v)
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

struct parser {
	struct gk_report *r;
	const char *s; /* normalised text */
	size_t len;
	struct vec figs, sents, groups, heads;
	bool oom;
};

static char *arena_copy_clean(struct gk_arena *a, const char *s, size_t n)
{
	char *out = gk_arena_alloc(a, n + 1);
	if (!out)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\n')
			continue;
		if (c == '\t')
			c = ' ';
		if (c == ' ' && (k == 0 || out[k - 1] == ' '))
			continue;
		out[k++] = c;
	}
	while (k && out[k - 1] == ' ')
		k--;
	out[k] = '\0';
	return out;
}

char *gk_report_excerpt(struct gk_report *r, size_t a, size_t b)
{
	if (b > r->text.text_len)
		b = r->text.text_len;
	if (a > b)
		a = b;
	return arena_copy_clean(&r->arena, r->text.text + a, b - a);
}

/* --- figures ------------------------------------------------------------ */

static const char *const units[] = {
	/* longest first; each is a unit of a count or amount */
	"件次", "人次", "万元", "场次", "个", "件", "条", "次", "篇", "人", "期", "场",
	"项", "份", "页", "起", "家", "元", "批", "类", "户", NULL,
};

/* Words after a number that make it something other than a count. */
static const char *const not_units[] = {"个百分点", "个工作日", "个月", "个小时", "个县", "个乡", "个部门", "个单位", "个政务", "个栏目", "个专栏", "个网站", "个点", "个公开", NULL};

static const char *const approx_before[] = {"约", "近", "逾", "超过", "超", "达到", "不足", "不到", "以上", "至少", "最多", "上千", "上百", NULL};

static const char *const label_lead[] = {
	"其中：", "其中:", "其中，", "其中", "其余", "另有", "另外", "此外", "同时", "以及", "合计", "总计", "累计",
	"共计", "共", "全年共", "全年", "并", "及", "和", "与", "为", "有", "是", "的", "计", " ", NULL,
};

static const char *const label_trail[] = {
	"共计", "合计", "总计", "累计", "共", "计", "达到", "达", "约为", "约", "近", "超过", "逾", "分别为", "均为",
	"数为", "量为", "共为", "有", "是", "的",
	"了", "数量", " ", NULL,
};

static const char *clean_label(struct gk_arena *a, const char *s, size_t n)
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
	const char *out = arena_copy_clean(a, s, n);
	return out ? out : "";
}

static struct gk_report_figure *new_figure(struct parser *p, size_t ts, size_t te)
{
	struct gk_report_figure *f = vec_push(&p->figs);
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
static size_t parse_number(const char *s, size_t i, size_t hi, double *value, int *decimals)
{
	size_t k = i;
	double v = 0;
	*decimals = 0;
	while (k < hi && is_digit(s[k])) {
		v = v * 10 + (s[k] - '0');
		k++;
		if (k + 3 < hi && s[k] == ',' && is_digit(s[k + 1]) && is_digit(s[k + 2]) && is_digit(s[k + 3]) &&
		    (k + 4 >= hi || !is_digit(s[k + 4])))
			k++;
		if (k - i > 15)
			return i;
	}
	if (k == i)
		return i;
	if (k + 1 < hi && s[k] == '.' && is_digit(s[k + 1])) {
		k++;
		double scale = 0.1;
		while (k < hi && is_digit(s[k])) {
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
	static const char *const digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", NULL};
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
		int mult = memcmp(s + i, "十", 3) == 0 ? 10 : memcmp(s + i, "百", 3) == 0 ? 100
			   : memcmp(s + i, "千", 3) == 0 ? 1000 : memcmp(s + i, "万", 3) == 0 ? 10000 : 0;
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
			section += (digit > 0 ? digit : (mult == 10 && !any ? 1 : digit == 0 ? 0 : -1000000)) * mult;
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
	"第", "每", "统", "唯", "同", "逐", "初", "周", "期", "其", "之", "任", "单", "专", "进", "某", "几", "数",
	"这", "那", "哪", "各", "另", "再", "又", "头", "前", "后", "上", "下", "次", "星", "零", "〇", "一", "二",
	"两", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千", "万", NULL,
};

/* Units a Chinese numeral may count; others ("一个", "三类", "一起") are too
 * often words. */
static const char *const cn_units[] = {"件次", "人次", "场次", "件", "条", "次", "篇", "场", "期", "项", "份", NULL};

static bool is_cn_lead(const char *s, size_t i, size_t b)
{
	static const char *const lead[] = {"一", "二", "两", "三", "四", "五", "六", "七", "八", "九", "十", NULL};
	if (i + 3 > b || ((unsigned char)s[i] & 0xC0) == 0x80)
		return false;
	for (int k = 0; lead[k]; k++)
		if (memcmp(s + i, lead[k], 3) == 0)
			return true;
	return false;
}

/* Scans sentence [A, B) for numbers followed by a unit. */
static void scan_sentence_figures(struct parser *p, size_t a, size_t b)
{
	const char *s = p->s;
	size_t i = a;
	size_t last_end = a;
	while (i < b) {
		double v;
		int dec = 0;
		size_t k;
		if (!is_digit(s[i])) {
			if (!is_cn_lead(s, i, b)) {
				i++;
				continue;
			}
			size_t used = 0;
			size_t pl = prev_len(s, i, a);
			if (pl && is_one_of(s + i - pl, pl, cn_not_before)) {
				i += 3;
				continue;
			}
			v = cn_count(s + i, b - i, &used);
			if (v < 0 || !used) {
				i += used ? used : 3;
				continue;
			}
			k = i + used;
			bool unit_ok = false, approx_next = starts(s + k, b - k, "余") || starts(s + k, b - k, "多");
			size_t u = k + (approx_next ? 3 : 0);
			for (const char *const *x = cn_units; *x && !unit_ok; x++)
				if (starts(s + u, b - u, *x)) {
					unit_ok = true;
					u += strlen(*x);
				}
			/* a count stands alone: "办理申请三件。", not "一件事", "一次性" */
			size_t nl = next_len(s, u, b);
			if (!unit_ok || (u < b && !is_clause_mark(s + u, nl))) {
				i = k;
				continue;
			}
		} else {
			char before = i > a ? s[i - 1] : ' ';
			if ((before >= 'A' && before <= 'Z') || (before >= 'a' && before <= 'z') || before == '.' ||
			    before == '-' || before == '/' || before == '_' || before == '#' || before == '=') {
				while (i < b && (is_digit(s[i]) || s[i] == '.'))
					i++;
				continue;
			}
			k = parse_number(s, i, b, &v, &dec);
			if (k == i) {
				while (i < b && is_digit(s[i]))
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
			if (starts(s + k, b - k, "余") || starts(s + k, b - k, "多")) {
				approx = true;
				k += 3;
				continue;
			}
			if (starts(s + k, b - k, "万") && !starts(s + k, b - k, "万元")) {
				v *= 10000;
				approx = true;
				k += 3;
				continue;
			}
			if (starts(s + k, b - k, "亿")) {
				v *= 100000000;
				approx = true;
				k += 3;
				continue;
			}
			break;
		}
		if (k < b && (s[k] == '%' || starts(s + k, b - k, "％"))) {
			percent = true;
			unit = "%";
			k += s[k] == '%' ? 1 : 3;
		} else {
			bool excluded = false;
			for (const char *const *u = not_units; *u; u++)
				if (starts(s + k, b - k, *u))
					excluded = true;
			if (!excluded)
				for (const char *const *u = units; *u; u++)
					if (starts(s + k, b - k, *u)) {
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
			size_t pl = prev_len(s, ls, a);
			if (!pl || is_clause_mark(s + ls - pl, pl))
				break;
			ls -= pl;
		}
		for (const char *const *q = approx_before; *q; q++)
			if (ends(s + ls, i - ls, *q))
				approx = true;
		struct gk_report_figure *f = new_figure(p, i, k);
		if (!f)
			return;
		f->value = v;
		f->decimals = dec;
		f->approx = approx;
		f->percent = percent;
		f->unit = unit;
		f->label = clean_label(&p->r->arena, s + ls, i - ls);
		f->source = GK_FIG_TEXT;
		last_end = k;
		i = k;
	}
}

/* --- 统计表 rows (统计指标 | 单位 | 统计数) -------------------------------- */

struct stat_row {
	int fig;
	int level;
};

static const char *const stat_units[] = {"件", "条", "次", "篇", "人", "人次", "个", "万元", "元", "件次", "项", "期", "场", "场次", NULL};

/* Reads "label … unit number" from line [A, B) into a figure; true if found. */
static bool scan_stat_row(struct parser *p, size_t a, size_t b, struct vec *rows)
{
	const char *s = p->s;
	/* the last token must be a number, the one before a unit */
	size_t e = b;
	while (e > a && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	size_t ns = e;
	while (ns > a && (is_digit(s[ns - 1]) || s[ns - 1] == '.' || s[ns - 1] == ','))
		ns--;
	if (ns == e || ns == a || (s[ns - 1] != ' ' && s[ns - 1] != '\t'))
		return false;
	double v;
	int dec;
	if (parse_number(s, ns, e, &v, &dec) != e)
		return false;
	size_t ue = ns;
	while (ue > a && (s[ue - 1] == ' ' || s[ue - 1] == '\t'))
		ue--;
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
			if (ends(s + us, ue - us, paren)) {
				unit = *u;
				label_end = ue - strlen(paren);
			}
			snprintf(paren, sizeof paren, "(%s)", *u);
			if (!unit && ends(s + us, ue - us, paren)) {
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
	int level = enum_level(s + ls, label_end - ls, &number, &skip);
	struct gk_report_figure *f = new_figure(p, ns, e);
	if (!f)
		return false;
	f->value = v;
	f->decimals = dec;
	f->unit = unit;
	f->label = clean_label(&p->r->arena, s + ls + skip, label_end - ls - skip);
	f->source = GK_FIG_STAT;
	struct stat_row *row = vec_push(rows);
	if (!row) {
		p->oom = true;
		return false;
	}
	row->fig = (int)p->figs.n - 1;
	row->level = level ? level : 3;
	return true;
}

/* --- kinds of parts ------------------------------------------------------ */

static const char *const kw_channel[] = {"当面", "传真", "网络", "网上", "互联网", "在线", "电子邮件", "邮件", "信函", "邮寄", "来信", "书面", "电话", "现场", "其他形式", "其他方式", "其他渠道", "政府网站", "申请平台", NULL};
static const char *const kw_timing[] = {"按时", "延期", "逾期", "超期", "按期", "如期", "当场", "当日", NULL};
static const char *const kw_outcome[] = {"主动公开", "同意公开", "予以公开", "部分公开", "不予公开", "不同意公开", "不公开", "不属于", "非本", "不存在", "更改", "补充", "补正", "其他途径", "重复", "信访", "撤回", "无法提供", "不予处理", "其他处理", "不予受理", "告知", NULL};
static const char *const kw_refuse[] = {"国家秘密", "商业秘密", "个人隐私", "危及", "三安全", "所指政府信息", "其他情形", "法律法规规定", "内部事务", "过程性", NULL};
static const char *const kw_review[] = {"维持", "纠错", "纠正", "撤销", "确认违法", "责令", "其他情形", "其他结果", "驳回", "未审结", "审理中", "撤诉", "终止", "尚在", "未结", NULL};
static const char *const kw_staff[] = {"专职", "兼职", NULL};
static const char *const kw_applicant[] = {"自然人", "公民", "个人", "法人", "其他组织", "企业", "社会组织", "机构", NULL};
static const char *const kw_publish[] = {"公报", "网站", "微博", "微信", "新媒体", "客户端", "报刊", "报纸", "广播", "电视", "其他方式", "其他渠道", "政务服务", "公开栏", "头条", "抖音", "APP", NULL};

/* the words that mark a label as a part of each kind (none for generic) */
static const char *const *const kind_words[GK_KIND_COUNT] = {
	[GK_KIND_CHANNEL] = kw_channel, [GK_KIND_TIMING] = kw_timing,
	[GK_KIND_OUTCOME] = kw_outcome, [GK_KIND_REFUSE] = kw_refuse,
	[GK_KIND_REVIEW] = kw_review, [GK_KIND_STAFF] = kw_staff,
	[GK_KIND_APPLICANT] = kw_applicant, [GK_KIND_PUBLISH] = kw_publish,
};

static bool is_other(const char *label)
{
	size_t n = strlen(label);
	return is_one_of(label, n, (const char *const[]){"其他", "其它", "其余", "其他的", "其他情况", "其他类", NULL}) ||
	       starts(label, n, "其他") || starts(label, n, "其它");
}

unsigned gk_report_label_kinds(const char *label)
{
	size_t n = strlen(label);
	unsigned m = 0;
	for (int k = 0; k < GK_KIND_COUNT; k++)
		if (kind_words[k] && has_any(label, n, kind_words[k]))
			m |= 1u << k;
	if (is_other(label))
		m |= ~0u; /* "其他…" completes a list of any kind */
	/* a timing word inside an outcome label ("按时答复") is still timing */
	return m;
}

static bool same_unit_class(const char *a, const char *b)
{
	if (strcmp(a, b) == 0)
		return true;
	static const char *const classes[][3] = {{"件", "件次", NULL}, {"人", "人次", NULL}, {"次", "场次", "场"}};
	for (size_t c = 0; c < sizeof classes / sizeof classes[0]; c++) {
		bool ia = false, ib = false;
		for (int k = 0; k < 3 && classes[c][k]; k++) {
			ia |= strcmp(a, classes[c][k]) == 0;
			ib |= strcmp(b, classes[c][k]) == 0;
		}
		if (ia && ib)
			return true;
	}
	return false;
}

/* Decides the kind of a group from its parts and total, trims the parts to
 * those of that kind and decides whether the list looks complete. */
static void classify_group(struct parser *p, struct gk_report_group *g)
{
	struct gk_report_figure *F = p->figs.data;
	unsigned mask = ~0u;
	int decided = 0;
	for (int i = 0; i < g->nparts && decided < 2; i++) {
		unsigned m = gk_report_label_kinds(F[g->parts[i]].label);
		if (m == ~0u)
			continue;
		mask &= m;
		decided++;
	}
	mask &= ~1u; /* generic is the fallback */
	enum gk_report_kind kind = GK_KIND_GENERIC;
	const char *tl = g->total >= 0 ? F[g->total].label : "";
	size_t tn = strlen(tl);
	const char *tu = g->total >= 0 ? F[g->total].unit : F[g->parts[0]].unit;
	if (decided == 0 || mask == 0) {
		kind = GK_KIND_GENERIC;
	} else if ((mask & (1u << GK_KIND_CHANNEL)) && (mask & (1u << GK_KIND_PUBLISH))) {
		kind = strcmp(tu, "条") == 0 || !has(tl, tn, "申请") ? GK_KIND_PUBLISH : GK_KIND_CHANNEL;
	} else {
		static const enum gk_report_kind order[] = {
			GK_KIND_STAFF, GK_KIND_TIMING, GK_KIND_CHANNEL, GK_KIND_REVIEW, GK_KIND_REFUSE,
			GK_KIND_OUTCOME, GK_KIND_APPLICANT, GK_KIND_PUBLISH,
		};
		for (size_t k = 0; k < sizeof order / sizeof order[0]; k++)
			if (mask & (1u << order[k])) {
				kind = order[k];
				break;
			}
		/* the total tells reconsideration from reply categories */
		if ((mask & (1u << GK_KIND_REVIEW)) && (has(tl, tn, "复议") || has(tl, tn, "诉讼")))
			kind = GK_KIND_REVIEW;
		else if (kind == GK_KIND_REVIEW && (mask & (1u << GK_KIND_REFUSE)) && !has(tl, tn, "复议") &&
			 !has(tl, tn, "诉讼"))
			kind = GK_KIND_REFUSE;
		if (kind == GK_KIND_CHANNEL && strcmp(tu, "条") == 0)
			kind = GK_KIND_PUBLISH;
		if (kind == GK_KIND_PUBLISH && strcmp(tu, "条") != 0 && strcmp(tu, "件") != 0)
			kind = GK_KIND_GENERIC;
	}
	/* keep the run of parts that fit the kind */
	int keep = 0;
	for (int i = 0; i < g->nparts; i++) {
		struct gk_report_figure *f = &F[g->parts[i]];
		unsigned m = gk_report_label_kinds(f->label);
		if (kind != GK_KIND_GENERIC && !(m & (1u << kind)))
			break;
		if (kind == GK_KIND_GENERIC && has(f->label, strlen(f->label), "制发"))
			break; /* 制发规范性文件 is listed under 主动公开 but is not a part of it */
		g->parts[keep] = g->parts[i];
		g->shares[keep] = g->shares[i];
		keep++;
	}
	g->nparts = keep;
	g->kind = kind;
	/* completeness */
	bool other = false;
	int n_person = 0, n_org = 0, n_ontime = 0, n_late = 0, n_up = 0, n_fix = 0;
	unsigned channels = 0;
	for (int i = 0; i < g->nparts; i++) {
		const char *l = F[g->parts[i]].label;
		size_t n = strlen(l);
		if ((has(l, n, "其他") || has(l, n, "其它") || has(l, n, "其余")) && !has(l, n, "其他途径") &&
		    !has(l, n, "其他组织"))
			other = true;
		n_person += has(l, n, "自然人") || has(l, n, "公民") || has(l, n, "个人");
		n_org += has(l, n, "法人") || has(l, n, "组织") || has(l, n, "企业");
		n_ontime += has(l, n, "按时") || has(l, n, "按期") || has(l, n, "如期");
		n_late += has(l, n, "延期") || has(l, n, "逾期") || has(l, n, "超期");
		n_up += has(l, n, "维持") || has(l, n, "驳回");
		n_fix += has(l, n, "纠错") || has(l, n, "纠正") || has(l, n, "撤销") || has(l, n, "确认违法");
		for (int c = 0; kw_channel[c]; c++)
			if (has(l, n, kw_channel[c]))
				channels |= 1u << c;
	}
	int nchannels = __builtin_popcount(channels);
	switch (kind) {
	case GK_KIND_CHANNEL:
		g->complete = other || nchannels >= 4;
		break;
	case GK_KIND_TIMING:
		g->complete = n_ontime && n_late;
		break;
	case GK_KIND_OUTCOME:
		g->complete = other || g->nparts >= 6;
		break;
	case GK_KIND_REFUSE:
		g->complete = other;
		break;
	case GK_KIND_REVIEW:
		g->complete = (other && g->nparts >= 2) || (n_up && n_fix && g->nparts >= 3);
		break;
	case GK_KIND_STAFF:
		g->complete = g->nparts >= 2;
		break;
	case GK_KIND_APPLICANT:
		g->complete = n_person && n_org;
		break;
	case GK_KIND_PUBLISH:
		g->complete = other && g->nparts >= 3;
		break;
	default:
		g->complete = false;
		for (int i = 0; i < g->nparts; i++)
			if (is_other(F[g->parts[i]].label))
				g->complete = true;
		break;
	}
}

static void add_group(struct parser *p, struct gk_report_group *g)
{
	if (g->nparts == 0)
		return;
	classify_group(p, g);
	if (g->nparts == 0)
		return;
	if (g->total < 0)
		return;
	if (!g->total_nearby && g->kind == GK_KIND_GENERIC)
		return; /* a total from another sentence is only trusted for known kinds */
	struct gk_report_group *n = vec_push(&p->groups);
	if (!n) {
		p->oom = true;
		return;
	}
	*n = *g;
}

/* "A、B分别为x件、y件": gives the figures after 分别 the names listed before. */
static void name_respectively(struct parser *p, size_t a, size_t b, int first, int count)
{
	struct gk_report_figure *F = p->figs.data;
	const char *s = p->s;
	const char *m = find_in(s + a, b - a, "分别");
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
				size_t pl = prev_len(s, cs, a);
				if (!pl)
					break;
				if (is_one_of(s + cs - pl, pl, (const char *const[]){"，", ",", "；", ";", "。", "：", ":", NULL}))
					break;
				cs -= pl;
			}
			if (ce - cs > 6 || cs <= a)
				break;
			ce = cs - prev_len(s, cs, a);
		}
		/* split [cs, ce) on 、 和 及 与 */
		size_t names[GK_REPORT_GROUP_MAX + 1][2];
		int nn = 0;
		size_t k = cs, start = cs;
		while (k <= ce && nn < GK_REPORT_GROUP_MAX) {
			size_t l = k < ce ? next_len(s, k, ce) : 0;
			if (k == ce || is_one_of(s + k, l, (const char *const[]){"、", "和", "及", "与", NULL})) {
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
				F[f0 + i].label = clean_label(&p->r->arena, s + names[i][0], names[i][1] - names[i][0]);
		}
		size_t from = at + 6;
		m = from < b ? find_in(s + from, b - from, "分别") : NULL;
	}
}

/* True if a percentage labelled LABEL is the share of the figure before it
 * ("占申请总数的34.61%", "（34.61%）"), not a change or a rate. */
static bool share_label(const char *label)
{
	size_t n = strlen(label);
	static const char *const change[] = {"增长", "下降", "增加", "减少", "提高", "降低", "同比", "环比", "上升",
					     "较", "比上年", "率", "增幅", "降幅", NULL};
	if (has_any(label, n, change))
		return false;
	return n == 0 || has(label, n, "占") || has(label, n, "比例") || has(label, n, "比重");
}

/* A sentence that lists parts with their shares and no "其中" ("予以公开258件，
 * 占33.9%；不予公开35件，占4.34%；…") breaks down the head figure of the
 * sentence before; trusted only when the parts are of a known kind. */
static void share_list_group(struct parser *p, int si)
{
	struct gk_report_sentence *S = p->sents.data;
	struct gk_report_figure *F = p->figs.data;
	struct gk_report_sentence *sent = &S[si];
	if (si == 0 || S[si - 1].count == 0 || sent->count < 4 || S[si - 1].paragraph != sent->paragraph)
		return;
	struct gk_report_group g = {.total = -1};
	int shares = 0;
	for (int i = sent->first; i < sent->first + sent->count; i++) {
		struct gk_report_figure *f = &F[i];
		if (f->percent) {
			if (!g.nparts || g.shares[g.nparts - 1] >= 0 || !has(f->label, strlen(f->label), "占"))
				return;
			g.shares[g.nparts - 1] = i;
			shares++;
			continue;
		}
		if (g.nparts == GK_REPORT_GROUP_MAX || (g.nparts && !same_unit_class(f->unit, F[g.parts[0]].unit)))
			break;
		g.shares[g.nparts] = -1;
		g.parts[g.nparts++] = i;
	}
	if (g.nparts < 2 || shares < 2)
		return;
	/* the whole: a reply or conclusion count when the parts are reply
	 * outcomes, else the head figure */
	bool outcomes = (gk_report_label_kinds(F[g.parts[0]].label) & (1u << GK_KIND_OUTCOME)) != 0;
	for (int i = S[si - 1].first; i < S[si - 1].first + S[si - 1].count; i++) {
		const char *l = F[i].label;
		if (!F[i].percent && outcomes && (has(l, strlen(l), "答复") || has(l, strlen(l), "办结"))) {
			g.total = i;
			break;
		}
	}
	for (int i = S[si - 1].first; i < S[si - 1].first + S[si - 1].count && g.total < 0; i++)
		if (!F[i].percent)
			g.total = i;
	if (g.total < 0 || F[g.total].approx || !same_unit_class(F[g.total].unit, F[g.parts[0]].unit))
		return;
	add_group(p, &g);
}

/* Groups from "其中" in a sentence. */
static void qizhong_groups(struct parser *p, int si)
{
	struct gk_report_sentence *S = p->sents.data;
	struct gk_report_figure *F = p->figs.data;
	struct gk_report_sentence *sent = &S[si];
	const char *s = p->s;
	size_t a = sent->tstart, b = sent->tend;
	const char *q = find_in(s + a, b - a, "其中");
	if (!q)
		share_list_group(p, si);
	while (q) {
		size_t at = (size_t)(q - s);
		const char *nq = find_in(s + at + 6, b - at - 6, "其中");
		size_t until = nq ? (size_t)(nq - s) : b;
		struct gk_report_group g = {.total = -1};
		for (int i = sent->first; i < sent->first + sent->count; i++)
			if (F[i].tend <= at && !F[i].percent)
				g.total = i;
		g.total_nearby = g.total >= 0;
		if (g.total < 0 && si > 0 && S[si - 1].count > 0) {
			for (int i = S[si - 1].first; i < S[si - 1].first + S[si - 1].count; i++)
				if (!F[i].percent) {
					g.total = i;
					break;
				}
		}
		for (int i = sent->first; i < sent->first + sent->count; i++) {
			struct gk_report_figure *f = &F[i];
			if (f->tstart < at || f->tstart >= until)
				continue;
			if (f->percent) {
				if (g.nparts && g.shares[g.nparts - 1] < 0 && share_label(f->label))
					g.shares[g.nparts - 1] = i;
				continue;
			}
			if (g.total >= 0 && !same_unit_class(f->unit, F[g.total].unit))
				break;
			if (g.nparts == GK_REPORT_GROUP_MAX)
				break;
			g.shares[g.nparts] = -1;
			g.parts[g.nparts++] = i;
		}
		if (g.total >= 0 && F[g.total].approx)
			g.total = -1;
		add_group(p, &g);
		q = nq;
	}
}

/* Groups from the nesting of 统计表 rows. */
static void stat_groups(struct parser *p, struct stat_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int lvl = rows[i].level;
		int child = 99;
		for (size_t j = i + 1; j < n && rows[j].level > lvl; j++)
			if (rows[j].level < child)
				child = rows[j].level;
		if (child == 99)
			continue;
		struct gk_report_group g = {.total = rows[i].fig, .total_nearby = true};
		for (size_t j = i + 1; j < n && rows[j].level > lvl; j++) {
			if (rows[j].level != child || g.nparts == GK_REPORT_GROUP_MAX)
				continue;
			g.shares[g.nparts] = -1;
			g.parts[g.nparts++] = rows[j].fig;
		}
		add_group(p, &g);
	}
}

/* --- tables 2 and 3 ---------------------------------------------------- */

struct tok {
	size_t a, b; /* in the normalised text */
	bool number, blank;
	double value;
	int decimals;
};

static const struct {
	const char *kw;
	enum gk_t2_row row;
} t2_keywords[] = {
	{"本年新收", GK_T2_NEW}, {"新收政府信息", GK_T2_NEW}, {"上年结转", GK_T2_CARRY_IN},
	{"予以公开", GK_T2_PUBLIC}, {"部分公开", GK_T2_PARTIAL},
	{"国家秘密", GK_T2_W1}, {"禁止公开", GK_T2_W2}, {"三安全", GK_T2_W3}, {"危及", GK_T2_W3},
	{"第三方", GK_T2_W4}, {"内部事务", GK_T2_W5}, {"过程性", GK_T2_W6}, {"执法案卷", GK_T2_W7},
	{"行政查询", GK_T2_W8}, {"查询事项", GK_T2_W8},
	{"不掌握", GK_T2_U1}, {"另行制作", GK_T2_U2}, {"没有现成", GK_T2_U2}, {"仍不明确", GK_T2_U3}, {"补正后", GK_T2_U3},
	{"信访", GK_T2_N1}, {"举报投诉", GK_T2_N1}, {"重复申请", GK_T2_N2}, {"出版物", GK_T2_N3},
	{"大量反复", GK_T2_N4}, {"反复申请", GK_T2_N4}, {"重新出具", GK_T2_N5}, {"确认或", GK_T2_N5},
	{"逾期不补", GK_T2_O1}, {"不补正", GK_T2_O1}, {"收费通知", GK_T2_O2}, {"缴纳费用", GK_T2_O2},
	{"其他处理", GK_T2_OTHER},
	{"不予公开", GK_T2_SUB_W}, {"不予以公开", GK_T2_SUB_W}, {"无法提供", GK_T2_SUB_U}, {"不予处理", GK_T2_SUB_N},
	{"总计", GK_T2_TOTAL}, {"结转下年", GK_T2_CARRY_OUT}, {"继续办理", GK_T2_CARRY_OUT},
};

/* Copies LABEL without long parenthetical notes ("（区分处理的，…）"). */
static size_t strip_notes(const char *s, size_t n, char *out, size_t cap)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k + 4 < cap;) {
		size_t open = starts(s + i, n - i, "（") ? 3 : s[i] == '(' ? 1 : 0;
		if (open) {
			size_t j = i + open;
			while (j < n && !starts(s + j, n - j, "）") && s[j] != ')')
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

static int t2_recognise(const char *label, size_t n, int last_row)
{
	char buf[1024];
	n = strip_notes(label, n, buf, sizeof buf);
	int best = -1;
	size_t best_pos = 0, best_len = 0;
	for (size_t k = 0; k < sizeof t2_keywords / sizeof t2_keywords[0]; k++) {
		const char *kw = t2_keywords[k].kw;
		const char *at = NULL;
		/* the last occurrence */
		for (const char *m = find_in(buf, n, kw); m; m = find_in(m + 1, n - (size_t)(m + 1 - buf), kw))
			at = m;
		if (!at)
			continue;
		size_t pos = (size_t)(at - buf), len = strlen(kw);
		if (t2_keywords[k].row == GK_T2_PUBLIC && pos >= 3 && memcmp(at - 3, "不", 3) == 0)
			continue;
		if (best < 0 || pos > best_pos || (pos == best_pos && len > best_len)) {
			best = t2_keywords[k].row;
			best_pos = pos;
			best_len = len;
		}
	}
	if (best < 0 && (has(buf, n, "其他") || has(buf, n, "其它")) &&
	    (last_row == GK_T2_N5 || last_row == GK_T2_O1 || last_row == GK_T2_O2 || last_row == GK_T2_OTHER))
		best = GK_T2_O3;
	return best;
}

static const enum gk_t2_row t2_order[] = {
	GK_T2_NEW, GK_T2_CARRY_IN, GK_T2_PUBLIC, GK_T2_PARTIAL, GK_T2_W1, GK_T2_W2, GK_T2_W3, GK_T2_W4,
	GK_T2_W5, GK_T2_W6, GK_T2_W7, GK_T2_W8, GK_T2_U1, GK_T2_U2, GK_T2_U3, GK_T2_N1, GK_T2_N2,
	GK_T2_N3, GK_T2_N4, GK_T2_N5, GK_T2_O1, GK_T2_O2, GK_T2_O3, GK_T2_TOTAL, GK_T2_CARRY_OUT,
};

static int t2_next(int last)
{
	size_t n = sizeof t2_order / sizeof t2_order[0];
	for (size_t i = 0; i + 1 < n; i++)
		if ((int)t2_order[i] == last)
			return t2_order[i + 1];
	return -1;
}

struct table_state {
	int mode;             /* 0 idle, 2 in Table 2, 3 in Table 3 */
	struct gk_report_table2 *t2;
	struct gk_report_table3 *t3;
	char label[1024];
	size_t label_len;
	size_t label_start;   /* text offset where the pending label began */
	struct tok nums[16];
	int nnums;
	int last_row;
	int idle_lines;
	int t3_order[5];      /* header position → result index */
	int t3_seen;          /* header labels seen */
	bool review_seen;     /* "行政复议" seen recently */
	int review_age;
	int t1_format;        /* Table 1 format from its headers: 2019, 2021, 0 not yet known */
	int t1_idle;          /* lines in Table 1 without a number */
	bool t1_done;         /* a Table 1 was read: later ones are ignored */
};

static int tok_figure(struct parser *p, const struct tok *t, enum gk_report_source src, const char *label)
{
	struct gk_report_figure *f = new_figure(p, t->a, t->b);
	if (!f)
		return -1;
	f->value = t->blank ? 0 : t->value;
	f->blank = t->blank;
	f->decimals = t->decimals;
	f->source = src;
	f->label = label;
	return (int)p->figs.n - 1;
}

static const char *const t2_cols[GK_T2_COLS] = {"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"};

static void t2_flush(struct parser *p, struct table_state *st)
{
	if (!st->t2)
		return;
	int row = st->label_len ? t2_recognise(st->label, st->label_len, st->last_row) : -1;
	/* a wrapped label can leave the previous row's words in front: a row
	 * already read means the next one in the official order */
	if (row >= 0 && (st->t2->have[row] || st->t2->total_only[row]) && st->nnums == GK_T2_COLS)
		row = -1;
	if (row < 0 && st->nnums == GK_T2_COLS && st->last_row >= 0) {
		int next = t2_next(st->last_row);
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
					t->cell[row][c] = tok_figure(p, &st->nums[c], GK_FIG_TABLE2, t2_cols[c]);
				t->have[row] = true;
			} else if (st->nnums == 1) {
				t->cell[row][GK_T2_COLS - 1] = tok_figure(p, &st->nums[0], GK_FIG_TABLE2, t2_cols[GK_T2_COLS - 1]);
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
	if (row == GK_T2_CARRY_OUT)
		st->mode = 0;
}

static const char *const t3_heads[5] = {"维持", "纠正", "其他", "尚未审结", "总计"};
static const char *const t3_names[5] = {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"};
static const char *const t3_groups[3] = {"行政复议", "未经复议直接起诉", "复议后起诉"};

static void t3_flush(struct parser *p, struct table_state *st)
{
	if (st->nnums == 15 && st->t3) {
		for (int g = 0; g < 3; g++)
			for (int c = 0; c < 5; c++) {
				char label[96];
				snprintf(label, sizeof label, "%s·%s", t3_groups[g], t3_names[st->t3_order[c]]);
				char *l = gk_arena_strdup(&p->r->arena, label);
				st->t3->cell[g][st->t3_order[c]] = tok_figure(p, &st->nums[g * 5 + c], GK_FIG_TABLE3, l ? l : "");
			}
		st->t3->tstart = st->nums[0].a;
		st->t3->tend = st->nums[14].b;
		p->r->ntable3++;
	}
	st->mode = 0;
	st->nnums = 0;
	st->label_len = 0;
}

static void table_label(struct table_state *st, const char *s, const struct tok *t)
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

static void start_t2(struct parser *p, struct table_state *st)
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
	st->label_len = 0;
}

static void start_t3(struct parser *p, struct table_state *st)
{
	struct gk_report *r = p->r;
	st->mode = 0;
	if (r->ntable3 >= GK_REPORT_MAX_TABLES)
		return;
	st->t3 = &r->table3[r->ntable3];
	for (int g = 0; g < 3; g++)
		for (int c = 0; c < 5; c++)
			st->t3->cell[g][c] = -1;
	for (int c = 0; c < 5; c++)
		st->t3_order[c] = c;
	st->t3_seen = 0;
	st->mode = 3;
	st->nnums = 0;
	st->label_len = 0;
	st->idle_lines = 0;
}

static bool tok_is_number(const char *s, struct tok *t)
{
	size_t n = t->b - t->a;
	const char *x = s + t->a;
	if (is_one_of(x, n, (const char *const[]){"-", "—", "－", "/", "／", "--", "——", NULL})) {
		t->blank = true;
		t->number = true;
		return true;
	}
	double v;
	int dec;
	if (parse_number(s, t->a, t->b, &v, &dec) == t->b) {
		t->number = true;
		t->value = v;
		t->decimals = dec;
		return true;
	}
	return false;
}

static void t3_header(struct table_state *st, const char *x, size_t n)
{
	if (st->t3_seen >= 5)
		return;
	for (int c = 0; c < 5; c++)
		if (has(x, n, t3_heads[c])) {
			/* header position st->t3_seen holds result c */
			st->t3_order[st->t3_seen] = c;
			st->t3_seen++;
			return;
		}
}

/* --- Table 1 (主动公开政府信息情况) ------------------------------------ */

static const struct {
	const char *kw;
	enum gk_t1_row row;
} t1_keywords[] = {
	{"规章", GK_T1_RULES}, {"规范性文件", GK_T1_NORMATIVE}, {"行政许可", GK_T1_LICENSE},
	{"对外管理服务", GK_T1_OTHER_SERVICE}, {"行政处罚", GK_T1_PENALTY}, {"行政强制", GK_T1_COERCION},
	{"事业性收费", GK_T1_FEES}, {"集中采购", GK_T1_PROCUREMENT},
};

int gk_report_t1_cols(int format, int row)
{
	static const int cols2021[GK_T1_NROWS] = {3, 3, 1, 0, 1, 1, 1, 0};
	static const int cols2019[GK_T1_NROWS] = {3, 3, 3, 3, 3, 3, 2, 2};
	if (row < 0 || row >= GK_T1_NROWS)
		return 0;
	return format == 2021 ? cols2021[row] : format == 2019 ? cols2019[row] : 0;
}

const char *gk_report_t1_row_name(int format, int row)
{
	static const char *const names[GK_T1_NROWS] = {"规章", "行政规范性文件", "行政许可", "其他对外管理服务事项",
						       "行政处罚", "行政强制", "行政事业性收费", "政府集中采购"};
	if (row < 0 || row >= GK_T1_NROWS)
		return "";
	return format == 2019 && row == GK_T1_NORMATIVE ? "规范性文件" : names[row];
}

const char *gk_report_t1_col_name(int format, int row, int col)
{
	static const char *const docs2021[3] = {"本年制发件数", "本年废止件数", "现行有效件数"};
	static const char *const docs2019[3] = {"本年新制作数量", "本年新公开数量", "对外公开总数量"};
	static const char *const items2019[3] = {"上一年项目数量", "本年增/减", "处理决定数量"};
	static const char *const buy2019[2] = {"采购项目数量", "采购总金额"};
	if (col < 0 || col >= gk_report_t1_cols(format, row))
		return "";
	if (row == GK_T1_RULES || row == GK_T1_NORMATIVE)
		return format == 2021 ? docs2021[col] : docs2019[col];
	if (format == 2021)
		return row == GK_T1_FEES ? "本年收费金额（万元）" : "本年处理决定数量";
	return row == GK_T1_PROCUREMENT ? buy2019[col] : items2019[col];
}

/* A column header or block header of Table 1, not a row label. */
static bool t1_is_header(const char *x, size_t n)
{
	static const char *const words[] = {"第二十条", "信息内容", "本年", "件数", "数量", "金额", "增/减",
					    "增减", "单位", "项目", "现行有效", NULL};
	return has_any(x, n, words);
}

/* Notes the format a header names. */
static void t1_header(struct table_state *st, const char *x, size_t n)
{
	static const char *const f2021[] = {"本年制发", "本年废止", "现行有效", "本年处理决定", "收费金额", NULL};
	static const char *const f2019[] = {"新制作", "新公开", "对外公开总", "上一年项目", "增/减", "采购项目",
					    "采购总金额", NULL};
	if (has_any(x, n, f2021))
		st->t1_format = 2021;
	else if (has_any(x, n, f2019))
		st->t1_format = 2019;
}

static bool t1_starts(const char *x, size_t n)
{
	if (n > 60)
		return false;
	return has(x, n, "第二十条第") || has(x, n, "本年制发") || has(x, n, "本年新制作") ||
	       has(x, n, "新制作数量") || (n == strlen("信息内容") && starts(x, n, "信息内容"));
}

static bool t1_ends(const char *x, size_t n)
{
	static const char *const words[] = {"本年新收", "新收政府信息", "收到和处理", "勾稽", "申请人情况",
					    "行政复议", NULL};
	return has_any(x, n, words);
}

/* Table 1 cells may carry a sign (本年增/减: "-3", "＋2"), a unit ("251000元",
 * "12.5万元") or "无" for nothing. */
static bool t1_number(const char *s, struct tok *t)
{
	if (tok_is_number(s, t))
		return true;
	size_t a = t->a, b = t->b;
	if (b - a == 3 && starts(s + a, 3, "无")) {
		t->number = t->blank = true;
		return true;
	}
	int sign = 1;
	if (s[a] == '-' || s[a] == '+') {
		sign = s[a] == '-' ? -1 : 1;
		a++;
	} else if (b - a > 3 && (starts(s + a, b - a, "－") || starts(s + a, b - a, "＋") ||
				 starts(s + a, b - a, "—"))) {
		sign = starts(s + a, b - a, "＋") ? 1 : -1;
		a += 3;
	}
	double v;
	int dec;
	size_t e = parse_number(s, a, b, &v, &dec);
	if (e == a)
		return false;
	static const char *const suffixes[] = {"万元", "元", "件", "个", "项", "条", NULL};
	if (e < b) {
		bool ok = false;
		for (const char *const *u = suffixes; *u && !ok; u++)
			ok = b - e == strlen(*u) && starts(s + e, b - e, *u);
		if (!ok)
			return false;
	}
	t->number = true;
	t->value = sign * v;
	t->decimals = dec;
	return true;
}

static void t1_flush(struct parser *p, struct table_state *st)
{
	struct gk_report_table1 *t = &p->r->table1;
	int row = -1;
	if (st->label_len && st->nnums) {
		/* the first row name outside notes: "其他对外管理服务事项（含行政确认、
		 * …行政处罚、行政强制…）" is not the 行政强制 row */
		char buf[1024];
		size_t n = strip_notes(st->label, st->label_len, buf, sizeof buf);
		size_t best = 0;
		for (size_t k = 0; k < sizeof t1_keywords / sizeof t1_keywords[0]; k++) {
			const char *m = find_in(buf, n, t1_keywords[k].kw);
			if (m && (row < 0 || (size_t)(m - buf) < best)) {
				row = t1_keywords[k].row;
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
		int n = st->nnums;
		while (n > cols && st->nums[n - 1].blank)
			n--; /* empty cells of a spanned HTML cell */
		if (cols && n == cols && !t->have[row] && (!t->format || t->format == format)) {
			t->format = format;
			for (int c = 0; c < cols; c++) {
				char label[128];
				snprintf(label, sizeof label, "%s·%s", gk_report_t1_row_name(format, row),
					 gk_report_t1_col_name(format, row, c));
				char *l = gk_arena_strdup(&p->r->arena, label);
				t->cell[row][c] = tok_figure(p, &st->nums[c], GK_FIG_TABLE1, l ? l : "");
			}
			t->have[row] = true;
			t->row_tstart[row] = st->label_start;
			t->row_tend[row] = st->nums[st->nnums - 1].b;
		}
	}
	st->label_len = 0;
	st->nnums = 0;
}

static void t1_end(struct parser *p, struct table_state *st)
{
	t1_flush(p, st);
	st->mode = 0;
	if (p->r->table1.format)
		st->t1_done = true;
}

static void scan_tables_line(struct parser *p, struct table_state *st, size_t a, size_t b)
{
	const char *s = p->s;
	bool html_cells = strcmp(p->r->text.format, "html") == 0 || strcmp(p->r->text.format, "markdown") == 0;
	/* a long sentence ends any table */
	if (st->mode && has(s + a, b - a, "。") && b - a > 90) {
		if (st->mode == 2)
			t2_flush(p, st);
		if (st->mode == 1)
			t1_end(p, st);
		st->mode = 0;
	}
	if (st->mode == 1 && ++st->t1_idle > 40)
		t1_end(p, st);
	if (has(s + a, b - a, "行政复议")) {
		st->review_seen = true;
		st->review_age = 0;
	} else if (st->review_seen && ++st->review_age > 12) {
		st->review_seen = false;
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
			struct tok t = {k, e, false, false, 0, 0};
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
			if (st->mode == 1 && !t.number && t1_ends(s + k, e - k))
				t1_end(p, st);
			if (st->mode == 0) {
				if (!t.number && !st->t1_done && t1_starts(s + k, e - k)) {
					st->mode = 1;
					st->t1_idle = 0;
					st->nnums = 0;
					st->label_len = 0;
					st->t1_format = 0;
				} else if (!t.number && (has(s + k, e - k, "本年新收") || has(s + k, e - k, "新收政府信息公开申请"))) {
					start_t2(p, st);
				} else if (!t.number && st->review_seen &&
					   (has(s + k, e - k, "结果维持") || has(s + k, e - k, "维持")) &&
					   !has(s + k, e - k, "件")) {
					start_t3(p, st);
				}
			}
			if (st->mode == 1) {
				if (t.number || t1_number(s, &t)) {
					if (st->nnums < 16)
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
					if (st->nnums < 16)
						st->nums[st->nnums++] = t;
					if (st->nnums == GK_T2_COLS)
						t2_flush(p, st);
				} else {
					if (st->nnums)
						t2_flush(p, st);
					if (st->mode == 2)
						table_label(st, s, &t);
				}
			} else if (st->mode == 3) {
				if (t.number) {
					if (st->nnums < 16)
						st->nums[st->nnums++] = t;
					if (st->nnums == 15)
						t3_flush(p, st);
				} else if (st->nnums) {
					st->mode = 0; /* labels among the numbers: not Table 3 */
					st->nnums = 0;
				} else {
					t3_header(st, s + k, e - k);
				}
			}
			k = e;
		}
		if (!any && html_cells && st->mode && (i > a || ce < b)) {
			/* an empty cell of an HTML or Markdown table: blank, read as 0 */
			struct tok t = {i, i, true, true, 0, 0};
			if (st->mode == 1 && st->label_len > 0 && st->nnums < 16) {
				st->nums[st->nnums++] = t;
			} else if (st->mode == 2 && (st->nnums > 0 || st->label_len > 0)) {
				st->nums[st->nnums++] = t;
				if (st->nnums == GK_T2_COLS)
					t2_flush(p, st);
			} else if (st->mode == 3 && st->nnums > 0) {
				st->nums[st->nnums++] = t;
				if (st->nnums == 15)
					t3_flush(p, st);
			}
		}
		if (ce >= b)
			break;
		i = ce + 1;
	}
	if (st->mode == 3 && ++st->idle_lines > 60)
		st->mode = 0;
}

/* --- structure: paragraphs, sentences, headings, dates ----------------- */

static size_t cp_count(const char *s, size_t n)
{
	return gk_utf8_count(s, n);
}

static bool ends_sentence(const char *s, size_t n)
{
	return ends(s, n, "。") || ends(s, n, "！") || ends(s, n, "？") || ends(s, n, "；") || ends(s, n, "：") ||
	       ends(s, n, ":") || ends(s, n, ";") || ends(s, n, "!") || ends(s, n, "?");
}

static bool table_ish(const char *s, size_t n)
{
	int tabs = 0;
	for (size_t i = 0; i < n; i++)
		tabs += s[i] == '\t';
	return tabs >= 2;
}

static void new_sentence(struct parser *p, size_t a, size_t b, int paragraph)
{
	while (a < b && (p->s[a] == ' ' || p->s[a] == '\t' || p->s[a] == '\n'))
		a++;
	if (a >= b)
		return;
	struct gk_report_sentence *s = vec_push(&p->sents);
	if (!s) {
		p->oom = true;
		return;
	}
	s->tstart = a;
	s->tend = b;
	s->paragraph = paragraph;
	s->first = (int)p->figs.n;
	scan_sentence_figures(p, a, b);
	s = (struct gk_report_sentence *)p->sents.data + p->sents.n - 1;
	s->count = (int)p->figs.n - s->first;
	name_respectively(p, a, b, s->first, s->count);
	qizhong_groups(p, (int)p->sents.n - 1);
}

static void split_sentences(struct parser *p, size_t a, size_t b, int paragraph)
{
	const char *s = p->s;
	size_t start = a, i = a;
	while (i < b) {
		size_t l = next_len(s, i, b);
		if (is_one_of(s + i, l, stop_marks)) {
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
	int level = enum_level(s, n, number, &skip);
	if (level != 1 || *number <= 0)
		return false;
	if (cp_count(s, n) > 50 || ends(s, n, "。"))
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\t')
			return false;
	return true;
}

static void find_headings(struct parser *p)
{
	struct gk_report_text *t = &p->r->text;
	int expect = 1;
	for (size_t li = 0; li < t->nlines; li++) {
		const char *s = t->text + t->lines[li].start;
		size_t n = t->lines[li].len;
		int number;
		if (!is_heading_line(s, n, &number) || number != expect)
			continue;
		struct gk_report_heading *h = vec_push(&p->heads);
		if (!h) {
			p->oom = true;
			return;
		}
		h->number = number;
		h->tstart = t->lines[li].start;
		h->tend = t->lines[li].start + n;
		expect++;
	}
}

static void stated_parts(struct parser *p)
{
	const char *s = p->s;
	size_t lim = p->len < 6000 ? p->len : 6000;
	const char *m = find_in(s, lim, "部分组成");
	if (!m)
		m = find_in(s, lim, "个部分");
	if (!m)
		return;
	size_t at = (size_t)(m - s);
	/* the numeral just before, allowing "个" */
	size_t k = at;
	if (k >= 3 && memcmp(s + k - 3, "个", 3) == 0)
		k -= 3;
	size_t end = k;
	while (k >= 3) {
		bool d = false;
		for (int c = 0; cn_digits[c]; c++)
			if (memcmp(s + k - 3, cn_digits[c], 3) == 0)
				d = true;
		if (!d)
			break;
		k -= 3;
	}
	size_t used;
	int v = cn_number(s + k, end - k, &used);
	if (v < 2 || used != end - k)
		return;
	/* the statement's sentence start */
	size_t a = k;
	while (a > 0 && s[a - 1] != '\n') {
		size_t pl = prev_len(s, a, 0);
		if (is_one_of(s + a - pl, pl, stop_marks))
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
		if (!is_digit(s[k]))
			return 0;
	if (n > 4 && is_digit(s[4]))
		return 0;
	int y = atoi(s);
	size_t i = 4;
	bool cn = starts(s + i, n - i, "年");
	char sep = s[i];
	if (cn)
		i += 3;
	else if (sep == '-' || sep == '/' || sep == '.')
		i++;
	else
		return 0;
	size_t ms = i;
	while (i < n && is_digit(s[i]) && i - ms < 2)
		i++;
	if (i == ms)
		return 0;
	int m = atoi(s + ms);
	if (cn) {
		if (!starts(s + i, n - i, "月"))
			return 0;
		i += 3;
	} else {
		if (i >= n || s[i] != sep)
			return 0;
		i++;
	}
	size_t ds = i;
	while (i < n && is_digit(s[i]) && i - ds < 2)
		i++;
	if (i == ds)
		return 0;
	int day = atoi(s + ds);
	if (cn) {
		if (starts(s + i, n - i, "日"))
			i += 3;
		else if (starts(s + i, n - i, "号"))
			i += 3;
		else
			return 0;
	} else if (i < n && is_digit(s[i])) {
		return 0;
	}
	struct gk_date dt = {y, m, day};
	if (y < 1990 || y > 2100 || !gk_date_valid(dt))
		return 0;
	*d = dt;
	return i;
}

static void find_year_and_dates(struct parser *p)
{
	struct gk_report *r = p->r;
	const char *s = p->s;
	/* the year: "2017年政府信息公开工作年度报告", "2021年度…年度报告" */
	static const char *const titles[] = {"年度报告", "工作报告", "年报", NULL};
	for (const char *const *t = titles; *t && !r->year; t++) {
		const char *m = find_in(s, p->len, *t);
		while (m && !r->year) {
			size_t at = (size_t)(m - s);
			size_t ls = at;
			while (ls > 0 && s[ls - 1] != '\n' && at - ls < 200)
				ls--;
			for (size_t i = ls; i + 7 <= at; i++)
				if (is_digit(s[i]) && (i == 0 || !is_digit(s[i - 1])) && is_digit(s[i + 1]) &&
				    is_digit(s[i + 2]) && is_digit(s[i + 3]) && starts(s + i + 4, at - i - 4, "年")) {
					int y = atoi(s + i);
					if (y >= 2000 && y <= 2100 && !starts(s + i + 7, at - i - 7, "1月1日") &&
					    !(at - i > 150)) {
						r->year = y; /* the last year before the title word wins */
					}
				}
			size_t from = at + strlen(*t);
			m = from < p->len ? find_in(s + from, p->len - from, *t) : NULL;
		}
	}
	if (!r->year) {
		const char *m = find_in(s, p->len, "年1月1日至");
		if (m && m - s >= 4 && is_digit(m[-4]))
			r->year = atoi(m - 4);
	}
	/* the publication date: a labelled one, or the date under the signature */
	static const char *const labels[] = {"发布日期", "发布时间", "公开日期", "成文日期", "发文日期", "印发日期", "生成日期", NULL};
	struct gk_report_text *t = &r->text;
	for (size_t li = 0; li < t->nlines; li++) {
		const char *ls = t->text + t->lines[li].start;
		size_t n = t->lines[li].len;
		for (const char *const *lab = labels; *lab; lab++) {
			const char *m = find_in(ls, n, *lab);
			if (!m)
				continue;
			size_t k = (size_t)(m - ls) + strlen(*lab);
			for (size_t j = k; j < n && j < k + 16; j++) {
				struct gk_date d;
				if (gk_report_parse_date(ls + j, n - j, &d)) {
					if (!r->have_published || gk_date_to_days(d) < gk_date_to_days(r->published)) {
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

static void parse_body(struct parser *p)
{
	struct gk_report_text *t = &p->r->text;
	struct vec stat_rows = {.size = sizeof(struct stat_row)};
	struct table_state st = {0};
	st.last_row = -1;
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
		if (hi < nheads && H[hi].tstart == a) {
			if (in_para) {
				split_sentences(p, para_start, a, paragraph++);
				in_para = false;
			}
			p->heads.n = ++hi;
		}
		scan_tables_line(p, &st, a, b);
		size_t rows_before = stat_rows.n;
		if (table_ish(s, n) || (n < 200 && !has(s, n, "，") && !has(s, n, "。"))) {
			if (scan_stat_row(p, a, b, &stat_rows)) {
				if (in_para) {
					split_sentences(p, para_start, a, paragraph++);
					in_para = false;
				}
				/* the row is its own sentence */
				struct gk_report_figure *F = p->figs.data;
				int fi = ((struct stat_row *)stat_rows.data)[stat_rows.n - 1].fig;
				struct gk_report_sentence *snt = vec_push(&p->sents);
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
		/* does the paragraph go on into the next line? */
		bool joins = false;
		int lnum;
		size_t lskip;
		bool heading = enum_level(s, n, &lnum, &lskip) > 0 && enum_level(s, n, &lnum, &lskip) < 4 &&
			       !has(s, n, "，") && !has(s, n, "。") && !has(s, n, ",");
		if (li + 1 < t->nlines && !heading && !ends_sentence(s, n) && cp_count(s, n) >= 25) {
			size_t na = t->lines[li + 1].start;
			const char *ns = p->s + na;
			size_t nn = t->lines[li + 1].len;
			int num;
			size_t skip;
			joins = !table_ish(ns, nn) && enum_level(ns, nn, &num, &skip) == 0 &&
				!(hi < nheads && H[hi].tstart == na);
		}
		if (!joins) {
			split_sentences(p, para_start, b, paragraph++);
			in_para = false;
		}
	}
	if (in_para && !p->oom)
		split_sentences(p, para_start, t->text_len, paragraph++);
	if (st.mode == 2)
		t2_flush(p, &st);
	if (st.mode == 1)
		t1_end(p, &st);
	p->heads.n = nheads;
	if (!p->oom)
		stat_groups(p, stat_rows.data, stat_rows.n);
	free(stat_rows.data);
}

struct gk_report *gk_report_parse(const char *data, size_t len, struct gk_error *err)
{
	struct gk_report *r = calloc(1, sizeof *r);
	if (!r) {
		gk_fail(err, GK_ENOMEM, "out of memory reading the report");
		return NULL;
	}
	if (gk_report_text_load(&r->text, data, len, err) != GK_OK) {
		free(r);
		return NULL;
	}
	struct parser p = {.r = r, .s = r->text.text, .len = r->text.text_len};
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
		gk_fail(err, GK_ENOMEM, "out of memory reading the report");
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
