/* fuzz_po.c: libFuzzer target for the PO reader and writer. Any input must
 * read without crashing; what reads must write and read back to the same
 * bytes. Build with clang -fsanitize=fuzzer,address -Iinclude, this file, the
 * catalog module's sources and src/base. */
#include "kitgen/catalog/catalog.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	kg_diags d;
	kg_diags_init(&d);
	kg_catalog *cat = NULL;
	if (kg_po_read_mem(&cat, (const char *)data, size, "fuzz.po", &d) == 0) {
		kg_buf first = KG_BUF_INIT, second = KG_BUF_INIT;
		kg_po_write(cat, &first);
		kg_catalog *again = NULL;
		if (kg_po_read_mem(&again, first.data, first.len, "fuzz2.po", &d) == 0) {
			kg_po_write(again, &second);
			if (first.len != second.len || memcmp(first.data, second.data, first.len) != 0)
				abort(); /* the writer's output must be a fixed point */
			kg_catalog_merge(again, cat, 2);
		}
		kg_catalog_free(again);
		kg_buf_release(&first);
		kg_buf_release(&second);
	}
	kg_catalog_free(cat);
	kg_diags_release(&d);
	return 0;
}
