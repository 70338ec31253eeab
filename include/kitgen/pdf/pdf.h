/* pdf.h: printable handouts, laid out with Pango (HarfBuzz shaping,
 * fontconfig fallback) and written with Cairo's PDF surface.
 *
 * The caller (the build) hands over a localized cmark document and every
 * string already translated; this module only lays out and draws. Calls
 * share nothing but a Pango font map per thread (a cache, freed when the
 * thread exits), so handouts render on the build's threads in parallel.
 * Everything in a request is borrowed for the call; the PDF is appended to
 * the caller's kg_buf.
 */
#ifndef KITGEN_PDF_H
#define KITGEN_PDF_H

#include "kitgen/base/buf.h"
#include "kitgen/base/diag.h"

#include <cmark.h>

typedef enum kg_pdf_variant {
	KG_PDF_STANDARD, /* body ~11 pt, paper from kit.yaml */
	KG_PDF_LARGE,    /* body >= 18 pt, generous leading, one column */
	KG_PDF_BILINGUAL /* target block, then the source block, each in its own language */
} kg_pdf_variant;

typedef enum kg_paper { KG_PAPER_LETTER, KG_PAPER_A4 } kg_paper;

typedef struct kg_pdf_request {
	cmark_node *doc;          /* the localized page body (borrowed, not modified) */
	cmark_node *source_doc;   /* bilingual: the source-language body, same units in order (borrowed) */
	const char *title;        /* localized page title */
	const char *title_lang;   /* language of title (may be the source when it fell back) */
	const char *lang;         /* BCP 47 tag of the handout's language */
	int rtl;                  /* the language is written right to left */
	const char *source_lang;  /* the kit's source language */
	const char *source_title; /* bilingual: the source title */
	kg_pdf_variant variant;
	kg_paper paper;
	const char *kit_title;    /* header line */
	const char *updated;      /* localized "Updated <date>" line, or NULL */
	const char *draft_notice; /* localized draft notice, or NULL when the catalog is reviewed */
	const char *page_label;   /* localized "Page {n} of {m}" pattern: {n} and {m} are replaced */
	const char *url;          /* the page's online URL in this language: link and QR code */
	const char *qr_caption;   /* localized caption under the QR code */
	const char *organization; /* "name · phone · website" for page 1, or NULL */
	const char *logo_path;    /* the organization's logo (PNG or SVG file) for page 1, or NULL */
	const char *sample_mark;  /* drawn across every page (a kit not ready to print), or NULL */
	/* Fallback units (kept in the source language) are cmark nodes whose
	 * user data equals fallback_marker; they are set in source_lang. */
	const void *fallback_marker;
	/* Formats page numbers in the language's numbering system. */
	void (*format_int)(void *ctx, long long n, kg_buf *out);
	void *format_ctx;
	/* Resolves an image URL from the document to a file path to read, or
	 * NULL when it cannot be found (then the alt text is drawn). The path
	 * is borrowed: it must stay valid until the render returns. */
	const char *(*image_path)(void *ctx, const char *url);
	void *image_ctx;
	/* Font families to prefer for this language (kit.yaml override), or NULL
	 * for kitgen's defaults (Noto per script; see pdf/fonts.c). */
	const char *font_family;
	int allow_missing_glyphs; /* 0: a missing glyph is an error */
	const char *display_path; /* for diagnostics: "out/vi/education/x.pdf" */
	/* Optional. Appends text with the kit's {{placeholders}} filled (as
	 * kg_fill_placeholders does for HTML); NULL draws text as it is. */
	void (*fill_text)(void *ctx, const char *text, kg_buf *out);
	void *fill_ctx;
	/* Optional. Appends the absolute URL a link in the document should open
	 * from the PDF and returns 0, or returns -1 to draw the link as plain
	 * text. NULL: only absolute http(s), mailto and tel links are live.
	 * Unsafe schemes (kg_url_is_unsafe) are never made live. */
	int (*link_url)(void *ctx, const char *url, kg_buf *out);
	void *link_ctx;
} kg_pdf_request;

/* What a render laid out, for tests and build reports (filled when not NULL). */
typedef struct kg_pdf_stats {
	int pages;
	double body_size;   /* points */
	double line_height; /* points, body text */
	double qr_module;   /* points per QR module, 0 without a QR code */
} kg_pdf_stats;

/* Renders the handout into out (the PDF bytes). The PDF is deterministic:
 * no creation date, fixed producer. Returns 0, or -1 with a diagnostic
 * (for example text that no installed font can draw: the page, language
 * and characters are named). */
int kg_pdf_render(const kg_pdf_request *req, kg_buf *out, kg_diags *diags);
/* Same, and fills *stats when stats is not NULL. */
int kg_pdf_render_stats(const kg_pdf_request *req, kg_buf *out, kg_pdf_stats *stats, kg_diags *diags);

/* Renders page `page` (0-based) of the same handout to a PNG image at dpi,
 * from Cairo's image surface, for comparing with what a PDF rasterizer
 * draws from the PDF (tests use it to catch glyphs lost in the PDF).
 * Returns the number of pages, or -1. */
int kg_pdf_render_png(const kg_pdf_request *req, int page, double dpi, const char *png_path, kg_diags *diags);

#endif
