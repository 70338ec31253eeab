/* html_text.c: how a run of page text becomes HTML (see html.h): escaped,
 * with the two things a browser gets wrong in some scripts made explicit.
 *
 * - Bidi isolation. In a right-to-left page a phone number, a date, a URL
 *   or an e-mail address is written left to right, but the Unicode bidi
 *   algorithm splits "(808) 555-0142" into runs and reorders them around
 *   the Urdu text ("555-0142 (808)", parentheses mirrored). Each such
 *   token is put in <bdi dir="ltr">, which reads exactly as in English.
 *   Plain numbers need nothing (the algorithm keeps a digit run whole).
 *
 * - Word spans. Khmer, Lao and Myanmar are written without spaces between
 *   words; a browser finds line breaks with its own dictionary, and
 *   Chromium's splits compounds (ស្ថាន|ការណ៍, ស្ម័គ្រ|ចិត្ត). The ICU here
 *   keeps them whole, so each long word (8 code points or more: the
 *   compounds) goes in <kg-w> (white-space: nowrap in the theme), with
 *   <wbr> between two such words. An element of its own (a custom
 *   element name: valid HTML, inline, no script) rather than
 *   <span class="w">: 13 bytes of markup per word instead of 23, which
 *   keeps the longest Khmer page within the page budget (docs/templates.md).
 *   Measured in Chromium 156: `word-break: keep-all` does not apply to
 *   these scripts, and <wbr> alone adds breaks without removing the wrong
 *   ones; copying the text copies no invisible characters (which joiners
 *   would). Thai is left to the browser, whose dictionary does it well.
 *
 * The runs are found by locale/script_runs.c (shared with the PDF
 * writer). Stateless; the caller owns the buffer. */
#include "kitgen/render/html.h"

#include "kitgen/locale/script_runs.h"

/* Words this long or longer (in code points: about three syllables) are
 * wrapped: the compounds a browser's dictionary splits. Shorter ones are
 * left to the browser, so that the markup stays within the pages' size
 * budget (docs/templates.md: every word wrapped made the largest Khmer
 * page 66 KB instead of 34 KB; from 8 code points, 39 KB). */
#define WRAPPED_WORD_MIN 8

typedef struct html_runs {
	kg_buf *out;
	int last_wrapped; /* the output ends with a word span */
} html_runs;

static size_t code_points(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

static void write_run(void *ud, kg_run_kind kind, const char *text, size_t len, int follows_word)
{
	html_runs *h = ud;
	kg_buf *out = h->out;
	int wrapped = kind == KG_RUN_WORD && code_points(text, len) >= WRAPPED_WORD_MIN;
	switch (kind) {
	case KG_RUN_TEXT: kg_buf_add_html(out, text, len); break;
	case KG_RUN_LTR:
		kg_buf_puts(out, "<bdi dir=\"ltr\">");
		kg_buf_add_html(out, text, len);
		kg_buf_puts(out, "</bdi>");
		break;
	case KG_RUN_WORD:
		if (!wrapped) {
			kg_buf_add_html(out, text, len);
			break;
		}
		/* Between two spans the browser may see no break at all. */
		if (follows_word && h->last_wrapped)
			kg_buf_puts(out, "<wbr>");
		kg_buf_puts(out, "<kg-w>");
		kg_buf_add_html(out, text, len);
		kg_buf_puts(out, "</kg-w>");
		break;
	}
	h->last_wrapped = wrapped;
}

void kg_html_text(const char *text, size_t len, const char *tag, int isolate_ltr, kg_buf *out)
{
	html_runs h = {out, 0};
	kg_script_runs(text, len, tag, isolate_ltr, write_run, &h);
}
