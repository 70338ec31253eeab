/* test_sheets.c: wallet cards and booklets (pdf/card.c, pdf/sheets.c),
 * read back with poppler: card sheets are Letter or A4 with cut marks
 * 85.6 x 54 mm apart (measured on a raster of the PDF), their text comes
 * back in its language, they carry no QR code, and a phrase too long for
 * a panel is an error at its line; booklets have a multiple of four pages,
 * imposed in saddle-stitch order (the printed folios read back from each
 * half of each sheet side). */
#include "kitgen/pdf/pdf.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

static char work_dir[256];

/* Runs a shell command; returns its standard output (caller frees). */
static char *run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *run(const char *fmt, ...)
{
	char cmd[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	kg_buf out = KG_BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		kg_buf_add(&out, chunk, n);
	pclose(p);
	return kg_buf_detach(&out, NULL);
}

static void format_western(void *ctx, long long n, kg_buf *out) { kg_buf_printf(out, "%lld", n); }

static int position(void *ctx, cmark_node *node, const char **file)
{
	*file = "content/education/phrases.md";
	return cmark_node_get_start_line(node) + 10; /* the body starts on line 11 */
}

typedef struct doc {
	kg_pdf_request req;
	cmark_node *root;
} doc;

static void doc_init(doc *d, const char *lang, kg_pdf_variant variant, const char *markdown)
{
	memset(d, 0, sizeof(*d));
	d->root = cmark_parse_document(markdown, strlen(markdown), CMARK_OPT_DEFAULT);
	d->req.doc = d->root;
	d->req.title = "Emergency phrases";
	d->req.title_lang = lang;
	d->req.lang = lang;
	d->req.source_lang = "en";
	d->req.source_title = "Emergency phrases";
	d->req.variant = variant;
	d->req.paper = KG_PAPER_LETTER;
	d->req.kit_title = "Community Safety Kit";
	d->req.page_label = "Page {n} of {m}";
	d->req.url = "https://kit.example.org/en/education/phrases/";
	d->req.qr_caption = "Scan for the online version";
	d->req.org_name = "Harbor Community Center";
	d->req.org_phone = "(555) 010-4477";
	d->req.format_int = format_western;
	d->req.display_path = "out/en/education/phrases/phrases-en-card.pdf";
	d->req.unit_position = position;
}

static void doc_release(doc *d) { cmark_node_free(d->root); }

/* Renders to work_dir/name; returns 0 or -1 (diags filled). */
static int render(const doc *d, const char *name, char *path, size_t size, kg_pdf_stats *stats,
                  kg_diags *diags)
{
	kg_buf pdf = KG_BUF_INIT;
	int rc = kg_pdf_render_stats(&d->req, &pdf, stats, diags);
	snprintf(path, size, "%s/%s", work_dir, name);
	if (rc == 0) {
		FILE *f = fopen(path, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(pdf.data, 1, pdf.len, f), pdf.len);
		fclose(f);
	} else {
		kg_diags_print(diags, stderr, KG_DIAG_TEXT, 0);
	}
	kg_buf_release(&pdf);
	return rc;
}

static void render_ok(const doc *d, const char *name, char *path, size_t size, kg_pdf_stats *stats)
{
	kg_diags diags;
	kg_diags_init(&diags);
	assert_int_equal(render(d, name, path, size, stats, &diags), 0);
	kg_diags_release(&diags);
}

static void assert_contains(const char *haystack, const char *needle)
{
	if (!strstr(haystack, needle))
		fprintf(stderr, "[%s] not in [%.600s]\n", needle, haystack);
	assert_non_null(strstr(haystack, needle));
}

static int pages_of(const char *path, char *size_line, size_t size)
{
	char *info = run("pdfinfo '%s'", path);
	const char *p = strstr(info, "Pages:");
	assert_non_null(p);
	int pages = atoi(p + 6);
	const char *s = strstr(info, "Page size:");
	assert_non_null(s);
	snprintf(size_line, size, "%.*s", (int)strcspn(s, "\n"), s);
	free(info);
	return pages;
}

/* ---- A gray raster of a PDF page (pdftoppm -gray: binary PGM) ---- */

typedef struct gray {
	int w, h;
	unsigned char *px;
} gray;

static gray raster(const char *pdf, int page, int dpi)
{
	char prefix[600], cmd[1400];
	snprintf(prefix, sizeof(prefix), "%s.r%d", pdf, page);
	snprintf(cmd, sizeof(cmd), "pdftoppm -gray -r %d -f %d -l %d -singlefile '%s' '%s'", dpi, page, page,
	         pdf, prefix);
	assert_int_equal(system(cmd), 0);
	char path[700];
	snprintf(path, sizeof(path), "%s.pgm", prefix);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	gray g = {0, 0, NULL};
	int max = 0;
	assert_int_equal(fscanf(f, "P5 %d %d %d", &g.w, &g.h, &max), 3);
	fgetc(f); /* the one white-space character before the pixels */
	g.px = malloc((size_t)g.w * (size_t)g.h);
	assert_non_null(g.px);
	assert_int_equal(fread(g.px, 1, (size_t)g.w * (size_t)g.h, f), (size_t)g.w * (size_t)g.h);
	fclose(f);
	return g;
}

/* Centres of the dark runs along a row (vertical = 0) or a column, in pixels. */
static int dark_runs(const gray *g, int vertical, int at, double *centres, int max)
{
	int n = 0, start = -1, len = vertical ? g->h : g->w;
	for (int i = 0; i <= len; i++) {
		int dark =
		    i < len && (vertical ? g->px[(size_t)i * g->w + at] : g->px[(size_t)at * g->w + i]) < 128;
		if (dark && start < 0)
			start = i;
		if (!dark && start >= 0) {
			if (n < max)
				centres[n] = (start + i - 1) / 2.0;
			n++;
			start = -1;
		}
	}
	return n;
}

#define CARD_W_PT (85.6 / 25.4 * 72)
#define CARD_H_PT (54.0 / 25.4 * 72)

static const char phrases_vi[] =
    "## Xin giúp đỡ\n\n"
    "- \"Tôi cần giúp đỡ.\"\n- \"Xin hãy giúp tôi.\"\n- \"Xin hãy gọi 911.\"\n\n"
    "## Ngôn ngữ\n\n"
    "- \"Tôi không nói được tiếng Anh. Tôi cần thông dịch viên.\"\n- \"Xin hãy nói chậm.\"\n\n"
    "## Sức khỏe\n\n"
    "- \"Tôi bị thương.\"\n- \"Tôi cần bác sĩ.\"\n- \"Tôi cần xe cứu thương.\"\n- \"Tôi không thở được.\"\n";

/* The cut marks on a card sheet are one card apart, across and down, and
 * the sheet is the paper asked for. */
static void check_card_sheet(kg_paper paper, const char *size_text)
{
	doc d;
	doc_init(&d, "vi", KG_PDF_CARD, phrases_vi);
	d.req.paper = paper;
	char path[512], size[128];
	kg_pdf_stats stats = {0};
	render_ok(&d, paper == KG_PAPER_A4 ? "card-a4.pdf" : "card-letter.pdf", path, sizeof(path), &stats);
	int pages = pages_of(path, size, sizeof(size));
	assert_int_equal(pages, stats.pages);
	assert_true(pages >= 2 && pages % 2 == 0); /* fronts, then backs */
	assert_contains(size, size_text);
	/* 144 dpi: 2 pixels per point. The marks stand outside the grid of
	 * cards: horizontal ones left of it, vertical ones above it. */
	const int dpi = 144;
	double scale = dpi / 72.0;
	gray g = raster(path, 1, dpi);
	double page_w = paper == KG_PAPER_A4 ? 595 : 612;
	double grid_x = (page_w - 2 * CARD_W_PT) / 2;
	int column = (int)((grid_x - 12) * scale); /* MARK_GAP 6 + half of MARK_LENGTH 12 */
	double rows[16], cols[16];
	int n = dark_runs(&g, 1, column, rows, 16);
	int want_rows = paper == KG_PAPER_A4 ? 5 : 4;
	assert_int_equal(n, want_rows + 1);
	for (int i = 1; i < n; i++)
		assert_true(fabs((rows[i] - rows[i - 1]) / scale - CARD_H_PT) < 1.0);
	int row = (int)((rows[0] / scale - 12) * scale);
	int m = dark_runs(&g, 0, row, cols, 16);
	assert_int_equal(m, 3);
	for (int i = 1; i < m; i++)
		assert_true(fabs((cols[i] - cols[i - 1]) / scale - CARD_W_PT) < 1.0);
	free(g.px);
	doc_release(&d);
}

static void test_card_sheet_letter_has_credit_card_panels(void **state)
{
	check_card_sheet(KG_PAPER_LETTER, "612 x 792");
}

static void test_card_sheet_a4_has_credit_card_panels(void **state)
{
	check_card_sheet(KG_PAPER_A4, "595 x 842");
}

/* Fronts carry the phrases in the language, backs the organization; and
 * no QR code: a wallet card is read, not scanned. */
static void test_card_text_reads_back_and_has_no_qr_code(void **state)
{
	doc d;
	doc_init(&d, "vi", KG_PDF_CARD, phrases_vi);
	char path[512], size[128];
	render_ok(&d, "card-text.pdf", path, sizeof(path), NULL);
	char *front = run("pdftotext -f 1 -l 1 '%s' -", path);
	assert_contains(front, "Tôi cần giúp đỡ.");
	assert_contains(front, "Tôi không thở được.");
	assert_null(strstr(front, "(555) 010-4477"));
	free(front);
	int pages = pages_of(path, size, sizeof(size));
	char *back = run("pdftotext -f 2 -l 2 '%s' -", path);
	assert_contains(back, "(555) 010-4477");
	assert_contains(back, "Harbor Community Center");
	free(back);
	for (int p = 1; p <= pages; p++) {
		char *qr = run(
		    "pdftoppm -r 150 -png -f %d -l %d -singlefile '%s' '%s.qr' && zbarimg -q --raw '%s.qr.png' 2>/dev/null; "
		    "echo \"status $?\"",
		    p, p, path, path, path);
		assert_contains(qr, "status 4"); /* zbarimg: no symbol found */
		free(qr);
	}
	/* The same page as a handout has its QR code: the check can fail. */
	d.req.variant = KG_PDF_STANDARD;
	render_ok(&d, "card-as-handout.pdf", path, sizeof(path), NULL);
	char *qr =
	    run("pdftoppm -r 150 -png -f 1 -l 1 -singlefile '%s' '%s.qr' && zbarimg -q --raw '%s.qr.png'",
	        path, path, path);
	assert_contains(qr, "https://kit.example.org/en/education/phrases/");
	free(qr);
	doc_release(&d);
}

/* A phrase taller than a panel is an error at its line, naming it. */
static void test_card_phrase_too_long_is_an_error_at_its_line(void **state)
{
	kg_buf md = KG_BUF_INIT;
	kg_buf_puts(&md, "## Help\n\n- \"I need help.\"\n- \"");
	for (int i = 0; i < 60; i++)
		kg_buf_puts(&md, "Please call my family and tell them where I am. ");
	kg_buf_puts(&md, "\"\n");
	doc d;
	doc_init(&d, "en", KG_PDF_CARD, md.data);
	char path[512];
	kg_diags diags;
	kg_diags_init(&diags);
	kg_buf pdf = KG_BUF_INIT;
	assert_int_equal(kg_pdf_render(&d.req, &pdf, &diags), -1);
	assert_int_equal(diags.count, 1);
	assert_string_equal(diags.items[0].file, "content/education/phrases.md");
	assert_int_equal(diags.items[0].line, 14); /* line 4 of the body */
	assert_contains(diags.items[0].message, "cannot hold \"\"Please call my family");
	kg_buf_release(&pdf);
	kg_diags_release(&diags);
	(void)path;
	doc_release(&d);
	kg_buf_release(&md);
}

static void test_card_without_phrases_is_an_error(void **state)
{
	doc d;
	doc_init(&d, "en", KG_PDF_CARD, "Keep this card with you.\n");
	assert_int_equal(kg_pdf_card_phrases(d.root), 0);
	kg_diags diags;
	kg_diags_init(&diags);
	kg_buf pdf = KG_BUF_INIT;
	assert_int_equal(kg_pdf_render(&d.req, &pdf, &diags), -1);
	assert_true(diags.count >= 1);
	assert_contains(diags.items[0].message, "no phrases");
	kg_buf_release(&pdf);
	kg_diags_release(&diags);
	doc_release(&d);
}

/* ---- Booklets ---- */

/* The folio ("Page n of m") printed on the left or right half of a sheet
 * side, or 0 for a blank page. */
static int folio(const char *path, int side, int right)
{
	char *text =
	    run("pdftotext -f %d -l %d -x %d -y 0 -W 396 -H 612 '%s' -", side, side, right ? 396 : 0, path);
	const char *p = strstr(text, "Page ");
	int n = p ? atoi(p + 5) : 0;
	free(text);
	return n;
}

static void test_booklet_pages_in_saddle_stitch_order(void **state)
{
	kg_buf md = KG_BUF_INIT;
	for (int s = 0; s < 14; s++) {
		kg_buf_printf(&md, "## Section %d\n\n", s + 1);
		for (int p = 0; p < 3; p++)
			kg_buf_puts(
			    &md,
			    "When you see someone being harassed, you may want to help but not know how. "
			    "You do not have to be brave or strong to help. There are five ways to step in, "
			    "and you can choose the one that feels safe for you.\n\n");
	}
	doc d;
	doc_init(&d, "en", KG_PDF_BOOKLET, md.data);
	char path[512], size[128];
	kg_pdf_stats stats = {0};
	render_ok(&d, "booklet.pdf", path, sizeof(path), &stats);
	int sides = pages_of(path, size, sizeof(size));
	assert_contains(size, "792 x 612"); /* Letter, landscape: two half-letter pages */
	int pages = stats.logical_pages, real = pages - stats.blank_pages;
	assert_true(pages % 4 == 0);
	assert_true(stats.blank_pages >= 1 && stats.blank_pages <= 3); /* this text leaves some */
	assert_int_equal(sides, pages / 2);
	/* Sheet s (0-based): front P-2s | 2s+1, back 2s+2 | P-2s-1. */
	for (int s = 0; s < pages / 4; s++) {
		int want[4] = {pages - 2 * s, 2 * s + 1, 2 * s + 2, pages - 2 * s - 1};
		int got[4] = {folio(path, 2 * s + 1, 0), folio(path, 2 * s + 1, 1), folio(path, 2 * s + 2, 0),
		              folio(path, 2 * s + 2, 1)};
		for (int i = 0; i < 4; i++) {
			int expect = want[i] <= real ? want[i] : 0; /* blanks print nothing */
			if (got[i] != expect)
				fprintf(stderr, "sheet %d slot %d: folio %d, wanted %d\n", s + 1, i, got[i],
				        expect);
			assert_int_equal(got[i], expect);
		}
	}
	/* A4 sheets fold to A5. */
	d.req.paper = KG_PAPER_A4;
	render_ok(&d, "booklet-a4.pdf", path, sizeof(path), &stats);
	pages_of(path, size, sizeof(size));
	assert_contains(size, "842 x 595");
	doc_release(&d);
	kg_buf_release(&md);
}

static int setup(void **state)
{
	snprintf(work_dir, sizeof(work_dir), "/tmp/kitgen-test-sheets.XXXXXX");
	return mkdtemp(work_dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", work_dir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_card_sheet_letter_has_credit_card_panels),
	    cmocka_unit_test(test_card_sheet_a4_has_credit_card_panels),
	    cmocka_unit_test(test_card_text_reads_back_and_has_no_qr_code),
	    cmocka_unit_test(test_card_phrase_too_long_is_an_error_at_its_line),
	    cmocka_unit_test(test_card_without_phrases_is_an_error),
	    cmocka_unit_test(test_booklet_pages_in_saddle_stitch_order),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
