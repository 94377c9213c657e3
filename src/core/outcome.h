/* The fine outcomes of an application for disclosure (依申请公开) and the
 * rows of the annual report that count each (RULES §3.C, §7.2): the
 * report model's rows of Table 2 and pre-2019 categories, core/report/tables.h. */
#ifndef GK_CORE_OUTCOME_H
#define GK_CORE_OUTCOME_H

#include <stdbool.h>

#include "core/report/tables.h"
#include "lib/enumtab.h"

/* Codes are stored and exchanged; labels are for staff. */
#define GK_OUTCOME_LIST(X)                                                                         \
	X(GK_OUTCOME_ALREADY_PUBLIC, "already_public", "予以公开：已主动公开，告知获取方式")       \
	X(GK_OUTCOME_DISCLOSED, "disclosed", "予以公开")                                           \
	X(GK_OUTCOME_PARTLY_DISCLOSED, "partly_disclosed", "部分公开（区分处理）")                 \
	X(GK_OUTCOME_WITHHELD_STATE_SECRET, "withheld_state_secret", "不予公开：属于国家秘密")     \
	X(GK_OUTCOME_WITHHELD_LAW_PROHIBITED, "withheld_law_prohibited",                           \
	  "不予公开：其他法律行政法规禁止公开")                                                    \
	X(GK_OUTCOME_WITHHELD_SECURITY, "withheld_security", "不予公开：危及“三安全一稳定”")       \
	X(GK_OUTCOME_WITHHELD_THIRD_PARTY, "withheld_third_party", "不予公开：保护第三方合法权益") \
	X(GK_OUTCOME_WITHHELD_INTERNAL, "withheld_internal", "不予公开：属于三类内部事务信息")     \
	X(GK_OUTCOME_WITHHELD_PROCESS, "withheld_process", "不予公开：属于四类过程性信息")         \
	X(GK_OUTCOME_WITHHELD_ENFORCEMENT_FILE, "withheld_enforcement_file",                       \
	  "不予公开：属于行政执法案卷")                                                            \
	X(GK_OUTCOME_WITHHELD_QUERY_MATTER, "withheld_query_matter", "不予公开：属于行政查询事项") \
	X(GK_OUTCOME_NOT_THIS_AGENCY, "not_this_agency", "无法提供：不属于本机关负责公开")         \
	X(GK_OUTCOME_NOT_EXIST, "not_exist", "无法提供：经检索没有，政府信息不存在")               \
	X(GK_OUTCOME_NEEDS_CREATION, "needs_creation", "无法提供：没有现成信息需要另行制作")       \
	X(GK_OUTCOME_UNCLEAR_AFTER_SUPPLEMENT, "unclear_after_supplement",                         \
	  "无法提供：补正后申请内容仍不明确")                                                      \
	X(GK_OUTCOME_PETITION, "petition", "不予处理：信访举报投诉类申请")                         \
	X(GK_OUTCOME_REPEAT, "repeat", "不予处理：重复申请")                                       \
	X(GK_OUTCOME_PUBLICATION, "publication", "不予处理：要求提供公开出版物")                   \
	X(GK_OUTCOME_EXCESSIVE, "excessive", "不予处理：无正当理由大量反复申请")                   \
	X(GK_OUTCOME_CONFIRM_OR_REISSUE, "confirm_or_reissue",                                     \
	  "不予处理：要求行政机关确认或重新出具已获取信息")                                        \
	X(GK_OUTCOME_LAPSED_NO_SUPPLEMENT, "lapsed_no_supplement",                                 \
	  "其他处理：申请人无正当理由逾期不补正，不再处理")                                        \
	X(GK_OUTCOME_LAPSED_NO_FEE, "lapsed_no_fee",                                               \
	  "其他处理：申请人逾期未缴纳信息处理费，不再处理")                                        \
	X(GK_OUTCOME_OTHER, "other", "其他处理：其他（如申请人撤回申请）")
GK_ENUM_DECLARE(gk_outcome, GK_OUTCOME, GK_OUTCOME_LIST);

/* What the law and the annual report make of an outcome. The rows of
 * Table 2 (enum gk_t2_row), the pre-2019 categories (enum gk_pre2019) and
 * reasons (enum gk_refusal) are those of the report model. */
struct gk_outcome_info {
	const char *basis;      /* the provision relied on ("条例第十四条"), "" if none */
	enum gk_t2_row row2021; /* its result row of Table 2 in the 2021 format */
	enum gk_t2_row row2019; /* … and in the 2019 format (（六）其他处理 is one row) */
	enum gk_pre2019 pre2019;
	enum gk_refusal refusal; /* GK_REFUSAL_NONE unless pre2019 is GK_PRE2019_REFUSED */
	bool is_reply;           /* chosen in a drafted reply (false: set by closing actions) */
};

/* The facts of OUTCOME; NULL for a value out of range. */
const struct gk_outcome_info *gk_outcome_info(enum gk_outcome outcome);

#endif
