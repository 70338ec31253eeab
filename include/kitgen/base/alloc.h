/* alloc.h: the one allocation policy for all of kitgen.
 *
 * Every heap allocation goes through these wrappers. Out of memory is not
 * recoverable for a command-line generator: the wrappers print one line to
 * stderr and abort(). Callers therefore never check for NULL.
 *
 * For tests, kg_alloc_fail_after(n) makes the n-th following allocation
 * behave as if memory ran out (it aborts the same way), so a test can check
 * that the failure is reported, not silently ignored.
 */
#ifndef KITGEN_ALLOC_H
#define KITGEN_ALLOC_H

#include <stddef.h>

/* Never NULL; caller frees with free(). kg_realloc() takes ownership of
 * ptr (as realloc() does); arrays grow through base/array.h instead. */
void *kg_malloc(size_t size);
void *kg_calloc(size_t count, size_t size);
void *kg_realloc(void *ptr, size_t size);
/* Returns a new NUL-terminated copy; caller frees with free(). NULL in, NULL out. */
char *kg_strdup(const char *s);
/* Copies len bytes and adds a NUL; caller frees with free(). */
char *kg_strndup(const char *s, size_t len);

/* How the process's freed memory is kept (the programs call it first
 * thing; libraries and tests keep glibc's defaults). glibc starts by
 * giving every block of 128 KB or more its own mmap and by handing the top
 * of the heap back to the kernel once 128 KB of it is free, raising both
 * limits only as such blocks are freed: a build's PDFs, layouts and pages
 * came back as fresh pages, each a page fault (27,000 in a one-process
 * build of the bundled kit as issue 20 measured it, 60,000 with two PDF
 * workers). Blocks up to 32 MB now come from the heap, and the heap keeps
 * up to 128 MB of free memory at its top; peak memory is unchanged (what
 * is kept is what the build already used once). main.c leaves glibc's
 * settings alone when the user set GLIBC_TUNABLES. */
void kg_alloc_keep_freed_memory(void);

/* Test hook: the n-th allocation from now on fails (0 disables). Returns
 * what was left of the previous countdown, so that a test can count the
 * allocations of a run: set LONG_MAX, run, and subtract what is returned
 * by the next call from LONG_MAX. */
long kg_alloc_fail_after(long n);

#endif
