/* Workbooks in memory. libxlsxwriter writes only to a file, so a workbook
 * meant for a response is made in a temporary file ($TMPDIR or /tmp), read
 * back and removed: one place for that, whatever the workbook holds. */
#ifndef GK_OUTPUT_WORKBOOK_H
#define GK_OUTPUT_WORKBOOK_H

#include "lib/buf.h"
#include "lib/error.h"

/* Calls WRITE to make the workbook at a temporary PATH (it reports its own
 * failures in ERR), then appends the file's bytes to OUT and removes it. */
enum gk_err gk_workbook_in_memory(enum gk_err (*write)(const char *path, void *ctx,
						       struct gk_error *err),
				  void *ctx, struct gk_buf *out, struct gk_error *err);

#endif
