/* html.c: kitgen's HTML renderer over cmark documents (see html.h).
 * Borrows the document, the kit and the page; owns nothing between calls.
 * Written here rather than using cmark_render_html because pages need
 * per-block lang/dir, stable heading ids and link rewriting. */
#include "kitgen/render/html.h"

#include "kitgen/base/alloc.h"
#include "kitgen/i18n/localize.h"
#include "kitgen/base/suggest.h"
#include "kitgen/base/url.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

void kg_html_root_prefix(const char *rel_path, kg_buf *out)
{
	kg_buf_puts(out, "../"); /* out/<lang>/ */
	if (rel_path[0]) {
		kg_buf_puts(out, "../");
		for (const char *p = rel_path; *p; p++)
			if (*p == '/')
				kg_buf_puts(out, "../");
	}
}

void kg_html_page_url(const char *from_rel, const char *lang, const char *to_rel, int index_links,
                      kg_buf *out)
{
	kg_html_root_prefix(from_rel, out);
	kg_buf_puts(out, lang);
	kg_buf_putc(out, '/');
	if (to_rel[0]) {
		kg_buf_puts(out, to_rel);
		kg_buf_putc(out, '/');
	}
	if (index_links)
		kg_buf_puts(out, "index.html");
}

typedef struct renderer {
	const kg_html_context *ctx;
	kg_buf *out;
	kg_val *toc;
	size_t heading_index;
	int line;      /* nearest source line, for diagnostics */
	int in_link;   /* inside a link: placeholders are not made links */
	int ltr_depth; /* inside a block shown in the source language */
} renderer;

/* msg contains one %s, filled with arg. */
static void report(renderer *r, cmark_node *n, const char *msg, const char *arg)
{
	if (!r->ctx->report)
		return;
	int line = cmark_node_get_start_line(n);
	int col = cmark_node_get_start_column(n);
	if (line == 0) { /* inline nodes have no position in cmark 0.30: use the block's */
		line = r->line;
		col = 0;
	} else {
		line += r->ctx->page->body_line - 1;
	}
	const char *at = strstr(msg, "%s");
	kg_error(r->ctx->diags, r->ctx->page->source_path, line, col, "%.*s%s%s", (int)(at - msg), msg, arg,
	         at + 2);
}

/* Reports every {{ name }} in text that is not one of the kit's vars
 * (once, for the source language), with the closest name. */
typedef struct placeholder_check {
	renderer *r;
	cmark_node *n;
} placeholder_check;

static void check_one(void *ctx, const char *name, size_t len, size_t offset)
{
	(void)offset;
	placeholder_check *pc = ctx;
	const kg_config *cfg = pc->r->ctx->vars->config;
	if (kg_config_find_var(cfg, name, len))
		return;
	const char **names = kg_calloc(cfg->var_count + 1, sizeof(char *));
	for (size_t i = 0; i < cfg->var_count; i++)
		names[i] = cfg->vars[i].name;
	const char *hint = kg_suggest_word(name, len, names, 2);
	kg_buf msg = KG_BUF_INIT;
	kg_buf_printf(&msg, "unknown placeholder '{{ %.*s }}'", (int)len, name);
	if (hint)
		kg_buf_printf(&msg, "; did you mean '{{ %s }}'?", hint);
	report(pc->r, pc->n, "%s", msg.data);
	kg_buf_release(&msg);
	free(names);
}

static void check_placeholders(renderer *r, cmark_node *n, const char *text)
{
	if (!r->ctx->report || !text || !strstr(text, "{{"))
		return;
	placeholder_check pc = {r, n};
	kg_placeholders_each(text, check_one, &pc);
}

/* Page text as HTML (kg_html_text): in the source language inside a
 * fallback block or a bilingual source line, isolated for bidi only in a
 * right-to-left block. */
static void add_text(void *ud, const char *text, size_t len)
{
	renderer *r = ud;
	int ltr = r->ltr_depth > 0;
	kg_html_text(text, len, ltr ? r->ctx->source_tag : r->ctx->lang, r->ctx->rtl && !ltr, r->out);
}

/* A placeholder's value, isolated (<bdi>: its direction is its own, so an
 * English reminder or a phone number in an Urdu sentence reads in order).
 * A URL, e-mail or phone var that is filled in (not a reminder) becomes a
 * link (https:, mailto:, tel:), so the organization's reporting form or
 * hotline is one tap away. */
