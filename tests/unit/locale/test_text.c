/* test_locale_text.c: word segmentation, search folding, slugs, NFC and
 * numbers in any script's digits (src/locale/text.c). */
#include "kitgen/locale/locale.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <pthread.h>
#include <cmocka.h>

typedef struct word_list {
	const char *text;
	kg_buf joined; /* words separated by '|' */
	kg_buf concatenated;
	int count;
} word_list;

static void collect_word(void *ud, const char *word, size_t len, size_t offset)
{
	word_list *w = ud;
	assert_ptr_equal(word, w->text + offset); /* offsets point into the input */
	assert_true(len > 0);
	if (w->count++)
		kg_buf_putc(&w->joined, '|');
	kg_buf_add(&w->joined, word, len);
	kg_buf_add(&w->concatenated, word, len);
}

static void split(const char *tag, const char *text, word_list *w)
{
	w->text = text;
	kg_buf_init(&w->joined);
	kg_buf_init(&w->concatenated);
	w->count = 0;
	kg_locale_words(tag, text, strlen(text), collect_word, w);
}

static void release(word_list *w)
{
	kg_buf_release(&w->joined);
	kg_buf_release(&w->concatenated);
}

static void thai_text_without_spaces_splits_into_words(void **state)
{
	(void)state;
	word_list w;
	split("th", "ฉันรักภาษาไทย", &w);
	assert_true(w.count >= 3);
	assert_string_equal(w.concatenated.data, "ฉันรักภาษาไทย"); /* nothing lost */
	assert_non_null(strstr(w.joined.data, "ไทย"));
	release(&w);
}

static void chinese_text_splits_by_dictionary(void **state)
{
	(void)state;
	word_list w;
	split("zh-Hans", "我们报警了。", &w);
	assert_true(w.count >= 2);
	assert_string_equal(w.concatenated.data, "我们报警了"); /* the full stop is not a word */
	assert_non_null(strstr(w.joined.data, "报警"));
	release(&w);
}

static void khmer_text_splits_into_words(void **state)
{
	(void)state;
	word_list w;
	split("km", "ខ្ញុំស្រឡាញ់ភាសាខ្មែរ", &w);
	assert_true(w.count >= 2);
	assert_string_equal(w.concatenated.data, "ខ្ញុំស្រឡាញ់ភាសាខ្មែរ");
	release(&w);
}

static void spaces_and_punctuation_are_not_words(void **state)
{
	(void)state;
	word_list w;
	split("en", "Call 911, now! — “Stay safe.”", &w);
	assert_string_equal(w.joined.data, "Call|911|now|Stay|safe");
	release(&w);
	split("vi", "Bảo vệ người cao tuổi", &w);
	assert_string_equal(w.joined.data, "Bảo|vệ|người|cao|tuổi");
	release(&w);
}

static void word_offsets_survive_astral_and_ill_formed_input(void **state)
{
	(void)state;
	word_list w;
	/* U+1D400 (4 bytes, 2 UTF-16 units) and a stray 0xFF byte before words. */
	split("en", "\xF0\x9D\x90\x80 \xFF ok 𠀋x", &w);
	assert_non_null(strstr(w.joined.data, "ok"));
	release(&w);
	split("en", "", &w);
	assert_int_equal(w.count, 0);
	release(&w);
}

/* Each thread keeps a few word iterators and gives them new text (text.c,
 * "word iterators"). The breaks must be those of a new iterator whatever
 * ran before: more languages than kept iterators, in turn and again, a
 * break inside another's callback (the kept one is busy), five deep (more
 * than are kept), and on a thread of its own (under TSan in CI). LSan
 * does not see a thread's kept iterators if they are never closed (the
 * thread's key data stays reachable in glibc's cache of thread stacks), so
 * the destructor that closes them is not checked here. */
static const char *const samples[][2] = {
    {"km", "ខ្ញុំស្រឡាញ់ភាសាខ្មែរ"},      {"th", "ฉันรักภาษาไทย"},    {"zh-Hans", "我们报警了。"},
    {"ja", "警察に電話しました。"}, {"en", "Call 911, now!"}, {"vi", "Bảo vệ người cao tuổi"},
};
enum { SAMPLES = sizeof samples / sizeof samples[0] };

