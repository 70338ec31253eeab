/* page_files.c: the files that go beside each page for download — PDF
 * handouts (standard, large print, bilingual), wallet cards and booklets
 * drawn by pdf/, and text, Markdown and legacy-encoding exports from
 * export.h — named so that a downloaded file says what it is
 * ("five-responses-vi-large-print.pdf"). A language that has not
 * translated a single unit of a page gets no files of its own (no PDFs,
 * copies or share images: site_page_has_own_files): the page links to the
 * source language's, saying which language they are in.
 * Owns nothing between calls; returns values for the page template. */
#include "downloads/downloads.h"

#include "kitgen/base/alloc.h"
#include "kitgen/locale/encoding.h"
#include "kitgen/downloads/export.h"
#include "kitgen/render/html.h"
#include "kitgen/render/slides.h"
#include "kitgen/locale/locale.h"
#include "kitgen/pdf/pdf.h"
#include "kitgen/i18n/segment.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* print_pack: the variant goes in the language's print pack, not its
 * main zip (language_zip.c): large print, booklets and decks are what a
 * trainer prints or shows in a room; with them the main zip of Urdu or
 * Chinese was over 4 MB, too large for phones on prepaid data. */
static const struct {
	kg_pdf_variant variant;
	const char *suffix;
	kg_ui_id label;
	int print_pack;
} variants[] = {
    {KG_PDF_STANDARD, "handout", KG_UI_HANDOUT, 0},      {KG_PDF_LARGE, "large-print", KG_UI_LARGE_PRINT, 1},
    {KG_PDF_BILINGUAL, "bilingual", KG_UI_BILINGUAL, 0}, {KG_PDF_CARD, "card", KG_UI_CARD, 0},
    {KG_PDF_BOOKLET, "booklet", KG_UI_BOOKLET, 1},       {KG_PDF_SLIDES, "slides", KG_UI_SLIDES, 1},
};
#define VARIANT_COUNT (sizeof(variants) / sizeof(variants[0]))

/* "five-responses" for education/five-responses, the section name for a
 * section page, "home" for the home page. */
static const char *page_slug(const kg_page *page)
{
	const char *slash = strrchr(page->rel_path, '/');
	return page->rel_path[0] ? (slash ? slash + 1 : page->rel_path) : "home";
}

/* The test hook --test-handout-rasters: is this page's every sheet also
 * drawn to a PNG? (All pages, or those test_handout_rasters_pages names.) */
static int rasters_wanted(const site *s, const kg_page *page)
{
	const char *names = s->test_handout_rasters_pages, *slug = page_slug(page);
	if (!s->test_handout_rasters)
		return 0;
	if (!names)
		return 1;
	size_t len = strlen(slug);
	for (const char *at = names; *at;) {
		size_t n = strcspn(at, ",");
		if (n == len && !strncmp(at, slug, n))
			return 1;
		at += n + (at[n] == ',');
	}
	return 0;
}

static int has_booklet(const site *s, const kg_page *page)
{
	return page->handout && (page->booklet > 0 || (page->booklet == 0 && s->kit.config.booklet));
}

static int wants_variant(const site *s, const lang_state *ls, size_t page_index, size_t v)
{
	const kg_page *page = &s->kit.pages[page_index];
	if (!s->kit.config.handouts || !site_page_has_own_files(ls, page_index))
		return 0;
	switch (variants[v].variant) {
	case KG_PDF_CARD: return page->card;
	case KG_PDF_SLIDES: return page->slides;
	case KG_PDF_BOOKLET: return has_booklet(s, page);
	/* Bilingual needs a second language, and a page that is already
	 * bilingual (front matter) shows both in its standard handout. */
	case KG_PDF_BILINGUAL: return page->handout && !ls->is_source && !page->bilingual;
	default: return page->handout;
	}
}

