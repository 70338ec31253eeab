/* test_glossary.c: glossary terms found in English as words (ICU word
 * boundaries, case, plural and possessive forms), and translations checked
 * for the approved term, "# also:" forms and "# avoid:" terms. */
#include "kitgen/i18n/glossary.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static const char *po = "msgid \"\"\nmsgstr \"Language: vi\\n\"\n\n"
                        "#. match: as written (case-sensitive)\n"
                        "msgid \"Delegate\"\nmsgstr \"nhờ người giúp\"\n\n"
                        "# avoid: người ngoài cuộc (sounds passive), kẻ bàng quan\n"
                        "# also: chứng kiến (in compounds)\n"
                        "msgid \"bystander\"\nmsgstr \"người chứng kiến\"\n\n"
                        "msgid \"emergency\"\nmsgstr \"khẩn cấp\"\n\n"
                        "msgid \"self-care\"\nmsgstr \"tự chăm sóc\"\n\n"
                        "msgid \"hate incident\"\nmsgstr \"vụ việc thù hận\"\n\n"
                        "# avoid: tội ác thù hận (that is a hate crime)\n"
                        "msgid \"hate crime\"\nmsgstr \"tội ác thù hận\"\n\n"
                        "#, fuzzy\nmsgid \"trainer\"\nmsgstr \"người huấn luyện\"\n\n"
                        "msgid \"911\"\nmsgstr \"991\"\n";

static void load(kg_glossary *g, kg_diags *d)
{
	kg_catalog *cat = NULL;
	assert_int_equal(kg_po_read_mem(&cat, po, strlen(po), "g.po", d), 0);
	kg_glossary_init(g);
	kg_glossary_from_catalog(g, cat, "g.po", d);
}

static const kg_glossary_term *term(const kg_glossary *g, const char *source)
{
	for (size_t i = 0; i < g->count; i++)
		if (!strcmp(g->terms[i].source, source))
			return &g->terms[i];
	fail_msg("no term %s", source);
	return NULL;
}

static void terms_are_found_as_words(void **state)
{
	(void)state;
	kg_glossary g;
	kg_diags d;
	kg_diags_init(&d);
	load(&g, &d);
	const kg_glossary_term *by = term(&g, "bystander"), *de = term(&g, "Delegate"),
	                       *em = term(&g, "emergency"), *sc = term(&g, "self-care"),
	                       *hi = term(&g, "hate incident");
	assert_true(kg_glossary_term_in(by, "A bystander can help."));
	assert_true(kg_glossary_term_in(by, "Ask other Bystanders."));
	assert_true(kg_glossary_term_in(by, "the bystander's choice"));
	assert_true(kg_glossary_term_in(by, "the bystander\xe2\x80\x99s choice"));
	assert_true(kg_glossary_term_in(by, "the bystanders' choice"));
	assert_false(kg_glossary_term_in(by, "bystanding is not a word here"));
	assert_false(kg_glossary_term_in(by, "nonbystander"));
	assert_true(kg_glossary_term_in(em, "Emergencies happen."));
	assert_true(kg_glossary_term_in(sc, "Self-care for helpers"));
	assert_true(kg_glossary_term_in(hi, "reporting hate incidents"));
	assert_false(kg_glossary_term_in(hi, "I hate. Incidents happen.")); /* a full stop ends a term */
	assert_true(kg_glossary_term_in(de, "2\\. Delegate"));
	assert_false(kg_glossary_term_in(de, "Do not delegate it.")); /* case-sensitive */
	kg_glossary_release(&g);
	kg_diags_release(&d);
}

