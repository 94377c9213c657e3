/* The yearly report as blocks (render_internal.h): the sections of each style,
 * the sentences generated from the figures, the official tables as grids, and
 * gk_annual_render, which hands the blocks to one format.
 *
 * Rounding: a share is part ÷ whole × 100 rounded to two decimals, half away
 * from zero, each share on its own (docs/annual-report-formats.md says why:
 * printed shares may then sum to 99.99–100.01%, never a share that is
 * neither the rounded nor the truncated value). */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/report/render_internal.h"

/* --- numbers ------------------------------------------------------------------------------ */

void gk_render_share(char out[32], int64_t part, int64_t whole)
{
	/* in hundredths of a percent, exactly: part * 10000 / whole, half up */
	int64_t num = part * 10000 * 2 + whole;
	int64_t q = whole > 0 ? num / (2 * whole) : 0;
	snprintf(out, 32, "%" PRId64 ".%02" PRId64 "%%", q / 100, q % 100);
}

void gk_render_t1_value(char out[32], double v, enum gk_t1_kind kind)
{
	if (kind != GK_T1_AMOUNT) {
		/* 本年增/减 shows its sign either way: "+3", "-2", "0" */
		snprintf(out, 32, kind == GK_T1_DELTA && v >= 0.5 ? "%+.0f" : "%.0f", v);
		if (!strcmp(out, "-0"))
			snprintf(out, 32, "0");
		return;
	}
	snprintf(out, 32, "%.4f", v);
	size_t n = strlen(out);
	while (n > 0 && out[n - 1] == '0')
		out[--n] = '\0';
	if (n > 0 && out[n - 1] == '.')
		out[--n] = '\0';
	if (!strcmp(out, "-0"))
		snprintf(out, 32, "0");
}

void gk_render_yuan(char out[32], int64_t fen)
{
	if (fen % 100 == 0)
		snprintf(out, 32, "%" PRId64, fen / 100);
	else
		snprintf(out, 32, "%" PRId64 ".%02" PRId64, fen / 100, fen % 100);
}

void gk_render_title(struct gk_buf *b, const struct gk_annual *a)
{
	gk_buf_printf(b, "%s%d年政府信息公开工作年度报告", a->agency_name, a->year);
}

/* --- blocks ------------------------------------------------------------------------------- */

static void push(struct gk_rdoc *doc, enum gk_rblock_kind kind, char *text, int table)
{
	if (doc->oom) {
		free(text);
		return;
	}
	if (doc->n == doc->cap) {
		size_t cap = doc->cap ? doc->cap * 2 : 32;
		struct gk_rblock *nb = realloc(doc->blocks, cap * sizeof *nb);
		if (!nb) {
			free(text);
			doc->oom = true;
			return;
		}
		doc->blocks = nb;
		doc->cap = cap;
	}
	doc->blocks[doc->n++] = (struct gk_rblock){kind, text, table};
}

/* Pushes B's text as a block of KIND and empties B. */
static void push_buf(struct gk_rdoc *doc, enum gk_rblock_kind kind, struct gk_buf *b)
{
	if (b->failed) {
		doc->oom = true;
		gk_buf_release(b);
		return;
	}
	size_t len;
	char *s = gk_buf_detach(b, &len);
	if (!s) {
		doc->oom = true;
		return;
	}
	push(doc, kind, s, 0);
}

static void push_str(struct gk_rdoc *doc, enum gk_rblock_kind kind, const char *s)
{
	char *t = strdup(s);
	if (!t) {
		doc->oom = true;
		return;
	}
	push(doc, kind, t, 0);
}

static void heading(struct gk_rdoc *doc, int number, const char *title)
{
	static const char *const numerals[] = {"一", "二", "三", "四", "五",
					       "六", "七", "八", "九", "十"};
	struct gk_buf b;
	gk_buf_init(&b, 0);
	gk_buf_printf(&b, "%s、%s", numerals[(number - 1) % 10], title);
	push_buf(doc, GK_RB_HEADING, &b);
}

/* Staff-written TEXT as paragraphs, one per non-empty line. False if TEXT
 * holds nothing but white space. */
static bool staff_text(struct gk_rdoc *doc, const char *text)
{
	bool any = false;
	for (const char *p = text; p && *p;) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		const char *s = p;
		size_t m = n;
		while (m > 0 && (*s == ' ' || *s == '\t' || *s == '\r')) {
			s++;
			m--;
		}
		/* a full-width space opens many Chinese paragraphs */
		while (m >= 3 && !memcmp(s, "\xe3\x80\x80", 3)) {
			s += 3;
			m -= 3;
		}
		while (m > 0 && (s[m - 1] == ' ' || s[m - 1] == '\t' || s[m - 1] == '\r'))
			m--;
		if (m > 0) {
			char *t = strndup(s, m);
			if (!t)
				doc->oom = true;
			else
				push(doc, GK_RB_PARA, t, 0);
			any = true;
		}
		p = e ? e + 1 : p + n;
	}
	return any;
}

/* --- who the report speaks of ------------------------------------------------------------ */

/* "全市各级行政机关" for a government's roll-up ("大同市人民政府"), "X及所属单位"
 * for another roll-up, "本机关" for one agency. */
