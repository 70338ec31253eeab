/* test_value.c: kg_val, the reference-counted data templates read —
 * ownership through containers, map replacement and order, dotted paths,
 * truthiness and the typed readers. Leaks and double frees show up under
 * the sanitizer build. */
#include "kitgen/template/value.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static void shared_value_outlives_its_container(void **state)
{
	(void)state;
	kg_val *title = kg_val_str("Five responses");
	kg_val *page = kg_val_map();
	kg_val_set(page, "title", kg_val_ref(title));
	kg_val *list = kg_val_list();
	kg_val_push(list, kg_val_ref(title));
	kg_val_unref(page);
	kg_val_unref(list);
	/* Our own reference is still good after both containers are gone. */
	assert_string_equal(kg_val_as_str(title), "Five responses");
	assert_int_equal(kg_val_type_of(title), KG_VAL_STR);
	kg_val_unref(title);
}

static void container_shared_by_two_parents_survives_one(void **state)
{
	(void)state;
	kg_val *site = kg_val_map();
	kg_val_set_str(site, "title", "Kit");
	kg_val *a = kg_val_map(), *b = kg_val_map();
	kg_val_set(a, "site", kg_val_ref(site));
	kg_val_set(b, "site", site); /* gives away our reference */
	kg_val_unref(a);
	assert_string_equal(kg_val_as_str(kg_val_path(b, "site.title")), "Kit");
	kg_val_unref(b);
	kg_val_unref(NULL); /* allowed */
}

static void set_replaces_an_existing_key_in_place(void **state)
{
	(void)state;
	kg_val *m = kg_val_map();
	kg_val_set_str(m, "a", "first");
	kg_val_set_int(m, "b", 2);
	kg_val_set_str(m, "a", "second");
	assert_int_equal(kg_val_len(m), 2);
	assert_string_equal(kg_val_key_at(m, 0), "a");
	assert_string_equal(kg_val_as_str(kg_val_value_at(m, 0)), "second");
	assert_string_equal(kg_val_key_at(m, 1), "b");
	assert_null(kg_val_key_at(m, 2));
	assert_null(kg_val_value_at(m, 2));
	/* Replacing drops the old value's reference, not a shared one. */
	kg_val *kept = kg_val_str("kept");
	kg_val_set(m, "c", kg_val_ref(kept));
	kg_val_set_bool(m, "c", 1);
	assert_string_equal(kg_val_as_str(kept), "kept");
	assert_int_equal(kg_val_type_of(kg_val_get(m, "c")), KG_VAL_BOOL);
	kg_val_unref(kept);
	kg_val_unref(m);
}

static void maps_keep_insertion_order(void **state)
{
	(void)state;
	kg_val *m = kg_val_map();
	const char *keys[] = {"zeta", "alpha", "mu", "beta", "k0", "k1", "k2", "k3", "k4", "k5"};
	for (size_t i = 0; i < 10; i++)
		kg_val_set_int(m, keys[i], (long long)i);
	assert_int_equal(kg_val_len(m), 10);
	for (size_t i = 0; i < 10; i++) {
		assert_string_equal(kg_val_key_at(m, i), keys[i]);
		assert_int_equal(kg_val_as_int(kg_val_get(m, keys[i])), (long long)i);
	}
	assert_null(kg_val_get(m, "missing"));
	kg_val_unref(m);
}

static void lists_grow_and_index(void **state)
{
	(void)state;
	kg_val *l = kg_val_list();
	for (int i = 0; i < 100; i++)
		kg_val_push(l, kg_val_int(i * 3));
	kg_val_push(l, NULL); /* becomes null */
	assert_int_equal(kg_val_len(l), 101);
	assert_int_equal(kg_val_as_int(kg_val_at(l, 99)), 297);
	assert_non_null(kg_val_at(l, 100));
	assert_int_equal(kg_val_type_of(kg_val_at(l, 100)), KG_VAL_NULL);
	assert_null(kg_val_at(l, 101));
	kg_val_unref(l);
}

static void path_lookup_walks_nested_maps(void **state)
{
	(void)state;
	kg_val *root = kg_val_map();
	kg_val *page = kg_val_map();
	kg_val_set_str(page, "title", "Hello");
	kg_val *meta = kg_val_map();
	kg_val_set_int(meta, "order", 7);
	kg_val_set(page, "meta", meta);
	kg_val_set(root, "page", page);
	assert_string_equal(kg_val_as_str(kg_val_path(root, "page.title")), "Hello");
	assert_int_equal(kg_val_as_int(kg_val_path(root, "page.meta.order")), 7);
	assert_ptr_equal(kg_val_path(root, "page"), page);
	assert_null(kg_val_path(root, "page.missing"));
	assert_null(kg_val_path(root, "page.title.deeper"));
	assert_null(kg_val_path(root, "nothing.at.all"));
	assert_ptr_equal(kg_val_path(root, ""), root);
	kg_val_unref(root);
}

static void path_with_overlong_key_finds_nothing(void **state)
{
	(void)state;
	char key[300];
	memset(key, 'k', sizeof(key) - 1);
	key[sizeof(key) - 1] = '\0';
	kg_val *root = kg_val_map();
	kg_val_set_str(root, key, "x");
	assert_non_null(kg_val_get(root, key));
	assert_null(kg_val_path(root, key));
	kg_val_unref(root);
}

