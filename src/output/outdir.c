/* outdir.c: atomic output folders (see outdir.h).
 * Owns the staging folder, the lock, the journal and the manifest for the
 * length of one build, and the list of the files the build produces. */
#define _GNU_SOURCE /* renameat2 */
#include "kitgen/output/outdir.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/base/buf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
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

static int roll_forward(kg_outdir *od, kg_diags *diags);
static int commit_swap(kg_outdir *od, kg_diags *diags);

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
	kg_buf_printf(&b, "%s/.%s.kitgen-journal", kit_dir, out_name);
	od->journal_path = kg_buf_detach(&b, NULL);
	kg_buf_printf(&b, "%s/.%s.kitgen-manifest", kit_dir, out_name);
	od->manifest_path = kg_buf_detach(&b, NULL);
	pthread_mutex_init(&od->files_lock, NULL);

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
		kg_error(diags, od->final_path, 0, 0,
		         "output path exists and is not a folder; refusing to replace it");
		return -1;
	}
	/* A patch commit that was killed half-way is finished first: its
	 * journal says what it was doing, and its staging folder still holds
	 * the files it had not moved yet. */
	if (roll_forward(od, diags) < 0)
		return -1;
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

/* ---- the files of the new output ---- */

static void free_list(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

/* A file written to staging (kept files are marked in old_kept instead). */
static void record_file(kg_outdir *od, const char *rel)
{
	pthread_mutex_lock(&od->files_lock);
	kg_array_grow(od->files, od->file_cap, od->file_count + 1);
	od->files[od->file_count++] = kg_strdup(rel);
	pthread_mutex_unlock(&od->files_lock);
}

static int compare_rel(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Sorts the written files and drops repeats (a name written twice). */
static void sort_files(kg_outdir *od)
{
	if (od->file_count > 1)
		qsort(od->files, od->file_count, sizeof(char *), compare_rel);
	size_t m = 0;
	for (size_t i = 0; i < od->file_count; i++) {
		if (m && !strcmp(od->files[m - 1], od->files[i])) {
			free(od->files[i]);
			continue;
		}
		od->files[m++] = od->files[i];
	}
	od->file_count = m;
}

/* Walks the new output in byte order: the files written (sorted) merged
 * with the previous output's files that were kept. A name both written
 * and kept comes once, as written. */
typedef struct file_walk {
	const kg_outdir *od;
	size_t old, written;
} file_walk;

static const char *next_file(file_walk *w, int *staged)
{
	const kg_outdir *od = w->od;
	while (w->old < od->old_count && !od->old_kept[w->old])
		w->old++;
	int have_old = w->old < od->old_count, have_new = w->written < od->file_count;
	if (!have_old && !have_new)
		return NULL;
	int c = !have_old ? 1 : !have_new ? -1 : strcmp(od->old_files[w->old], od->files[w->written]);
	if (c < 0) {
		*staged = 0;
		return od->old_files[w->old++];
	}
	w->old += c == 0;
	*staged = 1;
	return od->files[w->written++];
}

/* ---- manifest and journal ---- */

static uint64_t fnv(uint64_t h, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

/* Writes text to path through a temporary name and a rename, so that a
 * reader sees the old file or the whole new one. */
static int write_whole(const char *path, const kg_buf *text, int sync)
{
	kg_buf tmp = KG_BUF_INIT;
	kg_buf_printf(&tmp, "%s.tmp", path);
	int fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
	int rc = -1;
	if (fd >= 0) {
		size_t off = 0;
		while (off < text->len) {
			ssize_t n = write(fd, text->data + off, text->len - off);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			off += (size_t)n;
		}
		if (off == text->len && (!sync || fsync(fd) == 0) && close(fd) == 0)
			rc = rename(tmp.data, path);
		else
			close(fd);
	}
	if (rc < 0)
		unlink(tmp.data);
	kg_buf_release(&tmp);
	return rc;
}

/* "kitgen-manifest 1", one file per line in byte order, then
 * "end <count> <hash of the lines>". */
static void write_manifest(kg_outdir *od)
{
	kg_buf text = KG_BUF_INIT;
	uint64_t h = 1469598103934665603ull;
	kg_buf_puts(&text, "kitgen-manifest 1\n");
	file_walk w = {od, 0, 0};
	size_t count = 0;
	int staged;
	for (const char *rel; (rel = next_file(&w, &staged)); count++) {
		size_t len = strlen(rel);
		h = fnv(h, rel, len + 1);
		kg_buf_add(&text, rel, len);
		kg_buf_putc(&text, '\n');
	}
	kg_buf_printf(&text, "end %zu %016llx\n", count, (unsigned long long)h);
	write_whole(od->manifest_path, &text, !od->no_sync);
	kg_buf_release(&text);
}

/* The previous output's manifest, or -1 if it is missing, damaged or not
 * in order (then the build swaps in a complete new tree). */
static void forget_manifest(kg_outdir *od)
{
	free(od->old_files);
	free(od->old_text);
	free(od->old_kept);
	free(od->old_slots);
	od->old_files = NULL;
	od->old_text = NULL;
	od->old_kept = NULL;
	od->old_slots = NULL;
	od->old_count = 0;
}

/* An index of the old files by name: open addressing, a slot holds the
 * file's index + 1. A one-page rebuild asks about every kept file, and a
 * binary search over 50,000 names with long shared prefixes cost more
 * than the rest of the lookup. */
static size_t old_slot(const kg_outdir *od, const char *rel)
{
	uint64_t h = fnv(1469598103934665603ull, rel, strlen(rel));
	size_t mask = od->old_mask;
	for (size_t i = (size_t)(h ^ h >> 29) & mask;; i = (i + 1) & mask) {
		uint32_t at = od->old_slots[i];
		if (!at || !strcmp(od->old_files[at - 1], rel))
			return i;
	}
}

static void index_manifest(kg_outdir *od)
{
	size_t slots = 16;
	while (slots < od->old_count * 2)
		slots *= 2;
	od->old_mask = slots - 1;
	od->old_slots = kg_calloc(slots, sizeof(uint32_t));
	for (size_t i = 0; i < od->old_count; i++)
		od->old_slots[old_slot(od, od->old_files[i])] = (uint32_t)(i + 1);
	od->old_kept = kg_calloc(od->old_count ? od->old_count : 1, 1);
}

/* Index of rel in the old manifest, or SIZE_MAX. */
static size_t old_index(const kg_outdir *od, const char *rel)
{
	if (!od->patch || !od->old_count)
		return SIZE_MAX;
	uint32_t at = od->old_slots[old_slot(od, rel)];
	return at ? (size_t)at - 1 : SIZE_MAX;
}

static int read_manifest(kg_outdir *od)
{
	kg_buf text = KG_BUF_INIT;
	if (kg_buf_read_file(&text, od->manifest_path) < 0)
		return -1;
	const char *head = "kitgen-manifest 1\n";
	int ok = text.len > strlen(head) && !memcmp(text.data, head, strlen(head)) &&
	         text.data[text.len - 1] == '\n';
	KG_ARRAY(char *) files = KG_ARRAY_INIT; /* into the text, kept with the list */
	uint64_t h = 1469598103934665603ull;
	char *p = text.data + strlen(head), *end = text.data + text.len;
	while (ok && p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		*nl = '\0';
		if (!strncmp(p, "end ", 4)) {
			size_t n;
			unsigned long long want;
			ok = nl + 1 == end && sscanf(p + 4, "%zu %llx", &n, &want) == 2 && n == files.count &&
			     want == h;
			p = nl + 1;
			break;
		}
		ok = valid_rel(p) && (!files.count || strcmp(files.items[files.count - 1], p) < 0);
		if (ok) {
			kg_array_push(&files, p);
			h = fnv(h, p, (size_t)(nl - p) + 1);
		}
		p = nl + 1;
	}
	ok = ok && p == end && files.count <= 10000000;
	if (!ok) {
		kg_array_release(&files);
		kg_buf_release(&text);
		return -1;
	}
	forget_manifest(od);
	kg_array_detach(&files, &od->old_files, &od->old_count);
	od->old_text = kg_buf_detach(&text, NULL);
	index_manifest(od);
	return 0;
}

/* Removes the now empty folders above path, up to the output folder. */
static void prune_parents(kg_outdir *od, char *path)
{
	size_t root = strlen(od->final_path);
	for (char *slash = strrchr(path, '/'); slash && (size_t)(slash - path) > root;
	     slash = strrchr(path, '/')) {
		*slash = '\0';
		int rc = rmdir(path);
		if (rc < 0) {
			*slash = '/';
			break;
		}
	}
}

static void commit_step(kg_outdir *od, long *steps)
{
	if (od->kill_in_commit && ++*steps >= od->kill_in_commit)
		raise(SIGKILL); /* crash-safety tests: die exactly here */
}

/* Applies a journal: removals first (a file may become a folder or the
 * other way round), then the moves. Each step can be done twice: a move
 * whose staged file is gone was done. Returns the number of failures. */
static int apply_journal(kg_outdir *od, char *text, size_t len, kg_diags *diags)
{
	int failures = 0;
	long steps = 0;
	for (int pass = 0; pass < 2; pass++) {
		char want = pass == 0 ? 'D' : 'R';
		for (char *p = text, *end = text + len; p < end;) {
			char *nl = memchr(p, '\n', (size_t)(end - p));
			if (!nl)
				break;
			*nl = '\0';
			if (p[0] == want && p[1] == ' ' && valid_rel(p + 2)) {
				char *dst = join(od->final_path, p + 2);
				if (want == 'D') {
					if (unlink(dst) == 0)
						prune_parents(od, dst);
				} else {
					char *src = join(od->new_path, p + 2);
					int rc = rename(src, dst);
					if (rc < 0 && errno == ENOENT && access(src, F_OK) == 0 &&
					    make_parents(dst) == 0)
						rc = rename(src, dst);
					if (rc < 0 && access(src, F_OK) == 0) {
						kg_error(diags, dst, 0, 0, "cannot update the output: %s",
						         strerror(errno));
						failures++;
					}
					free(src);
				}
				free(dst);
				commit_step(od, &steps);
			}
			*nl = '\n';
			p = nl + 1;
		}
	}
	return failures;
}

/* A journal left by a killed commit: finish it. The manifest may not match
 * what was done, so it goes: the next build swaps in a whole tree. */
static int roll_forward(kg_outdir *od, kg_diags *diags)
{
	kg_buf text = KG_BUF_INIT;
	if (kg_buf_read_file(&text, od->journal_path) < 0) {
		kg_buf_release(&text);
		return 0;
	}
	const char *head = "kitgen-journal 1\n", *tail = "end\n";
	int whole = text.len >= strlen(head) + strlen(tail) && !memcmp(text.data, head, strlen(head)) &&
	            !memcmp(text.data + text.len - strlen(tail), tail, strlen(tail));
	if (whole) {
		od->kill_in_commit = 0;
		apply_journal(od, text.data, text.len, diags);
	}
	kg_buf_release(&text);
	unlink(od->manifest_path);
	if (unlink(od->journal_path) < 0 && errno != ENOENT) {
		kg_error(diags, od->journal_path, 0, 0, "cannot remove the journal: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* The manifest is trusted file by file (a stat per kept file would cost
 * more than the rest of a one-page rebuild of a large kit), but a folder
 * or file at the top of the output that is gone, such as a language
 * folder deleted by hand, means out/ is not what it says: swap in full. */
static int manifest_tops_exist(const kg_outdir *od)
{
	kg_buf path = KG_BUF_INIT;
	const char *last = NULL;
	size_t last_len = 0;
	int ok = 1;
	for (size_t i = 0; ok && i < od->old_count; i++) {
		const char *rel = od->old_files[i];
		const char *slash = strchr(rel, '/');
		size_t len = slash ? (size_t)(slash - rel) : strlen(rel);
		if (last && len == last_len && !memcmp(rel, last, len))
			continue;
		last = rel;
		last_len = len;
		kg_buf_reset(&path);
		kg_buf_printf(&path, "%s/%.*s", od->final_path, (int)len, rel);
		struct stat st;
		ok = lstat(path.data, &st) == 0 && (slash ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode));
	}
	kg_buf_release(&path);
	return ok;
}

int kg_outdir_use_patch(kg_outdir *od)
{
	struct stat st;
	if (lstat(od->final_path, &st) < 0 || !S_ISDIR(st.st_mode) || read_manifest(od) < 0 ||
	    !manifest_tops_exist(od))
		return 0;
	od->patch = 1;
	return 1;
}

int kg_outdir_had(const kg_outdir *od, const char *rel) { return old_index(od, rel) != SIZE_MAX; }

int kg_outdir_keep(kg_outdir *od, const char *rel)
{
	size_t i = old_index(od, rel);
	if (i == SIZE_MAX)
		return -1;
	od->old_kept[i] = 1; /* one byte per file: threads keep different files */
	count_file(od);
	return 0;
}

int kg_outdir_keep_previous(kg_outdir *od, const char *rel)
{
	if (od->patch) /* out/ holds what its manifest lists */
		return kg_outdir_keep(od, rel) == 0;
	kg_buf old = KG_BUF_INIT;
	kg_buf_printf(&old, "%s/%s", od->final_path, rel);
	struct stat st;
	kg_diags quiet;
	kg_diags_init(&quiet);
	int ok =
	    stat(old.data, &st) == 0 && S_ISREG(st.st_mode) && kg_outdir_link(od, rel, old.data, &quiet) == 0;
	kg_diags_release(&quiet);
	kg_buf_release(&old);
	return ok;
}

char *kg_outdir_path(const kg_outdir *od, const char *rel)
{
	char *staged = join(od->new_path, rel);
	struct stat st;
	if (!od->patch || lstat(staged, &st) == 0)
		return staged;
	free(staged);
	return join(od->final_path, rel);
}

void kg_outdir_each(kg_outdir *od, const char *prefix,
                    void (*fn)(void *ud, const char *rel, const char *path), void *ud)
{
	sort_files(od);
	size_t n = strlen(prefix);
	file_walk w = {od, 0, 0};
	int staged;
	for (const char *rel; (rel = next_file(&w, &staged));) {
		if (strncmp(rel, prefix, n))
			continue;
		char *path = join(staged ? od->new_path : od->final_path, rel);
		fn(ud, rel, path);
		free(path);
	}
}

static int commit_patch(kg_outdir *od, kg_diags *diags)
{
	sort_files(od);
	kg_buf journal = KG_BUF_INIT;
	kg_buf_puts(&journal, "kitgen-journal 1\n");
	size_t moves = 0, removals = 0;
	for (size_t i = 0, j = 0; i < od->old_count || j < od->file_count;) {
		int c = i >= od->old_count    ? 1
		        : j >= od->file_count ? -1
		                              : strcmp(od->old_files[i], od->files[j]);
		if (c < 0) {
			if (!od->old_kept[i]) {
				kg_buf_add(&journal, "D ", 2);
				kg_buf_puts(&journal, od->old_files[i]);
				kg_buf_putc(&journal, '\n');
				removals++;
			}
			i++;
		} else {
			kg_buf_add(&journal, "R ", 2);
			kg_buf_puts(&journal, od->files[j++]);
			kg_buf_putc(&journal, '\n');
			moves++;
			i += c == 0;
		}
	}
	kg_buf_puts(&journal, "end\n");
	if (!od->no_sync) {
		int fd = open(od->new_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd >= 0) {
			syncfs(fd);
			close(fd);
		}
	}
	int rc = 0;
	if (moves || removals) {
		/* The commit point: once the journal exists, the change happens. */
		if (write_whole(od->journal_path, &journal, !od->no_sync) < 0) {
			kg_error(diags, od->journal_path, 0, 0, "cannot write the journal: %s",
			         strerror(errno));
			kg_buf_release(&journal);
			return -1;
		}
		if (apply_journal(od, journal.data, journal.len, diags) > 0) {
			unlink(od->manifest_path); /* the next build writes everything */
			rc = -1;
		} else {
			write_manifest(od);
		}
		unlink(od->journal_path);
	}
	kg_buf_release(&journal);
	return rc;
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
	record_file(od, rel);
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
	if (od->patch)
		return commit_patch(od, diags);
	/* The manifest describes the tree being replaced: gone until the new
	 * one is in place. */
	unlink(od->manifest_path);
	sort_files(od);
	int rc = commit_swap(od, diags);
	if (rc == 0)
		write_manifest(od);
	return rc;
}

static int commit_swap(kg_outdir *od, kg_diags *diags)
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
	if (od->journal_path) /* begin ran: the mutex exists */
		pthread_mutex_destroy(&od->files_lock);
	free(od->journal_path);
	free(od->manifest_path);
	free_list(od->files, od->file_count);
	forget_manifest(od);
	memset(od, 0, sizeof(*od));
	od->lock_fd = -1;
}

int kg_outdir_link(kg_outdir *od, const char *rel, const char *src_path, kg_diags *diags)
{
	if (!valid_rel(rel)) {
		kg_error(diags, rel, 0, 0, "refusing to write outside the output folder");
		return -1;
	}
	if (od->patch) {
		/* The previous output's own file stays where it is. */
		size_t n = strlen(od->final_path);
		if (!strncmp(src_path, od->final_path, n) && src_path[n] == '/' &&
		    !strcmp(src_path + n + 1, rel) && kg_outdir_keep(od, rel) == 0)
			return 0;
	}
	char *path = join(od->new_path, rel);
	int rc = -1;
	int linked = link(src_path, path) == 0;
	if (!linked && errno == ENOENT && make_parents(path) == 0)
		linked = link(src_path, path) == 0;
	if (linked) {
		record_file(od, rel);
		count_file(od);
		rc = 0;
	}
	free(path);
	/* Another file system, or links not allowed: copy instead. */
	return rc == 0 ? 0 : kg_outdir_copy(od, rel, src_path, diags);
}
