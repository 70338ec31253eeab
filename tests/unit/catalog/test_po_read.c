/* test_po_read.c: the PO reader: syntax, escapes, comments, obsolete and
 * previous fields, BOM/CRLF, legacy charsets via iconv, and each bad input
 * reported at the right FILE:LINE:COL without crashing. */
#include "kitgen/catalog/catalog.h"

#include <iconv.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#define HEADER "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"

static kg_catalog *read_ok(const char *text)
{
	kg_diags d;
	kg_diags_init(&d);
	kg_catalog *cat = NULL;
	int rc = kg_po_read_mem(&cat, text, strlen(text), "t.po", &d);
	if (rc != 0)
		kg_diags_print(&d, stderr, KG_DIAG_TEXT, 0);
	assert_int_equal(rc, 0);
	assert_non_null(cat);
	kg_diags_release(&d);
	return cat;
}

/* Reads bytes that must fail; checks the first error's position and text. */
static void expect_error(const char *data, size_t len, int line, int col, const char *needle)
{
	kg_diags d;
	kg_diags_init(&d);
	kg_catalog *cat = (kg_catalog *)1;
	assert_int_equal(kg_po_read_mem(&cat, data, len, "bad.po", &d), -1);
	assert_null(cat);
	assert_true(d.errors >= 1);
	const kg_diag *g = NULL;
	for (size_t i = 0; i < d.count && !g; i++)
		if (d.items[i].severity == KG_ERROR)
			g = &d.items[i];
	if (!strstr(g->message, needle) || g->line != line || g->col != col)
		fprintf(stderr, "got %d:%d: %s\n", g->line, g->col, g->message);
	assert_string_equal(g->file, "bad.po");
	assert_int_equal(g->line, line);
	assert_int_equal(g->col, col);
	assert_non_null(strstr(g->message, needle));
	kg_diags_release(&d);
}

static void expect_error_str(const char *text, int line, int col, const char *needle)
{
	expect_error(text, strlen(text), line, col, needle);
}

static void simple_entry_and_header_are_read(void **state)
{
	(void)state;
	kg_catalog *cat = read_ok(HEADER "#: a.md:3\nmsgid \"Hello\"\nmsgstr \"Bonjour\"\n");
	assert_int_equal(kg_catalog_count(cat), 1);
	kg_po_entry *e = kg_catalog_find(cat, NULL, "Hello");
	assert_non_null(e);
	assert_string_equal(e->msgstr[0], "Bonjour");
	assert_int_equal(e->line, 5);
	size_t len;
	const char *ct = kg_catalog_header_get(cat, "Content-Type", &len);
	assert_non_null(ct);
	assert_int_equal(len, strlen("text/plain; charset=UTF-8"));
	kg_catalog_free(cat);
}

static void every_escape_is_decoded(void **state)
{
	(void)state;
	kg_catalog *cat = read_ok(HEADER "msgid \"e\"\n"
	                                 "msgstr \"\\n\\t\\r\\a\\b\\f\\v\\\\\\\"\\101\\x42\\7\\x4a43\"\n");
	kg_po_entry *e = kg_catalog_find(cat, NULL, "e");
	assert_string_equal(e->msgstr[0], "\n\t\r\a\b\f\v\\\"AB\aC");
	kg_catalog_free(cat);
	/* \' and \? are C escapes msgfmt rejects: accepted with a warning. */
	kg_diags d;
	kg_diags_init(&d);
	const char *text = HEADER "msgid \"q\"\nmsgstr \"\\'\\?\"\n";
	assert_int_equal(kg_po_read_mem(&cat, text, strlen(text), "t.po", &d), 0);
	assert_string_equal(kg_catalog_find(cat, NULL, "q")->msgstr[0], "'?");
	assert_int_equal(d.warnings, 2);
	kg_catalog_free(cat);
	kg_diags_release(&d);
}

static void multi_line_strings_are_joined(void **state)
{
	(void)state;
	kg_catalog *cat = read_ok(HEADER "msgid \"\"\n\"one \"\n\"two\"\nmsgstr \"\"\n\"un \" \"deux\"\n");
	kg_po_entry *e = kg_catalog_find(cat, NULL, "one two");
	assert_non_null(e);
	assert_string_equal(e->msgstr[0], "un deux");
	kg_catalog_free(cat);
}

