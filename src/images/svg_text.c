/* svg_text.c: SVG images as translation units and per-language copies
 * (svg_text.h). Reads with libxml2's SAX-driven parser under the same
 * rules as the XLIFF import (catalog/xliff.c): no network, no DTD, no
 * entity expansion, entity declarations refused. Owns the parsed document
 * and the units of each kg_svg; a localized copy lives for one call. */
#include "kitgen/images/svg_text.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/pdf/pdf.h"

#include "pdf/pdf_internal.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef KG_ARRAY(kg_svg_unit) unit_list;

struct kg_svg {
	xmlDocPtr doc; /* owned */
	char *name;    /* "images/x.svg" (owned) */
	char *display; /* "content/images/x.svg" (owned) */
	unit_list units;
};

/* ---- reading ---- */

typedef struct read_ctx {
	const char *display;
	kg_diags *diags;
	int failed;
	int refused; /* a refusal already says why parsing stopped */
	kg_buf scratch;
} read_ctx;

static void on_context_free_error(void *user, xmlErrorPtr err)
{
	read_ctx *rc = user;
	if (rc->refused || err->level == XML_ERR_WARNING)
		return;
	kg_buf_reset(&rc->scratch);
	kg_buf_puts(&rc->scratch, err->message ? err->message : "malformed XML");
	while (rc->scratch.len && (rc->scratch.data[rc->scratch.len - 1] == '\n' ||
	                           rc->scratch.data[rc->scratch.len - 1] == ' '))
		kg_buf_truncate(&rc->scratch, rc->scratch.len - 1);
	if (!rc->failed) /* the first message is the one that matters */
		kg_error(rc->diags, rc->display, err->line, err->int2, "malformed SVG: %s", rc->scratch.data);
	rc->failed = 1;
}

static void on_xml_error(void *user, xmlErrorPtr err)
{
	xmlParserCtxtPtr parser = user;
	on_context_free_error(parser->_private, err);
}

static void refuse(xmlParserCtxtPtr parser, const char *what, const xmlChar *name)
{
	read_ctx *rc = parser->_private;
	if (!rc->refused)
		kg_error(rc->diags, rc->display, parser->input ? parser->input->line : 0,
		         parser->input ? parser->input->col : 0, "%s%s%s%s; refused", what, name ? " '" : "",
		         name ? (const char *)name : "", name ? "'" : "");
	rc->refused = rc->failed = 1;
	xmlStopParser(parser);
}

static void on_internal_subset(void *user, const xmlChar *name, const xmlChar *external_id,
                               const xmlChar *system_id)
{
	(void)name;
	(void)external_id;
	(void)system_id;
	refuse(user, "the SVG has a DOCTYPE (entities and external DTDs are not allowed in images)", NULL);
}

static void on_entity_decl(void *user, const xmlChar *name, int type, const xmlChar *public_id,
                           const xmlChar *system_id, xmlChar *content)
{
	(void)type;
	(void)public_id;
	(void)system_id;
	(void)content;
	refuse(user, "the SVG declares the entity", name);
}

static void on_processing_instruction(void *user, const xmlChar *target, const xmlChar *data)
{
	(void)data;
	refuse(user, "the SVG has the processing instruction", target);
}

static int line_of(const xmlNode *n)
{
	long line = xmlGetLineNo(n);
	return line > 0 && line < 0x7fffffff ? (int)line : 0;
}

static int named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* 1 when url may stay in an image: a reference inside the same file, or
 * an image inlined as data. */
static int local_reference(const char *url)
{
	while (*url == ' ' || *url == '\t' || *url == '\n' || *url == '\r' || *url == '\'' || *url == '"')
		url++;
	/* data:image/svg+xml would be a document of its own, unchecked */
	return url[0] == '#' || (!strncasecmp(url, "data:image/", 11) && strncasecmp(url + 11, "svg", 3));
}

/* CSS (a style attribute or <style>): url(...) only to "#id" or data:
 * images, and no @import. Returns 0, or -1 with why set. */
static int check_css(const char *css, const char **why)
{
	for (const char *p = css; *p; p++) {
		if (*p == '@' && !strncasecmp(p + 1, "import", 6)) {
			*why = "imports a style sheet (@import)";
			return -1;
		}
		if ((*p == 'u' || *p == 'U') && !strncasecmp(p, "url(", 4) && !local_reference(p + 4)) {
			*why = "refers to an outside file with url()";
			return -1;
		}
		if ((*p == 'i' || *p == 'I') && !strncasecmp(p, "image-set(", 10)) {
			*why = "may load an outside file with image-set()";
			return -1;
		}
		if (*p == '\\') { /* CSS escapes could spell either: refuse them */
			*why = "uses a CSS escape (\\)";
			return -1;
		}
	}
	return 0;
}

