/* odt.c: a page as OpenDocument Text (ODF 1.2 package): content.xml with
 * the standard style names (Title, Heading 1-6 as text:h with outline
 * levels, Quotations, Preformatted Text), lists as text:list (numbered
 * lists from their own start), links as text:a, images embedded under
 * Pictures/ in draw:frame. The page's language and font sit in the
 * default style (fo:language, style:language-asian or
 * style:language-complex, and the matching font); paragraphs and spans
 * kept in the source language carry its language in their own styles;
 * paragraphs of a right-to-left language are rl-tb. Owns its writers and
 * buffers for one call. */
#include "office/office_internal.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OFFICE_NS "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define STYLE_NS "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define TEXT_NS "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define FO_NS "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
#define SVG_NS "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
#define DRAW_NS "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
#define XLINK_NS "http://www.w3.org/1999/xlink"

typedef struct odt_media {
	const char *path; /* borrowed from the request's callback */
	int ok;
	office_image image;
} odt_media;

typedef struct odt {
	const kg_office_request *req;
	xmlTextWriterPtr w;
	kg_buf run;
	int bold, italic, source, link, para_source;
	int quote_depth, list_depth;
	odt_media *media;
	size_t media_count;
	int frame_id;
} odt;

static void start(xmlTextWriterPtr w, const char *name) { xmlTextWriterStartElement(w, BAD_CAST name); }
static void end(xmlTextWriterPtr w) { xmlTextWriterEndElement(w); }
static void attr(xmlTextWriterPtr w, const char *name, const char *value)
{
	xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST value);
}

/* Automatic text styles: T<bits>, bits = bold 1, italic 2, code 4,
 * source language 8 (all sixteen are declared). */
static void span_start(odt *d, int code)
{
	int bits = (d->bold ? 1 : 0) | (d->italic ? 2 : 0) | (code ? 4 : 0) | (d->source ? 8 : 0);
	char name[8];
	snprintf(name, sizeof(name), "T%d", bits);
	start(d->w, "text:span");
	attr(d->w, "text:style-name", name);
}

/* Text with runs of spaces, tabs and line breaks as ODF writes them. */
static void write_spaced(odt *d, const char *text)
{
	xmlTextWriterPtr w = d->w;
	kg_buf chunk = KG_BUF_INIT;
	for (const char *p = text; *p;) {
		size_t n = strcspn(p, " \t\n");
		kg_buf_reset(&chunk);
		kg_buf_add(&chunk, p, n);
		if (n)
			office_write_text(w, chunk.data);
		p += n;
		if (*p == ' ') {
			size_t k = strspn(p, " ");
			office_write_text(w, " ");
			if (k > 1) {
				start(w, "text:s");
				xmlTextWriterWriteFormatAttribute(w, BAD_CAST "text:c", "%zu", k - 1);
				end(w);
			}
			p += k;
		} else if (*p == '\t') {
			start(w, "text:tab");
			end(w);
			p++;
		} else if (*p == '\n') {
			start(w, "text:line-break");
			end(w);
			p++;
		}
	}
	kg_buf_release(&chunk);
}

static void text_run(odt *d, const char *text, int code)
{
	if (!text[0])
		return;
	int styled = d->bold || d->italic || code || d->source;
	if (styled)
		span_start(d, code);
	write_spaced(d, text);
	if (styled)
		end(d->w);
}

static void flush(odt *d)
{
	if (!d->run.len)
		return;
	kg_buf filled = KG_BUF_INIT;
	if (d->req->fill_text)
		d->req->fill_text(d->req->ctx, d->run.data, &filled);
	else
		kg_buf_add(&filled, d->run.data, d->run.len);
	text_run(d, filled.data, 0);
	kg_buf_release(&filled);
	kg_buf_reset(&d->run);
}

