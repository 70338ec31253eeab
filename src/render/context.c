/* context.c: the values templates see (documented in docs/templates.md):
 * site, lang, root, languages, page, translations, sections. Every
 * function returns a new value the caller owns; the site is borrowed. */
#include "render/site.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/render/ui_strings.h"
#include "kitgen/render/html.h"
#include "kitgen/locale/locale.h"
#include "kitgen/base/sort.h"
#include "kitgen_version.h"

#include <stdlib.h>
#include <string.h>

/* The English label of an audience or strategy key (kit.yaml's
 * taxonomies; the key itself for one the kit does not declare). */
static const char *term_label(const site *s, const char *ctxt, const char *key)
{
	const kg_term *t = !strcmp(ctxt, "audience") ? kg_config_audience(&s->kit.config, key)
	                                             : kg_config_strategy(&s->kit.config, key);
	return t ? t->label : key;
}

const char *site_ui_string(lang_state *ls, kg_ui_id id)
{
	return site_ui(ls, kg_ui_strings[id].msgctxt, kg_ui_strings[id].msgid);
}

const char *site_ui(lang_state *ls, const char *msgctxt, const char *msgid)
{
	const kg_po_entry *e = ls->ui ? kg_catalog_find(ls->ui, msgctxt, msgid) : NULL;
	if (e && !kg_po_entry_has_flag(e, "fuzzy") && e->msgstr_count && e->msgstr[0][0])
		return e->msgstr[0];
	return msgid;
}

static const char *ui_gettext(void *ctx, const char *msgctxt, const char *msgid)
{
	lang_state *ls = ctx;
	const char *t = site_ui(ls, msgctxt, msgid);
	return t == msgid ? NULL : t;
}

static const char *ui_ngettext(void *ctx, const char *msgctxt, const char *msgid, const char *msgid_plural,
                               unsigned long n)
{
	lang_state *ls = ctx;
	const kg_po_entry *e = ls->ui ? kg_catalog_find(ls->ui, msgctxt, msgid) : NULL;
	if (!e || kg_po_entry_has_flag(e, "fuzzy") || !e->msgid_plural || !ls->plural)
		return NULL;
	unsigned long index = kg_plural_eval(ls->plural, n);
	if (index >= e->msgstr_count || !e->msgstr[index][0])
		return NULL;
	(void)msgid_plural;
	return e->msgstr[index];
}

static void ui_format_int(void *ctx, long long n, kg_buf *out)
{
	lang_state *ls = ctx;
	kg_locale_format_int(ls->lang->tag, n, out);
}

/* {{ x | page_text lang }}: as page text (html_text.c), numbers and URLs
 * isolated when lang is this right-to-left language. */
static void ui_text_html(void *ctx, const char *text, size_t len, const char *lang, kg_buf *out)
{
	lang_state *ls = ctx;
	int own = !strcmp(lang, ls->lang->tag);
	kg_html_text(text, len, lang[0] ? lang : ls->lang->tag, (own || !lang[0]) && ls->lang->rtl, out);
}

const kg_translator *site_translator(lang_state *ls, kg_translator *tr)
{
	tr->gettext = ui_gettext;
	tr->ngettext = ui_ngettext;
	tr->format_int = ui_format_int;
	tr->text_html = ui_text_html;
	tr->ctx = ls;
	return tr;
}

void site_url(const char *from_rel, const char *lang, const char *rel, kg_buf *out)
{
	kg_html_page_url(from_rel, lang, rel, 0, out);
}

int site_page_draft(const lang_state *ls, const page_state *ps)
{
	return !ls->is_source && ps->review != KG_REVIEW_CURRENT;
}

int site_review_line(site *s, lang_state *ls, const page_state *ps, kg_buf *out)
{
	if (ls->is_source || ps->review != KG_REVIEW_CURRENT || !ps->review_date)
		return 0;
	const char *d = ps->review_date; /* YYYY-MM-DD, checked when read */
	int year = atoi(d), month = atoi(d + 5), day = atoi(d + 8);
	kg_buf date = KG_BUF_INIT;
	kg_date_formatter_format(s->dates, ls->lang->tag, year, month, day, &date);
	site_fill_param(out, site_ui_string(ls, KG_UI_REVIEWED), "{date}", date.data);
	kg_buf_release(&date);
	return 1;
}

