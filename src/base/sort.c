/* sort.c: stable merge sort with a context (see sort.h). Allocates one
 * scratch buffer of the array's size per call. */
#include "kitgen/base/sort.h"

#include "kitgen/base/alloc.h"

#include <stdlib.h>
#include <string.h>

/* Items of 8 and 16 bytes (offsets, pointers, a key and an offset) are
 * copied with a fixed size, which the compiler inlines; a call to memcpy
 * per item was most of a search-index sort's time. */
static void copy_item(char *to, const char *from, size_t size)
{
	if (size == 8)
		memcpy(to, from, 8);
	else if (size == 16)
		memcpy(to, from, 16);
	else
		memcpy(to, from, size);
}

static void merge_sort(char *a, char *tmp, size_t n, size_t size, kg_compare_fn cmp, void *ctx)
{
	if (n < 2)
		return;
	size_t half = n / 2;
	merge_sort(a, tmp, half, size, cmp, ctx);
	merge_sort(a + half * size, tmp, n - half, size, cmp, ctx);
	if (cmp(a + half * size, a + (half - 1) * size, ctx) >= 0)
		return; /* already in order: the halves' merge would copy them back as they are */
	size_t i = 0, j = half, k = 0;
	while (i < half && j < n) {
		if (cmp(a + j * size, a + i * size, ctx) < 0)
			copy_item(tmp + k++ * size, a + j++ * size, size);
		else
			copy_item(tmp + k++ * size, a + i++ * size, size);
	}
	while (i < half)
		copy_item(tmp + k++ * size, a + i++ * size, size);
	while (j < n)
		copy_item(tmp + k++ * size, a + j++ * size, size);
	memcpy(a, tmp, n * size);
}

void kg_sort(void *base, size_t count, size_t size, kg_compare_fn cmp, void *ctx)
{
	if (count < 2)
		return;
	char *tmp = kg_malloc(count * size);
	merge_sort(base, tmp, count, size, cmp, ctx);
	free(tmp);
}
