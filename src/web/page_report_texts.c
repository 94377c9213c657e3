/* The yearly report's staff pages and the texts' API:
 *
 *   GET  /staff/reports                          years × agencies in scope: texts, published
 *   GET  /staff/reports/{code}/{year}            edit the three sections
 *   POST /staff/reports/{code}/{year}            save them (all, or the one named by "only")
 *   GET  /staff/reports/{code}/{year}/history    every version, who and when
 *   GET  /api/v1/reports/{code}/{year}/texts     the current texts as JSON
 *   PUT  /api/v1/reports/{code}/{year}/texts     save, fields as the form's
 *
 * A save from a stale revision is refused (409): the page shows what was
 * saved meanwhile beside the editor's own text, kept in the form. The
 * page links to the report's preview, where it is published
 * (page_annual_report.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/date.h"
#include "lib/html.h"
#include "service/report_texts.h"
#include "service/supervision.h"
#include "store/store.h"
#include "web/layout.h"
#include "web/pages.h"

#define YEARS_SHOWN 5

static void format_time(int64_t at, char out[32])
{
	time_t t = (time_t)at;
	struct tm tm;
	out[0] = '\0';
	if (localtime_r(&t, &tm))
		strftime(out, 32, "%Y-%m-%d %H:%M", &tm);
}

/* --- the list: years × agencies ---------------------------------------------------------- */

struct status_grid {
	int from;
	const struct gk_agency_list *agencies;
	struct gk_report_status *cells; /* [agency index][year - from] */
};

static int put_cell(const struct gk_report_status *st, void *ctx)
{
	struct status_grid *g = ctx;
	for (size_t i = 0; i < g->agencies->count; i++)
		if (g->agencies->items[i].id == st->agency_id) {
			g->cells[i * YEARS_SHOWN + (size_t)(st->year - g->from)] = *st;
			break;
		}
	return 0;
}

void gk_page_reports(struct gk_request *r)
{
	struct gk_buf *b = &r->out;
	struct gk_error err = {0};
	struct gk_agency_list list = {0};
	if (gk_req_failed(r, gk_svc_visible_agencies(&r->svc, &list, &err), &err))
		return;
	/* this year's report may be drafted in December; the last one is due */
	int to = gk_date_from_days(r->svc.today).year, from = to - YEARS_SHOWN + 1;
	struct status_grid g = {from, &list, calloc(list.count * YEARS_SHOWN + 1, sizeof *g.cells)};
	if (!g.cells) {
		gk_agency_list_release(&list);
		gk_respond_error(r, GK_ENOMEM, NULL);
		return;
	}
	for (size_t i = 0; i < list.count * YEARS_SHOWN; i++)
		g.cells[i].published = GK_NO_DAY;
	if (gk_req_failed(r, gk_store_report_status(r->store, from, to, put_cell, &g, &err), &err))
		goto out;
	gk_page_begin(r, 200, "政府信息公开工作年度报告");
	gk_html_raw(b,
		    "<p>年度报告中的“总体情况”“存在的主要问题及改进情况”“其他需要报告的事项”"
		    "由各机构撰写，其余内容由系统根据登记的数据生成。"
		    "工作部门应于次年1月31日前、人民政府应于次年3月31日前公布上一年度报告。</p>\n");
	if (r->user.city_wide || list.count > 1)
		gk_html_raw(b, "<p><a href=\"/staff/supervision\" id=\"supervision-link\">"
			       "年度报告公布情况及考核评分</a></p>\n");
	gk_html_raw(b, "<table class=\"list\" id=\"reports\">\n<thead><tr><th>机构</th>");
	for (int y = to; y >= from; y--) {
		gk_html_raw(b, "<th>");
		gk_html_int(b, y);
		gk_html_raw(b, "年度</th>");
	}
	gk_html_raw(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < list.count; i++) {
		const struct gk_agency *a = &list.items[i];
		gk_html_raw(b, "<tr><td>");
		for (int d = 0; d < a->depth; d++)
			gk_html_raw(b, "　");
		gk_html_text(b, a->name);
		gk_html_raw(b, "</td>");
		for (int y = to; y >= from; y--) {
			const struct gk_report_status *c =
				&g.cells[i * YEARS_SHOWN + (size_t)(y - from)];
			gk_html_raw(b, "<td><a href=\"/staff/reports/");
			gk_html_url_arg(b, a->code);
			gk_html_raw(b, "/");
			gk_html_int(b, y);
			gk_html_raw(b, "\">撰写 ");
			gk_html_int(b, c->texts);
			gk_html_raw(b, "/3</a>");
			if (c->published != GK_NO_DAY) {
				char day[11];
				gk_html_raw(b, "<br><span class=\"published\">已公布 ");
				gk_html_text(b,
					     gk_date_format(gk_date_from_days(c->published), day));
				gk_html_raw(b, "</span>");
			} else {
				gk_html_raw(b, "<br><span class=\"unpublished\">未公布</span>");
			}
			gk_html_raw(b, "</td>");
		}
		gk_html_raw(b, "</tr>\n");
	}
	gk_html_raw(b, "</tbody>\n</table>\n");
	gk_page_end(r);
out:
	free(g.cells);
	gk_agency_list_release(&list);
}

