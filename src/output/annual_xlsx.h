/* The yearly report as an XLSX workbook (libxlsxwriter): a sheet per table
 * laid out like the official tables (merged headers, borders, numbers as
 * numbers, amounts with their format), then a sheet 说明 saying whose report
 * it is and where its figures come from. docs/annual-report-documents.md
 * describes the layout. */
#ifndef GK_OUTPUT_ANNUAL_XLSX_H
#define GK_OUTPUT_ANNUAL_XLSX_H

#include "core/report/annual.h"
#include "lib/buf.h"
#include "lib/error.h"

/* Writes A (totals set) to PATH, replacing it. GK_OK, or GK_EIO naming the
 * file. */
enum gk_err gk_annual_write_xlsx(const struct gk_annual *a, const char *path, struct gk_error *err);

/* The same workbook appended to OUT (libxlsxwriter writes files only: it
 * goes through a temporary file in $TMPDIR or /tmp, removed before return).
 * GK_OK, GK_EIO or GK_ENOMEM. */
enum gk_err gk_annual_xlsx(const struct gk_annual *a, struct gk_buf *out, struct gk_error *err);

#endif
