/* Supervision of the yearly reports and the assessment (政务公开考核):
 *
 *   GET  /staff/supervision?year=Y[&sort=score]   every agency in scope: its
 *        report's deadline and timing, the assessment's figures, its score,
 *        the applications overdue now (linked to the overdue queue)
 *   POST /staff/supervision/weights               the city office sets Y's weights
 *   GET  /staff/supervision.xlsx?year=Y            the scoring sheet as XLSX
 *
 * The city office sees every agency; others their agency's subtree. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/date.h"
#include "lib/html.h"
#include "output/score_sheet.h"
#include "service/report_texts.h"
#include "service/supervision.h"
#include "store/store.h"
#include "web/consultations.h"
#include "web/layout.h"
#include "web/pages.h"

/* The year asked for, else the last year (whose reports are due now). */
static int year_of(struct gk_request *r)
{
	return (int)gk_req_param_int(r, "year", gk_date_from_days(r->svc.today).year - 1);
}

static void day_cell(struct gk_buf *b, long day)
{
	char text[11];
	gk_html_raw(b, "<td>");
	gk_html_text(b, day == GK_NO_DAY ? "—" : gk_date_format(gk_date_from_days(day), text));
	gk_html_raw(b, "</td>");
}

static void number_cell(struct gk_buf *b, int64_t n)
{
	gk_html_raw(b, "<td class=\"num\">");
	gk_html_int(b, n);
	gk_html_raw(b, "</td>");
}

/* A score to one decimal, without a printf of floating point into HTML. */
static void score_cell(struct gk_buf *b, bool applies, double v, const char *cls)
{
	gk_html_raw(b, "<td class=\"");
	gk_html_raw(b, cls);
	gk_html_raw(b, "\">");
	if (!applies) {
		gk_html_raw(b, "—");
	} else {
		long long tenths = (long long)(v * 10 + 0.5);
		gk_html_int(b, tenths / 10);
		gk_html_raw(b, ".");
		gk_html_int(b, tenths % 10);
	}
	gk_html_raw(b, "</td>");
}

/* Applications overdue now, by agency code (the queue's own count). */
struct overdue_now {
	const char **codes;
	int64_t *counts;
	size_t n, cap;
};

static int put_overdue(const struct gk_app_agency_counts *c, void *ctx)
{
	struct overdue_now *o = ctx;
	if (!c->overdue)
		return 0;
	if (o->n == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 32;
		const char **codes = realloc(o->codes, cap * sizeof *codes);
		if (codes)
			o->codes = codes;
		int64_t *counts = realloc(o->counts, cap * sizeof *counts);
		if (counts)
			o->counts = counts;
		if (!codes || !counts)
			return 1;
		o->cap = cap;
	}
	o->codes[o->n] = strdup(c->code);
	o->counts[o->n++] = c->overdue;
	return 0;
}

static int64_t overdue_of(const struct overdue_now *o, const char *code)
{
	for (size_t i = 0; i < o->n; i++)
		if (o->codes[i] && strcmp(o->codes[i], code) == 0)
			return o->counts[i];
	return 0;
}

static void overdue_release(struct overdue_now *o)
{
	for (size_t i = 0; i < o->n; i++)
		free((void *)o->codes[i]);
	free(o->codes);
	free(o->counts);
}

static int by_score(const void *a, const void *b)
{
	const struct gk_supervision_row *x = a, *y = b;
	if (x->score.scored != y->score.scored)
		return x->score.scored ? -1 : 1;
	if (x->score.total != y->score.total)
		return x->score.total > y->score.total ? -1 : 1;
	return strcmp(x->agency.code, y->agency.code);
}

