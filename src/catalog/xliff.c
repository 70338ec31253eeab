/* xliff.c: XLIFF 2.0 / 1.2 export and import of PO catalogs (see xliff.h
 * for the mapping). Export writes with libxml2's xmlwriter, which escapes
 * all text; import parses with a locked-down libxml2 parser context whose
 * SAX entity hooks refuse any entity declaration. Owns the libxml2
 * documents and writers it creates for the length of one call; borrows the
 * catalogs, which the import changes in place. */
#include "kitgen/catalog/xliff.h"

#include "catalog/catalog_internal.h"
#include "kitgen/base/alloc.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define NS_20 "urn:oasis:names:tc:xliff:document:2.0"
#define NS_12 "urn:oasis:names:tc:xliff:document:1.2"
#define PLURAL_TYPE_20 "kitgen:plural"
#define PLURAL_TYPE_12 "x-gettext-plurals"
#define FUZZY_SUBSTATE "kitgen:fuzzy"
#define PREVIOUS_NOTE "kitgen:previous"
#define PLURAL_NOTE_PREFIX "English plural: "

/* ---- export ---- */

/* Whether s is UTF-8 that XML 1.0 can carry: no C0 controls but tab, LF
 * and CR, no surrogates, no U+FFFE/U+FFFF, no overlong forms. */
static int xml_text_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned c = *p;
		size_t n;
		unsigned cp;
		if (c < 0x80) {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				return 0;
			p++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			n = 1, cp = c & 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			n = 2, cp = c & 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			n = 3, cp = c & 0x07;
		} else {
			return 0;
		}
		for (size_t i = 1; i <= n; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return 0; /* also stops at the NUL */
			cp = (cp << 6) | (p[i] & 0x3F);
		}
		static const unsigned min[4] = {0, 0x80, 0x800, 0x10000};
		if (cp < min[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE ||
		    cp == 0xFFFF)
			return 0;
		p += n + 1;
	}
	return 1;
}

static int entry_exportable(const kg_po_entry *e)
{
	if ((e->msgctxt && !xml_text_ok(e->msgctxt)) || !xml_text_ok(e->msgid) ||
	    (e->msgid_plural && !xml_text_ok(e->msgid_plural)) ||
	    (e->translator_comments && !xml_text_ok(e->translator_comments)) ||
	    (e->extracted_comments && !xml_text_ok(e->extracted_comments)))
		return 0;
	for (size_t i = 0; i < e->msgstr_count; i++)
		if (!xml_text_ok(e->msgstr[i]))
			return 0;
	for (size_t i = 0; i < e->reference_count; i++)
		if (!xml_text_ok(e->references[i]))
			return 0;
	return 1;
}

typedef struct export_ctx {
	xmlTextWriterPtr w;
	kg_xliff_version version;
	kg_buf scratch;
	kg_xliff_glossary_fn glossary; /* NULL: no glossary */
	void *glossary_ud;
} export_ctx;

static void attr(export_ctx *x, const char *name, const char *value)
{
	xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST value);
}

static void element(export_ctx *x, const char *name, const char *text)
{
	xmlTextWriterWriteElement(x->w, BAD_CAST name, BAD_CAST text);
}

static void note(export_ctx *x, const char *kind, const char *text)
{
	xmlTextWriterStartElement(x->w, BAD_CAST "note");
	attr(x, x->version == KG_XLIFF_2_0 ? "category" : "from", kind);
	xmlTextWriterWriteString(x->w, BAD_CAST text);
	xmlTextWriterEndElement(x->w);
}

/* 1.2: one location context-group per "#: file:line" reference. */
static void location_group(export_ctx *x, const char *ref)
{
	const char *colon = strrchr(ref, ':');
	int has_line = colon && colon[1] && strspn(colon + 1, "0123456789") == strlen(colon + 1);
	xmlTextWriterStartElement(x->w, BAD_CAST "context-group");
	attr(x, "name", "po-reference"); /* the name translate-toolkit reads references from */
	attr(x, "purpose", "location");
	xmlTextWriterStartElement(x->w, BAD_CAST "context");
	attr(x, "context-type", "sourcefile");
	kg_buf_reset(&x->scratch);
	kg_buf_add(&x->scratch, ref, has_line ? (size_t)(colon - ref) : strlen(ref));
	xmlTextWriterWriteString(x->w, BAD_CAST x->scratch.data);
	xmlTextWriterEndElement(x->w);
	if (has_line) {
		xmlTextWriterStartElement(x->w, BAD_CAST "context");
		attr(x, "context-type", "linenumber");
		xmlTextWriterWriteString(x->w, BAD_CAST(colon + 1));
		xmlTextWriterEndElement(x->w);
	}
	xmlTextWriterEndElement(x->w);
}

/* One unit: a whole singular entry, or form `form` of a plural one.
 * previous is the English a fuzzy entry was translated from (NULL when
 * none); plural the plural English when the language has a single form,
 * so no unit shows it as its source (else NULL). Both are notes. */
/* 2.0: the glossary terms of a unit's source, as the Glossary Module's
 * <gls:glossary>, which comes before <notes> (modules first in a unit). */
static void glossary_of(export_ctx *x, const char *source)
{
	kg_xliff_gloss terms[32];
	size_t n = x->glossary ? x->glossary(x->glossary_ud, source, terms, 32) : 0;
	if (!n)
		return;
	xmlTextWriterStartElement(x->w, BAD_CAST "gls:glossary");
	for (size_t i = 0; i < n; i++) {
		if (!xml_text_ok(terms[i].term) || !xml_text_ok(terms[i].translation) ||
		    (terms[i].definition && !xml_text_ok(terms[i].definition)))
			continue;
		xmlTextWriterStartElement(x->w, BAD_CAST "gls:glossEntry");
		element(x, "gls:term", terms[i].term);
		element(x, "gls:translation", terms[i].translation);
		if (terms[i].definition)
			element(x, "gls:definition", terms[i].definition);
		xmlTextWriterEndElement(x->w);
	}
	xmlTextWriterEndElement(x->w);
}

