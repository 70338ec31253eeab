/* parse.c: the template parser, from text to the tree described
 * in template_internal.h. Builds and frees a template's tree and its message
 * and include lists; borrows the diagnostics list. The set of templates is
 * template.c; rendering is render.c.
 */
#include "template/template_internal.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/base/suggest.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Tokens ------------------------------------------------------------ */

enum tok_kind {
	TOK_EOF,
	TOK_NAME,   /* identifier, possibly dotted: page.title */
	TOK_STRING, /* "text", decoded on use by token_string() */
	TOK_INT,
	TOK_EQ,     /* == */
	TOK_NE,     /* != */
	TOK_ASSIGN, /* = */
	TOK_PIPE,   /* | */
	TOK_LPAREN,
	TOK_RPAREN,
	TOK_END_OUTPUT, /* }} or -}} */
	TOK_END_TAG     /* %} or -%} */
};

struct token {
	enum tok_kind kind;
	size_t start, end; /* byte offsets into the source */
	long long num;     /* TOK_INT */
	int trim;          /* closing token written with '-' */
};

struct parser {
	tpl_template *t;
	const char *src;
	size_t len;
	size_t pos;    /* next byte to read */
	size_t *lines; /* offset of each line's first byte */
	size_t nlines;
	struct token tok; /* the current token inside a tag */
	size_t tag_start; /* offset of the current tag's '{' */
	char tag_kind;    /* '{' or '%' */
	int depth;        /* nested blocks */
	int expr_depth;   /* nested 'not' and parentheses */
	int trim_next;    /* the last tag ended with '-': strip the next text's leading space */
	kg_diags *diags;
};

/* What ended a block: end of input or one of the tags that close blocks. */
enum closer { CLOSE_EOF, CLOSE_END, CLOSE_ELSE, CLOSE_ELIF };

static const char *const tag_names[] = {"if", "elif", "else", "end", "for", "include", "set", NULL};
static const char *const filter_names[] = {"default", "len", "page_text", NULL};
static const char *const reserved_words[] = {"not", "and", "or", "in", "true", "false", NULL};

static tpl_expr *parse_or(struct parser *p);
static int parse_block(struct parser *p, tpl_block *block, enum closer *closer, size_t *closer_at);
static void free_block(tpl_block *block);

/* ---- Positions and errors ---------------------------------------------- */

