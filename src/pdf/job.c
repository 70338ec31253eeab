/* job.c: a set of PDF requests as one self-contained byte string, the
 * unit of work of a render (in this process or a worker). Encoding asks
 * every callback of a request the questions layout would ask (text with
 * placeholders filled, image paths, link targets, the ten digits, unit
 * positions) and writes the answers; a decoded request needs nothing
 * from the caller. A pdf_job owns everything it decodes (documents,
 * strings, tables) until pdf_job_free(). The wire helpers at the top are
 * shared with workers.c.
 */
#include "pdf/pdf_internal.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- wire format: little-endian u32s, strings as length + bytes ---- */

#define NO_STRING 0xFFFFFFFFu

void pdf_put_u32(kg_buf *b, uint32_t v)
{
	unsigned char bytes[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
	                          (unsigned char)(v >> 24)};
	kg_buf_add(b, bytes, 4);
}

void pdf_put_bytes(kg_buf *b, const void *data, size_t len)
{
	pdf_put_u32(b, (uint32_t)len);
	kg_buf_add(b, data, len);
}

void pdf_put_str(kg_buf *b, const char *s)
{
	if (!s)
		pdf_put_u32(b, NO_STRING);
	else
		pdf_put_bytes(b, s, strlen(s));
}

uint32_t pdf_get_u32(pdf_reader *r)
{
	if (r->bad || r->end - r->at < 4) {
		r->bad = 1;
		return 0;
	}
	const unsigned char *p = (const unsigned char *)r->at;
	r->at += 4;
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

const char *pdf_get_bytes(pdf_reader *r, size_t *len)
{
	uint32_t n = pdf_get_u32(r);
	if (r->bad || n == NO_STRING || (size_t)(r->end - r->at) < n) {
		r->bad = 1;
		*len = 0;
		return NULL;
	}
	const char *p = r->at;
	r->at += n;
	*len = n;
	return p;
}

/* A copy the caller frees, NULL for an absent string (or bad input). */
char *pdf_get_str(pdf_reader *r)
{
	uint32_t n = pdf_get_u32(r);
	if (r->bad || n == NO_STRING)
		return NULL;
	if ((size_t)(r->end - r->at) < n) {
		r->bad = 1;
		return NULL;
	}
	char *s = kg_strndup(r->at, n);
	r->at += n;
	return s;
}

/* ---- the decoded form ---- */

typedef struct job_image {
	char *url, *path; /* path NULL: not found */
} job_image;

typedef struct job_link {
	char *url, *target; /* target NULL: drawn as text */
} job_link;

typedef struct job_position {
	cmark_node *node;
	int line;
} job_position;

typedef struct job_item {
	kg_pdf_request req;
	cmark_node *doc, *source_doc;
	char *digits[10];
	int has_digits;
	KG_ARRAY(job_image) images;
	KG_ARRAY(job_link) links;
	int has_link_callback;
	KG_ARRAY(job_position) positions;
	char *position_file;
	char *strings[24]; /* the request's own strings */
	size_t string_count;
	char fallback; /* its address is the request's fallback_marker */
} job_item;

struct pdf_job {
	job_item *items;
	size_t count;
};

/* ---- encoding ---- */

typedef struct encoder {
	const kg_pdf_request *req;
	kg_buf *out;
	kg_buf scratch;
	/* Tables gathered while the documents are written, then appended. */
	kg_buf images, links;
	uint32_t image_count, link_count;
	kg_buf positions; /* (ordinal, line) pairs; ordinals count nodes of doc in pre-order */
	uint32_t position_count, ordinal;
	const char *position_file;
} encoder;

static void put_filled(encoder *e, const char *text)
{
	if (!text || !e->req->fill_text) {
		pdf_put_str(e->out, text);
		return;
	}
	kg_buf_reset(&e->scratch);
	e->req->fill_text(e->req->fill_ctx, text, &e->scratch);
	pdf_put_str(e->out, e->scratch.data);
}

static int is_block(cmark_node_type type)
{
	return type >= CMARK_NODE_FIRST_BLOCK && type <= CMARK_NODE_LAST_BLOCK;
}

static void encode_node(encoder *e, cmark_node *node, int in_doc)
{
	const kg_pdf_request *req = e->req;
	kg_buf *out = e->out;
	cmark_node_type type = cmark_node_get_type(node);
	int fallback = req->fallback_marker && cmark_node_get_user_data(node) == req->fallback_marker;
	pdf_put_u32(out, (uint32_t)type);
	pdf_put_u32(out, (uint32_t)fallback);
	if (in_doc) {
		uint32_t ordinal = e->ordinal++;
		const char *file = NULL;
		int line = is_block(type) && req->unit_position
		               ? req->unit_position(req->position_ctx, node, &file)
		               : 0;
		if (line > 0) {
			pdf_put_u32(&e->positions, ordinal);
			pdf_put_u32(&e->positions, (uint32_t)line);
			e->position_count++;
			if (file)
				e->position_file = file;
		}
	}
	switch (type) {
	case CMARK_NODE_LIST:
		pdf_put_u32(out, (uint32_t)cmark_node_get_list_type(node));
		pdf_put_u32(out, (uint32_t)cmark_node_get_list_delim(node));
		pdf_put_u32(out, (uint32_t)cmark_node_get_list_start(node));
		pdf_put_u32(out, (uint32_t)cmark_node_get_list_tight(node));
		break;
	case CMARK_NODE_HEADING: pdf_put_u32(out, (uint32_t)cmark_node_get_heading_level(node)); break;
	case CMARK_NODE_CODE_BLOCK:
		pdf_put_str(out, cmark_node_get_fence_info(node));
		put_filled(e, cmark_node_get_literal(node));
		break;
	case CMARK_NODE_TEXT: put_filled(e, cmark_node_get_literal(node)); break;
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_HTML_INLINE:
	case CMARK_NODE_CODE: pdf_put_str(out, cmark_node_get_literal(node)); break;
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE: {
		const char *url = cmark_node_get_url(node);
		pdf_put_str(out, url);
		pdf_put_str(out, cmark_node_get_title(node));
		if (type == CMARK_NODE_IMAGE) {
			const char *path =
			    req->image_path && url ? req->image_path(req->image_ctx, url) : NULL;
			pdf_put_str(&e->images, url ? url : "");
			pdf_put_str(&e->images, path);
			e->image_count++;
		} else if (req->link_url && url) {
			kg_buf_reset(&e->scratch);
			int live = req->link_url(req->link_ctx, url, &e->scratch) == 0;
			pdf_put_str(&e->links, url);
			pdf_put_str(&e->links, live ? e->scratch.data : NULL);
			e->link_count++;
		}
		break;
	}
	case CMARK_NODE_CUSTOM_BLOCK:
	case CMARK_NODE_CUSTOM_INLINE:
		pdf_put_str(out, cmark_node_get_on_enter(node));
		pdf_put_str(out, cmark_node_get_on_exit(node));
		break;
	default: break;
	}
	uint32_t children = 0;
	for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c))
		children++;
	pdf_put_u32(out, children);
	for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c))
		encode_node(e, c, in_doc);
}