/* Every element and attribute that could run script or read anything
 * outside the file. Returns the number of errors. */
static int check_tree(const xmlNode *node, const char *display, kg_diags *diags)
{
	int errors = 0;
	for (const xmlNode *n = node; n; n = n->next) {
		if (n->type == XML_PI_NODE || n->type == XML_ENTITY_REF_NODE) {
			kg_error(diags, display, line_of(n), 0, "the SVG has %s '%s'; refused",
			         n->type == XML_PI_NODE ? "the processing instruction"
			                                : "the entity reference",
			         (const char *)n->name);
			errors++;
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)n->name;
		if (!strcasecmp(name, "script") || !strcasecmp(name, "foreignObject") ||
		    !strcasecmp(name, "iframe") || !strcasecmp(name, "handler")) {
			kg_error(diags, display, line_of(n), 0,
			         "<%s> in an image; refused (images may not run "
			         "script or embed documents)",
			         name);
			errors++;
			continue;
		}
		/* SMIL can set an attribute later: an href or an event handler
		 * set that way escapes the checks below. */
		xmlChar *target = xmlGetNoNsProp(n, BAD_CAST "attributeName");
		if (target &&
		    (!strncasecmp((const char *)target, "on", 2) || strstr((const char *)target, "href") ||
		     !strcasecmp((const char *)target, "style"))) {
			kg_error(diags, display, line_of(n), 0,
			         "<%s> animates '%s'; refused (an image may not change its links, styles or "
			         "event handlers)",
			         name, (const char *)target);
			errors++;
		}
		xmlFree(target);
		for (const xmlAttr *a = n->properties; a; a = a->next) {
			const char *an = (const char *)a->name;
			xmlChar *value = xmlNodeListGetString(n->doc, a->children, 1);
			const char *v = value ? (const char *)value : "";
			const char *why = NULL;
			if (!strncasecmp(an, "on", 2))
				why = "is an event handler (script)";
			else if ((!strcasecmp(an, "href") || !strcasecmp(an, "src")) && !local_reference(v))
				why =
				    "refers to an outside file or address (only '#id' and data: raster images may stay)";
			else if (!strcasecmp(an, "style"))
				check_css(v, &why);
			if (why) {
				kg_error(diags, display, line_of(n), 0,
				         "the attribute '%s' of <%s> %s; refused", an, name, why);
				errors++;
			}
			xmlFree(value);
		}
		if (!strcmp(name, "style")) {
			xmlChar *css = xmlNodeGetContent(n);
			const char *why = NULL;
			if (css && check_css((const char *)css, &why) < 0) {
				kg_error(diags, display, line_of(n), 0,
				         "the <style> of the image %s; refused", why);
				errors++;
			}
			xmlFree(css);
		}
		errors += check_tree(n->children, display, diags);
	}
	return errors;
}

/* ---- the one walk: units in document order ---- */

typedef struct walk_ctx {
	const char *display;
	kg_diags *diags; /* NULL when walking a copy already checked */
	int errors;
	KG_ARRAY(const char *) seen_names; /* element names counted (borrowed from the doc) */
	KG_ARRAY(int) seen_counts;
	/* called for each unit; node is the element (its text, or its attribute) */
	void (*unit)(struct walk_ctx *w, xmlNode *node, kg_svg_unit_kind kind, int ordinal, const char *text);
	void *ud;
	kg_buf text;
} walk_ctx;

/* Counts node among the elements of its name; returns its 1-based place. */
static int ordinal_of(walk_ctx *w, const xmlNode *node)
{
	const char *name = (const char *)node->name;
	for (size_t i = 0; i < w->seen_names.count; i++)
		if (!strcmp(w->seen_names.items[i], name))
			return ++w->seen_counts.items[i];
	kg_array_push(&w->seen_names, name);
	kg_array_push(&w->seen_counts, 1);
	return 1;
}

