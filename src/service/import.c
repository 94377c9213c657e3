/* Bulk import of catalogue items, a batch per transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/import.h"
#include "service/items.h"

enum gk_err gk_svc_import_begin(struct gk_item_import *im, struct gk_svc *svc, int batch,
				struct gk_error *err)
{
	memset(im, 0, sizeof *im);
	im->svc = svc;
	im->batch = batch > 0 ? batch : 1000;
	gk_store_bulk(svc->store);
	enum gk_err rc = gk_store_begin(svc->store, err);
	/* read once: a row would otherwise read the setting again */
	if (!rc)
		rc = gk_svc_index_format(svc->store, im->index_format, sizeof im->index_format,
					 err);
	return rc;
}

bool gk_svc_import_fatal(enum gk_err rc)
{
	return gk_err_is_server(rc); /* the database, the disk, memory: not the row */
}

static enum gk_err remember_link(struct gk_item_import *im, int64_t id, long line,
				 const char *target, struct gk_error *err)
{
	if (im->npending == im->cap) {
		size_t cap = im->cap ? im->cap * 2 : 64;
		struct gk_import_link *p = realloc(im->pending, cap * sizeof *p);
		if (!p)
			return gk_fail(err, GK_ENOMEM, "out of memory");
		im->pending = p;
		im->cap = cap;
	}
	struct gk_import_link *p = &im->pending[im->npending++];
	p->item_id = id;
	p->line = line;
	snprintf(p->target, sizeof p->target, "%s", target);
	return GK_OK;
}

/* The agency with CODE into IT (id, code, name), looked up once per import. */
static enum gk_err find_agency(struct gk_item_import *im, struct gk_item *it, struct gk_error *err)
{
	size_t lo = 0, hi = im->nagencies;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int cmp = strcmp(it->agency_code, im->agencies[mid].code);
		if (cmp == 0) {
			it->agency_id = im->agencies[mid].id;
			memcpy(it->agency_name, im->agencies[mid].name, sizeof it->agency_name);
			return GK_OK;
		}
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	struct gk_agency a;
	enum gk_err rc = gk_store_agency_by_code(im->svc->store, it->agency_code, &a, err);
	if (rc == GK_ENOTFOUND)
		return gk_fail(err, GK_EINVAL, "“机关”：没有代码为“%.40s”的机关", it->agency_code);
	if (rc)
		return rc;
	if (im->nagencies == im->agencies_cap) {
		size_t cap = im->agencies_cap ? im->agencies_cap * 2 : 32;
		struct gk_import_agency *p = realloc(im->agencies, cap * sizeof *p);
		if (!p)
			return gk_fail(err, GK_ENOMEM, "out of memory");
		im->agencies = p;
		im->agencies_cap = cap;
	}
	struct gk_import_agency *slot = &im->agencies[lo];
	memmove(slot + 1, slot, (im->nagencies - lo) * sizeof *slot);
	im->nagencies++;
	memcpy(slot->code, a.code, sizeof slot->code);
	memcpy(slot->name, a.name, sizeof slot->name);
	slot->id = a.id;
	it->agency_id = a.id;
	memcpy(it->agency_name, a.name, sizeof it->agency_name);
	return GK_OK;
}

enum gk_err gk_svc_import_read(json_t *obj, struct gk_item *it, char *interprets,
			       struct gk_error *err)
{
	memset(it, 0, sizeof *it);
	interprets[0] = '\0';
	return gk_item_from_json(obj, it, interprets, err);
}

enum gk_err gk_svc_import_row(struct gk_item_import *im, json_t *obj, long line,
			      struct gk_error *err)
{
	struct gk_item it;
	char interprets[GK_INDEX_MAX];
	enum gk_err rc = gk_svc_import_read(obj, &it, interprets, err);
	if (!rc)
		rc = gk_svc_import_item(im, &it, interprets, line, err);
	gk_item_release(&it);
	return rc;
}

