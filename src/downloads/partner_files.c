/* partner_files.c: the files beside each page for partners who republish
 * it — share images (images/share.h: 1200 × 630 and 1080 × 1080) and
 * Word and OpenDocument copies (office/office.h) — with their names (from
 * render/share_meta.c), so that an unchanged page keeps them, and their
 * entries in the page's and the downloads page's lists. Called from
 * page_files.c; owns nothing between calls. */
#include "downloads/downloads.h"

#include "kitgen/base/url.h"
#include "kitgen/images/share.h"
#include "kitgen/office/office.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static const struct {
	site_partner_file file;
	const char *kind;
	kg_ui_id label;
	int width, height;
} partner_files[SITE_PARTNER_FILE_COUNT] = {
    {SITE_SHARE_WIDE, "share", KG_UI_SHARE_IMAGE, 1200, 630},
    {SITE_SHARE_SQUARE, "square", KG_UI_SQUARE_IMAGE, 1080, 1080},
    {SITE_DOCX, "docx", KG_UI_DOCX, 0, 0},
    {SITE_ODT, "odt", KG_UI_ODT, 0, 0},
};

static int wanted(const site *s, site_partner_file file)
{
	return file == SITE_SHARE_WIDE || file == SITE_SHARE_SQUARE ? s->kit.config.share_images
	                                                            : s->kit.config.downloads;
}

void downloads_partner_file_names(const site *s, const lang_state *ls, size_t page_index, kg_buf *names)
{
	if (!site_page_has_own_files(ls, page_index))
		return;
	for (int f = 0; f < SITE_PARTNER_FILE_COUNT; f++)
		if (wanted(s, (site_partner_file)f)) {
			site_partner_file_name(&s->kit.pages[page_index], ls->lang->tag, (site_partner_file)f,
			                       names);
			kg_buf_putc(names, 0);
		}
}

/* The share images, or the Word and OpenDocument copies: [first, end). */
static int first_file(int share_images) { return share_images ? SITE_SHARE_WIDE : SITE_DOCX; }
static int end_file(int share_images) { return share_images ? SITE_DOCX : SITE_PARTNER_FILE_COUNT; }

static kg_val *file_value(const char *kind, const char *label, const char *name, size_t size)
{
	kg_val *v = kg_val_map();
	kg_val_set_str(v, "kind", kind);
	kg_val_set_str(v, "label", label);
	kg_val_set_str(v, "url", name);
	kg_val_set_int(v, "bytes", (long long)size);
	kg_val_set(v, "size", site_size_value(size));
	return v;
}

void downloads_partner_list(const site *s, lang_state *ls, size_t page_index, int share_images, kg_val *list)
{
	const kg_page *page = &s->kit.pages[page_index];
	if (!site_page_has_own_files(ls, page_index))
		return;
	kg_buf name = KG_BUF_INIT, path = KG_BUF_INIT;
	for (int f = first_file(share_images); f < end_file(share_images); f++) {
		if (!wanted(s, (site_partner_file)f))
			continue;
		kg_buf_reset(&name);
		site_partner_file_name(page, ls->lang->tag, (site_partner_file)f, &name);
		kg_buf_reset(&path);
		kg_buf_printf(&path, "%s/%s%s%s", ls->lang->tag, page->rel_path, page->rel_path[0] ? "/" : "",
		              name.data);
		char *where = kg_outdir_path(&s->out, path.data); /* written now, or kept */
		struct stat st;
		if (stat(where, &st) == 0)
			kg_val_push(list, file_value(partner_files[f].kind,
			                             site_ui_string(ls, partner_files[f].label), name.data,
			                             (size_t)st.st_size));
		free(where);
	}
	kg_buf_release(&name);
	kg_buf_release(&path);
}

