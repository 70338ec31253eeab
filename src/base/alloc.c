/* alloc.c: allocation wrappers with the abort-on-OOM policy (see alloc.h).
 * Owns nothing; the failure counter is the only state and is atomic so the
 * thread pool can allocate freely. */
#include "kitgen/base/alloc.h"

#include <malloc.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static atomic_long fail_countdown;

static void out_of_memory(size_t size)
{
	fprintf(stderr, "kitgen: fatal: out of memory (allocating %zu bytes)\n", size);
	abort();
}

static int should_fail(void)
{
	long left = atomic_load(&fail_countdown);
	if (left <= 0)
		return 0;
	return atomic_fetch_sub(&fail_countdown, 1) == 1;
}

void kg_alloc_keep_freed_memory(void)
{
	/* Both or neither: setting one limit stops glibc from raising the
	 * other, and either alone made three to four times the page faults. */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 128 << 20);
}

long kg_alloc_fail_after(long n) { return atomic_exchange(&fail_countdown, n); }

void *kg_malloc(size_t size)
{
	void *p = should_fail() ? NULL : malloc(size ? size : 1);
	if (!p)
		out_of_memory(size);
	return p;
}

void *kg_calloc(size_t count, size_t size)
{
	void *p = should_fail() ? NULL : calloc(count ? count : 1, size ? size : 1);
	if (!p)
		out_of_memory(count * size);
	return p;
}

void *kg_realloc(void *ptr, size_t size)
{
	void *p = should_fail() ? NULL : realloc(ptr, size ? size : 1);
	if (!p)
		out_of_memory(size);
	return p;
}

char *kg_strndup(const char *s, size_t len)
{
	char *p = kg_malloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *kg_strdup(const char *s) { return s ? kg_strndup(s, strlen(s)) : NULL; }
