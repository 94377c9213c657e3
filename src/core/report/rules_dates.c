/* Rules on years, dates and parts: another year's figures, dates after publication, last year's
 * report. */
#include <stdlib.h>
#include <string.h>

#include "core/report/rules.h"
#include "core/report/words.h"

static const char *const future_words[] = {"将",   "计划", "拟",   "预计", "力争", "争取", "下一步",
					   "明年", "届时", "部署", "安排", "要求", NULL};

static int count_figures(const struct gk_report *r, const struct gk_report_sentence *s)
{
	int n = 0;
	for (int i = s->first; i < s->first + s->count; i++) {
		const struct gk_report_figure *f = &r->figures[i];
		if (f->source == GK_FIG_TEXT && !f->percent && !f->approx)
			n++;
	}
	return n;
}

void gk_check_year_mismatch(struct gk_check *c, const struct gk_report_rule *rule)
{
	struct gk_report *r = c->r;
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
			} else if (b - a >= 9 && memcmp(t + a + 3, "是", 3) == 0 &&
				   (unsigned char)t[a] >= 0xE4) {
				a += 6; /* 一是 */
			} else if (b - a >= 2 && t[a] >= '0' && t[a] <= '9' &&
				   (t[a + 1] == '.' || !memcmp(t + a + 1, "．", 3))) {
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
		static const char *const not_subject[] = {
			"以来", "起", "至",   "到",   "底",     "末",     "初", "前",
			"后",   "的", "同期", "相比", "以前",   "之前",   "及", "和",
			"、",   "-",  "—",    "第",   "上半年", "下半年", "年", NULL};
		bool bad = false;
		for (const char *const *w = not_subject; *w; w++)
			if (b - k >= strlen(*w) && memcmp(t + k, *w, strlen(*w)) == 0)
				bad = true;
		if (k < b && t[k] >= '0' && t[k] <= '9')
			bad = true; /* a date: 2016年3月 */
		if (bad || count_figures(r, s) == 0)
			continue;
		if (gk_report_has_any(t + s->tstart, s->tend - s->tstart, future_words))
			continue;
		struct gk_report_finding *f =
			gk_check_add(c, r, rule->severity, rule->id, s->tstart, s->tend);
		if (!f)
			return;
		f->message = gk_check_printf(c, "%d年度报告中出现%d年的数字", r->year, y);
		gk_check_sides(c, f, "所述年份", y, "报告年度", r->year, 0);
		for (int i = s->first; i < s->first + s->count; i++)
			gk_check_figure(c, f, r, i);
	}
}

static long day_of(struct gk_date d)
{
	return gk_date_to_days(d);
}

/* The date a report is published: its labelled 发布日期, else the date under
 * its signature; with its place in the normalised text. False if neither. */
static bool publication_date(const struct gk_report *r, struct gk_date *pub, size_t *at)
{
	if (r->have_published) {
		*pub = r->published;
		*at = r->published_tstart;
	} else if (r->have_signed) {
		*pub = r->signed_on;
		*at = r->signed_tstart;
	} else {
		return false;
	}
	return true;
}

/* True if the date at T[I] is not the report's: in an address (…/2025-12-30.html,
 * a file name) or the time a copy was captured or printed (采集时间：2025-12-30). */
static bool not_of_report(const char *t, size_t from, size_t i)
{
	size_t w = i; /* the word the date is in: back to a blank */
	while (w > from && t[w - 1] != ' ' && t[w - 1] != '\t' && (unsigned char)t[w - 1] < 0x80)
		w--;
	for (size_t k = w; k < i; k++)
		if (t[k] == '/' || t[k] == '_' || t[k] == '.')
			return true;
	size_t a = i > from + 24 ? i - 24 : from;
	static const char *const copy_words[] = {"采集",     "抓取",     "打印", "下载时间",
						 "访问时间", "浏览时间", "存档", NULL};
	return gk_report_has_any(t + a, i - a, copy_words);
}

