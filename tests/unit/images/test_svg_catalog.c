/* test_svg_catalog.c: an SVG in one language from a page catalog
 * (images/svg_catalog.c) — a translated label used, a fuzzy one left in
 * English, a translation that changes a number refused with a warning at
 * its PO line (and one that adds markup), a label too wide for its room warned about with the PO
 * line and the image, a long label wrapped onto two lines when allowed,
 * and the font list naming the handouts' font for the script. */
#include "kitgen/images/svg_catalog.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static const char *image =
    "<svg xmlns=\"http://www.w3.org/2000/svg\">\n"
    "<style>.l { font-size: 20px; font-weight: bold; text-anchor: middle }</style>\n"
    "<text id=\"a\" class=\"l\" x=\"70\" data-kitgen-width=\"120\">Look</text>\n"
    "<text id=\"b\" class=\"l\" x=\"200\" data-kitgen-width=\"120\">Ask</text>\n"
    "<text id=\"c\" class=\"l\" x=\"330\" data-kitgen-width=\"120\">Call 911</text>\n"
    "<text id=\"d\" class=\"l\" x=\"460\" data-kitgen-width=\"120\" data-kitgen-lines=\"2\">Wait</text>\n"
    "<text id=\"e\" class=\"l\" x=\"590\">Stop</text>\n"
    "</svg>\n";

static kg_po_entry *add(kg_catalog *po, const char *ctx, const char *msgid, const char *msgstr, int line)
{
	kg_po_entry *e = kg_catalog_add(po, ctx, msgid, NULL);
	kg_po_entry_set_msgstr(e, 0, msgstr);
	e->line = line;
	return e;
}

static kg_svg *read_image(void)
{
	kg_diags diags;
	kg_diags_init(&diags);
	kg_svg *svg = NULL;
	assert_int_equal(
	    kg_svg_parse(&svg, image, strlen(image), "images/s.svg", "content/images/s.svg", &diags), 0);
	kg_diags_release(&diags);
	return svg;
}

static const kg_diag *find(const kg_diags *d, int line)
{
	for (size_t i = 0; i < d->count; i++)
		if (d->items[i].line == line)
			return &d->items[i];
	return NULL;
}

static void test_checks_and_fit_warn_at_the_po_line(void **state)
{
	(void)state;
	kg_svg *svg = read_image();
	kg_catalog *po = kg_catalog_new();
	add(po, "images/s.svg#a", "Look", "Nhìn quanh thật kỹ trước khi làm", 10);
	kg_po_entry *fuzzy = add(po, "images/s.svg#b", "Ask", "Hỏi một câu rất dài không vừa ô", 20);
	kg_po_entry_set_flag(fuzzy, "fuzzy", 1);
	add(po, "images/s.svg#c", "Call 911", "Gọi 912", 30);
	add(po, "images/s.svg#d", "Wait", "Chờ một chút rồi hỏi", 40);
	add(po, "images/s.svg#e", "Stop", "<b onclick=\"x()\">Dừng</b>", 50);
	kg_svg_language vi = {"vi", "en", 0};
	kg_diags diags;
	kg_diags_init(&diags);
	size_t n = kg_svg_check_catalog(svg, po, "locales/vi/p.po", &vi, &diags);
	assert_int_equal(n, 3);
	const kg_diag *wide = find(&diags, 10);
	assert_non_null(wide);
	assert_string_equal(wide->file, "locales/vi/p.po");
	assert_int_equal(wide->severity, KG_WARNING);
	assert_non_null(strstr(wide->message, "more than the 120 px it has in content/images/s.svg"));
	assert_null(find(&diags, 20)); /* fuzzy: not used, not measured */
	const kg_diag *number = find(&diags, 30);
	assert_non_null(number);
	assert_non_null(strstr(number->message, "translation refused"));
	assert_null(find(&diags, 40)); /* fits in its two lines */
	const kg_diag *markup = find(&diags, 50);
	assert_non_null(markup);
	assert_non_null(strstr(markup->message, "adds markup"));
	kg_diags_release(&diags);

	kg_buf out = KG_BUF_INIT;
	assert_int_equal(kg_svg_write_language(svg, po, &vi, &out), 0);
	assert_non_null(strstr(
	    out.data, "xml:lang=\"vi\" style=\"font-family: 'Noto Sans', sans-serif;\">Nhìn quanh thật"));
	assert_non_null(
	    strstr(out.data, "xml:lang=\"en\" style=\"font-family: 'Noto Sans', sans-serif;\">Ask</text>"));
	assert_non_null(strstr(out.data, ">Call 911</text>"));
	assert_null(strstr(out.data, "912"));
	assert_null(strstr(out.data, "onclick"));
	assert_non_null(strstr(out.data, ">Stop</text>"));
	assert_non_null(strstr(out.data, "<tspan x=\"460\" dy=\"-12\">"));
	kg_buf_release(&out);
	kg_catalog_free(po);
	kg_svg_free(svg);
}

static void test_font_family_follows_the_script(void **state)
{
	(void)state;
	kg_buf f = KG_BUF_INIT;
	kg_svg_font_family("km", &f);
	assert_string_equal(f.data, "'Noto Sans Khmer', 'Noto Sans', sans-serif");
	kg_buf_reset(&f);
	kg_svg_font_family("ur", &f);
	assert_string_equal(f.data, "'Noto Nastaliq Urdu', 'Noto Sans', sans-serif");
	kg_buf_reset(&f);
	kg_svg_font_family("zh-Hant", &f);
	assert_string_equal(f.data, "'Noto Sans CJK TC', 'Noto Sans', sans-serif");
	kg_buf_release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_checks_and_fit_warn_at_the_po_line),
	    cmocka_unit_test(test_font_family_follows_the_script),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
