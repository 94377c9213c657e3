/* The records the yearly report counts (core/records.h). */
#include "core/records.h"

#include <string.h>

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
