/* yaml.c: builds kg_yaml trees from libyaml's event stream (see yaml.h).
 * Owns every node and string it creates; libyaml's parser lives only for
 * the duration of one kg_yaml_parse() call. */
#include "kitgen/kit/yaml.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/base/suggest.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define MAX_DEPTH 64

typedef struct builder {
	yaml_parser_t parser;
	const char *text; /* the input, to place reader errors */
	size_t len;
	const char *file;
	int line_offset;
	kg_diags *diags;
	int failed;
} builder;

static void node_free(kg_yaml *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->count; i++)
		node_free(n->items[i]);
	free(n->items);
	free(n->value);
	free(n->key);
	free(n);
}

void kg_yaml_free(kg_yaml *node) { node_free(node); }

static kg_yaml *node_new(kg_yaml_kind kind, const builder *b, yaml_mark_t mark)
{
	kg_yaml *n = kg_calloc(1, sizeof(*n));
	n->kind = kind;
	n->line = (int)mark.line + 1 + b->line_offset;
	n->col = (int)mark.column + 1;
	return n;
}

static void add_child(kg_yaml *parent, kg_yaml *child) { kg_array_push(parent, child); }

static void parser_error(builder *b)
{
	const char *problem = b->parser.problem ? b->parser.problem : "malformed YAML";
	yaml_mark_t mark = b->parser.problem_mark;
	if (b->parser.error == YAML_READER_ERROR) {
		/* The reader reports a byte offset, not a line: count lines ourselves. */
		size_t offset = b->parser.problem_offset < b->len ? b->parser.problem_offset : b->len;
		int line = 1, col = 1;
		for (size_t i = 0; i < offset; i++) {
			if (b->text[i] == '\n') {
				line++;
				col = 1;
			} else if (((unsigned char)b->text[i] & 0xC0) != 0x80) {
				col++;
			}
		}
		kg_error(b->diags, b->file, b->line_offset + line, col, "%s",
		         strstr(problem, "UTF-8") || strstr(problem, "octet") ? "invalid UTF-8" : problem);
	} else {
		kg_error(b->diags, b->file, (int)mark.line + 1 + b->line_offset, (int)mark.column + 1,
		         "%s%s%s", problem, b->parser.context ? " " : "",
		         b->parser.context ? b->parser.context : "");
	}
	b->failed = 1;
}

/* Parses the node that starts with event ev (already read). */
static kg_yaml *parse_node(builder *b, yaml_event_t *ev, int depth)
{
	if (depth > MAX_DEPTH) {
		kg_error(b->diags, b->file, (int)ev->start_mark.line + 1 + b->line_offset,
		         (int)ev->start_mark.column + 1, "nesting deeper than %d levels", MAX_DEPTH);
		b->failed = 1;
		return NULL;
	}
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		kg_error(b->diags, b->file, (int)ev->start_mark.line + 1 + b->line_offset,
		         (int)ev->start_mark.column + 1, "YAML aliases are not supported");
		b->failed = 1;
		return NULL;
	case YAML_SCALAR_EVENT: {
		if (ev->data.scalar.anchor) {
			kg_error(b->diags, b->file, (int)ev->start_mark.line + 1 + b->line_offset,
			         (int)ev->start_mark.column + 1, "YAML anchors are not supported");
			b->failed = 1;
			return NULL;
		}
		kg_yaml *n = node_new(KG_YAML_SCALAR, b, ev->start_mark);
		n->value = kg_strndup((const char *)ev->data.scalar.value, ev->data.scalar.length);
		n->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
		return n;
	}
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		int is_map = ev->type == YAML_MAPPING_START_EVENT;
		if (is_map ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor) {
			kg_error(b->diags, b->file, (int)ev->start_mark.line + 1 + b->line_offset,
			         (int)ev->start_mark.column + 1, "YAML anchors are not supported");
			b->failed = 1;
			return NULL;
		}
		kg_yaml *n = node_new(is_map ? KG_YAML_MAP : KG_YAML_SEQ, b, ev->start_mark);
		for (;;) {
			yaml_event_t child;
			if (!yaml_parser_parse(&b->parser, &child)) {
				parser_error(b);
				node_free(n);
				return NULL;
			}
			if (child.type == YAML_SEQUENCE_END_EVENT || child.type == YAML_MAPPING_END_EVENT) {
				yaml_event_delete(&child);
				return n;
			}
			char *key = NULL;
			int key_line = 0, key_col = 0;
			if (is_map) {
				if (child.type != YAML_SCALAR_EVENT) {
					kg_error(b->diags, b->file,
					         (int)child.start_mark.line + 1 + b->line_offset,
					         (int)child.start_mark.column + 1,
					         "map keys must be plain words");
					yaml_event_delete(&child);
					b->failed = 1;
					node_free(n);
					return NULL;
				}
				key = kg_strndup((const char *)child.data.scalar.value,
				                 child.data.scalar.length);
				key_line = (int)child.start_mark.line + 1 + b->line_offset;
				key_col = (int)child.start_mark.column + 1;
				yaml_event_delete(&child);
				for (size_t i = 0; i < n->count; i++) {
					if (strcmp(n->items[i]->key, key) == 0) {
						kg_error(b->diags, b->file, key_line, key_col,
						         "duplicate key '%s' (first at line %d)", key,
						         n->items[i]->key_line);
						b->failed = 1;
					}
				}
				if (!yaml_parser_parse(&b->parser, &child)) {
					parser_error(b);
					free(key);
					node_free(n);
					return NULL;
				}
			}
			kg_yaml *item = parse_node(b, &child, depth + 1);
			yaml_event_delete(&child);
			if (!item) {
				free(key);
				node_free(n);
				return NULL;
			}
			item->key = key;
			item->key_line = key_line;
			item->key_col = key_col;
			add_child(n, item);
		}
	}
	default:
		kg_error(b->diags, b->file, (int)ev->start_mark.line + 1 + b->line_offset,
		         (int)ev->start_mark.column + 1, "unexpected YAML structure");
		b->failed = 1;
		return NULL;
	}
}