static int link_target(odt *d, const char *url, kg_buf *out)
{
	kg_buf filled = KG_BUF_INIT;
	if (d->req->fill_text)
		d->req->fill_text(d->req->ctx, url, &filled);
	else
		kg_buf_puts(&filled, url);
	int ok = 0;
	if (kg_url_is_unsafe(filled.data) || strstr(filled.data, "{{") || filled.data[0] == '[')
		ok = 0;
	else if (kg_url_has_scheme(filled.data))
		ok = (kg_buf_puts(out, filled.data), 1);
	else if (d->req->link_url)
		ok = d->req->link_url(d->req->ctx, filled.data, out) == 0;
	kg_buf_release(&filled);
	return ok;
}

static odt_media *media_for(odt *d, const char *path, size_t *index)
{
	for (size_t i = 0; i < d->media_count; i++)
		if (!strcmp(d->media[i].path, path)) {
			*index = i;
			return &d->media[i];
		}
	d->media = kg_realloc(d->media, (d->media_count + 1) * sizeof(*d->media));
	odt_media *m = &d->media[d->media_count];
	*index = d->media_count++;
	memset(m, 0, sizeof(*m));
	m->path = path;
	m->ok = office_image_load(path, &m->image) == 0;
	return m;
}

static void image(odt *d, cmark_node *n)
{
	const kg_office_request *req = d->req;
	xmlTextWriterPtr w = d->w;
	kg_buf alt = KG_BUF_INIT;
	office_alt_text(req, n, &alt);
	const char *path = req->image_path ? req->image_path(req->ctx, cmark_node_get_url(n)) : NULL;
	size_t index = 0;
	odt_media *m = path ? media_for(d, path, &index) : NULL;
	if (!m || !m->ok) {
		text_run(d, alt.data, 0);
		kg_buf_release(&alt);
		return;
	}
	double height_in = m->image.width_in * m->image.height / m->image.width;
	char buf[64];
	start(w, "draw:frame");
	snprintf(buf, sizeof(buf), "Image%d", ++d->frame_id);
	attr(w, "draw:name", buf);
	attr(w, "text:anchor-type", "as-char");
	snprintf(buf, sizeof(buf), "%.3fin", m->image.width_in);
	attr(w, "svg:width", buf);
	snprintf(buf, sizeof(buf), "%.3fin", height_in);
	attr(w, "svg:height", buf);
	start(w, "draw:image");
	snprintf(buf, sizeof(buf), "Pictures/image%zu.png", index + 1);
	attr(w, "xlink:href", buf);
	attr(w, "xlink:type", "simple");
	attr(w, "xlink:show", "embed");
	attr(w, "xlink:actuate", "onLoad");
	attr(w, "draw:mime-type", "image/png");
	end(w);
	start(w, "svg:desc");
	office_write_text(w, alt.data);
	end(w);
	end(w); /* frame */
	kg_buf_release(&alt);
}

static void inlines(odt *d, cmark_node *parent)
{
	xmlTextWriterPtr w = d->w;
	for (cmark_node *c = cmark_node_first_child(parent); c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_TEXT) {
			kg_buf_puts(&d->run, cmark_node_get_literal(c));
			continue;
		}
		if (t == CMARK_NODE_SOFTBREAK) {
			kg_buf_putc(&d->run, ' ');
			continue;
		}
		flush(d);
		switch (t) {
		case CMARK_NODE_CODE: text_run(d, cmark_node_get_literal(c), 1); break;
		case CMARK_NODE_LINEBREAK:
			start(w, "text:line-break");
			end(w);
			break;
		case CMARK_NODE_EMPH:
			d->italic++;
			inlines(d, c);
			d->italic--;
			break;
		case CMARK_NODE_STRONG:
			d->bold++;
			inlines(d, c);
			d->bold--;
			break;
		case CMARK_NODE_CUSTOM_INLINE:
			d->source++;
			inlines(d, c);
			d->source--;
			break;
		case CMARK_NODE_LINK: {
			kg_buf url = KG_BUF_INIT;
			if (d->link || !link_target(d, cmark_node_get_url(c), &url)) {
				inlines(d, c);
			} else {
				start(w, "text:a");
				attr(w, "xlink:type", "simple");
				kg_buf clean = KG_BUF_INIT;
				office_clean_text(url.data, url.len, &clean);
				attr(w, "xlink:href", clean.data);
				kg_buf_release(&clean);
				d->link++;
				inlines(d, c);
				flush(d);
				d->link--;
				end(w);
			}
			kg_buf_release(&url);
			break;
		}
		case CMARK_NODE_IMAGE: image(d, c); break;
		default: break;
		}
	}
	flush(d);
}

