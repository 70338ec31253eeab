/* pool.h: runs N independent tasks on a fixed number of threads.
 * Tasks are claimed in index order from an atomic counter, so there is no
 * queue to allocate and memory does not grow with the number of tasks.
 * Owns its threads for one call only (joined before it returns); ctx is
 * borrowed. */
#ifndef KITGEN_POOL_H
#define KITGEN_POOL_H

#include <stddef.h>

typedef void (*kg_task_fn)(void *ctx, size_t index);

/* Runs fn(ctx, i) for every i < count on `threads` threads (1: inline);
 * returns when all are done. progress, if not NULL, is called from the
 * threads after each task with the number finished so far. */
void kg_pool_run(int threads, size_t count, kg_task_fn fn, void *ctx,
                 void (*progress)(void *ctx, size_t done, size_t count));
/* The same, but the indices are cut into one contiguous range per thread:
 * each thread runs its own range in order, then helps with what is left
 * of the others. For tasks that are cheaper when one thread does
 * neighbouring indices (a build's PDF sets of one language, drawn by the
 * worker process that has that language's fonts ready). */
void kg_pool_run_ranges(int threads, size_t count, kg_task_fn fn, void *ctx,
                        void (*progress)(void *ctx, size_t done, size_t count));
/* The number of online cores (at least 1). */
int kg_pool_cores(void);

#endif
