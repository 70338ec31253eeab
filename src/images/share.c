/* share.c: share images (share.h). A flat, high-contrast card in the kit's
 * colours: an accent band at the top, the kit's title, the page's title
 * as large as fits (wrapped, shrinking to a floor, then cut with an
 * ellipsis and a warning), and the organization at the bottom; right
 * aligned and right to left for a right-to-left language. Fonts are the
 * handouts' (the Pango font map of the thread, pdf/fonts.c), and every
 * layout is checked for characters no font can draw. Owns its Cairo
 * surface and layouts for one call. */
#include "kitgen/images/share.h"

#include "kitgen/pdf/pdf.h"

#include "pdf/pdf_internal.h"

#include <pthread.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

const char *kg_share_font_family(const char *lang) { return kg_pdf_default_family(lang); }

/* 1 when text's first strong character is right to left, 0 when it is
 * left to right, otherwise fallback. */
static int first_strong_rtl(const char *text, int fallback)
{
	int32_t i = 0, len = (int32_t)strlen(text);
	while (i < len) {
		UChar32 c;
		U8_NEXT(text, i, len, c);
		UCharDirection d = c < 0 ? U_OTHER_NEUTRAL : u_charDirection(c);
		if (d == U_LEFT_TO_RIGHT)
			return 0;
		if (d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC)
			return 1;
	}
	return fallback;
}

static void set_source(cairo_t *cr, unsigned rgb)
{
	cairo_set_source_rgb(cr, (rgb >> 16 & 0xFF) / 255.0, (rgb >> 8 & 0xFF) / 255.0, (rgb & 0xFF) / 255.0);
}

/* text without control characters (a title or a name may carry one from
 * a translation; no font draws it and it means nothing in an image):
 * tabs and line ends become spaces, the others are dropped. Caller
 * releases out. */
static void visible_text(const char *text, kg_buf *out)
{
	int32_t i = 0, len = (int32_t)strlen(text);
	while (i < len) {
		int32_t start = i;
		UChar32 c;
		U8_NEXT(text, i, len, c);
		if (c == '\t' || c == '\n' || c == '\r')
			kg_buf_putc(out, ' ');
		else if (c >= 0 && u_charType(c) != U_CONTROL_CHAR)
			kg_buf_add(out, text + start, (size_t)(i - start));
	}
	kg_buf_putc(out, '\0');
}

/* A layout of text in lang, size pixels, width pixels wide, aligned to
 * the start side of its direction. Caller frees with g_object_unref(). */
