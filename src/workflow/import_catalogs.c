/* import_catalogs.c: the kit catalogs an import may change (see
 * import_catalogs.h), shared by the XLIFF and the PO import so that both
 * open the same paths, apply the same checks and write the same way. Owns
 * the catalogs it reads and the page units it computes. */
#include "workflow/import_catalogs.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/i18n/segment.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void import_catalogs_init(import_catalogs *ic, const char *kit_dir, const kg_kit *kit, kg_diags *diags)
{
	memset(ic, 0, sizeof(*ic));
	ic->kit_dir = kit_dir;
	ic->kit = kit;
	ic->diags = diags;
}

void import_catalogs_release(import_catalogs *ic)
{
	for (size_t i = 0; i < ic->count; i++) {
		free(ic->items[i].original);
		kg_catalog_free(ic->items[i].cat);
		kg_buf_release(&ic->items[i].before);
		if (ic->items[i].units_computed)
			kg_page_units_release(&ic->items[i].units);
	}
	free(ic->items);
	ic->items = NULL;
	ic->count = ic->cap = 0;
}

/* The kit path of catalog `page` of lang (page_count: ui.po). */
static void catalog_path(const kg_kit *kit, size_t page, const char *lang, kg_buf *out)
{
	kg_buf_reset(out);
	if (page < kit->page_count)
		kg_catalog_path_for(&kit->pages[page], lang, out);
	else
		kg_buf_printf(out, "locales/%s/ui.po", lang);
}

/* Whether original is a catalog path of the kit; sets *page. Only such
 * paths are ever opened, so a document cannot name other files. */
static int kit_has_catalog(const kg_kit *kit, const char *original, size_t *page)
{
	int found = 0;
	kg_buf rel = KG_BUF_INIT;
	for (size_t l = 0; l < kit->config.language_count && !found; l++) {
		const char *tag = kit->config.languages[l].tag;
		if (!strcmp(tag, kit->config.source_language))
			continue;
		for (size_t i = 0; i <= kit->page_count && !found; i++) {
			catalog_path(kit, i, tag, &rel);
			found = !strcmp(rel.data, original);
			*page = i;
		}
	}
	kg_buf_release(&rel);
	return found;
}

static import_catalog *find_loaded(import_catalogs *ic, const char *original)
{
	for (size_t i = 0; i < ic->count; i++)
		if (!strcmp(ic->items[i].original, original))
			return &ic->items[i];
	return NULL;
}

/* Reads the catalog at a known kit path; the item stays (with a NULL
 * catalog) when it is missing or unreadable. */
static import_catalog *load(import_catalogs *ic, const char *original, size_t page)
{
	import_catalog *item = kg_array_add(ic);
	memset(item, 0, sizeof(*item));
	item->original = kg_strdup(original);
	item->page = page;
	kg_buf_init(&item->before);
	kg_buf path = KG_BUF_INIT;
	kg_buf_printf(&path, "%s/%s", ic->kit_dir, original);
	struct stat st;
	if (stat(path.data, &st) == 0 && kg_po_read_file(&item->cat, path.data, original, ic->diags) == 0)
		kg_po_write(item->cat, &item->before);
	kg_buf_release(&path);
	return item;
}

kg_catalog *import_catalogs_get(import_catalogs *ic, const char *original)
{
	import_catalog *found = find_loaded(ic, original);
	if (found)
		return found->cat;
	size_t page = 0;
	if (!kit_has_catalog(ic->kit, original, &page))
		return NULL;
	return load(ic, original, page)->cat;
}

int import_catalogs_load_language(import_catalogs *ic, const char *lang)
{
	kg_buf rel = KG_BUF_INIT;
	int rc = 0;
	for (size_t i = 0; i <= ic->kit->page_count; i++) {
		catalog_path(ic->kit, i, lang, &rel);
		import_catalog *item = find_loaded(ic, rel.data);
		if (!item)
			item = load(ic, rel.data, i);
		if (!item->cat) {
			kg_error(ic->diags, rel.data, 0, 0,
			         "missing or unreadable catalog; run 'kitgen update' first");
			rc = -1;
		}
	}
	kg_buf_release(&rel);
	return rc;
}

/* A page's title and summary are plain text, its other units inline
 * Markdown, as the build decides (i18n/localize.c); ui.po strings are
 * plain text with {name} placeholders, plural forms checked against
 * msgid_plural, as build/load.c does. */
int import_catalogs_check(import_catalogs *ic, const char *original, const kg_po_entry *e, size_t form,
                          const char *text, kg_buf *why)
{
	import_catalog *item = find_loaded(ic, original);
	if (!item || item->page >= ic->kit->page_count) {
		const char *source = form == 0 || !e->msgid_plural ? e->msgid : e->msgid_plural;
		return kg_check_translation(source, text, 0, why);
	}
	if (!item->units_computed) {
		kg_page_units_compute(&ic->kit->pages[item->page], ic->kit->config.source_language,
		                      &item->units);
		item->units_computed = 1;
	}
	/* The unit's facts, found as the build finds them; an entry no longer
	 * on the page gets the stricter reading, as Markdown. */
	for (size_t i = 0; i < item->units.unit_count; i++)
		if (!strcmp(item->units.unit_texts[i], e->msgid))
			return kg_check_against(item->units.unit_facts[i], text, why);
	return kg_check_translation(e->msgid, text, 1, why);
}

int import_catalogs_write(import_catalogs *ic, size_t *written)
{
	kg_buf after = KG_BUF_INIT, path = KG_BUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < ic->count; i++) {
		import_catalog *item = &ic->items[i];
		if (!item->cat)
			continue;
		kg_buf_reset(&after);
		kg_po_write(item->cat, &after);
		if (after.len == item->before.len && !memcmp(after.data, item->before.data, after.len))
			continue; /* unchanged: the translator's file stays as it is */
		kg_buf_reset(&path);
		kg_buf_printf(&path, "%s/%s", ic->kit_dir, item->original);
		if (kg_po_write_file(item->cat, path.data, ic->diags) < 0)
			rc = -1;
		else
			(*written)++;
	}
	kg_buf_release(&after);
	kg_buf_release(&path);
	return rc;
}
