/* template_internal.h: the parsed form of a template, shared by the parser
 * (parse.c, which builds and frees it), the set (template.c, which owns
 * every template in it) and the renderer (render.c, which only reads it).
 * Not installed; the public API is include/kitgen/template/template.h.
 */
#ifndef KITGEN_TEMPLATE_INTERNAL_H
#define KITGEN_TEMPLATE_INTERNAL_H

#include "kitgen/template/template.h"

#include <stddef.h>

/* Limits that keep hostile templates from exhausting the stack. */
#define TPL_MAX_BLOCK_DEPTH 64   /* nested {% if %} / {% for %} in one template */
#define TPL_MAX_EXPR_HEIGHT 64   /* operators and filters in one expression tree */
#define TPL_MAX_INCLUDE_DEPTH 16 /* nested {% include %} at render time */
#define TPL_MAX_ARGS 16          /* named arguments of one t/tc/tn call */

typedef struct tpl_expr tpl_expr;
typedef struct tpl_node tpl_node;

enum tpl_expr_kind {
	TPL_EXPR_STR,      /* "literal": str, len */
	TPL_EXPR_INT,      /* 42: num */
	TPL_EXPR_BOOL,     /* true / false: num */
	TPL_EXPR_PATH,     /* page.title: segments */
	TPL_EXPR_NOT,      /* not left */
	TPL_EXPR_AND,      /* left and right */
	TPL_EXPR_OR,       /* left or right */
	TPL_EXPR_EQ,       /* left == right */
	TPL_EXPR_NE,       /* left != right */
	TPL_EXPR_DEFAULT,  /* left | default right */
	TPL_EXPR_LEN,      /* left | len */
	TPL_EXPR_PAGE_TEXT /* left | page_text right (the language) */
};

struct tpl_expr {
	enum tpl_expr_kind kind;
	int line, col;
	int height; /* 1 for a leaf; bounded by TPL_MAX_EXPR_HEIGHT */
	char *str;  /* STR: decoded literal, owned */
	size_t len;
	long long num;
	char **segments; /* PATH: owned, nsegments >= 1 */
	size_t nsegments;
	tpl_expr *left, *right; /* owned */
};

typedef struct tpl_block {
	tpl_node *items; /* owned; nodes are stored by value */
	size_t len, cap;
} tpl_block;

typedef struct tpl_branch {
	tpl_expr *cond; /* owned */
	tpl_block body;
} tpl_branch;

typedef struct tpl_arg {
	char *name;      /* owned */
	tpl_expr *value; /* owned */
} tpl_arg;

enum tpl_node_kind {
	TPL_TEXT,     /* literal text between tags */
	TPL_OUTPUT,   /* {{ expr }} */
	TPL_IF,       /* {% if %} {% elif %} {% else %} {% end %} */
	TPL_FOR,      /* {% for x in expr %} {% else %} {% end %} */
	TPL_INCLUDE,  /* {% include "name" %} */
	TPL_SET,      /* {% set name = expr %} */
	TPL_TRANSLATE /* {{ t "..." }}, {{ tc "ctx" "..." }}, {{ tn "..." "..." n }} */
};

enum tpl_translate_kind { TPL_T, TPL_TC, TPL_TN };

struct tpl_node {
	enum tpl_node_kind kind;
	int line, col; /* of the opening '{{' or '{%' (or the text's start) */
	union {
		struct {
			const char *data; /* borrowed from the template's source */
			size_t len;
		} text;
		struct {
			tpl_expr *expr;
		} output;
		struct {
			tpl_branch *branches; /* if, then each elif */
			size_t nbranches;
			tpl_block else_body;
		} cond;
		struct {
			char *var;
			tpl_expr *list;
			tpl_block body, else_body;
		} loop;
		struct {
			char *name;
		} include;
		struct {
			char *name;
			tpl_expr *value;
		} set;
		struct {
			enum tpl_translate_kind kind;
			char *msgctxt; /* TC only */
			char *msgid;
			char *plural;    /* TN only */
			tpl_expr *count; /* TN only */
			tpl_arg *args;
			size_t nargs;
		} translate;
	} as;
};

/* One t/tc/tn call, in source order, for kg_templates_each_message. The
 * strings are borrowed from the call's node. */
typedef struct tpl_message {
	int line, col;
	const char *msgctxt, *msgid, *plural;
} tpl_message;

/* One {% include %} tag, in source order, for kg_templates_check. */
typedef struct tpl_include {
	int line, col;
	const char *name; /* borrowed from the include node */
} tpl_include;

typedef struct tpl_template {
	char *name;   /* "partials/nav.html" */
	char *path;   /* "templates/partials/nav.html", for diagnostics */
	char *source; /* the text; TEXT nodes point into it */
	int broken;   /* parsing failed: the template cannot be rendered */
	tpl_block root;
	tpl_message *messages;
	size_t nmessages, messages_cap;
	tpl_include *includes;
	size_t nincludes, includes_cap;
} tpl_template;

struct kg_templates {
	char *display_dir;
	tpl_template **items; /* owned; kept sorted by name */
	size_t len, cap;
};

/* Parses t->source (len bytes) into t->root and its message and include
 * lists. On failure adds one diagnostic and leaves t broken, with an empty
 * tree; returns 0 or -1. (parse.c) */
int tpl_parse(tpl_template *t, size_t len, kg_diags *diags);
/* Frees t and everything it owns; NULL is fine. (parse.c) */
void tpl_template_free(tpl_template *t);

/* Finds a template by name (binary search); NULL if absent. Borrowed from
 * set; valid until kg_templates_free(). (template.c) */
const tpl_template *tpl_find(const kg_templates *set, const char *name);

#endif
