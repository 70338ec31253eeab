/* workers.c: PDF rendering in worker processes, so that PDFs are drawn
 * on every core without two threads ever sharing Cairo or FreeType state
 * (see the lock in draw.c). kg_pdf_workers_start() starts each worker as
 * a new program (posix_spawn of the command the caller names, in kitgen
 * `kitgen __pdf-worker`) with its end of a socket as descriptor 3; the
 * worker (kg_pdf_worker_main) reads jobs (job.c) from it and writes back
 * the PDFs, their stats and diagnostics, until the socket closes. A
 * caller thread takes a free worker, sends one job and waits for its
 * answer. The pool starts one worker at once and another only when the
 * sets still to come would keep the workers busy for longer than a new
 * one costs (take_worker).
 *
 * Why a new program and not fork(): a fork copies one thread, and a lock
 * another thread held at that moment stays locked in the child forever.
 * Pango initializes fontconfig in a thread of its own, and `kitgen serve`
 * has the server's threads; a forked worker once waited for fontconfig's
 * lock for ever (CI, a -j 2 build of a small kit). A spawned program
 * inherits no thread and no lock; it loads its fonts itself (from
 * fontconfig's cache, a few milliseconds per script).
 *
 * Messages are a u32 length and that many bytes. An answer is:
 * u32 count; per PDF: u32 ok, seven u32 stats, the PDF's bytes; u32
 * diagnostics; per diagnostic: u32 severity, file, u32 line, u32 col,
 * message. Owns the worker processes (ended by kg_pdf_workers_stop()) and
 * the sockets; a worker owns only what one job needs, freed before the
 * next.
 */
#include "pdf/pdf_internal.h"

#include "kitgen/base/alloc.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <spawn.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef struct worker {
	pid_t pid;
	int fd;        /* our end of the socket; -1 once the worker is gone */
	int busy;      /* a caller is talking to it */
	int answered;  /* it has answered a set (so it has started) */
	char lang[32]; /* the language of the last set it drew ("" none yet) */
} worker;

struct kg_pdf_workers {
	worker *workers; /* max slots, the first count started */
	int count;
	int max;
	int alive;
	size_t expected; /* sets the caller said it would send */
	size_t taken;    /* sets handed to a worker so far */
	size_t timed;    /* sets answered by a worker that had started before */
	double timed_ms; /* their total time */
	char **command;  /* owned copy of the argv */
	pthread_mutex_t lock;
	pthread_cond_t freed;
};

/* A worker costs about 40 ms of CPU to start (a new program: dynamic
 * linking, fontconfig) and as much again to sort its fonts and load its
 * faces before it draws anything; its first set comes back about 130 ms
 * after it starts. Another one is started only when the sets still to
 * come would keep each running worker busy for longer than this: then it
 * shortens the build by more than it costs. Measured (bench PDF kit,
 * English alone, 10 sets of about 25 ms): one worker 0.34 s of CPU,
 * two 0.47 s, and the build no faster. */
#define WORKER_WORTH_MS 300.0

/* What a set is taken to cost before any has been timed: the quickest
 * measured, the bench PDF kit's English sets (about 25 ms). Waiting for
 * timings kept a core idle at the start of a large build (a caller found
 * the one worker busy and waited for it); a build with few sets still
 * starts one worker, and ten English sets still do not pay for two. */
#define SET_MS_UNTIMED 25.0

/* ---- both ends ---- */

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = send(fd, data, len, MSG_NOSIGNAL); /* a dead peer is an error, not SIGPIPE */
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

