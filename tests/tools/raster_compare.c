/* raster_compare: compares two PNG renderings of the same page, the way
 * tests/unit/test_pdf.c does (compare_png, rasters_match): a pixel differs
 * when its darkness differs by over 96 from that of every pixel within one
 * pixel in the other image, checked both ways round (Cairo and
 * poppler place glyphs to the pixel differently). The images match when
 * under 0.5% of the pixels differ and no 16x16 tile holds more than 40
 * differing pixels (anti-aliasing differs along edges; a lost glyph is a
 * dense blob). Sizes may differ by one pixel (rounding of the page size at
 * 50 dpi); only the common area is compared.
 *
 * usage: raster_compare A.png B.png [A2.png B2.png ...]
 * Prints one line per pair that does not match (with the worst tile) and
 * exits 0 when every pair matches, 1 when one does not, 2 on a usage or
 * read error. With -v, prints a line for every pair. With
 * RASTER_COMPARE_DIFF=DIR, writes DIR/<A's name>.diff.png for a pair that
 * does not match: A lightened, differing pixels in red. */
#include <cairo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { THRESHOLD = 96, TILE = 16, MAX_TILE = 40 };
#define MAX_DIFFERING 0.005

/* Darkness, 0 (white) to 255 (black): 255 minus the Rec. 601 luma. For
 * grey pixels (text, most of a page) the difference of two darknesses is
 * what test_pdf.c measures (its largest channel difference); for colour
 * it is not thrown by a hue shift: poppler snaps a thin coloured rule to a
 * full-strength pixel where Cairo spreads it, paler, over two, and the
 * blue channel alone would call that a difference. */
static int darkness(uint32_t p)
{
	int r = (int)((p >> 16) & 0xff), g = (int)((p >> 8) & 0xff), b = (int)(p & 0xff);
	return 255 - (299 * r + 587 * g + 114 * b + 500) / 1000;
}

static int pixel_difference(uint32_t a, uint32_t b) { return abs(darkness(a) - darkness(b)); }

/* Smallest difference between a's pixel (x, y) and b's 3x3 neighbours. */
static int near_difference(const unsigned char *a, int sa, const unsigned char *b, int sb, int w, int h,
                           int x, int y)
{
	uint32_t pa = ((const uint32_t *)(a + (size_t)y * (size_t)sa))[x];
	int best = 256;
	for (int dy = -1; dy <= 1; dy++)
		for (int dx = -1; dx <= 1; dx++) {
			int nx = x + dx, ny = y + dy;
			if (nx < 0 || ny < 0 || nx >= w || ny >= h)
				continue;
			int d = pixel_difference(pa, ((const uint32_t *)(b + (size_t)ny * (size_t)sb))[nx]);
			if (d < best)
				best = d;
		}
	return best;
}

/* Both images as opaque RGB24 on white (a PNG with alpha is flattened, so
 * a transparent background compares as paper). */
static cairo_surface_t *load(const char *path)
{
	cairo_surface_t *png = cairo_image_surface_create_from_png(path);
	if (cairo_surface_status(png)) {
		fprintf(stderr, "raster_compare: cannot read %s: %s\n", path,
		        cairo_status_to_string(cairo_surface_status(png)));
		cairo_surface_destroy(png);
		return NULL;
	}
	int w = cairo_image_surface_get_width(png), h = cairo_image_surface_get_height(png);
	cairo_surface_t *rgb = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(rgb);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_set_source_surface(cr, png, 0, 0);
	cairo_paint(cr);
	cairo_destroy(cr);
	cairo_surface_destroy(png);
	cairo_surface_flush(rgb);
	return rgb;
}

