/* localize.h: one page in one language — translations put in place of the
 * source units, each one checked first — and the safety checks themselves.
 * A kg_localized owns its document and strings (kg_localized_release())
 * and borrows its heading ids from the page's kg_page_units, which own
 * them (kg_page_units_release()); the page and catalog are borrowed.
 *
 * A translation is untrusted input. kg_check_translation() compares the
 * facts of a unit (link targets, URLs and e-mail addresses, numbers and
 * phone numbers, inline code, {{ placeholders }}, raw HTML) between the
 * source and its translation; a translation that changes one is refused
 * and the source unit is shown instead.
 */
#ifndef KITGEN_LOCALIZE_H
#define KITGEN_LOCALIZE_H

#include "kitgen/base/buf.h"
#include "kitgen/catalog/catalog.h"
#include "kitgen/base/diag.h"
#include "kitgen/kit/kit.h"

#include <cmark.h>

/* Returns 0 when translation keeps every fact of source, else -1 with the
 * reason appended to why ("changes the number 911 to 991"). markdown: the
 * unit is inline Markdown (else plain text such as a title). */
int kg_check_translation(const char *source, const char *translation, int markdown, kg_buf *why);
/* The same check in two steps: a source's facts found once (the page's
 * units, kg_page_units), compared with its translation in each language.
 * kg_source_facts_new never returns NULL; free with kg_source_facts_free. */
typedef struct kg_source_facts kg_source_facts;
kg_source_facts *kg_source_facts_new(const char *source, int markdown);
void kg_source_facts_free(kg_source_facts *sf);
int kg_check_against(const kg_source_facts *sf, const char *translation, kg_buf *why);

typedef struct kg_coverage {
	size_t units, translated, fuzzy, untranslated, refused;
	size_t words, words_translated; /* source words */
} kg_coverage;
void kg_coverage_add(kg_coverage *total, const kg_coverage *part);
/* Percent of source words translated, rounded down; 100 for an empty page. */
int kg_coverage_percent(const kg_coverage *c);

/* What every language of a page shares, computed once per page from the
 * source: the heading ids (anchors) and the word count of each unit (for
 * coverage). kg_localize() reads it instead of recomputing per language. */
typedef struct kg_page_units {
	char **heading_ids; /* one per heading, in document order */
	size_t heading_count;
	size_t *unit_words;           /* one per unit, in kg_segments_each order */
	char **unit_texts;            /* the unit's source text (what the catalog's msgid is) */
	unsigned char *unit_kinds;    /* its kg_segment_kind */
	kg_source_facts **unit_facts; /* its facts, for the checks (owned) */
	size_t unit_count;
} kg_page_units;
void kg_page_units_compute(const kg_page *page, const char *source_tag, kg_page_units *out);
void kg_page_units_release(kg_page_units *units);

/* A marker put in the user data of nodes that kept their source text. */
extern char kg_fallback_marker;

typedef struct kg_localized {
	cmark_node *doc;    /* owned */
	char *title;        /* owned */
	char *summary;      /* owned; may be NULL */
	int title_fallback; /* title kept in the source language */
	int summary_fallback;
	char *const *heading_ids; /* borrowed from the page's kg_page_units */
	size_t heading_count;
	kg_coverage coverage;
} kg_localized;

/* Builds the page in one language from catalog po (NULL: no catalog; every
 * unit stays in the source language and is marked so, unless is_source).
 * po_display names the catalog in diagnostics; refused translations are
 * reported as warnings there. Heading ids are made from the source text so
 * that "#anchors" are the same in every language. verdicts: NULL, or what
 * kg_localize_measure decided for the same page, catalog and units, so that
 * no translation is checked twice. Returns 0 (refusals are not failures). */
int kg_localize(const kg_page *page, const kg_page_units *units, const kg_catalog *po, const char *po_display,
                const char *source_tag, int is_source, const unsigned char *verdicts, kg_localized *out,
                kg_diags *diags);

/* What kg_localize decides, without building the page (out->doc is NULL):
 * coverage, title, summary, and the refusals as warnings. verdicts (NULL,
 * or units->unit_count bytes) receives 1 for each unit whose translation
 * is used, else 0. A build measures every page first (navigation needs
 * every title) and renders later. */
int kg_localize_measure(const kg_page *page, const kg_page_units *units, const kg_catalog *po,
                        const char *po_display, int is_source, unsigned char *verdicts, kg_localized *out,
                        kg_diags *diags);
void kg_localized_release(kg_localized *loc);

/* Where a page's catalog lives, relative to the kit: locales/<lang>/<p>.po
 * or locales/pot/<p>.pot, <p> being the page's path under content/
 * without ".md". */
void kg_catalog_path_for(const kg_page *page, const char *lang, kg_buf *out);

#endif
