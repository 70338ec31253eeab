/* schema.c: the table-driven reader of kit.yaml and front matter maps
 * (see schema.h). Owns nothing; values read are stored into, and owned
 * by, the caller's struct. */
#include "kitgen/kit/schema.h"

#include "kitgen/base/alloc.h"

#include <stdlib.h>
#include <string.h>

const kg_schema_field *kg_schema_find(const kg_schema *schema, const char *key)
{
	for (size_t i = 0; i < schema->count; i++)
		if (!strcmp(schema->fields[i].key, key))
			return &schema->fields[i];
	return NULL;
}

static void unknown_key(const kg_schema *schema, const kg_yaml *item, const char *file, kg_diags *diags)
{
	const char **keys = kg_calloc(schema->count + 1, sizeof(char *));
	for (size_t i = 0; i < schema->count; i++)
		keys[i] = schema->fields[i].key;
	const char *hint = kg_closest_word(item->key, keys);
	kg_buf what = KG_BUF_INIT;
	kg_buf_printf(&what, "unknown %s '%s'", schema->noun, item->key);
	if (strcmp(schema->noun, "key") == 0)
		kg_buf_printf(&what, " in %s", schema->name);
	if (hint)
		kg_error(diags, file, item->key_line, item->key_col, "%s; did you mean '%s'?", what.data,
		         hint);
	else
		kg_error(diags, file, item->key_line, item->key_col, "%s", what.data);
	kg_buf_release(&what);
	free(keys);
}

static int read_choice(const kg_schema_field *f, const kg_yaml *node, char **out, const char *file,
                       kg_diags *diags)
{
	char *value = NULL;
	if (kg_yaml_string(node, f->key, file, &value, diags) < 0)
		return -1;
	for (size_t i = 0; f->choices[i]; i++) {
		if (strcmp(value, f->choices[i]) == 0) {
			free(*out);
			*out = value;
			return 0;
		}
	}
	const char *hint = kg_closest_word(value, f->choices);
	kg_buf list = KG_BUF_INIT;
	for (size_t i = 0; f->choices[i]; i++)
		kg_buf_printf(&list, "%s'%s'", i ? ", " : "", f->choices[i]);
	const char *what = f->what ? f->what : f->key;
	if (hint)
		kg_error(diags, file, node->line, node->col, "'%s' is not a valid %s; did you mean '%s'?",
		         value, what, hint);
	else
		kg_error(diags, file, node->line, node->col, "'%s' is not a valid %s (expected %s)", value,
		         what, list.data);
	kg_buf_release(&list);
	free(value);
	return -1;
}

int kg_schema_read_field(const kg_schema_field *f, const kg_yaml *node, void *target, const char *file,
                         kg_diags *diags)
{
	char *base = target;
	int rc = 0;
	switch (f->type) {
	case KG_SCHEMA_TEXT:
		rc = kg_yaml_string(node, f->key, file, (char **)(void *)(base + f->offset), diags);
		break;
	case KG_SCHEMA_BOOL:
		rc = kg_yaml_bool(node, f->key, file, (int *)(void *)(base + f->offset), diags);
		break;
	case KG_SCHEMA_INT:
		rc = kg_yaml_int(node, f->key, file, (long *)(void *)(base + f->offset), diags);
		break;
	case KG_SCHEMA_PERCENT: {
		long v;
		rc = kg_yaml_int(node, f->key, file, &v, diags);
		if (rc == 0 && (v < 0 || v > 100)) {
			kg_error(diags, file, node->line, node->col, "'%s' must be between 0 and 100",
			         f->key);
			rc = -1;
		}
		if (rc == 0)
			*(int *)(void *)(base + f->offset) = (int)v;
		break;
	}
	case KG_SCHEMA_CHOICE:
		rc = read_choice(f, node, (char **)(void *)(base + f->offset), file, diags);
		break;
	case KG_SCHEMA_CUSTOM: return f->read(target, node, file, diags);
	}
	if (rc == 0 && f->read)
		rc = f->read(target, node, file, diags);
	return rc;
}

static int skipped(const char *key, const char *const *skip)
{
	for (size_t i = 0; skip && skip[i]; i++)
		if (!strcmp(skip[i], key))
			return 1;
	return 0;
}

int kg_schema_read(const kg_schema *schema, const kg_yaml *map, void *target, const char *file,
                   const char *const *skip, kg_diags *diags)
{
	int rc = 0;
	for (size_t i = 0; i < map->count; i++) {
		const kg_yaml *item = map->items[i];
		if (skipped(item->key, skip))
			continue;
		const kg_schema_field *f = kg_schema_find(schema, item->key);
		if (!f) {
			unknown_key(schema, item, file, diags);
			rc = -1;
			continue;
		}
		if (kg_schema_read_field(f, item, target, file, diags) < 0)
			rc = -1;
	}
	return rc;
}

void kg_schema_markdown(const kg_schema *schema, kg_buf *out)
{
	kg_buf_puts(out, "| Key | Type | Default | Meaning |\n|---|---|---|---|\n");
	for (size_t i = 0; i < schema->count; i++) {
		const kg_schema_field *f = &schema->fields[i];
		kg_buf_printf(out, "| `%s` | %s | %s | %s |\n", f->key, f->type_doc, f->default_doc, f->help);
	}
}