/* The fields of a language that no page changes, made once per build
 * (site_lang_values_init): every page's context lists every language two
 * or three times (site.languages, translations, lang, source), and working
 * out og:locale (ICU's likely subtags) and copying the strings per page
 * and language was 4 % of an HTML build of the bundled kit. */
static const char *const language_keys[] = {"tag",   "name",   "english_name", "dir",      "rtl",
                                            "draft", "script", "same_name",    "og_locale"};
enum { LANGUAGE_KEY_COUNT = sizeof(language_keys) / sizeof(language_keys[0]) };

static kg_val **language_fields_new(const kg_language *lang)
{
	kg_buf og = KG_BUF_INIT;
	site_og_locale(lang->tag, &og); /* share_meta.c */
	kg_val *values[LANGUAGE_KEY_COUNT] = {
	    kg_val_str(lang->tag),
	    kg_val_str(lang->name),
	    kg_val_str(lang->english_name),
	    kg_val_str(lang->rtl ? "rtl" : "ltr"),
	    kg_val_bool(lang->rtl),
	    kg_val_bool(lang->status == KG_STATUS_DRAFT),
	    kg_val_str(lang->script),
	    kg_val_bool(strcmp(lang->name, lang->english_name) == 0),
	    kg_val_str_take(kg_buf_detach(&og, NULL)),
	};
	kg_val **fields = kg_malloc(sizeof(values));
	memcpy(fields, values, sizeof(values));
	return fields;
}

/* A new map of the language's shared fields; the caller adds the page's
 * own (url, current, ...). The map's keys are the literals above. */
static kg_val *language_value(const lang_state *ls)
{
	kg_val *v = kg_val_map_sized(LANGUAGE_KEY_COUNT + 6);
	for (size_t i = 0; i < LANGUAGE_KEY_COUNT; i++)
		kg_val_set(v, language_keys[i], kg_val_ref(ls->language_fields[i]));
	return v;
}

static int page_published(const site *s, const lang_state *ls, const char *rel)
{
	const kg_page *p = kg_kit_find_page(&s->kit, rel);
	if (!p)
		return 1; /* a generated page (a language index without _index.md) */
	return ls->pages[p - s->kit.pages].published;
}

static const page_state *page_state_of(const site *s, const lang_state *ls, const char *rel)
{
	const kg_page *p = kg_kit_find_page(&s->kit, rel);
	return p ? &ls->pages[p - s->kit.pages] : NULL;
}

/* "<root><tag>/<rel>/" ("<root><tag>/" for an empty rel) as a template
 * string: a language's URL of a page, made per page and language (was a
 * printf, 2 % of an HTML build of the bundled kit). */
static kg_val *page_url_value(const char *root, const char *tag, const char *rel)
{
	kg_buf url = KG_BUF_INIT;
	kg_buf_puts(&url, root);
	kg_buf_puts(&url, tag);
	kg_buf_putc(&url, '/');
	if (rel && rel[0]) {
		kg_buf_puts(&url, rel);
		kg_buf_putc(&url, '/');
	}
	return kg_val_str_take(kg_buf_detach(&url, NULL));
}

/* The same page in every language it is published in. */
static kg_val *translations_value(site *s, lang_state *current, const char *rel, const char *root)
{
	kg_val *list = kg_val_list();
	for (size_t i = 0; i < s->lang_count; i++) {
		lang_state *ls = &s->langs[i];
		if (!page_published(s, ls, rel))
			continue;
		kg_val *v = language_value(ls);
		kg_val_set(v, "url", page_url_value(root, ls->lang->tag, rel));
		kg_val_set(v, "href", page_url_value(s->kit.config.base_url, ls->lang->tag, rel));
		kg_val_set_bool(v, "current", ls == current);
		const page_state *ps = page_state_of(s, ls, rel);
		int partial = ps && !ls->is_source &&
		              (ps->coverage.untranslated || ps->coverage.fuzzy || ps->coverage.refused);
		kg_val_set_bool(v, "partial", partial);
		kg_val_set_int(v, "percent", ps ? kg_coverage_percent(&ps->coverage) : 100);
		kg_val_push(list, v);
	}
	return list;
}

