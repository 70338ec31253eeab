/* serve.c: `kitgen serve` — builds, serves the output on loopback under
 * base_url's path, and rebuilds and live-reloads open pages whenever the
 * kit changes. */
#include "cmd/commands.h"

#include "kitgen/build/build.h"
#include "kitgen/kit/kit.h"
#include "kitgen/serve/serve.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
    "usage: kitgen [-C DIR] serve [--host ADDR] [--port N] [--allow-remote] [--no-live-reload]\n"
    "                             [-j N] [--timings]\n"
    "\n"
    "Builds the kit, serves the output folder under base_url's path (as it will\n"
    "be deployed), and rebuilds whenever kit.yaml, content/, locales/ or\n"
    "templates/ change; open pages reload by themselves and show build errors\n"
    "as an overlay. Binds 127.0.0.1 by default.\n"
    "\n"
    "  --host ADDR        address to listen on (IPv4)\n"
    "  --port N           port (default 8080; 0 picks a free one)\n"
    "  --allow-remote     needed to listen on anything but loopback\n"
    "  --no-live-reload   serve pages exactly as built (no reload script)\n"
    "  -j N               build threads\n"
    "  --timings          print how long each step of each rebuild took\n";

static volatile sig_atomic_t stop_requested;
static volatile int stop_flag;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
	stop_flag = 1;
}

/* Builds once; returns 0 on success and fills errors with the report. */
static int rebuild(const kg_global_options *global, int jobs, int timings, kg_build_session *session,
                   kg_buf *errors)
{
	/* The cache is written after the build returns, so pages reload sooner;
	 * the session lets a rebuild skip what the watcher saw unchanged. */
	kg_build_options options = {.kit_dir = global->kit_dir,
	                            .jobs = jobs,
	                            .pdf_worker_command = cmd_pdf_worker_command,
	                            .no_sync = 1,
	                            .finish_in_background = 1,
	                            .session = session};
	kg_diags diags;
	kg_diags_init(&diags);
	kg_build_report report;
	int rc = kg_build(&options, &report, &diags);
	kg_diags_sort(&diags);
	kg_diags_print(&diags, stderr, KG_DIAG_TEXT, global->color);
	kg_buf_reset(errors);
	for (size_t i = 0; i < diags.count; i++) {
		const kg_diag *d = &diags.items[i];
		if (d->severity != KG_ERROR)
			continue;
		if (d->file)
			kg_buf_printf(errors, "%s:%d:%d: ", d->file, d->line, d->col);
		kg_buf_printf(errors, "error: %s\n", d->message);
	}
	if (timings)
		for (size_t i = 0; i < report.phase_count; i++)
			fprintf(stderr, "kitgen: %-14s %8.3f s\n", report.phases[i].name,
			        report.phases[i].seconds);
	if (rc == 0)
		fprintf(stderr, "kitgen: rebuilt %zu pages in %.0f ms (%zu rendered again)\n",
		        report.pages_written, report.seconds * 1000,
		        report.pages_written - report.pages_reused);
	else
		fprintf(stderr, "kitgen: build failed; still serving the last good output\n");
	kg_build_report_release(&report);
	kg_diags_release(&diags);
	return rc;
}

static void tell_session(void *ctx, const char *path) { kg_build_session_changed(ctx, path); }

static int is_loopback(const char *host) { return !strncmp(host, "127.", 4) || !strcmp(host, "localhost"); }

/* Reads kit.yaml for where the output goes (its 'output', or out/) and the
 * path to serve it under (base_url's). A kit.yaml that does not load
 * leaves both as they are (the build reports why); a base_url whose path
 * cannot be served is a warning, and the site is served at the root. */
static void read_config(const kg_global_options *global, kg_buf *out_dir, kg_buf *base_path)
{
	kg_config cfg;
	kg_diags quiet;
	kg_diags_init(&quiet);
	kg_buf path = KG_BUF_INIT, why = KG_BUF_INIT;
	kg_buf_printf(&path, "%s/kit.yaml", global->kit_dir);
	if (kg_config_load(&cfg, path.data, "kit.yaml", &quiet) == 0) {
		kg_buf_reset(out_dir);
		kg_buf_printf(out_dir, "%s/%s", global->kit_dir, cfg.output_dir);
		if (kg_serve_base_path(cfg.base_url, base_path, &why) < 0) {
			fprintf(stderr, "kitgen: warning: %s; serving at the root\n", why.data);
			kg_buf_reset(base_path);
			kg_buf_putc(base_path, '/');
		}
	}
	kg_config_release(&cfg);
	kg_diags_release(&quiet);
	kg_buf_release(&path);
	kg_buf_release(&why);
}

