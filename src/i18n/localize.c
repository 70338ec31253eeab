/* localize.c: builds one page in one language (see localize.h): walks the
 * page's units, looks each up in the language's catalog, checks it, and
 * puts it in place of the source text. Owns the localized document it
 * returns; borrows the page and the catalog. */
#include "kitgen/i18n/localize.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/locale/locale.h"
#include "kitgen/i18n/segment.h"

#include <stdlib.h>
#include <string.h>

char kg_fallback_marker;

void kg_coverage_add(kg_coverage *total, const kg_coverage *part)
{
	total->units += part->units;
	total->translated += part->translated;
	total->fuzzy += part->fuzzy;
	total->untranslated += part->untranslated;
	total->refused += part->refused;
	total->words += part->words;
	total->words_translated += part->words_translated;
}

int kg_coverage_percent(const kg_coverage *c)
{
	if (c->words == 0)
		return 100;
	return (int)(c->words_translated * 100 / c->words);
}

void kg_catalog_path_for(const kg_page *page, const char *lang, kg_buf *out)
{
	/* source_path is "content/<p>.md" */
	const char *p = page->source_path + strlen("content/");
	size_t n = strlen(p) - 3;
	int pot = strcmp(lang, "pot") == 0;
	kg_buf_puts(out, "locales/"); /* not printf: called per page and language */
	kg_buf_puts(out, lang);
	kg_buf_putc(out, '/');
	kg_buf_add(out, p, n);
	kg_buf_puts(out, pot ? ".pot" : ".po");
}

typedef struct localize_ctx {
	const kg_page *page;
	const kg_catalog *po;
	const char *po_display;
	const char *source_tag;
	int is_source;
	const kg_page_units *units;
	size_t unit_index;
	unsigned char *verdicts;      /* kg_localize_measure: filled in */
	const unsigned char *decided; /* kg_localize: from kg_localize_measure, or NULL */
	kg_localized *out;
	kg_diags *diags;
} localize_ctx;

static void mark_fallback(const kg_segment *seg, localize_ctx *ctx)
{
	if (seg->kind == KG_SEG_TITLE)
		ctx->out->title_fallback = 1;
	else if (seg->kind == KG_SEG_SUMMARY)
		ctx->out->summary_fallback = 1;
	else if (!seg->node)
		return; /* kg_localize_measure builds no page */
	else if (seg->kind == KG_SEG_ALT)
		cmark_node_set_user_data(cmark_node_parent(seg->node), &kg_fallback_marker);
	else
		cmark_node_set_user_data(seg->node, &kg_fallback_marker);
}

static void plain_text(cmark_node *node, kg_buf *out)
{
	for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)
			kg_buf_puts(out, cmark_node_get_literal(c));
		else
			plain_text(c, out);
	}
}

/* Ids come from the source heading, so every language shares its anchors. */
static void add_heading_id(kg_page_units *out, size_t *cap, cmark_node *heading)
{
	kg_buf text = KG_BUF_INIT, slug = KG_BUF_INIT;
	plain_text(heading, &text);
	kg_locale_slugify(text.data, &slug);
	if (!slug.len)
		kg_buf_puts(&slug, "section"); /* a script ICU cannot transliterate */
	size_t base_len = slug.len;
	for (int n = 2;; n++) {
		int taken = 0;
		for (size_t i = 0; i < out->heading_count && !taken; i++)
			taken = strcmp(out->heading_ids[i], slug.data) == 0;
		if (!taken)
			break;
		kg_buf_truncate(&slug, base_len);
		kg_buf_printf(&slug, "-%d", n);
	}
	kg_array_grow(out->heading_ids, *cap, out->heading_count + 1);
	out->heading_ids[out->heading_count++] = kg_buf_detach(&slug, NULL);
	kg_buf_release(&text);
}

/* Titles and summaries are plain text; every other unit inline Markdown. */
static int is_markdown_unit(kg_segment_kind kind) { return kind != KG_SEG_TITLE && kind != KG_SEG_SUMMARY; }

typedef struct count_ctx {
	kg_page_units *out;
	kg_word_counter *counter;
	size_t words_cap, texts_cap, kinds_cap, facts_cap; /* of out's arrays, while they grow */
} count_ctx;

