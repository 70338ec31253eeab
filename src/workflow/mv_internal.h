/* mv_internal.h: the plan `kitgen mv` makes (mv.c) and carries out
 * (mv_apply.c): the files that change, each with its new bytes and the
 * bytes to put back, and the pages that move. Internal to workflow/. */
#ifndef KITGEN_WORKFLOW_MV_INTERNAL_H
#define KITGEN_WORKFLOW_MV_INTERNAL_H

#include "kitgen/base/array.h"
#include "kitgen/kit/kit.h"
#include "kitgen/workflow/mv.h"

#include <sys/types.h>

typedef KG_ARRAY(char *) string_list;

/* One file the move changes: the bytes to write, and the bytes to put back
 * if a later step fails. */
typedef struct file_op {
	kg_mv_change_kind kind;
	char *from; /* kit-relative; NULL for EDIT */
	char *path; /* kit-relative; NULL for REMOVE */
	char *data; /* new bytes at path */
	size_t len;
	char *old; /* bytes at from (MOVE, REPLACE, REMOVE) or at path (EDIT) */
	size_t old_len;
	char *replaced; /* REPLACE: the bytes at path */
	size_t replaced_len;
	mode_t mode;
	int moving;          /* part of what moves (else: a link to it rewritten) */
	char *temp;          /* absolute; while the new bytes wait beside path */
	int placed, removed; /* steps done */
} file_op;

/* A page that moves. */
typedef struct moved_page {
	const kg_page *page;           /* the kit's: at the old place, or (after) already at the new */
	char *old_source, *new_source; /* "content/advocacy/x.md" */
	char *old_rel, *new_rel;       /* addresses: "advocacy/x" */
} moved_page;

/* A link destination a page's text changes: the path as written, and the
 * path from the page's new place to the target's new place. */
typedef struct link_change {
	char *old, *new;
} link_change;
typedef KG_ARRAY(link_change) link_changes;

typedef struct plan {
	const kg_mv_options *opt;
	kg_diags *diags;
	kg_kit kit;
	int kit_loaded;
	char *from, *to; /* normalized, kit-relative */
	int section;     /* a folder moves */
	KG_ARRAY(moved_page) moved;
	KG_ARRAY(file_op) ops;
	string_list catalog_dirs; /* every language but the source, and "pot" */
	string_list handled;      /* kit-relative files some op already covers */
	string_list made_dirs;    /* absolute: folders the move made (undone in reverse) */
	int failed;
	long steps; /* file system steps so far (test_fail_step counts them) */
} plan;

/* mv.c: the absolute path of kit-relative rel. Caller frees. */
char *mv_kit_path(const plan *pl, const char *rel);
/* mv_apply.c: carries out the plan's file changes in steps that can each
 * be undone; on a failing step, undoes the steps before it. Returns 0 or
 * -1 (with an error in pl->diags). */
int mv_run(plan *pl);

#endif
