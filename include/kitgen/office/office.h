/* office.h: a localized page as a word-processor file for partners' editors:
 * Office Open XML (.docx) and OpenDocument Text (.odt), written with
 * libxml2's xmlTextWriter and packed with libarchive.
 *
 * Every run carries the page's language (fallback units the source
 * language), paragraphs of a right-to-left language are right to left, and
 * text uses the language's font family. Images are embedded (SVG drawn to
 * PNG); links are made absolute by the caller; nothing refers to a
 * template, a macro or a linked file. The files are deterministic: no
 * dates in their metadata, and every zip time stamp is the given mtime.
 * Text is always written as XML text nodes; a character XML 1.0 does not
 * allow becomes U+FFFD (translations holding one were refused before).
 * Everything in a request is borrowed for the call.
 */
#ifndef KITGEN_OFFICE_H
#define KITGEN_OFFICE_H

#include "kitgen/base/buf.h"
#include "kitgen/base/diag.h"

#include <cmark.h>

typedef enum kg_office_format { KG_OFFICE_DOCX, KG_OFFICE_ODT } kg_office_format;

typedef struct kg_office_request {
	cmark_node *doc;             /* the localized page body (borrowed, not modified) */
	const char *title;           /* localized title, placeholders filled */
	const char *title_lang;      /* its language (the source's when it fell back) */
	const char *lang;            /* BCP 47 tag of the page's language */
	const char *source_lang;     /* the kit's source language (fallback units) */
	int rtl;                     /* the page's language is written right to left */
	const char *font_family;     /* the language's font family ("Noto Sans Khmer") */
	const char *draft_notice;    /* localized draft notice, or NULL */
	const char *source_label;    /* localized "Online: {url}" line; {url} is replaced, or NULL */
	const char *url;             /* the page's online address */
	const void *fallback_marker; /* user data of nodes kept in the source language, or NULL */
	/* Appends text with the kit's {{ placeholders }} filled. */
	void (*fill_text)(void *ctx, const char *text, kg_buf *out);
	/* Appends the absolute URL a link should open and returns 0, or -1 to
	 * leave the link as plain text. */
	int (*link_url)(void *ctx, const char *url, kg_buf *out);
	/* The file an image URL names, or NULL (then its alt text is written). */
	const char *(*image_path)(void *ctx, const char *url);
	void *ctx;
	long long mtime;          /* zip time stamps, seconds since 1970 (UTC) */
	const char *display_path; /* for diagnostics: "out/vi/education/x/x-vi.docx" */
} kg_office_request;

/* Appends the file to out. Returns 0, or -1 with an error at display_path
 * (out is then left as it was). */
int kg_office_write(const kg_office_request *req, kg_office_format format, kg_buf *out, kg_diags *diags);

#endif
