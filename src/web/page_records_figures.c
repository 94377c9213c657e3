/* GET/POST /staff/figures?year=Y&agency=CODE — the figures of an agency's
 * year that staff enter for the yearly report (core/records.h
 * GK_YEAR_FIGURE_LIST): one form with every figure, each showing who
 * entered it last and when. An empty field is a figure not entered
 * (absent), not 0. */
#include <stdio.h>
#include <string.h>

#include "lib/date.h"
#include "lib/html.h"
#include "service/records.h"
#include "store/store.h"
#include "web/layout.h"
#include "web/page_records.h"
#include "web/pages.h"

/* The agency and year the page is about: the parameters, else the user's
 * agency and last year. False after an error response. */
static bool target(struct gk_request *r, struct gk_agency *a, int *year)
{
	struct gk_error err = {0};
	const char *code = gk_req_param(r, "agency");
	enum gk_err rc = code && *code ? gk_store_agency_by_code(r->store, code, a, &err)
				       : gk_store_agency_get(r->store, r->user.agency_id, a, &err);
	if (rc == GK_ENOTFOUND) {
		gk_respond_error(r, GK_EINVAL, "“机构”：没有这个代码的机构");
		return false;
	}
	if (gk_req_failed(r, rc, &err))
		return false;
	if (!gk_svc_in_scope(&r->svc, a->id)) {
		gk_respond_error(r, GK_EFORBIDDEN, "该机构不在你的数据范围内");
		return false;
	}
	*year = (int)gk_req_param_int(r, "year", gk_date_from_days(r->svc.today).year - 1);
	return true;
}

static void page(struct gk_request *r, const struct gk_agency *a, int year, bool posted, int status,
		 const char *kind, const char *message)
{
	struct gk_buf *b = &r->out;
	struct gk_error err = {0};
	struct gk_year_figure_value v[GK_YEAR_FIGURE_COUNT];
	enum gk_err rc = gk_svc_year_figures_get(&r->svc, a->id, year, v, &err);
	if (gk_req_failed(r, rc, &err))
		return;
	if (rc) {
		gk_respond_error(r, rc, gk_error_text(&err));
		return;
	}
	gk_buf_reset(b);
	gk_page_begin(r, status, "年度数据");
	gk_html_raw(b, "<p><a href=\"/staff/records\">年报数据</a></p>\n"
		       "<form method=\"get\" class=\"filters\" action=\"/staff/figures\">\n"
		       "<label for=\"q-year\">年度</label><select id=\"q-year\" name=\"year\">\n");
	int this_year = gk_date_from_days(r->svc.today).year;
	for (int y = this_year; y >= GK_RECORD_YEAR_MIN; y--) {
		gk_html_raw(b, "<option");
		gk_html_raw(b, y == year ? " selected>" : ">");
		gk_html_int(b, y);
		gk_html_raw(b, "</option>");
	}
	gk_html_raw(b, "</select>\n<label for=\"q-agency\">机构</label><select id=\"q-agency\" "
		       "name=\"agency\">\n");
	gk_page_records_agency_options(r, a->code, false);
	gk_html_raw(b, "</select>\n<button type=\"submit\">查看</button>\n</form>\n<h2>");
	gk_html_text(b, a->name);
	gk_html_raw(b, " ");
	gk_html_int(b, year);
	gk_html_raw(b, "年</h2>\n");
	if (message)
		gk_page_notice(r, kind, message);
	gk_html_raw(b, "<p>未填写的项目视为未报送（不是0）；金额以元为单位，最多两位小数。</p>\n"
		       "<form method=\"post\" class=\"stacked\" id=\"figures-form\" "
		       "action=\"/staff/figures\">\n");
	gk_page_csrf_field(r);
	gk_html_raw(b, "<input type=\"hidden\" name=\"agency\" value=\"");
	gk_html_attr(b, a->code);
	gk_html_raw(b, "\"><input type=\"hidden\" name=\"year\" value=\"");
	gk_html_int(b, year);
	gk_html_raw(b, "\">\n<table class=\"list\" id=\"figures\">\n<thead><tr><th>数据项</th>"
		       "<th>数值</th><th>单位</th><th>最后填报</th></tr></thead>\n<tbody>\n");
	for (int i = 0; i < GK_YEAR_FIGURE_COUNT; i++) {
		const struct gk_year_figure_info *info =
			gk_year_figure_info((enum gk_year_figure)i);
		char text[40] = "";
		const char *value = text;
		if (posted) {
			value = gk_req_param(r, info->code);
			value = value ? value : "";
		} else if (v[i].set) {
			gk_figure_format((enum gk_year_figure)i, v[i].value, text, sizeof text);
		}
		gk_html_raw(b, "<tr><td><label for=\"fig-");
		gk_html_raw(b, info->code);
		gk_html_raw(b, "\">");
		gk_html_text(b, info->label);
		gk_html_raw(b, "</label></td><td><input id=\"fig-");
		gk_html_raw(b, info->code);
		gk_html_raw(b, "\" name=\"");
		gk_html_raw(b, info->code);
		gk_html_raw(b, "\" inputmode=\"decimal\" value=\"");
		gk_html_attr(b, value);
		gk_html_raw(b, "\"></td><td>");
		gk_html_text(b, info->unit);
		gk_html_raw(b, "</td><td>");
		if (v[i].set) {
			gk_html_text(b,
				     v[i].updated_by_name[0] ? v[i].updated_by_name : "命令行导入");
			gk_html_raw(b, " ");
			gk_page_records_time(b, v[i].updated_at);
		} else {
			gk_html_raw(b, "未填报");
		}
		gk_html_raw(b, "</td></tr>\n");
	}
	gk_html_raw(b, "</tbody>\n</table>\n<button type=\"submit\">保存</button>\n</form>\n");
	gk_page_end(r);
}

void gk_page_figures(struct gk_request *r)
{
	struct gk_agency a;
	int year;
	if (target(r, &a, &year))
		page(r, &a, year, false, 200, "ok", NULL);
}

void gk_page_figures_save(struct gk_request *r)
{
	struct gk_agency a;
	int year;
	struct gk_error err = {0};
	if (!target(r, &a, &year))
		return;
	struct gk_figure_change changes[GK_YEAR_FIGURE_COUNT];
	size_t n = 0;
	enum gk_err rc = GK_OK;
	for (int i = 0; i < GK_YEAR_FIGURE_COUNT && !rc; i++) {
		const struct gk_year_figure_info *info =
			gk_year_figure_info((enum gk_year_figure)i);
		const char *v = gk_req_param(r, info->code);
		if (!v)
			continue;
		changes[n].figure = (enum gk_year_figure)i;
		rc = gk_figure_parse(changes[n].figure, v, &changes[n].value, &err);
		n++;
	}
	int changed = 0;
	if (!rc)
		rc = gk_svc_year_figures_set(&r->svc, a.id, year, changes, n, &changed, &err);
	if (gk_req_failed(r, rc, &err))
		return;
	if (rc) {
		page(r, &a, year, true, gk_err_http_status(rc), "error", gk_req_error(r, &err));
		return;
	}
	char msg[64];
	snprintf(msg, sizeof msg, "已保存（%d项有变动）。", changed);
	page(r, &a, year, false, 200, "ok", msg);
}
