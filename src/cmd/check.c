/* check.c: `kitgen check` — runs the safety checks on every translation and
 * reports each refused one at its PO file and line. */
#include "cmd/commands.h"

#include "kitgen/build/build.h"

#include <stdio.h>
#include <string.h>

static const char usage[] = "usage: kitgen [-C DIR] check [--strict]\n"
                            "\n"
                            "Checks that every translation keeps its source's link targets, URLs,\n"
                            "e-mail addresses, numbers and phone numbers, inline code and\n"
                            "{{ placeholders }}, and adds no raw HTML. A translation that fails is not\n"
                            "used by the build (the English text is shown instead).\n"
                            "\n"
                            "  --strict   findings are errors (exit 1)\n"
                            "  --publish  also the publish gate: base_url, organization facts still in\n"
                            "             brackets, languages marked reviewed that are not (exit 1)\n";

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
	size_t findings = diags.warnings;
	fprintf(stderr, "kitgen: check: %zu errors, %zu findings%s\n", diags.errors, findings,
	        strict && findings ? " (--strict: findings are errors)" : "");
	if (publish)
		fprintf(stderr, "kitgen: check: %s\n",
		        publish_problems ? "the kit is not ready to publish (see the errors above)"
		                         : "the kit passes the publish gate");
	int code = rc < 0 || kg_diags_failures(&diags) || publish_problems ? 1 : 0;
	kg_status_release(&st);
	kg_diags_release(&diags);
	return code;
}
