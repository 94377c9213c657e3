/* One model of the official annual-report tables (RULES §3, §7): rows, columns, identities. */
#ifndef GK_CORE_REPORT_TABLES_H
#define GK_CORE_REPORT_TABLES_H

#include <stdbool.h>
#include <stddef.h>

/* Each table is one X-macro list: the enum, the labels, the codes and the
 * keywords that recognise a row in a report all come from it. A list entry
 * never moves: the enums' order is the tables' order. */

/* The formats, as bits of a set: 国办公开办函〔2019〕60号 (reports on 2019 and
 * 2020) and 国办公开办函〔2021〕30号 (2021 onward). */
#define GK_FORMAT_2019 1u
#define GK_FORMAT_2021 2u
#define GK_FORMAT_BOTH (GK_FORMAT_2019 | GK_FORMAT_2021)

/* The bit of FORMAT (2019 or 2021) in a set of formats; 0 for any other year. */
unsigned gk_report_format_bit(int format);

enum gk_report_table {
	GK_TABLE1 = 1, /* 主动公开政府信息情况 */
	GK_TABLE2 = 2, /* 收到和处理政府信息公开申请情况 */
	GK_TABLE3 = 3, /* 政府信息公开行政复议、行政诉讼情况 */
};

/* --- Table 1: 主动公开政府信息情况 -------------------------------------------- */

/* What a Table 1 cell holds. */
enum gk_t1_kind {
	GK_T1_COUNT,  /* a count: a non-negative integer */
	GK_T1_DELTA,  /* a signed change (2019 本年增/减) */
	GK_T1_AMOUNT, /* an amount of money (收费金额, 采购总金额) */
};

/* The columns of both formats. X(NAME, format, official header, name in
 * messages and figure labels, keyword naming the format in a header, kind). */
#define GK_T1_COLUMNS(X)                                                                          \
	X(ISSUED, 2021, "本年制发件数", "本年制发件数", "本年制发", GK_T1_COUNT)                  \
	X(REPEALED, 2021, "本年废止件数", "本年废止件数", "本年废止", GK_T1_COUNT)                \
	X(IN_FORCE, 2021, "现行有效件数", "现行有效件数", "现行有效", GK_T1_COUNT)                \
	X(DECIDED, 2021, "本年处理决定数量", "本年处理决定数量", "本年处理决定", GK_T1_COUNT)     \
	X(FEES_COLLECTED, 2021, "本年收费金额（单位：万元）", "本年收费金额（万元）", "收费金额", \
	  GK_T1_AMOUNT)                                                                           \
	X(MADE, 2019, "本年新制作数量", "本年新制作数量", "新制作", GK_T1_COUNT)                  \
	X(PUBLISHED, 2019, "本年新公开数量", "本年新公开数量", "新公开", GK_T1_COUNT)             \
	X(PUBLIC_TOTAL, 2019, "对外公开总数量", "对外公开总数量", "对外公开总", GK_T1_COUNT)      \
	X(ITEMS_LAST_YEAR, 2019, "上一年项目数量", "上一年项目数量", "上一年项目", GK_T1_COUNT)   \
	X(ITEMS_CHANGE, 2019, "本年增/减", "本年增/减", "增/减", GK_T1_DELTA)                     \
	X(DECIDED_2019, 2019, "处理决定数量", "处理决定数量", NULL, GK_T1_COUNT)                  \
	X(PURCHASES, 2019, "采购项目数量", "采购项目数量", "采购项目", GK_T1_COUNT)               \
	X(PURCHASE_AMOUNT, 2019, "采购总金额", "采购总金额", "采购总金额", GK_T1_AMOUNT)

/* The rows. X(NAME, code, block header (第二十条 item), label in 2021 (NULL:
 * no such row), label in 2019, keyword recognising the row, the 2021 columns,
 * the 2019 columns); NOCOL pads a row with fewer than three columns. */
