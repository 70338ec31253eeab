/* xliff_kit.h: XLIFF export and import for a whole kit — the documents
 * are catalog/xliff.h; this decides which catalogs go in and which a
 * document may change. Each call loads and frees the kit and catalogs it
 * needs; the export is appended to the caller's kg_buf.
 */
#ifndef KITGEN_WORKFLOW_XLIFF_KIT_H
#define KITGEN_WORKFLOW_XLIFF_KIT_H

#include "kitgen/catalog/xliff.h"

/* The kit-level commands. kit_dir is the kit's folder.
 * Export: every page catalog and ui.po of lang, in page order, with
 * kit.yaml's source language; a missing catalog is an error. */
int kg_xliff_export_kit(const char *kit_dir, const char *lang, kg_xliff_version version, kg_buf *out,
                        kg_diags *diags);
/* Import: reads path (at most KG_XLIFF_MAX_INPUT bytes); a <file> may name
 * only a catalog of the kit (locales/<lang>/....po of a configured
 * language). Catalogs are written with kg_po_write_file(), so only changed
 * files are touched; nothing is written when the document is refused.
 * A <file> outside locales/ (po2xliff's one file, named after the PO it
 * converted) is taken as a whole language when lang (may be NULL) or the
 * document names one, and its units are matched as kg_po_import_kit()
 * matches a PO file's entries, no missing context trusted. */
int kg_xliff_import_kit(const char *kit_dir, const char *path, const char *display_path, const char *lang,
                        kg_xliff_counts *counts, kg_diags *diags);

#endif
