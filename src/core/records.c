/* The records the yearly report counts (core/records.h). */
#include "core/records.h"

#include <string.h>

#include "core/calendar.h"
#include "lib/date.h"
#include "lib/utf8.h"

GK_ENUM_DEFINE(gk_dispute_kind, GK_DISPUTE_KIND_LIST)
GK_ENUM_DEFINE(gk_dispute_result, GK_DISPUTE_RESULT_LIST)
GK_ENUM_DEFINE(gk_complaint_status, GK_COMPLAINT_STATUS_LIST)
GK_ENUM_DEFINE(gk_response_kind, GK_RESPONSE_KIND_LIST)
GK_ENUM_DEFINE(gk_response_channel, GK_RESPONSE_CHANNEL_LIST)

#define GK_YEAR_FIGURE_INFO_(name, code, label, unit, kind) {GK_YF_##name, code, label, unit, kind},
static const struct gk_year_figure_info year_figures[] = {
	GK_YEAR_FIGURE_LIST(GK_YEAR_FIGURE_INFO_)};
#undef GK_YEAR_FIGURE_INFO_

const struct gk_year_figure_info *gk_year_figure_info(enum gk_year_figure figure)
{
	return (unsigned)figure < GK_YEAR_FIGURE_COUNT ? &year_figures[figure] : NULL;
}

bool gk_year_figure_parse(const char *s, enum gk_year_figure *out)
{
	for (int i = 0; s && i < GK_YEAR_FIGURE_COUNT; i++)
		if (!strcmp(s, year_figures[i].code) || !strcmp(s, year_figures[i].label)) {
			*out = (enum gk_year_figure)i;
			return true;
		}
	return false;
}

/* --- validation ------------------------------------------------------------------- */

/* A text field of SIZE bytes (NUL included) holding S: valid UTF-8 that fits. */
static enum gk_err check_text(const char *s, size_t size, const char *label, bool required,
			      struct gk_error *err)
{
	size_t len = strnlen(s, size);
	if (len >= size)
		return gk_fail(err, GK_EINVAL, "“%s”过长（最多%zu个字节）", label, size - 1);
	if (!gk_utf8_valid(s, len))
		return gk_fail(err, GK_EINVAL, "“%s”含有无效字符", label);
	if (required && !*s)
		return gk_fail(err, GK_EINVAL, "“%s”不能为空", label);
	return GK_OK;
}

/* DAY must be a real day of a year a record may be about. */
static enum gk_err check_day(long day, const char *label, struct gk_error *err)
{
	if (day == GK_NO_DAY)
		return gk_fail(err, GK_EINVAL, "“%s”不能为空", label);
	struct gk_date d = gk_date_from_days(day);
	if (!gk_date_valid(d) || d.year < GK_RECORD_YEAR_MIN || d.year > GK_RECORD_YEAR_MAX)
		return gk_fail(err, GK_EINVAL, "“%s”应在%d年至%d年之间", label, GK_RECORD_YEAR_MIN,
			       GK_RECORD_YEAR_MAX);
	return GK_OK;
}

/* An end day (decided, closed) that is present exactly when the record is
 * finished, and then not before its start day. */
static enum gk_err check_end(long start, long end, bool finished, const char *start_label,
			     const char *end_label, const char *state_label, struct gk_error *err)
{
	if (!finished && end != GK_NO_DAY)
		return gk_fail(err, GK_EINVAL, "尚未办结的案件不能填写“%s”：请选择“%s”或清空日期",
			       end_label, state_label);
	if (!finished)
		return GK_OK;
	if (end == GK_NO_DAY)
		return gk_fail(err, GK_EINVAL, "已办结的案件须填写“%s”", end_label);
	enum gk_err rc = check_day(end, end_label, err);
	if (rc)
		return rc;
	if (end < start)
		return gk_fail(err, GK_EINVAL, "“%s”不能早于“%s”", end_label, start_label);
	return GK_OK;
}

