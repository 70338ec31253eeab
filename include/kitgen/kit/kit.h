/* kit.h: a loaded kit — its kit.yaml configuration, its pages and its
 * static files — everything the later pipeline stages read.
 *
 * kg_kit_load() reads kit.yaml and walks content/; the kit owns every
 * string, page and file entry, freed by kg_kit_free(). After loading, a kit
 * is read-only and shared by the build's threads.
 */
#ifndef KITGEN_KIT_H
#define KITGEN_KIT_H

#include "kitgen/base/buf.h"
#include "kitgen/base/diag.h"

#include <stddef.h>

typedef enum kg_lang_status { KG_STATUS_DRAFT, KG_STATUS_REVIEWED } kg_lang_status;

/* What a {{ name }} placeholder holds, which says how it is checked: a
 * phone number, URL or e-mail address is a fact (a translation must keep
 * it, a URL var may be a link's destination); prose is translated through
 * ui.po like the kit's title; text is neither (a name, an address). */
typedef enum kg_var_type { KG_VAR_TEXT, KG_VAR_PROSE, KG_VAR_PHONE, KG_VAR_URL, KG_VAR_EMAIL } kg_var_type;

typedef struct kg_kit_var {
	char *name;
	char *value;
	kg_var_type type;
	int line, col;    /* of its value in kit.yaml */
	int organization; /* set by the organization block (org_name, ...) */
} kg_kit_var;

typedef struct kg_language {
	char *tag;             /* canonical BCP 47 */
	char *name;            /* endonym: kit override, else ICU's, else the tag */
	char *english_name;    /* kit override, else ICU's, else the tag */
	int rtl;               /* right-to-left */
	kg_lang_status status; /* draft unless kit.yaml says reviewed (source: reviewed) */
	int status_explicit;
	char *paper;        /* "letter" or "a4" */
	char *plural_forms; /* kit override for PO headers, or NULL (use CLDR) */
	char *script;       /* ISO 15924, kit override or ICU's likely script */
	int min_coverage;   /* percent of words; page hidden below it */
	char **exports;     /* legacy encodings for text downloads ("big5"), canonical names */
	size_t export_count;
	int export_substitute; /* a character an encoding lacks: marker + warning, not an error */
	int has_cldr_data;
	int line, col;    /* where it is configured in kit.yaml */
	kg_kit_var *vars; /* this language's values of some of the kit's vars, sorted by name */
	size_t var_count;
} kg_language;

/* An audience or a strategy a page may name in its front matter. */
typedef struct kg_term {
	char *key;   /* "elders" */
	char *label; /* "Elders": English, translated through ui.po */
	int line, col;
} kg_term;

/* kit.yaml's organization: block. Each field is also a var (org_name,
 * org_phone, org_address, org_website), so content can say {{ org_phone }}. */
typedef struct kg_organization {
	char *name, *phone, *address, *website;
	char *logo; /* kit-relative path of an image, or NULL */
	int logo_line, logo_col;
} kg_organization;

/* Colours of the share images (kit.yaml's colors:), as 0xRRGGBB. */
typedef struct kg_colors {
	unsigned background, text, accent;
} kg_colors;

typedef struct kg_config {
	char *title;
	char *base_url;                  /* always ends with '/' */
	int base_url_line, base_url_col; /* where kit.yaml sets it (0 when it does not) */
	char *source_language;           /* a tag from languages (the first by default) */
	char *output_dir;                /* relative to the kit; "out" by default */
	char *paper;                     /* default paper size */
	int raw_html;                    /* allow raw HTML in source Markdown */
	int downloads;                   /* text, Markdown and zip downloads (default on) */
	int handouts;                    /* PDF handouts for pages with `handout: true` (default on) */
	int booklet;                     /* a folded booklet of every handout too (pages may say otherwise) */
	int share_images;                /* link-preview PNGs of every page (default on) */
	int auto_convert;                /* convert content files whose encoding was only detected */
	int min_coverage;                /* default for languages */
	kg_language *languages;
	size_t language_count;
	kg_kit_var *vars; /* {{ name }} placeholders in content, sorted by name */
	size_t var_count;
	char *description; /* one or two sentences about the kit, or NULL */
	kg_organization organization;
	kg_term *audiences; /* front matter's audience values, in kit.yaml's order */
	size_t audience_count;
	kg_term *strategies; /* front matter's strategy values, in kit.yaml's order */
	size_t strategy_count;
	char *license;    /* SPDX identifier partners republish under (license.c), or NULL */
	kg_colors colors; /* of share images; kitgen's defaults unless kit.yaml sets them */
} kg_config;

int kg_config_load(kg_config *cfg, const char *path, const char *display_path, kg_diags *diags);
void kg_config_release(kg_config *cfg);
/* The language with that tag, or NULL. Borrowed from cfg, valid until
 * kg_config_release() (or kg_kit_free() of the kit holding it). */
