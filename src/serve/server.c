/* server.c: the preview HTTP server (see serve.h). Serves files from the
 * output folder under the base path with correct types, ETag/Last-Modified
 * and HEAD; adds the live-reload script to HTML; streams build results as
 * server-sent events. Owns the daemon, and the base path and a generation
 * counter guarded by a mutex+condvar. */
#define _GNU_SOURCE /* timegm */
#include "kitgen/serve/serve.h"

#include "kitgen/base/alloc.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct kg_server {
	struct MHD_Daemon *daemon;
	char *root_real;
	char *host;
	int port;
	int live_reload;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	/* Guarded by lock: the command may change them while requests run. */
	char *base;               /* "/safety-kit/", percent-decoded, as request paths are */
	char *base_link;          /* the same, percent-encoded for links and headers */
	unsigned long generation; /* bumped by every notify */
	int ok;
	char *errors;
	int stopping;
};

static const char live_js[] =
    "/* kitgen serve: live reload and build-error overlay */\n"
    "(function () {\n"
    "  /* Served at <base>__kitgen/live.js: the events are beside it. */\n"
    "  var script = document.currentScript.src;\n"
    "  var base = new URL('..', script).pathname;\n"
    "  var es = new EventSource(new URL('events', script).href);\n"
    "  function overlay(text) {\n"
    "    var o = document.getElementById('kitgen-overlay');\n"
    "    if (!o) { o = document.createElement('pre'); o.id = 'kitgen-overlay';\n"
    "      o.setAttribute('role', 'alert');\n"
    "      o.style.cssText = 'position:fixed;inset:0;margin:0;padding:1rem;overflow:auto;z-index:9999;'\n"
    "        + 'background:#1b1b1b;color:#ffb4a8;font:14px/1.5 monospace;white-space:pre-wrap';\n"
    "      document.body.appendChild(o); }\n"
    "    o.textContent = 'kitgen: the build failed\\n\\n' + text;\n"
    "  }\n"
    "  /* The data is the base path now served; base_url's path may have changed. */\n"
    "  es.addEventListener('reload', function (e) {\n"
    "    if (e.data && e.data !== base && location.pathname.indexOf(base) === 0)\n"
    "      location.replace(e.data + location.pathname.slice(base.length) + location.search + location.hash);\n"
    "    else location.reload();\n"
    "  });\n"
    "  es.addEventListener('build-error', function (e) { overlay(e.data); });\n"
    "})();\n";

const char *kg_serve_content_type(const char *path)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
	    {".html", "text/html; charset=utf-8"},
	    {".css", "text/css; charset=utf-8"},
	    {".js", "text/javascript; charset=utf-8"},
	    {".json", "application/json; charset=utf-8"},
	    {".xml", "application/xml; charset=utf-8"},
	    {".txt", "text/plain; charset=utf-8"},
	    {".md", "text/markdown; charset=utf-8"},
	    {".svg", "image/svg+xml"},
	    {".png", "image/png"},
	    {".jpg", "image/jpeg"},
	    {".jpeg", "image/jpeg"},
	    {".gif", "image/gif"},
	    {".webp", "image/webp"},
	    {".pdf", "application/pdf"},
	    {".zip", "application/zip"},
	    {".xlf", "application/xliff+xml; charset=utf-8"},
	};
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');
	if (dot && (!slash || dot > slash))
		for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
			if (!strcasecmp(dot, types[i].ext))
				return types[i].type;
	return "application/octet-stream";
}

