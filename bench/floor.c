/* floor.c: the file-writing floor of a build (issue 28): creates, in a
 * new folder, the files a build wrote, with the same paths and sizes, and
 * does nothing else. No build can be faster than this on the same disk.
 *
 *   floor MANIFEST DEST [-j N]
 *
 * MANIFEST: one file per line, "relative/path<TAB>size" (as `find out
 * -type f -printf '%P\t%s\n' | sort` writes it). DEST must not exist.
 * Folders are made as the paths first need them (each once); files are
 * written with one write per 1 MiB from a buffer of fixed bytes. With
 * -j N the folders are made first, then N threads write every Nth file
 * (the pattern a parallel build could use at best).
 * Not part of kitgen: bench/run compiles it with cc -O2. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct entry {
	char *path;
	long long size;
} entry;

static entry *entries;
static size_t entry_count;
static int dest_fd;
static char chunk[1 << 20];

static void die(const char *what, const char *path)
{
	fprintf(stderr, "floor: %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

/* Makes every folder of path (relative to dest_fd) that the previous
 * path did not already have. */
static void make_folders(const char *path, const char *previous)
{
	size_t common = 0;
	if (previous) {
		/* The folders previous already made: up to its last '/' shared
		 * with path. */
		size_t i = 0;
		while (path[i] && path[i] == previous[i]) {
			if (path[i] == '/')
				common = i + 1;
			i++;
		}
	}
	char buf[4096];
	for (const char *slash = strchr(path + common, '/'); slash; slash = strchr(slash + 1, '/')) {
		size_t len = (size_t)(slash - path);
		if (len >= sizeof buf)
			die("path too long", path);
		memcpy(buf, path, len);
		buf[len] = '\0';
		if (mkdirat(dest_fd, buf, 0755) != 0 && errno != EEXIST)
			die("cannot make", buf);
	}
}

static void write_file(const entry *e)
{
	int fd = openat(dest_fd, e->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		die("cannot create", e->path);
	for (long long left = e->size; left > 0;) {
		size_t n = left > (long long)sizeof chunk ? sizeof chunk : (size_t)left;
		ssize_t w = write(fd, chunk, n);
		if (w <= 0)
			die("cannot write", e->path);
		left -= w;
	}
	if (close(fd) != 0)
		die("cannot close", e->path);
}

typedef struct worker {
	size_t first, step;
} worker;

static void *write_every(void *arg)
{
	const worker *w = arg;
	for (size_t i = w->first; i < entry_count; i += w->step)
		write_file(&entries[i]);
	return NULL;
}

int main(int argc, char **argv)
{
	int threads = 1;
	if (argc == 5 && !strcmp(argv[3], "-j"))
		threads = atoi(argv[4]);
	else if (argc != 3) {
		fprintf(stderr, "usage: floor MANIFEST DEST [-j N]\n");
		return 2;
	}
	if (threads < 1 || threads > 64) {
		fprintf(stderr, "floor: -j takes 1 to 64\n");
		return 2;
	}
	FILE *list = fopen(argv[1], "r");
	if (!list)
		die("cannot read", argv[1]);
	size_t cap = 0;
	char *line = NULL;
	size_t line_cap = 0;
	ssize_t len;
	while ((len = getline(&line, &line_cap, list)) > 0) {
		char *tab = strrchr(line, '\t');
		if (!tab) {
			fprintf(stderr, "floor: %s: a line without a tab\n", argv[1]);
			return 1;
		}
		*tab = '\0';
		if (entry_count == cap) {
			cap = cap ? cap * 2 : 1024;
			entries = realloc(entries, cap * sizeof *entries);
			if (!entries)
				die("out of memory", argv[1]);
		}
		entries[entry_count].path = strdup(line);
		entries[entry_count].size = atoll(tab + 1);
		entry_count++;
	}
	free(line);
	fclose(list);
	memset(chunk, 'x', sizeof chunk);

	if (mkdir(argv[2], 0755) != 0)
		die("cannot make", argv[2]);
	dest_fd = open(argv[2], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dest_fd < 0)
		die("cannot open", argv[2]);
	if (threads == 1) {
		for (size_t i = 0; i < entry_count; i++) {
			make_folders(entries[i].path, i ? entries[i - 1].path : NULL);
			write_file(&entries[i]);
		}
	} else {
		for (size_t i = 0; i < entry_count; i++)
			make_folders(entries[i].path, i ? entries[i - 1].path : NULL);
		pthread_t ids[64];
		worker w[64];
		for (int t = 0; t < threads; t++) {
			w[t] = (worker){(size_t)t, (size_t)threads};
			if (pthread_create(&ids[t], NULL, write_every, &w[t]) != 0)
				die("cannot start a thread for", argv[2]);
		}
		for (int t = 0; t < threads; t++)
			pthread_join(ids[t], NULL);
	}
	close(dest_fd);
	for (size_t i = 0; i < entry_count; i++)
		free(entries[i].path);
	free(entries);
	return 0;
}
