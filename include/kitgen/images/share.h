/* share.h: share images — the picture a messaging app or social site shows
 * when a page's link is shared (Open Graph 1200 × 630, and a 1080 × 1080
 * square for feeds and messaging apps), drawn with Pango/Cairo in the
 * handouts' fonts (pdf/fonts.c) and written as small, deterministic PNGs
 * (png.c: a palette when the drawing has few colours, no time chunk).
 *
 * The caller hands over every string already translated and filled;
 * everything in a request is borrowed for the call, and the PNG is
 * appended to the caller's kg_buf. Calls may run on several threads (one
 * image is drawn at a time: see share.c).
 */
#ifndef KITGEN_IMAGES_SHARE_H
#define KITGEN_IMAGES_SHARE_H

#include "kitgen/base/buf.h"
#include "kitgen/base/diag.h"

typedef struct kg_share_request {
	int width, height;      /* pixels: 1200 × 630 or 1080 × 1080 */
	const char *title;      /* the page's title in its language */
	const char *title_lang; /* its language (the source's when it fell back) */
	int title_rtl;          /* the title is right to left */
	const char *kit_title;  /* the kit's title, shown above */
	const char *kit_title_lang;
	int kit_title_rtl;
	const char *footer; /* the organization ("name · website"), or NULL */
	const char *footer_lang;
	int footer_rtl;                    /* the image is right to left (the text orders itself) */
	unsigned background, text, accent; /* 0xRRGGBB */
	const char *display_path;          /* the PNG, for errors: "out/vi/x/x-vi-share.png" */
	const char *page_path;             /* the page, for the too-long-title warning: "content/x.md" */
} kg_share_request;

/* What a drawing came to, for tests (filled when not NULL). */
typedef struct kg_share_stats {
	double title_size; /* pixels */
	int title_lines;
	int ellipsized;     /* the title did not fit at the floor size */
	int palette_colors; /* 0: written as RGB */
} kg_share_stats;

/* Draws the image and appends its PNG to out. Returns 0, or -1 with an
 * error (text no installed font can draw: the characters are named). A
 * title too long for the image even at the smallest size is cut with an
 * ellipsis and a warning at page_path. */
int kg_share_render(const kg_share_request *req, kg_buf *out, kg_share_stats *stats, kg_diags *diags);

/* The font family share images (and office copies) use for lang: the
 * handouts' choice (pdf/fonts.c). A static string. */
const char *kg_share_font_family(const char *lang);

/* ---- png.c ---- */
/* Appends a PNG of width × height pixels of 0x00RRGGBB (stride in bytes
 * per row): with a palette when at most 256 colours remain after rounding
 * each channel to fewer bits (the most common colour of each rounded group
 * is kept exactly, so flat colours stay exact), else as RGB. No time or
 * other ancillary chunk: the same pixels give the same bytes. Returns the
 * palette size (0 for RGB), or -1. */
int kg_png_write(const unsigned char *pixels, int width, int height, int stride, kg_buf *out);

#endif
