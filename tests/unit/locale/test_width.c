/* test_width.c: kg_locale_display_width (src/locale/width.c), the columns
 * a terminal gives a string: the names of every language of the bundled
 * kit, marks, joiners, conjoining Hangul and wide characters, checked
 * against glibc's wcswidth, which terminals follow. */
#define _XOPEN_SOURCE 700 /* wcswidth */

#include "kitgen/locale/locale.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <cmocka.h>

/* The endonyms the status table prints for the bundled kit, and strings
 * that exercise each rule. */
static const char *const samples[] = {
    "English",
    "中文（繁體）",
    "中文（简体）",
    "Tiếng Việt",
    "한국어",
    "Tagalog",
    "ខ្មែរ",
    "日本語",
    "ไทย",
    "हिन्दी",
    "اردو",
    "Gagana Sāmoa",
    "Kajin M̧ajeļ",
    "Kapasen Chuuk",
    "Tekoi er a Belau",
    "Hmoob",
    "Tie\u0302\u0301ng Vie\u0323\u0302t",   /* decomposed: combining marks */
    "\u1112\u1161\u11AB\u1100\u116E\u11AF", /* conjoining Hangul: leading, vowel, final */
    "សួស្តី",
    "ที่นี่",
    "မြန်မာ",                  /* Khmer coeng, Thai marks, Myanmar spacing marks */
    "a\u200Db\u200Bc\u2060d", /* joiners and zero-width space */
    "1\uFE0F\u20E3",
    "\U0001F600",
    "\uFF21\uFF22",
    "soft\u00ADhyphen",
    "",
};

static void terminal_columns_agree_with_wcswidth(void **state)
{
	(void)state;
	/* A test that cannot compare fails rather than skips. */
	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		wchar_t wide[128];
		size_t n = mbstowcs(wide, samples[i], 128);
		assert_true(n < 128);
		int want = wcswidth(wide, n);
		size_t got = kg_locale_display_width(samples[i]);
		if (want < 0 || got != (size_t)want)
			fail_msg("\"%s\": %zu columns, wcswidth says %d", samples[i], got, want);
	}
}

static void marks_take_no_column_and_wide_characters_two(void **state)
{
	(void)state;
	assert_int_equal(kg_locale_display_width("Kajin M̧ajeļ"), 11); /* M + U+0327 cedilla */
	assert_int_equal(kg_locale_display_width("ខ្មែរ"), 4);         /* the coeng takes none */
	assert_int_equal(kg_locale_display_width("हिन्दी"), 5);        /* the virama takes none */
	assert_int_equal(kg_locale_display_width("中文（繁體）"), 12);
	assert_int_equal(kg_locale_display_width("한국어"), 6);
	assert_int_equal(kg_locale_display_width(""), 0);
}

static void ill_formed_bytes_take_a_column_each(void **state)
{
	(void)state;
	assert_int_equal(kg_locale_display_width("a\xFF"
	                                         "b"),
	                 3);
	assert_int_equal(kg_locale_display_width("\xE4\xB8"), 1); /* a cut-off wide character */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(terminal_columns_agree_with_wcswidth),
	    cmocka_unit_test(marks_take_no_column_and_wide_characters_two),
	    cmocka_unit_test(ill_formed_bytes_take_a_column_each),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
