/* template.c: the kg_templates set. Owns every template in it (kept
 * sorted by name): adding from memory, loading a templates/ folder, checking
 * includes (missing partials, cycles), listing translatable strings and
 * freeing; a set made from a theme (built-in files and a kit's overrides).
 * Parsing is parse.c; rendering is render.c.
 */
#include "template/template_internal.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"

#include <stdlib.h>
#include <string.h>

/* Index of the template called name, or where it would be inserted;
 * *found says which. */
static size_t find_index(const kg_templates *set, const char *name, int *found)
{
	size_t lo = 0, hi = set->len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(set->items[mid]->name, name);
		if (c == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = 0;
	return lo;
}

const tpl_template *tpl_find(const kg_templates *set, const char *name)
{
	int found;
	size_t i = find_index(set, name, &found);
	return found ? set->items[i] : NULL;
}

kg_templates *kg_templates_new(const char *display_dir)
{
	kg_templates *set = kg_calloc(1, sizeof(*set));
	set->display_dir = kg_strdup(display_dir ? display_dir : "");
	return set;
}

void kg_templates_free(kg_templates *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->len; i++)
		tpl_template_free(set->items[i]);
	free(set->items);
	free(set->display_dir);
	free(set);
}

int kg_templates_has(const kg_templates *set, const char *name) { return tpl_find(set, name) != NULL; }

static int expr_uses_key(const tpl_expr *e, const char *key)
{
	if (!e)
		return 0;
	if (e->kind == TPL_EXPR_PATH)
		for (size_t i = 0; i < e->nsegments; i++)
			if (!strcmp(e->segments[i], key))
				return 1;
	return expr_uses_key(e->left, key) || expr_uses_key(e->right, key);
}

static int block_uses_key(const kg_templates *set, const tpl_block *b, const char *key, int depth);

static int node_uses_key(const kg_templates *set, const tpl_node *n, const char *key, int depth)
{
	switch (n->kind) {
	case TPL_TEXT: return 0;
	case TPL_OUTPUT: return expr_uses_key(n->as.output.expr, key);
	case TPL_IF:
		for (size_t i = 0; i < n->as.cond.nbranches; i++)
			if (expr_uses_key(n->as.cond.branches[i].cond, key) ||
			    block_uses_key(set, &n->as.cond.branches[i].body, key, depth))
				return 1;
		return block_uses_key(set, &n->as.cond.else_body, key, depth);
	case TPL_FOR:
		return expr_uses_key(n->as.loop.list, key) ||
		       block_uses_key(set, &n->as.loop.body, key, depth) ||
		       block_uses_key(set, &n->as.loop.else_body, key, depth);
	case TPL_INCLUDE: {
		const tpl_template *t = tpl_find(set, n->as.include.name);
		/* Too deep to follow: say yes, to be safe. */
		return depth >= TPL_MAX_INCLUDE_DEPTH || (t && block_uses_key(set, &t->root, key, depth + 1));
	}
	case TPL_SET: return expr_uses_key(n->as.set.value, key);
	case TPL_TRANSLATE:
		if (expr_uses_key(n->as.translate.count, key))
			return 1;
		for (size_t i = 0; i < n->as.translate.nargs; i++)
			if (expr_uses_key(n->as.translate.args[i].value, key))
				return 1;
		return 0;
	}
	return 1;
}

static int block_uses_key(const kg_templates *set, const tpl_block *b, const char *key, int depth)
{
	for (size_t i = 0; i < b->len; i++)
		if (node_uses_key(set, &b->items[i], key, depth))
			return 1;
	return 0;
}

int kg_templates_uses_key(const kg_templates *set, const char *name, const char *key)
{
	const tpl_template *t = tpl_find(set, name);
	return t && block_uses_key(set, &t->root, key, 0);
}

int kg_templates_add_string(kg_templates *set, const char *name, const char *text, size_t len,
                            kg_diags *diags)
{
	kg_buf path = KG_BUF_INIT;
	if (set->display_dir[0])
		kg_buf_printf(&path, "%s/%s", set->display_dir, name);
	else
		kg_buf_puts(&path, name);
	int rc = kg_templates_add_file(set, name, path.data, text, len, diags);
	kg_buf_release(&path);
	return rc;
}

/* Parses text as template name and adds it, replacing any template of the
 * same name. A template that fails to parse is still added (marked broken)
 * so that includes of it do not also report a missing partial. */
