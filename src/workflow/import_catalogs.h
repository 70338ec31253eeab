/* import_catalogs.h: the catalogs of a kit that an import (XLIFF or PO)
 * may change — internal to workflow/. Catalogs are read on first use, only
 * from paths that are a catalog of the kit, checked with the build's
 * safety checks and written back only when their bytes changed. Owns the
 * catalogs it reads and the page units it computes; borrows the kit. */
#ifndef KITGEN_WORKFLOW_IMPORT_CATALOGS_H
#define KITGEN_WORKFLOW_IMPORT_CATALOGS_H

#include "kitgen/base/buf.h"
#include "kitgen/base/diag.h"
#include "kitgen/catalog/catalog.h"
#include "kitgen/i18n/localize.h"
#include "kitgen/kit/kit.h"

/* One catalog an import touched. */
typedef struct import_catalog {
	char *original;      /* its kit path, "locales/vi/ui.po" */
	kg_catalog *cat;     /* NULL when it could not be read */
	kg_buf before;       /* kg_po_write() output when read */
	size_t page;         /* index in kit->pages; page_count for ui.po */
	kg_page_units units; /* the page's units, computed for the first check */
	int units_computed;
} import_catalog;

typedef struct import_catalogs {
	const char *kit_dir;
	const kg_kit *kit;
	kg_diags *diags;
	import_catalog *items;
	size_t count, cap;
} import_catalogs;

void import_catalogs_init(import_catalogs *ic, const char *kit_dir, const kg_kit *kit, kg_diags *diags);
/* Frees every catalog read and the page units. */
void import_catalogs_release(import_catalogs *ic);

/* The catalog at kit path original (borrowed until release), read on
 * first use; NULL when original is not a catalog of the kit (only
 * locales/<lang>/<page>.po and locales/<lang>/ui.po of a configured
 * language other than the source) or cannot be read. */
kg_catalog *import_catalogs_get(import_catalogs *ic, const char *original);

/* Reads every catalog of lang (each page's, then ui.po). Returns 0, or -1
 * when one is missing or unreadable (with an error). */
int import_catalogs_load_language(import_catalogs *ic, const char *lang);

/* The build's check of text as msgstr[form] of e in the catalog
 * original, with the build's choice of plain text or inline Markdown.
 * Returns 0, or -1 with the reason appended to why. */
int import_catalogs_check(import_catalogs *ic, const char *original, const kg_po_entry *e, size_t form,
                          const char *text, kg_buf *why);

/* Writes every catalog whose kg_po_write() bytes changed; adds to
 * *written. Returns 0, or -1 when a write failed. */
int import_catalogs_write(import_catalogs *ic, size_t *written);

#endif
