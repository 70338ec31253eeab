/* sitemap.c: out/sitemap.xml, written with libxml2's xmlwriter: one <url>
 * per page and language, each listing every language of the same page as
 * xhtml:link alternates (with x-default pointing at the source language).
 * An incremental build keeps the previous file when nothing it shows (the
 * kit, the pages, their dates, where each is published) changed. */
#include "render/site.h"
#include "kitgen/base/hash.h"

#include "kitgen/base/alloc.h"

#include <libxml/xmlwriter.h>
#include <string.h>

static void page_href(const site *s, const char *tag, const char *rel, kg_buf *out)
{
	kg_buf_reset(out);
	kg_buf_printf(out, "%s%s/", s->kit.config.base_url, tag);
	if (rel[0])
		kg_buf_printf(out, "%s/", rel);
}

static void write_alternate(xmlTextWriterPtr w, const char *hreflang, const char *href)
{
	xmlTextWriterStartElement(w, BAD_CAST "xhtml:link");
	xmlTextWriterWriteAttribute(w, BAD_CAST "rel", BAD_CAST "alternate");
	xmlTextWriterWriteAttribute(w, BAD_CAST "hreflang", BAD_CAST hreflang);
	xmlTextWriterWriteAttribute(w, BAD_CAST "href", BAD_CAST href);
	xmlTextWriterEndElement(w);
}

/* What the sitemap shows: the kit (base URL, languages), every page's
 * path and date, and where each is published. */
static uint64_t sitemap_key(const site *s)
{
	uint64_t key = kg_hash64(&s->global_key, sizeof(s->global_key), 30);
	for (size_t p = 0; p < s->kit.page_count; p++) {
		const kg_page *page = &s->kit.pages[p];
		uint64_t parts[3] = {key, kg_hash64(page->rel_path, strlen(page->rel_path) + 1, 31),
		                     page->updated ? kg_hash64(page->updated, strlen(page->updated), 32) : 0};
		key = kg_hash64(parts, sizeof(parts), 33);
		for (size_t l = 0; l < s->lang_count; l++) {
			uint64_t more[2] = {key, (uint64_t)s->langs[l].pages[p].published};
			key = kg_hash64(more, sizeof(more), 34);
		}
	}
	return key;
}

int site_write_sitemap(site *s)
{
	uint64_t key = sitemap_key(s);
	site_file_record old, record = {.key = key};
	site_record(s, "", "\x01sitemap", &record);
	if (site_previous_same(s, "", "\x01sitemap", key, &old) &&
	    kg_outdir_keep_previous(&s->out, "sitemap.xml"))
		return 0;
	xmlBufferPtr buffer = xmlBufferCreate();
	xmlTextWriterPtr w = xmlNewTextWriterMemory(buffer, 0);
	kg_buf href = KG_BUF_INIT;
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, BAD_CAST "  ");
	xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
	xmlTextWriterStartElement(w, BAD_CAST "urlset");
	xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns",
	                            BAD_CAST "http://www.sitemaps.org/schemas/sitemap/0.9");
	xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:xhtml", BAD_CAST "http://www.w3.org/1999/xhtml");
	int has_home = kg_kit_find_page(&s->kit, "") != NULL;
	size_t count = s->kit.page_count + !has_home;
	for (size_t i = 0; i < count; i++) {
		const kg_page *page = i < s->kit.page_count ? &s->kit.pages[i] : NULL;
		const char *rel = page ? page->rel_path : "";
		for (size_t l = 0; l < s->lang_count; l++) {
			const lang_state *ls = &s->langs[l];
			if (page && !ls->pages[i].published)
				continue;
			xmlTextWriterStartElement(w, BAD_CAST "url");
			page_href(s, ls->lang->tag, rel, &href);
			xmlTextWriterWriteElement(w, BAD_CAST "loc", BAD_CAST href.data);
			if (page && page->updated)
				xmlTextWriterWriteElement(w, BAD_CAST "lastmod", BAD_CAST page->updated);
			for (size_t a = 0; a < s->lang_count; a++) {
				const lang_state *alt = &s->langs[a];
				if (page && !alt->pages[i].published)
					continue;
				page_href(s, alt->lang->tag, rel, &href);
				write_alternate(w, alt->lang->tag, href.data);
			}
			page_href(s, s->source->tag, rel, &href);
			write_alternate(w, "x-default", href.data);
			xmlTextWriterEndElement(w);
		}
	}
	xmlTextWriterEndElement(w);
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	int rc = kg_outdir_write(&s->out, "sitemap.xml", xmlBufferContent(buffer),
	                         (size_t)xmlBufferLength(buffer), s->diags);
	xmlBufferFree(buffer);
	kg_buf_release(&href);
	return rc;
}
