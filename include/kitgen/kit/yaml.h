/* yaml.h: a small YAML document tree built from libyaml's events.
 *
 * kit.yaml and front matter are read into kg_yaml nodes that keep the
 * line and column of every key and value, so every later check can point
 * at the exact place. Duplicate keys and invalid UTF-8 are errors here.
 * Anchors and aliases are refused (a kit has no need for them, and they are
 * the usual way to make a YAML parser explode). A node owns its strings
 * and children, all freed with the root by kg_yaml_free().
 */
#ifndef KITGEN_YAML_H
#define KITGEN_YAML_H

#include "kitgen/base/diag.h"

#include <stddef.h>

typedef enum kg_yaml_kind { KG_YAML_SCALAR, KG_YAML_SEQ, KG_YAML_MAP } kg_yaml_kind;

typedef struct kg_yaml kg_yaml;
struct kg_yaml {
	kg_yaml_kind kind;
	int line, col; /* 1-based position in the file */
	int quoted;    /* scalar was quoted: never a number, bool or null */
	char *value;   /* scalar text (owned); NULL otherwise */
	char *key;     /* key when this node is a map value (owned) */
	int key_line, key_col;
	kg_yaml **items; /* seq items or map values (owned) */
	size_t count;
	size_t cap; /* slots in items, as the parser grew it (base/array.h); 0 in a node made by hand */
};

/* Parses text (len bytes) as one YAML document. display_path and
 * first_line place diagnostics (front matter starts after line 1).
 * Returns the root (caller frees with kg_yaml_free) or NULL with errors.
 * An empty document gives an empty map. */
kg_yaml *kg_yaml_parse(const char *text, size_t len, const char *display_path, int first_line,
                       kg_diags *diags);
void kg_yaml_free(kg_yaml *node);

/* Value of key in a map (borrowed), or NULL. */
kg_yaml *kg_yaml_get(const kg_yaml *map, const char *key);

/* Scalar readers: each returns 0, or -1 after adding an error at the node
 * naming `what` ("'order' must be an integer"). kg_yaml_string frees what
 * *out held and stores a copy there, which the caller frees with free(). */
int kg_yaml_string(const kg_yaml *node, const char *what, const char *file, char **out, kg_diags *diags);
int kg_yaml_int(const kg_yaml *node, const char *what, const char *file, long *out, kg_diags *diags);
int kg_yaml_bool(const kg_yaml *node, const char *what, const char *file, int *out, kg_diags *diags);

/* The closest of candidates (a NULL-terminated list) to word within edit
 * distance 2, or NULL; for "did you mean" hints. Borrowed from candidates. */
const char *kg_closest_word(const char *word, const char *const *candidates);

#endif
