/* update.c: `kitgen update` — merges the POT files into every language's
 * PO catalogs, as msgmerge does. */
#include "cmd/commands.h"

#include "kitgen/workflow/extract.h"

#include <stdio.h>
#include <string.h>

static const char usage[] = "usage: kitgen [-C DIR] update [--lang TAG]\n"
                            "\n"
                            "Brings locales/<lang>/*.po in step with locales/pot/: keeps translations,\n"
                            "marks entries whose English changed as fuzzy (keeping the previous text\n"
                            "as '#| msgid'), moves removed entries to the end as obsolete, and creates\n"
                            "missing catalogs with Language and Plural-Forms headers.\n"
                            "\n"
                            "  --lang TAG   only this language\n";

int cmd_update(int argc, char **argv, const kg_global_options *global)
{
	const char *lang = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(argv[i], "--lang") && i + 1 < argc) {
			lang = argv[++i];
		} else if (!strncmp(argv[i], "--lang=", 7)) {
			lang = argv[i] + 7;
		} else {
			fprintf(stderr, "kitgen update: unknown option '%s'\n%s", argv[i], usage);
			return 2;
		}
	}
	kg_diags diags;
	kg_diags_init(&diags);
	kg_buf now = KG_BUF_INIT;
	kg_po_timestamp(global->now, &now);
	kg_update_counts counts;
	int rc = kg_update_kit(global->kit_dir, lang, now.data, &counts, &diags);
	kg_diags_sort(&diags);
	kg_diags_print(&diags, stderr, global->json ? KG_DIAG_JSON : KG_DIAG_TEXT, global->color);
	if (rc == 0)
		fprintf(stderr,
		        "kitgen: update: %zu %s written (%zu new), %zu unchanged; %zu %s became fuzzy, %zu "
		        "obsolete\n",
		        counts.files.written, cmd_plural(counts.files.written, "catalog", "catalogs"),
		        counts.created, counts.files.unchanged, counts.fuzzy,
		        cmd_plural(counts.fuzzy, "entry", "entries"), counts.obsolete);
	kg_buf_release(&now);
	kg_diags_release(&diags);
	return rc == 0 ? 0 : 1;
}
