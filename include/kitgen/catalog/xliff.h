/* xliff.h: XLIFF 2.0 and 1.2 for CAT tools — export a language's catalogs
 * as one XLIFF document, import the translations back into the PO files.
 *
 * The PO catalogs stay the master: an import changes only msgstr and the
 * fuzzy flag, and only for units whose context and source text still match
 * an entry. Documents are parsed with libxml2 without network access,
 * without loading DTDs and without entity substitution; a DOCTYPE that
 * declares entities is refused, and input is bounded (KG_XLIFF_MAX_INPUT).
 * Owns nothing past a call: export borrows the catalogs, import changes
 * in place the catalogs its resolver lends it.
 *
 * Mapping (both versions; docs/translating.md has the reader's version):
 *   - one <file> per catalog, original = the catalog path
 *     ("locales/vi/ui.po"); in 2.0 the file id is "f1", "f2", ... because
 *     ids must be NMTOKENs and paths hold '/';
 *   - entry N (1-based position in the catalog, header excluded) is unit
 *     "eN"; a plural entry is a group "eN" of units "eN.0", "eN.1", ... one
 *     per msgstr index, whose source is msgid for form 0 and msgid_plural
 *     for the others (2.0 group type "kitgen:plural", 1.2 restype
 *     "x-gettext-plurals");
 *   - msgctxt is the unit's name (2.0) or resname (1.2); absent when the
 *     entry has none, so "" and no context stay distinct;
 *   - "#." comments are developer notes, translator comments translator
 *     notes, references a location note (2.0) or a context-group
 *     name="po-reference" purpose="location" (1.2, as translate-toolkit
 *     reads them); a fuzzy entry's "#| msgid" a note "kitgen:previous"; the
 *     plural English of a one-form language's plural entry a developer
 *     note "English plural: ..."; notes are for reading and not imported;
 *   - state: untranslated -> initial / (no target), fuzzy -> initial with
 *     subState "kitgen:fuzzy" (2.0 has no needs-review state) /
 *     needs-review-translation, translated -> translated (1.2: and
 *     approved="yes" on the unit and a plural's group). On import,
 *     translated, reviewed, final, signed-off and approved="yes" clear the
 *     fuzzy flag; approved="no" and every other state (initial, new,
 *     needs-*, x-*) set it. A unit without any state leaves the flag alone
 *     when its target equals msgstr, and a new target without a state is
 *     taken as translated (with a note). A unit without a target, or with
 *     an empty one, leaves its entry as it is.
 * On import a unit is matched by its id first ("eN" while entry N still
 * has the unit's source, and its context when the unit names one), then by
 * context and source; a unit naming no context matches only a source that
 * is unique in the catalog, else it is kept out as ambiguous. XLIFF 1.0
 * and 1.1 are read as 1.2, with any 1.x namespace or none; po2xliff's
 * PO-header unit is skipped and its plural ids "N[k]" are read.
 * Obsolete entries and the header are not exported.
 */
#ifndef KITGEN_XLIFF_H
#define KITGEN_XLIFF_H

#include "kitgen/base/buf.h"
#include "kitgen/catalog/catalog.h"
#include "kitgen/base/diag.h"

#include <stddef.h>

/* Larger documents are refused before parsing. */
#define KG_XLIFF_MAX_INPUT ((size_t)64 * 1024 * 1024)

typedef enum kg_xliff_version { KG_XLIFF_2_0, KG_XLIFF_1_2 } kg_xliff_version;

/* One catalog of a document: its path (the <file original>) and the
 * catalog itself, both borrowed. */
typedef struct kg_xliff_catalog {
	const char *original;
	kg_catalog *cat;
} kg_xliff_catalog;

/* Appends one XLIFF document holding every catalog, in order, to out.
 * Entries whose text XML cannot carry (control characters, invalid UTF-8)
 * are left out with a warning. Returns 0, or -1 with diagnostics (nothing
 * useful in out then). */
