/* docx.c: a page as Office Open XML (ECMA-376, transitional): the body in
 * word/document.xml with Word's built-in style names (Title, heading 1-6,
 * Quote, List Paragraph), lists through word/numbering.xml (each list
 * numbered from its own start), links as external relationships, images
 * embedded under word/media/. Every run names its language (w:lang, with
 * w:eastAsia or w:bidi for East Asian and complex scripts); paragraphs of
 * a right-to-left language are w:bidi and their runs w:rtl. Owns its
 * writers and buffers for one call. */
#include "office/office_internal.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define REL_NS "http://schemas.openxmlformats.org/package/2006/relationships"
#define EMU_PER_INCH 914400.0

typedef struct docx_media {
	const char *path; /* borrowed from the request's callback */
	int rel;          /* rId, or 0 when it could not be read */
	office_image image;
} docx_media;

typedef struct docx {
	const kg_office_request *req;
	xmlTextWriterPtr w;
	kg_buf rels;  /* hyperlink and image relationships */
	int next_rel; /* rId1..rId3 are the fixed parts */
	kg_buf nums;  /* <w:num> elements of numbering.xml */
	int next_num;
	docx_media *media;
	size_t media_count;
	int drawing_id;
	kg_buf run; /* adjacent text, filled together */
	/* inline state */
	int bold, italic, source, link;
	/* block state */
	int quote_depth, list_level, num_id, first_in_item, para_source;
} docx;

static void start(xmlTextWriterPtr w, const char *name) { xmlTextWriterStartElement(w, BAD_CAST name); }
static void end(xmlTextWriterPtr w) { xmlTextWriterEndElement(w); }
static void attr(xmlTextWriterPtr w, const char *name, const char *value)
{
	xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST value);
}
static void attr_int(xmlTextWriterPtr w, const char *name, long long value)
{
	xmlTextWriterWriteFormatAttribute(w, BAD_CAST name, "%lld", value);
}
/* <name w:val="value"/> */
static void val(xmlTextWriterPtr w, const char *name, const char *value)
{
	start(w, name);
	attr(w, "w:val", value);
	end(w);
}
static void empty(xmlTextWriterPtr w, const char *name)
{
	start(w, name);
	end(w);
}

static void add_rel(kg_buf *rels, int id, const char *type, const char *target, int external)
{
	kg_buf_printf(rels, "<Relationship Id=\"rId%d\" Type=\"%s\" Target=\"", id, type);
	kg_buf clean = KG_BUF_INIT;
	office_clean_text(target, strlen(target), &clean);
	kg_buf_puts_html(rels, clean.data); /* & < > " ' escaped: valid in an XML attribute */
	kg_buf_release(&clean);
	kg_buf_printf(rels, "\"%s/>", external ? " TargetMode=\"External\"" : "");
}

/* <w:lang> for text in lang: w:val always, and the East Asian or complex
 * script slot where Word looks for it. */
static void lang_element(xmlTextWriterPtr w, const char *lang)
{
	office_script script = office_script_of(lang);
	start(w, "w:lang");
	attr(w, "w:val", lang);
	if (script == OFFICE_ASIAN)
		attr(w, "w:eastAsia", lang);
	if (script == OFFICE_COMPLEX)
		attr(w, "w:bidi", lang);
	end(w);
}

static int rtl_text(const docx *d) { return d->req->rtl && !d->source && !d->para_source; }

static void run_properties(docx *d, int code)
{
	xmlTextWriterPtr w = d->w;
	start(w, "w:rPr");
	if (d->link)
		val(w, "w:rStyle", "Hyperlink");
	if (code) {
		start(w, "w:rFonts");
		attr(w, "w:ascii", "Noto Sans Mono");
		attr(w, "w:hAnsi", "Noto Sans Mono");
		end(w);
	}
	if (d->bold) {
		empty(w, "w:b");
		empty(w, "w:bCs");
	}
	if (d->italic) {
		empty(w, "w:i");
		empty(w, "w:iCs");
	}
	if (rtl_text(d))
		empty(w, "w:rtl");
	lang_element(w, d->source || d->para_source ? d->req->source_lang : d->req->lang);
	end(w);
}

static void text_run(docx *d, const char *text, int code)
{
	if (!text[0])
		return;
	xmlTextWriterPtr w = d->w;
	start(w, "w:r");
	run_properties(d, code);
	start(w, "w:t");
	attr(w, "xml:space", "preserve");
	office_write_text(w, text);
	end(w);
	end(w);
}

