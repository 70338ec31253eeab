/* test_office.c: DOCX and ODT copies (office/) taken apart with libarchive
 * and libxml2 — every XML part well-formed; a translation holding markup
 * or a control character stays text (no element injected, U+FFFD for the
 * control); the language on every run, Urdu paragraphs right to left;
 * headings, nested lists, quotes and links as the formats' own; ODF's
 * mimetype first and stored; the same bytes and zip times (UTC) from the
 * same request whatever the time zone. */
#include "kitgen/office/office.h"

#include <archive.h>
#include <archive_entry.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#define MTIME 1793536496LL /* 2026-11-01 12:34:56 UTC */

/* Markup (escaped in Markdown: raw HTML is not text) and a control
 * character in the "translation": both must stay text. */
static const char page_md[] =
    "Intro with **bold** and *italic* and a [link](https://example.org/x).\n\n"
    "## Heading two\n\n"
    "- one\n  - nested \x01 item\n- two \\</w:t\\>\\</w:r\\>\\</w:p\\>\\<w:p\\>INJECTED\n\n"
    "> a quote \\</text:p\\>\\<text:p\\>INJECTED\n\n"
    "1. first\n2. second\n";

static kg_office_request request(cmark_node *doc, const char *lang, int rtl)
{
	return (kg_office_request){
	    .doc = doc,
	    .title = "Title \x02 <b>not bold</b> & more",
	    .title_lang = lang,
	    .lang = lang,
	    .source_lang = "en",
	    .rtl = rtl,
	    .font_family = rtl ? "Noto Nastaliq Urdu" : "Noto Sans",
	    .draft_notice = "Draft",
	    .source_label = "Online: {url}",
	    .url = "https://example.org/safety-kit/x/",
	    .mtime = MTIME,
	    .display_path = "out/x/x.docx",
	};
}

/* The part called name in zip, NUL-terminated (caller frees), or NULL;
 * *first gets whether it is the first entry. */
static char *part(const kg_buf *zip, const char *name, size_t *len, int *first, time_t *mtime)
{
	struct archive *a = archive_read_new();
	archive_read_support_format_zip(a);
	assert_int_equal(archive_read_open_memory(a, zip->data, zip->len), ARCHIVE_OK);
	struct archive_entry *e;
	char *found = NULL;
	for (int i = 0; archive_read_next_header(a, &e) == ARCHIVE_OK; i++) {
		if (strcmp(archive_entry_pathname(e), name))
			continue;
		size_t size = (size_t)archive_entry_size(e);
		found = malloc(size + 1);
		assert_int_equal(archive_read_data(a, found, size), (la_ssize_t)size);
		found[size] = 0;
		if (len)
			*len = size;
		if (first)
			*first = i == 0;
		if (mtime)
			*mtime = archive_entry_mtime(e);
		break;
	}
	archive_read_free(a);
	return found;
}

static xmlDocPtr parse_part(const kg_buf *zip, const char *name)
{
	size_t len;
	char *xml = part(zip, name, &len, NULL, NULL);
	assert_non_null(xml);
	xmlDocPtr doc = xmlReadMemory(xml, (int)len, name, "UTF-8", XML_PARSE_NONET); /* no recovery */
	free(xml);
	if (!doc)
		fail_msg("%s is not well-formed XML", name);
	return doc;
}

