/* checks.c: the safety checks that keep a translation's facts equal to the
 * source's (see localize.h). Owns a source's facts (kg_source_facts),
 * made once per unit and compared with its translation in every language.
 * Facts are compared as sorted lists, so a translation may reorder them
 * (languages order words differently) but not change, add or drop one. */
#include "kitgen/i18n/localize.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/base/utf8.h"
#include "kitgen/locale/locale.h"
#include "kitgen/i18n/segment.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct facts {
	char **items; /* "kind:value" strings, sorted before comparing */
	size_t count, cap;
	int bidi_override;
} facts;

static void add_fact(facts *f, const char *kind, const char *value, size_t len)
{
	kg_buf b = KG_BUF_INIT;
	kg_buf_puts(&b, kind);
	kg_buf_putc(&b, ':');
	kg_buf_add(&b, value, len);
	kg_array_push(f, kg_buf_detach(&b, NULL));
}

static void facts_release(facts *f)
{
	for (size_t i = 0; i < f->count; i++)
		free(f->items[i]);
	free(f->items);
}

static void add_number(void *ud, const char *digits, size_t len) { add_fact(ud, "number", digits, len); }

/* URLs and e-mail addresses written as plain text ("example.org/help",
 * "help@example.org"), which Markdown does not turn into links. */
static void scan_addresses(facts *f, const char *s)
{
	const char *p = s;
	while (*p) {
		while (*p && (isspace((unsigned char)*p) || *p == '(' || *p == '"'))
			p++;
		const char *start = p;
		while (*p && !isspace((unsigned char)*p) && (unsigned char)*p < 0x80 && *p != '(' &&
		       *p != ')' && *p != '"')
			p++;
		size_t len = (size_t)(p - start);
		while (len && strchr(".,;:!?'", start[len - 1]))
			len--;
		if (len) {
			int has_scheme = 0;
			for (size_t k = 0; k + 3 <= len && !has_scheme; k++)
				has_scheme = !memcmp(start + k, "://", 3);
			const char *at = memchr(start, '@', len);
			const char *dot = memchr(start, '.', len);
			int www = len > 4 && !strncmp(start, "www.", 4);
			if (has_scheme || www ||
			    (at && at > start && memchr(at, '.', len - (size_t)(at - start))))
				add_fact(f, "address", start, len);
			else if (dot && dot > start &&
			         (!strncmp(dot, ".org", 4) || !strncmp(dot, ".com", 4) ||
			          !strncmp(dot, ".gov", 4)))
				add_fact(f, "address", start, len);
		}
		while (*p && !isspace((unsigned char)*p) &&
		       !((unsigned char)*p < 0x80 && isalnum((unsigned char)*p)))
			p++;
		if (*p && !isspace((unsigned char)*p) && p == start)
			p++;
	}
}

static void scan_placeholders(facts *f, const char *s)
{
	for (const char *p = strstr(s, "{{"); p; p = strstr(p + 2, "{{")) {
		const char *end = strstr(p + 2, "}}");
		if (!end)
			break;
		const char *a = p + 2, *b = end;
		while (a < b && *a == ' ')
			a++;
		while (b > a && b[-1] == ' ')
			b--;
		add_fact(f, "placeholder", a, (size_t)(b - a));
	}
}

/* {name} placeholders of UI strings ("Updated {date}"). */
static void scan_braces(facts *f, const char *s)
{
	for (const char *p = strchr(s, '{'); p; p = strchr(p + 1, '{')) {
		if (p[1] == '{') {
			p++;
			continue;
		}
		const char *q = p + 1;
		while (*q == '_' || (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
		       (*q >= '0' && *q <= '9'))
			q++;
		if (*q == '}' && q > p + 1)
			add_fact(f, "placeholder", p + 1, (size_t)(q - p - 1));
	}
}

static void scan_bidi(facts *f, const char *s)
{
	/* U+202A..U+202E (embeddings, overrides) and U+2066..U+2069 (isolates)
	 * let a translation display a different URL or number than it holds. */
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE)
			f->bidi_override = 1;
		else if (p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)
			f->bidi_override = 1;
}