kg_val *site_context(site *s, lang_state *ls, const char *rel_path, const char *root_prefix)
{
	const kg_config *cfg = &s->kit.config;
	kg_val *root = kg_val_map();
	kg_buf prefix = KG_BUF_INIT;
	if (root_prefix)
		kg_buf_puts(&prefix, root_prefix);
	else
		kg_html_root_prefix(rel_path, &prefix);

	kg_val *site_val = kg_val_map();
	kg_val_set_str(site_val, "title", ls->kit_title);
	if (ls->kit_description)
		kg_val_set_str(site_val, "description", ls->kit_description);
	kg_val *vars = kg_val_map();
	for (size_t i = 0; i < cfg->var_count; i++)
		kg_val_set_str(vars, cfg->vars[i].name, ls->vars.values[i]);
	kg_val_set(site_val, "vars", vars);
	kg_val_set_bool(site_val, "sample", s->sample);
	int title_translated = ls->kit_title != cfg->title;
	kg_val_set_str(site_val, "title_lang", title_translated ? ls->lang->tag : s->source->tag);
	kg_val_set_str(site_val, "title_dir", title_translated && ls->lang->rtl ? "rtl" : "ltr");
	const kg_organization *org = &cfg->organization;
	if (org->name || org->phone || org->address || org->website) {
		kg_val *o = kg_val_map();
		if (org->name)
			kg_val_set_str(o, "name", kg_placeholders_get(&ls->vars, "org_name", 8));
		if (org->phone)
			kg_val_set_str(o, "phone", kg_placeholders_get(&ls->vars, "org_phone", 9));
		if (org->address)
			kg_val_set_str(o, "address", kg_placeholders_get(&ls->vars, "org_address", 11));
		if (org->website) {
			const char *site_url_value = kg_placeholders_get(&ls->vars, "org_website", 11);
			kg_val_set_str(o, "website", site_url_value);
			if (!kg_var_is_reminder(site_url_value)) /* a link only once it is a URL */
				kg_val_set_str(o, "website_href", site_url_value);
		}
		if (org->logo) {
			kg_buf logo = KG_BUF_INIT;
			kg_buf_printf(&logo, "%s%s", prefix.data, org->logo + strlen("content/"));
			kg_val_set(o, "logo", kg_val_str_take(kg_buf_detach(&logo, NULL)));
		}
		kg_val_set(site_val, "organization", o);
	}
	kg_val_set_str(site_val, "base_url", cfg->base_url);
	kg_val_set_str(site_val, "source_language", cfg->source_language);
	kg_val_set_str(site_val, "generator", "kitgen " KITGEN_VERSION);
	kg_val *all = kg_val_list();
	for (size_t i = 0; i < s->lang_count; i++) {
		kg_val *v = language_value(&s->langs[i]);
		kg_val_set(v, "url", page_url_value(prefix.data, s->langs[i].lang->tag, NULL));
		/* No site-wide percentages here: every page would change with every
		 * edit. The status page has them. */
		kg_val_push(all, v);
	}
	kg_val_set(site_val, "languages", all);
	kg_val_set(root, "site", site_val);

	kg_val *lang = language_value(ls);
	kg_val_set(lang, "url", page_url_value(prefix.data, ls->lang->tag, NULL));
	kg_val_set_bool(lang, "is_source", ls->is_source);
	kg_val_set(root, "lang", lang);
	kg_val_set(root, "source", language_value(site_source_state(s)));
	kg_val_set_str(root, "root", prefix.data);
	kg_val_set(root, "translations", translations_value(s, ls, rel_path, prefix.data));
	kg_buf_release(&prefix);
	return root;
}

