/* collate.c: kg_collator, a UCollator for one language's sort order (CLDR
 * defaults: zh-Hant by stroke, zh-Hans by pinyin). The collator owns its
 * UCollator; like every ICU service object it must be used by one thread
 * at a time, so callers open one per thread. */
#include "kitgen/locale/locale.h"

#include "locale/icu_util.h"

#include "kitgen/base/alloc.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>

struct kg_collator {
	UCollator *icu; /* NULL only if even the root collator failed to open */
};

/* Returns a collator the caller closes with kg_collator_close(). Unknown or
 * malformed tags get ICU's root order (Unicode's default), never NULL. */
kg_collator *kg_collator_open(const char *tag)
{
	char id[KG_ICU_ID_MAX];
	UErrorCode status = U_ZERO_ERROR;
	kg_collator *c = kg_calloc(1, sizeof *c);

	kg_icu_locale_id(tag, id);
	c->icu = ucol_open(id, &status);
	if (U_FAILURE(status)) {
		ucol_close(c->icu);
		status = U_ZERO_ERROR;
		c->icu = ucol_open("", &status);
		if (U_FAILURE(status)) {
			ucol_close(c->icu);
			c->icu = NULL;
		}
	}
	return c;
}

/* <0, 0 or >0 like strcmp. Ill-formed UTF-8 compares as U+FFFD. Strings
 * that are equal to the collator (canonically equivalent ones, say) are
 * then ordered by bytes, so sorting is deterministic. */
int kg_collator_compare(const kg_collator *c, const char *a, const char *b)
{
	if (c->icu) {
		UErrorCode status = U_ZERO_ERROR;
		UCollationResult r = ucol_strcollUTF8(c->icu, a, -1, b, -1, &status);
		if (U_SUCCESS(status) && r != UCOL_EQUAL)
			return r == UCOL_LESS ? -1 : 1;
	}
	int r = strcmp(a, b);
	return (r > 0) - (r < 0);
}

void kg_collator_close(kg_collator *c)
{
	if (!c)
		return;
	ucol_close(c->icu);
	free(c);
}
