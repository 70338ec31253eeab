/* mv.c: `kitgen mv` — moves a page or a section with its catalogs and
 * templates, rewrites links to it, and leaves a redirect at the old
 * address (see workflow/mv.h). */
#include "cmd/commands.h"

#include "kitgen/workflow/mv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] = "usage: kitgen [-C DIR] mv [--dry-run] [--after] OLD NEW\n"
                            "\n"
                            "Moves a page (content/a/b.md) or a folder of pages (content/advocacy) to NEW,\n"
                            "with every language's catalogs and the POT templates, so no translation is\n"
                            "lost. Links to what moved are rewritten, in the pages and in the catalogs,\n"
                            "and each moved page gets its old address in 'aliases:', so the build leaves\n"
                            "a redirect there (old links and printed QR codes keep working). Paths are\n"
                            "relative to the kit. Nothing is changed unless every check passes, and a\n"
                            "failure half way puts every file back.\n"
                            "\n"
                            "  --dry-run   list what would change, change nothing\n"
                            "  --after     the content was moved by hand already: move OLD's catalogs to\n"
                            "              NEW's pages (replacing catalogs without translations), fix\n"
                            "              links to OLD and add the aliases\n";

static const char *const kind_names[] = {"move", "replace", "edit", "remove"};

int cmd_mv(int argc, char **argv, const kg_global_options *global)
{
	kg_mv_options options = {.kit_dir = global->kit_dir};
	const char *paths[2] = {NULL, NULL};
	int npaths = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(argv[i], "--dry-run") || !strcmp(argv[i], "-n")) {
			options.dry_run = 1;
		} else if (!strcmp(argv[i], "--after")) {
			options.after = 1;
		} else if (!strncmp(argv[i], "--test-fail-step=", 17)) { /* for tests/cli/mv */
			options.test_fail_step = strtol(argv[i] + 17, NULL, 10);
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "kitgen mv: unknown option '%s'\n%s", argv[i], usage);
			return 2;
		} else if (npaths < 2) {
			paths[npaths++] = argv[i];
		} else {
			fprintf(stderr, "kitgen mv: one OLD and one NEW path\n%s", usage);
			return 2;
		}
	}
	if (npaths != 2) {
		fprintf(stderr, "kitgen mv: one OLD and one NEW path\n%s", usage);
		return 2;
	}
	options.from = paths[0];
	options.to = paths[1];
	kg_diags diags;
	kg_diags_init(&diags);
	kg_mv_report report;
	int rc = kg_mv(&options, &report, &diags);
	kg_diags_sort(&diags);
	kg_diags_print(&diags, stderr, global->json ? KG_DIAG_JSON : KG_DIAG_TEXT, global->color);
	if (options.dry_run && rc == 0) {
		for (size_t i = 0; i < report.change_count; i++) {
			const kg_mv_change *c = &report.changes[i];
			if (c->from && c->path)
				printf("%-7s %s -> %s\n", kind_names[c->kind], c->from, c->path);
			else
				printf("%-7s %s\n", kind_names[c->kind], c->from ? c->from : c->path);
		}
	}
	if (rc == 0)
		fprintf(
		    stderr,
		    "kitgen: mv%s: %s -> %s: %zu %s, %zu other %s, %zu %s and POT %s moved, %zu %s added; links "
		    "rewritten in %zu %s and %zu %s (%zu file steps)\n",
		    options.dry_run ? " (dry run, nothing changed)" : "", options.from, options.to,
		    report.pages, cmd_plural(report.pages, "page", "pages"), report.files,
		    cmd_plural(report.files, "file", "files"), report.catalogs,
		    cmd_plural(report.catalogs, "catalog", "catalogs"),
		    cmd_plural(report.catalogs, "file", "files"), report.aliases,
		    cmd_plural(report.aliases, "alias", "aliases"), report.pages_edited,
		    cmd_plural(report.pages_edited, "page", "pages"), report.catalogs_edited,
		    cmd_plural(report.catalogs_edited, "catalog", "catalogs"), report.steps);
	else
		fprintf(stderr, "kitgen: mv: nothing was moved\n");
	if (rc == 0 && options.after && !options.dry_run)
		fprintf(stderr, "kitgen: mv: now run 'kitgen extract' and 'kitgen update' to bring the moved "
		                "catalogs in step with their pages\n");
	kg_mv_report_release(&report);
	kg_diags_release(&diags);
	return rc == 0 ? 0 : 1;
}
