/* test_text_export.c: a localized page as CommonMark and as plain text —
 * headings, nested and loose lists, quotes, links (kept, shown as
 * "text (URL)" or reduced to their text), emphasis, code, placeholders
 * (filled, escaped for Markdown, never inside code), raw HTML and kitgen's
 * bilingual spans, East Asian widths in underlines, and that the caller's
 * tree is left as it was. */
#include "kitgen/downloads/export.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* ---- Helpers ----------------------------------------------------------- */

static kg_kit_var vars[] = {{"hotline", "555-0100", KG_VAR_PHONE, 0, 0, 0},
                            {"org", "Safe *Streets*", KG_VAR_TEXT, 0, 0, 0},
                            {"org_name", "SafeNet", KG_VAR_TEXT, 0, 0, 0}};

static const char *values[] = {"555-0100", "Safe *Streets*", "SafeNet"};

/* The vars as the source language sees them (no allocation). */
#define SOURCE_VARS(cfg) ((kg_placeholders){&(cfg), values})

static kg_config make_config(void)
{
	kg_config cfg;
	memset(&cfg, 0, sizeof(cfg));
	cfg.vars = vars; /* sorted by name, as kit.yaml's loader leaves them */
	cfg.var_count = sizeof(vars) / sizeof(vars[0]);
	return cfg;
}

static const char page_md[] = "## Before you act\n"
                              "\n"
                              "Call **{{ hotline }}** or visit [our site](https://example.org/help) and "
                              "[the guide](../services/a.md#part), {{ org }}.\n"
                              "\n"
                              "1. First *step*\n"
                              "2. Second with `code {{ hotline }}`\n"
                              "   - nested one\n"
                              "   - write to [help@example.org](mailto:help@example.org)\n"
                              "\n"
                              "> Quoted words\n"
                              ">\n"
                              "> second quote paragraph\n"
                              "\n"
                              "- loose one\n"
                              "\n"
                              "- loose two\n"
                              "\n"
                              "  continued\n"
                              "\n"
                              "---\n"
                              "\n"
                              "```\n"
                              "code block\n"
                              "  indented\n"
                              "```\n"
                              "\n"
                              "### Third level\n"
                              "\n"
                              "![A map](map.png)\n";

static cmark_node *parse(const char *md)
{
	cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
	assert_non_null(doc);
	return doc;
}

static char *text_of(const char *md, const char *title)
{
	kg_config cfg = make_config();
	kg_placeholders ph = SOURCE_VARS(cfg);
	cmark_node *doc = parse(md);
	kg_buf out = KG_BUF_INIT;
	kg_export_text(doc, title, &ph, &out);
	cmark_node_free(doc);
	return kg_buf_detach(&out, NULL);
}

static char *markdown_of(const char *md, const char *title)
{
	kg_config cfg = make_config();
	kg_placeholders ph = SOURCE_VARS(cfg);
	cmark_node *doc = parse(md);
	kg_buf out = KG_BUF_INIT;
	kg_export_markdown(doc, title, &ph, &out);
	cmark_node_free(doc);
	return kg_buf_detach(&out, NULL);
}

/* ---- Plain text -------------------------------------------------------- */

static void text_export_of_a_whole_page_has_no_markdown_left(void **state)
{
	(void)state;
	char *text = text_of(page_md, "Five ways {{ org }}");
	assert_string_equal(text, "Five ways Safe *Streets*\n"
	                          "========================\n"
	                          "\n"
	                          "Before you act\n"
	                          "--------------\n"
	                          "\n"
	                          "Call 555-0100 or visit our site (https://example.org/help) and the guide, "
	                          "Safe *Streets*.\n"
	                          "\n"
	                          "1. First step\n"
	                          "2. Second with code {{ hotline }}\n"
	                          "   - nested one\n"
	                          "   - write to help@example.org\n"
	                          "\n"
	                          "    Quoted words\n"
	                          "\n"
	                          "    second quote paragraph\n"
	                          "\n"
	                          "- loose one\n"
	                          "\n"
	                          "- loose two\n"
	                          "\n"
	                          "  continued\n"
	                          "\n"
	                          "    code block\n"
	                          "      indented\n"
	                          "\n"
	                          "Third level\n"
	                          "\n"
	                          "A map\n");
	free(text);
}

