/* GET /staff/requests — the queues of applications: mine, to register or
 * assign, to review, due within 3 working days, overdue (for the city office
 * across all agencies), everything open, everything, waiting for my step,
 * counts by agency. Open applications by days left (working days on the
 * holiday calendar), shown in words; overdue rows red, due soon amber. */
#include <string.h>

#include "core/deadline.h"
#include "lib/date.h"
#include "lib/html.h"
#include "store/store.h"
#include "web/applications.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/server.h"

/* The tabs: the queues in the order of their list (store.h), then the
 * counts by agency, which is no queue (it lists everything in scope). */
#define TAB_AGENCIES ((size_t)GK_APP_VIEW_COUNT)
#define NTABS        (TAB_AGENCIES + 1)

static const char *tab_code(size_t tab)
{
	return tab == TAB_AGENCIES ? "agencies" : gk_app_view_code((enum gk_app_view)tab);
}

static const char *tab_label(size_t tab)
{
	return tab == TAB_AGENCIES ? "按机构统计" : gk_app_view_label((enum gk_app_view)tab);
}

#define PAGE_SIZE 50

struct listing {
	struct gk_request *r;
	long today;
	int rows;
};

static int row(const struct gk_application *app, void *ctx)
{
	struct listing *l = ctx;
	struct gk_request *r = l->r;
	struct gk_buf *b = &r->out;
	char shown[GK_TRACKING_CODE_LEN + 2];
	bool running = gk_app_state_open(app->state) && app->clock_state == GK_CLOCK_RUNNING &&
		       app->due != GK_NO_DAY;
	struct gk_days_left left = {0, false, false};
	if (running)
		left = gk_deadline_days_left(r->server->calendar, l->today, app->due);
	l->rows++;
	gk_html_raw(b, left.overdue ? "<tr class=\"overdue\"><td><a href=\""
		       : left.soon  ? "<tr class=\"due-soon\"><td><a href=\""
				    : "<tr><td><a href=\"");
	gk_html_attr(b, gk_app_staff_path(r, app));
	gk_html_raw(b, "\">");
	gk_html_text(b, gk_tracking_code_display(app->tracking_code, shown));
	gk_html_raw(b, "</a></td><td>");
	gk_html_text(b, app->agency_name);
	gk_html_raw(b, "</td><td>");
	gk_html_text(b, gk_channel_label(app->channel));
	gk_html_raw(b, "</td><td>");
	gk_html_text(b, gk_app_day(r, app->received));
	if (!app->received_final)
		gk_html_raw(b, "（待确认）");
	gk_html_raw(b, "</td><td>");
	gk_html_text(b, gk_app_state_label(app->state));
	gk_html_raw(b, "</td><td>");
	gk_html_text(b, app->handler_name);
	gk_html_raw(b, "</td><td class=\"due\">");
	if (app->due != GK_NO_DAY) {
		gk_html_text(b, gk_app_day(r, app->due));
		if (app->provisional)
			gk_html_raw(b, "（暂定）");
	}
	gk_html_raw(b, "</td><td class=\"days\">");
	if (running) {
		char text[64];
		/* the words carry it, not the colour alone */
		gk_html_raw(b, left.overdue ? "<strong>" : "");
		gk_html_text(b, gk_deadline_days_text(left, text, sizeof text));
		gk_html_raw(b, left.overdue ? "</strong>" : "");
	} else if (gk_app_state_open(app->state)) {
		gk_html_raw(b, app->clock_state == GK_CLOCK_AWAITING_SUPPLEMENT ? "待补正，暂不计时"
										: "计时暂停");
	} else {
		gk_html_raw(b, "已办结");
	}
	gk_html_raw(b, "</td></tr>\n");
	return 0;
}

static int agency_row(const struct gk_app_agency_counts *c, void *ctx)
{
	struct gk_request *r = ctx;
	struct gk_buf *b = &r->out;
	gk_html_raw(
		b,
		c->overdue
			? "<tr class=\"overdue\"><td><a href=\"/staff/requests?view=open&amp;agency="
			: "<tr><td><a href=\"/staff/requests?view=open&amp;agency=");
	gk_html_url_arg(b, c->code);
	gk_html_raw(b, "\">");
	gk_html_text(b, c->name);
	gk_html_raw(b, "</a></td><td>");
	gk_html_int(b, c->received);
	gk_html_raw(b, "</td><td>");
	gk_html_int(b, c->open);
	gk_html_raw(b, "</td><td>");
	gk_html_int(b, c->overdue);
	gk_html_raw(b, "</td></tr>\n");
	return 0;
}

/* The by-agency summary: received this year, open, overdue. */
static void agencies_table(struct gk_request *r, long today)
{
	struct gk_buf *b = &r->out;
	struct gk_error err = {0};
	int year = gk_date_from_days(today).year;
	gk_html_raw(b, "<table class=\"list\" id=\"agency-counts\">\n<thead><tr><th>机构</th><th>");
	gk_html_int(b, year);
	gk_html_raw(b, "年收到</th><th>在办</th><th>已超期</th></tr></thead>\n<tbody>\n");
	if (gk_store_application_agency_counts(r->store, r->user.city_wide ? 0 : r->user.agency_id,
					       today, year, agency_row, r, &err))
		gk_page_notice(r, "error", gk_req_error(r, &err));
	gk_html_raw(b, "</tbody>\n</table>\n");
}

