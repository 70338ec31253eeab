/* fuzz_svg.c: libFuzzer target for the SVG text reader and writer
 * (images/svg_text.c). Any bytes must be read or refused without crashing;
 * an image that is read must be written in another language with every
 * unit replaced by text full of markup characters (no line break: a label
 * may wrap onto <tspan>s, which would add units), and that copy must read
 * back with the same number of units (nothing was parsed as markup).
 * Built and run by the KITGEN_FUZZ build (tests/fuzz/README.md); seeds in
 * tests/fuzz/corpus/svg/. */
#include "kitgen/images/svg_text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *hostile(void *ud, size_t i, const kg_svg_unit *unit)
{
	(void)ud;
	(void)unit;
	return i % 2 ? "<script>&amp;</script> \"'" : "a\tb ]]> --&gt;";
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	kg_diags d;
	kg_diags_init(&d);
	kg_svg *svg = NULL;
	if (kg_svg_parse(&svg, (const char *)data, size, "images/f.svg", "content/images/f.svg", &d) == 0) {
		kg_svg_localize_options options = {"ur", "en", 1, "'Noto Sans', sans-serif"};
		kg_buf out = KG_BUF_INIT;
		if (kg_svg_localize(svg, &options, hostile, NULL, &out) < 0)
			abort();
		kg_svg *again = NULL;
		kg_diags d2;
		kg_diags_init(&d2);
		if (kg_svg_parse(&again, out.data, out.len, "images/f.svg", "out/f.svg", &d2) < 0 ||
		    kg_svg_unit_count(again) != kg_svg_unit_count(svg))
			abort();
		kg_svg_free(again);
		kg_diags_release(&d2);
		kg_buf_release(&out);
	}
	kg_svg_free(svg);
	kg_diags_release(&d);
	return 0;
}
