/* fonts.c: font choices for handouts, the per-thread Pango font map,
 * the missing-glyph check and a workaround for a Cairo 1.16 subsetting bug.
 * Owns one font map per thread (freed at thread exit) and one fontconfig
 * rule added to the process's configuration once; borrows everything else.
 */
#include "pdf/pdf_internal.h"

#include "kitgen/locale/locale.h"

#include <fontconfig/fontconfig.h>
#include <pthread.h>
#include <string.h>

/* Debian's Noto Nastaliq Urdu files both claim weight 80 (regular), so a
 * plain "Noto Nastaliq Urdu" request can get the Bold file. Fontconfig
 * compares style before weight, so naming the style picks the right file;
 * Pango cannot say "style" itself, hence this rule. It goes into the current
 * configuration once, before any font map exists. (If fontconfig later
 * reloads its configuration because font folders changed on disk, the rule
 * is lost until the next process.) */
static const char nastaliq_rule[] =
    "<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM \"fonts.dtd\"><fontconfig>"
    "<match target=\"pattern\">"
    "<test qual=\"first\" name=\"family\"><string>Noto Nastaliq Urdu</string></test>"
    "<test name=\"weight\" compare=\"less\"><const>demibold</const></test>"
    "<edit name=\"style\" mode=\"assign\" binding=\"strong\"><string>Regular</string></edit>"
    "</match>"
    "<match target=\"pattern\">"
    "<test qual=\"first\" name=\"family\"><string>Noto Nastaliq Urdu</string></test>"
    "<test name=\"weight\" compare=\"more_eq\"><const>demibold</const></test>"
    "<edit name=\"style\" mode=\"assign\" binding=\"strong\"><string>Bold</string></edit>"
    "</match>"
    "</fontconfig>";

static pthread_once_t fonts_once = PTHREAD_ONCE_INIT;
static pthread_key_t font_map_key;

static void font_map_free(void *map) { g_object_unref(map); }

static void fonts_init(void)
{
	FcConfig *config = FcConfigGetCurrent();
	if (config)
		FcConfigParseAndLoadFromMemory(config, (const FcChar8 *)nastaliq_rule, FcFalse);
	pthread_key_create(&font_map_key, font_map_free);
}

/* A font map per thread rather than per call: creating one is cheap, but
 * every new map resolves and loads its fonts again. Measured on one page
 * with a QR code: zh-Hant 78 ms with the thread's map, 298 ms with a new
 * map; en 10 ms against 53 ms; ur 14 ms against 148 ms. Pango font maps
 * must not be shared between threads, hence one per thread. */
PangoFontMap *kg_pdf_font_map(void)
{
	pthread_once(&fonts_once, fonts_init);
	PangoFontMap *map = pthread_getspecific(font_map_key);
	if (!map) {
		map = pango_cairo_font_map_new();
		pthread_setspecific(font_map_key, map);
	}
	return map;
}

const char *kg_pdf_default_family(const char *lang)
{
	kg_buf script = KG_BUF_INIT;
	kg_locale_script(lang, &script);
	const char *family = "Noto Sans";
	const char *s = script.data;
	if (!strcmp(s, "Hant"))
		family = !strncmp(lang, "zh-HK", 5) ? "Noto Sans CJK HK" : "Noto Sans CJK TC";
	else if (!strcmp(s, "Hans"))
		family = "Noto Sans CJK SC";
	else if (!strcmp(s, "Jpan"))
		family = "Noto Sans CJK JP";
	else if (!strcmp(s, "Kore"))
		family = "Noto Sans CJK KR";
	else if (!strcmp(s, "Khmr"))
		family = "Noto Sans Khmer";
	else if (!strcmp(s, "Thai"))
		family = "Noto Sans Thai";
	else if (!strcmp(s, "Deva"))
		family = "Noto Sans Devanagari";
	else if (!strcmp(s, "Arab"))
		family = !strncmp(lang, "ur", 2) && (lang[2] == '\0' || lang[2] == '-') ? "Noto Nastaliq Urdu"
		                                                                        : "Noto Naskh Arabic";
	kg_buf_release(&script);
	return family;
}

