/* build.c: kg_build(), the pipeline's driver: open the build (load.c,
 * measure.c, nav_keys.c), render every page (render_pages.c), write the
 * site-wide files (render/, downloads/), commit the output folder, and
 * save the cache — on a thread while the commit runs, or after it on the
 * session's finisher (kitgen serve). Also kg_status_compute(), which is
 * phase 1 alone. */
#include "build/build_internal.h"

#include "downloads/downloads.h"
#include "kitgen/base/alloc.h"
#include "kitgen/base/hash.h"
#include "kitgen/base/pool.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Records this build's results in the cache (before it is saved). */
static void record_cache(build *b)
{
	site *s = &b->site;
	for (size_t l = 0; l < s->lang_count; l++) {
		const lang_state *ls = &s->langs[l];
		for (size_t p = 0; p < s->kit.page_count; p++) {
			const page_state *ps = &ls->pages[p];
			cache_page cp = {
			    .key = ps->key,
			    .out_key = build_page_out_key(s, ps, p),
			    .coverage = ps->coverage,
			    .published = ps->published,
			    .title_fallback = ps->title_fallback,
			    .summary_fallback = ps->summary_fallback,
			    .title = ps->title,
			    .summary = ps->summary,
			    .warnings = ps->warnings,
			};
			cache_new_page_borrowed(b->cache, ls->lang->tag, s->kit.pages[p].rel_path, &cp);
		}
	}
}

static void save_cache(build *b)
{
	record_cache(b);
	cache_save(b->cache, b->cache_path); /* a speed-up only: failure is harmless */
}

/* `kitgen build` writes the cache while the commit runs (the two take
 * about as long at 5,000 pages × 8 languages) and puts it in place only
 * once the commit succeeded: a cache must never describe an output that
 * is not there. */
typedef struct cache_saver {
	pthread_t thread;
	build *b;
	int rc;
} cache_saver;

static void *save_cache_task(void *arg)
{
	cache_saver *saver = arg;
	record_cache(saver->b);
	saver->rc = cache_save_begin(saver->b->cache, saver->b->cache_path);
	return NULL;
}

/* ---- finishing in the background (kitgen serve) ----
 *
 * Once out/ is committed, what is left (writing the cache, freeing the
 * build) does not change what is served, so a server can tell browsers to
 * reload first. The lock on out/ is held until the cache is written, so
 * no other build reads a half-written cache or runs meanwhile; the
 * session's next kg_build() waits for it. The finisher belongs to the
 * session: there is no process-wide state. */

/* After a successful build: the cache for the next one, and what a
 * session keeps. The lock on out/ is still held. */
static void finish_build(build *b)
{
	save_cache(b);
	b->keep_for_session = 1; /* see build_release */
}

static void *finish_in_background(void *arg)
{
	build *b = arg;
	finish_build(b);
	build_release(b); /* before the lock goes: the session reads the cache back */
	kg_outdir_release(&b->site.out);
	free(b);
	return NULL;
}

/* Hands b to its session's finisher thread; -1 if no thread could start. */
static int start_finisher(build *b)
{
	kg_build_session *session = b->session;
	b->report = NULL; /* the caller's: not touched after kg_build returns */
	b->options = NULL;
	b->site.diags = NULL;
	int rc = pthread_create(&session->finisher, NULL, finish_in_background, b) == 0 ? 0 : -1;
	session->finisher_running = rc == 0;
	return rc;
}

void kg_build_wait(kg_build_session *session)
{
	if (session && session->finisher_running) {
		pthread_join(session->finisher, NULL);
		session->finisher_running = 0;
	}
}

/* Renders, writes the site-wide files and commits; 0 or -1. */
static int build_run(build *b, kg_build_report *report, kg_diags *diags, int *saving, cache_saver *saver)
{
	site *s = &b->site;
	const kg_build_options *options = b->options;
	int jobs = options->jobs > 0 ? options->jobs : kg_pool_cores();
	/* Incremental: only what changed is written, and moved in at the end. */
	if (!options->clean)
		kg_outdir_use_patch(&s->out);
	build_phase(b, "read manifest");
	build_render_pages(b, jobs);
	if (atomic_load(&s->failed) || kg_diags_failures(diags))
		return -1;
	build_phase(b, "render pages");
	if (build_render_site_pages(b) < 0 || site_write_redirects(s) < 0 || build_copy_static_files(b) < 0 ||
	    site_write_sitemap(s) < 0)
		return -1;
	build_phase(b, "site pages");
	if (site_write_status(s) < 0)
		return -1;
	build_phase(b, "status");
	if (site_write_search_indexes(s, &report->search_bytes) < 0)
		return -1;
	build_phase(b, "search");
	if (site_write_feeds(s) < 0 ||
	    downloads_write_partner_pages(s) < 0) /* before the zips: they hold them */
		return -1;
	build_phase(b, "feeds and partner pages");
	if (downloads_write_language_zips(s, jobs) < 0)
		return -1;
	build_phase(b, "downloads");
	if (kg_diags_failures(diags))
		return -1;
	s->out.no_sync = options->no_sync;
	*saver = (cache_saver){.b = b, .rc = -1};
	*saving = !b->session && pthread_create(&saver->thread, NULL, save_cache_task, saver) == 0;
	int committed = kg_outdir_commit(&s->out, diags) == 0;
	build_phase(b, "commit");
	if (*saving) {
		pthread_join(saver->thread, NULL);
		cache_save_finish(b->cache_path, committed && saver->rc == 0);
		build_phase(b, "save cache");
	}
	return committed ? 0 : -1;
}

