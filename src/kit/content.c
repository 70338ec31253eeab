/* content.c: loads a kit — kit.yaml, every page under content/ with its
 * front matter, and the static files to copy (content/ non-Markdown files
 * and templates/assets/). The kit owns everything it loads. Paths that
 * resolve outside the kit (symlinks, "..") are refused. */
#include "kitgen/kit/kit.h"
#include "kitgen/base/utf8.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/base/buf.h"
#include "kitgen/locale/encoding.h"
#include "kitgen/locale/locale.h"
#include "kitgen/base/pool.h"
#include "kitgen/base/sort.h"
#include "kitgen/base/suggest.h"
#include "kitgen/kit/yaml.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define MAX_FILE_BYTES (16u * 1024 * 1024) /* a training module is never this big */

/* Finds the line that closes the front matter: "---" or "..." alone. */
static const char *find_closing(const char *p, const char *end, int *line)
{
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *line_end = eol ? eol : end;
		size_t n = (size_t)(line_end - p);
		if (n && p[n - 1] == '\r')
			n--;
		if (n == 3 && (!memcmp(p, "---", 3) || !memcmp(p, "...", 3)))
			return p;
		(*line)++;
		p = eol ? eol + 1 : end;
	}
	return NULL;
}

typedef struct name_check {
	const kg_config *cfg;
	const kg_page *page;
	int line;
	kg_diags *diags;
} name_check;

static void check_name(void *ctx, const char *name, size_t len, size_t offset)
{
	(void)offset;
	name_check *nc = ctx;
	if (kg_config_find_var(nc->cfg, name, len))
		return;
	const char **names = kg_calloc(nc->cfg->var_count + 1, sizeof(char *));
	for (size_t i = 0; i < nc->cfg->var_count; i++)
		names[i] = nc->cfg->vars[i].name;
	const char *hint = kg_suggest_word(name, len, names, 2);
	if (hint)
		kg_error(nc->diags, nc->page->source_path, nc->line, 0,
		         "unknown placeholder '{{ %.*s }}'; did you mean '{{ %s }}'?", (int)len, name, hint);
	else
		kg_error(nc->diags, nc->page->source_path, nc->line, 0, "unknown placeholder '{{ %.*s }}'",
		         (int)len, name);
	free(names);
}

/* A title or summary naming a var kit.yaml does not have (the body is
 * checked where it is rendered, with positions from cmark). */
static void check_front_matter_placeholders(const kg_config *cfg, const kg_page *page, kg_diags *diags)
{
	name_check nc = {cfg, page, page->title_line, diags};
	if (page->title)
		kg_placeholders_each(page->title, check_name, &nc);
	nc.line = page->summary_line;
	if (page->summary)
		kg_placeholders_each(page->summary, check_name, &nc);
}

/* "[our form]({{ report_url }})": CommonMark takes no spaces in a link
 * destination, so the placeholder would print with its brackets. Right
 * after "](" (or "![..](") a placeholder is written without its spaces,
 * "({{report_url}})", which cmark reads as the destination and the HTML
 * renderer fills (a URL var). Only spaces go, so lines keep their numbers.
 * Returns the new length. */
static size_t tighten_link_placeholders(char *body)
{
	char *w = body;
	for (const char *p = body; *p;) {
		if (p[0] == ']' && p[1] == '(') {
			const char *q = p + 2;
			while (*q == ' ')
				q++;
			if (q[0] == '{' && q[1] == '{') {
				const char *a = q + 2;
				while (*a == ' ')
					a++;
				const char *b = a;
				while (isalnum((unsigned char)*b) || *b == '_')
					b++;
				const char *c = b;
				while (*c == ' ')
					c++;
				if (b > a && c[0] == '}' && c[1] == '}') {
					memcpy(w, "]({{", 4);
					w += 4;
					memmove(w, a, (size_t)(b - a));
					w += b - a;
					memcpy(w, "}}", 2);
					w += 2;
					p = c + 2;
					continue;
				}
			}
		}
		*w++ = *p++;
	}
	*w = '\0';
	return (size_t)(w - body);
}