int downloads_print_pack_kind(const char *path, const char *tag)
{
	size_t len = strlen(path), tag_len = strlen(tag);
	for (size_t v = 0; v < VARIANT_COUNT; v++) {
		if (!variants[v].print_pack)
			continue;
		size_t suffix_len = strlen(variants[v].suffix);
		size_t tail = 1 + tag_len + 1 + suffix_len + 4; /* -<tag>-<suffix>.pdf */
		if (len <= tail)
			continue;
		const char *t = path + len - tail;
		if (t[0] == '-' && !strncmp(t + 1, tag, tag_len) && t[1 + tag_len] == '-' &&
		    !strncmp(t + 2 + tag_len, variants[v].suffix, suffix_len) &&
		    !strcmp(t + tail - 4, ".pdf"))
			return (int)v + 1;
	}
	return 0;
}

const char *downloads_print_pack_label(lang_state *ls, int kind)
{
	return site_ui_string(ls, variants[kind - 1].label);
}

int downloads_page_has_pdfs(const site *s, const lang_state *ls, size_t page_index)
{
	for (size_t v = 0; v < VARIANT_COUNT; v++)
		if (wants_variant(s, ls, page_index, v))
			return 1;
	return 0;
}

void downloads_page_file_names(const site *s, const lang_state *ls, size_t page_index, kg_buf *names)
{
	const kg_page *page = &s->kit.pages[page_index];
	const char *slug = page_slug(page), *tag = ls->lang->tag;
	for (size_t v = 0; v < VARIANT_COUNT; v++)
		if (wants_variant(s, ls, page_index, v))
			kg_buf_printf(names, "%s-%s-%s.pdf%c", slug, tag, variants[v].suffix, 0);
	if (s->kit.config.downloads && site_page_has_own_files(ls, page_index)) {
		kg_buf_printf(names, "%s-%s.txt%c", slug, tag, 0);
		kg_buf_printf(names, "%s-%s.md%c", slug, tag, 0);
		for (size_t e = 0; e < ls->lang->export_count; e++)
			kg_buf_printf(names, "%s-%s-%s.txt%c", slug, tag, ls->lang->exports[e], 0);
	}
	downloads_partner_file_names(s, ls, page_index, names); /* partner_files.c */
	downloads_page_svg_names(s, ls, page_index, names);     /* page_images.c */
}

kg_val *downloads_page_entry(const site *s, const lang_state *ls, size_t page_index, const char *section)
{
	const page_state *ps = &ls->pages[page_index];
	const char *tag = ls->lang->tag;
	kg_val *pv = kg_val_map();
	kg_buf t = KG_BUF_INIT, u = KG_BUF_INIT;
	kg_fill_placeholders(&ls->vars, ps->title, &t);
	kg_val_set(pv, "title", kg_val_str_take(kg_buf_detach(&t, NULL)));
	kg_val_set_str(pv, "title_lang", ps->title_fallback ? s->source->tag : tag);
	site_url(section, tag, s->kit.pages[page_index].rel_path, &u);
	kg_val_set(pv, "url", kg_val_str_take(kg_buf_detach(&u, NULL)));
	return pv;
}

static kg_val *download_value(const char *kind, const char *label, const char *name, size_t size);

