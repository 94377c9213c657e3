/* The yearly report's tables as grids of cells with their merges, laid out
 * like the official tables (RULES §3): built once from a struct gk_annual,
 * drawn by annual_xlsx.c (a sheet per grid) and annual_pdf.c (ruled tables),
 * so both documents have the same rows, columns and merged headers. */
#ifndef GK_OUTPUT_ANNUAL_GRID_H
#define GK_OUTPUT_ANNUAL_GRID_H

#include <stdbool.h>
#include <stddef.h>

#include "core/report/annual.h"

/* What a cell holds. */
enum gk_cell_kind {
	GK_CELL_TEXT,   /* a label */
	GK_CELL_COUNT,  /* a whole number */
	GK_CELL_AMOUNT, /* an amount in 万元 */
	GK_CELL_DELTA,  /* a signed change (2019 本年增/减) */
	GK_CELL_BLANK,  /* a figure nobody entered: left empty */
};

/* How it is drawn. */
enum gk_cell_role {
	GK_ROLE_HEADER, /* a column or block header: bold, centred */
	GK_ROLE_LABEL,  /* a row label: left, wraps inside its column */
	GK_ROLE_VALUE,  /* a number: right */
	GK_ROLE_UNIT,   /* a unit (条, 件): plain, centred */
};

struct gk_grid_cell {
	int row, col;     /* top-left, 0-based */
	int nrows, ncols; /* its span (1, 1 for a plain cell) */
	enum gk_cell_kind kind;
	enum gk_cell_role role;
	int indent;       /* a label's nesting level (the 统计表's rows) */
	const char *text; /* GK_CELL_TEXT: static or in the grid's text store */
	double value;     /* the others */
};

#define GK_GRID_MAX_CELLS 400
#define GK_GRID_MAX_COLS  16
#define GK_GRID_TEXT_MAX  8192

struct gk_grid {
	const char *sheet; /* the XLSX sheet name: "表二 收到和处理政府信息公开申请情况" */
	const char *heading; /* the report's section heading above it in the PDF */
	int nrows, ncols;
	int nheader;                     /* the top rows repeated on each page */
	double widths[GK_GRID_MAX_COLS]; /* column widths in characters of the PDF's
					    table font; the PDF scales them to its
					    text width, the XLSX widens them */
	int ncells;
	struct gk_grid_cell cells[GK_GRID_MAX_CELLS];
	size_t textlen;
	char text[GK_GRID_TEXT_MAX]; /* the labels composed for this grid */
};

/* The tables of A's style, in report order: Tables 1–3 for the 2019 and
 * 2021 formats, the pre-2019 统计表 (RULES §3.E) for the narrative style.
 * Fills GRIDS[0..max) and returns how many (at most 3). */
int gk_annual_grids(const struct gk_annual *a, struct gk_grid *grids, int max);

/* The cell whose top-left corner is ROW, COL; NULL if none starts there. */
const struct gk_grid_cell *gk_grid_cell_at(const struct gk_grid *g, int row, int col);

/* AMOUNT (万元) as the documents print it: at least 2 and at most 4
 * decimals ("12.50", "0.0380"). Writes into OUT (NUL-terminated). */
void gk_grid_amount_text(double amount, char *out, size_t size);
/* The Excel number format of the same rule. */
#define GK_GRID_AMOUNT_FORMAT "0.00##"
#define GK_GRID_DELTA_FORMAT  "+0;-0;0"

/* --- the report's words that tables.h does not hold ------------------------------------- */

/* The document's title: "{agency}{year}年政府信息公开工作年度报告" into OUT;
 * with BREAK, a line break after the agency (for a title too long for one line). */
void gk_annual_title(const struct gk_annual *a, bool brk, char *out, size_t size);

#endif
