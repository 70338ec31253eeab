/* icu_util.h: private helpers shared by the src/locale files (not installed).
 * UTF-8 <-> UTF-16 conversion with a byte-offset map, BCP 47 tag to ICU
 * locale id, and normalization into freshly allocated UTF-16. Everything
 * returned is owned by the caller and freed with free(). */
#ifndef KITGEN_LOCALE_ICU_UTIL_H
#define KITGEN_LOCALE_ICU_UTIL_H

#include "kitgen/base/buf.h"

#include <stddef.h>
#include <stdint.h>
#include <unicode/unorm2.h>
#include <unicode/utypes.h>

/* ICU locale ids ("zh_Hant_TW@collation=stroke") fit well within this. */
#define KG_ICU_ID_MAX 160

/* Converts len bytes of UTF-8 to UTF-16; ill-formed bytes become U+FFFD.
 * *out_len gets the length in UTF-16 units. When offsets is not NULL it
 * gets an array of *out_len + 1 entries: the byte offset in s of each unit,
 * and len at the end. Input beyond INT32_MAX / 4 bytes is ignored, since
 * ICU counts in int32_t. Caller frees the result (and *offsets) with free(). */
UChar *kg_icu_from_utf8(const char *s, size_t len, int32_t *out_len, int32_t **offsets);

/* Appends UTF-16 text to out as UTF-8; unpaired surrogates become U+FFFD. */
void kg_icu_append_utf8(kg_buf *out, const UChar *s, int32_t len);

/* ICU locale id for a BCP 47 tag. POSIX names get the same repair as
 * kg_locale_canonicalize's suggestion ("zh_TW" is read as zh-TW); other
 * malformed tags ("chinese") are refused. Returns 0, or -1 with id set to
 * "" (ICU's root locale). */
int kg_icu_locale_id(const char *tag, char id[KG_ICU_ID_MAX]);

/* Applies a normalizer; returns new text (caller frees with free()) and its
 * length in *out_len. A NULL normalizer (ICU could not load its data) or
 * an ICU error gives a copy of the input. */
UChar *kg_icu_normalize(const UNormalizer2 *norm, const UChar *s, int32_t len, int32_t *out_len);

#endif
