/* test_segment.c: the walk that defines translation units (order, kinds,
 * file line numbers), the minimal-escape inline Markdown writer, and the
 * identity round trip over every CommonMark spec example: writing a unit
 * and parsing it back must render exactly the same HTML. */
#include "kitgen/i18n/segment.h"

#include "kitgen/base/buf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* ---- Helpers ----------------------------------------------------------- */

/* A page with only a body, as if its front matter ended on body_line - 1. */
static kg_page make_page(const char *body, int body_line)
{
	kg_page page = {0};
	page.source_path = "content/test.md";
	page.body = (char *)body;
	page.body_len = strlen(body);
	page.body_line = body_line;
	return page;
}

typedef struct seen_unit {
	kg_segment_kind kind;
	int level;
	int line;
	char *text;
} seen_unit;

typedef struct unit_list {
	seen_unit items[64];
	size_t count;
} unit_list;

static int collect_unit(void *ud, const kg_segment *seg)
{
	unit_list *list = ud;
	assert_true(list->count < 64);
	seen_unit *u = &list->items[list->count++];
	u->kind = seg->kind;
	u->level = seg->heading_level;
	u->line = seg->line;
	u->text = strdup(seg->text);
	return 0;
}

static void unit_list_release(unit_list *list)
{
	for (size_t i = 0; i < list->count; i++)
		free(list->items[i].text);
	list->count = 0;
}

static void collect_page(const kg_page *page, unit_list *list)
{
	cmark_node *doc = kg_page_parse_body(page);
	assert_non_null(doc);
	list->count = 0;
	assert_int_equal(kg_segments_each(page, doc, collect_unit, list), 0);
	cmark_node_free(doc);
}

static void assert_unit(const seen_unit *u, kg_segment_kind kind, int level, int line, const char *text)
{
	assert_int_equal(u->kind, kind);
	assert_int_equal(u->level, level);
	assert_int_equal(u->line, line);
	assert_string_equal(u->text, text);
}

/* The Markdown the writer produces for the single paragraph of source. */
static char *write_paragraph(const char *source)
{
	cmark_node *doc = cmark_parse_document(source, strlen(source), CMARK_OPT_DEFAULT);
	cmark_node *para = cmark_node_first_child(doc);
	assert_non_null(para);
	assert_int_equal(cmark_node_get_type(para), CMARK_NODE_PARAGRAPH);
	kg_buf out = KG_BUF_INIT;
	kg_markdown_inline(para, &out);
	cmark_node_free(doc);
	return kg_buf_detach(&out, NULL);
}

static void assert_writes(const char *source, const char *expected)
{
	char *got = write_paragraph(source);
	assert_string_equal(got, expected);
	free(got);
}

/* ---- The walk ---------------------------------------------------------- */

static void units_come_in_document_order_with_file_lines(void **state)
{
	(void)state;
	/* Body starts on line 6 of the file (after five lines of front matter). */
	const char *body = "# Staying safe\n"        /* 6 */
	                   "\n"                      /* 7 */
	                   "First paragraph\n"       /* 8 */
	                   "continues here.\n"       /* 9 */
	                   "\n"                      /* 10 */
	                   "## What to do\n"         /* 11 */
	                   "\n"                      /* 12 */
	                   "- Call **911**\n"        /* 13 */
	                   "- Write it down\n"       /* 14 */
	                   "\n"                      /* 15 */
	                   "> Stay calm.\n"          /* 16 */
	                   "\n"                      /* 17 */
	                   "![A phone](phone.svg)\n" /* 18 */
	                   "\n"                      /* 19 */
	                   "### Last\n";             /* 20 */
	kg_page page = make_page(body, 6);
	page.title = "Safety";
	page.title_line = 2;
	page.summary = "What to do";
	page.summary_line = 3;
	unit_list list;
	collect_page(&page, &list);
	assert_int_equal(list.count, 10);
	assert_unit(&list.items[0], KG_SEG_TITLE, 0, 2, "Safety");
	assert_unit(&list.items[1], KG_SEG_SUMMARY, 0, 3, "What to do");
	assert_unit(&list.items[2], KG_SEG_HEADING, 1, 6, "Staying safe");
	assert_unit(&list.items[3], KG_SEG_PARAGRAPH, 0, 8, "First paragraph continues here.");
	assert_unit(&list.items[4], KG_SEG_HEADING, 2, 11, "What to do");
	assert_unit(&list.items[5], KG_SEG_LIST_ITEM, 0, 13, "Call **911**");
	assert_unit(&list.items[6], KG_SEG_LIST_ITEM, 0, 14, "Write it down");
	assert_unit(&list.items[7], KG_SEG_QUOTE, 0, 16, "Stay calm.");
	assert_unit(&list.items[8], KG_SEG_ALT, 0, 18, "A phone");
	assert_unit(&list.items[9], KG_SEG_HEADING, 3, 20, "Last");
	unit_list_release(&list);
}