static void collapse_append(kg_buf *out, const char *s)
{
	for (; *s; s++) {
		int space = *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r';
		if (space) {
			if (out->len && out->data[out->len - 1] != ' ')
				kg_buf_putc(out, ' ');
		} else {
			kg_buf_putc(out, *s);
		}
	}
}

/* Drops spaces at both ends (collapse_append leaves at most one each). */
static void trim(kg_buf *b)
{
	while (b->len && b->data[b->len - 1] == ' ')
		kg_buf_truncate(b, b->len - 1);
	if (b->len && b->data[0] == ' ') {
		memmove(b->data, b->data + 1, b->len); /* with the NUL */
		b->len--;
	}
}

/* The text of an element holding text only (comments ignored), collapsed.
 * Returns -1 when it holds an element: nested markup. */
static int text_only(walk_ctx *w, const xmlNode *node)
{
	kg_buf_reset(&w->text);
	for (const xmlNode *c = node->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
			collapse_append(&w->text, c->content ? (const char *)c->content : "");
		else if (c->type != XML_COMMENT_NODE)
			return -1;
	}
	trim(&w->text);
	return 0;
}

static int only_space(const char *s) { return !s || strspn(s, " \t\r\n") == strlen(s); }

static void nested_markup(walk_ctx *w, const xmlNode *node, const xmlNode *inner)
{
	if (w->diags)
		kg_error(w->diags, w->display, line_of(inner), 0,
		         "<%s> inside <%s>: text in an image must be plain text (or <tspan>s of plain "
		         "text) to be translated",
		         (const char *)inner->name, (const char *)node->name);
	w->errors++;
}

static void walk(walk_ctx *w, xmlNode *node)
{
	for (xmlNode *n = node; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		int ordinal = ordinal_of(w, n);
		xmlChar *aria = xmlGetNoNsProp(n, BAD_CAST "aria-label");
		if (aria) {
			kg_buf_reset(&w->text);
			collapse_append(&w->text, (const char *)aria);
			trim(&w->text);
			if (w->text.len)
				w->unit(w, n, KG_SVG_ARIA, ordinal, w->text.data);
			xmlFree(aria);
		}
		int title = named(n, "title"), desc = named(n, "desc");
		if (title || desc) {
			const xmlNode *inner = NULL;
			for (const xmlNode *c = n->children; c && !inner; c = c->next)
				if (c->type == XML_ELEMENT_NODE)
					inner = c;
			if (inner)
				nested_markup(w, n, inner);
			else if (text_only(w, n) == 0 && w->text.len)
				w->unit(w, n, title ? KG_SVG_TITLE : KG_SVG_DESC, ordinal, w->text.data);
			continue;
		}
		if (named(n, "text")) {
			int has_elements = 0;
			for (const xmlNode *c = n->children; c; c = c->next)
				has_elements |= c->type == XML_ELEMENT_NODE;
			if (!has_elements) {
				if (text_only(w, n) == 0 && w->text.len)
					w->unit(w, n, KG_SVG_LABEL, ordinal, w->text.data);
				continue;
			}
			/* <tspan>s of plain text, with nothing but space between */
			int other = 0;
			for (xmlNode *c = n->children; c; c = c->next)
				if (c->type == XML_ELEMENT_NODE && !named(c, "tspan")) {
					nested_markup(w, n, c);
					other = 1;
				}
			for (xmlNode *c = other ? NULL : n->children; c; c = c->next) {
				if (c->type == XML_ELEMENT_NODE && named(c, "tspan")) {
					int tspan_ordinal = ordinal_of(w, c);
					const xmlNode *inner = NULL;
					for (const xmlNode *g = c->children; g && !inner; g = g->next)
						if (g->type == XML_ELEMENT_NODE)
							inner = g;
					if (inner)
						nested_markup(w, c, inner);
					else if (text_only(w, c) == 0 && w->text.len)
						w->unit(w, c, KG_SVG_LABEL, tspan_ordinal, w->text.data);
				} else if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
				           !only_space((const char *)c->content)) {
					if (w->diags)
						kg_error(
						    w->diags, w->display, line_of(n), 0,
						    "<text> mixes text and <tspan>s: put all of its text in "
						    "<tspan>s, or none");
					w->errors++;
					break;
				}
			}
			continue;
		}
		walk(w, n->children);
	}
}

static void walk_release(walk_ctx *w)
{
	kg_array_release(&w->seen_names);
	kg_array_release(&w->seen_counts);
	kg_buf_release(&w->text);
}

