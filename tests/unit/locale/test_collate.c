/* test_locale_collate.c: language sort orders (src/locale/collate.c).
 * Expected orders are documented CLDR facts: pinyin for zh-Hans, stroke
 * count for zh-Hant, Hangul jamo order, Vietnamese a < ă < â < b and
 * d < đ, Thai ordering by consonant before a leading vowel. */
#include "kitgen/locale/locale.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static const kg_collator *sorting_with;

static int compare_entries(const void *a, const void *b)
{
	return kg_collator_compare(sorting_with, *(const char *const *)a, *(const char *const *)b);
}

/* Sorts a reversed copy of expected and checks it comes back in order. */
static void expect_order(const char *tag, const char *const *expected, size_t n)
{
	const char **list = malloc(n * sizeof *list);
	for (size_t i = 0; i < n; i++)
		list[i] = expected[n - 1 - i];
	kg_collator *c = kg_collator_open(tag);
	sorting_with = c;
	qsort(list, n, sizeof *list, compare_entries);
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], expected[i]))
			fail_msg("%s: position %zu is \"%s\", want \"%s\"", tag, i, list[i], expected[i]);
	kg_collator_close(c);
	free(list);
}

#define EXPECT_ORDER(tag, ...)                                               \
	do {                                                                 \
		static const char *const order_[] = {__VA_ARGS__};           \
		expect_order(tag, order_, sizeof order_ / sizeof order_[0]); \
	} while (0)

static void simplified_chinese_sorts_by_pinyin(void **state)
{
	(void)state;
	/* bei jing < guang zhou < shang hai < tian jin < zhong guo */
	EXPECT_ORDER("zh-Hans", "北京", "广州", "上海", "天津", "中国");
}

static void traditional_chinese_sorts_by_stroke_count(void **state)
{
	(void)state;
	/* 1, 2, 3, 5 strokes; in pinyin it would be er, san, si, yi. */
	EXPECT_ORDER("zh-Hant", "一", "二", "三", "四");
	EXPECT_ORDER("zh-Hans", "二", "三", "四", "一");
}

static void korean_sorts_by_jamo(void **state)
{
	(void)state;
	EXPECT_ORDER("ko", "가방", "나무", "다리", "라디오", "마음", "바다", "사람", "아이", "자동차", "차",
	             "카드", "타다", "파도", "하늘");
}

static void vietnamese_letters_with_marks_are_letters_of_their_own(void **state)
{
	(void)state;
	/* ă and â are letters after a, so "ăz" precedes "âa"; in the root
	 * order the marks are secondary and "âa" would come first. */
	EXPECT_ORDER("vi", "an", "az", "ăn", "ăz", "âa", "ân", "bé", "dê", "đi", "em", "ê");
	kg_collator *root = kg_collator_open("und");
	assert_true(kg_collator_compare(root, "âa", "ăz") < 0);
	kg_collator_close(root);
}

static void thai_sorts_by_consonant_before_leading_vowel(void **state)
{
	(void)state;
	/* ไก่ sorts under ก, เงิน under ง; byte order would put them last. */
	EXPECT_ORDER("th", "ไก่", "ขา", "คน", "เงิน", "ตำรวจ", "ไฟไหม้");
}

static void unknown_tags_fall_back_to_the_root_order(void **state)
{
	(void)state;
	const char *tags[] = {"chk", "not a tag", "", NULL};
	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
		kg_collator *c = kg_collator_open(tags[i]);
		assert_non_null(c);
		assert_true(kg_collator_compare(c, "apple", "Banana") < 0);
		assert_true(kg_collator_compare(c, "Banana", "apple") > 0);
		kg_collator_close(c);
	}
	kg_collator_close(NULL);
}

static void compare_is_total_and_consistent(void **state)
{
	(void)state;
	kg_collator *c = kg_collator_open("vi");
	assert_int_equal(kg_collator_compare(c, "phố", "phố"), 0);
	/* NFC and NFD spellings are equal to ICU; bytes break the tie. */
	const char *nfc = "ph\xE1\xBB\x91", *nfd = "pho\xCC\x82\xCC\x81";
	int ab = kg_collator_compare(c, nfc, nfd), ba = kg_collator_compare(c, nfd, nfc);
	assert_int_not_equal(ab, 0);
	assert_int_equal(ab, -ba);
	/* Ill-formed UTF-8 compares without crashing. */
	assert_int_not_equal(kg_collator_compare(c, "a\xFF", "a"), 0);
	kg_collator_close(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(simplified_chinese_sorts_by_pinyin),
	    cmocka_unit_test(traditional_chinese_sorts_by_stroke_count),
	    cmocka_unit_test(korean_sorts_by_jamo),
	    cmocka_unit_test(vietnamese_letters_with_marks_are_letters_of_their_own),
	    cmocka_unit_test(thai_sorts_by_consonant_before_leading_vowel),
	    cmocka_unit_test(unknown_tags_fall_back_to_the_root_order),
	    cmocka_unit_test(compare_is_total_and_consistent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
