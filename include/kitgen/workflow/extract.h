/* extract.h: the catalog workflow — POT files from the kit (extract),
 * PO catalogs kept in step with them (update). The kit-level calls own
 * the kit and catalogs they load for the length of the call; the page
 * and templates given to the others are borrowed.
 *
 * Extraction uses the same segment walk as the build, so a POT and the
 * pages can never disagree. Files are written only when their bytes change,
 * and a POT's POT-Creation-Date moves only when its messages change, so
 * re-running on unchanged content leaves every file byte-identical.
 */
#ifndef KITGEN_EXTRACT_H
#define KITGEN_EXTRACT_H

#include "kitgen/catalog/catalog.h"
#include "kitgen/base/diag.h"
#include "kitgen/kit/kit.h"
#include "kitgen/template/template.h"

typedef struct kg_file_counts {
	size_t written; /* created or changed */
	size_t unchanged;
} kg_file_counts;

/* The POT of one page: title, summary and every unit, with "#. type:"
 * comments and "#: content/FILE.md:LINE" references. Caller frees with
 * kg_catalog_free(). */
kg_catalog *kg_extract_page(const kg_page *page, const char *kit_title);
/* The header every POT of the kit gets (no creation date yet). */
void kg_extract_pot_header(kg_catalog *cat, const char *kit_title);
/* Adds to cat the text of every SVG image the page shows (images/
 * svg_text.h): msgctxt "images/x.svg#id", a "#." comment with the room a
 * label has, "#: content/images/x.svg:LINE". Returns 0, or -1 with errors
 * when an image is refused (script, outside references, malformed...). */
int kg_extract_page_images(const kg_kit *kit, const kg_page *page, kg_catalog *cat, kg_diags *diags);
/* ui.pot: every t/tc/tn call of the templates, and kitgen's own labels.
 * Caller frees with kg_catalog_free(). */
kg_catalog *kg_extract_ui(const kg_templates *templates, const kg_config *cfg);

/* Writes locales/pot/ for the kit in kit_dir. now: the time for a changed
 * POT-Creation-Date ("2026-11-29 14:50+0000"). */
int kg_extract_kit(const char *kit_dir, const char *now, kg_file_counts *counts, kg_diags *diags);

/* Merges every POT into locales/<lang>/ for each language but the source
 * (or only `only_lang`), creating missing catalogs with the right headers. */
typedef struct kg_update_counts {
	kg_file_counts files;
	size_t created;
	size_t fuzzy;    /* entries made fuzzy by changed source text */
	size_t obsolete; /* entries moved to obsolete */
	size_t memory;   /* new or changed entries filled from another page (fuzzy) */
} kg_update_counts;
int kg_update_kit(const char *kit_dir, const char *only_lang, const char *now, kg_update_counts *counts,
                  kg_diags *diags);
/* The same; memory 0 turns the translation memory off (catalog/memory.h:
 * new and changed units filled, fuzzy, from identical English translated in
 * another page of the same language, read before this update). */
int kg_update_kit_memory(const char *kit_dir, const char *only_lang, const char *now, int memory,
                         kg_update_counts *counts, kg_diags *diags);

/* Catalogs whose page no longer exists (orphans), after a page was
 * removed or moved by hand: each is reported; with prune, a language's
 * orphan moves to locales/<lang>/.orphaned/<path>.po (never deleted) and a
 * stale POT is removed. An orphan whose English is at least 80 % that of
 * a page without translations is not pruned: the page is named with the
 * `kitgen mv --after` that carries the translations over. Files under
 * locales/<lang>/ that are no page's catalog (a glossary.po: no POT of
 * the same path and no `#: content/` reference) are left alone. */
typedef struct kg_orphan_counts {
	size_t orphans;           /* languages' catalogs of pages that are gone (not matched) */
	size_t pruned;            /* of those, moved to .orphaned/ */
	size_t templates_removed; /* stale POT files removed */
	size_t matches;           /* pages that look like an orphaned page, moved by hand */
	size_t kept;              /* catalogs kept for those */
} kg_orphan_counts;
int kg_update_orphans(const char *kit_dir, const char *only_lang, int prune, kg_orphan_counts *counts,
                      kg_diags *diags);

/* A time (seconds since 1970, UTC) in PO header form ("2026-11-29 14:50+0000"). */
void kg_po_timestamp(long long seconds, kg_buf *out);

#endif
