/* theme_files.h: the built-in theme's files, compiled into kitgen from the
 * repository's templates/ folder (cmake/EmbedTheme.cmake writes the
 * table). Static data, sorted by path; each array has a NUL after its size
 * bytes. Private to src/theme/. */
#ifndef KITGEN_THEME_FILES_H
#define KITGEN_THEME_FILES_H

#include <stddef.h>

typedef struct kg_theme_file {
	const char *path;          /* "page.html", "partials/head.html", "assets/style.css" */
	const unsigned char *data; /* size bytes, then a NUL */
	size_t size;
} kg_theme_file;

extern const kg_theme_file kg_theme_files[];
extern const size_t kg_theme_file_count;

#endif