void site_lang_values_init(const site *s, lang_state *ls)
{
	const kg_config *cfg = &s->kit.config;
	/* The kit's own strings and prose vars, translated through ui.po. */
	ls->kit_title = site_ui(ls, "kit", cfg->title);
	ls->kit_description = cfg->description ? site_ui(ls, "kit", cfg->description) : NULL;
	kg_placeholders_init(&ls->vars, cfg, ls->is_source ? NULL : ls->lang);
	for (size_t i = 0; i < cfg->var_count; i++)
		if (cfg->vars[i].type == KG_VAR_PROSE && ls->vars.values[i] == cfg->vars[i].value)
			kg_placeholders_set(&ls->vars, i, site_ui(ls, "vars", cfg->vars[i].value));
	ls->audience_items = kg_calloc(cfg->audience_count + 1, sizeof(kg_val *));
	for (size_t k = 0; k < cfg->audience_count; k++) {
		kg_val *a = kg_val_map_sized(2);
		kg_val_set_str(a, "key", cfg->audiences[k].key);
		kg_val_set_str(a, "label", site_ui(ls, "audience", cfg->audiences[k].label));
		ls->audience_items[k] = a;
	}
	ls->audience_item_count = cfg->audience_count;
	ls->language_fields = language_fields_new(ls->lang);
}

void site_lang_values_release(lang_state *ls)
{
	kg_placeholders_release(&ls->vars);
	for (size_t k = 0; k < ls->audience_item_count; k++)
		kg_val_unref(ls->audience_items[k]);
	free(ls->audience_items);
	ls->audience_items = NULL;
	ls->audience_item_count = 0;
	for (size_t i = 0; ls->language_fields && i < LANGUAGE_KEY_COUNT; i++)
		kg_val_unref(ls->language_fields[i]);
	free(ls->language_fields);
	ls->language_fields = NULL;
}

static kg_val *audience_value(const site *s, lang_state *ls, const kg_page *page)
{
	kg_val *list = kg_val_list();
	for (size_t i = 0; i < page->audience_count; i++) {
		kg_val *shared = NULL;
		for (size_t k = 0; !shared && k < ls->audience_item_count; k++)
			if (!strcmp(s->kit.config.audiences[k].key, page->audience[i]))
				shared = ls->audience_items[k];
		if (shared) { /* the same {key, label} for every page of the language */
			kg_val_push(list, kg_val_ref(shared));
			continue;
		}
		kg_val *a = kg_val_map();
		kg_val_set_str(a, "key", page->audience[i]);
		kg_val_set_str(a, "label",
		               site_ui(ls, "audience", term_label(s, "audience", page->audience[i])));
		kg_val_push(list, a);
	}
	return list;
}

