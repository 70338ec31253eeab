/* svg_text.h: the visible text of an SVG image as translation units, and
 * the same image written again in another language. A kg_svg owns its
 * parsed document and its units (kg_svg_free()); units are borrowed from
 * it. Reading refuses anything that could run script or fetch a file.
 *
 * Safety: an SVG is read with libxml2 without network, without loading a
 * DTD and without expanding entities; a DOCTYPE, an entity declaration,
 * a processing instruction, <script>, <foreignObject>, an on* event
 * attribute, an href/xlink:href that is not "#id" or a data: raster image,
 * an animation of an href, style or event attribute, and CSS url(),
 * image-set() or @import pointing anywhere but "#id" are refused with a located
 * error, as is a file over KG_SVG_MAX_BYTES. Translations are written as
 * text nodes and attribute values (escaped by libxml2), never parsed.
 *
 * Units, in document order (one walk serves reading and writing, so the
 * catalog and the output cannot disagree): <title> and <desc>; a <text>
 * whose content is text only; each <tspan> of a <text> made of tspans
 * (text only inside each); every aria-label attribute. Whitespace inside
 * a unit collapses to single spaces. Any other element inside <text> or
 * <tspan> (nested markup) is an error: it could not be translated whole.
 */
#ifndef KITGEN_IMAGES_SVG_TEXT_H
#define KITGEN_IMAGES_SVG_TEXT_H

#include "kitgen/base/buf.h"
#include "kitgen/base/diag.h"

#include <stddef.h>

#define KG_SVG_MAX_BYTES (2u * 1024u * 1024u)

typedef enum kg_svg_unit_kind {
	KG_SVG_LABEL, /* <text> or <tspan>: drawn, has a box */
	KG_SVG_TITLE, /* <title>: read by screen readers, shown as a tooltip */
	KG_SVG_DESC,  /* <desc> */
	KG_SVG_ARIA   /* an aria-label attribute */
} kg_svg_unit_kind;

typedef struct kg_svg_unit {
	kg_svg_unit_kind kind;
	char *context;    /* msgctxt: "<name>#<id>" ("images/x.svg#label-delay"), or
	                     "<name>#<element><n>" (n-th such element) without an id;
	                     "@aria-label" appended for an attribute (owned) */
	char *text;       /* the source text, whitespace collapsed (owned) */
	int line;         /* in the SVG file */
	double font_size; /* labels: px, from font-size (attribute or style, inherited); 16 if none */
	int bold;         /* labels: font-weight bold or >= 600 (attribute or style, inherited) */
	double box_width; /* labels: px from data-kitgen-width, else textLength; 0 = none given */
	int max_lines;    /* labels: data-kitgen-lines on a <text> with x (1 when absent): a
	                     translation may wrap onto that many lines, centred on the first */
} kg_svg_unit;

typedef struct kg_svg kg_svg;

/* Reads and checks the SVG in data[0..len). name is what contexts start
 * with (the image's path under out/: "images/x.svg"); display is the path
 * diagnostics name ("content/images/x.svg"). Returns 0 and sets *out
 * (caller frees with kg_svg_free()), or -1 with errors in diags and *out
 * NULL. */
int kg_svg_parse(kg_svg **out, const char *data, size_t len, const char *name, const char *display,
                 kg_diags *diags);
/* The same for a file (refused before reading when over the limit). */
int kg_svg_read_file(kg_svg **out, const char *path, const char *name, const char *display, kg_diags *diags);
void kg_svg_free(kg_svg *svg);

size_t kg_svg_unit_count(const kg_svg *svg);
const kg_svg_unit *kg_svg_unit_at(const kg_svg *svg, size_t i);
const char *kg_svg_display(const kg_svg *svg);

/* "#." comment for a unit's catalog entry (appended to out): what it is
 * and, for a label, the room it has in characters. */
void kg_svg_unit_comment(const kg_svg_unit *unit, kg_buf *out);

/* A translation for unit i, or NULL to keep the source text. Borrowed
 * until kg_svg_localize returns. A label with max_lines > 1 may be given
 * as lines joined by '\n': each becomes a <tspan> at the text's x, the
 * block moved up by half its extra height. */
typedef const char *(*kg_svg_translate_fn)(void *ud, size_t i, const kg_svg_unit *unit);

typedef struct kg_svg_localize_options {
	const char *lang;        /* the language written: xml:lang of the root and of translated units */
	const char *source_lang; /* xml:lang of units left in the source language */
	int rtl;                 /* labels run right to left: direction rtl, start/end anchors swapped */
	const char *font_family; /* CSS font-family list put on every <text>, or NULL */
} kg_svg_localize_options;

/* Appends the SVG with every unit's text replaced by translate's answer.
 * The parsed document is not changed (a copy is written). Returns 0 or -1
 * (out of memory in libxml2). */
int kg_svg_localize(const kg_svg *svg, const kg_svg_localize_options *options, kg_svg_translate_fn translate,
                    void *ud, kg_buf *out);

/* The width in px of text drawn in family at size px (bold or not), in
 * language lang, measured with Pango in the handouts' font map. */
double kg_svg_text_width(const char *text, const char *family, double size, int bold, const char *lang);

/* Breaks text into at most max_lines lines no wider than room px where
 * possible (Pango's line breaking, so Thai and Khmer break between words),
 * appending them joined by '\n' to out. Returns the width of the widest
 * line; *lines gets the number of lines Pango needed (which may exceed
 * max_lines: then out holds text unbroken). */
double kg_svg_wrap(const char *text, const char *family, double size, int bold, const char *lang, double room,
                   int max_lines, kg_buf *out, int *lines);

/* The room a label has in px: its box_width, else the source text's own
 * measured width in family. */
double kg_svg_unit_room(const kg_svg_unit *unit, const char *family, const char *source_lang);

#endif
