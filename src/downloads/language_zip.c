/* language_zip.c: partner downloads per language — a zip that works offline
 * (downloads/<kit>-<lang>.zip: the language's pages, handouts, text and
 * Markdown versions, assets and a README in the language), its print pack
 * (downloads/<kit>-<lang>-print.zip: large print, booklets and slide decks,
 * in the same folders, so both unzip into one tree) and the language's
 * downloads page listing it all with sizes. The zip is made
 * from the files this build wrote or kept, so nothing is rendered twice; HTML is adjusted for file:// (folder links get index.html,
 * online-only parts are removed, links to files not in the zip are made
 * inert). The languages' zips are made on the build's threads, one
 * language per task, from lists of the output's files taken first (the
 * output's file list must not change while it is walked). Owns its
 * buffers for the length of one call. */
#include "downloads/downloads.h"
#include "kitgen/base/hash.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/base/pool.h"
#include "kitgen/downloads/export.h"
#include "kitgen/render/html.h"
#include "kitgen/locale/locale.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct zip_file {
	char *path; /* inside the zip */
	char *data;
	size_t len;
} zip_file;

typedef KG_ARRAY(zip_file) file_list;

static void add_entry(file_list *l, const char *path, char *data, size_t len)
{
	kg_array_push(l, (zip_file){kg_strdup(path), data, len});
}

/* An output file found for a zip: its name in the output and on disk. */
typedef struct found_file {
	char *rel;
	char *path;
} found_file;

typedef KG_ARRAY(found_file) found_list;

static void release_found(found_list *l)
{
	for (size_t i = 0; i < l->count; i++) {
		free(l->items[i].rel);
		free(l->items[i].path);
	}
	kg_array_release(l);
}

typedef struct tree_ctx {
	found_list *list;
	const char *skip; /* a language folder whose pages for online use are left out, or NULL */
	/* The language's share images (NUL-separated output paths): online
	 * only too. They exist for link previews (pages name them by their web
	 * address in og:image), and they were a fifth of each zip (0.7 to 1 MB
	 * of 4 to 5 MB) that trainers pass around on phones. */
	kg_buf share_images;
} tree_ctx;

/* A language's pages that belong online only: its downloads page (it
 * lists the zip itself) and its translation status (figures of the day,
 * linking to status.json at the site's root). */
static const char *const online_only[] = {"downloads", "status"};

static int is_share_image(const tree_ctx *t, const char *rel)
{
	for (size_t at = 0; at < t->share_images.len; at += strlen(t->share_images.data + at) + 1)
		if (!strcmp(t->share_images.data + at, rel))
			return 1;
	return 0;
}

static void add_output_file(void *ud, const char *rel, const char *path)
{
	tree_ctx *t = ud;
	size_t n = t->skip ? strlen(t->skip) : 0;
	for (size_t i = 0; n && i < sizeof online_only / sizeof *online_only; i++) {
		size_t m = strlen(online_only[i]);
		if (!strncmp(rel, t->skip, n) && rel[n] == '/' && !strncmp(rel + n + 1, online_only[i], m) &&
		    (rel[n + 1 + m] == '\0' || rel[n + 1 + m] == '/'))
			return;
	}
	if (rel[0] == '.' || strstr(rel, "/.") || is_share_image(t, rel))
		return;
	kg_array_push(t->list, (found_file){kg_strdup(rel), kg_strdup(path)});
}

/* Lists every file of the new output under <rel>/, as <rel>/..., wherever
 * this build left it (written now, or kept from the last one). */
static void list_tree(found_list *l, site *s, const char *rel, const char *skip)
{
	kg_buf prefix = KG_BUF_INIT;
	kg_buf_printf(&prefix, "%s/", rel);
	tree_ctx t = {l, skip, KG_BUF_INIT};
	for (size_t p = 0; skip && p < s->kit.page_count; p++) {
		const kg_page *page = &s->kit.pages[p];
		for (site_partner_file f = SITE_SHARE_WIDE; f <= SITE_SHARE_SQUARE; f++) {
			kg_buf_printf(&t.share_images, "%s/%s%s", skip, page->rel_path,
			              page->rel_path[0] ? "/" : "");
			site_partner_file_name(page, skip, f, &t.share_images); /* the names' one source */
			kg_buf_putc(&t.share_images, '\0');
		}
	}
	kg_outdir_each(&s->out, prefix.data, add_output_file, &t);
	kg_buf_release(&t.share_images);
	kg_buf_release(&prefix);
}

