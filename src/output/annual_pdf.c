/* The yearly report as a PDF: annual_body.c's blocks set on A4 pages with cairo and pango. */
#include "output/annual_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output/annual_body.h"
#include "output/pdf_fonts.h"

#define MM(x) ((x)*72.0 / 25.4) /* millimetres in points */

/* A4 with the margins of an official document (GB/T 9704: 37 mm top,
 * 35 mm bottom, 28 mm left, 26 mm right: a 156 × 225 mm text block). */
#define PAGE_W  MM(210.0)
#define PAGE_H  MM(297.0)
#define LEFT    MM(28.0)
#define RIGHT   MM(26.0)
#define TOP     MM(37.0)
#define BOTTOM  MM(35.0)
#define TEXT_W  (PAGE_W - LEFT - RIGHT)
#define TEXT_Y1 (PAGE_H - BOTTOM)

/* Serif (宋体-like) for text, sans (黑体-like) for headings; fontconfig
 * falls back to any CJK font for what a family lacks. */
#define SERIF "Noto Serif CJK SC, Noto Serif CJK, WenQuanYi Micro Hei, Noto Sans CJK SC, serif"
#define SANS  "Noto Sans CJK SC, WenQuanYi Micro Hei, Noto Serif CJK SC, sans-serif"

#define TITLE_PT     20.0
#define HEADING_PT   14.0
#define BODY_PT      12.0
#define TABLE_PT     8.5
#define PAGE_NO_PT   10.5
#define LINE_SPACING 1.5  /* body text, as a factor of the font's line */
#define CELL_PAD     2.5  /* points inside a cell's rule */
#define CELL_MIN_H   18.0 /* a table row's least height */
#define RULE_W       0.6  /* a table's rules */

struct pdf {
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoFontMap *fontmap;
	PangoContext *context;
	PangoLayout *layout; /* reused for every piece of text */
	PangoLayout *folio;  /* the page numbers (drawn while the other is in use) */
	PangoFontDescription *title, *heading, *body, *cell, *cell_bold, *page_no;
	int page;             /* 1-based */
	double y;             /* where the next block starts on the page */
	bool blank;           /* nothing drawn on this page yet */
	struct gk_buf joined; /* the text being set, numbers joined to their units */
};

/* --- text ----------------------------------------------------------------------------- */

static double units(int v)
{
	return (double)v / PANGO_SCALE;
}

/* TEXT with a WORD JOINER (U+2060) after each number that a character
 * follows, so no line breaks between a number and its unit ("1" | "件"):
 * a reader (or pdftotext) sees the figure with its unit. The joiner is not
 * drawn. Into OUT (reset first); false if it does not fit. */
static bool keep_units(struct gk_buf *out, const char *text)
{
	gk_buf_reset(out);
	for (const char *c = text; *c; c++) {
		gk_buf_putc(out, *c);
		bool number = (*c >= '0' && *c <= '9') || *c == '%';
		if (number && (unsigned char)c[1] >= 0x80)
			gk_buf_puts(out, "\xe2\x81\xa0");
	}
	gk_buf_putc(out, '\0');
	return !out->failed;
}

/* Sets TEXT in the shared layout: WIDTH wide, wrapping at any character (a
 * Chinese line breaks between characters, never between a number and its
 * unit), FIRST_INDENT points on the first line. */
static PangoLayout *lay(struct pdf *p, const PangoFontDescription *font, const char *text,
			double width, PangoAlignment align, double first_indent, double spacing)
{
	PangoLayout *l = p->layout;
	if (keep_units(&p->joined, text))
		text = p->joined.data;
	pango_layout_set_font_description(l, font);
	pango_layout_set_width(l, pango_units_from_double(width));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align);
	pango_layout_set_indent(l, pango_units_from_double(first_indent));
	pango_layout_set_line_spacing(l, (float)spacing);
	pango_layout_set_text(l, text, -1);
	return l;
}