kg_val *downloads_page_list(const site *s, lang_state *ls, size_t page_index)
{
	const kg_page *page = &s->kit.pages[page_index];
	const char *slug = page_slug(page), *tag = ls->lang->tag;
	kg_val *list = kg_val_list();
	kg_buf name = KG_BUF_INIT, path = KG_BUF_INIT, label = KG_BUF_INIT;
	for (size_t i = 0; i < VARIANT_COUNT + 2 + ls->lang->export_count; i++) {
		const char *kind, *text;
		kg_buf_reset(&name);
		kg_buf_reset(&label);
		if (i < VARIANT_COUNT) {
			if (!wants_variant(s, ls, page_index, i))
				continue;
			kind = "pdf";
			kg_buf_printf(&name, "%s-%s-%s.pdf", slug, tag, variants[i].suffix);
			text = site_ui_string(ls, variants[i].label);
			kg_buf_puts(&label, text);
		} else if (!s->kit.config.downloads || !site_page_has_own_files(ls, page_index)) {
			break;
		} else if (i < VARIANT_COUNT + 2) {
			kind = i == VARIANT_COUNT ? "txt" : "md";
			kg_buf_printf(&name, "%s-%s.%s", slug, tag, kind);
			kg_buf_puts(&label, site_ui_string(ls, i == VARIANT_COUNT ? KG_UI_TEXT_VERSION
			                                                          : KG_UI_MARKDOWN_VERSION));
		} else {
			const char *enc = ls->lang->exports[i - VARIANT_COUNT - 2];
			kind = "legacy";
			kg_buf_printf(&name, "%s-%s-%s.txt", slug, tag, enc);
			site_fill_param(&label, site_ui_string(ls, KG_UI_TEXT_IN_ENCODING), "{encoding}",
			                enc);
		}
		kg_buf_reset(&path);
		kg_buf_printf(&path, "%s/%s%s%s", tag, page->rel_path, page->rel_path[0] ? "/" : "",
		              name.data);
		char *where = kg_outdir_path(&s->out, path.data); /* written now, or kept */
		struct stat st;
		if (stat(where, &st) == 0)
			kg_val_push(list, download_value(kind, label.data, name.data, (size_t)st.st_size));
		free(where);
	}
	kg_buf_release(&name);
	kg_buf_release(&path);
	kg_buf_release(&label);
	downloads_partner_list(s, ls, page_index, 0, list); /* partner_files.c: DOCX, ODT */
	return list;
}

typedef struct pdf_ctx {
	site *s;
	lang_state *ls;
	const kg_page *page;
	kg_buf scratch;
} pdf_ctx;

static void pdf_format_int(void *ctx, long long n, kg_buf *out)
{
	pdf_ctx *c = ctx;
	kg_locale_format_int(c->ls->lang->tag, n, out);
}

static void fill_literal(void *ud, const char *text, size_t len) { kg_buf_add(ud, text, len); }

/* FSI ... PDI around each value: an English value ("[your local hotline
 * number]") inside Urdu text stays in one piece, brackets in place. */
static void fill_isolated(void *ud, const kg_kit_var *var, const char *value)
{
	(void)var;
	kg_buf_puts(ud, "\xe2\x81\xa8");
	kg_buf_puts(ud, value);
	kg_buf_puts(ud, "\xe2\x81\xa9");
}

static void pdf_fill(void *ctx, const char *text, kg_buf *out)
{
	pdf_ctx *c = ctx;
	if (c->ls->lang->rtl)
		kg_placeholders_walk(&c->ls->vars, text, fill_literal, fill_isolated, out);
	else
		kg_fill_placeholders(&c->ls->vars, text, out);
}

static const char *pdf_image(void *ctx, const char *url)
{
	pdf_ctx *c = ctx;
	return downloads_page_image(c->s, c->ls, c->page, url, &c->scratch);
}

static int pdf_link(void *ctx, const char *url, kg_buf *out)
{
	pdf_ctx *c = ctx;
	const kg_page *to;
	const kg_static_file *file;
	if (kg_kit_resolve_link(&c->s->kit, c->page, url, &to, &file) < 0)
		return -1;
	const char *base = c->s->kit.config.base_url;
	if (to) {
		kg_buf_printf(out, "%s%s/%s%s", base, c->ls->lang->tag, to->rel_path,
		              to->rel_path[0] ? "/" : "");
		const char *fragment = strchr(url, '#');
		if (fragment)
			kg_buf_puts(out, fragment);
	} else {
		kg_buf_printf(out, "%s%s", base, file->out_path);
	}
	return 0;
}

static kg_val *download_value(const char *kind, const char *label, const char *name, size_t size)
{
	kg_val *v = kg_val_map();
	kg_val_set_str(v, "kind", kind);
	kg_val_set_str(v, "label", label);
	kg_val_set_str(v, "url", name);
	kg_val_set_int(v, "bytes", (long long)size);
	kg_val_set(v, "size", site_size_value(size));
	return v;
}

