/* url.c: what kind of URL a string is (see url.h). Owns nothing. */
#include "kitgen/base/url.h"

#include <ctype.h>
#include <string.h>

int kg_url_has_scheme(const char *url)
{
	const char *p = url;
	if (!isalpha((unsigned char)*p))
		return 0;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	return *p == ':';
}

const char *kg_url_path(const char *url, size_t *len)
{
	const char *p = url;
	if (kg_url_has_scheme(p))
		p = strchr(p, ':') + 1;
	if (p[0] == '/' && p[1] == '/') /* the authority: host and port */
		p += 2 + strcspn(p + 2, "/?#");
	*len = strcspn(p, "?#");
	return p;
}

int kg_url_is_unsafe(const char *url)
{
	/* Compare the scheme with controls and spaces removed and case folded,
	 * as browsers do ("java\tscript:" is still javascript). */
	char scheme[16];
	size_t n = 0;
	for (const char *p = url; *p && n < sizeof(scheme) - 1; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= 0x20)
			continue;
		if (c == ':') {
			scheme[n] = '\0';
			static const char *const safe[] = {"http", "https", "mailto", "tel", "sms", NULL};
			for (size_t i = 0; safe[i]; i++)
				if (!strcmp(scheme, safe[i]))
					return 0;
			return 1;
		}
		if (!isalnum(c) && c != '+' && c != '-' && c != '.')
			return 0; /* no scheme: a relative URL */
		scheme[n++] = (char)tolower(c);
	}
	return 0;
}
