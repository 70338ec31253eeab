/* value.c: kg_val, reference-counted template data (see value.h).
 * Each value owns its string, its list items and its map keys and values. */
#include "kitgen/template/value.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

struct kg_val {
	atomic_int refs;
	kg_val_type type;
	long long num;
	char *str;
	size_t len, cap; /* list or map entries */
	kg_val **items;
	char **keys;     /* maps only */
	int keys_static; /* maps only: keys are borrowed literals (kg_val_map_sized) */
};

static kg_val *val_new(kg_val_type type)
{
	kg_val *v = kg_calloc(1, sizeof(*v));
	atomic_init(&v->refs, 1);
	v->type = type;
	return v;
}

kg_val *kg_val_null(void) { return val_new(KG_VAL_NULL); }

/* Two shared booleans: a site's index lists hold several per entry. Their
 * count starts high enough never to reach zero, so they are never freed. */
static kg_val bool_vals[2] = {{.refs = 1 << 30, .type = KG_VAL_BOOL, .num = 0},
                              {.refs = 1 << 30, .type = KG_VAL_BOOL, .num = 1}};

kg_val *kg_val_bool(int b) { return kg_val_ref(&bool_vals[b != 0]); }

kg_val *kg_val_int(long long n)
{
	kg_val *v = val_new(KG_VAL_INT);
	v->num = n;
	return v;
}

kg_val *kg_val_str_take(char *s)
{
	kg_val *v = val_new(KG_VAL_STR);
	v->str = s ? s : kg_strdup("");
	return v;
}

kg_val *kg_val_str(const char *s) { return kg_val_str_take(kg_strdup(s ? s : "")); }
kg_val *kg_val_strn(const char *s, size_t len) { return kg_val_str_take(kg_strndup(s, len)); }

kg_val *kg_val_html_take(char *s)
{
	kg_val *v = kg_val_str_take(s);
	v->type = KG_VAL_HTML;
	return v;
}

kg_val *kg_val_html(const char *s) { return kg_val_html_take(kg_strdup(s ? s : "")); }
kg_val *kg_val_list(void) { return val_new(KG_VAL_LIST); }
kg_val *kg_val_map(void) { return val_new(KG_VAL_MAP); }

kg_val *kg_val_map_sized(size_t capacity)
{
	kg_val *v = val_new(KG_VAL_MAP);
	v->keys_static = 1;
	v->cap = capacity ? capacity : 1;
	v->items = kg_malloc(v->cap * sizeof(*v->items));
	v->keys = kg_malloc(v->cap * sizeof(*v->keys));
	return v;
}

kg_val *kg_val_ref(kg_val *v)
{
	if (v)
		atomic_fetch_add(&v->refs, 1);
	return v;
}

void kg_val_unref(kg_val *v)
{
	if (!v || atomic_fetch_sub(&v->refs, 1) != 1)
		return;
	for (size_t i = 0; i < v->len; i++) {
		kg_val_unref(v->items[i]);
		if (v->keys && !v->keys_static)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->str);
	free(v);
}

kg_val_type kg_val_type_of(const kg_val *v) { return v ? v->type : KG_VAL_NULL; }

int kg_val_truthy(const kg_val *v)
{
	if (!v)
		return 0;
	switch (v->type) {
	case KG_VAL_NULL: return 0;
	case KG_VAL_BOOL:
	case KG_VAL_INT: return v->num != 0;
	case KG_VAL_STR:
	case KG_VAL_HTML: return v->str[0] != '\0';
	default: return v->len != 0;
	}
}

long long kg_val_as_int(const kg_val *v)
{
	return v && (v->type == KG_VAL_INT || v->type == KG_VAL_BOOL) ? v->num : 0;
}

const char *kg_val_as_str(const kg_val *v)
{
	return v && (v->type == KG_VAL_STR || v->type == KG_VAL_HTML) ? v->str : "";
}

static void grow(kg_val *v)
{
	size_t keys_cap = v->cap; /* a map's keys grow beside its items, to the same size */
	kg_array_grow(v->items, v->cap, v->len + 1);
	if (v->type == KG_VAL_MAP)
		kg_array_grow(v->keys, keys_cap, v->cap);
}

void kg_val_push(kg_val *list, kg_val *item)
{
	if (!list || list->type != KG_VAL_LIST) {
		kg_val_unref(item);
		return;
	}
	grow(list);
	list->items[list->len++] = item ? item : kg_val_null();
}

size_t kg_val_len(const kg_val *v)
{
	return v && (v->type == KG_VAL_LIST || v->type == KG_VAL_MAP) ? v->len : 0;
}

kg_val *kg_val_at(const kg_val *list, size_t i)
{
	return list && list->type == KG_VAL_LIST && i < list->len ? list->items[i] : NULL;
}

void kg_val_set(kg_val *map, const char *key, kg_val *v)
{
	if (!map || map->type != KG_VAL_MAP) {
		kg_val_unref(v);
		return;
	}
	if (!v)
		v = kg_val_null();
	for (size_t i = 0; i < map->len; i++) {
		if (strcmp(map->keys[i], key) == 0) {
			kg_val_unref(map->items[i]);
			map->items[i] = v;
			return;
		}
	}
	grow(map);
	map->keys[map->len] = map->keys_static ? (char *)key : kg_strdup(key);
	map->items[map->len++] = v;
}

kg_val *kg_val_get(const kg_val *map, const char *key)
{
	if (!map || map->type != KG_VAL_MAP)
		return NULL;
	for (size_t i = 0; i < map->len; i++)
		if (strcmp(map->keys[i], key) == 0)
			return map->items[i];
	return NULL;
}

const char *kg_val_key_at(const kg_val *map, size_t i)
{
	return map && map->type == KG_VAL_MAP && i < map->len ? map->keys[i] : NULL;
}

kg_val *kg_val_value_at(const kg_val *map, size_t i)
{
	return map && map->type == KG_VAL_MAP && i < map->len ? map->items[i] : NULL;
}

kg_val *kg_val_path(const kg_val *root, const char *path)
{
	const kg_val *cur = root;
	const char *p = path;
	while (cur && *p) {
		const char *dot = strchr(p, '.');
		size_t n = dot ? (size_t)(dot - p) : strlen(p);
		char key[128];
		if (n >= sizeof(key))
			return NULL;
		memcpy(key, p, n);
		key[n] = '\0';
		cur = kg_val_get(cur, key);
		p += n + (dot ? 1 : 0);
	}
	return (kg_val *)cur;
}

void kg_val_set_str(kg_val *map, const char *key, const char *s) { kg_val_set(map, key, kg_val_str(s)); }
void kg_val_set_html(kg_val *map, const char *key, const char *s) { kg_val_set(map, key, kg_val_html(s)); }
void kg_val_set_int(kg_val *map, const char *key, long long n) { kg_val_set(map, key, kg_val_int(n)); }
void kg_val_set_bool(kg_val *map, const char *key, int b) { kg_val_set(map, key, kg_val_bool(b)); }