static PangoLayout *text_layout(PangoContext *context, const char *text, const char *lang, int rtl,
                                double size, int width, int bold)
{
	pango_context_set_language(context, pango_language_from_string(lang));
	/* Right alignment of Urdu needs an RTL base direction with automatic
	 * direction off (docs: LANGUAGES.md). */
	pango_context_set_base_dir(context, rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
	PangoLayout *layout = pango_layout_new(context);
	pango_layout_set_auto_dir(layout, FALSE);
	PangoFontDescription *font = pango_font_description_from_string(kg_pdf_default_family(lang));
	pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
	pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(layout, font);
	pango_font_description_free(font);
	pango_layout_set_width(layout, width * PANGO_SCALE);
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(layout, rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	kg_buf visible = KG_BUF_INIT;
	visible_text(text, &visible);
	pango_layout_set_text(layout, visible.data, -1);
	kg_buf_release(&visible);
	return layout;
}

/* 0, or -1 with an error naming the characters no font could draw. */
static int check_glyphs(const kg_share_request *req, PangoLayout *layout, const char *what, const char *lang,
                        kg_diags *diags)
{
	kg_buf missing = KG_BUF_INIT;
	int n = kg_pdf_missing_chars(layout, 8, &missing);
	if (n)
		kg_error(
		    diags, req->display_path, 0, 0,
		    "no installed font can draw%s%s of the %s in '%s' (%s; install the font for its script, "
		    "e.g. Debian's fonts-noto-core or fonts-noto-cjk)",
		    missing.data, n > 8 ? " ..." : "", what, lang, kg_pdf_default_family(lang));
	kg_buf_release(&missing);
	return n ? -1 : 0;
}

static int draw(const kg_share_request *req, cairo_t *cr, kg_share_stats *stats, kg_diags *diags)
{
	const double W = req->width, H = req->height;
	const int square = req->width == req->height;
	const double margin = W * 0.07, band = H * 0.025;
	const int text_width = (int)(W - 2 * margin);
	int rc = 0;
	set_source(cr, req->background);
	cairo_paint(cr);
	set_source(cr, req->accent);
	cairo_rectangle(cr, 0, 0, W, band);
	cairo_fill(cr);

	PangoContext *context = pango_font_map_create_context(kg_pdf_font_map());
	/* The same pixels on every machine with the same fonts: no hinting. */
	cairo_font_options_t *options = cairo_font_options_create();
	cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
	cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(context, options);
	cairo_font_options_destroy(options);

	/* The kit's title, then the organization at the bottom. */
	double kit_size = H * (square ? 0.036 : 0.05);
	PangoLayout *kit = text_layout(context, req->kit_title, req->kit_title_lang, req->kit_title_rtl,
	                               kit_size, text_width, 1);
	pango_layout_set_ellipsize(kit, PANGO_ELLIPSIZE_END); /* one line */
	rc |= check_glyphs(req, kit, "kit's title", req->kit_title_lang, diags);
	int kit_w, kit_h;
	pango_layout_get_pixel_size(kit, &kit_w, &kit_h);
	double top = band + margin * 0.8;
	set_source(cr, req->accent);
	cairo_move_to(cr, margin, top);
	pango_cairo_show_layout(cr, kit);
	double title_top = top + kit_h + H * 0.05;

	double bottom = H - margin * 0.8;
	if (req->footer && req->footer[0]) {
		/* The organization's name and website are the kit's text, often
		 * Latin in an Urdu image: their own first strong direction orders
		 * them, the image's side aligns them. */
		int foot_rtl = first_strong_rtl(req->footer, req->footer_rtl);
		PangoLayout *foot = text_layout(context, req->footer, req->footer_lang, foot_rtl,
		                                H * (square ? 0.03 : 0.042), text_width, 0);
		pango_layout_set_alignment(foot, req->footer_rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
		pango_layout_set_ellipsize(foot, PANGO_ELLIPSIZE_END);
		rc |= check_glyphs(req, foot, "organization", req->footer_lang, diags);
		int fw, fh;
		pango_layout_get_pixel_size(foot, &fw, &fh);
		bottom -= fh;
		set_source(cr, req->text);
		cairo_move_to(cr, margin, bottom);
		pango_cairo_show_layout(cr, foot);
		g_object_unref(foot);
		set_source(cr, req->accent); /* a rule above it */
		cairo_rectangle(cr, req->footer_rtl ? W - margin - W * 0.12 : margin, bottom - H * 0.03,
		                W * 0.12, H * 0.008); /* on the side the text starts */
		cairo_fill(cr);
		bottom -= H * 0.06;
	}

	/* The title: the largest size from max down to floor that fits the
	 * space left; below the floor it would not be read on a phone. */
	double room = bottom - title_top;
	double size = H * (square ? 0.085 : 0.105), floor = H * (square ? 0.045 : 0.06);
	PangoLayout *title = NULL;
	int tw = 0, th = 0;
	for (;; size -= 2) {
		if (title)
			g_object_unref(title);
		title =
		    text_layout(context, req->title, req->title_lang, req->title_rtl, size, text_width, 1);
		pango_layout_set_spacing(title, (int)(size * 0.1 * PANGO_SCALE));
		pango_layout_get_pixel_size(title, &tw, &th);
		if (th <= room || size - 2 < floor)
			break;
	}
	int ellipsized = th > room;
	if (ellipsized) {
		pango_layout_set_height(title, (int)(room * PANGO_SCALE));
		pango_layout_set_ellipsize(title, PANGO_ELLIPSIZE_END);
		pango_layout_get_pixel_size(title, &tw, &th);
		kg_warning(
		    diags, req->page_path, 0, 0,
		    "the title is too long for the %dx%d share image even at %.0f px: it is cut with an "
		    "ellipsis (%s)",
		    req->width, req->height, size, req->display_path);
	}
	rc |= check_glyphs(req, title, "title", req->title_lang, diags);
	set_source(cr, req->text);
	cairo_move_to(cr, margin, title_top + (room - th) / 2); /* centred in the space left */
	pango_cairo_show_layout(cr, title);
	if (stats) {
		stats->title_size = size;
		stats->title_lines = pango_layout_get_line_count(title);
		stats->ellipsized = ellipsized;
	}
	g_object_unref(title);
	g_object_unref(kit);
	g_object_unref(context);
	return rc ? -1 : 0;
}

int kg_share_render(const kg_share_request *req, kg_buf *out, kg_share_stats *stats, kg_diags *diags)
{
	if (stats)
		memset(stats, 0, sizeof(*stats));
	kg_cairo_lock();
	cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, req->width, req->height);
	cairo_t *cr = cairo_create(surface);
	int rc = draw(req, cr, stats, diags);
	cairo_destroy(cr);
	cairo_surface_flush(surface);
	kg_cairo_unlock();
	if (rc == 0) {
		int colors = kg_png_write(cairo_image_surface_get_data(surface), req->width, req->height,
		                          cairo_image_surface_get_stride(surface), out);
		if (colors < 0) {
			kg_error(diags, req->display_path, 0, 0, "cannot write the PNG");
			rc = -1;
		} else if (stats) {
			stats->palette_colors = colors;
		}
	}
	cairo_surface_destroy(surface);
	return rc;
}