static int count_unit(void *ud, const kg_segment *seg)
{
	count_ctx *ctx = ud;
	kg_page_units *out = ctx->out;
	size_t n = out->unit_count + 1;
	kg_array_grow(out->unit_words, ctx->words_cap, n);
	kg_array_grow(out->unit_texts, ctx->texts_cap, n);
	kg_array_grow(out->unit_kinds, ctx->kinds_cap, n);
	kg_array_grow(out->unit_facts, ctx->facts_cap, n);
	out->unit_words[out->unit_count] = kg_word_counter_count(ctx->counter, seg->text, strlen(seg->text));
	out->unit_texts[out->unit_count] = kg_strdup(seg->text);
	out->unit_kinds[out->unit_count] = (unsigned char)seg->kind;
	out->unit_facts[out->unit_count] = kg_source_facts_new(seg->text, is_markdown_unit(seg->kind));
	out->unit_count++;
	return 0;
}

void kg_page_units_compute(const kg_page *page, const char *source_tag, kg_page_units *out)
{
	memset(out, 0, sizeof(*out));
	cmark_node *doc = kg_page_parse_body(page);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	size_t heading_cap = 0;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(cmark_iter_get_node(it)) == CMARK_NODE_HEADING)
			add_heading_id(out, &heading_cap, cmark_iter_get_node(it));
	cmark_iter_free(it);
	count_ctx ctx = {out, kg_word_counter_open(source_tag), 0, 0, 0, 0};
	kg_segments_each(page, doc, count_unit, &ctx);
	kg_word_counter_close(ctx.counter);
	cmark_node_free(doc);
}

void kg_page_units_release(kg_page_units *units)
{
	for (size_t i = 0; i < units->heading_count; i++)
		free(units->heading_ids[i]);
	free(units->heading_ids);
	for (size_t i = 0; i < units->unit_count; i++)
		free(units->unit_texts[i]);
	free(units->unit_texts);
	free(units->unit_kinds);
	for (size_t i = 0; i < units->unit_count; i++)
		kg_source_facts_free(units->unit_facts[i]);
	free(units->unit_facts);
	free(units->unit_words);
	memset(units, 0, sizeof(*units));
}

/* Bilingual pages (a phrase card shown to an English-speaking responder)
 * keep the source after the translation, on its own line, in its own
 * language. The source passed the same parser when it was extracted. */
static void append_source(cmark_node *node, const char *source, const char *source_tag)
{
	cmark_node *para = kg_markdown_parse_inline(source, strlen(source));
	if (!para)
		return;
	cmark_node *span = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
	kg_buf open = KG_BUF_INIT;
	kg_buf_printf(&open, "<span class=\"source-text\" lang=\"%s\" dir=\"ltr\">", source_tag);
	cmark_node_set_on_enter(span, open.data);
	cmark_node_set_on_exit(span, "</span>");
	kg_buf_release(&open);
	kg_segment_replace(span, para);
	cmark_node_free(para);
	cmark_node_append_child(node, cmark_node_new(CMARK_NODE_LINEBREAK));
	cmark_node_append_child(node, span);
}

/* Decides one unit: returns its translation when it is used, else NULL
 * (untranslated, fuzzy or refused), counting it in the coverage. Refusals
 * are reported as warnings at the catalog entry. A unit that
 * kg_localize_measure already decided is not checked again. */