static int write_file(site *s, const char *dir, const char *name, const kg_buf *data)
{
	kg_buf rel = KG_BUF_INIT;
	kg_buf_printf(&rel, "%s%s", dir, name);
	int rc = kg_outdir_write(&s->out, rel.data, data->data, data->len, s->diags);
	kg_buf_release(&rel);
	return rc;
}

/* "Kōkua Pacific · (808) 555-0142 · https://kokua.example" in the
 * language (its values of the organization's vars), for handouts. */
static void organization_line(lang_state *ls, kg_buf *out)
{
	static const char *const fields[] = {"org_name", "org_phone", "org_website"};
	for (size_t i = 0; i < 3; i++) {
		const kg_kit_var *v = kg_config_find_var(ls->vars.config, fields[i], strlen(fields[i]));
		if (!v || !v->organization)
			continue;
		const char *value = kg_placeholders_get(&ls->vars, fields[i], strlen(fields[i]));
		if (!value || !value[0])
			continue;
		kg_buf_puts(out, out->len ? " · " : "");
		/* Right to left, each value is isolated (FSI ... PDI) so an
		 * English value keeps its brackets and its words in order. */
		if (ls->lang->rtl)
			fill_isolated(out, v, value);
		else
			kg_buf_puts(out, value);
	}
}

/* An organization field in the language (its value of the var), or NULL. */
static const char *organization_value(lang_state *ls, const char *field)
{
	const kg_kit_var *v = kg_config_find_var(ls->vars.config, field, strlen(field));
	if (!v || !v->organization)
		return NULL;
	const char *value = kg_placeholders_get(&ls->vars, field, strlen(field));
	return value && value[0] ? value : NULL;
}

/* unit_position: where a block of the page body comes from. */
static int pdf_position(void *ctx, cmark_node *node, const char **file)
{
	pdf_ctx *c = ctx;
	int line = cmark_node_get_start_line(node);
	if (line <= 0)
		return 0;
	*file = c->page->source_path;
	return line + c->page->body_line - 1;
}

/* The deck's problems in the source (render/slides.h): warnings. */
static void report_slides(site *s, const kg_page *page, cmark_node *doc)
{
	kg_deck deck;
	kg_slides_where where = {page->source_path, page->body_line, page->slides_line};
	kg_deck_split(&deck, doc, NULL, &where, s->diags);
	kg_deck_release(&deck);
}