static void last_heading_follows_the_image(void **state)
{
	(void)state;
	kg_page page = make_page("![A phone](phone.svg)\n\n### Last\n", 1);
	unit_list list;
	collect_page(&page, &list);
	assert_int_equal(list.count, 2);
	assert_unit(&list.items[0], KG_SEG_ALT, 0, 1, "A phone");
	assert_unit(&list.items[1], KG_SEG_HEADING, 3, 3, "Last");
	unit_list_release(&list);
}

static void identical_units_are_reported_each_time(void **state)
{
	(void)state;
	kg_page page = make_page("Call us.\n\n- Call us.\n\n> Call us.\n\nCall us.\n", 1);
	unit_list list;
	collect_page(&page, &list);
	assert_int_equal(list.count, 4);
	assert_unit(&list.items[0], KG_SEG_PARAGRAPH, 0, 1, "Call us.");
	assert_unit(&list.items[1], KG_SEG_LIST_ITEM, 0, 3, "Call us.");
	assert_unit(&list.items[2], KG_SEG_QUOTE, 0, 5, "Call us.");
	assert_unit(&list.items[3], KG_SEG_PARAGRAPH, 0, 7, "Call us.");
	unit_list_release(&list);
}

static void code_and_html_blocks_yield_no_units(void **state)
{
	(void)state;
	kg_page page = make_page("```\nnot text\n```\n\n    indented code\n\n<div>\nraw\n</div>\n\n"
	                         "Only this.\n",
	                         1);
	unit_list list;
	collect_page(&page, &list);
	assert_int_equal(list.count, 1);
	assert_unit(&list.items[0], KG_SEG_PARAGRAPH, 0, 11, "Only this.");
	unit_list_release(&list);
}

static void empty_title_summary_and_alt_yield_no_units(void **state)
{
	(void)state;
	kg_page page = make_page("![](decorative.svg)\n", 1);
	page.summary = "";
	unit_list list;
	collect_page(&page, &list);
	assert_int_equal(list.count, 0);
	unit_list_release(&list);
}

static void image_with_text_is_one_paragraph_not_alt(void **state)
{
	(void)state;
	kg_page page = make_page("See ![map](map.svg) here.\n", 1);
	unit_list list;
	collect_page(&page, &list);
	assert_int_equal(list.count, 1);
	assert_unit(&list.items[0], KG_SEG_PARAGRAPH, 0, 1, "See ![map](map.svg) here.");
	unit_list_release(&list);
}

static int stop_at_second(void *ud, const kg_segment *seg)
{
	(void)seg;
	int *calls = ud;
	return ++*calls == 2 ? 42 : 0;
}

static void callback_return_value_stops_the_walk(void **state)
{
	(void)state;
	kg_page page = make_page("one\n\ntwo\n\nthree\n", 1);
	cmark_node *doc = kg_page_parse_body(&page);
	int calls = 0;
	assert_int_equal(kg_segments_each(&page, doc, stop_at_second, &calls), 42);
	assert_int_equal(calls, 2);
	cmark_node_free(doc);
}

static void kind_names_follow_po4a(void **state)
{
	(void)state;
	assert_string_equal(kg_segment_kind_name(KG_SEG_TITLE), "title");
	assert_string_equal(kg_segment_kind_name(KG_SEG_LIST_ITEM), "list item");
	assert_string_equal(kg_segment_kind_name(KG_SEG_ALT), "image alt text");
}

/* ---- The inline writer ------------------------------------------------- */

static void placeholder_underscores_are_not_escaped(void **state)
{
	(void)state;
	assert_writes("Call {{ local_hotline }} now.\n", "Call {{ local_hotline }} now.");
}

