/* GET /items — the public catalogue (主动公开目录): browse by agency, topic,
 * genre, year and validity, or search, with paging. */
#include <stdio.h>
#include <string.h>

#include "lib/html.h"
#include "service/catalogue.h"
#include "web/catalogue.h"
#include "web/layout.h"
#include "web/pages.h"

/* The address of a facet's link: /items with the request's other filters
 * and q, NAME set to VALUE, from the first page. */
static void facet_href(struct gk_buf *b, struct gk_request *r, const char *name, const char *value)
{
	static const char *const keep[] = {"agency",   "topic", "genre",    "column", "year",
					   "validity", "q",     "per_page", NULL};
	gk_html_raw(b, "/items?");
	for (int i = 0; keep[i]; i++) {
		const char *v = gk_req_param(r, keep[i]);
		if (!v || !*v || strcmp(keep[i], name) == 0)
			continue;
		gk_html_raw(b, keep[i]);
		gk_buf_putc(b, '=');
		gk_html_url_arg(b, v);
		gk_html_raw(b, "&amp;");
	}
	gk_html_raw(b, name);
	gk_buf_putc(b, '=');
	gk_html_url_arg(b, value);
}

static void link_to(struct gk_buf *b, const char *href, const char *id, const char *label)
{
	gk_html_raw(b, "<a href=\"");
	gk_html_attr(b, href);
	gk_html_raw(b, "\" id=\"");
	gk_html_raw(b, id);
	gk_html_raw(b, "\">");
	gk_html_raw(b, label);
	gk_html_raw(b, "</a>");
}

/* A facet link with the number of items it lists (from the index, for
 * the other filters), marked when it is the current choice. */
static void facet(struct gk_request *r, const struct gk_item_listing *l, const char *cls,
		  const char *name, const char *value, const char *key, const char *label)
{
	struct gk_buf *b = &r->out;
	const char *cur = gk_req_param(r, name);
	bool on = cur && strcmp(cur, value) == 0;
	gk_html_raw(b, "<li");
	if (cls) {
		gk_html_raw(b, " class=\"");
		gk_html_raw(b, cls);
		gk_html_raw(b, "\"");
	}
	gk_html_raw(b, "><a href=\"");
	facet_href(b, r, name, value);
	gk_html_raw(b, on ? "\" class=\"on\">" : "\">");
	gk_html_text(b, label);
	gk_html_raw(b, "</a> <span class=\"facet-count\">");
	gk_html_int(b, gk_item_listing_count(l, key));
	gk_html_raw(b, "</span></li>\n");
}

static void code_facet(struct gk_request *r, const struct gk_item_listing *l, const char *name,
		       const char *prefix, const char *code, const char *label)
{
	char key[64];
	snprintf(key, sizeof key, "%s%s", prefix, code);
	facet(r, l, NULL, name, code, key, label);
}

/* The facets with their counts; false (the response then the error page)
 * if they cannot be read. */
static bool sidebar(struct gk_request *r, const struct gk_item_listing *l)
{
	struct gk_buf *b = &r->out;
	struct gk_agency_list agencies;
	struct gk_error err = {0};
	char key[64], cls[24];
	size_t n;
	/* folded behind a button on a phone, so the results come first; open
	   beside them on a wide screen (the stylesheet) */
	gk_html_raw(
		b,
		"<details class=\"filters\" id=\"filters\"><summary>筛选：机构、主题、体裁、年份</summary>\n"
		"<aside class=\"facets\" aria-label=\"筛选条件\">\n<h2>按机构</h2>\n<ul id=\"facet-agency\">\n");
	if (gk_req_failed(r, gk_store_agency_list(r->store, &agencies, &err), &err))
		return false;
	for (size_t i = 0; i < agencies.count; i++) {
		const struct gk_agency *a = &agencies.items[i];
		snprintf(key, sizeof key, "a:%lld", (long long)a->id);
		snprintf(cls, sizeof cls, "tree-%d", a->depth > 3 ? 3 : a->depth);
		facet(r, l, cls, "agency", a->code, key, a->name);
	}
	gk_agency_list_release(&agencies);
	gk_html_raw(b, "</ul>\n<h2>按主题</h2>\n<ul id=\"facet-topic\">\n");
	const struct gk_code *topics = gk_topics(&n);
	for (size_t i = 0; i < n; i++)
		if (!strchr(topics[i].code, '.'))
			code_facet(r, l, "topic", "t:", topics[i].code, topics[i].label);
	gk_html_raw(b, "</ul>\n<h2>按体裁</h2>\n<ul id=\"facet-genre\">\n");
	const struct gk_code *genres = gk_genres(&n);
	for (size_t i = 0; i < n; i++)
		code_facet(r, l, "genre", "g:", genres[i].code, genres[i].label);
	gk_html_raw(b, "</ul>\n<h2>专题专栏</h2>\n<ul id=\"facet-column\">\n");
	const struct gk_code *columns = gk_columns(&n);
	for (size_t i = 0; i < n; i++)
		code_facet(r, l, "column", "c:", columns[i].code, columns[i].label);
	gk_html_raw(b, "</ul>\n<h2>按年份</h2>\n<ul id=\"facet-year\">\n");
	/* the years that have items, newest first (facets come in key order) */
	for (size_t i = l->nfacets; i-- > 0;) {
		const char *k = l->facets[i].key;
		if (strncmp(k, "y:", 2) != 0 || l->facets[i].count == 0)
			continue;
		char label[32];
		snprintf(label, sizeof label, "%s年", k + 2);
		facet(r, l, NULL, "year", k + 2, k, label);
	}
	gk_html_raw(b, "</ul>\n<h2>按时效</h2>\n<ul id=\"facet-validity\">\n");
	code_facet(r, l, "validity", "v:", "valid", "有效");
	code_facet(r, l, "validity", "v:", "expired", "失效");
	code_facet(r, l, "validity", "v:", "repealed", "废止");
	gk_html_raw(b, "</ul>\n</aside>\n</details>\n");
	return true;
}

