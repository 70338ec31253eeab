/* front_matter.c: the front matter of a page (the YAML map between its
 * "---" lines), read by the schema below into a kg_page. Owns nothing
 * between calls; values read belong to the page. */
#include "kitgen/kit/kit.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/buf.h"
#include "kitgen/base/array.h"
#include "kitgen/kit/schema.h"
#include "kitgen/locale/encoding.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Checks a taxonomy value against the kit's declared terms (page->config;
 * without one, as in tests and fuzzers, any key is taken). */
static int check_term(const kg_page *page, const kg_term *terms, size_t count, const char *what,
                      const char *plural, const char *value, const kg_yaml *at, kg_diags *diags)
{
	if (!page->config)
		return 0;
	const char **keys = kg_calloc(count + 1, sizeof(char *));
	kg_buf list = KG_BUF_INIT;
	int found = 0;
	for (size_t i = 0; i < count; i++) {
		keys[i] = terms[i].key;
		kg_buf_printf(&list, "%s%s", i ? ", " : "", terms[i].key);
		found |= !strcmp(terms[i].key, value);
	}
	if (!found) {
		const char *hint = kg_closest_word(value, keys);
		kg_error(diags, page->source_path, at->line, at->col,
		         "unknown %s '%s'%s%s%s (kit.yaml's %s: %s)", what, value,
		         hint ? "; did you mean '" : "", hint ? hint : "", hint ? "'?" : "", plural,
		         list.data);
	}
	kg_buf_release(&list);
	free(keys);
	return found ? 0 : -1;
}

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int parse_date(const char *s, int *y, int *m, int *d)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	char tail;
	if (sscanf(s, "%4d-%2d-%2d%c", y, m, d, &tail) != 3 || strlen(s) != 10)
		return -1;
	if (*y < 1900 || *y > 9999 || *m < 1 || *m > 12 || *d < 1)
		return -1;
	int max = days[*m - 1] + (*m == 2 && is_leap(*y));
	return *d <= max ? 0 : -1;
}

static int note_title_line(void *target, const kg_yaml *item, const char *file, kg_diags *diags)
{
	(void)file, (void)diags;
	((kg_page *)target)->title_line = item->line;
	return 0;
}

static int note_summary_line(void *target, const kg_yaml *item, const char *file, kg_diags *diags)
{
	(void)file, (void)diags;
	((kg_page *)target)->summary_line = item->line;
	return 0;
}

static int note_card_line(void *target, const kg_yaml *item, const char *file, kg_diags *diags)
{
	(void)file, (void)diags;
	((kg_page *)target)->card_line = item->line;
	return 0;
}

static int note_slides_line(void *target, const kg_yaml *item, const char *file, kg_diags *diags)
{
	(void)file, (void)diags;
	((kg_page *)target)->slides_line = item->line;
	return 0;
}

/* Unset (0) follows kit.yaml's booklet; a page may say yes or no. */
static int read_booklet(void *target, const kg_yaml *item, const char *file, kg_diags *diags)
{
	int v = 0;
	if (kg_yaml_bool(item, "booklet", file, &v, diags) < 0)
		return -1;
	((kg_page *)target)->booklet = v ? 1 : -1;
	return 0;
}

static int read_strategy(void *target, const kg_yaml *item, const char *file, kg_diags *diags)
{
	kg_page *page = target;
	char *v = NULL;
	if (kg_yaml_string(item, "strategy", file, &v, diags) < 0)
		return -1;
	(void)file;
	if (page->config && check_term(page, page->config->strategies, page->config->strategy_count,
	                               "strategy", "strategies", v, item, diags) < 0) {
		free(v);
		return -1;
	}
	free(page->strategy);
	page->strategy = v;
	return 0;
}

static int read_audience(void *target, const kg_yaml *item, const char *file, kg_diags *diags)
{
	kg_page *page = target;
	const kg_yaml *list = item;
	kg_yaml single;
	kg_yaml *one[1];
	kg_yaml wrapper = {.kind = KG_YAML_SEQ, .items = one, .count = 1};
	if (item->kind == KG_YAML_SCALAR) { /* "audience: elders" */
		single = *item;
		one[0] = &single;
		list = &wrapper;
	} else if (item->kind != KG_YAML_SEQ) {
		kg_error(diags, file, item->line, item->col, "'audience' must be a list");
		return -1;
	}
	int rc = 0;
	size_t cap = page->audience_count; /* allocated: at least that many */
	for (size_t j = 0; j < list->count; j++) {
		const kg_yaml *a = list->items[j];
		char *v = NULL;
		if (kg_yaml_string(a, "audience", file, &v, diags) < 0) {
			rc = -1;
			continue;
		}
		if (page->config && check_term(page, page->config->audiences, page->config->audience_count,
		                               "audience", "audiences", v, a, diags) < 0) {
			free(v);
			rc = -1;
			continue;
		}
		kg_array_grow(page->audience, cap, page->audience_count + 1);
		page->audience[page->audience_count++] = v;
	}
	return rc;
}

