/* test_svg_text.c: the SVG reader and writer (images/svg_text.c) — units
 * in document order with their contexts, font sizes and boxes; a hostile
 * corpus refused with a located error (script, onload, foreignObject, a
 * remote xlink:href, CSS url(), an XXE entity, billion laughs, a DOCTYPE,
 * a processing instruction, malformed XML, nested markup in <text>, over
 * 2 MB); translations written as text (markup in a translation comes out
 * escaped); untranslated units marked with the source language; right to
 * left labels mirrored; and Pango measuring a longer string wider. */
#include "kitgen/images/svg_text.h"

#include "kitgen/base/buf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#define SVG_OPEN "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n"

static const char *diagram = SVG_OPEN
    "<title id=\"t\">Five ways</title>\n"
    "<desc>Boxes in a row</desc>\n"
    "<g font-size=\"22\" font-weight=\"bold\" text-anchor=\"start\">\n"
    "  <text id=\"distract\" x=\"10\" y=\"20\" data-kitgen-width=\"130\">  Distract\n  now </text>\n"
    "  <text x=\"10\" y=\"40\"><tspan>Delay</tspan> <tspan style=\"font-size: 12px\">a bit</tspan></text>\n"
    "  <text x=\"10\" y=\"60\" textLength=\"90\">Direct</text>\n"
    "</g>\n"
    "<rect aria-label=\"A box\" width=\"1\" height=\"1\"/>\n"
    "<use xlink:href=\"#t\"/>\n"
    "</svg>\n";

static kg_svg *parse_ok(const char *text)
{
	kg_diags diags;
	kg_diags_init(&diags);
	kg_svg *svg = NULL;
	int rc = kg_svg_parse(&svg, text, strlen(text), "images/d.svg", "content/images/d.svg", &diags);
	if (rc != 0)
		for (size_t i = 0; i < diags.count; i++)
			print_error("%d: %s\n", diags.items[i].line, diags.items[i].message);
	assert_int_equal(rc, 0);
	assert_non_null(svg);
	kg_diags_release(&diags);
	return svg;
}

static void test_units_in_document_order(void **state)
{
	(void)state;
	kg_svg *svg = parse_ok(diagram);
	assert_int_equal(kg_svg_unit_count(svg), 7);
	const kg_svg_unit *u = kg_svg_unit_at(svg, 0);
	assert_int_equal(u->kind, KG_SVG_TITLE);
	assert_string_equal(u->context, "images/d.svg#t");
	assert_string_equal(u->text, "Five ways");
	u = kg_svg_unit_at(svg, 1);
	assert_int_equal(u->kind, KG_SVG_DESC);
	assert_string_equal(u->context, "images/d.svg#desc1");
	u = kg_svg_unit_at(svg, 2);
	assert_int_equal(u->kind, KG_SVG_LABEL);
	assert_string_equal(u->context, "images/d.svg#distract");
	assert_string_equal(u->text, "Distract now"); /* whitespace collapsed */
	assert_int_equal(u->line, 5);
	assert_true(u->font_size == 22);
	assert_true(u->bold);
	assert_true(u->box_width == 130);
	u = kg_svg_unit_at(svg, 3);
	assert_string_equal(u->context, "images/d.svg#tspan1");
	assert_string_equal(u->text, "Delay");
	u = kg_svg_unit_at(svg, 4);
	assert_string_equal(u->context, "images/d.svg#tspan2");
	assert_true(u->font_size == 12); /* its own style wins over the group */
	u = kg_svg_unit_at(svg, 5);
	assert_string_equal(u->context, "images/d.svg#text3");
	assert_true(u->box_width == 90); /* textLength when no data-kitgen-width */
	u = kg_svg_unit_at(svg, 6);
	assert_int_equal(u->kind, KG_SVG_ARIA);
	assert_string_equal(u->context, "images/d.svg#rect1@aria-label");
	kg_buf comment = KG_BUF_INIT;
	kg_svg_unit_comment(kg_svg_unit_at(svg, 2), &comment);
	assert_non_null(strstr(comment.data, "room for about 11 characters"));
	kg_buf_release(&comment);
	kg_svg_free(svg);
}

