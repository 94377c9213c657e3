/* The yearly report as an HTML fragment: the official tables as real tables
 * with the official spans, and inline SVG charts (applications by channel, by
 * outcome, five-year trends). Everything passes through lib/html.h; no script,
 * no style attribute (the site's Content-Security-Policy has style-src 'self':
 * the look is in src/web/static/gongkai.css, classes gk-annual-*, gk-chart-*). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/report/render_internal.h"
#include "lib/html.h"

static void table(struct gk_buf *out, const struct gk_annual *a, int format, int t)
{
	static const char *const captions[] = {"", "主动公开政府信息情况",
					       "收到和处理政府信息公开申请情况",
					       "政府信息公开行政复议、行政诉讼情况"};
	struct gk_rgrid *g = malloc(sizeof *g);
	if (!g) {
		out->failed = GK_ENOMEM;
		return;
	}
	gk_rgrid_build(g, a, format, t);
	gk_html_raw(out, "<div class=\"gk-annual-scroll\"><table class=\"gk-annual-table "
			 "gk-annual-t");
	gk_html_int(out, t);
	gk_html_raw(out, "\"><caption>");
	gk_html_text(out, captions[t]);
	gk_html_raw(out, "</caption>\n");
	if (g->nhead)
		gk_html_raw(out, "<thead>\n");
	for (int r = 0; r < g->rows; r++) {
		if (g->nhead && r == g->nhead)
			gk_html_raw(out, "</thead>\n<tbody>\n");
		gk_html_raw(out, "<tr>");
		for (int c = 0; c < g->cols; c++) {
			const struct gk_rcell *x = &g->c[r][c];
			if (!x->rowspan)
				continue;
			bool head = x->flags & GK_RCELL_HEAD;
			gk_html_raw(out, head ? "<th" : "<td");
			if (x->flags & GK_RCELL_NOTE)
				gk_html_raw(out, " class=\"gk-annual-note\"");
			else if (x->flags & GK_RCELL_NUM)
				gk_html_raw(out, " class=\"gk-num\"");
			else if (head && r >= g->nhead)
				gk_html_raw(out, " scope=\"row\"");
			else if (head)
				gk_html_raw(out, x->colspan > 1 ? " scope=\"colgroup\""
								: " scope=\"col\"");
			if (x->rowspan > 1) {
				gk_html_raw(out, " rowspan=\"");
				gk_html_int(out, x->rowspan);
				gk_html_raw(out, "\"");
			}
			if (x->colspan > 1) {
				gk_html_raw(out, " colspan=\"");
				gk_html_int(out, x->colspan);
				gk_html_raw(out, "\"");
			}
			gk_html_raw(out, ">");
			gk_html_text(out, x->text ? x->text : "");
			gk_html_raw(out, head ? "</th>" : "</td>");
		}
		gk_html_raw(out, "</tr>\n");
	}
	gk_html_raw(out, g->nhead ? "</tbody>\n</table></div>\n" : "</table></div>\n");
	free(g);
}

/* --- charts ----------------------------------------------------------------------------- */

#define CHART_W 480
#define VALUE_W 70 /* room after the longest bar for its value */
#define ROW_H   28

struct chart {
	const char *title;
	const char *labels[16];
	int64_t values[16];
	int n;
};

/* A horizontal bar chart, one bar per label, with its title and a text
 * description (every value) for screen readers. ID makes its ids unique. */