static void weights_form(struct gk_request *r, const struct gk_supervision *sv, const int *shown)
{
	struct gk_buf *b = &r->out;
	gk_html_raw(b, "<h2>考核权重</h2>\n");
	gk_html_raw(b, sv->weights_stored
			       ? "<p>本年度权重已由市政府信息公开工作主管部门设定。</p>\n"
			       : "<p>本年度尚未设定权重，以下为默认权重。</p>\n");
	bool settable = gk_svc_score_weights_settable(&r->svc);
	if (settable) {
		gk_html_raw(b, "<form method=\"post\" action=\"/staff/supervision/weights\" "
			       "id=\"weights-form\" class=\"stacked\">\n");
		gk_page_csrf_field(r);
		gk_html_raw(b, "<input type=\"hidden\" name=\"year\" value=\"");
		gk_html_int(b, sv->year);
		gk_html_raw(b, "\">\n");
	}
	gk_html_raw(b, "<table class=\"list\" id=\"weights\">\n<thead><tr><th>考核项目</th>"
		       "<th>权重</th><th>计分方法</th></tr></thead>\n<tbody>\n");
	for (int c = 0; c < GK_CRIT_COUNT; c++) {
		const char *code = gk_criterion_code(c);
		gk_html_raw(b, "<tr><td>");
		if (settable) {
			gk_html_raw(b, "<label for=\"w-");
			gk_html_raw(b, code);
			gk_html_raw(b, "\">");
		}
		gk_html_raw(b, gk_criterion_label(c));
		gk_html_raw(b, settable ? "</label></td><td>" : "</td><td>");
		if (settable) {
			gk_html_raw(b, "<input type=\"number\" min=\"0\" max=\"1000\" id=\"w-");
			gk_html_raw(b, code);
			gk_html_raw(b, "\" name=\"w_");
			gk_html_raw(b, code);
			gk_html_raw(b, "\" value=\"");
			gk_html_int(b, shown[c]);
			gk_html_raw(b, "\">");
		} else {
			gk_html_int(b, shown[c]);
		}
		gk_html_raw(b, "</td><td>");
		gk_html_raw(b, gk_criterion_rule(c));
		gk_html_raw(b, "</td></tr>\n");
	}
	gk_html_raw(
		b, "</tbody>\n</table>\n<p>综合得分＝Σ（权重×得分）÷Σ权重，只计适用的项目。</p>\n");
	if (settable)
		gk_html_raw(b, "<button type=\"submit\">保存权重</button>\n</form>\n");
}