static void flush(docx *d)
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

/* The absolute URL a link opens, or 0 when it stays plain text. */
static int link_target(docx *d, const char *url, kg_buf *out)
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

static docx_media *media_for(docx *d, const char *path)
{
	for (size_t i = 0; i < d->media_count; i++)
		if (!strcmp(d->media[i].path, path))
			return &d->media[i];
	d->media = kg_realloc(d->media, (d->media_count + 1) * sizeof(*d->media));
	docx_media *m = &d->media[d->media_count++];
	memset(m, 0, sizeof(*m));
	m->path = path;
	if (office_image_load(path, &m->image) == 0) {
		m->rel = d->next_rel++;
		kg_buf target = KG_BUF_INIT;
		kg_buf_printf(&target, "media/image%zu.png", d->media_count);
		add_rel(&d->rels, m->rel, R_NS "/image", target.data, 0);
		kg_buf_release(&target);
	}
	return m;
}

static void image_run(docx *d, cmark_node *n)
{
	const kg_office_request *req = d->req;
	kg_buf alt = KG_BUF_INIT;
	office_alt_text(req, n, &alt);
	const char *path = req->image_path ? req->image_path(req->ctx, cmark_node_get_url(n)) : NULL;
	docx_media *m = path ? media_for(d, path) : NULL;
	if (!m || !m->rel) {
		text_run(d, alt.data, 0);
		kg_buf_release(&alt);
		return;
	}
	long long cx = (long long)(m->image.width_in * EMU_PER_INCH);
	long long cy = (long long)((double)cx * m->image.height / m->image.width);
	int id = ++d->drawing_id;
	xmlTextWriterPtr w = d->w;
	kg_buf s = KG_BUF_INIT, clean_alt = KG_BUF_INIT;
	office_clean_text(alt.data, alt.len, &clean_alt);
	start(w, "w:r");
	start(w, "w:drawing");
	start(w, "wp:inline");
	start(w, "wp:extent");
	attr_int(w, "cx", cx);
	attr_int(w, "cy", cy);
	end(w);
	start(w, "wp:docPr");
	attr_int(w, "id", id);
	kg_buf_printf(&s, "Picture %d", id);
	attr(w, "name", s.data);
	attr(w, "descr", clean_alt.data);
	end(w);
	start(w, "a:graphic");
	attr(w, "xmlns:a", "http://schemas.openxmlformats.org/drawingml/2006/main");
	start(w, "a:graphicData");
	attr(w, "uri", "http://schemas.openxmlformats.org/drawingml/2006/picture");
	start(w, "pic:pic");
	attr(w, "xmlns:pic", "http://schemas.openxmlformats.org/drawingml/2006/picture");
	start(w, "pic:nvPicPr");
	start(w, "pic:cNvPr");
	attr_int(w, "id", id);
	attr(w, "name", s.data);
	attr(w, "descr", clean_alt.data);
	end(w);
	empty(w, "pic:cNvPicPr");
	end(w);
	start(w, "pic:blipFill");
	start(w, "a:blip");
	kg_buf_reset(&s);
	kg_buf_printf(&s, "rId%d", m->rel);
	attr(w, "r:embed", s.data);
	end(w);
	start(w, "a:stretch");
	empty(w, "a:fillRect");
	end(w);
	end(w); /* blipFill */
	start(w, "pic:spPr");
	start(w, "a:xfrm");
	start(w, "a:off");
	attr(w, "x", "0");
	attr(w, "y", "0");
	end(w);
	start(w, "a:ext");
	attr_int(w, "cx", cx);
	attr_int(w, "cy", cy);
	end(w);
	end(w); /* xfrm */
	start(w, "a:prstGeom");
	attr(w, "prst", "rect");
	empty(w, "a:avLst");
	end(w);
	end(w); /* spPr */
	end(w); /* pic */
	end(w); /* graphicData */
	end(w); /* graphic */
	end(w); /* inline */
	end(w); /* drawing */
	end(w); /* r */
	kg_buf_release(&s);
	kg_buf_release(&clean_alt);
	kg_buf_release(&alt);
}

