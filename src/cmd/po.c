/* po.c: `kitgen po import` — takes one PO file holding a whole language
 * (from xliff2po, msgcat or a translation platform) back into the kit's
 * page catalogs and ui.po, with the XLIFF import's checks and reports. */
#include "cmd/commands.h"

#include "kitgen/workflow/po_import.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char usage[] = "usage: kitgen [-C DIR] po import --lang TAG [--strict] FILE\n"
                            "\n"
                            "import puts the translations of one PO file holding a whole language\n"
                            "into every catalog of that language with the same context and English,\n"
                            "after the build's safety checks; entries that fail them, match nothing\n"
                            "or match entries of several contexts are reported and kept out, and the\n"
                            "import then exits 1 (the entries that passed are still written).\n"
                            "\n"
                            "  --lang TAG       the language of FILE\n"
                            "  --strict         any other warning fails the import too (exit 1)\n";

static int usage_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Prints "kitgen po: <message>" and the usage; returns the usage exit code. */
static int usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("kitgen po: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s", usage);
	return 2;
}

static int run_import(int argc, char **argv, const kg_global_options *global)
{
	const char *file = NULL, *lang = NULL;
	int strict = 0;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(arg, "--lang") && i + 1 < argc) {
			lang = argv[++i];
		} else if (!strncmp(arg, "--lang=", 7)) {
			lang = arg + 7;
		} else if (!strcmp(arg, "--strict")) {
			strict = 1;
		} else if (arg[0] == '-' && arg[1]) {
			return usage_error("unknown option '%s' for import", arg);
		} else if (file) {
			return usage_error("import reads one file; '%s' is one too many", arg);
		} else {
			file = arg;
		}
	}
	if (!file)
		return usage_error("import needs the PO FILE to read");
	if (!lang || !lang[0])
		return usage_error("import needs --lang TAG");
	kg_diags diags;
	kg_diags_init(&diags);
	diags.warnings_as_errors = strict;
	kg_xliff_counts counts;
	int ok = kg_po_import_kit(global->kit_dir, lang, file, file, &counts, &diags) == 0;
	kg_diags_sort(&diags);
	kg_diags_print(&diags, stderr, global->json ? KG_DIAG_JSON : KG_DIAG_TEXT, global->color);
	int rc = kg_diags_failures(&diags) ? 1 : 0;
	if (ok)
		fprintf(stderr,
		        "kitgen: po import: %zu %s read; %zu %s updated, %zu unchanged, %zu %s kept out; "
		        "%zu %s written\n",
		        counts.units, cmd_plural(counts.units, "entry", "entries"), counts.updated,
		        cmd_plural(counts.updated, "entry", "entries"), counts.unchanged, counts.kept_out,
		        cmd_plural(counts.kept_out, "entry", "entries"), counts.written,
		        cmd_plural(counts.written, "catalog", "catalogs"));
	if (ok && counts.kept_out)
		rc = 1; /* a kept-out entry is a finding, like kitgen check's */
	kg_diags_release(&diags);
	return rc;
}

int cmd_po(int argc, char **argv, const kg_global_options *global)
{
	if (argc < 2)
		return usage_error("needs 'import'");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(usage, stdout);
		return 0;
	}
	if (!strcmp(argv[1], "import"))
		return run_import(argc - 1, argv + 1, global);
	return usage_error("unknown action '%s' (import)", argv[1]);
}
