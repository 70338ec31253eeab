/* review.h: `kitgen review` — a native speaker's sign-off of pages in one
 * language, recorded in locales/<lang>/REVIEWS (catalog/review.h) with
 * the hash of each page's catalog, so the record lapses by itself when a
 * translation or its English changes. Each call loads and frees the kit.
 */
#ifndef KITGEN_WORKFLOW_REVIEW_H
#define KITGEN_WORKFLOW_REVIEW_H

#include "kitgen/base/diag.h"

#include <stddef.h>

typedef struct kg_review_request {
	const char *kit_dir;
	const char *lang;         /* a translated language of the kit */
	const char *const *pages; /* as the user names them: content/a/b.md, a/b.md, a/b or the catalog */
	size_t page_count;
	const char *reviewer; /* who reviewed (no tabs or line breaks) */
	const char *note;     /* NULL, or a short note (the same rule) */
	const char *date;     /* "YYYY-MM-DD" */
} kg_review_request;

/* Records the review of every page, or of none: a page that is not in
 * the kit, has no catalog, or has an untranslated, fuzzy or refused unit
 * is an error naming the catalog, line and unit, and nothing is written.
 * Returns 0 (REVIEWS written, only when it changes) or -1 with errors. */
int kg_review_record(const kg_review_request *req, kg_diags *diags);

#endif