static void who(struct gk_buf *b, const struct gk_annual *a)
{
	static const char gov[] = "人民政府";
	size_t n = strlen(a->agency_name), g = sizeof gov - 1;
	if (!a->rollup) {
		gk_buf_puts(b, "本机关");
		return;
	}
	if (n > g + 3 && !strcmp(a->agency_name + n - g, gov)) {
		/* the last character of the region before 人民政府: 市, 区, 县, 省 … */
		const char *end = a->agency_name + n - g, *last = end - 1;
		while (last > a->agency_name && ((unsigned char)*last & 0xC0) == 0x80)
			last--;
		gk_buf_puts(b, "全");
		gk_buf_add(b, last, (size_t)(end - last));
		gk_buf_puts(b, "各级行政机关");
		return;
	}
	gk_buf_printf(b, "%s及所属单位", a->agency_name);
}

static int64_t t2(const struct gk_annual *a, enum gk_t2_row r)
{
	return a->t2[r][GK_T2_ALL];
}

static int64_t fig(const struct gk_annual *a, enum gk_year_figure f)
{
	return a->figures[f];
}

/* The plain statement for a year with nothing recorded. */
static void no_records(struct gk_rdoc *doc)
{
	const struct gk_annual *a = doc->a;
	if (a->records != 0)
		return;
	struct gk_buf b;
	gk_buf_init(&b, 0);
	gk_buf_printf(&b, "本年度未登记任何政府信息公开工作记录（主动公开、依申请公开、行政复议和"
			  "行政诉讼、投诉举报等），以下各项数据均为零。");
	push_buf(doc, GK_RB_PARA, &b);
}

/* "全年举办政府信息公开培训班10次，接受培训人员1150人次。" and the staff, for
 * the figures staff entered; nothing when none was. */
static bool training_and_staff(struct gk_buf *b, const struct gk_annual *a)
{
	struct gk_buf scope;
	gk_buf_init(&scope, 0);
	who(&scope, a);
	bool any = false;
	if (a->figure_known[GK_YF_MEETINGS]) {
		gk_buf_printf(b, "全年召开政府信息公开工作会议或专题会议%" PRId64 "次。",
			      fig(a, GK_YF_MEETINGS));
		any = true;
	}
	bool ts = a->figure_known[GK_YF_TRAINING_SESSIONS];
	bool ta = a->figure_known[GK_YF_TRAINING_ATTENDANCE];
	if (ts && ta)
		gk_buf_printf(
			b, "全年举办政府信息公开培训班%" PRId64 "次，接受培训人员%" PRId64 "人次。",
			fig(a, GK_YF_TRAINING_SESSIONS), fig(a, GK_YF_TRAINING_ATTENDANCE));
	else if (ts)
		gk_buf_printf(b, "全年举办政府信息公开培训班%" PRId64 "次。",
			      fig(a, GK_YF_TRAINING_SESSIONS));
	else if (ta)
		gk_buf_printf(b, "全年接受政府信息公开培训人员%" PRId64 "人次。",
			      fig(a, GK_YF_TRAINING_ATTENDANCE));
	any = any || ts || ta;
	bool sf = a->figure_known[GK_YF_STAFF_FULL_TIME];
	bool sp = a->figure_known[GK_YF_STAFF_PART_TIME];
	if (sf && sp) {
		gk_buf_printf(b,
			      "%s从事政府信息公开工作人员%" PRId64 "人，其中专职人员%" PRId64
			      "人，兼职人员%" PRId64 "人。",
			      scope.data,
			      fig(a, GK_YF_STAFF_FULL_TIME) + fig(a, GK_YF_STAFF_PART_TIME),
			      fig(a, GK_YF_STAFF_FULL_TIME), fig(a, GK_YF_STAFF_PART_TIME));
	} else if (sf) {
		gk_buf_printf(b, "%s从事政府信息公开工作的专职人员%" PRId64 "人。", scope.data,
			      fig(a, GK_YF_STAFF_FULL_TIME));
	} else if (sp) {
		gk_buf_printf(b, "%s从事政府信息公开工作的兼职人员%" PRId64 "人。", scope.data,
			      fig(a, GK_YF_STAFF_PART_TIME));
	}
	gk_buf_release(&scope);
	return any || sf || sp;
}

static const char *const outlet_words[GK_OUTLET_COUNT] = {
	[GK_OUTLET_WEBSITE] = "政府网站", [GK_OUTLET_GAZETTE] = "政府公报",
	[GK_OUTLET_WEIBO] = "政务微博",   [GK_OUTLET_WECHAT] = "政务微信",
	[GK_OUTLET_OTHER] = "其他方式",
};

/* "主动公开政府信息N条，其中通过政府网站公开x条，占…；…。": the outlets with
 * their shares. One item may go out through several outlets, so their counts
 * may add up to more than the items: shares (with their base in the same
 * sentence) only when they do not, and a word on counting when they do. */
