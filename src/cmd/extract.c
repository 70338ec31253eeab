/* extract.c: `kitgen extract` — writes the POT files under locales/pot/. */
#include "cmd/commands.h"

#include "kitgen/workflow/extract.h"

#include <stdio.h>
#include <string.h>

static const char usage[] = "usage: kitgen [-C DIR] extract\n"
                            "\n"
                            "Writes one POT file per page (locales/pot/<path>.pot) and one for the\n"
                            "website's own strings, from the theme's templates (locales/pot/ui.pot).\n"
                            "Files whose messages did not change are left byte for byte as they were.\n";

int cmd_extract(int argc, char **argv, const kg_global_options *global)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage, stdout);
			return 0;
		}
		fprintf(stderr, "kitgen extract: unknown option '%s'\n%s", argv[i], usage);
		return 2;
	}
	kg_diags diags;
	kg_diags_init(&diags);
	kg_buf now = KG_BUF_INIT;
	kg_po_timestamp(global->now, &now);
	kg_file_counts counts;
	int rc = kg_extract_kit(global->kit_dir, now.data, &counts, &diags);
	kg_diags_sort(&diags);
	kg_diags_print(&diags, stderr, global->json ? KG_DIAG_JSON : KG_DIAG_TEXT, global->color);
	if (rc == 0)
		fprintf(stderr, "kitgen: extract: %zu POT %s written, %zu unchanged\n", counts.written,
		        cmd_plural(counts.written, "file", "files"), counts.unchanged);
	kg_buf_release(&now);
	kg_diags_release(&diags);
	return rc == 0 ? 0 : 1;
}
