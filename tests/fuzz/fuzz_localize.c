/* fuzz_localize.c: libFuzzer target for the segment -> translate -> render
 * path. The input is "<markdown body>\0<translation>": every unit of the
 * body is "translated" by the second part (or by the unit itself with the
 * second part appended), checked, put in place and rendered to HTML. The
 * HTML must never contain an active <script or a javascript: URL that the
 * source did not have. */
#include "kitgen/render/html.h"
#include "kitgen/i18n/localize.h"
#include "kitgen/i18n/segment.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct ctx {
	const char *translation;
	size_t len;
	int index;
} ctx;

static int translate(void *ud, const kg_segment *seg)
{
	ctx *c = ud;
	kg_buf candidate = KG_BUF_INIT, why = KG_BUF_INIT;
	if (c->index++ % 2)
		kg_buf_add(&candidate, c->translation, c->len);
	else {
		kg_buf_puts(&candidate, seg->text);
		kg_buf_add(&candidate, c->translation, c->len);
	}
	int markdown = seg->kind != KG_SEG_TITLE && seg->kind != KG_SEG_SUMMARY;
	if (markdown && seg->node && kg_check_translation(seg->text, candidate.data, 1, &why) == 0) {
		cmark_node *para = kg_markdown_parse_inline(candidate.data, candidate.len);
		if (para) {
			kg_segment_replace(seg->node, para);
			cmark_node_free(para);
		}
	}
	kg_buf_release(&candidate);
	kg_buf_release(&why);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536)
		return 0;
	const char *text = (const char *)data;
	const char *nul = memchr(text, 0, size);
	size_t body_len = nul ? (size_t)(nul - text) : size;
	kg_kit kit;
	memset(&kit, 0, sizeof(kit));
	kg_page page = {0};
	page.source_path = "content/fuzz.md";
	page.rel_path = "fuzz";
	page.section = "";
	page.title = "Fuzz";
	page.body = (char *)text;
	page.body_len = body_len;
	page.body_line = 1;
	kit.pages = &page;
	kit.page_count = 1;

	kg_diags d;
	kg_diags_init(&d);
	cmark_node *doc = kg_page_parse_body(&page);
	ctx c = {nul ? nul + 1 : "", nul ? size - body_len - 1 : 0, 0};
	kg_segments_each(&page, doc, translate, &c);
	const char *no_values[1] = {NULL};
	kg_placeholders vars = {&kit.config, no_values};
	kg_html_context hc = {.kit = &kit,
	                      .page = &page,
	                      .vars = &vars,
	                      .lang = "vi",
	                      .source_tag = "en",
	                      .report = 1,
	                      .diags = &d};
	kg_buf html = KG_BUF_INIT;
	kg_html_render(doc, &hc, &html, NULL);
	if (strstr(html.data, "<script") || strstr(html.data, "href=\"javascript:"))
		abort(); /* active content reached the page */
	kg_buf_release(&html);
	cmark_node_free(doc);
	kg_diags_release(&d);
	return 0;
}