static void published_sentence(struct gk_buf *b, const struct gk_annual *a)
{
	gk_buf_printf(b, "主动公开政府信息%" PRId64 "条", a->items_published);
	int64_t sum = 0;
	for (int o = 0; o < GK_OUTLET_COUNT; o++)
		sum += a->by_outlet[o];
	bool shares = a->items_published > 0 && sum == a->items_published;
	if (sum > 0) {
		static const int order[] = {GK_OUTLET_WEBSITE, GK_OUTLET_GAZETTE, GK_OUTLET_WEIBO,
					    GK_OUTLET_WECHAT, GK_OUTLET_OTHER};
		for (int i = 0; i < GK_OUTLET_COUNT; i++) {
			int o = order[i];
			gk_buf_printf(b, "%s通过%s公开%" PRId64 "条", i ? "；" : "，其中",
				      outlet_words[o], a->by_outlet[o]);
			if (shares) {
				char pct[32];
				gk_render_share(pct, a->by_outlet[o], a->items_published);
				gk_buf_printf(b, "，占主动公开政府信息总数的%s", pct);
			}
		}
	}
	gk_buf_puts(b, "。");
	if (sum > a->items_published)
		gk_buf_puts(b, "同一信息通过多个渠道公开的，在各渠道分别计数。");
}

/* --- the 2019 and 2021 formats ------------------------------------------------------------ */

/* 一、总体情况 when staff wrote none: the figures under the format's
 * sub-topics (主动公开, 依申请公开, 政府信息管理, 监督保障), a paragraph each. */
static void overview_summary(struct gk_rdoc *doc)
{
	const struct gk_annual *a = doc->a;
	struct gk_buf b;
	gk_buf_init(&b, 0);
	gk_buf_printf(&b, "（一）主动公开。%d年，", a->year);
	who(&b, a);
	published_sentence(&b, a);
	gk_buf_printf(
		&b,
		"全年发布政策解读稿件%" PRId64 "篇，举办新闻发布会%" PRId64
		"次，组织政府网站在线访谈%" PRId64 "次，回应公众关注热点或重大舆情%" PRId64 "次。",
		a->interpretations, a->press_conferences, a->interviews, a->opinion_responses);
	push_buf(doc, GK_RB_PARA, &b);

	gk_buf_init(&b, 0);
	gk_buf_printf(&b,
		      "（二）依申请公开。全年共收到政府信息公开申请%" PRId64 "件，上年结转%" PRId64
		      "件，办结%" PRId64 "件，结转下年度继续办理%" PRId64 "件。",
		      t2(a, GK_T2_NEW), t2(a, GK_T2_CARRY_IN), t2(a, GK_T2_TOTAL),
		      t2(a, GK_T2_CARRY_OUT));
	if (a->concluded > 0)
		gk_buf_printf(&b, "办结的申请中，按时办结%" PRId64 "件，延期办结%" PRId64 "件。",
			      a->on_time, a->extended);
	push_buf(doc, GK_RB_PARA, &b);

	gk_buf_init(&b, 0);
	const double *rules = a->t1[GK_T1_NORMATIVE];
	if (doc->format == 2021)
		gk_buf_printf(
			&b,
			"（三）政府信息管理。本年制发行政规范性文件%.0f件，废止%.0f件，现行有效"
			"%.0f件。",
			rules[GK_T1_ISSUED], rules[GK_T1_REPEALED], rules[GK_T1_IN_FORCE]);
	else
		gk_buf_printf(
			&b,
			"（三）政府信息管理。本年新制作规范性文件%.0f件，新公开%.0f件，对外公开"
			"规范性文件总数%.0f件。",
			rules[GK_T1_MADE], rules[GK_T1_PUBLISHED], rules[GK_T1_PUBLIC_TOTAL]);
	push_buf(doc, GK_RB_PARA, &b);

	gk_buf_init(&b, 0);
	gk_buf_printf(&b,
		      "（四）监督保障。因政府信息公开被申请行政复议%" PRId64
		      "件，被提起行政诉讼%" PRId64 "件；收到涉及政府信息公开工作的投诉举报%" PRId64
		      "件。",
		      a->t3[GK_T3_REVIEW][GK_T3_ALL], a->t3[GK_T3_SUIT][GK_T3_ALL], a->complaints);
	training_and_staff(&b, a);
	push_buf(doc, GK_RB_PARA, &b);
}

/* 六: the staff's text, then the fees actually collected (always stated). */
static void other_matters(struct gk_rdoc *doc)
{
	const struct gk_annual *a = doc->a;
	bool wrote = staff_text(doc, a->sections[GK_SECTION_OTHER]);
	struct gk_buf b;
	gk_buf_init(&b, 0);
	char yuan[32];
	gk_render_yuan(yuan, a->fees_collected_fen);
	if (a->fees_collected_fen > 0 && a->fee_applications > 0)
		gk_buf_printf(&b,
			      "%d年，依据《政府信息公开信息处理费管理办法》，有%" PRId64
			      "件申请缴纳了信息处理费，实际收取信息处理费共计%s元。",
			      a->year, a->fee_applications, yuan);
	else if (a->fees_collected_fen > 0)
		gk_buf_printf(&b,
			      "%d年，依据《政府信息公开信息处理费管理办法》，实际收取信息处理费共计"
			      "%s元。",
			      a->year, yuan);
	else
		gk_buf_printf(&b, "%d年，未收取信息处理费。", a->year);
	if (!wrote)
		gk_buf_puts(&b, "除此之外，无其他需要报告的事项。");
	push_buf(doc, GK_RB_PARA, &b);
}

