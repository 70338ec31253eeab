/* test_locale_tags.c: language tags, CLDR coverage, names, direction and
 * script (src/locale/tags.c). Expected names are ICU 72's CLDR data. */
#include "kitgen/locale/locale.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static void expect_canonical(const char *tag, int rc, const char *canonical)
{
	kg_buf b = KG_BUF_INIT;
	int got = kg_locale_canonicalize(tag, &b);
	if (got != rc || strcmp(b.data, canonical))
		fail_msg("canonicalize(\"%s\") = %d \"%s\", want %d \"%s\"", tag ? tag : "(null)", got,
		         b.data ? b.data : "", rc, canonical);
	kg_buf_release(&b);
}

static void canonicalize_accepts_well_formed_tags_and_fixes_case(void **state)
{
	(void)state;
	expect_canonical("en", 0, "en");
	expect_canonical("ZH-hant", 0, "zh-Hant");
	expect_canonical("zh-hant-tw", 0, "zh-Hant-TW");
	expect_canonical("en-us", 0, "en-US");
	expect_canonical("iw", 0, "he"); /* deprecated code, replaced */
	expect_canonical("und", 0, "und");
}

static void canonicalize_accepts_languages_icu_has_no_data_for(void **state)
{
	(void)state;
	expect_canonical("chk", 0, "chk");
	expect_canonical("mh", 0, "mh");
	expect_canonical("pau", 0, "pau");
	expect_canonical("hmn", 0, "hmn");
	expect_canonical("sm", 0, "sm");
}

static void canonicalize_rejects_posix_names_but_suggests_the_tag(void **state)
{
	(void)state;
	expect_canonical("zh_TW.UTF-8", -1, "zh-TW");
	expect_canonical("zh_TW", -1, "zh-TW");
	expect_canonical("pt_BR", -1, "pt-BR");
	expect_canonical("sr_RS@latin", -1, "sr-Latn-RS");
	expect_canonical("vi_VN.utf8@euro", -1, "vi-VN");
}

static void canonicalize_rejects_words_and_suggests_only_known_names(void **state)
{
	(void)state;
	expect_canonical("chinese", -1, "zh"); /* ICU's English name for zh */
	expect_canonical("Vietnamese", -1, "vi");
	expect_canonical("klingonese", -1, "");
	expect_canonical("", -1, "");
	expect_canonical("12", -1, "");
	expect_canonical(NULL, -1, "");
}

static void canonicalize_appends_after_existing_content(void **state)
{
	(void)state;
	kg_buf b = KG_BUF_INIT;
	kg_buf_puts(&b, "lang=");
	assert_int_equal(kg_locale_canonicalize("ZH-hant", &b), 0);
	assert_string_equal(b.data, "lang=zh-Hant");
	assert_int_equal(kg_locale_canonicalize("nonsense words", &b), -1);
	assert_string_equal(b.data, "lang=zh-Hant");
	kg_buf_release(&b);
}

static void expect_from_posix(const char *name, const char *tag)
{
	kg_buf b = KG_BUF_INIT;
	kg_locale_from_posix(name, &b);
	if (strcmp(b.data, tag))
		fail_msg("from_posix(\"%s\") = \"%s\", want \"%s\"", name, b.data, tag);
	kg_buf_release(&b);
}

static void from_posix_reads_po_language_headers(void **state)
{
	(void)state;
	expect_from_posix("zh_TW", "zh-TW");
	expect_from_posix("zh_TW.UTF-8", "zh-TW");
	expect_from_posix("pt_BR", "pt-BR");
	expect_from_posix("vi", "vi");
	expect_from_posix("zh-Hant", "zh-Hant");
	expect_from_posix("C", "und");
}

static void has_data_follows_icu_locale_coverage(void **state)
{
	(void)state;
	assert_true(kg_locale_has_data("vi"));
	assert_true(kg_locale_has_data("zh-Hant"));
	assert_true(kg_locale_has_data("km"));
	assert_true(kg_locale_has_data("fil"));
	assert_true(kg_locale_has_data("haw"));
	assert_false(kg_locale_has_data("tl")); /* ICU has fil, not tl */
	assert_false(kg_locale_has_data("chk"));
	assert_false(kg_locale_has_data("mh"));
	assert_false(kg_locale_has_data("hmn"));
	assert_false(kg_locale_has_data("not a tag"));
	/* POSIX names are read as their tag; English words are not tags. */
	assert_true(kg_locale_has_data("zh_TW.UTF-8"));
	assert_false(kg_locale_has_data("chinese"));
}