static void inlines(docx *d, cmark_node *parent)
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
			start(w, "w:r");
			empty(w, "w:br");
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
		case CMARK_NODE_CUSTOM_INLINE: /* a bilingual page's source text */
			d->source++;
			inlines(d, c);
			d->source--;
			break;
		case CMARK_NODE_LINK: {
			kg_buf url = KG_BUF_INIT;
			if (d->link || !link_target(d, cmark_node_get_url(c), &url)) {
				inlines(d, c);
				kg_buf_release(&url);
				break;
			}
			int rel = d->next_rel++;
			add_rel(&d->rels, rel, R_NS "/hyperlink", url.data, 1);
			kg_buf id = KG_BUF_INIT;
			kg_buf_printf(&id, "rId%d", rel);
			start(w, "w:hyperlink");
			attr(w, "r:id", id.data);
			d->link++;
			inlines(d, c);
			flush(d);
			d->link--;
			end(w);
			kg_buf_release(&id);
			kg_buf_release(&url);
			break;
		}
		case CMARK_NODE_IMAGE: image_run(d, c); break;
		default: break; /* raw HTML is not text */
		}
	}
	flush(d);
}

/* Opens a paragraph with its properties: style, list numbering, indent
 * (lists and quotes), direction. */
static void paragraph_start(docx *d, const char *style, int keep_next)
{
	xmlTextWriterPtr w = d->w;
	start(w, "w:p");
	start(w, "w:pPr");
	if (d->quote_depth && !strcmp(style, "Normal"))
		style = "Quote";
	else if (d->list_level >= 0 && !strcmp(style, "Normal"))
		style = "ListParagraph";
	val(w, "w:pStyle", style);
	if (keep_next)
		empty(w, "w:keepNext");
	if (d->list_level >= 0 && d->first_in_item) {
		start(w, "w:numPr");
		start(w, "w:ilvl");
		attr_int(w, "w:val", d->list_level);
		end(w);
		start(w, "w:numId");
		attr_int(w, "w:val", d->num_id);
		end(w);
		end(w);
		d->first_in_item = 0;
	}
	if (rtl_text(d))
		empty(w, "w:bidi");
	int indent = 720 * d->quote_depth + (d->list_level >= 0 ? 720 * (d->list_level + 1) : 0);
	if (indent) {
		start(w, "w:ind");
		attr_int(w, "w:start", indent);
		end(w);
	}
	end(w); /* pPr */
}

static void blocks(docx *d, cmark_node *parent);

static void block(docx *d, cmark_node *n)
{
	xmlTextWriterPtr w = d->w;
	int was_source = d->para_source;
	if (d->req->fallback_marker && cmark_node_get_user_data(n) == d->req->fallback_marker)
		d->para_source = 1;
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
		paragraph_start(d, "Normal", 0);
		inlines(d, n);
		end(w);
		break;
	case CMARK_NODE_HEADING: {
		char style[16];
		snprintf(style, sizeof(style), "Heading%d", cmark_node_get_heading_level(n));
		paragraph_start(d, style, 1);
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
		int saved_level = d->list_level, saved_num = d->num_id;
		d->list_level = saved_level + 1 > 8 ? 8 : saved_level + 1;
		d->num_id = ++d->next_num;
		kg_buf_printf(&d->nums, "<w:num w:numId=\"%d\"><w:abstractNumId w:val=\"%d\"/>", d->num_id,
		              ordered);
		if (ordered) /* every list counts from its own start */
			kg_buf_printf(
			    &d->nums,
			    "<w:lvlOverride w:ilvl=\"%d\"><w:startOverride w:val=\"%d\"/></w:lvlOverride>",
			    d->list_level, cmark_node_get_list_start(n));
		kg_buf_puts(&d->nums, "</w:num>");
		for (cmark_node *item = cmark_node_first_child(n); item; item = cmark_node_next(item)) {
			d->first_in_item = 1;
			blocks(d, item);
			if (d->first_in_item) { /* an empty item still shows its marker */
				paragraph_start(d, "Normal", 0);
				end(w);
			}
			d->first_in_item = 0;
		}
		d->list_level = saved_level;
		d->num_id = saved_num;
		break;
	}
	case CMARK_NODE_CODE_BLOCK: {
		paragraph_start(d, "SourceCode", 0);
		const char *lit = cmark_node_get_literal(n);
		size_t len = strlen(lit);
		while (len && lit[len - 1] == '\n')
			len--;
		kg_buf line = KG_BUF_INIT;
		for (const char *p = lit; p < lit + len;) {
			const char *nl = memchr(p, '\n', (size_t)(lit + len - p));
			size_t k = nl ? (size_t)(nl - p) : (size_t)(lit + len - p);
			kg_buf_reset(&line);
			kg_buf_add(&line, p, k);
			if (p != lit) {
				start(w, "w:r");
				empty(w, "w:br");
				end(w);
			}
			text_run(d, line.data, 1);
			p += k + 1;
		}
		kg_buf_release(&line);
		end(w);
		break;
	}
	case CMARK_NODE_THEMATIC_BREAK:
		paragraph_start(d, "HorizontalLine", 0);
		end(w);
		break;
	case CMARK_NODE_CUSTOM_BLOCK: blocks(d, n); break;
	default: break; /* raw HTML blocks are not text */
	}
	d->para_source = was_source;
}

