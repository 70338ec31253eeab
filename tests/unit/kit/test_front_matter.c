/* test_front_matter.c: kg_page_parse() on pages held in memory — every
 * front matter field, the byte-level hazards (BOM, CRLF, NUL, invalid
 * UTF-8) and the errors with their file:line:col. */
#include "kitgen/kit/kit.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* ---- Helpers ----------------------------------------------------------- */

typedef struct parsed {
	kg_page page;
	kg_diags diags;
	int rc;
} parsed;

/* A kit's taxonomies, as kit.yaml declares them (the defaults here). */
static kg_term audiences[] = {
    {"everyone", "Everyone", 0, 0}, {"elders", "Elders", 0, 0}, {"youth", "Youth", 0, 0}};
static kg_term strategies[] = {{"education", "Education", 0, 0}, {"services", "Services", 0, 0}};
static kg_config taxonomies = {
    .audiences = audiences, .audience_count = 3, .strategies = strategies, .strategy_count = 2};

static void parse_len(parsed *p, const char *text, size_t len)
{
	memset(&p->page, 0, sizeof(p->page));
	p->page.source_path = strdup("content/a.md");
	p->page.config = &taxonomies;
	kg_diags_init(&p->diags);
	p->rc = kg_page_parse(&p->page, text, len, &p->diags);
}

static void parse(parsed *p, const char *text) { parse_len(p, text, strlen(text)); }

static void release(parsed *p)
{
	kg_page_release(&p->page);
	kg_diags_release(&p->diags);
}

/* Parses text, expecting failure with an error at line:col containing part. */
static void assert_page_error(const char *text, size_t len, int line, int col, const char *part)
{
	parsed p;
	parse_len(&p, text, len);
	assert_int_equal(p.rc, -1);
	int found = 0;
	for (size_t i = 0; i < p.diags.count && !found; i++) {
		const kg_diag *d = &p.diags.items[i];
		if (d->severity == KG_ERROR && strstr(d->message, part)) {
			found = 1;
			assert_string_equal(d->file, "content/a.md");
			assert_int_equal(d->line, line);
			assert_int_equal(d->col, col);
		}
	}
	if (!found) {
		for (size_t i = 0; i < p.diags.count; i++)
			print_message("have: %d:%d %s\n", p.diags.items[i].line, p.diags.items[i].col,
			              p.diags.items[i].message);
		fail_msg("no error containing \"%s\"", part);
	}
	release(&p);
}

#define PAGE_ERROR(text, line, col, part) assert_page_error(text, sizeof(text) - 1, line, col, part)

/* ---- Fields ------------------------------------------------------------ */

static void every_field_is_read(void **state)
{
	(void)state;
	parsed p;
	parse(&p, "---\n"
	          "title: Five responses\n"
	          "summary: \"What to do when you see harm\"\n"
	          "order: 3\n"
	          "audience: [elders, youth]\n"
	          "strategy: education\n"
	          "handout: true\n"
	          "updated: 2026-02-28\n"
	          "encoding: UTF-8\n"
	          "---\n"
	          "# Heading\n"
	          "\n"
	          "Body.\n");
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.diags.count, 0);
	assert_string_equal(p.page.title, "Five responses");
	assert_int_equal(p.page.title_line, 2);
	assert_string_equal(p.page.summary, "What to do when you see harm");
	assert_int_equal(p.page.summary_line, 3);
	assert_int_equal(p.page.order, 3);
	assert_int_equal(p.page.audience_count, 2);
	assert_string_equal(p.page.audience[0], "elders");
	assert_string_equal(p.page.audience[1], "youth");
	assert_string_equal(p.page.strategy, "education");
	assert_int_equal(p.page.handout, 1);
	assert_string_equal(p.page.updated, "2026-02-28");
	assert_int_equal(p.page.updated_year, 2026);
	assert_int_equal(p.page.updated_month, 2);
	assert_int_equal(p.page.updated_day, 28);
	assert_string_equal(p.page.body, "# Heading\n\nBody.\n");
	assert_int_equal(p.page.body_len, strlen("# Heading\n\nBody.\n"));
	assert_int_equal(p.page.body_line, 11);
	release(&p);
}

