/* encoding.h: text in legacy encodings (Big5, GB18030, EUC-KR, Shift_JIS,
 * cp932, Windows-1258) both ways: content files written in them are read
 * into UTF-8, and partners' text downloads are written in them. glibc's
 * iconv converts; ICU's charset detector guesses undeclared encodings.
 * Nothing prints; errors and warnings are kg_diags at the display path
 * the caller gives. Functions that fill a kg_buf append to it. Owns
 * nothing past a call; input text is borrowed.
 */
#ifndef KITGEN_LOCALE_ENCODING_H
#define KITGEN_LOCALE_ENCODING_H

#include "kitgen/base/buf.h"
#include "kitgen/base/diag.h"

#include <stddef.h>

/* Export encodings kitgen knows, by the names kit.yaml uses: "big5",
 * "gb18030", "euc-kr", "shift_jis", "cp932" (Windows-31J, what Japanese
 * Windows calls Shift_JIS) and "windows-1258" (case-insensitive;
 * "shift-jis", "sjis", "cp1258", "windows-31j", "ms932" also accepted).
 * Returns the canonical name (a static string), or NULL. */
const char *kg_legacy_encoding_name(const char *name);

/* Converts UTF-8 text to encoding. The text is first normalized to NFC
 * (Windows-1258 then gets its tone marks as separate combining bytes,
 * which glibc's converter does; a precomposed letter the encoding lacks
 * is also tried in its canonical decomposition). A character the encoding
 * cannot hold is never dropped or approximated:
 *   substitute == 0: an error at display_path:line:col naming it
 *     ("U+1F600 '😀' cannot be written in Big5"), every such character
 *     reported; returns -1 and out holds a partial result;
 *   substitute != 0: it is replaced by a marker — "〓" (U+3013 GETA MARK,
 *     the typesetter's sign for a missing character) where the encoding
 *     has it (GB18030, EUC-KR, Shift_JIS, cp932), else "[?]" (Big5,
 *     Windows-1258) — and a warning is added at line:col.
 * Every character must also read back as itself: glibc writes a backslash and
 * '~' to Shift_JIS as 0x5C and 0x7E but reads those as '¥' and '‾'
 * (JIS X 0201), so they are reported there (cp932 keeps them). After 20
 * such characters one summary line (line 0) counts the rest. Line and
 * column (characters) are those of the NFC text. Invalid UTF-8 input or
 * an unknown encoding is an error. Returns 0 or -1. */
int kg_legacy_export(const char *text_utf8, size_t len, const char *encoding, int substitute,
                     const char *display_path, kg_buf *out, kg_diags *d);

/* Reads a text file of unknown or declared encoding into UTF-8:
 *   - a UTF-8 byte order mark is stripped and the rest must be UTF-8;
 *   - a UTF-16LE/BE (or UTF-32LE/BE) byte order mark: converted;
 *   - declared (not NULL): converted from it (any kg_legacy_encoding_name
 *     or iconv name; "utf-8" checks only); invalid bytes are an error at
 *     the line:col where they sit (counted in the decoded text, as an
 *     editor set to that encoding shows it), naming the bytes;
 *   - no declaration and valid UTF-8: copied unchanged;
 *   - otherwise ICU's charset detector proposes an encoding. It needs a few
 *     hundred bytes: on short text its guess is weak. Auto conversion only
 *     happens for a multi-byte guess (Big5, GB18030, EUC-KR, Shift_JIS,
 *     EUC-JP) with confidence of at least 50 %, and only when allow_auto;
 *     it adds a warning naming the encoding and the confidence. Otherwise
 *     an error at the first non-UTF-8 byte: "file is not UTF-8; it looks
 *     like Big5 (confidence 80%); declare `encoding: big5` or convert it".
 *     Single-byte guesses (windows-125x, ISO-8859-x) are never applied:
 *     the detector cannot tell Windows-1258 Vietnamese from Windows-1252.
 * Converted text (not UTF-8 input) is normalized to NFC. Returns 0, or -1
 * with an error; utf8_out is then left as it was. */
int kg_legacy_import(const char *bytes, size_t len, const char *declared, int allow_auto,
                     const char *display_path, kg_buf *utf8_out, kg_diags *d);

#endif
