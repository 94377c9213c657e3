/* The yearly report as plain text: a line per paragraph; tables laid out in
 * aligned columns (display width: a Chinese character takes two), labels to
 * the left, figures to the right, at least four spaces between cells — the
 * layout `pdftotext -layout` gives an official table, which `gongkai check`
 * reads back. */
#include <stdlib.h>
#include <string.h>

#include "core/report/render_internal.h"
#include "lib/utf8.h"

#define GAP 4

/* Columns S takes on a terminal: two for a wide character (CJK, full-width
 * forms, the Chinese quotation marks), one otherwise. */
static int display_width(const char *s)
{
	int w = 0;
	size_t len = s ? strlen(s) : 0;
	for (size_t i = 0; i < len;) {
		size_t n = 1;
		long cp = gk_utf8_decode((const unsigned char *)s + i, len - i, &n);
		if (n == 0)
			n = 1;
		w += cp >= 0x1100 || cp == 0x201C || cp == 0x201D ? 2 : 1;
		i += n;
	}
	return w;
}

static void spaces(struct gk_buf *out, int n)
{
	for (int i = 0; i < n; i++)
		gk_buf_putc(out, ' ');
}

/* The width of columns C .. C+SPAN-1 with the gaps between them. */
static int span_width(const int *w, int c, int span)
{
	int s = 0;
	for (int i = c; i < c + span; i++)
		s += w[i] + (i > c ? GAP : 0);
	return s;
}

static void table(struct gk_buf *out, const struct gk_annual *a, int format, int t)
{
	struct gk_rgrid *g = malloc(sizeof *g);
	if (!g) {
		out->failed = GK_ENOMEM;
		return;
	}
	gk_rgrid_build(g, a, format, t);
	/* widths: single cells first, then spans widen their last column */
	int w[GK_RGRID_COLS] = {0};
	for (int pass = 0; pass < 2; pass++)
		for (int r = 0; r < g->rows; r++)
			for (int c = 0; c < g->cols; c++) {
				const struct gk_rcell *x = &g->c[r][c];
				if (!x->rowspan || (pass == 0) != (x->colspan == 1))
					continue;
				int need = display_width(x->text);
				int have = span_width(w, c, x->colspan);
				if (need > have)
					w[c + x->colspan - 1] += need - have;
			}
	for (int r = 0; r < g->rows; r++) {
		struct gk_buf line;
		gk_buf_init(&line, 0);
		for (int c = 0; c < g->cols;) {
			const struct gk_rcell *x = &g->c[r][c];
			int span = x->rowspan ? x->colspan : 1;
			int width = span_width(w, c, span);
			if (c > 0)
				spaces(&line, GAP);
			int pad = width - (x->rowspan ? display_width(x->text) : 0);
			if (x->rowspan && (x->flags & GK_RCELL_NUM)) {
				/* right-aligned in the first column of its span, under its header
				 */
				int first = w[c] - display_width(x->text);
				if (first < 0)
					first = 0;
				spaces(&line, first);
				gk_buf_puts(&line, x->text);
				spaces(&line, pad - first);
			} else {
				if (x->rowspan && x->text)
					gk_buf_puts(&line, x->text);
				spaces(&line, pad);
			}
			c += span;
		}
		size_t n = line.len;
		while (n > 0 && line.data[n - 1] == ' ')
			n--;
		gk_buf_add(out, line.data, n);
		gk_buf_putc(out, '\n');
		if (line.failed)
			out->failed = line.failed;
		gk_buf_release(&line);
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
