/* page_images.c: each SVG image a page shows, in the page's language —
 * "<lang>/<page>/<name>.<lang>.svg" beside the page's index.html, written
 * from the page's catalog (images/svg_catalog.h) before the page's PDFs
 * and office documents, which draw it; the HTML page shows it too. The
 * source language shows the kit's own file. Borrows the site; owns
 * nothing between calls. */
#include "downloads/downloads.h"

#include "kitgen/images/svg_catalog.h"

#include <stdlib.h>
#include <string.h>

void downloads_svg_copy_name(const site *s, size_t file_index, const char *tag, kg_buf *out)
{
	const char *path = s->kit.files[file_index].out_path;
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	kg_buf_printf(out, "%.*s.%s.svg", (int)(strlen(base) - 4), base, tag); /* base ends in ".svg" */
}

static const site_page_svgs *page_svgs(const site *s, const lang_state *ls, size_t page_index)
{
	if (ls->is_source || !s->page_svgs)
		return NULL;
	return &s->page_svgs[page_index];
}

void downloads_page_svg_names(const site *s, const lang_state *ls, size_t page_index, kg_buf *names)
{
	const site_page_svgs *svgs = page_svgs(s, ls, page_index);
	for (size_t i = 0; svgs && i < svgs->count; i++) {
		downloads_svg_copy_name(s, svgs->files[i], ls->lang->tag, names);
		kg_buf_putc(names, 0);
	}
}

/* "<lang>/<page>/" */
static void page_dir(const kg_page *page, const char *tag, kg_buf *out)
{
	kg_buf_printf(out, "%s/%s%s", tag, page->rel_path, page->rel_path[0] ? "/" : "");
}

int downloads_write_page_svgs(site *s, lang_state *ls, size_t page_index)
{
	const site_page_svgs *svgs = page_svgs(s, ls, page_index);
	const kg_page *page = &s->kit.pages[page_index];
	kg_svg_language lang = {ls->lang->tag, s->source->tag, ls->lang->rtl};
	kg_buf rel = KG_BUF_INIT, data = KG_BUF_INIT;
	int rc = 0;
	for (size_t i = 0; svgs && i < svgs->count; i++) {
		kg_buf_reset(&rel);
		page_dir(page, lang.tag, &rel);
		downloads_svg_copy_name(s, svgs->files[i], lang.tag, &rel);
		kg_buf_reset(&data);
		if (kg_svg_write_language(s->svgs[svgs->files[i]], ls->pages[page_index].po, &lang, &data) <
		    0) {
			kg_error(s->diags, s->kit.files[svgs->files[i]].out_path, 0, 0,
			         "cannot write the image in '%s'", lang.tag);
			rc = -1;
		} else if (kg_outdir_write(&s->out, rel.data, data.data, data.len, s->diags) < 0) {
			rc = -1;
		}
	}
	kg_buf_release(&rel);
	kg_buf_release(&data);
	return rc;
}

/* The place of url's file among the page's SVGs with a copy, or -1. */
static long copy_index(const site *s, const lang_state *ls, const kg_page *page, const char *url)
{
	size_t page_index = (size_t)(page - s->kit.pages);
	const site_page_svgs *svgs = page_svgs(s, ls, page_index);
	const kg_page *to;
	const kg_static_file *file;
	if (!svgs || !svgs->count || kg_kit_resolve_link(&s->kit, page, url, &to, &file) < 0 || !file)
		return -1;
	for (size_t i = 0; i < svgs->count; i++)
		if (svgs->files[i] == (size_t)(file - s->kit.files))
			return (long)i;
	return -1;
}

int downloads_page_svg_url(const site *s, const lang_state *ls, size_t page_index, const char *url,
                           kg_buf *out)
{
	long i = copy_index(s, ls, &s->kit.pages[page_index], url);
	if (i < 0)
		return 0;
	downloads_svg_copy_name(s, s->page_svgs[page_index].files[i], ls->lang->tag, out);
	return 1;
}

const char *downloads_page_image(site *s, const lang_state *ls, const kg_page *page, const char *url,
                                 kg_buf *scratch)
{
	long i = copy_index(s, ls, page, url);
	if (i >= 0) {
		kg_buf rel = KG_BUF_INIT;
		page_dir(page, ls->lang->tag, &rel);
		downloads_svg_copy_name(s, s->page_svgs[page - s->kit.pages].files[i], ls->lang->tag, &rel);
		char *path = kg_outdir_path(&s->out, rel.data); /* written before the PDFs */
		kg_buf_reset(scratch);
		kg_buf_puts(scratch, path);
		free(path);
		kg_buf_release(&rel);
		return scratch->data;
	}
	const kg_page *to;
	const kg_static_file *file;
	if (kg_kit_resolve_link(&s->kit, page, url, &to, &file) == 0 && file)
		return file->file_path;
	return NULL;
}