static void blocks(docx *d, cmark_node *parent)
{
	for (cmark_node *c = cmark_node_first_child(parent); c; c = cmark_node_next(c))
		block(d, c);
}

/* "Online: {url}" with the URL a link. */
static void source_line(docx *d)
{
	const kg_office_request *req = d->req;
	if (!req->source_label || !req->url)
		return;
	const char *at = strstr(req->source_label, "{url}");
	kg_buf before = KG_BUF_INIT;
	kg_buf_add(&before, req->source_label,
	           at ? (size_t)(at - req->source_label) : strlen(req->source_label));
	paragraph_start(d, "SourceLink", 0);
	text_run(d, before.data, 0);
	int rel = d->next_rel++;
	add_rel(&d->rels, rel, R_NS "/hyperlink", req->url, 1);
	kg_buf id = KG_BUF_INIT;
	kg_buf_printf(&id, "rId%d", rel);
	start(d->w, "w:hyperlink");
	attr(d->w, "r:id", id.data);
	d->link = 1;
	text_run(d, req->url, 0);
	d->link = 0;
	end(d->w);
	if (at)
		text_run(d, at + 5, 0);
	end(d->w);
	kg_buf_release(&id);
	kg_buf_release(&before);
}

static void write_document(docx *d, kg_buf *xml)
{
	const kg_office_request *req = d->req;
	xmlBufferPtr buffer = xmlBufferCreate();
	xmlTextWriterPtr w = xmlNewTextWriterMemory(buffer, 0);
	d->w = w;
	xmlTextWriterStartDocument(w, "1.0", "UTF-8", "yes");
	start(w, "w:document");
	attr(w, "xmlns:w", W_NS);
	attr(w, "xmlns:r", R_NS);
	attr(w, "xmlns:wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing");
	start(w, "w:body");
	d->para_source = strcmp(req->title_lang, req->lang) != 0;
	paragraph_start(d, "Title", 1);
	text_run(d, req->title, 0);
	end(w);
	d->para_source = 0;
	if (req->draft_notice) {
		paragraph_start(d, "DraftNotice", 0);
		text_run(d, req->draft_notice, 0);
		end(w);
	}
	blocks(d, req->doc);
	source_line(d);
	/* The page: letter-sized text width; the kit's paper is the PDF's. */
	start(w, "w:sectPr");
	if (req->rtl)
		empty(w, "w:bidi");
	end(w);
	end(w); /* body */
	end(w); /* document */
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	kg_buf_add(xml, xmlBufferContent(buffer), (size_t)xmlBufferLength(buffer));
	xmlBufferFree(buffer);
	d->w = NULL;
}

