/* The official tables as grids: where every label and number sits, and what is merged. */
#include "output/annual_grid.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/intake.h"

/* Words of the official tables that tables.h does not list (RULES §3). */
#define T1_CONTENT_HEADER     "信息内容"
#define T2_APPLICANT_HEADER   "申请人情况"
#define STAT_HEADER_INDICATOR "统计指标"
#define STAT_HEADER_UNIT      "单位"
#define STAT_HEADER_VALUE     "统计数"

/* The report's section headings over the tables (RULES §3.A). */
#define T1_HEADING   "二、主动公开政府信息情况"
#define T2_HEADING   "三、收到和处理政府信息公开申请情况"
#define T3_HEADING   "四、政府信息公开行政复议、行政诉讼情况"
#define STAT_HEADING "附表：政府信息公开情况统计表"

static void grid_start(struct gk_grid *g, const char *sheet, const char *heading, int ncols)
{
	memset(g, 0, offsetof(struct gk_grid, text));
	g->text[0] = '\0';
	g->sheet = sheet;
	g->heading = heading;
	g->ncols = ncols;
}

static struct gk_grid_cell *put(struct gk_grid *g, int row, int col, int nrows, int ncols,
				enum gk_cell_role role)
{
	static struct gk_grid_cell overflow; /* never reached: the tables are fixed */
	if (g->ncells >= GK_GRID_MAX_CELLS)
		return &overflow;
	struct gk_grid_cell *c = &g->cells[g->ncells++];
	*c = (struct gk_grid_cell){.row = row,
				   .col = col,
				   .nrows = nrows,
				   .ncols = ncols,
				   .role = role,
				   .kind = GK_CELL_TEXT,
				   .text = ""};
	if (row + nrows > g->nrows)
		g->nrows = row + nrows;
	return c;
}

static void put_text(struct gk_grid *g, int row, int col, int nrows, int ncols,
		     enum gk_cell_role role, const char *text)
{
	put(g, row, col, nrows, ncols, role)->text = text;
}

static void put_value(struct gk_grid *g, int row, int col, int ncols, enum gk_cell_kind kind,
		      double value)
{
	struct gk_grid_cell *c = put(g, row, col, 1, ncols, GK_ROLE_VALUE);
	c->kind = kind;
	c->value = value;
}