static int count(xmlDocPtr doc, const char *xpath)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathRegisterNs(ctx, BAD_CAST "w",
	                   BAD_CAST "http://schemas.openxmlformats.org/wordprocessingml/2006/main");
	xmlXPathRegisterNs(ctx, BAD_CAST "text", BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:text:1.0");
	xmlXPathRegisterNs(ctx, BAD_CAST "style", BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:style:1.0");
	xmlXPathRegisterNs(ctx, BAD_CAST "office",
	                   BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:office:1.0");
	xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST xpath, ctx);
	assert_non_null(r);
	int n = r->type == XPATH_NUMBER ? (int)r->floatval : r->nodesetval ? r->nodesetval->nodeNr : 0;
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
	return n;
}

static char *all_text(xmlDocPtr doc) { return (char *)xmlNodeGetContent(xmlDocGetRootElement(doc)); }

static void write_file(kg_office_format format, const char *lang, int rtl, kg_buf *out)
{
	cmark_node *doc = cmark_parse_document(page_md, sizeof(page_md) - 1, CMARK_OPT_DEFAULT);
	kg_office_request req = request(doc, lang, rtl);
	kg_diags d;
	kg_diags_init(&d);
	assert_int_equal(kg_office_write(&req, format, out, &d), 0);
	assert_int_equal(d.count, 0);
	kg_diags_release(&d);
	cmark_node_free(doc);
}

static void test_docx(void **state)
{
	(void)state;
	kg_buf zip = KG_BUF_INIT;
	write_file(KG_OFFICE_DOCX, "ur", 1, &zip);
	static const char *const parts[] = {"[Content_Types].xml", "_rels/.rels",
	                                    "docProps/core.xml",   "word/styles.xml",
	                                    "word/numbering.xml",  "word/_rels/document.xml.rels"};
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		xmlFreeDoc(parse_part(&zip, parts[i]));
	xmlDocPtr doc = parse_part(&zip, "word/document.xml");
	char *text = all_text(doc);
	/* Markup stays text; the control characters became U+FFFD. */
	assert_non_null(strstr(text, "</w:t></w:r></w:p><w:p>INJECTED"));
	assert_non_null(strstr(text, "Title \xEF\xBF\xBD <b>not bold</b> & more"));
	assert_non_null(strstr(text, "nested \xEF\xBF\xBD item"));
	assert_null(strchr(text, '\x01'));
	xmlFree(text);
	/* Title, notice, intro, heading, 3 list items, quote, 2 numbered, source line. */
	assert_int_equal(count(doc, "//w:body/w:p"), 11);
	assert_int_equal(count(doc, "//w:p[w:pPr/w:pStyle/@w:val='Heading2']"), 1);
	assert_int_equal(count(doc, "//w:p[w:pPr/w:pStyle/@w:val='Quote']"), 1);
	assert_int_equal(count(doc, "//w:p[w:pPr/w:numPr/w:ilvl/@w:val='1']"), 1); /* the nested item */
	assert_int_equal(count(doc, "//w:hyperlink"), 2); /* the link, the source line */
	/* Every run names Urdu (w:bidi: a complex script); every paragraph is RTL. */
	int runs = count(doc, "//w:r[w:t]");
	assert_true(runs >= 12);
	assert_int_equal(count(doc, "//w:r[w:t][w:rPr/w:lang[@w:val='ur' and @w:bidi='ur']]"), runs);
	assert_int_equal(count(doc, "//w:body/w:p[w:pPr/w:bidi]"), 11);
	xmlFreeDoc(doc);
	/* No macro, no external template: only the parts written. */
	char *rels = part(&zip, "word/_rels/document.xml.rels", NULL, NULL, NULL);
	assert_null(strstr(rels, "attachedTemplate"));
	assert_null(part(&zip, "word/vbaProject.bin", NULL, NULL, NULL));
	free(rels);
	kg_buf_release(&zip);
}

static void test_docx_east_asian_language(void **state)
{
	(void)state;
	kg_buf zip = KG_BUF_INIT;
	write_file(KG_OFFICE_DOCX, "zh-Hant", 0, &zip);
	xmlDocPtr doc = parse_part(&zip, "word/document.xml");
	int runs = count(doc, "//w:r[w:t]");
	assert_int_equal(count(doc, "//w:r[w:t][w:rPr/w:lang[@w:val='zh-Hant' and @w:eastAsia='zh-Hant']]"),
	                 runs);
	assert_int_equal(count(doc, "//w:pPr/w:bidi"), 0);
	xmlFreeDoc(doc);
	kg_buf_release(&zip);
}

static void test_odt(void **state)
{
	(void)state;
	kg_buf zip = KG_BUF_INIT;
	write_file(KG_OFFICE_ODT, "ur", 1, &zip);
	/* mimetype: the first entry, stored, no extra field, type at byte 38. */
	const unsigned char *p = (const unsigned char *)zip.data;
	assert_int_equal(p[8] | p[9] << 8, 0);   /* stored */
	assert_int_equal(p[28] | p[29] << 8, 0); /* no extra field */
	assert_memory_equal(zip.data + 30, "mimetype", 8);
	assert_memory_equal(zip.data + 38, "application/vnd.oasis.opendocument.text", 39);
	int first = 0;
	free(part(&zip, "mimetype", NULL, &first, NULL));
	assert_true(first);
	xmlFreeDoc(parse_part(&zip, "META-INF/manifest.xml"));
	xmlFreeDoc(parse_part(&zip, "meta.xml"));
	xmlDocPtr styles = parse_part(&zip, "styles.xml");
	assert_int_equal(count(styles,
	                       "//style:default-style[@style:family='paragraph']/style:paragraph-properties"
	                       "[@style:writing-mode='rl-tb']"),
	                 1);
	assert_int_equal(count(styles,
	                       "//style:default-style/style:text-properties[@style:language-complex='ur' and "
	                       "@style:font-name-complex='Noto Nastaliq Urdu']"),
	                 1);
	xmlFreeDoc(styles);
	xmlDocPtr doc = parse_part(&zip, "content.xml");
	char *text = all_text(doc);
	assert_non_null(strstr(text, "</text:p><text:p>INJECTED"));
	assert_non_null(strstr(text, "nested \xEF\xBF\xBD item"));
	xmlFree(text);
	assert_int_equal(count(doc, "//text:h[@text:outline-level='2']"), 1);
	assert_int_equal(count(doc, "//text:list//text:list"), 1); /* nested */
	assert_int_equal(count(doc, "//text:a"), 2);
	xmlFreeDoc(doc);
	kg_buf_release(&zip);
}

static void test_same_bytes_and_utc_times(void **state)
{
	(void)state;
	for (int f = 0; f < 2; f++) {
		kg_buf a = KG_BUF_INIT, b = KG_BUF_INIT;
		setenv("TZ", "UTC", 1);
		tzset();
		write_file((kg_office_format)f, "vi", 0, &a);
		setenv("TZ", "Pacific/Kiritimati", 1); /* UTC+14 */
		tzset();
		write_file((kg_office_format)f, "vi", 0, &b);
		assert_int_equal(a.len, b.len);
		assert_memory_equal(a.data, b.data, a.len);
		setenv("TZ", "UTC", 1);
		tzset();
		time_t t = 0;
		free(part(&a, f == KG_OFFICE_DOCX ? "word/document.xml" : "content.xml", NULL, NULL, &t));
		assert_int_equal((long long)t, MTIME); /* DOS times: even seconds, and 56 is */
		kg_buf_release(&a);
		kg_buf_release(&b);
	}
}

/* ---- drawn SVGs are kept by their bytes, never by their path ---- */

static const char *svg_path_of(void *ctx, const char *url)
{
	(void)url;
	return ctx;
}

static void write_svg(const char *path, const char *fill)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f,
	        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\">"
	        "<rect width=\"40\" height=\"20\" fill=\"%s\"/></svg>",
	        fill);
	fclose(f);
}

