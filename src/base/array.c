/* array.c: the growth of KG_ARRAY and of any items/cap pair (see array.h).
 * Owns nothing: the memory belongs to the array that called. */
#include "kitgen/base/array.h"

#include "kitgen/base/alloc.h"

#include <stdint.h>

void *kg_array_grow_(void *items, size_t *cap, size_t need, size_t item_size)
{
	if (need <= *cap)
		return items;
	/* Doubling keeps n appends O(n); a first reserve of many gets exactly
	 * what it asked for. */
	size_t grown = *cap <= SIZE_MAX / 2 ? *cap * 2 : SIZE_MAX;
	if (grown < 4)
		grown = 4; /* small: a catalog entry's msgstr or flags */
	if (grown < need)
		grown = need;
	if (grown > SIZE_MAX / item_size)
		return kg_realloc(items, SIZE_MAX); /* cannot succeed: aborts as out of memory */
	items = kg_realloc(items, grown * item_size);
	*cap = grown;
	return items;
}
