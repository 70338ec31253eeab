/* embed.c: the fonts a set of PDFs embeds, and the Pango renderer that
 * draws text on the PDF surface with them.
 *
 * Cairo 1.16 embeds a CFF font (Noto Sans CJK) with every subroutine of
 * the glyphs' font dicts, about 1.8 MB per handout, and its subroutine
 * subsetting lost a glyph (如, U+5982). So each CFF font a set of PDFs
 * uses is first cut down by HarfBuzz's subsetter to exactly the glyphs the
 * set draws, desubroutinized (no subroutines left for Cairo to mishandle),
 * and Cairo only ever sees that small font. TrueType fonts are embedded
 * by Cairo as before: its TrueType subsetter keeps only the glyphs used.
 *
 * A set is drawn twice: once collecting (the renderer records the glyphs
 * of every run, nothing is drawn), then, after pdf_embed_prepare(), for
 * real. Owns the subset fonts (each with a FreeType library and face of
 * its own, freed when Cairo lets go of the font face) and, process-wide,
 * a table-filtered mapping of each font file it subsets, kept for the
 * process's life behind a lock of its own.
 */
#include "pdf/pdf_internal.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"

#include <cairo-ft.h>
#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-subset.h>
#include <hb.h>
#include <pango/pangofc-font.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- source faces ----
 *
 * A subset plan over a whole font is slow for Noto Sans CJK mostly
 * because of its cmap (44,000 characters and variation sequences, mapped
 * back from every glyph: three times the rest of the plan), and layout
 * tables are Pango's business, not the embedded font's. So the subsetter
 * reads a copy-on-write mapping of the font file whose table directories
 * are rewritten to list only the tables a font of glyph outlines needs:
 * the directories' page is copied, the 15 MB of CFF stay the page cache's,
 * shared by every face of a collection and every worker process. */

typedef struct source_file {
	char *file;
	hb_blob_t *blob; /* the filtered mapping, or NULL when it could not be made */
	hb_face_t **faces;
	unsigned face_count;
} source_file;

static pthread_mutex_t sources_lock = PTHREAD_MUTEX_INITIALIZER;
/* Process-wide: font files do not change under a process, and the
 * mappings are shared by the sets of one process. */
static KG_ARRAY(source_file) sources;

static const hb_tag_t kept_tables[] = {
    HB_TAG('C', 'F', 'F', ' '), HB_TAG('h', 'e', 'a', 'd'), HB_TAG('h', 'h', 'e', 'a'),
    HB_TAG('h', 'm', 't', 'x'), HB_TAG('m', 'a', 'x', 'p'), HB_TAG('O', 'S', '/', '2'),
    HB_TAG('n', 'a', 'm', 'e'), HB_TAG('p', 'o', 's', 't'),
};

static uint32_t get_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put_be16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

/* Rewrites the table directory at offset to keep only kept_tables; the
 * records stay sorted by tag, as the format requires. 0, or -1. */
static int filter_directory(unsigned char *data, size_t size, size_t offset)
{
	if (offset > size || size - offset < 12)
		return -1;
	unsigned char *dir = data + offset;
	unsigned tables = (unsigned)dir[4] << 8 | dir[5];
	if ((size - offset - 12) / 16 < tables)
		return -1;
	unsigned kept = 0;
	for (unsigned i = 0; i < tables; i++) {
		unsigned char *record = dir + 12 + 16 * i;
		uint32_t tag = get_be32(record);
		for (size_t k = 0; k < sizeof(kept_tables) / sizeof(kept_tables[0]); k++)
			if (kept_tables[k] == tag) {
				memmove(dir + 12 + 16 * kept++, record, 16);
				break;
			}
	}
	unsigned power = 1, log2 = 0;
	while (power * 2 <= kept)
		power *= 2, log2++;
	put_be16(dir + 4, kept);
	put_be16(dir + 6, power * 16);
	put_be16(dir + 8, log2);
	put_be16(dir + 10, kept * 16 - power * 16);
	return 0;
}

typedef struct mapping {
	void *data;
	size_t size;
} mapping;

static void unmap(void *user_data)
{
	mapping *m = user_data;
	munmap(m->data, m->size);
	free(m);
}