/* The PNG the document made of the page's one SVG (caller frees). */
static char *drawn_png(kg_office_format format, const char *svg, size_t *len)
{
	static const char md[] = "A picture:\n\n![a box](box.svg)\n";
	cmark_node *doc = cmark_parse_document(md, sizeof(md) - 1, CMARK_OPT_DEFAULT);
	kg_office_request req = request(doc, "vi", 0);
	req.image_path = svg_path_of;
	req.ctx = (void *)svg;
	kg_buf out = KG_BUF_INIT;
	kg_diags d;
	kg_diags_init(&d);
	assert_int_equal(kg_office_write(&req, format, &out, &d), 0);
	kg_diags_release(&d);
	cmark_node_free(doc);
	char *png = part(&out, format == KG_OFFICE_DOCX ? "word/media/image1.png" : "Pictures/image1.png",
	                 len, NULL, NULL);
	assert_non_null(png);
	assert_memory_equal(png, "\x89PNG", 4);
	kg_buf_release(&out);
	return png;
}

static void test_drawn_svgs_follow_the_bytes(void **state)
{
	(void)state;
	char dir[] = "/tmp/kitgen-office-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char svg[64];
	snprintf(svg, sizeof(svg), "%s/box.svg", dir);
	write_svg(svg, "#c00000");
	size_t red_len, odt_len, blue_len, again_len;
	char *red = drawn_png(KG_OFFICE_DOCX, svg, &red_len);
	char *odt = drawn_png(KG_OFFICE_ODT, svg, &odt_len); /* drawn once, kept: the same bytes */
	assert_int_equal(odt_len, red_len);
	assert_memory_equal(odt, red, red_len);
	write_svg(svg, "#0000c0"); /* the same path, other bytes: drawn again */
	char *blue = drawn_png(KG_OFFICE_DOCX, svg, &blue_len);
	assert_false(blue_len == red_len && !memcmp(blue, red, red_len));
	write_svg(svg, "#c00000");
	char *again = drawn_png(KG_OFFICE_ODT, svg, &again_len);
	assert_int_equal(again_len, red_len);
	assert_memory_equal(again, red, red_len);
	free(red);
	free(odt);
	free(blue);
	free(again);
	unlink(svg);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_docx),
	    cmocka_unit_test(test_docx_east_asian_language),
	    cmocka_unit_test(test_odt),
	    cmocka_unit_test(test_same_bytes_and_utc_times),
	    cmocka_unit_test(test_drawn_svgs_follow_the_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