/* --- one agency's year ------------------------------------------------------------------------ */

/* The agency and year of the path, if the user may see them; else the
 * error response is given and false returned. */
static bool load(struct gk_request *r, struct gk_agency *a, int *year)
{
	struct gk_error err = {0};
	const char *y = gk_req_path_arg(r, 1);
	char *end = NULL;
	long v = y ? strtol(y, &end, 10) : 0;
	if (!y || end == y || *end || gk_report_year_check((int)v, &err)) {
		gk_respond_error(r, GK_ENOTFOUND, "“年度”须在2008至2100之间");
		return false;
	}
	*year = (int)v;
	enum gk_err rc = gk_store_agency_by_code(r->store, gk_req_path_arg(r, 0), a, &err);
	if (rc) {
		gk_respond_error(r, rc, rc == GK_ENOTFOUND ? "没有这个机构" : gk_error_text(&err));
		return false;
	}
	if (!gk_svc_in_scope(&r->svc, a->id)) {
		gk_respond_error(r, GK_EFORBIDDEN, "该机构不在您的管辖范围内");
		return false;
	}
	return true;
}

/* The current version of each section (revision 0 and no body if none). */
struct current {
	int revision[GK_SECTION_COUNT];
	char *body[GK_SECTION_COUNT];
	char by[GK_SECTION_COUNT][128];
	int64_t at[GK_SECTION_COUNT];
};

static int put_current(const struct gk_report_version *t, void *ctx)
{
	struct current *c = ctx;
	enum gk_report_section s;
	if (!gk_report_section_parse(t->section, &s))
		return 0;
	c->revision[s] = t->revision;
	free(c->body[s]);
	c->body[s] = strdup(t->body);
	snprintf(c->by[s], sizeof c->by[s], "%s", t->user);
	c->at[s] = t->at;
	return 0;
}

static enum gk_err read_current(struct gk_request *r, int64_t agency_id, int year,
				struct current *c, struct gk_error *err)
{
	memset(c, 0, sizeof *c);
	return gk_store_report_text_current(r->store, agency_id, year, put_current, c, err);
}

static void release_current(struct current *c)
{
	for (int s = 0; s < GK_SECTION_COUNT; s++)
		free(c->body[s]);
}

static void agency_link(struct gk_buf *b, const struct gk_agency *a, int year, const char *tail)
{
	gk_html_raw(b, "/staff/reports/");
	gk_html_url_arg(b, a->code);
	gk_html_raw(b, "/");
	gk_html_int(b, year);
	gk_html_raw(b, tail);
}

/* The form. INPUT (may be NULL) is what the editor sent: kept in the
 * textareas; REVISION what the next save starts from; CONFLICT marks the
 * sections someone saved meanwhile (their text CUR is shown beside). */