static const char *decide_unit(localize_ctx *ctx, const kg_segment *seg)
{
	kg_coverage *cov = &ctx->out->coverage;
	size_t index = ctx->unit_index++;
	size_t words = index < ctx->units->unit_count ? ctx->units->unit_words[index] : 0;
	cov->units++;
	cov->words += words;
	if (ctx->is_source) {
		cov->translated++;
		cov->words_translated += words;
		return NULL;
	}
	const kg_po_entry *e = ctx->po ? kg_catalog_find(ctx->po, NULL, seg->text) : NULL;
	const char *translation = NULL;
	if (!e || e->msgstr_count == 0 || !e->msgstr[0][0]) {
		cov->untranslated++;
	} else if (kg_po_entry_has_flag(e, "fuzzy")) {
		cov->fuzzy++;
	} else if (ctx->decided && index < ctx->units->unit_count) {
		if (ctx->decided[index])
			translation = e->msgstr[0];
		else
			cov->refused++;
	} else {
		kg_buf why = KG_BUF_INIT;
		/* The check parses the translation as inline Markdown and refuses
		 * anything that is not a single paragraph. The source's facts were
		 * found once for every language (kg_page_units). */
		const kg_source_facts *sf =
		    index < ctx->units->unit_count && strcmp(ctx->units->unit_texts[index], seg->text) == 0
		        ? ctx->units->unit_facts[index]
		        : NULL;
		int refused =
		    sf ? kg_check_against(sf, e->msgstr[0], &why)
		       : kg_check_translation(seg->text, e->msgstr[0], is_markdown_unit(seg->kind), &why);
		if (refused < 0) {
			kg_warning(ctx->diags, ctx->po_display, e->line, 1,
			           "translation refused, source text used instead: %s", why.data);
			cov->refused++;
		} else {
			translation = e->msgstr[0];
		}
		kg_buf_release(&why);
	}
	if (translation) {
		cov->translated++;
		cov->words_translated += words;
	} else {
		mark_fallback(seg, ctx);
	}
	if (ctx->verdicts && index < ctx->units->unit_count)
		ctx->verdicts[index] = translation != NULL;
	return translation;
}

static int localize_unit(void *ud, const kg_segment *seg)
{
	localize_ctx *ctx = ud;
	const char *translation = decide_unit(ctx, seg);
	if (!translation)
		return 0;
	if (seg->kind == KG_SEG_TITLE) {
		free(ctx->out->title);
		ctx->out->title = kg_strdup(translation);
	} else if (seg->kind == KG_SEG_SUMMARY) {
		free(ctx->out->summary);
		ctx->out->summary = kg_strdup(translation);
	} else if (seg->node) {
		cmark_node *para = kg_markdown_parse_inline(translation, strlen(translation));
		if (!para) { /* the check parsed it already; cannot happen */
			mark_fallback(seg, ctx);
			return 0;
		}
		kg_segment_replace(seg->node, para);
		cmark_node_free(para);
		if (ctx->page->bilingual && seg->kind != KG_SEG_HEADING && seg->kind != KG_SEG_ALT)
			append_source(seg->node, seg->text, ctx->source_tag);
	}
	return 0;
}

int kg_localize(const kg_page *page, const kg_page_units *units, const kg_catalog *po, const char *po_display,
                const char *source_tag, int is_source, const unsigned char *verdicts, kg_localized *out,
                kg_diags *diags)
{
	memset(out, 0, sizeof(*out));
	out->doc = kg_page_parse_body(page);
	out->title = kg_strdup(page->title);
	out->summary = kg_strdup(page->summary);
	out->heading_ids = units->heading_ids;
	out->heading_count = units->heading_count;
	localize_ctx ctx = {.page = page,
	                    .po = po,
	                    .po_display = po_display,
	                    .source_tag = source_tag,
	                    .is_source = is_source,
	                    .units = units,
	                    .decided = verdicts,
	                    .out = out,
	                    .diags = diags};
	/* Replacing a unit's children while walking is safe: the walk renders
	 * each unit before calling back and continues from the block itself. */
	kg_segments_each(page, out->doc, localize_unit, &ctx);
	return 0;
}

int kg_localize_measure(const kg_page *page, const kg_page_units *units, const kg_catalog *po,
                        const char *po_display, int is_source, unsigned char *verdicts, kg_localized *out,
                        kg_diags *diags)
{
	memset(out, 0, sizeof(*out));
	out->title = kg_strdup(page->title);
	out->summary = kg_strdup(page->summary);
	out->heading_ids = units->heading_ids;
	out->heading_count = units->heading_count;
	localize_ctx ctx = {.page = page,
	                    .po = po,
	                    .po_display = po_display,
	                    .is_source = is_source,
	                    .units = units,
	                    .verdicts = verdicts,
	                    .out = out,
	                    .diags = diags};
	for (size_t i = 0; i < units->unit_count; i++) {
		kg_segment seg = {.kind = (kg_segment_kind)units->unit_kinds[i],
		                  .text = units->unit_texts[i]};
		localize_unit(&ctx, &seg);
	}
	return 0;
}

void kg_localized_release(kg_localized *loc)
{
	if (loc->doc)
		cmark_node_free(loc->doc);
	free(loc->title);
	free(loc->summary);
	memset(loc, 0, sizeof(*loc));
}