static void expect_endonym(const char *tag, const char *name)
{
	kg_buf b = KG_BUF_INIT;
	int rc = kg_locale_endonym(tag, &b);
	if (rc || strcmp(b.data, name))
		fail_msg("endonym(%s) = %d \"%s\", want \"%s\"", tag, rc, b.data, name);
	kg_buf_release(&b);
}

static void endonyms_come_from_the_language_own_data(void **state)
{
	(void)state;
	expect_endonym("km", "ខ្មែរ");
	expect_endonym("vi", "Tiếng Việt");
	expect_endonym("zh-Hant", "中文（繁體）");
	expect_endonym("ur", "اردو");
	expect_endonym("haw", "ʻŌlelo Hawaiʻi");
}

static void endonym_is_missing_when_icu_would_fall_back_to_english(void **state)
{
	(void)state;
	const char *missing[] = {"chk", "mh", "pau", "hmn", "sm", "tl", "x-whatever"};
	for (size_t i = 0; i < sizeof missing / sizeof missing[0]; i++) {
		kg_buf b = KG_BUF_INIT;
		if (kg_locale_endonym(missing[i], &b) != -1 || b.len)
			fail_msg("endonym(%s) should be missing, got \"%s\"", missing[i], b.data);
		kg_buf_release(&b);
	}
}

static void endonyms_are_nfc(void **state)
{
	(void)state;
	const char *tags[] = {"vi", "haw", "km", "hi", "ko", "to"};
	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
		kg_buf name = KG_BUF_INIT, nfc = KG_BUF_INIT;
		assert_int_equal(kg_locale_endonym(tags[i], &name), 0);
		kg_locale_nfc(name.data, name.len, &nfc);
		assert_string_equal(name.data, nfc.data);
		kg_buf_release(&name);
		kg_buf_release(&nfc);
	}
}

static void english_names_cover_languages_without_data(void **state)
{
	(void)state;
	kg_buf b = KG_BUF_INIT;
	assert_int_equal(kg_locale_english_name("vi", &b), 0);
	assert_string_equal(b.data, "Vietnamese");
	kg_buf_reset(&b);
	assert_int_equal(kg_locale_english_name("chk", &b), 0);
	assert_string_equal(b.data, "Chuukese");
	kg_buf_reset(&b);
	assert_int_equal(kg_locale_english_name("qaa", &b), -1); /* private use range */
	assert_int_equal(b.len, 0);
	kg_buf_release(&b);
}

static void direction_is_rtl_for_arabic_script_languages(void **state)
{
	(void)state;
	assert_true(kg_locale_is_rtl("ur"));
	assert_true(kg_locale_is_rtl("ar"));
	assert_true(kg_locale_is_rtl("he"));
	assert_true(kg_locale_is_rtl("fa"));
	assert_false(kg_locale_is_rtl("en"));
	assert_false(kg_locale_is_rtl("zh-Hant"));
	assert_false(kg_locale_is_rtl("km"));
	assert_false(kg_locale_is_rtl("chk"));
	assert_false(kg_locale_is_rtl("not a tag"));
}

static void expect_script(const char *tag, const char *script)
{
	kg_buf b = KG_BUF_INIT;
	kg_locale_script(tag, &b);
	if (strcmp(b.data, script))
		fail_msg("script(%s) = \"%s\", want \"%s\"", tag, b.data, script);
	kg_buf_release(&b);
}

static void script_adds_likely_subtags(void **state)
{
	(void)state;
	expect_script("zh-Hant", "Hant");
	expect_script("zh", "Hans");
	expect_script("zh-TW", "Hant");
	expect_script("ur", "Arab");
	expect_script("ko", "Kore");
	expect_script("km", "Khmr");
	expect_script("mh", "Latn");
	expect_script("hmn", ""); /* no likely script for Hmong in ICU 72 */
}

/* kg_locale_script and kg_locale_is_rtl remember each thread's last few
 * tags. Answers asked in a shuffled order, many times, on one thread must
 * equal those a new thread (nothing remembered) gets for each tag alone:
 * more tags than the memory holds, a tag too long to be remembered, a
 * non-tag and the empty tag among them. */
