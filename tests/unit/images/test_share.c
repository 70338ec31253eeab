/* test_share.c: share images (images/share.c, png.c) — the two sizes, the
 * same bytes from the same request, no ancillary PNG chunk, a palette for
 * the flat card, a long title shrinking and then cut with a warning naming
 * the page, a character no font has refused (the no-tofu check), Urdu
 * drawn on the right, and the PNG decoding back to the pixels given. */
#include "kitgen/images/share.h"

#include <cairo.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static kg_share_request request(int w, int h, const char *title, const char *lang, int rtl)
{
	return (kg_share_request){
	    .width = w,
	    .height = h,
	    .title = title,
	    .title_lang = lang,
	    .title_rtl = rtl,
	    .kit_title = "Community Safety Kit",
	    .kit_title_lang = "en",
	    .footer = "Example Org \xC2\xB7 https://example.org",
	    .footer_lang = "en",
	    .footer_rtl = rtl,
	    .background = 0x1b3a5c,
	    .text = 0xffffff,
	    .accent = 0xf2b632,
	    .display_path = "out/x/x-share.png",
	    .page_path = "content/x.md",
	};
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Width and height from IHDR; fails on any chunk but IHDR, PLTE, IDAT, IEND. */
static void png_shape(const kg_buf *png, int *w, int *h)
{
	const unsigned char *p = (const unsigned char *)png->data;
	assert_true(png->len > 33);
	assert_memory_equal(p, "\x89PNG\r\n\x1a\n", 8);
	*w = (int)be32(p + 16);
	*h = (int)be32(p + 20);
	for (size_t at = 8; at + 12 <= png->len;) {
		uint32_t n = be32(p + at);
		char kind[5] = {0};
		memcpy(kind, p + at + 4, 4);
		if (strcmp(kind, "IHDR") && strcmp(kind, "PLTE") && strcmp(kind, "IDAT") &&
		    strcmp(kind, "IEND"))
			fail_msg("ancillary chunk %s", kind);
		at += 12 + n;
	}
}

typedef struct reader {
	const kg_buf *png;
	size_t at;
} reader;

static cairo_status_t read_png(void *closure, unsigned char *data, unsigned int len)
{
	reader *r = closure;
	if (r->at + len > r->png->len)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->png->data + r->at, len);
	r->at += len;
	return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *decode(const kg_buf *png)
{
	reader r = {png, 0};
	cairo_surface_t *s = cairo_image_surface_create_from_png_stream(read_png, &r);
	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	return s;
}

static void test_sizes_and_determinism(void **state)
{
	(void)state;
	static const int sizes[2][2] = {{1200, 630}, {1080, 1080}};
	for (int i = 0; i < 2; i++) {
		kg_share_request req = request(sizes[i][0], sizes[i][1], "Five ways to step in", "en", 0);
		kg_buf a = KG_BUF_INIT, b = KG_BUF_INIT;
		kg_diags d;
		kg_diags_init(&d);
		kg_share_stats stats;
		assert_int_equal(kg_share_render(&req, &a, &stats, &d), 0);
		assert_int_equal(kg_share_render(&req, &b, NULL, &d), 0);
		assert_int_equal(d.count, 0);
		int w, h;
		png_shape(&a, &w, &h);
		assert_int_equal(w, sizes[i][0]);
		assert_int_equal(h, sizes[i][1]);
		assert_int_equal(a.len, b.len);
		assert_memory_equal(a.data, b.data, a.len);
		assert_true(stats.palette_colors > 2 && stats.palette_colors <= 256); /* a flat card */
		assert_true(a.len < 60000);
		assert_false(stats.ellipsized);
		kg_buf_release(&a);
		kg_buf_release(&b);
		kg_diags_release(&d);
	}
}

static void test_long_title_shrinks_then_is_cut(void **state)
{
	(void)state;
	kg_buf title = KG_BUF_INIT, png = KG_BUF_INIT;
	kg_diags d;
	kg_diags_init(&d);
	kg_share_stats medium, cut;
	kg_share_request req =
	    request(1200, 630, "Five ways to step in when you see harassment, and how to choose", "en", 0);
	assert_int_equal(kg_share_render(&req, &png, &medium, &d), 0);
	assert_false(medium.ellipsized);
	assert_true(medium.title_lines >= 2); /* wrapped, not clipped */
	assert_int_equal(d.count, 0);
	for (int i = 0; i < 40; i++)
		kg_buf_puts(&title, "Five ways to step in when you see harassment in public ");
	req.title = title.data;
	kg_buf_reset(&png);
	assert_int_equal(kg_share_render(&req, &png, &cut, &d), 0);
	assert_true(cut.ellipsized);
	assert_true(cut.title_size < medium.title_size); /* it shrank to the floor first */
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].severity, KG_WARNING);
	assert_string_equal(d.items[0].file, "content/x.md");
	assert_non_null(strstr(d.items[0].message, "too long"));
	kg_buf_release(&title);
	kg_buf_release(&png);
	kg_diags_release(&d);
}

