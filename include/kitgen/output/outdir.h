/* outdir.h: the output tree, written atomically. A kg_outdir owns its
 * paths, the lock and its file lists until kg_outdir_release(); the data
 * it writes is borrowed for the call.
 *
 * A build writes into a fresh folder beside the output folder
 * (".<out>.kitgen-new") and, only when everything succeeded, swaps it in
 * with one atomic rename (renameat2 RENAME_EXCHANGE where the file system
 * has it). A failed, interrupted or killed build leaves the previous output
 * exactly as it was; its leftovers are removed by the next build. Nothing
 * is written or removed outside the output folder and the hidden files and
 * folders beside it. A lock file keeps two builds of one kit apart.
 *
 * Patch mode (incremental builds, kg_outdir_use_patch): the staging folder
 * holds only the files this build wrote; the files it kept stay where they
 * are. The commit first writes a journal (".<out>.kitgen-journal": every
 * file to move in and every file to remove) and then applies it to the
 * output folder, so its cost is that of the change, not of the site. A
 * build that fails or is killed before the journal exists leaves the
 * output as it was; one killed while applying it is finished by the next
 * build, before anything else. A manifest beside the output
 * (".<out>.kitgen-manifest") lists what the output holds, so that files
 * whose source is gone can be removed; without a valid manifest a build
 * uses the full swap.
 */
#ifndef KITGEN_OUTDIR_H
#define KITGEN_OUTDIR_H

#include "kitgen/base/diag.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

typedef struct kg_outdir {
	char *final_path; /* <kit>/<out> */
	char *new_path;   /* <kit>/.<out>.kitgen-new */
	char *old_path;   /* <kit>/.<out>.kitgen-old */
	char *lock_path;
	int lock_fd;
	atomic_long files_written;
	char *journal_path;  /* <kit>/.<out>.kitgen-journal */
	char *manifest_path; /* <kit>/.<out>.kitgen-manifest */
	int no_sync;         /* skip the flush to disk before the swap */
	/* Test hooks, set by the caller after kg_outdir_begin (0: off): SIGKILL
	 * the process after this many files, or this many commit steps. */
	long kill_after;
	long kill_in_commit;
	int patch; /* patch mode (see above) */
	/* The files written to staging (owned); kept files are in old_kept. */
	pthread_mutex_t files_lock;
	char **files;
	size_t file_count, file_cap;
	/* Patch mode: the manifest of the previous output, sorted (pointing
	 * into old_text), an index of it by name, and which files are kept. */
	char **old_files;
	size_t old_count;
	char *old_text;
	uint32_t *old_slots;
	size_t old_mask;
	unsigned char *old_kept;
} kg_outdir;

/* Takes the lock and creates an empty staging folder. */
int kg_outdir_begin(kg_outdir *od, const char *kit_dir, const char *out_name, kg_diags *diags);
/* Writes data to rel (a path inside the output, '/'-separated, no ".."),
 * creating folders. Safe to call from several threads. */
int kg_outdir_write(kg_outdir *od, const char *rel, const void *data, size_t len, kg_diags *diags);
/* Copies the file at src_path to rel. */
int kg_outdir_copy(kg_outdir *od, const char *rel, const char *src_path, kg_diags *diags);
/* Puts the file at src_path (a file of the previous output) at rel, as a
 * hard link when possible: an incremental build reuses what did not change. */
int kg_outdir_link(kg_outdir *od, const char *rel, const char *src_path, kg_diags *diags);
/* Switches to patch mode when the output folder and a valid manifest of it
 * exist, and every folder and file at the top of that manifest is there;
 * returns 1 if it did, 0 if the build must produce every file. Files deeper
 * down are trusted to be what the manifest says: after editing or deleting
 * files inside the output by hand, build with --clean. */
int kg_outdir_use_patch(kg_outdir *od);
/* Patch mode: whether the previous output's manifest lists rel. Files are
 * trusted to be there (see kg_outdir_use_patch for what is checked). */
int kg_outdir_had(const kg_outdir *od, const char *rel);
/* Patch mode: keeps the previous output's rel as it is (no file system
 * call). Returns -1 when the manifest does not list it. */
int kg_outdir_keep(kg_outdir *od, const char *rel);
/* Keeps the previous output's rel in the new output: in patch mode by
 * leaving it where it is (kg_outdir_keep), otherwise as a hard link (or a
 * copy). Returns 1 when it did, 0 when there is no such file. */
int kg_outdir_keep_previous(kg_outdir *od, const char *rel);
/* Path of rel as this build left it (staging if written, else the output
 * folder); caller frees with free(). */
char *kg_outdir_path(const kg_outdir *od, const char *rel);
/* Calls fn for every file of the new output under prefix ("en/": a folder;
 * "" for all), in byte order of rel, with the path where it is now. Not
 * while other threads write. */
void kg_outdir_each(kg_outdir *od, const char *prefix,
                    void (*fn)(void *ud, const char *rel, const char *path), void *ud);
/* Flushes the staging folder to disk and swaps it in (patch mode: moves
 * the written files in and removes the files that are gone). */
int kg_outdir_commit(kg_outdir *od, kg_diags *diags);
/* Removes the staging folder and releases the lock (after commit too). */
void kg_outdir_release(kg_outdir *od);

/* Removes a folder tree without following symbolic links. */
int kg_remove_tree(const char *path);

#endif
