/* watch.c: watches a kit's sources with inotify (see serve.h): kit.yaml,
 * and content/, locales/ and templates/ recursively, adding folders as
 * they appear. Owns the inotify descriptor; never looks at the output. */
#include "kitgen/serve.h"

#include "kitgen/alloc.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define WATCH_MASK (IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MODIFY)

struct kg_watch {
	int fd;
	char *kit_dir;
	int root_wd; /* the kit folder itself: only kit.yaml matters there */
	int *wds;     /* watch descriptors that are source folders */
	char **paths;
	size_t count;
};

static void add_folder(kg_watch *w, const char *path, int depth)
{
	if (depth > 32)
		return;
	int wd = inotify_add_watch(w->fd, path, WATCH_MASK | IN_ONLYDIR);
	if (wd < 0)
		return;
	w->wds = kg_realloc(w->wds, (w->count + 1) * sizeof(int));
	w->paths = kg_realloc(w->paths, (w->count + 1) * sizeof(char *));
	w->wds[w->count] = wd;
	w->paths[w->count++] = kg_strdup(path);
	DIR *d = opendir(path);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		kg_buf child = KG_BUF_INIT;
		kg_buf_printf(&child, "%s/%s", path, e->d_name);
		struct stat st;
		if (lstat(child.data, &st) == 0 && S_ISDIR(st.st_mode))
			add_folder(w, child.data, depth + 1);
		kg_buf_release(&child);
	}
	closedir(d);
}

kg_watch *kg_watch_open(const char *kit_dir, kg_buf *why)
{
	kg_watch *w = kg_calloc(1, sizeof(*w));
	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->fd < 0) {
		kg_buf_printf(why, "cannot watch files: %s", strerror(errno));
		free(w);
		return NULL;
	}
	w->kit_dir = kg_strdup(kit_dir);
	w->root_wd = inotify_add_watch(w->fd, kit_dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE);
	static const char *const folders[] = {"content", "locales", "templates"};
	for (size_t i = 0; i < 3; i++) {
		kg_buf path = KG_BUF_INIT;
		kg_buf_printf(&path, "%s/%s", kit_dir, folders[i]);
		add_folder(w, path.data, 0);
		kg_buf_release(&path);
	}
	return w;
}

static const char *folder_of(const kg_watch *w, int wd)
{
	for (size_t i = 0; i < w->count; i++)
		if (w->wds[i] == wd)
			return w->paths[i];
	return NULL;
}

/* Reads pending events; returns 1 if one concerns the sources. */
static int drain(kg_watch *w)
{
	_Alignas(struct inotify_event) char buf[16384];
	int relevant = 0;
	for (;;) {
		ssize_t n = read(w->fd, buf, sizeof(buf));
		if (n <= 0)
			break;
		for (char *p = buf; p < buf + n;) {
			struct inotify_event *ev = (struct inotify_event *)p;
			p += sizeof(*ev) + ev->len;
			const char *name = ev->len ? ev->name : "";
			if (name[0] == '.' || (ev->len && name[strlen(name) - 1] == '~'))
				continue; /* editors' swap and backup files */
			if (ev->wd == w->root_wd) {
				if (!strcmp(name, "kit.yaml"))
					relevant = 1;
				continue;
			}
			const char *folder = folder_of(w, ev->wd);
			if (!folder)
				continue;
			relevant = 1;
			if ((ev->mask & (IN_CREATE | IN_MOVED_TO)) && (ev->mask & IN_ISDIR)) {
				kg_buf child = KG_BUF_INIT;
				kg_buf_printf(&child, "%s/%s", folder, name);
				add_folder(w, child.data, 0);
				kg_buf_release(&child);
			}
		}
	}
	return relevant;
}

int kg_watch_wait(kg_watch *w, int quiet_ms, volatile int *stop)
{
	int changed = 0;
	while (!*stop) {
		struct pollfd p = {w->fd, POLLIN, 0};
		int r = poll(&p, 1, changed ? quiet_ms : 200);
		if (r < 0 && errno != EINTR)
			return -1;
		if (r > 0) {
			changed |= drain(w);
			continue; /* keep waiting until things are quiet */
		}
		if (r == 0 && changed)
			return 1;
	}
	return 0;
}

void kg_watch_close(kg_watch *w)
{
	if (!w)
		return;
	close(w->fd);
	for (size_t i = 0; i < w->count; i++)
		free(w->paths[i]);
	free(w->paths);
	free(w->wds);
	free(w->kit_dir);
	free(w);
}
