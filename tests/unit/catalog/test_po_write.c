/* test_po_write.c: the writer's layout (gettext's), round trips through the
 * reader, and kg_po_write_file's write-only-when-changed behaviour. */
#include "kitgen/catalog/catalog.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

static kg_catalog *parse(const char *text)
{
	kg_diags d;
	kg_diags_init(&d);
	kg_catalog *cat = NULL;
	assert_int_equal(kg_po_read_mem(&cat, text, strlen(text), "w.po", &d), 0);
	kg_diags_release(&d);
	return cat;
}

static char *write_text(const kg_catalog *cat)
{
	kg_buf b = KG_BUF_INIT;
	kg_po_write(cat, &b);
	return kg_buf_detach(&b, NULL);
}

static const char *sample = "# Header comment\n"
                            "msgid \"\"\n"
                            "msgstr \"\"\n"
                            "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
                            "\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n"
                            "\n"
                            "# translator\n"
                            "#. extracted\n"
                            "#: a.md:1 b.md:2\n"
                            "#, fuzzy, c-format\n"
                            "#| msgid \"old\"\n"
                            "msgctxt \"ctx\"\n"
                            "msgid \"Tab\\there \\\"quoted\\\" back\\\\slash\"\n"
                            "msgstr \"x\"\n"
                            "\n"
                            "msgid \"\"\n"
                            "\"This is a long sentence that certainly does not fit on one line of a PO \"\n"
                            "\"file, so it wraps.\"\n"
                            "msgid_plural \"\"\n"
                            "\"Line one\\n\"\n"
                            "\"line two\"\n"
                            "msgstr[0] \"\"\n"
                            "msgstr[1] \"\"\n"
                            "\n"
                            "#~ msgid \"gone\"\n"
                            "#~ msgstr \"parti\"\n";

static void sample_is_written_back_unchanged(void **state)
{
	(void)state;
	kg_catalog *cat = parse(sample);
	char *out = write_text(cat);
	assert_string_equal(out, sample);
	free(out);
	kg_catalog_free(cat);
}

static void written_catalog_reads_back_equal(void **state)
{
	(void)state;
	kg_catalog *cat = kg_catalog_new();
	kg_catalog_header_set(cat, "Content-Type", "text/plain; charset=UTF-8");
	kg_po_entry *e = kg_catalog_add(cat, "c", "All \a\b\f\v\r escapes \\ \" and\nnew lines\n", "p");
	kg_po_entry_set_msgstr(
	    e, 0, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十");
	kg_po_entry_set_msgstr(e, 1,
	                       "Tiếng Việt có dấu rất nhiều và câu này phải đủ dài để bị ngắt dòng ở đâu đó");
	kg_po_entry_set_flag(e, "fuzzy", 1);
	kg_po_entry_add_reference(e, "content/very/long/path/to/a/file/that/is/long.md:123");
	kg_po_entry_add_reference(e, "content/another/very/long/path/to/another/file.md:4567");
	e->prev_msgid = strdup("previous");
	e->translator_comments = strdup("one\ntwo");
	char *first = write_text(cat);
	kg_catalog *again = parse(first);
	char *second = write_text(again);
	assert_string_equal(first, second);
	kg_po_entry *r = kg_catalog_find(again, "c", e->msgid);
	assert_non_null(r);
	assert_string_equal(r->msgstr[1], e->msgstr[1]);
	assert_int_equal(r->reference_count, 2);
	assert_string_equal(r->prev_msgid, "previous");
	assert_string_equal(r->translator_comments, "one\ntwo");
	free(first);
	free(second);
	kg_catalog_free(cat);
	kg_catalog_free(again);
}

static void long_references_wrap_at_79_columns(void **state)
{
	(void)state;
	kg_catalog *cat = kg_catalog_new();
	kg_po_entry *e = kg_catalog_add(cat, NULL, "x", NULL);
	char ref[64];
	for (int i = 1; i <= 12; i++) {
		snprintf(ref, sizeof(ref), "content/dir/file%d.md:%d", i, i * 7);
		kg_po_entry_add_reference(e, ref);
	}
	char *out = write_text(cat);
	assert_string_equal(out,
	                    "#: content/dir/file1.md:7 content/dir/file2.md:14 content/dir/file3.md:21\n"
	                    "#: content/dir/file4.md:28 content/dir/file5.md:35 content/dir/file6.md:42\n"
	                    "#: content/dir/file7.md:49 content/dir/file8.md:56 content/dir/file9.md:63\n"
	                    "#: content/dir/file10.md:70 content/dir/file11.md:77 content/dir/file12.md:84\n"
	                    "msgid \"x\"\nmsgstr \"\"\n");
	free(out);
	kg_catalog_free(cat);
}

static void cjk_text_wraps_by_display_width(void **state)
{
	(void)state;
	kg_catalog *cat = kg_catalog_new();
	kg_po_entry *e = kg_catalog_add(cat, NULL, "cjk", NULL);
	kg_po_entry_set_msgstr(
	    e, 0,
	    "日本語のテキストは、スペースなしで折り返されます。これはかなり長い文で、七十九桁を超える必要があります。");
	char *out = write_text(cat);
	/* msgcat 0.21's output: 38 wide characters (76 columns) on the first line. */
	assert_string_equal(
	    out, "msgid \"cjk\"\nmsgstr \"\"\n"
	         "\"日本語のテキストは、スペースなしで折り返されます。これはかなり長い文で、七十\"\n"
	         "\"九桁を超える必要があります。\"\n");
	free(out);
	kg_catalog_free(cat);
}

static void write_file_touches_the_file_only_when_bytes_differ(void **state)
{
	(void)state;
	char dir[] = "/tmp/kg_po_write_XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof(path), "%s/fr.po", dir);
	kg_catalog *cat = parse(sample);
	kg_diags d;
	kg_diags_init(&d);
	assert_int_equal(kg_po_write_file(cat, path, &d), 0);
	struct stat st1, st2;
	assert_int_equal(stat(path, &st1), 0);
	assert_int_equal(kg_po_write_file(cat, path, &d), 0);
	assert_int_equal(stat(path, &st2), 0);
	assert_int_equal(st1.st_ino, st2.st_ino); /* not replaced */
	kg_po_entry_set_msgstr(kg_catalog_find(cat, "ctx", "Tab\there \"quoted\" back\\slash"), 0, "y");
	assert_int_equal(kg_po_write_file(cat, path, &d), 0);
	kg_catalog *back = NULL;
	assert_int_equal(kg_po_read_file(&back, path, "fr.po", &d), 0);
	assert_string_equal(kg_catalog_find(back, "ctx", "Tab\there \"quoted\" back\\slash")->msgstr[0], "y");
	assert_int_equal(d.count, 0);
	kg_diags_release(&d);
	kg_catalog_free(back);
	kg_catalog_free(cat);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(sample_is_written_back_unchanged),
	    cmocka_unit_test(written_catalog_reads_back_equal),
	    cmocka_unit_test(long_references_wrap_at_79_columns),
	    cmocka_unit_test(cjk_text_wraps_by_display_width),
	    cmocka_unit_test(write_file_touches_the_file_only_when_bytes_differ),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
