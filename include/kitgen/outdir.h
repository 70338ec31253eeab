/* outdir.h: the output tree, written atomically.
 *
 * A build writes into a fresh folder beside the output folder
 * (".<out>.kitgen-new") and, only when everything succeeded, swaps it in
 * with one atomic rename (renameat2 RENAME_EXCHANGE where the file system
 * has it). A failed, interrupted or killed build leaves the previous output
 * exactly as it was; its leftovers are removed by the next build. Nothing
 * is written or removed outside the output folder and the two hidden
 * folders beside it. A lock file keeps two builds of one kit apart.
 */
#ifndef KITGEN_OUTDIR_H
#define KITGEN_OUTDIR_H

#include "kitgen/diag.h"

#include <stdatomic.h>
#include <stddef.h>

typedef struct kg_outdir {
	char *final_path; /* <kit>/<out> */
	char *new_path;   /* <kit>/.<out>.kitgen-new */
	char *old_path;   /* <kit>/.<out>.kitgen-old */
	char *lock_path;
	int lock_fd;
	atomic_long files_written;
	int no_sync;     /* skip the flush to disk before the swap */
	long kill_after; /* test hook: SIGKILL self after this many files (0: off) */
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
/* Flushes the staging folder to disk and swaps it in. */
int kg_outdir_commit(kg_outdir *od, kg_diags *diags);
/* Removes the staging folder and releases the lock (after commit too). */
void kg_outdir_release(kg_outdir *od);

/* Removes a folder tree without following symbolic links. */
int kg_remove_tree(const char *path);

#endif
