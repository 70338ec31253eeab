/* test_merge.c: kg_catalog_merge() against msgmerge --previous semantics:
 * kept, fuzzy with "#|", obsolete, revived, new untranslated, header. */
#include "kitgen/catalog/catalog.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

static kg_catalog *parse(const char *text)
{
	kg_diags d;
	kg_diags_init(&d);
	kg_catalog *cat = NULL;
	int rc = kg_po_read_mem(&cat, text, strlen(text), "m.po", &d);
	if (rc)
		kg_diags_print(&d, stderr, KG_DIAG_TEXT, 0);
	assert_int_equal(rc, 0);
	kg_diags_release(&d);
	return cat;
}

static const char *old_po =
    "msgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: kit 1\\n\"\n"
    "\"POT-Creation-Date: 2020-01-01 00:00+0000\\n\"\n"
    "\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
    "# keep me\n#: old.md:1\nmsgid \"Same string\"\nmsgstr \"Même chaîne\"\n\n"
    "#, fuzzy\n#| msgid \"Ancient\"\nmsgid \"Keep fuzzy\"\nmsgstr \"Flou\"\n\n"
    "#| msgid \"stale\"\nmsgid \"Stale previous\"\nmsgstr \"Traduit\"\n\n"
    "# tc\nmsgid \"The quick brown fox jumps over the lazy dog\"\nmsgstr \"Le renard\"\n\n"
    "msgctxt \"menu\"\nmsgid \"Open the file now\"\nmsgstr \"Ouvrir\"\n\n"
    "msgid \"Gone untranslated\"\nmsgstr \"\"\n\n"
    "#: gone.md:9\nmsgid \"Gone translated\"\nmsgstr \"Parti\"\n\n"
    "#~ msgid \"Revive me\"\n#~ msgstr \"Ressuscité\"\n";

static const char *new_pot =
    "#, fuzzy\nmsgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: PACKAGE VERSION\\n\"\n"
    "\"POT-Creation-Date: 2024-05-05 12:00+0000\\n\"\n"
    "\"Content-Type: text/plain; charset=CHARSET\\n\"\n\n"
    "#. note\n#: new.md:5\n#, no-wrap\nmsgid \"Same string\"\nmsgstr \"\"\n\n"
    "msgid \"Keep fuzzy\"\nmsgstr \"\"\n\n"
    "msgid \"Stale previous\"\nmsgstr \"\"\n\n"
    "#: y.md:3\nmsgid \"The quick brown fox jumps over the lazy cat\"\nmsgstr \"\"\n\n"
    "msgctxt \"toolbar\"\nmsgid \"Open the file now\"\nmsgstr \"\"\n\n"
    "msgid \"Brand new\"\nmsgid_plural \"Brand news\"\nmsgstr[0] \"\"\nmsgstr[1] \"\"\n\n"
    "msgid \"Revive me\"\nmsgstr \"\"\n\n"
    "msgid \"Nothing like anything\"\nmsgstr \"\"\n";

static kg_catalog *merged(void)
{
	kg_catalog *po = parse(old_po);
	kg_catalog *pot = parse(new_pot);
	kg_catalog_merge(po, pot, 3);
	kg_catalog_free(pot);
	return po;
}

static void exact_match_keeps_translation_and_translator_comments(void **state)
{
	(void)state;
	kg_catalog *po = merged();
	kg_po_entry *e = kg_catalog_find(po, NULL, "Same string");
	assert_string_equal(e->msgstr[0], "Même chaîne");
	assert_string_equal(e->translator_comments, "keep me");
	assert_string_equal(e->extracted_comments, "note");
	assert_int_equal(e->reference_count, 1);
	assert_string_equal(e->references[0], "new.md:5");
	assert_true(kg_po_entry_has_flag(e, "no-wrap"));
	assert_true(kg_po_entry_is_translated(e));
	assert_ptr_equal(kg_catalog_at(po, 0), e); /* template order */
	kg_catalog_free(po);
}

static void fuzzy_entry_stays_fuzzy_and_keeps_its_previous_msgid(void **state)
{
	(void)state;
	kg_catalog *po = merged();
	kg_po_entry *e = kg_catalog_find(po, NULL, "Keep fuzzy");
	assert_true(kg_po_entry_has_flag(e, "fuzzy"));
	assert_string_equal(e->prev_msgid, "Ancient");
	e = kg_catalog_find(po, NULL, "Stale previous");
	assert_false(kg_po_entry_has_flag(e, "fuzzy"));
	assert_null(e->prev_msgid); /* msgmerge drops "#|" on translated entries */
	kg_catalog_free(po);
}