/* The page's PDFs in ls, drawn as one set (they share their fonts). */
static int write_pdfs(site *s, lang_state *ls, size_t page_index, const kg_localized *loc, const char *dir,
                      const char *title, kg_val *downloads)
{
	const kg_page *page = &s->kit.pages[page_index];
	const char *tag = ls->lang->tag, *slug = page_slug(page);
	int rc = 0;
	pdf_ctx ctx = {s, ls, page, KG_BUF_INIT};
	kg_buf updated = KG_BUF_INIT, date = KG_BUF_INIT, url = KG_BUF_INIT, org = KG_BUF_INIT,
	       reviewed = KG_BUF_INIT;
	const page_state *ps = &ls->pages[page_index];
	int has_review = site_review_line(s, ls, ps, &reviewed);
	kg_buf names[VARIANT_COUNT], displays[VARIANT_COUNT], outs[VARIANT_COUNT];
	kg_pdf_request reqs[VARIANT_COUNT];
	size_t which[VARIANT_COUNT], count = 0;
	organization_line(ls, &org);
	if (page->updated) {
		kg_date_formatter_format(s->dates, tag, page->updated_year, page->updated_month,
		                         page->updated_day, &date);
		site_fill_param(&updated, site_ui_string(ls, KG_UI_UPDATED), "{date}", date.data);
	}
	kg_buf_printf(&url, "%s%s/%s%s", s->kit.config.base_url, tag, page->rel_path,
	              page->rel_path[0] ? "/" : "");
	const char *org_name = organization_value(ls, "org_name"),
	           *org_phone = organization_value(ls, "org_phone");
	cmark_node *source_doc = NULL;
	const char *paper = ls->lang->paper ? ls->lang->paper : s->kit.config.paper;
	for (size_t v = 0; v < VARIANT_COUNT; v++) {
		if (!wants_variant(s, ls, page_index, v))
			continue;
		if (variants[v].variant == KG_PDF_CARD && !kg_pdf_card_phrases(loc->doc)) {
			/* Every language has the source's lists: say it once. */
			if (ls->is_source)
				kg_error(s->diags, page->source_path, page->card_line, 1,
				         "card: true, but the page has no list of phrases to put on a card");
			rc = -1;
			continue;
		}
		if ((variants[v].variant == KG_PDF_BILINGUAL || variants[v].variant == KG_PDF_SLIDES) &&
		    !source_doc)
			source_doc = kg_page_parse_body(page);
		if (variants[v].variant == KG_PDF_SLIDES && ls->is_source)
			report_slides(s, page, loc->doc); /* every language has the source's slides: once */
		size_t i = count++;
		which[i] = v;
		kg_buf_init(&names[i]);
		kg_buf_init(&displays[i]);
		kg_buf_init(&outs[i]);
		kg_buf_printf(&names[i], "%s-%s-%s.pdf", slug, tag, variants[v].suffix);
		kg_buf_printf(&displays[i], "%s/%s%s", s->kit.config.output_dir, dir, names[i].data);
		reqs[i] = (kg_pdf_request){
		    .doc = loc->doc,
		    .source_doc =
		        variants[v].variant == KG_PDF_BILINGUAL || variants[v].variant == KG_PDF_SLIDES
		            ? source_doc
		            : NULL,
		    .title = title,
		    .title_lang = loc->title_fallback ? s->source->tag : tag,
		    .lang = tag,
		    .rtl = ls->lang->rtl,
		    .source_lang = s->source->tag,
		    .source_title = page->title,
		    .variant = variants[v].variant,
		    .paper = !strcmp(paper, "a4") ? KG_PAPER_A4 : KG_PAPER_LETTER,
		    .kit_title = ls->kit_title,
		    .updated = page->updated ? updated.data : NULL,
		    .draft_notice = site_page_draft(ls, ps) ? site_ui_string(ls, KG_UI_DRAFT_NOTICE) : NULL,
		    .reviewed = has_review ? reviewed.data : NULL,
		    .page_label = site_ui_string(ls, KG_UI_PAGE_N_OF_M),
		    .url = url.data,
		    .qr_caption = site_ui_string(ls, KG_UI_QR_CAPTION),
		    .organization = org.len ? org.data : NULL,
		    .summary = loc->summary,
		    .continued_mark = site_ui_string(ls, KG_UI_CONTINUED),
		    .org_name = org_name,
		    .org_phone = org_phone,
		    .logo_path = s->logo_path,
		    .sample_mark = s->sample ? site_ui_string(ls, KG_UI_SAMPLE_MARK) : NULL,
		    .fallback_marker = &kg_fallback_marker,
		    .format_int = pdf_format_int,
		    .format_ctx = &ctx,
		    .image_path = pdf_image,
		    .image_ctx = &ctx,
		    .display_path = displays[i].data,
		    .unit_position = pdf_position,
		    .position_ctx = &ctx,
		    .fill_text = pdf_fill,
		    .fill_ctx = &ctx,
		    .link_url = pdf_link,
		    .link_ctx = &ctx,
		};
	}
	kg_pdf_stats stats[VARIANT_COUNT];
	if (count && kg_pdf_render_set(s->pdf_workers, reqs, count, outs, stats, s->diags) < 0)
		rc = -1;
	for (size_t i = 0; i < count && rc == 0; i++) {
		if (write_file(s, dir, names[i].data, &outs[i]) < 0) {
			rc = -1;
			break;
		}
		/* For tests: what Cairo drew, sheet by sheet, to compare with what
		 * a PDF reader draws from the file (catches lost glyphs). */
		for (int pg = 0; rasters_wanted(s, page) && pg < stats[i].pages; pg++) {
			kg_buf png = KG_BUF_INIT;
			kg_buf_printf(&png, "%s/%s-%d.png", s->test_handout_rasters, names[i].data, pg + 1);
			kg_pdf_render_png(&reqs[i], pg, 50, png.data, s->diags);
			kg_buf_release(&png);
		}
		if (variants[which[i]].variant == KG_PDF_BOOKLET &&
		    stats[i].logical_pages - stats[i].blank_pages == 1)
			kg_warning(
			    s->diags, page->source_path, 1, 1,
			    "the %s booklet has one page and three blank ones: the handout may serve better",
			    tag);
		kg_val_push(downloads, download_value("pdf", site_ui_string(ls, variants[which[i]].label),
		                                      names[i].data, outs[i].len));
	}
	for (size_t i = 0; i < count; i++) {
		kg_buf_release(&names[i]);
		kg_buf_release(&displays[i]);
		kg_buf_release(&outs[i]);
	}
	if (source_doc)
		cmark_node_free(source_doc);
	kg_buf_release(&updated);
	kg_buf_release(&reviewed);
	kg_buf_release(&date);
	kg_buf_release(&url);
	kg_buf_release(&org);
	kg_buf_release(&ctx.scratch);
	return rc;
}

