/* theme.h: the built-in theme and a kit's overrides of it.
 *
 * kitgen's default templates and assets are compiled into the binary
 * (from the repository's templates/ folder), so an installed kitgen always
 * has a theme that matches its own template values, and a kit needs no
 * templates/ folder at all. A kit's templates/ overrides any file of the
 * theme by the same path ("partials/header.html", "assets/style.css"), and
 * only those files; it may also add files (a new partial). `kitgen theme
 * export` writes the built-in files with a first-line marker naming the
 * kitgen version and the file's hash, so that an override copied from an
 * older theme whose file has changed since gets a warning naming it.
 *
 * A kg_theme owns its entries and the override files' text; the built-in
 * files are static data it borrows. Nothing here prints.
 */
#ifndef KITGEN_THEME_H
#define KITGEN_THEME_H

#include "kitgen/base/buf.h"
#include "kitgen/base/diag.h"

#include <stddef.h>
#include <stdint.h>

typedef struct kg_theme_entry {
	char *path;         /* owned: "page.html", "partials/head.html", "assets/style.css" */
	char *display_path; /* owned: "templates/page.html", or "(built-in theme)/page.html" */
	const char *data;   /* the text: owned when overridden, else the built-in's (static) */
	size_t size;
	int overridden; /* the kit's templates/ has this file */
	int builtin;    /* the built-in theme has this path */
} kg_theme_entry;

typedef struct kg_theme {
	kg_theme_entry *items; /* sorted by path */
	size_t count, cap;
} kg_theme;

/* The built-in theme, overlaid with <kit_dir>/templates/ when it exists.
 * Returns 0, or -1 with an error (an unreadable override, a file that is
 * not UTF-8 text); warnings name overrides copied from an older theme whose
 * file has changed since. Release with kg_theme_release either way. */
int kg_theme_load(kg_theme *theme, const char *kit_dir, kg_diags *diags);
void kg_theme_release(kg_theme *theme);
/* The entry for path, or NULL. Borrowed from theme. */
const kg_theme_entry *kg_theme_find(const kg_theme *theme, const char *path);
/* 1 for a template (a .html file outside assets/), 0 for an asset. */
int kg_theme_is_template(const char *path);

/* Writes every built-in file under dir (created if missing), each with
 * its marker line. Refuses to overwrite an existing file unless force:
 * returns -1 with an error naming every file in the way, and writes
 * nothing. *written counts the files written. */
int kg_theme_export(const char *dir, int force, size_t *written, kg_diags *diags);

/* The marker line kg_theme_export writes first in path (ends with '\n'). */
void kg_theme_marker(const char *path, kg_buf *out);
/* The hash the marker records: of the built-in file's bytes. */
uint64_t kg_theme_builtin_hash(const char *path);

#endif
