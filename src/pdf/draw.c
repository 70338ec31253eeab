/* draw.c: draws laid-out documents (layout.c) on Cairo's PDF surface,
 * sheet by sheet (sheets.c): handouts as tagged PDFs with live links, an
 * outline and a QR code; cards and booklets as print sheets. A set of
 * documents is drawn twice: once to collect the glyphs each font draws,
 * then with the fonts embed.c cut down to those glyphs. One sheet can
 * also be drawn on an image surface, with Pango's own renderer and the
 * full fonts, for raster comparison. Owns the surfaces and the Cairo lock;
 * borrows the requests. See pdf.h for the contract.
 */
#define _GNU_SOURCE /* memmem */
#include "pdf/pdf_internal.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/deflate.h"

#include <cairo-pdf.h>
#include <librsvg/rsvg.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Cairo writes /CreationDate from the clock unless told otherwise; any
 * fixed value keeps two renders byte-identical. */
#define PDF_FIXED_DATE "2000-01-01T00:00:00Z"

typedef struct painter {
	pdf_doc *doc;
	cairo_t *cr;
	cairo_surface_t *pdf;   /* NULL when drawing an image or collecting glyphs */
	PangoRenderer *text;    /* embed.c's renderer; NULL: Pango's Cairo renderer (images) */
	int outline[7];         /* latest outline item per heading level */
	const char *groups[16]; /* open grouping tags ("L", "LI", "BlockQuote") */
	int group_depth;
} painter;

/* An SVG as vectors (its text as text, which pdftotext and screen readers
 * find) in the place its raster would take. Returns 0 when librsvg
 * cannot draw it: the raster is drawn instead. */
static int draw_svg(cairo_t *cr, const pdf_block *b, double x, double y, double w)
{
	GError *error = NULL;
	RsvgHandle *handle = rsvg_handle_new_from_data((const guint8 *)b->svg, b->svg_len, &error);
	if (!handle) {
		if (error)
			g_error_free(error);
		return 0;
	}
	double h = b->image_h * b->image_scale;
	RsvgRectangle viewport = {x, y, w, h};
	cairo_save(cr);
	int ok = rsvg_handle_render_document(handle, cr, &viewport, &error);
	cairo_restore(cr);
	if (error)
		g_error_free(error);
	g_object_unref(handle);
	return ok;
}

static void set_ink(cairo_t *cr, double ink) { cairo_set_source_rgb(cr, ink, ink, ink); }

/* Structure tags, the outline and links: tagged handouts only (the pages
 * of cards and booklets are not in reading order on their sheets). */
static int tagging(const painter *p) { return p->pdf && p->doc->tagged; }

static void show_line(painter *p, PangoLayoutLine *line, double x, double baseline)
{
	if (p->text) {
		pdf_renderer_show_line(p->text, line, x, baseline);
	} else {
		cairo_move_to(p->cr, x, baseline);
		pango_cairo_show_layout_line(p->cr, line);
	}
}

static void show_layout(painter *p, PangoLayout *layout, double x, double top)
{
	if (p->text) {
		pdf_renderer_show_layout(p->text, layout, x, top);
	} else {
		cairo_move_to(p->cr, x, top);
		pango_cairo_show_layout(p->cr, layout);
	}
}

/* Appends s for a single-quoted string in a Cairo tag attribute. */
static void add_attr_string(kg_buf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\'' || *s == '\\')
			kg_buf_putc(out, '\\');
		kg_buf_putc(out, *s);
	}
}

