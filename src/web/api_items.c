/* GET /api/v1/items and /api/v1/items/{id} — the public catalogue for
 * programs: filters as on /items, {"total": N, "items": […]}; one item with
 * its body, attachments and interpretations. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalogue_index.h"
#include "core/richtext.h"
#include "service/catalogue.h"

#include "web/catalogue.h"
#include "web/pages.h"

struct listing {
	struct gk_request *r;
	json_t *items;
	const char *query; /* a search: each item gets a snippet */
};

static json_t *with_url(struct gk_request *r, const struct gk_item *it, json_t *o)
{
	char path[48];
	snprintf(path, sizeof path, "/items/%lld", (long long)it->id);
	json_object_set_new(o, "url", json_string(gk_catalogue_url(r, path)));
	return o;
}

static int add(const struct gk_item *it, void *ctx)
{
	struct listing *l = ctx;
	json_t *o = gk_item_to_json(it, false);
	if (!o)
		return 0;
	if (l->query) {
		/* HTML: the body's text escaped, the words found in <mark> */
		struct gk_buf text, snippet;
		gk_buf_init(&text, (size_t)16 << 20);
		gk_buf_init(&snippet, 1 << 16);
		if (it->body)
			gk_richtext_text(&text, it->body, strlen(it->body));
		gk_catalogue_snippet(&snippet, text.data, l->query, GK_SNIPPET_WIDTH);
		json_object_set_new(o, "snippet", json_string(snippet.failed ? "" : snippet.data));
		gk_buf_release(&text);
		gk_buf_release(&snippet);
	}
	json_array_append_new(l->items, with_url(l->r, it, o));
	return 0;
}

void gk_api_items(struct gk_request *r)
{
	struct gk_item_filter f;
	struct gk_error err = {0};
	int64_t page;
	struct gk_item_listing res = {0};
	struct listing l = {r, json_array(), NULL};
	if (gk_catalogue_filter(r, &f, &page, &err) == GK_OK) {
		l.query = f.query;
		gk_svc_item_list(&r->svc, &f, f.query ? GK_LIST_BODY : 0, add, &l, &res, &err);
	}
	if (err.code) {
		json_decref(l.items);
		gk_respond_error(r, err.code, gk_error_text(&err));
		return;
	}
	gk_item_listing_release(&res); /* total and capped stay */
	gk_respond_json(r, 200,
			json_pack("{s:I, s:b, s:I, s:I, s:o}", "total", (json_int_t)res.total,
				  "total_capped", res.capped, "page", (json_int_t)page, "per_page",
				  (json_int_t)f.limit, "items", l.items));
}

static int add_interp(const struct gk_item *it, void *ctx)
{
	struct listing *l = ctx;
	json_array_append_new(
		l->items,
		with_url(l->r, it,
			 json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)it->id,
				   "index_no", it->index_no, "title", it->title, "interp_kind",
				   it->interp_kind, "published", it->published)));
	return 0;
}

void gk_api_item(struct gk_request *r)
{
	struct gk_item it;
	struct gk_error err = {0};
	char *end;
	long long id = strtoll(gk_req_path_arg(r, 0), &end, 10);
	if (*end || id <= 0) {
		gk_respond_error(r, GK_ENOTFOUND, "没有这个编号的公开信息");
		return;
	}
	if (gk_store_item_get(r->store, id, &it, &err)) {
		gk_respond_error(r, err.code, gk_error_text(&err));
		return;
	}
	if (it.status != GK_ITEM_PUBLISHED) {
		gk_item_release(&it);
		gk_respond_error(r, GK_ENOTFOUND, "没有这个编号的公开信息");
		return;
	}
	json_t *o = with_url(r, &it, gk_item_to_json(&it, true));
	/* stored files as absolute addresses, like the item's own url */
	size_t i;
	json_t *a;
	json_array_foreach(json_object_get(o, "attachments"), i, a) {
		const char *url = json_string_value(json_object_get(a, "url"));
		if (json_object_get(a, "sha256") && url)
			json_object_set_new(a, "url", json_string(gk_catalogue_url(r, url)));
	}
	struct listing l = {r, json_array(), NULL};
	err = (struct gk_error){0};
	enum gk_err rc = gk_store_item_interpretations(r->store, it.id, add_interp, &l, &err);
	json_object_set_new(o, "interpretations", l.items);
	gk_item_release(&it);
	if (gk_req_failed(r, rc, &err)) {
		json_decref(o);
		return;
	}
	gk_respond_json(r, 200, o);
}
