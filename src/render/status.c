/* status.c: the translation status report the build publishes:
 * out/<lang>/status/index.html in every language and out/status/index.html
 * in the source language (through the "status.html" template), and
 * out/status/status.json, the same figures `kitgen status` prints. Borrows the site's coverage; owns nothing. */
#include "render/site.h"

#include "kitgen/base/json.h"

#include "kitgen/base/alloc.h"

#include <string.h>

static void json_coverage(kg_json *j, const kg_coverage *c)
{
	static const char *const names[] = {"percent",      "units",   "translated", "fuzzy",
	                                    "untranslated", "refused", "words",      "words_translated"};
	const size_t values[] = {(size_t)kg_coverage_percent(c),
	                         c->units,
	                         c->translated,
	                         c->fuzzy,
	                         c->untranslated,
	                         c->refused,
	                         c->words,
	                         c->words_translated};
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		kg_json_key(j, names[i]);
		kg_json_uint(j, values[i]);
	}
}

static kg_val *coverage_value(const kg_coverage *c)
{
	kg_val *v = kg_val_map();
	kg_val_set_int(v, "percent", kg_coverage_percent(c));
	kg_val_set_int(v, "units", (long long)c->units);
	kg_val_set_int(v, "translated", (long long)c->translated);
	kg_val_set_int(v, "fuzzy", (long long)c->fuzzy);
	kg_val_set_int(v, "untranslated", (long long)c->untranslated);
	kg_val_set_int(v, "refused", (long long)c->refused);
	kg_val_set_int(v, "words", (long long)c->words);
	kg_val_set_int(v, "words_translated", (long long)c->words_translated);
	return v;
}

int site_write_status(site *s)
{
	kg_buf json = KG_BUF_INIT;
	kg_val *langs = kg_val_list();
	/* Every page in every language is tens of thousands of template values
	 * in a large kit: made only for a status.html that asks for them. */
	int want_pages = kg_templates_uses_key(s->templates, "status.html", "pages");
	kg_json j;
	kg_json_init(&j, &json, 0);
	kg_json_object_begin(&j, "\n  ", "\n");
	kg_json_key(&j, "languages");
	kg_json_array_begin(&j, "\n    ", "\n  ");
	for (size_t l = 0; l < s->lang_count; l++) {
		const lang_state *ls = &s->langs[l];
		kg_json_object_begin(&j, NULL, NULL);
		kg_json_key(&j, "tag");
		kg_json_string(&j, ls->lang->tag);
		kg_json_key(&j, "name");
		kg_json_string(&j, ls->lang->name);
		kg_json_key(&j, "status");
		kg_json_string(&j, ls->lang->status == KG_STATUS_DRAFT ? "draft" : "reviewed");
		kg_json_key(&j, "source");
		kg_json_bool(&j, ls->is_source);
		kg_json_key(&j, "published_pages");
		kg_json_uint(&j, ls->published);
		json_coverage(&j, &ls->total);
		kg_json_key_line(&j, "pages", "\n     ");
		kg_json_array_begin(&j, "\n       ", NULL);
		kg_val *lv = coverage_value(&ls->total);
		kg_val_set_str(lv, "tag", ls->lang->tag);
		kg_val_set_str(lv, "name", ls->lang->name);
		kg_val_set_str(lv, "english_name", ls->lang->english_name);
		kg_val_set_str(lv, "dir", ls->lang->rtl ? "rtl" : "ltr");
		kg_val_set_bool(lv, "draft", ls->lang->status == KG_STATUS_DRAFT);
		kg_val_set_bool(lv, "is_source", ls->is_source);
		kg_val_set_int(lv, "published_pages", (long long)ls->published);
		kg_val_set_int(lv, "page_count", (long long)s->kit.page_count);
		kg_val *pages = want_pages ? kg_val_list() : NULL;
		kg_val *outdated = kg_val_list();
		size_t reviewed = 0;
		for (size_t p = 0; p < s->kit.page_count; p++) {
			const page_state *ps = &ls->pages[p];
			kg_json_object_begin(&j, NULL, NULL);
			kg_json_key(&j, "path");
			kg_json_string(&j, s->kit.pages[p].source_path);
			kg_json_key(&j, "catalog");
			kg_json_string(&j, ps->po_display);
			kg_json_key(&j, "published");
			kg_json_bool(&j, ps->published);
			kg_json_key(&j, "review");
			kg_json_string(&j, ps->review == KG_REVIEW_CURRENT    ? "reviewed"
			                   : ps->review == KG_REVIEW_OUTDATED ? "outdated"
			                                                      : "none");
			if (ps->review_date) {
				kg_json_key(&j, "review_date");
				kg_json_string(&j, ps->review_date);
			}
			json_coverage(&j, &ps->coverage);
			kg_json_end(&j);
			if (ps->review == KG_REVIEW_OUTDATED) {
				/* Few, and what a coordinator must act on: always listed. */
				kg_val *o = kg_val_map();
				kg_val_set_str(o, "path", s->kit.pages[p].source_path);
				kg_val_set_str(o, "catalog", ps->po_display);
				kg_val_set_str(o, "date", ps->review_date);
				kg_val_push(outdated, o);
			}
			reviewed += ps->review == KG_REVIEW_CURRENT;
			if (!want_pages)
				continue;
			kg_val *pv = coverage_value(&ps->coverage);
			kg_val_set_str(pv, "path", s->kit.pages[p].source_path);
			kg_val_set_str(pv, "catalog", ps->po_display);
			kg_val_set_bool(pv, "published", ps->published);
			kg_val_push(pages, pv);
		}
		kg_json_end(&j);
		kg_json_end(&j);
		if (pages)
			kg_val_set(lv, "pages", pages);
		kg_val_set(lv, "review_outdated", outdated);
		kg_val_set_int(lv, "reviewed_pages", (long long)reviewed);
		kg_val_push(langs, lv);
	}
	kg_json_end(&j);
	kg_json_end(&j);
	kg_buf_putc(&json, '\n');
	int rc = kg_outdir_write(&s->out, "status/status.json", json.data, json.len, s->diags);
	/* The page in every language (each footer links to its own), and in
	 * the source language at status/ beside status.json. */
	for (size_t l = 0; rc == 0 && kg_templates_has(s->templates, "status.html") && l <= s->lang_count;
	     l++) {
		lang_state *ls =
		    l < s->lang_count ? &s->langs[l] : &s->langs[s->source - s->kit.config.languages];
		kg_val *root = site_context(s, ls, "status", l < s->lang_count ? "../../" : "../");
		kg_val_set(root, "status", kg_val_ref(langs));
		kg_val *page = kg_val_map();
		kg_val_set_str(page, "title", site_ui(ls, NULL, "Translation status"));
		kg_val_set(root, "page", page);
		kg_buf html = KG_BUF_INIT, path = KG_BUF_INIT;
		if (l < s->lang_count)
			kg_buf_printf(&path, "%s/", ls->lang->tag);
		kg_buf_puts(&path, "status/index.html");
		rc = site_render(s, ls, "status.html", root, &html);
		if (rc == 0)
			rc = kg_outdir_write(&s->out, path.data, html.data, html.len, s->diags);
		kg_buf_release(&html);
		kg_buf_release(&path);
		kg_val_unref(root);
	}
	kg_val_unref(langs);
	kg_buf_release(&json);
	return rc;
}
