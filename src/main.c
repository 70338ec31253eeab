/* main.c: the command table, global options and the PDF worker's entry; nothing else.
 * Each subcommand lives in src/cmd/<name>.c. */
#include "cmd/commands.h"
#include "kitgen/base/alloc.h"
#include "kitgen/pdf/pdf.h"
#include "kitgen_version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const struct command {
	const char *name;
	kg_command_fn run;
	const char *summary;
} commands[] = {
    {"init", cmd_init, "start a kit in a folder (or copy the bundled example kit)"},
    {"build", cmd_build, "render every page of every language into out/"},
    {"extract", cmd_extract, "write the POT files translators start from"},
    {"update", cmd_update, "merge the POT files into every language's PO catalogs"},
    {"mv", cmd_mv, "move a page or section, keeping its translations and old addresses"},
    {"status", cmd_status, "show how much of each language is translated"},
    {"serve", cmd_serve, "preview the site on this machine, rebuilding on every change"},
    {"check", cmd_check, "check translations for changed links, numbers and markup"},
    {"xliff", cmd_xliff, "export or import XLIFF for CAT tools"},
    {"po", cmd_po, "import one PO file holding a whole language into the kit's catalogs"},
    {"review", cmd_review, "record a native speaker's review of pages in a language"},
    {"theme", cmd_theme, "list the built-in theme's files, or export them to override"},
};

static void usage(FILE *out)
{
	fputs("usage: kitgen [-C DIR] [--diagnostics=text|json] <command> [options]\n"
	      "       kitgen --help | --version\n\ncommands:\n",
	      out);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fputs("\nRun 'kitgen <command> --help' for a command's options.\n", out);
}

/* Not a command a user types: build and serve start it (cmd/commands.h). */
#define PDF_WORKER_ARG "__pdf-worker"
const char *const cmd_pdf_worker_command[] = {"/proc/self/exe", PDF_WORKER_ARG, NULL};

int main(int argc, char **argv)
{
	if (!getenv("GLIBC_TUNABLES")) /* the user's malloc settings win */
		kg_alloc_keep_freed_memory();
	if (argc == 2 && !strcmp(argv[1], PDF_WORKER_ARG))
		return kg_pdf_worker_main(KG_PDF_WORKER_FD);
	kg_global_options global = {".", isatty(2), 0, (long long)time(NULL)};
	/* https://reproducible-builds.org/specs/source-date-epoch/ */
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	if (epoch && *epoch) {
		char *end;
		long long t = strtoll(epoch, &end, 10);
		if (*end || t < 0) {
			fprintf(stderr, "kitgen: SOURCE_DATE_EPOCH must be a number of seconds (got '%s')\n",
			        epoch);
			return 2;
		}
		global.now = t;
	}
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *arg = argv[i];
		if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(arg, "--version")) {
			printf("kitgen %s\n", KITGEN_VERSION);
			return 0;
		} else if (!strcmp(arg, "-C") && i + 1 < argc) {
			global.kit_dir = argv[++i];
		} else if (!strncmp(arg, "-C", 2) && arg[2]) {
			global.kit_dir = arg + 2;
		} else if (!strcmp(arg, "--diagnostics=json")) {
			global.json = 1;
		} else if (!strcmp(arg, "--diagnostics=text")) {
			global.json = 0;
		} else if (!strcmp(arg, "--no-color")) {
			global.color = 0;
		} else {
			fprintf(stderr, "kitgen: unknown option '%s'\n", arg);
			usage(stderr);
			return 2;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return 2;
	}
	for (size_t c = 0; c < sizeof(commands) / sizeof(commands[0]); c++)
		if (!strcmp(argv[i], commands[c].name))
			return commands[c].run(argc - i, argv + i, &global);
	fprintf(stderr, "kitgen: '%s' is not a kitgen command; see 'kitgen --help'\n", argv[i]);
	return 2;
}