#define GK_T1_ROWS(X)                                                                              \
	X(RULES, "rules", "第二十条第（一）项", "规章", "规章", "规章", ISSUED, REPEALED,          \
	  IN_FORCE, MADE, PUBLISHED, PUBLIC_TOTAL)                                                 \
	X(NORMATIVE, "normative", "第二十条第（一）项", "行政规范性文件", "规范性文件",            \
	  "规范性文件", ISSUED, REPEALED, IN_FORCE, MADE, PUBLISHED, PUBLIC_TOTAL)                 \
	X(LICENSE, "license", "第二十条第（五）项", "行政许可", "行政许可", "行政许可", DECIDED,   \
	  NOCOL, NOCOL, ITEMS_LAST_YEAR, ITEMS_CHANGE, DECIDED_2019)                               \
	X(OTHER_SERVICE, "other_service", "第二十条第（五）项", NULL, "其他对外管理服务事项",      \
	  "对外管理服务", NOCOL, NOCOL, NOCOL, ITEMS_LAST_YEAR, ITEMS_CHANGE, DECIDED_2019)        \
	X(PENALTY, "penalty", "第二十条第（六）项", "行政处罚", "行政处罚", "行政处罚", DECIDED,   \
	  NOCOL, NOCOL, ITEMS_LAST_YEAR, ITEMS_CHANGE, DECIDED_2019)                               \
	X(COERCION, "coercion", "第二十条第（六）项", "行政强制", "行政强制", "行政强制", DECIDED, \
	  NOCOL, NOCOL, ITEMS_LAST_YEAR, ITEMS_CHANGE, DECIDED_2019)                               \
	X(FEES, "fees", "第二十条第（八）项", "行政事业性收费", "行政事业性收费", "事业性收费",    \
	  FEES_COLLECTED, NOCOL, NOCOL, ITEMS_LAST_YEAR, ITEMS_CHANGE, NOCOL)                      \
	X(PROCUREMENT, "procurement", "第二十条第（九）项", NULL, "政府集中采购", "集中采购",      \
	  NOCOL, NOCOL, NOCOL, PURCHASES, PURCHASE_AMOUNT, NOCOL)

#define GK_T1_ENUM_(name, ...) GK_T1_##name,
enum gk_t1_col { GK_T1_COLUMNS(GK_T1_ENUM_) GK_T1_NCOLUMNS, GK_T1_NOCOL = -1 };
enum gk_t1_row { GK_T1_ROWS(GK_T1_ENUM_) GK_T1_NROWS };
#undef GK_T1_ENUM_
#define GK_T1_COLS 3 /* the most cells a row has */

struct gk_t1_col_info {
	enum gk_t1_col col;
	int format;          /* 2019 or 2021 */
	const char *label;   /* official header: "本年收费金额（单位：万元）" */
	const char *name;    /* in messages and figure labels: "本年收费金额（万元）" */
	const char *keyword; /* a header containing it is in this column's format; NULL if none */
	enum gk_t1_kind kind;
};

struct gk_t1_row_info {
	enum gk_t1_row row;
	const char *code;      /* "normative" */
	const char *block;     /* "第二十条第（一）项" */
	const char *label2021; /* "行政规范性文件"; NULL: not a row of the 2021 format */
	const char *label2019; /* "规范性文件" */
	const char *keyword;   /* recognises the row's label in a report */
	enum gk_t1_col cols2021[GK_T1_COLS], cols2019[GK_T1_COLS]; /* GK_T1_NOCOL pads */
};

/* Descriptions; NULL out of range. */
const struct gk_t1_col_info *gk_report_t1_col_info(enum gk_t1_col col);
const struct gk_t1_row_info *gk_report_t1_row_info(enum gk_t1_row row);
/* Number of cells of ROW in Table 1 of FORMAT (2019 or 2021); 0 if the
 * format has no such row (or ROW or FORMAT is out of range). */
