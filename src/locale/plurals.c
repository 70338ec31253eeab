/* plurals.c: CLDR plural categories, and gettext Plural-Forms written from
 * CLDR's own rule text. ICU's C API can select a category but cannot print
 * the rules, so the text is read from ICU's "plurals" resource bundle and
 * translated to a C expression for integer n. Owns nothing between calls. */
#include "kitgen/locale/locale.h"

#include "locale/icu_util.h"

#include "kitgen/base/alloc.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uloc.h>
#include <unicode/upluralrules.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>

/* The C API is uplrules_* (upluralrules_* does not exist in ICU 72). */
void kg_locale_plural_category(const char *tag, long long n, kg_buf *out)
{
	char id[KG_ICU_ID_MAX];
	UChar keyword[32];
	UErrorCode status = U_ZERO_ERROR;
	int32_t len = 0;
	kg_icu_locale_id(tag, id); /* "" (root: "other" only) when unusable */
	UPluralRules *rules = uplrules_open(id, &status);
	/* A double is exact up to 2^53, far beyond any count we print. */
	if (U_SUCCESS(status))
		len = uplrules_select(rules, (double)n, keyword, 32, &status);
	if (U_SUCCESS(status) && status != U_STRING_NOT_TERMINATED_WARNING && len > 0)
		kg_icu_append_utf8(out, keyword, len);
	else
		kg_buf_puts(out, "other");
	uplrules_close(rules);
}

/* A condition over integer n after substituting v = w = f = t = c = e = 0:
 * either a constant or C text. */
enum truth { ALWAYS_FALSE, ALWAYS_TRUE, DEPENDS };

typedef struct condition {
	enum truth truth;
	kg_buf text; /* C expression when truth == DEPENDS */
} condition;

typedef struct rule_parser {
	const char *p; /* CLDR rule text, samples ("@integer ...") cut off */
	int failed;
} rule_parser;

static void skip_space(rule_parser *rp)
{
	while (*rp->p == ' ')
		rp->p++;
}

static int accept(rule_parser *rp, const char *token)
{
	size_t n = strlen(token);
	skip_space(rp);
	if (strncmp(rp->p, token, n))
		return 0;
	/* Words must end at a word boundary ("or" is not the start of "other"). */
	if (isalpha((unsigned char)token[0]) && isalpha((unsigned char)rp->p[n]))
		return 0;
	rp->p += n;
	return 1;
}

static unsigned long long parse_number(rule_parser *rp)
{
	skip_space(rp);
	if (!isdigit((unsigned char)*rp->p)) {
		rp->failed = 1;
		return 0;
	}
	char *end;
	errno = 0;
	unsigned long long v = strtoull(rp->p, &end, 10);
	if (errno)
		rp->failed = 1;
	rp->p = end;
	return v;
}

/* relation = operand ('%' number)? ('=' | '!=') range (',' range)*
 * range = number ('..' number)? */
static void parse_relation(rule_parser *rp, condition *out)
{
	unsigned long long modulus = 0;
	int operand_is_n;
	kg_buf lhs = KG_BUF_INIT;

	skip_space(rp);
	switch (*rp->p) {
	case 'n':
	case 'i':
		operand_is_n = 1; /* for integers the value and its integer part agree */
		break;
	case 'v':
	case 'w':
	case 'f':
	case 't':
	case 'c':
	case 'e':
		operand_is_n = 0; /* no fraction digits, no exponent: always 0 */
		break;
	default: rp->failed = 1; return;
	}
	rp->p++;
	if (accept(rp, "%"))
		modulus = parse_number(rp);
	if (operand_is_n) {
		if (modulus)
			kg_buf_printf(&lhs, "n %% %llu", modulus);
		else
			kg_buf_puts(&lhs, "n");
	}
	int negated = 0;
	if (accept(rp, "!="))
		negated = 1;
	else if (accept(rp, "="))
		negated = 0;
	else
		rp->failed = 1;

	/* Build the '=' form (any range matches); '!=' is its complement. */
	int any_true = 0, items = 0;
	kg_buf alternatives = KG_BUF_INIT;
	do {
		unsigned long long low = parse_number(rp), high = low;
		if (accept(rp, ".."))
			high = parse_number(rp);
		if (rp->failed)
			break;
		if (!operand_is_n) {
			any_true |= low == 0; /* the constant 0 lies in [low, high] */
			continue;
		}
		if (items++)
			kg_buf_puts(&alternatives, negated ? " && " : " || ");
		if (low == high)
			kg_buf_printf(&alternatives, "%s %s %llu", lhs.data, negated ? "!=" : "==", low);
		else if (low == 0)
			kg_buf_printf(&alternatives, "%s %s %llu", lhs.data, negated ? ">" : "<=", high);
		else if (negated)
			kg_buf_printf(&alternatives, "(%s < %llu || %s > %llu)", lhs.data, low, lhs.data,
			              high);
		else
			kg_buf_printf(&alternatives, "(%s >= %llu && %s <= %llu)", lhs.data, low, lhs.data,
			              high);
	} while (accept(rp, ","));

	if (!operand_is_n) {
		out->truth = any_true != negated ? ALWAYS_TRUE : ALWAYS_FALSE;
	} else {
		out->truth = DEPENDS;
		if (items > 1)
			kg_buf_printf(&out->text, "(%s)", alternatives.data);
		else
			kg_buf_puts(&out->text, alternatives.data);
	}
	kg_buf_release(&alternatives);
	kg_buf_release(&lhs);
}

