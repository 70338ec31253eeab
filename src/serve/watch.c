/* watch.c: watches a kit's sources with inotify (see serve.h): kit.yaml,
 * and content/, locales/ and templates/ recursively, adding folders as
 * they appear. Owns the inotify descriptor and the list of paths changed
 * since the caller last took it; never looks at the output. */
#include "kitgen/serve/serve.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"

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

#define WATCH_MASK \
	(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MODIFY)

typedef struct watched_folder {
	int wd; /* its watch descriptor */
	char *path;
} watched_folder;

struct kg_watch {
	int fd;
	char *kit_dir;
	int root_wd;                      /* the kit folder itself: only kit.yaml matters there */
	KG_ARRAY(watched_folder) folders; /* the source folders */
	KG_ARRAY(char *) changed;         /* paths seen changing since kg_watch_take_changes */
	/* Events were lost (queue overflow), or a symbolic link is watched (a
	 * change to its target raises no event here) or a folder could not be
	 * watched: the caller cannot rely on the list. The last two keep it
	 * so for the watch's life. */
	int lost, blind;
};

static const char *const source_folders[] = {"content", "locales", "templates"};

static int is_source_folder(const char *name)
{
	for (size_t i = 0; i < 3; i++)
		if (!strcmp(name, source_folders[i]))
			return 1;
	return 0;
}

static void note_change(kg_watch *w, const char *path)
{
	if (w->changed.count > 4096) { /* a checkout, say: simpler to say "everything" */
		w->lost = 1;
		return;
	}
	kg_array_push(&w->changed, kg_strdup(path));
}

static void add_folder(kg_watch *w, const char *path, int depth)
{
	if (depth > 32)
		return;
	int wd = inotify_add_watch(w->fd, path, WATCH_MASK | IN_ONLYDIR);
	if (wd < 0) {
		/* Unwatched (out of inotify watches, say): changes there go unseen. */
		w->blind |= errno != ENOENT && errno != ENOTDIR;
		return;
	}
	kg_array_push(&w->folders, (watched_folder){wd, kg_strdup(path)});
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
		else if (e->d_type == DT_LNK || (e->d_type == DT_UNKNOWN && S_ISLNK(st.st_mode)))
			w->blind = 1;
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
	w->root_wd = inotify_add_watch(w->fd, kit_dir,
	                               IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE | IN_DELETE);
	if (w->root_wd < 0)
		w->blind = 1; /* kit.yaml unwatched: nothing can be trusted */
	for (size_t i = 0; i < 3; i++) {
		kg_buf path = KG_BUF_INIT;
		kg_buf_printf(&path, "%s/%s", kit_dir, source_folders[i]);
		add_folder(w, path.data, 0);
		kg_buf_release(&path);
	}
	kg_buf yaml = KG_BUF_INIT;
	kg_buf_printf(&yaml, "%s/kit.yaml", kit_dir);
	struct stat st;
	if (lstat(yaml.data, &st) == 0 && S_ISLNK(st.st_mode))
		w->blind = 1;
	kg_buf_release(&yaml);
	return w;
}

/* A folder moved away: its watches would report the old name, so they go
 * (the new name, if it is watched, gets new ones). */
static void drop_folder(kg_watch *w, const char *path)
{
	size_t n = strlen(path), kept = 0;
	for (size_t i = 0; i < w->folders.count; i++) {
		watched_folder *f = &w->folders.items[i];
		if (!strncmp(f->path, path, n) && (f->path[n] == '\0' || f->path[n] == '/')) {
			inotify_rm_watch(w->fd, f->wd);
			free(f->path);
			continue;
		}
		w->folders.items[kept++] = *f;
	}
	w->folders.count = kept;
}

static const char *folder_of(const kg_watch *w, int wd)
{
	for (size_t i = 0; i < w->folders.count; i++)
		if (w->folders.items[i].wd == wd)
			return w->folders.items[i].path;
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
			if (ev->mask & IN_Q_OVERFLOW) {
				w->lost = relevant = 1;
				continue;
			}
			const char *name = ev->len ? ev->name : "";
			if (name[0] == '.' || (ev->len && name[strlen(name) - 1] == '~'))
				continue; /* editors' swap and backup files */
			const char *folder = ev->wd == w->root_wd ? w->kit_dir : folder_of(w, ev->wd);
			if (!folder || !ev->len)
				continue; /* events on a watched folder itself: its parent reports them */
			if (ev->wd == w->root_wd && strcmp(name, "kit.yaml") &&
			    !((ev->mask & IN_ISDIR) && is_source_folder(name)))
				continue; /* only kit.yaml and the source folders matter at the top */
			relevant = 1;
			kg_buf child = KG_BUF_INIT;
			kg_buf_printf(&child, "%s/%s", folder, name);
			note_change(w, child.data); /* a folder's name stands for all it holds */
			if ((ev->mask & IN_MOVED_FROM) && (ev->mask & IN_ISDIR))
				drop_folder(w, child.data);
			if ((ev->mask & (IN_CREATE | IN_MOVED_TO)) && (ev->mask & IN_ISDIR)) {
				add_folder(w, child.data, 0);
			} else if (ev->mask & (IN_CREATE | IN_MOVED_TO)) {
				struct stat st;
				if (lstat(child.data, &st) == 0 && S_ISLNK(st.st_mode))
					w->blind = 1;
			}
			kg_buf_release(&child);
		}
	}
	return relevant;
}

static void ignore_change(void *ctx, const char *path)
{
	(void)ctx;
	(void)path;
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

void kg_watch_take_changes(kg_watch *w, void (*fn)(void *ctx, const char *path), void *ctx)
{
	if (w->lost || w->blind)
		fn(ctx, NULL);
	for (size_t i = 0; i < w->changed.count; i++) {
		if (!w->lost && !w->blind)
			fn(ctx, w->changed.items[i]);
		free(w->changed.items[i]);
	}
	kg_array_release(&w->changed);
	w->lost = 0;
}

void kg_watch_close(kg_watch *w)
{
	if (!w)
		return;
	kg_watch_take_changes(w, ignore_change, NULL);
	close(w->fd);
	for (size_t i = 0; i < w->folders.count; i++)
		free(w->folders.items[i].path);
	kg_array_release(&w->folders);
	free(w->kit_dir);
	free(w);
}