static void write_unit(export_ctx *x, const kg_po_entry *e, const char *id, const char *source,
                       const char *target, const char *previous, const char *plural)
{
	int fuzzy = kg_po_entry_has_flag(e, "fuzzy");
	int has_target = target && target[0];
	if (x->version == KG_XLIFF_2_0) {
		xmlTextWriterStartElement(x->w, BAD_CAST "unit");
		attr(x, "id", id);
		if (e->msgctxt)
			attr(x, "name", e->msgctxt);
		glossary_of(x, source);
		if (e->extracted_comments || e->translator_comments || e->reference_count || previous ||
		    plural) {
			xmlTextWriterStartElement(x->w, BAD_CAST "notes");
			if (e->extracted_comments)
				note(x, "developer", e->extracted_comments);
			if (e->translator_comments)
				note(x, "translator", e->translator_comments);
			if (e->reference_count) {
				kg_buf_reset(&x->scratch);
				for (size_t i = 0; i < e->reference_count; i++)
					kg_buf_printf(&x->scratch, "%s%s", i ? " " : "", e->references[i]);
				note(x, "location", x->scratch.data);
			}
			if (plural) {
				kg_buf_reset(&x->scratch);
				kg_buf_printf(&x->scratch, PLURAL_NOTE_PREFIX "%s", plural);
				note(x, "developer", x->scratch.data);
			}
			if (previous)
				note(x, PREVIOUS_NOTE, previous);
			xmlTextWriterEndElement(x->w);
		}
		xmlTextWriterStartElement(x->w, BAD_CAST "segment");
		attr(x, "state", has_target && !fuzzy ? "translated" : "initial");
		if (has_target && fuzzy)
			attr(x, "subState", FUZZY_SUBSTATE);
		element(x, "source", source);
		if (has_target)
			element(x, "target", target);
		xmlTextWriterEndElement(x->w); /* segment */
		xmlTextWriterEndElement(x->w); /* unit */
		return;
	}
	xmlTextWriterStartElement(x->w, BAD_CAST "trans-unit");
	attr(x, "id", id);
	if (e->msgctxt)
		attr(x, "resname", e->msgctxt);
	if (has_target && !fuzzy)
		attr(x, "approved", "yes"); /* what translate-toolkit and the spec read as finished */
	attr(x, "xml:space", "preserve");
	element(x, "source", source);
	if (has_target) {
		xmlTextWriterStartElement(x->w, BAD_CAST "target");
		attr(x, "state", fuzzy ? "needs-review-translation" : "translated");
		xmlTextWriterWriteString(x->w, BAD_CAST target);
		xmlTextWriterEndElement(x->w);
	}
	for (size_t i = 0; i < e->reference_count; i++)
		location_group(x, e->references[i]);
	if (e->extracted_comments)
		note(x, "developer", e->extracted_comments);
	if (e->translator_comments)
		note(x, "translator", e->translator_comments);
	if (plural) {
		kg_buf_reset(&x->scratch);
		kg_buf_printf(&x->scratch, PLURAL_NOTE_PREFIX "%s", plural);
		note(x, "developer", x->scratch.data);
	}
	if (previous)
		note(x, PREVIOUS_NOTE, previous);
	xmlTextWriterEndElement(x->w);
}

/* The English a fuzzy entry's translation was made for ("#| msgid"), for
 * form `form`; NULL when the entry is not fuzzy or PO kept none. */
static const char *previous_of(const kg_po_entry *e, size_t form)
{
	if (!kg_po_entry_has_flag(e, "fuzzy"))
		return NULL;
	const char *previous = form && e->prev_msgid_plural ? e->prev_msgid_plural : e->prev_msgid;
	return previous && previous[0] && xml_text_ok(previous) ? previous : NULL;
}

static void write_entry(export_ctx *x, const kg_po_entry *e, size_t number)
{
	char id[48];
	const char *first = e->msgstr_count ? e->msgstr[0] : "";
	if (!e->msgid_plural) {
		snprintf(id, sizeof(id), "e%zu", number);
		write_unit(x, e, id, e->msgid, first, previous_of(e, 0), NULL);
		return;
	}
	snprintf(id, sizeof(id), "e%zu", number);
	xmlTextWriterStartElement(x->w, BAD_CAST "group");
	attr(x, "id", id);
	if (x->version == KG_XLIFF_2_0) {
		attr(x, "type", PLURAL_TYPE_20);
	} else {
		attr(x, "restype", PLURAL_TYPE_12);
		if (first[0] && !kg_po_entry_has_flag(e, "fuzzy"))
			attr(x, "approved", "yes"); /* translate-toolkit reads a plural's state here */
	}
	size_t forms = e->msgstr_count ? e->msgstr_count : 1;
	for (size_t k = 0; k < forms; k++) {
		snprintf(id, sizeof(id), "e%zu.%zu", number, k);
		write_unit(x, e, id, k ? e->msgid_plural : e->msgid, k < e->msgstr_count ? e->msgstr[k] : "",
		           previous_of(e, k), forms == 1 ? e->msgid_plural : NULL);
	}
	xmlTextWriterEndElement(x->w);
}

int kg_xliff_write(kg_buf *out, kg_xliff_version version, const char *source_lang, const char *target_lang,
                   const kg_xliff_catalog *cats, size_t count, kg_diags *diags)
{
	return kg_xliff_write_glossary(out, version, source_lang, target_lang, cats, count, NULL, NULL,
	                               diags);
}

