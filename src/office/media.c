/* media.c: images for DOCX and ODT — a PNG as it is, an SVG drawn by
 * librsvg to a PNG (word processors draw SVG unevenly, PNG everywhere) —
 * with the size to show them at. Owns the PNG bytes it returns, and,
 * process-wide, the drawn SVGs it keeps (below). */
#include "office/office_internal.h"

#include <cairo.h>
#include "kitgen/base/alloc.h"
#include "kitgen/base/hash.h"
#include "kitgen/images/share.h"
#include "kitgen/pdf/pdf.h"

#include <librsvg/rsvg.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_WIDTH_IN 6.0 /* on letter and A4 paper with 1" margins, about */
#define MAX_PIXELS 1600   /* wide, for a drawn SVG: sharp at the text width */

/* ---- drawn SVGs, kept ----
 *
 * A page's Word and OpenDocument copies show the same SVGs, and a
 * language whose SVG has no translated text has the same bytes as the
 * others: drawing and PNG-encoding each again was 14 % of the bundled
 * kit's full build (perf). So each drawn SVG is kept by a hash of its
 * bytes (and the bytes compared), up to KEPT_BYTES of PNG, oldest out
 * first. The same bytes always draw the same PNG, so output is as before. */

#define KEPT_BYTES (32u * 1024 * 1024)

typedef struct kept_image {
	uint64_t hash;
	char *svg; /* the SVG's bytes, to compare */
	size_t svg_len;
	office_image image;
} kept_image;

static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;
static kept_image *kept; /* oldest first */
static size_t kept_count, kept_bytes;

static void copy_image(const office_image *from, office_image *to)
{
	*to = *from;
	to->data = kg_malloc(from->len ? from->len : 1);
	memcpy(to->data, from->data, from->len);
}

static int find_kept(uint64_t hash, const kg_buf *svg, office_image *out)
{
	int found = 0;
	pthread_mutex_lock(&kept_lock);
	for (size_t i = 0; i < kept_count && !found; i++)
		if (kept[i].hash == hash && kept[i].svg_len == svg->len &&
		    !memcmp(kept[i].svg, svg->data, svg->len)) {
			copy_image(&kept[i].image, out);
			found = 1;
		}
	pthread_mutex_unlock(&kept_lock);
	return found;
}

static void keep(uint64_t hash, const kg_buf *svg, const office_image *image)
{
	if (image->len > KEPT_BYTES / 4)
		return;
	pthread_mutex_lock(&kept_lock);
	while (kept_count && kept_bytes + image->len > KEPT_BYTES) {
		kept_bytes -= kept[0].image.len;
		free(kept[0].svg);
		free(kept[0].image.data);
		memmove(kept, kept + 1, --kept_count * sizeof(*kept));
	}
	kept = kg_realloc(kept, (kept_count + 1) * sizeof(*kept));
	kept_image *k = &kept[kept_count++];
	k->hash = hash;
	k->svg = kg_malloc(svg->len ? svg->len : 1);
	memcpy(k->svg, svg->data, svg->len);
	k->svg_len = svg->len;
	copy_image(image, &k->image);
	kept_bytes += image->len;
	pthread_mutex_unlock(&kept_lock);
}