static void encode_tree(encoder *e, cmark_node *root, int in_doc)
{
	pdf_put_u32(e->out, root != NULL);
	if (root)
		encode_node(e, root, in_doc);
}

static void encode_request(const kg_pdf_request *req, kg_buf *out)
{
	encoder e = {req, out, KG_BUF_INIT, KG_BUF_INIT, KG_BUF_INIT, 0, 0, KG_BUF_INIT, 0, 0, NULL};
	pdf_put_u32(out, (uint32_t)req->variant);
	pdf_put_u32(out, (uint32_t)req->paper);
	pdf_put_u32(out, (uint32_t)(req->rtl != 0));
	pdf_put_u32(out, (uint32_t)(req->allow_missing_glyphs != 0));
	/* Text that layout sets through fill_text is stored filled. */
	put_filled(&e, req->title);
	put_filled(&e, req->source_title);
	put_filled(&e, req->updated);
	put_filled(&e, req->organization);
	put_filled(&e, req->draft_notice);
	put_filled(&e, req->summary);
	const char *plain[] = {
	    req->title_lang,  req->lang,        req->source_lang,  req->kit_title,      req->page_label,
	    req->url,         req->qr_caption,  req->org_name,     req->org_phone,      req->logo_path,
	    req->sample_mark, req->font_family, req->display_path, req->continued_mark, req->reviewed};
	for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
		pdf_put_str(out, plain[i]);
	pdf_put_u32(out, req->format_int != NULL);
	for (int d = 0; req->format_int && d < 10; d++) {
		kg_buf_reset(&e.scratch);
		req->format_int(req->format_ctx, d, &e.scratch);
		pdf_put_str(out, e.scratch.data);
	}
	pdf_put_u32(out, req->link_url != NULL);
	encode_tree(&e, req->doc, 1);
	encode_tree(&e, req->source_doc, 0);
	pdf_put_u32(out, e.image_count);
	kg_buf_add(out, e.images.data, e.images.len);
	pdf_put_u32(out, e.link_count);
	kg_buf_add(out, e.links.data, e.links.len);
	pdf_put_str(out, e.position_file);
	pdf_put_u32(out, e.position_count);
	kg_buf_add(out, e.positions.data, e.positions.len);
	kg_buf_release(&e.scratch);
	kg_buf_release(&e.images);
	kg_buf_release(&e.links);
	kg_buf_release(&e.positions);
}

