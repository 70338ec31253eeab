/* test_locale_plurals.c: CLDR plural categories and the Plural-Forms
 * expressions written from CLDR rules (src/locale/plurals.c). The
 * expressions are checked by a small evaluator of gettext's C subset kept
 * here on purpose, independent of src/catalog/plural.c, against ICU's own
 * uplrules_select for every n in 0..10000. */
#include "kitgen/locale/locale.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <unicode/uloc.h>
#include <unicode/upluralrules.h>
#include <unicode/ustring.h>

/* --- a tiny evaluator for gettext plural expressions --- */

typedef struct expr_reader {
	const char *p;
	unsigned long n;
	int failed;
} expr_reader;

static unsigned long eval_ternary(expr_reader *r);

static void skip_blanks(expr_reader *r)
{
	while (*r->p == ' ')
		r->p++;
}

static int eat(expr_reader *r, const char *token)
{
	skip_blanks(r);
	size_t len = strlen(token);
	if (strncmp(r->p, token, len))
		return 0;
	/* "<" must not match the start of "<=", nor "!" of "!=". */
	if (len == 1 && strchr("<>!=", token[0]) && r->p[1] == '=')
		return 0;
	if (len == 1 && (token[0] == '&' || token[0] == '|'))
		return 0;
	r->p += len;
	return 1;
}

static unsigned long eval_primary(expr_reader *r)
{
	skip_blanks(r);
	if (eat(r, "!"))
		return !eval_primary(r);
	if (eat(r, "(")) {
		unsigned long v = eval_ternary(r);
		if (!eat(r, ")"))
			r->failed = 1;
		return v;
	}
	if (*r->p == 'n') {
		r->p++;
		return r->n;
	}
	if (*r->p >= '0' && *r->p <= '9') {
		char *end;
		unsigned long v = strtoul(r->p, &end, 10);
		r->p = end;
		return v;
	}
	r->failed = 1;
	return 0;
}

static unsigned long eval_mul(expr_reader *r)
{
	unsigned long v = eval_primary(r);
	for (;;) {
		if (eat(r, "%")) {
			unsigned long d = eval_primary(r);
			v = d ? v % d : 0;
		} else if (eat(r, "*")) {
			v *= eval_primary(r);
		} else if (eat(r, "/")) {
			unsigned long d = eval_primary(r);
			v = d ? v / d : 0;
		} else {
			return v;
		}
	}
}

static unsigned long eval_rel(expr_reader *r)
{
	unsigned long v = eval_mul(r);
	for (;;) {
		if (eat(r, "<="))
			v = v <= eval_mul(r);
		else if (eat(r, ">="))
			v = v >= eval_mul(r);
		else if (eat(r, "<"))
			v = v < eval_mul(r);
		else if (eat(r, ">"))
			v = v > eval_mul(r);
		else
			return v;
	}
}

static unsigned long eval_eq(expr_reader *r)
{
	unsigned long v = eval_rel(r);
	for (;;) {
		if (eat(r, "=="))
			v = v == eval_rel(r);
		else if (eat(r, "!="))
			v = v != eval_rel(r);
		else
			return v;
	}
}

static unsigned long eval_and(expr_reader *r)
{
	unsigned long v = eval_eq(r);
	while (eat(r, "&&")) {
		unsigned long w = eval_eq(r); /* no short circuit: keep parsing */
		v = v && w;
	}
	return v;
}

static unsigned long eval_or(expr_reader *r)
{
	unsigned long v = eval_and(r);
	while (eat(r, "||")) {
		unsigned long w = eval_and(r);
		v = v || w;
	}
	return v;
}

static unsigned long eval_ternary(expr_reader *r)
{
	unsigned long c = eval_or(r);
	if (!eat(r, "?"))
		return c;
	unsigned long a = eval_ternary(r);
	if (!eat(r, ":"))
		r->failed = 1;
	unsigned long b = eval_ternary(r);
	return c ? a : b;
}

/* Evaluates "nplurals=K; plural=EXPR;" at n; fails the test on bad syntax. */
static unsigned long eval_forms(const char *forms, unsigned long n, int *nplurals)
{
	int k = 0, consumed = 0;
	if (sscanf(forms, "nplurals=%d; plural=%n", &k, &consumed) != 1 || !consumed)
		fail_msg("bad Plural-Forms header: %s", forms);
	expr_reader r = {forms + consumed, n, 0};
	unsigned long v = eval_ternary(&r);
	if (r.failed || !eat(&r, ";") || (skip_blanks(&r), *r.p))
		fail_msg("bad Plural-Forms expression at \"%s\" in %s", r.p, forms);
	*nplurals = k;
	return v;
}

/* --- helpers --- */