void gk_page_applications(struct gk_request *r)
{
	struct gk_buf *b = &r->out;
	struct gk_error err = {0};
	struct gk_app_filter f;
	const char *view = gk_req_param(r, "view");
	const char *agency = gk_req_param(r, "agency");
	size_t vi = 0;
	if (!view)
		vi = (r->user.roles & GK_ROLE_HANDLER) ? GK_VIEW_MINE : GK_VIEW_REVIEW;
	for (size_t i = 0; view && i < NTABS; i++)
		if (strcmp(view, tab_code(i)) == 0)
			vi = i;
	enum gk_err rc = gk_app_queue_filter(
		r, vi == TAB_AGENCIES ? GK_VIEW_ALL : (enum gk_app_view)vi, PAGE_SIZE, &f, &err);
	if (gk_req_failed(r, rc, &err))
		return;
	if (rc || (f.agency_id && !gk_app_in_scope(r, f.agency_id))) {
		gk_respond_error(r, GK_ENOTFOUND, "“机构”不存在或不在您的管辖范围内");
		return;
	}
	int64_t page = gk_req_param_int(r, "page", 1);

	const char *title =
		f.view == GK_VIEW_OVERDUE && r->user.city_wide ? "全市超期申请" : "依申请公开";
	gk_page_begin(r, 200, title);
	gk_html_raw(b, "<nav class=\"tabs\" id=\"queues\">\n");
	for (size_t i = 0; i < NTABS; i++) {
		gk_html_raw(b, i == vi ? "<a class=\"current\" href=\"/staff/requests?view="
				       : "<a href=\"/staff/requests?view=");
		gk_html_raw(b, tab_code(i));
		gk_html_raw(b, "\">");
		gk_html_raw(b, tab_label(i));
		gk_html_raw(b, "</a>\n");
	}
	if (r->user.roles & GK_ROLE_HANDLER)
		gk_html_raw(b,
			    "<a href=\"/staff/requests/new\" id=\"register-link\">登记申请</a>\n");
	if (vi == TAB_AGENCIES) {
		gk_html_raw(b, "</nav>\n");
		agencies_table(r, f.today);
		gk_page_end(r);
		return;
	}
	gk_html_raw(
		b,
		"</nav>\n<form method=\"get\" action=\"/staff/requests\" class=\"filters\" id=\"by-agency\">\n"
		"<input type=\"hidden\" name=\"view\" value=\"");
	gk_html_raw(b, tab_code(vi));
	gk_html_raw(
		b,
		"\"><label for=\"q-agency\">按机构</label><select id=\"q-agency\" name=\"agency\">\n"
		"<option value=\"\">全部</option>\n");
	struct gk_agency_list agencies;
	struct gk_error lerr = {0};
	if (!gk_req_failed(r, gk_store_agency_list(r->store, &agencies, &lerr), &lerr)) {
		for (size_t i = 0; i < agencies.count; i++) {
			const struct gk_agency *g = &agencies.items[i];
			if (!gk_app_in_scope(r, g->id))
				continue;
			gk_html_raw(b, "<option value=\"");
			gk_html_attr(b, g->code);
			gk_html_raw(b, agency && strcmp(agency, g->code) == 0 ? "\" selected>"
									      : "\">");
			gk_html_text(b, g->name);
			gk_html_raw(b, "</option>\n");
		}
		gk_agency_list_release(&agencies);
	}
	gk_html_raw(
		b,
		"</select>\n<label for=\"q-year\">收到年份</label><input id=\"q-year\" name=\"year\" "
		"inputmode=\"numeric\" maxlength=\"4\" value=\"");
	if (f.year)
		gk_html_int(b, f.year);
	gk_html_raw(b, "\">\n<button type=\"submit\">筛选</button>\n</form>\n");

	gk_html_raw(
		b,
		"<table class=\"list\" id=\"requests\">\n<thead><tr><th>查询码</th><th>办理机构</th>"
		"<th>渠道</th><th>收到日期</th><th>状态</th><th>办理人</th><th>答复期限</th><th>剩余期限</th></tr></thead>\n<tbody>\n");
	struct listing l = {r, f.today, 0};
	int64_t total = 0;
	if (gk_store_application_list(r->store, &f, row, &l, &total, &err)) {
		gk_html_raw(b, "</tbody>\n</table>\n");
		gk_page_notice(r, "error", gk_req_error(r, &err));
		gk_page_end(r);
		return;
	}
	gk_html_raw(b, "</tbody>\n</table>\n<p id=\"count\">共 ");
	gk_html_int(b, total);
	gk_html_raw(b, " 件");
	if (total > PAGE_SIZE) {
		gk_html_raw(b, "，第 ");
		gk_html_int(b, page);
		gk_html_raw(b, " 页");
		if (page * PAGE_SIZE < total) {
			gk_html_raw(b, " · <a href=\"/staff/requests?view=");
			gk_html_raw(b, tab_code(vi));
			if (agency && *agency) {
				gk_html_raw(b, "&amp;agency=");
				gk_html_url_arg(b, agency);
			}
			if (f.year) {
				gk_html_raw(b, "&amp;year=");
				gk_html_int(b, f.year);
			}
			gk_html_raw(b, "&amp;page=");
			gk_html_int(b, page + 1);
			gk_html_raw(b, "\">下一页</a>");
		}
	}
	gk_html_raw(b, "</p>\n");
	if (!l.rows)
		gk_html_raw(b, "<p class=\"empty\">没有符合条件的申请。</p>\n");
	gk_page_end(r);
}
