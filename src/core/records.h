/* The records the yearly report needs beyond items and applications
 * (issue 10): administrative reconsideration and litigation arising from
 * disclosure (Table 3), complaints and reports about disclosure work,
 * interpretation and response work (press conferences, online interviews,
 * responses to public concerns), and the per-year figures staff enter
 * because the system cannot derive them (training, staff, Table 1's
 * decisions and fees, outlets outside the catalogue).
 *
 * Pure data and rules: the store keeps them (migration 13), the service
 * checks who may change them, service/annual_report.c counts them. */
#ifndef GK_CORE_RECORDS_H
#define GK_CORE_RECORDS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/report/tables.h"
#include "lib/enumtab.h"
#include "lib/error.h"

/* --- 行政复议 and 行政诉讼 (Table 3) ---------------------------------------------- */

/* Which group of Table 3 a case is counted in (enum gk_t3_group order). */
#define GK_DISPUTE_KIND_LIST(X)                                                  \
	X(GK_DISPUTE_REVIEW, "review", "行政复议")                               \
	X(GK_DISPUTE_DIRECT_SUIT, "direct_suit", "行政诉讼（未经复议直接起诉）") \
	X(GK_DISPUTE_SUIT_AFTER_REVIEW, "suit_after_review", "行政诉讼（复议后起诉）")
GK_ENUM_DECLARE(gk_dispute_kind, GK_DISPUTE, GK_DISPUTE_KIND_LIST);

/* Its result (enum gk_t3_col order, without the 总计 column). 纠正 covers
 * 撤销、变更、确认违法、责令履行. */
#define GK_DISPUTE_RESULT_LIST(X)                       \
	X(GK_RESULT_UPHELD, "upheld", "结果维持")       \
	X(GK_RESULT_CORRECTED, "corrected", "结果纠正") \
	X(GK_RESULT_OTHER, "other", "其他结果")         \
	X(GK_RESULT_PENDING, "pending", "尚未审结")
GK_ENUM_DECLARE(gk_dispute_result, GK_RESULT, GK_DISPUTE_RESULT_LIST);

/* A case against an agency arising from its disclosure work. Dates are
 * day numbers (lib/date.h), GK_NO_DAY when absent. */
struct gk_dispute {
	int64_t id;
	int64_t agency_id; /* the respondent agency */
	enum gk_dispute_kind kind;
	int64_t application_id; /* the application it arose from, 0 if none */
	int64_t review_id;      /* a suit after review: the review case, 0 if unknown */
	char case_no[128];      /* 案号 */
	char authority[256];    /* 复议机关 or the court */
	char subject[1024];     /* what the applicant disputes */
	long filed;             /* the day the case was filed (立案/受理) */
	long decided;           /* the day of the decision; GK_NO_DAY while pending */
	enum gk_dispute_result result;
	char note[2048];
	int revision; /* optimistic locking, like items */
	int64_t created_by, updated_by;
	int64_t created_at, updated_at;
};

/* --- 投诉举报 ---------------------------------------------------------------------- */

#define GK_COMPLAINT_STATUS_LIST(X)                              \
	X(GK_COMPLAINT_OPEN, "open", "办理中")                   \
	X(GK_COMPLAINT_UPHELD, "upheld", "属实，已整改")         \
	X(GK_COMPLAINT_PARTLY, "partly", "部分属实，已整改")     \
	X(GK_COMPLAINT_UNFOUNDED, "unfounded", "不属实，已答复") \
	X(GK_COMPLAINT_REFERRED, "referred", "已转办")
GK_ENUM_DECLARE(gk_complaint_status, GK_COMPLAINT, GK_COMPLAINT_STATUS_LIST);

struct gk_complaint {
	int64_t id;
	int64_t agency_id;      /* the agency complained about */
	int64_t application_id; /* 0 if none */
	long received;          /* day */
	char source[64]; /* how it came: 来信, 电话, 网上, 上级转办 … (free text) */
	char subject[1024];
	enum gk_complaint_status status;
	long closed;       /* GK_NO_DAY while open */
	char result[2048]; /* how it ended */
	int revision;
	int64_t created_by, updated_by;
	int64_t created_at, updated_at;
};

/* --- 解读回应 ---------------------------------------------------------------------- */

#define GK_RESPONSE_KIND_LIST(X)                                          \
	X(GK_RESPONSE_PRESS_CONFERENCE, "press_conference", "新闻发布会") \
	X(GK_RESPONSE_INTERVIEW, "interview", "在线访谈")                 \
	X(GK_RESPONSE_OPINION, "opinion", "回应公众关注热点或重大舆情")
GK_ENUM_DECLARE(gk_response_kind, GK_RESPONSE_KIND, GK_RESPONSE_KIND_LIST);

/* The channels a response used: a set (bits 1 << value); one response
 * counts once whatever its channels (统计表 二（一）). */
#define GK_RESPONSE_CHANNEL_LIST(X)                            \
	X(GK_RCHANNEL_PRESS, "press_conference", "新闻发布会") \
	X(GK_RCHANNEL_INTERVIEW, "interview", "在线访谈")      \
	X(GK_RCHANNEL_WEBSITE, "website", "政府网站")          \
	X(GK_RCHANNEL_WEIBO, "weibo", "微博")                  \
	X(GK_RCHANNEL_WECHAT, "wechat", "微信")                \
	X(GK_RCHANNEL_MEDIA, "media", "报刊广电")              \
	X(GK_RCHANNEL_OTHER, "other", "其他")
GK_ENUM_DECLARE(gk_response_channel, GK_RCHANNEL, GK_RESPONSE_CHANNEL_LIST);

