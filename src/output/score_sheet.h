/* The assessment's scoring sheet (政务公开考核评分表) as an XLSX workbook:
 * one sheet of agencies with their figures, sub-scores and score, one of
 * the criteria with their weights and rules. Plain structs in, bytes out. */
#ifndef GK_OUTPUT_SCORE_SHEET_H
#define GK_OUTPUT_SCORE_SHEET_H

#include <stddef.h>

#include "core/agency.h"
#include "core/scoring.h"
#include "lib/buf.h"
#include "lib/error.h"

struct gk_score_sheet_row {
	const char *code, *name;
	enum gk_agency_kind kind;
	int depth;      /* indents the name */
	long deadline;  /* day number */
	long published; /* day number, GK_NO_DAY if not published */
	struct gk_assessment fig;
	struct gk_score score;
};

struct gk_score_sheet {
	int year;
	const int *weights; /* GK_CRIT_COUNT of them */
	const struct gk_score_sheet_row *rows;
	size_t count;
};

/* Appends the workbook for SHEET to OUT. GK_EIO if it cannot be written
 * (a temporary file is used and removed), GK_ENOMEM, GK_ETOOBIG if OUT's
 * limit is too small. */
enum gk_err gk_score_sheet_xlsx(const struct gk_score_sheet *sheet, struct gk_buf *out,
				struct gk_error *err);

#endif
