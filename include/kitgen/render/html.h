/* html.h: renders a localized page's cmark document to HTML. Owns
 * nothing: the document and the context (kit, page, heading ids) are
 * borrowed for the call, and the HTML is appended to the caller's kg_buf.
 *
 * kitgen writes its own HTML renderer (cmark's cannot add the attributes a
 * multilingual page needs): heading ids shared by every language,
 * lang/dir on blocks kept in the source language, links to other pages'
 * .md files rewritten to that page's URL in the same language, asset paths
 * made relative to the output page, {{ placeholders }} filled from
 * kit.yaml, unsafe URL schemes dropped, raw HTML omitted unless the kit
 * allows it in source files.
 */
#ifndef KITGEN_HTML_H
#define KITGEN_HTML_H

#include "kitgen/base/buf.h"
#include "kitgen/base/diag.h"
#include "kitgen/kit/kit.h"
#include "kitgen/template/value.h"

#include <cmark.h>

typedef struct kg_html_context {
	const kg_kit *kit;
	const kg_page *page;
	const kg_placeholders *vars; /* the page's language's values of {{ name }} */
	const char *lang;            /* the page's language */
	const char *source_tag;      /* the kit's source language */
	int rtl;                     /* the page's direction */
	int index_links;             /* link to ".../index.html" (for file:// bundles) */
	char *const *heading_ids;
	size_t heading_count;
	int report; /* add diagnostics (done once, for the source language) */
	kg_diags *diags;
	/* An image the page shows in its own language (an SVG whose text was
	 * translated): appends the src to use and returns 1, else 0 and the
	 * link is rewritten as any other. NULL: none. */
	int (*image_src)(void *image_ctx, const char *url, kg_buf *out);
	void *image_ctx;
} kg_html_context;

/* Appends the HTML of doc to out. toc, if not NULL, is a list value that
 * gets a map {id, text, level} per level-2 and level-3 heading. */
void kg_html_render(cmark_node *doc, const kg_html_context *ctx, kg_buf *out, kg_val *toc);

/* Appends text (len bytes of UTF-8) as HTML (html_text.c): escaped; each
 * word of Khmer, Lao or Myanmar (ICU's dictionary, tag's rules) of two or
 * more characters in <kg-w> with <wbr> between, so a browser
 * breaks lines only between words; with isolate_ltr (text in a
 * right-to-left block) each URL, e-mail address and number with
 * punctuation inside ("(808) 555-0142", "2026-11-01") in
 * <bdi dir="ltr">. */
void kg_html_text(const char *text, size_t len, const char *tag, int isolate_ltr, kg_buf *out);

/* "../" repeated to climb from out/<lang>/<rel_path>/ to out/. */
void kg_html_root_prefix(const char *rel_path, kg_buf *out);
/* Relative URL from page `from` to page `to` in language lang. */
void kg_html_page_url(const char *from_rel, const char *lang, const char *to_rel, int index_links,
                      kg_buf *out);
#endif