static hb_blob_t *filtered_blob(const char *file)
{
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	void *data = MAP_FAILED;
	if (fstat(fd, &st) == 0 && st.st_size >= 12)
		data = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	close(fd);
	if (data == MAP_FAILED)
		return NULL;
	unsigned char *bytes = data;
	size_t size = (size_t)st.st_size;
	int ok = 0;
	if (get_be32(bytes) == HB_TAG('t', 't', 'c', 'f')) {
		uint32_t fonts = get_be32(bytes + 8);
		ok = fonts > 0 && (size - 12) / 4 >= fonts;
		for (uint32_t i = 0; ok && i < fonts; i++)
			ok = filter_directory(bytes, size, get_be32(bytes + 12 + 4 * i)) == 0;
	} else {
		ok = filter_directory(bytes, size, 0) == 0;
	}
	if (!ok) {
		munmap(data, size);
		return NULL;
	}
	mapping *m = kg_malloc(sizeof(*m));
	*m = (mapping){data, size};
	return hb_blob_create((const char *)data, (unsigned)size, HB_MEMORY_MODE_READONLY, m, unmap);
}

/* The filtered face of file/index, or NULL (borrowed: lives as long as
 * the process). */
static hb_face_t *source_face_get(const char *file, int index)
{
	hb_face_t *face = NULL;
	pthread_mutex_lock(&sources_lock);
	source_file *sf = NULL;
	for (size_t i = 0; i < sources.count && !sf; i++)
		if (!strcmp(sources.items[i].file, file))
			sf = &sources.items[i];
	if (!sf) {
		hb_blob_t *blob = filtered_blob(file);
		unsigned count = blob ? hb_face_count(blob) : 0;
		kg_array_push(&sources, (source_file){kg_strdup(file), blob,
		                                      kg_calloc(count + 1, sizeof(hb_face_t *)), count});
		sf = &sources.items[sources.count - 1];
	}
	if (sf->blob && index >= 0 && (unsigned)index < sf->face_count) {
		if (!sf->faces[index])
			sf->faces[index] = hb_face_create(sf->blob, (unsigned)index);
		face = sf->faces[index];
	}
	pthread_mutex_unlock(&sources_lock);
	return face;
}

/* ---- the fonts of one set ---- */

/* A font file the set draws from. */
typedef struct embed_font {
	char *file;
	int index;
	int subset;       /* a CFF font: subset before Cairo sees it */
	hb_set_t *glyphs; /* collected */
	/* After prepare (subset fonts only; NULL when subsetting failed and
	 * the font is embedded by Cairo as it is). */
	hb_subset_plan_t *plan;
	const hb_map_t *old_to_new; /* the plan's */
	hb_blob_t *blob;            /* the subset font's bytes */
	/* The Cairo face of the subset, one per synthesis (bold, oblique)
	 * asked for, made once: every size of the font then draws from one
	 * face, which Cairo embeds once per PDF (a face per size embedded the
	 * same glyphs again for each size). A reference each, or NULL. */
	cairo_font_face_t *cairo_faces[4];
} embed_font;

/* A Pango font of the set, with what draws it. */
typedef struct embed_face {
	PangoFont *font; /* borrowed: the layouts keep their fonts alive */
	embed_font *file;
	cairo_scaled_font_t *scaled; /* the subset face at this font's size, or NULL */
} embed_face;

struct pdf_embed {
	KG_ARRAY(embed_font *) fonts;
	KG_ARRAY(embed_face) faces;
	int prepared;
};

pdf_embed *pdf_embed_new(void) { return kg_calloc(1, sizeof(pdf_embed)); }

void pdf_embed_free(pdf_embed *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->faces.count; i++)
		if (e->faces.items[i].scaled)
			cairo_scaled_font_destroy(e->faces.items[i].scaled);
	kg_array_release(&e->faces);
	for (size_t i = 0; i < e->fonts.count; i++) {
		embed_font *f = e->fonts.items[i];
		for (int k = 0; k < 4; k++)
			if (f->cairo_faces[k])
				cairo_font_face_destroy(f->cairo_faces[k]);
		free(f->file);
		hb_set_destroy(f->glyphs);
		if (f->plan)
			hb_subset_plan_destroy(f->plan);
		hb_blob_destroy(f->blob);
		free(f);
	}
	kg_array_release(&e->fonts);
	free(e);
}