static void test_character_without_a_font_is_an_error(void **state)
{
	(void)state;
	/* U+F0000, a private-use character no installed font draws. */
	kg_share_request req = request(1200, 630, "Help \xF3\xB0\x80\x80 now", "en", 0);
	kg_buf png = KG_BUF_INIT;
	kg_diags d;
	kg_diags_init(&d);
	assert_int_equal(kg_share_render(&req, &png, NULL, &d), -1);
	assert_true(d.count >= 1);
	assert_int_equal(d.items[0].severity, KG_ERROR);
	assert_non_null(strstr(d.items[0].message, "U+F0000"));
	assert_int_equal(png.len, 0);
	kg_buf_release(&png);
	kg_diags_release(&d);
}

/* The leftmost and rightmost columns where the title band (rows y0..y1)
 * has text-coloured pixels. */
static void ink_columns(cairo_surface_t *s, int y0, int y1, int *left, int *right)
{
	int w = cairo_image_surface_get_width(s), stride = cairo_image_surface_get_stride(s);
	const unsigned char *data = cairo_image_surface_get_data(s);
	*left = w;
	*right = -1;
	for (int y = y0; y < y1; y++)
		for (int x = 0; x < w; x++) {
			uint32_t px =
			    *(const uint32_t *)(data + (size_t)y * stride + (size_t)x * 4) & 0xFFFFFF;
			if (px == 0xFFFFFF) {
				if (x < *left)
					*left = x;
				if (x > *right)
					*right = x;
			}
		}
}

static void test_urdu_is_drawn_from_the_right(void **state)
{
	(void)state;
	/* "مدد" (help): a short title, so the side it sits on shows. */
	const char *titles[2] = {"Help", "\xD9\x85\xD8\xAF\xD8\xAF"};
	const char *langs[2] = {"en", "ur"};
	int left[2], right[2];
	for (int i = 0; i < 2; i++) {
		kg_share_request req = request(1200, 630, titles[i], langs[i], i == 1);
		req.footer = NULL;
		kg_buf png = KG_BUF_INIT;
		kg_diags d;
		kg_diags_init(&d);
		assert_int_equal(kg_share_render(&req, &png, NULL, &d), 0);
		assert_int_equal(d.count, 0);
		cairo_surface_t *s = decode(&png);
		ink_columns(s, 200, 600, &left[i], &right[i]);
		cairo_surface_destroy(s);
		kg_buf_release(&png);
		kg_diags_release(&d);
	}
	assert_true(right[0] > 0 && right[1] > 0);
	assert_true(left[0] < 150 && right[0] < 600);  /* English starts at the left margin */
	assert_true(right[1] > 1050 && left[1] > 600); /* Urdu at the right one */
}

static void test_png_round_trip(void **state)
{
	(void)state;
	/* A flat image (palette) and a gradient of more colours than a
	 * palette holds (RGB): both decode to exactly the pixels given. */
	enum { W = 300, H = 200 };
	static uint32_t pixels[W * H];
	for (int kind = 0; kind < 2; kind++) {
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++)
				pixels[y * W + x] = kind == 0
				                        ? (x < 100   ? 0x1b3a5c
				                           : x < 200 ? 0xf2b632
				                                     : 0xffffff)
				                        : (uint32_t)((x & 0xFF) << 16 | (y & 0xFF) << 8 |
				                                     ((x * 7 + y * 3) & 0xFF));
		kg_buf png = KG_BUF_INIT;
		int colors = kg_png_write((const unsigned char *)pixels, W, H, W * 4, &png);
		assert_int_equal(colors, kind == 0 ? 3 : 0);
		int w, h;
		png_shape(&png, &w, &h);
		assert_int_equal(w, W);
		cairo_surface_t *s = decode(&png);
		const unsigned char *data = cairo_image_surface_get_data(s);
		int stride = cairo_image_surface_get_stride(s);
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++)
				assert_int_equal(
				    *(const uint32_t *)(data + (size_t)y * stride + (size_t)x * 4) & 0xFFFFFF,
				    pixels[y * W + x]);
		cairo_surface_destroy(s);
		kg_buf_release(&png);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sizes_and_determinism),
	    cmocka_unit_test(test_long_title_shrinks_then_is_cut),
	    cmocka_unit_test(test_character_without_a_font_is_an_error),
	    cmocka_unit_test(test_urdu_is_drawn_from_the_right),
	    cmocka_unit_test(test_png_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