static void split_every_sample(kg_buf *joined)
{
	for (int i = 0; i < SAMPLES; i++) {
		word_list w;
		split(samples[i][0], samples[i][1], &w);
		kg_word_counter *wc = kg_word_counter_open(samples[i][0]); /* its own iterator */
		assert_int_equal(w.count, kg_word_counter_count(wc, samples[i][1], strlen(samples[i][1])));
		kg_word_counter_close(wc);
		kg_buf_printf(joined, "%s:%s\n", samples[i][0], w.joined.data);
		release(&w);
	}
}

typedef struct nested {
	int depth;
	kg_buf *joined;
} nested;

static void break_again(void *ud, const char *word, size_t len, size_t offset)
{
	nested *n = ud;
	(void)word, (void)len;
	if (offset != 0 || n->depth == 5)
		return;
	nested deeper = {n->depth + 1, n->joined};
	kg_buf_printf(n->joined, "depth %d\n", n->depth);
	kg_locale_words("km", samples[0][1], strlen(samples[0][1]), break_again, &deeper);
	split_every_sample(n->joined);
}

static void *split_on_a_thread(void *ud)
{
	split_every_sample(ud);
	return NULL;
}

static void kept_iterators_break_as_new_ones(void **state)
{
	(void)state;
	kg_buf first = KG_BUF_INIT, again = KG_BUF_INIT, on_thread = KG_BUF_INIT, inside = KG_BUF_INIT;
	split_every_sample(&first);
	assert_non_null(strstr(first.data, "en:Call|911|now\n"));
	split_every_sample(&again);
	assert_string_equal(first.data, again.data);

	nested top = {0, &inside};
	kg_locale_words("km", samples[0][1], strlen(samples[0][1]), break_again, &top);
	kg_buf want = KG_BUF_INIT;
	for (int d = 0; d < 5; d++)
		kg_buf_printf(&want, "depth %d\n", d);
	for (int d = 0; d < 5; d++)
		kg_buf_puts(&want, first.data);
	assert_string_equal(inside.data, want.data);

	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, split_on_a_thread, &on_thread), 0);
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_string_equal(first.data, on_thread.data);
	kg_buf_release(&first);
	kg_buf_release(&again);
	kg_buf_release(&on_thread);
	kg_buf_release(&inside);
	kg_buf_release(&want);
}

static void expect_fold(const char *word, int strip_marks, const char *folded)
{
	kg_buf b = KG_BUF_INIT;
	kg_locale_search_fold(word, strlen(word), strip_marks, &b);
	if (strcmp(b.data, folded))
		fail_msg("fold(\"%s\", %d) = \"%s\", want \"%s\"", word, strip_marks, b.data, folded);
	kg_buf_release(&b);
}

static void folding_matches_vietnamese_with_and_without_tones(void **state)
{
	(void)state;
	expect_fold("Phố", 1, "pho");
	expect_fold("pho", 1, "pho");
	expect_fold("Đường", 1, "duong");
	expect_fold("người cao tuổi", 1, "nguoi cao tuoi");
	/* Without stripping, tones still distinguish words. */
	expect_fold("Phố", 0, "phố");
	expect_fold("Đường", 0, "đường");
}

static void folding_applies_nfkc_and_case_folding(void **state)
{
	(void)state;
	expect_fold("ＡＢＣ", 0, "abc");
	expect_fold("Straße", 0, "strasse");
	expect_fold("ﬁre", 0, "fire");
	expect_fold("Cafe\xCC\x81", 0, "café"); /* NFD in, NFC out */
}

static void folding_keeps_marks_that_spell_vowels(void **state)
{
	(void)state;
	/* Thai, Devanagari and Khmer marks are vowels; dropping them would
	 * merge different words. Arabic vowel points are optional and go. */
	expect_fold("ภาษาไทย", 1, "ภาษาไทย");
	expect_fold("हिन्दी", 1, "हिन्दी");
	expect_fold("ខ្មែរ", 1, "ខ្មែរ");
	expect_fold("مُحَمَّد", 1, "محمد");
}

static void expect_slug(const char *text, const char *slug)
{
	kg_buf b = KG_BUF_INIT;
	kg_locale_slugify(text, &b);
	if (strcmp(b.data, slug))
		fail_msg("slugify(\"%s\") = \"%s\", want \"%s\"", text, b.data, slug);
	kg_buf_release(&b);
}

static void slugs_transliterate_to_lowercase_ascii(void **state)
{
	(void)state;
	expect_slug("Bảo vệ người cao tuổi", "bao-ve-nguoi-cao-tuoi");
	expect_slug("報警", "bao-jing");
	expect_slug("  Hello, World!! ", "hello-world");
	expect_slug("Đường phố 24/7", "duong-pho-24-7");
	expect_slug("", "");
	expect_slug("---", "");
}

