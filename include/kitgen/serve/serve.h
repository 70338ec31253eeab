/* serve.h: the preview server — libmicrohttpd serving the output folder
 * under base_url's path, inotify watching the kit, rebuilds on change, and
 * live reload through server-sent events.
 *
 * kg_server owns the HTTP daemon, the base path and the live-reload state
 * (options are copied at start), freed by kg_server_stop(); the watcher
 * owns its inotify descriptor and the changed paths, freed by
 * kg_watch_close(). Neither prints: the command does.
 */
#ifndef KITGEN_SERVE_H
#define KITGEN_SERVE_H

#include "kitgen/base/buf.h"

#include <stddef.h>

typedef struct kg_server kg_server;

typedef struct kg_server_options {
	const char *out_dir; /* the folder served */
	const char *host;    /* address to bind ("127.0.0.1") */
	int port;
	const char *base_path; /* from kg_serve_base_path(); NULL or "/": the root */
	int no_live_reload;    /* serve pages exactly as built, without the script */
} kg_server_options;

/* Starts serving; caller stops and frees it with kg_server_stop(). Returns
 * NULL with a reason in why.
 *
 * Under a base path ("/safety-kit/"), out/ answers at that path, "/" and
 * the path without its final slash redirect to it (302: it follows
 * kit.yaml), and every other path is not found (the site's 404.html).
 * The live-reload script and events live under the base path too
 * ("/safety-kit/__kitgen/live.js", ".../events"). */
kg_server *kg_server_start(const kg_server_options *options, kg_buf *why);
void kg_server_stop(kg_server *server);
/* Tells open pages to reload (ok) or to show the build errors (text). */
void kg_server_notify(kg_server *server, int ok, const char *errors);
/* Serves under another base path (from kg_serve_base_path()) from the next
 * request on; pages told to reload after this move to it. */
void kg_server_set_base_path(kg_server *server, const char *base_path);
/* Appends the address pages are served at ("http://127.0.0.1:8080/safety-kit/"). */
void kg_server_url(kg_server *server, kg_buf *out);
/* The port actually bound (useful with port 0). */
int kg_server_port(const kg_server *server);

/* The path a site whose base_url is base_url is served under,
 * percent-decoded once as request paths are: "https://example.org/safety-kit/"
 * gives "/safety-kit/"; "/", "https://example.org" and "//example.org" give
 * "/". Always starts and ends with '/'. Returns 0, or -1 with a reason in
 * why when no request could reach that path the same way: a relative URL,
 * an empty, "." or ".." segment, a backslash or a control character. */
int kg_serve_base_path(const char *base_url, kg_buf *path, kg_buf *why);

/* Where a request path (percent-decoded) lands on a site served under base
 * (from kg_serve_base_path()). */
typedef enum kg_route {
	KG_ROUTE_SITE,    /* inside; *rest is the path below base, from its '/' */
	KG_ROUTE_TO_BASE, /* "/", or base without its final slash: redirect */
	KG_ROUTE_OUTSIDE, /* anything else: not found */
} kg_route;
/* *rest points into url (borrowed), or is NULL when not KG_ROUTE_SITE.
 * Under the base "/" every path is the site's, unchanged. */
kg_route kg_serve_route(const char *base, const char *url, const char **rest);
/* Appends path with every byte but letters, digits and -._~/!$*+,;=:@
 * percent-encoded: fit for a Location header, a double-quoted HTML
 * attribute and a quoted JavaScript string alike. */
void kg_serve_put_url_path(kg_buf *out, const char *path);

/* Resolves a request path (already percent-decoded) to a file inside
 * root_real (an absolute, resolved path). Refuses "..", NUL, backslashes
 * and anything whose resolved path leaves the root. Returns 0 and fills
 * path, 1 when the path is a folder without a trailing slash (redirect),
 * -1 when refused, -2 when not found. */
int kg_serve_resolve(const char *root_real, const char *url, kg_buf *path);
/* The Content-Type for a file name (with charset=utf-8 for text); a static
 * string. */
const char *kg_serve_content_type(const char *path);

/* Watches the kit's sources (kit.yaml, content/, locales/, templates/). */
typedef struct kg_watch kg_watch;
/* Caller frees with kg_watch_close(). Returns NULL with a reason in why. */
kg_watch *kg_watch_open(const char *kit_dir, kg_buf *why);
/* Blocks until something changed and then stayed quiet for quiet_ms, or
 * until stop becomes non-zero (checked every 200 ms). Returns 1 on change,
 * 0 when stopped, -1 on error. */
int kg_watch_wait(kg_watch *watch, int quiet_ms, volatile int *stop);
/* Passes each path seen changing since the last call ("<kit>/content/a.md";
 * a folder's path stands for everything in it) to fn, then forgets them.
 * fn gets NULL when the list cannot be relied on: events were lost, or
 * the sources contain symbolic links (edits to a link's target raise no
 * event). The same path may come more than once. */
void kg_watch_take_changes(kg_watch *watch, void (*fn)(void *ctx, const char *path), void *ctx);
void kg_watch_close(kg_watch *watch);

#endif
