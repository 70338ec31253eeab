/* plural.c: the Plural-Forms parser and evaluator (see plural.h).
 * A kg_plural owns a flat array of expression nodes; the parser is recursive
 * descent with an explicit depth limit, and every node records its subtree
 * height so evaluation recursion is bounded by the same limit.
 */
#include "kitgen/catalog/plural.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"

#include <stdlib.h>
#include <string.h>

#define PLURAL_MAX_DEPTH 100  /* nesting levels, in the parser and in the tree */
#define PLURAL_MAX_NODES 4096 /* real rules need < 50 */
#define PLURAL_MAX_FORMS 16   /* gettext knows no language with more than 6 */

enum op {
	OP_N,
	OP_NUM,
	OP_NOT,
	OP_NEG,
	OP_MUL,
	OP_DIV,
	OP_MOD,
	OP_ADD,
	OP_SUB,
	OP_LT,
	OP_LE,
	OP_GT,
	OP_GE,
	OP_EQ,
	OP_NE,
	OP_AND,
	OP_OR,
	OP_COND
};

struct node {
	enum op op;
	unsigned long value; /* OP_NUM */
	int kid[3];          /* node indexes, -1 when unused */
	int height;
};

struct kg_plural {
	int nplurals;
	struct node *nodes;
	int count;
	size_t cap;
	int root;
};

struct parser {
	const char *s;
	size_t pos;
	struct kg_plural *p;
	int depth;
	const char *error; /* first error; parsing unwinds once it is set */
};

static void skip_space(struct parser *ps)
{
	while (ps->s[ps->pos] == ' ' || ps->s[ps->pos] == '\t' || ps->s[ps->pos] == '\n' ||
	       ps->s[ps->pos] == '\r')
		ps->pos++;
}

static int accept(struct parser *ps, const char *tok)
{
	skip_space(ps);
	size_t n = strlen(tok);
	if (strncmp(ps->s + ps->pos, tok, n) != 0)
		return 0;
	/* "<" must not swallow the start of "<=", "!" not the start of "!=". */
	if (n == 1 && (tok[0] == '<' || tok[0] == '>' || tok[0] == '!' || tok[0] == '=') &&
	    ps->s[ps->pos + 1] == '=')
		return 0;
	ps->pos += n;
	return 1;
}

static int make_node(struct parser *ps, enum op op, int a, int b, int c)
{
	if (ps->error)
		return -1;
	struct kg_plural *p = ps->p;
	if (p->count >= PLURAL_MAX_NODES) {
		ps->error = "plural expression is too long";
		return -1;
	}
	int height = 0;
	int kids[3] = {a, b, c};
	for (int i = 0; i < 3; i++)
		if (kids[i] >= 0 && p->nodes[kids[i]].height > height)
			height = p->nodes[kids[i]].height;
	if (height + 1 > PLURAL_MAX_DEPTH) {
		ps->error = "plural expression is nested too deeply";
		return -1;
	}
	kg_array_grow(p->nodes, p->cap, (size_t)p->count + 1);
	struct node *nd = &p->nodes[p->count];
	nd->op = op;
	nd->value = 0;
	nd->kid[0] = a, nd->kid[1] = b, nd->kid[2] = c;
	nd->height = height + 1;
	return p->count++;
}

static int parse_cond(struct parser *ps);