static void draw_links(painter *p, const pdf_block *b, const pdf_fragment *f, double y0)
{
	for (size_t i = 0; i < b->link_count; i++) {
		const pdf_link *link = &b->links[i];
		kg_buf attrs = KG_BUF_INIT;
		kg_buf_puts(&attrs, "rect=[");
		int rects = 0;
		for (int l = f->from; l < f->to; l++) {
			PangoLayoutLine *line = pango_layout_get_line_readonly(b->layout, l);
			if (link->end <= line->start_index || link->start >= line->start_index + line->length)
				continue;
			int *ranges = NULL, n = 0;
			pango_layout_line_get_x_ranges(line, link->start, link->end, &ranges, &n);
			for (int r = 0; r < n; r++) {
				double x0 = b->x + (double)ranges[2 * r] / PANGO_SCALE;
				double x1 = b->x + (double)ranges[2 * r + 1] / PANGO_SCALE;
				kg_buf_printf(&attrs, "%s%.2f %.2f %.2f %.2f", rects++ ? " " : "", x0,
				              y0 + b->lines[l].top - b->lines[f->from].top, x1 - x0,
				              b->lines[l].bottom - b->lines[l].top);
			}
			g_free(ranges);
		}
		kg_buf_puts(&attrs, "] uri='");
		add_attr_string(&attrs, link->uri);
		kg_buf_putc(&attrs, '\'');
		if (rects) {
			cairo_tag_begin(p->cr, CAIRO_TAG_LINK, attrs.data);
			cairo_tag_end(p->cr, CAIRO_TAG_LINK);
		}
		kg_buf_release(&attrs);
	}
}

static void draw_text(painter *p, const pdf_block *b, const pdf_fragment *f)
{
	cairo_t *cr = p->cr;
	double pad = (b->boxed || b->code) ? p->doc->style.gap : 0;
	double top = f->y;
	double height = b->line_count ? b->lines[f->to - 1].bottom - b->lines[f->from].top : 0;
	if (b->boxed || b->code) {
		double x0 = b->x - pad, w = b->width + 2 * pad;
		cairo_rectangle(cr, x0, top, w, height + 2 * pad);
		cairo_set_source_rgb(cr, b->boxed ? 1.0 : 0.95, b->boxed ? 0.96 : 0.95,
		                     b->boxed ? 0.85 : 0.95);
		cairo_fill_preserve(cr);
		if (b->boxed) {
			cairo_set_line_width(cr, 1.5);
			cairo_set_source_rgb(cr, 0.55, 0.4, 0.0);
			cairo_stroke(cr);
		} else {
			cairo_new_path(cr);
		}
	}
	set_ink(cr, b->ink);
	for (int l = f->from; l < f->to; l++) {
		PangoLayoutLine *line = pango_layout_get_line_readonly(b->layout, l);
		double baseline = top + pad + b->lines[l].baseline - b->lines[f->from].top;
		show_line(p, line, b->x + b->lines[l].x, baseline);
	}
	if (b->marker && f->from == 0) {
		int mw, mh;
		pango_layout_get_size(b->marker, &mw, &mh);
		double gap = p->doc->style.gap;
		double mx = b->rtl ? b->x + b->width + gap : b->x - gap - (double)mw / PANGO_SCALE;
		double baseline = top + pad + b->lines[0].baseline - b->lines[0].top;
		set_ink(cr, b->ink);
		show_layout(p, b->marker, mx,
		            baseline - (double)pango_layout_get_baseline(b->marker) / PANGO_SCALE);
	}
	if (b->bars) {
		cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
		for (int i = 0; i < b->bars && i < 4; i++)
			cairo_rectangle(cr, b->bar_x[i] - 1.5, top - 2, 3, height + 4);
		cairo_fill(cr);
	}
	if (tagging(p))
		draw_links(p, b, f, top + pad);
}