kg_val *site_page_context(site *s, lang_state *ls, size_t page_index, const kg_localized *loc,
                          const char *content_html, kg_val *toc)
{
	const kg_page *page = &s->kit.pages[page_index];
	const page_state *ps = &ls->pages[page_index];
	const char *tag = ls->lang->tag;
	const char *src = s->source->tag;
	kg_val *v = kg_val_map();
	kg_buf b = KG_BUF_INIT;
	kg_fill_placeholders(&ls->vars, loc->title, &b);
	kg_val_set(v, "title", kg_val_str_take(kg_buf_detach(&b, NULL)));
	kg_val_set_str(v, "title_lang", loc->title_fallback ? src : tag);
	if (loc->summary) {
		kg_fill_placeholders(&ls->vars, loc->summary, &b);
		kg_val_set(v, "summary", kg_val_str_take(kg_buf_detach(&b, NULL)));
		kg_val_set_str(v, "summary_lang", loc->summary_fallback ? src : tag);
	}
	kg_val_set_html(v, "content", content_html);
	kg_val_set(v, "toc", toc);
	kg_val_set_str(v, "path", page->rel_path);
	kg_val_set_str(v, "source_path", page->source_path);
	kg_buf_printf(&b, "%s%s/%s%s", s->kit.config.base_url, tag, page->rel_path,
	              page->rel_path[0] ? "/" : "");
	kg_val_set(v, "permalink", kg_val_str_take(kg_buf_detach(&b, NULL)));
	/* Share images for link previews (og:image): absolute; the source
	 * language's when the page has none of its own in this language. */
	static const char *const share_keys[2] = {"share_image", "share_image_square"};
	const char *image_tag = site_page_has_own_files(ls, page_index) ? tag : src;
	for (int k = 0; k < 2 && s->kit.config.share_images; k++) {
		kg_buf_printf(&b, "%s%s/%s%s", s->kit.config.base_url, image_tag, page->rel_path,
		              page->rel_path[0] ? "/" : "");
		site_partner_file_name(page, image_tag, k ? SITE_SHARE_SQUARE : SITE_SHARE_WIDE, &b);
		kg_val_set(v, share_keys[k], kg_val_str_take(kg_buf_detach(&b, NULL)));
	}
	if (page->updated) {
		kg_date_formatter_format(s->dates, tag, page->updated_year, page->updated_month,
		                         page->updated_day, &b);
		kg_val_set(v, "updated", kg_val_str_take(kg_buf_detach(&b, NULL)));
		kg_val_set_str(v, "updated_iso", page->updated);
	}
	kg_val_set(v, "audience", audience_value(s, ls, page));
	if (page->strategy) {
		kg_val_set_str(v, "strategy", page->strategy);
		kg_val_set_str(v, "strategy_label",
		               site_ui(ls, "strategy", term_label(s, "strategy", page->strategy)));
	}
	kg_val_set_bool(v, "handout", page->handout);
	kg_val_set_bool(v, "is_section", page->is_section_index);
	kg_val_set_int(v, "percent", kg_coverage_percent(&ps->coverage));
	kg_val_set_bool(v, "partial", !ls->is_source && (ps->coverage.untranslated || ps->coverage.refused));
	kg_val_set_bool(v, "outdated", !ls->is_source && ps->coverage.fuzzy > 0);
	kg_val_set_bool(v, "draft", site_page_draft(ls, ps));
	kg_buf_reset(&b);
	if (site_review_line(s, ls, ps, &b))
		kg_val_set(v, "reviewed", kg_val_str_take(kg_buf_detach(&b, NULL)));

	/* Neighbours in the same section, in author order. */
	const kg_page *prev = NULL, *next = NULL;
	if (!page->is_section_index && page->rel_path[0]) {
		/* The nearest published pages of the same section on each side. */
		size_t at = s->neighbour_pos[page_index];
		for (size_t i = at; i-- > 0 && !prev;) {
			const kg_page *o = &s->kit.pages[s->neighbour_order[i]];
			if (strcmp(o->section, page->section))
				break;
			if (ls->pages[s->neighbour_order[i]].published)
				prev = o;
		}
		for (size_t i = at + 1; i < s->neighbour_count && !next; i++) {
			const kg_page *o = &s->kit.pages[s->neighbour_order[i]];
			if (strcmp(o->section, page->section))
				break;
			if (ls->pages[s->neighbour_order[i]].published)
				next = o;
		}
	}
	const kg_page *links[2] = {prev, next};
	const char *names[2] = {"prev", "next"};
	for (int k = 0; k < 2; k++) {
		if (!links[k])
			continue;
		const page_state *os = &ls->pages[links[k] - s->kit.pages];
		kg_val *n = kg_val_map();
		kg_fill_placeholders(&ls->vars, os->title, &b);
		kg_val_set(n, "title", kg_val_str_take(kg_buf_detach(&b, NULL)));
		kg_val_set_str(n, "title_lang", os->title_fallback ? src : tag);
		site_url(page->rel_path, tag, links[k]->rel_path, &b);
		kg_val_set(n, "url", kg_val_str_take(kg_buf_detach(&b, NULL)));
		kg_val_set(v, names[k], n);
	}
	if (page->section[0] && !page->is_section_index) {
		const kg_page *sec = kg_kit_find_page(&s->kit, page->section);
		kg_val *n = kg_val_map();
		if (sec) {
			const page_state *os = &ls->pages[sec - s->kit.pages];
			kg_val_set_str(n, "title", os->title);
			kg_val_set_str(n, "title_lang", os->title_fallback ? src : tag);
		} else {
			kg_val_set_str(n, "title", page->section);
			kg_val_set_str(n, "title_lang", src);
		}
		site_url(page->rel_path, tag, page->section, &b);
		kg_val_set(n, "url", kg_val_str_take(kg_buf_detach(&b, NULL)));
		kg_val_set(v, "section", n);
	}
	kg_buf_release(&b);
	return v;
}

