/* value.h: kg_val, the data model that templates read.
 *
 * A value is null, a boolean, an integer, a text string, an HTML string
 * (markup that kitgen itself produced and that templates output unescaped),
 * a list or a map with string keys kept in insertion order.
 *
 * Values are reference-counted (atomically, so pages rendered on several
 * threads can share the site's values). Every constructor returns a value
 * with one reference that the caller owns and drops with kg_val_unref().
 * Containers take ownership of the reference they are given: pass
 * kg_val_ref(v) to keep your own. Lookups return borrowed values, valid
 * while the container holds them.
 * Values are immutable once shared between threads.
 */
#ifndef KITGEN_VALUE_H
#define KITGEN_VALUE_H

#include <stddef.h>

typedef enum kg_val_type {
	KG_VAL_NULL,
	KG_VAL_BOOL,
	KG_VAL_INT,
	KG_VAL_STR,
	KG_VAL_HTML,
	KG_VAL_LIST,
	KG_VAL_MAP
} kg_val_type;

typedef struct kg_val kg_val;

kg_val *kg_val_null(void);
kg_val *kg_val_bool(int b);
kg_val *kg_val_int(long long n);
kg_val *kg_val_str(const char *s);              /* copies s */
kg_val *kg_val_strn(const char *s, size_t len); /* copies len bytes */
kg_val *kg_val_str_take(char *s);               /* takes ownership of malloc'd s */
kg_val *kg_val_html(const char *s);             /* copies s */
kg_val *kg_val_html_take(char *s);              /* takes ownership of malloc'd s */
kg_val *kg_val_list(void);
kg_val *kg_val_map(void);
/* A map with room for capacity entries whose keys are NOT copied: every
 * key set on it must outlive it (string literals). For values made by
 * the thousand, such as the entries of an index list. */
kg_val *kg_val_map_sized(size_t capacity);

kg_val *kg_val_ref(kg_val *v); /* adds a reference; returns v */
void kg_val_unref(kg_val *v);  /* drops one; frees at zero; NULL is fine */

kg_val_type kg_val_type_of(const kg_val *v); /* KG_VAL_NULL for NULL */
int kg_val_truthy(const kg_val *v);          /* false: null, false, 0, "", empty list/map */
long long kg_val_as_int(const kg_val *v);    /* 0 unless INT or BOOL */
/* The text of a STR or HTML value (borrowed), "" for anything else. */
const char *kg_val_as_str(const kg_val *v);

/* Lists. */
void kg_val_push(kg_val *list, kg_val *item);    /* takes item's reference */
size_t kg_val_len(const kg_val *v);              /* items of a list, entries of a map */
kg_val *kg_val_at(const kg_val *list, size_t i); /* borrowed; NULL if out of range */

/* Maps. set replaces an existing key. get returns a borrowed value or NULL. */
void kg_val_set(kg_val *map, const char *key, kg_val *v);
kg_val *kg_val_get(const kg_val *map, const char *key);
/* Entry i in insertion order (for iteration); borrowed. */
const char *kg_val_key_at(const kg_val *map, size_t i);
kg_val *kg_val_value_at(const kg_val *map, size_t i);
/* Looks up a dotted path ("page.title", "site.languages") from a map.
 * Borrowed from root, or NULL. */
kg_val *kg_val_path(const kg_val *root, const char *path);

/* Convenience setters: kg_val_set(map, key, kg_val_str(s)) and friends. */
void kg_val_set_str(kg_val *map, const char *key, const char *s);
void kg_val_set_html(kg_val *map, const char *key, const char *s);
void kg_val_set_int(kg_val *map, const char *key, long long n);
void kg_val_set_bool(kg_val *map, const char *key, int b);

#endif
