/* The report's blocks in the order of its style, and the few sentences the documents generate.
 *
 * The generated sentences stand in for the narrative of core/report/render*.c
 * (being written at the same time): each part's sentences come from one
 * function here, so that narrative can take their place part by part. */
#include "output/annual_body.h"

#include <stdlib.h>
#include <string.h>

#include "core/intake.h"
#include "core/item.h"
#include "core/records.h"

#define NOTHING "无" /* a part with nothing to report (RULES §3.A) */

/* Headings of the narrative style: the parts of 2008 条例 art. 32 (RULES §3.E). */
static const char *const narrative_headings[] = {
	"一、概述",
	"二、主动公开政府信息情况",
	"三、依申请公开政府信息情况",
	"四、政府信息公开的收费及减免情况",
	"五、因政府信息公开申请行政复议、提起行政诉讼的情况",
	"六、存在的主要问题及改进措施",
	"七、其他需要报告的事项",
};

/* Appends a block owning TEXT (freed here if it cannot be added). */
static enum gk_err push(struct gk_body *body, enum gk_block_kind kind, char *text, int grid)
{
	if (body->nblocks == body->cap) {
		int cap = body->cap ? 2 * body->cap : 64;
		struct gk_block *more = realloc(body->blocks, (size_t)cap * sizeof *more);
		if (!more) {
			free(text);
			return GK_ENOMEM;
		}
		body->blocks = more;
		body->cap = cap;
	}
	body->blocks[body->nblocks++] = (struct gk_block){kind, text, grid};
	return GK_OK;
}

static enum gk_err add_block(struct gk_body *body, enum gk_block_kind kind, const char *text,
			     int grid)
{
	char *copy = NULL;
	if (text && !(copy = strdup(text)))
		return GK_ENOMEM;
	return push(body, kind, copy, grid);
}

/* Adds B's text as a paragraph (nothing if empty) and empties B. */
static enum gk_err flush(struct gk_body *body, struct gk_buf *b)
{
	if (b->failed)
		return (enum gk_err)b->failed;
	enum gk_err rc = b->len ? add_block(body, GK_BLOCK_PARAGRAPH, b->data, 0) : GK_OK;
	gk_buf_reset(b);
	return rc;
}

/* The staff's text of SECTION: one paragraph per non-blank line. Returns
 * how many paragraphs through *N. */
