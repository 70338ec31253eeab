/* links.c: what a relative link in a page names: another page's .md file
 * or a static file of the kit (see kit.h). Owns nothing but the strings it
 * returns to the caller. */
#include "kitgen/kit/kit.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/base/url.h"

#include <stdlib.h>
#include <string.h>

/* Resolves "a/../b.md" against the page's folder under content/. Returns
 * the kit-relative path, or NULL if it climbs out of content/. */
char *kg_kit_resolve_relative(const kg_page *page, const char *target, size_t len)
{
	kg_buf joined = KG_BUF_INIT;
	const char *src = page->source_path + strlen("content/");
	const char *slash = strrchr(src, '/');
	if (slash) {
		kg_buf_add(&joined, src, (size_t)(slash - src) + 1);
	}
	kg_buf_add(&joined, target, len);
	/* Normalize segment by segment. */
	KG_ARRAY(char *) parts = KG_ARRAY_INIT;
	char *copy = kg_strdup(joined.data);
	char *save = NULL;
	int bad = 0;
	for (char *tok = strtok_r(copy, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
		if (!strcmp(tok, "."))
			continue;
		if (!strcmp(tok, "..")) {
			if (parts.count == 0) {
				bad = 1;
				break;
			}
			parts.count--;
			continue;
		}
		kg_array_push(&parts, tok);
	}
	kg_buf_reset(&joined);
	for (size_t i = 0; !bad && i < parts.count; i++) {
		if (i)
			kg_buf_putc(&joined, '/');
		kg_buf_puts(&joined, parts.items[i]);
	}
	kg_array_release(&parts);
	free(copy);
	if (bad) {
		kg_buf_release(&joined);
		return NULL;
	}
	return kg_buf_detach(&joined, NULL);
}

int kg_kit_resolve_link(const kg_kit *kit, const kg_page *from, const char *url, const kg_page **page,
                        const kg_static_file **file)
{
	*page = NULL;
	*file = NULL;
	if (!url[0] || kg_url_has_scheme(url) || url[0] == '#' || url[0] == '/' || url[0] == '?')
		return -1;
	size_t path_len = strcspn(url, "#?");
	char *target = kg_kit_resolve_relative(from, url, path_len);
	if (!target)
		return -1;
	size_t tlen = strlen(target);
	if (tlen > 3 && !strcmp(target + tlen - 3, ".md")) {
		kg_buf source = KG_BUF_INIT;
		kg_buf_printf(&source, "content/%s", target);
		*page = kg_kit_find_page_by_source(kit, source.data);
		kg_buf_release(&source);
	} else {
		for (size_t i = 0; i < kit->file_count && !*file; i++)
			if (!strcmp(kit->files[i].out_path, target))
				*file = &kit->files[i];
	}
	free(target);
	return *page || *file ? 0 : -1;
}
