/* config.c: reads kit.yaml into a kg_config (see kit.h).
 * Every key is checked against the schema below; unknown keys, wrong types
 * and invalid language tags are errors at kit.yaml:LINE:COL with a hint.
 * The config owns all its strings; language facts come from ICU through
 * locale.h unless kit.yaml overrides them. */
#include "kitgen/kit/kit.h"
#include "kitgen/base/utf8.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/buf.h"
#include "kitgen/locale/encoding.h"
#include "kitgen/locale/locale.h"
#include "kitgen/kit/yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const top_keys[] = {"title",     "base_url",     "source_language", "output",
                                       "raw_html",  "paper",        "min_coverage",    "languages",
                                       "vars",      "downloads",    "auto_convert",    "handouts", NULL};
static const char *const language_keys[] = {"tag",          "name",      "english_name", "status",
                                            "paper",        "direction", "plural_forms", "script",
                                            "min_coverage", "exports",   "export_substitute", NULL};
static const char *const papers[] = {"letter", "a4", NULL};

static void unknown_key(kg_diags *diags, const char *file, const kg_yaml *item,
                        const char *const *keys, const char *where)
{
	const char *hint = kg_closest_word(item->key, keys);
	if (hint)
		kg_error(diags, file, item->key_line, item->key_col,
		         "unknown key '%s' in %s; did you mean '%s'?", item->key, where, hint);
	else
		kg_error(diags, file, item->key_line, item->key_col, "unknown key '%s' in %s",
		         item->key, where);
}

static int read_choice(const kg_yaml *node, const char *what, const char *file,
                       const char *const *choices, char **out, kg_diags *diags)
{
	char *value = NULL;
	if (kg_yaml_string(node, what, file, &value, diags) < 0)
		return -1;
	for (size_t i = 0; choices[i]; i++) {
		if (strcmp(value, choices[i]) == 0) {
			free(*out);
			*out = value;
			return 0;
		}
	}
	const char *hint = kg_closest_word(value, choices);
	kg_buf list = KG_BUF_INIT;
	for (size_t i = 0; choices[i]; i++)
		kg_buf_printf(&list, "%s'%s'", i ? ", " : "", choices[i]);
	if (hint)
		kg_error(diags, file, node->line, node->col, "'%s' is not a valid %s; did you mean '%s'?",
		         value, what, hint);
	else
		kg_error(diags, file, node->line, node->col, "'%s' is not a valid %s (expected %s)",
		         value, what, list.data);
	kg_buf_release(&list);
	free(value);
	return -1;
}

static int read_percent(const kg_yaml *node, const char *file, int *out, kg_diags *diags)
{
	long v;
	if (kg_yaml_int(node, "min_coverage", file, &v, diags) < 0)
		return -1;
	if (v < 0 || v > 100) {
		kg_error(diags, file, node->line, node->col, "'min_coverage' must be between 0 and 100");
		return -1;
	}
	*out = (int)v;
	return 0;
}

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