/* Automatic paragraph styles: "<base>_page" and "<base>_src" for each
 * named style (declared in content.xml), the page's language or the
 * source's, with its direction. */
static const char *const bases[] = {"Title",
                                    "Text_20_body",
                                    "Heading_20_1",
                                    "Heading_20_2",
                                    "Heading_20_3",
                                    "Heading_20_4",
                                    "Heading_20_5",
                                    "Heading_20_6",
                                    "Quotations",
                                    "Preformatted_20_Text",
                                    "List_20_Contents",
                                    "Draft_20_Notice",
                                    "Source_20_Link",
                                    "Horizontal_20_Line",
                                    NULL};

static void paragraph_start(odt *d, const char *element, const char *base)
{
	char name[48];
	if (d->quote_depth && !strcmp(base, "Text_20_body"))
		base = "Quotations";
	else if (d->list_depth && !strcmp(base, "Text_20_body"))
		base = "List_20_Contents";
	snprintf(name, sizeof(name), "%s_%s", base, d->para_source ? "src" : "page");
	start(d->w, element);
	attr(d->w, "text:style-name", name);
}

static void blocks(odt *d, cmark_node *parent);

static void block(odt *d, cmark_node *n)
{
	xmlTextWriterPtr w = d->w;
	int was_source = d->para_source;
	if (d->req->fallback_marker && cmark_node_get_user_data(n) == d->req->fallback_marker)
		d->para_source = 1;
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
		paragraph_start(d, "text:p", "Text_20_body");
		inlines(d, n);
		end(w);
		break;
	case CMARK_NODE_HEADING: {
		char base[16], level[4];
		int l = cmark_node_get_heading_level(n);
		snprintf(base, sizeof(base), "Heading_20_%d", l);
		snprintf(level, sizeof(level), "%d", l);
		paragraph_start(d, "text:h", base);
		attr(w, "text:outline-level", level);
		inlines(d, n);
		end(w);
		break;
	}
	case CMARK_NODE_BLOCK_QUOTE:
		d->quote_depth++;
		blocks(d, n);
		d->quote_depth--;
		break;
	case CMARK_NODE_LIST: {
		int ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
		start(w, "text:list");
		if (!d->list_depth)
			attr(w, "text:style-name", ordered ? "L_numbers" : "L_bullets");
		d->list_depth++;
		int first = 1;
		for (cmark_node *item = cmark_node_first_child(n); item; item = cmark_node_next(item)) {
			start(w, "text:list-item");
			if (first && ordered) {
				char s[16];
				snprintf(s, sizeof(s), "%d", cmark_node_get_list_start(n));
				attr(w, "text:start-value", s);
			}
			first = 0;
			if (!cmark_node_first_child(item)) { /* an empty item still shows its marker */
				paragraph_start(d, "text:p", "Text_20_body");
				end(w);
			}
			blocks(d, item);
			end(w);
		}
		d->list_depth--;
		end(w);
		break;
	}
	case CMARK_NODE_CODE_BLOCK: {
		paragraph_start(d, "text:p", "Preformatted_20_Text");
		const char *lit = cmark_node_get_literal(n);
		kg_buf code = KG_BUF_INIT;
		size_t len = strlen(lit);
		while (len && lit[len - 1] == '\n')
			len--;
		kg_buf_add(&code, lit, len);
		write_spaced(d, code.data);
		kg_buf_release(&code);
		end(w);
		break;
	}
	case CMARK_NODE_THEMATIC_BREAK:
		paragraph_start(d, "text:p", "Horizontal_20_Line");
		end(w);
		break;
	case CMARK_NODE_CUSTOM_BLOCK: blocks(d, n); break;
	default: break;
	}
	d->para_source = was_source;
}

