/* pdf_internal.h: what the handout renderer's files share.
 * fonts.c picks fonts and owns the per-thread Pango font map, and
 * font_sorts.c remembers fontconfig's answers to Pango's questions; job.c
 * encodes request sets into self-contained jobs; layout.c turns a cmark
 * document into laid-out blocks, owned by the pdf_doc until
 * pdf_doc_release(), which paginate.c places on pages, with card.c for
 * wallet cards; sheets.c places those pages on printed sheets (cards,
 * booklets); images.c reads SVG images with librsvg; embed.c subsets
 * fonts and draws text with them; draw.c draws sheets on a PDF or image
 * surface; workers.c runs jobs in worker processes. The request is borrowed
 * throughout. Nothing here is public.
 */
#ifndef KITGEN_PDF_INTERNAL_H
#define KITGEN_PDF_INTERNAL_H

#include "kitgen/pdf/pdf.h"

#include <cairo.h>
#include <stdint.h>
#include <pango/pangocairo.h>

/* ---- fonts (fonts.c) ---- */

/* The Pango font map of the calling thread, created on first use and
 * released when the thread exits (borrowed: do not unref). */
PangoFontMap *kg_pdf_font_map(void);
/* Frees the calling thread's font map now (the main thread's is not freed
 * by thread exit: a worker process draws on its main thread). */
void pdf_font_map_release(void);
/* font_sorts.c: how many font sorts and matches Pango asked of fontconfig
 * in this process, and how many of them were answered from memory. */
void pdf_font_sorts_counts(long *asked, long *answered);
/* layout_cache.c: this thread's finished layouts by key (all a layout was
 * made from). _find returns a new reference, or NULL; _keep takes a
 * reference of its own; a layout found is shared and must not change.
 * _release drops this thread's (also done at thread exit). */
PangoLayout *pdf_layout_cache_find(const char *key, size_t len);
void pdf_layout_cache_keep(const char *key, size_t len, PangoLayout *layout);
void pdf_layout_cache_release(void);
/* A copy of layout set width (Pango units) wide, from this thread's cache
 * when the same copy was made before (a new reference either way). */
PangoLayout *pdf_layout_cache_at_width(PangoLayout *layout, int width);
/* Tests: pdf_layout_cache_use(0) makes every layout anew (in every
 * thread), for a reference to compare the kept ones with. */
void pdf_layout_cache_use(int on);
/* kitgen's default font family for a language tag ("Noto Sans CJK TC"); a
 * static string. */
const char *kg_pdf_default_family(const char *lang);
/* Appends " U+XXXX" for each character of the layout no font could draw
 * (at most max of them) and returns how many there were in total. */
int kg_pdf_missing_chars(PangoLayout *layout, int max, kg_buf *out);

/* ---- SVG images (images.c) ---- */

/* The size in pixels of an SVG's raster (three times text_width, about
 * 216 dpi on the page; its height in proportion) in *pw, *ph, and 1; 0
 * when librsvg cannot read or draw it. */
int pdf_svg_checked_size(const char *svg, size_t len, double text_width, int *pw, int *ph);
/* An SVG's bytes drawn by librsvg on a white w x h image; NULL when
 * librsvg cannot. The caller destroys it. */
cairo_surface_t *pdf_svg_raster(const char *svg, size_t len, int w, int h);
/* An SVG file's raster at three times text_width (the logo's), or NULL. */
cairo_surface_t *pdf_svg_file_raster(const char *path, double text_width);

/* ---- wire format (job.c; also workers.c) ---- */

typedef struct pdf_reader {
	const char *at, *end;
	int bad; /* set by the first read past the end or malformed value */
} pdf_reader;
void pdf_put_u32(kg_buf *b, uint32_t v);
void pdf_put_bytes(kg_buf *b, const void *data, size_t len);
void pdf_put_str(kg_buf *b, const char *s); /* NULL is kept apart from "" */
uint32_t pdf_get_u32(pdf_reader *r);
/* Borrowed from the reader's bytes; NULL (and bad) when absent or short. */
const char *pdf_get_bytes(pdf_reader *r, size_t *len);
/* A copy the caller frees with free(), or NULL for an absent string. */
char *pdf_get_str(pdf_reader *r);

/* ---- jobs (job.c) ---- */

/* Appends the requests, with every callback answered, to out. */
void pdf_job_encode(const kg_pdf_request *reqs, size_t count, kg_buf *out);
typedef struct pdf_job pdf_job;
/* The requests back, as the job owns them (pdf_job_free()), or NULL when
 * the bytes are not a job. Decoded requests have no fill_text; their other
 * callbacks read the job's tables. */
pdf_job *pdf_job_decode(const char *data, size_t len);
size_t pdf_job_count(const pdf_job *job);
const kg_pdf_request *pdf_job_request(const pdf_job *job, size_t i); /* borrowed from job */
void pdf_job_free(pdf_job *job);
/* Renders a decoded job's requests in this thread (the caller holds
 * whatever lock Cairo needs): fonts subset once for the set. 0 or -1. */
int pdf_job_render(const pdf_job *job, kg_buf *outs, kg_pdf_stats *stats, kg_diags *diags);
/* Encodes, decodes and renders, under the process's Cairo lock (draw.c). */
int pdf_render_set_here(const kg_pdf_request *reqs, size_t count, kg_buf *outs, kg_pdf_stats *stats,
                        kg_diags *diags);

/* ---- fonts embedded in the PDF, and the text renderer (embed.c) ---- */

typedef struct pdf_embed pdf_embed;
pdf_embed *pdf_embed_new(void);
/* Frees the set's fonts (Cairo may keep the subset font faces a while;
 * they free their own FreeType data). */