static const char *const cldr_order[] = {"zero", "one", "two", "few", "many", "other"};

static void icu_category(UPluralRules *rules, double n, char out[16])
{
	UChar u[16];
	UErrorCode status = U_ZERO_ERROR;
	int32_t len = uplrules_select(rules, n, u, 16, &status);
	assert_true(U_SUCCESS(status) && len > 0 && len < 16);
	u_austrcpy(out, u);
}

static size_t category_index(const char *name)
{
	for (size_t i = 0; i < 6; i++)
		if (!strcmp(cldr_order[i], name))
			return i;
	fail_msg("unknown category %s", name);
	return 0;
}

/* Checks that form(n) names the same category as ICU for n in 0..limit and
 * a few large values. Form i means the i-th category in CLDR order among
 * those integers reach, so the reachable set is collected first. */
static void expect_forms_agree_with_icu(const char *tag, const char *icu_id, unsigned long limit)
{
	static const unsigned long large[] = {100000, 1000000, 2000000, 10000000, 1000001, 3000000};
	kg_buf forms = KG_BUF_INIT;
	UErrorCode status = U_ZERO_ERROR;
	UPluralRules *rules = uplrules_open(icu_id, &status);
	assert_true(U_SUCCESS(status));
	if (kg_locale_plural_forms(tag, &forms))
		fail_msg("no Plural-Forms for %s", tag);

	size_t total = limit + 1 + sizeof large / sizeof large[0];
	unsigned char *cat = malloc(total);
	int reached[6] = {0};
	char name[16];
	for (size_t i = 0; i < total; i++) {
		unsigned long n = i <= limit ? i : large[i - limit - 1];
		icu_category(rules, (double)n, name);
		cat[i] = (unsigned char)category_index(name);
		reached[cat[i]] = 1;
	}
	int form_of[6], count = 0;
	for (int c = 0; c < 6; c++)
		form_of[c] = reached[c] ? count++ : -1;

	for (size_t i = 0; i < total; i++) {
		unsigned long n = i <= limit ? i : large[i - limit - 1];
		int nplurals;
		unsigned long form = eval_forms(forms.data, n, &nplurals);
		if (nplurals != count)
			fail_msg("%s: nplurals=%d but integers reach %d categories (%s)", tag, nplurals,
			         count, forms.data);
		if ((long)form != form_of[cat[i]])
			fail_msg("%s: n=%lu gives form %lu, ICU says %s (form %d) in %s", tag, n, form,
			         cldr_order[cat[i]], form_of[cat[i]], forms.data);
	}
	free(cat);
	uplrules_close(rules);
	kg_buf_release(&forms);
}

static void expect_category(const char *tag, long long n, const char *category)
{
	kg_buf b = KG_BUF_INIT;
	kg_locale_plural_category(tag, n, &b);
	if (strcmp(b.data, category))
		fail_msg("%s: category(%lld) = %s, want %s", tag, n, b.data, category);
	kg_buf_release(&b);
}

/* --- tests --- */

static void english_has_one_and_other(void **state)
{
	(void)state;
	expect_category("en", 1, "one");
	expect_category("en", 0, "other");
	expect_category("en", 2, "other");
	expect_category("en", 11, "other");
}

static void russian_has_one_few_many(void **state)
{
	(void)state;
	expect_category("ru", 1, "one");
	expect_category("ru", 21, "one");
	expect_category("ru", 2, "few");
	expect_category("ru", 24, "few");
	expect_category("ru", 5, "many");
	expect_category("ru", 11, "many");
	expect_category("ru", 12, "many");
	expect_category("ru", 111, "many");
	expect_category("ru", 0, "many");
}

static void arabic_has_all_six_categories(void **state)
{
	(void)state;
	expect_category("ar", 0, "zero");
	expect_category("ar", 1, "one");
	expect_category("ar", 2, "two");
	expect_category("ar", 3, "few");
	expect_category("ar", 103, "few");
	expect_category("ar", 11, "many");
	expect_category("ar", 99, "many");
	expect_category("ar", 100, "other");
	expect_category("ar", 102, "other");
}

static void japanese_has_only_other(void **state)
{
	(void)state;
	for (long long n = 0; n <= 200; n++)
		expect_category("ja", n, "other");
	expect_category("zh-Hant", 1, "other");
}

static void unknown_languages_get_other(void **state)
{
	(void)state;
	expect_category("chk", 1, "other");
	expect_category("not a tag", 1, "other");
}

