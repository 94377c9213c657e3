/* GET /feeds/agency/{code}, /feeds/topic/{code} — Atom feeds of the newest
 * items of an agency (with those below it) or a topic; /feeds/items?… — of
 * any listing of the catalogue, with its filters (a column of the portal,
 * a facet, a search); GET /sitemap.xml and
 * its parts /sitemap-N.xml.
 * XML is written with the HTML module's text escaping, which is also
 * correct XML (&#39; is a character reference in both). */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/richtext.h"
#include "lib/html.h"
#include "web/catalogue.h"
#include "web/pages.h"
#include "web/server.h"

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

/* The feed's head: its TITLE, its address SELF and the page ALTERNATE
 * that lists the same items. */
static void feed_head(struct gk_request *r, const char *title, const char *self,
		      const char *alternate)
{
	struct gk_buf *b = &r->out;
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
}

/* The feed's end once its entries are written (RC: how reading them went). */
static void feed_end(struct gk_request *r, const struct feed *fd, enum gk_err rc,
		     const struct gk_error *err)
{
	if (rc) {
		gk_respond_error(r, err->code, gk_error_text(err));
		return;
	}
	if (fd->n == 0)
		gk_html_raw(&r->out, "<updated>1970-01-01T00:00:00Z</updated>\n");
	gk_html_raw(&r->out, "</feed>\n");
	r->status = 200;
	r->response_type = "application/atom+xml; charset=utf-8";
}

/* The feed of the newest items of agency AGENCY_ID (and those below it) or,
 * when 0, of TOPIC (and its sub-topics). */
static void feed(struct gk_request *r, int64_t agency_id, const char *topic, const char *title,
		 const char *self, const char *alternate)
{
	struct gk_error err = {0};
	struct feed fd = {r, 0};
	feed_head(r, title, self, alternate);
	enum gk_err rc = agency_id ? gk_store_item_newest_of_agency(r->store, agency_id,
								    FEED_ENTRIES, entry, &fd, &err)
				   : gk_store_item_newest_of_topic(r->store, topic, FEED_ENTRIES,
								   entry, &fd, &err);
	feed_end(r, &fd, rc, &err);
}

void gk_page_feed_items(struct gk_request *r)
{
	struct gk_item_filter f;
	struct gk_item_listing l = {0};
	struct gk_error err = {0};
	struct feed fd = {r, 0};
	int64_t page;
	if (gk_catalogue_filter(r, &f, &page, &err)) {
		gk_respond_error(r, err.code, gk_error_text(&err));
		return;
	}
	f.offset = 0;
	f.limit = FEED_ENTRIES;
	/* the title names what the filters choose: "城区人民政府 财政 政府信息公开" */
	struct gk_buf title;
	gk_buf_init(&title, 4096);
	const char *code = gk_req_param(r, "agency");
	struct gk_agency a;
	if (code && *code && gk_store_agency_by_code(r->store, code, &a, &err) == GK_OK) {
		gk_buf_puts(&title, a.name);
		gk_buf_putc(&title, ' ');
	}
	const char *labels[] = {f.topic ? gk_topic_label(f.topic) : NULL,
				f.genre ? gk_genre_label(f.genre) : NULL,
				f.column ? gk_column_label(f.column) : NULL, f.query};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (labels[i] && *labels[i]) {
			gk_buf_puts(&title, labels[i]);
			gk_buf_putc(&title, ' ');
		}
	gk_buf_puts(&title, "政府信息公开");
	const char *self = gk_catalogue_with_filters(r, "/feeds/items");
	feed_head(r, title.failed ? "政府信息公开" : title.data, self,
		  gk_catalogue_with_filters(r, "/items"));
	gk_buf_release(&title);
	enum gk_err rc = gk_svc_item_list(&r->svc, &f, 0, entry, &fd, &l, &err);
	gk_item_listing_release(&l);
	feed_end(r, &fd, rc, &err);
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
	char title[256];
	snprintf(title, sizeof title, "%s 政府信息公开", a.name);
	feed(r, a.id, NULL, title, path_with(r, "/feeds/agency/", a.code),
	     path_with(r, "/items?agency=", a.code));
}