/* ---- index and section pages ---- */

typedef struct sort_item {
	size_t index;
	const char *title;
	long order;
	const char *rel;
} sort_item;

/* The language index: the authors' order (weight), then the source
 * title in the source language's collation. Every language lists the
 * modules in the same order, whatever is translated yet, so a trainer
 * with two languages side by side finds each module at the same place. */
static int by_order_and_title(const void *a, const void *b, void *ctx)
{
	const sort_item *x = a, *y = b;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	int c = kg_collator_compare(ctx, x->title, y->title);
	return c ? c : strcmp(x->rel, y->rel);
}

static int by_order(const void *a, const void *b, void *ctx)
{
	(void)ctx;
	const sort_item *x = a, *y = b;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->rel, y->rel);
}

static kg_val *entry_value(site *s, lang_state *ls, size_t i, const char *from_rel)
{
	const kg_page *p = &s->kit.pages[i];
	const page_state *ps = &ls->pages[i];
	const char *tag = ls->lang->tag, *src = s->source->tag;
	kg_val *v = kg_val_map_sized(12); /* an index lists thousands: literal keys, not copied */
	kg_buf b = KG_BUF_INIT;
	int available = ps->published;
	const page_state *shown =
	    available ? ps : page_state_of(s, &s->langs[s->source - s->kit.config.languages], p->rel_path);
	kg_fill_placeholders(&ls->vars, shown->title, &b);
	kg_val_set(v, "title", kg_val_str_take(kg_buf_detach(&b, NULL)));
	kg_val_set_str(v, "title_lang", available && !ps->title_fallback ? tag : src);
	if (shown->summary) {
		kg_fill_placeholders(&ls->vars, shown->summary, &b);
		kg_val_set(v, "summary", kg_val_str_take(kg_buf_detach(&b, NULL)));
		kg_val_set_str(v, "summary_lang", available && !ps->summary_fallback ? tag : src);
	}
	site_url(from_rel, available ? tag : src, p->rel_path, &b);
	kg_val_set(v, "url", kg_val_str_take(kg_buf_detach(&b, NULL)));
	kg_val_set_bool(v, "available", available);
	kg_val_set_bool(v, "partial",
	                available && !ls->is_source &&
	                    (ps->coverage.untranslated || ps->coverage.refused || ps->coverage.fuzzy));
	/* No percentage: it changes with nearly every English edit, which would
	 * re-render every index (see compute_nav_keys). "partial" says enough. */
	kg_val_set_bool(v, "handout", p->handout);
	kg_val_set(v, "audience", audience_value(s, ls, p));
	if (p->updated) {
		kg_date_formatter_format(s->dates, tag, p->updated_year, p->updated_month, p->updated_day,
		                         &b);
		kg_val_set(v, "updated", kg_val_str_take(kg_buf_detach(&b, NULL)));
	}
	kg_buf_release(&b);
	return v;
}

/* Sections come in the order kit.yaml lists the strategies. */
static size_t strategy_rank(const site *s, const char *key)
{
	const kg_term *t = kg_config_strategy(&s->kit.config, key);
	return t ? (size_t)(t - s->kit.config.strategies) : s->kit.config.strategy_count;
}

