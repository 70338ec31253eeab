/* schema.h: the keys of kit.yaml, of a language in kit.yaml and of a
 * page's front matter, as data. One table per map gives each key its type,
 * default and one-line help; the same table drives the reader (types
 * checked, values stored at an offset), the "did you mean" hint for an
 * unknown key, and the tables in docs/cli.md (kg_schema_markdown; a test
 * compares them), so the three cannot drift apart. The tables are static;
 * the reader stores owned copies of text values in the caller's struct.
 */
#ifndef KITGEN_KIT_SCHEMA_H
#define KITGEN_KIT_SCHEMA_H

#include "kitgen/base/buf.h"
#include "kitgen/base/diag.h"
#include "kitgen/kit/yaml.h"

#include <stddef.h>

typedef enum kg_schema_type {
	KG_SCHEMA_TEXT,    /* char * (owned; replaces an earlier value) */
	KG_SCHEMA_BOOL,    /* int, 0 or 1 */
	KG_SCHEMA_INT,     /* long */
	KG_SCHEMA_PERCENT, /* int, 0 to 100 */
	KG_SCHEMA_CHOICE,  /* char *, one of choices (owned) */
	KG_SCHEMA_CUSTOM   /* read() does everything */
} kg_schema_type;

/* The reader of a custom key, or the extra check of a typed one (called
 * after the typed read succeeded). Returns 0 or -1 with a diagnostic. */
typedef int (*kg_schema_read_fn)(void *target, const kg_yaml *node, const char *file, kg_diags *diags);

typedef struct kg_schema_field {
	const char *key;
	kg_schema_type type;
	size_t offset;              /* of the value in the target struct (typed keys) */
	const char *const *choices; /* KG_SCHEMA_CHOICE: NULL-terminated */
	const char *what;           /* in messages ("'x' is not a valid paper size"); NULL: the key */
	kg_schema_read_fn read;     /* KG_SCHEMA_CUSTOM, or an extra check; may be NULL */
	const char *type_doc;       /* for the docs: "text", "bool", "`letter`/`a4`", ... */
	const char *default_doc;    /* for the docs: "`out`", "—" */
	const char *help;           /* for the docs: one sentence */
} kg_schema_field;

typedef struct kg_schema {
	const char *name; /* for diagnostics and docs: "kit.yaml", "a language", "front matter" */
	const char *noun; /* what an entry is called: "key", "front matter field" */
	const kg_schema_field *fields;
	size_t count;
} kg_schema;

/* The three schemas (defined beside their readers, config.c and
 * front_matter.c). */
extern const kg_schema kg_config_schema;
extern const kg_schema kg_language_schema;
extern const kg_schema kg_front_matter_schema;

/* The field for key, or NULL. Borrowed from the (static) schema. */
const kg_schema_field *kg_schema_find(const kg_schema *schema, const char *key);
/* Reads every entry of map (a KG_YAML_MAP) into target by the schema. An
 * unknown key is an error at its position with the closest known key as
 * a hint; skip, when not NULL, lists keys the caller reads itself (they
 * are passed over). Reading goes on after an error, so one run reports
 * every problem. Returns 0 or -1. */
int kg_schema_read(const kg_schema *schema, const kg_yaml *map, void *target, const char *file,
                   const char *const *skip, kg_diags *diags);
/* Reads one typed value into target (what kg_schema_read does per key). */
int kg_schema_read_field(const kg_schema_field *field, const kg_yaml *node, void *target, const char *file,
                         kg_diags *diags);
/* Appends the schema as a Markdown table (Key | Type | Default | Meaning),
 * as docs/cli.md shows it. */
void kg_schema_markdown(const kg_schema *schema, kg_buf *out);

#endif
