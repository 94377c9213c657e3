/* GET /items/{id} — one item of the catalogue: the metadata block above
 * its body, attachments, 相关解读 / 相关政策, related items, a QR code of
 * its address; /items/{id}/print the same for paper; /items/{id}/qr.svg;
 * /items/{id}/files/{file} one stored attachment. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/richtext.h"
#include "lib/html.h"
#include "lib/qr.h"
#include "web/attachments.h"
#include "web/catalogue.h"
#include "web/layout.h"
#include "web/pages.h"

/* Loads the item named by the path; drafts and withdrawn items exist only
 * for staff who may act in their agency. Responds itself on failure. */
static bool load(struct gk_request *r, struct gk_item *it)
{
	struct gk_error err = {0};
	char *end;
	const char *arg = gk_req_path_arg(r, 0);
	long long id = strtoll(arg, &end, 10);
	if (*end || id <= 0) {
		gk_respond_error(r, GK_ENOTFOUND, "此地址没有公开信息");
		return false;
	}
	if (gk_store_item_get(r->store, id, it, &err)) {
		gk_respond_error(r, err.code, gk_error_text(&err));
		return false;
	}
	if (it->status != GK_ITEM_PUBLISHED && !(gk_svc_in_scope(&r->svc, it->agency_id))) {
		gk_item_release(it);
		gk_respond_error(r, GK_ENOTFOUND, "此地址没有公开信息");
		return false;
	}
	return true;
}

static void body(struct gk_buf *b, const struct gk_item *it)
{
	/* sanitised on the way in; again on the way out, in case the database
	 * was written by something other than gongkai */
	gk_html_raw(b, "<div class=\"item-body\" id=\"body\">\n");
	if (it->body)
		gk_richtext_sanitise(b, it->body, strlen(it->body));
	gk_html_raw(b, "</div>\n");
}

/* Stored files first, then the links (name|URL lines). */
static void attachments(struct gk_buf *b, const struct gk_item *it)
{
	if ((!it->attachments || !*it->attachments) && !it->nfiles)
		return;
	gk_html_raw(b, "<h2>附件</h2>\n<ul class=\"attachments\" id=\"attachments\">\n");
	for (size_t i = 0; i < it->nfiles; i++) {
		char href[96];
		snprintf(href, sizeof href, "/items/%lld/files/%lld", (long long)it->id,
			 (long long)it->files[i].id);
		gk_web_attachment_item(b, href, &it->files[i]);
	}
	for (const char *p = it->attachments ? it->attachments : ""; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		const char *bar = memchr(p, '|', len);
		if (bar) {
			char url[2048];
			size_t ulen = len - (size_t)(bar - p) - 1;
			if (ulen < sizeof url) {
				memcpy(url, bar + 1, ulen);
				url[ulen] = '\0';
				/* checked on the way in: http(s) or a local path, no quotes */
				gk_html_raw(b, "<li><a href=\"");
				gk_html_attr(b, url);
				gk_html_raw(b, "\">");
				gk_html_textn(b, p, (size_t)(bar - p));
				gk_html_raw(b, "</a></li>\n");
			}
		}
		p += len + (nl ? 1 : 0);
	}
	gk_html_raw(b, "</ul>\n");
}

struct links {
	struct gk_buf *b;
	int n;
};

static int link_row(const struct gk_item *it, void *ctx)
{
	struct links *l = ctx;
	gk_html_raw(l->b, "<li><a href=\"/items/");
	gk_html_int(l->b, it->id);
	gk_html_raw(l->b, "\">");
	gk_html_text(l->b, it->title);
	gk_html_raw(l->b, "</a>");
	if (it->interp_kind[0]) {
		gk_html_raw(l->b, " <span class=\"kind\">（");
		gk_html_raw(l->b, gk_interp_label(it->interp_kind));
		gk_html_raw(l->b, "）</span>");
	}
	gk_html_raw(l->b, " <span class=\"date\">");
	gk_html_textn(l->b, it->published, strlen(it->published) < 10 ? strlen(it->published) : 10);
	gk_html_raw(l->b, "</span></li>\n");
	l->n++;
	return 0;
}

/* The related policy, interpretations and items; false (the response then
 * the error page) if they cannot be read. */
static bool relations(struct gk_request *r, const struct gk_item *it)
{
	struct gk_buf *b = &r->out;
	if (it->interprets_id && it->interprets_index[0]) { /* the policy is published */
		gk_html_raw(
			b,
			"<h2>相关政策</h2>\n<ul class=\"related\" id=\"related-policy\"><li><a href=\"/items/");
		gk_html_int(b, it->interprets_id);
		gk_html_raw(b, "\">");
		gk_html_text(b, it->interprets_title);
		gk_html_raw(b, "</a></li></ul>\n");
	}
	struct gk_buf tmp;
	gk_buf_init(&tmp, 1 << 20);
	struct links l = {&tmp, 0};
	struct gk_error err = {0};
	if (gk_req_failed(r, gk_store_item_interpretations(r->store, it->id, link_row, &l, &err),
			  &err)) {
		gk_buf_release(&tmp);
		return false;
	}
	if (l.n) {
		gk_html_raw(
			b,
			"<h2>相关解读</h2>\n<ul class=\"related\" id=\"related-interpretations\">\n");
		gk_buf_add(b, tmp.data, tmp.len);
		gk_html_raw(b, "</ul>\n");
	}
	gk_buf_reset(&tmp);
	l.n = 0;
	if (gk_req_failed(r, gk_store_item_related(r->store, it, 5, link_row, &l, &err), &err)) {
		gk_buf_release(&tmp);
		return false;
	}
	if (l.n) {
		gk_html_raw(b, "<h2>相关信息</h2>\n<ul class=\"related\" id=\"related-items\">\n");
		gk_buf_add(b, tmp.data, tmp.len);
		gk_html_raw(b, "</ul>\n");
	}
	gk_buf_release(&tmp);
	return true;
}