static void supervision_page(struct gk_request *r, int year, int status, const char *kind,
			     const char *message, const int *entered)
{
	struct gk_buf *b = &r->out;
	struct gk_error err = {0};
	struct gk_supervision sv;
	struct overdue_now od = {0};
	gk_buf_reset(b);
	enum gk_err rc = gk_svc_supervision(&r->svc, year, &sv, &err);
	if (rc == GK_EINVAL) {
		gk_respond_error(r, rc, gk_error_text(&err));
		goto out;
	}
	if (gk_req_failed(r, rc, &err))
		goto out;
	if (gk_req_failed(r,
			  gk_store_application_agency_counts(
				  r->store, r->user.city_wide ? 0 : r->user.agency_id, r->svc.today,
				  gk_date_from_days(r->svc.today).year, put_overdue, &od, &err),
			  &err))
		goto out;
	const char *sort = gk_req_param(r, "sort");
	bool sorted = sort && strcmp(sort, "score") == 0;
	if (sorted)
		qsort(sv.rows, sv.count, sizeof *sv.rows, by_score);

	char title[96];
	snprintf(title, sizeof title, "%d年度报告公布情况及考核评分", year);
	gk_page_begin(r, status, title);
	if (message)
		gk_page_notice(r, kind, message);
	gk_html_raw(b, "<form method=\"get\" action=\"/staff/supervision\" class=\"inline\">"
		       "<label for=\"s-year\">年度</label> <input id=\"s-year\" name=\"year\" "
		       "type=\"number\" min=\"2008\" max=\"2100\" value=\"");
	gk_html_int(b, year);
	gk_html_raw(b, "\"> <button type=\"submit\">查看</button></form>\n<p>");
	gk_html_raw(b, r->user.city_wide ? "范围：全市所有机构。" : "范围：本机构及其下属机构。");
	gk_html_raw(b, "截至");
	char day[11];
	gk_html_text(b, gk_date_format(gk_date_from_days(sv.cutoff), day));
	gk_html_raw(b, "统计。<a id=\"xlsx-link\" href=\"/staff/supervision.xlsx?year=");
	gk_html_int(b, year);
	gk_html_raw(b, "\">下载考核评分表（XLSX）</a> · ");
	if (sorted) {
		gk_html_raw(b, "<a href=\"/staff/supervision?year=");
		gk_html_int(b, year);
		gk_html_raw(b, "\">按机构排列</a>");
	} else {
		gk_html_raw(b,
			    "<a id=\"sort-score\" href=\"/staff/supervision?sort=score&amp;year=");
		gk_html_int(b, year);
		gk_html_raw(b, "\">按综合得分排序</a>");
	}
	gk_html_raw(b, "</p>\n");

	int timing[GK_TIMING_COUNT] = {0};
	for (size_t i = 0; i < sv.count; i++)
		timing[sv.rows[i].fig.report]++;
	gk_html_raw(b, "<p id=\"timing-summary\">");
	for (int t = 0; t < GK_TIMING_COUNT; t++) {
		gk_html_raw(b, t ? "，" : "");
		gk_html_raw(b, gk_report_timing_label(t));
		gk_html_int(b, timing[t]);
		gk_html_raw(b, "个");
	}
	gk_html_raw(b, "。</p>\n");

	bool queue = r->user.roles & (GK_ROLE_HANDLER | GK_ROLE_REVIEWER);
	gk_html_raw(b, "<table class=\"list\" id=\"supervision\">\n<thead><tr><th>机构</th>"
		       "<th>类型</th><th>报告期限</th><th>公布日期</th><th>公布情况</th>"
		       "<th>按期办结</th><th>逾期办结</th><th>年末在办</th><th>其中超期</th>"
		       "<th>复议纠错</th><th>诉讼纠错</th><th>主动公开</th>");
	for (int c = 0; c < GK_CRIT_COUNT; c++) {
		gk_html_raw(b, "<th>");
		gk_html_raw(b, gk_criterion_label(c));
		gk_html_raw(b, "</th>");
	}
	gk_html_raw(b, "<th>综合得分</th><th>当前超期申请</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < sv.count; i++) {
		const struct gk_supervision_row *row = &sv.rows[i];
		gk_html_raw(b, "<tr data-agency=\"");
		gk_html_attr(b, row->agency.code);
		gk_html_raw(b, "\" class=\"timing-");
		gk_html_raw(b, gk_report_timing_code(row->fig.report));
		gk_html_raw(b, "\"><td>");
		for (int d = 0; !sorted && d < row->agency.depth; d++)
			gk_html_raw(b, "　");
		gk_html_text(b, row->agency.name);
		gk_html_raw(b, "</td><td>");
		gk_html_raw(b, gk_agency_kind_label(row->agency.kind));
		gk_html_raw(b, "</td>");
		day_cell(b, row->deadline);
		day_cell(b, row->published);
		gk_html_raw(b, "<td class=\"timing\">");
		gk_html_raw(b, gk_report_timing_label(row->fig.report));
		gk_html_raw(b, "</td>");
		number_cell(b, row->fig.concluded_on_time);
		number_cell(b, row->fig.concluded_late);
		number_cell(b, row->fig.open_at_end);
		number_cell(b, row->fig.open_overdue);
		number_cell(b, row->fig.corrected_review);
		number_cell(b, row->fig.corrected_suit);
		number_cell(b, row->fig.items_published);
		for (int c = 0; c < GK_CRIT_COUNT; c++)
			score_cell(b, row->score.applies[c], row->score.sub[c], "num");
		score_cell(b, row->score.scored, row->score.total, "num score");
		int64_t now = overdue_of(&od, row->agency.code);
		gk_html_raw(b, "<td class=\"num\">");
		if (now && queue) {
			gk_html_raw(b, "<a href=\"/staff/requests?view=overdue&amp;agency=");
			gk_html_url_arg(b, row->agency.code);
			gk_html_raw(b, "\">");
			gk_html_int(b, now);
			gk_html_raw(b, "</a>");
		} else {
			gk_html_int(b, now);
		}
		gk_html_raw(b, "</td></tr>\n");
	}
	gk_html_raw(b,
		    "</tbody>\n</table>\n<p>报告期限：工作部门为次年1月31日，人民政府为次年3月31日"
		    "（《条例》第四十九条；2018年度及以前的报告均为次年3月31日）。"
		    "纠错件数按本年立案、12月31日前作出纠正决定的案件计。</p>\n");
	weights_form(r, &sv, entered ? entered : sv.weights);
	gk_consult_year_counts(r, year); /* issue 15: no report format counts them */
	gk_page_end(r);
out:
	overdue_release(&od);
	gk_supervision_release(&sv);
}