int gk_report_t1_cols(int format, int row);
/* The column at position POS (0-based) of ROW in FORMAT; GK_T1_NOCOL if none. */
enum gk_t1_col gk_report_t1_col(int format, int row, int pos);
/* The position of column COL in ROW of FORMAT; -1 if the row has no such column. */
int gk_report_t1_col_pos(int format, int row, enum gk_t1_col col);
/* The names of a Table 1 row and of the cell at POS in FORMAT (static
 * strings, "" when the format has no such row or cell): "规范性文件" in 2019,
 * "行政规范性文件" in 2021; "本年收费金额（万元）". */
const char *gk_report_t1_row_name(int format, int row);
const char *gk_report_t1_col_name(int format, int row, int pos);
/* The format (2019 or 2021) whose column header WORDS[0..N) names, or 0. */
int gk_report_t1_header_format(const char *words, size_t n);

/* --- Table 2: 收到和处理政府信息公开申请情况 ------------------------------------- */

/* The applicant columns, the same in both formats. X(NAME, code, label, group). */
#define GK_T2_COLUMNS(X)                                                        \
	X(NATURAL_PERSON, "natural_person", "自然人", "自然人")                 \
	X(BUSINESS, "business", "商业企业", "法人或其他组织")                   \
	X(RESEARCH, "research", "科研机构", "法人或其他组织")                   \
	X(PUBLIC_INTEREST, "public_interest", "社会公益组织", "法人或其他组织") \
	X(LEGAL_SERVICES, "legal_services", "法律服务机构", "法人或其他组织")   \
	X(OTHER_ORG, "other", "其他", "法人或其他组织")                         \
	X(ALL, "total", "总计", "总计")

/* The rows of both formats, in table order. X(NAME, code, section, item,
 * formats, row in 2019, official label, name in messages, keywords).
 *   section: 1–7 for （一）–（七） under 三、本年度办理结果, 0 for 一, 二 and 四;
 *   item: 1–8 within a section, 0 for the section's own row;
 *   formats: where it is a data row; a section row that is not one (（三）–（五）,
 *     and （六） in 2021) is a subtotal some reports add;
 *   row in 2019: the 2019 row a 2021 data row is counted in;
 *   keywords: '|'-separated words recognising the row's label (the most
 *     specific one wins, see core/report/locate_tables.c). */
