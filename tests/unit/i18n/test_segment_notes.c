/* test_segment_notes.c: organizer notes (<!-- organizer: ... -->) as
 * segment.c cuts them out of a parsed page: they make no unit wherever they
 * stand (between blocks, in a list, in a block quote, inside a paragraph),
 * leave no empty block or stray space behind, and leave everything else,
 * including ordinary comments and code, as CommonMark parsed it. */
#include "kitgen/i18n/segment.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* ---- Helpers ----------------------------------------------------------- */

typedef struct unit_list {
	char *text[32];
	int line[32];
	size_t count;
} unit_list;

static int collect_unit(void *ud, const kg_segment *seg)
{
	unit_list *list = ud;
	assert_true(list->count < 32);
	list->line[list->count] = seg->line;
	list->text[list->count++] = strdup(seg->text);
	return 0;
}

/* The units of body (a page without front matter, body on line 1), and the
 * page as cmark's own HTML renderer draws the tree everything else reads
 * (caller frees the HTML with free()). */
static char *segment(const char *body, unit_list *list)
{
	kg_page page = {0};
	page.source_path = "content/test.md";
	page.body = (char *)body;
	page.body_len = strlen(body);
	page.body_line = 1;
	cmark_node *doc = kg_page_parse_body(&page);
	list->count = 0;
	assert_int_equal(kg_segments_each(&page, doc, collect_unit, list), 0);
	char *html = cmark_render_html(doc, CMARK_OPT_UNSAFE);
	cmark_node_free(doc);
	return html;
}

static void release(unit_list *list, char *html)
{
	for (size_t i = 0; i < list->count; i++)
		free(list->text[i]);
	free(html);
}

/* body renders as html and holds exactly the units given (NULL-terminated). */
static void assert_page(const char *body, const char *html, ...)
{
	unit_list list;
	char *got = segment(body, &list);
	assert_string_equal(got, html);
	va_list ap;
	va_start(ap, html);
	size_t i = 0;
	for (const char *unit; (unit = va_arg(ap, const char *)); i++) {
		assert_true(i < list.count);
		assert_string_equal(list.text[i], unit);
	}
	va_end(ap);
	assert_int_equal(list.count, i);
	release(&list, got);
}

/* ---- Between blocks ---------------------------------------------------- */

static void note_between_paragraphs_makes_no_unit_and_keeps_lines(void **state)
{
	(void)state;
	const char *body = "First.\n"                    /* 1 */
	                   "\n"                          /* 2 */
	                   "<!-- organizer: put your\n"  /* 3 */
	                   "own phone number here -->\n" /* 4 */
	                   "\n"                          /* 5 */
	                   "Second.\n";                  /* 6 */
	unit_list list;
	char *html = segment(body, &list);
	assert_string_equal(html, "<p>First.</p>\n<p>Second.</p>\n");
	assert_int_equal(list.count, 2);
	assert_string_equal(list.text[1], "Second.");
	assert_int_equal(list.line[1], 6);
	release(&list, html);
}

static void note_without_blank_lines_ends_the_paragraph_as_commonmark_says(void **state)
{
	(void)state;
	/* An HTML comment at the start of a line interrupts a paragraph: other
	 * CommonMark tools show two paragraphs too. */
	assert_page("One line\n<!-- organizer: x -->\nanother.\n", "<p>One line</p>\n<p>another.</p>\n",
	            "One line", "another.", NULL);
}

static void spelling_and_spacing_of_the_word_may_vary(void **state)
{
	(void)state;
	assert_page("<!--organizer:x-->\n\n<!--   Organizer :\n  x -->\n\n<!-- ORGANIZER: x -->\n\nText.\n",
	            "<p>Text.</p>\n", "Text.", NULL);
}

static void note_never_closed_runs_to_the_end_like_any_comment(void **state)
{
	(void)state;
	assert_page("Kept.\n\n<!-- organizer: forgot to close\n\nStill inside.\n", "<p>Kept.</p>\n", "Kept.",
	            NULL);
}

/* ---- In lists and block quotes ----------------------------------------- */

static void note_inside_a_list_item_keeps_the_list_tight(void **state)
{
	(void)state;
	assert_page("- Call.\n  <!-- organizer: add your number -->\n- Write it down.\n",
	            "<ul>\n<li>Call.</li>\n<li>Write it down.</li>\n</ul>\n", "Call.", "Write it down.",
	            NULL);
}

static void item_holding_only_a_note_disappears(void **state)
{
	(void)state;
	assert_page("1. One.\n2. <!-- organizer: a step of your own -->\n3. Three.\n",
	            "<ol>\n<li>One.</li>\n<li>Three.</li>\n</ol>\n", "One.", "Three.", NULL);
	assert_page("- <!-- organizer: only this -->\n\nAfter.\n", "<p>After.</p>\n", "After.", NULL);
}

static void note_in_a_block_quote_leaves_the_quote(void **state)
{
	(void)state;
	assert_page("> Stay calm.\n>\n> <!-- organizer:\n> say it twice -->\n",
	            "<blockquote>\n<p>Stay calm.</p>\n</blockquote>\n", "Stay calm.", NULL);
}

