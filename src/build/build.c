/* site.c: kg_build(), the pipeline's driver: load the kit and templates,
 * read every catalog and measure coverage (phase 1, parallel), render every
 * published page of every language (phase 2, parallel), write the
 * site-wide files, and swap the output in. Owns the build's state. */
#include "render/site.h"

#include "build/cache.h"
#include "kitgen/base/alloc.h"
#include "kitgen/render/html.h"
#include "kitgen/locale/locale.h"
#include "kitgen/base/pool.h"
#include "kitgen/i18n/segment.h"
#include "kitgen/base/sort.h"

#include "kitgen_version.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char *kit_path(const site *s, const char *rel)
{
	kg_buf b = KG_BUF_INIT;
	kg_buf_puts(&b, s->kit.dir);
	kg_buf_putc(&b, '/');
	kg_buf_puts(&b, rel);
	return kg_buf_detach(&b, NULL);
}

static int file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Reads locales/<lang>/ui.po and sets up plural rules for the language. */
static void load_ui_catalog(site *s, lang_state *ls)
{
	const char *tag = ls->lang->tag;
	kg_buf rel = KG_BUF_INIT;
	kg_buf_printf(&rel, "locales/%s/ui.po", tag);
	char *path = kit_path(s, rel.data);
	if (!ls->is_source && file_exists(path)) {
		if (kg_po_read_file(&ls->ui, path, rel.data, s->diags) < 0)
			atomic_store(&s->failed, 1);
	}
	/* Refuse UI translations that change a number or a placeholder, once,
	 * here, so rendering never has to ask. */
	for (size_t i = 0; ls->ui && i < kg_catalog_count(ls->ui); i++) {
		kg_po_entry *e = kg_catalog_at(ls->ui, i);
		if (e->obsolete || kg_po_entry_has_flag(e, "fuzzy"))
			continue;
		for (size_t k = 0; k < e->msgstr_count; k++) {
			kg_buf why = KG_BUF_INIT;
			const char *src = k == 0 || !e->msgid_plural ? e->msgid : e->msgid_plural;
			if (e->msgstr[k][0] && kg_check_translation(src, e->msgstr[k], 0, &why) < 0) {
				kg_warning(s->diags, rel.data, e->line, 1,
				           "translation refused, source text used instead: %s", why.data);
				kg_po_entry_set_msgstr(e, k, "");
			}
			kg_buf_release(&why);
		}
	}
	const char *forms = ls->lang->plural_forms;
	size_t len = 0;
	const char *header = ls->ui ? kg_catalog_header_get(ls->ui, "Plural-Forms", &len) : NULL;
	kg_buf value = KG_BUF_INIT;
	if (header) {
		kg_buf_add(&value, header, len);
	} else if (forms) {
		kg_buf_puts(&value, forms);
	} else {
		kg_locale_plural_forms(tag, &value);
	}
	ls->plural = kg_plural_parse(value.data, header ? rel.data : "kit.yaml", 0, s->diags);
	if (!ls->plural)
		atomic_store(&s->failed, 1);
	kg_buf_release(&value);
	kg_buf_release(&rel);
	free(path);
}

/* ---- phase 0: what every language of a page shares ---- */

/* Computed on first use: an incremental build needs them only for the
 * pages it localizes or renders again. */
static const kg_page_units *page_units(site *s, size_t page_index)
{
	pthread_mutex_lock(&s->units_locks[page_index]);
	if (!s->units_ready[page_index]) {
		kg_page_units_compute(&s->kit.pages[page_index], s->source->tag, &s->units[page_index]);
		s->units_ready[page_index] = 1;
	}
	pthread_mutex_unlock(&s->units_locks[page_index]);
	return &s->units[page_index];
}

/* 1 when the session vouches that the file at path is as the last build
 * read it (see session.c). */
static int file_unchanged(void *ctx, const char *path)
{
	const site *s = ctx;
	return session_unchanged(s->session, path);
}

/* The content hash of a source file, through the cache. */
static uint64_t file_hash(site *s, const char *path)
{
	if (s->trusted && file_unchanged(s, path))
		return cache_file_hash_unchanged(s->cache, path);
	return cache_file_hash(s->cache, path);
}

static void hash_task(void *ctx, size_t index)
{
	site *s = ctx;
	s->page_hashes[index] = file_hash(s, s->kit.pages[index].file_path);
}

/* ---- phase 1: catalogs and coverage ---- */

/* A catalog's Language header may be POSIX ("zh_TW") or BCP 47; either
 * must name the kit's language, or the file is probably in the wrong folder. */
static void check_language_header(site *s, const kg_catalog *po, const char *display, const char *tag,
                                  kg_diags *diags)
{
	(void)s;
	size_t len = 0;
	const char *value = po ? kg_catalog_header_get(po, "Language", &len) : NULL;
	if (!value || !len)
		return;
	char *name = kg_strndup(value, len);
	kg_buf bcp = KG_BUF_INIT;
	kg_locale_from_posix(name, &bcp);
	if (!kg_locale_same_language(bcp.data, tag))
		kg_warning(diags, display, 1, 1,
		           "the catalog says 'Language: %s' but is in the folder for '%s'", name, tag);
	kg_buf_release(&bcp);
	free(name);
}

