/* text_export.c: a localized page as CommonMark or as plain text, for
 * partners who paste into their own site or read on the radio (export.h).
 * Borrows the document and the configuration; the Markdown export works on
 * its own copy of the tree, freed before returning. */
#include "kitgen/downloads/export.h"
#include "kitgen/base/url.h"

#include "kitgen/render/html.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

/* Raw HTML survives only where the HTML page keeps it: from the source
 * (cmark gives it a position) in a kit that allows it. */
static int keep_raw_html(const kg_placeholders *cfg, cmark_node *n)
{
	return cfg->config->raw_html && cmark_node_get_start_line(n) > 0;
}

/* ---- Markdown ---- */

static void fill_into(const kg_placeholders *cfg, const char *text, kg_buf *tmp)
{
	kg_buf_reset(tmp);
	kg_fill_placeholders(cfg, text ? text : "", tmp);
}

/* Appends copies of src's children to dst. cmark has no deep copy, and the
 * caller's tree must stay as it is (the HTML page is rendered from it). */
static void copy_children(const kg_placeholders *cfg, cmark_node *src, cmark_node *dst, kg_buf *tmp)
{
	for (cmark_node *c = cmark_node_first_child(src); c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_CUSTOM_INLINE || t == CMARK_NODE_CUSTOM_BLOCK) {
			copy_children(cfg, c, dst, tmp); /* kitgen's own HTML wrapper: keep the text */
			continue;
		}
		if ((t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE) && !keep_raw_html(cfg, c))
			continue;
		cmark_node *n = cmark_node_new(t);
		switch (t) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE: cmark_node_set_literal(n, cmark_node_get_literal(c)); break;
		case CMARK_NODE_CODE_BLOCK:
			cmark_node_set_literal(n, cmark_node_get_literal(c));
			cmark_node_set_fence_info(n, cmark_node_get_fence_info(c));
			break;
		case CMARK_NODE_HEADING:
			cmark_node_set_heading_level(n, cmark_node_get_heading_level(c));
			break;
		case CMARK_NODE_LIST:
			cmark_node_set_list_type(n, cmark_node_get_list_type(c));
			cmark_node_set_list_delim(n, cmark_node_get_list_delim(c));
			cmark_node_set_list_start(n, cmark_node_get_list_start(c));
			cmark_node_set_list_tight(n, cmark_node_get_list_tight(c));
			break;
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			fill_into(cfg, cmark_node_get_url(c), tmp);
			cmark_node_set_url(n, tmp->data);
			fill_into(cfg, cmark_node_get_title(c), tmp);
			cmark_node_set_title(n, tmp->data);
			break;
		default: break;
		}
		copy_children(cfg, c, n, tmp);
		cmark_node_append_child(dst, n);
	}
}

void kg_export_markdown(cmark_node *doc, const char *title, const kg_placeholders *cfg, kg_buf *out)
{
	kg_buf tmp = KG_BUF_INIT;
	cmark_node *copy = cmark_node_new(CMARK_NODE_DOCUMENT);
	copy_children(cfg, doc, copy, &tmp);
	/* A placeholder may span text nodes ("{{ org", "_", "name }}" when an
	 * underscore did not make emphasis): join them before filling. */
	cmark_consolidate_text_nodes(copy);
	cmark_iter *it = cmark_iter_new(copy);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_TEXT) {
			fill_into(cfg, cmark_node_get_literal(n), &tmp);
			cmark_node_set_literal(n, tmp.data); /* the renderer escapes the value */
		}
	}
	cmark_iter_free(it);
	cmark_node *heading = cmark_node_new(CMARK_NODE_HEADING);
	cmark_node_set_heading_level(heading, 1);
	cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);
	fill_into(cfg, title, &tmp);
	cmark_node_set_literal(text, tmp.data);
	cmark_node_append_child(heading, text);
	cmark_node_prepend_child(copy, heading);
	char *md = cmark_render_commonmark(copy, CMARK_OPT_DEFAULT, 0);
	kg_buf_puts(out, md);
	free(md);
	cmark_node_free(copy);
	kg_buf_release(&tmp);
}

