/* fuzz_xliff.c: libFuzzer target for the XLIFF importer. Any bytes must
 * import (or be refused) without crashing into a small in-memory catalog;
 * whatever the import leaves must export, and that export must import
 * back without changing or keeping out anything. Built and run by the
 * KITGEN_FUZZ build (tests/fuzz/README.md); seeds in tests/fuzz/corpus/xliff/. */
#include "kitgen/catalog/xliff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char catalog_po[] =
    "msgid \"\"\nmsgstr \"\"\n\"Language: vi\\n\"\n"
    "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
    "\"Plural-Forms: nplurals=2; plural=n != 1;\\n\"\n\n"
    "#. type: heading 2\n#: content/a.md:3\nmsgid \"Stay calm\"\nmsgstr \"\"\n\n"
    "msgctxt \"menu\"\nmsgid \"Open\"\nmsgstr \"Mở\"\n\n"
    "#, fuzzy\nmsgid \"Call **911** & <b>\"\nmsgstr \"Gọi\"\n\n"
    "msgid \"{n} page\"\nmsgid_plural \"{n} pages\"\nmsgstr[0] \"\"\nmsgstr[1] \"\"\n";

static kg_catalog *resolve(void *ud, const char *original)
{
	return !strcmp(original, "locales/vi/a.po") ? ud : NULL;
}

static kg_catalog *collect(void *ud, const char *original, const char *target_lang) { return ud; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	kg_diags d;
	kg_diags_init(&d);
	kg_catalog *cat = NULL;
	if (kg_po_read_mem(&cat, catalog_po, sizeof(catalog_po) - 1, "a.po", &d) < 0)
		abort();
	kg_xliff_counts counts;
	kg_catalog *collected = kg_catalog_new(); /* units of files that are no catalog */
	kg_xliff_hooks hooks = {resolve, NULL, cat, NULL};
	kg_xliff_hooks collecting = {resolve, NULL, collected, collect};
	kg_xliff_import_mem((const char *)data, size, "fuzz.xlf", &collecting, &counts, &d);
	kg_catalog_free(collected);
	kg_xliff_catalog item = {"locales/vi/a.po", cat};
	kg_buf doc = KG_BUF_INIT;
	for (int version = 0; version < 2; version++) {
		kg_buf_reset(&doc);
		if (kg_xliff_write(&doc, version ? KG_XLIFF_1_2 : KG_XLIFF_2_0, "en", "vi", &item, 1, &d) < 0)
			abort();
		if (kg_xliff_import_mem(doc.data, doc.len, "again.xlf", &hooks, &counts, &d) < 0 ||
		    counts.updated || counts.kept_out)
			abort(); /* an export must import back as a no-op */
	}
	kg_buf_release(&doc);
	kg_catalog_free(cat);
	kg_diags_release(&d);
	return 0;
}
