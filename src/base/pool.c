/* pool.c: a tiny thread pool over an atomic task counter (see pool.h).
 * Owns its threads for the length of one kg_pool_run() call. */
#include "kitgen/base/pool.h"

#include "kitgen/base/alloc.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

/* One range of indices, [next, end), claimed from the front. */
typedef struct range {
	atomic_size_t next;
	size_t end;
} range;

typedef struct pool {
	atomic_size_t done;
	size_t count;
	range *ranges; /* one per thread; a single one for kg_pool_run */
	size_t range_count;
	kg_task_fn fn;
	void *ctx;
	void (*progress)(void *ctx, size_t done, size_t count);
} pool;

typedef struct runner {
	pool *p;
	size_t first; /* the range this thread starts with */
	pthread_t id;
} runner;

static void *worker(void *arg)
{
	runner *r = arg;
	pool *p = r->p;
	for (size_t k = 0; k < p->range_count; k++) {
		range *g = &p->ranges[(r->first + k) % p->range_count];
		for (;;) {
			size_t i = atomic_fetch_add(&g->next, 1);
			if (i >= g->end)
				break;
			p->fn(p->ctx, i);
			size_t done = atomic_fetch_add(&p->done, 1) + 1;
			if (p->progress)
				p->progress(p->ctx, done, p->count);
		}
	}
	return NULL;
}

static void run(int threads, size_t count, int split, kg_task_fn fn, void *ctx,
                void (*progress)(void *ctx, size_t done, size_t count))
{
	if (threads < 1)
		threads = 1;
	if ((size_t)threads > count)
		threads = count ? (int)count : 1;
	size_t ranges = split ? (size_t)threads : 1;
	pool p = {.count = count, .range_count = ranges, .fn = fn, .ctx = ctx, .progress = progress};
	atomic_init(&p.done, 0);
	p.ranges = kg_calloc(ranges, sizeof(*p.ranges));
	for (size_t k = 0; k < ranges; k++) {
		atomic_init(&p.ranges[k].next, count * k / ranges);
		p.ranges[k].end = count * (k + 1) / ranges;
	}
	runner *runners = kg_calloc((size_t)threads, sizeof(*runners));
	int started = 0;
	for (int i = 0; i < threads; i++)
		runners[i] = (runner){.p = &p, .first = (size_t)i % ranges};
	for (int i = 1; i < threads; i++)
		if (pthread_create(&runners[i].id, NULL, worker, &runners[i]) == 0)
			started = i;
		else
			break;
	worker(&runners[0]); /* the calling thread works too */
	for (int i = 1; i <= started; i++)
		pthread_join(runners[i].id, NULL);
	free(runners);
	free(p.ranges);
}

void kg_pool_run(int threads, size_t count, kg_task_fn fn, void *ctx,
                 void (*progress)(void *ctx, size_t done, size_t count))
{
	run(threads, count, 0, fn, ctx, progress);
}

void kg_pool_run_ranges(int threads, size_t count, kg_task_fn fn, void *ctx,
                        void (*progress)(void *ctx, size_t done, size_t count))
{
	run(threads, count, 1, fn, ctx, progress);
}

int kg_pool_cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}
