/* test_outdir.c: the atomic output folder — the swap replaces the old tree
 * at once, an abandoned build leaves it alone, writes cannot leave the
 * staging folder, the lock keeps two builds apart, and a killed build's
 * leftovers are cleaned up by the next one. */
#include "kitgen/output/outdir.h"

#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

/* ---- Helpers ----------------------------------------------------------- */

typedef struct fixture {
	char kit[64];
	kg_diags diags;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	snprintf(f->kit, sizeof(f->kit), "/tmp/kitgen-test-outdir-XXXXXX");
	if (!mkdtemp(f->kit))
		return -1;
	kg_diags_init(&f->diags);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	kg_remove_tree(f->kit);
	kg_diags_release(&f->diags);
	free(f);
	return 0;
}

static char *kit_path(const fixture *f, const char *rel)
{
	static char path[4][256]; /* a few at once in one assertion */
	static int next;
	char *p = path[next++ % 4];
	snprintf(p, sizeof(path[0]), "%s/%s", f->kit, rel);
	return p;
}

static int exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

/* The content of a small file, or "" when it cannot be read. */
static const char *slurp(const char *path)
{
	static char data[256];
	data[0] = '\0';
	FILE *in = fopen(path, "rb");
	if (!in)
		return data;
	size_t n = fread(data, 1, sizeof(data) - 1, in);
	data[n] = '\0';
	fclose(in);
	return data;
}

static void write_text(kg_outdir *od, const char *rel, const char *text, kg_diags *d)
{
	assert_int_equal(kg_outdir_write(od, rel, text, strlen(text), d), 0);
}

/* Builds an output folder holding old.html and en/index.html. */
static void make_previous_output(fixture *f)
{
	kg_outdir od;
	assert_int_equal(kg_outdir_begin(&od, f->kit, "out", &f->diags), 0);
	od.no_sync = 1;
	write_text(&od, "old.html", "old", &f->diags);
	write_text(&od, "en/index.html", "old en", &f->diags);
	assert_int_equal(kg_outdir_commit(&od, &f->diags), 0);
	kg_outdir_release(&od);
	assert_string_equal(slurp(kit_path(f, "out/old.html")), "old");
}

/* ---- Tests ------------------------------------------------------------- */

static void first_commit_creates_the_output_folder(void **state)
{
	fixture *f = *state;
	kg_outdir od;
	assert_int_equal(kg_outdir_begin(&od, f->kit, "out", &f->diags), 0);
	assert_true(exists(kit_path(f, ".out.kitgen-new")));
	assert_false(exists(kit_path(f, "out")));
	write_text(&od, "en/guide/first/index.html", "<p>hi</p>", &f->diags);
	assert_int_equal(od.files_written, 1);
	assert_int_equal(kg_outdir_commit(&od, &f->diags), 0);
	kg_outdir_release(&od);
	assert_string_equal(slurp(kit_path(f, "out/en/guide/first/index.html")), "<p>hi</p>");
	assert_false(exists(kit_path(f, ".out.kitgen-new")));
	assert_false(exists(kit_path(f, ".out.kitgen-old")));
	assert_int_equal(f->diags.count, 0);
}

static void commit_replaces_the_old_folder_entirely(void **state)
{
	fixture *f = *state;
	make_previous_output(f);
	kg_outdir od;
	assert_int_equal(kg_outdir_begin(&od, f->kit, "out", &f->diags), 0);
	write_text(&od, "new.html", "new", &f->diags);
	write_text(&od, "en/index.html", "new en", &f->diags);
	/* Until the commit, the old tree is what readers see. */
	assert_string_equal(slurp(kit_path(f, "out/en/index.html")), "old en");
	assert_false(exists(kit_path(f, "out/new.html")));
	assert_int_equal(kg_outdir_commit(&od, &f->diags), 0);
	kg_outdir_release(&od);
	assert_false(exists(kit_path(f, "out/old.html")));
	assert_string_equal(slurp(kit_path(f, "out/new.html")), "new");
	assert_string_equal(slurp(kit_path(f, "out/en/index.html")), "new en");
	assert_false(exists(kit_path(f, ".out.kitgen-new")));
	assert_false(exists(kit_path(f, ".out.kitgen-old")));
}

