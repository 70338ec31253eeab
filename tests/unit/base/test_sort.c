/* test_sort.c: kg_sort is a stable sort for items of any size (the 8- and
 * 16-byte copies it inlines, and others), checked against an insertion
 * sort on arrays with many equal keys, sorted, reversed and random. */
#include "kitgen/base/sort.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* An item: a key that repeats, and its first position (for stability).
 * Padded to the size under test. */
typedef struct item {
	uint32_t key, position;
	unsigned char pad[24];
} item;

static int compare_keys(const void *a, const void *b, void *ctx)
{
	(void)ctx;
	uint32_t x, y;
	memcpy(&x, a, sizeof(x));
	memcpy(&y, b, sizeof(y));
	return (x > y) - (x < y);
}

static void insertion_sort(char *a, size_t n, size_t size)
{
	char tmp[sizeof(item)];
	for (size_t i = 1; i < n; i++) {
		memcpy(tmp, a + i * size, size);
		size_t j = i;
		while (j > 0 && compare_keys(a + (j - 1) * size, tmp, NULL) > 0) {
			memcpy(a + j * size, a + (j - 1) * size, size);
			j--;
		}
		memcpy(a + j * size, tmp, size);
	}
}

static void sorts_stably_for_every_item_size(void **state)
{
	(void)state;
	static const size_t sizes[] = {8, 12, 16, 24, sizeof(item)};
	static const size_t counts[] = {0, 1, 2, 3, 7, 8, 9, 100, 1000};
	unsigned seed = 12345;
	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		size_t size = sizes[s];
		for (size_t c = 0; c < sizeof(counts) / sizeof(counts[0]); c++) {
			size_t n = counts[c];
			for (int order = 0; order < 3; order++) { /* random, sorted, reversed */
				char *a = calloc(n ? n : 1, size), *want = calloc(n ? n : 1, size);
				for (size_t i = 0; i < n; i++) {
					seed = seed * 1103515245u + 12345u;
					uint32_t key = order == 0   ? (seed >> 16) % 17
					               : order == 1 ? (uint32_t)i / 3
					                            : (uint32_t)(n - i) / 3;
					uint32_t position = (uint32_t)i;
					memcpy(a + i * size, &key, 4);
					memcpy(a + i * size + 4, &position, 4);
					for (size_t b = 8; b < size; b++)
						a[i * size + b] = (char)(key + i + b);
				}
				memcpy(want, a, n * size);
				insertion_sort(want, n, size);
				kg_sort(a, n, size, compare_keys, NULL);
				assert_memory_equal(a, want, n ? n * size : 1);
				free(a);
				free(want);
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(sorts_stably_for_every_item_size),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