/* Copies a composed label into the grid's store; "" when full. */
static const char *keep(struct gk_grid *g, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static const char *keep(struct gk_grid *g, const char *fmt, ...)
{
	size_t room = sizeof g->text - g->textlen;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(g->text + g->textlen, room, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= room) {
		g->text[g->textlen] = '\0';
		return "";
	}
	const char *s = g->text + g->textlen;
	g->textlen += (size_t)n + 1;
	return s;
}

/* --- Table 1 ------------------------------------------------------------------------ */

static enum gk_cell_kind t1_kind(enum gk_t1_col col)
{
	switch (gk_report_t1_col_info(col)->kind) {
	case GK_T1_AMOUNT:
		return GK_CELL_AMOUNT;
	case GK_T1_DELTA:
		return GK_CELL_DELTA;
	case GK_T1_COUNT:
		break;
	}
	return GK_CELL_COUNT;
}

/* Blocks headed by their 第二十条 item, each with a 信息内容 header row; a
 * row with fewer cells than three lets its last cell span the rest, as the
 * official tables do. */
static void build_t1(const struct gk_annual *a, int format, struct gk_grid *g)
{
	grid_start(g, "表一 主动公开政府信息情况", T1_HEADING, 1 + GK_T1_COLS);
	g->widths[0] = 12;
	for (int c = 1; c <= GK_T1_COLS; c++)
		g->widths[c] = 10;
	int row = 0;
	const char *block = NULL;
	for (int r = 0; r < GK_T1_NROWS; r++) {
		int n = gk_report_t1_cols(format, r);
		if (n == 0)
			continue;
		const struct gk_t1_row_info *ri = gk_report_t1_row_info((enum gk_t1_row)r);
		if (!block || strcmp(block, ri->block) != 0) {
			block = ri->block;
			put_text(g, row++, 0, 1, 1 + GK_T1_COLS, GK_ROLE_HEADER, block);
			put_text(g, row, 0, 1, 1, GK_ROLE_HEADER, T1_CONTENT_HEADER);
			for (int p = 0; p < n; p++) {
				enum gk_t1_col col = gk_report_t1_col(format, r, p);
				int span = p == n - 1 ? GK_T1_COLS - p : 1;
				put_text(g, row, 1 + p, 1, span, GK_ROLE_HEADER,
					 gk_report_t1_col_info(col)->label);
			}
			row++;
		}
		put_text(g, row, 0, 1, 1, GK_ROLE_LABEL, gk_report_t1_row_name(format, r));
		for (int p = 0; p < n; p++) {
			enum gk_t1_col col = gk_report_t1_col(format, r, p);
			int span = p == n - 1 ? GK_T1_COLS - p : 1;
			put_value(g, row, 1 + p, span, t1_kind(col), a->t1[r][col]);
		}
		row++;
	}
}

/* --- Table 2 ------------------------------------------------------------------------ */

/* Three label columns (一/二/三/四; the result sections; their items), then
 * the seven applicant columns under 申请人情况. */
static void build_t2(const struct gk_annual *a, int format, struct gk_grid *g)
{
	enum { LABELS = 3, HEAD = 3 };
	grid_start(g, "表二 收到和处理政府信息公开申请情况", T2_HEADING, LABELS + GK_T2_COLS);
	g->nheader = HEAD;
	/* four characters to a line under the applicant headers ("社会公益/组织")
	 * and in the sections' labels ("（三）不予/公开"), two in 三、本年度办理结果 */
	g->widths[0] = 2.7;
	g->widths[1] = 4.7;
	g->widths[2] = 11.5;
	for (int c = 0; c < GK_T2_COLS; c++)
		g->widths[LABELS + c] = 4.8;
	put_text(g, 0, 0, HEAD, LABELS, GK_ROLE_HEADER, keep(g, "（%s）", GK_T2_BALANCE_NOTE));
	put_text(g, 0, LABELS, 1, GK_T2_COLS, GK_ROLE_HEADER, T2_APPLICANT_HEADER);
	for (int c = 0; c < GK_T2_COLS;) {
		const struct gk_t2_col_info *ci = gk_report_t2_col_info((enum gk_t2_col)c);
		int n = 1;
		while (c + n < GK_T2_COLS &&
		       !strcmp(gk_report_t2_col_info((enum gk_t2_col)(c + n))->group, ci->group))
			n++;
		if (n == 1) {
			put_text(g, 1, LABELS + c, 2, 1, GK_ROLE_HEADER, ci->label);
		} else {
			put_text(g, 1, LABELS + c, 1, n, GK_ROLE_HEADER, ci->group);
			for (int k = 0; k < n; k++)
				put_text(g, 2, LABELS + c + k, 1, 1, GK_ROLE_HEADER,
					 gk_report_t2_col_info((enum gk_t2_col)(c + k))->label);
		}
		c += n;
	}

	int row = HEAD, results_first = -1, results_rows = 0;
	int section_first = -1, section_rows = 0, section = 0, prev = -1;
	for (int r = 0; r < GK_T2_NROWS; r++) {
		if (!gk_report_t2_in_format((enum gk_t2_row)r, format))
			continue;
		const struct gk_t2_row_info *ri = gk_report_t2_row_info((enum gk_t2_row)r);
		if (ri->section != section && section_rows > 0) {
			put_text(g, section_first, 1, section_rows, 1, GK_ROLE_LABEL,
				 gk_report_t2_heading((enum gk_t2_row)prev));
			section_rows = 0;
		}
		section = ri->section;
		if (ri->section == 0) {
			put_text(g, row, 0, 1, LABELS, GK_ROLE_LABEL, ri->label);
		} else {
			if (results_first < 0)
				results_first = row;
			results_rows++;
			if (ri->item == 0) {
				put_text(g, row, 1, 1, 2, GK_ROLE_LABEL, ri->label);
			} else {
				if (section_rows++ == 0)
					section_first = row;
				put_text(g, row, 2, 1, 1, GK_ROLE_LABEL, ri->label);
			}
		}
		for (int c = 0; c < GK_T2_COLS; c++)
			put_value(g, row, LABELS + c, 1, GK_CELL_COUNT, (double)a->t2[r][c]);
		row++;
		prev = r;
	}
	if (results_first >= 0)
		put_text(g, results_first, 0, results_rows, 1, GK_ROLE_LABEL, GK_T2_RESULTS_LABEL);
}

/* --- Table 3 ------------------------------------------------------------------------ */

static void build_t3(const struct gk_annual *a, struct gk_grid *g)
{
	grid_start(g, "表三 政府信息公开行政复议、行政诉讼情况", T3_HEADING,
		   GK_T3_NGROUPS * GK_T3_NCOLS);
	g->nheader = 3;
	for (int c = 0; c < g->ncols; c++)
		g->widths[c] = 3.3;
	put_text(g, 0, 0, 2, GK_T3_NCOLS, GK_ROLE_HEADER,
		 gk_report_t3_group_info(GK_T3_REVIEW)->label);
	put_text(g, 0, GK_T3_NCOLS, 1, 2 * GK_T3_NCOLS, GK_ROLE_HEADER,
		 gk_report_t3_group_info(GK_T3_SUIT)->label);
	for (int grp = GK_T3_DIRECT_SUIT; grp < GK_T3_NGROUPS; grp++)
		put_text(g, 1, grp * GK_T3_NCOLS, 1, GK_T3_NCOLS, GK_ROLE_HEADER,
			 gk_report_t3_group_info((enum gk_t3_group)grp)->label);
	for (int grp = 0; grp < GK_T3_NGROUPS; grp++)
		for (int c = 0; c < GK_T3_NCOLS; c++) {
			int col = grp * GK_T3_NCOLS + c;
			put_text(g, 2, col, 1, 1, GK_ROLE_HEADER,
				 gk_report_t3_col_info((enum gk_t3_col)c)->label);
			put_value(g, 3, col, 1, GK_CELL_COUNT, (double)a->t3[grp][c]);
		}
}

/* --- the pre-2019 统计表 (RULES §3.E) ---------------------------------------------------- */

struct stat_ctx {
	struct gk_grid *g;
	int row;
};

static void stat_row(struct stat_ctx *s, int level, const char *label, const char *unit,
		     enum gk_cell_kind kind, double value)
{
	struct gk_grid_cell *c = put(s->g, s->row, 0, 1, 1, GK_ROLE_LABEL);
	c->text = label;
	c->indent = level;
	put_text(s->g, s->row, 1, 1, 1, GK_ROLE_UNIT, unit ? unit : "");
	if (unit)
		put_value(s->g, s->row, 2, 1, kind, value);
	else
		put_text(s->g, s->row, 2, 1, 1, GK_ROLE_LABEL, "");
	s->row++;
}

static void stat_count(struct stat_ctx *s, int level, const char *label, const char *unit,
		       int64_t n)
{
	stat_row(s, level, label, unit, GK_CELL_COUNT, (double)n);
}

/* A figure staff enter: blank when nobody entered it. */
static void stat_figure(struct stat_ctx *s, const struct gk_annual *a, int level, const char *label,
			const char *unit, enum gk_year_figure f)
{
	stat_row(s, level, label, unit, a->figure_known[f] ? GK_CELL_COUNT : GK_CELL_BLANK,
		 (double)a->figures[f]);
}

/* The rows the system has figures for; rows of the 2014 table it cannot
 * know (专门机构数, 查阅点数, 专项经费) are left out rather than printed as 0. */
static void build_stat(const struct gk_annual *a, struct gk_grid *g)
{
	grid_start(g, "政府信息公开情况统计表", STAT_HEADING, 3);
	g->nheader = 1;
	g->widths[0] = 34;
	g->widths[1] = 5;
	g->widths[2] = 9;
	put_text(g, 0, 0, 1, 1, GK_ROLE_HEADER, STAT_HEADER_INDICATOR);
	put_text(g, 0, 1, 1, 1, GK_ROLE_HEADER, STAT_HEADER_UNIT);
	put_text(g, 0, 2, 1, 1, GK_ROLE_HEADER, STAT_HEADER_VALUE);
	struct stat_ctx s = {g, 1};

	stat_row(&s, 0, "一、主动公开情况", NULL, GK_CELL_TEXT, 0);
	stat_count(&s, 1, "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "条",
		   a->items_published);
	stat_count(&s, 2, "其中：主动公开规范性文件数", "条", a->items_normative);
	stat_count(&s, 2, "制发规范性文件总数", "件", (int64_t)a->t1[GK_T1_NORMATIVE][GK_T1_MADE]);
	stat_row(&s, 1, "（二）通过不同渠道和方式公开政府信息的情况", NULL, GK_CELL_TEXT, 0);
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
		stat_count(&s, 2, outlets[i].label, "条", a->by_outlet[outlets[i].outlet]);

	stat_row(&s, 0, "二、回应解读情况", NULL, GK_CELL_TEXT, 0);
	stat_count(&s, 1, "（一）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次）",
		   "次", a->opinion_responses);
	stat_row(&s, 1, "（二）通过不同渠道和方式回应解读的情况", NULL, GK_CELL_TEXT, 0);
	stat_count(&s, 2, "1．参加或举办新闻发布会总次数", "次", a->press_conferences);
	stat_count(&s, 3, "其中：主要负责同志参加新闻发布会次数", "次",
		   a->press_conferences_leader);
	stat_count(&s, 2, "2．政府网站在线访谈次数", "次", a->interviews);
	stat_count(&s, 3, "其中：主要负责同志参加政府网站在线访谈次数", "次", a->interviews_leader);
	stat_count(&s, 2, "3．政策解读稿件发布数", "篇", a->interpretations);
	/* events: a response by microblog and WeChat is one event */
	stat_count(&s, 2, "4．微博微信回应事件数", "次", a->responses_weibo_wechat);
	stat_count(&s, 2, "5．其他方式回应事件数", "次", a->responses_other_ways);

	stat_row(&s, 0, "三、依申请公开情况", NULL, GK_CELL_TEXT, 0);
	stat_count(&s, 1, "（一）收到申请数", "件", a->received);
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
		stat_count(&s, 2, channels[i].label, "件", n);
	}
	stat_count(&s, 1, "（二）申请办结数", "件", a->concluded);
	stat_count(&s, 2, "1．按时办结数", "件", a->on_time);
	stat_count(&s, 2, "2．延期办结数", "件", a->extended);
	int64_t answered = 0;
	for (int k = 0; k < GK_PRE2019_COUNT; k++)
		if (gk_report_pre2019_info((enum gk_pre2019)k)->stat_item > 0)
			answered += a->by_category[k];
	stat_count(&s, 1, "（三）申请答复数", "件", answered);
	for (int k = 0; k < GK_PRE2019_COUNT; k++) {
		const struct gk_pre2019_info *pi = gk_report_pre2019_info((enum gk_pre2019)k);
		if (pi->stat_item == 0)
			continue;
		stat_count(&s, 2, keep(g, "%d．%s", pi->stat_item, pi->stat_label), "件",
			   a->by_category[k]);
		if (k != GK_PRE2019_REFUSED)
			continue;
		for (int r = 0; r < GK_REFUSAL_COUNT; r++) {
			const struct gk_refusal_info *ri =
				gk_report_refusal_info((enum gk_refusal)r);
			if (!ri->label[0])
				continue;
			stat_count(&s, 3, keep(g, "其中：%s", ri->label), "件",
				   a->refused_by_reason[r]);
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
		stat_count(&s, 0, disputes[i].label, "件", t[GK_T3_ALL]);
		stat_count(&s, 1, disputes[i].rows[0], "件", t[GK_T3_UPHELD]);
		stat_count(&s, 1, disputes[i].rows[1], "件", t[GK_T3_CORRECTED]);
		stat_count(&s, 1, disputes[i].rows[2], "件",
			   t[GK_T3_OTHER_RESULT] + t[GK_T3_PENDING]);
	}
	stat_count(&s, 0, "六、举报投诉数量", "件", a->complaints);
	stat_row(&s, 0, "七、依申请公开信息收取的费用", "万元", GK_CELL_AMOUNT,
		 (double)a->fees_collected_fen / 1e6);

	stat_row(&s, 0, "八、机构建设和保障经费情况", NULL, GK_CELL_TEXT, 0);
	bool staff_known =
		a->figure_known[GK_YF_STAFF_FULL_TIME] || a->figure_known[GK_YF_STAFF_PART_TIME];
	stat_row(&s, 1, "（三）从事政府信息公开工作人员数", "人",
		 staff_known ? GK_CELL_COUNT : GK_CELL_BLANK,
		 (double)(a->figures[GK_YF_STAFF_FULL_TIME] + a->figures[GK_YF_STAFF_PART_TIME]));
	stat_figure(&s, a, 2, "1．专职人员数（不包括政府公报及政府网站工作人员数）", "人",
		    GK_YF_STAFF_FULL_TIME);
	stat_figure(&s, a, 2, "2．兼职人员数", "人", GK_YF_STAFF_PART_TIME);

	stat_row(&s, 0, "九、政府信息公开会议和培训情况", NULL, GK_CELL_TEXT, 0);
	stat_figure(&s, a, 1, "（一）召开政府信息公开工作会议或专题会议数", "次", GK_YF_MEETINGS);
	stat_figure(&s, a, 1, "（二）举办各类培训班数", "次", GK_YF_TRAINING_SESSIONS);
	stat_figure(&s, a, 1, "（三）接受培训人员数", "人次", GK_YF_TRAINING_ATTENDANCE);
}

/* --- the whole ---------------------------------------------------------------------- */

int gk_annual_grids(const struct gk_annual *a, struct gk_grid *grids, int max)
{
	int n = 0;
	if (a->style == GK_STYLE_NARRATIVE) {
		if (n < max)
			build_stat(a, &grids[n++]);
		return n;
	}
	int format = a->style == GK_STYLE_2019 ? 2019 : 2021;
	if (n < max)
		build_t1(a, format, &grids[n++]);
	if (n < max)
		build_t2(a, format, &grids[n++]);
	if (n < max)
		build_t3(a, &grids[n++]);
	return n;
}

const struct gk_grid_cell *gk_grid_cell_at(const struct gk_grid *g, int row, int col)
{
	for (int i = 0; i < g->ncells; i++)
		if (g->cells[i].row == row && g->cells[i].col == col)
			return &g->cells[i];
	return NULL;
}

void gk_grid_amount_text(double amount, char *out, size_t size)
{
	if (size == 0)
		return;
	snprintf(out, size, "%.4f", amount);
	size_t len = strlen(out);
	char *dot = strchr(out, '.');
	while (dot && len > (size_t)(dot - out) + 3 && out[len - 1] == '0')
		out[--len] = '\0';
}

void gk_annual_title(const struct gk_annual *a, bool brk, char *out, size_t size)
{
	snprintf(out, size, "%s%s%d年政府信息公开工作年度报告", a->agency_name, brk ? "\n" : "",
		 a->year);
}
