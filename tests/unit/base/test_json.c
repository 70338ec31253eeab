/* test_json.c: the JSON writer — escaping, commas and layout. */
#include "kitgen/base/json.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static void strings_escape_quotes_backslashes_and_every_control_character(void **state)
{
	(void)state;
	kg_buf b = KG_BUF_INIT;
	char all[40];
	for (int c = 1; c < 32; c++)
		all[c - 1] = (char)c;
	strcpy(all + 31, "\"\\é");
	kg_json_escape(&b, all, strlen(all), 0);
	/* every control character as \u00XX, nothing raw below 0x20 */
	for (size_t i = 0; i < b.len; i++)
		assert_true((unsigned char)b.data[i] >= 0x20);
	assert_non_null(strstr(b.data, "\\u0001\\u0002"));
	assert_non_null(strstr(b.data, "\\u001f\\\"\\\\é"));
	kg_buf_release(&b);
}

static void script_mode_also_escapes_tags_ampersands_and_line_separators(void **state)
{
	(void)state;
	kg_buf b = KG_BUF_INIT;
	const char *s = "</script>&\xE2\x80\xA8\xE2\x80\xA9\xE2\x82\xAC";
	kg_json_escape(&b, s, strlen(s), KG_JSON_SCRIPT);
	assert_string_equal(b.data, "\\u003c/script\\u003e\\u0026\\u2028\\u2029\xE2\x82\xAC");
	kg_buf_reset(&b);
	kg_json_escape(&b, s, strlen(s), 0);
	assert_string_equal(b.data, s); /* plain JSON leaves them */
	kg_buf_release(&b);
}

static void nested_values_get_their_commas(void **state)
{
	(void)state;
	kg_buf b = KG_BUF_INIT;
	kg_json j;
	kg_json_init(&j, &b, 0);
	kg_json_object_begin(&j, NULL, NULL);
	kg_json_key(&j, "a");
	kg_json_int(&j, -3);
	kg_json_key(&j, "list");
	kg_json_array_begin(&j, NULL, NULL);
	kg_json_bool(&j, 1);
	kg_json_null(&j);
	kg_json_string(&j, "x");
	kg_json_uint(&j, 18446744073709551615ULL);
	kg_json_object_begin(&j, NULL, NULL);
	kg_json_end(&j);
	kg_json_end(&j);
	kg_json_key(&j, "s");
	kg_json_string(&j, NULL);
	kg_json_end(&j);
	assert_string_equal(
	    b.data, "{\"a\": -3, \"list\": [true, null, \"x\", 18446744073709551615, {}], \"s\": null}");
	kg_buf_release(&b);
}

static void line_layout_puts_items_on_their_own_lines(void **state)
{
	(void)state;
	kg_buf b = KG_BUF_INIT;
	kg_json j;
	kg_json_init(&j, &b, 0);
	kg_json_array_begin(&j, "\n  ", "\n");
	kg_json_raw(&j, "{\"kept\": 1}", 11);
	kg_json_object_begin(&j, NULL, NULL);
	kg_json_key(&j, "k");
	kg_json_int(&j, 1);
	kg_json_key_line(&j, "next", "\n   ");
	kg_json_int(&j, 2);
	kg_json_end(&j);
	kg_json_end(&j);
	assert_string_equal(b.data, "[\n  {\"kept\": 1},\n  {\"k\": 1,\n   \"next\": 2}\n]");
	kg_buf_release(&b);
}

static void an_empty_line_array_is_brackets(void **state)
{
	(void)state;
	kg_buf b = KG_BUF_INIT;
	kg_json j;
	kg_json_init(&j, &b, 0);
	kg_json_array_begin(&j, "\n ", NULL);
	kg_json_end(&j);
	assert_string_equal(b.data, "[]");
	kg_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(strings_escape_quotes_backslashes_and_every_control_character),
	    cmocka_unit_test(script_mode_also_escapes_tags_ampersands_and_line_separators),
	    cmocka_unit_test(nested_values_get_their_commas),
	    cmocka_unit_test(line_layout_puts_items_on_their_own_lines),
	    cmocka_unit_test(an_empty_line_array_is_brackets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