static void text_paragraphs_are_one_line_each_however_long(void **state)
{
	(void)state;
	char *text = text_of("A first sentence that goes on\nacross several source lines\nand more.\n\n"
	                     "Second *paragraph*  \nafter a hard break.\n",
	                     "T");
	assert_string_equal(text,
	                    "T\n=\n\nA first sentence that goes on across several source lines and more.\n\n"
	                    "Second paragraph\nafter a hard break.\n");
	free(text);
}

static void text_underline_counts_wide_characters_twice(void **state)
{
	(void)state;
	char *text = text_of("", "Cách can thiệp 五つの方法");
	/* 14 Latin letters and spaces (combining marks precomposed), a space, 5 wide. */
	assert_string_equal(text, "Cách can thiệp 五つの方法\n=========================\n");
	free(text);
}

static void text_ordered_list_keeps_its_start_number(void **state)
{
	(void)state;
	char *text = text_of("7. seven\n8. eight\n   1. inner\n", "T");
	assert_string_equal(text, "T\n=\n\n7. seven\n8. eight\n   1. inner\n");
	free(text);
}

static void text_links_show_urls_only_where_they_mean_something(void **state)
{
	(void)state;
	char *text = text_of("[a](https://x.org) <https://y.org> [b](#part) [c](/abs) [d](files/h.pdf) "
	                     "[e](javascript:alert(1)) [call](tel:911) [f](https://z.org/{{hotline}})\n",
	                     "T");
	assert_string_equal(text, "T\n=\n\na (https://x.org) https://y.org b c d e call (911) "
	                          "f (https://z.org/555-0100)\n");
	free(text);
}

static void text_placeholder_split_by_an_underscore_is_filled(void **state)
{
	(void)state;
	/* cmark leaves a lone "_" as its own text node. */
	char *text = text_of("Ask {{ org_name }} today.\n", "T");
	assert_string_equal(text, "T\n=\n\nAsk SafeNet today.\n");
	free(text);
}

static void text_leaves_raw_html_out(void **state)
{
	(void)state;
	char *text = text_of("<div>block</div>\n\nSome <b>bold</b> text.\n", "T");
	assert_string_equal(text, "T\n=\n\nSome bold text.\n");
	free(text);
}

static void text_quote_inside_a_list_item_is_indented_under_it(void **state)
{
	(void)state;
	char *text = text_of("- item\n\n  > said\n", "T");
	assert_string_equal(text, "T\n=\n\n- item\n\n      said\n");
	free(text);
}

/* ---- Markdown ---------------------------------------------------------- */

static void markdown_export_has_title_and_filled_body(void **state)
{
	(void)state;
	char *md = markdown_of(page_md, "Five ways {{ org }}");
	assert_non_null(strstr(md, "# Five ways Safe \\*Streets\\*\n\n## Before you act\n"));
	assert_non_null(strstr(md, "Call **555-0100** or visit [our site](https://example.org/help) and "
	                           "[the guide](../services/a.md#part), Safe \\*Streets\\*.\n"));
	assert_non_null(strstr(md, "`code {{ hotline }}`")); /* code is as written */
	assert_non_null(strstr(md, "First *step*"));
	assert_non_null(strstr(md, "- nested one\n"));
	assert_non_null(strstr(md, "> Quoted words\n"));
	assert_non_null(strstr(md, "### Third level\n"));
	assert_non_null(strstr(md, "![A map](map.png)\n"));
	free(md);
}

static void markdown_export_reads_back_as_the_same_structure(void **state)
{
	(void)state;
	char *md = markdown_of(page_md, "Title");
	cmark_node *doc = parse(md);
	cmark_node *first = cmark_node_first_child(doc);
	assert_int_equal(cmark_node_get_type(first), CMARK_NODE_HEADING);
	assert_int_equal(cmark_node_get_heading_level(first), 1);
	size_t lists = 0, quotes = 0, links = 0;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node_type t = cmark_node_get_type(cmark_iter_get_node(it));
		lists += t == CMARK_NODE_LIST;
		quotes += t == CMARK_NODE_BLOCK_QUOTE;
		links += t == CMARK_NODE_LINK;
	}
	cmark_iter_free(it);
	assert_int_equal(lists, 3);
	assert_int_equal(quotes, 1);
	assert_int_equal(links, 3);
	cmark_node_free(doc);
	free(md);
}

