/* Pieces the catalogue's pages, feeds, exports and API share: reading the
 * listing filters from a request, list rows, the metadata block, paging. */
#ifndef GK_WEB_CATALOGUE_H
#define GK_WEB_CATALOGUE_H

#include "core/item.h"
#include "service/catalogue.h"
#include "store/store.h"
#include "web/request.h"

#define GK_PER_PAGE_DEFAULT 20
#define GK_PER_PAGE_MAX     100

/* Fills F from the request's agency, topic, genre, column, year, validity,
 * q, page and per_page (already checked by the route table). An unknown
 * agency code or topic is GK_EINVAL naming the parameter. *PAGE gets the
 * page number. */
enum gk_err gk_catalogue_filter(struct gk_request *r, struct gk_item_filter *f, int64_t *page,
				struct gk_error *err);
/* PATH with the request's listing filters and q (not the page), in the
 * arena: an export, the API or the feed of what a page lists. */
const char *gk_catalogue_with_filters(struct gk_request *r, const char *path);
/* The public address of PATH ("/items/3" → "https://…/items/3"), in the arena. */
const char *gk_catalogue_url(struct gk_request *r, const char *path);

/* The table of items: begin, one row per item (a callback for
 * gk_store_item_list with CTX the request), end. */
void gk_catalogue_table_begin(struct gk_request *r, const char *id);
int gk_catalogue_row(const struct gk_item *it, void *ctx);
/* One row into B; with QUERY (a search) and it->body, a snippet of the
 * body's text under the title, the words found marked. */
void gk_catalogue_row_html(struct gk_buf *b, const struct gk_item *it, const char *query);
/* How many characters of the body a search result shows. */
#define GK_SNIPPET_WIDTH 120
void gk_catalogue_table_end(struct gk_request *r);

/* Links to pages 1..PAGES around PAGE of PATH, keeping the request's
 * filters. Writes nothing for a single page. */
void gk_catalogue_pager(struct gk_request *r, const char *path, int64_t page, int64_t pages);

/* The search box (GET /items?q=…), filled with the request's q. */
void gk_catalogue_search_form(struct gk_request *r);

/* The home page's catalogue: the newest items, the newest policy
 * interpretations, and the newest of each topic column (专题专栏). False
 * if they cannot be read: the response is then the error page. */
bool gk_catalogue_home(struct gk_request *r);

/* The metadata block above an item's body (索引号, 信息分类, 发布机构 …). */
void gk_catalogue_meta(struct gk_buf *b, const struct gk_item *it);

#endif
