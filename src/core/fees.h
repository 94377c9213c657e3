/* The information-processing fee (信息处理费) of 国办函〔2020〕109号, charged
 * from 2021-01-01: by the number of applications (按件计收) or by pages
 * (按量计收), never both for one application, each by progressive excess
 * (超额累进): every tier prices only the part above the one before.
 *
 * Amounts are in 分 (fen, 1/100 元) as int64_t: no floating point. */
#ifndef GK_CORE_FEES_H
#define GK_CORE_FEES_H

#include <stdbool.h>
#include <stdint.h>

#include "core/calendar.h"
#include "lib/buf.h"
#include "lib/enumtab.h"
#include "lib/error.h"

/* How a fee is charged; codes are stored (fees.method) and are the API's
 * fee_method. GK_FEE_NONE, the default, is no fee decided: charging is
 * discretionary. */
#define GK_FEE_METHOD_LIST(X)                                                            \
	X(GK_FEE_NONE, "none", "不收费")                                                 \
	X(GK_FEE_BY_COUNT, "by_count", "按件计收") /* the applicant's N-th in a month */ \
	X(GK_FEE_BY_PAGES, "by_pages", "按量计收") /* pages of one application */
GK_ENUM_DECLARE(gk_fee_method, GK_FEE_METHOD, GK_FEE_METHOD_LIST);

/* Largest inputs accepted (far beyond any real case; keeps sums exact). */
#define GK_FEE_MAX_COUNT 100000
#define GK_FEE_MAX_PAGES 10000000

/* 按件: the fee in 分 for the applicant's NTH application (1-based) in one
 * calendar month: 0 for 1–10, 100 元 for 11–30, then 100 元 more for each
 * band of 10 (31–40: 200 元, 41–50: 300 元, …). Returns -1 if NTH is out of
 * 1..GK_FEE_MAX_COUNT. */
int64_t gk_fee_by_count_nth(int nth);
/* 按件: the fee in 分 for COUNT applications numbered FIRST, FIRST+1, …
 * (an application form split by 一事一申请 into several items). Returns -1
 * if the range is empty or leaves 1..GK_FEE_MAX_COUNT. */
int64_t gk_fee_by_count_range(int first, int count);
/* 按量: the fee in 分 for PAGES pages of one application: 1–30 free, the part
 * 31–100 at 10 元/page, 101–200 at 20 元, from 201 at 40 元. Returns -1 if
 * PAGES is out of 0..GK_FEE_MAX_PAGES. */
int64_t gk_fee_by_pages(int pages);

struct gk_fee_input {
	enum gk_fee_method method;
	long notice_day; /* day the fee notice is issued; must be on or after 2021-01-01 */
	int first; /* GK_FEE_BY_COUNT: the ordinal of this application in its applicant's month */
	int count; /* GK_FEE_BY_COUNT: how many items it counts as (usually 1) */
	int pages; /* GK_FEE_BY_PAGES: pages provided */
};

/* Computes IN's fee into *AMOUNT (分) and, if EXPLAIN is not NULL, appends
 * one line per tier used ("第11–30件 20件 × 100元 = 2000元"). Returns
 * GK_EINVAL naming the field for out-of-range input or a notice before
 * 2021-01-01; GK_FEE_NONE gives 0. */
enum gk_err gk_fee_compute(const struct gk_fee_input *in, int64_t *amount, struct gk_buf *explain,
			   struct gk_error *err);

/* The last day to pay: the 20th working day after NOTICE_RECEIVED, the day
 * the applicant received the fee notice (收到收费通知次日起20个工作日内).
 * Sets *PROVISIONAL as gk_calendar_add_workdays does. */
long gk_fee_payment_due(const struct gk_calendar *cal, long notice_received, bool *provisional);

/* Writes AMOUNT (分) as 元 into OUT: "1700" or "1700.50". Returns OUT. */
char *gk_fee_format_yuan(int64_t amount, char out[32]);

#endif