/* styles.xml: the defaults carry the page's language and fonts. */
static void write_styles(const docx *d, kg_buf *xml)
{
	const kg_office_request *req = d->req;
	office_script script = office_script_of(req->lang);
	const char *family = req->font_family ? req->font_family : "Noto Sans";
	kg_buf_puts(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	                 "<w:styles xmlns:w=\"" W_NS "\"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts");
	kg_buf_printf(xml, " w:ascii=\"%s\" w:hAnsi=\"%s\" w:eastAsia=\"%s\" w:cs=\"%s\"/>",
	              script == OFFICE_LATIN ? family : "Noto Sans",
	              script == OFFICE_LATIN ? family : "Noto Sans",
	              script == OFFICE_ASIAN ? family : "Noto Sans CJK SC",
	              script == OFFICE_COMPLEX ? family : "Noto Sans");
	kg_buf_puts(xml, "<w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang");
	kg_buf_printf(xml, " w:val=\"%s\"", req->lang);
	if (script == OFFICE_ASIAN)
		kg_buf_printf(xml, " w:eastAsia=\"%s\"", req->lang);
	if (script == OFFICE_COMPLEX)
		kg_buf_printf(xml, " w:bidi=\"%s\"", req->lang);
	kg_buf_puts(
	    xml,
	    "/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"160\" w:line=\"288\" "
	    "w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
	    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
	    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/>"
	    "<w:next w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"240\"/></w:pPr><w:rPr><w:b/><w:bCs/>"
	    "<w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/></w:rPr></w:style>");
	static const int sizes[6] = {36, 30, 26, 24, 22, 22};
	for (int i = 1; i <= 6; i++)
		kg_buf_printf(
		    xml,
		    "<w:style w:type=\"paragraph\" w:styleId=\"Heading%d\"><w:name w:val=\"heading %d\"/>"
		    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/>"
		    "<w:spacing w:before=\"240\" w:after=\"120\"/><w:outlineLvl w:val=\"%d\"/></w:pPr>"
		    "<w:rPr><w:b/><w:bCs/><w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/></w:rPr></w:style>",
		    i, i, i - 1, sizes[i - 1], sizes[i - 1]);
	kg_buf_puts(
	    xml,
	    "<w:style w:type=\"paragraph\" w:styleId=\"Quote\"><w:name w:val=\"Quote\"/><w:basedOn w:val=\"Normal\"/>"
	    "<w:pPr><w:pBdr><w:start w:val=\"single\" w:sz=\"18\" w:space=\"8\" w:color=\"999999\"/></w:pBdr>"
	    "<w:ind w:start=\"720\"/></w:pPr></w:style>"
	    "<w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/>"
	    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"60\"/><w:ind w:start=\"720\"/></w:pPr></w:style>"
	    "<w:style w:type=\"paragraph\" w:styleId=\"SourceCode\"><w:name w:val=\"Source Code\"/>"
	    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F2F2F2\"/></w:pPr>"
	    "<w:rPr><w:rFonts w:ascii=\"Noto Sans Mono\" w:hAnsi=\"Noto Sans Mono\"/><w:sz w:val=\"20\"/></w:rPr>"
	    "</w:style>"
	    "<w:style w:type=\"paragraph\" w:styleId=\"DraftNotice\"><w:name w:val=\"Draft Notice\"/>"
	    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:pBdr><w:top w:val=\"single\" w:sz=\"8\" w:space=\"4\" "
	    "w:color=\"8A6D00\"/><w:bottom w:val=\"single\" w:sz=\"8\" w:space=\"4\" w:color=\"8A6D00\"/></w:pBdr>"
	    "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"FFF4CC\"/></w:pPr></w:style>"
	    "<w:style w:type=\"paragraph\" w:styleId=\"SourceLink\"><w:name w:val=\"Source Link\"/>"
	    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:before=\"240\"/></w:pPr><w:rPr><w:sz w:val=\"18\"/>"
	    "</w:rPr></w:style>"
	    "<w:style w:type=\"paragraph\" w:styleId=\"HorizontalLine\"><w:name w:val=\"Horizontal Line\"/>"
	    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" "
	    "w:color=\"999999\"/></w:pBdr></w:pPr></w:style>"
	    "<w:style w:type=\"character\" w:styleId=\"Hyperlink\"><w:name w:val=\"Hyperlink\"/><w:rPr>"
	    "<w:color w:val=\"0B57A4\"/><w:u w:val=\"single\"/></w:rPr></w:style></w:styles>");
}

static void write_numbering(const docx *d, kg_buf *xml)
{
	static const char *const bullets[3] = {"\xE2\x80\xA2", "\xE2\x97\xA6", "\xE2\x96\xAA"}; /* • ◦ ▪ */
	kg_buf_puts(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	                 "<w:numbering xmlns:w=\"" W_NS "\">");
	for (int ordered = 0; ordered < 2; ordered++) {
		kg_buf_printf(
		    xml, "<w:abstractNum w:abstractNumId=\"%d\"><w:multiLevelType w:val=\"multilevel\"/>",
		    ordered);
		for (int l = 0; l < 9; l++) {
			kg_buf_printf(xml,
			              "<w:lvl w:ilvl=\"%d\"><w:start w:val=\"1\"/><w:numFmt w:val=\"%s\"/>",
			              l, ordered ? "decimal" : "bullet");
			if (ordered)
				kg_buf_printf(xml, "<w:lvlText w:val=\"%%%d.\"/>", l + 1);
			else
				kg_buf_printf(xml, "<w:lvlText w:val=\"%s\"/>", bullets[l % 3]);
			kg_buf_printf(
			    xml,
			    "<w:lvlJc w:val=\"start\"/><w:pPr><w:ind w:start=\"%d\" w:hanging=\"360\"/></w:pPr>"
			    "</w:lvl>",
			    720 * (l + 1));
		}
		kg_buf_puts(xml, "</w:abstractNum>");
	}
	kg_buf_add(xml, d->nums.data, d->nums.len);
	kg_buf_puts(xml, "</w:numbering>");
}

