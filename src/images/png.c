/* png.c: small deterministic PNGs (share.h): the colours of a drawing
 * counted, a palette made when few remain after rounding and written with
 * libdeflate (write_palette_png says why not libpng), else RGB with libpng;
 * no ancillary chunk. Owns its tables and buffers for one call. */
#include "kitgen/images/share.h"

#include "kitgen/base/alloc.h"

#include <libdeflate.h>
#include <png.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* An open-addressing table of colours (0xRRGGBB; empty slots hold
 * UINT32_MAX) with a count and, later, a palette index each. */
typedef struct color_table {
	uint32_t *keys;
	uint32_t *counts;
	int *index;
	size_t cap, count;
} color_table;

#define MAX_EXACT 65536 /* more colours than this: a photograph, keep RGB */

static size_t slot_of(const color_table *t, uint32_t c)
{
	size_t i = (c * 2654435761u) & (t->cap - 1);
	while (t->keys[i] != UINT32_MAX && t->keys[i] != c)
		i = (i + 1) & (t->cap - 1);
	return i;
}

typedef struct group {
	uint32_t key, best, best_count;
} group;

static int by_key(const void *a, const void *b)
{
	uint32_t x = ((const group *)a)->key, y = ((const group *)b)->key;
	return x < y ? -1 : x > y;
}

static void write_to_buf(png_structp png, png_bytep data, png_size_t len)
{
	kg_buf_add(png_get_io_ptr(png), data, len);
}

static void flush_nothing(png_structp png) { (void)png; }

/* A table of cap slots (a power of two), every slot empty. */
static void table_init(color_table *t, size_t cap)
{
	t->cap = cap;
	t->count = 0;
	t->keys = kg_malloc(cap * sizeof(uint32_t));
	memset(t->keys, 0xFF, cap * sizeof(uint32_t));
	t->counts = kg_calloc(cap, sizeof(uint32_t));
	t->index = NULL;
}

/* Twice the slots, the colours and counts moved over. */
static void table_grow(color_table *t)
{
	color_table bigger;
	table_init(&bigger, t->cap * 2);
	for (size_t i = 0; i < t->cap; i++) {
		if (t->keys[i] == UINT32_MAX)
			continue;
		size_t s = slot_of(&bigger, t->keys[i]);
		bigger.keys[s] = t->keys[i];
		bigger.counts[s] = t->counts[i];
	}
	bigger.count = t->count;
	free(t->keys);
	free(t->counts);
	*t = bigger;
}

/* PNG's integers are big-endian. */
static void be32(unsigned char *at, uint32_t v)
{
	at[0] = (unsigned char)(v >> 24);
	at[1] = (unsigned char)(v >> 16);
	at[2] = (unsigned char)(v >> 8);
	at[3] = (unsigned char)v;
}

static void put_u32(kg_buf *out, uint32_t v)
{
	unsigned char b[4];
	be32(b, v);
	kg_buf_add(out, (const char *)b, 4);
}

/* One chunk: length, type, data, and the CRC of type and data. */
static void put_chunk(kg_buf *out, const char type[4], const void *data, size_t len)
{
	put_u32(out, (uint32_t)len);
	size_t at = out->len;
	kg_buf_add(out, type, 4);
	kg_buf_add(out, data, len);
	put_u32(out, (uint32_t)libdeflate_crc32(0, out->data + at, len + 4));
}

/* A palette PNG, written here rather than by libpng: libpng feeds zlib
 * row by row, and zlib's deflate was most of a share image's time (a fifth
 * of a build of the bundled kit). libdeflate compresses the whole image in
 * one call; on the bundled kit's 736 share images (708 MB of rows) at
 * level 6 it took 1.7 s against zlib's 3.6 s, for 13.3 MB against 13.7.
 * A palette image's rows need no filter (PNG's advice), so what is
 * compressed is each row of indexes after a zero byte; the container is
 * four chunks. */