/* A length in px from "22", "22px", "16.5pt" (pt × 4/3); 0 when unknown. */
static double parse_length(const char *s)
{
	if (!s)
		return 0;
	char *end = NULL;
	double v = strtod(s, &end);
	if (end == s || !(v > 0) || v > 1e5)
		return 0;
	while (*end == ' ')
		end++;
	if (!strncmp(end, "pt", 2))
		v = v * 4 / 3;
	return v;
}

/* The value of property in a declaration block ("fill: red; x: 1"),
 * which ends at '}' (caller frees), or NULL. */
static char *declaration_value(const char *block, const char *property)
{
	size_t plen = strlen(property);
	for (const char *p = block; *p && *p != '}';) {
		p += strspn(p, " \t\r\n;");
		if (!strncasecmp(p, property, plen)) {
			const char *q = p + plen;
			q += strspn(q, " \t");
			if (*q == ':') {
				q++;
				q += strspn(q, " \t");
				size_t n = strcspn(q, ";}");
				while (n && (q[n - 1] == ' ' || q[n - 1] == '\n' || q[n - 1] == '\t'))
					n--;
				return kg_strndup(q, n);
			}
		}
		p += strcspn(p, ";}");
	}
	return NULL;
}

/* The value of property in an element's style attribute (caller frees),
 * or NULL: a declaration block without braces. */
static char *style_value(const xmlNode *n, const char *property)
{
	xmlChar *style = xmlGetNoNsProp(n, BAD_CAST "style");
	if (!style)
		return NULL;
	char *found = declaration_value((const char *)style, property);
	xmlFree(style);
	return found;
}

static int css_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
	       c == '_';
}

/* The value a <style> rule for ".cls" gives property (the last such rule
 * wins, as in CSS), or NULL. Only class selectors are read: enough for
 * the font size, weight and anchor of labels drawn by hand. */
static char *class_rule_value(const xmlNode *style_root, const char *cls, const char *property)
{
	char *found = NULL;
	for (const xmlNode *n = style_root; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!named(n, "style")) {
			char *inner = class_rule_value(n->children, cls, property);
			if (inner) {
				free(found);
				found = inner;
			}
			continue;
		}
		xmlChar *css = xmlNodeGetContent(n);
		size_t clen = strlen(cls);
		for (const char *p = css ? (const char *)css : ""; (p = strchr(p, '.')); p++) {
			if (strncmp(p + 1, cls, clen) || css_name_char(p[1 + clen]))
				continue;
			const char *open = strchr(p, '{'), *close = strchr(p, '}');
			if (!open || (close && close < open))
				continue; /* ".cls" inside a block: a number or a value */
			char *v = declaration_value(open + 1, property);
			if (v) {
				free(found);
				found = v;
			}
		}
		xmlFree(css);
	}
	return found;
}

/* The value the class rules give property for element n, or NULL. */
static char *class_value(const xmlNode *n, const char *property)
{
	xmlChar *classes = xmlGetNoNsProp(n, BAD_CAST "class");
	char *found = NULL;
	if (!classes)
		return NULL;
	xmlNode *root = xmlDocGetRootElement(n->doc);
	char *copy = kg_strdup((const char *)classes), *save = NULL;
	for (char *c = strtok_r(copy, " \t\r\n", &save); c; c = strtok_r(NULL, " \t\r\n", &save)) {
		char *v = class_rule_value(root ? root->children : NULL, c, property);
		if (v) {
			free(found);
			found = v;
		}
	}
	free(copy);
	xmlFree(classes);
	return found;
}

/* The inherited value of a presentation property: from the style
 * attribute, a class rule or the attribute (in CSS's order) of the element
 * or its nearest ancestor that sets it. Caller frees. */
static char *inherited(const xmlNode *n, const char *property)
{
	for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		char *v = style_value(n, property);
		if (!v)
			v = class_value(n, property);
		if (v)
			return v;
		xmlChar *a = xmlGetNoNsProp(n, BAD_CAST property);
		if (a) {
			v = kg_strdup((const char *)a);
			xmlFree(a);
			return v;
		}
	}
	return NULL;
}

/* An attribute of n, or of its parent <text> when n is a <tspan>. */
static double own_or_text_length(const xmlNode *n, const char *attr)
{
	for (int i = 0; i < 2 && n && n->type == XML_ELEMENT_NODE; i++, n = n->parent) {
		xmlChar *a = xmlGetNoNsProp(n, BAD_CAST attr);
		double v = parse_length((const char *)a);
		xmlFree(a);
		if (v > 0)
			return v;
		if (!named(n, "tspan"))
			break;
	}
	return 0;
}