kg_yaml *kg_yaml_parse(const char *text, size_t len, const char *display_path, int first_line,
                       kg_diags *diags)
{
	builder b = {
	    .text = text, .len = len, .file = display_path, .line_offset = first_line - 1, .diags = diags};
	kg_yaml *root = NULL;
	yaml_event_t ev;
	if (!yaml_parser_initialize(&b.parser))
		return NULL;
	yaml_parser_set_input_string(&b.parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&b.parser, YAML_UTF8_ENCODING);
	int docs = 0;
	for (;;) {
		if (!yaml_parser_parse(&b.parser, &ev)) {
			parser_error(&b);
			break;
		}
		yaml_event_type_t type = ev.type;
		if (type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (type == YAML_STREAM_START_EVENT || type == YAML_DOCUMENT_END_EVENT) {
			yaml_event_delete(&ev);
			continue;
		}
		if (type == YAML_DOCUMENT_START_EVENT) {
			if (++docs > 1) {
				kg_error(diags, display_path, (int)ev.start_mark.line + 1 + b.line_offset,
				         (int)ev.start_mark.column + 1, "more than one YAML document");
				b.failed = 1;
				yaml_event_delete(&ev);
				break;
			}
			yaml_event_delete(&ev);
			continue;
		}
		kg_yaml *n = parse_node(&b, &ev, 0);
		yaml_event_delete(&ev);
		if (!n)
			break;
		if (root)
			node_free(root);
		root = n;
	}
	yaml_parser_delete(&b.parser);
	if (b.failed) {
		node_free(root);
		return NULL;
	}
	if (!root || (root->kind == KG_YAML_SCALAR && root->value[0] == '\0' && !root->quoted)) {
		node_free(root);
		root = kg_calloc(1, sizeof(*root));
		root->kind = KG_YAML_MAP;
		root->line = first_line;
		root->col = 1;
	}
	return root;
}

kg_yaml *kg_yaml_get(const kg_yaml *map, const char *key)
{
	if (!map || map->kind != KG_YAML_MAP)
		return NULL;
	for (size_t i = 0; i < map->count; i++)
		if (strcmp(map->items[i]->key, key) == 0)
			return map->items[i];
	return NULL;
}

int kg_yaml_string(const kg_yaml *node, const char *what, const char *file, char **out, kg_diags *diags)
{
	if (node->kind != KG_YAML_SCALAR) {
		kg_error(diags, file, node->line, node->col, "'%s' must be a text value", what);
		return -1;
	}
	free(*out);
	*out = kg_strdup(node->value);
	return 0;
}

int kg_yaml_int(const kg_yaml *node, const char *what, const char *file, long *out, kg_diags *diags)
{
	char *end = NULL;
	if (node->kind == KG_YAML_SCALAR && !node->quoted && node->value[0]) {
		long v = strtol(node->value, &end, 10);
		if (*end == '\0') {
			*out = v;
			return 0;
		}
	}
	kg_error(diags, file, node->line, node->col, "'%s' must be a whole number", what);
	return -1;
}

int kg_yaml_bool(const kg_yaml *node, const char *what, const char *file, int *out, kg_diags *diags)
{
	if (node->kind == KG_YAML_SCALAR && !node->quoted) {
		if (!strcmp(node->value, "true") || !strcmp(node->value, "yes")) {
			*out = 1;
			return 0;
		}
		if (!strcmp(node->value, "false") || !strcmp(node->value, "no")) {
			*out = 0;
			return 0;
		}
	}
	kg_error(diags, file, node->line, node->col, "'%s' must be true or false", what);
	return -1;
}

const char *kg_closest_word(const char *word, const char *const *candidates)
{
	return kg_suggest_word(word, strlen(word), candidates, 2);
}
