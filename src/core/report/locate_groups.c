/* Groups: a total and its parts, from 其中 lists, lists of shares and 统计表 nesting, with their
 * kind.
 *
 * The kind of the parts (channels, outcomes, reasons, …) decides which
 * relation holds and whether the list looks complete. */
#include <string.h>

#include "core/report/locate.h"
#include "core/report/words.h"

static const char *const kw_channel[] = {"当面",     "传真",     "网络",     "网上",     "互联网",
					 "在线",     "电子邮件", "邮件",     "信函",     "邮寄",
					 "来信",     "书面",     "电话",     "现场",     "其他形式",
					 "其他方式", "其他渠道", "政府网站", "申请平台", NULL};
static const char *const kw_timing[] = {"按时", "延期", "逾期", "超期", "按期",
					"如期", "当场", "当日", NULL};
static const char *const kw_outcome[] = {
	"主动公开", "同意公开", "予以公开", "部分公开", "不予公开", "不同意公开",
	"不公开",   "不属于",   "非本",     "不存在",   "更改",     "补充",
	"补正",     "其他途径", "重复",     "信访",     "撤回",     "无法提供",
	"不予处理", "其他处理", "不予受理", "告知",     NULL};
static const char *const kw_refuse[] = {"国家秘密", "商业秘密",     "个人隐私", "危及",
					"三安全",   "所指政府信息", "其他情形", "法律法规规定",
					"内部事务", "过程性",       NULL};
static const char *const kw_review[] = {
	"维持", "纠错",   "纠正",   "撤销", "确认违法", "责令", "其他情形", "其他结果",
	"驳回", "未审结", "审理中", "撤诉", "终止",     "尚在", "未结",     NULL};
static const char *const kw_staff[] = {"专职", "兼职", NULL};
static const char *const kw_applicant[] = {"自然人", "公民",     "个人", "法人", "其他组织",
					   "企业",   "社会组织", "机构", NULL};
static const char *const kw_publish[] = {
	"公报", "网站",     "微博",     "微信",     "新媒体", "客户端", "报刊", "报纸", "广播",
	"电视", "其他方式", "其他渠道", "政务服务", "公开栏", "头条",   "抖音", "APP",  NULL};

/* the words that mark a label as a part of each kind (none for generic) */
static const char *const *const kind_words[GK_KIND_COUNT] = {
	[GK_KIND_CHANNEL] = kw_channel,     [GK_KIND_TIMING] = kw_timing,
	[GK_KIND_OUTCOME] = kw_outcome,     [GK_KIND_REFUSE] = kw_refuse,
	[GK_KIND_REVIEW] = kw_review,       [GK_KIND_STAFF] = kw_staff,
	[GK_KIND_APPLICANT] = kw_applicant, [GK_KIND_PUBLISH] = kw_publish,
};

static bool is_other(const char *label)
{
	size_t n = strlen(label);
	return gk_report_is_one_of(label, n,
				   (const char *const[]){"其他", "其它", "其余", "其他的",
							 "其他情况", "其他类", NULL}) ||
	       gk_report_starts(label, n, "其他") || gk_report_starts(label, n, "其它");
}

unsigned gk_report_label_kinds(const char *label)
{
	size_t n = strlen(label);
	unsigned m = 0;
	for (int k = 0; k < GK_KIND_COUNT; k++)
		if (kind_words[k] && gk_report_has_any(label, n, kind_words[k]))
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
	static const char *const classes[][3] = {
		{"件", "件次", NULL}, {"人", "人次", NULL}, {"次", "场次", "场"}};
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
static void classify_group(struct gk_report_parser *p, struct gk_report_group *g)
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
		kind = strcmp(tu, "条") == 0 || !gk_report_has(tl, tn, "申请") ? GK_KIND_PUBLISH
									       : GK_KIND_CHANNEL;
	} else {
		static const enum gk_report_kind order[] = {
			GK_KIND_STAFF,  GK_KIND_TIMING,  GK_KIND_CHANNEL,   GK_KIND_REVIEW,
			GK_KIND_REFUSE, GK_KIND_OUTCOME, GK_KIND_APPLICANT, GK_KIND_PUBLISH,
		};
		for (size_t k = 0; k < sizeof order / sizeof order[0]; k++)
			if (mask & (1u << order[k])) {
				kind = order[k];
				break;
			}
		/* the total tells reconsideration from reply categories */
		if ((mask & (1u << GK_KIND_REVIEW)) &&
		    (gk_report_has(tl, tn, "复议") || gk_report_has(tl, tn, "诉讼")))
			kind = GK_KIND_REVIEW;
		else if (kind == GK_KIND_REVIEW && (mask & (1u << GK_KIND_REFUSE)) &&
			 !gk_report_has(tl, tn, "复议") && !gk_report_has(tl, tn, "诉讼"))
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
		if (kind == GK_KIND_GENERIC && gk_report_has(f->label, strlen(f->label), "制发"))
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
		if ((gk_report_has(l, n, "其他") || gk_report_has(l, n, "其它") ||
		     gk_report_has(l, n, "其余")) &&
		    !gk_report_has(l, n, "其他途径") && !gk_report_has(l, n, "其他组织"))
			other = true;
		n_person += gk_report_has(l, n, "自然人") || gk_report_has(l, n, "公民") ||
			    gk_report_has(l, n, "个人");
		n_org += gk_report_has(l, n, "法人") || gk_report_has(l, n, "组织") ||
			 gk_report_has(l, n, "企业");
		n_ontime += gk_report_has(l, n, "按时") || gk_report_has(l, n, "按期") ||
			    gk_report_has(l, n, "如期");
		n_late += gk_report_has(l, n, "延期") || gk_report_has(l, n, "逾期") ||
			  gk_report_has(l, n, "超期");
		n_up += gk_report_has(l, n, "维持") || gk_report_has(l, n, "驳回");
		n_fix += gk_report_has(l, n, "纠错") || gk_report_has(l, n, "纠正") ||
			 gk_report_has(l, n, "撤销") || gk_report_has(l, n, "确认违法");
		for (int c = 0; kw_channel[c]; c++)
			if (gk_report_has(l, n, kw_channel[c]))
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

static void add_group(struct gk_report_parser *p, struct gk_report_group *g)
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
	struct gk_report_group *n = gk_report_vec_push(&p->groups);
	if (!n) {
		p->oom = true;
		return;
	}
	*n = *g;
}

