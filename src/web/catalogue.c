/* Shared catalogue HTML and request parsing; see catalogue.h. */
#include <stdio.h>
#include <string.h>

#include "core/catalogue_index.h"
#include "core/richtext.h"
#include "lib/html.h"
#include "web/catalogue.h"
#include "web/server.h"

enum gk_err gk_catalogue_filter(struct gk_request *r, struct gk_item_filter *f, int64_t *page,
				struct gk_error *err)
{
	const char *v;
	size_t n;
	memset(f, 0, sizeof *f);
	f->validity = -1;
	if ((v = gk_req_param(r, "agency")) && *v) {
		struct gk_agency a;
		enum gk_err rc = gk_store_agency_by_code(r->store, v, &a, err);
		if (rc == GK_ENOTFOUND)
			return gk_fail(err, GK_EINVAL, "“机关”：没有代码为“%.40s”的机关", v);
		if (rc)
			return rc;
		f->agency_id = a.id;
		f->agency_subtree = true;
	}
	if ((v = gk_req_param(r, "topic")) && *v) {
		const struct gk_code *topics = gk_topics(&n);
		const struct gk_code *c = gk_code_find(topics, n, v);
		if (!c || strcmp(c->code, v) != 0)
			return gk_fail(err, GK_EINVAL, "“主题分类”：没有这个代码");
		f->topic = v;
	}
	if ((v = gk_req_param(r, "genre")) && *v) {
		if (!*gk_genre_label(v))
			return gk_fail(err, GK_EINVAL, "“体裁”：没有这个代码");
		f->genre = v;
	}
	if ((v = gk_req_param(r, "column")) && *v) {
		if (!*gk_column_label(v))
			return gk_fail(err, GK_EINVAL, "“专题专栏”：没有这个代码");
		f->column = v;
	}
	enum gk_validity val;
	if ((v = gk_req_param(r, "validity")) && *v && gk_validity_parse(v, &val))
		f->validity = (int)val;
	f->year = (int)gk_req_param_int(r, "year", 0);
	if ((v = gk_req_param(r, "q")) && *v)
		f->query = v;
	*page = gk_req_param_int(r, "page", 1);
	f->limit = gk_req_param_int(r, "per_page", GK_PER_PAGE_DEFAULT);
	f->offset = (*page - 1) * f->limit;
	return GK_OK;
}

const char *gk_catalogue_url(struct gk_request *r, const char *path)
{
	struct gk_buf b;
	gk_buf_init(&b, 4096);
	gk_buf_puts(&b, r->server ? r->server->base_url : "");
	gk_buf_puts(&b, path);
	const char *s = gk_arena_strdup(&r->arena, b.failed ? "" : b.data);
	gk_buf_release(&b);
	return s;
}

void gk_catalogue_table_begin(struct gk_request *r, const char *id)
{
	gk_html_raw(&r->out, "<table class=\"list items\" id=\"");
	gk_html_attr(&r->out, id);
	gk_html_raw(&r->out,
		    "\">\n<thead><tr><th>索引号</th><th>标题</th><th>文号</th><th>发布机构</th>"
		    "<th>发布日期</th></tr></thead>\n<tbody>\n");
}

void gk_catalogue_row_html(struct gk_buf *b, const struct gk_item *it, const char *query)
{
	gk_html_raw(b, "<tr><td class=\"index-no\">");
	gk_html_text(b, it->index_no);
	gk_html_raw(b, "</td><td><a href=\"/items/");
	gk_html_int(b, it->id);
	gk_html_raw(b, "\">");
	gk_html_text(b, it->title);
	gk_html_raw(b, "</a>");
	if (it->validity != GK_VALID) {
		gk_html_raw(b, " <span class=\"validity\">（");
		gk_html_raw(b, gk_validity_label(it->validity));
		gk_html_raw(b, "）</span>");
	}
	if (query && it->body && *it->body) {
		/* the body's text around the first word found, escaped, words marked */
		struct gk_buf text;
		gk_buf_init(&text, (size_t)16 << 20);
		gk_richtext_text(&text, it->body, strlen(it->body));
		gk_html_raw(b, "<p class=\"snippet\">");
		gk_catalogue_snippet(b, text.data, query, GK_SNIPPET_WIDTH);
		gk_html_raw(b, "</p>");
		gk_buf_release(&text);
	}
	gk_html_raw(b, "</td><td>");
	gk_html_text(b, it->doc_no);
	gk_html_raw(b, "</td><td>");
	gk_html_text(b, it->agency_name);
	gk_html_raw(b, "</td><td>");
	gk_html_textn(b, it->published, strlen(it->published) < 10 ? strlen(it->published) : 10);
	gk_html_raw(b, "</td></tr>\n");
}

int gk_catalogue_row(const struct gk_item *it, void *ctx)
{
	struct gk_request *r = ctx;
	gk_catalogue_row_html(&r->out, it, NULL);
	return 0;
}

void gk_catalogue_table_end(struct gk_request *r)
{
	gk_html_raw(&r->out, "</tbody>\n</table>\n");
}

/* Appends "?name=value&…" of the request's filters, then PAGE if > 1. */
static void page_link(struct gk_request *r, const char *path, int64_t page)
{
	static const char *const keep[] = {"agency",   "topic", "genre",    "column", "year",
					   "validity", "q",     "per_page", NULL};
	struct gk_buf *b = &r->out;
	const char *sep = "?";
	gk_html_raw(b, path);
	for (int i = 0; keep[i]; i++) {
		const char *v = gk_req_param(r, keep[i]);
		if (!v || !*v)
			continue;
		gk_html_raw(b, sep);
		gk_html_raw(b, keep[i]);
		gk_buf_putc(b, '=');
		gk_html_url_arg(b, v);
		sep = "&amp;";
	}
	if (page > 1) {
		gk_html_raw(b, sep);
		gk_html_raw(b, "page=");
		gk_html_int(b, page);
	}
}