static int read_language(kg_config *cfg, const kg_yaml *node, const char *file, kg_diags *diags)
{
	static const char *const statuses[] = {"draft", "reviewed", NULL};
	static const char *const directions[] = {"ltr", "rtl", NULL};
	const kg_yaml *map = node;
	kg_yaml tag_only = {0};
	if (node->kind == KG_YAML_SCALAR) { /* "- vi" is short for "- tag: vi" */
		tag_only = *node;
		tag_only.key = "tag";
		kg_yaml *items[1] = {&tag_only};
		kg_yaml wrapper = {.kind = KG_YAML_MAP, .line = node->line, .col = node->col,
		                   .items = items, .count = 1};
		return read_language(cfg, &wrapper, file, diags);
	}
	if (map->kind != KG_YAML_MAP) {
		kg_error(diags, file, node->line, node->col, "each language must be a tag or a map with 'tag'");
		return -1;
	}
	int rc = 0;
	kg_language lang = {0};
	char *status = NULL, *direction = NULL;
	lang.line = map->line;
	lang.col = map->col;
	lang.min_coverage = cfg->min_coverage;
	for (size_t i = 0; i < map->count; i++) {
		const kg_yaml *item = map->items[i];
		const char *k = item->key;
		if (!strcmp(k, "tag")) {
			char *raw = NULL;
			if (kg_yaml_string(item, "tag", file, &raw, diags) < 0) {
				rc = -1;
				continue;
			}
			kg_buf canonical = KG_BUF_INIT;
			int ok = kg_locale_canonicalize(raw, &canonical);
			if (ok < 0) {
				if (canonical.len)
					kg_error(diags, file, item->line, item->col,
					         "'%s' is not a BCP 47 language tag; did you mean '%s'?", raw, canonical.data);
				else
					kg_error(diags, file, item->line, item->col,
					         "'%s' is not a BCP 47 language tag (examples: 'vi', 'zh-Hant', 'chk')", raw);
				rc = -1;
			} else if (strcmp(raw, canonical.data) != 0) {
				kg_error(diags, file, item->line, item->col,
				         "language tag '%s' is not in canonical form; write '%s'", raw, canonical.data);
				rc = -1;
			}
			lang.line = item->line;
			lang.col = item->col;
			free(lang.tag);
			lang.tag = kg_buf_detach(&canonical, NULL);
			free(raw);
		} else if (!strcmp(k, "name")) {
			rc |= kg_yaml_string(item, "name", file, &lang.name, diags);
		} else if (!strcmp(k, "english_name")) {
			rc |= kg_yaml_string(item, "english_name", file, &lang.english_name, diags);
		} else if (!strcmp(k, "status")) {
			rc |= read_choice(item, "status", file, statuses, &status, diags);
		} else if (!strcmp(k, "paper")) {
			rc |= read_choice(item, "paper size", file, papers, &lang.paper, diags);
		} else if (!strcmp(k, "direction")) {
			rc |= read_choice(item, "direction", file, directions, &direction, diags);
		} else if (!strcmp(k, "plural_forms")) {
			rc |= kg_yaml_string(item, "plural_forms", file, &lang.plural_forms, diags);
		} else if (!strcmp(k, "script")) {
			rc |= kg_yaml_string(item, "script", file, &lang.script, diags);
		} else if (!strcmp(k, "min_coverage")) {
			rc |= read_percent(item, file, &lang.min_coverage, diags);
		} else if (!strcmp(k, "export_substitute")) {
			rc |= kg_yaml_bool(item, "export_substitute", file, &lang.export_substitute, diags);
		} else if (!strcmp(k, "exports")) {
			if (item->kind != KG_YAML_SEQ) {
				kg_error(diags, file, item->line, item->col,
				         "'exports' must be a list of encodings, such as [big5]");
				rc = -1;
				continue;
			}
			for (size_t e = 0; e < item->count; e++) {
				const kg_yaml *enc = item->items[e];
				const char *name = enc->kind == KG_YAML_SCALAR ? kg_legacy_encoding_name(enc->value) : NULL;
				if (!name) {
					kg_error(diags, file, enc->line, enc->col,
					         "'%s' is not an export encoding kitgen knows (big5, gb18030, euc-kr, "
					         "shift_jis, cp932, windows-1258)",
					         enc->kind == KG_YAML_SCALAR ? enc->value : "?");
					rc = -1;
					continue;
				}
				lang.exports = kg_realloc(lang.exports, (lang.export_count + 1) * sizeof(char *));
				lang.exports[lang.export_count++] = kg_strdup(name);
			}
		} else {
			unknown_key(diags, file, item, language_keys, "a language");
			rc = -1;
		}
	}
	if (!lang.tag) {
		kg_error(diags, file, map->line, map->col, "language has no 'tag'");
		rc = -1;
	}
	for (size_t i = 0; lang.tag && i < cfg->language_count; i++) {
		if (strcmp(cfg->languages[i].tag, lang.tag) == 0) {
			kg_error(diags, file, lang.line, lang.col, "language '%s' is listed twice (first at line %d)",
			         lang.tag, cfg->languages[i].line);
			rc = -1;
		}
	}
	/* Without a status a translation is a draft: saying "reviewed" is a claim
	 * only the kit can make. The source language is fixed up later. */
	lang.status = status && !strcmp(status, "reviewed") ? KG_STATUS_REVIEWED : KG_STATUS_DRAFT;
	lang.status_explicit = status != NULL;
	if (rc < 0 || !lang.tag) {
		for (size_t e = 0; e < lang.export_count; e++)
			free(lang.exports[e]);
		free(lang.exports);
		free(lang.tag);
		free(lang.name);
		free(lang.english_name);
		free(lang.paper);
		free(lang.plural_forms);
		free(lang.script);
		free(status);
		free(direction);
		return -1;
	}
	complete_language(&lang, direction);
	if (!lang.paper)
		lang.paper = kg_strdup(cfg->paper);
	free(status);
	free(direction);
	cfg->languages = kg_realloc(cfg->languages, (cfg->language_count + 1) * sizeof(kg_language));
	cfg->languages[cfg->language_count++] = lang;
	return 0;
}

static int compare_vars(const void *a, const void *b)
{
	return strcmp(((const kg_kit_var *)a)->name, ((const kg_kit_var *)b)->name);
}

