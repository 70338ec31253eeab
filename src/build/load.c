/* load.c: the start of a build — the kit, its templates, every
 * language's UI catalog and plural rules, the incremental cache (or the
 * serve session's copy of it) and the global key — and the release of a
 * build's state. Owns everything in the build struct until build_release. */
#include "build/build_internal.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/base/hash.h"
#include "kitgen/base/pool.h"
#include "kitgen/images/svg_links.h"
#include "kitgen/images/svg_text.h"
#include "kitgen/locale/locale.h"

#include "kitgen_version.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

char *build_kit_path(const build *b, const char *rel)
{
	kg_buf path = KG_BUF_INIT;
	kg_buf_puts(&path, b->site.kit.dir);
	kg_buf_putc(&path, '/');
	kg_buf_puts(&path, rel);
	return kg_buf_detach(&path, NULL);
}

static int file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Reads locales/<lang>/REVIEWS (none for the source language): read on
 * every build, since phase 1's cache does not depend on it; measure.c
 * decides each page's review from it. */
static void load_reviews(build *b, lang_state *ls)
{
	kg_reviews_init(&ls->reviews);
	if (ls->is_source)
		return;
	kg_buf rel = KG_BUF_INIT;
	kg_buf_printf(&rel, "locales/%s/%s", ls->lang->tag, KG_REVIEWS_FILE);
	char *path = build_kit_path(b, rel.data);
	if (kg_reviews_read_file(&ls->reviews, path, rel.data, b->site.diags) < 0)
		atomic_store(&b->site.failed, 1);
	free(path);
	kg_buf_release(&rel);
}

/* Reads locales/<lang>/glossary.po: measure.c checks every translated
 * unit against it. */
static void load_glossary(build *b, lang_state *ls)
{
	if (ls->is_source)
		return;
	kg_buf rel = KG_BUF_INIT;
	kg_buf_printf(&rel, "locales/%s/%s.po", ls->lang->tag, KG_GLOSSARY_NAME);
	char *path = build_kit_path(b, rel.data);
	ls->glossary_hash = build_file_hash(b, path);
	if (ls->glossary_hash && kg_glossary_read(&ls->glossary, path, rel.data, b->site.diags) < 0)
		atomic_store(&b->site.failed, 1);
	free(path);
	kg_buf_release(&rel);
}

