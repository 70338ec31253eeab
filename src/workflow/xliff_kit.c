/* xliff_kit.c: `kitgen xliff export` and `import` over a whole kit (see
 * xliff_kit.h): which catalogs a language has, in page order, and which
 * catalog a <file original="..."> may name. The documents themselves are
 * catalog/xliff.c. Owns the kit and catalogs it loads for one call. */
#include "kitgen/workflow/xliff_kit.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/i18n/localize.h"
#include "kitgen/i18n/segment.h"
#include "kitgen/kit/kit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- the kit ---- */

static char *join(const char *a, const char *b)
{
	kg_buf p = KG_BUF_INIT;
	kg_buf_printf(&p, "%s/%s", a, b);
	return kg_buf_detach(&p, NULL);
}

static void ui_path(const char *lang, kg_buf *out) { kg_buf_printf(out, "locales/%s/ui.po", lang); }

int kg_xliff_export_kit(const char *kit_dir, const char *lang, kg_xliff_version version, kg_buf *out,
                        kg_diags *diags)
{
	kg_kit kit;
	int rc = -1;
	kg_xliff_catalog *cats = NULL;
	size_t count = 0;
	if (kg_kit_load(&kit, kit_dir, diags) < 0)
		goto out;
	if (!kg_config_language(&kit.config, lang)) {
		kg_error(diags, "kit.yaml", 0, 0, "language '%s' is not configured in kit.yaml", lang);
		goto out;
	}
	if (!strcmp(lang, kit.config.source_language)) {
		kg_error(diags, "kit.yaml", 0, 0,
		         "'%s' is the source language; it has no catalogs to translate", lang);
		goto out;
	}
	cats = kg_calloc(kit.page_count + 1, sizeof(*cats));
	int missing = 0;
	for (size_t i = 0; i <= kit.page_count; i++) {
		kg_buf rel = KG_BUF_INIT;
		if (i < kit.page_count)
			kg_catalog_path_for(&kit.pages[i], lang, &rel);
		else
			ui_path(lang, &rel);
		char *path = join(kit_dir, rel.data);
		struct stat st;
		kg_catalog *cat = NULL;
		if (stat(path, &st) != 0) {
			kg_error(diags, rel.data, 0, 0, "missing catalog; run 'kitgen update' first");
			missing = 1;
		} else if (kg_po_read_file(&cat, path, rel.data, diags) < 0) {
			missing = 1;
		}
		free(path);
		if (cat) {
			cats[count].original = kg_buf_detach(&rel, NULL);
			cats[count++].cat = cat;
		}
		kg_buf_release(&rel);
	}
	if (!missing)
		rc = kg_xliff_write(out, version, kit.config.source_language, lang, cats, count, diags);
out:
	for (size_t i = 0; i < count; i++) {
		free((char *)cats[i].original);
		kg_catalog_free(cats[i].cat);
	}
	free(cats);
	kg_kit_free(&kit);
	return rc;
}

/* The catalogs an import touches, read on first use. */
typedef struct loaded_catalog {
	char *original;
	kg_catalog *cat;     /* NULL when it could not be read */
	kg_buf before;       /* kg_po_write() output when read */
	size_t page;         /* index in kit->pages; page_count for ui.po */
	kg_page_units units; /* the page's units, computed for the first check */
	int units_computed;
} loaded_catalog;

typedef struct kit_importer {
	const char *kit_dir;
	kg_kit *kit;
	kg_diags *diags;
	loaded_catalog *items;
	size_t count, cap;
} kit_importer;

/* Whether original is a catalog path of the kit: locales/<lang>/<page>.po
 * or locales/<lang>/ui.po for a configured language other than the source.
 * Only such paths are ever opened, so a document cannot name other files.
 * Sets *page to the page's index (page_count for ui.po). */
static int kit_has_catalog(const kg_kit *kit, const char *original, size_t *page)
{
	int found = 0;
	kg_buf rel = KG_BUF_INIT;
	for (size_t l = 0; l < kit->config.language_count && !found; l++) {
		const char *tag = kit->config.languages[l].tag;
		if (!strcmp(tag, kit->config.source_language))
			continue;
		for (size_t i = 0; i <= kit->page_count && !found; i++) {
			kg_buf_reset(&rel);
			if (i < kit->page_count)
				kg_catalog_path_for(&kit->pages[i], tag, &rel);
			else
				ui_path(tag, &rel);
			found = !strcmp(rel.data, original);
			*page = i;
		}
	}
	kg_buf_release(&rel);
	return found;
}

static loaded_catalog *find_loaded(kit_importer *ki, const char *original)
{
	for (size_t i = 0; i < ki->count; i++)
		if (!strcmp(ki->items[i].original, original))
			return &ki->items[i];
	return NULL;
}

