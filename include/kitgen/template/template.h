/* template.h: kitgen's template language (documented in docs/templates.md).
 *
 * A kg_templates set holds every parsed template of a kit's templates/
 * folder (every *.html file outside templates/assets/), keyed by its path
 * relative to that folder ("page.html", "partials/head.html"). Loading
 * parses everything up front and checks includes, so a render can only fail
 * on data, never on syntax. A loaded set is immutable and may be rendered
 * from many threads at once. The set owns its templates, freed by
 * kg_templates_free(); a render borrows the context and the translator.
 */
#ifndef KITGEN_TEMPLATE_H
#define KITGEN_TEMPLATE_H

#include "kitgen/base/buf.h"
#include "kitgen/base/diag.h"
#include "kitgen/theme/theme.h"
#include "kitgen/template/value.h"

typedef struct kg_templates kg_templates;

/* How {{ t }} / {{ tn }} calls find their translation. Each hook returns a
 * string borrowed until the render returns, or NULL when there is no
 * translation (the source text is then used). Translated text is
 * untrusted: the renderer escapes it. */
typedef struct kg_translator {
	const char *(*gettext)(void *ctx, const char *msgctxt, const char *msgid);
	const char *(*ngettext)(void *ctx, const char *msgctxt, const char *msgid, const char *msgid_plural,
	                        unsigned long n);
	/* Formats an integer for {n} in the current language (may be NULL:
	 * plain ASCII decimal is used). Appends to out. */
	void (*format_int)(void *ctx, long long n, kg_buf *out);
	/* {{ x | page_text lang }}: appends text as the page's own text is
	 * written in HTML for language lang (escaped, with what the site does
	 * for that script, e.g. word spans for Khmer and isolated numbers in a
	 * right-to-left language). May be NULL: the text is then escaped. */
	void (*text_html)(void *ctx, const char *text, size_t len, const char *lang, kg_buf *out);
	void *ctx;
} kg_translator;

/* Parses every template of a theme (its .html files: the built-in ones and
 * the kit's overrides, theme.h) into *out (caller frees with
 * kg_templates_free()) and checks includes. Diagnostics name each file as
 * the theme does ("templates/page.html", "(built-in theme)/page.html").
 * Returns 0, or -1 with diagnostics added (the set is still returned,
 * possibly partial, and must be freed). */
int kg_templates_load_theme(kg_templates **out, const kg_theme *theme, kg_diags *diags);
/* Parses one template from memory, replacing one of the same name;
 * display_path names it in diagnostics. */
int kg_templates_add_file(kg_templates *set, const char *name, const char *display_path, const char *text,
                          size_t len, kg_diags *diags);
/* The same, named "<display_dir>/<name>" (tests and fuzzers). */
int kg_templates_add_string(kg_templates *set, const char *name, const char *text, size_t len,
                            kg_diags *diags);
/* An empty set (display_dir is copied); caller frees with kg_templates_free(). */
kg_templates *kg_templates_new(const char *display_dir);
/* Checks includes of everything added so far (missing partials, cycles). */
int kg_templates_check(kg_templates *set, kg_diags *diags);
void kg_templates_free(kg_templates *set);

int kg_templates_has(const kg_templates *set, const char *name);
/* Whether template name, or a template it includes, names key anywhere in
 * an expression (as in "l.pages" or "{% for p in pages %}"): when it does
 * not, the caller may leave that key out of the context. Conservative. */
int kg_templates_uses_key(const kg_templates *set, const char *name, const char *key);

/* Renders template `name` with ctx (a map) as its root scope, appending to
 * out. tr may be NULL (no translation). Returns 0, or -1 with a diagnostic
 * at the template's file:line:col. */
int kg_templates_render(const kg_templates *set, const char *name, const kg_val *ctx, const kg_translator *tr,
                        kg_buf *out, kg_diags *diags);

/* ---- check.c: the names templates use ---- */

/* What the templates will be given, as dotted paths: "site.title",
 * "page.toc[].id" (a list whose items have an id), "status[].*" (anything
 * below). Caller frees with kg_tpl_schema_free(). */
typedef struct kg_tpl_schema kg_tpl_schema;
kg_tpl_schema *kg_tpl_schema_new(const char *const *paths); /* NULL-terminated */
void kg_tpl_schema_free(kg_tpl_schema *schema);
/* Checks every variable path of every template against schema, following
 * includes with the names in scope (loop variables, set names, loop):
 * an unknown name or field is an error at its file:line:col with the
 * closest known name; a field of a list is an error too. Returns 0 or -1. */
int kg_templates_check_names(const kg_templates *set, const kg_tpl_schema *schema, kg_diags *diags);
/* Appends a line for every key of a value tree that schema does not
 * declare ("page.titel"), so tests can keep the schema and the values the
 * build makes in step. */
void kg_tpl_schema_check_value(const kg_tpl_schema *schema, const kg_val *root, kg_buf *problems);

/* Every translatable string of every template (t, tc, tn calls), in a
 * stable order (template name, then position), for ui.pot. The callback
 * returns non-zero to stop; that value is returned. file is the display
 * path ("templates/page.html"). msgctxt and msgid_plural may be NULL. */
typedef int (*kg_template_message_fn)(void *ud, const char *file, int line, const char *msgctxt,
                                      const char *msgid, const char *msgid_plural);
int kg_templates_each_message(const kg_templates *set, kg_template_message_fn fn, void *ud);

#endif