static void position(const struct parser *p, size_t offset, int *line, int *col)
{
	size_t lo = 0, hi = p->nlines; /* find the last line starting at or before offset */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (p->lines[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	size_t c = offset - p->lines[lo] + 1;
	*line = lo + 1 > INT_MAX ? INT_MAX : (int)(lo + 1);
	*col = c > INT_MAX ? INT_MAX : (int)c;
}

static int parse_error(struct parser *p, size_t offset, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Reports an error at a byte offset; always returns -1. */
static int parse_error(struct parser *p, size_t offset, const char *fmt, ...)
{
	int line, col;
	position(p, offset, &line, &col);
	va_list ap;
	va_start(ap, fmt);
	kg_diag_vadd(p->diags, KG_ERROR, p->t->path, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int is_name_char(char c) { return is_name_start(c) || is_digit(c); }

/* The closest of names within two edits, and fewer edits than the word
 * has bytes (so "x" does not suggest "if"), or NULL. */
static const char *suggest(const char *word, size_t len, const char *const *names)
{
	if (!len)
		return NULL;
	return kg_suggest_word(word, len, names, len <= 2 ? len - 1 : 2);
}

static int word_in(const char *word, size_t len, const char *const *names)
{
	for (; *names; names++)
		if (strlen(*names) == len && memcmp(*names, word, len) == 0)
			return 1;
	return 0;
}

/* ---- Lexer ------------------------------------------------------------- */

static int token_is(const struct parser *p, const struct token *t, const char *word)
{
	size_t n = strlen(word);
	return t->kind == TOK_NAME && t->end - t->start == n && memcmp(p->src + t->start, word, n) == 0;
}

/* Reads the token at pos (a pure function of pos, so peeking is free). */
static int lex_at(struct parser *p, size_t pos, struct token *t)
{
	const char *s = p->src;
	while (pos < p->len && is_space(s[pos]))
		pos++;
	memset(t, 0, sizeof(*t));
	t->start = pos;
	t->end = pos;
	if (pos >= p->len) {
		t->kind = TOK_EOF;
		return 0;
	}
	size_t left = p->len - pos;
	char c = s[pos];
	if (c == '-' && left >= 3 && s[pos + 2] == '}' && (s[pos + 1] == '}' || s[pos + 1] == '%')) {
		t->kind = s[pos + 1] == '}' ? TOK_END_OUTPUT : TOK_END_TAG;
		t->trim = 1;
		t->end = pos + 3;
		return 0;
	}
	if ((c == '}' || c == '%') && left >= 2 && s[pos + 1] == '}') {
		t->kind = c == '}' ? TOK_END_OUTPUT : TOK_END_TAG;
		t->end = pos + 2;
		return 0;
	}
	if (is_name_start(c)) {
		size_t i = pos;
		for (;;) {
			while (i < p->len && is_name_char(s[i]))
				i++;
			if (i < p->len && s[i] == '.') {
				if (i + 1 >= p->len || !is_name_start(s[i + 1]))
					return parse_error(p, i, "expected a name after '.'");
				i++;
				continue;
			}
			break;
		}
		t->kind = TOK_NAME;
		t->end = i;
		return 0;
	}
	if (is_digit(c) || (c == '-' && left >= 2 && is_digit(s[pos + 1]))) {
		int negative = c == '-';
		size_t i = pos + negative;
		long long n = 0;
		for (; i < p->len && is_digit(s[i]); i++) {
			int d = s[i] - '0';
			if (n > (LLONG_MAX - d) / 10)
				return parse_error(p, pos, "integer literal out of range");
			n = n * 10 + d;
		}
		if (i < p->len && is_name_char(s[i]))
			return parse_error(p, pos, "invalid number '%.*s'", (int)(i - pos + 1), s + pos);
		t->kind = TOK_INT;
		t->num = negative ? -n : n;
		t->end = i;
		return 0;
	}
	if (c == '"') {
		size_t i = pos + 1;
		for (; i < p->len && s[i] != '"'; i++) {
			if (s[i] != '\\')
				continue;
			if (i + 1 >= p->len)
				break;
			if (s[i + 1] == '"' || s[i + 1] == '\\') {
				i++;
				continue;
			}
			return parse_error(p, i, "unknown escape '\\%c' in string (only \\\" and \\\\)",
			                   s[i + 1] >= 0x20 && s[i + 1] < 0x7f ? s[i + 1] : '?');
		}
		if (i >= p->len || s[i] != '"')
			return parse_error(p, pos, "unterminated string");
		t->kind = TOK_STRING;
		t->end = i + 1;
		return 0;
	}
	t->end = pos + 1;
	switch (c) {
	case '=':
		if (left >= 2 && s[pos + 1] == '=') {
			t->kind = TOK_EQ;
			t->end = pos + 2;
		} else {
			t->kind = TOK_ASSIGN;
		}
		return 0;
	case '!':
		if (left >= 2 && s[pos + 1] == '=') {
			t->kind = TOK_NE;
			t->end = pos + 2;
			return 0;
		}
		break;
	case '|': t->kind = TOK_PIPE; return 0;
	case '(': t->kind = TOK_LPAREN; return 0;
	case ')': t->kind = TOK_RPAREN; return 0;
	default: break;
	}
	/* the source is valid UTF-8: quote the whole character */
	int n = 1;
	while ((size_t)n < left && n < 4 && ((unsigned char)s[pos + n] & 0xc0) == 0x80)
		n++;
	if ((unsigned char)c < 0x20)
		return parse_error(p, pos, "unexpected control character 0x%02x", (unsigned)c);
	return parse_error(p, pos, "unexpected character '%.*s'", n, s + pos);
}

/* Moves to the next token of the current tag. */
static int next(struct parser *p)
{
	if (lex_at(p, p->pos, &p->tok) < 0)
		return -1;
	p->pos = p->tok.end;
	return 0;
}

/* Decodes a TOK_STRING (escapes were checked by the lexer). Caller frees. */
static char *token_string(const struct parser *p, const struct token *t, size_t *len_out)
{
	char *out = kg_malloc(t->end - t->start);
	size_t n = 0;
	for (size_t i = t->start + 1; i + 1 < t->end; i++) {
		if (p->src[i] == '\\')
			i++;
		out[n++] = p->src[i];
	}
	out[n] = '\0';
	if (len_out)
		*len_out = n;
	return out;
}

/* How much of a token to quote in a message: at most 40 bytes, cut at a
 * character boundary so diagnostics stay valid UTF-8. */
static int quoted_length(const char *s, size_t len)
{
	if (len <= 40)
		return (int)len;
	len = 40;
	while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
		len--;
	return (int)len;
}

static const char *tag_open_text(const struct parser *p) { return p->tag_kind == '{' ? "{{" : "{%"; }

/* Reports that the current token is not what the grammar wanted. Running
 * out of input inside a tag means the tag was never closed. */
static int unexpected(struct parser *p, const char *wanted)
{
	const struct token *t = &p->tok;
	if (t->kind == TOK_EOF)
		return parse_error(p, p->tag_start, "unclosed '%s'", tag_open_text(p));
	return parse_error(p, t->start, "expected %s, found '%.*s'", wanted,
	                   quoted_length(p->src + t->start, t->end - t->start), p->src + t->start);
}

/* Checks that the current token closes the tag and leaves text mode ready. */
static int finish_tag(struct parser *p)
{
	enum tok_kind want = p->tag_kind == '{' ? TOK_END_OUTPUT : TOK_END_TAG;
	if (p->tok.kind != want)
		return unexpected(p, want == TOK_END_OUTPUT ? "'}}'" : "'%}'");
	p->trim_next = p->tok.trim;
	return 0;
}

/* ---- Expressions ------------------------------------------------------- */

static void free_expr(tpl_expr *e)
{
	if (!e)
		return;
	free_expr(e->left);
	free_expr(e->right);
	free(e->str);
	for (size_t i = 0; i < e->nsegments; i++)
		free(e->segments[i]);
	free(e->segments);
	free(e);
}

static tpl_expr *new_expr(struct parser *p, enum tpl_expr_kind kind, size_t offset)
{
	tpl_expr *e = kg_calloc(1, sizeof(*e));
	e->kind = kind;
	e->height = 1;
	position(p, offset, &e->line, &e->col);
	return e;
}

/* Builds an operator node over left (and right), or frees both and fails
 * when the tree would get too tall to evaluate safely. */
static tpl_expr *new_operator(struct parser *p, enum tpl_expr_kind kind, size_t offset, tpl_expr *left,
                              tpl_expr *right)
{
	int height = left->height;
	if (right && right->height > height)
		height = right->height;
	if (height + 1 > TPL_MAX_EXPR_HEIGHT) {
		parse_error(p, offset, "expression nested more than %d deep", TPL_MAX_EXPR_HEIGHT);
		free_expr(left);
		free_expr(right);
		return NULL;
	}
	tpl_expr *e = new_expr(p, kind, offset);
	e->left = left;
	e->right = right;
	e->height = height + 1;
	return e;
}

static int enter_expr(struct parser *p)
{
	if (++p->expr_depth > TPL_MAX_EXPR_HEIGHT) {
		parse_error(p, p->tok.start, "expression nested more than %d deep", TPL_MAX_EXPR_HEIGHT);
		return -1;
	}
	return 0;
}

static tpl_expr *parse_path(struct parser *p)
{
	const struct token *t = &p->tok;
	tpl_expr *e = new_expr(p, TPL_EXPR_PATH, t->start);
	size_t count = 1;
	for (size_t i = t->start; i < t->end; i++)
		count += p->src[i] == '.';
	e->segments = kg_calloc(count, sizeof(*e->segments));
	size_t start = t->start;
	for (size_t i = t->start; i <= t->end; i++) {
		if (i < t->end && p->src[i] != '.')
			continue;
		e->segments[e->nsegments++] = kg_strndup(p->src + start, i - start);
		start = i + 1;
	}
	return e;
}

/* primary: "string" | 123 | true | false | path | ( expr ) */
static tpl_expr *parse_primary(struct parser *p)
{
	struct token t = p->tok;
	tpl_expr *e = NULL;
	switch (t.kind) {
	case TOK_STRING:
		e = new_expr(p, TPL_EXPR_STR, t.start);
		e->str = token_string(p, &t, &e->len);
		break;
	case TOK_INT:
		e = new_expr(p, TPL_EXPR_INT, t.start);
		e->num = t.num;
		break;
	case TOK_NAME:
		if (token_is(p, &t, "true") || token_is(p, &t, "false")) {
			e = new_expr(p, TPL_EXPR_BOOL, t.start);
			e->num = token_is(p, &t, "true");
		} else if (word_in(p->src + t.start, t.end - t.start, reserved_words)) {
			unexpected(p, "a value");
			return NULL;
		} else {
			e = parse_path(p);
		}
		break;
	case TOK_LPAREN:
		if (enter_expr(p) < 0 || next(p) < 0)
			return NULL;
		e = parse_or(p);
		if (!e)
			return NULL;
		if (p->tok.kind != TOK_RPAREN) {
			unexpected(p, "')'");
			free_expr(e);
			return NULL;
		}
		p->expr_depth--;
		break;
	default: unexpected(p, "a value"); return NULL;
	}
	if (next(p) < 0) {
		free_expr(e);
		return NULL;
	}
	return e;
}

/* filtered: primary ( '|' default primary | '|' len | '|' page_text primary )* */
static tpl_expr *parse_filtered(struct parser *p)
{
	tpl_expr *e = parse_primary(p);
	while (e && p->tok.kind == TOK_PIPE) {
		size_t at = p->tok.start;
		if (next(p) < 0)
			goto fail;
		struct token name = p->tok;
		if (name.kind != TOK_NAME) {
			unexpected(p, "a filter name");
			goto fail;
		}
		if (next(p) < 0)
			goto fail;
		if (token_is(p, &name, "len")) {
			e = new_operator(p, TPL_EXPR_LEN, at, e, NULL);
		} else if (token_is(p, &name, "default")) {
			tpl_expr *fallback = parse_primary(p);
			if (!fallback)
				goto fail;
			e = new_operator(p, TPL_EXPR_DEFAULT, at, e, fallback);
		} else if (token_is(p, &name, "page_text")) {
			tpl_expr *lang = parse_primary(p);
			if (!lang)
				goto fail;
			e = new_operator(p, TPL_EXPR_PAGE_TEXT, at, e, lang);
		} else {
			const char *word = p->src + name.start;
			size_t len = name.end - name.start;
			const char *hint = suggest(word, len, filter_names);
			int n = quoted_length(word, len);
			if (hint)
				parse_error(p, name.start, "unknown filter '%.*s'; did you mean '%s'?", n,
				            word, hint);
			else
				parse_error(p, name.start, "unknown filter '%.*s'", n, word);
			goto fail;
		}
	}
	return e;
fail:
	free_expr(e);
	return NULL;
}

/* comparison: filtered ( ('==' | '!=') filtered )? */
static tpl_expr *parse_comparison(struct parser *p)
{
	tpl_expr *e = parse_filtered(p);
	if (!e || (p->tok.kind != TOK_EQ && p->tok.kind != TOK_NE))
		return e;
	enum tpl_expr_kind kind = p->tok.kind == TOK_EQ ? TPL_EXPR_EQ : TPL_EXPR_NE;
	size_t at = p->tok.start;
	if (next(p) < 0) {
		free_expr(e);
		return NULL;
	}
	tpl_expr *right = parse_filtered(p);
	if (!right) {
		free_expr(e);
		return NULL;
	}
	return new_operator(p, kind, at, e, right);
}

/* negation: 'not' negation | comparison */
static tpl_expr *parse_not(struct parser *p)
{
	if (!token_is(p, &p->tok, "not"))
		return parse_comparison(p);
	size_t at = p->tok.start;
	if (enter_expr(p) < 0 || next(p) < 0)
		return NULL;
	tpl_expr *operand = parse_not(p);
	if (!operand)
		return NULL;
	p->expr_depth--;
	return new_operator(p, TPL_EXPR_NOT, at, operand, NULL);
}

static tpl_expr *parse_and(struct parser *p)
{
	tpl_expr *e = parse_not(p);
	while (e && token_is(p, &p->tok, "and")) {
		size_t at = p->tok.start;
		tpl_expr *right = NULL;
		if (next(p) < 0 || !(right = parse_not(p))) {
			free_expr(e);
			return NULL;
		}
		e = new_operator(p, TPL_EXPR_AND, at, e, right);
	}
	return e;
}

/* expr: and-chains joined by 'or'; the entry point for every expression. */
static tpl_expr *parse_or(struct parser *p)
{
	tpl_expr *e = parse_and(p);
	while (e && token_is(p, &p->tok, "or")) {
		size_t at = p->tok.start;
		tpl_expr *right = NULL;
		if (next(p) < 0 || !(right = parse_and(p))) {
			free_expr(e);
			return NULL;
		}
		e = new_operator(p, TPL_EXPR_OR, at, e, right);
	}
	return e;
}

/* ---- Nodes ------------------------------------------------------------- */

static void free_node(tpl_node *n)
{
	switch (n->kind) {
	case TPL_TEXT: break;
	case TPL_OUTPUT: free_expr(n->as.output.expr); break;
	case TPL_IF:
		for (size_t i = 0; i < n->as.cond.nbranches; i++) {
			free_expr(n->as.cond.branches[i].cond);
			free_block(&n->as.cond.branches[i].body);
		}
		free(n->as.cond.branches);
		free_block(&n->as.cond.else_body);
		break;
	case TPL_FOR:
		free(n->as.loop.var);
		free_expr(n->as.loop.list);
		free_block(&n->as.loop.body);
		free_block(&n->as.loop.else_body);
		break;
	case TPL_INCLUDE: free(n->as.include.name); break;
	case TPL_SET:
		free(n->as.set.name);
		free_expr(n->as.set.value);
		break;
	case TPL_TRANSLATE:
		free(n->as.translate.msgctxt);
		free(n->as.translate.msgid);
		free(n->as.translate.plural);
		free_expr(n->as.translate.count);
		for (size_t i = 0; i < n->as.translate.nargs; i++) {
			free(n->as.translate.args[i].name);
			free_expr(n->as.translate.args[i].value);
		}
		free(n->as.translate.args);
		break;
	}
}

static void free_block(tpl_block *block)
{
	for (size_t i = 0; i < block->len; i++)
		free_node(&block->items[i]);
	free(block->items);
	memset(block, 0, sizeof(*block));
}

/* Appends a copy of n; the block owns its contents from then on. */
static void push_node(tpl_block *block, const tpl_node *n)
{
	kg_array_grow(block->items, block->cap, block->len + 1);
	block->items[block->len++] = *n;
}

static void init_node(struct parser *p, tpl_node *n, enum tpl_node_kind kind, size_t offset)
{
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	position(p, offset, &n->line, &n->col);
}

/* Adds source[start, end) as text, applying whitespace control on both sides. */
static void add_text(struct parser *p, tpl_block *block, size_t start, size_t end, int trim_right)
{
	if (p->trim_next)
		while (start < end && is_space(p->src[start]))
			start++;
	p->trim_next = 0;
	if (trim_right)
		while (end > start && is_space(p->src[end - 1]))
			end--;
	if (start == end)
		return;
	tpl_node n;
	init_node(p, &n, TPL_TEXT, start);
	n.as.text.data = p->src + start;
	n.as.text.len = end - start;
	push_node(block, &n);
}

/* Offset of the next "{{", "{%" or "{#" at or after from, or the end. */
static size_t find_tag(const struct parser *p, size_t from)
{
	while (from + 1 < p->len) {
		const char *brace = memchr(p->src + from, '{', p->len - from - 1);
		if (!brace)
			break;
		size_t i = (size_t)(brace - p->src);
		char c = p->src[i + 1];
		if (c == '{' || c == '%' || c == '#')
			return i;
		from = i + 1;
	}
	return p->len;
}

/* A plain name (no dots, not a keyword) for for/set variables and arguments. */
static int check_plain_name(struct parser *p, const char *what)
{
	const struct token *t = &p->tok;
	if (t->kind != TOK_NAME)
		return unexpected(p, what);
	const char *word = p->src + t->start;
	size_t len = t->end - t->start;
	if (memchr(word, '.', len))
		return parse_error(p, t->start, "%s cannot contain '.'", what);
	if (word_in(word, len, reserved_words))
		return parse_error(p, t->start, "'%.*s' is a reserved word", (int)len, word);
	return 0;
}

static int never_closed(struct parser *p, const char *tag, const tpl_node *n)
{
	return parse_error(p, p->len, "'{%% %s %%}' opened at %d:%d is never closed with '{%% end %%}'", tag,
	                   n->line, n->col);
}

static int misplaced(struct parser *p, enum closer closer, size_t at)
{
	const char *name = closer == CLOSE_ELSE ? "else" : closer == CLOSE_ELIF ? "elif" : "end";
	return parse_error(p, at, "unexpected '{%% %s %%}'", name);
}

static int enter_block(struct parser *p)
{
	if (p->depth >= TPL_MAX_BLOCK_DEPTH)
		return parse_error(p, p->tag_start, "blocks nested more than %d deep", TPL_MAX_BLOCK_DEPTH);
	p->depth++;
	return 0;
}

/* {% if c %} ... {% elif c %} ... {% else %} ... {% end %}; the current
 * token is 'if'. */
static int parse_if(struct parser *p, tpl_block *block)
{
	tpl_node n;
	init_node(p, &n, TPL_IF, p->tag_start);
	enum closer closer = CLOSE_EOF;
	size_t closer_at = 0;
	size_t cap = 0;
	if (enter_block(p) < 0)
		return -1;
	do {
		if (next(p) < 0)
			goto fail;
		tpl_expr *cond = parse_or(p);
		if (!cond)
			goto fail;
		kg_array_grow(n.as.cond.branches, cap, n.as.cond.nbranches + 1);
		tpl_branch *branch = &n.as.cond.branches[n.as.cond.nbranches++];
		memset(branch, 0, sizeof(*branch));
		branch->cond = cond;
		if (finish_tag(p) < 0 || parse_block(p, &branch->body, &closer, &closer_at) < 0)
			goto fail;
	} while (closer == CLOSE_ELIF);
	if (closer == CLOSE_ELSE && parse_block(p, &n.as.cond.else_body, &closer, &closer_at) < 0)
		goto fail;
	if (closer == CLOSE_EOF) {
		never_closed(p, "if", &n);
		goto fail;
	}
	if (closer != CLOSE_END) {
		misplaced(p, closer, closer_at);
		goto fail;
	}
	p->depth--;
	push_node(block, &n);
	return 0;
fail:
	free_node(&n);
	return -1;
}

/* {% for x in list %} ... {% else %} ... {% end %}; the current token is 'for'. */
static int parse_for(struct parser *p, tpl_block *block)
{
	tpl_node n;
	init_node(p, &n, TPL_FOR, p->tag_start);
	enum closer closer = CLOSE_EOF;
	size_t closer_at = 0;
	if (enter_block(p) < 0)
		return -1;
	if (next(p) < 0 || check_plain_name(p, "a loop variable name") < 0)
		goto fail;
	if (token_is(p, &p->tok, "loop")) {
		parse_error(p, p->tok.start, "'loop' is taken by the loop itself; choose another name");
		goto fail;
	}
	n.as.loop.var = kg_strndup(p->src + p->tok.start, p->tok.end - p->tok.start);
	if (next(p) < 0)
		goto fail;
	if (!token_is(p, &p->tok, "in")) {
		unexpected(p, "'in'");
		goto fail;
	}
	if (next(p) < 0 || !(n.as.loop.list = parse_or(p)) || finish_tag(p) < 0)
		goto fail;
	if (parse_block(p, &n.as.loop.body, &closer, &closer_at) < 0)
		goto fail;
	if (closer == CLOSE_ELSE && parse_block(p, &n.as.loop.else_body, &closer, &closer_at) < 0)
		goto fail;
	if (closer == CLOSE_EOF) {
		never_closed(p, "for", &n);
		goto fail;
	}
	if (closer != CLOSE_END) {
		misplaced(p, closer, closer_at);
		goto fail;
	}
	p->depth--;
	push_node(block, &n);
	return 0;
fail:
	free_node(&n);
	return -1;
}

/* {% include "name" %} */
static int parse_include(struct parser *p, tpl_block *block)
{
	tpl_node n;
	init_node(p, &n, TPL_INCLUDE, p->tag_start);
	if (next(p) < 0)
		return -1;
	if (p->tok.kind != TOK_STRING)
		return unexpected(p, "a template name in quotes");
	n.as.include.name = token_string(p, &p->tok, NULL);
	if (!n.as.include.name[0]) {
		parse_error(p, p->tok.start, "empty template name");
		goto fail;
	}
	if (next(p) < 0 || finish_tag(p) < 0)
		goto fail;
	push_node(block, &n);
	tpl_template *t = p->t;
	kg_array_grow(t->includes, t->includes_cap, t->nincludes + 1);
	t->includes[t->nincludes++] = (tpl_include){n.line, n.col, n.as.include.name};
	return 0;
fail:
	free_node(&n);
	return -1;
}

/* {% set name = expr %} */
static int parse_set(struct parser *p, tpl_block *block)
{
	tpl_node n;
	init_node(p, &n, TPL_SET, p->tag_start);
	if (next(p) < 0 || check_plain_name(p, "a variable name") < 0)
		return -1;
	n.as.set.name = kg_strndup(p->src + p->tok.start, p->tok.end - p->tok.start);
	if (next(p) < 0)
		goto fail;
	if (p->tok.kind != TOK_ASSIGN) {
		unexpected(p, "'='");
		goto fail;
	}
	if (next(p) < 0 || !(n.as.set.value = parse_or(p)) || finish_tag(p) < 0)
		goto fail;
	push_node(block, &n);
	return 0;
fail:
	free_node(&n);
	return -1;
}

/* A literal for a t/tc/tn call: extraction needs the text at build time. */
static char *expect_message_string(struct parser *p, const char *what)
{
	if (p->tok.kind != TOK_STRING) {
		unexpected(p, what);
		return NULL;
	}
	size_t len;
	char *s = token_string(p, &p->tok, &len);
	if (len == 0) {
		parse_error(p, p->tok.start, "translatable strings cannot be empty");
		free(s);
		return NULL;
	}
	if (next(p) < 0) {
		free(s);
		return NULL;
	}
	return s;
}

/* {{ t "msgid" args }}, {{ tc "msgctxt" "msgid" args }},
 * {{ tn "msgid" "msgid_plural" count args }} with args: name=value ... */
static int parse_translate(struct parser *p, tpl_block *block, enum tpl_translate_kind kind)
{
	tpl_node n;
	init_node(p, &n, TPL_TRANSLATE, p->tag_start);
	n.as.translate.kind = kind;
	if (next(p) < 0)
		return -1;
	if (kind == TPL_TC && !(n.as.translate.msgctxt = expect_message_string(p, "a context string")))
		goto fail;
	if (!(n.as.translate.msgid = expect_message_string(p, "a string")))
		goto fail;
	if (kind == TPL_TN) {
		if (!(n.as.translate.plural = expect_message_string(p, "a plural string")))
			goto fail;
		if (!(n.as.translate.count = parse_filtered(p)))
			goto fail;
	}
	while (p->tok.kind == TOK_NAME) {
		struct token name = p->tok;
		const char *word = p->src + name.start;
		int len = (int)(name.end - name.start);
		if (check_plain_name(p, "an argument name") < 0)
			goto fail;
		if (kind == TPL_TN && len == 1 && word[0] == 'n') {
			parse_error(p, name.start, "argument 'n' is the count of 'tn' and cannot be set");
			goto fail;
		}
		for (size_t i = 0; i < n.as.translate.nargs; i++) {
			if ((int)strlen(n.as.translate.args[i].name) == len &&
			    memcmp(n.as.translate.args[i].name, word, (size_t)len) == 0) {
				parse_error(p, name.start, "argument '%.*s' given twice", len, word);
				goto fail;
			}
		}
		if (n.as.translate.nargs == TPL_MAX_ARGS) {
			parse_error(p, name.start, "more than %d arguments", TPL_MAX_ARGS);
			goto fail;
		}
		if (next(p) < 0)
			goto fail;
		if (p->tok.kind != TOK_ASSIGN) {
			unexpected(p, "'='");
			goto fail;
		}
		if (next(p) < 0)
			goto fail;
		tpl_expr *value = parse_filtered(p);
		if (!value)
			goto fail;
		if (!n.as.translate.args)
			n.as.translate.args = kg_calloc(TPL_MAX_ARGS, sizeof(tpl_arg));
		tpl_arg *arg = &n.as.translate.args[n.as.translate.nargs++];
		arg->name = kg_strndup(word, (size_t)len);
		arg->value = value;
	}
	if (finish_tag(p) < 0)
		goto fail;
	push_node(block, &n);
	tpl_template *t = p->t;
	kg_array_grow(t->messages, t->messages_cap, t->nmessages + 1);
	t->messages[t->nmessages++] =
	    (tpl_message){n.line, n.col, n.as.translate.msgctxt, n.as.translate.msgid, n.as.translate.plural};
	return 0;
fail:
	free_node(&n);
	return -1;
}

/* {{ expr }} or a translation call; the tag's '{{' has been read. */
static int parse_output(struct parser *p, tpl_block *block)
{
	if (next(p) < 0)
		return -1;
	if (p->tok.kind == TOK_NAME) {
		int kind = token_is(p, &p->tok, "t")    ? TPL_T
		           : token_is(p, &p->tok, "tc") ? TPL_TC
		           : token_is(p, &p->tok, "tn") ? TPL_TN
		                                        : -1;
		struct token peek;
		if (kind >= 0) {
			if (lex_at(p, p->pos, &peek) < 0)
				return -1;
			/* "t" followed by a string is a call; a bare t is a variable */
			if (peek.kind == TOK_STRING)
				return parse_translate(p, block, (enum tpl_translate_kind)kind);
		}
	}
	if (p->tok.kind == TOK_END_OUTPUT)
		return parse_error(p, p->tag_start, "empty '{{ }}'");
	tpl_node n;
	init_node(p, &n, TPL_OUTPUT, p->tag_start);
	if (!(n.as.output.expr = parse_or(p)))
		return -1;
	if (finish_tag(p) < 0) {
		free_node(&n);
		return -1;
	}
	push_node(block, &n);
	return 0;
}

static int unknown_tag(struct parser *p)
{
	const struct token *t = &p->tok;
	if (t->kind != TOK_NAME)
		return unexpected(p, "a tag name");
	const char *word = p->src + t->start;
	size_t len = t->end - t->start;
	const char *hint = suggest(word, len, tag_names);
	int n = quoted_length(word, len);
	if (hint)
		return parse_error(p, t->start, "unknown tag '%.*s'; did you mean '%s'?", n, word, hint);
	return parse_error(p, t->start, "unknown tag '%.*s'", n, word);
}

/* Parses text and tags into block until end of input or a closing tag
 * (end, else, elif), which it consumes and reports through closer. For elif
 * the current token is left on 'elif' so the caller reads the condition. */
static int parse_block(struct parser *p, tpl_block *block, enum closer *closer, size_t *closer_at)
{
	for (;;) {
		size_t tag = find_tag(p, p->pos);
		int trim_left = tag + 2 < p->len && p->src[tag + 2] == '-';
		add_text(p, block, p->pos, tag, trim_left);
		if (tag >= p->len) {
			p->pos = p->len;
			*closer = CLOSE_EOF;
			return 0;
		}
		p->tag_start = tag;
		p->tag_kind = p->src[tag + 1];
		p->pos = tag + 2 + (size_t)trim_left;
		if (p->tag_kind == '#') {
			const char *end = NULL;
			for (size_t i = p->pos; i + 1 < p->len && !end; i++)
				if (p->src[i] == '#' && p->src[i + 1] == '}')
					end = p->src + i;
			if (!end)
				return parse_error(p, tag, "unclosed '{#'");
			size_t at = (size_t)(end - p->src);
			p->trim_next = at > p->pos && p->src[at - 1] == '-';
			p->pos = at + 2;
			continue;
		}
		if (p->tag_kind == '{') {
			if (parse_output(p, block) < 0)
				return -1;
			continue;
		}
		if (next(p) < 0)
			return -1;
		int rc;
		if (token_is(p, &p->tok, "if")) {
			rc = parse_if(p, block);
		} else if (token_is(p, &p->tok, "for")) {
			rc = parse_for(p, block);
		} else if (token_is(p, &p->tok, "include")) {
			rc = parse_include(p, block);
		} else if (token_is(p, &p->tok, "set")) {
			rc = parse_set(p, block);
		} else if (token_is(p, &p->tok, "elif")) {
			*closer = CLOSE_ELIF;
			*closer_at = tag;
			return 0;
		} else if (token_is(p, &p->tok, "else") || token_is(p, &p->tok, "end")) {
			*closer = token_is(p, &p->tok, "else") ? CLOSE_ELSE : CLOSE_END;
			*closer_at = tag;
			if (next(p) < 0)
				return -1;
			return finish_tag(p);
		} else {
			rc = unknown_tag(p);
		}
		if (rc < 0)
			return -1;
	}
}

/* ---- Whole templates --------------------------------------------------- */

/* Offset of the first byte that is not valid UTF-8 (or is NUL), or len. */
static size_t invalid_utf8_at(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned c = s[i];
		size_t need;
		unsigned min;
		if (c == 0)
			return i;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1;
			min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2;
			min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3;
			min = 0x10000;
		} else {
			return i;
		}
		if (len - i <= need)
			return i;
		unsigned cp = c & (0x3f >> need);
		for (size_t k = 1; k <= need; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += need + 1;
	}
	return len;
}

void tpl_template_free(tpl_template *t)
{
	if (!t)
		return;
	free_block(&t->root);
	free(t->messages);
	free(t->includes);
	free(t->name);
	free(t->path);
	free(t->source);
	free(t);
}

int tpl_parse(tpl_template *t, size_t len, kg_diags *diags)
{
	struct parser p;
	memset(&p, 0, sizeof(p));
	p.t = t;
	p.src = t->source;
	p.len = len;
	p.diags = diags;
	size_t cap = 0; /* of p.lines */
	kg_array_grow(p.lines, cap, 16);
	p.lines[p.nlines++] = 0;
	for (size_t i = 0; i < len; i++) {
		if (t->source[i] != '\n')
			continue;
		kg_array_grow(p.lines, cap, p.nlines + 1);
		p.lines[p.nlines++] = i + 1;
	}
	int rc = -1;
	size_t bad = invalid_utf8_at((const unsigned char *)t->source, len);
	if (bad < len) {
		if (t->source[bad] == '\0')
			parse_error(&p, bad, "nul byte in template");
		else
			parse_error(&p, bad, "invalid utf-8 (byte 0x%02x)",
			            (unsigned)(unsigned char)t->source[bad]);
		goto out;
	}
	enum closer closer;
	size_t closer_at = 0;
	if (parse_block(&p, &t->root, &closer, &closer_at) < 0)
		goto out;
	if (closer != CLOSE_EOF) {
		misplaced(&p, closer, closer_at);
		goto out;
	}
	rc = 0;
out:
	if (rc < 0) {
		/* messages and includes point into the tree */
		free_block(&t->root);
		t->nmessages = 0;
		t->nincludes = 0;
		t->broken = 1;
	}
	free(p.lines);
	return rc;
}