static embed_face *face_of(pdf_embed *e, PangoFont *font)
{
	for (size_t i = 0; i < e->faces.count; i++)
		if (e->faces.items[i].font == font)
			return &e->faces.items[i];
	const char *file = NULL, *format = NULL;
	int index = 0;
	if (PANGO_IS_FC_FONT(font)) {
		FcPattern *pattern = pango_fc_font_get_pattern(PANGO_FC_FONT(font));
		FcChar8 *s = NULL;
		if (FcPatternGetString(pattern, FC_FILE, 0, &s) == FcResultMatch)
			file = (const char *)s;
		if (FcPatternGetString(pattern, FC_FONTFORMAT, 0, &s) == FcResultMatch)
			format = (const char *)s;
		FcPatternGetInteger(pattern, FC_INDEX, 0, &index);
	}
	embed_font *f = NULL;
	for (size_t i = 0; file && i < e->fonts.count && !f; i++)
		if (e->fonts.items[i]->index == index && !strcmp(e->fonts.items[i]->file, file))
			f = e->fonts.items[i];
	if (!f && file) {
		f = kg_calloc(1, sizeof(*f));
		f->file = kg_strdup(file);
		f->index = index;
		f->subset = format && !strcmp(format, "CFF");
		f->glyphs = hb_set_create();
		kg_array_push(&e->fonts, f);
	}
	kg_array_push(&e->faces, (embed_face){font, f, NULL});
	return &e->faces.items[e->faces.count - 1];
}

/* Frees a subset font's FreeType face and library when Cairo drops the
 * font face made from it (possibly long after the set: Cairo keeps
 * recently used fonts). */
typedef struct ft_owner {
	FT_Library library;
	FT_Face face;
	hb_blob_t *blob; /* the bytes the face reads */
} ft_owner;

static const cairo_user_data_key_t ft_owner_key;

static void ft_owner_free(void *data)
{
	ft_owner *o = data;
	FT_Done_Face(o->face);
	FT_Done_FreeType(o->library);
	hb_blob_destroy(o->blob);
	free(o);
}

static void subset_font(embed_font *f)
{
	hb_face_t *source = source_face_get(f->file, f->index);
	if (!source)
		return;
	hb_subset_input_t *input = hb_subset_input_create_or_fail();
	if (!input)
		return;
	hb_set_union(hb_subset_input_glyph_set(input), f->glyphs);
	hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_DESUBROUTINIZE);
	f->plan = hb_subset_plan_create_or_fail(source, input);
	hb_subset_input_destroy(input);
	hb_face_t *subset = f->plan ? hb_subset_plan_execute_or_fail(f->plan) : NULL;
	if (!subset) {
		if (f->plan)
			hb_subset_plan_destroy(f->plan);
		f->plan = NULL;
		return;
	}
	f->old_to_new = hb_subset_plan_old_to_new_glyph_mapping(f->plan);
	f->blob = hb_face_reference_blob(subset);
	hb_face_destroy(subset);
}

/* A Cairo face of the subset font, with synthesize (CAIRO_FT_SYNTHESIZE_*
 * flags); a new reference, or NULL. */
static cairo_font_face_t *subset_face(embed_font *f, unsigned synthesize)
{
	unsigned key = synthesize & 3;
	if (f->cairo_faces[key])
		return cairo_font_face_reference(f->cairo_faces[key]);
	unsigned len = 0;
	const char *data = hb_blob_get_data(f->blob, &len);
	ft_owner *o = kg_calloc(1, sizeof(*o));
	if (FT_Init_FreeType(&o->library) != 0) {
		free(o);
		return NULL;
	}
	if (FT_New_Memory_Face(o->library, (const FT_Byte *)data, (FT_Long)len, 0, &o->face) != 0) {
		FT_Done_FreeType(o->library);
		free(o);
		return NULL;
	}
	o->blob = hb_blob_reference(f->blob);
	cairo_font_face_t *face = cairo_ft_font_face_create_for_ft_face(o->face, FT_LOAD_NO_HINTING);
	if (cairo_font_face_set_user_data(face, &ft_owner_key, o, ft_owner_free) != CAIRO_STATUS_SUCCESS) {
		cairo_font_face_destroy(face);
		ft_owner_free(o);
		return NULL;
	}
	cairo_ft_font_face_set_synthesize(face, synthesize);
	f->cairo_faces[key] = cairo_font_face_reference(face);
	return face;
}

