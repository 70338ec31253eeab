/* pdf.h: printable handouts, laid out with Pango (HarfBuzz shaping,
 * fontconfig fallback) and written with Cairo's PDF surface: the handout,
 * large print and bilingual variants, wallet phrase cards and folded
 * booklets.
 *
 * The caller (the build) hands over a localized cmark document and every
 * string already translated; this module only lays out and draws. A
 * request is first encoded into a self-contained job (pdf/job.c: every
 * callback answered, placeholders filled), so that a render in this
 * process and one in a worker process (kg_pdf_workers, below) draw the
 * same bytes. CFF fonts (Noto Sans CJK) are cut down with HarfBuzz's
 * subsetter to the glyphs a set of PDFs uses before Cairo embeds them
 * (pdf/embed.c). Cairo renders in one thread of a process at a time (a
 * lock: Cairo 1.16 crashed in FreeType under concurrency); worker
 * processes are how renders run on every core.
 * Everything in a request is borrowed for the call; PDFs are appended to
 * the caller's kg_buf.
 */
#ifndef KITGEN_PDF_H
#define KITGEN_PDF_H

#include "kitgen/base/buf.h"
#include "kitgen/base/diag.h"

#include <cmark.h>

typedef enum kg_pdf_variant {
	KG_PDF_STANDARD,  /* body ~11 pt, paper from kit.yaml */
	KG_PDF_LARGE,     /* body >= 18 pt, generous leading, one column */
	KG_PDF_BILINGUAL, /* target block, then the source block, each in its own language */
	/* Wallet cards: the page's list items (phrases) under their headings on
	 * credit-card panels (85.6 x 54 mm), a back panel with the title and
	 * the organization, several cards per sheet with cut marks; fronts on
	 * odd sheets, backs mirrored on even ones for duplex printing. A phrase
	 * that does not fit a panel is an error, never clipped. */
	KG_PDF_CARD,
	/* The handout at half size (half-letter or A5), imposed two pages per
	 * landscape sheet in saddle-stitch order, blank pages added to a
	 * multiple of four: print duplex (flip on the short edge), fold, staple. */
	KG_PDF_BOOKLET,
	/* A slide deck (render/slides.h): 16:9 pages (338.7 x 190.5 mm), a
	 * title slide (title, summary), a slide per `##` heading, a closing
	 * slide (org_name, org_phone, organization). A slide's text is set
	 * smaller, down to 18 pt, until it fits, then continued on slides
	 * titled with continued_mark; never clipped. Notes are not drawn. */
	KG_PDF_SLIDES
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
	const char *reviewed; /* localized "Reviewed by a native speaker on <date>" for the footer, or NULL */
	const char *page_label;     /* localized "Page {n} of {m}" pattern: {n} and {m} are replaced */
	const char *url;            /* the page's online URL in this language: link and QR code */
	const char *qr_caption;     /* localized caption under the QR code */
	const char *organization;   /* "name · phone · website" for page 1, or NULL */
	const char *summary;        /* slides: the page's summary for the title slide, or NULL */
	const char *continued_mark; /* slides: "{title} (cont.)", the title of a continued slide */
	const char *org_name;       /* cards: the organization's name and phone, for the back, or NULL */
	const char *org_phone;
	const char *logo_path;   /* the organization's logo (PNG or SVG file) for page 1, or NULL */
	const char *sample_mark; /* drawn across every page (a kit not ready to print), or NULL */
	/* Fallback units (kept in the source language) are cmark nodes whose
	 * user data equals fallback_marker; they are set in source_lang. */
	const void *fallback_marker;
	/* Formats numbers in the language's numbering system. Asked for 0 to 9
	 * only: page and list numbers are written with those ten digits. */
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
	/* Optional, for diagnostics about one unit (a phrase too long for a
	 * card): sets *file and returns the line where node (a block of doc)
	 * comes from, or returns 0. */
	int (*unit_position)(void *ctx, cmark_node *node, const char **file);
	void *position_ctx;
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
	int pages;          /* pages of the PDF file (sheet sides for cards and booklets) */
	int logical_pages;  /* booklet pages with the blanks added, card panels; = pages otherwise */
	int blank_pages;    /* booklet pages left blank to make a multiple of four */
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

/* Renders page `page` (0-based) of the same PDF (a sheet side for cards
 * and booklets) to a PNG image at dpi, from Cairo's image surface with
 * Pango's own renderer and the full fonts, for comparing with what a PDF
 * rasterizer draws from the PDF (tests use it to catch glyphs lost in the
 * PDF). Returns the number of pages, or -1. */
int kg_pdf_render_png(const kg_pdf_request *req, int page, double dpi, const char *png_path, kg_diags *diags);

/* How many phrases (list items) a card of doc would carry; a card request
 * for a document without any fails. */
size_t kg_pdf_card_phrases(cmark_node *doc);

/* ---- Worker processes ----
 *
 * A pool of processes, each rendering one set of PDFs at a time with its
 * own Cairo, FreeType and font caches, so that PDFs are drawn on every
 * core. Each worker is a new program, never a fork (workers.c says why):
 * the caller names a command that runs kg_pdf_worker_main() on
 * descriptor KG_PDF_WORKER_FD (kitgen: `kitgen __pdf-worker`). Safe to
 * start from any thread, with other threads running. */
typedef struct kg_pdf_workers kg_pdf_workers;

#define KG_PDF_WORKER_FD 3

/* A pool of up to count workers running command (an argv,
 * NULL-terminated; its first element a path; copied), for about sets
 * calls of kg_pdf_render_set(). One starts now; another only when a
 * caller finds every worker busy and the sets still to come, at the pace
 * measured so far, would keep them busy for longer than a new worker
 * costs (workers.c: a kit whose sets one worker draws quickly never pays
 * for a second). Returns the pool (kg_pdf_workers_stop() ends the
 * processes and frees it), or NULL when count < 2, command is NULL or no
 * process could start (then render in this process). */
kg_pdf_workers *kg_pdf_workers_start(int count, size_t sets, const char *const *command);
/* How many worker processes the pool has started so far. */
int kg_pdf_workers_started(const kg_pdf_workers *workers);
/* A worker's life: answers jobs read from fd until it closes; returns the
 * process's exit status (0). */
int kg_pdf_worker_main(int fd);
/* Waits for every worker to exit and frees the pool; NULL is a no-op. */
void kg_pdf_workers_stop(kg_pdf_workers *workers);

/* Renders a set of PDFs (usually the variants of one page in one
 * language: they share their fonts' subsets) into outs[i], filling
 * stats[i] when stats is not NULL, in one of the workers (any thread may
 * call; a caller waits for a free worker), or in this process when
 * workers is NULL. The bytes do not depend on where they were drawn.
 * Returns 0, or -1 when any PDF failed (its out is left empty) with
 * diagnostics; a worker that dies is reported and the rest carry on. */
int kg_pdf_render_set(kg_pdf_workers *workers, const kg_pdf_request *reqs, size_t count, kg_buf *outs,
                      kg_pdf_stats *stats, kg_diags *diags);

/* Rewrites an SVG's bytes for librsvg to draw right (pdf/images.c: the Khmer
 * vowel OO as the two vowels it is drawn from). For the copies drawn into
 * handouts and office documents only. */
void kg_pdf_svg_for_librsvg(kg_buf *svg);

/* The process's one lock around Cairo, Pango and librsvg drawing (Cairo
 * 1.16 shares FreeType faces between threads without enough locking):
 * PDFs, share images and the office copies' images all draw under it. */
void kg_cairo_lock(void);
void kg_cairo_unlock(void);

#endif