static void build_tables(struct gk_rdoc *doc)
{
	const struct gk_annual *a = doc->a;
	struct gk_buf b;
	gk_buf_init(&b, 0);
	gk_render_title(&b, a);
	push_buf(doc, GK_RB_TITLE, &b);

	gk_buf_init(&b, 0);
	gk_buf_printf(
		&b,
		"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民"
		"共和国政府信息公开工作年度报告格式》（%s）要求编制，由总体情况、主动公开政府"
		"信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、"
		"存在的主要问题及改进情况、其他需要报告的事项六部分组成。报告中所列数据的统计"
		"期限自%d年1月1日起至%d年12月31日止。",
		doc->format == 2021 ? "国办公开办函〔2021〕30号" : "国办公开办函〔2019〕60号",
		a->year, a->year);
	if (a->rollup) {
		gk_buf_puts(&b, "本报告汇总");
		who(&b, a);
		gk_buf_puts(&b, "的数据。");
	}
	push_buf(doc, GK_RB_PARA, &b);
	no_records(doc);

	heading(doc, 1, "总体情况");
	if (!staff_text(doc, a->sections[GK_SECTION_OVERVIEW]))
		overview_summary(doc);
	push(doc, GK_RB_CHARTS, NULL, 0);

	heading(doc, 2, "主动公开政府信息情况");
	push(doc, GK_RB_TABLE, NULL, 1);
	heading(doc, 3, "收到和处理政府信息公开申请情况");
	push(doc, GK_RB_TABLE, NULL, 2);
	heading(doc, 4, "政府信息公开行政复议、行政诉讼情况");
	push(doc, GK_RB_TABLE, NULL, 3);
	heading(doc, 5,
		doc->format == 2021 ? "存在的主要问题及改进情况"
				    : "政府信息公开工作存在的主要问题及改进情况");
	if (!staff_text(doc, a->sections[GK_SECTION_PROBLEMS]))
		push_str(doc, GK_RB_PARA, "无。");
	heading(doc, 6, "其他需要报告的事项");
	other_matters(doc);
}

/* --- the narrative style (reports on 2008–2018) ------------------------------------------- */

/* Opens a sentence with the year and the scope: "2017年，全市各级行政机关". */
static void open_sentence(struct gk_buf *b, const struct gk_annual *a)
{
	gk_buf_printf(b, "%d年，", a->year);
	who(b, a);
}

static void narrative_overview(struct gk_rdoc *doc)
{
	const struct gk_annual *a = doc->a;
	if (staff_text(doc, a->sections[GK_SECTION_OVERVIEW]))
		return;
	struct gk_buf b;
	gk_buf_init(&b, 0);
	open_sentence(&b, a);
	gk_buf_printf(&b,
		      "认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息%" PRId64
		      "条，回应公众关注热点或重大舆情%" PRId64 "次；收到政府信息公开申请%" PRId64
		      "件，办结%" PRId64 "件。",
		      a->items_published, a->opinion_responses, a->received, a->concluded);
	push_buf(doc, GK_RB_PARA, &b);
}

static void narrative_proactive(struct gk_rdoc *doc)
{
	const struct gk_annual *a = doc->a;
	struct gk_buf b;
	gk_buf_init(&b, 0);
	open_sentence(&b, a);
	published_sentence(&b, a);
	if (a->items_normative > 0)
		gk_buf_printf(&b, "全年主动公开规范性文件%" PRId64 "条。", a->items_normative);
	push_buf(doc, GK_RB_PARA, &b);

	gk_buf_init(&b, 0);
	gk_buf_printf(
		&b,
		"全年发布政策解读稿件%" PRId64 "篇，举办新闻发布会%" PRId64
		"次，组织政府网站在线访谈%" PRId64 "次，回应公众关注热点或重大舆情%" PRId64 "次。",
		a->interpretations, a->press_conferences, a->interviews, a->opinion_responses);
	if (a->press_conferences_leader > 0 || a->interviews_leader > 0)
		gk_buf_printf(&b,
			      "主要负责同志参加新闻发布会%" PRId64
			      "次、参加政府网站在线访谈%" PRId64 "次。",
			      a->press_conferences_leader, a->interviews_leader);
	int64_t rsum = 0;
	for (int c = 0; c < GK_RCHANNEL_COUNT; c++)
		rsum += a->responses_by_channel[c];
	if (rsum > 0) {
		gk_buf_puts(&b, "回应所用渠道：");
		bool first = true;
		for (int c = 0; c < GK_RCHANNEL_COUNT; c++) {
			if (!a->responses_by_channel[c])
				continue;
			gk_buf_printf(&b, "%s%s%" PRId64 "次", first ? "" : "，",
				      gk_response_channel_label((enum gk_response_channel)c),
				      a->responses_by_channel[c]);
			first = false;
		}
		gk_buf_puts(&b, "（一次回应使用多个渠道的，在各渠道分别计数）。");
	}
	push_buf(doc, GK_RB_PARA, &b);
}