int kg_serve_resolve(const char *root_real, const char *url, kg_buf *path)
{
	if (url[0] != '/' || strchr(url, '\\'))
		return -1;
	/* Reject dot segments outright rather than normalizing them away. */
	for (const char *p = url; *p;) {
		while (*p == '/')
			p++;
		size_t n = strcspn(p, "/");
		if ((n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return -1;
		p += n;
	}
	kg_buf_reset(path);
	kg_buf_printf(path, "%s%s", root_real, url);
	struct stat st;
	if (stat(path->data, &st) < 0)
		return -2;
	if (S_ISDIR(st.st_mode)) {
		if (url[strlen(url) - 1] != '/')
			return 1;
		kg_buf_puts(path, "index.html");
	}
	char resolved[PATH_MAX];
	if (!realpath(path->data, resolved))
		return -2;
	size_t n = strlen(root_real);
	if (strncmp(resolved, root_real, n) != 0 || (resolved[n] != '/' && resolved[n] != '\0'))
		return -1; /* a symbolic link leads out of the served folder */
	if (stat(resolved, &st) < 0 || !S_ISREG(st.st_mode))
		return -2;
	kg_buf_reset(path);
	kg_buf_puts(path, resolved);
	return 0;
}

static enum MHD_Result send_text(struct MHD_Connection *c, unsigned code, const char *type, const char *text)
{
	struct MHD_Response *r =
	    MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_MUST_COPY);
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	enum MHD_Result ret = MHD_queue_response(c, code, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result send_redirect(struct MHD_Connection *c, unsigned code, const char *location)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(r, "Location", location);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	enum MHD_Result ret = MHD_queue_response(c, code, r);
	MHD_destroy_response(r);
	return ret;
}

/* The site's own 404 page when there is one, as built (no live reload:
 * it may be shown for any path, inside the base or not). */
static enum MHD_Result send_not_found(kg_server *s, struct MHD_Connection *c)
{
	kg_buf page = KG_BUF_INIT, body = KG_BUF_INIT;
	kg_buf_printf(&page, "%s/404.html", s->root_real);
	enum MHD_Result ret;
	if (kg_buf_read_file(&body, page.data) == 0)
		ret = send_text(c, MHD_HTTP_NOT_FOUND, "text/html; charset=utf-8", body.data);
	else
		ret = send_text(c, MHD_HTTP_NOT_FOUND, "text/plain; charset=utf-8", "404 not found\n");
	kg_buf_release(&page);
	kg_buf_release(&body);
	return ret;
}

static void http_date(time_t t, char *out, size_t size)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, size, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

static time_t parse_http_date(const char *s)
{
	struct tm tm;
	memset(&tm, 0, sizeof(tm));
	if (!strptime(s, "%a, %d %b %Y %H:%M:%S GMT", &tm))
		return (time_t)-1;
	return timegm(&tm);
}

/* ---- server-sent events ---- */

typedef struct event_stream {
	kg_server *server;
	unsigned long seen;
	int sent_initial;
	kg_buf pending;
	size_t offset;
} event_stream;

static ssize_t events_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	(void)pos;
	event_stream *es = cls;
	kg_server *s = es->server;
	if (es->offset >= es->pending.len) {
		kg_buf_reset(&es->pending);
		es->offset = 0;
		pthread_mutex_lock(&s->lock);
		if (!es->sent_initial) {
			es->sent_initial = 1;
			es->seen = s->generation;
			kg_buf_puts(&es->pending, "retry: 1000\n\n");
			if (!s->ok && s->errors) {
				kg_buf_puts(&es->pending, "event: build-error\n");
				for (const char *line = s->errors; *line;) {
					size_t n = strcspn(line, "\n");
					kg_buf_printf(&es->pending, "data: %.*s\n", (int)n, line);
					line += n + (line[n] == '\n');
				}
				kg_buf_puts(&es->pending, "\n");
			}
		} else {
			struct timespec deadline;
			clock_gettime(CLOCK_REALTIME, &deadline);
			deadline.tv_sec += 15;
			while (!s->stopping && es->seen == s->generation &&
			       pthread_cond_timedwait(&s->changed, &s->lock, &deadline) == 0)
				;
			if (s->stopping) {
				pthread_mutex_unlock(&s->lock);
				return MHD_CONTENT_READER_END_OF_STREAM;
			}
			if (es->seen == s->generation) {
				kg_buf_puts(&es->pending, ": keep-alive\n\n");
			} else {
				es->seen = s->generation;
				if (s->ok) {
					kg_buf_printf(&es->pending, "event: reload\ndata: %s\n\n",
					              s->base_link);
				} else {
					kg_buf_puts(&es->pending, "event: build-error\n");
					for (const char *line = s->errors ? s->errors : ""; *line;) {
						size_t n = strcspn(line, "\n");
						kg_buf_printf(&es->pending, "data: %.*s\n", (int)n, line);
						line += n + (line[n] == '\n');
					}
					kg_buf_puts(&es->pending, "data: \n\n");
				}
			}
		}
		pthread_mutex_unlock(&s->lock);
	}
	size_t n = es->pending.len - es->offset;
	if (n > max)
		n = max;
	memcpy(buf, es->pending.data + es->offset, n);
	es->offset += n;
	return (ssize_t)n;
}

static void events_free(void *cls)
{
	event_stream *es = cls;
	kg_buf_release(&es->pending);
	free(es);
}

/* ---- files ---- */

/* Serves url (below the base) from the output folder; link is the base
 * path as written in links ("/safety-kit/"). */
static enum MHD_Result serve_file(kg_server *s, struct MHD_Connection *c, const char *url, const char *link)
{
	kg_buf path = KG_BUF_INIT;
	enum MHD_Result ret;
	int rc = kg_serve_resolve(s->root_real, url, &path);
	if (rc == -1) {
		ret = send_text(c, MHD_HTTP_FORBIDDEN, "text/plain; charset=utf-8", "403 forbidden\n");
		goto out;
	}
	if (rc == 1) { /* a folder: its address with the final slash, encoded again */
		kg_buf loc = KG_BUF_INIT;
		kg_buf_puts(&loc, link);
		kg_serve_put_url_path(&loc, url + 1);
		kg_buf_putc(&loc, '/');
		ret = send_redirect(c, MHD_HTTP_MOVED_PERMANENTLY, loc.data);
		kg_buf_release(&loc);
		goto out;
	}
	if (rc == -2) {
		ret = send_not_found(s, c);
		goto out;
	}
	struct stat st;
	int fd = open(path.data, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0) {
		if (fd >= 0)
			close(fd);
		ret = send_text(c, MHD_HTTP_NOT_FOUND, "text/plain; charset=utf-8", "404 not found\n");
		goto out;
	}
	char etag[64], modified[64];
	snprintf(etag, sizeof(etag), "\"%llx-%llx\"", (unsigned long long)st.st_size,
	         (unsigned long long)st.st_mtim.tv_sec * 1000000000ULL +
	             (unsigned long long)st.st_mtim.tv_nsec);
	http_date(st.st_mtime, modified, sizeof(modified));
	const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
	const char *ims = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-Modified-Since");
	int not_modified =
	    inm ? strstr(inm, etag) != NULL
	        : (ims && parse_http_date(ims) != (time_t)-1 && parse_http_date(ims) >= st.st_mtime);
	struct MHD_Response *r;
	unsigned code = MHD_HTTP_OK;
	const char *type = kg_serve_content_type(path.data);
	if (not_modified) {
		close(fd);
		r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
		code = MHD_HTTP_NOT_MODIFIED;
	} else if (s->live_reload && !strncmp(type, "text/html", 9)) {
		/* Add the live-reload script before </body>. */
		kg_buf body = KG_BUF_INIT;
		char chunk[65536];
		ssize_t n;
		while ((n = read(fd, chunk, sizeof(chunk))) > 0)
			kg_buf_add(&body, chunk, (size_t)n);
		close(fd);
		char *end = NULL;
		for (char *p = strstr(body.data, "</body>"); p; p = strstr(p + 1, "</body>"))
			end = p;
		kg_buf out = KG_BUF_INIT;
		if (end) {
			kg_buf_add(&out, body.data, (size_t)(end - body.data));
			kg_buf_printf(&out, "<script src=\"%s__kitgen/live.js\"></script>\n", link);
			kg_buf_puts(&out, end);
		} else {
			kg_buf_add(&out, body.data, body.len);
		}
		size_t len;
		char *data = kg_buf_detach(&out, &len);
		r = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
		kg_buf_release(&body);
	} else {
		r = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
	}
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "ETag", etag);
	MHD_add_response_header(r, "Last-Modified", modified);
	MHD_add_response_header(r, "Cache-Control", "no-cache");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	ret = MHD_queue_response(c, code, r); /* MHD sends only the headers for HEAD */
	MHD_destroy_response(r);
out:
	kg_buf_release(&path);
	return ret;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload_data, size_t *upload_size,
                              void **con_cls)
{
	(void)version;
	(void)upload_data;
	(void)upload_size;
	kg_server *s = cls;
	static int first_call_marker;
	if (*con_cls == NULL) { /* headers only so far: wait for the rest */
		*con_cls = &first_call_marker;
		return MHD_YES;
	}
	int head = !strcmp(method, MHD_HTTP_METHOD_HEAD);
	if (!head && strcmp(method, MHD_HTTP_METHOD_GET)) {
		struct MHD_Response *r =
		    MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
		MHD_add_response_header(r, "Allow", "GET, HEAD");
		enum MHD_Result ret = MHD_queue_response(c, MHD_HTTP_METHOD_NOT_ALLOWED, r);
		MHD_destroy_response(r);
		return ret;
	}
	kg_buf base = KG_BUF_INIT, link = KG_BUF_INIT;
	pthread_mutex_lock(&s->lock);
	kg_buf_puts(&base, s->base);
	kg_buf_puts(&link, s->base_link);
	pthread_mutex_unlock(&s->lock);
	enum MHD_Result ret;
	const char *rest;
	switch (kg_serve_route(base.data, url, &rest)) {
	case KG_ROUTE_TO_BASE: ret = send_redirect(c, MHD_HTTP_FOUND, link.data); break;
	case KG_ROUTE_OUTSIDE: ret = send_not_found(s, c); break;
	default:
		if (s->live_reload && !strcmp(rest, "/__kitgen/live.js")) {
			ret = send_text(c, MHD_HTTP_OK, "text/javascript; charset=utf-8", live_js);
		} else if (s->live_reload && !strcmp(rest, "/__kitgen/events")) {
			event_stream *es = kg_calloc(1, sizeof(*es));
			es->server = s;
			kg_buf_init(&es->pending);
			struct MHD_Response *r = MHD_create_response_from_callback(
			    MHD_SIZE_UNKNOWN, 4096, events_read, es, events_free);
			MHD_add_response_header(r, "Content-Type", "text/event-stream; charset=utf-8");
			MHD_add_response_header(r, "Cache-Control", "no-store");
			ret = MHD_queue_response(c, MHD_HTTP_OK, r);
			MHD_destroy_response(r);
		} else {
			ret = serve_file(s, c, rest, link.data);
		}
	}
	kg_buf_release(&base);
	kg_buf_release(&link);
	return ret;
}

