/* GET /feeds/agency/{code}, /feeds/topic/{code} — Atom feeds of the newest
 * items of an agency (with those below it) or a topic; GET /sitemap.xml.
 * XML is written with the HTML module's text escaping, which is also
 * correct XML (&#39; is a character reference in both). */
#include <stdio.h>
#include <string.h>

#include "core/richtext.h"
#include "lib/html.h"
#include "web/catalogue.h"
#include "web/pages.h"

#define FEED_ENTRIES 50

/* "YYYY-MM-DD[ HH:MM]" as an RFC 3339 time in China Standard Time. */
static void atom_time(struct gk_buf *b, const char *published)
{
	char t[32];
	if (strlen(published) >= 16)
		snprintf(t, sizeof t, "%.10sT%.5s:00+08:00", published, published + 11);
	else if (strlen(published) >= 10)
		snprintf(t, sizeof t, "%.10sT00:00:00+08:00", published);
	else
		snprintf(t, sizeof t, "1970-01-01T00:00:00Z");
	gk_html_text(b, t);
}

struct feed {
	struct gk_request *r;
	int n;
};

static int entry(const struct gk_item *it, void *ctx)
{
	struct feed *f = ctx;
	struct gk_buf *b = &f->r->out;
	char path[48];
	snprintf(path, sizeof path, "/items/%lld", (long long)it->id);
	const char *url = gk_catalogue_url(f->r, path);
	if (f->n++ == 0) {
		gk_html_raw(b, "<updated>");
		atom_time(b, it->published);
		gk_html_raw(b, "</updated>\n");
	}
	gk_html_raw(b, "<entry>\n<title>");
	gk_html_text(b, it->title);
	gk_html_raw(b, "</title>\n<id>");
	gk_html_text(b, url);
	gk_html_raw(b, "</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"");
	gk_html_attr(b, url);
	gk_html_raw(b, "\"/>\n<updated>");
	atom_time(b, it->published);
	gk_html_raw(b, "</updated>\n<author><name>");
	gk_html_text(b, it->agency_name);
	gk_html_raw(b, "</name></author>\n<category term=\"");
	gk_html_attr(b, it->topic);
	gk_html_raw(b, "\" label=\"");
	gk_html_attr(b, gk_topic_label(it->topic));
	gk_html_raw(b, "\"/>\n<summary>");
	if (it->index_no[0]) {
		gk_html_raw(b, "索引号：");
		gk_html_text(b, it->index_no);
		gk_html_raw(b, "　");
	}
	if (it->doc_no[0]) {
		gk_html_raw(b, "文号：");
		gk_html_text(b, it->doc_no);
		gk_html_raw(b, "　");
	}
	gk_html_text(b, it->summary);
	gk_html_raw(b, "</summary>\n</entry>\n");
	return 0;
}

static void feed(struct gk_request *r, struct gk_item_filter *f, const char *title,
		 const char *self, const char *alternate)
{
	struct gk_buf *b = &r->out;
	struct gk_error err = {0};
	struct feed fd = {r, 0};
	f->limit = FEED_ENTRIES;
	f->validity = -1;
	gk_html_raw(
		b,
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>");
	gk_html_text(b, title);
	gk_html_raw(b, "</title>\n<id>");
	gk_html_text(b, gk_catalogue_url(r, self));
	gk_html_raw(b, "</id>\n<link rel=\"self\" href=\"");
	gk_html_attr(b, gk_catalogue_url(r, self));
	gk_html_raw(b, "\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"");
	gk_html_attr(b, gk_catalogue_url(r, alternate));
	gk_html_raw(b, "\"/>\n");
	struct gk_item_listing l;
	if (gk_svc_item_list(&r->svc, f, 0, entry, &fd, &l, &err)) {
		gk_respond_error(r, err.code, gk_error_text(&err));
		return;
	}
	gk_item_listing_release(&l);
	if (fd.n == 0)
		gk_html_raw(b, "<updated>1970-01-01T00:00:00Z</updated>\n");
	gk_html_raw(b, "</feed>\n");
	r->status = 200;
	r->response_type = "application/atom+xml; charset=utf-8";
}

/* PATH + escaped ARG, in the arena. */
static const char *path_with(struct gk_request *r, const char *path, const char *arg)
{
	struct gk_buf b;
	gk_buf_init(&b, 1024);
	gk_buf_puts(&b, path);
	gk_html_url_arg(&b, arg);
	const char *s = gk_arena_strdup(&r->arena, b.failed ? path : b.data);
	gk_buf_release(&b);
	return s;
}

void gk_page_feed_agency(struct gk_request *r)
{
	struct gk_agency a;
	struct gk_error err = {0};
	const char *code = gk_req_path_arg(r, 0);
	if (gk_store_agency_by_code(r->store, code, &a, &err)) {
		gk_respond_error(r, err.code, gk_error_text(&err));
		return;
	}
	struct gk_item_filter f = {.agency_id = a.id, .agency_subtree = true};
	char title[256];
	snprintf(title, sizeof title, "%s 政府信息公开", a.name);
	feed(r, &f, title, path_with(r, "/feeds/agency/", a.code),
	     path_with(r, "/items?agency=", a.code));
}

void gk_page_feed_topic(struct gk_request *r)
{
	const char *code = gk_req_path_arg(r, 0);
	const char *label = gk_topic_label(code);
	if (!*label) {
		gk_respond_error(r, GK_ENOTFOUND, "there is no such topic");
		return;
	}
	struct gk_item_filter f = {.topic = code};
	char title[256];
	snprintf(title, sizeof title, "%s 政府信息公开", label);
	feed(r, &f, title, path_with(r, "/feeds/topic/", code),
	     path_with(r, "/items?topic=", code));
}

static int sitemap_url(const struct gk_item *it, void *ctx)
{
	struct gk_request *r = ctx;
	char path[48];
	snprintf(path, sizeof path, "/items/%lld", (long long)it->id);
	gk_html_raw(&r->out, "<url><loc>");
	gk_html_text(&r->out, gk_catalogue_url(r, path));
	gk_html_raw(&r->out, "</loc><lastmod>");
	gk_html_textn(&r->out, it->published,
		      strlen(it->published) < 10 ? strlen(it->published) : 10);
	gk_html_raw(&r->out, "</lastmod></url>\n");
	return 0;
}

void gk_page_sitemap(struct gk_request *r)
{
	static const char *const pages[] = {"/", "/items", "/agencies", NULL};
	struct gk_buf *b = &r->out;
	struct gk_agency_list agencies;
	gk_html_raw(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		       "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	for (int i = 0; pages[i]; i++) {
		gk_html_raw(b, "<url><loc>");
		gk_html_text(b, gk_catalogue_url(r, pages[i]));
		gk_html_raw(b, "</loc></url>\n");
	}
	struct gk_error err = {0};
	if (gk_req_failed(r, gk_store_agency_list(r->store, &agencies, &err), &err))
		return;
	for (size_t i = 0; i < agencies.count; i++) {
		gk_html_raw(b, "<url><loc>");
		gk_html_text(
			b, gk_catalogue_url(r, path_with(r, "/agencies/", agencies.items[i].code)));
		gk_html_raw(b, "/guide</loc></url>\n");
	}
	gk_agency_list_release(&agencies);
	/* a sitemap holds at most 50,000 addresses: the newest items */
	struct gk_item_filter f = {.validity = -1, .limit = 49000};
	if (gk_req_failed(r, gk_store_item_list(r->store, &f, sitemap_url, r, NULL, &err), &err))
		return;
	gk_html_raw(b, "</urlset>\n");
	r->status = 200;
	r->response_type = "application/xml; charset=utf-8";
}