static void narrative_requests(struct gk_rdoc *doc)
{
	const struct gk_annual *a = doc->a;
	struct gk_buf b;
	gk_buf_init(&b, 0);
	open_sentence(&b, a);
	/* the 统计表's four channels: e-mail counts as 网络 */
	static const char *const words[] = {"当面申请", "传真申请", "网络申请", "信函申请"};
	int64_t ch[4] = {0};
	for (int c = 0; c < GK_CHANNEL_COUNT; c++) {
		int s = (int)gk_channel_stat((enum gk_channel)c);
		if (s >= 0 && s < 4)
			ch[s] += a->received_by_channel[c];
	}
	if (a->received > 0) {
		gk_buf_printf(&b, "共收到政府信息公开申请%" PRId64 "件，其中", a->received);
		for (int i = 0; i < 4; i++) {
			char pct[32];
			gk_render_share(pct, ch[i], a->received);
			gk_buf_printf(&b, "%s%s%" PRId64 "件，占申请总数的%s", i ? "；" : "",
				      words[i], ch[i], pct);
		}
		gk_buf_puts(&b, "。");
	} else {
		gk_buf_puts(&b, "未收到政府信息公开申请。");
	}
	/* both carry-overs always stated: the next report's checker pairs them */
	gk_buf_printf(&b, "上年结转的申请%" PRId64 "件。", t2(a, GK_T2_CARRY_IN));
	push_buf(doc, GK_RB_PARA, &b);

	if (a->received > 0) {
		int64_t np = a->t2[GK_T2_NEW][GK_T2_NATURAL_PERSON];
		gk_buf_init(&b, 0);
		gk_buf_printf(&b,
			      "全年收到的%" PRId64 "件申请中，自然人提出%" PRId64
			      "件，法人或其他组织提出%" PRId64 "件。",
			      a->received, np, a->received - np);
		push_buf(doc, GK_RB_PARA, &b);
	}

	gk_buf_init(&b, 0);
	if (a->concluded > 0) {
		char p1[32], p2[32];
		gk_render_share(p1, a->on_time, a->concluded);
		gk_render_share(p2, a->extended, a->concluded);
		gk_buf_printf(&b,
			      "申请办结%" PRId64 "件，其中按时办结%" PRId64 "件，占办结总数的%s；"
			      "延期办结%" PRId64 "件，占办结总数的%s。",
			      a->concluded, a->on_time, p1, a->extended, p2);
		gk_buf_printf(&b, "全年答复政府信息公开申请%" PRId64 "件，其中", a->concluded);
		static const int order[] = {
			GK_PRE2019_ALREADY_PUBLIC, GK_PRE2019_GRANTED,         GK_PRE2019_PARTIAL,
			GK_PRE2019_REFUSED,        GK_PRE2019_NOT_THIS_AGENCY, GK_PRE2019_NOT_EXIST,
			GK_PRE2019_AMEND,          GK_PRE2019_OTHER_CHANNEL,
		};
		for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
			gk_buf_printf(&b, "%s%s的%" PRId64 "件", i ? "，" : "",
				      gk_report_pre2019_info((enum gk_pre2019)order[i])->label,
				      a->by_category[order[i]]);
		int64_t other = a->by_category[GK_PRE2019_OTHER] + a->by_category[GK_PRE2019_NONE];
		gk_buf_printf(&b, "，其他情形%" PRId64 "件。", other);
	} else {
		gk_buf_puts(&b, "全年没有办结的政府信息公开申请。");
	}
	gk_buf_printf(&b, "截至%d年12月31日尚未办结、结转下年度继续办理的申请%" PRId64 "件。",
		      a->year, a->carried_out);
	push_buf(doc, GK_RB_PARA, &b);

	int64_t refused = a->by_category[GK_PRE2019_REFUSED];
	if (refused > 0) {
		gk_buf_init(&b, 0);
		gk_buf_printf(&b, "不同意公开的申请共%" PRId64 "件，其中", refused);
		bool first = true;
		for (int r = 1; r < GK_REFUSAL_COUNT; r++) {
			gk_buf_printf(&b, "%s%s的%" PRId64 "件", first ? "" : "，",
				      gk_report_refusal_info((enum gk_refusal)r)->label,
				      a->refused_by_reason[r]);
			first = false;
		}
		if (a->refused_by_reason[GK_REFUSAL_NONE] > 0)
			gk_buf_printf(&b, "，未注明理由的%" PRId64 "件",
				      a->refused_by_reason[GK_REFUSAL_NONE]);
		gk_buf_puts(&b, "。");
		push_buf(doc, GK_RB_PARA, &b);
	}
}

static void narrative_fees(struct gk_rdoc *doc)
{
	const struct gk_annual *a = doc->a;
	struct gk_buf b;
	gk_buf_init(&b, 0);
	open_sentence(&b, a);
	char yuan[32];
	gk_render_yuan(yuan, a->fees_collected_fen);
	if (a->fees_collected_fen > 0)
		gk_buf_printf(&b,
			      "依申请提供政府信息，共收取检索、复制、邮寄等费用%s元，未予减免。",
			      yuan);
	else
		gk_buf_puts(&b, "依申请提供政府信息，未收取检索、复制、邮寄等任何费用。");
	push_buf(doc, GK_RB_PARA, &b);
}