int kg_xliff_write_glossary(kg_buf *out, kg_xliff_version version, const char *source_lang,
                            const char *target_lang, const kg_xliff_catalog *cats, size_t count,
                            kg_xliff_glossary_fn glossary, void *glossary_ud, kg_diags *diags)
{
	xmlBufferPtr buffer = xmlBufferCreate();
	export_ctx x = {xmlNewTextWriterMemory(buffer, 0), version, KG_BUF_INIT,
	                version == KG_XLIFF_2_0 ? glossary : NULL, glossary_ud};
	int rc = -1;
	if (!x.w) {
		kg_error(diags, NULL, 0, 0, "cannot create an XML writer");
		goto out;
	}
	xmlTextWriterSetIndent(x.w, 1);
	xmlTextWriterSetIndentString(x.w, BAD_CAST "  ");
	xmlTextWriterStartDocument(x.w, "1.0", "UTF-8", NULL);
	xmlTextWriterStartElement(x.w, BAD_CAST "xliff");
	if (version == KG_XLIFF_2_0) {
		attr(&x, "xmlns", NS_20);
		if (x.glossary)
			attr(&x, "xmlns:gls", KG_XLIFF_GLS_NS);
		attr(&x, "version", "2.0");
		attr(&x, "srcLang", source_lang);
		attr(&x, "trgLang", target_lang);
	} else {
		attr(&x, "xmlns", NS_12);
		attr(&x, "version", "1.2");
	}
	for (size_t c = 0; c < count; c++) {
		const kg_catalog *cat = cats[c].cat;
		char file_id[32];
		snprintf(file_id, sizeof(file_id), "f%zu", c + 1);
		xmlTextWriterStartElement(x.w, BAD_CAST "file");
		if (version == KG_XLIFF_2_0) {
			attr(&x, "id", file_id);
			attr(&x, "original", cats[c].original);
			attr(&x, "canResegment", "no"); /* one PO entry is one segment */
			attr(&x, "xml:space", "preserve");
		} else {
			attr(&x, "original", cats[c].original);
			attr(&x, "source-language", source_lang);
			attr(&x, "target-language", target_lang);
			attr(&x, "datatype", "po");
			xmlTextWriterStartElement(x.w, BAD_CAST "body");
		}
		for (size_t i = 0; i < kg_catalog_count(cat); i++) {
			const kg_po_entry *e = kg_catalog_at(cat, i);
			if (e->obsolete)
				continue;
			if (!entry_exportable(e)) {
				kg_warning(diags, cats[c].original, e->line, 0,
				           "entry has text XML cannot carry (a control character or invalid "
				           "UTF-8); left out of the XLIFF");
				continue;
			}
			write_entry(&x, e, i + 1);
		}
		if (version == KG_XLIFF_1_2)
			xmlTextWriterEndElement(x.w); /* body */
		xmlTextWriterEndElement(x.w);
	}
	if (xmlTextWriterEndDocument(x.w) < 0) {
		kg_error(diags, NULL, 0, 0, "cannot write the XLIFF document");
		goto out;
	}
	xmlFreeTextWriter(x.w); /* flushes into buffer */
	x.w = NULL;
	kg_buf_add(out, xmlBufferContent(buffer), (size_t)xmlBufferLength(buffer));
	rc = 0;
out:
	if (x.w)
		xmlFreeTextWriter(x.w);
	xmlBufferFree(buffer);
	kg_buf_release(&x.scratch);
	return rc;
}

/* ---- import ---- */

typedef struct import_ctx {
	const char *display;
	kg_diags *diags;
	const kg_xliff_hooks *hooks;
	kg_xliff_counts *counts;
	int v2;            /* XLIFF 2.x, else 1.2 */
	const xmlChar *ns; /* the root's namespace; NULL for none */
	int parse_failed;
	int entities_refused;
	kg_buf source, target, scratch;
} import_ctx;

/* Every libxml2 message becomes a diagnostic at its line and column
 * instead of going to stderr. Messages raised without a parser context
 * (the encoding converters raise some) arrive through this thread's
 * structured error handler, which the import sets and restores. */
static void on_context_free_error(void *user, xmlErrorPtr err)
{
	import_ctx *ic = user;
	if (ic->entities_refused)
		return; /* the refusal already says why parsing stopped */
	kg_buf_reset(&ic->scratch);
	kg_buf_puts(&ic->scratch, err->message ? err->message : "malformed XML");
	while (ic->scratch.len && (ic->scratch.data[ic->scratch.len - 1] == '\n' ||
	                           ic->scratch.data[ic->scratch.len - 1] == ' '))
		kg_buf_truncate(&ic->scratch, ic->scratch.len - 1);
	ic->parse_failed |= err->level != XML_ERR_WARNING;
	kg_diag_add(ic->diags, err->level == XML_ERR_WARNING ? KG_WARNING : KG_ERROR, ic->display, err->line,
	            err->int2, "%s", ic->scratch.data);
}

/* Messages with a parser context: its _private is the import. */
static void on_xml_error(void *user, xmlErrorPtr err)
{
	xmlParserCtxtPtr parser = user;
	on_context_free_error(parser->_private, err);
}

static void refuse_entities(xmlParserCtxtPtr parser, const xmlChar *name)
{
	import_ctx *ic = parser->_private;
	if (!ic->entities_refused)
		kg_error(ic->diags, ic->display, parser->input ? parser->input->line : 0,
		         parser->input ? parser->input->col : 0,
		         "the DOCTYPE declares the entity '%s'; documents that declare entities are "
		         "refused",
		         name ? (const char *)name : "");
	ic->entities_refused = 1;
	xmlStopParser(parser);
}

static void on_entity_decl(void *user, const xmlChar *name, int type, const xmlChar *public_id,
                           const xmlChar *system_id, xmlChar *content)
{
	refuse_entities(user, name);
}

static void on_unparsed_entity_decl(void *user, const xmlChar *name, const xmlChar *public_id,
                                    const xmlChar *system_id, const xmlChar *notation)
{
	refuse_entities(user, name);
}

static int is_element(const import_ctx *ic, const xmlNode *n, const char *name)
{
	if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name))
		return 0;
	const xmlChar *href = n->ns ? n->ns->href : NULL;
	if (!href || !ic->ns)
		return href == ic->ns;
	return !xmlStrcmp(href, ic->ns);
}

static xmlNode *first_child(const import_ctx *ic, const xmlNode *parent, const char *name)
{
	for (xmlNode *c = parent->children; c; c = c->next)
		if (is_element(ic, c, name))
			return c;
	return NULL;
}

static int line_of(const xmlNode *n)
{
	long line = xmlGetLineNo(n);
	return line > 0 && line < 0x7fffffff ? (int)line : 0;
}