static void draw_fragment(painter *p, const pdf_fragment *f)
{
	pdf_doc *doc = p->doc;
	const pdf_block *b = &doc->blocks[f->block];
	cairo_t *cr = p->cr;
	int first = f->from == 0;
	int last = b->kind != PDF_TEXT || f->to == b->line_count;
	if (tagging(p) && first)
		for (int i = 0; i < b->open_count; i++) {
			cairo_tag_begin(cr, b->opens[i], NULL);
			if (p->group_depth < 16)
				p->groups[p->group_depth++] = b->opens[i];
		}
	if (tagging(p) && b->heading_level && first) {
		int level = b->heading_level > 6 ? 6 : b->heading_level;
		int parent = CAIRO_PDF_OUTLINE_ROOT;
		for (int l = level - 1; l >= 1; l--)
			if (p->outline[l]) {
				parent = p->outline[l];
				break;
			}
		kg_buf dest = KG_BUF_INIT;
		kg_buf_printf(&dest, "page=%d pos=[%.2f %.2f]", f->page + 1, b->x, f->y);
		p->outline[level] =
		    cairo_pdf_surface_add_outline(p->pdf, parent, b->outline ? b->outline : "", dest.data, 0);
		for (int l = level + 1; l < 7; l++)
			p->outline[l] = 0;
		kg_buf_release(&dest);
	}
	if (tagging(p) && b->tag)
		cairo_tag_begin(cr, b->tag, NULL);
	switch (b->kind) {
	case PDF_TEXT: draw_text(p, b, f); break;
	case PDF_RULE:
		cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
		cairo_rectangle(cr, doc->left, f->y + b->height / 2 - 0.5, doc->right - doc->left, 1);
		cairo_fill(cr);
		break;
	case PDF_IMAGE: {
		if (!p->pdf && p->text)
			break; /* collecting glyphs */
		double w = b->image_w * b->image_scale;
		double x = b->rtl ? b->x + b->width - w : b->x;
		if (p->pdf && b->svg && draw_svg(cr, b, x, f->y, w))
			break;
		/* an image surface, or vectors librsvg could not draw: the raster */
		cairo_surface_t *raster = b->image ? cairo_surface_reference(b->image)
		                          : b->svg
		                              ? pdf_svg_raster(b->svg, b->svg_len, b->image_w, b->image_h)
		                              : NULL;
		if (!raster)
			break;
		cairo_save(cr);
		cairo_translate(cr, x, f->y);
		cairo_scale(cr, b->image_scale, b->image_scale);
		cairo_set_source_surface(cr, raster, 0, 0);
		cairo_paint(cr);
		cairo_restore(cr);
		cairo_surface_destroy(raster);
		break;
	}
	case PDF_SPACER: break;
	}
	if (tagging(p) && b->tag)
		cairo_tag_end(cr, b->tag);
	if (tagging(p) && last)
		for (int i = 0; i < b->closes && p->group_depth > 0; i++)
			cairo_tag_end(cr, p->groups[--p->group_depth]);
}

static void draw_qr(painter *p)
{
	pdf_doc *doc = p->doc;
	if (!doc->qr)
		return;
	cairo_t *cr = p->cr;
	double m = doc->style.qr_module;
	double x0 = doc->qr_x + 4 * m, y0 = doc->qr_y + 4 * m;
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, doc->qr_x, doc->qr_y, doc->qr_size, doc->qr_size);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	/* One rectangle per horizontal run of dark modules: crisp and small. */
	for (int r = 0; r < doc->qr_width; r++) {
		for (int c = 0; c < doc->qr_width;) {
			if (!doc->qr[r * doc->qr_width + c]) {
				c++;
				continue;
			}
			int end = c;
			while (end < doc->qr_width && doc->qr[r * doc->qr_width + end])
				end++;
			cairo_rectangle(cr, x0 + c * m, y0 + r * m, (end - c) * m, m);
			c = end;
		}
	}
	cairo_fill(cr);
	if (doc->qr_caption) {
		set_ink(cr, 0.2);
		show_layout(p, doc->qr_caption, doc->qr_x, doc->qr_caption_y);
	}
	if (tagging(p) && doc->req->url) {
		kg_buf attrs = KG_BUF_INIT;
		kg_buf_printf(&attrs, "rect=[%.2f %.2f %.2f %.2f] uri='", doc->qr_x, doc->qr_y, doc->qr_size,
		              doc->qr_size);
		add_attr_string(&attrs, doc->req->url);
		kg_buf_putc(&attrs, '\'');
		cairo_tag_begin(cr, CAIRO_TAG_LINK, attrs.data);
		cairo_tag_end(cr, CAIRO_TAG_LINK);
		kg_buf_release(&attrs);
	}
}

