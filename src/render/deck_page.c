/* deck_page.c: the values of a page's HTML slide deck (slides.html, at
 * <lang>/<page>/slides/): the page cut into slides (render/slides.h),
 * each slide's blocks and notes rendered by html.c as the page renders
 * them (fallback units keep their lang). Takes the localized document
 * apart: the caller renders the deck last. Returns a value the caller
 * owns.
 */
#include "render/site.h"

#include "kitgen/i18n/segment.h"
#include "kitgen/render/html.h"
#include "kitgen/render/slides.h"

#include <stdlib.h>
#include <string.h>

/* The HTML of nodes, moved into a document of their own. */
static char *render_nodes(cmark_node *const *nodes, size_t count, cmark_node *first,
                          const kg_html_context *hc)
{
	cmark_node *doc = cmark_node_new(CMARK_NODE_DOCUMENT);
	if (first)
		cmark_node_append_child(doc, first);
	for (size_t i = 0; i < count; i++)
		cmark_node_append_child(doc, nodes[i]);
	kg_buf html = KG_BUF_INIT;
	kg_html_render(doc, hc, &html, NULL);
	cmark_node_free(doc);
	return kg_buf_detach(&html, NULL);
}

typedef struct image_wrap {
	const kg_html_context *page_hc;
} image_wrap;

/* The page's own copy of an image is beside the page: one folder up. */
static int image_src_up(void *ctx, const char *url, kg_buf *out)
{
	const image_wrap *w = ctx;
	kg_buf src = KG_BUF_INIT;
	int found = w->page_hc->image_src(w->page_hc->image_ctx, url, &src);
	if (found) {
		if (!strstr(src.data, "://") && src.data[0] != '/')
			kg_buf_puts(out, "../");
		kg_buf_puts(out, src.data);
	}
	kg_buf_release(&src);
	return found;
}

kg_val *site_deck_value(site *s, size_t page_index, const char *deck_rel, cmark_node *doc,
                        const kg_html_context *page_hc)
{
	const kg_page *page = &s->kit.pages[page_index];
	kg_page deck_page = *page; /* links are written as seen from the deck's folder */
	deck_page.rel_path = (char *)deck_rel;
	image_wrap wrap = {page_hc};
	kg_html_context hc = *page_hc;
	hc.page = &deck_page;
	if (page_hc->image_src) {
		hc.image_src = image_src_up;
		hc.image_ctx = &wrap;
	}
	hc.heading_ids = NULL; /* ids are the page's; the deck links to none */
	hc.heading_count = 0;
	hc.report = 0; /* the page reported its problems */
	cmark_node *source = kg_page_parse_body(page);
	kg_deck deck;
	kg_deck_split(&deck, doc, source, NULL, NULL);
	kg_val *slides = kg_val_list();
	for (size_t i = 0; i < deck.count; i++) {
		const kg_slide *sl = &deck.slides[i];
		kg_val *v = kg_val_map();
		kg_val_set_bool(v, "untitled", sl->heading == NULL);
		char *html = render_nodes(sl->blocks, sl->block_count, sl->heading, &hc);
		kg_val_set_html(v, "content", html);
		free(html);
		html = render_nodes(sl->notes, sl->note_count, NULL, &hc);
		kg_val_set_html(v, "notes", html);
		free(html);
		kg_val_push(slides, v);
	}
	size_t count = deck.count + 2; /* with the title and closing slides */
	kg_deck_release(&deck);
	if (source)
		cmark_node_free(source);
	kg_val *v = kg_val_map();
	kg_val_set(v, "slides", slides);
	kg_val_set_int(v, "count", (long long)count);
	return v;
}