static enum gk_err add_section_text(struct gk_body *body, const char *text, int *n)
{
	*n = 0;
	for (const char *p = text; p && *p;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *s = p, *e = p + len;
		while (s < e && (*s == ' ' || *s == '\t' || *s == '\r'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			e--;
		/* full-width spaces staff type to indent: the layout indents */
		while (e - s >= 3 && !memcmp(s, "\xe3\x80\x80", 3))
			s += 3;
		if (e > s) {
			char *para = strndup(s, (size_t)(e - s));
			if (!para || push(body, GK_BLOCK_PARAGRAPH, para, 0))
				return GK_ENOMEM;
			(*n)++;
		}
		p = end ? end + 1 : p + len;
	}
	return GK_OK;
}

static void money(struct gk_buf *b, int64_t fen)
{
	if (fen % 100 == 0)
		gk_buf_printf(b, "%lld元", (long long)(fen / 100));
	else
		gk_buf_printf(b, "%lld.%02lld元", (long long)(fen / 100), (long long)(fen % 100));
}

/* N's share of TOTAL in per cent, two decimals, rounded half up. */
static void share(struct gk_buf *b, int64_t n, int64_t total)
{
	if (total <= 0)
		return;
	int64_t basis = (n * 20000 / total + 1) / 2; /* hundredths of a per cent */
	gk_buf_printf(b, "（占%lld.%02lld%%）", (long long)(basis / 100), (long long)(basis % 100));
}

/* Who the report speaks for: "本机关", or a roll-up's agency "及所属机关". */
static void subject(struct gk_buf *b, const struct gk_annual *a)
{
	if (a->rollup && a->nagencies > 1)
		gk_buf_printf(b, "%s及所属机关", a->agency_name);
	else
		gk_buf_puts(b, "本机关");
}

/* Information-processing fees exist since 国办函〔2020〕109号 (in force
 * 2021-01-01); before, applicants paid costs of retrieval, copying and post. */
enum gk_err gk_body_fee_sentence(const struct gk_annual *a, struct gk_buf *out)
{
	bool measures = a->year >= 2021;
	gk_buf_printf(out, "%d年，", a->year);
	subject(out, a);
	if (a->fees_collected_fen <= 0)
		return gk_buf_puts(out, measures ? "未收取政府信息公开信息处理费。"
						 : "未收取政府信息公开相关费用。");
	if (measures)
		gk_buf_puts(out, "依照《政府信息公开信息处理费管理办法》共收取信息处理费");
	else
		gk_buf_puts(out, "共收取政府信息公开相关费用");
	money(out, a->fees_collected_fen);
	if (a->fee_applications > 0)
		gk_buf_printf(out, "，涉及%lld件政府信息公开申请", (long long)a->fee_applications);
	return gk_buf_puts(out, "。");
}

/* The opening paragraph: what the report is based on, its period, whose it is. */
static enum gk_err preamble(struct gk_body *body, const struct gk_annual *a, struct gk_buf *b)
{
	if (a->style == GK_STYLE_NARRATIVE)
		gk_buf_puts(
			b,
			"本报告根据《中华人民共和国政府信息公开条例》（国务院令第492号）的规定编制。");
	else
		gk_buf_puts(b, "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）"
			       "第五十条的规定编制。");
	gk_buf_printf(b,
		      "报告中所列数据的统计期限自%d年1月1日起至%d年12月31日止，均由政府信息公开"
		      "工作的办理记录统计生成。",
		      a->year, a->year);
	if (a->rollup && a->nagencies > 1)
		gk_buf_printf(b, "本报告汇总%s及其所属共%d个机关的数据。", a->agency_name,
			      a->nagencies);
	if (a->records == 0) {
		gk_buf_printf(b, "%d年", a->year);
		subject(b, a);
		gk_buf_puts(b, "没有政府信息公开工作的记录，以下各项数字均为零。");
	}
	return flush(body, b);
}

/* --- the narrative style's generated parts -------------------------------------------- */

static enum gk_err narrative_overview(struct gk_body *body, const struct gk_annual *a,
				      struct gk_buf *b)
{
	const int64_t *f = a->figures;
	const bool *known = a->figure_known;
	const char *sep = "";
	if (known[GK_YF_STAFF_FULL_TIME] || known[GK_YF_STAFF_PART_TIME]) {
		gk_buf_printf(b, "从事政府信息公开工作人员%lld人，其中专职%lld人、兼职%lld人",
			      (long long)(f[GK_YF_STAFF_FULL_TIME] + f[GK_YF_STAFF_PART_TIME]),
			      (long long)f[GK_YF_STAFF_FULL_TIME],
			      (long long)f[GK_YF_STAFF_PART_TIME]);
		sep = "；";
	}
	if (known[GK_YF_MEETINGS]) {
		gk_buf_printf(b, "%s召开政府信息公开工作会议或专题会议%lld次", sep,
			      (long long)f[GK_YF_MEETINGS]);
		sep = "；";
	}
	if (known[GK_YF_TRAINING_SESSIONS] || known[GK_YF_TRAINING_ATTENDANCE]) {
		gk_buf_printf(b, "%s举办政府信息公开培训班%lld期，培训%lld人次", sep,
			      (long long)f[GK_YF_TRAINING_SESSIONS],
			      (long long)f[GK_YF_TRAINING_ATTENDANCE]);
		sep = "；";
	}
	if (*sep) {
		gk_buf_puts(b, "。");
		return flush(body, b);
	}
	return GK_OK;
}

static enum gk_err narrative_proactive(struct gk_body *body, const struct gk_annual *a,
				       struct gk_buf *b)
{
	gk_buf_printf(b, "%d年主动公开政府信息%lld条，其中规范性文件%lld条。", a->year,
		      (long long)a->items_published, (long long)a->items_normative);
	gk_buf_puts(b, "按公开渠道统计（同一信息通过多个渠道公开的，在每个渠道各计1条）：");
	for (int o = 0; o < GK_OUTLET_COUNT; o++)
		gk_buf_printf(b, "%s%s%lld条", o ? "，" : "", gk_outlet_label((enum gk_outlet)o),
			      (long long)a->by_outlet[o]);
	gk_buf_puts(b, "。");
	enum gk_err rc = flush(body, b);
	if (rc)
		return rc;
	gk_buf_printf(
		b,
		"回应公众关注热点或重大舆情%lld次（同一热点通过不同方式回应的计1次）；"
		"参加或举办新闻发布会%lld次，其中主要负责同志参加%lld次；"
		"政府网站在线访谈%lld次，其中主要负责同志参加%lld次；发布政策解读稿件%lld篇。",
		(long long)a->opinion_responses, (long long)a->press_conferences,
		(long long)a->press_conferences_leader, (long long)a->interviews,
		(long long)a->interviews_leader, (long long)a->interpretations);
	return flush(body, b);
}

static enum gk_err narrative_applications(struct gk_body *body, const struct gk_annual *a,
					  struct gk_buf *b)
{
	gk_buf_printf(b, "%d年共收到政府信息公开申请%lld件", a->year, (long long)a->received);
	if (a->received > 0) {
		gk_buf_puts(b, "，其中");
		const char *sep = "";
		for (int c = 0; c < GK_CHANNEL_COUNT; c++) {
			if (a->received_by_channel[c] == 0)
				continue;
			gk_buf_printf(b, "%s%s申请%lld件", sep,
				      gk_channel_label((enum gk_channel)c),
				      (long long)a->received_by_channel[c]);
			share(b, a->received_by_channel[c], a->received);
			sep = "，";
		}
	}
	gk_buf_printf(b,
		      "；上年结转%lld件。本年度办结%lld件，其中按时办结%lld件、延期办结%lld件；"
		      "结转下年度继续办理%lld件。",
		      (long long)a->t2[GK_T2_CARRY_IN][GK_T2_ALL], (long long)a->concluded,
		      (long long)a->on_time, (long long)a->extended, (long long)a->carried_out);
	enum gk_err rc = flush(body, b);
	if (rc || a->concluded == 0)
		return rc;
	gk_buf_puts(b, "办结的申请中，");
	const char *sep = "";
	for (int k = 0; k < GK_PRE2019_COUNT; k++) {
		const struct gk_pre2019_info *pi = gk_report_pre2019_info((enum gk_pre2019)k);
		if (a->by_category[k] == 0 || k == GK_PRE2019_NONE)
			continue;
		gk_buf_printf(b, "%s%s%lld件", sep, pi->label, (long long)a->by_category[k]);
		share(b, a->by_category[k], a->concluded);
		sep = "，";
	}
	gk_buf_puts(b, "。");
	if (a->by_category[GK_PRE2019_REFUSED] > 0) {
		gk_buf_puts(b, "不同意公开的申请中，");
		sep = "";
		for (int r = 0; r < GK_REFUSAL_COUNT; r++) {
			const struct gk_refusal_info *ri =
				gk_report_refusal_info((enum gk_refusal)r);
			if (a->refused_by_reason[r] == 0 || !ri->label[0])
				continue;
			gk_buf_printf(b, "%s%s%lld件", sep, ri->label,
				      (long long)a->refused_by_reason[r]);
			sep = "，";
		}
		gk_buf_puts(b, "。");
	}
	return flush(body, b);
}

/* Table 3's figures and the complaints, in words. */
static enum gk_err narrative_disputes(struct gk_body *body, const struct gk_annual *a,
				      struct gk_buf *b)
{
	static const struct {
		enum gk_t3_group group;
		const char *what;
	} parts[] = {
		{GK_T3_REVIEW, "因政府信息公开被申请行政复议"},
		{GK_T3_SUIT, "被提起行政诉讼"},
	};
	for (size_t i = 0; i < 2; i++) {
		const int64_t *t = a->t3[parts[i].group];
		gk_buf_printf(b, "%s%s%lld件", i ? "；" : "", parts[i].what,
			      (long long)t[GK_T3_ALL]);
		if (parts[i].group == GK_T3_SUIT && t[GK_T3_ALL] > 0)
			gk_buf_printf(b, "（未经复议直接起诉%lld件、复议后起诉%lld件）",
				      (long long)a->t3[GK_T3_DIRECT_SUIT][GK_T3_ALL],
				      (long long)a->t3[GK_T3_SUIT_AFTER_REVIEW][GK_T3_ALL]);
		if (t[GK_T3_ALL] > 0)
			for (int c = 0; c < GK_T3_ALL; c++)
				gk_buf_printf(b, "%s%s%lld件", c ? "、" : "，其中",
					      gk_report_t3_col_info((enum gk_t3_col)c)->label,
					      (long long)t[c]);
	}
	gk_buf_printf(b, "。收到有关政府信息公开工作的举报投诉%lld件，年内办结%lld件。",
		      (long long)a->complaints, (long long)a->complaints_closed);
	return flush(body, b);
}

/* --- the two layouts ------------------------------------------------------------------ */

static enum gk_err section_or_nothing(struct gk_body *body, const char *text)
{
	int n;
	enum gk_err rc = add_section_text(body, text, &n);
	if (!rc && n == 0)
		rc = add_block(body, GK_BLOCK_PARAGRAPH, NOTHING, 0);
	return rc;
}

static enum gk_err heading(struct gk_body *body, const char *number, const char *label)
{
	char text[256];
	snprintf(text, sizeof text, "%s%s", number, label);
	return add_block(body, GK_BLOCK_HEADING, text, 0);
}

static enum gk_err build_official(struct gk_body *body, const struct gk_annual *a, struct gk_buf *b)
{
	enum gk_err rc;
	if ((rc = heading(body, "一、", gk_report_section_label(GK_SECTION_OVERVIEW))) ||
	    (rc = section_or_nothing(body, a->sections[GK_SECTION_OVERVIEW])))
		return rc;
	for (int g = 0; g < body->ngrids; g++)
		if ((rc = add_block(body, GK_BLOCK_HEADING, body->grids[g].heading, 0)) ||
		    (rc = add_block(body, GK_BLOCK_TABLE, NULL, g)))
			return rc;
	/* the 2019 reports name the problems of 政府信息公开工作 */
	if ((rc = heading(body, a->style == GK_STYLE_2019 ? "五、政府信息公开工作" : "五、",
			  gk_report_section_label(GK_SECTION_PROBLEMS))) ||
	    (rc = section_or_nothing(body, a->sections[GK_SECTION_PROBLEMS])) ||
	    (rc = heading(body, "六、", gk_report_section_label(GK_SECTION_OTHER))))
		return rc;
	gk_body_fee_sentence(a, b);
	int n;
	if ((rc = flush(body, b)) ||
	    (rc = add_section_text(body, a->sections[GK_SECTION_OTHER], &n)))
		return rc;
	return GK_OK;
}

static enum gk_err build_narrative(struct gk_body *body, const struct gk_annual *a,
				   struct gk_buf *b)
{
	enum gk_err rc;
	int n;
	const char *const *h = narrative_headings;
	if ((rc = add_block(body, GK_BLOCK_HEADING, h[0], 0)) ||
	    (rc = add_section_text(body, a->sections[GK_SECTION_OVERVIEW], &n)) ||
	    (rc = narrative_overview(body, a, b)) ||
	    (rc = add_block(body, GK_BLOCK_HEADING, h[1], 0)) ||
	    (rc = narrative_proactive(body, a, b)) ||
	    (rc = add_block(body, GK_BLOCK_HEADING, h[2], 0)) ||
	    (rc = narrative_applications(body, a, b)) ||
	    (rc = add_block(body, GK_BLOCK_HEADING, h[3], 0)))
		return rc;
	gk_body_fee_sentence(a, b);
	if ((rc = flush(body, b)) || (rc = add_block(body, GK_BLOCK_HEADING, h[4], 0)) ||
	    (rc = narrative_disputes(body, a, b)) ||
	    (rc = add_block(body, GK_BLOCK_HEADING, h[5], 0)) ||
	    (rc = section_or_nothing(body, a->sections[GK_SECTION_PROBLEMS])) ||
	    (rc = add_block(body, GK_BLOCK_HEADING, h[6], 0)) ||
	    (rc = section_or_nothing(body, a->sections[GK_SECTION_OTHER])))
		return rc;
	for (int g = 0; g < body->ngrids; g++)
		if ((rc = add_block(body, GK_BLOCK_HEADING, body->grids[g].heading, 0)) ||
		    (rc = add_block(body, GK_BLOCK_TABLE, NULL, g)))
			return rc;
	return GK_OK;
}

enum gk_err gk_body_build(struct gk_body *body, const struct gk_annual *a, struct gk_error *err)
{
	body->nblocks = body->cap = 0;
	body->blocks = NULL;
	body->ngrids = gk_annual_grids(a, body->grids, GK_BODY_MAX_GRIDS);
	char title[512];
	gk_annual_title(a, true, title, sizeof title);
	struct gk_buf b;
	gk_buf_init(&b, GK_BUF_DEFAULT_MAX);
	enum gk_err rc = add_block(body, GK_BLOCK_TITLE, title, 0);
	if (!rc)
		rc = preamble(body, a, &b);
	if (!rc)
		rc = a->style == GK_STYLE_NARRATIVE ? build_narrative(body, a, &b)
						    : build_official(body, a, &b);
	gk_buf_release(&b);
	if (rc)
		return gk_fail(err, rc, "annual report document: out of memory");
	return GK_OK;
}

void gk_body_release(struct gk_body *body)
{
	for (int i = 0; i < body->nblocks; i++)
		free(body->blocks[i].text);
	free(body->blocks);
	body->blocks = NULL;
	body->nblocks = body->cap = 0;
}