static int parse_primary(struct parser *ps)
{
	if (ps->error)
		return -1;
	if (accept(ps, "(")) {
		int e = parse_cond(ps);
		if (!ps->error && !accept(ps, ")"))
			ps->error = "missing ')' in plural expression";
		return e;
	}
	skip_space(ps);
	char c = ps->s[ps->pos];
	if (c == 'n' && !(ps->s[ps->pos + 1] >= 'a' && ps->s[ps->pos + 1] <= 'z')) {
		ps->pos++;
		return make_node(ps, OP_N, -1, -1, -1);
	}
	if (c >= '0' && c <= '9') {
		unsigned long v = 0;
		while (ps->s[ps->pos] >= '0' && ps->s[ps->pos] <= '9') {
			unsigned d = (unsigned)(ps->s[ps->pos++] - '0');
			if (v > (4294967295ul - d) / 10) {
				ps->error = "number too large in plural expression";
				return -1;
			}
			v = v * 10 + d;
		}
		int i = make_node(ps, OP_NUM, -1, -1, -1);
		if (i >= 0)
			ps->p->nodes[i].value = v;
		return i;
	}
	ps->error = c ? "syntax error in plural expression" : "plural expression ends too early";
	return -1;
}

/* Unary operators and parentheses are the only right-recursive spots; the
 * depth counter stops "((((..." and "!!!!..." before the C stack notices. */
static int parse_unary(struct parser *ps)
{
	if (ps->error)
		return -1;
	if (++ps->depth > PLURAL_MAX_DEPTH) {
		ps->error = "plural expression is nested too deeply";
		return -1;
	}
	int r;
	if (accept(ps, "!"))
		r = make_node(ps, OP_NOT, parse_unary(ps), -1, -1);
	else if (accept(ps, "-"))
		r = make_node(ps, OP_NEG, parse_unary(ps), -1, -1);
	else
		r = parse_primary(ps);
	ps->depth--;
	return r;
}

struct binop {
	const char *tok;
	enum op op;
};

/* One precedence level: operand (op operand)*, left associative. */
static int parse_level(struct parser *ps, int level);

static const struct binop levels[][5] = {
    {{"||", OP_OR}, {NULL, OP_N}},
    {{"&&", OP_AND}, {NULL, OP_N}},
    {{"==", OP_EQ}, {"!=", OP_NE}, {NULL, OP_N}},
    {{"<=", OP_LE}, {">=", OP_GE}, {"<", OP_LT}, {">", OP_GT}, {NULL, OP_N}},
    {{"+", OP_ADD}, {"-", OP_SUB}, {NULL, OP_N}},
    {{"*", OP_MUL}, {"/", OP_DIV}, {"%", OP_MOD}, {NULL, OP_N}},
};
#define LEVEL_COUNT ((int)(sizeof(levels) / sizeof(levels[0])))

static int parse_level(struct parser *ps, int level)
{
	if (level == LEVEL_COUNT)
		return parse_unary(ps);
	int left = parse_level(ps, level + 1);
	while (!ps->error) {
		const struct binop *b = levels[level];
		while (b->tok && !accept(ps, b->tok))
			b++;
		if (!b->tok)
			break;
		int right = parse_level(ps, level + 1);
		left = make_node(ps, b->op, left, right, -1);
	}
	return left;
}

static int parse_cond(struct parser *ps)
{
	if (ps->error)
		return -1;
	if (++ps->depth > PLURAL_MAX_DEPTH) {
		ps->error = "plural expression is nested too deeply";
		return -1;
	}
	int r = parse_level(ps, 0);
	if (!ps->error && accept(ps, "?")) {
		int yes = parse_cond(ps);
		if (!ps->error && !accept(ps, ":"))
			ps->error = "missing ':' in plural expression";
		int no = parse_cond(ps);
		r = make_node(ps, OP_COND, r, yes, no);
	}
	ps->depth--;
	return r;
}

/* Finds "key" followed by optional blanks and '=' as a whole word; returns
 * the position after '=' or NULL. */
static const char *find_assignment(const char *s, const char *key)
{
	size_t n = strlen(key);
	for (const char *p = strstr(s, key); p; p = strstr(p + 1, key)) {
		if (p > s && ((p[-1] >= 'a' && p[-1] <= 'z') || p[-1] == '_'))
			continue;
		const char *q = p + n;
		while (*q == ' ' || *q == '\t')
			q++;
		if (*q == '=')
			return q + 1;
	}
	return NULL;
}

