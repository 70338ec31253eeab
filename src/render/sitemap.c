/* sitemap.c: the sitemaps, written with libxml2's xmlwriter.
 * out/sitemap.xml is a sitemap index (sitemaps.org) listing one sitemap
 * per language, out/sitemap-<lang>.xml: one <url> per page of the
 * language, each listing every language of the same page as xhtml:link
 * alternates (with x-default pointing at the source language).
 *
 * Why an index and not one file: the protocol caps a sitemap at 50,000
 * URLs and 50 MB, and one file of every language's URLs, each with every
 * language's alternates, grows with pages × languages²: 56 MB at 5,000
 * pages in 8 languages, 50,000 URLs at 3,200 pages in 16. It also had to
 * be held whole in memory. A language's sitemap is cut into parts
 * (sitemap-<lang>-2.xml, ...) before either limit is reached.
 *
 * An incremental build keeps a language's files when nothing they show
 * (the kit, the pages, their dates, where each is published) changed. */
#include "render/site.h"
#include "kitgen/base/hash.h"

#include "kitgen/base/alloc.h"

#include <libxml/xmlwriter.h>
#include <string.h>

#define SITEMAPS_NS "http://www.sitemaps.org/schemas/sitemap/0.9"
#define MAX_URLS 50000                /* per sitemap file, the protocol's limit */
#define MAX_BYTES (49u * 1024 * 1024) /* 50 MB, less room for the entry that crosses it */

static void page_href(const site *s, const char *tag, const char *rel, kg_buf *out)
{
	kg_buf_reset(out);
	kg_buf_printf(out, "%s%s/", s->kit.config.base_url, tag);
	if (rel[0])
		kg_buf_printf(out, "%s/", rel);
}

/* "sitemap-vi.xml", "sitemap-vi-2.xml": part (from 1) of tag's sitemap. */
static void part_name(const char *tag, size_t part, kg_buf *out)
{
	kg_buf_reset(out);
	if (part == 1)
		kg_buf_printf(out, "sitemap-%s.xml", tag);
	else
		kg_buf_printf(out, "sitemap-%s-%zu.xml", tag, part);
}

static void write_alternate(xmlTextWriterPtr w, const char *hreflang, const char *href)
{
	xmlTextWriterStartElement(w, BAD_CAST "xhtml:link");
	xmlTextWriterWriteAttribute(w, BAD_CAST "rel", BAD_CAST "alternate");
	xmlTextWriterWriteAttribute(w, BAD_CAST "hreflang", BAD_CAST hreflang);
	xmlTextWriterWriteAttribute(w, BAD_CAST "href", BAD_CAST href);
	xmlTextWriterEndElement(w);
}

/* What the sitemaps show: the kit (base URL, languages), every page's
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

/* A sitemap being written: one part of a language's. */
typedef struct part_writer {
	xmlBufferPtr buffer;
	xmlTextWriterPtr w;
	size_t urls;
} part_writer;

static void part_begin(part_writer *pw)
{
	pw->buffer = xmlBufferCreate();
	pw->w = xmlNewTextWriterMemory(pw->buffer, 0);
	pw->urls = 0;
	xmlTextWriterSetIndent(pw->w, 1);
	xmlTextWriterSetIndentString(pw->w, BAD_CAST "  ");
	xmlTextWriterStartDocument(pw->w, "1.0", "UTF-8", NULL);
	xmlTextWriterStartElement(pw->w, BAD_CAST "urlset");
	xmlTextWriterWriteAttribute(pw->w, BAD_CAST "xmlns", BAD_CAST SITEMAPS_NS);
	xmlTextWriterWriteAttribute(pw->w, BAD_CAST "xmlns:xhtml", BAD_CAST "http://www.w3.org/1999/xhtml");
}

/* Ends the part and writes it as rel; 0 or -1. */
static int part_end(site *s, part_writer *pw, const char *rel)
{
	xmlTextWriterEndElement(pw->w);
	xmlTextWriterEndDocument(pw->w);
	xmlFreeTextWriter(pw->w);
	int rc = kg_outdir_write(&s->out, rel, xmlBufferContent(pw->buffer),
	                         (size_t)xmlBufferLength(pw->buffer), s->diags);
	xmlBufferFree(pw->buffer);
	return rc;
}

/* Writes language l's sitemap in parts; *parts: how many (none for a
 * language with no page published). 0 or -1. */
