/* render_pages.c: phase 2 of a build — every published page of every
 * language rendered through its template (or kept from the previous
 * output when its output key is unchanged), with the files beside it;
 * then the pages without a source file and the static files. Also the
 * hooks through which the renderers (render/, downloads/) reach the cache.
 * Owns nothing between calls. */
#include "build/build_internal.h"

#include "downloads/downloads.h"
#include "kitgen/base/alloc.h"
#include "kitgen/base/hash.h"
#include "kitgen/base/pool.h"
#include "kitgen/base/url.h"
#include "kitgen/pdf/pdf.h"
#include "kitgen/render/html.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static void write_page(build *b, const char *rel_dir, const char *lang, const kg_buf *html)
{
	site *s = &b->site;
	kg_buf path = KG_BUF_INIT;
	if (rel_dir[0])
		kg_buf_printf(&path, "%s/%s/index.html", lang, rel_dir);
	else
		kg_buf_printf(&path, "%s/index.html", lang);
	if (kg_outdir_write(&s->out, path.data, html->data, html->len, s->diags) < 0)
		atomic_store(&s->failed, 1);
	else
		atomic_fetch_add(&b->pages_written, 1);
	kg_buf_release(&path);
}

/* A page with slides: true gets an HTML deck when the theme has slides.html. */
static int has_deck(const site *s, const kg_page *page)
{
	return page->slides && kg_templates_has(s->templates, "slides.html");
}

/* The page's HTML deck, at <lang>/<page>/slides/ (slides.html); takes the
 * localized document apart, so it comes last. */
static void write_deck(build *b, lang_state *ls, size_t page_index, kg_localized *loc,
                       const kg_html_context *hc)
{
	site *s = &b->site;
	const kg_page *page = &s->kit.pages[page_index];
	kg_buf rel = KG_BUF_INIT, html = KG_BUF_INIT;
	kg_buf_printf(&rel, "%s%sslides", page->rel_path, page->rel_path[0] ? "/" : "");
	kg_val *root = site_context(s, ls, rel.data, NULL);
	kg_val *deck = site_deck_value(s, page_index, rel.data, loc->doc, hc);
	kg_val_set(root, "deck", deck);
	kg_val_set(root, "page", site_page_context(s, ls, page_index, loc, "", kg_val_list()));
	if (site_render(s, ls, "slides.html", root, &html) < 0)
		atomic_store(&s->failed, 1);
	else
		write_page(b, rel.data, ls->lang->tag, &html);
	kg_val_unref(root);
	kg_buf_release(&rel);
	kg_buf_release(&html);
}

/* Takes the page and its downloads unchanged from the previous output (hard
 * links, or copies where links are not possible). All or nothing. */
static int reuse_page(build *b, lang_state *ls, size_t page_index)
{
	site *s = &b->site;
	const kg_page *page = &s->kit.pages[page_index];
	kg_buf names = KG_BUF_INIT, rel = KG_BUF_INIT, old = KG_BUF_INIT;
	kg_buf_add(&names, "index.html", sizeof("index.html"));
	if (has_deck(s, page))
		kg_buf_add(&names, "slides/index.html", sizeof("slides/index.html"));
	downloads_page_file_names(s, ls, page_index, &names);
	/* "<lang>/<page>/": every name below is appended to it (no printf:
	 * this runs for every unchanged page of every language). */
	kg_buf_puts(&rel, ls->lang->tag);
	kg_buf_putc(&rel, '/');
	if (page->rel_path[0]) {
		kg_buf_puts(&rel, page->rel_path);
		kg_buf_putc(&rel, '/');
	}
	size_t dir_len = rel.len;
	int ok = 1;
	for (int pass = 0; pass < 2 && ok; pass++) {
		/* Pass 0: all there? (all or nothing); pass 1: keep them. */
		for (const char *n = names.data; ok && n < names.data + names.len; n += strlen(n) + 1) {
			kg_buf_truncate(&rel, dir_len);
			kg_buf_puts(&rel, n);
			if (s->out.patch) { /* out/ holds what its manifest lists */
				ok = pass ? kg_outdir_keep(&s->out, rel.data) == 0
				          : kg_outdir_had(&s->out, rel.data);
				continue;
			}
			kg_buf_reset(&old);
			kg_buf_printf(&old, "%s/%s", s->out.final_path, rel.data);
			if (!pass) {
				ok = file_exists(old.data);
			} else {
				kg_diags quiet; /* every file exists (pass 0) */
				kg_diags_init(&quiet);
				ok = kg_outdir_link(&s->out, rel.data, old.data, &quiet) == 0;
				kg_diags_release(&quiet);
			}
		}
	}
	kg_buf_release(&names);
	kg_buf_release(&rel);
	kg_buf_release(&old);
	return ok;
}

