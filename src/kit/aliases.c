/* aliases.c: a page's old addresses (front matter `aliases:`): the reader
 * that checks each one is a clean relative URL path, and the kit-wide check
 * that no alias is a page's address or another alias. Owns nothing between
 * calls; the aliases read belong to the page (kg_page_release frees them).
 * The redirect pages themselves are written by render/redirects.c. */
#include "kitgen/kit/kit.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/kit/yaml.h"

#include <stdlib.h>
#include <string.h>

/* Names the build writes under out/<lang>/ itself: a page or an alias
 * there would overwrite the language's search, downloads, status or
 * partners page, its feed or its 404 page. */
static const char *const reserved[] = {"search",   "search-index", "search-index.js", "downloads", "status",
                                       "partners", "feed.xml",     "404.html",        NULL};

const char *kg_reserved_address(const char *rel_path)
{
	size_t first = strcspn(rel_path, "/");
	for (size_t i = 0; reserved[i]; i++)
		if (strlen(reserved[i]) == first && !strncmp(rel_path, reserved[i], first))
			return reserved[i];
	return NULL;
}

/* Letters, digits and the characters of a URL path segment that need no
 * escaping in a URL or in HTML attributes; ':' is left out so an alias
 * never reads as a scheme, '%' so what is written is what is served. */
static int path_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("-._~!$()*+,;=@", c));
}

const char *kg_alias_problem(const char *path)
{
	size_t n = strlen(path);
	if (n == 0)
		return "is empty (the home page has no old address)";
	if (strstr(path, "://") || !strncmp(path, "//", 2))
		return "is a full URL; an alias is a page's old path inside the kit, such as "
		       "'advocacy/safety-walks'";
	if (path[0] == '/')
		return "starts with '/'; write the path without it, as the page's address after the language";
	if (path[n - 1] == '/')
		return "ends with '/'; write the path without it";
	if (!strncmp(path, "content/", 8) || (n > 3 && !strcmp(path + n - 3, ".md")))
		return "names a file; an alias is a page's old address, without 'content/' and '.md' "
		       "('advocacy/safety-walks')";
	for (const char *p = path; *p; p++) {
		if (*p == '/')
			continue;
		if (!path_char((unsigned char)*p))
			return "is not a clean relative path: use letters, digits, '-', '_', '.' and '/'";
	}
	/* Every segment: not empty, not "." or "..", not hidden. */
	for (const char *seg = path; seg; seg = strchr(seg, '/') ? strchr(seg, '/') + 1 : NULL) {
		size_t len = strcspn(seg, "/");
		if (len == 0 || seg[0] == '.')
			return "is not a clean relative path ('//', '.', '..' and hidden names are not allowed)";
	}
	if (kg_reserved_address(path))
		return "is a name the build uses in every language's folder (search, downloads, status, "
		       "partners, feed.xml, 404.html)";
	return NULL;
}

static int add_alias(kg_page *page, const kg_yaml *node, const char *file, kg_diags *diags)
{
	char *value = NULL;
	if (kg_yaml_string(node, "aliases", file, &value, diags) < 0)
		return -1;
	const char *problem = kg_alias_problem(value);
	if (problem) {
		kg_error(diags, file, node->line, node->col, "alias '%s' %s", value, problem);
		free(value);
		return -1;
	}
	for (size_t i = 0; i < page->alias_count; i++) {
		if (!strcmp(page->aliases[i].path, value)) {
			kg_error(diags, file, node->line, node->col,
			         "alias '%s' is listed twice (first at %d:%d)", value, page->aliases[i].line,
			         page->aliases[i].col);
			free(value);
			return -1;
		}
	}
	size_t cap = page->alias_count; /* allocated: exactly that many (grown one at a time below) */
	kg_array_grow(page->aliases, cap, page->alias_count + 1);
	page->aliases[page->alias_count++] = (kg_alias){value, node->line, node->col};
	return 0;
}

int kg_aliases_read(void *target, const kg_yaml *node, const char *file, kg_diags *diags)
{
	kg_page *page = target;
	if (node->kind == KG_YAML_SCALAR) /* "aliases: advocacy/safety-walks" */
		return add_alias(page, node, file, diags);
	if (node->kind != KG_YAML_SEQ) {
		kg_error(diags, file, node->line, node->col, "'aliases' must be a list of old page paths");
		return -1;
	}
	int rc = 0;
	for (size_t i = 0; i < node->count; i++)
		if (add_alias(page, node->items[i], file, diags) < 0)
			rc = -1;
	return rc;
}

typedef struct alias_ref {
	const kg_page *page;
	const kg_alias *alias;
} alias_ref;

static int compare_refs(const void *pa, const void *pb)
{
	const alias_ref *a = pa, *b = pb;
	int c = strcmp(a->alias->path, b->alias->path);
	if (!c)
		c = strcmp(a->page->source_path, b->page->source_path);
	if (!c)
		c = a->alias->line - b->alias->line;
	return c;
}

int kg_kit_check_aliases(const kg_kit *kit, kg_diags *diags)
{
	KG_ARRAY(alias_ref) all = KG_ARRAY_INIT;
	for (size_t p = 0; p < kit->page_count; p++)
		for (size_t a = 0; a < kit->pages[p].alias_count; a++)
			kg_array_push(&all, ((alias_ref){&kit->pages[p], &kit->pages[p].aliases[a]}));
	if (all.count > 1)
		qsort(all.items, all.count, sizeof(*all.items), compare_refs);
	int rc = 0;
	for (size_t p = 0; p < kit->page_count; p++) {
		const char *name =
		    kit->pages[p].rel_path[0] ? kg_reserved_address(kit->pages[p].rel_path) : NULL;
		if (name) {
			kg_error(diags, kit->pages[p].source_path, 1, 1,
			         "this page's address '%s' starts with '%s', a name the build uses in every "
			         "language's folder; rename the file or folder",
			         kit->pages[p].rel_path, name);
			rc = -1;
		}
	}
	for (size_t i = 0; i < all.count; i++) {
		const alias_ref *r = &all.items[i];
		const char *file = r->page->source_path;
		const kg_page *owner = kg_kit_find_page(kit, r->alias->path);
		if (owner == r->page) {
			kg_error(diags, file, r->alias->line, r->alias->col,
			         "alias '%s' is this page's own address (a redirect to itself)",
			         r->alias->path);
			rc = -1;
		} else if (owner) {
			kg_error(diags, file, r->alias->line, r->alias->col,
			         "alias '%s' is the address of %s: a redirect there would hide that page",
			         r->alias->path, owner->source_path);
			rc = -1;
		} else if (i > 0 && !strcmp(all.items[i - 1].alias->path, r->alias->path)) {
			const alias_ref *first = &all.items[i - 1];
			while (first > all.items && !strcmp(first[-1].alias->path, r->alias->path))
				first--;
			kg_error(
			    diags, file, r->alias->line, r->alias->col,
			    "alias '%s' is also an alias of %s:%d:%d; an old address can lead to one page only",
			    r->alias->path, first->page->source_path, first->alias->line, first->alias->col);
			rc = -1;
		}
	}
	kg_array_release(&all);
	return rc;
}