#define GK_T2_ROWS(X)                                                                              \
	X(NEW, "new", 0, 0, GK_FORMAT_BOTH, NEW, "一、本年新收政府信息公开申请数量",               \
	  "一、本年新收", "本年新收|新收政府信息")                                                 \
	X(CARRY_IN, "carried_in", 0, 0, GK_FORMAT_BOTH, CARRY_IN,                                  \
	  "二、上年结转政府信息公开申请数量", "二、上年结转", "上年结转")                          \
	X(GRANTED, "granted", 1, 0, GK_FORMAT_BOTH, GRANTED, "（一）予以公开", "（一）予以公开",   \
	  "予以公开")                                                                              \
	X(PARTIAL, "partial", 2, 0, GK_FORMAT_BOTH, PARTIAL,                                       \
	  "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开",            \
	  "部分公开")                                                                              \
	X(REFUSED_SECRET, "refused_secret", 3, 1, GK_FORMAT_BOTH, REFUSED_SECRET,                  \
	  "1.属于国家秘密", "（三）1.国家秘密", "国家秘密")                                        \
	X(REFUSED_LAW, "refused_law", 3, 2, GK_FORMAT_BOTH, REFUSED_LAW,                           \
	  "2.其他法律行政法规禁止公开", "（三）2.其他法律行政法规禁止公开", "禁止公开")            \
	X(REFUSED_SECURITY, "refused_security", 3, 3, GK_FORMAT_BOTH, REFUSED_SECURITY,            \
	  "3.危及“三安全一稳定”", "（三）3.危及“三安全一稳定”", "三安全|危及")                     \
	X(REFUSED_THIRD_PARTY, "refused_third_party", 3, 4, GK_FORMAT_BOTH, REFUSED_THIRD_PARTY,   \
	  "4.保护第三方合法权益", "（三）4.保护第三方合法权益", "第三方")                          \
	X(REFUSED_INTERNAL, "refused_internal", 3, 5, GK_FORMAT_BOTH, REFUSED_INTERNAL,            \
	  "5.属于三类内部事务信息", "（三）5.三类内部事务信息", "内部事务")                        \
	X(REFUSED_PROCESS, "refused_process", 3, 6, GK_FORMAT_BOTH, REFUSED_PROCESS,               \
	  "6.属于四类过程性信息", "（三）6.四类过程性信息", "过程性")                              \
	X(REFUSED_ENFORCEMENT, "refused_enforcement", 3, 7, GK_FORMAT_BOTH, REFUSED_ENFORCEMENT,   \
	  "7.属于行政执法案卷", "（三）7.行政执法案卷", "执法案卷")                                \
	X(REFUSED_QUERY, "refused_query", 3, 8, GK_FORMAT_BOTH, REFUSED_QUERY,                     \
	  "8.属于行政查询事项", "（三）8.行政查询事项", "行政查询|查询事项")                       \
	X(UNABLE_NOT_HELD, "unable_not_held", 4, 1, GK_FORMAT_BOTH, UNABLE_NOT_HELD,               \
	  "1.本机关不掌握相关政府信息", "（四）1.本机关不掌握", "不掌握")                          \
	X(UNABLE_NEEDS_CREATION, "unable_needs_creation", 4, 2, GK_FORMAT_BOTH,                    \
	  UNABLE_NEEDS_CREATION, "2.没有现成信息需要另行制作", "（四）2.没有现成信息需要另行制作", \
	  "另行制作|没有现成")                                                                     \
	X(UNABLE_UNCLEAR, "unable_unclear", 4, 3, GK_FORMAT_BOTH, UNABLE_UNCLEAR,                  \
	  "3.补正后申请内容仍不明确", "（四）3.补正后申请内容仍不明确", "仍不明确|补正后")         \
	X(IGNORED_PETITION, "ignored_petition", 5, 1, GK_FORMAT_BOTH, IGNORED_PETITION,            \
	  "1.信访举报投诉类申请", "（五）1.信访举报投诉类申请", "信访|举报投诉")                   \
	X(IGNORED_REPEAT, "ignored_repeat", 5, 2, GK_FORMAT_BOTH, IGNORED_REPEAT, "2.重复申请",    \
	  "（五）2.重复申请", "重复申请")                                                          \
	X(IGNORED_PUBLICATION, "ignored_publication", 5, 3, GK_FORMAT_BOTH, IGNORED_PUBLICATION,   \
	  "3.要求提供公开出版物", "（五）3.要求提供公开出版物", "出版物")                          \
	X(IGNORED_EXCESSIVE, "ignored_excessive", 5, 4, GK_FORMAT_BOTH, IGNORED_EXCESSIVE,         \
	  "4.无正当理由大量反复申请", "（五）4.无正当理由大量反复申请", "大量反复|反复申请")       \
	X(IGNORED_CONFIRM, "ignored_confirm", 5, 5, GK_FORMAT_BOTH, IGNORED_CONFIRM,               \
	  "5.要求行政机关确认或重新出具已获取信息", "（五）5.要求确认或重新出具已获取信息",        \
	  "重新出具|确认或")                                                                       \
	X(OTHER_NO_SUPPLEMENT, "other_no_supplement", 6, 1, GK_FORMAT_2021, OTHER,                 \
	  "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",                      \
	  "（六）1.逾期不补正", "逾期不补|不补正")                                                 \
	X(OTHER_NO_FEE, "other_no_fee", 6, 2, GK_FORMAT_2021, OTHER,                               \
	  "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",              \
	  "（六）2.逾期未缴费", "收费通知|缴纳费用")                                               \
	X(OTHER_OTHER, "other_other", 6, 3, GK_FORMAT_2021, OTHER, "3.其他", "（六）3.其他", "")   \
	X(OTHER, "other", 6, 0, GK_FORMAT_2019, OTHER, "（六）其他处理", "（六）其他处理",         \
	  "其他处理")                                                                              \
	X(REFUSED, "refused", 3, 0, 0, REFUSED, "（三）不予公开", "（三）不予公开",                \
	  "不予公开|不予以公开")                                                                   \
	X(UNABLE, "unable", 4, 0, 0, UNABLE, "（四）无法提供", "（四）无法提供", "无法提供")       \
	X(IGNORED, "ignored", 5, 0, 0, IGNORED, "（五）不予处理", "（五）不予处理", "不予处理")    \
	X(TOTAL, "total", 7, 0, GK_FORMAT_BOTH, TOTAL, "（七）总计", "（七）总计", "总计")         \
	X(CARRY_OUT, "carried_out", 0, 0, GK_FORMAT_BOTH, CARRY_OUT, "四、结转下年度继续办理",     \
	  "四、结转下年度继续办理", "结转下年|继续办理")