static void narrative_disputes(struct gk_rdoc *doc)
{
	const struct gk_annual *a = doc->a;
	const int64_t *rv = a->t3[GK_T3_REVIEW], *st = a->t3[GK_T3_SUIT];
	struct gk_buf b;
	gk_buf_init(&b, 0);
	open_sentence(&b, a);
	if (rv[GK_T3_ALL] > 0) {
		gk_buf_printf(&b,
			      "因政府信息公开被申请行政复议%" PRId64
			      "件，其中维持具体行政行为%" PRId64 "件，被依法纠错%" PRId64
			      "件，其他情形%" PRId64 "件",
			      rv[GK_T3_ALL], rv[GK_T3_UPHELD], rv[GK_T3_CORRECTED],
			      rv[GK_T3_OTHER_RESULT]);
		if (rv[GK_T3_PENDING] > 0)
			gk_buf_printf(&b, "，尚未审结%" PRId64 "件", rv[GK_T3_PENDING]);
		gk_buf_puts(&b, "。");
	} else {
		gk_buf_puts(&b, "未发生因政府信息公开申请行政复议的案件。");
	}
	push_buf(doc, GK_RB_PARA, &b);

	gk_buf_init(&b, 0);
	if (st[GK_T3_ALL] > 0) {
		gk_buf_printf(&b,
			      "因政府信息公开被提起行政诉讼%" PRId64
			      "件，其中维持具体行政行为或者驳回原告诉讼请求%" PRId64
			      "件，被依法纠错%" PRId64 "件，其他情形%" PRId64 "件",
			      st[GK_T3_ALL], st[GK_T3_UPHELD], st[GK_T3_CORRECTED],
			      st[GK_T3_OTHER_RESULT]);
		if (st[GK_T3_PENDING] > 0)
			gk_buf_printf(&b, "，尚未审结%" PRId64 "件", st[GK_T3_PENDING]);
		gk_buf_puts(&b, "。");
		if (a->t3[GK_T3_SUIT_AFTER_REVIEW][GK_T3_ALL] > 0)
			gk_buf_printf(&b, "上述行政诉讼中，经行政复议后起诉的%" PRId64 "件。",
				      a->t3[GK_T3_SUIT_AFTER_REVIEW][GK_T3_ALL]);
	} else {
		gk_buf_puts(&b, "未发生因政府信息公开提起行政诉讼的案件。");
	}
	push_buf(doc, GK_RB_PARA, &b);
}

static void narrative_complaints(struct gk_rdoc *doc)
{
	const struct gk_annual *a = doc->a;
	struct gk_buf b;
	gk_buf_init(&b, 0);
	open_sentence(&b, a);
	if (a->complaints > 0) {
		gk_buf_printf(&b, "共受理涉及政府信息公开工作的投诉举报%" PRId64 "件",
			      a->complaints);
		if (a->complaints_closed == a->complaints)
			gk_buf_puts(&b, "，均已在年内处理完毕。");
		else
			gk_buf_printf(&b,
				      "，年内处理完毕%" PRId64 "件，其余%" PRId64 "件仍在处理中。",
				      a->complaints_closed, a->complaints - a->complaints_closed);
	} else {
		gk_buf_puts(&b, "未收到涉及政府信息公开工作的投诉举报。");
	}
	push_buf(doc, GK_RB_PARA, &b);
}

static void narrative_work(struct gk_rdoc *doc)
{
	const struct gk_annual *a = doc->a;
	struct gk_buf b;
	gk_buf_init(&b, 0);
	if (!training_and_staff(&b, a))
		gk_buf_printf(&b, "%d年培训和工作人员情况未填报。", a->year);
	push_buf(doc, GK_RB_PARA, &b);
}

static void build_narrative(struct gk_rdoc *doc)
{
	const struct gk_annual *a = doc->a;
	struct gk_buf b;
	gk_buf_init(&b, 0);
	gk_render_title(&b, a);
	push_buf(doc, GK_RB_TITLE, &b);

	gk_buf_init(&b, 0);
	gk_buf_printf(&b,
		      "本年度报告根据《中华人民共和国政府信息公开条例》（国务院令第492号，以下简称"
		      "《条例》）要求，结合%d年",
		      a->year);
	who(&b, a);
	gk_buf_printf(
		&b,
		"政府信息公开工作实际编制而成，由概述、主动公开政府信息情况、依申请公开政府"
		"信息情况、政府信息公开的收费及减免情况、因政府信息公开申请行政复议和提起行政"
		"诉讼的情况、投诉举报情况、政府信息公开培训和工作人员情况、存在的主要问题及改进"
		"措施、其他需要报告的事项九部分组成，内容涵盖%d年1月1日至%d年12月31日的政府信息"
		"公开工作情况。",
		a->year, a->year);
	push_buf(doc, GK_RB_PARA, &b);
	no_records(doc);

	heading(doc, 1, "概述");
	narrative_overview(doc);
	push(doc, GK_RB_CHARTS, NULL, 0);
	heading(doc, 2, "主动公开政府信息情况");
	narrative_proactive(doc);
	heading(doc, 3, "依申请公开政府信息情况");
	narrative_requests(doc);
	heading(doc, 4, "政府信息公开的收费及减免情况");
	narrative_fees(doc);
	heading(doc, 5, "因政府信息公开申请行政复议和提起行政诉讼的情况");
	narrative_disputes(doc);
	heading(doc, 6, "投诉举报情况");
	narrative_complaints(doc);
	heading(doc, 7, "政府信息公开培训和工作人员情况");
	narrative_work(doc);
	heading(doc, 8, "存在的主要问题及改进措施");
	if (!staff_text(doc, a->sections[GK_SECTION_PROBLEMS]))
		push_str(doc, GK_RB_PARA, "无。");
	heading(doc, 9, "其他需要报告的事项");
	if (!staff_text(doc, a->sections[GK_SECTION_OTHER]))
		push_str(doc, GK_RB_PARA, "无。");
}

