/* feed.c: one Atom feed per language (out/<lang>/feed.xml, RFC 4287),
 * written with libxml2's xmlwriter: the pages that have an `updated`
 * date, newest first, with their titles and summaries in the language
 * (xml:lang says which, as a title may have fallen back to the source).
 *
 * When is a change news in a language? An entry's date is the front
 * matter's `updated`, which the English edit sets. A translation that the
 * edit left outdated (units fuzzy because the English changed under them,
 * or untranslated because the English added them) would announce an
 * update its readers cannot see yet, so a page is in a language's feed
 * only while its translation is complete (no fuzzy or untranslated unit);
 * once the translation is updated it comes back with the new date. A page
 * never fully translated is not announced in that language. The source
 * language's feed has every dated page. Nothing here reads a clock: the
 * feed's own <updated> is its newest entry's date.
 *
 * An incremental build keeps a language's feed when nothing it shows
 * changed. Owns its libxml2 writer for one call. */
#include "render/site.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/hash.h"
#include "kitgen/base/sort.h"
#include "kitgen/base/utf8.h"

#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

typedef struct feed_entry {
	size_t page;
	const char *updated; /* YYYY-MM-DD */
	const char *rel;
} feed_entry;

static int newest_first(const void *a, const void *b, void *ctx)
{
	(void)ctx;
	const feed_entry *x = a, *y = b;
	int c = strcmp(y->updated, x->updated);
	return c ? c : strcmp(x->rel, y->rel);
}

/* A page's entry in ls: dated, published, and its translation complete. */
static int in_feed(const lang_state *ls, const kg_page *page, size_t p)
{
	const page_state *ps = &ls->pages[p];
	return page->updated && ps->published &&
	       (ls->is_source || (ps->coverage.fuzzy == 0 && ps->coverage.untranslated == 0));
}

/* Writes text as an XML text node; a character XML 1.0 does not allow
 * (refused in translations; none in YAML) becomes U+FFFD. */
static void write_text(xmlTextWriterPtr w, const char *name, const char *lang, const char *text)
{
	kg_buf clean = KG_BUF_INIT;
	size_t len = strlen(text);
	while (len) {
		size_t ok = kg_utf8_xml_invalid(text, len, NULL);
		kg_buf_add(&clean, text, ok);
		if (ok == len)
			break;
		kg_buf_puts(&clean, "\xEF\xBF\xBD");
		size_t skip = (unsigned char)text[ok] == 0xEF ? 3 : 1;
		text += ok + skip;
		len -= ok + skip;
	}
	xmlTextWriterStartElement(w, BAD_CAST name);
	if (lang)
		xmlTextWriterWriteAttribute(w, BAD_CAST "xml:lang", BAD_CAST lang);
	xmlTextWriterWriteString(w, BAD_CAST(clean.len ? clean.data : ""));
	xmlTextWriterEndElement(w);
	kg_buf_release(&clean);
}

static void link(xmlTextWriterPtr w, const char *rel, const char *type, const char *href)
{
	xmlTextWriterStartElement(w, BAD_CAST "link");
	xmlTextWriterWriteAttribute(w, BAD_CAST "rel", BAD_CAST rel);
	xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST type);
	xmlTextWriterWriteAttribute(w, BAD_CAST "href", BAD_CAST href);
	xmlTextWriterEndElement(w);
}

static uint64_t feed_key(const site *s, const lang_state *ls)
{
	uint64_t key = kg_hash64(&s->global_key, sizeof(s->global_key), 40);
	for (size_t p = 0; p < s->kit.page_count; p++) {
		const kg_page *page = &s->kit.pages[p];
		uint64_t parts[3] = {key, ls->pages[p].key, (uint64_t)in_feed(ls, page, p)};
		key = kg_hash64(parts, sizeof(parts), 41);
	}
	return key;
}

