/* test_yaml.c: the kg_yaml tree (positions of keys and values, refusals of
 * duplicate keys, aliases, anchors, deep nesting and invalid UTF-8), the
 * scalar readers and the "did you mean" helper. */
#include "kitgen/kit/yaml.h"

#include "kitgen/base/buf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* ---- Helpers ----------------------------------------------------------- */

static kg_yaml *parse(const char *text, kg_diags *d)
{
	return kg_yaml_parse(text, strlen(text), "kit.yaml", 1, d);
}

/* Parses text that must fail with at least one error; checks the first. */
static void assert_refused(const char *text, int line, const char *message_part)
{
	kg_diags d;
	kg_diags_init(&d);
	kg_yaml *root = parse(text, &d);
	assert_null(root);
	assert_true(d.errors >= 1);
	assert_int_equal(d.items[0].severity, KG_ERROR);
	assert_string_equal(d.items[0].file, "kit.yaml");
	assert_int_equal(d.items[0].line, line);
	assert_non_null(strstr(d.items[0].message, message_part));
	kg_diags_release(&d);
}

/* ---- Trees and positions ----------------------------------------------- */

static void keys_and_values_keep_their_line_and_column(void **state)
{
	(void)state;
	kg_diags d;
	kg_diags_init(&d);
	kg_yaml *root = parse("title: Hello\n"
	                      "languages:\n"
	                      "  - tag: vi\n"
	                      "    name:   \"Tiếng Việt\"\n",
	                      &d);
	assert_non_null(root);
	assert_int_equal(d.count, 0);
	assert_int_equal(root->kind, KG_YAML_MAP);
	assert_int_equal(root->count, 2);

	kg_yaml *title = kg_yaml_get(root, "title");
	assert_non_null(title);
	assert_int_equal(title->kind, KG_YAML_SCALAR);
	assert_string_equal(title->value, "Hello");
	assert_int_equal(title->key_line, 1);
	assert_int_equal(title->key_col, 1);
	assert_int_equal(title->line, 1);
	assert_int_equal(title->col, 8);
	assert_false(title->quoted);

	kg_yaml *langs = kg_yaml_get(root, "languages");
	assert_int_equal(langs->kind, KG_YAML_SEQ);
	assert_int_equal(langs->key_line, 2);
	assert_int_equal(langs->count, 1);
	kg_yaml *vi = langs->items[0];
	assert_int_equal(vi->kind, KG_YAML_MAP);
	assert_int_equal(vi->line, 3);
	assert_int_equal(vi->col, 5);
	kg_yaml *name = kg_yaml_get(vi, "name");
	assert_string_equal(name->value, "Tiếng Việt");
	assert_true(name->quoted);
	assert_int_equal(name->key_line, 4);
	assert_int_equal(name->key_col, 5);
	assert_int_equal(name->line, 4);
	assert_int_equal(name->col, 13);
	assert_null(kg_yaml_get(vi, "missing"));
	assert_null(kg_yaml_get(name, "name")); /* not a map */
	kg_yaml_free(root);
	kg_diags_release(&d);
}

static void first_line_shifts_every_position(void **state)
{
	(void)state;
	kg_diags d;
	kg_diags_init(&d);
	/* Front matter: the YAML starts on line 2 of the page. */
	kg_yaml *root = kg_yaml_parse("title: A\norder: 3\n", 17, "content/a.md", 2, &d);
	assert_non_null(root);
	assert_int_equal(kg_yaml_get(root, "title")->line, 2);
	assert_int_equal(kg_yaml_get(root, "order")->key_line, 3);
	kg_yaml_free(root);
	kg_diags_release(&d);
}

static void empty_document_is_an_empty_map(void **state)
{
	(void)state;
	const char *texts[] = {"", "\n\n", "# only a comment\n", "---\n"};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		kg_diags d;
		kg_diags_init(&d);
		kg_yaml *root = parse(texts[i], &d);
		assert_non_null(root);
		assert_int_equal(root->kind, KG_YAML_MAP);
		assert_int_equal(root->count, 0);
		assert_int_equal(d.count, 0);
		kg_yaml_free(root);
		kg_diags_release(&d);
	}
}

static void quoted_empty_string_is_a_scalar_not_an_empty_map(void **state)
{
	(void)state;
	kg_diags d;
	kg_diags_init(&d);
	kg_yaml *root = parse("\"\"\n", &d);
	assert_non_null(root);
	assert_int_equal(root->kind, KG_YAML_SCALAR);
	assert_true(root->quoted);
	kg_yaml_free(root);
	kg_diags_release(&d);
}

/* ---- Refusals ---------------------------------------------------------- */

