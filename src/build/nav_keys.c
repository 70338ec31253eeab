/* nav_keys.c: what each page's HTML shows of the other pages, as one key
 * per page, so that an incremental build re-renders only the pages that
 * show what changed; and the previous/next order those links follow. Fills
 * the site's neighbour order and page_nav; owns nothing else. */
#include "build/build_internal.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/hash.h"
#include "kitgen/base/sort.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void mix(uint64_t *h, const void *data, size_t len)
{
	uint64_t parts[2] = {*h, kg_hash64(data, len, 8)};
	*h = kg_hash64(parts, sizeof(parts), 9);
}

static void mix_str(uint64_t *h, const char *s) { mix(h, s ? s : "\x01", s ? strlen(s) + 1 : 1); }

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

/* Every page that is not a section page, in (section, order, path) order,
 * which is the order of previous/next links. Language-independent, so
 * computed once. */
static void compute_sections(build *b)
{
	site *s = &b->site;
	size_t n = s->kit.page_count;
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
static void compute_nav_keys(build *b)
{
	site *s = &b->site;
	size_t n = s->kit.page_count, nn = n ? n : 1;
	uint64_t structure = 11;
	uint64_t *self = kg_calloc(nn, sizeof(uint64_t));
	uint64_t *listed = kg_calloc(nn, sizeof(uint64_t));
	/* per language and page: what a link to the page shows (see mix_link),
	 * hashed once, since a page appears in its neighbours' keys too */
	uint64_t *link = kg_calloc(nn * (s->lang_count ? s->lang_count : 1), sizeof(uint64_t));
	for (size_t p = 0; p < n; p++) {
		const kg_page *page = &s->kit.pages[p];
		uint64_t path_hash = kg_hash64(page->rel_path, strlen(page->rel_path), 8);
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
			uint64_t title = ps->title ? kg_hash64(ps->title, strlen(ps->title), 8) : 1;
			uint64_t parts[3] = {path_hash, title, (uint64_t)ps->title_fallback};
			link[l * n + p] = kg_hash64(parts, sizeof(parts), 10);
			mix(&h, &title, sizeof(title));
			mix_str(&h, ps->summary);
			long flags[6] = {ps->published,          ps->title_fallback,
			                 ps->summary_fallback,   ps->coverage.untranslated > 0,
			                 ps->coverage.fuzzy > 0, ps->coverage.refused > 0};
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

void build_nav_keys(build *b)
{
	site *s = &b->site;
	size_t n = s->kit.page_count ? s->kit.page_count : 1;
	s->page_nav = kg_calloc(n, sizeof(uint64_t));
	compute_sections(b);
	compute_nav_keys(b);
}