#define JOB_MAGIC 0x314a474bu /* "KGJ1" */

void pdf_job_encode(const kg_pdf_request *reqs, size_t count, kg_buf *out)
{
	pdf_put_u32(out, JOB_MAGIC);
	pdf_put_u32(out, (uint32_t)count);
	for (size_t i = 0; i < count; i++)
		encode_request(&reqs[i], out);
}

/* ---- decoding ---- */

static void digits_format(void *ctx, long long n, kg_buf *out)
{
	job_item *item = ctx;
	char ascii[32];
	snprintf(ascii, sizeof(ascii), "%lld", n);
	for (const char *c = ascii; *c; c++) {
		if (*c >= '0' && *c <= '9')
			kg_buf_puts(out, item->digits[*c - '0']);
		else
			kg_buf_putc(out, *c);
	}
}

static const char *table_image(void *ctx, const char *url)
{
	job_item *item = ctx;
	for (size_t i = 0; i < item->images.count; i++)
		if (!strcmp(item->images.items[i].url, url))
			return item->images.items[i].path;
	return NULL;
}

static int table_link(void *ctx, const char *url, kg_buf *out)
{
	job_item *item = ctx;
	for (size_t i = 0; i < item->links.count; i++)
		if (!strcmp(item->links.items[i].url, url)) {
			if (!item->links.items[i].target)
				return -1;
			kg_buf_puts(out, item->links.items[i].target);
			return 0;
		}
	return -1;
}

static int table_position(void *ctx, cmark_node *node, const char **file)
{
	job_item *item = ctx;
	for (size_t i = 0; i < item->positions.count; i++)
		if (item->positions.items[i].node == node) {
			*file = item->position_file;
			return item->positions.items[i].line;
		}
	return 0;
}

typedef struct decoder {
	pdf_reader *r;
	job_item *item;
	KG_ARRAY(cmark_node *) order; /* doc's nodes in pre-order, for positions */
	int depth;
} decoder;

static char *take(job_item *item, char *s)
{
	if (s && item->string_count < sizeof(item->strings) / sizeof(item->strings[0]))
		item->strings[item->string_count++] = s;
	else
		free(s); /* cannot happen: the table holds every string field */
	return s;
}

