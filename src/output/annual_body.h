/* The yearly report as a sequence of blocks — title, headings, paragraphs,
 * tables — in the order of A's style (RULES §3.A for 2019 and 2021; the
 * narrative's nine parts and the 统计表 for the narrative style). The PDF
 * draws these blocks. The narrative style's headings and paragraphs are
 * those every format prints (gk_annual_prose); the 2019 and 2021 formats'
 * paragraphs are the staff's sections and short sentences generated from
 * the figures (annual_body.c). */
#ifndef GK_OUTPUT_ANNUAL_BODY_H
#define GK_OUTPUT_ANNUAL_BODY_H

#include "core/report/annual.h"
#include "lib/error.h"
#include "output/annual_grid.h"

enum gk_block_kind {
	GK_BLOCK_TITLE,     /* the document's title, '\n' where it may break */
	GK_BLOCK_HEADING,   /* a section heading: "一、总体情况" */
	GK_BLOCK_PARAGRAPH, /* body text, first line indented */
	GK_BLOCK_TABLE,     /* grids[grid] */
};

struct gk_block {
	enum gk_block_kind kind;
	char *text; /* owned; NULL for a table */
	int grid;
};

#define GK_BODY_MAX_GRIDS 3

struct gk_body {
	int nblocks, cap;
	struct gk_block *blocks; /* owned */
	int ngrids;
	struct gk_grid grids[GK_BODY_MAX_GRIDS];
};

/* Builds the blocks of A into BODY (allocate it: it is large). GK_OK or
 * GK_ENOMEM; gk_body_release frees what was made either way. */
enum gk_err gk_body_build(struct gk_body *body, const struct gk_annual *a, struct gk_error *err);
void gk_body_release(struct gk_body *body);

/* The sentence section 六 states about information-processing fees
 * (国办函〔2020〕109号), or the narrative style's 收费 part, into OUT. */
enum gk_err gk_body_fee_sentence(const struct gk_annual *a, struct gk_buf *out);

#endif
