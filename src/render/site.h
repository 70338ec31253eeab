/* site.h: the site as the renderers see it (private to src/render/ and
 * the folders above it). The build (src/build/) fills a `site`: the kit,
 * its templates, and per language the UI catalog and what phase 1 measured
 * of every page; render/ turns it into pages (context.c builds template
 * values), the search index, the sitemap and the status page; downloads/
 * adds the files beside pages and the zips. Renderers read the site and
 * write through its output folder; what the incremental cache decides
 * reaches them only through the hooks below, so render/ never includes
 * build/. The build owns the site and frees it; renderers borrow it.
 */
#ifndef KITGEN_RENDER_SITE_H
#define KITGEN_RENDER_SITE_H

#include "kitgen/catalog/catalog.h"
#include "kitgen/catalog/plural.h"
#include "kitgen/catalog/review.h"
#include "kitgen/i18n/glossary.h"
#include "kitgen/i18n/localize.h"
#include "kitgen/kit/kit.h"
#include "kitgen/locale/locale.h"
#include "kitgen/output/outdir.h"
#include "kitgen/render/ui_strings.h"
#include "kitgen/template/template.h"
#include "kitgen/template/value.h"

#include <cmark.h>
#include <stdatomic.h>
#include <stdint.h>

/* One page in one language, as phase 1 found it. Fields marked (build)
 * are the build's bookkeeping; renderers do not touch them. */
typedef struct page_state {
	kg_catalog *po;   /* (build) owned; read in phase 1, freed, read again in phase 2; or NULL */
	uint64_t po_hash; /* (build) of the catalog's bytes as phase 1 read them; 0 when none */
	char *po_display; /* owned: "locales/<lang>/<path>.po" */
	kg_coverage coverage;
	char *title;   /* owned unless borrowed; localized or source */
	char *summary; /* owned unless borrowed; may be NULL */
	int title_fallback;
	int summary_fallback;
	int published;
	int borrowed; /* (build) title, summary and warnings point into the cache */
	/* Its folded words for the search index, in the site's search spool
	 * (search.c); search_made is 0 when this build made none (a kept page). */
	uint64_t search_at;
	size_t search_len;
	int search_made;
	uint64_t key;            /* everything phase 1 read for this page and language (a fingerprint) */
	int cached;              /* (build) phase 1 came from the cache */
	char *warnings;          /* (build) owned unless borrowed; encoded phase-1 warnings */
	unsigned char *verdicts; /* (build) owned; phase 1's decision per unit */
	kg_review_state review;  /* its native-speaker review (measure.c) */
	const char *review_date; /* "YYYY-MM-DD" of the record, or NULL; borrowed from lang_state.reviews */
} page_state;

typedef struct lang_state {
	const kg_language *lang;
	int is_source;
	kg_catalog *ui;    /* owned; ui.po, or NULL */
	kg_plural *plural; /* owned; from ui.po's header, else CLDR, else NULL */
	page_state *pages; /* one per kit page */
	kg_coverage total;
	size_t published;
	size_t cache_start, cache_specials; /* (build) the language's records in the cache */
	kg_placeholders vars;        /* owned: this language's values of {{ name }} (prose vars translated) */
	const char *kit_title;       /* the kit's title in this language (borrowed: ui.po or kit.yaml) */
	const char *kit_description; /* likewise, or NULL */
	kg_val **audience_items;     /* owned: {key, label} per audience of kit.yaml */
	kg_val **language_fields;    /* owned: tag, name, og_locale, ...: see language_value() */
	size_t audience_item_count;
	kg_reviews reviews;     /* owned: locales/<lang>/REVIEWS (empty for the source) */
	kg_glossary glossary;   /* owned: locales/<lang>/glossary.po (empty for the source) */
	uint64_t glossary_hash; /* (build) of that file, in every page's key: its findings are cached */
} lang_state;

/* What the previous build recorded for a site-wide file (a search-index
 * part, the sitemap, a language's zip): the fingerprint of its inputs, and
 * of and the size of what it wrote. */
typedef struct site_file_record {
	uint64_t key;
	uint64_t out_key;
	size_t bytes;
} site_file_record;

struct site;
struct kg_svg; /* images/svg_text.h; render/ only passes it along */