/* The subset font at the size, matrix and options Pango drew font with. */
static cairo_scaled_font_t *subset_scaled_font(embed_font *f, PangoFont *font)
{
	cairo_scaled_font_t *original = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font));
	if (!original || cairo_scaled_font_get_type(original) != CAIRO_FONT_TYPE_FT)
		return NULL;
	/* Synthetic bold or oblique (fontconfig's choice) carries over. */
	cairo_font_face_t *face =
	    subset_face(f, cairo_ft_font_face_get_synthesize(cairo_scaled_font_get_font_face(original)));
	if (!face)
		return NULL;
	cairo_matrix_t matrix, ctm;
	cairo_scaled_font_get_font_matrix(original, &matrix);
	cairo_scaled_font_get_ctm(original, &ctm);
	cairo_font_options_t *options = cairo_font_options_create();
	cairo_scaled_font_get_font_options(original, options);
	cairo_scaled_font_t *scaled = cairo_scaled_font_create(face, &matrix, &ctm, options);
	cairo_font_options_destroy(options);
	cairo_font_face_destroy(face); /* the scaled font holds it */
	if (cairo_scaled_font_status(scaled) != CAIRO_STATUS_SUCCESS) {
		cairo_scaled_font_destroy(scaled);
		return NULL;
	}
	return scaled;
}

void pdf_embed_prepare(pdf_embed *e)
{
	for (size_t i = 0; i < e->fonts.count; i++)
		if (e->fonts.items[i]->subset)
			subset_font(e->fonts.items[i]);
	for (size_t i = 0; i < e->faces.count; i++) {
		embed_face *ef = &e->faces.items[i];
		if (ef->file && ef->file->blob)
			ef->scaled = subset_scaled_font(ef->file, ef->font);
	}
	e->prepared = 1;
}

size_t pdf_embed_subset_count(const pdf_embed *e)
{
	size_t n = 0;
	for (size_t i = 0; i < e->faces.count; i++)
		n += e->faces.items[i].scaled != NULL;
	return n;
}

/* ---- the renderer ---- */

/* GObject's type macros want CamelCase names for the instance and class. */
typedef struct KgPdfRenderer {
	PangoRenderer parent;
	pdf_embed *embed;
	cairo_t *cr;          /* NULL while collecting */
	cairo_pattern_t *ink; /* the source when a part has no colour of its own */
	double x, y;          /* origin of what is drawn, points */
} KgPdfRenderer;
typedef KgPdfRenderer pdf_renderer;

typedef struct KgPdfRendererClass {
	PangoRendererClass parent_class;
} KgPdfRendererClass;

static GType kg_pdf_renderer_get_type(void);

G_DEFINE_TYPE(KgPdfRenderer, kg_pdf_renderer, PANGO_TYPE_RENDERER)

static pdf_renderer *as_pdf(PangoRenderer *r)
{
	return G_TYPE_CHECK_INSTANCE_CAST(r, kg_pdf_renderer_get_type(), KgPdfRenderer);
}

static void set_part_source(pdf_renderer *pr, PangoRenderPart part)
{
	PangoColor *color = pango_renderer_get_color(&pr->parent, part);
	if (color)
		cairo_set_source_rgb(pr->cr, color->red / 65535.0, color->green / 65535.0,
		                     color->blue / 65535.0);
	else
		cairo_set_source(pr->cr, pr->ink);
}

static int is_drawable(PangoGlyph g) { return g != PANGO_GLYPH_EMPTY && !(g & PANGO_GLYPH_UNKNOWN_FLAG); }

/* A box where no font had the glyph (only with allow_missing_glyphs). */
static void draw_missing_box(pdf_renderer *pr, double x, double y, const PangoGlyphInfo *gi, PangoFont *font)
{
	double w = (double)gi->geometry.width / PANGO_SCALE;
	PangoFontMetrics *m = pango_font_get_metrics(font, NULL);
	double ascent = (double)pango_font_metrics_get_ascent(m) / PANGO_SCALE;
	pango_font_metrics_unref(m);
	cairo_rectangle(pr->cr, x + w * 0.1, y - ascent * 0.8, w * 0.8, ascent * 0.8);
	cairo_set_line_width(pr->cr, 0.5);
	cairo_stroke(pr->cr);
}

