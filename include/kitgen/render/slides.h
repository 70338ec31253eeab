/* slides.h: a page as a slide deck (front matter `slides: true`). The
 * deck is cut from the page's localized document, so a translated page is
 * a translated deck and there are no units of its own: each `##` heading
 * starts a slide and titles it; what comes before the first `##` is a
 * slide titled by the page; a block quote at the top level of a slide
 * whose first paragraph starts with "Notes:" holds the speaker notes (on
 * the page it is an ordinary quote). The renderers add the title slide
 * (title and summary) and the closing slide (the organization's vars).
 */
#ifndef KITGEN_RENDER_SLIDES_H
#define KITGEN_RENDER_SLIDES_H

#include "kitgen/base/diag.h"

#include <cmark.h>
#include <stddef.h>

/* The marker that opens a speaker-notes quote, in the source language. */
#define KG_SLIDES_NOTES_MARKER "Notes:"

typedef struct kg_slide {
	cmark_node *heading; /* the `##` heading that titles the slide, or NULL: the page's title */
	cmark_node **blocks; /* the body, in order (array owned, nodes borrowed) */
	size_t block_count;
	cmark_node **notes; /* speaker-notes quotes (array owned, nodes borrowed) */
	size_t note_count;
} kg_slide;

typedef struct kg_deck {
	kg_slide *slides; /* owned; nodes borrowed from the document */
	size_t count;
} kg_deck;

/* Where diagnostics point: the page's file and the line its body starts
 * at (cmark's lines count from the body). */
typedef struct kg_slides_where {
	const char *file;
	int body_line;
	int slides_line; /* of `slides: true`, for a page with no `##` */
} kg_slides_where;

/* 1 when block is a speaker-notes quote: a block quote whose first
 * paragraph's text starts with "Notes:". */
int kg_slides_is_notes(cmark_node *block);

/* Cuts doc into deck (released with kg_deck_release). Notes are found in
 * source_doc when it is given (the page's source-language body, same
 * blocks in the same order: a translator may translate "Notes:"), else
 * in doc. With diags, reports (as warnings at where) a page with no `##`
 * heading, a slide with nothing but notes, and a notes marker inside a
 * list (kept on the slide as content). */
void kg_deck_split(kg_deck *deck, cmark_node *doc, cmark_node *source_doc, const kg_slides_where *where,
                   kg_diags *diags);
void kg_deck_release(kg_deck *deck);

#endif
