/* mv_apply.c: carrying out the plan of `kitgen mv` (mv_internal.h): new
 * bytes written beside each file, put in place without replacing, old
 * files removed; a failing step undoes the steps before it, so the kit is
 * as it was. Owns nothing beyond one call. */
#include "workflow/mv_internal.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/buf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* Counts a step; -1 (and errno set) when the test hook fails this one. */
static int step(plan *pl)
{
	pl->steps++;
	if (pl->opt->test_fail_step && pl->steps == pl->opt->test_fail_step) {
		errno = EIO;
		return -1;
	}
	return 0;
}

static int write_new(const char *path, const char *data, size_t len, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd < 0)
		return -1;
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, data + done, len - done);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			unlink(path);
			return -1;
		}
		done += (size_t)w;
	}
	if (close(fd) < 0) {
		unlink(path);
		return -1;
	}
	return 0;
}

/* path's folder + "/.<name>.kitgen-mv": hidden, so no kitgen walk reads it. */
static char *temp_for(const char *path)
{
	kg_buf b = KG_BUF_INIT;
	const char *name = base_name(path);
	kg_buf_add(&b, path, (size_t)(name - path));
	kg_buf_printf(&b, ".%s.kitgen-mv", name);
	return kg_buf_detach(&b, NULL);
}

/* Puts bytes at path again (undoing): through a temporary file and rename. */
static int restore(const char *path, const char *data, size_t len, mode_t mode)
{
	char *temp = temp_for(path);
	unlink(temp);
	int rc = write_new(temp, data, len, mode) == 0 && rename(temp, path) == 0 ? 0 : -1;
	if (rc < 0)
		unlink(temp);
	free(temp);
	return rc;
}

static void undo(plan *pl)
{
	for (size_t i = pl->ops.count; i-- > 0;) {
		file_op *op = &pl->ops.items[i];
		char *from = op->from ? mv_kit_path(pl, op->from) : NULL;
		if (op->removed && restore(from, op->old, op->old_len, op->mode) < 0)
			kg_error(pl->diags, op->from, 0, 0, "could not be put back: %s", strerror(errno));
		free(from);
	}
	for (size_t i = pl->ops.count; i-- > 0;) {
		file_op *op = &pl->ops.items[i];
		if (!op->placed)
			continue;
		char *path = mv_kit_path(pl, op->path);
		int rc = op->kind == KG_MV_MOVE      ? unlink(path)
		         : op->kind == KG_MV_REPLACE ? restore(path, op->replaced, op->replaced_len, op->mode)
		                                     : restore(path, op->old, op->old_len, op->mode);
		if (rc < 0)
			kg_error(pl->diags, op->path, 0, 0, "could not be put back: %s", strerror(errno));
		free(path);
	}
	for (size_t i = 0; i < pl->ops.count; i++)
		if (pl->ops.items[i].temp)
			unlink(pl->ops.items[i].temp);
	for (size_t i = pl->made_dirs.count; i-- > 0;)
		rmdir(pl->made_dirs.items[i]);
}

/* Makes the folders above the kit-relative path that are missing. */
static int make_parents(plan *pl, const char *rel)
{
	char *path = mv_kit_path(pl, rel);
	int rc = 0;
	for (char *p = strchr(path + strlen(pl->opt->kit_dir) + 1, '/'); p && rc == 0;
	     p = strchr(p + 1, '/')) {
		*p = '\0';
		struct stat st;
		if (stat(path, &st) < 0) {
			if (step(pl) < 0 || mkdir(path, 0755) < 0)
				rc = -1;
			else
				kg_array_push(&pl->made_dirs, kg_strdup(path));
		}
		*p = '/';
	}
	free(path);
	return rc;
}

/* Removes the folders above the kit-relative path that the move emptied
 * (never content/ or a catalog folder itself). */
static void remove_empty_parents(plan *pl, const char *rel)
{
	char *path = mv_kit_path(pl, rel);
	size_t root = strlen(pl->opt->kit_dir) + 1;
	for (char *p = strrchr(path, '/'); p && (size_t)(p - path) > root; p = strrchr(path, '/')) {
		*p = '\0';
		const char *inside = path + root;
		int keep = !strcmp(inside, "content") ||
		           (!strncmp(inside, "locales/", 8) && !strchr(inside + 8, '/'));
		if (keep || rmdir(path) < 0)
			break;
	}
	free(path);
}

/* Carries out the plan; -1 with every step undone on failure. */
int mv_run(plan *pl)
{
	const char *what = NULL, *where = NULL;
	/* 1. The new bytes, beside their places, in new folders if needed. */
	for (size_t i = 0; i < pl->ops.count; i++) {
		file_op *op = &pl->ops.items[i];
		if (!op->path)
			continue;
		char *path = mv_kit_path(pl, op->path);
		op->temp = temp_for(path);
		free(path);
		unlink(op->temp); /* a leftover of a killed run */
		if (make_parents(pl, op->path) < 0 || step(pl) < 0 ||
		    write_new(op->temp, op->data, op->len, op->mode) < 0) {
			free(op->temp);
			op->temp = NULL;
			what = "cannot write";
			where = op->path;
			goto fail;
		}
	}
	/* 2. In place: a moved file never replaces one (link fails if the
	 * name is taken); an edited or replaced one is swapped atomically. */
	for (size_t i = 0; i < pl->ops.count; i++) {
		file_op *op = &pl->ops.items[i];
		if (!op->path)
			continue;
		char *path = mv_kit_path(pl, op->path);
		int rc = step(pl);
		if (rc == 0 && op->kind == KG_MV_MOVE) {
			struct stat st;
			rc = link(op->temp, path);
			if (rc < 0 && errno != EEXIST && lstat(path, &st) < 0 && errno == ENOENT)
				rc = rename(op->temp, path); /* a file system without hard links */
		} else if (rc == 0) {
			rc = rename(op->temp, path);
		}
		op->placed = rc == 0;
		if (rc == 0 && op->kind == KG_MV_MOVE && unlink(op->temp) < 0 && errno != ENOENT)
			rc = -1;
		free(path);
		if (rc < 0) {
			what = "cannot put in place";
			where = op->path;
			goto fail;
		}
		free(op->temp);
		op->temp = NULL;
	}
	/* 3. The old files go. */
	for (size_t i = 0; i < pl->ops.count; i++) {
		file_op *op = &pl->ops.items[i];
		if (op->kind == KG_MV_EDIT)
			continue;
		char *from = mv_kit_path(pl, op->from);
		int rc = step(pl) == 0 ? unlink(from) : -1;
		free(from);
		if (rc < 0) {
			what = "cannot remove";
			where = op->from;
			goto fail;
		}
		op->removed = 1;
	}
	for (size_t i = 0; i < pl->ops.count; i++)
		if (pl->ops.items[i].from)
			remove_empty_parents(pl, pl->ops.items[i].from);
	return 0;
fail:
	kg_error(pl->diags, where, 0, 0, "%s: %s; nothing was moved", what, strerror(errno));
	undo(pl);
	return -1;
}
