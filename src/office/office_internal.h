/* office_internal.h: what the DOCX and ODT writers share (private to
 * src/office/): the zip package (package.c), images made embeddable
 * (media.c) and the walk's small helpers (office.c). The request is
 * borrowed throughout; buffers are the caller's.
 */
#ifndef KITGEN_OFFICE_INTERNAL_H
#define KITGEN_OFFICE_INTERNAL_H

#include "kitgen/office/office.h"

#include <libxml/xmlwriter.h>
#include <stddef.h>

/* ---- package.c ---- */
typedef struct office_part {
	const char *path; /* inside the package */
	const void *data; /* borrowed */
	size_t len;
} office_part;

/* Packs parts, in the order given, into a zip appended to out: each part
 * deflated, except an ODF "mimetype" first part, which is stored with no
 * extra field (ODF's rule, so that tools find the type at byte 38). Time
 * stamps are mtime in UTC whatever the time zone. Returns 0 or -1 with an
 * error at req->display_path. */
int office_package(const kg_office_request *req, const office_part *parts, size_t count, kg_buf *out,
                   kg_diags *diags);

/* ---- media.c ---- */
typedef struct office_image {
	char *data; /* PNG bytes (owned) */
	size_t len;
	int width, height; /* pixels */
	double width_in;   /* display width, inches (at most the text width) */
} office_image;

/* The image file at path (PNG, or SVG drawn to PNG) as a PNG; 0 or -1. */
int office_image_load(const char *path, office_image *out);
void office_image_release(office_image *img);

/* ---- office.c ---- */
/* Appends text with the characters XML 1.0 does not allow made U+FFFD. */
void office_clean_text(const char *text, size_t len, kg_buf *out);
/* Writes text (cleaned) as an XML text node. */
void office_write_text(xmlTextWriterPtr w, const char *text);
/* The script class of lang, which says where Word and ODF put its
 * language and font: Latin-like, East Asian, or complex (RTL, Indic, Thai,
 * Khmer ...). */
typedef enum office_script { OFFICE_LATIN, OFFICE_ASIAN, OFFICE_COMPLEX } office_script;
office_script office_script_of(const char *lang);
/* The text of an image node's children (its alt text), placeholders filled. */
void office_alt_text(const kg_office_request *req, cmark_node *image, kg_buf *out);

/* The writers. */
int office_write_docx(const kg_office_request *req, kg_buf *out, kg_diags *diags);
int office_write_odt(const kg_office_request *req, kg_buf *out, kg_diags *diags);

#endif