static void translations_are_checked(void **state)
{
	(void)state;
	kg_glossary g;
	kg_diags d;
	kg_diags_init(&d);
	load(&g, &d);
	size_t before = d.count;
	/* approved, and an "also" form */
	assert_int_equal(
	    kg_glossary_check(&g, "Ask a bystander.", "Hỏi một Người Chứng Kiến.", "p.po", 3, &d), 0);
	assert_int_equal(
	    kg_glossary_check(&g, "bystander intervention", "can thiệp khi chứng kiến", "p.po", 3, &d), 0);
	/* missing, then forbidden */
	assert_int_equal(kg_glossary_check(&g, "Ask a bystander.", "Hỏi người xung quanh.", "p.po", 7, &d),
	                 1);
	assert_non_null(
	    strstr(d.items[d.count - 1].message, "glossary term 'bystander': the translation lacks"));
	assert_int_equal(d.items[d.count - 1].line, 7);
	assert_string_equal(d.items[d.count - 1].file, "p.po");
	assert_int_equal(kg_glossary_check(&g, "Ask a bystander.",
	                                   "Người chứng kiến, không phải kẻ bàng quan.", "p.po", 9, &d),
	                 1);
	assert_non_null(strstr(d.items[d.count - 1].message, "uses 'kẻ bàng quan'"));
	/* a forbidden term that is another matched term's approved one */
	assert_int_equal(kg_glossary_check(&g, "A hate incident or a hate crime.",
	                                   "Một vụ việc thù hận hay một tội ác thù hận.", "p.po", 11, &d),
	                 0);
	/* the quick test before ICU: a plural in -ies, a possessive, other
	 * case, a term after non-ASCII text, a case-sensitive term */
	assert_int_equal(kg_glossary_check(&g, "Two EMERGENCIES.", "Hai việc.", "p.po", 15, &d), 1);
	assert_int_equal(kg_glossary_check(&g, "The Bystander's turn.", "Lượt của họ.", "p.po", 16, &d), 1);
	assert_int_equal(kg_glossary_check(&g, "Café first, then self-care.", "Cà phê.", "p.po", 17, &d), 1);
	assert_int_equal(kg_glossary_check(&g, "Delegate it.", "Hãy làm.", "p.po", 18, &d), 1);
	assert_int_equal(kg_glossary_check(&g, "delegate it.", "Hãy làm.", "p.po", 19, &d), 0);
	assert_int_equal(kg_glossary_check(&g, "Nothing to see.", "Không có gì.", "p.po", 20, &d), 0);
	/* fuzzy entries and refused ones are not enforced */
	assert_int_equal(
	    kg_glossary_check(&g, "Ask the trainer. Call 911.", "Hỏi giảng viên. Gọi 911.", "p.po", 13, &d),
	    0);
	assert_int_equal(d.count, before + 6);
	kg_glossary_release(&g);
	kg_diags_release(&d);
}

static void a_glossary_entry_is_checked_like_a_unit(void **state)
{
	(void)state;
	kg_glossary g;
	kg_diags d;
	kg_diags_init(&d);
	load(&g, &d);
	assert_int_equal(d.count, 1);
	assert_non_null(strstr(d.items[0].message, "refused translation of the glossary term '911'"));
	assert_null(term(&g, "911")->approved);
	assert_null(term(&g, "trainer")->approved);
	kg_glossary_release(&g);
	kg_diags_release(&d);
}

/* kg_glossary_check finds, for a translation with no term in it, exactly
 * the enforced terms kg_glossary_term_in (always ICU) finds: its quick
 * test before ICU skips no text that holds one. Random ASCII sentences of
 * term words in other cases and forms, and other words. */
static void the_quick_test_skips_only_texts_without_terms(void **state)
{
	(void)state;
	static const char *const vocabulary[] = {
	    "bystander", "Bystanders", "bystander's", "BYSTANDER", "emergency", "Emergencies", "emergenc",
	    "self-care", "Self",       "care",        "hate",      "Hate",      "incident",    "incidents",
	    "crime",     "Delegate",   "delegate",    "Delegates", "the",       "911",         "trainer",
	    ",",         ".",          "-",           "&",         "ies",       "y",           "cities"};
	const size_t words = sizeof(vocabulary) / sizeof(vocabulary[0]);
	kg_glossary g;
	kg_diags d;
	kg_diags_init(&d);
	load(&g, &d);
	unsigned seed = 2026;
	for (int round = 0; round < 3000; round++) {
		char text[256] = "";
		seed = seed * 1103515245u + 12345u;
		int count = 1 + (int)((seed >> 16) % 6);
		for (int w = 0; w < count; w++) {
			seed = seed * 1103515245u + 12345u;
			if (w)
				strcat(text, (seed >> 8) % 4 ? " " : "");
			strcat(text, vocabulary[(seed >> 16) % words]);
		}
		size_t want = 0;
		for (size_t i = 0; i < g.count; i++)
			want += g.terms[i].approved && kg_glossary_term_in(&g.terms[i], text);
		size_t before = d.count;
		size_t got = kg_glossary_check(&g, text, "x", "p.po", 1, &d);
		if (got != want)
			fail_msg("\"%s\": %zu findings, %zu terms", text, got, want);
		assert_int_equal(d.count - before, got);
	}
	kg_glossary_release(&g);
	kg_diags_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(terms_are_found_as_words),
	    cmocka_unit_test(translations_are_checked),
	    cmocka_unit_test(a_glossary_entry_is_checked_like_a_unit),
	    cmocka_unit_test(the_quick_test_skips_only_texts_without_terms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
