/* render.c: renders a parsed template (template_internal.h) with a
 * value tree as its root scope. Reads the set, the values and the
 * translator without changing them and allocates only its own scopes and
 * the text page_text writes (kept until the render returns), so any number
 * of threads may render from one set at once.
 */
#include "template/template_internal.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* The state of one {% for %}, read through loop.index and friends. */
struct loop_state {
	size_t index0, length;
};

/* The value of an expression. Nothing here is owned: strings point into
 * the template tree or the value tree, containers are borrowed kg_vals, and
 * map entries and loop states are views of data that outlive the result. */
enum result_kind {
	RES_NULL,
	RES_BOOL,
	RES_INT,
	RES_STR,
	RES_HTML,
	RES_LIST,
	RES_MAP,
	RES_ENTRY, /* one map entry while iterating a map: .key and .value */
	RES_LOOP   /* the loop variable */
};

typedef struct result {
	enum result_kind kind;
	long long num;   /* BOOL, INT */
	const char *str; /* STR, HTML; ENTRY: the key */
	size_t len;
	const kg_val *val; /* LIST, MAP; ENTRY: the value */
	const struct loop_state *loop;
} result;

struct binding {
	const char *name; /* borrowed from the template tree */
	result value;
};

/* Scopes form a chain from the innermost loop or include out to the root,
 * whose names come from the render's ctx map. */
struct scope {
	const struct scope *parent;
	const kg_val *root; /* the outermost scope only */
	const char *var;    /* a loop's variable */
	result var_value;
	const struct loop_state *loop; /* a loop's 'loop' */
	struct binding *sets;          /* {% set %} in this scope; owned */
	size_t nsets, sets_cap;
};

struct renderer {
	const kg_templates *set;
	const kg_translator *tr;
	kg_buf *out;
	kg_diags *diags;
	int include_depth;
	KG_ARRAY(char *) written; /* page_text results; owned, freed when the render returns */
};

static int render_block(struct renderer *r, const tpl_template *t, const tpl_block *block,
                        struct scope *scope);