static int write_language(site *s, size_t l, size_t *parts)
{
	const lang_state *ls = &s->langs[l];
	int has_home = kg_kit_find_page(&s->kit, "") != NULL;
	size_t count = s->kit.page_count + !has_home, published = !has_home;
	for (size_t i = 0; i < s->kit.page_count; i++)
		published += ls->pages[i].published != 0;
	*parts = 0;
	if (!published) /* the protocol wants one <url> at least */
		return 0;
	kg_buf href = KG_BUF_INIT, rel = KG_BUF_INIT;
	part_writer pw;
	int rc = 0;
	*parts = 1;
	part_begin(&pw);
	for (size_t i = 0; i < count; i++) {
		const kg_page *page = i < s->kit.page_count ? &s->kit.pages[i] : NULL;
		const char *path = page ? page->rel_path : "";
		if (page && !ls->pages[i].published)
			continue;
		if (pw.urls == (s->sitemap_max_urls ? s->sitemap_max_urls : MAX_URLS) ||
		    (xmlTextWriterFlush(pw.w), (size_t)xmlBufferLength(pw.buffer)) >= MAX_BYTES) {
			part_name(ls->lang->tag, *parts, &rel);
			rc |= part_end(s, &pw, rel.data);
			++*parts;
			part_begin(&pw);
		}
		xmlTextWriterStartElement(pw.w, BAD_CAST "url");
		page_href(s, ls->lang->tag, path, &href);
		xmlTextWriterWriteElement(pw.w, BAD_CAST "loc", BAD_CAST href.data);
		if (page && page->updated)
			xmlTextWriterWriteElement(pw.w, BAD_CAST "lastmod", BAD_CAST page->updated);
		for (size_t a = 0; a < s->lang_count; a++) {
			const lang_state *alt = &s->langs[a];
			if (page && !alt->pages[i].published)
				continue;
			page_href(s, alt->lang->tag, path, &href);
			write_alternate(pw.w, alt->lang->tag, href.data);
		}
		page_href(s, s->source->tag, path, &href);
		write_alternate(pw.w, "x-default", href.data);
		xmlTextWriterEndElement(pw.w);
		pw.urls++;
	}
	part_name(ls->lang->tag, *parts, &rel);
	rc |= part_end(s, &pw, rel.data);
	kg_buf_release(&href);
	kg_buf_release(&rel);
	return rc;
}

/* Keeps the previous build's parts of tag's sitemap; 1 when all were there. */
static int keep_parts(site *s, const char *tag, size_t parts)
{
	kg_buf rel = KG_BUF_INIT;
	int ok = 1;
	for (size_t part = 1; ok && part <= parts; part++) {
		part_name(tag, part, &rel);
		ok = kg_outdir_keep_previous(&s->out, rel.data);
	}
	kg_buf_release(&rel);
	return ok;
}

int site_write_sitemap(site *s)
{
	uint64_t key = sitemap_key(s);
	int rc = 0;
	xmlBufferPtr buffer = xmlBufferCreate();
	xmlTextWriterPtr w = xmlNewTextWriterMemory(buffer, 0);
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, BAD_CAST "  ");
	xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
	xmlTextWriterStartElement(w, BAD_CAST "sitemapindex");
	xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns", BAD_CAST SITEMAPS_NS);
	kg_buf name = KG_BUF_INIT, loc = KG_BUF_INIT;
	for (size_t l = 0; l < s->lang_count; l++) {
		const char *tag = s->langs[l].lang->tag;
		/* out_key: the number of parts written */
		site_file_record old, record = {.key = key};
		if (site_previous_same(s, tag, "\x01sitemap", key, &old) && keep_parts(s, tag, old.out_key)) {
			record = old;
		} else {
			size_t parts;
			rc |= write_language(s, l, &parts);
			record.out_key = parts;
		}
		site_record(s, tag, "\x01sitemap", &record);
		for (size_t part = 1; part <= record.out_key; part++) {
			part_name(tag, part, &name);
			kg_buf_reset(&loc);
			kg_buf_printf(&loc, "%s%s", s->kit.config.base_url, name.data);
			xmlTextWriterStartElement(w, BAD_CAST "sitemap");
			xmlTextWriterWriteElement(w, BAD_CAST "loc", BAD_CAST loc.data);
			xmlTextWriterEndElement(w);
		}
	}
	xmlTextWriterEndElement(w);
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	rc |= kg_outdir_write(&s->out, "sitemap.xml", xmlBufferContent(buffer),
	                      (size_t)xmlBufferLength(buffer), s->diags);
	xmlBufferFree(buffer);
	kg_buf_release(&name);
	kg_buf_release(&loc);
	return rc;
}
