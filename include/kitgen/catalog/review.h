/* review.h: native-speaker review records of page catalogs, and the hash
 * that keeps them from going stale.
 *
 * A language's records live in locales/<lang>/REVIEWS, a plain text file
 * with one line per page, sorted by page (docs/translating.md):
 *   <page>\t<YYYY-MM-DD>\tsha256:<64 hex>\t<reviewer>[\t<note>]
 * <page> is the catalog's path under locales/<lang>/ without ".po"
 * ("education/five-responses", "_index"). A record holds while the hash of
 * the page's catalog (kg_review_hash) is still the one it recorded.
 * A kg_reviews owns every record and string in it (kg_reviews_release).
 */
#ifndef KITGEN_CATALOG_REVIEW_H
#define KITGEN_CATALOG_REVIEW_H

#include "kitgen/base/buf.h"
#include "kitgen/base/diag.h"
#include "kitgen/catalog/catalog.h"

#include <stddef.h>

#define KG_REVIEW_HASH_SIZE 32 /* SHA-256 */
#define KG_REVIEWS_FILE "REVIEWS"

/* A page in a language, as its review record finds it. */
typedef enum kg_review_state {
	KG_REVIEW_NONE,     /* no record (or one whose hash does not parse) */
	KG_REVIEW_CURRENT,  /* the record's hash matches and every unit is translated */
	KG_REVIEW_OUTDATED, /* a record, but the catalog or the English changed since */
} kg_review_state;

typedef struct kg_review {
	char *page;     /* "education/five-responses" */
	char *date;     /* "2026-12-06" */
	char *reviewer; /* who signed off */
	char *note;     /* NULL when none */
	unsigned char hash[KG_REVIEW_HASH_SIZE];
	int hash_ok; /* 0: the hash field did not parse (the page counts as unreviewed) */
	int line;    /* in the file; 0 when made by kg_reviews_set */
} kg_review;

typedef struct kg_reviews {
	kg_review *items; /* sorted by page (strcmp), one per page */
	size_t count, cap;
} kg_reviews;

void kg_reviews_init(kg_reviews *reviews);
void kg_reviews_release(kg_reviews *reviews);

/* Reads records from data (display names the file in diagnostics). A line
 * that is not a record is a warning and is dropped; a record whose hash
 * does not parse is a warning and is kept with hash_ok 0 (so that rewriting
 * the file keeps the reviewer's name). Never fails. */
void kg_reviews_parse(kg_reviews *reviews, const char *data, size_t len, const char *display,
                      kg_diags *diags);
/* The same from a file; a missing file is no records. Returns 0, or -1
 * with an error when the file exists but cannot be read. */
int kg_reviews_read_file(kg_reviews *reviews, const char *path, const char *display, kg_diags *diags);

/* The record of page, or NULL. Borrowed from reviews. */
const kg_review *kg_reviews_find(const kg_reviews *reviews, const char *page);
/* Adds or replaces page's record (strings copied; note may be NULL). */
void kg_reviews_set(kg_reviews *reviews, const char *page, const char *date, const char *reviewer,
                    const char *note, const unsigned char hash[KG_REVIEW_HASH_SIZE]);
/* The file's text: a comment header, then the records in page order. */
void kg_reviews_write(const kg_reviews *reviews, kg_buf *out);

/* The review hash of a catalog: SHA-256 over every entry but the header
 * and obsolete ones, taken in (msgctxt, msgid, msgid_plural) order so that
 * `kitgen update` reordering a page does not matter. Each entry is written
 * as five or more fields, each its length in decimal, ':' and its bytes:
 * "C" or "N" (a msgctxt or none), msgctxt (empty when none), msgid,
 * msgid_plural (empty when none), the number of msgstr, then each msgstr
 * as the build uses it (empty for a fuzzy entry, whose text is not shown).
 * Any change to a translation, to the English it translates, or a
 * translation marked fuzzy changes it. */
void kg_review_hash(const kg_catalog *catalog, unsigned char out[KG_REVIEW_HASH_SIZE]);
/* Appends "sha256:<64 lowercase hex>". */
void kg_review_hash_format(const unsigned char hash[KG_REVIEW_HASH_SIZE], kg_buf *out);

/* 1 when text is allowed in a record field: non-empty UTF-8 without
 * tabs, line breaks or other control characters. */
int kg_review_field_ok(const char *text);

#endif