void downloads_partner_source_list(const site *s, lang_state *ls, size_t page_index, int share_images,
                                   kg_val *list)
{
	kg_buf name = KG_BUF_INIT;
	for (int f = first_file(share_images); f < end_file(share_images); f++) {
		if (!wanted(s, (site_partner_file)f))
			continue;
		kg_buf_reset(&name);
		site_partner_file_name(&s->kit.pages[page_index], s->source->tag, (site_partner_file)f,
		                       &name);
		downloads_push_source_file(s, ls, page_index, partner_files[f].kind,
		                           site_ui_string(ls, partner_files[f].label), name.data, list);
	}
	kg_buf_release(&name);
}

typedef struct office_ctx {
	site *s;
	lang_state *ls;
	const kg_page *page;
	kg_buf scratch; /* the path image_file returns last */
} office_ctx;

static void fill(void *ctx, const char *text, kg_buf *out)
{
	office_ctx *c = ctx;
	kg_fill_placeholders(&c->ls->vars, text, out);
}

static const char *image_file(void *ctx, const char *url)
{
	office_ctx *c = ctx;
	return downloads_page_image(c->s, c->ls, c->page, url, &c->scratch);
}

/* A link of the page as an absolute address: another page in the same
 * language, a file of the site, or a #part of this page. */
static int link_url(void *ctx, const char *url, kg_buf *out)
{
	office_ctx *c = ctx;
	const char *base = c->s->kit.config.base_url, *tag = c->ls->lang->tag;
	if (url[0] == '#') {
		kg_buf_printf(out, "%s%s/%s%s%s", base, tag, c->page->rel_path,
		              c->page->rel_path[0] ? "/" : "", url);
		return 0;
	}
	const kg_page *to;
	const kg_static_file *file;
	if (url[0] == '/' || kg_kit_resolve_link(&c->s->kit, c->page, url, &to, &file) < 0)
		return -1;
	if (to) {
		kg_buf_printf(out, "%s%s/%s%s", base, tag, to->rel_path, to->rel_path[0] ? "/" : "");
		const char *fragment = strchr(url, '#');
		if (fragment)
			kg_buf_puts(out, fragment);
	} else {
		kg_buf_printf(out, "%s%s", base, file->out_path);
	}
	return 0;
}

/* "Kōkua Pacific · https://kokua.example" in the language. */
static void organization(lang_state *ls, kg_buf *out)
{
	static const char *const fields[] = {"org_name", "org_website"};
	for (size_t i = 0; i < 2; i++) {
		const kg_kit_var *v = kg_config_find_var(ls->vars.config, fields[i], strlen(fields[i]));
		const char *value = v && v->organization
		                        ? kg_placeholders_get(&ls->vars, fields[i], strlen(fields[i]))
		                        : NULL;
		if (value && value[0])
			kg_buf_printf(out, "%s%s", out->len ? " · " : "", value);
	}
}

static int write_one(site *s, const char *dir, const char *name, const kg_buf *data)
{
	kg_buf rel = KG_BUF_INIT;
	kg_buf_printf(&rel, "%s%s", dir, name);
	int rc = kg_outdir_write(&s->out, rel.data, data->data, data->len, s->diags);
	kg_buf_release(&rel);
	return rc;
}

