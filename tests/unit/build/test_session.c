/* test_session.c: what a serve session trusts between builds. A build may
 * skip a file only when a watcher ran through the whole last build, that
 * build succeeded, no change was lost, and the watcher did not report the
 * file or a folder above it. */
#include "build/build_internal.h"

#include "kitgen/base/buf.h"
#include "kitgen_version.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

/* One build of a session: begins, and ends ok or not. */
static int build_once(kg_build_session *s, int ok)
{
	int trusted = session_begin(s);
	session_end(s, ok);
	return trusted;
}

static void nothing_is_trusted_without_a_watcher(void **state)
{
	(void)state;
	kg_build_session *s = kg_build_session_new();
	assert_false(build_once(s, 1));
	assert_false(build_once(s, 1));
	kg_build_session_free(s);
}

static void trust_starts_after_a_watched_build_succeeded(void **state)
{
	(void)state;
	kg_build_session *s = kg_build_session_new();
	kg_build_session_watching(s);
	assert_false(build_once(s, 1)); /* the watcher started with this build */
	assert_true(build_once(s, 1));
	assert_true(build_once(s, 1));
	kg_build_session_free(s);
}

static void a_failed_build_ends_trust_until_the_next_success(void **state)
{
	(void)state;
	kg_build_session *s = kg_build_session_new();
	kg_build_session_watching(s);
	build_once(s, 1);
	assert_true(build_once(s, 0));  /* began trusted, but failed */
	assert_false(build_once(s, 1)); /* so this one checks everything */
	assert_true(build_once(s, 1));
	kg_build_session_free(s);
}

static void a_lost_change_ends_trust_for_one_build(void **state)
{
	(void)state;
	kg_build_session *s = kg_build_session_new();
	kg_build_session_watching(s);
	build_once(s, 1);
	kg_build_session_changed(s, NULL); /* queue overflow: unknown change */
	assert_false(build_once(s, 1));
	assert_true(build_once(s, 1));
	/* more than 4,096 changes count as unknown too */
	for (int i = 0; i < 5000; i++) {
		char p[64];
		snprintf(p, sizeof(p), "kit/content/p%d.md", i);
		kg_build_session_changed(s, p);
	}
	assert_false(build_once(s, 1));
	kg_build_session_free(s);
}

static void reported_paths_and_folders_are_not_unchanged(void **state)
{
	(void)state;
	kg_build_session *s = kg_build_session_new();
	kg_build_session_watching(s);
	build_once(s, 1);
	kg_build_session_changed(s, "kit//content/./a.md");
	kg_build_session_changed(s, "kit/locales/vi");
	assert_true(session_begin(s));
	assert_false(session_unchanged(s, "kit/content/a.md"));     /* the same path, normalized */
	assert_true(session_unchanged(s, "kit/content/ab.md"));     /* a prefix is not a folder */
	assert_false(session_unchanged(s, "kit/locales/vi/ui.po")); /* inside a reported folder */
	assert_true(session_unchanged(s, "kit/locales/vietnamese/ui.po"));
	assert_true(session_unchanged(s, "kit/content/b.md"));
	session_end(s, 1);
	/* the next build starts with no changes */
	assert_true(session_begin(s));
	assert_true(session_unchanged(s, "kit/content/a.md"));
	session_end(s, 1);
	kg_build_session_free(s);
}

static void a_cache_rewritten_by_another_build_is_not_taken(void **state)
{
	(void)state;
	char dir[] = "/tmp/kitgen-test-session.XXXXXX";
	assert_non_null(mkdtemp(dir));
	kg_buf path = KG_BUF_INIT;
	kg_buf_printf(&path, "%s/.out.kitgen-cache", dir);
	build_cache *c = cache_load(path.data, KITGEN_VERSION);
	cache_page page = {.key = 1, .title = "T"};
	cache_new_page(c, "en", "p", &page);
	assert_int_equal(cache_save(c, path.data), 0);
	cache_free(c);
	kg_build_session *s = kg_build_session_new();
	kg_kit kit = {0};
	session_keep(s, &kit, path.data); /* reads the cache back */
	build_cache *taken = session_take_cache(s, path.data);
	assert_non_null(taken); /* still the file it read */
	cache_free(taken);
	session_keep(s, &kit, path.data);
	/* another kitgen writes the cache meanwhile */
	sleep(1); /* a different mtime even on coarse file systems */
	c = cache_load(path.data, KITGEN_VERSION);
	cache_new_page(c, "en", "q", &page);
	assert_int_equal(cache_save(c, path.data), 0);
	cache_free(c);
	assert_null(session_take_cache(s, path.data));
	kg_build_session_free(s);
	unlink(path.data);
	rmdir(dir);
	kg_buf_release(&path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(nothing_is_trusted_without_a_watcher),
	    cmocka_unit_test(trust_starts_after_a_watched_build_succeeded),
	    cmocka_unit_test(a_failed_build_ends_trust_until_the_next_success),
	    cmocka_unit_test(a_lost_change_ends_trust_for_one_build),
	    cmocka_unit_test(reported_paths_and_folders_are_not_unchanged),
	    cmocka_unit_test(a_cache_rewritten_by_another_build_is_not_taken),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