static void add_value(void *ud, const kg_kit_var *v, const char *value)
{
	renderer *r = ud;
	int linked = !r->in_link && !kg_var_is_reminder(value) &&
	             (v->type == KG_VAR_URL || v->type == KG_VAR_EMAIL || v->type == KG_VAR_PHONE);
	for (const char *p = linked && v->type == KG_VAR_PHONE ? value : ""; *p && linked; p++)
		linked =
		    !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')); /* 1-800-CALL-FBI: no tel: */
	if (linked) {
		kg_buf_puts(r->out, "<a href=\"");
		if (v->type == KG_VAR_EMAIL)
			kg_buf_puts(r->out, "mailto:");
		if (v->type == KG_VAR_PHONE) {
			kg_buf_puts(r->out, "tel:");
			for (const char *p = value; *p; p++) /* digits and a leading + only */
				if ((*p >= '0' && *p <= '9') || (*p == '+' && p == value))
					kg_buf_putc(r->out, *p);
		} else {
			kg_buf_puts_html(r->out, value);
		}
		kg_buf_puts(r->out, "\">");
	}
	/* A phone, URL or e-mail is left to right whatever it holds. */
	int ltr = v->type == KG_VAR_URL || v->type == KG_VAR_EMAIL || v->type == KG_VAR_PHONE;
	kg_buf_puts(r->out, ltr ? "<bdi dir=\"ltr\">" : "<bdi>");
	kg_buf_puts_html(r->out, value);
	kg_buf_puts(r->out, "</bdi>");
	if (linked)
		kg_buf_puts(r->out, "</a>");
}

static void fill_text(renderer *r, const char *text)
{
	kg_placeholders_walk(r->ctx->vars, text, add_text, add_value, r);
}

/* Appends the href/src for url as seen from the page being rendered. */
static void add_url(renderer *r, cmark_node *n, const char *url)
{
	const kg_html_context *ctx = r->ctx;
	kg_buf resolved = KG_BUF_INIT, filled = KG_BUF_INIT;
	if (strstr(url, "{{")) {
		/* "[form]({{ report_url }})": a URL var as the destination. A value
		 * still in brackets links nowhere until kit.yaml fills it in. */
		check_placeholders(r, n, url);
		kg_fill_placeholders(ctx->vars, url, &filled);
		if (kg_var_is_reminder(filled.data) || strstr(filled.data, "{{")) {
			kg_buf_putc(r->out, '#');
			goto out;
		}
		if (!kg_url_has_scheme(filled.data)) {
			report(r, n,
			       "link destination '%s' is a var whose value is not a URL (give it type: url)",
			       url);
			goto out;
		}
		url = filled.data;
	}
	if (kg_url_is_unsafe(url)) {
		report(r, n, "link uses a URL scheme kitgen does not allow: '%s'", url);
		goto out;
	}
	if (!url[0] || kg_url_has_scheme(url) || url[0] == '#' || url[0] == '/' || url[0] == '?') {
		kg_fill_placeholders(ctx->vars, url, &resolved);
		kg_buf_add_html(r->out, resolved.data, resolved.len);
		goto out;
	}
	size_t path_len = strcspn(url, "#?");
	char *target = kg_kit_resolve_relative(ctx->page, url, path_len);
	if (!target) {
		report(r, n, "link '%s' leads outside content/", url);
		goto out;
	}
	size_t tlen = strlen(target);
	if (tlen > 3 && !strcmp(target + tlen - 3, ".md")) {
		kg_buf source = KG_BUF_INIT;
		kg_buf_printf(&source, "content/%s", target);
		target[tlen - 3] = '\0';
		size_t base = strlen(target);
		if (base >= 6 && !strcmp(target + base - 6, "_index") &&
		    (base == 6 || target[base - 7] == '/'))
			target[base == 6 ? 0 : base - 7] = '\0';
		const kg_page *to = kg_kit_find_page(ctx->kit, target);
		if (!to)
			to = kg_kit_find_page_by_source(ctx->kit, source.data); /* a slugged name */
		kg_buf_release(&source);
		if (!to)
			report(r, n, "link to a page that does not exist: '%s'", url);
		kg_html_page_url(ctx->page->rel_path, ctx->lang, to ? to->rel_path : target, ctx->index_links,
		                 &resolved);
	} else {
		int found = 0;
		for (size_t i = 0; i < ctx->kit->file_count && !found; i++)
			found = !strcmp(ctx->kit->files[i].out_path, target);
		if (!found)
			report(r, n, "link to a file that does not exist: '%s'", url);
		kg_html_root_prefix(ctx->page->rel_path, &resolved);
		kg_buf_puts(&resolved, target);
	}
	kg_buf_puts(&resolved, url + path_len); /* #fragment or ?query */
	kg_buf_add_html(r->out, resolved.data, resolved.len);
	free(target);
out:
	kg_buf_release(&resolved);
	kg_buf_release(&filled);
}