enum gk_err gk_rdoc_build(struct gk_rdoc *doc, const struct gk_annual *a)
{
	memset(doc, 0, sizeof *doc);
	doc->a = a;
	doc->format = a->style == GK_STYLE_2021 ? 2021 : a->style == GK_STYLE_2019 ? 2019 : 0;
	if (doc->format)
		build_tables(doc);
	else
		build_narrative(doc);
	return doc->oom ? GK_ENOMEM : GK_OK;
}

void gk_rdoc_free(struct gk_rdoc *doc)
{
	for (size_t i = 0; i < doc->n; i++)
		free(doc->blocks[i].text);
	free(doc->blocks);
	memset(doc, 0, sizeof *doc);
}

/* --- the grids ------------------------------------------------------------------------------ */

static struct gk_rcell *cell(struct gk_rgrid *g, int r, int c, const char *text, int rowspan,
			     int colspan, unsigned flags)
{
	for (int i = r; i < r + rowspan; i++)
		for (int j = c; j < c + colspan; j++)
			g->c[i][j].flags |= GK_RCELL_COVERED;
	struct gk_rcell *x = &g->c[r][c];
	x->text = text;
	x->rowspan = rowspan;
	x->colspan = colspan;
	x->flags = flags;
	if (r + rowspan > g->rows)
		g->rows = r + rowspan;
	return x;
}

static void num_cell(struct gk_rgrid *g, int r, int c, int64_t v, int colspan)
{
	struct gk_rcell *x = cell(g, r, c, NULL, 1, colspan, GK_RCELL_NUM);
	snprintf(x->num, sizeof x->num, "%" PRId64, v);
	x->text = x->num;
}

static void grid_t1(struct gk_rgrid *g, const struct gk_annual *a, int format)
{
	g->cols = 4;
	g->nhead = 0;
	int r = 0;
	const char *block = NULL;
	for (int row = 0; row < GK_T1_NROWS; row++) {
		int k = gk_report_t1_cols(format, row);
		if (k == 0)
			continue;
		const struct gk_t1_row_info *ri = gk_report_t1_row_info((enum gk_t1_row)row);
		if (!block || strcmp(block, ri->block)) {
			block = ri->block;
			cell(g, r++, 0, block, 1, 4, GK_RCELL_HEAD);
			cell(g, r, 0, "信息内容", 1, 1, GK_RCELL_HEAD);
			for (int p = 0, c = 1; p < k; p++) {
				int span = p == k - 1 ? 4 - c : 1;
				const struct gk_t1_col_info *ci =
					gk_report_t1_col_info(gk_report_t1_col(format, row, p));
				cell(g, r, c, ci->label, 1, span, GK_RCELL_HEAD);
				c += span;
			}
			r++;
		}
		cell(g, r, 0, gk_report_t1_row_name(format, row), 1, 1, GK_RCELL_HEAD);
		for (int p = 0, c = 1; p < k; p++) {
			int span = p == k - 1 ? 4 - c : 1;
			enum gk_t1_col col = gk_report_t1_col(format, row, p);
			struct gk_rcell *x = cell(g, r, c, NULL, 1, span, GK_RCELL_NUM);
			gk_render_t1_value(x->num, a->t1[row][col],
					   gk_report_t1_col_info(col)->kind);
			x->text = x->num;
			c += span;
		}
		r++;
	}
}

/* The number of data rows of FORMAT in section SECTION of 三、本年度办理结果
 * (SECTION 0: all of them). */
static int result_rows(int format, int section)
{
	int n = 0;
	for (int r = 0; r < GK_T2_NROWS; r++) {
		const struct gk_t2_row_info *ri = gk_report_t2_row_info((enum gk_t2_row)r);
		if (gk_report_t2_in_format((enum gk_t2_row)r, format) && ri->section > 0 &&
		    (section == 0 || ri->section == section))
			n++;
	}
	return n;
}

