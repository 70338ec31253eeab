/* linebreak.c: the Unicode properties a plain-text wrapper needs — the
 * UAX #14 line-break class of a code point and the columns it takes —
 * from ICU's character data, so that no table of scripts is kept by hand.
 * Stateless; used by the PO writer (catalog/po_write.c). */
#include "kitgen/locale/locale.h"

#include <unicode/uchar.h>

kg_line_break kg_locale_line_break(uint32_t c)
{
	if (c > 0x10FFFF)
		return KG_LB_XX;
	/* clang-format off */
	switch ((ULineBreak)u_getIntPropertyValue((UChar32)c, UCHAR_LINE_BREAK)) {
	case U_LB_AMBIGUOUS: return KG_LB_AI;
	case U_LB_ALPHABETIC: return KG_LB_AL;
	case U_LB_BREAK_BOTH: return KG_LB_B2;
	case U_LB_BREAK_AFTER: return KG_LB_BA;
	case U_LB_BREAK_BEFORE: return KG_LB_BB;
	case U_LB_MANDATORY_BREAK: return KG_LB_BK;
	case U_LB_CONTINGENT_BREAK: return KG_LB_CB;
	case U_LB_CLOSE_PUNCTUATION: return KG_LB_CL;
	case U_LB_CLOSE_PARENTHESIS: return KG_LB_CP;
	case U_LB_COMBINING_MARK: return KG_LB_CM;
	case U_LB_CARRIAGE_RETURN: return KG_LB_CR;
	case U_LB_EXCLAMATION: return KG_LB_EX;
	case U_LB_GLUE: return KG_LB_GL;
	case U_LB_HYPHEN: return KG_LB_HY;
	case U_LB_IDEOGRAPHIC: return KG_LB_ID;
	case U_LB_INSEPARABLE: return KG_LB_IN;
	case U_LB_INFIX_NUMERIC: return KG_LB_IS;
	case U_LB_LINE_FEED: return KG_LB_LF;
	case U_LB_NONSTARTER: return KG_LB_NS;
	case U_LB_NUMERIC: return KG_LB_NU;
	case U_LB_OPEN_PUNCTUATION: return KG_LB_OP;
	case U_LB_POSTFIX_NUMERIC: return KG_LB_PO;
	case U_LB_PREFIX_NUMERIC: return KG_LB_PR;
	case U_LB_QUOTATION: return KG_LB_QU;
	case U_LB_COMPLEX_CONTEXT: return KG_LB_SA;
	case U_LB_SURROGATE: return KG_LB_SG;
	case U_LB_SPACE: return KG_LB_SP;
	case U_LB_BREAK_SYMBOLS: return KG_LB_SY;
	case U_LB_ZWSPACE: return KG_LB_ZW;
	case U_LB_NEXT_LINE: return KG_LB_NL;
	case U_LB_WORD_JOINER: return KG_LB_WJ;
	case U_LB_H2: return KG_LB_H2;
	case U_LB_H3: return KG_LB_H3;
	case U_LB_JL: return KG_LB_JL;
	case U_LB_JT: return KG_LB_JT;
	case U_LB_JV: return KG_LB_JV;
	case U_LB_CONDITIONAL_JAPANESE_STARTER: return KG_LB_CJ;
	case U_LB_HEBREW_LETTER: return KG_LB_HL;
	case U_LB_REGIONAL_INDICATOR: return KG_LB_RI;
	case U_LB_E_BASE: return KG_LB_EB;
	case U_LB_E_MODIFIER: return KG_LB_EM;
	case U_LB_ZWJ: return KG_LB_ZWJ;
	default: return KG_LB_XX; /* unknown, and classes newer than this list */
	}
	/* clang-format on */
}

int kg_locale_char_columns(uint32_t c)
{
	if (c > 0x10FFFF)
		return 1;
	int8_t category = u_charType((UChar32)c);
	if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_FORMAT_CHAR ||
	    category == U_CONTROL_CHAR)
		return 0;
	int32_t hangul = u_getIntPropertyValue((UChar32)c, UCHAR_HANGUL_SYLLABLE_TYPE);
	if (hangul == U_HST_VOWEL_JAMO || hangul == U_HST_TRAILING_JAMO)
		return 0; /* they join the leading consonant's syllable block */
	int32_t east_asian = u_getIntPropertyValue((UChar32)c, UCHAR_EAST_ASIAN_WIDTH);
	return east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH ? 2 : 1;
}
