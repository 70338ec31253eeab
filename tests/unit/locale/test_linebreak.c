/* test_linebreak.c: kg_locale_line_break and kg_locale_char_columns
 * (src/locale/linebreak.c), the Unicode data the PO writer wraps with:
 * the classes and widths that the hand-written tables once missed
 * (Devanagari dandas, the Urdu full stop) and the ones gettext relies on.
 * The wrapping itself is checked against msgcat in
 * tests/unit/catalog/test_po_gettext.c. */
#include "kitgen/locale/locale.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

static void line_break_classes_come_from_unicode_data(void **state)
{
	(void)state;
	assert_int_equal(kg_locale_line_break(0x0964), KG_LB_BA); /* DEVANAGARI DANDA */
	assert_int_equal(kg_locale_line_break(0x0965), KG_LB_BA); /* DOUBLE DANDA */
	assert_int_equal(kg_locale_line_break(0x06D4), KG_LB_EX); /* ARABIC FULL STOP (Urdu) */
	assert_int_equal(kg_locale_line_break(0x17D4), KG_LB_BA); /* KHMER SIGN KHAN */
	assert_int_equal(kg_locale_line_break(0x1780), KG_LB_SA); /* Khmer letters need a dictionary */
	assert_int_equal(kg_locale_line_break(0x0E01), KG_LB_SA); /* Thai too */
	assert_int_equal(kg_locale_line_break(0x093F), KG_LB_CM); /* DEVANAGARI VOWEL SIGN I */
	assert_int_equal(kg_locale_line_break(0x4E2D), KG_LB_ID);
	assert_int_equal(kg_locale_line_break(0x3001), KG_LB_CL);
	assert_int_equal(kg_locale_line_break(0x3063), KG_LB_CJ); /* small tsu */
	assert_int_equal(kg_locale_line_break(0xAC00), KG_LB_H2);
	assert_int_equal(kg_locale_line_break(0xAC01), KG_LB_H3);
	assert_int_equal(kg_locale_line_break(' '), KG_LB_SP);
	assert_int_equal(kg_locale_line_break('('), KG_LB_OP);
	assert_int_equal(kg_locale_line_break('"'), KG_LB_QU);
	assert_int_equal(kg_locale_line_break('\\'), KG_LB_PR);
	assert_int_equal(kg_locale_line_break(0x00A0), KG_LB_GL);
	assert_int_equal(kg_locale_line_break(0x200B), KG_LB_ZW);
	assert_int_equal(kg_locale_line_break(0x200D), KG_LB_ZWJ);
	assert_int_equal(kg_locale_line_break(0x110000), KG_LB_XX); /* not a code point */
}

static void columns_are_libunistrings(void **state)
{
	(void)state;
	assert_int_equal(kg_locale_char_columns('a'), 1);
	assert_int_equal(kg_locale_char_columns(0x4E2D), 2);  /* wide */
	assert_int_equal(kg_locale_char_columns(0xFF08), 2);  /* fullwidth */
	assert_int_equal(kg_locale_char_columns(0x1F600), 2); /* emoji */
	assert_int_equal(kg_locale_char_columns(0x0301), 0);  /* Mn */
	assert_int_equal(kg_locale_char_columns(0x20DD), 0);  /* Me */
	assert_int_equal(kg_locale_char_columns(0x200B), 0);  /* Cf */
	assert_int_equal(kg_locale_char_columns(0x00AD), 0);  /* soft hyphen: 0 for gettext, 1 for wcwidth */
	assert_int_equal(kg_locale_char_columns(0x1160), 0);  /* conjoining Hangul vowel */
	assert_int_equal(kg_locale_char_columns(0x11A8), 0);  /* and final */
	assert_int_equal(kg_locale_char_columns(0x093E), 1);  /* Mc: a spacing mark takes a column */
	assert_int_equal(kg_locale_char_columns(0x17B6), 1);
	assert_int_equal(kg_locale_char_columns(0x0964), 1);
	assert_int_equal(kg_locale_char_columns(0x0007), 0); /* controls: gettext ignores them */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(line_break_classes_come_from_unicode_data),
	    cmocka_unit_test(columns_are_libunistrings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
