/* update.c: `kitgen update` — merges the POT files into every language's
 * PO catalogs, as msgmerge does, and reports (or, with --prune, moves
 * aside) the catalogs of pages that no longer exist. */
#include "cmd/commands.h"

#include "kitgen/workflow/extract.h"

#include <stdio.h>
#include <string.h>

static const char usage[] = "usage: kitgen [-C DIR] update [--lang TAG] [--prune] [--no-memory]\n"
                            "\n"
                            "Brings locales/<lang>/*.po in step with locales/pot/: keeps translations,\n"
                            "marks entries whose English changed as fuzzy (keeping the previous text\n"
                            "as '#| msgid'), moves removed entries to the end as obsolete, and creates\n"
                            "missing catalogs with Language and Plural-Forms headers.\n"
                            "\n"
                            "Reports catalogs whose page no longer exists (orphans), and names the\n"
                            "'kitgen mv --after' that carries their translations to a new page whose\n"
                            "English matches (80 % of entries or more).\n"
                            "\n"
                            "  --lang TAG   only this language\n"
                            "  --prune      move orphaned catalogs to locales/<lang>/.orphaned/ (never\n"
                            "               deleted) and remove their POT files\n"
                            "  --no-memory  do not fill new or changed entries from identical English\n"
                            "               translated in another page (filled ones are fuzzy, with a\n"
                            "               '# kitgen: from <catalog>' comment)\n";

int cmd_update(int argc, char **argv, const kg_global_options *global)
{
	const char *lang = NULL;
	int prune = 0, memory = 1;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(argv[i], "--lang") && i + 1 < argc) {
			lang = argv[++i];
		} else if (!strncmp(argv[i], "--lang=", 7)) {
			lang = argv[i] + 7;
		} else if (!strcmp(argv[i], "--prune")) {
			prune = 1;
		} else if (!strcmp(argv[i], "--no-memory")) {
			memory = 0;
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
	int rc = kg_update_kit_memory(global->kit_dir, lang, now.data, memory, &counts, &diags);
	kg_orphan_counts orphans = {0};
	if (rc == 0)
		rc = kg_update_orphans(global->kit_dir, lang, prune, &orphans, &diags);
	kg_diags_sort(&diags);
	kg_diags_print(&diags, stderr, global->json ? KG_DIAG_JSON : KG_DIAG_TEXT, global->color);
	if (rc == 0)
		fprintf(stderr,
		        "kitgen: update: %zu %s written (%zu new), %zu unchanged; %zu %s became fuzzy, %zu "
		        "obsolete\n",
		        counts.files.written, cmd_plural(counts.files.written, "catalog", "catalogs"),
		        counts.created, counts.files.unchanged, counts.fuzzy,
		        cmd_plural(counts.fuzzy, "entry", "entries"), counts.obsolete);
	if (rc == 0 && counts.memory)
		fprintf(
		    stderr,
		    "kitgen: update: %zu new %s filled from other pages' translations (fuzzy, to confirm)\n",
		    counts.memory, cmd_plural(counts.memory, "entry", "entries"));
	if (rc == 0 && prune && (orphans.pruned || orphans.templates_removed))
		fprintf(
		    stderr,
		    "kitgen: update: %zu orphaned %s moved to locales/<lang>/.orphaned/, %zu stale POT %s removed\n",
		    orphans.pruned, cmd_plural(orphans.pruned, "catalog", "catalogs"),
		    orphans.templates_removed, cmd_plural(orphans.templates_removed, "file", "files"));
	else if (rc == 0 && orphans.orphans)
		fprintf(stderr,
		        "kitgen: update: %zu orphaned %s ('kitgen update --prune' moves them aside)\n",
		        orphans.orphans, cmd_plural(orphans.orphans, "catalog", "catalogs"));
	if (rc == 0 && orphans.matches)
		fprintf(stderr,
		        "kitgen: update: %zu %s moved by hand; %zu old %s kept for 'kitgen mv --after'\n",
		        orphans.matches, cmd_plural(orphans.matches, "page looks", "pages look"),
		        orphans.kept, cmd_plural(orphans.kept, "catalog", "catalogs"));
	kg_buf_release(&now);
	kg_diags_release(&diags);
	return rc == 0 ? 0 : 1;
}