static void plural_entries_and_context_are_read(void **state)
{
	(void)state;
	kg_catalog *cat = read_ok(
	    "msgid \"\"\nmsgstr \"\"\n\"Plural-Forms: nplurals=3; plural=n%10==1 ? 0 : n ? 1 : 2;\\n\"\n\n"
	    "msgctxt \"menu\"\nmsgid \"file\"\nmsgid_plural \"files\"\n"
	    "msgstr[0] \"a\"\nmsgstr[1] \"b\"\nmsgstr[2] \"c\"\n");
	assert_null(kg_catalog_find(cat, NULL, "file"));
	kg_po_entry *e = kg_catalog_find(cat, "menu", "file");
	assert_non_null(e);
	assert_string_equal(e->msgid_plural, "files");
	assert_int_equal(e->msgstr_count, 3);
	assert_string_equal(e->msgstr[2], "c");
	kg_catalog_free(cat);
}

static void comments_flags_references_and_previous_fields_are_kept(void **state)
{
	(void)state;
	kg_catalog *cat =
	    read_ok(HEADER "# first\n#\n#  indented\n#. extracted one\n#. two\n"
	                   "#: a.md:1 b.md:22\n#: c.md\n#, fuzzy, c-format\n"
	                   "#| msgctxt \"old\"\n#| msgid \"Old \"\n#| \"text\"\n"
	                   "#| msgid_plural \"Olds\"\n"
	                   "msgid \"New\"\nmsgid_plural \"News\"\nmsgstr[0] \"x\"\nmsgstr[1] \"y\"\n");
	kg_po_entry *e = kg_catalog_find(cat, NULL, "New");
	assert_string_equal(e->translator_comments, "first\n\n indented");
	assert_string_equal(e->extracted_comments, "extracted one\ntwo");
	assert_int_equal(e->reference_count, 3);
	assert_string_equal(e->references[1], "b.md:22");
	assert_string_equal(e->references[2], "c.md");
	assert_true(kg_po_entry_has_flag(e, "fuzzy"));
	assert_true(kg_po_entry_has_flag(e, "c-format"));
	assert_string_equal(e->prev_msgctxt, "old");
	assert_string_equal(e->prev_msgid, "Old text");
	assert_string_equal(e->prev_msgid_plural, "Olds");
	assert_false(kg_po_entry_is_translated(e));
	kg_catalog_free(cat);
}

static void obsolete_entries_are_read_with_previous_fields(void **state)
{
	(void)state;
	kg_catalog *cat =
	    read_ok(HEADER "msgid \"live\"\nmsgstr \"vif\"\n\n"
	                   "#, fuzzy\n#~| msgid \"older\"\n#~ msgctxt \"c\"\n#~ msgid \"\"\n#~ \"gone\"\n"
	                   "#~ msgstr \"parti\"\n\n#~ msgid \"live\"\n#~ msgstr \"ancien\"\n");
	assert_int_equal(kg_catalog_count(cat), 3);
	assert_null(kg_catalog_find(cat, "c", "gone")); /* find skips obsolete entries */
	kg_po_entry *o = kg_catalog_at(cat, 1);
	assert_true(o->obsolete);
	assert_string_equal(o->msgctxt, "c");
	assert_string_equal(o->msgid, "gone");
	assert_string_equal(o->prev_msgid, "older");
	assert_string_equal(kg_catalog_find(cat, NULL, "live")->msgstr[0], "vif");
	kg_catalog_free(cat);
}

static void bom_and_crlf_are_tolerated(void **state)
{
	(void)state;
	kg_catalog *cat =
	    read_ok("\xef\xbb\xbfmsgid \"\"\r\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\r\n\r\n"
	            "msgid \"a\"\r\nmsgstr \"\"\r\n\"b\"\r\n");
	assert_string_equal(kg_catalog_find(cat, NULL, "a")->msgstr[0], "b");
	kg_catalog_free(cat);
}

/* A CR that is not part of a line's CR LF (found by fuzz_po) separates flags
 * and ends a comment like the line break it stands for: no flag or comment
 * keeps a control character that the writer would write and the reader then
 * drop, so written catalogs read back as themselves. */
