/* The official tables expanded from the lists in tables.h, and the identities between cells. */
#include <string.h>

#include "core/report/tables.h"

#define COUNTOF(a) (sizeof(a) / sizeof((a)[0]))

unsigned gk_report_format_bit(int format)
{
	return format == 2019 ? GK_FORMAT_2019 : format == 2021 ? GK_FORMAT_2021 : 0;
}

/* --- Table 1 ------------------------------------------------------------------------ */

#define T1_COL_(name, format, label, short_name, keyword, kind) \
	[GK_T1_##name] = {GK_T1_##name, format, label, short_name, keyword, kind},
static const struct gk_t1_col_info t1_cols[GK_T1_NCOLUMNS] = {GK_T1_COLUMNS(T1_COL_)};
#undef T1_COL_

#define T1_ROW_(name, code, block, l21, l19, kw, a21, b21, c21, a19, b19, c19) \
	[GK_T1_##name] = {GK_T1_##name,                                        \
			  code,                                                \
			  block,                                               \
			  l21,                                                 \
			  l19,                                                 \
			  kw,                                                  \
			  {GK_T1_##a21, GK_T1_##b21, GK_T1_##c21},             \
			  {GK_T1_##a19, GK_T1_##b19, GK_T1_##c19}},
static const struct gk_t1_row_info t1_rows[GK_T1_NROWS] = {GK_T1_ROWS(T1_ROW_)};
#undef T1_ROW_

const struct gk_t1_col_info *gk_report_t1_col_info(enum gk_t1_col col)
{
	return (unsigned)col < GK_T1_NCOLUMNS ? &t1_cols[col] : NULL;
}

const struct gk_t1_row_info *gk_report_t1_row_info(enum gk_t1_row row)
{
	return (unsigned)row < GK_T1_NROWS ? &t1_rows[row] : NULL;
}

/* The columns of ROW in FORMAT, or NULL. */
static const enum gk_t1_col *t1_set(int format, int row)
{
	if (row < 0 || row >= GK_T1_NROWS)
		return NULL;
	return format == 2021   ? t1_rows[row].cols2021
	       : format == 2019 ? t1_rows[row].cols2019
				: NULL;
}

int gk_report_t1_cols(int format, int row)
{
	const enum gk_t1_col *set = t1_set(format, row);
	int n = 0;
	while (set && n < GK_T1_COLS && set[n] != GK_T1_NOCOL)
		n++;
	return n;
}

enum gk_t1_col gk_report_t1_col(int format, int row, int pos)
{
	if (pos < 0 || pos >= gk_report_t1_cols(format, row))
		return GK_T1_NOCOL;
	return t1_set(format, row)[pos];
}

int gk_report_t1_col_pos(int format, int row, enum gk_t1_col col)
{
	for (int pos = 0; pos < gk_report_t1_cols(format, row); pos++)
		if (t1_set(format, row)[pos] == col)
			return pos;
	return -1;
}

const char *gk_report_t1_row_name(int format, int row)
{
	if (!gk_report_t1_cols(format, row))
		return "";
	return format == 2021 ? t1_rows[row].label2021 : t1_rows[row].label2019;
}

const char *gk_report_t1_col_name(int format, int row, int pos)
{
	enum gk_t1_col col = gk_report_t1_col(format, row, pos);
	return col == GK_T1_NOCOL ? "" : t1_cols[col].name;
}

int gk_report_t1_header_format(const char *words, size_t n)
{
	static const int order[] = {2021, 2019}; /* a header naming both is read as 2021 */
	for (size_t f = 0; f < COUNTOF(order); f++)
		for (int c = 0; c < GK_T1_NCOLUMNS; c++) {
			const char *kw = t1_cols[c].keyword;
			if (t1_cols[c].format == order[f] && kw && memmem(words, n, kw, strlen(kw)))
				return order[f];
		}
	return 0;
}

/* --- Table 2 ------------------------------------------------------------------------ */

#define T2_COL_(name, code, label, group) [GK_T2_##name] = {GK_T2_##name, code, label, group},
static const struct gk_t2_col_info t2_cols[GK_T2_COLS] = {GK_T2_COLUMNS(T2_COL_)};
#undef T2_COL_

#define T2_ROW_(name, code, section, item, formats, r19, label, short_name, keywords) \
	[GK_T2_##name] = {GK_T2_##name, code,  section,    item,    formats,          \
			  GK_T2_##r19,  label, short_name, keywords},
static const struct gk_t2_row_info t2_rows[GK_T2_NROWS] = {GK_T2_ROWS(T2_ROW_)};
#undef T2_ROW_

const struct gk_t2_col_info *gk_report_t2_col_info(enum gk_t2_col col)
{
	return (unsigned)col < GK_T2_COLS ? &t2_cols[col] : NULL;
}

const struct gk_t2_row_info *gk_report_t2_row_info(enum gk_t2_row row)
{
	return (unsigned)row < GK_T2_NROWS ? &t2_rows[row] : NULL;
}

const char *gk_report_t2_heading(enum gk_t2_row row)
{
	if ((unsigned)row >= GK_T2_NROWS)
		return "";
	if (t2_rows[row].section == 0 || t2_rows[row].item == 0)
		return t2_rows[row].label;
	for (int r = 0; r < GK_T2_NROWS; r++)
		if (t2_rows[r].section == t2_rows[row].section && t2_rows[r].item == 0)
			return t2_rows[r].label;
	return "";
}

bool gk_report_t2_in_format(enum gk_t2_row row, int format)
{
	return (unsigned)row < GK_T2_NROWS && (t2_rows[row].formats & gk_report_format_bit(format));
}

int gk_report_t2_next_2021(int row)
{
	if (row < 0 || row >= GK_T2_NROWS || !gk_report_t2_in_format(row, 2021))
		return -1;
	for (int r = row + 1; r < GK_T2_NROWS; r++)
		if (gk_report_t2_in_format(r, 2021))
			return r;
	return -1;
}

bool gk_report_t2_row_parse(const char *code, enum gk_t2_row *out)
{
	for (int r = 0; code && r < GK_T2_NROWS; r++)
		if (strcmp(code, t2_rows[r].code) == 0) {
			*out = (enum gk_t2_row)r;
			return true;
		}
	return false;
}

bool gk_report_t2_col_parse(const char *code, enum gk_t2_col *out)
{
	for (int c = 0; code && c < GK_T2_COLS; c++)
		if (strcmp(code, t2_cols[c].code) == 0) {
			*out = (enum gk_t2_col)c;
			return true;
		}
	return false;
}

/* --- Table 3 ------------------------------------------------------------------------ */

#define T3_GROUP_(name, code, label, long_name) \
	[GK_T3_##name] = {GK_T3_##name, code, label, long_name},
// clang-format off
static const struct gk_t3_group_info t3_groups[GK_T3_NGROUPS + 1] = {
	GK_T3_GROUPS(T3_GROUP_)
	[GK_T3_SUIT] = {GK_T3_SUIT, "suit", GK_T3_SUIT_LABEL, GK_T3_SUIT_LABEL},
};
// clang-format on
#undef T3_GROUP_

#define T3_COL_(name, code, label, keyword) [GK_T3_##name] = {GK_T3_##name, code, label, keyword},
static const struct gk_t3_col_info t3_cols[GK_T3_NCOLS] = {GK_T3_COLUMNS(T3_COL_)};
#undef T3_COL_

const struct gk_t3_group_info *gk_report_t3_group_info(enum gk_t3_group group)
{
	return (unsigned)group <= GK_T3_SUIT ? &t3_groups[group] : NULL;
}

const struct gk_t3_col_info *gk_report_t3_col_info(enum gk_t3_col col)
{
	return (unsigned)col < GK_T3_NCOLS ? &t3_cols[col] : NULL;
}

/* --- pre-2019 categories ---------------------------------------------------------------- */

#define PRE_(name, code, label, item, stat_label) \
	[GK_PRE2019_##name] = {GK_PRE2019_##name, code, label, item, stat_label},
static const struct gk_pre2019_info pre2019[GK_PRE2019_COUNT] = {GK_PRE2019_CATEGORIES(PRE_)};
#undef PRE_

#define REFUSAL_(name, code, label) [GK_REFUSAL_##name] = {GK_REFUSAL_##name, code, label},
static const struct gk_refusal_info refusals[GK_REFUSAL_COUNT] = {GK_REFUSAL_REASONS(REFUSAL_)};
#undef REFUSAL_

const struct gk_pre2019_info *gk_report_pre2019_info(enum gk_pre2019 category)
{
	return (unsigned)category < GK_PRE2019_COUNT ? &pre2019[category] : NULL;
}

const struct gk_refusal_info *gk_report_refusal_info(enum gk_refusal reason)
{
	return (unsigned)reason < GK_REFUSAL_COUNT ? &refusals[reason] : NULL;
}

/* --- identities ------------------------------------------------------------------------- */

/* Terms: a cell of this year's report, its negative, one of last year's. */
#define P(x)               \
	{                  \
		(x), +1, 0 \
	}
#define M(x)               \
	{                  \
		(x), -1, 0 \
	}
#define LAST(x)             \
	{                   \
		(x), +1, -1 \
	}
#define R(x) P(GK_T2_##x)

/* Every result row of the 2021 format but （六）, in table order. */
#define RESULTS_BUT_OTHER                                                               \
	R(GRANTED), R(PARTIAL), R(REFUSED_SECRET), R(REFUSED_LAW), R(REFUSED_SECURITY), \
		R(REFUSED_THIRD_PARTY), R(REFUSED_INTERNAL), R(REFUSED_PROCESS),        \
		R(REFUSED_ENFORCEMENT), R(REFUSED_QUERY), R(UNABLE_NOT_HELD),           \
		R(UNABLE_NEEDS_CREATION), R(UNABLE_UNCLEAR), R(IGNORED_PETITION),       \
		R(IGNORED_REPEAT), R(IGNORED_PUBLICATION), R(IGNORED_EXCESSIVE),        \
		R(IGNORED_CONFIRM)

static const struct gk_report_identity identities[GK_NIDENTITIES] = {
	[GK_ID_T1_IN_FORCE] = {GK_ID_T1_IN_FORCE,
			       "t1-in-force",
			       "现行有效件数＝上年现行有效件数＋本年制发件数－本年废止件数",
			       GK_TABLE1,
			       GK_AXIS_COLUMNS,
			       GK_FORMAT_2021,
			       false,
			       1,
			       3,
			       {P(GK_T1_IN_FORCE)},
			       {LAST(GK_T1_IN_FORCE), P(GK_T1_ISSUED), M(GK_T1_REPEALED)}},
	[GK_ID_T1_ITEMS] = {GK_ID_T1_ITEMS,
			    "t1-items",
			    "上一年项目数量＝上年报告的上一年项目数量＋本年增/减",
			    GK_TABLE1,
			    GK_AXIS_COLUMNS,
			    GK_FORMAT_2019,
			    false,
			    1,
			    2,
			    {P(GK_T1_ITEMS_LAST_YEAR)},
			    {LAST(GK_T1_ITEMS_LAST_YEAR), LAST(GK_T1_ITEMS_CHANGE)}},
	[GK_ID_T2_ROW_TOTAL] =
		{GK_ID_T2_ROW_TOTAL,
		 "t2-row-total",
		 "总计＝自然人＋商业企业＋科研机构＋社会公益组织＋法律服务机构＋其他",
		 GK_TABLE2,
		 GK_AXIS_COLUMNS,
		 GK_FORMAT_BOTH,
		 true,
		 1,
		 6,
		 {P(GK_T2_ALL)},
		 {P(GK_T2_NATURAL_PERSON), P(GK_T2_BUSINESS), P(GK_T2_RESEARCH),
		  P(GK_T2_PUBLIC_INTEREST), P(GK_T2_LEGAL_SERVICES), P(GK_T2_OTHER_ORG)}},
	[GK_ID_T2_RESULTS_2021] =
		{GK_ID_T2_RESULTS_2021,
		 "t2-results-2021",
		 "（七）总计＝（一）＋（二）＋（三）1–8＋（四）1–3＋（五）1–5＋（六）1–3",
		 GK_TABLE2,
		 GK_AXIS_ROWS,
		 GK_FORMAT_2021,
		 true,
		 1,
		 21,
		 {R(TOTAL)},
		 {RESULTS_BUT_OTHER, R(OTHER_NO_SUPPLEMENT), R(OTHER_NO_FEE), R(OTHER_OTHER)}},
	[GK_ID_T2_RESULTS_2019] =
		{GK_ID_T2_RESULTS_2019,
		 "t2-results-2019",
		 "（七）总计＝（一）＋（二）＋（三）1–8＋（四）1–3＋（五）1–5＋（六）",
		 GK_TABLE2,
		 GK_AXIS_ROWS,
		 GK_FORMAT_2019,
		 true,
		 1,
		 19,
		 {R(TOTAL)},
		 {RESULTS_BUT_OTHER, R(OTHER)}},
	[GK_ID_T2_REFUSED] = {GK_ID_T2_REFUSED,
			      "t2-refused",
			      "（三）不予公开＝（三）1–8",
			      GK_TABLE2,
			      GK_AXIS_ROWS,
			      GK_FORMAT_BOTH,
			      true,
			      1,
			      8,
			      {R(REFUSED)},
			      {R(REFUSED_SECRET), R(REFUSED_LAW), R(REFUSED_SECURITY),
			       R(REFUSED_THIRD_PARTY), R(REFUSED_INTERNAL), R(REFUSED_PROCESS),
			       R(REFUSED_ENFORCEMENT), R(REFUSED_QUERY)}},
	[GK_ID_T2_UNABLE] = {GK_ID_T2_UNABLE,
			     "t2-unable",
			     "（四）无法提供＝（四）1–3",
			     GK_TABLE2,
			     GK_AXIS_ROWS,
			     GK_FORMAT_BOTH,
			     true,
			     1,
			     3,
			     {R(UNABLE)},
			     {R(UNABLE_NOT_HELD), R(UNABLE_NEEDS_CREATION), R(UNABLE_UNCLEAR)}},
	[GK_ID_T2_IGNORED] = {GK_ID_T2_IGNORED,
			      "t2-ignored",
			      "（五）不予处理＝（五）1–5",
			      GK_TABLE2,
			      GK_AXIS_ROWS,
			      GK_FORMAT_BOTH,
			      true,
			      1,
			      5,
			      {R(IGNORED)},
			      {R(IGNORED_PETITION), R(IGNORED_REPEAT), R(IGNORED_PUBLICATION),
			       R(IGNORED_EXCESSIVE), R(IGNORED_CONFIRM)}},
	/* in 2021 a subtotal; also how a 2021 table is read in the 2019 format */
	[GK_ID_T2_OTHER] = {GK_ID_T2_OTHER,
			    "t2-other",
			    "（六）其他处理＝（六）1–3",
			    GK_TABLE2,
			    GK_AXIS_ROWS,
			    GK_FORMAT_2021,
			    true,
			    1,
			    3,
			    {R(OTHER)},
			    {R(OTHER_NO_SUPPLEMENT), R(OTHER_NO_FEE), R(OTHER_OTHER)}},
	[GK_ID_T2_BALANCE] = {GK_ID_T2_BALANCE,
			      "t2-balance",
			      "一＋二＝三（七）＋四",
			      GK_TABLE2,
			      GK_AXIS_ROWS,
			      GK_FORMAT_BOTH,
			      true,
			      2,
			      2,
			      {R(NEW), R(CARRY_IN)},
			      {R(TOTAL), R(CARRY_OUT)}},
	[GK_ID_T2_CARRY_OVER] = {GK_ID_T2_CARRY_OVER,
				 "t2-carry-over",
				 "二、上年结转＝上年报告的四、结转下年度继续办理",
				 GK_TABLE2,
				 GK_AXIS_ROWS,
				 GK_FORMAT_BOTH,
				 true,
				 1,
				 1,
				 {R(CARRY_IN)},
				 {LAST(GK_T2_CARRY_OUT)}},
	[GK_ID_T3_TOTAL] = {GK_ID_T3_TOTAL,
			    "t3-total",
			    "总计＝结果维持＋结果纠正＋其他结果＋尚未审结",
			    GK_TABLE3,
			    GK_AXIS_COLUMNS,
			    GK_FORMAT_BOTH,
			    true,
			    1,
			    4,
			    {P(GK_T3_ALL)},
			    {P(GK_T3_UPHELD), P(GK_T3_CORRECTED), P(GK_T3_OTHER_RESULT),
			     P(GK_T3_PENDING)}},
	[GK_ID_T3_SUIT] = {GK_ID_T3_SUIT,
			   "t3-suit",
			   "行政诉讼＝未经复议直接起诉＋复议后起诉",
			   GK_TABLE3,
			   GK_AXIS_GROUPS,
			   GK_FORMAT_BOTH,
			   true,
			   1,
			   2,
			   {P(GK_T3_SUIT)},
			   {P(GK_T3_DIRECT_SUIT), P(GK_T3_SUIT_AFTER_REVIEW)}},
};

#undef RESULTS_BUT_OTHER
#undef R
#undef LAST
#undef M
#undef P

const struct gk_report_identity *gk_report_identity(enum gk_report_identity_id id)
{
	return (unsigned)id < GK_NIDENTITIES ? &identities[id] : NULL;
}

static bool side(const struct gk_report_term *terms, int n, int along, gk_report_cell_fn cell,
		 void *ctx, double *sum)
{
	*sum = 0;
	for (int i = 0; i < n; i++) {
		double v;
		if (!cell(ctx, terms[i].index, along, terms[i].year, &v))
			return false;
		*sum += terms[i].sign * v;
	}
	return true;
}

bool gk_report_identity_eval(const struct gk_report_identity *id, int along, gk_report_cell_fn cell,
			     void *ctx, double *left, double *right)
{
	double l, r;
	if (!side(id->left, id->nleft, along, cell, ctx, &l) ||
	    !side(id->right, id->nright, along, cell, ctx, &r))
		return false;
	*left = l;
	*right = r;
	return true;
}