void pdf_embed_free(pdf_embed *e);
/* Cuts each CFF font down to the glyphs collected (see embed.c). */
void pdf_embed_prepare(pdf_embed *e);
/* How many Pango fonts of the set draw from a subset font (for tests). */
size_t pdf_embed_subset_count(const pdf_embed *e);
/* A Pango renderer drawing with e's fonts on cr (set_target), or, with no
 * target, recording the glyphs drawn. Caller frees with g_object_unref(). */
PangoRenderer *pdf_renderer_new(pdf_embed *e);
void pdf_renderer_set_target(PangoRenderer *r, cairo_t *cr);
void pdf_renderer_show_line(PangoRenderer *r, PangoLayoutLine *line, double x, double baseline);
void pdf_renderer_show_layout(PangoRenderer *r, PangoLayout *layout, double x, double top);

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
	int break_before;   /* starts a page (a card's back) */
	int whole;          /* never split between pages (card phrases) */
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
	cairo_surface_t *image; /* PDF_IMAGE from a PNG (owned); NULL from an SVG */
	int image_w, image_h;   /* PDF_IMAGE: its size in pixels (an SVG's raster's) */
	double image_scale;
	char *svg; /* PDF_IMAGE from an SVG: its bytes (owned), drawn as vectors on the PDF so
	              its text stays text, and as a raster of image_w x image_h on an image
	              surface (pdf_svg_raster) */
	size_t svg_len;
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
	double margin; /* around the text of a page (a card panel's padding) */
} pdf_style;

/* A page placed on a printed sheet: page -1 is a blank slot. */
typedef struct pdf_slot {
	int page;
	double x, y; /* top left, points from the sheet's top left */
} pdf_slot;

#define PDF_MAX_SLOTS 12

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
	/* Printed sheets (sheets.c): one per page for handouts; booklets put
	 * two pages on each side of a folded sheet, cards several panels. */
	double sheet_w, sheet_h;
	int sheets;
	int logical_pages; /* booklets: pages with the blanks added */
	int tagged;        /* structure tags, outline and links (handouts only) */
	int card_fronts;   /* cards: panels 0..card_fronts-1 are fronts, the next is the back */
	int card_cols, card_rows;
	double card_x, card_y; /* the cards' grid on the sheet */
	/* QR code on page 1 (end side of the header zone). */
	unsigned char *qr; /* width * width modules, 1 = dark (owned) */
	int qr_width;
	double qr_x, qr_y, qr_size;
	PangoLayout *qr_caption; /* owned */
	double qr_caption_y;
	/* The SAMPLE band's text, fitted to sample_w points once (draw.c):
	 * every page of both passes draws the same layout. Owned, or NULL. */
	PangoLayout *sample_layout;
	double sample_w;
	PangoLayout *header_layout; /* the running header (draw.c), made once; owned, or NULL */
} pdf_doc;

/* Lays out the whole handout: blocks and pages, and the sheets they are
 * printed on. Returns 0, or -1 with a diagnostic (missing glyphs, a card
 * phrase too long). pdf_doc_release frees everything. */
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
/* text on one line width points wide, centred: set at size, then half a
 * point smaller at a time until it fits or reaches min_size. From this
 * thread's layout cache when the same line was fitted before (a new
 * reference either way). */
PangoLayout *pdf_doc_fitted_line(pdf_doc *doc, const char *text, const char *lang, int rtl, double size,
                                 double min_size, double width, int bold);

/* ---- layout helpers (layout.c), for card.c ---- */

/* A text block for the inlines of node (or plain text), in lang at size;
 * NULL when it has no text. */
pdf_block *pdf_add_text(pdf_doc *doc, cmark_node *node, const char *plain, const char *lang, double size,
                        int bold, double ink, const char *tag);
/* The image of a logo (PNG or SVG) as a block at most height points high. */
pdf_block *pdf_add_logo(pdf_doc *doc, const char *path, double height);
/* The language a node is set in: the source's for fallback units. */
const char *pdf_node_lang(const pdf_doc *doc, cmark_node *node);
/* Frees blocks from..block_count-1 and forgets them (before pagination). */
void pdf_drop_blocks(pdf_doc *doc, size_t from);
/* Gives framed blocks (boxed, code) their padding; before pagination. */
void pdf_pad_boxes(pdf_doc *doc);
/* The blocks of one block node of req->doc and what it holds (deck.c
 * lays out a slide's blocks one by one), at doc->style's sizes. */
void pdf_add_blocks(pdf_doc *doc, cmark_node *block);
/* Places blocks on pages (keeping headings with what follows; paginate.c). */
void pdf_paginate(pdf_doc *doc);
/* Reports an error at a unit's position in the page's source when known,
 * naming the PDF, and marks the document failed. */
void pdf_unit_error(pdf_doc *doc, cmark_node *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- cards (card.c) ---- */

/* Lays out the phrase panels and the back panel of a card request. */
void pdf_card_layout(pdf_doc *doc);

/* ---- slide decks (deck.c) ---- */

/* Lays out the title slide, a slide per slide of the page (continued
 * where its text does not fit at the smallest size) and the closing
 * slide, and places them on pages. */
void pdf_deck_layout(pdf_doc *doc);

/* ---- sheets (sheets.c) ---- */

/* Decides the sheets of a laid-out document (after pagination). */
void pdf_sheets_plan(pdf_doc *doc);
/* The pages on sheet (0-based) and where; returns how many (<= PDF_MAX_SLOTS). */
int pdf_sheet_slots(const pdf_doc *doc, int sheet, pdf_slot *slots);
/* Cut marks (cards) and fold marks (booklets) of a sheet, in its coordinates. */
void pdf_sheet_marks(const pdf_doc *doc, cairo_t *cr);

#endif