/* The label spanning the result rows (（一）–（七）). */
#define GK_T2_RESULTS_LABEL "三、本年度办理结果"
/* The note in the table's top-left cell. */
#define GK_T2_BALANCE_NOTE "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和"

#define GK_T2_ENUM_(name, ...) GK_T2_##name,
enum gk_t2_col { GK_T2_COLUMNS(GK_T2_ENUM_) GK_T2_COLS };
enum gk_t2_row { GK_T2_ROWS(GK_T2_ENUM_) GK_T2_NROWS };
#undef GK_T2_ENUM_

struct gk_t2_col_info {
	enum gk_t2_col col;
	const char *code;  /* "natural_person" */
	const char *label; /* "自然人" */
	const char *group; /* the header above it: 自然人, 法人或其他组织 or 总计 */
};

struct gk_t2_row_info {
	enum gk_t2_row row;
	const char *code;       /* stable: "refused_secret" */
	int section;            /* 1–7: （一）–（七）; 0 for 一, 二, 四 */
	int item;               /* 1–8 within the section; 0 for the section's own row */
	unsigned formats;       /* GK_FORMAT_* where it is a data row; 0: a subtotal only */
	enum gk_t2_row row2019; /* the 2019 row it is counted in */
	const char *label; /* official: "1.属于国家秘密", "（二）部分公开（区分处理的，…）" */
	const char *name;     /* short, in messages: "（三）1.国家秘密" */
	const char *keywords; /* '|'-separated; "" if none */
};

/* Descriptions; NULL out of range. */
const struct gk_t2_col_info *gk_report_t2_col_info(enum gk_t2_col col);
const struct gk_t2_row_info *gk_report_t2_row_info(enum gk_t2_row row);
/* The label of ROW's section (the row itself for a section or 一/二/四 row):
 * "（三）不予公开" for 1.属于国家秘密. "" out of range. */
const char *gk_report_t2_heading(enum gk_t2_row row);
/* True if ROW is a data row of FORMAT (2019 or 2021). */
bool gk_report_t2_in_format(enum gk_t2_row row, int format);
/* The data row of the 2021 format after ROW in table order; -1 after the last. */
int gk_report_t2_next_2021(int row);
/* Looks a row or column up by code; false if unknown. */
bool gk_report_t2_row_parse(const char *code, enum gk_t2_row *out);
bool gk_report_t2_col_parse(const char *code, enum gk_t2_col *out);

/* --- Table 3: 政府信息公开行政复议、行政诉讼情况 (same in both formats) ------------ */

/* The three column groups. X(NAME, code, label, name in messages). */
#define GK_T3_GROUPS(X)                                                                \
	X(REVIEW, "review", "行政复议", "行政复议")                                    \
	X(DIRECT_SUIT, "direct_suit", "未经复议直接起诉", "行政诉讼·未经复议直接起诉") \
	X(SUIT_AFTER_REVIEW, "suit_after_review", "复议后起诉", "行政诉讼·复议后起诉")

/* The five columns of each group. X(NAME, code, label, keyword in the header). */
#define GK_T3_COLUMNS(X)                              \
	X(UPHELD, "upheld", "结果维持", "维持")       \
	X(CORRECTED, "corrected", "结果纠正", "纠正") \
	X(OTHER_RESULT, "other", "其他结果", "其他")  \
	X(PENDING, "pending", "尚未审结", "尚未审结") \
	X(ALL, "total", "总计", "总计")