kg_plural *kg_plural_parse(const char *header_value, const char *file, int line, kg_diags *diags)
{
	kg_plural *p = kg_calloc(1, sizeof(*p));
	const char *v = header_value ? find_assignment(header_value, "nplurals") : NULL;
	const char *expr = header_value ? find_assignment(header_value, "plural") : NULL;
	if (!v || !expr) {
		kg_error(diags, file, line, 0, "Plural-Forms lacks %s", v ? "\"plural=\"" : "\"nplurals=\"");
		goto fail;
	}
	while (*v == ' ' || *v == '\t')
		v++;
	long n = 0;
	if (!(*v >= '0' && *v <= '9')) {
		kg_error(diags, file, line, 0, "invalid nplurals value in Plural-Forms");
		goto fail;
	}
	while (*v >= '0' && *v <= '9' && n <= PLURAL_MAX_FORMS)
		n = n * 10 + (*v++ - '0');
	if (n < 1 || n > PLURAL_MAX_FORMS) {
		kg_error(diags, file, line, 0, "nplurals=%s%ld is out of range 1..%d",
		         n > PLURAL_MAX_FORMS ? ">" : "", n > PLURAL_MAX_FORMS ? (long)PLURAL_MAX_FORMS : n,
		         PLURAL_MAX_FORMS);
		goto fail;
	}
	p->nplurals = (int)n;

	struct parser ps = {expr, 0, p, 0, NULL};
	p->root = parse_cond(&ps);
	skip_space(&ps);
	if (!ps.error && expr[ps.pos] != ';' && expr[ps.pos] != '\0')
		ps.error = "syntax error in plural expression";
	if (ps.error) {
		kg_error(diags, file, line, 0, "%s", ps.error);
		goto fail;
	}
	return p;
fail:
	kg_plural_free(p);
	return NULL;
}

int kg_plural_count(const kg_plural *p) { return p->nplurals; }

static unsigned long eval(const struct node *nodes, int i, unsigned long n)
{
	const struct node *nd = &nodes[i];
	unsigned long a = 0, b = 0;
	switch (nd->op) {
	case OP_N: return n;
	case OP_NUM: return nd->value;
	case OP_NOT: return !eval(nodes, nd->kid[0], n);
	case OP_NEG: return 0ul - eval(nodes, nd->kid[0], n);
	case OP_AND: return eval(nodes, nd->kid[0], n) && eval(nodes, nd->kid[1], n);
	case OP_OR: return eval(nodes, nd->kid[0], n) || eval(nodes, nd->kid[1], n);
	case OP_COND:
		return eval(nodes, nd->kid[0], n) ? eval(nodes, nd->kid[1], n) : eval(nodes, nd->kid[2], n);
	default: break;
	}
	a = eval(nodes, nd->kid[0], n);
	b = eval(nodes, nd->kid[1], n);
	switch (nd->op) {
	case OP_MUL: return a * b;
	case OP_DIV: return b ? a / b : 0; /* gettext would raise SIGFPE */
	case OP_MOD: return b ? a % b : 0;
	case OP_ADD: return a + b;
	case OP_SUB: return a - b;
	case OP_LT: return a < b;
	case OP_LE: return a <= b;
	case OP_GT: return a > b;
	case OP_GE: return a >= b;
	case OP_EQ: return a == b;
	case OP_NE: return a != b;
	default: return 0;
	}
}

/* Out-of-range results give form 0, as gettext's own lookup does. */
unsigned long kg_plural_eval(const kg_plural *p, unsigned long n)
{
	if (!p || !p->nodes)
		return 0;
	unsigned long r = eval(p->nodes, p->root, n);
	return r < (unsigned long)p->nplurals ? r : 0;
}

void kg_plural_free(kg_plural *p)
{
	if (!p)
		return;
	free(p->nodes);
	free(p);
}
