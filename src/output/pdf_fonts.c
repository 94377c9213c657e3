/* The PDF writers' font set-up (see pdf_fonts.h). */
#include "output/pdf_fonts.h"

/* cairo 1.16 (Debian 12) loses about 770 bytes per OpenType/CFF font per
 * document when it subsets the font (Noto CJK is CFF; a TrueType font loses
 * nothing, so this code's own cairo objects are all released). In a build
 * with LeakSanitizer this tells it so, once for every program linking a
 * PDF writer (each calls gk_pdf_context_new, which brings this file in);
 * fontconfig keeps its configuration for the process. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libcairo.so\nleak:libfontconfig.so\n";
}

PangoContext *gk_pdf_context_new(PangoFontMap *fontmap)
{
	PangoContext *c = pango_font_map_create_context(fontmap);
	pango_cairo_context_set_resolution(c, 72.0); /* font sizes in points */
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(c, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(c, FALSE);
	pango_context_set_language(c, pango_language_from_string("zh-cn"));
	return c;
}

bool gk_pdf_has_chinese(PangoFontMap *fontmap, PangoContext *context,
			const PangoFontDescription *font)
{
	PangoFont *f = pango_font_map_load_font(fontmap, context, font);
	if (!f)
		return false;
	PangoCoverage *cov = pango_font_get_coverage(f, pango_language_from_string("zh-cn"));
	bool ok = cov && pango_coverage_get(cov, 0x516C /* 公 */) == PANGO_COVERAGE_EXACT;
	if (cov)
		g_object_unref(cov);
	g_object_unref(f);
	return ok;
}