/* "Page {n} of {m}" with both numbers in the language's digits. */
static void page_label(const kg_pdf_request *req, int n, int m, kg_buf *out)
{
	const char *pattern = req->page_label && req->page_label[0] ? req->page_label : "{n} / {m}";
	for (const char *s = pattern; *s;) {
		if (!strncmp(s, "{n}", 3) || !strncmp(s, "{m}", 3)) {
			long long value = s[1] == 'n' ? n : m;
			if (req->format_int)
				req->format_int(req->format_ctx, value, out);
			else
				kg_buf_printf(out, "%lld", value);
			s += 3;
		} else {
			kg_buf_putc(out, *s++);
		}
	}
}

static void draw_margins(painter *p, int page)
{
	pdf_doc *doc = p->doc;
	const kg_pdf_request *req = doc->req;
	cairo_t *cr = p->cr;
	/* Running header and footer are artifacts, outside the structure tree. */
	if (req->kit_title && req->kit_title[0]) {
		if (!doc->header_layout) /* the same on every page */
			doc->header_layout =
			    pdf_doc_simple_layout(doc, req->kit_title, req->lang, req->rtl, doc->style.small,
			                          doc->right - doc->left, 0);
		int w, hh;
		pango_layout_get_size(doc->header_layout, &w, &hh);
		set_ink(cr, 0.35);
		show_layout(p, doc->header_layout, doc->left, doc->top - 12 - (double)hh / PANGO_SCALE);
		cairo_set_source_rgb(cr, 0.75, 0.75, 0.75);
		cairo_rectangle(cr, doc->left, doc->top - 8, doc->right - doc->left, 0.5);
		cairo_fill(cr);
	}
	kg_buf label = KG_BUF_INIT;
	page_label(req, page + 1, doc->pages, &label);
	PangoLayout *f = pdf_doc_simple_layout(doc, label.data, req->lang, req->rtl, doc->style.small * 1.1,
	                                       doc->right - doc->left, 0);
	pango_layout_set_alignment(f, PANGO_ALIGN_CENTER);
	set_ink(cr, 0.2);
	double label_y = doc->bottom + (doc->margin > 40 ? 16 : 10);
	show_layout(p, f, doc->left, label_y);
	if (req->reviewed && req->reviewed[0]) {
		/* The review line under the page number, or above it when the
		 * margin has no room below (it wraps in a narrow booklet). */
		int fw, fh, rw, rh;
		pango_layout_get_size(f, &fw, &fh);
		PangoLayout *r = pdf_doc_simple_layout(doc, req->reviewed, req->lang, req->rtl,
		                                       doc->style.small, doc->right - doc->left, 0);
		pango_layout_set_alignment(r, PANGO_ALIGN_CENTER);
		pango_layout_get_size(r, &rw, &rh);
		double y = label_y + (double)fh / PANGO_SCALE + 2;
		if (y + (double)rh / PANGO_SCALE > doc->page_h - 4)
			y = label_y - (double)rh / PANGO_SCALE - 1;
		set_ink(cr, 0.35);
		show_layout(p, r, doc->left, y);
		g_object_unref(r);
	}
	g_object_unref(f);
	kg_buf_release(&label);
}

/* "SAMPLE — …" as a red band across the top of every page, above the
 * running header: a kit whose facts are not filled in is not printed by
 * mistake. Drawn by kitgen whatever the translation says (an empty one
 * falls back to English), horizontal so that text extraction reads it.
 * The band spans w points (the page's, or a card sheet's). */
