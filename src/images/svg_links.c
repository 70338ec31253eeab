/* svg_links.c: the SVG files a page links as images (svg_links.h). A page
 * whose body never says ".svg" is not parsed at all: most pages show no
 * SVG, and the build asks for every page. Owns nothing between calls. */
#include "kitgen/images/svg_links.h"

#include "kitgen/base/array.h"
#include "kitgen/i18n/segment.h"

#include <string.h>
#include <strings.h>

int kg_svg_is_svg_name(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && !strcasecmp(name + n - 4, ".svg");
}

static int mentions_svg(const char *body, size_t len)
{
	for (size_t i = 0; i + 4 <= len; i++)
		if (body[i] == '.' && !strncasecmp(body + i, ".svg", 4))
			return 1;
	return 0;
}

int kg_svg_page_links(const kg_kit *kit, const kg_page *page, kg_svg_link_fn fn, void *ud)
{
	if (!page->body || !mentions_svg(page->body, page->body_len))
		return 0;
	cmark_node *doc = kg_page_parse_body(page);
	cmark_iter *it = cmark_iter_new(doc);
	KG_ARRAY(const kg_static_file *) seen = KG_ARRAY_INIT;
	cmark_event_type ev;
	int rc = 0;
	while (!rc && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_IMAGE)
			continue;
		const char *url = cmark_node_get_url(n);
		const kg_page *to;
		const kg_static_file *file;
		if (!url || kg_kit_resolve_link(kit, page, url, &to, &file) < 0 || !file ||
		    !kg_svg_is_svg_name(file->out_path))
			continue;
		int known = 0;
		for (size_t i = 0; i < seen.count && !known; i++)
			known = seen.items[i] == file;
		if (known)
			continue;
		kg_array_push(&seen, file);
		rc = fn(ud, url, file);
	}
	kg_array_release(&seen);
	cmark_iter_free(it);
	cmark_node_free(doc);
	return rc;
}
