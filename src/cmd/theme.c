/* theme.c: `kitgen theme` — the built-in theme and a kit's overrides of it
 * (see theme/theme.h): list them, or export the built-in files to edit. */
#include "cmd/commands.h"

#include "kitgen/base/buf.h"
#include "kitgen/theme/theme.h"

#include <stdio.h>
#include <string.h>

static const char usage[] = "usage: kitgen [-C DIR] theme list\n"
                            "       kitgen [-C DIR] theme export [FOLDER] [--force]\n"
                            "\n"
                            "kitgen's templates and assets are built in. A kit's templates/ folder\n"
                            "overrides any of them by the same path (templates/partials/header.html),\n"
                            "and only those.\n"
                            "\n"
                            "  list     every file of the theme, and whether the kit overrides it\n"
                            "  export   write the built-in files to FOLDER (default: the kit's templates/)\n"
                            "           to start editing; keep only the files you change. Existing files\n"
                            "           are not overwritten unless --force.\n";

static int list(const kg_global_options *global)
{
	kg_diags diags;
	kg_diags_init(&diags);
	kg_theme theme;
	int rc = kg_theme_load(&theme, global->kit_dir, &diags);
	kg_diags_sort(&diags);
	kg_diags_print(&diags, stderr, global->json ? KG_DIAG_JSON : KG_DIAG_TEXT, global->color);
	for (size_t i = 0; i < theme.count; i++) {
		const kg_theme_entry *e = &theme.items[i];
		const char *state =
		    e->overridden ? (e->builtin ? "overridden" : "added by the kit") : "built in";
		printf("%-28s %s\n", e->path, state);
	}
	kg_theme_release(&theme);
	kg_diags_release(&diags);
	return rc == 0 ? 0 : 1;
}

static int export(const kg_global_options *global, const char *folder, int force)
{
	kg_buf dir = KG_BUF_INIT;
	if (folder)
		kg_buf_puts(&dir, folder);
	else
		kg_buf_printf(&dir, "%s/templates", global->kit_dir);
	kg_diags diags;
	kg_diags_init(&diags);
	size_t written = 0;
	int rc = kg_theme_export(dir.data, force, &written, &diags);
	kg_diags_sort(&diags);
	kg_diags_print(&diags, stderr, global->json ? KG_DIAG_JSON : KG_DIAG_TEXT, global->color);
	if (rc == 0)
		fprintf(stderr,
		        "kitgen: theme: %zu %s written to %s; delete the ones you do not change, so that "
		        "kitgen's updates reach them\n",
		        written, cmd_plural(written, "file", "files"), dir.data);
	kg_buf_release(&dir);
	kg_diags_release(&diags);
	return rc == 0 ? 0 : 1;
}

int cmd_theme(int argc, char **argv, const kg_global_options *global)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (!strcmp(argv[1], "list") && argc == 2)
		return list(global);
	if (!strcmp(argv[1], "export")) {
		const char *folder = NULL;
		int force = 0;
		for (int i = 2; i < argc; i++) {
			if (!strcmp(argv[i], "--force")) {
				force = 1;
			} else if (argv[i][0] != '-' && !folder) {
				folder = argv[i];
			} else {
				fprintf(stderr, "kitgen theme export: unknown option '%s'\n%s", argv[i],
				        usage);
				return 2;
			}
		}
		return export(global, folder, force);
	}
	fprintf(stderr, "kitgen theme: unknown subcommand '%s'\n%s", argv[1], usage);
	return 2;
}
