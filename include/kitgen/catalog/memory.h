/* memory.h: a translation memory over one language's page catalogs, for
 * `kitgen update`: a new or changed unit whose English (msgctxt, msgid and
 * msgid_plural, exactly, as msgmerge's --compendium matches) is already
 * translated in another page's catalog gets that translation, marked fuzzy
 * for a translator to confirm, with a translator comment naming where it
 * came from ("kitgen: from locales/vi/a/b.po"). It never replaces a
 * translation. A kg_memory owns copies of everything it holds
 * (kg_memory_free).
 */
#ifndef KITGEN_CATALOG_MEMORY_H
#define KITGEN_CATALOG_MEMORY_H

#include "kitgen/catalog/catalog.h"

#include <stddef.h>

#define KG_MEMORY_COMMENT "kitgen: from " /* then the origin catalog's path */

typedef struct kg_memory kg_memory;

/* Never NULL; free with kg_memory_free(). */
kg_memory *kg_memory_new(void);
void kg_memory_free(kg_memory *m);
/* Remembers every translated entry (not fuzzy, not obsolete) of cat, read
 * from the catalog at origin ("locales/vi/a/b.po"). The first catalog to
 * give an English wins: add catalogs in a fixed order (page order). */
void kg_memory_add(kg_memory *m, const kg_catalog *cat, const char *origin);
/* Fills the entries of po (the catalog at origin, just merged) that are
 * untranslated or fuzzy and whose (msgctxt, msgid) was not in before (the
 * catalog's entries before the merge, NULL for a new catalog): the new and
 * changed units. A fuzzy entry's previous "#|" text goes. Returns how many
 * it filled. */
size_t kg_memory_fill(const kg_memory *m, kg_catalog *po, const char *origin, const kg_catalog *before);

#endif