static double layout_height(PangoLayout *l)
{
	PangoRectangle logical;
	pango_layout_get_extents(l, NULL, &logical);
	return units(logical.height);
}

static void page_number(struct pdf *p)
{
	char text[32];
	snprintf(text, sizeof text, "— %d —", p->page);
	PangoLayout *l = p->folio;
	pango_layout_set_font_description(l, p->page_no);
	pango_layout_set_width(l, pango_units_from_double(TEXT_W));
	pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	pango_layout_set_text(l, text, -1);
	cairo_move_to(p->cr, LEFT, TEXT_Y1 + MM(10.0));
	pango_cairo_show_layout(p->cr, l);
}

static void new_page(struct pdf *p)
{
	page_number(p);
	cairo_show_page(p->cr);
	p->page++;
	p->y = TOP;
	p->blank = true;
}

/* Starts a new page unless HEIGHT fits below the current position. */
static void need(struct pdf *p, double height)
{
	if (!p->blank && p->y + height > TEXT_Y1)
		new_page(p);
}

/* Draws the layout set last from the current position, line by line,
 * continuing on a new page where a line does not fit. */
static void flow(struct pdf *p, PangoLayout *l, double x)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double shift = p->y, bottom = p->y;
	do {
		PangoRectangle r;
		pango_layout_iter_get_line_extents(it, NULL, &r);
		double top = units(r.y), low = units(r.y + r.height);
		if (shift + low > TEXT_Y1 && !p->blank) {
			new_page(p);
			shift = p->y - top;
		}
		cairo_move_to(p->cr, x + units(r.x),
			      shift + units(pango_layout_iter_get_baseline(it)));
		pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
		bottom = shift + low;
		p->blank = false;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	p->y = bottom;
}

static void outline(struct pdf *p, const char *text)
{
	char link[96];
	snprintf(link, sizeof link, "page=%d pos=[%.1f %.1f]", p->page, LEFT, p->y);
	cairo_pdf_surface_add_outline(p->surface, CAIRO_PDF_OUTLINE_ROOT, text, link, 0);
}

/* --- tables ----------------------------------------------------------------------------- */

struct table {
	const struct gk_grid *g;
	double x[GK_GRID_MAX_COLS + 1]; /* column edges */
	double *h;                      /* row heights */
};

static void cell_text(const struct gk_grid_cell *c, char *out, size_t size)
{
	switch (c->kind) {
	case GK_CELL_TEXT:
		snprintf(out, size, "%s", c->text);
		return;
	case GK_CELL_COUNT:
		snprintf(out, size, "%.0f", c->value);
		return;
	case GK_CELL_DELTA:
		snprintf(out, size, c->value > 0 ? "+%.0f" : "%.0f", c->value);
		return;
	case GK_CELL_AMOUNT:
		gk_grid_amount_text(c->value, out, size);
		return;
	case GK_CELL_BLANK:
		break;
	}
	snprintf(out, size, "%s", "");
}

/* Sets cell C in the layout, ready to draw or measure. */
static PangoLayout *lay_cell(struct pdf *p, const struct table *t, const struct gk_grid_cell *c)
{
	char text[1024];
	cell_text(c, text, sizeof text);
	double width = t->x[c->col + c->ncols] - t->x[c->col] - 2 * CELL_PAD;
	double indent = c->indent * TABLE_PT;
	PangoAlignment align = PANGO_ALIGN_LEFT;
	if (c->role == GK_ROLE_HEADER || c->role == GK_ROLE_UNIT)
		align = PANGO_ALIGN_CENTER;
	else if (c->role == GK_ROLE_VALUE)
		align = PANGO_ALIGN_RIGHT;
	PangoLayout *l = lay(p, c->role == GK_ROLE_HEADER ? p->cell_bold : p->cell, text,
			     width - indent, align, 0, 0);
	return l;
}

/* Row heights: each row as tall as its tallest one-row cell; a cell over
 * several rows that needs more gives the difference to its last row. */