static cairo_surface_t *draw_svg(const kg_buf *bytes)
{
	GError *error = NULL;
	kg_buf svg = KG_BUF_INIT;
	kg_buf_add(&svg, bytes->data, bytes->len);
	kg_pdf_svg_for_librsvg(&svg);
	RsvgHandle *handle = rsvg_handle_new_from_data((const guint8 *)svg.data, svg.len, &error);
	kg_buf_release(&svg);
	if (!handle) {
		if (error)
			g_error_free(error);
		return NULL;
	}
	gdouble w = 0, h = 0;
	cairo_surface_t *surface = NULL;
	if (!rsvg_handle_get_intrinsic_size_in_pixels(handle, &w, &h) || w <= 0 || h <= 0) {
		/* No width and height, only a viewBox: its size. */
		RsvgRectangle ink, logical, viewport = {0, 0, 800, 600};
		if (rsvg_handle_get_geometry_for_layer(handle, NULL, &viewport, &ink, &logical, NULL)) {
			w = logical.width;
			h = logical.height;
		}
	}
	if (w > 0 && h > 0) {
		double scale = w * 2 > MAX_PIXELS ? MAX_PIXELS / w : 2.0;
		int pw = (int)(w * scale + 0.5), ph = (int)(h * scale + 0.5);
		if (pw > 0 && ph > 0 && ph < 20000) {
			surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
			cairo_t *cr = cairo_create(surface);
			cairo_set_source_rgb(cr, 1, 1, 1); /* opaque: a dark page shows no black box */
			cairo_paint(cr);
			RsvgRectangle viewport = {0, 0, pw, ph};
			kg_cairo_lock(); /* librsvg draws text with Pango and Cairo */
			int ok = rsvg_handle_render_document(handle, cr, &viewport, &error);
			kg_cairo_unlock();
			cairo_destroy(cr);
			if (!ok) {
				if (error)
					g_error_free(error);
				cairo_surface_destroy(surface);
				surface = NULL;
			}
		}
	}
	g_object_unref(handle);
	return surface;
}

int office_image_load(const char *path, office_image *out)
{
	memset(out, 0, sizeof(*out));
	size_t n = strlen(path);
	int svg = n > 4 && !strcmp(path + n - 4, ".svg");
	kg_buf svg_bytes = KG_BUF_INIT;
	uint64_t hash = 0;
	if (svg) {
		if (kg_buf_read_file(&svg_bytes, path) < 0) {
			kg_buf_release(&svg_bytes);
			return -1;
		}
		hash = kg_hash64(svg_bytes.data, svg_bytes.len, 0x5e6);
		if (find_kept(hash, &svg_bytes, out)) {
			kg_buf_release(&svg_bytes);
			return 0;
		}
	}
	cairo_surface_t *surface = svg ? draw_svg(&svg_bytes) : cairo_image_surface_create_from_png(path);
	if (!surface || cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
		if (surface)
			cairo_surface_destroy(surface);
		kg_buf_release(&svg_bytes);
		return -1;
	}
	out->width = cairo_image_surface_get_width(surface);
	out->height = cairo_image_surface_get_height(surface);
	kg_buf png = KG_BUF_INIT;
	int rc = -1;
	if (svg) {
		/* kitgen's own PNG writer (images/png.c), not Cairo's: a drawing
		 * has few colours, which it writes as a palette compressed whole
		 * by libdeflate. Cairo's (libpng and zlib, RGB with alpha) was 42 %
		 * of a build of the bundled kit with downloads on and handouts
		 * off; that build fell from 4.1 to 3.2 s of CPU, and the PNGs to
		 * about half their size. The surface is opaque (white behind the
		 * SVG), so no alpha is lost. */
		cairo_surface_flush(surface);
		if (kg_png_write(cairo_image_surface_get_data(surface), out->width, out->height,
		                 cairo_image_surface_get_stride(surface), &png) >= 0)
			rc = 0;
	} else {
		rc = kg_buf_read_file(&png, path); /* the file itself: nothing lost */
	}
	cairo_surface_destroy(surface);
	if (rc < 0 || out->width <= 0 || out->height <= 0) {
		kg_buf_release(&png);
		kg_buf_release(&svg_bytes);
		return -1;
	}
	out->data = kg_buf_detach(&png, &out->len);
	/* 96 pixels per inch for a PNG, 192 for a drawn SVG (made at 2x). */
	double inches = (double)out->width / (svg ? 192.0 : 96.0);
	out->width_in = inches > TEXT_WIDTH_IN ? TEXT_WIDTH_IN : inches;
	if (svg)
		keep(hash, &svg_bytes, out);
	kg_buf_release(&svg_bytes);
	return 0;
}

void office_image_release(office_image *img)
{
	free(img->data);
	memset(img, 0, sizeof(*img));
}