/* The search form, as on the home page. */
void gk_catalogue_search_form(struct gk_request *r)
{
	struct gk_buf *b = &r->out;
	const char *q = gk_req_param(r, "q");
	gk_html_raw(
		b,
		"<form method=\"get\" action=\"/items\" class=\"search\" role=\"search\">"
		"<label for=\"search-q\">搜索公开信息</label> <input id=\"search-q\" name=\"q\" "
		"type=\"search\" maxlength=\"100\" placeholder=\"标题、文号、正文关键词\" value=\"");
	gk_html_attr(b, q ? q : "");
	gk_html_raw(b, "\"> <button type=\"submit\">搜索</button></form>\n");
}

struct results {
	struct gk_buf rows; /* written before the sidebar that precedes them */
	const char *query;
};

static int result_row(const struct gk_item *it, void *ctx)
{
	struct results *res = ctx;
	gk_catalogue_row_html(&res->rows, it, res->query);
	return res->rows.failed != 0;
}

void gk_page_items(struct gk_request *r)
{
	struct gk_buf *b = &r->out;
	struct gk_item_filter f;
	struct gk_item_listing l;
	struct gk_error err = {0};
	int64_t page;
	struct results res = {.query = NULL};
	gk_buf_init(&res.rows, (size_t)8 << 20);
	if (gk_catalogue_filter(r, &f, &page, &err) == GK_OK) {
		res.query = f.query;
		gk_svc_item_list(&r->svc, &f, GK_LIST_FACETS | (f.query ? GK_LIST_BODY : 0),
				 result_row, &res, &l, &err);
	}
	if (err.code) {
		gk_buf_release(&res.rows);
		gk_respond_error(r, err.code, gk_error_text(&err));
		return;
	}
	int64_t shown = l.capped && l.total > GK_SEARCH_COUNT_CAP ? GK_SEARCH_COUNT_CAP : l.total;
	int64_t pages = (shown + f.limit - 1) / f.limit;
	if (page > 1 && page > pages) {
		gk_item_listing_release(&l);
		gk_buf_release(&res.rows);
		gk_respond_error(r, GK_ENOTFOUND, "检索结果没有这一页");
		return;
	}
	struct gk_crumb trail[] = {{"/items", "主动公开目录"}};
	const char *feed = gk_catalogue_with_filters(r, "/feeds/items");
	struct gk_page_public pub = {trail, f.query ? 1 : 0, feed, NULL};
	gk_page_begin_public(r, 200, f.query ? "搜索结果" : "政府信息公开目录", &pub);
	gk_catalogue_search_form(r);
	gk_html_raw(b, "<div class=\"catalogue\">\n");
	bool ok = sidebar(r, &l), capped = l.capped;
	int64_t total = l.total;
	gk_item_listing_release(&l);
	if (!ok) {
		gk_buf_release(&res.rows);
		return;
	}
	gk_html_raw(b, "<section class=\"results\">\n<p class=\"count\" id=\"result-count\">");
	if (capped) {
		gk_html_raw(b, "共 ");
		gk_html_int(b, GK_SEARCH_COUNT_CAP / 1000);
		gk_html_raw(b, ",000+ 条");
	} else {
		gk_html_raw(b, "共 ");
		gk_html_int(b, total);
		gk_html_raw(b, " 条");
	}
	if (f.query) {
		gk_html_raw(b, "，关键词：“");
		gk_html_text(b, f.query);
		gk_html_raw(b, "”");
	}
	gk_html_raw(b, "</p>\n");
	if (res.rows.len) {
		gk_catalogue_table_begin(r, "items");
		gk_buf_add(b, res.rows.data, res.rows.len);
		gk_catalogue_table_end(r);
		gk_catalogue_pager(r, "/items", page, pages);
	} else {
		gk_html_raw(b, "<p class=\"empty\">没有符合条件的信息。</p>\n");
	}
	gk_buf_release(&res.rows);
	/* what the page lists, not the whole catalogue */
	gk_html_raw(b, "<p class=\"export\">导出符合条件的信息：");
	link_to(b, gk_catalogue_with_filters(r, "/export/items.csv"), "export-csv", "CSV");
	gk_html_raw(b, " · ");
	link_to(b, gk_catalogue_with_filters(r, "/export/items.jsonl"), "export-jsonl",
		"JSON Lines");
	gk_html_raw(b, " · ");
	link_to(b, gk_catalogue_with_filters(r, "/api/v1/items"), "export-api", "API");
	gk_html_raw(b, " · ");
	link_to(b, feed, "export-feed", "订阅（Atom）");
	gk_html_raw(b, "</p>\n</section>\n</div>\n");
	gk_page_end(r);
}

