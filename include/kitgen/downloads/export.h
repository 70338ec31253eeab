/* export.h: partner downloads — a localized page as Markdown or plain text,
 * zip bundles of files, and text in legacy encodings (Big5, GB18030,
 * EUC-KR, Shift_JIS, Windows-1258) both ways.
 *
 * Everything here is deterministic: the same input gives the same bytes
 * (zips included, whatever the clock or time zone). Nothing prints; errors
 * and warnings are kg_diags at the display path given by the caller.
 * Functions that fill a kg_buf append to it.
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
 * text, link URLs and titles are filled from cfg's vars (and escaped as
 * Markdown needs); inline code keeps them as written, like the HTML page.
 * Links stay as written, so ".md" links between pages keep working when
 * the files are laid out as under content/. Hard breaks are written as
 * two trailing spaces (cmark's choice). Raw HTML is dropped unless
 * cfg->raw_html; the bilingual source-text spans keep their text. Borrows
 * doc (not modified). */
void kg_export_markdown(cmark_node *doc, const char *title, const kg_config *cfg, kg_buf *out);

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
void kg_export_text(cmark_node *doc, const char *title, const kg_config *cfg, kg_buf *out);

/* ---- bundle.c: zip files ---- */

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
 * left alone, and so is everything that is not an href attribute. */
void kg_bundle_html_for_files(const char *html, kg_buf *out);

/* ---- legacy.c: legacy encodings ---- */

/* Export encodings kitgen knows, by the names kit.yaml uses: "big5",
 * "gb18030", "euc-kr", "shift_jis", "cp932" (Windows-31J, what Japanese
 * Windows calls Shift_JIS) and "windows-1258" (case-insensitive;
 * "shift-jis", "sjis", "cp1258", "windows-31j", "ms932" also accepted).
 * Returns the canonical name, or NULL. */
const char *kg_legacy_encoding_name(const char *name);

/* Converts UTF-8 text to encoding. The text is first normalized to NFC
 * (Windows-1258 then gets its tone marks as separate combining bytes,
 * which glibc's converter does; a precomposed letter the encoding lacks
 * is also tried in its canonical decomposition). A character the encoding
 * cannot hold is never dropped or approximated:
 *   substitute == 0: an error at display_path:line:col naming it
 *     ("U+1F600 '😀' cannot be written in Big5"), every such character
 *     reported; returns -1 and out holds a partial result;
 *   substitute != 0: it is replaced by a marker — "〓" (U+3013 GETA MARK,
 *     the typesetter's sign for a missing character) where the encoding
 *     has it (GB18030, EUC-KR, Shift_JIS, cp932), else "[?]" (Big5,
 *     Windows-1258) — and a warning is added at line:col.
 * Every character must also read back as itself: glibc writes a backslash and
 * '~' to Shift_JIS as 0x5C and 0x7E but reads those as '¥' and '‾'
 * (JIS X 0201), so they are reported there (cp932 keeps them). After 20
 * such characters one summary line (line 0) counts the rest. Line and
 * column (characters) are those of the NFC text. Invalid UTF-8 input or
 * an unknown encoding is an error. Returns 0 or -1. */
int kg_legacy_export(const char *text_utf8, size_t len, const char *encoding, int substitute,
                     const char *display_path, kg_buf *out, kg_diags *d);

/* Reads a text file of unknown or declared encoding into UTF-8:
 *   - a UTF-8 byte order mark is stripped and the rest must be UTF-8;
 *   - a UTF-16LE/BE (or UTF-32LE/BE) byte order mark: converted;
 *   - declared (not NULL): converted from it (any kg_legacy_encoding_name
 *     or iconv name; "utf-8" checks only); invalid bytes are an error at
 *     the line:col where they sit (counted in the decoded text, as an
 *     editor set to that encoding shows it), naming the bytes;
 *   - no declaration and valid UTF-8: copied unchanged;
 *   - otherwise ICU's charset detector proposes an encoding. It needs a few
 *     hundred bytes: on short text its guess is weak. Auto conversion only
 *     happens for a multi-byte guess (Big5, GB18030, EUC-KR, Shift_JIS,
 *     EUC-JP) with confidence of at least 50 %, and only when allow_auto;
 *     it adds a warning naming the encoding and the confidence. Otherwise
 *     an error at the first non-UTF-8 byte: "file is not UTF-8; it looks
 *     like Big5 (confidence 80%); declare `encoding: big5` or convert it".
 *     Single-byte guesses (windows-125x, ISO-8859-x) are never applied:
 *     the detector cannot tell Windows-1258 Vietnamese from Windows-1252.
 * Converted text (not UTF-8 input) is normalized to NFC. Returns 0, or -1
 * with an error; utf8_out is then left as it was. */
int kg_legacy_import(const char *bytes, size_t len, const char *declared, int allow_auto,
                     const char *display_path, kg_buf *utf8_out, kg_diags *d);

#endif