/* Reads locales/<lang>/ui.po and sets up plural rules for the language. */
static void load_ui_catalog(build *b, lang_state *ls)
{
	site *s = &b->site;
	const char *tag = ls->lang->tag;
	kg_buf rel = KG_BUF_INIT;
	kg_buf_printf(&rel, "locales/%s/ui.po", tag);
	char *path = build_kit_path(b, rel.data);
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

/* 1 when the session vouches that the file at path is as the last build
 * read it (see session.c). */
static int file_unchanged(void *ctx, const char *path)
{
	const build *b = ctx;
	return session_unchanged(b->session, path);
}

/* The content hash of a source file, through the cache. */
uint64_t build_file_hash(build *b, const char *path)
{
	if (b->trusted && file_unchanged(b, path))
		return cache_file_hash_unchanged(b->cache, path);
	return cache_file_hash(b->cache, path);
}

typedef struct page_svgs_ctx {
	build *b;
	site_page_svgs *out;
	KG_ARRAY(uint64_t) hashes;
} page_svgs_ctx;

static int note_svg(void *ud, const char *url, const kg_static_file *file)
{
	(void)url;
	page_svgs_ctx *c = ud;
	site *s = &c->b->site;
	size_t index = (size_t)(file - s->kit.files);
	if (!s->svgs[index] || !kg_svg_unit_count(s->svgs[index]))
		return 0; /* no text: the page shows the file itself */
	c->out->files = kg_realloc(c->out->files, (c->out->count + 1) * sizeof(size_t));
	c->out->files[c->out->count++] = index;
	kg_array_push(&c->hashes, build_file_hash(c->b, file->file_path));
	return 0;
}

/* A page's hash covers the SVGs it shows: their text is part of its
 * catalog and of its output. */
static void hash_task(void *ctx, size_t index)
{
	build *b = ctx;
	site *s = &b->site;
	b->page_hashes[index] = build_file_hash(b, s->kit.pages[index].file_path);
	page_svgs_ctx c = {b, &s->page_svgs[index], KG_ARRAY_INIT};
	kg_svg_page_links(&s->kit, &s->kit.pages[index], note_svg, &c);
	if (c.hashes.count) {
		kg_array_push(&c.hashes, b->page_hashes[index]);
		b->page_hashes[index] = kg_hash64(c.hashes.items, c.hashes.count * sizeof(uint64_t), 3);
	}
	kg_array_release(&c.hashes);
}

/* Every SVG of the kit is read and checked, shown by a page or not: one
 * with script or outside references never reaches out/. */
static int read_svgs(build *b)
{
	site *s = &b->site;
	int rc = 0;
	s->svgs = kg_calloc(s->kit.file_count ? s->kit.file_count : 1, sizeof(*s->svgs));
	s->page_svgs = kg_calloc(s->kit.page_count ? s->kit.page_count : 1, sizeof(*s->page_svgs));
	kg_buf display = KG_BUF_INIT;
	for (size_t i = 0; i < s->kit.file_count; i++) {
		const kg_static_file *f = &s->kit.files[i];
		if (!kg_svg_is_svg_name(f->out_path))
			continue;
		kg_buf_reset(&display);
		kg_buf_printf(&display, "content/%s", f->out_path);
		if (kg_svg_read_file(&s->svgs[i], f->file_path, f->out_path, display.data, s->diags) < 0)
			rc = -1;
	}
	kg_buf_release(&display);
	return rc;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Hashes every file under dir with its name relative to the tree's top
 * (base: the length of the top's path and its '/'), so that a kit moved
 * or copied to another folder keeps its cache. */
static void hash_tree(build *b, const char *dir, size_t base, uint64_t *h, int depth)
{
	DIR *d = opendir(dir);
	if (!d || depth > 16) {
		if (d)
			closedir(d);
		return;
	}
	KG_ARRAY(char *) names = KG_ARRAY_INIT;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		kg_array_push(&names, kg_strdup(e->d_name));
	}
	closedir(d);
	if (names.count > 1)
		qsort(names.items, names.count, sizeof(char *), compare_strings);
	for (size_t i = 0; i < names.count; i++) {
		kg_buf path = KG_BUF_INIT;
		kg_buf_printf(&path, "%s/%s", dir, names.items[i]);
		struct stat st;
		if (stat(path.data, &st) == 0 && S_ISDIR(st.st_mode)) {
			hash_tree(b, path.data, base, h, depth + 1);
		} else {
			uint64_t parts[3] = {*h, kg_hash64(path.data + base, path.len - base, 0),
			                     build_file_hash(b, path.data)};
			*h = kg_hash64(parts, sizeof(parts), 3);
		}
		kg_buf_release(&path);
		free(names.items[i]);
	}
	kg_array_release(&names);
}

/* Everything every page depends on: kitgen itself, kit.yaml, templates and
 * assets, each language's UI catalog, and which static files exist. */
static uint64_t global_key(build *b)
{
	site *s = &b->site;
	uint64_t h = kg_hash64(KITGEN_VERSION, strlen(KITGEN_VERSION), 4);
	/* The binary itself, so that a rebuilt kitgen of the same version does
	 * not reuse what an older one rendered (read only when it changed). */
	const char *exe = "/proc/self/exe"; /* the running binary: the same all session long */
	uint64_t self[2] = {h, b->trusted ? cache_file_hash_unchanged(b->cache, exe)
	                                  : cache_file_hash(b->cache, exe)};
	h = kg_hash64(self, sizeof(self), 4);
	char *yaml = build_kit_path(b, "kit.yaml");
	uint64_t parts[2] = {h, build_file_hash(b, yaml)};
	h = kg_hash64(parts, sizeof(parts), 5);
	free(yaml);
	char *templates = build_kit_path(b, "templates");
	hash_tree(b, templates, strlen(templates) + 1, &h, 0);
	free(templates);
	for (size_t i = 0; i < s->lang_count; i++) {
		kg_buf rel = KG_BUF_INIT;
		kg_buf_printf(&rel, "locales/%s/ui.po", s->langs[i].lang->tag);
		char *path = build_kit_path(b, rel.data);
		uint64_t more[2] = {h, build_file_hash(b, path)};
		h = kg_hash64(more, sizeof(more), 6);
		free(path);
		kg_buf_release(&rel);
	}
	for (size_t i = 0; i < s->kit.file_count; i++) {
		const char *out = s->kit.files[i].out_path;
		uint64_t more[2] = {h, kg_hash64(out, strlen(out), 7)};
		h = kg_hash64(more, sizeof(more), 7);
	}
	return h;
}

double build_now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void build_phase(build *b, const char *name)
{
	kg_build_report *r = b->report;
	if (!r)
		return;
	double t = build_now_seconds();
	if (r->phase_count < KG_BUILD_MAX_PHASES)
		r->phases[r->phase_count++] = (kg_build_phase){name, t - b->phase_started};
	b->phase_started = t;
}

int build_open(build *b, const kg_build_options *options, kg_build_report *report, kg_diags *diags)
{
	memset(b, 0, sizeof(*b));
	site *s = &b->site;
	b->report = report;
	b->phase_started = build_now_seconds();
	b->options = options;
	s->diags = diags;
	s->test_handout_rasters = options->test_handout_rasters;
	s->test_handout_rasters_pages = options->test_handout_rasters_pages;
	s->sitemap_max_urls = options->test_sitemap_max_urls > 0 ? (size_t)options->test_sitemap_max_urls : 0;
	atomic_init(&b->pages_written, 0);
	atomic_init(&s->failed, 0);
	s->search_spool = -1;
	atomic_init(&s->search_spool_end, 0);
	int jobs = options->jobs > 0 ? options->jobs : kg_pool_cores();
	/* A preview server's rebuild takes from the last build what the
	 * watcher says is unchanged: parsed pages here, file hashes below. */
	b->session = options->session;
	if (b->session) {
		if (!b->session->dates)
			b->session->dates = kg_date_formatter_new();
		s->dates = b->session->dates;
	} else {
		s->dates = b->own_dates = kg_date_formatter_new();
	}
	int trusted = b->session && session_begin(b->session);
	if (trusted) {
		kg_buf yaml = KG_BUF_INIT;
		kg_buf_printf(&yaml, "%s/kit.yaml", options->kit_dir);
		trusted = file_unchanged(b, yaml.data); /* it says how pages are read */
		kg_buf_release(&yaml);
	}
	kg_kit_reuse reuse = {b->session ? &b->session->kit : NULL, file_unchanged, b};
	int krc =
	    kg_kit_reload(&s->kit, options->kit_dir, trusted && reuse.previous->dir ? &reuse : NULL, diags);
	if (b->session)
		kg_kit_free(&b->session->kit);
	if (krc < 0)
		return -1;
	/* The built-in theme with the kit's overrides: every page template
	 * exists (the theme has them all). */
	if (kg_theme_load(&b->theme, options->kit_dir, diags) < 0 ||
	    kg_templates_load_theme(&s->templates, &b->theme, diags) < 0)
		return -1;
	/* Every name a template uses must be one the build gives it. */
	b->schema = site_schema_new(&s->kit.config);
	if (kg_templates_check_names(s->templates, b->schema, diags) < 0)
		return -1;
	if (options->test_check_values)
		s->check_values = b->schema;
	const kg_config *cfg = &s->kit.config;
	if (cfg->organization.logo)
		s->logo_path = build_kit_path(b, cfg->organization.logo);
	s->source = kg_config_language(cfg, cfg->source_language);
	s->lang_count = cfg->language_count;
	s->langs = kg_calloc(s->lang_count, sizeof(*s->langs));
	for (size_t i = 0; i < s->lang_count; i++) {
		lang_state *ls = &s->langs[i];
		ls->lang = &cfg->languages[i];
		ls->is_source = ls->lang == s->source;
		ls->pages = kg_calloc(s->kit.page_count, sizeof(*ls->pages));
		load_ui_catalog(b, ls);
		load_reviews(b, ls);
		kg_glossary_init(&ls->glossary);
		site_lang_values_init(s, ls);
	}
	size_t n = s->kit.page_count ? s->kit.page_count : 1;
	b->units = kg_calloc(n, sizeof(*b->units));
	b->units_locks = kg_calloc(n, sizeof(*b->units_locks));
	b->units_ready = kg_calloc(n, sizeof(*b->units_ready));
	b->page_hashes = kg_calloc(n, sizeof(*b->page_hashes));
	for (size_t p = 0; p < s->kit.page_count; p++)
		pthread_mutex_init(&b->units_locks[p], NULL);
	kg_buf cache_path = KG_BUF_INIT;
	kg_buf_printf(&cache_path, "%s/.%s.kitgen-cache", s->kit.dir, cfg->output_dir);
	b->cache_path = kg_buf_detach(&cache_path, NULL);
	build_phase(b, "load kit");
	/* The session's copy is the file on disk, already read. */
	build_cache *kept = b->session ? session_take_cache(b->session, b->cache_path) : NULL;
	if (kept && !options->clean) {
		b->cache = kept;
		b->trusted = trusted;
	} else {
		cache_free(kept);
		b->cache =
		    cache_load(options->clean ? "/nonexistent/kitgen-cache" : b->cache_path, KITGEN_VERSION);
	}
	build_phase(b, "load cache");
	for (size_t i = 0; i < s->lang_count; i++)
		load_glossary(b, &s->langs[i]); /* its hash goes through the cache */
	s->global_key = global_key(b);
	if (read_svgs(b) < 0)
		return -1;
	kg_pool_run(jobs, s->kit.page_count, hash_task, b, NULL);
	build_phase(b, "hash sources");
	build_measure(b, jobs);
	build_phase(b, "measure");
	build_nav_keys(b);
	build_phase(b, "navigation");
	return atomic_load(&s->failed) || diags->errors ? -1 : 0;
}

void build_release(build *b)
{
	site *s = &b->site;
	kg_date_formatter_free(b->own_dates);
	b->own_dates = NULL;
	if (!s->langs && !s->kit.dir && !s->templates)
		return;
	site_search_spool_close(s);
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
			free(ps->verdicts);
		}
		free(ls->pages);
		site_lang_values_release(ls);
		kg_catalog_free(ls->ui);
		kg_plural_free(ls->plural);
		kg_reviews_release(&ls->reviews);
		kg_glossary_release(&ls->glossary);
	}
	free(s->langs);
	for (size_t p = 0; b->units && p < s->kit.page_count; p++) {
		kg_page_units_release(&b->units[p]);
		pthread_mutex_destroy(&b->units_locks[p]);
	}
	free(b->units);
	free(b->units_locks);
	free(b->units_ready);
	free(b->page_hashes);
	free(s->page_nav);
	free(s->neighbour_order);
	free(s->neighbour_pos);
	cache_free(b->cache);
	kg_templates_free(s->templates);
	kg_theme_release(&b->theme);
	free(s->logo_path);
	for (size_t i = 0; s->svgs && i < s->kit.file_count; i++)
		kg_svg_free(s->svgs[i]);
	free(s->svgs);
	for (size_t p = 0; s->page_svgs && p < s->kit.page_count; p++)
		free(s->page_svgs[p].files);
	free(s->page_svgs);
	kg_tpl_schema_free(b->schema);
	/* After a successful build, the session takes the kit and reads the
	 * cache back (it was just written, under the lock on out/). */
	if (b->session && b->keep_for_session)
		session_keep(b->session, &s->kit, b->cache_path);
	kg_kit_free(&s->kit);
	free(b->cache_path);
}
