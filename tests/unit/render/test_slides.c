/* test_slides.c: a page cut into slides (render/slides.c) — a slide per
 * `##` heading, speaker notes from `> Notes:` quotes (found in the source
 * when a translation changed the marker), and the warnings for a page with
 * no `##`, a slide of notes only and a marker nested in a list. */
#include "kitgen/render/slides.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static cmark_node *parse(const char *md) { return cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT); }

static const kg_slides_where where = {"content/x.md", 5, 3};

static void each_level_two_heading_starts_a_slide(void **state)
{
	(void)state;
	cmark_node *doc = parse("Intro.\n\n## One\n\nA\n\n### Sub\n\nB\n\n## Two\n\n- x\n- y\n");
	kg_deck deck;
	kg_diags d;
	kg_diags_init(&d);
	kg_deck_split(&deck, doc, NULL, &where, &d);
	assert_int_equal(deck.count, 3);
	assert_null(deck.slides[0].heading); /* the intro, titled by the page */
	assert_int_equal(deck.slides[0].block_count, 1);
	assert_non_null(deck.slides[1].heading);
	assert_int_equal(deck.slides[1].block_count, 3); /* ### stays on the slide */
	assert_int_equal(deck.slides[2].block_count, 1);
	assert_int_equal(d.count, 0);
	kg_deck_release(&deck);
	kg_diags_release(&d);
	cmark_node_free(doc);
}

static void notes_quotes_go_to_the_notes(void **state)
{
	(void)state;
	cmark_node *doc = parse("## One\n\nShown.\n\n> Notes: ask the group.\n>\n> More.\n\n> A quote.\n");
	kg_deck deck;
	kg_deck_split(&deck, doc, NULL, NULL, NULL);
	assert_int_equal(deck.count, 1);
	assert_int_equal(deck.slides[0].block_count, 2); /* the paragraph and the plain quote */
	assert_int_equal(deck.slides[0].note_count, 1);
	assert_true(kg_slides_is_notes(deck.slides[0].notes[0]));
	kg_deck_release(&deck);
	cmark_node_free(doc);
}

static void a_translated_marker_is_found_in_the_source(void **state)
{
	(void)state;
	cmark_node *src = parse("## One\n\nShown.\n\n> Notes: ask.\n");
	cmark_node *vi = parse("## Một\n\nHiện.\n\n> Ghi chú: hỏi.\n");
	kg_deck deck;
	kg_deck_split(&deck, vi, src, NULL, NULL);
	assert_int_equal(deck.slides[0].block_count, 1);
	assert_int_equal(deck.slides[0].note_count, 1);
	kg_deck_release(&deck);
	/* without the source, the translated quote is content */
	kg_deck_split(&deck, vi, NULL, NULL, NULL);
	assert_int_equal(deck.slides[0].block_count, 2);
	assert_int_equal(deck.slides[0].note_count, 0);
	kg_deck_release(&deck);
	cmark_node_free(src);
	cmark_node_free(vi);
}

static void bad_input_is_warned_at_its_line(void **state)
{
	(void)state;
	kg_deck deck;
	kg_diags d;
	kg_diags_init(&d);
	cmark_node *doc = parse("Only text.\n\n- a\n- b\n");
	kg_deck_split(&deck, doc, NULL, &where, &d);
	assert_int_equal(deck.count, 1);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].severity, KG_WARNING);
	assert_int_equal(d.items[0].line, 3); /* slides: true */
	assert_non_null(strstr(d.items[0].message, "no ## heading"));
	kg_deck_release(&deck);
	cmark_node_free(doc);
	kg_diags_release(&d);

	kg_diags_init(&d);
	doc = parse("## Empty\n\n> Notes: only this.\n\n## Lists\n\n- item\n\n  > Notes: nested\n");
	kg_deck_split(&deck, doc, NULL, &where, &d);
	assert_int_equal(deck.count, 2);
	assert_int_equal(deck.slides[0].block_count, 0);
	assert_int_equal(deck.slides[1].block_count, 1); /* the list, its quote inside it */
	assert_int_equal(deck.slides[1].note_count, 0);
	assert_int_equal(d.count, 2);
	assert_non_null(strstr(d.items[0].message, "\"Empty\" has speaker notes and nothing else"));
	assert_int_equal(d.items[0].line, 5);
	assert_non_null(strstr(d.items[1].message, "inside a list"));
	assert_int_equal(d.items[1].line, 13);
	kg_deck_release(&deck);
	cmark_node_free(doc);
	kg_diags_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(each_level_two_heading_starts_a_slide),
	    cmocka_unit_test(notes_quotes_go_to_the_notes),
	    cmocka_unit_test(a_translated_marker_is_found_in_the_source),
	    cmocka_unit_test(bad_input_is_warned_at_its_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
