/* Importing catalogue items in bulk (gongkai import items): rows go in
 * batches of one transaction each; a wrong row is reported and skipped
 * while the good ones are kept; interpretations whose policy comes later
 * are linked at the end; one audit row tells what the import did. */
#ifndef GK_SERVICE_IMPORT_H
#define GK_SERVICE_IMPORT_H

#include <jansson.h>

#include "core/item.h"
#include "service/items.h"
#include "service/service.h"

struct gk_import_link {
	int64_t item_id;
	long line;
	char target[GK_INDEX_MAX]; /* the policy's 索引号 */
};

struct gk_import_agency {
	char code[40];
	char name[160];
	int64_t id;
};

struct gk_item_import {
	struct gk_svc *svc;
	int batch; /* rows per transaction */
	long rows, added, updated, unchanged;
	struct gk_import_link *pending; /* owned */
	size_t npending, cap;
	/* the agencies named so far, sorted by code: one lookup each, not one
	 * per row (owned) */
	struct gk_import_agency *agencies;
	size_t nagencies, agencies_cap;
	char index_format[64];          /* the deployment's 索引号 format, read at the start */
	struct gk_serial_marks serials; /* written once per batch (owned) */
};

/* Starts an import on SVC, committing every BATCH rows. */
enum gk_err gk_svc_import_begin(struct gk_item_import *im, struct gk_svc *svc, int batch,
				struct gk_error *err);
/* Imports the item OBJ describes (the API's field names; codes or labels)
 * from line LINE. A row that is wrong returns its error (GK_EINVAL,
 * GK_ENOTFOUND …, with the reason in ERR) and changes nothing: the caller
 * reports it and goes on. GK_EDB, GK_ENOMEM and GK_EIO end the import. */
enum gk_err gk_svc_import_row(struct gk_item_import *im, json_t *obj, long line,
			      struct gk_error *err);
/* Leaves the import's checkpoints to another connection that calls
 * gk_store_checkpoint (gk_catalogue_follow's thread does) until its end. */
void gk_svc_import_defer_checkpoints(struct gk_item_import *im);
/* Commits the open batch now (the rows are all read) and begins the next,
 * in which gk_svc_import_end does what ends the import. */
enum gk_err gk_svc_import_flush(struct gk_item_import *im, struct gk_error *err);
/* The same in two steps: the item OBJ describes into IT and INTERPRETS
 * (GK_INDEX_MAX bytes), which needs no database (any thread may do it);
 * then its import (IT stays the caller's to release). */
enum gk_err gk_svc_import_read(json_t *obj, struct gk_item *it, char *interprets,
			       struct gk_error *err);
enum gk_err gk_svc_import_item(struct gk_item_import *im, struct gk_item *it,
			       const char *interprets, long line, struct gk_error *err);
/* Counts one row read (good or bad) and commits when a batch is full. */
enum gk_err gk_svc_import_next(struct gk_item_import *im, struct gk_error *err);
/* True for an error that ends the import rather than one row. */
bool gk_svc_import_fatal(enum gk_err rc);
/* Ends the import: with RC GK_OK, links the pending interpretations
 * (calling REPORT(line, reason, CTX) for each that cannot be), writes the
 * audit row naming SOURCE with BAD rows skipped, commits and refreshes the
 * planner's statistics; else rolls back the open batch. Frees what IM owns. */
enum gk_err gk_svc_import_end(struct gk_item_import *im, enum gk_err rc, const char *source,
			      long bad, void (*report)(long line, const char *reason, void *ctx),
			      void *ctx, struct gk_error *err);

#endif
