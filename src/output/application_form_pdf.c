/* The application form as a PDF: the model's rows as a ruled table on A4
 * with cairo and pango, as annual_pdf.c sets the yearly report (the same
 * fonts, embedded as a subset). A row taller than what is left of a page
 * continues on the next at a line break: nothing typed is cut. */
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output/application_form.h"
#include "output/pdf_fonts.h"

#define MM(x) ((x)*72.0 / 25.4)

#define PAGE_W  MM(210.0)
#define PAGE_H  MM(297.0)
#define LEFT    MM(20.0)
#define RIGHT   MM(20.0)
#define TOP     MM(15.0)
#define BOTTOM  MM(17.0)
#define TEXT_W  (PAGE_W - LEFT - RIGHT)
#define TEXT_Y1 (PAGE_H - BOTTOM)

#define GROUP_W MM(10.0)
#define LABEL_W MM(34.0)
#define VALUE_W (TEXT_W - GROUP_W - LABEL_W)

#define SERIF "Noto Serif CJK SC, Noto Serif CJK, WenQuanYi Micro Hei, Noto Sans CJK SC, serif"

#define TITLE_PT  18.0
#define SUB_PT    13.0
#define CELL_PT   10.5
#define NOTE_PT   9.0
#define PAD       4.0  /* inside a cell's rules */
#define ROW_MIN   22.0 /* a row's least height */
#define HAND_LINE 18.0 /* a line of room for handwriting */
#define RULE_W    0.7
#define BOX       8.5 /* a box to tick */

struct pdf {
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoFontMap *fontmap;
	PangoContext *context;
	PangoLayout *layout;
	PangoFontDescription *title, *sub, *cell, *bold, *note;
	int page;
	double y;
	/* the group cell being drawn on this page */
	const char *group;
	double group_top;
};

static double units(int v)
{
	return (double)v / PANGO_SCALE;
}

static PangoLayout *lay(struct pdf *p, const PangoFontDescription *font, const char *text,
			double width, PangoAlignment align)
{
	PangoLayout *l = p->layout;
	pango_layout_set_font_description(l, font);
	pango_layout_set_width(l, pango_units_from_double(width));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, text, -1);
	return l;
}

static double height_of(PangoLayout *l)
{
	PangoRectangle logical;
	pango_layout_get_extents(l, NULL, &logical);
	return units(logical.height);
}

static double width_of(PangoLayout *l)
{
	PangoRectangle logical;
	pango_layout_get_extents(l, NULL, &logical);
	return units(logical.width);
}

static void page_number(struct pdf *p)
{
	char text[32];
	snprintf(text, sizeof text, "— %d —", p->page);
	PangoLayout *l = lay(p, p->note, text, TEXT_W, PANGO_ALIGN_CENTER);
	cairo_move_to(p->cr, LEFT, TEXT_Y1 + MM(8.0));
	pango_cairo_show_layout(p->cr, l);
}

/* --- the group column ------------------------------------------------------------ */

/* The height the group's name needs, a character a line. */
static double group_height(struct pdf *p, const char *group)
{
	return height_of(lay(p, p->bold, group, GROUP_W - 2 * PAD, PANGO_ALIGN_CENTER)) + 2 * PAD;
}

/* Draws the group cell from group_top to the current position. */
static void close_group(struct pdf *p)
{
	if (!p->group || p->y <= p->group_top) {
		p->group = NULL;
		return;
	}
	cairo_t *cr = p->cr;
	double h = p->y - p->group_top;
	cairo_rectangle(cr, LEFT, p->group_top, GROUP_W, h);
	cairo_stroke(cr);
	PangoLayout *l = lay(p, p->bold, p->group, GROUP_W - 2 * PAD, PANGO_ALIGN_CENTER);
	double th = height_of(l);
	cairo_save(cr);
	cairo_rectangle(cr, LEFT, p->group_top, GROUP_W, h);
	cairo_clip(cr);
	double ty = p->group_top + (h - th) / 2;
	cairo_move_to(cr, LEFT + PAD, ty > p->group_top + PAD ? ty : p->group_top + PAD);
	pango_cairo_show_layout(cr, l);
	cairo_restore(cr);
	p->group = NULL;
}