/* Percent-decodes the request path in place, as MHD would, except that a
 * decoded NUL becomes a backslash: MHD hands the path over as a C string, so
 * "/%00/x" would otherwise be cut short to "/" and served; a backslash is
 * refused by kg_serve_resolve(). */
static size_t unescape_path(void *cls, struct MHD_Connection *c, char *uri)
{
	(void)cls;
	(void)c;
	char *out = uri;
	for (const char *p = uri; *p; p++) {
		if (p[0] == '%' && isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2])) {
			char hex[3] = {p[1], p[2], 0};
			char byte = (char)strtol(hex, NULL, 16);
			*out++ = byte ? byte : '\\';
			p += 2;
		} else {
			*out++ = *p;
		}
	}
	*out = '\0';
	return (size_t)(out - uri);
}

kg_server *kg_server_start(const kg_server_options *options, kg_buf *why)
{
	struct sockaddr_in addr;
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)options->port);
	if (inet_pton(AF_INET, options->host, &addr.sin_addr) != 1) {
		kg_buf_printf(why, "'%s' is not an IPv4 address", options->host);
		return NULL;
	}
	char resolved[PATH_MAX];
	if (!realpath(options->out_dir, resolved)) {
		kg_buf_printf(why, "cannot open %s: %s", options->out_dir, strerror(errno));
		return NULL;
	}
	kg_server *s = kg_calloc(1, sizeof(*s));
	s->root_real = kg_strdup(resolved);
	s->host = kg_strdup(options->host);
	s->live_reload = !options->no_live_reload;
	s->ok = 1;
	pthread_mutex_init(&s->lock, NULL);
	pthread_condattr_t attr;
	pthread_condattr_init(&attr);
	pthread_cond_init(&s->changed, &attr);
	pthread_condattr_destroy(&attr);
	kg_server_set_base_path(s, options->base_path);
	/* No MHD_USE_ERROR_LOG: libmicrohttpd would print to stderr from its own
	 * threads, and what it reports while serving is a browser that went away
	 * mid-response (a cancelled image, a reload), which is not an error of the
	 * kit. Failing to start is reported through why. */
	s->daemon = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD,
	                             (uint16_t)options->port, NULL, NULL, handle, s, MHD_OPTION_SOCK_ADDR,
	                             (struct sockaddr *)&addr, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120,
	                             MHD_OPTION_UNESCAPE_CALLBACK, unescape_path, NULL, MHD_OPTION_END);
	if (!s->daemon) {
		kg_buf_printf(why, "cannot listen on %s:%d (is the port in use?)", options->host,
		              options->port);
		kg_server_stop(s);
		return NULL;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	s->port = info ? info->port : options->port;
	return s;
}

