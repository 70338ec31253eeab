/* fuzz_front_matter.c: libFuzzer target for the YAML reader and the front
 * matter parser (the code that reads every content file and kit.yaml).
 * Any input must parse or fail with diagnostics, never crash or leak. */
#include "kitgen/kit/kit.h"
#include "kitgen/kit/yaml.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	kg_diags d;
	kg_diags_init(&d);
	kg_yaml *root = kg_yaml_parse((const char *)data, size, "fuzz.yaml", 1, &d);
	kg_yaml_free(root);
	kg_page page = {0};
	page.source_path = strdup("content/fuzz.md");
	kg_page_parse(&page, (const char *)data, size, &d);
	kg_page_release(&page);
	kg_diags_release(&d);
	return 0;
}