static kg_catalog *kit_resolve(void *ud, const char *original)
{
	kit_importer *ki = ud;
	loaded_catalog *found = find_loaded(ki, original);
	if (found)
		return found->cat;
	size_t page = 0;
	if (!kit_has_catalog(ki->kit, original, &page))
		return NULL;
	loaded_catalog *item = kg_array_add(ki);
	memset(item, 0, sizeof(*item));
	item->original = kg_strdup(original);
	item->page = page;
	kg_buf_init(&item->before);
	char *path = join(ki->kit_dir, original);
	struct stat st;
	if (stat(path, &st) == 0 && kg_po_read_file(&item->cat, path, original, ki->diags) == 0)
		kg_po_write(item->cat, &item->before);
	free(path);
	return item->cat;
}

/* The build's check, with the build's choice of inline Markdown or plain
 * text: a page's title and summary are plain text, its other units inline
 * Markdown; ui.po strings are plain text with {name} placeholders, their
 * plural forms checked against msgid_plural. */
static int kit_check(void *ud, const char *original, const kg_po_entry *e, size_t form, const char *text,
                     kg_buf *why)
{
	kit_importer *ki = ud;
	loaded_catalog *item = find_loaded(ki, original);
	if (!item || item->page >= ki->kit->page_count) {
		const char *source = form == 0 || !e->msgid_plural ? e->msgid : e->msgid_plural;
		return kg_check_translation(source, text, 0, why);
	}
	if (!item->units_computed) {
		kg_page_units_compute(&ki->kit->pages[item->page], ki->kit->config.source_language,
		                      &item->units);
		item->units_computed = 1;
	}
	int markdown = 1; /* an entry no longer on the page: the stricter reading */
	for (size_t i = 0; i < item->units.unit_count; i++) {
		if (!strcmp(item->units.unit_texts[i], e->msgid)) {
			markdown = item->units.unit_kinds[i] != KG_SEG_TITLE &&
			           item->units.unit_kinds[i] != KG_SEG_SUMMARY;
			break;
		}
	}
	return kg_check_translation(e->msgid, text, markdown, why);
}

/* Reads at most KG_XLIFF_MAX_INPUT bytes; more is an error. */
static int read_bounded(const char *path, const char *display, kg_buf *out, kg_diags *diags)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		kg_error(diags, display, 0, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	char chunk[65536];
	size_t n;
	int rc = 0;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (out->len + n > KG_XLIFF_MAX_INPUT) {
			kg_error(diags, display, 0, 0, "document larger than %zu MiB; refused",
			         KG_XLIFF_MAX_INPUT >> 20);
			rc = -1;
			break;
		}
		kg_buf_add(out, chunk, n);
	}
	if (rc == 0 && ferror(f)) {
		kg_error(diags, display, 0, 0, "cannot read: %s", strerror(errno));
		rc = -1;
	}
	fclose(f);
	return rc;
}

int kg_xliff_import_kit(const char *kit_dir, const char *path, const char *display_path,
                        kg_xliff_counts *counts, kg_diags *diags)
{
	kg_kit kit;
	kit_importer ki = {kit_dir, &kit, diags, NULL, 0, 0};
	kg_buf data = KG_BUF_INIT, after = KG_BUF_INIT;
	int rc = -1;
	memset(counts, 0, sizeof(*counts));
	if (kg_kit_load(&kit, kit_dir, diags) < 0)
		goto out;
	if (read_bounded(path, display_path, &data, diags) < 0)
		goto out;
	kg_xliff_hooks hooks = {kit_resolve, kit_check, &ki};
	if (kg_xliff_import_mem(data.data, data.len, display_path, &hooks, counts, diags) < 0)
		goto out;
	rc = 0;
	for (size_t i = 0; i < ki.count; i++) {
		loaded_catalog *item = &ki.items[i];
		if (!item->cat)
			continue;
		kg_buf_reset(&after);
		kg_po_write(item->cat, &after);
		if (after.len == item->before.len && !memcmp(after.data, item->before.data, after.len))
			continue; /* unchanged: the translator's file stays as it is */
		char *file = join(kit_dir, item->original);
		if (kg_po_write_file(item->cat, file, diags) < 0)
			rc = -1;
		else
			counts->written++;
		free(file);
	}
out:
	for (size_t i = 0; i < ki.count; i++) {
		free(ki.items[i].original);
		kg_catalog_free(ki.items[i].cat);
		kg_buf_release(&ki.items[i].before);
		if (ki.items[i].units_computed)
			kg_page_units_release(&ki.items[i].units);
	}
	free(ki.items);
	kg_buf_release(&data);
	kg_buf_release(&after);
	kg_kit_free(&kit);
	return rc;
}
