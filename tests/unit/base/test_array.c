/* test_array.c: KG_ARRAY's invariants (array.h): growth keeps elements,
 * added slots are zeroed, detach hands over and leaves an empty array. */
#include "kitgen/base/array.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

typedef struct point {
	int x, y;
} point;

static void an_initialized_array_is_empty_with_no_storage(void **state)
{
	(void)state;
	KG_ARRAY(int) a = KG_ARRAY_INIT;
	assert_null(a.items);
	assert_int_equal(a.count, 0);
	assert_int_equal(a.cap, 0);
	kg_array_release(&a); /* releasing an empty array is fine */
	assert_null(a.items);
}

static void pushes_keep_every_element_through_growth(void **state)
{
	(void)state;
	KG_ARRAY(int) a = KG_ARRAY_INIT;
	for (int i = 0; i < 10000; i++) {
		kg_array_push(&a, i * 3);
		assert_true(a.count <= a.cap);
	}
	assert_int_equal(a.count, 10000);
	for (int i = 0; i < 10000; i++)
		assert_int_equal(a.items[i], i * 3);
	kg_array_release(&a);
	assert_null(a.items);
	assert_int_equal(a.cap, 0);
}

static void growth_doubles_so_pushes_are_amortized(void **state)
{
	(void)state;
	KG_ARRAY(char) a = KG_ARRAY_INIT;
	size_t grows = 0, cap = 0;
	for (int i = 0; i < 1 << 16; i++) {
		kg_array_push(&a, 'x');
		if (a.cap != cap) {
			grows++;
			assert_true(a.cap >= 2 * cap);
			cap = a.cap;
		}
	}
	assert_true(grows <= 16);
	kg_array_release(&a);
}

static void added_slots_are_zeroed_and_compound_literals_push(void **state)
{
	(void)state;
	KG_ARRAY(point) a = KG_ARRAY_INIT;
	kg_array_push(&a, (point){1, 2});
	point *p = kg_array_add(&a);
	assert_int_equal(p->x, 0);
	assert_int_equal(p->y, 0);
	p->y = 7;
	assert_int_equal(a.count, 2);
	assert_int_equal(a.items[0].y, 2);
	assert_int_equal(a.items[1].y, 7);
	kg_array_release(&a);
}

static void reserve_grows_once_and_keeps_count(void **state)
{
	(void)state;
	KG_ARRAY(long) a = KG_ARRAY_INIT;
	kg_array_push(&a, 5L);
	kg_array_reserve(&a, 1000);
	assert_true(a.cap >= 1000);
	assert_int_equal(a.count, 1);
	long *before = a.items;
	for (long i = 1; i < 1000; i++)
		kg_array_push(&a, i);
	assert_ptr_equal(a.items, before); /* no growth was needed */
	kg_array_release(&a);
}

static void detach_hands_over_and_leaves_a_valid_empty_array(void **state)
{
	(void)state;
	KG_ARRAY(int) a = KG_ARRAY_INIT;
	kg_array_push(&a, 42);
	kg_array_push(&a, 43);
	int *items;
	size_t count;
	kg_array_detach(&a, &items, &count);
	assert_int_equal(count, 2);
	assert_int_equal(items[1], 43);
	assert_null(a.items);
	assert_int_equal(a.count, 0);
	assert_int_equal(a.cap, 0);
	kg_array_push(&a, 1); /* still usable */
	assert_int_equal(a.items[0], 1);
	free(items);
	kg_array_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(an_initialized_array_is_empty_with_no_storage),
	    cmocka_unit_test(pushes_keep_every_element_through_growth),
	    cmocka_unit_test(growth_doubles_so_pushes_are_amortized),
	    cmocka_unit_test(added_slots_are_zeroed_and_compound_literals_push),
	    cmocka_unit_test(reserve_grows_once_and_keeps_count),
	    cmocka_unit_test(detach_hands_over_and_leaves_a_valid_empty_array),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
