/* test_pdf_scripts: text set by Pango as the handouts set it
 * (pdf_script_text): every Khmer paragraph of the bundled kit breaks only
 * between ICU words and fills the measure, and a phone number inside Urdu
 * text is drawn in the order it is written. Each check is also run on the
 * text as it was given to Pango before, to show that it can fail. */
#include "kitgen/base/buf.h"
#include "kitgen/base/diag.h"
#include "kitgen/catalog/catalog.h"
#include "kitgen/locale/locale.h"
#include "pdf/pdf_internal.h"

#include <dirent.h>
#include <pango/pangocairo.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* The handouts' measure (Letter less two 54-point margins) and sizes
 * (standard and large print body), and a narrow column (a caption). */
static double measure = 504, font_size = 11;

static PangoLayout *layout_for(const char *lang, int rtl, const char *family, double size)
{
	PangoFontMap *map = pango_cairo_font_map_get_default();
	PangoContext *ctx = pango_font_map_create_context(map);
	pango_context_set_language(ctx, pango_language_from_string(lang));
	pango_context_set_base_dir(ctx, rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
	PangoLayout *layout = pango_layout_new(ctx);
	g_object_unref(ctx);
	PangoFontDescription *desc = pango_font_description_from_string(family);
	pango_font_description_set_absolute_size(desc, size * PANGO_SCALE);
	pango_layout_set_font_description(layout, desc);
	pango_font_description_free(desc);
	pango_layout_set_auto_dir(layout, FALSE);
	pango_layout_set_width(layout, (int)(measure * PANGO_SCALE));
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	return layout;
}

/* ---- Khmer ---- */

typedef struct boundaries {
	char *at; /* at[i]: a word starts or ends at byte i of the text */
} boundaries;

static void mark_word(void *ud, const char *word, size_t len, size_t offset)
{
	(void)word;
	boundaries *b = ud;
	b->at[offset] = 1;
	b->at[offset + len] = 1;
}

typedef struct khmer_result {
	int paragraphs, breaks, inside_word; /* line ends, and those inside an ICU word */
	double fill_sum;                     /* of lines that are not a paragraph's last */
	int fill_lines;
	char worst[200];
} khmer_result;

/* Lays out text (prepared or not) and checks each line end against ICU's
 * word boundaries in the original text. */
static void check_khmer(const char *text, int prepared, khmer_result *r)
{
	size_t len = strlen(text);
	boundaries b = {calloc(len + 1, 1)};
	kg_locale_words("km", text, len, mark_word, &b);
	kg_buf laid = KG_BUF_INIT;
	if (prepared)
		pdf_script_text(text, len, "km", 0, &laid);
	else
		kg_buf_add(&laid, text, len);
	/* orig[i]: the byte of text that byte i of laid comes from */
	size_t *orig = calloc(laid.len + 1, sizeof(size_t));
	for (size_t i = 0, j = 0; i <= laid.len; i++) {
		orig[i] = j;
		if (i < laid.len && !(laid.len - i >= 3 && !memcmp(laid.data + i, "\xe2\x80\x8b", 3)))
			j++;
		else if (i < laid.len)
			i += 2, orig[i - 1] = orig[i] = j; /* the zero-width space maps to where it stands */
	}
	PangoLayout *layout = layout_for("km", 0, "Noto Sans Khmer", font_size);
	pango_layout_set_text(layout, laid.data ? laid.data : "", (int)laid.len);
	r->paragraphs++;
	int n = pango_layout_get_line_count(layout);
	for (int k = 0; k + 1 < n; k++) {
		PangoLayoutLine *line = pango_layout_get_line_readonly(layout, k);
		size_t end = orig[line->start_index + line->length];
		r->breaks++;
		PangoRectangle ink, logical;
		pango_layout_line_get_extents(line, &ink, &logical);
		r->fill_sum += (double)logical.width / PANGO_SCALE / measure;
		r->fill_lines++;
		/* A line may end at a word boundary, or next to a space or other
		 * ASCII (Markdown's link syntax is in the catalogs' text). */
		int ok = b.at[end] || (end > 0 && (unsigned char)text[end - 1] < 0x80) ||
		         (end < len && (unsigned char)text[end] < 0x80);
		if (!ok) {
			r->inside_word++;
			snprintf(r->worst, sizeof r->worst, "%.60s|%.60s", text + (end > 60 ? end - 60 : 0),
			         text + end);
		}
	}
	g_object_unref(layout);
	free(orig);
	kg_buf_release(&laid);
	free(b.at);
}

/* Every translated Khmer entry of the bundled kit of at least 60 bytes
 * (a paragraph or a list item; shorter ones are one line). */
static void each_khmer_paragraph(void (*fn)(const char *text, void *ud), void *ud)
{
	const char *src = getenv("KITGEN_SOURCE_DIR");
	assert_non_null(src);
	char dir[4096];
	const char *sub[] = {"", "/education", "/services", "/advocacy"};
	for (size_t d = 0; d < sizeof sub / sizeof *sub; d++) {
		snprintf(dir, sizeof dir, "%s/locales/km%s", src, sub[d]);
		DIR *dh = opendir(dir);
		assert_non_null(dh);
		struct dirent *de;
		while ((de = readdir(dh))) {
			size_t n = strlen(de->d_name);
			if (n < 4 || strcmp(de->d_name + n - 3, ".po") || !strcmp(de->d_name, "ui.po"))
				continue;
			char path[8192];
			snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
			kg_diags diags;
			kg_diags_init(&diags);
			kg_catalog *cat = NULL;
			assert_int_equal(kg_po_read_file(&cat, path, path, &diags), 0);
			for (size_t i = 0; i < kg_catalog_count(cat); i++) {
				kg_po_entry *e = kg_catalog_at(cat, i);
				if (!e->obsolete && e->msgstr_count && e->msgstr[0] &&
				    strlen(e->msgstr[0]) >= 60)
					fn(e->msgstr[0], ud);
			}
			kg_catalog_free(cat);
			kg_diags_release(&diags);
		}
		closedir(dh);
	}
}

static void check_prepared(const char *text, void *ud) { check_khmer(text, 1, ud); }
static void check_raw(const char *text, void *ud) { check_khmer(text, 0, ud); }

static void khmer_lines_end_between_words_and_fill_the_measure(void **state)
{
	(void)state;
	const double setups[][2] = {{504, 11}, {504, 18}, {120, 8.5}};
	int before_inside = 0, paragraphs = 0;
	for (size_t k = 0; k < sizeof setups / sizeof *setups; k++) {
		measure = setups[k][0], font_size = setups[k][1];
		khmer_result got = {0}, before = {0};
		each_khmer_paragraph(check_prepared, &got);
		each_khmer_paragraph(check_raw, &before);
		double fill = got.fill_sum / got.fill_lines,
		       fill_before = before.fill_sum / before.fill_lines;
		print_message(
		    "Khmer at %.0f pt, %.1f pt: %d paragraphs, %d line ends, %d inside a word, fill "
		    "%.2f (as given before: %d inside a word, fill %.2f)\n",
		    measure, font_size, got.paragraphs, got.breaks, got.inside_word, fill, before.inside_word,
		    fill_before);
		paragraphs = got.paragraphs;
		assert_true(got.breaks >= 100);
		if (got.inside_word)
			fail_msg("%d Khmer lines end inside a word, e.g. %s", got.inside_word, got.worst);
		if (measure > 200) {
			assert_true(fill >= 0.80);
			/* The check tells the two apart: lines were shorter. */
			assert_true(fill_before < fill - 0.05);
		}
		before_inside += before.inside_word;
	}
	assert_true(paragraphs >= 100);
	/* ... and words were cut where a run did not fit. */
	assert_true(before_inside > 0);
}

/* ---- Urdu ---- */

/* 1 when, within each phone number of text (a run of digits, '(', ')',
 * '-' and spaces between them), each character is drawn right of the one
 * written before it. */
static int drawn_in_order(const char *text, int prepared)
{
	kg_buf laid = KG_BUF_INIT;
	if (prepared)
		pdf_script_text(text, strlen(text), "ur", 1, &laid);
	else
		kg_buf_puts(&laid, text);
	PangoLayout *layout = layout_for("ur", 1, "Noto Nastaliq Urdu", 11);
	pango_layout_set_text(layout, laid.data, (int)laid.len);
	int ok = 1, have = 0;
	double last = -1e9;
	for (size_t i = 0; i < laid.len; i++) {
		char c = laid.data[i];
		if (!((c >= '0' && c <= '9') || c == '(' || c == ')' || c == '-')) {
			if (c != ' ')
				have = 0; /* the number ended */
			continue;
		}
		PangoRectangle pos;
		pango_layout_index_to_pos(layout, (int)i, &pos);
		double x = (double)(pos.width >= 0 ? pos.x : pos.x + pos.width) / PANGO_SCALE;
		if (have && x <= last)
			ok = 0;
		last = x, have = 1;
	}
	g_object_unref(layout);
	kg_buf_release(&laid);
	return ok;
}

static void urdu_phone_numbers_read_as_written(void **state)
{
	(void)state;
	const char *texts[] = {
	    "ہنگامی صورت میں (808) 555-0142 پر فون کریں۔",
	    "مدد کے لیے 1-800-843-5678 پر کال کریں یا (808) 555-0142 پر پیغام بھیجیں۔",
	};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		if (!drawn_in_order(texts[i], 1))
			fail_msg("not drawn in order: %s", texts[i]);
		/* Without isolation the bidi algorithm reorders the groups. */
		assert_false(drawn_in_order(texts[i], 0));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(khmer_lines_end_between_words_and_fill_the_measure),
	    cmocka_unit_test(urdu_phone_numbers_read_as_written),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
