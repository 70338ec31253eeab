/* array.h: KG_ARRAY(T), the one growable array, for elements of any type.
 *
 * Invariants, once zero-initialized (KG_ARRAY_INIT, = {0} or kg_calloc()):
 *   - items is NULL exactly while cap is 0;
 *   - count <= cap; items[0..count) are the elements, the rest is unused;
 *   - the array owns items (not what the elements point to); the only way
 *     to take ownership is kg_array_detach(), which leaves the array empty
 *     and valid.
 * kg_array_release() frees items and re-initializes the array; freeing what
 * the elements own is the caller's job, first.
 *
 * kg_array_grow_() is the one function that grows arrays: to twice the
 * capacity (at least 4), or to what was asked if that is more.
 *
 * A struct that keeps its own `T *x; size_t x_count, x_cap;` fields grows
 * them with kg_array_grow(x, x_cap, need); a cap below what a heap x holds
 * is safe (0 for one set by hand), one above it is not. The kg_array_*
 * macros take a pointer to a KG_ARRAY, or to any struct with the same three
 * fields (items, count, cap) among others. They evaluate that argument more
 * than once: pass a variable or a member, not an expression with effects.
 */
#ifndef KITGEN_ARRAY_H
#define KITGEN_ARRAY_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* Two uses of KG_ARRAY(T) are two distinct types: name one with typedef
 * when it is passed between functions. */
#define KG_ARRAY(T)           \
	struct {              \
		T *items;     \
		size_t count; \
		size_t cap;   \
	}
#define KG_ARRAY_INIT      \
	{                  \
		NULL, 0, 0 \
	}

/* Returns items reallocated to hold at least need elements of item_size
 * bytes, and raises *cap to match; items unchanged when need <= *cap.
 * Takes ownership of items and gives it back in the result, which the
 * caller stores in place of items (never NULL). Returning the pointer,
 * rather than taking a T **, keeps the macros free of casts between
 * pointer types. Aborts (alloc.h) on overflow. */
void *kg_array_grow_(void *items, size_t *cap, size_t need, size_t item_size);

/* Makes room for at least need elements in the fields items and cap. */
#define kg_array_grow(items, cap, need) \
	((need) <= (cap) ? (void)0      \
	                 : (void)((items) = kg_array_grow_((items), &(cap), (need), sizeof(*(items)))))

/* Makes room for at least need elements in all (count stays). */
#define kg_array_reserve(a, need) kg_array_grow((a)->items, (a)->cap, (need))

/* Appends the value (evaluated once, after the growth; variadic so that a
 * compound literal's commas need no parentheses). */
#define kg_array_push(a, ...) \
	(kg_array_reserve((a), (a)->count + 1), (void)((a)->items[(a)->count++] = (__VA_ARGS__)))

/* Appends a zeroed element and returns a pointer to it, valid until the
 * array next grows. */
#define kg_array_add(a)                                                                                  \
	(kg_array_reserve((a), (a)->count + 1), memset(&(a)->items[(a)->count], 0, sizeof(*(a)->items)), \
	 &(a)->items[(a)->count++])

/* Hands the elements to the caller: *items_out gets items (NULL when the
 * array never grew; the caller frees it with free()) and *count_out the
 * count. The array is left empty and valid. */
#define kg_array_detach(a, items_out, count_out)                                                  \
	(*(items_out) = (a)->items, *(count_out) = (a)->count, (a)->items = NULL, (a)->count = 0, \
	 (a)->cap = 0)

/* Frees items (not what the elements own) and re-initializes the array. */
#define kg_array_release(a) (free((a)->items), (a)->items = NULL, (a)->count = 0, (a)->cap = 0)

#endif