static void plural_forms_agree_with_icu_for_kit_languages(void **state)
{
	(void)state;
	static const char *const tags[] = {"en",  "fr",  "ru", "ar", "pl", "cs",      "ja", "hi",
	                                   "haw", "fil", "ur", "vi", "km", "zh-Hant", "pt"};
	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
		char id[64];
		int32_t parsed;
		UErrorCode status = U_ZERO_ERROR;
		uloc_forLanguageTag(tags[i], id, sizeof id, &parsed, &status);
		expect_forms_agree_with_icu(tags[i], id, 10000);
	}
}

/* 1 when ICU puts every n in 0..1000 in "other" (root rules or ja-like). */
static int only_other(const char *icu_id)
{
	UErrorCode status = U_ZERO_ERROR;
	UPluralRules *rules = uplrules_open(icu_id, &status);
	char name[16];
	int result = 1;
	for (int n = 0; n <= 1000 && result; n++) {
		icu_category(rules, n, name);
		result = !strcmp(name, "other");
	}
	uplrules_close(rules);
	return result;
}

static void plural_forms_agree_with_icu_for_every_language_with_rules(void **state)
{
	(void)state;
	char previous[ULOC_LANG_CAPACITY] = "";
	int checked = 0;
	for (int32_t i = 0; i < uloc_countAvailable(); i++) {
		char lang[ULOC_LANG_CAPACITY];
		UErrorCode status = U_ZERO_ERROR;
		uloc_getLanguage(uloc_getAvailable(i), lang, sizeof lang, &status);
		if (U_FAILURE(status) || !strcmp(lang, previous))
			continue;
		strcpy(previous, lang);
		kg_buf forms = KG_BUF_INIT;
		int rc = kg_locale_plural_forms(lang, &forms);
		kg_buf_release(&forms);
		if (rc == 0) {
			expect_forms_agree_with_icu(lang, lang, 1000);
			checked++;
		} else if (!only_other(lang)) {
			fail_msg("%s: ICU has plural rules but no Plural-Forms came out", lang);
		}
	}
	assert_true(checked > 150);
}

static void plural_forms_simple_shapes(void **state)
{
	(void)state;
	kg_buf b = KG_BUF_INIT;
	assert_int_equal(kg_locale_plural_forms("ja", &b), 0);
	assert_string_equal(b.data, "nplurals=1; plural=0;");
	kg_buf_reset(&b);
	assert_int_equal(kg_locale_plural_forms("en", &b), 0);
	assert_non_null(strstr(b.data, "nplurals=2;"));
	kg_buf_reset(&b);
	/* CLDR gives tl the rules of fil even though ICU has no tl locale. */
	assert_int_equal(kg_locale_plural_forms("tl", &b), 0);
	kg_buf fil = KG_BUF_INIT;
	kg_locale_plural_forms("fil", &fil);
	assert_string_equal(b.data, fil.data);
	kg_buf_release(&fil);
	kg_buf_release(&b);
}

static void plural_forms_without_rules_fall_back_to_one_form(void **state)
{
	(void)state;
	const char *tags[] = {"chk", "mh", "pau", "hmn", "und", "not a tag"};
	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
		kg_buf b = KG_BUF_INIT;
		kg_buf_puts(&b, "Plural-Forms: ");
		assert_int_equal(kg_locale_plural_forms(tags[i], &b), -1);
		assert_string_equal(b.data, "Plural-Forms: nplurals=1; plural=0;");
		kg_buf_release(&b);
	}
}

static void evaluator_self_check(void **state)
{
	(void)state;
	int k;
	const char *ru = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
	                 "(n%100<10 || n%100>=20) ? 1 : 2);";
	assert_int_equal(eval_forms(ru, 1, &k), 0);
	assert_int_equal(eval_forms(ru, 3, &k), 1);
	assert_int_equal(eval_forms(ru, 12, &k), 2);
	assert_int_equal(eval_forms(ru, 22, &k), 1);
	assert_int_equal(k, 3);
	assert_int_equal(eval_forms("nplurals=2; plural=(n != 1);", 1, &k), 0);
	assert_int_equal(eval_forms("nplurals=2; plural=(n != 1);", 7, &k), 1);
	assert_int_equal(eval_forms("nplurals=2; plural=!(n <= 1);", 0, &k), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(evaluator_self_check),
	    cmocka_unit_test(english_has_one_and_other),
	    cmocka_unit_test(russian_has_one_few_many),
	    cmocka_unit_test(arabic_has_all_six_categories),
	    cmocka_unit_test(japanese_has_only_other),
	    cmocka_unit_test(unknown_languages_get_other),
	    cmocka_unit_test(plural_forms_simple_shapes),
	    cmocka_unit_test(plural_forms_without_rules_fall_back_to_one_form),
	    cmocka_unit_test(plural_forms_agree_with_icu_for_kit_languages),
	    cmocka_unit_test(plural_forms_agree_with_icu_for_every_language_with_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