/* An attribute's value (caller frees with xmlFree), or NULL when absent. */
static char *get_attr(const xmlNode *n, const char *name) { return (char *)xmlGetNoNsProp(n, BAD_CAST name); }

/* Appends the text of a <source> or <target>. Annotation markers (<mrk>,
 * and 2.0's empty <sm>/<em>) keep their text; any other inline element is
 * markup kitgen did not export and cannot map back, so it fails. */
static int gather_text(const import_ctx *ic, const xmlNode *node, kg_buf *out)
{
	for (const xmlNode *c = node->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				kg_buf_puts(out, (const char *)c->content);
		} else if (c->type == XML_ELEMENT_NODE) {
			if (is_element(ic, c, "mrk")) {
				if (gather_text(ic, c, out) < 0)
					return -1;
			} else if (!(ic->v2 && (is_element(ic, c, "sm") || is_element(ic, c, "em")))) {
				return -1;
			}
		} else if (c->type != XML_COMMENT_NODE && c->type != XML_PI_NODE) {
			return -1; /* entity references and the like */
		}
	}
	return 0;
}

/* What a unit's state says of its target: finished, needs review, or
 * nothing at all (the tool wrote no state), in increasing strength when
 * forms of a plural combine. */
enum { STATE_NONE, STATE_DONE, STATE_FUZZY };
/* For finish_entry: a form was kept out, so the fuzzy flag stays as it is
 * (a refused form must not become translated with the others). */
#define STATE_KEEP (-1)

/* 2.0: translated, reviewed and final are finished; initial (also with
 * kitgen's subState "kitgen:fuzzy") needs review. A segment without a
 * state says nothing: the spec's default "initial" is what a tool that
 * dropped the attribute leaves, not a judgement of the target. */
static int state_20(const char *state)
{
	if (!state)
		return STATE_NONE;
	if (!strcmp(state, "translated") || !strcmp(state, "reviewed") || !strcmp(state, "final"))
		return STATE_DONE;
	return STATE_FUZZY;
}

/* 1.2: a target state of new or needs-* needs review, whatever approved
 * says (a tool that sent a unit back for review may have left approved
 * as it found it: the cautious reading wins); otherwise approved="yes" is
 * finished and approved="no" is not, as translate-toolkit and the spec
 * (5.6.1) read it; without approved, translated, signed-off and final are
 * finished and no state says nothing. */
static int state_12(const char *state, const char *approved)
{
	if (state && (!strcmp(state, "new") || !strncmp(state, "needs-", 6)))
		return STATE_FUZZY;
	if (approved && !strcmp(approved, "yes"))
		return STATE_DONE;
	if (approved && !strcmp(approved, "no"))
		return STATE_FUZZY;
	if (!state)
		return STATE_NONE;
	if (!strcmp(state, "translated") || !strcmp(state, "signed-off") || !strcmp(state, "final"))
		return STATE_DONE;
	return STATE_FUZZY;
}

/* What one unit says: its source, its target (has_target 0 when it has
 * none or an empty one) and whether that target is done or fuzzy. */
typedef struct unit_text {
	int has_target;
	int state;
} unit_text;

