/* catalog.h: gettext PO catalogs in memory, and their reader and writer.
 *
 * A kg_catalog is one PO or POT file: a header entry plus entries in file
 * order, with a hash index on (msgctxt, msgid) for lookups. It owns every
 * entry and string in it, freed by kg_catalog_free(); the pointers it hands
 * out are borrowed until then (or until that entry or field changes).
 * Entries keep every PO field and their source line, so the same reader
 * serves extract, update, status, check and build.
 * All strings are UTF-8 in memory: the reader converts from the header's
 * charset with iconv.
 */
#ifndef KITGEN_CATALOG_H
#define KITGEN_CATALOG_H

#include "kitgen/base/buf.h"
#include "kitgen/base/diag.h"

#include <stddef.h>

/* An entry owns every string in it. Each string vector has a count and a
 * cap, the slots allocated, that the entry helpers grow (base/array.h);
 * code that sets a vector by hand sets its cap to the count. */
typedef struct kg_po_entry {
	char *msgctxt;      /* NULL when absent */
	char *msgid;        /* "" for the header */
	char *msgid_plural; /* NULL when absent */
	char **msgstr;      /* msgstr or msgstr[0..n) */
	size_t msgstr_count, msgstr_cap;
	char *translator_comments; /* "# " lines, joined with '\n'; NULL when none */
	char *extracted_comments;  /* "#." lines, joined with '\n'; NULL when none */
	char **references;         /* "#:" tokens such as content/a.md:12 */
	size_t reference_count, reference_cap;
	char **flags; /* "#," tokens such as fuzzy, no-c-format */
	size_t flag_count, flag_cap;
	char *prev_msgctxt;      /* "#| msgctxt" */
	char *prev_msgid;        /* "#| msgid" */
	char *prev_msgid_plural; /* "#| msgid_plural" */
	int obsolete;            /* "#~" entry */
	int line;                /* 1-based line of the msgid keyword when read; 0 if made */
} kg_po_entry;

typedef struct kg_catalog kg_catalog;

/* An empty catalog; caller frees with kg_catalog_free(). */
kg_catalog *kg_catalog_new(void);
void kg_catalog_free(kg_catalog *cat);

/* Reads a PO/POT file. display_path is used in diagnostics. Tolerates a
 * UTF-8 BOM and CRLF; converts any header charset to UTF-8 with iconv.
 * Returns 0 with *out set (caller frees with kg_catalog_free()), or -1 with
 * diagnostics (FILE:LINE:COL, like msgfmt's) and *out NULL. */
int kg_po_read_file(kg_catalog **out, const char *path, const char *display_path, kg_diags *diags);
int kg_po_read_mem(kg_catalog **out, const char *data, size_t len, const char *display_path, kg_diags *diags);

/* Writes the catalog in gettext's own layout (as msgcat writes it: strings
 * wrapped at 79 columns on spaces, header first, obsolete entries last),
 * always as UTF-8. */
void kg_po_write(const kg_catalog *cat, kg_buf *out);
/* Writes to path only when the bytes differ from what is there (keeps
 * mtimes stable). Returns 0, or -1 with a diagnostic. */
int kg_po_write_file(const kg_catalog *cat, const char *path, kg_diags *diags);
/* Writes data to path the same way (a temporary file renamed into place,
 * nothing written when the bytes are already there): for the other text
 * files kept beside the catalogs (review records). Returns 0 or -1. */
int kg_catalog_write_bytes(const char *path, const kg_buf *data, kg_diags *diags);

/* The header entry (msgid ""); created empty if missing. Borrowed from cat. */
kg_po_entry *kg_catalog_header(kg_catalog *cat);
/* A header field's value (borrowed, without the trailing "\n"), or NULL. */
const char *kg_catalog_header_get(const kg_catalog *cat, const char *field, size_t *len);
/* Sets or adds a header field, keeping the order of the others. */
void kg_catalog_header_set(kg_catalog *cat, const char *field, const char *value);

size_t kg_catalog_count(const kg_catalog *cat); /* entries, header excluded */
/* Entry i, in file order. Borrowed from cat. */
kg_po_entry *kg_catalog_at(const kg_catalog *cat, size_t i);
/* Finds a non-obsolete entry by context (NULL for none) and msgid. Borrowed. */
kg_po_entry *kg_catalog_find(const kg_catalog *cat, const char *msgctxt, const char *msgid);
/* Appends a new empty entry (borrowed; the catalog owns it). Copies strings. */
kg_po_entry *kg_catalog_add(kg_catalog *cat, const char *msgctxt, const char *msgid,
                            const char *msgid_plural);

/* Entry helpers. */
int kg_po_entry_has_flag(const kg_po_entry *e, const char *flag);
void kg_po_entry_set_flag(kg_po_entry *e, const char *flag, int on);
void kg_po_entry_add_reference(kg_po_entry *e, const char *ref);
void kg_po_entry_set_msgstr(kg_po_entry *e, size_t index, const char *text);
/* Translated: not fuzzy, not obsolete, and every msgstr non-empty. */
int kg_po_entry_is_translated(const kg_po_entry *e);

/* Merges template pot into po the way msgmerge does: entries keep their
 * translations; an entry whose msgid changed but matches a previous one
 * closely becomes fuzzy with "#|" previous fields; entries gone from the
 * template become obsolete; translator comments and the header are kept;
 * references, extracted comments and order come from the template.
 * nplurals sizes msgstr[] of new plural entries. */
void kg_catalog_merge(kg_catalog *po, const kg_catalog *pot, int nplurals);

#endif