static void duplicate_key_names_the_first_line(void **state)
{
	(void)state;
	kg_diags d;
	kg_diags_init(&d);
	kg_yaml *root = parse("title: A\nbase_url: /\n\ntitle: B\n", &d);
	assert_null(root);
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.items[0].line, 4);
	assert_int_equal(d.items[0].col, 1);
	assert_string_equal(d.items[0].message, "duplicate key 'title' (first at line 1)");
	kg_diags_release(&d);
}

static void duplicate_key_in_a_nested_map_is_refused(void **state)
{
	(void)state;
	assert_refused("languages:\n  - tag: vi\n    tag: km\n", 3, "duplicate key 'tag' (first at line 2)");
}

static void aliases_are_refused(void **state)
{
	(void)state;
	assert_refused("a: &x hello\nb: *x\n", 1, "anchors are not supported");
	assert_refused("a: hello\nb: *x\n", 2, "");
}

static void alias_to_a_map_is_refused(void **state)
{
	(void)state;
	kg_diags d;
	kg_diags_init(&d);
	/* An anchor on a map is refused where it stands, like one on a scalar. */
	kg_yaml *root = parse("base: &b\n  x: 1\ncopy: *b\n", &d);
	assert_null(root);
	assert_true(d.errors >= 1);
	assert_int_equal(d.items[0].line, 1);
	assert_non_null(strstr(d.items[0].message, "anchors are not supported"));
	kg_diags_release(&d);
}

static void billion_laughs_is_refused_early(void **state)
{
	(void)state;
	/* Refused at the first anchor, before any alias could expand it. */
	assert_refused("a: &a [\"lol\",\"lol\"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n", 1,
	               "anchors are not supported");
}

static void nesting_deeper_than_the_limit_is_refused(void **state)
{
	(void)state;
	kg_buf text = KG_BUF_INIT;
	for (int i = 0; i < 100; i++)
		kg_buf_putc(&text, '[');
	for (int i = 0; i < 100; i++)
		kg_buf_putc(&text, ']');
	kg_buf_putc(&text, '\n');
	assert_refused(text.data, 1, "nesting deeper than 64 levels");

	/* Sixty levels are fine. */
	kg_buf_reset(&text);
	for (int i = 0; i < 60; i++)
		kg_buf_putc(&text, '[');
	for (int i = 0; i < 60; i++)
		kg_buf_putc(&text, ']');
	kg_diags d;
	kg_diags_init(&d);
	kg_yaml *root = parse(text.data, &d);
	assert_non_null(root);
	assert_int_equal(root->kind, KG_YAML_SEQ);
	kg_yaml_free(root);
	kg_diags_release(&d);
	kg_buf_release(&text);
}

static void invalid_utf8_is_an_error(void **state)
{
	(void)state;
	assert_refused("title: caf\xE9\n", 1, "invalid UTF-8");
	kg_diags d;
	kg_diags_init(&d);
	assert_null(parse("title: ok\nname: \xC3\x28\n", &d));
	assert_int_equal(d.errors, 1);
	assert_non_null(strstr(d.items[0].message, "invalid UTF-8"));
	kg_diags_release(&d);
}

static void more_than_one_document_is_refused(void **state)
{
	(void)state;
	assert_refused("a: 1\n---\nb: 2\n", 2, "more than one YAML document");
}

static void syntax_error_is_placed(void **state)
{
	(void)state;
	kg_diags d;
	kg_diags_init(&d);
	kg_yaml *root = parse("title: A\n  bad: indent\n", &d);
	assert_null(root);
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.items[0].line, 2);
	assert_true(d.items[0].col > 0);
	kg_diags_release(&d);
}

static void map_keys_must_be_scalars(void **state)
{
	(void)state;
	assert_refused("? [a, b]\n: c\n", 1, "map keys must be plain words");
}

/* ---- Scalar readers ---------------------------------------------------- */

static void int_reader_accepts_plain_numbers_only(void **state)
{
	(void)state;
	kg_diags d;
	kg_diags_init(&d);
	kg_yaml *root = parse("a: 42\nb: \"42\"\nc: 4x\nd: -7\ne: [1]\n", &d);
	assert_non_null(root);
	long v = 0;
	assert_int_equal(kg_yaml_int(kg_yaml_get(root, "a"), "a", "kit.yaml", &v, &d), 0);
	assert_int_equal(v, 42);
	assert_int_equal(kg_yaml_int(kg_yaml_get(root, "d"), "d", "kit.yaml", &v, &d), 0);
	assert_int_equal(v, -7);
	assert_int_equal(d.count, 0);
	assert_int_equal(kg_yaml_int(kg_yaml_get(root, "b"), "b", "kit.yaml", &v, &d), -1);
	assert_int_equal(kg_yaml_int(kg_yaml_get(root, "c"), "c", "kit.yaml", &v, &d), -1);
	assert_int_equal(kg_yaml_int(kg_yaml_get(root, "e"), "e", "kit.yaml", &v, &d), -1);
	assert_int_equal(v, -7);
	assert_int_equal(d.errors, 3);
	assert_string_equal(d.items[0].message, "'b' must be a whole number");
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[0].col, 4);
	kg_yaml_free(root);
	kg_diags_release(&d);
}