static void release_without_commit_keeps_the_old_folder(void **state)
{
	fixture *f = *state;
	make_previous_output(f);
	kg_outdir od;
	assert_int_equal(kg_outdir_begin(&od, f->kit, "out", &f->diags), 0);
	write_text(&od, "old.html", "half-built", &f->diags);
	write_text(&od, "partial.html", "partial", &f->diags);
	kg_outdir_release(&od); /* the build failed */
	assert_string_equal(slurp(kit_path(f, "out/old.html")), "old");
	assert_string_equal(slurp(kit_path(f, "out/en/index.html")), "old en");
	assert_false(exists(kit_path(f, "out/partial.html")));
	assert_false(exists(kit_path(f, ".out.kitgen-new")));
}

static void writes_cannot_leave_the_staging_folder(void **state)
{
	fixture *f = *state;
	kg_outdir od;
	assert_int_equal(kg_outdir_begin(&od, f->kit, "out", &f->diags), 0);
	const char *bad[] = {"../x", "/abs", "a/../b", "", "..", ".", "./a", "a//b", "a/.."};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		size_t before = f->diags.errors;
		assert_int_equal(kg_outdir_write(&od, bad[i], "x", 1, &f->diags), -1);
		assert_int_equal(f->diags.errors, before + 1);
		assert_string_equal(f->diags.items[f->diags.count - 1].message,
		                    "refusing to write outside the output folder");
	}
	assert_int_equal(od.files_written, 0);
	assert_false(exists(kit_path(f, "x")));
	assert_false(exists("/abs"));
	assert_false(exists(kit_path(f, ".out.kitgen-new/b")));
	/* Dots inside names are fine. */
	assert_int_equal(kg_outdir_write(&od, "a..b/.well-known/c.txt", "ok", 2, &f->diags), 0);
	assert_string_equal(slurp(kit_path(f, ".out.kitgen-new/a..b/.well-known/c.txt")), "ok");
	kg_outdir_release(&od);
}

static void second_begin_on_the_same_kit_is_locked_out(void **state)
{
	fixture *f = *state;
	kg_outdir first, second;
	assert_int_equal(kg_outdir_begin(&first, f->kit, "out", &f->diags), 0);
	write_text(&first, "a.html", "a", &f->diags);
	assert_int_equal(kg_outdir_begin(&second, f->kit, "out", &f->diags), -1);
	assert_int_equal(f->diags.errors, 1);
	assert_string_equal(f->diags.items[0].message, "another kitgen build of this kit is running");
	assert_int_equal(second.lock_fd, -1);
	/* Releasing the locked-out build frees its paths and must not remove
	 * the staging folder, which is the running build's. */
	kg_outdir_release(&second);
	/* The locked-out build touched nothing of the first one's. */
	assert_string_equal(slurp(kit_path(f, ".out.kitgen-new/a.html")), "a");
	assert_int_equal(kg_outdir_commit(&first, &f->diags), 0);
	kg_outdir_release(&first);
	/* Once released, the next build may start. */
	assert_int_equal(kg_outdir_begin(&second, f->kit, "out", &f->diags), 0);
	kg_outdir_release(&second);
	assert_string_equal(slurp(kit_path(f, "out/a.html")), "a");
}

static void killed_build_leftovers_are_removed_by_the_next_begin(void **state)
{
	fixture *f = *state;
	make_previous_output(f);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		kg_diags d;
		kg_diags_init(&d);
		kg_outdir od;
		if (kg_outdir_begin(&od, f->kit, "out", &d) < 0)
			_exit(3);
		od.kill_after = 3; /* dies on the third file, mid-build */
		for (int i = 0; i < 10; i++) {
			char rel[32];
			snprintf(rel, sizeof(rel), "stale/%d.html", i);
			kg_outdir_write(&od, rel, "stale", 5, &d);
		}
		_exit(4);
	}
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGKILL);
	/* The kill left a staging folder and the old output untouched. */
	assert_true(exists(kit_path(f, ".out.kitgen-new/stale/2.html")));
	assert_string_equal(slurp(kit_path(f, "out/old.html")), "old");

	kg_outdir od;
	assert_int_equal(kg_outdir_begin(&od, f->kit, "out", &f->diags), 0);
	assert_false(exists(kit_path(f, ".out.kitgen-new/stale")));
	assert_true(exists(kit_path(f, ".out.kitgen-new")));
	write_text(&od, "fresh.html", "fresh", &f->diags);
	assert_int_equal(kg_outdir_commit(&od, &f->diags), 0);
	kg_outdir_release(&od);
	assert_string_equal(slurp(kit_path(f, "out/fresh.html")), "fresh");
	assert_false(exists(kit_path(f, "out/stale")));
	assert_false(exists(kit_path(f, "out/old.html")));
}