static void bar_chart(struct gk_buf *out, const struct chart *ch, const char *id)
{
	int64_t max = 0;
	for (int i = 0; i < ch->n; i++)
		if (ch->values[i] > max)
			max = ch->values[i];
	/* bars start after the longest label (15px text: a Chinese character
	 * about 15 units, a digit about 8) */
	int label_w = 0;
	for (int i = 0; i < ch->n; i++) {
		int lw = 0;
		for (const unsigned char *p = (const unsigned char *)ch->labels[i]; *p; p++)
			if ((*p & 0xC0) != 0x80)
				lw += *p >= 0x80 ? 15 : 8;
		if (lw > label_w)
			label_w = lw;
	}
	const int bar_x = label_w + 16;
	const int bar_max = CHART_W - bar_x - VALUE_W;
	int h = ch->n * ROW_H + 16;
	gk_html_raw(out, "<figure class=\"gk-chart\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
			 "class=\"gk-chart-svg\" viewBox=\"0 0 ");
	gk_html_int(out, CHART_W);
	gk_html_raw(out, " ");
	gk_html_int(out, h);
	gk_html_raw(out, "\" role=\"img\" aria-labelledby=\"");
	gk_html_attr(out, id);
	gk_html_raw(out, "-t ");
	gk_html_attr(out, id);
	gk_html_raw(out, "-d\"><title id=\"");
	gk_html_attr(out, id);
	gk_html_raw(out, "-t\">");
	gk_html_text(out, ch->title);
	gk_html_raw(out, "</title><desc id=\"");
	gk_html_attr(out, id);
	gk_html_raw(out, "-d\">");
	for (int i = 0; i < ch->n; i++) {
		if (i)
			gk_html_raw(out, "；");
		gk_html_text(out, ch->labels[i]);
		gk_html_raw(out, "：");
		gk_html_int(out, ch->values[i]);
	}
	gk_html_raw(out, "</desc>\n");
	for (int i = 0; i < ch->n; i++) {
		int y = 8 + i * ROW_H;
		long long w = max > 0 ? (long long)(ch->values[i] * bar_max / max) : 0;
		if (ch->values[i] > 0 && w < 1)
			w = 1;
		gk_html_raw(out, "<text class=\"gk-chart-label\" x=\"");
		gk_html_int(out, bar_x - 8);
		gk_html_raw(out, "\" y=\"");
		gk_html_int(out, y + 18);
		gk_html_raw(out, "\" text-anchor=\"end\">");
		gk_html_text(out, ch->labels[i]);
		gk_html_raw(out, "</text><rect class=\"gk-chart-bar gk-chart-bar-");
		gk_html_int(out, i % 6);
		gk_html_raw(out, "\" x=\"");
		gk_html_int(out, bar_x);
		gk_html_raw(out, "\" y=\"");
		gk_html_int(out, y + 4);
		gk_html_raw(out, "\" width=\"");
		gk_html_int(out, w);
		gk_html_raw(out, "\" height=\"");
		gk_html_int(out, ROW_H - 8);
		gk_html_raw(out, "\"/><text class=\"gk-chart-value\" x=\"");
		gk_html_int(out, bar_x + w + 6);
		gk_html_raw(out, "\" y=\"");
		gk_html_int(out, y + 18);
		gk_html_raw(out, "\">");
		gk_html_int(out, ch->values[i]);
		gk_html_raw(out, "</text>\n");
	}
	gk_html_raw(out, "</svg>\n<figcaption>");
	gk_html_text(out, ch->title);
	gk_html_raw(out, "</figcaption>\n</figure>\n");
}

static void chart_id(char *id, size_t n, const struct gk_annual *a, const char *what)
{
	snprintf(id, n, "gk-annual-%d-%s", a->year, what);
}

static void channel_chart(struct gk_buf *out, const struct gk_annual *a)
{
	struct chart ch = {.title = "政府信息公开申请的提交渠道"};
	for (int c = 0; c < GK_CHANNEL_COUNT; c++) {
		ch.labels[ch.n] = gk_channel_label((enum gk_channel)c);
		ch.values[ch.n++] = a->received_by_channel[c];
	}
	char id[64];
	chart_id(id, sizeof id, a, "channels");
	bar_chart(out, &ch, id);
}

static void outcome_chart(struct gk_buf *out, const struct gk_annual *a, int format)
{
	struct chart ch = {.title = "政府信息公开申请的办理结果"};
	if (format) {
		static const struct {
			enum gk_t2_row row;
			const char *label;
		} rows[] = {
			{GK_T2_GRANTED, "予以公开"}, {GK_T2_PARTIAL, "部分公开"},
			{GK_T2_REFUSED, "不予公开"}, {GK_T2_UNABLE, "无法提供"},
			{GK_T2_IGNORED, "不予处理"}, {GK_T2_OTHER, "其他处理"},
		};
		for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
			ch.labels[ch.n] = rows[i].label;
			ch.values[ch.n++] = a->t2[rows[i].row][GK_T2_ALL];
		}
	} else {
		for (int c = 0; c < GK_PRE2019_COUNT; c++) {
			if (c == GK_PRE2019_NONE)
				continue;
			ch.labels[ch.n] = gk_report_pre2019_info((enum gk_pre2019)c)->label;
			ch.values[ch.n] = a->by_category[c];
			if (c == GK_PRE2019_OTHER)
				ch.values[ch.n] += a->by_category[GK_PRE2019_NONE];
			ch.n++;
		}
	}
	char id[64];
	chart_id(id, sizeof id, a, "outcomes");
	bar_chart(out, &ch, id);
}

