/* pool.c: a tiny thread pool over an atomic task counter (see pool.h).
 * Owns its threads for the length of one kg_pool_run() call. */
#include "kitgen/base/pool.h"

#include "kitgen/base/alloc.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct pool {
	atomic_size_t next, done;
	size_t count;
	kg_task_fn fn;
	void *ctx;
	void (*progress)(void *ctx, size_t done, size_t count);
} pool;

static void *worker(void *arg)
{
	pool *p = arg;
	for (;;) {
		size_t i = atomic_fetch_add(&p->next, 1);
		if (i >= p->count)
			break;
		p->fn(p->ctx, i);
		size_t done = atomic_fetch_add(&p->done, 1) + 1;
		if (p->progress)
			p->progress(p->ctx, done, p->count);
	}
	return NULL;
}

void kg_pool_run(int threads, size_t count, kg_task_fn fn, void *ctx,
                 void (*progress)(void *ctx, size_t done, size_t count))
{
	pool p = {.count = count, .fn = fn, .ctx = ctx, .progress = progress};
	atomic_init(&p.next, 0);
	atomic_init(&p.done, 0);
	if (threads < 1)
		threads = 1;
	if ((size_t)threads > count)
		threads = count ? (int)count : 1;
	pthread_t *ids = kg_calloc((size_t)threads, sizeof(*ids));
	int started = 0;
	for (int i = 1; i < threads; i++)
		if (pthread_create(&ids[i], NULL, worker, &p) == 0)
			started = i;
		else
			break;
	worker(&p); /* the calling thread works too */
	for (int i = 1; i <= started; i++)
		pthread_join(ids[i], NULL);
	free(ids);
}

int kg_pool_cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}