enum gk_err gk_svc_import_item(struct gk_item_import *im, struct gk_item *it,
			       const char *interprets, long line, struct gk_error *err)
{
	int outcome = 0;
	enum gk_err rc = find_agency(im, it, err);
	/* No savepoint per row: gk_svc_item_import refuses a row before it
	 * writes anything; what it may have written by then is a 索引号 series
	 * moved on, which only ever goes up anyway. A failure after that is
	 * the database's, and ends the import with its batch rolled back. */
	if (!rc) {
		rc = gk_svc_item_import(im->svc, it, interprets, im->index_format, &im->serials,
					&outcome, err);
		if (rc == GK_ENOTFOUND && interprets[0]) {
			/* the policy may come later in the file: link at the end */
			it->interprets_id = 0;
			rc = gk_svc_item_import(im->svc, it, NULL, im->index_format, &im->serials,
						&outcome, err);
			if (!rc)
				rc = remember_link(im, it->id, line, interprets, err);
		}
	}
	if (!rc) {
		im->added += outcome == 1;
		im->updated += outcome == 2;
		im->unchanged += outcome == 0;
	}
	return rc;
}

void gk_svc_import_defer_checkpoints(struct gk_item_import *im)
{
	gk_store_bulk_defer_checkpoints(im->svc->store);
}

enum gk_err gk_svc_import_flush(struct gk_item_import *im, struct gk_error *err)
{
	/* the series the batch moved on, in its transaction */
	enum gk_err rc = gk_svc_serial_marks_flush(im->svc, &im->serials, err);
	if (!rc)
		rc = gk_store_commit(im->svc->store, err);
	return rc ? rc : gk_store_begin(im->svc->store, err);
}

enum gk_err gk_svc_import_next(struct gk_item_import *im, struct gk_error *err)
{
	if (++im->rows % im->batch)
		return GK_OK;
	return gk_svc_import_flush(im, err);
}

enum gk_err gk_svc_import_end(struct gk_item_import *im, enum gk_err rc, const char *source,
			      long bad, void (*report)(long line, const char *reason, void *ctx),
			      void *ctx, struct gk_error *err)
{
	struct gk_store *s = im->svc->store;
	/* the batches so far, then the rest in one durable transaction whose
	 * commit syncs them all: what the import reports done survives a
	 * power loss (gk_store_bulk) */
	if (!rc)
		rc = gk_svc_serial_marks_flush(im->svc, &im->serials, err);
	if (!rc)
		rc = gk_store_commit(s, err);
	gk_store_bulk_end(s);
	if (!rc)
		rc = gk_store_begin(s, err);
	/* interpretations whose policy came later in the file */
	for (size_t i = 0; !rc && i < im->npending; i++) {
		struct gk_error lerr = {0};
		enum gk_err lrc = gk_svc_item_link(im->svc, im->pending[i].item_id,
						   im->pending[i].target, &lerr);
		if (gk_svc_import_fatal(lrc)) {
			rc = gk_fail(err, lrc, "%s", gk_error_text(&lerr));
		} else if (lrc) {
			bad++;
			report(im->pending[i].line, gk_error_text(&lerr), ctx);
		}
	}
	char detail[256];
	snprintf(detail, sizeof detail,
		 "%s: %ld rows, %ld added, %ld updated, %ld unchanged, %ld bad", source, im->rows,
		 im->added, im->updated, im->unchanged, bad);
	if (!rc)
		rc = gk_store_audit(s, gk_svc_actor_id(im->svc), 0, "import", "item", 0, detail,
				    err);
	if (!rc)
		rc = gk_store_commit(s, err);
	else
		gk_store_rollback(s);
	if (!rc && im->added + im->updated > 0)
		rc = gk_store_analyze(s, err);
	free(im->pending);
	im->pending = NULL;
	im->npending = im->cap = 0;
	gk_serial_marks_release(&im->serials);
	free(im->agencies);
	im->agencies = NULL;
	im->nagencies = im->agencies_cap = 0;
	return rc;
}