int kg_pdf_missing_chars(PangoLayout *layout, int max, kg_buf *out)
{
	int total = 0;
	PangoLayoutIter *iter = pango_layout_get_iter(layout);
	do {
		PangoLayoutRun *run = pango_layout_iter_get_run_readonly(iter);
		if (!run)
			continue;
		for (int i = 0; i < run->glyphs->num_glyphs; i++) {
			PangoGlyph g = run->glyphs->glyphs[i].glyph;
			if (!(g & PANGO_GLYPH_UNKNOWN_FLAG))
				continue;
			/* Pango stores the character in an unknown glyph. */
			if (total++ < max)
				kg_buf_printf(out, " U+%04X", (unsigned)(g & ~PANGO_GLYPH_UNKNOWN_FLAG));
		}
	} while (pango_layout_iter_next_run(iter));
	pango_layout_iter_free(iter);
	return total;
}

/* Cairo 1.16's CFF subsetter keeps only the subroutines it sees a glyph
 * call, and for some Noto Sans CJK Regular glyphs it misses one, so the
 * glyph comes out blank in the PDF although the text layer still has the
 * character. It depends on which glyphs the subset already holds: 如
 * (U+5982) is blank unless 女 or 她 was drawn before it with the same font.
 * The known cases are listed here and drawn a second time as filled
 * outlines (same shape, from FreeType), which keeps the text extractable;
 * tests compare rasters of every handout to find new ones. */
static const gunichar cjk_subset_victims[] = {0x5982};

static int is_victim(gunichar c)
{
	for (size_t i = 0; i < sizeof(cjk_subset_victims) / sizeof(cjk_subset_victims[0]); i++)
		if (cjk_subset_victims[i] == c)
			return 1;
	return 0;
}

static int is_affected_font(PangoFont *font)
{
	PangoFontDescription *desc = pango_font_describe(font);
	const char *family = pango_font_description_get_family(desc);
	int affected = family && strstr(family, "Noto Sans") && strstr(family, "CJK") &&
	               pango_font_description_get_weight(desc) < PANGO_WEIGHT_SEMIBOLD;
	pango_font_description_free(desc);
	return affected;
}

void kg_pdf_patch_line(cairo_t *cr, PangoLayoutLine *line, const char *text)
{
	if (cairo_version() >= CAIRO_VERSION_ENCODE(1, 17, 0))
		return; /* not seen since; the raster tests would show it */
	double x0, y0;
	cairo_get_current_point(cr, &x0, &y0);
	double x = x0;
	for (GSList *l = line->runs; l; l = l->next) {
		PangoGlyphItem *run = l->data;
		PangoGlyphString *glyphs = run->glyphs;
		int affected = is_affected_font(run->item->analysis.font);
		for (int i = 0; i < glyphs->num_glyphs; i++) {
			PangoGlyphInfo *gi = &glyphs->glyphs[i];
			if (affected && !(gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG)) {
				const char *p = text + run->item->offset + glyphs->log_clusters[i];
				if (is_victim(g_utf8_get_char(p))) {
					cairo_glyph_t g = {gi->glyph,
					                   x + (double)gi->geometry.x_offset / PANGO_SCALE,
					                   y0 + (double)gi->geometry.y_offset / PANGO_SCALE};
					cairo_save(cr);
					cairo_set_scaled_font(
					    cr, pango_cairo_font_get_scaled_font(
					            PANGO_CAIRO_FONT(run->item->analysis.font)));
					cairo_new_path(cr);
					cairo_glyph_path(cr, &g, 1);
					cairo_fill(cr);
					cairo_restore(cr);
				}
			}
			x += (double)gi->geometry.width / PANGO_SCALE;
		}
	}
	cairo_move_to(cr, x0, y0);
}