int downloads_write_partner_files(site *s, lang_state *ls, size_t page_index, const kg_localized *loc,
                                  kg_val *downloads)
{
	const kg_page *page = &s->kit.pages[page_index];
	const kg_config *cfg = &s->kit.config;
	const char *tag = ls->lang->tag;
	int rc = 0;
	if (!site_page_has_own_files(ls, page_index))
		return 0; /* the page lists the source's (page_files.c) */
	kg_buf dir = KG_BUF_INIT, name = KG_BUF_INIT, data = KG_BUF_INIT, title = KG_BUF_INIT,
	       display = KG_BUF_INIT, org = KG_BUF_INIT, url = KG_BUF_INIT;
	kg_buf_printf(&dir, "%s/%s%s", tag, page->rel_path, page->rel_path[0] ? "/" : "");
	kg_fill_placeholders(&ls->vars, loc->title, &title);
	const char *title_lang = loc->title_fallback ? s->source->tag : tag;
	int kit_title_translated = ls->kit_title != cfg->title;
	organization(ls, &org);
	kg_buf_printf(&url, "%s%s", cfg->base_url, dir.data);
	for (int f = 0; f < SITE_PARTNER_FILE_COUNT; f++) {
		if (!wanted(s, (site_partner_file)f))
			continue;
		kg_buf_reset(&name);
		site_partner_file_name(page, tag, (site_partner_file)f, &name);
		kg_buf_reset(&display);
		kg_buf_printf(&display, "%s/%s%s", cfg->output_dir, dir.data, name.data);
		kg_buf_reset(&data);
		int ok;
		if (f == SITE_SHARE_WIDE || f == SITE_SHARE_SQUARE) {
			kg_share_request req = {
			    .width = partner_files[f].width,
			    .height = partner_files[f].height,
			    .title = title.data,
			    .title_lang = title_lang,
			    .title_rtl = ls->lang->rtl && !loc->title_fallback,
			    .kit_title = ls->kit_title,
			    .kit_title_lang = kit_title_translated ? tag : s->source->tag,
			    .kit_title_rtl = ls->lang->rtl && kit_title_translated,
			    .footer = org.len ? org.data : NULL,
			    .footer_lang = tag,
			    .footer_rtl = ls->lang->rtl,
			    .background = cfg->colors.background,
			    .text = cfg->colors.text,
			    .accent = cfg->colors.accent,
			    .display_path = display.data,
			    .page_path = page->source_path,
			};
			/* The warning about a long title is the page's, once per
			 * language: it is the translation that is long. */
			ok = kg_share_render(&req, &data, NULL, s->diags) == 0;
		} else {
			office_ctx ctx = {s, ls, page, KG_BUF_INIT};
			struct tm tm = {.tm_year = page->updated_year - 1900,
			                .tm_mon = page->updated_month - 1,
			                .tm_mday = page->updated_day};
			kg_office_request req = {
			    .doc = loc->doc,
			    .title = title.data,
			    .title_lang = title_lang,
			    .lang = tag,
			    .source_lang = s->source->tag,
			    .rtl = ls->lang->rtl,
			    .font_family = kg_share_font_family(tag),
			    .draft_notice = site_page_draft(ls, &ls->pages[page_index])
			                        ? site_ui_string(ls, KG_UI_DRAFT_NOTICE)
			                        : NULL,
			    .source_label = site_ui_string(ls, KG_UI_ONLINE_AT),
			    .url = url.data,
			    .fallback_marker = &kg_fallback_marker,
			    .fill_text = fill,
			    .link_url = link_url,
			    .image_path = image_file,
			    .ctx = &ctx,
			    /* The page's date (a zip cannot say before 1980). */
			    .mtime = page->updated ? (long long)timegm(&tm) : 315532800,
			    .display_path = display.data,
			};
			ok = kg_office_write(&req, f == SITE_DOCX ? KG_OFFICE_DOCX : KG_OFFICE_ODT, &data,
			                     s->diags) == 0;
			kg_buf_release(&ctx.scratch);
		}
		if (!ok || write_one(s, dir.data, name.data, &data) < 0) {
			rc = -1;
			continue;
		}
		if (f >= SITE_DOCX) /* the page lists its documents; share images are for partners */
			kg_val_push(downloads, file_value(partner_files[f].kind,
			                                  site_ui_string(ls, partner_files[f].label),
			                                  name.data, data.len));
	}
	kg_buf_release(&dir);
	kg_buf_release(&name);
	kg_buf_release(&data);
	kg_buf_release(&title);
	kg_buf_release(&display);
	kg_buf_release(&org);
	kg_buf_release(&url);
	return rc;
}