static void new_page(struct pdf *p)
{
	const char *group = p->group;
	close_group(p);
	page_number(p);
	cairo_show_page(p->cr);
	p->page++;
	p->y = TOP;
	/* the group goes on, its name repeated */
	p->group = group;
	p->group_top = p->y;
}

/* --- the boxes to tick --------------------------------------------------------------- */

/* Sets R's choices in WIDTH from (X, Y): each a box and its label, wrapping
 * between choices (a label wider than the cell wraps inside itself).
 * Draws when DRAW; returns the height. */
static double choices(struct pdf *p, const struct gk_appform_row *r, double x, double y,
		      double width, bool draw)
{
	cairo_t *cr = p->cr;
	double cx = 0, line_h = 0, top = 0;
	for (int i = 0; i < r->nchoices; i++) {
		PangoLayout *l =
			lay(p, p->cell, r->choices[i].label, width - BOX - 3, PANGO_ALIGN_LEFT);
		double w = BOX + 3 + width_of(l), h = height_of(l);
		if (cx > 0 && cx + w > width) {
			top += line_h + 3;
			cx = 0;
			line_h = 0;
		}
		if (draw) {
			double by = y + top + (CELL_PT * 1.35 - BOX) / 2;
			cairo_rectangle(cr, x + cx, by, BOX, BOX);
			cairo_stroke(cr);
			if (r->choices[i].checked) {
				cairo_save(cr);
				cairo_set_line_width(cr, 1.2);
				cairo_move_to(cr, x + cx + 1.6, by + BOX * 0.5);
				cairo_line_to(cr, x + cx + BOX * 0.42, by + BOX - 1.6);
				cairo_line_to(cr, x + cx + BOX - 1.2, by + 1.4);
				cairo_stroke(cr);
				cairo_restore(cr);
			}
			cairo_move_to(cr, x + cx + BOX + 3, y + top);
			pango_cairo_show_layout(cr, l);
		}
		cx += w + 12;
		if (h > line_h)
			line_h = h;
	}
	return top + line_h;
}

/* --- rows -------------------------------------------------------------------------------- */

static double label_x(const struct gk_appform_row *r)
{
	return r->group ? LEFT + GROUP_W : LEFT;
}

static double label_w(const struct gk_appform_row *r)
{
	return r->group ? LABEL_W : GROUP_W + LABEL_W;
}

/* The height row R needs, whole. */
static double row_height(struct pdf *p, const struct gk_appform_row *r)
{
	double h = height_of(lay(p, p->cell, r->label, label_w(r) - 2 * PAD, PANGO_ALIGN_CENTER));
	double v;
	if (r->nchoices)
		v = choices(p, r, 0, 0, VALUE_W - 2 * PAD, false);
	else if (*r->value)
		v = height_of(lay(p, p->cell, r->value, VALUE_W - 2 * PAD, PANGO_ALIGN_LEFT));
	else
		v = r->lines > 1 ? r->lines * HAND_LINE - 2 * PAD : 0;
	if (v > h)
		h = v;
	h += 2 * PAD;
	return h < ROW_MIN ? ROW_MIN : h;
}

/* Draws the label and value cells of R from the current position, H high;
 * the value's text from FROM points down its layout to TO (a fragment of
 * a row continued across pages; TO < 0: all of it). */
static void draw_row(struct pdf *p, const struct gk_appform_row *r, double h, double from,
		     double to, bool continued)
{
	cairo_t *cr = p->cr;
	double y = p->y, lx = label_x(r), lw = label_w(r), vx = LEFT + GROUP_W + LABEL_W;
	cairo_rectangle(cr, lx, y, lw, h);
	cairo_rectangle(cr, vx, y, VALUE_W, h);
	cairo_stroke(cr);
	char label[256];
	snprintf(label, sizeof label, "%s%s", r->label, continued ? "（续）" : "");
	PangoLayout *l = lay(p, p->cell, label, lw - 2 * PAD, PANGO_ALIGN_CENTER);
	double th = height_of(l);
	cairo_move_to(cr, lx + PAD, y + (h - th) / 2);
	pango_cairo_show_layout(cr, l);
	if (r->nchoices) {
		double ch = choices(p, r, 0, 0, VALUE_W - 2 * PAD, false);
		choices(p, r, vx + PAD, y + (h - ch) / 2, VALUE_W - 2 * PAD, true);
	} else if (*r->value) {
		l = lay(p, p->cell, r->value, VALUE_W - 2 * PAD, PANGO_ALIGN_LEFT);
		double vh = (to < 0 ? height_of(l) : to) - from;
		double ty = to < 0 && vh + 2 * PAD < h ? y + (h - vh) / 2 : y + PAD;
		cairo_save(cr);
		cairo_rectangle(cr, vx, ty, VALUE_W, vh + 0.5);
		cairo_clip(cr);
		cairo_move_to(cr, vx + PAD, ty - from);
		pango_cairo_show_layout(cr, l);
		cairo_restore(cr);
	}
	p->y += h;
}