/* True if a percentage labelled LABEL is the share of the figure before it
 * ("占申请总数的34.61%", "（34.61%）"), not a change or a rate. */
static bool share_label(const char *label)
{
	size_t n = strlen(label);
	static const char *const change[] = {"增长",   "下降", "增加", "减少", "提高",
					     "降低",   "同比", "环比", "上升", "较",
					     "比上年", "率",   "增幅", "降幅", NULL};
	if (gk_report_has_any(label, n, change))
		return false;
	return n == 0 || gk_report_has(label, n, "占") || gk_report_has(label, n, "比例") ||
	       gk_report_has(label, n, "比重");
}

/* A sentence that lists parts with their shares and no "其中" ("予以公开258件，
 * 占33.9%；不予公开35件，占4.34%；…") breaks down the head figure of the
 * sentence before; trusted only when the parts are of a known kind. */
static void share_list_group(struct gk_report_parser *p, int si)
{
	struct gk_report_sentence *S = p->sents.data;
	struct gk_report_figure *F = p->figs.data;
	struct gk_report_sentence *sent = &S[si];
	if (si == 0 || S[si - 1].count == 0 || sent->count < 4 ||
	    S[si - 1].paragraph != sent->paragraph)
		return;
	struct gk_report_group g = {.total = -1};
	int shares = 0;
	for (int i = sent->first; i < sent->first + sent->count; i++) {
		struct gk_report_figure *f = &F[i];
		if (f->percent) {
			if (!g.nparts || g.shares[g.nparts - 1] >= 0 ||
			    !gk_report_has(f->label, strlen(f->label), "占"))
				return;
			g.shares[g.nparts - 1] = i;
			shares++;
			continue;
		}
		if (g.nparts == GK_REPORT_GROUP_MAX ||
		    (g.nparts && !same_unit_class(f->unit, F[g.parts[0]].unit)))
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
		if (!F[i].percent && outcomes &&
		    (gk_report_has(l, strlen(l), "答复") || gk_report_has(l, strlen(l), "办结"))) {
			g.total = i;
			break;
		}
	}
	for (int i = S[si - 1].first; i < S[si - 1].first + S[si - 1].count && g.total < 0; i++)
		if (!F[i].percent)
			g.total = i;
	if (g.total < 0 || F[g.total].approx ||
	    !same_unit_class(F[g.total].unit, F[g.parts[0]].unit))
		return;
	/* a head figure that is itself a part of another kind ("已主动公开范围的10件"
	 * before "自然人申请36件，占90%") is not their whole: the paragraph
	 * break between them may be lost (a body flattened to one line) */
	unsigned tk = gk_report_label_kinds(F[g.total].label);
	if (tk != ~0u && tk != 0 && !(tk & gk_report_label_kinds(F[g.parts[0]].label)))
		return;
	add_group(p, &g);
}

/* Groups from "其中" in a sentence. */
void gk_report_locate_groups(struct gk_report_parser *p, int si)
{
	struct gk_report_sentence *S = p->sents.data;
	struct gk_report_figure *F = p->figs.data;
	struct gk_report_sentence *sent = &S[si];
	const char *s = p->s;
	size_t a = sent->tstart, b = sent->tend;
	const char *q = gk_report_find(s + a, b - a, "其中");
	if (!q)
		share_list_group(p, si);
	while (q) {
		size_t at = (size_t)(q - s);
		const char *nq = gk_report_find(s + at + 6, b - at - 6, "其中");
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
void gk_report_locate_stat_groups(struct gk_report_parser *p, struct gk_report_stat_row *rows,
				  size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (rows[i].fig < 0) /* a heading row: no figure to be the total */
			continue;
		int lvl = rows[i].level;
		int child = 99;
		for (size_t j = i + 1; j < n && rows[j].level > lvl; j++)
			if (rows[j].level < child)
				child = rows[j].level;
		if (child == 99)
			continue;
		struct gk_report_group g = {.total = rows[i].fig, .total_nearby = true};
		for (size_t j = i + 1; j < n && rows[j].level > lvl; j++) {
			if (rows[j].level != child || rows[j].fig < 0 ||
			    g.nparts == GK_REPORT_GROUP_MAX)
				continue;
			g.shares[g.nparts] = -1;
			g.parts[g.nparts++] = rows[j].fig;
		}
		add_group(p, &g);
	}
}
