/* glossary.h: a language's approved terms (locales/<lang>/glossary.po) and
 * the check that every translation uses them.
 *
 * An entry's msgid is the English term (from glossary.yaml through
 * locales/pot/glossary.pot), its msgstr the approved term. Conventions,
 * written by the translator in the entry's comments and flags:
 *   # also: form, form      other accepted forms of the approved term
 *   # avoid: term, term     terms a translation must not use for it; a
 *                           "(remark)" after a term is a note, not a term
 *   #. match: as written (case-sensitive)
 *                           (from glossary.yaml) match the English term
 *                           only as written, e.g. the response "Direct"
 *                           but not "direct services"
 *   #, fuzzy                a proposal: shown to CAT tools, not enforced
 * An untranslated entry is not enforced. An entry whose translation fails
 * the safety checks (kg_check_translation) is refused like any unit.
 * A kg_glossary owns its catalog and terms (kg_glossary_release).
 */
#ifndef KITGEN_I18N_GLOSSARY_H
#define KITGEN_I18N_GLOSSARY_H

#include "kitgen/base/buf.h"
#include "kitgen/base/diag.h"
#include "kitgen/catalog/catalog.h"

#include <stddef.h>

#define KG_GLOSSARY_SOURCE "glossary.yaml"
#define KG_GLOSSARY_NAME "glossary"         /* locales/<lang>/glossary.po, locales/pot/glossary.pot */
#define KG_GLOSSARY_FINDING "glossary term" /* how every finding's message starts */
/* The extracted comment line ("#.") of a term matched only as written:
 * an extracted comment, since gettext's tools drop flags they do not know. */
#define KG_GLOSSARY_CASE_SENSITIVE "match: as written (case-sensitive)"

typedef struct kg_glossary_term {
	const char *source;   /* the English term (borrowed from the catalog) */
	const char *approved; /* the approved translation; NULL when not enforced */
	char **also;          /* owned: other accepted forms */
	size_t also_count;
	char **avoid; /* owned: forbidden terms */
	size_t avoid_count;
	char **words; /* owned: the term's words, folded unless case_sensitive */
	size_t word_count;
	int case_sensitive;
	char *definition; /* owned: the term's note from glossary.yaml ("#."), or NULL */
	int line;         /* of the entry in glossary.po */
} kg_glossary_term;

typedef struct kg_glossary {
	kg_catalog *catalog; /* owned; NULL when there is no glossary */
	char *display;       /* owned: "locales/vi/glossary.po" */
	kg_glossary_term *terms;
	size_t count;
} kg_glossary;

void kg_glossary_init(kg_glossary *g);
void kg_glossary_release(kg_glossary *g);
/* Reads the glossary at path (a missing file is an empty glossary). A
 * translation that fails the safety checks is a warning at its line and
 * the term is not enforced. Returns 0, or -1 with errors (unreadable). */
int kg_glossary_read(kg_glossary *g, const char *path, const char *display, kg_diags *diags);
/* The same from a catalog the caller hands over (owned by g afterwards). */
void kg_glossary_from_catalog(kg_glossary *g, kg_catalog *catalog, const char *display, kg_diags *diags);

/* 1 when english contains the term as words (ICU word boundaries; folded
 * case unless case_sensitive; its last word also as a plural or
 * possessive: -s, -es, -ies for -y, 's, ’s). */
int kg_glossary_term_in(const kg_glossary_term *term, const char *english);

/* Checks one translated unit: for each enforced term its English
 * contains, the translation must contain the approved term (or an "also"
 * form) and no "avoid" term (case folded, as substrings). Each finding is
 * a warning at display:line starting with KG_GLOSSARY_FINDING. Returns
 * the number of findings. */
size_t kg_glossary_check(const kg_glossary *g, const char *english, const char *translation,
                         const char *display, int line, kg_diags *diags);

#endif