/* The lowest line end of the value's layout at most LIMIT points down from
 * FROM (a line boundary), or FROM when not even one line fits. */
static double lines_fitting(struct pdf *p, const struct gk_appform_row *r, double from,
			    double limit)
{
	PangoLayout *l = lay(p, p->cell, r->value, VALUE_W - 2 * PAD, PANGO_ALIGN_LEFT);
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double end = from;
	do {
		PangoRectangle lr;
		pango_layout_iter_get_line_extents(it, NULL, &lr);
		double top = units(lr.y), low = units(lr.y + lr.height);
		if (top < from - 0.01)
			continue;
		if (low - from > limit)
			break;
		end = low;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	return end;
}

static void start_group(struct pdf *p, const char *group)
{
	if (p->group && group && strcmp(p->group, group) == 0)
		return;
	close_group(p);
	p->group = group;
	p->group_top = p->y;
}

/* Draws row R of height H: on this page if it fits, else on the next; a
 * typed value taller than the room left is split at a line break. */
static void place_row(struct pdf *p, const struct gk_appform_row *r, double h)
{
	if (p->y + h <= TEXT_Y1) {
		start_group(p, r->group);
		draw_row(p, r, h, 0, -1, false);
		return;
	}
	if (r->nchoices || !*r->value || h <= TEXT_Y1 - TOP) {
		new_page(p);
		start_group(p, r->group);
		draw_row(p, r, h, 0, -1, false);
		return;
	}
	double total = height_of(lay(p, p->cell, r->value, VALUE_W - 2 * PAD, PANGO_ALIGN_LEFT));
	double from = 0;
	bool continued = false;
	while (from < total - 0.01) {
		start_group(p, r->group);
		double end = lines_fitting(p, r, from, TEXT_Y1 - p->y - 2 * PAD);
		if (end <= from) {
			if (p->y <= TOP + 0.01) /* one line taller than a page: never */
				end = total;
			else {
				new_page(p);
				continue;
			}
		}
		double fh = end - from + 2 * PAD;
		draw_row(p, r, fh < ROW_MIN ? ROW_MIN : fh, from, end, continued);
		from = end;
		continued = true;
		if (from < total - 0.01)
			new_page(p);
	}
}

/* --- the document --------------------------------------------------------------------------- */

static void paragraph(struct pdf *p, const PangoFontDescription *font, const char *text,
		      PangoAlignment align, double after)
{
	PangoLayout *l = lay(p, font, text, TEXT_W, align);
	double h = height_of(l);
	if (p->y + h > TEXT_Y1)
		new_page(p);
	cairo_move_to(p->cr, LEFT, p->y);
	pango_cairo_show_layout(p->cr, l);
	p->y += h + after;
}

static void draw(struct pdf *p, const struct gk_appform_doc *d)
{
	paragraph(p, p->title, d->title, PANGO_ALIGN_CENTER, 2.0);
	paragraph(p, p->sub, d->subtitle, PANGO_ALIGN_CENTER, MM(5.0));
	cairo_set_line_width(p->cr, RULE_W);
	double h[GK_APPFORM_MAX_ROWS];
	for (int i = 0; i < d->nrows; i++)
		h[i] = row_height(p, &d->rows[i]);
	/* a group's name, a character a line, may need more than its rows */
	for (int i = 0; i < d->nrows;) {
		const char *g = d->rows[i].group;
		int j = i + 1;
		double sum = h[i];
		while (g && j < d->nrows && d->rows[j].group && strcmp(d->rows[j].group, g) == 0)
			sum += h[j++];
		double need = g ? group_height(p, g) : 0;
		if (need > sum)
			h[j - 1] += need - sum;
		i = j;
	}
	for (int i = 0; i < d->nrows; i++)
		place_row(p, &d->rows[i], h[i]);
	close_group(p);
	p->y += MM(4.0);
	paragraph(p, p->bold, d->notes_title, PANGO_ALIGN_LEFT, 2.0);
	for (int i = 0; i < d->nnotes; i++) {
		char note[1024];
		snprintf(note, sizeof note, "%d. %s", i + 1, d->notes[i]);
		paragraph(p, p->note, note, PANGO_ALIGN_LEFT, 1.5);
	}
}

static PangoFontDescription *font(double size, PangoWeight weight)
{
	PangoFontDescription *d = pango_font_description_from_string(SERIF);
	pango_font_description_set_size(d, pango_units_from_double(size));
	pango_font_description_set_weight(d, weight);
	return d;
}

static void release(struct pdf *p)
{
	PangoFontDescription **fonts[] = {&p->title, &p->sub, &p->cell, &p->bold, &p->note};
	for (size_t i = 0; i < sizeof fonts / sizeof fonts[0]; i++)
		if (*fonts[i])
			pango_font_description_free(*fonts[i]);
	if (p->layout)
		g_object_unref(p->layout);
	if (p->context)
		g_object_unref(p->context);
	if (p->fontmap)
		g_object_unref(p->fontmap);
	if (p->cr)
		cairo_destroy(p->cr);
	if (p->surface)
		cairo_surface_destroy(p->surface);
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int length)
{
	return gk_buf_add(closure, data, length) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

enum gk_err gk_appform_pdf(const struct gk_application_form *f, struct gk_buf *out,
			   struct gk_error *err)
{
	struct gk_appform_doc *d = malloc(sizeof *d);
	if (!d)
		return gk_fail(err, GK_ENOMEM, "application form pdf: out of memory");
	gk_appform_build(f, d);
	struct pdf p = {.page = 1, .y = TOP};
	enum gk_err rc = GK_OK;
	p.surface = cairo_pdf_surface_create_for_stream(to_buf, out, PAGE_W, PAGE_H);
	if (cairo_surface_status(p.surface) != CAIRO_STATUS_SUCCESS) {
		rc = gk_fail(err, GK_ENOMEM, "application form pdf: out of memory");
		goto out;
	}
	char title[sizeof d->title + sizeof d->subtitle];
	snprintf(title, sizeof title, "%s%s", d->title, d->subtitle);
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATOR, "gongkai");
	p.cr = cairo_create(p.surface);
	/* a font map of our own: no state shared between threads (annual_pdf.c) */
	p.fontmap = pango_cairo_font_map_new();
	p.context = gk_pdf_context_new(p.fontmap);
	p.layout = pango_layout_new(p.context);
	p.title = font(TITLE_PT, PANGO_WEIGHT_BOLD);
	p.sub = font(SUB_PT, PANGO_WEIGHT_NORMAL);
	p.cell = font(CELL_PT, PANGO_WEIGHT_NORMAL);
	p.bold = font(CELL_PT, PANGO_WEIGHT_BOLD);
	p.note = font(NOTE_PT, PANGO_WEIGHT_NORMAL);
	if (!gk_pdf_has_chinese(p.fontmap, p.context, p.cell)) {
		rc = gk_fail(err, GK_EIO,
			     "application form pdf: no installed font has Chinese characters "
			     "(install fonts-noto-cjk)");
		goto out;
	}
	cairo_set_source_rgb(p.cr, 0, 0, 0);
	draw(&p, d);
	page_number(&p);
	cairo_show_page(p.cr);
	cairo_surface_finish(p.surface);
	cairo_status_t st = cairo_surface_status(p.surface);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_status(p.cr);
	if (st != CAIRO_STATUS_SUCCESS)
		rc = gk_fail(err, st == CAIRO_STATUS_NO_MEMORY ? GK_ENOMEM : GK_EIO,
			     "application form pdf: %s", cairo_status_to_string(st));
out:
	release(&p);
	free(d);
	return rc;
}