static void add_unit(walk_ctx *w, xmlNode *node, kg_svg_unit_kind kind, int ordinal, const char *text)
{
	kg_svg *svg = w->ud;
	kg_svg_unit *u = kg_array_add(&svg->units);
	memset(u, 0, sizeof(*u));
	u->kind = kind;
	u->text = kg_strdup(text);
	u->line = line_of(node);
	kg_buf ctx = KG_BUF_INIT;
	xmlChar *id = xmlGetNoNsProp(node, BAD_CAST "id");
	if (id && id[0])
		kg_buf_printf(&ctx, "%s#%s", svg->name, (const char *)id);
	else
		kg_buf_printf(&ctx, "%s#%s%d", svg->name, (const char *)node->name, ordinal);
	xmlFree(id);
	if (kind == KG_SVG_ARIA)
		kg_buf_puts(&ctx, "@aria-label");
	u->context = kg_buf_detach(&ctx, NULL);
	if (kind == KG_SVG_LABEL) {
		char *size = inherited(node, "font-size");
		u->font_size = parse_length(size);
		if (u->font_size <= 0)
			u->font_size = 16; /* the CSS initial value, medium */
		free(size);
		char *weight = inherited(node, "font-weight");
		u->bold = weight && (!strcasecmp(weight, "bold") || !strcasecmp(weight, "bolder") ||
		                     atoi(weight) >= 600);
		free(weight);
		u->max_lines = 1;
		xmlChar *lines =
		    named(node, "text") ? xmlGetNoNsProp(node, BAD_CAST "data-kitgen-lines") : NULL;
		xmlChar *x = named(node, "text") ? xmlGetNoNsProp(node, BAD_CAST "x") : NULL;
		if (lines && x && atoi((const char *)lines) > 1 && !strpbrk((const char *)x, " ,"))
			u->max_lines = atoi((const char *)lines) > 4 ? 4 : atoi((const char *)lines);
		xmlFree(lines);
		xmlFree(x);
		u->box_width = own_or_text_length(node, "data-kitgen-width");
		if (u->box_width <= 0)
			u->box_width = own_or_text_length(node, "textLength");
	}
}

void kg_svg_free(kg_svg *svg)
{
	if (!svg)
		return;
	for (size_t i = 0; i < svg->units.count; i++) {
		free(svg->units.items[i].context);
		free(svg->units.items[i].text);
	}
	kg_array_release(&svg->units);
	if (svg->doc)
		xmlFreeDoc(svg->doc);
	free(svg->name);
	free(svg->display);
	free(svg);
}

int kg_svg_parse(kg_svg **out, const char *data, size_t len, const char *name, const char *display,
                 kg_diags *diags)
{
	read_ctx rc = {display, diags, 0, 0, KG_BUF_INIT};
	xmlParserCtxtPtr parser = NULL;
	xmlDocPtr doc = NULL;
	kg_svg *svg = NULL;
	int result = -1;
	*out = NULL;
	xmlStructuredErrorFunc saved_handler = xmlStructuredError;
	void *saved_context = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(&rc, on_context_free_error);
	if (len > KG_SVG_MAX_BYTES) {
		kg_error(diags, display, 0, 0, "image larger than %u MiB; refused", KG_SVG_MAX_BYTES >> 20);
		goto out;
	}
	if (len == 0) {
		kg_error(diags, display, 0, 0, "empty file; not an SVG image");
		goto out;
	}
	parser = xmlCreateMemoryParserCtxt(data, (int)len);
	if (!parser) {
		kg_error(diags, display, 0, 0, "cannot create an XML parser");
		goto out;
	}
	/* As for XLIFF: no NOENT, no DTDLOAD, NONET, no HUGE; and any DOCTYPE,
	 * entity declaration or processing instruction stops the parse. */
	xmlCtxtUseOptions(parser, XML_PARSE_NONET | XML_PARSE_BIG_LINES);
	parser->_private = &rc;
	parser->sax->serror = on_xml_error;
	parser->sax->internalSubset = on_internal_subset;
	parser->sax->entityDecl = on_entity_decl;
	parser->sax->unparsedEntityDecl = (unparsedEntityDeclSAXFunc)NULL;
	parser->sax->processingInstruction = on_processing_instruction;
	parser->replaceEntities = 0;
	parser->loadsubset = 0;
	parser->validate = 0;
	xmlParseDocument(parser);
	doc = parser->myDoc;
	parser->myDoc = NULL;
	if (rc.failed || !parser->wellFormed || !doc) {
		if (!rc.failed)
			kg_error(diags, display, 0, 0, "malformed SVG: not a well-formed XML document");
		goto out;
	}
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!root || strcmp((const char *)root->name, "svg")) {
		kg_error(diags, display, root ? line_of(root) : 1, 0, "the root element is <%s>, not <svg>",
		         root ? (const char *)root->name : "");
		goto out;
	}
	if (check_tree(doc->children, display, diags) > 0)
		goto out;
	svg = kg_calloc(1, sizeof(*svg));
	svg->name = kg_strdup(name);
	svg->display = kg_strdup(display);
	walk_ctx w = {.display = display, .diags = diags, .unit = add_unit, .ud = svg};
	walk(&w, root);
	int errors = w.errors;
	walk_release(&w);
	if (errors)
		goto out;
	svg->doc = doc;
	doc = NULL;
	*out = svg;
	svg = NULL;
	result = 0;