/* No size is shown: the source's file may be drawn at this moment on
 * another thread. */
void downloads_push_source_file(const site *s, lang_state *ls, size_t page_index, const char *kind,
                                const char *what, const char *name, kg_val *downloads)
{
	const kg_page *page = &s->kit.pages[page_index];
	kg_buf url = KG_BUF_INIT, label = KG_BUF_INIT, file = KG_BUF_INIT;
	site_url(page->rel_path, s->source->tag, page->rel_path, &url);
	kg_buf_puts(&url, name);
	site_fill_param(&file, site_ui_string(ls, KG_UI_IN_SOURCE_LANGUAGE), "{file}", what);
	site_fill_param(&label, file.data, "{language}", s->source->name);
	kg_val *d = kg_val_map();
	kg_val_set_str(d, "kind", kind);
	kg_val_set_str(d, "label", label.data);
	kg_val_set_str(d, "url", url.data);
	kg_val_set_str(d, "lang", s->source->tag); /* partners.c: the file is another language's */
	kg_val_set_int(d, "bytes", 0);
	kg_val_set_str(d, "size", "");
	kg_val_push(downloads, d);
	kg_buf_release(&url);
	kg_buf_release(&label);
	kg_buf_release(&file);
}

void downloads_source_list(const site *s, lang_state *ls, size_t page_index, int share_images,
                           kg_val *downloads)
{
	const lang_state *source = site_source_state(s);
	const kg_page *page = &s->kit.pages[page_index];
	if (!source || !source->pages[page_index].published)
		return;
	const char *slug = page_slug(page), *tag = source->lang->tag;
	kg_buf name = KG_BUF_INIT, what = KG_BUF_INIT;
	if (share_images)
		downloads_partner_source_list(s, ls, page_index, 1, downloads); /* partner_files.c */
	for (size_t v = 0; v < VARIANT_COUNT; v++) {
		if (!wants_variant(s, source, page_index, v))
			continue;
		kg_buf_reset(&name);
		kg_buf_printf(&name, "%s-%s-%s.pdf", slug, tag, variants[v].suffix);
		downloads_push_source_file(s, ls, page_index, "pdf", site_ui_string(ls, variants[v].label),
		                           name.data, downloads);
	}
	if (s->kit.config.downloads) {
		for (int md = 0; md < 2; md++) {
			kg_buf_reset(&name);
			kg_buf_printf(&name, "%s-%s.%s", slug, tag, md ? "md" : "txt");
			downloads_push_source_file(
			    s, ls, page_index, md ? "md" : "txt",
			    site_ui_string(ls, md ? KG_UI_MARKDOWN_VERSION : KG_UI_TEXT_VERSION), name.data,
			    downloads);
		}
		for (size_t e = 0; e < source->lang->export_count; e++) {
			const char *enc = source->lang->exports[e];
			kg_buf_reset(&name);
			kg_buf_printf(&name, "%s-%s-%s.txt", slug, tag, enc);
			kg_buf_reset(&what);
			site_fill_param(&what, site_ui_string(ls, KG_UI_TEXT_IN_ENCODING), "{encoding}", enc);
			downloads_push_source_file(s, ls, page_index, "legacy", what.data, name.data,
			                           downloads);
		}
	}
	downloads_partner_source_list(s, ls, page_index, 0, downloads);
	kg_buf_release(&name);
	kg_buf_release(&what);
}

