/* search.c: the offline search index, one per language:
 * out/<lang>/search-index.js, loaded by a <script> tag (not fetch) so that
 * search works from file:// too. Words come from ICU's word break iterator
 * in the page's language (dictionary-based for Chinese, Japanese, Thai,
 * Khmer, Lao, Burmese), folded by kg_locale_search_fold() (NFKC, case
 * folding, optional marks removed) exactly as templates/assets/search.js
 * folds a query. Owns each page's word list until the index is written. */
#include "site_internal.h"

#include "kitgen/alloc.h"
#include "kitgen/html.h"
#include "kitgen/locale.h"
#include "kitgen/sort.h"

#include <stdlib.h>
#include <string.h>

typedef struct word_list {
	char **words;
	size_t count, cap;
	kg_buf fold;
} word_list;

static void add_word(void *ud, const char *word, size_t len, size_t offset)
{
	(void)offset;
	word_list *wl = ud;
	kg_buf_reset(&wl->fold);
	kg_locale_search_fold(word, len, 1, &wl->fold);
	if (!wl->fold.len)
		return;
	if (wl->count == wl->cap) {
		wl->cap = wl->cap ? wl->cap * 2 : 256;
		wl->words = kg_realloc(wl->words, wl->cap * sizeof(char *));
	}
	wl->words[wl->count++] = kg_strndup(wl->fold.data, wl->fold.len);
}

static void plain_text(cmark_node *doc, kg_buf *out)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)) {
			kg_buf_puts(out, cmark_node_get_literal(n));
		} else if (ev == CMARK_EVENT_EXIT || t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
			if (out->len && out->data[out->len - 1] != '\n')
				kg_buf_putc(out, '\n'); /* a word never spans two blocks */
		}
	}
	cmark_iter_free(it);
}

static int compare_words(const void *a, const void *b, void *ctx)
{
	(void)ctx;
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Unique folded words of the localized page (title, summary, body),
 * sorted: compact, and the same whatever the thread. */
void site_collect_search_words(site *s, lang_state *ls, size_t page_index, cmark_node *doc)
{
	page_state *ps = &ls->pages[page_index];
	kg_buf text = KG_BUF_INIT;
	kg_fill_placeholders(&s->kit.config, ps->title, &text);
	kg_buf_putc(&text, '\n');
	if (ps->summary) {
		kg_fill_placeholders(&s->kit.config, ps->summary, &text);
		kg_buf_putc(&text, '\n');
	}
	kg_buf body = KG_BUF_INIT;
	plain_text(doc, &body);
	kg_fill_placeholders(&s->kit.config, body.data, &text); /* what readers see */
	kg_buf_release(&body);
	word_list wl = {0};
	kg_buf_init(&wl.fold);
	kg_locale_words(ls->lang->tag, text.data, text.len, add_word, &wl);
	kg_sort(wl.words, wl.count, sizeof(char *), compare_words, NULL);
	kg_buf joined = KG_BUF_INIT;
	for (size_t i = 0; i < wl.count; i++)
		if (i == 0 || strcmp(wl.words[i], wl.words[i - 1]))
			kg_buf_printf(&joined, "%s%s", joined.len ? " " : "", wl.words[i]);
	for (size_t i = 0; i < wl.count; i++)
		free(wl.words[i]);
	free(wl.words);
	kg_buf_release(&wl.fold);
	kg_buf_release(&text);
	free(ps->search_words);
	ps->search_words = kg_buf_detach(&joined, NULL);
}

/* JSON string for a <script>: also escapes '<' so "</script>" in a title
 * can never close the tag, and U+2028/2029 which old JS parsers reject. */
static void js_string(kg_buf *out, const char *s)
{
	kg_buf_putc(out, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			kg_buf_printf(out, "\\%c", *p);
		else if (*p < 0x20 || *p == '<' || *p == '>' || *p == '&')
			kg_buf_printf(out, "\\u%04x", *p);
		else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
			kg_buf_printf(out, "\\u%04x", p[2] == 0xA8 ? 0x2028 : 0x2029);
			p += 2;
		} else
			kg_buf_putc(out, *p);
	}
	kg_buf_putc(out, '"');
}

int site_write_search_indexes(site *s, size_t *total_bytes)
{
	int rc = 0;
	*total_bytes = 0;
	kg_buf js = KG_BUF_INIT, text = KG_BUF_INIT, path = KG_BUF_INIT;
	for (size_t l = 0; l < s->lang_count; l++) {
		lang_state *ls = &s->langs[l];
		kg_buf_reset(&js);
		kg_buf_puts(&js, "/* kitgen search index: generated, do not edit */\nwindow.kitgenSearchIndex = {\"lang\": ");
		js_string(&js, ls->lang->tag);
		kg_buf_puts(&js, ", \"pages\": [");
		int first = 1;
		for (size_t p = 0; p < s->kit.page_count; p++) {
			const page_state *ps = &ls->pages[p];
			const kg_page *page = &s->kit.pages[p];
			if (!ps->published || !ps->search_words)
				continue;
			kg_buf_puts(&js, first ? "\n{" : ",\n{");
			first = 0;
			kg_buf_puts(&js, "\"t\": ");
			kg_buf_reset(&text);
			kg_fill_placeholders(&s->kit.config, ps->title, &text);
			js_string(&js, text.data);
			kg_buf_printf(&js, ", \"l\": \"%s\"", ps->title_fallback ? s->source->tag : ls->lang->tag);
			kg_buf_puts(&js, ", \"u\": ");
			kg_buf_reset(&text);
			if (page->rel_path[0])
				kg_buf_printf(&text, "%s/", page->rel_path);
			js_string(&js, text.data);
			if (ps->summary) {
				kg_buf_puts(&js, ", \"s\": ");
				kg_buf_reset(&text);
				kg_fill_placeholders(&s->kit.config, ps->summary, &text);
				js_string(&js, text.data);
			}
			kg_buf_puts(&js, ", \"w\": ");
			js_string(&js, ps->search_words);
			kg_buf_putc(&js, '}');
		}
		kg_buf_puts(&js, "\n]};\n");
		kg_buf_reset(&path);
		kg_buf_printf(&path, "%s/search-index.js", ls->lang->tag);
		rc |= kg_outdir_write(&s->out, path.data, js.data, js.len, s->diags);
		*total_bytes += js.len;
	}
	kg_buf_release(&js);
	kg_buf_release(&text);
	kg_buf_release(&path);
	return rc;
}
