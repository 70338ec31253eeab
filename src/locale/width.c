/* width.c: how many terminal columns a UTF-8 string takes, for tables a
 * command prints (kitgen status). Follows what terminals do (glibc's
 * wcwidth, GLib, xterm.js), from ICU's character properties. Stateless;
 * borrows the text for the call. */
#include "kitgen/locale/locale.h"

#include <stdint.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

/* Columns of one code point. Marks drawn on another letter (Mn, Me), format
 * characters (Cf: joiners, zero-width space) and the vowels and final
 * consonants of conjoining Hangul take none; wide and fullwidth characters
 * (CJK, Hangul syllables, most emoji) take two. A spacing mark (Mc: Khmer
 * ែ and ា, Devanagari ि) takes one, as terminals give it one. The soft
 * hyphen stays at one, as in wcwidth. */
static size_t columns(UChar32 c)
{
	if (c < 0)
		return 1; /* an ill-formed byte, drawn as U+FFFD */
	int8_t category = u_charType(c);
	if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_CONTROL_CHAR ||
	    (category == U_FORMAT_CHAR && c != 0x00AD))
		return 0;
	int32_t hangul = u_getIntPropertyValue(c, UCHAR_HANGUL_SYLLABLE_TYPE);
	if (hangul == U_HST_VOWEL_JAMO || hangul == U_HST_TRAILING_JAMO)
		return 0;
	int32_t east_asian = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
	return east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH ? 2 : 1;
}

size_t kg_locale_display_width(const char *utf8)
{
	size_t len = strlen(utf8), width = 0;
	int32_t n = len > INT32_MAX ? INT32_MAX : (int32_t)len; /* ICU counts in int32_t */
	for (int32_t i = 0; i < n;) {
		UChar32 c;
		U8_NEXT(utf8, i, n, c);
		width += columns(c);
	}
	return width;
}
