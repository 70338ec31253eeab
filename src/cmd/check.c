/* check.c: `kitgen check` — runs the safety checks on every translation and
 * reports each refused one at its PO file and line. It is the CI gate for
 * translations: a finding fails it (exit 1), since the build would quietly
 * show the English instead. */
#include "cmd/commands.h"

#include "kitgen/build/build.h"
#include "kitgen/i18n/glossary.h"

#include <stdio.h>
#include <string.h>

static const char usage[] = "usage: kitgen [-C DIR] check [--strict]\n"
                            "\n"
                            "Checks that every translation keeps its source's link targets, URLs,\n"
                            "e-mail addresses, numbers and phone numbers, inline code and\n"
                            "{{ placeholders }}, and adds no raw HTML. A translation that fails is not\n"
                            "used by the build (the English text is shown instead).\n"
                            "\n"
                            "\n"
                            "Exits 1 on errors and on findings: problems in a catalog under locales/\n"
                            "(a refused translation, a Language header naming another language, an\n"
                            "escape msgfmt rejects). Other warnings (kit.yaml, content) are printed\n"
                            "but pass.\n"
                            "\n"
                            "  --strict   every warning fails the check, as it fails build --strict\n"
                            "  --publish  also the publish gate: base_url, organization facts still in\n"
                            "             brackets, languages marked reviewed that are not (exit 1)\n";

/* Findings are the warnings about a catalog: every one of them names a file
 * under locales/ (the translations check exists for); warnings about
 * kit.yaml or content/ are the kit's, and fail only --strict, as do the
 * glossary's findings (a term missing is worth a look, not always wrong). */
static size_t count_findings(const kg_diags *diags)
{
	size_t n = 0;
	for (size_t i = 0; i < diags->count; i++) {
		const kg_diag *d = &diags->items[i];
		n += d->severity == KG_WARNING && d->file && !strncmp(d->file, "locales/", 8) &&
		     strncmp(d->message, KG_GLOSSARY_FINDING, strlen(KG_GLOSSARY_FINDING));
	}
	return n;
}

int cmd_check(int argc, char **argv, const kg_global_options *global)
{
	int strict = 0, publish = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(argv[i], "--strict")) {
			strict = 1;
		} else if (!strcmp(argv[i], "--publish")) {
			publish = 1;
		} else {
			fprintf(stderr, "kitgen check: unknown option '%s'\n%s", argv[i], usage);
			return 2;
		}
	}
	kg_diags diags;
	kg_diags_init(&diags);
	diags.warnings_as_errors = strict;
	kg_status st;
	int rc = kg_status_compute(&st, global->kit_dir, 0, &diags);
	size_t publish_problems = publish && rc == 0 ? kg_publish_check(&st, &diags) : 0;
	kg_diags_sort(&diags);
	kg_diags_print(&diags, stderr, global->json ? KG_DIAG_JSON : KG_DIAG_TEXT, global->color);
	size_t findings = count_findings(&diags);
	size_t others = diags.warnings - findings;
	fprintf(stderr, "kitgen: check: %zu %s, %zu %s, %zu other %s%s\n", diags.errors,
	        cmd_plural(diags.errors, "error", "errors"), findings,
	        cmd_plural(findings, "finding", "findings"), others,
	        cmd_plural(others, "warning", "warnings"),
	        strict && others ? " (--strict: warnings fail the check)" : "");
	if (publish)
		fprintf(stderr, "kitgen: check: %s\n",
		        publish_problems ? "the kit is not ready to publish (see the errors above)"
		                         : "the kit passes the publish gate");
	int code = rc < 0 || kg_diags_failures(&diags) || findings || publish_problems ? 1 : 0;
	kg_status_release(&st);
	kg_diags_release(&diags);
	return code;
}