static int read_vars(kg_config *cfg, const kg_yaml *node, const char *file, kg_diags *diags)
{
	if (node->kind != KG_YAML_MAP) {
		kg_error(diags, file, node->line, node->col, "'vars' must be a map of names to text");
		return -1;
	}
	int rc = 0;
	for (size_t i = 0; i < node->count; i++) {
		const kg_yaml *item = node->items[i];
		char *value = NULL;
		if (kg_yaml_string(item, item->key, file, &value, diags) < 0) {
			rc = -1;
			continue;
		}
		cfg->vars = kg_realloc(cfg->vars, (cfg->var_count + 1) * sizeof(*cfg->vars));
		cfg->vars[cfg->var_count].name = kg_strdup(item->key);
		cfg->vars[cfg->var_count++].value = value;
	}
	if (cfg->var_count > 1)
		qsort(cfg->vars, cfg->var_count, sizeof(*cfg->vars), compare_vars);
	return rc;
}

static int check_output_dir(const char *dir, const kg_yaml *node, const char *file, kg_diags *diags)
{
	static const char *const reserved[] = {"content", "locales", "templates", "bench", "tests",
	                                       "src", "include", "docs", NULL};
	int bad = dir[0] == '\0' || dir[0] == '/' || dir[0] == '.' || strstr(dir, "..") ||
	          strchr(dir, '/') || strchr(dir, '\\');
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
	cfg->paper = kg_strdup("letter");
	cfg->title = kg_strdup("");
	cfg->base_url = kg_strdup("/");

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
	/* Read defaults used by languages first, whatever their order in the file. */
	const kg_yaml *item;
	if ((item = kg_yaml_get(root, "paper")))
		rc |= read_choice(item, "paper size", display_path, papers, &cfg->paper, diags);
	if ((item = kg_yaml_get(root, "min_coverage")))
		rc |= read_percent(item, display_path, &cfg->min_coverage, diags);
	const kg_yaml *languages = NULL;
	for (size_t i = 0; i < root->count; i++) {
		item = root->items[i];
		const char *k = item->key;
		if (!strcmp(k, "title")) {
			rc |= kg_yaml_string(item, "title", display_path, &cfg->title, diags);
		} else if (!strcmp(k, "base_url")) {
			rc |= kg_yaml_string(item, "base_url", display_path, &cfg->base_url, diags);
		} else if (!strcmp(k, "source_language")) {
			rc |= kg_yaml_string(item, "source_language", display_path, &cfg->source_language, diags);
		} else if (!strcmp(k, "output")) {
			if (kg_yaml_string(item, "output", display_path, &cfg->output_dir, diags) < 0 ||
			    check_output_dir(cfg->output_dir, item, display_path, diags) < 0)
				rc = -1;
		} else if (!strcmp(k, "raw_html")) {
			rc |= kg_yaml_bool(item, "raw_html", display_path, &cfg->raw_html, diags);
		} else if (!strcmp(k, "downloads")) {
			rc |= kg_yaml_bool(item, "downloads", display_path, &cfg->downloads, diags);
		} else if (!strcmp(k, "handouts")) {
			rc |= kg_yaml_bool(item, "handouts", display_path, &cfg->handouts, diags);
		} else if (!strcmp(k, "auto_convert")) {
			rc |= kg_yaml_bool(item, "auto_convert", display_path, &cfg->auto_convert, diags);
		} else if (!strcmp(k, "languages")) {
			languages = item;
		} else if (!strcmp(k, "vars")) {
			rc |= read_vars(cfg, item, display_path, diags);
		} else if (strcmp(k, "paper") && strcmp(k, "min_coverage")) {
			unknown_key(diags, display_path, item, top_keys, "kit.yaml");
			rc = -1;
		}
	}
	if (!languages || languages->kind != KG_YAML_SEQ || languages->count == 0) {
		kg_error(diags, display_path, languages ? languages->line : 1, languages ? languages->col : 1,
		         "'languages' must list at least one language tag");
		rc = -1;
	} else {
		for (size_t i = 0; i < languages->count; i++)
			rc |= read_language(cfg, languages->items[i], display_path, diags);
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
			           "no CLDR data for '%s'; using %s%s%s (set %s in kit.yaml to override)", lang->tag,
			           no_name ? "the tag as its name" : "", no_name && no_plural ? " and " : "",
			           no_plural ? "one plural form" : "",
			           no_name && no_plural ? "'name' and 'plural_forms'" : no_name ? "'name'" : "'plural_forms'");
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
	for (size_t i = 0; i < cfg->var_count; i++) {
		free(cfg->vars[i].name);
		free(cfg->vars[i].value);
	}
	free(cfg->vars);
	free(cfg->languages);
	free(cfg->title);
	free(cfg->base_url);
	free(cfg->source_language);
	free(cfg->output_dir);
	free(cfg->paper);
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
	size_t lo = 0, hi = cfg->var_count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(name, cfg->vars[mid].name);
		if (c == 0)
			return cfg->vars[mid].value;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}
