/* config.c: reads kit.yaml into a kg_config (see kit.h).
 * Every key is checked against the schema below; unknown keys, wrong types
 * and invalid language tags are errors at kit.yaml:LINE:COL with a hint.
 * The config owns all its strings; language facts come from ICU through
 * locale.h unless kit.yaml overrides them. */
#include "kitgen/kit/kit.h"
#include "kit/config_internal.h"
#include "kitgen/base/utf8.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/base/buf.h"
#include "kitgen/locale/encoding.h"
#include "kitgen/locale/locale.h"
#include "kitgen/kit/schema.h"
#include "kitgen/kit/yaml.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const papers[] = {"letter", "a4", NULL};
static const char *const statuses[] = {"draft", "reviewed", NULL};
static const char *const directions[] = {"ltr", "rtl", NULL};

/* Fills in what ICU knows for fields kit.yaml did not set. */
static void complete_language(kg_language *lang, const char *direction)
{
	kg_buf b = KG_BUF_INIT;
	lang->has_cldr_data = kg_locale_has_data(lang->tag);
	if (!lang->name) {
		if (kg_locale_endonym(lang->tag, &b) == 0)
			lang->name = kg_buf_detach(&b, NULL);
		else
			lang->name = kg_strdup(lang->tag);
	}
	kg_buf_reset(&b);
	if (!lang->english_name) {
		if (kg_locale_english_name(lang->tag, &b) == 0)
			lang->english_name = kg_buf_detach(&b, NULL);
		else
			lang->english_name = kg_strdup(lang->tag);
	}
	kg_buf_reset(&b);
	if (!lang->script) {
		kg_locale_script(lang->tag, &b);
		lang->script = kg_buf_detach(&b, NULL);
	}
	if (direction)
		lang->rtl = strcmp(direction, "rtl") == 0;
	else
		lang->rtl = kg_locale_is_rtl(lang->tag);
	kg_buf_release(&b);
}

/* A language as kit.yaml gives it, before ICU fills in the rest. */
typedef struct language_input {
	kg_language lang;
	char *status;
	char *direction;
} language_input;

static int read_tag(void *target, const kg_yaml *item, const char *file, kg_diags *diags)
{
	kg_language *lang = &((language_input *)target)->lang;
	char *raw = NULL;
	if (kg_yaml_string(item, "tag", file, &raw, diags) < 0)
		return -1;
	int rc = 0;
	kg_buf canonical = KG_BUF_INIT;
	if (kg_locale_canonicalize(raw, &canonical) < 0) {
		if (canonical.len)
			kg_error(diags, file, item->line, item->col,
			         "'%s' is not a BCP 47 language tag; did you mean '%s'?", raw,
			         canonical.data);
		else
			kg_error(diags, file, item->line, item->col,
			         "'%s' is not a BCP 47 language tag (examples: 'vi', 'zh-Hant', 'chk')", raw);
		rc = -1;
	} else if (strcmp(raw, canonical.data) != 0) {
		kg_error(diags, file, item->line, item->col,
		         "language tag '%s' is not in canonical form; write '%s'", raw, canonical.data);
		rc = -1;
	}
	lang->line = item->line;
	lang->col = item->col;
	free(lang->tag);
	lang->tag = kg_buf_detach(&canonical, NULL);
	free(raw);
	return rc;
}

static int read_exports(void *target, const kg_yaml *item, const char *file, kg_diags *diags)
{
	kg_language *lang = &((language_input *)target)->lang;
	if (item->kind != KG_YAML_SEQ) {
		kg_error(diags, file, item->line, item->col,
		         "'exports' must be a list of encodings, such as [big5]");
		return -1;
	}
	int rc = 0;
	size_t cap = lang->export_count; /* allocated: at least that many */
	for (size_t e = 0; e < item->count; e++) {
		const kg_yaml *enc = item->items[e];
		const char *name = enc->kind == KG_YAML_SCALAR ? kg_legacy_encoding_name(enc->value) : NULL;
		if (!name) {
			kg_error(
			    diags, file, enc->line, enc->col,
			    "'%s' is not an export encoding kitgen knows (big5, gb18030, euc-kr, shift_jis, cp932, "
			    "windows-1258)",
			    enc->kind == KG_YAML_SCALAR ? enc->value : "?");
			rc = -1;
			continue;
		}
		kg_array_grow(lang->exports, cap, lang->export_count + 1);
		lang->exports[lang->export_count++] = kg_strdup(name);
	}
	return rc;
}

