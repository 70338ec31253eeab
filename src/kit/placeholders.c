/* placeholders.c: {{ name }} placeholders, filled with one language's
 * values of kit.yaml's vars (see kit.h): the kit's value, the language's
 * own (languages[].vars), or a translation set by the build (prose vars).
 * A kg_placeholders owns its array of values; the strings are borrowed
 * from the config or from whoever set them. Also the scan for the names a
 * text uses, so unknown ones are reported where they are written. */
#include "kitgen/kit/kit.h"

#include "kitgen/base/alloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

void kg_placeholders_init(kg_placeholders *p, const kg_config *cfg, const kg_language *lang)
{
	p->config = cfg;
	p->values = kg_calloc(cfg->var_count + 1, sizeof(char *));
	for (size_t i = 0; i < cfg->var_count; i++) {
		p->values[i] = cfg->vars[i].value;
		for (size_t k = 0; lang && k < lang->var_count; k++)
			if (!strcmp(lang->vars[k].name, cfg->vars[i].name))
				p->values[i] = lang->vars[k].value;
	}
}

void kg_placeholders_set(kg_placeholders *p, size_t var_index, const char *value)
{
	p->values[var_index] = value;
}

void kg_placeholders_release(kg_placeholders *p)
{
	free(p->values);
	p->values = NULL;
	p->config = NULL;
}

const char *kg_placeholders_get(const kg_placeholders *p, const char *name, size_t len)
{
	const kg_kit_var *v = kg_config_find_var(p->config, name, len);
	return v ? p->values[v - p->config->vars] : NULL;
}

/* The name inside "{{ name }}" that starts at open: *name and *len, and
 * the end of the closing braces; NULL when open does not start one. */
static const char *parse_placeholder(const char *open, const char **name, size_t *len)
{
	const char *close = strstr(open + 2, "}}");
	if (!close)
		return NULL;
	const char *a = open + 2, *b = close;
	while (a < b && *a == ' ')
		a++;
	while (b > a && b[-1] == ' ')
		b--;
	*name = a;
	*len = (size_t)(b - a);
	return close + 2;
}

void kg_placeholders_walk(const kg_placeholders *p, const char *text, kg_text_fn on_text,
                          kg_value_fn on_value, void *ud)
{
	const char *at = text;
	for (;;) {
		const char *open = strstr(at, "{{"), *name;
		size_t len;
		const char *end = open ? parse_placeholder(open, &name, &len) : NULL;
		if (!end) {
			if (*at)
				on_text(ud, at, strlen(at));
			return;
		}
		const kg_kit_var *v = kg_config_find_var(p->config, name, len);
		const char *value = v ? p->values[v - p->config->vars] : NULL;
		const char *upto = value ? open : end;
		if (upto > at)
			on_text(ud, at, (size_t)(upto - at));
		if (value)
			on_value(ud, v, value);
		at = end;
	}
}

static void add_text(void *out, const char *s, size_t len) { kg_buf_add(out, s, len); }
static void add_value(void *out, const kg_kit_var *v, const char *value)
{
	(void)v;
	kg_buf_puts(out, value);
}
static void add_text_html(void *out, const char *s, size_t len) { kg_buf_add_html(out, s, len); }
static void add_value_html(void *out, const kg_kit_var *v, const char *value)
{
	(void)v;
	kg_buf_puts_html(out, value);
}

void kg_fill_placeholders_html(const kg_placeholders *p, const char *text, kg_buf *out)
{
	kg_placeholders_walk(p, text, add_text_html, add_value_html, out);
}

void kg_fill_placeholders(const kg_placeholders *p, const char *text, kg_buf *out)
{
	kg_placeholders_walk(p, text, add_text, add_value, out);
}

void kg_placeholders_each(const char *text,
                          void (*fn)(void *ctx, const char *name, size_t len, size_t offset), void *ctx)
{
	for (const char *at = text;;) {
		const char *open = strstr(at, "{{"), *name;
		size_t len;
		const char *end = open ? parse_placeholder(open, &name, &len) : NULL;
		if (!end)
			return;
		int plain = len > 0;
		for (size_t i = 0; i < len; i++)
			plain &= isalnum((unsigned char)name[i]) || name[i] == '_';
		if (plain) /* "{{ a b }}" or "{{}}" is text, not a placeholder */
			fn(ctx, name, len, (size_t)(open - text));
		at = end;
	}
}