/* Folds one more term into an 'and' (all_must_hold) or 'or' chain. */
static void combine(condition *acc, condition *term, int all_must_hold, const char *op)
{
	enum truth absorbing = all_must_hold ? ALWAYS_FALSE : ALWAYS_TRUE;
	enum truth neutral = all_must_hold ? ALWAYS_TRUE : ALWAYS_FALSE;
	if (acc->truth == absorbing || term->truth == neutral)
		return;
	if (term->truth == absorbing || acc->truth == neutral) {
		kg_buf_reset(&acc->text);
		kg_buf_add(&acc->text, term->text.data, term->text.len);
		acc->truth = term->truth;
		return;
	}
	kg_buf_puts(&acc->text, op);
	kg_buf_add(&acc->text, term->text.data, term->text.len);
}

/* 1 when s is one parenthesized group: "(a && b)", not "(a) || (b)". */
static int is_parenthesized(const char *s)
{
	int depth = 0;
	if (s[0] != '(')
		return 0;
	for (const char *p = s; *p; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0)
			return p[1] == '\0';
	}
	return 0;
}

/* condition = and_condition ('or' and_condition)*
 * and_condition = relation ('and' relation)*
 * An empty condition (the "other" rule) is always true. */
static void parse_condition(rule_parser *rp, condition *out)
{
	out->truth = ALWAYS_FALSE;
	skip_space(rp);
	if (!*rp->p) {
		out->truth = ALWAYS_TRUE;
		return;
	}
	do {
		condition conjunction = {ALWAYS_TRUE, KG_BUF_INIT};
		do {
			condition relation = {ALWAYS_FALSE, KG_BUF_INIT};
			parse_relation(rp, &relation);
			combine(&conjunction, &relation, 1, " && ");
			kg_buf_release(&relation.text);
		} while (!rp->failed && accept(rp, "and"));
		/* && binds tighter than || in C; the parentheses are for readers. */
		if (conjunction.truth == DEPENDS && strstr(conjunction.text.data, " && ") &&
		    !is_parenthesized(conjunction.text.data)) {
			kg_buf wrapped = KG_BUF_INIT;
			kg_buf_printf(&wrapped, "(%s)", conjunction.text.data);
			kg_buf_release(&conjunction.text);
			conjunction.text = wrapped;
		}
		combine(out, &conjunction, 0, " || ");
		kg_buf_release(&conjunction.text);
	} while (!rp->failed && accept(rp, "or"));
	skip_space(rp);
	if (*rp->p)
		rp->failed = 1;
}

/* The rule set id ("set2") for the locale or its nearest parent; the key
 * names a locale ("pt_PT" has rules of its own, "zh_Hant" uses "zh"). */
static int find_rule_set(UResourceBundle *locales, const char *id, char set[32])
{
	char key[KG_ICU_ID_MAX];
	strcpy(key, id);
	while (key[0]) {
		UErrorCode status = U_ZERO_ERROR;
		int32_t len = 0;
		const UChar *value = ures_getStringByKey(locales, key, &len, &status);
		if (U_SUCCESS(status) && len > 0 && len < 32) {
			u_austrncpy(set, value, 31);
			set[len] = '\0';
			return 0;
		}
		char parent[KG_ICU_ID_MAX];
		status = U_ZERO_ERROR;
		uloc_getParent(key, parent, sizeof parent, &status);
		if (U_FAILURE(status) || !strcmp(parent, key))
			break;
		strcpy(key, parent);
	}
	return -1;
}

/* CLDR's order; gettext form i is the i-th category that integers reach. */
static const char *const category_order[] = {"zero", "one", "two", "few", "many", "other"};
#define CATEGORY_COUNT (sizeof category_order / sizeof category_order[0])

