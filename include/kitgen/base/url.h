/* url.h: the questions every writer of links asks (HTML, PDF, text
 * exports, zips, the server): is this URL relative, is its scheme one
 * kitgen lets through, what is its path. Pure functions over
 * NUL-terminated strings: they own and keep nothing.
 */
#ifndef KITGEN_BASE_URL_H
#define KITGEN_BASE_URL_H

#include <stddef.h>

/* 1 when url starts with a scheme ("https:", "mailto:"), i.e. is not relative. */
int kg_url_has_scheme(const char *url);
/* 1 when url uses a scheme kitgen does not let through (javascript:, data:,
 * vbscript:, ...): only http, https, mailto, tel and sms are safe. Controls
 * and spaces inside the scheme are ignored and case is folded, as browsers
 * do ("java\tscript:" is still javascript). */
int kg_url_is_unsafe(const char *url);
/* The path of url as written (not decoded), without scheme, authority,
 * query and fragment: "https://example.org/kit/?a" gives (start of "/kit/",
 * 5). Empty for "https://example.org"; a relative URL's path is relative. */
const char *kg_url_path(const char *url, size_t *len);
/* The characters RFC 3986 allows in a path (percent escapes included). */
#define KG_URL_PATH_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@%/"

#endif
