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
/* Offset of the first character of valid UTF-8 text that XML 1.0 does
 * not allow (a C0 control other than tab, line feed and carriage return;
 * U+FFFE, U+FFFF), or len; *code_point gets it when not NULL. For what
 * kitgen writes as XML (DOCX, ODT, Atom, sitemap). */
size_t kg_utf8_xml_invalid(const char *text, size_t len, unsigned *code_point);

#endif
