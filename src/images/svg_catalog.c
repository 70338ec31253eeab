/* svg_catalog.c: an SVG image in one language from a page's catalog
 * (svg_catalog.h): the same checks as page text, the fit of each label in
 * the handouts' fonts, and the language's copy. Owns nothing between
 * calls. */
#include "kitgen/images/svg_catalog.h"

#include "kitgen/i18n/localize.h"

#include "pdf/pdf_internal.h"

#include <string.h>

void kg_svg_font_family(const char *lang, kg_buf *out)
{
	const char *family = kg_pdf_default_family(lang);
	kg_buf_printf(out, "'%s', ", family);
	if (strcmp(family, "Noto Sans"))
		kg_buf_puts(out, "'Noto Sans', ");
	kg_buf_puts(out, "sans-serif");
}

/* 1 when s holds something that reads as a tag ("<b>", "</x", "<!--",
 * "<?"). kg_check_translation's plain-text mode compares facts only; page
 * text is refused when it adds HTML, so image text is too, although the
 * writer would only ever show it as text. */
static int has_tag(const char *s)
{
	for (const char *p = strchr(s, '<'); p; p = strchr(p + 1, '<')) {
		char c = p[1];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '!' || c == '?')
			return 1;
	}
	return 0;
}

/* The checks of page text, and no markup the English does not have.
 * Returns 0, or -1 with why set. */
static int check_text(const kg_svg_unit *unit, const char *translation, kg_buf *why)
{
	if (kg_check_translation(unit->text, translation, 0, why) < 0)
		return -1;
	if (has_tag(translation) && !has_tag(unit->text)) {
		kg_buf_puts(why, "adds markup (image text is plain text)");
		return -1;
	}
	return 0;
}

/* The entry of unit in po when it is translated, else NULL. */
static const kg_po_entry *translated_entry(const kg_catalog *po, const kg_svg_unit *unit)
{
	const kg_po_entry *e = po ? kg_catalog_find(po, unit->context, unit->text) : NULL;
	return e && kg_po_entry_is_translated(e) ? e : NULL;
}

size_t kg_svg_check_catalog(const kg_svg *svg, const kg_catalog *po, const char *po_display,
                            const kg_svg_language *lang, kg_diags *diags)
{
	size_t warnings = 0;
	const char *family = kg_pdf_default_family(lang->tag);
	const char *source_family = kg_pdf_default_family(lang->source_tag);
	kg_buf why = KG_BUF_INIT;
	for (size_t i = 0; i < kg_svg_unit_count(svg); i++) {
		const kg_svg_unit *u = kg_svg_unit_at(svg, i);
		const kg_po_entry *e = translated_entry(po, u);
		if (!e)
			continue;
		kg_buf_reset(&why);
		if (check_text(u, e->msgstr[0], &why) < 0) {
			kg_warning(diags, po_display, e->line, 1,
			           "translation refused, source text used instead in %s: %s", u->context,
			           why.data);
			warnings++;
			continue;
		}
		if (u->kind != KG_SVG_LABEL)
			continue;
		double room = kg_svg_unit_room(u, source_family, lang->source_tag);
		int lines = 1;
		kg_buf_reset(&why);
		double width = kg_svg_wrap(e->msgstr[0], family, u->font_size, u->bold, lang->tag, room,
		                           u->max_lines, &why, &lines);
		if (width > room + 0.5 || lines > u->max_lines) {
			if (u->max_lines > 1)
				kg_warning(
				    diags, po_display, e->line, 1,
				    "the label '%s' does not fit in %d lines of %.0f px in %s (%s); shorten "
				    "it",
				    e->msgstr[0], u->max_lines, room, kg_svg_display(svg), family);
			else
				kg_warning(
				    diags, po_display, e->line, 1,
				    "the label '%s' is %.0f px wide in %s, more than the %.0f px it has in "
				    "%s; shorten it (or widen the image's data-kitgen-width)",
				    e->msgstr[0], width, family, room, kg_svg_display(svg));
			warnings++;
		}
	}
	kg_buf_release(&why);
	return warnings;
}

typedef struct write_ctx {
	const kg_catalog *po;
	const kg_svg_language *lang;
	kg_buf why;
	kg_buf lines; /* the last label wrapped */
} write_ctx;

static const char *checked_translation(void *ud, size_t i, const kg_svg_unit *unit)
{
	(void)i;
	write_ctx *w = ud;
	const kg_po_entry *e = translated_entry(w->po, unit);
	if (!e)
		return NULL;
	kg_buf_reset(&w->why);
	if (check_text(unit, e->msgstr[0], &w->why) < 0)
		return NULL;
	if (unit->kind != KG_SVG_LABEL || unit->max_lines < 2)
		return e->msgstr[0];
	/* Wrapped as kg_svg_check_catalog measured it: the same fonts. */
	double room = kg_svg_unit_room(unit, kg_pdf_default_family(w->lang->source_tag), w->lang->source_tag);
	int lines = 1;
	kg_buf_reset(&w->lines);
	kg_svg_wrap(e->msgstr[0], kg_pdf_default_family(w->lang->tag), unit->font_size, unit->bold,
	            w->lang->tag, room, unit->max_lines, &w->lines, &lines);
	return w->lines.data;
}

int kg_svg_write_language(const kg_svg *svg, const kg_catalog *po, const kg_svg_language *lang, kg_buf *out)
{
	kg_buf family = KG_BUF_INIT;
	kg_svg_font_family(lang->tag, &family);
	kg_svg_localize_options options = {lang->tag, lang->source_tag, lang->rtl, family.data};
	write_ctx w = {po, lang, KG_BUF_INIT, KG_BUF_INIT};
	int rc = kg_svg_localize(svg, &options, checked_translation, &w, out);
	kg_buf_release(&w.why);
	kg_buf_release(&w.lines);
	kg_buf_release(&family);
	return rc;
}