static void draw_sample_band(painter *p, double w, double band_h)
{
	pdf_doc *doc = p->doc;
	const kg_pdf_request *req = doc->req;
	if (!req->sample_mark || !req->sample_mark[0])
		return;
	cairo_t *cr = p->cr;
	double band_top = 6;
	if (band_h > 22)
		band_h = 22;
	cairo_set_source_rgb(cr, 0.99, 0.90, 0.91);
	cairo_rectangle(cr, 0, band_top, w, band_h);
	cairo_fill(cr);
	/* One line, whatever the language: smaller type until it fits the
	 * band's width (never below 6 points), so it never runs into the
	 * header. Large print keeps the band at the standard size. Fitted
	 * once per width (pdf_doc_fitted_line): each try is a new font size
	 * to shape the text at, 18 % of an Urdu PDF build when it was done
	 * per page. */
	double width = w - 24;
	if (!doc->sample_layout || doc->sample_w != width) {
		if (doc->sample_layout)
			g_object_unref(doc->sample_layout);
		double size = doc->style.small * 1.1;
		if (size > 10)
			size = 10;
		doc->sample_layout =
		    pdf_doc_fitted_line(doc, req->sample_mark, req->lang, req->rtl, size, 6, width, 1);
		doc->sample_w = width;
	}
	int lw, h;
	pango_layout_get_size(doc->sample_layout, &lw, &h);
	cairo_set_source_rgb(cr, 0.62, 0.0, 0.09);
	show_layout(p, doc->sample_layout, 12, band_top + (band_h - (double)h / PANGO_SCALE) / 2);
}

static void draw_sample_mark(painter *p)
{
	pdf_doc *doc = p->doc;
	draw_sample_band(p, doc->page_w, doc->top - 12 - 26); /* clear of the header line */
}

static void draw_page(painter *p, int page)
{
	pdf_doc *doc = p->doc;
	if (doc->req->variant != KG_PDF_CARD) { /* cards: no running header, the band is the sheet's */
		draw_sample_mark(p);
		draw_margins(p, page);
	}
	if (page == 0)
		draw_qr(p);
	for (size_t i = 0; i < doc->fragment_count; i++)
		if (doc->fragments[i].page == page)
			draw_fragment(p, &doc->fragments[i]);
}

/* One printed sheet: its pages where sheets.c puts them, and its marks. */
static void draw_sheet(painter *p, int sheet)
{
	pdf_doc *doc = p->doc;
	pdf_slot slots[PDF_MAX_SLOTS];
	int n = pdf_sheet_slots(doc, sheet, slots);
	if (doc->req->variant == KG_PDF_STANDARD || doc->req->variant == KG_PDF_LARGE ||
	    doc->req->variant == KG_PDF_BILINGUAL || doc->req->variant == KG_PDF_SLIDES) {
		draw_page(p, sheet);
		return;
	}
	if (doc->req->variant == KG_PDF_CARD && doc->card_y > 34)
		draw_sample_band(p, doc->sheet_w, 22);
	for (int i = 0; i < n; i++) {
		if (slots[i].page < 0)
			continue; /* a blank page of a booklet */
		cairo_save(p->cr);
		cairo_rectangle(p->cr, slots[i].x, slots[i].y, doc->page_w, doc->page_h);
		cairo_clip(p->cr);
		cairo_translate(p->cr, slots[i].x, slots[i].y);
		draw_page(p, slots[i].page);
		cairo_restore(p->cr);
	}
	if (p->cr)
		pdf_sheet_marks(doc, p->cr);
}

