/* svg_catalog.h: an SVG image in one language, from the catalog of the
 * page that shows it — the translations checked as page text is (numbers,
 * URLs, markup: i18n/localize.h's kg_check_translation) and measured
 * against the room each label has, then written into the language's copy.
 * Borrows the image and the catalog; owns nothing.
 */
#ifndef KITGEN_IMAGES_SVG_CATALOG_H
#define KITGEN_IMAGES_SVG_CATALOG_H

#include "kitgen/base/buf.h"
#include "kitgen/base/diag.h"
#include "kitgen/catalog/catalog.h"
#include "kitgen/images/svg_text.h"

typedef struct kg_svg_language {
	const char *tag;        /* the language written ("ur") */
	const char *source_tag; /* the kit's source language ("en") */
	int rtl;
} kg_svg_language;

/* Warns, at the catalog entry (po_display:line), about each translation
 * of svg's units that is refused by the checks (it is not used) or, for a
 * label, drawn wider than its room (kg_svg_unit_room) in the language's
 * handout font. Returns how many warnings it added. */
size_t kg_svg_check_catalog(const kg_svg *svg, const kg_catalog *po, const char *po_display,
                            const kg_svg_language *lang, kg_diags *diags);

/* Appends svg in lang: each unit's translation from po when it is
 * translated (not fuzzy) and passes the checks, else the source text
 * marked xml:lang="<source>". po may be NULL. Returns 0 or -1. */
int kg_svg_write_language(const kg_svg *svg, const kg_catalog *po, const kg_svg_language *lang, kg_buf *out);

/* The CSS font-family list labels get in lang: the handouts' font for its
 * script (pdf/fonts.c), then Noto Sans, then sans-serif. */
void kg_svg_font_family(const char *lang, kg_buf *out);

#endif
