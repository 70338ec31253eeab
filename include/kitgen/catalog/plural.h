/* plural.h: gettext Plural-Forms expressions, parsed and evaluated safely.
 *
 * "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : ...);" is parsed into a
 * small tree with bounded depth (no recursion blow-up on hostile input);
 * evaluation never divides by zero (x/0 and x%0 give 0) and its result is
 * clamped into [0, nplurals). A kg_plural owns its tree (the header text is
 * not kept), freed by kg_plural_free().
 */
#ifndef KITGEN_PLURAL_H
#define KITGEN_PLURAL_H

#include "kitgen/base/diag.h"

typedef struct kg_plural kg_plural;

/* Parses a Plural-Forms header value. file/line place diagnostics. Returns
 * NULL with a diagnostic on error; caller frees with kg_plural_free(). */
kg_plural *kg_plural_parse(const char *header_value, const char *file, int line, kg_diags *diags);
int kg_plural_count(const kg_plural *p); /* nplurals */
unsigned long kg_plural_eval(const kg_plural *p, unsigned long n);
void kg_plural_free(kg_plural *p);

#endif
