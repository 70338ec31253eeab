/* paginate.c: places a document's laid-out blocks on pages
 * (pdf_paginate): headings stay with what follows, paragraphs split
 * between lines without leaving one line alone, and page 1 keeps clear of
 * the QR code. Adds to the pdf_doc's fragments; owns nothing else. */
#include "pdf/pdf_internal.h"

#include "kitgen/base/array.h"

#include <pango/pango.h>

/* Where page 1's QR code and its caption end. */
static double qr_bottom(const pdf_doc *doc)
{
	if (!doc->qr)
		return doc->top;
	double bottom = doc->qr_caption_y;
	if (doc->qr_caption) {
		int w, h;
		pango_layout_get_size(doc->qr_caption, &w, &h);
		bottom += (double)h / PANGO_SCALE;
	} else {
		bottom = doc->qr_y + doc->qr_size;
	}
	return bottom;
}

static void place(pdf_doc *doc, size_t block, int from, int to, int page, double y)
{
	kg_array_grow(doc->fragments, doc->fragment_cap, doc->fragment_count + 1);
	doc->fragments[doc->fragment_count++] = (pdf_fragment){block, from, to, page, y};
}

static double lines_height(const pdf_block *b, int from, int to)
{
	return b->lines[to - 1].bottom - b->lines[from].top;
}

/* Height the start of a block needs on a page: its first two lines, or all
 * of it when pdf_paginate would not split it there (a block that is not
 * split, or one of three lines or fewer: two must stay on each side). */
static double head_height(const pdf_block *b)
{
	if (b->kind != PDF_TEXT || b->boxed || b->code || b->whole || b->line_count < 4)
		return b->height;
	return lines_height(b, 0, 2);
}

void pdf_paginate(pdf_doc *doc)
{
	int page = 0;
	double y = doc->top;
	int fresh = 1; /* nothing on this page yet */
	int zone_done = !doc->qr;
	for (size_t i = 0; i < doc->block_count; i++) {
		pdf_block *b = &doc->blocks[i];
		if (!zone_done && !b->header_zone && page == 0) {
			double below = qr_bottom(doc) + doc->style.gap * 2;
			if (y < below)
				y = below;
			zone_done = 1;
		}
		if (b->break_before && !fresh)
			page++, y = doc->top, fresh = 1;
		double before = fresh ? 0 : b->space_before;
		if (y + before + b->height <= doc->bottom) {
			if (b->keep_with_next && !fresh && i + 1 < doc->block_count) {
				/* The whole run of blocks kept together (a heading, its
				 * source line, a subheading and its source...) and the
				 * start of the block after it must fit. */
				double need = before + b->height + b->space_after;
				for (size_t j = i + 1; j < doc->block_count; j++) {
					const pdf_block *next = &doc->blocks[j];
					need += next->space_before;
					if (!next->keep_with_next || j + 1 == doc->block_count) {
						need += head_height(next);
						break;
					}
					need += next->height + next->space_after;
				}
				if (y + need > doc->bottom) {
					page++, y = doc->top, fresh = 1, before = 0;
				}
			}
			place(doc, i, 0, b->kind == PDF_TEXT ? b->line_count : 0, page, y + before);
			y += before + b->height + b->space_after;
			fresh = 0;
			continue;
		}
		int splittable =
		    b->kind == PDF_TEXT && !b->boxed && !b->code && !b->whole && b->line_count >= 2;
		if (!splittable) {
			if (!fresh)
				page++, y = doc->top, before = 0;
			place(doc, i, 0, b->kind == PDF_TEXT ? b->line_count : 0, page, y + before);
			y += before + b->height + b->space_after;
			fresh = 0;
			continue;
		}
		int from = 0;
		while (from < b->line_count) {
			double avail = doc->bottom - (y + before);
			int k = 0;
			while (from + k < b->line_count && lines_height(b, from, from + k + 1) <= avail)
				k++;
			int remaining = b->line_count - from;
			if (k >= remaining) {
				place(doc, i, from, b->line_count, page, y + before);
				y += before + lines_height(b, from, b->line_count) + b->space_after;
				fresh = 0;
				break;
			}
			if (!fresh) {
				/* No orphan on this page, no widow on the next. */
				if (remaining - k < 2)
					k = remaining - 2;
				if (k < 2)
					k = 0;
			} else if (k == 0) {
				k = 1; /* a line taller than the page: place it anyway */
			}
			if (k > 0)
				place(doc, i, from, from + k, page, y + before);
			from += k;
			page++, y = doc->top, fresh = 1, before = 0;
		}
	}
	doc->pages = page + 1;
}