static void stray_carriage_returns_in_comments_are_white_space(void **state)
{
	(void)state;
	kg_catalog *cat = read_ok("# note\r\r\n#,\r fuzzy,\rno-wrap\r\r\n#: a.md:1\rb.md:2\n" HEADER
	                          "msgid \"a\"\nmsgstr \"b\"\n");
	const kg_po_entry *h = kg_catalog_header(cat);
	assert_non_null(h);
	assert_string_equal(h->translator_comments, "note");
	assert_int_equal(h->flag_count, 2);
	assert_string_equal(h->flags[0], "fuzzy");
	assert_string_equal(h->flags[1], "no-wrap");
	assert_int_equal(h->reference_count, 2);
	assert_string_equal(h->references[1], "b.md:2");
	kg_buf first = KG_BUF_INIT, second = KG_BUF_INIT;
	kg_po_write(cat, &first);
	kg_catalog *again = read_ok(first.data);
	kg_po_write(again, &second);
	assert_int_equal(first.len, second.len);
	assert_memory_equal(first.data, second.data, first.len);
	kg_buf_release(&first);
	kg_buf_release(&second);
	kg_catalog_free(again);
	kg_catalog_free(cat);
}

/* Encodes a UTF-8 PO text into charset with iconv(3), as a translator's
 * legacy editor would have saved it. */
static char *encode(const char *utf8, const char *charset, size_t *out_len)
{
	iconv_t cd = iconv_open(charset, "UTF-8");
	assert_true(cd != (iconv_t)-1);
	size_t in_left = strlen(utf8), cap = in_left * 4 + 16, out_left = cap;
	char *out = malloc(cap), *in = (char *)utf8, *o = out;
	assert_true(iconv(cd, &in, &in_left, &o, &out_left) != (size_t)-1);
	iconv_close(cd);
	*out_len = cap - out_left;
	return out;
}

static void check_legacy_charset(const char *charset, const char *msgstr)
{
	char text[1024];
	snprintf(text, sizeof(text),
	         "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=%s\\n\"\n\n"
	         "msgid \"word\"\nmsgstr \"%s\"\n",
	         charset, msgstr);
	size_t len;
	char *bytes = encode(text, charset, &len);
	assert_true(len != strlen(text) || memcmp(bytes, text, len) != 0);
	kg_diags d;
	kg_diags_init(&d);
	kg_catalog *cat;
	assert_int_equal(kg_po_read_mem(&cat, bytes, len, "legacy.po", &d), 0);
	assert_string_equal(kg_catalog_find(cat, NULL, "word")->msgstr[0], msgstr);
	kg_catalog_free(cat);
	kg_diags_release(&d);
	free(bytes);
}

static void big5_catalog_is_converted_to_utf8(void **state)
{
	(void)state;
	/* 許 and 功 have '\\' (0x5C) as their Big5 trail byte. */
	check_legacy_charset("BIG5", "許功蓋的中文翻譯");
}

static void euc_kr_catalog_is_converted_to_utf8(void **state)
{
	(void)state;
	check_legacy_charset("EUC-KR", "한국어 번역");
}

static void iso_8859_1_catalog_is_converted_to_utf8(void **state)
{
	(void)state;
	check_legacy_charset("ISO-8859-1", "Déjà vu, señor Müller");
}

static void pot_charset_placeholder_reads_as_utf8(void **state)
{
	(void)state;
	kg_catalog *cat =
	    read_ok("msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=CHARSET\\n\"\n"
	            "\"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n\"\n\n"
	            "msgid \"é\"\nmsgid_plural \"és\"\nmsgstr[0] \"\"\nmsgstr[1] \"\"\n");
	assert_non_null(kg_catalog_find(cat, NULL, "é"));
	kg_catalog_free(cat);
}

static void unterminated_string_is_reported(void **state)
{
	(void)state;
	expect_error_str(HEADER "msgid \"abc\nmsgstr \"\"\n", 4, 7, "unterminated string");
}

static void invalid_escape_is_reported(void **state)
{
	(void)state;
	expect_error_str(HEADER "msgid \"a\\qb\"\nmsgstr \"\"\n", 4, 9, "invalid escape sequence");
}

/* Bytes written by \x and octal escapes are checked like the file's own
 * text: they may spell UTF-8 (a legacy editor's habit) but not break it. The
 * reader checks only strings that hold such a byte (the file was checked
 * whole), so a string with one, and one with none, are both read here. */
