/* card.c: the wallet phrase card. A page's phrases are its list items,
 * under their headings: each becomes one unsplittable block (on a
 * bilingual page the translation large, the English small below it, as
 * localize.c joined them) flowed onto credit-card panels; after them
 * comes the back panel, the same on every card: the title, the
 * organization's name and phone, the draft notice. A phrase that does
 * not fit a panel is an error at the unit, never clipped or shrunk; the
 * back, the kit's own strings, is set smaller (down to 3/4) before it is
 * an error. sheets.c
 * places the panels on sheets. Adds blocks to the pdf_doc, which owns them.
 */
#include "pdf/pdf_internal.h"

#include <string.h>

static double body_height(const pdf_doc *doc) { return doc->bottom - doc->top; }

/* The unit's text for a diagnostic: its first characters, on one line. */
static void unit_snippet(const pdf_block *b, kg_buf *out)
{
	const char *text = pango_layout_get_text(b->layout);
	glong len = g_utf8_strlen(text, -1);
	char *head = g_utf8_substring(text, 0, len > 40 ? 40 : len);
	for (const char *p = head; *p; p++) {
		if (!strncmp(p, "\xe2\x80\xa8", 3)) { /* the line break before the English */
			kg_buf_puts(out, " / ");
			p += 2;
		} else {
			kg_buf_putc(out, *p);
		}
	}
	if (len > 40)
		kg_buf_puts(out, "...");
	g_free(head);
}

/* A block taller than a panel would be cut at the panel's edge. */
static int fits(pdf_doc *doc, pdf_block *b, cmark_node *unit)
{
	if (!b || b->height <= body_height(doc))
		return 1;
	kg_buf snippet = KG_BUF_INIT;
	unit_snippet(b, &snippet);
	pdf_unit_error(doc, unit,
	               "the %s card cannot hold \"%s\": it needs %.0f points and a card panel (85.6 x 54 mm) "
	               "has %.0f; shorten the text",
	               doc->req->lang, snippet.data, b->height, body_height(doc));
	kg_buf_release(&snippet);
	return 0;
}

static void add_phrase(pdf_doc *doc, cmark_node *paragraph)
{
	const pdf_style *st = &doc->style;
	pdf_block *b = pdf_add_text(doc, paragraph, NULL, pdf_node_lang(doc, paragraph), st->body, 0, 0, "P");
	if (!b)
		return;
	b->whole = 1;
	b->space_before = st->gap;
	b->space_after = st->gap;
	fits(doc, b, paragraph);
}

/* Every list item's paragraphs, at any depth (a quote may hold a list). */
static void add_items(pdf_doc *doc, cmark_node *parent)
{
	for (cmark_node *c = cmark_node_first_child(parent); c; c = cmark_node_next(c)) {
		cmark_node_type type = cmark_node_get_type(c);
		if (type == CMARK_NODE_ITEM) {
			for (cmark_node *p = cmark_node_first_child(c); p; p = cmark_node_next(p)) {
				if (cmark_node_get_type(p) == CMARK_NODE_PARAGRAPH)
					add_phrase(doc, p);
				else
					add_items(doc, p);
			}
		} else if (type == CMARK_NODE_LIST || type == CMARK_NODE_BLOCK_QUOTE) {
			add_items(doc, c);
		}
	}
}

static size_t count_items(cmark_node *parent)
{
	size_t n = 0;
	for (cmark_node *c = cmark_node_first_child(parent); c; c = cmark_node_next(c)) {
		cmark_node_type type = cmark_node_get_type(c);
		if (type == CMARK_NODE_ITEM)
			for (cmark_node *p = cmark_node_first_child(c); p; p = cmark_node_next(p))
				n += cmark_node_get_type(p) == CMARK_NODE_PARAGRAPH ? 1 : count_items(p);
		else if (type == CMARK_NODE_LIST || type == CMARK_NODE_BLOCK_QUOTE)
			n += count_items(c);
	}
	return n;
}

size_t kg_pdf_card_phrases(cmark_node *doc) { return doc ? count_items(doc) : 0; }