/* Reads the listed files into the zip's list (a file that cannot be read
 * is left out, as one that is not there). */
static void add_found(file_list *l, const found_list *found)
{
	for (size_t i = 0; i < found->count; i++) {
		kg_buf data = KG_BUF_INIT;
		if (kg_buf_read_file(&data, found->items[i].path) == 0) {
			size_t len;
			char *bytes = kg_buf_detach(&data, &len);
			add_entry(l, found->items[i].rel, bytes, len);
		}
		kg_buf_release(&data);
	}
}

static int find(const file_list *l, const char *path)
{
	for (size_t i = 0; i < l->count; i++)
		if (!strcmp(l->items[i].path, path))
			return 1;
	return 0;
}

/* Removes <!-- kitgen:online -->...<!-- /kitgen:online --> regions. */
static void strip_online(const char *html, kg_buf *out)
{
	static const char open[] = "<!-- kitgen:online -->", close[] = "<!-- /kitgen:online -->";
	const char *p = html;
	for (;;) {
		const char *a = strstr(p, open);
		const char *b = a ? strstr(a, close) : NULL;
		if (!b) {
			kg_buf_puts(out, p);
			return;
		}
		kg_buf_add(out, p, (size_t)(a - p));
		p = b + sizeof(close) - 1;
	}
}

/* Resolves a relative URL from the file at `from` (zip path) to a zip path. */
static void resolve(const char *from, const char *url, size_t len, kg_buf *out)
{
	kg_buf joined = KG_BUF_INIT;
	const char *slash = strrchr(from, '/');
	if (slash)
		kg_buf_add(&joined, from, (size_t)(slash - from) + 1);
	kg_buf_add(&joined, url, len);
	char *copy = kg_strdup(joined.data);
	char *parts[256];
	size_t n = 0;
	char *save = NULL;
	for (char *t = strtok_r(copy, "/", &save); t; t = strtok_r(NULL, "/", &save)) {
		if (!strcmp(t, "."))
			continue;
		if (!strcmp(t, "..")) {
			if (n)
				n--;
			continue;
		}
		if (n < 256)
			parts[n++] = t;
	}
	for (size_t i = 0; i < n; i++)
		kg_buf_printf(out, "%s%s", i ? "/" : "", parts[i]);
	free(copy);
	kg_buf_release(&joined);
}

/* Makes links to files that are not in the zip inert (the href or src
 * goes), so that every link a reader can follow in the bundle works offline. */
static void drop_dead_links(const file_list *l, const char *from, const char *html, kg_buf *out)
{
	const char *p = html;
	kg_buf target = KG_BUF_INIT;
	for (;;) {
		/* The next href= or src= attribute, after any white space. */
		const char *h = NULL, *v = NULL;
		for (const char *q = p; *q && !h; q++) {
			if (*q != ' ' && *q != '\n' && *q != '\t')
				continue;
			if (!strncmp(q + 1, "href=\"", 6)) {
				h = q;
				v = q + 7;
			} else if (!strncmp(q + 1, "src=\"", 5)) {
				h = q;
				v = q + 6;
			}
		}
		if (!h) {
			kg_buf_puts(out, p);
			break;
		}
		const char *end = strchr(v, '"');
		if (!end) {
			kg_buf_puts(out, p);
			break;
		}
		size_t len = (size_t)(end - v);
		int relative = len && v[0] != '#' && v[0] != '/' &&
		               !memchr(v, ':', strcspn(v, "/#?") < len ? strcspn(v, "/#?") : len);
		int keep = 1;
		if (relative) {
			kg_buf_reset(&target);
			resolve(from, v, strcspn(v, "#?") < len ? strcspn(v, "#?") : len, &target);
			keep = find(l, target.data);
		}
		kg_buf_add(out, p, (size_t)(h - p));
		if (keep)
			kg_buf_add(out, h, (size_t)(end + 1 - h));
		p = end + 1;
	}
	kg_buf_release(&target);
}

