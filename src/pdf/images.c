/* images.c: the SVG images of handouts, through librsvg: an SVG's raster
 * size and whether librsvg can draw it (layout.c), its raster when it is
 * drawn on an image (draw.c), the logo's raster, and the text librsvg is
 * given so that it draws Khmer right. Owns nothing between calls. */
#include "pdf/pdf_internal.h"

#include <librsvg/rsvg.h>
#include <string.h>

/* The size in pixels of an SVG's raster: three times the text width
 * (about 216 dpi on the page), its height in proportion. 0 when it has no
 * size or an absurd one. */
static int svg_raster_size(RsvgHandle *handle, double text_width, int *pw, int *ph)
{
	gdouble w = 0, h = 0;
	if (!rsvg_handle_get_intrinsic_size_in_pixels(handle, &w, &h) || w <= 0 || h <= 0) {
		RsvgRectangle ink, logical;
		RsvgRectangle vp = {0, 0, 800, 600};
		if (rsvg_handle_get_geometry_for_layer(handle, NULL, &vp, &ink, &logical, NULL)) {
			w = logical.width;
			h = logical.height;
		}
	}
	if (w <= 0 || h <= 0)
		return 0;
	*pw = (int)(text_width * 3.0);
	*ph = (int)(*pw * h / w);
	return *pw > 0 && *ph > 0 && *ph < 20000;
}

/* Draws the SVG on a white surface of w x h pixels (the whole of it in
 * that viewport); NULL when librsvg cannot. Takes the handle. */
static cairo_surface_t *svg_draw(RsvgHandle *handle, cairo_surface_t *surface, int w, int h)
{
	GError *error = NULL;
	cairo_t *cr = cairo_create(surface);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	RsvgRectangle viewport = {0, 0, w, h};
	int ok = rsvg_handle_render_document(handle, cr, &viewport, &error);
	if (error)
		g_error_free(error);
	cairo_destroy(cr);
	g_object_unref(handle);
	if (!ok) {
		cairo_surface_destroy(surface);
		return NULL;
	}
	return surface;
}

static RsvgHandle *svg_handle(const char *svg, size_t len)
{
	GError *error = NULL;
	RsvgHandle *handle = rsvg_handle_new_from_data((const guint8 *)svg, len, &error);
	if (error)
		g_error_free(error);
	return handle;
}

cairo_surface_t *pdf_svg_raster(const char *svg, size_t len, int w, int h)
{
	RsvgHandle *handle = svg_handle(svg, len);
	if (!handle)
		return NULL;
	return svg_draw(handle, cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h), w, h);
}

/* A handout's SVG is drawn as vectors (draw.c), so its raster is made
 * only for an image surface: here librsvg draws it once on a surface of
 * one pixel, clipped to nothing, to learn whether it can (a 216 dpi
 * raster of each image was 3 % of a build of the bundled kit, for
 * nothing). */
int pdf_svg_checked_size(const char *svg, size_t len, double text_width, int *pw, int *ph)
{
	RsvgHandle *handle = svg_handle(svg, len);
	if (!handle)
		return 0;
	if (!svg_raster_size(handle, text_width, pw, ph)) {
		g_object_unref(handle);
		return 0;
	}
	cairo_surface_t *drawn =
	    svg_draw(handle, cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1), *pw, *ph);
	if (!drawn)
		return 0;
	cairo_surface_destroy(drawn);
	return 1;
}

cairo_surface_t *pdf_svg_file_raster(const char *path, double text_width)
{
	GError *error = NULL;
	RsvgHandle *handle = rsvg_handle_new_from_file(path, &error);
	if (error)
		g_error_free(error);
	int pw, ph;
	if (!handle)
		return NULL;
	if (!svg_raster_size(handle, text_width, &pw, &ph)) {
		g_object_unref(handle);
		return NULL;
	}
	return svg_draw(handle, cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pw, ph), pw, ph);
}

/* librsvg 2.54 sets a letter spacing on all text, and Pango then turns
 * off the font's contextual ligatures, through which Noto Sans Khmer
 * draws the vowel OO (U+17C4): it comes out split, its second part on a
 * dotted circle. The two vowels it is drawn from (U+17C1 U+17B6) look the
 * same and are shaped right, so what librsvg draws is given those (the
 * page's SVG keeps the real text; browsers draw it right). */
void kg_pdf_svg_for_librsvg(kg_buf *svg)
{
	static const char oo[] = "\xe1\x9f\x84", e_aa[] = "\xe1\x9f\x81\xe1\x9e\xb6";
	kg_buf out = KG_BUF_INIT;
	size_t copied = 0; /* svg->data[0..copied) is in out */
	for (size_t i = 0; i + 3 <= svg->len; i++) {
		if (memcmp(svg->data + i, oo, 3))
			continue;
		kg_buf_add(&out, svg->data + copied, i - copied);
		kg_buf_add(&out, e_aa, 6);
		copied = i + 3;
		i += 2;
	}
	if (copied) {
		kg_buf_add(&out, svg->data + copied, svg->len - copied);
		kg_buf_reset(svg);
		kg_buf_add(svg, out.data, out.len);
	}
	kg_buf_release(&out);
}