static void edit_page(struct gk_request *r, const struct gk_agency *a, int year, int status,
		      const char *kind, const char *message, const struct current *cur,
		      const char *const *input, const int *revision, const bool *conflict)
{
	struct gk_buf *b = &r->out;
	gk_buf_reset(b);
	char title[256];
	snprintf(title, sizeof title, "%s%d年政府信息公开工作年度报告", a->name, year);
	gk_page_begin(r, status, title);
	if (message)
		gk_page_notice(r, kind, message);
	gk_html_raw(
		b,
		"<p><a href=\"/staff/reports\">全部年度报告</a> · <a id=\"history-link\" href=\"");
	agency_link(b, a, year, "/history");
	gk_html_raw(
		b,
		"\">修改记录</a></p>\n<form method=\"post\" class=\"stacked\" id=\"report-texts\" "
		"action=\"");
	agency_link(b, a, year, "");
	gk_html_raw(b, "\">\n");
	gk_page_csrf_field(r);
	for (int s = 0; s < GK_SECTION_COUNT; s++) {
		const char *code = gk_report_section_code(s);
		gk_html_raw(b, "<section class=\"report-text\" id=\"section-");
		gk_html_raw(b, code);
		gk_html_raw(b, "\">\n<h2>");
		gk_html_raw(b, gk_report_section_label(s));
		gk_html_raw(b, "</h2>\n");
		if (cur->revision[s]) {
			char when[32];
			format_time(cur->at[s], when);
			gk_html_raw(b, "<p class=\"meta\">第");
			gk_html_int(b, cur->revision[s]);
			gk_html_raw(b, "版，");
			gk_html_text(b, cur->by[s][0] ? cur->by[s] : "（命令行）");
			gk_html_raw(b, "保存于");
			gk_html_text(b, when);
			gk_html_raw(b, "</p>\n");
		}
		if (conflict && conflict[s]) {
			gk_html_raw(b, "<div class=\"conflict\" id=\"conflict-");
			gk_html_raw(b, code);
			gk_html_raw(b, "\"><p>其他人保存的最新内容（第");
			gk_html_int(b, cur->revision[s]);
			gk_html_raw(b, "版）：</p><pre>");
			gk_html_text(b, cur->body[s] ? cur->body[s] : "");
			gk_html_raw(b, "</pre><p>下框中仍是您提交的内容。请对照修改后再次保存，"
				       "保存将以您的内容为准。</p></div>\n");
		}
		gk_html_raw(b, "<input type=\"hidden\" name=\"rev_");
		gk_html_raw(b, code);
		gk_html_raw(b, "\" value=\"");
		gk_html_int(b, revision[s]);
		gk_html_raw(b, "\">\n<label for=\"t-");
		gk_html_raw(b, code);
		gk_html_raw(b, "\">");
		gk_html_raw(b, gk_report_section_label(s));
		gk_html_raw(b, "（不超过");
		gk_html_int(b, GK_REPORT_TEXT_MAX);
		gk_html_raw(b, "字）</label><textarea id=\"t-");
		gk_html_raw(b, code);
		gk_html_raw(b, "\" name=\"");
		gk_html_raw(b, code);
		gk_html_raw(b, "\" rows=\"12\">");
		const char *text = input && input[s] ? input[s] : cur->body[s];
		gk_html_text(b, text ? text : "");
		gk_html_raw(b, "</textarea>\n<button type=\"submit\" name=\"only\" value=\"");
		gk_html_raw(b, code);
		gk_html_raw(b, "\">只保存本栏</button>\n</section>\n");
	}
	gk_html_raw(b, "<button type=\"submit\" id=\"save-all\">保存全部</button>\n</form>\n");
	/* the report these texts go into: its preview (every format to
	 * download, and the publish button) — own records, and for a people's
	 * government also summed over the agencies under it */
	gk_html_raw(
		b,
		"<section id=\"preview\">\n<h2>预览和发布</h2>\n<p>报告的各项数据由系统登记的记录统计生成，"
		"上面的文字并入其中。<a id=\"preview-own\" href=\"");
	agency_link(b, a, year, "/preview?scope=own");
	gk_html_raw(b, "\">预览本机关报告</a>");
	if (a->kind == GK_AGENCY_GOVERNMENT) {
		gk_html_raw(b, " · <a id=\"preview-rollup\" href=\"");
		agency_link(b, a, year, "/preview?scope=rollup");
		gk_html_raw(b, "\">预览汇总报告（含所属各单位）</a>");
	}
	gk_html_raw(b, "</p>\n</section>\n");
	gk_page_end(r);
}

