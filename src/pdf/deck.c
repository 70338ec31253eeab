/* deck.c: the slide deck of a page (KG_PDF_SLIDES) on 16:9 pages: the
 * title slide (title, summary), a slide per slide of render/slides.h
 * (its `##` heading as the title, its body at 28 pt, set smaller down to
 * 18 pt until it fits, then continued on slides titled "{title} (cont.)"
 * with a warning: never clipped), and the closing slide (the
 * organization's name and phone, the page's address, the draft notice).
 * Speaker notes are not drawn. Adds blocks to the pdf_doc, which owns them.
 */
#include "pdf/pdf_internal.h"

#include "kitgen/base/alloc.h"
#include "kitgen/render/slides.h"

#include <math.h>
#include <string.h>

#define DECK_FLOOR 18.0 /* points: the smallest body text of a slide */

/* The sizes a slide's body may take, in points, from the slides' own body
 * size (slides_style in layout.c, 28 pt) down to the floor. A ladder
 * rather than the size that would just fit: every new size is a new Pango
 * font set (fontconfig sorts every font for it) and a new Cairo scaled
 * font with its own glyph cache; sizes shared by every slide of every deck
 * of a worker are made once. On the bundled kit, sizes found by measuring
 * made decks cost 24 % of a full build's CPU; see bench/README.md. */
static const double slide_body_sizes[] = {28, 25, 22, 20, DECK_FLOOR};
#define SLIDE_SIZE_COUNT (sizeof slide_body_sizes / sizeof *slide_body_sizes)

static double body_height(const pdf_doc *doc) { return doc->bottom - doc->top; }

/* The height blocks from..end take stacked on a fresh page, as
 * pdf_paginate places them. */
static double stack_height(const pdf_doc *doc, size_t from)
{
	double h = 0;
	for (size_t i = from; i < doc->block_count; i++) {
		const pdf_block *b = &doc->blocks[i];
		h += (i > from ? b->space_before : 0) + b->height + b->space_after;
	}
	return h;
}

/* The slide sizes at scale: the body and what goes with it; titles keep
 * their size. */
static pdf_style scaled(const pdf_style *base, double scale)
{
	pdf_style st = *base;
	st.body *= scale, st.h3 *= scale, st.small *= scale, st.indent *= scale, st.gap *= scale;
	return st;
}

/* A slide's title, starting a page; text NULL takes the heading's. */
static pdf_block *add_title(pdf_doc *doc, cmark_node *heading, const char *text, const char *lang)
{
	const pdf_style *st = &doc->style;
	pdf_block *b = heading && !text
	                   ? pdf_add_text(doc, heading, NULL, pdf_node_lang(doc, heading), st->h2, 1, 0, "H2")
	                   : pdf_add_text(doc, NULL, text ? text : "", lang, st->h2, 1, 0, "H2");
	if (!b)
		return NULL;
	b->break_before = 1;
	b->keep_with_next = 1;
	b->heading_level = 2;
	b->outline = kg_strdup(pango_layout_get_text(b->layout));
	b->space_after = st->gap * 2;
	return b;
}

/* Images no taller than a slide's body area under its title. */
static void fit_images(pdf_doc *doc, size_t from, double room)
{
	for (size_t i = from; i < doc->block_count; i++) {
		pdf_block *b = &doc->blocks[i];
		if (b->kind == PDF_IMAGE && b->height > room && b->height > 0) {
			double k = room / b->height;
			b->image_scale *= k;
			b->height = room;
		}
	}
}

/* "{title} (cont.)" in the language (or the title and " (cont.)"). */
static void continued_title(const kg_pdf_request *req, const char *title, kg_buf *out)
{
	const char *mark = req->continued_mark && strstr(req->continued_mark, "{title}") ? req->continued_mark
	                                                                                 : "{title} (cont.)";
	const char *at = strstr(mark, "{title}");
	kg_buf_add(out, mark, (size_t)(at - mark));
	kg_buf_puts(out, title);
	kg_buf_puts(out, at + strlen("{title}"));
}

/* Where the slide's blocks (title at start) overflow the page, a
 * "(cont.)" title goes before the block that overflows; returns how
 * many were added. */
static int continue_slide(pdf_doc *doc, size_t start, const char *lang)
{
	kg_buf title = KG_BUF_INIT;
	continued_title(doc->req, pango_layout_get_text(doc->blocks[start].layout), &title);
	int added = 0;
	double room = body_height(doc);
	double y = doc->blocks[start].height + doc->blocks[start].space_after;
	int first_on_page = 1;
	for (size_t i = start + 1; i < doc->block_count; i++) {
		pdf_block *b = &doc->blocks[i];
		double before = b->space_before;
		if (!first_on_page && y + before + b->height > room) {
			/* Append the title, then move it before block i. */
			size_t at = doc->block_count;
			if (!add_title(doc, NULL, title.data, lang))
				break;
			doc->blocks[at].tag = "P"; /* it may fall inside a list: read as text */
			doc->blocks[at].heading_level = 0;
			pdf_block moved = doc->blocks[at];
			memmove(&doc->blocks[i + 1], &doc->blocks[i], (at - i) * sizeof(pdf_block));
			doc->blocks[i] = moved;
			added++;
			y = moved.height + moved.space_after;
			first_on_page = 1;
			continue; /* block i + 1 is the one that overflowed */
		}
		y += before + b->height + b->space_after;
		first_on_page = 0;
	}
	kg_buf_release(&title);
	return added;
}