kg_val *site_index_context(site *s, lang_state *ls, size_t page_index, const char *rel_path)
{
	(void)page_index;
	const char *tag = ls->lang->tag;
	kg_val *root = kg_val_map();
	kg_val *sections = kg_val_list();
	kg_collator *coll = kg_collator_open(s->source->tag);
	/* Sections: first-level folders, in strategy order, then by name. */
	KG_ARRAY(const char *) keys = KG_ARRAY_INIT;
	for (size_t i = 0; i < s->kit.page_count; i++) {
		const char *sec = s->kit.pages[i].section;
		if (!sec[0] || (keys.count && !strcmp(keys.items[keys.count - 1], sec)))
			continue;
		if (rel_path[0] && strcmp(sec, rel_path))
			continue;
		kg_array_push(&keys, sec);
	}
	for (size_t a = 1; a < keys.count; a++) /* insertion sort: a handful of sections */
		for (size_t b = a;
		     b > 0 && strategy_rank(s, keys.items[b - 1]) > strategy_rank(s, keys.items[b]); b--) {
			const char *t = keys.items[b - 1];
			keys.items[b - 1] = keys.items[b];
			keys.items[b] = t;
		}
	size_t total_pages = 0;
	for (size_t k = 0; k < keys.count; k++) {
		kg_val *sec = kg_val_map();
		kg_buf b = KG_BUF_INIT;
		const kg_page *sec_page = kg_kit_find_page(&s->kit, keys.items[k]);
		kg_val_set_str(sec, "key", keys.items[k]);
		if (sec_page) {
			const page_state *ps = &ls->pages[sec_page - s->kit.pages];
			kg_val_set_str(sec, "title", ps->title);
			kg_val_set_str(sec, "title_lang", ps->title_fallback ? s->source->tag : tag);
			if (ps->summary) {
				kg_val_set_str(sec, "summary", ps->summary);
				kg_val_set_str(sec, "summary_lang",
				               ps->summary_fallback ? s->source->tag : tag);
			}
			site_url(rel_path, tag, keys.items[k], &b);
			kg_val_set(sec, "url", kg_val_str_take(kg_buf_detach(&b, NULL)));
		} else {
			kg_val_set_str(sec, "title",
			               site_ui(ls, "strategy", term_label(s, "strategy", keys.items[k])));
			kg_val_set_str(sec, "title_lang", tag);
		}
		KG_ARRAY(sort_item) items = KG_ARRAY_INIT;
		for (size_t i = 0; i < s->kit.page_count; i++) {
			const kg_page *p = &s->kit.pages[i];
			if (p->is_section_index || strcmp(p->section, keys.items[k]))
				continue;
			kg_array_push(&items,
			              (sort_item){i, p->title ? p->title : "", p->order, p->rel_path});
		}
		/* A section page keeps the authors' order (a training sequence). */
		kg_sort(items.items, items.count, sizeof(*items.items),
		        rel_path[0] ? by_order : by_order_and_title, coll);
		kg_val *pages = kg_val_list();
		for (size_t i = 0; i < items.count; i++)
			kg_val_push(pages, entry_value(s, ls, items.items[i].index, rel_path));
		total_pages += items.count;
		kg_val_set(sec, "pages", pages);
		kg_val_set_int(sec, "count", (long long)items.count);
		kg_val_push(sections, sec);
		kg_array_release(&items);
		kg_buf_release(&b);
	}
	kg_array_release(&keys);
	kg_collator_close(coll);
	kg_val_set(root, "sections", sections);
	kg_val_set_int(root, "page_count", (long long)total_pages);
	return root;
}

void site_fill_param(kg_buf *out, const char *pattern, const char *name, const char *value)
{
	const char *at = strstr(pattern, name);
	if (!at) {
		kg_buf_puts(out, pattern);
		return;
	}
	kg_buf_add(out, pattern, (size_t)(at - pattern));
	kg_buf_puts(out, value);
	kg_buf_puts(out, at + strlen(name));
}

kg_val *site_size_value(size_t bytes)
{
	kg_buf human = KG_BUF_INIT;
	if (bytes >= 1024 * 1024)
		kg_buf_printf(&human, "%.1f MB", (double)bytes / (1024.0 * 1024.0));
	else
		kg_buf_printf(&human, "%zu KB",
		              (bytes + 1023) / 1024); /* rounded up: a small file is "1 KB" */
	return kg_val_str_take(kg_buf_detach(&human, NULL));
}