/* Each hostile document, and a word its error must contain. */
static const struct {
	const char *svg;
	const char *says;
	int line;
} hostile[] = {
    {SVG_OPEN "<script>alert(1)</script></svg>", "<script>", 2},
    {SVG_OPEN "<g>\n<rect onload=\"alert(1)\"/></g></svg>", "'onload'", 3},
    {SVG_OPEN "<SCRIPT xlink:href=\"#a\"/></svg>", "<SCRIPT>", 2},
    {SVG_OPEN "<foreignObject><p xmlns=\"http://www.w3.org/1999/xhtml\">x</p></foreignObject></svg>",
     "<foreignObject>", 2},
    {SVG_OPEN "<image xlink:href=\"https://evil.example/x.png\"/></svg>", "outside file", 2},
    {SVG_OPEN "<image href=\"file:///etc/passwd\"/></svg>", "outside file", 2},
    {SVG_OPEN "<use href=\"other.svg#a\"/></svg>", "outside file", 2},
    {SVG_OPEN "<image href=\"data:image/svg+xml;base64,PHN2Zy8+\"/></svg>", "outside file", 2},
    {SVG_OPEN "<a href=\"#x\"><set attributeName=\"href\" to=\"javascript:alert(1)\"/></a></svg>",
     "animates 'href'", 2},
    {SVG_OPEN "<rect><animate attributeName=\"onclick\" to=\"alert(1)\"/></rect></svg>", "animates 'onclick'",
     2},
    {SVG_OPEN "<rect style=\"fill: image-set('https://evil.example/p.png' 1x)\"/></svg>", "image-set()", 2},
    {SVG_OPEN "<rect style=\"fill: url(https://evil.example/p)\"/></svg>", "url()", 2},
    {SVG_OPEN "<style>@import 'https://evil.example/a.css';</style></svg>", "@import", 2},
    {"<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n" SVG_OPEN
     "<text>&xxe;</text></svg>",
     "DOCTYPE", 2},
    {"<!DOCTYPE svg [\n <!ENTITY a \"lol\">\n <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
     " <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n]>\n" SVG_OPEN "<text>&c;</text></svg>",
     "DOCTYPE", 1},
    {"<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n" SVG_OPEN
     "</svg>",
     "DOCTYPE", 1},
    {"<?xml-stylesheet href=\"https://evil.example/a.css\"?>\n" SVG_OPEN "</svg>", "xml-stylesheet", 1},
    {SVG_OPEN "<text>Distract</g></svg>", "malformed SVG", 2},
    {SVG_OPEN "<text>Call <a href=\"#x\">now</a></text></svg>", "<a> inside <text>", 2},
    {SVG_OPEN "<text>Call <tspan>now</tspan></text></svg>", "mixes text", 2},
    {SVG_OPEN "<text><tspan>Call <tspan>now</tspan></tspan></text></svg>", "<tspan> inside <tspan>", 2},
    {SVG_OPEN "<title>A <b>bold</b> title</title></svg>", "<b> inside <title>", 2},
    {"<html><svg/></html>", "not <svg>", 1},
};

static void test_hostile_svgs_are_refused_with_a_location(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		kg_diags diags;
		kg_diags_init(&diags);
		kg_svg *svg = (kg_svg *)1;
		int rc = kg_svg_parse(&svg, hostile[i].svg, strlen(hostile[i].svg), "images/h.svg",
		                      "content/images/h.svg", &diags);
		if (rc != -1 || !diags.errors || !strstr(diags.items[0].message, hostile[i].says) ||
		    diags.items[0].line != hostile[i].line)
			fail_msg("case %zu: rc %d, first error line %d: %s", i, rc,
			         diags.count ? diags.items[0].line : -1,
			         diags.count ? diags.items[0].message : "(none)");
		assert_null(svg);
		assert_string_equal(diags.items[0].file, "content/images/h.svg");
		kg_diags_release(&diags);
	}
}

