/* check.c: the names a set of templates uses, checked against a schema of
 * the values they will be given (see template.h, kg_templates_check_names),
 * so that `{{ site.titel }}` fails at load with "did you mean 'site.title'"
 * instead of printing nothing. Also checks a value tree against the same
 * schema (tests use it to keep the schema and the build in step). Owns the
 * schema tree it builds; borrows the templates. */
#include "template/template_internal.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/base/suggest.h"

#include <stdlib.h>
#include <string.h>

/* A schema node: a map (children by name), a list (item), a leaf, or ANY
 * (NULL in the checker: nothing below it is known). */
typedef struct schema_node schema_node;
struct schema_node {
	char *name;
	KG_ARRAY(schema_node *) children;
	schema_node *item; /* for a list: what each element is */
	int any;           /* "*": anything may be below */
};

struct kg_tpl_schema {
	schema_node root;
};

static schema_node *child(schema_node *n, const char *name, size_t len, int create)
{
	for (size_t i = 0; i < n->children.count; i++)
		if (strlen(n->children.items[i]->name) == len &&
		    !memcmp(n->children.items[i]->name, name, len))
			return n->children.items[i];
	if (!create)
		return NULL;
	schema_node *c = kg_calloc(1, sizeof(*c));
	c->name = kg_strndup(name, len);
	kg_array_push(&n->children, c);
	return c;
}

static void node_free(schema_node *n)
{
	for (size_t i = 0; i < n->children.count; i++) {
		node_free(n->children.items[i]);
		free(n->children.items[i]);
	}
	kg_array_release(&n->children);
	if (n->item) {
		node_free(n->item);
		free(n->item);
	}
	free(n->name);
}

kg_tpl_schema *kg_tpl_schema_new(const char *const *paths)
{
	kg_tpl_schema *s = kg_calloc(1, sizeof(*s));
	for (size_t p = 0; paths[p]; p++) {
		schema_node *n = &s->root;
		for (const char *seg = paths[p]; *seg;) {
			size_t len = strcspn(seg, ".");
			int list = len >= 2 && !memcmp(seg + len - 2, "[]", 2);
			size_t name_len = list ? len - 2 : len;
			if (name_len == 1 && seg[0] == '*') {
				n->any = 1;
			} else {
				n = child(n, seg, name_len, 1);
				if (list) {
					if (!n->item)
						n->item = kg_calloc(1, sizeof(*n->item));
					n = n->item;
				}
			}
			seg += len + (seg[len] == '.');
		}
	}
	return s;
}

void kg_tpl_schema_free(kg_tpl_schema *s)
{
	if (!s)
		return;
	node_free(&s->root);
	free(s);
}

/* ---- checking templates ---- */

typedef struct binding {
	const char *name;
	const schema_node *node; /* NULL: ANY */
} binding;

typedef struct scope scope;
struct scope {
	const scope *parent;
	KG_ARRAY(binding) names;
};

typedef struct checker {
	const kg_templates *set;
	const kg_tpl_schema *schema;
	kg_diags *diags;
	int failed;
	schema_node loop, entry; /* built once per check */
} checker;

static const binding *find_binding(const scope *sc, const char *name)
{
	for (; sc; sc = sc->parent)
		for (size_t i = sc->names.count; i-- > 0;)
			if (!strcmp(sc->names.items[i].name, name))
				return &sc->names.items[i];
	return NULL;
}

typedef KG_ARRAY(const char *) name_list;

static void collect_names(const scope *sc, const schema_node *n, name_list *out)
{
	for (; sc; sc = sc->parent)
		for (size_t i = 0; i < sc->names.count; i++)
			kg_array_push(out, sc->names.items[i].name);
	for (size_t i = 0; n && i < n->children.count; i++)
		kg_array_push(out, n->children.items[i]->name);
	kg_array_push(out, NULL);
}