struct home_list {
	struct gk_buf items; /* the <li> rows, written before the heading is known to be needed */
	int n;
};

static int home_row(const struct gk_item *it, void *ctx)
{
	struct home_list *l = ctx;
	struct gk_buf *b = &l->items;
	gk_html_raw(b, "<li><a href=\"/items/");
	gk_html_int(b, it->id);
	gk_html_raw(b, "\">");
	gk_html_text(b, it->title);
	gk_html_raw(b, "</a> <span class=\"date\">");
	gk_html_textn(b, it->published, strlen(it->published) < 10 ? strlen(it->published) : 10);
	gk_html_raw(b, "</span></li>\n");
	l->n++;
	return 0;
}

/* One column of the home page: a heading linking to the listing, its newest
 * items; nothing at all when the column is empty. One query, no count.
 * False (the response then the error page) if the items cannot be read. */
static bool home_column(struct gk_request *r, const char *id, const char *title, const char *param,
			const char *value, struct gk_item_filter *f)
{
	struct gk_buf *b = &r->out;
	struct home_list l = {.n = 0};
	struct gk_error err = {0};
	gk_buf_init(&l.items, 1 << 20);
	struct gk_item_listing none;
	enum gk_err rc = gk_svc_item_list(&r->svc, f, 0, home_row, &l, &none, &err);
	gk_item_listing_release(&none);
	if (rc || l.n == 0 || l.items.failed) {
		gk_buf_release(&l.items);
		return !gk_req_failed(r, rc, &err);
	}
	gk_html_raw(b, "<section class=\"column\" id=\"");
	gk_html_raw(b, id);
	gk_html_raw(b, "\">\n<h2><a href=\"/items");
	if (param) {
		gk_html_raw(b, "?");
		gk_html_raw(b, param);
		gk_html_raw(b, "=");
		gk_html_url_arg(b, value);
	}
	gk_html_raw(b, "\">");
	gk_html_text(b, title);
	gk_html_raw(b, "</a></h2>\n<ul>\n");
	gk_buf_add(b, l.items.data, l.items.len);
	gk_html_raw(b, "</ul>\n</section>\n");
	gk_buf_release(&l.items);
	return true;
}

bool gk_catalogue_home(struct gk_request *r)
{
	size_t n;
	char id[64];
	gk_html_raw(&r->out, "<div class=\"home-columns\">\n");
	struct gk_item_filter f = {.validity = -1, .limit = 8};
	if (!home_column(r, "latest", "最新公开", NULL, NULL, &f))
		return false;
	f = (struct gk_item_filter){.validity = -1, .limit = 6, .genre = "interpretation"};
	if (!home_column(r, "col-interpretation", "政策解读", "genre", "interpretation", &f))
		return false;
	const struct gk_code *columns = gk_columns(&n);
	for (size_t i = 0; i < n; i++) {
		f = (struct gk_item_filter){.validity = -1, .limit = 5, .column = columns[i].code};
		snprintf(id, sizeof id, "col-%s", columns[i].code);
		if (!home_column(r, id, columns[i].label, "column", columns[i].code, &f))
			return false;
	}
	gk_html_raw(&r->out, "</div>\n");
	return true;
}