static int read_language_vars(void *target, const kg_yaml *node, const char *file, kg_diags *diags)
{
	return config_read_language_vars(&((language_input *)target)->lang, node, file, diags);
}

#define LANG_AT(field) offsetof(language_input, lang.field)
static const kg_schema_field language_fields[] = {
    {"tag", KG_SCHEMA_CUSTOM, 0, NULL, NULL, read_tag, "tag", "—",
     "BCP 47 language tag in canonical form (`vi`, `zh-Hant`, `chk`); required"},
    {"name", KG_SCHEMA_TEXT, LANG_AT(name), NULL, NULL, NULL, "text", "CLDR's endonym",
     "the language's name in itself, for languages CLDR does not know"},
    {"english_name", KG_SCHEMA_TEXT, LANG_AT(english_name), NULL, NULL, NULL, "text", "CLDR's name",
     "the language's name in English"},
    {"status", KG_SCHEMA_CHOICE, offsetof(language_input, status), statuses, NULL, NULL, "`draft`/`reviewed`",
     "`draft` (the source language: `reviewed`)", "drafts carry a visible notice on every page and handout"},
    {"paper", KG_SCHEMA_CHOICE, LANG_AT(paper), papers, "paper size", NULL, "`letter`/`a4`",
     "the kit's `paper`", "paper size of this language's handouts"},
    {"direction", KG_SCHEMA_CHOICE, offsetof(language_input, direction), directions, NULL, NULL,
     "`ltr`/`rtl`", "from CLDR", "writing direction"},
    {"plural_forms", KG_SCHEMA_TEXT, LANG_AT(plural_forms), NULL, NULL, NULL, "gettext expression",
     "from CLDR", "the `Plural-Forms` of new catalogs, for languages CLDR does not know"},
    {"script", KG_SCHEMA_TEXT, LANG_AT(script), NULL, NULL, NULL, "ISO 15924", "CLDR's likely script",
     "the script the language is written in here (`Latn` for Hmong in RPA)"},
    {"min_coverage", KG_SCHEMA_PERCENT, LANG_AT(min_coverage), NULL, NULL, NULL, "0–100",
     "the kit's `min_coverage`",
     "publish a page in this language only when this percent of its words is translated"},
    {"exports", KG_SCHEMA_CUSTOM, 0, NULL, NULL, read_exports, "list", "none",
     "legacy encodings of each page's text download: `big5`, `gb18030`, `euc-kr`, `shift_jis`, `cp932`, "
     "`windows-1258`"},
    {"vars", KG_SCHEMA_CUSTOM, 0, NULL, NULL, read_language_vars, "map", "the kit's",
     "this language's own values of some of the kit's vars (a local hotline, an interpreter line)"},
    {"export_substitute", KG_SCHEMA_BOOL, LANG_AT(export_substitute), NULL, NULL, NULL, "bool", "false",
     "a character an export encoding lacks becomes a visible marker with a warning, instead of an error"},
};
#undef LANG_AT

const kg_schema kg_language_schema = {"a language", "key", language_fields,
                                      sizeof(language_fields) / sizeof(language_fields[0])};

static void language_input_release(language_input *in)
{
	kg_language *lang = &in->lang;
	for (size_t e = 0; e < lang->export_count; e++)
		free(lang->exports[e]);
	free(lang->exports);
	free(lang->tag);
	free(lang->name);
	free(lang->english_name);
	free(lang->paper);
	free(lang->plural_forms);
	free(lang->script);
	for (size_t i = 0; i < lang->var_count; i++) {
		free(lang->vars[i].name);
		free(lang->vars[i].value);
	}
	free(lang->vars);
	free(in->status);
	free(in->direction);
}

