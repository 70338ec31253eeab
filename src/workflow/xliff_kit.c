/* xliff_kit.c: `kitgen xliff export` and `import` over a whole kit (see
 * xliff_kit.h): which catalogs a language has, in page order, and which
 * catalog a <file original="..."> may name. The documents themselves are
 * catalog/xliff.c, the catalogs an import may change
 * workflow/import_catalogs.c. Owns the kit and catalogs it loads for one
 * call. */
#include "kitgen/workflow/xliff_kit.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/i18n/glossary.h"
#include "kitgen/i18n/localize.h"
#include "kitgen/kit/kit.h"
#include "workflow/distribute.h"
#include "workflow/import_catalogs.h"

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

/* kg_xliff_glossary_fn over the language's glossary: its enforced terms
 * (i18n/glossary.h) that the unit's English contains, with the term's
 * note from glossary.yaml as the definition. */
static size_t glossary_terms(void *ud, const char *source, kg_xliff_gloss *out, size_t max)
{
	const kg_glossary *g = ud;
	size_t n = 0;
	for (size_t i = 0; i < g->count && n < max; i++) {
		const kg_glossary_term *t = &g->terms[i];
		if (!t->approved || !kg_glossary_term_in(t, source))
			continue;
		out[n++] = (kg_xliff_gloss){t->source, t->approved, t->definition};
	}
	return n;
}

int kg_xliff_export_kit(const char *kit_dir, const char *lang, kg_xliff_version version, kg_buf *out,
                        kg_diags *diags)
{
	kg_glossary glossary;
	kg_glossary_init(&glossary);
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
	kg_buf glossary_rel = KG_BUF_INIT;
	kg_buf_printf(&glossary_rel, "locales/%s/%s.po", lang, KG_GLOSSARY_NAME);
	char *glossary_path = join(kit_dir, glossary_rel.data);
	if (kg_glossary_read(&glossary, glossary_path, glossary_rel.data, diags) < 0)
		missing = 1;
	free(glossary_path);
	kg_buf_release(&glossary_rel);
	if (!missing)
		rc = kg_xliff_write_glossary(out, version, kit.config.source_language, lang, cats, count,
		                             glossary.count ? glossary_terms : NULL, &glossary, diags);
out:
	kg_glossary_release(&glossary);
	for (size_t i = 0; i < count; i++) {
		free((char *)cats[i].original);
		kg_catalog_free(cats[i].cat);
	}
	free(cats);
	kg_kit_free(&kit);
	return rc;
}

/* An import's state: the kit's catalogs, and the files of the document
 * that are no catalog but one whole language (po2xliff), collected as
 * entries to be distributed afterwards. */
typedef struct kit_import {
	import_catalogs catalogs;
	const char *lang; /* --lang, or NULL */
	const char *display;
	kg_catalog **collected;
	char **collected_langs;
	size_t collected_count;
} kit_import;

static kg_catalog *kit_resolve(void *ud, const char *original)
{
	kit_import *ki = ud;
	return import_catalogs_get(&ki->catalogs, original);
}

static int kit_check(void *ud, const char *original, const kg_po_entry *e, size_t form, const char *text,
                     kg_buf *why)
{
	kit_import *ki = ud;
	return import_catalogs_check(&ki->catalogs, original, e, form, text, why);
}

/* A file that is no catalog is taken as one whole language when the
 * language is known (--lang, or the document's target language) and is a
 * translated language of the kit; the two must agree. */
static kg_catalog *kit_collect(void *ud, const char *original, const char *target_lang)
{
	kit_import *ki = ud;
	const kg_kit *kit = ki->catalogs.kit;
	const char *lang = ki->lang ? ki->lang : target_lang;
	if (!lang || (ki->lang && target_lang && strcmp(ki->lang, target_lang)) ||
	    !kg_config_language(&kit->config, lang) || !strcmp(lang, kit->config.source_language))
		return NULL;
	kg_catalog *cat = kg_catalog_new();
	ki->collected = kg_realloc(ki->collected, (ki->collected_count + 1) * sizeof(*ki->collected));
	ki->collected_langs =
	    kg_realloc(ki->collected_langs, (ki->collected_count + 1) * sizeof(*ki->collected_langs));
	ki->collected[ki->collected_count] = cat;
	ki->collected_langs[ki->collected_count++] = kg_strdup(lang);
	return cat;
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

int kg_xliff_import_kit(const char *kit_dir, const char *path, const char *display_path, const char *lang,
                        kg_xliff_counts *counts, kg_diags *diags)
{
	kg_kit kit;
	kit_import ki = {.lang = lang, .display = display_path};
	kg_buf data = KG_BUF_INIT;
	int rc = -1;
	memset(counts, 0, sizeof(*counts));
	memset(&kit, 0, sizeof(kit));
	import_catalogs_init(&ki.catalogs, kit_dir, &kit, diags);
	if (kg_kit_load(&kit, kit_dir, diags) < 0)
		goto out;
	if (lang && (!kg_config_language(&kit.config, lang) || !strcmp(lang, kit.config.source_language))) {
		kg_error(diags, "kit.yaml", 0, 0, "'%s' is not a translated language of this kit", lang);
		goto out;
	}
	if (read_bounded(path, display_path, &data, diags) < 0)
		goto out;
	kg_xliff_hooks hooks = {kit_resolve, kit_check, &ki, kit_collect};
	if (kg_xliff_import_mem(data.data, data.len, display_path, &hooks, counts, diags) < 0)
		goto out;
	for (size_t i = 0; i < ki.collected_count; i++) {
		if (import_catalogs_load_language(&ki.catalogs, ki.collected_langs[i]) < 0)
			goto out;
		distribute_entries(&ki.catalogs, ki.collected[i], display_path, 1, counts, diags);
	}
	rc = import_catalogs_write(&ki.catalogs, &counts->written);
out:
	for (size_t i = 0; i < ki.collected_count; i++) {
		kg_catalog_free(ki.collected[i]);
		free(ki.collected_langs[i]);
	}
	free(ki.collected);
	free(ki.collected_langs);
	import_catalogs_release(&ki.catalogs);
	kg_buf_release(&data);
	kg_kit_free(&kit);
	return rc;
}