const kg_language *kg_config_language(const kg_config *cfg, const char *tag);
/* The value of the var name, or NULL. Borrowed from cfg, likewise. */
const char *kg_config_var(const kg_config *cfg, const char *name);
/* The var called name (len bytes), or NULL. Borrowed, likewise. */
const kg_kit_var *kg_config_find_var(const kg_config *cfg, const char *name, size_t len);
/* The audience or strategy with that key, or NULL. Borrowed, likewise. */
const kg_term *kg_config_audience(const kg_config *cfg, const char *key);
const kg_term *kg_config_strategy(const kg_config *cfg, const char *key);
/* 1 when a value is still the bracketed reminder kit.yaml starts with
 * ("[your local hotline number]"): empty, or "[...]". */
int kg_var_is_reminder(const char *value);

/* ---- license.c ---- */
/* A licence kit.yaml's `license:` may name (static data). */
typedef struct kg_license {
	const char *id;   /* SPDX identifier: "CC-BY-4.0" */
	const char *name; /* "Creative Commons Attribution 4.0 International" */
	const char *url;  /* the licence's deed or text */
} kg_license;
/* The licence with that SPDX identifier, or NULL. Static. */
const kg_license *kg_license_find(const char *spdx_id);
/* WCAG contrast ratio of two 0xRRGGBB colours (1 to 21). */
double kg_colors_contrast(unsigned a, unsigned b);

/* An old address of a page (front matter `aliases:`): the build writes a
 * redirect to the page there, in every language it is published in. */
typedef struct kg_alias {
	char *path;    /* URL path without language, as rel_path: "advocacy/safety-walks" */
	int line, col; /* of the value in the page's file */
} kg_alias;

typedef struct kg_page {
	char *source_path; /* display path: "content/education/five-responses.md" */
	char *file_path;   /* path to open (kit dir joined) */
	char *rel_path;    /* URL path without language: "education/five-responses",
	                      "education" for a section's _index.md, "" for the home */
	char *section;     /* first folder under content/, "" at the top */
	int is_section_index;
	char *title;
	char *summary;
	long order;
	char **audience;
	size_t audience_count;
	char *strategy;
	int handout;
	int card;        /* a wallet phrase card of the page's list items */
	int card_line;   /* where the front matter says so (for diagnostics) */
	int slides;      /* a slide deck of the page (render/slides.h) */
	int slides_line; /* where the front matter says so (for diagnostics) */
	int booklet;     /* 1: a booklet of the handout, -1: none, 0: as kit.yaml says */
	int bilingual;   /* translated pages also show each unit's source text */
	int updated_year, updated_month, updated_day; /* 0 when absent */
	char *updated;                                /* ISO text or NULL */
	char *body;                                   /* Markdown after the front matter (owned) */
	size_t body_len;
	int body_line; /* line of body's first line in the file */
	int title_line, summary_line;
	size_t read_diagnostics; /* diagnostics reading the file gave (the loader's count) */
	/* Borrowed while the front matter is read: the kit's taxonomies to
	 * check audience and strategy against (NULL: any key, as in tests). */
	const kg_config *config;
	kg_alias *aliases; /* owned; in front matter order */
	size_t alias_count;
} kg_page;

typedef struct kg_static_file {
	char *file_path; /* to read */
	char *out_path;  /* relative to out/: "images/x.svg", "assets/style.css" */
} kg_static_file;

typedef struct kg_kit {
	char *dir;      /* the kit's folder as given */
	char *real_dir; /* its resolved absolute path */
	kg_config config;
	kg_page *pages; /* sorted by rel_path */
	size_t page_count;
	kg_static_file *files; /* sorted by out_path */
	size_t file_count;
} kg_kit;

/* Loads kit.yaml and content/. Returns 0, or -1 with diagnostics; the kit
 * is filled as far as it got and must be freed either way. */
int kg_kit_load(kg_kit *kit, const char *dir, kg_diags *diags);
void kg_kit_free(kg_kit *kit);

/* What a reload may take from the previous load of the same kit. */
typedef struct kg_kit_reuse {
	kg_kit *previous; /* pages taken are left zeroed in it; free it after */
	/* 1 when the file at path is known unchanged since previous was read */
	int (*unchanged)(void *ctx, const char *path);
	void *ctx;
} kg_kit_reuse;
/* kg_kit_load, except that a page whose file is unchanged, and whose
 * reading gave no diagnostic, is moved from reuse->previous rather than
 * read again (a preview server's rebuild after a one-page edit). The
 * caller must reload everything when kit.yaml changed. reuse may be NULL. */
int kg_kit_reload(kg_kit *kit, const char *dir, const kg_kit_reuse *reuse, kg_diags *diags);
/* The page at rel_path, or NULL. Borrowed from kit; valid until kg_kit_free(). */
const kg_page *kg_kit_find_page(const kg_kit *kit, const char *rel_path);
/* By "content/<path>.md"; a linear search, for links to non-ASCII names.
 * Borrowed likewise. */
