/* utf8.h: UTF-8 validation with positions, for every text kitgen reads
 * (content, kit.yaml, catalogs, XLIFF). Owns nothing; columns are counted
 * in characters, as editors show them.
 */
#ifndef KITGEN_BASE_UTF8_H
#define KITGEN_BASE_UTF8_H

#include "kitgen/base/diag.h"

#include <stddef.h>

/* Checks that text is valid UTF-8; on failure reports file:line:col. */
int kg_utf8_check(const char *text, size_t len, const char *file, int first_line, kg_diags *diags);
/* Offset of the first byte that is not well-formed UTF-8 (overlongs,
 * surrogates and code points above U+10FFFF are not), or len. */
size_t kg_utf8_valid_prefix(const char *text, size_t len);

#endif