static void blocks(odt *d, cmark_node *parent)
{
	for (cmark_node *c = cmark_node_first_child(parent); c; c = cmark_node_next(c))
		block(d, c);
}

/* fo:language and friends for lang, in the slot its script uses, and the
 * matching font. */
static void language_properties(xmlTextWriterPtr w, const char *lang, const char *family)
{
	kg_buf language = KG_BUF_INIT;
	const char *dash = strchr(lang, '-');
	kg_buf_add(&language, lang, dash ? (size_t)(dash - lang) : strlen(lang));
	office_script script = office_script_of(lang);
	const char *slots[3][2] = {{"fo:language", "style:font-name"},
	                           {"style:language-asian", "style:font-name-asian"},
	                           {"style:language-complex", "style:font-name-complex"}};
	attr(w, slots[script][0], language.data);
	if (family)
		attr(w, slots[script][1], family);
	if (script != OFFICE_LATIN) /* Latin letters and digits inside the text */
		attr(w, "fo:language", language.data);
	kg_buf_release(&language);
}

static void font_face(xmlTextWriterPtr w, const char *family)
{
	start(w, "style:font-face");
	attr(w, "style:name", family);
	kg_buf quoted = KG_BUF_INIT;
	kg_buf_printf(&quoted, "'%s'", family);
	attr(w, "svg:font-family", quoted.data);
	kg_buf_release(&quoted);
	end(w);
}

static void root_namespaces(xmlTextWriterPtr w)
{
	attr(w, "xmlns:office", OFFICE_NS);
	attr(w, "xmlns:style", STYLE_NS);
	attr(w, "xmlns:text", TEXT_NS);
	attr(w, "xmlns:fo", FO_NS);
	attr(w, "xmlns:svg", SVG_NS);
	attr(w, "xmlns:draw", DRAW_NS);
	attr(w, "xmlns:xlink", XLINK_NS);
	attr(w, "office:version", "1.2");
}

static void font_faces(odt *d)
{
	xmlTextWriterPtr w = d->w;
	const char *family = d->req->font_family ? d->req->font_family : "Noto Sans";
	start(w, "office:font-face-decls");
	font_face(w, "Noto Sans");
	font_face(w, "Noto Sans Mono");
	if (strcmp(family, "Noto Sans"))
		font_face(w, family);
	end(w);
}

static void paragraph_style(xmlTextWriterPtr w, const char *name, const char *parent, const char *family)
{
	start(w, "style:style");
	attr(w, "style:name", name);
	attr(w, "style:family", "paragraph");
	if (parent)
		attr(w, "style:parent-style-name", parent);
	if (family)
		attr(w, "style:class", family);
}