static void test_too_large_is_refused(void **state)
{
	(void)state;
	size_t n = KG_SVG_MAX_BYTES + 10;
	char *big = malloc(n + 1);
	const char *head = SVG_OPEN "<!--";
	memcpy(big, head, strlen(head));
	memset(big + strlen(head), 'x', n - strlen(head));
	memcpy(big + n - 9, "--></svg>", 9);
	big[n] = '\0';
	kg_diags diags;
	kg_diags_init(&diags);
	kg_svg *svg = NULL;
	assert_int_equal(kg_svg_parse(&svg, big, n, "images/big.svg", "content/images/big.svg", &diags), -1);
	assert_non_null(strstr(diags.items[0].message, "larger than 2 MiB"));
	kg_diags_release(&diags);
	/* just under the limit is read */
	size_t m = KG_SVG_MAX_BYTES - 100;
	memcpy(big + m - 9, "--></svg>", 9);
	kg_diags_init(&diags);
	assert_int_equal(kg_svg_parse(&svg, big, m, "images/big.svg", "content/images/big.svg", &diags), 0);
	kg_svg_free(svg);
	kg_diags_release(&diags);
	free(big);
}

static const char *translate_some(void *ud, size_t i, const kg_svg_unit *unit)
{
	(void)ud;
	if (!strcmp(unit->text, "Distract now"))
		return "<script>alert(1)</script> & \"x\"";
	if (!strcmp(unit->text, "A box"))
		return "\xd8\xa7 <b>";
	if (i == 5)
		return "\xd8\xb3\xd9\x85\xd8\xaa"; /* Direct, in Urdu letters */
	return NULL;
}

static void test_translations_are_text_and_untranslated_units_say_english(void **state)
{
	(void)state;
	kg_svg *svg = parse_ok(diagram);
	kg_svg_localize_options options = {"ur", "en", 1, "'Noto Nastaliq Urdu', sans-serif"};
	kg_buf out = KG_BUF_INIT;
	assert_int_equal(kg_svg_localize(svg, &options, translate_some, NULL, &out), 0);
	const char *s = out.data;
	assert_null(strstr(s, "<script>"));
	assert_non_null(strstr(s, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"x\""));
	assert_non_null(strstr(s, "aria-label=\"\xd8\xa7 &lt;b&gt;\""));
	assert_non_null(strstr(
	    s,
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" xml:lang=\"ur\""));
	assert_non_null(strstr(s, "<title id=\"t\" xml:lang=\"en\">Five ways</title>"));
	assert_non_null(strstr(s, "<tspan xml:lang=\"en\">Delay</tspan>"));
	assert_non_null(strstr(s, "textLength=\"90\" xml:lang=\"ur\""));
	assert_non_null(strstr(s, ">\xd8\xb3\xd9\x85\xd8\xaa</text>"));
	assert_non_null(strstr(s, "direction=\"rtl\""));
	/* the group anchors at the start: mirrored to the end, in the style */
	assert_non_null(
	    strstr(s, "font-family: 'Noto Nastaliq Urdu', sans-serif; direction: rtl; text-anchor: end;"));
	/* the result reads back with the same units */
	kg_svg *again = parse_ok(s);
	assert_int_equal(kg_svg_unit_count(again), kg_svg_unit_count(svg));
	assert_string_equal(kg_svg_unit_at(again, 2)->text, "<script>alert(1)</script> & \"x\"");
	kg_svg_free(again);
	kg_buf_release(&out);
	kg_svg_free(svg);
}

static void test_left_to_right_keeps_the_anchor(void **state)
{
	(void)state;
	kg_svg *svg = parse_ok(diagram);
	kg_svg_localize_options options = {"km", "en", 0, "'Noto Sans Khmer', sans-serif"};
	kg_buf out = KG_BUF_INIT;
	assert_int_equal(kg_svg_localize(svg, &options, translate_some, NULL, &out), 0);
	assert_null(strstr(out.data, "direction"));
	assert_null(strstr(out.data, "text-anchor: end"));
	assert_non_null(strstr(out.data, "style=\"font-family: 'Noto Sans Khmer', sans-serif;\""));
	kg_buf_release(&out);
	kg_svg_free(svg);
}

