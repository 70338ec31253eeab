/* cache.h: the incremental-build cache (private to src/build/). A
 * build_cache owns the file's text, the records read from it and this
 * build's own records (except strings lent to cache_new_page_borrowed),
 * all freed by cache_free().
 *
 * Beside the output folder, ".<out>.kitgen-cache" records, from the last
 * successful build: a content hash per source file (trusted while the
 * file's size, mtime and inode are unchanged), and per page and language
 * what phase 1 measured (coverage, titles, warnings) and the
 * keys of the inputs each output was made from. A build reuses a result
 * only when its key is equal, so the cache is a speed-up only: a missing,
 * stale or corrupt cache gives the same output as a clean build.
 */
#ifndef KITGEN_BUILD_CACHE_H
#define KITGEN_BUILD_CACHE_H

#include "kitgen/base/diag.h"
#include "kitgen/i18n/localize.h"

#include <pthread.h>
#include <stdint.h>

typedef struct cache_page {
	uint64_t key;     /* inputs of phase 1 for this page and language */
	uint64_t out_key; /* inputs of its HTML output (key + navigation) */
	kg_coverage coverage;
	int published, title_fallback, summary_fallback;
	char *title, *summary; /* owned */
	size_t bytes;          /* for records of whole files (search chunks): their size */
	char *warnings;        /* owned: "file\x1fline\x1fcol\x1fmessage\x1e..." */
} cache_page;

typedef struct build_cache build_cache;

/* Reads the cache at path; a missing or unreadable one is empty. Never
 * NULL; caller frees with cache_free(). */
build_cache *cache_load(const char *path, const char *version);
void cache_free(build_cache *c);

/* The content hash of bytes as cache_file_hash gives it for a file that
 * holds them (never 0: 0 means missing). */
uint64_t cache_content_hash(const char *data, size_t len);

/* The content hash of a file (0 when it does not exist), reading it only
 * when its size, mtime or inode changed since the last build. Thread-safe. */
uint64_t cache_file_hash(build_cache *c, const char *path);

/* The same for a file the caller knows is unchanged since the last build
 * (a watcher saw no event): the old record's hash, without a stat. */
uint64_t cache_file_hash_unchanged(build_cache *c, const char *path);

/* The previous build's record, or NULL. Borrowed from c; valid until
 * cache_free(). */
const cache_page *cache_old_page(const build_cache *c, const char *lang, const char *rel);
/* The same, looking first at position guess of the sorted records (by
 * language, then path): a kit whose pages did not change finds page p at
 * its language's start (cache_old_lang_start), plus p, plus the number of
 * records that are not pages unless the page is the home page (""). The
 * start's *specials gets that number. Borrowed likewise. */
size_t cache_old_lang_start(const build_cache *c, const char *lang, size_t *specials);
const cache_page *cache_old_page_at(const build_cache *c, const char *lang, const char *rel, size_t guess);
/* Records this build's result (copied). Thread-safe. */
void cache_new_page(build_cache *c, const char *lang, const char *rel, const cache_page *page);
/* The same without copying: lang, rel and the page's strings must outlive
 * the cache_save (and may point into the old records). */
void cache_new_page_borrowed(build_cache *c, const char *lang, const char *rel, const cache_page *page);

/* Encodes / replays the warnings of a page. */
void cache_encode_warnings(const kg_diags *d, kg_buf *out);
void cache_replay_warnings(const char *encoded, kg_diags *d);

/* Writes this build's records (atomically). */
int cache_save(build_cache *c, const char *path);
/* The same in two steps: write "<path>.tmp" (returns 0 or -1), then put it
 * in place or remove it (keep 0: the build it describes failed). */
int cache_save_begin(build_cache *c, const char *path);
void cache_save_finish(const char *path, int keep);

#endif