/* The test_edit_after_measure hook (build.h). */
static void edit_for_test(build *b, const char *rel)
{
	char *path = build_kit_path(b, rel);
	FILE *f = fopen(path, "a");
	if (f) {
		fputs("# saved while the site was being built\n", f);
		fclose(f);
	}
	free(path);
}

int kg_build(const kg_build_options *options, kg_build_report *report, kg_diags *diags)
{
	/* A previous build's cache must be on disk first; the wait counts as
	 * part of this build's time (a server's user waits for it too). */
	double started_at = build_now_seconds();
	kg_build_wait(options->session);
	build *b = kg_calloc(1, sizeof(*b));
	site *s = &b->site;
	memset(report, 0, sizeof(*report));
	diags->warnings_as_errors = options->strict;
	int rc = -1, started = 0, saving = 0;
	cache_saver saver;
	if (build_open(b, options, report, diags) < 0 || kg_diags_failures(diags))
		goto out;
	/* The publish gate: a kit that fails it is built as a sample, or not at
	 * all when publishing. */
	kg_diags gate;
	kg_diags_init(&gate);
	report->publish_problems = build_publish_check(b, &gate);
	s->sample = report->publish_problems > 0;
	if (options->publish && s->sample)
		for (size_t i = 0; i < gate.count; i++)
			kg_diag_add(diags, gate.items[i].severity, gate.items[i].file, gate.items[i].line,
			            gate.items[i].col, "%s", gate.items[i].message);
	kg_diags_release(&gate);
	if (options->publish && s->sample)
		goto out;
	started = 1; /* release even a failed begin: it frees the paths */
	if (kg_outdir_begin(&s->out, s->kit.dir, s->kit.config.output_dir, diags) < 0)
		goto out;
	s->out.kill_after = options->test_kill_after_files;
	s->out.kill_in_commit = options->test_kill_in_commit;
	if (options->test_edit_after_measure)
		edit_for_test(b, options->test_edit_after_measure);
	if (build_run(b, report, diags, &saving, &saver) < 0)
		goto out;
	report->pages_written = atomic_load(&b->pages_written);
	report->pages_reused = atomic_load(&b->reused);
	report->files_written = (size_t)atomic_load(&s->out.files_written);
	report->languages = s->lang_count;
	report->search_pages = 0;
	for (size_t l = 0; l < s->lang_count; l++)
		report->search_pages += s->langs[l].published;
	report->output_path = kg_strdup(s->out.final_path);
	rc = 0;
	if (b->session)
		session_end(b->session, 1);
	if (options->finish_in_background && b->session && start_finisher(b) == 0) {
		report->seconds = build_now_seconds() - started_at;
		return 0;
	}
	if (!saving) {
		finish_build(b);
		build_phase(b, "save cache");
	}
out:
	if (rc < 0 && b->session)
		session_end(b->session, 0);
	build_release(b); /* before the lock goes: the session reads the cache back */
	if (started)
		kg_outdir_release(&s->out);
	free(b);
	report->seconds = build_now_seconds() - started_at;
	return rc;
}

int kg_status_compute(kg_status *status, const char *kit_dir, int jobs, kg_diags *diags)
{
	memset(status, 0, sizeof(*status));
	kg_build_options *options = kg_calloc(1, sizeof(*options));
	options->kit_dir = kit_dir;
	options->jobs = jobs;
	build *b = kg_calloc(1, sizeof(*b));
	site *s = &b->site;
	status->internal = b;
	status->options = options;
	int rc = build_open(b, options, NULL, diags);
	if (!s->langs)
		return -1;
	status->page_count = s->kit.page_count;
	status->lang_count = s->lang_count;
	status->langs = kg_calloc(s->lang_count, sizeof(*status->langs));
	for (size_t l = 0; l < s->lang_count; l++) {
		kg_status_lang *out = &status->langs[l];
		const lang_state *ls = &s->langs[l];
		out->lang = ls->lang;
		out->is_source = ls->is_source;
		out->total = ls->total;
		out->published = ls->published;
		out->pages = kg_calloc(s->kit.page_count, sizeof(*out->pages));
		for (size_t p = 0; p < s->kit.page_count; p++) {
			out->pages[p].source_path = s->kit.pages[p].source_path;
			out->pages[p].catalog = ls->pages[p].po_display;
			out->pages[p].coverage = ls->pages[p].coverage;
			out->pages[p].published = ls->pages[p].published;
			out->pages[p].review = ls->pages[p].review;
			out->pages[p].review_date = ls->pages[p].review_date;
			out->reviewed_pages += ls->pages[p].review == KG_REVIEW_CURRENT;
			out->review_outdated += ls->pages[p].review == KG_REVIEW_OUTDATED;
		}
	}
	return rc;
}

void kg_status_release(kg_status *status)
{
	for (size_t l = 0; l < status->lang_count; l++)
		free(status->langs[l].pages);
	free(status->langs);
	if (status->internal) {
		build_release(status->internal);
		free(status->internal);
	}
	free(status->options);
	memset(status, 0, sizeof(*status));
}

void kg_build_report_release(kg_build_report *report)
{
	free(report->output_path);
	memset(report, 0, sizeof(*report));
}