static void measure_task(void *ctx, size_t index)
{
	site *s = ctx;
	size_t lang_index = index / s->kit.page_count;
	size_t page_index = index % s->kit.page_count;
	lang_state *ls = &s->langs[lang_index];
	page_state *ps = &ls->pages[page_index];
	const kg_page *page = &s->kit.pages[page_index];
	kg_buf rel = KG_BUF_INIT;
	kg_catalog_path_for(page, ls->lang->tag, &rel);
	char *path = kit_path(s, rel.data);
	uint64_t po_hash = ls->is_source ? 0 : file_hash(s, path);
	uint64_t parts[4] = {s->global_key, s->page_hashes[page_index], po_hash,
	                     cache_hash(ls->lang->tag, strlen(ls->lang->tag), 0)};
	ps->key = cache_hash(parts, sizeof(parts), 1);
	ps->po_display = kg_buf_detach(&rel, NULL);
	const cache_page *old = s->options->clean ? NULL
	                        : cache_old_page_at(s->cache, ls->lang->tag, page->rel_path,
	                                            ls->cache_start + page_index +
	                                                (page->rel_path[0] ? ls->cache_specials : 0));
	if (old && old->key == ps->key && old->title) {
		/* Same page, same catalog, same kit: what was measured still holds. */
		ps->cached = 1;
		ps->borrowed = 1; /* the strings stay in the cache, which outlives the pages */
		ps->coverage = old->coverage;
		ps->title = old->title;
		ps->summary = old->summary;
		ps->title_fallback = old->title_fallback;
		ps->summary_fallback = old->summary_fallback;
		ps->published = old->published;
		ps->warnings = old->warnings;
		cache_replay_warnings(old->warnings, s->diags);
		free(path);
		return;
	}
	kg_diags local;
	kg_diags_init(&local);
	if (!ls->is_source) {
		if (po_hash && kg_po_read_file(&ps->po, path, ps->po_display, &local) < 0)
			atomic_store(&s->failed, 1);
		check_language_header(s, ps->po, ps->po_display, ls->lang->tag, &local);
	}
	free(path);
	kg_localized loc;
	const kg_page_units *units = page_units(s, page_index);
	ps->verdicts = units->unit_count ? kg_malloc(units->unit_count) : NULL;
	kg_localize_measure(page, units, ps->po, ps->po_display, ls->is_source, ps->verdicts, &loc, &local);
	ps->coverage = loc.coverage;
	ps->title = loc.title;
	ps->summary = loc.summary;
	loc.title = loc.summary = NULL;
	ps->title_fallback = loc.title_fallback;
	ps->summary_fallback = loc.summary_fallback;
	/* The home and section pages are navigation: always published (their
	 * untranslated parts fall back), so a language never loses its index. */
	ps->published = ls->is_source || page->is_section_index || !page->rel_path[0] ||
	                kg_coverage_percent(&ps->coverage) >= ls->lang->min_coverage;
	kg_localized_release(&loc);
	kg_buf enc = KG_BUF_INIT;
	cache_encode_warnings(&local, &enc);
	ps->warnings = kg_buf_detach(&enc, NULL);
	for (size_t i = 0; i < local.count; i++) {
		const kg_diag *d = &local.items[i];
		kg_diag_add(s->diags, d->severity, d->file, d->line, d->col, "%s", d->message);
	}
	kg_diags_release(&local);
}

/* ---- phase 2: rendering ---- */

static void write_page(site *s, const char *rel_dir, const char *lang, const kg_buf *html)
{
	kg_buf path = KG_BUF_INIT;
	if (rel_dir[0])
		kg_buf_printf(&path, "%s/%s/index.html", lang, rel_dir);
	else
		kg_buf_printf(&path, "%s/index.html", lang);
	if (kg_outdir_write(&s->out, path.data, html->data, html->len, s->diags) < 0)
		atomic_store(&s->failed, 1);
	else
		atomic_fetch_add(&s->pages_written, 1);
	kg_buf_release(&path);
}

/* Takes the page unchanged from the previous output (a hard link, or a
 * copy where links are not possible). */
int site_reuse_file(site *s, const char *rel)
{
	if (s->out.patch) /* out/ holds what its manifest lists */
		return kg_outdir_keep(&s->out, rel) == 0;
	kg_buf old = KG_BUF_INIT;
	kg_buf_printf(&old, "%s/%s", s->out.final_path, rel);
	kg_diags quiet;
	kg_diags_init(&quiet);
	int ok = file_exists(old.data) && kg_outdir_link(&s->out, rel, old.data, &quiet) == 0;
	kg_diags_release(&quiet);
	kg_buf_release(&old);
	return ok;
}

/* Takes the page and its downloads unchanged from the previous output (hard
 * links, or copies where links are not possible). All or nothing. */