static void leading_ordered_list_marker_is_escaped(void **state)
{
	(void)state;
	assert_writes("1\\. Not a list\n", "1\\. Not a list");
	assert_writes("2026\\) also not\n", "2026\\) also not");
}

static void leading_block_markers_are_escaped(void **state)
{
	(void)state;
	assert_writes("\\# not a heading\n", "\\# not a heading");
	assert_writes("\\- not a list\n", "\\- not a list");
	assert_writes("\\> not a quote\n", "\\> not a quote");
}

static void stars_and_brackets_in_text_are_escaped(void **state)
{
	(void)state;
	assert_writes("2 \\* 3 and \\[x\\]\n", "2 \\* 3 and \\[x\\]");
	assert_writes("snake\\_case_word and \\_lead\n", "snake_case_word and \\_lead");
}

static void plain_text_is_written_without_escapes(void **state)
{
	(void)state;
	assert_writes("Dial 1. Then wait - or hang up & retry (soon)!\n",
	              "Dial 1. Then wait - or hang up & retry (soon)!");
}

static void inline_markup_is_written_back(void **state)
{
	(void)state;
	assert_writes("*a* **b** `c` [d](e.md \"t\") <https://x.test> ![f](g.png)\n",
	              "*a* **b** `c` [d](e.md \"t\") <https://x.test> ![f](g.png)");
	assert_writes("``a`b``\n", "``a`b``");
	assert_writes("[x](<a b>)\n", "[x](<a b>)");
}

static void parse_inline_refuses_more_than_one_paragraph(void **state)
{
	(void)state;
	cmark_node *para = kg_markdown_parse_inline("just *text*", 11);
	assert_non_null(para);
	assert_int_equal(cmark_node_get_type(para), CMARK_NODE_PARAGRAPH);
	cmark_node_free(para);
	assert_null(kg_markdown_parse_inline("- a list", 8));
	assert_null(kg_markdown_parse_inline("# heading", 9));
	assert_null(kg_markdown_parse_inline("one\n\ntwo", 8));
	assert_null(kg_markdown_parse_inline("", 0));
}

/* cmark's own parse of a one-line text, as kg_markdown_parse_inline's
 * slow path makes it (no softbreak on one line), as XML; "" when it is not
 * one paragraph. */
static char *cmark_paragraph_xml(const char *text, size_t len)
{
	cmark_node *doc = cmark_parse_document(text, len, CMARK_OPT_VALIDATE_UTF8);
	cmark_node *para = cmark_node_first_child(doc);
	char *xml = para && !cmark_node_next(para) && cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH
	                ? cmark_render_xml(para, CMARK_OPT_DEFAULT)
	                : strdup("");
	cmark_node_free(doc);
	return xml;
}

/* The plain-text path (no cmark run) gives what cmark gives: random
 * one-line texts of letters, digits, spaces, every character Markdown acts
 * on, multi-byte letters and a bad byte. And it is taken for a sentence. */
static void parse_inline_without_cmark_equals_cmark(void **state)
{
	(void)state;
	static const char *const pieces[] = {
	    "a", "B", "z", "7", "0",  " ",    " ",  "  ", "\t",    "\\",         "`",    "*",   "_",
	    "[", "]", "!", "<", ">",  "&",    "#",  "=",  "+",     "-",          "~",    "|",   "^",
	    ",", ".", ";", ":", "?",  "'",    "\"", "(",  ")",     "/",          "%",    "{",   "}",
	    "@", "$", "ề", "ក", "中", "\xff", "1.", "a)", "&amp;", "http://x.y", "    ", "\xc3"};
	const size_t n = sizeof(pieces) / sizeof(pieces[0]);
	unsigned seed = 77;
	size_t fast = 0;
	for (int round = 0; round < 20000; round++) {
		char text[128] = "";
		seed = seed * 1103515245u + 12345u;
		int count = 1 + (int)((seed >> 16) % 8);
		for (int k = 0; k < count; k++) {
			seed = seed * 1103515245u + 12345u;
			/* mostly letters and spaces, as sentences are */
			size_t pick = (seed >> 8) % 3 ? (seed >> 16) % 8 : (seed >> 16) % n;
			strcat(text, pieces[pick]);
		}
		size_t len = strlen(text);
		cmark_node *para = kg_markdown_parse_inline(text, len);
		char *got = para ? cmark_render_xml(para, CMARK_OPT_DEFAULT) : strdup("");
		fast += para && cmark_node_get_start_line(para) == 0; /* made, not parsed */
		char *want = cmark_paragraph_xml(text, len);
		if (strcmp(got, want) != 0)
			fail_msg("\"%s\":\n%s\nwant\n%s", text, got, want);
		free(got);
		free(want);
		if (para)
			cmark_node_free(para);
	}
	assert_true(fast > 1000); /* the path was tried */
	const char *sentence = "Gọi 911 ngay (24/7), hỏi: \"ai?\"";
	cmark_node *para = kg_markdown_parse_inline(sentence, strlen(sentence));
	assert_non_null(para);
	assert_int_equal(cmark_node_get_start_line(para), 0);
	cmark_node_free(para);
}

