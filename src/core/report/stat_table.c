/* The pre-2019 统计表 (《政府信息公开情况统计表》, 国办发〔2014〕32号, RULES §3.E)
 * of a narrative-style report, row by row: drawn as a grid by the PDF and
 * XLSX (output/annual_grid.c) and given as rows by the JSON. */
#include <stdio.h>

#include "core/intake.h"
#include "core/report/annual.h"
#include "core/report/tables.h"

struct stat {
	void (*fn)(const struct gk_stat_row *row, void *ctx);
	void *ctx;
};

static void row(struct stat *s, int level, const char *label, const char *unit,
		enum gk_stat_kind kind, double value)
{
	struct gk_stat_row r = {level, label, unit, kind, value};
	s->fn(&r, s->ctx);
}

static void count(struct stat *s, int level, const char *label, const char *unit, int64_t n)
{
	row(s, level, label, unit, GK_STAT_COUNT, (double)n);
}

/* A figure staff enter: blank when nobody entered it. */
static void figure(struct stat *s, const struct gk_annual *a, int level, const char *label,
		   const char *unit, enum gk_year_figure f)
{
	row(s, level, label, unit, a->figure_known[f] ? GK_STAT_COUNT : GK_STAT_BLANK,
	    (double)a->figures[f]);
}

/* The rows the system has figures for; rows of the 2014 table it cannot
 * know (专门机构数, 查阅点数, 专项经费) are left out rather than printed as 0. */
