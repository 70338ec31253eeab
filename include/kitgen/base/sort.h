/* sort.h: a stable merge sort whose comparison takes a context pointer
 * (qsort_r is a GNU extension; kitgen is plain C11 and sorts on threads).
 * Sorts the caller's array in place; owns only a scratch copy, freed
 * before it returns. */
#ifndef KITGEN_SORT_H
#define KITGEN_SORT_H

#include <stddef.h>

typedef int (*kg_compare_fn)(const void *a, const void *b, void *ctx);
void kg_sort(void *base, size_t count, size_t size, kg_compare_fn cmp, void *ctx);

#endif
