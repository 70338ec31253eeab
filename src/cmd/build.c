/* build.c: `kitgen build` — renders the kit into its output folder. */
#include "cmd/commands.h"

#include "kitgen/build/build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "usage: kitgen [-C DIR] build [-j N] [--strict] [--clean] [--quiet] [--timings]\n"
    "\n"
    "Renders every page of every language in kit.yaml into the output folder\n"
    "(out/ by default). The new output replaces the old one only when the\n"
    "whole build succeeds.\n"
    "\n"
    "  -j N       render on N threads (default: one per core)\n"
    "  --strict   treat warnings (such as refused translations) as errors\n"
    "  --publish  refuse to build a kit that fails the publish gate (see check --publish)\n"
    "  --clean    ignore the incremental-build cache and render everything\n"
    "  --quiet    print nothing but diagnostics\n"
    "  --timings  print how long each step of the build took\n"
    "  --no-sync  do not flush the new output to disk before swapping it in\n";

static void show_progress(void *ctx, size_t done, size_t count)
{
	(void)ctx;
	if (done == count || done % 64 == 0)
		fprintf(stderr, "\r[%zu/%zu] rendering pages%s", done, count, done == count ? "\n" : "");
}

int cmd_build(int argc, char **argv, const kg_global_options *global)
{
	kg_build_options options = {.kit_dir = global->kit_dir, .pdf_worker_command = cmd_pdf_worker_command};
	int quiet = 0, timings = 0;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(arg, "-j") && i + 1 < argc) {
			options.jobs = atoi(argv[++i]);
		} else if (!strncmp(arg, "-j", 2) && arg[2]) {
			options.jobs = atoi(arg + 2);
		} else if (!strcmp(arg, "--strict")) {
			options.strict = 1;
		} else if (!strcmp(arg, "--quiet") || !strcmp(arg, "-q")) {
			quiet = 1;
		} else if (!strcmp(arg, "--clean")) {
			options.clean = 1;
		} else if (!strcmp(arg, "--timings")) {
			timings = 1;
		} else if (!strcmp(arg, "--no-sync")) {
			options.no_sync = 1;
		} else if (!strcmp(arg, "--test-kill-after-files") && i + 1 < argc) {
			options.test_kill_after_files = atol(argv[++i]); /* for tests: see build.h */
		} else if (!strcmp(arg, "--test-kill-in-commit") && i + 1 < argc) {
			options.test_kill_in_commit = atol(argv[++i]);
		} else if (!strcmp(arg, "--test-check-values")) {
			options.test_check_values = 1;
		} else if (!strcmp(arg, "--publish")) {
			options.publish = 1;
		} else if (!strcmp(arg, "--test-handout-rasters") && i + 1 < argc) {
			options.test_handout_rasters = argv[++i];
		} else if (!strcmp(arg, "--test-sitemap-max-urls") && i + 1 < argc) {
			options.test_sitemap_max_urls = atol(argv[++i]);
		} else if (!strcmp(arg, "--test-edit-after-measure") && i + 1 < argc) {
			options.test_edit_after_measure = argv[++i];
		} else if (!strcmp(arg, "--test-handout-rasters-pages") && i + 1 < argc) {
			options.test_handout_rasters_pages = argv[++i];
		} else {
			fprintf(stderr, "kitgen build: unknown option '%s'\n%s", arg, usage);
			return 2;
		}
	}
	if (options.jobs < 0) {
		fputs("kitgen build: -j needs a positive number\n", stderr);
		return 2;
	}
	if (!quiet && isatty(2))
		options.progress = show_progress;

	kg_diags diags;
	kg_diags_init(&diags);
	kg_build_report report;
	int rc = kg_build(&options, &report, &diags);
	kg_diags_sort(&diags);
	kg_diags_print(&diags, stderr, global->json ? KG_DIAG_JSON : KG_DIAG_TEXT, global->color);
	if (rc == 0 && !quiet) {
		fprintf(stderr, "kitgen: built %zu %s in %zu %s (%zu %s, %zu %s unchanged) into %s; %zu %s\n",
		        report.pages_written, cmd_plural(report.pages_written, "page", "pages"),
		        report.languages, cmd_plural(report.languages, "language", "languages"),
		        report.files_written, cmd_plural(report.files_written, "file", "files"),
		        report.pages_reused, cmd_plural(report.pages_reused, "page", "pages"),
		        report.output_path, diags.warnings,
		        cmd_plural(diags.warnings, "warning", "warnings"));
		if (report.search_pages) {
			size_t per_page = report.search_bytes / report.search_pages;
			fprintf(stderr, "kitgen: search indexes: %zu %s in all, %zu %s per page\n",
			        report.search_bytes, cmd_plural(report.search_bytes, "byte", "bytes"),
			        per_page, cmd_plural(per_page, "byte", "bytes"));
		}
		if (report.publish_problems)
			fprintf(
			    stderr,
			    "kitgen: this is a SAMPLE build, marked so on every page and handout: %zu %s to fix before "
			    "publishing ('kitgen check --publish' lists them)\n",
			    report.publish_problems, cmd_plural(report.publish_problems, "thing", "things"));
	} else if (rc < 0) {
		/* With --strict the warnings failed the build: they count as errors. */
		size_t errors = diags.errors + (options.strict ? diags.warnings : 0);
		size_t warnings = options.strict ? 0 : diags.warnings;
		fprintf(stderr, "kitgen: build failed: %zu %s, %zu %s; the previous output is unchanged\n",
		        errors, cmd_plural(errors, "error", "errors"), warnings,
		        cmd_plural(warnings, "warning", "warnings"));
	}
	if (timings) {
		for (size_t i = 0; i < report.phase_count; i++)
			fprintf(stderr, "kitgen: %-14s %8.3f s\n", report.phases[i].name,
			        report.phases[i].seconds);
		fprintf(stderr, "kitgen: %-14s %8.3f s\n", "total", report.seconds);
	}
	kg_build_report_release(&report);
	kg_diags_release(&diags);
	return rc == 0 ? 0 : 1;
}
