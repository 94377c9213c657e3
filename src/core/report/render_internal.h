/* The yearly report as a document, shared by the four renderers (render_text.c,
 * render_markdown.c, render_json.c, render_html.c).
 *
 * Private to core/report/. render.c builds, from a struct gk_annual, the
 * report's blocks in order (title, headings, paragraphs of generated or
 * staff-written sentences, the official tables as grids with their spans,
 * the place of the charts); each format then only lays the blocks out, so
 * every format says the same thing in the same words. */
#ifndef GK_CORE_REPORT_RENDER_INTERNAL_H
#define GK_CORE_REPORT_RENDER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/report/annual.h"
#include "lib/buf.h"

enum gk_rblock_kind {
	GK_RB_TITLE,   /* the report's title */
	GK_RB_HEADING, /* a numbered section: "一、总体情况" */
	GK_RB_PARA,    /* a paragraph */
	GK_RB_TABLE,   /* an official table (table: 1, 2 or 3) */
	GK_RB_CHARTS,  /* where the HTML format puts its charts */
};

struct gk_rblock {
	enum gk_rblock_kind kind;
	char *text; /* owned; NULL for tables and charts */
	int table;  /* GK_RB_TABLE: 1, 2 or 3 */
};

/* The report as blocks; figures stay in a. */
struct gk_rdoc {
	const struct gk_annual *a;
	int format; /* the official tables' format: 2019 or 2021; 0 for the narrative style */
	struct gk_rblock *blocks;
	size_t n, cap;
	bool oom;
};

/* Builds the blocks of A in A's style. GK_OK or GK_ENOMEM (DOC then holds
 * what was built; free it either way). */
enum gk_err gk_rdoc_build(struct gk_rdoc *doc, const struct gk_annual *a);
void gk_rdoc_free(struct gk_rdoc *doc);

/* --- the official tables as grids ------------------------------------------------------ */

#define GK_RGRID_ROWS 32
#define GK_RGRID_COLS 16

enum {
	GK_RCELL_HEAD = 1u,    /* a header or label cell */
	GK_RCELL_NUM = 2u,     /* a figure */
	GK_RCELL_COVERED = 4u, /* inside another cell's span: not printed */
	GK_RCELL_NOTE = 8u,    /* Table 2's 勾稽关系 note */
};

struct gk_rcell {
	const char *text; /* static label or num below; NULL for an empty cell */
	char num[32];
	int rowspan, colspan;
	unsigned flags;
};

/* One table: rows × cols cells, header rows first (nhead of them). */
struct gk_rgrid {
	int rows, cols, nhead;
	struct gk_rcell c[GK_RGRID_ROWS][GK_RGRID_COLS];
};

/* Lays Table TABLE (1, 2 or 3) of A out as the official format FORMAT (2019
 * or 2021) does: blocks, header rows, spans. */
void gk_rgrid_build(struct gk_rgrid *g, const struct gk_annual *a, int format, int table);

/* --- numbers --------------------------------------------------------------------------- */

/* PART of WHOLE as a percentage with two decimals, half away from zero:
 * "34.62". WHOLE must be positive. */
void gk_render_share(char out[32], int64_t part, int64_t whole);
/* A Table 1 cell as printed: counts whole, amounts with up to four
 * decimals ("35.6"), signed changes with their sign ("+3", "-2", "0"). */
void gk_render_t1_value(char out[32], double v, enum gk_t1_kind kind);
/* An amount in 分 as 元: "400" or "380.50". */
void gk_render_yuan(char out[32], int64_t fen);

/* The title: "{agency}{year}年政府信息公开工作年度报告". */
void gk_render_title(struct gk_buf *b, const struct gk_annual *a);

/* --- the formats ----------------------------------------------------------------------- */

enum gk_err gk_render_text(const struct gk_rdoc *doc, struct gk_buf *out);
enum gk_err gk_render_markdown(const struct gk_rdoc *doc, struct gk_buf *out);
enum gk_err gk_render_json(const struct gk_rdoc *doc, struct gk_buf *out);
enum gk_err gk_render_html(const struct gk_rdoc *doc, const struct gk_annual_history *history,
			   struct gk_buf *out);

#endif