static void grid_t2(struct gk_rgrid *g, const struct gk_annual *a, int format)
{
	g->cols = 3 + GK_T2_COLS;
	g->nhead = 3;
	cell(g, 0, 0, "（" GK_T2_BALANCE_NOTE "）", 3, 3, GK_RCELL_HEAD | GK_RCELL_NOTE);
	cell(g, 0, 3, "申请人情况", 1, GK_T2_COLS, GK_RCELL_HEAD);
	cell(g, 1, 3, gk_report_t2_col_info(GK_T2_NATURAL_PERSON)->label, 2, 1, GK_RCELL_HEAD);
	cell(g, 1, 4, gk_report_t2_col_info(GK_T2_BUSINESS)->group, 1, GK_T2_ALL - 1,
	     GK_RCELL_HEAD);
	cell(g, 1, 3 + GK_T2_ALL, gk_report_t2_col_info(GK_T2_ALL)->label, 2, 1, GK_RCELL_HEAD);
	for (int c = GK_T2_BUSINESS; c < GK_T2_ALL; c++)
		cell(g, 2, 3 + c, gk_report_t2_col_info((enum gk_t2_col)c)->label, 1, 1,
		     GK_RCELL_HEAD);
	int r = 3;
	bool results_open = false;
	int section_open = -1;
	for (int row = 0; row < GK_T2_NROWS; row++) {
		if (!gk_report_t2_in_format((enum gk_t2_row)row, format))
			continue;
		const struct gk_t2_row_info *ri = gk_report_t2_row_info((enum gk_t2_row)row);
		if (ri->section == 0) {
			cell(g, r, 0, ri->label, 1, 3, GK_RCELL_HEAD);
		} else {
			if (!results_open) {
				cell(g, r, 0, GK_T2_RESULTS_LABEL, result_rows(format, 0), 1,
				     GK_RCELL_HEAD);
				results_open = true;
			}
			if (ri->item == 0) {
				cell(g, r, 1, ri->label, 1, 2, GK_RCELL_HEAD);
			} else {
				if (section_open != ri->section) {
					cell(g, r, 1, gk_report_t2_heading((enum gk_t2_row)row),
					     result_rows(format, ri->section), 1, GK_RCELL_HEAD);
					section_open = ri->section;
				}
				cell(g, r, 2, ri->label, 1, 1, GK_RCELL_HEAD);
			}
		}
		for (int c = 0; c < GK_T2_COLS; c++)
			num_cell(g, r, 3 + c, a->t2[row][c], 1);
		r++;
	}
}

static void grid_t3(struct gk_rgrid *g, const struct gk_annual *a)
{
	g->cols = GK_T3_NGROUPS * GK_T3_NCOLS;
	g->nhead = 3;
	cell(g, 0, 0, gk_report_t3_group_info(GK_T3_REVIEW)->label, 2, GK_T3_NCOLS, GK_RCELL_HEAD);
	cell(g, 0, GK_T3_NCOLS, GK_T3_SUIT_LABEL, 1, 2 * GK_T3_NCOLS, GK_RCELL_HEAD);
	cell(g, 1, GK_T3_NCOLS, gk_report_t3_group_info(GK_T3_DIRECT_SUIT)->label, 1, GK_T3_NCOLS,
	     GK_RCELL_HEAD);
	cell(g, 1, 2 * GK_T3_NCOLS, gk_report_t3_group_info(GK_T3_SUIT_AFTER_REVIEW)->label, 1,
	     GK_T3_NCOLS, GK_RCELL_HEAD);
	for (int grp = 0; grp < GK_T3_NGROUPS; grp++)
		for (int c = 0; c < GK_T3_NCOLS; c++) {
			cell(g, 2, grp * GK_T3_NCOLS + c,
			     gk_report_t3_col_info((enum gk_t3_col)c)->label, 1, 1, GK_RCELL_HEAD);
			num_cell(g, 3, grp * GK_T3_NCOLS + c, a->t3[grp][c], 1);
		}
}

void gk_rgrid_build(struct gk_rgrid *g, const struct gk_annual *a, int format, int table)
{
	memset(g, 0, sizeof *g);
	if (table == 1)
		grid_t1(g, a, format);
	else if (table == 2)
		grid_t2(g, a, format);
	else
		grid_t3(g, a);
}

/* --- the entry point ------------------------------------------------------------------------ */

enum gk_err gk_annual_prose(const struct gk_annual *a,
			    int (*fn)(bool heading, const char *text, void *ctx), void *ctx,
			    struct gk_error *err)
{
	struct gk_rdoc doc;
	enum gk_err rc = gk_rdoc_build(&doc, a);
	for (size_t i = 0; rc == GK_OK && i < doc.n; i++) {
		const struct gk_rblock *b = &doc.blocks[i];
		if ((b->kind == GK_RB_HEADING || b->kind == GK_RB_PARA) &&
		    fn(b->kind == GK_RB_HEADING, b->text ? b->text : "", ctx))
			break;
	}
	gk_rdoc_free(&doc);
	return rc ? gk_fail(err, rc, "out of memory") : GK_OK;
}

enum gk_err gk_annual_render(const struct gk_annual *a, enum gk_annual_format format,
			     const struct gk_annual_history *history, struct gk_buf *out,
			     struct gk_error *err)
{
	struct gk_rdoc doc;
	enum gk_err rc = gk_rdoc_build(&doc, a);
	if (rc == GK_OK) {
		switch (format) {
		case GK_OUT_TEXT:
			rc = gk_render_text(&doc, out);
			break;
		case GK_OUT_MARKDOWN:
			rc = gk_render_markdown(&doc, out);
			break;
		case GK_OUT_JSON:
			rc = gk_render_json(&doc, out);
			break;
		case GK_OUT_HTML:
			rc = gk_render_html(&doc, history, out);
			break;
		default:
			rc = GK_EINVAL;
		}
	}
	gk_rdoc_free(&doc);
	if (rc == GK_OK && out->failed)
		rc = (enum gk_err)out->failed;
	if (rc == GK_EINVAL)
		return gk_fail(err, GK_EINVAL, "年度报告：没有格式%d", (int)format);
	if (rc != GK_OK)
		return gk_fail(err, rc, "生成年度报告时内存不足");
	return GK_OK;
}
