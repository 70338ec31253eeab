/* test_review.c: review records (locales/<lang>/REVIEWS) read and written
 * back, and the review hash against the serialization review.h documents
 * (the expected digest was computed apart, with Python's hashlib). */
#include "kitgen/catalog/review.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static kg_catalog *parse(const char *text)
{
	kg_diags d;
	kg_diags_init(&d);
	kg_catalog *cat = NULL;
	assert_int_equal(kg_po_read_mem(&cat, text, strlen(text), "r.po", &d), 0);
	kg_diags_release(&d);
	return cat;
}

static const char *po = "msgid \"\"\nmsgstr \"Language: vi\\n\"\n\n"
                        "msgctxt \"x\"\nmsgid \"a\"\nmsgstr \"A\"\n\n"
                        "msgid \"b\"\nmsgstr \"B\"\n\n"
                        "#, fuzzy\nmsgid \"c\"\nmsgstr \"C\"\n\n"
                        "msgid \"one\"\nmsgid_plural \"many\"\nmsgstr[0] \"1\"\nmsgstr[1] \"2\"\n\n"
                        "#~ msgid \"old\"\n#~ msgstr \"OLD\"\n";

static void hash_of(const char *text, kg_buf *out)
{
	kg_catalog *cat = parse(text);
	unsigned char hash[KG_REVIEW_HASH_SIZE];
	kg_review_hash(cat, hash);
	kg_review_hash_format(hash, out);
	kg_catalog_free(cat);
}

static void hash_follows_the_documented_serialization(void **state)
{
	(void)state;
	kg_buf h = KG_BUF_INIT;
	hash_of(po, &h);
	/* N/C, context, msgid, plural, count, msgstr...; each "len:bytes";
	 * sorted with no context first; the fuzzy msgstr empty; the header
	 * and the obsolete entry left out. */
	assert_string_equal(h.data,
	                    "sha256:3e8b13b7445291c912d7942cf81caef4273e8934e0eecf7e7cd6c4a28ed3419e");
	kg_buf_release(&h);
}

static void hash_ignores_order_and_comments_but_not_text(void **state)
{
	(void)state;
	kg_buf a = KG_BUF_INIT, b = KG_BUF_INIT, c = KG_BUF_INIT, d = KG_BUF_INIT;
	hash_of(po, &a);
	/* Entries reordered, a comment and a reference added: the same. */
	hash_of("msgid \"\"\nmsgstr \"\"\n\n"
	        "msgid \"one\"\nmsgid_plural \"many\"\nmsgstr[0] \"1\"\nmsgstr[1] \"2\"\n\n"
	        "# a note\n#: content/x.md:3\nmsgid \"b\"\nmsgstr \"B\"\n\n"
	        "msgctxt \"x\"\nmsgid \"a\"\nmsgstr \"A\"\n\n"
	        "#, fuzzy\nmsgid \"c\"\nmsgstr \"other guess\"\n",
	        &b);
	assert_string_equal(a.data, b.data);
	/* One translation changed: different. */
	hash_of("msgctxt \"x\"\nmsgid \"a\"\nmsgstr \"A!\"\n\nmsgid \"b\"\nmsgstr \"B\"\n\n"
	        "#, fuzzy\nmsgid \"c\"\nmsgstr \"C\"\n\n"
	        "msgid \"one\"\nmsgid_plural \"many\"\nmsgstr[0] \"1\"\nmsgstr[1] \"2\"\n",
	        &c);
	assert_string_not_equal(a.data, c.data);
	/* A translation marked fuzzy: different (the build no longer shows it). */
	hash_of("msgctxt \"x\"\nmsgid \"a\"\nmsgstr \"A\"\n\n#, fuzzy\nmsgid \"b\"\nmsgstr \"B\"\n\n"
	        "#, fuzzy\nmsgid \"c\"\nmsgstr \"C\"\n\n"
	        "msgid \"one\"\nmsgid_plural \"many\"\nmsgstr[0] \"1\"\nmsgstr[1] \"2\"\n",
	        &d);
	assert_string_not_equal(a.data, d.data);
	kg_buf_release(&a);
	kg_buf_release(&b);
	kg_buf_release(&c);
	kg_buf_release(&d);
}

static void records_round_trip_sorted(void **state)
{
	(void)state;
	kg_reviews r;
	kg_reviews_init(&r);
	kg_diags d;
	kg_diags_init(&d);
	const char *text =
	    "# comment\n"
	    "z/page\t2026-01-02\tsha256:" /* 64 hex */
	    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\tAn Lê\n"
	    "a/page\t2026-01-01\tsha256:"
	    "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100\tBảo\tnote here\n";
	kg_reviews_parse(&r, text, strlen(text), "REVIEWS", &d);
	assert_int_equal(d.count, 0);
	assert_int_equal(r.count, 2);
	assert_string_equal(r.items[0].page, "a/page");
	assert_string_equal(r.items[0].note, "note here");
	const kg_review *z = kg_reviews_find(&r, "z/page");
	assert_non_null(z);
	assert_int_equal(z->hash_ok, 1);
	assert_int_equal(z->hash[1], 0x11);
	assert_null(z->note);
	assert_int_equal(z->line, 2);
	unsigned char h[KG_REVIEW_HASH_SIZE] = {0};
	kg_reviews_set(&r, "m/page", "2026-01-03", "Chi", NULL, h);
	kg_buf out = KG_BUF_INIT;
	kg_reviews_write(&r, &out);
	const char *a = strstr(out.data, "\na/page\t"), *m = strstr(out.data, "\nm/page\t"),
	           *zz = strstr(out.data, "\nz/page\t");
	assert_true(a && m && zz && a < m && m < zz);
	assert_non_null(strstr(out.data, "a/page\t2026-01-01\tsha256:ffeedd"));
	assert_non_null(strstr(out.data, "\tBảo\tnote here\n"));
	kg_buf_release(&out);
	kg_reviews_release(&r);
	kg_diags_release(&d);
}

static void broken_hash_is_a_located_warning(void **state)
{
	(void)state;
	kg_reviews r;
	kg_reviews_init(&r);
	kg_diags d;
	kg_diags_init(&d);
	const char *text = "p\t2026-01-01\tsha256:12zz\tAn\n"
	                   "not a record\n"
	                   "q\t2026-13-01\tsha256:00\tAn\n";
	kg_reviews_parse(&r, text, strlen(text), "REVIEWS", &d);
	assert_int_equal(d.count, 3);
	assert_int_equal(d.items[0].line, 1);
	assert_int_equal(d.items[0].col, 14);
	assert_non_null(strstr(d.items[0].message, "does not parse"));
	assert_int_equal(r.count, 1); /* kept, but not trusted */
	assert_int_equal(r.items[0].hash_ok, 0);
	kg_reviews_release(&r);
	kg_diags_release(&d);
}

static void fields_refuse_tabs_and_line_breaks(void **state)
{
	(void)state;
	assert_true(kg_review_field_ok("Nguyễn Văn A"));
	assert_false(kg_review_field_ok(""));
	assert_false(kg_review_field_ok("a\tb"));
	assert_false(kg_review_field_ok("a\nb"));
	assert_false(kg_review_field_ok("\xff"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(hash_follows_the_documented_serialization),
	    cmocka_unit_test(hash_ignores_order_and_comments_but_not_text),
	    cmocka_unit_test(records_round_trip_sorted),
	    cmocka_unit_test(broken_hash_is_a_located_warning),
	    cmocka_unit_test(fields_refuse_tabs_and_line_breaks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