static cmark_node *decode_node(decoder *d, int in_doc)
{
	pdf_reader *r = d->r;
	uint32_t type = pdf_get_u32(r), fallback = pdf_get_u32(r);
	if (r->bad || type <= CMARK_NODE_NONE || type > CMARK_NODE_LAST_INLINE || ++d->depth > 200)
		return NULL;
	cmark_node *node = cmark_node_new((cmark_node_type)type);
	if (!node)
		return NULL;
	if (fallback)
		cmark_node_set_user_data(node, &d->item->fallback);
	if (in_doc)
		kg_array_push(&d->order, node);
	char *a = NULL, *b = NULL;
	switch (type) {
	case CMARK_NODE_LIST: {
		uint32_t list_type = pdf_get_u32(r), delim = pdf_get_u32(r), start = pdf_get_u32(r),
		         tight = pdf_get_u32(r);
		cmark_node_set_list_type(node, (cmark_list_type)list_type);
		cmark_node_set_list_delim(node, (cmark_delim_type)delim);
		cmark_node_set_list_start(node, (int)start);
		cmark_node_set_list_tight(node, (int)tight);
		break;
	}
	case CMARK_NODE_HEADING: cmark_node_set_heading_level(node, (int)pdf_get_u32(r)); break;
	case CMARK_NODE_CODE_BLOCK:
		a = pdf_get_str(r);
		b = pdf_get_str(r);
		cmark_node_set_fence_info(node, a);
		cmark_node_set_literal(node, b ? b : "");
		break;
	case CMARK_NODE_TEXT:
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_HTML_INLINE:
	case CMARK_NODE_CODE:
		a = pdf_get_str(r);
		cmark_node_set_literal(node, a ? a : "");
		break;
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE:
		a = pdf_get_str(r);
		b = pdf_get_str(r);
		cmark_node_set_url(node, a ? a : "");
		cmark_node_set_title(node, b ? b : "");
		break;
	case CMARK_NODE_CUSTOM_BLOCK:
	case CMARK_NODE_CUSTOM_INLINE:
		a = pdf_get_str(r);
		b = pdf_get_str(r);
		cmark_node_set_on_enter(node, a ? a : "");
		cmark_node_set_on_exit(node, b ? b : "");
		break;
	default: break;
	}
	free(a); /* cmark copies what it is given */
	free(b);
	uint32_t children = pdf_get_u32(r);
	for (uint32_t i = 0; !r->bad && i < children; i++) {
		cmark_node *child = decode_node(d, in_doc);
		if (!child || !cmark_node_append_child(node, child)) {
			if (child)
				cmark_node_free(child);
			r->bad = 1;
		}
	}
	d->depth--;
	if (r->bad) {
		cmark_node_free(node);
		return NULL;
	}
	return node;
}

static cmark_node *decode_tree(decoder *d, int in_doc)
{
	uint32_t present = pdf_get_u32(d->r);
	if (d->r->bad || !present)
		return NULL;
	cmark_node *root = decode_node(d, in_doc);
	if (!root)
		d->r->bad = 1;
	return root;
}