/* Reads the page's catalog again (phase 1 read it, or the cache vouched
 * for it, and did not keep it). Phase 1's verdicts on its translations
 * hold only for the same bytes: a catalog saved while the build ran fails
 * the build (the previous out/ stays) rather than being published with
 * checks made on other text. */
static void read_catalog_again(build *b, lang_state *ls, page_state *ps)
{
	site *s = &b->site;
	if (ps->po || ls->is_source || !ps->po_hash)
		return;
	char *path = build_kit_path(b, ps->po_display);
	kg_buf data = KG_BUF_INIT;
	kg_diags quiet; /* phase 1 reported what this file has to say */
	kg_diags_init(&quiet);
	if (kg_buf_read_file(&data, path) < 0 || cache_content_hash(data.data, data.len) != ps->po_hash) {
		kg_error(s->diags, ps->po_display, 0, 0,
		         "changed or went away while the site was being built; build again");
		atomic_store(&s->failed, 1);
	} else if (kg_po_read_mem(&ps->po, data.data, data.len, ps->po_display, &quiet) < 0) {
		atomic_store(&s->failed, 1);
	}
	kg_diags_release(&quiet);
	kg_buf_release(&data);
	free(path);
}

/* The page in language ls, as phase 2 renders it. Diagnostics from
 * localizing were reported in phase 1. */
static void localize_page(build *b, lang_state *ls, size_t page_index, kg_localized *loc)
{
	site *s = &b->site;
	page_state *ps = &ls->pages[page_index];
	read_catalog_again(b, ls, ps);
	kg_diags quiet;
	kg_diags_init(&quiet);
	kg_localize(&s->kit.pages[page_index], build_page_units(b, page_index), ps->po, ps->po_display,
	            s->source->tag, ls->is_source, ps->verdicts, loc, &quiet);
	kg_diags_release(&quiet);
}

/* site_hooks.search_words_again */
static void search_words_again(void *ctx, lang_state *ls, size_t page_index)
{
	build *b = ctx;
	kg_localized loc;
	localize_page(b, ls, page_index, &loc);
	site_collect_search_words(&b->site, ls, page_index, loc.doc);
	kg_localized_release(&loc);
	page_state *ps = &ls->pages[page_index];
	kg_catalog_free(ps->po);
	ps->po = NULL;
}

/* 1 when the previous build's output of the page may be kept (its files
 * are checked when it is reused). */
static int unchanged_since_last_build(build *b, lang_state *ls, size_t page_index)
{
	site *s = &b->site;
	page_state *ps = &ls->pages[page_index];
	const kg_page *page = &s->kit.pages[page_index];
	const cache_page *old = b->options->clean
	                            ? NULL
	                            : cache_old_page_at(b->cache, ls->lang->tag, page->rel_path,
	                                                ls->cache_start + page_index +
	                                                    (page->rel_path[0] ? ls->cache_specials : 0));
	uint64_t out_key = build_page_out_key(s, ps, page_index);
	return old && ps->cached && old->out_key == out_key;
}

typedef struct image_src_ctx {
	const site *s;
	const lang_state *ls;
	size_t page_index;
} image_src_ctx;

/* kg_html_context.image_src: the page's SVG copy in its language. */
static int image_src(void *ctx, const char *url, kg_buf *out)
{
	const image_src_ctx *c = ctx;
	return downloads_page_svg_url(c->s, c->ls, c->page_index, url, out);
}

