/* slides.c: a page's document cut into slides (see slides.h). A deck
 * owns its arrays; every node is borrowed from the document, which must
 * outlive it. Diagnostics are warnings: the deck is still made.
 */
#include "kitgen/render/slides.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/base/buf.h"

#include <stdlib.h>
#include <string.h>

/* The text of a node's inlines, for a diagnostic. */
static void plain_text(cmark_node *node, kg_buf *out)
{
	cmark_iter *iter = cmark_iter_new(node);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(iter);
		cmark_node_type type = cmark_node_get_type(n);
		if (ev == CMARK_EVENT_ENTER && (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE))
			kg_buf_puts(out, cmark_node_get_literal(n));
		else if (ev == CMARK_EVENT_ENTER &&
		         (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK))
			kg_buf_putc(out, ' ');
	}
	cmark_iter_free(iter);
}

int kg_slides_is_notes(cmark_node *block)
{
	if (!block || cmark_node_get_type(block) != CMARK_NODE_BLOCK_QUOTE)
		return 0;
	cmark_node *p = cmark_node_first_child(block);
	if (!p || cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH)
		return 0;
	kg_buf text = KG_BUF_INIT;
	plain_text(p, &text);
	const char *t = text.data;
	while (*t == ' ')
		t++;
	int yes = !strncmp(t, KG_SLIDES_NOTES_MARKER, strlen(KG_SLIDES_NOTES_MARKER));
	kg_buf_release(&text);
	return yes;
}

static int line_of(const kg_slides_where *where, cmark_node *node)
{
	int line = node ? cmark_node_get_start_line(node) : 0;
	return line > 0 ? line + where->body_line - 1 : where->slides_line > 0 ? where->slides_line : 1;
}

static int col_of(cmark_node *node)
{
	int col = node ? cmark_node_get_start_column(node) : 0;
	return col > 0 ? col : 1;
}

static void title_of(cmark_node *heading, kg_buf *out)
{
	if (heading)
		plain_text(heading, out);
	else
		kg_buf_puts(out, "(before the first ## heading)");
}

/* Notes markers below the top level of a slide (in a list, a quote) are
 * content: say so, once per marker. */
static void report_nested(cmark_node *block, const kg_slides_where *where, kg_diags *diags)
{
	cmark_iter *iter = cmark_iter_new(block);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(iter);
		if (ev == CMARK_EVENT_ENTER && n != block && kg_slides_is_notes(n))
			kg_warning(
			    diags, where->file, line_of(where, n), col_of(n),
			    "a \"" KG_SLIDES_NOTES_MARKER "\" quote inside a list or another quote stays on "
			    "the slide: speaker notes are a quote of their own under the slide's heading");
	}
	cmark_iter_free(iter);
}

typedef KG_ARRAY(cmark_node *) node_array;
typedef KG_ARRAY(kg_slide) slide_array;

/* Ends the slide being gathered: the arrays move into it. */
static void close_slide(slide_array *slides, cmark_node *heading, node_array *blocks, node_array *notes,
                        const kg_slides_where *where, kg_diags *diags)
{
	if (!heading && !blocks->count && !notes->count)
		return; /* nothing before the first heading */
	if (diags && where && notes->count && !blocks->count) {
		kg_buf title = KG_BUF_INIT;
		title_of(heading, &title);
		cmark_node *at = heading ? heading : notes->items[0];
		kg_warning(diags, where->file, line_of(where, at), col_of(at),
		           "the slide \"%s\" has speaker notes and nothing else: it shows only its title",
		           title.data);
		kg_buf_release(&title);
	}
	kg_array_push(slides, (kg_slide){heading, blocks->items, blocks->count, notes->items, notes->count});
	*blocks = (node_array)KG_ARRAY_INIT;
	*notes = (node_array)KG_ARRAY_INIT;
}

void kg_deck_split(kg_deck *deck, cmark_node *doc, cmark_node *source_doc, const kg_slides_where *where,
                   kg_diags *diags)
{
	slide_array slides = KG_ARRAY_INIT;
	node_array blocks = KG_ARRAY_INIT, notes = KG_ARRAY_INIT;
	cmark_node *heading = NULL;
	int headings = 0;
	if (!where)
		diags = NULL;
	cmark_node *s = source_doc ? cmark_node_first_child(source_doc) : NULL;
	for (cmark_node *c = doc ? cmark_node_first_child(doc) : NULL; c; c = cmark_node_next(c)) {
		cmark_node_type type = cmark_node_get_type(c);
		/* The source decides what is a note while the documents agree. */
		if (s && cmark_node_get_type(s) != type)
			s = NULL, source_doc = NULL;
		if (type == CMARK_NODE_HEADING && cmark_node_get_heading_level(c) == 2) {
			close_slide(&slides, heading, &blocks, &notes, where, diags);
			heading = c;
			headings++;
		} else if (source_doc ? kg_slides_is_notes(s) : kg_slides_is_notes(c)) {
			kg_array_push(&notes, c);
		} else if (type == CMARK_NODE_HTML_BLOCK) {
			/* not drawn on a slide (the page reports raw HTML) */
		} else {
			kg_array_push(&blocks, c);
			if (diags)
				report_nested(c, where, diags);
		}
		s = s ? cmark_node_next(s) : NULL;
	}
	close_slide(&slides, heading, &blocks, &notes, where, diags);
	kg_array_release(&blocks);
	kg_array_release(&notes);
	if (diags && !headings)
		kg_warning(
		    diags, where->file, where->slides_line > 0 ? where->slides_line : 1, 1,
		    "slides: true, but the page has no ## heading to start a slide: the deck is the title "
		    "slide and the whole page on one slide (continued where it does not fit)");
	deck->slides = slides.items;
	deck->count = slides.count;
}

void kg_deck_release(kg_deck *deck)
{
	for (size_t i = 0; i < deck->count; i++) {
		free(deck->slides[i].blocks);
		free(deck->slides[i].notes);
	}
	free(deck->slides);
	deck->slides = NULL;
	deck->count = 0;
}