static cairo_status_t write_to_buf(void *closure, const unsigned char *data, unsigned int length)
{
	kg_buf_add(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

/* Cairo 1.16 has no way to set the document language (/Lang in the
 * Catalog), which screen readers use to pick a voice. Cairo writes one
 * classic cross-reference table with fixed-width entries, so the key can
 * be added after the fact by shifting the offsets that follow it. Anything
 * unexpected leaves the PDF as Cairo wrote it. */
/* First (or with last set, last) occurrence of needle in data[0..len):
 * PDF bytes hold NULs, so the str* functions will not do. */
static char *find_bytes(char *data, size_t len, const char *needle, int last)
{
	size_t n = strlen(needle);
	char *found = NULL;
	/* glibc's memmem, not a byte loop: the five searches read every byte
	 * of every PDF (1.5 % of a Khmer handout build's instructions). */
	for (char *at = data, *end = data + len; at < end && (at = memmem(at, (size_t)(end - at), needle, n));
	     at++) {
		found = at;
		if (!last)
			break;
	}
	return found;
}

static void insert_lang(kg_buf *pdf, size_t start, const char *lang)
{
	for (const char *c = lang; *c; c++)
		if (!g_ascii_isalnum(*c) && *c != '-')
			return; /* not a plain BCP 47 tag: nothing to escape, so skip */
	char *data = pdf->data + start;
	size_t len = pdf->len - start;
	char *catalog = find_bytes(data, len, "/Type /Catalog", 0);
	char *xref = find_bytes(data, len, "\nxref\n", 1);
	char *startxref = find_bytes(data, len, "\nstartxref\n", 1);
	if (!catalog || !xref || !startxref || xref < catalog || startxref < xref ||
	    find_bytes(data, len, "/Type /Catalog", 1) != catalog || find_bytes(data, len, "/Lang", 0))
		return;
	size_t at = (size_t)(catalog - data) + strlen("/Type /Catalog");
	kg_buf insert = KG_BUF_INIT;
	kg_buf_printf(&insert, "\n   /Lang (%s)", lang);
	/* Parse the table: "xref\n0 N\n" then N entries of 20 bytes. */
	char *p = xref + strlen("\nxref\n");
	char *end;
	long first = strtol(p, &end, 10);
	long count = end > p && *end == ' ' ? strtol(end + 1, &end, 10) : -1;
	if (first != 0 || count <= 0 || *end != '\n') {
		kg_buf_release(&insert);
		return;
	}
	char *entries = end + 1;
	if (entries + count * 20 > data + len) {
		kg_buf_release(&insert);
		return;
	}
	for (long i = 0; i < count; i++) {
		char *e = entries + i * 20;
		if (e[10] != ' ' || e[16] != ' ' || (e[17] != 'n' && e[17] != 'f')) {
			kg_buf_release(&insert);
			return;
		}
	}
	for (long i = 0; i < count; i++) {
		char *e = entries + i * 20;
		if (e[17] != 'n')
			continue;
		long offset = strtol(e, NULL, 10);
		if ((size_t)offset > at) {
			char digits[11];
			snprintf(digits, sizeof(digits), "%010ld", offset + (long)insert.len);
			memcpy(e, digits, 10);
		}
	}
	char *sx = startxref + strlen("\nstartxref\n");
	long xref_at = strtol(sx, &end, 10);
	size_t sx_off = (size_t)(sx - data), sx_len = (size_t)(end - sx);
	kg_buf fixed = KG_BUF_INIT;
	kg_buf_add(&fixed, data, at);
	kg_buf_add(&fixed, insert.data, insert.len);
	kg_buf_add(&fixed, data + at, sx_off - at);
	kg_buf_printf(&fixed, "%ld", xref_at + (long)insert.len);
	kg_buf_add(&fixed, data + sx_off + sx_len, len - sx_off - sx_len);
	kg_buf_truncate(pdf, start);
	kg_buf_add(pdf, fixed.data, fixed.len);
	kg_buf_release(&fixed);
	kg_buf_release(&insert);
}

static void fill_stats(const pdf_doc *doc, kg_pdf_stats *stats)
{
	memset(stats, 0, sizeof(*stats));
	stats->pages = doc->sheets;
	stats->logical_pages = doc->logical_pages;
	stats->blank_pages = doc->logical_pages - doc->pages;
	if (doc->req->variant == KG_PDF_CARD)
		stats->logical_pages = doc->pages, stats->blank_pages = 0;
	stats->body_size = doc->style.body;
	stats->qr_module = doc->qr ? doc->style.qr_module : 0;
	for (size_t i = 0; i < doc->block_count; i++) {
		const pdf_block *b = &doc->blocks[i];
		if (b->kind == PDF_TEXT && b->tag && (!strcmp(b->tag, "P") || !strcmp(b->tag, "LBody")) &&
		    !b->header_zone && b->ink == 0 && b->line_count >= 2) {
			stats->line_height = b->lines[1].baseline - b->lines[0].baseline;
			break;
		}
	}
}

/* Cairo 1.16 shares FreeType faces between threads without enough locking:
 * rendering handouts on several threads crashed in FT_Load_Glyph (about one
 * build in three at -j4). One render at a time in a process, then; worker
 * processes (workers.c) draw on the other cores. Remove when Cairo >=
 * 1.17.6 is the floor. The one lock for every Cairo, Pango and librsvg
 * drawing of the process (share images and office copies take it too, via
 * kg_cairo_lock: two locks let them race, and a share PNG came out
 * different from one build to the next). */
static pthread_mutex_t cairo_lock = PTHREAD_MUTEX_INITIALIZER;

void kg_cairo_lock(void) { pthread_mutex_lock(&cairo_lock); }
void kg_cairo_unlock(void) { pthread_mutex_unlock(&cairo_lock); }

/* Draws doc as a PDF into out with the set's fonts; 0 or -1. */
static int write_pdf(pdf_doc *doc, PangoRenderer *text, kg_buf *out, kg_pdf_stats *stats)
{
	const kg_pdf_request *req = doc->req;
	size_t start = out->len;
	kg_deflate_begin(); /* Cairo's streams compressed by libdeflate (base/deflate.h) */
	cairo_surface_t *surface =
	    cairo_pdf_surface_create_for_stream(write_to_buf, out, doc->sheet_w, doc->sheet_h);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, req->title ? req->title : "");
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "kitgen");
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, PDF_FIXED_DATE);
	cairo_t *cr = cairo_create(surface);
	pdf_renderer_set_target(text, cr);
	painter p = {doc, cr, surface, text, {0}, {NULL}, 0};
	/* The first structure element must be Document for readers to treat
	 * the file as tagged; it spans every page. */
	if (doc->tagged)
		cairo_tag_begin(cr, "Document", NULL);
	for (int sheet = 0; sheet < doc->sheets; sheet++) {
		draw_sheet(&p, sheet);
		if (doc->tagged && sheet + 1 == doc->sheets)
			cairo_tag_end(cr, "Document");
		cairo_show_page(cr);
	}
	pdf_renderer_set_target(text, NULL);
	cairo_destroy(cr);
	cairo_surface_finish(surface);
	cairo_status_t status = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	if (kg_deflate_end_file(out, start, doc->diags, req->display_path, "PDF") < 0)
		return -1;
	if (status != CAIRO_STATUS_SUCCESS) {
		kg_error(doc->diags, req->display_path, 0, 0, "cannot write the PDF: %s",
		         cairo_status_to_string(status));
		kg_buf_truncate(out, start);
		return -1;
	}
	insert_lang(out, start, req->lang);
	if (stats)
		fill_stats(doc, stats);
	return 0;
}

