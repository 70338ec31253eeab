/* layout.c: turns a handout's cmark document into laid-out blocks
 * (one PangoLayout per paragraph, heading or list item, image blocks, the
 * QR code and the front matter); paginate.c places them on pages. Owns the
 * blocks, fragments and Pango contexts in pdf_doc; borrows the request and
 * its documents.
 */
#include "pdf/pdf_internal.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/base/url.h"
#include "kitgen/render/html.h"
#include "kitgen/locale/locale.h"
#include "kitgen/locale/script_runs.h"

#include <math.h>
#include <stdarg.h>
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PDF_POINTS_PER_PIXEL 0.75 /* images are drawn at 96 pixels per inch */

static const pdf_style standard_style = {11, 8.5, 22, 16, 13, 0.85, 0, 18, 6, 2.5, 54};
static const pdf_style large_style = {18, 12, 30, 25, 21, 0.9, 1.15, 28, 8, 3, 54};
/* A half-letter or A5 page: the handout's sizes a little smaller, narrower margins. */
static const pdf_style booklet_style = {9.5, 7.5, 17, 13, 11, 0.85, 0, 14, 5, 2, 36};
/* A card panel: the phrase large, its English small below it; padding for
 * the cut. */
static const pdf_style card_style = {10.5, 6.5, 11, 8, 8, 0.72, 0, 0, 3, 0, 9};

/* A 16:9 slide, seen from the back of a room: the body starts at 28 pt
 * (deck.c sets it smaller, down to 18, when a slide is full). */
static const pdf_style slides_style = {28, 16, 44, 40, 32, 0.85, 1.1, 36, 10, 0, 40};

#define MM(x) ((x) / 25.4 * 72)

/* ---- Pango contexts, one per (language, direction) ---- */