out:
	kg_svg_free(svg);
	if (doc)
		xmlFreeDoc(doc);
	if (parser)
		xmlFreeParserCtxt(parser);
	xmlSetStructuredErrorFunc(saved_context, saved_handler);
	kg_buf_release(&rc.scratch);
	return result;
}

int kg_svg_read_file(kg_svg **out, const char *path, const char *name, const char *display, kg_diags *diags)
{
	*out = NULL;
	FILE *f = fopen(path, "rb");
	if (!f) {
		kg_error(diags, display, 0, 0, "cannot read the image");
		return -1;
	}
	kg_buf data = KG_BUF_INIT;
	char chunk[65536];
	size_t n;
	int too_big = 0;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (data.len + n > KG_SVG_MAX_BYTES) { /* stop reading: no need for the rest */
			too_big = 1;
			break;
		}
		kg_buf_add(&data, chunk, n);
	}
	fclose(f);
	int rc;
	if (too_big) {
		kg_error(diags, display, 0, 0, "image larger than %u MiB; refused", KG_SVG_MAX_BYTES >> 20);
		rc = -1;
	} else {
		rc = kg_svg_parse(out, data.data, data.len, name, display, diags);
	}
	kg_buf_release(&data);
	return rc;
}

size_t kg_svg_unit_count(const kg_svg *svg) { return svg->units.count; }

const kg_svg_unit *kg_svg_unit_at(const kg_svg *svg, size_t i) { return &svg->units.items[i]; }

const char *kg_svg_display(const kg_svg *svg) { return svg->display; }

/* Characters of an average width (about half the font size) in px. */
static int characters_in(double px, double font_size) { return (int)floor(px / (font_size * 0.55) + 0.5); }