static void render_task(void *ctx, size_t index)
{
	build *b = ctx;
	site *s = &b->site;
	size_t lang_index = index / s->kit.page_count;
	size_t page_index = index % s->kit.page_count;
	lang_state *ls = &s->langs[lang_index];
	page_state *ps = &ls->pages[page_index];
	const kg_page *page = &s->kit.pages[page_index];
	if (!ps->published)
		return;
	if (unchanged_since_last_build(b, ls, page_index) && reuse_page(b, ls, page_index)) {
		/* Its search entry is taken from the previous index too. */
		ps->search_made = 0;
		atomic_fetch_add(&b->reused, 1);
		atomic_fetch_add(&b->pages_written, 1);
		return;
	}
	kg_localized loc;
	localize_page(b, ls, page_index, &loc);
	image_src_ctx images = {s, ls, page_index};
	kg_html_context hc = {
	    .kit = &s->kit,
	    .page = page,
	    .vars = &ls->vars,
	    .lang = ls->lang->tag,
	    .source_tag = s->source->tag,
	    .rtl = ls->lang->rtl,
	    .heading_ids = loc.heading_ids,
	    .heading_count = loc.heading_count,
	    .report = ls->is_source, /* content problems are reported once */
	    .diags = s->diags,
	    .image_src = image_src,
	    .image_ctx = &images,
	};
	kg_buf content = KG_BUF_INIT, html = KG_BUF_INIT;
	kg_val *toc = kg_val_list();
	kg_html_render(loc.doc, &hc, &content, toc);
	site_collect_search_words(s, ls, page_index, loc.doc);
	kg_val *downloads = kg_val_list();
	if (downloads_write_page_files(s, ls, page_index, &loc, downloads) < 0)
		atomic_store(&s->failed, 1);
	kg_val *root;
	const char *template_name;
	if (page->rel_path[0] == '\0') {
		template_name = "index.html";
		root = site_index_context(s, ls, page_index, "");
	} else if (page->is_section_index) {
		template_name = "section.html";
		root = site_index_context(s, ls, page_index, page->rel_path);
	} else {
		template_name = "page.html";
		root = kg_val_map();
	}
	kg_val *page_val = site_page_context(s, ls, page_index, &loc, content.data, toc);
	kg_val_set(page_val, "downloads", downloads);
	kg_val_set(root, "page", page_val);
	kg_val *base = site_context(s, ls, page->rel_path, NULL);
	for (size_t i = 0; i < kg_val_len(base); i++)
		kg_val_set(root, kg_val_key_at(base, i), kg_val_ref(kg_val_value_at(base, i)));
	kg_val_unref(base);
	if (site_render(s, ls, template_name, root, &html) < 0)
		atomic_store(&s->failed, 1);
	else
		write_page(b, page->rel_path, ls->lang->tag, &html);
	kg_val_unref(root);
	if (has_deck(s, page))
		write_deck(b, ls, page_index, &loc, &hc);
	kg_buf_release(&content);
	kg_buf_release(&html);
	kg_localized_release(&loc);
	/* Nothing reads the catalog again (the page is rendered once): freed
	 * here, on the pool, rather than with the site, where a full build's
	 * 40,000 catalogs took seconds on one thread and delayed the next
	 * rebuild of a server. */
	kg_catalog_free(ps->po);
	ps->po = NULL;
}

/* Pages with no source file: the chooser, each language's index when the
 * kit has no content/_index.md, and each language's 404 page. */
static int render_special(build *b, lang_state *ls, const char *template_name, const char *out_path,
                          const char *rel_path, const char *root_prefix)
{
	site *s = &b->site;
	kg_val *root = ls ? site_context(s, ls, rel_path, root_prefix)
	                  : site_context(s, &s->langs[0], rel_path, root_prefix);
	if (ls && !strcmp(template_name, "index.html")) {
		kg_val *idx = site_index_context(s, ls, (size_t)-1, "");
		for (size_t i = 0; i < kg_val_len(idx); i++)
			kg_val_set(root, kg_val_key_at(idx, i), kg_val_ref(kg_val_value_at(idx, i)));
		kg_val_unref(idx);
		kg_val *page = kg_val_map();
		kg_val_set_str(page, "title", ls->kit_title);
		kg_val_set_str(page, "title_lang", s->source->tag);
		kg_val_set_html(page, "content", "");
		kg_val_set(root, "page", page);
	}
	if (!strcmp(template_name, "404.html")) {
		/* Served at any address: its links are relative to where it is
		 * written (so it works opened from a folder), and over http(s) a
		 * <base> set by a line of script points them at the folder the
		 * page was written in, under base_url's path. */
		kg_val *page = kg_val_map();
		kg_val_set_str(page, "title", site_ui(ls, NULL, "Page not found"));
		kg_val_set(root, "page", page);
		kg_buf href = KG_BUF_INIT;
		size_t len = 0;
		const char *path = s->kit.config.base_url ? kg_url_path(s->kit.config.base_url, &len) : "";
		/* Only URL path characters: the value lands in a script's string. */
		if (len && path[0] == '/' && strspn(path, KG_URL_PATH_CHARS) >= len)
			kg_buf_add(&href, path, len);
		if (!href.len || href.data[href.len - 1] != '/')
			kg_buf_putc(&href, '/');
		if (strchr(out_path, '/')) /* <lang>/404.html */
			kg_buf_add(&href, out_path, (size_t)(strrchr(out_path, '/') - out_path + 1));
		kg_val_set(root, "base_href", kg_val_str_take(kg_buf_detach(&href, NULL)));
	}
	kg_buf html = KG_BUF_INIT;
	int rc = site_render(s, ls, template_name, root, &html);
	if (rc == 0)
		rc = kg_outdir_write(&s->out, out_path, html.data, html.len, s->diags);
	if (rc == 0)
		atomic_fetch_add(&b->pages_written, 1);
	kg_buf_release(&html);
	kg_val_unref(root);
	return rc;
}