const kg_page *kg_kit_find_page_by_source(const kg_kit *kit, const char *source_path);

/* Parses the front matter and body of one page from memory (used by the
 * loader, tests and fuzzers). page->source_path must be set. */
int kg_page_parse(kg_page *page, const char *text, size_t len, kg_diags *diags);
void kg_page_release(kg_page *page);

/* ---- front_matter.c ---- */
/* Reads a page's front matter map into page (schema.h's
 * kg_front_matter_schema). Returns 0, or -1 with diagnostics. */
struct kg_yaml;
int kg_front_matter_read(kg_page *page, const struct kg_yaml *root, kg_diags *diags);

/* ---- placeholders.c ---- */
/* One language's values of the kit's vars, for filling {{ name }}. */
typedef struct kg_placeholders {
	const kg_config *config; /* borrowed */
	const char **values;     /* owned array (strings borrowed): one per config var */
} kg_placeholders;
/* The values in lang (NULL: the source language): the kit's, with the
 * language's own. The build then sets prose vars' translations with
 * kg_placeholders_set (borrowed until release). Release with
 * kg_placeholders_release. */
void kg_placeholders_init(kg_placeholders *p, const kg_config *cfg, const kg_language *lang);
void kg_placeholders_set(kg_placeholders *p, size_t var_index, const char *value);
void kg_placeholders_release(kg_placeholders *p);
/* The value of the var name (len bytes), or NULL. Borrowed. */
const char *kg_placeholders_get(const kg_placeholders *p, const char *name, size_t len);
/* Appends text with its {{ name }} placeholders filled; unknown names are
 * left as written (the build reports them where they are written). */
void kg_fill_placeholders(const kg_placeholders *p, const char *text, kg_buf *out);
/* The same, HTML-escaping the text and the values. */
void kg_fill_placeholders_html(const kg_placeholders *p, const char *text, kg_buf *out);
/* Walks text in order: on_text for each run of literal text (an unknown
 * name's braces included, so it shows as written), on_value for each
 * known placeholder with its var and value. For callers that treat values
 * apart from the text around them (HTML isolates them for bidi). */
typedef void (*kg_text_fn)(void *ud, const char *text, size_t len);
typedef void (*kg_value_fn)(void *ud, const kg_kit_var *var, const char *value);
void kg_placeholders_walk(const kg_placeholders *p, const char *text, kg_text_fn on_text,
                          kg_value_fn on_value, void *ud);
/* Calls fn for every {{ name }} in text (name and len point into text;
 * offset is where its "{{" is). */
void kg_placeholders_each(const char *text,
                          void (*fn)(void *ctx, const char *name, size_t len, size_t offset), void *ctx);

/* ---- aliases.c ---- */
/* The front matter reader of `aliases:` (a list of paths, or one path):
 * each must be a clean relative URL path (kg_alias_problem). Appends to
 * page->aliases; returns 0 or -1 with a diagnostic at each bad value. */
int kg_aliases_read(void *page, const struct kg_yaml *node, const char *file, kg_diags *diags);
/* Why path cannot be an alias ("starts with '/'"), or NULL when it can.
 * The text is static. */
const char *kg_alias_problem(const char *path);
/* The name the build writes in every language's folder ("search",
 * "status", "404.html", ...) that rel_path starts with, or NULL. Static. */
const char *kg_reserved_address(const char *rel_path);
/* Checks the addresses of the whole kit: no page at a name the build uses
 * (kg_reserved_address). And its aliases (pages sorted by rel_path): an
 * alias that is a page's address (its own: a loop; another's: a
 * collision, which is also how a chain would be written, so redirects
 * never chain) or that two aliases share is an error at the alias,
 * naming the other. Returns 0 or -1. */
int kg_kit_check_aliases(const kg_kit *kit, kg_diags *diags);

/* ---- content.c ---- */
/* The URL path of the page at content/<rel_md> ("a/b.md" -> "a/b",
 * "a/_index.md" -> "a", "_index.md" -> ""), non-ASCII names transliterated
 * as the loader does. Caller frees with free(). */
char *kg_kit_url_path(const char *rel_md);

/* ---- links.c ---- */
/* Resolves the first len bytes of target ("a/../b.md") against the folder
 * of page's file under content/. Returns the content-relative path (caller
 * frees with free()), or NULL if it climbs out of content/. */
char *kg_kit_resolve_relative(const kg_page *page, const char *target, size_t len);
/* Resolves a relative link of page `from` to the page (".md") or static
 * file it names. Returns 0 with one of them set (borrowed from kit), or -1. */
int kg_kit_resolve_link(const kg_kit *kit, const kg_page *from, const char *url, const kg_page **page,
                        const kg_static_file **file);

#endif
