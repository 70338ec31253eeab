/* url.h: the two questions every writer of links asks (HTML, PDF, text
 * exports, zips): is this URL relative, and is its scheme one kitgen lets
 * through. Pure functions over NUL-terminated strings: they own and keep
 * nothing.
 */
#ifndef KITGEN_BASE_URL_H
#define KITGEN_BASE_URL_H

/* 1 when url starts with a scheme ("https:", "mailto:"), i.e. is not relative. */
int kg_url_has_scheme(const char *url);
/* 1 when url uses a scheme kitgen does not let through (javascript:, data:,
 * vbscript:, ...): only http, https, mailto, tel and sms are safe. Controls
 * and spaces inside the scheme are ignored and case is folded, as browsers
 * do ("java\tscript:" is still javascript). */
int kg_url_is_unsafe(const char *url);

#endif