static void plain_text(cmark_node *node, kg_buf *out)
{
	for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)
			kg_buf_puts(out, cmark_node_get_literal(c));
		else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
			kg_buf_putc(out, ' ');
		else
			plain_text(c, out);
	}
}

static void fallback_attrs(renderer *r, cmark_node *n)
{
	if (cmark_node_get_user_data(n) != &kg_fallback_marker)
		return;
	kg_buf_printf(r->out, " lang=\"%s\"", r->ctx->source_tag);
	if (r->ctx->rtl)
		kg_buf_puts(r->out, " dir=\"ltr\"");
}

static int in_tight_list(cmark_node *para)
{
	cmark_node *item = cmark_node_parent(para);
	if (!item || cmark_node_get_type(item) != CMARK_NODE_ITEM)
		return 0;
	cmark_node *list = cmark_node_parent(item);
	return list && cmark_node_get_list_tight(list);
}

static void render_raw_html(renderer *r, cmark_node *n, const char *literal, int block)
{
	if (r->ctx->kit->config.raw_html && cmark_node_get_start_line(n) > 0) {
		kg_buf_puts(r->out, literal); /* from the source, and the kit allows it */
		return;
	}
	if (cmark_node_get_start_line(n) > 0 || block)
		report(r, n, "%s",
		       "raw HTML is not allowed in content (set 'raw_html: true' in kit.yaml to allow it)");
	kg_buf_puts(r->out, block ? "<!-- raw HTML omitted -->\n" : "<!-- raw HTML omitted -->");
}

/* Nodes the iterator visits once (no exit event). */
static int is_leaf(cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_HTML_INLINE:
	case CMARK_NODE_THEMATIC_BREAK:
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK: return 1;
	default: return 0;
	}
}

static void render_node(renderer *r, cmark_node *n, cmark_event_type ev)
{
	kg_buf *out = r->out;
	int enter = ev == CMARK_EVENT_ENTER;
	const char *lit;
	if (enter && cmark_node_get_start_line(n) > 0)
		r->line = cmark_node_get_start_line(n) + r->ctx->page->body_line - 1;
	if (cmark_node_get_user_data(n) == &kg_fallback_marker && !is_leaf(n))
		r->ltr_depth += enter ? 1 : -1;
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_DOCUMENT: break;
	case CMARK_NODE_BLOCK_QUOTE: kg_buf_puts(out, enter ? "<blockquote>\n" : "</blockquote>\n"); break;
	case CMARK_NODE_LIST: {
		int ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
		if (enter) {
			int start = cmark_node_get_list_start(n);
			if (ordered && start != 1)
				kg_buf_printf(out, "<ol start=\"%d\">\n", start);
			else
				kg_buf_puts(out, ordered ? "<ol>\n" : "<ul>\n");
		} else {
			kg_buf_puts(out, ordered ? "</ol>\n" : "</ul>\n");
		}
		break;
	}
	case CMARK_NODE_ITEM: kg_buf_puts(out, enter ? "<li>" : "</li>\n"); break;
	case CMARK_NODE_HEADING:
		if (enter) {
			int level = cmark_node_get_heading_level(n);
			const char *id = r->heading_index < r->ctx->heading_count
			                     ? r->ctx->heading_ids[r->heading_index]
			                     : NULL;
			r->heading_index++;
			kg_buf_printf(out, "<h%d", level);
			if (id) {
				kg_buf_puts(out, " id=\"");
				kg_buf_puts_html(out, id);
				kg_buf_putc(out, '"');
			}
			fallback_attrs(r, n);
			kg_buf_putc(out, '>');
			if (r->toc && id && (level == 2 || level == 3)) {
				kg_buf text = KG_BUF_INIT;
				plain_text(n, &text);
				kg_buf filled = KG_BUF_INIT;
				kg_fill_placeholders(r->ctx->vars, text.data, &filled);
				kg_val *entry = kg_val_map();
				kg_val_set_str(entry, "id", id);
				kg_val_set(entry, "text", kg_val_str_take(kg_buf_detach(&filled, NULL)));
				kg_val_set_int(entry, "level", level);
				kg_val_set_bool(entry, "fallback",
				                cmark_node_get_user_data(n) == &kg_fallback_marker);
				kg_val_push(r->toc, entry);
				kg_buf_release(&text);
			}
		} else {
			kg_buf_printf(out, "</h%d>\n", cmark_node_get_heading_level(n));
		}
		break;
	case CMARK_NODE_CODE_BLOCK: {
		const char *info = cmark_node_get_fence_info(n);
		kg_buf_puts(out, "<pre><code");
		if (info && info[0]) {
			size_t word = strcspn(info, " \t");
			kg_buf_puts(out, " class=\"language-");
			kg_buf_add_html(out, info, word);
			kg_buf_putc(out, '"');
		}
		kg_buf_putc(out, '>');
		kg_buf_puts_html(out, cmark_node_get_literal(n));
		kg_buf_puts(out, "</code></pre>\n");
		break;
	}
	case CMARK_NODE_HTML_BLOCK: render_raw_html(r, n, cmark_node_get_literal(n), 1); break;
	case CMARK_NODE_THEMATIC_BREAK: kg_buf_puts(out, "<hr>\n"); break;
	case CMARK_NODE_PARAGRAPH: {
		int tight = in_tight_list(n);
		int fallback = cmark_node_get_user_data(n) == &kg_fallback_marker;
		if (tight && !fallback)
			break;
		if (enter) {
			kg_buf_puts(out, tight ? "<span" : "<p");
			fallback_attrs(r, n);
			kg_buf_putc(out, '>');
		} else {
			kg_buf_puts(out, tight ? "</span>" : "</p>\n");
		}
		break;
	}
	case CMARK_NODE_TEXT:
		check_placeholders(r, n, cmark_node_get_literal(n));
		fill_text(r, cmark_node_get_literal(n));
		break;
	case CMARK_NODE_SOFTBREAK: kg_buf_putc(out, '\n'); break;
	case CMARK_NODE_LINEBREAK: kg_buf_puts(out, "<br>\n"); break;
	case CMARK_NODE_CODE:
		kg_buf_puts(out, "<code>");
		kg_buf_puts_html(out, cmark_node_get_literal(n));
		kg_buf_puts(out, "</code>");
		break;
	case CMARK_NODE_HTML_INLINE: render_raw_html(r, n, cmark_node_get_literal(n), 0); break;
	case CMARK_NODE_CUSTOM_INLINE: /* made by kitgen itself (localize.c), never parsed */
		kg_buf_puts(out, enter ? cmark_node_get_on_enter(n) : cmark_node_get_on_exit(n));
		lit = cmark_node_get_on_enter(n);
		if (lit && strstr(lit, "dir=\"ltr\"")) /* a bilingual source line */
			r->ltr_depth += enter ? 1 : -1;
		break;
	case CMARK_NODE_EMPH: kg_buf_puts(out, enter ? "<em>" : "</em>"); break;
	case CMARK_NODE_STRONG: kg_buf_puts(out, enter ? "<strong>" : "</strong>"); break;
	case CMARK_NODE_LINK:
		r->in_link += enter ? 1 : -1;
		if (enter) {
			kg_buf_puts(out, "<a href=\"");
			add_url(r, n, cmark_node_get_url(n));
			kg_buf_putc(out, '"');
			lit = cmark_node_get_title(n);
			if (lit && lit[0]) {
				kg_buf_puts(out, " title=\"");
				kg_fill_placeholders_html(r->ctx->vars, lit, out);
				kg_buf_putc(out, '"');
			}
			kg_buf_putc(out, '>');
		} else {
			kg_buf_puts(out, "</a>");
		}
		break;
	default: break;
	}
}