void gk_page_item(struct gk_request *r)
{
	struct gk_buf *b = &r->out;
	struct gk_item it;
	if (!load(r, &it))
		return;
	struct gk_buf agency_href;
	gk_buf_init(&agency_href, 256);
	gk_buf_puts(&agency_href, "/items?agency=");
	gk_html_url_arg(&agency_href, it.agency_code);
	struct gk_crumb trail[] = {
		{"/items", "主动公开目录"},
		{agency_href.failed ? "/items" : agency_href.data, it.agency_name}};
	struct gk_page_public pub = {trail, 2, NULL, NULL};
	gk_page_begin_public(r, 200, it.title, &pub);
	gk_buf_release(&agency_href);
	if (it.status != GK_ITEM_PUBLISHED) {
		gk_page_notice(r, "info",
			       it.status == GK_ITEM_DRAFT ? "草稿：尚未发布，公众不可见。"
							  : "已撤回：公众不可见。");
	}
	gk_catalogue_meta(b, &it);
	if (it.summary[0]) {
		gk_html_raw(b, "<p class=\"summary\" id=\"summary\"><strong>内容概述：</strong>");
		gk_html_text(b, it.summary);
		gk_html_raw(b, "</p>\n");
	}
	body(b, &it);
	attachments(b, &it);
	if (!relations(r, &it)) {
		gk_item_release(&it);
		return;
	}
	gk_html_raw(
		b, "<div class=\"item-tools\">\n<figure class=\"qr\"><img id=\"qr\" src=\"/items/");
	gk_html_int(b, it.id);
	gk_html_raw(
		b,
		"/qr.svg\" width=\"132\" height=\"132\" alt=\"用手机扫码打开本页\"><figcaption>手机扫码阅读</figcaption></figure>\n"
		"<p><a href=\"/items/");
	gk_html_int(b, it.id);
	gk_html_raw(b, "/print\" id=\"print-link\">打印本页</a></p>\n");
	if (r->logged_in && (r->user.roles & GK_ROLE_EDITOR) &&
	    gk_svc_in_scope(&r->svc, it.agency_id)) {
		gk_html_raw(b, "<p><a href=\"/staff/items/");
		gk_html_int(b, it.id);
		gk_html_raw(b, "/edit\" id=\"edit-link\">编辑</a> · <a href=\"/staff/items/");
		gk_html_int(b, it.id);
		gk_html_raw(b, "/history\">修订记录</a></p>\n");
	}
	gk_html_raw(b, "</div>\n");
	gk_item_release(&it);
	gk_page_end(r);
}

void gk_page_item_print(struct gk_request *r)
{
	struct gk_buf *b = &r->out;
	struct gk_item it;
	if (!load(r, &it))
		return;
	r->status = 200;
	r->response_type = "text/html; charset=utf-8";
	gk_html_raw(
		b,
		"<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
	gk_html_text(b, it.title);
	gk_html_raw(b, "</title>\n<link rel=\"stylesheet\" href=\"/static/gongkai.css\">\n</head>\n"
		       "<body class=\"print\">\n<main>\n<h1>");
	gk_html_text(b, it.title);
	gk_html_raw(b, "</h1>\n");
	gk_catalogue_meta(b, &it);
	body(b, &it);
	attachments(b, &it);
	gk_html_raw(b, "<p class=\"source\">本页地址：");
	gk_html_text(b, gk_catalogue_url(r, "/items/"));
	gk_html_int(b, it.id);
	gk_html_raw(b, "</p>\n</main>\n</body>\n</html>\n");
	gk_item_release(&it);
}

void gk_page_item_qr(struct gk_request *r)
{
	struct gk_item it;
	struct gk_error err = {0};
	struct gk_buf path;
	if (!load(r, &it))
		return;
	gk_buf_init(&path, 256);
	gk_buf_puts(&path, "/items/");
	gk_html_int(&path, it.id);
	const char *url = gk_catalogue_url(r, path.data);
	gk_buf_release(&path);
	gk_item_release(&it);
	if (gk_qr_svg(url, 4, &r->out, &err)) {
		gk_respond_error(r, err.code, gk_error_text(&err));
		return;
	}
	r->status = 200;
	r->response_type = "image/svg+xml";
	gk_req_header(r, "Cache-Control", "public, max-age=86400");
}

/* GET /items/{id}/files/{file}: public once the item is published; a
 * draft's or withdrawn item's files only for staff who may act in its agency. */
void gk_page_item_file(struct gk_request *r)
{
	struct gk_item it;
	struct gk_attachment a;
	struct gk_error err = {0};
	char *end;
	long long file = strtoll(gk_req_path_arg(r, 1), &end, 10);
	if (!load(r, &it))
		return;
	int64_t id = it.id;
	gk_item_release(&it);
	gk_buf_reset(&r->out);
	enum gk_err rc = *end || file <= 0
				 ? GK_ENOTFOUND
				 : gk_store_item_file_get(r->store, id, file, &a, &r->out, &err);
	if (rc) {
		gk_respond_error(r, rc, rc == GK_ENOTFOUND ? "没有这个附件" : gk_error_text(&err));
		return;
	}
	gk_web_send_attachment(r, &a);
}
