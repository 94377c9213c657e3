/* GET /export/items.csv and /export/items.jsonl — the public catalogue as
 * data, with the same filters as /items, in pages of up to 10,000 items.
 * Fields are named as in the API, so an export imports back unchanged. */
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

struct export
{
	struct gk_request *r;
	bool csv;
	enum gk_err rc; /* a failure while loading a row */
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

static int row(const struct gk_item *listed, void *ctx)
{
	struct export *e = ctx;
	struct gk_item it;
	/* a failure stops the listing and becomes the answer */
	if ((e->rc = gk_store_item_get(e->r->store, listed->id, &it, &e->err)))
		return 1;
	if (e->csv) {
		csv_row(&e->r->out, &it);
	} else {
		json_t *o = gk_item_to_json(&it, true);
		char *line = o ? json_dumps(o, JSON_COMPACT) : NULL;
		if (line) {
			gk_buf_puts(&e->r->out, line);
			gk_buf_putc(&e->r->out, '\n');
		}
		free(line);
		json_decref(o);
	}
	gk_item_release(&it);
	return e->r->out.failed != 0;
}

static void export(struct gk_request *r, bool csv)
{
	struct gk_item_filter f;
	struct gk_error err = {0};
	int64_t page;
	if (gk_catalogue_filter(r, &f, &page, &err)) {
		gk_respond_error(r, err.code, gk_error_text(&err));
		return;
	}
	f.limit = gk_req_param_int(r, "per_page", 10000);
	f.offset = (page - 1) * f.limit;
	struct export e = {r, csv, GK_OK, {0}};
	if (csv) {
		gk_buf_puts(&r->out, "\xEF\xBB\xBF"); /* a BOM, so spreadsheets read UTF-8 */
		for (int i = 0; columns[i]; i++)
			gk_csv_field(&r->out, columns[i], !columns[i + 1]);
	}
	struct gk_item_listing l;
	enum gk_err rc = gk_svc_item_list(&r->svc, &f, 0, row, &e, &l, &err);
	gk_item_listing_release(&l);
	if (!rc && e.rc) {
		rc = e.rc;
		err = e.err;
	}
	if (rc) {
		gk_respond_error(r, rc, gk_error_text(&err));
		return;
	}
	r->status = 200;
	r->response_type = csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
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
