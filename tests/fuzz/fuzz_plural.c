/* fuzz_plural.c: libFuzzer target for the Plural-Forms parser/evaluator:
 * any header value must parse or fail cleanly, and evaluation must stay in
 * [0, nplurals) for every n. */
#include "kitgen/catalog/plural.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	kg_diags d;
	kg_diags_init(&d);
	kg_plural *p = kg_plural_parse(text, "fuzz.po", 1, &d);
	if (p) {
		const unsigned long ns[] = {0, 1, 2, 3, 5, 11, 21, 101, 1000000, (unsigned long)-1};
		for (size_t i = 0; i < sizeof(ns) / sizeof(ns[0]); i++)
			if (kg_plural_eval(p, ns[i]) >= (unsigned long)kg_plural_count(p))
				abort();
	}
	kg_plural_free(p);
	kg_diags_release(&d);
	free(text);
	return 0;
}