static void unknown(checker *c, const tpl_template *t, const tpl_expr *e, size_t upto,
                    const schema_node *parent, const scope *sc)
{
	kg_buf path = KG_BUF_INIT;
	for (size_t i = 0; i <= upto; i++)
		kg_buf_printf(&path, "%s%s", i ? "." : "", e->segments[i]);
	name_list names = KG_ARRAY_INIT;
	collect_names(upto == 0 ? sc : NULL, parent, &names);
	const char *hint = kg_suggest_word(e->segments[upto], strlen(e->segments[upto]), names.items, 2);
	if (hint) {
		kg_buf fixed = KG_BUF_INIT;
		for (size_t i = 0; i < upto; i++)
			kg_buf_printf(&fixed, "%s.", e->segments[i]);
		kg_buf_puts(&fixed, hint);
		kg_error(c->diags, t->path, e->line, e->col, "unknown variable '%s'; did you mean '%s'?",
		         path.data, fixed.data);
		kg_buf_release(&fixed);
	} else {
		kg_error(c->diags, t->path, e->line, e->col, "unknown variable '%s'", path.data);
	}
	kg_array_release(&names);
	kg_buf_release(&path);
	c->failed = 1;
}

/* What a path names (NULL: ANY, or unknown after an error). */
static const schema_node *resolve(checker *c, const tpl_template *t, const tpl_expr *e, const scope *sc)
{
	const schema_node *n;
	const binding *b = find_binding(sc, e->segments[0]);
	if (b) {
		n = b->node;
	} else if (!(n = child((schema_node *)&c->schema->root, e->segments[0], strlen(e->segments[0]), 0))) {
		if (c->schema->root.any)
			return NULL;
		unknown(c, t, e, 0, &c->schema->root, sc);
		return NULL;
	}
	for (size_t i = 1; i < e->nsegments; i++) {
		if (!n || n->any)
			return NULL;
		if (n->item) {
			kg_buf path = KG_BUF_INIT;
			for (size_t k = 0; k < i; k++)
				kg_buf_printf(&path, "%s%s", k ? "." : "", e->segments[k]);
			kg_error(c->diags, t->path, e->line, e->col,
			         "'%s' is a list: loop over it ({%% for x in %s %%}) to reach '%s'",
			         path.data, path.data, e->segments[i]);
			kg_buf_release(&path);
			c->failed = 1;
			return NULL;
		}
		const schema_node *next = child((schema_node *)n, e->segments[i], strlen(e->segments[i]), 0);
		if (!next) {
			unknown(c, t, e, i, n, sc);
			return NULL;
		}
		n = next;
	}
	return n;
}

static void check_expr(checker *c, const tpl_template *t, const tpl_expr *e, const scope *sc)
{
	if (!e)
		return;
	if (e->kind == TPL_EXPR_PATH)
		resolve(c, t, e, sc);
	check_expr(c, t, e->left, sc);
	check_expr(c, t, e->right, sc);
}

static void check_block(checker *c, const tpl_template *t, const tpl_block *b, scope *sc, int depth);

static void check_nested(checker *c, const tpl_template *t, const tpl_block *b, const scope *parent,
                         int depth)
{
	scope inner = {parent, KG_ARRAY_INIT};
	check_block(c, t, b, &inner, depth);
	kg_array_release(&inner.names);
}