static void replace_puts_translation_in_place(void **state)
{
	(void)state;
	kg_page page = make_page("Hello *world*.\n", 1);
	cmark_node *doc = kg_page_parse_body(&page);
	cmark_node *para = cmark_node_first_child(doc);
	cmark_node *translation =
	    kg_markdown_parse_inline("Xin chào *thế giới*.", strlen("Xin chào *thế giới*."));
	assert_non_null(translation);
	kg_segment_replace(para, translation);
	assert_null(cmark_node_first_child(translation));
	cmark_node_free(translation);
	char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT);
	assert_string_equal(html, "<p>Xin chào <em>thế giới</em>.</p>\n");
	free(html);
	cmark_node_free(doc);
}

/* ---- The identity round trip over the CommonMark spec ------------------ */

/* Examples whose units do not round-trip, by number (counting every
 * example block in the file from 1, as cmark's spec_tests.py does). Each
 * one is a known bug of the inline writer in src/i18n/segment.c, not a
 * limit of the approach: every one of these texts can be written as
 * inline Markdown. The test also requires that each listed example still
 * fails, so fixing the writer makes the stale entry show up here. */
typedef struct exclusion {
	int number;
	const char *reason;
} exclusion;

static const exclusion identity_exclusions[] = {
    {426,
     "strong nested three deep inside a word (foo******bar): the writer nests delimiters one level at a time, and no such choice re-reads as three strongs"},
    {0, NULL},
};
#define EXPECTED_EXCLUSIONS 1

static int is_excluded(int number)
{
	for (size_t i = 0; identity_exclusions[i].reason; i++)
		if (identity_exclusions[i].number == number)
			return 1;
	return 0;
}

typedef struct identity_state {
	int failed;
	kg_buf first_failure;
} identity_state;

static int translate_identity(void *ud, const kg_segment *seg)
{
	identity_state *st = ud;
	cmark_node *para = kg_markdown_parse_inline(seg->text, strlen(seg->text));
	if (!para) {
		st->failed = 1;
		if (!st->first_failure.len)
			kg_buf_printf(&st->first_failure, "unit is not one paragraph: [%s]", seg->text);
		return 0;
	}
	kg_segment_replace(seg->node, para);
	cmark_node_free(para);
	return 0;
}

static char *read_spec(size_t *len)
{
	const char *root = getenv("KITGEN_SOURCE_DIR");
	assert_non_null(root);
	char path[4096];
	snprintf(path, sizeof(path), "%s/tests/data/commonmark-spec-0.29-gfm.txt", root);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	kg_buf data = KG_BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		kg_buf_add(&data, chunk, n);
	fclose(f);
	return kg_buf_detach(&data, len);
}

/* Replaces every U+2192 (the spec's tab marker) with a tab. */
static void add_untabbed(kg_buf *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (i + 2 < len && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x86 &&
		    (unsigned char)s[i + 2] == 0x92) {
			kg_buf_putc(out, '\t');
			i += 2;
		} else {
			kg_buf_putc(out, s[i]);
		}
	}
}

/* Returns 0 when the example round-trips, else -1 with why filled. */
static int check_identity(const char *markdown, kg_buf *why)
{
	kg_page page = make_page(markdown, 1);
	cmark_node *original = kg_page_parse_body(&page);
	cmark_node *translated = kg_page_parse_body(&page);
	identity_state st = {0, KG_BUF_INIT};
	kg_segments_each(&page, translated, translate_identity, &st);
	char *want = cmark_render_html(original, CMARK_OPT_DEFAULT);
	char *got = cmark_render_html(translated, CMARK_OPT_DEFAULT);
	int rc = 0;
	if (st.failed) {
		kg_buf_puts(why, st.first_failure.data);
		rc = -1;
	} else if (strcmp(want, got) != 0) {
		kg_buf_printf(why, "want %s got %s", want, got);
		rc = -1;
	}
	kg_buf_release(&st.first_failure);
	free(want);
	free(got);
	cmark_node_free(original);
	cmark_node_free(translated);
	return rc;
}