static void minimal_page_leaves_optional_fields_empty(void **state)
{
	(void)state;
	parsed p;
	parse(&p, "---\ntitle: Only\n---\n");
	assert_int_equal(p.rc, 0);
	assert_null(p.page.summary);
	assert_null(p.page.strategy);
	assert_null(p.page.updated);
	assert_int_equal(p.page.updated_year, 0);
	assert_int_equal(p.page.audience_count, 0);
	assert_int_equal(p.page.handout, 0);
	assert_string_equal(p.page.body, "");
	assert_int_equal(p.page.body_line, 4);
	release(&p);
}

static void leap_day_is_a_valid_date(void **state)
{
	(void)state;
	parsed p;
	parse(&p, "---\ntitle: T\nupdated: 2024-02-29\n---\n");
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.page.updated_day, 29);
	release(&p);
}

static void dots_also_close_front_matter(void **state)
{
	(void)state;
	parsed p;
	parse(&p, "---\ntitle: T\n...\nBody\n");
	assert_int_equal(p.rc, 0);
	assert_string_equal(p.page.body, "Body\n");
	assert_int_equal(p.page.body_line, 4);
	release(&p);
}

/* ---- Byte-level hazards ------------------------------------------------ */

static void byte_order_mark_is_accepted(void **state)
{
	(void)state;
	parsed p;
	parse(&p, "\xEF\xBB\xBF---\ntitle: With BOM\n---\nBody\n");
	assert_int_equal(p.rc, 0);
	assert_string_equal(p.page.title, "With BOM");
	assert_string_equal(p.page.body, "Body\n");
	assert_int_equal(p.page.body_line, 4);
	release(&p);
}

static void crlf_line_endings_are_accepted(void **state)
{
	(void)state;
	parsed p;
	parse(&p, "---\r\ntitle: Windows\r\norder: 2\r\n---\r\nBody\r\n");
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.diags.count, 0);
	assert_string_equal(p.page.title, "Windows");
	assert_int_equal(p.page.order, 2);
	assert_int_equal(p.page.body_line, 5);
	assert_string_equal(p.page.body, "Body\r\n");
	release(&p);
}

static void nul_byte_is_located(void **state)
{
	(void)state;
	PAGE_ERROR("---\ntitle: T\n---\nab\0c\n", 4, 3, "NUL byte");
}

static void invalid_utf8_is_located_in_characters(void **state)
{
	(void)state;
	/* "é" is one column: the bad byte is the second character of line 3. */
	PAGE_ERROR("---\ntitle: T\né\xC3x\n---\n", 3, 2, "invalid UTF-8 (byte 0xC3)");
	PAGE_ERROR("---\ntitle: caf\xE9\n---\n", 2, 11, "invalid UTF-8 (byte 0xE9)");
	/* An overlong encoding of '/' and a UTF-16 surrogate are refused too. */
	PAGE_ERROR("---\ntitle: T\n---\n\xC0\xAF\n", 4, 1, "invalid UTF-8");
	PAGE_ERROR("---\ntitle: T\n---\n\xED\xA0\x80\n", 4, 1, "invalid UTF-8");
}

/* ---- Errors ------------------------------------------------------------ */

static void page_without_front_matter_is_refused(void **state)
{
	(void)state;
	PAGE_ERROR("# Just Markdown\n", 1, 1, "page must start with front matter");
	PAGE_ERROR("", 1, 1, "page must start with front matter");
}

static void unclosed_front_matter_is_refused(void **state)
{
	(void)state;
	PAGE_ERROR("---\ntitle: T\n\nBody never closes\n", 1, 1,
	           "front matter opened here is never closed with '---'");
}

static void missing_title_is_refused(void **state)
{
	(void)state;
	PAGE_ERROR("---\nsummary: S\n---\n", 2, 1, "front matter has no 'title'");
	PAGE_ERROR("---\ntitle: \"\"\n---\n", 2, 1, "front matter has no 'title'");
	PAGE_ERROR("---\n---\nBody\n", 2, 1, "front matter has no 'title'");
}

