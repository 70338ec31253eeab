/* test_checks.c: kg_check_translation(), the gate every translation passes
 * before it reaches a page. A translation may reword and reorder, but not
 * change, add or drop a link, address, number, code span or placeholder,
 * add raw HTML or bidi controls, or turn the unit into another block. */
#include "kitgen/i18n/localize.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* ---- Helpers ----------------------------------------------------------- */

static void assert_kept(const char *source, const char *translation)
{
	kg_buf why = KG_BUF_INIT;
	int rc = kg_check_translation(source, translation, 1, &why);
	if (rc != 0)
		fail_msg("refused \"%s\": %s", translation, why.data);
	assert_int_equal(why.len, 0);
	kg_buf_release(&why);
}

/* Expects a refusal whose reason contains each of the given parts. */
static void assert_refused_mode(int markdown, const char *source, const char *translation, const char *part1,
                                const char *part2)
{
	kg_buf why = KG_BUF_INIT;
	int rc = kg_check_translation(source, translation, markdown, &why);
	if (rc != -1)
		fail_msg("accepted \"%s\"", translation);
	if (!strstr(why.data, part1) || (part2 && !strstr(why.data, part2)))
		fail_msg("reason \"%s\" does not name \"%s\"%s%s", why.data, part1, part2 ? " and " : "",
		         part2 ? part2 : "");
	kg_buf_release(&why);
}

static void assert_refused(const char *source, const char *translation, const char *part1, const char *part2)
{
	assert_refused_mode(1, source, translation, part1, part2);
}

/* ---- Accepted ---------------------------------------------------------- */

static void translation_keeping_every_fact_is_accepted(void **state)
{
	(void)state;
	assert_kept("Call **911** or see [the guide](guide.md#help), then run `kitgen build` "
	            "and tell {{ agency }}.",
	            "Gọi **911** hoặc xem [hướng dẫn](guide.md#help), rồi chạy `kitgen build` "
	            "và báo {{ agency }}.");
	assert_kept("Write to help@example.org or visit www.example.org.",
	            "Viết cho help@example.org hoặc vào www.example.org.");
	assert_kept("![Two people](images/pair.svg)", "![Hai người](images/pair.svg)");
	assert_kept("Plain words.", "Từ ngữ.");
}

static void reordered_facts_are_accepted(void **state)
{
	(void)state;
	assert_kept("Call 911 first, then 555-0100.", "Trước hết 555-0100... không, trước hết 911.");
	assert_kept("[a](a.md) and [b](b.md)", "[B](b.md) và [A](a.md)");
}

static void placeholder_spacing_does_not_matter(void **state)
{
	(void)state;
	assert_kept("Call {{ hotline }}.", "Gọi {{hotline}}.");
}

static void devanagari_digits_match_ascii_digits(void **state)
{
	(void)state;
	assert_kept("Call 911 now.", "अभी ९११ पर कॉल करें।");
}

static void khmer_digits_match_ascii_digits(void **state)
{
	(void)state;
	assert_kept("Call 911 now.", "ហៅ ៩១១ ឥឡូវនេះ។");
	assert_kept("Open 24 hours.", "បើក ២៤ ម៉ោង។");
}

static void grouping_separators_do_not_split_numbers(void **state)
{
	(void)state;
	assert_kept("Up to 1,000 dollars.", "Tối đa 1.000 đô la.");
}

static void source_bidi_controls_may_stay(void **state)
{
	(void)state;
	assert_kept("Say \xE2\x80\xAB"
	            "abc"
	            "\xE2\x80\xAC here.",
	            "Nói \xE2\x80\xAB"
	            "abc"
	            "\xE2\x80\xAC đây.");
}

/* ---- Refused: numbers -------------------------------------------------- */

static void changed_number_is_refused(void **state)
{
	(void)state;
	assert_refused("Call 911 now.", "Gọi 991 ngay.", "drops the number '911'", "adds the number '991'");
}

static void dropped_number_is_refused(void **state)
{
	(void)state;
	assert_refused("Call 911 or 555-0100.", "Gọi 911.", "drops the number '555'", NULL);
}

static void added_number_is_refused(void **state)
{
	(void)state;
	assert_refused("Call the hotline.", "Gọi đường dây nóng 1-800-555-0199.", "adds the number '1'",
	               NULL);
}

static void wrong_foreign_digits_are_refused(void **state)
{
	(void)state;
	assert_refused("Call 911 now.", "अभी ९१२ पर कॉल करें।", "adds the number '912'", NULL);
}

/* ---- Refused: links, images, addresses, code, placeholders -------------- */

static void changed_link_target_is_refused(void **state)
{
	(void)state;
	assert_refused("See [help](https://example.org/help).", "Xem [trợ giúp](https://evil.test/help).",
	               "drops the link 'https://example.org/help'", "adds the link 'https://evil.test/help'");
}

static void changed_image_path_is_refused(void **state)
{
	(void)state;
	assert_refused("![Pair](images/pair.svg)", "![Cặp](images/other.svg)",
	               "drops the image 'images/pair.svg'", "adds the image 'images/other.svg'");
}

static void changed_plain_address_is_refused(void **state)
{
	(void)state;
	assert_refused("Write to help@example.org today.", "Viết cho help@evil.test hôm nay.",
	               "drops the address 'help@example.org'", NULL);
}

static void changed_code_is_refused(void **state)
{
	(void)state;
	assert_refused("Run `kitgen build`.", "Chạy `kitgen xây`.", "drops the code 'kitgen build'", NULL);
}