int cmd_serve(int argc, char **argv, const kg_global_options *global)
{
	const char *host = "127.0.0.1";
	int port = 8080, jobs = 0, allow_remote = 0, timings = 0, no_live_reload = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(a, "--host") && i + 1 < argc) {
			host = argv[++i];
		} else if (!strcmp(a, "--port") && i + 1 < argc) {
			char *end;
			long p = strtol(argv[++i], &end, 10);
			if (*end || p < 0 || p > 65535) {
				fprintf(stderr, "kitgen serve: --port takes a number from 0 to 65535\n");
				return 2;
			}
			port = (int)p;
		} else if (!strcmp(a, "--timings")) {
			timings = 1;
		} else if (!strcmp(a, "--allow-remote")) {
			allow_remote = 1;
		} else if (!strcmp(a, "--no-live-reload")) {
			no_live_reload = 1;
		} else if (!strcmp(a, "-j") && i + 1 < argc) {
			jobs = atoi(argv[++i]);
		} else {
			fprintf(stderr, "kitgen serve: unknown option '%s'\n%s", a, usage);
			return 2;
		}
	}
	if (!strcmp(host, "localhost"))
		host = "127.0.0.1";
	if (!is_loopback(host)) {
		if (!allow_remote) {
			fprintf(stderr,
			        "kitgen serve: refusing to listen on %s without --allow-remote "
			        "(the preview server is meant for this machine)\n",
			        host);
			return 2;
		}
		fprintf(stderr,
		        "kitgen: warning: serving on %s: anyone who can reach this address can "
		        "read the preview\n",
		        host);
	}

	kg_buf path = KG_BUF_INIT, base_path = KG_BUF_INIT, url = KG_BUF_INIT;
	kg_buf_printf(&path, "%s/out", global->kit_dir);
	kg_buf_putc(&base_path, '/');
	read_config(global, &path, &base_path);

	kg_buf errors = KG_BUF_INIT, why = KG_BUF_INIT;
	/* Watching starts before the first build, so that every change after
	 * a build read a file is seen (the session relies on it). */
	kg_build_session *session = kg_build_session_new();
	kg_watch *watch = kg_watch_open(global->kit_dir, &why);
	if (!watch)
		fprintf(stderr, "kitgen serve: %s; pages will not rebuild by themselves\n", why.data);
	else
		kg_build_session_watching(session);
	int ok = rebuild(global, jobs, timings, session, &errors) == 0;
	mkdir(path.data, 0755); /* serve an empty folder until a build succeeds */
	kg_server_options so = {.out_dir = path.data,
	                        .host = host,
	                        .port = port,
	                        .base_path = base_path.data,
	                        .no_live_reload = no_live_reload};
	kg_server *server = kg_server_start(&so, &why);
	int status = 0;
	if (!server) {
		fprintf(stderr, "kitgen serve: %s\n", why.data);
		kg_build_wait(session);
		status = 1;
		goto out;
	}
	if (!ok)
		kg_server_notify(server, 0, errors.data);
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	kg_server_url(server, &url);
	printf("kitgen: serving %s at %s (Ctrl-C to stop)\n", path.data, url.data);
	fflush(stdout);
	while (!stop_requested) {
		if (!watch) {
			pause();
			continue;
		}
		int r = kg_watch_wait(watch, 150, &stop_flag);
		if (r <= 0)
			break;
		kg_watch_take_changes(watch, tell_session, session);
		ok = rebuild(global, jobs, timings, session, &errors) == 0;
		/* base_url's path may have changed: open pages are told to
		 * reload at the new one (the output folder stays). */
		kg_buf now = KG_BUF_INIT, ignored = KG_BUF_INIT;
		kg_buf_puts(&now, base_path.data);
		read_config(global, &ignored, &now);
		if (strcmp(now.data, base_path.data)) {
			kg_buf_reset(&base_path);
			kg_buf_puts(&base_path, now.data);
			kg_server_set_base_path(server, base_path.data);
			kg_buf_reset(&url);
			kg_server_url(server, &url);
			fprintf(stderr, "kitgen: base_url changed: now serving at %s\n", url.data);
		}
		kg_buf_release(&now);
		kg_buf_release(&ignored);
		kg_server_notify(server, ok, ok ? NULL : errors.data);
	}
	fprintf(stderr, "kitgen: stopping\n");
	kg_build_wait(session); /* the last build's cache is written */
out:
	kg_build_session_free(session);
	kg_watch_close(watch);
	kg_server_stop(server);
	kg_buf_release(&why);
	kg_buf_release(&errors);
	kg_buf_release(&url);
	kg_buf_release(&base_path);
	kg_buf_release(&path);
	return status;
}