/* The SVG images a page shows (build/load.c, from images/svg_links.h). */
typedef struct site_page_svgs {
	size_t *files; /* owned: indexes into kit.files, in the page's order */
	size_t count;
} site_page_svgs;

/* Set by the build. */
typedef struct site_hooks {
	void *ctx;
	/* The previous build's record for (lang, id), filled into *old: 1 when
	 * there is one and the build may reuse outputs (not --clean), else 0. */
	int (*previous)(void *ctx, const char *lang, const char *id, site_file_record *old);
	/* Records (lang, id) for the next build. Thread-safe. */
	void (*record)(void *ctx, const char *lang, const char *id, const site_file_record *rec);
	/* Localizes page_index in ls again and sets its search_words: for a page
	 * whose output was kept but whose previous search entry is missing. */
	void (*search_words_again)(void *ctx, lang_state *ls, size_t page_index);
} site_hooks;

typedef struct site {
	kg_kit kit;
	kg_templates *templates;
	lang_state *langs;
	size_t lang_count;
	const kg_language *source;
	kg_outdir out;
	kg_diags *diags;
	atomic_int failed;
	uint64_t global_key;     /* kit.yaml, templates, ui catalogs, static file list, kitgen version */
	uint64_t *page_nav;      /* per page: what it shows about other pages */
	size_t *neighbour_order; /* pages that are not section pages, in previous/next order */
	size_t neighbour_count;
	size_t *neighbour_pos; /* per page: its place in neighbour_order, or SIZE_MAX */
	site_hooks hooks;
	kg_date_formatter *dates; /* borrowed from the build (or its session) */
	/* Test hook (kg_build_options.test_check_values): when set, every
	 * template's values are checked against it before rendering. */
	const kg_tpl_schema *check_values;
	const char *test_handout_rasters;       /* kg_build_options' test hook (borrowed) */
	const char *test_handout_rasters_pages; /* the same */
	size_t sitemap_max_urls;                /* test hook: URLs per sitemap file (0: 50,000) */
	char *logo_path;                        /* owned: the organization's logo file, or NULL */
	struct kg_svg **svgs;                   /* owned: per kit file, its SVG read and checked, or NULL */
	site_page_svgs *page_svgs;              /* owned: per kit page */
	int sample; /* the kit fails the publish gate: pages and handouts say SAMPLE */
	/* PDFs are drawn by these worker processes (pdf.h; started and
	 * stopped by the build around phase 2), or in this process when NULL. */
	struct kg_pdf_workers *pdf_workers;
	/* Every page's search words until the index is written (search.c): an
	 * unnamed file in the staging folder, or -1; its end. */
	int search_spool;
	_Atomic uint64_t search_spool_end;
} site;

/* ---- site.c ---- */
/* The source language's state (NULL only before the build's load). */
const lang_state *site_source_state(const site *s);
/* 1 when the previous build recorded (lang, id) with this same key (and
 * this is not a clean build); *old then holds its record. */
int site_previous_same(const site *s, const char *lang, const char *id, uint64_t key, site_file_record *old);
/* Records (lang, id) for the next build. Thread-safe. */
void site_record(const site *s, const char *lang, const char *id, const site_file_record *rec);

/* ---- context_schema.c ---- */
/* Every value templates are given, as kg_tpl_schema_new's dotted paths
 * (NULL-terminated, static). */
extern const char *const site_context_paths[];
/* The same, with site.vars.<name> for each of cfg's vars. Caller frees
 * with kg_tpl_schema_free(). */
kg_tpl_schema *site_schema_new(const kg_config *cfg);
/* Renders template_name with root in language ls (NULL: no translation)
 * into html: the one way the build renders a template. */
int site_render(site *s, lang_state *ls, const char *template_name, const kg_val *root, kg_buf *html);

/* ---- context.c: template values ---- */
/* Fills tr to translate from ls's UI catalog (borrowed) and returns tr. */
const kg_translator *site_translator(lang_state *ls, kg_translator *tr);
/* The template contexts below are new values the caller owns
 * (kg_val_unref()). The site-wide keys (site, languages, ...) for a page
 * at rel_path; root: its prefix up to out/, or NULL to compute it. */
kg_val *site_context(site *s, lang_state *ls, const char *rel_path, const char *root);
/* The "page" value of page_index; takes toc's reference. */
kg_val *site_page_context(site *s, lang_state *ls, size_t page_index, const kg_localized *loc,
                          const char *content_html, kg_val *toc);
