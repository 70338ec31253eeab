/* distribute.h: the matching of a whole language's entries (one PO file,
 * or an XLIFF document another tool made from one) to the catalogs of
 * that language — internal to workflow/, defined in po_import.c, used by
 * po_import.c and xliff_kit.c. Borrows everything it is given. */
#ifndef KITGEN_WORKFLOW_DISTRIBUTE_H
#define KITGEN_WORKFLOW_DISTRIBUTE_H

#include "kitgen/catalog/xliff.h"
#include "workflow/import_catalogs.h"

/* Puts each translated entry of whole into the catalogs ic has loaded
 * (import_catalogs_load_language), as kg_po_import_kit() describes, and
 * reports entries kept out at their line in display. loose_contexts: no
 * entry's missing context can be trusted (a tool made the document and
 * may have dropped every msgctxt), so an entry without one is matched as
 * if it had lost it, never by the empty context alone. */
void distribute_entries(import_catalogs *ic, const kg_catalog *whole, const char *display, int loose_contexts,
                        kg_xliff_counts *counts, kg_diags *diags);

#endif
