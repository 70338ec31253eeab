/* suggest.c: edit distance and the closest-word pick behind every "did you
 * mean" hint (see suggest.h). Allocates nothing; borrows its inputs. */
#include "kitgen/base/suggest.h"

#include <stdint.h>
#include <string.h>

size_t kg_edit_distance(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t row[KG_EDIT_DISTANCE_MAX + 1]; /* one row of the table, over b */
	if (alen > KG_EDIT_DISTANCE_MAX || blen > KG_EDIT_DISTANCE_MAX)
		return SIZE_MAX;
	for (size_t j = 0; j <= blen; j++)
		row[j] = j;
	for (size_t i = 1; i <= alen; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= blen; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[blen];
}

const char *kg_suggest_word(const char *word, size_t len, const char *const *candidates, size_t max_edits)
{
	const char *best = NULL;
	size_t best_distance = SIZE_MAX;
	for (; *candidates; candidates++) {
		size_t clen = strlen(*candidates);
		/* The distance is at least the difference in length: skip the table. */
		if ((clen > len ? clen - len : len - clen) > max_edits)
			continue;
		size_t d = kg_edit_distance(word, len, *candidates, clen);
		if (d <= max_edits && d < best_distance) {
			best = *candidates;
			best_distance = d;
		}
	}
	return best;
}