void gk_page_feed_topic(struct gk_request *r)
{
	const char *code = gk_req_path_arg(r, 0);
	const char *label = gk_topic_label(code);
	if (!*label) {
		gk_respond_error(r, GK_ENOTFOUND, "没有这个主题分类");
		return;
	}
	char title[256];
	snprintf(title, sizeof title, "%s 政府信息公开", label);
	feed(r, 0, code, title, path_with(r, "/feeds/topic/", code),
	     path_with(r, "/items?topic=", code));
}

/* --- the sitemap (sitemaps.org 0.9) -------------------------------------------
 *
 * One file holds at most 50,000 addresses (fewer with serve --sitemap-urls,
 * for tests). While the site's pages and every published item fit in one,
 * /sitemap.xml is that file. Past it, /sitemap.xml is a sitemap index:
 * part 0 lists the site's pages (home, catalogue, agencies, each agency's
 * guide), part N ≥ 1 the published items with ids in ((N-1)·K, N·K] — a
 * range of an index, so a part costs the same at any catalogue size and an
 * item stays in its part for good. Parts without a published item are left
 * out of the index (and answer 404). */

#define SITEMAP_MAX_URLS 50000

static int64_t sitemap_urls(const struct gk_request *r)
{
	int n = r->server ? r->server->config->sitemap_urls : 0;
	return n > 0 && n < SITEMAP_MAX_URLS ? n : SITEMAP_MAX_URLS;
}

