/* vars.c: kit.yaml's vars (with types and per-language values), the
 * organization block and the two taxonomies (audiences, strategies) — the
 * organization's own facts. Values are checked here, once: a URL var must
 * be a safe URL, a phone number must look like one, and no value may carry
 * markup or a script URL, since values reach pages, PDFs and links. A value
 * still in brackets ("[your local hotline number]") is allowed while the
 * kit is a draft; the publish gate refuses it. Owns nothing beyond what it
 * stores into the kg_config (freed by config_release_vars). */
#include "kit/config_internal.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/base/url.h"
#include "kitgen/kit/schema.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const type_names[] = {"text", "prose", "phone", "url", "email", NULL};

int kg_var_is_reminder(const char *value)
{
	size_t n = value ? strlen(value) : 0;
	return n == 0 || (value[0] == '[' && value[n - 1] == ']');
}

static int compare_vars(const void *a, const void *b)
{
	return strcmp(((const kg_kit_var *)a)->name, ((const kg_kit_var *)b)->name);
}

static int valid_name(const char *name)
{
	if (!isalpha((unsigned char)name[0]) && name[0] != '_')
		return 0;
	for (const char *p = name; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_')
			return 0;
	return 1;
}

/* Markup or a script URL in a value: refused whatever its type. */
static const char *unsafe_value(const char *value)
{
	for (const char *p = value; *p; p++)
		if (p[0] == '<' &&
		    (isalpha((unsigned char)p[1]) || p[1] == '/' || p[1] == '!' || p[1] == '?'))
			return "holds markup ('<…'); vars are plain text";
	if (kg_url_has_scheme(value) && kg_url_is_unsafe(value))
		return "is a URL with a scheme kitgen does not allow (only http, https, mailto, tel and sms)";
	return NULL;
}

/* Whether value fits type; reminders fit every type. */
static const char *wrong_for_type(const char *value, kg_var_type type)
{
	if (kg_var_is_reminder(value))
		return NULL;
	switch (type) {
	case KG_VAR_URL:
		if (!kg_url_has_scheme(value))
			return "is not an absolute URL (write it with https://)";
		return NULL;
	case KG_VAR_EMAIL:
		return strchr(value, '@') && !strchr(value, ' ') ? NULL : "is not an e-mail address";
	case KG_VAR_PHONE: {
		int digits = 0;
		for (const char *p = value; *p; p++) {
			if (isdigit((unsigned char)*p))
				digits++;
			else if (!strchr(" +-().,/xXext", *p) && !isalpha((unsigned char)*p))
				return "is not a phone number";
		}
		return digits >= 3 ? NULL : "is not a phone number (it needs digits)";
	}
	default: return NULL;
	}
}

static int check_value(const char *name, const char *value, kg_var_type type, const kg_yaml *node,
                       const char *file, kg_diags *diags)
{
	const char *why = unsafe_value(value);
	if (!why)
		why = wrong_for_type(value, type);
	if (!why)
		return 0;
	kg_error(diags, file, node->line, node->col, "the value of var '%s' %s", name, why);
	return -1;
}

/* One var: "name: value" or "name: {value: ..., type: ...}". */
static int read_var(const kg_yaml *item, const char *file, kg_kit_var *out, kg_diags *diags)
{
	memset(out, 0, sizeof(*out));
	out->line = item->line;
	out->col = item->col;
	if (!valid_name(item->key)) {
		kg_error(diags, file, item->key_line, item->key_col,
		         "'%s' cannot be a var name (letters, digits and '_', starting with a letter)",
		         item->key);
		return -1;
	}
	const kg_yaml *value_node = item;
	if (item->kind == KG_YAML_MAP) {
		value_node = kg_yaml_get(item, "value");
		for (size_t i = 0; i < item->count; i++) {
			const kg_yaml *f = item->items[i];
			if (!strcmp(f->key, "value"))
				continue;
			if (strcmp(f->key, "type")) {
				kg_error(diags, file, f->key_line, f->key_col,
				         "unknown key '%s' in var '%s' (a var is a value, or {value, type})",
				         f->key, item->key);
				return -1;
			}
			char *type = NULL;
			if (kg_yaml_string(f, "type", file, &type, diags) < 0)
				return -1;
			size_t t = 0;
			while (type_names[t] && strcmp(type_names[t], type))
				t++;
			if (!type_names[t]) {
				const char *hint = kg_closest_word(type, type_names);
				kg_error(diags, file, f->line, f->col,
				         "'%s' is not a var type%s%s%s (text, prose, phone, url, email)",
				         type, hint ? "; did you mean '" : "", hint ? hint : "",
				         hint ? "'?" : "");
				free(type);
				return -1;
			}
			free(type);
			out->type = (kg_var_type)t;
		}
		if (!value_node) {
			kg_error(diags, file, item->line, item->col, "var '%s' has no 'value'", item->key);
			return -1;
		}
		out->line = value_node->line;
		out->col = value_node->col;
	}
	if (kg_yaml_string(value_node, item->key, file, &out->value, diags) < 0)
		return -1;
	out->name = kg_strdup(item->key);
	return check_value(out->name, out->value, out->type, value_node, file, diags);
}

static void var_release(kg_kit_var *v)
{
	free(v->name);
	free(v->value);
}

int config_read_vars(void *target, const kg_yaml *node, const char *file, kg_diags *diags)
{
	kg_config *cfg = target;
	if (node->kind != KG_YAML_MAP) {
		kg_error(diags, file, node->line, node->col, "'vars' must be a map of names to values");
		return -1;
	}
	int rc = 0;
	size_t cap = cfg->var_count;
	for (size_t i = 0; i < node->count; i++) {
		kg_kit_var v;
		if (read_var(node->items[i], file, &v, diags) < 0) {
			var_release(&v);
			rc = -1;
			continue;
		}
		kg_array_grow(cfg->vars, cap, cfg->var_count + 1);
		cfg->vars[cfg->var_count++] = v;
	}
	return rc;
}

int config_read_language_vars(kg_language *lang, const kg_yaml *node, const char *file, kg_diags *diags)
{
	if (node->kind != KG_YAML_MAP) {
		kg_error(
		    diags, file, node->line, node->col,
		    "a language's 'vars' must be a map of the kit's var names to values in that language");
		return -1;
	}
	int rc = 0;
	size_t cap = lang->var_count;
	for (size_t i = 0; i < node->count; i++) {
		const kg_yaml *item = node->items[i];
		if (item->kind != KG_YAML_SCALAR) {
			kg_error(diags, file, item->line, item->col,
			         "a language's var gives only a value (its type is the kit's)");
			rc = -1;
			continue;
		}
		kg_kit_var v;
		if (read_var(item, file, &v, diags) < 0) {
			var_release(&v);
			rc = -1;
			continue;
		}
		kg_array_grow(lang->vars, cap, lang->var_count + 1);
		lang->vars[lang->var_count++] = v;
	}
	return rc;
}

/* ---- organization ---- */

typedef struct org_field {
	const char *key, *var;
	size_t offset;
	kg_var_type type;
} org_field;

static const org_field org_fields[] = {
    {"name", "org_name", offsetof(kg_organization, name), KG_VAR_TEXT},
    {"phone", "org_phone", offsetof(kg_organization, phone), KG_VAR_PHONE},
    {"address", "org_address", offsetof(kg_organization, address), KG_VAR_TEXT},
    {"website", "org_website", offsetof(kg_organization, website), KG_VAR_URL},
};

int config_read_organization(void *target, const kg_yaml *node, const char *file, kg_diags *diags)
{
	kg_config *cfg = target;
	kg_organization *org = &cfg->organization;
	if (node->kind != KG_YAML_MAP) {
		kg_error(diags, file, node->line, node->col,
		         "'organization' must be a map: name, phone, address, website, logo");
		return -1;
	}
	static const char *const keys[] = {"name", "phone", "address", "website", "logo", NULL};
	int rc = 0;
	size_t cap = cfg->var_count;
	for (size_t i = 0; i < node->count; i++) {
		const kg_yaml *item = node->items[i];
		if (!strcmp(item->key, "logo")) {
			if (kg_yaml_string(item, "logo", file, &org->logo, diags) < 0) {
				rc = -1;
				continue;
			}
			org->logo_line = item->line;
			org->logo_col = item->col;
			if (org->logo[0] == '/' || strstr(org->logo, "..")) {
				kg_error(
				    diags, file, item->line, item->col,
				    "'logo' must be a path inside the kit, such as content/images/logo.svg");
				rc = -1;
			}
			continue;
		}
		size_t f = 0;
		while (f < sizeof(org_fields) / sizeof(org_fields[0]) && strcmp(org_fields[f].key, item->key))
			f++;
		if (f == sizeof(org_fields) / sizeof(org_fields[0])) {
			const char *hint = kg_closest_word(item->key, keys);
			kg_error(diags, file, item->key_line, item->key_col,
			         "unknown key '%s' in organization%s%s%s", item->key,
			         hint ? "; did you mean '" : "", hint ? hint : "", hint ? "'?" : "");
			rc = -1;
			continue;
		}
		char **slot = (char **)(void *)((char *)org + org_fields[f].offset);
		if (kg_yaml_string(item, item->key, file, slot, diags) < 0 ||
		    check_value(org_fields[f].var, *slot, org_fields[f].type, item, file, diags) < 0) {
			rc = -1;
			continue;
		}
		/* Each field is also a var, so content can say {{ org_phone }}. */
		kg_array_grow(cfg->vars, cap, cfg->var_count + 1);
		kg_kit_var *v = &cfg->vars[cfg->var_count++];
		*v = (kg_kit_var){kg_strdup(org_fields[f].var),
		                  kg_strdup(*slot),
		                  org_fields[f].type,
		                  item->line,
		                  item->col,
		                  1};
	}
	return rc;
}

/* ---- taxonomies ---- */

static int read_terms(const kg_yaml *node, const char *what, const char *file, kg_term **out, size_t *count,
                      kg_diags *diags)
{
	if (node->kind != KG_YAML_SEQ) {
		kg_error(diags, file, node->line, node->col, "'%s' must be a list of {key, label}", what);
		return -1;
	}
	int rc = 0;
	size_t cap = 0;
	for (size_t i = 0; i < node->count; i++) {
		const kg_yaml *item = node->items[i];
		kg_term t = {0};
		t.line = item->line;
		t.col = item->col;
		const kg_yaml *key = item->kind == KG_YAML_MAP ? kg_yaml_get(item, "key") : NULL;
		const kg_yaml *label = item->kind == KG_YAML_MAP ? kg_yaml_get(item, "label") : NULL;
		if (!key || !label || item->count != 2) {
			kg_error(
			    diags, file, item->line, item->col,
			    "each entry of '%s' is {key: ..., label: ...} (the key is what front matter names, the "
			    "label what readers see)",
			    what);
			rc = -1;
			continue;
		}
		if (kg_yaml_string(key, "key", file, &t.key, diags) < 0 ||
		    kg_yaml_string(label, "label", file, &t.label, diags) < 0) {
			free(t.key);
			free(t.label);
			rc = -1;
			continue;
		}
		for (size_t k = 0; k < *count; k++)
			if (!strcmp((*out)[k].key, t.key)) {
				kg_error(diags, file, key->line, key->col,
				         "'%s' is listed twice in '%s' (first at line %d)", t.key, what,
				         (*out)[k].line);
				rc = -1;
			}
		kg_array_grow(*out, cap, *count + 1);
		(*out)[(*count)++] = t;
	}
	return rc;
}

int config_read_audiences(void *target, const kg_yaml *node, const char *file, kg_diags *diags)
{
	kg_config *cfg = target;
	return read_terms(node, "audiences", file, &cfg->audiences, &cfg->audience_count, diags);
}

int config_read_strategies(void *target, const kg_yaml *node, const char *file, kg_diags *diags)
{
	kg_config *cfg = target;
	return read_terms(node, "strategies", file, &cfg->strategies, &cfg->strategy_count, diags);
}

/* kitgen's taxonomies before kits could declare their own (a kit without
 * audiences: or strategies: keeps these). */
static const char *const default_audiences[][2] = {
    {"everyone", "Everyone"}, {"elders", "Elders"},
    {"youth", "Youth"},       {"business-owners", "Business owners"},
    {"trainers", "Trainers"}, {"families", "Families"},
};
static const char *const default_strategies[][2] = {
    {"education", "Community education and mobilization"},
    {"services", "Direct services, mental health and organizational sustainability"},
    {"advocacy", "Advocacy and leadership"},
};

static void set_defaults(kg_term **terms, size_t *count, const char *const (*defaults)[2], size_t n)
{
	if (*count)
		return;
	*terms = kg_calloc(n, sizeof(kg_term));
	for (size_t i = 0; i < n; i++)
		(*terms)[i] = (kg_term){kg_strdup(defaults[i][0]), kg_strdup(defaults[i][1]), 0, 0};
	*count = n;
}

int config_finish_vars(kg_config *cfg, const char *file, kg_diags *diags)
{
	int rc = 0;
	set_defaults(&cfg->audiences, &cfg->audience_count, default_audiences,
	             sizeof(default_audiences) / sizeof(default_audiences[0]));
	set_defaults(&cfg->strategies, &cfg->strategy_count, default_strategies,
	             sizeof(default_strategies) / sizeof(default_strategies[0]));
	if (cfg->var_count > 1)
		qsort(cfg->vars, cfg->var_count, sizeof(*cfg->vars), compare_vars);
	for (size_t i = 1; i < cfg->var_count; i++) {
		const kg_kit_var *a = &cfg->vars[i - 1], *b = &cfg->vars[i];
		if (strcmp(a->name, b->name))
			continue;
		const kg_kit_var *org = a->organization ? a : b, *other = a->organization ? b : a;
		kg_error(diags, file, other->line, other->col,
		         org->organization
		             ? "var '%s' comes from the organization block (line %d); set it there"
		             : "var '%s' is set twice (also at line %d)",
		         other->name, org->line);
		rc = -1;
	}
	for (size_t l = 0; l < cfg->language_count; l++) {
		kg_language *lang = &cfg->languages[l];
		for (size_t i = 0; i < lang->var_count; i++) {
			kg_kit_var *v = &lang->vars[i];
			const kg_kit_var *kit = kg_config_find_var(cfg, v->name, strlen(v->name));
			if (!kit) {
				const char **names = kg_calloc(cfg->var_count + 1, sizeof(char *));
				for (size_t k = 0; k < cfg->var_count; k++)
					names[k] = cfg->vars[k].name;
				const char *hint = kg_closest_word(v->name, names);
				kg_error(
				    diags, file, v->line, v->col,
				    "'%s' is not one of the kit's vars%s%s%s (a language gives its own value of a var "
				    "that the top-level vars declare)",
				    v->name, hint ? "; did you mean '" : "", hint ? hint : "",
				    hint ? "'?" : "");
				free(names);
				rc = -1;
				continue;
			}
			v->type = kit->type;
			const char *why = wrong_for_type(v->value, v->type);
			if (why) {
				kg_error(diags, file, v->line, v->col, "the value of var '%s' for '%s' %s",
				         v->name, lang->tag, why);
				rc = -1;
			}
		}
		if (lang->var_count > 1)
			qsort(lang->vars, lang->var_count, sizeof(*lang->vars), compare_vars);
	}
	return rc;
}

void config_release_vars(kg_config *cfg)
{
	for (size_t i = 0; i < cfg->var_count; i++)
		var_release(&cfg->vars[i]);
	free(cfg->vars);
	for (size_t l = 0; l < cfg->language_count; l++) {
		for (size_t i = 0; i < cfg->languages[l].var_count; i++)
			var_release(&cfg->languages[l].vars[i]);
		free(cfg->languages[l].vars);
	}
	kg_organization *o = &cfg->organization;
	free(o->name);
	free(o->phone);
	free(o->address);
	free(o->website);
	free(o->logo);
	for (size_t i = 0; i < cfg->audience_count; i++) {
		free(cfg->audiences[i].key);
		free(cfg->audiences[i].label);
	}
	free(cfg->audiences);
	for (size_t i = 0; i < cfg->strategy_count; i++) {
		free(cfg->strategies[i].key);
		free(cfg->strategies[i].label);
	}
	free(cfg->strategies);
	free(cfg->description);
}

const kg_kit_var *kg_config_find_var(const kg_config *cfg, const char *name, size_t len)
{
	size_t lo = 0, hi = cfg->var_count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strncmp(name, cfg->vars[mid].name, len);
		if (c == 0 && cfg->vars[mid].name[len])
			c = -1;
		if (c == 0)
			return &cfg->vars[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static const kg_term *find_term(const kg_term *terms, size_t count, const char *key)
{
	for (size_t i = 0; i < count; i++)
		if (!strcmp(terms[i].key, key))
			return &terms[i];
	return NULL;
}

const kg_term *kg_config_audience(const kg_config *cfg, const char *key)
{
	return find_term(cfg->audiences, cfg->audience_count, key);
}

const kg_term *kg_config_strategy(const kg_config *cfg, const char *key)
{
	return find_term(cfg->strategies, cfg->strategy_count, key);
}
