/* test_cache.c: the incremental-build cache — file hashes that notice
 * change, records that survive a save and load, and a damaged or foreign
 * cache that reads as empty (the cache is only ever a speed-up). */
#include "build/cache.h"

#include "kitgen/base/buf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

static char dir[] = "/tmp/kitgen-test-cache.XXXXXX";

static char *path_in(const char *name)
{
	kg_buf b = KG_BUF_INIT;
	kg_buf_printf(&b, "%s/%s", dir, name);
	return kg_buf_detach(&b, NULL);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Moves a file's mtime into the past, as if written long ago (a cache
 * does not vouch for files changed in the last two seconds). */
static void age(const char *path, int seconds)
{
	struct timespec times[2];
	clock_gettime(CLOCK_REALTIME, &times[0]);
	times[0].tv_sec -= seconds;
	times[1] = times[0];
	assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
}

static void a_missing_cache_is_empty_and_missing_files_hash_to_zero(void **state)
{
	(void)state;
	char *p = path_in("no-such-cache");
	build_cache *c = cache_load(p, "1.0");
	assert_non_null(c);
	assert_null(cache_old_page(c, "vi", "a"));
	char *missing = path_in("missing.md");
	assert_int_equal(cache_file_hash(c, missing), 0);
	cache_free(c);
	free(missing);
	free(p);
}

static void a_file_hash_follows_the_content(void **state)
{
	(void)state;
	char *f = path_in("page.md"), *cp = path_in("cache");
	write_file(f, "first text");
	age(f, 100);
	build_cache *c = cache_load(cp, "1.0");
	uint64_t h1 = cache_file_hash(c, f);
	assert_int_not_equal(h1, 0);
	assert_int_equal(cache_save(c, cp), 0);
	cache_free(c);
	/* unchanged file: the saved hash is trusted and equal */
	c = cache_load(cp, "1.0");
	assert_int_equal(cache_file_hash(c, f), h1);
	cache_free(c);
	/* changed content (and size): a new hash */
	write_file(f, "second, longer text");
	age(f, 50);
	c = cache_load(cp, "1.0");
	uint64_t h2 = cache_file_hash(c, f);
	assert_int_not_equal(h2, h1);
	assert_int_not_equal(h2, 0);
	cache_free(c);
	free(f);
	free(cp);
}

static void records_survive_a_save_and_load(void **state)
{
	(void)state;
	char *cp = path_in("records");
	build_cache *c = cache_load(cp, "1.0");
	cache_page page = {.key = 42, .out_key = 43, .published = 1, .title = "Tiêu đề", .summary = NULL};
	page.coverage.units = 7;
	page.coverage.translated = 5;
	cache_new_page(c, "vi", "education/five", &page);
	cache_page part = {.key = 9, .out_key = 10, .bytes = 1234};
	cache_new_page(c, "vi", "\x01search/0", &part);
	assert_int_equal(cache_save(c, cp), 0);
	cache_free(c);
	c = cache_load(cp, "1.0");
	const cache_page *old = cache_old_page(c, "vi", "education/five");
	assert_non_null(old);
	assert_int_equal(old->key, 42);
	assert_int_equal(old->out_key, 43);
	assert_int_equal(old->published, 1);
	assert_string_equal(old->title, "Tiêu đề");
	assert_null(old->summary);
	assert_int_equal(old->coverage.units, 7);
	assert_int_equal(old->coverage.translated, 5);
	old = cache_old_page(c, "vi", "\x01search/0");
	assert_non_null(old);
	assert_int_equal(old->bytes, 1234);
	assert_null(cache_old_page(c, "ko", "education/five"));
	cache_free(c);
	/* another kitgen version's cache is not read */
	c = cache_load(cp, "2.0");
	assert_null(cache_old_page(c, "vi", "education/five"));
	cache_free(c);
	free(cp);
}

static void a_damaged_cache_reads_as_empty(void **state)
{
	(void)state;
	char *cp = path_in("damaged");
	build_cache *c = cache_load(cp, "1.0");
	cache_page page = {.key = 1, .out_key = 2, .title = "T"};
	cache_new_page(c, "en", "p", &page);
	assert_int_equal(cache_save(c, cp), 0);
	cache_free(c);
	kg_buf data = KG_BUF_INIT;
	assert_int_equal(kg_buf_read_file(&data, cp), 0);
	/* truncate it at every length, and flip bytes: never a crash or a record */
	for (size_t cut = 0; cut < data.len; cut += 1 + data.len / 64) {
		FILE *f = fopen(cp, "wb");
		fwrite(data.data, 1, cut, f);
		fclose(f);
		c = cache_load(cp, "1.0");
		const cache_page *old = cache_old_page(c, "en", "p");
		if (old) /* a record read from a cut file must be the whole record */
			assert_string_equal(old->title, "T");
		cache_free(c);
	}
	for (size_t i = 0; i < data.len; i += 3) {
		data.data[i] ^= 0x5a;
		FILE *f = fopen(cp, "wb");
		fwrite(data.data, 1, data.len, f);
		fclose(f);
		c = cache_load(cp, "1.0");
		cache_old_page(c, "en", "p");
		cache_free(c);
		data.data[i] ^= 0x5a;
	}
	kg_buf_release(&data);
	free(cp);
}

static void warnings_round_trip(void **state)
{
	(void)state;
	kg_diags d, back;
	kg_diags_init(&d);
	kg_diags_init(&back);
	kg_warning(&d, "locales/vi/a.po", 12, 3, "translation refused: adds the number '912'");
	kg_warning(&d, "locales/vi/a.po", 20, 1, "tab\there");
	kg_buf enc = KG_BUF_INIT;
	cache_encode_warnings(&d, &enc);
	cache_replay_warnings(enc.data, &back);
	assert_int_equal(back.count, 2);
	assert_int_equal(back.warnings, 2);
	assert_string_equal(back.items[0].file, "locales/vi/a.po");
	assert_int_equal(back.items[0].line, 12);
	assert_int_equal(back.items[0].col, 3);
	assert_string_equal(back.items[0].message, "translation refused: adds the number '912'");
	assert_string_equal(back.items[1].message, "tab\there");
	kg_buf_release(&enc);
	kg_diags_release(&d);
	kg_diags_release(&back);
}

static void a_cache_written_for_a_failed_commit_is_not_kept(void **state)
{
	(void)state;
	char *cp = path_in("two-step");
	unlink(cp);
	build_cache *c = cache_load(cp, "1.0");
	cache_page page = {.key = 5};
	cache_new_page(c, "en", "p", &page);
	assert_int_equal(cache_save_begin(c, cp), 0);
	cache_save_finish(cp, 0);
	assert_int_not_equal(access(cp, F_OK), 0);
	assert_int_equal(cache_save_begin(c, cp), 0);
	cache_save_finish(cp, 1);
	assert_int_equal(access(cp, F_OK), 0);
	cache_free(c);
	free(cp);
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	kg_buf cmd = KG_BUF_INIT;
	kg_buf_printf(&cmd, "rm -rf '%s'", dir);
	int rc = system(cmd.data);
	kg_buf_release(&cmd);
	return rc == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(a_missing_cache_is_empty_and_missing_files_hash_to_zero),
	    cmocka_unit_test(a_file_hash_follows_the_content),
	    cmocka_unit_test(records_survive_a_save_and_load),
	    cmocka_unit_test(a_damaged_cache_reads_as_empty),
	    cmocka_unit_test(warnings_round_trip),
	    cmocka_unit_test(a_cache_written_for_a_failed_commit_is_not_kept),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
