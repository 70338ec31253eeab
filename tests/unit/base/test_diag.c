/* test_diag.c: the diagnostics list — counting, sorting by position,
 * dropping duplicates, --strict, and the one printer in its text and JSON
 * forms (printed to a temporary file and compared byte for byte). */
#include "kitgen/base/diag.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* ---- Helpers ----------------------------------------------------------- */

/* Prints d in format to a temporary file; returns the text (caller frees). */
static char *print_to_string(const kg_diags *d, enum kg_diag_format format, int color)
{
	FILE *f = tmpfile();
	assert_non_null(f);
	kg_diags_print(d, f, format, color);
	long len = ftell(f);
	assert_true(len >= 0);
	rewind(f);
	char *text = calloc(1, (size_t)len + 1);
	assert_int_equal(fread(text, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	return text;
}

/* ---- Tests ------------------------------------------------------------- */

static void adding_counts_errors_and_warnings(void **state)
{
	(void)state;
	kg_diags d;
	kg_diags_init(&d);
	kg_error(&d, "kit.yaml", 3, 5, "unknown key '%s'", "titel");
	kg_warning(&d, "kit.yaml", 4, 1, "no CLDR data for '%s'", "chk");
	kg_diag_add(&d, KG_NOTE, NULL, 0, 0, "%d pages", 12);
	assert_int_equal(d.count, 3);
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.warnings, 1);
	assert_string_equal(d.items[0].message, "unknown key 'titel'");
	assert_string_equal(d.items[0].file, "kit.yaml");
	assert_int_equal(d.items[0].line, 3);
	assert_int_equal(d.items[0].col, 5);
	assert_null(d.items[2].file);
	assert_string_equal(d.items[2].message, "12 pages");
	kg_diags_release(&d);
	assert_int_equal(d.count, 0);
}

static void warnings_count_as_failures_only_when_strict(void **state)
{
	(void)state;
	kg_diags d;
	kg_diags_init(&d);
	kg_warning(&d, "a.po", 1, 1, "translation refused");
	kg_warning(&d, "b.po", 2, 1, "translation refused");
	kg_diag_add(&d, KG_NOTE, "c.po", 1, 1, "just a note");
	assert_int_equal(kg_diags_failures(&d), 0);
	d.warnings_as_errors = 1;
	assert_int_equal(kg_diags_failures(&d), 2);
	kg_error(&d, "kit.yaml", 1, 1, "broken");
	assert_int_equal(kg_diags_failures(&d), 3);
	d.warnings_as_errors = 0;
	assert_int_equal(kg_diags_failures(&d), 1);
	kg_diags_release(&d);
}

static void sort_orders_by_file_line_then_column(void **state)
{
	(void)state;
	kg_diags d;
	kg_diags_init(&d);
	kg_error(&d, "content/b.md", 2, 1, "b2");
	kg_error(&d, "content/a.md", 10, 1, "a10");
	kg_error(&d, "content/a.md", 2, 7, "a2c7");
	kg_error(&d, "content/a.md", 2, 3, "a2c3");
	kg_error(&d, "content/a.md", 9, 1, "a9");
	kg_warning(&d, "content/a.md", 2, 3, "a2c3 warning");
	kg_diags_sort(&d);
	const char *order[] = {"a2c3", "a2c3 warning", "a2c7", "a9", "a10", "b2"};
	assert_int_equal(d.count, 6);
	for (size_t i = 0; i < 6; i++)
		assert_string_equal(d.items[i].message, order[i]);
	kg_diags_release(&d);
}

static void sort_puts_errors_before_warnings_at_one_place(void **state)
{
	(void)state;
	kg_diags d;
	kg_diags_init(&d);
	kg_warning(&d, "a.md", 1, 1, "a");
	kg_error(&d, "a.md", 1, 1, "z");
	kg_diags_sort(&d);
	assert_int_equal(d.items[0].severity, KG_ERROR);
	assert_int_equal(d.items[1].severity, KG_WARNING);
	kg_diags_release(&d);
}

static void sort_drops_duplicates_and_fixes_counts(void **state)
{
	(void)state;
	kg_diags d;
	kg_diags_init(&d);
	/* Two threads reporting the same broken link, a warning twice, and
	 * near-duplicates that must stay. */
	kg_error(&d, "x.md", 4, 2, "link to a page that does not exist: 'y.md'");
	kg_warning(&d, "x.po", 9, 1, "translation refused");
	kg_error(&d, "x.md", 4, 2, "link to a page that does not exist: 'y.md'");
	kg_warning(&d, "x.po", 9, 1, "translation refused");
	kg_error(&d, "x.md", 4, 3, "link to a page that does not exist: 'y.md'");
	kg_warning(&d, "x.po", 9, 1, "translation refused ");
	assert_int_equal(d.errors, 3);
	assert_int_equal(d.warnings, 3);
	kg_diags_sort(&d);
	assert_int_equal(d.count, 4);
	assert_int_equal(d.errors, 2);
	assert_int_equal(d.warnings, 2);
	kg_diags_release(&d);
}

static void text_output_is_file_line_col_severity_message(void **state)
{
	(void)state;
	kg_diags d;
	kg_diags_init(&d);
	kg_error(&d, "kit.yaml", 3, 5, "unknown key 'titel'");
	kg_warning(&d, "locales/vi/a.po", 12, 0, "translation refused");
	kg_error(&d, "content/x.md", 0, 0, "cannot read");
	kg_diag_add(&d, KG_NOTE, NULL, 0, 0, "2 pages skipped");
	char *text = print_to_string(&d, KG_DIAG_TEXT, 0);
	assert_string_equal(text, "kit.yaml:3:5: error: unknown key 'titel'\n"
	                          "locales/vi/a.po:12: warning: translation refused\n"
	                          "content/x.md: error: cannot read\n"
	                          "kitgen: note: 2 pages skipped\n");
	free(text);
	kg_diags_release(&d);
}

static void color_output_wraps_file_and_severity(void **state)
{
	(void)state;
	kg_diags d;
	kg_diags_init(&d);
	kg_error(&d, "kit.yaml", 1, 2, "bad");
	char *text = print_to_string(&d, KG_DIAG_TEXT, 1);
	assert_string_equal(text, "\033[1mkit.yaml:1:2:\033[0m \033[1;31merror:\033[0m bad\n");
	free(text);
	kg_diags_release(&d);
}

static void json_output_escapes_strings(void **state)
{
	(void)state;
	kg_diags d;
	kg_diags_init(&d);
	kg_error(&d, "content/\"q\".md", 3, 5, "tab\there, back\\slash, \"quote\" and é");
	kg_diag_add(&d, KG_NOTE, NULL, 0, 0, "no file");
	char *text = print_to_string(&d, KG_DIAG_JSON, 0);
	assert_string_equal(
	    text, "[\n"
	          " {\"severity\": \"error\", \"file\": \"content/\\\"q\\\".md\", \"line\": 3, "
	          "\"column\": 5, \"message\": \"tab\\u0009here, back\\\\slash, \\\"quote\\\" and é\"},\n"
	          " {\"severity\": \"note\", \"file\": \"\", \"line\": 0, \"column\": 0, "
	          "\"message\": \"no file\"}\n"
	          "]\n");
	free(text);
	kg_diags_release(&d);
}

static void json_output_of_no_diagnostics_is_an_empty_array(void **state)
{
	(void)state;
	kg_diags d;
	kg_diags_init(&d);
	char *text = print_to_string(&d, KG_DIAG_JSON, 0);
	assert_string_equal(text, "[]\n");
	free(text);
	text = print_to_string(&d, KG_DIAG_TEXT, 0);
	assert_string_equal(text, "");
	free(text);
	kg_diags_release(&d);
}

typedef struct thread_arg {
	kg_diags *d;
	int id;
} thread_arg;

static void *add_many(void *p)
{
	thread_arg *a = p;
	for (int i = 0; i < 500; i++)
		kg_error(a->d, "x.md", i + 1, a->id + 1, "from thread %d", a->id);
	return NULL;
}

static void threads_can_add_at_once_and_sorting_is_deterministic(void **state)
{
	(void)state;
	kg_diags d;
	kg_diags_init(&d);
	pthread_t threads[4];
	thread_arg args[4];
	for (int i = 0; i < 4; i++) {
		args[i] = (thread_arg){&d, i};
		assert_int_equal(pthread_create(&threads[i], NULL, add_many, &args[i]), 0);
	}
	for (int i = 0; i < 4; i++)
		pthread_join(threads[i], NULL);
	assert_int_equal(d.count, 2000);
	assert_int_equal(d.errors, 2000);
	kg_diags_sort(&d);
	for (size_t i = 0; i < d.count; i++) {
		assert_int_equal(d.items[i].line, (int)(i / 4) + 1);
		assert_int_equal(d.items[i].col, (int)(i % 4) + 1);
	}
	kg_diags_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(adding_counts_errors_and_warnings),
	    cmocka_unit_test(warnings_count_as_failures_only_when_strict),
	    cmocka_unit_test(sort_orders_by_file_line_then_column),
	    cmocka_unit_test(sort_puts_errors_before_warnings_at_one_place),
	    cmocka_unit_test(sort_drops_duplicates_and_fixes_counts),
	    cmocka_unit_test(text_output_is_file_line_col_severity_message),
	    cmocka_unit_test(color_output_wraps_file_and_severity),
	    cmocka_unit_test(json_output_escapes_strings),
	    cmocka_unit_test(json_output_of_no_diagnostics_is_an_empty_array),
	    cmocka_unit_test(threads_can_add_at_once_and_sorting_is_deterministic),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
