/* init.h: `kitgen init` — a new kit that builds at once: kit.yaml with
 * comments, content/_index.md and one sample page, catalogs for each
 * language, and no templates/ (the built-in theme serves). Or, from the
 * bundled example, a copy of the Community Safety Kit (kit.yaml, content/,
 * locales/) for an organization to adapt.
 *
 * Never overwrites a file: a folder that is not empty is refused unless
 * force, and even then every file that exists is kept (and named). Nothing
 * here prints; the caller owns every string it passes.
 */
#ifndef KITGEN_WORKFLOW_INIT_H
#define KITGEN_WORKFLOW_INIT_H

#include "kitgen/base/diag.h"

#include <stddef.h>

typedef struct kg_init_options {
	const char *title;            /* NULL: "Community Safety Kit" (example) or "Our Safety Kit" */
	const char *const *languages; /* BCP 47 tags to translate into (besides English), or NULL */
	size_t language_count;
	const char *example_dir; /* copy this kit (kit.yaml, content/, locales/); NULL: a new kit */
	int force;               /* allow a folder that is not empty */
	const char *now;         /* PO header time ("2026-12-06 10:00+0000") */
} kg_init_options;

typedef struct kg_init_report {
	size_t files_written;
	size_t files_kept; /* existed already (with force) */
	size_t pages;
} kg_init_report;

/* Makes the kit in dir (created when missing). Returns 0, or -1 with
 * errors: dir is a file, cannot be written, is not empty (without force),
 * a tag is not BCP 47, the example is missing (naming where it looked). */
int kg_init_kit(const char *dir, const kg_init_options *options, kg_init_report *report, kg_diags *diags);

#endif