int kg_xliff_write(kg_buf *out, kg_xliff_version version, const char *source_lang, const char *target_lang,
                   const kg_xliff_catalog *cats, size_t count, kg_diags *diags);

/* A glossary term for a unit (XLIFF 2.0's Glossary Module): the English
 * term, its approved translation and a definition (NULL when none); all
 * borrowed until the writer returns. */
#define KG_XLIFF_GLS_NS "urn:oasis:names:tc:xliff:glossary:2.0"
typedef struct kg_xliff_gloss {
	const char *term;
	const char *translation;
	const char *definition;
} kg_xliff_gloss;
/* Fills out (up to max) with the terms the unit's source text contains;
 * returns how many. */
typedef size_t (*kg_xliff_glossary_fn)(void *ud, const char *source, kg_xliff_gloss *out, size_t max);
/* kg_xliff_write, and in 2.0 each unit whose source has glossary terms
 * gets a <gls:glossary> before its notes, one <gls:glossEntry> (term,
 * translation, definition) per term. 1.2 documents have no glossary.
 * An import ignores these elements. */
int kg_xliff_write_glossary(kg_buf *out, kg_xliff_version version, const char *source_lang,
                            const char *target_lang, const kg_xliff_catalog *cats, size_t count,
                            kg_xliff_glossary_fn glossary, void *glossary_ud, kg_diags *diags);

/* Finds the catalog a <file original="..."> names. Returns it (borrowed;
 * the import changes it in place) or NULL when there is none; the importer
 * then keeps the file's units out with a warning. */
typedef kg_catalog *(*kg_xliff_resolve_fn)(void *ud, const char *original);

/* Decides whether text may become msgstr[form] of entry e of the catalog
 * named original (the safety checks the build applies). Called only for a
 * target that differs from the entry's msgstr. Returns 0, or -1 with the
 * reason appended to why; the unit is then kept out. */
typedef int (*kg_xliff_check_fn)(void *ud, const char *original, const kg_po_entry *e, size_t form,
                                 const char *text, kg_buf *why);

/* Asked for a <file> whose original resolve does not know and that lies
 * outside locales/ (po2xliff names its one <file> after the PO file it
 * converted): returns a catalog (borrowed) that receives the file's
 * translated units as entries — context, source, target, fuzzy for a
 * state needing review, location references, the XLIFF line as the
 * entry's line — for the caller to match, or NULL to keep them out.
 * target_lang is the file's or document's target language, or NULL. */
typedef kg_catalog *(*kg_xliff_collect_fn)(void *ud, const char *original, const char *target_lang);

/* What an import resolves, checks and collects through; check and collect
 * may be NULL (no checks, for tests of the mapping alone; no collecting).
 * All borrowed. */
typedef struct kg_xliff_hooks {
	kg_xliff_resolve_fn resolve;
	kg_xliff_check_fn check;
	void *ud;
	kg_xliff_collect_fn collect;
} kg_xliff_hooks;

typedef struct kg_xliff_counts {
	size_t units;     /* units read (each plural form counts) */
	size_t updated;   /* entries whose msgstr or fuzzy flag changed */
	size_t unchanged; /* entries that already said the same */
	size_t kept_out;  /* units reported and skipped */
	size_t written;   /* catalogs written (kit import only) */
} kg_xliff_counts;

/* Imports an XLIFF document from memory into the catalogs resolve finds.
 * display_path names the document in diagnostics (FILE:LINE:COL; the
 * column is 0 where libxml2 has none). Units that cannot be applied are
 * warnings, counted in counts->kept_out. Returns 0, or -1 with an error when the document is refused
 * (not XML, hostile, not XLIFF); on -1 no catalog has been changed. */
int kg_xliff_import_mem(const char *data, size_t len, const char *display_path, const kg_xliff_hooks *hooks,
                        kg_xliff_counts *counts, kg_diags *diags);

#endif
