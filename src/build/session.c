/* session.c: what kitgen serve keeps between builds (kg_build_session,
 * see build.h). Owns the last build's cache as read back from disk, its
 * parsed pages, and the paths a watcher reported changed since.
 *
 * The trust rule: a build may take a file's hash or parsed page from the
 * last build without looking at the file only when (1) a watcher was
 * already running when the last build started, so every change after
 * that build read the file raised an event, (2) no event was lost since,
 * (3) kit.yaml was not reported (it says how pages are read), and (4) the
 * watcher did not report the file. Hashes are taken from the cache only
 * if it is still the one the last build wrote (no other kitgen ran in
 * between: its records describe out/). Otherwise the build checks every
 * file's size, mtime and inode, as a build in a new process does. */
#include "build/build_internal.h"

#include "build/cache.h"
#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"

#include "kitgen_version.h"

#include <stdlib.h>
#include <string.h>

kg_build_session *kg_build_session_new(void) { return kg_calloc(1, sizeof(kg_build_session)); }

static void forget_changes(kg_build_session *session)
{
	for (size_t i = 0; i < session->changed.count; i++)
		free(session->changed.items[i]);
	kg_array_release(&session->changed);
	session->changed_unknown = 0;
}

void kg_build_session_free(kg_build_session *session)
{
	if (!session)
		return;
	forget_changes(session);
	cache_free(session->cache);
	kg_kit_free(&session->kit);
	kg_date_formatter_free(session->dates);
	free(session);
}

void kg_build_session_watching(kg_build_session *session) { session->watching = 1; }

/* "a//b/./c" -> "a/b/c", so that the watcher's paths and the build's
 * compare equal however the kit folder was written. Caller frees. */
static char *normalize(const char *path)
{
	char *out = kg_malloc(strlen(path) + 1), *w = out;
	for (const char *p = path; *p;) {
		if (p[0] == '/' && w > out && w[-1] == '/') {
			p++;
		} else if (p[0] == '.' && p[1] == '/' && (p == path || p[-1] == '/')) {
			p += 2;
		} else {
			*w++ = *p++;
		}
	}
	*w = '\0';
	return out;
}

void kg_build_session_changed(kg_build_session *session, const char *path)
{
	if (!path || session->changed.count >= 4096) {
		session->changed_unknown = 1;
		return;
	}
	kg_array_push(&session->changed, normalize(path));
}

int session_unchanged(const kg_build_session *session, const char *path)
{
	char *p = normalize(path);
	int unchanged = 1;
	for (size_t i = 0; unchanged && i < session->changed.count; i++) {
		const char *c = session->changed.items[i];
		size_t n = strlen(c);
		/* the file itself, or a folder above it */
		unchanged = !(!strncmp(p, c, n) && (p[n] == '\0' || p[n] == '/'));
	}
	free(p);
	return unchanged;
}

static int same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

int session_begin(kg_build_session *session)
{
	session->build_watched = session->watching;
	return session->valid && !session->changed_unknown;
}

build_cache *session_take_cache(kg_build_session *session, const char *cache_path)
{
	build_cache *c = session->cache;
	session->cache = NULL;
	struct stat st;
	if (c && stat(cache_path, &st) == 0 && same_file(&st, &session->cache_stat))
		return c;
	cache_free(c); /* another kitgen wrote it since: it describes out/ now */
	return NULL;
}

void session_end(kg_build_session *session, int ok)
{
	/* The changes were all seen by this build; after a failure, the next
	 * one checks every file (it has no trusted records to start from). */
	session->valid = ok && session->build_watched;
	forget_changes(session);
}

void session_keep(kg_build_session *session, kg_kit *kit, const char *cache_path)
{
	kg_kit_free(&session->kit);
	session->kit = *kit;
	memset(kit, 0, sizeof(*kit));
	cache_free(session->cache);
	struct stat before, after;
	session->cache = NULL;
	if (stat(cache_path, &before) < 0)
		return;
	build_cache *c = cache_load(cache_path, KITGEN_VERSION);
	if (stat(cache_path, &after) == 0 && same_file(&before, &after)) {
		session->cache = c;
		session->cache_stat = after;
	} else {
		cache_free(c);
	}
}
