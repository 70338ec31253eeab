/* office.c: kg_office_write() and what both writers share: clean XML
 * text, where a language's script puts its language and font, alt text.
 * Owns nothing. */
#include "office/office_internal.h"

#include "kitgen/base/utf8.h"
#include "kitgen/locale/locale.h"

#include <string.h>

void office_clean_text(const char *text, size_t len, kg_buf *out)
{
	while (len) {
		size_t ok = kg_utf8_xml_invalid(text, len, NULL);
		kg_buf_add(out, text, ok);
		if (ok == len)
			break;
		kg_buf_puts(out, "\xEF\xBF\xBD"); /* U+FFFD */
		size_t skip = (unsigned char)text[ok] == 0xEF ? 3 : 1;
		text += ok + skip;
		len -= ok + skip;
	}
}

void office_write_text(xmlTextWriterPtr w, const char *text)
{
	kg_buf clean = KG_BUF_INIT;
	office_clean_text(text, strlen(text), &clean);
	xmlTextWriterWriteString(w, BAD_CAST(clean.data));
	kg_buf_release(&clean);
}

office_script office_script_of(const char *lang)
{
	kg_buf script = KG_BUF_INIT;
	kg_locale_script(lang, &script);
	const char *s = script.data;
	office_script kind = OFFICE_COMPLEX;
	if (!strcmp(s, "Hant") || !strcmp(s, "Hans") || !strcmp(s, "Jpan") || !strcmp(s, "Kore") ||
	    !strcmp(s, "Hani"))
		kind = OFFICE_ASIAN;
	else if (!s[0] || !strcmp(s, "Latn") || !strcmp(s, "Cyrl") || !strcmp(s, "Grek"))
		kind = OFFICE_LATIN;
	kg_buf_release(&script);
	return kind;
}

static void plain(cmark_node *n, kg_buf *out)
{
	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)
			kg_buf_puts(out, cmark_node_get_literal(c));
		else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
			kg_buf_putc(out, ' ');
		else
			plain(c, out);
	}
}

void office_alt_text(const kg_office_request *req, cmark_node *image, kg_buf *out)
{
	kg_buf raw = KG_BUF_INIT;
	plain(image, &raw);
	if (req->fill_text)
		req->fill_text(req->ctx, raw.data, out);
	else
		kg_buf_add(out, raw.data, raw.len);
	kg_buf_release(&raw);
}

int kg_office_write(const kg_office_request *req, kg_office_format format, kg_buf *out, kg_diags *diags)
{
	return format == KG_OFFICE_DOCX ? office_write_docx(req, out, diags)
	                                : office_write_odt(req, out, diags);
}
