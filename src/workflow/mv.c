/* mv.c: `kitgen mv` as a library call (see mv.h for what moves and why it
 * is safe). A plan of file changes, each holding its new bytes and the old
 * ones, is made in memory and checked; only then is it carried out
 * (mv_apply.c), in steps that can each be undone. Owns the kit it loads and the plan for
 * the length of one call; the report's strings go to the caller. */
#include "workflow/mv_internal.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/base/buf.h"
#include "kitgen/base/url.h"
#include "kitgen/base/utf8.h"
#include "kitgen/catalog/catalog.h"
#include "kitgen/i18n/localize.h"
#include "kitgen/i18n/segment.h"
#include "kitgen/kit/kit.h"
#include "kitgen/kit/yaml.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void strings_release(string_list *l)
{
	for (size_t i = 0; i < l->count; i++)
		free(l->items[i]);
	kg_array_release(l);
}

static int strings_has(const string_list *l, const char *s)
{
	for (size_t i = 0; i < l->count; i++)
		if (!strcmp(l->items[i], s))
			return 1;
	return 0;
}

/* ---- paths ---- */

char *mv_kit_path(const plan *pl, const char *rel)
{
	kg_buf b = KG_BUF_INIT;
	kg_buf_printf(&b, "%s/%s", pl->opt->kit_dir, rel);
	return kg_buf_detach(&b, NULL);
}

static int kind_of(const plan *pl, const char *rel, struct stat *st)
{
	char *p = mv_kit_path(pl, rel);
	int rc = lstat(p, st);
	free(p);
	return rc;
}

static int exists(const plan *pl, const char *rel)
{
	struct stat st;
	return kind_of(pl, rel, &st) == 0;
}

/* "./content//a/../b/" -> "content/b"; an absolute path inside the kit is
 * made relative. NULL when it is empty or climbs out of the kit. Caller
 * frees. */