static void stale_old_folder_is_removed_by_the_next_begin(void **state)
{
	fixture *f = *state;
	make_previous_output(f);
	assert_int_equal(mkdir(kit_path(f, ".out.kitgen-old"), 0755), 0);
	FILE *junk = fopen(kit_path(f, ".out.kitgen-old/junk"), "w");
	assert_non_null(junk);
	fclose(junk);
	kg_outdir od;
	assert_int_equal(kg_outdir_begin(&od, f->kit, "out", &f->diags), 0);
	assert_false(exists(kit_path(f, ".out.kitgen-old")));
	kg_outdir_release(&od);
	assert_string_equal(slurp(kit_path(f, "out/old.html")), "old");
}

static void output_path_that_is_a_file_is_not_replaced(void **state)
{
	fixture *f = *state;
	FILE *file = fopen(kit_path(f, "out"), "w");
	assert_non_null(file);
	fputs("precious", file);
	fclose(file);
	kg_outdir od;
	assert_int_equal(kg_outdir_begin(&od, f->kit, "out", &f->diags), -1);
	assert_non_null(strstr(f->diags.items[0].message, "is not a folder"));
	kg_outdir_release(&od);
	assert_string_equal(slurp(kit_path(f, "out")), "precious");
}

static void copy_puts_a_file_in_the_output(void **state)
{
	fixture *f = *state;
	FILE *src = fopen(kit_path(f, "logo.svg"), "w");
	assert_non_null(src);
	fputs("<svg/>", src);
	fclose(src);
	kg_outdir od;
	assert_int_equal(kg_outdir_begin(&od, f->kit, "out", &f->diags), 0);
	assert_int_equal(kg_outdir_copy(&od, "images/logo.svg", kit_path(f, "logo.svg"), &f->diags), 0);
	assert_int_equal(kg_outdir_copy(&od, "images/none.svg", kit_path(f, "none.svg"), &f->diags), -1);
	assert_int_equal(f->diags.errors, 1);
	assert_int_equal(kg_outdir_commit(&od, &f->diags), 0);
	kg_outdir_release(&od);
	assert_string_equal(slurp(kit_path(f, "out/images/logo.svg")), "<svg/>");
	assert_false(exists(kit_path(f, "out/images/none.svg")));
}

static void remove_tree_does_not_follow_symlinks(void **state)
{
	fixture *f = *state;
	assert_int_equal(mkdir(kit_path(f, "keep"), 0755), 0);
	FILE *file = fopen(kit_path(f, "keep/file"), "w");
	assert_non_null(file);
	fclose(file);
	assert_int_equal(mkdir(kit_path(f, "doomed"), 0755), 0);
	assert_int_equal(symlink(kit_path(f, "keep"), kit_path(f, "doomed/link")), 0);
	assert_int_equal(kg_remove_tree(kit_path(f, "doomed")), 0);
	assert_false(exists(kit_path(f, "doomed")));
	assert_true(exists(kit_path(f, "keep/file")));
	assert_int_equal(kg_remove_tree(kit_path(f, "never-was")), 0);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(first_commit_creates_the_output_folder),
	    T(commit_replaces_the_old_folder_entirely),
	    T(release_without_commit_keeps_the_old_folder),
	    T(writes_cannot_leave_the_staging_folder),
	    T(second_begin_on_the_same_kit_is_locked_out),
	    T(killed_build_leftovers_are_removed_by_the_next_begin),
	    T(stale_old_folder_is_removed_by_the_next_begin),
	    T(output_path_that_is_a_file_is_not_replaced),
	    T(copy_puts_a_file_in_the_output),
	    T(remove_tree_does_not_follow_symlinks),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