/* 0 match, 1 differ, 2 error. */
static int compare(const char *a_path, const char *b_path, int verbose)
{
	cairo_surface_t *a = load(a_path), *b = a ? load(b_path) : NULL;
	int rc = 2;
	if (!a || !b)
		goto out;
	int wa = cairo_image_surface_get_width(a), ha = cairo_image_surface_get_height(a);
	int wb = cairo_image_surface_get_width(b), hb = cairo_image_surface_get_height(b);
	if (abs(wa - wb) > 1 || abs(ha - hb) > 1) {
		printf("%s vs %s: sizes differ (%dx%d vs %dx%d)\n", a_path, b_path, wa, ha, wb, hb);
		rc = 1;
		goto out;
	}
	int w = wa < wb ? wa : wb, h = ha < hb ? ha : hb;
	const unsigned char *da = cairo_image_surface_get_data(a), *db = cairo_image_surface_get_data(b);
	int sa = cairo_image_surface_get_stride(a), sb = cairo_image_surface_get_stride(b);
	int tiles_x = (w + TILE - 1) / TILE, tiles_y = (h + TILE - 1) / TILE;
	int *tiles = calloc((size_t)tiles_x * (size_t)tiles_y, sizeof(int));
	if (!tiles)
		goto out;
	long differing = 0;
	const char *diff_dir = getenv("RASTER_COMPARE_DIFF");
	cairo_surface_t *diff =
	    diff_dir && *diff_dir ? cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h) : NULL;
	unsigned char *dd = diff ? cairo_image_surface_get_data(diff) : NULL;
	int sd = diff ? cairo_image_surface_get_stride(diff) : 0;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			int worst = near_difference(da, sa, db, sb, w, h, x, y);
			int back = near_difference(db, sb, da, sa, w, h, x, y);
			if (back > worst)
				worst = back;
			if (dd)
				((uint32_t *)(dd + (size_t)y * (size_t)sd))[x] =
				    worst > THRESHOLD
				        ? 0xff0000
				        : (((const uint32_t *)(da + (size_t)y * (size_t)sa))[x] | 0xc0c0c0);
			if (worst > THRESHOLD) {
				differing++;
				tiles[(y / TILE) * tiles_x + x / TILE]++;
			}
		}
	int worst_tile = 0, worst_at = 0;
	for (int i = 0; i < tiles_x * tiles_y; i++)
		if (tiles[i] > worst_tile) {
			worst_tile = tiles[i];
			worst_at = i;
		}
	free(tiles);
	if (diff) {
		double share_now = (double)differing / ((double)w * h);
		if (share_now >= MAX_DIFFERING || worst_tile > MAX_TILE) {
			const char *base = strrchr(a_path, '/');
			size_t need = strlen(diff_dir) + strlen(base ? base : a_path) + 16;
			char *path = malloc(need);
			if (path) {
				snprintf(path, need, "%s/%s.diff.png", diff_dir, base ? base + 1 : a_path);
				cairo_surface_mark_dirty(diff);
				cairo_surface_write_to_png(diff, path);
				free(path);
			}
		}
		cairo_surface_destroy(diff);
	}
	double share = (double)differing / ((double)w * h);
	rc = share < MAX_DIFFERING && worst_tile <= MAX_TILE ? 0 : 1;
	if (rc || verbose)
		printf("%s vs %s: %s: %.3f%% of pixels differ; worst tile %d px at (%d,%d)-(%d,%d)\n", a_path,
		       b_path, rc ? "DIFFER" : "match", share * 100, worst_tile, worst_at % tiles_x * TILE,
		       worst_at / tiles_x * TILE, worst_at % tiles_x * TILE + TILE - 1,
		       worst_at / tiles_x * TILE + TILE - 1);
out:
	if (a)
		cairo_surface_destroy(a);
	if (b)
		cairo_surface_destroy(b);
	return rc;
}

int main(int argc, char **argv)
{
	int verbose = 0, first = 1;
	if (argc > 1 && !strcmp(argv[1], "-v")) {
		verbose = 1;
		first = 2;
	}
	if (argc - first < 2 || (argc - first) % 2) {
		fprintf(stderr, "usage: raster_compare [-v] A.png B.png [A2.png B2.png ...]\n");
		return 2;
	}
	int rc = 0;
	for (int i = first; i + 1 < argc; i += 2) {
		int r = compare(argv[i], argv[i + 1], verbose);
		if (r > rc)
			rc = r;
	}
	return rc;
}
