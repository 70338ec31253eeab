/* theme.c: the built-in theme overlaid with a kit's templates/ folder, and
 * `kitgen theme export` (see theme.h). Owns the entries and the override
 * texts of a kg_theme until kg_theme_release; the built-in files are static
 * data (theme_files.c, generated from templates/ at build time). */
#define _GNU_SOURCE /* memmem */
#include "kitgen/theme/theme.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/base/hash.h"
#include "kitgen/base/utf8.h"
#include "theme/theme_files.h"

#include "kitgen_version.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_DEPTH 16                      /* folders inside templates/ */
#define MAX_FILE_BYTES (4u * 1024 * 1024) /* a template is never this big */
#define BUILTIN_PREFIX "(built-in theme)/"

int kg_theme_is_template(const char *path)
{
	size_t n = strlen(path);
	return strncmp(path, "assets/", 7) != 0 && n > 5 && !strcmp(path + n - 5, ".html");
}

static const kg_theme_file *builtin_file(const char *path)
{
	size_t lo = 0, hi = kg_theme_file_count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(path, kg_theme_files[mid].path);
		if (c == 0)
			return &kg_theme_files[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

uint64_t kg_theme_builtin_hash(const char *path)
{
	const kg_theme_file *f = builtin_file(path);
	return f ? kg_hash64(f->data, f->size, 71) : 0;
}

void kg_theme_marker(const char *path, kg_buf *out)
{
	/* A template comment with '-' before its end removes the newline after
	 * it, so an exported file renders exactly as the built-in one. */
	int html = kg_theme_is_template(path);
	kg_buf_puts(out, html ? "{# " : "/* ");
	kg_buf_printf(out, "kitgen theme: %s from kitgen %s (", path, KITGEN_VERSION);
	kg_buf_put_uint(out, kg_theme_builtin_hash(path), 16, 16);
	kg_buf_puts(out, "); see docs/templates.md, overriding the theme");
	kg_buf_puts(out, html ? " -#}\n" : " */\n");
}

/* The version and hash a marker on the first line of text records: 1 when
 * there is one. */
static int read_marker(const char *text, const char *path, char *version, size_t version_size, uint64_t *hash)
{
	const char *eol = strchr(text, '\n');
	size_t line = eol ? (size_t)(eol - text) : strlen(text);
	kg_buf want = KG_BUF_INIT;
	kg_buf_printf(&want, "kitgen theme: %s from kitgen ", path);
	const char *at = memmem(text, line, want.data, want.len);
	int ok = 0;
	if (at) {
		const char *v = at + want.len, *open = memchr(v, '(', line - (size_t)(v - text));
		if (open && open > v && (size_t)(open - v) < version_size) {
			memcpy(version, v, (size_t)(open - v));
			version[open - v - 1] = '\0'; /* drops the space before '(' */
			char *end;
			*hash = strtoull(open + 1, &end, 16);
			ok = *end == ')';
		}
	}
	kg_buf_release(&want);
	return ok;
}

static kg_theme_entry *entry_for(kg_theme *theme, const char *path)
{
	size_t lo = 0, hi = theme->count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(path, theme->items[mid].path);
		if (c == 0)
			return &theme->items[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	kg_array_grow(theme->items, theme->cap, theme->count + 1);
	memmove(&theme->items[lo + 1], &theme->items[lo], (theme->count - lo) * sizeof(*theme->items));
	theme->count++;
	kg_theme_entry *e = &theme->items[lo];
	memset(e, 0, sizeof(*e));
	e->path = kg_strdup(path);
	return e;
}

const kg_theme_entry *kg_theme_find(const kg_theme *theme, const char *path)
{
	size_t lo = 0, hi = theme->count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(path, theme->items[mid].path);
		if (c == 0)
			return &theme->items[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Warns when an override was exported from a theme whose file has changed
 * since (its marker's hash is not the built-in file's now). */
static void check_marker(const kg_theme_entry *e, kg_diags *diags)
{
	char version[64];
	uint64_t recorded;
	if (!read_marker(e->data, e->path, version, sizeof(version), &recorded))
		return;
	if (!builtin_file(e->path))
		kg_warning(
		    diags, e->display_path, 1, 1,
		    "this file was copied from kitgen %s's theme, which had '%s'; kitgen %s's theme no "
		    "longer has it, so nothing uses it unless another template includes it",
		    version, e->path, KITGEN_VERSION);
	else if (recorded != kg_theme_builtin_hash(e->path))
		kg_warning(
		    diags, e->display_path, 1, 1,
		    "this override was copied from kitgen %s's theme; kitgen %s's '%s' has changed since "
		    "(run 'kitgen theme export DIR' and carry your changes over to the new file)",
		    version, KITGEN_VERSION, e->path);
}

static int read_override(kg_theme *theme, const char *full, const char *rel, kg_diags *diags)
{
	kg_buf display = KG_BUF_INIT, text = KG_BUF_INIT;
	kg_buf_printf(&display, "templates/%s", rel);
	int rc = 0;
	struct stat st;
	if (stat(full, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > MAX_FILE_BYTES) {
		kg_error(diags, display.data, 0, 0, "not a regular file of at most 4 MB");
		rc = -1;
	} else if (kg_buf_read_file(&text, full) < 0) {
		kg_error(diags, display.data, 0, 0, "cannot read: %s", strerror(errno));
		rc = -1;
	} else if (kg_utf8_check(text.data, text.len, display.data, 1, diags) < 0) {
		rc = -1;
	} else if (memchr(text.data, '\0', text.len)) {
		kg_error(diags, display.data, 0, 0, "file holds a NUL byte");
		rc = -1;
	}
	if (rc == 0) {
		kg_theme_entry *e = entry_for(theme, rel);
		if (e->overridden)
			free((char *)e->data);
		free(e->display_path);
		e->display_path = kg_buf_detach(&display, NULL);
		e->data = kg_buf_detach(&text, &e->size);
		e->overridden = 1;
		check_marker(e, diags);
	}
	kg_buf_release(&display);
	kg_buf_release(&text);
	return rc;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads every file under <templates>/<rel> as an override, in sorted order
 * (diagnostics come out the same way every time). */
static int walk(kg_theme *theme, const char *templates, const char *rel, int depth, kg_diags *diags)
{
	kg_buf dir = KG_BUF_INIT;
	kg_buf_puts(&dir, templates);
	if (rel[0])
		kg_buf_printf(&dir, "/%s", rel);
	DIR *d = opendir(dir.data);
	int rc = 0;
	if (!d) {
		kg_error(diags, rel[0] ? rel : "templates", 0, 0, "cannot read folder: %s", strerror(errno));
		kg_buf_release(&dir);
		return -1;
	}
	KG_ARRAY(char *) names = KG_ARRAY_INIT;
	struct dirent *ent;
	while ((ent = readdir(d)))
		if (ent->d_name[0] != '.')
			kg_array_push(&names, kg_strdup(ent->d_name));
	closedir(d);
	if (names.count > 1)
		qsort(names.items, names.count, sizeof(char *), compare_names);
	for (size_t i = 0; i < names.count; i++) {
		kg_buf child = KG_BUF_INIT, full = KG_BUF_INIT;
		if (rel[0])
			kg_buf_printf(&child, "%s/%s", rel, names.items[i]);
		else
			kg_buf_puts(&child, names.items[i]);
		kg_buf_printf(&full, "%s/%s", templates, child.data);
		struct stat st;
		if (stat(full.data, &st) == 0 && S_ISDIR(st.st_mode)) {
			if (depth >= MAX_DEPTH) {
				kg_error(diags, "templates", 0, 0, "'%s' is nested more than %d folders deep",
				         child.data, MAX_DEPTH);
				rc = -1;
			} else if (walk(theme, templates, child.data, depth + 1, diags) < 0) {
				rc = -1;
			}
		} else if (read_override(theme, full.data, child.data, diags) < 0) {
			rc = -1;
		}
		kg_buf_release(&child);
		kg_buf_release(&full);
		free(names.items[i]);
	}
	kg_array_release(&names);
	kg_buf_release(&dir);
	return rc;
}

int kg_theme_load(kg_theme *theme, const char *kit_dir, kg_diags *diags)
{
	memset(theme, 0, sizeof(*theme));
	for (size_t i = 0; i < kg_theme_file_count; i++) {
		const kg_theme_file *f = &kg_theme_files[i];
		kg_theme_entry *e = entry_for(theme, f->path);
		kg_buf display = KG_BUF_INIT;
		kg_buf_printf(&display, BUILTIN_PREFIX "%s", f->path);
		e->display_path = kg_buf_detach(&display, NULL);
		e->data = (const char *)f->data;
		e->size = f->size;
		e->builtin = 1;
	}
	kg_buf templates = KG_BUF_INIT;
	kg_buf_printf(&templates, "%s/templates", kit_dir);
	struct stat st;
	int rc = 0;
	if (stat(templates.data, &st) == 0) {
		if (!S_ISDIR(st.st_mode)) {
			kg_error(diags, "templates", 0, 0, "'templates' must be a folder of theme overrides");
			rc = -1;
		} else {
			rc = walk(theme, templates.data, "", 0, diags);
		}
	}
	kg_buf_release(&templates);
	return rc;
}

void kg_theme_release(kg_theme *theme)
{
	for (size_t i = 0; i < theme->count; i++) {
		kg_theme_entry *e = &theme->items[i];
		if (e->overridden)
			free((char *)e->data);
		free(e->path);
		free(e->display_path);
	}
	free(theme->items);
	memset(theme, 0, sizeof(*theme));
}

/* mkdir -p for the folders above path's last component. */
static int make_parents(const char *path)
{
	char *copy = kg_strdup(path);
	int rc = 0;
	for (char *p = copy + 1; *p && rc == 0; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0755) < 0 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	free(copy);
	return rc;
}

int kg_theme_export(const char *dir, int force, size_t *written, kg_diags *diags)
{
	*written = 0;
	int rc = 0;
	struct stat st;
	for (size_t i = 0; !force && i < kg_theme_file_count; i++) {
		kg_buf path = KG_BUF_INIT;
		kg_buf_printf(&path, "%s/%s", dir, kg_theme_files[i].path);
		if (lstat(path.data, &st) == 0) {
			kg_error(diags, path.data, 0, 0,
			         "already exists; not overwritten (use --force to replace it)");
			rc = -1;
		}
		kg_buf_release(&path);
	}
	if (rc < 0)
		return -1;
	for (size_t i = 0; i < kg_theme_file_count; i++) {
		const kg_theme_file *f = &kg_theme_files[i];
		kg_buf path = KG_BUF_INIT, text = KG_BUF_INIT;
		kg_buf_printf(&path, "%s/%s", dir, f->path);
		kg_theme_marker(f->path, &text);
		kg_buf_add(&text, (const char *)f->data, f->size);
		FILE *out = NULL;
		if (make_parents(path.data) < 0 || !(out = fopen(path.data, "wb")) ||
		    fwrite(text.data, 1, text.len, out) != text.len) {
			kg_error(diags, path.data, 0, 0, "cannot write: %s", strerror(errno));
			rc = -1;
		} else {
			(*written)++;
		}
		if (out && fclose(out) != 0 && rc == 0) {
			kg_error(diags, path.data, 0, 0, "cannot write: %s", strerror(errno));
			rc = -1;
		}
		kg_buf_release(&path);
		kg_buf_release(&text);
		if (rc < 0)
			break;
	}
	return rc;
}