static const char *const memo_tags[] = {
    "en", "km",  "ur",        "zh-Hant", "zh-TW",
    "zh", "ko",  "th",        "hi",      "ar",
    "mh", "hmn", "not a tag", "",        "sr-Latn-RS-u-ca-gregory-nu-latn-x-private",
};
enum { MEMO_TAGS = sizeof(memo_tags) / sizeof(memo_tags[0]) };

typedef struct fresh_answer {
	const char *tag;
	char script[16];
	int rtl;
} fresh_answer;

static void *answer_on_new_thread(void *p)
{
	fresh_answer *a = p;
	kg_buf b = KG_BUF_INIT;
	kg_locale_script(a->tag, &b);
	snprintf(a->script, sizeof(a->script), "%s", b.data ? b.data : "");
	a->rtl = kg_locale_is_rtl(a->tag);
	kg_buf_release(&b);
	return NULL;
}

static void remembered_answers_equal_fresh_ones(void **state)
{
	(void)state;
	fresh_answer fresh[MEMO_TAGS];
	for (int i = 0; i < MEMO_TAGS; i++) {
		fresh[i].tag = memo_tags[i];
		pthread_t t;
		assert_int_equal(pthread_create(&t, NULL, answer_on_new_thread, &fresh[i]), 0);
		pthread_join(t, NULL);
	}
	assert_string_equal(fresh[1].script, "Khmr");
	assert_true(fresh[2].rtl);
	uint32_t seed = 12345;
	for (int round = 0; round < 2000; round++) {
		seed = seed * 1103515245u + 12345u;
		int i = (int)((seed >> 16) % MEMO_TAGS);
		kg_buf b = KG_BUF_INIT;
		kg_locale_script(memo_tags[i], &b);
		if (strcmp(b.data ? b.data : "", fresh[i].script))
			fail_msg("round %d: script(%s) = \"%s\", a new thread said \"%s\"", round,
			         memo_tags[i], b.data ? b.data : "", fresh[i].script);
		if (kg_locale_is_rtl(memo_tags[i]) != fresh[i].rtl)
			fail_msg("round %d: is_rtl(%s) differs from a new thread's", round, memo_tags[i]);
		kg_buf_release(&b);
	}
}

/* Same language after likely subtags (a catalog's Language header against
 * its folder): POSIX names, regions and scripts that agree, tl and fil. */
static void same_language_adds_likely_subtags(void **state)
{
	(void)state;
	assert_true(kg_locale_same_language("zh-TW", "zh-Hant"));
	assert_true(kg_locale_same_language("zh_CN", "zh-Hans"));
	assert_true(kg_locale_same_language("tl", "fil"));
	assert_true(kg_locale_same_language("ur_PK", "ur"));
	assert_false(kg_locale_same_language("zh-Hant", "zh-Hans"));
	assert_false(kg_locale_same_language("km", "th"));
	assert_false(kg_locale_same_language("en", "not a tag"));
	assert_false(kg_locale_same_language("", "en"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(canonicalize_accepts_well_formed_tags_and_fixes_case),
	    cmocka_unit_test(canonicalize_accepts_languages_icu_has_no_data_for),
	    cmocka_unit_test(canonicalize_rejects_posix_names_but_suggests_the_tag),
	    cmocka_unit_test(canonicalize_rejects_words_and_suggests_only_known_names),
	    cmocka_unit_test(canonicalize_appends_after_existing_content),
	    cmocka_unit_test(from_posix_reads_po_language_headers),
	    cmocka_unit_test(has_data_follows_icu_locale_coverage),
	    cmocka_unit_test(endonyms_come_from_the_language_own_data),
	    cmocka_unit_test(endonym_is_missing_when_icu_would_fall_back_to_english),
	    cmocka_unit_test(endonyms_are_nfc),
	    cmocka_unit_test(english_names_cover_languages_without_data),
	    cmocka_unit_test(direction_is_rtl_for_arabic_script_languages),
	    cmocka_unit_test(script_adds_likely_subtags),
	    cmocka_unit_test(remembered_answers_equal_fresh_ones),
	    cmocka_unit_test(same_language_adds_likely_subtags),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