int kg_page_parse(kg_page *page, const char *text, size_t len, kg_diags *diags)
{
	const char *file = page->source_path;
	const char *p = text, *end = text + len;
	if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) /* a BOM from Windows editors */
		p += 3;
	if (kg_utf8_check(p, (size_t)(end - p), file, 1, diags) < 0)
		return -1;
	if (!((end - p >= 4 && !memcmp(p, "---\n", 4)) || (end - p >= 5 && !memcmp(p, "---\r\n", 5)))) {
		kg_error(diags, file, 1, 1, "page must start with front matter ('---' on the first line)");
		return -1;
	}
	const char *yaml_start = strchr(p, '\n') + 1;
	int line = 2;
	const char *close = find_closing(yaml_start, end, &line);
	if (!close) {
		kg_error(diags, file, 1, 1, "front matter opened here is never closed with '---'");
		return -1;
	}
	kg_yaml *root = kg_yaml_parse(yaml_start, (size_t)(close - yaml_start), file, 2, diags);
	if (!root)
		return -1;
	int rc = kg_front_matter_read(page, root, diags);
	kg_yaml_free(root);
	const char *body = memchr(close, '\n', (size_t)(end - close));
	body = body ? body + 1 : end;
	page->body_line = line + 1;
	page->body_len = (size_t)(end - body);
	page->body = kg_strndup(body, page->body_len);
	page->body_len = tighten_link_placeholders(page->body);
	return rc;
}

void kg_page_release(kg_page *page)
{
	free(page->source_path);
	free(page->file_path);
	free(page->rel_path);
	free(page->section);
	free(page->title);
	free(page->summary);
	for (size_t i = 0; i < page->audience_count; i++)
		free(page->audience[i]);
	free(page->audience);
	free(page->strategy);
	free(page->updated);
	free(page->body);
	for (size_t i = 0; i < page->alias_count; i++)
		free(page->aliases[i].path);
	free(page->aliases);
	memset(page, 0, sizeof(*page));
}

/* ---- walking the content tree ---- */

typedef struct walker {
	kg_kit *kit;
	kg_diags *diags;
	int failed;
	size_t page_cap, file_cap;
	const kg_kit_reuse *reuse; /* NULL: read every page */
	size_t *reuse_order;       /* reuse->previous's pages by file_path */
	unsigned char *taken;      /* per previous page: moved into this kit */
} walker;

static char *path_join(const char *a, const char *b)
{
	kg_buf buf = KG_BUF_INIT;
	if (a && *a) {
		kg_buf_puts(&buf, a);
		if (buf.data[buf.len - 1] != '/')
			kg_buf_putc(&buf, '/');
	}
	kg_buf_puts(&buf, b);
	return kg_buf_detach(&buf, NULL);
}

/* 1 when path resolves to somewhere inside the kit. */
static int inside_kit(const kg_kit *kit, const char *path)
{
	char resolved[PATH_MAX];
	if (!realpath(path, resolved))
		return 0;
	size_t n = strlen(kit->real_dir);
	return strncmp(resolved, kit->real_dir, n) == 0 && (resolved[n] == '/' || resolved[n] == '\0');
}

static int read_file(const char *path, const char *display, kg_buf *out, kg_diags *diags)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		kg_error(diags, display, 0, 0, "cannot read: %s", strerror(errno));
		return -1;
	}
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		kg_buf_add(out, chunk, n);
		if (out->len > MAX_FILE_BYTES) {
			fclose(f);
			kg_error(diags, display, 0, 0, "file is larger than %u MiB", MAX_FILE_BYTES >> 20);
			return -1;
		}
	}
	fclose(f);
	return 0;
}

/* The URL path of a page: its path under content/ without ".md", except
 * that a folder or file name with non-ASCII letters is transliterated to
 * an ASCII slug with ICU ("安全須知.md" -> "an-quan-xu-zhi"), so URLs stay
 * readable, typeable and the same on every build. */
