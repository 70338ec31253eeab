/* partners.c: each language's page for partners who republish the kit
 * (out/<lang>/partners/index.html, templates/partners.html): the licence
 * kit.yaml names (license:, with its name and link), the credit line to
 * print, who to contact (the organization's vars), and every page's files
 * — share images, Word and OpenDocument copies, PDF handouts, text — in
 * one table. Made from the files this build wrote or kept, before the
 * zips (which hold it); kept as it was when no page of the language
 * changed. Owns its values for one call. */
#include "downloads/downloads.h"

#include "kitgen/base/hash.h"

#include <string.h>

/* The page's files with each url made relative to the partner page
 * (out/<lang>/partners/): a page lists its own files by name, and another
 * language's (the source's PDFs of a page not translated yet, with a
 * lang) relative to itself. Caller owns the list (kg_val_unref()). */
static kg_val *partner_page_urls(const kg_val *files, const char *page_rel)
{
	kg_val *out = kg_val_list();
	kg_buf url = KG_BUF_INIT;
	for (size_t i = 0; i < kg_val_len(files); i++) {
		const kg_val *f = kg_val_at(files, i);
		kg_val *copy = kg_val_map();
		for (size_t k = 0; k < kg_val_len(f); k++)
			kg_val_set(copy, kg_val_key_at(f, k), kg_val_ref(kg_val_value_at(f, k)));
		const char *name = kg_val_as_str(kg_val_get(f, "url"));
		const kg_val *lang = kg_val_get(f, "lang");
		kg_buf_reset(&url);
		if (lang) { /* another language's: its file name after the last '/' */
			const char *slash = strrchr(name, '/');
			kg_buf_printf(&url, "../../%s/%s%s%s", kg_val_as_str(lang), page_rel,
			              page_rel[0] ? "/" : "", slash ? slash + 1 : name);
		} else
			kg_buf_printf(&url, "../%s%s%s", page_rel, page_rel[0] ? "/" : "", name);
		kg_val_set_str(copy, "url", url.data);
		kg_val_push(out, copy);
	}
	kg_buf_release(&url);
	return out;
}

static int write_partner_page(site *s, lang_state *ls)
{
	const kg_config *cfg = &s->kit.config;
	const char *tag = ls->lang->tag;
	kg_buf rel = KG_BUF_INIT;
	kg_buf_printf(&rel, "%s/partners/index.html", tag);
	uint64_t key = kg_hash64(&s->global_key, sizeof(s->global_key), 50);
	for (size_t p = 0; p < s->kit.page_count; p++) {
		uint64_t parts[4] = {key, ls->pages[p].key, s->page_nav[p], (uint64_t)ls->pages[p].published};
		key = kg_hash64(parts, sizeof(parts), 51);
	}
	site_file_record old, record = {.key = key};
	site_record(s, tag, "\x01partners", &record);
	if (site_previous_same(s, tag, "\x01partners", key, &old) &&
	    kg_outdir_keep_previous(&s->out, rel.data)) {
		kg_buf_release(&rel);
		return 0;
	}
	kg_val *root = site_context(s, ls, "partners", NULL);
	kg_val *page = kg_val_map();
	kg_val_set_str(page, "title", site_ui_string(ls, KG_UI_PARTNERS));
	kg_val_set_str(page, "title_lang", tag);
	kg_val_set(root, "page", page);
	const kg_license *license = kg_license_find(cfg->license);
	if (license) {
		kg_val *l = kg_val_map();
		kg_val_set_str(l, "id", license->id);
		kg_val_set_str(l, "name", license->name);
		kg_val_set_str(l, "url", license->url);
		kg_val_set(root, "license", l);
	}
	/* The credit line, in the language: "{kit}, {organization}, {url}". */
	const char *org = cfg->organization.name ? kg_placeholders_get(&ls->vars, "org_name", 8) : NULL;
	kg_buf a = KG_BUF_INIT, b = KG_BUF_INIT, url = KG_BUF_INIT;
	kg_buf_printf(&url, "%s%s/", cfg->base_url, tag);
	site_fill_param(&a, site_ui_string(ls, KG_UI_CREDIT), "{kit}", ls->kit_title);
	site_fill_param(&b, a.data, "{organization}", org ? org : "");
	kg_buf_reset(&a);
	site_fill_param(&a, b.data, "{url}", url.data);
	kg_val_set_str(root, "credit", a.data);
	kg_buf_release(&a);
	kg_buf_release(&b);
	kg_buf_release(&url);
	kg_val *pages = kg_val_list();
	for (size_t p = 0; p < s->kit.page_count; p++) {
		const page_state *ps = &ls->pages[p];
		if (!ps->published)
			continue;
		kg_val *listed = kg_val_list();
		if (site_page_has_own_files(ls, p)) {
			downloads_partner_list(s, ls, p, 1, listed); /* share images first */
			kg_val *rest = downloads_page_list(s, ls, p);
			for (size_t i = 0; i < kg_val_len(rest); i++)
				kg_val_push(listed, kg_val_ref(kg_val_at(rest, i)));
			kg_val_unref(rest);
		} else {
			downloads_source_list(s, ls, p, 1, listed); /* labelled: in English */
		}
		kg_val *pv = downloads_page_entry(s, ls, p, "partners");
		kg_val_set(pv, "files", partner_page_urls(listed, s->kit.pages[p].rel_path));
		kg_val_unref(listed);
		kg_val_push(pages, pv);
	}
	kg_val_set(root, "pages", pages);
	kg_buf html = KG_BUF_INIT;
	int rc = site_render(s, ls, "partners.html", root, &html);
	if (rc == 0)
		rc = kg_outdir_write(&s->out, rel.data, html.data, html.len, s->diags);
	kg_buf_release(&html);
	kg_val_unref(root);
	kg_buf_release(&rel);
	return rc;
}

int downloads_write_partner_pages(site *s)
{
	int rc = 0;
	for (size_t l = 0; l < s->lang_count && kg_templates_has(s->templates, "partners.html"); l++)
		rc |= write_partner_page(s, &s->langs[l]);
	return rc;
}