static void kept_out(import_ctx *ic, const xmlNode *unit, const char *why, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void kept_out(import_ctx *ic, const xmlNode *unit, const char *why, ...)
{
	char *id = get_attr(unit, "id");
	kg_buf message = KG_BUF_INIT;
	va_list ap;
	va_start(ap, why);
	kg_buf_vprintf(&message, why, ap);
	va_end(ap);
	kg_warning(ic->diags, ic->display, line_of(unit), 0, "unit '%s' kept out: %s", id ? id : "",
	           message.data);
	kg_buf_release(&message);
	xmlFree(id);
	ic->counts->kept_out++;
}

/* Reads a unit into ic->source / ic->target. Returns 0, or -1 after
 * reporting it kept out. */
static int read_unit(import_ctx *ic, const xmlNode *unit, unit_text *ut)
{
	kg_buf_reset(&ic->source);
	kg_buf_reset(&ic->target);
	ut->has_target = 0;
	ut->state = STATE_NONE;
	if (!ic->v2) {
		const xmlNode *source = first_child(ic, unit, "source");
		const xmlNode *target = first_child(ic, unit, "target");
		if (!source) {
			kept_out(ic, unit, "it has no <source>");
			return -1;
		}
		if (gather_text(ic, source, &ic->source) < 0 ||
		    (target && gather_text(ic, target, &ic->target) < 0)) {
			kept_out(ic, unit, "inline markup kitgen cannot map back to Markdown");
			return -1;
		}
		if (target && ic->target.len) {
			char *state = get_attr(target, "state");
			char *approved = get_attr(unit, "approved");
			ut->has_target = 1;
			ut->state = state_12(state, approved);
			xmlFree(state);
			xmlFree(approved);
		}
		return 0;
	}
	/* 2.0: segments and ignorables in order make up the text (a tool may
	 * have split the unit despite canResegment="no"). */
	size_t with_target = 0, parts = 0;
	for (const xmlNode *c = unit->children; c; c = c->next) {
		int segment = is_element(ic, c, "segment");
		if (!segment && !is_element(ic, c, "ignorable"))
			continue;
		const xmlNode *source = first_child(ic, c, "source");
		const xmlNode *target = first_child(ic, c, "target");
		if (!source) {
			kept_out(ic, unit, "a segment has no <source>");
			return -1;
		}
		size_t target_before = ic->target.len;
		if (gather_text(ic, source, &ic->source) < 0 ||
		    (target && gather_text(ic, target, &ic->target) < 0)) {
			kept_out(ic, unit, "inline markup kitgen cannot map back to Markdown");
			return -1;
		}
		if (!target && !segment) { /* an ignorable's missing target is its source */
			gather_text(ic, source, &ic->target);
			continue;
		}
		parts++;
		if (target && ic->target.len > target_before)
			with_target++;
		if (segment) {
			char *state = get_attr(c, "state");
			int said = state_20(state);
			if (said > ut->state)
				ut->state = said;
			xmlFree(state);
		}
	}
	if (!parts) {
		kept_out(ic, unit, "it has no <segment>");
		return -1;
	}
	if (with_target && with_target < parts) {
		kept_out(ic, unit, "only some of its segments have a target");
		return -1;
	}
	ut->has_target = with_target > 0;
	return 0;
}

/* Sets msgstr[form] to text when it differs and passes the safety checks
 * (the build's: numbers, links, URLs, placeholders, markup); a target that
 * fails them is kept out and the entry is not touched. An unchanged target
 * is checked too when the unit would make a fuzzy entry translated
 * (finishing): a fuzzy translation often still holds the old English's
 * number. Returns 0, or -1 when kept out. */
static int apply(import_ctx *ic, const xmlNode *unit, const char *original, kg_po_entry *e, size_t form,
                 const char *text, int finishing, int *changed)
{
	int same = form < e->msgstr_count && !strcmp(e->msgstr[form], text);
	if (same && !(finishing && kg_po_entry_has_flag(e, "fuzzy")))
		return 0;
	if (ic->hooks->check) {
		kg_buf why = KG_BUF_INIT;
		int refused = ic->hooks->check(ic->hooks->ud, original, e, form, text, &why) < 0;
		if (refused)
			kept_out(ic, unit, "translation refused: %s",
			         why.len ? why.data : "it fails the safety checks");
		kg_buf_release(&why);
		if (refused)
			return -1;
	}
	if (!same) {
		kg_po_entry_set_msgstr(e, form, text);
		*changed = 1;
	}
	return 0;
}

/* Sets the fuzzy flag from what the units said and counts the entry. A
 * unit without a state leaves the flag alone when its target is the
 * entry's msgstr; a new target without a state is taken as translated,
 * and said so. */
static void finish_entry(import_ctx *ic, const xmlNode *node, kg_po_entry *e, int any_target, int state,
                         int changed)
{
	if (state == STATE_KEEP)
		any_target = 0; /* text changes count, the flag stays */
	if (any_target && state == STATE_NONE && changed) {
		char *id = get_attr(node, "id");
		kg_diag_add(ic->diags, KG_NOTE, ic->display, line_of(node), 0,
		            "unit '%s' has no state; its new target is taken as translated", id ? id : "");
		xmlFree(id);
		state = STATE_DONE;
	}
	if (any_target && state != STATE_NONE && kg_po_entry_has_flag(e, "fuzzy") != (state == STATE_FUZZY)) {
		kg_po_entry_set_flag(e, "fuzzy", state == STATE_FUZZY);
		changed = 1;
	}
	if (changed)
		ic->counts->updated++;
	else
		ic->counts->unchanged++;
}

/* Whether an entry's context is the unit's (NULL: the unit names none). */
static int same_context(const kg_po_entry *e, const char *context)
{
	return !context ? 1 : e->msgctxt && !strcmp(e->msgctxt, context);
}

/* The entry a unit (or a plural group, plural 1) stands for. First by id:
 * kitgen's "eN" is entry N, taken when its source (and context, if the
 * unit names one) still match. Then by context and source. A unit that
 * names no context (another tool may have dropped it) matches only when
 * its source is unique among the catalog's entries; *ambiguous is then
 * set to how many entries share it, and NULL returned. */
static kg_po_entry *match_entry(const kg_catalog *cat, const char *id, const char *context,
                                const char *source, int plural, size_t *ambiguous)
{
	*ambiguous = 0;
	if (id && id[0] == 'e' && id[1] >= '1' && id[1] <= '9' && strlen(id + 1) < 10 &&
	    strspn(id + 1, "0123456789") == strlen(id + 1)) {
		kg_po_entry *e = kg_catalog_at(cat, (size_t)strtoul(id + 1, NULL, 10) - 1);
		if (e && !e->obsolete && !e->msgid_plural == !plural && !strcmp(e->msgid, source) &&
		    same_context(e, context))
			return e;
	}
	if (context) {
		kg_po_entry *e = kg_catalog_find(cat, context, source);
		return e && !e->msgid_plural == !plural ? e : NULL;
	}
	kg_po_entry *found = NULL;
	size_t count = 0;
	for (size_t i = 0; i < kg_catalog_count(cat); i++) {
		kg_po_entry *e = kg_catalog_at(cat, i);
		if (!e->obsolete && !e->msgid_plural == !plural && !strcmp(e->msgid, source)) {
			found = e;
			count++;
		}
	}
	if (count > 1) {
		*ambiguous = count;
		return NULL;
	}
	return found;
}

static void report_unmatched(import_ctx *ic, const xmlNode *unit, const char *original, const char *context,
                             size_t ambiguous, int plural)
{
	if (ambiguous)
		kept_out(ic, unit,
		         "ambiguous (%zu entries of %s have this source text in different contexts, and the "
		         "unit names none)",
		         ambiguous, original);
	else
		kept_out(ic, unit, "source changed (%s has no %sentry with this %s%s text)", original,
		         plural ? "plural " : "", context ? "context and " : "",
		         plural ? "singular" : "source");
}

static void import_unit(import_ctx *ic, kg_catalog *cat, const char *original, const xmlNode *unit)
{
	ic->counts->units++;
	unit_text ut;
	if (read_unit(ic, unit, &ut) < 0)
		return;
	char *context = get_attr(unit, ic->v2 ? "name" : "resname");
	char *id = get_attr(unit, "id");
	size_t ambiguous = 0;
	kg_po_entry *e = match_entry(cat, id, context, ic->source.data, 0, &ambiguous);
	xmlFree(id);
	if (!e) {
		report_unmatched(ic, unit, original, context, ambiguous, 0);
	} else {
		int changed = 0;
		if (ut.has_target &&
		    apply(ic, unit, original, e, 0, ic->target.data, ut.state == STATE_DONE, &changed) < 0) {
			xmlFree(context);
			return; /* kept out: the entry stays as it was */
		}
		finish_entry(ic, unit, e, ut.has_target, ut.state, changed);
	}
	xmlFree(context);
}

/* The form a unit of a plural group holds: the number after "<group>."
 * (kitgen) or in "<group>[k]" (translate-toolkit) in its id, else its
 * position. */
static size_t form_of(const xmlNode *unit, const char *group_id, size_t position)
{
	char *id = get_attr(unit, "id");
	size_t form = position;
	size_t n = group_id ? strlen(group_id) : 0;
	if (id && group_id && !strncmp(id, group_id, n) && (id[n] == '.' || id[n] == '[')) {
		const char *digits = id + n + 1;
		size_t len = strspn(digits, "0123456789");
		const char *rest = id[n] == '[' ? "]" : "";
		if (len && len < 6 && !strcmp(digits + len, rest))
			form = (size_t)strtoul(digits, NULL, 10);
	}
	xmlFree(id);
	return form;
}

/* The source text of a unit, read silently (for finding a plural entry
 * before its forms are read and reported one by one). */
static int unit_source(import_ctx *ic, const xmlNode *unit, kg_buf *out)
{
	if (!ic->v2) {
		const xmlNode *source = first_child(ic, unit, "source");
		return source ? gather_text(ic, source, out) : -1;
	}
	for (const xmlNode *c = unit->children; c; c = c->next) {
		if (!is_element(ic, c, "segment") && !is_element(ic, c, "ignorable"))
			continue;
		const xmlNode *source = first_child(ic, c, "source");
		if (!source || gather_text(ic, source, out) < 0)
			return -1;
	}
	return 0;
}

/* A plural group: the entry is found by the context and source of form 0;
 * every form is then checked against msgid / msgid_plural and applied. */
static void import_plural(import_ctx *ic, kg_catalog *cat, const char *original, const xmlNode *group)
{
	const char *unit_name = ic->v2 ? "unit" : "trans-unit";
	char *group_id = get_attr(group, "id");
	kg_po_entry *e = NULL;
	char *context = NULL;
	size_t position = 0, ambiguous = 0;
	for (const xmlNode *c = group->children; c; c = c->next) {
		if (!is_element(ic, c, unit_name) || form_of(c, group_id, position++) != 0)
			continue;
		context = get_attr(c, ic->v2 ? "name" : "resname");
		kg_buf_reset(&ic->scratch);
		if (unit_source(ic, c, &ic->scratch) == 0)
			e = match_entry(cat, group_id, context, ic->scratch.data, 1, &ambiguous);
		break;
	}
	int changed = 0, any_target = 0, state = STATE_NONE, refused = 0;
	position = 0;
	for (const xmlNode *c = group->children; c; c = c->next) {
		if (!is_element(ic, c, unit_name))
			continue;
		size_t form = form_of(c, group_id, position++);
		ic->counts->units++;
		unit_text ut;
		if (read_unit(ic, c, &ut) < 0)
			continue;
		if (!e) {
			report_unmatched(ic, c, original, context, ambiguous, 1);
			continue;
		}
		if (strcmp(ic->source.data, form ? e->msgid_plural : e->msgid)) {
			kept_out(ic, c, "source changed (it differs from the entry's %s)",
			         form ? "msgid_plural" : "msgid");
			continue;
		}
		if (form >= e->msgstr_count) {
			kept_out(ic, c, "plural form %zu is beyond the catalog's last (nplurals=%zu)", form,
			         e->msgstr_count);
			continue;
		}
		if (!ut.has_target)
			continue;
		if (apply(ic, c, original, e, form, ic->target.data, ut.state == STATE_DONE, &changed) < 0) {
			refused = 1;
			continue;
		}
		any_target = 1;
		if (ut.state > state)
			state = ut.state;
	}
	if (e)
		finish_entry(ic, group, e, any_target, refused && state != STATE_FUZZY ? STATE_KEEP : state,
		             changed);
	xmlFree(context);
	xmlFree(group_id);
}

static int is_plural_group(import_ctx *ic, const xmlNode *group)
{
	char *type = get_attr(group, ic->v2 ? "type" : "restype");
	int plural = type && !strcmp(type, ic->v2 ? PLURAL_TYPE_20 : PLURAL_TYPE_12);
	xmlFree(type);
	return plural;
}

/* ---- units of a file that is no catalog, collected as PO entries ---- */

static int is_gettext_header(const xmlNode *unit)
{
	char *type = get_attr(unit, "restype");
	int header = type && !strcmp(type, "x-gettext-domain-header");
	xmlFree(type);
	return header;
}

/* Adds the unit's location references: 1.x context groups of purpose
 * "location" (translate-toolkit's "po-reference"), 2.0 location notes. */
static void add_references(import_ctx *ic, const xmlNode *unit, kg_po_entry *e)
{
	for (const xmlNode *g = unit->children; g; g = g->next) {
		if (!ic->v2 && is_element(ic, g, "context-group")) {
			char *purpose = get_attr(g, "purpose");
			int location = purpose && !strcmp(purpose, "location");
			xmlFree(purpose);
			if (!location)
				continue;
			kg_buf_reset(&ic->scratch);
			for (const xmlNode *c = g->children; c; c = c->next) {
				char *type =
				    is_element(ic, c, "context") ? get_attr(c, "context-type") : NULL;
				xmlChar *text = type ? xmlNodeGetContent(c) : NULL;
				if (text && !strcmp(type, "sourcefile"))
					kg_buf_printf(&ic->scratch, "%s%s", (const char *)text,
					              ic->scratch.data);
				else if (text && !strcmp(type, "linenumber"))
					kg_buf_printf(&ic->scratch, ":%s", (const char *)text);
				xmlFree(text);
				xmlFree(type);
			}
			if (ic->scratch.len && ic->scratch.data[0] != ':' &&
			    !strpbrk(ic->scratch.data, " \t\n"))
				kg_po_entry_add_reference(e, ic->scratch.data);
		} else if (ic->v2 && is_element(ic, g, "notes")) {
			for (const xmlNode *n = g->children; n; n = n->next) {
				char *category = is_element(ic, n, "note") ? get_attr(n, "category") : NULL;
				xmlChar *text =
				    category && !strcmp(category, "location") ? xmlNodeGetContent(n) : NULL;
				for (char *ref = text ? strtok((char *)text, " \t\n") : NULL; ref;
				     ref = strtok(NULL, " \t\n"))
					kg_po_entry_add_reference(e, ref);
				xmlFree(text);
				xmlFree(category);
			}
		}
	}
}

/* A unit of a collected file becomes an entry (when it has a target). A
 * unit without a state counts as translated: po2xliff always writes
 * approved, and the entry is matched again by the kit's importer. */
static void collect_unit(import_ctx *ic, kg_catalog *into, const xmlNode *unit)
{
	ic->counts->units++;
	unit_text ut;
	if (read_unit(ic, unit, &ut) < 0 || !ut.has_target)
		return;
	char *context = get_attr(unit, ic->v2 ? "name" : "resname");
	kg_po_entry *e = kg_catalog_add(into, context, ic->source.data, NULL);
	kg_po_entry_set_msgstr(e, 0, ic->target.data);
	kg_po_entry_set_flag(e, "fuzzy", ut.state == STATE_FUZZY);
	e->line = line_of(unit);
	add_references(ic, unit, e);
	xmlFree(context);
}

/* A plural group of a collected file: form 0's source is msgid, form 1's
 * msgid_plural; a group of one form stays singular (it then fills the
 * plural entry of a one-form language). */
static void collect_plural(import_ctx *ic, kg_catalog *into, const xmlNode *group)
{
	const char *unit_name = ic->v2 ? "unit" : "trans-unit";
	char *group_id = get_attr(group, "id");
	kg_buf singular = KG_BUF_INIT, plural = KG_BUF_INIT;
	char *context = NULL;
	const xmlNode *first = NULL;
	int have_plural = 0, any_target = 0, fuzzy = 0;
	kg_po_entry *e = kg_po_entry_new();
	size_t position = 0;
	for (const xmlNode *c = group->children; c; c = c->next) {
		if (!is_element(ic, c, unit_name))
			continue;
		size_t form = form_of(c, group_id, position++);
		ic->counts->units++;
		unit_text ut;
		if (read_unit(ic, c, &ut) < 0)
			continue;
		if (form == 0) {
			kg_buf_puts(&singular, ic->source.data);
			first = c;
			if (!context)
				context = get_attr(c, ic->v2 ? "name" : "resname");
		} else if (!have_plural) {
			kg_buf_puts(&plural, ic->source.data);
			have_plural = 1;
		}
		if (ut.has_target && form < 64) {
			kg_po_entry_set_msgstr(e, form, ic->target.data);
			any_target = 1;
			fuzzy |= ut.state == STATE_FUZZY;
		}
	}
	if (first && any_target) {
		kg_po_entry *added =
		    kg_catalog_add(into, context, singular.data, have_plural ? plural.data : NULL);
		for (size_t k = 0; k < e->msgstr_count; k++)
			kg_po_entry_set_msgstr(added, k, e->msgstr[k]);
		kg_po_entry_set_flag(added, "fuzzy", fuzzy);
		added->line = line_of(group);
		add_references(ic, first, added);
		add_references(ic, group, added);
	}
	kg_po_entry_free(e);
	xmlFree(context);
	xmlFree(group_id);
	kg_buf_release(&singular);
	kg_buf_release(&plural);
}

static void collect_units(import_ctx *ic, kg_catalog *into, const xmlNode *parent, int depth)
{
	for (const xmlNode *c = parent->children; c; c = c->next) {
		if (is_element(ic, c, ic->v2 ? "unit" : "trans-unit")) {
			if (!(!ic->v2 && is_gettext_header(c)))
				collect_unit(ic, into, c);
		} else if (is_element(ic, c, "group") && is_plural_group(ic, c)) {
			collect_plural(ic, into, c);
		} else if ((is_element(ic, c, "group") || (!ic->v2 && is_element(ic, c, "body"))) &&
		           depth < 64) {
			collect_units(ic, into, c, depth + 1);
		}
	}
}

static void walk_units(import_ctx *ic, kg_catalog *cat, const char *original, const xmlNode *parent,
                       int depth)
{
	for (const xmlNode *c = parent->children; c; c = c->next) {
		if (is_element(ic, c, ic->v2 ? "unit" : "trans-unit")) {
			if (!ic->v2 && is_gettext_header(c))
				continue; /* po2xliff carries the PO header as a unit; kitgen keeps its own */
			if (cat)
				import_unit(ic, cat, original, c);
			else
				ic->counts->units++, ic->counts->kept_out++;
		} else if (is_element(ic, c, "group") || (!ic->v2 && is_element(ic, c, "body"))) {
			if (cat && is_element(ic, c, "group") && is_plural_group(ic, c))
				import_plural(ic, cat, original, c);
			else if (depth < 64) /* libxml2 already caps depth; this bounds our stack */
				walk_units(ic, cat, original, c, depth + 1);
		}
	}
}

/* Language tags compare case-blind, with '_' as '-' (PO headers say vi_VN). */
static int same_language(const char *a, const char *b, size_t blen)
{
	size_t alen = strlen(a);
	if (alen != blen)
		return 0;
	for (size_t i = 0; i < alen; i++) {
		char x = a[i] == '_' ? '-' : a[i], y = b[i] == '_' ? '-' : b[i];
		if (x != y && !((x | 0x20) == (y | 0x20) && (x | 0x20) >= 'a' && (x | 0x20) <= 'z'))
			return 0;
	}
	return 1;
}

static void import_file(import_ctx *ic, const xmlNode *file, const char *document_target)
{
	char *original = get_attr(file, "original");
	char *file_target = ic->v2 ? NULL : get_attr(file, "target-language");
	const char *target_lang = ic->v2 ? document_target : file_target;
	kg_catalog *cat = NULL, *collected = NULL;
	if (!original || !original[0]) {
		kg_warning(ic->diags, ic->display, line_of(file), 0,
		           "<file> has no 'original' naming its catalog; its units are kept out");
	} else if (!(cat = ic->hooks->resolve(ic->hooks->ud, original)) && strncmp(original, "locales/", 8) &&
	           ic->hooks->collect &&
	           (collected = ic->hooks->collect(ic->hooks->ud, original, target_lang))) {
		/* po2xliff names the one file after the whole-language PO file */
		collect_units(ic, collected, file, 0);
		xmlFree(original);
		xmlFree(file_target);
		return;
	} else if (!cat) {
		/* A path outside locales/ is most likely po2xliff's name for one
		 * whole-language PO file: say how that one comes back. */
		int whole_language = strncmp(original, "locales/", 8) != 0;
		kg_warning(
		    ic->diags, ic->display, line_of(file), 0,
		    "'%s' is not a catalog of this kit (or no longer exists); its units are kept out%s",
		    original,
		    whole_language ? " (a document made from one PO file of a whole language, as "
		                     "po2xliff makes, is imported with --lang naming its language)"
		                   : "");
	} else if (target_lang && target_lang[0]) {
		size_t len = 0;
		const char *language = kg_catalog_header_get(cat, "Language", &len);
		if (language && len && !same_language(target_lang, language, len)) {
			kg_warning(ic->diags, ic->display, line_of(file), 0,
			           "the target language '%s' is not the language of %s (%.*s); its units are "
			           "kept out",
			           target_lang, original, (int)len, language);
			cat = NULL;
		}
	}
	walk_units(ic, cat, original ? original : "", file, 0);
	xmlFree(original);
	xmlFree(file_target);
}

int kg_xliff_import_mem(const char *data, size_t len, const char *display_path, const kg_xliff_hooks *hooks,
                        kg_xliff_counts *counts, kg_diags *diags)
{
	import_ctx ic = {display_path, diags,       hooks,      counts, 0, NULL, 0, 0,
	                 KG_BUF_INIT,  KG_BUF_INIT, KG_BUF_INIT};
	xmlParserCtxtPtr parser = NULL;
	xmlDocPtr doc = NULL;
	char *version = NULL, *target_lang = NULL;
	xmlStructuredErrorFunc saved_handler = NULL;
	void *saved_context = NULL;
	int handler_set = 0;
	int rc = -1;
	memset(counts, 0, sizeof(*counts));
	if (len > KG_XLIFF_MAX_INPUT) {
		kg_error(diags, display_path, 0, 0, "document larger than %zu MiB; refused",
		         KG_XLIFF_MAX_INPUT >> 20);
		goto out;
	}
	if (len == 0) {
		kg_error(diags, display_path, 0, 0, "empty document; not XLIFF");
		goto out;
	}
	saved_handler = xmlStructuredError;
	saved_context = xmlStructuredErrorContext;
	handler_set = 1;
	xmlSetStructuredErrorFunc(&ic, on_context_free_error);
	parser = xmlCreateMemoryParserCtxt(data, (int)len);
	if (!parser) {
		kg_error(diags, display_path, 0, 0, "cannot create an XML parser");
		goto out;
	}
	/* No NOENT (entities stay references), no DTDLOAD/DTDVALID/DTDATTR (no
	 * external subset is read), NONET (no network even if something tried),
	 * no HUGE (libxml2 keeps its depth and amplification limits). */
	xmlCtxtUseOptions(parser, XML_PARSE_NONET | XML_PARSE_BIG_LINES);
	parser->_private = &ic;
	parser->sax->serror = on_xml_error;
	parser->sax->entityDecl = on_entity_decl;
	parser->sax->unparsedEntityDecl = on_unparsed_entity_decl;
	parser->replaceEntities = 0; /* belt and braces: the options above say so too */
	parser->loadsubset = 0;
	parser->validate = 0;
	xmlParseDocument(parser);
	doc = parser->myDoc;
	if (ic.entities_refused || ic.parse_failed || !parser->wellFormed || !doc) {
		if (!ic.entities_refused && !ic.parse_failed)
			kg_error(diags, display_path, 0, 0, "not a well-formed XML document");
		goto out;
	}
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!root || strcmp((const char *)root->name, "xliff")) {
		kg_error(diags, display_path, root ? line_of(root) : 0, 0,
		         "the root element is <%s>, not <xliff>; not an XLIFF document",
		         root ? (const char *)root->name : "");
		goto out;
	}
	ic.ns = root->ns ? root->ns->href : NULL;
	version = get_attr(root, "version");
	if (version && (!strcmp(version, "2.0") || !strcmp(version, "2.1") || !strcmp(version, "2.2")))
		ic.v2 = 1;
	else if (!version || (strcmp(version, "1.2") && strcmp(version, "1.1") && strcmp(version, "1.0"))) {
		kg_error(diags, display_path, line_of(root), 0,
		         "XLIFF version '%s' is not supported (kitgen reads 2.x, 1.2, 1.1 and 1.0)",
		         version ? version : "(none)");
		goto out;
	}
	/* 1.0 and 1.1 are read as 1.2 (po2xliff, Okapi and older CAT tools
	 * write 1.1; the elements kitgen reads are the same). A 1.x document
	 * may carry any 1.x namespace, or none, as tools in the wild do. */
	if (ic.ns && !(ic.v2 ? !xmlStrncmp(ic.ns, BAD_CAST "urn:oasis:names:tc:xliff:document:2.", 36)
	                     : !xmlStrncmp(ic.ns, BAD_CAST "urn:oasis:names:tc:xliff:document:1.", 36))) {
		kg_error(diags, display_path, line_of(root), 0, "the namespace '%s' is not XLIFF %s's",
		         (const char *)ic.ns, version);
		goto out;
	}
	target_lang = ic.v2 ? get_attr(root, "trgLang") : NULL;
	rc = 0;
	for (const xmlNode *c = root->children; c; c = c->next)
		if (is_element(&ic, c, "file"))
			import_file(&ic, c, target_lang);
out:
	xmlFree(version);
	xmlFree(target_lang);
	if (doc)
		xmlFreeDoc(doc);
	if (parser)
		xmlFreeParserCtxt(parser);
	if (handler_set)
		xmlSetStructuredErrorFunc(saved_context, saved_handler);
	kg_buf_release(&ic.source);
	kg_buf_release(&ic.target);
	kg_buf_release(&ic.scratch);
	return rc;
}