void gk_page_report_texts(struct gk_request *r)
{
	struct gk_agency a;
	int year;
	if (!load(r, &a, &year))
		return;
	struct current cur;
	struct gk_error err = {0};
	if (!gk_req_failed(r, read_current(r, a.id, year, &cur, &err), &err)) {
		const char *done = gk_req_param(r, "saved");
		edit_page(r, &a, year, 200, "ok", done ? "已保存。" : NULL, &cur, NULL,
			  cur.revision, NULL);
	}
	release_current(&cur);
}

/* The sections a save names: all, or the one in "only". */
static size_t inputs(struct gk_request *r, struct gk_report_text_input *in)
{
	const char *only = gk_req_param(r, "only");
	size_t n = 0;
	for (int s = 0; s < GK_SECTION_COUNT; s++) {
		const char *code = gk_report_section_code(s);
		const char *body = gk_req_param(r, code);
		if (!body || (only && strcmp(only, code) != 0))
			continue;
		char rev[16];
		snprintf(rev, sizeof rev, "rev_%s", code);
		in[n++] = (struct gk_report_text_input){(enum gk_report_section)s,
							(int)gk_req_param_int(r, rev, 0), body, 0,
							false};
	}
	return n;
}

void gk_page_report_texts_save(struct gk_request *r)
{
	struct gk_agency a;
	int year;
	if (!load(r, &a, &year))
		return;
	struct gk_report_text_input in[GK_SECTION_COUNT];
	size_t n = inputs(r, in);
	struct gk_error err = {0};
	enum gk_err rc = gk_svc_report_texts_save(&r->svc, a.id, year, in, n, &err);
	if (!rc) {
		struct gk_buf loc;
		gk_buf_init(&loc, 512);
		agency_link(&loc, &a, year, "?saved=1");
		gk_respond_redirect(r, loc.failed ? "/staff/reports"
						  : gk_arena_strdup(&r->arena, loc.data));
		gk_buf_release(&loc);
		return;
	}
	if (gk_req_failed(r, rc, &err))
		return;
	/* refused: the form again with what was sent */
	struct current cur;
	struct gk_error rerr = {0};
	if (gk_req_failed(r, read_current(r, a.id, year, &cur, &rerr), &rerr)) {
		release_current(&cur);
		return;
	}
	const char *input[GK_SECTION_COUNT] = {0};
	int revision[GK_SECTION_COUNT];
	bool conflict[GK_SECTION_COUNT] = {0};
	for (int s = 0; s < GK_SECTION_COUNT; s++) {
		input[s] = gk_req_param(r, gk_report_section_code(s));
		char rev[16];
		snprintf(rev, sizeof rev, "rev_%s", gk_report_section_code(s));
		revision[s] = (int)gk_req_param_int(r, rev, 0);
	}
	/* a section saved meanwhile: shown beside the editor's text, and the
	 * next save starts from it */
	for (size_t i = 0; rc == GK_ECONFLICT && i < n; i++) {
		enum gk_report_section s = in[i].section;
		if (cur.revision[s] != in[i].expected) {
			conflict[s] = true;
			revision[s] = cur.revision[s];
		}
	}
	edit_page(r, &a, year, gk_err_http_status(rc), "error", gk_req_error(r, &err), &cur, input,
		  revision, conflict);
	release_current(&cur);
}

/* --- history ------------------------------------------------------------------------------------
 */

