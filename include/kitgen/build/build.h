/* build.h: the whole pipeline for one kit — load, segment, localize,
 * render, write — behind one call. Options are borrowed for the call; a
 * report, a session and a status own what they hold, freed by their
 * _release or _free function.
 *
 * kg_build() renders every page of every configured language into a
 * staging folder and swaps it in for the output folder only on success.
 */
#ifndef KITGEN_BUILD_H
#define KITGEN_BUILD_H

#include "kitgen/base/diag.h"
#include "kitgen/catalog/review.h"
#include "kitgen/kit/kit.h"
#include "kitgen/i18n/localize.h"

#include <stddef.h>

/* State a long-running process (kitgen serve) keeps from one build to the
 * next, so that a one-page edit does not read the whole kit again: the
 * last build's cache and parsed pages, and the files a watcher saw change
 * since. See session.c for what is trusted and when. */
typedef struct kg_build_session kg_build_session;

typedef struct kg_build_options {
	const char *kit_dir;
	int jobs;    /* threads; 0: one per core */
	int strict;  /* safety-check findings are errors */
	int no_sync; /* skip flushing to disk before the swap (benchmarks) */
	int clean;   /* ignore (and rewrite) the incremental-build cache */
	/* Return as soon as the output is committed and write the cache on the
	 * session's thread (kitgen serve; needs a session); kg_build_wait()
	 * joins it. */
	int finish_in_background;
	/* NULL, or the session this build continues (borrowed). */
	kg_build_session *session;
	/* Test hooks (0: off): kill the process with SIGKILL after this many
	 * files are written, or after this many steps of the commit, to test
	 * that a killed build leaves a consistent output. */
	long test_kill_after_files;
	long test_kill_in_commit;
	/* Refuse to build unless the publish gate passes (kg_publish_check);
	 * without it, a kit that fails the gate builds as a sample: every page
	 * and handout is marked SAMPLE. */
	int publish;
	/* Test hook (NULL: off): also draw every handout page to a PNG in this
	 * folder, as Cairo drew it, to compare with a PDF reader's raster. */
	const char *test_handout_rasters;
	/* With it (NULL: every page): only the pages whose last path segment is
	 * one of these comma-separated names ("five-responses,card"). */
	const char *test_handout_rasters_pages;
	/* Test hook (NULL: off): after phase 1 has read every catalog, append a
	 * comment line to this file of the kit ("locales/vi/a.po"), as a
	 * translator saving while the build runs would change it. */
	const char *test_edit_after_measure;
	/* Test hook (0: the protocol's 50,000): the most URLs a sitemap file
	 * holds before the language's sitemap is cut into another part. */
	long test_sitemap_max_urls;
	/* Test hook: check every template's values against the schema of names
	 * templates may use, failing on a value it does not list. */
	int test_check_values;
	/* NULL, or the command of a PDF worker (kg_pdf_workers_start: an argv
	 * whose program runs kg_pdf_worker_main on descriptor 3; kitgen's is
	 * `/proc/self/exe __pdf-worker`): with it and more than one job,
	 * handouts are drawn in worker processes, on every core. */
	const char *const *pdf_worker_command;
	/* Progress callback (may be NULL): done of count pages rendered. */
	void (*progress)(void *ctx, size_t done, size_t count);
	void *progress_ctx;
} kg_build_options;

#define KG_BUILD_MAX_PHASES 16

/* Wall time of one step of a build, for `kitgen build --timings`. */
typedef struct kg_build_phase {
	const char *name; /* static: "load", "measure", "render", ... */
	double seconds;
} kg_build_phase;

typedef struct kg_build_report {
	size_t pages_written; /* HTML pages */
	size_t files_written; /* every file */
	size_t pages_reused;  /* pages taken unchanged from the previous build */
	size_t languages;
	size_t search_bytes;                        /* all languages' search indexes */
	size_t search_pages;                        /* pages in them */
	char *output_path;                          /* owned; where the output now is */
	kg_build_phase phases[KG_BUILD_MAX_PHASES]; /* in order; also on failure */
	size_t phase_count;
	double seconds;          /* the whole build, wall time */
	size_t publish_problems; /* what keeps the kit from being published (0: not a sample) */
} kg_build_report;

/* Returns 0, or -1 with diagnostics (the previous output is untouched). */
int kg_build(const kg_build_options *options, kg_build_report *report, kg_diags *diags);
void kg_build_report_release(kg_build_report *report);
/* Waits for the session's build that finishes in the background (see
 * finish_in_background); kg_build itself waits before starting. Call
 * before freeing the session. NULL: nothing to wait for. */
void kg_build_wait(kg_build_session *session);

/* A session for builds of one kit folder; free with kg_build_session_free
 * (after the last kg_build_wait). */
kg_build_session *kg_build_session_new(void);
void kg_build_session_free(kg_build_session *session);
/* A watcher that sees every change to kit.yaml, content/, locales/ and
 * templates/ runs from now on. Until this is called, and after a NULL
 * change, the session trusts nothing and builds read every file again. */
void kg_build_session_watching(kg_build_session *session);
/* The watcher saw path change ("<kit dir>/content/a.md"; a folder stands
 * for everything below it); NULL: something changed, no one knows what. */
void kg_build_session_changed(kg_build_session *session, const char *path);

/* Translation coverage of every page in every language, measured exactly
 * as the build measures it (same catalogs, same safety checks). */
typedef struct kg_status_page {
	const char *source_path; /* borrowed from the status */
	const char *catalog;     /* locales/<lang>/<p>.po */
	kg_coverage coverage;
	int published;
	kg_review_state review;  /* its native-speaker review (catalog/review.h) */
	const char *review_date; /* the last review's "YYYY-MM-DD", or NULL; borrowed from the status */
} kg_status_page;

typedef struct kg_status_lang {
	const kg_language *lang;
	int is_source;
	kg_coverage total;
	size_t published;
	size_t reviewed_pages, review_outdated; /* pages whose review is current, outdated */
	kg_status_page *pages;
} kg_status_lang;

typedef struct kg_status {
	kg_status_lang *langs;
	size_t lang_count;
	size_t page_count;
	void *internal; /* the loaded kit and catalogs */
	void *options;
} kg_status;

/* Returns 0, or -1 with diagnostics (the status is still filled as far as
 * the kit could be read). Safety-check refusals are warnings. */
int kg_status_compute(kg_status *status, const char *kit_dir, int jobs, kg_diags *diags);
void kg_status_release(kg_status *status);

/* The publish gate on a computed status: adds an error for every problem
 * that keeps the kit from being printed and published (a base_url that is
 * missing, has no scheme or is a placeholder address; a var still empty or
 * in brackets; a language marked reviewed with untranslated, fuzzy or
 * refused entries; a language below its min_coverage) and a note for each
 * draft language. Returns the number of problems. */
size_t kg_publish_check(const kg_status *status, kg_diags *diags);

#endif
