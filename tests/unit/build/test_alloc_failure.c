/* test_alloc_failure.c: allocations of a small build fail in turn (every
 * one, or evenly spaced ones when there are more than 600; 100 in the
 * sanitizer build)
 * (kg_alloc_fail_after), each time in a child process. The policy
 * (alloc.h) is to stop with "out of memory": the child must end with that
 * message and SIGABRT, never another signal or a wrong exit, and the
 * previous output must survive: a later build gives the same out/. */
#include "kitgen/base/alloc.h"
#include "kitgen/base/buf.h"
#include "kitgen/build/build.h"

#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

static char dir[] = "/tmp/kitgen-test-oom.XXXXXX";
static long max_children = 600; /* argv[1]: the sanitizer build samples fewer */

static void write_file(const char *rel, const char *text)
{
	kg_buf path = KG_BUF_INIT;
	kg_buf_printf(&path, "%s/%s", dir, rel);
	FILE *f = fopen(path.data, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	kg_buf_release(&path);
}

static void run(const char *command) { assert_int_equal(system(command), 0); }

/* A kit of two pages in two languages, HTML only: small enough to fail
 * each of its allocations in turn. */
static void make_kit(void)
{
	kg_buf cmd = KG_BUF_INIT;
	kg_buf_printf(&cmd, "mkdir -p %s/content/guide %s/locales/vi/guide && cp -r %s/templates %s/", dir,
	              dir, getenv("KITGEN_SOURCE_DIR"), dir);
	run(cmd.data);
	kg_buf_release(&cmd);
	write_file("kit.yaml",
	           "title: Small\nbase_url: https://example.test/\nhandouts: false\ndownloads: false\n"
	           "languages: [en, vi]\nvars: {phone: \"555-0100\"}\n");
	write_file("content/_index.md", "---\ntitle: Home\n---\nWelcome. Call {{ phone }}.\n");
	write_file("content/guide/_index.md",
	           "---\ntitle: Guide\nsummary: How to help.\n---\n- [Step](step.md)\n");
	write_file("content/guide/step.md", "---\ntitle: Step\nupdated: 2026-01-02\naudience: [elders]\n---\n"
	                                    "## Stay calm\n\nBreathe. Call **911**.\n");
	write_file("locales/vi/guide/step.po",
	           "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
	           "msgid \"Step\"\nmsgstr \"Bước\"\n\n"
	           "msgid \"Breathe. Call **911**.\"\nmsgstr \"Thở. Gọi **911**.\"\n");
}

/* A clean build (every page rendered, a new tree swapped in). */
static int build(void)
{
	kg_build_options options = {.kit_dir = dir, .jobs = 1, .no_sync = 1, .clean = 1};
	kg_build_report report;
	kg_diags diags;
	kg_diags_init(&diags);
	int rc = kg_build(&options, &report, &diags);
	kg_build_report_release(&report);
	kg_diags_release(&diags);
	return rc;
}

static char *tree_hash(void)
{
	kg_buf cmd = KG_BUF_INIT, out = KG_BUF_INIT;
	kg_buf_printf(&cmd, "cd %s/out && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum",
	              dir);
	FILE *p = popen(cmd.data, "r");
	char line[128] = "";
	assert_non_null(fgets(line, sizeof(line), p));
	pclose(p);
	kg_buf_puts(&out, line);
	kg_buf_release(&cmd);
	return kg_buf_detach(&out, NULL);
}

static void each_failed_allocation_stops_the_build_cleanly(void **state)
{
	(void)state;
	make_kit();
	assert_int_equal(build(), 0);
	char *reference = tree_hash();
	/* How many allocations a build makes. */
	kg_alloc_fail_after(LONG_MAX);
	assert_int_equal(build(), 0);
	long count = LONG_MAX - kg_alloc_fail_after(0);
	assert_true(count > 1000);
	/* At most max_children children: a build now also draws share images
	 * and writes office copies, and failing each allocation in turn ran
	 * past the test's 900 s; 3,000 took 435 s on a loaded 2-core machine.
	 * Evenly spaced failures still reach every phase of the build. */
	long stride = count > max_children ? count / max_children + 1 : 1;
	kg_buf errfile = KG_BUF_INIT;
	kg_buf_printf(&errfile, "%s/child.err", dir);
	long children = 0;
	for (long n = 1; n <= count; n += stride) {
		fflush(NULL);
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			int fd = open(errfile.data, O_WRONLY | O_CREAT | O_TRUNC, 0644);
			dup2(fd, 2);
			kg_alloc_fail_after(n);
			_exit(build() == 0 ? 0 : 1);
		}
		int status;
		assert_int_equal(waitpid(pid, &status, 0), pid);
		children++;
		kg_buf err = KG_BUF_INIT;
		kg_buf_read_file(&err, errfile.data);
		if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT &&
		      strstr(err.data, "out of memory")) &&
		    !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
			fprintf(stderr, "allocation %ld of %ld: status %d, stderr: %s\n", n, count, status,
			        err.data);
			fail();
		}
		kg_buf_release(&err);
		if (children % 200 == 0) { /* the output is old or new, never broken */
			assert_int_equal(build(), 0);
			char *now = tree_hash();
			assert_string_equal(now, reference);
			free(now);
		}
	}
	assert_int_equal(build(), 0);
	char *now = tree_hash();
	assert_string_equal(now, reference);
	free(now);
	free(reference);
	kg_buf_release(&errfile);
	fprintf(stderr, "%ld allocations, %ld failed in turn\n", count, children);
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) && getenv("KITGEN_SOURCE_DIR") ? 0 : -1;
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

int main(int argc, char **argv)
{
	if (argc > 1)
		max_children = atol(argv[1]) > 0 ? atol(argv[1]) : max_children;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(each_failed_allocation_stops_the_build_cleanly),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