enum gk_err gk_dispute_validate(const struct gk_dispute *d, struct gk_error *err)
{
	enum gk_err rc;
	if (!gk_dispute_kind_code(d->kind)[0])
		return gk_fail(err, GK_EINVAL, "“案件类型”不在可选范围内");
	if (!gk_dispute_result_code(d->result)[0])
		return gk_fail(err, GK_EINVAL, "“审理结果”不在可选范围内");
	if (d->agency_id <= 0)
		return gk_fail(err, GK_EINVAL, "“被申请机关”不能为空");
	if (d->application_id < 0 || d->review_id < 0)
		return gk_fail(err, GK_EINVAL, "关联记录编号无效");
	if (d->review_id && d->kind != GK_DISPUTE_SUIT_AFTER_REVIEW)
		return gk_fail(err, GK_EINVAL, "只有“复议后起诉”的案件可以填写“原复议案件”");
	if ((rc = check_text(d->case_no, sizeof d->case_no, "案号", false, err)) ||
	    (rc = check_text(d->authority, sizeof d->authority, "复议机关或法院", false, err)) ||
	    (rc = check_text(d->subject, sizeof d->subject, "争议事项", false, err)) ||
	    (rc = check_text(d->note, sizeof d->note, "备注", false, err)) ||
	    (rc = check_day(d->filed, "立案日期", err)))
		return rc;
	return check_end(d->filed, d->decided, d->result != GK_RESULT_PENDING, "立案日期",
			 "审结日期", gk_dispute_result_label(GK_RESULT_PENDING), err);
}

enum gk_err gk_complaint_validate(const struct gk_complaint *c, struct gk_error *err)
{
	enum gk_err rc;
	if (!gk_complaint_status_code(c->status)[0])
		return gk_fail(err, GK_EINVAL, "“办理状态”不在可选范围内");
	if (c->agency_id <= 0)
		return gk_fail(err, GK_EINVAL, "“被投诉机关”不能为空");
	if (c->application_id < 0)
		return gk_fail(err, GK_EINVAL, "关联记录编号无效");
	if ((rc = check_text(c->source, sizeof c->source, "来源", false, err)) ||
	    (rc = check_text(c->subject, sizeof c->subject, "投诉举报事项", true, err)) ||
	    (rc = check_text(c->result, sizeof c->result, "办理结果", false, err)) ||
	    (rc = check_day(c->received, "收到日期", err)))
		return rc;
	return check_end(c->received, c->closed, c->status != GK_COMPLAINT_OPEN, "收到日期",
			 "办结日期", gk_complaint_status_label(GK_COMPLAINT_OPEN), err);
}

enum gk_err gk_response_validate(const struct gk_response *r, struct gk_error *err)
{
	enum gk_err rc;
	if (!gk_response_kind_code(r->kind)[0])
		return gk_fail(err, GK_EINVAL, "“回应类型”不在可选范围内");
	if (r->agency_id <= 0)
		return gk_fail(err, GK_EINVAL, "“机关”不能为空");
	if (r->channels >> GK_RCHANNEL_COUNT)
		return gk_fail(err, GK_EINVAL, "“回应渠道”不在可选范围内");
	if (r->leader && r->kind == GK_RESPONSE_OPINION)
		return gk_fail(err, GK_EINVAL, "“主要负责同志参加”只适用于新闻发布会和在线访谈");
	if ((rc = check_text(r->title, sizeof r->title, "主题", true, err)) ||
	    (rc = check_text(r->note, sizeof r->note, "备注", false, err)))
		return rc;
	return check_day(r->held, "日期", err);
}

/* The largest figure accepted: a count or 分 beyond any agency's year. */
#define FIGURE_MAX 1000000000000000LL

enum gk_err gk_year_figure_validate(enum gk_year_figure figure, int year, int64_t value,
				    struct gk_error *err)
{
	const struct gk_year_figure_info *info = gk_year_figure_info(figure);
	if (!info)
		return gk_fail(err, GK_EINVAL, "未知的年报数据项");
	if (year < GK_RECORD_YEAR_MIN || year > GK_RECORD_YEAR_MAX)
		return gk_fail(err, GK_EINVAL, "“年度”应在%d年至%d年之间", GK_RECORD_YEAR_MIN,
			       GK_RECORD_YEAR_MAX);
	if (value < 0)
		return gk_fail(err, GK_EINVAL, "“%s”不能为负数", info->label);
	if (value > FIGURE_MAX)
		return gk_fail(err, GK_EINVAL, "“%s”数值过大", info->label);
	return GK_OK;
}
