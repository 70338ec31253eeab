/* suggest.h: "did you mean" hints. The edit distance between two words and
 * the pick of the closest candidate from a NULL-terminated list; the kit
 * loader and the template parser both word their hints from it. Owns
 * nothing: a hint is borrowed from the candidates. */
#ifndef KITGEN_SUGGEST_H
#define KITGEN_SUGGEST_H

#include <stddef.h>

/* Longest word (in bytes) kg_edit_distance measures; hints are for short
 * names, and the bound keeps its table on the stack. */
#define KG_EDIT_DISTANCE_MAX 64

/* The Levenshtein distance between a[0..alen) and b[0..blen): how many
 * single-byte insertions, deletions and substitutions turn one into the
 * other. SIZE_MAX when either is longer than KG_EDIT_DISTANCE_MAX. */
size_t kg_edit_distance(const char *a, size_t alen, const char *b, size_t blen);

/* The candidate (from a NULL-terminated list) closest to word[0..len), if
 * it is at most max_edits edits away; the first of equally close ones.
 * NULL when none is that close. The result is borrowed from candidates. */
const char *kg_suggest_word(const char *word, size_t len, const char *const *candidates, size_t max_edits);

#endif