int kg_server_port(const kg_server *server) { return server->port; }

void kg_server_set_base_path(kg_server *s, const char *base_path)
{
	if (!base_path || !*base_path)
		base_path = "/";
	kg_buf link = KG_BUF_INIT;
	kg_serve_put_url_path(&link, base_path);
	pthread_mutex_lock(&s->lock);
	free(s->base);
	free(s->base_link);
	s->base = kg_strdup(base_path);
	s->base_link = kg_buf_detach(&link, NULL);
	pthread_mutex_unlock(&s->lock);
}

void kg_server_url(kg_server *s, kg_buf *out)
{
	pthread_mutex_lock(&s->lock);
	kg_buf_printf(out, "http://%s:%d%s", s->host, s->port, s->base_link);
	pthread_mutex_unlock(&s->lock);
}

void kg_server_notify(kg_server *s, int ok, const char *errors)
{
	pthread_mutex_lock(&s->lock);
	s->ok = ok;
	free(s->errors);
	s->errors = errors ? kg_strdup(errors) : NULL;
	s->generation++;
	pthread_cond_broadcast(&s->changed);
	pthread_mutex_unlock(&s->lock);
}

void kg_server_stop(kg_server *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&s->lock);
	s->stopping = 1;
	pthread_cond_broadcast(&s->changed);
	pthread_mutex_unlock(&s->lock);
	if (s->daemon)
		MHD_stop_daemon(s->daemon);
	pthread_cond_destroy(&s->changed);
	pthread_mutex_destroy(&s->lock);
	free(s->errors);
	free(s->base);
	free(s->base_link);
	free(s->host);
	free(s->root_real);
	free(s);
}