int build_render_site_pages(build *b)
{
	site *s = &b->site;
	int rc = 0;
	if (kg_templates_has(s->templates, "chooser.html"))
		rc |= render_special(b, NULL, "chooser.html", "index.html", "", "");
	int has_home = kg_kit_find_page(&s->kit, "") != NULL;
	for (size_t i = 0; i < s->lang_count; i++) {
		lang_state *ls = &s->langs[i];
		kg_buf path = KG_BUF_INIT;
		if (!has_home) {
			kg_buf_printf(&path, "%s/index.html", ls->lang->tag);
			rc |= render_special(b, ls, "index.html", path.data, "", NULL);
			kg_buf_reset(&path);
		}
		if (kg_templates_has(s->templates, "search.html")) {
			kg_buf_printf(&path, "%s/search/index.html", ls->lang->tag);
			rc |= render_special(b, ls, "search.html", path.data, "search", NULL);
			kg_buf_reset(&path);
		}
		if (kg_templates_has(s->templates, "404.html")) {
			kg_buf_printf(&path, "%s/404.html", ls->lang->tag);
			rc |= render_special(b, ls, "404.html", path.data, "", "../");
		}
		kg_buf_release(&path);
	}
	if (s->source && kg_templates_has(s->templates, "404.html")) {
		for (size_t i = 0; i < s->lang_count; i++)
			if (s->langs[i].is_source)
				rc |= render_special(b, &s->langs[i], "404.html", "404.html", "", "");
	}
	return rc;
}

int build_copy_static_files(build *b)
{
	site *s = &b->site;
	int rc = 0;
	for (size_t i = 0; i < s->kit.file_count; i++)
		rc |= kg_outdir_copy(&s->out, s->kit.files[i].out_path, s->kit.files[i].file_path, s->diags);
	/* The theme's assets (assets/style.css, ...): built in or overridden. */
	for (size_t i = 0; i < b->theme.count; i++) {
		const kg_theme_entry *e = &b->theme.items[i];
		if (!kg_theme_is_template(e->path))
			rc |= kg_outdir_write(&s->out, e->path, e->data, e->size, s->diags);
	}
	return rc;
}

static void report_progress(void *ctx, size_t done, size_t count)
{
	const build *b = ctx;
	b->options->progress(b->options->progress_ctx, done, count);
}

/* site_hooks.previous: the previous build's record, unless --clean. */
static int previous_record(void *ctx, const char *lang, const char *id, site_file_record *old)
{
	build *b = ctx;
	const cache_page *page = b->options->clean ? NULL : cache_old_page(b->cache, lang, id);
	if (!page)
		return 0;
	*old = (site_file_record){.key = page->key, .out_key = page->out_key, .bytes = page->bytes};
	return 1;
}

/* site_hooks.record */
static void record(void *ctx, const char *lang, const char *id, const site_file_record *rec)
{
	build *b = ctx;
	cache_page page = {.key = rec->key, .out_key = rec->out_key, .bytes = rec->bytes};
	cache_new_page(b->cache, lang, id, &page);
}

/* Worker processes when there are two sets of PDFs or more to draw and
 * more than one job; otherwise PDFs are drawn in this process, behind
 * draw.c's lock. */
static kg_pdf_workers *start_pdf_workers(build *b, int jobs)
{
	site *s = &b->site;
	if (jobs < 2 || !b->options->pdf_worker_command)
		return NULL;
	size_t sets = 0;
	for (size_t l = 0; l < s->lang_count; l++)
		for (size_t p = 0; p < s->kit.page_count; p++)
			sets += s->langs[l].pages[p].published &&
			        downloads_page_has_pdfs(s, &s->langs[l], p) &&
			        !unchanged_since_last_build(b, &s->langs[l], p);
	if (sets < 2)
		return NULL;
	return kg_pdf_workers_start(jobs, sets, b->options->pdf_worker_command);
}

void build_render_pages(build *b, int jobs)
{
	site *s = &b->site;
	s->hooks = (site_hooks){b, previous_record, record, search_words_again};
	if (site_search_spool_open(s) < 0) {
		atomic_store(&s->failed, 1);
		return;
	}
	s->pdf_workers = start_pdf_workers(b, jobs);
	/* With PDF workers each thread takes its own run of languages (and
	 * then helps the others), so that a worker keeps drawing the languages
	 * whose fonts, font sets and shaping plans it has made (workers.c);
	 * otherwise tasks go in index order, one language after another. */
	void (*progress)(void *, size_t, size_t) = b->options->progress ? report_progress : NULL;
	if (s->pdf_workers)
		kg_pool_run_ranges(jobs, s->lang_count * s->kit.page_count, render_task, b, progress);
	else
		kg_pool_run(jobs, s->lang_count * s->kit.page_count, render_task, b, progress);
	kg_pdf_workers_stop(s->pdf_workers);
	s->pdf_workers = NULL;
}