/* The run's clusters for Cairo, one per Pango cluster in the text's
 * order (right-to-left runs hold their glyphs in visual order: the caller
 * says BACKWARD). With leave_out_zwsp, a zero-width space that has no
 * glyph is left out, and kept gets the run's text without it: layout.c
 * puts one between every two Khmer, Lao or Burmese words so that Pango
 * may end a line there, and Cairo would write each as an empty
 * marked-content span carrying it as ActualText, a third of a Khmer
 * handout's page content. It draws nothing; pdftotext returned none of
 * them, and other readers would have copied them into the reader's text.
 * Returns the number of clusters, or -1 (with leave_out_zwsp) when Pango's
 * clusters do not follow the text in order, where nothing may be left out. */
static int run_clusters(PangoGlyphItem *item, const char *text, const PangoGlyphString *glyphs,
                        int leave_out_zwsp, cairo_text_cluster_t *clusters, kg_buf *kept)
{
	int backward = item->item->analysis.level & 1;
	int count = 0, next_index = item->item->offset;
	PangoGlyphItemIter iter;
	for (gboolean more = pango_glyph_item_iter_init_start(&iter, item, text); more;
	     more = pango_glyph_item_iter_next_cluster(&iter)) {
		int from = backward ? iter.end_glyph + 1 : iter.start_glyph;
		int to = backward ? iter.start_glyph + 1 : iter.end_glyph;
		int n = 0;
		for (int g = from; g < to; g++)
			n += is_drawable(glyphs->glyphs[g].glyph);
		int bytes = iter.end_index - iter.start_index;
		if (leave_out_zwsp) {
			if (iter.start_index != next_index)
				return -1;
			next_index = iter.end_index;
			if (n == 0 && bytes == 3 && !memcmp(text + iter.start_index, "\xe2\x80\x8b", 3))
				continue;
			kg_buf_add(kept, text + iter.start_index, (size_t)bytes);
		}
		clusters[count++] = (cairo_text_cluster_t){bytes, n};
	}
	if (leave_out_zwsp && next_index != item->item->offset + item->item->length)
		return -1;
	return count;
}

/* Draws a run's glyphs; text (the run's text, may be NULL) maps them back
 * to characters for text extraction, as Pango's own renderer does. */
static void show_run(pdf_renderer *pr, PangoFont *font, PangoGlyphString *glyphs, const char *text,
                     PangoGlyphItem *item, int x, int y)
{
	embed_face *ef = face_of(pr->embed, font);
	if (!pr->cr) { /* collecting */
		if (ef->file && ef->file->subset)
			for (int i = 0; i < glyphs->num_glyphs; i++)
				if (is_drawable(glyphs->glyphs[i].glyph))
					hb_set_add(ef->file->glyphs, glyphs->glyphs[i].glyph);
		return;
	}
	cairo_t *cr = pr->cr;
	set_part_source(pr, PANGO_RENDER_PART_FOREGROUND);
	cairo_scaled_font_t *scaled =
	    ef->scaled ? ef->scaled : pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font));
	if (!scaled)
		return;
	const hb_map_t *map = ef->scaled ? ef->file->old_to_new : NULL;
	cairo_glyph_t *cg = kg_calloc((size_t)glyphs->num_glyphs + 1, sizeof(*cg));
	int count = 0, position = 0;
	double base_x = pr->x + (double)x / PANGO_SCALE, base_y = pr->y + (double)y / PANGO_SCALE;
	for (int i = 0; i < glyphs->num_glyphs; i++) {
		const PangoGlyphInfo *gi = &glyphs->glyphs[i];
		double gx = base_x + (double)(position + gi->geometry.x_offset) / PANGO_SCALE;
		double gy = base_y + (double)gi->geometry.y_offset / PANGO_SCALE;
		if (is_drawable(gi->glyph)) {
			unsigned long index = gi->glyph;
			if (map) {
				hb_codepoint_t mapped = hb_map_get(map, gi->glyph);
				index = mapped == HB_MAP_VALUE_INVALID ? 0 : mapped;
			}
			cg[count++] = (cairo_glyph_t){index, gx, gy};
		} else if (gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG) {
			draw_missing_box(pr, gx, gy, gi, font);
		}
		position += gi->geometry.width;
	}
	cairo_set_scaled_font(cr, scaled);
	if (!text || !item) {
		cairo_show_glyphs(cr, cg, count);
		free(cg);
		return;
	}
	int backward = item->item->analysis.level & 1;
	int flags = backward ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : 0;
	cairo_text_cluster_t *clusters =
	    kg_calloc((size_t)glyphs->num_glyphs + (size_t)item->item->num_chars + 1, sizeof(*clusters));
	kg_buf kept = KG_BUF_INIT;
	int cluster_count = run_clusters(item, text, glyphs, 1, clusters, &kept);
	if (cluster_count >= 0) {
		cairo_show_text_glyphs(cr, kept.data ? kept.data : "", (int)kept.len, cg, count, clusters,
		                       cluster_count, flags);
	} else {
		cluster_count = run_clusters(item, text, glyphs, 0, clusters, NULL);
		cairo_show_text_glyphs(cr, text + item->item->offset, item->item->length, cg, count, clusters,
		                       cluster_count, flags);
	}
	kg_buf_release(&kept);
	free(clusters);
	free(cg);
}

