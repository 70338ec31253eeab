/* export.h: partner downloads — a localized page as Markdown or plain text,
 * and zip bundles of files (legacy encodings are kitgen/locale/encoding.h).
 *
 * Everything here is deterministic: the same input gives the same bytes
 * (zips included, whatever the clock or time zone). Nothing prints; errors
 * and warnings are kg_diags at the display path given by the caller.
 * Functions that fill a kg_buf append to it. Owns nothing past a call:
 * documents, entries and their data are borrowed.
 */
#ifndef KITGEN_EXPORT_H
#define KITGEN_EXPORT_H

#include "kitgen/base/buf.h"
#include "kitgen/base/diag.h"
#include "kitgen/kit/kit.h"

#include <cmark.h>
#include <stddef.h>

/* ---- text_export.c: a localized page as text ---- */

/* The page as CommonMark: "# title", a blank line, then the body as cmark
 * writes it (width 0: one line per paragraph). {{ name }} placeholders in
 * text, link URLs and titles are filled from vars (one language's values) (and escaped as
 * Markdown needs); inline code keeps them as written, like the HTML page.
 * Links stay as written, so ".md" links between pages keep working when
 * the files are laid out as under content/. Hard breaks are written as
 * two trailing spaces (cmark's choice). Raw HTML is dropped unless
 * vars->config->raw_html; the bilingual source-text spans keep their text. Borrows
 * doc (not modified). */
void kg_export_markdown(cmark_node *doc, const char *title, const kg_placeholders *vars, kg_buf *out);

/* The page as plain text, for pasting into a CMS or reading aloud:
 *   - the title, underlined with '=' (as wide as the title is on screen,
 *     East Asian wide characters counting two), then a blank line;
 *   - one block per line, blocks separated by one blank line; paragraphs
 *     are NOT wrapped (a CMS re-wraps, and translation and text-to-speech
 *     tools treat a line break as the end of a sentence);
 *   - headings: level 1 underlined '=', level 2 underlined '-', deeper
 *     ones as a plain line;
 *   - list items "- " or "1. " (numbered from the list's start), nested
 *     items indented under their parent's text; tight lists keep items on
 *     consecutive lines;
 *   - block quotes indented by four spaces; code blocks too;
 *   - links as "text (URL)" when the URL has a scheme and differs from
 *     the text ("mailto:" and "tel:" dropped); links to other pages, files
 *     and #anchors keep only their text, since the URL means nothing
 *     outside the site; images as their alt text;
 *   - emphasis, code spans and hard breaks become their text or a newline;
 *     raw HTML and thematic breaks are left out.
 * Placeholders are filled as in kg_export_markdown. Ends with one '\n'. */
void kg_export_text(cmark_node *doc, const char *title, const kg_placeholders *vars, kg_buf *out);

/* ---- zip.c: zip files ---- */

typedef struct kg_bundle_entry {
	const char *path; /* inside the zip, UTF-8, '/'-separated, relative, no ".." */
	const void *data; /* borrowed */
	size_t len;
} kg_bundle_entry;

/* Writes a zip holding entries (in any order; written sorted by path,
 * bytewise) to out_zip. Reproducible: every time stamp is mtime (seconds
 * since 1970, UTC; the DOS date fields are written in UTC too, so the time
 * zone does not matter), mode 0644, owner 0/0 with no names, names flagged
 * UTF-8, deflate. Only files, no folder entries. Returns 0, or -1 with an
 * error at zip_path_for_diags (a bad or duplicate path, a libarchive
 * failure); out_zip is then left as it was. */
int kg_bundle_zip(const char *zip_path_for_diags, const kg_bundle_entry *entries, size_t count,
                  long long mtime, kg_buf *out_zip, kg_diags *d);

/* Rewrites a kitgen page for reading from disk (file://), where a folder
 * URL shows a listing or nothing: every relative href="…/" (double or
 * single quotes) becomes href="…/index.html", keeping a #fragment or
 * ?query after it; "." and ".." become "./index.html" and
 * "../index.html". URLs with a scheme, "//host" and "/absolute" ones are
 * left alone, and so is everything that is not an href attribute or a
 * redirect's <meta http-equiv="refresh" content="0; url=…">. */
void kg_bundle_html_for_files(const char *html, kg_buf *out);

#endif