int kg_locale_plural_forms(const char *tag, kg_buf *out)
{
	char id[KG_ICU_ID_MAX];
	char set[32];
	UErrorCode status = U_ZERO_ERROR;
	UResourceBundle *plurals = NULL, *locales = NULL, *sets = NULL, *rules = NULL;
	condition conditions[CATEGORY_COUNT];
	int integer_reaches[CATEGORY_COUNT] = {0};
	kg_buf expr = KG_BUF_INIT;
	int rc = -1;

	for (size_t c = 0; c < CATEGORY_COUNT; c++) {
		conditions[c].truth = ALWAYS_FALSE;
		kg_buf_init(&conditions[c].text);
	}
	/* Root has rules too ("other" for everything); unknown languages must
	 * not be given them silently, so no id or no language means no rules. */
	if (kg_icu_locale_id(tag, id) || !id[0] || id[0] == '_' || id[0] == '@')
		goto out;
	plurals = ures_openDirect(NULL, "plurals", &status);
	locales = ures_getByKey(plurals, "locales", NULL, &status);
	sets = ures_getByKey(plurals, "rules", NULL, &status);
	if (U_FAILURE(status) || find_rule_set(locales, id, set))
		goto out;
	rules = ures_getByKey(sets, set, NULL, &status);
	if (U_FAILURE(status))
		goto out;

	/* "other" is always defined; should the data ever omit it, it holds
	 * for whatever the other rules leave. */
	conditions[CATEGORY_COUNT - 1].truth = ALWAYS_TRUE;
	integer_reaches[CATEGORY_COUNT - 1] = 1;
	while (ures_hasNext(rules)) {
		const char *key = NULL;
		int32_t len = 0;
		status = U_ZERO_ERROR;
		const UChar *text = ures_getNextString(rules, &len, &key, &status);
		if (U_FAILURE(status) || !key)
			goto out;
		size_t c = 0;
		while (c < CATEGORY_COUNT && strcmp(category_order[c], key))
			c++;
		if (c == CATEGORY_COUNT)
			goto out;
		char *ascii = kg_malloc((size_t)len + 1);
		u_austrncpy(ascii, text, len); /* rule syntax is invariant ASCII */
		ascii[len] = '\0';
		/* The samples say which categories integers reach at all: Russian
		 * "other" lists only "@decimal", since one/few/many cover every
		 * integer. Such a category gets no gettext form. */
		integer_reaches[c] = strstr(ascii, "@integer") != NULL;
		char *samples = strchr(ascii, '@');
		if (samples)
			*samples = '\0';
		rule_parser rp = {ascii, 0};
		kg_buf_reset(&conditions[c].text);
		parse_condition(&rp, &conditions[c]);
		free(ascii);
		/* A category with integer samples but a condition integers never
		 * meet means the parser misread the rule. (The converse is fine:
		 * Russian "other" is true but reached by no integer.) */
		if (rp.failed || (integer_reaches[c] && conditions[c].truth == ALWAYS_FALSE))
			goto out;
	}

	/* Forms follow CLDR, not gettext tradition: French gets 3 forms since
	 * CLDR 38 ("many" for 1000000, 2000000, ...), Russian the classic 3. */
	size_t last = CATEGORY_COUNT;
	for (size_t c = 0; c < CATEGORY_COUNT; c++)
		if (integer_reaches[c])
			last = c;
	if (last == CATEGORY_COUNT)
		goto out;
	int forms = 0;
	for (size_t c = 0; c < CATEGORY_COUNT; c++) {
		if (!integer_reaches[c])
			continue; /* e.g. "v != 0": only decimals reach it */
		/* The rules are disjoint and cover every number, so the last
		 * category integers reach needs no test of its own. */
		if (c == last || conditions[c].truth == ALWAYS_TRUE) {
			kg_buf_printf(&expr, "%d", forms++);
			break;
		}
		if (is_parenthesized(conditions[c].text.data))
			kg_buf_printf(&expr, "%s ? %d : ", conditions[c].text.data, forms++);
		else
			kg_buf_printf(&expr, "(%s) ? %d : ", conditions[c].text.data, forms++);
	}
	kg_buf_printf(out, "nplurals=%d; plural=", forms);
	if (forms == 1)
		kg_buf_puts(out, "0;");
	else
		kg_buf_printf(out, "(%s);", expr.data);
	rc = 0;
out:
	if (rc)
		kg_buf_puts(out, "nplurals=1; plural=0;");
	for (size_t c = 0; c < CATEGORY_COUNT; c++)
		kg_buf_release(&conditions[c].text);
	kg_buf_release(&expr);
	ures_close(rules);
	ures_close(sets);
	ures_close(locales);
	ures_close(plurals);
	return rc;
}
