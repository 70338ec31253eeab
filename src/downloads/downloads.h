/* downloads.h: what partners download, as the build asks for it (private
 * to src/downloads/ and src/build/): the files beside each page (PDF
 * handouts, text and Markdown versions, legacy encodings; page_files.c)
 * and each language's zip with its downloads page (language_zip.c). The
 * writers below them are text_export.c and zip.c (kitgen/downloads/export.h).
 * Everything here borrows the site and writes through its output folder.
 */
#ifndef KITGEN_DOWNLOADS_H
#define KITGEN_DOWNLOADS_H

#include "render/site.h"

/* The language's print pack (language_zip.c): large print, booklets and
 * slide decks, in a zip of their own. The kind (1 and up) of the file at
 * path (a zip path) if it is one of tag's print-pack PDFs, else 0; and a
 * kind's name in the language ("Large print"). Kinds are fewer than 16. */
int downloads_print_pack_kind(const char *path, const char *tag);
const char *downloads_print_pack_label(lang_state *ls, int kind);
/* 1 when the page has PDFs of its own in ls (a language that translated
 * nothing of it links to the source language's instead). */
int downloads_page_has_pdfs(const site *s, const lang_state *ls, size_t page_index);
/* Appends the names of the files beside page_index's index.html in ls,
 * each NUL-terminated (what reusing the page must keep). */
void downloads_page_file_names(const site *s, const lang_state *ls, size_t page_index, kg_buf *names);
/* Writes them and appends a {kind, label, url, bytes, size} map per file
 * to downloads (a list value) for the page template. Returns 0 or -1. */
int downloads_write_page_files(site *s, lang_state *ls, size_t page_index, const kg_localized *loc,
                               kg_val *downloads);
/* Appends to downloads the entry of the source language's file name (in
 * the page's folder there), labelled "<what>, in <language>" in ls: what
 * a page ls has not translated offers instead of files of its own. */
void downloads_push_source_file(const site *s, lang_state *ls, size_t page_index, const char *kind,
                                const char *what, const char *name, kg_val *downloads);
/* A page ls has not translated: the source language's files of it (share
 * images first when share_images, then PDFs, text and Markdown copies,
 * legacy encodings, Word and OpenDocument copies), each labelled with the
 * language it is in and carrying that language's tag as "lang". */
void downloads_source_list(const site *s, lang_state *ls, size_t page_index, int share_images,
                           kg_val *downloads);
/* The same list, from the files this build wrote or kept (for the
 * downloads page). Caller owns the value (kg_val_unref()). */
kg_val *downloads_page_list(const site *s, lang_state *ls, size_t page_index);
/* A page's entry in a language's downloads or partner page: a map of its
 * title (placeholders filled), the title's language and its URL in that
 * section ("downloads" or "partners"); the caller adds its files. */
kg_val *downloads_page_entry(const site *s, const lang_state *ls, size_t page_index, const char *section);

/* ---- partner_files.c: share images, DOCX and ODT beside each page ---- */
/* Appends their names (as downloads_page_file_names does). */
void downloads_partner_file_names(const site *s, const lang_state *ls, size_t page_index, kg_buf *names);
/* Writes them; appends the DOCX and ODT to downloads (a list value, as
 * downloads_write_page_files). Returns 0 or -1. */
int downloads_write_partner_files(site *s, lang_state *ls, size_t page_index, const kg_localized *loc,
                                  kg_val *downloads);
/* The source language's DOCX and ODT of the page, or (share_images) its
 * share images, for a page ls has not translated (downloads_push_source_file). */
void downloads_partner_source_list(const site *s, lang_state *ls, size_t page_index, int share_images,
                                   kg_val *list);
/* Appends {kind, label, url, bytes, size} of those this build wrote or
 * kept to list: the DOCX and ODT, or (share_images) the share images. */
void downloads_partner_list(const site *s, lang_state *ls, size_t page_index, int share_images, kg_val *list);

/* ---- page_images.c: each SVG a page shows, in the page's language ---- */
/* Appends "<lang>/<page>/<name>.<lang>.svg"'s last part, "<name>.<lang>.svg",
 * for the SVG image file of the kit at file_index. */
void downloads_svg_copy_name(const site *s, size_t file_index, const char *tag, kg_buf *out);
/* Appends the names of the page's SVG copies in ls (none in the source
 * language, which shows the kit's own files). */
void downloads_page_svg_names(const site *s, const lang_state *ls, size_t page_index, kg_buf *names);
/* Writes the page's SVG copies in ls from its catalog (ls->pages[i].po).
 * Returns 0 or -1. */
int downloads_write_page_svgs(site *s, lang_state *ls, size_t page_index);
/* When image url of the page has a copy in ls: appends the copy's name
 * (relative to the page's folder) to out and returns 1; else 0. */
int downloads_page_svg_url(const site *s, const lang_state *ls, size_t page_index, const char *url,
                           kg_buf *out);
/* The file an image URL of page names, for the PDF and office writers: the
 * page's copy in ls when it has one (its path in this build's output, in
 * scratch), else the kit's file (borrowed), or NULL. */
const char *downloads_page_image(site *s, const lang_state *ls, const kg_page *page, const char *url,
                                 kg_buf *scratch);

/* ---- partners.c ---- */
/* Each language's partner page (out/<lang>/partners/index.html): what
 * may be republished and how, and every page's files. Returns 0 or -1. */
int downloads_write_partner_pages(site *s);

/* One zip per language (downloads/<kit>-<lang>.zip), its print pack and
 * its downloads page, from the files this build wrote or kept, on jobs
 * threads (a language per task). Returns 0 or -1. */
int downloads_write_language_zips(site *s, int jobs);

#endif