static char *url_path(const char *rel, size_t n)
{
	kg_buf out = KG_BUF_INIT, part = KG_BUF_INIT;
	size_t i = 0;
	while (i < n) {
		size_t len = 0;
		while (i + len < n && rel[i + len] != '/')
			len++;
		int ascii = 1;
		for (size_t k = 0; k < len; k++)
			ascii &= (unsigned char)rel[i + k] < 0x80;
		if (out.len)
			kg_buf_putc(&out, '/');
		if (ascii) {
			kg_buf_add(&out, rel + i, len);
		} else {
			kg_buf_reset(&part);
			char *name = kg_strndup(rel + i, len);
			kg_locale_slugify(name, &part);
			if (!part.len) { /* a script ICU cannot transliterate */
				unsigned long h = 5381;
				for (const unsigned char *p = (const unsigned char *)name; *p; p++)
					h = h * 33 + *p;
				kg_buf_printf(&part, "page-%08lx", h & 0xffffffffUL);
			}
			kg_buf_add(&out, part.data, part.len);
			free(name);
		}
		i += len + 1;
	}
	kg_buf_release(&part);
	return kg_buf_detach(&out, NULL);
}

char *kg_kit_url_path(const char *rel_md)
{
	/* Drop ".md"; a folder's _index.md stands for the folder. */
	size_t n = strlen(rel_md) > 3 ? strlen(rel_md) - 3 : 0;
	const char *base = strrchr(rel_md, '/');
	base = base ? base + 1 : rel_md;
	if (!strcmp(base, "_index.md")) {
		n = (size_t)(base - rel_md);
		if (n)
			n--; /* the slash */
	}
	return url_path(rel_md, n);
}

/* The value of an "encoding:" line in the front matter, found without
 * decoding the file (the key and value are ASCII in every encoding kitgen
 * reads). NULL when there is none. Caller frees. */
static char *declared_encoding(const char *text, size_t len)
{
	const char *p = text, *end = text + (len < 4096 ? len : 4096);
	int line = 0;
	while (p < end && line < 64) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		if (line > 0 && eol - p >= 3 && !memcmp(p, "---", 3))
			break;
		if (eol - p > 9 && !memcmp(p, "encoding:", 9)) {
			const char *v = p + 9;
			while (v < eol && (*v == ' ' || *v == '"' || *v == '\''))
				v++;
			const char *ve = eol;
			while (ve > v && (ve[-1] == '\r' || ve[-1] == ' ' || ve[-1] == '"' || ve[-1] == '\''))
				ve--;
			return ve > v ? kg_strndup(v, (size_t)(ve - v)) : NULL;
		}
		p = eol + 1;
		line++;
	}
	return NULL;
}

/* Records a page found by the walk; read_pages reads and parses them all. */
static void add_page(walker *w, const char *file_path, const char *rel_md)
{
	kg_kit *kit = w->kit;
	kg_page page = {0};
	page.source_path = path_join("content", rel_md);
	page.file_path = kg_strdup(file_path);
	const char *base = strrchr(rel_md, '/');
	page.is_section_index = !strcmp(base ? base + 1 : rel_md, "_index.md");
	page.rel_path = kg_kit_url_path(rel_md);
	const char *slash = strchr(rel_md, '/');
	page.section = slash ? kg_strndup(rel_md, (size_t)(slash - rel_md)) : kg_strdup("");
	kg_array_grow(kit->pages, w->page_cap, kit->page_count + 1);
	kit->pages[kit->page_count++] = page;
}

typedef struct page_reader {
	kg_kit *kit;
	kg_diags *diags; /* one per page, merged in walk order */
	unsigned char *failed;
	const walker *w;
} page_reader;

static int compare_by_file(const void *a, const void *b, void *ctx)
{
	const kg_kit *previous = ctx;
	return strcmp(previous->pages[*(const size_t *)a].file_path,
	              previous->pages[*(const size_t *)b].file_path);
}

/* Moves the previous build's page for the same file into page, if the
 * caller vouches the file is unchanged and reading it said nothing. */
