/* context_schema.c: every value templates are given (context.c,
 * status.c, downloads/language_zip.c, downloads/partners.c), as the dotted paths of
 * kg_tpl_schema_new. The build checks every template against it when it
 * loads them (an unknown name is a located error with a suggestion), a
 * build test checks that the values made match it, and docs/templates.md
 * lists the same names. Static data. */
#include "render/site.h"

#include "kitgen/base/alloc.h"

#include <stdlib.h>
#include <string.h>

#define LANGUAGE(p)                                                                                          \
	p ".tag", p ".name", p ".english_name", p ".dir", p ".rtl", p ".draft", p ".script", p ".same_name", \
	    p ".og_locale"
#define COVERAGE(p)                                                                                         \
	p ".percent", p ".units", p ".translated", p ".fuzzy", p ".untranslated", p ".refused", p ".words", \
	    p ".words_translated"
#define LINK(p) p ".title", p ".title_lang", p ".url"
#define FILE(p) p ".kind", p ".label", p ".url", p ".bytes", p ".size", p ".lang"

const char *const site_context_paths[] = {
    "site.title", "site.title_lang", "site.title_dir", "site.description", "site.base_url",
    "site.source_language", "site.generator", "site.organization.name", "site.organization.phone",
    "site.organization.address", "site.organization.website", "site.organization.website_href",
    "site.organization.logo", "site.sample", LANGUAGE("site.languages[]"), "site.languages[].url",
    LANGUAGE("lang"), "lang.url", "lang.is_source", LANGUAGE("source"), "root", "base_href",
    LANGUAGE("translations[]"), "translations[].url", "translations[].href", "translations[].current",
    "translations[].partial", "translations[].percent",
    /* the page (page.html, and index, section and special pages) */
    "page.title", "page.title_lang", "page.summary", "page.summary_lang", "page.content", "page.toc[].id",
    "page.toc[].text", "page.toc[].level", "page.toc[].fallback", "page.path", "page.source_path",
    "page.permalink", "page.share_image", "page.share_image_square", "page.updated", "page.updated_iso",
    "page.audience[].key", "page.audience[].label", "page.strategy", "page.strategy_label", "page.handout",
    "page.is_section", "page.percent", "page.partial", "page.outdated", "page.draft", "page.reviewed",
    LINK("page.prev"), LINK("page.next"), LINK("page.section"), FILE("page.downloads[]"),
    /* index and section pages */
    "sections[].key", "sections[].title", "sections[].title_lang", "sections[].summary",
    "sections[].summary_lang", "sections[].url", "sections[].count", "sections[].pages[].title",
    "sections[].pages[].title_lang", "sections[].pages[].summary", "sections[].pages[].summary_lang",
    "sections[].pages[].url", "sections[].pages[].available", "sections[].pages[].partial",
    "sections[].pages[].handout", "sections[].pages[].audience[].key", "sections[].pages[].audience[].label",
    "sections[].pages[].updated", "page_count",
    /* status.html */
    "status[].tag", "status[].name", "status[].english_name", "status[].dir", "status[].draft",
    "status[].is_source", "status[].published_pages", "status[].page_count", COVERAGE("status[]"),
    "status[].pages[].path", "status[].pages[].catalog", "status[].pages[].published",
    "status[].reviewed_pages", "status[].review_outdated[].path", "status[].review_outdated[].catalog",
    "status[].review_outdated[].date", COVERAGE("status[].pages[]"),
    /* downloads.html */
    "bundle.url", "bundle.name", "bundle.size", "bundle.bytes", "print_pack.url", "print_pack.name",
    "print_pack.size", "print_pack.bytes", "print_pack.kinds[]", LINK("pages[]"), FILE("pages[].files[]"),
    /* slides.html (with page.* of its page) */
    "deck.slides[].untitled", "deck.slides[].content", "deck.slides[].notes", "deck.count",
    /* partners.html (and pages[] as above) */
    "license.id", "license.name", "license.url", "credit", NULL};

kg_tpl_schema *site_schema_new(const kg_config *cfg)
{
	/* site.vars.<name>: the kit's own vars, so that a misspelled one is an
	 * error too. */
	size_t n = 0;
	while (site_context_paths[n])
		n++;
	const char **paths = kg_calloc(n + cfg->var_count + 1, sizeof(char *));
	kg_buf *names = kg_calloc(cfg->var_count + 1, sizeof(kg_buf));
	memcpy(paths, site_context_paths, n * sizeof(char *));
	for (size_t i = 0; i < cfg->var_count; i++) {
		names[i] = (kg_buf)KG_BUF_INIT;
		kg_buf_printf(&names[i], "site.vars.%s", cfg->vars[i].name);
		paths[n + i] = names[i].data;
	}
	kg_tpl_schema *schema = kg_tpl_schema_new(paths);
	for (size_t i = 0; i < cfg->var_count; i++)
		kg_buf_release(&names[i]);
	free(names);
	free(paths);
	return schema;
}

int site_render(site *s, lang_state *ls, const char *template_name, const kg_val *root, kg_buf *html)
{
	if (s->check_values) { /* a test hook: every value must be in the schema */
		kg_buf problems = KG_BUF_INIT;
		kg_tpl_schema_check_value(s->check_values, root, &problems);
		if (problems.len)
			kg_error(s->diags, template_name, 0, 0,
			         "values that templates/context_schema.c does not list:\n%s", problems.data);
		int bad = problems.len > 0;
		kg_buf_release(&problems);
		if (bad)
			return -1;
	}
	kg_translator tr;
	return kg_templates_render(s->templates, template_name, root, ls ? site_translator(ls, &tr) : NULL,
	                           html, s->diags);
}