static void identity_translation_renders_every_spec_example_unchanged(void **state)
{
	(void)state;
	size_t len;
	char *spec = read_spec(&len);
	static const char fence[] = "````````````````````````````````";
	size_t fence_len = sizeof(fence) - 1;
	int number = 0, checked = 0, excluded = 0, failures = 0, stale = 0;
	kg_buf markdown = KG_BUF_INIT, why = KG_BUF_INIT;
	const char *p = spec, *end = spec + len;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *next = eol ? eol + 1 : end;
		size_t line_len = (size_t)((eol ? eol : end) - p);
		if (line_len >= fence_len + 8 && !memcmp(p, fence, fence_len) &&
		    !memcmp(p + fence_len, " example", 8)) {
			number++;
			int plain = line_len == fence_len + 8;
			/* Input runs up to the line that is a single '.'. */
			const char *input = next, *q = next;
			while (q < end && !(q[0] == '.' && (q + 1 == end || q[1] == '\n'))) {
				const char *e = memchr(q, '\n', (size_t)(end - q));
				q = e ? e + 1 : end;
			}
			assert_true(q < end);
			kg_buf_reset(&markdown);
			add_untabbed(&markdown, input, (size_t)(q - input));
			/* Skip to the closing fence. */
			while (q < end && !((size_t)(end - q) >= fence_len && !memcmp(q, fence, fence_len) &&
			                    (q + fence_len == end || q[fence_len] == '\n'))) {
				const char *e = memchr(q, '\n', (size_t)(end - q));
				q = e ? e + 1 : end;
			}
			next = q < end ? q + fence_len : end;
			if (!plain)
				goto advance;
			if (is_excluded(number)) {
				excluded++;
				kg_buf_reset(&why);
				if (check_identity(markdown.data, &why) == 0) {
					stale++;
					print_message("example %d round-trips now: remove its exclusion\n",
					              number);
				}
				goto advance;
			}
			kg_buf_reset(&why);
			checked++;
			if (check_identity(markdown.data, &why) < 0) {
				failures++;
				print_message("example %d does not round-trip: %s\n---input---\n%s\n", number,
				              why.data, markdown.data);
			}
		}
	advance:
		p = next;
	}
	print_message("identity round trip: %d examples checked, %d excluded\n", checked, excluded);
	kg_buf_release(&markdown);
	kg_buf_release(&why);
	free(spec);
	assert_int_equal(excluded, EXPECTED_EXCLUSIONS);
	assert_int_equal(stale, 0);
	assert_int_equal(failures, 0);
	assert_int_equal(checked + excluded, 649); /* every plain example of the spec */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(units_come_in_document_order_with_file_lines),
	    cmocka_unit_test(last_heading_follows_the_image),
	    cmocka_unit_test(identical_units_are_reported_each_time),
	    cmocka_unit_test(code_and_html_blocks_yield_no_units),
	    cmocka_unit_test(empty_title_summary_and_alt_yield_no_units),
	    cmocka_unit_test(image_with_text_is_one_paragraph_not_alt),
	    cmocka_unit_test(callback_return_value_stops_the_walk),
	    cmocka_unit_test(kind_names_follow_po4a),
	    cmocka_unit_test(placeholder_underscores_are_not_escaped),
	    cmocka_unit_test(leading_ordered_list_marker_is_escaped),
	    cmocka_unit_test(leading_block_markers_are_escaped),
	    cmocka_unit_test(stars_and_brackets_in_text_are_escaped),
	    cmocka_unit_test(plain_text_is_written_without_escapes),
	    cmocka_unit_test(inline_markup_is_written_back),
	    cmocka_unit_test(parse_inline_refuses_more_than_one_paragraph),
	    cmocka_unit_test(parse_inline_without_cmark_equals_cmark),
	    cmocka_unit_test(replace_puts_translation_in_place),
	    cmocka_unit_test(identity_translation_renders_every_spec_example_unchanged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
