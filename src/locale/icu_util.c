/* icu_util.c: UTF-8 <-> UTF-16 with offset maps, tag -> ICU id, and
 * normalization helpers for the locale module (see icu_util.h).
 * Owns nothing beyond the arrays it returns to the caller. */
#include "locale/icu_util.h"

#include "kitgen/base/alloc.h"
#include "kitgen/locale/locale.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uloc.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

UChar *kg_icu_from_utf8(const char *s, size_t len, int32_t *out_len, int32_t **offsets)
{
	if (len > INT32_MAX / 4)
		len = INT32_MAX / 4;
	int32_t n = (int32_t)len;
	/* Each byte yields at most one UTF-16 unit (4 bytes -> 2 units). */
	UChar *u = kg_malloc(((size_t)n + 1) * sizeof *u);
	int32_t *map = offsets ? kg_malloc(((size_t)n + 1) * sizeof *map) : NULL;
	const uint8_t *bytes = (const uint8_t *)s;
	int32_t i = 0, k = 0;
	while (i < n) {
		int32_t start = i;
		UChar32 c;
		U8_NEXT(bytes, i, n, c);
		if (c < 0)
			c = 0xFFFD;
		if (U_IS_BMP(c)) {
			if (map)
				map[k] = start;
			u[k++] = (UChar)c;
		} else {
			if (map)
				map[k] = map[k + 1] = start;
			u[k++] = U16_LEAD(c);
			u[k++] = U16_TRAIL(c);
		}
	}
	u[k] = 0;
	if (map) {
		map[k] = n;
		*offsets = map;
	}
	*out_len = k;
	return u;
}

void kg_icu_append_utf8(kg_buf *out, const UChar *s, int32_t len)
{
	kg_buf_grow(out, (size_t)len * 3); /* a UTF-16 unit is at most 3 UTF-8 bytes */
	int32_t i = 0;
	while (i < len) {
		UChar32 c;
		U16_NEXT(s, i, len, c);
		if (U_IS_SURROGATE(c))
			c = 0xFFFD;
		uint8_t bytes[4];
		int32_t n = 0;
		UBool error = 0;
		U8_APPEND(bytes, n, 4, c, error);
		(void)error; /* c is a scalar value here, so it always fits */
		kg_buf_add(out, bytes, (size_t)n);
	}
}

int kg_icu_locale_id(const char *tag, char id[KG_ICU_ID_MAX])
{
	kg_buf canonical = KG_BUF_INIT;
	int rc = -1;
	id[0] = '\0';
	if (!tag)
		tag = "";
	/* Repair POSIX names ("zh_TW.UTF-8"), as PO headers carry them, but do
	 * not quietly read "chinese" as zh: that is for error messages. */
	if (kg_locale_canonicalize(tag, &canonical) && !strpbrk(tag, "_.@"))
		goto out;
	if (!canonical.len)
		goto out;
	UErrorCode status = U_ZERO_ERROR;
	int32_t parsed = 0;
	int32_t n = uloc_forLanguageTag(canonical.data, id, KG_ICU_ID_MAX, &parsed, &status);
	if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING || n >= KG_ICU_ID_MAX) {
		id[0] = '\0';
		goto out;
	}
	rc = 0;
out:
	kg_buf_release(&canonical);
	return rc;
}

UChar *kg_icu_normalize(const UNormalizer2 *norm, const UChar *s, int32_t len, int32_t *out_len)
{
	UErrorCode status = norm ? U_ZERO_ERROR : U_MISSING_RESOURCE_ERROR;
	int32_t need = norm ? unorm2_normalize(norm, s, len, NULL, 0, &status) : 0;
	if (status == U_BUFFER_OVERFLOW_ERROR)
		status = U_ZERO_ERROR;
	UChar *u = NULL;
	if (U_SUCCESS(status)) {
		u = kg_malloc(((size_t)need + 1) * sizeof *u);
		need = unorm2_normalize(norm, s, len, u, need + 1, &status);
	}
	if (U_FAILURE(status)) {
		free(u);
		u = kg_malloc(((size_t)len + 1) * sizeof *u);
		memcpy(u, s, (size_t)len * sizeof *u);
		u[len] = 0;
		need = len;
	}
	*out_len = need;
	return u;
}