static void write_styles_xml(odt *d, kg_buf *xml)
{
	xmlBufferPtr buffer = xmlBufferCreate();
	xmlTextWriterPtr w = xmlNewTextWriterMemory(buffer, 0);
	d->w = w;
	const char *family = d->req->font_family ? d->req->font_family : "Noto Sans";
	xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
	start(w, "office:document-styles");
	root_namespaces(w);
	font_faces(d);
	start(w, "office:styles");
	start(w, "style:default-style");
	attr(w, "style:family", "paragraph");
	start(w, "style:paragraph-properties");
	attr(w, "style:writing-mode", d->req->rtl ? "rl-tb" : "lr-tb");
	end(w);
	start(w, "style:text-properties");
	if (office_script_of(d->req->lang) != OFFICE_LATIN) /* Latin's is the language's (below) */
		attr(w, "style:font-name", "Noto Sans");
	attr(w, "fo:font-size", "11pt");
	attr(w, "style:font-size-asian", "11pt");
	attr(w, "style:font-size-complex", "11pt");
	language_properties(w, d->req->lang, family);
	end(w);
	end(w); /* default-style */
	static const struct {
		const char *name, *display, *parent, *size, *bold, *margin_top, *margin_left;
		int outline;
	} named[] = {
	    {"Standard", "Standard", NULL, NULL, NULL, NULL, NULL, 0},
	    {"Text_20_body", "Text body", "Standard", NULL, NULL, "0in", NULL, 0},
	    {"Title", "Title", "Standard", "22pt", "bold", NULL, NULL, 0},
	    {"Heading", "Heading", "Standard", NULL, "bold", "0.17in", NULL, 0},
	    {"Heading_20_1", "Heading 1", "Heading", "18pt", "bold", NULL, NULL, 1},
	    {"Heading_20_2", "Heading 2", "Heading", "15pt", "bold", NULL, NULL, 2},
	    {"Heading_20_3", "Heading 3", "Heading", "13pt", "bold", NULL, NULL, 3},
	    {"Heading_20_4", "Heading 4", "Heading", "12pt", "bold", NULL, NULL, 4},
	    {"Heading_20_5", "Heading 5", "Heading", "11pt", "bold", NULL, NULL, 5},
	    {"Heading_20_6", "Heading 6", "Heading", "11pt", "bold", NULL, NULL, 6},
	    {"Quotations", "Quotations", "Standard", NULL, NULL, NULL, "0.4in", 0},
	    {"Preformatted_20_Text", "Preformatted Text", "Standard", "10pt", NULL, NULL, NULL, 0},
	    {"List_20_Contents", "List Contents", "Standard", NULL, NULL, NULL, NULL, 0},
	    {"Draft_20_Notice", "Draft Notice", "Standard", NULL, NULL, NULL, NULL, 0},
	    {"Source_20_Link", "Source Link", "Standard", "9pt", NULL, "0.17in", NULL, 0},
	    {"Horizontal_20_Line", "Horizontal Line", "Standard", NULL, NULL, NULL, NULL, 0},
	};
	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		paragraph_style(w, named[i].name, named[i].parent, named[i].outline ? "text" : NULL);
		attr(w, "style:display-name", named[i].display);
		if (named[i].outline) {
			char level[4];
			snprintf(level, sizeof(level), "%d", named[i].outline);
			attr(w, "style:default-outline-level", level);
		}
		start(w, "style:paragraph-properties");
		attr(w, "fo:margin-bottom", "0.08in");
		if (named[i].margin_top)
			attr(w, "fo:margin-top", named[i].margin_top);
		if (named[i].margin_left)
			attr(w, "fo:margin-left", named[i].margin_left);
		if (!strcmp(named[i].name, "Draft_20_Notice")) {
			attr(w, "fo:background-color", "#fff4cc");
			attr(w, "fo:border", "0.02in solid #8a6d00");
			attr(w, "fo:padding", "0.05in");
		}
		if (!strcmp(named[i].name, "Horizontal_20_Line"))
			attr(w, "fo:border-bottom", "0.01in solid #999999");
		end(w);
		if (named[i].size || named[i].bold || !strcmp(named[i].name, "Preformatted_20_Text")) {
			start(w, "style:text-properties");
			if (named[i].size) {
				attr(w, "fo:font-size", named[i].size);
				attr(w, "style:font-size-asian", named[i].size);
				attr(w, "style:font-size-complex", named[i].size);
			}
			if (named[i].bold) {
				attr(w, "fo:font-weight", "bold");
				attr(w, "style:font-weight-asian", "bold");
				attr(w, "style:font-weight-complex", "bold");
			}
			if (!strcmp(named[i].name, "Preformatted_20_Text"))
				attr(w, "style:font-name", "Noto Sans Mono");
			end(w);
		}
		end(w);
	}
	end(w); /* styles */
	end(w); /* document-styles */
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	kg_buf_add(xml, xmlBufferContent(buffer), (size_t)xmlBufferLength(buffer));
	xmlBufferFree(buffer);
	d->w = NULL;
}