static void truthiness_follows_template_rules(void **state)
{
	(void)state;
	kg_val *falsy[] = {kg_val_null(),   kg_val_bool(0), kg_val_int(0), kg_val_str(""),
	                   kg_val_html(""), kg_val_list(),  kg_val_map()};
	for (size_t i = 0; i < sizeof(falsy) / sizeof(falsy[0]); i++) {
		assert_false(kg_val_truthy(falsy[i]));
		kg_val_unref(falsy[i]);
	}
	assert_false(kg_val_truthy(NULL));
	kg_val *list = kg_val_list();
	kg_val_push(list, kg_val_null());
	kg_val *map = kg_val_map();
	kg_val_set_bool(map, "x", 0);
	kg_val *truthy[] = {kg_val_bool(1), kg_val_int(-1), kg_val_str("0"), kg_val_html("<br>"), list, map};
	for (size_t i = 0; i < sizeof(truthy) / sizeof(truthy[0]); i++) {
		assert_true(kg_val_truthy(truthy[i]));
		kg_val_unref(truthy[i]);
	}
}

static void typed_readers_have_safe_defaults(void **state)
{
	(void)state;
	kg_val *s = kg_val_strn("abcdef", 3);
	assert_string_equal(kg_val_as_str(s), "abc");
	assert_int_equal(kg_val_as_int(s), 0);
	assert_int_equal(kg_val_len(s), 0);
	kg_val *b = kg_val_bool(7);
	assert_int_equal(kg_val_as_int(b), 1);
	assert_string_equal(kg_val_as_str(b), "");
	assert_string_equal(kg_val_as_str(NULL), "");
	assert_int_equal(kg_val_type_of(NULL), KG_VAL_NULL);
	kg_val *h = kg_val_html_take(strdup("<em>x</em>"));
	assert_int_equal(kg_val_type_of(h), KG_VAL_HTML);
	assert_string_equal(kg_val_as_str(h), "<em>x</em>");
	kg_val *t = kg_val_str_take(NULL);
	assert_string_equal(kg_val_as_str(t), "");
	kg_val_unref(s);
	kg_val_unref(b);
	kg_val_unref(h);
	kg_val_unref(t);
}

static void wrong_container_takes_and_drops_the_value(void **state)
{
	(void)state;
	kg_val *not_a_list = kg_val_map();
	kg_val_push(not_a_list, kg_val_str("dropped"));
	assert_int_equal(kg_val_len(not_a_list), 0);
	kg_val *not_a_map = kg_val_list();
	kg_val_set(not_a_map, "k", kg_val_str("dropped"));
	assert_int_equal(kg_val_len(not_a_map), 0);
	assert_null(kg_val_get(not_a_map, "k"));
	kg_val_unref(not_a_list);
	kg_val_unref(not_a_map);
}

static void sized_map_grows_past_its_capacity_and_replaces(void **state)
{
	(void)state;
	kg_val *entry = kg_val_map_sized(2);
	kg_val_set(entry, "title", kg_val_str("Breathe"));
	kg_val_set(entry, "url", kg_val_str("first/"));
	kg_val_set(entry, "available", kg_val_bool(1)); /* past the capacity */
	kg_val_set(entry, "title", kg_val_str("Breathe slowly"));
	assert_int_equal(kg_val_len(entry), 3);
	assert_string_equal(kg_val_key_at(entry, 2), "available");
	assert_string_equal(kg_val_as_str(kg_val_get(entry, "title")), "Breathe slowly");
	assert_true(kg_val_truthy(kg_val_get(entry, "available")));
	kg_val_unref(entry); /* frees no key: they are literals (the sanitizer would see) */
}

static void booleans_are_shared_and_survive_any_number_of_owners(void **state)
{
	(void)state;
	kg_val *values[1000];
	for (int i = 0; i < 1000; i++)
		values[i] = kg_val_bool(i % 2);
	assert_ptr_equal(values[0], values[2]);
	assert_ptr_not_equal(values[0], values[1]);
	for (int i = 0; i < 1000; i++)
		kg_val_unref(values[i]);
	kg_val *t = kg_val_bool(5);
	assert_int_equal(kg_val_type_of(t), KG_VAL_BOOL);
	assert_int_equal(kg_val_as_int(t), 1);
	assert_false(kg_val_truthy(kg_val_get(NULL, "x")));
	kg_val_unref(t);
	assert_int_equal(kg_val_as_int(kg_val_bool(0)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(shared_value_outlives_its_container),
	    cmocka_unit_test(container_shared_by_two_parents_survives_one),
	    cmocka_unit_test(set_replaces_an_existing_key_in_place),
	    cmocka_unit_test(maps_keep_insertion_order),
	    cmocka_unit_test(lists_grow_and_index),
	    cmocka_unit_test(path_lookup_walks_nested_maps),
	    cmocka_unit_test(path_with_overlong_key_finds_nothing),
	    cmocka_unit_test(truthiness_follows_template_rules),
	    cmocka_unit_test(typed_readers_have_safe_defaults),
	    cmocka_unit_test(wrong_container_takes_and_drops_the_value),
	    cmocka_unit_test(sized_map_grows_past_its_capacity_and_replaces),
	    cmocka_unit_test(booleans_are_shared_and_survive_any_number_of_owners),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
