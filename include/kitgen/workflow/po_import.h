/* po_import.h: `kitgen po import` — one PO file holding a whole language
 * (as xliff2po, msgcat or a translation platform make it) distributed to
 * the kit's page catalogs and ui.po by context and English, with the same
 * safety checks, reports and counts as the XLIFF import (xliff_kit.h).
 * Each call loads and frees the kit and the catalogs it needs.
 */
#ifndef KITGEN_WORKFLOW_PO_IMPORT_H
#define KITGEN_WORKFLOW_PO_IMPORT_H

#include "kitgen/base/diag.h"
#include "kitgen/catalog/xliff.h"

/* Reads the PO file at path (named display_path in diagnostics) and puts
 * each translated entry into every catalog of lang holding the same
 * (msgctxt, msgid) — the same English in two pages gets the translation
 * in both. An entry whose context is missing, empty or one of its own
 * references (xliff2po invents such contexts for duplicates) matches by
 * English alone, narrowed to entries sharing a reference; when that
 * leaves entries of different contexts it is kept out as ambiguous. A
 * singular entry matches a plural one of a language with one form
 * (xliff2po flattens plural groups). Entries that fail the build's
 * checks, match nothing or are ambiguous are warnings counted in
 * counts->kept_out, and change nothing. Only changed catalogs are
 * written. Returns 0, or -1 with an error (kit or PO unreadable, lang
 * not a translated language of the kit, a missing catalog, the PO's
 * Language header naming another language); nothing is written then. */
int kg_po_import_kit(const char *kit_dir, const char *lang, const char *path, const char *display_path,
                     kg_xliff_counts *counts, kg_diags *diags);

#endif