/* Appends the language to cfg->languages, which has *cap slots. */
static int read_language(kg_config *cfg, size_t *cap, const kg_yaml *node, const char *file, kg_diags *diags)
{
	const kg_yaml *map = node;
	kg_yaml tag_only = {0};
	kg_yaml *items[1] = {&tag_only};
	kg_yaml wrapper = {
	    .kind = KG_YAML_MAP, .line = node->line, .col = node->col, .items = items, .count = 1};
	if (node->kind == KG_YAML_SCALAR) { /* "- vi" is short for "- tag: vi" */
		tag_only = *node;
		tag_only.key = "tag";
		map = &wrapper;
	}
	if (map->kind != KG_YAML_MAP) {
		kg_error(diags, file, node->line, node->col,
		         "each language must be a tag or a map with 'tag'");
		return -1;
	}
	language_input in = {0};
	in.lang.line = map->line;
	in.lang.col = map->col;
	in.lang.min_coverage = cfg->min_coverage;
	int rc = kg_schema_read(&kg_language_schema, map, &in, file, NULL, diags);
	kg_language *lang = &in.lang;
	if (!lang->tag) {
		kg_error(diags, file, map->line, map->col, "language has no 'tag'");
		rc = -1;
	}
	for (size_t i = 0; lang->tag && i < cfg->language_count; i++) {
		if (strcmp(cfg->languages[i].tag, lang->tag) == 0) {
			kg_error(diags, file, lang->line, lang->col,
			         "language '%s' is listed twice (first at line %d)", lang->tag,
			         cfg->languages[i].line);
			rc = -1;
		}
	}
	if (rc < 0) {
		language_input_release(&in);
		return -1;
	}
	/* Without a status a translation is a draft: saying "reviewed" is a claim
	 * only the kit can make. The source language is fixed up later. */
	lang->status = in.status && !strcmp(in.status, "reviewed") ? KG_STATUS_REVIEWED : KG_STATUS_DRAFT;
	lang->status_explicit = in.status != NULL;
	complete_language(lang, in.direction);
	if (!lang->paper)
		lang->paper = kg_strdup(cfg->paper);
	free(in.status);
	free(in.direction);
	kg_array_grow(cfg->languages, *cap, cfg->language_count + 1);
	cfg->languages[cfg->language_count++] = *lang;
	return 0;
}

static int check_output_dir(void *target, const kg_yaml *node, const char *file, kg_diags *diags)
{
	const char *dir = ((const kg_config *)target)->output_dir;
	static const char *const reserved[] = {"content", "locales", "templates", "bench", "tests",
	                                       "src",     "include", "docs",      NULL};
	int bad = dir[0] == '\0' || dir[0] == '/' || dir[0] == '.' || strstr(dir, "..") || strchr(dir, '/') ||
	          strchr(dir, '\\');
	for (size_t i = 0; !bad && reserved[i]; i++)
		bad = strcmp(dir, reserved[i]) == 0;
	if (bad) {
		kg_error(diags, file, node->line, node->col,
		         "'output' must be a plain folder name inside the kit that is not one of its "
		         "source folders (got '%s')",
		         dir);
		return -1;
	}
	return 0;
}

/* Where base_url is, for the publish gate's diagnostics. */
static int note_base_url(void *target, const kg_yaml *node, const char *file, kg_diags *diags)
{
	(void)file, (void)diags;
	((kg_config *)target)->base_url_line = node->line;
	((kg_config *)target)->base_url_col = node->col;
	return 0;
}

/* "languages" is read after the other keys (it uses their defaults). */
static int read_languages_later(void *target, const kg_yaml *node, const char *file, kg_diags *diags)
{
	(void)target, (void)node, (void)file, (void)diags;
	return 0;
}