static void escaped_bytes_must_spell_utf8(void **state)
{
	(void)state;
	kg_catalog *cat = read_ok(HEADER "msgid \"a\"\nmsgstr \"\\xe4\\xb8\\xad \\344\\270\\255\"\n\n"
	                                 "msgid \"b\"\nmsgstr \"\xe4\xb8\xad\"\n");
	assert_string_equal(kg_catalog_find(cat, NULL, "a")->msgstr[0], "\xe4\xb8\xad \xe4\xb8\xad");
	assert_string_equal(kg_catalog_find(cat, NULL, "b")->msgstr[0], "\xe4\xb8\xad");
	kg_catalog_free(cat);
	expect_error_str(HEADER "msgid \"a\"\nmsgstr \"ok \\xe4\\xb8\"\n", 5, 1, "invalid UTF-8 in string");
	expect_error_str(HEADER "msgid \"a\"\nmsgstr \"\\377\"\n", 5, 1, "invalid UTF-8 in string");
	expect_error_str(HEADER "msgid \"a\"\nmsgstr \"x\"\n\"\\xc3\"\n", 5, 1, "invalid UTF-8 in string");
}

static void duplicate_entry_names_the_first_definition(void **state)
{
	(void)state;
	expect_error_str(HEADER "msgid \"a\"\nmsgstr \"1\"\n\nmsgid \"a\"\nmsgstr \"2\"\n", 7, 1,
	                 "duplicate message definition (first defined at line 4)");
}

static void plural_count_beyond_nplurals_is_reported(void **state)
{
	(void)state;
	expect_error_str(
	    "msgid \"\"\nmsgstr \"Plural-Forms: nplurals=2; plural=n != 1;\\n\"\n\n"
	    "msgid \"a\"\nmsgid_plural \"b\"\nmsgstr[0] \"\"\nmsgstr[1] \"\"\n  msgstr[2] \"\"\n",
	    8, 3, "plural form count mismatch");
	expect_error_str("msgid \"\"\nmsgstr \"Plural-Forms: nplurals=3; plural=n%3;\\n\"\n\n"
	                 "msgid \"a\"\nmsgid_plural \"b\"\nmsgstr[0] \"\"\nmsgstr[1] \"\"\n",
	                 4, 1, "plural form count mismatch");
}

static void msgstr_index_out_of_order_is_reported(void **state)
{
	(void)state;
	expect_error_str(HEADER "msgid \"a\"\nmsgid_plural \"b\"\nmsgstr[1] \"\"\n", 6, 1, "out of order");
}

static void unknown_charset_is_named(void **state)
{
	(void)state;
	expect_error_str("msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=KLINGON-8\\n\"\n\n"
	                 "msgid \"a\"\nmsgstr \"\"\n",
	                 1, 0, "unknown charset \"KLINGON-8\"");
}

static void invalid_utf8_is_reported_at_line_and_column(void **state)
{
	(void)state;
	expect_error_str(HEADER "msgid \"ab\"\nmsgstr \"é\xff\"\n", 5, 10, "invalid UTF-8");
}

static void missing_msgstr_and_unknown_keyword_are_reported(void **state)
{
	(void)state;
	expect_error_str(HEADER "msgid \"a\"\n\nmsgid \"b\"\nmsgstr \"\"\n", 4, 1,
	                 "missing 'msgstr' section");
	expect_error_str(HEADER "msgid \"a\"\nmsgstring \"\"\n", 5, 1, "keyword \"msgstring\" unknown");
	expect_error_str(HEADER "msgid \"a\"\nmsgstr \"\"\nmsgid \"c\"\n", 6, 1, "missing 'msgstr' section");
}

static void errors_are_collected_but_capped(void **state)
{
	(void)state;
	kg_buf text = KG_BUF_INIT;
	kg_buf_puts(&text, HEADER);
	for (int i = 0; i < 500; i++)
		kg_buf_printf(&text, "msgid \"x%d\\q\"\nmsgstr \"\"\n\n", i);
	kg_diags d;
	kg_diags_init(&d);
	kg_catalog *cat;
	assert_int_equal(kg_po_read_mem(&cat, text.data, text.len, "many.po", &d), -1);
	assert_true(d.errors > 3 && d.errors <= 21);
	kg_diags_release(&d);
	kg_buf_release(&text);
}

/* Each hostile input is either read (no error) or refused with at least
 * one error placed inside the input; never a crash or a silent half-read. */