static int reuse_page(const walker *w, kg_page *page)
{
	const kg_kit_reuse *reuse = w->reuse;
	if (!reuse || !reuse->unchanged(reuse->ctx, page->file_path))
		return 0;
	size_t lo = 0, hi = reuse->previous->page_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		size_t at = w->reuse_order[mid];
		const kg_page *old = &reuse->previous->pages[at];
		int c = strcmp(old->file_path, page->file_path);
		if (c == 0) {
			if (old->read_diagnostics || strcmp(old->source_path, page->source_path))
				return 0;
			kg_page_release(page);
			*page = *old; /* the previous kit's copy is zeroed after the walk */
			w->taken[at] = 1;
			return 1;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static void read_page_task(void *ctx, size_t index)
{
	page_reader *r = ctx;
	kg_page *page = &r->kit->pages[index];
	kg_diags *diags = &r->diags[index];
	if (reuse_page(r->w, page))
		return;
	kg_buf text = KG_BUF_INIT, utf8 = KG_BUF_INIT;
	if (read_file(page->file_path, page->source_path, &text, diags) < 0) {
		r->failed[index] = 1;
	} else {
		/* Legacy encodings: declared in the front matter (an ASCII line
		 * that survives any of them), a BOM, or detected by ICU. */
		char *declared = declared_encoding(text.data, text.len);
		page->config = &r->kit->config;
		if (kg_legacy_import(text.data, text.len, declared, r->kit->config.auto_convert,
		                     page->source_path, &utf8, diags) < 0 ||
		    kg_page_parse(page, utf8.data, utf8.len, diags) < 0)
			r->failed[index] = 1;
		page->config =
		    NULL; /* borrowed for the parse only: a serve session moves pages between kits */
		if (!r->failed[index])
			check_front_matter_placeholders(&r->kit->config, page, diags);
		free(declared);
	}
	page->read_diagnostics = diags->count;
	kg_buf_release(&text);
	kg_buf_release(&utf8);
}

/* Reads and parses every page on all cores (a large kit has thousands,
 * and an incremental build reads them all); diagnostics come out in the
 * order of the walk, as if read one by one. */
static void read_pages(walker *w)
{
	size_t n = w->kit->page_count;
	page_reader r = {.kit = w->kit,
	                 .diags = kg_calloc(n ? n : 1, sizeof(kg_diags)),
	                 .failed = kg_calloc(n ? n : 1, 1),
	                 .w = w};
	for (size_t i = 0; i < n; i++)
		kg_diags_init(&r.diags[i]);
	kg_pool_run(kg_pool_cores(), n, read_page_task, &r, NULL);
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < r.diags[i].count; k++) {
			const kg_diag *d = &r.diags[i].items[k];
			kg_diag_add(w->diags, d->severity, d->file, d->line, d->col, "%s", d->message);
		}
		kg_diags_release(&r.diags[i]);
		w->failed |= r.failed[i];
	}
	free(r.diags);
	free(r.failed);
}

static void add_static(walker *w, const char *file_path, const char *out_path)
{
	kg_kit *kit = w->kit;
	kg_array_grow(kit->files, w->file_cap, kit->file_count + 1);
	kit->files[kit->file_count].file_path = kg_strdup(file_path);
	kit->files[kit->file_count++].out_path = kg_strdup(out_path);
}

/* Names are stored after one byte saying what readdir knew of the entry:
 * 'f' a regular file, 'd' a folder, '?' anything else (then stat decides).
 * Most file systems say, which saves two stat calls per page. */
static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a + 1, *(char *const *)b + 1);
}

