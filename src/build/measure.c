/* measure.c: phase 1 of a build — every (page, language) catalog read and
 * checked, coverage measured, titles and summaries localized — on the
 * thread pool, or taken from the cache when nothing it depends on changed.
 * Fills the page states of the build's site; owns nothing else. */
#include "build/build_internal.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/hash.h"
#include "kitgen/base/pool.h"
#include "kitgen/images/svg_catalog.h"
#include "kitgen/locale/locale.h"

#include <stdlib.h>
#include <string.h>

/* Computed on first use: an incremental build needs them only for the
 * pages it localizes or renders again. */
const kg_page_units *build_page_units(build *b, size_t page_index)
{
	pthread_mutex_lock(&b->units_locks[page_index]);
	if (!b->units_ready[page_index]) {
		kg_page_units_compute(&b->site.kit.pages[page_index], b->site.source->tag,
		                      &b->units[page_index]);
		b->units_ready[page_index] = 1;
	}
	pthread_mutex_unlock(&b->units_locks[page_index]);
	return &b->units[page_index];
}

/* A catalog's Language header may be POSIX ("zh_TW") or BCP 47; either
 * must name the kit's language, or the file is probably in the wrong folder. */
static void check_language_header(const kg_catalog *po, const char *display, const char *tag, kg_diags *diags)
{
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

/* The page's review (page_state.review): current while its record's hash
 * is the catalog's and every unit is translated (the English may have
 * changed before `kitgen update` put it into the catalog), outdated when
 * either changed. Reads the catalog of a page phase 1 took from the cache,
 * only when the page has a record. */
static void decide_review(build *b, lang_state *ls, page_state *ps)
{
	if (ls->is_source)
		return;
	size_t skip = strlen("locales/") + strlen(ls->lang->tag) + 1;
	size_t len = strlen(ps->po_display);
	if (len < skip + 3)
		return;
	char *stem = kg_strndup(ps->po_display + skip, len - skip - 3); /* without ".po" */
	const kg_review *r = kg_reviews_find(&ls->reviews, stem);
	free(stem);
	if (!r || !r->hash_ok) /* a hash that does not parse was reported when REVIEWS was read */
		return;
	ps->review_date = r->date;
	ps->review = KG_REVIEW_OUTDATED;
	const kg_coverage *c = &ps->coverage;
	if (c->untranslated || c->fuzzy || c->refused)
		return;
	if (!ps->po) {
		char *path = build_kit_path(b, ps->po_display);
		kg_diags quiet; /* read without errors when the page was measured */
		kg_diags_init(&quiet);
		if (kg_po_read_file(&ps->po, path, ps->po_display, &quiet) < 0)
			ps->po = NULL;
		kg_diags_release(&quiet);
		free(path);
		if (!ps->po)
			return;
	}
	unsigned char hash[KG_REVIEW_HASH_SIZE];
	kg_review_hash(ps->po, hash);
	if (!memcmp(hash, r->hash, sizeof(hash)))
		ps->review = KG_REVIEW_CURRENT;
}

uint64_t build_page_out_key(const site *s, const page_state *ps, size_t page_index)
{
	/* The review line and the draft notice are on the page and its handouts. */
	uint64_t review = ps->review_date ? kg_hash64(ps->review_date, strlen(ps->review_date), 3) : 0;
	uint64_t parts[4] = {ps->key, s->page_nav[page_index], (uint64_t)ps->review, review};
	return kg_hash64(parts, sizeof(parts), 2);
}

/* A language kit.yaml marks reviewed must have every page reviewed:
 * checked, not trusted (a warning naming the pages; an error with
 * --strict). */
static void check_reviewed_languages(build *b)
{
	site *s = &b->site;
	for (size_t l = 0; l < s->lang_count; l++) {
		const lang_state *ls = &s->langs[l];
		if (ls->is_source || ls->lang->status != KG_STATUS_REVIEWED)
			continue;
		kg_buf names = KG_BUF_INIT;
		size_t count = 0;
		for (size_t p = 0; p < s->kit.page_count; p++) {
			const page_state *ps = &ls->pages[p];
			if (ps->review == KG_REVIEW_CURRENT)
				continue;
			if (count++ < 10)
				kg_buf_printf(&names, "%s%s%s", count > 1 ? ", " : "",
				              s->kit.pages[p].source_path + strlen("content/"),
				              ps->review == KG_REVIEW_OUTDATED ? " (review outdated)" : "");
		}
		if (count)
			kg_warning(s->diags, "kit.yaml", ls->lang->line, ls->lang->col,
			           "'%s' is marked reviewed but %zu %s no current native-speaker review "
			           "(kitgen review): %s%s",
			           ls->lang->tag, count, count == 1 ? "page has" : "pages have", names.data,
			           count > 10 ? ", ..." : "");
		kg_buf_release(&names);
	}
}

/* Every translation of the page's catalog against the language's
 * glossary (i18n/glossary.h): findings are warnings, cached with the
 * page's (its key has the glossary's hash). */
static void check_glossary(const lang_state *ls, const page_state *ps, kg_diags *local)
{
	if (!ps->po || !ls->glossary.count)
		return;
	for (size_t i = 0; i < kg_catalog_count(ps->po); i++) {
		const kg_po_entry *e = kg_catalog_at(ps->po, i);
		if (!e->msgid[0] || !kg_po_entry_is_translated(e))
			continue;
		for (size_t k = 0; k < e->msgstr_count; k++)
			kg_glossary_check(&ls->glossary, k && e->msgid_plural ? e->msgid_plural : e->msgid,
			                  e->msgstr[k], ps->po_display, e->line, local);
	}
}

static void measure_task(void *ctx, size_t index)
{
	build *b = ctx;
	site *s = &b->site;
	size_t lang_index = index / s->kit.page_count;
	size_t page_index = index % s->kit.page_count;
	lang_state *ls = &s->langs[lang_index];
	page_state *ps = &ls->pages[page_index];
	const kg_page *page = &s->kit.pages[page_index];
	kg_buf rel = KG_BUF_INIT;
	kg_catalog_path_for(page, ls->lang->tag, &rel);
	char *path = build_kit_path(b, rel.data);
	uint64_t po_hash = ls->is_source ? 0 : build_file_hash(b, path);
	uint64_t parts[5] = {s->global_key, b->page_hashes[page_index], po_hash,
	                     kg_hash64(ls->lang->tag, strlen(ls->lang->tag), 0), ls->glossary_hash};
	ps->key = kg_hash64(parts, sizeof(parts), 1);
	ps->po_hash = po_hash;
	ps->po_display = kg_buf_detach(&rel, NULL);
	const cache_page *old = b->options->clean
	                            ? NULL
	                            : cache_old_page_at(b->cache, ls->lang->tag, page->rel_path,
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
		decide_review(b, ls, ps);
		return;
	}
	kg_diags local;
	kg_diags_init(&local);
	if (!ls->is_source) {
		if (po_hash && kg_po_read_file(&ps->po, path, ps->po_display, &local) < 0)
			atomic_store(&s->failed, 1);
		check_language_header(ps->po, ps->po_display, ls->lang->tag, &local);
	}
	free(path);
	kg_localized loc;
	const kg_page_units *units = build_page_units(b, page_index);
	ps->verdicts = units->unit_count ? kg_malloc(units->unit_count) : NULL;
	kg_localize_measure(page, units, ps->po, ps->po_display, ls->is_source, ps->verdicts, &loc, &local);
	/* The text of the page's SVGs: checked and measured here, so the
	 * warnings are cached and replayed with the page's own. */
	const site_page_svgs *svgs = &s->page_svgs[page_index];
	kg_svg_language svg_lang = {ls->lang->tag, s->source->tag, ls->lang->rtl};
	for (size_t i = 0; ps->po && i < svgs->count; i++)
		kg_svg_check_catalog(s->svgs[svgs->files[i]], ps->po, ps->po_display, &svg_lang, &local);
	check_glossary(ls, ps, &local);
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
	decide_review(b, ls, ps);
	/* Phase 2 reads the catalog again (render_pages.c) instead of every
	 * catalog of the kit staying in memory from here to there: they were
	 * most of a build's heap, growing with the pages (heaptrack, corpus
	 * 200 x 8: 24 of 30 MB at the peak). */
	kg_catalog_free(ps->po);
	ps->po = NULL;
}

void build_measure(build *b, int jobs)
{
	site *s = &b->site;
	for (size_t i = 0; i < s->lang_count; i++)
		s->langs[i].cache_start =
		    cache_old_lang_start(b->cache, s->langs[i].lang->tag, &s->langs[i].cache_specials);
	kg_pool_run(jobs, s->lang_count * s->kit.page_count, measure_task, b, NULL);
	for (size_t i = 0; i < s->lang_count; i++) {
		lang_state *ls = &s->langs[i];
		for (size_t p = 0; p < s->kit.page_count; p++) {
			kg_coverage_add(&ls->total, &ls->pages[p].coverage);
			ls->published += ls->pages[p].published;
		}
	}
	check_reviewed_languages(b);
}