static void scan_text(facts *f, const char *s)
{
	kg_locale_numbers(s, strlen(s), add_number, f);
	scan_addresses(f, s);
	scan_placeholders(f, s);
	scan_bidi(f, s);
}

static int collect_markdown(facts *f, const char *text)
{
	cmark_node *para = kg_markdown_parse_inline(text, strlen(text));
	if (!para)
		return -1;
	cmark_iter *it = cmark_iter_new(para);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node *n = cmark_iter_get_node(it);
		const char *lit = cmark_node_get_literal(n);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT: scan_text(f, lit); break;
		case CMARK_NODE_CODE: add_fact(f, "code", lit, strlen(lit)); break;
		case CMARK_NODE_HTML_INLINE: add_fact(f, "html", lit, strlen(lit)); break;
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE: {
			const char *url = cmark_node_get_url(n);
			add_fact(f, cmark_node_get_type(n) == CMARK_NODE_LINK ? "link" : "image", url,
			         strlen(url));
			scan_bidi(f, url);
			break;
		}
		default: break;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(para);
	return 0;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void describe(kg_buf *why, const char *verb, const char *fact)
{
	const char *colon = strchr(fact, ':');
	kg_buf_printf(why, "%s%s the %.*s '%s'", why->len ? "; " : "", verb, (int)(colon - fact), fact,
	              colon + 1);
}

struct kg_source_facts {
	facts facts; /* sorted */
	int markdown;
};

kg_source_facts *kg_source_facts_new(const char *source, int markdown)
{
	kg_source_facts *sf = kg_calloc(1, sizeof(*sf));
	sf->markdown = markdown;
	if (markdown) {
		if (collect_markdown(&sf->facts, source) < 0)
			scan_text(&sf->facts, source); /* a source that is not one paragraph: compare text */
	} else {
		scan_text(&sf->facts, source);
		scan_braces(&sf->facts, source);
	}
	if (sf->facts.count > 1)
		qsort(sf->facts.items, sf->facts.count, sizeof(char *), compare_strings);
	return sf;
}

void kg_source_facts_free(kg_source_facts *sf)
{
	if (!sf)
		return;
	facts_release(&sf->facts);
	free(sf);
}

int kg_check_against(const kg_source_facts *sf, const char *translation, kg_buf *why)
{
	const facts *src = &sf->facts;
	facts dst = {0};
	int rc = 0;
	if (sf->markdown) {
		if (collect_markdown(&dst, translation) < 0) {
			kg_buf_puts(why, "the translation is not a single paragraph of inline Markdown "
			                 "(it starts a heading, list or new block)");
			rc = -1;
			goto out;
		}
	} else {
		scan_text(&dst, translation);
		scan_braces(&dst, translation);
	}
	/* DOCX, ODT and Atom are XML: a character XML 1.0 does not allow
	 * would make them unreadable (and HTML shows it as nothing). */
	unsigned bad_char;
	if (kg_utf8_xml_invalid(translation, strlen(translation), &bad_char) < strlen(translation)) {
		kg_buf_printf(why, "contains U+%04X, a control character XML 1.0 does not allow", bad_char);
		rc = -1;
		goto out;
	}
	if (dst.bidi_override && !src->bidi_override) {
		kg_buf_puts(why, "contains Unicode bidi override or isolate controls");
		rc = -1;
	}
	if (dst.count > 1)
		qsort(dst.items, dst.count, sizeof(char *), compare_strings);
	size_t i = 0, j = 0;
	while (i < src->count || j < dst.count) {
		int c = i >= src->count ? 1 : j >= dst.count ? -1 : strcmp(src->items[i], dst.items[j]);
		if (c == 0) {
			i++;
			j++;
		} else if (c < 0) {
			describe(why, "drops", src->items[i++]);
			rc = -1;
		} else {
			describe(why, "adds", dst.items[j++]);
			rc = -1;
		}
	}
out:
	facts_release(&dst);
	return rc;
}

int kg_check_translation(const char *source, const char *translation, int markdown, kg_buf *why)
{
	kg_source_facts *sf = kg_source_facts_new(source, markdown);
	int rc = kg_check_against(sf, translation, why);
	kg_source_facts_free(sf);
	return rc;
}