static int write_feed(site *s, lang_state *ls)
{
	const kg_config *cfg = &s->kit.config;
	const char *tag = ls->lang->tag, *src = s->source->tag;
	kg_buf rel = KG_BUF_INIT, href = KG_BUF_INIT, text = KG_BUF_INIT;
	kg_buf_printf(&rel, "%s/feed.xml", tag);
	uint64_t key = feed_key(s, ls);
	site_file_record old, record = {.key = key};
	site_record(s, tag,
	            "\x01"
	            "feed",
	            &record);
	if (site_previous_same(s, tag,
	                       "\x01"
	                       "feed",
	                       key, &old) &&
	    kg_outdir_keep_previous(&s->out, rel.data)) {
		kg_buf_release(&rel);
		return 0;
	}
	feed_entry *entries = kg_calloc(s->kit.page_count + 1, sizeof(*entries));
	size_t count = 0;
	for (size_t p = 0; p < s->kit.page_count; p++)
		if (in_feed(ls, &s->kit.pages[p], p))
			entries[count++] = (feed_entry){p, s->kit.pages[p].updated, s->kit.pages[p].rel_path};
	kg_sort(entries, count, sizeof(*entries), newest_first, NULL);

	xmlBufferPtr buffer = xmlBufferCreate();
	xmlTextWriterPtr w = xmlNewTextWriterMemory(buffer, 0);
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, BAD_CAST "  ");
	xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
	xmlTextWriterStartElement(w, BAD_CAST "feed");
	xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns", BAD_CAST "http://www.w3.org/2005/Atom");
	xmlTextWriterWriteAttribute(w, BAD_CAST "xml:lang", BAD_CAST tag);
	kg_buf_printf(&href, "%s%s", cfg->base_url, rel.data);
	xmlTextWriterWriteElement(w, BAD_CAST "id", BAD_CAST href.data);
	int title_translated = ls->kit_title != cfg->title;
	write_text(w, "title", title_translated ? NULL : src, ls->kit_title);
	if (ls->kit_description)
		write_text(w, "subtitle", ls->kit_description != cfg->description ? NULL : src,
		           ls->kit_description);
	link(w, "self", "application/atom+xml", href.data);
	kg_buf_reset(&href);
	kg_buf_printf(&href, "%s%s/", cfg->base_url, tag);
	link(w, "alternate", "text/html", href.data);
	kg_buf_printf(&text, "%sT00:00:00Z", count ? entries[0].updated : "1980-01-01");
	xmlTextWriterWriteElement(w, BAD_CAST "updated", BAD_CAST text.data);
	/* Atom wants an author: the organization, else the kit. */
	const char *org = cfg->organization.name ? kg_placeholders_get(&ls->vars, "org_name", 8) : NULL;
	xmlTextWriterStartElement(w, BAD_CAST "author");
	write_text(w, "name", NULL, org && org[0] ? org : ls->kit_title);
	xmlTextWriterEndElement(w);
	xmlTextWriterWriteElement(w, BAD_CAST "generator", BAD_CAST "kitgen");
	for (size_t i = 0; i < count; i++) {
		const kg_page *page = &s->kit.pages[entries[i].page];
		const page_state *ps = &ls->pages[entries[i].page];
		xmlTextWriterStartElement(w, BAD_CAST "entry");
		kg_buf_reset(&href);
		kg_buf_printf(&href, "%s%s/%s%s", cfg->base_url, tag, page->rel_path,
		              page->rel_path[0] ? "/" : "");
		xmlTextWriterWriteElement(w, BAD_CAST "id", BAD_CAST href.data);
		kg_buf_reset(&text);
		kg_fill_placeholders(&ls->vars, ps->title, &text);
		write_text(w, "title", ps->title_fallback ? src : NULL, text.data);
		link(w, "alternate", "text/html", href.data);
		kg_buf_reset(&text);
		kg_buf_printf(&text, "%sT00:00:00Z", page->updated);
		xmlTextWriterWriteElement(w, BAD_CAST "updated", BAD_CAST text.data);
		if (ps->summary) {
			kg_buf_reset(&text);
			kg_fill_placeholders(&ls->vars, ps->summary, &text);
			write_text(w, "summary", ps->summary_fallback ? src : NULL, text.data);
		}
		xmlTextWriterEndElement(w);
	}
	xmlTextWriterEndElement(w);
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	int rc = kg_outdir_write(&s->out, rel.data, xmlBufferContent(buffer), (size_t)xmlBufferLength(buffer),
	                         s->diags);
	xmlBufferFree(buffer);
	free(entries);
	kg_buf_release(&rel);
	kg_buf_release(&href);
	kg_buf_release(&text);
	return rc;
}

int site_write_feeds(site *s)
{
	int rc = 0;
	for (size_t l = 0; l < s->lang_count; l++)
		rc |= write_feed(s, &s->langs[l]);
	return rc;
}