static int read_updated(void *target, const kg_yaml *item, const char *file, kg_diags *diags)
{
	kg_page *page = target;
	char *v = NULL;
	if (kg_yaml_string(item, "updated", file, &v, diags) < 0)
		return -1;
	if (parse_date(v, &page->updated_year, &page->updated_month, &page->updated_day) < 0) {
		kg_error(diags, file, item->line, item->col,
		         "'updated' must be a date written YYYY-MM-DD (got '%s')", v);
		free(v);
		return -1;
	}
	free(page->updated);
	page->updated = v;
	return 0;
}

static int read_encoding(void *target, const kg_yaml *item, const char *file, kg_diags *diags)
{
	(void)target;
	char *v = NULL;
	if (kg_yaml_string(item, "encoding", file, &v, diags) < 0)
		return -1;
	/* The loader has already decoded the file from this encoding (see
	 * declared_encoding in content.c); here it only has to be one it knows. */
	int rc = 0;
	if (strcasecmp(v, "utf-8") && strcasecmp(v, "utf8") && !kg_legacy_encoding_name(v)) {
		kg_error(
		    diags, file, item->line, item->col,
		    "unknown encoding '%s' (kitgen reads utf-8, big5, gb18030, euc-kr, shift_jis, cp932, "
		    "windows-1258)",
		    v);
		rc = -1;
	}
	free(v);
	return rc;
}

#define PAGE_AT(field) offsetof(kg_page, field)
static const kg_schema_field front_matter_fields[] = {
    {"title", KG_SCHEMA_TEXT, PAGE_AT(title), NULL, NULL, note_title_line, "text", "—",
     "the page's title; required"},
    {"summary", KG_SCHEMA_TEXT, PAGE_AT(summary), NULL, NULL, note_summary_line, "text", "none",
     "one or two sentences, shown in lists and search results"},
    {"order", KG_SCHEMA_INT, PAGE_AT(order), NULL, NULL, NULL, "integer", "0", "order within the section"},
    {"audience", KG_SCHEMA_CUSTOM, 0, NULL, NULL, read_audience, "list", "none",
     "who the page is for: `everyone`, `elders`, `youth`, `business-owners`, `trainers`, `families`"},
    {"strategy", KG_SCHEMA_CUSTOM, 0, NULL, NULL, read_strategy, "text", "none",
     "`education`, `services` or `advocacy`"},
    {"handout", KG_SCHEMA_BOOL, PAGE_AT(handout), NULL, NULL, NULL, "bool", "false",
     "PDF handouts: standard, large print, bilingual"},
    {"card", KG_SCHEMA_BOOL, PAGE_AT(card), NULL, NULL, note_card_line, "bool", "false",
     "a wallet phrase card too: the page's list items on credit-card panels, bilingual when the page is"},
    {"slides", KG_SCHEMA_BOOL, PAGE_AT(slides), NULL, NULL, note_slides_line, "bool", "false",
     "a slide deck too (a 16:9 PDF and an HTML deck at `slides/`): a slide per `##` heading, `> Notes:` quotes as speaker notes"},
    {"booklet", KG_SCHEMA_CUSTOM, 0, NULL, NULL, read_booklet, "bool", "kit.yaml's `booklet`",
     "a booklet of the handout (half size, imposed for folding), or none with false"},
    {"bilingual", KG_SCHEMA_BOOL, PAGE_AT(bilingual), NULL, NULL, NULL, "bool", "false",
     "translated pages also show each unit's source text"},
    {"updated", KG_SCHEMA_CUSTOM, 0, NULL, NULL, read_updated, "date", "none",
     "`YYYY-MM-DD`; shown localized"},
    {"encoding", KG_SCHEMA_CUSTOM, 0, NULL, NULL, read_encoding, "encoding", "`utf-8`",
     "only for files not in UTF-8 (byte order marks are also read, and other encodings detected)"},
    {"aliases", KG_SCHEMA_CUSTOM, 0, NULL, NULL, kg_aliases_read, "list", "none",
     "old paths of the page (`advocacy/safety-walks`): each becomes a redirect to it in every language "
     "(`kitgen mv` adds them)"},
};
#undef PAGE_AT

const kg_schema kg_front_matter_schema = {"front matter", "front matter field", front_matter_fields,
                                          sizeof(front_matter_fields) / sizeof(front_matter_fields[0])};

int kg_front_matter_read(kg_page *page, const kg_yaml *root, kg_diags *diags)
{
	const char *file = page->source_path;
	if (root->kind != KG_YAML_MAP) {
		kg_error(diags, file, root->line, root->col, "front matter must be a map of fields");
		return -1;
	}
	int rc = kg_schema_read(&kg_front_matter_schema, root, page, file, NULL, diags);
	if (!page->title || !page->title[0]) {
		kg_error(diags, file, root->line, 1, "front matter has no 'title'");
		rc = -1;
	}
	return rc;
}
