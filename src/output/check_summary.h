/* The batch checker's summary: one row per report checked (file, agency,
 * year, format, errors, doubts), as an XLSX workbook or an HTML table.
 * Plain structs in, bytes out. */
#ifndef GK_OUTPUT_CHECK_SUMMARY_H
#define GK_OUTPUT_CHECK_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/buf.h"
#include "lib/error.h"

struct gk_check_summary_row {
	const char *file;
	const char *agency;  /* "" when the title does not say */
	int year;            /* 0 if unknown */
	const char *format;  /* "2021", "2019" or "narrative" */
	int errors, doubts;  /* findings by severity */
	const char *problem; /* why the file was not checked, or NULL */
};

/* The format column's words for people: 2021年格式 / 2019年格式 / 叙述式. */
const char *gk_check_summary_format_label(const char *format);

/* Appends the workbook for ROWS[0..N) to OUT. GK_EIO if it cannot be written
 * (a temporary file is used and removed), GK_ENOMEM, GK_ETOOBIG. */
enum gk_err gk_check_summary_xlsx(const struct gk_check_summary_row *rows, size_t n,
				  struct gk_buf *out, struct gk_error *err);

/* Appends the summary table to OUT, escaped; with LINKS each file's name
 * links to the anchor "#file-I" (I from 1) where its findings are shown. */
void gk_check_summary_table(const struct gk_check_summary_row *rows, size_t n, bool links,
			    struct gk_buf *out);

/* Appends a whole HTML document holding the table (for `check --out x.html`). */
void gk_check_summary_html(const struct gk_check_summary_row *rows, size_t n, struct gk_buf *out);

#endif
