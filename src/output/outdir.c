/* outdir.c: atomic output folders (see outdir.h).
 * Owns the staging folder and the lock for the length of one build. */
#define _GNU_SOURCE /* renameat2 */
#include "kitgen/outdir.h"

#include "kitgen/alloc.h"
#include "kitgen/buf.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static char *join(const char *dir, const char *name)
{
	kg_buf b = KG_BUF_INIT;
	kg_buf_printf(&b, "%s/%s", dir, name);
	return kg_buf_detach(&b, NULL);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

int kg_remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : -1;
	return nftw(path, remove_entry, 32, FTW_DEPTH | FTW_PHYS);
}

int kg_outdir_begin(kg_outdir *od, const char *kit_dir, const char *out_name, kg_diags *diags)
{
	memset(od, 0, sizeof(*od));
	od->lock_fd = -1;
	od->final_path = join(kit_dir, out_name);
	kg_buf b = KG_BUF_INIT;
	kg_buf_printf(&b, "%s/.%s.kitgen-new", kit_dir, out_name);
	od->new_path = kg_buf_detach(&b, NULL);
	kg_buf_printf(&b, "%s/.%s.kitgen-old", kit_dir, out_name);
	od->old_path = kg_buf_detach(&b, NULL);
	kg_buf_printf(&b, "%s/.%s.kitgen-lock", kit_dir, out_name);
	od->lock_path = kg_buf_detach(&b, NULL);
	const char *kill_after = getenv("KITGEN_TEST_KILL_AFTER_FILES");
	od->kill_after = kill_after ? atol(kill_after) : 0;

	od->lock_fd = open(od->lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (od->lock_fd < 0) {
		kg_error(diags, od->lock_path, 0, 0, "cannot create the build lock: %s", strerror(errno));
		return -1;
	}
	if (flock(od->lock_fd, LOCK_EX | LOCK_NB) < 0) {
		kg_error(diags, od->final_path, 0, 0, "another kitgen build of this kit is running");
		close(od->lock_fd);
		od->lock_fd = -1;
		return -1;
	}
	struct stat st;
	if (lstat(od->final_path, &st) == 0 && !S_ISDIR(st.st_mode)) {
		kg_error(diags, od->final_path, 0, 0, "output path exists and is not a folder; refusing to replace it");
		return -1;
	}
	/* Leftovers of a build that was killed: ours by name, safe to remove. */
	if (kg_remove_tree(od->new_path) < 0 || kg_remove_tree(od->old_path) < 0) {
		kg_error(diags, od->new_path, 0, 0, "cannot remove a previous build's leftovers: %s",
		         strerror(errno));
		return -1;
	}
	if (mkdir(od->new_path, 0755) < 0) {
		kg_error(diags, od->new_path, 0, 0, "cannot create the staging folder: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* Creates the folders above path's last component, nearest first: in a
 * build almost every new file's parent is new and its grandparent exists,
 * so this is usually one mkdir, not one per component of the path. */
static int make_parents(char *path)
{
	char *slash = strrchr(path, '/');
	if (!slash || slash == path)
		return 0;
	*slash = '\0';
	int rc = mkdir(path, 0755);
	if (rc < 0 && errno == ENOENT && make_parents(path) == 0)
		rc = mkdir(path, 0755);
	if (rc < 0 && errno == EEXIST)
		rc = 0;
	int err = errno;
	*slash = '/';
	errno = err;
	return rc;
}

/* A new file at path, never through an existing name: that may be a hard
 * link into the previous output (incremental builds), which must stay as
 * it was. Folders are made when missing. */
static int create_file(char *path)
{
	int flags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW;
	int fd = open(path, flags, 0644);
	if (fd < 0 && errno == ENOENT) {
		if (make_parents(path) < 0)
			return -1;
		fd = open(path, flags, 0644);
	}
	if (fd < 0 && errno == EEXIST && unlink(path) == 0)
		fd = open(path, flags, 0644);
	return fd;
}

static int valid_rel(const char *rel)
{
	if (!rel[0] || rel[0] == '/')
		return 0;
	for (const char *p = rel; *p;) {
		size_t n = strcspn(p, "/");
		if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		p += n;
		if (*p == '/')
			p++;
	}
	return 1;
}

static void count_file(kg_outdir *od)
{
	long n = atomic_fetch_add(&od->files_written, 1) + 1;
	if (od->kill_after && n >= od->kill_after)
		raise(SIGKILL); /* crash-safety tests: die exactly here */
}

int kg_outdir_write(kg_outdir *od, const char *rel, const void *data, size_t len, kg_diags *diags)
{
	if (!valid_rel(rel)) {
		kg_error(diags, rel, 0, 0, "refusing to write outside the output folder");
		return -1;
	}
	char *path = join(od->new_path, rel);
	int rc = -1;
	int fd = create_file(path);
	if (fd < 0) {
		kg_error(diags, rel, 0, 0, "cannot write: %s", strerror(errno));
		goto out;
	}
	const char *p = data;
	size_t left = len;
	while (left) {
		ssize_t n = write(fd, p, left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			kg_error(diags, rel, 0, 0, "cannot write: %s", strerror(errno));
			close(fd);
			goto out;
		}
		p += n;
		left -= (size_t)n;
	}
	if (close(fd) < 0) {
		kg_error(diags, rel, 0, 0, "cannot write: %s", strerror(errno));
		goto out;
	}
	count_file(od);
	rc = 0;
out:
	free(path);
	return rc;
}

int kg_outdir_copy(kg_outdir *od, const char *rel, const char *src_path, kg_diags *diags)
{
	kg_buf data = KG_BUF_INIT;
	int rc;
	if (kg_buf_read_file(&data, src_path) < 0) {
		kg_error(diags, src_path, 0, 0, "cannot read: %s", strerror(errno));
		rc = -1;
	} else {
		rc = kg_outdir_write(od, rel, data.data, data.len, diags);
	}
	kg_buf_release(&data);
	return rc;
}

int kg_outdir_commit(kg_outdir *od, kg_diags *diags)
{
	/* Everything on disk before the swap, so a power cut cannot expose a
	 * tree whose files are still only in the page cache. */
	if (!od->no_sync) {
		int fd = open(od->new_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd >= 0) {
			syncfs(fd); /* one call for the whole tree, on this file system only */
			close(fd);
		}
	}
	struct stat st;
	if (lstat(od->final_path, &st) < 0) {
		if (rename(od->new_path, od->final_path) < 0) {
			kg_error(diags, od->final_path, 0, 0, "cannot put the new output in place: %s",
			         strerror(errno));
			return -1;
		}
		return 0;
	}
	if (renameat2(AT_FDCWD, od->new_path, AT_FDCWD, od->final_path, RENAME_EXCHANGE) == 0) {
		kg_remove_tree(od->new_path); /* now the old tree */
		return 0;
	}
	/* No RENAME_EXCHANGE (some file systems): two renames; between them a
	 * crash leaves the old tree at old_path, and the next build restores it. */
	if (rename(od->final_path, od->old_path) < 0 || rename(od->new_path, od->final_path) < 0) {
		kg_error(diags, od->final_path, 0, 0, "cannot swap in the new output: %s", strerror(errno));
		return -1;
	}
	kg_remove_tree(od->old_path);
	return 0;
}

void kg_outdir_release(kg_outdir *od)
{
	/* Without the lock the staging folder is another build's: leave it. */
	if (od->new_path && od->lock_fd >= 0)
		kg_remove_tree(od->new_path);
	if (od->lock_fd >= 0)
		close(od->lock_fd);
	free(od->final_path);
	free(od->new_path);
	free(od->old_path);
	free(od->lock_path);
	memset(od, 0, sizeof(*od));
	od->lock_fd = -1;
}

int kg_outdir_link(kg_outdir *od, const char *rel, const char *src_path, kg_diags *diags)
{
	if (!valid_rel(rel)) {
		kg_error(diags, rel, 0, 0, "refusing to write outside the output folder");
		return -1;
	}
	char *path = join(od->new_path, rel);
	int rc = -1;
	int linked = link(src_path, path) == 0;
	if (!linked && errno == ENOENT && make_parents(path) == 0)
		linked = link(src_path, path) == 0;
	if (linked) {
		count_file(od);
		rc = 0;
	}
	free(path);
	/* Another file system, or links not allowed: copy instead. */
	return rc == 0 ? 0 : kg_outdir_copy(od, rel, src_path, diags);
}