static int reuse_page(site *s, lang_state *ls, size_t page_index)
{
	const kg_page *page = &s->kit.pages[page_index];
	kg_buf names = KG_BUF_INIT, rel = KG_BUF_INIT, old = KG_BUF_INIT;
	kg_buf_add(&names, "index.html", sizeof("index.html"));
	site_page_file_names(s, ls, page_index, &names);
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
				ok = pass ? kg_outdir_keep(&s->out, rel.data) == 0 : kg_outdir_had(&s->out, rel.data);
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

/* The page in language ls, as phase 2 renders it. Diagnostics from
 * localizing were reported in phase 1. */
static void localize_page(site *s, lang_state *ls, size_t page_index, kg_localized *loc)
{
	page_state *ps = &ls->pages[page_index];
	if (!ps->po && !ls->is_source) { /* phase 1 came from the cache */
		char *path = kit_path(s, ps->po_display);
		kg_diags quiet_read;
		kg_diags_init(&quiet_read);
		if (file_exists(path) && kg_po_read_file(&ps->po, path, ps->po_display, &quiet_read) < 0)
			atomic_store(&s->failed, 1);
		kg_diags_release(&quiet_read);
		free(path);
	}
	kg_diags quiet;
	kg_diags_init(&quiet);
	kg_localize(&s->kit.pages[page_index], page_units(s, page_index), ps->po, ps->po_display,
	            s->source->tag, ls->is_source, ps->verdicts, loc, &quiet);
	kg_diags_release(&quiet);
}

void site_page_search_words(site *s, lang_state *ls, size_t page_index)
{
	kg_localized loc;
	localize_page(s, ls, page_index, &loc);
	site_collect_search_words(s, ls, page_index, loc.doc);
	kg_localized_release(&loc);
}

static void render_task(void *ctx, size_t index)
{
	site *s = ctx;
	size_t lang_index = index / s->kit.page_count;
	size_t page_index = index % s->kit.page_count;
	lang_state *ls = &s->langs[lang_index];
	page_state *ps = &ls->pages[page_index];
	const kg_page *page = &s->kit.pages[page_index];
	if (!ps->published)
		return;
	const cache_page *old = s->options->clean ? NULL
	                        : cache_old_page_at(s->cache, ls->lang->tag, page->rel_path,
	                                            ls->cache_start + page_index +
	                                                (page->rel_path[0] ? ls->cache_specials : 0));
	uint64_t parts[2] = {ps->key, s->page_nav[page_index]};
	uint64_t out_key = cache_hash(parts, sizeof(parts), 2);
	if (old && ps->cached && old->out_key == out_key && reuse_page(s, ls, page_index)) {
		/* Its search entry is taken from the previous index too. */
		free(ps->search_words);
		ps->search_words = NULL;
		atomic_fetch_add(&s->reused, 1);
		atomic_fetch_add(&s->pages_written, 1);
		return;
	}
	kg_localized loc;
	localize_page(s, ls, page_index, &loc);
	kg_html_context hc = {
		.kit = &s->kit,
		.page = page,
		.lang = ls->lang->tag,
		.source_tag = s->source->tag,
		.rtl = ls->lang->rtl,
		.heading_ids = loc.heading_ids,
		.heading_count = loc.heading_count,
		.report = ls->is_source, /* content problems are reported once */
		.diags = s->diags,
	};
	kg_buf content = KG_BUF_INIT, html = KG_BUF_INIT;
	kg_val *toc = kg_val_list();
	kg_html_render(loc.doc, &hc, &content, toc);
	site_collect_search_words(s, ls, page_index, loc.doc);
	kg_val *downloads = kg_val_list();
	if (site_write_page_files(s, ls, page_index, &loc, downloads) < 0)
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
	kg_translator tr;
	if (kg_templates_render(s->templates, template_name, root, site_translator(ls, &tr), &html,
	                        s->diags) < 0)
		atomic_store(&s->failed, 1);
	else
		write_page(s, page->rel_path, ls->lang->tag, &html);
	kg_val_unref(root);
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
static int render_special(site *s, lang_state *ls, const char *template_name, const char *out_path,
                          const char *rel_path, const char *root_prefix)
{
	kg_val *root = ls ? site_context(s, ls, rel_path, root_prefix)
	                  : site_context(s, &s->langs[0], rel_path, root_prefix);
	if (ls && !strcmp(template_name, "index.html")) {
		kg_val *idx = site_index_context(s, ls, (size_t)-1, "");
		for (size_t i = 0; i < kg_val_len(idx); i++)
			kg_val_set(root, kg_val_key_at(idx, i), kg_val_ref(kg_val_value_at(idx, i)));
		kg_val_unref(idx);
		kg_val *page = kg_val_map();
		kg_val_set_str(page, "title", s->kit.config.title);
		kg_val_set_str(page, "title_lang", s->source->tag);
		kg_val_set_html(page, "content", "");
		kg_val_set(root, "page", page);
	}
	kg_buf html = KG_BUF_INIT;
	kg_translator tr;
	int rc = kg_templates_render(s->templates, template_name, root,
	                             ls ? site_translator(ls, &tr) : NULL, &html, s->diags);
	if (rc == 0)
		rc = kg_outdir_write(&s->out, out_path, html.data, html.len, s->diags);
	if (rc == 0)
		atomic_fetch_add(&s->pages_written, 1);
	kg_buf_release(&html);
	kg_val_unref(root);
	return rc;
}

static int render_site_pages(site *s)
{
	int rc = 0;
	if (kg_templates_has(s->templates, "chooser.html"))
		rc |= render_special(s, NULL, "chooser.html", "index.html", "", "");
	int has_home = kg_kit_find_page(&s->kit, "") != NULL;
	for (size_t i = 0; i < s->lang_count; i++) {
		lang_state *ls = &s->langs[i];
		kg_buf path = KG_BUF_INIT;
		if (!has_home) {
			kg_buf_printf(&path, "%s/index.html", ls->lang->tag);
			rc |= render_special(s, ls, "index.html", path.data, "", NULL);
			kg_buf_reset(&path);
		}
		if (kg_templates_has(s->templates, "search.html")) {
			kg_buf_printf(&path, "%s/search/index.html", ls->lang->tag);
			rc |= render_special(s, ls, "search.html", path.data, "search", NULL);
			kg_buf_reset(&path);
		}
		if (kg_templates_has(s->templates, "404.html")) {
			kg_buf_printf(&path, "%s/404.html", ls->lang->tag);
			/* A 404 page is served at any URL: its links must be absolute. */
			rc |= render_special(s, ls, "404.html", path.data, "", s->kit.config.base_url);
		}
		kg_buf_release(&path);
	}
	if (s->source && kg_templates_has(s->templates, "404.html")) {
		for (size_t i = 0; i < s->lang_count; i++)
			if (s->langs[i].is_source)
				rc |= render_special(s, &s->langs[i], "404.html", "404.html", "", s->kit.config.base_url);
	}
	return rc;
}

static int copy_static_files(site *s)
{
	int rc = 0;
	for (size_t i = 0; i < s->kit.file_count; i++)
		rc |= kg_outdir_copy(&s->out, s->kit.files[i].out_path, s->kit.files[i].file_path, s->diags);
	return rc;
}

static void report_progress(void *ctx, size_t done, size_t count)
{
	const site *s = ctx;
	s->options->progress(s->options->progress_ctx, done, count);
}

static void site_release(site *s)
{
	if (!s->langs && !s->kit.dir && !s->templates)
		return;
	for (size_t i = 0; i < s->lang_count; i++) {
		lang_state *ls = &s->langs[i];
		for (size_t p = 0; ls->pages && p < s->kit.page_count; p++) {
			page_state *ps = &ls->pages[p];
			kg_catalog_free(ps->po);
			free(ps->po_display);
			if (!ps->borrowed) {
				free(ps->title);
				free(ps->summary);
				free(ps->warnings);
			}
			free(ps->search_words);
			free(ps->verdicts);
		}
		free(ls->pages);
		site_lang_values_release(ls);
		kg_catalog_free(ls->ui);
		kg_plural_free(ls->plural);
	}
	free(s->langs);
	for (size_t p = 0; s->units && p < s->kit.page_count; p++) {
		kg_page_units_release(&s->units[p]);
		pthread_mutex_destroy(&s->units_locks[p]);
	}
	free(s->units);
	free(s->units_locks);
	free(s->units_ready);
	free(s->page_hashes);
	free(s->page_nav);
	free(s->sections);
	free(s->neighbour_order);
	free(s->neighbour_pos);
	cache_free(s->cache);
	kg_templates_free(s->templates);
	/* After a successful build, the session takes the kit and reads the
	 * cache back (it was just written, under the lock on out/). */
	if (s->session && s->keep_for_session)
		session_keep(s->session, &s->kit, s->cache_path);
	kg_kit_free(&s->kit);
	free(s->cache_path);
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void hash_tree(site *s, const char *dir, uint64_t *h, int depth)
{
	DIR *d = opendir(dir);
	if (!d || depth > 16) {
		if (d)
			closedir(d);
		return;
	}
	char **names = NULL;
	size_t count = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		names = kg_realloc(names, (count + 1) * sizeof(char *));
		names[count++] = kg_strdup(e->d_name);
	}
	closedir(d);
	if (count > 1)
		qsort(names, count, sizeof(char *), compare_strings);
	for (size_t i = 0; i < count; i++) {
		kg_buf path = KG_BUF_INIT;
		kg_buf_printf(&path, "%s/%s", dir, names[i]);
		struct stat st;
		if (stat(path.data, &st) == 0 && S_ISDIR(st.st_mode)) {
			hash_tree(s, path.data, h, depth + 1);
		} else {
			uint64_t parts[3] = {*h, cache_hash(path.data, path.len, 0), file_hash(s, path.data)};
			*h = cache_hash(parts, sizeof(parts), 3);
		}
		kg_buf_release(&path);
		free(names[i]);
	}
	free(names);
}

/* Everything every page depends on: kitgen itself, kit.yaml, templates and
 * assets, each language's UI catalog, and which static files exist. */
static uint64_t global_key(site *s)
{
	uint64_t h = cache_hash(KITGEN_VERSION, strlen(KITGEN_VERSION), 4);
	/* The binary itself, so that a rebuilt kitgen of the same version does
	 * not reuse what an older one rendered (read only when it changed). */
	const char *exe = "/proc/self/exe"; /* the running binary: the same all session long */
	uint64_t self[2] = {h, s->trusted ? cache_file_hash_unchanged(s->cache, exe) : cache_file_hash(s->cache, exe)};
	h = cache_hash(self, sizeof(self), 4);
	char *yaml = kit_path(s, "kit.yaml");
	uint64_t parts[2] = {h, file_hash(s, yaml)};
	h = cache_hash(parts, sizeof(parts), 5);
	free(yaml);
	char *templates = kit_path(s, "templates");
	hash_tree(s, templates, &h, 0);
	free(templates);
	for (size_t i = 0; i < s->lang_count; i++) {
		kg_buf rel = KG_BUF_INIT;
		kg_buf_printf(&rel, "locales/%s/ui.po", s->langs[i].lang->tag);
		char *path = kit_path(s, rel.data);
		uint64_t more[2] = {h, file_hash(s, path)};
		h = cache_hash(more, sizeof(more), 6);
		free(path);
		kg_buf_release(&rel);
	}
	for (size_t i = 0; i < s->kit.file_count; i++) {
		const char *out = s->kit.files[i].out_path;
		uint64_t more[2] = {h, cache_hash(out, strlen(out), 7)};
		h = cache_hash(more, sizeof(more), 7);
	}
	return h;
}

static void mix(uint64_t *h, const void *data, size_t len)
{
	uint64_t parts[2] = {*h, cache_hash(data, len, 8)};
	*h = cache_hash(parts, sizeof(parts), 9);
}

static void mix_str(uint64_t *h, const char *s)
{
	mix(h, s ? s : "\x01", s ? strlen(s) + 1 : 1);
}

static int by_section_order(const void *a, const void *b, void *ctx)
{
	const kg_page *pages = ctx;
	const kg_page *x = &pages[*(const size_t *)a], *y = &pages[*(const size_t *)b];
	int c = strcmp(x->section, y->section);
	if (c)
		return c;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->rel_path, y->rel_path);
}

static int compare_cstrings(const void *a, const void *b, void *ctx)
{
	(void)ctx;
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The kit's section names, sorted and unique, and every page that is not a
 * section page in (section, order, path) order, which is the order of
 * previous/next links. Language-independent, so computed once. */
static void compute_sections(site *s)
{
	size_t n = s->kit.page_count;
	s->sections = kg_calloc(n ? n : 1, sizeof(char *));
	for (size_t p = 0; p < n; p++)
		s->sections[p] = s->kit.pages[p].section;
	kg_sort(s->sections, n, sizeof(char *), compare_cstrings, NULL);
	size_t count = 0;
	for (size_t p = 0; p < n; p++)
		if (!count || strcmp(s->sections[count - 1], s->sections[p]))
			s->sections[count++] = s->sections[p];
	s->section_count = count;
	s->neighbour_order = kg_calloc(n ? n : 1, sizeof(size_t));
	s->neighbour_pos = kg_calloc(n ? n : 1, sizeof(size_t));
	size_t m = 0;
	for (size_t p = 0; p < n; p++) {
		s->neighbour_pos[p] = SIZE_MAX;
		if (!s->kit.pages[p].is_section_index)
			s->neighbour_order[m++] = p;
	}
	s->neighbour_count = m;
	kg_sort(s->neighbour_order, m, sizeof(size_t), by_section_order, s->kit.pages);
	for (size_t i = 0; i < m; i++)
		s->neighbour_pos[s->neighbour_order[i]] = i;
}

size_t site_section_index(const site *s, const char *section)
{
	size_t lo = 0, hi = s->section_count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(section, s->sections[mid]);
		if (c == 0)
			return mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return SIZE_MAX;
}

/* What each page shows about the others, kept as narrow as is still
 * correct, so that editing one page re-renders that page, its section page
 * and the home page, not the whole site:
 *   structure     the list of pages (links to a removed page must fail);
 *   state[p]      page p in every language: front matter, titles,
 *                 summaries, published, partial and percent (switcher,
 *                 module lists);
 *   order[sec]    which pages a section has, in which order, published
 *                 where (previous/next links);
 *   titles[sec]   the titles of a section's pages (previous/next, section).
 * A module page depends on structure, its own state, and its section's
 * order and titles; a section page on the states of its pages; the home
 * page on every state. */
/* Mixes what a page shows of a neighbour or its section page (link[q]:
 * its path, title and the language the title is in). */
static void mix_link(uint64_t *h, const uint64_t *link, size_t q)
{
	if (q == SIZE_MAX)
		mix(h, "-", 1);
	else
		mix(h, &link[q], sizeof(uint64_t));
}

/* What each page's HTML shows of other pages, as one key per page (mixed
 * into its output key), so that an edit re-renders only the pages that
 * show what changed:
 *   - every page: the set of page paths (links are resolved against it)
 *     and its own state in every language (the language switcher);
 *   - a module page: per language, its previous and next published page in
 *     the section and the section page (titles, as site_page_context finds
 *     them);
 *   - the home page and section pages: the list state of the pages they
 *     list. Lists show a page's title, summary, date, audience and whether
 *     it is partly translated, but not its percentage: that changes with
 *     nearly every English edit and would re-render every index. */
static void compute_nav_keys(site *s)
{
	size_t n = s->kit.page_count, nn = n ? n : 1;
	uint64_t structure = 11;
	uint64_t *self = kg_calloc(nn, sizeof(uint64_t));
	uint64_t *listed = kg_calloc(nn, sizeof(uint64_t));
	/* per language and page: what a link to the page shows (see mix_link),
	 * hashed once, since a page appears in its neighbours' keys too */
	uint64_t *link = kg_calloc(nn * (s->lang_count ? s->lang_count : 1), sizeof(uint64_t));
	for (size_t p = 0; p < n; p++) {
		const kg_page *page = &s->kit.pages[p];
		uint64_t path_hash = cache_hash(page->rel_path, strlen(page->rel_path), 8);
		mix(&structure, &path_hash, sizeof(path_hash));
		uint64_t h = 12, own = 13;
		mix_str(&h, page->strategy);
		mix_str(&h, page->updated);
		long nums[3] = {page->order, page->handout, (long)page->audience_count};
		mix(&h, nums, sizeof(nums));
		for (size_t a = 0; a < page->audience_count; a++)
			mix_str(&h, page->audience[a]);
		for (size_t l = 0; l < s->lang_count; l++) {
			const page_state *ps = &s->langs[l].pages[p];
			uint64_t title = ps->title ? cache_hash(ps->title, strlen(ps->title), 8) : 1;
			uint64_t parts[3] = {path_hash, title, (uint64_t)ps->title_fallback};
			link[l * n + p] = cache_hash(parts, sizeof(parts), 10);
			mix(&h, &title, sizeof(title));
			mix_str(&h, ps->summary);
			long flags[6] = {ps->published, ps->title_fallback, ps->summary_fallback,
			                 ps->coverage.untranslated > 0, ps->coverage.fuzzy > 0,
			                 ps->coverage.refused > 0};
			mix(&h, flags, sizeof(flags));
			long percent = kg_coverage_percent(&ps->coverage);
			mix(&own, &percent, sizeof(percent));
		}
		listed[p] = h;
		mix(&own, &h, sizeof(h));
		self[p] = own;
	}
	/* Where each section starts in the previous/next order, and each
	 * page's section page, found once per section. */
	size_t *section_page = kg_malloc(nn * sizeof(size_t));
	unsigned char *starts = kg_calloc(nn + 1, 1);
	for (size_t i = 0; i < s->neighbour_count; i++) {
		size_t q = s->neighbour_order[i];
		const kg_page *page = &s->kit.pages[q];
		if (i && !strcmp(s->kit.pages[s->neighbour_order[i - 1]].section, page->section)) {
			section_page[q] = section_page[s->neighbour_order[i - 1]];
			continue;
		}
		starts[i] = 1;
		const kg_page *sec = page->section[0] ? kg_kit_find_page(&s->kit, page->section) : NULL;
		section_page[q] = sec ? (size_t)(sec - s->kit.pages) : SIZE_MAX;
	}
	/* Neighbours, per language: one pass each way over the previous/next
	 * order (sections are contiguous in it), keeping the nearest published
	 * page of the same section. */
	uint64_t *around = kg_calloc(nn, sizeof(uint64_t));
	size_t *prev = kg_malloc(nn * sizeof(size_t)), *next = kg_malloc(nn * sizeof(size_t));
	for (size_t l = 0; l < s->lang_count; l++) {
		const lang_state *ls = &s->langs[l];
		const uint64_t *lang_link = &link[l * n];
		size_t last = SIZE_MAX;
		for (size_t i = 0; i < s->neighbour_count; i++) {
			size_t q = s->neighbour_order[i];
			if (starts[i])
				last = SIZE_MAX;
			prev[q] = last;
			if (ls->pages[q].published)
				last = q;
		}
		last = SIZE_MAX;
		for (size_t i = s->neighbour_count; i-- > 0;) {
			size_t q = s->neighbour_order[i];
			if (starts[i + 1])
				last = SIZE_MAX;
			next[q] = last;
			if (ls->pages[q].published)
				last = q;
		}
		for (size_t i = 0; i < s->neighbour_count; i++) {
			size_t q = s->neighbour_order[i];
			const kg_page *page = &s->kit.pages[q];
			if (page->is_section_index || !page->rel_path[0])
				continue;
			mix_link(&around[q], lang_link, prev[q]);
			mix_link(&around[q], lang_link, next[q]);
			mix_link(&around[q], lang_link, section_page[q]);
		}
	}
	for (size_t p = 0; p < n; p++) {
		const kg_page *page = &s->kit.pages[p];
		uint64_t h = structure;
		mix(&h, &self[p], sizeof(uint64_t));
		if (!page->rel_path[0]) { /* home: lists everything */
			for (size_t q = 0; q < n; q++)
				mix(&h, &listed[q], sizeof(uint64_t));
		} else if (page->is_section_index) {
			for (size_t q = 0; q < n; q++)
				if (!strcmp(s->kit.pages[q].section, page->section))
					mix(&h, &listed[q], sizeof(uint64_t));
		} else {
			mix(&h, &around[p], sizeof(uint64_t));
		}
		s->page_nav[p] = h;
	}
	free(prev);
	free(next);
	free(around);
	free(section_page);
	free(starts);
	free(link);
	free(self);
	free(listed);
}

/* Records this build's results in the cache (before it is saved). */
static void record_cache(site *s)
{
	for (size_t l = 0; l < s->lang_count; l++) {
		const lang_state *ls = &s->langs[l];
		for (size_t p = 0; p < s->kit.page_count; p++) {
			const page_state *ps = &ls->pages[p];
			uint64_t parts[2] = {ps->key, s->page_nav[p]};
			cache_page cp = {
				.key = ps->key,
				.out_key = cache_hash(parts, sizeof(parts), 2),
				.coverage = ps->coverage,
				.published = ps->published,
				.title_fallback = ps->title_fallback,
				.summary_fallback = ps->summary_fallback,
				.title = ps->title,
				.summary = ps->summary,
				.warnings = ps->warnings,
			};
			cache_new_page_borrowed(s->cache, ls->lang->tag, s->kit.pages[p].rel_path, &cp);
		}
	}
}

static void save_cache(site *s)
{
	record_cache(s);
	cache_save(s->cache, s->cache_path); /* a speed-up only: failure is harmless */
}

/* `kitgen build` writes the cache while the commit runs (the two take
 * about as long at 5,000 pages × 8 languages) and puts it in place only
 * once the commit succeeded: a cache must never describe an output that
 * is not there. */
typedef struct cache_saver {
	pthread_t thread;
	site *s;
	int rc;
} cache_saver;

static void *save_cache_task(void *arg)
{
	cache_saver *saver = arg;
	record_cache(saver->s);
	saver->rc = cache_save_begin(saver->s->cache, saver->s->cache_path);
	return NULL;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void site_phase(site *s, const char *name)
{
	kg_build_report *r = s->report;
	if (!r)
		return;
	double t = now_seconds();
	if (r->phase_count < KG_BUILD_MAX_PHASES)
		r->phases[r->phase_count++] = (kg_build_phase){name, t - s->phase_started};
	s->phase_started = t;
}

/* Loads the kit, its templates and every catalog, and measures coverage
 * (phase 1). Returns 0, or -1 with diagnostics; release with site_release. */
static int site_open(site *s, const kg_build_options *options, kg_build_report *report,
                     kg_diags *diags)
{
	memset(s, 0, sizeof(*s));
	s->report = report;
	s->phase_started = now_seconds();
	s->options = options;
	s->diags = diags;
	atomic_init(&s->pages_written, 0);
	atomic_init(&s->failed, 0);
	int jobs = options->jobs > 0 ? options->jobs : kg_pool_cores();
	/* A preview server's rebuild takes from the last build what the
	 * watcher says is unchanged: parsed pages here, file hashes below. */
	s->session = options->session;
	int trusted = s->session && session_begin(s->session);
	if (trusted) {
		kg_buf yaml = KG_BUF_INIT;
		kg_buf_printf(&yaml, "%s/kit.yaml", options->kit_dir);
		trusted = file_unchanged(s, yaml.data); /* it says how pages are read */
		kg_buf_release(&yaml);
	}
	kg_kit_reuse reuse = {s->session ? &s->session->kit : NULL, file_unchanged, s};
	int krc = kg_kit_reload(&s->kit, options->kit_dir, trusted && reuse.previous->dir ? &reuse : NULL, diags);
	if (s->session)
		kg_kit_free(&s->session->kit);
	if (krc < 0)
		return -1;
	char *templates_dir = kit_path(s, "templates");
	int trc = kg_templates_load(&s->templates, templates_dir, "templates", diags);
	free(templates_dir);
	if (trc < 0)
		return -1;
	static const char *const required[] = {"page.html", "index.html", "section.html", NULL};
	for (size_t i = 0; required[i]; i++) {
		if (!kg_templates_has(s->templates, required[i])) {
			kg_error(diags, "templates", 0, 0, "missing template '%s'", required[i]);
			return -1;
		}
	}
	const kg_config *cfg = &s->kit.config;
	s->source = kg_config_language(cfg, cfg->source_language);
	s->lang_count = cfg->language_count;
	s->langs = kg_calloc(s->lang_count, sizeof(*s->langs));
	for (size_t i = 0; i < s->lang_count; i++) {
		lang_state *ls = &s->langs[i];
		ls->lang = &cfg->languages[i];
		ls->is_source = ls->lang == s->source;
		ls->pages = kg_calloc(s->kit.page_count, sizeof(*ls->pages));
		load_ui_catalog(s, ls);
		site_lang_values_init(ls);
	}
	size_t n = s->kit.page_count ? s->kit.page_count : 1;
	s->units = kg_calloc(n, sizeof(*s->units));
	s->units_locks = kg_calloc(n, sizeof(*s->units_locks));
	s->units_ready = kg_calloc(n, sizeof(*s->units_ready));
	s->page_hashes = kg_calloc(n, sizeof(*s->page_hashes));
	for (size_t p = 0; p < s->kit.page_count; p++)
		pthread_mutex_init(&s->units_locks[p], NULL);
	kg_buf cache_path = KG_BUF_INIT;
	kg_buf_printf(&cache_path, "%s/.%s.kitgen-cache", s->kit.dir, cfg->output_dir);
	s->cache_path = kg_buf_detach(&cache_path, NULL);
	site_phase(s, "load kit");
	/* The session's copy is the file on disk, already read. */
	build_cache *kept = s->session ? session_take_cache(s->session, s->cache_path) : NULL;
	if (kept && !options->clean) {
		s->cache = kept;
		s->trusted = trusted;
	} else {
		cache_free(kept);
		s->cache = cache_load(options->clean ? "/nonexistent/kitgen-cache" : s->cache_path, KITGEN_VERSION);
	}
	site_phase(s, "load cache");
	s->global_key = global_key(s);
	kg_pool_run(jobs, s->kit.page_count, hash_task, s, NULL);
	site_phase(s, "hash sources");
	for (size_t i = 0; i < s->lang_count; i++)
		s->langs[i].cache_start = cache_old_lang_start(s->cache, s->langs[i].lang->tag, &s->langs[i].cache_specials);
	kg_pool_run(jobs, s->lang_count * s->kit.page_count, measure_task, s, NULL);
	site_phase(s, "measure");
	for (size_t i = 0; i < s->lang_count; i++) {
		lang_state *ls = &s->langs[i];
		for (size_t p = 0; p < s->kit.page_count; p++) {
			kg_coverage_add(&ls->total, &ls->pages[p].coverage);
			ls->published += ls->pages[p].published;
		}
	}
	s->page_nav = kg_calloc(n, sizeof(uint64_t));
	compute_sections(s);
	compute_nav_keys(s);
	site_phase(s, "navigation");
	return atomic_load(&s->failed) || diags->errors ? -1 : 0;
}

/* ---- finishing in the background (kitgen serve) ----
 *
 * Once out/ is committed, what is left (writing the cache, freeing the
 * site) does not change what is served, so a server can tell browsers to
 * reload first. The lock on out/ is held until the cache is written, so
 * no other build reads a half-written cache or runs meanwhile; the next
 * kg_build() waits for it. */
static pthread_mutex_t finisher_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_t finisher;
static int finisher_running;

/* After a successful build: the cache for the next one, and what a
 * session keeps. The lock on out/ is still held. */
static void finish_build(site *s)
{
	save_cache(s);
	s->keep_for_session = 1; /* see site_release */
}

static void *finish_site(void *arg)
{
	site *s = arg;
	finish_build(s);
	site_release(s); /* before the lock goes: the session reads the cache back */
	kg_outdir_release(&s->out);
	free(s);
	return NULL;
}

/* Hands s to the finisher thread; -1 if no thread could start. */
static int start_finisher(site *s)
{
	s->report = NULL; /* the caller's: not touched after kg_build returns */
	s->options = NULL;
	s->diags = NULL;
	pthread_mutex_lock(&finisher_lock);
	int rc = pthread_create(&finisher, NULL, finish_site, s) == 0 ? 0 : -1;
	finisher_running = rc == 0;
	pthread_mutex_unlock(&finisher_lock);
	return rc;
}

void kg_build_wait(void)
{
	pthread_mutex_lock(&finisher_lock);
	if (finisher_running) {
		pthread_join(finisher, NULL);
		finisher_running = 0;
	}
	pthread_mutex_unlock(&finisher_lock);
}

int kg_build(const kg_build_options *options, kg_build_report *report, kg_diags *diags)
{
	/* A previous build's cache must be on disk first; the wait counts as
	 * part of this build's time (a server's user waits for it too). */
	double started_at = now_seconds();
	kg_build_wait();
	site *s = kg_calloc(1, sizeof(*s));
	memset(report, 0, sizeof(*report));
	diags->warnings_as_errors = options->strict;
	int rc = -1, started = 0;
	int jobs = options->jobs > 0 ? options->jobs : kg_pool_cores();
	if (site_open(s, options, report, diags) < 0 || kg_diags_failures(diags))
		goto out;
	started = 1; /* release even a failed begin: it frees the paths */
	if (kg_outdir_begin(&s->out, s->kit.dir, s->kit.config.output_dir, diags) < 0)
		goto out;
	/* Incremental: only what changed is written, and moved in at the end. */
	if (!options->clean)
		kg_outdir_use_patch(&s->out);
	site_phase(s, "read manifest");
	kg_pool_run(jobs, s->lang_count * s->kit.page_count, render_task, s,
	            options->progress ? report_progress : NULL);
	if (atomic_load(&s->failed) || kg_diags_failures(diags))
		goto out;
	site_phase(s, "render pages");
	if (render_site_pages(s) < 0 || copy_static_files(s) < 0 || site_write_sitemap(s) < 0)
		goto out;
	site_phase(s, "site pages");
	if (site_write_status(s) < 0)
		goto out;
	site_phase(s, "status");
	if (site_write_search_indexes(s, &report->search_bytes) < 0)
		goto out;
	site_phase(s, "search");
	if (site_write_downloads(s) < 0)
		goto out;
	site_phase(s, "downloads");
	if (kg_diags_failures(diags))
		goto out;
	s->out.no_sync = options->no_sync;
	cache_saver saver = {.s = s, .rc = -1};
	int saving = !options->finish_in_background && !s->session &&
	             pthread_create(&saver.thread, NULL, save_cache_task, &saver) == 0;
	int committed = kg_outdir_commit(&s->out, diags) == 0;
	site_phase(s, "commit");
	if (saving) {
		pthread_join(saver.thread, NULL);
		cache_save_finish(s->cache_path, committed && saver.rc == 0);
		site_phase(s, "save cache");
	}
	if (!committed)
		goto out;
	report->pages_written = atomic_load(&s->pages_written);
	report->pages_reused = atomic_load(&s->reused);
	report->files_written = (size_t)atomic_load(&s->out.files_written);
	report->languages = s->lang_count;
	report->search_pages = 0;
	for (size_t l = 0; l < s->lang_count; l++)
		report->search_pages += s->langs[l].published;
	report->output_path = kg_strdup(s->out.final_path);
	rc = 0;
	if (s->session)
		session_end(s->session, 1);
	if (options->finish_in_background && start_finisher(s) == 0) {
		report->seconds = now_seconds() - started_at;
		return 0;
	}
	if (!saving) {
		finish_build(s);
		site_phase(s, "save cache");
	}
out:
	if (rc < 0 && s->session)
		session_end(s->session, 0);
	site_release(s); /* before the lock goes: the session reads the cache back */
	if (started)
		kg_outdir_release(&s->out);
	free(s);
	report->seconds = now_seconds() - started_at;
	return rc;
}

int kg_status_compute(kg_status *status, const char *kit_dir, int jobs, kg_diags *diags)
{
	memset(status, 0, sizeof(*status));
	kg_build_options *options = kg_calloc(1, sizeof(*options));
	options->kit_dir = kit_dir;
	options->jobs = jobs;
	site *s = kg_calloc(1, sizeof(*s));
	status->internal = s;
	status->options = options;
	int rc = site_open(s, options, NULL, diags);
	if (!s->langs)
		return -1;
	status->page_count = s->kit.page_count;
	status->lang_count = s->lang_count;
	status->langs = kg_calloc(s->lang_count, sizeof(*status->langs));
	for (size_t l = 0; l < s->lang_count; l++) {
		kg_status_lang *out = &status->langs[l];
		const lang_state *ls = &s->langs[l];
		out->lang = ls->lang;
		out->is_source = ls->is_source;
		out->total = ls->total;
		out->published = ls->published;
		out->pages = kg_calloc(s->kit.page_count, sizeof(*out->pages));
		for (size_t p = 0; p < s->kit.page_count; p++) {
			out->pages[p].source_path = s->kit.pages[p].source_path;
			out->pages[p].catalog = ls->pages[p].po_display;
			out->pages[p].coverage = ls->pages[p].coverage;
			out->pages[p].published = ls->pages[p].published;
		}
	}
	return rc;
}

void kg_status_release(kg_status *status)
{
	for (size_t l = 0; l < status->lang_count; l++)
		free(status->langs[l].pages);
	free(status->langs);
	if (status->internal) {
		site_release(status->internal);
		free(status->internal);
	}
	free(status->options);
	memset(status, 0, sizeof(*status));
}

void kg_build_report_release(kg_build_report *report)
{
	free(report->output_path);
	memset(report, 0, sizeof(*report));
}