static void decode_request(pdf_reader *r, job_item *item)
{
	kg_pdf_request *req = &item->req;
	decoder d = {r, item, KG_ARRAY_INIT, 0};
	req->variant = (kg_pdf_variant)pdf_get_u32(r);
	req->paper = (kg_paper)pdf_get_u32(r);
	req->rtl = (int)pdf_get_u32(r);
	req->allow_missing_glyphs = (int)pdf_get_u32(r);
	if (req->variant > KG_PDF_SLIDES || req->paper > KG_PAPER_A4)
		r->bad = 1;
	const char **filled[] = {&req->title,        &req->source_title, &req->updated,
	                         &req->organization, &req->draft_notice, &req->summary};
	const char **plain[] = {
	    &req->title_lang,  &req->lang,        &req->source_lang,  &req->kit_title,      &req->page_label,
	    &req->url,         &req->qr_caption,  &req->org_name,     &req->org_phone,      &req->logo_path,
	    &req->sample_mark, &req->font_family, &req->display_path, &req->continued_mark, &req->reviewed};
	for (size_t i = 0; i < sizeof(filled) / sizeof(filled[0]); i++)
		*filled[i] = take(item, pdf_get_str(r));
	for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
		*plain[i] = take(item, pdf_get_str(r));
	item->has_digits = (int)pdf_get_u32(r);
	for (int i = 0; item->has_digits && i < 10; i++) {
		item->digits[i] = pdf_get_str(r);
		if (!item->digits[i])
			r->bad = 1;
	}
	item->has_link_callback = (int)pdf_get_u32(r);
	item->doc = decode_tree(&d, 1);
	item->source_doc = decode_tree(&d, 0);
	uint32_t n = pdf_get_u32(r);
	for (uint32_t i = 0; !r->bad && i < n; i++) {
		char *url = pdf_get_str(r), *path = pdf_get_str(r);
		kg_array_push(&item->images, (job_image){url ? url : kg_strdup(""), path});
	}
	n = pdf_get_u32(r);
	for (uint32_t i = 0; !r->bad && i < n; i++) {
		char *url = pdf_get_str(r), *target = pdf_get_str(r);
		kg_array_push(&item->links, (job_link){url ? url : kg_strdup(""), target});
	}
	item->position_file = pdf_get_str(r);
	n = pdf_get_u32(r);
	for (uint32_t i = 0; !r->bad && i < n; i++) {
		uint32_t ordinal = pdf_get_u32(r), line = pdf_get_u32(r);
		if (ordinal < d.order.count)
			kg_array_push(&item->positions, (job_position){d.order.items[ordinal], (int)line});
	}
	kg_array_release(&d.order);
	req->doc = item->doc;
	req->source_doc = item->source_doc;
	req->fallback_marker = &item->fallback;
	req->format_int = item->has_digits ? digits_format : NULL;
	req->format_ctx = item;
	req->image_path = table_image;
	req->image_ctx = item;
	req->link_url = item->has_link_callback ? table_link : NULL;
	req->link_ctx = item;
	req->unit_position = table_position;
	req->position_ctx = item;
	req->fill_text = NULL; /* stored filled */
}

static void item_release(job_item *item)
{
	if (item->doc)
		cmark_node_free(item->doc);
	if (item->source_doc)
		cmark_node_free(item->source_doc);
	for (int i = 0; i < 10; i++)
		free(item->digits[i]);
	for (size_t i = 0; i < item->images.count; i++) {
		free(item->images.items[i].url);
		free(item->images.items[i].path);
	}
	kg_array_release(&item->images);
	for (size_t i = 0; i < item->links.count; i++) {
		free(item->links.items[i].url);
		free(item->links.items[i].target);
	}
	kg_array_release(&item->links);
	kg_array_release(&item->positions);
	free(item->position_file);
	for (size_t i = 0; i < item->string_count; i++)
		free(item->strings[i]);
}

pdf_job *pdf_job_decode(const char *data, size_t len)
{
	pdf_reader r = {data, data + len, 0};
	if (pdf_get_u32(&r) != JOB_MAGIC)
		return NULL;
	uint32_t count = pdf_get_u32(&r);
	if (r.bad || count > 64)
		return NULL;
	pdf_job *job = kg_calloc(1, sizeof(*job));
	job->items = kg_calloc(count ? count : 1, sizeof(*job->items));
	job->count = count;
	for (uint32_t i = 0; i < count && !r.bad; i++)
		decode_request(&r, &job->items[i]);
	if (r.bad || r.at != r.end) {
		pdf_job_free(job);
		return NULL;
	}
	return job;
}

size_t pdf_job_count(const pdf_job *job) { return job->count; }

const kg_pdf_request *pdf_job_request(const pdf_job *job, size_t i) { return &job->items[i].req; }

void pdf_job_free(pdf_job *job)
{
	if (!job)
		return;
	for (size_t i = 0; i < job->count; i++)
		item_release(&job->items[i]);
	free(job->items);
	free(job);
}