struct gk_response {
	int64_t id;
	int64_t agency_id;
	enum gk_response_kind kind;
	long held;         /* the day it took place */
	char title[512];   /* the topic or concern */
	unsigned channels; /* bits of enum gk_response_channel */
	bool leader;       /* 主要负责同志参加 (press conferences, interviews) */
	char note[2048];
	int revision;
	int64_t created_by, updated_by;
	int64_t created_at, updated_at;
};

/* --- per-year figures entered by staff ------------------------------------------------ */

/* What a figure holds. */
enum gk_figure_unit {
	GK_UNIT_COUNT,  /* a non-negative whole number */
	GK_UNIT_AMOUNT, /* money in 元 with up to 2 decimals, stored in 分 */
};

/* X(NAME, code, label, unit word, enum gk_figure_unit). Only figures the
 * records cannot give: applications, items, interpretations, responses,
 * disputes and complaints are counted from their records. */
#define GK_YEAR_FIGURE_LIST(X)                                                                     \
	X(TRAINING_SESSIONS, "training_sessions", "举办培训班", "次", GK_UNIT_COUNT)               \
	X(TRAINING_ATTENDANCE, "training_attendance", "接受培训人员", "人次", GK_UNIT_COUNT)       \
	X(MEETINGS, "meetings", "召开政府信息公开工作会议或专题会议", "次", GK_UNIT_COUNT)         \
	X(STAFF_FULL_TIME, "staff_full_time", "专职人员", "人", GK_UNIT_COUNT)                     \
	X(STAFF_PART_TIME, "staff_part_time", "兼职人员", "人", GK_UNIT_COUNT)                     \
	X(LICENSE_DECISIONS, "license_decisions", "行政许可处理决定", "件", GK_UNIT_COUNT)         \
	X(PENALTY_DECISIONS, "penalty_decisions", "行政处罚处理决定", "件", GK_UNIT_COUNT)         \
	X(COERCION_DECISIONS, "coercion_decisions", "行政强制处理决定", "件", GK_UNIT_COUNT)       \
	X(ADMIN_FEES, "admin_fees", "行政事业性收费金额", "元", GK_UNIT_AMOUNT)                    \
	X(OTHER_SERVICE_DECISIONS, "other_service_decisions", "其他对外管理服务事项处理决定",      \
	  "件", GK_UNIT_COUNT)                                                                     \
	X(LICENSE_ITEMS, "license_items", "行政许可事项", "项", GK_UNIT_COUNT)                     \
	X(OTHER_SERVICE_ITEMS, "other_service_items", "其他对外管理服务事项", "项", GK_UNIT_COUNT) \
	X(PENALTY_ITEMS, "penalty_items", "行政处罚事项", "项", GK_UNIT_COUNT)                     \
	X(COERCION_ITEMS, "coercion_items", "行政强制事项", "项", GK_UNIT_COUNT)                   \
	X(FEE_ITEMS, "fee_items", "行政事业性收费事项", "项", GK_UNIT_COUNT)                       \
	X(PURCHASES, "purchases", "政府集中采购项目", "个", GK_UNIT_COUNT)                         \
	X(PURCHASE_AMOUNT, "purchase_amount", "政府集中采购总金额", "元", GK_UNIT_AMOUNT)          \
	X(OUTLET_WEBSITE_EXTRA, "outlet_website_extra", "政府网站公开（目录之外）", "条",          \
	  GK_UNIT_COUNT)                                                                           \
	X(OUTLET_GAZETTE_EXTRA, "outlet_gazette_extra", "政府公报公开（目录之外）", "条",          \
	  GK_UNIT_COUNT)                                                                           \
	X(OUTLET_WEIBO_EXTRA, "outlet_weibo_extra", "政务微博公开（目录之外）", "条",              \
	  GK_UNIT_COUNT)                                                                           \
	X(OUTLET_WECHAT_EXTRA, "outlet_wechat_extra", "政务微信公开（目录之外）", "条",            \
	  GK_UNIT_COUNT)                                                                           \
	X(OUTLET_OTHER_EXTRA, "outlet_other_extra", "其他方式公开（目录之外）", "条", GK_UNIT_COUNT)

#define GK_YEAR_FIGURE_ENUM_(name, ...) GK_YF_##name,
enum gk_year_figure { GK_YEAR_FIGURE_LIST(GK_YEAR_FIGURE_ENUM_) GK_YEAR_FIGURE_COUNT };
#undef GK_YEAR_FIGURE_ENUM_

struct gk_year_figure_info {
	enum gk_year_figure figure;
	const char *code;  /* stored and exchanged: "training_sessions" */
	const char *label; /* "举办培训班" */
	const char *unit;  /* "次" */
	enum gk_figure_unit kind;
};

/* The description of FIGURE; NULL out of range. */
const struct gk_year_figure_info *gk_year_figure_info(enum gk_year_figure figure);
/* Looks a figure up by code or label; false if unknown. */
bool gk_year_figure_parse(const char *s, enum gk_year_figure *out);

/* The years a report or a figure may be about. */
#define GK_RECORD_YEAR_MIN 2008
#define GK_RECORD_YEAR_MAX 2100

/* --- validation: a refusal names the field, in Chinese -------------------------------- */

/* Checks D as it would be saved: kind and result in range, filed a real
 * day, decided not before filed, decided present unless pending and absent
 * while pending, lengths. GK_EINVAL with the field named. */
enum gk_err gk_dispute_validate(const struct gk_dispute *d, struct gk_error *err);
enum gk_err gk_complaint_validate(const struct gk_complaint *c, struct gk_error *err);
enum gk_err gk_response_validate(const struct gk_response *r, struct gk_error *err);
/* VALUE (a count, or 分 for an amount) for FIGURE in YEAR. */
enum gk_err gk_year_figure_validate(enum gk_year_figure figure, int year, int64_t value,
				    struct gk_error *err);

#endif