static size_t utf8_length(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

void kg_svg_unit_comment(const kg_svg_unit *unit, kg_buf *out)
{
	switch (unit->kind) {
	case KG_SVG_LABEL:
		if (unit->box_width > 0)
			kg_buf_printf(out, "image label: room for about %d characters (%.0f px at %.0f px)",
			              characters_in(unit->box_width, unit->font_size), unit->box_width,
			              unit->font_size);
		else
			kg_buf_printf(out,
			              "image label: room for about %zu characters (as wide as the English)",
			              utf8_length(unit->text));
		break;
	case KG_SVG_TITLE: kg_buf_puts(out, "image title: what screen readers say for the image"); break;
	case KG_SVG_DESC: kg_buf_puts(out, "image description: read by screen readers"); break;
	case KG_SVG_ARIA:
		kg_buf_puts(out, "image accessible name (aria-label): read by screen readers");
		break;
	}
}

/* ---- writing a language's copy ---- */

typedef struct localize_ctx {
	const kg_svg *svg;
	const kg_svg_localize_options *options;
	kg_svg_translate_fn translate;
	void *ud;
	size_t next; /* the unit the walk reaches next */
	int mismatch;
} localize_ctx;

static void replace_text(xmlNode *node, const char *text)
{
	xmlNode *c = node->children;
	while (c) {
		xmlNode *next = c->next;
		xmlUnlinkNode(c);
		xmlFreeNode(c);
		c = next;
	}
	xmlAddChild(node, xmlNewText(BAD_CAST text)); /* a text node: never parsed */
}

/* Lines (joined by '\n') as <tspan>s at the text's x, one line height
 * apart, the block moved up by half its extra height so it stays centred
 * where the one line was. */
static void replace_lines(xmlNode *node, const char *value, double font_size)
{
	replace_text(node, "");
	xmlNode *empty = node->children;
	xmlUnlinkNode(empty);
	xmlFreeNode(empty);
	xmlChar *x = xmlGetNoNsProp(node, BAD_CAST "x");
	int count = 1;
	for (const char *p = value; (p = strchr(p, '\n')); p++)
		count++;
	double line_height = font_size * 1.2;
	kg_buf line = KG_BUF_INIT, dy = KG_BUF_INIT;
	int i = 0;
	for (const char *p = value;; i++) {
		size_t n = strcspn(p, "\n");
		kg_buf_reset(&line);
		kg_buf_add(&line, p, n);
		xmlNode *tspan = xmlNewChild(node, node->ns, BAD_CAST "tspan", NULL);
		xmlAddChild(tspan, xmlNewText(BAD_CAST line.data));
		if (x)
			xmlSetProp(tspan, BAD_CAST "x", x);
		kg_buf_reset(&dy);
		kg_buf_printf(&dy, "%g", i ? line_height : -line_height * (count - 1) / 2);
		xmlSetProp(tspan, BAD_CAST "dy", BAD_CAST dy.data);
		if (!p[n])
			break;
		p += n + 1;
	}
	xmlFree(x);
	kg_buf_release(&line);
	kg_buf_release(&dy);
}

static void put_unit(walk_ctx *w, xmlNode *node, kg_svg_unit_kind kind, int ordinal, const char *text)
{
	(void)ordinal;
	localize_ctx *lc = w->ud;
	if (lc->next >= lc->svg->units.count || strcmp(lc->svg->units.items[lc->next].text, text)) {
		lc->mismatch = 1; /* cannot happen: the copy is the document read */
		return;
	}
	size_t i = lc->next++;
	const kg_svg_unit *unit = &lc->svg->units.items[i];
	const char *translation = lc->translate(lc->ud, i, unit);
	const char *value = translation && translation[0] ? translation : unit->text;
	const char *lang = translation && translation[0] ? lc->options->lang : lc->options->source_lang;
	if (kind == KG_SVG_ARIA) {
		xmlSetProp(node, BAD_CAST "aria-label",
		           BAD_CAST value); /* stored as text, escaped on output */
		return;
	}
	if (strchr(value, '\n') && unit->max_lines > 1)
		replace_lines(node, value, unit->font_size);
	else
		replace_text(node, value);
	if (lang)
		xmlNodeSetLang(node, BAD_CAST lang);
}

/* Appends "property: value; " to the element's style attribute (last wins
 * over the same property earlier and over style sheets). */
static void add_style(xmlNode *n, const char *property, const char *value)
{
	xmlChar *old = xmlGetNoNsProp(n, BAD_CAST "style");
	kg_buf style = KG_BUF_INIT;
	if (old && old[0]) {
		kg_buf_puts(&style, (const char *)old);
		trim(&style);
		if (style.len && style.data[style.len - 1] != ';')
			kg_buf_putc(&style, ';');
		kg_buf_putc(&style, ' ');
	}
	kg_buf_printf(&style, "%s: %s;", property, value);
	xmlSetProp(n, BAD_CAST "style", BAD_CAST style.data);
	xmlFree(old);
	kg_buf_release(&style);
}

/* Every <text>: the language's fonts, and for right to left the
 * direction and the anchor mirrored so the label keeps its box. */
static void style_texts(xmlNode *node, const kg_svg_localize_options *options)
{
	for (xmlNode *n = node; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!named(n, "text")) {
			style_texts(n->children, options);
			continue;
		}
		if (options->font_family)
			add_style(n, "font-family", options->font_family);
		if (options->rtl) {
			add_style(n, "direction", "rtl");
			char *anchor = inherited(n, "text-anchor");
			if (!anchor || !strcmp(anchor, "start"))
				add_style(n, "text-anchor", "end");
			else if (!strcmp(anchor, "end"))
				add_style(n, "text-anchor", "start");
			free(anchor);
			xmlSetProp(n, BAD_CAST "direction",
			           BAD_CAST "rtl"); /* for readers of attributes only */
		}
	}
}