void gk_catalogue_pager(struct gk_request *r, const char *path, int64_t page, int64_t pages)
{
	struct gk_buf *b = &r->out;
	if (pages <= 1)
		return;
	gk_html_raw(b, "<nav class=\"pager\" aria-label=\"分页\">");
	if (page > 1) {
		gk_html_raw(b, "<a rel=\"prev\" href=\"");
		page_link(r, path, page - 1);
		gk_html_raw(b, "\">上一页</a> ");
	}
	int64_t from = page - 4 < 1 ? 1 : page - 4, to = from + 8 > pages ? pages : from + 8;
	if (from > 1) {
		gk_html_raw(b, "<a href=\"");
		page_link(r, path, 1);
		gk_html_raw(b, "\">1</a> … ");
	}
	for (int64_t p = from; p <= to; p++) {
		if (p == page) {
			gk_html_raw(b, "<strong aria-current=\"page\">");
			gk_html_int(b, p);
			gk_html_raw(b, "</strong> ");
			continue;
		}
		gk_html_raw(b, "<a href=\"");
		page_link(r, path, p);
		gk_html_raw(b, "\">");
		gk_html_int(b, p);
		gk_html_raw(b, "</a> ");
	}
	if (to < pages) {
		gk_html_raw(b, "… <a href=\"");
		page_link(r, path, pages);
		gk_html_raw(b, "\">");
		gk_html_int(b, pages);
		gk_html_raw(b, "</a> ");
	}
	if (page < pages) {
		gk_html_raw(b, "<a rel=\"next\" href=\"");
		page_link(r, path, page + 1);
		gk_html_raw(b, "\">下一页</a>");
	}
	gk_html_raw(b, "</nav>\n");
}

static void meta_cell(struct gk_buf *b, const char *label, const char *value, const char *id)
{
	gk_html_raw(b, "<th>");
	gk_html_raw(b, label);
	gk_html_raw(b, "</th><td");
	if (id) {
		gk_html_raw(b, " id=\"");
		gk_html_raw(b, id);
		gk_html_raw(b, "\"");
	}
	gk_html_raw(b, ">");
	gk_html_text(b, value);
	gk_html_raw(b, "</td>");
}

void gk_catalogue_meta(struct gk_buf *b, const struct gk_item *it)
{
	char topic[256], validity[96];
	gk_topic_path(it->topic, topic, sizeof topic);
	if (it->validity == GK_VALID)
		snprintf(validity, sizeof validity, "%s", gk_validity_label(it->validity));
	else
		snprintf(validity, sizeof validity, "%s（%s）", gk_validity_label(it->validity),
			 it->ended);
	gk_html_raw(b, "<table class=\"item-meta\" id=\"meta\">\n<tr>");
	meta_cell(b, "索 引 号", it->index_no, "meta-index");
	meta_cell(b, "信息分类", topic, "meta-topic");
	gk_html_raw(b, "</tr>\n<tr>");
	meta_cell(b, "发布机构", it->agency_name, "meta-agency");
	meta_cell(b, "发布日期", it->published, "meta-published");
	gk_html_raw(b, "</tr>\n<tr>");
	meta_cell(b, "成文日期", it->written, "meta-written");
	meta_cell(b, "体　　裁", gk_genre_label(it->genre), "meta-genre");
	gk_html_raw(b, "</tr>\n<tr><th>标　　题</th><td colspan=\"3\" id=\"meta-title\">");
	gk_html_text(b, it->title);
	gk_html_raw(b, "</td></tr>\n<tr>");
	meta_cell(b, "文　　号", it->doc_no, "meta-docno");
	meta_cell(b, "时　　效", validity, "meta-validity");
	gk_html_raw(b, "</tr>\n<tr>");
	meta_cell(b, "主 题 词", it->keywords, "meta-keywords");
	meta_cell(b, "公开方式", "主动公开", NULL);
	gk_html_raw(b, "</tr>\n");
	if (it->normative != GK_NORM_NONE || it->effective[0] || it->repealed_by[0]) {
		gk_html_raw(b, "<tr>");
		meta_cell(b, "文件性质", it->normative ? gk_normative_label(it->normative) : "",
			  NULL);
		meta_cell(b, "生效日期", it->effective, NULL);
		gk_html_raw(b, "</tr>\n");
		if (it->repealed_by[0]) {
			gk_html_raw(b, "<tr>");
			meta_cell(b, "废止文号", it->repealed_by, NULL);
			meta_cell(b, "废止日期", it->ended, NULL);
			gk_html_raw(b, "</tr>\n");
		}
	}
	gk_html_raw(b, "</table>\n");
}

const char *gk_catalogue_with_filters(struct gk_request *r, const char *path)
{
	static const char *const keep[] = {"agency", "topic",    "genre", "column",
					   "year",   "validity", "q",     NULL};
	struct gk_buf b;
	const char *sep = "?";
	gk_buf_init(&b, 32768);
	gk_buf_puts(&b, path);
	for (int i = 0; keep[i]; i++) {
		const char *v = gk_req_param(r, keep[i]);
		if (!v || !*v)
			continue;
		gk_buf_puts(&b, sep);
		gk_buf_puts(&b, keep[i]);
		gk_buf_putc(&b, '=');
		gk_html_url_arg(&b, v);
		sep = "&";
	}
	const char *s = gk_arena_strdup(&r->arena, b.failed ? path : b.data);
	gk_buf_release(&b);
	return s;
}