static void automatic_styles(odt *d)
{
	xmlTextWriterPtr w = d->w;
	const kg_office_request *req = d->req;
	start(w, "office:automatic-styles");
	for (int page = 1; page >= 0; page--) {
		for (size_t i = 0; bases[i]; i++) {
			char name[48];
			snprintf(name, sizeof(name), "%s_%s", bases[i], page ? "page" : "src");
			paragraph_style(w, name, bases[i], NULL);
			start(w, "style:paragraph-properties");
			int rtl = page && req->rtl;
			attr(w, "style:writing-mode", rtl ? "rl-tb" : "lr-tb");
			attr(w, "fo:text-align", "start");
			end(w);
			if (!page) {
				start(w, "style:text-properties");
				language_properties(w, req->source_lang, NULL);
				end(w);
			}
			end(w);
		}
	}
	for (int bits = 0; bits < 16; bits++) {
		char name[8];
		snprintf(name, sizeof(name), "T%d", bits);
		start(w, "style:style");
		attr(w, "style:name", name);
		attr(w, "style:family", "text");
		start(w, "style:text-properties");
		if (bits & 1) {
			attr(w, "fo:font-weight", "bold");
			attr(w, "style:font-weight-asian", "bold");
			attr(w, "style:font-weight-complex", "bold");
		}
		if (bits & 2) {
			attr(w, "fo:font-style", "italic");
			attr(w, "style:font-style-asian", "italic");
			attr(w, "style:font-style-complex", "italic");
		}
		if (bits & 4)
			attr(w, "style:font-name", "Noto Sans Mono");
		if (bits & 8)
			language_properties(w, req->source_lang, NULL);
		end(w);
		end(w);
	}
	for (int ordered = 0; ordered < 2; ordered++) {
		start(w, "text:list-style");
		attr(w, "style:name", ordered ? "L_numbers" : "L_bullets");
		for (int l = 1; l <= 10; l++) {
			char level[4], indent[16];
			snprintf(level, sizeof(level), "%d", l);
			snprintf(indent, sizeof(indent), "%.2fin", 0.25 * (l + 1));
			start(w, ordered ? "text:list-level-style-number" : "text:list-level-style-bullet");
			attr(w, "text:level", level);
			if (ordered) {
				attr(w, "style:num-format", "1");
				attr(w, "style:num-suffix", ".");
			} else {
				attr(w, "text:bullet-char",
				     l % 3 == 1   ? "\xE2\x80\xA2"
				     : l % 3 == 2 ? "\xE2\x97\xA6"
				                  : "\xE2\x96\xAA");
			}
			start(w, "style:list-level-properties");
			attr(w, "text:list-level-position-and-space-mode", "label-alignment");
			start(w, "style:list-level-label-alignment");
			attr(w, "text:label-followed-by", "listtab");
			attr(w, "fo:text-indent", "-0.25in");
			attr(w, "fo:margin-left", indent);
			end(w);
			end(w);
			end(w);
		}
		end(w);
	}
	end(w);
}