static void measure(struct pdf *p, struct table *t)
{
	const struct gk_grid *g = t->g;
	for (int r = 0; r < g->nrows; r++)
		t->h[r] = CELL_MIN_H;
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < g->ncells; i++) {
			const struct gk_grid_cell *c = &g->cells[i];
			if ((c->nrows > 1) != (pass == 1))
				continue;
			double need = layout_height(lay_cell(p, t, c)) + 2 * CELL_PAD;
			double have = 0;
			for (int r = c->row; r < c->row + c->nrows; r++)
				have += t->h[r];
			if (need > have)
				t->h[c->row + c->nrows - 1] += need - have;
		}
}

/* A row of headers only (a block's header in Table 1) stays with the row after it. */
static bool header_row(const struct gk_grid *g, int row)
{
	bool any = false;
	for (int i = 0; i < g->ncells; i++) {
		const struct gk_grid_cell *c = &g->cells[i];
		if (c->row <= row && row < c->row + c->nrows) {
			if (c->role != GK_ROLE_HEADER)
				return false;
			any = true;
		}
	}
	return any;
}

/* Draws rows [R0, R1) at Y (the top of R0), each cell clipped to those
 * rows: a cell spanning a page break is drawn on both pages, its label
 * repeated. */
static double draw_rows(struct pdf *p, const struct table *t, int r0, int r1, double y)
{
	const struct gk_grid *g = t->g;
	double rows_y[GK_GRID_MAX_CELLS + 1];
	int n = r1 - r0;
	rows_y[0] = y;
	for (int k = 0; k < n && k < GK_GRID_MAX_CELLS; k++)
		rows_y[k + 1] = rows_y[k] + t->h[r0 + k];
	cairo_t *cr = p->cr;
	cairo_set_line_width(cr, RULE_W);
	for (int i = 0; i < g->ncells; i++) {
		const struct gk_grid_cell *c = &g->cells[i];
		int a = c->row > r0 ? c->row : r0;
		int b = c->row + c->nrows < r1 ? c->row + c->nrows : r1;
		if (a >= b)
			continue;
		double x0 = t->x[c->col], x1 = t->x[c->col + c->ncols];
		double y0 = rows_y[a - r0], y1 = rows_y[b - r0];
		cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
		cairo_stroke(cr);
		PangoLayout *l = lay_cell(p, t, c);
		double th = layout_height(l);
		double ty = y0 + (y1 - y0 - th) / 2;
		if (ty < y0 + CELL_PAD)
			ty = y0 + CELL_PAD;
		cairo_save(cr);
		cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
		cairo_clip(cr);
		cairo_move_to(cr, x0 + CELL_PAD + c->indent * TABLE_PT, ty);
		pango_cairo_show_layout(cr, l);
		cairo_restore(cr);
	}
	return rows_y[n];
}

/* Lays table G out in T (free t->h): column edges, row heights; the
 * height of the header and of the rows up to the first row of figures,
 * which must start on one page, through *LEAD. */
static enum gk_err prepare(struct pdf *p, const struct gk_grid *g, struct table *t, double *head,
			   double *lead)
{
	*t = (struct table){.g = g};
	t->h = calloc((size_t)g->nrows + 1, sizeof *t->h);
	if (!t->h)
		return GK_ENOMEM;
	double total = 0;
	for (int c = 0; c < g->ncols; c++)
		total += g->widths[c];
	t->x[0] = LEFT;
	for (int c = 0; c < g->ncols; c++)
		t->x[c + 1] = t->x[c] + TEXT_W * g->widths[c] / total;
	measure(p, t);
	*head = 0;
	for (int r = 0; r < g->nheader; r++)
		*head += t->h[r];
	*lead = *head;
	for (int r = g->nheader; r < g->nrows;) {
		*lead += t->h[r];
		if (!header_row(g, r++))
			break;
	}
	return GK_OK;
}

