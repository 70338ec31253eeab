/* site_internal.h: the state of one build, shared by the render modules
 * (site.c runs the phases, context.c builds template values, sitemap.c
 * and status.c write the site-wide files). Not part of the public API. */
#ifndef KITGEN_SITE_INTERNAL_H
#define KITGEN_SITE_INTERNAL_H

#include "kitgen/build/build.h"
#include "kitgen/catalog/catalog.h"
#include "kitgen/kit/kit.h"
#include "kitgen/i18n/localize.h"
#include "kitgen/output/outdir.h"
#include "kitgen/catalog/plural.h"
#include "kitgen/template/template.h"
#include "kitgen/template/value.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/stat.h>

struct build_cache;

#define SITE_MAX_AUDIENCES 16

/* session.c: see there for when its records are trusted. */
struct kg_build_session {
	int watching;        /* a watcher runs (kg_build_session_watching) */
	int build_watched;   /* ... and did when the current build started */
	int valid;           /* the last build succeeded and was watched */
	char **changed;      /* owned, normalized: paths changed since the last build */
	size_t changed_count;
	int changed_unknown; /* a change whose path is unknown */
	struct build_cache *cache; /* owned: the last build's cache, read back from disk */
	struct stat cache_stat;    /* the file it was read from */
	kg_kit kit;          /* owned: the last build's kit (empty when none) */
};

/* Starts a build; 1 when files the watcher did not report may be trusted. */
int session_begin(kg_build_session *session);
/* The last build's cache (the caller owns it) if the file at cache_path is
 * still the one it was read from, else NULL. */
struct build_cache *session_take_cache(kg_build_session *session, const char *cache_path);
/* 1 when the watcher did not report path (or a folder above it). */
int session_unchanged(const kg_build_session *session, const char *path);
/* Ends a build: ok when its output was committed. */
void session_end(kg_build_session *session, int ok);
/* After a successful build wrote its cache: takes the kit and reads the
 * cache back for the next build. */
void session_keep(kg_build_session *session, kg_kit *kit, const char *cache_path);

/* One page in one language, as phase 1 found it. */
typedef struct page_state {
	kg_catalog *po;     /* owned; NULL when the language has no catalog for the page */
	char *po_display;   /* owned */
	kg_coverage coverage;
	char *title;        /* owned unless borrowed; localized or source */
	char *summary;      /* owned unless borrowed; may be NULL */
	int title_fallback;
	int summary_fallback;
	int published;
	int borrowed;       /* title, summary and warnings point into the cache (not owned) */
	char *search_words; /* owned; folded words of the localized page, for the search index */
	uint64_t key;       /* inputs of phase 1 (incremental builds) */
	int cached;         /* phase 1 came from the cache */
	char *warnings;     /* owned unless borrowed; encoded phase-1 warnings, for the cache */
	unsigned char *verdicts; /* owned; phase 1's decision per unit, so phase 2 checks nothing again */
} page_state;

typedef struct lang_state {
	const kg_language *lang;
	int is_source;
	kg_catalog *ui;     /* owned; ui.po, or NULL */
	kg_plural *plural;  /* owned; from ui.po's header, else CLDR, else NULL */
	page_state *pages;  /* one per kit page */
	kg_coverage total;
	size_t published;
	size_t cache_start, cache_specials; /* the language's records in the cache */
	kg_val *audience_items[SITE_MAX_AUDIENCES]; /* owned: {key, label} per kg_audiences entry */
} lang_state;

typedef struct site {
	const kg_build_options *options;
	kg_kit kit;
	kg_templates *templates;
	kg_page_units *units; /* one per kit page, computed when first needed */
	pthread_mutex_t *units_locks;
	int *units_ready;
	uint64_t *page_hashes; /* content hash of each page's file */
	struct build_cache *cache; /* NULL for a clean build */
	kg_build_session *session; /* borrowed; NULL outside kitgen serve */
	int trusted;          /* the session vouches for files it did not see change */
	int keep_for_session; /* the build succeeded: site_release hands the kit over */
	char *cache_path;
	uint64_t global_key;  /* kit.yaml, templates, ui catalogs, static file list, kitgen version */
	uint64_t *page_nav;   /* per page: what it shows about other pages (site.c) */
	const char **sections; /* owned array (names borrowed from pages): sorted, unique */
	size_t section_count;
	size_t *neighbour_order; /* pages that are not section pages, in previous/next order */
	size_t neighbour_count;
	size_t *neighbour_pos;   /* per page: its place in neighbour_order, or SIZE_MAX */
	atomic_size_t reused; /* outputs taken from the previous build */
	lang_state *langs;
	size_t lang_count;
	const kg_language *source;
	kg_outdir out;
	kg_diags *diags;
	kg_build_report *report; /* kg_build's, for phase times; NULL for status */
	double phase_started;
	atomic_size_t pages_written;
	atomic_int failed;
	size_t search_bytes; /* size of every search index written */
} site;

/* site.c */
/* Index of section in s->sections, or SIZE_MAX. */
size_t site_section_index(const site *s, const char *section);

/* Localizes the page again and collects its search words: for a page
 * whose output was reused but whose previous index entry is missing. */
void site_page_search_words(site *s, lang_state *ls, size_t page_index);
/* Ends the current phase of the build (for --timings) and starts the next. */
void site_phase(site *s, const char *name);

/* context.c */
const kg_translator *site_translator(lang_state *ls, kg_translator *tr);
kg_val *site_context(site *s, lang_state *ls, const char *rel_path, const char *root);
kg_val *site_page_context(site *s, lang_state *ls, size_t page_index, const kg_localized *loc,
                          const char *content_html, kg_val *toc);
kg_val *site_index_context(site *s, lang_state *ls, size_t page_index, const char *rel_path);
/* Values every page of a language shares (audience labels); made once the
 * UI catalog is loaded, read-only while pages render. */
void site_lang_values_init(lang_state *ls);
void site_lang_values_release(lang_state *ls);
/* A UI string in language ls (source text when untranslated). Borrowed. */
const char *site_ui(lang_state *ls, const char *msgctxt, const char *msgid);

/* handouts.c */
/* Appends pattern with the first `name` ("{date}") replaced by value. */
void site_fill_param(kg_buf *out, const char *pattern, const char *name, const char *value);
/* A download's size as its page shows it ("12 KB", "1.4 MB"). Caller owns
 * the string value. */
kg_val *site_size_value(size_t bytes);
/* The names of the files beside a page's index.html, each NUL-terminated. */
void site_page_file_names(const site *s, const lang_state *ls, size_t page_index, kg_buf *names);
/* Writes them (PDF handouts, text exports) and lists them for the template. */
int site_write_page_files(site *s, lang_state *ls, size_t page_index, const kg_localized *loc,
                          kg_val *downloads);

/* The same list, from the files in the staging folder (for the downloads page). */
kg_val *site_page_downloads(const site *s, lang_state *ls, size_t page_index);

/* Hard-links rel from the previous output into the new one; 0 when it could not. */
int site_reuse_file(site *s, const char *rel);

/* bundles.c */
/* One zip per language (downloads/<kit>-<lang>.zip) and its downloads page. */
int site_write_downloads(site *s);

/* search.c */
void site_collect_search_words(site *s, lang_state *ls, size_t page_index, cmark_node *doc);
int site_write_search_indexes(site *s, size_t *total_bytes);

/* sitemap.c */
int site_write_sitemap(site *s);
/* status.c */
int site_write_status(site *s);

/* The relative URL of page rel in lang as seen from from_rel ("" = lang index). */
void site_url(const char *from_rel, const char *lang, const char *rel, kg_buf *out);

#endif
