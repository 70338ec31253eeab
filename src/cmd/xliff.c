/* xliff.c: `kitgen xliff export|import` — hands a language's catalogs to
 * CAT tools as one XLIFF document and brings the translations back into
 * the PO files. */
#include "cmd/commands.h"

#include "kitgen/workflow/xliff_kit.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char usage[] = "usage: kitgen [-C DIR] xliff export --lang TAG [--version 2.0|1.2] [-o FILE]\n"
                            "       kitgen [-C DIR] xliff import [--strict] [--lang TAG] FILE\n"
                            "\n"
                            "export writes every catalog of one language (each page's PO file and\n"
                            "ui.po) as one XLIFF document, to FILE or standard output.\n"
                            "import puts the targets of an XLIFF document back into the PO files\n"
                            "after the build's safety checks; units that fail them or whose source\n"
                            "text no longer matches are reported and kept out, and the import then\n"
                            "exits 1 (the units that passed are still written).\n"
                            "\n"
                            "  --lang TAG       export: the target language; import: the language\n"
                            "                   of a document made from one whole-language PO file\n"
                            "                   (po2xliff), whose units go to every catalog of it\n"
                            "  --version V      XLIFF 2.0 (default) or 1.2\n"
                            "  -o FILE          write to FILE instead of standard output\n"
                            "  --strict         any other warning fails the import too (exit 1)\n";

static int usage_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Prints "kitgen xliff: <message>" and the usage; returns the usage exit code. */
static int usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("kitgen xliff: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s", usage);
	return 2;
}

static int finish(kg_diags *diags, const kg_global_options *global)
{
	kg_diags_sort(diags);
	kg_diags_print(diags, stderr, global->json ? KG_DIAG_JSON : KG_DIAG_TEXT, global->color);
	return kg_diags_failures(diags) ? 1 : 0;
}

static int write_output(const char *path, const kg_buf *data, kg_diags *diags)
{
	FILE *f = path ? fopen(path, "wb") : stdout;
	if (!f) {
		kg_error(diags, path, 0, 0, "cannot create: %s", strerror(errno));
		return -1;
	}
	int rc = fwrite(data->data, 1, data->len, f) == data->len ? 0 : -1;
	if ((path ? fclose(f) : fflush(f)) != 0)
		rc = -1;
	if (rc < 0)
		kg_error(diags, path ? path : "(standard output)", 0, 0, "cannot write: %s", strerror(errno));
	return rc;
}

static int run_export(int argc, char **argv, const kg_global_options *global)
{
	const char *lang = NULL, *output = NULL;
	kg_xliff_version version = KG_XLIFF_2_0;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		const char *value = NULL;
		if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(arg, "--lang") && i + 1 < argc) {
			lang = argv[++i];
		} else if (!strncmp(arg, "--lang=", 7)) {
			lang = arg + 7;
		} else if (!strcmp(arg, "-o") && i + 1 < argc) {
			output = argv[++i];
		} else if ((!strcmp(arg, "--version") && i + 1 < argc && (value = argv[++i])) ||
		           (!strncmp(arg, "--version=", 10) && (value = arg + 10))) {
			if (!strcmp(value, "2.0") || !strcmp(value, "2"))
				version = KG_XLIFF_2_0;
			else if (!strcmp(value, "1.2"))
				version = KG_XLIFF_1_2;
			else
				return usage_error("unknown XLIFF version '%s' (2.0 or 1.2)", value);
		} else {
			return usage_error("unknown option '%s' for export", arg);
		}
	}
	if (!lang || !lang[0])
		return usage_error("export needs --lang TAG");
	kg_diags diags;
	kg_diags_init(&diags);
	kg_buf doc = KG_BUF_INIT;
	if (kg_xliff_export_kit(global->kit_dir, lang, version, &doc, &diags) == 0)
		write_output(output, &doc, &diags);
	int rc = finish(&diags, global);
	kg_buf_release(&doc);
	kg_diags_release(&diags);
	return rc;
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
		return usage_error("import needs the XLIFF FILE to read");
	kg_diags diags;
	kg_diags_init(&diags);
	diags.warnings_as_errors = strict;
	kg_xliff_counts counts;
	int ok = kg_xliff_import_kit(global->kit_dir, file, file, lang && lang[0] ? lang : NULL, &counts,
	                             &diags) == 0;
	int rc = finish(&diags, global);
	if (ok)
		fprintf(stderr,
		        "kitgen: xliff import: %zu %s read; %zu %s updated, %zu unchanged, %zu %s kept out; "
		        "%zu %s written\n",
		        counts.units, cmd_plural(counts.units, "unit", "units"), counts.updated,
		        cmd_plural(counts.updated, "entry", "entries"), counts.unchanged, counts.kept_out,
		        cmd_plural(counts.kept_out, "unit", "units"), counts.written,
		        cmd_plural(counts.written, "catalog", "catalogs"));
	if (ok && counts.kept_out)
		rc = 1; /* a kept-out unit is a finding, like kitgen check's */
	kg_diags_release(&diags);
	return rc;
}

int cmd_xliff(int argc, char **argv, const kg_global_options *global)
{
	if (argc < 2)
		return usage_error("needs 'export' or 'import'");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(usage, stdout);
		return 0;
	}
	if (!strcmp(argv[1], "export"))
		return run_export(argc - 1, argv + 1, global);
	if (!strcmp(argv[1], "import"))
		return run_import(argc - 1, argv + 1, global);
	return usage_error("unknown action '%s' (export or import)", argv[1]);
}
