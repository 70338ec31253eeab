/* segment.h: a page as translation units, and putting translations back.
 * Owns nothing: the walk borrows the page and the caller's cmark document,
 * and a unit's text is borrowed for the length of the callback.
 *
 * One walk defines what is translatable, so the POT that `extract` writes
 * and the pages that `build` renders can never disagree: front-matter title
 * and summary, every heading, every paragraph (top level, in list items, in
 * block quotes), and the alt text of an image that stands alone in its
 * paragraph. Inline Markdown stays inside a unit as Markdown, written back
 * by kg_markdown_inline() with as few escapes as CommonMark needs.
 */
#ifndef KITGEN_SEGMENT_H
#define KITGEN_SEGMENT_H

#include "kitgen/base/buf.h"
#include "kitgen/base/diag.h"
#include "kitgen/kit/kit.h"

#include <cmark.h>

typedef enum kg_segment_kind {
	KG_SEG_TITLE,
	KG_SEG_SUMMARY,
	KG_SEG_HEADING,
	KG_SEG_PARAGRAPH,
	KG_SEG_LIST_ITEM,
	KG_SEG_QUOTE,
	KG_SEG_ALT
} kg_segment_kind;

/* po4a-style names for the "#. type:" comment: "title", "heading",
 * "list item", ... (a static string). */
const char *kg_segment_kind_name(kg_segment_kind kind);

typedef struct kg_segment {
	kg_segment_kind kind;
	int heading_level; /* for KG_SEG_HEADING */
	const char *text;  /* the unit's Markdown (plain text for title/summary); borrowed */
	int line;          /* 1-based line in the page's file */
	int col;
	cmark_node
	    *node; /* block whose inline children the unit is (image for ALT); NULL for title/summary */
} kg_segment;

/* Parses a page's body with cmark (sourcepos on; softbreaks become spaces so
 * units are single lines). Line numbers are those of the page's file.
 * Organizer notes (<!-- organizer: ... -->, docs/translating.md) are cut
 * out of the tree, with any list item, list or block quote they leave
 * empty, so nothing downstream (units, coverage, HTML, exports, PDFs,
 * search) sees them. Caller frees with cmark_node_free(). */
cmark_node *kg_page_parse_body(const kg_page *page);

/* Calls fn for every unit of the page in document order; fn returns
 * non-zero to stop (that value is returned). */
typedef int (*kg_segment_fn)(void *ud, const kg_segment *segment);
int kg_segments_each(const kg_page *page, cmark_node *doc, kg_segment_fn fn, void *ud);

/* Writes node's inline children as Markdown (what a translator sees). */
void kg_markdown_inline(cmark_node *node, kg_buf *out);

/* Parses text as the inline content of one paragraph. Returns a paragraph
 * node (caller frees with cmark_node_free) or NULL when text is not exactly
 * one paragraph (it would add headings, lists or breaks between blocks). */
cmark_node *kg_markdown_parse_inline(const char *text, size_t len);

/* Replaces the inline children of node with those of paragraph (which is
 * emptied; free it afterwards). */
void kg_segment_replace(cmark_node *node, cmark_node *paragraph);

#endif