static void xml_begin(struct gk_request *r, const char *root)
{
	gk_html_raw(&r->out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<");
	gk_html_raw(&r->out, root);
	gk_html_raw(&r->out, " xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
}

static void xml_end(struct gk_request *r, const char *root)
{
	gk_html_raw(&r->out, "</");
	gk_html_raw(&r->out, root);
	gk_html_raw(&r->out, ">\n");
	r->status = 200;
	r->response_type = "application/xml; charset=utf-8";
}

static void url_loc(struct gk_request *r, const char *path)
{
	gk_html_raw(&r->out, "<url><loc>");
	gk_html_text(&r->out, r->server ? r->server->base_url : "");
	gk_html_text(&r->out, path);
	gk_html_raw(&r->out, "</loc></url>\n");
}

/* The site's pages, at most LIMIT; false if the agencies cannot be read
 * (the response is then the error page). *COUNT (if not NULL) gets how
 * many there are, without writing them. */
static bool site_pages(struct gk_request *r, int64_t limit, int64_t *count)
{
	static const char *const pages[] = {"/",      "/items",     "/agencies", "/guide",
					    "/rules", "/statutory", "/reports",  NULL};
	struct gk_agency_list agencies;
	struct gk_error err = {0};
	if (gk_req_failed(r, gk_store_agency_list(r->store, &agencies, &err), &err))
		return false;
	int64_t n = 0;
	for (int i = 0; pages[i] && n < limit; i++, n++)
		if (!count)
			url_loc(r, pages[i]);
	for (size_t i = 0; i < agencies.count && n < limit; i++, n++) {
		if (count)
			continue;
		struct gk_buf path;
		gk_buf_init(&path, 1024);
		gk_buf_puts(&path, "/agencies/");
		gk_html_url_arg(&path, agencies.items[i].code);
		gk_buf_puts(&path, "/guide");
		if (!path.failed)
			url_loc(r, path.data);
		gk_buf_release(&path);
	}
	gk_agency_list_release(&agencies);
	if (count)
		*count = n;
	return true;
}

/* Writing a part's 50,000 addresses: the base escaped once, the date of
 * the last change made once per day met. */
struct part {
	struct gk_request *r;
	const char *base; /* escaped */
	int64_t day;      /* of DATE, in China Standard Time; -1 none yet */
	char date[16];
};

static void put2(char *p, int v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
}

static int item_url(int64_t id, int64_t updated_at, void *ctx)
{
	struct part *pt = ctx;
	struct gk_buf *b = &pt->r->out;
	/* the last change as a W3C datetime in China Standard Time (no DST) */
	int64_t t = updated_at + 8 * 3600;
	int64_t day = t >= 0 ? t / 86400 : 0, sec = t >= 0 ? t % 86400 : 0;
	if (day != pt->day) {
		time_t d = (time_t)(day * 86400);
		struct tm tm;
		pt->day = day;
		if (!gmtime_r(&d, &tm) || !strftime(pt->date, sizeof pt->date, "%Y-%m-%d", &tm))
			snprintf(pt->date, sizeof pt->date, "1970-01-01");
	}
	char when[32] = "T00:00:00+08:00";
	put2(when + 1, (int)(sec / 3600));
	put2(when + 4, (int)(sec / 60 % 60));
	put2(when + 7, (int)(sec % 60));
	gk_html_raw(b, "<url><loc>");
	gk_html_raw(b, pt->base);
	gk_html_raw(b, "/items/");
	gk_html_int(b, id);
	gk_html_raw(b, "</loc><lastmod>");
	gk_html_raw(b, pt->date);
	gk_html_raw(b, when);
	gk_html_raw(b, "</lastmod></url>\n");
	return b->failed != 0;
}

/* Lists the published items with FROM <= id <= TO; false on a failure
 * (the response is then the error page). */
static bool item_urls(struct gk_request *r, int64_t from, int64_t to)
{
	struct gk_error err = {0};
	struct gk_buf base;
	gk_buf_init(&base, 4096);
	gk_html_text(&base, r->server ? r->server->base_url : "");
	struct part pt = {r, gk_arena_strdup(&r->arena, base.data), -1, ""};
	gk_buf_release(&base);
	enum gk_err rc =
		pt.base ? gk_store_item_published_ids(r->store, from, to, item_url, &pt, &err)
			: gk_fail(&err, GK_ENOMEM, "out of memory");
	return !gk_req_failed(r, rc, &err);
}

void gk_page_sitemap(struct gk_request *r)
{
	struct gk_error err = {0};
	int64_t per = sitemap_urls(r), npages, max;
	if (!site_pages(r, per, &npages) ||
	    gk_req_failed(r, gk_store_item_published_max(r->store, &max, &err), &err))
		return;
	if (npages + max <= per) { /* ids are at least 1: everything fits */
		xml_begin(r, "urlset");
		if (site_pages(r, per, NULL) && item_urls(r, 1, max))
			xml_end(r, "urlset");
		return;
	}
	xml_begin(r, "sitemapindex");
	/* each part that holds a published item: one index step per part */
	for (int64_t part = 0, id = 1;;) {
		gk_html_raw(&r->out, "<sitemap><loc>");
		gk_html_text(&r->out, r->server ? r->server->base_url : "");
		gk_html_raw(&r->out, "/sitemap-");
		gk_html_int(&r->out, part);
		gk_html_raw(&r->out, ".xml</loc></sitemap>\n");
		if (gk_req_failed(r, gk_store_item_published_from(r->store, id, &id, &err), &err))
			return;
		if (id == 0)
			break;
		part = (id - 1) / per + 1;
		id = part * per + 1;
	}
	xml_end(r, "sitemapindex");
}

void gk_page_sitemap_part(struct gk_request *r)
{
	const char *arg = gk_req_path_arg(r, 0);
	char *end;
	errno = 0;
	long long part = strtoll(arg, &end, 10);
	if (!isdigit((unsigned char)arg[0]) || errno || strcmp(end, ".xml") != 0 || part < 0 ||
	    part > INT32_MAX) {
		gk_respond_error(r, GK_ENOTFOUND, "没有这个站点地图");
		return;
	}
	struct gk_error err = {0};
	int64_t per = sitemap_urls(r), first = 0;
	if (part == 0) {
		xml_begin(r, "urlset");
		if (site_pages(r, per, NULL))
			xml_end(r, "urlset");
		return;
	}
	int64_t from = (part - 1) * per + 1, to = part * per;
	if (gk_req_failed(r, gk_store_item_published_from(r->store, from, &first, &err), &err))
		return;
	if (first == 0 || first > to) {
		gk_respond_error(r, GK_ENOTFOUND, "没有这个站点地图");
		return;
	}
	xml_begin(r, "urlset");
	if (item_urls(r, from, to))
		xml_end(r, "urlset");
}