static int render_error(struct renderer *r, const tpl_template *t, int line, int col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* Reports an error at a position of template t; always returns -1. */
static int render_error(struct renderer *r, const tpl_template *t, int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kg_diag_vadd(r->diags, KG_ERROR, t->path, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

static const char *kind_name(enum result_kind kind)
{
	switch (kind) {
	case RES_NULL: return "nothing";
	case RES_BOOL: return "a boolean";
	case RES_INT: return "an integer";
	case RES_STR: return "a string";
	case RES_HTML: return "an HTML string";
	case RES_LIST: return "a list";
	case RES_LOOP: return "the loop variable";
	default: return "a map";
	}
}

/* ---- Values ------------------------------------------------------------ */

static result from_value(const kg_val *v)
{
	result res;
	memset(&res, 0, sizeof(res));
	switch (kg_val_type_of(v)) {
	case KG_VAL_NULL: res.kind = RES_NULL; break;
	case KG_VAL_BOOL:
		res.kind = RES_BOOL;
		res.num = kg_val_as_int(v);
		break;
	case KG_VAL_INT:
		res.kind = RES_INT;
		res.num = kg_val_as_int(v);
		break;
	case KG_VAL_STR:
	case KG_VAL_HTML:
		res.kind = kg_val_type_of(v) == KG_VAL_STR ? RES_STR : RES_HTML;
		res.str = kg_val_as_str(v);
		res.len = strlen(res.str);
		break;
	case KG_VAL_LIST:
		res.kind = RES_LIST;
		res.val = v;
		break;
	case KG_VAL_MAP:
		res.kind = RES_MAP;
		res.val = v;
		break;
	}
	return res;
}

static result make_bool(int b)
{
	result res;
	memset(&res, 0, sizeof(res));
	res.kind = RES_BOOL;
	res.num = b != 0;
	return res;
}

static result make_int(long long n)
{
	result res = make_bool(0);
	res.kind = RES_INT;
	res.num = n;
	return res;
}

static int truthy(const result *v)
{
	switch (v->kind) {
	case RES_NULL: return 0;
	case RES_BOOL:
	case RES_INT: return v->num != 0;
	case RES_STR:
	case RES_HTML: return v->len != 0;
	case RES_LIST:
	case RES_MAP: return kg_val_len(v->val) != 0;
	default: return 1;
	}
}

/* Integers compare with integers and booleans, text with text (STR and
 * HTML alike), containers by identity; anything else is unequal. */
static int equal(const result *a, const result *b)
{
	int a_num = a->kind == RES_INT || a->kind == RES_BOOL;
	int b_num = b->kind == RES_INT || b->kind == RES_BOOL;
	int a_text = a->kind == RES_STR || a->kind == RES_HTML;
	int b_text = b->kind == RES_STR || b->kind == RES_HTML;
	if (a_num && b_num)
		return a->num == b->num;
	if (a_text && b_text)
		return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
	if (a->kind != b->kind)
		return 0;
	switch (a->kind) {
	case RES_NULL: return 1;
	case RES_LIST:
	case RES_MAP: return a->val == b->val;
	case RES_LOOP: return a->loop == b->loop;
	case RES_ENTRY: return a->str == b->str && a->val == b->val;
	default: return 0;
	}
}

static size_t count_code_points(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

/* ---- Scopes ------------------------------------------------------------ */

static result lookup(const struct scope *scope, const char *name)
{
	for (const struct scope *s = scope; s; s = s->parent) {
		for (size_t i = s->nsets; i-- > 0;)
			if (strcmp(s->sets[i].name, name) == 0)
				return s->sets[i].value;
		if (s->var && strcmp(s->var, name) == 0)
			return s->var_value;
		if (s->loop && strcmp(name, "loop") == 0) {
			result res = make_bool(0);
			res.kind = RES_LOOP;
			res.loop = s->loop;
			return res;
		}
		if (s->root)
			return from_value(kg_val_get(s->root, name));
	}
	return from_value(NULL);
}

/* One step down a dotted path: a map's key, an entry's key/value, or a
 * loop property. Anything else has no members and gives null. */
static result member(const result *v, const char *name)
{
	switch (v->kind) {
	case RES_MAP: return from_value(kg_val_get(v->val, name));
	case RES_ENTRY:
		if (strcmp(name, "key") == 0) {
			result res = make_bool(0);
			res.kind = RES_STR;
			res.str = v->str;
			res.len = v->len;
			return res;
		}
		return strcmp(name, "value") == 0 ? from_value(v->val) : from_value(NULL);
	case RES_LOOP:
		if (strcmp(name, "index") == 0)
			return make_int((long long)v->loop->index0 + 1);
		if (strcmp(name, "index0") == 0)
			return make_int((long long)v->loop->index0);
		if (strcmp(name, "first") == 0)
			return make_bool(v->loop->index0 == 0);
		if (strcmp(name, "last") == 0)
			return make_bool(v->loop->index0 + 1 == v->loop->length);
		if (strcmp(name, "length") == 0)
			return make_int((long long)v->loop->length);
		return from_value(NULL);
	default: return from_value(NULL);
	}
}

/* {% set %}: binds in this scope, replacing an earlier set of the name. */
static void scope_set(struct scope *s, const char *name, const result *value)
{
	for (size_t i = 0; i < s->nsets; i++) {
		if (strcmp(s->sets[i].name, name) == 0) {
			s->sets[i].value = *value;
			return;
		}
	}
	kg_array_grow(s->sets, s->sets_cap, s->nsets + 1);
	s->sets[s->nsets].name = name;
	s->sets[s->nsets].value = *value;
	s->nsets++;
}

static void scope_release(struct scope *s)
{
	free(s->sets);
	s->sets = NULL;
	s->nsets = s->sets_cap = 0;
}

/* ---- Expressions ------------------------------------------------------- */

/* text | page_text lang: the text written as page text by the translator's
 * hook (escaped when there is none), as HTML kept until the render ends. */
static int page_text(struct renderer *r, const result *text, const result *lang, result *out)
{
	kg_buf html = KG_BUF_INIT, tag = KG_BUF_INIT;
	if (lang->kind == RES_STR)
		kg_buf_add(&tag, lang->str, lang->len);
	if (r->tr && r->tr->text_html)
		r->tr->text_html(r->tr->ctx, text->str, text->len, tag.len ? tag.data : "", &html);
	else
		kg_buf_add_html(&html, text->str, text->len);
	kg_buf_release(&tag);
	*out = make_bool(0);
	out->kind = RES_HTML;
	out->len = html.len;
	out->str = kg_buf_detach(&html, NULL);
	kg_array_push(&r->written, (char *)out->str);
	return 0;
}

/* Evaluates e; recursion is bounded by the parser's TPL_MAX_EXPR_HEIGHT. */
static int eval(struct renderer *r, const tpl_template *t, const tpl_expr *e, const struct scope *scope,
                result *out)
{
	result a, b;
	switch (e->kind) {
	case TPL_EXPR_STR:
		*out = make_bool(0);
		out->kind = RES_STR;
		out->str = e->str;
		out->len = e->len;
		return 0;
	case TPL_EXPR_INT: *out = make_int(e->num); return 0;
	case TPL_EXPR_BOOL: *out = make_bool((int)e->num); return 0;
	case TPL_EXPR_PATH:
		*out = lookup(scope, e->segments[0]);
		for (size_t i = 1; i < e->nsegments; i++)
			*out = member(out, e->segments[i]);
		return 0;
	case TPL_EXPR_NOT:
		if (eval(r, t, e->left, scope, &a) < 0)
			return -1;
		*out = make_bool(!truthy(&a));
		return 0;
	case TPL_EXPR_AND:
	case TPL_EXPR_OR:
		if (eval(r, t, e->left, scope, &a) < 0)
			return -1;
		if (truthy(&a) == (e->kind == TPL_EXPR_OR)) { /* short-circuit */
			*out = make_bool(truthy(&a));
			return 0;
		}
		if (eval(r, t, e->right, scope, &b) < 0)
			return -1;
		*out = make_bool(truthy(&b));
		return 0;
	case TPL_EXPR_EQ:
	case TPL_EXPR_NE:
		if (eval(r, t, e->left, scope, &a) < 0 || eval(r, t, e->right, scope, &b) < 0)
			return -1;
		*out = make_bool(equal(&a, &b) == (e->kind == TPL_EXPR_EQ));
		return 0;
	case TPL_EXPR_DEFAULT:
		if (eval(r, t, e->left, scope, &a) < 0)
			return -1;
		if (truthy(&a)) {
			*out = a;
			return 0;
		}
		return eval(r, t, e->right, scope, out);
	case TPL_EXPR_PAGE_TEXT:
		if (eval(r, t, e->left, scope, &a) < 0 || eval(r, t, e->right, scope, &b) < 0)
			return -1;
		if (a.kind == RES_NULL || a.kind == RES_HTML) { /* nothing, or markup kitgen made */
			*out = a;
			return 0;
		}
		if (a.kind != RES_STR)
			return render_error(r, t, e->line, e->col, "'page_text' needs a string, not %s",
			                    kind_name(a.kind));
		if (b.kind != RES_STR && b.kind != RES_NULL)
			return render_error(r, t, e->line, e->col,
			                    "'page_text' needs a language tag (a string), not %s",
			                    kind_name(b.kind));
		return page_text(r, &a, &b, out);
	case TPL_EXPR_LEN:
		if (eval(r, t, e->left, scope, &a) < 0)
			return -1;
		switch (a.kind) {
		case RES_NULL: *out = make_int(0); return 0;
		case RES_STR:
		case RES_HTML: *out = make_int((long long)count_code_points(a.str, a.len)); return 0;
		case RES_LIST:
		case RES_MAP: *out = make_int((long long)kg_val_len(a.val)); return 0;
		case RES_ENTRY: *out = make_int(2); return 0;
		default:
			return render_error(r, t, e->line, e->col,
			                    "'len' needs a string, list or map, not %s", kind_name(a.kind));
		}
	}
	return render_error(r, t, e->line, e->col, "unknown expression");
}

/* Appends a scalar: text escaped, HTML raw, numbers in decimal, booleans as
 * true/false, null as nothing. Containers cannot be output. */
static int output(struct renderer *r, const tpl_template *t, const tpl_expr *e, const result *v)
{
	switch (v->kind) {
	case RES_NULL: return 0;
	case RES_BOOL: kg_buf_puts(r->out, v->num ? "true" : "false"); return 0;
	case RES_INT: kg_buf_printf(r->out, "%lld", v->num); return 0;
	case RES_STR: kg_buf_add_html(r->out, v->str, v->len); return 0;
	case RES_HTML: kg_buf_add(r->out, v->str, v->len); return 0;
	default: break;
	}
	if (e->kind == TPL_EXPR_PATH) {
		kg_buf path = KG_BUF_INIT;
		for (size_t i = 0; i < e->nsegments; i++)
			kg_buf_printf(&path, "%s%s", i ? "." : "", e->segments[i]);
		render_error(r, t, e->line, e->col, "cannot output '%s': it is %s", path.data,
		             kind_name(v->kind));
		kg_buf_release(&path);
		return -1;
	}
	return render_error(r, t, e->line, e->col, "cannot output %s", kind_name(v->kind));
}

/* ---- Translation calls ------------------------------------------------- */

static void format_count(struct renderer *r, long long n)
{
	kg_buf digits = KG_BUF_INIT;
	if (r->tr && r->tr->format_int)
		r->tr->format_int(r->tr->ctx, n, &digits);
	else
		kg_buf_printf(&digits, "%lld", n);
	kg_buf_add_html(r->out, digits.data, digits.len);
	kg_buf_release(&digits);
}

/* Writes the translated text: its literal parts escaped (translations are
 * untrusted), {name} replaced by the argument (escaped unless it is HTML),
 * {n} by the count for tn, and unknown placeholders left as written. */
static void substitute(struct renderer *r, const tpl_node *n, const char *text, const result *args,
                       long long count)
{
	size_t start = 0, len = strlen(text);
	for (size_t i = 0; i < len; i++) {
		if (text[i] != '{')
			continue;
		size_t k = i + 1;
		while (k < len && (text[k] == '_' || (text[k] >= 'a' && text[k] <= 'z') ||
		                   (text[k] >= 'A' && text[k] <= 'Z') ||
		                   (k > i + 1 && text[k] >= '0' && text[k] <= '9')))
			k++;
		if (k == i + 1 || k >= len || text[k] != '}')
			continue;
		const char *name = text + i + 1;
		size_t name_len = k - i - 1;
		int is_count = n->as.translate.kind == TPL_TN && name_len == 1 && name[0] == 'n';
		size_t a = 0;
		while (!is_count && a < n->as.translate.nargs &&
		       !(strlen(n->as.translate.args[a].name) == name_len &&
		         memcmp(n->as.translate.args[a].name, name, name_len) == 0))
			a++;
		if (!is_count && a == n->as.translate.nargs)
			continue;
		kg_buf_add_html(r->out, text + start, i - start);
		if (is_count)
			format_count(r, count);
		else if (args[a].kind == RES_HTML)
			kg_buf_add(r->out, args[a].str, args[a].len);
		else if (args[a].kind == RES_STR)
			kg_buf_add_html(r->out, args[a].str, args[a].len);
		else if (args[a].kind == RES_INT)
			kg_buf_printf(r->out, "%lld", args[a].num);
		else if (args[a].kind == RES_BOOL)
			kg_buf_puts(r->out, args[a].num ? "true" : "false");
		start = k + 1;
		i = k;
	}
	kg_buf_add_html(r->out, text + start, len - start);
}

static int render_translate(struct renderer *r, const tpl_template *t, const tpl_node *n,
                            const struct scope *scope)
{
	const kg_translator *tr = r->tr;
	result args[TPL_MAX_ARGS];
	for (size_t i = 0; i < n->as.translate.nargs; i++) {
		const tpl_arg *arg = &n->as.translate.args[i];
		if (eval(r, t, arg->value, scope, &args[i]) < 0)
			return -1;
		enum result_kind kind = args[i].kind;
		if (kind != RES_NULL && kind != RES_BOOL && kind != RES_INT && kind != RES_STR &&
		    kind != RES_HTML)
			return render_error(r, t, arg->value->line, arg->value->col,
			                    "argument '%s' is %s, not text", arg->name, kind_name(kind));
	}
	const char *text = NULL;
	long long count = 0;
	if (n->as.translate.kind == TPL_TN) {
		result c;
		if (eval(r, t, n->as.translate.count, scope, &c) < 0)
			return -1;
		if (c.kind != RES_INT && c.kind != RES_BOOL)
			return render_error(r, t, n->as.translate.count->line, n->as.translate.count->col,
			                    "the count of 'tn' must be an integer, not %s",
			                    kind_name(c.kind));
		count = c.num;
		/* plural rules look at the magnitude; avoid negating LLONG_MIN */
		unsigned long magnitude =
		    count < 0 ? (unsigned long)(-(count + 1)) + 1 : (unsigned long)count;
		if (tr && tr->ngettext)
			text = tr->ngettext(tr->ctx, NULL, n->as.translate.msgid, n->as.translate.plural,
			                    magnitude);
		if (!text)
			text = magnitude == 1 ? n->as.translate.msgid : n->as.translate.plural;
	} else {
		if (tr && tr->gettext)
			text = tr->gettext(tr->ctx, n->as.translate.msgctxt, n->as.translate.msgid);
		if (!text)
			text = n->as.translate.msgid;
	}
	substitute(r, n, text, args, count);
	return 0;
}

/* ---- Nodes ------------------------------------------------------------- */

static int render_for(struct renderer *r, const tpl_template *t, const tpl_node *n, struct scope *scope)
{
	result list;
	if (eval(r, t, n->as.loop.list, scope, &list) < 0)
		return -1;
	if (list.kind != RES_NULL && list.kind != RES_LIST && list.kind != RES_MAP)
		return render_error(r, t, n->as.loop.list->line, n->as.loop.list->col,
		                    "'for' needs a list or a map, not %s", kind_name(list.kind));
	struct loop_state state = {0, kg_val_len(list.val)};
	if (state.length == 0)
		return render_block(r, t, &n->as.loop.else_body, scope);
	struct scope inner;
	memset(&inner, 0, sizeof(inner));
	inner.parent = scope;
	inner.var = n->as.loop.var;
	inner.loop = &state;
	int rc = 0;
	for (; state.index0 < state.length && rc == 0; state.index0++) {
		if (list.kind == RES_LIST) {
			inner.var_value = from_value(kg_val_at(list.val, state.index0));
		} else {
			inner.var_value = make_bool(0);
			inner.var_value.kind = RES_ENTRY;
			inner.var_value.str = kg_val_key_at(list.val, state.index0);
			inner.var_value.len = strlen(inner.var_value.str);
			inner.var_value.val = kg_val_value_at(list.val, state.index0);
		}
		inner.nsets = 0; /* each pass starts without the last pass's sets */
		rc = render_block(r, t, &n->as.loop.body, &inner);
	}
	scope_release(&inner);
	return rc;
}

static int render_include(struct renderer *r, const tpl_template *t, const tpl_node *n, struct scope *scope)
{
	const tpl_template *target = tpl_find(r->set, n->as.include.name);
	if (!target)
		return render_error(r, t, n->line, n->col, "missing partial '%s'", n->as.include.name);
	if (target->broken)
		return render_error(r, t, n->line, n->col, "partial '%s' has errors", n->as.include.name);
	if (r->include_depth >= TPL_MAX_INCLUDE_DEPTH)
		return render_error(r, t, n->line, n->col, "includes nested more than %d deep",
		                    TPL_MAX_INCLUDE_DEPTH);
	struct scope inner; /* the partial's sets stay in the partial */
	memset(&inner, 0, sizeof(inner));
	inner.parent = scope;
	r->include_depth++;
	int rc = render_block(r, target, &target->root, &inner);
	r->include_depth--;
	scope_release(&inner);
	return rc;
}

static int render_node(struct renderer *r, const tpl_template *t, const tpl_node *n, struct scope *scope)
{
	result v;
	switch (n->kind) {
	case TPL_TEXT: kg_buf_add(r->out, n->as.text.data, n->as.text.len); return 0;
	case TPL_OUTPUT:
		if (eval(r, t, n->as.output.expr, scope, &v) < 0)
			return -1;
		return output(r, t, n->as.output.expr, &v);
	case TPL_IF:
		for (size_t i = 0; i < n->as.cond.nbranches; i++) {
			const tpl_branch *branch = &n->as.cond.branches[i];
			if (eval(r, t, branch->cond, scope, &v) < 0)
				return -1;
			if (truthy(&v))
				return render_block(r, t, &branch->body, scope);
		}
		return render_block(r, t, &n->as.cond.else_body, scope);
	case TPL_FOR: return render_for(r, t, n, scope);
	case TPL_INCLUDE: return render_include(r, t, n, scope);
	case TPL_SET:
		if (eval(r, t, n->as.set.value, scope, &v) < 0)
			return -1;
		scope_set(scope, n->as.set.name, &v);
		return 0;
	case TPL_TRANSLATE: return render_translate(r, t, n, scope);
	}
	return 0;
}

static int render_block(struct renderer *r, const tpl_template *t, const tpl_block *block,
                        struct scope *scope)
{
	for (size_t i = 0; i < block->len; i++)
		if (render_node(r, t, &block->items[i], scope) < 0)
			return -1;
	return 0;
}

/* On failure out is restored to its length before the call, so a caller
 * never ships half a page. */
int kg_templates_render(const kg_templates *set, const char *name, const kg_val *ctx, const kg_translator *tr,
                        kg_buf *out, kg_diags *diags)
{
	const tpl_template *t = tpl_find(set, name);
	if (!t) {
		kg_error(diags, set->display_dir[0] ? set->display_dir : NULL, 0, 0, "no template named '%s'",
		         name);
		return -1;
	}
	if (t->broken) {
		kg_error(diags, t->path, 0, 0, "cannot render '%s': it has errors", name);
		return -1;
	}
	struct renderer r = {set, tr, out, diags, 0, KG_ARRAY_INIT};
	struct scope root;
	memset(&root, 0, sizeof(root));
	root.root = ctx;
	size_t start = out->len;
	int rc = render_block(&r, t, &t->root, &root);
	scope_release(&root);
	for (size_t i = 0; i < r.written.count; i++)
		free(r.written.items[i]);
	kg_array_release(&r.written);
	if (rc < 0)
		kg_buf_truncate(out, start);
	return rc;
}