int office_write_docx(const kg_office_request *req, kg_buf *out, kg_diags *diags)
{
	docx d = {.req = req,
	          .rels = KG_BUF_INIT,
	          .next_rel = 4,
	          .nums = KG_BUF_INIT,
	          .run = KG_BUF_INIT,
	          .list_level = -1};
	kg_buf document = KG_BUF_INIT, styles = KG_BUF_INIT, numbering = KG_BUF_INIT, doc_rels = KG_BUF_INIT,
	       types = KG_BUF_INIT, core = KG_BUF_INIT;
	write_document(&d, &document);
	write_styles(&d, &styles);
	write_numbering(&d, &numbering);
	kg_buf_puts(&doc_rels, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	                       "<Relationships xmlns=\"" REL_NS "\">");
	add_rel(&doc_rels, 1, R_NS "/styles", "styles.xml", 0);
	add_rel(&doc_rels, 2, R_NS "/numbering", "numbering.xml", 0);
	kg_buf_add(&doc_rels, d.rels.data, d.rels.len);
	kg_buf_puts(&doc_rels, "</Relationships>");
	kg_buf_puts(
	    &types,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	    "<Default Extension=\"png\" ContentType=\"image/png\"/>"
	    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
	    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
	    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
	    "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
	    "<Override PartName=\"/word/numbering.xml\" ContentType=\"application/"
	    "vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>"
	    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/"
	    "vnd.openxmlformats-package.core-properties+xml\"/></Types>");
	static const char package_rels[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	    "<Relationships xmlns=\"" REL_NS "\">"
	    "<Relationship Id=\"rId1\" Type=\"" R_NS "/officeDocument\" Target=\"word/document.xml\"/>"
	    "<Relationship Id=\"rId2\" "
	    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
	    "Target=\"docProps/core.xml\"/></Relationships>";
	/* Title and language; no dates, so the file is the same every build. */
	kg_buf clean = KG_BUF_INIT;
	office_clean_text(req->title, strlen(req->title), &clean);
	kg_buf_puts(&core,
	            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	            "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
	            "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>");
	kg_buf_puts_html(&core, clean.data);
	kg_buf_printf(&core, "</dc:title><dc:language>%s</dc:language></cp:coreProperties>", req->lang);
	kg_buf_release(&clean);

	size_t count = 6 + d.media_count;
	office_part *parts = kg_calloc(count, sizeof(*parts));
	size_t n = 0;
	parts[n++] = (office_part){"[Content_Types].xml", types.data, types.len};
	parts[n++] = (office_part){"_rels/.rels", package_rels, sizeof(package_rels) - 1};
	parts[n++] = (office_part){"docProps/core.xml", core.data, core.len};
	parts[n++] = (office_part){"word/document.xml", document.data, document.len};
	parts[n++] = (office_part){"word/styles.xml", styles.data, styles.len};
	parts[n++] = (office_part){"word/numbering.xml", numbering.data, numbering.len};
	char **names = kg_calloc(d.media_count + 1, sizeof(char *));
	kg_buf rels_part = KG_BUF_INIT;
	for (size_t i = 0; i < d.media_count; i++) {
		if (!d.media[i].rel)
			continue;
		kg_buf name = KG_BUF_INIT;
		kg_buf_printf(&name, "word/media/image%zu.png", i + 1);
		names[i] = kg_buf_detach(&name, NULL);
		parts[n++] = (office_part){names[i], d.media[i].image.data, d.media[i].image.len};
	}
	/* The document's relationships go after the media they name. */
	office_part *all = kg_calloc(n + 1, sizeof(*all));
	memcpy(all, parts, n * sizeof(*parts));
	all[n] = (office_part){"word/_rels/document.xml.rels", doc_rels.data, doc_rels.len};
	int rc = office_package(req, all, n + 1, out, diags);
	free(all);
	for (size_t i = 0; i < d.media_count; i++) {
		free(names[i]);
		office_image_release(&d.media[i].image);
	}
	free(names);
	free(parts);
	free(d.media);
	kg_buf_release(&rels_part);
	kg_buf_release(&d.rels);
	kg_buf_release(&d.nums);
	kg_buf_release(&d.run);
	kg_buf_release(&document);
	kg_buf_release(&styles);
	kg_buf_release(&numbering);
	kg_buf_release(&doc_rels);
	kg_buf_release(&types);
	kg_buf_release(&core);
	return rc;
}