void gk_check_date_after_publication(struct gk_check *c, const struct gk_report_rule *rule)
{
	struct gk_report *r = c->r;
	const char *t = r->text.text;
	if (r->have_published && r->have_signed && day_of(r->signed_on) > day_of(r->published)) {
		struct gk_report_finding *f = gk_check_add(c, r, rule->severity, rule->id,
							   r->signed_tstart, r->signed_tend);
		if (f) {
			char a[11], b[11];
			f->message = gk_check_printf(c, "报告落款日期%s晚于发布日期%s",
						     gk_date_format(r->signed_on, a),
						     gk_date_format(r->published, b));
			gk_check_sides(c, f, "落款日期", day_of(r->signed_on), "发布日期",
				       day_of(r->published), 0);
		}
	}
	struct gk_date pub;
	size_t pub_at;
	if (!publication_date(r, &pub, &pub_at))
		return;
	for (int si = 0; si < r->nsentences; si++) {
		const struct gk_report_sentence *s = &r->sentences[si];
		if (gk_report_has_any(t + s->tstart, s->tend - s->tstart, future_words))
			continue;
		for (size_t i = s->tstart; i + 8 <= s->tend; i++) {
			if (t[i] < '0' || t[i] > '9' ||
			    (i > 0 && t[i - 1] >= '0' && t[i - 1] <= '9'))
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
			if (open || day_of(d) <= day_of(pub) || not_of_report(t, s->tstart, i))
				continue;
			struct gk_report_finding *f =
				gk_check_add(c, r, rule->severity, rule->id, s->tstart, s->tend);
			if (!f)
				return;
			char a[11], b[11];
			f->message = gk_check_printf(c, "正文提及的日期%s晚于报告发布日期%s",
						     gk_date_format(d, a), gk_date_format(pub, b));
			gk_check_sides(c, f, "正文中的日期", day_of(d), "发布日期", day_of(pub), 0);
			i += used - 1;
		}
	}
}

void gk_check_published_before_year_end(struct gk_check *c, const struct gk_report_rule *rule)
{
	struct gk_report *r = c->r;
	size_t n = r->text.text_len;
	struct gk_date pub;
	size_t pub_at;
	if (!r->year || !publication_date(r, &pub, &pub_at))
		return;
	struct gk_date year_end = {r->year, 12, 31};
	if (day_of(pub) > day_of(year_end))
		return;
	struct gk_report_finding *f = gk_check_add(c, r, rule->severity, rule->id, pub_at,
						   pub_at + 10 < n ? pub_at + 10 : n);
	if (!f)
		return;
	char a[11];
	f->message = gk_check_printf(c, "%d年度报告的日期为%s，早于该年度结束", r->year,
				     gk_date_format(pub, a));
	gk_check_sides(c, f, "发布日期", day_of(pub), "报告年度最后一天", day_of(year_end), 0);
}

/* The 统计表 (附表) as a part of its own: the statement names it, no
 * numbered heading is it, and it follows the last heading. */
static bool unnumbered_table_part(const struct gk_report *r)
{
	static const char *const names[] = {"统计表", "附表", NULL};
	const char *s = r->text.text;
	if (!gk_report_has_any(s + r->stated_tstart, r->stated_tend - r->stated_tstart, names))
		return false;
	for (int i = 0; i < r->nheadings; i++) {
		const struct gk_report_heading *h = &r->headings[i];
		if (gk_report_has_any(s + h->tstart, h->tend - h->tstart, names) ||
		    gk_report_has(s + h->tstart, h->tend - h->tstart, "统计数据"))
			return false;
	}
	size_t after = r->headings[r->nheadings - 1].tend;
	return gk_report_has_any(s + after, r->text.text_len - after, names);
}

void gk_check_section_count(struct gk_check *c, const struct gk_report_rule *rule)
{
	struct gk_report *r = c->r;
	if (!r->stated_parts || r->nheadings < 3)
		return;
	bool table = unnumbered_table_part(r);
	int parts = r->nheadings + table;
	if (parts == r->stated_parts)
		return;
	struct gk_report_finding *f =
		gk_check_add(c, r, rule->severity, rule->id, r->stated_tstart, r->stated_tend);
	if (!f)
		return;
	const char *upto =
		r->nheadings <= 10
			? (const char *const[]){"",   "一", "二", "三", "四", "五",
						"六", "七", "八", "九", "十"}[r->nheadings]
			: "…";
	if (table)
		f->message = gk_check_printf(
			c, "报告称由%d部分组成，而正文有%d个一级标题（一至%s）另加统计表，共%d部分",
			r->stated_parts, r->nheadings, upto, parts);
	else
		f->message =
			gk_check_printf(c, "报告称由%d部分组成，而正文有%d个一级标题（一至%s）",
					r->stated_parts, r->nheadings, upto);
	gk_check_sides(c, f, "所称部分数", r->stated_parts,
		       table ? "一级标题及统计表" : "一级标题数", parts, 0);
}

/* --- across two reports ---------------------------------------------------------------- */

void gk_check_previous_year(struct gk_check *c, const struct gk_report_rule *rule)
{
	struct gk_report *r = c->r, *p = c->prev;
	if (!r->year || !p->year || p->year == r->year - 1)
		return;
	struct gk_report_finding *f =
		gk_check_add(c, r, rule->severity, rule->id, 0, r->text.lines[0].len);
	if (!f)
		return;
	f->message = gk_check_printf(c, "所附上年报告为%d年度，应为%d年度", p->year, r->year - 1);
	gk_check_sides(c, f, "上年报告的年度", p->year, "本报告的上一年度", r->year - 1, 0);
}
