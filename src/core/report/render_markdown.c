/* The yearly report as Markdown: headings, paragraphs and pipe tables laid
 * out as `gongkai check` reads them (a row's labels at the left, its seven or
 * fifteen figures after, no empty cell among the figures). */
#include <stdlib.h>
#include <string.h>

#include "core/report/render_internal.h"

/* TEXT as a Markdown paragraph: a character that would start markup at the
 * beginning of the line is escaped; '|' never starts a table. */
static void para(struct gk_buf *out, const char *text)
{
	if (strchr("#>-+*|=`", *text) && *text)
		gk_buf_putc(out, '\\');
	for (const char *p = text; *p; p++) {
		if (*p == '|' || *p == '*' || *p == '_' || *p == '`' || *p == '[' || *p == ']' ||
		    *p == '<' || *p == '\\')
			gk_buf_putc(out, '\\');
		gk_buf_putc(out, *p);
	}
	gk_buf_puts(out, "\n\n");
}

static void rule(struct gk_buf *out, int n)
{
	gk_buf_puts(out, "|");
	for (int i = 0; i < n; i++)
		gk_buf_puts(out, "---|");
	gk_buf_putc(out, '\n');
}

/* One row: LABELS label cells (NULL or "" empty) then N cells. */
static void row(struct gk_buf *out, const char *const *cells, int n)
{
	gk_buf_puts(out, "|");
	for (int i = 0; i < n; i++) {
		gk_buf_putc(out, ' ');
		gk_buf_puts(out, cells[i] ? cells[i] : "");
		gk_buf_puts(out, " |");
	}
	gk_buf_putc(out, '\n');
}

/* Table 1: each 第二十条 block its own pipe table under the block's name. */
static void table1(struct gk_buf *out, const struct gk_rgrid *g)
{
	for (int r = 0; r < g->rows; r++) {
		const struct gk_rcell *x = &g->c[r][0];
		if (x->colspan == g->cols) { /* a block: its name, then its table */
			if (r > 0)
				gk_buf_putc(out, '\n');
			gk_buf_printf(out, "**%s**\n\n", x->text);
			continue;
		}
		const char *cells[GK_RGRID_COLS];
		int n = 0;
		for (int c = 0; c < g->cols; c++)
			if (g->c[r][c].rowspan)
				cells[n++] = g->c[r][c].text;
		row(out, cells, n);
		if (g->c[r][1].flags & GK_RCELL_HEAD)
			rule(out, n);
	}
}

/* Table 2: two label columns (the section's name on its first row, the
 * row's own label), then the seven applicant columns. */
static void table2(struct gk_buf *out, const struct gk_rgrid *g)
{
	const char *cells[2 + GK_T2_COLS];
	int n = 2 + GK_T2_COLS;
	for (int r = 0; r < g->rows; r++) {
		const char *labels[3];
		int nl = 0;
		for (int c = 0; c < 3; c++)
			if (g->c[r][c].rowspan)
				labels[nl++] = g->c[r][c].text;
		for (int i = 0; i < 2; i++)
			cells[i] = NULL;
		if (nl > 2) /* never: a row has at most two labels */
			nl = 2;
		for (int i = 0; i < nl; i++)
			cells[2 - nl + i] = labels[i];
		for (int c = 0; c < GK_T2_COLS; c++) {
			const struct gk_rcell *x = &g->c[r][3 + c];
			cells[2 + c] = x->rowspan ? x->text : NULL;
		}
		if (r == 0) { /* the note heads the label columns */
			cells[0] = labels[0];
			cells[1] = NULL;
		} else if (r < g->nhead) {
			cells[0] = cells[1] = NULL;
		}
		row(out, cells, n);
		if (r == 0)
			rule(out, n);
	}
}

/* Table 3: the three header rows and the row of fifteen figures. */
static void table3(struct gk_buf *out, const struct gk_rgrid *g)
{
	for (int r = 0; r < g->rows; r++) {
		const char *cells[GK_RGRID_COLS];
		for (int c = 0; c < g->cols; c++)
			cells[c] = g->c[r][c].rowspan ? g->c[r][c].text : NULL;
		row(out, cells, g->cols);
		if (r == 0)
			rule(out, g->cols);
	}
}

enum gk_err gk_render_markdown(const struct gk_rdoc *doc, struct gk_buf *out)
{
	for (size_t i = 0; i < doc->n; i++) {
		const struct gk_rblock *b = &doc->blocks[i];
		switch (b->kind) {
		case GK_RB_TITLE:
			gk_buf_printf(out, "# %s\n\n", b->text);
			break;
		case GK_RB_HEADING:
			gk_buf_printf(out, "## %s\n\n", b->text);
			break;
		case GK_RB_PARA:
			para(out, b->text);
			break;
		case GK_RB_TABLE: {
			struct gk_rgrid *g = malloc(sizeof *g);
			if (!g)
				return GK_ENOMEM;
			gk_rgrid_build(g, doc->a, doc->format, b->table);
			if (b->table == 1)
				table1(out, g);
			else if (b->table == 2)
				table2(out, g);
			else
				table3(out, g);
			free(g);
			gk_buf_putc(out, '\n');
			break;
		}
		case GK_RB_CHARTS:
			break;
		}
	}
	return out->failed ? (enum gk_err)out->failed : GK_OK;
}