static void slugs_are_deterministic_and_well_formed(void **state)
{
	(void)state;
	const char *titles[] = {"報警",          "한국어 안내", "ฉันรักภาษาไทย",   "اردو میں مدد",
	                        "Ōlelo Hawaiʻi", "Кто звонит?", "緊急時の連絡先"};
	for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++) {
		kg_buf a = KG_BUF_INIT, b = KG_BUF_INIT;
		kg_locale_slugify(titles[i], &a);
		kg_locale_slugify(titles[i], &b);
		assert_string_equal(a.data, b.data);
		assert_true(a.len > 0);
		assert_true(a.data[0] != '-' && a.data[a.len - 1] != '-');
		assert_null(strstr(a.data, "--"));
		for (size_t k = 0; k < a.len; k++)
			assert_true((a.data[k] >= 'a' && a.data[k] <= 'z') ||
			            (a.data[k] >= '0' && a.data[k] <= '9') || a.data[k] == '-');
		kg_buf_release(&a);
		kg_buf_release(&b);
	}
}

static void nfc_composes(void **state)
{
	(void)state;
	kg_buf b = KG_BUF_INIT;
	const char *nfd = "Vie\xCC\xA3\xCC\x82t M\xCC\xA7";
	kg_locale_nfc(nfd, strlen(nfd), &b);
	assert_string_equal(b.data, "Việt M̧"); /* M̧ has no precomposed form */
	kg_buf_release(&b);
}

static void collect_number(void *ud, const char *digits, size_t len)
{
	kg_buf *b = ud;
	kg_buf_add(b, digits, len);
	kg_buf_putc(b, ';');
}

static void expect_numbers(const char *text, const char *numbers)
{
	kg_buf b = KG_BUF_INIT;
	kg_locale_numbers(text, strlen(text), collect_number, &b);
	if (strcmp(b.data, numbers))
		fail_msg("numbers(\"%s\") = \"%s\", want \"%s\"", text, b.data, numbers);
	kg_buf_release(&b);
}

static void numbers_are_read_in_any_script_digits(void **state)
{
	(void)state;
	expect_numbers("९११ पर कॉल करें", "911;"); /* Devanagari */
	expect_numbers("ហៅលេខ ១២៣", "123;");     /* Khmer */
	expect_numbers("اتصل ب ٩١١", "911;");    /* Arabic-Indic */
	expect_numbers("۱۲۳۴", "1234;");         /* Extended Arabic-Indic (Urdu) */
	expect_numbers("โทร ๑๙๑", "191;");       /* Thai */
	expect_numbers("Call 911 or 112.", "911;112;");
}

static void numbers_ignore_single_group_separators(void **state)
{
	(void)state;
	expect_numbers("1,000 people", "1000;");
	expect_numbers("1.000.000", "1000000;");
	expect_numbers("12\xC2\xA0"
	               "345",
	               "12345;"); /* no-break space */
	expect_numbers("12\xE2\x80\xAF"
	               "345",
	               "12345;");           /* narrow no-break space */
	expect_numbers("١٢٬٣٤٥", "12345;"); /* Arabic thousands separator */
	expect_numbers("1,,000", "1;000;"); /* two separators end the number */
	expect_numbers("5, then 6.", "5;6;");
	expect_numbers("(415) 555-1234", "415;555;1234;");
	expect_numbers("no digits", "");
	expect_numbers("\xFF"
	               "7\xFF",
	               "7;");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(thai_text_without_spaces_splits_into_words),
	    cmocka_unit_test(chinese_text_splits_by_dictionary),
	    cmocka_unit_test(khmer_text_splits_into_words),
	    cmocka_unit_test(spaces_and_punctuation_are_not_words),
	    cmocka_unit_test(word_offsets_survive_astral_and_ill_formed_input),
	    cmocka_unit_test(kept_iterators_break_as_new_ones),
	    cmocka_unit_test(folding_matches_vietnamese_with_and_without_tones),
	    cmocka_unit_test(folding_applies_nfkc_and_case_folding),
	    cmocka_unit_test(folding_keeps_marks_that_spell_vowels),
	    cmocka_unit_test(slugs_transliterate_to_lowercase_ascii),
	    cmocka_unit_test(slugs_are_deterministic_and_well_formed),
	    cmocka_unit_test(nfc_composes),
	    cmocka_unit_test(numbers_are_read_in_any_script_digits),
	    cmocka_unit_test(numbers_ignore_single_group_separators),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
