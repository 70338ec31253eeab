/* redirects.c: the redirect pages at a page's old addresses (front matter
 * `aliases:`, checked by kit/aliases.c): out/<lang>/<alias>/index.html in
 * every language the page is published in, sending readers (and printed QR
 * codes) on to the page. Relative URLs, so they work from a language's zip
 * too; not pages of the site, so neither the sitemap nor the search index
 * lists them. Written on every build, like the other pages without a
 * source file (they are a few hundred bytes). Owns its buffers for the
 * length of one call; borrows the site. */
#include "render/site.h"

#include "kitgen/render/html.h"

#include <string.h>

/* One redirect page: meta refresh and a visible link (relative), the
 * canonical address (absolute, from base_url), kept out of search engines'
 * indexes. */
static void redirect_html(const site *s, const lang_state *ls, const kg_page *page, const page_state *ps,
                          const char *alias, kg_buf *out)
{
	const char *tag = ls->lang->tag;
	kg_buf url = KG_BUF_INIT;
	kg_html_page_url(alias, tag, page->rel_path, 0, &url);
	const char *title = ps->title ? ps->title : page->title;
	kg_buf_printf(out,
	              "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
	              tag, ls->lang->rtl ? "rtl" : "ltr");
	kg_buf_puts(out, "<meta name=\"robots\" content=\"noindex\">\n");
	kg_buf_puts(out, "<meta http-equiv=\"refresh\" content=\"0; url=");
	kg_buf_puts_html(out, url.data);
	kg_buf_puts(out, "\">\n<link rel=\"canonical\" href=\"");
	kg_buf_puts_html(out, s->kit.config.base_url);
	kg_buf_printf(out, "%s/", tag);
	if (page->rel_path[0]) {
		kg_buf_puts_html(out, page->rel_path);
		kg_buf_putc(out, '/');
	}
	kg_buf_puts(out, "\">\n<title>");
	kg_buf_puts_html(out, title);
	kg_buf_puts(out, "</title>\n</head>\n<body>\n<p><a href=\"");
	kg_buf_puts_html(out, url.data);
	kg_buf_putc(out, '"');
	if (ps->title_fallback) /* the page's title is still in the source language */
		kg_buf_printf(out, " lang=\"%s\"", s->source->tag);
	kg_buf_puts(out, ">");
	kg_buf_puts_html(out, title);
	kg_buf_puts(out, "</a></p>\n</body>\n</html>\n");
	kg_buf_release(&url);
}

int site_write_redirects(site *s)
{
	int rc = 0;
	kg_buf html = KG_BUF_INIT, path = KG_BUF_INIT;
	for (size_t p = 0; p < s->kit.page_count; p++) {
		const kg_page *page = &s->kit.pages[p];
		for (size_t a = 0; a < page->alias_count; a++) {
			for (size_t l = 0; l < s->lang_count; l++) {
				const lang_state *ls = &s->langs[l];
				const page_state *ps = &ls->pages[p];
				if (!ps->published)
					continue;
				kg_buf_reset(&html);
				kg_buf_reset(&path);
				redirect_html(s, ls, page, ps, page->aliases[a].path, &html);
				kg_buf_printf(&path, "%s/%s/index.html", ls->lang->tag,
				              page->aliases[a].path);
				if (kg_outdir_write(&s->out, path.data, html.data, html.len, s->diags) < 0)
					rc = -1;
			}
		}
	}
	kg_buf_release(&html);
	kg_buf_release(&path);
	return rc;
}
