/* The yearly report as plain text: a line per paragraph, table rows with their
 * cells four spaces apart (the layout `gongkai check` reads back). */
#include <stdlib.h>
#include <string.h>

#include "core/report/render_internal.h"

static void table(struct gk_buf *out, const struct gk_annual *a, int format, int t)
{
	struct gk_rgrid *g = malloc(sizeof *g);
	if (!g) {
		out->failed = GK_ENOMEM;
		return;
	}
	gk_rgrid_build(g, a, format, t);
	for (int r = 0; r < g->rows; r++) {
		bool first = true;
		for (int c = 0; c < g->cols; c++) {
			const struct gk_rcell *x = &g->c[r][c];
			if (!x->rowspan)
				continue; /* covered by another cell's span */
			if (!first)
				gk_buf_puts(out, "    ");
			gk_buf_puts(out, x->text ? x->text : "");
			first = false;
		}
		gk_buf_putc(out, '\n');
	}
	free(g);
}

enum gk_err gk_render_text(const struct gk_rdoc *doc, struct gk_buf *out)
{
	for (size_t i = 0; i < doc->n; i++) {
		const struct gk_rblock *b = &doc->blocks[i];
		switch (b->kind) {
		case GK_RB_TITLE:
		case GK_RB_HEADING:
		case GK_RB_PARA:
			gk_buf_puts(out, b->text);
			gk_buf_puts(out, "\n\n");
			break;
		case GK_RB_TABLE:
			table(out, doc->a, doc->format, b->table);
			gk_buf_putc(out, '\n');
			break;
		case GK_RB_CHARTS:
			break;
		}
	}
	return out->failed ? (enum gk_err)out->failed : GK_OK;
}