int kg_svg_localize(const kg_svg *svg, const kg_svg_localize_options *options, kg_svg_translate_fn translate,
                    void *ud, kg_buf *out)
{
	xmlDocPtr copy = xmlCopyDoc(svg->doc, 1);
	if (!copy)
		return -1;
	xmlNode *root = xmlDocGetRootElement(copy);
	localize_ctx lc = {svg, options, translate, ud, 0, 0};
	walk_ctx w = {.display = svg->display, .diags = NULL, .unit = put_unit, .ud = &lc};
	walk(&w, root);
	walk_release(&w);
	if (options->lang)
		xmlNodeSetLang(root, BAD_CAST options->lang);
	style_texts(root, options);
	xmlChar *mem = NULL;
	int size = 0;
	xmlDocDumpFormatMemoryEnc(copy, &mem, &size, "UTF-8", 0);
	int rc = mem && !lc.mismatch && lc.next == svg->units.count ? 0 : -1;
	if (mem)
		kg_buf_add(out, (const char *)mem, (size_t)size);
	xmlFree(mem);
	xmlFreeDoc(copy);
	return rc;
}

/* ---- measuring ---- */

/* A one-paragraph layout of text in family at size pixels (bold or not),
 * in lang's shaping. Call with kg_cairo_lock() held (Pango and FreeType:
 * one drawing or measure at a time, draw.c); free with g_object_unref().
 * The layout keeps its own reference to the context. */
static PangoLayout *label_layout(const char *text, const char *family, double size, int bold,
                                 const char *lang)
{
	PangoContext *context = pango_font_map_create_context(kg_pdf_font_map());
	if (lang)
		pango_context_set_language(context, pango_language_from_string(lang));
	PangoLayout *layout = pango_layout_new(context);
	g_object_unref(context);
	PangoFontDescription *desc = pango_font_description_new();
	pango_font_description_set_family(desc, family);
	pango_font_description_set_absolute_size(desc, size * PANGO_SCALE);
	pango_font_description_set_weight(desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(layout, desc);
	pango_font_description_free(desc);
	pango_layout_set_text(layout, text, -1);
	return layout;
}

double kg_svg_text_width(const char *text, const char *family, double size, int bold, const char *lang)
{
	kg_cairo_lock();
	PangoLayout *layout = label_layout(text, family, size, bold, lang);
	PangoRectangle logical;
	pango_layout_get_extents(layout, NULL, &logical);
	g_object_unref(layout);
	kg_cairo_unlock();
	return (double)logical.width / PANGO_SCALE;
}

double kg_svg_wrap(const char *text, const char *family, double size, int bold, const char *lang, double room,
                   int max_lines, kg_buf *out, int *lines)
{
	kg_cairo_lock();
	PangoLayout *layout = label_layout(text, family, size, bold, lang);
	pango_layout_set_width(layout, (int)(room * PANGO_SCALE));
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD); /* between words only: no broken word */
	*lines = pango_layout_get_line_count(layout);
	double widest = 0;
	size_t mark = out->len;
	for (int i = 0; i < *lines; i++) {
		PangoLayoutLine *line = pango_layout_get_line_readonly(layout, i);
		PangoRectangle logical;
		pango_layout_line_get_extents(line, NULL, &logical);
		if (logical.width > widest * PANGO_SCALE)
			widest = (double)logical.width / PANGO_SCALE;
		size_t start = (size_t)line->start_index, len = (size_t)line->length;
		while (len && text[start + len - 1] == ' ') /* the space a line ends with */
			len--;
		if (i)
			kg_buf_putc(out, '\n');
		kg_buf_add(out, text + start, len);
	}
	if (*lines > max_lines) { /* does not fit however it breaks: one line, as written */
		kg_buf_truncate(out, mark);
		kg_buf_puts(out, text);
		pango_layout_set_width(layout, -1);
		PangoRectangle logical;
		pango_layout_get_extents(layout, NULL, &logical);
		widest = (double)logical.width / PANGO_SCALE;
	}
	g_object_unref(layout);
	kg_cairo_unlock();
	return widest;
}

double kg_svg_unit_room(const kg_svg_unit *unit, const char *family, const char *source_lang)
{
	if (unit->box_width > 0)
		return unit->box_width;
	return kg_svg_text_width(unit->text, family, unit->font_size, unit->bold, source_lang);
}