void gk_annual_stat_rows(const struct gk_annual *a,
			 void (*fn)(const struct gk_stat_row *row, void *ctx), void *ctx)
{
	struct stat st = {fn, ctx}, *s = &st;
	row(s, 0, "一、主动公开情况", NULL, GK_STAT_HEADING, 0);
	count(s, 1, "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "条",
	      a->items_published);
	count(s, 2, "其中：主动公开规范性文件数", "条", a->items_normative);
	count(s, 2, "制发规范性文件总数", "件", (int64_t)a->t1[GK_T1_NORMATIVE][GK_T1_MADE]);
	row(s, 1, "（二）通过不同渠道和方式公开政府信息的情况", NULL, GK_STAT_HEADING, 0);
	static const struct {
		enum gk_outlet outlet;
		const char *label;
	} outlets[] = {
		{GK_OUTLET_GAZETTE, "1．政府公报公开政府信息数"},
		{GK_OUTLET_WEBSITE, "2．政府网站公开政府信息数"},
		{GK_OUTLET_WEIBO, "3．政务微博公开政府信息数"},
		{GK_OUTLET_WECHAT, "4．政务微信公开政府信息数"},
		{GK_OUTLET_OTHER, "5．其他方式公开政府信息数"},
	};
	for (size_t i = 0; i < sizeof outlets / sizeof outlets[0]; i++)
		count(s, 2, outlets[i].label, "条", a->by_outlet[outlets[i].outlet]);

	row(s, 0, "二、回应解读情况", NULL, GK_STAT_HEADING, 0);
	count(s, 1, "（一）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次）", "次",
	      a->opinion_responses);
	row(s, 1, "（二）通过不同渠道和方式回应解读的情况", NULL, GK_STAT_HEADING, 0);
	count(s, 2, "1．参加或举办新闻发布会总次数", "次", a->press_conferences);
	count(s, 3, "其中：主要负责同志参加新闻发布会次数", "次", a->press_conferences_leader);
	count(s, 2, "2．政府网站在线访谈次数", "次", a->interviews);
	count(s, 3, "其中：主要负责同志参加政府网站在线访谈次数", "次", a->interviews_leader);
	count(s, 2, "3．政策解读稿件发布数", "篇", a->interpretations);
	/* events: a response by microblog and WeChat is one event */
	count(s, 2, "4．微博微信回应事件数", "次", a->responses_weibo_wechat);
	count(s, 2, "5．其他方式回应事件数", "次", a->responses_other_ways);

	row(s, 0, "三、依申请公开情况", NULL, GK_STAT_HEADING, 0);
	count(s, 1, "（一）收到申请数", "件", a->received);
	static const struct {
		enum gk_channel channel;
		const char *label;
	} channels[] = {
		{GK_CHANNEL_IN_PERSON, "1．当面申请数"},
		{GK_CHANNEL_FAX, "2．传真申请数"},
		{GK_CHANNEL_ONLINE, "3．网络申请数"},
		{GK_CHANNEL_LETTER, "4．信函申请数"},
	};
	for (size_t i = 0; i < sizeof channels / sizeof channels[0]; i++) {
		int64_t n = 0;
		for (int c = 0; c < GK_CHANNEL_COUNT; c++)
			if (gk_channel_stat((enum gk_channel)c) == channels[i].channel)
				n += a->received_by_channel[c];
		count(s, 2, channels[i].label, "件", n);
	}
	count(s, 1, "（二）申请办结数", "件", a->concluded);
	count(s, 2, "1．按时办结数", "件", a->on_time);
	count(s, 2, "2．延期办结数", "件", a->extended);
	int64_t answered = 0;
	for (int k = 0; k < GK_PRE2019_COUNT; k++)
		if (gk_report_pre2019_info((enum gk_pre2019)k)->stat_item > 0)
			answered += a->by_category[k];
	count(s, 1, "（三）申请答复数", "件", answered);
	char label[256];
	for (int k = 0; k < GK_PRE2019_COUNT; k++) {
		const struct gk_pre2019_info *pi = gk_report_pre2019_info((enum gk_pre2019)k);
		if (pi->stat_item == 0)
			continue;
		snprintf(label, sizeof label, "%d．%s", pi->stat_item, pi->stat_label);
		count(s, 2, label, "件", a->by_category[k]);
		if (k != GK_PRE2019_REFUSED)
			continue;
		for (int r = 0; r < GK_REFUSAL_COUNT; r++) {
			const struct gk_refusal_info *ri =
				gk_report_refusal_info((enum gk_refusal)r);
			if (!ri->label[0])
				continue;
			snprintf(label, sizeof label, "其中：%s", ri->label);
			count(s, 3, label, "件", a->refused_by_reason[r]);
		}
	}

	/* 其他情形 holds the other results and the cases still pending */
	static const char *const review_rows[] = {"（一）维持具体行政行为数", "（二）被依法纠错数",
						  "（三）其他情形数"};
	static const char *const suit_rows[] = {"（一）维持具体行政行为或者驳回原告诉讼请求数",
						"（二）被依法纠错数", "（三）其他情形数"};
	static const struct {
		enum gk_t3_group group;
		const char *label;
		const char *const *rows;
	} disputes[] = {
		{GK_T3_REVIEW, "四、行政复议数量", review_rows},
		{GK_T3_SUIT, "五、行政诉讼数量", suit_rows},
	};
	for (size_t i = 0; i < 2; i++) {
		const int64_t *t = a->t3[disputes[i].group];
		count(s, 0, disputes[i].label, "件", t[GK_T3_ALL]);
		count(s, 1, disputes[i].rows[0], "件", t[GK_T3_UPHELD]);
		count(s, 1, disputes[i].rows[1], "件", t[GK_T3_CORRECTED]);
		count(s, 1, disputes[i].rows[2], "件", t[GK_T3_OTHER_RESULT] + t[GK_T3_PENDING]);
	}
	count(s, 0, "六、举报投诉数量", "件", a->complaints);
	row(s, 0, "七、依申请公开信息收取的费用", "万元", GK_STAT_AMOUNT,
	    (double)a->fees_collected_fen / 1e6);

	row(s, 0, "八、机构建设和保障经费情况", NULL, GK_STAT_HEADING, 0);
	bool staff_known =
		a->figure_known[GK_YF_STAFF_FULL_TIME] || a->figure_known[GK_YF_STAFF_PART_TIME];
	row(s, 1, "（三）从事政府信息公开工作人员数", "人",
	    staff_known ? GK_STAT_COUNT : GK_STAT_BLANK,
	    (double)(a->figures[GK_YF_STAFF_FULL_TIME] + a->figures[GK_YF_STAFF_PART_TIME]));
	figure(s, a, 2, "1．专职人员数（不包括政府公报及政府网站工作人员数）", "人",
	       GK_YF_STAFF_FULL_TIME);
	figure(s, a, 2, "2．兼职人员数", "人", GK_YF_STAFF_PART_TIME);

	row(s, 0, "九、政府信息公开会议和培训情况", NULL, GK_STAT_HEADING, 0);
	figure(s, a, 1, "（一）召开政府信息公开工作会议或专题会议数", "次", GK_YF_MEETINGS);
	figure(s, a, 1, "（二）举办各类培训班数", "次", GK_YF_TRAINING_SESSIONS);
	figure(s, a, 1, "（三）接受培训人员数", "人次", GK_YF_TRAINING_ATTENDANCE);
}