#define CFG_AT(field) offsetof(kg_config, field)
static const kg_schema_field config_fields[] = {
    {"title", KG_SCHEMA_TEXT, CFG_AT(title), NULL, NULL, NULL, "text", "\"\"", "the kit's title"},
    {"base_url", KG_SCHEMA_TEXT, CFG_AT(base_url), NULL, NULL, note_base_url, "URL", "`/`",
     "absolute URL of the published site (for sitemap, canonical and hreflang links and QR codes)"},
    {"source_language", KG_SCHEMA_TEXT, CFG_AT(source_language), NULL, NULL, NULL, "tag",
     "the first language", "the language content/ is written in"},
    {"languages", KG_SCHEMA_CUSTOM, 0, NULL, NULL, read_languages_later, "list", "—",
     "tags, or maps with the keys below; at least one"},
    {"output", KG_SCHEMA_TEXT, CFG_AT(output_dir), NULL, NULL, check_output_dir, "folder name", "`out`",
     "where the site goes (a plain name inside the kit)"},
    {"paper", KG_SCHEMA_CHOICE, CFG_AT(paper), papers, "paper size", NULL, "`letter`/`a4`", "`letter`",
     "default paper size of handouts"},
    {"raw_html", KG_SCHEMA_BOOL, CFG_AT(raw_html), NULL, NULL, NULL, "bool", "false",
     "allow raw HTML in source Markdown (never in translations)"},
    {"min_coverage", KG_SCHEMA_PERCENT, CFG_AT(min_coverage), NULL, NULL, NULL, "0–100", "0",
     "a page is published in a language only when this percent of its words is translated"},
    {"description", KG_SCHEMA_TEXT, CFG_AT(description), NULL, NULL, NULL, "text", "none",
     "one or two sentences about the kit (page descriptions, shares); translated through ui.po like the title"},
    {"organization", KG_SCHEMA_CUSTOM, 0, NULL, NULL, config_read_organization, "map", "—",
     "`name`, `phone`, `address`, `website`, `logo` (a kit path): shown in the footer and on handouts; each "
     "field is also a var (`org_name`, `org_phone`, `org_address`, `org_website`)"},
    {"vars", KG_SCHEMA_CUSTOM, 0, NULL, NULL, config_read_vars, "map", "—",
     "values for `{{ name }}` placeholders in content, templates (`site.vars.name`) and link destinations: "
     "`name: value`, or `name: {value: ..., type: text|prose|phone|url|email}`"},
    {"audiences", KG_SCHEMA_CUSTOM, 0, NULL, NULL, config_read_audiences, "list",
     "everyone, elders, youth, "
     "business-owners, trainers, families",
     "the audiences front matter may name: `{key, label}`; labels are "
     "translated through ui.po"},
    {"strategies", KG_SCHEMA_CUSTOM, 0, NULL, NULL, config_read_strategies, "list",
     "education, services, "
     "advocacy",
     "the strategies front matter may name, in the order index pages show them: `{key, label}`"},
    {"downloads", KG_SCHEMA_BOOL, CFG_AT(downloads), NULL, NULL, NULL, "bool", "true",
     "text and Markdown versions of every page (in each language that has translated some of it), one zip "
     "per language, a downloads page per language"},
    {"handouts", KG_SCHEMA_BOOL, CFG_AT(handouts), NULL, NULL, NULL, "bool", "true",
     "PDF handouts for pages whose front matter says `handout: true` (false: HTML only)"},
    {"booklet", KG_SCHEMA_BOOL, CFG_AT(booklet), NULL, NULL, NULL, "bool", "false",
     "a booklet PDF of every handout too: half size, imposed to print duplex, fold and staple"},
    {"share_images", KG_SCHEMA_BOOL, CFG_AT(share_images), NULL, NULL, NULL, "bool", "true",
     "a 1200 × 630 and a 1080 × 1080 PNG of every page in each language that has translated some of it "
     "(the others point at the source language's) for link previews (`og:image`) and partners (false: "
     "none, and pages say `twitter:card` summary)"},
    {"auto_convert", KG_SCHEMA_BOOL, CFG_AT(auto_convert), NULL, NULL, NULL, "bool", "false",
     "read a content file whose legacy encoding was only detected (not declared) with a warning, instead of "
     "failing"},
    {"license", KG_SCHEMA_TEXT, CFG_AT(license), NULL, NULL, config_check_license, "SPDX id", "none",
     "the licence partners may republish under (`CC-BY-4.0`, `CC-BY-SA-4.0`, `CC0-1.0`, ...): shown with its "
     "name and link on each language's partner page"},
    {"colors", KG_SCHEMA_CUSTOM, 0, NULL, NULL, config_read_colors, "map", "`#1b3a5c`, `#ffffff`, `#f2b632`",
     "`background`, `text`, `accent` (as `\"#rrggbb\"`): the colours of the share images"},
};
#undef CFG_AT

const kg_schema kg_config_schema = {"kit.yaml", "key", config_fields,
                                    sizeof(config_fields) / sizeof(config_fields[0])};