int downloads_write_page_files(site *s, lang_state *ls, size_t page_index, const kg_localized *loc,
                               kg_val *downloads)
{
	const kg_page *page = &s->kit.pages[page_index];
	const char *tag = ls->lang->tag, *slug = page_slug(page);
	int rc = 0;
	kg_buf dir = KG_BUF_INIT, name = KG_BUF_INIT, data = KG_BUF_INIT, title = KG_BUF_INIT;
	kg_buf_printf(&dir, "%s/%s%s", tag, page->rel_path, page->rel_path[0] ? "/" : "");
	kg_fill_placeholders(&ls->vars, loc->title, &title);

	/* The page's SVGs in its language first: the PDFs draw them. */
	rc |= downloads_write_page_svgs(s, ls, page_index);
	if (downloads_page_has_pdfs(s, ls, page_index))
		rc |= write_pdfs(s, ls, page_index, loc, dir.data, title.data, downloads);
	if (!site_page_has_own_files(ls, page_index))
		downloads_source_list(s, ls, page_index, 0, downloads);

	if (s->kit.config.downloads && site_page_has_own_files(ls, page_index)) {
		kg_buf text = KG_BUF_INIT;
		kg_export_text(loc->doc, loc->title, &ls->vars, &text);
		kg_buf_reset(&name);
		kg_buf_printf(&name, "%s-%s.txt", slug, tag);
		rc |= write_file(s, dir.data, name.data, &text);
		kg_val_push(downloads, download_value("txt", site_ui_string(ls, KG_UI_TEXT_VERSION),
		                                      name.data, text.len));
		kg_buf_reset(&data);
		kg_export_markdown(loc->doc, loc->title, &ls->vars, &data);
		kg_buf_reset(&name);
		kg_buf_printf(&name, "%s-%s.md", slug, tag);
		rc |= write_file(s, dir.data, name.data, &data);
		kg_val_push(downloads, download_value("md", site_ui_string(ls, KG_UI_MARKDOWN_VERSION),
		                                      name.data, data.len));
		for (size_t e = 0; e < ls->lang->export_count; e++) {
			const char *enc = ls->lang->exports[e];
			kg_buf_reset(&name);
			kg_buf_printf(&name, "%s-%s-%s.txt", slug, tag, enc);
			kg_buf display = KG_BUF_INIT;
			kg_buf_printf(&display, "%s/%s%s-%s.txt", s->kit.config.output_dir, dir.data, slug,
			              tag);
			kg_buf_reset(&data);
			if (kg_legacy_export(text.data, text.len, enc, ls->lang->export_substitute,
			                     display.data, &data, s->diags) < 0 ||
			    write_file(s, dir.data, name.data, &data) < 0) {
				rc = -1;
			} else {
				kg_buf label = KG_BUF_INIT;
				site_fill_param(&label, site_ui_string(ls, KG_UI_TEXT_IN_ENCODING),
				                "{encoding}", enc);
				kg_val_push(downloads,
				            download_value("legacy", label.data, name.data, data.len));
				kg_buf_release(&label);
			}
			kg_buf_release(&display);
		}
		kg_buf_release(&text);
	}
	rc |= downloads_write_partner_files(s, ls, page_index, loc, downloads); /* partner_files.c */
	kg_buf_release(&dir);
	kg_buf_release(&name);
	kg_buf_release(&data);
	kg_buf_release(&title);
	return rc;
}