int kg_templates_add_file(kg_templates *set, const char *name, const char *display_path, const char *text,
                          size_t len, kg_diags *diags)
{
	tpl_template *t = kg_calloc(1, sizeof(*t));
	t->name = kg_strdup(name);
	t->path = kg_strdup(display_path);
	t->source = kg_strndup(text ? text : "", text ? len : 0);
	int rc = tpl_parse(t, text ? len : 0, diags);

	int found;
	size_t i = find_index(set, name, &found);
	if (found) {
		tpl_template_free(set->items[i]);
		set->items[i] = t;
		return rc;
	}
	kg_array_grow(set->items, set->cap, set->len + 1);
	memmove(set->items + i + 1, set->items + i, (set->len - i) * sizeof(*set->items));
	set->items[i] = t;
	set->len++;
	return rc;
}

/* Reports every cycle in the include graph once, at the include that closes
 * it. Depth-first and iterative, so a long chain of partials cannot
 * exhaust the stack; state: 0 unvisited, 1 on the current path, 2 done. */
static int check_cycles(const kg_templates *set, kg_diags *diags)
{
	struct frame {
		size_t template, next_include;
	};
	int rc = 0;
	unsigned char *state = kg_calloc(set->len + 1, 1);
	struct frame *stack = kg_malloc((set->len + 1) * sizeof(*stack));
	for (size_t start = 0; start < set->len; start++) {
		if (state[start])
			continue;
		size_t depth = 0;
		stack[depth++] = (struct frame){start, 0};
		state[start] = 1;
		while (depth) {
			struct frame *top = &stack[depth - 1];
			const tpl_template *t = set->items[top->template];
			if (top->next_include == t->nincludes) {
				state[top->template] = 2;
				depth--;
				continue;
			}
			const tpl_include *inc = &t->includes[top->next_include++];
			int found;
			size_t target = find_index(set, inc->name, &found);
			if (!found || state[target] == 2)
				continue;
			if (state[target] == 0) {
				state[target] = 1;
				stack[depth++] = (struct frame){target, 0};
				continue;
			}
			kg_buf chain = KG_BUF_INIT;
			size_t from = 0;
			while (stack[from].template != target)
				from++;
			for (size_t k = from; k < depth; k++)
				kg_buf_printf(&chain, "%s -> ", set->items[stack[k].template]->name);
			kg_buf_puts(&chain, inc->name);
			kg_error(diags, t->path, inc->line, inc->col, "include cycle: %s", chain.data);
			kg_buf_release(&chain);
			rc = -1;
		}
	}
	free(stack);
	free(state);
	return rc;
}

int kg_templates_check(kg_templates *set, kg_diags *diags)
{
	int rc = 0;
	for (size_t i = 0; i < set->len; i++) {
		const tpl_template *t = set->items[i];
		for (size_t k = 0; k < t->nincludes; k++) {
			const tpl_include *inc = &t->includes[k];
			if (!tpl_find(set, inc->name)) {
				kg_error(diags, t->path, inc->line, inc->col, "missing partial '%s'",
				         inc->name);
				rc = -1;
			}
		}
	}
	if (check_cycles(set, diags) < 0)
		rc = -1;
	return rc;
}

int kg_templates_each_message(const kg_templates *set, kg_template_message_fn fn, void *ud)
{
	for (size_t i = 0; i < set->len; i++) {
		const tpl_template *t = set->items[i];
		for (size_t k = 0; k < t->nmessages; k++) {
			const tpl_message *m = &t->messages[k];
			int rc = fn(ud, t->path, m->line, m->msgctxt, m->msgid, m->plural);
			if (rc)
				return rc;
		}
	}
	return 0;
}

/* ---- Loading a theme ---------------------------------------------------- */

int kg_templates_load_theme(kg_templates **out, const kg_theme *theme, kg_diags *diags)
{
	kg_templates *set = kg_templates_new("");
	*out = set;
	int rc = 0;
	for (size_t i = 0; i < theme->count; i++) {
		const kg_theme_entry *e = &theme->items[i];
		if (kg_theme_is_template(e->path) &&
		    kg_templates_add_file(set, e->path, e->display_path, e->data, e->size, diags) < 0)
			rc = -1;
	}
	if (kg_templates_check(set, diags) < 0)
		rc = -1;
	return rc;
}