/* Labels styled by a class rule, as hand-drawn SVGs often are. */
static void test_class_rules_give_size_and_anchor(void **state)
{
	(void)state;
	kg_svg *svg =
	    parse_ok(SVG_OPEN "<style>.box { fill: #eee }\n .label { font-size: 20px; font-weight: 700; "
	                      "text-anchor: middle }</style>\n"
	                      "<text class=\"box label\" x=\"5\">Delay</text>\n"
	                      "<text class=\"labels\" x=\"5\">Wait</text></svg>");
	assert_int_equal(kg_svg_unit_count(svg), 2);
	assert_true(kg_svg_unit_at(svg, 0)->font_size == 20);
	assert_true(kg_svg_unit_at(svg, 0)->bold);
	assert_true(kg_svg_unit_at(svg, 1)->font_size == 16); /* ".labels" is another class */
	kg_svg_localize_options options = {"ur", "en", 1, NULL};
	kg_buf out = KG_BUF_INIT;
	assert_int_equal(kg_svg_localize(svg, &options, translate_some, NULL, &out), 0);
	/* middle stays middle; the second label (start) is mirrored */
	assert_non_null(
	    strstr(out.data, "x=\"5\" xml:lang=\"en\" style=\"direction: rtl;\" direction=\"rtl\">Delay"));
	assert_non_null(
	    strstr(out.data, "style=\"direction: rtl; text-anchor: end;\" direction=\"rtl\">Wait"));
	kg_buf_release(&out);
	kg_svg_free(svg);
}

static const char *two_lines(void *ud, size_t i, const kg_svg_unit *unit)
{
	(void)i;
	(void)unit;
	return ud;
}

/* A label that may take two lines: Pango breaks it between words to fit
 * its room, and each line becomes a <tspan> at the text's x. */
static void test_long_label_wraps_onto_tspans(void **state)
{
	(void)state;
	kg_svg *svg = parse_ok(SVG_OPEN "<text x=\"70\" y=\"190\" font-size=\"20\" data-kitgen-width=\"120\" "
	                                "data-kitgen-lines=\"2\">Delegate</text></svg>");
	const kg_svg_unit *u = kg_svg_unit_at(svg, 0);
	assert_int_equal(u->max_lines, 2);
	kg_buf wrapped = KG_BUF_INIT;
	int lines = 0;
	double widest = kg_svg_wrap("Nhờ người khác giúp", "Noto Sans", 20, 0, "vi", u->box_width,
	                            u->max_lines, &wrapped, &lines);
	assert_int_equal(lines, 2);
	assert_true(widest <= 120);
	assert_non_null(strchr(wrapped.data, '\n'));
	kg_svg_localize_options options = {"vi", "en", 0, NULL};
	kg_buf out = KG_BUF_INIT;
	assert_int_equal(kg_svg_localize(svg, &options, two_lines, wrapped.data, &out), 0);
	assert_non_null(strstr(out.data, "<tspan x=\"70\" dy=\"-12\">"));
	assert_non_null(strstr(out.data, "<tspan x=\"70\" dy=\"24\">"));
	/* too long for two lines: one line, as written, and the caller warns */
	kg_buf_reset(&wrapped);
	kg_svg_wrap("one two three four five six seven eight nine ten", "Noto Sans", 20, 0, "en", 120, 2,
	            &wrapped, &lines);
	assert_true(lines > 2);
	assert_null(strchr(wrapped.data, '\n'));
	kg_buf_release(&wrapped);
	kg_buf_release(&out);
	kg_svg_free(svg);
}

static void test_measure_grows_with_the_text(void **state)
{
	(void)state;
	double short_w = kg_svg_text_width("Delay", "Noto Sans", 22, 1, "en");
	double long_w = kg_svg_text_width("Delay for a long while", "Noto Sans", 22, 1, "en");
	double khmer = kg_svg_text_width("\xe1\x9e\x96\xe1\x9e\x93\xe1\x9f\x92\xe1\x9e\x99\xe1\x9e\xa2",
	                                 "Noto Sans Khmer", 22, 1, "km");
	assert_true(short_w > 30 && short_w < 120);
	assert_true(long_w > 3 * short_w);
	assert_true(khmer > 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_units_in_document_order),
	    cmocka_unit_test(test_hostile_svgs_are_refused_with_a_location),
	    cmocka_unit_test(test_too_large_is_refused),
	    cmocka_unit_test(test_translations_are_text_and_untranslated_units_say_english),
	    cmocka_unit_test(test_left_to_right_keeps_the_anchor),
	    cmocka_unit_test(test_class_rules_give_size_and_anchor),
	    cmocka_unit_test(test_long_label_wraps_onto_tspans),
	    cmocka_unit_test(test_measure_grows_with_the_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