int pdf_job_render(const pdf_job *job, kg_buf *outs, kg_pdf_stats *stats, kg_diags *diags)
{
	size_t n = pdf_job_count(job);
	pdf_doc *docs = kg_calloc(n ? n : 1, sizeof(*docs));
	int *ok = kg_calloc(n ? n : 1, sizeof(*ok));
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		ok[i] = pdf_doc_layout(&docs[i], pdf_job_request(job, i), diags) == 0;
		if (!ok[i])
			rc = -1;
	}
	/* Every glyph of every sheet of the set, then the fonts cut to them. */
	pdf_embed *embed = pdf_embed_new();
	PangoRenderer *text = pdf_renderer_new(embed);
	cairo_surface_t *scratch = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1);
	cairo_t *cr = cairo_create(scratch);
	for (size_t i = 0; i < n; i++) {
		painter p = {&docs[i], cr, NULL, text, {0}, {NULL}, 0};
		for (int sheet = 0; ok[i] && sheet < docs[i].sheets; sheet++)
			draw_sheet(&p, sheet);
	}
	cairo_destroy(cr);
	cairo_surface_destroy(scratch);
	pdf_embed_prepare(embed);
	for (size_t i = 0; i < n; i++)
		if (ok[i] && write_pdf(&docs[i], text, &outs[i], stats ? &stats[i] : NULL) < 0)
			rc = -1;
	g_object_unref(text);
	pdf_embed_free(embed);
	for (size_t i = 0; i < n; i++)
		pdf_doc_release(&docs[i]);
	free(docs);
	free(ok);
	return rc;
}