int kg_config_load(kg_config *cfg, const char *path, const char *display_path, kg_diags *diags)
{
	int rc = -1;
	char *text = NULL;
	size_t len = 0;
	kg_yaml *root = NULL;
	memset(cfg, 0, sizeof(*cfg));
	cfg->output_dir = kg_strdup("out");
	cfg->downloads = 1;
	cfg->handouts = 1;
	cfg->share_images = 1;
	cfg->paper = kg_strdup("letter");
	cfg->title = kg_strdup("");
	cfg->base_url = kg_strdup("/");
	cfg->colors = (kg_colors){0x1b3a5c, 0xffffff, 0xf2b632}; /* dark blue, white, amber */

	kg_buf data = KG_BUF_INIT;
	if (kg_buf_read_file(&data, path) < 0) {
		kg_buf_release(&data);
		kg_error(diags, display_path, 0, 0, "cannot read kit configuration (is this a kit folder?)");
		goto out;
	}
	text = kg_buf_detach(&data, &len);
	if (kg_utf8_check(text, len, display_path, 1, diags) < 0)
		goto out;
	root = kg_yaml_parse(text, len, display_path, 1, diags);
	if (!root)
		goto out;
	if (root->kind != KG_YAML_MAP) {
		kg_error(diags, display_path, root->line, root->col, "kit.yaml must be a map of settings");
		goto out;
	}
	rc = 0;
	/* Every key but the languages first: they use the defaults (paper,
	 * min_coverage), whatever the order in the file. */
	rc |= kg_schema_read(&kg_config_schema, root, cfg, display_path, NULL, diags);
	const kg_yaml *item;
	const kg_yaml *languages = kg_yaml_get(root, "languages");
	if (!languages || languages->kind != KG_YAML_SEQ || languages->count == 0) {
		kg_error(diags, display_path, languages ? languages->line : 1, languages ? languages->col : 1,
		         "'languages' must list at least one language tag");
		rc = -1;
	} else {
		size_t cap = cfg->language_count; /* allocated: at least that many */
		for (size_t i = 0; i < languages->count; i++)
			rc |= read_language(cfg, &cap, languages->items[i], display_path, diags);
	}
	if (cfg->language_count > 0) {
		if (!cfg->source_language) {
			cfg->source_language = kg_strdup(cfg->languages[0].tag);
		} else if (!kg_config_language(cfg, cfg->source_language)) {
			item = kg_yaml_get(root, "source_language");
			kg_error(diags, display_path, item->line, item->col,
			         "source_language '%s' is not one of 'languages'", cfg->source_language);
			rc = -1;
		}
	}
	for (size_t i = 0; i < cfg->language_count; i++)
		if (!cfg->languages[i].status_explicit && cfg->source_language &&
		    !strcmp(cfg->languages[i].tag, cfg->source_language))
			cfg->languages[i].status = KG_STATUS_REVIEWED;
	if (config_finish_vars(cfg, display_path, diags) < 0)
		rc = -1;
	size_t blen = strlen(cfg->base_url);
	if (blen == 0 || cfg->base_url[blen - 1] != '/') {
		char *fixed = kg_malloc(blen + 2);
		memcpy(fixed, cfg->base_url, blen);
		fixed[blen] = '/';
		fixed[blen + 1] = '\0';
		free(cfg->base_url);
		cfg->base_url = fixed;
	}
	/* Languages without CLDR data work, but say once what is assumed. */
	for (size_t i = 0; rc == 0 && i < cfg->language_count; i++) {
		const kg_language *lang = &cfg->languages[i];
		if (lang->has_cldr_data)
			continue;
		int no_name = !strcmp(lang->name, lang->tag);
		kg_buf plural = KG_BUF_INIT;
		int no_plural = !lang->plural_forms && kg_locale_plural_forms(lang->tag, &plural) < 0;
		kg_buf_release(&plural);
		if (no_name || no_plural)
			kg_warning(diags, display_path, lang->line, lang->col,
			           "no CLDR data for '%s'; using %s%s%s (set %s in kit.yaml to override)",
			           lang->tag, no_name ? "the tag as its name" : "",
			           no_name && no_plural ? " and " : "", no_plural ? "one plural form" : "",
			           no_name && no_plural ? "'name' and 'plural_forms'"
			           : no_name            ? "'name'"
			                                : "'plural_forms'");
	}
out:
	kg_yaml_free(root);
	free(text);
	return rc ? -1 : 0;
}

void kg_config_release(kg_config *cfg)
{
	for (size_t i = 0; i < cfg->language_count; i++) {
		kg_language *l = &cfg->languages[i];
		free(l->tag);
		free(l->name);
		free(l->english_name);
		free(l->paper);
		free(l->plural_forms);
		free(l->script);
		for (size_t e = 0; e < l->export_count; e++)
			free(l->exports[e]);
		free(l->exports);
	}
	config_release_vars(cfg); /* before the languages: it frees their vars */
	free(cfg->languages);
	free(cfg->title);
	free(cfg->base_url);
	free(cfg->source_language);
	free(cfg->output_dir);
	free(cfg->paper);
	free(cfg->license);
	memset(cfg, 0, sizeof(*cfg));
}

const kg_language *kg_config_language(const kg_config *cfg, const char *tag)
{
	for (size_t i = 0; i < cfg->language_count; i++)
		if (strcmp(cfg->languages[i].tag, tag) == 0)
			return &cfg->languages[i];
	return NULL;
}

const char *kg_config_var(const kg_config *cfg, const char *name)
{
	const kg_kit_var *v = kg_config_find_var(cfg, name, strlen(name));
	return v ? v->value : NULL;
}