static long long days_from_civil(int y, int m, int d)
{
	/* Howard Hinnant's algorithm: days since 1970-01-01 (C11 has no timegm). */
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* What every language's task shares; tasks write only their own slot of
 * trees and rcs. */
typedef struct zips_ctx {
	site *s;
	const char *kit_slug;
	long long newest;
	const found_list *assets;
	found_list *trees; /* per language; empty where the zip was kept */
	int *make;         /* per language: make its zip (not kept from the last build) */
	int *rcs;
} zips_ctx;

static int write_language_zip(site *s, lang_state *ls, const found_list *tree, const found_list *assets,
                              const char *kit_slug, long long newest);

static void language_zip_task(void *ctx, size_t li)
{
	zips_ctx *z = ctx;
	if (z->make[li])
		z->rcs[li] = write_language_zip(z->s, &z->s->langs[li], &z->trees[li], z->assets, z->kit_slug,
		                                z->newest);
}

int downloads_write_language_zips(site *s, int jobs)
{
	long long newest = 0;
	for (size_t p = 0; p < s->kit.page_count; p++) {
		const kg_page *page = &s->kit.pages[p];
		if (page->updated) {
			long long t =
			    days_from_civil(page->updated_year, page->updated_month, page->updated_day) *
			    86400;
			if (t > newest)
				newest = t;
		}
	}
	if (!newest)
		newest = 315532800; /* 1980-01-01: the earliest date a zip can hold */
	kg_buf kit_slug = KG_BUF_INIT;
	kg_locale_slugify(s->kit.config.title, &kit_slug);
	if (!kit_slug.len)
		kg_buf_puts(&kit_slug, "kit");

	size_t n = s->kit.config.downloads ? s->lang_count : 0;
	found_list assets = {0};
	zips_ctx z = {s,
	              kit_slug.data,
	              newest,
	              &assets,
	              kg_calloc(n ? n : 1, sizeof(found_list)),
	              kg_calloc(n ? n : 1, sizeof(int)),
	              kg_calloc(n ? n : 1, sizeof(int))};
	size_t made = 0;
	for (size_t li = 0; li < n; li++) {
		lang_state *ls = &s->langs[li];
		const char *tag = ls->lang->tag;
		/* A language's zip and downloads page depend on everything its pages
		 * depend on: when no page of it changed, take both as they were. */
		/* (Seed 22 since zips have print packs: an older kitgen's zip,
		 * which held them, is not kept by an incremental build.) */
		uint64_t key = kg_hash64(&s->global_key, sizeof(s->global_key), 22);
		for (size_t p = 0; p < s->kit.page_count; p++) {
			uint64_t parts[4] = {key, ls->pages[p].key, s->page_nav[p],
			                     (uint64_t)ls->pages[p].published};
			key = kg_hash64(parts, sizeof(parts), 21);
		}
		kg_buf reuse_zip = KG_BUF_INIT, reuse_page = KG_BUF_INIT;
		kg_buf_printf(&reuse_zip, "downloads/%s-%s.zip", kit_slug.data, tag);
		kg_buf_printf(&reuse_page, "%s/downloads/index.html", tag);
		site_file_record old, record = {.key = key};
		site_record(s, tag, "\x01downloads", &record);
		int reused = site_previous_same(s, tag, "\x01downloads", key, &old) &&
		             kg_outdir_keep_previous(&s->out, reuse_zip.data) &&
		             kg_outdir_keep_previous(&s->out, reuse_page.data);
		if (reused) { /* the same key made the same print pack, or none */
			kg_buf_reset(&reuse_zip);
			kg_buf_printf(&reuse_zip, "downloads/%s-%s-print.zip", kit_slug.data, tag);
			kg_outdir_keep_previous(&s->out, reuse_zip.data);
		}
		kg_buf_release(&reuse_zip);
		kg_buf_release(&reuse_page);
		if (reused)
			continue;
		list_tree(&z.trees[li], s, tag, tag);
		z.make[li] = 1;
		made++;
	}
	if (made) {
		list_tree(&assets, s, "assets", NULL);
		/* Every list is taken: from here the tasks only add files. */
		kg_pool_run(jobs, n, language_zip_task, &z, NULL);
	}
	int rc = 0;
	for (size_t li = 0; li < n; li++) {
		rc |= z.rcs[li];
		release_found(&z.trees[li]);
	}
	release_found(&assets);
	free(z.trees);
	free(z.make);
	free(z.rcs);
	kg_buf_release(&kit_slug);
	return rc;
}

/* One language's zip, print pack and downloads page; 0 or -1. */
static int write_language_zip(site *s, lang_state *ls, const found_list *tree, const found_list *assets,
                              const char *kit_slug, long long newest)
{
	int rc = 0;
	const char *tag = ls->lang->tag;
	file_list raw = {0}, files = {0}, print = {0};
	add_found(&raw, tree);
	add_found(&raw, assets);
	for (size_t f = 0; f < s->kit.file_count; f++) {
		const char *out = s->kit.files[f].out_path;
		if (!strncmp(out, "assets/", 7))
			continue;
		kg_buf data = KG_BUF_INIT;
		char *full = kg_outdir_path(&s->out, out);
		if (kg_buf_read_file(&data, full) == 0) {
			size_t len;
			char *bytes = kg_buf_detach(&data, &len);
			add_entry(&raw, out, bytes, len);
		}
		kg_buf_release(&data);
		free(full);
	}
	/* A README in the language, and a front door at the top. */
	kg_buf readme = KG_BUF_INIT;
	kg_buf heading = KG_BUF_INIT;
	site_fill_param(&heading, site_ui_string(ls, KG_UI_BUNDLE_README), "{kit}", ls->kit_title);
	site_fill_param(&readme, heading.data, "{language}", ls->lang->name);
	kg_buf_printf(&readme, "\n\n%s/index.html\n%s\n", tag, s->kit.config.base_url);
	size_t rlen;
	char *rbytes = kg_buf_detach(&readme, &rlen);
	add_entry(&raw, "README.txt", rbytes, rlen);
	kg_buf front = KG_BUF_INIT;
	kg_buf_printf(&front,
	              "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	              "<meta http-equiv=\"refresh\" content=\"0; url=%s/index.html\">\n<title>",
	              tag, ls->lang->rtl ? "rtl" : "ltr", tag);
	kg_buf_puts_html(&front, ls->kit_title);
	kg_buf_printf(&front, "</title>\n</head>\n<body>\n<p><a href=\"%s/index.html\">", tag);
	kg_buf_puts_html(&front, ls->kit_title);
	kg_buf_puts(&front, "</a></p>\n</body>\n</html>\n");
	size_t flen;
	char *fbytes = kg_buf_detach(&front, &flen);
	add_entry(&raw, "index.html", fbytes, flen);

	/* Large print, booklets and decks go in the print pack; the main
		 * zip's links to them are made inert with the rest below. */
	unsigned print_kinds = 0;
	size_t kept = 0;
	for (size_t i = 0; i < raw.count; i++) {
		int kind = downloads_print_pack_kind(raw.items[i].path, tag);
		if (kind) {
			print_kinds |= 1u << kind;
			kg_array_push(&print, raw.items[i]);
		} else {
			raw.items[kept++] = raw.items[i];
		}
	}
	raw.count = kept;

	/* HTML for file://: online-only parts out, folder links to
		 * index.html, links to anything not in the zip made inert. */
	for (size_t i = 0; i < raw.count; i++) {
		size_t n = strlen(raw.items[i].path);
		if (n > 5 && !strcmp(raw.items[i].path + n - 5, ".html")) {
			kg_buf a = KG_BUF_INIT, b = KG_BUF_INIT;
			strip_online(raw.items[i].data, &a);
			kg_bundle_html_for_files(a.data, &b);
			free(raw.items[i].data);
			raw.items[i].data = kg_buf_detach(&b, &raw.items[i].len);
			kg_buf_release(&a);
		}
	}
	for (size_t i = 0; i < raw.count; i++) {
		size_t n = strlen(raw.items[i].path);
		if (n > 5 && !strcmp(raw.items[i].path + n - 5, ".html")) {
			kg_buf c = KG_BUF_INIT;
			drop_dead_links(&raw, raw.items[i].path, raw.items[i].data, &c);
			add_entry(&files, raw.items[i].path, kg_buf_detach(&c, NULL), 0);
			files.items[files.count - 1].len = strlen(files.items[files.count - 1].data);
		} else {
			add_entry(&files, raw.items[i].path, raw.items[i].data, raw.items[i].len);
			raw.items[i].data = NULL;
		}
	}
	kg_bundle_entry *entries = kg_calloc(files.count ? files.count : 1, sizeof(*entries));
	for (size_t i = 0; i < files.count; i++)
		entries[i] = (kg_bundle_entry){files.items[i].path, files.items[i].data, files.items[i].len};
	kg_buf zip = KG_BUF_INIT, zip_rel = KG_BUF_INIT, zip_name = KG_BUF_INIT;
	kg_buf_printf(&zip_name, "%s-%s.zip", kit_slug, tag);
	kg_buf_printf(&zip_rel, "downloads/%s", zip_name.data);
	kg_buf display = KG_BUF_INIT;
	kg_buf_printf(&display, "%s/%s", s->kit.config.output_dir, zip_rel.data);
	if (kg_bundle_zip(display.data, entries, files.count, newest, &zip, s->diags) < 0 ||
	    kg_outdir_write(&s->out, zip_rel.data, zip.data, zip.len, s->diags) < 0)
		rc = -1;
	kg_buf print_zip = KG_BUF_INIT, print_rel = KG_BUF_INIT, print_name = KG_BUF_INIT;
	if (print.count) {
		kg_bundle_entry *pe = kg_calloc(print.count, sizeof(*pe));
		for (size_t i = 0; i < print.count; i++)
			pe[i] =
			    (kg_bundle_entry){print.items[i].path, print.items[i].data, print.items[i].len};
		kg_buf_printf(&print_name, "%s-%s-print.zip", kit_slug, tag);
		kg_buf_printf(&print_rel, "downloads/%s", print_name.data);
		kg_buf_reset(&display);
		kg_buf_printf(&display, "%s/%s", s->kit.config.output_dir, print_rel.data);
		if (kg_bundle_zip(display.data, pe, print.count, newest, &print_zip, s->diags) < 0 ||
		    kg_outdir_write(&s->out, print_rel.data, print_zip.data, print_zip.len, s->diags) < 0)
			rc = -1;
		free(pe);
	}

	/* The language's downloads page. */
	if (rc == 0 && kg_templates_has(s->templates, "downloads.html")) {
		kg_buf rel = KG_BUF_INIT;
		kg_val *root = site_context(s, ls, "downloads", NULL);
		kg_val *bundle = kg_val_map();
		kg_val_set_str(bundle, "url", zip_rel.data);
		kg_val_set_str(bundle, "name", zip_name.data);
		kg_val_set(bundle, "size", site_size_value(zip.len));
		kg_val_set_int(bundle, "bytes", (long long)zip.len);
		kg_val_set(root, "bundle", bundle);
		if (print.count) {
			kg_val *pack = kg_val_map(), *kinds = kg_val_list();
			kg_val_set_str(pack, "url", print_rel.data);
			kg_val_set_str(pack, "name", print_name.data);
			kg_val_set(pack, "size", site_size_value(print_zip.len));
			kg_val_set_int(pack, "bytes", (long long)print_zip.len);
			for (int kind = 1; kind < 16; kind++)
				if (print_kinds & 1u << kind)
					kg_val_push(kinds, kg_val_str(downloads_print_pack_label(ls, kind)));
			kg_val_set(pack, "kinds", kinds);
			kg_val_set(root, "print_pack", pack);
		}
		kg_val *pages = kg_val_list();
		for (size_t p = 0; p < s->kit.page_count; p++) {
			const page_state *ps = &ls->pages[p];
			if (!ps->published)
				continue;
			kg_val *files_val = downloads_page_list(s, ls, p);
			if (!kg_val_len(files_val)) {
				kg_val_unref(files_val);
				continue;
			}
			kg_val *pv = downloads_page_entry(s, ls, p, "downloads");
			kg_val_set(pv, "files", files_val);
			kg_val_push(pages, pv);
		}
		kg_val_set(root, "pages", pages);
		kg_val *page = kg_val_map();
		kg_val_set_str(page, "title", site_ui_string(ls, KG_UI_DOWNLOADS));
		kg_val_set_str(page, "title_lang", tag);
		kg_val_set(root, "page", page);
		kg_buf html = KG_BUF_INIT;
		kg_buf_printf(&rel, "%s/downloads/index.html", tag);
		if (site_render(s, ls, "downloads.html", root, &html) < 0 ||
		    kg_outdir_write(&s->out, rel.data, html.data, html.len, s->diags) < 0)
			rc = -1;
		kg_buf_release(&html);
		kg_buf_release(&rel);
		kg_val_unref(root);
	}
	kg_buf_release(&zip);
	kg_buf_release(&print_zip);
	kg_buf_release(&print_rel);
	kg_buf_release(&print_name);
	kg_buf_release(&zip_rel);
	kg_buf_release(&zip_name);
	kg_buf_release(&display);
	kg_buf_release(&heading);
	free(entries);
	for (size_t i = 0; i < raw.count; i++) {
		free(raw.items[i].path);
		free(raw.items[i].data);
	}
	for (size_t i = 0; i < files.count; i++) {
		free(files.items[i].path);
		free(files.items[i].data);
	}
	for (size_t i = 0; i < print.count; i++) {
		free(print.items[i].path);
		free(print.items[i].data);
	}
	kg_array_release(&print);
	kg_array_release(&raw);
	kg_array_release(&files);
	return rc;
}
