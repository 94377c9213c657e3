/* The information-processing fee tiers of 国办函〔2020〕109号, in integer 分. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/fees.h"
#include "lib/date.h"

#define YUAN 100 /* 分 per 元 */

GK_ENUM_DEFINE(gk_fee_method, GK_FEE_METHOD_LIST)

/* --- 按件: tiers per applicant per calendar month ---------------------------- */

/* The per-item rate in 元 of the NTH application (NTH >= 1). */
static int64_t count_rate(int nth)
{
	if (nth <= 10)
		return 0;
	if (nth <= 30)
		return 100;
	return 100 * (2 + (int64_t)(nth - 31) / 10);
}

int64_t gk_fee_by_count_nth(int nth)
{
	if (nth < 1 || nth > GK_FEE_MAX_COUNT)
		return -1;
	return count_rate(nth) * YUAN;
}

int64_t gk_fee_by_count_range(int first, int count)
{
	if (first < 1 || count < 1 || count > GK_FEE_MAX_COUNT ||
	    first > GK_FEE_MAX_COUNT - count + 1)
		return -1;
	int64_t sum = 0;
	for (int n = first; n < first + count; n++)
		sum += count_rate(n);
	return sum * YUAN;
}

/* --- 按量: tiers per application, by pages --------------------------------- */

static const struct page_tier {
	int from, to; /* pages, inclusive; to 0 = no upper bound */
	int rate;     /* 元 per page */
} page_tiers[] = {
	{1, 30, 0},
	{31, 100, 10},
	{101, 200, 20},
	{201, 0, 40},
};

#define NTIERS (sizeof page_tiers / sizeof page_tiers[0])

/* Pages of PAGES that fall in tier T. */
static int pages_in_tier(const struct page_tier *t, int pages)
{
	if (pages < t->from)
		return 0;
	int top = t->to && pages > t->to ? t->to : pages;
	return top - t->from + 1;
}

int64_t gk_fee_by_pages(int pages)
{
	if (pages < 0 || pages > GK_FEE_MAX_PAGES)
		return -1;
	int64_t sum = 0;
	for (size_t i = 0; i < NTIERS; i++)
		sum += (int64_t)pages_in_tier(&page_tiers[i], pages) * page_tiers[i].rate;
	return sum * YUAN;
}

/* --- the whole computation ------------------------------------------------- */

char *gk_fee_format_yuan(int64_t amount, char out[32])
{
	const char *sign = amount < 0 ? "-" : "";
	uint64_t a = amount < 0 ? (uint64_t)0 - (uint64_t)amount : (uint64_t)amount;
	if (a % YUAN)
		snprintf(out, 32, "%s%" PRIu64 ".%02u", sign, a / YUAN, (unsigned)(a % YUAN));
	else
		snprintf(out, 32, "%s%" PRIu64, sign, a / YUAN);
	return out;
}

static void explain_count(struct gk_buf *ex, int first, int count)
{
	int last = first + count - 1;
	int n = first;
	while (n <= last) {
		int64_t rate = count_rate(n);
		int band_end = n <= 10 ? 10 : n <= 30 ? 30 : 31 + (n - 31) / 10 * 10 + 9;
		int end = band_end < last ? band_end : last;
		int k = end - n + 1;
		if (rate == 0)
			gk_buf_printf(ex, "第%d–%d件 %d件 免费 free (1–10件不收费)\n", n, end, k);
		else
			gk_buf_printf(ex, "第%d–%d件 %d件 × %" PRId64 "元 = %" PRId64 "元\n", n,
				      end, k, rate, rate * k);
		n = end + 1;
	}
}

static void explain_pages(struct gk_buf *ex, int pages)
{
	for (size_t i = 0; i < NTIERS; i++) {
		const struct page_tier *t = &page_tiers[i];
		int k = pages_in_tier(t, pages);
		if (k == 0)
			continue;
		int last = t->from + k - 1;
		if (t->rate == 0)
			gk_buf_printf(ex, "第%d–%d页 %d页 免费 free (30页以内不收费)\n", t->from,
				      last, k);
		else
			gk_buf_printf(ex, "第%d–%d页 %d页 × %d元 = %" PRId64 "元\n", t->from, last,
				      k, t->rate, (int64_t)k * t->rate);
	}
}

enum gk_err gk_fee_compute(const struct gk_fee_input *in, int64_t *amount, struct gk_buf *explain,
			   struct gk_error *err)
{
	*amount = 0;
	if (in->method == GK_FEE_NONE)
		return GK_OK;
	long start = gk_date_to_days((struct gk_date){2021, 1, 1});
	if (in->notice_day == GK_NO_DAY || in->notice_day < start)
		return gk_fail(
			err, GK_EINVAL,
			"“收费通知日期”：信息处理费自2021年1月1日起方可收取（国办函〔2020〕109号）");
	int64_t fee;
	char yuan[32];
	switch (in->method) {
	case GK_FEE_BY_COUNT:
		fee = gk_fee_by_count_range(in->first, in->count);
		if (fee < 0)
			return gk_fail(err, GK_EINVAL, "“本月申请序号”与“件数”须在1至%d之间",
				       GK_FEE_MAX_COUNT);
		if (explain) {
			gk_buf_printf(
				explain,
				"按件计收 by count: 第%d件起 %d件 (同一申请人一个自然月内累计)\n",
				in->first, in->count);
			explain_count(explain, in->first, in->count);
		}
		break;
	case GK_FEE_BY_PAGES:
		fee = gk_fee_by_pages(in->pages);
		if (fee < 0)
			return gk_fail(err, GK_EINVAL, "“页数”须在0至%d之间", GK_FEE_MAX_PAGES);
		if (explain) {
			gk_buf_printf(explain, "按量计收 by pages: %d页\n", in->pages);
			explain_pages(explain, in->pages);
		}
		break;
	default:
		return gk_fail(err, GK_EINVAL, "“收费方式”的值不在可选范围内");
	}
	if (explain) {
		gk_buf_printf(explain, "合计 total: %s元\n", gk_fee_format_yuan(fee, yuan));
		if (explain->failed)
			return gk_fail(err, (enum gk_err)explain->failed,
				       "cannot write the fee "
				       "explanation");
	}
	*amount = fee;
	return GK_OK;
}

long gk_fee_payment_due(const struct gk_calendar *cal, long notice_received, bool *provisional)
{
	return gk_calendar_add_workdays(cal, notice_received, 20, provisional);
}