int pdf_render_set_here(const kg_pdf_request *reqs, size_t count, kg_buf *outs, kg_pdf_stats *stats,
                        kg_diags *diags)
{
	kg_buf bytes = KG_BUF_INIT;
	pdf_job_encode(reqs, count, &bytes);
	pdf_job *job = pdf_job_decode(bytes.data, bytes.len);
	kg_buf_release(&bytes);
	if (!job) { /* cannot happen: the encoder wrote it */
		kg_error(diags, count ? reqs[0].display_path : NULL, 0, 0, "cannot encode the PDF request");
		return -1;
	}
	pthread_mutex_lock(&cairo_lock);
	int rc = pdf_job_render(job, outs, stats, diags);
	pthread_mutex_unlock(&cairo_lock);
	pdf_job_free(job);
	return rc;
}

int kg_pdf_render_stats(const kg_pdf_request *req, kg_buf *out, kg_pdf_stats *stats, kg_diags *diags)
{
	return pdf_render_set_here(req, 1, out, stats, diags);
}

int kg_pdf_render(const kg_pdf_request *req, kg_buf *out, kg_diags *diags)
{
	return kg_pdf_render_stats(req, out, NULL, diags);
}

static int render_png_locked(const kg_pdf_request *req, int page, double dpi, const char *png_path,
                             kg_diags *diags);

int kg_pdf_render_png(const kg_pdf_request *req, int page, double dpi, const char *png_path, kg_diags *diags)
{
	/* Through a job too, so that the layout is the one the PDF got. */
	kg_buf bytes = KG_BUF_INIT;
	pdf_job_encode(req, 1, &bytes);
	pdf_job *job = pdf_job_decode(bytes.data, bytes.len);
	kg_buf_release(&bytes);
	if (!job)
		return -1;
	pthread_mutex_lock(&cairo_lock);
	int rc = render_png_locked(pdf_job_request(job, 0), page, dpi, png_path, diags);
	pthread_mutex_unlock(&cairo_lock);
	pdf_job_free(job);
	return rc;
}

static int render_png_locked(const kg_pdf_request *req, int page, double dpi, const char *png_path,
                             kg_diags *diags)
{
	pdf_doc doc;
	int rc = -1;
	if (pdf_doc_layout(&doc, req, diags) < 0)
		goto out;
	if (page < 0 || page >= doc.sheets) {
		kg_error(diags, req->display_path, 0, 0, "page %d does not exist (the PDF has %d)", page + 1,
		         doc.sheets);
		goto out;
	}
	double scale = dpi / 72.0;
	cairo_surface_t *surface = cairo_image_surface_create(
	    CAIRO_FORMAT_RGB24, (int)ceil(doc.sheet_w * scale), (int)ceil(doc.sheet_h * scale));
	cairo_t *cr = cairo_create(surface);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	painter p = {&doc, cr, NULL, NULL, {0}, {NULL}, 0};
	draw_sheet(&p, page);
	cairo_destroy(cr);
	cairo_status_t status = cairo_surface_write_to_png(surface, png_path);
	cairo_surface_destroy(surface);
	if (status != CAIRO_STATUS_SUCCESS) {
		kg_error(diags, png_path, 0, 0, "cannot write the PNG: %s", cairo_status_to_string(status));
		goto out;
	}
	rc = doc.sheets;
out:
	pdf_doc_release(&doc);
	return rc;
}
