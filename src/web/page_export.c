/* GET /export/items.csv and /export/items.jsonl — the public catalogue as
 * data, with the same filters as /items: all of it, or a page of up to
 * 10,000 items. Streamed: read in parts by keyset while it is sent, so
 * memory stays flat and the first byte leaves at once. Fields are named as
 * in the API, so an export imports back unchanged. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/csv.h"
#include "lib/html.h"
#include "web/catalogue.h"
#include "web/pages.h"

/* The CSV columns, in order; also what `gongkai import` reads. */
static const char *const columns[] = {
	"index_no",    "agency",      "agency_name", "title",       "doc_no",   "topic",
	"genre",       "column",      "written",     "published",   "validity", "effective",
	"ended",       "repealed_by", "normative",   "channels",    "keywords", "summary",
	"interp_kind", "interprets",  "body",        "attachments", NULL};

/* Items per part of the stream, and the size after which a part ends
 * early (bodies vary): a part is what one pooled connection reads at once. */
#define PART_ITEMS 256
#define PART_BYTES ((size_t)1 << 20)

struct export
{
	bool csv;
	struct gk_item_filter f; /* offset: to skip before the first part */
	int64_t left;            /* items still to send */
	struct gk_item_key after;
	int64_t *ids; /* a search: the page's ids, in order (read one by one) */
	size_t nids, next;
	/* the part being written */
	struct gk_request *r;
	int64_t written;
	bool full;
	enum gk_err rc; /* a failure while writing a row */
	struct gk_error err;
};

static void csv_row(struct gk_buf *b, const struct gk_item *it)
{
	char outlets[128];
	gk_outlets_format(it->outlets, outlets, sizeof outlets);
	const char *values[] = {it->index_no,
				it->agency_code,
				it->agency_name,
				it->title,
				it->doc_no,
				it->topic,
				it->genre,
				it->column,
				it->written,
				it->published,
				gk_validity_code(it->validity),
				it->effective,
				it->ended,
				it->repealed_by,
				gk_normative_code(it->normative),
				outlets,
				it->keywords,
				it->summary,
				it->interp_kind,
				it->interprets_index,
				it->body ? it->body : "",
				it->attachments ? it->attachments : ""};
	_Static_assert(sizeof values / sizeof values[0] == sizeof columns / sizeof columns[0] - 1,
		       "one value per column");
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
		gk_csv_field(b, values[i], i + 1 == sizeof values / sizeof values[0]);
}

/* Writes IT (with body) as a CSV record or a JSON line; non-zero stops the part. */
static int row(struct gk_item *it, void *ctx)
{
	struct export *e = ctx;
	struct gk_buf *out = &e->r->out;
	if (e->csv) {
		csv_row(out, it);
	} else {
		/* the JSON lists stored files too */
		if ((e->rc = gk_store_item_files(e->r->store, it, &e->err)))
			return 1;
		json_t *o = gk_item_to_json(it, true);
		char *line = o ? json_dumps(o, JSON_COMPACT) : NULL;
		if (!line) {
			e->rc = gk_fail(&e->err, GK_ENOMEM, "item %lld: cannot write its JSON",
					(long long)it->id);
		} else {
			gk_buf_puts(out, line);
			gk_buf_putc(out, '\n');
		}
		free(line);
		json_decref(o);
		if (e->rc)
			return 1;
	}
	snprintf(e->after.published, sizeof e->after.published, "%s", it->published);
	e->after.id = it->id;
	e->written++;
	e->full = out->len >= PART_BYTES;
	return e->full || out->failed;
}

/* A search's page: its items one by one, by id. */
static int search_part(struct gk_request *r, struct export *e)
{
	while (e->next < e->nids && !e->full && !e->rc) {
		struct gk_item it;
		e->rc = gk_store_item_get(r->store, e->ids[e->next++], &it, &e->err);
		if (e->rc == GK_ENOTFOUND) { /* removed meanwhile */
			e->rc = GK_OK;
			continue;
		}
		if (!e->rc) {
			row(&it, e);
			gk_item_release(&it);
		}
	}
	if (e->rc) {
		gk_req_failed(r, e->rc, &e->err);
		return -1;
	}
	return e->next < e->nids;
}

/* The stream's next part: up to PART_ITEMS items after the last one sent. */
static int export_part(struct gk_request *r, void *ctx)
{
	struct export *e = ctx;
	e->r = r;
	e->written = 0;
	e->full = false;
	if (e->ids)
		return search_part(r, e);
	struct gk_item_filter f = e->f;
	f.limit = e->left < PART_ITEMS ? e->left : PART_ITEMS;
	e->f.offset = 0; /* skipped once, by the first part */
	struct gk_error err = {0};
	enum gk_err rc = gk_store_item_export(r->store, &f, &e->after, row, e, &err);
	if (!rc && e->rc) {
		rc = e->rc;
		err = e->err;
	}
	if (rc) {
		gk_req_failed(r, rc, &err);
		return -1;
	}
	e->left -= e->written;
	/* fewer than asked, and not for want of room: the listing ended */
	return e->left > 0 && (e->full || e->written == f.limit);
}

static int collect_id(const struct gk_item *it, void *ctx)
{
	struct export *e = ctx;
	e->ids[e->nids++] = it->id;
	return 0;
}

/* Without page or per_page: every item the filters select. With them (the
 * older interface): that page, of per_page items (10,000 by default). A
 * search (q) is always such a page: its order needs every match first. */
static void export(struct gk_request *r, bool csv)
{
	struct gk_error err = {0};
	int64_t page;
	struct export *e = gk_arena_alloc(&r->arena, sizeof *e);
	if (!e) {
		gk_respond_error(r, GK_ENOMEM, "out of memory");
		return;
	}
	memset(e, 0, sizeof *e);
	e->csv = csv;
	if (gk_catalogue_filter(r, &e->f, &page, &err)) {
		gk_respond_error(r, err.code, gk_error_text(&err));
		return;
	}
	bool paged = gk_req_param(r, "page") || gk_req_param(r, "per_page") || e->f.query;
	e->f.limit = gk_req_param_int(r, "per_page", 10000);
	e->f.offset = paged ? (page - 1) * e->f.limit : 0;
	e->left = paged ? e->f.limit : INT64_MAX;
	if (e->f.query) {
		e->ids = gk_arena_alloc(&r->arena, (size_t)e->f.limit * sizeof *e->ids);
		if (!e->ids) {
			gk_respond_error(r, GK_ENOMEM, "out of memory");
			return;
		}
		struct gk_item_listing l;
		enum gk_err rc = gk_svc_item_list(&r->svc, &e->f, 0, collect_id, e, &l, &err);
		gk_item_listing_release(&l);
		if (rc) {
			gk_respond_error(r, rc, gk_error_text(&err));
			return;
		}
	}
	if (csv) {
		gk_buf_puts(&r->out, "\xEF\xBB\xBF"); /* a BOM, so spreadsheets read UTF-8 */
		for (int i = 0; columns[i]; i++)
			gk_csv_field(&r->out, columns[i], !columns[i + 1]);
	}
	gk_respond_stream(r,
			  csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
			  export_part, e);
	gk_req_header(r, "Content-Disposition",
		      csv ? "attachment; filename=\"items.csv\""
			  : "attachment; filename=\"items.jsonl\"");
}

void gk_page_export_csv(struct gk_request *r)
{
	export(r, true);
}

void gk_page_export_jsonl(struct gk_request *r)
{
	export(r, false);
}