static void changed_placeholder_is_refused(void **state)
{
	(void)state;
	assert_refused("Call {{ hotline }}.", "Gọi {{ đường_dây }}.", "drops the placeholder 'hotline'",
	               "adds the placeholder 'đường_dây'");
	assert_refused("Call {{ hotline }}.", "Gọi đường dây nóng.", "drops the placeholder 'hotline'", NULL);
}

static void zero_width_space_in_url_changes_the_link(void **state)
{
	(void)state;
	assert_refused("See [help](https://example.org/help).",
	               "Xem [trợ giúp](https://exam\xE2\x80\x8Bple.org/help).",
	               "drops the link 'https://example.org/help'", "adds the link");
}

/* ---- Refused: markup --------------------------------------------------- */

static void added_raw_html_is_refused(void **state)
{
	(void)state;
	assert_refused("Stay calm.", "Hãy <b>bình tĩnh</b>.", "adds the html '<b>'", "adds the html '</b>'");
}

static void added_script_is_refused(void **state)
{
	(void)state;
	assert_refused("Stay calm.", "Hãy bình tĩnh.<script>alert(1)</script>", "adds the html '<script>'",
	               NULL);
	assert_refused("Stay calm.", "<img src=x onerror=alert(1)> ok", "adds the html '<img", NULL);
}

static void bidi_override_inside_text_is_refused(void **state)
{
	(void)state;
	assert_refused("Call 911.",
	               "Gọi \xE2\x80\xAE"
	               "119"
	               "\xE2\x80\xAC.",
	               "bidi override", NULL);
	/* An isolate (U+2066) is refused as well, even around the right number. */
	assert_refused("Call 911.",
	               "Gọi \xE2\x81\xA6"
	               "911"
	               "\xE2\x81\xA9.",
	               "bidi override", NULL);
}

static void translation_starting_a_list_is_refused(void **state)
{
	(void)state;
	assert_refused("Look around.", "- x", "not a single paragraph", "list");
	assert_refused("Look around.", "1. Nhìn quanh.", "not a single paragraph", NULL);
}

static void translation_starting_a_heading_is_refused(void **state)
{
	(void)state;
	assert_refused("Look around.", "# Nhìn quanh", "not a single paragraph", "heading");
	assert_refused("Look around.", "Nhìn\n\nquanh", "not a single paragraph", NULL);
	assert_refused("Look around.", "", "not a single paragraph", NULL);
}

/* ---- Plain-text mode (titles, summaries, UI strings) ------------------- */

static void plain_text_keeps_brace_placeholders(void **state)
{
	(void)state;
	kg_buf why = KG_BUF_INIT;
	assert_int_equal(kg_check_translation("Updated {date}", "Cập nhật {date}", 0, &why), 0);
	assert_int_equal(kg_check_translation("{count} pages in {lang}", "{lang}: {count} trang", 0, &why),
	                 0);
	/* Markdown is not parsed: a leading "- " is just text in a title. */
	assert_int_equal(kg_check_translation("Safety", "- An toàn -", 0, &why), 0);
	assert_int_equal(why.len, 0);
	kg_buf_release(&why);
	assert_refused_mode(0, "Updated {date}", "Cập nhật {day}", "drops the placeholder 'date'",
	                    "adds the placeholder 'day'");
	assert_refused_mode(0, "Updated {date}", "Cập nhật", "drops the placeholder 'date'", NULL);
	assert_refused_mode(0, "Page 1 of {total}", "Trang 2 / {total}", "drops the number '1'", NULL);
}

static void reasons_accumulate_in_order(void **state)
{
	(void)state;
	kg_buf why = KG_BUF_INIT;
	kg_buf_puts(&why, "earlier");
	assert_int_equal(kg_check_translation("Call 911.", "Gọi 912.", 1, &why), -1);
	assert_string_equal(why.data, "earlier; drops the number '911'; adds the number '912'");
	kg_buf_release(&why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(translation_keeping_every_fact_is_accepted),
	    cmocka_unit_test(reordered_facts_are_accepted),
	    cmocka_unit_test(placeholder_spacing_does_not_matter),
	    cmocka_unit_test(devanagari_digits_match_ascii_digits),
	    cmocka_unit_test(khmer_digits_match_ascii_digits),
	    cmocka_unit_test(grouping_separators_do_not_split_numbers),
	    cmocka_unit_test(source_bidi_controls_may_stay),
	    cmocka_unit_test(changed_number_is_refused),
	    cmocka_unit_test(dropped_number_is_refused),
	    cmocka_unit_test(added_number_is_refused),
	    cmocka_unit_test(wrong_foreign_digits_are_refused),
	    cmocka_unit_test(changed_link_target_is_refused),
	    cmocka_unit_test(changed_image_path_is_refused),
	    cmocka_unit_test(changed_plain_address_is_refused),
	    cmocka_unit_test(changed_code_is_refused),
	    cmocka_unit_test(changed_placeholder_is_refused),
	    cmocka_unit_test(zero_width_space_in_url_changes_the_link),
	    cmocka_unit_test(added_raw_html_is_refused),
	    cmocka_unit_test(added_script_is_refused),
	    cmocka_unit_test(bidi_override_inside_text_is_refused),
	    cmocka_unit_test(translation_starting_a_list_is_refused),
	    cmocka_unit_test(translation_starting_a_heading_is_refused),
	    cmocka_unit_test(plain_text_keeps_brace_placeholders),
	    cmocka_unit_test(reasons_accumulate_in_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
