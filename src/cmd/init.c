/* init.c: `kitgen init` — starts a kit in a folder (see workflow/init.h). */
#include "cmd/commands.h"

#include "kitgen/base/array.h"
#include "kitgen/workflow/extract.h"
#include "kitgen/workflow/init.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "usage: kitgen init [DIR] [--title TITLE] [--language TAG]... [--force]\n"
    "       kitgen init [DIR] --from-example [--force]\n"
    "\n"
    "Makes a kit that builds at once: kit.yaml (with comments), content/_index.md\n"
    "and one sample page, and catalogs in locales/ for each --language. No\n"
    "templates/: the built-in theme is used ('kitgen theme export' to change it).\n"
    "With --from-example, copies the bundled Community Safety Kit (kit.yaml,\n"
    "content/, locales/) for an organization to adapt.\n"
    "\n"
    "DIR is made when missing (default: -C DIR, or the current folder). A folder\n"
    "that is not empty is refused unless --force; no file is ever overwritten.\n"
    "\n"
    "  --title TITLE      the kit's title (default \"Our Safety Kit\")\n"
    "  --language TAG     a language to translate into (BCP 47: vi, zh-Hant, chk); repeat\n"
    "  --from-example     copy the bundled Community Safety Kit\n"
    "  --force            use a folder that is not empty (existing files are kept)\n";

/* Where the bundled example kit is: installed beside the binary
 * (<prefix>/share/kitgen/example-kit), or the source tree kitgen was built
 * from. Writes the paths looked in to tried. */
static const char *find_example(kg_buf *found, kg_buf *tried)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';
		kg_buf_printf(found, "%s/../share/kitgen/example-kit", exe);
		kg_buf kit = KG_BUF_INIT;
		kg_buf_printf(&kit, "%s/kit.yaml", found->data);
		int ok = access(kit.data, R_OK) == 0;
		kg_buf_release(&kit);
		if (ok)
			return found->data;
		kg_buf_printf(tried, "%s, ", found->data);
		kg_buf_reset(found);
	}
	kg_buf_puts(found, KITGEN_SOURCE_TREE);
	kg_buf_puts(tried, KITGEN_SOURCE_TREE);
	return found->data; /* checked by kg_init_kit, which names it */
}

int cmd_init(int argc, char **argv, const kg_global_options *global)
{
	kg_init_options options = {0};
	KG_ARRAY(const char *) langs = KG_ARRAY_INIT;
	const char *dir = NULL;
	int from_example = 0;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			fputs(usage, stdout);
			kg_array_release(&langs);
			return 0;
		} else if (!strcmp(arg, "--title") && i + 1 < argc) {
			options.title = argv[++i];
		} else if (!strcmp(arg, "--language") && i + 1 < argc) {
			kg_array_push(&langs, argv[++i]);
		} else if (!strcmp(arg, "--from-example")) {
			from_example = 1;
		} else if (!strcmp(arg, "--force")) {
			options.force = 1;
		} else if (arg[0] != '-' && !dir) {
			dir = arg;
		} else {
			fprintf(stderr, "kitgen init: unknown option '%s'\n%s", arg, usage);
			kg_array_release(&langs);
			return 2;
		}
	}
	if (!dir)
		dir = global->kit_dir;
	options.languages = langs.items;
	options.language_count = langs.count;
	kg_buf now = KG_BUF_INIT, example = KG_BUF_INIT, tried = KG_BUF_INIT;
	kg_po_timestamp(global->now, &now);
	options.now = now.data;
	if (from_example)
		options.example_dir = find_example(&example, &tried);
	kg_diags diags;
	kg_diags_init(&diags);
	kg_init_report report;
	int rc = kg_init_kit(dir, &options, &report, &diags);
	kg_diags_sort(&diags);
	kg_diags_print(&diags, stderr, global->json ? KG_DIAG_JSON : KG_DIAG_TEXT, global->color);
	if (rc == 0) {
		fprintf(stderr, "kitgen: init: %zu %s written", report.files_written,
		        cmd_plural(report.files_written, "file", "files"));
		if (report.files_kept)
			fprintf(stderr, ", %zu kept as %s", report.files_kept,
			        cmd_plural(report.files_kept, "it was", "they were"));
		fprintf(stderr, " in %s\nkitgen: next: kitgen -C %s build, then open %s/out/index.html\n",
		        dir, dir, dir);
	} else if (from_example && tried.len) {
		fprintf(stderr, "kitgen: init: looked for the example kit in %s\n", tried.data);
	}
	kg_diags_release(&diags);
	kg_buf_release(&now);
	kg_buf_release(&example);
	kg_buf_release(&tried);
	kg_array_release(&langs);
	return rc == 0 ? 0 : 1;
}
