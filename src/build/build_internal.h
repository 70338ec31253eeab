/* build_internal.h: one build's state (private to src/build/). A `build`
 * is the site the renderers see (render/site.h) plus what only the driver
 * needs: the options, the incremental cache, the serve session, the
 * per-page units and file hashes, and the report's phase times. It owns
 * all of it but the options, the session and the report (borrowed), and
 * build_release() frees it.
 *
 * The files of this folder, in pipeline order: load.c (kit, templates, UI
 * catalogs, cache), measure.c (phase 1: catalogs and coverage), nav_keys.c
 * (what each page shows of the others), render_pages.c (phase 2), build.c
 * (the driver, commit and background finish), cache.c, session.c.
 */
#ifndef KITGEN_BUILD_INTERNAL_H
#define KITGEN_BUILD_INTERNAL_H

#include "build/cache.h"
#include "kitgen/base/array.h"
#include "kitgen/build/build.h"
#include "kitgen/i18n/segment.h"
#include "kitgen/theme/theme.h"
#include "render/site.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/stat.h>

/* session.c: see there for when its records are trusted. */
struct kg_build_session {
	int watching;              /* a watcher runs (kg_build_session_watching) */
	int build_watched;         /* ... and did when the current build started */
	int valid;                 /* the last build succeeded and was watched */
	KG_ARRAY(char *) changed;  /* owned, normalized: paths changed since the last build */
	int changed_unknown;       /* a change whose path is unknown */
	struct build_cache *cache; /* owned: the last build's cache, read back from disk */
	struct stat cache_stat;    /* the file it was read from */
	kg_kit kit;                /* owned: the last build's kit (empty when none) */
	kg_date_formatter *dates;  /* owned: dates formatted so far, kept across builds */
	/* The background finisher of the last build (kitgen serve), if any. */
	pthread_t finisher;
	int finisher_running;
};

/* Starts a build; 1 when files the watcher did not report may be trusted. */
int session_begin(kg_build_session *session);
/* The last build's cache if the file at cache_path is still the one it was
 * read from, else NULL. The caller takes it (frees it with cache_free()). */
struct build_cache *session_take_cache(kg_build_session *session, const char *cache_path);
/* 1 when the watcher did not report path (or a folder above it). */
int session_unchanged(const kg_build_session *session, const char *path);
/* Ends a build: ok when its output was committed. */
void session_end(kg_build_session *session, int ok);
/* After a successful build wrote its cache: takes the kit and reads the
 * cache back for the next build. */
void session_keep(kg_build_session *session, kg_kit *kit, const char *cache_path);

typedef struct build {
	site site;             /* what the renderers see */
	kg_theme theme;        /* the built-in theme and the kit's overrides (templates, assets) */
	kg_tpl_schema *schema; /* owned: the names templates may use (render/context_schema.c) */
	const kg_build_options *options;
	kg_page_units *units; /* one per kit page, computed when first needed */
	pthread_mutex_t *units_locks;
	int *units_ready;
	uint64_t *page_hashes;        /* content hash of each page's file */
	build_cache *cache;           /* never NULL once loaded (empty for a clean build) */
	kg_build_session *session;    /* borrowed; NULL outside kitgen serve */
	int trusted;                  /* the session vouches for files it did not see change */
	int keep_for_session;         /* the build succeeded: build_release hands the kit over */
	kg_date_formatter *own_dates; /* owned when there is no session (else the session's) */
	char *cache_path;
	atomic_size_t reused;    /* outputs taken from the previous build */
	kg_build_report *report; /* kg_build's, for phase times; NULL for status */
	double phase_started;
	atomic_size_t pages_written;
} build;

/* ---- load.c ---- */
/* Loads the kit, its templates, every UI catalog and the cache, then runs
 * phase 1 (measure.c) and the navigation keys. Returns 0, or -1 with
 * diagnostics; release with build_release either way. */
int build_open(build *b, const kg_build_options *options, kg_build_report *report, kg_diags *diags);
void build_release(build *b);
/* <kit dir>/<rel>; caller frees with free(). */
char *build_kit_path(const build *b, const char *rel);
/* The content hash of a source file, through the cache (and the session). */
uint64_t build_file_hash(build *b, const char *path);
/* A monotonic clock, in seconds. */
double build_now_seconds(void);
/* Ends the current phase of the build (for --timings) and starts the next. */
void build_phase(build *b, const char *name);

/* ---- measure.c: phase 1 ---- */
/* The units of page_index (computed on first use; thread-safe). Borrowed
 * from the build; valid until build_release(). */
const kg_page_units *build_page_units(build *b, size_t page_index);
/* Reads every (page, language) catalog and measures coverage. */
void build_measure(build *b, int jobs);
/* The output key of page_index in a language (ps): what phase 1 read,
 * what the page shows of the others, and its review. */
uint64_t build_page_out_key(const site *s, const page_state *ps, size_t page_index);

/* ---- publish.c ---- */
/* Adds every problem that keeps the kit from being published (errors) and
 * the drafts (notes) to d; returns the number of problems. */
size_t build_publish_check(const build *b, kg_diags *d);

/* ---- nav_keys.c ---- */
/* Sections, the previous/next order, and each page's navigation key. */
void build_nav_keys(build *b);

/* ---- render_pages.c: phase 2 ---- */
/* Renders (or keeps) every published page of every language. */
void build_render_pages(build *b, int jobs);
/* The chooser, indexes without content, search and 404 pages. */
int build_render_site_pages(build *b);
int build_copy_static_files(build *b);

#endif
