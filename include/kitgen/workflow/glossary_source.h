/* glossary_source.h: the kit's list of glossary terms (glossary.yaml,
 * beside kit.yaml) as the POT translators start from
 * (locales/pot/glossary.pot, written by `kitgen extract`). The catalog it
 * returns is the caller's (kg_catalog_free).
 *
 *   terms:
 *     - Delegate                       # a term alone
 *     - term: Direct                   # or with options:
 *       note: "One of the five responses: say something to the person causing harm."
 *       case_sensitive: true           # only as written: not "direct services"
 */
#ifndef KITGEN_WORKFLOW_GLOSSARY_SOURCE_H
#define KITGEN_WORKFLOW_GLOSSARY_SOURCE_H

#include "kitgen/base/diag.h"
#include "kitgen/catalog/catalog.h"

/* Reads <kit_dir>/glossary.yaml into a POT (header for kit_title, one
 * entry per term: "#." the note and KG_GLOSSARY_CASE_SENSITIVE when set,
 * "#:" glossary.yaml:LINE). No file: *out NULL and 0. A duplicate term (ignoring case) is
 * a warning and kept out. Returns 0, or -1 with errors (bad YAML, a term
 * that is not a string). */
int kg_glossary_source_read(const char *kit_dir, const char *kit_title, kg_catalog **out, kg_diags *diags);

/* Warns at glossary.yaml:LINE about every term of pot (as read above) that
 * no English unit of english (count strings) contains as words. */
void kg_glossary_source_check_used(const kg_catalog *pot, const char *const *english, size_t count,
                                   kg_diags *diags);

#endif