void gk_page_supervision(struct gk_request *r)
{
	supervision_page(r, year_of(r), 200, NULL, NULL, NULL);
}

void gk_page_supervision_weights(struct gk_request *r)
{
	int year = year_of(r);
	int weights[GK_CRIT_COUNT];
	for (int c = 0; c < GK_CRIT_COUNT; c++) {
		char name[40];
		snprintf(name, sizeof name, "w_%s", gk_criterion_code(c));
		weights[c] = (int)gk_req_param_int(r, name, -1);
	}
	struct gk_error err = {0};
	for (int c = 0; c < GK_CRIT_COUNT; c++)
		if (weights[c] < 0) {
			gk_fail(&err, GK_EINVAL, "请填写“%s”的权重", gk_criterion_label(c));
			supervision_page(r, year, 400, "error", err.detail, weights);
			return;
		}
	enum gk_err rc = gk_svc_score_weights_set(&r->svc, year, weights, &err);
	if (gk_req_failed(r, rc, &err))
		return;
	if (rc)
		supervision_page(r, year, gk_err_http_status(rc), "error", gk_req_error(r, &err),
				 weights);
	else
		supervision_page(r, year, 200, "ok", "权重已保存，得分已按新权重计算。", NULL);
}

void gk_page_supervision_xlsx(struct gk_request *r)
{
	int year = year_of(r);
	struct gk_error err = {0};
	struct gk_supervision sv;
	enum gk_err rc = gk_svc_supervision(&r->svc, year, &sv, &err);
	struct gk_score_sheet_row *rows = NULL;
	if (!rc) {
		rows = calloc(sv.count ? sv.count : 1, sizeof *rows);
		if (!rows)
			rc = gk_fail(&err, GK_ENOMEM, "out of memory");
	}
	if (!rc) {
		for (size_t i = 0; i < sv.count; i++) {
			const struct gk_supervision_row *s = &sv.rows[i];
			rows[i] = (struct gk_score_sheet_row){
				s->agency.code, s->agency.name, s->agency.kind, s->agency.depth,
				s->deadline,    s->published,   s->fig,         s->score};
		}
		struct gk_score_sheet sheet = {year, sv.weights, rows, sv.count};
		gk_buf_reset(&r->out);
		rc = gk_score_sheet_xlsx(&sheet, &r->out, &err);
	}
	if (rc) {
		gk_buf_reset(&r->out);
		if (!gk_req_failed(r, rc, &err))
			gk_respond_error(r, rc, gk_error_text(&err));
	} else {
		char name[96];
		snprintf(name, sizeof name, "attachment; filename=\"score-%d.xlsx\"", year);
		r->status = 200;
		r->response_type =
			"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		gk_req_header(r, "Content-Disposition", gk_arena_strdup(&r->arena, name));
	}
	free(rows);
	gk_supervision_release(&sv);
}
