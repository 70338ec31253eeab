/* sheets.c: where a document's pages go on the paper that is printed.
 * A handout prints one page per sheet. A booklet prints two half pages
 * on each side of a landscape sheet, in saddle-stitch order: with P pages
 * (blanks added to a multiple of four), sheet s carries P-2s and 2s+1 on
 * its front and 2s+2 and P-2s-1 on its back (1-based), so that the sheets,
 * printed double-sided (flip on the short edge), stacked, folded and
 * stapled, read in order. Cards put several panels on a sheet in a grid,
 * fronts on one side and the back panel on the other, mirrored so that
 * each back lands behind its front. Owns nothing; reads the pdf_doc.
 */
#include "pdf/pdf_internal.h"

/* Cut marks stop this far from the cards, and are this long. */
#define MARK_GAP 6.0
#define MARK_LENGTH 12.0

void pdf_sheets_plan(pdf_doc *doc)
{
	const kg_pdf_request *req = doc->req;
	int a4 = req->paper == KG_PAPER_A4;
	doc->sheet_w = doc->page_w;
	doc->sheet_h = doc->page_h;
	doc->sheets = doc->pages;
	doc->logical_pages = doc->pages;
	if (req->variant == KG_PDF_BOOKLET) {
		doc->sheet_w = a4 ? 842 : 792;
		doc->sheet_h = a4 ? 595 : 612;
		doc->logical_pages = (doc->pages + 3) / 4 * 4;
		doc->sheets = doc->logical_pages / 2;
	} else if (req->variant == KG_PDF_CARD) {
		doc->sheet_w = a4 ? 595 : 612;
		doc->sheet_h = a4 ? 842 : 792;
		doc->card_cols = 2;
		doc->card_rows = a4 ? 5 : 4; /* leaves room for the marks and a printer's margin */
		doc->card_x = (doc->sheet_w - doc->card_cols * doc->page_w) / 2;
		doc->card_y = (doc->sheet_h - doc->card_rows * doc->page_h) / 2;
		int per_sheet = doc->card_cols * doc->card_rows;
		int fronts = doc->card_fronts > 0 ? doc->card_fronts : 1;
		doc->sheets = 2 * ((fronts + per_sheet - 1) / per_sheet);
	}
}

int pdf_sheet_slots(const pdf_doc *doc, int sheet, pdf_slot *slots)
{
	const kg_pdf_request *req = doc->req;
	if (req->variant == KG_PDF_BOOKLET) {
		int s = sheet / 2, last = doc->logical_pages - 1;
		int left = sheet % 2 ? 2 * s + 1 : last - 2 * s;
		int right = sheet % 2 ? last - 2 * s - 1 : 2 * s;
		slots[0] = (pdf_slot){left < doc->pages ? left : -1, 0, 0};
		slots[1] = (pdf_slot){right < doc->pages ? right : -1, doc->page_w, 0};
		return 2;
	}
	if (req->variant == KG_PDF_CARD) {
		int per_sheet = doc->card_cols * doc->card_rows, back = sheet % 2, n = 0;
		for (int i = 0; i < per_sheet && n < PDF_MAX_SLOTS; i++) {
			int card = sheet / 2 * per_sheet + i;
			if (card >= doc->card_fronts)
				break;
			int col = i % doc->card_cols, row = i / doc->card_cols;
			if (back)
				col = doc->card_cols - 1 - col;
			slots[n++] =
			    (pdf_slot){back ? doc->card_fronts : card, doc->card_x + col * doc->page_w,
			               doc->card_y + row * doc->page_h};
		}
		return n;
	}
	slots[0] = (pdf_slot){sheet, 0, 0};
	return 1;
}

static void line(cairo_t *cr, double x0, double y0, double x1, double y1)
{
	cairo_move_to(cr, x0, y0);
	cairo_line_to(cr, x1, y1);
}

void pdf_sheet_marks(const pdf_doc *doc, cairo_t *cr)
{
	const kg_pdf_request *req = doc->req;
	if (req->variant == KG_PDF_CARD) {
		double x0 = doc->card_x, y0 = doc->card_y;
		double x1 = x0 + doc->card_cols * doc->page_w, y1 = y0 + doc->card_rows * doc->page_h;
		for (int c = 0; c <= doc->card_cols; c++) {
			double x = x0 + c * doc->page_w;
			line(cr, x, y0 - MARK_GAP - MARK_LENGTH, x, y0 - MARK_GAP);
			line(cr, x, y1 + MARK_GAP, x, y1 + MARK_GAP + MARK_LENGTH);
		}
		for (int r = 0; r <= doc->card_rows; r++) {
			double y = y0 + r * doc->page_h;
			line(cr, x0 - MARK_GAP - MARK_LENGTH, y, x0 - MARK_GAP, y);
			line(cr, x1 + MARK_GAP, y, x1 + MARK_GAP + MARK_LENGTH, y);
		}
	} else if (req->variant == KG_PDF_BOOKLET) {
		double x = doc->sheet_w / 2; /* the fold */
		line(cr, x, 0, x, MARK_LENGTH);
		line(cr, x, doc->sheet_h - MARK_LENGTH, x, doc->sheet_h);
	} else {
		return;
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 0.5);
	cairo_stroke(cr);
}