static void check_node(checker *c, const tpl_template *t, const tpl_node *n, scope *sc, int depth)
{
	switch (n->kind) {
	case TPL_TEXT: break;
	case TPL_OUTPUT: check_expr(c, t, n->as.output.expr, sc); break;
	case TPL_IF:
		for (size_t i = 0; i < n->as.cond.nbranches; i++) {
			check_expr(c, t, n->as.cond.branches[i].cond, sc);
			check_nested(c, t, &n->as.cond.branches[i].body, sc, depth);
		}
		check_nested(c, t, &n->as.cond.else_body, sc, depth);
		break;
	case TPL_FOR: {
		check_expr(c, t, n->as.loop.list, sc);
		const schema_node *list =
		    n->as.loop.list->kind == TPL_EXPR_PATH ? resolve(c, t, n->as.loop.list, sc) : NULL;
		const schema_node *item = NULL;
		if (list && list->item)
			item = list->item;
		else if (list && list->children.count)
			item = &c->entry; /* a map: entries with .key and .value */
		scope body = {sc, KG_ARRAY_INIT};
		kg_array_push(&body.names, (binding){n->as.loop.var, item});
		kg_array_push(&body.names, (binding){"loop", &c->loop});
		check_block(c, t, &n->as.loop.body, &body, depth);
		kg_array_release(&body.names);
		check_nested(c, t, &n->as.loop.else_body, sc, depth);
		break;
	}
	case TPL_INCLUDE: {
		const tpl_template *inc = tpl_find(c->set, n->as.include.name);
		if (inc && depth < TPL_MAX_INCLUDE_DEPTH && !inc->broken)
			check_nested(c, inc, &inc->root, sc, depth + 1); /* it sees the includer's names */
		break;
	}
	case TPL_SET: {
		check_expr(c, t, n->as.set.value, sc);
		const schema_node *v =
		    n->as.set.value->kind == TPL_EXPR_PATH ? resolve(c, t, n->as.set.value, sc) : NULL;
		kg_array_push(&sc->names, (binding){n->as.set.name, v});
		break;
	}
	case TPL_TRANSLATE:
		check_expr(c, t, n->as.translate.count, sc);
		for (size_t i = 0; i < n->as.translate.nargs; i++)
			check_expr(c, t, n->as.translate.args[i].value, sc);
		break;
	}
}

static void check_block(checker *c, const tpl_template *t, const tpl_block *b, scope *sc, int depth)
{
	for (size_t i = 0; i < b->len; i++)
		check_node(c, t, &b->items[i], sc, depth);
}

static int included_by_another(const kg_templates *set, const char *name)
{
	for (size_t i = 0; i < set->len; i++)
		for (size_t k = 0; k < set->items[i]->nincludes; k++)
			if (!strcmp(set->items[i]->includes[k].name, name))
				return 1;
	return 0;
}

int kg_templates_check_names(const kg_templates *set, const kg_tpl_schema *schema, kg_diags *diags)
{
	checker c = {set, schema, diags, 0, {0}, {0}};
	static const char *const loop_fields[] = {"index", "index0", "first", "last", "length"};
	for (size_t i = 0; i < sizeof(loop_fields) / sizeof(loop_fields[0]); i++)
		child(&c.loop, loop_fields[i], strlen(loop_fields[i]), 1);
	child(&c.entry, "key", 3, 1);
	child(&c.entry, "value", 5, 1)->any = 1;
	/* Every template that no other includes is a page: checked from the
	 * top, following its includes with the names in scope there. */
	for (size_t i = 0; i < set->len; i++) {
		const tpl_template *t = set->items[i];
		if (t->broken || included_by_another(set, t->name))
			continue;
		check_nested(&c, t, &t->root, NULL, 0);
	}
	node_free(&c.loop);
	node_free(&c.entry);
	return c.failed ? -1 : 0;
}

/* ---- checking values ---- */

static void check_value(const schema_node *n, const kg_val *v, kg_buf *path, kg_buf *problems)
{
	if (!n || n->any || !v)
		return;
	if (kg_val_type_of(v) == KG_VAL_LIST) {
		for (size_t i = 0; i < kg_val_len(v); i++) {
			size_t at = path->len;
			kg_buf_puts(path, "[]");
			check_value(n->item, kg_val_at(v, i), path, problems);
			kg_buf_truncate(path, at);
			if (!n->item)
				break;
		}
		return;
	}
	if (kg_val_type_of(v) != KG_VAL_MAP)
		return;
	for (size_t i = 0; i < kg_val_len(v); i++) {
		const char *key = kg_val_key_at(v, i);
		size_t at = path->len;
		kg_buf_printf(path, "%s%s", path->len ? "." : "", key);
		const schema_node *c = child((schema_node *)n, key, strlen(key), 0);
		if (!c)
			kg_buf_printf(problems, "%s\n", path->data);
		else
			check_value(c, kg_val_value_at(v, i), path, problems);
		kg_buf_truncate(path, at);
	}
}

void kg_tpl_schema_check_value(const kg_tpl_schema *schema, const kg_val *root, kg_buf *problems)
{
	kg_buf path = KG_BUF_INIT;
	check_value(&schema->root, root, &path, problems);
	kg_buf_release(&path);
}