static void impossible_dates_are_refused(void **state)
{
	(void)state;
	PAGE_ERROR("---\ntitle: T\nupdated: 2026-02-30\n---\n", 3, 10,
	           "'updated' must be a date written YYYY-MM-DD (got '2026-02-30')");
	PAGE_ERROR("---\ntitle: T\nupdated: 2026-13-01\n---\n", 3, 10, "(got '2026-13-01')");
	PAGE_ERROR("---\ntitle: T\nupdated: soon\n---\n", 3, 10, "(got 'soon')");
	PAGE_ERROR("---\ntitle: T\nupdated: 2025-02-29\n---\n", 3, 10, "(got '2025-02-29')");
	PAGE_ERROR("---\ntitle: T\nupdated: 2026-1-01\n---\n", 3, 10, "(got '2026-1-01')");
	PAGE_ERROR("---\ntitle: T\nupdated: 2026-01-01x\n---\n", 3, 10, "(got '2026-01-01x')");
}

static void unknown_audience_suggests_the_closest(void **state)
{
	(void)state;
	PAGE_ERROR(
	    "---\ntitle: T\naudience: [elders, yuoth]\n---\n", 3, 20,
	    "unknown audience 'yuoth'; did you mean 'youth'? (kit.yaml's audiences: everyone, elders, youth)");
	PAGE_ERROR("---\ntitle: T\naudience: [martians]\n---\n", 3, 12,
	           "unknown audience 'martians' (kit.yaml's audiences:");
}

static void unknown_strategy_suggests_the_closest(void **state)
{
	(void)state;
	PAGE_ERROR(
	    "---\ntitle: T\nstrategy: service\n---\n", 3, 11,
	    "unknown strategy 'service'; did you mean 'services'? (kit.yaml's strategies: education, services)");
	PAGE_ERROR("---\ntitle: T\nstrategy: magic\n---\n", 3, 11, "unknown strategy 'magic' (kit.yaml's");
}

static void unknown_field_suggests_the_closest(void **state)
{
	(void)state;
	PAGE_ERROR("---\ntitle: T\nsumary: S\n---\n", 3, 1,
	           "unknown front matter field 'sumary'; did you mean 'summary'?");
}

static void wrong_field_types_are_refused(void **state)
{
	(void)state;
	PAGE_ERROR("---\ntitle: T\norder: first\n---\n", 3, 8, "'order' must be a whole number");
	PAGE_ERROR("---\ntitle: T\nhandout: sometimes\n---\n", 3, 10, "'handout' must be true or false");
	PAGE_ERROR("---\ntitle: [a]\n---\n", 2, 8, "'title' must be a text value");
	PAGE_ERROR("---\ntitle: T\nencoding: latin1\n---\n", 3, 11, "unknown encoding 'latin1'");
}

static void yaml_errors_are_placed_in_the_page(void **state)
{
	(void)state;
	PAGE_ERROR("---\ntitle: A\ntitle: B\n---\n", 3, 1, "duplicate key 'title' (first at line 2)");
}

static void body_line_counts_front_matter_lines(void **state)
{
	(void)state;
	parsed p;
	parse(&p, "---\n"
	          "title: T\n"
	          "\n"
	          "# a comment\n"
	          "summary: S\n"
	          "---\n"
	          "First body line\n");
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.page.body_line, 7);
	assert_int_equal(p.page.summary_line, 5);
	assert_string_equal(p.page.body, "First body line\n");
	release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_field_is_read),
	    cmocka_unit_test(minimal_page_leaves_optional_fields_empty),
	    cmocka_unit_test(leap_day_is_a_valid_date),
	    cmocka_unit_test(dots_also_close_front_matter),
	    cmocka_unit_test(byte_order_mark_is_accepted),
	    cmocka_unit_test(crlf_line_endings_are_accepted),
	    cmocka_unit_test(nul_byte_is_located),
	    cmocka_unit_test(invalid_utf8_is_located_in_characters),
	    cmocka_unit_test(page_without_front_matter_is_refused),
	    cmocka_unit_test(unclosed_front_matter_is_refused),
	    cmocka_unit_test(missing_title_is_refused),
	    cmocka_unit_test(impossible_dates_are_refused),
	    cmocka_unit_test(unknown_audience_suggests_the_closest),
	    cmocka_unit_test(unknown_strategy_suggests_the_closest),
	    cmocka_unit_test(unknown_field_suggests_the_closest),
	    cmocka_unit_test(wrong_field_types_are_refused),
	    cmocka_unit_test(yaml_errors_are_placed_in_the_page),
	    cmocka_unit_test(body_line_counts_front_matter_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
