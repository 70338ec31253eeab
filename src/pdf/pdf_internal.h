/* pdf_internal.h: what the handout renderer's three files share.
 * fonts.c picks fonts and owns the per-thread Pango font map; layout.c
 * turns a cmark document into laid-out blocks and pages, owned by the
 * pdf_doc until pdf_doc_release(); draw.c draws pages on a PDF or image
 * surface. The request is borrowed throughout. Nothing here is public.
 */
#ifndef KITGEN_PDF_INTERNAL_H
#define KITGEN_PDF_INTERNAL_H

#include "kitgen/pdf/pdf.h"

#include <cairo.h>
#include <pango/pangocairo.h>

/* ---- fonts (fonts.c) ---- */

/* The Pango font map of the calling thread, created on first use and
 * released when the thread exits (borrowed: do not unref). */
PangoFontMap *kg_pdf_font_map(void);
/* kitgen's default font family for a language tag ("Noto Sans CJK TC"); a
 * static string. */
const char *kg_pdf_default_family(const char *lang);
/* Appends " U+XXXX" for each character of the layout no font could draw
 * (at most max of them) and returns how many there were in total. */
int kg_pdf_missing_chars(PangoLayout *layout, int max, kg_buf *out);
/* Cairo 1.16 drops some glyphs of Noto Sans CJK Regular when it subsets the
 * font into a PDF (see fonts.c). Fills the outlines of the affected
 * glyphs of line, drawn with its origin at the current point, as paths. */
void kg_pdf_patch_line(cairo_t *cr, PangoLayoutLine *line, const char *text);

/* ---- layout (layout.c) ---- */

typedef enum pdf_block_kind {
	PDF_TEXT,  /* a PangoLayout: headings, paragraphs, list items, code */
	PDF_RULE,  /* thematic break */
	PDF_IMAGE, /* a PNG, scaled to the text width */
	PDF_SPACER /* vertical space only (under the QR code on page 1) */
} pdf_block_kind;

typedef struct pdf_link {
	int start, end; /* byte range in the layout's text */
	char *uri;      /* owned */
} pdf_link;

typedef struct pdf_line {
	double top, bottom, baseline; /* points, from the layout's top */
	double x;                     /* logical left edge, points */
} pdf_line;

#define PDF_MAX_TAGS 4

typedef struct pdf_block {
	pdf_block_kind kind;
	PangoLayout *layout; /* PDF_TEXT (owned) */
	PangoLayout *marker; /* list marker drawn on the start side, or NULL (owned) */
	pdf_line *lines;     /* PDF_TEXT: one per layout line (owned) */
	int line_count;
	double x, width; /* column of the text, points from the page's left edge */
	double height;   /* whole block */
	double space_before, space_after;
	int rtl;            /* start side is the right */
	int keep_with_next; /* headings */
	int bars;           /* block-quote depth: bars on the start side */
	double bar_x[4];
	int boxed;                       /* draft notice: framed and shaded */
	int code;                        /* code block: shaded */
	double ink;                      /* gray level of the text: 0 black, more for source text */
	int header_zone;                 /* page-1 block laid out beside the QR code */
	const char *tag;                 /* structure tag ("P", "H2", "LI"...) */
	const char *opens[PDF_MAX_TAGS]; /* grouping tags to begin before ("L", "BlockQuote") */
	int open_count;
	int closes;        /* grouping tags to end after */
	int heading_level; /* 1-6 for outline entries, else 0 */
	char *outline;     /* heading text for the outline (owned) */
	pdf_link *links;   /* owned */
	size_t link_count;
	cairo_surface_t *image; /* PDF_IMAGE (owned) */
	double image_scale;
	char *alt; /* image alt text (owned) */
} pdf_block;

/* A run of a block's lines placed on one page. */
typedef struct pdf_fragment {
	size_t block;
	int from, to; /* lines [from, to); 0, 0 for blocks without lines */
	int page;
	double y; /* top, points from the page's top edge */
} pdf_fragment;

typedef struct pdf_lang_context {
	char *lang;
	int rtl;
	PangoContext *context;
} pdf_lang_context;

/* Sizes of one variant, in points. */
typedef struct pdf_style {
	double body, small, h1, h2, h3, source_scale, line_spacing;
	double indent, gap, qr_module;
} pdf_style;

/* One render: the request, the geometry, every block and its pages. */
typedef struct pdf_doc {
	const kg_pdf_request *req;
	kg_diags *diags;
	pdf_style style;
	double page_w, page_h, margin, top, bottom; /* body area: top..bottom */
	double left, right;                         /* body area: left..right */
	pdf_lang_context contexts[6];
	size_t context_count;
	pdf_block *blocks;
	size_t block_count, block_cap;
	pdf_fragment *fragments;
	size_t fragment_count, fragment_cap;
	int pages;
	int failed; /* a diagnostic was added */
	/* QR code on page 1 (end side of the header zone). */
	unsigned char *qr; /* width * width modules, 1 = dark (owned) */
	int qr_width;
	double qr_x, qr_y, qr_size;
	PangoLayout *qr_caption; /* owned */
	double qr_caption_y;
} pdf_doc;

/* Lays out the whole handout: blocks and pages. Returns 0, or -1 with a
 * diagnostic (missing glyphs). pdf_doc_release frees everything. */
int pdf_doc_layout(pdf_doc *doc, const kg_pdf_request *req, kg_diags *diags);
void pdf_doc_release(pdf_doc *doc);
/* Appends text as Pango must be given it in lang: a zero-width space
 * between the ICU words of Khmer, Lao and Myanmar (Pango has no dictionary
 * for them), and (rtl) URLs, e-mail addresses and numbers with punctuation
 * between LRI and PDI (locale/script_runs.h, as the web pages do). */
void pdf_script_text(const char *text, size_t len, const char *lang, int rtl, kg_buf *out);
/* A layout of text in lang (for headers, footers, captions), width points
 * wide (or unlimited when width <= 0); caller frees with g_object_unref(). */
PangoLayout *pdf_doc_simple_layout(pdf_doc *doc, const char *text, const char *lang, int rtl, double size,
                                   double width, int bold);

#endif