/* The "deck" value of slides.html (deck_page.c) for page_index, whose
 * deck is written at deck_rel ("<page>/slides"); takes doc apart (its
 * blocks move into the slides): render the deck last. page_hc is the
 * page's HTML context. */
struct kg_html_context;
kg_val *site_deck_value(site *s, size_t page_index, const char *deck_rel, cmark_node *doc,
                        const struct kg_html_context *page_hc);
/* The root of the language index ("") or of the section page rel_path. */
kg_val *site_index_context(site *s, lang_state *ls, size_t page_index, const char *rel_path);
/* Values every page of a language shares (audience labels); made once the
 * UI catalog is loaded, read-only while pages render. */
void site_lang_values_init(const site *s, lang_state *ls);
void site_lang_values_release(lang_state *ls);
/* 1 when the page (ps, in ls) shows the draft notice: a translation
 * without a current native-speaker review, whatever kit.yaml says. */
int site_page_draft(const lang_state *ls, const page_state *ps);
/* Appends "Reviewed by a native speaker on <date>" in ls and returns 1
 * when the page's review is current, else appends nothing and returns 0. */
int site_review_line(site *s, lang_state *ls, const page_state *ps, kg_buf *out);
/* A UI string in language ls (source text when untranslated). Borrowed. */
const char *site_ui(lang_state *ls, const char *msgctxt, const char *msgid);
/* One of kitgen's own strings (ui_strings.h) in language ls. Borrowed. */
const char *site_ui_string(lang_state *ls, kg_ui_id id);
/* The relative URL of page rel in lang as seen from from_rel ("" = lang index). */
void site_url(const char *from_rel, const char *lang, const char *rel, kg_buf *out);
/* Appends pattern with the first `name` ("{date}") replaced by value. */
void site_fill_param(kg_buf *out, const char *pattern, const char *name, const char *value);
/* A download's size as its page shows it ("12 KB", "1.4 MB"). Caller owns
 * the value (kg_val_unref()). */
kg_val *site_size_value(size_t bytes);

/* ---- search.c ---- */
/* The search spool: opened before pages are rendered (0, or -1 with an
 * error), closed once the indexes are written (or the build fails); closing
 * a closed one does nothing. */
int site_search_spool_open(site *s);
void site_search_spool_close(site *s);
void site_collect_search_words(site *s, lang_state *ls, size_t page_index, cmark_node *doc);
/* Writes every language's index; *total_bytes: their size. */
int site_write_search_indexes(site *s, size_t *total_bytes);

/* ---- sitemap.c, status.c ---- */
int site_write_sitemap(site *s);
int site_write_status(site *s);

/* ---- share_meta.c: files for partners, and Open Graph ---- */
typedef enum site_partner_file {
	SITE_SHARE_WIDE,   /* 1200 × 630 PNG (Open Graph) */
	SITE_SHARE_SQUARE, /* 1080 × 1080 PNG */
	SITE_DOCX,
	SITE_ODT,
	SITE_PARTNER_FILE_COUNT
} site_partner_file;
/* Appends the name of that file of page in language tag
 * ("five-responses-vi-share.png"), beside the page's index.html. */
void site_partner_file_name(const kg_page *page, const char *tag, site_partner_file file, kg_buf *out);
/* Does page_index have files of its own in ls (PDFs, text and Markdown
 * copies, Word and OpenDocument copies, share images)? The source
 * language always; another language once it has translated one unit of
 * the page. Files of an untranslated page would only repeat the source
 * under another language's name: its page links to the source's instead. */
int site_page_has_own_files(const lang_state *ls, size_t page_index);
/* Appends tag as og:locale writes it: language and likely region ("vi_VN",
 * "zh_TW" for zh-Hant), or the tag when ICU knows neither. */
void site_og_locale(const char *tag, kg_buf *out);

/* ---- feed.c ---- */
/* An Atom feed per language (out/<lang>/feed.xml). Returns 0 or -1. */
int site_write_feeds(site *s);

/* ---- redirects.c ---- */
/* Writes a redirect page at every alias of every page, in each language
 * the page is published in (out/<lang>/<alias>/index.html). */
int site_write_redirects(site *s);

#endif