static void add_slide(pdf_doc *doc, const pdf_style *base, const kg_slide *slide)
{
	const kg_pdf_request *req = doc->req;
	const char *title_lang = req->title_lang ? req->title_lang : req->lang;
	size_t start = doc->block_count;
	double scale = 1;
	size_t step = 0; /* the rung of slide_body_sizes the body is set at */
	for (;;) {
		doc->style = scaled(base, scale);
		pdf_block *t = add_title(doc, slide->heading, slide->heading ? NULL : req->title, title_lang);
		double room = body_height(doc) - (t ? t->height + t->space_after : 0);
		for (size_t i = 0; i < slide->block_count; i++)
			pdf_add_blocks(doc, slide->blocks[i]);
		fit_images(doc, start + 1, room);
		double h = stack_height(doc, start);
		if (h <= body_height(doc) || step + 1 >= SLIDE_SIZE_COUNT)
			break;
		/* Aim at the size the body would fit at: a paragraph's height goes
		 * with the square of the size, a short line's (a bullet, a
		 * phrase) with the size; slides hold both, so the power 1.5
		 * between them (on the bundled kit's 389 slides: 304 layouts
		 * after the first, 412 with the square). The title keeps its
		 * size. */
		double aim = scale * pow(room / (h - (body_height(doc) - room)), 1 / 1.5);
		step++;
		while (step + 1 < SLIDE_SIZE_COUNT && slide_body_sizes[step] / base->body > aim)
			step++;
		scale = slide_body_sizes[step] / base->body;
		pdf_drop_blocks(doc, start);
	}
	if (doc->block_count > start && stack_height(doc, start) > body_height(doc)) {
		int added = continue_slide(doc, start, title_lang);
		cmark_node *at = slide->heading       ? slide->heading
		                 : slide->block_count ? slide->blocks[0]
		                                      : NULL;
		const char *file = NULL;
		int line = at && req->unit_position ? req->unit_position(req->position_ctx, at, &file) : 0;
		if (line > 0 && file) {
			/* At the heading in the source, in words that name no language:
			 * every language whose deck continues the slide says the same,
			 * and kg_diags_sort keeps one (a warning per language, 135 for
			 * the bundled kit, told the author nothing more). */
			kg_warning(
			    doc->diags, file, line, 1,
			    "this slide does not fit at %.0f pt in the deck of one or more languages: it "
			    "continues on \"(cont.)\" slides; shorten it or split it with a ## heading",
			    DECK_FLOOR);
		} else {
			/* No position in the source (the lookup above found none): the
			 * deck's file names it. */
			kg_warning(doc->diags, req->display_path, 0, 0,
			           "the slide \"%s\" does not fit at %.0f pt: continued on %d more slide%s; "
			           "shorten it or split it with a ## heading",
			           pango_layout_get_text(doc->blocks[start].layout), DECK_FLOOR,
			           added > 0 ? added : 1, added > 1 ? "s" : "");
		}
	}
	doc->style = *base;
}

static void add_text(pdf_doc *doc, const char *text, const char *lang, double size, int bold, double ink,
                     double space_after)
{
	if (!text || !text[0])
		return;
	pdf_block *b = pdf_add_text(doc, NULL, text, lang, size, bold, ink, "P");
	if (b)
		b->space_after = space_after;
}

void pdf_deck_layout(pdf_doc *doc)
{
	const kg_pdf_request *req = doc->req;
	const pdf_style base = doc->style;
	const char *title_lang = req->title_lang ? req->title_lang : req->lang;
	/* The title slide. */
	size_t first = doc->block_count;
	pdf_block *b =
	    pdf_add_text(doc, NULL, req->title ? req->title : "", title_lang, base.h1 * 1.2, 1, 0, "H1");
	if (b) {
		b->heading_level = 1;
		b->outline = kg_strdup(req->title ? req->title : "");
		b->space_after = base.gap * 3;
	}
	add_text(doc, req->summary, req->lang, base.body, 0, 0.2, base.gap);
	if (doc->block_count > first)
		doc->blocks[first].break_before = 1;
	/* A slide per slide of the page (the notes left out). */
	kg_deck deck;
	kg_deck_split(&deck, req->doc, req->source_doc, NULL, NULL);
	for (size_t i = 0; i < deck.count; i++)
		add_slide(doc, &base, &deck.slides[i]);
	kg_deck_release(&deck);
	/* The closing slide: who to call. */
	first = doc->block_count;
	add_text(doc, req->org_name, req->lang, base.h1, 1, 0, base.gap * 2);
	add_text(doc, req->org_phone, req->lang, base.h1 * 1.3, 1, 0, base.gap * 3);
	add_text(doc, req->url, req->lang, base.body, 0, 0.2, base.gap * 2);
	add_text(doc, req->draft_notice, req->lang, base.small, 0, 0.3, 0);
	if (doc->block_count > first)
		doc->blocks[first].break_before = 1;
	if (doc->failed)
		return;
	pdf_pad_boxes(doc);
	pdf_paginate(doc);
}