static void changed_msgid_becomes_fuzzy_with_previous_msgid(void **state)
{
	(void)state;
	kg_catalog *po = merged();
	kg_po_entry *e = kg_catalog_find(po, NULL, "The quick brown fox jumps over the lazy cat");
	assert_non_null(e);
	assert_true(kg_po_entry_has_flag(e, "fuzzy"));
	assert_string_equal(e->msgstr[0], "Le renard");
	assert_string_equal(e->prev_msgid, "The quick brown fox jumps over the lazy dog");
	assert_null(e->prev_msgctxt);
	assert_string_equal(e->translator_comments, "tc");
	kg_catalog_free(po);
}

static void changed_context_becomes_fuzzy_with_previous_context(void **state)
{
	(void)state;
	kg_catalog *po = merged();
	kg_po_entry *e = kg_catalog_find(po, "toolbar", "Open the file now");
	assert_true(kg_po_entry_has_flag(e, "fuzzy"));
	assert_string_equal(e->prev_msgctxt, "menu");
	assert_string_equal(e->prev_msgid, "Open the file now");
	kg_catalog_free(po);
}

static void new_entries_are_untranslated_with_nplurals_forms(void **state)
{
	(void)state;
	kg_catalog *po = merged();
	kg_po_entry *e = kg_catalog_find(po, NULL, "Brand new");
	assert_int_equal(e->msgstr_count, 3);
	assert_string_equal(e->msgstr[2], "");
	assert_false(kg_po_entry_has_flag(e, "fuzzy"));
	e = kg_catalog_find(po, NULL, "Nothing like anything");
	assert_string_equal(e->msgstr[0], "");
	assert_null(e->prev_msgid);
	kg_catalog_free(po);
}

static void vanished_entries_become_obsolete_at_the_end(void **state)
{
	(void)state;
	kg_catalog *po = merged();
	size_t n = kg_catalog_count(po);
	assert_int_equal(n, 9);
	kg_po_entry *last = kg_catalog_at(po, n - 1);
	assert_true(last->obsolete);
	assert_string_equal(last->msgid, "Gone translated");
	assert_int_equal(last->reference_count, 0);
	for (size_t i = 0; i < n; i++)
		assert_string_not_equal(kg_catalog_at(po, i)->msgid, "Gone untranslated");
	kg_catalog_free(po);
}

static void obsolete_entry_is_revived_by_an_exact_match(void **state)
{
	(void)state;
	kg_catalog *po = merged();
	kg_po_entry *e = kg_catalog_find(po, NULL, "Revive me");
	assert_non_null(e);
	assert_false(e->obsolete);
	assert_string_equal(e->msgstr[0], "Ressuscité");
	assert_true(kg_po_entry_is_translated(e));
	kg_catalog_free(po);
}

static void header_is_kept_but_pot_creation_date_is_updated(void **state)
{
	(void)state;
	kg_catalog *po = merged();
	size_t len;
	const char *v = kg_catalog_header_get(po, "Project-Id-Version", &len);
	assert_memory_equal(v, "kit 1", len);
	v = kg_catalog_header_get(po, "POT-Creation-Date", &len);
	assert_int_equal(len, strlen("2024-05-05 12:00+0000"));
	assert_memory_equal(v, "2024-05-05 12:00+0000", len);
	assert_false(kg_po_entry_has_flag(kg_catalog_header(po), "fuzzy"));
	kg_catalog_free(po);
}

static void merge_of_large_catalogs_stays_fast(void **state)
{
	(void)state;
	kg_catalog *po = kg_catalog_new(), *pot = kg_catalog_new();
	char id[160];
	for (int i = 0; i < 800; i++) {
		snprintf(id, sizeof(id), "Paragraph %d of the training material explains step %d in detail.",
		         i, i * 7);
		kg_po_entry *e = kg_catalog_add(po, NULL, id, NULL);
		kg_po_entry_set_msgstr(e, 0, "traduction");
		snprintf(id, sizeof(id), "Paragraph %d of the training material explains step %d in depth.",
		         i, i * 7);
		kg_catalog_add(pot, NULL, id, NULL);
	}
	clock_t t0 = clock();
	kg_catalog_merge(po, pot, 2);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	assert_true(secs < 30.0);
	assert_int_equal(kg_catalog_count(po), 800);
	assert_true(kg_po_entry_has_flag(kg_catalog_at(po, 5), "fuzzy"));
	kg_catalog_free(po);
	kg_catalog_free(pot);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(exact_match_keeps_translation_and_translator_comments),
	    cmocka_unit_test(fuzzy_entry_stays_fuzzy_and_keeps_its_previous_msgid),
	    cmocka_unit_test(changed_msgid_becomes_fuzzy_with_previous_msgid),
	    cmocka_unit_test(changed_context_becomes_fuzzy_with_previous_context),
	    cmocka_unit_test(new_entries_are_untranslated_with_nplurals_forms),
	    cmocka_unit_test(vanished_entries_become_obsolete_at_the_end),
	    cmocka_unit_test(obsolete_entry_is_revived_by_an_exact_match),
	    cmocka_unit_test(header_is_kept_but_pot_creation_date_is_updated),
	    cmocka_unit_test(merge_of_large_catalogs_stays_fast),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