/* ---- plain text ---- */

typedef struct text_writer {
	const kg_placeholders *cfg;
	kg_buf run; /* adjacent text nodes, filled together */
} text_writer;

static void flush_run(text_writer *w, kg_buf *line)
{
	if (w->run.len)
		kg_fill_placeholders(w->cfg, w->run.data, line);
	kg_buf_reset(&w->run);
}

static const char *link_display(const char *url)
{
	static const char *const drop[] = {"mailto:", "tel:", "sms:", NULL};
	for (size_t i = 0; drop[i]; i++) {
		size_t n = strlen(drop[i]);
		if (!strncasecmp(url, drop[i], n))
			return url + n;
	}
	return url;
}

static void inline_text(text_writer *w, cmark_node *parent, kg_buf *line)
{
	for (cmark_node *c = cmark_node_first_child(parent); c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_TEXT) {
			kg_buf_puts(&w->run, cmark_node_get_literal(c));
			continue;
		}
		flush_run(w, line);
		switch (t) {
		case CMARK_NODE_CODE: kg_buf_puts(line, cmark_node_get_literal(c)); break;
		case CMARK_NODE_SOFTBREAK: kg_buf_putc(line, ' '); break;
		case CMARK_NODE_LINEBREAK: kg_buf_putc(line, '\n'); break;
		case CMARK_NODE_HTML_INLINE: break; /* markup, not text */
		case CMARK_NODE_LINK: {
			size_t start = line->len;
			inline_text(w, c, line);
			kg_buf url = KG_BUF_INIT;
			kg_fill_placeholders(w->cfg, cmark_node_get_url(c), &url);
			if (kg_url_has_scheme(url.data) && !kg_url_is_unsafe(url.data)) {
				const char *label = line->data + start;
				const char *shown = link_display(url.data);
				if (strcmp(label, url.data) && strcmp(label, shown))
					kg_buf_printf(line, " (%s)", shown);
			}
			kg_buf_release(&url);
			break;
		}
		default: /* emphasis, strong, images (their alt text), kitgen's spans */
			inline_text(w, c, line);
			break;
		}
	}
	flush_run(w, line);
}

/* Writes text line by line, each line after its prefix. */
static void emit(kg_buf *out, const char *text, size_t len, const char *first, const char *rest)
{
	const char *p = text, *end = text + len;
	int line = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		kg_buf_puts(out, line++ ? rest : first);
		kg_buf_add(out, p, n);
		kg_buf_putc(out, '\n');
		p += n + (nl != NULL);
	}
}

/* Columns text takes on a terminal: wide East Asian characters two,
 * combining marks and format characters none. */
static size_t display_width(const char *s)
{
	size_t width = 0;
	int32_t i = 0, len = (int32_t)strlen(s);
	while (i < len) {
		UChar32 c;
		U8_NEXT(s, i, len, c);
		if (c < 0)
			continue;
		int8_t cat = (int8_t)u_charType(c);
		if (cat == U_NON_SPACING_MARK || cat == U_ENCLOSING_MARK || cat == U_FORMAT_CHAR)
			continue;
		int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
		width += ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ? 2 : 1;
	}
	return width;
}

static void underline(kg_buf *out, const char *prefix, const char *text, char c)
{
	size_t width = display_width(text);
	kg_buf_puts(out, prefix);
	for (size_t i = 0; i < (width ? width : 1); i++)
		kg_buf_putc(out, c);
	kg_buf_putc(out, '\n');
}

static void write_blocks(text_writer *w, cmark_node *parent, const char *first, const char *rest, int tight,
                         kg_buf *out);