/* Walks dir (display prefix display, out prefix rel). pages: 1 for content/. */
static void walk(walker *w, const char *dir, const char *display, const char *rel, int pages, int depth)
{
	if (depth > 32) {
		kg_error(w->diags, display, 0, 0, "folders nested too deeply");
		w->failed = 1;
		return;
	}
	DIR *d = opendir(dir);
	if (!d) {
		kg_error(w->diags, display, 0, 0, "cannot open folder: %s", strerror(errno));
		w->failed = 1;
		return;
	}
	KG_ARRAY(char *) names = KG_ARRAY_INIT;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.') /* ".", "..", and hidden files such as .DS_Store */
			continue;
		size_t n = strlen(e->d_name);
		char *typed = kg_malloc(n + 2);
		typed[0] = e->d_type == DT_REG ? 'f' : e->d_type == DT_DIR ? 'd' : '?';
		memcpy(typed + 1, e->d_name, n + 1);
		kg_array_push(&names, typed);
	}
	closedir(d);
	if (names.count > 1)
		qsort(names.items, names.count, sizeof(*names.items),
		      compare_names); /* deterministic order */
	for (size_t i = 0; i < names.count; i++) {
		const char *name = names.items[i] + 1, type = names.items[i][0];
		char *path = path_join(dir, name);
		char *shown = path_join(display, name);
		char *relative = path_join(rel, name);
		struct stat st;
		if (type == 'd') {
			walk(w, path, shown, relative, pages, depth + 1);
		} else if (type == 'f') {
			size_t n = strlen(name);
			if (pages && n > 3 && !strcmp(name + n - 3, ".md"))
				add_page(w, path, relative);
			else
				add_static(w, path, relative);
		} else if (lstat(path, &st) < 0) {
			kg_error(w->diags, shown, 0, 0, "cannot read: %s", strerror(errno));
			w->failed = 1;
		} else if (S_ISLNK(st.st_mode) && !inside_kit(w->kit, path)) {
			kg_error(w->diags, shown, 0, 0,
			         "symbolic link points outside the kit; refusing to read it");
			w->failed = 1;
		} else if (stat(path, &st) < 0) {
			kg_error(w->diags, shown, 0, 0, "broken symbolic link");
			w->failed = 1;
		} else if (S_ISDIR(st.st_mode)) {
			walk(w, path, shown, relative, pages, depth + 1);
		} else if (S_ISREG(st.st_mode)) {
			size_t n = strlen(name);
			if (pages && n > 3 && !strcmp(name + n - 3, ".md"))
				add_page(w, path, relative);
			else
				add_static(w, path, relative);
		}
		free(path);
		free(shown);
		free(relative);
		free(names.items[i]);
	}
	kg_array_release(&names);
}

static int compare_pages(const void *a, const void *b)
{
	return strcmp(((const kg_page *)a)->rel_path, ((const kg_page *)b)->rel_path);
}

static int compare_files(const void *a, const void *b)
{
	return strcmp(((const kg_static_file *)a)->out_path, ((const kg_static_file *)b)->out_path);
}

/* The organization's logo: a PNG or SVG file under content/ (so that pages
 * can show it too, from out/). */
static int check_logo(const kg_kit *kit, kg_diags *diags)
{
	const kg_organization *org = &kit->config.organization;
	if (!org->logo)
		return 0;
	size_t n = strlen(org->logo);
	const char *why = NULL;
	if (strncmp(org->logo, "content/", 8))
		why =
		    "must be a file under content/ (such as content/images/logo.svg), so pages can show it too";
	else if (n < 5 || (strcasecmp(org->logo + n - 4, ".svg") && strcasecmp(org->logo + n - 4, ".png")))
		why = "must be a PNG or SVG file";
	char *path = path_join(kit->dir, org->logo);
	struct stat st;
	if (!why && (stat(path, &st) < 0 || !S_ISREG(st.st_mode)))
		why = "is not there";
	free(path);
	if (!why)
		return 0;
	kg_error(diags, "kit.yaml", org->logo_line, org->logo_col, "the organization's logo '%s' %s",
	         org->logo, why);
	return -1;
}

int kg_kit_load(kg_kit *kit, const char *dir, kg_diags *diags)
{
	return kg_kit_reload(kit, dir, NULL, diags);
}