static void quote_holding_only_a_note_disappears(void **state)
{
	(void)state;
	assert_page("Before.\n\n> <!-- organizer: a quote from your group -->\n\nAfter.\n",
	            "<p>Before.</p>\n<p>After.</p>\n", "Before.", "After.", NULL);
}

/* ---- Inside a paragraph or heading ------------------------------------- */

static void note_inside_a_paragraph_leaves_one_space(void **state)
{
	(void)state;
	assert_page("Call us <!-- organizer: your line --> today.\n", "<p>Call us today.</p>\n",
	            "Call us today.", NULL);
	assert_page("Call us today. <!-- organizer: a last word -->\n", "<p>Call us today.</p>\n",
	            "Call us today.", NULL);
	assert_page("*Call* <!-- organizer: x --> us.\n", "<p><em>Call</em> us.</p>\n", "*Call* us.", NULL);
	assert_page("word<!-- organizer: x -->join\n", "<p>wordjoin</p>\n", "wordjoin", NULL);
}

static void note_spanning_lines_inside_a_paragraph_goes(void **state)
{
	(void)state;
	assert_page("Call us <!-- organizer: put\nyour own line\nhere --> today.\n",
	            "<p>Call us today.</p>\n", "Call us today.", NULL);
}

static void note_commonmark_reads_as_text_goes_too(void **state)
{
	(void)state;
	/* CommonMark 0.30 takes no "--" inside an inline comment, so this is
	 * text and emphasis to cmark; it is still a note. */
	assert_page("Call <!-- organizer: 555 -- *not* 911 --> us.\n", "<p>Call us.</p>\n", "Call us.", NULL);
}

static void notes_inside_emphasis_and_around_it_go(void **state)
{
	(void)state;
	/* One note inside the emphasis, one after it that swallows another. */
	assert_page("A *b <!-- organizer: x --> c* <!-- organizer: y -- *z* **w** --> d\n",
	            "<p>A <em>b c</em> d</p>\n", "A *b c* d", NULL);
	/* Emphasis around nothing but a note goes with it, and so does its
	 * paragraph: a translator would see "**". */
	assert_page("Keep *<!-- organizer: x -->* this.\n\n***<!-- organizer: y -->***\n",
	            "<p>Keep this.</p>\n", "Keep this.", NULL);
}

static void heading_with_a_note_keeps_its_text(void **state)
{
	(void)state;
	assert_page("## Help <!-- organizer: rename it -->\n\n## <!-- organizer: only a note -->\n",
	            "<h2>Help</h2>\n", "Help", NULL);
}

static void note_in_link_text_goes(void **state)
{
	(void)state;
	assert_page("[our <!-- organizer: x --> form](form.md)\n",
	            "<p><a href=\"form.md\">our form</a></p>\n", "[our form](form.md)", NULL);
}

/* ---- What is not a note ------------------------------------------------ */

static void other_comments_and_raw_html_are_left_alone(void **state)
{
	(void)state;
	/* Raw HTML stays for html.c to allow or refuse; only the note goes. */
	assert_page("<!-- a comment -->\n\n<!-- organizers: plural is not the word -->\n\nText.\n",
	            "<!-- a comment -->\n<!-- organizers: plural is not the word -->\n<p>Text.</p>\n",
	            "Text.", NULL);
	assert_page("<div>\n<!-- organizer: x -->\n<p>raw</p>\n</div>\n", "<div>\n\n<p>raw</p>\n</div>\n",
	            NULL);
}

static void notes_in_code_are_code(void **state)
{
	(void)state;
	assert_page("Write `<!-- organizer: ... -->` for a note.\n\n```\n<!-- organizer: shown -->\n```\n",
	            "<p>Write <code>&lt;!-- organizer: ... --&gt;</code> for a note.</p>\n"
	            "<pre><code>&lt;!-- organizer: shown --&gt;\n</code></pre>\n",
	            "Write `<!-- organizer: ... -->` for a note.", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(note_between_paragraphs_makes_no_unit_and_keeps_lines),
	    cmocka_unit_test(note_without_blank_lines_ends_the_paragraph_as_commonmark_says),
	    cmocka_unit_test(spelling_and_spacing_of_the_word_may_vary),
	    cmocka_unit_test(note_never_closed_runs_to_the_end_like_any_comment),
	    cmocka_unit_test(note_inside_a_list_item_keeps_the_list_tight),
	    cmocka_unit_test(item_holding_only_a_note_disappears),
	    cmocka_unit_test(note_in_a_block_quote_leaves_the_quote),
	    cmocka_unit_test(quote_holding_only_a_note_disappears),
	    cmocka_unit_test(note_inside_a_paragraph_leaves_one_space),
	    cmocka_unit_test(note_spanning_lines_inside_a_paragraph_goes),
	    cmocka_unit_test(note_commonmark_reads_as_text_goes_too),
	    cmocka_unit_test(notes_inside_emphasis_and_around_it_go),
	    cmocka_unit_test(heading_with_a_note_keeps_its_text),
	    cmocka_unit_test(note_in_link_text_goes),
	    cmocka_unit_test(other_comments_and_raw_html_are_left_alone),
	    cmocka_unit_test(notes_in_code_are_code),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