static void renderer_draw_glyph_item(PangoRenderer *r, const char *text, PangoGlyphItem *item, int x, int y)
{
	show_run(as_pdf(r), item->item->analysis.font, item->glyphs, text, item, x, y);
}

static void renderer_draw_glyphs(PangoRenderer *r, PangoFont *font, PangoGlyphString *glyphs, int x, int y)
{
	show_run(as_pdf(r), font, glyphs, NULL, NULL, x, y);
}

static void renderer_draw_rectangle(PangoRenderer *r, PangoRenderPart part, int x, int y, int width,
                                    int height)
{
	pdf_renderer *pr = as_pdf(r);
	if (!pr->cr)
		return;
	set_part_source(pr, part);
	cairo_rectangle(pr->cr, pr->x + (double)x / PANGO_SCALE, pr->y + (double)y / PANGO_SCALE,
	                (double)width / PANGO_SCALE, (double)height / PANGO_SCALE);
	cairo_fill(pr->cr);
}

static void renderer_draw_trapezoid(PangoRenderer *r, PangoRenderPart part, double y1, double x11, double x21,
                                    double y2, double x12, double x22)
{
	pdf_renderer *pr = as_pdf(r);
	if (!pr->cr)
		return;
	set_part_source(pr, part);
	cairo_t *cr = pr->cr;
	cairo_move_to(cr, pr->x + x11, pr->y + y1);
	cairo_line_to(cr, pr->x + x21, pr->y + y1);
	cairo_line_to(cr, pr->x + x22, pr->y + y2);
	cairo_line_to(cr, pr->x + x12, pr->y + y2);
	cairo_close_path(cr);
	cairo_fill(cr);
}

static void kg_pdf_renderer_init(KgPdfRenderer *pr) { (void)pr; }

static void kg_pdf_renderer_class_init(KgPdfRendererClass *klass)
{
	PangoRendererClass *rc = PANGO_RENDERER_CLASS(klass);
	rc->draw_glyphs = renderer_draw_glyphs;
	rc->draw_glyph_item = renderer_draw_glyph_item;
	rc->draw_rectangle = renderer_draw_rectangle;
	rc->draw_trapezoid = renderer_draw_trapezoid;
}

PangoRenderer *pdf_renderer_new(pdf_embed *e)
{
	pdf_renderer *pr = g_object_new(kg_pdf_renderer_get_type(), NULL);
	pr->embed = e;
	return &pr->parent;
}

void pdf_renderer_set_target(PangoRenderer *r, cairo_t *cr) { as_pdf(r)->cr = cr; }

/* Draws with the cairo context's current source as the default ink. */
static void begin_draw(pdf_renderer *pr, double x, double y)
{
	pr->x = x;
	pr->y = y;
	if (pr->cr)
		pr->ink = cairo_pattern_reference(cairo_get_source(pr->cr));
}

static void end_draw(pdf_renderer *pr)
{
	if (pr->cr) {
		cairo_set_source(pr->cr, pr->ink);
		cairo_pattern_destroy(pr->ink);
		pr->ink = NULL;
	}
}

void pdf_renderer_show_line(PangoRenderer *r, PangoLayoutLine *line, double x, double baseline)
{
	pdf_renderer *pr = as_pdf(r);
	begin_draw(pr, x, baseline);
	pango_renderer_draw_layout_line(r, line, 0, 0);
	end_draw(pr);
}

void pdf_renderer_show_layout(PangoRenderer *r, PangoLayout *layout, double x, double top)
{
	pdf_renderer *pr = as_pdf(r);
	begin_draw(pr, x, top);
	pango_renderer_draw_layout(r, layout, 0, 0);
	end_draw(pr);
}