/* Appends one block; appends nothing for blocks that have no text. */
static void write_block(text_writer *w, cmark_node *n, const char *first, const char *rest, kg_buf *out)
{
	kg_buf text = KG_BUF_INIT, a = KG_BUF_INIT, b = KG_BUF_INIT;
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
		inline_text(w, n, &text);
		emit(out, text.data, text.len, first, rest);
		break;
	case CMARK_NODE_HEADING: {
		int level = cmark_node_get_heading_level(n);
		inline_text(w, n, &text);
		emit(out, text.data, text.len, first, rest);
		if (level <= 2 && text.len)
			underline(out, rest, text.data, level == 1 ? '=' : '-');
		break;
	}
	case CMARK_NODE_BLOCK_QUOTE:
		kg_buf_printf(&a, "%s    ", first);
		kg_buf_printf(&b, "%s    ", rest);
		write_blocks(w, n, a.data, b.data, 0, out);
		break;
	case CMARK_NODE_LIST: {
		int ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
		int number = cmark_node_get_list_start(n);
		int tight = cmark_node_get_list_tight(n);
		size_t before = out->len;
		for (cmark_node *item = cmark_node_first_child(n); item; item = cmark_node_next(item)) {
			kg_buf_reset(&a);
			kg_buf_reset(&b);
			kg_buf_reset(&text);
			if (ordered)
				kg_buf_printf(&text, "%d. ", number++);
			else
				kg_buf_puts(&text, "- ");
			kg_buf_printf(&a, "%s%s", out->len > before ? rest : first, text.data);
			kg_buf_puts(&b, rest);
			for (size_t i = 0; i < text.len; i++)
				kg_buf_putc(&b, ' ');
			if (out->len > before && !tight)
				kg_buf_putc(out, '\n');
			size_t item_start = out->len;
			write_blocks(w, item, a.data, b.data, tight, out);
			if (out->len == item_start) /* an empty item still shows its marker */
				kg_buf_printf(out, "%.*s\n", (int)(a.len - 1), a.data);
		}
		break;
	}
	case CMARK_NODE_CODE_BLOCK: {
		const char *lit = cmark_node_get_literal(n);
		size_t len = strlen(lit);
		while (len && lit[len - 1] == '\n')
			len--;
		kg_buf_printf(&a, "%s    ", first);
		kg_buf_printf(&b, "%s    ", rest);
		emit(out, lit, len, a.data, b.data);
		break;
	}
	case CMARK_NODE_CUSTOM_BLOCK: write_blocks(w, n, first, rest, 0, out); break;
	default: /* raw HTML and thematic breaks have no text to read */ break;
	}
	kg_buf_release(&text);
	kg_buf_release(&a);
	kg_buf_release(&b);
}

/* The children of parent, the first after prefix first, every other line
 * after rest; a blank line between blocks unless tight. */
static void write_blocks(text_writer *w, cmark_node *parent, const char *first, const char *rest, int tight,
                         kg_buf *out)
{
	size_t start = out->len;
	for (cmark_node *c = cmark_node_first_child(parent); c; c = cmark_node_next(c)) {
		size_t before = out->len;
		if (before > start && !tight)
			kg_buf_putc(out, '\n');
		size_t mark = out->len;
		write_block(w, c, before > start ? rest : first, rest, out);
		if (out->len == mark)
			kg_buf_truncate(out, before); /* nothing written: no separator either */
	}
}

void kg_export_text(cmark_node *doc, const char *title, const kg_placeholders *cfg, kg_buf *out)
{
	text_writer w = {cfg, KG_BUF_INIT};
	kg_buf line = KG_BUF_INIT;
	kg_fill_placeholders(cfg, title ? title : "", &line);
	emit(out, line.data, line.len, "", "");
	if (line.len)
		underline(out, "", line.data, '=');
	kg_buf body = KG_BUF_INIT;
	write_blocks(&w, doc, "", "", 0, &body);
	if (body.len) {
		if (out->len)
			kg_buf_putc(out, '\n');
		kg_buf_add(out, body.data, body.len);
	}
	kg_buf_release(&body);
	kg_buf_release(&line);
	kg_buf_release(&w.run);
}