/* 1 when the page shows each unit's source after it (bilingual: true). */
static int has_source_spans(cmark_node *root)
{
	int found = 0;
	cmark_iter *iter = cmark_iter_new(root);
	cmark_event_type ev;
	while (!found && (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(iter);
		const char *enter = cmark_node_get_on_enter(n);
		found = ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_CUSTOM_INLINE &&
		        enter && strstr(enter, "source-text");
	}
	cmark_iter_free(iter);
	return found;
}

/* The back: what whoever finds the card needs, and whose it is, its
 * sizes scaled by scale (the kit's own strings: a long draft notice or
 * organization name may need them smaller). */
static void add_back(pdf_doc *doc, double scale)
{
	const kg_pdf_request *req = doc->req;
	pdf_style sizes = doc->style, *st = &sizes;
	st->h1 *= scale, st->body *= scale, st->small *= scale, st->gap *= scale;
	size_t first = doc->block_count;
	if (req->logo_path && req->logo_path[0])
		pdf_add_logo(doc, req->logo_path, 22 * scale);
	const char *title_lang = req->title_lang ? req->title_lang : req->lang;
	pdf_block *b = req->title && req->title[0]
	                   ? pdf_add_text(doc, NULL, req->title, title_lang, st->h1, 1, 0, "H1")
	                   : NULL;
	if (b)
		b->space_after = st->gap;
	const char *source = req->source_lang ? req->source_lang : req->lang;
	if (req->source_title && req->source_title[0] && strcmp(title_lang, source) && req->doc &&
	    has_source_spans(req->doc)) {
		b = pdf_add_text(doc, NULL, req->source_title, source, st->small, 0, 0.35, "P");
		if (b)
			b->space_after = st->gap;
	}
	if (req->org_name && req->org_name[0]) {
		b = pdf_add_text(doc, NULL, req->org_name, req->lang, st->body, 1, 0, "P");
		if (b)
			b->space_before = st->gap * 2;
	}
	if (req->org_phone && req->org_phone[0]) {
		b = pdf_add_text(doc, NULL, req->org_phone, req->lang, st->h1 * 1.25, 1, 0, "P");
		if (b)
			b->space_after = st->gap * 2;
	}
	if (req->draft_notice && req->draft_notice[0]) {
		b = pdf_add_text(doc, NULL, req->draft_notice, req->lang, st->small, 0, 0.3, "P");
		if (b)
			b->space_before = st->gap;
	}
	for (size_t i = first; i < doc->block_count; i++) {
		doc->blocks[i].whole = 1;
		doc->blocks[i].keep_with_next = 0;
	}
	if (doc->block_count > first)
		doc->blocks[first].break_before = 1;
}

/* The height blocks from..end take stacked on one panel (as pdf_paginate
 * places them on a fresh page). */
static double stack_height(const pdf_doc *doc, size_t from)
{
	double h = 0;
	for (size_t i = from; i < doc->block_count; i++) {
		const pdf_block *b = &doc->blocks[i];
		h += (i > from ? b->space_before : 0) + b->height +
		     (i + 1 < doc->block_count ? b->space_after : 0);
	}
	return h;
}

/* Smallest scale of the back's sizes: its small print stays about 5 pt. */
#define BACK_MIN_SCALE 0.75

void pdf_card_layout(pdf_doc *doc)
{
	const pdf_style *st = &doc->style;
	const kg_pdf_request *req = doc->req;
	for (cmark_node *c = req->doc ? cmark_node_first_child(req->doc) : NULL; c; c = cmark_node_next(c)) {
		cmark_node_type type = cmark_node_get_type(c);
		if (type == CMARK_NODE_HEADING) {
			pdf_block *b =
			    pdf_add_text(doc, c, NULL, pdf_node_lang(doc, c), st->h2, 1, 0.3, "H2");
			if (b) {
				b->whole = 1;
				b->keep_with_next = 1;
				b->space_before = st->gap * 2;
				fits(doc, b, c);
			}
		} else if (type == CMARK_NODE_LIST || type == CMARK_NODE_BLOCK_QUOTE) {
			add_items(doc, c);
		}
	}
	/* A heading as the last thing before the back has nothing to keep with. */
	if (doc->block_count)
		doc->blocks[doc->block_count - 1].keep_with_next = 0;
	size_t back = doc->block_count;
	double scale = 1;
	/* Nastaliq is set 1.25x (layout.c): it may shrink to the same size. */
	const char *family =
	    req->font_family && req->font_family[0] ? req->font_family : kg_pdf_default_family(req->lang);
	double min_scale = strstr(family, "Nastaliq") ? BACK_MIN_SCALE / 1.25 : BACK_MIN_SCALE;
	add_back(doc, scale);
	while (stack_height(doc, back) > body_height(doc) && scale > min_scale + 0.01) {
		scale -= 0.05; /* shrink rather than fail: these are the kit's strings, not a phrase */
		pdf_drop_blocks(doc, back);
		add_back(doc, scale);
	}
	for (size_t i = back; i < doc->block_count; i++)
		if (!fits(doc, &doc->blocks[i], NULL))
			break;
	if (doc->failed)
		return;
	pdf_paginate(doc);
	/* Fronts are every page before the back's first block. */
	doc->card_fronts = doc->pages;
	for (size_t i = 0; i < doc->fragment_count; i++)
		if (doc->fragments[i].block == back) {
			doc->card_fronts = doc->fragments[i].page;
			break;
		}
	if (doc->card_fronts == 0 && back == 0)
		pdf_unit_error(doc, NULL, "the %s card has no phrases: card: true needs a list on the page",
		               req->lang);
	else if (doc->pages - doc->card_fronts > 1)
		pdf_unit_error(
		    doc, NULL,
		    "the back of the %s card (title, organization, notice) does not fit on one panel",
		    req->lang);
}