static int read_all(int fd, char *data, size_t len)
{
	while (len) {
		ssize_t n = read(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

static int send_message(int fd, const kg_buf *message)
{
	kg_buf head = KG_BUF_INIT;
	pdf_put_u32(&head, (uint32_t)message->len);
	int rc = write_all(fd, head.data, head.len) == 0 && write_all(fd, message->data, message->len) == 0
	             ? 0
	             : -1;
	kg_buf_release(&head);
	return rc;
}

/* Reads one message into out; -1 at end of file or error. */
static int receive_message(int fd, kg_buf *out)
{
	char head[4];
	if (read_all(fd, head, 4) < 0)
		return -1;
	pdf_reader r = {head, head + 4, 0};
	uint32_t len = pdf_get_u32(&r);
	kg_buf_reset(out);
	kg_buf_grow(out, len);
	if (read_all(fd, out->data, len) < 0)
		return -1;
	out->len = len;
	out->data[len] = '\0';
	return 0;
}

/* Stats travel as thousandths of a point: they are only reported. */
static void put_stats(kg_buf *b, const kg_pdf_stats *s)
{
	pdf_put_u32(b, (uint32_t)s->pages);
	pdf_put_u32(b, (uint32_t)s->logical_pages);
	pdf_put_u32(b, (uint32_t)s->blank_pages);
	pdf_put_u32(b, (uint32_t)lround(s->body_size * 1000));
	pdf_put_u32(b, (uint32_t)lround(s->line_height * 1000));
	pdf_put_u32(b, (uint32_t)lround(s->qr_module * 1000));
	pdf_put_u32(b, 0); /* reserved */
}

static void get_stats(pdf_reader *r, kg_pdf_stats *s)
{
	s->pages = (int)pdf_get_u32(r);
	s->logical_pages = (int)pdf_get_u32(r);
	s->blank_pages = (int)pdf_get_u32(r);
	s->body_size = pdf_get_u32(r) / 1000.0;
	s->line_height = pdf_get_u32(r) / 1000.0;
	s->qr_module = pdf_get_u32(r) / 1000.0;
	pdf_get_u32(r);
}

/* ---- the worker ---- */

static void answer(const pdf_job *job, kg_buf *reply)
{
	size_t n = job ? pdf_job_count(job) : 0;
	kg_buf *outs = kg_calloc(n ? n : 1, sizeof(*outs));
	kg_pdf_stats *stats = kg_calloc(n ? n : 1, sizeof(*stats));
	kg_diags diags;
	kg_diags_init(&diags);
	if (job)
		pdf_job_render(job, outs, stats, &diags);
	else
		kg_error(&diags, NULL, 0, 0, "a PDF worker received a request it cannot read");
	pdf_put_u32(reply, (uint32_t)n);
	for (size_t i = 0; i < n; i++) {
		pdf_put_u32(reply, outs[i].len > 0);
		put_stats(reply, &stats[i]);
		pdf_put_bytes(reply, outs[i].data, outs[i].len);
		kg_buf_release(&outs[i]);
	}
	pdf_put_u32(reply, (uint32_t)diags.count);
	for (size_t i = 0; i < diags.count; i++) {
		const kg_diag *d = &diags.items[i];
		pdf_put_u32(reply, (uint32_t)d->severity);
		pdf_put_str(reply, d->file);
		pdf_put_u32(reply, (uint32_t)d->line);
		pdf_put_u32(reply, (uint32_t)d->col);
		pdf_put_str(reply, d->message);
	}
	kg_diags_release(&diags);
	free(outs);
	free(stats);
}

int kg_pdf_worker_main(int fd)
{
	kg_buf request = KG_BUF_INIT, reply = KG_BUF_INIT;
	while (receive_message(fd, &request) == 0) {
		pdf_job *job = pdf_job_decode(request.data, request.len);
		kg_buf_reset(&reply);
		answer(job, &reply);
		pdf_job_free(job);
		if (send_message(fd, &reply) < 0)
			break;
	}
	kg_buf_release(&request);
	kg_buf_release(&reply);
	close(fd);
	pdf_layout_cache_release(); /* its layouts hold the font map */
	pdf_font_map_release();
	return 0;
}

/* ---- the pool ---- */

extern char **environ;

/* Starts one more worker (the caller holds the lock or owns the pool
 * alone); 0, or -1 when it could not start. */
static int start_worker(kg_pdf_workers *w)
{
	if (w->count >= w->max)
		return -1;
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		return -1;
	/* The worker's end becomes its descriptor 3 (dup2 clears
	 * close-on-exec); every other socket is closed by the exec. */
	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_adddup2(&actions, sv[1], KG_PDF_WORKER_FD);
	pid_t pid;
	int rc = posix_spawn(&pid, w->command[0], &actions, NULL, w->command, environ);
	posix_spawn_file_actions_destroy(&actions);
	close(sv[1]);
	if (rc != 0) {
		close(sv[0]);
		return -1;
	}
	w->workers[w->count++] = (worker){.pid = pid, .fd = sv[0]};
	w->alive++;
	return 0;
}

kg_pdf_workers *kg_pdf_workers_start(int count, size_t sets, const char *const *command)
{
	if (count < 2 || !command || !command[0])
		return NULL;
	kg_pdf_workers *w = kg_calloc(1, sizeof(*w));
	w->max = count;
	w->expected = sets;
	w->workers = kg_calloc((size_t)count, sizeof(*w->workers));
	size_t argc = 0;
	while (command[argc])
		argc++;
	w->command = kg_calloc(argc + 1, sizeof(*w->command));
	for (size_t i = 0; i < argc; i++)
		w->command[i] = kg_strdup(command[i]);
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->freed, NULL);
	/* One now, so that it starts while the caller prepares its first
	 * set; the others when they are worth it (take_worker). */
	if (start_worker(w) < 0) {
		kg_pdf_workers_stop(w);
		return NULL;
	}
	return w;
}

int kg_pdf_workers_started(const kg_pdf_workers *w) { return w ? w->count : 0; }

void kg_pdf_workers_stop(kg_pdf_workers *w)
{
	if (!w)
		return;
	for (int i = 0; i < w->count; i++)
		if (w->workers[i].fd >= 0)
			close(w->workers[i].fd); /* the worker reads end of file and exits */
	for (int i = 0; i < w->count; i++) {
		int status;
		while (w->workers[i].pid > 0 && waitpid(w->workers[i].pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	pthread_cond_destroy(&w->freed);
	pthread_mutex_destroy(&w->lock);
	for (size_t i = 0; w->command[i]; i++)
		free(w->command[i]);
	free(w->command);
	free(w->workers);
	free(w);
}

/* A free worker, the one that last drew lang when it is free: each
 * worker sets up a language's fonts, font sets and shaping plans the
 * first time it draws the language (session 15 measured about 1 s of CPU
 * more at -j 2 than in one process on the bundled kit, most of it that). */
static worker *free_worker(kg_pdf_workers *w, const char *lang)
{
	worker *any = NULL;
	for (int i = 0; i < w->count; i++) {
		worker *k = &w->workers[i];
		if (k->fd < 0 || k->busy)
			continue;
		if (!strcmp(k->lang, lang))
			return k;
		if (!any)
			any = k;
	}
	return any;
}

/* Whether the sets still to come (the caller's among them) would keep
 * each running worker busy for longer than WORKER_WORTH_MS, judged by
 * the sets answered so far (a worker's first set, which includes its
 * start, is not counted), or by SET_MS_UNTIMED before any. */
static int another_is_worth_it(const kg_pdf_workers *w)
{
	if (w->taken >= w->expected)
		return 0;
	double per_set = w->timed ? w->timed_ms / (double)w->timed : SET_MS_UNTIMED;
	double left_ms = (double)(w->expected - w->taken) * per_set;
	return left_ms / w->count > WORKER_WORTH_MS;
}

/* A free worker (marked busy, lang its language now), or NULL when none
 * is left alive. A caller that finds every worker busy starts another (up
 * to max) when it is worth it, and waits otherwise. */
static worker *take_worker(kg_pdf_workers *w, const char *lang)
{
	worker *found = NULL;
	pthread_mutex_lock(&w->lock);
	while (!(found = free_worker(w, lang)) && w->alive > 0) {
		if (w->count < w->max && another_is_worth_it(w) && start_worker(w) == 0) {
			found = &w->workers[w->count - 1];
			break;
		}
		pthread_cond_wait(&w->freed, &w->lock);
	}
	if (found) {
		found->busy = 1;
		snprintf(found->lang, sizeof(found->lang), "%s", lang);
		w->taken++;
	}
	pthread_mutex_unlock(&w->lock);
	return found;
}

/* ms: how long the set took, from sending it to its answer. */
static void give_back(kg_pdf_workers *w, worker *k, int dead, double ms)
{
	pthread_mutex_lock(&w->lock);
	k->busy = 0;
	if (k->answered && !dead) {
		w->timed++;
		w->timed_ms += ms;
	}
	k->answered = 1;
	if (dead && k->fd >= 0) {
		close(k->fd);
		k->fd = -1;
		w->alive--;
	}
	pthread_cond_broadcast(&w->freed);
	pthread_mutex_unlock(&w->lock);
}

/* Reads an answer into outs, stats and diags; 0, or -1 (malformed). */
static int read_answer(const kg_buf *reply, size_t count, kg_buf *outs, kg_pdf_stats *stats, kg_diags *diags,
                       int *all_ok)
{
	pdf_reader r = {reply->data, reply->data + reply->len, 0};
	if (pdf_get_u32(&r) != count)
		return -1;
	*all_ok = 1;
	for (size_t i = 0; i < count && !r.bad; i++) {
		int ok = (int)pdf_get_u32(&r);
		kg_pdf_stats s;
		get_stats(&r, &s);
		size_t len;
		const char *pdf = pdf_get_bytes(&r, &len);
		if (r.bad)
			break;
		if (ok)
			kg_buf_add(&outs[i], pdf, len);
		else
			*all_ok = 0;
		if (stats)
			stats[i] = s;
	}
	uint32_t n = pdf_get_u32(&r);
	for (uint32_t i = 0; i < n && !r.bad; i++) {
		kg_severity severity = (kg_severity)pdf_get_u32(&r);
		char *file = pdf_get_str(&r);
		int line = (int)pdf_get_u32(&r), col = (int)pdf_get_u32(&r);
		char *message = pdf_get_str(&r);
		if (!r.bad)
			kg_diag_add(diags, severity, file, line, col, "%s", message ? message : "");
		free(file);
		free(message);
	}
	return r.bad || r.at != r.end ? -1 : 0;
}

int kg_pdf_render_set(kg_pdf_workers *w, const kg_pdf_request *reqs, size_t count, kg_buf *outs,
                      kg_pdf_stats *stats, kg_diags *diags)
{
	const char *lang = count && reqs[0].lang ? reqs[0].lang : "";
	worker *k = w && count <= 64 ? take_worker(w, lang) : NULL;
	if (!k) /* no pool, or every worker died: draw here */
		return pdf_render_set_here(reqs, count, outs, stats, diags);
	kg_buf job = KG_BUF_INIT, reply = KG_BUF_INIT;
	pdf_job_encode(reqs, count, &job);
	struct timespec sent, back;
	clock_gettime(CLOCK_MONOTONIC, &sent);
	int io = send_message(k->fd, &job) == 0 && receive_message(k->fd, &reply) == 0 ? 0 : -1;
	int all_ok = 0, rc = -1;
	if (io == 0) {
		size_t starts[64];
		for (size_t i = 0; i < count && i < 64; i++)
			starts[i] = outs[i].len;
		if (read_answer(&reply, count, outs, stats, diags, &all_ok) == 0) {
			rc = all_ok ? 0 : -1;
		} else {
			for (size_t i = 0; i < count && i < 64; i++)
				kg_buf_truncate(&outs[i], starts[i]);
			kg_error(diags, count ? reqs[0].display_path : NULL, 0, 0,
			         "a PDF worker sent an answer kitgen cannot read");
		}
	} else {
		/* The worker died on this job (a crash in a library): name it. */
		int status = 0;
		pid_t pid = waitpid(k->pid, &status, 0);
		if (pid == k->pid && WIFSIGNALED(status))
			kg_error(diags, count ? reqs[0].display_path : NULL, 0, 0,
			         "the process drawing this PDF was killed by signal %d (%s)",
			         WTERMSIG(status), strsignal(WTERMSIG(status)));
		else
			kg_error(diags, count ? reqs[0].display_path : NULL, 0, 0,
			         "the process drawing this PDF stopped before it finished");
		k->pid = pid == k->pid ? -1 : k->pid;
	}
	clock_gettime(CLOCK_MONOTONIC, &back);
	give_back(w, k, io < 0,
	          (double)(back.tv_sec - sent.tv_sec) * 1e3 + (double)(back.tv_nsec - sent.tv_nsec) / 1e6);
	kg_buf_release(&job);
	kg_buf_release(&reply);
	return rc;
}