static void render_image(renderer *r, cmark_node *n)
{
	kg_buf alt = KG_BUF_INIT;
	plain_text(n, &alt);
	kg_buf_puts(r->out, "<img src=\"");
	kg_buf src = KG_BUF_INIT;
	const char *url = cmark_node_get_url(n);
	if (r->ctx->image_src && url && r->ctx->image_src(r->ctx->image_ctx, url, &src))
		kg_buf_puts_html(r->out, src.data); /* a file name kitgen made, beside the page */
	else
		add_url(r, n, url);
	kg_buf_release(&src);
	kg_buf_puts(r->out, "\" alt=\"");
	kg_fill_placeholders_html(r->ctx->vars, alt.data, r->out);
	kg_buf_putc(r->out, '"');
	const char *title = cmark_node_get_title(n);
	if (title && title[0]) {
		kg_buf_puts(r->out, " title=\"");
		kg_fill_placeholders_html(r->ctx->vars, title, r->out);
		kg_buf_putc(r->out, '"');
	}
	kg_buf_puts(r->out, " loading=\"lazy\">");
	kg_buf_release(&alt);
}

void kg_html_render(cmark_node *doc, const kg_html_context *ctx, kg_buf *out, kg_val *toc)
{
	renderer r = {ctx, out, toc, 0, ctx->page->body_line, 0, 0};
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (cmark_node_get_type(n) == CMARK_NODE_IMAGE) {
			if (ev == CMARK_EVENT_ENTER) {
				render_image(&r, n);
				cmark_iter_reset(it, n, CMARK_EVENT_EXIT); /* alt text is already out */
			}
			continue;
		}
		render_node(&r, n, ev);
	}
	cmark_iter_free(it);
}