#define GK_T3_ENUM_(name, ...) GK_T3_##name,
enum gk_t3_group {
	GK_T3_GROUPS(GK_T3_ENUM_) GK_T3_NGROUPS,
	/* not a group of columns: the 行政诉讼 header above the two 起诉 groups,
	 * whose cells are their sums (an identity below) */
	GK_T3_SUIT = GK_T3_NGROUPS,
};
enum gk_t3_col { GK_T3_COLUMNS(GK_T3_ENUM_) GK_T3_NCOLS };
#undef GK_T3_ENUM_
#define GK_T3_SUIT_LABEL "行政诉讼"

struct gk_t3_group_info {
	enum gk_t3_group group;
	const char *code;  /* "direct_suit" */
	const char *label; /* "未经复议直接起诉" (GK_T3_SUIT: "行政诉讼") */
	const char *name;  /* "行政诉讼·未经复议直接起诉" */
};

struct gk_t3_col_info {
	enum gk_t3_col col;
	const char *code;    /* "upheld" */
	const char *label;   /* "结果维持" */
	const char *keyword; /* "维持": recognises the column in a header */
};

/* Descriptions, GK_T3_SUIT included; NULL out of range. */
const struct gk_t3_group_info *gk_report_t3_group_info(enum gk_t3_group group);
const struct gk_t3_col_info *gk_report_t3_col_info(enum gk_t3_col col);

/* --- the pre-2019 categories (统计表 and narrative reports, 2008 条例) -------------- */

/* Reply categories of 三、依申请公开情况（三）申请答复数. X(NAME, code, label,
 * item of the 统计表 (0: not a row of it), its row label). */
#define GK_PRE2019_CATEGORIES(X)                                                                   \
	X(ALREADY_PUBLIC, "already_public", "属于已主动公开范围", 1, "属于已主动公开范围数")       \
	X(GRANTED, "granted", "同意公开", 2, "同意公开答复数")                                     \
	X(PARTIAL, "partial", "同意部分公开", 3, "同意部分公开答复数")                             \
	X(REFUSED, "refused", "不同意公开", 4, "不同意公开答复数")                                 \
	X(NOT_THIS_AGENCY, "not_this_agency", "不属于本行政机关公开", 5, "不属于本行政机关公开数") \
	X(NOT_EXIST, "not_exist", "申请信息不存在", 6, "申请信息不存在数")                         \
	X(AMEND, "amend", "告知作出更改补充", 7, "告知作出更改补充数")                             \
	X(OTHER_CHANNEL, "other_channel", "告知通过其他途径办理", 8, "告知通过其他途径办理数")     \
	X(OTHER, "other", "其他", 0, "")                                                           \
	X(NONE, "none", "(无)", 0, "") /* no such case then (no processing fee before 2021) */

/* Reasons listed under 不同意公开. X(NAME, code, label). */
#define GK_REFUSAL_REASONS(X)                                                               \
	X(NONE, "none", "")                                                                 \
	X(STATE_SECRET, "state_secret", "涉及国家秘密")                                     \
	X(THIRD_PARTY, "third_party", "涉及商业秘密、个人隐私") /* two rows in the table */ \
	X(SECURITY, "security", "危及国家安全、公共安全、经济安全和社会稳定")               \
	X(NOT_GOV_INFO, "not_gov_info", "不是《条例》所指政府信息")                         \
	X(LAW_OTHER, "law_other", "法律法规规定的其他情形")

#define GK_PRE2019_ENUM_(name, ...) GK_PRE2019_##name,
#define GK_REFUSAL_ENUM_(name, ...) GK_REFUSAL_##name,
enum gk_pre2019 { GK_PRE2019_CATEGORIES(GK_PRE2019_ENUM_) GK_PRE2019_COUNT };
enum gk_refusal { GK_REFUSAL_REASONS(GK_REFUSAL_ENUM_) GK_REFUSAL_COUNT };
#undef GK_PRE2019_ENUM_
#undef GK_REFUSAL_ENUM_