int kg_kit_reload(kg_kit *kit, const char *dir, const kg_kit_reuse *reuse, kg_diags *diags)
{
	memset(kit, 0, sizeof(*kit));
	kit->dir = kg_strdup(dir);
	char resolved[PATH_MAX];
	if (!realpath(dir, resolved)) {
		kg_error(diags, dir, 0, 0, "cannot open kit folder: %s", strerror(errno));
		return -1;
	}
	kit->real_dir = kg_strdup(resolved);
	char *config_path = path_join(dir, "kit.yaml");
	int rc = kg_config_load(&kit->config, config_path, "kit.yaml", diags);
	free(config_path);
	if (rc == 0 && check_logo(kit, diags) < 0)
		rc = -1;

	walker w = {.kit = kit, .diags = diags, .reuse = reuse};
	if (reuse && reuse->previous->page_count) {
		/* Sorted by file, looked up by each page the walk finds. */
		size_t n = reuse->previous->page_count;
		w.reuse_order = kg_malloc(n * sizeof(size_t));
		for (size_t i = 0; i < n; i++)
			w.reuse_order[i] = i;
		kg_sort(w.reuse_order, n, sizeof(size_t), compare_by_file, (void *)reuse->previous);
		w.taken = kg_calloc(n, 1);
	}
	char *content = path_join(dir, "content");
	struct stat st;
	if (stat(content, &st) < 0 || !S_ISDIR(st.st_mode)) {
		kg_error(diags, "content", 0, 0, "the kit has no content/ folder");
		rc = -1;
	} else {
		walk(&w, content, "content", "", 1, 0);
		read_pages(&w);
	}
	free(content);
	for (size_t i = 0; w.taken && i < reuse->previous->page_count; i++)
		if (w.taken[i]) /* now this kit's */
			memset(&reuse->previous->pages[i], 0, sizeof(kg_page));
	free(w.taken);
	free(w.reuse_order);
	if (w.failed)
		rc = -1;
	if (kit->page_count > 1)
		qsort(kit->pages, kit->page_count, sizeof(*kit->pages), compare_pages);
	if (kit->file_count > 1)
		qsort(kit->files, kit->file_count, sizeof(*kit->files), compare_files);
	size_t modules = 0;
	for (size_t i = 0; i < kit->page_count; i++)
		modules += !kit->pages[i].is_section_index;
	if (rc == 0 && modules == 0) {
		kg_error(diags, "content", 0, 0, "no pages: add Markdown files (*.md) under content/");
		rc = -1;
	}
	for (size_t i = 1; i < kit->page_count; i++) {
		if (!strcmp(kit->pages[i].rel_path, kit->pages[i - 1].rel_path)) {
			kg_error(diags, kit->pages[i].source_path, 1, 1,
			         "two pages want the URL '%s/' (see %s)", kit->pages[i].rel_path,
			         kit->pages[i - 1].source_path);
			rc = -1;
		}
	}
	if (kg_kit_check_aliases(kit, diags) < 0)
		rc = -1;
	for (size_t i = 1; i < kit->file_count; i++) {
		if (!strcmp(kit->files[i].out_path, kit->files[i - 1].out_path)) {
			kg_error(diags, kit->files[i].file_path, 0, 0, "two files want the output path '%s'",
			         kit->files[i].out_path);
			rc = -1;
		}
	}
	return rc;
}

void kg_kit_free(kg_kit *kit)
{
	for (size_t i = 0; i < kit->page_count; i++)
		kg_page_release(&kit->pages[i]);
	free(kit->pages);
	for (size_t i = 0; i < kit->file_count; i++) {
		free(kit->files[i].file_path);
		free(kit->files[i].out_path);
	}
	free(kit->files);
	kg_config_release(&kit->config);
	free(kit->dir);
	free(kit->real_dir);
	memset(kit, 0, sizeof(*kit));
}

const kg_page *kg_kit_find_page_by_source(const kg_kit *kit, const char *source_path)
{
	for (size_t i = 0; i < kit->page_count; i++)
		if (!strcmp(kit->pages[i].source_path, source_path))
			return &kit->pages[i];
	return NULL;
}

const kg_page *kg_kit_find_page(const kg_kit *kit, const char *rel_path)
{
	size_t lo = 0, hi = kit->page_count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(rel_path, kit->pages[mid].rel_path);
		if (c == 0)
			return &kit->pages[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}
