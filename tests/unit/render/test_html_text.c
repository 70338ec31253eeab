/* test_html_text.c: page text as HTML (render/html_text.c) — escaping;
 * numbers with punctuation, URLs and e-mail addresses isolated left to
 * right in right-to-left text, and nothing else (plain numbers, a '('
 * that opens a phrase, sentence punctuation after a URL); Khmer words in
 * no-wrap spans at ICU's word boundaries, compounds kept whole. */
#include "kitgen/render/html.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static void assert_text(const char *tag, int rtl, const char *text, const char *expected)
{
	kg_buf b = KG_BUF_INIT;
	kg_html_text(text, strlen(text), tag, rtl, &b);
	assert_string_equal(b.data ? b.data : "", expected);
	kg_buf_release(&b);
}

static void text_is_escaped_and_left_alone_in_ltr(void **state)
{
	(void)state;
	assert_text("en", 0, "Call (808) 555-0142 & <b>", "Call (808) 555-0142 &amp; &lt;b&gt;");
	assert_text("en", 0, "", "");
}

static void phone_numbers_read_left_to_right_in_rtl(void **state)
{
	(void)state;
	assert_text("ur", 1, "فون (808) 555-0142 کریں", "فون <bdi dir=\"ltr\">(808) 555-0142</bdi> کریں");
	assert_text("ur", 1, "فون +1 808 555 0142۔", "فون <bdi dir=\"ltr\">+1 808 555 0142</bdi>۔");
	assert_text("ur", 1, "نمبر 1-800-843-5678 پر", "نمبر <bdi dir=\"ltr\">1-800-843-5678</bdi> پر");
	/* Urdu digits too */
	assert_text("ur", 1, "تاریخ ۲۰۲۶-۱۱-۰۱ کو", "تاریخ <bdi dir=\"ltr\">۲۰۲۶-۱۱-۰۱</bdi> کو");
}

static void plain_numbers_and_phrases_are_not_isolated(void **state)
{
	(void)state;
	/* a digit run is kept whole by the bidi algorithm itself */
	assert_text("ur", 1, "یہ 158 ہے", "یہ 158 ہے");
	/* two numbers apart stay apart: their order is the sentence's */
	assert_text("ur", 1, "سال 2020 5 لوگ", "سال 2020 5 لوگ");
	/* a '(' that opens words, a number ending a sentence, an item "1)" */
	assert_text("ur", 1, "(10 منٹ)", "(10 منٹ)");
	assert_text("ur", 1, "مرحلہ 3.", "مرحلہ 3.");
	assert_text("ur", 1, "1) پہلا", "1) پہلا");
	/* digits inside a word (v2.0) are the word's */
	assert_text("ur", 1, "v2.0 abc12-3", "v2.0 abc12-3");
}

static void urls_and_emails_are_isolated_without_their_punctuation(void **state)
{
	(void)state;
	assert_text("ur", 1, "دیکھیں https://example.org/a_(b)?q=1&x=2.",
	            "دیکھیں <bdi dir=\"ltr\">https://example.org/a_(b)?q=1&amp;x=2</bdi>.");
	assert_text("ur", 1, "(www.example.org)", "(<bdi dir=\"ltr\">www.example.org</bdi>)");
	assert_text("ur", 1, "لکھیں help@example.org، شکریہ",
	            "لکھیں <bdi dir=\"ltr\">help@example.org</bdi>، شکریہ");
	assert_text("ur", 1, "@ تنہا a@b", "@ تنہا a@b");
}

static void khmer_words_are_kept_whole(void **state)
{
	(void)state;
	/* ICU keeps the compound ស្ថានការណ៍ whole (Chromium's dictionary splits
	 * it): a long word (8 code points or more) is wrapped; short ones are
	 * left to the browser (the pages' size budget) */
	assert_text("km", 0, "ស្ថានការណ៍ខ្លួនអ្នក។ ok", "<kg-w>ស្ថានការណ៍</kg-w>ខ្លួនអ្នក។ ok");
	/* two long words side by side: a <wbr> between them */
	assert_text("km", 0, "ស្ថានការណ៍ស្ម័គ្រចិត្ត", "<kg-w>ស្ថានការណ៍</kg-w><wbr><kg-w>ស្ម័គ្រចិត្ត</kg-w>");
	/* a space between words needs no <wbr>; a short word no span */
	assert_text("km", 0, "ឬ ជួយ", "ឬ ជួយ");
	/* Khmer in an English page is treated the same */
	assert_text("en", 0, "Say ស្ថានការណ៍", "Say <kg-w>ស្ថានការណ៍</kg-w>");
	/* Thai is left to the browser */
	assert_text("th", 0, "สวัสดีครับ", "สวัสดีครับ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(text_is_escaped_and_left_alone_in_ltr),
	    cmocka_unit_test(phone_numbers_read_left_to_right_in_rtl),
	    cmocka_unit_test(plain_numbers_and_phrases_are_not_isolated),
	    cmocka_unit_test(urls_and_emails_are_isolated_without_their_punctuation),
	    cmocka_unit_test(khmer_words_are_kept_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
