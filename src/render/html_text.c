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
 *   keeps them whole, so each word of two or more characters goes in
 *   <span class="w"> (white-space: nowrap in the theme) with <wbr> between
 *   words: lines break between words and nowhere else, in any browser.
 *   Measured in Chromium 156: `word-break: keep-all` does not apply to
 *   these scripts, and <wbr> alone adds breaks without removing the wrong
 *   ones; copying the text copies no invisible characters (which joiners
 *   would). Thai is left to the browser, whose dictionary does it well.
 *
 * The runs are found by locale/script_runs.c (shared with the PDF
 * writer). Stateless; the caller owns the buffer. */
#include "kitgen/render/html.h"

#include "kitgen/locale/script_runs.h"

static void write_run(void *ud, kg_run_kind kind, const char *text, size_t len, int follows_word)
{
	kg_buf *out = ud;
	switch (kind) {
	case KG_RUN_TEXT: kg_buf_add_html(out, text, len); break;
	case KG_RUN_LTR:
		kg_buf_puts(out, "<bdi dir=\"ltr\">");
		kg_buf_add_html(out, text, len);
		kg_buf_puts(out, "</bdi>");
		break;
	case KG_RUN_WORD:
		if (follows_word)
			kg_buf_puts(out, "<wbr>");
		kg_buf_puts(out, "<span class=\"w\">");
		kg_buf_add_html(out, text, len);
		kg_buf_puts(out, "</span>");
		break;
	}
}

void kg_html_text(const char *text, size_t len, const char *tag, int isolate_ltr, kg_buf *out)
{
	kg_script_runs(text, len, tag, isolate_ltr, write_run, out);
}
