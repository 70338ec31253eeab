/* test_plural.c: Plural-Forms parsing and evaluation for real languages,
 * and the safety limits: division by zero, clamping, deep nesting. */
#include "kitgen/catalog/plural.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static kg_plural *parse_ok(const char *value)
{
	kg_diags d;
	kg_diags_init(&d);
	kg_plural *p = kg_plural_parse(value, "x.po", 3, &d);
	assert_non_null(p);
	assert_int_equal(d.count, 0);
	kg_diags_release(&d);
	return p;
}

static void parse_fails(const char *value, const char *needle)
{
	kg_diags d;
	kg_diags_init(&d);
	assert_null(kg_plural_parse(value, "x.po", 7, &d));
	assert_int_equal(d.errors, 1);
	assert_string_equal(d.items[0].file, "x.po");
	assert_int_equal(d.items[0].line, 7);
	assert_non_null(strstr(d.items[0].message, needle));
	kg_diags_release(&d);
}

static void english_has_two_forms(void **state)
{
	(void)state;
	kg_plural *p = parse_ok("nplurals=2; plural=(n != 1);");
	assert_int_equal(kg_plural_count(p), 2);
	assert_int_equal(kg_plural_eval(p, 0), 1);
	assert_int_equal(kg_plural_eval(p, 1), 0);
	assert_int_equal(kg_plural_eval(p, 2), 1);
	kg_plural_free(p);
}

static void french_treats_zero_as_singular(void **state)
{
	(void)state;
	kg_plural *p = parse_ok(" nplurals = 2 ; plural = n>1 ;");
	assert_int_equal(kg_plural_eval(p, 0), 0);
	assert_int_equal(kg_plural_eval(p, 1), 0);
	assert_int_equal(kg_plural_eval(p, 2), 1);
	kg_plural_free(p);
}

static void russian_has_three_forms(void **state)
{
	(void)state;
	kg_plural *p = parse_ok("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
	                        "(n%100<10 || n%100>=20) ? 1 : 2);");
	const unsigned long n[] = {1, 2, 5, 11, 12, 21, 22, 25, 101, 111, 1004};
	const unsigned long want[] = {0, 1, 2, 2, 2, 0, 1, 2, 0, 2, 1};
	for (size_t i = 0; i < sizeof(n) / sizeof(n[0]); i++)
		assert_int_equal(kg_plural_eval(p, n[i]), want[i]);
	kg_plural_free(p);
}

static void arabic_has_six_forms(void **state)
{
	(void)state;
	kg_plural *p = parse_ok("nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && "
	                        "n%100<=10 ? 3 : n%100>=11 ? 4 : 5);");
	assert_int_equal(kg_plural_count(p), 6);
	const unsigned long n[] = {0, 1, 2, 3, 10, 11, 99, 100, 102, 103, 111};
	const unsigned long want[] = {0, 1, 2, 3, 3, 4, 4, 5, 5, 3, 4};
	for (size_t i = 0; i < sizeof(n) / sizeof(n[0]); i++)
		assert_int_equal(kg_plural_eval(p, n[i]), want[i]);
	kg_plural_free(p);
}

static void japanese_has_one_form(void **state)
{
	(void)state;
	kg_plural *p = parse_ok("nplurals=1; plural=0;");
	assert_int_equal(kg_plural_count(p), 1);
	assert_int_equal(kg_plural_eval(p, 0), 0);
	assert_int_equal(kg_plural_eval(p, 7), 0);
	kg_plural_free(p);
}

static void division_by_zero_gives_zero(void **state)
{
	(void)state;
	kg_plural *p = parse_ok("nplurals=3; plural=n/0 + n%0 + (n-n) + !n*2;");
	assert_int_equal(kg_plural_eval(p, 5), 0);
	assert_int_equal(kg_plural_eval(p, 0), 2);
	kg_plural_free(p);
}

static void out_of_range_result_falls_back_to_form_zero(void **state)
{
	(void)state;
	kg_plural *p = parse_ok("nplurals=2; plural=n*10;");
	assert_int_equal(kg_plural_eval(p, 0), 0);
	assert_int_equal(kg_plural_eval(p, 3), 0); /* 30 is out of range: gettext uses form 0 */
	kg_plural_free(p);
}

static void precedence_follows_c(void **state)
{
	(void)state;
	kg_plural *p = parse_ok("nplurals=6; plural=1+2*n%3-1 <= 3 == 1 || 0 && 1;");
	assert_int_equal(kg_plural_eval(p, 1), 1);
	kg_plural_free(p);
	p = parse_ok("nplurals=6; plural=n ? n > 3 ? 5 : 4 : 2;");
	assert_int_equal(kg_plural_eval(p, 0), 2);
	assert_int_equal(kg_plural_eval(p, 2), 4);
	assert_int_equal(kg_plural_eval(p, 9), 5);
	kg_plural_free(p);
}

static void deep_nesting_is_rejected_without_overflowing_the_stack(void **state)
{
	(void)state;
	size_t n = 1 << 20;
	char *s = malloc(n + 64);
	strcpy(s, "nplurals=2; plural=");
	size_t off = strlen(s);
	memset(s + off, '(', n);
	strcpy(s + off + n, "n");
	parse_fails(s, "nested too deeply");
	memset(s + off, '!', n);
	parse_fails(s, "nested too deeply");
	for (size_t i = 0; i < n; i += 2)
		s[off + i] = 'n', s[off + i + 1] = '+';
	strcpy(s + off + n, "n;");
	parse_fails(s, "plural expression");
	free(s);
	kg_plural *p = parse_ok("nplurals=2; plural=((((((((((n))))))))));");
	kg_plural_free(p);
}

static void bad_headers_are_rejected(void **state)
{
	(void)state;
	parse_fails("nplurals=0; plural=0;", "out of range");
	parse_fails("nplurals=1000000; plural=0;", "out of range");
	parse_fails("plural=n!=1;", "nplurals");
	parse_fails("nplurals=2;", "plural=");
	parse_fails("nplurals=2; plural=n !=;", "plural expression");
	parse_fails("nplurals=2; plural=(n != 1;", "missing ')'");
	parse_fails("nplurals=2; plural=n ? 1;", "missing ':'");
	parse_fails("nplurals=2; plural=x;", "syntax error");
	parse_fails("nplurals=2; plural=99999999999999999999;", "too large");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(english_has_two_forms),
	    cmocka_unit_test(french_treats_zero_as_singular),
	    cmocka_unit_test(russian_has_three_forms),
	    cmocka_unit_test(arabic_has_six_forms),
	    cmocka_unit_test(japanese_has_one_form),
	    cmocka_unit_test(division_by_zero_gives_zero),
	    cmocka_unit_test(out_of_range_result_falls_back_to_form_zero),
	    cmocka_unit_test(precedence_follows_c),
	    cmocka_unit_test(deep_nesting_is_rejected_without_overflowing_the_stack),
	    cmocka_unit_test(bad_headers_are_rejected),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
