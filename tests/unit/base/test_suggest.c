/* test_suggest.c: the edit distance and the closest-word pick behind the
 * "did you mean" hints of kit.yaml, front matter and templates. */
#include "kitgen/base/suggest.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static size_t distance(const char *a, const char *b) { return kg_edit_distance(a, strlen(a), b, strlen(b)); }

static const char *suggest(const char *word, const char *const *candidates, size_t max_edits)
{
	return kg_suggest_word(word, strlen(word), candidates, max_edits);
}

/* ---- Edit distance ----------------------------------------------------- */

static void edit_distance_counts_insertions_deletions_and_substitutions(void **state)
{
	(void)state;
	assert_int_equal(distance("", ""), 0);
	assert_int_equal(distance("title", "title"), 0);
	assert_int_equal(distance("", "abc"), 3);
	assert_int_equal(distance("abc", ""), 3);
	assert_int_equal(distance("language", "languages"), 1); /* insertion */
	assert_int_equal(distance("youths", "youth"), 1);       /* deletion */
	assert_int_equal(distance("base-url", "base_url"), 1);  /* substitution */
	assert_int_equal(distance("titel", "title"), 2);        /* a swap is two edits */
	assert_int_equal(distance("kitten", "sitting"), 3);
}

static void edit_distance_uses_only_the_given_lengths(void **state)
{
	(void)state;
	/* The template parser measures a word inside its source text. */
	const char *source = "{% incldue x %}";
	assert_int_equal(kg_edit_distance(source + 3, 7, "include", 7), 2);
}

static void edit_distance_refuses_words_longer_than_the_limit(void **state)
{
	(void)state;
	char long_word[KG_EDIT_DISTANCE_MAX + 2];
	memset(long_word, 'a', sizeof(long_word) - 1);
	long_word[sizeof(long_word) - 1] = '\0';
	assert_int_equal(kg_edit_distance(long_word, KG_EDIT_DISTANCE_MAX, long_word, KG_EDIT_DISTANCE_MAX),
	                 0);
	assert_true(kg_edit_distance(long_word, KG_EDIT_DISTANCE_MAX + 1, "a", 1) == SIZE_MAX);
	assert_true(kg_edit_distance("a", 1, long_word, KG_EDIT_DISTANCE_MAX + 1) == SIZE_MAX);
}

/* ---- Suggestions ------------------------------------------------------- */

static void suggest_word_names_a_candidate_within_reach(void **state)
{
	(void)state;
	static const char *const keys[] = {"title", "base_url", "languages", "source_language", NULL};
	assert_string_equal(suggest("titel", keys, 2), "title");
	assert_string_equal(suggest("language", keys, 2), "languages");
	assert_string_equal(suggest("base-url", keys, 2), "base_url");
	assert_string_equal(suggest("source-languag", keys, 2), "source_language");
	static const char *const tags[] = {"if", "elif", "else", "end", "for", "include", "set", NULL};
	assert_string_equal(suggest("incldue", tags, 2), "include");
	assert_string_equal(suggest("ef", tags, 1), "if"); /* a two-byte word, one edit */
}

static void suggest_word_gives_nothing_when_no_candidate_is_close(void **state)
{
	(void)state;
	static const char *const keys[] = {"title", "base_url", "languages", NULL};
	assert_null(suggest("output", keys, 2));
	assert_null(suggest("ti", keys, 2));    /* three edits from "title" */
	assert_null(suggest("titel", keys, 1)); /* two edits, one allowed */
	static const char *const none[] = {NULL};
	assert_null(suggest("anything", none, 2));
	static const char *const tags[] = {"if", "end", NULL};
	assert_null(suggest("x", tags, 0)); /* the template parser allows no edit for one byte */
}

static void suggest_word_prefers_the_nearest_then_the_first(void **state)
{
	(void)state;
	static const char *const words[] = {"elders", "youth", "everyone", NULL};
	assert_string_equal(suggest("elder", words, 2), "elders");
	assert_string_equal(suggest("youths", words, 2), "youth");
	static const char *const near_last[] = {"cart", "cat", NULL}; /* two edits, then one */
	assert_string_equal(suggest("ca", near_last, 2), "cat");
	static const char *const tie[] = {"bat", "cap", NULL}; /* one edit each */
	assert_string_equal(suggest("cat", tie, 2), "bat");
}

static void suggest_word_measures_only_len_bytes(void **state)
{
	(void)state;
	static const char *const filters[] = {"default", "len", NULL};
	const char *source = "x | lenn }}";
	assert_string_equal(kg_suggest_word(source + 4, 4, filters, 2), "len");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(edit_distance_counts_insertions_deletions_and_substitutions),
	    cmocka_unit_test(edit_distance_uses_only_the_given_lengths),
	    cmocka_unit_test(edit_distance_refuses_words_longer_than_the_limit),
	    cmocka_unit_test(suggest_word_names_a_candidate_within_reach),
	    cmocka_unit_test(suggest_word_gives_nothing_when_no_candidate_is_close),
	    cmocka_unit_test(suggest_word_prefers_the_nearest_then_the_first),
	    cmocka_unit_test(suggest_word_measures_only_len_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