static char *normalize(const kg_kit *kit, const char *in)
{
	size_t n = strlen(kit->real_dir);
	if (in[0] == '/') {
		if (strncmp(in, kit->real_dir, n) || in[n] != '/')
			return NULL;
		in += n + 1;
	}
	string_list parts = KG_ARRAY_INIT;
	char *copy = kg_strdup(in), *save = NULL;
	int bad = 0;
	for (char *t = strtok_r(copy, "/", &save); t; t = strtok_r(NULL, "/", &save)) {
		if (!strcmp(t, "."))
			continue;
		if (!strcmp(t, "..")) {
			if (!parts.count) {
				bad = 1;
				break;
			}
			parts.count--;
			continue;
		}
		kg_array_push(&parts, t);
	}
	kg_buf out = KG_BUF_INIT;
	for (size_t i = 0; !bad && i < parts.count; i++)
		kg_buf_printf(&out, "%s%s", i ? "/" : "", parts.items[i]);
	kg_array_release(&parts); /* the parts point into copy */
	free(copy);
	if (bad || !out.len) {
		kg_buf_release(&out);
		return NULL;
	}
	return kg_buf_detach(&out, NULL);
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n >= m && !strcmp(s + n - m, tail);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* Where the content file or folder at path (kit-relative) goes, or NULL if
 * it does not move. Caller frees. */
static char *moved_path(const plan *pl, const char *path)
{
	size_t n = strlen(pl->from);
	if (strncmp(path, pl->from, n) || (path[n] && (path[n] != '/' || !pl->section)))
		return NULL;
	kg_buf b = KG_BUF_INIT;
	kg_buf_printf(&b, "%s%s", pl->to, path + n);
	return kg_buf_detach(&b, NULL);
}

static int is_moved(const plan *pl, const char *path)
{
	char *to = moved_path(pl, path);
	free(to);
	return to != NULL;
}

/* The path from the folder of file to target (both kit-relative). */
static void relative_path(const char *file, const char *target, kg_buf *out)
{
	const char *a = file, *b = target;
	/* Skip the folders both share. */
	for (;;) {
		const char *sa = strchr(a, '/'), *sb = strchr(b, '/');
		if (!sa || !sb || sa - a != sb - b || strncmp(a, b, (size_t)(sa - a)))
			break;
		a = sa + 1;
		b = sb + 1;
	}
	for (const char *p = a; (p = strchr(p, '/')); p++)
		kg_buf_puts(out, "../");
	kg_buf_puts(out, b);
}

/* locales/<dir>/<path under content/ without .md>.po (.pot for "pot"). */
static void catalog_path(const char *source, const char *dir, kg_buf *out)
{
	kg_page page = {.source_path = (char *)source}; /* kg_catalog_path_for reads only this */
	kg_catalog_path_for(&page, dir, out);
}

/* ---- recording changes ---- */

static file_op *add_op(plan *pl, kg_mv_change_kind kind, const char *from, const char *path)
{
	file_op *op = kg_array_add(&pl->ops);
	op->kind = kind;
	op->from = from ? kg_strdup(from) : NULL;
	op->path = path ? kg_strdup(path) : NULL;
	op->mode = 0644;
	if (from && !strings_has(&pl->handled, from))
		kg_array_push(&pl->handled, kg_strdup(from));
	if (path && !strings_has(&pl->handled, path))
		kg_array_push(&pl->handled, kg_strdup(path));
	return op;
}

/* Reads a kit-relative file whole; 0, or -1 with an error. */
static int read_whole(plan *pl, const char *rel, char **data, size_t *len, mode_t *mode)
{
	char *p = mv_kit_path(pl, rel);
	kg_buf b = KG_BUF_INIT;
	struct stat st;
	int rc = -1;
	if (lstat(p, &st) < 0 || kg_buf_read_file(&b, p) < 0) {
		kg_error(pl->diags, rel, 0, 0, "cannot read: %s", strerror(errno));
		goto out;
	}
	if (mode)
		*mode = st.st_mode & 07777;
	*data = kg_buf_detach(&b, len);
	rc = 0;
out:
	kg_buf_release(&b);
	free(p);
	return rc;
}

/* A file that moves as it is (an image, a catalog in --after). */
static void plan_plain_move(plan *pl, kg_mv_change_kind kind, const char *from, const char *to)
{
	file_op *op = add_op(pl, kind, from, to);
	op->moving = 1;
	if (read_whole(pl, from, &op->old, &op->old_len, &op->mode) < 0) {
		pl->failed = 1;
		return;
	}
	op->data = kg_malloc(op->old_len ? op->old_len : 1);
	memcpy(op->data, op->old, op->old_len);
	op->len = op->old_len;
	if (kind == KG_MV_REPLACE && read_whole(pl, to, &op->replaced, &op->replaced_len, NULL) < 0)
		pl->failed = 1;
}

/* ---- links ---- */

static void link_changes_release(link_changes *l)
{
	for (size_t i = 0; i < l->count; i++) {
		free(l->items[i].old);
		free(l->items[i].new);
	}
	kg_array_release(l);
}

/* 1 when the kit-relative content path names a page or file of the kit,
 * or (after) the old place of a moved page. */
static int link_target_exists(const plan *pl, const char *target)
{
	if (kg_kit_find_page_by_source(&pl->kit, target))
		return 1;
	for (size_t i = 0; i < pl->kit.file_count; i++)
		if (!strcmp(pl->kit.files[i].out_path, target + strlen("content/")))
			return 1;
	for (size_t i = 0; pl->opt->after && i < pl->moved.count; i++)
		if (!strcmp(pl->moved.items[i].old_source, target))
			return 1;
	return 0;
}

/* Calls fn for every link and image of the page's body, in order, with
 * the line of the block it is in. */
static void each_link(const kg_page *page, void (*fn)(void *ud, const char *url, int line), void *ud)
{
	cmark_node *doc = kg_page_parse_body(page);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(n);
		if (ev != CMARK_EVENT_ENTER || (type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE))
			continue;
		int line = 0; /* inline nodes have no position in cmark 0.30: their block's */
		for (cmark_node *p = n; p && !line; p = cmark_node_parent(p))
			line = cmark_node_get_start_line(p);
		const char *url = cmark_node_get_url(n);
		fn(ud, url ? url : "", line ? line + page->body_line - 1 : 0);
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
}

typedef struct link_walk {
	plan *pl;
	const kg_page *page;
	const char *new_source;
	link_changes *changes;
} link_walk;

static void note_link(void *ud, const char *url, int line)
{
	(void)line;
	link_walk *w = ud;
	if (!url[0] || kg_url_has_scheme(url) || strchr("#/?", url[0]))
		return;
	size_t path_len = strcspn(url, "#?");
	char *resolved = kg_kit_resolve_relative(w->page, url, path_len);
	if (!resolved)
		return;
	kg_buf target = KG_BUF_INIT, rel = KG_BUF_INIT;
	kg_buf_printf(&target, "content/%s", resolved);
	free(resolved);
	char *moved = moved_path(w->pl, target.data);
	const char *new_target = moved ? moved : target.data;
	if (link_target_exists(w->pl, target.data) &&
	    (moved || strcmp(w->new_source, w->page->source_path))) {
		relative_path(w->new_source, new_target, &rel);
		int known = 0;
		for (size_t i = 0; i < w->changes->count; i++)
			known |= strlen(w->changes->items[i].old) == path_len &&
			         !strncmp(w->changes->items[i].old, url, path_len);
		if (!known && (rel.len != path_len || strncmp(rel.data, url, path_len)))
			kg_array_push(w->changes,
			              ((link_change){kg_strndup(url, path_len), kg_strdup(rel.data)}));
	}
	free(moved);
	kg_buf_release(&target);
	kg_buf_release(&rel);
}

/* Where a destination may start: after "](" or "]:" and white space, and
 * an optional '<'. Returns the offset, or 0 when i is no such place. */
static size_t destination_at(const char *text, size_t len, size_t i)
{
	if (text[i] != ']' || i + 1 >= len || (text[i + 1] != '(' && text[i + 1] != ':'))
		return 0;
	size_t j = i + 2;
	int newlines = 0;
	while (j < len && (text[j] == ' ' || text[j] == '\t' || (text[j] == '\n' && !newlines++)))
		j++;
	if (j < len && text[j] == '<')
		j++;
	return j;
}

/* Appends text (len bytes) with every link destination that is one of
 * the changed paths (followed by '#', '?', ')', '>', a quote, white space
 * or the end) rewritten. Returns how many were. */
static size_t rewrite_destinations(const char *text, size_t len, const link_changes *changes, kg_buf *out)
{
	size_t count = 0, copied = 0;
	for (size_t i = 0; i < len; i++) {
		size_t at = destination_at(text, len, i);
		if (!at)
			continue;
		for (size_t c = 0; c < changes->count; c++) {
			const link_change *lc = &changes->items[c];
			size_t n = strlen(lc->old);
			if (at + n > len || memcmp(text + at, lc->old, n) ||
			    (at + n < len && !strchr(")#?> \t\r\n\"'", text[at + n])))
				continue;
			kg_buf_add(out, text + copied, at - copied);
			kg_buf_puts(out, lc->new);
			copied = at + n;
			i = copied - 1;
			count++;
			break;
		}
	}
	kg_buf_add(out, text + copied, len - copied);
	return count;
}

typedef struct url_list {
	string_list urls;
	KG_ARRAY(int) lines;
} url_list;

static void collect_url(void *ud, const char *url, int line)
{
	url_list *l = ud;
	kg_array_push(&l->urls, kg_strdup(url));
	kg_array_push(&l->lines, line);
}

static int collect_unit(void *ud, const kg_segment *seg)
{
	kg_array_push((string_list *)ud, kg_strdup(seg->text));
	return 0;
}

static void page_units(const kg_page *page, string_list *out)
{
	cmark_node *doc = kg_page_parse_body(page);
	kg_segments_each(page, doc, collect_unit, out);
	cmark_node_free(doc);
}

/* ---- front matter ---- */

/* A page file split at its front matter. */
typedef struct page_text {
	const char *data;
	size_t len;
	size_t yaml_at, close_at, body_at; /* offsets: after "---\n", the closing line, after it */
	int close_line;                    /* 1-based line of the closing "---" */
	const char *newline;               /* "\n", or "\r\n" when the file uses that */
} page_text;

static int split_page(const char *data, size_t len, page_text *pt)
{
	memset(pt, 0, sizeof(*pt));
	pt->data = data;
	pt->len = len;
	size_t p = len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0;
	const char *eol = memchr(data + p, '\n', len - p);
	if (!eol || (size_t)(eol - data) - p < 3 || memcmp(data + p, "---", 3))
		return -1;
	pt->newline = eol > data && eol[-1] == '\r' ? "\r\n" : "\n";
	pt->yaml_at = (size_t)(eol - data) + 1;
	int line = 2;
	for (size_t at = pt->yaml_at; at < len; line++) {
		const char *e = memchr(data + at, '\n', len - at);
		size_t end = e ? (size_t)(e - data) : len, n = end - at;
		if (n && data[end - 1] == '\r')
			n--;
		if (n == 3 && (!memcmp(data + at, "---", 3) || !memcmp(data + at, "...", 3))) {
			pt->close_at = at;
			pt->close_line = line;
			pt->body_at = e ? end + 1 : len;
			return 0;
		}
		at = e ? end + 1 : len;
	}
	return -1;
}

/* One line of the front matter as the edit sees it. */
typedef struct fm_line {
	const char *text; /* in the file, with its newline */
	size_t len;
	int drop;      /* removed */
	kg_buf before; /* lines written before it */
} fm_line;

static void put_alias_item(kg_buf *out, const char *prefix, const char *alias, const char *newline)
{
	int plain = (alias[0] >= 'a' && alias[0] <= 'z') || (alias[0] >= 'A' && alias[0] <= 'Z') ||
	            (alias[0] >= '0' && alias[0] <= '9');
	for (const char *p = alias; *p && plain; p++)
		plain =
		    strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/~-", *p) != NULL;
	kg_buf_printf(out, plain ? "%s%s%s" : "%s\"%s\"%s", prefix, alias, newline);
}

/* Writes the page's text with its front matter's aliases set to `aliases`
 * (keeping a block list's style and comments, else writing one), into out;
 * map[k] gets the new line of old line k (1..close_line), and *delta what
 * the lines after the front matter move by. Returns 0 or -1 with an error
 * when the aliases are written in a way it cannot edit. */
static int write_aliases(plan *pl, const char *file, const page_text *pt, const string_list *aliases,
                         int *map, int *delta, kg_buf *out)
{
	int n = pt->close_line, rc = -1;
	fm_line *lines = kg_calloc((size_t)n + 1, sizeof(*lines));
	size_t at = 0;
	for (int k = 1; k <= n; k++) {
		const char *e = memchr(pt->data + at, '\n', pt->body_at - at);
		size_t end = e ? (size_t)(e - pt->data) + 1 : pt->body_at;
		lines[k].text = pt->data + at;
		lines[k].len = end - at;
		at = end;
	}
	kg_diags quiet;
	kg_diags_init(&quiet);
	kg_yaml *root = kg_yaml_parse(pt->data + pt->yaml_at, pt->close_at - pt->yaml_at, file, 2, &quiet);
	kg_diags_release(&quiet);
	const kg_yaml *node = root ? kg_yaml_get(root, "aliases") : NULL;
	int block = node && node->kind == KG_YAML_SEQ && node->count && node->items[0]->line > node->key_line;
	for (size_t i = 0; block && i < node->count; i++)
		block = node->items[i]->kind == KG_YAML_SCALAR &&
		        (i == 0 || node->items[i]->line > node->items[i - 1]->line);
	if (!root || root->kind != KG_YAML_MAP) {
		kg_error(pl->diags, file, 2, 1, "cannot read the front matter to add aliases");
		goto out;
	}
	if (block) {
		/* Keep the list: drop the items no longer wanted, add the new ones
		 * after the last, written like it ("  - "). */
		const kg_yaml *last = node->items[node->count - 1];
		const fm_line *ll = &lines[last->line];
		size_t indent = strspn(ll->text, " \t");
		kg_buf prefix = KG_BUF_INIT;
		kg_buf_add(&prefix, ll->text, indent);
		kg_buf_puts(&prefix, "- ");
		for (size_t i = 0; i < node->count; i++)
			if (!node->items[i]->value || !strings_has(aliases, node->items[i]->value))
				lines[node->items[i]->line].drop = 1;
		for (size_t a = 0; a < aliases->count; a++) {
			int had = 0;
			for (size_t i = 0; i < node->count; i++)
				had |= node->items[i]->value &&
				       !strcmp(node->items[i]->value, aliases->items[a]);
			if (!had)
				put_alias_item(&lines[last->line + 1].before, prefix.data, aliases->items[a],
				               pt->newline);
		}
		kg_buf_release(&prefix);
	} else {
		kg_buf list = KG_BUF_INIT;
		kg_buf_printf(&list, "aliases:%s", pt->newline);
		for (size_t a = 0; a < aliases->count; a++)
			put_alias_item(&list, "  - ", aliases->items[a], pt->newline);
		if (!node) { /* a new key, last */
			kg_buf_add(&lines[n].before, list.data, list.len);
		} else {
			/* "aliases: x" or "aliases: [x, y]": the key's lines become a list. */
			int first = node->key_line, end = node->line;
			for (size_t i = 0; i < node->count; i++)
				if (node->items[i]->line > end)
					end = node->items[i]->line;
			if (node->key_col != 1 || end >= n) {
				kg_error(pl->diags, file, node->key_line, node->key_col,
				         "cannot add to 'aliases' written this way; write it as a list "
				         "('aliases:' and a '- path' line each) and run kitgen mv again");
				kg_buf_release(&list);
				goto out;
			}
			for (int k = first; k <= end; k++)
				lines[k].drop = 1;
			kg_buf_add(&lines[first].before, list.data, list.len);
		}
		kg_buf_release(&list);
	}
	int line = 1;
	for (int k = 1; k <= n; k++) {
		for (size_t i = 0; i < lines[k].before.len; i++)
			line += lines[k].before.data[i] == '\n';
		kg_buf_add(out, lines[k].before.data, lines[k].before.len);
		map[k] = line;
		if (!lines[k].drop) {
			kg_buf_add(out, lines[k].text, lines[k].len);
			line++;
		}
	}
	*delta = line - 1 - n;
	rc = 0;
out:
	for (int k = 0; k <= n; k++)
		kg_buf_release(&lines[k].before);
	free(lines);
	kg_yaml_free(root);
	return rc;
}

/* ---- catalogs ---- */

/* What a page's rewrite does to the entries of its catalogs. */
typedef struct entry_rewrite {
	const char *old_source, *new_source;
	const int *map; /* new line of each front matter line, 1..map_lines */
	int map_lines;
	int delta; /* for the lines after the front matter */
	const string_list *old_units, *new_units;
	const link_changes *links;
} entry_rewrite;

static int new_line(const entry_rewrite *rw, int line)
{
	if (line >= 1 && line <= rw->map_lines)
		return rw->map[line];
	return line > rw->map_lines ? line + rw->delta : line;
}

/* Rewrites cat's references, msgids and msgstrs; 1 when anything changed. */
static int rewrite_catalog(kg_catalog *cat, const entry_rewrite *rw)
{
	int changed = 0;
	size_t old_len = strlen(rw->old_source);
	kg_buf b = KG_BUF_INIT;
	for (size_t i = 0; i < kg_catalog_count(cat); i++) {
		kg_po_entry *e = kg_catalog_at(cat, i);
		for (size_t r = 0; r < e->reference_count; r++) {
			const char *ref = e->references[r];
			if (strncmp(ref, rw->old_source, old_len) || (ref[old_len] && ref[old_len] != ':'))
				continue;
			kg_buf_reset(&b);
			kg_buf_puts(&b, rw->new_source);
			if (ref[old_len] == ':')
				kg_buf_printf(&b, ":%d", new_line(rw, atoi(ref + old_len + 1)));
			if (strcmp(b.data, ref)) {
				free(e->references[r]);
				e->references[r] = kg_strdup(b.data);
				changed = 1;
			}
		}
		if (e->obsolete)
			continue;
		for (size_t u = 0; u < rw->old_units->count; u++) {
			if (strcmp(e->msgid, rw->old_units->items[u]) ||
			    !strcmp(e->msgid, rw->new_units->items[u]))
				continue;
			free(e->msgid);
			e->msgid = kg_strdup(rw->new_units->items[u]);
			for (size_t k = 0; k < e->msgstr_count; k++) {
				kg_buf_reset(&b);
				if (rewrite_destinations(e->msgstr[k], strlen(e->msgstr[k]), rw->links, &b)) {
					free(e->msgstr[k]);
					e->msgstr[k] = kg_strdup(b.data);
				}
			}
			kg_buf_reset(&b);
			if (e->prev_msgid &&
			    rewrite_destinations(e->prev_msgid, strlen(e->prev_msgid), rw->links, &b)) {
				free(e->prev_msgid);
				e->prev_msgid = kg_strdup(b.data);
			}
			changed = 1;
			break;
		}
	}
	kg_buf_release(&b);
	return changed;
}

static int holds_translations(const kg_catalog *cat)
{
	for (size_t i = 0; i < kg_catalog_count(cat); i++) {
		const kg_po_entry *e = kg_catalog_at(cat, i);
		if (!e->obsolete && kg_po_entry_is_translated(e))
			return 1;
	}
	return 0;
}

/* The catalogs of a page whose file moved by hand (--after): every
 * language's goes to the new place, replacing one without translations;
 * the old template goes if the new place has one. */
static void plan_catalogs_after(plan *pl, const moved_page *m)
{
	kg_buf from = KG_BUF_INIT, to = KG_BUF_INIT;
	for (size_t d = 0; d < pl->catalog_dirs.count; d++) {
		const char *dir = pl->catalog_dirs.items[d];
		kg_buf_reset(&from);
		kg_buf_reset(&to);
		catalog_path(m->old_source, dir, &from);
		catalog_path(m->new_source, dir, &to);
		if (!exists(pl, from.data))
			continue;
		if (!exists(pl, to.data)) {
			plan_plain_move(pl, KG_MV_MOVE, from.data, to.data);
			continue;
		}
		if (!strcmp(dir, "pot")) { /* `kitgen extract` made the new one */
			plan_plain_move(pl, KG_MV_REMOVE, from.data, NULL);
			continue;
		}
		char *abs = mv_kit_path(pl, to.data);
		kg_catalog *cat = NULL;
		kg_diags quiet;
		kg_diags_init(&quiet);
		int readable = kg_po_read_file(&cat, abs, to.data, &quiet) == 0;
		kg_diags_release(&quiet);
		if (!readable || holds_translations(cat)) {
			kg_error(
			    pl->diags, to.data, 0, 0,
			    "%s; kitgen mv --after replaces only catalogs without translations (merge them by "
			    "hand, or move this one away)",
			    readable ? "already holds translations" : "cannot be read");
			pl->failed = 1;
		} else {
			plan_plain_move(pl, KG_MV_REPLACE, from.data, to.data);
		}
		kg_catalog_free(cat);
		free(abs);
	}
	kg_buf_release(&from);
	kg_buf_release(&to);
}

/* ---- one page ---- */

/* Plans what happens to one page: m is its move (NULL: it stays, and only
 * its links to what moves change). */
static void plan_page(plan *pl, const kg_page *page, const moved_page *m, const string_list *aliases)
{
	const char *new_source = m ? m->new_source : page->source_path;
	const char *file = page->source_path;
	link_changes links = KG_ARRAY_INIT;
	string_list old_units = KG_ARRAY_INIT, new_units = KG_ARRAY_INIT;
	url_list old_urls = {KG_ARRAY_INIT, KG_ARRAY_INIT}, new_urls = {KG_ARRAY_INIT, KG_ARRAY_INIT};
	kg_buf text = KG_BUF_INIT, rel = KG_BUF_INIT, to = KG_BUF_INIT;
	kg_page edited = {0};
	char *raw = NULL;
	size_t raw_len = 0;
	mode_t mode = 0644;
	int *map = NULL, delta = 0;
	page_text pt;
	if (!(m && pl->opt->after)) { /* moved by hand: its links are the author's */
		link_walk w = {pl, page, new_source, &links};
		each_link(page, note_link, &w);
	}
	if (!m && !links.count)
		goto out;
	if (read_whole(pl, file, &raw, &raw_len, &mode) < 0)
		goto fail;
	if (kg_utf8_valid_prefix(raw, raw_len) != raw_len) {
		kg_error(
		    pl->diags, file, 1, 1,
		    "is not in UTF-8; kitgen mv rewrites links and aliases in UTF-8 pages only (convert it "
		    "first)");
		goto fail;
	}
	if (split_page(raw, raw_len, &pt) < 0) {
		kg_error(pl->diags, file, 1, 1, "has no front matter to add aliases to");
		goto fail;
	}
	map = kg_calloc((size_t)pt.close_line + 1, sizeof(int));
	for (int k = 1; k <= pt.close_line; k++)
		map[k] = k;
	if (m) {
		if (write_aliases(pl, file, &pt, aliases, map, &delta, &text) < 0)
			goto fail;
	} else {
		kg_buf_add(&text, raw, pt.body_at);
	}
	rewrite_destinations(raw + pt.body_at, raw_len - pt.body_at, &links, &text);

	/* Read the result back as the loader will: it must parse, keep its
	 * units but for the links, and have exactly the links planned. */
	edited.source_path = kg_strdup(new_source);
	kg_diags quiet;
	kg_diags_init(&quiet);
	int parsed = kg_page_parse(&edited, text.data, text.len, &quiet) == 0 && quiet.errors == 0;
	kg_diags_release(&quiet);
	if (!parsed) {
		kg_error(pl->diags, file, 1, 1,
		         "cannot add the aliases to this page's front matter; add them by hand");
		goto fail;
	}
	if (m) {
		int same = edited.alias_count == aliases->count;
		for (size_t i = 0; same && i < aliases->count; i++)
			same = !strcmp(edited.aliases[i].path, aliases->items[i]);
		if (!same) {
			kg_error(pl->diags, file, 1, 1,
			         "cannot add the aliases to this page's front matter; add them by hand");
			goto fail;
		}
	}
	each_link(page, collect_url, &old_urls);
	each_link(&edited, collect_url, &new_urls);
	for (size_t i = 0; i < old_urls.urls.count; i++) {
		const char *url = old_urls.urls.items[i];
		size_t path_len = strcspn(url, "#?");
		kg_buf_reset(&rel);
		kg_buf_puts(&rel, url);
		for (size_t c = 0; c < links.count; c++) {
			if (strlen(links.items[c].old) == path_len &&
			    !strncmp(links.items[c].old, url, path_len)) {
				kg_buf_reset(&rel);
				kg_buf_printf(&rel, "%s%s", links.items[c].new, url + path_len);
			}
		}
		if (i >= new_urls.urls.count || strcmp(rel.data, new_urls.urls.items[i])) {
			kg_error(
			    pl->diags, file, old_urls.lines.items[i], 0,
			    "cannot rewrite the link to '%s' (kitgen mv rewrites destinations written as "
			    "[text](%.*s)); change it by hand and run kitgen mv again",
			    url, (int)path_len, url);
			goto fail;
		}
	}
	page_units(page, &old_units);
	page_units(&edited, &new_units);
	if (old_units.count != new_units.count || new_urls.urls.count != old_urls.urls.count) {
		kg_error(pl->diags, file, 1, 1,
		         "rewriting this page's links would change its units; move it by hand");
		goto fail;
	}

	/* The page's file. */
	file_op *op = m && !pl->opt->after ? add_op(pl, KG_MV_MOVE, file, new_source)
	                                   : add_op(pl, KG_MV_EDIT, NULL, file);
	op->moving = m != NULL;
	op->old = raw;
	op->old_len = raw_len;
	op->mode = mode;
	raw = NULL;
	op->data = kg_buf_detach(&text, &op->len);

	/* Its catalogs. */
	if (m && pl->opt->after) {
		plan_catalogs_after(pl, m);
		goto out;
	}
	entry_rewrite rw = {file, new_source, map, pt.close_line, delta, &old_units, &new_units, &links};
	for (size_t d = 0; d < pl->catalog_dirs.count; d++) {
		const char *dir = pl->catalog_dirs.items[d];
		kg_buf_reset(&rel);
		kg_buf_reset(&to);
		catalog_path(file, dir, &rel);
		catalog_path(new_source, dir, &to);
		if (!exists(pl, rel.data)) {
			if (m && exists(pl, to.data)) {
				kg_error(
				    pl->diags, to.data, 0, 0,
				    "already exists (an orphaned catalog?); move it away first (kitgen update --prune)");
				goto fail;
			}
			continue;
		}
		char *bytes = NULL;
		size_t len = 0;
		mode_t cat_mode = 0644;
		if (read_whole(pl, rel.data, &bytes, &len, &cat_mode) < 0)
			goto fail;
		kg_catalog *cat = NULL;
		kg_diags read_diags;
		kg_diags_init(&read_diags);
		if (kg_po_read_mem(&cat, bytes, len, rel.data, &read_diags) < 0) {
			kg_error(pl->diags, rel.data, 0, 0,
			         "cannot be read; fix it (kitgen check) before moving its page");
			kg_diags_release(&read_diags);
			free(bytes);
			goto fail;
		}
		kg_diags_release(&read_diags);
		int changed = rewrite_catalog(cat, &rw);
		if (m || changed) {
			file_op *cop = m ? add_op(pl, KG_MV_MOVE, rel.data, to.data)
			                 : add_op(pl, KG_MV_EDIT, NULL, rel.data);
			cop->moving = m != NULL;
			cop->old = bytes;
			cop->old_len = len;
			cop->mode = cat_mode;
			if (changed) {
				kg_buf out = KG_BUF_INIT;
				kg_po_write(cat, &out);
				cop->data = kg_buf_detach(&out, &cop->len);
			} else {
				cop->data = kg_malloc(len ? len : 1);
				memcpy(cop->data, bytes, len);
				cop->len = len;
			}
		} else {
			free(bytes);
		}
		kg_catalog_free(cat);
	}
	goto out;
fail:
	pl->failed = 1;
out:
	free(raw);
	free(map);
	kg_page_release(&edited);
	link_changes_release(&links);
	strings_release(&old_units);
	strings_release(&new_units);
	strings_release(&old_urls.urls);
	strings_release(&new_urls.urls);
	kg_array_release(&old_urls.lines);
	kg_array_release(&new_urls.lines);
	kg_buf_release(&text);
	kg_buf_release(&rel);
	kg_buf_release(&to);
}

/* Every file under the kit-relative folder dir that no op covers yet moves
 * to the same place under to_dir. */
static void plan_folder_rest(plan *pl, const char *dir, const char *to_dir)
{
	char *abs = mv_kit_path(pl, dir);
	DIR *d = opendir(abs);
	free(abs);
	if (!d)
		return;
	string_list names = KG_ARRAY_INIT;
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			kg_array_push(&names, kg_strdup(e->d_name));
	closedir(d);
	kg_buf from = KG_BUF_INIT, to = KG_BUF_INIT;
	for (size_t i = 0; i < names.count; i++) {
		kg_buf_reset(&from);
		kg_buf_reset(&to);
		kg_buf_printf(&from, "%s/%s", dir, names.items[i]);
		kg_buf_printf(&to, "%s/%s", to_dir, names.items[i]);
		struct stat st;
		if (kind_of(pl, from.data, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			plan_folder_rest(pl, from.data, to.data);
		} else if (!S_ISREG(st.st_mode)) {
			kg_error(pl->diags, from.data, 0, 0, "is not a regular file; move it by hand first");
			pl->failed = 1;
		} else if (!strings_has(&pl->handled, from.data)) {
			plan_plain_move(pl, KG_MV_MOVE, from.data, to.data);
		}
	}
	kg_buf_release(&from);
	kg_buf_release(&to);
	strings_release(&names);
}

/* ---- what moves, and may it ---- */

static int refuse(plan *pl, const char *file, const char *message)
{
	kg_error(pl->diags, file, 0, 0, "%s", message);
	pl->failed = 1;
	return -1;
}

/* Checks the two paths and finds the pages that move. */
static int plan_pages(plan *pl)
{
	const kg_mv_options *o = pl->opt;
	struct stat st;
	if (!pl->from || (strcmp(pl->from, "content") && strncmp(pl->from, "content/", 8)))
		return refuse(pl, o->from, "not a page or folder under content/");
	if (!strcmp(pl->from, "content"))
		return refuse(pl, o->from,
		              "content/ itself cannot be moved; move the pages or folders in it");
	if (!pl->to || strncmp(pl->to, "content/", 8))
		return refuse(pl, o->to, "the destination must be inside content/");
	if (!strcmp(pl->from, "content/_index.md"))
		return refuse(pl, o->from,
		              "the home page cannot be moved (it is every language's front page)");
	size_t n = strlen(pl->from);
	if (!strncmp(pl->to, pl->from, n) && (pl->to[n] == '/' || !pl->to[n]))
		return refuse(pl, o->to, "the destination is inside what moves");
	int from_there = kind_of(pl, pl->from, &st) == 0;
	int from_dir = from_there && S_ISDIR(st.st_mode);
	struct stat to_st;
	int to_there = kind_of(pl, pl->to, &to_st) == 0;
	if (o->after) {
		if (from_there)
			return refuse(pl, o->from, "still exists; without --after, kitgen mv moves it");
		if (!to_there)
			return refuse(
			    pl, o->to,
			    "no such page or folder (with --after, it is where the content was moved)");
		pl->section = S_ISDIR(to_st.st_mode);
	} else {
		if (!from_there)
			return refuse(pl, o->from, "no such page or folder");
		if (to_there)
			return refuse(
			    pl, o->to,
			    "already exists; kitgen mv does not move onto an existing page or folder");
		pl->section = from_dir;
		if (!from_dir && (!S_ISREG(st.st_mode) || !ends_with(pl->from, ".md")))
			return refuse(pl, o->from, "not a page (.md) or a folder of pages");
	}
	if (!pl->section) {
		if (!ends_with(pl->to, ".md") || !ends_with(pl->from, ".md"))
			return refuse(pl, ends_with(pl->to, ".md") ? o->from : o->to,
			              "a page moves to a page: name a .md file");
		if (!strcmp(base_name(pl->from), "_index.md") || !strcmp(base_name(pl->to), "_index.md"))
			return refuse(pl, o->from,
			              "a section's index page moves with its folder: move the folder");
	} else if (ends_with(pl->to, ".md")) {
		return refuse(pl, o->to, "a folder moves to a folder, not to a .md file");
	}
	/* Every folder above the destination that exists must be a folder. */
	for (char *p = strchr(pl->to, '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		int bad = kind_of(pl, pl->to, &st) == 0 && !S_ISDIR(st.st_mode);
		char *shown = bad ? kg_strdup(pl->to) : NULL;
		*p = '/';
		if (bad) {
			refuse(pl, shown, "is a file, so nothing can move into it");
			free(shown);
			return -1;
		}
	}
	/* The pages: at the old place, or (after) at the new. */
	const char *where = o->after ? pl->to : pl->from;
	size_t wn = strlen(where);
	for (size_t i = 0; i < pl->kit.page_count; i++) {
		const kg_page *page = &pl->kit.pages[i];
		if (strncmp(page->source_path, where, wn) ||
		    (page->source_path[wn] && (page->source_path[wn] != '/' || !pl->section)))
			continue;
		moved_page *m = kg_array_add(&pl->moved);
		m->page = page;
		kg_buf b = KG_BUF_INIT;
		kg_buf_printf(&b, "%s%s", o->after ? pl->from : pl->to, page->source_path + wn);
		if (o->after) {
			m->new_source = kg_strdup(page->source_path);
			m->old_source = kg_buf_detach(&b, NULL);
		} else {
			m->old_source = kg_strdup(page->source_path);
			m->new_source = kg_buf_detach(&b, NULL);
		}
		m->old_rel = kg_kit_url_path(m->old_source + 8);
		m->new_rel = kg_kit_url_path(m->new_source + 8);
	}
	if (!pl->moved.count && !pl->section)
		return refuse(pl, o->from, "not a page of the kit");
	return 0;
}

/* The aliases the page will have: its own, less its new address, plus its
 * old one. Checks the new address and the old one against the kit. */
static int plan_aliases(plan *pl, const moved_page *m, string_list *out, size_t *added)
{
	int rc = 0;
	for (size_t a = 0; a < m->page->alias_count; a++)
		if (strcmp(m->page->aliases[a].path, m->new_rel))
			kg_array_push(out, kg_strdup(m->page->aliases[a].path));
	*added = !strings_has(out, m->old_rel);
	if (*added)
		kg_array_push(out, kg_strdup(m->old_rel));
	const char *problem = kg_alias_problem(m->old_rel);
	if (problem) {
		kg_error(pl->diags, m->old_source, 0, 0,
		         "its address '%s' cannot become an alias (the alias %s); move it by hand",
		         m->old_rel, problem);
		rc = -1;
	}
	const kg_page *owner = kg_kit_find_page(&pl->kit, m->new_rel);
	if (owner && owner != m->page && !is_moved(pl, owner->source_path)) {
		kg_error(pl->diags, m->new_source, 0, 0, "would have the address '%s', which is %s's",
		         m->new_rel, owner->source_path);
		rc = -1;
	}
	if (pl->opt->after && (owner = kg_kit_find_page(&pl->kit, m->old_rel))) {
		kg_error(pl->diags, m->old_source, 0, 0,
		         "its old address '%s' is %s's now, so it cannot become an alias", m->old_rel,
		         owner->source_path);
		rc = -1;
	}
	for (size_t i = 0; i < pl->kit.page_count; i++) {
		const kg_page *q = &pl->kit.pages[i];
		for (size_t a = 0; q != m->page && a < q->alias_count; a++) {
			const char *alias = q->aliases[a].path;
			if (!strcmp(alias, m->new_rel) || !strcmp(alias, m->old_rel)) {
				kg_error(pl->diags, q->source_path, q->aliases[a].line, q->aliases[a].col,
				         "alias '%s' is the %s address of %s; remove this alias first", alias,
				         strcmp(alias, m->new_rel) ? "old" : "new", m->old_source);
				rc = -1;
			}
		}
	}
	for (size_t i = 0; i < pl->moved.count; i++) {
		const moved_page *o = &pl->moved.items[i];
		if (o != m && !strcmp(o->new_rel, m->new_rel) && o < m) {
			kg_error(pl->diags, m->new_source, 0, 0, "would have the same address as %s ('%s')",
			         o->new_source, m->new_rel);
			rc = -1;
		}
	}
	return rc;
}

/* ---- the call ---- */

static void plan_release(plan *pl)
{
	for (size_t i = 0; i < pl->ops.count; i++) {
		file_op *op = &pl->ops.items[i];
		free(op->from);
		free(op->path);
		free(op->data);
		free(op->old);
		free(op->replaced);
		free(op->temp);
	}
	kg_array_release(&pl->ops);
	for (size_t i = 0; i < pl->moved.count; i++) {
		moved_page *m = &pl->moved.items[i];
		free(m->old_source);
		free(m->new_source);
		free(m->old_rel);
		free(m->new_rel);
	}
	kg_array_release(&pl->moved);
	strings_release(&pl->catalog_dirs);
	strings_release(&pl->handled);
	strings_release(&pl->made_dirs);
	if (pl->kit_loaded)
		kg_kit_free(&pl->kit);
	free(pl->from);
	free(pl->to);
}

static void report_plan(const plan *pl, kg_mv_report *report)
{
	report->changes = kg_calloc(pl->ops.count ? pl->ops.count : 1, sizeof(*report->changes));
	for (size_t i = 0; i < pl->ops.count; i++) {
		const file_op *op = &pl->ops.items[i];
		report->changes[report->change_count++] = (kg_mv_change){
		    op->kind, op->from ? kg_strdup(op->from) : NULL, op->path ? kg_strdup(op->path) : NULL};
		int content = !strncmp(op->from ? op->from : op->path, "content/", 8);
		int page = content && ends_with(op->from ? op->from : op->path, ".md");
		if (!op->moving) {
			report->pages_edited += content;
			report->catalogs_edited += !content;
		} else {
			report->pages += page; /* (after: the moved page gets its aliases) */
			report->files += content && !page;
			report->catalogs += !content;
		}
		/* The steps run() takes: write, place, remove (folders aside). */
		report->steps += (op->path ? 2 : 0) + (op->from ? 1 : 0);
	}
}

int kg_mv(const kg_mv_options *options, kg_mv_report *report, kg_diags *diags)
{
	plan pl = {.opt = options, .diags = diags};
	memset(report, 0, sizeof(*report));
	int rc = -1;
	pl.kit_loaded = 1; /* freed even when loading failed */
	if (kg_kit_load(&pl.kit, options->kit_dir, diags) < 0) {
		kg_error(diags, NULL, 0, 0,
		         "the kit has errors: kitgen mv moves nothing until they are fixed");
		goto out;
	}
	pl.from = normalize(&pl.kit, options->from);
	pl.to = normalize(&pl.kit, options->to);
	if (plan_pages(&pl) < 0)
		goto out;
	for (size_t l = 0; l < pl.kit.config.language_count; l++) {
		const char *tag = pl.kit.config.languages[l].tag;
		if (strcmp(tag, pl.kit.config.source_language))
			kg_array_push(&pl.catalog_dirs, kg_strdup(tag));
	}
	kg_array_push(&pl.catalog_dirs, kg_strdup("pot"));

	/* The moved pages, then the pages that link to them. */
	string_list aliases = KG_ARRAY_INIT;
	for (size_t i = 0; i < pl.moved.count; i++) {
		const moved_page *m = &pl.moved.items[i];
		size_t added = 0;
		strings_release(&aliases);
		if (plan_aliases(&pl, m, &aliases, &added) < 0) {
			pl.failed = 1;
			continue;
		}
		report->aliases += added;
		plan_page(&pl, m->page, m, &aliases);
	}
	strings_release(&aliases);
	for (size_t i = 0; i < pl.kit.page_count; i++) {
		int moved = 0;
		for (size_t k = 0; k < pl.moved.count; k++)
			moved |= pl.moved.items[k].page == &pl.kit.pages[i];
		if (!moved)
			plan_page(&pl, &pl.kit.pages[i], NULL, NULL);
	}
	/* A folder takes everything in it, and so do its catalog folders. */
	if (pl.section) {
		if (!options->after)
			plan_folder_rest(&pl, pl.from, pl.to);
		kg_buf from = KG_BUF_INIT, to = KG_BUF_INIT;
		for (size_t d = 0; d < pl.catalog_dirs.count; d++) {
			kg_buf_reset(&from);
			kg_buf_reset(&to);
			kg_buf_printf(&from, "locales/%s/%s", pl.catalog_dirs.items[d], pl.from + 8);
			kg_buf_printf(&to, "locales/%s/%s", pl.catalog_dirs.items[d], pl.to + 8);
			plan_folder_rest(&pl, from.data, to.data);
		}
		kg_buf_release(&from);
		kg_buf_release(&to);
	}
	if (!pl.failed && !pl.ops.count)
		refuse(&pl, options->from, "nothing to move: no page, file or catalog is there");
	/* No two changes may write one file, and a move never replaces one. */
	for (size_t i = 0; i < pl.ops.count && !pl.failed; i++) {
		const file_op *op = &pl.ops.items[i];
		for (size_t k = 0; op->path && k < i; k++) {
			if (pl.ops.items[k].path && !strcmp(pl.ops.items[k].path, op->path)) {
				refuse(&pl, op->path, "two files of the move would land here");
				break;
			}
		}
		if (op->kind == KG_MV_MOVE && exists(&pl, op->path))
			refuse(&pl, op->path,
			       "already exists; kitgen mv does not move onto an existing file");
	}
	report_plan(&pl, report);
	if (pl.failed)
		goto out;
	if (options->dry_run) {
		rc = 0;
		goto out;
	}
	rc = mv_run(&pl);
out:
	plan_release(&pl);
	return rc;
}

void kg_mv_report_release(kg_mv_report *report)
{
	for (size_t i = 0; i < report->change_count; i++) {
		free(report->changes[i].from);
		free(report->changes[i].path);
	}
	free(report->changes);
	memset(report, 0, sizeof(*report));
}