static PangoContext *context_for(pdf_doc *doc, const char *lang, int rtl)
{
	for (size_t i = 0; i < doc->context_count; i++)
		if (doc->contexts[i].rtl == rtl && !strcmp(doc->contexts[i].lang, lang))
			return doc->contexts[i].context;
	/* A layout follows its context's language and direction, so languages
	 * cannot share one context: changing it would redo earlier layouts. */
	size_t slot =
	    doc->context_count < sizeof(doc->contexts) / sizeof(doc->contexts[0]) ? doc->context_count++ : 0;
	pdf_lang_context *lc = &doc->contexts[slot];
	if (lc->context) {
		g_object_unref(lc->context);
		free(lc->lang);
	}
	lc->lang = kg_strdup(lang);
	lc->rtl = rtl;
	lc->context = pango_font_map_create_context(kg_pdf_font_map());
	pango_context_set_language(lc->context, pango_language_from_string(lang));
	pango_context_set_base_dir(lc->context, rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
	/* Lay out once for both the PDF and the PNG: no hinting, no rounding,
	 * 72 units per inch, so positions do not depend on the surface. */
	pango_cairo_context_set_resolution(lc->context, 72);
	pango_context_set_round_glyph_positions(lc->context, FALSE);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(lc->context, fo);
	cairo_font_options_destroy(fo);
	return lc->context;
}

static const char *family_for(const pdf_doc *doc, const char *lang)
{
	if (doc->req->font_family && doc->req->font_family[0] && !strcmp(lang, doc->req->lang))
		return doc->req->font_family;
	return kg_pdf_default_family(lang);
}

static int lang_is_rtl(const pdf_doc *doc, const char *lang)
{
	if (!strcmp(lang, doc->req->lang))
		return doc->req->rtl;
	return kg_locale_is_rtl(lang);
}

static PangoLayout *new_layout(pdf_doc *doc, const char *lang, int rtl, double size, int bold, double width,
                               const char *family)
{
	PangoLayout *layout = pango_layout_new(context_for(doc, lang, rtl));
	PangoFontDescription *desc = pango_font_description_new();
	const char *chosen = family ? family : family_for(doc, lang);
	/* Nastaliq's letters sit smaller on the body than Latin ones; print
	 * typesetters set it about a quarter larger, and so do we. */
	if (strstr(chosen, "Nastaliq"))
		size *= 1.25;
	pango_font_description_set_family(desc, chosen);
	pango_font_description_set_size(desc, (int)lround(size * PANGO_SCALE));
	if (bold)
		pango_font_description_set_weight(desc, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(layout, desc);
	pango_font_description_free(desc);
	/* Direction comes from the language, not from the first strong letter:
	 * an Urdu line starting with "911" must still be right to left. */
	pango_layout_set_auto_dir(layout, FALSE);
	pango_layout_set_alignment(layout, rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	if (width > 0)
		pango_layout_set_width(layout, (int)lround(width * PANGO_SCALE));
	if (doc->style.line_spacing > 0)
		pango_layout_set_line_spacing(layout, (float)doc->style.line_spacing);
	return layout;
}

/* ---- text as Pango needs it in every script ---- */

static void put_script_run(void *ud, kg_run_kind kind, const char *text, size_t len, int follows_word)
{
	kg_buf *out = ud;
	switch (kind) {
	case KG_RUN_TEXT: kg_buf_add(out, text, len); break;
	case KG_RUN_LTR: /* LRI ... PDI: reads as in English inside right-to-left text */
		kg_buf_puts(out, "\xe2\x81\xa6");
		kg_buf_add(out, text, len);
		kg_buf_puts(out, "\xe2\x81\xa9");
		break;
	case KG_RUN_WORD:
		/* Pango has no dictionary for Khmer, Lao or Myanmar: it breaks
		 * only at spaces, or inside a word when a run does not fit. A
		 * zero-width space between ICU's words is where a line may end;
		 * it draws nothing and pdftotext does not return it. */
		if (follows_word)
			kg_buf_puts(out, "\xe2\x80\x8b");
		kg_buf_add(out, text, len);
		break;
	}
}

void pdf_script_text(const char *text, size_t len, const char *lang, int rtl, kg_buf *out)
{
	kg_script_runs(text, len, lang, rtl, put_script_run, out);
}

PangoLayout *pdf_doc_simple_layout(pdf_doc *doc, const char *text, const char *lang, int rtl, double size,
                                   double width, int bold)
{
	PangoLayout *layout = new_layout(doc, lang, rtl, size, bold, width, NULL);
	kg_buf b = KG_BUF_INIT;
	pdf_script_text(text, strlen(text), lang, rtl, &b);
	pango_layout_set_text(layout, b.data ? b.data : "", (int)b.len);
	kg_buf_release(&b);
	return layout;
}

PangoLayout *pdf_doc_fitted_line(pdf_doc *doc, const char *text, const char *lang, int rtl, double size,
                                 double min_size, double width, int bold)
{
	/* Every document of a language fits the same line to the same width
	 * (the SAMPLE band): each try is a new font size to shape at, 3 % of an
	 * Urdu handout build when the sizes were tried per document. */
	kg_buf key = KG_BUF_INIT;
	kg_buf_printf(&key, "one line|%s|%d|%s|%.9g|%.9g|%.9g|%.9g|%d|", lang, rtl, family_for(doc, lang),
	              size, min_size, width, doc->style.line_spacing, bold);
	kg_buf_puts(&key, text);
	PangoLayout *l = pdf_layout_cache_find(key.data, key.len);
	if (!l) {
		for (;; size -= 0.5) {
			l = pdf_doc_simple_layout(doc, text, lang, rtl, size, width, bold);
			if (pango_layout_get_line_count(l) <= 1 || size <= min_size)
				break;
			g_object_unref(l);
		}
		pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
		pdf_layout_cache_keep(key.data, key.len, l);
	}
	kg_buf_release(&key);
	return l;
}

/* ---- inline content: text, attributes and links ---- */

typedef struct inline_text {
	pdf_doc *doc;
	kg_buf text;
	PangoAttrList *attrs;
	KG_ARRAY(pdf_link) links;
	KG_ARRAY(cmark_node *) images; /* images found inline, drawn after the block */
	double size;
	const char *lang; /* of the block's text */
	int rtl;          /* the block is right to left */
} inline_text;

static void add_attr(inline_text *it, PangoAttribute *attr, size_t start)
{
	attr->start_index = (guint)start;
	attr->end_index = (guint)it->text.len;
	pango_attr_list_insert(it->attrs, attr);
}

static void add_text(inline_text *it, const char *text)
{
	kg_buf filled = KG_BUF_INIT;
	if (it->doc->req->fill_text)
		it->doc->req->fill_text(it->doc->req->fill_ctx, text, &filled);
	else
		kg_buf_puts(&filled, text);
	pdf_script_text(filled.data ? filled.data : "", filled.len, it->lang, it->rtl, &it->text);
	kg_buf_release(&filled);
}

static int has_scheme(const char *url, const char *scheme)
{
	size_t n = strlen(scheme);
	return !g_ascii_strncasecmp(url, scheme, n) && url[n] == ':';
}

/* The URL a link opens from the PDF, or NULL to draw it as text. */
static char *link_target(pdf_doc *doc, const char *url)
{
	if (!url || !url[0] || kg_url_is_unsafe(url))
		return NULL;
	kg_buf out = KG_BUF_INIT;
	if (doc->req->link_url) {
		if (doc->req->link_url(doc->req->link_ctx, url, &out) < 0 || !out.len ||
		    kg_url_is_unsafe(out.data)) {
			kg_buf_release(&out);
			return NULL;
		}
		return kg_buf_detach(&out, NULL);
	}
	if (has_scheme(url, "http") || has_scheme(url, "https") || has_scheme(url, "mailto") ||
	    has_scheme(url, "tel"))
		return kg_strdup(url);
	return NULL;
}

static void walk_inlines(inline_text *it, cmark_node *parent)
{
	pdf_doc *doc = it->doc;
	for (cmark_node *c = cmark_node_first_child(parent); c; c = cmark_node_next(c)) {
		size_t start = it->text.len;
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT: add_text(it, cmark_node_get_literal(c)); break;
		case CMARK_NODE_SOFTBREAK: kg_buf_putc(&it->text, ' '); break;
		case CMARK_NODE_LINEBREAK:
			kg_buf_puts(&it->text, "\xe2\x80\xa8"); /* U+2028: a new line, same paragraph */
			break;
		case CMARK_NODE_CODE:
			kg_buf_puts(&it->text, cmark_node_get_literal(c));
			add_attr(it, pango_attr_family_new("Noto Sans Mono"), start);
			add_attr(it, pango_attr_background_new(0xeeee, 0xeeee, 0xeeee), start);
			break;
		case CMARK_NODE_EMPH:
			walk_inlines(it, c);
			add_attr(it, pango_attr_style_new(PANGO_STYLE_ITALIC), start);
			break;
		case CMARK_NODE_STRONG:
			walk_inlines(it, c);
			add_attr(it, pango_attr_weight_new(PANGO_WEIGHT_BOLD), start);
			break;
		case CMARK_NODE_LINK: {
			walk_inlines(it, c);
			char *uri = link_target(doc, cmark_node_get_url(c));
			if (uri && it->text.len > start) {
				add_attr(it, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), start);
				add_attr(it, pango_attr_foreground_new(0x1a1a, 0x4d4d, 0x9999), start);
				kg_array_push(&it->links, (pdf_link){(int)start, (int)it->text.len, uri});
			} else {
				free(uri);
			}
			break;
		}
		case CMARK_NODE_IMAGE: kg_array_push(&it->images, c); break;
		case CMARK_NODE_CUSTOM_INLINE: {
			/* localize.c's bilingual span: the source text, in its language,
			 * isolated left to right inside right-to-left text (its final
			 * period stays at its end). */
			const char *enter = cmark_node_get_on_enter(c);
			int is_source = enter && strstr(enter, "source-text");
			int isolate = is_source && it->rtl &&
			              !kg_locale_is_rtl(doc->req->source_lang ? doc->req->source_lang : "en");
			if (isolate)
				kg_buf_puts(&it->text, "\xe2\x81\xa6"); /* LRI */
			walk_inlines(it, c);
			if (isolate)
				kg_buf_puts(&it->text, "\xe2\x81\xa9"); /* PDI */
			if (is_source) {
				const char *source = doc->req->source_lang ? doc->req->source_lang : "en";
				add_attr(it, pango_attr_language_new(pango_language_from_string(source)),
				         start);
				add_attr(it, pango_attr_family_new(family_for(doc, source)), start);
				add_attr(it, pango_attr_foreground_new(0x5555, 0x5555, 0x5555), start);
				/* It is read aloud to a responder: 11 points at least. */
				double source_size = fmax(it->size * doc->style.source_scale, 11.0);
				add_attr(it, pango_attr_size_new((int)lround(source_size * PANGO_SCALE)),
				         start);
			}
			break;
		}
		case CMARK_NODE_HTML_INLINE: break; /* raw HTML is not drawn (html.c reports it) */
		default: walk_inlines(it, c); break;
		}
	}
}

/* ---- blocks ---- */

typedef struct walker {
	pdf_doc *doc;
	double indent; /* start-side indent of the current nesting */
	int bars;
	double bar_offset[4]; /* start-side offsets of quote bars */
	const char *marker;   /* list marker for the next block, or NULL */
	const char *pending_opens[PDF_MAX_TAGS];
	int pending_count;
	const char *tag_override; /* "LBody" inside list items */
	int header_zone;
} walker;

static pdf_block *new_block(walker *w, pdf_block_kind kind)
{
	pdf_doc *doc = w->doc;
	kg_array_grow(doc->blocks, doc->block_cap, doc->block_count + 1);
	pdf_block *b = &doc->blocks[doc->block_count++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->rtl = doc->req->rtl;
	double width = doc->right - doc->left;
	if (w->header_zone && doc->qr)
		width -= doc->qr_size + doc->style.gap * 2;
	b->width = width - w->indent;
	b->x = doc->left +
	       (b->rtl ? (w->header_zone && doc->qr ? doc->qr_size + doc->style.gap * 2 : 0) : w->indent);
	b->bars = w->bars;
	for (int i = 0; i < w->bars && i < 4; i++)
		b->bar_x[i] = b->rtl ? doc->right - w->bar_offset[i] : doc->left + w->bar_offset[i];
	b->header_zone = w->header_zone;
	for (int i = 0; i < w->pending_count; i++)
		b->opens[b->open_count++] = w->pending_opens[i];
	w->pending_count = 0;
	return b;
}

static void measure_lines(pdf_block *b)
{
	b->line_count = pango_layout_get_line_count(b->layout);
	b->lines = kg_calloc((size_t)b->line_count, sizeof(*b->lines));
	PangoLayoutIter *iter = pango_layout_get_iter(b->layout);
	int i = 0;
	do {
		int y0, y1;
		PangoRectangle logical;
		pango_layout_iter_get_line_yrange(iter, &y0, &y1);
		pango_layout_iter_get_line_extents(iter, NULL, &logical);
		b->lines[i].top = (double)y0 / PANGO_SCALE;
		b->lines[i].bottom = (double)y1 / PANGO_SCALE;
		b->lines[i].baseline = (double)pango_layout_iter_get_baseline(iter) / PANGO_SCALE;
		b->lines[i].x = (double)logical.x / PANGO_SCALE;
		i++;
	} while (i < b->line_count && pango_layout_iter_next_line(iter));
	pango_layout_iter_free(iter);
	b->height = b->line_count ? b->lines[b->line_count - 1].bottom - b->lines[0].top : 0;
}

static void check_glyphs(pdf_doc *doc, PangoLayout *layout, const char *lang)
{
	if (doc->req->allow_missing_glyphs || !pango_layout_get_unknown_glyphs_count(layout))
		return;
	kg_buf chars = KG_BUF_INIT;
	int total = kg_pdf_missing_chars(layout, 8, &chars);
	if (total) {
		const char *text = pango_layout_get_text(layout);
		glong len = g_utf8_strlen(text, -1);
		char *snippet = g_utf8_substring(text, 0, len > 24 ? 24 : len);
		kg_error(doc->diags, doc->req->display_path, 0, 0,
		         "no installed font can draw %d character%s of the %s text \"%s%s\":%s%s", total,
		         total == 1 ? "" : "s", lang, snippet, len > 24 ? "..." : "", chars.data,
		         total > 8 ? " ..." : "");
		g_free(snippet);
		doc->failed = 1;
	}
	kg_buf_release(&chars);
}

typedef struct text_look {
	const char *lang;
	double size;
	int bold;
	double ink;
	const char *tag;
	const char *family; /* NULL: the language's */
	int ltr;            /* left to right whatever the language (code) */
	int no_images;      /* a bilingual source line: its images are drawn once, by the translation */
} text_look;

/* The block's layout, from this thread's cache when the same text was laid
 * out the same way before (layout_cache.c): the key holds everything
 * new_layout() and the text give it. */
static PangoLayout *text_layout(pdf_doc *doc, const text_look *look, int rtl, double width,
                                const inline_text *it)
{
	kg_buf key = KG_BUF_INIT;
	char *attrs = pango_attr_list_to_string(it->attrs);
	const char *family = look->family ? look->family : family_for(doc, look->lang);
	kg_buf_printf(&key, "%s|%d|%ld|%d|%ld|%s|%.9g|%zu|", look->lang, rtl,
	              lround(look->size * PANGO_SCALE), look->bold, lround(width * PANGO_SCALE), family,
	              doc->style.line_spacing, it->text.len);
	kg_buf_add(&key, it->text.data, it->text.len);
	kg_buf_puts(&key, attrs ? attrs : "");
	g_free(attrs);
	PangoLayout *layout = pdf_layout_cache_find(key.data, key.len);
	if (!layout) {
		layout = new_layout(doc, look->lang, rtl, look->size, look->bold, width, look->family);
		pango_layout_set_text(layout, it->text.data, (int)it->text.len);
		pango_layout_set_attributes(layout, it->attrs);
		pdf_layout_cache_keep(key.data, key.len, layout);
	}
	kg_buf_release(&key);
	return layout;
}

/* Adds a text block for the inlines of node (or for plain text when node
 * is NULL), then blocks for the images it holds. */
static pdf_block *add_text_block(walker *w, cmark_node *node, const char *plain, const text_look *look)
{
	pdf_doc *doc = w->doc;
	inline_text it = {doc,
	                  KG_BUF_INIT,
	                  pango_attr_list_new(),
	                  KG_ARRAY_INIT,
	                  KG_ARRAY_INIT,
	                  look->size,
	                  look->lang,
	                  !look->ltr && lang_is_rtl(doc, look->lang)};
	if (node)
		walk_inlines(&it, node);
	else
		add_text(&it, plain);
	pdf_block *b = NULL; /* valid until the next new_block() */
	size_t text_index = 0;
	if (it.text.len) {
		int text_rtl = !look->ltr && lang_is_rtl(doc, look->lang);
		b = new_block(w, PDF_TEXT);
		text_index = doc->block_count - 1;
		b->ink = look->ink;
		b->tag = w->tag_override && !strcmp(look->tag, "P") ? w->tag_override : look->tag;
		pango_attr_list_insert_before(
		    it.attrs, pango_attr_language_new(pango_language_from_string(look->lang)));
		b->layout = text_layout(doc, look, text_rtl, b->width, &it);
		kg_array_detach(&it.links, &b->links, &b->link_count);
		measure_lines(b);
		check_glyphs(doc, b->layout, look->lang);
		if (w->marker) {
			b->marker = new_layout(doc, doc->req->lang, doc->req->rtl, look->size, 0, -1, NULL);
			pango_layout_set_text(b->marker, w->marker, -1);
			check_glyphs(doc, b->marker, doc->req->lang);
			w->marker = NULL;
		}
	}
	pango_attr_list_unref(it.attrs);
	kg_buf_release(&it.text);
	for (size_t i = 0; i < it.images.count && !look->no_images; i++) {
		cmark_node *img = it.images.items[i];
		kg_buf alt = KG_BUF_INIT;
		for (cmark_node *c = cmark_node_first_child(img); c; c = cmark_node_next(c))
			if (cmark_node_get_literal(c))
				kg_buf_puts(&alt, cmark_node_get_literal(c));
		const char *path = doc->req->image_path
		                       ? doc->req->image_path(doc->req->image_ctx, cmark_node_get_url(img))
		                       : NULL;
		size_t plen = path ? strlen(path) : 0;
		cairo_surface_t *surface = NULL;
		kg_buf svg = KG_BUF_INIT;
		int iw = 0, ih = 0, usable = 0;
		if (plen > 4 && !strcasecmp(path + plen - 4, ".svg") && kg_buf_read_file(&svg, path) == 0) {
			kg_pdf_svg_for_librsvg(&svg);
			usable = pdf_svg_checked_size(svg.data, svg.len, doc->right - doc->left, &iw, &ih);
			if (!usable)
				kg_buf_reset(&svg);
		} else if (path) {
			surface = cairo_image_surface_create_from_png(path);
			usable = surface && cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS;
			if (usable) {
				iw = cairo_image_surface_get_width(surface);
				ih = cairo_image_surface_get_height(surface);
			}
		}
		if (usable) {
			pdf_block *ib = new_block(w, PDF_IMAGE);
			ib->tag = "Figure";
			ib->image = surface;
			ib->image_w = iw;
			ib->image_h = ih;
			double scale = PDF_POINTS_PER_PIXEL;
			if (iw * scale > ib->width)
				scale = ib->width / iw;
			double max_h = (doc->bottom - doc->top) * 0.8;
			if (ih * scale > max_h)
				scale = max_h / ih;
			ib->image_scale = scale;
			ib->height = ih * scale;
			ib->space_before = ib->space_after = doc->style.gap;
			ib->alt = kg_buf_detach(&alt, NULL);
			if (svg.len)
				ib->svg = kg_buf_detach(&svg, &ib->svg_len);
		} else {
			/* Not a PNG or SVG kitgen could read, or missing: the alt text in a frame. */
			if (surface)
				cairo_surface_destroy(surface);
			text_look alt_look = {look->lang, doc->style.body * 0.9, 0, 0.3, "Figure", NULL, 0,
			                      0};
			kg_buf shown = KG_BUF_INIT;
			kg_buf_printf(&shown, "%s", alt.len ? alt.data : cmark_node_get_url(img));
			pdf_block *ab = add_text_block(w, NULL, shown.data, &alt_look);
			if (ab) {
				ab->boxed = 1;
				ab->space_before = ab->space_after = doc->style.gap;
			}
			kg_buf_release(&shown);
		}
		kg_buf_release(&svg);
		kg_buf_release(&alt);
	}
	kg_array_release(&it.images);
	/* The image blocks may have moved the array: b by its index. */
	return b ? &doc->blocks[text_index] : NULL;
}

static int is_fallback(const pdf_doc *doc, cmark_node *node)
{
	return doc->req->fallback_marker && cmark_node_get_user_data(node) == doc->req->fallback_marker;
}

static const char *source_lang(const pdf_doc *doc)
{
	return doc->req->source_lang ? doc->req->source_lang : doc->req->lang;
}

const char *pdf_node_lang(const pdf_doc *doc, cmark_node *node)
{
	return node && is_fallback(doc, node) ? source_lang(doc) : doc->req->lang;
}

pdf_block *pdf_add_text(pdf_doc *doc, cmark_node *node, const char *plain, const char *lang, double size,
                        int bold, double ink, const char *tag)
{
	walker w = {doc, 0, 0, {0}, NULL, {NULL}, 0, NULL, 0};
	text_look look = {lang, size, bold, ink, tag, NULL, 0, 0};
	return add_text_block(&w, node, plain, &look);
}

void pdf_unit_error(pdf_doc *doc, cmark_node *node, const char *fmt, ...)
{
	const kg_pdf_request *req = doc->req;
	const char *file = NULL;
	int line = node && req->unit_position ? req->unit_position(req->position_ctx, node, &file) : 0;
	kg_buf message = KG_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	kg_buf_vprintf(&message, fmt, ap);
	va_end(ap);
	if (line > 0 && file)
		kg_error(doc->diags, file, line, 1, "%s (%s)", message.data, req->display_path);
	else
		kg_error(doc->diags, req->display_path, 0, 0, "%s", message.data);
	kg_buf_release(&message);
	doc->failed = 1;
}

/* A paragraph or heading, and in the bilingual variant its source below. */
static void add_unit(walker *w, cmark_node *node, cmark_node *source, text_look look)
{
	pdf_doc *doc = w->doc;
	int fallback = is_fallback(doc, node);
	if (fallback)
		look.lang = source_lang(doc);
	pdf_block *b = add_text_block(w, node, NULL, &look);
	double after = b ? b->space_after : 0;
	if (doc->req->variant == KG_PDF_BILINGUAL && source && !fallback) {
		if (b)
			b->space_after = doc->style.gap / 3;
		/* The source text is read aloud to a responder: 11 points at
		 * least, ink 0.3 (8.4:1 on white; the issue asks 7:1). */
		text_look src = {
		    source_lang(doc), fmax(look.size * doc->style.source_scale, 11), 0, 0.3, "P", NULL, 0, 1};
		if (look.size > doc->style.body)
			src.size = fmax(doc->style.body, 11); /* a heading's source reads as body text */
		pdf_block *sb = add_text_block(w, source, NULL, &src); /* b may have moved */
		if (sb)
			sb->space_after = after;
	}
}

static void walk_blocks(walker *w, cmark_node *parent, cmark_node *source_parent);

/* Heading text for the outline: line separators become spaces. */
static char *outline_text(const char *text)
{
	kg_buf out = KG_BUF_INIT;
	for (const char *p = text; *p; p++) {
		if (!strncmp(p, "\xe2\x80\xa8", 3)) {
			kg_buf_putc(&out, ' ');
			p += 2;
		} else {
			kg_buf_putc(&out, *p);
		}
	}
	return kg_buf_detach(&out, NULL);
}

static void walk_list(walker *w, cmark_node *list, cmark_node *source_list, int depth)
{
	pdf_doc *doc = w->doc;
	int ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
	long number = cmark_node_get_list_start(list);
	static const char *const bullets[] = {"\xe2\x80\xa2", "\xe2\x97\xa6", "\xe2\x96\xaa"};
	size_t first = doc->block_count;
	if (w->pending_count < PDF_MAX_TAGS)
		w->pending_opens[w->pending_count++] = "L";
	cmark_node *s = source_list ? cmark_node_first_child(source_list) : NULL;
	for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
		kg_buf marker = KG_BUF_INIT;
		if (ordered) {
			if (doc->req->format_int)
				doc->req->format_int(doc->req->format_ctx, number, &marker);
			else
				kg_buf_printf(&marker, "%ld", number);
			kg_buf_putc(&marker,
			            cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ')' : '.');
			number++;
		} else {
			kg_buf_puts(&marker, bullets[depth % 3]);
		}
		size_t item_first = doc->block_count;
		if (w->pending_count < PDF_MAX_TAGS)
			w->pending_opens[w->pending_count++] = "LI";
		double saved = w->indent;
		const char *saved_tag = w->tag_override;
		w->indent += doc->style.indent;
		w->marker = marker.data;
		w->tag_override = "LBody";
		walk_blocks(w, item, s);
		w->marker = NULL;
		w->indent = saved;
		w->tag_override = saved_tag;
		if (doc->block_count > item_first)
			doc->blocks[doc->block_count - 1].closes++;
		else
			w->pending_count--;
		kg_buf_release(&marker);
		s = s ? cmark_node_next(s) : NULL;
	}
	if (doc->block_count > first) {
		doc->blocks[doc->block_count - 1].closes++;
		doc->blocks[first].space_before = doc->style.gap;
		doc->blocks[doc->block_count - 1].space_after = doc->style.body * 0.6;
	} else {
		w->pending_count--;
	}
}

static int list_depth(cmark_node *node)
{
	int depth = 0;
	for (cmark_node *p = cmark_node_parent(node); p; p = cmark_node_parent(p))
		if (cmark_node_get_type(p) == CMARK_NODE_LIST)
			depth++;
	return depth;
}

/* The blocks from from up to stop (NULL: the last sibling). */
static void walk_range(walker *w, cmark_node *from, cmark_node *stop, cmark_node *source_first)
{
	pdf_doc *doc = w->doc;
	const pdf_style *st = &doc->style;
	cmark_node *s = source_first;
	for (cmark_node *c = from; c && c != stop; c = cmark_node_next(c)) {
		cmark_node_type type = cmark_node_get_type(c);
		if (s && cmark_node_get_type(s) != type)
			s = NULL; /* the documents differ here: stop pairing */
		int in_item = cmark_node_get_type(cmark_node_parent(c)) == CMARK_NODE_ITEM;
		switch (type) {
		case CMARK_NODE_PARAGRAPH: {
			text_look look = {doc->req->lang, st->body, 0, 0, "P", NULL, 0, 0};
			size_t before = doc->block_count;
			add_unit(w, c, s, look);
			for (size_t i = before; i < doc->block_count; i++) {
				if (i == before)
					doc->blocks[i].space_before = in_item ? st->gap / 2 : 0;
				if (doc->blocks[i].space_after == 0)
					doc->blocks[i].space_after = in_item ? st->gap / 2 : st->body * 0.6;
			}
			break;
		}
		case CMARK_NODE_HEADING: {
			int level = cmark_node_get_heading_level(c);
			static const char *const tags[] = {"H1", "H2", "H3", "H4", "H5", "H6"};
			double size = level <= 1   ? st->h1
			              : level == 2 ? st->h2
			              : level == 3 ? st->h3
			                           : st->body;
			text_look look = {
			    doc->req->lang, size, 1, 0, tags[level >= 1 && level <= 6 ? level - 1 : 5],
			    NULL,           0,    0};
			size_t before = doc->block_count;
			add_unit(w, c, s, look);
			if (doc->block_count > before) {
				/* The heading and, in a bilingual handout, its source
				 * line stay with what follows them. */
				for (size_t k = before; k < doc->block_count; k++)
					doc->blocks[k].keep_with_next = 1;
				pdf_block *h = &doc->blocks[before];
				h->heading_level = level;
				h->space_before = size * 0.9;
				if (h->space_after == 0)
					h->space_after = size * 0.35;
				h->outline = outline_text(pango_layout_get_text(h->layout));
				doc->blocks[doc->block_count - 1].space_after = size * 0.35;
			}
			break;
		}
		case CMARK_NODE_LIST: walk_list(w, c, s, list_depth(c)); break;
		case CMARK_NODE_BLOCK_QUOTE: {
			size_t first = doc->block_count;
			if (w->pending_count < PDF_MAX_TAGS)
				w->pending_opens[w->pending_count++] = "BlockQuote";
			double saved = w->indent;
			if (w->bars < 4)
				w->bar_offset[w->bars] = w->indent + st->gap / 2;
			w->bars++;
			w->indent += st->indent;
			walk_blocks(w, c, s);
			w->bars--;
			w->indent = saved;
			if (doc->block_count > first)
				doc->blocks[doc->block_count - 1].closes++;
			else
				w->pending_count--;
			break;
		}
		case CMARK_NODE_CODE_BLOCK: {
			text_look look = {doc->req->lang, st->body * 0.9, 0, 0, "P", "Noto Sans Mono", 1, 0};
			kg_buf code = KG_BUF_INIT;
			kg_buf_puts(&code, cmark_node_get_literal(c));
			while (code.len && code.data[code.len - 1] == '\n')
				kg_buf_truncate(&code, code.len - 1);
			/* Code is in no human language: set it in the handout's. */
			pdf_block *b = add_text_block(w, NULL, code.data, &look);
			if (b) {
				b->code = 1;
				b->space_before = st->gap / 2;
				b->space_after = st->body * 0.8;
			}
			kg_buf_release(&code);
			break;
		}
		case CMARK_NODE_THEMATIC_BREAK: {
			pdf_block *b = new_block(w, PDF_RULE);
			b->height = st->body;
			b->space_before = b->space_after = st->gap;
			break;
		}
		default: break; /* raw HTML blocks are not drawn */
		}
		s = s ? cmark_node_next(s) : NULL;
	}
}

static void walk_blocks(walker *w, cmark_node *parent, cmark_node *source_parent)
{
	walk_range(w, cmark_node_first_child(parent), NULL,
	           source_parent ? cmark_node_first_child(source_parent) : NULL);
}

void pdf_add_blocks(pdf_doc *doc, cmark_node *block)
{
	walker w = {doc, 0, 0, {0}, NULL, {NULL}, 0, NULL, 0};
	walk_range(&w, block, cmark_node_next(block), NULL);
}

/* ---- page 1: title, notices and the QR code ---- */

static void make_qr(pdf_doc *doc)
{
	const kg_pdf_request *req = doc->req;
	if (!req->url || !req->url[0])
		return;
	QRcode *qr = QRcode_encodeString(req->url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!qr)
		return;
	doc->qr_width = qr->width;
	doc->qr = kg_malloc((size_t)qr->width * (size_t)qr->width);
	for (int i = 0; i < qr->width * qr->width; i++)
		doc->qr[i] = qr->data[i] & 1;
	QRcode_free(qr);
	/* Four modules of quiet zone on every side, as the standard asks. */
	doc->qr_size = (doc->qr_width + 8) * doc->style.qr_module;
	doc->qr_x = req->rtl ? doc->left : doc->right - doc->qr_size;
	doc->qr_y = doc->top;
	/* The caption starts in the lower quiet zone, which needs only white. */
	doc->qr_caption_y = doc->qr_y + doc->qr_size - doc->style.qr_module * 2;
	if (req->qr_caption && req->qr_caption[0]) {
		doc->qr_caption =
		    new_layout(doc, req->lang, req->rtl, doc->style.small, 0, doc->qr_size, NULL);
		pango_layout_set_alignment(doc->qr_caption, PANGO_ALIGN_CENTER);
		pango_layout_set_text(doc->qr_caption, req->qr_caption, -1);
		check_glyphs(doc, doc->qr_caption, req->lang);
	}
}

/* The organization's logo, at most height points high and a third of the
 * text width, scaled the same both ways (never distorted). */
static pdf_block *add_logo(walker *w, const char *path, double height)
{
	pdf_doc *doc = w->doc;
	size_t plen = strlen(path);
	cairo_surface_t *surface = plen > 4 && !strcasecmp(path + plen - 4, ".svg")
	                               ? pdf_svg_file_raster(path, (doc->right - doc->left) / 3)
	                               : cairo_image_surface_create_from_png(path);
	if (!surface || cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
		if (surface)
			cairo_surface_destroy(surface);
		kg_error(doc->diags, path, 0, 0, "cannot read the organization's logo (a PNG or SVG file)");
		doc->failed = 1;
		return NULL;
	}
	pdf_block *ib = new_block(w, PDF_IMAGE);
	ib->tag = "Figure";
	ib->image = surface;
	int iw = cairo_image_surface_get_width(surface), ih = cairo_image_surface_get_height(surface);
	ib->image_w = iw;
	ib->image_h = ih;
	double scale = height / ih;
	if (iw * scale > (doc->right - doc->left) / 3)
		scale = (doc->right - doc->left) / 3 / iw;
	ib->image_scale = scale;
	ib->height = ih * scale;
	ib->space_after = doc->style.gap;
	ib->alt = kg_strdup(doc->req->organization ? doc->req->organization : "");
	return ib;
}

pdf_block *pdf_add_logo(pdf_doc *doc, const char *path, double height)
{
	walker w = {doc, 0, 0, {0}, NULL, {NULL}, 0, NULL, 0};
	return add_logo(&w, path, height);
}

static void add_front_matter(walker *w)
{
	pdf_doc *doc = w->doc;
	const kg_pdf_request *req = doc->req;
	const pdf_style *st = &doc->style;
	w->header_zone = 1;
	if (req->logo_path && req->logo_path[0])
		add_logo(w, req->logo_path, 40);
	if (req->title && req->title[0]) {
		text_look look = {
		    req->title_lang ? req->title_lang : req->lang, st->h1, 1, 0, "H1", NULL, 0, 0};
		pdf_block *b = add_text_block(w, NULL, req->title, &look);
		if (b) {
			b->heading_level = 1;
			b->outline = kg_strdup(req->title);
			b->space_after = st->gap;
		}
		int title_is_source =
		    req->title_lang && req->source_lang && !strcmp(req->title_lang, req->source_lang);
		if (req->variant == KG_PDF_BILINGUAL && req->source_title && req->source_title[0] &&
		    !title_is_source) {
			text_look src = {
			    source_lang(doc), fmax(st->h2 * st->source_scale, 11), 0, 0.3, "P", NULL, 0, 0};
			pdf_block *sb = add_text_block(w, NULL, req->source_title, &src);
			if (sb)
				sb->space_after = st->gap;
		}
	}
	if (req->updated && req->updated[0]) {
		text_look look = {req->lang, st->small * 1.1, 0, 0.3, "P", NULL, 0, 0};
		pdf_block *b = add_text_block(w, NULL, req->updated, &look);
		if (b)
			b->space_after = st->gap;
	}
	if (req->organization && req->organization[0]) {
		text_look look = {req->lang, st->small * 1.1, 0, 0.25, "P", NULL, 0, 0};
		pdf_block *b = add_text_block(w, NULL, req->organization, &look);
		if (b)
			b->space_after = st->gap;
	}
	if (req->draft_notice && req->draft_notice[0]) {
		text_look look = {req->lang, st->body * 0.95, 1, 0, "P", NULL, 0, 0};
		pdf_block *b =
		    add_text_block(w, NULL, req->draft_notice, &look); /* padded in pdf_pad_boxes */
		if (b) {
			b->boxed = 1;
			b->space_before = st->gap;
			b->space_after = st->gap * 2;
		}
	}
	w->header_zone = 0;
}

/* Frames need room inside: narrow the text and grow the block. */
void pdf_pad_boxes(pdf_doc *doc)
{
	double pad = doc->style.gap;
	for (size_t i = 0; i < doc->block_count; i++) {
		pdf_block *b = &doc->blocks[i];
		if (!(b->boxed || b->code) || b->kind != PDF_TEXT)
			continue;
		b->x += pad;
		b->width -= 2 * pad;
		/* A copy (the layout may be shared), itself kept: every document
		 * of a language frames the same draft notice, and laying it out
		 * again per document was 4 % of an Urdu handout build. */
		PangoLayout *narrow =
		    pdf_layout_cache_at_width(b->layout, (int)lround(b->width * PANGO_SCALE));
		g_object_unref(b->layout);
		b->layout = narrow;
		free(b->lines);
		measure_lines(b);
		b->height += 2 * pad;
	}
}

int pdf_doc_layout(pdf_doc *doc, const kg_pdf_request *req, kg_diags *diags)
{
	memset(doc, 0, sizeof(*doc));
	doc->req = req;
	doc->diags = diags;
	int a4 = req->paper == KG_PAPER_A4;
	switch (req->variant) {
	case KG_PDF_LARGE: doc->style = large_style; break;
	case KG_PDF_BOOKLET: doc->style = booklet_style; break;
	case KG_PDF_CARD: doc->style = card_style; break;
	case KG_PDF_SLIDES: doc->style = slides_style; break;
	default: doc->style = standard_style; break;
	}
	doc->page_w = a4 ? 595 : 612;
	doc->page_h = a4 ? 842 : 792;
	if (req->variant == KG_PDF_BOOKLET) { /* half of a landscape sheet */
		doc->page_w = a4 ? 421 : 396;
		doc->page_h = a4 ? 595 : 612;
	} else if (req->variant == KG_PDF_CARD) { /* ISO/IEC 7810 ID-1 */
		doc->page_w = MM(85.6);
		doc->page_h = MM(54);
	} else if (req->variant == KG_PDF_SLIDES) { /* 16:9 */
		doc->page_w = MM(338.7);
		doc->page_h = MM(190.5);
	}
	doc->margin = doc->style.margin;
	doc->top = doc->margin;
	if (req->variant == KG_PDF_BOOKLET)
		doc->top = 50; /* room for the running header and a SAMPLE band above it */
	if (req->variant == KG_PDF_SLIDES)
		doc->top = 64; /* the kit's title and a SAMPLE band above it, as on handouts */
	doc->bottom = doc->page_h - doc->margin;
	doc->left = doc->margin;
	doc->right = doc->page_w - doc->margin;
	doc->tagged = req->variant <= KG_PDF_BILINGUAL || req->variant == KG_PDF_SLIDES;
	if (req->variant == KG_PDF_CARD) {
		pdf_card_layout(doc);
	} else if (req->variant == KG_PDF_SLIDES) {
		pdf_deck_layout(doc);
	} else {
		make_qr(doc);
		walker w = {doc, 0, 0, {0}, NULL, {NULL}, 0, NULL, 0};
		add_front_matter(&w);
		if (req->doc)
			walk_blocks(&w, req->doc, req->variant == KG_PDF_BILINGUAL ? req->source_doc : NULL);
		pdf_pad_boxes(doc);
		pdf_paginate(doc);
	}
	pdf_sheets_plan(doc);
	return doc->failed ? -1 : 0;
}

void pdf_drop_blocks(pdf_doc *doc, size_t from)
{
	for (size_t i = from; i < doc->block_count; i++) {
		pdf_block *b = &doc->blocks[i];
		if (b->layout)
			g_object_unref(b->layout);
		if (b->marker)
			g_object_unref(b->marker);
		if (b->image)
			cairo_surface_destroy(b->image);
		free(b->svg);
		for (size_t j = 0; j < b->link_count; j++)
			free(b->links[j].uri);
		free(b->links);
		free(b->lines);
		free(b->outline);
		free(b->alt);
		memset(b, 0, sizeof(*b));
	}
	if (from < doc->block_count)
		doc->block_count = from;
}

void pdf_doc_release(pdf_doc *doc)
{
	pdf_drop_blocks(doc, 0);
	free(doc->blocks);
	free(doc->fragments);
	free(doc->qr);
	if (doc->qr_caption)
		g_object_unref(doc->qr_caption);
	if (doc->sample_layout)
		g_object_unref(doc->sample_layout);
	if (doc->header_layout)
		g_object_unref(doc->header_layout);
	for (size_t i = 0; i < doc->context_count; i++) {
		g_object_unref(doc->contexts[i].context);
		free(doc->contexts[i].lang);
	}
	memset(doc, 0, sizeof(*doc));
}