static enum gk_err draw_table(struct pdf *p, const struct gk_grid *g)
{
	struct table t;
	double head, lead;
	if (prepare(p, g, &t, &head, &lead))
		return GK_ENOMEM;
	need(p, lead);
	int r = g->nheader;
	while (r < g->nrows) {
		/* the rows that fit on this page below the header */
		double y = p->y + head;
		int end = r;
		while (end < g->nrows && (end == r || y + t.h[end] <= TEXT_Y1))
			y += t.h[end++];
		if (end < g->nrows && end > r + 1) {
			int keep = end;
			while (keep > r + 1 && header_row(g, keep - 1))
				keep--;
			end = keep;
		}
		double top = p->y;
		if (g->nheader)
			top = draw_rows(p, &t, 0, g->nheader, top);
		p->y = draw_rows(p, &t, r, end, top);
		p->blank = false;
		r = end;
		if (r < g->nrows)
			new_page(p);
	}
	free(t.h);
	return GK_OK;
}

/* --- the document ---------------------------------------------------------------------- */

static enum gk_err draw_block(struct pdf *p, const struct gk_body *body, const struct gk_block *b)
{
	PangoLayout *l;
	switch (b->kind) {
	case GK_BLOCK_TITLE: {
		/* on one line if it fits, else broken after the agency's name */
		char one[1024];
		size_t n = 0;
		for (const char *s = b->text; *s && n + 1 < sizeof one; s++)
			if (*s != '\n')
				one[n++] = *s;
		one[n] = '\0';
		l = lay(p, p->title, one, TEXT_W, PANGO_ALIGN_CENTER, 0, 1.3);
		if (pango_layout_get_line_count(l) > 1)
			l = lay(p, p->title, b->text, TEXT_W, PANGO_ALIGN_CENTER, 0, 1.3);
		flow(p, l, LEFT);
		p->y += MM(8.0);
		break;
	}
	case GK_BLOCK_HEADING: {
		/* with room for two lines of what follows, or a table's first rows */
		double next = 3 * BODY_PT * LINE_SPACING;
		if (b + 1 < body->blocks + body->nblocks && b[1].kind == GK_BLOCK_TABLE) {
			struct table t;
			double head;
			if (prepare(p, &body->grids[b[1].grid], &t, &head, &next))
				return GK_ENOMEM;
			free(t.h);
		}
		l = lay(p, p->heading, b->text, TEXT_W, PANGO_ALIGN_LEFT, 0, 1.3);
		need(p, MM(4.0) + layout_height(l) + MM(2.0) + next);
		if (!p->blank)
			p->y += MM(4.0);
		outline(p, b->text);
		flow(p, l, LEFT);
		p->y += MM(2.0);
		break;
	}
	case GK_BLOCK_PARAGRAPH:
		l = lay(p, p->body, b->text, TEXT_W, PANGO_ALIGN_LEFT, 2 * BODY_PT, LINE_SPACING);
		flow(p, l, LEFT);
		p->y += MM(1.5);
		break;
	case GK_BLOCK_TABLE: {
		enum gk_err rc = draw_table(p, &body->grids[b->grid]);
		p->y += MM(3.0);
		return rc;
	}
	}
	return GK_OK;
}

static PangoFontDescription *font(const char *family, double size, PangoWeight weight)
{
	PangoFontDescription *d = pango_font_description_from_string(family);
	pango_font_description_set_size(d, pango_units_from_double(size));
	pango_font_description_set_weight(d, weight);
	return d;
}

static void pdf_release(struct pdf *p)
{
	PangoFontDescription **fonts[] = {&p->title, &p->heading,   &p->body,
					  &p->cell,  &p->cell_bold, &p->page_no};
	for (size_t i = 0; i < sizeof fonts / sizeof fonts[0]; i++)
		if (*fonts[i])
			pango_font_description_free(*fonts[i]);
	if (p->layout)
		g_object_unref(p->layout);
	if (p->folio)
		g_object_unref(p->folio);
	if (p->context)
		g_object_unref(p->context);
	if (p->fontmap)
		g_object_unref(p->fontmap);
	if (p->cr)
		cairo_destroy(p->cr);
	if (p->surface)
		cairo_surface_destroy(p->surface);
	gk_buf_release(&p->joined);
}

