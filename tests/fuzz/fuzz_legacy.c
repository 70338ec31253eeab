/* fuzz_legacy.c: libFuzzer target for the legacy-encoding reader (and the
 * writer on what it reads). The first byte picks the declaration (none,
 * one of the export encodings, UTF-8 or UTF-16LE) and whether a guess may
 * be applied; the rest is the file. Any input must read without crashing;
 * what reads must be valid UTF-8, and must export with substitution.
 * Build with clang -fsanitize=fuzzer,address -Iinclude, this file and
 * kitgen's core library (libkitgen_core.a and its dependencies). Seeds:
 * tests/fuzz/corpus/legacy/. */
#include "kitgen/locale/encoding.h"
#include "kitgen/base/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const declarations[] = {
    NULL, "big5", "gb18030", "euc-kr", "shift_jis", "windows-1258", "utf-8", "UTF-16LE",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t n = sizeof(declarations) / sizeof(declarations[0]);
	const char *declared = declarations[data[0] % n];
	int allow_auto = (data[0] / n) & 1;
	kg_diags d;
	kg_diags_init(&d);
	kg_buf text = KG_BUF_INIT, out = KG_BUF_INIT;
	if (kg_legacy_import((const char *)data + 1, size - 1, declared, allow_auto, "fuzz.md", &text, &d) ==
	    0) {
		if (kg_utf8_check(text.data, text.len, "fuzz.md", 1, &d) < 0 &&
		    !memchr(text.data, 0, text.len))
			abort(); /* the reader's output must be UTF-8 (NUL is reported by the check) */
		const char *encoding = declared && kg_legacy_encoding_name(declared) ? declared : "big5";
		if (kg_legacy_export(text.data, text.len, encoding, 1, "fuzz.txt", &out, &d) < 0)
			abort(); /* with substitution, any UTF-8 exports */
	}
	kg_buf_release(&text);
	kg_buf_release(&out);
	kg_diags_release(&d);
	return 0;
}