static int history_row(const struct gk_report_version *t, void *ctx)
{
	struct gk_buf *b = ctx;
	enum gk_report_section s = GK_SECTION_OVERVIEW;
	gk_report_section_parse(t->section, &s);
	char when[32];
	format_time(t->at, when);
	gk_html_raw(b, "<tr><td>");
	gk_html_raw(b, gk_report_section_label(s));
	gk_html_raw(b, "</td><td>");
	gk_html_int(b, t->revision);
	gk_html_raw(b, "</td><td>");
	gk_html_text(b, when);
	gk_html_raw(b, "</td><td>");
	gk_html_text(b, t->user[0] ? t->user : "（命令行）");
	gk_html_raw(b, "</td><td><details><summary>");
	size_t len = strlen(t->body);
	if (!len) {
		gk_html_raw(b, "（空）");
	} else {
		/* the first words, cut at a character boundary */
		size_t cut = len > 90 ? 90 : len;
		while (cut < len && ((unsigned char)t->body[cut] & 0xC0) == 0x80)
			cut++;
		gk_html_textn(b, t->body, cut);
		if (cut < len)
			gk_html_raw(b, "…");
	}
	gk_html_raw(b, "</summary><pre>");
	gk_html_text(b, t->body);
	gk_html_raw(b, "</pre></details></td></tr>\n");
	return 0;
}

void gk_page_report_texts_history(struct gk_request *r)
{
	struct gk_agency a;
	int year;
	if (!load(r, &a, &year))
		return;
	struct gk_buf *b = &r->out;
	char title[256];
	snprintf(title, sizeof title, "%s%d年度报告修改记录", a.name, year);
	gk_page_begin(r, 200, title);
	gk_html_raw(b, "<p><a href=\"");
	agency_link(b, &a, year, "");
	gk_html_raw(b, "\">返回编辑</a></p>\n<table class=\"list\" id=\"history\">\n<thead><tr>"
		       "<th>栏目</th><th>版本</th><th>保存时间</th><th>保存人</th><th>内容</th>"
		       "</tr></thead>\n<tbody>\n");
	struct gk_error err = {0};
	if (gk_req_failed(
		    r,
		    gk_store_report_text_history(r->store, a.id, year, NULL, history_row, b, &err),
		    &err))
		return;
	gk_html_raw(b, "</tbody>\n</table>\n");
	gk_page_end(r);
}

/* --- the API ------------------------------------------------------------------------------------
 */

static json_t *texts_json(const struct gk_agency *a, int year, const struct current *cur)
{
	json_t *sections = json_array();
	for (int s = 0; s < GK_SECTION_COUNT; s++) {
		char when[32] = "";
		if (cur->revision[s])
			format_time(cur->at[s], when);
		json_array_append_new(sections, json_pack("{s:s, s:s, s:i, s:s, s:s, s:s}",
							  "section", gk_report_section_code(s),
							  "label", gk_report_section_label(s),
							  "revision", cur->revision[s], "body",
							  cur->body[s] ? cur->body[s] : "", "by",
							  cur->by[s], "at", when));
	}
	return json_pack("{s:s, s:s, s:i, s:o}", "agency", a->code, "agency_name", a->name, "year",
			 year, "sections", sections);
}

static void respond_texts(struct gk_request *r, const struct gk_agency *a, int year)
{
	struct current cur;
	struct gk_error err = {0};
	enum gk_err rc = read_current(r, a->id, year, &cur, &err);
	if (rc)
		gk_respond_error(r, rc, gk_error_text(&err));
	else
		gk_respond_json(r, 200, texts_json(a, year, &cur));
	release_current(&cur);
}

void gk_api_report_texts(struct gk_request *r)
{
	struct gk_agency a;
	int year;
	if (load(r, &a, &year))
		respond_texts(r, &a, year);
}

void gk_api_report_texts_save(struct gk_request *r)
{
	struct gk_agency a;
	int year;
	if (!load(r, &a, &year))
		return;
	struct gk_report_text_input in[GK_SECTION_COUNT];
	size_t n = inputs(r, in);
	struct gk_error err = {0};
	enum gk_err rc = gk_svc_report_texts_save(&r->svc, a.id, year, in, n, &err);
	if (rc) {
		gk_respond_error(r, rc, gk_error_text(&err));
		return;
	}
	respond_texts(r, &a, year);
}