static void hostile_inputs_are_read_or_refused_with_a_located_error(void **state)
{
	(void)state;
	const char *inputs[] = {
	    "",
	    "\"",
	    "msgid",
	    "msgid \"",
	    "msgid \"\\",
	    "msgid \"\\x",
	    "#~",
	    "#~|",
	    "#|",
	    "msgstr[",
	    "msgstr[99999999999999999999] \"\"",
	    "msgid \"a\"\nmsgstr[0] \"\"",
	    "\xef\xbb\xbf",
	    "msgid_plural \"x\"",
	    "#, ,,,\n#:\n",
	    "msgid \"\"\nmsgstr \"charset=\\n\"\n",
	    "msgctxt \"a\"\nmsgctxt \"b\"\n",
	    "msgid \"a\" junk\nmsgstr \"\"\n",
	};
	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		kg_diags d;
		kg_diags_init(&d);
		kg_catalog *cat = NULL;
		int rc = kg_po_read_mem(&cat, inputs[i], strlen(inputs[i]), "h.po", &d);
		int lines = 1;
		for (const char *p = inputs[i]; *p; p++)
			lines += *p == '\n';
		if (rc == 0) {
			assert_non_null(cat);
			assert_int_equal(d.errors, 0);
		} else {
			assert_int_equal(rc, -1);
			assert_true(d.errors > 0);
			for (size_t k = 0; k < d.count; k++) {
				assert_string_equal(d.items[k].file, "h.po");
				assert_in_range(d.items[k].line, 0, lines + 1);
			}
		}
		kg_catalog_free(cat);
		kg_diags_release(&d);
	}
}

static void lookups_scale_to_thousands_of_entries(void **state)
{
	(void)state;
	kg_catalog *cat = kg_catalog_new();
	char id[32];
	for (int i = 0; i < 20000; i++) {
		snprintf(id, sizeof(id), "message %d", i);
		kg_catalog_add(cat, i % 3 ? NULL : "ctx", id, NULL);
	}
	for (int i = 0; i < 20000; i++) {
		snprintf(id, sizeof(id), "message %d", i);
		kg_po_entry *e = kg_catalog_find(cat, i % 3 ? NULL : "ctx", id);
		assert_non_null(e);
		assert_string_equal(e->msgid, id);
		assert_null(kg_catalog_find(cat, i % 3 ? "ctx" : NULL, id));
	}
	kg_catalog_free(cat);
}

static void header_fields_are_set_in_place(void **state)
{
	(void)state;
	kg_catalog *cat = read_ok("msgid \"\"\nmsgstr \"\"\n\"A: 1\\n\"\n\"B: 2\\n\"\n\"C: 3\\n\"\n");
	kg_catalog_header_set(cat, "B", "two");
	kg_catalog_header_set(cat, "D", "4");
	assert_string_equal(kg_catalog_header(cat)->msgstr[0], "A: 1\nB: two\nC: 3\nD: 4\n");
	size_t len;
	assert_memory_equal(kg_catalog_header_get(cat, "C", &len), "3", 1);
	assert_int_equal(len, 1);
	assert_null(kg_catalog_header_get(cat, "E", NULL));
	kg_catalog_free(cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(simple_entry_and_header_are_read),
	    cmocka_unit_test(every_escape_is_decoded),
	    cmocka_unit_test(multi_line_strings_are_joined),
	    cmocka_unit_test(plural_entries_and_context_are_read),
	    cmocka_unit_test(comments_flags_references_and_previous_fields_are_kept),
	    cmocka_unit_test(obsolete_entries_are_read_with_previous_fields),
	    cmocka_unit_test(bom_and_crlf_are_tolerated),
	    cmocka_unit_test(stray_carriage_returns_in_comments_are_white_space),
	    cmocka_unit_test(big5_catalog_is_converted_to_utf8),
	    cmocka_unit_test(euc_kr_catalog_is_converted_to_utf8),
	    cmocka_unit_test(iso_8859_1_catalog_is_converted_to_utf8),
	    cmocka_unit_test(pot_charset_placeholder_reads_as_utf8),
	    cmocka_unit_test(unterminated_string_is_reported),
	    cmocka_unit_test(invalid_escape_is_reported),
	    cmocka_unit_test(escaped_bytes_must_spell_utf8),
	    cmocka_unit_test(duplicate_entry_names_the_first_definition),
	    cmocka_unit_test(plural_count_beyond_nplurals_is_reported),
	    cmocka_unit_test(msgstr_index_out_of_order_is_reported),
	    cmocka_unit_test(unknown_charset_is_named),
	    cmocka_unit_test(invalid_utf8_is_reported_at_line_and_column),
	    cmocka_unit_test(missing_msgstr_and_unknown_keyword_are_reported),
	    cmocka_unit_test(errors_are_collected_but_capped),
	    cmocka_unit_test(hostile_inputs_are_read_or_refused_with_a_located_error),
	    cmocka_unit_test(lookups_scale_to_thousands_of_entries),
	    cmocka_unit_test(header_fields_are_set_in_place),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