struct gk_pre2019_info {
	enum gk_pre2019 category;
	const char *code;       /* "not_this_agency" */
	const char *label;      /* "不属于本行政机关公开" */
	int stat_item;          /* 1–8 in the 统计表, 0 if not a row of it */
	const char *stat_label; /* "不属于本行政机关公开数", "" */
};

struct gk_refusal_info {
	enum gk_refusal reason;
	const char *code;  /* "state_secret" */
	const char *label; /* "涉及国家秘密"; "" for GK_REFUSAL_NONE */
};

/* Descriptions; NULL out of range. */
const struct gk_pre2019_info *gk_report_pre2019_info(enum gk_pre2019 category);
const struct gk_refusal_info *gk_report_refusal_info(enum gk_refusal reason);

/* --- identities between cells ------------------------------------------------------- */

/* What the terms of an identity index, and along what it holds. */
enum gk_report_axis {
	GK_AXIS_ROWS,    /* terms are rows; holds in every column */
	GK_AXIS_COLUMNS, /* terms are columns; holds in every row (Table 3: every group) */
	GK_AXIS_GROUPS,  /* terms are Table 3 groups; holds in every column */
};

struct gk_report_term {
	int index; /* an enum gk_t1_col, gk_t2_row, gk_t2_col, gk_t3_col or gk_t3_group */
	int sign;  /* +1 or -1 */
	int year;  /* 0: this year's report; -1: the report on the year before */
};

#define GK_IDENTITY_MAX_TERMS 24

/* The identities. X(NAME, code). */
#define GK_IDENTITIES(X)                      \
	X(T1_IN_FORCE, "t1-in-force")         \
	X(T1_ITEMS, "t1-items")               \
	X(T2_ROW_TOTAL, "t2-row-total")       \
	X(T2_RESULTS_2021, "t2-results-2021") \
	X(T2_RESULTS_2019, "t2-results-2019") \
	X(T2_REFUSED, "t2-refused")           \
	X(T2_UNABLE, "t2-unable")             \
	X(T2_IGNORED, "t2-ignored")           \
	X(T2_OTHER, "t2-other")               \
	X(T2_BALANCE, "t2-balance")           \
	X(T2_CARRY_OVER, "t2-carry-over")     \
	X(T3_TOTAL, "t3-total")               \
	X(T3_SUIT, "t3-suit")

#define GK_ID_ENUM_(name, code) GK_ID_##name,
enum gk_report_identity_id { GK_IDENTITIES(GK_ID_ENUM_) GK_NIDENTITIES };
#undef GK_ID_ENUM_

/* LEFT = RIGHT, each side the signed sum of its terms, wherever the table of
 * the format has every cell named. */
struct gk_report_identity {
	enum gk_report_identity_id id;
	const char *code;      /* stable: "t2-balance" */
	const char *statement; /* for people: "一＋二＝三（七）＋四" */
	enum gk_report_table table;
	enum gk_report_axis axis;
	unsigned formats; /* GK_FORMAT_* in which it holds */
	bool official;    /* printed in or defined by the format; false: expected,
			     but legitimately broken at times (a warning) */
	int nleft, nright;
	struct gk_report_term left[2], right[GK_IDENTITY_MAX_TERMS];
};

/* The identity ID; NULL out of range. */
const struct gk_report_identity *gk_report_identity(enum gk_report_identity_id id);

/* Looks up one cell's value: the cell at INDEX of the identity's axis, in
 * the row, column or group ALONG, in the report of YEAR (0 or -1). Returns
 * false when the cell is missing. */
typedef bool (*gk_report_cell_fn)(void *ctx, int index, int along, int year, double *value);

/* Evaluates both sides of ID along ALONG (a column, row or group) through
 * CELL. False (and *LEFT, *RIGHT untouched) if a cell is missing. */
bool gk_report_identity_eval(const struct gk_report_identity *id, int along, gk_report_cell_fn cell,
			     void *ctx, double *left, double *right);

#endif
