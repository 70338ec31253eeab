/* mv.h: `kitgen mv` — moving a page or a section of a kit without losing
 * its translations or its old addresses.
 *
 * A move takes the content files (a page, or a folder with its pages,
 * images and any other file), every language's catalogs and the POT
 * templates to the new place, and adds the old address of each moved page
 * to its front matter's `aliases:` (the build writes a redirect there).
 * Links to a moved page or file, in other pages and in the moved pages, are
 * rewritten, and so are the same links in every catalog's msgid and
 * msgstr, so no translation becomes fuzzy; the catalogs' `#:` references
 * follow the new file name and line numbers. On a kit whose catalogs were
 * up to date, `kitgen extract` and `kitgen update` afterwards change
 * nothing.
 *
 * Safety: everything is planned and checked in memory first (sources,
 * destinations, collisions of addresses and aliases, each rewritten page
 * parsed again and its links and units compared), and nothing is touched
 * when a check fails. Then the new files are written beside their places
 * under hidden names, put in place (a moved file never replaces one), and
 * only then are the old files removed. A failure at any of those steps
 * undoes the steps done, from the bytes kept in memory, so the kit is
 * left as it was. (A process killed between steps can leave both copies;
 * `git status` shows them.)
 *
 * The caller owns the options; the report owns what it lists
 * (kg_mv_report_release).
 */
#ifndef KITGEN_WORKFLOW_MV_H
#define KITGEN_WORKFLOW_MV_H

#include "kitgen/base/diag.h"

#include <stddef.h>

typedef struct kg_mv_options {
	const char *kit_dir;
	const char *from; /* relative to the kit: "content/advocacy", "content/a/b.md" */
	const char *to;
	/* The content was already moved by hand (and `kitgen update` may have
	 * made empty catalogs for it): move only the catalogs of `from` to
	 * `to`'s pages, replacing catalogs that hold no translation, fix links
	 * to the old place, and add the aliases. */
	int after;
	int dry_run; /* plan and check, change nothing */
	/* Test hook: make the Nth file system step fail (0: off), to check
	 * that the steps before it are undone. */
	long test_fail_step;
} kg_mv_options;

typedef enum kg_mv_change_kind {
	KG_MV_MOVE,    /* from -> path (changed or not) */
	KG_MV_REPLACE, /* from -> path, replacing a catalog without translations (--after) */
	KG_MV_EDIT,    /* path changed in place (links, references, aliases) */
	KG_MV_REMOVE   /* from removed (an old POT that `to` already has, --after) */
} kg_mv_change_kind;

typedef struct kg_mv_change {
	kg_mv_change_kind kind;
	char *from; /* kit-relative, or NULL (EDIT) */
	char *path; /* kit-relative, or NULL (REMOVE) */
} kg_mv_change;

typedef struct kg_mv_report {
	size_t pages;           /* pages moved */
	size_t files;           /* other content files moved */
	size_t catalogs;        /* catalogs and templates moved */
	size_t aliases;         /* aliases added */
	size_t pages_edited;    /* pages not moved whose links were rewritten */
	size_t catalogs_edited; /* catalogs not moved whose entries were rewritten */
	size_t steps;           /* file system steps the move takes */
	kg_mv_change *changes;  /* owned: every file changed, in order */
	size_t change_count;
} kg_mv_report;

/* Plans, checks and (unless dry_run) makes the move. Returns 0, or -1 with
 * diagnostics and the kit unchanged. The report is filled either way as
 * far as planning got; release it with kg_mv_report_release. */
int kg_mv(const kg_mv_options *options, kg_mv_report *report, kg_diags *diags);
void kg_mv_report_release(kg_mv_report *report);

#endif
