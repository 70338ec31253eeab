/* base_path.c: where the preview server puts the site (see serve.h) — the
 * path of base_url, which request paths fall under it, and how a path is
 * written back into a link. Pure functions over NUL-terminated strings:
 * they keep nothing and write only into the caller's buffers.
 */
#include "kitgen/serve/serve.h"

#include "kitgen/base/url.h"

#include <ctype.h>
#include <string.h>

static int hex_value(int c) { return isdigit(c) ? c - '0' : tolower(c) - 'a' + 10; }

/* Appends s[0..len) percent-decoded once, as unescape_path (server.c)
 * decodes request paths; a malformed escape stays as it is. */
static void add_decoded(kg_buf *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len && isxdigit((unsigned char)s[i + 1]) &&
		    isxdigit((unsigned char)s[i + 2])) {
			kg_buf_putc(out, hex_value((unsigned char)s[i + 1]) * 16 +
			                     hex_value((unsigned char)s[i + 2]));
			i += 2;
		} else {
			kg_buf_putc(out, s[i]);
		}
	}
}

int kg_serve_base_path(const char *base_url, kg_buf *path, kg_buf *why)
{
	size_t len;
	const char *p = kg_url_path(base_url, &len);
	kg_buf_reset(path);
	if (len == 0) {
		kg_buf_putc(path, '/');
		return 0;
	}
	if (p[0] != '/') {
		kg_buf_printf(why, "base_url '%s' has no absolute path", base_url);
		return -1;
	}
	add_decoded(path, p, len);
	if (path->data[path->len - 1] != '/')
		kg_buf_putc(path, '/');
	/* The path is compared with request paths, which never hold these
	 * once kg_serve_resolve() has accepted them: a base holding one could
	 * never be reached, or would redirect somewhere else ("//host/"). */
	for (size_t i = 0; i < path->len; i++) {
		unsigned char c = (unsigned char)path->data[i];
		if (c < 0x20 || c == 0x7f || c == '\\') {
			kg_buf_printf(why, "base_url '%s' has a control character or backslash in its path",
			              base_url);
			return -1;
		}
	}
	for (const char *s = path->data + 1; *s; s += strcspn(s, "/") + 1) {
		size_t n = strcspn(s, "/");
		if (n == 0 || (n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.')) {
			kg_buf_printf(why, "base_url '%s' has an empty, '.' or '..' segment in its path",
			              base_url);
			return -1;
		}
	}
	return 0;
}

kg_route kg_serve_route(const char *base, const char *url, const char **rest)
{
	size_t n = strlen(base);
	*rest = NULL;
	if (n <= 1) { /* served at the root: every path is the site's */
		*rest = url;
		return KG_ROUTE_SITE;
	}
	if (!strncmp(url, base, n)) {
		*rest = url + n - 1; /* keeps base's final slash */
		return KG_ROUTE_SITE;
	}
	if (!strcmp(url, "/") || (strlen(url) == n - 1 && !strncmp(url, base, n - 1)))
		return KG_ROUTE_TO_BASE;
	return KG_ROUTE_OUTSIDE;
}

void kg_serve_put_url_path(kg_buf *out, const char *path)
{
	static const char safe[] = "-._~/!$*+,;=:@";
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr(safe, *p))
			kg_buf_putc(out, *p);
		else
			kg_buf_printf(out, "%%%02X", *p);
	}
}
