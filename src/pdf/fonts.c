/* fonts.c: font choices for handouts, the per-thread Pango font map,
 * and the missing-glyph check.
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

void pdf_font_map_release(void)
{
	pthread_once(&fonts_once, fonts_init);
	PangoFontMap *map = pthread_getspecific(font_map_key);
	if (map) {
		pthread_setspecific(font_map_key, NULL);
		font_map_free(map);
	}
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