/* Four small charts over up to five years: the history's last four and A. */
static void trend_charts(struct gk_buf *out, const struct gk_annual *a,
			 const struct gk_annual_history *h)
{
	if (!h || h->nyears <= 0 || !h->years)
		return;
	const struct gk_annual *ys[5];
	int n = 0;
	for (int i = h->nyears > 4 ? h->nyears - 4 : 0; i < h->nyears; i++)
		ys[n++] = &h->years[i];
	ys[n++] = a;
	static const char *const titles[] = {"近年收到的政府信息公开申请",
					     "近年办结的政府信息公开申请", "近年主动公开的政府信息",
					     "近年政府信息公开行政复议和行政诉讼案件"};
	static const char *const ids[] = {"trend-received", "trend-concluded", "trend-items",
					  "trend-disputes"};
	char years[5][8];
	for (int i = 0; i < n; i++)
		snprintf(years[i], sizeof years[i], "%d", ys[i]->year);
	gk_html_raw(out, "<div class=\"gk-annual-trends\">\n");
	for (int s = 0; s < 4; s++) {
		struct chart ch = {.title = titles[s], .n = n};
		for (int i = 0; i < n; i++) {
			const struct gk_annual *y = ys[i];
			ch.labels[i] = years[i];
			ch.values[i] = s == 0   ? y->t2[GK_T2_NEW][GK_T2_ALL]
				       : s == 1 ? y->t2[GK_T2_TOTAL][GK_T2_ALL]
				       : s == 2 ? y->items_published
						: y->t3[GK_T3_REVIEW][GK_T3_ALL] +
							  y->t3[GK_T3_SUIT][GK_T3_ALL];
		}
		char id[64];
		chart_id(id, sizeof id, a, ids[s]);
		bar_chart(out, &ch, id);
	}
	gk_html_raw(out, "</div>\n");
}

static void charts(struct gk_buf *out, const struct gk_rdoc *doc, const struct gk_annual_history *h)
{
	gk_html_raw(out, "<section class=\"gk-annual-charts\" aria-label=\"图表\">\n");
	channel_chart(out, doc->a);
	outcome_chart(out, doc->a, doc->format);
	trend_charts(out, doc->a, h);
	gk_html_raw(out, "</section>\n");
}

enum gk_err gk_render_html(const struct gk_rdoc *doc, const struct gk_annual_history *history,
			   struct gk_buf *out)
{
	gk_html_raw(out, "<article class=\"gk-annual\" lang=\"zh-CN\">\n");
	for (size_t i = 0; i < doc->n; i++) {
		const struct gk_rblock *b = &doc->blocks[i];
		switch (b->kind) {
		case GK_RB_TITLE:
			/* the page's own <h1> comes from web/layout.c */
			gk_html_raw(out, "<h2 class=\"gk-annual-title\">");
			gk_html_text(out, b->text);
			gk_html_raw(out, "</h2>\n");
			break;
		case GK_RB_HEADING:
			gk_html_raw(out, "<h3>");
			gk_html_text(out, b->text);
			gk_html_raw(out, "</h3>\n");
			break;
		case GK_RB_PARA:
			gk_html_raw(out, "<p>");
			gk_html_text(out, b->text);
			gk_html_raw(out, "</p>\n");
			break;
		case GK_RB_TABLE:
			table(out, doc->a, doc->format, b->table);
			break;
		case GK_RB_CHARTS:
			charts(out, doc, history);
			break;
		}
	}
	gk_html_raw(out, "</article>\n");
	return out->failed ? (enum gk_err)out->failed : GK_OK;
}