static void write_content(odt *d, kg_buf *xml)
{
	const kg_office_request *req = d->req;
	xmlBufferPtr buffer = xmlBufferCreate();
	xmlTextWriterPtr w = xmlNewTextWriterMemory(buffer, 0);
	d->w = w;
	xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
	start(w, "office:document-content");
	root_namespaces(w);
	font_faces(d);
	automatic_styles(d);
	start(w, "office:body");
	start(w, "office:text");
	d->para_source = strcmp(req->title_lang, req->lang) != 0;
	paragraph_start(d, "text:p", "Title");
	text_run(d, req->title, 0);
	end(w);
	d->para_source = 0;
	if (req->draft_notice) {
		paragraph_start(d, "text:p", "Draft_20_Notice");
		text_run(d, req->draft_notice, 0);
		end(w);
	}
	blocks(d, req->doc);
	if (req->source_label && req->url) {
		const char *at = strstr(req->source_label, "{url}");
		kg_buf before = KG_BUF_INIT;
		kg_buf_add(&before, req->source_label,
		           at ? (size_t)(at - req->source_label) : strlen(req->source_label));
		paragraph_start(d, "text:p", "Source_20_Link");
		text_run(d, before.data, 0);
		start(w, "text:a");
		attr(w, "xlink:type", "simple");
		attr(w, "xlink:href", req->url);
		text_run(d, req->url, 0);
		end(w);
		if (at)
			text_run(d, at + 5, 0);
		end(w);
		kg_buf_release(&before);
	}
	end(w); /* text */
	end(w); /* body */
	end(w); /* document-content */
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	kg_buf_add(xml, xmlBufferContent(buffer), (size_t)xmlBufferLength(buffer));
	xmlBufferFree(buffer);
	d->w = NULL;
}

int office_write_odt(const kg_office_request *req, kg_buf *out, kg_diags *diags)
{
	odt d = {.req = req, .run = KG_BUF_INIT};
	kg_buf content = KG_BUF_INIT, styles = KG_BUF_INIT, meta = KG_BUF_INIT, manifest = KG_BUF_INIT;
	write_content(&d, &content);
	write_styles_xml(&d, &styles);
	kg_buf clean = KG_BUF_INIT;
	office_clean_text(req->title, strlen(req->title), &clean);
	kg_buf_puts(
	    &meta,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-meta xmlns:office=\"" OFFICE_NS
	    "\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:meta=\"urn:oasis:names:tc:"
	    "opendocument:xmlns:meta:1.0\" office:version=\"1.2\"><office:meta>"
	    "<meta:generator>kitgen</meta:generator><dc:title>");
	kg_buf_puts_html(&meta, clean.data);
	kg_buf_printf(&meta, "</dc:title><dc:language>%s</dc:language></office:meta></office:document-meta>",
	              req->lang);
	kg_buf_release(&clean);
	kg_buf_puts(
	    &manifest,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest:manifest "
	    "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">"
	    "<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.2\" "
	    "manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
	    "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
	    "<manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/>"
	    "<manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/>");
	static const char mimetype[] = "application/vnd.oasis.opendocument.text";
	office_part *parts = kg_calloc(5 + d.media_count, sizeof(*parts));
	char **names = kg_calloc(d.media_count + 1, sizeof(char *));
	size_t n = 0;
	parts[n++] = (office_part){"mimetype", mimetype, sizeof(mimetype) - 1};
	parts[n++] = (office_part){"content.xml", content.data, content.len};
	parts[n++] = (office_part){"styles.xml", styles.data, styles.len};
	parts[n++] = (office_part){"meta.xml", meta.data, meta.len};
	for (size_t i = 0; i < d.media_count; i++) {
		if (!d.media[i].ok)
			continue;
		kg_buf name = KG_BUF_INIT;
		kg_buf_printf(&name, "Pictures/image%zu.png", i + 1);
		kg_buf_printf(
		    &manifest,
		    "<manifest:file-entry manifest:full-path=\"%s\" manifest:media-type=\"image/png\"/>",
		    name.data);
		names[i] = kg_buf_detach(&name, NULL);
		parts[n++] = (office_part){names[i], d.media[i].image.data, d.media[i].image.len};
	}
	kg_buf_puts(&manifest, "</manifest:manifest>");
	parts[n++] = (office_part){"META-INF/manifest.xml", manifest.data, manifest.len};
	int rc = office_package(req, parts, n, out, diags);
	for (size_t i = 0; i < d.media_count; i++) {
		free(names[i]);
		office_image_release(&d.media[i].image);
	}
	free(names);
	free(parts);
	free(d.media);
	kg_buf_release(&d.run);
	kg_buf_release(&content);
	kg_buf_release(&styles);
	kg_buf_release(&meta);
	kg_buf_release(&manifest);
	return rc;
}