static void markdown_export_fills_placeholders_in_urls(void **state)
{
	(void)state;
	char *md = markdown_of("[call](tel:{{hotline}}) {{ org_name }}\n", "T");
	assert_string_equal(md, "# T\n\n[call](tel:555-0100) SafeNet\n");
	free(md);
}

static void markdown_export_drops_raw_html_unless_the_kit_allows_it(void **state)
{
	(void)state;
	const char *src = "<div>block</div>\n\nText.\n";
	char *md = markdown_of(src, "T");
	assert_string_equal(md, "# T\n\nText.\n");
	free(md);
	kg_config cfg = make_config();
	kg_placeholders ph = SOURCE_VARS(cfg);
	cfg.raw_html = 1;
	cmark_node *doc = parse(src);
	kg_buf out = KG_BUF_INIT;
	kg_export_markdown(doc, "T", &ph, &out);
	assert_string_equal(out.data, "# T\n\n<div>block</div>\n\nText.\n");
	kg_buf_release(&out);
	cmark_node_free(doc);
}

static void bilingual_span_keeps_its_text_without_html(void **state)
{
	(void)state;
	kg_config cfg = make_config();
	kg_placeholders ph = SOURCE_VARS(cfg);
	cmark_node *doc = parse("Xin chào\n");
	cmark_node *para = cmark_node_first_child(doc);
	cmark_node *span = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
	cmark_node_set_on_enter(span, "<span class=\"source-text\" lang=\"en\">");
	cmark_node_set_on_exit(span, "</span>");
	cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);
	cmark_node_set_literal(text, "Hello");
	cmark_node_append_child(span, text);
	cmark_node_append_child(para, cmark_node_new(CMARK_NODE_LINEBREAK));
	cmark_node_append_child(para, span);
	kg_buf out = KG_BUF_INIT;
	kg_export_markdown(doc, "T", &ph, &out);
	assert_string_equal(out.data, "# T\n\nXin chào  \nHello\n");
	kg_buf_reset(&out);
	kg_export_text(doc, "T", &ph, &out);
	assert_string_equal(out.data, "T\n=\n\nXin chào\nHello\n");
	kg_buf_release(&out);
	cmark_node_free(doc);
}

static void exports_are_deterministic_and_leave_the_tree_alone(void **state)
{
	(void)state;
	kg_config cfg = make_config();
	kg_placeholders ph = SOURCE_VARS(cfg);
	cmark_node *doc = parse(page_md);
	char *before = cmark_render_xml(doc, CMARK_OPT_DEFAULT);
	kg_buf a = KG_BUF_INIT, b = KG_BUF_INIT;
	kg_export_markdown(doc, "T {{ org }}", &ph, &a);
	kg_export_text(doc, "T {{ org }}", &ph, &a);
	kg_export_markdown(doc, "T {{ org }}", &ph, &b);
	kg_export_text(doc, "T {{ org }}", &ph, &b);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	char *after = cmark_render_xml(doc, CMARK_OPT_DEFAULT);
	assert_string_equal(before, after);
	free(before);
	free(after);
	kg_buf_release(&a);
	kg_buf_release(&b);
	cmark_node_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(text_export_of_a_whole_page_has_no_markdown_left),
	    cmocka_unit_test(text_paragraphs_are_one_line_each_however_long),
	    cmocka_unit_test(text_underline_counts_wide_characters_twice),
	    cmocka_unit_test(text_ordered_list_keeps_its_start_number),
	    cmocka_unit_test(text_links_show_urls_only_where_they_mean_something),
	    cmocka_unit_test(text_placeholder_split_by_an_underscore_is_filled),
	    cmocka_unit_test(text_leaves_raw_html_out),
	    cmocka_unit_test(text_quote_inside_a_list_item_is_indented_under_it),
	    cmocka_unit_test(markdown_export_has_title_and_filled_body),
	    cmocka_unit_test(markdown_export_reads_back_as_the_same_structure),
	    cmocka_unit_test(markdown_export_fills_placeholders_in_urls),
	    cmocka_unit_test(markdown_export_drops_raw_html_unless_the_kit_allows_it),
	    cmocka_unit_test(bilingual_span_keeps_its_text_without_html),
	    cmocka_unit_test(exports_are_deterministic_and_leave_the_tree_alone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