static int write_palette_png(const unsigned char *pixels, int width, int height, int stride,
                             const unsigned char *repeats, const color_table *t, const png_color *palette,
                             int colors, kg_buf *out)
{
	size_t row_len = (size_t)width + 1, raw_len = row_len * (size_t)height;
	unsigned char *raw = kg_malloc(raw_len ? raw_len : 1);
	for (int y = 0; y < height; y++) {
		unsigned char *row = raw + row_len * (size_t)y;
		if (repeats[y]) {
			memcpy(row, row - row_len, row_len);
			continue;
		}
		row[0] = 0; /* filter: none */
		const uint32_t *src = (const uint32_t *)(const void *)(pixels + (size_t)y * (size_t)stride);
		uint32_t last = UINT32_MAX;
		unsigned char last_index = 0;
		for (int x = 0; x < width; x++) {
			uint32_t c = src[x] & 0xFFFFFF;
			if (c != last) {
				last = c;
				last_index = (unsigned char)t->index[slot_of(t, c)];
			}
			row[x + 1] = last_index;
		}
	}
	struct libdeflate_compressor *z = libdeflate_alloc_compressor(6);
	size_t bound = z ? libdeflate_zlib_compress_bound(z, raw_len) : 0;
	unsigned char *packed = z ? kg_malloc(bound) : NULL;
	size_t packed_len = z ? libdeflate_zlib_compress(z, raw, raw_len, packed, bound) : 0;
	free(raw);
	if (z)
		libdeflate_free_compressor(z);
	if (!packed_len) {
		free(packed);
		return -1;
	}
	static const char signature[8] = {(char)0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
	kg_buf_add(out, signature, 8);
	unsigned char header[13] = {0};
	be32(header, (uint32_t)width);
	be32(header + 4, (uint32_t)height);
	header[8] = 8; /* bits per index */
	header[9] = 3; /* colour type: palette; compression, filter, interlace: 0 */
	put_chunk(out, "IHDR", header, sizeof(header));
	unsigned char plte[256 * 3];
	for (int i = 0; i < colors; i++) {
		plte[3 * i] = palette[i].red;
		plte[3 * i + 1] = palette[i].green;
		plte[3 * i + 2] = palette[i].blue;
	}
	put_chunk(out, "PLTE", plte, (size_t)colors * 3);
	put_chunk(out, "IDAT", packed, packed_len);
	put_chunk(out, "IEND", NULL, 0);
	free(packed);
	return colors;
}

/* More colours than a palette holds (a photograph): RGB through libpng,
 * whose per-row filters suit photographs. */
static int write_rgb_png(const unsigned char *pixels, int width, int height, int stride,
                         const unsigned char *repeats, kg_buf *out)
{
	volatile int rc = -1; /* set after setjmp */
	size_t start = out->len;
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	unsigned char *row = kg_malloc((size_t)width * 3 + 1);
	if (!info)
		goto out;
	if (setjmp(png_jmpbuf(png)))
		goto out;
	png_set_write_fn(png, out, write_to_buf, flush_nothing);
	/* zlib's default level: level 9 made deflate over half of a clean
	 * one-thread build of the bundled kit (bench/partner_files.sh) for
	 * files about 9 % smaller. */
	png_set_compression_level(png, 6);
	png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8, PNG_COLOR_TYPE_RGB,
	             PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	for (int y = 0; y < height; y++) {
		const uint32_t *src = (const uint32_t *)(const void *)(pixels + (size_t)y * (size_t)stride);
		if (!repeats[y])
			for (int x = 0; x < width; x++) {
				uint32_t c = src[x] & 0xFFFFFF;
				row[3 * x] = (unsigned char)(c >> 16);
				row[3 * x + 1] = (unsigned char)(c >> 8);
				row[3 * x + 2] = (unsigned char)c;
			}
		png_write_row(png, row); /* a repeated row: the row before's bytes, still in row */
	}
	png_write_end(png, NULL);
	rc = 0;
out:
	if (rc < 0)
		kg_buf_truncate(out, start);
	png_destroy_write_struct(&png, info ? &info : NULL);
	free(row);
	return rc;
}

int kg_png_write(const unsigned char *pixels, int width, int height, int stride, kg_buf *out)
{
	/* The table starts small and doubles (a share image has a few hundred
	 * colours: clearing room for 65,536 per image was a fifth of an HTML
	 * build's time), and a pixel the colour of the one before it is
	 * counted without a lookup (drawings are mostly runs of one colour),
	 * and a row equal to the row before is counted by its runs and
	 * written again as it was. None of this changes a byte of the PNG:
	 * the palette is ordered by colour, not by slot. */
	color_table t;
	table_init(&t, 1024);
	int too_many = 0;
	/* Which rows equal the row before, found once for both passes. */
	unsigned char *repeats = kg_calloc((size_t)height, 1);
	for (int y = 1; y < height; y++)
		repeats[y] = !memcmp(pixels + (size_t)y * (size_t)stride,
		                     pixels + (size_t)(y - 1) * (size_t)stride, (size_t)width * 4);
	/* The runs of one colour of the row before: a row equal to it (a
	 * drawing's flat bands are most rows) is counted run by run. */
	uint32_t *run_color = kg_malloc((size_t)width * sizeof(uint32_t));
	uint32_t *run_length = kg_malloc((size_t)width * sizeof(uint32_t));
	size_t runs = 0;
	for (int y = 0; y < height && !too_many; y++) {
		const uint32_t *row = (const uint32_t *)(const void *)(pixels + (size_t)y * (size_t)stride);
		if (repeats[y]) {
			for (size_t r = 0; r < runs; r++)
				t.counts[slot_of(&t, run_color[r])] += run_length[r];
			continue;
		}
		runs = 0;
		uint32_t last = UINT32_MAX;
		size_t last_slot = 0;
		for (int x = 0; x < width; x++) {
			uint32_t c = row[x] & 0xFFFFFF;
			if (c == last) {
				t.counts[last_slot]++;
				run_length[runs - 1]++;
				continue;
			}
			size_t s = slot_of(&t, c);
			if (t.keys[s] == UINT32_MAX) {
				if (t.count == MAX_EXACT) {
					too_many = 1;
					break;
				}
				if ((t.count + 1) * 2 > t.cap) {
					table_grow(&t);
					s = slot_of(&t, c);
				}
				t.keys[s] = c;
				t.count++;
			}
			t.counts[s]++;
			last = c;
			last_slot = s;
			run_color[runs] = c;
			run_length[runs++] = 1;
		}
	}
	free(run_color);
	free(run_length);
	t.index = kg_calloc(t.cap, sizeof(int));
	/* Round channels to 8, 7, ... 4 bits until at most 256 groups remain. */
	group *groups = NULL;
	size_t group_count = 0;
	png_color palette[256];
	int colors = 0;
	for (int bits = 0; bits <= 4 && !too_many && !colors; bits++) {
		uint32_t mask = (0xFFu << bits) & 0xFF;
		mask = mask << 16 | mask << 8 | mask;
		free(groups);
		groups = kg_calloc(257, sizeof(group));
		group_count = 0;
		color_table g = {0};
		g.cap = 1024;
		g.keys = kg_malloc(g.cap * sizeof(uint32_t));
		memset(g.keys, 0xFF, g.cap * sizeof(uint32_t));
		g.index = kg_calloc(g.cap, sizeof(int));
		int over = 0;
		for (size_t i = 0; i < t.cap && !over; i++) {
			if (t.keys[i] == UINT32_MAX)
				continue;
			uint32_t key = t.keys[i] & mask;
			size_t s = slot_of(&g, key);
			if (g.keys[s] == UINT32_MAX) {
				if (group_count == 256) {
					over = 1;
					break;
				}
				g.keys[s] = key;
				g.index[s] = (int)group_count;
				groups[group_count++] = (group){key, t.keys[i], t.counts[i]};
			}
			group *gr = &groups[g.index[s]];
			if (t.counts[i] > gr->best_count ||
			    (t.counts[i] == gr->best_count && t.keys[i] < gr->best)) {
				gr->best = t.keys[i];
				gr->best_count = t.counts[i];
			}
		}
		if (!over) {
			/* The palette in key order (the table's order depends on hashing). */
			qsort(groups, group_count, sizeof(group), by_key);
			for (size_t i = 0; i < group_count; i++) {
				palette[i] =
				    (png_color){(png_byte)(groups[i].best >> 16),
				                (png_byte)(groups[i].best >> 8), (png_byte)groups[i].best};
				size_t s = slot_of(&g, groups[i].key);
				g.index[s] = (int)i;
			}
			for (size_t i = 0; i < t.cap; i++)
				if (t.keys[i] != UINT32_MAX)
					t.index[i] = g.index[slot_of(&g, t.keys[i] & mask)];
			colors = (int)group_count;
		}
		free(g.keys);
		free(g.index);
	}
	free(groups);

	int rc = colors ? write_palette_png(pixels, width, height, stride, repeats, &t, palette, colors, out)
	                : write_rgb_png(pixels, width, height, stride, repeats, out);
	free(repeats);
	free(t.keys);
	free(t.counts);
	free(t.index);
	return rc;
}
