/* test_pool: kg_pool_run and kg_pool_run_ranges run every task exactly
 * once on any number of threads and report progress for each; ranges
 * give each thread its own run of indices (the second half starts while
 * the first task of the first half is still running), taken in order. */
#include "kitgen/base/pool.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

enum { MAX_TASKS = 5000, MAX_THREADS = 8 };

typedef struct tally {
	atomic_int runs[MAX_TASKS];
	atomic_size_t progress_calls, last_done;
	/* each thread's last index, to see that a thread takes a range in order */
	pthread_t threads[MAX_THREADS];
	size_t last_index[MAX_THREADS];
	atomic_int thread_count;
	pthread_mutex_t lock;
	size_t count;
	int out_of_order;
} tally;

static void count_task(void *ctx, size_t index)
{
	tally *t = ctx;
	atomic_fetch_add(&t->runs[index], 1);
	pthread_mutex_lock(&t->lock);
	int me = -1;
	for (int i = 0; i < t->thread_count; i++)
		if (pthread_equal(t->threads[i], pthread_self()))
			me = i;
	if (me < 0 && t->thread_count < MAX_THREADS) {
		me = t->thread_count++;
		t->threads[me] = pthread_self();
		t->last_index[me] = SIZE_MAX;
	}
	/* Within one thread, indices only go down when it moves to another
	 * range (at most once per range). */
	if (me >= 0 && t->last_index[me] != SIZE_MAX && index < t->last_index[me])
		t->out_of_order++;
	if (me >= 0)
		t->last_index[me] = index;
	pthread_mutex_unlock(&t->lock);
}

static void on_progress(void *ctx, size_t done, size_t count)
{
	tally *t = ctx;
	assert_true(done >= 1 && done <= count);
	atomic_fetch_add(&t->progress_calls, 1);
	size_t seen = atomic_load(&t->last_done);
	while (done > seen && !atomic_compare_exchange_weak(&t->last_done, &seen, done))
		;
}

static void check_every_task_once(int ranges)
{
	static const size_t counts[] = {0, 1, 2, 7, 100, MAX_TASKS};
	for (size_t c = 0; c < sizeof(counts) / sizeof(counts[0]); c++)
		for (int threads = 0; threads <= 4; threads++) {
			tally *t = calloc(1, sizeof(*t));
			pthread_mutex_init(&t->lock, NULL);
			t->count = counts[c];
			if (ranges)
				kg_pool_run_ranges(threads, counts[c], count_task, t, on_progress);
			else
				kg_pool_run(threads, counts[c], count_task, t, on_progress);
			for (size_t i = 0; i < counts[c]; i++)
				if (atomic_load(&t->runs[i]) != 1)
					fail_msg("%s, %d threads, %zu tasks: task %zu ran %d times",
					         ranges ? "ranges" : "one counter", threads, counts[c], i,
					         atomic_load(&t->runs[i]));
			assert_int_equal(atomic_load(&t->progress_calls), counts[c]);
			assert_int_equal(atomic_load(&t->last_done), counts[c]);
			/* One counter: each thread sees rising indices; ranges: each
			 * thread goes back at most once per other range it moves to. */
			assert_true(t->out_of_order <= (ranges && threads > 1 ? threads * (threads - 1) : 0));
			pthread_mutex_destroy(&t->lock);
			free(t);
		}
}

static void every_task_runs_once(void **state)
{
	(void)state;
	check_every_task_once(0);
}

static void every_task_runs_once_with_ranges(void **state)
{
	(void)state;
	check_every_task_once(1);
}

/* Task 0 waits up to wait_ms for task count/2 to start; every other task
 * takes 2 ms. With one counter and two threads the other thread takes
 * tasks 1, 2, ... first and reaches count/2 after about count ms; with
 * ranges the second thread starts at count/2. */
typedef struct half_start {
	pthread_mutex_t lock;
	pthread_cond_t started;
	int half_started, waited_out;
	size_t count;
	long wait_ms;
} half_start;

static void half_task(void *ctx, size_t index)
{
	half_start *h = ctx;
	pthread_mutex_lock(&h->lock);
	if (index == h->count / 2) {
		h->half_started = 1;
		pthread_cond_broadcast(&h->started);
	} else if (index == 0) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		long ns = until.tv_nsec + h->wait_ms % 1000 * 1000000L;
		until.tv_sec += h->wait_ms / 1000 + ns / 1000000000L;
		until.tv_nsec = ns % 1000000000L;
		while (!h->half_started)
			if (pthread_cond_timedwait(&h->started, &h->lock, &until)) {
				h->waited_out = 1;
				break;
			}
	}
	pthread_mutex_unlock(&h->lock);
	if (index != 0 && index != h->count / 2)
		nanosleep(&(struct timespec){0, 2000000L}, NULL);
}

static int second_half_starts_during_task_zero(int ranges, size_t count, long wait_ms)
{
	half_start h = {.count = count, .wait_ms = wait_ms};
	pthread_mutex_init(&h.lock, NULL);
	pthread_cond_init(&h.started, NULL);
	if (ranges)
		kg_pool_run_ranges(2, count, half_task, &h, NULL);
	else
		kg_pool_run(2, count, half_task, &h, NULL);
	pthread_cond_destroy(&h.started);
	pthread_mutex_destroy(&h.lock);
	return !h.waited_out;
}

static void ranges_start_each_thread_on_its_own_run(void **state)
{
	(void)state;
	assert_true(second_half_starts_during_task_zero(1, 200, 10000));
	/* The same check fails for one counter: task 100 comes after about
	 * 200 ms of the other thread's tasks. */
	assert_false(second_half_starts_during_task_zero(0, 200, 50));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_task_runs_once),
	    cmocka_unit_test(every_task_runs_once_with_ranges),
	    cmocka_unit_test(ranges_start_each_thread_on_its_own_run),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