/* Draws A on SURFACE (a PDF surface, owned from here on). */
static enum gk_err render(const struct gk_annual *a, cairo_surface_t *surface, const char *what,
			  struct gk_error *err)
{
	struct pdf p = {.surface = surface, .page = 1, .y = TOP, .blank = true};
	gk_buf_init(&p.joined, GK_BUF_DEFAULT_MAX);
	struct gk_body *body = calloc(1, sizeof *body);
	enum gk_err rc = body ? gk_body_build(body, a, err)
			      : gk_fail(err, GK_ENOMEM, "annual report pdf: out of memory");
	if (rc)
		goto out;

	char title[512];
	gk_annual_title(a, false, title, sizeof title);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, a->agency_name);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "gongkai");
	p.cr = cairo_create(surface);
	/* a font map of our own: no state shared between threads or documents */
	p.fontmap = pango_cairo_font_map_new();
	p.context = gk_pdf_context_new(p.fontmap);
	p.layout = pango_layout_new(p.context);
	p.folio = pango_layout_new(p.context);
	p.title = font(SERIF, TITLE_PT, PANGO_WEIGHT_BOLD);
	p.heading = font(SANS, HEADING_PT, PANGO_WEIGHT_BOLD);
	p.body = font(SERIF, BODY_PT, PANGO_WEIGHT_NORMAL);
	p.cell = font(SERIF, TABLE_PT, PANGO_WEIGHT_NORMAL);
	p.cell_bold = font(SERIF, TABLE_PT, PANGO_WEIGHT_BOLD);
	p.page_no = font(SERIF, PAGE_NO_PT, PANGO_WEIGHT_NORMAL);
	if (!gk_pdf_has_chinese(p.fontmap, p.context, p.body)) {
		rc = gk_fail(err, GK_EIO,
			     "annual report pdf: no installed font has Chinese characters "
			     "(install fonts-noto-cjk)");
		goto out;
	}
	cairo_set_source_rgb(p.cr, 0, 0, 0);
	for (int i = 0; i < body->nblocks && !rc; i++)
		rc = draw_block(&p, body, &body->blocks[i]);
	if (rc) {
		rc = gk_fail(err, rc, "annual report pdf: out of memory");
		goto out;
	}
	page_number(&p);
	cairo_show_page(p.cr);
	cairo_surface_finish(surface);
	cairo_status_t st = cairo_surface_status(surface);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_status(p.cr);
	if (st != CAIRO_STATUS_SUCCESS)
		rc = gk_fail(err, st == CAIRO_STATUS_NO_MEMORY ? GK_ENOMEM : GK_EIO,
			     "annual report pdf: cannot write %s: %s", what,
			     cairo_status_to_string(st));
out:
	if (body) {
		gk_body_release(body);
		free(body);
	}
	pdf_release(&p);
	return rc;
}

enum gk_err gk_annual_write_pdf(const struct gk_annual *a, const char *path, struct gk_error *err)
{
	cairo_surface_t *s = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_status_t st = cairo_surface_status(s);
		cairo_surface_destroy(s);
		return gk_fail(err, GK_EIO, "annual report pdf: cannot create '%s': %s", path,
			       cairo_status_to_string(st));
	}
	char what[4096];
	snprintf(what, sizeof what, "'%s'", path);
	enum gk_err rc = render(a, s, what, err);
	if (rc)
		unlink(path);
	return rc;
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int length)
{
	return gk_buf_add(closure, data, length) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

enum gk_err gk_annual_pdf(const struct gk_annual *a, struct gk_buf *out, struct gk_error *err)
{
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, out, PAGE_W, PAGE_H);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return gk_fail(err, GK_ENOMEM, "annual report pdf: out of memory");
	}
	return render(a, s, "to memory", err);
}