static void bool_reader_accepts_true_false_yes_no(void **state)
{
	(void)state;
	kg_diags d;
	kg_diags_init(&d);
	kg_yaml *root = parse("a: true\nb: no\nc: \"true\"\nd: 1\n", &d);
	int v = -1;
	assert_int_equal(kg_yaml_bool(kg_yaml_get(root, "a"), "a", "kit.yaml", &v, &d), 0);
	assert_int_equal(v, 1);
	assert_int_equal(kg_yaml_bool(kg_yaml_get(root, "b"), "b", "kit.yaml", &v, &d), 0);
	assert_int_equal(v, 0);
	assert_int_equal(kg_yaml_bool(kg_yaml_get(root, "c"), "c", "kit.yaml", &v, &d), -1);
	assert_int_equal(kg_yaml_bool(kg_yaml_get(root, "d"), "d", "kit.yaml", &v, &d), -1);
	assert_int_equal(d.errors, 2);
	assert_string_equal(d.items[1].message, "'d' must be true or false");
	kg_yaml_free(root);
	kg_diags_release(&d);
}

static void string_reader_refuses_lists_and_replaces_old_value(void **state)
{
	(void)state;
	kg_diags d;
	kg_diags_init(&d);
	kg_yaml *root = parse("a: text\nb: [x]\n", &d);
	char *out = strdup("old");
	assert_int_equal(kg_yaml_string(kg_yaml_get(root, "a"), "a", "kit.yaml", &out, &d), 0);
	assert_string_equal(out, "text");
	assert_int_equal(kg_yaml_string(kg_yaml_get(root, "b"), "b", "kit.yaml", &out, &d), -1);
	assert_string_equal(out, "text");
	assert_string_equal(d.items[0].message, "'b' must be a text value");
	assert_int_equal(d.items[0].line, 2);
	free(out);
	kg_yaml_free(root);
	kg_diags_release(&d);
}

/* ---- Suggestions ------------------------------------------------------- */

static void closest_word_suggests_within_two_edits(void **state)
{
	(void)state;
	static const char *const keys[] = {"title", "base_url", "languages", "source_language", NULL};
	assert_string_equal(kg_closest_word("titel", keys), "title");
	assert_string_equal(kg_closest_word("language", keys), "languages");
	assert_string_equal(kg_closest_word("base-url", keys), "base_url");
	assert_string_equal(kg_closest_word("title", keys), "title");
	assert_null(kg_closest_word("output", keys));
	assert_null(kg_closest_word("ti", keys)); /* three edits away */
	static const char *const none[] = {NULL};
	assert_null(kg_closest_word("anything", none));
}

static void closest_word_prefers_the_nearest_candidate(void **state)
{
	(void)state;
	static const char *const words[] = {"elders", "youth", "everyone", NULL};
	assert_string_equal(kg_closest_word("elder", words), "elders");
	assert_string_equal(kg_closest_word("youths", words), "youth");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(keys_and_values_keep_their_line_and_column),
	    cmocka_unit_test(first_line_shifts_every_position),
	    cmocka_unit_test(empty_document_is_an_empty_map),
	    cmocka_unit_test(quoted_empty_string_is_a_scalar_not_an_empty_map),
	    cmocka_unit_test(duplicate_key_names_the_first_line),
	    cmocka_unit_test(duplicate_key_in_a_nested_map_is_refused),
	    cmocka_unit_test(aliases_are_refused),
	    cmocka_unit_test(alias_to_a_map_is_refused),
	    cmocka_unit_test(billion_laughs_is_refused_early),
	    cmocka_unit_test(nesting_deeper_than_the_limit_is_refused),
	    cmocka_unit_test(invalid_utf8_is_an_error),
	    cmocka_unit_test(more_than_one_document_is_refused),
	    cmocka_unit_test(syntax_error_is_placed),
	    cmocka_unit_test(map_keys_must_be_scalars),
	    cmocka_unit_test(int_reader_accepts_plain_numbers_only),
	    cmocka_unit_test(bool_reader_accepts_true_false_yes_no),
	    cmocka_unit_test(string_reader_refuses_lists_and_replaces_old_value),
	    cmocka_unit_test(closest_word_suggests_within_two_edits),
	    cmocka_unit_test(closest_word_prefers_the_nearest_candidate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
